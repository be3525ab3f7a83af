//! Words and their customary abbreviations or short forms in names
//! ("Corp" / "Corporation", "Int'l" / "International", "1st" / "First",
//! "Bill" / "William"), from the hand-curated
//! `data/orgs/abbreviations.tsv`. Only single-word forms take part in
//! token alignment.

use std::collections::HashMap;
use std::sync::OnceLock;

fn groups() -> &'static HashMap<&'static str, Vec<u16>> {
    static G: OnceLock<HashMap<&'static str, Vec<u16>>> = OnceLock::new();
    G.get_or_init(|| {
        let mut map: HashMap<&'static str, Vec<u16>> = HashMap::new();
        let lines = include_str!("../../data/orgs/abbreviations.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty());
        for (i, line) in lines.enumerate() {
            for form in line.split('|').filter(|f| !f.contains(' ')) {
                map.entry(form).or_default().push(i as u16);
            }
        }
        map
    })
}

/// Whether two folded words are forms of one abbreviation group.
///
/// # Example
/// ```
/// use polyonym::knowledge::abbreviations::equivalent;
/// assert!(equivalent("corp", "corporation"));
/// assert!(equivalent("1st", "first"));
/// assert!(!equivalent("corp", "company"));
/// ```
pub fn equivalent(a: &str, b: &str) -> bool {
    let g = groups();
    match (g.get(a), g.get(b)) {
        (Some(x), Some(y)) => x.iter().any(|i| y.contains(i)),
        _ => false,
    }
}
