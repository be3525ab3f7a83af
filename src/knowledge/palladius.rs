//! The Palladius system, how Russian (and the other languages written in
//! Cyrillic that follow it) writes Mandarin: "Си Цзиньпин" is Xi Jinping,
//! "Чжао Лэцзи" Zhao Leji, "Гуанчжоу" Guangzhou. A Cyrillic transliteration
//! of such a name ("si tszinpin") is too far from the pinyin for edit
//! distance; read syllable by syllable, it is the pinyin itself.
//!
//! Each syllable's Palladius spelling follows from the standard rules
//! ([`to_palladius`]) over the pinyin inventory the normalizer itself
//! uses (see [`super::wade_giles::pinyin_syllables`]); the inverse map
//! reads a Cyrillic word as a sequence of such syllables, every way it
//! splits ("синань" is xinan or xin'an). A word is read only when all of
//! it splits into syllables; a name only when all of its words do.
//!
//! # Example
//! ```
//! use polyonym::knowledge::palladius;
//! assert_eq!(palladius::to_palladius("jin"), "цзинь");
//! assert_eq!(palladius::readings("цзиньпин"), ["jinping"]);
//! let any = |_: &str| true;
//! assert_eq!(palladius::pinyin_spellings("Си Цзиньпин", any), [["xi", "jinping"]]);
//! assert!(palladius::pinyin_spellings("Владимир Путин", any).is_empty());
//! ```

use std::collections::HashMap;
use std::sync::OnceLock;

use super::wade_giles::{pinyin_syllables, split_initial};

/// Most spellings a name read as Palladius turns into.
pub const MAX_SPELLINGS: usize = 4;

/// Most readings kept per word (the splits of a long word multiply).
const MAX_READINGS: usize = 8;

/// Longest syllable in Cyrillic letters ("чжуань", "цзюань").
const MAX_SYLLABLE_CHARS: usize = 6;

/// Cyrillic syllable → the pinyin syllables it spells.
fn table() -> &'static HashMap<String, Vec<&'static str>> {
    static TABLE: OnceLock<HashMap<String, Vec<&'static str>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: HashMap<String, Vec<&'static str>> = HashMap::new();
        for p in pinyin_syllables() {
            table.entry(to_palladius(p)).or_default().push(p);
        }
        // The inventory folds ü to u (吕 is "lu"); Palladius keeps them
        // apart: люй, нюй, люэ, нюэ read as the folded pinyin.
        for (cyrillic, pinyin) in [("люй", "lu"), ("нюй", "nu"), ("люэ", "lue"), ("нюэ", "nue")]
        {
            let readings = table.entry(cyrillic.to_string()).or_default();
            if !readings.contains(&pinyin) {
                readings.push(pinyin);
            }
        }
        table
    })
}

/// The Palladius spelling of a toneless pinyin syllable, in lowercase
/// Cyrillic: initials b p m f d t n l g k h → б п м ф д т н л г к х,
/// j z → цз, q c → ц, x s → с, zh → чж, ch → ч, sh → ш, r → ж; finals
/// -e -ei -en -eng → -э -эй -энь -эн, -an -in -un → -ань -инь -унь,
/// -ang -ing -ong → -ан -ин -ун, -ia -iu -ie -iao -ian -iang -iong →
/// -я -ю -е -яо -янь -ян -юн, -uo → -о, ü after j q x → юй (-ue → -юэ,
/// -uan → -юань, -un → -юнь); zi ci si → цзы цы сы, hui → хуэй, syllables
/// without an initial as written in y- and w- (ye → е, you → ю, wu → у).
pub fn to_palladius(pinyin: &str) -> String {
    let whole = match pinyin {
        "zi" => "цзы",
        "ci" => "цы",
        "si" => "сы",
        "hui" => "хуэй",
        "yi" => "и",
        "ya" => "я",
        "yan" => "янь",
        "yang" => "ян",
        "yao" => "яо",
        "ye" => "е",
        "yin" => "инь",
        "ying" => "ин",
        "yo" => "йо",
        "yong" => "юн",
        "you" => "ю",
        "yu" => "юй",
        "yuan" => "юань",
        "yue" => "юэ",
        "yun" => "юнь",
        "wa" => "ва",
        "wai" => "вай",
        "wan" => "вань",
        "wang" => "ван",
        "wei" => "вэй",
        "wen" => "вэнь",
        "weng" => "вэн",
        "wo" => "во",
        "wu" => "у",
        _ => "",
    };
    if !whole.is_empty() {
        return whole.to_string();
    }
    let (initial, final_) = split_initial(pinyin);
    let cyrillic_initial = match initial {
        "b" => "б",
        "p" => "п",
        "m" => "м",
        "f" => "ф",
        "d" => "д",
        "t" => "т",
        "n" => "н",
        "l" => "л",
        "g" => "г",
        "k" => "к",
        "h" => "х",
        "j" | "z" => "цз",
        "q" | "c" => "ц",
        "x" | "s" => "с",
        "zh" => "чж",
        "ch" => "ч",
        "sh" => "ш",
        "r" => "ж",
        _ => "",
    };
    // After j, q and x a written u is ü.
    let umlaut = matches!(initial, "j" | "q" | "x");
    let cyrillic_final = match final_ {
        "a" => "а",
        "ai" => "ай",
        "an" => "ань",
        "ang" => "ан",
        "ao" => "ао",
        "e" => "э",
        "ei" => "эй",
        "en" => "энь",
        "eng" => "эн",
        "er" => "эр",
        "o" | "uo" => "о",
        "ou" => "оу",
        "ong" => "ун",
        "i" => "и",
        "ia" => "я",
        "ian" => "янь",
        "iang" => "ян",
        "iao" => "яо",
        "ie" => "е",
        "in" => "инь",
        "ing" => "ин",
        "iong" => "юн",
        "iu" => "ю",
        "u" if umlaut => "юй",
        "u" => "у",
        "ua" => "уа",
        "uai" => "уай",
        "uan" if umlaut => "юань",
        "uan" => "уань",
        "uang" => "уан",
        "ue" => "юэ",
        "ui" => "уй",
        "un" if umlaut => "юнь",
        "un" => "унь",
        // Not a syllable the rules cover: kept apart from every real one.
        other => return format!("?{other}"),
    };
    format!("{cyrillic_initial}{cyrillic_final}")
}

/// The pinyin readings of one lowercase Cyrillic word read as Palladius
/// syllables, each reading the syllables joined ("цзиньпин" → "jinping"),
/// at most eight; empty when the word does not split into syllables.
pub fn readings(word: &str) -> Vec<String> {
    let chars: Vec<char> = word
        .chars()
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect();
    if chars.is_empty() || chars.len() > 40 {
        return Vec::new();
    }
    let table = table();
    // readings_from[i]: the readings of chars[i..], built from the end.
    let mut readings_from: Vec<Vec<String>> = vec![Vec::new(); chars.len() + 1];
    readings_from[chars.len()].push(String::new());
    let mut syllable = String::with_capacity(4 * MAX_SYLLABLE_CHARS);
    for start in (0..chars.len()).rev() {
        let mut here: Vec<String> = Vec::new();
        // Longest syllables first: "чжоу" is zhou before zhuo·wu.
        for end in (start + 1..=(start + MAX_SYLLABLE_CHARS).min(chars.len())).rev() {
            if readings_from[end].is_empty() {
                continue;
            }
            syllable.clear();
            syllable.extend(&chars[start..end]);
            let Some(pinyin) = table.get(syllable.as_str()) else {
                continue;
            };
            for p in pinyin {
                for rest in &readings_from[end] {
                    let reading = format!("{p}{rest}");
                    if here.len() < MAX_READINGS && !here.contains(&reading) {
                        here.push(reading);
                    }
                }
            }
        }
        readings_from[start] = here;
    }
    std::mem::take(&mut readings_from[0])
}

/// The pinyin spellings of a name written in Cyrillic by the Palladius
/// system, one word per written word ("Си Цзиньпин" → xi jinping), those
/// whose every word `accept` takes (the words a dictionary carries, or the
/// other name's tokens in `compare`), at most [`MAX_SPELLINGS`]; in
/// Ukrainian letters too (Сі Цзіньпін). Empty
/// when the name has a word that is not Cyrillic or does not read as
/// Palladius syllables, or has more than five words.
pub fn pinyin_spellings(name: &str, accept: impl Fn(&str) -> bool) -> Vec<Vec<String>> {
    let lower = super::ukrainian_as_russian(name.to_lowercase());
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '‐' | '‑' | '·' | '.'))
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || words.len() > 5 {
        return Vec::new();
    }
    super::read_word_by_word(&words, MAX_SPELLINGS, |_, w| {
        if !w.chars().all(|c| ('а'..='я').contains(&c) || c == 'ё') {
            return Vec::new();
        }
        readings(w).into_iter().filter(|r| accept(r)).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversion_rules() {
        for (pinyin, cyrillic) in [
            ("xi", "си"),
            ("jin", "цзинь"),
            ("ping", "пин"),
            ("zhao", "чжао"),
            ("le", "лэ"),
            ("ji", "цзи"),
            ("guang", "гуан"),
            ("zhou", "чжоу"),
            ("qiang", "цян"),
            ("shen", "шэнь"),
            ("zhen", "чжэнь"),
            ("hui", "хуэй"),
            ("xu", "сюй"),
            ("jue", "цзюэ"),
            ("quan", "цюань"),
            ("dong", "дун"),
            ("dun", "дунь"),
            ("guo", "го"),
            ("si", "сы"),
            ("ri", "жи"),
            ("rong", "жун"),
            ("xie", "се"),
            ("wei", "вэй"),
            ("yu", "юй"),
            ("ying", "ин"),
            ("de", "дэ"),
        ] {
            assert_eq!(to_palladius(pinyin), cyrillic, "{pinyin}");
        }
    }

    #[test]
    fn mandarin_syllables_have_a_spelling() {
        // The inventory also holds other languages' readings ("kaki",
        // "jung"), which get none; Mandarin has about 410 syllables.
        let spelled: Vec<String> = pinyin_syllables()
            .map(to_palladius)
            .filter(|c| !c.starts_with('?'))
            .collect();
        assert!(spelled.len() >= 395, "{}", spelled.len());
        let distinct: std::collections::BTreeSet<&String> = spelled.iter().collect();
        assert!(distinct.len() >= 380, "{}", distinct.len());
    }

    #[test]
    fn words_split_every_way() {
        assert_eq!(readings("лэцзи"), ["leji"]);
        assert_eq!(readings("инцзю"), ["yingjiu"]);
        assert_eq!(readings("гуанчжоу")[0], "guangzhou");
        let xinan = readings("синань");
        // син·ань, си·нань and синь·ань (the last two read alike).
        assert_eq!(xinan, ["xingan", "xinan"]);
        assert_eq!(readings("сиань"), ["xian"]);
        assert!(readings("люй").contains(&"lu".to_string()));
        assert!(readings("владимир").is_empty());
        assert_eq!(readings("путин"), ["puting"]); // hence: every word must read
        assert!(readings("").is_empty());
    }

    #[test]
    fn names() {
        let any = |_: &str| true;
        assert_eq!(
            pinyin_spellings("Чжао Лэцзи", any),
            [["zhao".to_string(), "leji".to_string()]]
        );
        assert_eq!(
            pinyin_spellings("Ма Ин-цзю", any),
            [["ma", "ying", "jiu"].map(String::from)]
        );
        // Only the spellings `accept` takes, and every word must read.
        let only = |w: &str| ["xi", "jinping"].contains(&w);
        assert_eq!(pinyin_spellings("Си Цзиньпин", only).len(), 1);
        assert!(pinyin_spellings("Си Цзиньпин", |w| w == "xi").is_empty());
        // In Ukrainian letters: і for и, и for ы.
        assert_eq!(pinyin_spellings("Сі Цзіньпін", only).len(), 1);
        let zi_qi = pinyin_spellings("Цзи Ці", any);
        assert!(zi_qi.contains(&["zi", "qi"].map(String::from).to_vec()));
        assert_eq!(zi_qi, pinyin_spellings("Цзы Ци", any));
        assert!(pinyin_spellings("Иван Петров", any).is_empty());
        assert!(pinyin_spellings("Xi Jinping", any).is_empty());
        assert!(pinyin_spellings("", any).is_empty());
    }
}
