//! Steps 4 to 6: words into tokens, transliterated per script, with roles.

use pinyin::{ToPinyin, ToPinyinMulti};

use super::tables::tables;
use super::translit::{self, Script};
use super::{Title, TokenRole};

/// A token's alternative texts, one per transliteration convention,
/// primary first. `get(k)` is the text in spelling `k`: conventions align
/// across the tokens of a name, and a token with fewer alternatives repeats
/// its last one.
#[derive(Debug, Clone)]
pub(super) struct Alts {
    pub primary: String,
    pub more: Vec<String>,
}

impl Alts {
    /// From texts in convention order; `None` when the primary is empty.
    /// Empty alternatives fall back to the primary, and trailing repeats are
    /// dropped (they change no spelling).
    pub fn from_vec(mut texts: Vec<String>) -> Option<Alts> {
        if texts.first().is_none_or(String::is_empty) {
            return None;
        }
        let primary = texts.remove(0);
        for t in &mut texts {
            if t.is_empty() {
                t.clone_from(&primary);
            }
        }
        let mut alts = Alts {
            primary,
            more: texts,
        };
        alts.trim();
        Some(alts)
    }

    pub fn one(primary: String) -> Alts {
        Alts {
            primary,
            more: Vec::new(),
        }
    }

    fn trim(&mut self) {
        while let Some(last) = self.more.last() {
            let before = match self.more.len() {
                1 => &self.primary,
                n => &self.more[n - 2],
            };
            if last != before {
                break;
            }
            self.more.pop();
        }
    }

    /// The text in spelling `k`.
    pub fn get(&self, k: usize) -> &str {
        match (k, self.more.last()) {
            (0, _) | (_, None) => &self.primary,
            (k, Some(last)) => self.more.get(k - 1).unwrap_or(last),
        }
    }

    /// How many spellings this token distinguishes.
    pub fn depth(&self) -> usize {
        1 + self.more.len()
    }
}

/// Run ids of Hangul words start here (Han words count from 0).
pub(super) const HANGUL_RUN_BASE: usize = usize::MAX / 2;

/// A token before spellings are assembled.
#[derive(Debug, Clone)]
pub(super) struct PreToken {
    pub alts: Alts,
    pub role: TokenRole,
    pub script: Script,
    /// The source (lowercase, before folding) is a name particle.
    pub particle: bool,
    /// The syllable run (one Han or Hangul word) this syllable belongs to,
    /// if any.
    pub han_run: Option<usize>,
    /// The Arabic article ال split from the word that follows (see
    /// [`arabic_tokens`]).
    pub split_article: bool,
}

impl PreToken {
    fn new(alts: Alts, script: Script, particle: bool) -> PreToken {
        PreToken {
            alts,
            role: TokenRole::Name,
            script,
            particle,
            han_run: None,
            split_article: false,
        }
    }
}

/// What the tokens of one name share.
pub(super) struct Context<'a> {
    /// The whole cleaned name (language detection looks at all of it).
    pub clean: &'a str,
    pub strip_titles: bool,
    pub han_runs: usize,
    /// The Cyrillic table's column order for this name, computed on first use.
    pub cyrillic_order: Option<&'static [usize]>,
}

fn is_particle(source: &str) -> bool {
    let source = source.trim_matches(|c| c == '.' || c == '\'');
    source.len() <= 12 && tables().particles.contains(source)
}

/// Steps 4 and 5: one word into tokens.
pub(super) fn word_tokens(
    word: &str,
    first_word: bool,
    ctx: &mut Context,
    out: &mut Vec<PreToken>,
    titles: &mut Vec<Title>,
) {
    for (part_index, part) in word.split('-').enumerate() {
        // Possessive: "kallas's", "eu's", "jesus'".
        let mut part = part;
        if let Some(stem) = part.strip_suffix("'s") {
            if stem.chars().count() >= 2 {
                part = stem;
            }
        }
        let part = part.trim_matches('\'');
        if part.is_empty() {
            continue;
        }
        let name_start = first_word && part_index == 0 && out.is_empty();
        if part.is_ascii() {
            ascii_token(part, out);
            continue;
        }
        // A Latin initial written in Devanagari by its name, with its
        // period (एस. for S.): the initial itself.
        if let Some(letter) = part
            .strip_suffix('.')
            .and_then(|w| super::indic::latin_letter(w.trim_end_matches('.')))
        {
            out.push(PreToken::new(
                Alts::one(letter.to_string()),
                Script::Devanagari,
                false,
            ));
            continue;
        }
        for (script, run) in script_runs(part) {
            match script {
                Script::Han | Script::Kana
                    if run.chars().any(|c| Script::of(c) == Some(Script::Han)) =>
                {
                    han_tokens(run, name_start && out.is_empty(), ctx, out, titles)
                }
                Script::Hangul => hangul_tokens(run, name_start && out.is_empty(), out),
                Script::Arabic => arabic_tokens(run, ctx, out),
                _ => {
                    if let Some(alts) = translit::transliterate(run, script, ctx) {
                        out.push(PreToken::new(alts, script, is_particle(run)));
                    }
                }
            }
        }
    }
}

/// An Arabic word. The definite article ال written onto a word is its own
/// token, the particle "al", as Latin spellings write it apart or leave
/// it out: العمري is "al amry" (Al-Amri, Amri), الرياض "al ryad"
/// (Riyadh). Not when less than two letters would remain (ال itself, الله).
fn arabic_tokens(run: &str, ctx: &mut Context, out: &mut Vec<PreToken>) {
    let mut run = run;
    if let Some(rest) = run.strip_prefix("ال") {
        if rest.chars().count() >= 2 && rest != "له" {
            out.push(PreToken {
                split_article: true,
                ..PreToken::new(Alts::one("al".to_string()), Script::Arabic, true)
            });
            run = rest;
        }
    }
    if let Some(alts) = translit::transliterate(run, Script::Arabic, ctx) {
        out.push(PreToken::new(alts, Script::Arabic, is_particle(run)));
    }
}

/// An all-ASCII part (most Latin names) needs neither script runs nor
/// transliteration: letters and digits kept, dots and apostrophes dropped.
fn ascii_token(part: &str, out: &mut Vec<PreToken>) {
    let mut text = String::with_capacity(part.len());
    let mut letters = false;
    for b in part.bytes() {
        if b.is_ascii_alphanumeric() {
            letters |= b.is_ascii_alphabetic();
            text.push(b as char);
        }
    }
    if text.is_empty() {
        return;
    }
    let script = if letters {
        Script::Latin
    } else {
        Script::Digits
    };
    let particle = letters && is_particle(part);
    out.push(PreToken::new(Alts::one(text), script, particle));
}

/// Splits a part into runs of one script. Characters common to all scripts
/// (digits, marks, the katakana length mark, dots, apostrophes) join the
/// current run; a leading one starts a run only if it is a letter or number.
fn script_runs(part: &str) -> Vec<(Script, &str)> {
    let mut runs: Vec<(Script, usize, usize)> = Vec::new();
    for (i, c) in part.char_indices() {
        let end = i + c.len_utf8();
        let script = if c == '.' || c == '\'' {
            None
        } else {
            Script::of(c)
        };
        match (script, runs.last_mut()) {
            (Some(s), Some(run))
                if run.0 == s || s == Script::Digits || run.0 == Script::Digits =>
            {
                if run.0 == Script::Digits {
                    run.0 = s;
                }
                run.2 = end;
            }
            (None, Some(run)) => run.2 = end,
            (Some(s), _) => runs.push((s, i, end)),
            (None, None) => {
                if c.is_alphanumeric() {
                    runs.push((Script::Other, i, end));
                }
            }
        }
    }
    runs.into_iter().map(|(s, a, b)| (s, &part[a..b])).collect()
}

/// Whether a name's first Han character gets all its readings. Off until
/// a surname table restricts them to real surname readings: the `pinyin`
/// crate's heteronyms include readings never used for surnames (王 → yu).
const HAN_SURNAME_HETERONYMS: bool = false;

/// Han surname readings: every reading of the first character (heteronyms
/// such as 曾 ceng/zeng), the default one first.
pub(super) fn han_readings(c: char, all: bool) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(p) = c.to_pinyin() {
        translit::push_unique(&mut out, fold_pinyin(p.plain()));
    }
    if all {
        if let Some(multi) = c.to_pinyin_multi() {
            for p in multi {
                translit::push_unique(&mut out, fold_pinyin(p.plain()));
            }
        }
    }
    out
}

/// "lü" → "lu" (ü is written u, v or yu in names; u is the common form).
fn fold_pinyin(s: &str) -> String {
    s.replace('ü', "u")
}

/// Han characters: glued titles removed, then one pinyin syllable per
/// character; kana between them are transliterated as words.
fn han_tokens(
    text: &str,
    name_start: bool,
    ctx: &mut Context,
    out: &mut Vec<PreToken>,
    titles: &mut Vec<Title>,
) {
    let mut text = text;
    if ctx.strip_titles {
        let t = tables();
        let table = &t.han_titles;
        let ends = |s: &str| {
            [s.chars().next(), s.chars().last()]
                .into_iter()
                .flatten()
                .any(|c| t.han_title_ends.contains(&c))
        };
        while ends(text) {
            let found = table.iter().find_map(|entry| {
                let form = entry.text.as_str();
                text.strip_suffix(form)
                    .or_else(|| text.strip_prefix(form))
                    .filter(|r| !r.is_empty())
                    .map(|rest| (entry, rest))
            });
            let Some((entry, rest)) = found else {
                break;
            };
            titles.push(Title {
                text: entry.text.clone(),
                lang: entry.lang.clone(),
                gender: entry.gender,
            });
            text = rest;
        }
    }
    let run = ctx.han_runs;
    ctx.han_runs += 1;
    let mut first = true;
    let mut kana_start = None;
    let flush_kana = |from: &mut Option<usize>, to: usize, ctx: &mut Context, out: &mut Vec<_>| {
        if let Some(from) = from.take() {
            if let Some(alts) = translit::transliterate(&text[from..to], Script::Kana, ctx) {
                out.push(PreToken::new(alts, Script::Kana, false));
            }
        }
    };
    for (i, c) in text.char_indices() {
        if Script::of(c) != Some(Script::Han) {
            if kana_start.is_none() && c.is_alphanumeric() {
                kana_start = Some(i);
            }
            continue;
        }
        flush_kana(&mut kana_start, i, ctx, out);
        let readings = han_readings(c, first && name_start && HAN_SURNAME_HETERONYMS);
        first = false;
        if let Some(alts) = Alts::from_vec(readings) {
            out.push(PreToken {
                han_run: Some(run),
                ..PreToken::new(alts, Script::Han, false)
            });
        }
    }
    flush_kana(&mut kana_start, text.len(), ctx, out);
}

/// Hangul: one token per syllable (Revised Romanization, then a press-style
/// variant); the first syllable of a name gets the customary surname
/// spellings ("Kim", "Lee", "Park").
fn hangul_tokens(text: &str, name_start: bool, out: &mut Vec<PreToken>) {
    // Syllables of one Hangul word form a run, like a Han word's: ids above
    // HANGUL_RUN_BASE never meet the Han run counter.
    let run = HANGUL_RUN_BASE + out.len();
    for (i, c) in text.chars().enumerate() {
        let Some(rr) = translit::hangul_syllable(c) else {
            continue;
        };
        let mut alts = Vec::new();
        match translit::korean_surname(c).filter(|_| i == 0 && name_start) {
            Some(spellings) => {
                // Aligned with the given names' [rr, press, rr] so that
                // spelling 1 is the press form "kim jong un" and spelling 2
                // pure Revised Romanization "gim jeong eun".
                alts.push(spellings[0].clone());
                alts.push(spellings[0].clone());
                alts.push(rr);
                alts.extend(spellings[1..].iter().cloned());
            }
            None => {
                let press = translit::korean_press_variant(&rr);
                alts.push(rr.clone());
                alts.push(press);
                alts.push(rr);
            }
        }
        if let Some(alts) = Alts::from_vec(alts) {
            let mut token = PreToken::new(alts, Script::Hangul, false);
            token.han_run = Some(run);
            out.push(token);
        }
    }
}

/// Step 6: roles from the token's text and position.
pub(super) fn assign_roles(pre: &mut [PreToken]) {
    let suffixes = &tables().suffixes;
    let n = pre.len();
    for (i, token) in pre.iter_mut().enumerate() {
        let primary = token.alts.primary.as_str();
        token.role = if primary.bytes().all(|b| b.is_ascii_digit()) {
            TokenRole::Number
        } else if primary.len() == 1 && matches!(token.script, Script::Latin | Script::Devanagari) {
            // A Devanagari token of one letter is a Latin initial written
            // by its name (एस. for S., see `word_tokens`).
            TokenRole::Initial
        } else if i + 1 < n && token.particle {
            TokenRole::Particle
        } else if i > 0 && token.script == Script::Latin && suffixes.contains(primary) {
            // Only as written in Latin letters: the Hebrew סער (Sa'ar)
            // romanizes as "sr", no "Sr."
            TokenRole::Suffix
        } else {
            TokenRole::Name
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alts_align_and_trim() {
        let a = Alts::from_vec(vec!["a".into(), "b".into(), "b".into()]).unwrap();
        assert_eq!(
            (a.get(0), a.get(1), a.get(5), a.depth()),
            ("a", "b", "b", 2)
        );
        let a = Alts::from_vec(vec!["a".into(), "".into(), "c".into()]).unwrap();
        assert_eq!((a.get(1), a.get(2)), ("a", "c"));
        let a = Alts::from_vec(vec!["a".into(), "a".into()]).unwrap();
        assert_eq!(a.depth(), 1);
        assert!(Alts::from_vec(vec![String::new()]).is_none());
    }

    #[test]
    fn runs_split_scripts() {
        let runs: Vec<(Script, &str)> = script_runs("abcдеф");
        assert_eq!(runs, [(Script::Latin, "abc"), (Script::Cyrillic, "деф")]);
        assert_eq!(script_runs("g7"), [(Script::Latin, "g7")]);
    }
}
