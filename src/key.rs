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

use std::borrow::Cow;

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
    /// A name-part equivalence group of one token (see
    /// [`crate::knowledge::name_parts`]); the key text is the group's key.
    NamePart = 7,
}

impl KeyKind {
    /// Every kind, in bit order.
    pub const ALL: [KeyKind; 8] = [
        KeyKind::Exact,
        KeyKind::Sorted,
        KeyKind::Joined,
        KeyKind::Skeleton,
        KeyKind::Initials,
        KeyKind::Token,
        KeyKind::Reading,
        KeyKind::NamePart,
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
            KeyKind::NamePart => "name-part-group",
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
            KeyKind::Token | KeyKind::NamePart => 0.5,
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
/// ("von der leyen" → "vonderleyen"); suffixes dropped. Borrowed where no
/// particle is glued, so most names allocate nothing here.
pub(crate) fn merged_tokens(tokens: &[Token]) -> Vec<Cow<'_, str>> {
    let mut merged = Vec::with_capacity(tokens.len());
    let mut pending = String::new();
    for t in tokens {
        match t.role {
            TokenRole::Particle => pending.push_str(&t.text),
            TokenRole::Suffix => {}
            _ if pending.is_empty() => merged.push(Cow::Borrowed(t.text.as_str())),
            _ => {
                pending.push_str(&t.text);
                merged.push(Cow::Owned(std::mem::take(&mut pending)));
            }
        }
    }
    if !pending.is_empty() {
        merged.push(Cow::Owned(pending));
    }
    merged
}

/// The skeleton of one folded token: a spelling that transliteration
/// variants share. Rules, in order:
///
/// 1. letter groups that conventions spell differently are folded, longest
///    first: `shch`/`sch`/`sh` → s, `tsch`/`tch`/`ch` → c, `ts`/`tz`/`cz` → c,
///    `zh`/`dzh`/`dj` → i (as j, so that Dzhuba and Djouba meet Juba),
///    `kh` → h, `ph` → f, `th` → t, `ck` → k, `gh` → g,
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
    let mut out = String::with_capacity(token.len());
    skeleton_into(token, &mut out);
    out
}

/// Appends the [`skeleton`] of `token` to `out`. One pass over the bytes
/// with a `match` on the current letter; the earlier version tried all 20
/// letter groups with `starts_with` at every byte, and `memcmp` was 27% of
/// `latin/normalize+keys` in `perf` (benches/normalize.rs).
pub(crate) fn skeleton_into(token: &str, out: &mut String) {
    skeleton_with(token, out, false);
}

/// [`skeleton_into`] with a c before a, o, u, l, r, t, c or at the end
/// written k: the hard c of Morocco, Cuba, Canada, which Cyrillic and
/// Greek write with k (Мароко, Куба, Канада). Not before another
/// consonant, where a c is more often a folded ç (Çsoy is not Kçsoy).
/// Not a key: pinyin's c (Cangcun) and a folded č (Šefčovič) are no k,
/// so scoring compares skeletons both ways.
pub(crate) fn skeleton_hard_c_into(token: &str, out: &mut String) {
    skeleton_with(token, out, true);
}

fn skeleton_with(token: &str, out: &mut String, hard_c: bool) {
    let bytes = token.as_bytes();
    let mut i = 0;
    let mut last: Option<u8> = None;
    // Pushes ASCII bytes, collapsing doubled letters.
    let push = |out: &mut String, s: &str, last: &mut Option<u8>| {
        for b in s.bytes() {
            if *last != Some(b) {
                out.push(b as char);
                *last = Some(b);
            }
        }
    };
    while i < bytes.len() {
        let rest = &bytes[i..];
        let group = |g: &[u8]| rest.starts_with(g);
        let (replacement, len): (&str, usize) = match rest[0] {
            b's' if group(b"shch") => ("s", 4),
            b's' if group(b"sch") => ("s", 3),
            b's' if group(b"sh") => ("s", 2),
            b't' if group(b"tsch") => ("c", 4),
            b't' if group(b"tch") => ("c", 3),
            b't' if group(b"ts") || group(b"tz") => ("c", 2),
            b't' if group(b"th") => ("t", 2),
            b'd' if group(b"dzh") => ("i", 3),
            b'd' if group(b"dj") => ("i", 2),
            b'c' if group(b"ch") || group(b"cz") => ("c", 2),
            b'c' if group(b"ck") => ("k", 2),
            b'c' if hard_c
                && matches!(
                    rest.get(1),
                    None | Some(b'a' | b'o' | b'u' | b'l' | b'r' | b't' | b'c')
                ) =>
            {
                ("k", 1)
            }
            b'z' if group(b"zh") => ("i", 2),
            b'k' if group(b"kh") => ("h", 2),
            b'k' if group(b"ks") => ("ks", 2),
            b'p' if group(b"ph") => ("f", 2),
            b'g' if group(b"gh") => ("g", 2),
            b'o' if group(b"ou") || group(b"oo") => ("u", 2),
            b'w' => ("v", 1),
            b'y' | b'j' => ("i", 1),
            b'z' => ("s", 1),
            b'q' => ("k", 1),
            b'x' => ("ks", 1),
            b if b.is_ascii() => {
                if last != Some(b) {
                    out.push(b as char);
                    last = Some(b);
                }
                i += 1;
                continue;
            }
            _ => {
                // A non-ASCII char (rare: keys are folded ASCII) is kept whole.
                let c = token[i..].chars().next().unwrap_or(' ');
                out.push(c);
                last = None;
                i += c.len_utf8();
                continue;
            }
        };
        push(out, replacement, &mut last);
        i += len;
    }
}

/// Adds a key unless present; allocates only for a new key.
fn push(keys: &mut Vec<Key>, kind: KeyKind, text: &str) {
    if text.is_empty() || keys.iter().any(|k| k.kind == kind && k.text == text) {
        return;
    }
    keys.push(Key {
        kind,
        text: text.to_string(),
    });
}

/// The keys of one spelling. `buf` is scratch space.
fn spelling_keys(tokens: &[Token], keys: &mut Vec<Key>, buf: &mut String) {
    if tokens.is_empty() {
        return;
    }
    buf.clear();
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 {
            buf.push(' ');
        }
        buf.push_str(&t.text);
    }
    push(keys, KeyKind::Exact, buf);
    let merged = merged_tokens(tokens);
    let mut sorted: Vec<&str> = merged.iter().map(|m| m.as_ref()).collect();
    sorted.sort_unstable();
    join_into(&sorted, buf);
    push(keys, KeyKind::Sorted, buf);
    buf.clear();
    for t in tokens {
        buf.push_str(&t.text);
    }
    push(keys, KeyKind::Joined, buf);
    // Skeletons of the merged tokens, sorted.
    let mut skel = String::with_capacity(buf.len() + merged.len());
    let mut ranges = Vec::with_capacity(merged.len());
    for m in &merged {
        let start = skel.len();
        skeleton_into(m, &mut skel);
        ranges.push(start..skel.len());
    }
    let mut skeletons: Vec<&str> = ranges.into_iter().map(|r| &skel[r]).collect();
    skeletons.sort_unstable();
    join_into(&skeletons, buf);
    push(keys, KeyKind::Skeleton, buf);
    // Initials + family name, for person-like names of two or more parts
    // whose last part is a name (not an initial or number).
    if merged.len() >= 2 {
        let last: &str = &merged[merged.len() - 1];
        if last.len() > 1 && !last.bytes().all(|b| b.is_ascii_digit()) {
            buf.clear();
            buf.extend(
                merged[..merged.len() - 1]
                    .iter()
                    .filter_map(|p| p.chars().next()),
            );
            buf.push(' ');
            buf.push_str(last);
            push(keys, KeyKind::Initials, buf);
            if merged.len() > 2 {
                // First initial + family name: "U. Leyen" for a name with
                // middle names.
                buf.clear();
                buf.push(merged[0].chars().next().unwrap_or('?'));
                buf.push(' ');
                buf.push_str(last);
                push(keys, KeyKind::Initials, buf);
            }
        }
    }
    if tokens.len() > 1 {
        for t in tokens {
            if matches!(t.role, TokenRole::Name) && t.text.len() > 1 {
                push(keys, KeyKind::Token, &t.text);
            }
        }
        for m in &merged {
            push(keys, KeyKind::Token, m);
        }
    }
}

fn join_into(parts: &[&str], buf: &mut String) {
    buf.clear();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            buf.push(' ');
        }
        buf.push_str(p);
    }
}

/// All keys of a normalized name, over all its spellings, deduplicated, in
/// a stable order.
pub(crate) fn keys(name: &NormalizedName) -> Vec<Key> {
    let mut keys = Vec::with_capacity(8 * name.spellings.len());
    let mut buf = String::new();
    for spelling in &name.spellings {
        spelling_keys(spelling, &mut keys, &mut buf);
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

    /// dzh, dj and zh fold as j does: Dzhuba (Russian) and Djouba (French)
    /// meet Juba. (Before, they folded to j while j folded to i.)
    #[test]
    fn dzh_and_dj_meet_j() {
        assert_eq!(skeleton("dzhuba"), skeleton("juba"));
        assert_eq!(skeleton("djouba"), skeleton("juba"));
        assert_eq!(skeleton("zhukov"), skeleton("jukov"));
    }

    /// The table-driven skeleton this module used before the one-pass
    /// version; kept to prove they agree.
    fn skeleton_reference(token: &str) -> String {
        const GROUPS: [(&str, &str); 20] = [
            ("shch", "s"),
            ("tsch", "c"),
            ("dzh", "i"),
            ("sch", "s"),
            ("tch", "c"),
            ("sh", "s"),
            ("ch", "c"),
            ("ts", "c"),
            ("tz", "c"),
            ("cz", "c"),
            ("zh", "i"),
            ("dj", "i"),
            ("kh", "h"),
            ("ph", "f"),
            ("th", "t"),
            ("ck", "k"),
            ("gh", "g"),
            ("ou", "u"),
            ("oo", "u"),
            ("ks", "ks"),
        ];
        let bytes = token.as_bytes();
        let mut out: Vec<u8> = Vec::new();
        let mut i = 0;
        'outer: while i < bytes.len() {
            for (from, to) in GROUPS {
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
        String::from_utf8(out).unwrap_or_default()
    }

    #[test]
    fn skeleton_matches_reference() {
        // Every string of up to four letters over the letters the rules use.
        let alphabet = b"schtdzjkhpgouwyqxaei";
        let mut words = Vec::new();
        let mut level = vec![String::new()];
        for _ in 0..4 {
            level = level
                .iter()
                .flat_map(|w| alphabet.iter().map(move |&c| format!("{w}{}", c as char)))
                .collect();
            words.extend(level.iter().cloned());
        }
        for w in words
            .iter()
            .chain(&["shchedrin".to_string(), "tschaikowsky".into()])
        {
            assert_eq!(skeleton(w), skeleton_reference(w), "{w}");
        }
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
