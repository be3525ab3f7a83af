//! The keys a name produces.
//!
//! Every alias in a dictionary is stored under each of its keys, and a query
//! looks up each of its own: two names meet when they share a key. Each key
//! is tagged with its [`KeyKind`]:
//!
//! | kind | built from | makes these meet |
//! |---|---|---|
//! | `exact` | tokens in order, space-joined | case, diacritics, punctuation, scripts |
//! | `sorted` | tokens sorted, particles glued to the next token | "Jinping Xi" / "Xi Jinping"; "Leyen, Ursula von der" / "Ursula Vonderleyen" |
//! | `joined` | all tokens concatenated | "xi jin ping" / "xijinping"; "von der leyen" / "vonderleyen" |
//! | `skeleton` | [`skeleton`] of each sorted token | Zelensky / Zelenskyy / Zelenskiy / Selenskyj / Zelenskij |
//! | `initials` | initials of the given names + the family name | "U. von der Leyen" / "Ursula von der Leyen" |
//! | `token` | each name token alone | "Kallas" / "Kaja Kallas" (partial names) |
//!
//! Keys are computed for every alternative spelling of the name. They are
//! plain lowercase ASCII (or, rarely, other characters the normalizer could
//! not transliterate) and deterministic across runs and platforms.

use serde::Serialize;

use crate::normalize::{NormalizedName, Token, TokenRole};

/// What a key was built from; see the [module docs](self).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
#[repr(u8)]
pub enum KeyKind {
    /// Tokens in order.
    Exact = 0,
    /// Tokens sorted, particles glued.
    Sorted = 1,
    /// Tokens concatenated.
    Joined = 2,
    /// Skeletons of the sorted tokens.
    Skeleton = 3,
    /// Initials plus family name.
    Initials = 4,
    /// One name token.
    Token = 5,
    /// A reading of a Han-script alias in another language (added by the
    /// dictionary builder, e.g. the Sino-Vietnamese reading).
    Reading = 6,
}

impl KeyKind {
    /// Every kind, in bit order.
    pub const ALL: [KeyKind; 7] = [
        KeyKind::Exact,
        KeyKind::Sorted,
        KeyKind::Joined,
        KeyKind::Skeleton,
        KeyKind::Initials,
        KeyKind::Token,
        KeyKind::Reading,
    ];

    /// The kind's bit in a [`KeyKinds`] set.
    pub fn bit(self) -> u8 {
        1 << (self as u8)
    }

    /// The kind's name, as in explanations ("exact", "skeleton" …).
    pub fn name(self) -> &'static str {
        match self {
            KeyKind::Exact => "exact",
            KeyKind::Sorted => "sorted",
            KeyKind::Joined => "joined",
            KeyKind::Skeleton => "skeleton",
            KeyKind::Initials => "initials",
            KeyKind::Token => "token",
            KeyKind::Reading => "reading",
        }
    }

    /// How much a match under this kind says by itself, in [0, 1]: an exact
    /// key is strong evidence, a single shared token weak.
    pub fn strength(self) -> f32 {
        match self {
            KeyKind::Exact | KeyKind::Reading => 1.0,
            KeyKind::Sorted | KeyKind::Joined => 0.95,
            KeyKind::Skeleton => 0.9,
            KeyKind::Initials => 0.8,
            KeyKind::Token => 0.5,
        }
    }
}

/// A set of key kinds, one bit each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct KeyKinds(pub u8);

impl KeyKinds {
    /// Whether `kind` is in the set.
    pub fn contains(self, kind: KeyKind) -> bool {
        self.0 & kind.bit() != 0
    }

    /// Adds `kind`.
    pub fn insert(&mut self, kind: KeyKind) {
        self.0 |= kind.bit();
    }

    /// The kinds in the set, strongest evidence first.
    pub fn iter(self) -> impl Iterator<Item = KeyKind> {
        KeyKind::ALL.into_iter().filter(move |k| self.contains(*k))
    }

    /// The kind in the set that is the strongest evidence, if any.
    pub fn best(self) -> Option<KeyKind> {
        self.iter().next()
    }
}

/// One key of a name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Key {
    /// What the key was built from.
    pub kind: KeyKind,
    /// The key text.
    pub text: String,
}

/// Name tokens with particles glued to the token that follows them
/// ("von der leyen" → "vonderleyen"); suffixes dropped.
pub(crate) fn merged_tokens(tokens: &[Token]) -> Vec<String> {
    let mut merged = Vec::with_capacity(tokens.len());
    let mut pending = String::new();
    for t in tokens {
        match t.role {
            TokenRole::Particle => pending.push_str(&t.text),
            TokenRole::Suffix => {}
            _ => {
                pending.push_str(&t.text);
                merged.push(std::mem::take(&mut pending));
            }
        }
    }
    if !pending.is_empty() {
        merged.push(pending);
    }
    merged
}

/// The skeleton of one folded token: a spelling that transliteration
/// variants share. Rules, in order:
///
/// 1. letter groups that conventions spell differently are folded, longest
///    first: `shch`/`sch`/`sh` → s, `tsch`/`tch`/`ch` → c, `ts`/`tz`/`cz` → c,
///    `zh`/`dzh`/`dj` → j, `kh` → h, `ph` → f, `th` → t, `ck` → k, `gh` → g,
///    `ou`/`oo` → u;
/// 2. single letters: w → v, y → i, j → i, z → s, q → k, x → ks;
/// 3. doubled letters are collapsed.
///
/// So Zelensky, Zelenskyy, Zelenskiy, Selenskyj and Zelenskij all become
/// `selenski`; Tchaikovsky and Tschaikowski become `caikovski`.
///
/// # Example
/// ```
/// use polyonym::key::skeleton;
/// assert_eq!(skeleton("zelenskyy"), skeleton("selenskyj"));
/// assert_eq!(skeleton("zelensky"), "selenski");
/// ```
pub fn skeleton(token: &str) -> String {
    const GROUPS: [(&str, &str); 22] = [
        ("shch", "s"),
        ("tsch", "c"),
        ("dzh", "j"),
        ("sch", "s"),
        ("tch", "c"),
        ("sh", "s"),
        ("ch", "c"),
        ("ts", "c"),
        ("tz", "c"),
        ("cz", "c"),
        ("zh", "j"),
        ("dj", "j"),
        ("kh", "h"),
        ("ph", "f"),
        ("th", "t"),
        ("ck", "k"),
        ("gh", "g"),
        ("ou", "u"),
        ("oo", "u"),
        ("ks", "ks"),
        ("", ""),
        ("", ""),
    ];
    let bytes = token.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut i = 0;
    'outer: while i < bytes.len() {
        for (from, to) in GROUPS.iter().filter(|(f, _)| !f.is_empty()) {
            if bytes[i..].starts_with(from.as_bytes()) {
                out.extend_from_slice(to.as_bytes());
                i += from.len();
                continue 'outer;
            }
        }
        match bytes[i] {
            b'w' => out.push(b'v'),
            b'y' | b'j' => out.push(b'i'),
            b'z' => out.push(b's'),
            b'q' => out.push(b'k'),
            b'x' => out.extend_from_slice(b"ks"),
            b => out.push(b),
        }
        i += 1;
    }
    out.dedup();
    // Only ASCII replacements were made on UTF-8 input: still valid.
    String::from_utf8(out).unwrap_or_default()
}

fn push(keys: &mut Vec<Key>, kind: KeyKind, text: String) {
    if text.is_empty() {
        return;
    }
    let key = Key { kind, text };
    if !keys.contains(&key) {
        keys.push(key);
    }
}

/// The keys of one spelling.
fn spelling_keys(tokens: &[Token], keys: &mut Vec<Key>) {
    if tokens.is_empty() {
        return;
    }
    let exact = crate::normalize::join_tokens(tokens);
    let joined: String = tokens.iter().map(|t| t.text.as_str()).collect();
    let merged = merged_tokens(tokens);
    let mut sorted = merged.clone();
    sorted.sort_unstable();
    let mut skeletons: Vec<String> = merged.iter().map(|t| skeleton(t)).collect();
    skeletons.sort_unstable();
    push(keys, KeyKind::Exact, exact);
    push(keys, KeyKind::Sorted, sorted.join(" "));
    push(keys, KeyKind::Joined, joined);
    push(keys, KeyKind::Skeleton, skeletons.join(" "));
    // Initials + family name, for person-like names of two or more parts
    // whose last part is a name (not an initial or number).
    let name_parts: Vec<&str> = merged.iter().map(String::as_str).collect();
    if name_parts.len() >= 2 {
        let last = *name_parts.last().unwrap_or(&"");
        if last.len() > 1 && !last.bytes().all(|b| b.is_ascii_digit()) {
            let mut initials: String = name_parts[..name_parts.len() - 1]
                .iter()
                .filter_map(|p| p.chars().next())
                .collect();
            initials.push(' ');
            initials.push_str(last);
            push(keys, KeyKind::Initials, initials);
            if name_parts.len() > 2 {
                // First initial + family name: "U. Leyen" for a name with
                // middle names.
                let first = name_parts[0].chars().next().unwrap_or('?');
                push(keys, KeyKind::Initials, format!("{first} {last}"));
            }
        }
    }
    if tokens.len() > 1 {
        for t in tokens {
            if matches!(t.role, TokenRole::Name) && t.text.len() > 1 {
                push(keys, KeyKind::Token, t.text.clone());
            }
        }
        for m in &merged {
            push(keys, KeyKind::Token, m.clone());
        }
    }
}

/// All keys of a normalized name, over all its spellings, deduplicated, in
/// a stable order.
pub(crate) fn keys(name: &NormalizedName) -> Vec<Key> {
    let mut keys = Vec::new();
    for spelling in &name.spellings {
        spelling_keys(spelling, &mut keys);
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Normalizer;

    fn key_of(name: &str, kind: KeyKind) -> Vec<String> {
        Normalizer::new()
            .normalize(name)
            .keys()
            .into_iter()
            .filter(|k| k.kind == kind)
            .map(|k| k.text)
            .collect()
    }

    #[test]
    fn skeletons_fold_variants() {
        let forms = [
            "zelensky",
            "zelenskyy",
            "zelenskiy",
            "selenskyj",
            "zelenskij",
        ];
        for f in forms {
            assert_eq!(skeleton(f), "selenski", "{f}");
        }
        assert_eq!(skeleton("tchaikovsky"), skeleton("tschaikowski"));
    }

    #[test]
    fn sorted_key_meets_inverted_and_particles() {
        let a = key_of("Ursula von der Leyen", KeyKind::Sorted);
        let b = key_of("Leyen, Ursula von der", KeyKind::Sorted);
        let c = key_of("Ursula Vonderleyen", KeyKind::Sorted);
        assert_eq!(a, b);
        assert_eq!(a, c);
    }

    #[test]
    fn initials_key() {
        let a = key_of("U. von der Leyen", KeyKind::Initials);
        let b = key_of("Ursula von der Leyen", KeyKind::Initials);
        assert!(a.iter().any(|k| b.contains(k)), "{a:?} {b:?}");
    }

    #[test]
    fn zelensky_forms_share_skeleton() {
        let forms = [
            "Zelensky",
            "Zelenskyy",
            "Selenskyj",
            "Зеленський",
            "Зеленский",
            "Ｚｅｌｅｎｓｋｙ",
        ];
        let first = key_of(forms[0], KeyKind::Skeleton);
        for f in forms {
            let k = key_of(f, KeyKind::Skeleton);
            assert!(
                k.iter().any(|x| first.contains(x)),
                "{f}: {k:?} vs {first:?}"
            );
        }
    }
}
