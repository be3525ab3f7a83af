//! Han characters with more than one Mandarin reading: 行 is xing in
//! 银行 but hang in 闵行 (Minhang), 重 zhong or chong (重庆, Chongqing),
//! 长 chang or zhang. The normalizer reads each character one way (its
//! most common reading); a place or a person may use another, so a name in
//! Han characters is also read with the others, and the resolver keeps
//! those readings whose words the dictionary carries.
//!
//! Source: `data/han/pinyin_readings.tsv`, generated from
//! hanviet-pinyin-words (the pinyin keys of its readings) and OpenCC
//! (simplified characters take their traditional forms' readings); see
//! `data/README.md`. A character the table does not hold (its source gives
//! it one reading) is offered, unless it is the name's first, the `pinyin`
//! crate's readings, which the normalizer's default reading comes from:
//! the two may differ (都 is "dou" by default, du in the source and in
//! names).
//!
//! # Example
//! ```
//! use polyonym::knowledge::pinyin_readings;
//! assert!(pinyin_readings::readings('行').contains(&"hang"));
//! let carried = |w: &str| w == "minhang";
//! assert_eq!(
//!     pinyin_readings::other_spellings(&['闵', '行'], &["min", "xing"], carried),
//!     [["minhang".to_string()]]
//! );
//! // 都 has one reading in the table's source (du), another by default.
//! let carried = |w: &str| w == "chengdu";
//! assert_eq!(
//!     pinyin_readings::other_spellings(&['成', '都'], &["cheng", "dou"], carried),
//!     [["chengdu".to_string()]]
//! );
//! ```

use std::collections::HashMap;
use std::sync::OnceLock;

/// Most spellings [`other_spellings`] returns.
pub const MAX_SPELLINGS: usize = 4;

/// Most combinations of readings tried per name.
const MAX_TRIED: usize = 16;

static TABLE: &str = include_str!("../../data/han/pinyin_readings.tsv");

fn table() -> &'static HashMap<char, Vec<&'static str>> {
    static MAP: OnceLock<HashMap<char, Vec<&'static str>>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = HashMap::new();
        for line in TABLE.lines().filter(|l| !l.starts_with('#')) {
            let Some((ch, readings)) = line.split_once('\t') else {
                continue;
            };
            let mut chars = ch.chars();
            if let (Some(c), None) = (chars.next(), chars.next()) {
                map.insert(c, readings.split(',').collect());
            }
        }
        map
    })
}

/// Every Mandarin reading of a character that has several (empty when it
/// has one, or is not in the table).
pub fn readings(c: char) -> &'static [&'static str] {
    table().get(&c).map_or(&[], |v| v.as_slice())
}

/// Spellings of a name in Han characters read with other readings of its
/// characters: `chars` the characters, `primary` the reading the
/// normalizer gave each. Each combination that changes at least one
/// character gives the name as one word ("minhang") and, for three
/// characters or more, as family name and given name ("zhang", "sanfeng");
/// only spellings whose every word `accept` takes are kept, at most
/// [`MAX_SPELLINGS`]. Empty when `chars` and `primary` differ in length or
/// no character has another reading.
pub fn other_spellings(
    chars: &[char],
    primary: &[&str],
    accept: impl Fn(&str) -> bool,
) -> Vec<Vec<String>> {
    if chars.len() != primary.len() || !(2..=8).contains(&chars.len()) {
        return Vec::new();
    }
    let options: Vec<Vec<String>> = chars
        .iter()
        .zip(primary)
        .enumerate()
        .map(|(i, (&c, &p))| {
            let mut o = vec![p.to_string()];
            let listed = readings(c);
            if listed.is_empty() && i > 0 {
                // Not in the table (its source gives it one reading),
                // but the normalizer's reading may be another: 都 is
                // read "dou" (all), and in names it is du (成都 Chengdu).
                // Not the first character: a family name's readings are
                // the normalizer's own (`data/han/surnames.tsv`), and the
                // crate's rare ones would make 王毅 "yuyi".
                for r in crate::normalize::han_heteronyms(c) {
                    if !o.contains(&r) {
                        o.push(r);
                    }
                }
            } else {
                o.extend(listed.iter().filter(|r| **r != p).map(|r| r.to_string()));
            }
            o
        })
        .collect();
    if options.iter().all(|o| o.len() == 1) {
        return Vec::new();
    }
    let combos = super::combinations(&options, MAX_TRIED);
    let mut out: Vec<Vec<String>> = Vec::new();
    for combo in combos.iter().filter(|c| !c.iter().eq(primary.iter())) {
        let mut candidates = vec![vec![combo.concat()]];
        if combo.len() >= 3 {
            candidates.push(vec![combo[0].to_string(), combo[1..].concat()]);
        }
        for spelling in candidates {
            if out.len() < MAX_SPELLINGS
                && spelling.iter().all(|w| accept(w))
                && !out.contains(&spelling)
            {
                out.push(spelling);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_reads() {
        assert!(readings('重').contains(&"chong"));
        assert!(readings('长').contains(&"chang"));
        assert!(readings('乐').contains(&"yue"));
        assert!(readings('王').is_empty());
        assert!(table().len() > 400, "{}", table().len());
    }

    #[test]
    fn spellings() {
        let any = |_: &str| true;
        let s = other_spellings(&['重', '庆'], &["zhong", "qing"], any);
        assert_eq!(s, [["chongqing".to_string()]]);
        // A person of three characters: the family + given grouping too.
        let s = other_spellings(&['曾', '国', '藩'], &["ceng", "guo", "fan"], |w| {
            ["zeng", "guofan"].contains(&w)
        });
        assert_eq!(s, [["zeng".to_string(), "guofan".to_string()]]);
        assert!(other_spellings(&['王', '毅'], &["wang", "yi"], any).is_empty());
        assert!(other_spellings(&['重'], &["zhong"], any).is_empty());
        assert!(other_spellings(&['重', '庆'], &["zhong"], any).is_empty());
        assert!(other_spellings(&['重', '庆'], &["zhong", "qing"], |_| false).is_empty());
    }
}
