//! The words of a text: UAX #29 word segments with their byte spans, the
//! gaps between them, their case shape, and their folded form (what the
//! normalizer makes of each word alone).

use std::hash::Hasher;

use crate::normalize::tables::{short_word, FxHasher};

use unicode_segmentation::UnicodeSegmentation;

use crate::normalize::{Normalizer, Script};

/// Bytes that [`pack`] takes.
pub(super) const PACKED_MAX: usize = 24;

/// A string of at most [`PACKED_MAX`] bytes as three integers: two
/// strings of the same length are equal if and only if their packings
/// are, so a cache key can hold a word and be compared without `memcmp`
/// or a pointer to follow.
#[inline]
pub(super) fn pack(s: &[u8]) -> Option<[u64; 3]> {
    if s.len() > PACKED_MAX {
        return None;
    }
    // Three fixed pieces, each packed whole: an array filled at a variable
    // index went through the stack and stalled the load after it
    // (store-to-load forwarding: a fifth of the samples in
    // `Session::step`, `perf annotate` of the bench, 2026-11-30).
    let (a, rest) = s.split_at(s.len().min(8));
    let (b, c) = rest.split_at(rest.len().min(8));
    Some([piece(a), piece(b), piece(c)])
}

/// At most 8 bytes as one integer (0 for none).
#[inline]
fn piece(s: &[u8]) -> u64 {
    match s.len() {
        0 => 0,
        8 => u64::from_le_bytes(s.try_into().unwrap_or_default()),
        _ => short_word(s),
    }
}

/// The [`FxHasher`] hash of some bytes.
pub(super) fn fx_hash(bytes: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(bytes);
    h.finish()
}

pub(super) use crate::normalize::tables::FastMap;

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
    /// Span of the folded form in [`Words::folds`], or in the text (see
    /// [`FOLD_IN_TEXT`]).
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
/// The word is its own folded form (ASCII letters and digits, no capital):
/// its fold is the text itself, not a copy in [`Words::folds`].
const FOLD_IN_TEXT: u16 = 1 << 11;

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
    /// The folded forms of the words that are not their own fold.
    folds: String,
}

impl Words {
    /// The folded form of word `i` of `text` (the text [`Words::segment`]
    /// segmented).
    pub fn fold<'a>(&'a self, text: &'a str, i: usize) -> &'a str {
        let w = &self.list[i];
        let start = w.fold_start as usize;
        let end = start + w.fold_len as usize;
        if w.flags & FOLD_IN_TEXT != 0 {
            &text[start..end]
        } else {
            &self.folds[start..end]
        }
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
        for_each_word(
            text,
            &mut Segmenter {
                words: self,
                text,
                normalizer,
                folder,
                prev_end: 0,
                prev_single: false,
            },
        );
    }
}

/// Receives the words [`for_each_word`] finds: `word(start, end, simple)`.
pub(super) trait WordSink {
    fn word(&mut self, start: usize, end: usize, simple: Option<u8>);
}

impl<F: FnMut(usize, usize, Option<u8>)> WordSink for F {
    fn word(&mut self, start: usize, end: usize, simple: Option<u8>) {
        self(start, end, simple)
    }
}

/// Fills [`Words`] from the words [`for_each_word`] finds.
struct Segmenter<'a> {
    words: &'a mut Words,
    text: &'a str,
    normalizer: &'a Normalizer,
    folder: &'a mut Folder,
    prev_end: usize,
    prev_single: bool,
}

impl WordSink for Segmenter<'_> {
    /// Inlined into the segmentation loop: the call per word it replaces
    /// was 4% of the estimated cycles of a `scan` of the bench's 1 MiB of
    /// news (`valgrind --tool=callgrind`, 2026-11-30).
    #[inline(always)]
    fn word(&mut self, start: usize, end: usize, simple: Option<u8>) {
        let text = self.text;
        let words = &mut *self.words;
        // Most words are ASCII letters and digits, their shape known from
        // segmenting: the fold is the word in lowercase (all the normalizer
        // does to such a word: a test checks it), so a word without a
        // capital is its own fold and is not copied.
        let mut flags;
        let fold_start;
        let mut fold_len;
        match simple {
            Some(shape) if shape & shape::HAS_UPPER == 0 => {
                flags = shape as u16 | FOLD_IN_TEXT;
                fold_start = start;
                fold_len = end - start;
            }
            Some(shape) => {
                flags = shape as u16;
                fold_start = words.folds.len();
                words.folds.push_str(&text[start..end]);
                words.folds[fold_start..].make_ascii_lowercase();
                fold_len = end - start;
            }
            None => {
                fold_start = words.folds.len();
                let Some(shape) = fold_other(
                    &text[start..end],
                    self.normalizer,
                    self.folder,
                    &mut words.folds,
                ) else {
                    return;
                };
                flags = shape as u16;
                fold_len = words.folds.len() - fold_start;
            }
        }
        if fold_len > u16::MAX as usize {
            // A "word" of 64 KiB is no name: leave it no fold.
            if flags & FOLD_IN_TEXT == 0 {
                words.folds.truncate(fold_start);
            }
            fold_len = 0;
        }
        let first = words.list.is_empty();
        // Most gaps are one space.
        let prev_end = self.prev_end;
        let gap = if start == prev_end + 1 && text.as_bytes()[prev_end] == b' ' {
            Gap {
                join: true,
                title: true,
                sentence: false,
            }
        } else {
            gap_kind(&text[prev_end..start], self.prev_single)
        };
        if !first && gap.join {
            flags |= JOIN_PREV;
        }
        if !first && gap.title {
            flags |= TITLE_GAP;
        }
        if first || gap.sentence {
            flags |= SENTENCE_START;
        }
        words.list.push(Word {
            start: start as u32,
            end: end as u32,
            fold_start: fold_start as u32,
            fold_len: fold_len as u16,
            flags,
        });
        self.prev_end = end;
        self.prev_single =
            end - start == 1 || (simple.is_none() && text[start..end].chars().nth(1).is_none());
    }
}

/// The shape of a segment that is not ASCII letters and digits only, and
/// its fold appended to `folds`; `None` if it is no word.
#[inline(never)]
fn fold_other(
    seg: &str,
    normalizer: &Normalizer,
    folder: &mut Folder,
    folds: &mut String,
) -> Option<u8> {
    let shape = word_shape(seg)?;
    folder.fold_into(normalizer, seg, folds);
    Some(shape)
}

/// Calls `f.word(start, end, simple)` for each UAX #29 word segment of `text`
/// that may be a word (other segments — spaces, punctuation — may be
/// skipped); `simple` is the [`shape`] of a word of ASCII letters and
/// digits only, `None` for any other.
///
/// ASCII whitespace always separates segments (UAX #29 rules WB3a–WB3d,
/// and no rule joins letters across it), so the text is cut there into
/// chunks: chunks of ASCII only go through [`ascii_words`], which applies
/// the rules that can hold between ASCII characters (a run of such chunks
/// in one pass: whitespace joins nothing there either); any other chunk
/// through `unicode-segmentation`. English news is mostly ASCII
/// chunks: this runs at several times the speed of segmenting the whole
/// text with `unicode-segmentation`, with the same words (a test compares
/// them).
pub(super) fn for_each_word(text: &str, f: &mut impl WordSink) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        // Everything before the chunk that holds the next non-ASCII byte is
        // ASCII chunks: segmented in one pass, whitespace and all.
        let next = next_non_ascii(bytes, i);
        let chunk_start = bytes[i..next]
            .iter()
            .rposition(u8::is_ascii_whitespace)
            .map_or(i, |p| i + p + 1);
        let ascii_end = if next == n { n } else { chunk_start };
        if ascii_end > i {
            ascii_words(&bytes[i..ascii_end], i, f);
        }
        if next == n {
            break;
        }
        let mut end = next;
        while end < n && !bytes[end].is_ascii_whitespace() {
            end += 1;
        }
        for (s, seg) in text[chunk_start..end].split_word_bound_indices() {
            f.word(chunk_start + s, chunk_start + s + seg.len(), None);
        }
        i = end;
    }
}

/// The offset of the first byte at or after `from` that is not ASCII, or
/// the length.
fn next_non_ascii(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    // Blocks of 16 bytes first (`is_ascii` on a block compiles to a few
    // word operations).
    while let Some(block) = bytes.get(i..i + 16) {
        if !block.is_ascii() {
            break;
        }
        i += 16;
    }
    bytes[i..]
        .iter()
        .position(|&b| b >= 0x80)
        .map_or(bytes.len(), |p| i + p)
}

/// What a byte is to the UAX #29 word-break rules that can hold between
/// ASCII characters, as bit flags ([`BYTE`]).
mod byte {
    /// Joins a word: a letter, a digit or an underscore (ALetter, Numeric,
    /// ExtendNumLet; WB5, WB8–WB10, WB13a/b).
    pub const JOIN: u8 = 1;
    pub const LETTER: u8 = 2;
    pub const UPPER: u8 = 4;
    pub const LOWER: u8 = 8;
    pub const DIGIT: u8 = 16;
    pub const UNDERSCORE: u8 = 32;
    /// Stays inside a word between two letters (MidLetter, MidNumLetQ:
    /// WB6/7).
    pub const MID_LETTER: u8 = 64;
    /// Stays inside a word between two digits (MidNum, MidNumLetQ:
    /// WB11/12).
    pub const MID_NUM: u8 = 128;
}

/// The [`byte`] flags of each byte.
const BYTE: [u8; 256] = {
    use byte::*;
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b'a'..=b'z' => JOIN | LETTER | LOWER,
            b'A'..=b'Z' => JOIN | LETTER | UPPER,
            b'0'..=b'9' => JOIN | DIGIT,
            b'_' => JOIN | UNDERSCORE,
            b':' => MID_LETTER,
            b'.' | b'\'' => MID_LETTER | MID_NUM,
            b',' | b';' => MID_NUM,
            _ => 0,
        };
        b += 1;
    }
    t
};

/// The word segments of ASCII text, by UAX #29 (whitespace, like any
/// byte that is no letter, digit or underscore, ends a word): letters,
/// digits and underscores join (WB5, WB8–WB10, WB13a/b); a colon, dot or
/// apostrophe between two letters (WB6/7) and a comma, semicolon, dot or
/// apostrophe between two digits (WB11/12) stay inside.
fn ascii_words(chunk: &[u8], offset: usize, f: &mut impl WordSink) {
    use byte::*;
    let n = chunk.len();
    let mut i = 0;
    while i < n {
        if BYTE[chunk[i] as usize] & JOIN == 0 {
            i += 1;
            continue;
        }
        let start = i;
        // The flags of every byte of the word, and whether punctuation
        // stayed inside it.
        let mut all = 0u8;
        let mut mid = false;
        loop {
            while i < n {
                let t = BYTE[chunk[i] as usize];
                if t & JOIN == 0 {
                    break;
                }
                all |= t;
                i += 1;
            }
            if i + 1 < n {
                let (prev, c, next) = (
                    BYTE[chunk[i - 1] as usize],
                    BYTE[chunk[i] as usize],
                    BYTE[chunk[i + 1] as usize],
                );
                if (prev & LETTER != 0 && c & MID_LETTER != 0 && next & LETTER != 0)
                    || (prev & DIGIT != 0 && c & MID_NUM != 0 && next & DIGIT != 0)
                {
                    mid = true;
                    i += 1;
                    continue;
                }
            }
            break;
        }
        // The shape of a word of letters and digits only.
        let simple = (!mid && all & UNDERSCORE == 0).then(|| {
            let mut flags = 0u8;
            if all & LETTER != 0 {
                flags |= shape::CASED;
            }
            if all & UPPER != 0 {
                flags |= shape::HAS_UPPER;
                if chunk[start..i]
                    .iter()
                    .find(|b| b.is_ascii_alphabetic())
                    .is_some_and(u8::is_ascii_uppercase)
                {
                    flags |= shape::UPPER_FIRST;
                }
            }
            if all & LOWER != 0 {
                flags |= shape::HAS_LOWER;
            }
            flags
        });
        f.word(offset + start, offset + i, simple);
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
            for_each_word(&text, &mut |s, e, simple: Option<u8>| {
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

    /// Equal packings, equal strings (for strings of one length).
    #[test]
    fn packing_is_injective() {
        let mut seen = std::collections::HashMap::new();
        let alphabet = [b'a', b'b', 0, 0xff];
        for len in 0..=PACKED_MAX {
            for seed in 0..2_000u64 {
                let mut x = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
                let s: Vec<u8> = (0..len)
                    .map(|_| {
                        x ^= x << 13;
                        x ^= x >> 7;
                        x ^= x << 17;
                        alphabet[(x % 4) as usize]
                    })
                    .collect();
                let p = pack(&s).unwrap();
                if let Some(other) = seen.insert((len, p), s.clone()) {
                    assert_eq!(other, s);
                }
            }
        }
        assert!(pack(&[0; PACKED_MAX + 1]).is_none());
    }

    #[test]
    fn segments_and_gaps() {
        let n = Normalizer::new();
        let mut f = Folder::default();
        let text = "Ms. Kallas met\r\nIran's 习近平 U. von-der";
        let mut w = Words::default();
        w.segment(text, &n, &mut f);
        let folds: Vec<&str> = (0..w.len()).map(|i| w.fold(text, i)).collect();
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
