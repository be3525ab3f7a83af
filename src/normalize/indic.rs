//! Devanagari to Latin, with the Hindi deletion of the inherent vowel.
//!
//! Every consonant carries an inherent a unless a vowel sign or the virama
//! follows. Hindi drops it at the end of a word after a single consonant
//! (राहुल → rahul, not rahula) and between single consonants in the middle
//! of a word when vowels stand on both sides (VC_CV: मनमोहन → manmohan,
//! अरविंद → arvind), applied right to left so that two neighbouring syllables
//! never both lose it. The second spelling drops only the final one
//! (manamohan, aravind), the form Marathi and Sanskrit names often keep.
//! Letters and classes: `data/normalize/devanagari.tsv`.

use std::borrow::Cow;

use super::tables::{tables, IndicClass};
use super::tokens::Alts;
use super::translit::deunicode_fold;

const NUKTA: char = '\u{093C}';

/// The Latin letters as Hindi names and writes them (एस S, जे J): an
/// Indian name's initials are written so, each with its period (एस.
/// जयशंकर, S. Jaishankar; ए. पी. जे. अब्दुल कलाम).
const LATIN_LETTER_NAMES: [(&str, &str); 28] = [
    ("ए", "a"),
    ("बी", "b"),
    ("सी", "c"),
    ("डी", "d"),
    ("ई", "e"),
    ("एफ", "f"),
    ("जी", "g"),
    ("एच", "h"),
    ("आई", "i"),
    ("जे", "j"),
    ("के", "k"),
    ("एल", "l"),
    ("एम", "m"),
    ("एन", "n"),
    ("ओ", "o"),
    ("पी", "p"),
    ("क्यू", "q"),
    ("आर", "r"),
    ("एस", "s"),
    ("टी", "t"),
    ("यू", "u"),
    ("वी", "v"),
    ("डब्ल्यू", "w"),
    ("डबल्यू", "w"),
    ("एक्स", "x"),
    ("वाई", "y"),
    ("ज़ेड", "z"),
    ("जेड", "z"),
];

/// The Latin letter a Devanagari word names (एस → s), if it names one.
pub(super) fn latin_letter(word: &str) -> Option<&'static str> {
    LATIN_LETTER_NAMES
        .iter()
        .find(|(name, _)| *name == word)
        .map(|(_, letter)| *letter)
}

#[derive(Debug, Clone)]
enum Item<'t> {
    Consonant(&'t str),
    /// A vowel; `inherent` for a consonant's implicit a.
    Vowel {
        text: &'t str,
        inherent: bool,
    },
    Nasal,
    Other(Cow<'t, str>),
}

/// The longest table entry (one to three chars) at the start of `rest`.
fn lookup(rest: &str) -> Option<(usize, IndicClass, &'static str)> {
    let table = &tables().devanagari;
    let mut ends = [0usize; 3];
    let mut count = 0;
    for (i, c) in rest.char_indices().take(3) {
        ends[count] = i + c.len_utf8();
        count += 1;
    }
    ends[..count].iter().rev().find_map(|&end| {
        table
            .get(&rest[..end])
            .map(|(class, out)| (end, *class, out.as_str()))
    })
}

fn parse(token: &str) -> Vec<Item<'static>> {
    let mut items = Vec::with_capacity(token.len() / 2);
    let mut at = 0;
    while at < token.len() {
        let rest = &token[at..];
        let Some((len, class, out)) = lookup(rest) else {
            let c = rest.chars().next().unwrap_or(' ');
            at += c.len_utf8();
            if c != NUKTA {
                let mut s = String::new();
                deunicode_fold(c, &mut s);
                if !s.is_empty() {
                    items.push(Item::Other(Cow::Owned(s)));
                }
            }
            continue;
        };
        at += len;
        match class {
            IndicClass::Consonant => {
                items.push(Item::Consonant(out));
                // A stray nukta (no table entry with this consonant).
                while token[at..].starts_with(NUKTA) {
                    at += NUKTA.len_utf8();
                }
                let next = lookup(&token[at..]).map(|(_, class, _)| class);
                if !matches!(next, Some(IndicClass::Sign | IndicClass::Virama)) {
                    items.push(Item::Vowel {
                        text: "a",
                        inherent: true,
                    });
                }
            }
            IndicClass::Vowel | IndicClass::Sign => items.push(Item::Vowel {
                text: out,
                inherent: false,
            }),
            IndicClass::Virama => {}
            IndicClass::Nasal => items.push(Item::Nasal),
            IndicClass::Other => {
                if !out.is_empty() {
                    items.push(Item::Other(Cow::Borrowed(out)));
                }
            }
        }
    }
    items
}

/// Which inherent vowels Hindi drops; `medial` adds the VC_CV rule to the
/// word-final one.
fn deletions(items: &[Item], medial: bool) -> Vec<bool> {
    let n = items.len();
    let mut deleted = vec![false; n];
    let vowel = |i: usize, deleted: &[bool]| matches!(items[i], Item::Vowel { .. }) && !deleted[i];
    let inherent = |i: usize| matches!(items[i], Item::Vowel { inherent: true, .. });
    let consonant = |i: usize| matches!(items[i], Item::Consonant(_));
    let vowels = items
        .iter()
        .filter(|i| matches!(i, Item::Vowel { .. }))
        .count();
    // Word-final, after a single consonant that follows a vowel: not after
    // a cluster (narendra, mitra), nor in -iya (priya).
    if n >= 3 && vowels > 1 && inherent(n - 1) && consonant(n - 2) {
        let after_vowel = vowel(n - 3, &deleted) || matches!(items[n - 3], Item::Nasal);
        let iya = matches!(items[n - 2], Item::Consonant("y"))
            && matches!(items[n - 3], Item::Vowel { text: "i", .. });
        if after_vowel && !iya {
            deleted[n - 1] = true;
        }
    }
    if medial && n >= 5 {
        for i in (2..n - 2).rev() {
            let left = vowel(i - 2, &deleted) || matches!(items[i - 2], Item::Nasal);
            if inherent(i) && consonant(i - 1) && left && consonant(i + 1) && vowel(i + 2, &deleted)
            {
                deleted[i] = true;
            }
        }
    }
    deleted
}

fn render(items: &[Item], deleted: &[bool]) -> String {
    let mut out = String::with_capacity(items.len() * 2);
    let kept = |i: usize| !deleted[i];
    for (i, item) in items.iter().enumerate() {
        if !kept(i) {
            continue;
        }
        match item {
            Item::Consonant(s) => out.push_str(s),
            Item::Vowel { text, .. } => out.push_str(text),
            Item::Other(s) => out.push_str(s),
            Item::Nasal => {
                // The nasal takes the place of articulation of what follows.
                let next = (i + 1..items.len()).find(|&j| kept(j));
                let nasal = match next.map(|j| &items[j]) {
                    Some(Item::Consonant(c)) if c.starts_with(['p', 'b', 'm']) => "m",
                    Some(Item::Consonant("h"))
                        if next.is_some_and(|j| (j + 1..items.len()).all(|k| !kept(k))) =>
                    {
                        "ng" // सिंह → singh
                    }
                    _ => "n",
                };
                out.push_str(nasal);
            }
        }
    }
    out
}

/// One Devanagari token: [Hindi spelling, spelling with medial a kept].
pub(super) fn transliterate(token: &str) -> Option<Alts> {
    let items = parse(token);
    let hindi = render(&items, &deletions(&items, true));
    let full = render(&items, &deletions(&items, false));
    Alts::from_vec(vec![hindi, full])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spell(s: &str) -> (String, String) {
        let a = transliterate(s).unwrap();
        (a.get(0).to_string(), a.get(1).to_string())
    }

    #[test]
    fn schwa_deletion() {
        assert_eq!(spell("नरेंद्र").0, "narendra");
        assert_eq!(spell("मोदी").0, "modi");
        assert_eq!(spell("मनमोहन"), ("manmohan".into(), "manamohan".into()));
        assert_eq!(spell("सिंह").0, "singh");
        assert_eq!(spell("भारत").0, "bharat");
        assert_eq!(spell("प्रिय").0, "priya");
        assert_eq!(spell("कमला"), ("kamla".into(), "kamala".into()));
        assert_eq!(spell("अंबानी").0, "ambani");
        assert_eq!(spell("न").0, "na");
    }
}
