//! Mentions in running text: find every name of a dictionary entity in a
//! document, with exact byte offsets, and link partial names to the full
//! names they stand for.
//!
//! A [`Scanner`] works over any [`Resolver`] (its dictionaries and
//! normalizer). For a text it:
//!
//! 1. **segments** it into words (UAX #29, which also splits Han text into
//!    characters, so Chinese and Japanese are scanned character by
//!    character), remembering each word's byte span and the gap before it;
//! 2. **folds** each word as the resolver's normalizer would (lowercase,
//!    no diacritics, transliterated; `Iran's` → `iran`, `习` → `xi`);
//! 3. finds, at each word, the **longest dictionary match**: it walks the
//!    dictionary's key FST through the folded words joined by spaces (at
//!    most [`ScannerConfig::max_span_words`] words, across spaces, one line
//!    break, a hyphen, a middle dot or an initial's dot; never across other
//!    punctuation), so a word that starts no key costs one step and nothing
//!    else. Each complete key on the way is a candidate span, and the
//!    longest one with an *exact* key hit (an alias as written, or its Han
//!    reading) that passes the precision guards below wins. Scanning
//!    resumes after it: no mention lies inside a longer one ("Costa" in
//!    "Costa Rica"). A walk starts only where a capital letter is within
//!    reach (spans need one, see below), which skips most words of running
//!    text;
//! 4. **absorbs titles** into person mentions (see below);
//! 5. settles ambiguous names with the **document**: a name two entities
//!    share ("Wang Yi") goes to the one the document names unambiguously
//!    elsewhere ("Vuong Nghi" → the foreign minister, not the pastor);
//! 6. **links partial names** (coreference): a capitalized word that is
//!    not yet a mention and is a name part of a person named in full in
//!    the same document ("Kallas", "Mr. Vuong") becomes a mention of that
//!    person, before or after the full name. A surname with no such anchor
//!    becomes a mention only when a title precedes it or it stands
//!    mid-sentence, and then always flagged ambiguous, with the resolver's
//!    ranked candidates: it is never a forced pick.
//!
//! # Conventions
//!
//! * **Spans** are byte offsets into the original text (`&text[start..end]
//!   == mention.text`, whatever the normalization did: offsets come from
//!   the segmentation, never from normalized text). Line ends (`\n` or
//!   `\r\n`) count as bytes like any other.
//! * **Titles are inside the span**: a person's mention covers the titles
//!   before the name ("Ms. Kallas", "Foreign Minister Vuong Nghi",
//!   "President Ursula von der Leyen") and a demonym or country adjective
//!   before a title ("Chinese Foreign Minister Wang Yi", "Chinese Premier Li
//!   Qiang"; the list is `data/scan/demonyms.txt`). A word that is itself
//!   part of another mention stays there: "European Commission President
//!   Ursula von der Leyen" is two mentions, the Commission and "President
//!   Ursula von der Leyen". An office ("President of the European Council
//!   Antonio Costa") is not a title of the name after it.
//! * **Possessives are outside the span**: "Iran's" gives the mention
//!   "Iran".
//! * **Demonyms are not mentions** unless the dictionary holds them as an
//!   alias in English or in no particular language. The embedded dictionary
//!   holds none (`data/places/alias_exclusions.tsv` drops the ones rigour
//!   lists as country names), so "Russian drones" and "Chinese companies"
//!   mention nothing.
//! * No morphology: an inflected form ("в Брюсселе") is found only if the
//!   dictionary holds it.
//!
//! # Precision guards
//!
//! All in [`ScannerConfig`]:
//!
//! * **Acronyms match capitals only**: an alias written in capitals ("EU",
//!   "NPT", "IT") matches only text in capitals, so "it" and "It" never
//!   mean Italy's or an organisation's "IT".
//! * **Lowercase text is not a name**: a span with no capital letter (in a
//!   script with case) is never a mention ("will", "bill", "may", and the
//!   lowercase words of other languages that multilingual data holds as
//!   aliases: "end", "by"). A span needs one capital only: "nuclear
//!   Non-Proliferation Treaty", "Liên minh châu Âu".
//! * **Short aliases match their case exactly** (up to
//!   [`ScannerConfig::exact_case_max_chars`] letters).
//! * **Stopwords**: a single word in `data/scan/stopwords.txt` (common
//!   English words that are also aliases or name parts: "Union",
//!   "Commission", "Council", "State", "Bank", "Party", month and day
//!   names …) is never a mention alone, unless written in capitals;
//!   inside a longer name it is fine.
//! * **Surface preference**: among the entities an exact key finds, an
//!   alias written exactly as the text scores 1.0, one differing in case
//!   ×0.9, one differing otherwise (diacritics, punctuation) ×0.94. Han,
//!   kana and Hangul spans must equal an alias as written (readings
//!   collide: 王毅 and 王怡 are both `wang yi`) and be at least
//!   [`ScannerConfig::min_han_chars`] characters long.
//! * **One word, one script**: a single word never matches an alias in
//!   another script ("Low" is the Shan name of Laos in Latin letters), nor,
//!   under six letters, one spelled otherwise ("Sec" ~ Vietnamese "Séc").
//!   Longer spans may match across scripts (×0.85).
//! * **Partial names** must stand alone: a capitalized word next to
//!   another capitalized word that is no mention ("Central Park") is no
//!   partial name; a word capitalized only because it starts the sentence
//!   does not count, unless it is itself a name part.
//! * **Minimum score** and **kind filter**.
//!
//! # Streaming
//!
//! [`Scanner::scan_reader`] reads any [`BufRead`](std::io::BufRead) in
//! windows of about [`ScannerConfig::window_bytes`] (cut after a line end),
//! so memory does not grow with the length of the stream; offsets are
//! relative to the whole stream. Each window is a document for document
//! disambiguation and coreference, which also see the full names and the
//! unambiguous entities of the windows before (the last 1,000 full names,
//! up to 10,000 entities): a partial name links back to a full name of an
//! earlier window, but not forward to one of a later window, and a name
//! that is ambiguous in its window stays so even if a later window settles
//! it. [`Scanner::scan`] reads its text in the same windows but settles it
//! as one document. A mention cut by a window's end is lost either way
//! (windows end after a line end, so only a line longer than a window can
//! cut one).
//!
//! # Speed
//!
//! About 25–29 MB/s of English news text on one core with the embedded
//! dictionary for [`Scanner::scan`], 33–38 MB/s for
//! [`Scanner::scan_reader`] (CPU time of the bench on a shared machine,
//! 2026-11-30; with glibc, part of `scan`'s goes to returning the memory of
//! the dropped mentions to the system and faulting it back in on the next
//! call), 1.3–1.7× the time of UAX #29 word segmentation alone with
//! `unicode-segmentation` (see `BENCHMARKS.md`, "Scanning"). Normalizing
//! and looking up every span of up to N words instead runs at 4–10 MB/s
//! for N = 1 and 0.3 MB/s for N = 8 on the same text. What makes the
//! difference: ASCII text is segmented by a fast path with UAX #29's rules
//! for ASCII, in one pass; an ASCII word is folded by lowercasing, and one
//! without a capital is its own fold; a walk starts only near a capital
//! letter, and keeps no key whose span has none; each word's step through
//! the FST is cached by (node, word); and everything else (folding a
//! non-ASCII word, scoring a span's candidates, a title or coreference
//! check) is done once per distinct string per session and cached, in
//! caches that start afresh when full.

mod engine;
mod reader;
mod words;

pub use reader::ScanReader;

use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

use serde::Serialize;

use crate::dict::EntityKind;
use crate::resolve::{Explanation, Resolver};

/// One entity a mention may refer to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    /// The entity's canonical ID.
    pub id: String,
    /// Its canonical name.
    pub name: String,
    /// Score in [0, 1].
    pub score: f32,
}

/// A name of a dictionary entity found in a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    /// Byte offset of the first byte of the mention in the original text
    /// (or stream).
    pub start: usize,
    /// Byte offset just past its last byte.
    pub end: usize,
    /// The text of the mention, exactly `&text[start..end]`: the name with
    /// any titles before it ("Ms. Kallas"), without a possessive ending.
    pub text: String,
    /// The entity's canonical ID (the best candidate's, when ambiguous).
    pub id: String,
    /// Its canonical name.
    pub name: String,
    /// What it is.
    pub kind: EntityKind,
    /// Score in [0, 1].
    pub score: f32,
    /// Whether several entities fit equally well (or a surname had no full
    /// name to link to): `id` is then only the first of `candidates`.
    pub ambiguous: bool,
    /// The entities the mention may refer to, best first (the mention's
    /// own entity first), at most [`ScannerConfig::max_candidates`].
    pub candidates: Vec<Candidate>,
    /// Why: the alias that matched, how, and the score's parts. Its
    /// adjustments record surface and gender factors, document choices
    /// and coreference links. Shared between the mentions of one name.
    #[serde(serialize_with = "serialize_arc")]
    pub explanation: Arc<Explanation>,
}

fn serialize_arc<S: serde::Serializer>(e: &Arc<Explanation>, s: S) -> Result<S::Ok, S::Error> {
    e.as_ref().serialize(s)
}

/// Scanner configuration; every precision guard is here. See the [module
/// docs](self) for what each does.
#[derive(Debug, Clone, PartialEq)]
pub struct ScannerConfig {
    /// Longest span tried, in words (a Han character is a word). Default
    /// 12 ("Ministry of Foreign Affairs of the People's Republic of China"
    /// has 10).
    pub max_span_words: usize,
    /// Mentions and candidates scoring below this are dropped. Default 0.5.
    pub min_score: f32,
    /// Only entities of these kinds, if set. Default: all kinds.
    pub kinds: Option<Vec<EntityKind>>,
    /// Candidates within this margin of the best make a mention ambiguous.
    /// Default 0.05.
    pub ambiguity_margin: f32,
    /// Most candidates listed per mention. Default 5.
    pub max_candidates: usize,
    /// An alias written in capitals ("EU", "IT") matches only text in
    /// capitals. Default true.
    pub acronyms_need_capitals: bool,
    /// Whether a span with no capital letter (in a script with case) may be
    /// a mention at all; if so, it matches only aliases written without
    /// capitals. Default false: lowercase aliases in multilingual data are
    /// mostly common words of other languages ("end", "by").
    pub allow_lowercase_spans: bool,
    /// Aliases of at most this many letters match only text with the same
    /// letter case ("Xi" but not "XI" or "xi"). Default 3.
    pub exact_case_max_chars: usize,
    /// Single words that are never a mention alone (folded: lowercase, no
    /// diacritics), unless written in capitals. Default: the list in
    /// `data/scan/stopwords.txt`.
    pub stopwords: HashSet<String>,
    /// Demonyms and country adjectives ("chinese", "south korean") taken
    /// into a person's mention before a title. Default: the list in
    /// `data/scan/demonyms.txt`.
    pub demonyms: HashSet<String>,
    /// Han, kana or Hangul spans shorter than this many characters are not
    /// mentions (美, 中 alone are too common). Default 2.
    pub min_han_chars: usize,
    /// Take titles (and a demonym before a title) into person mentions.
    /// Default true.
    pub absorb_titles: bool,
    /// Link partial names to full names in the same document. Default true.
    pub coreference: bool,
    /// Score of a linked partial name: the full name's score times this.
    /// Default 0.9.
    pub coreference_factor: f32,
    /// Report a surname with no full name in the document (after a title,
    /// or mid-sentence), always flagged ambiguous. Default true.
    pub unanchored_surnames: bool,
    /// The window text is read and matched in, in bytes (see the [module
    /// docs](self#streaming)). Default 64 KiB.
    pub window_bytes: usize,
}

fn word_list(text: &str) -> HashSet<String> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// The default stopwords (`data/scan/stopwords.txt`).
pub fn default_stopwords() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| word_list(include_str!("../../data/scan/stopwords.txt")))
}

/// The default demonyms (`data/scan/demonyms.txt`).
pub fn default_demonyms() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| word_list(include_str!("../../data/scan/demonyms.txt")))
}

impl Default for ScannerConfig {
    fn default() -> Self {
        ScannerConfig {
            max_span_words: 12,
            min_score: 0.5,
            kinds: None,
            ambiguity_margin: 0.05,
            max_candidates: 5,
            acronyms_need_capitals: true,
            allow_lowercase_spans: false,
            exact_case_max_chars: 3,
            stopwords: default_stopwords().clone(),
            demonyms: default_demonyms().clone(),
            min_han_chars: 2,
            absorb_titles: true,
            coreference: true,
            coreference_factor: 0.9,
            unanchored_surnames: true,
            window_bytes: 64 * 1024,
        }
    }
}

/// Finds mentions of dictionary entities in running text. `Send + Sync`;
/// share one between threads.
///
/// # Example
/// ```
/// use polyonym::Scanner;
/// let scanner = Scanner::embedded();
/// let text = "Kaja Kallas met Chinese Foreign Minister Wang Yi in Brussels. \
///             Ms. Kallas said the EU ...";
/// let mentions = scanner.scan(text);
/// let found: Vec<(&str, &str)> = mentions
///     .iter()
///     .map(|m| (&text[m.start..m.end], m.id.as_str()))
///     .collect();
/// assert_eq!(
///     found,
///     [
///         ("Kaja Kallas", "polyonym:person/kaja-kallas"),
///         ("Chinese Foreign Minister Wang Yi", "polyonym:person/wang-yi"),
///         ("Brussels", "geonames:2800866"),
///         ("Ms. Kallas", "polyonym:person/kaja-kallas"),
///         ("EU", "Q458"),
///     ]
/// );
/// // "Wang Yi" is also a pastor's name: nothing else in this text says
/// // which one is meant.
/// assert!(mentions[1].ambiguous);
/// assert!(!mentions[3].ambiguous);
/// ```
#[derive(Debug, Clone)]
pub struct Scanner {
    resolver: Resolver,
    config: ScannerConfig,
}

impl Scanner {
    /// A scanner over `resolver`'s dictionaries and normalizer, with the
    /// default configuration.
    pub fn new(resolver: Resolver) -> Scanner {
        Scanner {
            resolver,
            config: ScannerConfig::default(),
        }
    }

    /// A scanner over the embedded default dictionary
    /// ([`Resolver::embedded`]).
    pub fn embedded() -> Scanner {
        Scanner::new(Resolver::embedded())
    }

    /// This scanner with another configuration.
    pub fn with_config(mut self, config: ScannerConfig) -> Scanner {
        self.config = config;
        self
    }

    /// The configuration.
    pub fn config(&self) -> &ScannerConfig {
        &self.config
    }

    /// The resolver.
    pub fn resolver(&self) -> &Resolver {
        &self.resolver
    }

    /// Every mention in `text`, in text order, the whole text being one
    /// document: partial names link to full names anywhere in it, and an
    /// ambiguous name is settled by an unambiguous one anywhere in it. The
    /// text is segmented and matched window by window (see
    /// [`ScannerConfig::window_bytes`]; a name cut by a window's end is
    /// not found), so memory grows with the number of mentions only.
    pub fn scan(&self, text: &str) -> Vec<Mention> {
        let mut session = engine::Session::new(self);
        let mut document = engine::Document::default();
        let window = reader::window_size(&self.config);
        let mut start = 0;
        while start < text.len() {
            let end = (start + window).min(text.len());
            let cut = reader::cut_point(&text.as_bytes()[start..end], end == text.len());
            session.window(&text[start..start + cut], start, &mut document);
            start += cut;
        }
        session.settle(text, 0, &mut document, &mut engine::Carried::default())
    }

    /// Every mention in a stream, in order, read window by window (see the
    /// [module docs](self#streaming)); offsets are relative to the start of
    /// the stream. A read error, or text that is not UTF-8, is returned
    /// once and ends the iteration.
    pub fn scan_reader<R: std::io::BufRead>(&self, reader: R) -> ScanReader<'_, R> {
        ScanReader::new(self, reader)
    }
}
