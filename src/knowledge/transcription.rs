//! How Chinese writes foreign names: each syllable of the name has a
//! customary character (默克尔 is Mer-ke-l, Merkel; 蓬佩奥 Pom-pe-o,
//! Pompeo; 拜登 Bi-den, Biden). Read as pinyin ("mo ke er"), such a name
//! is too far from its Latin spelling for any edit distance, and its
//! consonant classes lose what the characters drop (the r of "Mer").
//!
//! The table `data/han/transcription.tsv` (hand-written after the Xinhua
//! transcription tables) gives each character the sounds it writes; the
//! resolver and `compare` read a name in Han characters that is not a
//! native Chinese name (see [`crate::phonetic::is_native_han_name`]) with
//! every choice of sounds, and keep the words that the dictionary (or the
//! other name) carries, at a factor of 0.95 (explained as
//! `transcription`).
//!
//! # Example
//! ```
//! use polyonym::knowledge::transcription::latin_spellings;
//! let known = ["merkel", "angela", "biden", "joe"];
//! let accept = |w: &str| known.contains(&w);
//! assert_eq!(latin_spellings("默克尔", accept), vec![vec!["merkel".to_string()]]);
//! assert_eq!(latin_spellings("安格拉·默克尔", accept), vec![vec!["angela".to_string(), "merkel".to_string()]]);
//! assert!(latin_spellings("王毅", accept).is_empty());
//! ```

use std::sync::OnceLock;

use crate::normalize::tables::FastMap;

static TABLE_TEXT: &str = include_str!("../../data/han/transcription.tsv");

/// Choices of sounds tried per word: a word of four characters with three
/// sounds each has 81.
const MAX_TRIED: usize = 256;

/// Spellings returned at most.
const MAX_SPELLINGS: usize = 4;

/// Readings of a word tried against a near word of the dictionary at most
/// (each costs a Levenshtein automaton walk in the resolver).
pub const MAX_NEAR_TRIED: usize = 16;

/// Word separators of Chinese and Japanese transcriptions (安格拉·默克尔).
const SEPARATORS: &[char] = &['·', '・', '•', '‧', '･', '-', ' ', '\u{2027}'];

fn table() -> &'static FastMap<char, Vec<&'static str>> {
    static TABLE: OnceLock<FastMap<char, Vec<&'static str>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map = FastMap::default();
        for line in TABLE_TEXT.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            // Compiled in and checked by the tests below.
            let (chars, sounds) = line.split_once('\t').unwrap_or((line, ""));
            if let Some(c) = chars.chars().next() {
                map.insert(c, sounds.split(',').filter(|s| !s.is_empty()).collect());
            }
        }
        map
    })
}

/// The sounds a character writes in transcriptions, most common first;
/// empty for a character the table does not hold.
pub fn sounds(c: char) -> &'static [&'static str] {
    table().get(&c).map_or(&[], |v| v.as_slice())
}

/// The Latin spellings of a transcribed name, one word per word of the
/// name (split at `·` and the like), each word read with every choice of
/// its characters' sounds and kept where `accept` takes it; a word none
/// of whose readings is taken keeps no reading, and the name then has
/// none (an unread word would contradict the alias). Empty when a word has
/// a character the table does not hold, or the name is one character.
pub fn latin_spellings(text: &str, accept: impl Fn(&str) -> bool) -> Vec<Vec<String>> {
    latin_spellings_near(text, accept, |_| false)
}

/// [`latin_spellings`], and where no reading of a word is taken, the first
/// readings of six letters or more ([`MAX_NEAR_TRIED`]) that `near` takes
/// (a word one edit from a word the dictionary carries: a transcription
/// drops or blurs a sound, 布隆迪 "burondi" for Burundi, 萬那杜 "vanatu"
/// for Vanuatu). Such a reading is kept as read, so the scorer counts its
/// edit.
pub fn latin_spellings_near(
    text: &str,
    accept: impl Fn(&str) -> bool,
    near: impl Fn(&str) -> bool,
) -> Vec<Vec<String>> {
    let words: Vec<&str> = text.split(SEPARATORS).filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let one_word = words.len() == 1;
    super::read_word_by_word(&words, MAX_SPELLINGS, |_, word| {
        let options: Vec<&[&str]> = word.chars().map(sounds).collect();
        if (one_word && options.len() < 2) || options.iter().any(|o| o.is_empty()) {
            return Vec::new();
        }
        // Each reading with its rank: how far down its characters' lists
        // its sounds are.
        let choices: Vec<Vec<usize>> = options.iter().map(|o| (0..o.len()).collect()).collect();
        let candidates: Vec<(String, usize)> = super::combinations(&choices, MAX_TRIED)
            .iter()
            .map(|combo| {
                let text = combo.iter().zip(&options).map(|(&i, o)| o[i]).collect();
                (text, combo.iter().sum())
            })
            .collect();
        let mut readings: Vec<String> = Vec::new();
        for (reading, _) in &candidates {
            if readings.len() < MAX_SPELLINGS && !readings.contains(reading) && accept(reading) {
                readings.push(reading.clone());
            }
        }
        if readings.is_empty() {
            // The likeliest readings first (the fewest less common sounds),
            // not the first in order, which vary only the last characters:
            // 维斯塔格 tried sixteen readings starting "vi" and never
            // "vestage", one edit from Vestager.
            let mut likeliest: Vec<&(String, usize)> = candidates.iter().collect();
            likeliest.sort_by_key(|(_, rank)| *rank);
            let mut tried = 0;
            for (reading, _) in likeliest {
                if reading.len() < 6 || readings.contains(reading) {
                    continue;
                }
                if tried == MAX_NEAR_TRIED || readings.len() == MAX_SPELLINGS {
                    break;
                }
                tried += 1;
                if near(reading) {
                    readings.push(reading.clone());
                }
            }
        }
        readings
    })
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
            let (c, sounds) = line
                .split_once('\t')
                .unwrap_or_else(|| panic!("line {}: no tab", n + 1));
            assert_eq!(c.chars().count(), 1, "line {}: {c:?}", n + 1);
            assert!(seen.insert(c), "line {}: {c} twice", n + 1);
            for s in sounds.split(',') {
                assert!(
                    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase()),
                    "line {}: sound {s:?}",
                    n + 1
                );
            }
        }
    }

    #[test]
    fn transcriptions_read_back() {
        let known = [
            "pompeo",
            "radev",
            "hollande",
            "abbas",
            "stubb",
            "biden",
            "sullivan",
            "putin",
            "plenkovic",
            "juncker",
            "houston",
            "macron",
            "tajani",
            "mohammed",
            "salman",
        ];
        let accept = |w: &str| known.contains(&w);
        for (han, latin) in [
            ("蓬佩奥", "pompeo"),
            ("拉德夫", "radev"),
            ("奥朗德", "hollande"),
            ("阿巴斯", "abbas"),
            ("斯图布", "stubb"),
            ("拜登", "biden"),
            ("普京", "putin"),
            ("普连科维奇", "plenkovic"),
            ("侯斯頓", "houston"),
            ("马克龙", "macron"),
            ("萨勒曼", "salman"),
        ] {
            assert_eq!(
                latin_spellings(han, accept),
                vec![vec![latin.to_string()]],
                "{han}"
            );
        }
        // A reading one edit from a word: kept as read, and only when no
        // reading is taken as it is, and of six letters or more.
        let near = |w: &str| crate::score::osa_distance(w, "burundi") <= 1;
        assert_eq!(
            latin_spellings_near("布隆迪", accept, near),
            vec![vec!["burondi".to_string()]]
        );
        // The likeliest readings are tried first: "vestage" takes the
        // second sound of 维 (ve): 10th of six letters or more by rank,
        // 19th in order, after the sixteen tried.
        let near = |w: &str| crate::score::osa_distance(w, "vestager") <= 1;
        assert_eq!(
            latin_spellings_near("维斯塔格", accept, near),
            vec![vec!["vestage".to_string()]]
        );
        assert!(latin_spellings_near("拜登", accept, |_| true) == vec![vec!["biden".to_string()]]);
        assert!(latin_spellings_near("阿达", accept, |_| true).is_empty());
        // An unknown character; 乔 (Joe) read "jo"; nothing accepted.
        assert!(latin_spellings("习近平", accept).is_empty());
        assert!(latin_spellings("乔·拜登", accept).is_empty());
        assert!(latin_spellings("默克尔", accept).is_empty());
    }
}
