//! The alias dictionary: every alias of every entity, stored under each of
//! its keys in an FST, beside an entity store.
//!
//! * [`DictionaryBuilder`] streams [`EntityRecord`]s in (from
//!   [`sources`]: JSONL, TSV or Wikidata JSON), normalizes every alias,
//!   and writes a dictionary file in bounded memory.
//! * [`Dictionary`] opens one: from a path (memory-mapped), from a `Vec`,
//!   or from `&'static [u8]` (`include_bytes!`). Opening checks the magic,
//!   version, section bounds and normalizer fingerprint; [`Dictionary::verify`]
//!   checks every checksum, and must be called before using a file that
//!   may be damaged ([`Dictionary::from_bytes`] calls it itself).
//!
//! The format is specified in `FORMAT.md`; [`format`](mod@format) is the only module
//! that reads or writes its raw bytes.
//!
//! # Example
//! ```
//! use polyonym::dict::{Dictionary, DictionaryBuilder, EntityKind, EntityRecord};
//! use polyonym::KeyKind;
//!
//! let mut builder = DictionaryBuilder::new();
//! builder.add(EntityRecord::new("Q7747", "Vladimir Putin", EntityKind::Person)
//!     .alias("Владимир Путин", Some("ru")))?;
//! let dict = Dictionary::from_vec(builder.finish_to_vec()?)?;
//! let hits: Vec<_> = dict.lookup("vladimir putin").collect();
//! assert_eq!(hits.len(), 2); // the canonical name and the Russian alias
//! let alias = dict.alias(hits[1].alias)?;
//! assert_eq!(dict.entity(alias.entity)?.id, "Q7747");
//! assert!(hits[0].kinds.contains(KeyKind::Exact));
//! # Ok::<(), polyonym::Error>(())
//! ```

mod build;
pub mod format;
mod record;
pub mod sources;

pub use build::{
    AliasExpander, BuildConfig, BuildProgress, BuildReport, DerivedAlias, DictionaryBuilder,
    DuplicatePolicy, SkippedItem,
};
pub use record::{AliasRecord, EntityKind, EntityRecord};

use std::path::Path;
use std::sync::Arc;

use fst::Streamer;

use crate::error::{Error, Result};
use crate::key::{KeyKind, KeyKinds};
use crate::normalize::Gender;
use format::{Layout, SectionId};

/// Where a dictionary's bytes live.
#[derive(Debug)]
enum Storage {
    Mmap(memmap2::Mmap),
    Owned(Vec<u8>),
    Static(&'static [u8]),
}

impl AsRef<[u8]> for Storage {
    fn as_ref(&self) -> &[u8] {
        match self {
            Storage::Mmap(m) => m,
            Storage::Owned(v) => v,
            Storage::Static(s) => s,
        }
    }
}

/// One section of a dictionary's bytes, shared cheaply.
#[derive(Debug, Clone)]
pub struct SectionBytes {
    storage: Arc<Storage>,
    start: usize,
    end: usize,
}

impl AsRef<[u8]> for SectionBytes {
    fn as_ref(&self) -> &[u8] {
        &self.storage.as_ref().as_ref()[self.start..self.end]
    }
}

/// One posting: an alias stored under a key, and the kinds of key it was
/// stored under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    /// The alias's index.
    pub alias: u32,
    /// The kinds of key under which the alias has this key text.
    pub kinds: KeyKinds,
}

/// An entity as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityRef<'a> {
    /// The entity's index in this dictionary.
    pub index: u32,
    /// Its canonical ID.
    pub id: &'a str,
    /// Its canonical name.
    pub name: &'a str,
    /// What it is.
    pub kind: EntityKind,
    /// Its recorded gender, for people, if any.
    pub gender: Option<Gender>,
    /// Its metadata, as a JSON object text (`{}` when none).
    pub metadata: &'a str,
}

/// An alias as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct AliasRef<'a> {
    /// The alias's index in this dictionary.
    pub index: u32,
    /// The entity it names.
    pub entity: u32,
    /// The alias as given. Its normalized primary spelling is not stored
    /// (since format version 4): [`Dictionary::alias_normalized`]
    /// computes it.
    pub name: &'a str,
    /// Its language tag, if given.
    pub lang: Option<&'a str>,
    /// The rule that derived this alias from another (e.g.
    /// `han-reading:vi`), or `None` for an alias given in the input.
    pub rule: Option<&'a str>,
}

/// Counts and build information stored in a dictionary.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DictionaryInfo {
    /// Number of entities.
    pub entities: u64,
    /// Number of aliases (including canonical names).
    pub aliases: u64,
    /// Number of distinct keys.
    pub keys: u64,
    /// Number of (key, alias) postings.
    pub postings: u64,
    /// Language tags, indexed by alias records (index 0 is "no language").
    pub languages: Vec<String>,
    /// Rules that derived aliases, indexed by alias records (index 0: the
    /// alias was given, not derived).
    #[serde(default)]
    pub rules: Vec<String>,
    /// The crate version that built the dictionary.
    pub built_by: String,
}

/// A dictionary opened for reading. Cheap to clone (the bytes are shared);
/// `Send + Sync`.
#[derive(Debug, Clone)]
pub struct Dictionary {
    storage: Arc<Storage>,
    layout: Layout,
    /// Each section's byte range, indexed by section id, resolved once at
    /// open instead of searching the layout at every posting-list, record
    /// and string read (a small saving: within the noise of
    /// `dict/lookup/fst-hit+records`).
    ranges: [(usize, usize); 10],
    keys: fst::Map<SectionBytes>,
    /// The name-token keys.
    words: fst::Map<SectionBytes>,
    ids: fst::Map<SectionBytes>,
    info: Arc<DictionaryInfo>,
    /// The normalizer whose keys the file holds (checked by its
    /// fingerprint at open): what [`Dictionary::alias_normalized`] uses.
    normalizer: crate::Normalizer,
}

/// The fingerprint a dictionary built with `normalizer` records: the
/// normalizer's own and that of the compiled cross-script knowledge (name-
/// part groups), since keys depend on both.
pub fn fingerprint_for(normalizer: &crate::Normalizer) -> u64 {
    // The knowledge fingerprint hashes megabytes of compiled tables that
    // cannot change while the process runs: compute it once, not at every
    // open.
    static KNOWLEDGE: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    let mut h = crate::normalize::Fnv::new();
    h.write(&normalizer.fingerprint().to_le_bytes());
    h.write(
        &KNOWLEDGE
            .get_or_init(crate::knowledge::fingerprint)
            .to_le_bytes(),
    );
    h.finish()
}

impl Dictionary {
    /// Opens a dictionary file by memory-mapping it. Checks the magic bytes,
    /// the format version, the section bounds and that it was built by a
    /// normalizer with the default configuration; use [`Dictionary::verify`]
    /// to check every checksum too. A file that may be damaged must be
    /// verified before use: damage inside the key or id FST is not caught
    /// here, and the `fst` crate may panic on it (see
    /// [`Dictionary::from_bytes`]).
    ///
    /// The file must not be modified in place while open: replace it by
    /// writing a new file and renaming it over the old one (as the builder
    /// does), and open readers keep their consistent view.
    pub fn open(path: impl AsRef<Path>) -> Result<Dictionary> {
        Dictionary::open_with(path, &crate::Normalizer::new())
    }

    /// Like [`Dictionary::open`], for a dictionary built with a non-default
    /// normalizer.
    pub fn open_with(path: impl AsRef<Path>, normalizer: &crate::Normalizer) -> Result<Dictionary> {
        let path = path.as_ref();
        let file = std::fs::File::open(path).map_err(|e| Error::from(e).at(Some(path), None))?;
        // SAFETY: the map is read-only, and every read through it is bounds-
        // checked against the section table. The builder never modifies a
        // dictionary in place (it writes a temporary file and renames it),
        // so the mapped file's contents do not change while it is open; a
        // user who truncates the file in place violates the documented
        // contract above.
        let map = unsafe { memmap2::Mmap::map(&file) }
            .map_err(|e| Error::from(e).at(Some(path), None))?;
        Dictionary::from_storage(Storage::Mmap(map), normalizer, None)
            .map_err(|e| e.at(Some(path), None))
    }

    /// Opens a dictionary held in memory, e.g. one embedded with
    /// `include_bytes!`.
    pub fn from_static(bytes: &'static [u8]) -> Result<Dictionary> {
        Dictionary::from_storage(Storage::Static(bytes), &crate::Normalizer::new(), None)
    }

    /// Opens a dictionary compiled into the crate, accepting the
    /// fingerprint it records: for the embedded dictionary in a build
    /// without the `name-parts` feature, whose knowledge fingerprint
    /// cannot match the full build's that made the file. Its name-part
    /// keys are then never looked up; every other key is computed as in
    /// the full build (the embedded test of the default build checks the
    /// file is current).
    #[cfg_attr(feature = "name-parts", allow(dead_code))]
    pub(crate) fn from_static_any_fingerprint(bytes: &'static [u8]) -> Result<Dictionary> {
        let layout = format::parse_layout(bytes)?;
        Dictionary::from_storage(
            Storage::Static(bytes),
            &crate::Normalizer::new(),
            Some(layout.fingerprint),
        )
    }

    /// Opens a dictionary from owned bytes.
    pub fn from_vec(bytes: Vec<u8>) -> Result<Dictionary> {
        Dictionary::from_storage(Storage::Owned(bytes), &crate::Normalizer::new(), None)
    }

    /// Opens a dictionary from any bytes (copied), and checks every
    /// checksum ([`verify`](Dictionary::verify)) before returning it: the
    /// API for bytes that may be damaged. Damaged bytes give an error, never
    /// a panic.
    ///
    /// The other constructors check only the header and section table, so
    /// that opening is cheap. Damage inside the key or id FST is then caught
    /// only by `verify()`: the `fst` crate trusts its bytes past its header
    /// checks and can panic on damaged nodes. Call `verify()` once after
    /// opening a file that may be damaged (copied over a network, from
    /// removable media, not written by this crate's builder).
    ///
    /// Checksums catch accidental damage, not deliberate forgery: a file
    /// crafted with matching checksums can still make the `fst` crate
    /// panic. Open dictionaries only from sources you trust.
    pub fn from_bytes(bytes: &[u8]) -> Result<Dictionary> {
        let dict = Dictionary::from_vec(bytes.to_vec())?;
        dict.verify()?;
        Ok(dict)
    }

    /// Opens `storage`, checking its fingerprint against `normalizer`'s
    /// (or against `fingerprint` when given).
    fn from_storage(
        storage: Storage,
        normalizer: &crate::Normalizer,
        fingerprint: Option<u64>,
    ) -> Result<Dictionary> {
        let storage = Arc::new(storage);
        let bytes = storage.as_ref().as_ref();
        let layout = format::parse_layout(bytes)?;
        let fingerprint = fingerprint.unwrap_or_else(|| fingerprint_for(normalizer));
        if layout.fingerprint != fingerprint {
            return Err(Error::new(crate::ErrorKind::Fingerprint {
                expected: fingerprint,
                got: layout.fingerprint,
            }));
        }
        let section = |id: SectionId| {
            let r = layout.range(id);
            SectionBytes {
                storage: storage.clone(),
                start: r.start,
                end: r.end,
            }
        };
        let fst = |id: SectionId| {
            fst::Map::new(section(id))
                .map_err(|e| Error::format(format!("section `{}`: {e}", id.name())))
        };
        let words = fst(SectionId::Words)?;
        let keys = fst(SectionId::Keys)?;
        let ids = fst(SectionId::Ids)?;
        let info: DictionaryInfo = serde_json::from_slice(&bytes[layout.range(SectionId::Meta)])
            .map_err(|e| Error::format(format!("section `meta`: {e}")))?;
        let holds_table = |id: SectionId, count: u64| {
            format::record_table_len(count).is_some_and(|t| t <= layout.range(id).len())
        };
        if !holds_table(SectionId::Entities, info.entities)
            || !holds_table(SectionId::Aliases, info.aliases)
            || info.entities > u32::MAX as u64
            || info.aliases > u32::MAX as u64
        {
            return Err(Error::format(
                "record sections do not match the counts in `meta`: the file is damaged",
            ));
        }
        let mut ranges = [(0, 0); 10];
        for id in SectionId::of_version(layout.version) {
            let r = layout.range(*id);
            ranges[*id as usize] = (r.start, r.end);
        }
        Ok(Dictionary {
            storage,
            layout,
            ranges,
            keys,
            words,
            ids,
            info: Arc::new(info),
            normalizer: normalizer.clone(),
        })
    }

    /// Checks every section's checksum (reads the whole file).
    pub fn verify(&self) -> Result<()> {
        format::verify(self.bytes(), &self.layout)
    }

    fn bytes(&self) -> &[u8] {
        self.storage.as_ref().as_ref()
    }

    fn section(&self, id: SectionId) -> &[u8] {
        let (start, end) = self.ranges[id as usize];
        &self.bytes()[start..end]
    }

    /// Counts and build information.
    pub fn info(&self) -> &DictionaryInfo {
        &self.info
    }

    /// The number of entities.
    pub fn entity_count(&self) -> u32 {
        self.info.entities as u32
    }

    /// The number of aliases.
    pub fn alias_count(&self) -> u32 {
        self.info.aliases as u32
    }

    /// The size of the dictionary in bytes.
    pub fn size_bytes(&self) -> usize {
        self.bytes().len()
    }

    /// The key FST, for automaton searches (fuzzy candidates).
    pub fn keys(&self) -> &fst::Map<SectionBytes> {
        &self.keys
    }

    /// The FST of the keys that are name tokens, with the same values as
    /// in [`Dictionary::keys`]: what fuzzy search walks (a few times
    /// smaller than the key FST, which also holds every whole-name key).
    pub fn words(&self) -> &fst::Map<SectionBytes> {
        &self.words
    }

    /// The normalizer whose keys this dictionary holds: the default one,
    /// or the one given to [`Dictionary::open_with`].
    pub fn normalizer(&self) -> &crate::Normalizer {
        &self.normalizer
    }

    /// The postings stored under `key`, in alias order. Empty if the key is
    /// absent. A damaged posting list ends the iteration early.
    pub fn lookup(&self, key: &str) -> Postings<'_> {
        match self.keys.get(key) {
            Some(value) => self.postings(value),
            None => Postings::empty(),
        }
    }

    /// The postings of a key's FST value (the byte offset of its posting
    /// list). A value that points nowhere gives no postings.
    pub fn postings(&self, value: u64) -> Postings<'_> {
        let bytes = self.section(SectionId::Postings);
        let Ok(mut at) = usize::try_from(value) else {
            return Postings::empty();
        };
        match format::get_posting_list_header(bytes, &mut at) {
            Some((n, entities, default)) => Postings {
                bytes,
                at,
                remaining: n,
                last: 0,
                default,
                entities: u32::try_from(entities).unwrap_or(u32::MAX),
                require: 0,
            },
            None => Postings::empty(),
        }
    }

    /// The aliases carrying a name token of name-part group `group`
    /// (`knowledge::name_parts::groups`), each once, in alias order: the
    /// union of the posting lists of the group's name tokens that the
    /// dictionary holds (section `groups`), taking from each list only the
    /// postings under which the alias carries the token as a name token
    /// (kind `token`, or `exact` for a one-word alias), not those whose
    /// joined or skeleton key happens to spell it. Empty when no alias
    /// carries a token of the group; damaged bytes end the iteration early.
    pub fn name_part_group(&self, group: u32) -> GroupPostings<'_> {
        let section = self.section(SectionId::Groups);
        let mut merged = GroupPostings {
            heads: Vec::new(),
            kinds: Vec::new(),
            lists: Vec::new(),
            remaining: 0,
            tokens: &[],
        };
        let Some((aliases, members, mut at)) = format::get_group(section, group) else {
            return merged;
        };
        let start = at;
        let mut last = 0u64;
        for _ in 0..members {
            let Some(offset) =
                format::get_varint(section, &mut at).and_then(|d| last.checked_add(d))
            else {
                break;
            };
            last = offset;
            let mut list = self.postings(offset);
            list.require = NAME_TOKEN_KINDS;
            if let Some(head) = list.next() {
                merged.heads.push(head.alias);
                merged.kinds.push(head.kinds.0);
                merged.lists.push(list);
            }
        }
        merged.remaining = if merged.heads.is_empty() { 0 } else { aliases };
        merged.tokens = &section[start..at];
        merged
    }

    /// How many distinct entities carry `key` (0 if none): the document
    /// frequency used to weigh rare name parts above common ones.
    pub fn entity_frequency(&self, key: &str) -> u32 {
        self.lookup(key).entities
    }

    /// The entity with index `index`.
    pub fn entity(&self, index: u32) -> Result<EntityRef<'_>> {
        let f =
            format::get_entity_record(self.section(SectionId::Entities), self.info.entities, index)
                .ok_or_else(|| record_error("entity", index, self.info.entities))?;
        fn text<'b>(b: &'b [u8], index: u32, what: &str) -> Result<&'b str> {
            std::str::from_utf8(b)
                .map_err(|_| Error::format(format!("entity {index}: its {what} is not UTF-8")))
        }
        let kind = EntityKind::from_byte(f.kind)
            .ok_or_else(|| Error::format(format!("entity {index} has an unknown kind")))?;
        let gender = match f.gender {
            1 => Some(Gender::Male),
            2 => Some(Gender::Female),
            _ => None,
        };
        Ok(EntityRef {
            index,
            id: text(f.id, index, "id")?,
            name: text(f.name, index, "name")?,
            metadata: match f.metadata {
                Some(m) => text(m, index, "metadata")?,
                None => "{}",
            },
            kind,
            gender,
        })
    }

    /// The alias with index `index`. An alias that is its entity's
    /// canonical name is stored once, in the entity record, so reading it
    /// reads that record too.
    pub fn alias(&self, index: u32) -> Result<AliasRef<'_>> {
        let f =
            format::get_alias_record(self.section(SectionId::Aliases), self.info.aliases, index)
                .ok_or_else(|| record_error("alias", index, self.info.aliases))?;
        if f.entity >= self.entity_count() {
            return Err(Error::format(format!(
                "alias {index} names a missing entity"
            )));
        }
        let name = match f.name {
            Some(b) => std::str::from_utf8(b)
                .map_err(|_| Error::format(format!("alias {index} is not UTF-8")))?,
            None => self.entity(f.entity)?.name,
        };
        let at = |i: u64| usize::try_from(i).unwrap_or(usize::MAX);
        Ok(AliasRef {
            index,
            entity: f.entity,
            name,
            lang: self.table_entry(&self.info.languages, at(f.lang), index, "language")?,
            rule: self.table_entry(&self.info.rules, at(f.rule), index, "rule")?,
        })
    }

    /// The normalized primary spelling of alias `index` (its tokens joined
    /// by single spaces; also its `exact` key), as the resolver reports it
    /// in [`Explanation::alias_normalized`](crate::resolve::Explanation::alias_normalized). Not stored
    /// since format version 4: computed by normalizing the alias with
    /// [`Dictionary::normalizer`], the same normalization the builder
    /// keyed it with, so it costs one normalization (a few µs).
    pub fn alias_normalized(&self, index: u32) -> Result<String> {
        Ok(self.normalizer.normalize(self.alias(index)?.name).text())
    }

    /// Entry `i` of a string table named in `meta` (0 means none).
    fn table_entry<'a>(
        &self,
        table: &'a [String],
        i: usize,
        alias: u32,
        what: &str,
    ) -> Result<Option<&'a str>> {
        match i {
            0 => Ok(None),
            i => table
                .get(i)
                .map(|s| Some(s.as_str()))
                .ok_or_else(|| Error::format(format!("alias {alias} has a bad {what} index {i}"))),
        }
    }

    /// The entity with canonical ID `id`.
    pub fn entity_by_id(&self, id: &str) -> Option<EntityRef<'_>> {
        let index = self.ids.get(id)?;
        self.entity(index as u32).ok()
    }

    /// Every key with its postings, in key order (for inspection and tests).
    pub fn for_each_key(&self, mut f: impl FnMut(&[u8], Postings<'_>)) {
        let mut stream = self.keys.stream();
        while let Some((key, value)) = stream.next() {
            f(key, self.postings(value));
        }
    }
}

/// The error for a record that is out of range or damaged.
fn record_error(what: &str, index: u32, count: u64) -> Error {
    if u64::from(index) >= count {
        Error::format(format!("{what} index {index} out of range"))
    } else {
        Error::format(format!("{what} {index} is damaged"))
    }
}

/// The aliases of a name-part group ([`Dictionary::name_part_group`]): a
/// merge of its tokens' posting lists that yields each alias once.
#[derive(Debug, Clone)]
pub struct GroupPostings<'a> {
    /// The next posting of each list not yet exhausted: its alias (apart,
    /// so that finding the smallest scans a dense array), its kinds, and
    /// the rest of the list.
    heads: Vec<u32>,
    kinds: Vec<u8>,
    lists: Vec<Postings<'a>>,
    remaining: u64,
    /// The encoded offsets of the group's token lists.
    tokens: &'a [u8],
}

impl GroupPostings<'_> {
    /// Whether two groups hold the same name tokens of this dictionary,
    /// and so the same aliases: a name's groups often do (the 1M-alias
    /// benchmark's "elena" is in eight groups, six of them holding the
    /// same three tokens).
    pub fn same_tokens(&self, other: &GroupPostings<'_>) -> bool {
        self.tokens == other.tokens
    }

    /// Which group's lists it reads (the address of their offsets): equal
    /// for two groups of the same tokens.
    pub(crate) fn identity(&self) -> usize {
        self.tokens.as_ptr() as usize
    }

    /// How many aliases remain, as counted when the dictionary was built
    /// (aliases carrying a token of the group as a name token of three
    /// bytes or more; the merge may yield a few more, e.g. an alias whose
    /// particle and name glued together spell a token of the group).
    pub fn remaining(&self) -> u64 {
        self.remaining
    }

    /// The group's token lists, each with an identity equal for the same
    /// list read from the same point (as [`Postings::identity`]): the
    /// postings of each, in alias order, without the merge. Their union is
    /// what this iterator yields from where it stands; an alias may be in
    /// several lists.
    pub(crate) fn token_lists(
        &self,
    ) -> impl Iterator<Item = ((usize, u64), impl Iterator<Item = Posting> + '_)> + '_ {
        (0..self.heads.len()).map(move |i| {
            let head = Posting {
                alias: self.heads[i],
                kinds: KeyKinds(self.kinds[i]),
            };
            (
                self.lists[i].identity(),
                std::iter::once(head).chain(self.lists[i].clone()),
            )
        })
    }

    /// Moves list `i` to its next posting, dropping it when exhausted.
    fn advance(&mut self, i: usize) {
        match self.lists[i].next() {
            Some(next) => {
                self.heads[i] = next.alias;
                self.kinds[i] = next.kinds.0;
            }
            None => {
                self.heads.swap_remove(i);
                self.kinds.swap_remove(i);
                self.lists.swap_remove(i);
            }
        }
    }
}

impl Iterator for GroupPostings<'_> {
    type Item = Posting;

    fn next(&mut self) -> Option<Posting> {
        // A linear scan for the smallest head: groups have a few tokens in
        // a dictionary (a median of 3 for the 1M-alias benchmark).
        let alias = *self.heads.iter().min()?;
        let mut posting = None;
        let mut i = 0;
        while i < self.heads.len() {
            if self.heads[i] != alias {
                i += 1;
                continue;
            }
            posting.get_or_insert(Posting {
                alias,
                kinds: KeyKinds(self.kinds[i]),
            });
            let before = self.heads.len();
            self.advance(i);
            if self.heads.len() == before {
                i += 1;
            }
        }
        self.remaining = self.remaining.saturating_sub(1);
        posting
    }
}

/// The kinds under which an alias carries a key text as one of its name
/// tokens: a token key, or the exact key of a one-word alias. The builder
/// lists a token in the `groups` section only when its list has such a
/// posting, and a group's reader takes only those.
pub(crate) const NAME_TOKEN_KINDS: u8 = (1 << KeyKind::Token as u8) | (1 << KeyKind::Exact as u8);

/// An iterator over the postings of one key.
#[derive(Debug, Clone)]
pub struct Postings<'a> {
    bytes: &'a [u8],
    at: usize,
    remaining: u64,
    last: u32,
    default: u8,
    entities: u32,
    /// Kinds of which a posting must have one to be yielded (0: any):
    /// set for the lists of a [`GroupPostings`].
    require: u8,
}

impl Postings<'_> {
    fn empty() -> Postings<'static> {
        Postings {
            bytes: &[],
            at: 0,
            remaining: 0,
            last: 0,
            default: 0,
            entities: 0,
            require: 0,
        }
    }

    /// How many distinct entities the key's postings name.
    pub fn entity_count(&self) -> u32 {
        self.entities
    }

    /// Where the iteration stands: (address of the next byte, postings
    /// remaining); equal for two iterators that will yield the same
    /// postings from the same dictionary.
    pub(crate) fn identity(&self) -> (usize, u64) {
        (self.bytes.as_ptr() as usize + self.at, self.remaining)
    }

    /// How many postings remain (an upper bound for a list of
    /// [`Dictionary::name_part_group`], which skips some).
    pub fn remaining(&self) -> u64 {
        self.remaining
    }
}

impl Iterator for Postings<'_> {
    type Item = Posting;

    #[inline]
    fn next(&mut self) -> Option<Posting> {
        while self.remaining > 0 {
            match format::get_posting(self.bytes, &mut self.at, self.last, self.default) {
                Some((alias, kinds)) => {
                    self.remaining -= 1;
                    self.last = alias;
                    if self.require == 0 || kinds & self.require != 0 {
                        return Some(Posting {
                            alias,
                            kinds: KeyKinds(kinds),
                        });
                    }
                }
                None => self.remaining = 0,
            }
        }
        None
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        // Damaged bytes may end the list early, so only the upper bound
        // is known.
        (0, usize::try_from(self.remaining).ok())
    }
}
