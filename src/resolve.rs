//! The resolver: a name in, ranked entities out.
//!
//! For a query, [`Resolver::resolve`]:
//! 1. normalizes it and computes its keys;
//! 2. looks up its whole-name keys (exact, sorted, joined, skeleton,
//!    initials) and scores what they find; a full match of a name of two
//!    parts or more ends the search there;
//! 3. otherwise takes each distinct name token of the query as a *term*,
//!    found by its token key and its name-part groups (and, for a token no
//!    alias carries, by its fuzzy neighbours). Terms are read cheapest
//!    first, and only until no alias lacking all the terms read so far
//!    could reach the threshold (a prefix filter, as in set-similarity
//!    joins: with IDF weights, a common given name beside a rare surname is
//!    never enumerated). The other terms' posting lists are walked beside
//!    the sorted candidates only to mark which candidates carry them, and a
//!    candidate whose best possible score is under the threshold is not
//!    scored;
//! 4. when nothing strong was found, does the same with every term's fuzzy
//!    neighbours: a Levenshtein automaton over the key FST, transpositions
//!    counted as one edit, within 1 edit for tokens of 4–7 characters and 2
//!    beyond (2 for every token of 4 or more characters at this stage);
//!    and, for a token written by ear (Arabic, Hebrew, a Chinese
//!    transcription …), the words of its consonant classes (see
//!    [`crate::phonetic`]);
//! 5. scores candidates (see [`crate::score`]) without building their
//!    explanation, keeps each entity's best alias, builds the explanation
//!    of the matches returned only, and flags the result ambiguous when
//!    the best two are within a small margin — it never silently picks
//!    one.
//!
//! Work per query is bounded by [`ResolverConfig`] budgets; a result whose
//! search was cut short says so in [`Resolution::budget_exhausted`].

use std::cell::RefCell;
use std::sync::Arc;

use serde::Serialize;

use crate::dict::{Dictionary, EntityKind, GroupPostings, Postings};
use crate::key::{KeyKind, KeyKinds};
use crate::normalize::tables::FastMap;
use crate::normalize::{NormalizedName, Normalizer, Script, TokenRole};
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
    /// Most matches returned. Default 5. An ambiguous result shows at
    /// least two, whatever this says.
    pub top_k: usize,
    /// Two entities whose scores differ by less than this are both returned
    /// and the result is flagged ambiguous. Default 0.05.
    pub ambiguity_margin: f32,
    /// Most candidate aliases gathered per query. Default 20,000.
    pub max_candidates: usize,
    /// Most candidate aliases scored per query, those that can score
    /// highest and were found by the most look-ups first. Default 60: on
    /// the 1M-alias benchmark dictionary, 150 gave the same top-1 accuracy
    /// on typos (0.950 / 0.912 against 0.948 / 0.910) but left fewer
    /// absent names unmatched (0.296 against 0.376: the further
    /// candidates are near-namesakes more often than the name sought), for
    /// more CPU time (BENCHMARKS.md, "Fourth session").
    pub max_scored: usize,
    /// [`ResolverConfig::max_scored`] for a query whose candidates rank
    /// less reliably: one written by ear (in a script that romanizes
    /// lossily: Arabic, Hebrew, Han, kana, Hangul …), whose candidates are
    /// found by consonant classes (他信 needs more than 100 to reach
    /// Thaksin Shinawatra), or one of a single name part, which every
    /// entity carrying it matches alike ("Kallas"). Default 150.
    pub max_scored_uncertain: usize,
    /// Most postings read per key. Default 20,000.
    pub max_postings_per_key: usize,
    /// Most FST keys a fuzzy automaton may visit per query. Default 4,000.
    pub max_fuzzy_keys: usize,
    /// Most postings read per query to tell which of the query's tokens
    /// each candidate carries, so that candidates that cannot reach the
    /// threshold are never scored. Default 100,000.
    pub max_probed_postings: usize,
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
            max_candidates: 20_000,
            max_scored: 60,
            max_scored_uncertain: 150,
            max_postings_per_key: 20_000,
            max_fuzzy_keys: 4_000,
            max_probed_postings: 100_000,
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
    /// The rule that derived the alias at build time, for an alias not
    /// given by the source (e.g. `han-reading:vi`, the Sino-Vietnamese
    /// reading of a Han-script alias).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alias_rule: Option<String>,
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

/// A second reading of a name: the name's spellings from
/// [`Query::read_from`] on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// A Latin name in Wade–Giles ([`crate::knowledge::wade_giles`]).
    WadeGiles,
    /// A Cyrillic name in the Palladius system
    /// ([`crate::knowledge::palladius`]).
    Palladius,
    /// A place's name without the administrative designation written
    /// after it (溫州市, [`crate::knowledge::designations`]).
    Designation,
    /// A sovereign's name in another language's form (Carlos III for
    /// Charles III, [`crate::knowledge::regnal_names`]).
    Regnal,
    /// A name with its generic words in English (ケイマン諸島 Cayman
    /// Islands, [`crate::knowledge::generic_words`]).
    GenericWords,
    /// A Latin acronym written in Cyrillic by its sound (ЮНИСЕФ,
    /// [`crate::knowledge::cyrillic_acronyms`]).
    Acronym,
    /// A name in Han characters with another Mandarin reading of a
    /// character (闵行 Minhang, [`crate::knowledge::pinyin_readings`]).
    Polyphone,
    /// A foreign name transcribed in Han characters, read back by the
    /// sounds its characters write (默克尔 Merkel,
    /// [`crate::knowledge::transcription`]).
    Transcription,
    /// A name in Han characters read in Hán-Việt, as Vietnamese writes it
    /// (武文赏 Võ Văn Thưởng, [`crate::knowledge::han`]).
    HanViet,
    /// A Cyrillic name ending in -ия with the English ending (Иордания
    /// Jordan, [`crate::knowledge::slavic_endings`]).
    SlavicEnding,
    /// A Korean name in Cyrillic, read syllable by syllable (Ким Чен Ын
    /// Kim Jong Un, [`crate::knowledge::kontsevich`]).
    Kontsevich,
    /// A Vietnamese name in Cyrillic, read syllable by syllable (Фам Минь
    /// Тинь Phạm Minh Chính, [`crate::knowledge::vietnamese_cyrillic`]).
    VietnameseCyrillic,
}

impl Reading {
    /// The factor on a match through the reading. A reading as pinyin is
    /// a guess (Wade–Giles without its aspiration marks, and the
    /// McCune–Reischauer romanization of Korean, look alike: "Chung" may
    /// be 정, not 钟 zhong; a Korean name in Cyrillic may read as
    /// Palladius syllables), so it never equals a name spelled alike; a
    /// name without its designation is a little less than the name.
    fn factor(self) -> f32 {
        match self {
            Reading::WadeGiles
            | Reading::Palladius
            | Reading::Acronym
            | Reading::HanViet
            | Reading::Transcription
            | Reading::SlavicEnding
            | Reading::Kontsevich
            | Reading::VietnameseCyrillic => 0.95,
            Reading::Designation | Reading::Polyphone | Reading::GenericWords | Reading::Regnal => {
                0.97
            }
        }
    }

    /// The adjustment that names it in an explanation.
    fn adjustment(self) -> String {
        let name = match self {
            Reading::WadeGiles => "wade-giles",
            Reading::Palladius => "palladius",
            Reading::Designation => "designation",
            Reading::Regnal => "regnal-name",
            Reading::GenericWords => "generic-words",
            Reading::Acronym => "cyrillic-acronym",
            Reading::Polyphone => "other-reading",
            Reading::HanViet => "han-reading:vi",
            Reading::Transcription => "transcription",
            Reading::SlavicEnding => "slavic-ending",
            Reading::Kontsevich => "kontsevich",
            Reading::VietnameseCyrillic => "vietnamese-cyrillic",
        };
        format!("{name} x{}", self.factor())
    }
}

/// Keys a search for a word one edit from a transcription's reading may
/// visit (see [`crate::knowledge::transcription::latin_spellings_near`]).
const NEAR_WORD_KEYS: usize = 64;

/// A score at which a whole-name key match ends the candidate search.
const FULL_MATCH: f32 = 0.97;

/// A score above which the fuzzy neighbours of the query's tokens are not
/// searched.
const STRONG_MATCH: f32 = 0.9;

/// Most distinct name tokens of a query used for candidate search (one bit
/// each in [`Candidate::terms`]); more make the search budget exhausted.
const MAX_TERMS: usize = TermSet::BITS as usize;

/// A set of a query's terms, a bit each. 32 bits, not 64: it keeps a
/// candidate's entry in the map of candidates at 16 bytes instead of 32,
/// and a query's candidates (up to 20,000) in half the cache.
type TermSet = u32;

/// The most dictionary words a term written by ear is expanded to by its
/// consonant classes (the nearest spellings first): a two-class string
/// such as `KN` is carried by hundreds of words in a large dictionary.
const MAX_PHONETIC_WORDS: usize = 32;

/// An Arabic or Hebrew word of at most this many letters is searched by
/// its consonant classes even when aliases carry it as written: without
/// its vowels it spells many names (روته "rwth" is Roth, Ruth, Ruto and
/// Rutte), more than its name-part groups hold.
const MAX_AMBIGUOUS_ABJAD_LETTERS: usize = 4;

/// Most syllables in a term read from Han characters or kana that is
/// searched fuzzily: a longer one is the run of a company's name after a
/// surname (许刚娜科技股份有限公司 gives "gangnakejifenguyouxiangongsi"),
/// no name part, and its automaton search was a fifth of the time of the
/// slowest such typo queries of the 1M-alias benchmark. A Chinese or
/// Japanese given name or surname has at most four or five.
const MAX_FUZZY_SYLLABLES: usize = 6;

/// How far under the threshold a candidate's upper bound may be and still
/// be scored: the bound takes the query side's token weights for the
/// alias side's, which may be heavier.
const BOUND_MARGIN: f32 = 0.05;

/// The similarities of one query token (text, role, script) by alias
/// token text. A pair's similarity depends on the alias token's script
/// only through its kind ([`crate::knowledge::name_parts::script_class`]:
/// which name-part groups count, see
/// [`score::Equivalence::equivalent_as_written`], and whether it romanizes
/// lossily, see [`crate::phonetic::ByEar`]), and on whether the alias
/// names a person: one map for each of the eighteen.
type SimilarityCache = (
    String,
    TokenRole,
    Script,
    [FastMap<String, score::Similarity>; 18],
);

/// Name-part equivalence without its "known name" half: for the names of
/// places and organisations, which the people's name-part groups say
/// nothing about.
struct NoKnownNames<'e>(&'e dyn score::Equivalence);

impl score::Equivalence for NoKnownNames<'_> {
    fn equivalent(&self, a: &str, b: &str) -> Option<&'static str> {
        self.0.equivalent(a, b)
    }

    fn equivalent_as_written(
        &self,
        a: &str,
        a_script: Script,
        b: &str,
        b_script: Script,
    ) -> Option<&'static str> {
        self.0.equivalent_as_written(a, a_script, b, b_script)
    }
}

/// One query, prepared once for scoring every candidate.
struct Query<'a> {
    name: &'a NormalizedName,
    /// The query's spellings, legal forms replaced by their class.
    spellings: Vec<Vec<crate::normalize::Token>>,
    /// The query's Han characters, if any.
    han: String,
    /// Whether the query is a native Chinese name in Han characters
    /// ([`crate::phonetic::is_native_han_name`]): its tokens are exact
    /// readings, never compared by consonant classes.
    native_han: bool,
    /// The query's Han characters and Hangul syllables, if any.
    native: String,
    weights: IdfWeights<'a>,
    equivalence: crate::knowledge::CachedEquivalence,
    /// The scoring configuration for this query: the resolver's, with
    /// [`ScoreConfig::known_fuzzy_factor`] lifted for a query that is
    /// [misspelled](Query::misspelled).
    config: ScoreConfig,
    /// `config` for aliases of entities other than people.
    not_a_person: ScoreConfig,
    /// The first of the spellings that read the name as pinyin (the
    /// number of spellings when none does): a match through one of them
    /// takes its [`Reading::factor`].
    read_from: usize,
    /// What those spellings read the name as.
    reading: Option<Reading>,
    /// Whether its candidates rank less reliably (written by ear, or of
    /// one name part): [`ResolverConfig::max_scored_uncertain`] applies.
    uncertain: bool,
    /// The parts of the name that tell its bearer apart
    /// ([`name_part_count`]).
    parts: usize,
    /// Pair similarities already computed: per query token (text, role,
    /// script), by alias token text. The same few query tokens meet the same common
    /// alias tokens in candidate after candidate.
    similarities: RefCell<Vec<SimilarityCache>>,
}

impl<'a> Query<'a> {
    /// `read_from` and `reading`: see [`Query::read_from`].
    fn new(
        name: &'a NormalizedName,
        text: &str,
        dict: &'a Dictionary,
        config: &ScoreConfig,
        (read_from, reading): (usize, Option<Reading>),
    ) -> Query<'a> {
        let han = han_characters(text);
        let by_ear = name
            .scripts
            .iter()
            .any(|s| crate::phonetic::romanization_is_lossy(*s));
        let parts = name_part_count(name, text);
        let weights = IdfWeights {
            dict,
            n: dict.entity_count() as f32,
            cache: Default::default(),
        };
        let equivalence = crate::knowledge::CachedEquivalence::default();
        let mut config = config.clone();
        if Self::misspelled(name, &weights, &equivalence) {
            config.known_fuzzy_factor = 1.0;
        }
        let native_han = crate::phonetic::is_native_han_name(&han);
        if is_transcribed_han(name, text, native_han) {
            config.family_name_only *= TRANSCRIBED_FAMILY_NAME_ONLY;
        }
        Query {
            native: native_characters(text),
            name,
            spellings: with_legal_forms(&name.spellings),
            native_han,
            han,
            weights,
            equivalence,
            not_a_person: ScoreConfig {
                family_name_only: 1.0,
                cap_missing: false,
                compound_names: false,
                generation_differs: 1.0,
                ..config.clone()
            },
            config,
            similarities: RefCell::new(Vec::new()),
            read_from,
            reading,
            uncertain: by_ear || parts <= 1,
            parts,
        }
    }

    /// Whether the query is evidently misspelled: a Latin name token of
    /// four letters or more that no alias of the dictionary carries and
    /// that is no known name part ("Kei Blacuk"). Its other tokens may be
    /// typos too, even where they spell another real name (kei for
    /// Keir), so a near spelling between two known names is not weakened
    /// as another name ([`ScoreConfig::known_fuzzy_factor`]): a name
    /// typed correctly, an absent namesake's, keeps that weakening.
    fn misspelled(
        name: &NormalizedName,
        weights: &IdfWeights<'_>,
        equivalence: &crate::knowledge::CachedEquivalence,
    ) -> bool {
        name.tokens().iter().any(|t| {
            t.role == TokenRole::Name
                && t.script == Script::Latin
                && t.text.len() >= 4
                && weights.entity_frequency(&t.text) == 0
                && !score::Equivalence::known(equivalence, &t.text)
        })
    }

    /// The factor of a query spelling: its [`Reading::factor`] for a
    /// second reading of the name.
    fn spelling_factor(&self, spelling: usize) -> f32 {
        match self.reading {
            Some(reading) if spelling >= self.read_from => reading.factor(),
            _ => 1.0,
        }
    }

    /// Whether query spelling `spelling` is read against entities of
    /// `kind`: a regnal name's reading (Elizabeth II as "elisabet ii")
    /// names a sovereign or a pope, so only people; read against places,
    /// "Elizabeth II" was Port Elizabeth less "port", plus a numeral.
    fn reads_for(&self, spelling: usize, kind: EntityKind) -> bool {
        kind == EntityKind::Person
            || spelling < self.read_from
            || self.reading != Some(Reading::Regnal)
    }

    /// The scoring configuration for an alias of an entity of `kind`: a
    /// place's or an organisation's last word is no family name
    /// ([`ScoreConfig::family_name_only`] does not apply), and none of its
    /// words is an optional part ([`ScoreConfig::cap_missing`] is off).
    fn config_for(&self, kind: EntityKind) -> &ScoreConfig {
        if kind == EntityKind::Person {
            &self.config
        } else {
            &self.not_a_person
        }
    }

    /// The query's spellings to compare with an alias of an entity of
    /// `kind`: legal forms replaced by their class, except against a
    /// person.
    fn spellings_for(&self, kind: EntityKind) -> &[Vec<crate::normalize::Token>] {
        if kind == EntityKind::Person {
            &self.name.spellings
        } else {
            &self.spellings
        }
    }

    /// [`score::pair_similarity`], cached for name tokens. `person`: the
    /// alias names a person. The name-part groups are people's names, so
    /// only then (or for a token written by ear) does a query token's being
    /// a known name part make a near spelling "another name" rather than a
    /// typo ("Talini" for Tallinn).
    fn similarity(
        &self,
        q: &crate::normalize::Token,
        a: &AliasToken<'_>,
        person: bool,
    ) -> score::Similarity {
        if score::syllable_is_no_initial((&q.text, q.script), (a.text, a.script)) {
            return (0.0, "unmatched", None);
        }
        // Consonant classes only for a query token written by ear (see
        // `crate::phonetic`), against an alias token of another script: a
        // Latin query has its vowels, and its best evidence is the
        // entity's Latin aliases, not a near sound of a transcription.
        let by_ear =
            match crate::phonetic::ByEar::of((&q.text, q.script), (a.text, a.script), false) {
                // A native Chinese name's pinyin is its exact reading.
                crate::phonetic::ByEar::First(Script::Han) if self.native_han => {
                    crate::phonetic::ByEar::Neither
                }
                other => other,
            };
        let compute = || {
            // A query token written by ear that is a known name is a
            // person's name, whatever the alias names ("پیتەر ألين", Peter
            // Allen, is no transcription of Ulan Bator).
            let not_people = NoKnownNames(&self.equivalence);
            // A Hangul syllable has no equivalents but a person's: its
            // groups are surnames and given names by their Hanja (허 Heo
            // is 許 Xu), which the name of a place written by its sound
            // has no part in (허페이, Hefei, is no "Hsü-hui"). A Han
            // character's groups also hold its Japanese readings, which
            // places do use (広島: hiro, shima).
            // Nor do two syllables of Chinese in Latin letters, in the
            // name of a place or an organisation: the groups of Chinese
            // surnames hold their spellings in every system (周 chou,
            // tao …), which the syllables of a place's name are not
            // ("Cheng-chou", Zhengzhou, was Qingdao's "Ch'ing-tao" at
            // 0.95).
            let chinese = crate::knowledge::wade_giles::is_chinese_syllable;
            let syllable = q.script == Script::Hangul || (chinese(&q.text) && chinese(a.text));
            let equivalence: &dyn score::Equivalence = if person {
                &self.equivalence
            } else if syllable {
                &score::NoEquivalence
            } else if by_ear != crate::phonetic::ByEar::Neither {
                &self.equivalence
            } else {
                &not_people
            };
            let equivalence = score::AsWritten {
                inner: equivalence,
                scripts: (q.script, a.script),
            };
            let equivalence = &equivalence;
            let (mut s, mut rule, edits) = score::spelling_similarity(
                &q.text,
                q.role,
                a.text,
                a.role,
                by_ear,
                equivalence,
                &self.config,
            );
            // A query token that aliases of the dictionary carry as it is
            // written is a name in its own right: a near spelling of another
            // is weak evidence, as for known name parts, and one two edits
            // away is another name (Christiansen, Christensen), as is one
            // edit away in a person's name of seven letters or more. On the
            // 1M benchmark's absent names (a given name of the dictionary's
            // with another entity's family name), 204 of the 302 matched of
            // 500 had such a pair, squared to 0.6-0.8; unmatched now, they
            // cost two of 1,000 typo queries, whose typo spelled another
            // real name. One edit in any token cost eleven typo queries of
            // the evaluation sets (Island ~ Islands, Asia ~ Asian).
            if rule == "fuzzy" && self.weights.entity_frequency(&q.text) > 0 {
                s *= s;
                rule = "fuzzy-other-name";
                if s < 0.4 || edits.is_some_and(|e| e >= 2 || (person && q.text.len() >= 7)) {
                    s = 0.0;
                }
            }
            score::or_phonetic(
                (s, rule, edits),
                &q.text,
                q.role,
                a.text,
                a.role,
                by_ear,
                &self.equivalence,
            )
        };
        if q.role != TokenRole::Name || a.role != TokenRole::Name {
            return compute();
        }
        let alias_script =
            crate::knowledge::name_parts::script_class(a.script).trailing_zeros() as usize;
        let map = alias_script + 9 * usize::from(person);
        let mut cache = self.similarities.borrow_mut();
        let index = match cache.iter().position(|(text, role, script, _)| {
            *role == q.role && *script == q.script && *text == q.text
        }) {
            Some(i) => i,
            None => {
                cache.push((q.text.clone(), q.role, q.script, Default::default()));
                cache.len() - 1
            }
        };
        if let Some(s) = cache[index].3[map].get(a.text) {
            return *s;
        }
        // Computing may consult the equivalence cache, never this one.
        let s = compute();
        cache[index].3[map].insert(a.text.to_string(), s);
        s
    }
}

/// The alias-side tokens of a spelling.
fn alias_tokens(spelling: &[crate::normalize::Token]) -> Vec<AliasToken<'_>> {
    spelling
        .iter()
        .map(|t| AliasToken {
            text: &t.text,
            role: t.role,
            script: t.script,
        })
        .collect()
}

/// Token weights from a dictionary: inverse document frequency.
struct IdfWeights<'a> {
    dict: &'a Dictionary,
    n: f32,
    /// Per token text: its weight before its role, and how many entities
    /// carry it (one FST look-up per distinct token and query).
    cache: RefCell<FastMap<String, (f32, u32)>>,
}

impl IdfWeights<'_> {
    /// The cached weight (before role) and entity count of a token,
    /// looked up once.
    fn entry(&self, text: &str) -> (f32, u32) {
        if let Some(e) = self.cache.borrow().get(text) {
            return *e;
        }
        self.remember(text, self.dict.entity_frequency(text))
    }

    /// Caches a token's entity count, already known from a look-up of its
    /// postings; returns its weight before role and the count.
    fn remember(&self, text: &str, df: u32) -> (f32, u32) {
        let e = (self.weight_of(text, df), df);
        self.cache.borrow_mut().insert(text.to_string(), e);
        e
    }

    /// How many entities carry the token.
    fn entity_frequency(&self, text: &str) -> u32 {
        self.entry(text).1
    }

    /// The weight of a token carried by `df` entities, before its role.
    fn weight_of(&self, text: &str, df: u32) -> f32 {
        // Smoothed IDF scaled to about 1.0 for a token carried by one
        // entity in a thousand; generic organisation words are capped low.
        let idf = ((self.n + 1.0) / (df as f32 + 1.0)).ln().max(0.0);
        let base = (idf / (1000f32).ln()).clamp(0.35, 1.3);
        let base = if score::is_generic(text) {
            base.min(0.3)
        } else {
            base
        };
        if text.len() <= 2 {
            base.min(0.7)
        } else {
            base
        }
    }
}

impl TokenWeights for IdfWeights<'_> {
    fn weight(&self, text: &str, role: TokenRole) -> f32 {
        self.entry(text).0 * score::role_factor(role)
    }
}

/// What one query may still spend, and whether a limit was reached.
#[derive(Debug, Default)]
struct SearchBudget {
    /// Keys visited by fuzzy automata.
    fuzzy_keys: usize,
    /// Candidates scored.
    scored: usize,
    /// Postings read to mark which terms candidates carry.
    probed: u64,
    /// Some limit cut the search short.
    exhausted: bool,
}

/// A key that finds aliases carrying a query term: the term itself, one of
/// its name-part groups, or a fuzzy neighbour.
struct Expansion<'d> {
    postings: ExpansionPostings<'d>,
    /// The key kind credited to the aliases found (None: the kinds stored
    /// with each posting, for fuzzy neighbours).
    kind: Option<KeyKind>,
    fuzzy: Option<u32>,
    /// The most this key can add to a candidate's matched weight: the
    /// similarity times the pair's weight.
    mass: f32,
    /// Whether its postings were read into candidates.
    enumerated: bool,
    /// How many of the query's look-ups it stands for: more than one for
    /// a name-part group that holds the same tokens as others of the term,
    /// read once but counted as often in a candidate's hits.
    copies: u32,
}

/// The aliases an expansion finds: one key's posting list, or a name-part
/// group's merged lists.
#[derive(Debug, Clone)]
enum ExpansionPostings<'d> {
    Key(Postings<'d>),
    Group(GroupPostings<'d>),
}

impl ExpansionPostings<'_> {
    /// Which list (or group of lists) it reads: equal for two expansions
    /// that yield the same postings.
    fn identity(&self) -> (usize, u64) {
        match self {
            ExpansionPostings::Key(p) => p.identity(),
            ExpansionPostings::Group(p) => (p.identity(), u64::MAX),
        }
    }

    fn remaining(&self) -> u64 {
        match self {
            ExpansionPostings::Key(p) => p.remaining(),
            ExpansionPostings::Group(p) => p.remaining(),
        }
    }
}

impl Iterator for ExpansionPostings<'_> {
    type Item = crate::dict::Posting;

    fn next(&mut self) -> Option<crate::dict::Posting> {
        match self {
            ExpansionPostings::Key(p) => p.next(),
            ExpansionPostings::Group(p) => p.next(),
        }
    }
}

impl Expansion<'_> {
    /// Equal for two expansions that add the same to the candidates they
    /// find (the same postings, credited to the same kind and edits).
    fn identity(&self) -> ((usize, u64), Option<KeyKind>, Option<u32>) {
        (self.postings.identity(), self.kind, self.fuzzy)
    }
}

/// A distinct name token of the query and the keys that find it.
struct Term<'d> {
    text: String,
    /// The token's weight: what a candidate lacking it pays, times
    /// [`ScoreConfig::extra_weight`].
    weight: f32,
    expansions: Vec<Expansion<'d>>,
    /// The edit distance its fuzzy neighbours were searched within (0:
    /// not searched).
    fuzzy_distance: u32,
    /// Whether the query's primary spelling holds it (any spelling, for a
    /// Han, Hangul or Greek name or a name of one word): only those terms
    /// are searched fuzzily.
    primary: bool,
    /// The script the token was written in.
    script: Script,
    /// Whether words of its consonant classes were searched.
    phonetic_searched: bool,
    /// Whether it is a form of some name-part group
    /// ([`crate::knowledge::name_parts`]).
    in_groups: bool,
}

impl<'d> Term<'d> {
    fn new(text: &str, script: Script) -> Term<'d> {
        Term {
            text: text.to_string(),
            weight: 0.0,
            expansions: Vec::new(),
            fuzzy_distance: 0,
            primary: false,
            script,
            phonetic_searched: false,
            in_groups: false,
        }
    }

    /// Whether it is a known name part that no key of the dictionary
    /// finds: a compound given name written as one word (장이브
    /// "jangibeu", Jean-Yves) whose aliases carry its halves, which only
    /// scoring pairs with it (`compound`). Taken as carried by every
    /// candidate, so that the bounds stay safe; it finds none itself.
    fn unlisted(&self) -> bool {
        self.in_groups && self.expansions.is_empty()
    }

    /// Whether some alias carries this very token.
    fn carried(&self) -> bool {
        self.expansions
            .iter()
            .any(|e| e.kind == Some(KeyKind::Token) && e.fuzzy.is_none())
    }

    /// Postings to read to enumerate every alias this term finds.
    fn cost(&self) -> u64 {
        self.expansions
            .iter()
            .map(|e| e.postings.remaining() * u64::from(e.copies))
            .sum()
    }

    /// The most this term can add to a candidate's matched weight.
    fn mass(&self) -> f32 {
        if self.unlisted() {
            // As a name-part group's expansion weighs.
            return score::EQUIVALENT * self.weight;
        }
        self.expansions.iter().map(|e| e.mass).fold(0.0, f32::max)
    }
}

/// The query's terms, and which of them each spelling holds.
struct QueryTerms<'d> {
    terms: Vec<Term<'d>>,
    spellings: Vec<Vec<usize>>,
    /// Terms (a bit each) whose posting lists the probe budget left
    /// unwalked in the last gathering: taken as carried by every candidate.
    unprobed: TermSet,
}

impl QueryTerms<'_> {
    /// The terms whose aliases must be enumerated (a bit each): for each
    /// spelling, its cheapest terms until no alias lacking all of them can
    /// reach `floor`. Such an alias would match at most the remaining
    /// terms' mass `r` and pay for the enumerated ones as extra tokens
    /// (`extra` of their weight `e`), so it scores at most
    /// `r / (r + extra * e)` (a prefix filter, as in set-similarity joins).
    /// A single-token query always enumerates its token.
    fn needed(&self, extra: f32, floor: f32) -> TermSet {
        let mut needed: TermSet = 0;
        for ids in &self.spellings {
            let mut order = ids.clone();
            order.sort_by_key(|&i| (self.terms[i].cost(), i));
            let mut remaining: f32 = order.iter().map(|&i| self.terms[i].mass()).sum();
            let mut enumerated = 0.0f32;
            for &i in order.iter().filter(|&&i| !self.terms[i].unlisted()) {
                if enumerated > 0.0 && remaining / (remaining + extra * enumerated) < floor {
                    break;
                }
                needed |= 1 << i;
                enumerated += self.terms[i].weight;
                remaining -= self.terms[i].mass();
            }
        }
        needed
    }

    /// The terms that are [`Term::unlisted`], a bit each.
    fn unlisted(&self) -> TermSet {
        (0..self.terms.len())
            .filter(|&i| self.terms[i].unlisted())
            .fold(0, |m, i| m | 1 << i)
    }

    /// The best score an alias carrying the terms in `carried` (a bit
    /// each) can reach, under the model of [`QueryTerms::needed`].
    fn bound(&self, carried: TermSet, extra: f32) -> f32 {
        let mut best = 0.0f32;
        for ids in &self.spellings {
            let (mut matched, mut lacking) = (0.0f32, 0.0f32);
            for &i in ids {
                if carried & (1 << i) != 0 {
                    matched += self.terms[i].mass();
                } else {
                    lacking += self.terms[i].weight;
                }
            }
            if matched > 0.0 {
                best = best.max(matched / (matched + extra * lacking));
            }
        }
        best
    }
}

/// The first `max` aliases of a name-part group, each once, in alias
/// order, set in and read back from `bits` (a bit per alias, left all
/// zero): cheaper than the group's own merge, which scans every list's
/// head for each alias it yields (the given names of the 1M-alias
/// benchmark have groups of 4 to 11 lists; `perf` of its slowest Cyrillic
/// typo queries: the merge 10% of the time, sorting the lists together
/// instead 22%). An alias past the dictionary's (damage) is left out: its
/// record could not be read.
fn first_of_group(
    group: &crate::dict::GroupPostings<'_>,
    max: usize,
    alias_count: u32,
    bits: &mut Vec<u64>,
) -> Vec<u32> {
    let words = (alias_count as usize).div_ceil(64);
    if bits.len() < words {
        bits.resize(words, 0);
    }
    let (mut low, mut high) = (usize::MAX, 0);
    for (_, list) in group.token_lists() {
        for p in list.take(max) {
            if p.alias >= alias_count {
                continue;
            }
            let w = (p.alias / 64) as usize;
            bits[w] |= 1 << (p.alias % 64);
            low = low.min(w);
            high = high.max(w);
        }
    }
    let mut aliases = Vec::new();
    for (w, slot) in bits.iter_mut().enumerate().take(high + 1).skip(low) {
        let mut word = std::mem::take(slot);
        while word != 0 && aliases.len() < max {
            aliases.push(w as u32 * 64 + word.trailing_zeros());
            word &= word - 1;
        }
    }
    aliases
}

/// The positions in `open` (sorted aliases) of the aliases `list` (in
/// alias order) holds.
fn open_positions<'a>(
    open: &'a [u32],
    list: impl Iterator<Item = crate::dict::Posting> + 'a,
) -> impl Iterator<Item = u32> + 'a {
    let mut at = 0;
    list.map_while(move |p| {
        while at < open.len() && open[at] < p.alias {
            at += 1;
        }
        (at < open.len()).then_some((at, p.alias))
    })
    .filter(|&(at, alias)| open[at] == alias)
    .map(|(at, _)| at as u32)
}

/// Factor on a Latin query's match through a person's one-word name in
/// another script (see [`Resolver::adjustments`]): what the family name
/// alone costs against the full name, about 0.85.
const SHORT_NAME_ACROSS_SCRIPTS: f32 = 0.85;

/// Factor on [`ScoreConfig::family_name_only`] for a query in Han
/// characters that is no Chinese name ([`is_transcribed_han`]): the
/// Chinese press names a foreigner by the transcribed family name alone
/// (普连科维奇, Plenković; 拉加德, Lagarde), and the transcription is
/// already discounted as a reading, so the omitted given names cost less
/// than after a family name written as the alias writes it. Without it a
/// place whose whole name had the query's consonant classes (The Bronx,
/// Bronks, at 0.81) beat the person (0.80). On 23 evaluation draws: 10
/// more right answers (拉德夫 Radev, 德拉吉 Draghi, 鲁哈尼 Rouhani …), none
/// lost; absent names left unmatched as before. Two queries unmatched
/// before now meet a family name instead (仙台市, Sendai, a Santos;
/// 狮子山, Sierra Leone translated, a Jesajan); for every script written
/// by ear, names in Hangul, Arabic and Devanagari did so too, and none
/// was gained.
const TRANSCRIBED_FAMILY_NAME_ONLY: f32 = 0.6;

/// Whether a name is written in Han characters alone, three or more, and
/// is not shaped like a Chinese name
/// ([`crate::phonetic::is_native_han_name`]): a transcription of a
/// foreign name. Not a name of two characters, most Chinese places' (益阳
/// "yiyang" met Yang Jiechi's family name by its skeleton so).
fn is_transcribed_han(name: &NormalizedName, text: &str, native_han: bool) -> bool {
    !native_han && name.scripts == [Script::Han] && han_characters(text).chars().count() >= 3
}

/// A candidate alias scored without its explanation.
#[derive(Debug, Clone)]
struct Scored {
    entity: u32,
    alias: u32,
    score: f32,
    query_spelling: usize,
    alias_spelling: usize,
    found_by: KeyKinds,
    fuzzy_edits: Option<u32>,
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

/// A candidate alias as gathered: 12 bytes, so that an entry of the map of
/// candidates (alias index and candidate) takes 16. Reading postings into
/// that map is most of the slowest queries' time, spent on cache misses
/// (`perf`: 60% of a typo query over the 1M-alias dictionary that fills
/// the map, on the load of the probed entry), and 32-byte entries, with
/// a 64-bit term set and a 32-bit edit count, filled twice the cache.
#[derive(Debug, Default, Clone, Copy)]
struct Candidate {
    found_by: KeyKinds,
    /// The fewest edits of a fuzzy key that found it.
    fuzzy_edits: Option<u8>,
    /// Whether it was scored (in an earlier stage).
    scored: bool,
    /// How many lookups found this alias: candidates found by more of the
    /// query's keys and tokens are scored first when there are too many.
    hits: u32,
    /// The query terms this alias carries, a bit each (see
    /// [`QueryTerms`]).
    terms: TermSet,
}

const _: () = assert!(std::mem::size_of::<(u32, Candidate)>() == 16);

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
            // A name in Wade–Giles or Palladius also gets the pinyin
            // spellings whose words this dictionary carries.
            let read_from = name.spellings.len();
            let carries = |w: &str| dict.words().contains_key(w);
            let near = |w: &str| {
                let mut found = false;
                crate::fuzzy::neighbours(dict.words(), w, 1, NEAR_WORD_KEYS, |_, _, _| {
                    found = true
                });
                found
            };
            let read = with_reading(&self.normalizer, &name, query, carries, near);
            let reading = read.as_ref().map(|(_, r)| *r);
            let name = read.as_ref().map_or(&name, |(n, _)| n);
            let (mut layer_matches, exhausted, shared) =
                self.resolve_in(dict, name, query, (read_from, reading));
            budget_exhausted |= exhausted;
            single_token_shared |= shared;
            // An entity a higher layer holds is that layer's: its record
            // and aliases replace this layer's, so a lower layer's alias
            // (say a wrong one in the embedded dictionary) cannot match it.
            let higher = &self.layers[..layer_index];
            layer_matches.retain(|m| !higher.iter().any(|d| d.entity_by_id(&m.id).is_some()));
            matches.extend(layer_matches);
        }
        // Stable: equal scores keep each layer's order (higher layers
        // first; within a layer, `order_ties`).
        matches.sort_by(|a, b| b.score.total_cmp(&a.score));
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
        if single_token_shared {
            ambiguous = true;
            for m in &mut matches {
                m.ambiguous = true;
            }
        }
        // An ambiguous result shows at least two matches, whatever
        // `top_k`: the resolver never silently picks one.
        let keep = self.config.top_k.max(1);
        matches.truncate(if ambiguous { keep.max(2) } else { keep });
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

    /// Adds the postings of a whole-name key to the candidates.
    fn add_key_postings(
        &self,
        postings: Postings<'_>,
        kind: KeyKind,
        candidates: &mut FastMap<u32, Candidate>,
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
            if p.kinds.contains(kind) {
                c.found_by.insert(kind);
            } else if let Some(best) = p.kinds.best() {
                c.found_by.insert(best);
            }
        }
    }

    /// The distinct name tokens of the query's spellings, each with the
    /// keys that find it exactly: its token key and its name-part groups;
    /// a token no alias carries (likely a typo) gets its fuzzy neighbours
    /// at once, since it can find nothing else.
    fn query_terms<'d>(
        &self,
        dict: &'d Dictionary,
        name: &NormalizedName,
        weights: &IdfWeights<'_>,
        budget: &mut SearchBudget,
    ) -> QueryTerms<'d> {
        let mut terms: Vec<Term<'d>> = Vec::new();
        let mut spellings: Vec<Vec<usize>> = Vec::new();
        // Hangul names as Han ones: their spellings are one reading grouped
        // differently (ba ha ma, ba hama, bahama for 바하마, Bahamas), and
        // the syllables are too short to be searched fuzzily.
        let han = name.scripts.contains(&Script::Han) || name.scripts.contains(&Script::Hangul);
        // Greek names too: their third spelling reads a foreign name by
        // its sound (Ρουάντα "ruanda"), two edits or more from the
        // letter-by-letter ones ("rouanta").
        let greek = name.scripts.contains(&Script::Greek);
        // Cyrillic names too, their second spelling: Ukrainian's first is
        // its national system (Ляєн "liaien", three edits from Leyen), the
        // second the press's ("lyayen", two).
        let cyrillic = name.scripts.contains(&Script::Cyrillic);
        for spelling in &name.spellings {
            let mut ids: Vec<usize> = Vec::new();
            for t in spelling {
                if !matches!(t.role, TokenRole::Name) || t.text.len() < 2 {
                    continue;
                }
                let id = match terms.iter().position(|x| x.text == t.text) {
                    Some(id) => id,
                    None if terms.len() < MAX_TERMS => {
                        // Weighed below, with its postings' look-up.
                        terms.push(Term::new(&t.text, t.script));
                        terms.len() - 1
                    }
                    None => {
                        budget.exhausted = true;
                        continue;
                    }
                };
                if !ids.contains(&id) {
                    ids.push(id);
                }
                // Han names are the exception: their spellings are one
                // reading grouped differently (li ke qiang, li keqiang),
                // and a typo may only show in the grouped one.
                terms[id].primary |=
                    spellings.is_empty() || han || greek || (cyrillic && spellings.len() == 1);
            }
            if !ids.is_empty() {
                spellings.push(ids);
            }
        }
        // A name of one word has few terms, one per spelling, and each is
        // searched fuzzily: Евроюст is "yevroyust" first, three edits from
        // Eurojust, and "evrojust", one edit, third.
        let one_word = spellings.iter().all(|s| s.len() <= 1);
        // In a name of more than four Han syllables (曹丽贸鹏易股份有限公司,
        // a company's; 佩德罗·桑切斯, a transcribed one) a syllable is no
        // Chinese surname or given name: its name-part groups, which hold
        // their spellings in other scripts, are not read. (A transcribed
        // word's groups are: 桑切斯 "sangqiesi" is a form of Sánchez.)
        let syllables = name.tokens();
        let long_han = syllables.iter().filter(|t| t.script == Script::Han).count() > 4;
        let no_groups = |term: &Term<'_>| {
            long_han && term.script == Script::Han && syllables.iter().any(|t| t.text == term.text)
        };
        for term in &mut terms {
            term.primary |= one_word;
            let exact = dict.lookup(&term.text);
            term.weight = weights.remember(&term.text, exact.entity_count()).0;
            let found = exact.remaining() > 0;
            if found {
                term.expansions.push(Expansion {
                    postings: ExpansionPostings::Key(exact),
                    kind: Some(KeyKind::Token),
                    fuzzy: None,
                    mass: term.weight,
                    enumerated: false,
                    copies: 1,
                });
            }
            let groups = if no_groups(term) {
                Vec::new()
            } else {
                // As written: a part in Hangul is looked for in its
                // Hangul groups (장, Jean), not in the Latin namesakes of
                // its romanization ("jang"), which scoring would not pair
                // with it either.
                crate::knowledge::name_parts::groups_as_written(&term.text, term.script)
            };
            term.in_groups = !groups.is_empty();
            for group in groups {
                let postings = dict.name_part_group(group);
                let same = term.expansions.iter_mut().find(|e| match &e.postings {
                    ExpansionPostings::Group(g) => g.same_tokens(&postings),
                    ExpansionPostings::Key(_) => false,
                });
                if let Some(same) = same {
                    same.copies += 1;
                } else if postings.remaining() > 0 {
                    term.expansions.push(Expansion {
                        postings: ExpansionPostings::Group(postings),
                        kind: Some(KeyKind::NamePart),
                        fuzzy: None,
                        mass: score::EQUIVALENT * term.weight,
                        enumerated: false,
                        copies: 1,
                    });
                }
            }
            // A token no alias carries (a typo, or a name absent from the
            // dictionary) can find nothing else; when it has no neighbour
            // within the first distance either, it is searched within the
            // last, so that the prefix filter does not take it for a token
            // no alias can match.
            if !found
                && term.primary
                && self.fuzzy_expansions(dict, term, Self::first_distance(term), weights, budget)
                    == 0
            {
                // (Not carried, so the query's other words do not matter.)
                let last = Self::last_distance(term, false);
                self.fuzzy_expansions(dict, term, last, weights, budget);
            }
        }
        QueryTerms {
            terms,
            spellings,
            unprobed: 0,
        }
    }

    /// Adds the aliases that carry a name the term is a nickname of (Tony:
    /// Anthony, and Anthony's name-part groups, which hold Antony), or a
    /// nickname of the term (William: Bill), at the nickname similarity:
    /// without them, the prefix filter would never read the aliases of
    /// an Anthony Smith for "Tony Smith" when Smith is the commoner word.
    /// Searched with the fuzzy neighbours, once nothing strong was found:
    /// read at once, a common given name's nicknames (Mary: Molly, Polly,
    /// Mae …) brought candidates that took the scoring budget from the
    /// name sought (on 1,500 typo queries of the 1M-alias workload, three
    /// lost their match). The number of expansions added.
    fn nickname_expansions<'d>(&self, dict: &'d Dictionary, term: &mut Term<'d>) -> usize {
        use crate::knowledge::{name_parts, nicknames};
        if term.text.len() < 3 {
            return 0;
        }
        let formal = nicknames::formal_names(&term.text);
        let related = formal.iter().chain(nicknames::nicknames(&term.text));
        let mut found: Vec<ExpansionPostings<'d>> = Vec::new();
        for &name in related {
            let postings = dict.lookup(name);
            if postings.remaining() > 0 {
                found.push(ExpansionPostings::Key(postings));
            }
        }
        for &name in formal {
            for group in name_parts::groups(name) {
                let postings = dict.name_part_group(group);
                if postings.remaining() > 0 {
                    found.push(ExpansionPostings::Group(postings));
                }
            }
        }
        let mass = nicknames::SIMILARITY * term.weight;
        let before = term.expansions.len();
        for postings in found {
            let identity = postings.identity();
            let known = |e: &Expansion<'_>| match (&e.postings, &postings) {
                (ExpansionPostings::Group(a), ExpansionPostings::Group(b)) => a.same_tokens(b),
                _ => e.postings.identity() == identity,
            };
            if !term.expansions.iter().any(known) {
                term.expansions.push(Expansion {
                    postings,
                    kind: Some(KeyKind::NamePart),
                    fuzzy: None,
                    mass,
                    enumerated: false,
                    copies: 1,
                });
            }
        }
        term.expansions.len() - before
    }

    /// Adds a term's fuzzy neighbours within `distance` edits
    /// (transpositions count as one) not added yet, found by a Levenshtein
    /// automaton run over the key FST.
    fn fuzzy_expansions<'d>(
        &self,
        dict: &'d Dictionary,
        term: &mut Term<'d>,
        distance: u32,
        weights: &IdfWeights<'_>,
        budget: &mut SearchBudget,
    ) -> usize {
        if distance <= term.fuzzy_distance {
            return 0;
        }
        // One syllable of a name in Han characters or kana is one
        // character, and a typo there is another character, whose reading
        // is no edit of the first's (小 xiao, 少 shao, 水 shui): the other
        // syllables find the name. Measured on the 1M benchmark's queries
        // in Han characters: the same top-1 and absent share, 18% less CPU.
        if matches!(term.script, Script::Han | Script::Kana)
            && !(2..=MAX_FUZZY_SYLLABLES).contains(&crate::phonetic::syllables(&term.text))
        {
            return 0;
        }
        let len = term.text.chars().count();
        let found = self.fuzzy_search(dict, term, distance, len, weights, budget);
        term.fuzzy_distance = distance;
        found
    }

    /// Adds, for a term written by ear (see [`crate::phonetic`]), the
    /// dictionary words of its consonant classes: the nearest
    /// [`MAX_PHONETIC_WORDS`] spellings among those the automaton finds
    /// within the fuzzy key budget. Terms of fewer than two classes find
    /// nothing: one class ("P") is carried by too many words to say
    /// anything.
    fn phonetic_expansions<'d>(
        &self,
        dict: &'d Dictionary,
        term: &mut Term<'d>,
        native_han: bool,
        weights: &IdfWeights<'_>,
        budget: &mut SearchBudget,
    ) -> usize {
        // A token of an abjad (Arabic, Hebrew) that aliases carry as
        // written is not searched: it is a known name, whose spellings in
        // alphabets its name-part groups hold. Its consonant-class walk,
        // which cannot prune on the vowels it lacks, was a third of the
        // time of the slowest Arabic typo queries of the 1M-alias
        // benchmark (22 of them: 0.88-1.09 -> 0.65-0.76 s CPU ×6), and no
        // answer of twelve evaluation sets or of 1,500 1M queries changed.
        // (In Hangul one did: 남아프리카, South Africa, is carried as one
        // word.)
        if term.phonetic_searched
            || !crate::phonetic::comparable(&term.text, term.script, Script::Latin)
            || (native_han && term.script == Script::Han)
            || (crate::phonetic::is_abjad(term.script)
                && term.carried()
                && term.text.chars().count() > MAX_AMBIGUOUS_ABJAD_LETTERS)
        {
            return 0;
        }
        term.phonetic_searched = true;
        // A Hangul word's final ng may be a nasal vowel's n (마크롱,
        // Macron): its words of those classes too.
        let nasal = crate::phonetic::final_ng_as_n(&term.text, term.script);
        let mut words = Vec::new();
        for heard in std::iter::once(term.text.as_str()).chain(nasal.as_deref()) {
            let spelling = crate::phonetic::by_ear_spelling(heard, term.script);
            let classes = crate::phonetic::classes(&spelling);
            if classes.len() < 2 {
                continue;
            }
            if budget.fuzzy_keys >= self.config.max_fuzzy_keys {
                budget.exhausted = true;
                break;
            }
            for found in self.nearest_of_classes(
                dict.words(),
                &term.text,
                term.script,
                &classes,
                budget,
                |word, value| Some(weights.weight_of(word, dict.postings(value).entity_count())),
            ) {
                if !words.iter().any(|w: &(u64, f32, f32)| w.0 == found.0) {
                    words.push(found);
                }
            }
        }
        let found = words.len();
        for (value, similarity, weight) in words {
            term.expansions.push(Expansion {
                postings: ExpansionPostings::Key(dict.postings(value)),
                kind: None,
                fuzzy: None,
                mass: similarity * (term.weight + weight) / 2.0,
                enumerated: false,
                copies: 1,
            });
        }
        found
    }

    /// The words of `map` (its single-word keys) whose consonant classes
    /// are `classes`, as (value, similarity to `heard`, `weigh(word,
    /// value)`; a word `weigh` gives `None` is left out), the nearest
    /// [`MAX_PHONETIC_WORDS`] spellings only, the walk counted against the
    /// fuzzy key budget.
    fn nearest_of_classes<D: AsRef<[u8]>>(
        &self,
        map: &fst::Map<D>,
        heard: &str,
        script: Script,
        classes: &str,
        budget: &mut SearchBudget,
        mut weigh: impl FnMut(&str, u64) -> Option<f32>,
    ) -> Vec<(u64, f32, f32)> {
        let mut words: Vec<(u64, f32, f32)> = Vec::new();
        let collapse = crate::phonetic::is_abjad(script);
        let classes = if collapse {
            std::borrow::Cow::Owned(crate::phonetic::collapsed(classes))
        } else {
            std::borrow::Cow::Borrowed(classes)
        };
        let (visited, cut) = crate::phonetic::words_of_classes(
            map,
            &classes,
            collapse,
            self.config.max_fuzzy_keys - budget.fuzzy_keys,
            |key, value| {
                let Ok(word) = std::str::from_utf8(key) else {
                    return;
                };
                if let Some((similarity, _)) = score::phonetic_similarity(heard, script, word) {
                    if let Some(weight) = weigh(word, value) {
                        words.push((value, similarity, weight));
                    }
                }
            },
        );
        budget.fuzzy_keys += visited;
        budget.exhausted |= cut;
        words.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        words.truncate(MAX_PHONETIC_WORDS);
        words
    }

    /// For a query of one word written by ear whose alias may be several
    /// ("seurirangka", 스리랑카, for Sri Lanka): the aliases under the
    /// single-word keys (joined keys included) whose consonant classes are
    /// the query word's, the nearest [`MAX_PHONETIC_WORDS`] spellings, as
    /// candidates. Only for a lossy script other than Han, with four
    /// classes or more; scored by the `phonetic-joined` rule of
    /// [`score::align_tokens`].
    fn joined_phonetic_candidates(
        &self,
        dict: &Dictionary,
        name: &NormalizedName,
        candidates: &mut FastMap<u32, Candidate>,
        budget: &mut SearchBudget,
    ) -> usize {
        // The query as one word: its one-token spelling (스리랑카 is "seu
        // ri rang ka" and "seurirangka"); a query of several words is not
        // searched (see `score::align_tokens`, rule `phonetic-joined`).
        let Some(heard) = name.spellings.iter().find_map(|s| {
            let mut names = s.iter().filter(|t| t.role == TokenRole::Name);
            match (names.next(), names.next()) {
                (Some(t), None) => Some(t),
                _ => None,
            }
        }) else {
            return 0;
        };
        let Some(classes) = crate::phonetic::heard_as_one_word(heard) else {
            return 0;
        };
        if budget.fuzzy_keys >= self.config.max_fuzzy_keys {
            return 0;
        }
        let keys = self.nearest_of_classes(
            dict.keys(),
            &heard.text,
            heard.script,
            &classes,
            budget,
            |_, _| Some(0.0),
        );
        self.add_words_postings(dict, &keys, KeyKind::Joined, candidates, budget)
    }

    /// The postings of the words [`Resolver::nearest_of_classes`] found,
    /// as candidates found by `kind`; returns how many words.
    fn add_words_postings(
        &self,
        dict: &Dictionary,
        words: &[(u64, f32, f32)],
        kind: KeyKind,
        candidates: &mut FastMap<u32, Candidate>,
        budget: &mut SearchBudget,
    ) -> usize {
        for &(value, _, _) in words {
            self.add_key_postings(
                dict.postings(value),
                kind,
                candidates,
                &mut budget.exhausted,
            );
        }
        words.len()
    }

    /// For a query written in an abjad whose words may be the syllables
    /// of one word of an alphabet (شي جين بينغ, "shy jyn byngh": Xi
    /// Jinping): the aliases carrying a word of as many syllables whose
    /// consonant classes are those of two or three adjacent words joined
    /// (the nearest [`MAX_PHONETIC_WORDS`] spellings), as candidates;
    /// scored by the `phonetic-syllables` rule of [`score::align_tokens`].
    /// The primary spelling only; a word that some alias carries as
    /// written is a name, not a syllable, and a run must have three
    /// classes or more (two are carried by hundreds of words).
    fn heard_syllables_candidates(
        &self,
        dict: &Dictionary,
        name: &NormalizedName,
        candidates: &mut FastMap<u32, Candidate>,
        budget: &mut SearchBudget,
    ) -> usize {
        let Some(tokens) = name.spellings.first().filter(|t| t.len() >= 2) else {
            return 0;
        };
        // Per word: a syllable that no alias carries as written (one
        // look-up per word, not per run).
        let syllables: Vec<bool> = tokens
            .iter()
            .map(|t| {
                t.role == TokenRole::Name
                    && crate::phonetic::is_heard_syllable(&t.text, t.script)
                    && dict.lookup(&t.text).remaining() == 0
            })
            .collect();
        if !syllables.contains(&true) {
            return 0;
        }
        let mut found = 0;
        let mut joined = String::new();
        for len in 2..=score::MAX_HEARD_SYLLABLES {
            for (start, run) in tokens.windows(len).enumerate() {
                if !syllables[start..start + len].iter().all(|&s| s)
                    || run.iter().any(|t| t.script != run[0].script)
                {
                    continue;
                }
                joined.clear();
                for t in run {
                    joined.push_str(&t.text);
                }
                let spelling = crate::phonetic::by_ear_spelling(&joined, run[0].script);
                let classes = crate::phonetic::classes(&spelling);
                if crate::phonetic::collapsed(&classes).len() < 3 {
                    continue;
                }
                if budget.fuzzy_keys >= self.config.max_fuzzy_keys {
                    budget.exhausted = true;
                    return found;
                }
                let words = self.nearest_of_classes(
                    dict.words(),
                    &joined,
                    run[0].script,
                    &classes,
                    budget,
                    |word, _| (crate::phonetic::syllables(word) == len).then_some(0.0),
                );
                found += self.add_words_postings(dict, &words, KeyKind::Token, candidates, budget);
            }
        }
        found
    }

    /// The edits a term's fuzzy search allows at first: by its length, as
    /// scoring counts a token pair similar (see [`score::allowed_edits`]).
    fn first_distance(term: &Term<'_>) -> u32 {
        score::allowed_edits(term.text.chars().count())
    }

    /// The edits a term's fuzzy search allows when nothing strong was
    /// found: scoring accepts a pair down to 60% similarity (two edits in
    /// a token of five, one in a token of three against one of four), so
    /// tokens of four characters or more are searched within two, and
    /// tokens of three within one.
    ///
    /// A three-character token that some alias carries is taken as
    /// written in a query of one word: its neighbours ("van", "ven",
    /// "vin") are common and many. In a query of `several` words the other
    /// words find the candidates and the neighbours, too costly to read
    /// for candidates, only mark those that carry them (the prefix filter
    /// of [`QueryTerms::needed`]): "Ban Howard" finds Ian Howard. On the
    /// evaluation sets this found two typos (seeds 8 and 9) and changed no
    /// other answer; on 1,500 typo and absent queries of the 1M-alias
    /// workload it changed none.
    fn last_distance(term: &Term<'_>, several: bool) -> u32 {
        match term.text.chars().count() {
            0..=2 => 0,
            3 if term.carried() && !several => 0,
            3 => 1,
            _ => 2,
        }
    }

    /// One Levenshtein automaton search for [`Resolver::fuzzy_expansions`];
    /// the number of neighbours found.
    fn fuzzy_search<'d>(
        &self,
        dict: &'d Dictionary,
        term: &mut Term<'d>,
        distance: u32,
        len: usize,
        weights: &IdfWeights<'_>,
        budget: &mut SearchBudget,
    ) -> usize {
        if budget.fuzzy_keys >= self.config.max_fuzzy_keys {
            budget.exhausted = true;
            return 0;
        }
        let mut found = 0;
        let already = term.fuzzy_distance;
        let mut neighbours: Vec<(u64, u32, f32)> = Vec::new();
        let stats = crate::fuzzy::neighbours(
            dict.words(),
            &term.text,
            distance,
            self.config.max_fuzzy_keys - budget.fuzzy_keys,
            |key, value, edits| {
                if edits <= already {
                    return;
                }
                let Ok(key_text) = std::str::from_utf8(key) else {
                    return;
                };
                let longer = len.max(key_text.chars().count()).max(1);
                let similarity = (1.0 - edits as f32 / longer as f32).max(0.0);
                let df = dict.postings(value).entity_count();
                neighbours.push((
                    value,
                    edits,
                    similarity * (term.weight + weights.weight_of(key_text, df)) / 2.0,
                ));
            },
        );
        budget.fuzzy_keys += stats.visited;
        budget.exhausted |= stats.cut;
        for (value, edits, mass) in neighbours {
            found += 1;
            term.expansions.push(Expansion {
                postings: ExpansionPostings::Key(dict.postings(value)),
                kind: None,
                fuzzy: Some(edits),
                mass,
                enumerated: false,
                copies: 1,
            });
        }
        found
    }

    /// For the word of a one-word query (a place's name, most often), the
    /// keys one edit from its [`crate::key::skeleton`] (of six letters or
    /// more): Варшава "varshava" is three edits from Warsaw, its skeleton
    /// "varsava" one from Warsaw's skeleton key "varsav". The walk is over
    /// the `keys` FST, whose one-word keys hold one-word names' skeletons;
    /// the number of keys found. The spellings of one word mostly share
    /// their skeleton (`searched`): it is walked once.
    fn skeleton_neighbours<'d>(
        &self,
        dict: &'d Dictionary,
        term: &mut Term<'d>,
        searched: &mut Vec<String>,
        weights: &IdfWeights<'_>,
        budget: &mut SearchBudget,
    ) -> usize {
        let skeleton = crate::key::skeleton(&term.text);
        if skeleton.len() < 6
            || searched.contains(&skeleton)
            || budget.fuzzy_keys >= self.config.max_fuzzy_keys
        {
            return 0;
        }
        searched.push(skeleton.clone());
        let mut neighbours: Vec<(u64, f32)> = Vec::new();
        let stats = crate::fuzzy::neighbours(
            dict.keys(),
            &skeleton,
            1,
            self.config.max_fuzzy_keys - budget.fuzzy_keys,
            |key, value, edits| {
                if edits == 0 && key == term.text.as_bytes() {
                    return; // the word itself, read with the term
                }
                let Ok(key_text) = std::str::from_utf8(key) else {
                    return;
                };
                let longer = skeleton.len().max(key_text.len());
                let similarity = 1.0 - edits as f32 / longer as f32;
                let df = dict.postings(value).entity_count();
                neighbours.push((
                    value,
                    similarity * (term.weight + weights.weight_of(key_text, df)) / 2.0,
                ));
            },
        );
        budget.fuzzy_keys += stats.visited;
        budget.exhausted |= stats.cut;
        let found = neighbours.len();
        for (value, mass) in neighbours {
            term.expansions.push(Expansion {
                postings: ExpansionPostings::Key(dict.postings(value)),
                kind: Some(KeyKind::Skeleton),
                fuzzy: None,
                mass,
                enumerated: false,
                copies: 1,
            });
        }
        found
    }

    /// Reads the postings of the terms some candidate must share for its
    /// score to reach the threshold (see [`QueryTerms::needed`]) into new
    /// candidates; then marks, on every candidate not yet scored, which of
    /// the other terms it carries too, so that candidates which cannot
    /// reach the threshold are never scored.
    fn gather_terms(
        &self,
        dict: &Dictionary,
        terms: &mut QueryTerms<'_>,
        candidates: &mut FastMap<u32, Candidate>,
        budget: &mut SearchBudget,
    ) {
        let needed = terms.needed(self.config.score.extra_weight, self.search_floor());
        let alias_count = dict.alias_count();
        let mut group_bits: Vec<u64> = Vec::new();
        for i in 0..terms.terms.len() {
            if needed & (1 << i) == 0 {
                continue;
            }
            for x in 0..terms.terms[i].expansions.len() {
                if terms.terms[i].expansions[x].enumerated {
                    continue;
                }
                // The spellings of one query word are terms of their own
                // (mykhailo, mikhaylo, mihajlo, michajlo for Михайло) that
                // share most expansions (the name-part groups): a list is
                // read once for every needed term that has it, with the
                // same effect as reading it once for each (the 1M-alias
                // typo query "Іван Михайло Мрчкликузь" read 145,000
                // postings into a full candidate map, 60% of its time).
                let same = terms.terms[i].expansions[x].identity();
                let (mut bits, mut copies): (TermSet, u32) = (0, 0);
                for (j, term) in terms.terms.iter_mut().enumerate().skip(i) {
                    if needed & (1 << j) == 0 {
                        continue;
                    }
                    for e in term.expansions.iter_mut() {
                        if !e.enumerated && e.identity() == same {
                            e.enumerated = true;
                            bits |= 1 << j;
                            copies += e.copies;
                        }
                    }
                }
                let e = &terms.terms[i].expansions[x];
                let max = self.config.max_postings_per_key;
                if e.postings.remaining() as usize > max {
                    budget.exhausted = true;
                }
                let (mut from_key, mut from_group);
                let listed: &mut dyn Iterator<Item = crate::dict::Posting> = match &e.postings {
                    ExpansionPostings::Key(list) => {
                        from_key = list.clone();
                        &mut from_key
                    }
                    ExpansionPostings::Group(group) => {
                        let aliases = first_of_group(group, max, alias_count, &mut group_bits);
                        from_group = aliases.into_iter().map(|alias| crate::dict::Posting {
                            alias,
                            kinds: KeyKinds::default(),
                        });
                        &mut from_group
                    }
                };
                for p in listed.take(max) {
                    if candidates.len() >= self.config.max_candidates
                        && !candidates.contains_key(&p.alias)
                    {
                        budget.exhausted = true;
                        break;
                    }
                    let c = candidates.entry(p.alias).or_default();
                    c.hits += copies;
                    c.terms |= bits;
                    match e.kind {
                        Some(k) => c.found_by.insert(k),
                        None => c.found_by.0 |= p.kinds.0,
                    }
                    if let Some(d) = e.fuzzy {
                        let d = u8::try_from(d).unwrap_or(u8::MAX);
                        c.fuzzy_edits = Some(c.fuzzy_edits.map_or(d, |x| x.min(d)));
                    }
                }
            }
        }
        // The other terms, cheapest first: walk their posting lists (sorted
        // by alias) beside the sorted unscored candidates. A term the
        // probe budget leaves unwalked counts as carried by every
        // candidate, which keeps the bounds safe.
        let mut others: Vec<usize> = (0..terms.terms.len())
            .filter(|i| needed & (1 << i) == 0)
            .collect();
        others.sort_by_key(|&i| (terms.terms[i].cost(), i));
        terms.unprobed = others.iter().fold(0, |m, i| m | 1 << i);
        let mut open: Vec<u32> = candidates
            .iter()
            .filter(|(_, c)| !c.scored)
            .map(|(a, _)| *a)
            .collect();
        if open.is_empty() {
            return;
        }
        open.sort_unstable();
        // The terms the probe budget allows, cheapest first; each distinct
        // list among their expansions is walked once, for every term that
        // has it (as in the enumeration above).
        let mut walks: Vec<((usize, u64), &ExpansionPostings<'_>, TermSet, u32)> = Vec::new();
        for i in others {
            let term = &terms.terms[i];
            budget.probed += term.cost();
            if budget.probed > self.config.max_probed_postings as u64 {
                budget.exhausted = true;
                break;
            }
            for e in &term.expansions {
                let same = e.postings.identity();
                match walks.iter_mut().find(|w| w.0 == same) {
                    Some(w) => {
                        w.2 |= 1 << i;
                        w.3 += e.copies;
                    }
                    None => walks.push((same, &e.postings, 1 << i, e.copies)),
                }
            }
            terms.unprobed &= !(1 << i);
        }
        // A group is walked list by list, not merged: the merge scans
        // every list's head for each alias it yields, most of the probing
        // time of Cyrillic typo queries over the 1M-alias dictionary (a
        // given name's six groups of 4 to 11 lists each), and one token's
        // list is in several groups of the term (read once here).
        let mut in_lists: FastMap<(usize, u64), Vec<u32>> = FastMap::default();
        // Per open candidate, the last group walk that counted it: a
        // group counts an alias once, whichever of its lists hold it.
        let mut counted_by: Vec<u32> = vec![0; open.len()];
        for (walk, (_, postings, bits, copies)) in (1u32..).zip(walks) {
            let mut mark = |at: u32| {
                if let Some(c) = candidates.get_mut(&open[at as usize]) {
                    c.hits += copies;
                    c.terms |= bits;
                }
            };
            match postings {
                ExpansionPostings::Key(list) => {
                    for at in open_positions(&open, list.clone()) {
                        mark(at);
                    }
                }
                ExpansionPostings::Group(group) => {
                    for (identity, list) in group.token_lists() {
                        let positions = in_lists
                            .entry(identity)
                            .or_insert_with(|| open_positions(&open, list).collect());
                        for &at in positions.iter() {
                            if counted_by[at as usize] != walk {
                                counted_by[at as usize] = walk;
                                mark(at);
                            }
                        }
                    }
                }
            }
        }
    }

    /// Most candidates scored for `query` ([`ResolverConfig::max_scored`],
    /// or [`ResolverConfig::max_scored_uncertain`] for a query whose
    /// candidates rank less reliably).
    fn max_scored(&self, query: &Query<'_>) -> usize {
        if query.uncertain {
            self.config.max_scored_uncertain
        } else {
            self.config.max_scored
        }
    }

    /// The lowest upper bound worth scoring: candidates whose best
    /// possible score is below it are skipped. The margin under the
    /// threshold covers what the bound does not model (the alias side's
    /// token weights).
    fn search_floor(&self) -> f32 {
        self.config.threshold - BOUND_MARGIN
    }

    /// Resolves `name` in one dictionary; its spellings from `read_from`
    /// on are readings of the name as pinyin (see [`with_reading`]).
    fn resolve_in(
        &self,
        dict: &Dictionary,
        name: &NormalizedName,
        query: &str,
        read: (usize, Option<Reading>),
    ) -> (Vec<Match>, bool, bool) {
        if name.is_empty() {
            return (Vec::new(), false, false);
        }
        let mut budget = SearchBudget::default();
        let mut candidates: FastMap<u32, Candidate> = FastMap::default();
        let text = query;
        let query = Query::new(name, query, dict, &self.config.score, read);
        let mut best: FastMap<u32, Scored> = FastMap::default();
        let parts = query.parts;
        let top = |best: &FastMap<u32, Scored>| best.values().map(|s| s.score).fold(0.0, f32::max);
        // Whole-name keys, strongest first: exact, then sorted and joined,
        // each scored at once. A full match ends the search there: token
        // and name-part look-ups (the costly part for common name parts)
        // can only add weaker candidates. Not for one-part names: "Kallas"
        // must still reach every Kallas. Skeleton and initials keys, which
        // may carry thousands of aliases ("j smith"), go with the terms.
        let keys = name.keys();
        let mut full = false;
        for kinds in [&[KeyKind::Exact][..], &[KeyKind::Sorted, KeyKind::Joined]] {
            for key in keys.iter().filter(|k| kinds.contains(&k.kind)) {
                self.add_key_postings(
                    dict.lookup(&key.text),
                    key.kind,
                    &mut candidates,
                    &mut budget.exhausted,
                );
            }
            self.score_candidates(dict, &query, &mut candidates, &mut best, &mut budget, None);
            if parts > 1 && top(&best) >= FULL_MATCH {
                full = true;
                break;
            }
        }
        if !full {
            // A skeleton or initials key carried by more aliases than can
            // be scored says little ("j smith" at 1M aliases): its aliases
            // are left to the term search, which finds every one carrying
            // the rarest name parts.
            for key in keys
                .iter()
                .filter(|k| matches!(k.kind, KeyKind::Skeleton | KeyKind::Initials))
            {
                let postings = dict.lookup(&key.text);
                if postings.remaining() as usize <= self.config.max_scored {
                    self.add_key_postings(
                        postings,
                        key.kind,
                        &mut candidates,
                        &mut budget.exhausted,
                    );
                }
            }
        }
        if !full {
            let mut terms = self.query_terms(dict, name, &query.weights, &mut budget);
            // Then, while nothing strong was found, the fuzzy neighbours of
            // every token, nearest first: a typo that lands on another real
            // name part, or a misspelled common name beside a rare one.
            for step in 0..3 {
                if step > 0 {
                    if top(&best) >= STRONG_MATCH {
                        break;
                    }
                    // Nothing a further stage finds could be scored: its
                    // fuzzy and phonetic searches would be wasted (they
                    // were most of the slowest absent and typo queries of
                    // the 1M-alias benchmark, after the term of a common
                    // name part had brought more candidates than can be
                    // scored).
                    if budget.scored >= self.max_scored(&query) {
                        budget.exhausted = true;
                        break;
                    }
                    let mut found = 0;
                    // The primary spelling's tokens only: the other
                    // transliterations of a name differ from them by an
                    // edit or two, and searching each (five spellings of a
                    // Cyrillic name) made the slowest queries five times
                    // slower.
                    if step == 1 {
                        found += self.joined_phonetic_candidates(
                            dict,
                            name,
                            &mut candidates,
                            &mut budget,
                        );
                        found += self.heard_syllables_candidates(
                            dict,
                            name,
                            &mut candidates,
                            &mut budget,
                        );
                    }
                    let several = terms.spellings.iter().any(|s| s.len() > 1);
                    let mut skeletons_searched: Vec<String> = Vec::new();
                    for term in terms.terms.iter_mut() {
                        if step == 1 {
                            found += self.nickname_expansions(dict, term);
                            found += self.phonetic_expansions(
                                dict,
                                term,
                                query.native_han,
                                &query.weights,
                                &mut budget,
                            );
                        }
                        if !term.primary {
                            continue;
                        }
                        if step == 1 && !several {
                            found += self.skeleton_neighbours(
                                dict,
                                term,
                                &mut skeletons_searched,
                                &query.weights,
                                &mut budget,
                            );
                        }
                        let distance = if step == 1 {
                            Self::first_distance(term)
                        } else {
                            Self::last_distance(term, several)
                        };
                        found += self.fuzzy_expansions(
                            dict,
                            term,
                            distance,
                            &query.weights,
                            &mut budget,
                        );
                    }
                    if found == 0 {
                        continue;
                    }
                }
                self.gather_terms(dict, &mut terms, &mut candidates, &mut budget);
                self.score_candidates(
                    dict,
                    &query,
                    &mut candidates,
                    &mut best,
                    &mut budget,
                    Some(&terms),
                );
            }
        }
        let mut ranked: Vec<Scored> = best
            .into_values()
            .filter(|s| s.score >= self.config.threshold)
            .collect();
        ranked.sort_by(|a, b| {
            b.score
                .partial_cmp(&a.score)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then_with(|| a.entity.cmp(&b.entity))
        });
        // A query of one name part shared by several entities is ambiguous
        // whatever the scores say.
        let shared = parts == 1 && ranked.len() >= 2;
        // Only the matches that can be returned get their explanation: the
        // best `top_k`, and at least two, so that `resolve` can see and
        // show an ambiguity.
        let keep = self.config.top_k.max(2);
        order_ties(dict, &mut ranked, keep, text);
        let mut matches = Vec::with_capacity(ranked.len().min(keep));
        for s in ranked.iter().take(keep) {
            if let Some(m) = self.explain(dict, &query, s) {
                matches.push(m);
            }
        }
        (matches, budget.exhausted, shared)
    }

    /// Scores the candidates not scored yet, best-founded first, within
    /// the scoring budget; keeps each entity's best alias in `best`. With
    /// `terms`, candidates that carry too few of the query's tokens to
    /// reach the threshold are skipped unscored.
    fn score_candidates(
        &self,
        dict: &Dictionary,
        query: &Query<'_>,
        candidates: &mut FastMap<u32, Candidate>,
        best: &mut FastMap<u32, Scored>,
        budget: &mut SearchBudget,
        terms: Option<&QueryTerms<'_>>,
    ) {
        let floor = self.search_floor();
        // Bounds by the set of terms carried: few distinct sets among many
        // candidates.
        let mut bounds: FastMap<TermSet, f32> = FastMap::default();
        let mut ordered: Vec<(u32, Candidate, f32)> = Vec::new();
        let unlisted = terms.map_or(0, QueryTerms::unlisted);
        for (&alias, c) in candidates.iter() {
            if c.scored {
                continue;
            }
            let whole = c.found_by.0 & !(KeyKind::Token.bit() | KeyKind::NamePart.bit()) != 0;
            let bound = match terms {
                Some(t) if !whole => {
                    let carried = c.terms | t.unprobed | unlisted;
                    *bounds
                        .entry(carried)
                        .or_insert_with(|| t.bound(carried, self.config.score.extra_weight))
                }
                _ => 1.0,
            };
            // Not marked as scored: a later stage may find it carries
            // more of the query.
            if bound < floor {
                continue;
            }
            ordered.push((alias, *c, bound));
        }
        // Most promising first: the highest bound (whole-name keys), then
        // the candidates found by the most look-ups, stronger key kinds,
        // alias order. Only the part that can be scored is sorted.
        let order = |(a, x, bx): &(u32, Candidate, f32), (b, y, by): &(u32, Candidate, f32)| {
            by.partial_cmp(bx)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then_with(|| y.hits.cmp(&x.hits))
                .then_with(|| {
                    x.found_by
                        .0
                        .trailing_zeros()
                        .cmp(&y.found_by.0.trailing_zeros())
                })
                .then_with(|| a.cmp(b))
        };
        let allowed = self.max_scored(query).saturating_sub(budget.scored);
        if ordered.len() > allowed {
            budget.exhausted = true;
            if allowed > 0 {
                ordered.select_nth_unstable_by(allowed - 1, order);
            }
            ordered.truncate(allowed);
        }
        ordered.sort_unstable_by(order);
        budget.scored += ordered.len();
        for (alias_index, candidate, _) in ordered {
            if let Some(c) = candidates.get_mut(&alias_index) {
                c.scored = true;
            }
            let Some((score, entity, query_spelling, alias_spelling)) =
                self.score_alias(dict, query, alias_index)
            else {
                continue;
            };
            let s = Scored {
                entity,
                alias: alias_index,
                score: (score * 10_000.0).round() / 10_000.0,
                query_spelling,
                alias_spelling,
                found_by: candidate.found_by,
                fuzzy_edits: candidate.fuzzy_edits.map(u32::from),
            };
            match best.get(&entity) {
                Some(old) if old.score >= s.score => {}
                _ => {
                    best.insert(entity, s);
                }
            }
        }
    }

    /// The alias's spellings as scoring compares them: a person's name in
    /// Han characters in its customary grouping only (li keqiang, not li
    /// ke qiang), so that a missing syllable is not taken for a missing
    /// middle name. Other names are not grouped so (王涛云能源有限公司 is
    /// no surname and given name), and keep their syllables.
    /// Legal forms are replaced by their class except in a person's name
    /// ("Moon Jae-in" does not end in Inc).
    fn alias_spellings(
        &self,
        text: &str,
        kind: EntityKind,
    ) -> (Vec<Vec<crate::normalize::Token>>, Vec<Script>) {
        let alias_norm = self.normalizer.normalize(text);
        let han = alias_norm.scripts.contains(&Script::Han);
        let mut spellings = alias_norm.spellings;
        if han && spellings.len() > 1 && kind == EntityKind::Person {
            spellings.drain(..spellings.len() - 1);
        }
        if kind != EntityKind::Person {
            replace_legal_forms(&mut spellings);
        }
        (spellings, alias_norm.scripts)
    }

    /// Scores one alias against the query, without the explanation: the
    /// score after adjustments, the entity, and the spellings that gave it.
    fn score_alias(
        &self,
        dict: &Dictionary,
        query: &Query<'_>,
        alias_index: u32,
    ) -> Option<(f32, u32, usize, usize)> {
        let alias = dict.alias(alias_index).ok()?;
        let entity = dict.entity(alias.entity).ok()?;
        if self.config.kind.is_some_and(|k| k != entity.kind) {
            return None;
        }
        let (alias_spellings, alias_scripts) = self.alias_spellings(alias.name, entity.kind);
        let query_spellings = query.spellings_for(entity.kind);
        // Two names in one script have their spellings made by the same
        // transliterations in the same order: each pair of the same
        // scheme is compared (press with press, ISO with ISO), not every
        // pair, which was most of the scoring time for Cyrillic names.
        let same_schemes = alias_spellings.len() > 1
            && alias_spellings.len() == query_spellings.len()
            && alias_scripts == query.name.scripts;
        let mut best: Option<(f32, usize, usize)> = None;
        for (aj, alias_spelling) in alias_spellings.iter().enumerate() {
            let alias_tokens = alias_tokens(alias_spelling);
            for (si, spelling) in query_spellings.iter().enumerate() {
                if (same_schemes && si != aj) || !query.reads_for(si, entity.kind) {
                    continue;
                }
                let d = score::align_tokens(
                    spelling,
                    &alias_tokens,
                    &query.weights,
                    &mut |q, a| query.similarity(q, a, entity.kind == EntityKind::Person),
                    query.config_for(entity.kind),
                    false,
                );
                let score = d.score * query.spelling_factor(si);
                if best.is_none_or(|(b, _, _)| score > b) {
                    best = Some((score, si, aj));
                }
            }
        }
        let (score, si, aj) = best?;
        let factor = self
            .adjustments(
                query,
                &alias,
                (&alias_spellings[aj], &alias_scripts),
                &entity,
            )
            .iter()
            .map(|(f, _)| f)
            .product::<f32>();
        Some((score * factor, alias.entity, si, aj))
    }

    /// For a query in Han characters or Hangul met through an alias in
    /// another script ("Wang Yi" for 王怡): the factor of the entity's own
    /// names in those characters of the query's length, when it has some
    /// and none is the query's name (王毅 is another name that reads
    /// alike). The entity's aliases are contiguous (FORMAT.md, `aliases`),
    /// read outward from this one, at most [`MAX_SIBLING_ALIASES`] each way.
    fn native_sibling_factor(
        &self,
        query: &Query<'_>,
        alias: &crate::dict::AliasRef<'_>,
        per_character: f32,
    ) -> Option<(f32, String)> {
        let dict = query.weights.dict;
        let siblings = (1..=MAX_SIBLING_ALIASES)
            .map_while(|k| alias.index.checked_sub(k))
            .map_while(|i| dict.alias(i).ok().filter(|a| a.entity == alias.entity))
            .chain(
                (1..=MAX_SIBLING_ALIASES)
                    .map_while(|k| alias.index.checked_add(k))
                    .map_while(|i| dict.alias(i).ok().filter(|a| a.entity == alias.entity)),
            );
        let mut nearest: Option<(usize, String)> = None;
        for sibling in siblings {
            let native = native_characters(sibling.name);
            match native_differences(&query.native, &native) {
                Some(0) => return None,
                Some(n) if !native.is_empty() && nearest.as_ref().is_none_or(|(m, _)| n < *m) => {
                    nearest = Some((n, native));
                }
                _ => {}
            }
        }
        let (n, native) = nearest?;
        let factor = per_character.powi(n.min(8) as i32);
        Some((
            factor,
            format!("characters-differ:{n} ({native}) x{factor}"),
        ))
    }

    /// The factors applied to a candidate's token score, with their names:
    /// gender and kind hints of the query's titles, Han character identity.
    fn adjustments(
        &self,
        query: &Query<'_>,
        alias: &crate::dict::AliasRef<'_>,
        (alias_spelling, alias_scripts): (&[crate::normalize::Token], &[Script]),
        entity: &crate::dict::EntityRef<'_>,
    ) -> Vec<(f32, String)> {
        let config = &self.config.score;
        let mut out = Vec::new();
        // A Latin query met through a person's one-word name in another
        // script (卡拉斯, how Chinese names Kaja Kallas) matched a part of
        // the name, as if through the family name alone in Latin letters
        // ("Ms. Kallas" was Kaja Kallas "via 卡拉斯" at 0.95, above her
        // own name at 0.85).
        if entity.kind == EntityKind::Person
            && query.name.scripts == [Script::Latin]
            && !alias_scripts.contains(&Script::Latin)
            && alias_spelling
                .iter()
                .filter(|t| t.role == TokenRole::Name)
                .count()
                == 1
            && entity.name.split_whitespace().nth(1).is_some()
        {
            out.push((
                SHORT_NAME_ACROSS_SCRIPTS,
                format!("short-name-across-scripts x{SHORT_NAME_ACROSS_SCRIPTS}"),
            ));
        }
        if let (Some(q), Some(e)) = (query.name.gender, entity.gender) {
            if q != e {
                out.push((
                    config.gender_mismatch,
                    format!("gender-mismatch x{}", config.gender_mismatch),
                ));
            }
        }
        // Han names that read alike but are written differently (王怡,
        // 王毅: both wang yi) are told apart by their characters.
        if !query.han.is_empty() && han_characters(alias.name).is_empty() {
            out.push((HAN_BY_READING, format!("han-by-reading x{HAN_BY_READING}")));
        }
        if !query.native.is_empty() {
            let per_character = if entity.kind == EntityKind::Person {
                config.native_character_differs
            } else {
                score_config_for(Some(entity.kind)).native_character_differs
            };
            let alias_native = native_characters(alias.name);
            let factor = if alias_native.is_empty() {
                self.native_sibling_factor(query, alias, per_character)
            } else {
                native_characters_factor(&query.native, &alias_native, per_character)
            };
            out.extend(factor);
        }
        if !query.name.titles.is_empty() && entity.kind != EntityKind::Person {
            out.push((
                config.kind_mismatch,
                format!("kind-mismatch x{}", config.kind_mismatch),
            ));
        }
        out
    }

    /// The full match, explanation included, of a scored candidate.
    fn explain(&self, dict: &Dictionary, query: &Query<'_>, s: &Scored) -> Option<Match> {
        let alias = dict.alias(s.alias).ok()?;
        let entity = dict.entity(alias.entity).ok()?;
        let (alias_spellings, alias_scripts) = self.alias_spellings(alias.name, entity.kind);
        let alias_tokens = alias_tokens(alias_spellings.get(s.alias_spelling)?);
        let spelling = query.spellings_for(entity.kind).get(s.query_spelling)?;
        let mut detail = score::align_tokens(
            spelling,
            &alias_tokens,
            &query.weights,
            &mut |q, a| query.similarity(q, a, entity.kind == EntityKind::Person),
            query.config_for(entity.kind),
            true,
        );
        if let Some(reading) = query
            .reading
            .filter(|_| s.query_spelling >= query.read_from)
        {
            detail.score *= reading.factor();
            detail.adjustments.push(reading.adjustment());
        }
        for (factor, name) in self.adjustments(
            query,
            &alias,
            (&alias_spellings[s.alias_spelling], &alias_scripts),
            &entity,
        ) {
            detail.score *= factor;
            detail.adjustments.push(name);
        }
        let mut found_by: Vec<String> = s.found_by.iter().map(|k| k.name().to_string()).collect();
        if let Some(e) = s.fuzzy_edits {
            found_by.push(format!("fuzzy:{e}"));
        }
        Some(Match {
            id: entity.id.to_string(),
            name: entity.name.to_string(),
            kind: entity.kind,
            score: s.score,
            alias: alias.name.to_string(),
            ambiguous: false,
            explanation: Explanation {
                alias: alias.name.to_string(),
                alias_lang: alias.lang.map(str::to_string),
                alias_rule: alias.rule.map(str::to_string),
                found_by,
                query: crate::normalize::join_tokens(&query.name.spellings[s.query_spelling]),
                alias_normalized: dict.normalizer().normalize(alias.name).text(),
                detail,
            },
        })
    }
}

/// Among matches of equal score, those whose alias is the query as
/// written come first (МЭА, the International Energy Agency's acronym in
/// Russian, before the Latin "MEA" it transliterates to); then, of
/// those, the ones whose alias is their entity's canonical name; then
/// those through an alias as given before those through a derived one (a
/// Hán-Việt reading, an acronym in Russian); then by entity index. Two
/// entities often share an alias text: "Ashley, Michael" for Michael
/// William Ashley reads like the canonical name of Michael Ashley, and a
/// query "Michael Asley" scores both the same. The
/// entity known by that name is the likelier one, and a name given is
/// stronger evidence than one derived (ЕС is the European Union's as
/// given, and the European Council's as derived from its English words);
/// all stay in the result, flagged ambiguous. Only the runs of ties among
/// the first `keep` are reordered (a record read per tied match).
fn order_ties(dict: &Dictionary, ranked: &mut [Scored], keep: usize, query: &str) {
    let query = query.trim().to_lowercase();
    let mut start = 0;
    while start < ranked.len().min(keep) {
        let score = ranked[start].score;
        let end = start
            + ranked[start..]
                .iter()
                .take_while(|s| s.score == score)
                .count();
        if end - start >= 2 {
            ranked[start..end].sort_by_cached_key(|s| {
                let Ok(a) = dict.alias(s.alias) else {
                    return (true, true, true, s.entity);
                };
                let canonical = dict.entity(a.entity).is_ok_and(|e| e.name == a.name);
                let as_written = a.name.to_lowercase() == query;
                (!as_written, !canonical, a.rule.is_some(), s.entity)
            });
        }
        start = end;
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
    let config = ScoreConfig {
        cap_extra: true,
        ..score_config_for(kind)
    };
    compare_with(&Normalizer::new(), &config, DEFAULT_THRESHOLD, a, b)
}

/// The scoring configuration for names of a kind (see [`compare_kind`]).
pub fn score_config_for(kind: Option<EntityKind>) -> ScoreConfig {
    match kind {
        Some(EntityKind::Org) | Some(EntityKind::Other) => ScoreConfig {
            extra_weight: 0.6,
            native_character_differs: 0.97,
            family_name_only: 1.0,
            compound_names: false,
            generation_differs: 1.0,
            ..ScoreConfig::default()
        },
        Some(EntityKind::Place) => ScoreConfig {
            native_character_differs: 0.97,
            family_name_only: 1.0,
            compound_names: false,
            generation_differs: 1.0,
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
    // Either name may be in Wade–Giles: it gets the pinyin spellings whose
    // words the other name has.
    let carries = |n: &NormalizedName, w: &str| n.spellings.iter().flatten().any(|t| t.text == w);
    let near = |n: &NormalizedName, w: &str| {
        n.spellings
            .iter()
            .flatten()
            .any(|t| crate::score::osa_distance(&t.text, w) <= 1)
    };
    let read_a = with_reading(normalizer, &na, a, |w| carries(&nb, w), |w| near(&nb, w));
    let read_b = with_reading(normalizer, &nb, b, |w| carries(&na, w), |w| near(&na, w));
    let read_from = (na.spellings.len(), nb.spellings.len());
    let mut readings = (None, None);
    if let Some((n, r)) = read_a {
        na = n;
        readings.0 = Some(r);
    }
    if let Some((n, r)) = read_b {
        nb = n;
        readings.1 = Some(r);
    }
    na.spellings = with_legal_forms(&na.spellings);
    nb.spellings = with_legal_forms(&nb.spellings);
    let eq = crate::knowledge::CachedEquivalence::default();
    let native_han = (
        crate::phonetic::is_native_han_name(&han_characters(a)),
        crate::phonetic::is_native_han_name(&han_characters(b)),
    );
    // The first name is the query (its family name alone may meet the
    // second's full name).
    let mut config = config.clone();
    if config.family_name_only < 1.0 && is_transcribed_han(&na, a, native_han.0) {
        config.family_name_only *= TRANSCRIBED_FAMILY_NAME_ONLY;
    }
    let config = &config;
    let mut similarity = |q: &crate::normalize::Token, a: &AliasToken<'_>| {
        if score::syllable_is_no_initial((&q.text, q.script), (a.text, a.script)) {
            return (0.0, "unmatched", None);
        }
        // Either name may be the one written by ear.
        let by_ear = crate::phonetic::ByEar::of((&q.text, q.script), (a.text, a.script), true);
        let by_ear = match by_ear {
            crate::phonetic::ByEar::First(Script::Han) if native_han.0 => {
                crate::phonetic::ByEar::Neither
            }
            crate::phonetic::ByEar::Second(Script::Han) if native_han.1 => {
                crate::phonetic::ByEar::Neither
            }
            other => other,
        };
        let eq = score::AsWritten {
            inner: &eq,
            scripts: (q.script, a.script),
        };
        let eq = &eq;
        score::pair_similarity(&q.text, q.role, a.text, a.role, by_ear, eq, config)
    };
    // Every pair of spellings scored without its explanation (names in
    // one script: the pairs of one transliteration scheme only, as in
    // `Resolver::resolve`); the explanation is built for the best pair.
    // Two Hangul names are compared by their Revised Romanization only:
    // it is lossless, and the press spellings merge syllables (정 jeong
    // and 종 jong are both "jong" there).
    let hangul = na.scripts == [Script::Hangul] && nb.scripts == [Script::Hangul];
    // Spellings of a reading (from `read_from` on) are no scheme: each
    // meets every spelling of the other name.
    let same_schemes = read_from.0 > 1 && read_from.0 == read_from.1 && na.scripts == nb.scripts;
    let mut best: Option<(f32, usize, usize)> = None;
    for (i, sa) in na.spellings.iter().enumerate() {
        for (j, sb) in nb.spellings.iter().enumerate() {
            let schemes = i < read_from.0 && j < read_from.1;
            if (same_schemes && schemes && i != j) || (hangul && i + j > 0) {
                continue;
            }
            let d = score::align_tokens(
                sa,
                &alias_tokens(sb),
                &score::DefaultWeights,
                &mut similarity,
                config,
                false,
            );
            let reading = match (i >= read_from.0, j >= read_from.1) {
                (true, _) => readings.0,
                (_, true) => readings.1,
                _ => None,
            };
            let score = d.score * reading.map_or(1.0, Reading::factor);
            if best.is_none_or(|(b, _, _)| score > b) {
                best = Some((score, i, j));
            }
        }
    }
    let mut detail = match best {
        Some((_, i, j)) => score::align_tokens(
            &na.spellings[i],
            &alias_tokens(&nb.spellings[j]),
            &score::DefaultWeights,
            &mut similarity,
            config,
            true,
        ),
        None => ScoreDetail {
            score: 0.0,
            token_score: 0.0,
            alignment: Vec::new(),
            whole_name_rule: None,
            adjustments: Vec::new(),
        },
    };
    let reading = match best {
        Some((_, i, _)) if i >= read_from.0 => readings.0,
        Some((_, _, j)) if j >= read_from.1 => readings.1,
        _ => None,
    };
    if let Some(reading) = reading {
        detail.score *= reading.factor();
        detail.adjustments.push(reading.adjustment());
    }
    score::apply_gender(&mut detail, na.gender, nb.gender, config);
    if let Some((factor, name)) = native_characters_factor(
        &native_characters(a),
        &native_characters(b),
        config.native_character_differs,
    ) {
        detail.score *= factor;
        detail.adjustments.push(name);
    }
    let score = (detail.score * 10_000.0).round() / 10_000.0;
    Comparison {
        a: a.to_string(),
        b: b.to_string(),
        score,
        is_match: score >= threshold,
        explanation: detail,
    }
}

/// The most aliases read on each side of a matched alias for the entity's
/// names in Han characters or Hangul (see
/// [`Resolver::native_sibling_factor`]).
const MAX_SIBLING_ALIASES: u32 = 32;

/// Factor on a Han-script name whose characters differ from another's of
/// another length (the token alignment has counted the missing ones).
const HAN_CHARACTERS_DIFFER: f32 = 0.97;

/// The factor on two names written in Han characters or Hangul (`a`, `b`:
/// those characters only) whose characters differ, and its name in
/// explanations: `per_character` for each differing character of two
/// names of one length ([`ScoreConfig::native_character_differs`]),
/// [`HAN_CHARACTERS_DIFFER`] for names of different lengths; `None` when
/// either is empty or they are the same characters (or the simplified and
/// traditional forms of them).
fn native_characters_factor(a: &str, b: &str, per_character: f32) -> Option<(f32, String)> {
    if a.is_empty() || b.is_empty() || a == b {
        return None;
    }
    match native_differences(a, b) {
        Some(0) => None,
        Some(n) => {
            let factor = per_character.powi(n.min(8) as i32);
            Some((factor, format!("characters-differ:{n} x{factor}")))
        }
        None => Some((
            HAN_CHARACTERS_DIFFER,
            format!("han-characters-differ x{HAN_CHARACTERS_DIFFER}"),
        )),
    }
}

/// [`crate::knowledge::han::differing_characters`] of two names in one
/// script (Han, or Hangul); `None` for names of different lengths or
/// scripts (김일성 and its Hanja 金日成 are one name).
fn native_differences(a: &str, b: &str) -> Option<usize> {
    let script = |s: &str| {
        let mut scripts = s.chars().map(Script::of);
        let first = scripts.next().flatten();
        scripts.all(|x| x == first).then_some(first).flatten()
    };
    match (script(a), script(b)) {
        (Some(x), Some(y)) if x == y => crate::knowledge::han::differing_characters(a, b),
        _ => None,
    }
}

/// The Han characters and Hangul syllables of a text, in order.
fn native_characters(text: &str) -> String {
    text.chars()
        .filter(|c| matches!(Script::of(*c), Some(Script::Han) | Some(Script::Hangul)))
        .collect()
}

/// Factor on an alias without Han characters met by a Han-script query
/// through its reading: the same characters are stronger evidence.
const HAN_BY_READING: f32 = 0.99;

/// The Han characters of a text, in order.
fn han_characters(text: &str) -> String {
    text.chars()
        .filter(|c| crate::normalize::Script::of(*c) == Some(crate::normalize::Script::Han))
        .collect()
}

/// The parts of a name that tell its bearer apart: its name tokens, and
/// a regnal number that is no name token ("Carlos III": III is a
/// suffix). A query of one part is matched alike by every entity that
/// carries it, and flagged ambiguous when several do; "Carlos III" is
/// not "Carlos".
fn name_part_count(name: &NormalizedName, text: &str) -> usize {
    let count = |tokens: &[crate::normalize::Token]| {
        tokens.iter().filter(|t| t.role == TokenRole::Name).count()
    };
    let mut names = count(name.tokens());
    // An abjad's word that folds to a title (آدم Adam, "adm") is kept in a
    // spelling of its own (`Normalizer::normalize`): it is a part there.
    if !name.titles.is_empty() && name.scripts.iter().all(|s| crate::phonetic::is_abjad(*s)) {
        names = name
            .spellings
            .iter()
            .map(|s| count(s))
            .max()
            .unwrap_or(names);
    }
    let regnal = crate::knowledge::regnal_names::ends_in_regnal_number(text)
        && name
            .tokens()
            .last()
            .is_some_and(|t| t.role != TokenRole::Name);
    names + usize::from(regnal)
}

/// The name (normalized, and as written: `text`) with the pinyin
/// spellings of its reading appended, those whose words `accept` takes;
/// `None` when it is no such name or none is accepted. A name written in
/// Latin letters whose every token is a name part may be Wade–Giles
/// ("Mao Tse-tung" → "mao zedong", see [`crate::knowledge::wade_giles`]);
/// one in Cyrillic, Palladius ("Си Цзиньпин" → "xi jinping", see
/// [`crate::knowledge::palladius`]), or an acronym by its sound (ЮНИСЕФ →
/// "unicef", see [`crate::knowledge::cyrillic_acronyms`]); one of two to
/// four Han characters, with other readings of its characters (闵行 →
/// "minhang", see [`crate::knowledge::pinyin_readings`]), else in Hán-Việt
/// (武文赏 → "vo van thuong"). A place's name in Han characters or
/// Hangul with an administrative designation after it (溫州市) gets the
/// spellings of the name without it (see
/// [`crate::knowledge::designations`]); a name with generic words of
/// another language (ケイマン諸島, Европейская комиссия), those of the name
/// with them in English (see [`crate::knowledge::generic_words`]).
fn with_reading(
    normalizer: &Normalizer,
    name: &NormalizedName,
    text: &str,
    accept: impl Fn(&str) -> bool,
    near: impl Fn(&str) -> bool,
) -> Option<(NormalizedName, Reading)> {
    // A sovereign's or pope's name with its regnal number written in
    // another script's way (查尔斯三世, تشارلز الثالث, Κάρολος Γ΄): the
    // name read as it would be alone (a transcription: charles), then the
    // number as a Roman numeral.
    if let Some((bare, numeral)) = crate::knowledge::regnal_names::east_asian_regnal(text)
        .or_else(|| crate::knowledge::regnal_names::worded_regnal(text))
    {
        let bare_name = normalizer.normalize(bare);
        // As trait objects: the recursive call must not instantiate
        // `with_reading` again for closures of closures.
        let accept: &dyn Fn(&str) -> bool = &accept;
        let near: &dyn Fn(&str) -> bool = &near;
        let read = with_reading(normalizer, &bare_name, bare, accept, near);
        let bare_spellings = match &read {
            Some((read, _)) => read.spellings[bare_name.spellings.len()..].to_vec(),
            None => bare_name.spellings,
        };
        let number = crate::normalize::Token {
            text: numeral.to_ascii_lowercase(),
            role: TokenRole::Suffix,
            script: Script::Latin,
        };
        let mut spellings: Vec<Vec<crate::normalize::Token>> = bare_spellings
            .into_iter()
            .map(|mut spelling| {
                spelling.push(number.clone());
                spelling
            })
            .collect();
        // The given name in the language the dictionary carries it in
        // (Κάρολος Γ΄ read "karolos iii" is Charles III), as for a name
        // that ends in a Roman numeral below.
        if let Some(first) = spellings.first().cloned() {
            let words: Vec<&str> = first.iter().map(|t| t.text.as_str()).collect();
            // `regnal_spellings` checks that its text ends in a regnal
            // number: the numeral itself is that text's last word.
            let regnal = crate::knowledge::regnal_names::regnal_spellings(&numeral, &words, accept);
            spellings.extend(regnal.into_iter().map(|words| with_words(&first, words)));
        }
        return Some((with_spellings(name, spellings), Reading::Regnal));
    }
    if let Some(bare) = crate::knowledge::designations::without_designation(text) {
        let spellings = normalizer.normalize(bare).spellings;
        return Some((with_spellings(name, spellings), Reading::Designation));
    }
    if let Some(primary) = name
        .spellings
        .first()
        .filter(|_| crate::knowledge::regnal_names::ends_in_regnal_number(text))
    {
        let words: Vec<&str> = primary.iter().map(|t| t.text.as_str()).collect();
        let regnal = crate::knowledge::regnal_names::regnal_spellings(text, &words, &accept);
        if !regnal.is_empty() {
            let spellings = regnal.into_iter().map(|words| with_words(primary, words));
            return Some((with_spellings(name, spellings), Reading::Regnal));
        }
    }
    if let Some(t) = crate::knowledge::generic_words::translated(text) {
        if t.english.iter().any(|w| accept(w)) {
            let spellings = t
                .texts
                .iter()
                .flat_map(|text| normalizer.normalize(text).spellings);
            return Some((with_spellings(name, spellings), Reading::GenericWords));
        }
    }
    let primary = name.spellings.first()?;
    if primary.iter().any(|t| t.role != TokenRole::Name) {
        return None;
    }
    let transcriptions = if name.scripts == [Script::Han]
        && !crate::phonetic::is_native_han_name(&han_characters(text))
    {
        crate::knowledge::transcription::latin_spellings_near(text, &accept, &near)
    } else {
        Vec::new()
    };
    let (spellings, reading): (Vec<Vec<String>>, Reading) = if name.scripts == [Script::Latin] {
        let texts: Vec<&str> = primary.iter().map(|t| t.text.as_str()).collect();
        (
            crate::knowledge::wade_giles::pinyin_spellings(&texts, accept),
            Reading::WadeGiles,
        )
    } else if name.scripts == [Script::Cyrillic] {
        let acronyms = || {
            crate::knowledge::cyrillic_acronyms::latin_readings(text, &accept)
                .into_iter()
                .map(|a| vec![a])
                .collect()
        };
        let palladius = || crate::knowledge::palladius::pinyin_spellings(text, &accept);
        let korean = || crate::knowledge::kontsevich::latin_spellings(text, &accept);
        let vietnamese = || crate::knowledge::vietnamese_cyrillic::latin_spellings(text, &accept);
        // A word of six letters or more one edit from a word the
        // dictionary carries is kept as read, as for a Chinese
        // transcription (Ирландија "irland", Ireland).
        let slavic =
            || slavic_ending_spellings(name, |w: &str| accept(w) || (w.len() >= 6 && near(w)));
        first_reading(&[
            (&acronyms, Reading::Acronym),
            (&palladius, Reading::Palladius),
            (&korean, Reading::Kontsevich),
            (&vietnamese, Reading::VietnameseCyrillic),
            (&slavic, Reading::SlavicEnding),
        ])?
    } else if !transcriptions.is_empty() {
        (transcriptions, Reading::Transcription)
    } else if name.scripts == [Script::Han] {
        let chars: Vec<char> = han_characters(text).chars().collect();
        // Names of people and places: two to four characters. A longer
        // name (a company's) would gain spellings that cost time on every
        // query (Japanese company names were the slowest queries of the
        // 1M benchmark: p99 13 ms) for the rare one that needs them.
        if !(2..=4).contains(&chars.len()) {
            return None;
        }
        let primary: Vec<&str> = primary.iter().map(|t| t.text.as_str()).collect();
        let polyphone =
            || crate::knowledge::pinyin_readings::other_spellings(&chars, &primary, &accept);
        let hanviet = || hanviet_spellings(normalizer, text, &accept);
        // Taiwan's names and the older press's are Wade–Giles (高雄
        // Kaohsiung, 賴清德 Lai Ching-te): every word must be carried.
        // After the Hán-Việt reading: Vietnamese leaders' names also read
        // as Wade–Giles words that are carried (胡志明 "hu chih ming"),
        // and read so first three of them were lost on 31 evaluation
        // draws; after it, 高雄 is found on five draws and none is lost.
        let wade_giles = || {
            let pinyin: Vec<Vec<&str>> = name
                .spellings
                .iter()
                .map(|s| s.iter().map(|t| t.text.as_str()).collect())
                .collect();
            crate::knowledge::wade_giles::han_spellings(&pinyin, &accept)
        };
        // A name of a Chinese name's shape may still be a transcription
        // (侯斯頓 Houston, 马克龙 Macron: 侯 and 马 are common surnames):
        // read as one, it keeps only words of five letters or more that the
        // dictionary carries, or (as any transcription) a reading of six
        // letters or more one edit from a word (賴比瑞亞 "liberia", 辛巴威
        // "zimbawe"), so that a native name whose characters also write
        // sounds seldom meets a word.
        let transcribed = || {
            if chars.len() < 3 {
                return Vec::new();
            }
            crate::knowledge::transcription::latin_spellings_near(
                text,
                |w| w.len() >= 5 && accept(w),
                &near,
            )
        };
        // The transcription before the Hán-Việt reading: its word of five
        // letters or more is rarer evidence than the Hán-Việt syllables,
        // each a common word of Vietnamese names (萬那杜, Vanuatu in
        // Taiwan, also reads "vạn na đỗ"; on 23 evaluation draws +3, none
        // lost).
        first_reading(&[
            (&polyphone, Reading::Polyphone),
            (&transcribed, Reading::Transcription),
            (&hanviet, Reading::HanViet),
            (&wade_giles, Reading::WadeGiles),
        ])?
    } else {
        return None;
    };
    if spellings.is_empty() {
        return None;
    }
    let spellings = spellings.into_iter().map(|words| {
        words
            .into_iter()
            .map(|text| crate::normalize::Token {
                text,
                role: TokenRole::Name,
                script: Script::Latin,
            })
            .collect()
    });
    Some((with_spellings(name, spellings), reading))
}

/// `spelling` with its tokens' texts replaced by `words`, in order (roles
/// and scripts kept).
fn with_words(
    spelling: &[crate::normalize::Token],
    words: Vec<String>,
) -> Vec<crate::normalize::Token> {
    let mut out = spelling.to_vec();
    for (token, word) in out.iter_mut().zip(words) {
        token.text = word;
    }
    out
}

/// `name` with `spellings` appended, those it does not have yet.
fn with_spellings(
    name: &NormalizedName,
    spellings: impl IntoIterator<Item = Vec<crate::normalize::Token>>,
) -> NormalizedName {
    let mut out = name.clone();
    for spelling in spellings {
        if !out.spellings.contains(&spelling) {
            out.spellings.push(spelling);
        }
    }
    out
}

/// The spellings a second reading gives, each a list of words.
type ReadSpellings = Vec<Vec<String>>;

/// The first of `readings` that gives a spelling, each tried only when
/// those before it give none, with its kind; `None` when none does.
fn first_reading(
    readings: &[(&dyn Fn() -> ReadSpellings, Reading)],
) -> Option<(ReadSpellings, Reading)> {
    readings.iter().find_map(|(read, kind)| {
        let spellings = read();
        (!spellings.is_empty()).then_some((spellings, *kind))
    })
}

/// The spellings of a one-word Cyrillic name ending in -ия in an English
/// shape (see [`crate::knowledge::slavic_endings`]), from each of the
/// name's spellings, where `accept` takes the new word. Only a name of one
/// word: a country's or a region's (a person's family name may end so too:
/// Бориння).
fn slavic_ending_spellings(
    name: &NormalizedName,
    accept: impl Fn(&str) -> bool,
) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    for spelling in &name.spellings {
        let [word] = spelling.as_slice() else {
            continue;
        };
        for english in crate::knowledge::slavic_endings::latin_spellings(&word.text, &accept) {
            let words = vec![english];
            if out.len() < 4 && !out.contains(&words) {
                out.push(words);
            }
        }
    }
    out
}

/// The spellings of a name in Han characters read in Hán-Việt (see
/// [`crate::knowledge::han::vietnamese_readings`]), each reading's words
/// and the words joined ("ha noi", "hanoi"), those whose every word
/// `accept` takes.
fn hanviet_spellings(
    normalizer: &Normalizer,
    text: &str,
    accept: impl Fn(&str) -> bool,
) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    for reading in crate::knowledge::han::vietnamese_readings(text, 3) {
        let name = normalizer.normalize(&reading);
        let Some(words) = name.spellings.first() else {
            continue;
        };
        let words: Vec<String> = words.iter().map(|t| t.text.clone()).collect();
        let joined = vec![words.concat()];
        for spelling in [words, joined] {
            if spelling.iter().all(|w| accept(w)) && !out.contains(&spelling) {
                out.push(spelling);
            }
        }
    }
    out
}

/// Spellings with legal forms replaced by their class (see
/// [`crate::knowledge::legal_forms`]).
fn with_legal_forms(
    spellings: &[Vec<crate::normalize::Token>],
) -> Vec<Vec<crate::normalize::Token>> {
    let mut out = spellings.to_vec();
    replace_legal_forms(&mut out);
    out
}

/// [`with_legal_forms`] in place.
fn replace_legal_forms(spellings: &mut [Vec<crate::normalize::Token>]) {
    for s in spellings {
        if let Some(canonical) = crate::knowledge::legal_forms::canonicalize(s) {
            *s = canonical;
        }
    }
}

/// Shared handle type for resolvers across threads.
pub type SharedResolver = Arc<Resolver>;
