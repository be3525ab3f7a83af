//! The words of a text: UAX #29 word segments with their byte spans, the
//! gaps between them, their case shape, and their folded form (what the
//! normalizer makes of each word alone).

use std::hash::{BuildHasherDefault, Hasher};

use unicode_segmentation::UnicodeSegmentation;

use crate::normalize::{Normalizer, Script};

/// A small, fast hasher for the scanner's short string keys (words, spans).
/// The keys come from the scanned text, but the caches they index are
/// bounded and per session, so SipHash's flooding resistance buys little.
#[derive(Default)]
pub(super) struct FxHasher(u64);

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 59));
        }
    }
    #[inline]
    fn write_u8(&mut self, n: u8) {
        self.add(n as u64);
    }
    #[inline]
    fn write_u32(&mut self, n: u32) {
        self.add(n as u64);
    }
    #[inline]
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }
    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// The [`FxHasher`] hash of some bytes.
pub(super) fn fx_hash(bytes: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(bytes);
    h.finish()
}

pub(super) type FastMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Case shape and script class of a word, as bit flags.
pub(super) mod shape {
    /// The word has letters with case.
    pub const CASED: u8 = 1;
    /// Its first letter is uppercase (or titlecase).
    pub const UPPER_FIRST: u8 = 2;
    /// It has an uppercase letter.
    pub const HAS_UPPER: u8 = 4;
    /// It has a lowercase letter.
    pub const HAS_LOWER: u8 = 8;
    /// It is written in Han characters or kana.
    pub const HAN: u8 = 16;
    /// It is written in a script whose transliteration loses too much to
    /// match by reading alone (Han, kana, Hangul): such spans must equal an
    /// alias as written.
    pub const STRICT: u8 = 32;
}

/// One word of the text: 16 bytes (a megabyte of English has about
/// 170,000 words, and every pass reads them all).
#[derive(Debug, Clone, Copy)]
pub(super) struct Word {
    /// Byte span in the text.
    start: u32,
    end: u32,
    /// Span of the folded form in [`Words::folds`].
    fold_start: u32,
    fold_len: u16,
    /// [`shape`] flags, and the gap flags below.
    flags: u16,
}

/// The gap before this word may sit inside a name: spaces (one line break
/// at most), nothing (Han), a hyphen, a middle dot, or a dot after an
/// initial.
const JOIN_PREV: u16 = 1 << 8;
/// The gap before this word may follow a title: spaces, or a dot and
/// spaces ("Ms. Kallas"), or a hyphen.
const TITLE_GAP: u16 = 1 << 9;
/// The word starts a sentence, a line, or the text.
const SENTENCE_START: u16 = 1 << 10;

impl Word {
    pub fn start(&self) -> usize {
        self.start as usize
    }

    pub fn end(&self) -> usize {
        self.end as usize
    }

    pub fn has(&self, flag: u8) -> bool {
        self.flags & flag as u16 != 0
    }

    pub fn join_prev(&self) -> bool {
        self.flags & JOIN_PREV != 0
    }

    pub fn title_gap(&self) -> bool {
        self.flags & TITLE_GAP != 0
    }

    pub fn sentence_start(&self) -> bool {
        self.flags & SENTENCE_START != 0
    }

    /// Capitalized: first letter uppercase in a cased script.
    pub fn capitalized(&self) -> bool {
        self.has(shape::UPPER_FIRST)
    }

    /// Every cased letter uppercase, at least one of them.
    pub fn all_upper(&self) -> bool {
        self.has(shape::HAS_UPPER) && !self.has(shape::HAS_LOWER)
    }
}

/// The longest text [`Words`] takes in one piece (offsets are 32-bit).
pub(super) const MAX_TEXT: usize = u32::MAX as usize;

/// Folds single words as the normalizer would, with a bounded cache.
#[derive(Debug, Default)]
pub(super) struct Folder {
    cache: FastMap<Box<str>, Box<str>>,
}

/// Most distinct non-ASCII words remembered by a [`Folder`] before it
/// starts afresh: keeps a session's memory bounded on any stream.
const FOLD_CACHE_MAX: usize = 50_000;

impl Folder {
    /// Appends the folded form of `word` to `out`. Words of ASCII letters
    /// and digits only are lowercased directly (the normalizer does nothing
    /// else to them: a test checks it); every other word goes through the
    /// normalizer once per session.
    pub fn fold_into(&mut self, normalizer: &Normalizer, word: &str, out: &mut String) {
        if word.bytes().all(|b| b.is_ascii_alphanumeric()) {
            out.extend(word.bytes().map(|b| b.to_ascii_lowercase() as char));
            return;
        }
        if let Some(f) = self.cache.get(word) {
            out.push_str(f);
            return;
        }
        let folded = normalizer.normalize(word).text();
        out.push_str(&folded);
        if self.cache.len() >= FOLD_CACHE_MAX {
            self.cache.clear();
        }
        self.cache.insert(word.into(), folded.into());
    }

    /// The folded form of `word`.
    pub fn fold(&mut self, normalizer: &Normalizer, word: &str) -> String {
        let mut s = String::new();
        self.fold_into(normalizer, word, &mut s);
        s
    }
}

/// The words of one text.
#[derive(Debug, Default)]
pub(super) struct Words {
    pub list: Vec<Word>,
    pub folds: String,
}

impl Words {
    pub fn fold(&self, i: usize) -> &str {
        let w = &self.list[i];
        let start = w.fold_start as usize;
        &self.folds[start..start + w.fold_len as usize]
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Segments `text` (at most [`MAX_TEXT`] bytes) into words (UAX #29
    /// word segments holding a letter or digit), reusing this value's
    /// buffers.
    pub fn segment(&mut self, text: &str, normalizer: &Normalizer, folder: &mut Folder) {
        self.list.clear();
        self.folds.clear();
        self.list.reserve(text.len() / 6 + 1);
        self.folds.reserve(text.len());
        let mut prev_end = 0usize;
        let mut prev_single = false;
        for_each_word(text, |start, end, simple| {
            let seg = &text[start..end];
            let fold_start = self.folds.len();
            // Most words are ASCII letters and digits, their shape known from
            // segmenting: the fold is the word in lowercase (all the
            // normalizer does to such a word: a test checks it).
            let shape = match simple {
                Some(shape) => {
                    self.folds.push_str(seg);
                    self.folds[fold_start..].make_ascii_lowercase();
                    shape
                }
                None => {
                    let Some(shape) = word_shape(seg) else {
                        return;
                    };
                    folder.fold_into(normalizer, seg, &mut self.folds);
                    shape
                }
            };
            let gap = gap_kind(&text[prev_end..start], prev_single);
            let first = self.list.is_empty();
            let mut fold_len = self.folds.len() - fold_start;
            if fold_len > u16::MAX as usize {
                // A "word" of 64 KiB is no name: leave it no fold.
                self.folds.truncate(fold_start);
                fold_len = 0;
            }
            let mut flags = shape as u16;
            if !first && gap.join {
                flags |= JOIN_PREV;
            }
            if !first && gap.title {
                flags |= TITLE_GAP;
            }
            if first || gap.sentence {
                flags |= SENTENCE_START;
            }
            self.list.push(Word {
                start: start as u32,
                end: end as u32,
                fold_start: fold_start as u32,
                fold_len: fold_len as u16,
                flags,
            });
            prev_end = end;
            prev_single = seg.len() == 1 || seg.chars().nth(1).is_none();
        });
    }
}

/// Calls `f(start, end, simple)` for each UAX #29 word segment of `text`
/// that may be a word (other segments — spaces, punctuation — may be
/// skipped); `simple` is the [`shape`] of a word of ASCII letters and
/// digits only, `None` for any other.
///
/// ASCII whitespace always separates segments (UAX #29 rules WB3a–WB3d,
/// and no rule joins letters across it), so the text is cut there into
/// chunks: a chunk of ASCII only goes through [`ascii_words`], which
/// applies the rules that can hold between ASCII characters; any other
/// chunk through `unicode-segmentation`. English news is mostly ASCII
/// chunks: this runs at several times the speed of segmenting the whole
/// text with `unicode-segmentation`, with the same words (a test compares
/// them).
pub(super) fn for_each_word(text: &str, mut f: impl FnMut(usize, usize, Option<u8>)) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        if bytes[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let mut ascii = true;
        while i < n && !bytes[i].is_ascii_whitespace() {
            ascii &= bytes[i] < 0x80;
            i += 1;
        }
        if ascii {
            ascii_words(&bytes[start..i], start, &mut f);
        } else {
            for (s, seg) in text[start..i].split_word_bound_indices() {
                f(start + s, start + s + seg.len(), None);
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Class {
    Letter,
    Digit,
    Underscore,
    MidLetter,
    MidNumLet,
    MidNum,
    Other,
}

/// The UAX #29 word-break class of each byte that matters in ASCII text.
const CLASS: [Class; 256] = {
    let mut t = [Class::Other; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
            b'0'..=b'9' => Class::Digit,
            b'_' => Class::Underscore,
            b':' => Class::MidLetter,
            b'.' | b'\'' => Class::MidNumLet,
            b',' | b';' => Class::MidNum,
            _ => Class::Other,
        };
        b += 1;
    }
    t
};

fn class(b: u8) -> Class {
    CLASS[b as usize]
}

/// The word segments of an ASCII chunk without whitespace, by UAX #29:
/// letters, digits and underscores join (WB5, WB8–WB10, WB13a/b); a colon,
/// dot or apostrophe between two letters (WB6/7) and a comma, semicolon,
/// dot or apostrophe between two digits (WB11/12) stay inside.
fn ascii_words(chunk: &[u8], offset: usize, f: &mut impl FnMut(usize, usize, Option<u8>)) {
    let n = chunk.len();
    let joins = |c: Class| matches!(c, Class::Letter | Class::Digit | Class::Underscore);
    let mut i = 0;
    while i < n {
        if !joins(class(chunk[i])) {
            i += 1;
            continue;
        }
        let start = i;
        // The word's shape, while it is made of letters and digits only.
        let mut flags = 0u8;
        let mut simple = true;
        let mut first_letter = true;
        loop {
            let b = chunk[i];
            match class(b) {
                Class::Letter => {
                    if b.is_ascii_uppercase() {
                        flags |= shape::CASED | shape::HAS_UPPER;
                        if first_letter {
                            flags |= shape::UPPER_FIRST;
                        }
                    } else {
                        flags |= shape::CASED | shape::HAS_LOWER;
                    }
                    first_letter = false;
                }
                Class::Digit => {}
                _ => simple = false,
            }
            i += 1;
            if i >= n {
                break;
            }
            let c = class(chunk[i]);
            if joins(c) {
                continue;
            }
            let prev = class(chunk[i - 1]);
            let next = chunk.get(i + 1).map(|&b| class(b));
            let inside = matches!(
                (prev, c, next),
                (
                    Class::Letter,
                    Class::MidLetter | Class::MidNumLet,
                    Some(Class::Letter)
                ) | (
                    Class::Digit,
                    Class::MidNum | Class::MidNumLet,
                    Some(Class::Digit)
                )
            );
            if !inside {
                break;
            }
            simple = false;
            i += 1;
        }
        f(offset + start, offset + i, simple.then_some(flags));
    }
}

/// The shape flags of a segment, or `None` if it is not a word (no letter
/// or digit).
fn word_shape(seg: &str) -> Option<u8> {
    let bytes = seg.as_bytes();
    let mut flags = 0u8;
    let mut first_letter = true;
    let mut is_word = false;
    if bytes.iter().all(|b| b.is_ascii()) {
        for &b in bytes {
            if b.is_ascii_alphabetic() {
                is_word = true;
                flags |= shape::CASED;
                if b.is_ascii_uppercase() {
                    flags |= shape::HAS_UPPER;
                    if first_letter {
                        flags |= shape::UPPER_FIRST;
                    }
                } else {
                    flags |= shape::HAS_LOWER;
                }
                first_letter = false;
            } else if b.is_ascii_digit() {
                is_word = true;
            }
        }
        return is_word.then_some(flags);
    }
    for c in seg.chars() {
        if !c.is_alphanumeric() {
            continue;
        }
        is_word = true;
        if c.is_uppercase() {
            flags |= shape::CASED | shape::HAS_UPPER;
            if first_letter {
                flags |= shape::UPPER_FIRST;
            }
        } else if c.is_lowercase() {
            flags |= shape::CASED | shape::HAS_LOWER;
        } else {
            match Script::of(c) {
                Some(Script::Han) | Some(Script::Kana) => flags |= shape::HAN | shape::STRICT,
                Some(Script::Hangul) => flags |= shape::STRICT,
                _ => {}
            }
        }
        first_letter = false;
    }
    is_word.then_some(flags)
}

struct Gap {
    join: bool,
    title: bool,
    sentence: bool,
}

/// What the text between two words allows.
fn gap_kind(gap: &str, prev_single: bool) -> Gap {
    if gap.is_empty() {
        return Gap {
            join: true,
            title: false,
            sentence: false,
        };
    }
    if gap == " " {
        return Gap {
            join: true,
            title: true,
            sentence: false,
        };
    }
    let (mut newlines, mut dots, mut hyphens, mut middots, mut spaces, mut other) =
        (0u32, 0u32, 0u32, 0u32, 0u32, 0u32);
    let mut sentence_mark = false;
    let mut dot_first = false;
    for (i, c) in gap.char_indices() {
        match c {
            '\n' => newlines += 1,
            '\r' => {}
            '.' => {
                dots += 1;
                dot_first |= i == 0;
                sentence_mark = true;
            }
            '-' | '\u{2010}' | '\u{2011}' => hyphens += 1,
            '·' | '・' | '‧' => middots += 1,
            '!' | '?' | '…' | '。' | '！' | '？' => {
                sentence_mark = true;
                other += 1
            }
            c if c.is_whitespace() => spaces += 1,
            _ => other += 1,
        }
    }
    let sentence = newlines > 0 || (sentence_mark && spaces > 0);
    let plain = other == 0 && newlines <= 1;
    let join = plain
        && match (dots, hyphens, middots) {
            (0, 0, 0) => true,
            // "Guinea-Bissau", "Jean-Luc": a hyphen with no space.
            (0, 1, 0) => spaces == 0 && newlines == 0,
            // "卡娅·卡拉斯"
            (0, 0, 1) => newlines == 0,
            // "U. von der Leyen": a dot after an initial.
            (1, 0, 0) => prev_single && dot_first && newlines == 0,
            _ => false,
        };
    let title = other == 0
        && newlines == 0
        && middots == 0
        && match (dots, hyphens) {
            (0, 0) => true,
            (1, 0) => dot_first,
            (0, 1) => spaces == 0,
            _ => false,
        };
    Gap {
        join,
        title,
        sentence: sentence && !(join && dots == 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_fast_path_matches_the_normalizer() {
        let n = Normalizer::new();
        for w in [
            "Brussels",
            "EU",
            "NPT",
            "Kallas",
            "China",
            "2024",
            "G7",
            "President",
            "of",
            "Mr",
        ] {
            assert_eq!(n.normalize(w).text(), w.to_ascii_lowercase(), "{w}");
        }
    }

    /// The fast path finds the same words as `unicode-segmentation` on
    /// random text of ASCII and a few other characters.
    #[test]
    fn fast_segmentation_matches_uax29() {
        let alphabet: Vec<char> = "aZ9_:.',; \t\r\n-\"()é’‘、。王Я\u{301}\u{a0}"
            .chars()
            .collect();
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..20_000 {
            let mut text = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 24) as usize;
            for _ in 0..len {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push(alphabet[(seed % alphabet.len() as u64) as usize]);
            }
            let expected: Vec<(usize, usize)> = text
                .split_word_bound_indices()
                .filter(|(_, w)| word_shape(w).is_some())
                .map(|(s, w)| (s, s + w.len()))
                .collect();
            let mut got = Vec::new();
            for_each_word(&text, |s, e, simple| {
                if let Some(shape) = word_shape(&text[s..e]) {
                    got.push((s, e));
                    if let Some(simple) = simple {
                        assert_eq!(simple, shape, "{text:?}");
                        assert!(text[s..e].bytes().all(|b| b.is_ascii_alphanumeric()));
                    }
                }
            });
            assert_eq!(got, expected, "{text:?}");
        }
    }

    #[test]
    fn segments_and_gaps() {
        let n = Normalizer::new();
        let mut f = Folder::default();
        let text = "Ms. Kallas met\r\nIran's 习近平 U. von-der";
        let mut w = Words::default();
        w.segment(text, &n, &mut f);
        let folds: Vec<&str> = (0..w.len()).map(|i| w.fold(i)).collect();
        assert_eq!(
            folds,
            ["ms", "kallas", "met", "iran", "xi", "jin", "ping", "u", "von", "der"]
        );
        assert!(w.list[1].title_gap() && !w.list[1].join_prev());
        assert!(w.list[3].join_prev() && w.list[3].sentence_start());
        assert!(w.list[5].join_prev());
        assert!(w.list[8].join_prev(), "dot after an initial");
        assert!(w.list[9].join_prev(), "hyphen");
        assert_eq!(&text[w.list[3].start()..w.list[3].end()], "Iran's");
    }
}
