//! Step 1: Unicode clean-up. NFKC compatibility folding, invisible
//! characters removed, controls made separators, apostrophe and hyphen
//! variants unified, full lowercasing.

use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// The ASCII separators, as a bit set: split_words asks for every char.
const ASCII_SEPARATORS: u128 = {
    let mut set = 0u128;
    let chars = b" \t\n\x0b\x0c\r,;:/\\|()[]{}\"!?&+*#@<>=~_%$^";
    let mut i = 0;
    while i < chars.len() {
        set |= 1 << chars[i];
        i += 1;
    }
    set
};

/// Characters that separate words: whitespace, punctuation that never
/// occurs inside a name. ASCII is answered from a bit set.
#[inline]
pub(super) fn is_separator(c: char) -> bool {
    if c.is_ascii() {
        return ASCII_SEPARATORS & (1 << c as u32) != 0;
    }
    is_separator_char(c)
}

fn is_separator_char(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            ',' | ';'
                | ':'
                | '/'
                | '\\'
                | '|'
                | '('
                | ')'
                | '['
                | ']'
                | '{'
                | '}'
                | '"'
                | '“'
                | '”'
                | '«'
                | '»'
                | '„'
                | '‟'
                | '!'
                | '?'
                | '&'
                | '+'
                | '·'
                | '・'
                | '‧'
                | '•'
                | '*'
                | '#'
                | '@'
                | '<'
                | '>'
                | '='
                | '~'
                | '_'
                | '、'
                | '。'
                | '，'
                | '《'
                | '》'
                | '「'
                | '」'
                | '『'
                | '』'
                | '【'
                | '】'
                | '¿'
                | '¡'
                | '%'
                | '$'
                | '^'
                | '।'
                | '॥'
                | '،'
                | '؛'
                | '؟'
        )
}

fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '’' | 'ʼ' | '‘' | '`' | '´' | 'ʹ' | '′' | 'ʻ' | 'ʾ' | 'ʿ'
    )
}

fn is_hyphen(c: char) -> bool {
    matches!(
        c,
        '-' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' | '﹣' | '－' | '⁃' | '־'
    )
}

/// Format characters that carry nothing inside a word: zero-width and bidi
/// marks, the soft hyphen, variation selectors, tags. They are removed.
fn is_invisible(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x061C | 0x115F | 0x1160 | 0x17B4 | 0x17B5 | 0x180B..=0x180F
        | 0x200C..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
        | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFFB | 0xE0000..=0xE0FFF)
}

/// Letters of the common name scripts that are their own NFKC form, with
/// combining class 0: precomposed Latin, basic Cyrillic, Han, Hangul
/// syllables. A string of only these is NFKC (no two of them compose).
/// Checked by range before the quick-check table search, which was 17% of
/// `cyrillic/normalize` in `perf` (with `canonical_combining_class`).
#[inline]
fn surely_nfkc(c: char) -> bool {
    c.is_ascii()
        || matches!(c as u32,
            0x00C0..=0x00FF | 0x0100..=0x0131 | 0x0134..=0x013E | 0x0141..=0x0148
            | 0x014A..=0x017E | 0x0400..=0x045F | 0x4E00..=0x9FFF | 0xAC00..=0xD7A3)
}

/// Appends one character of the input, cleaned.
#[inline]
fn push_clean(c: char, out: &mut String) {
    if c.is_ascii() {
        if c.is_ascii_control() {
            // NUL, tab, newline, DEL …: never inside a word.
            out.push(' ');
        } else if c == '`' {
            out.push('\'');
        } else {
            out.push(c.to_ascii_lowercase());
        }
    } else if c.is_control() || c == '\u{200B}' {
        out.push(' ');
    } else if is_invisible(c) {
    } else if is_apostrophe(c) {
        out.push('\'');
    } else if is_hyphen(c) {
        out.push('-');
    } else {
        out.push(lowercase(c));
    }
}

/// Lowercase of one char. The Latin-1 and basic Cyrillic capitals are
/// mapped by offset: `char::to_lowercase` (a table search) was 6% of
/// `cyrillic/normalize` in `perf` (benches/normalize.rs).
#[inline]
fn lowercase(c: char) -> char {
    let offset = match c as u32 {
        0x00C0..=0x00DE if c != '×' => 0x20,
        0x0410..=0x042F => 0x20,
        0x0400..=0x040F => 0x50,
        0x0430..=0x045F | 0x00DF..=0x00FF => 0,
        // Scripts without case: Hebrew to Myanmar (Arabic, Devanagari,
        // Thai …), kana and Han, Hangul syllables.
        0x0590..=0x109F | 0x3040..=0x9FFF | 0xAC00..=0xD7A3 => 0,
        // Only İ lowercases to two chars (i + combining dot above); the
        // dot carries nothing once folded, so the first char is enough.
        _ => return c.to_lowercase().next().unwrap_or(c),
    };
    char::from_u32(c as u32 + offset).unwrap_or(c)
}

/// Cleans a name; returns the cleaned text and whether it was cut at
/// `max_chars` characters.
pub(super) fn clean(name: &str, max_chars: usize) -> (String, bool) {
    let mut out = String::with_capacity(name.len());
    if name.is_ascii() {
        // NFKC is the identity on ASCII: skip it, and lowercase the bytes
        // in place.
        let cut = &name[..name.len().min(max_chars)];
        if cut.bytes().any(|b| b.is_ascii_control() || b == b'`') {
            for c in cut.chars() {
                push_clean(c, &mut out);
            }
        } else {
            out.push_str(cut);
            out.make_ascii_lowercase();
        }
        return (with_plus_spelled(out), cut.len() < name.len());
    }
    // NFKC may turn one char into several (ligatures, ㈱): the limit counts
    // output chars, so it bounds the work either way. The input is cut
    // first so that a huge input is never normalized whole.
    let cut = match name.char_indices().nth(max_chars.saturating_mul(2)) {
        Some((i, _)) => &name[..i],
        None => name,
    };
    let mut truncated = cut.len() < name.len();
    let mut count = 0;
    let mut push = |c: char, out: &mut String| -> bool {
        if count >= max_chars {
            truncated = true;
            return false;
        }
        count += 1;
        push_clean(c, out);
        true
    };
    if cut.chars().all(surely_nfkc) || is_nfkc_quick(cut.chars()) == IsNormalized::Yes {
        // Most non-ASCII names (precomposed Latin, Cyrillic, Han) are
        // already NFKC.
        for c in cut.chars() {
            if !push(c, &mut out) {
                break;
            }
        }
    } else {
        for c in cut.nfkc() {
            if !push(c, &mut out) {
                break;
            }
        }
    }
    (with_plus_spelled(out), truncated)
}

/// `text` with each plus sign that ends a word spelled as the word "plus":
/// OPEC+ and ОПЕК+ are "OPEC Plus", not OPEC, and Canal+ is also written
/// Canal Plus. A plus between two words ("A+B") stays a separator, and so
/// do the plus signs of a run past the second (C++ is "c plus plus"), so
/// that the text grows by at most five bytes per word, whatever the input.
fn with_plus_spelled(text: String) -> String {
    if !text.contains('+') {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    // Plus signs spelled since the last word character (None: not after
    // a word).
    let mut spelled: Option<u8> = None;
    while let Some(c) = chars.next() {
        if c == '+'
            && spelled.is_some_and(|n| n < 2)
            && !chars.peek().is_some_and(|n| n.is_alphanumeric())
        {
            out.push_str(" plus");
            spelled = spelled.map(|n| n + 1);
            continue;
        }
        spelled = c.is_alphanumeric().then_some(0);
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_separators_agree() {
        for b in 0u8..128 {
            let c = b as char;
            assert_eq!(is_separator(c), is_separator_char(c), "{c:?}");
        }
    }

    #[test]
    fn surely_nfkc_is_right() {
        use unicode_normalization::char::canonical_combining_class;
        for c in (0u32..0x11000)
            .filter_map(char::from_u32)
            .filter(|c| surely_nfkc(*c))
        {
            let s = c.to_string();
            assert_eq!(s.nfkc().collect::<String>(), s, "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
        }
    }

    #[test]
    fn cleans() {
        assert_eq!(clean("OPEC+", 100).0, "opec plus");
        assert_eq!(clean("ОПЕК+ (2016)", 100).0, "опек plus (2016)");
        assert_eq!(clean("C++", 100).0, "c plus plus");
        assert_eq!(clean("a++++", 100).0, "a plus plus++");
        assert_eq!(clean("A+B + C", 100).0, "a+b + c");
        assert_eq!(clean("Ｚｅｌｅｎｓｋｙ", 100).0, "zelensky");
        assert_eq!(clean("ﬁnn", 100).0, "finn");
        assert_eq!(clean("a\u{0}b\u{200D}c\u{200B}d", 100).0, "a bc d");
        assert_eq!(clean("O’Brien–Smith", 100).0, "o'brien-smith");
        assert_eq!(clean("abcdef", 3), ("abc".to_string(), true));
        assert_eq!(clean("äbcdef", 3), ("äbc".to_string(), true));
        assert_eq!(clean("abc", 3), ("abc".to_string(), false));
        assert_eq!(clean("ÀÉÎÕÜ×ÞЁЖЯ İ", 100).0, "àéîõü×þёжя i");
        for c in (0u32..0x11000).filter_map(char::from_u32) {
            let mut lower = c.to_lowercase();
            assert_eq!(lowercase(c), lower.next().unwrap(), "{c:?}");
        }
    }
}
