//! Latin acronyms as Russian (and other languages written in Cyrillic)
//! writes them, by their sound: ЮНИСЕФ is UNICEF, ИКАО ICAO, ЮНКТАД
//! UNCTAD, ЭКОСОС ECOSOC. A letter-by-letter transliteration ("yunisef",
//! "ikao") is two edits from the Latin one, too far for a word of four to
//! seven letters; read back letter by letter with the Latin letters each
//! Cyrillic one stands for in such words (к c or k, с c or s, initial ю
//! u), it is the acronym itself.
//!
//! Russian also makes acronyms of its own words, which the English name's
//! acronym translates initial by initial: ОЭСР (Организация экономического
//! сотрудничества и развития) is OECD, АТЭС (Азиатско-Тихоокеанское
//! экономическое сотрудничество) APEC, ОАГ OAS, ЕАЭС EAEU. Each letter is
//! read as the English initials of the words it most often begins in the
//! Russian names of organisations (э: экономический, Economic; с:
//! сотрудничество, союз, совет: Co-operation, Union, Council …). English
//! puts a head noun after its modifiers where Russian puts it first
//! (ШОС, Шанхайская организация сотрудничества, is SCO; АБИИ, Азиатский
//! банк инфраструктурных инвестиций, AIIB), so a reading with the first
//! head noun after the first letter moved to the end is tried too.
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

/// The English initials an upper-case Cyrillic letter may stand for in
/// the acronym of a Russian name of an organisation, by the words it most
/// often begins there (public usage of the organisations' Russian names).
fn initials(c: char) -> &'static [&'static str] {
    match c {
        // азиатский, американский, африканский, арабский, агентство
        'А' => &["a"],
        'Б' => &["b"],           // банк
        'В' => &["w", "m"],      // всемирный (World), валютный (Monetary)
        'Г' => &["s", "g"],      // государств (States), группа
        'Д' => &["t", "d"],      // договор (Treaty)
        'Е' => &["e"],           // европейский, евразийский
        'И' => &["i"],           // инвестиций, инфраструктурный, исламский
        'К' => &["c"],           // комиссия, комитет, конференция, конвенция
        'Л' => &["l"],           // лига
        'М' => &["i", "w"],      // международный, мировой
        'Н' => &["n"],           // национальный, наций, нераспространение
        'О' => &["o", "u"],      // организация, объединённых (United)
        'П' => &["p"],           // программа, партнёрство, парламент
        'Р' => &["d", "r"],      // развития (Development), региональный
        'С' => &["c", "u", "s"], // сотрудничество, союз (Union), совет, служба
        'Т' => &["p", "t"],      // тихоокеанский (Pacific), торговый
        'Ф' => &["f"],           // фонд, федерация
        'Ц' => &["c"],           // центральный, центр
        'Ш' => &["s"],           // шанхайская
        'Э' => &["e"],           // экономический, энергетический
        'Ю' => &["s"],           // южный (South)
        'Я' => &["n"],           // ядерный (Nuclear)
        _ => &[],
    }
}

/// Whether the letter may begin the head noun of a Russian organisation's
/// name (организация, банк, фонд, союз, совет, комиссия, группа,
/// программа), which English puts after its modifiers.
fn may_head(c: char) -> bool {
    matches!(c, 'О' | 'Б' | 'Ф' | 'С' | 'К' | 'Г' | 'П')
}

/// The Latin readings of `text` as an acronym written in Cyrillic by its
/// sound, or as the Russian acronym of an organisation's name read by
/// meaning (see the module's documentation), those `accept` takes (the
/// words a dictionary carries, or the other name's in `compare`), sorted.
/// Only one word of three to eight upper-case Cyrillic letters is read
/// (two-letter acronyms are mostly the Russian name's own: ЕС is the EU,
/// not the EC); at most 64 readings are tried by sound, and 64 by meaning
/// in each of the two orders.
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
    let spelled = |options: &[&[&str]]| -> Vec<String> {
        super::combinations(options, MAX_TRIED)
            .into_iter()
            .map(|letters| letters.concat())
            .collect()
    };
    let mut readings = spelled(&options);
    let chars: Vec<char> = word.chars().collect();
    let mut orders = vec![chars.clone()];
    if let Some(head) = (1..chars.len() - 1).find(|&i| may_head(chars[i])) {
        let mut moved = chars.clone();
        let c = moved.remove(head);
        moved.push(c);
        orders.push(moved);
    }
    for order in orders {
        let options: Vec<&[&str]> = order.iter().map(|&c| initials(c)).collect();
        readings.extend(spelled(&options));
    }
    readings.retain(|r| accept(r));
    readings.sort();
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

    #[test]
    fn russian_acronyms_read_by_meaning() {
        let known = |w: &str| ["oecd", "apec", "oas", "eaeu", "sco", "aiib"].contains(&w);
        for (cyrillic, latin) in [
            ("ОЭСР", "oecd"),
            ("АТЭС", "apec"),
            ("ОАГ", "oas"),
            ("ЕАЭС", "eaeu"),
            ("ШОС", "sco"),
            ("АБИИ", "aiib"),
        ] {
            assert_eq!(latin_readings(cyrillic, known), [latin], "{cyrillic}");
        }
        // Both orders: ШОС in the English order and as written.
        let both = |w: &str| w == "sco" || w == "soc";
        assert_eq!(latin_readings("ШОС", both), ["sco", "soc"]);
    }
}
