//! Fuzzy neighbours of one word in a key FST: every single-word key within
//! a number of edits (insertions, deletions, substitutions, and adjacent
//! transpositions counted as one: the optimal string alignment distance).
//!
//! A Levenshtein automaton (`levenshtein_automata`, built once per word
//! from a parametric automaton made once per process) walks the FST and
//! stops at a space, since neighbours are single-word keys and most of a
//! key FST is multi-word keys whose branches it would otherwise follow.
//!
//! Measured and rejected: splitting a two-edit search by what happens to
//! the word's first character (kept, substituted, deleted, preceded by an
//! insertion, transposed), each case a one- or two-edit automaton behind
//! an anchor. It finds the same keys but made the resolver's typo queries
//! 30% slower on the 100k benchmark dictionary: the "any first byte, then
//! one edit" cases walk the root's neighbourhood as widely as the plain
//! two-edit automaton does, and four automata are built instead of one.

use std::sync::OnceLock;

use fst::{IntoStreamer, Streamer};
use levenshtein_automata::{Distance, LevenshteinAutomatonBuilder, DFA, SINK_STATE};

/// The automaton builders for one and two edits, transpositions included,
/// built once per process (building one takes milliseconds).
fn builder(distance: u32) -> &'static LevenshteinAutomatonBuilder {
    static D1: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    static D2: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    match distance {
        1 => D1.get_or_init(|| LevenshteinAutomatonBuilder::new(1, true)),
        _ => D2.get_or_init(|| LevenshteinAutomatonBuilder::new(2, true)),
    }
}

/// A Levenshtein automaton that never crosses a space.
struct SingleWord<'a>(&'a DFA);

impl fst::Automaton for SingleWord<'_> {
    type State = u32;

    fn start(&self) -> u32 {
        self.0.initial_state()
    }

    fn is_match(&self, state: &u32) -> bool {
        matches!(self.0.distance(*state), Distance::Exact(_))
    }

    fn can_match(&self, state: &u32) -> bool {
        *state != SINK_STATE
    }

    fn accept(&self, state: &u32, byte: u8) -> u32 {
        if byte == b' ' {
            SINK_STATE
        } else {
            self.0.transition(*state, byte)
        }
    }
}

/// How a neighbour search ended.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SearchStats {
    /// Keys the automaton matched.
    pub visited: usize,
    /// The key budget cut the search short.
    pub cut: bool,
}

/// Calls `found(key, value, edits)` for every single-word key of `map`
/// within `distance` edits of `word` (at most two), `word` itself
/// included (0 edits), each key once, in no particular order. Stops after
/// `max_keys` automaton matches.
pub(crate) fn neighbours<D: AsRef<[u8]>>(
    map: &fst::Map<D>,
    word: &str,
    distance: u32,
    max_keys: usize,
    mut found: impl FnMut(&[u8], u64, u32),
) -> SearchStats {
    let mut stats = SearchStats::default();
    if distance == 0 {
        if let Some(value) = map.get(word) {
            stats.visited = 1;
            found(word.as_bytes(), value, 0);
        }
        return stats;
    }
    let dfa = builder(distance.min(2)).build_dfa(word);
    walk(map, SingleWord(&dfa), max_keys, &mut stats, |key, value| {
        if let Distance::Exact(d) = dfa.eval(key) {
            found(key, value, d as u32);
        }
    });
    stats
}

/// Streams one automaton's matches over the map into `each`, counting them
/// against the budget.
fn walk<D: AsRef<[u8]>>(
    map: &fst::Map<D>,
    automaton: SingleWord<'_>,
    max_keys: usize,
    stats: &mut SearchStats,
    mut each: impl FnMut(&[u8], u64),
) {
    let mut stream = map.search(automaton).into_stream();
    while let Some((key, value)) = stream.next() {
        stats.visited += 1;
        if stats.visited > max_keys {
            stats.cut = true;
            return;
        }
        each(key, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic word list: short words over a small alphabet, so
    /// that many lie within two edits of each other, plus multi-word keys.
    fn words() -> Vec<String> {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut out = std::collections::BTreeSet::new();
        while out.len() < 3000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let len = 2 + (x % 8) as usize;
            let mut w: String = (0..len)
                .map(|i| b"abcdeklmnors"[((x >> (i * 4 + 8)) % 12) as usize] as char)
                .collect();
            if x % 5 == 0 {
                w.push_str(" kallas");
            }
            out.insert(w);
        }
        out.into_iter().collect()
    }

    fn map_of(words: &[String]) -> fst::Map<Vec<u8>> {
        fst::Map::from_iter(
            words
                .iter()
                .enumerate()
                .map(|(i, w)| (w.as_str(), i as u64)),
        )
        .unwrap()
    }

    #[test]
    fn finds_exactly_what_brute_force_finds() {
        let words = words();
        let map = map_of(&words);
        let queries = [
            "kallas",
            "kalas",
            "akllas",
            "makro",
            "ab",
            "abc",
            "nors",
            "oooooo",
            "kdlamnesor",
        ];
        for query in queries
            .iter()
            .copied()
            .chain(words.iter().take(200).map(String::as_str))
        {
            for distance in [1, 2] {
                let mut got: Vec<(String, u32)> = Vec::new();
                let stats = neighbours(&map, query, distance, usize::MAX, |k, _, d| {
                    got.push((String::from_utf8(k.to_vec()).unwrap(), d))
                });
                assert!(!stats.cut);
                got.sort();
                let mut want: Vec<(String, u32)> = words
                    .iter()
                    .filter(|w| !w.contains(' '))
                    .map(|w| (w.clone(), crate::score::osa_distance(query, w) as u32))
                    .filter(|(_, d)| *d <= distance)
                    .collect();
                want.sort();
                assert_eq!(got, want, "{query} within {distance}");
            }
        }
    }

    #[test]
    fn the_key_budget_cuts_the_search() {
        let words = words();
        let map = map_of(&words);
        let mut n = 0;
        let stats = neighbours(&map, "kalla", 2, 3, |_, _, _| n += 1);
        assert!(stats.cut);
        assert!(n <= 3);
    }
}
