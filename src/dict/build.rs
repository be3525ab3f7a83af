//! Building a dictionary: streaming, in bounded memory.
//!
//! Each alias is normalized and its keys are appended, as (key, alias,
//! kinds) entries, to an in-memory run. When the run outgrows
//! [`BuildConfig::run_bytes`] it is sorted and spilled to a temporary file;
//! at the end all runs are merged in key order straight into
//! `fst::MapBuilder` and the posting lists. Entities and aliases are kept
//! as fixed-size records and strings (about 50 bytes per alias), so peak
//! memory is the run budget plus that.

use std::collections::{BinaryHeap, HashMap};
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
    /// Memory budget of the in-memory run of keys before it is spilled to a
    /// temporary file. Default 256 MiB.
    pub run_bytes: usize,
    /// Where temporary runs go. Default: the system temporary directory.
    pub temp_dir: Option<PathBuf>,
    /// What to do with duplicate ids.
    pub duplicates: DuplicatePolicy,
}

impl Default for BuildConfig {
    fn default() -> Self {
        BuildConfig {
            run_bytes: 256 << 20,
            temp_dir: None,
            duplicates: DuplicatePolicy::default(),
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
    /// Normalized texts of its aliases, to drop duplicates.
    seen: Vec<String>,
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
    string_index: HashMap<Box<str>, u32>,
    languages: Vec<String>,
    language_index: HashMap<String, u16>,
    run: Vec<(Box<[u8]>, u32, u8)>,
    run_bytes: usize,
    spilled: Vec<tempfile::NamedTempFile>,
    report: BuildReport,
    progress: Option<Box<dyn FnMut(BuildProgress) + Send>>,
    expanders: Vec<AliasExpander>,
    rules: Vec<String>,
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
            string_index: HashMap::new(),
            languages: vec![String::new()],
            language_index: HashMap::new(),
            run: Vec::new(),
            run_bytes: 0,
            spilled: Vec::new(),
            report: BuildReport::default(),
            progress: None,
            expanders: Vec::new(),
            rules: vec![String::new()],
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

    fn intern(&mut self, s: &str) -> u32 {
        if let Some(&at) = self.string_index.get(s) {
            return at;
        }
        let at = self.strings.len() as u32;
        format::put_varint(&mut self.strings, s.len() as u64);
        self.strings.extend_from_slice(s.as_bytes());
        // Only short, likely-repeated strings are interned: languages,
        // ids and names repeat rarely enough that a full index would cost
        // more memory than it saves.
        if s.len() <= 24 {
            self.string_index.insert(s.into(), at);
        }
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
                let id = self.intern(&record.id);
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
                    seen: Vec::new(),
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
        let mut at = offset as usize;
        let len = format::get_varint(&self.strings, &mut at).unwrap_or(0) as usize;
        std::str::from_utf8(&self.strings[at..at + len]).unwrap_or("")
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
        let surface_seen = {
            let row = &mut self.entities[entity as usize];
            let marker = format!("{text}\u{0}{name}");
            if row.seen.contains(&marker) {
                true
            } else {
                row.seen.push(marker);
                false
            }
        };
        if surface_seen {
            self.report.duplicate_aliases += 1;
            return;
        }
        if self.aliases.len() >= (u32::MAX >> 1) as usize {
            self.report.skipped.push(SkippedItem {
                id: record.id.clone(),
                alias: Some(name.to_string()),
                reason: "the dictionary's alias limit (2^31) was reached".into(),
            });
            return;
        }
        let alias = self.aliases.len() as u32;
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
        let mut keys: Vec<(String, KeyKinds)> = Vec::new();
        for key in normalized.keys() {
            match keys.iter_mut().find(|(t, _)| *t == key.text) {
                Some((_, kinds)) => kinds.insert(key.kind),
                None => {
                    let mut kinds = KeyKinds::default();
                    kinds.insert(key.kind);
                    keys.push((key.text, kinds));
                }
            }
        }
        // Name-part groups of each token: a query token in another script
        // finds this alias through the group it shares.
        for spelling in &normalized.spellings {
            for t in spelling {
                if t.role != crate::normalize::TokenRole::Name || t.text.len() < 3 {
                    continue;
                }
                for group in crate::knowledge::name_parts::groups(&t.text) {
                    let key = crate::knowledge::name_parts::group_key(group);
                    match keys.iter_mut().find(|(k, _)| *k == key) {
                        Some((_, kinds)) => kinds.insert(KeyKind::NamePart),
                        None => {
                            let mut kinds = KeyKinds::default();
                            kinds.insert(KeyKind::NamePart);
                            keys.push((key, kinds));
                        }
                    }
                }
            }
        }
        for (text, kinds) in keys {
            self.run_bytes += text.len() + 32;
            self.run
                .push((text.into_bytes().into_boxed_slice(), alias, kinds.0));
        }
        if self.run_bytes > self.config.run_bytes {
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
        self.run.sort_unstable();
        let mut file = match &self.config.temp_dir {
            Some(dir) => tempfile::NamedTempFile::new_in(dir)?,
            None => tempfile::NamedTempFile::new()?,
        };
        {
            let mut w = BufWriter::new(file.as_file_mut());
            let mut buf = Vec::new();
            for (key, alias, kinds) in self.run.drain(..) {
                buf.clear();
                format::put_varint(&mut buf, key.len() as u64);
                buf.extend_from_slice(&key);
                buf.extend_from_slice(&alias.to_le_bytes());
                buf.push(kinds);
                w.write_all(&buf)?;
            }
            w.flush()?;
        }
        self.run_bytes = 0;
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
    /// to a temporary file in the same directory, synced, then renamed, so
    /// a crash never leaves a torn dictionary and open readers keep their
    /// view.
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
        Ok(report)
    }

    /// Finishes the build, writing the dictionary to `out`.
    pub fn finish_to_writer(mut self, out: &mut impl Write) -> Result<BuildReport> {
        self.report_progress(true);
        self.run.sort_unstable();
        // Merge the in-memory run with the spilled ones, in key order.
        let mut sources: Vec<RunReader> = Vec::new();
        for file in &self.spilled {
            sources.push(RunReader::File(BufReader::new(file.reopen()?)));
        }
        sources.push(RunReader::Memory(std::mem::take(&mut self.run).into_iter()));
        let mut heap = BinaryHeap::new();
        for (i, source) in sources.iter_mut().enumerate() {
            if let Some(entry) = source.next_entry()? {
                heap.push(std::cmp::Reverse((entry, i)));
            }
        }
        let mut keys = fst::MapBuilder::memory();
        let mut postings_bytes: Vec<u8> = Vec::new();
        let mut current: Option<Vec<u8>> = None;
        let mut list: Vec<(u32, u8)> = Vec::new();
        let mut key_count = 0u64;
        let mut posting_count = 0u64;
        let mut flush = |key: &[u8],
                         list: &mut Vec<(u32, u8)>,
                         keys: &mut fst::MapBuilder<Vec<u8>>|
         -> Result<()> {
            list.sort_unstable();
            // Merge duplicate aliases (same key from two runs).
            list.dedup_by(|b, a| {
                if a.0 == b.0 {
                    a.1 |= b.1;
                    true
                } else {
                    false
                }
            });
            key_count += 1;
            posting_count += list.len() as u64;
            let value = if list.len() == 1 {
                INLINE | ((list[0].1 as u64) << 32) | list[0].0 as u64
            } else {
                let at = postings_bytes.len() as u64;
                let mut entities: Vec<u32> = list
                    .iter()
                    .map(|(a, _)| self.aliases[*a as usize].entity)
                    .collect();
                entities.sort_unstable();
                entities.dedup();
                format::put_varint(&mut postings_bytes, list.len() as u64);
                format::put_varint(&mut postings_bytes, entities.len() as u64);
                let mut last = 0u32;
                for (alias, kinds) in list.iter() {
                    format::put_varint(&mut postings_bytes, (alias - last) as u64);
                    postings_bytes.push(*kinds);
                    last = *alias;
                }
                at
            };
            keys.insert(key, value)?;
            list.clear();
            Ok(())
        };
        while let Some(std::cmp::Reverse(((key, alias, kinds), i))) = heap.pop() {
            if current.as_deref() != Some(&key[..]) {
                if let Some(prev) = current.take() {
                    flush(&prev, &mut list, &mut keys)?;
                }
                current = Some(key.to_vec());
            }
            list.push((alias, kinds));
            if let Some(entry) = sources[i].next_entry()? {
                heap.push(std::cmp::Reverse((entry, i)));
            }
        }
        if let Some(prev) = current.take() {
            flush(&prev, &mut list, &mut keys)?;
        }
        let keys = keys.into_inner()?;

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

        let mut entities = Vec::with_capacity(self.entities.len() * format::ENTITY_RECORD_LEN);
        for e in &self.entities {
            entities.extend_from_slice(&e.id.to_le_bytes());
            entities.extend_from_slice(&e.name.to_le_bytes());
            entities.extend_from_slice(&e.metadata.to_le_bytes());
            entities.push(e.kind.to_byte());
            entities.push(match e.gender {
                None => 0,
                Some(Gender::Male) => 1,
                Some(Gender::Female) => 2,
            });
            entities.extend_from_slice(&[0, 0]);
        }
        let mut aliases = Vec::with_capacity(self.aliases.len() * format::ALIAS_RECORD_LEN);
        for a in &self.aliases {
            aliases.extend_from_slice(&a.entity.to_le_bytes());
            aliases.extend_from_slice(&a.name.to_le_bytes());
            aliases.extend_from_slice(&a.normalized.to_le_bytes());
            aliases.extend_from_slice(&a.lang.to_le_bytes());
            aliases.extend_from_slice(&a.rule.to_le_bytes());
        }
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
        let sections: [(SectionId, &[u8]); 7] = [
            (SectionId::Keys, &keys),
            (SectionId::Postings, &postings_bytes),
            (SectionId::Entities, &entities),
            (SectionId::Aliases, &aliases),
            (SectionId::Strings, &self.strings),
            (SectionId::Ids, &id_map),
            (SectionId::Meta, &meta),
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

use super::INLINE;

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

type RunEntry = (Box<[u8]>, u32, u8);

enum RunReader {
    File(BufReader<std::fs::File>),
    Memory(std::vec::IntoIter<RunEntry>),
}

impl RunReader {
    fn next_entry(&mut self) -> Result<Option<RunEntry>> {
        match self {
            RunReader::Memory(it) => Ok(it.next()),
            RunReader::File(r) => {
                let mut len: u64 = 0;
                for shift in (0..64).step_by(7) {
                    let mut b = [0u8; 1];
                    if r.read(&mut b)? == 0 {
                        return Ok(None);
                    }
                    len |= ((b[0] & 0x7f) as u64) << shift;
                    if b[0] & 0x80 == 0 {
                        break;
                    }
                }
                let mut key = vec![0u8; len as usize];
                r.read_exact(&mut key)?;
                let mut rest = [0u8; 5];
                r.read_exact(&mut rest)?;
                let alias = u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]);
                Ok(Some((key.into_boxed_slice(), alias, rest[4])))
            }
        }
    }
}
