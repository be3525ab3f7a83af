//! The scanning passes over one document.

use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

use fst::raw::Output;
use unicode_normalization::UnicodeNormalization;

use super::words::{fx_hash, pack, shape, FastMap, Folder, Words};
use super::{Candidate, Mention, Scanner};
use crate::dict::EntityKind;
use crate::key::KeyKind;
use crate::normalize::{Gender, NormalizedName, Token};
use crate::resolve::Explanation;
use crate::score::{self, AliasToken, DefaultWeights, ScoreConfig, ScoreDetail};

/// Most postings read per key.
const MAX_POSTINGS: usize = 5_000;
/// Most words a title chain before a name may have ("his excellency",
/// "deputy prime minister", "Prof. Dr.").
const MAX_TITLE_WORDS: usize = 5;
/// Entries per cache before it starts afresh (bounded memory on streams).
const CACHE_MAX: usize = 20_000;

/// What is known about one candidate entity of a span, shared between the
/// mentions of the same surface.
#[derive(Debug)]
struct CandData {
    /// (layer, entity index)
    key: (usize, u32),
    id: String,
    name: String,
    kind: EntityKind,
    gender: Option<Gender>,
    alias: String,
    alias_lang: Option<String>,
    alias_rule: Option<String>,
    alias_normalized: String,
    query: String,
    found_by: Vec<String>,
    detail: ScoreDetail,
    /// The entity's canonical name is the span's name.
    canonical: bool,
    /// Number of name tokens in the span (for anchors).
    name_tokens: usize,
    /// The explanation of a mention that chose this candidate with no
    /// further notes, built once.
    explanation: OnceLock<Arc<Explanation>>,
}

impl CandData {
    fn explanation(&self, score: f32, notes: &[String]) -> Explanation {
        let mut detail = self.detail.clone();
        detail.score = score;
        detail.adjustments.extend(notes.iter().cloned());
        Explanation {
            alias: self.alias.clone(),
            alias_lang: self.alias_lang.clone(),
            alias_rule: self.alias_rule.clone(),
            found_by: self.found_by.clone(),
            query: self.query.clone(),
            alias_normalized: self.alias_normalized.clone(),
            detail,
        }
    }
}

#[derive(Debug, Clone)]
struct Cand {
    data: Arc<CandData>,
    score: f32,
    notes: Vec<String>,
}

/// An entity with an alias that has a given name token.
#[derive(Debug, Clone, Copy)]
struct TokenHit {
    /// (layer, entity index)
    key: (usize, u32),
    /// The token ends an alias in the word's script.
    surname: bool,
}

type TokenHits = Arc<Vec<TokenHit>>;

/// A word's step through a key FST from a node, as a cache key: the
/// layer, the node's address, and the folded word packed in integers
/// ([`pack`]) with its length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct StepKey {
    from: usize,
    word: [u64; 3],
    len: u32,
    layer: u32,
}

impl std::hash::Hash for StepKey {
    /// The fields folded into one integer first: the hasher then does one
    /// multiplication instead of seven in a chain.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let [a, b, c] = self.word;
        state.write_u64(
            a ^ b.rotate_left(21)
                ^ c.rotate_left(42)
                ^ (self.from as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
                ^ (u64::from(self.len) << 48)
                ^ (u64::from(self.layer) << 56),
        );
    }
}

/// (layer, node address, hash of the folded word): the key of a step for
/// a word too long for a [`StepKey`].
type LongStepKey = (usize, usize, u64);

/// A word's step through a key FST: the node reached, the output the step
/// added, the node's final output if a key ends there, and whether a key
/// continues there with another word (a space).
#[derive(Debug, Clone, Copy)]
struct Step {
    addr: usize,
    delta: u64,
    fin: Option<u64>,
    more: bool,
}

/// A mention being built.
#[derive(Debug)]
struct Draft {
    /// First word (titles included).
    w0: usize,
    /// First word of the name.
    name_w0: usize,
    /// Last word.
    w1: usize,
    /// Byte end (possessive removed).
    end: usize,
    /// Best first; shared with the cache until changed.
    cands: Arc<Vec<Cand>>,
    ambiguous: bool,
}

/// A mention found in a document, by byte offsets in the document.
#[derive(Debug)]
struct Found {
    /// Start of the mention (titles included).
    start: usize,
    /// Start of the name.
    name_start: usize,
    end: usize,
    /// Best first; shared with the cache until changed.
    cands: Arc<Vec<Cand>>,
    ambiguous: bool,
}

/// A capitalized word that may be a partial name ("Kallas", "Mr. Vuong"):
/// what its window could tell; whether it is one depends on the full names
/// of the whole document.
#[derive(Debug)]
struct Partial {
    /// Start of the titles before it, or of the word.
    start: usize,
    name_start: usize,
    /// End of the word (possessive removed).
    end: usize,
    /// The gender its titles imply.
    gender: Option<Gender>,
    titled: bool,
    sentence_start: bool,
    /// Shorter than three letters: never a surname without an anchor.
    short: bool,
    /// The entities with an alias that has the word as a token.
    ents: TokenHits,
}

/// What the windows of a document found, before it is settled.
#[derive(Debug, Default)]
pub(super) struct Document {
    found: Vec<Found>,
    partials: Vec<Partial>,
}

/// A person named in full in the document: partial names link to it.
#[derive(Debug, Clone)]
pub(super) struct Anchor {
    data: Arc<CandData>,
    score: f32,
    text: String,
    start: usize,
    end: usize,
}

/// What one window of a stream hands to the next.
#[derive(Debug, Default)]
pub(super) struct Carried {
    anchors: Vec<Anchor>,
    known: Vec<String>,
}

/// A normalized span, as far as title checks need it.
#[derive(Debug, Clone)]
struct NormInfo {
    text: String,
    title_words: usize,
    gender: Option<Gender>,
}

/// Caches and state of one scan (one call to `scan`, or one stream).
pub(super) struct Session<'s> {
    scanner: &'s Scanner,
    folder: Folder,
    exact: FastMap<(usize, u64), Arc<Vec<u32>>>,
    spans: FastMap<Box<str>, Arc<Vec<Cand>>>,
    norms: FastMap<Box<str>, Arc<NormInfo>>,
    titles: FastMap<Box<str>, bool>,
    /// By folded token, then by the script of the word.
    tokens: FastMap<Box<str>, Vec<(Option<crate::Script>, TokenHits)>>,
    person: FastMap<(usize, u32), bool>,
    unanchored: FastMap<Box<str>, Arc<Vec<Cand>>>,
    /// Coreference candidates by surface, then by anchor start.
    corefs: FastMap<Box<str>, Vec<(usize, Option<Cand>)>>,
    /// Word steps through the key FSTs, by (layer, node, folded word).
    steps: FastMap<StepKey, Option<Step>>,
    /// The same for words too long to pack, by (layer, node, hash of the
    /// folded word); the word is kept to tell hash collisions.
    long_steps: FastMap<LongStepKey, (Box<str>, Option<Step>)>,
    /// The root node of each layer's key FST (finding it decodes the node).
    roots: Vec<usize>,
    words: Words,
    hits: Vec<(usize, usize, u64)>,
    upper_ahead: Vec<bool>,
    capitalized: Vec<usize>,
    covered: Vec<bool>,
    /// The configured stopwords, hashed fast.
    stopwords: FastMap<Box<str>, ()>,
}

fn bounded_insert<K: std::hash::Hash + Eq, V>(map: &mut FastMap<K, V>, k: K, v: V) {
    if map.len() >= CACHE_MAX {
        map.clear();
    }
    map.insert(k, v);
}

/// The text with a trailing possessive ("'s", "’s") removed, if it has one.
fn strip_possessive(word: &str) -> Option<&str> {
    for p in ["'s", "’s", "'S", "’S"] {
        if let Some(s) = word.strip_suffix(p) {
            if !s.is_empty() {
                return Some(s);
            }
        }
    }
    None
}

/// Canonical surface for comparisons: NFC, whitespace runs as one space,
/// possessive removed.
fn surface_key(s: &str) -> String {
    let s = strip_possessive(s).unwrap_or(s);
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.nfc() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// Whether a span with no capital letter, ending with word `last`, has a
/// letter with case (`cased`: the words before `last` have one): such a
/// span is no mention unless lowercase spans are allowed. Exact for the
/// span's surface as [`Session::best_hit`] cuts it: a word with case keeps
/// its letters unless a possessive ending goes (then the caller decides on
/// the surface).
fn is_lowercase_span(text: &str, last: &super::words::Word, cased: bool) -> bool {
    cased || (last.has(shape::CASED) && strip_possessive(&text[last.start()..last.end()]).is_none())
}

/// Letters in capitals only (at least two of them): an acronym.
fn is_acronym(s: &str) -> bool {
    let mut upper = 0;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_uppercase() {
            upper += 1;
        }
    }
    upper >= 2
}

/// The script of the first letter of `s`.
fn script_of(s: &str) -> Option<crate::Script> {
    s.chars()
        .filter_map(crate::Script::of)
        .find(|&s| s != crate::Script::Digits)
}

fn has_upper(s: &str) -> bool {
    s.chars().any(char::is_uppercase)
}

fn has_cased(s: &str) -> bool {
    s.chars().any(|c| c.is_uppercase() || c.is_lowercase())
}

/// The case of each letter, in order.
fn case_shape(s: &str) -> Vec<bool> {
    s.chars()
        .filter(|c| c.is_alphabetic())
        .map(char::is_uppercase)
        .collect()
}

fn sort_cands(cands: &mut [Cand]) {
    cands.sort_by(|a, b| {
        b.score
            .partial_cmp(&a.score)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(b.data.canonical.cmp(&a.data.canonical))
            .then_with(|| a.data.id.cmp(&b.data.id))
    });
}

impl<'s> Session<'s> {
    pub fn new(scanner: &'s Scanner) -> Session<'s> {
        Session {
            scanner,
            folder: Folder::default(),
            exact: FastMap::default(),
            spans: FastMap::default(),
            norms: FastMap::default(),
            titles: FastMap::default(),
            tokens: FastMap::default(),
            person: FastMap::default(),
            unanchored: FastMap::default(),
            corefs: FastMap::default(),
            steps: FastMap::default(),
            long_steps: FastMap::default(),
            roots: scanner
                .resolver
                .layers()
                .iter()
                .map(|d| d.keys().as_fst().root().addr())
                .collect(),
            words: Words::default(),
            hits: Vec::new(),
            upper_ahead: Vec::new(),
            capitalized: Vec::new(),
            covered: Vec::new(),
            stopwords: scanner
                .config
                .stopwords
                .iter()
                .map(|w| (w.as_str().into(), ()))
                .collect(),
        }
    }

    fn normalizer(&self) -> &'s crate::Normalizer {
        self.scanner.resolver.normalizer()
    }

    fn is_ambiguous(&self, cands: &[Cand]) -> bool {
        cands.len() >= 2 && cands[0].score - cands[1].score < self.scanner.config.ambiguity_margin
    }

    /// Pass 1 over one window of a document (`text`, starting at byte
    /// `base` of the document): the dictionary matches with their titles,
    /// and the capitalized words that may be partial names, added to `doc`
    /// with offsets in the document.
    pub fn window(&mut self, text: &str, base: usize, doc: &mut Document) {
        let normalizer = self.normalizer();
        let mut words = std::mem::take(&mut self.words);
        words.segment(text, normalizer, &mut self.folder);
        self.window_words(text, &words, base, doc);
        self.words = words;
    }

    fn window_words(&mut self, text: &str, words: &Words, base: usize, doc: &mut Document) {
        let config = &self.scanner.config;
        // The longest dictionary match at each word. A span needs a capital
        // letter (in scripts with case): a walk starts only where one is
        // within reach, in the word or in a word joined to it on the right
        // (most words of running text start no walk).
        let n = words.len();
        let mut upper_ahead = std::mem::take(&mut self.upper_ahead);
        upper_ahead.clear();
        upper_ahead.resize(n + 1, false);
        for k in (0..n).rev() {
            let w = &words.list[k];
            upper_ahead[k] = w.has(shape::HAS_UPPER)
                || !w.has(shape::CASED)
                || config.allow_lowercase_spans
                || (k + 1 < n && words.list[k + 1].join_prev() && upper_ahead[k + 1]);
        }
        let mut drafts: Vec<Draft> = Vec::new();
        // Capitalized words outside every match: partial names, maybe.
        let mut capitalized = std::mem::take(&mut self.capitalized);
        capitalized.clear();
        let mut i = 0;
        while i < n {
            let draft = if upper_ahead[i] {
                self.longest_at(text, words, i)
            } else {
                None
            };
            match draft {
                Some(d) => {
                    i = d.w1 + 1;
                    drafts.push(d);
                }
                None => {
                    let w = &words.list[i];
                    if w.capitalized() && !w.has(shape::STRICT) {
                        capitalized.push(i);
                    }
                    i += 1;
                }
            }
        }
        self.upper_ahead = upper_ahead;
        // Titles before person names.
        if config.absorb_titles {
            let mut floor = 0;
            for d in drafts.iter_mut() {
                if d.cands.iter().any(|c| c.data.kind == EntityKind::Person) {
                    self.absorb_into(text, words, d, floor);
                }
                floor = d.w1 + 1;
            }
        }
        // Partial names, as far as the window can tell.
        if config.coreference {
            let mut covered = std::mem::take(&mut self.covered);
            covered.clear();
            covered.resize(n, false);
            for d in &drafts {
                covered[d.w0..=d.w1].iter_mut().for_each(|c| *c = true);
            }
            for &w in &capitalized {
                if !covered[w] {
                    if let Some(p) = self.partial_at(text, words, w, &covered) {
                        doc.partials.push(Partial {
                            start: base + p.start,
                            name_start: base + p.name_start,
                            end: base + p.end,
                            ..p
                        });
                    }
                }
            }
            self.covered = covered;
        }
        self.capitalized = capitalized;
        doc.found.extend(drafts.into_iter().map(|d| Found {
            start: base + words.list[d.w0].start(),
            name_start: base + words.list[d.name_w0].start(),
            end: base + d.end,
            cands: d.cands,
            ambiguous: d.ambiguous,
        }));
    }

    /// Settles a document (`text`, starting at byte `base` of the stream)
    /// after its windows: ambiguous names, anchors, partial names. Returns
    /// its mentions in order and leaves `doc` empty; `carried` holds what
    /// earlier documents hand on, and receives this one's.
    pub fn settle(
        &mut self,
        text: &str,
        base: usize,
        doc: &mut Document,
        carried: &mut Carried,
    ) -> Vec<Mention> {
        let config = &self.scanner.config;
        let mut found = std::mem::take(&mut doc.found);
        let partials = std::mem::take(&mut doc.partials);
        // Ambiguous names settled by unambiguous ones elsewhere.
        // (Candidates of one surface share their data: most mentions are
        // settled by a pointer comparison.)
        let mut seen: FastMap<usize, ()> = FastMap::default();
        let mut known_ids: HashSet<String> = carried.known.iter().cloned().collect();
        for f in &found {
            if !f.ambiguous
                && seen
                    .insert(Arc::as_ptr(&f.cands[0].data) as usize, ())
                    .is_none()
            {
                known_ids.insert(f.cands[0].data.id.clone());
            }
        }
        loop {
            let mut changed = false;
            for f in found.iter_mut().filter(|f| f.ambiguous) {
                let top = f.cands[0].score;
                let close = f
                    .cands
                    .iter()
                    .take_while(|c| top - c.score < config.ambiguity_margin)
                    .count();
                let hits: Vec<usize> = (0..close)
                    .filter(|&k| known_ids.contains(&f.cands[k].data.id))
                    .collect();
                if let [k] = hits[..] {
                    let cands = Arc::make_mut(&mut f.cands);
                    let mut chosen = cands.remove(k);
                    chosen.notes.push(format!(
                        "document: {} is named unambiguously elsewhere in the document",
                        chosen.data.id
                    ));
                    cands.insert(0, chosen);
                    f.ambiguous = false;
                    known_ids.insert(f.cands[0].data.id.clone());
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        // Anchors for partial names: persons named in full.
        let mut anchors: Vec<Anchor> = std::mem::take(&mut carried.anchors);
        for f in &found {
            let c = &f.cands[0];
            if !f.ambiguous
                && c.data.kind == EntityKind::Person
                && c.data.name_tokens >= 2
                && !anchors.iter().any(|a| a.data.id == c.data.id)
            {
                anchors.push(Anchor {
                    data: c.data.clone(),
                    score: c.score,
                    text: text[f.name_start - base..f.end - base].to_string(),
                    start: f.name_start,
                    end: f.end,
                });
            }
        }
        // Partial names.
        let before = found.len();
        for p in &partials {
            if let Some(f) = self.link(text, base, p, &anchors) {
                found.push(f);
            }
        }
        if found.len() > before {
            found.sort_by_key(|f| f.start);
        }
        // Hand over to the next document.
        carried.known = known_ids.into_iter().collect();
        carried.known.sort();
        if carried.known.len() > 10_000 {
            carried.known.clear();
        }
        carried.anchors = anchors;
        if carried.anchors.len() > 1_000 {
            let cut = carried.anchors.len() - 1_000;
            carried.anchors.drain(..cut);
        }
        found
            .into_iter()
            .map(|f| self.finish(text, base, f))
            .collect()
    }

    fn finish(&self, text: &str, base: usize, f: Found) -> Mention {
        let config = &self.scanner.config;
        let best = &f.cands[0];
        let explanation = if best.notes.is_empty() {
            best.data
                .explanation
                .get_or_init(|| Arc::new(best.data.explanation(best.score, &[])))
                .clone()
        } else {
            Arc::new(best.data.explanation(best.score, &best.notes))
        };
        Mention {
            start: f.start,
            end: f.end,
            text: text[f.start - base..f.end - base].to_string(),
            id: best.data.id.clone(),
            name: best.data.name.clone(),
            kind: best.data.kind,
            score: best.score,
            ambiguous: f.ambiguous,
            candidates: f
                .cands
                .iter()
                .take(config.max_candidates.max(1))
                .map(|c| Candidate {
                    id: c.data.id.clone(),
                    name: c.data.name.clone(),
                    score: c.score,
                })
                .collect(),
            explanation,
        }
    }

    /// The complete keys met walking the key FST of layer `layer` from
    /// word `i`: (last word, layer, FST value). A key whose span has no
    /// capital letter is not kept when lowercase spans are not allowed:
    /// [`Self::span_candidates`] would find nothing for it. In running
    /// text most keys met are such ("the", "to", "in": 35,000 of the 59,000
    /// spans that went to [`Self::best_hit`] in the bench's 1 MiB of news,
    /// counted 2026-11-30, each a surface lookup for nothing).
    fn walk(
        &mut self,
        layer: usize,
        text: &str,
        words: &Words,
        i: usize,
        hits: &mut Vec<(usize, usize, u64)>,
    ) {
        let root = self.roots[layer];
        let lowercase_ok = self.scanner.config.allow_lowercase_spans;
        let Some(mut state) = self.step(layer, root, words.fold(text, i)) else {
            return;
        };
        let mut out = state.delta;
        // Whether the words before the current one have a capital, and
        // whether they have a letter with case.
        let (mut upper, mut cased) = (false, false);
        let mut j = i;
        let max = self.scanner.config.max_span_words.max(1);
        loop {
            let w = &words.list[j];
            if let Some(f) = state.fin {
                if lowercase_ok
                    || upper
                    || w.has(shape::HAS_UPPER)
                    || !is_lowercase_span(text, w, cased)
                {
                    hits.push((j, layer, out + f));
                }
            }
            upper |= w.has(shape::HAS_UPPER);
            cased |= w.has(shape::CASED);
            j += 1;
            if !(state.more && j < words.len() && j - i < max && words.list[j].join_prev()) {
                return;
            }
            let Some(next) = self.step(layer, state.addr, words.fold(text, j)) else {
                return;
            };
            out += next.delta;
            state = next;
        }
    }

    /// One word's step through layer `layer`'s key FST from the node at
    /// `from` (the root for a span's first word; else a space is fed
    /// first). Word steps repeat (running text reuses its words), so they
    /// are cached by (layer, node, word): a cached step costs one hash
    /// lookup instead of a node decoding per byte. The word is packed into
    /// the key ([`pack`]), so the lookup compares integers, with no
    /// `memcmp` and no pointer to the word to follow.
    fn step(&mut self, layer: usize, from: usize, fold: &str) -> Option<Step> {
        if fold.is_empty() {
            return None;
        }
        let Some(word) = pack(fold.as_bytes()) else {
            return self.long_step(layer, from, fold);
        };
        let key = StepKey {
            from,
            word,
            len: fold.len() as u32,
            layer: layer as u32,
        };
        if let Some(step) = self.steps.get(&key) {
            return *step;
        }
        let step = self.step_uncached(layer, from, fold);
        if self.steps.len() >= CACHE_MAX * 4 {
            self.steps.clear();
        }
        self.steps.insert(key, step);
        step
    }

    /// [`Self::step`] for a word too long to pack.
    fn long_step(&mut self, layer: usize, from: usize, fold: &str) -> Option<Step> {
        let key = (layer, from, fx_hash(fold.as_bytes()));
        if let Some((f, step)) = self.long_steps.get(&key) {
            if **f == *fold {
                return *step;
            }
        }
        let step = self.step_uncached(layer, from, fold);
        if self.long_steps.len() >= CACHE_MAX {
            self.long_steps.clear();
        }
        self.long_steps.insert(key, (fold.into(), step));
        step
    }

    fn step_uncached(&self, layer: usize, from: usize, fold: &str) -> Option<Step> {
        let fst = self.scanner.resolver.layers()[layer].keys().as_fst();
        let mut node = fst.node(from);
        let first = from == self.roots[layer];
        let mut delta = Output::zero();
        for &b in (!first).then_some(&b' ').into_iter().chain(fold.as_bytes()) {
            let t = node.transition(node.find_input(b)?);
            delta = delta.cat(t.out);
            node = fst.node(t.addr);
        }
        Some(Step {
            addr: node.addr(),
            delta: delta.value(),
            fin: node.is_final().then(|| node.final_output().value()),
            more: node.find_input(b' ').is_some(),
        })
    }

    /// The longest acceptable dictionary match starting at word `i`.
    fn longest_at(&mut self, text: &str, words: &Words, i: usize) -> Option<Draft> {
        let mut hits = std::mem::take(&mut self.hits);
        hits.clear();
        for layer in 0..self.scanner.resolver.layers().len() {
            self.walk(layer, text, words, i, &mut hits);
        }
        let draft = if hits.is_empty() {
            None
        } else {
            self.best_hit(text, words, i, &mut hits)
        };
        self.hits = hits;
        draft
    }

    /// The longest of the keys found from word `i` that passes the guards.
    fn best_hit(
        &mut self,
        text: &str,
        words: &Words,
        i: usize,
        hits: &mut [(usize, usize, u64)],
    ) -> Option<Draft> {
        hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let config = &self.scanner.config;
        let mut k = 0;
        while k < hits.len() {
            let j = hits[k].0;
            let group_end = hits[k..]
                .iter()
                .position(|h| h.0 != j)
                .map_or(hits.len(), |p| k + p);
            let group = &hits[k..group_end];
            k = group_end;
            let first = words.list[i];
            if i == j && !first.all_upper() && self.stopwords.contains_key(words.fold(text, i)) {
                continue;
            }
            let strict = words.list[i..=j].iter().any(|w| w.has(shape::STRICT));
            let last = words.list[j];
            let mut end = last.end();
            if let Some(stem) = strip_possessive(&text[last.start()..last.end()]) {
                if self.folder.fold(self.normalizer(), stem) == words.fold(text, j) {
                    end = last.start() + stem.len();
                }
            }
            let surface = &text[first.start()..end];
            if strict
                && surface.chars().filter(|c| c.is_alphanumeric()).count() < config.min_han_chars
            {
                continue;
            }
            let cands = self.span_candidates(surface, strict, group);
            if cands.is_empty() {
                continue;
            }
            let ambiguous = self.is_ambiguous(&cands);
            return Some(Draft {
                w0: i,
                name_w0: i,
                w1: j,
                end,
                cands,
                ambiguous,
            });
        }
        None
    }

    /// The aliases stored under an FST value with an exact (or reading)
    /// key.
    fn exact_aliases(&mut self, layer: usize, value: u64) -> Arc<Vec<u32>> {
        if let Some(v) = self.exact.get(&(layer, value)) {
            return v.clone();
        }
        let dict = &self.scanner.resolver.layers()[layer];
        let v: Vec<u32> = dict
            .postings(value)
            .take(MAX_POSTINGS)
            .filter(|p| p.kinds.contains(KeyKind::Exact) || p.kinds.contains(KeyKind::Reading))
            .map(|p| p.alias)
            .collect();
        let v = Arc::new(v);
        bounded_insert(&mut self.exact, (layer, value), v.clone());
        v
    }

    /// The ranked candidates of a span whose folded words form exact keys
    /// (`hits`: layer, FST value), after the surface guards. Cached by
    /// surface.
    fn span_candidates(
        &mut self,
        surface: &str,
        strict: bool,
        hits: &[(usize, usize, u64)],
    ) -> Arc<Vec<Cand>> {
        if let Some(c) = self.spans.get(surface) {
            return c.clone();
        }
        let config = &self.scanner.config;
        let normalizer = self.normalizer();
        let span_key = surface_key(surface);
        let span_lower = span_key.to_lowercase();
        let span_acronym = is_acronym(&span_key);
        let span_cased = has_cased(&span_key);
        let span_upper = has_upper(&span_key);
        let span_shape = case_shape(&span_key);
        let span_script = script_of(&span_key);
        let single = !span_key.contains(' ');
        let span_letters = span_key.chars().filter(|c| c.is_alphabetic()).count();
        let demonym = single && config.demonyms.contains(span_lower.as_str());
        // Per entity: (tier, alias index, layer).
        let mut best: Vec<((usize, u32), u8, u32)> = Vec::new();
        let mut seen_ids: Vec<(String, usize)> = Vec::new();
        for &(_, layer, value) in hits {
            let aliases = self.exact_aliases(layer, value);
            let dict = &self.scanner.resolver.layers()[layer];
            for &a in aliases.iter() {
                let Ok(alias) = dict.alias(a) else { continue };
                let alias_key = surface_key(alias.name);
                let tier = if alias_key == span_key {
                    0u8
                } else if alias_key.to_lowercase() == span_lower {
                    1
                } else {
                    2
                };
                if strict && tier != 0 {
                    continue;
                }
                let other_script = script_of(&alias_key) != span_script;
                // One word matching an alias in another script, or spelled
                // otherwise, is mostly a common word of another language
                // ("Low" ~ Shan လၢဝ်း, "Sec" ~ Vietnamese Séc).
                if single && (other_script || (tier == 2 && span_letters < 6)) {
                    continue;
                }
                // A demonym is a mention only through an alias meant in
                // English or in no particular language ("russian"), not
                // through a foreign word that happens to be spelled like it
                // (Swahili "Israeli").
                if demonym && !alias.lang.is_none_or(|l| l == "en" || l.starts_with("en-")) {
                    continue;
                }
                if config.acronyms_need_capitals && is_acronym(&alias_key) && !span_acronym {
                    continue;
                }
                if span_cased
                    && !span_upper
                    && (!config.allow_lowercase_spans || has_upper(&alias_key))
                {
                    continue;
                }
                if alias_key.chars().filter(|c| c.is_alphabetic()).count()
                    <= config.exact_case_max_chars
                    && case_shape(&alias_key) != span_shape
                {
                    continue;
                }
                let key = (layer, alias.entity);
                match best.iter_mut().find(|b| b.0 == key) {
                    Some(b) if b.1 > tier => {
                        b.1 = tier;
                        b.2 = a;
                    }
                    Some(_) => {}
                    None => {
                        let Ok(entity) = dict.entity(alias.entity) else {
                            continue;
                        };
                        if config
                            .kinds
                            .as_ref()
                            .is_some_and(|k| !k.contains(&entity.kind))
                        {
                            continue;
                        }
                        // A higher layer's entity with the same id wins.
                        if seen_ids
                            .iter()
                            .any(|(id, l)| id == entity.id && *l != layer)
                        {
                            continue;
                        }
                        seen_ids.push((entity.id.to_string(), layer));
                        best.push((key, tier, a));
                    }
                }
            }
        }
        let span_norm = normalizer.normalize(surface);
        let name_tokens = span_norm
            .tokens()
            .iter()
            .filter(|t| t.role == crate::TokenRole::Name)
            .count();
        let mut cands = Vec::with_capacity(best.len());
        for ((layer, entity_index), tier, a) in best {
            let dict = &self.scanner.resolver.layers()[layer];
            let (Ok(alias), Ok(entity)) = (dict.alias(a), dict.entity(entity_index)) else {
                continue;
            };
            let alias_norm = normalizer.normalize(alias.name);
            let (mut detail, si) = best_detail(&span_norm, &alias_norm);
            let mut factor = 1.0;
            let other_script = script_of(&surface_key(alias.name)) != span_script;
            if other_script {
                factor *= 0.85;
                detail
                    .adjustments
                    .push("surface: other script x0.85".into());
            }
            match tier {
                0 => {}
                1 => {
                    factor *= 0.9;
                    detail.adjustments.push("surface: case differs x0.9".into());
                }
                _ if other_script => {}
                _ => {
                    factor *= 0.94;
                    detail
                        .adjustments
                        .push("surface: spelling differs x0.94".into());
                }
            }
            let score = round4(detail.score * factor);
            if score < config.min_score {
                continue;
            }
            let canonical = normalizer.normalize(entity.name).text() == span_norm.text();
            let data = CandData {
                key: (layer, entity_index),
                id: entity.id.to_string(),
                name: entity.name.to_string(),
                kind: entity.kind,
                gender: entity.gender,
                alias: alias.name.to_string(),
                alias_lang: alias.lang.map(str::to_string),
                alias_rule: alias.rule.map(str::to_string),
                alias_normalized: alias_norm.text(),
                query: crate::normalize::join_tokens(&span_norm.spellings[si]),
                found_by: vec![if alias.rule.is_some() {
                    KeyKind::Reading.name().to_string()
                } else {
                    KeyKind::Exact.name().to_string()
                }],
                detail,
                canonical,
                name_tokens,
                explanation: OnceLock::new(),
            };
            cands.push(Cand {
                data: Arc::new(data),
                score,
                notes: Vec::new(),
            });
        }
        sort_cands(&mut cands);
        let cands = Arc::new(cands);
        bounded_insert(&mut self.spans, surface.into(), cands.clone());
        cands
    }

    /// The normalized text of a span and the titles it lost.
    fn norm_info(&mut self, span: &str) -> Arc<NormInfo> {
        if let Some(n) = self.norms.get(span) {
            return n.clone();
        }
        let n = self.normalizer().normalize(span);
        let info = Arc::new(NormInfo {
            text: n.text(),
            title_words: n
                .titles
                .iter()
                .map(|t| t.text.split([' ', '-']).filter(|w| !w.is_empty()).count())
                .sum(),
            gender: n.gender,
        });
        bounded_insert(&mut self.norms, span.into(), info.clone());
        info
    }

    /// The titles (and a demonym before them) right before the name that
    /// starts at word `name_w0` and ends at byte `end`: the first word of
    /// the title chain and the gender the titles imply. `floor` is the
    /// first word not inside an earlier mention.
    fn titles_before(
        &mut self,
        text: &str,
        words: &Words,
        name_w0: usize,
        end: usize,
        floor: usize,
    ) -> Option<(usize, Option<Gender>)> {
        let name = self.norm_info(&text[words.list[name_w0].start()..end]);
        let mut best: Option<(usize, Option<Gender>)> = None;
        let mut k = name_w0;
        while k > floor && name_w0 - k < MAX_TITLE_WORDS {
            if !words.list[k].title_gap() {
                break;
            }
            k -= 1;
            if words.list[k].has(shape::STRICT) {
                break;
            }
            let n = self.norm_info(&text[words.list[k].start()..end]);
            if n.text == name.text && n.title_words == name_w0 - k {
                best = Some((k, n.gender));
            }
        }
        let (t0, gender) = best?;
        // A demonym or country adjective before the titles: "Chinese
        // Foreign Minister", "South Korean President".
        let demonyms = &self.scanner.config.demonyms;
        let mut start = t0;
        for n in [2usize, 1] {
            if t0 < floor + n {
                continue;
            }
            let q0 = t0 - n;
            let ok = (q0..t0).all(|q| words.list[q].capitalized())
                && (q0 + 1..=t0).all(|q| words.list[q].join_prev() && words.list[q].title_gap());
            if !ok {
                continue;
            }
            let phrase: Vec<&str> = (q0..t0).map(|q| words.fold(text, q)).collect();
            if demonyms.contains(&phrase.join(" ")) {
                start = q0;
                break;
            }
        }
        Some((start, gender))
    }

    /// Takes the titles before a person mention into it; keeps only the
    /// person candidates and applies the titles' gender.
    fn absorb_into(&mut self, text: &str, words: &Words, d: &mut Draft, floor: usize) {
        let Some((t0, gender)) = self.titles_before(text, words, d.name_w0, d.end, floor) else {
            return;
        };
        d.w0 = t0;
        let cands = Arc::make_mut(&mut d.cands);
        cands.retain(|c| c.data.kind == EntityKind::Person);
        let config = ScoreConfig::default();
        for c in cands.iter_mut() {
            if let (Some(q), Some(e)) = (gender, c.data.gender) {
                if q != e {
                    c.score = round4(c.score * config.gender_mismatch);
                    c.notes
                        .push(format!("gender-mismatch x{}", config.gender_mismatch));
                }
            }
        }
        sort_cands(cands);
        d.ambiguous = self.is_ambiguous(&d.cands);
    }

    /// Whether a word is a title ("President", "Minister").
    fn is_title(&mut self, word: &str) -> bool {
        if let Some(&t) = self.titles.get(word) {
            return t;
        }
        let n = self.normalizer().normalize(&format!("{word} Aaa Bbb"));
        let t = !n.titles.is_empty();
        bounded_insert(&mut self.titles, word.into(), t);
        t
    }

    /// The entities (layer, index) with an alias that has the name token
    /// `fold`, and whether one of those aliases ends with it and is written
    /// in `script` (the token is a family name there: "Kallas" in "Kaja
    /// Kallas", not in "Кая Каллас" nor "Siim Kallas Foundation").
    fn token_entities(&mut self, fold: &str, script: Option<crate::Script>) -> TokenHits {
        if let Some(v) = self.tokens.get(fold) {
            if let Some((_, hits)) = v.iter().find(|(s, _)| *s == script) {
                return hits.clone();
            }
        }
        let mut v: Vec<TokenHit> = Vec::new();
        let suffix = format!(" {fold}");
        for (layer, dict) in self.scanner.resolver.layers().iter().enumerate() {
            for p in dict.lookup(fold).take(MAX_POSTINGS) {
                if !(p.kinds.contains(KeyKind::Token) || p.kinds.contains(KeyKind::Exact)) {
                    continue;
                }
                let Ok(alias) = dict.alias(p.alias) else {
                    continue;
                };
                // (Not "Wang Yi (pastor)": a qualifier is no family name.)
                // The normalized text is not stored: normalize only when
                // the cheap tests pass and the entity has no such hit yet.
                let key = (layer, alias.entity);
                let known = v.last().is_some_and(|h| h.key == key && h.surname);
                let surname = !known
                    && !alias.name.contains('(')
                    && script_of(alias.name) == script
                    && dict
                        .normalizer()
                        .normalize(alias.name)
                        .text()
                        .ends_with(&suffix);
                v.push(TokenHit { key, surname });
            }
        }
        v.sort_unstable_by(|a, b| a.key.cmp(&b.key).then(b.surname.cmp(&a.surname)));
        v.dedup_by_key(|h| h.key);
        let v = Arc::new(v);
        if self.tokens.len() >= CACHE_MAX {
            self.tokens.clear();
        }
        self.tokens
            .entry(fold.into())
            .or_default()
            .push((script, v.clone()));
        v
    }

    fn is_person(&mut self, layer: usize, entity: u32) -> bool {
        if let Some(&p) = self.person.get(&(layer, entity)) {
            return p;
        }
        let p = self.scanner.resolver.layers()[layer]
            .entity(entity)
            .is_ok_and(|e| e.kind == EntityKind::Person);
        bounded_insert(&mut self.person, (layer, entity), p);
        p
    }

    /// A capitalized word `w` that may be a partial person name, with its
    /// titles, as far as its window can tell (offsets in the window).
    fn partial_at(
        &mut self,
        text: &str,
        words: &Words,
        w: usize,
        covered: &[bool],
    ) -> Option<Partial> {
        let config = &self.scanner.config;
        let word = words.list[w];
        if !word.capitalized()
            || word.has(shape::STRICT)
            || config
                .kinds
                .as_ref()
                .is_some_and(|k| !k.contains(&EntityKind::Person))
        {
            return None;
        }
        let fold = words.fold(text, w);
        if fold.len() < 2
            || fold.contains(' ')
            || self.stopwords.contains_key(fold)
            || config.demonyms.contains(fold)
        {
            return None;
        }
        // Cheap test first: is the word a name token of anything?
        let ents = self.token_entities(fold, script_of(fold_surface(text, &word)));
        if ents.is_empty() {
            return None;
        }
        let surface = &text[word.start()..word.end()];
        if self.is_title(surface) {
            return None;
        }
        let mut end = word.end();
        if let Some(stem) = strip_possessive(surface) {
            if self.folder.fold(self.normalizer(), stem) == fold {
                end = word.start() + stem.len();
            }
        }
        // Titles before it.
        let floor = (0..w).rev().find(|&k| covered[k]).map_or(0, |k| k + 1);
        let titled = if config.absorb_titles {
            self.titles_before(text, words, w, end, floor)
        } else {
            None
        };
        let (w0, gender) = titled.unwrap_or((w, None));
        // Not part of a longer capitalized name the dictionary does not
        // know ("Central Park", "Vuong Dinh Hue").
        // A word capitalized only because it starts the sentence ("Then
        // Kallas said") is no part of the name, unless it is a name part
        // itself ("Central Park").
        let cap_neighbour = |k: usize| !covered[k] && words.list[k].capitalized();
        if w0 > 0 && words.list[w0].join_prev() && cap_neighbour(w0 - 1) {
            let left = &words.list[w0 - 1];
            if !left.sentence_start() {
                return None;
            }
            let script = script_of(fold_surface(text, left));
            if !self
                .token_entities(words.fold(text, w0 - 1), script)
                .is_empty()
            {
                return None;
            }
        }
        if w + 1 < words.len() && words.list[w + 1].join_prev() && cap_neighbour(w + 1) {
            return None;
        }
        Some(Partial {
            start: words.list[w0].start(),
            name_start: word.start(),
            end,
            gender,
            titled: titled.is_some(),
            sentence_start: words.list[w0].sentence_start(),
            short: fold.chars().count() < 3,
            ents,
        })
    }

    /// A partial name linked to the anchors it may stand for, or (with a
    /// title, or mid-sentence) an ambiguous mention with the resolver's
    /// candidates.
    fn link(&mut self, text: &str, base: usize, p: &Partial, anchors: &[Anchor]) -> Option<Found> {
        let config = &self.scanner.config;
        let surface = &text[p.start - base..p.end - base];
        let linked: Vec<&Anchor> = anchors
            .iter()
            .filter(|a| p.ents.iter().any(|h| h.key == a.data.key))
            .collect();
        if !linked.is_empty() {
            let name = &text[p.name_start - base..p.end - base];
            let mut cands: Vec<Cand> = linked
                .into_iter()
                .filter_map(|a| self.coreference_cand(surface, name, p.gender, a))
                .collect();
            if cands.is_empty() {
                return None;
            }
            sort_cands(&mut cands);
            let ambiguous = self.is_ambiguous(&cands);
            return Some(Found {
                start: p.start,
                name_start: p.name_start,
                end: p.end,
                cands: Arc::new(cands),
                ambiguous,
            });
        }
        if !config.unanchored_surnames || p.short || (!p.titled && p.sentence_start) {
            return None;
        }
        let surnames: Vec<(usize, u32)> = p
            .ents
            .iter()
            .filter(|h| h.surname && self.is_person(h.key.0, h.key.1))
            .map(|h| h.key)
            .collect();
        if surnames.is_empty() {
            return None;
        }
        let cands = match self.unanchored.get(surface) {
            Some(c) => c.clone(),
            None => {
                let c = Arc::new(self.resolve_partial(surface, &surnames));
                bounded_insert(&mut self.unanchored, surface.into(), c.clone());
                c
            }
        };
        if cands.is_empty() {
            return None;
        }
        Some(Found {
            start: p.start,
            name_start: p.name_start,
            end: p.end,
            cands,
            ambiguous: true,
        })
    }

    /// The candidate a partial name (`surface`, with its titles; `name`,
    /// without) gets from an anchor. Cached by surface and anchor.
    fn coreference_cand(
        &mut self,
        surface: &str,
        name: &str,
        gender: Option<Gender>,
        a: &Anchor,
    ) -> Option<Cand> {
        if let Some(v) = self.corefs.get(surface) {
            if let Some((_, c)) = v.iter().find(|(start, _)| *start == a.start) {
                return c.clone();
            }
        }
        let config = &self.scanner.config;
        let score_config = ScoreConfig::default();
        let normalizer = self.normalizer();
        let query = normalizer.normalize(name);
        let alias_norm = normalizer.normalize(&a.data.alias);
        let (mut detail, _) = best_detail(&query, &alias_norm);
        let mut score = a.score * config.coreference_factor;
        detail.adjustments.push(format!(
            "coreference with {:?} at {}..{} x{}",
            a.text, a.start, a.end, config.coreference_factor
        ));
        if let (Some(q), Some(e)) = (gender, a.data.gender) {
            if q != e {
                score *= score_config.gender_mismatch;
                detail
                    .adjustments
                    .push(format!("gender-mismatch x{}", score_config.gender_mismatch));
            }
        }
        let score = round4(score);
        detail.score = score;
        let cand = (score >= config.min_score).then(|| Cand {
            data: Arc::new(CandData {
                key: a.data.key,
                id: a.data.id.clone(),
                name: a.data.name.clone(),
                kind: a.data.kind,
                gender: a.data.gender,
                alias: a.data.alias.clone(),
                alias_lang: a.data.alias_lang.clone(),
                alias_rule: a.data.alias_rule.clone(),
                alias_normalized: a.data.alias_normalized.clone(),
                query: query.text(),
                found_by: vec![KeyKind::Token.name().to_string(), "coreference".into()],
                detail,
                canonical: false,
                name_tokens: 1,
                explanation: OnceLock::new(),
            }),
            score,
            notes: Vec::new(),
        });
        if self.corefs.len() >= CACHE_MAX {
            self.corefs.clear();
        }
        self.corefs
            .entry(surface.into())
            .or_default()
            .push((a.start, cand.clone()));
        cand
    }

    /// The resolver's person candidates for a surname with no anchor:
    /// those with an alias that ends with it in the text's script (a family
    /// name, not a given name: "Mr. Johnson", not "James"), `surnames`.
    fn resolve_partial(&self, query: &str, surnames: &[(usize, u32)]) -> Vec<Cand> {
        let config = &self.scanner.config;
        let r = self.scanner.resolver.resolve(query);
        let mut cands = Vec::new();
        for m in r.matches {
            if m.kind != EntityKind::Person
                || m.score < config.min_score
                || !self
                    .scanner
                    .resolver
                    .layers()
                    .iter()
                    .enumerate()
                    .any(|(l, d)| {
                        d.entity_by_id(&m.id)
                            .is_some_and(|e| surnames.contains(&(l, e.index)))
                    })
            {
                continue;
            }
            let mut detail = m.explanation.detail;
            detail
                .adjustments
                .push("partial name with no full name in the document".into());
            let data = CandData {
                key: (usize::MAX, 0),
                id: m.id,
                name: m.name,
                kind: m.kind,
                gender: None,
                alias: m.explanation.alias,
                alias_lang: m.explanation.alias_lang,
                alias_rule: m.explanation.alias_rule,
                alias_normalized: m.explanation.alias_normalized,
                query: m.explanation.query,
                found_by: m.explanation.found_by,
                detail,
                canonical: false,
                name_tokens: 1,
                explanation: OnceLock::new(),
            };
            cands.push(Cand {
                data: Arc::new(data),
                score: m.score,
                notes: Vec::new(),
            });
        }
        cands
    }
}

/// The text of a word.
fn fold_surface<'t>(text: &'t str, word: &super::words::Word) -> &'t str {
    &text[word.start()..word.end()]
}

fn round4(x: f32) -> f32 {
    (x * 10_000.0).round() / 10_000.0
}

/// The best token alignment of a span against an alias over both names'
/// spellings, and the index of the span spelling that gave it.
fn best_detail(span: &NormalizedName, alias: &NormalizedName) -> (ScoreDetail, usize) {
    let eq = crate::knowledge::equivalence();
    let config = ScoreConfig::default();
    let mut best: Option<(ScoreDetail, usize)> = None;
    for a in &alias.spellings {
        let alias_tokens: Vec<AliasToken> = a
            .iter()
            .map(|t: &Token| AliasToken {
                text: &t.text,
                role: t.role,
                script: t.script,
            })
            .collect();
        for (si, s) in span.spellings.iter().enumerate() {
            let d = score::score_tokens(s, &alias_tokens, &DefaultWeights, eq, &config);
            if best.as_ref().is_none_or(|(b, _)| d.score > b.score) {
                best = Some((d, si));
            }
        }
    }
    best.unwrap_or_else(|| {
        (
            ScoreDetail {
                score: 0.0,
                token_score: 0.0,
                alignment: Vec::new(),
                whole_name_rule: None,
                adjustments: Vec::new(),
            },
            0,
        )
    })
}
