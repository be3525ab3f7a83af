//! English nicknames of given names: Tony for Anthony, Bill for William,
//! Liz for Elizabeth.
//!
//! Source: the nicknames package 1.0.1 (Apache-2.0, hand-curated by
//! Carlton Northern and Nick Crews), as `data/names/nicknames.tsv`:
//! 1,149 formal names and 2,687 pairs (see `data/README.md`).
//!
//! A nickname is weaker evidence than a known cross-script equivalent: a
//! Tony may be an Anthony, an Antonia or an Antonio, and some pairs of the
//! source are old or loose (robert → rupert). So scoring pairs a nickname
//! with its formal name at [`SIMILARITY`] (rule [`RULE`]), below the 0.95
//! of a name-part group, and only between two name tokens. A formal name
//! also stands for its spellings in the name-part groups: Tony meets
//! Antony (a group-mate of Anthony) as it meets Anthony.
//!
//! # Example
//! ```
//! use polyonym::knowledge::nicknames;
//! assert!(nicknames::formal_names("tony").contains(&"anthony"));
//! assert!(nicknames::nicknames("william").contains(&"bill"));
//! assert!(nicknames::related("tony", "anthony", |_, _| false));
//! assert!(nicknames::related("anthony", "tony", |_, _| false));
//! assert!(!nicknames::related("tony", "william", |_, _| false));
//! ```

use std::sync::OnceLock;

use crate::normalize::tables::FastMap;

static TABLE_TEXT: &str = include_str!("../../data/names/nicknames.tsv");

/// The rule name of a nickname pair in explanations.
pub const RULE: &str = "nickname";

/// The similarity of a nickname and its formal name in token alignment.
/// With the family name matched exactly, "Tony Blinken" / "Antony
/// Blinken" scores about 0.92; a contradicting given name would leave it
/// under the default threshold.
pub const SIMILARITY: f32 = 0.8;

struct Table {
    /// Nickname → its formal names, sorted.
    formal: FastMap<&'static str, Vec<&'static str>>,
    /// Formal name → its nicknames, sorted.
    nicknames: FastMap<&'static str, Vec<&'static str>>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut formal: FastMap<&'static str, Vec<&'static str>> = FastMap::default();
        let mut nicknames: FastMap<&'static str, Vec<&'static str>> = FastMap::default();
        for line in TABLE_TEXT.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            // Compiled in and checked by the tests below.
            let (name, nicks) = line.split_once('\t').unwrap_or((line, ""));
            for nick in nicks.split(',').filter(|n| !n.is_empty()) {
                formal.entry(nick).or_default().push(name);
                nicknames.entry(name).or_default().push(nick);
            }
        }
        for list in formal.values_mut() {
            list.sort_unstable();
        }
        Table { formal, nicknames }
    })
}

/// The formal names `nick` is a nickname of (folded, sorted); empty when
/// it is none.
pub fn formal_names(nick: &str) -> &'static [&'static str] {
    table().formal.get(nick).map_or(&[], |v| v.as_slice())
}

/// The nicknames of the formal name `name` (folded, sorted); empty when it
/// has none.
pub fn nicknames(name: &str) -> &'static [&'static str] {
    table().nicknames.get(name).map_or(&[], |v| v.as_slice())
}

/// Whether one of `a` and `b` is a nickname of the other, or of a name
/// that `same_name` takes for the other (a spelling in the other's
/// name-part group: Tony, Anthony, Antony).
pub fn related(a: &str, b: &str, same_name: impl Fn(&str, &str) -> bool) -> bool {
    let short_for = |nick: &str, other: &str| {
        formal_names(nick)
            .iter()
            .any(|&f| f == other || same_name(f, other))
    };
    a != b && (short_for(a, b) || short_for(b, a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_lines_are_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for (n, line) in TABLE_TEXT.lines().enumerate() {
            if line.starts_with('#') {
                continue;
            }
            let (name, nicks) = line
                .split_once('\t')
                .unwrap_or_else(|| panic!("line {}: no tab", n + 1));
            assert!(seen.insert(name), "line {}: {name} twice", n + 1);
            for word in std::iter::once(name).chain(nicks.split(',')) {
                assert!(
                    !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase()),
                    "line {}: {word:?}",
                    n + 1
                );
            }
        }
        assert!(seen.len() > 1000, "{} formal names", seen.len());
    }

    #[test]
    fn both_directions_and_group_mates() {
        assert_eq!(
            formal_names("tony"),
            [
                "anthony",
                "antoinette",
                "antonia",
                "antonio",
                "clifton",
                "shelton"
            ]
        );
        assert!(related("bill", "william", |_, _| false));
        assert!(related("william", "bill", |_, _| false));
        // Antony is no formal name of the table; a group-mate of Anthony.
        assert!(!related("tony", "antony", |_, _| false));
        assert!(related("tony", "antony", |f, o| f == "anthony" && o == "antony"));
        assert!(!related("tony", "tony", |_, _| true));
        assert!(formal_names("kallas").is_empty());
    }
}
