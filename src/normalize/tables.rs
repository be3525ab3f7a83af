//! The hand-edited tables of `data/normalize/`, compiled into the crate and
//! parsed once on first use. `data/normalize/README.md` describes each
//! file's format.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use super::Gender;

/// A small, fast hasher for short string and char keys: the normalizer's
/// tables (fixed data compiled into the crate; SipHash was 4% of Latin
/// normalization time in `perf`, benches/normalize.rs, latin/normalize),
/// the resolver's per-query caches and the scanner's per-session ones
/// (keys from the input, but bounded caches, so SipHash's flooding
/// resistance buys little).
#[derive(Default)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut rest = bytes;
        while let Some((word, tail)) = rest.split_first_chunk::<8>() {
            self.add(u64::from_le_bytes(*word));
            rest = tail;
        }
        if !rest.is_empty() {
            self.add(short_word(rest) ^ ((rest.len() as u64) << 59));
        }
    }
    #[inline]
    fn write_u8(&mut self, n: u8) {
        self.add(n as u64);
    }
    #[inline]
    fn write_u32(&mut self, n: u32) {
        self.add(n as u64);
    }
    #[inline]
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }
    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// 1 to 7 bytes as one integer, in two overlapping loads rather than a
/// copy into a buffer (which compiles to a `memcpy` call). For a given
/// length, different bytes give different integers.
#[inline]
pub(crate) fn short_word(rest: &[u8]) -> u64 {
    let n = rest.len();
    if n >= 4 {
        let lo = u32::from_le_bytes(rest[..4].try_into().unwrap_or_default());
        let hi = u32::from_le_bytes(rest[n - 4..].try_into().unwrap_or_default());
        u64::from(lo) | (u64::from(hi) << 32)
    } else {
        u64::from(rest[0]) | (u64::from(rest[n / 2]) << 8) | (u64::from(rest[n - 1]) << 16)
    }
}

pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
pub(crate) type FastSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

/// A title or honorific, with the gender it implies (if any).
#[derive(Debug, Clone)]
pub(crate) struct TitleEntry {
    /// The words of the title, lowercase NFC, trailing dots removed; a
    /// hyphen separates words too ("г-н" is ["г", "н"]).
    pub words: Vec<String>,
    /// For each gap between words, whether it is a hyphen (else a space).
    pub hyphens: Vec<bool>,
    /// The form as written in the table, trailing dots removed: the
    /// title's text as recorded ("foreign minister", "г-н", "h.e").
    pub text: String,
    /// The form ends with a dot in the table ("gen."): it matches only a
    /// word written with one, never the dot-free text of a normalized name.
    pub dotted: bool,
    pub gender: Option<Gender>,
    pub lang: String,
    /// The form is also an ordinary word or name ("General Motors", the
    /// surname Pan): it is removed only before two or more words, and never
    /// in mid-name.
    pub ambiguous: bool,
    /// The form honours a person ("Dr.", "Prof.", "On."); it names no
    /// office, so it is never taken after qualifier words: "Convention on
    /// the Law of the Sea" has no title.
    pub honorific: bool,
}

/// Where in a word a transliteration rule applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Position {
    Anywhere,
    /// Source written `^x`: only at the start of a word.
    Initial,
    /// Source written `x$`: only at the end of a word.
    Final,
}

/// One rule of a transliteration table.
#[derive(Debug)]
pub(crate) struct Rule {
    /// The source after its first char.
    rest: String,
    position: Position,
    /// One output per column.
    pub outputs: Vec<String>,
}

/// A column used only for names written in one language, recognised by
/// letters only that language uses.
#[derive(Debug)]
pub(crate) struct LanguageColumn {
    pub column: usize,
    pub markers: Vec<char>,
    /// Whether the column is dropped (rather than put last) for names
    /// without a marker letter.
    pub only_if_marked: bool,
}

/// One transliteration table: source sequences to one output per column
/// (convention).
#[derive(Debug)]
pub(crate) struct TranslitTable {
    /// Names of the conventions, in column order (read by the tests and
    /// kept for diagnostics).
    #[cfg_attr(not(test), allow(dead_code))]
    pub conventions: Vec<String>,
    pub languages: Vec<LanguageColumn>,
    /// Column orders: `[0]` for a name without marker letters, `[1 + i]`
    /// for a name marked for `languages[i]`.
    orders: Vec<Vec<usize>>,
    /// The lowest and highest marker letter (a quick filter).
    marker_range: (char, char),
    /// Rules by their source's first char, longest source first.
    rules: FastMap<char, Vec<Rule>>,
}

impl TranslitTable {
    /// Finds the longest rule matching the start of `rest`, the part of a
    /// word that starts `at_start` of the word or later; returns the
    /// matched length in bytes and the rule's outputs. No allocation.
    pub fn longest_match(&self, rest: &str, at_start: bool) -> Option<(usize, &[String])> {
        let first = rest.chars().next()?;
        let tail = &rest[first.len_utf8()..];
        for rule in self.rules.get(&first)? {
            if !rule.rest.is_empty() && !tail.starts_with(rule.rest.as_str()) {
                continue;
            }
            let ok = match rule.position {
                Position::Anywhere => true,
                Position::Initial => at_start,
                Position::Final => tail.len() == rule.rest.len(),
            };
            if ok {
                return Some((first.len_utf8() + rule.rest.len(), &rule.outputs));
            }
        }
        None
    }

    /// The columns to use for a name, primary first: a language column
    /// whose marker letters occur in `name` comes first; unmarked language
    /// columns come last, or not at all. One pass over the name, no
    /// allocation.
    pub fn column_order(&self, name: &str) -> &[usize] {
        let (low, high) = self.marker_range;
        let marked = name
            .chars()
            .filter(|c| (low..=high).contains(c))
            .find_map(|c| self.languages.iter().position(|l| l.markers.contains(&c)));
        &self.orders[marked.map_or(0, |i| i + 1)]
    }
}

/// The column orders of [`TranslitTable::column_order`].
fn column_orders(columns: usize, languages: &[LanguageColumn]) -> Vec<Vec<usize>> {
    let is_language = |c: usize| languages.iter().any(|l| l.column == c);
    let plain = (0..columns).filter(|&c| !is_language(c));
    let unmarked = plain
        .clone()
        .chain(
            languages
                .iter()
                .filter(|l| !l.only_if_marked)
                .map(|l| l.column),
        )
        .collect();
    let mut orders = vec![unmarked];
    for l in languages {
        orders.push(std::iter::once(l.column).chain(plain.clone()).collect());
    }
    orders
}

/// How a Devanagari character behaves in a syllable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IndicClass {
    Consonant,
    /// An independent vowel letter.
    Vowel,
    /// A dependent vowel sign (matra), replacing a consonant's inherent a.
    Sign,
    /// The virama: the consonant has no vowel (a cluster follows).
    Virama,
    /// Anusvara or candrabindu: nasalizes the vowel before it.
    Nasal,
    /// Anything else with a fixed output (visarga, digits, avagraha).
    Other,
}

/// Every table the normalizer uses.
#[derive(Debug)]
pub(crate) struct Tables {
    /// Titles by their first word.
    pub titles: FastMap<String, Vec<TitleEntry>>,
    /// Han-script titles, matched glued to a name.
    pub han_titles: Vec<TitleEntry>,
    /// The first and last chars of the Han titles: a name that neither
    /// starts nor ends with one has no glued title (a quick filter; trying
    /// every title was 14% of `cjk/normalize` in `perf`).
    pub han_title_ends: FastSet<char>,
    pub particles: FastSet<String>,
    pub suffixes: FastSet<String>,
    pub cyrillic: TranslitTable,
    pub greek: TranslitTable,
    pub georgian: TranslitTable,
    /// Devanagari: source (one char, or consonant + nukta) → class, output.
    pub devanagari: FastMap<String, (IndicClass, String)>,
    /// Kana (hiragana; katakana is mapped onto it), one or two chars →
    /// (Hepburn, Kunrei-shiki).
    pub kana: FastMap<String, (String, String)>,
    /// The raw table texts, hashed into the normalizer's fingerprint.
    pub sources: Vec<&'static str>,
}

const TITLES: &str = include_str!("../../data/normalize/titles.tsv");
const PARTICLES: &str = include_str!("../../data/normalize/particles.tsv");
const SUFFIXES: &str = include_str!("../../data/normalize/suffixes.tsv");
const CYRILLIC: &str = include_str!("../../data/normalize/cyrillic.tsv");
const GREEK: &str = include_str!("../../data/normalize/greek.tsv");
const GEORGIAN: &str = include_str!("../../data/normalize/georgian.tsv");
const DEVANAGARI: &str = include_str!("../../data/normalize/devanagari.tsv");
const KANA: &str = include_str!("../../data/normalize/kana.tsv");
pub(crate) const KOREAN_SURNAMES: &str = include_str!("../../data/normalize/korean_surnames.tsv");

/// Lines of a table file without comments and blank lines.
fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

fn is_han_or_kana(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
        || matches!(c as u32, 0x3040..=0x30FF)
}

fn parse_titles() -> (FastMap<String, Vec<TitleEntry>>, Vec<TitleEntry>) {
    let mut by_first: FastMap<String, Vec<TitleEntry>> = FastMap::default();
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
            let (form, honorific) = match form.strip_prefix('^') {
                Some(f) => (f, true),
                None => (form, false),
            };
            let (form, ambiguous) = match form.strip_prefix('?') {
                Some(f) => (f, true),
                None => (form, false),
            };
            let dotted = form.ends_with('.');
            let text = form.trim_end_matches('.');
            let mut words = Vec::new();
            let mut hyphens = Vec::new();
            let mut word = String::new();
            for c in text.chars() {
                if c == ' ' || c == '-' {
                    words.push(std::mem::take(&mut word).trim_end_matches('.').to_string());
                    hyphens.push(c == '-');
                } else {
                    word.push(c);
                }
            }
            words.push(word);
            assert!(
                words.iter().all(|w| !w.is_empty()),
                "data/normalize/titles.tsv: malformed form {form:?} in {line:?}"
            );
            let entry = TitleEntry {
                text: text.to_string(),
                words,
                hyphens,
                dotted,
                gender,
                lang: lang.to_string(),
                ambiguous,
                honorific,
            };
            if entry.words.len() == 1 && entry.words[0].chars().all(is_han_or_kana) {
                han.push(entry.clone());
            }
            by_first
                .entry(entry.words[0].clone())
                .or_default()
                .push(entry);
        }
    }
    // Longest titles first, so "prime minister" wins over "prime"; among
    // equals, the first line of the file wins (a stable sort).
    for entries in by_first.values_mut() {
        entries.sort_by_key(|e| std::cmp::Reverse(e.words.len()));
    }
    han.sort_by_key(|e| std::cmp::Reverse(e.words[0].chars().count()));
    (by_first, han)
}

fn parse_word_set(text: &str) -> FastSet<String> {
    data_lines(text)
        .flat_map(|l| l.split('|'))
        .map(|w| w.trim().to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

fn parse_translit(text: &str, name: &str) -> TranslitTable {
    let mut conventions: Vec<String> = Vec::new();
    let mut languages = Vec::new();
    let mut rules: FastMap<char, Vec<Rule>> = FastMap::default();
    for line in text.lines().map(|l| l.trim_end_matches('\r')) {
        // Directives in comments: the column names, and language columns.
        if let Some(columns) = line.strip_prefix("# Columns: ") {
            conventions = columns
                .trim_end_matches('.')
                .split("<TAB>")
                .skip(1)
                .map(|c| c.split_whitespace().next().unwrap_or("").to_string())
                .collect();
        }
        for (prefix, only_if_marked) in [("# Primary-if ", false), ("# Only-if ", true)] {
            if let Some(spec) = line.strip_prefix(prefix) {
                let (column, markers) = spec.split_once(':').unwrap_or_else(|| {
                    panic!("data/normalize/{name}: malformed directive {line:?}")
                });
                let column = conventions
                    .iter()
                    .position(|c| c == column.trim())
                    .unwrap_or_else(|| panic!("data/normalize/{name}: no column {column:?}"));
                languages.push(LanguageColumn {
                    column,
                    markers: markers.chars().filter(|c| !c.is_whitespace()).collect(),
                    only_if_marked,
                });
            }
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
        let (source, position) = if let Some(s) = cols[0].strip_suffix('$') {
            (s, Position::Final)
        } else if let Some(s) = cols[0].strip_prefix('^') {
            (s, Position::Initial)
        } else {
            (cols[0], Position::Anywhere)
        };
        let mut chars = source.chars();
        let first = chars
            .next()
            .unwrap_or_else(|| panic!("data/normalize/{name}: empty source in {line:?}"));
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
        rules.entry(first).or_default().push(Rule {
            rest: chars.as_str().to_string(),
            position,
            outputs,
        });
    }
    // Longest source first; at equal length, positional rules before
    // general ones (a stable sort keeps file order otherwise).
    for list in rules.values_mut() {
        list.sort_by_key(|r| {
            (
                std::cmp::Reverse(r.rest.len()),
                r.position == Position::Anywhere,
            )
        });
    }
    let markers = languages.iter().flat_map(|l| l.markers.iter().copied());
    let marker_range = (
        markers.clone().min().unwrap_or('\u{1}'),
        markers.max().unwrap_or('\u{0}'),
    );
    TranslitTable {
        marker_range,
        orders: column_orders(conventions.len(), &languages),
        conventions,
        languages,
        rules,
    }
}

fn parse_devanagari() -> FastMap<String, (IndicClass, String)> {
    let mut map = FastMap::default();
    for line in data_lines(DEVANAGARI) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [source, class, output] = cols[..] else {
            panic!("data/normalize/devanagari.tsv: malformed line {line:?}");
        };
        let class = match class {
            "consonant" => IndicClass::Consonant,
            "vowel" => IndicClass::Vowel,
            "sign" => IndicClass::Sign,
            "virama" => IndicClass::Virama,
            "nasal" => IndicClass::Nasal,
            "other" => IndicClass::Other,
            _ => panic!("data/normalize/devanagari.tsv: unknown class in {line:?}"),
        };
        let output = if output == "-" { "" } else { output };
        map.insert(source.to_string(), (class, output.to_string()));
    }
    map
}

fn parse_kana() -> FastMap<String, (String, String)> {
    let mut map = FastMap::default();
    for line in data_lines(KANA) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [source, hepburn, kunrei] = cols[..] else {
            panic!("data/normalize/kana.tsv: malformed line {line:?}");
        };
        map.insert(
            source.to_string(),
            (hepburn.to_string(), kunrei.to_string()),
        );
    }
    map
}

/// The parsed tables, built once per process.
pub(crate) fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let (titles, han_titles) = parse_titles();
        let han_title_ends = han_titles
            .iter()
            .flat_map(|t| [t.text.chars().next(), t.text.chars().last()])
            .flatten()
            .collect();
        Tables {
            titles,
            han_titles,
            han_title_ends,
            particles: parse_word_set(PARTICLES),
            suffixes: parse_word_set(SUFFIXES),
            cyrillic: parse_translit(CYRILLIC, "cyrillic.tsv"),
            greek: parse_translit(GREEK, "greek.tsv"),
            georgian: parse_translit(GEORGIAN, "georgian.tsv"),
            devanagari: parse_devanagari(),
            kana: parse_kana(),
            sources: vec![
                TITLES,
                PARTICLES,
                SUFFIXES,
                CYRILLIC,
                GREEK,
                GEORGIAN,
                DEVANAGARI,
                KANA,
                KOREAN_SURNAMES,
            ],
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_parse() {
        let t = tables();
        assert_eq!(
            t.cyrillic.conventions,
            ["press", "bgn", "simple", "de", "uk", "sr"]
        );
        assert_eq!(t.greek.conventions, ["elot", "classical", "sound"]);
        assert!(t.titles.contains_key("mr"));
        assert!(t.titles["prime"]
            .iter()
            .any(|e| e.words == ["prime", "minister"]));
        assert!(t.titles["general"].iter().any(|e| e.ambiguous));
        assert!(t.particles.contains("von"));
        assert!(t.han_titles.iter().any(|e| e.words[0] == "先生"));
        assert_eq!(t.devanagari["क"], (IndicClass::Consonant, "k".to_string()));
        assert_eq!(t.kana["し"].0, "shi");
    }

    #[test]
    fn column_order_follows_marker_letters() {
        let t = &tables().cyrillic;
        // press bgn simple de, then uk (always), never sr.
        assert_eq!(t.column_order("путин"), [0, 1, 2, 3, 4]);
        assert_eq!(t.column_order("київ"), [4, 0, 1, 2, 3]);
        assert_eq!(t.column_order("вучић"), [5, 0, 1, 2, 3]);
    }

    #[test]
    fn longest_match_respects_position() {
        let t = &tables().cyrillic;
        let (len, out) = t.longest_match("ий", false).unwrap();
        assert_eq!((len, out[0].as_str()), ("ий".len(), "y"));
        let (len, _) = t.longest_match("ийа", false).unwrap();
        assert_eq!(len, "и".len());
        let (_, out) = t.longest_match("я", true).unwrap();
        assert_eq!(out[4], "ya");
        let (_, out) = t.longest_match("я", false).unwrap();
        assert_eq!(out[4], "ia");
    }
}
