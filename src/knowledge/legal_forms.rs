//! Legal forms of organisations: "Aktiengesellschaft", "AG" and "A.G."
//! are one form; "OAO", "JSC" and "Open Joint Stock Company" one class.
//!
//! Source: rigour's `org_types.json` (MIT) as `data/orgs/legal_forms.tsv`
//! (`CANONICAL<TAB>GENERIC<TAB>alias|…`). Every form is normalized, and a
//! run of tokens equal to a form is replaced, in scoring, by one token
//! naming its class: the generic type where rigour gives one (`jsc`,
//! `llc` …), else the canonical form. The class token has the
//! [`Suffix`](crate::TokenRole::Suffix) role: it weighs little, and a
//! legal form present on one side only is a missing token, not a
//! contradiction. Forms that are ambiguous as words (one or two letters,
//! or "in" for Inc) are recognised only as the last token of a name.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::normalize::{Normalizer, Script, Token, TokenRole};

struct Forms {
    /// Normalized form (tokens joined by spaces) → class token text.
    by_form: HashMap<String, String>,
    /// Longest form, in tokens.
    longest: usize,
    /// The first word of every form: a name with none of them has no legal
    /// form, which is the common case and is decided without allocating.
    first_words: std::collections::HashSet<String>,
    /// The forms of two words or more and their class, by the byte length
    /// of the form: the candidates for a misspelled form.
    multi_word_by_len: HashMap<usize, Vec<(String, String)>>,
    /// Every form of each class, sorted: the candidates for a misspelled
    /// form when the other name carries the class ([`near_form_of_class`]).
    by_class: HashMap<String, Vec<String>>,
}

fn forms() -> &'static Forms {
    static FORMS: OnceLock<Forms> = OnceLock::new();
    FORMS.get_or_init(|| {
        let normalizer = Normalizer::new();
        let mut by_form = HashMap::new();
        let mut longest = 1;
        let mut first_words = std::collections::HashSet::new();
        for line in include_str!("../../data/orgs/legal_forms.tsv").lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 2 {
                continue;
            }
            let canonical = normalizer.normalize(cols[0]).text().replace(' ', "");
            let class = if cols[1].is_empty() {
                canonical
            } else {
                cols[1].to_lowercase()
            };
            let class = format!("~{class}");
            let aliases = cols.get(2).copied().unwrap_or("");
            for form in std::iter::once(cols[0]).chain(aliases.split('|')) {
                let text = normalizer.normalize(form).text();
                if text.is_empty() {
                    continue;
                }
                longest = longest.max(text.split(' ').count());
                first_words.insert(text.split(' ').next().unwrap_or("").to_string());
                by_form.entry(text).or_insert_with(|| class.clone());
            }
        }
        let mut multi_word_by_len: HashMap<usize, Vec<(String, String)>> = HashMap::new();
        for (form, class) in &by_form {
            if form.contains(' ') {
                multi_word_by_len
                    .entry(form.len())
                    .or_default()
                    .push((form.clone(), class.clone()));
            }
        }
        for forms in multi_word_by_len.values_mut() {
            forms.sort();
        }
        let mut by_class: HashMap<String, Vec<String>> = HashMap::new();
        for (form, class) in &by_form {
            by_class
                .entry(class.clone())
                .or_default()
                .push(form.clone());
        }
        for forms in by_class.values_mut() {
            forms.sort();
        }
        Forms {
            by_form,
            longest,
            first_words,
            multi_word_by_len,
            by_class,
        }
    })
}

/// Whether a normalized form is too ambiguous to take for a legal form
/// except at the end of a name.
fn only_trailing(form: &str) -> bool {
    form.len() <= 2 || form == "in"
}

/// The tokens with every legal form replaced by its class token. Returns
/// `None` when there is none (the common case, without allocating).
pub fn canonicalize(tokens: &[Token]) -> Option<Vec<Token>> {
    if tokens.len() < 2 {
        return None;
    }
    let f = forms();
    if !tokens
        .iter()
        .any(|t| f.first_words.contains(t.text.as_str()))
    {
        return misspelled_at_end(tokens, f);
    }
    let mut out: Vec<Token> = Vec::new();
    let mut changed = false;
    let mut i = 0;
    let mut phrase = String::new();
    while i < tokens.len() {
        let mut matched = None;
        let max = f.longest.min(tokens.len() - i);
        for len in (1..=max).rev() {
            // Never the whole name: "Limited" alone is a name.
            if len == tokens.len() {
                continue;
            }
            if !phrase_of(&tokens[i..i + len], &mut phrase) {
                continue;
            }
            if let Some(class) = f.by_form.get(phrase.as_str()) {
                if only_trailing(&phrase) && i + len != tokens.len() {
                    continue;
                }
                // A regnal number is no legal form: Charles II is no
                // Romanian sole trader (II, întreprindere individuală).
                if len == 1 && crate::score::generation_marker(&phrase, tokens[i].role).is_some() {
                    continue;
                }
                matched = Some((len, class.clone()));
                break;
            }
        }
        match matched {
            Some((len, class)) => {
                out.push(class_token(class));
                i += len;
                changed = true;
            }
            None => {
                out.push(tokens[i].clone());
                i += 1;
            }
        }
    }
    if changed {
        Some(out)
    } else {
        misspelled_at_end(tokens, f)
    }
}

/// The fewest edits between `phrase` (normalized words joined by spaces)
/// and a form of the legal-form class `class` (a class token's text, such
/// as `~llc`), when some form is near enough to be that form misspelled:
/// one edit for a phrase of three bytes or more ("Lrtd", "Isnc" for Ltd,
/// Inc), two for one of ten or more ("anonim sikkti" for Anonim Şirketi);
/// `None` otherwise, or when the phrase is a form itself (it was
/// canonicalized, or is not one of this class).
///
/// Used in scoring only, where the other name carries the class: a word
/// one edit from a form is a name in general (Inca, not Inc: see
/// [`canonicalize`]), but against a company's name whose legal form it
/// lacks it is that form with a typo.
///
/// # Example
/// ```
/// use polyonym::knowledge::legal_forms::near_form_of_class;
/// assert_eq!(near_form_of_class("lrtd", "~llc"), Some(1));
/// assert_eq!(near_form_of_class("anonim sikkti", "~jsc"), Some(2));
/// assert_eq!(near_form_of_class("gmbh", "~llc"), None); // a form: no typo
/// assert_eq!(near_form_of_class("in", "~llc"), None); // too short
/// ```
pub fn near_form_of_class(phrase: &str, class: &str) -> Option<usize> {
    if phrase.len() < 3 {
        return None;
    }
    let f = forms();
    if f.by_form.contains_key(phrase) {
        return None;
    }
    let max = if phrase.len() >= 10 { 2 } else { 1 };
    f.by_class
        .get(class)?
        .iter()
        .filter(|form| form.len().abs_diff(phrase.len()) <= max)
        .filter_map(|form| crate::score::osa_distance_within(phrase, form, max))
        .min()
}

/// Fills `phrase` with the window's texts joined by spaces, as forms are
/// keyed; false (and `phrase` not filled) when the window holds a syllable
/// of a Han, kana or Hangul name, which is never a legal form, whatever it
/// reads as (早 zao is not ЗАО).
fn phrase_of(window: &[Token], phrase: &mut String) -> bool {
    if window.iter().any(|t| t.script.is_syllabic()) {
        return false;
    }
    phrase.clear();
    for (k, t) in window.iter().enumerate() {
        if k > 0 {
            phrase.push(' ');
        }
        phrase.push_str(&t.text);
    }
    true
}

/// The token that stands for a legal form in scoring: its class, a suffix.
fn class_token(class: String) -> Token {
    Token {
        text: class,
        role: TokenRole::Suffix,
        script: Script::Latin,
    }
}

/// A legal form of two words or more, one edit off, at the end of a name
/// of three words or more ("… Anonim Şiketi" for Anonim Şirketi): its
/// words were otherwise name words the alias lacks, and such a typo left
/// the company unmatched. Not a form of one word (Sp.j. is "spj"): a
/// family name one edit from one (Inca, Inc) is no company's.
fn misspelled_at_end(tokens: &[Token], f: &Forms) -> Option<Vec<Token>> {
    let n = tokens.len();
    if n < 3 {
        return None;
    }
    let mut phrase = String::new();
    for len in (2..=f.longest.min(n - 1)).rev() {
        if !phrase_of(&tokens[n - len..], &mut phrase) || phrase.len() < 4 {
            continue;
        }
        // Two strings of three bytes or more one edit apart share their
        // first byte or their last (an edit at the start leaves the end):
        // a test that skips most forms of the length at once. This search
        // was 9% of `compare` over name_bench's pairs; with the test, ten
        // alternating runs took 0.31-0.43 s against 0.33-0.44 s (medians
        // 0.39, 0.41), at the edge of the VM's noise.
        let ends = (phrase.as_bytes().first(), phrase.as_bytes().last());
        let found = (phrase.len() - 1..=phrase.len() + 1)
            .filter_map(|l| f.multi_word_by_len.get(&l))
            .flatten()
            .find(|(form, _)| {
                let b = form.as_bytes();
                (b.first() == ends.0 || b.last() == ends.1)
                    && crate::score::one_edit_apart(phrase.as_bytes(), b)
            });
        if let Some((_, class)) = found {
            let mut out = tokens[..n - len].to_vec();
            out.push(class_token(class.clone()));
            return Some(out);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(s: &str) -> String {
        let n = Normalizer::new().normalize(s);
        match canonicalize(n.tokens()) {
            Some(t) => crate::normalize::join_tokens(&t),
            None => n.text(),
        }
    }

    #[test]
    fn misspelled_form_of_several_words_at_the_end() {
        assert_eq!(
            canon("Kodınay Özer Anonim Şiketi"),
            canon("Kodınay Özer Anonim Şirketi")
        );
        // One word one edit from a form is a name (Inca, not Inc), and a
        // name of two words keeps them both.
        assert_eq!(canon("Kaja Maria Inca"), "kaja maria inca");
        assert_eq!(canon("Sp jo"), "sp jo");
    }

    #[test]
    fn forms_meet() {
        assert_eq!(canon("Siemens Aktiengesellschaft"), canon("Siemens AG"));
        for name in [
            "Gazprom JSC",
            "OAO Gazprom",
            "Open Joint Stock Company Gazprom",
        ] {
            assert!(
                canon(name).split(' ').any(|t| t == "~jsc"),
                "{name}: {}",
                canon(name)
            );
        }
        assert_eq!(
            canon("Stripe LLC"),
            canon("Stripe Limited Liability Company")
        );
        assert_eq!(canon("Limited"), "limited");
    }
}
