//! Japanese kana to Latin: Hepburn as written in passports and the press
//! (キシダ フミオ → kishida fumio), the same with long vowels shortened
//! (とうきょう → toukyou, tokyo), and Kunrei-shiki (kisida humio). Table:
//! `data/normalize/kana.tsv` (hiragana; katakana is mapped onto it).

use super::tables::tables;
use super::tokens::Alts;
use super::translit::deunicode_fold;

/// Katakana onto hiragana (ァ..ヶ are ぁ..ゖ shifted by 0x60).
fn to_hiragana(c: char) -> char {
    match c as u32 {
        0x30A1..=0x30F6 => char::from_u32(c as u32 - 0x60).unwrap_or(c),
        _ => c,
    }
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'i' | 'u' | 'e' | 'o')
}

/// The consonant the small っ doubles before `romaji` (Hepburn writes tch).
fn geminate(romaji: &str, hepburn: bool) -> Option<char> {
    if hepburn && romaji.starts_with("ch") {
        return Some('t');
    }
    romaji.chars().next().filter(|c| !is_vowel(*c) && *c != 'n')
}

/// One kana token: [Hepburn, Hepburn with long vowels shortened, Kunrei].
pub(super) fn transliterate(token: &str) -> Option<Alts> {
    let table = &tables().kana;
    let hira: String = token.chars().map(to_hiragana).collect();
    let mut hepburn = String::with_capacity(hira.len());
    let mut short = String::with_capacity(hira.len());
    let mut kunrei = String::with_capacity(hira.len());
    let mut doubled = false;
    let mut last_vowel: Option<char> = None;
    let mut at = 0;
    while at < hira.len() {
        let rest = &hira[at..];
        let Some(c) = rest.chars().next() else { break };
        let one = c.len_utf8();
        if c == 'っ' {
            doubled = true;
            at += one;
            continue;
        }
        if c == 'ー' {
            // The long-vowel mark repeats the vowel (dropped when shortened).
            if let Some(v) = last_vowel {
                hepburn.push(v);
                kunrei.push(v);
            }
            at += one;
            continue;
        }
        let two = rest.char_indices().nth(2).map_or(rest.len(), |(i, _)| i);
        let found = (two > one)
            .then(|| table.get(&rest[..two]).map(|e| (two, e)))
            .flatten()
            .or_else(|| table.get(&rest[..one]).map(|e| (one, e)));
        let Some((len, (hep, kun))) = found else {
            let start = hepburn.len();
            deunicode_fold(c, &mut hepburn);
            let added = hepburn[start..].to_string();
            short.push_str(&added);
            kunrei.push_str(&added);
            last_vowel = None;
            doubled = false;
            at += one;
            continue;
        };
        if doubled {
            if let Some(g) = geminate(hep, true) {
                hepburn.push(g);
                short.push(g);
            }
            if let Some(g) = geminate(kun, false) {
                kunrei.push(g);
            }
            doubled = false;
        }
        let long = matches!(
            (last_vowel, hep.as_str()),
            (Some('o'), "u") | (Some('u'), "u") | (Some('o'), "o")
        );
        hepburn.push_str(hep);
        if !long {
            short.push_str(hep);
        }
        kunrei.push_str(kun);
        last_vowel = hep.chars().last().filter(|c| is_vowel(*c));
        at += len;
    }
    Alts::from_vec(vec![hepburn, short, kunrei])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spell(s: &str) -> Vec<String> {
        let a = transliterate(s).unwrap();
        (0..3).map(|k| a.get(k).to_string()).collect()
    }

    #[test]
    fn hepburn_and_kunrei() {
        assert_eq!(spell("キシダ"), ["kishida", "kishida", "kisida"]);
        assert_eq!(spell("とうきょう"), ["toukyou", "tokyo", "toukyou"]);
        assert_eq!(
            spell("ほっかいどう"),
            ["hokkaidou", "hokkaido", "hokkaidou"]
        );
        assert_eq!(spell("マッチャ")[0], "matcha");
        assert_eq!(spell("ソニー"), ["sonii", "soni", "sonii"]);
        assert_eq!(spell("ジョン"), ["jon", "jon", "zyon"]);
    }
}
