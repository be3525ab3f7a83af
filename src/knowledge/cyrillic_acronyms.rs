//! Latin acronyms as Russian (and other languages written in Cyrillic)
//! writes them, by their sound: ЮНИСЕФ is UNICEF, ИКАО ICAO, ЮНКТАД
//! UNCTAD, ЭКОСОС ECOSOC. A letter-by-letter transliteration ("yunisef",
//! "ikao") is two edits from the Latin one, too far for a word of four to
//! seven letters; read back letter by letter with the Latin letters each
//! Cyrillic one stands for in such words (к c or k, с c or s, initial ю
//! u), it is the acronym itself.
//!
//! # Example
//! ```
//! use polyonym::knowledge::cyrillic_acronyms::latin_readings;
//! let known = |w: &str| ["unicef", "icao"].contains(&w);
//! assert_eq!(latin_readings("ЮНИСЕФ", known), ["unicef"]);
//! assert_eq!(latin_readings("ИКАО", known), ["icao"]);
//! assert!(latin_readings("Иван", known).is_empty()); // not upper case
//! ```

/// Most readings tried per word (the letters with two readings multiply).
const MAX_TRIED: usize = 64;

/// The Latin letters an upper-case Cyrillic letter may stand for in an
/// acronym read by its sound; `first`: at the start of the word.
fn letters(c: char, first: bool) -> &'static [&'static str] {
    match c {
        'А' => &["a"],
        'Б' => &["b"],
        'В' => &["v", "w"],
        'Г' => &["g"],
        'Д' => &["d"],
        'Е' | 'Ё' => &["e"],
        'Ж' => &["j", "zh"],
        'З' => &["z", "s"],
        'И' => &["i"],
        'Й' => &["y", "i"],
        'К' => &["k", "c"],
        'Л' => &["l"],
        'М' => &["m"],
        'Н' => &["n"],
        'О' => &["o", "au"],
        'П' => &["p"],
        'Р' => &["r"],
        'С' => &["s", "c"],
        'Т' => &["t"],
        'У' => &["u"],
        'Ф' => &["f"],
        'Х' => &["h", "kh"],
        'Ц' => &["ts", "c"],
        'Ч' => &["ch"],
        'Ш' => &["sh"],
        'Щ' => &["shch"],
        'Ъ' | 'Ь' => &[""],
        'Ы' => &["y"],
        'Э' => &["e", "a"],
        'Ю' if first => &["u", "yu"],
        'Ю' => &["yu", "u"],
        'Я' => &["ya"],
        _ => &[],
    }
}

/// The Latin readings of `text` as an acronym written in Cyrillic by its
/// sound, those `accept` takes (the words a dictionary carries, or the
/// other name's in `compare`). Only one word of three to eight upper-case
/// Cyrillic letters is read (two-letter acronyms are mostly the Russian
/// name's own: ЕС is the EU, not the EC); at most 64 readings are tried.
pub fn latin_readings(text: &str, accept: impl Fn(&str) -> bool) -> Vec<String> {
    let word = text.trim();
    let count = word.chars().count();
    if !(3..=8).contains(&count) || !word.chars().all(|c| ('А'..='Я').contains(&c) || c == 'Ё') {
        return Vec::new();
    }
    let options: Vec<&[&str]> = word
        .chars()
        .enumerate()
        .map(|(i, c)| letters(c, i == 0))
        .collect();
    let mut readings: Vec<String> = super::combinations(&options, MAX_TRIED)
        .into_iter()
        .map(|letters| letters.concat())
        .collect();
    readings.retain(|r| accept(r));
    readings.dedup();
    readings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_read_by_sound() {
        let known = |w: &str| ["unicef", "icao", "unctad", "ecosoc", "aukus", "nato"].contains(&w);
        for (cyrillic, latin) in [
            ("ЮНИСЕФ", "unicef"),
            ("ИКАО", "icao"),
            ("ЮНКТАД", "unctad"),
            ("ЭКОСОС", "ecosoc"),
            ("ОКУС", "aukus"),
            ("НАТО", "nato"),
        ] {
            assert_eq!(latin_readings(cyrillic, known), [latin], "{cyrillic}");
        }
        let any = |_: &str| true;
        assert!(latin_readings("Юнисеф", any).is_empty());
        assert!(latin_readings("ЮНИСЕФ ООН", any).is_empty());
        assert!(latin_readings("Ю", any).is_empty());
        assert!(latin_readings("ЕС", any).is_empty());
        assert!(latin_readings("UNICEF", any).is_empty());
        assert!(latin_readings("ЮНИСЕФЮНИСЕФ", any).is_empty());
        assert!(latin_readings("ЭКОСОСЫ", |w| w == "ecosocy").len() == 1);
    }
}
