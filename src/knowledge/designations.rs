//! Administrative designations that Chinese, Japanese and Korean write
//! after a place's name: 温州市 is the city (市) of Wenzhou, 허페이 시 the
//! city (시) of Hefei, 東京都 the metropolis (都) of Tokyo; and the word
//! "city" that Uyghur, Urdu, Kyrgyz, Mongolian, Hebrew and Arabic write
//! apart beside one (يىچاڭ شەھىرى, Yichang). Latin names
//! drop them (Wenzhou), and a syllable-by-syllable reading of the whole
//! ("wen zhou shi") then has a syllable too many to meet the name.
//!
//! The resolver and `compare` read such a name a second time without its
//! designation (see [`without_designation`]), at a small cost
//! (explained as `designation`).
//!
//! # Example
//! ```
//! use polyonym::knowledge::designations::without_designation;
//! assert_eq!(without_designation("溫州市"), Some("溫州"));
//! assert_eq!(without_designation("허페이 시"), Some("허페이"));
//! assert_eq!(without_designation("京都"), None); // 京 alone is no name
//! assert_eq!(without_designation("Wenzhou"), None);
//! ```

use crate::normalize::Script;

/// Designations written in Han characters (Chinese and Japanese), longest
/// first: special administrative region, autonomous region / prefecture /
/// county, city, province, prefecture, county, district, metropolis.
const HAN: &[&str] = &[
    "特别行政区",
    "特別行政區",
    "自治区",
    "自治區",
    "自治州",
    "自治县",
    "自治縣",
    "市",
    "省",
    "県",
    "县",
    "縣",
    "区",
    "區",
    "都",
    "府",
];

/// Designations written in Hangul: special city, metropolitan city, city,
/// province.
const HANGUL: &[&str] = &["특별시", "광역시", "시", "도"];

/// Words for "city" that other scripts write apart after a city's name,
/// as GeoNames' alternate names of cities write them (Uyghur يىچاڭ
/// شەھىرى, Urdu عمان شہر, Kyrgyz Аден шаары, Mongolian Аден хот, Hebrew
/// דבאו סיטי): the Latin name drops them (Yichang, Davao).
const CITY_AFTER: &[&str] = &["شەھىرى", "شەھىر", "شہر", "شهر", "סיטי", "шаары", "хот"];

/// Words for "city" written apart before a city's name (Arabic مدينة
/// القدس, the city of Jerusalem).
const CITY_BEFORE: &[&str] = &["مدينة"];

/// `text` without a word of [`CITY_AFTER`] at its end or of
/// [`CITY_BEFORE`] at its start, written apart, when a word of two letters
/// or more is left.
fn without_city_word(text: &str) -> Option<&str> {
    let rest = CITY_AFTER
        .iter()
        .find_map(|w| {
            text.strip_suffix(w)
                .filter(|r| r.ends_with(char::is_whitespace))
        })
        .or_else(|| {
            CITY_BEFORE.iter().find_map(|w| {
                text.strip_prefix(w)
                    .filter(|r| r.starts_with(char::is_whitespace))
            })
        })?
        .trim();
    (rest.chars().filter(|c| c.is_alphabetic()).count() >= 2).then_some(rest)
}

/// `text` without a designation at its end, trimmed; `None` when it has
/// none, or when what is left would be shorter than two Han characters or
/// Hangul syllables (京都 is Kyoto, not the metropolis of 京). A Hangul
/// designation must be written apart ("허페이 시") or after a name of two
/// syllables or more; 도 only apart (it ends given names).
pub fn without_designation(text: &str) -> Option<&str> {
    let text = text.trim();
    let last = text.chars().last()?;
    let script = Script::of(last)?;
    let candidates = match script {
        Script::Han => HAN,
        Script::Hangul => HANGUL,
        _ => return without_city_word(text),
    };
    for d in candidates {
        let Some(rest) = text.strip_suffix(d) else {
            continue;
        };
        let apart = rest.ends_with(char::is_whitespace);
        let rest = rest.trim_end();
        let left = rest
            .chars()
            .rev()
            .take_while(|c| Script::of(*c) == Some(script))
            .count();
        if left < 2 || (*d == "도" && !apart) {
            continue;
        }
        return Some(rest);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn designations() {
        assert_eq!(without_designation("十堰市"), Some("十堰"));
        assert_eq!(without_designation("东京都"), Some("东京"));
        assert_eq!(without_designation("香港特别行政区"), Some("香港"));
        assert_eq!(without_designation("허페이시"), Some("허페이"));
        assert_eq!(without_designation("경기 도"), Some("경기"));
        assert_eq!(without_designation("이민도"), None);
        assert_eq!(without_designation("市"), None);
        assert_eq!(without_designation("京都"), None);
        assert_eq!(without_designation(""), None);
        assert_eq!(without_designation("Tokyo-to"), None);
        assert_eq!(without_designation("يىچاڭ شەھىرى"), Some("يىچاڭ"));
        assert_eq!(without_designation("דבאו סיטי"), Some("דבאו"));
        assert_eq!(without_designation("Аден шаары"), Some("Аден"));
        assert_eq!(without_designation("مدينة القدس"), Some("القدس"));
        assert_eq!(without_designation("شەھىرى"), None);
        assert_eq!(without_designation("Ханой хот"), Some("Ханой"));
        assert_eq!(without_designation("Шахот"), None); // not apart
    }
}
