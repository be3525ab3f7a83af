//! Step 1: Unicode clean-up. NFKC compatibility folding, invisible
//! characters removed, controls made separators, apostrophe and hyphen
//! variants unified, full lowercasing.

use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// Characters that separate words (besides whitespace).
pub(super) fn is_separator(c: char) -> bool {
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
        out.extend(c.to_lowercase());
    }
}

/// Cleans a name; returns the cleaned text and whether it was cut at
/// `max_chars` characters.
pub(super) fn clean(name: &str, max_chars: usize) -> (String, bool) {
    let mut out = String::with_capacity(name.len());
    if name.is_ascii() {
        // NFKC is the identity on ASCII; skipping it is the fast path of
        // typical Latin names.
        let cut = &name[..name.len().min(max_chars)];
        for c in cut.chars() {
            push_clean(c, &mut out);
        }
        return (out, cut.len() < name.len());
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
    if is_nfkc_quick(cut.chars()) == IsNormalized::Yes {
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
    (out, truncated)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans() {
        assert_eq!(clean("Ｚｅｌｅｎｓｋｙ", 100).0, "zelensky");
        assert_eq!(clean("ﬁnn", 100).0, "finn");
        assert_eq!(clean("a\u{0}b\u{200D}c\u{200B}d", 100).0, "a bc d");
        assert_eq!(clean("O’Brien–Smith", 100).0, "o'brien-smith");
        assert_eq!(clean("abcdef", 3), ("abc".to_string(), true));
        assert_eq!(clean("äbcdef", 3), ("äbc".to_string(), true));
        assert_eq!(clean("abc", 3), ("abc".to_string(), false));
    }
}
