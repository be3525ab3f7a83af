//! Regnal names: a sovereign's or a pope's name is translated, and the
//! number after it is not. King Charles III is Carlos III in Spanish and
//! Karl III in German; Pope Leo XIV is León XIV. The given names
//! themselves are other names (a Carlos is no Charles, and rigour's
//! name-part groups keep them apart), so these equivalents hold only for a
//! name that ends in a regnal number: an upper-case Roman numeral, written
//! as a word of its own. A number written another script's way is read as
//! that numeral first: [`east_asian_regnal`] (查尔斯三世) and
//! [`worded_regnal`] (تشارلز الثالث, צ'ארלס השלישי, Κάρολος Γ΄).
//!
//! The table `data/names/regnal_names.tsv` (hand-curated) gives the sets
//! of forms; the resolver and `compare` read such a name again with each
//! form of its given name's set that the dictionary (or the other name)
//! carries, at a factor of 0.97 (explained as `regnal-name`).
//!
//! # Example
//! ```
//! use polyonym::knowledge::regnal_names::regnal_spellings;
//! let accept = |w: &str| w == "charles";
//! let read = regnal_spellings("Carlos III", &["carlos", "iii"], accept);
//! assert_eq!(read, vec![vec!["charles".to_string(), "iii".to_string()]]);
//! // No regnal number: Carlos Smith is no Charles Smith.
//! assert!(regnal_spellings("Carlos Smith", &["carlos", "smith"], accept).is_empty());
//! ```

use std::sync::OnceLock;

use crate::normalize::tables::FastMap;

static TABLE_TEXT: &str = include_str!("../../data/names/regnal_names.tsv");

/// Spellings returned at most.
const MAX_SPELLINGS: usize = 8;

/// Each form's set, as the list of its forms.
fn table() -> &'static FastMap<&'static str, Vec<&'static str>> {
    static TABLE: OnceLock<FastMap<&'static str, Vec<&'static str>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map = FastMap::default();
        for line in TABLE_TEXT.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            // Compiled in and checked by the tests below.
            let forms: Vec<&'static str> = line.split('|').collect();
            for form in &forms {
                map.insert(*form, forms.clone());
            }
        }
        map
    })
}

/// The other forms of a regnal given name (`form` excluded), or none.
pub fn equivalents(form: &str) -> impl Iterator<Item = &'static str> + '_ {
    table()
        .get(form)
        .into_iter()
        .flatten()
        .copied()
        .filter(move |f| *f != form)
}

/// Whether `text`'s last word is a regnal number: an upper-case Roman
/// numeral from I to XXXIX.
pub fn ends_in_regnal_number(text: &str) -> bool {
    text.split_whitespace().last().is_some_and(is_regnal_number)
}

/// A name in Han characters, kana or Hangul that ends in a regnal number
/// (世, in Korean 세, after a number in Chinese numerals or digits, from 1
/// to 39): the name without it, and the number as an upper-case Roman
/// numeral. 查尔斯三世 is Charles III, 利奥十四世 Leo XIV, チャールズ3世 and
/// 찰스 3세 Charles III.
///
/// # Example
/// ```
/// use polyonym::knowledge::regnal_names::east_asian_regnal;
/// assert_eq!(east_asian_regnal("查尔斯三世"), Some(("查尔斯", "III".to_string())));
/// assert_eq!(east_asian_regnal("利奥十四世"), Some(("利奥", "XIV".to_string())));
/// assert_eq!(east_asian_regnal("찰스 3세"), Some(("찰스", "III".to_string())));
/// assert_eq!(east_asian_regnal("二十世"), None); // no name before it
/// assert_eq!(east_asian_regnal("查尔斯"), None);
/// assert_eq!(east_asian_regnal("查尔斯99999999999世"), None); // out of range
/// assert_eq!(east_asian_regnal("查尔斯四十五世"), None);
/// ```
pub fn east_asian_regnal(text: &str) -> Option<(&str, String)> {
    let rest = text.trim_end();
    let rest = rest
        .strip_suffix('世')
        .or_else(|| rest.strip_suffix('세'))?;
    let is_numeral = |c: char| {
        c.is_ascii_digit() || ('０'..='９').contains(&c) || "一二三四五六七八九十".contains(c)
    };
    let start = rest
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_numeral(c))
        .last()?
        .0;
    let (bare, number) = rest.split_at(start);
    with_roman(bare.trim_end(), numeral_value(number)?)
}

/// Regnal ordinals written as words after the name, by value: Arabic
/// (masculine and feminine, with the article: تشارلز الثالث Charles III,
/// إليزابيث الثانية Elizabeth II), Hebrew (with the article:
/// צ'ארלס השלישי), Persian and Urdu (چارلز سوم). Public facts of these
/// languages' grammar; Arabic writes 11 to 19 as the unit's ordinal and
/// عشر (عشرة for a queen), which [`worded_regnal`] reads as two words.
const ORDINAL_WORDS: [(u32, &[&str]); 10] = [
    (
        1,
        &[
            "الأول",
            "الاول",
            "الأولى",
            "الاولى",
            "הראשון",
            "הראשונה",
            "اول",
            "یکم",
        ],
    ),
    (2, &["الثاني", "الثانية", "השני", "השנייה", "השניה", "دوم"]),
    (3, &["الثالث", "الثالثة", "השלישי", "השלישית", "سوم"]),
    (4, &["الرابع", "الرابعة", "הרביעי", "הרביעית", "چهارم"]),
    (5, &["الخامس", "الخامسة", "החמישי", "החמישית", "پنجم"]),
    (6, &["السادس", "السادسة", "השישי", "השישית", "ششم"]),
    (7, &["السابع", "السابعة", "השביעי", "השביעית", "هفتم"]),
    (8, &["الثامن", "الثامنة", "השמיני", "השמינית", "هشتم"]),
    (9, &["التاسع", "التاسعة", "התשיעי", "התשיעית", "نهم"]),
    (10, &["العاشر", "العاشرة", "העשירי", "העשירית", "دهم"]),
];

/// The Arabic word for "-teen" after an ordinal (الرابع عشر, 14th).
const ARABIC_TEEN: [&str; 2] = ["عشر", "عشرة"];

/// A name in Arabic, Hebrew, Persian or Greek script that ends in a
/// regnal number written the way those languages write one: an ordinal
/// word (تشارلز الثالث, ليو الرابع عشر, צ'ארלס השלישי, چارلز سوم), the
/// Hebrew article before digits (ליאו ה-14), or a Greek numeral with its
/// keraia (Κάρολος Γ΄, Λέων ΙΔ΄). Returns the name without it and the
/// number as an upper-case Roman numeral, as [`east_asian_regnal`] does
/// for 世.
///
/// # Example
/// ```
/// use polyonym::knowledge::regnal_names::worded_regnal;
/// assert_eq!(worded_regnal("تشارلز الثالث"), Some(("تشارلز", "III".to_string())));
/// assert_eq!(worded_regnal("ليو الرابع عشر"), Some(("ليو", "XIV".to_string())));
/// assert_eq!(worded_regnal("צ'ארלס השלישי"), Some(("צ'ארלס", "III".to_string())));
/// assert_eq!(worded_regnal("ליאו ה-14"), Some(("ליאו", "XIV".to_string())));
/// assert_eq!(worded_regnal("Κάρολος Γ΄"), Some(("Κάρολος", "III".to_string())));
/// assert_eq!(worded_regnal("الثالث"), None); // no name before it
/// assert_eq!(worded_regnal("Charles Smith"), None);
/// ```
pub fn worded_regnal(text: &str) -> Option<(&str, String)> {
    let text = text.trim_end();
    let (rest, last) = text.rsplit_once(char::is_whitespace)?;
    let rest = rest.trim_end();
    let value = if ARABIC_TEEN.contains(&last) {
        let (before, unit) = rest.rsplit_once(char::is_whitespace)?;
        let unit = ordinal_word_value(unit).filter(|&u| u < 10)?;
        return with_roman(before.trim_end(), unit + 10);
    } else if let Some(v) = ordinal_word_value(last) {
        v
    } else if let Some(digits) = last
        .strip_prefix("ה-")
        .or_else(|| last.strip_prefix("ה\u{05BE}"))
    {
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() > 2 {
            return None;
        }
        digits.parse().ok()?
    } else {
        greek_numeral_value(last)?
    };
    with_roman(rest, value)
}

/// The value of one ordinal word of [`ORDINAL_WORDS`].
fn ordinal_word_value(word: &str) -> Option<u32> {
    ORDINAL_WORDS
        .iter()
        .find(|(_, words)| words.contains(&word))
        .map(|&(value, _)| value)
}

/// The value of a Greek numeral with its keraia (Γ΄ 3, ΙΔ΄ 14, ΣΤ΄ 6),
/// from 1 to 39, or none. The keraia may be written as itself (U+0374),
/// as the tonos most keyboards give (U+0384, as Greek Wikipedia writes
/// Κάρολος Γ΄), U+02B9, an apostrophe or U+2019.
fn greek_numeral_value(word: &str) -> Option<u32> {
    let letters = word.strip_suffix(['\u{0374}', '\u{0384}', '\u{02B9}', '\'', '\u{2019}'])?;
    let (tens, units) = match letters.chars().next()? {
        'Ι' => (10, &letters['Ι'.len_utf8()..]),
        'Κ' => (20, &letters['Κ'.len_utf8()..]),
        'Λ' => (30, &letters['Λ'.len_utf8()..]),
        _ => (0, letters),
    };
    let unit = match units {
        "" if tens > 0 => 0,
        "Α" => 1,
        "Β" => 2,
        "Γ" => 3,
        "Δ" => 4,
        "Ε" => 5,
        "ΣΤ" | "Ϛ" | "Ϝ" => 6,
        "Ζ" => 7,
        "Η" => 8,
        "Θ" => 9,
        _ => return None,
    };
    Some(tens + unit)
}

/// `bare` and `value` as an upper-case Roman numeral, for a value from 1
/// to 39 after a name that is not empty.
fn with_roman(bare: &str, value: u32) -> Option<(&str, String)> {
    if bare.is_empty() || !(1..=39).contains(&value) {
        return None;
    }
    let units = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"];
    Some((
        bare,
        "X".repeat((value / 10) as usize) + units[(value % 10) as usize],
    ))
}

/// The value of a number in digits (ASCII or full-width) or in Chinese
/// numerals (三, 十四, 二十一), or none.
fn numeral_value(number: &str) -> Option<u32> {
    let digit = |c: char| -> Option<u32> {
        match c {
            '0'..='9' => c.to_digit(10),
            '０'..='９' => Some(c as u32 - '０' as u32),
            _ => "一二三四五六七八九"
                .chars()
                .position(|d| d == c)
                .map(|i| i as u32 + 1),
        }
    };
    if number
        .chars()
        .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        return number
            .chars()
            .try_fold(0u32, |n, c| n.checked_mul(10)?.checked_add(digit(c)?));
    }
    let chars: Vec<char> = number.chars().collect();
    match chars.iter().position(|&c| c == '十') {
        None if chars.len() == 1 => digit(chars[0]),
        None => None,
        Some(at) => {
            let tens = match &chars[..at] {
                [] => 1,
                [c] => digit(*c)?,
                _ => return None,
            };
            let units = match &chars[at + 1..] {
                [] => 0,
                [c] => digit(*c)?,
                _ => return None,
            };
            Some(tens * 10 + units)
        }
    }
}

/// Whether `word` is an upper-case Roman numeral from I to XXXIX.
fn is_regnal_number(word: &str) -> bool {
    is_roman_1_to_39(word, true)
}

/// Whether `word` is a Roman numeral from I to XXXIX, written all in upper
/// case (`upper`) or all in lower case (as the normalizer folds it: see
/// [`crate::score::generation_marker`]).
pub(crate) fn is_roman_1_to_39(word: &str, upper: bool) -> bool {
    const UNITS: [&str; 10] = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"];
    let in_case = word.bytes().all(|b| {
        if upper {
            b.is_ascii_uppercase()
        } else {
            b.is_ascii_lowercase()
        }
    });
    let rest = word.trim_start_matches(['x', 'X']);
    let tens = word.len() - rest.len();
    in_case && !word.is_empty() && tens <= 3 && UNITS.iter().any(|u| u.eq_ignore_ascii_case(rest))
}

/// The spellings of a name that ends in a regnal number (`text` as
/// written, `tokens` its normalized primary spelling) with one of its
/// given names replaced by an equivalent that `accept` takes (a word the
/// dictionary, or the other name, carries); at most eight. Empty for any
/// other name.
pub fn regnal_spellings(
    text: &str,
    tokens: &[&str],
    accept: impl Fn(&str) -> bool,
) -> Vec<Vec<String>> {
    if tokens.len() < 2 || !ends_in_regnal_number(text) {
        return Vec::new();
    }
    let mut spellings: Vec<Vec<String>> = Vec::new();
    for (i, token) in tokens[..tokens.len() - 1].iter().enumerate() {
        for form in equivalents(token) {
            if spellings.len() == MAX_SPELLINGS {
                return spellings;
            }
            if accept(form) {
                let mut spelling: Vec<String> = tokens.iter().map(|t| t.to_string()).collect();
                spelling[i] = form.to_string();
                spellings.push(spelling);
            }
        }
    }
    spellings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_forms_are_normalized_and_in_one_set() {
        let normalizer = crate::Normalizer::new();
        let mut seen = std::collections::HashSet::new();
        for line in TABLE_TEXT.lines().filter(|l| !l.starts_with('#')) {
            for form in line.split('|') {
                assert!(seen.insert(form), "{form} in two sets");
                assert!(
                    !form.is_empty() && form.bytes().all(|b| b.is_ascii_lowercase()),
                    "{form:?} in {line:?}"
                );
                assert_eq!(
                    normalizer.normalize(form).text(),
                    form,
                    "{form} in {line:?}"
                );
            }
        }
    }

    #[test]
    fn regnal_numbers() {
        for yes in ["I", "III", "IV", "IX", "X", "XIV", "XXIII", "XXXIX"] {
            assert!(is_regnal_number(yes), "{yes}");
        }
        for no in ["", "iii", "IIII", "XL", "VX", "IIV", "Jr.", "III."] {
            assert!(!is_regnal_number(no), "{no}");
        }
    }

    #[test]
    fn worded_regnal_numbers() {
        let read = |text| worded_regnal(text).map(|(bare, roman)| (bare.to_string(), roman));
        let some = |bare: &str, roman: &str| Some((bare.to_string(), roman.to_string()));
        assert_eq!(read("إليزابيث الثانية"), some("إليزابيث", "II"));
        assert_eq!(read("إليزابيث الثانية عشرة"), some("إليزابيث", "XII"));
        assert_eq!(read("چارلز سوم"), some("چارلز", "III"));
        assert_eq!(read("ליאו ה\u{05BE}14"), some("ליאו", "XIV"));
        assert_eq!(read("Λουδοβίκος ΙΔ\u{0374}"), some("Λουδοβίκος", "XIV"));
        assert_eq!(read("Κωνσταντίνος ΣΤ'"), some("Κωνσταντίνος", "VI"));
        assert_eq!(read("Λέων Λ\u{02B9}"), some("Λέων", "XXX"));
        // Not regnal numbers: a teen of the tenth ordinal, a Greek numeral
        // out of range or without its keraia, Hebrew digits past two or
        // none, a number with no name before it.
        assert_eq!(read("ليو العاشر عشر"), None);
        assert_eq!(read("Λέων ΜΑ\u{0374}"), None);
        assert_eq!(read("Λέων Γ"), None);
        assert_eq!(read("ליאו ה-140"), None);
        assert_eq!(read("ליאו ה-"), None);
        assert_eq!(read("عشر"), None);
    }

    #[test]
    fn only_names_with_a_regnal_number_are_read() {
        let any = |_: &str| true;
        let leo = regnal_spellings("Pope León XIV", &["leon", "xiv"], |w| w == "leo");
        assert_eq!(leo, vec![vec!["leo".to_string(), "xiv".to_string()]]);
        assert!(regnal_spellings("Carlos III.", &["carlos", "iii"], any).is_empty());
        assert!(regnal_spellings("carlos iii", &["carlos", "iii"], any).is_empty());
        assert!(regnal_spellings("III", &["iii"], any).is_empty());
        assert!(regnal_spellings("Carlos Smith", &["carlos", "smith"], any).is_empty());
        assert_eq!(
            regnal_spellings("Carlos III", &["carlos", "iii"], any).len(),
            MAX_SPELLINGS
        );
    }
}
