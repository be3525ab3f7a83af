//! How Russian writes Vietnamese names: the practical transcription, one
//! Cyrillic word per Vietnamese syllable (Фам Минь Тинь for Phạm Minh
//! Chính; Нгуен Фу Чонг for Nguyễn Phú Trọng; Во Ван Тхыонг for Võ Văn
//! Thưởng). Its letters are not the Latin ones read back (ch is т, tr ч,
//! d and gi з, s ш, x с, ư ы, nh нь), so the name transliterated letter by
//! letter ("fam min tin", "nguen fu chong") is too far from its Latin
//! spelling for any edit distance.
//!
//! [`latin_spellings`] reads each word of a name written so as one
//! syllable (initial, vowel, final) with every Latin spelling of each part
//! (folded: no tones, ư as u, đ as d); the resolver and `compare` keep the
//! words the dictionary (or the other name) carries, at a factor of 0.95
//! (explained as `vietnamese-cyrillic`). The tables follow the Russian
//! practical transcription of Vietnamese as the Russian press writes it.
//!
//! # Example
//! ```
//! use polyonym::knowledge::vietnamese_cyrillic::latin_spellings;
//! let known = ["pham", "minh", "chinh", "nguyen", "phu", "trong"];
//! let accept = |w: &str| known.contains(&w);
//! assert_eq!(latin_spellings("Фам Минь Тинь", accept), [["pham", "minh", "chinh"]]);
//! assert_eq!(latin_spellings("Нгуен Фу Чонг", accept), [["nguyen", "phu", "trong"]]);
//! assert!(latin_spellings("Иван Петров", accept).is_empty());
//! ```

/// Initial consonants, longest first, with their Latin spellings.
const INITIALS: &[(&str, &[&str])] = &[
    ("кх", &["kh"]),
    ("тх", &["th"]),
    ("нг", &["ng", "ngh"]),
    ("ч", &["tr"]),
    ("ф", &["ph"]),
    ("б", &["b"]),
    ("к", &["c", "k", "q"]),
    ("з", &["d", "gi", "r"]),
    ("ж", &["r"]),
    ("д", &["d"]),
    ("г", &["g", "gh"]),
    ("х", &["h"]),
    ("л", &["l"]),
    ("м", &["m"]),
    ("н", &["n", "nh"]),
    ("п", &["p"]),
    ("ш", &["s"]),
    ("с", &["x"]),
    ("т", &["t", "ch"]),
    ("в", &["v"]),
    ("", &[""]),
];

/// Vowels, longest first, with their Latin spellings (folded).
const VOWELS: &[(&str, &[&str])] = &[
    ("уйе", &["uye"]),
    ("юэ", &["ue", "uye"]),
    ("уе", &["uye", "ue"]),
    ("ые", &["uo"]),
    ("ыо", &["uo"]),
    ("ыа", &["ua"]),
    ("уо", &["uo"]),
    ("уа", &["ua", "oa"]),
    ("оа", &["oa"]),
    ("оэ", &["oe"]),
    ("ие", &["ie", "ye", "ia"]),
    ("а", &["a"]),
    ("я", &["a", "ia"]),
    ("е", &["e", "ie"]),
    ("э", &["e"]),
    ("и", &["i", "y"]),
    ("о", &["o"]),
    ("у", &["u"]),
    ("ы", &["u", "a"]),
    ("ю", &["u", "iu"]),
    ("ё", &["o"]),
];

/// Final consonants and glides, longest first, with their Latin spellings.
const FINALS: &[(&str, &[&str])] = &[
    ("нг", &["ng"]),
    ("нь", &["nh"]),
    ("ть", &["ch"]),
    ("к", &["c", "ch"]),
    ("м", &["m"]),
    ("н", &["n"]),
    ("п", &["p"]),
    ("т", &["t"]),
    ("й", &["i", "y"]),
    ("у", &["u", "o"]),
    ("о", &["o"]),
    ("", &[""]),
];

/// Spellings returned at most.
const MAX_SPELLINGS: usize = 4;

/// The Latin spellings of one Cyrillic word read as a Vietnamese
/// syllable (lowercase), all of them; empty when the word is no such
/// syllable.
fn syllable_spellings(word: &str) -> Vec<String> {
    super::syllable_spellings(word, INITIALS, VOWELS, FINALS)
}

/// The Latin spellings of a Vietnamese name written in Cyrillic: two to
/// four words, each one syllable, each read with every spelling of its
/// parts, kept where `accept` takes every word; at most four, the
/// likeliest first; in Ukrainian letters too. Empty when a word is no
/// syllable or none of its spellings is taken.
pub fn latin_spellings(name: &str, accept: impl Fn(&str) -> bool) -> Vec<Vec<String>> {
    super::read_cyrillic_syllables(name, MAX_SPELLINGS, |_, word| {
        syllable_spellings(word)
            .into_iter()
            .filter(|s| accept(s))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables() {
        let has = |word: &str, latin: &str| syllable_spellings(word).contains(&latin.to_string());
        assert!(has("тинь", "chinh"));
        assert!(has("нгуен", "nguyen"));
        assert!(has("чонг", "trong"));
        assert!(has("тхыонг", "thuong"));
        assert!(has("выонг", "vuong"));
        assert!(has("хюэ", "hue"));
        assert!(has("куанг", "quang"));
        assert!(has("шон", "son"));
        assert!(has("зунг", "dung"));
        // Letters or clusters no syllable has: no syllable.
        assert!(syllable_spellings("иван").is_empty());
        assert!(syllable_spellings("петров").is_empty());
    }

    #[test]
    fn names() {
        let known = ["vo", "van", "thuong", "vuong", "dinh", "hue", "to", "lam"];
        let accept = |w: &str| known.contains(&w);
        assert_eq!(
            latin_spellings("Во Ван Тхыонг", accept),
            [["vo", "van", "thuong"]]
        );
        assert_eq!(
            latin_spellings("Выонг Динь Хюэ", accept),
            [["vuong", "dinh", "hue"]]
        );
        assert_eq!(latin_spellings("Тô Лам", accept).len(), 0, "a Latin ô");
        assert_eq!(latin_spellings("То Лам", accept), [["to", "lam"]]);
        assert!(latin_spellings("Фам", |_| true).is_empty(), "one word");
        // In Ukrainian letters: і for и, и for ы.
        let accept = |w: &str| ["pham", "minh", "chinh"].contains(&w);
        assert_eq!(
            latin_spellings("Фам Мінь Тінь", accept),
            [["pham", "minh", "chinh"]]
        );
    }
}
