//! Generic words of place and organisation names in other languages and
//! their English word: ケイマン諸島 is the Cayman *Islands*, جزر فارو the
//! *Islands* of Faroe, Европейская комиссия the *European Commission*. A
//! dictionary that holds the English name meets such a name only through
//! its proper part (ケイマン, فارو), which is too little; read with its
//! generic words in English, it meets the whole name.
//!
//! The table is `data/knowledge/generic_words.tsv` (hand-written, see
//! `data/README.md`). The resolver and `compare` read a name a second time
//! with its generic words translated (see [`translated`]), at a small cost
//! (explained as `generic-words`), when the dictionary (or the other name)
//! carries an English word of the reading.
//!
//! # Example
//! ```
//! use polyonym::knowledge::generic_words::translated;
//! let t = translated("ケイマン諸島").unwrap();
//! assert_eq!((t.text.as_str(), t.english.as_slice()), ("ケイマン islands", &["islands"][..]));
//! let t = translated("Европейская комиссия").unwrap();
//! assert_eq!(t.text, "european commission");
//! assert!(translated("Комиссия").is_none()); // one generic word: no name
//! assert!(translated("南京").is_none()); // 京 alone is no name
//! ```

use std::sync::OnceLock;

use crate::normalize::tables::FastMap;
use crate::normalize::Script;

static TABLE_TEXT: &str = include_str!("../../data/knowledge/generic_words.tsv");

/// A name with its generic words in English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    /// The name's words, generic ones replaced by their English word.
    pub text: String,
    /// The English words put in, in order.
    pub english: Vec<&'static str>,
}

struct Table {
    /// Whole-word forms of one or two words → English.
    words: FastMap<&'static str, &'static str>,
    /// Forms in scripts without spaces (Han, kana, Hangul), longest first:
    /// matched at the start or end of a word.
    affixes: Vec<(&'static str, &'static str)>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut words = FastMap::default();
        let mut affixes = Vec::new();
        for line in TABLE_TEXT.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            // The file is compiled in and checked by the tests below: a
            // malformed line cannot reach a user.
            let (english, forms) = line.split_once('\t').unwrap_or((line, ""));
            for form in forms.split('|').filter(|f| !f.is_empty()) {
                if is_unspaced(form) {
                    affixes.push((form, english));
                } else {
                    words.insert(form, english);
                }
            }
        }
        affixes.sort_by_key(|(form, _)| std::cmp::Reverse(form.chars().count()));
        Table { words, affixes }
    })
}

/// Whether a form is written in a script without spaces between words.
fn is_unspaced(form: &str) -> bool {
    form.chars()
        .next()
        .and_then(Script::of)
        .is_some_and(|s| matches!(s, Script::Han | Script::Kana | Script::Hangul))
}

/// `text` with its generic words in English, or `None` when it has none,
/// or only one and nothing else (a lone "Комиссия" names nothing; "World
/// Meteorological Organization" is all generic words and a name). A form in Han
/// characters, kana or Hangul counts at the start or end of a word when
/// at least two characters remain (南京 is Nanjing, not a south).
pub fn translated(text: &str) -> Option<Translation> {
    let table = table();
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let mut out: Vec<&str> = Vec::with_capacity(words.len() + 1);
    let mut english = Vec::new();
    let mut proper = false;
    let mut i = 0;
    while i < words.len() {
        if i + 1 < words.len() {
            let pair = format!("{} {}", words[i], words[i + 1]);
            if let Some(&e) = table.words.get(pair.as_str()) {
                out.push(e);
                english.push(e);
                i += 2;
                continue;
            }
        }
        let word = words[i];
        i += 1;
        let whole = || {
            table
                .affixes
                .iter()
                .find(|(f, _)| *f == word)
                .map(|(_, e)| e)
        };
        if let Some(&e) = table.words.get(word).or_else(whole) {
            out.push(e);
            english.push(e);
            continue;
        }
        match affixed(word, &table.affixes) {
            Some((before, e, after)) => {
                for part in [before, e, after] {
                    if !part.is_empty() {
                        out.push(part);
                    }
                }
                english.push(e);
                proper = true;
            }
            None => {
                out.push(word);
                proper = true;
            }
        }
    }
    ((proper && !english.is_empty()) || english.len() >= 2).then(|| Translation {
        text: out.join(" "),
        english,
    })
}

/// A word with a generic form at its start or end: (what precedes, the
/// English word, what follows), one of the two empty.
fn affixed<'w>(
    word: &'w str,
    affixes: &[(&'static str, &'static str)],
) -> Option<(&'w str, &'static str, &'w str)> {
    if !word
        .chars()
        .any(|c| is_unspaced(c.encode_utf8(&mut [0; 4])))
    {
        return None;
    }
    for &(form, english) in affixes {
        if let Some(rest) = word.strip_suffix(form) {
            if rest.chars().count() >= 2 {
                return Some((rest, english, ""));
            }
        }
        if let Some(rest) = word.strip_prefix(form) {
            if rest.chars().count() >= 2 {
                return Some(("", english, rest));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_lines_are_well_formed() {
        for (n, line) in TABLE_TEXT.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let (english, forms) = line
                .split_once('\t')
                .unwrap_or_else(|| panic!("line {}: no tab: {line:?}", n + 1));
            assert!(
                !english.is_empty() && english.bytes().all(|b| b.is_ascii_lowercase()),
                "line {}: English word {english:?}",
                n + 1
            );
            for form in forms.split('|') {
                assert!(!form.is_empty(), "line {}: empty form", n + 1);
                assert_eq!(
                    form,
                    form.to_lowercase(),
                    "line {}: {form:?} not lowercase",
                    n + 1
                );
                assert!(form.split(' ').count() <= 2, "line {}: {form:?}", n + 1);
            }
        }
    }

    #[test]
    fn generic_words_in_several_scripts() {
        let t = |s: &str| translated(s).map(|t| t.text);
        assert_eq!(t("جزر فارو").as_deref(), Some("islands فارو"));
        assert_eq!(t("איי שלמה").as_deref(), Some("islands שלמה"));
        assert_eq!(t("ドミニカ共和国").as_deref(), Some("ドミニカ republic"));
        assert_eq!(t("남아프리카").as_deref(), Some("south 아프리카"));
        assert_eq!(
            t("프랑스령 폴리네시아").as_deref(),
            Some("french 폴리네시아")
        );
        assert_eq!(t("Quần đảo Cayman").as_deref(), Some("islands cayman"));
        assert_eq!(
            t("Всемирная метеорологическая организация").as_deref(),
            Some("world meteorological organization")
        );
        assert_eq!(t("Комиссия"), None);
        assert_eq!(t("Kallas"), None);
        assert_eq!(t("北京"), None);
        assert_eq!(t(""), None);
    }
}
