//! Regnal names: a sovereign's or a pope's name is translated, and the
//! number after it is not. King Charles III is Carlos III in Spanish and
//! Karl III in German; Pope Leo XIV is León XIV. The given names
//! themselves are other names (a Carlos is no Charles, and rigour's
//! name-part groups keep them apart), so these equivalents hold only for a
//! name that ends in a regnal number: an upper-case Roman numeral, written
//! as a word of its own.
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
    let bare = bare.trim_end();
    let value = numeral_value(number)?;
    if bare.is_empty() || !(1..=39).contains(&value) {
        return None;
    }
    let units = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"];
    let roman = "X".repeat((value / 10) as usize) + units[(value % 10) as usize];
    Some((bare, roman))
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
    let rest = word.trim_start_matches('X');
    let tens = word.len() - rest.len();
    let units = matches!(
        rest,
        "" | "I" | "II" | "III" | "IV" | "V" | "VI" | "VII" | "VIII" | "IX"
    );
    units && tens <= 3 && !word.is_empty()
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
