//! Building a dictionary: streaming, in bounded memory.
//!
//! Each alias is normalized and keyed into an in-memory run, which stores
//! each distinct key text once (key texts repeat massively: every token
//! key of every alias) in a byte arena behind a hash index, and each
//! posting as a 12-byte (key id, alias, kinds) entry. When
//! the run's peak memory would outgrow [`BuildConfig::run_bytes`] it is
//! sorted — its distinct keys by their bytes, then its entries by a
//! counting sort on their key's rank, which keeps each key's postings in
//! alias order — and spilled to a temporary file. At the end the runs are
//! merged in key order straight into `fst::MapBuilder` and the posting
//! lists: runs hold consecutive ranges of aliases, so a key's postings
//! from several runs concatenate without sorting.
//!
//! The previous builder kept one boxed (key bytes, alias, kinds) entry per
//! posting and sorted them by `memcmp`: 4.4–5.0 s of CPU for the 100k
//! benchmark against 2.0–2.4 s now (BENCHMARKS.md, "Dictionary").
//!
//! Entities and aliases are kept as fixed-size records, strings and two
//! hash indexes (strings by content, aliases by entity and text): about
//! 100–130 bytes per alias by the sizes of those structures, so peak memory
//! is the run budget plus that. (Building the 1M-alias benchmark
//! dictionary peaked at 595 MB resident, input records and output
//! included, against 1,051 MB with the previous builder.)

use std::collections::HashMap;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use crate::dict::format::{self, SectionId};
use crate::dict::record::{EntityKind, EntityRecord};
use crate::error::{Error, Result};
use crate::key::{KeyKind, KeyKinds};
use crate::normalize::{Gender, Normalizer};

/// What the builder does when an id arrives a second time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DuplicatePolicy {
    /// The same id with the same canonical name and kind merges its
    /// aliases; a different canonical name or kind is an error. (Default.)
    #[default]
    MergeSameName,
    /// Always merge: the first canonical name and kind stay, a later
    /// different canonical name becomes an alias.
    Merge,
    /// Always merge, and a later record's canonical name and kind replace
    /// the earlier ones (the earlier name stays as an alias): for overlays,
    /// where later sources win.
    Replace,
}

/// Builder configuration.
#[derive(Debug, Clone)]
pub struct BuildConfig {
    /// Memory budget of the in-memory run of keys, counted at its peak
    /// (while it is sorted), before it is spilled to a temporary file.
    /// Default 256 MiB.
    pub run_bytes: usize,
    /// Where temporary runs go. Default: the system temporary directory.
    pub temp_dir: Option<PathBuf>,
    /// What to do with duplicate ids.
    pub duplicates: DuplicatePolicy,
    /// Whether each alias is also stored under its `skeleton` keys (see
    /// [`crate::key`]). Default true. Turned off only to measure what the
    /// key contributes (`cargo run --release --example eval --
    /// --no-skeleton-keys`, `EVALUATION.md`): a query's skeleton key then
    /// finds only aliases that happen to hold the same text under another
    /// kind of key. The scorer's `skeleton` token rule is not affected.
    pub skeleton_keys: bool,
}

impl Default for BuildConfig {
    fn default() -> Self {
        BuildConfig {
            run_bytes: 256 << 20,
            temp_dir: None,
            duplicates: DuplicatePolicy::default(),
            skeleton_keys: true,
        }
    }
}

/// An alias or record that was not indexed, and why.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SkippedItem {
    /// The entity id.
    pub id: String,
    /// The alias text, if the item is an alias.
    pub alias: Option<String>,
    /// Why it was skipped.
    pub reason: String,
}

/// What a build did.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct BuildReport {
    /// Entities stored.
    pub entities: u64,
    /// Aliases stored (canonical names included).
    pub aliases: u64,
    /// Distinct keys in the FST.
    pub keys: u64,
    /// (key, alias) postings.
    pub postings: u64,
    /// Records whose id was seen before and were merged.
    pub merged_duplicates: u64,
    /// Aliases given twice for one entity (same text), stored once.
    pub duplicate_aliases: u64,
    /// Every alias or record not indexed, with its reason.
    pub skipped: Vec<SkippedItem>,
    /// Temporary runs spilled to disk.
    pub spilled_runs: u64,
    /// Size of the written dictionary in bytes.
    pub bytes: u64,
}

/// Progress, passed to the callback set with
/// [`DictionaryBuilder::on_progress`].
#[derive(Debug, Clone, Copy)]
pub struct BuildProgress {
    /// Entities added so far.
    pub entities: u64,
    /// Aliases added so far.
    pub aliases: u64,
    /// Whether the final merge has started.
    pub merging: bool,
}

struct EntityRow {
    id: u32,
    name: u32,
    metadata: u32,
    kind: EntityKind,
    gender: Option<Gender>,
}

struct AliasRow {
    entity: u32,
    name: u32,
    normalized: u32,
    lang: u16,
    /// Index into the rule table (0: given, not derived).
    rule: u16,
}

/// An alias derived from a given one by cross-script knowledge (e.g. the
/// Sino-Vietnamese reading "Vương Nghị" of 王毅). The builder stores it as an
/// alias of the same entity, marked with the rule that made it, so that
/// explanations can say where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DerivedAlias {
    /// The derived name.
    pub name: String,
    /// Its language, if known.
    pub lang: Option<String>,
    /// The rule that made it, e.g. `han-reading:vi`.
    pub rule: String,
}

/// An alias expander: called for each given alias with (alias text,
/// language, entity record), it returns derived aliases. This is how the
/// cross-script knowledge adds Han readings.
pub type AliasExpander =
    Box<dyn Fn(&str, Option<&str>, &EntityRecord) -> Vec<DerivedAlias> + Send + Sync>;

/// Builds a dictionary from entity records. See the [module docs](super).
pub struct DictionaryBuilder {
    normalizer: Normalizer,
    config: BuildConfig,
    entities: Vec<EntityRow>,
    ids: HashMap<String, u32>,
    aliases: Vec<AliasRow>,
    strings: Vec<u8>,
    /// Every string written to `strings` except entity ids, by content:
    /// each distinct string is written once.
    string_index: Slots,
    /// Every alias stored, by (entity, normalized text, surface text), to
    /// drop repeats.
    alias_index: Slots,
    languages: Vec<String>,
    language_index: HashMap<String, u16>,
    run: Run,
    spilled: Vec<tempfile::NamedTempFile>,
    report: BuildReport,
    progress: Option<Box<dyn FnMut(BuildProgress) + Send>>,
    expanders: Vec<AliasExpander>,
    rules: Vec<String>,
    /// Scratch: the (run key id, kinds) pairs of the alias being added.
    alias_keys: Vec<(u32, KeyKinds)>,
    name_parts: GroupCache,
    /// Every name token of an alias that belongs to a name-part group,
    /// with its groups: the members of the `groups` section. Bounded by
    /// the name-part tables' vocabulary, not by the input.
    linked: HashMap<Box<str>, Box<[u32]>, BuildHasher>,
    /// How many aliases carry a name token of each name-part group.
    group_aliases: HashMap<u32, u64, BuildHasher>,
    /// Scratch: the name-part groups of the alias being added.
    alias_groups: Vec<u32>,
}

impl Default for DictionaryBuilder {
    fn default() -> Self {
        DictionaryBuilder::new()
    }
}

impl std::fmt::Debug for DictionaryBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DictionaryBuilder")
            .field("config", &self.config)
            .field("entities", &self.entities.len())
            .field("aliases", &self.aliases.len())
            .finish()
    }
}

impl DictionaryBuilder {
    /// A builder with the default normalizer and configuration, and the
    /// crate's cross-script knowledge (Han readings) enabled.
    pub fn new() -> DictionaryBuilder {
        DictionaryBuilder::with_config(Normalizer::new(), BuildConfig::default())
    }

    /// A builder with a given normalizer and configuration.
    pub fn with_config(normalizer: Normalizer, config: BuildConfig) -> DictionaryBuilder {
        let mut b = DictionaryBuilder {
            normalizer,
            config,
            entities: Vec::new(),
            ids: HashMap::new(),
            aliases: Vec::new(),
            strings: Vec::new(),
            string_index: Slots::default(),
            alias_index: Slots::default(),
            languages: vec![String::new()],
            language_index: HashMap::new(),
            run: Run::default(),
            spilled: Vec::new(),
            report: BuildReport::default(),
            progress: None,
            expanders: Vec::new(),
            rules: vec![String::new()],
            alias_keys: Vec::new(),
            name_parts: GroupCache::default(),
            linked: HashMap::default(),
            group_aliases: HashMap::default(),
            alias_groups: Vec::new(),
        };
        b.intern(""); // offset 0 is the empty string
        b.expanders.extend(crate::knowledge::default_expanders());
        b
    }

    /// Sets a progress callback, called every 10,000 entities and at the
    /// final merge.
    pub fn on_progress(&mut self, f: impl FnMut(BuildProgress) + Send + 'static) {
        self.progress = Some(Box::new(f));
    }

    /// Adds an alias expander (see [`AliasExpander`]).
    pub fn add_expander(&mut self, f: AliasExpander) {
        self.expanders.push(f);
    }

    /// Removes every alias expander, including the built-in Han readings.
    pub fn clear_expanders(&mut self) {
        self.expanders.clear();
    }

    /// The normalizer whose keys this builder writes.
    pub fn normalizer(&self) -> &Normalizer {
        &self.normalizer
    }

    /// Writes `s` to the string heap unless an equal string is there
    /// already; returns its offset. Every string is shared, whatever its
    /// length: the index holds 8 bytes per slot and no copy of the text.
    fn intern(&mut self, s: &str) -> u32 {
        let hash = hash_bytes(s.as_bytes());
        let strings = &self.strings;
        match self
            .string_index
            .find(hash, |at| string_at(strings, at) == s.as_bytes())
        {
            Ok(at) => at,
            Err(slot) => {
                let at = self.push_string(s);
                self.string_index.insert(slot, hash, at);
                at
            }
        }
    }

    /// Writes `s` to the string heap without looking for an equal one.
    fn push_string(&mut self, s: &str) -> u32 {
        let at = self.strings.len() as u32;
        format::put_varint(&mut self.strings, s.len() as u64);
        self.strings.extend_from_slice(s.as_bytes());
        at
    }

    fn language(&mut self, lang: Option<&str>) -> u16 {
        let Some(lang) = lang.filter(|l| !l.is_empty()) else {
            return 0;
        };
        if let Some(&i) = self.language_index.get(lang) {
            return i;
        }
        if self.languages.len() >= u16::MAX as usize {
            return 0;
        }
        let i = self.languages.len() as u16;
        self.languages.push(lang.to_string());
        self.language_index.insert(lang.to_string(), i);
        i
    }

    /// Adds one entity: its canonical name and every alias are normalized
    /// and keyed. An id seen before is handled by the
    /// [`DuplicatePolicy`]. Aliases that normalize to nothing (only
    /// punctuation) are not indexed and are listed in the report.
    pub fn add(&mut self, record: EntityRecord) -> Result<()> {
        record.validate()?;
        if self.entities.len() >= u32::MAX as usize - 1 {
            return Err(Error::new(crate::ErrorKind::Limit(
                "a dictionary holds at most 2^32 - 2 entities".into(),
            )));
        }
        if self.strings.len() > STRINGS_LIMIT {
            return Err(Error::new(crate::ErrorKind::Limit(
                "a dictionary holds at most 4 GiB of strings".into(),
            )));
        }
        let gender = record.gender();
        let entity = match self.ids.get(&record.id).copied() {
            Some(existing) => {
                let row = &self.entities[existing as usize];
                let old_name = self.string(row.name).to_string();
                let same = old_name == record.name && row.kind == record.kind;
                match self.config.duplicates {
                    DuplicatePolicy::MergeSameName if !same => {
                        return Err(Error::invalid_entity(format!(
                            "id `{}` was given before as {:?} ({}) and now as {:?} ({}); \
                             use a different id, or a duplicate policy that merges",
                            record.id, old_name, row.kind, record.name, record.kind
                        ))
                        .in_field("id"));
                    }
                    DuplicatePolicy::Replace if !same => {
                        let name = self.intern(&record.name);
                        let row = &mut self.entities[existing as usize];
                        row.name = name;
                        row.kind = record.kind;
                        if gender.is_some() {
                            row.gender = gender;
                        }
                    }
                    _ => {}
                }
                self.report.merged_duplicates += 1;
                existing
            }
            None => {
                let index = self.entities.len() as u32;
                // Ids are unique: written without a look-up.
                let id = self.push_string(&record.id);
                let name = self.intern(&record.name);
                let metadata = if record.metadata.is_empty() {
                    self.intern("{}")
                } else {
                    let text = serde_json::Value::Object(record.metadata.clone()).to_string();
                    self.intern(&text)
                };
                self.entities.push(EntityRow {
                    id,
                    name,
                    metadata,
                    kind: record.kind,
                    gender,
                });
                self.ids.insert(record.id.clone(), index);
                index
            }
        };
        self.add_alias(entity, &record.name, None, &record, 0);
        for alias in &record.aliases {
            self.add_alias(entity, &alias.name, alias.lang.as_deref(), &record, 0);
        }
        let mut derived = Vec::new();
        for expander in &self.expanders {
            derived.extend(expander(&record.name, None, &record));
            for alias in &record.aliases {
                derived.extend(expander(&alias.name, alias.lang.as_deref(), &record));
            }
        }
        for d in derived {
            let rule = match self.rules.iter().position(|r| *r == d.rule) {
                Some(i) => i as u16,
                None => {
                    self.rules.push(d.rule.clone());
                    (self.rules.len() - 1) as u16
                }
            };
            self.add_alias(entity, &d.name, d.lang.as_deref(), &record, rule);
        }
        if self.entities.len() % 10_000 == 0 {
            self.report_progress(false);
        }
        Ok(())
    }

    fn report_progress(&mut self, merging: bool) {
        let p = BuildProgress {
            entities: self.entities.len() as u64,
            aliases: self.aliases.len() as u64,
            merging,
        };
        if let Some(f) = self.progress.as_mut() {
            f(p);
        }
    }

    fn string(&self, offset: u32) -> &str {
        std::str::from_utf8(self.string_bytes(offset)).unwrap_or("")
    }

    fn string_bytes(&self, offset: u32) -> &[u8] {
        string_at(&self.strings, offset)
    }

    fn add_alias(
        &mut self,
        entity: u32,
        name: &str,
        lang: Option<&str>,
        record: &EntityRecord,
        rule: u16,
    ) {
        if name.trim().is_empty() {
            self.report.skipped.push(SkippedItem {
                id: record.id.clone(),
                alias: Some(name.to_string()),
                reason: "empty alias".into(),
            });
            return;
        }
        let normalized = self.normalizer.normalize(name);
        if normalized.is_empty() {
            self.report.skipped.push(SkippedItem {
                id: record.id.clone(),
                alias: Some(name.to_string()),
                reason: "the alias normalizes to nothing (no letters or digits)".into(),
            });
            return;
        }
        let text = normalized.text();
        // The same surface text twice is one alias; two surface forms that
        // normalize alike are both kept (they may differ in language).
        let hash = {
            let mut h = Hasher::default();
            h.write(&entity.to_le_bytes());
            h.write(text.as_bytes());
            h.write(&[0xff]);
            h.write(name.as_bytes());
            h.finish()
        };
        let (aliases, strings) = (&self.aliases, &self.strings);
        let slot = match self.alias_index.find(hash, |a| {
            let row = &aliases[a as usize];
            row.entity == entity
                && string_at(strings, row.normalized) == text.as_bytes()
                && string_at(strings, row.name) == name.as_bytes()
        }) {
            Ok(_) => {
                self.report.duplicate_aliases += 1;
                return;
            }
            Err(slot) => slot,
        };
        if self.aliases.len() >= (u32::MAX >> 1) as usize {
            self.report.skipped.push(SkippedItem {
                id: record.id.clone(),
                alias: Some(name.to_string()),
                reason: "the dictionary's alias limit (2^31) was reached".into(),
            });
            return;
        }
        let alias = self.aliases.len() as u32;
        self.alias_index.insert(slot, hash, alias);
        let name_at = self.intern(name);
        let normalized_at = self.intern(&text);
        let lang_index = self.language(lang);
        self.aliases.push(AliasRow {
            entity,
            name: name_at,
            normalized: normalized_at,
            lang: lang_index,
            rule,
        });
        // One posting per distinct key text, with the kinds of every key
        // of that text OR-ed together.
        let mut keys = std::mem::take(&mut self.alias_keys);
        keys.clear();
        fn add_id(keys: &mut Vec<(u32, KeyKinds)>, id: u32, kind: KeyKind) {
            match keys.iter_mut().find(|(k, _)| *k == id) {
                Some((_, kinds)) => kinds.insert(kind),
                None => {
                    let mut kinds = KeyKinds::default();
                    kinds.insert(kind);
                    keys.push((id, kinds));
                }
            }
        }
        for key in normalized.keys() {
            if key.kind == KeyKind::Skeleton && !self.config.skeleton_keys {
                continue;
            }
            let id = self.run.key_id(key.text.as_bytes());
            add_id(&mut keys, id, key.kind);
        }
        // Name-part groups of each token: a query token in another script
        // finds this alias through a group it shares, which the `groups`
        // section maps to the posting lists of the group's tokens (the
        // alias is found there under its token key). Counted once per
        // group, however many of its tokens and spellings are in it.
        let mut alias_groups = std::mem::take(&mut self.alias_groups);
        alias_groups.clear();
        for spelling in &normalized.spellings {
            for t in spelling {
                if t.role != crate::normalize::TokenRole::Name || t.text.len() < 3 {
                    continue;
                }
                let groups = self.name_parts.groups(&t.text);
                if groups.is_empty() {
                    continue;
                }
                alias_groups.extend_from_slice(groups);
                if !self.linked.contains_key(t.text.as_str()) {
                    self.linked.insert(t.text.as_str().into(), groups.into());
                }
            }
        }
        // Two adjacent name tokens, each a name-part form, whose join is
        // one too: a compound given name ("jean yves" joins into
        // "jeanyves", a form of Jean-Yves's group, as are 장이브 and
        // ζαν-υβ). The join gets a token key and the alias its groups, so
        // that a query writing the compound as one word (장이브 "jangibeu")
        // finds the alias through the group. Each half has three letters or
        // more ("Ele Na" is no Elena, "Li Na" no Lina), and none is a
        // syllable of a name in characters (Han, kana, Hangul), whose
        // spellings group them already.
        let half = |t: &crate::normalize::Token| {
            t.role == crate::normalize::TokenRole::Name
                && t.text.len() >= 3
                && !t.script.is_syllabic()
        };
        let mut join = String::new();
        for spelling in &normalized.spellings {
            for pair in spelling.windows(2) {
                let (t, u) = (&pair[0], &pair[1]);
                // (The halves' groups were looked up above: cached.)
                if !half(t)
                    || !half(u)
                    || self.name_parts.groups(&t.text).is_empty()
                    || self.name_parts.groups(&u.text).is_empty()
                {
                    continue;
                }
                join.clear();
                join.push_str(&t.text);
                join.push_str(&u.text);
                if !crate::knowledge::name_parts::is_form(&join) {
                    continue;
                }
                let groups: Box<[u32]> = self.name_parts.groups(&join).into();
                let id = self.run.key_id(join.as_bytes());
                add_id(&mut keys, id, KeyKind::Token);
                alias_groups.extend_from_slice(&groups);
                if !self.linked.contains_key(join.as_str()) {
                    self.linked.insert(join.as_str().into(), groups);
                }
            }
        }
        alias_groups.sort_unstable();
        alias_groups.dedup();
        for &group in &alias_groups {
            *self.group_aliases.entry(group).or_default() += 1;
        }
        self.alias_groups = alias_groups;
        for &(key, kinds) in &keys {
            self.run.entries.push(RunEntry {
                key,
                alias,
                kinds: kinds.0,
            });
        }
        self.alias_keys = keys;
        if self.run.bytes() > self.config.run_bytes {
            if let Err(e) = self.spill() {
                // Spilling failed (disk full?): keep the run in memory; the
                // error will surface again at finish if it persists.
                self.report.skipped.push(SkippedItem {
                    id: String::new(),
                    alias: None,
                    reason: format!("could not spill a run to disk, kept in memory: {e}"),
                });
            }
        }
    }

    fn spill(&mut self) -> Result<()> {
        let sorted = self.run.sort();
        let mut file = match &self.config.temp_dir {
            Some(dir) => tempfile::NamedTempFile::new_in(dir)?,
            None => tempfile::NamedTempFile::new()?,
        };
        {
            let mut w = BufWriter::with_capacity(1 << 20, file.as_file_mut());
            let mut buf = Vec::new();
            for rank in 0..sorted.len() {
                let (key, postings) = sorted.get(rank);
                buf.clear();
                format::put_varint(&mut buf, key.len() as u64);
                buf.extend_from_slice(key);
                format::put_varint(&mut buf, postings.len() as u64);
                let mut last = 0u32;
                for &(alias, kinds) in postings {
                    format::put_varint(&mut buf, (alias - last) as u64);
                    buf.push(kinds);
                    last = alias;
                }
                w.write_all(&buf)?;
            }
            w.flush()?;
        }
        self.run.clear();
        self.spilled.push(file);
        self.report.spilled_runs += 1;
        Ok(())
    }

    /// Finishes the build and returns the dictionary file's bytes.
    pub fn finish_to_vec(self) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        self.finish_to_writer(&mut out)?;
        Ok(out)
    }

    /// Finishes the build and writes the dictionary to `path` atomically:
    /// to a temporary file in the same directory, synced, then renamed, and
    /// the directory synced (on Unix), so a crash never leaves a torn
    /// dictionary, the rename survives a power loss, and open readers keep
    /// their view.
    pub fn finish_to_path(self, path: impl AsRef<Path>) -> Result<BuildReport> {
        let path = path.as_ref();
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let mut tmp = tempfile::NamedTempFile::new_in(&dir)
            .map_err(|e| Error::from(e).at(Some(&dir), None))?;
        let report = {
            let mut w = BufWriter::new(tmp.as_file_mut());
            let report = self.finish_to_writer(&mut w)?;
            w.flush()?;
            report
        };
        tmp.as_file().sync_all()?;
        tmp.persist(path)
            .map_err(|e| Error::from(e.error).at(Some(path), None))?;
        // The rename is durable only once the directory entry is: fsync
        // the directory. Windows has no directory handles to sync; a
        // failure there (or on a file system that refuses it) leaves the
        // file complete, so it is not an error.
        #[cfg(unix)]
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(report)
    }

    /// Finishes the build, writing the dictionary to `out`.
    pub fn finish_to_writer(mut self, out: &mut impl Write) -> Result<BuildReport> {
        self.report_progress(true);
        if self.strings.len() > STRINGS_LIMIT {
            return Err(Error::new(crate::ErrorKind::Limit(
                "a dictionary holds at most 4 GiB of strings".into(),
            )));
        }
        // Merge the spilled runs and the in-memory one, in key order. Runs
        // hold consecutive ranges of aliases, oldest first, so a key's
        // postings from several runs concatenate in alias order.
        let memory = std::mem::take(&mut self.run).sort();
        let mut sources: Vec<Source<'_>> = Vec::with_capacity(self.spilled.len() + 1);
        for file in &self.spilled {
            let reader = BufReader::with_capacity(1 << 20, file.reopen()?);
            let mut source = Source::File {
                reader,
                key: Vec::new(),
                postings: Vec::new(),
                done: false,
            };
            source.advance()?;
            sources.push(source);
        }
        sources.push(Source::Memory {
            run: &memory,
            rank: 0,
        });
        let mut keys = fst::MapBuilder::memory();
        let mut words = fst::MapBuilder::memory();
        let mut postings_bytes: Vec<u8> = Vec::new();
        let mut key: Vec<u8> = Vec::new();
        let mut list: Vec<(u32, u8)> = Vec::new();
        let mut key_count = 0u64;
        let mut posting_count = 0u64;
        // (name-part group, posting-list offset of a name token in it).
        let mut group_members: Vec<(u32, u64)> = Vec::new();
        // The last key (counted from 1) that counted each entity: distinct
        // entities per key without sorting.
        let mut entity_mark: Vec<u64> = vec![0; self.entities.len()];
        while let Some(min) = sources.iter().filter_map(|s| s.key()).min() {
            key.clear();
            key.extend_from_slice(min);
            list.clear();
            for source in sources.iter_mut() {
                if source.key() == Some(&key[..]) {
                    source.append_postings(&mut list);
                    source.advance()?;
                }
            }
            key_count += 1;
            posting_count += list.len() as u64;
            let mut entities = 0u64;
            for &(alias, _) in &list {
                let e = self.aliases[alias as usize].entity as usize;
                if entity_mark[e] != key_count {
                    entity_mark[e] = key_count;
                    entities += 1;
                }
            }
            keys.insert(&key, postings_bytes.len() as u64)?;
            // Name tokens: token keys, and the exact (or reading) key of a
            // one-word alias, which carries no separate token key. Not the
            // one-word joined and skeleton keys of longer names, most of a
            // large dictionary's one-word keys.
            let word_kinds = KeyKind::Token.bit() | KeyKind::Exact.bit() | KeyKind::Reading.bit();
            if !key.contains(&b' ') && list.iter().any(|&(_, kinds)| kinds & word_kinds != 0) {
                words.insert(&key, postings_bytes.len() as u64)?;
                // The lists a group's reader takes postings from.
                if list
                    .iter()
                    .any(|&(_, kinds)| kinds & super::NAME_TOKEN_KINDS != 0)
                {
                    let groups = std::str::from_utf8(&key)
                        .ok()
                        .and_then(|token| self.linked.get(token));
                    for &group in groups.into_iter().flatten() {
                        group_members.push((group, postings_bytes.len() as u64));
                    }
                }
            }
            format::put_posting_list(&mut postings_bytes, &list, entities);
        }
        drop(sources);
        drop(memory);
        drop(entity_mark);
        let keys = keys.into_inner()?;
        let words = words.into_inner()?;
        group_members.sort_unstable();
        let groups = format::put_groups(&group_members, |g| {
            self.group_aliases.get(&g).copied().unwrap_or(0)
        })?;
        drop(group_members);

        let mut ids: Vec<(&str, u32)> = Vec::with_capacity(self.entities.len());
        for (id, &index) in &self.ids {
            ids.push((id.as_str(), index));
        }
        ids.sort_unstable();
        let mut id_map = fst::MapBuilder::memory();
        for (id, index) in ids {
            id_map.insert(id, index as u64)?;
        }
        let id_map = id_map.into_inner()?;

        let mut entities = format::RecordWriter::default();
        for e in &self.entities {
            let metadata = self.string_bytes(e.metadata);
            entities.entity(&format::EntityFields {
                id: self.string_bytes(e.id),
                name: self.string_bytes(e.name),
                metadata: (metadata != b"{}").then_some(metadata),
                kind: e.kind.to_byte(),
                gender: match e.gender {
                    None => 0,
                    Some(Gender::Male) => 1,
                    Some(Gender::Female) => 2,
                },
            })?;
        }
        let entities = entities.finish()?;
        // An alias that is its entity's canonical name (nearly every
        // entity has one) is stored once, in the entity record. Strings
        // other than ids are interned, so equal offsets mean equal texts.
        let mut aliases = format::RecordWriter::default();
        for a in &self.aliases {
            let canonical = self.entities[a.entity as usize].name == a.name;
            aliases.alias(&format::AliasFields {
                entity: a.entity,
                name: (!canonical).then(|| self.string_bytes(a.name)),
                lang: a.lang as u64,
                rule: a.rule as u64,
            })?;
        }
        let aliases = aliases.finish()?;
        let info = super::DictionaryInfo {
            entities: self.entities.len() as u64,
            aliases: self.aliases.len() as u64,
            keys: key_count,
            postings: posting_count,
            languages: self.languages.clone(),
            rules: self.rules.clone(),
            built_by: format!("polyonym {}", env!("CARGO_PKG_VERSION")),
        };
        let meta = serde_json::to_vec(&info).map_err(|e| Error::format(e.to_string()))?;
        let sections: [(SectionId, &[u8]); 8] = [
            (SectionId::Keys, &keys),
            (SectionId::Postings, &postings_bytes),
            (SectionId::Entities, &entities),
            (SectionId::Aliases, &aliases),
            (SectionId::Ids, &id_map),
            (SectionId::Meta, &meta),
            (SectionId::Words, &words),
            (SectionId::Groups, &groups),
        ];
        let mut counter = CountingWriter {
            inner: out,
            count: 0,
        };
        format::write_file(
            &mut counter,
            super::fingerprint_for(&self.normalizer),
            &sections,
        )?;
        let mut report = std::mem::take(&mut self.report);
        report.entities = info.entities;
        report.aliases = info.aliases;
        report.keys = key_count;
        report.postings = posting_count;
        report.bytes = counter.count;
        Ok(report)
    }
}

/// Records reference strings by u32 offsets.
const STRINGS_LIMIT: usize = u32::MAX as usize - (1 << 20);

/// The string at `offset` of a string heap (empty if out of range).
fn string_at(strings: &[u8], offset: u32) -> &[u8] {
    let mut at = offset as usize;
    let len = format::get_varint(strings, &mut at).unwrap_or(0) as usize;
    strings.get(at..at + len).unwrap_or(&[])
}

struct CountingWriter<'a, W: Write> {
    inner: &'a mut W,
    count: u64,
}

impl<W: Write> Write for CountingWriter<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.count += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

// ------------------------------------------------------------------ hashing

/// A fast 64-bit hash for the builder's in-memory indexes (never written
/// to a file, so it may change freely): FxHash-style word mixing, then the
/// MurmurHash3 finalizer so that every output bit depends on every input
/// bit. The keys are trusted input data, not an attacker's.
#[derive(Default)]
struct Hasher(u64);

impl Hasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes(c.try_into().expect("8 bytes"));
            self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
        self.0 = (self.0.rotate_left(5) ^ bytes.len() as u64).wrapping_mul(K);
    }

    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

impl std::hash::Hasher for Hasher {
    fn write(&mut self, bytes: &[u8]) {
        Hasher::write(self, bytes);
    }
    fn write_u32(&mut self, v: u32) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        self.0 = (self.0.rotate_left(5) ^ v as u64).wrapping_mul(K);
    }
    fn finish(&self) -> u64 {
        Hasher::finish(self)
    }
}

type BuildHasher = std::hash::BuildHasherDefault<Hasher>;

/// The name-part groups of recent tokens: tokens repeat from alias to
/// alias, and each `name_parts::groups` call walks a 6 MB FST. Bounded:
/// emptied when it holds [`GroupCache::MAX`] tokens.
#[derive(Default)]
struct GroupCache {
    groups: HashMap<Box<str>, Box<[u32]>, BuildHasher>,
}

impl GroupCache {
    const MAX: usize = 1 << 18;

    fn groups(&mut self, token: &str) -> &[u32] {
        if !self.groups.contains_key(token) {
            if self.groups.len() >= Self::MAX {
                self.groups.clear();
            }
            let groups = crate::knowledge::name_parts::groups(token).into_boxed_slice();
            self.groups.insert(token.into(), groups);
        }
        &self.groups[token]
    }
}

fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = Hasher::default();
    h.write(bytes);
    h.finish()
}

/// An open-addressing hash index of u32 values whose contents live
/// elsewhere (a byte arena, the string heap, the alias rows): each slot
/// holds 32 bits of the hash and the value, and equality is decided by the
/// caller. No allocation per entry.
#[derive(Default)]
struct Slots {
    /// (hash bits, value + 1); value + 1 = 0 marks an empty slot.
    slots: Vec<(u32, u32)>,
    len: usize,
}

impl Slots {
    /// The value equal to the sought one (`eq`), or the slot where it
    /// would go.
    fn find(&self, hash: u64, mut eq: impl FnMut(u32) -> bool) -> std::result::Result<u32, usize> {
        if self.slots.is_empty() {
            return Err(usize::MAX);
        }
        let tag = (hash >> 32) as u32;
        let mask = self.slots.len() - 1;
        let mut i = tag as usize & mask;
        loop {
            let (t, v) = self.slots[i];
            if v == 0 {
                return Err(i);
            }
            if t == tag && eq(v - 1) {
                return Ok(v - 1);
            }
            i = (i + 1) & mask;
        }
    }

    /// Inserts `value` at the slot `find` returned.
    fn insert(&mut self, slot: usize, hash: u64, value: u32) {
        let tag = (hash >> 32) as u32;
        if slot == usize::MAX || (self.len + 1) * 2 > self.slots.len() {
            self.grow();
            let mask = self.slots.len() - 1;
            let mut i = tag as usize & mask;
            while self.slots[i].1 != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = (tag, value + 1);
        } else {
            self.slots[slot] = (tag, value + 1);
        }
        self.len += 1;
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(64);
        let old = std::mem::replace(&mut self.slots, vec![(0, 0); size]);
        let mask = size - 1;
        for (tag, v) in old {
            if v != 0 {
                let mut i = tag as usize & mask;
                while self.slots[i].1 != 0 {
                    i = (i + 1) & mask;
                }
                self.slots[i] = (tag, v);
            }
        }
    }

    fn clear(&mut self) {
        self.slots.iter_mut().for_each(|s| *s = (0, 0));
        self.len = 0;
    }

    /// Memory in use, in bytes: two slots per entry (the table is at most
    /// half full), whatever the capacity a cleared table keeps.
    fn bytes(&self) -> usize {
        self.len * 2 * std::mem::size_of::<(u32, u32)>()
    }
}

// --------------------------------------------------------------------- runs

/// One posting of a run: a key (by its id in the run), an alias, kinds.
#[derive(Clone, Copy)]
struct RunEntry {
    key: u32,
    alias: u32,
    kinds: u8,
}

/// The in-memory run: each distinct key text stored once in an arena
/// (key texts repeat massively: every token key of every alias), and one
/// 12-byte entry per posting. Sorting it sorts the distinct keys, then
/// places the entries by a counting sort, which keeps them in alias
/// order.
#[derive(Default)]
struct Run {
    arena: Vec<u8>,
    /// (start in `arena`, length) of each key id.
    spans: Vec<(usize, u32)>,
    index: Slots,
    entries: Vec<RunEntry>,
}

impl Run {
    /// The id of a key text, added if new.
    fn key_id(&mut self, key: &[u8]) -> u32 {
        let hash = hash_bytes(key);
        let (arena, spans) = (&self.arena, &self.spans);
        match self.index.find(hash, |id| {
            let (start, len) = spans[id as usize];
            &arena[start..start + len as usize] == key
        }) {
            Ok(id) => id,
            Err(slot) => {
                let id = self.spans.len() as u32;
                self.spans.push((self.arena.len(), key.len() as u32));
                self.arena.extend_from_slice(key);
                self.index.insert(slot, hash, id);
                id
            }
        }
    }

    /// The memory the run needs at its peak, while it is sorted: what it
    /// holds (lengths, not capacities) plus the sorted copy of its keys and
    /// postings that [`Run::sort`] makes.
    fn bytes(&self) -> usize {
        2 * self.arena.len()
            + self.spans.len() * (2 * std::mem::size_of::<(usize, u32)>() + 24)
            + self.index.bytes()
            + self.entries.len() * (std::mem::size_of::<RunEntry>() + 8)
    }

    fn clear(&mut self) {
        self.arena.clear();
        self.spans.clear();
        self.index.clear();
        self.entries.clear();
    }

    fn key(&self, id: u32) -> &[u8] {
        let (start, len) = self.spans[id as usize];
        &self.arena[start..start + len as usize]
    }

    /// The run's keys in byte order, each with its postings in alias order.
    fn sort(&self) -> SortedRun {
        let n = self.spans.len();
        // Sort by the first 8 bytes as an integer, then settle ties (keys
        // sharing 8 bytes) by comparing whole keys.
        let prefix = |id: u32| {
            let key = self.key(id);
            let mut p = [0u8; 8];
            let m = key.len().min(8);
            p[..m].copy_from_slice(&key[..m]);
            u64::from_be_bytes(p)
        };
        let mut order: Vec<(u64, u32)> = (0..n as u32).map(|id| (prefix(id), id)).collect();
        order.sort_unstable();
        let mut i = 0;
        while i < order.len() {
            let mut j = i + 1;
            while j < order.len() && order[j].0 == order[i].0 {
                j += 1;
            }
            if j - i > 1 {
                order[i..j].sort_unstable_by(|a, b| self.key(a.1).cmp(self.key(b.1)));
            }
            i = j;
        }
        // Counting sort of the entries by their key's rank; entries were
        // appended in alias order, and the placement keeps that order.
        let mut start = vec![0u32; n];
        for e in &self.entries {
            start[e.key as usize] += 1;
        }
        let mut offsets = Vec::with_capacity(n + 1);
        let mut at = 0u32;
        for &(_, id) in &order {
            offsets.push(at);
            let count = start[id as usize];
            start[id as usize] = at;
            at += count;
        }
        offsets.push(at);
        let mut postings = vec![(0u32, 0u8); self.entries.len()];
        for e in &self.entries {
            let slot = &mut start[e.key as usize];
            postings[*slot as usize] = (e.alias, e.kinds);
            *slot += 1;
        }
        let mut arena = Vec::with_capacity(self.arena.len());
        let mut spans = Vec::with_capacity(n);
        for &(_, id) in &order {
            let key = self.key(id);
            spans.push((arena.len(), key.len() as u32));
            arena.extend_from_slice(key);
        }
        SortedRun {
            arena,
            spans,
            offsets,
            postings,
        }
    }
}

/// A run in key order.
struct SortedRun {
    arena: Vec<u8>,
    spans: Vec<(usize, u32)>,
    /// Where each key's postings start in `postings`, and a last entry for
    /// the end.
    offsets: Vec<u32>,
    postings: Vec<(u32, u8)>,
}

impl SortedRun {
    fn len(&self) -> usize {
        self.spans.len()
    }

    fn get(&self, rank: usize) -> (&[u8], &[(u32, u8)]) {
        let (start, len) = self.spans[rank];
        let key = &self.arena[start..start + len as usize];
        let postings = &self.postings[self.offsets[rank] as usize..self.offsets[rank + 1] as usize];
        (key, postings)
    }
}

/// One sorted run being merged: a spilled file or the in-memory run.
enum Source<'a> {
    File {
        reader: BufReader<std::fs::File>,
        key: Vec<u8>,
        postings: Vec<(u32, u8)>,
        done: bool,
    },
    Memory {
        run: &'a SortedRun,
        rank: usize,
    },
}

impl Source<'_> {
    /// The current key, or `None` when the source is exhausted.
    fn key(&self) -> Option<&[u8]> {
        match self {
            Source::File { key, done, .. } => (!done).then_some(&key[..]),
            Source::Memory { run, rank } => (*rank < run.len()).then(|| run.get(*rank).0),
        }
    }

    fn append_postings(&self, out: &mut Vec<(u32, u8)>) {
        match self {
            Source::File { postings, .. } => out.extend_from_slice(postings),
            Source::Memory { run, rank } => out.extend_from_slice(run.get(*rank).1),
        }
    }

    /// Moves to the next key.
    fn advance(&mut self) -> Result<()> {
        match self {
            Source::Memory { rank, .. } => *rank += 1,
            Source::File {
                reader,
                key,
                postings,
                done,
            } => {
                let Some(len) = read_varint(reader)? else {
                    *done = true;
                    return Ok(());
                };
                key.resize(len as usize, 0);
                reader.read_exact(key)?;
                let n = read_varint(reader)?.ok_or_else(truncated_run)?;
                postings.clear();
                let mut last = 0u32;
                for _ in 0..n {
                    let delta = read_varint(reader)?.ok_or_else(truncated_run)?;
                    let mut kinds = [0u8; 1];
                    reader.read_exact(&mut kinds)?;
                    last = last.wrapping_add(delta as u32);
                    postings.push((last, kinds[0]));
                }
            }
        }
        Ok(())
    }
}

fn truncated_run() -> Error {
    Error::from(std::io::Error::new(
        std::io::ErrorKind::UnexpectedEof,
        "a temporary run file ended early",
    ))
}

/// Reads a varint; `None` at the end of the input (before its first byte).
fn read_varint(r: &mut impl Read) -> Result<Option<u64>> {
    let mut v: u64 = 0;
    for (i, shift) in (0..64).step_by(7).enumerate() {
        let mut b = [0u8; 1];
        if r.read(&mut b)? == 0 {
            if i == 0 {
                return Ok(None);
            }
            return Err(truncated_run());
        }
        v |= ((b[0] & 0x7f) as u64) << shift;
        if b[0] & 0x80 == 0 {
            return Ok(Some(v));
        }
    }
    Err(truncated_run())
}
