//! Script detection and transliteration of one token to folded ASCII.
//!
//! Transliteration generates candidates; it does not decide. Where
//! conventions differ (Зеленский → zelensky, zelenskiy, zelenskij,
//! selenskij) every convention's spelling is returned, primary first, and
//! the skeleton key (see [`crate::key`]) folds them together again.

use std::collections::HashMap;
use std::sync::OnceLock;

use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_script::UnicodeScript;

use super::tables::{tables, TranslitTable, KOREAN_SURNAMES};
use super::tokens::{Alts, Context};
use super::{indic, kana};

/// The writing system of a token (the dominant one of its letters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Script {
    /// Latin letters (with or without diacritics).
    Latin,
    /// Cyrillic (Russian, Ukrainian, Belarusian, Bulgarian, Serbian, Macedonian …).
    Cyrillic,
    /// Greek.
    Greek,
    /// Armenian.
    Armenian,
    /// Georgian.
    Georgian,
    /// Arabic script (Arabic, Persian, Urdu …).
    Arabic,
    /// Hebrew.
    Hebrew,
    /// Devanagari (Hindi, Marathi, Nepali …).
    Devanagari,
    /// Thai.
    Thai,
    /// Hangul (Korean).
    Hangul,
    /// Hiragana and Katakana (Japanese).
    Kana,
    /// Han characters (Chinese hanzi, Japanese kanji, Korean hanja).
    Han,
    /// Digits only.
    Digits,
    /// Any other script.
    Other,
}

impl Script {
    /// Whether a name in this script is written syllable by syllable, a
    /// character (or a Hangul block) each, without spaces between words:
    /// Han, kana, Hangul.
    pub fn is_syllabic(self) -> bool {
        matches!(self, Script::Han | Script::Kana | Script::Hangul)
    }

    /// The script of one character, or `None` for characters common to all
    /// scripts (punctuation, symbols) and combining marks.
    pub fn of(c: char) -> Option<Script> {
        if c.is_ascii() {
            return if c.is_ascii_alphabetic() {
                Some(Script::Latin)
            } else if c.is_ascii_digit() {
                Some(Script::Digits)
            } else {
                None
            };
        }
        // The scripts of typical names by range; `UnicodeScript::script` (a
        // table search) was 9% of `cyrillic/normalize` in `perf`.
        match c as u32 {
            0x00C0..=0x024F if c != '×' && c != '÷' => return Some(Script::Latin),
            0x0400..=0x0482 | 0x048A..=0x04FF => return Some(Script::Cyrillic),
            0x4E00..=0x9FFF => return Some(Script::Han),
            0xAC00..=0xD7A3 => return Some(Script::Hangul),
            _ => {}
        }
        use unicode_script::Script as U;
        Some(match c.script() {
            U::Latin => Script::Latin,
            U::Cyrillic => Script::Cyrillic,
            U::Greek => Script::Greek,
            U::Armenian => Script::Armenian,
            U::Georgian => Script::Georgian,
            U::Arabic => Script::Arabic,
            U::Hebrew => Script::Hebrew,
            U::Devanagari => Script::Devanagari,
            U::Thai => Script::Thai,
            U::Hangul => Script::Hangul,
            U::Hiragana | U::Katakana => Script::Kana,
            U::Han => Script::Han,
            U::Common | U::Inherited | U::Unknown => {
                return if c.is_numeric() {
                    Some(Script::Digits)
                } else {
                    None
                }
            }
            _ => Script::Other,
        })
    }
}

/// Appends the folded ASCII form of one Latin (or other non-table) char:
/// diacritics removed, special letters expanded, anything left through
/// `deunicode`.
pub(crate) fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        }
        return;
    }
    let mut pushed_base = false;
    decompose_canonical(c, |d| {
        if is_combining_mark(d) || pushed_base {
            return;
        }
        pushed_base = true;
        match d {
            d if d.is_ascii() => {
                if d.is_ascii_alphanumeric() {
                    out.push(d.to_ascii_lowercase())
                }
            }
            'ß' | 'ẞ' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'ø' | 'Ø' => out.push('o'),
            'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
            'ł' | 'Ł' => out.push('l'),
            'ı' => out.push('i'),
            'þ' | 'Þ' => out.push_str("th"),
            'ŋ' => out.push_str("ng"),
            'ħ' => out.push('h'),
            'ĸ' => out.push('k'),
            _ => deunicode_fold(d, out),
        }
    });
}

/// Transliterates with a table, one spelling per column in `order`
/// (primary first). Characters without a rule are folded like Latin.
fn with_table(table: &TranslitTable, token: &str, order: &[usize]) -> Option<Alts> {
    let mut spellings = vec![String::with_capacity(token.len() + 4); order.len()];
    let mut at = 0;
    while at < token.len() {
        let rest = &token[at..];
        if let Some((len, outputs)) = table.longest_match(rest, at == 0) {
            for (spelling, &column) in spellings.iter_mut().zip(order) {
                spelling.push_str(&outputs[column]);
            }
            at += len;
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            let mut folded = String::new();
            fold_char(c, &mut folded);
            for spelling in &mut spellings {
                spelling.push_str(&folded);
            }
            at += c.len_utf8();
        }
    }
    Alts::from_vec(spellings)
}

pub(crate) fn push_unique(out: &mut Vec<String>, s: String) {
    if !s.is_empty() && !out.contains(&s) {
        out.push(s);
    }
}

// Revised Romanization of Korean (2000): initial, medial and final jamo.
const HANGUL_INITIALS: [&str; 19] = [
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p",
    "h",
];
const HANGUL_VOWELS: [&str; 21] = [
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
    "wi", "yu", "eu", "ui", "i",
];
const HANGUL_FINALS: [&str; 28] = [
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p",
    "t", "t", "ng", "t", "t", "k", "t", "p", "t",
];

/// Romanizes one Hangul syllable (Revised Romanization), or `None` for a
/// char that is not a precomposed syllable.
pub(crate) fn hangul_syllable(c: char) -> Option<String> {
    let code = (c as u32).checked_sub(0xAC00)?;
    if code >= 11172 {
        return None;
    }
    let (l, v, t) = (code / 588, (code % 588) / 28, code % 28);
    let mut s = String::with_capacity(6);
    s.push_str(HANGUL_INITIALS[l as usize]);
    s.push_str(HANGUL_VOWELS[v as usize]);
    s.push_str(HANGUL_FINALS[t as usize]);
    Some(s)
}

/// The customary spellings of a Korean surname syllable (data/normalize/korean_surnames.tsv).
pub(crate) fn korean_surname(c: char) -> Option<&'static [String]> {
    static TABLE: OnceLock<HashMap<char, Vec<String>>> = OnceLock::new();
    TABLE
        .get_or_init(|| {
            KOREAN_SURNAMES
                .lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
                .filter_map(|l| {
                    let (k, v) = l.split_once('\t')?;
                    Some((
                        k.chars().next()?,
                        v.split('|').map(str::to_string).collect(),
                    ))
                })
                .collect()
        })
        .get(&c)
        .map(Vec::as_slice)
}

/// The McCune–Reischauer-like press spelling of a romanized syllable
/// ("jeong" → "jong", "eun" → "un"), used as a second variant.
pub(crate) fn korean_press_variant(rr: &str) -> String {
    rr.replace("eo", "o").replace("eu", "u")
}

/// Latin letters with a second customary spelling: German umlauts (Müller,
/// Mueller), Scandinavian ø and å (Søren, Soeren; Århus, Aarhus), and the
/// South Slavic đ (Đoković, Djokovic).
fn expanded(c: char) -> Option<&'static str> {
    Some(match c {
        'ä' => "ae",
        'ö' => "oe",
        'ü' => "ue",
        'ø' => "oe",
        'å' => "aa",
        'đ' => "dj",
        _ => return None,
    })
}

/// Transliterates one lowercase NFC token of one script (not Han, not
/// Hangul: those are split into syllables by the caller) into its folded
/// ASCII spellings, primary first. Dots and apostrophes are dropped.
pub(super) fn transliterate(token: &str, script: Script, ctx: &mut Context) -> Option<Alts> {
    match script {
        Script::Latin | Script::Digits => {
            let mut s = String::with_capacity(token.len());
            let mut expansions = false;
            for c in token.chars() {
                expansions |= expanded(c).is_some();
                fold_char(c, &mut s);
            }
            let mut alts = Alts::from_vec(vec![s])?;
            if expansions {
                let mut e = String::with_capacity(token.len() + 4);
                for c in token.chars() {
                    match expanded(c) {
                        Some(x) => e.push_str(x),
                        None => fold_char(c, &mut e),
                    }
                }
                alts.more.push(e);
            }
            Some(alts)
        }
        Script::Cyrillic => {
            let table = &tables().cyrillic;
            let order = *ctx
                .cyrillic_order
                .get_or_insert_with(|| table.column_order(ctx.clean));
            with_table(table, token, order)
        }
        Script::Greek => {
            // Accents and diaeresis carry no letter identity in Greek.
            let mut base = String::with_capacity(token.len());
            for c in token.chars() {
                decompose_canonical(c, |d| {
                    if !is_combining_mark(d) {
                        base.push(d)
                    }
                });
            }
            let table = &tables().greek;
            with_table(table, &base, table.column_order(""))
        }
        Script::Georgian => with_table(&tables().georgian, token, &[0]),
        Script::Hebrew => {
            // A geresh after ג ז צ ת writes a sound Hebrew lacks, in
            // foreign names: ג'ו is "jo" (Joe), ז'אק "zhak" (Jacques),
            // צ'רצ'יל "chrchyl" (Churchill); without it ג is g.
            let mut s = String::with_capacity(token.len() + 2);
            let mut chars = token.chars().peekable();
            while let Some(c) = chars.next() {
                let geresh = matches!(chars.peek(), Some('\'' | '\u{05F3}'));
                let sound = match c {
                    'ג' if geresh => Some("j"),
                    'ז' if geresh => Some("zh"),
                    'צ' | 'ץ' if geresh => Some("ch"),
                    'ת' if geresh => Some("th"),
                    _ => None,
                };
                match sound {
                    Some(sound) => {
                        s.push_str(sound);
                        chars.next();
                    }
                    None => deunicode_fold(c, &mut s),
                }
            }
            Alts::from_vec(vec![s])
        }
        Script::Arabic => {
            let mut s = String::with_capacity(token.len() + 4);
            // A word that begins with ayin begins with a vowel in every
            // romanization (علي Ali, عمر Omar, عبد Abd): read without it,
            // عمر was "mr", the title "Mr.", and the name lost Omar.
            if token.starts_with('ع') && token.chars().nth(1).is_some() {
                s.push('a');
            }
            for c in token.chars() {
                match arabic_letter(c) {
                    Some(x) => s.push_str(x),
                    None => deunicode_fold(c, &mut s),
                }
            }
            Alts::from_vec(vec![s])
        }
        Script::Devanagari => indic::transliterate(token),
        Script::Kana => kana::transliterate(token),
        _ => {
            let mut s = String::with_capacity(token.len());
            for c in token.chars() {
                deunicode_fold(c, &mut s);
            }
            Alts::from_vec(vec![s])
        }
    }
}

/// The Arabic-script letters whose spelling differs from `deunicode`'s.
/// The letters that write long vowels are spelled as vowels: alif (and
/// alif with hamza or madda) `a`, alif with hamza below `i`, alif maqsura
/// and ta marbuta `a` (`deunicode` drops them all). Without them a name
/// keeps only its consonants, which makes different names one spelling
/// and some a title (سارة, Sara, was "sr", the Spanish "Sr."); with them
/// ألينا is "alyna" (Alina), إبراهيم "ibrahym", موسى "mwsa". Ghain is
/// `gh` as in Ghana (`deunicode`: g), the Persian kaf `k` (`deunicode`:
/// kh) and zhe `zh` (`deunicode`: j). Ayin is silent, except that a word
/// beginning with it begins with `a` (see [`transliterate`]).
fn arabic_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'ا' | 'أ' | 'آ' | 'ٱ' | 'ى' | 'ة' => "a",
        'إ' => "i",
        'غ' => "gh",
        'ک' => "k",
        'ژ' => "zh",
        _ => return None,
    })
}

/// Appends `deunicode`'s transliteration of `c`, lowercase ASCII letters
/// and digits only.
pub(super) fn deunicode_fold(c: char, out: &mut String) {
    if let Some(t) = deunicode::deunicode_char(c) {
        out.extend(
            t.chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .map(|c| c.to_ascii_lowercase()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(token: &str, script: Script) -> Vec<String> {
        let mut ctx = Context {
            clean: token,
            strip_titles: true,
            han_runs: 0,
            cyrillic_order: None,
        };
        let alts = transliterate(token, script, &mut ctx).unwrap();
        (0..alts.depth()).map(|k| alts.get(k).to_string()).collect()
    }

    #[test]
    fn cyrillic_conventions() {
        let v = all("зеленский", Script::Cyrillic);
        assert_eq!(
            v,
            [
                "zelensky",
                "zelenskiy",
                "zelenskij",
                "selenskij",
                "zelenskyi"
            ]
        );
        assert_eq!(all("хрущёв", Script::Cyrillic)[0], "khrushchyov");
        assert_eq!(all("київ", Script::Cyrillic)[0], "kyiv");
        assert_eq!(all("вучић", Script::Cyrillic)[0], "vucic");
    }

    #[test]
    fn greek_modern_first() {
        assert_eq!(all("μητσοτάκης", Script::Greek)[0], "mitsotakis");
    }

    #[test]
    fn latin_folding() {
        assert_eq!(all("łukasz", Script::Latin), ["lukasz"]);
        assert_eq!(all("vương", Script::Latin), ["vuong"]);
        assert_eq!(all("straße", Script::Latin), ["strasse"]);
        assert_eq!(all("müller", Script::Latin), ["muller", "mueller"]);
    }

    #[test]
    fn georgian() {
        assert_eq!(all("კობახიძე", Script::Georgian), ["kobakhidze"]);
    }

    #[test]
    fn script_fast_paths_agree() {
        use unicode_script::Script as U;
        let ranges = [
            0x00C0..=0x024F,
            0x0400..=0x04FF,
            0x4E00..=0x9FFF,
            0xAC00..=0xD7A3,
        ];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            let slow = match c.script() {
                U::Latin => Some(Script::Latin),
                U::Cyrillic => Some(Script::Cyrillic),
                U::Han => Some(Script::Han),
                U::Hangul => Some(Script::Hangul),
                U::Common | U::Inherited | U::Unknown if c.is_numeric() => Some(Script::Digits),
                U::Common | U::Inherited | U::Unknown => None,
                _ => Some(Script::Other),
            };
            assert_eq!(Script::of(c), slow, "{c:?}");
        }
    }

    #[test]
    fn hangul() {
        assert_eq!(hangul_syllable('김').unwrap(), "gim");
        assert_eq!(hangul_syllable('정').unwrap(), "jeong");
        assert_eq!(korean_surname('김').unwrap()[0], "kim");
    }
}
