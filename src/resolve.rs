//! The resolver: a name in, ranked entities out.
//!
//! For a query, [`Resolver::resolve`]:
//! 1. normalizes it and computes its keys;
//! 2. gathers candidate aliases from every key (exact, sorted, joined,
//!    skeleton, initials), from each name token (so a bare surname finds
//!    every entity carrying it), and — when no strong candidate was found —
//!    from a Levenshtein automaton run over the key FST, for the whole name
//!    and for each token, with transpositions counted as one edit;
//! 3. scores every candidate alias against the query (see [`crate::score`]),
//!    keeps each entity's best alias, and ranks;
//! 4. returns the entities above the threshold, flagging the result
//!    ambiguous when the best two are within a small margin — it never
//!    silently picks one.
//!
//! Work per query is bounded by [`ResolverConfig`] budgets; a result whose
//! search was cut short says so in [`Resolution::budget_exhausted`].

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use fst::{IntoStreamer, Streamer};
use levenshtein_automata::LevenshteinAutomatonBuilder;
use serde::Serialize;

use crate::dict::{Dictionary, EntityKind};
use crate::key::{KeyKind, KeyKinds};
use crate::normalize::{NormalizedName, Normalizer, TokenRole};
use crate::score::{self, AliasToken, ScoreConfig, ScoreDetail, TokenWeights};

/// The default threshold: matches scoring below it are not returned.
/// Chosen on the project's evaluation set (see `EVALUATION.md`).
pub const DEFAULT_THRESHOLD: f32 = 0.72;

/// Resolver configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolverConfig {
    /// Matches scoring below this are not returned. Default
    /// [`DEFAULT_THRESHOLD`].
    pub threshold: f32,
    /// Most matches returned. Default 5.
    pub top_k: usize,
    /// Two entities whose scores differ by less than this are both returned
    /// and the result is flagged ambiguous. Default 0.05.
    pub ambiguity_margin: f32,
    /// Most candidate aliases gathered per query. Default 2,000.
    pub max_candidates: usize,
    /// Most candidate aliases scored per query, those found by the most
    /// lookups first. Default 300.
    pub max_scored: usize,
    /// Most postings read per key. Default 5,000.
    pub max_postings_per_key: usize,
    /// Most FST keys a fuzzy automaton may visit per query. Default 4,000.
    pub max_fuzzy_keys: usize,
    /// Only entities of this kind, if set.
    pub kind: Option<EntityKind>,
    /// Scoring knobs.
    pub score: ScoreConfig,
}

impl Default for ResolverConfig {
    fn default() -> Self {
        ResolverConfig {
            threshold: DEFAULT_THRESHOLD,
            top_k: 5,
            ambiguity_margin: 0.05,
            max_candidates: 2_000,
            max_scored: 300,
            max_postings_per_key: 5_000,
            max_fuzzy_keys: 4_000,
            kind: None,
            score: ScoreConfig {
                known_fuzzy_factor: 0.8,
                ..ScoreConfig::default()
            },
        }
    }
}

/// Why a match was returned: the alias, how it was found, and how it
/// scored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// The alias that matched, as stored.
    pub alias: String,
    /// The alias's language, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alias_lang: Option<String>,
    /// The kinds of key that found the alias (`exact`, `skeleton`, `token`,
    /// `fuzzy:1` …).
    pub found_by: Vec<String>,
    /// The query spelling that scored best (the normalized query).
    pub query: String,
    /// The alias's normalized form.
    pub alias_normalized: String,
    /// Score components: token alignment, whole-name rule, adjustments.
    #[serde(flatten)]
    pub detail: ScoreDetail,
}

/// One entity a query may refer to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Match {
    /// The entity's canonical ID.
    pub id: String,
    /// Its canonical name.
    pub name: String,
    /// What it is.
    pub kind: EntityKind,
    /// Calibrated score in [0, 1].
    pub score: f32,
    /// The alias that matched best.
    pub alias: String,
    /// Whether this match is one of several within the ambiguity margin.
    pub ambiguous: bool,
    /// Why it matched.
    pub explanation: Explanation,
}

/// The answer to one query.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Resolution {
    /// The query as given.
    pub query: String,
    /// Matches above the threshold, best first.
    pub matches: Vec<Match>,
    /// Whether the best matches are within the ambiguity margin of each
    /// other (or the query named only a part shared by several entities).
    pub ambiguous: bool,
    /// Whether a budget cut the candidate search short.
    pub budget_exhausted: bool,
}

impl Resolution {
    /// The best match, if any.
    pub fn best(&self) -> Option<&Match> {
        self.matches.first()
    }
}

/// A score at which a whole-name key match ends the candidate search.
const FULL_MATCH: f32 = 0.97;

/// Merges newly scored matches into `scored`, keeping each entity's best,
/// ordered best first.
fn merge_matches(scored: &mut Vec<Match>, more: Vec<Match>) {
    for m in more {
        match scored.iter_mut().find(|x| x.id == m.id) {
            Some(old) if old.score >= m.score => {}
            Some(old) => *old = m,
            None => scored.push(m),
        }
    }
    scored.sort_by(|a, b| {
        b.score
            .partial_cmp(&a.score)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| a.id.cmp(&b.id))
    });
}

/// One query, prepared once for scoring every candidate.
struct Query<'a> {
    name: &'a NormalizedName,
    /// The query's Han characters, if any.
    han: String,
    weights: IdfWeights<'a>,
    equivalence: CachedEquivalence,
}

/// Name-part equivalence with each token's groups looked up once per
/// query: the same few tokens meet every candidate, and each look-up is an
/// FST walk (9% of resolve time on the evaluation set before caching).
#[derive(Default)]
struct CachedEquivalence {
    groups: std::cell::RefCell<HashMap<String, Vec<u32>>>,
}

impl CachedEquivalence {
    fn with_groups<R>(&self, part: &str, f: impl FnOnce(&[u32]) -> R) -> R {
        if let Some(g) = self.groups.borrow().get(part) {
            return f(g);
        }
        let g = crate::knowledge::name_parts::groups(part);
        let r = f(&g);
        self.groups.borrow_mut().insert(part.to_string(), g);
        r
    }
}

impl score::Equivalence for CachedEquivalence {
    fn equivalent(&self, a: &str, b: &str) -> Option<&'static str> {
        if crate::knowledge::abbreviations::equivalent(a, b) {
            return Some("abbreviation");
        }
        if a.len() < 3 || b.len() < 3 {
            return None;
        }
        let ga = self.with_groups(a, |g| g.to_vec());
        if ga.is_empty() {
            return None;
        }
        self.with_groups(b, |gb| ga.iter().any(|g| gb.binary_search(g).is_ok()))
            .then_some("name-part-group")
    }

    fn known(&self, part: &str) -> bool {
        self.with_groups(part, |g| !g.is_empty())
    }
}

/// Token weights from a dictionary: inverse document frequency.
struct IdfWeights<'a> {
    dict: &'a Dictionary,
    n: f32,
    cache: std::cell::RefCell<HashMap<String, f32>>,
}

impl TokenWeights for IdfWeights<'_> {
    fn weight(&self, text: &str, role: TokenRole) -> f32 {
        if let Some(w) = self.cache.borrow().get(text) {
            return *w * score::role_factor(role);
        }
        let df = self.dict.entity_frequency(text) as f32;
        // Smoothed IDF scaled to about 1.0 for a token carried by one
        // entity in a thousand; generic organisation words are capped low.
        let idf = ((self.n + 1.0) / (df + 1.0)).ln().max(0.0);
        let base = (idf / (1000f32).ln()).clamp(0.35, 1.3);
        let base = if score::is_generic(text) {
            base.min(0.3)
        } else {
            base
        };
        let base = if text.len() <= 2 { base.min(0.7) } else { base };
        self.cache.borrow_mut().insert(text.to_string(), base);
        base * score::role_factor(role)
    }
}

/// Resolves names against one or more dictionaries. `Send + Sync`; share
/// one resolver between threads.
///
/// # Example
/// ```
/// use polyonym::{DictionaryBuilder, Dictionary, EntityKind, EntityRecord, Resolver};
/// let mut b = DictionaryBuilder::new();
/// b.add(EntityRecord::new("Q1", "Kaja Kallas", EntityKind::Person))?;
/// b.add(EntityRecord::new("Q2", "Siim Kallas", EntityKind::Person))?;
/// let resolver = Resolver::new(Dictionary::from_vec(b.finish_to_vec()?)?);
/// let r = resolver.resolve("Ms. Kaja Kallas");
/// assert_eq!(r.best().unwrap().id, "Q1");
/// let r = resolver.resolve("Kallas");
/// assert!(r.ambiguous && r.matches.len() == 2);
/// # Ok::<(), polyonym::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Resolver {
    layers: Vec<Dictionary>,
    normalizer: Normalizer,
    config: ResolverConfig,
}

fn automaton_builder(distance: u8) -> &'static LevenshteinAutomatonBuilder {
    static D1: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    static D2: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    match distance {
        1 => D1.get_or_init(|| LevenshteinAutomatonBuilder::new(1, true)),
        _ => D2.get_or_init(|| LevenshteinAutomatonBuilder::new(2, true)),
    }
}

#[derive(Debug, Default, Clone)]
struct Candidate {
    found_by: KeyKinds,
    fuzzy_edits: Option<u32>,
    /// How many lookups found this alias: candidates found by more of the
    /// query's keys and tokens are scored first when there are too many.
    hits: u32,
}

impl Resolver {
    /// A resolver over one dictionary with the default configuration.
    pub fn new(dictionary: Dictionary) -> Resolver {
        Resolver::with_layers(vec![dictionary], ResolverConfig::default())
    }

    /// A resolver over the embedded default dictionary (see
    /// [`crate::embedded`]): countries, cities, international organisations
    /// and world leaders in many languages. Loading costs a header check.
    ///
    /// # Example
    /// ```
    /// let resolver = polyonym::Resolver::embedded();
    /// let r = resolver.resolve("Vương Nghị");
    /// assert_eq!(r.best().unwrap().name, "Wang Yi");
    /// ```
    pub fn embedded() -> Resolver {
        Resolver::new(crate::embedded::dictionary())
    }

    /// A resolver over your dictionary overlaid on the embedded one: your
    /// entries win when both hold the same ID.
    pub fn embedded_with(overlay: Dictionary) -> Resolver {
        Resolver::with_layers(
            vec![overlay, crate::embedded::dictionary()],
            ResolverConfig::default(),
        )
    }

    /// A resolver over several dictionaries: the first wins when two hold
    /// an entity with the same ID (put your own before the embedded one).
    pub fn with_layers(layers: Vec<Dictionary>, config: ResolverConfig) -> Resolver {
        Resolver {
            layers,
            normalizer: Normalizer::new(),
            config,
        }
    }

    /// This resolver with another configuration.
    pub fn with_config(mut self, config: ResolverConfig) -> Resolver {
        self.config = config;
        self
    }

    /// The configuration.
    pub fn config(&self) -> &ResolverConfig {
        &self.config
    }

    /// The dictionaries, highest priority first.
    pub fn layers(&self) -> &[Dictionary] {
        &self.layers
    }

    /// The normalizer that turns queries (and, in [`crate::scan`], spans of
    /// text) into keys.
    pub fn normalizer(&self) -> &Normalizer {
        &self.normalizer
    }

    /// Resolves one name.
    pub fn resolve(&self, query: &str) -> Resolution {
        let name = self.normalizer.normalize(query);
        let mut matches: Vec<Match> = Vec::new();
        let mut budget_exhausted = false;
        let mut single_token_shared = false;
        for (layer_index, dict) in self.layers.iter().enumerate() {
            let (mut layer_matches, exhausted, shared) = self.resolve_in(dict, &name, query);
            budget_exhausted |= exhausted;
            single_token_shared |= shared;
            if layer_index > 0 {
                layer_matches.retain(|m| !matches.iter().any(|x| x.id == m.id));
            }
            matches.extend(layer_matches);
        }
        matches.sort_by(|a, b| {
            b.score
                .partial_cmp(&a.score)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then_with(|| a.id.cmp(&b.id))
        });
        let mut ambiguous = false;
        if matches.len() >= 2 {
            let top = matches[0].score;
            let close = matches
                .iter()
                .take_while(|m| top - m.score < self.config.ambiguity_margin)
                .count();
            if close >= 2 {
                ambiguous = true;
                for m in matches.iter_mut().take(close) {
                    m.ambiguous = true;
                }
            }
        }
        if single_token_shared && matches.len() >= 2 {
            ambiguous = true;
            for m in &mut matches {
                m.ambiguous = true;
            }
        }
        matches.truncate(self.config.top_k.max(1));
        Resolution {
            query: query.to_string(),
            matches,
            ambiguous,
            budget_exhausted,
        }
    }

    /// Resolves many names, in order.
    pub fn resolve_batch<S: AsRef<str> + Sync>(&self, queries: &[S]) -> Vec<Resolution> {
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            queries
                .par_iter()
                .map(|q| self.resolve(q.as_ref()))
                .collect()
        }
        #[cfg(not(feature = "parallel"))]
        {
            queries.iter().map(|q| self.resolve(q.as_ref())).collect()
        }
    }

    fn add_postings(
        &self,
        dict: &Dictionary,
        key: &str,
        kind: Option<KeyKind>,
        fuzzy: Option<u32>,
        candidates: &mut HashMap<u32, Candidate>,
        exhausted: &mut bool,
    ) {
        let postings = dict.lookup(key);
        self.add_posting_iter(postings, kind, fuzzy, candidates, exhausted);
    }

    fn add_posting_iter(
        &self,
        postings: crate::dict::Postings<'_>,
        kind: Option<KeyKind>,
        fuzzy: Option<u32>,
        candidates: &mut HashMap<u32, Candidate>,
        exhausted: &mut bool,
    ) {
        if postings.remaining() as usize > self.config.max_postings_per_key {
            *exhausted = true;
        }
        for p in postings.take(self.config.max_postings_per_key) {
            if candidates.len() >= self.config.max_candidates && !candidates.contains_key(&p.alias)
            {
                *exhausted = true;
                return;
            }
            let c = candidates.entry(p.alias).or_default();
            c.hits += 1;
            match kind {
                Some(k) => {
                    if p.kinds.contains(k) || k == KeyKind::Token {
                        c.found_by.insert(k);
                    } else if let Some(best) = p.kinds.best() {
                        c.found_by.insert(best);
                    }
                }
                None => c.found_by.0 |= p.kinds.0,
            }
            if let Some(d) = fuzzy {
                c.fuzzy_edits = Some(c.fuzzy_edits.map_or(d, |e| e.min(d)));
            }
        }
    }

    /// Runs a Levenshtein automaton for `text` over the key FST.
    fn fuzzy(
        &self,
        dict: &Dictionary,
        text: &str,
        candidates: &mut HashMap<u32, Candidate>,
        visited: &mut usize,
        exhausted: &mut bool,
    ) {
        let distance = score::allowed_edits(text.chars().count());
        if distance == 0 || *visited >= self.config.max_fuzzy_keys {
            return;
        }
        let dfa = automaton_builder(distance as u8).build_dfa(text);
        let mut stream = dict.keys().search(&dfa).into_stream();
        while let Some((key, value)) = stream.next() {
            *visited += 1;
            if *visited > self.config.max_fuzzy_keys {
                *exhausted = true;
                break;
            }
            let edits = match dfa.eval(key) {
                levenshtein_automata::Distance::Exact(d) => d as u32,
                levenshtein_automata::Distance::AtLeast(d) => d as u32,
            };
            let postings = dict.postings(value);
            self.add_posting_iter(postings, None, Some(edits), candidates, exhausted);
        }
    }

    fn resolve_in(
        &self,
        dict: &Dictionary,
        name: &NormalizedName,
        query: &str,
    ) -> (Vec<Match>, bool, bool) {
        let mut query_han = han_characters(query);
        let mut candidates: HashMap<u32, Candidate> = HashMap::new();
        let mut exhausted = false;
        if name.is_empty() {
            return (Vec::new(), false, false);
        }
        for key in name.keys() {
            if key.kind == KeyKind::Token {
                continue;
            }
            self.add_postings(
                dict,
                &key.text,
                Some(key.kind),
                None,
                &mut candidates,
                &mut exhausted,
            );
        }
        // Each name token alone: partial names ("Kallas") and names with
        // extra or missing parts.
        let mut token_texts: Vec<&str> = Vec::new();
        for spelling in &name.spellings {
            for t in spelling {
                if matches!(t.role, TokenRole::Name)
                    && t.text.len() > 1
                    && !token_texts.contains(&t.text.as_str())
                {
                    token_texts.push(&t.text);
                }
            }
        }
        let query = Query {
            name,
            han: std::mem::take(&mut query_han),
            weights: IdfWeights {
                dict,
                n: dict.entity_count() as f32,
                cache: Default::default(),
            },
            equivalence: CachedEquivalence::default(),
        };
        let mut scored_aliases = std::collections::HashSet::new();
        let mut scored = self.score_candidates(
            dict,
            &query,
            &candidates,
            &mut scored_aliases,
            &mut exhausted,
        );
        // A whole-name key that scores as a full match ends the search:
        // token and name-part look-ups (the costly part for common name
        // parts) can only add weaker candidates. Partial and odd names go
        // on to them.
        // Not for one-part names: "Kallas" must still reach every Kallas.
        let parts = name
            .tokens()
            .iter()
            .filter(|t| t.role == TokenRole::Name)
            .count();
        let full = parts > 1 && scored.first().is_some_and(|m| m.score >= FULL_MATCH);
        if !full {
            // Rarest tokens first; a token carried by more aliases than the
            // per-key budget is skipped when a rarer one was looked up (it
            // is nearly weightless in scoring anyway).
            let mut by_frequency: Vec<(u64, &str)> = token_texts
                .iter()
                .map(|t| (dict.lookup(t).remaining(), *t))
                .collect();
            by_frequency.sort_unstable();
            for (i, (count, t)) in by_frequency.iter().enumerate() {
                if i > 0 && *count as usize > self.config.max_postings_per_key {
                    exhausted = true;
                    continue;
                }
                self.add_postings(
                    dict,
                    t,
                    Some(KeyKind::Token),
                    None,
                    &mut candidates,
                    &mut exhausted,
                );
            }
            // Known equivalents in other scripts and languages.
            for t in &token_texts {
                for group in crate::knowledge::name_parts::groups(t) {
                    let key = crate::knowledge::name_parts::group_key(group);
                    self.add_postings(
                        dict,
                        &key,
                        Some(KeyKind::NamePart),
                        None,
                        &mut candidates,
                        &mut exhausted,
                    );
                }
            }
            let more = self.score_candidates(
                dict,
                &query,
                &candidates,
                &mut scored_aliases,
                &mut exhausted,
            );
            merge_matches(&mut scored, more);
        }
        let strong = scored.first().is_some_and(|m| m.score >= 0.9);
        if !strong {
            // Fuzzy, per token of the primary spelling (a multi-token name
            // with a typo in each token still meets its alias through its
            // tokens; a whole-name automaton would cost far more).
            let mut visited = 0;
            let mut fuzzy_tokens: Vec<&str> = Vec::new();
            for t in name.tokens() {
                if matches!(t.role, TokenRole::Name) && !fuzzy_tokens.contains(&t.text.as_str()) {
                    fuzzy_tokens.push(&t.text);
                }
            }
            for t in fuzzy_tokens {
                self.fuzzy(dict, t, &mut candidates, &mut visited, &mut exhausted);
            }
            let more = self.score_candidates(
                dict,
                &query,
                &candidates,
                &mut scored_aliases,
                &mut exhausted,
            );
            merge_matches(&mut scored, more);
        }
        // A query of one name part shared by several entities is ambiguous
        // whatever the scores say.
        let name_tokens = name
            .tokens()
            .iter()
            .filter(|t| t.role == TokenRole::Name)
            .count();
        let shared = name_tokens == 1
            && scored
                .iter()
                .filter(|m| m.score >= self.config.threshold)
                .count()
                >= 2;
        scored.retain(|m| m.score >= self.config.threshold);
        (scored, exhausted, shared)
    }

    fn score_candidates(
        &self,
        dict: &Dictionary,
        query: &Query<'_>,
        candidates: &HashMap<u32, Candidate>,
        already: &mut std::collections::HashSet<u32>,
        exhausted: &mut bool,
    ) -> Vec<Match> {
        let (name, query_han, weights) = (query.name, query.han.as_str(), &query.weights);
        let mut best: HashMap<u32, Match> = HashMap::new();
        let eq = &query.equivalence;
        let query_spellings = with_legal_forms(&name.spellings);
        let mut ordered: Vec<(&u32, &Candidate)> = candidates
            .iter()
            .filter(|(a, _)| !already.contains(*a))
            .collect();
        // Most lookups first, then stronger key kinds, then alias order.
        ordered.sort_unstable_by(|(a, x), (b, y)| {
            y.hits
                .cmp(&x.hits)
                .then_with(|| {
                    x.found_by
                        .0
                        .trailing_zeros()
                        .cmp(&y.found_by.0.trailing_zeros())
                })
                .then_with(|| a.cmp(b))
        });
        let budget = self.config.max_scored.saturating_sub(already.len());
        if ordered.len() > budget {
            *exhausted = true;
            ordered.truncate(budget);
        }
        already.extend(ordered.iter().map(|(a, _)| **a));
        for (&alias_index, candidate) in ordered {
            let Ok(alias) = dict.alias(alias_index) else {
                continue;
            };
            let Ok(entity) = dict.entity(alias.entity) else {
                continue;
            };
            if self.config.kind.is_some_and(|k| k != entity.kind) {
                continue;
            }
            // The alias is normalized again from its original text to get
            // all its spellings; a Han-script alias is compared in its
            // customary grouping only (li keqiang, not li ke qiang), so
            // that a missing syllable is not taken for a missing middle name.
            let mut alias_norm = self.normalizer.normalize(alias.name);
            alias_norm.spellings = with_legal_forms(&alias_norm.spellings);
            let alias_spellings: &[Vec<crate::normalize::Token>] =
                if alias_norm.scripts.contains(&crate::normalize::Script::Han)
                    && alias_norm.spellings.len() > 1
                {
                    &alias_norm.spellings[alias_norm.spellings.len() - 1..]
                } else {
                    &alias_norm.spellings
                };
            let mut best_detail: Option<(ScoreDetail, usize)> = None;
            for alias_spelling in alias_spellings {
                let alias_tokens: Vec<AliasToken> = alias_spelling
                    .iter()
                    .map(|t| AliasToken {
                        text: &t.text,
                        role: t.role,
                    })
                    .collect();
                for (si, spelling) in query_spellings.iter().enumerate() {
                    let d = score::score_tokens(
                        spelling,
                        &alias_tokens,
                        weights,
                        eq,
                        &self.config.score,
                    );
                    if best_detail.as_ref().is_none_or(|(b, _)| d.score > b.score) {
                        best_detail = Some((d, si));
                    }
                }
            }
            let Some((mut detail, si)) = best_detail else {
                continue;
            };
            score::apply_gender(&mut detail, name.gender, entity.gender, &self.config.score);
            // Han names that read alike but are written differently (王怡,
            // 王毅: both wang yi) are told apart by their characters.
            if !query_han.is_empty() {
                let alias_han = han_characters(alias.name);
                let factor = if alias_han.is_empty() {
                    (HAN_BY_READING, "han-by-reading")
                } else if alias_han != query_han {
                    (HAN_CHARACTERS_DIFFER, "han-characters-differ")
                } else {
                    (1.0, "")
                };
                if factor.0 < 1.0 {
                    detail.score *= factor.0;
                    detail
                        .adjustments
                        .push(format!("{} x{}", factor.1, factor.0));
                }
            }
            if !name.titles.is_empty() && entity.kind != EntityKind::Person {
                detail.score *= self.config.score.kind_mismatch;
                detail.adjustments.push(format!(
                    "kind-mismatch x{}",
                    self.config.score.kind_mismatch
                ));
            }
            let mut found_by: Vec<String> = candidate
                .found_by
                .iter()
                .map(|k| k.name().to_string())
                .collect();
            if let Some(e) = candidate.fuzzy_edits {
                found_by.push(format!("fuzzy:{e}"));
            }
            let m = Match {
                id: entity.id.to_string(),
                name: entity.name.to_string(),
                kind: entity.kind,
                score: (detail.score * 10_000.0).round() / 10_000.0,
                alias: alias.name.to_string(),
                ambiguous: false,
                explanation: Explanation {
                    alias: alias.name.to_string(),
                    alias_lang: alias.lang.map(str::to_string),
                    found_by,
                    query: crate::normalize::join_tokens(&name.spellings[si]),
                    alias_normalized: alias.normalized.to_string(),
                    detail,
                },
            };
            match best.get(&alias.entity) {
                Some(old) if old.score >= m.score => {}
                _ => {
                    best.insert(alias.entity, m);
                }
            }
        }
        let mut out: Vec<Match> = best.into_values().collect();
        out.sort_by(|a, b| {
            b.score
                .partial_cmp(&a.score)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then_with(|| a.id.cmp(&b.id))
        });
        out
    }
}

/// The result of [`compare`]: a score, the default threshold's verdict, and
/// the explanation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// First name.
    pub a: String,
    /// Second name.
    pub b: String,
    /// Score in [0, 1].
    pub score: f32,
    /// Whether the score passes the default threshold.
    #[serde(rename = "match")]
    pub is_match: bool,
    /// Why.
    pub explanation: ScoreDetail,
}

/// Scores two names against each other without a dictionary (screening
/// one record against another), with the same rules and explanation as
/// [`Resolver::resolve`]. Token weights come from
/// [`DefaultWeights`](crate::score::DefaultWeights).
///
/// # Example
/// ```
/// let c = polyonym::compare("Olaf Scholze", "Olaf Scholz");
/// assert!(c.is_match);
/// let c = polyonym::compare("Siim Kallas", "Kaja Kallas");
/// assert!(!c.is_match);
/// ```
pub fn compare(a: &str, b: &str) -> Comparison {
    compare_kind(a, b, None)
}

/// [`compare`] for two names known to be of one kind. A word that the
/// first name has and the second lacks costs more for organisations and
/// other non-person names (0.6 of its weight, against 0.5 for people):
/// people's names often carry extra middle names and patronymics,
/// organisations' names rarely carry extra words. On name_bench this is
/// neutral (F1 0.860 with kinds, 0.862 without; see `EVALUATION.md`).
///
/// # Example
/// ```
/// use polyonym::{compare_kind, EntityKind};
/// let person = compare_kind("Vladimir Vladimirovich Putin", "Vladimir Putin", Some(EntityKind::Person));
/// assert!(person.is_match);
/// let org = compare_kind("Siemens Aktiengesellschaft", "Siemens AG", Some(EntityKind::Org));
/// assert!(org.is_match);
/// ```
pub fn compare_kind(a: &str, b: &str, kind: Option<EntityKind>) -> Comparison {
    let config = score_config_for(kind);
    compare_with(&Normalizer::new(), &config, DEFAULT_THRESHOLD, a, b)
}

/// The scoring configuration for names of a kind (see [`compare_kind`]).
pub fn score_config_for(kind: Option<EntityKind>) -> ScoreConfig {
    match kind {
        Some(EntityKind::Org) | Some(EntityKind::Other) => ScoreConfig {
            extra_weight: 0.6,
            ..ScoreConfig::default()
        },
        _ => ScoreConfig::default(),
    }
}

/// [`compare`] with an explicit normalizer, scoring configuration and
/// threshold.
pub fn compare_with(
    normalizer: &Normalizer,
    config: &ScoreConfig,
    threshold: f32,
    a: &str,
    b: &str,
) -> Comparison {
    let mut na = normalizer.normalize(a);
    let mut nb = normalizer.normalize(b);
    na.spellings = with_legal_forms(&na.spellings);
    nb.spellings = with_legal_forms(&nb.spellings);
    let eq = crate::knowledge::equivalence();
    let mut best: Option<ScoreDetail> = None;
    for sa in &na.spellings {
        for sb in &nb.spellings {
            let alias: Vec<AliasToken> = sb
                .iter()
                .map(|t| AliasToken {
                    text: &t.text,
                    role: t.role,
                })
                .collect();
            let d = score::score_tokens(sa, &alias, &score::DefaultWeights, eq, config);
            if best.as_ref().is_none_or(|b| d.score > b.score) {
                best = Some(d);
            }
        }
    }
    let mut detail = best.unwrap_or(ScoreDetail {
        score: 0.0,
        token_score: 0.0,
        alignment: Vec::new(),
        whole_name_rule: None,
        adjustments: Vec::new(),
    });
    score::apply_gender(&mut detail, na.gender, nb.gender, config);
    let score = (detail.score * 10_000.0).round() / 10_000.0;
    Comparison {
        a: a.to_string(),
        b: b.to_string(),
        score,
        is_match: score >= threshold,
        explanation: detail,
    }
}

/// Factor on a Han-script alias whose characters differ from a Han-script
/// query's. Small, because simplified and traditional forms of one name
/// (习近平, 習近平) differ too.
const HAN_CHARACTERS_DIFFER: f32 = 0.97;

/// Factor on an alias without Han characters met by a Han-script query
/// through its reading: the same characters are stronger evidence.
const HAN_BY_READING: f32 = 0.99;

/// The Han characters of a text, in order.
fn han_characters(text: &str) -> String {
    text.chars()
        .filter(|c| crate::normalize::Script::of(*c) == Some(crate::normalize::Script::Han))
        .collect()
}

/// Spellings with legal forms replaced by their class (see
/// [`crate::knowledge::legal_forms`]).
fn with_legal_forms(
    spellings: &[Vec<crate::normalize::Token>],
) -> Vec<Vec<crate::normalize::Token>> {
    spellings
        .iter()
        .map(|s| crate::knowledge::legal_forms::canonicalize(s).unwrap_or_else(|| s.clone()))
        .collect()
}

/// Shared handle type for resolvers across threads.
pub type SharedResolver = Arc<Resolver>;
