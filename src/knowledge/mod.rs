//! Cross-script knowledge: what transliteration and edit distance cannot
//! know.
//!
//! * [`han`]: the Han reading bridge. A person's name written in Han
//!   characters also gets its Sino-Vietnamese (Hán-Việt) reading as a
//!   derived alias at build time: 王毅 → "Vương Nghị", 习近平 → "Tập Cận
//!   Bình". (The Mandarin reading comes from the normalizer itself: 王毅
//!   normalizes to `wang yi`.)
//!
//! * [`name_parts`]: name-part equivalence groups across scripts
//!   (Zelenskyy / Selenskyj / Зеленський / ゼレンスキー).
//!
//! * [`nicknames`]: English nicknames of given names (Tony / Anthony).
//!
//! * [`wade_giles`] and [`palladius`]: Mandarin written in older or other
//!   romanizations ("Mao Tse-tung", "Си Цзиньпин") read as pinyin.
//!
//! * [`designations`]: 市, 省, 시 … after a place's name (溫州市).
//!
//! * [`pinyin_readings`]: the other Mandarin readings of a character (行
//!   hang in 闵行, Minhang).
//!
//! * [`cyrillic_acronyms`]: Latin acronyms written in Cyrillic by their
//!   sound (ЮНИСЕФ, UNICEF).
//!
//! The dictionary builder asks this module for alias expanders; the
//! scorer asks it whether two name parts are known equivalents.

pub mod abbreviations;
pub mod cyrillic_acronyms;
pub mod designations;
pub mod generic_words;
pub mod han;
pub mod kontsevich;
pub mod legal_forms;
pub mod name_parts;
pub mod nicknames;
pub mod palladius;
pub mod pinyin_readings;
pub mod regnal_names;
pub mod slavic_endings;
pub mod transcription;
pub mod vietnamese_cyrillic;
pub mod wade_giles;

use crate::dict::AliasExpander;
use crate::normalize::Script;

/// Every choice of one option per position, the last position varying
/// fastest, at most `max` of them (the first `max` in that order): the
/// spellings of a name read syllable by syllable or letter by letter, each
/// with several readings, multiply.
pub(crate) fn combinations<T: Clone, O: AsRef<[T]>>(options: &[O], max: usize) -> Vec<Vec<T>> {
    let mut out: Vec<Vec<T>> = vec![Vec::new()];
    for position in options {
        let mut next = Vec::new();
        for prefix in &out {
            for option in position.as_ref() {
                if next.len() < max {
                    let mut combination = prefix.clone();
                    combination.push(option.clone());
                    next.push(combination);
                }
            }
        }
        out = next;
    }
    out
}

/// The spellings of a name read word by word: each word's readings as
/// `read` gives them (the `k`-th word's, those the caller keeps), combined
/// in order, at most `max`; none when a word has no reading (an unread
/// word would contradict the other name).
pub(crate) fn read_word_by_word<'w>(
    words: &[&'w str],
    max: usize,
    mut read: impl FnMut(usize, &'w str) -> Vec<String>,
) -> Vec<Vec<String>> {
    let mut per_word: Vec<Vec<String>> = Vec::with_capacity(words.len());
    for (k, &word) in words.iter().enumerate() {
        let readings = read(k, word);
        if readings.is_empty() {
            return Vec::new();
        }
        per_word.push(readings);
    }
    combinations(&per_word, max)
}

/// The parts of a syllable written in Cyrillic, longest first, each with
/// its Latin spellings: initials, vowels or finals (see [`kontsevich`],
/// [`vietnamese_cyrillic`]).
pub(crate) type SyllableParts = &'static [(&'static str, &'static [&'static str])];

/// The Latin spellings of one Cyrillic word read as one syllable (an
/// initial, a vowel and a final of the tables, the word whole), every
/// combination of their spellings; empty when the word is no such
/// syllable.
pub(crate) fn syllable_spellings(
    word: &str,
    initials: SyllableParts,
    vowels: SyllableParts,
    finals: SyllableParts,
) -> Vec<String> {
    let mut out = Vec::new();
    for (initial, initial_latin) in initials {
        let Some(rest) = word.strip_prefix(initial) else {
            continue;
        };
        for (vowel, vowel_latin) in vowels {
            let Some(rest) = rest.strip_prefix(vowel) else {
                continue;
            };
            for (last, last_latin) in finals {
                if rest != *last {
                    continue;
                }
                for i in *initial_latin {
                    for v in *vowel_latin {
                        for f in *last_latin {
                            let s = format!("{i}{v}{f}");
                            if !out.contains(&s) {
                                out.push(s);
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

/// [`read_word_by_word`] for a name written in Cyrillic one syllable a
/// word: lowercased, Ukrainian letters read as Russian ones, split at
/// spaces and hyphens; two to four words, else none.
pub(crate) fn read_cyrillic_syllables(
    name: &str,
    max: usize,
    read: impl FnMut(usize, &str) -> Vec<String>,
) -> Vec<Vec<String>> {
    let lower = ukrainian_as_russian(name.to_lowercase());
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .collect();
    if !(2..=4).contains(&words.len()) {
        return Vec::new();
    }
    read_word_by_word(&words, max, read)
}

/// The alias expanders a default builder uses.
pub(crate) fn default_expanders() -> Vec<AliasExpander> {
    vec![Box::new(han::expand), Box::new(generic_words::expand)]
}

/// Name-part equivalence from [`name_parts`].
#[derive(Debug, Clone, Copy, Default)]
pub struct NamePartEquivalence;

impl NamePartEquivalence {
    /// The rule under which `a` and `b` are equivalent, name parts by
    /// `same_group`.
    fn rule(a: &str, b: &str, same_group: impl Fn() -> bool) -> Option<&'static str> {
        if abbreviations::equivalent(a, b) {
            Some("abbreviation")
        } else if same_group() {
            Some("name-part-group")
        } else if nicknames::related(a, b, name_parts::equivalent) {
            Some(nicknames::RULE)
        } else {
            None
        }
    }
}

impl crate::score::Equivalence for NamePartEquivalence {
    fn equivalent(&self, a: &str, b: &str) -> Option<&'static str> {
        Self::rule(a, b, || name_parts::equivalent(a, b))
    }

    fn equivalent_as_written(
        &self,
        a: &str,
        a_script: Script,
        b: &str,
        b_script: Script,
    ) -> Option<&'static str> {
        Self::rule(a, b, || {
            name_parts::equivalent_as_written(a, a_script, b, b_script)
        })
    }

    fn known(&self, part: &str) -> bool {
        !name_parts::groups(part).is_empty()
    }

    fn near_equivalent(&self, heard: &str, script: Script, latin: &str) -> bool {
        name_parts::near_equivalent_as_written(heard, script, latin)
    }
}

/// Name-part equivalence with each token's groups looked up once per
/// query: the same few tokens meet every candidate, and each look-up is an
/// FST walk (9% of resolve time on the evaluation set before caching).
#[derive(Default)]
pub(crate) struct CachedEquivalence {
    groups: std::cell::RefCell<crate::normalize::tables::FastMap<String, Vec<u32>>>,
}

impl CachedEquivalence {
    /// Caches the part's groups as [`name_parts`] stores them (tagged with
    /// the kinds of script whose forms hold the part).
    fn load(&self, part: &str) {
        if !self.groups.borrow().contains_key(part) {
            let g = name_parts::tagged_groups(part);
            self.groups.borrow_mut().insert(part.to_string(), g);
        }
    }

    /// The rule under which `a` and `b` are equivalent: an abbreviation, a
    /// shared name-part group (any group, or with `scripts` one of their
    /// [`name_parts::groups_as_written`]), or a nickname.
    fn share(&self, a: &str, b: &str, scripts: Option<(Script, Script)>) -> Option<&'static str> {
        if abbreviations::equivalent(a, b) {
            return Some("abbreviation");
        }
        if a.len() < 3 || b.len() < 3 {
            return None;
        }
        if self.same_group(a, b, scripts) {
            return Some("name-part-group");
        }
        nicknames::related(a, b, |formal, other| self.same_group(formal, other, None))
            .then_some(nicknames::RULE)
    }

    /// Whether `a` and `b` share a name-part group (see [`Self::share`]).
    fn same_group(&self, a: &str, b: &str, scripts: Option<(Script, Script)>) -> bool {
        self.load(a);
        self.load(b);
        let groups = self.groups.borrow();
        let (ga, gb) = (&groups[a], &groups[b]);
        match scripts {
            Some((sa, sb)) => name_parts::share_as_written(ga, sa, gb, sb),
            None => {
                let gb = name_parts::groups_of_tagged(gb);
                name_parts::groups_of_tagged(ga)
                    .iter()
                    .any(|g| gb.binary_search(g).is_ok())
            }
        }
    }
}

impl crate::score::Equivalence for CachedEquivalence {
    fn equivalent(&self, a: &str, b: &str) -> Option<&'static str> {
        self.share(a, b, None)
    }

    fn equivalent_as_written(
        &self,
        a: &str,
        a_script: Script,
        b: &str,
        b_script: Script,
    ) -> Option<&'static str> {
        self.share(a, b, Some((a_script, b_script)))
    }

    fn known(&self, part: &str) -> bool {
        self.load(part);
        !self.groups.borrow()[part].is_empty()
    }

    fn near_equivalent(&self, heard: &str, script: Script, latin: &str) -> bool {
        name_parts::near_equivalent_as_written(heard, script, latin)
    }

    fn known_as_written(&self, part: &str, scripts: (Script, Script)) -> bool {
        self.load(part);
        let classes = name_parts::script_class(scripts.0) | name_parts::script_class(scripts.1);
        self.groups.borrow()[part].iter().any(|t| t & classes != 0)
    }
}

/// Lowercase Cyrillic text in Ukrainian letters written as Russian ones,
/// for the systems that transcribe Chinese and Korean into Russian
/// (Palladius, Kontsevich), which Ukrainian writes with its own letters:
/// its і is the Russian и, its и the Russian ы (Сі Цзіньпін for Си
/// Цзиньпин, Кім Чен Ин for Ким Чен Ын). Text with no letter only
/// Ukrainian has is returned as it is.
pub(crate) fn ukrainian_as_russian(lower: String) -> String {
    if !lower.contains(['і', 'ї', 'є', 'ґ']) {
        return lower;
    }
    lower
        .chars()
        .map(|c| match c {
            'і' | 'ї' => 'и',
            'и' => 'ы',
            'є' => 'е',
            'ґ' => 'г',
            other => other,
        })
        .collect()
}

/// The name-part equivalence oracle used in scoring.
pub(crate) fn equivalence() -> &'static dyn crate::score::Equivalence {
    &NamePartEquivalence
}

/// A fingerprint of all compiled knowledge that dictionary keys depend on.
pub fn fingerprint() -> u64 {
    name_parts::fingerprint()
}

#[cfg(test)]
mod tests {
    use super::combinations;

    #[test]
    fn combinations_in_order_and_bounded() {
        let options = [vec!["a", "b"], vec!["x"], vec!["1", "2"]];
        let all: Vec<String> = combinations(&options, 10)
            .iter()
            .map(|c| c.concat())
            .collect();
        assert_eq!(all, ["ax1", "ax2", "bx1", "bx2"]);
        assert_eq!(combinations(&options, 3).len(), 3);
        assert_eq!(
            combinations::<&str, Vec<&str>>(&[], 4),
            [Vec::<&str>::new()]
        );
        assert!(combinations(&[vec!["a"], vec![]], 4).is_empty());
    }
}
