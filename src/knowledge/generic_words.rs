//! Generic words of place and organisation names in other languages and
//! their English word: ケイマン諸島 is the Cayman *Islands*, جزر فارو the
//! *Islands* of Faroe, Европейская комиссия the *European Commission*. A
//! dictionary that holds the English name meets such a name only through
//! its proper part (ケイマン, فارو), which is too little; read with its
//! generic words in English, it meets the whole name.
//!
//! The table is `data/knowledge/generic_words.tsv` (hand-written, see
//! `data/README.md`). The resolver and `compare` read a name a second time
//! with its generic words translated (see [`translated`]), at a small cost
//! (explained as `generic-words`), when the dictionary (or the other name)
//! carries an English word of the reading.
//!
//! Two shapes of Russian and Ukrainian names are read too: compounds of
//! евро- and a generic word (Еврогруппа, "euro group": the Eurogroup), and
//! adjectives of a place beside a generic word (Киотский протокол: also
//! "киото protocol", the Kyoto Protocol).
//!
//! # Example
//! ```
//! use polyonym::knowledge::generic_words::translated;
//! let t = translated("ケイマン諸島").unwrap();
//! assert_eq!((t.texts, t.english), (vec!["ケイマン islands".to_string()], vec!["islands"]));
//! let t = translated("Европейская комиссия").unwrap();
//! assert_eq!(t.texts, ["european commission"]);
//! assert!(translated("Комиссия").is_none()); // one generic word: no name
//! assert!(translated("南京").is_none()); // 京 alone is no name
//! ```

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::normalize::tables::FastMap;
use crate::normalize::Script;
use unicode_normalization::UnicodeNormalization;

static TABLE_TEXT: &str = include_str!("../../data/knowledge/generic_words.tsv");

/// A name with its generic words in English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    /// The name's words, generic ones replaced by their English word; one
    /// text per choice where a form has several meanings (委员会: commission,
    /// committee), at most [`MAX_TEXTS`].
    pub texts: Vec<String>,
    /// The English words put in, in order (every meaning of each form).
    pub english: Vec<&'static str>,
}

/// Texts of one translation at most.
pub const MAX_TEXTS: usize = 4;

/// The English words of each form.
type Meanings = Vec<&'static str>;

struct Table {
    /// Each English word's forms, in the table's order.
    forms: FastMap<&'static str, Vec<&'static str>>,
    /// Whole-word forms of one or two words → English.
    words: FastMap<&'static str, Meanings>,
    /// Forms in scripts without spaces (Han, kana, Hangul), longest first:
    /// matched at the start or end of a word.
    affixes: Vec<(&'static str, Meanings)>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut by_english: FastMap<&'static str, Vec<&'static str>> = FastMap::default();
        let mut words: FastMap<&'static str, Meanings> = FastMap::default();
        let mut affixes: Vec<(&'static str, Meanings)> = Vec::new();
        for line in TABLE_TEXT.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            // The file is compiled in and checked by the tests below: a
            // malformed line cannot reach a user.
            let (english, forms) = line.split_once('\t').unwrap_or((line, ""));
            for form in forms.split('|').filter(|f| !f.is_empty()) {
                by_english.entry(english).or_default().push(form);
                let meanings = if is_unspaced(form) {
                    match affixes.iter().position(|(f, _)| *f == form) {
                        Some(i) => &mut affixes[i].1,
                        None => {
                            affixes.push((form, Vec::new()));
                            &mut affixes.last_mut().expect("just pushed").1
                        }
                    }
                } else {
                    words.entry(form).or_default()
                };
                if !meanings.contains(&english) {
                    meanings.push(english);
                }
            }
        }
        affixes.sort_by_key(|(form, _)| std::cmp::Reverse(form.chars().count()));
        Table {
            forms: by_english,
            words,
            affixes,
        }
    })
}

/// Whether a form is written in a script without spaces between words.
fn is_unspaced(form: &str) -> bool {
    form.chars().next().is_some_and(is_unspaced_char)
}

/// Whether a character is of a script without spaces between words.
fn is_unspaced_char(c: char) -> bool {
    Script::of(c).is_some_and(Script::is_syllabic)
}

/// `text` with its generic words in English, or `None` when it has none,
/// or only one and nothing else (a lone "Комиссия" names nothing; "World
/// Meteorological Organization" is all generic words and a name). A form
/// in Han characters, kana or Hangul counts at the start or end of a word
/// (several: 世界卫生组织 is world 卫生 organization, and 卫生 health) when
/// at least two characters remain (南京 is Nanjing, not a south).
pub fn translated(text: &str) -> Option<Translation> {
    let table = table();
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    // One list of choices per position of the translated name.
    let mut out = Positions::default();
    let mut proper = false;
    // Runs for every query the resolver reads: one buffer for the pairs.
    let mut pair = String::new();
    let mut i = 0;
    while i < words.len() {
        if i + 1 < words.len() {
            pair.clear();
            pair.push_str(words[i]);
            pair.push(' ');
            pair.push_str(words[i + 1]);
            if let Some(meanings) = table.words.get(pair.as_str()) {
                out.put_generic(meanings);
                i += 2;
                continue;
            }
        }
        let word = words[i];
        i += 1;
        if let Some(meanings) = table
            .words
            .get(word)
            .or_else(|| affix(word, &table.affixes))
        {
            out.put_generic(meanings);
            continue;
        }
        if let Some(meanings) = euro_compound(word).and_then(|rest| table.words.get(rest)) {
            out.put(
                EURO.iter().map(|&w| Cow::Borrowed(w)).collect(),
                &["european"],
            );
            out.put_generic(meanings);
            continue;
        }
        if let Some(stems) = adjective_stems(word) {
            out.put_proper(stems);
            proper = true;
            continue;
        }
        // After a Russian or Ukrainian generic noun (партия Вьетнама), not
        // an adjective (Южная Корея is a nominative), nor a word of the
        // other languages written in Cyrillic (Tatar Көньяк Корея, South
        // Korea), whose cases are not these.
        let after_noun = out.last_generic
            && i >= 2
            && is_russian_or_ukrainian(words[i - 2])
            && !is_adjective(words[i - 2]);
        if after_noun {
            if let Some(stems) = genitive_stems(word) {
                out.put_proper(stems);
                proper = true;
                continue;
            }
        }
        // Generic forms at the start and end of an unspaced word, as long
        // as two characters remain between them.
        let mut rest = word;
        let mut before = Vec::new();
        let mut after = Vec::new();
        if rest.chars().any(is_unspaced_char) {
            'strip: loop {
                for (form, meanings) in &table.affixes {
                    if let Some(r) = rest.strip_suffix(form) {
                        if r.chars().count() >= 2 {
                            after.push(meanings);
                            rest = r;
                            continue 'strip;
                        }
                    }
                    if let Some(r) = rest.strip_prefix(form) {
                        if r.chars().count() >= 2 {
                            before.push(meanings);
                            rest = r;
                            continue 'strip;
                        }
                    }
                }
                break;
            }
        }
        for meanings in before {
            out.put_generic(meanings);
        }
        match affix(rest, &table.affixes) {
            // What remains is itself a generic word (卫生, health).
            Some(meanings) if !after.is_empty() || out.generic > 0 => out.put_generic(meanings),
            _ => {
                out.put_proper(vec![Cow::Borrowed(rest)]);
                proper = true;
            }
        }
        for meanings in after.into_iter().rev() {
            out.put_generic(meanings);
        }
    }
    if !((proper && out.generic > 0) || out.generic >= 2) {
        return None;
    }
    let texts = super::combinations(&out.positions, MAX_TEXTS)
        .into_iter()
        .map(|words| words.join(" "))
        .collect();
    Some(Translation {
        texts,
        english: out.english,
    })
}

/// A translated name being assembled: one list of choices per position.
#[derive(Default)]
struct Positions<'a> {
    positions: Vec<Vec<Cow<'a, str>>>,
    english: Vec<&'static str>,
    /// Generic words put in.
    generic: usize,
    /// Whether the last position is a generic word's.
    last_generic: bool,
}

impl<'a> Positions<'a> {
    fn put_generic(&mut self, meanings: &Meanings) {
        self.put(
            meanings.iter().map(|&w| Cow::Borrowed(w)).collect(),
            meanings,
        );
    }

    /// A generic word's choices, and the English words it stands for.
    fn put(&mut self, choices: Vec<Cow<'a, str>>, english: &[&'static str]) {
        self.positions.push(choices);
        self.english.extend(english.iter().copied());
        self.generic += 1;
        self.last_generic = true;
    }

    /// A proper word's choices.
    fn put_proper(&mut self, choices: Vec<Cow<'a, str>>) {
        self.positions.push(choices);
        self.last_generic = false;
    }
}

/// What the prefix евро- (Ukrainian євро-) of a compound stands for in
/// English: Еврогруппа is the Eurogroup ("euro group" joined), Европарламент
/// the European Parliament.
const EURO: [&str; 2] = ["euro", "european"];

/// The rest of a Russian or Ukrainian word compounded of евро- (євро-) and
/// at least three more letters: the generic word it may be (Еврокомиссия,
/// Євросоюз).
fn euro_compound(word: &str) -> Option<&str> {
    let rest = word
        .strip_prefix("евро")
        .or_else(|| word.strip_prefix("євро"))?;
    (rest.chars().count() >= 3).then_some(rest)
}

/// Whether a Russian word ends as an adjective in the nominative
/// (европейский, южная, центральное, объединённые).
fn is_adjective(word: &str) -> bool {
    ["ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие"]
        .iter()
        .any(|e| word.ends_with(e))
}

/// Whether a lowercase word is written in the letters of the Russian and
/// Ukrainian alphabets only.
fn is_russian_or_ukrainian(word: &str) -> bool {
    word.chars()
        .all(|c| matches!(c, 'а'..='я' | 'ё' | 'і' | 'ї' | 'є' | 'ґ' | '\''))
}

/// The nominatives a Russian or Ukrainian noun after a generic word may be
/// the genitive of, as the name of a place it is of (Коммунистическая
/// партия Вьетнама, the Communist Party of Vietnam; Банк России, Bank of
/// Russia; партия Китая, Кубы): the word itself, then the stem without
/// -а (Вьетнама: вьетнам), with -й or -ь for -я (Китая: китай; Израиля:
/// израиль), -ия for -ии (России: россия), -а for -ы (Кубы: куба). `None`
/// for a word of another shape, or of fewer than four letters.
fn genitive_stems(word: &str) -> Option<Vec<Cow<'_, str>>> {
    if word.chars().count() < 4 || !is_russian_or_ukrainian(word) {
        return None;
    }
    let mut out = vec![Cow::Borrowed(word)];
    if let Some(stem) = word.strip_suffix("ии").or_else(|| word.strip_suffix("ії")) {
        out.push(Cow::Owned(format!("{stem}ия")));
    } else if let Some(stem) = word.strip_suffix('я') {
        out.push(Cow::Owned(format!("{stem}й")));
        out.push(Cow::Owned(format!("{stem}ь")));
    } else if let Some(stem) = word.strip_suffix('ы') {
        out.push(Cow::Owned(format!("{stem}а")));
    } else if let Some(stem) = word.strip_suffix('а') {
        out.push(Cow::Borrowed(stem));
    } else {
        return None;
    }
    Some(out)
}

/// Endings of Slavic adjectives made of a noun with -ск- (-ськ-): Russian
/// -ский, -ская …, Ukrainian -ський …, Bulgarian, Serbian and Macedonian
/// -ски, -ска, -ско, in the cases a name's adjective takes. Longest first.
const ADJECTIVE_ENDINGS: [&str; 17] = [
    "ського",
    "ської",
    "ского",
    "ской",
    "ский",
    "ская",
    "ское",
    "ские",
    "ских",
    "ском",
    "ський",
    "ська",
    "ське",
    "ські",
    "ски",
    "ска",
    "ско",
];

/// The nouns a Cyrillic adjective of a place (or a people) may come from,
/// for a name whose other words are generic (Вишеградская группа, the
/// Visegrád Group; Киотский протокол, the Kyoto Protocol; Минские
/// соглашения, of Minsk): the word itself, the stem without the ending
/// (вишеград), the stem with the -о that such adjectives drop (Киото), and
/// with the -ск that some nouns end in (Минск). `None` for a word of
/// another shape or with a stem of fewer than three letters.
fn adjective_stems(word: &str) -> Option<Vec<Cow<'_, str>>> {
    let (stem, ending) = ADJECTIVE_ENDINGS
        .iter()
        .find_map(|e| word.strip_suffix(e).map(|stem| (stem, e)))?;
    if stem.chars().count() < 3
        || !stem
            .chars()
            .all(|c| Script::of(c) == Some(Script::Cyrillic))
    {
        return None;
    }
    let with_sk = &word[..stem.len() + ending.find('к').map_or(0, |k| k + 'к'.len_utf8())];
    Some(vec![
        Cow::Borrowed(word),
        Cow::Borrowed(stem),
        Cow::Owned(format!("{stem}о")),
        Cow::Borrowed(with_sk),
    ])
}

/// English words an acronym leaves out.
const FUNCTION_WORDS: &[&str] = &["for", "and", "in", "of", "the", "on"];

/// Russian and Greek acronyms of an English name made of generic words
/// (European Union: ЕС and ΕΕ; Organization for Security and Co-operation
/// in Europe: ОБСЕ; International Energy Agency: МЭА), with their
/// language tags. Each word is taken in the table's first form of that
/// script, function words (for, and, in, of) left out. Only where the
/// other language keeps the English order of words: adjectives before
/// one last noun (European Central Bank, ЕЦБ), or a noun (after its
/// adjectives) before a function word (Organization for …, Организация
/// по …; International Organization for Migration, МОМ); "World Health
/// Organization" is ВОЗ, not the ВЗО its words in order would give, and
/// gets none. Empty when a word is not in the table.
pub fn acronyms(name: &str) -> Vec<(String, &'static str)> {
    let table = table();
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| {
            let w = w.to_lowercase().replace('-', "");
            match w.strip_suffix("isation") {
                Some(stem) => format!("{stem}ization"),
                None => w,
            }
        })
        .collect();
    let content: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .filter(|w| !FUNCTION_WORDS.contains(w))
        .collect();
    if content.len() < 2 || content.len() > 8 {
        return Vec::new();
    }
    let first_form = |w: &str, script: Script| -> Option<&'static str> {
        let forms = table.forms.get(w)?;
        forms
            .iter()
            .copied()
            .find(|f| f.chars().all(|c| c == ' ' || Script::of(c) == Some(script)))
    };
    let Some(russian) = content
        .iter()
        .map(|w| first_form(w, Script::Cyrillic))
        .collect::<Option<Vec<&str>>>()
    else {
        return Vec::new();
    };
    let (last, modifiers) = russian.split_last().expect("two words or more");
    let adjectives_then_noun = modifiers.iter().all(|f| is_adjective(f)) && !is_adjective(last);
    // A head noun (after its adjectives) before a function word keeps its
    // place: Organization for … (Организация по …), International
    // Organization for Migration (Международная организация по миграции,
    // МОМ).
    let before_function = words
        .iter()
        .position(|w| FUNCTION_WORDS.contains(&w.as_str()))
        .unwrap_or(0);
    let head_first = (1..russian.len()).contains(&before_function) && {
        let (head, adjectives) = russian[..before_function]
            .split_last()
            .expect("one word or more");
        adjectives.iter().all(|f| is_adjective(f)) && !is_adjective(head)
    };
    if !(adjectives_then_noun || head_first) {
        return Vec::new();
    }
    let initials = |forms: &[&str]| -> String {
        // The letter without its accent (ένωση: Ε).
        forms
            .iter()
            .filter_map(|f| f.nfd().next())
            .flat_map(char::to_uppercase)
            .collect()
    };
    let mut out = vec![(initials(&russian), "ru")];
    if let Some(greek) = content
        .iter()
        .map(|w| first_form(w, Script::Greek))
        .collect::<Option<Vec<&str>>>()
    {
        out.push((initials(&greek), "el"));
    }
    out
}

/// The alias expander: the Russian and Greek acronyms ([`acronyms`]) of
/// an organisation's names in English.
pub(crate) fn expand(
    name: &str,
    _lang: Option<&str>,
    record: &crate::dict::EntityRecord,
) -> Vec<crate::dict::DerivedAlias> {
    if record.kind != crate::dict::EntityKind::Org || !name.is_ascii() {
        return Vec::new();
    }
    acronyms(name)
        .into_iter()
        .map(|(acronym, lang)| crate::dict::DerivedAlias {
            name: acronym,
            lang: Some(lang.to_string()),
            rule: format!("acronym:{lang}"),
        })
        .collect()
}

/// The meanings of an unspaced word that is a generic form as a whole.
fn affix<'t>(word: &str, affixes: &'t [(&'static str, Meanings)]) -> Option<&'t Meanings> {
    // Every affix begins with a character of an unspaced script: a Latin
    // or Cyrillic word, most of those asked about, skips the scan of the
    // list (with the scan, `translated` and its string comparisons were a
    // sixth of `compare` over name_bench's pairs).
    if !is_unspaced(word) {
        return None;
    }
    affixes.iter().find(|(f, _)| *f == word).map(|(_, m)| m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_lines_are_well_formed() {
        for (n, line) in TABLE_TEXT.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let (english, forms) = line
                .split_once('\t')
                .unwrap_or_else(|| panic!("line {}: no tab: {line:?}", n + 1));
            assert!(
                !english.is_empty() && english.bytes().all(|b| b.is_ascii_lowercase()),
                "line {}: English word {english:?}",
                n + 1
            );
            for form in forms.split('|') {
                assert!(!form.is_empty(), "line {}: empty form", n + 1);
                assert_eq!(
                    form,
                    form.to_lowercase(),
                    "line {}: {form:?} not lowercase",
                    n + 1
                );
                assert!(form.split(' ').count() <= 2, "line {}: {form:?}", n + 1);
            }
        }
    }

    #[test]
    fn euro_compounds_and_adjectives_of_places() {
        let texts = |name: &str| translated(name).map(|t| t.texts);
        assert_eq!(
            texts("Еврогруппа").unwrap(),
            ["euro group", "european group"]
        );
        assert_eq!(
            texts("Єврокомісія").unwrap(),
            ["euro commission", "european commission"]
        );
        assert_eq!(
            texts("Киотский протокол").unwrap(),
            [
                "киотский protocol",
                "киот protocol",
                "киото protocol",
                "киотск protocol"
            ]
        );
        assert!(texts("Вишеградская группа")
            .unwrap()
            .contains(&"вишеград group".to_string()));
        assert!(texts("Минские соглашения")
            .unwrap()
            .contains(&"минск agreement".to_string()));
        assert!(texts("Достоевский").is_none(), "no generic word");
        // Ports and islands in Han characters and kana (路易港, Port
        // Louis), not when one character remains (香港, 青岛).
        assert_eq!(texts("路易港").unwrap(), ["路易 port"]);
        assert_eq!(texts("ノーフォーク島").unwrap(), ["ノーフォーク island"]);
        assert!(texts("香港").is_none() && texts("青岛").is_none());
        // Not a compound: too little after евро-; not an adjective: too
        // short a stem.
        assert!(texts("Евроа").is_none());
        assert_eq!(adjective_stems("иский"), None);
        assert_eq!(adjective_stems("ivanovskiy"), None);
    }

    #[test]
    fn genitive_of_a_place_after_a_generic_word() {
        let t = |s: &str| translated(s).map(|t| t.texts);
        assert_eq!(
            t("Коммунистическая партия Вьетнама").unwrap(),
            ["communist party вьетнама", "communist party вьетнам"]
        );
        assert!(t("Банк России")
            .unwrap()
            .contains(&"bank россия".to_string()));
        assert!(t("партия Китая")
            .unwrap()
            .contains(&"party китай".to_string()));
        // After a noun in -а too (группа Вагнера: the Wagner Group).
        assert!(t("группа Вагнера")
            .unwrap()
            .contains(&"group вагнер".to_string()));
        // Not before the generic word, nor after an adjective (Южная
        // Корея is a nominative), nor a short word.
        assert_eq!(t("Вьетнама партия").unwrap(), ["вьетнама party"]);
        assert_eq!(t("Южная Корея").unwrap(), ["south корея"]);
        assert_eq!(genitive_stems("ира"), None);
        assert_eq!(genitive_stems("вьетнам"), None);
    }

    #[test]
    fn acronyms_in_russian_and_greek() {
        let of = |name: &str| {
            acronyms(name)
                .into_iter()
                .map(|(a, _)| a)
                .collect::<Vec<_>>()
        };
        assert_eq!(of("European Union"), ["ЕС", "ΕΕ"]);
        assert_eq!(of("European Central Bank")[0], "ЕЦБ");
        assert_eq!(
            of("Organization for Security and Co-operation in Europe")[0],
            "ОБСЕ"
        );
        assert_eq!(
            of("Organisation for Economic Co-operation and Development")[0],
            "ОЭСР"
        );
        assert_eq!(of("International Energy Agency")[0], "МЭА");
        assert_eq!(
            of("International Organization for Migration"),
            ["МОМ", "ΔΟΜ"]
        );
        // Russian puts the head noun first: ВОЗ, not ВЗО.
        assert!(of("World Health Organization").is_empty());
        // A proper noun is not in the table.
        assert!(of("Shanghai Cooperation Organisation").is_empty());
        assert!(of("Union").is_empty());
    }

    #[test]
    fn generic_words_in_several_scripts() {
        let t = |s: &str| translated(s).map(|t| t.texts.join(" / "));
        assert_eq!(t("جزر فارو").as_deref(), Some("islands فارو"));
        assert_eq!(t("איי שלמה").as_deref(), Some("islands שלמה"));
        assert_eq!(t("ドミニカ共和国").as_deref(), Some("ドミニカ republic"));
        assert_eq!(t("남아프리카").as_deref(), Some("south 아프리카"));
        assert_eq!(
            t("프랑스령 폴리네시아").as_deref(),
            Some("french 폴리네시아")
        );
        assert_eq!(t("Quần đảo Cayman").as_deref(), Some("islands cayman"));
        assert_eq!(
            t("Всемирная метеорологическая организация").as_deref(),
            Some("world meteorological organization")
        );
        assert_eq!(
            t("世界卫生组织").as_deref(),
            Some("world health organization")
        );
        assert_eq!(
            t("国际奥林匹克委员会").as_deref(),
            Some("international 奥林匹克 commission / international 奥林匹克 committee")
        );
        // The Turkic and other languages written in Cyrillic, Yiddish,
        // Pashto, Nepali (CLDR's names of the Marshall Islands, South
        // Korea, St. Kitts & Nevis …).
        assert_eq!(t("Маршал адалары").as_deref(), Some("маршал islands"));
        // Further languages' forms (CLDR's names of the Solomon, Cayman
        // and Falkland Islands).
        assert_eq!(t("سولومن آئلینڈز").as_deref(), Some("سولومن islands"));
        assert_eq!(t("Ynysoedd Cayman").as_deref(), Some("islands cayman"));
        assert!(t("Фолклендские о-ва")
            .unwrap()
            .starts_with("фолклендские islands / фолкленд islands"));
        assert_eq!(t("Көньяк Корея").as_deref(), Some("south корея"));
        assert_eq!(
            t("Америка Бирләшмиш Штатлары").as_deref(),
            Some("америка united states")
        );
        assert_eq!(
            t("Сент-Китс һәм Невис").as_deref(),
            Some("сент-китс and невис")
        );
        assert_eq!(t("מאַרשאַל אינזלען").as_deref(), Some("מאַרשאַל islands"));
        assert_eq!(t("نارفولک ټاپوګان").as_deref(), Some("نارفولک islands"));
        assert_eq!(t("पिटकाइर्न टापुहरु").as_deref(), Some("पिटकाइर्न islands"));
        assert_eq!(t("Комиссия"), None);
        assert_eq!(t("Kallas"), None);
        assert_eq!(t("北京"), None);
        assert_eq!(t(""), None);
    }
}
