//! Steps 2 and 3, on the words of the cleaned text: titles removed and
//! recorded, comma-inverted names put back in natural order.

use super::clean::is_separator;
use super::tables::{tables, TitleEntry};
use super::Title;

/// A word of the cleaned text: a byte range, and what follows it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Word {
    pub start: usize,
    pub end: usize,
    pub comma_after: bool,
    /// A hyphen joins this word to the next ("jean-luc", "г-н").
    pub hyphen_after: bool,
}

impl Word {
    pub fn text(self, clean: &str) -> &str {
        &clean[self.start..self.end]
    }
}

/// Splits cleaned text into words at separators and hyphens, remembering
/// commas and hyphens. Words made only of dots or apostrophes carry
/// nothing and are dropped.
pub(super) fn split_words(text: &str) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let mut start = None;
    let mut meaningful = false;
    for (i, c) in text.char_indices() {
        let hyphen = c == '-';
        if hyphen || is_separator(c) {
            if let Some(s) = start.take() {
                if meaningful {
                    words.push(Word {
                        start: s,
                        end: i,
                        comma_after: false,
                        hyphen_after: hyphen,
                    });
                }
            }
            if matches!(c, ',' | '，' | '、' | '،') {
                if let Some(last) = words.last_mut() {
                    last.comma_after = true;
                }
            }
        } else {
            if start.is_none() {
                start = Some(i);
                meaningful = false;
            }
            meaningful |= !matches!(c, '.' | '\'');
        }
    }
    if let Some(s) = start {
        if meaningful {
            words.push(Word {
                start: s,
                end: text.len(),
                comma_after: false,
                hyphen_after: false,
            });
        }
    }
    words
}

/// The form of a word used to match titles: trailing dots removed.
fn title_form(word: &str) -> &str {
    word.trim_end_matches('.')
}

/// Words after a title that make it an office ("President of the European
/// Council"), not a title of the person who follows.
fn is_office_connector(word: &str) -> bool {
    matches!(word, "of" | "for")
}

/// Words joining two titles ("Mr. and Mrs. Smith").
fn is_title_joiner(word: &str) -> bool {
    matches!(word, "and" | "und" | "et" | "y")
}

/// The longest title starting at word `at`, and its length in words.
fn title_at<'t>(words: &[Word], clean: &str, at: usize) -> Option<(&'t TitleEntry, usize)> {
    let table = &tables().titles;
    let entries = table.get(title_form(words.get(at)?.text(clean)))?;
    entries.iter().find_map(|entry| {
        let n = entry.words.len();
        let matches = at + n <= words.len()
            && (1..n).all(|k| title_form(words[at + k].text(clean)) == entry.words[k])
            // Words joined as in the table; a comma inside a title ends it.
            && (0..n - 1).all(|k| {
                let w = words[at + k];
                w.hyphen_after == entry.hyphens[k] && !w.comma_after
            })
            && (!entry.dotted || words[at + n - 1].text(clean).ends_with('.'));
        matches.then_some((entry, n))
    })
}

fn record(entry: &TitleEntry, titles: &mut Vec<Title>) {
    titles.push(Title {
        text: entry.text.clone(),
        lang: entry.lang.clone(),
        gender: entry.gender,
    });
}

/// Step 2: removes the titles before a name ("Ms. Kaja Kallas", "Chinese
/// Foreign Minister Wang Yi") and after it in languages that put them
/// there ("윤석열 대통령"); at least one word is always kept.
///
/// Applying it again to what it leaves removes nothing more: normalizing is
/// idempotent.
pub(super) fn strip_titles(words: &mut Vec<Word>, clean: &str, titles: &mut Vec<Title>) {
    loop {
        let start = if title_at(words, clean, 0).is_some() {
            leading_titles(words, clean, 0, titles)
        } else {
            qualified_title(words, clean, titles)
        };
        if start == 0 {
            break;
        }
        words.drain(..start);
    }
    // Trailing titles of languages that write them after the name.
    while words.len() > 1 {
        let last = words.len() - 1;
        let entry = title_at(words, clean, last).filter(|(e, n)| {
            *n == 1 && matches!(e.lang.as_str(), "zh" | "ja" | "ko") && !words[last - 1].comma_after
        });
        match entry {
            Some((entry, _)) => {
                record(entry, titles);
                words.pop();
            }
            None => break,
        }
    }
}

/// A chain of titles from word `start` ("Prof. Dr.", "Mr. and Mrs."):
/// returns the index of the first word after them, or `start` when the
/// chain is not a person's titles.
fn leading_titles(words: &[Word], clean: &str, start: usize, titles: &mut Vec<Title>) -> usize {
    let mut at = start;
    let mut found: Vec<&TitleEntry> = Vec::new();
    while let Some((entry, n)) = title_at(words, clean, at) {
        let after = at + n;
        let left = words.len() - after;
        if left == 0 || (entry.ambiguous && left < 2) || words[after - 1].comma_after {
            break;
        }
        if is_office_connector(words[after].text(clean)) {
            // "President of the European Council Antonio Costa": the
            // whole chain names an office; keep it.
            return start;
        }
        found.push(entry);
        at = after;
        if words.len() - at > 2
            && is_title_joiner(words[at].text(clean))
            && title_at(words, clean, at + 1).is_some()
        {
            at += 1;
        }
    }
    // A trailing joiner belongs to the name ("Mr. and"): never strip it.
    if at > start && is_title_joiner(words[at - 1].text(clean)) {
        at -= 1;
    }
    for entry in found {
        record(entry, titles);
    }
    at
}

/// Office titles after one to three qualifier words ("Chinese Foreign
/// Minister Wang Yi", "European Commission President Ursula von der
/// Leyen"): the qualifiers go with the title when two or more words follow.
/// Returns the index of the first word of the name, or 0.
fn qualified_title(words: &[Word], clean: &str, titles: &mut Vec<Title>) -> usize {
    for q in 1..=3.min(words.len().saturating_sub(1)) {
        if words[q - 1].comma_after {
            return 0;
        }
        let Some((entry, n)) = title_at(words, clean, q) else {
            continue;
        };
        let after = q + n;
        if entry.gender.is_some()
            || entry.honorific
            || words.len() < after + 2
            || words[after - 1].comma_after
            || is_office_connector(words[after].text(clean))
        {
            return 0;
        }
        record(entry, titles);
        return leading_titles(words, clean, after, titles);
    }
    0
}

/// Step 3: "Leyen, Ursula von der" → "Ursula von der Leyen". Applies when
/// the name has exactly one comma with words on both sides, and what
/// follows the comma is not only suffixes ("Smith, Jr.").
pub(super) fn uninvert(words: &mut [Word], clean: &str) -> bool {
    let mut commas = words[..words.len().saturating_sub(1)]
        .iter()
        .enumerate()
        .filter(|(_, w)| w.comma_after);
    let (Some((split, _)), None) = (commas.next(), commas.next()) else {
        return false;
    };
    let split = split + 1;
    let suffixes = &tables().suffixes;
    let tail_is_suffix = words[split..].iter().all(|w| {
        let form = title_form(w.text(clean));
        if form.contains('.') {
            suffixes.contains(form.replace('.', "").as_str())
        } else {
            suffixes.contains(form)
        }
    });
    if tail_is_suffix {
        return false;
    }
    words.rotate_left(split);
    // The comma now sits inside the name; it no longer means anything.
    for w in words.iter_mut() {
        w.comma_after = false;
    }
    true
}
