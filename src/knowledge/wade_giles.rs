//! Wade–Giles, the romanization of Mandarin that the press used before
//! pinyin (and Taiwan still uses for many names): "Mao Tse-tung" is Mao
//! Zedong, "Hsi Chin-p'ing" Xi Jinping, "Teng Hsiao-p'ing" Deng Xiaoping.
//!
//! The syllable inventory is every toneless pinyin reading `deunicode`
//! gives a CJK Unified Ideograph (the normalizer's own pinyin), computed
//! once per process; each syllable's Wade–Giles spelling follows from the
//! standard conversion rules ([`to_wade_giles`]), folded as the normalizer
//! folds it (apostrophes and umlauts dropped, so "ch'" and "ch" are one
//! spelling). The inverse map gives, for a Wade–Giles syllable, the pinyin
//! syllables it may stand for: "chin" is jin or qin, "tung" dong or tong.
//!
//! A name is read as Wade–Giles only when every name token is a
//! Wade–Giles syllable and at least one is no pinyin syllable ("tse",
//! "hsi", "tung"): a name that is already pinyin ("Chou En-lai" is both)
//! is left as written.
//!
//! # Example
//! ```
//! use polyonym::knowledge::wade_giles;
//! assert!(wade_giles::pinyin_of("hsi").contains(&"xi"));
//! assert!(wade_giles::pinyin_of("tung").contains(&"dong"));
//! assert!(wade_giles::is_wade_giles_name(&["mao", "tse", "tung"]));
//! assert!(!wade_giles::is_wade_giles_name(&["zhou", "en", "lai"]));
//! ```

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

/// Most spellings a name read as Wade–Giles turns into.
pub const MAX_SPELLINGS: usize = 4;

struct Tables {
    /// Every toneless pinyin syllable.
    pinyin: BTreeSet<&'static str>,
    /// Folded Wade–Giles syllable → the pinyin syllables it spells.
    to_pinyin: HashMap<String, Vec<&'static str>>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut lowercase: BTreeSet<String> = BTreeSet::new();
        for c in ('\u{4E00}'..='\u{9FFF}').filter_map(deunicode::deunicode_char) {
            let syllable = c.trim();
            if (1..=6).contains(&syllable.len())
                && syllable.bytes().all(|b| b.is_ascii_alphabetic())
            {
                lowercase.insert(syllable.to_ascii_lowercase());
            }
        }
        // About 400 syllables, leaked once for the process's life so
        // that the tables can hand out `&'static str`.
        let pinyin: BTreeSet<&'static str> = lowercase
            .into_iter()
            .map(|s| &*Box::leak(s.into_boxed_str()))
            .collect();
        let mut to_pinyin: HashMap<String, Vec<&'static str>> = HashMap::new();
        for &p in &pinyin {
            to_pinyin.entry(to_wade_giles(p)).or_default().push(p);
        }
        Tables { pinyin, to_pinyin }
    })
}

/// The folded Wade–Giles spelling of a toneless pinyin syllable: initials
/// b p d t g k z c zh ch j q x r → p t k ts ch ch hs j (aspiration marks
/// dropped), finals -ong → -ung, -ian → -ien, -ie → -ieh, -ue → -ueh,
/// zhi chi shi ri → chih shih jih, zi ci si → tzu ssu, -e after g k h
/// and alone → -o, -uo → -o (but kuo, huo, shuo), gui kui → kuei, er →
/// erh, yan ye you yong → yen yeh yu yung, yi → i.
pub fn to_wade_giles(pinyin: &str) -> String {
    match pinyin {
        "zhi" | "chi" => return "chih".into(),
        "shi" => return "shih".into(),
        "ri" => return "jih".into(),
        "zi" | "ci" => return "tzu".into(),
        "si" => return "ssu".into(),
        "er" => return "erh".into(),
        "e" => return "o".into(),
        "yi" => return "i".into(),
        "you" => return "yu".into(),
        "yan" => return "yen".into(),
        "ye" => return "yeh".into(),
        "yong" => return "yung".into(),
        "yue" => return "yueh".into(),
        _ => {}
    }
    let (initial, final_) = split_initial(pinyin);
    let wg_initial = match initial {
        "b" => "p",
        "d" => "t",
        "g" => "k",
        "z" | "c" => "ts",
        "zh" | "j" | "q" => "ch",
        "x" => "hs",
        "r" => "j",
        other => other,
    };
    let wg_final = match (initial, final_) {
        (_, "ong") => "ung".to_string(),
        (_, "iong") => "iung".to_string(),
        (_, "ian") => "ien".to_string(),
        (_, "ie") => "ieh".to_string(),
        (_, "ue") => "ueh".to_string(),
        ("g" | "k" | "h", "e") => "o".to_string(),
        ("g" | "k", "ui") => "uei".to_string(),
        ("g" | "k" | "h" | "sh", "uo") => "uo".to_string(),
        (_, "uo") => "o".to_string(),
        (_, f) => f.to_string(),
    };
    format!("{wg_initial}{wg_final}")
}

/// A pinyin syllable's initial and final.
pub(crate) fn split_initial(pinyin: &str) -> (&str, &str) {
    for initial in ["zh", "ch", "sh"] {
        if let Some(rest) = pinyin.strip_prefix(initial) {
            return (initial, rest);
        }
    }
    match pinyin.chars().next() {
        Some(c) if "bpmfdtnlgkhjqxrzcswy".contains(c) => pinyin.split_at(1),
        _ => ("", pinyin),
    }
}

/// The pinyin syllables a folded Wade–Giles syllable may stand for (empty
/// when it is none).
pub fn pinyin_of(syllable: &str) -> &'static [&'static str] {
    tables()
        .to_pinyin
        .get(syllable)
        .map_or(&[][..], |v| v.as_slice())
}

/// Whether a folded token is a toneless pinyin syllable.
pub fn is_pinyin(token: &str) -> bool {
    tables().pinyin.contains(token)
}

/// Whether a folded token is one syllable of a Chinese name in pinyin or
/// in Wade–Giles.
pub fn is_chinese_syllable(token: &str) -> bool {
    is_pinyin(token) || !pinyin_of(token).is_empty()
}

/// Every toneless pinyin syllable (the inventory both this module and
/// [`super::palladius`] convert), in alphabetical order.
pub fn pinyin_syllables() -> impl Iterator<Item = &'static str> {
    tables().pinyin.iter().copied()
}

/// Whether folded name tokens read as a name in Wade–Giles: two to five
/// tokens, each a Wade–Giles syllable, at least one of them no pinyin
/// syllable.
pub fn is_wade_giles_name(tokens: &[&str]) -> bool {
    (2..=5).contains(&tokens.len())
        && tokens.iter().all(|t| !pinyin_of(t).is_empty())
        && tokens.iter().any(|t| !is_pinyin(t))
}

/// The pinyin spellings of a name written in Wade–Giles (see
/// [`is_wade_giles_name`]), in the customary grouping of a Chinese name:
/// the first token the family name, the others joined into one given name
/// ("mao tse tung" → "mao zedong"). `accept` says which family names and
/// given names are worth a spelling (the words a dictionary carries, or
/// the other name's tokens in `compare`): only those are combined, at
/// most [`MAX_SPELLINGS`] spellings; and, for a name of three syllables
/// or fewer, the syllables joined into one word, as pinyin writes a place
/// ("ch'ing tao" → "qingdao"). Empty when the name is not read as
/// Wade–Giles.
pub fn pinyin_spellings(tokens: &[&str], accept: impl Fn(&str) -> bool) -> Vec<Vec<String>> {
    if !is_wade_giles_name(tokens) {
        return Vec::new();
    }
    // Each syllable's readings, and their joins; bounded: at most four
    // readings per syllable and 64 joined candidates.
    let options: Vec<&[&str]> = tokens
        .iter()
        .map(|t| {
            let o = pinyin_of(t);
            &o[..o.len().min(4)]
        })
        .collect();
    let joins = |options: &[&[&str]]| -> Vec<String> {
        super::combinations(options, 64)
            .into_iter()
            .map(|syllables| syllables.concat())
            .collect()
    };
    let mut out: Vec<Vec<String>> = Vec::new();
    if tokens.len() <= 3 {
        for joined in joins(&options) {
            if out.len() < MAX_SPELLINGS && accept(&joined) && !out.contains(&vec![joined.clone()])
            {
                out.push(vec![joined]);
            }
        }
    }
    let families: Vec<&str> = pinyin_of(tokens[0])
        .iter()
        .copied()
        .filter(|f| accept(f))
        .collect();
    if families.is_empty() {
        return out;
    }
    // The given name's readings, syllable by syllable, joined.
    let mut given = joins(&options[1..]);
    given.retain(|g| accept(g));
    for f in &families {
        for g in &given {
            if out.len() < MAX_SPELLINGS {
                out.push(vec![f.to_string(), g.clone()]);
            }
        }
    }
    out
}

/// The Wade–Giles spellings of a name in Han characters, from its pinyin
/// spellings (`spellings`: each a list of words, each word one syllable
/// or several joined, the first spelling one syllable a word): 高雄
/// ("gao xiong", "gaoxiong") is "kaohsiung", 賴清德 ("lai qingde") "lai
/// chingte" — Taiwan's and the older press's forms. A spelling is kept
/// only when it differs from the pinyin and `accept` takes every word of
/// it (the dictionary, or the other name, carries it); at most
/// [`MAX_SPELLINGS`].
///
/// # Example
/// ```
/// use polyonym::knowledge::wade_giles::han_spellings;
/// let pinyin = [vec!["gao", "xiong"], vec!["gaoxiong"]];
/// let read = han_spellings(&pinyin, |w| w == "kaohsiung");
/// assert_eq!(read, vec![vec!["kaohsiung".to_string()]]);
/// assert!(han_spellings(&[vec!["lin"], vec!["lin"]], |_| true).is_empty());
/// ```
pub fn han_spellings<S: AsRef<str>>(
    spellings: &[Vec<S>],
    accept: impl Fn(&str) -> bool,
) -> Vec<Vec<String>> {
    let Some(syllables) = spellings.first() else {
        return Vec::new();
    };
    if syllables.iter().any(|s| !is_pinyin(s.as_ref())) {
        return Vec::new();
    }
    let mut out: Vec<Vec<String>> = Vec::new();
    for spelling in spellings {
        // Each word is the next syllables of the first spelling, joined.
        let mut next = syllables.iter().map(|s| s.as_ref());
        let mut words = Vec::with_capacity(spelling.len());
        for word in spelling {
            let word = word.as_ref();
            let mut read = String::new();
            let mut joined = String::new();
            while joined.len() < word.len() {
                let Some(syllable) = next.next() else { break };
                joined.push_str(syllable);
                read.push_str(&to_wade_giles(syllable));
            }
            if joined != word {
                // Not made of the first spelling's syllables: no reading.
                words.clear();
                break;
            }
            words.push(read);
        }
        let differs = words.iter().zip(spelling).any(|(w, p)| w != p.as_ref());
        if words.len() == spelling.len()
            && differs
            && out.len() < MAX_SPELLINGS
            && !out.contains(&words)
            && words.iter().all(|w| accept(w))
        {
            out.push(words);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_names_in_wade_giles() {
        let any = |_: &str| true;
        let read = han_spellings(&[vec!["lai", "qing", "de"], vec!["lai", "qingde"]], any);
        assert_eq!(
            read,
            [["lai", "ching", "te"].as_slice(), &["lai", "chingte"]]
        );
        // A spelling whose words are not the first spelling's syllables.
        assert!(han_spellings(&[vec!["gao", "xiong"], vec!["gaoxiang"]], any).len() == 1);
        // Not pinyin: no reading.
        assert!(han_spellings(&[vec!["tokyo"]], any).is_empty());
        assert!(han_spellings::<&str>(&[], any).is_empty());
    }

    #[test]
    fn conversion_rules() {
        for (pinyin, wg) in [
            ("ze", "tse"),
            ("dong", "tung"),
            ("xi", "hsi"),
            ("jin", "chin"),
            ("ping", "ping"),
            ("deng", "teng"),
            ("xiao", "hsiao"),
            ("zhou", "chou"),
            ("shi", "shih"),
            ("zi", "tzu"),
            ("guo", "kuo"),
            ("luo", "lo"),
            ("gui", "kuei"),
            ("ge", "ko"),
            ("xue", "hsueh"),
            ("jiang", "chiang"),
            ("rong", "jung"),
            ("qing", "ching"),
        ] {
            assert_eq!(to_wade_giles(pinyin), wg, "{pinyin}");
        }
    }

    #[test]
    fn inventory_is_pinyin() {
        assert!(is_pinyin("zhuang"));
        assert!(is_pinyin("xi") && !is_pinyin("hsi") && !is_pinyin("tse"));
        assert!(tables().pinyin.len() > 380, "{}", tables().pinyin.len());
    }

    #[test]
    fn names() {
        let any = |_: &str| true;
        let spellings =
            pinyin_spellings(&["mao", "tse", "tung"], |w| ["mao", "zedong"].contains(&w));
        assert_eq!(spellings, [["mao".to_string(), "zedong".to_string()]]);
        assert!(!pinyin_spellings(&["hsi", "chin", "ping"], any).is_empty());
        // A place: its syllables joined, as pinyin writes it.
        let spellings = pinyin_spellings(&["ching", "tao"], |w| w == "qingdao");
        assert_eq!(spellings, [["qingdao".to_string()]]);
        // Already pinyin, or not Chinese.
        assert!(pinyin_spellings(&["zhou", "en", "lai"], any).is_empty());
        assert!(pinyin_spellings(&["john", "smith"], any).is_empty());
        assert!(pinyin_spellings(&["hsi"], any).is_empty());
    }
}
