//! The hand-edited tables of `data/normalize/`, compiled into the crate and
//! parsed once on first use.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::Gender;

/// A title or honorific, with the gender it implies (if any).
#[derive(Debug, Clone)]
pub(crate) struct TitleEntry {
    /// The words of the title, lowercase NFC, trailing dots removed.
    pub words: Vec<String>,
    pub gender: Option<Gender>,
    pub lang: String,
}

/// One transliteration table: source sequences to one output per convention.
#[derive(Debug)]
pub(crate) struct TranslitTable {
    /// Names of the conventions, in column order.
    pub conventions: Vec<String>,
    /// Source (without a trailing `$`) → (word-final only, outputs per convention).
    pub rules: HashMap<String, Vec<(bool, Vec<String>)>>,
    /// Length in chars of the longest source.
    pub longest: usize,
}

impl TranslitTable {
    /// Finds the longest rule matching `chars[at..]`; returns its length in
    /// chars and its outputs.
    pub fn longest_match(&self, chars: &[char], at: usize) -> Option<(usize, &[String])> {
        let max = self.longest.min(chars.len() - at);
        let mut key = String::with_capacity(max * 4);
        for len in (1..=max).rev() {
            key.clear();
            key.extend(&chars[at..at + len]);
            if let Some(candidates) = self.rules.get(&key) {
                let at_end = at + len == chars.len();
                for (final_only, outputs) in candidates {
                    if !final_only || at_end {
                        return Some((len, outputs));
                    }
                }
            }
        }
        None
    }
}

/// Every table the normalizer uses.
#[derive(Debug)]
pub(crate) struct Tables {
    /// Titles by their first word.
    pub titles: HashMap<String, Vec<TitleEntry>>,
    /// Han-script titles, matched glued to a name.
    pub han_titles: Vec<TitleEntry>,
    pub particles: std::collections::HashSet<String>,
    pub suffixes: std::collections::HashSet<String>,
    pub cyrillic: TranslitTable,
    pub greek: TranslitTable,
    /// The raw table texts, hashed into the normalizer's fingerprint.
    pub sources: Vec<&'static str>,
}

const TITLES: &str = include_str!("../../data/normalize/titles.tsv");
const PARTICLES: &str = include_str!("../../data/normalize/particles.tsv");
const SUFFIXES: &str = include_str!("../../data/normalize/suffixes.tsv");
const CYRILLIC: &str = include_str!("../../data/normalize/cyrillic.tsv");
const GREEK: &str = include_str!("../../data/normalize/greek.tsv");

/// Lines of a table file without comments and blank lines.
fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
        || matches!(c as u32, 0x3040..=0x30FF)
}

fn parse_titles() -> (HashMap<String, Vec<TitleEntry>>, Vec<TitleEntry>) {
    let mut by_first: HashMap<String, Vec<TitleEntry>> = HashMap::new();
    let mut han = Vec::new();
    for line in data_lines(TITLES) {
        let mut cols = line.split('\t');
        let (Some(lang), Some(gender), Some(forms)) = (cols.next(), cols.next(), cols.next())
        else {
            panic!("data/normalize/titles.tsv: malformed line {line:?}");
        };
        let gender = match gender {
            "male" => Some(Gender::Male),
            "female" => Some(Gender::Female),
            _ => None,
        };
        for form in forms.split('|') {
            let words: Vec<String> = form
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(|w| w.trim_end_matches('.').to_string())
                .collect();
            let entry = TitleEntry {
                words,
                gender,
                lang: lang.to_string(),
            };
            if entry.words.len() == 1 && entry.words[0].chars().all(is_han) {
                han.push(entry.clone());
            }
            by_first
                .entry(entry.words[0].clone())
                .or_default()
                .push(entry);
        }
    }
    // Longest titles first, so "prime minister" wins over "prime".
    for entries in by_first.values_mut() {
        entries.sort_by_key(|e| std::cmp::Reverse(e.words.len()));
    }
    han.sort_by_key(|e| std::cmp::Reverse(e.words[0].chars().count()));
    (by_first, han)
}

fn parse_word_set(text: &str) -> std::collections::HashSet<String> {
    data_lines(text)
        .flat_map(|l| l.split('|'))
        .map(|w| w.trim().to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

fn parse_translit(text: &str, name: &str) -> TranslitTable {
    let mut lines = text.lines().map(|l| l.trim_end_matches('\r'));
    // The last comment line before the data names the columns.
    let mut conventions = Vec::new();
    let mut rules: HashMap<String, Vec<(bool, Vec<String>)>> = HashMap::new();
    let mut longest = 1;
    for line in lines.by_ref() {
        if let Some(columns) = line.strip_prefix("# Columns: ") {
            conventions = columns
                .trim_end_matches('.')
                .split("<TAB>")
                .skip(1)
                .map(|c| c.split_whitespace().next().unwrap_or("").to_string())
                .collect();
        }
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(
            cols.len() == conventions.len() + 1,
            "data/normalize/{name}: line {line:?} has {} columns, expected {}",
            cols.len(),
            conventions.len() + 1
        );
        let (source, final_only) = match cols[0].strip_suffix('$') {
            Some(s) => (s, true),
            None => (cols[0], false),
        };
        longest = longest.max(source.chars().count());
        let outputs = cols[1..]
            .iter()
            .map(|c| {
                if *c == "-" {
                    String::new()
                } else {
                    c.to_string()
                }
            })
            .collect();
        let entry = rules.entry(source.to_string()).or_default();
        entry.push((final_only, outputs));
        // Word-final rules are tried before general ones.
        entry.sort_by_key(|(final_only, _)| !final_only);
    }
    TranslitTable {
        conventions,
        rules,
        longest,
    }
}

/// The parsed tables, built once per process.
pub(crate) fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let (titles, han_titles) = parse_titles();
        Tables {
            titles,
            han_titles,
            particles: parse_word_set(PARTICLES),
            suffixes: parse_word_set(SUFFIXES),
            cyrillic: parse_translit(CYRILLIC, "cyrillic.tsv"),
            greek: parse_translit(GREEK, "greek.tsv"),
            sources: vec![TITLES, PARTICLES, SUFFIXES, CYRILLIC, GREEK],
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_parse() {
        let t = tables();
        assert_eq!(t.cyrillic.conventions, ["press", "bgn", "simple", "de"]);
        assert_eq!(t.greek.conventions, ["elot", "classical"]);
        assert!(t.titles.contains_key("mr"));
        assert!(t.titles["prime"]
            .iter()
            .any(|e| e.words == ["prime", "minister"]));
        assert!(t.particles.contains("von"));
        assert!(t.han_titles.iter().any(|e| e.words[0] == "先生"));
    }
}
