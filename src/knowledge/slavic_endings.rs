//! How Russian, Ukrainian, Belarusian, Bulgarian, Serbian and Macedonian
//! write the names of countries and regions: with the ending -ия (-ія,
//! -ија) where English has -ia, -y or nothing (Италия Italy, Иордания
//! Jordan, Ирландија Ireland), and with И for a J or Y before a vowel
//! (Иордания, Иоганнесбург). Transliterated, such a name is two or more
//! edits from its English form ("iordaniya", "jordan"), too far for the
//! fuzzy search.
//!
//! [`latin_spellings`] gives the English-shaped words a folded Cyrillic
//! word may stand for; the resolver and `compare` keep those the
//! dictionary (or the other name) carries, at a factor of 0.95 (explained
//! as `slavic-ending`).
//!
//! # Example
//! ```
//! use polyonym::knowledge::slavic_endings::latin_spellings;
//! let known = ["jordan", "italy", "ireland", "serbia"];
//! let accept = |w: &str| known.contains(&w);
//! assert_eq!(latin_spellings("iordaniya", accept), ["jordan"]);
//! assert_eq!(latin_spellings("italiya", accept), ["italy"]);
//! assert_eq!(latin_spellings("serbiia", accept), ["serbia"]);
//! assert!(latin_spellings("ivanov", accept).is_empty());
//! ```

/// The transliterations of -ия (BGN, ICAO, scholarly and Serbian). Not a
/// plain "ia", which -ня and -ля give too ("borynnia").
const ENDINGS: [&str; 3] = ["iya", "iia", "ija"];

/// What English writes for the ending: Serbia, Italy, Jordan, Canada.
const ENGLISH_ENDINGS: [&str; 4] = ["ia", "y", "", "a"];

/// The English-shaped spellings of a folded, transliterated Cyrillic word
/// ending in -ия that `accept` takes, at most four: the ending as -ia, -y,
/// nothing or -a, and an initial "i" before a vowel also as "j" and "y".
/// Empty for a word without the ending or of fewer than three letters
/// before it.
pub fn latin_spellings(word: &str, accept: impl Fn(&str) -> bool) -> Vec<String> {
    let Some(stem) = ENDINGS.iter().find_map(|e| word.strip_suffix(e)) else {
        return Vec::new();
    };
    if stem.len() < 3 || !stem.is_ascii() {
        return Vec::new();
    }
    let mut stems = vec![stem.to_string()];
    let bytes = stem.as_bytes();
    if bytes[0] == b'i' && b"aeou".contains(&bytes[1]) {
        stems.push(format!("j{}", &stem[1..]));
        stems.push(format!("y{}", &stem[1..]));
    }
    let mut out: Vec<String> = Vec::new();
    for stem in &stems {
        for ending in ENGLISH_ENDINGS {
            let candidate = format!("{stem}{ending}");
            if candidate != word && out.len() < 4 && !out.contains(&candidate) && accept(&candidate)
            {
                out.push(candidate);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endings_and_initial_j() {
        let any = |_: &str| true;
        assert_eq!(latin_spellings("irlandija", |w| w == "irland"), ["irland"]);
        assert_eq!(latin_spellings("iordaniya", any).len(), 4);
        assert_eq!(latin_spellings("indiya", |w| w == "india"), ["india"]);
        assert!(latin_spellings("liya", any).is_empty(), "stem too short");
        assert!(latin_spellings("iya", any).is_empty());
        assert!(
            latin_spellings("serbia", |w| w == "serbia").is_empty(),
            "unchanged"
        );
    }
}
