//! How Russian writes Korean names: the Kontsevich system, one Cyrillic
//! syllable per Hangul syllable (Ким Чен Ын for 김정은, Kim Jong Un; Мун
//! Чжэ Ин for 문재인, Moon Jae-in; Юн Сок Ёль for 윤석열, Yoon Suk-yeol).
//! Transliterated letter by letter ("kim chen yn", "mun chzhe in"), such a
//! name is too far from its Latin spelling for any edit distance.
//!
//! [`latin_spellings`] reads each word of a name written so as one Korean
//! syllable (initial, vowel, final) with every Latin spelling of each
//! part (Revised Romanization, McCune–Reischauer and the press's: ч is j
//! or ch, е is e, eo or o, ы eu or u) and the press spellings of common
//! family names (Пак Park, Ли Lee, Цой Choi); the resolver and `compare`
//! keep the words the dictionary (or the other name) carries, at a factor
//! of 0.95 (explained as `kontsevich`).
//!
//! # Example
//! ```
//! use polyonym::knowledge::kontsevich::latin_spellings;
//! let known = ["kim", "jong", "un", "moon", "jae", "in"];
//! let accept = |w: &str| known.contains(&w);
//! assert_eq!(latin_spellings("Ким Чен Ын", accept), [["kim", "jong", "un"]]);
//! assert_eq!(latin_spellings("Мун Чжэ Ин", accept), [["moon", "jae", "in"]]);
//! assert!(latin_spellings("Иван Петров", accept).is_empty());
//! ```

/// Initial consonants, longest first, with their Latin spellings.
const INITIALS: &[(&str, &[&str])] = &[
    ("чж", &["j"]),
    ("дж", &["j"]),
    ("чх", &["ch"]),
    ("кх", &["k"]),
    ("тх", &["t"]),
    ("пх", &["p"]),
    ("кк", &["kk"]),
    ("тт", &["tt"]),
    ("пп", &["pp"]),
    ("сс", &["ss"]),
    ("чч", &["jj"]),
    ("к", &["g", "k"]),
    ("г", &["g"]),
    ("н", &["n"]),
    ("т", &["d", "t"]),
    ("д", &["d"]),
    ("р", &["r", "l"]),
    ("л", &["r", "l"]),
    ("м", &["m"]),
    ("п", &["b", "p"]),
    ("б", &["b"]),
    ("с", &["s", "sh"]),
    ("ч", &["j", "ch"]),
    ("ц", &["ch", "ts"]),
    ("х", &["h"]),
    ("", &[""]),
];

/// Vowels, longest first, with their Latin spellings.
const VOWELS: &[(&str, &[&str])] = &[
    ("ый", &["ui", "eui"]),
    ("ой", &["oe", "oi"]),
    ("ва", &["wa"]),
    ("во", &["wo"]),
    ("ве", &["we", "oe", "oi"]),
    ("ви", &["wi"]),
    ("вэ", &["wae"]),
    ("а", &["a"]),
    ("я", &["ya"]),
    ("о", &["o", "eo", "u"]),
    ("ё", &["yeo", "yo", "yu"]),
    ("у", &["u", "oo"]),
    ("ю", &["yu", "yoo"]),
    ("ы", &["eu", "u"]),
    ("и", &["i", "ee"]),
    ("э", &["ae", "e"]),
    ("е", &["e", "eo", "o", "ye"]),
];

/// Final consonants, longest first, with their Latin spellings.
const FINALS: &[(&str, &[&str])] = &[
    ("ль", &["l"]),
    ("нъ", &["ng"]),
    ("к", &["k", "g"]),
    ("н", &["n", "ng"]),
    ("л", &["l"]),
    ("р", &["l"]),
    ("м", &["m"]),
    ("п", &["p", "b"]),
    ("т", &["t"]),
    ("", &[""]),
];

/// Family names whose press spelling no rule gives.
const FAMILY_NAMES: &[(&str, &[&str])] = &[
    ("пак", &["park"]),
    ("ли", &["lee", "rhee", "yi"]),
    ("цой", &["choi"]),
    ("чхве", &["choi"]),
    ("чон", &["jung", "chung"]),
    ("но", &["roh", "noh"]),
    ("ан", &["ahn"]),
    ("о", &["oh"]),
    ("сон", &["song", "sung"]),
    ("ю", &["yoo"]),
];

/// Spellings returned at most.
const MAX_SPELLINGS: usize = 4;

/// The Latin spellings of one Cyrillic word read as a Korean syllable
/// (lowercase), all of them; empty when the word is no such syllable.
fn syllable_spellings(word: &str) -> Vec<String> {
    super::syllable_spellings(word, INITIALS, VOWELS, FINALS)
}

/// The Latin spellings of a Korean name written in Cyrillic by the
/// Kontsevich system: two to four words, each one syllable, each read with
/// every spelling of its parts (the first also as a family name's press
/// spelling), kept where `accept` takes every word; at most four, the
/// likeliest first; in Ukrainian letters too (Кім Чен Ин). Empty when a
/// word is no syllable or none of its spellings is taken.
pub fn latin_spellings(name: &str, accept: impl Fn(&str) -> bool) -> Vec<Vec<String>> {
    super::read_cyrillic_syllables(name, MAX_SPELLINGS, |k, word| {
        let mut spellings = Vec::new();
        if k == 0 {
            if let Some((_, press)) = FAMILY_NAMES.iter().find(|(w, _)| *w == word) {
                spellings.extend(press.iter().map(|s| s.to_string()));
            }
        }
        spellings.extend(syllable_spellings(word));
        let mut taken: Vec<String> = Vec::new();
        for s in spellings {
            if !taken.contains(&s) && accept(&s) {
                taken.push(s);
            }
        }
        taken
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables() {
        assert!(syllable_spellings("ким").contains(&"kim".to_string()));
        assert!(syllable_spellings("чжэ").contains(&"jae".to_string()));
        assert!(syllable_spellings("сок").contains(&"seok".to_string()));
        assert!(syllable_spellings("ёль").contains(&"yeol".to_string()));
        assert!(syllable_spellings("ын").contains(&"eun".to_string()));
        // Two vowels, or letters no syllable has: no syllable.
        assert!(syllable_spellings("иван").is_empty());
        assert!(syllable_spellings("петров").is_empty());
    }

    #[test]
    fn names() {
        let any = |_: &str| true;
        let known = ["yoon", "suk", "yeol", "park", "geun", "hye"];
        let accept = |w: &str| known.contains(&w);
        assert_eq!(
            latin_spellings("Юн Сок Ёль", accept),
            [["yoon", "suk", "yeol"]]
        );
        assert_eq!(
            latin_spellings("Пак Кын Хе", accept),
            [["park", "geun", "hye"]]
        );
        assert_eq!(latin_spellings("Ким Чен Ын", any).len(), MAX_SPELLINGS);
        assert!(latin_spellings("Ким", any).is_empty(), "one word");
        assert!(latin_spellings("Ким Чен Ын", |w| w == "kim").is_empty());
        // In Ukrainian letters: і for и, и for ы.
        let kim = ["kim", "jong", "un"];
        let accept = |w: &str| kim.contains(&w);
        assert_eq!(latin_spellings("Кім Чен Ин", accept), [kim]);
    }
}
