//! The on-disk format: the only module that touches a dictionary's raw
//! bytes. See `FORMAT.md` for the specification.
//!
//! ```text
//! header   64 bytes   magic "POLYONYM", endianness check, format version,
//!                     normalizer fingerprint, section count
//! table    32 bytes × section count: id, offset, length, CRC-32
//! sections each starting at a multiple of 8
//! ```
//! All integers are little-endian.

use crate::error::{Error, ErrorKind, Result};

/// The magic bytes every dictionary file starts with.
pub const MAGIC: &[u8; 8] = b"POLYONYM";
/// Written as a little-endian u32; read back it tells the byte order.
pub const ENDIAN_CHECK: u32 = 0x0102_0304;
/// The format version this build writes and reads. Version 5 stores a
/// name-part group as the list of its name tokens' posting lists (section
/// `groups`) instead of a posting list of its own under a group key
/// (FORMAT.md, "Changes from version 4").
pub const FORMAT_VERSION: u32 = 5;
/// The oldest format version this build reads. Older files are not read:
/// rebuild them from their sources with the `build` example.
pub const OLDEST_READABLE_VERSION: u32 = 5;
/// Size of the fixed header.
pub const HEADER_LEN: usize = 64;
/// Size of one section-table entry.
pub const SECTION_ENTRY_LEN: usize = 32;
/// Records per block of the `entities` and `aliases` sections: each block
/// starts at an offset the section's block table gives, and a record is
/// found by decoding the records before it in its block (at most 31).
pub const RECORD_BLOCK: u32 = 32;

/// The sections of a dictionary file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum SectionId {
    /// `fst::Map`: key → byte offset of its posting list in `Postings`.
    Keys = 1,
    /// Posting lists.
    Postings = 2,
    /// Variable-width entity records, with their strings inline.
    Entities = 3,
    /// Variable-width alias records, with their strings inline.
    Aliases = 4,
    // 5 was `strings` (versions 1–3): the strings are inline since version 4.
    /// `fst::Map`: entity id → entity index.
    Ids = 6,
    /// JSON: build information, language table, counts.
    Meta = 7,
    /// `fst::Map`: the keys that are name tokens → the same posting-list
    /// offsets as in `Keys`. Fuzzy search walks this small FST instead of
    /// every key.
    Words = 8,
    /// Name-part groups: for each group id, the posting-list offsets of
    /// the dictionary's name tokens in that group (since version 5).
    Groups = 9,
}

impl SectionId {
    /// Every section this version writes, in file order.
    pub const ALL: [SectionId; 8] = [
        SectionId::Keys,
        SectionId::Postings,
        SectionId::Entities,
        SectionId::Aliases,
        SectionId::Ids,
        SectionId::Meta,
        SectionId::Words,
        SectionId::Groups,
    ];

    /// The sections a file of format `version` holds (every readable
    /// version holds all of them).
    pub fn of_version(_version: u32) -> &'static [SectionId] {
        &SectionId::ALL
    }

    /// The section's name, as in error messages.
    pub fn name(self) -> &'static str {
        match self {
            SectionId::Keys => "keys",
            SectionId::Postings => "postings",
            SectionId::Entities => "entities",
            SectionId::Aliases => "aliases",
            SectionId::Ids => "ids",
            SectionId::Meta => "meta",
            SectionId::Words => "words",
            SectionId::Groups => "groups",
        }
    }

    fn from_u32(v: u32) -> Option<SectionId> {
        SectionId::ALL.into_iter().find(|s| *s as u32 == v)
    }
}

/// Where one section lies in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section {
    /// Which section.
    pub id: SectionId,
    /// Byte offset from the start of the file.
    pub offset: u64,
    /// Length in bytes.
    pub len: u64,
    /// CRC-32 (IEEE) of the section's bytes.
    pub crc32: u32,
}

/// The parsed header and section table.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The format version of the file.
    pub version: u32,
    /// The fingerprint of the normalizer that built the file.
    pub fingerprint: u64,
    /// The sections, in table order.
    pub sections: Vec<Section>,
}

impl Layout {
    /// The byte range of a section.
    ///
    /// # Panics
    /// If the file's version has no such section (see
    /// [`SectionId::of_version`]; [`Layout::get`] does not panic).
    pub fn range(&self, id: SectionId) -> std::ops::Range<usize> {
        self.get(id)
            .expect("parse_layout checks every section of the file's version is present")
    }

    /// The byte range of a section, if the file has it.
    pub fn get(&self, id: SectionId) -> Option<std::ops::Range<usize>> {
        let s = self.sections.iter().find(|s| s.id == id)?;
        Some(s.offset as usize..(s.offset + s.len) as usize)
    }
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().expect("4 bytes"))
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(b[at..at + 8].try_into().expect("8 bytes"))
}

/// Parses and checks the header and section table: magic, byte order,
/// version, and that every section lies inside the file. Cheap: reads only
/// the first few hundred bytes. Does not check checksums (see [`verify`]).
pub fn parse_layout(bytes: &[u8]) -> Result<Layout> {
    if bytes.len() < HEADER_LEN {
        return Err(Error::format(format!(
            "file is {} bytes long, shorter than the {HEADER_LEN}-byte header (truncated?)",
            bytes.len()
        )));
    }
    if &bytes[..8] != MAGIC {
        return Err(Error::format(
            "wrong magic bytes: this is not a polyonym dictionary file",
        ));
    }
    let endian = u32_at(bytes, 8);
    if endian != ENDIAN_CHECK {
        return Err(Error::format(format!(
            "byte-order check is {endian:#010x}, expected {ENDIAN_CHECK:#010x}: the header is damaged"
        )));
    }
    let version = u32_at(bytes, 12);
    if !(OLDEST_READABLE_VERSION..=FORMAT_VERSION).contains(&version) {
        return Err(Error::new(ErrorKind::Version {
            expected: FORMAT_VERSION,
            got: version,
        }));
    }
    let fingerprint = u64_at(bytes, 16);
    let count = u32_at(bytes, 24) as usize;
    let expected = SectionId::of_version(version);
    if count != expected.len() {
        return Err(Error::format(format!(
            "section count is {count}, expected {} for format version {version}: the header is damaged",
            expected.len()
        )));
    }
    let table_end = HEADER_LEN + count * SECTION_ENTRY_LEN;
    if bytes.len() < table_end {
        return Err(Error::format(
            "file ends inside the section table (truncated?)",
        ));
    }
    let mut sections = Vec::with_capacity(count);
    for i in 0..count {
        let at = HEADER_LEN + i * SECTION_ENTRY_LEN;
        let raw_id = u32_at(bytes, at);
        let id = SectionId::from_u32(raw_id)
            .filter(|id| expected.contains(id))
            .ok_or_else(|| {
                Error::format(format!(
                    "unknown section id {raw_id} in the section table of a version {version} file"
                ))
            })?;
        if sections.iter().any(|s: &Section| s.id == id) {
            return Err(Error::format(format!(
                "section `{}` listed twice in the section table",
                id.name()
            )));
        }
        let offset = u64_at(bytes, at + 8);
        let len = u64_at(bytes, at + 16);
        let crc32 = u32_at(bytes, at + 24);
        let end = offset.checked_add(len);
        if offset < table_end as u64 || end.is_none_or(|e| e > bytes.len() as u64) {
            return Err(Error::format(format!(
                "section `{}` (bytes {offset}..+{len}) lies outside the {}-byte file (truncated?)",
                id.name(),
                bytes.len()
            )));
        }
        sections.push(Section {
            id,
            offset,
            len,
            crc32,
        });
    }
    Ok(Layout {
        version,
        fingerprint,
        sections,
    })
}

/// Checks every section's CRC-32.
pub fn verify(bytes: &[u8], layout: &Layout) -> Result<()> {
    for s in &layout.sections {
        let range = s.offset as usize..(s.offset + s.len) as usize;
        if crc32fast::hash(&bytes[range]) != s.crc32 {
            return Err(Error::new(ErrorKind::Checksum {
                section: s.id.name().to_string(),
            }));
        }
    }
    Ok(())
}

/// Writes a complete dictionary file image: header, table, sections.
pub fn write_file(
    out: &mut impl std::io::Write,
    fingerprint: u64,
    sections: &[(SectionId, &[u8])],
) -> Result<()> {
    let mut header = Vec::with_capacity(HEADER_LEN + sections.len() * SECTION_ENTRY_LEN);
    header.extend_from_slice(MAGIC);
    header.extend_from_slice(&ENDIAN_CHECK.to_le_bytes());
    header.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    header.extend_from_slice(&fingerprint.to_le_bytes());
    header.extend_from_slice(&(sections.len() as u32).to_le_bytes());
    header.resize(HEADER_LEN, 0);
    let mut offset = (HEADER_LEN + sections.len() * SECTION_ENTRY_LEN) as u64;
    let mut placed = Vec::new();
    for (id, data) in sections {
        offset = offset.next_multiple_of(8);
        header.extend_from_slice(&(*id as u32).to_le_bytes());
        header.extend_from_slice(&0u32.to_le_bytes());
        header.extend_from_slice(&offset.to_le_bytes());
        header.extend_from_slice(&(data.len() as u64).to_le_bytes());
        header.extend_from_slice(&crc32fast::hash(data).to_le_bytes());
        header.extend_from_slice(&0u32.to_le_bytes());
        placed.push(offset);
        offset += data.len() as u64;
    }
    out.write_all(&header)?;
    let mut written = header.len() as u64;
    for ((_, data), at) in sections.iter().zip(placed) {
        let pad = (at - written) as usize;
        out.write_all(&[0u8; 8][..pad])?;
        out.write_all(data)?;
        written = at + data.len() as u64;
    }
    Ok(())
}

/// Appends `v` as a LEB128 varint.
pub fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads a LEB128 varint at `*at`, advancing it; `None` if the bytes end or
/// the varint is longer than 10 bytes.
#[inline]
pub fn get_varint(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut v: u64 = 0;
    for shift in (0..64).step_by(7) {
        let b = *bytes.get(*at)?;
        *at += 1;
        v |= ((b & 0x7f) as u64) << shift;
        if b & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

/// Appends one posting list: `postings` are (alias index, key-kinds
/// bitmask) pairs in strictly increasing alias order (at least one), naming
/// `entities` distinct entities. See FORMAT.md, section `postings`.
///
/// Kinds are stored once per list (the most frequent value; ties go to the
/// smaller) and per posting only where they differ: on the `dict/build/100k`
/// benchmark dictionary 89% of the lists of two or more postings have one
/// kinds value throughout, and those lists take 23.4 bytes per alias this
/// way against 32.1 with a kinds byte per posting.
pub fn put_posting_list(out: &mut Vec<u8>, postings: &[(u32, u8)], entities: u64) {
    let n = postings.len() as u64;
    debug_assert!(n >= 1 && entities >= 1 && entities <= n);
    let distinct = entities == n;
    put_varint(out, (n << 1) | distinct as u64);
    if !distinct {
        put_varint(out, n - entities);
    }
    let default = default_kinds(postings);
    out.push(default);
    let mut last = 0u32;
    for &(alias, kinds) in postings {
        let delta = (alias - last) as u64;
        last = alias;
        let exception = kinds != default;
        put_varint(out, (delta << 1) | exception as u64);
        if exception {
            out.push(kinds);
        }
    }
}

/// The most frequent kinds value of a list; ties go to the smaller value.
fn default_kinds(postings: &[(u32, u8)]) -> u8 {
    let first = postings[0].1;
    if postings.iter().all(|p| p.1 == first) {
        return first;
    }
    let mut counts = [0u32; 256];
    for p in postings {
        counts[p.1 as usize] += 1;
    }
    let mut best = 0usize;
    for (k, &c) in counts.iter().enumerate() {
        if c > counts[best] {
            best = k;
        }
    }
    best as u8
}

/// The header of a posting list: (postings, distinct entities, default
/// kinds), with `*at` advanced to the first posting; `None` if the bytes
/// are damaged.
pub fn get_posting_list_header(bytes: &[u8], at: &mut usize) -> Option<(u64, u64, u8)> {
    let h = get_varint(bytes, at)?;
    let n = h >> 1;
    let entities = if h & 1 == 1 {
        n
    } else {
        n.checked_sub(get_varint(bytes, at)?)?
    };
    let default = *bytes.get(*at)?;
    *at += 1;
    Some((n, entities, default))
}

/// Reads one posting of a list at `*at`, after the alias index `last`:
/// (alias index, kinds); `None` if the bytes are damaged.
#[inline]
pub fn get_posting(bytes: &[u8], at: &mut usize, last: u32, default: u8) -> Option<(u32, u8)> {
    let v = get_varint(bytes, at)?;
    let alias = last.checked_add(u32::try_from(v >> 1).ok()?)?;
    let kinds = if v & 1 == 1 {
        let k = *bytes.get(*at)?;
        *at += 1;
        k
    } else {
        default
    };
    Some((alias, kinds))
}

// ------------------------------------------------------------------- groups

/// Writes the `groups` section from (group id, posting-list offset) pairs
/// sorted by group id, then offset, with no duplicate pair, and the number
/// of aliases that carry a name token of each group: a table of
/// (group id, list offset) entries, then each group's alias count and
/// posting-list offsets, delta-coded. See FORMAT.md, section `groups`.
pub fn put_groups(members: &[(u32, u64)], aliases: impl Fn(u32) -> u64) -> Result<Vec<u8>> {
    let mut table: Vec<(u32, u32)> = Vec::new();
    let mut lists: Vec<u8> = Vec::new();
    let mut i = 0;
    while i < members.len() {
        let group = members[i].0;
        let end = i + members[i..].iter().take_while(|m| m.0 == group).count();
        let at = u32::try_from(lists.len()).map_err(|_| {
            Error::new(ErrorKind::Limit(
                "a dictionary's name-part group lists take at most 4 GiB".into(),
            ))
        })?;
        table.push((group, at));
        put_varint(&mut lists, aliases(group));
        put_varint(&mut lists, (end - i) as u64);
        let mut last = 0u64;
        for &(_, offset) in &members[i..end] {
            debug_assert!(offset > last || last == 0);
            put_varint(&mut lists, offset - last);
            last = offset;
        }
        i = end;
    }
    let mut out = Vec::with_capacity(4 + 8 * table.len() + lists.len());
    out.extend_from_slice(&(table.len() as u32).to_le_bytes());
    for (group, at) in table {
        out.extend_from_slice(&group.to_le_bytes());
        out.extend_from_slice(&at.to_le_bytes());
    }
    out.extend_from_slice(&lists);
    Ok(out)
}

/// Finds group `group` in a `groups` section: (alias count, member count,
/// byte position of its first offset), or `None` when the section does
/// not list the group or is damaged there.
pub fn get_group(section: &[u8], group: u32) -> Option<(u64, u64, usize)> {
    let count = u32::from_le_bytes(section.get(..4)?.try_into().ok()?) as usize;
    let table_end = count.checked_mul(8)?.checked_add(4)?;
    if table_end > section.len() {
        return None;
    }
    let entry = |i: usize| {
        let at = 4 + 8 * i;
        (u32_at(section, at), u32_at(section, at + 4))
    };
    let (mut lo, mut hi) = (0usize, count);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let (id, at) = entry(mid);
        match id.cmp(&group) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => {
                let mut at = table_end.checked_add(at as usize)?;
                let aliases = get_varint(section, &mut at)?;
                let members = get_varint(section, &mut at)?;
                return Some((aliases, members, at));
            }
        }
    }
    None
}

// ------------------------------------------------------------------ records

/// An alias record's fields as stored (FORMAT.md, section `aliases`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AliasFields<'a> {
    /// The entity index.
    pub entity: u32,
    /// The alias as given, or `None` when it is its entity's canonical
    /// name (then stored only in the entity record).
    pub name: Option<&'a [u8]>,
    /// Index into `meta.languages` (0: none).
    pub lang: u64,
    /// Index into `meta.rules` (0: given, not derived).
    pub rule: u64,
}

/// An entity record's fields as stored (FORMAT.md, section `entities`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntityFields<'a> {
    /// The entity id.
    pub id: &'a [u8],
    /// The canonical name.
    pub name: &'a [u8],
    /// The metadata JSON object text; `None` for `{}`.
    pub metadata: Option<&'a [u8]>,
    /// The kind byte (`EntityKind::to_byte`, 0–3).
    pub kind: u8,
    /// The gender: 0 unknown, 1 male, 2 female.
    pub gender: u8,
}

/// Writes a record section: the block table (a u32 per
/// [`RECORD_BLOCK`] records: the offset of the block's first record from
/// the end of the table) and the records.
#[derive(Debug, Default)]
pub struct RecordWriter {
    blocks: Vec<u32>,
    data: Vec<u8>,
    count: u64,
    /// The entity of the previous alias record of the current block.
    previous_entity: Option<u32>,
}

impl RecordWriter {
    /// Starts a record unless the current block is full; returns whether
    /// the record opens a block.
    fn start(&mut self) -> Result<bool> {
        let opens = self.count % RECORD_BLOCK as u64 == 0;
        if opens {
            let at = u32::try_from(self.data.len()).map_err(|_| too_large())?;
            self.blocks.push(at);
            self.previous_entity = None;
        }
        self.count += 1;
        Ok(opens)
    }

    /// Appends an alias record.
    pub fn alias(&mut self, f: &AliasFields<'_>) -> Result<()> {
        self.start()?;
        let out = &mut self.data;
        let entity_code = match self.previous_entity {
            Some(p) if p == f.entity => 0u8,
            Some(p) if p.checked_add(1) == Some(f.entity) => 1,
            _ => 2,
        };
        let lang_code = f.lang.min(15) as u8;
        out.push(
            entity_code
                | (u8::from(f.rule != 0) << 2)
                | (u8::from(f.name.is_none()) << 3)
                | (lang_code << 4),
        );
        if entity_code == 2 {
            put_varint(out, f.entity as u64);
        }
        if lang_code == 15 {
            put_varint(out, f.lang);
        }
        if f.rule != 0 {
            put_varint(out, f.rule);
        }
        if let Some(name) = f.name {
            put_bytes(out, name);
        }
        self.previous_entity = Some(f.entity);
        Ok(())
    }

    /// Appends an entity record.
    pub fn entity(&mut self, f: &EntityFields<'_>) -> Result<()> {
        self.start()?;
        let out = &mut self.data;
        out.push((f.kind & 3) | ((f.gender & 3) << 2) | (u8::from(f.metadata.is_some()) << 4));
        put_bytes(out, f.id);
        put_bytes(out, f.name);
        if let Some(m) = f.metadata {
            put_bytes(out, m);
        }
        Ok(())
    }

    /// The section's bytes: block table, then records.
    pub fn finish(self) -> Result<Vec<u8>> {
        let table = self.blocks.len() * 4;
        u32::try_from(table + self.data.len()).map_err(|_| too_large())?;
        let mut out = Vec::with_capacity(table + self.data.len());
        for b in &self.blocks {
            out.extend_from_slice(&b.to_le_bytes());
        }
        out.extend_from_slice(&self.data);
        Ok(out)
    }
}

fn too_large() -> Error {
    Error::new(ErrorKind::Limit(
        "a dictionary's entity or alias records take at most 4 GiB".into(),
    ))
}

/// Appends a varint length and the bytes.
fn put_bytes(out: &mut Vec<u8>, b: &[u8]) {
    put_varint(out, b.len() as u64);
    out.extend_from_slice(b);
}

/// Reads a varint length and that many bytes.
fn get_bytes<'a>(bytes: &'a [u8], at: &mut usize) -> Option<&'a [u8]> {
    let len = usize::try_from(get_varint(bytes, at)?).ok()?;
    let b = bytes.get(*at..at.checked_add(len)?)?;
    *at += len;
    Some(b)
}

/// The size of the block table of a record section of `count` records.
pub fn record_table_len(count: u64) -> Option<usize> {
    usize::try_from(count.div_ceil(RECORD_BLOCK as u64).checked_mul(4)?).ok()
}

/// Where record `index`'s block starts in a record section of `count`
/// records, and how many records precede it in the block; `None` if out of
/// range or damaged.
fn block_of(section: &[u8], count: u64, index: u32) -> Option<(usize, u32)> {
    if index as u64 >= count {
        return None;
    }
    let table = record_table_len(count)?;
    let b = (index / RECORD_BLOCK) as usize * 4;
    let off = u32::from_le_bytes(section.get(b..b + 4)?.try_into().ok()?);
    Some((table.checked_add(off as usize)?, index % RECORD_BLOCK))
}

/// Reads one alias record at `*at`; `previous` is the entity of the
/// previous record of its block (`None` for a block's first record).
fn get_alias_fields<'a>(
    bytes: &'a [u8],
    at: &mut usize,
    previous: Option<u32>,
) -> Option<AliasFields<'a>> {
    let flags = *bytes.get(*at)?;
    *at += 1;
    let entity = match (flags & 3, previous) {
        (0, Some(p)) => p,
        (1, Some(p)) => p.checked_add(1)?,
        (2, _) => u32::try_from(get_varint(bytes, at)?).ok()?,
        _ => return None,
    };
    let lang = match flags >> 4 {
        15 => get_varint(bytes, at)?,
        l => l as u64,
    };
    let rule = if flags & 4 != 0 {
        get_varint(bytes, at)?
    } else {
        0
    };
    let name = if flags & 8 != 0 {
        None
    } else {
        Some(get_bytes(bytes, at)?)
    };
    Some(AliasFields {
        entity,
        name,
        lang,
        rule,
    })
}

/// Alias record `index` of an `aliases` section of `count` records;
/// `None` if out of range or damaged.
pub fn get_alias_record(section: &[u8], count: u64, index: u32) -> Option<AliasFields<'_>> {
    let (mut at, skip) = block_of(section, count, index)?;
    let mut previous = None;
    for _ in 0..skip {
        previous = Some(get_alias_fields(section, &mut at, previous)?.entity);
    }
    get_alias_fields(section, &mut at, previous)
}

fn get_entity_fields<'a>(bytes: &'a [u8], at: &mut usize) -> Option<EntityFields<'a>> {
    let flags = *bytes.get(*at)?;
    *at += 1;
    let id = get_bytes(bytes, at)?;
    let name = get_bytes(bytes, at)?;
    let metadata = if flags & 16 != 0 {
        Some(get_bytes(bytes, at)?)
    } else {
        None
    };
    Some(EntityFields {
        id,
        name,
        metadata,
        kind: flags & 3,
        gender: (flags >> 2) & 3,
    })
}

/// Entity record `index` of an `entities` section of `count` records;
/// `None` if out of range or damaged.
pub fn get_entity_record(section: &[u8], count: u64, index: u32) -> Option<EntityFields<'_>> {
    let (mut at, skip) = block_of(section, count, index)?;
    for _ in 0..skip {
        get_entity_fields(section, &mut at)?;
    }
    get_entity_fields(section, &mut at)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `groups` section: each group's alias count and offsets come
    /// back; an absent group, a truncated table or a count past the end
    /// give `None`, never a panic.
    #[test]
    fn groups_round_trip_and_damage() {
        let members = [(3, 0), (3, 17), (3, 400), (9, 17), (70_000, 1 << 40)];
        let section = put_groups(&members, |g| u64::from(g) + 1).unwrap();
        let offsets = |group: u32| {
            let (aliases, n, mut at) = get_group(&section, group)?;
            let mut last = 0;
            let list: Vec<u64> = (0..n)
                .map(|_| {
                    last += get_varint(&section, &mut at).unwrap();
                    last
                })
                .collect();
            Some((aliases, list))
        };
        assert_eq!(offsets(3), Some((4, vec![0, 17, 400])));
        assert_eq!(offsets(9), Some((10, vec![17])));
        assert_eq!(offsets(70_000), Some((70_001, vec![1 << 40])));
        for absent in [0, 4, 10, u32::MAX] {
            assert_eq!(get_group(&section, absent), None);
        }
        assert_eq!(get_group(&[], 3), None);
        assert_eq!(get_group(&section[..10], 3), None);
        let mut lying = section.clone();
        lying[..4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(get_group(&lying, 3), None);
        let mut past_end = section.clone();
        past_end[8..12].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(get_group(&past_end, 3), None);
        assert_eq!(put_groups(&[], |_| 0).unwrap(), 0u32.to_le_bytes());
    }

    #[test]
    fn varint_round_trip() {
        for v in [0, 1, 127, 128, 300, u32::MAX as u64, u64::MAX] {
            let mut b = Vec::new();
            put_varint(&mut b, v);
            let mut at = 0;
            assert_eq!(get_varint(&b, &mut at), Some(v));
            assert_eq!(at, b.len());
        }
        assert_eq!(get_varint(&[0x80], &mut 0), None);
    }

    #[test]
    fn posting_list_round_trip() {
        let lists: [&[(u32, u8)]; 4] = [
            &[(7, 1)],
            &[(0, 32), (1, 32), (300, 32)],
            &[(2, 1), (3, 32), (4, 32), (1 << 30, 5)],
            &[(5, 3), (6, 1)],
        ];
        for (i, list) in lists.iter().enumerate() {
            let entities = 1 + i as u64 % list.len() as u64;
            let mut b = vec![0xAA];
            put_posting_list(&mut b, list, entities);
            let mut at = 1;
            let (n, e, default) = get_posting_list_header(&b, &mut at).unwrap();
            assert_eq!((n, e), (list.len() as u64, entities));
            let mut last = 0;
            for &(alias, kinds) in list.iter() {
                let p = get_posting(&b, &mut at, last, default).unwrap();
                assert_eq!(p, (alias, kinds));
                last = p.0;
            }
            assert_eq!(at, b.len());
        }
        // Uniform kinds cost no byte per posting.
        let mut b = Vec::new();
        put_posting_list(&mut b, &[(1, 32), (2, 32), (3, 32)], 3);
        assert_eq!(b.len(), 1 + 1 + 3);
    }

    #[test]
    fn records_round_trip() {
        let mut w = RecordWriter::default();
        let aliases: Vec<AliasFields<'_>> = (0..100u32)
            .map(|i| AliasFields {
                entity: [i / 3, 7, 1 << 31][(i % 17 == 0) as usize + (i == 50) as usize],
                name: (i % 5 != 0).then_some(&b"Ivan Petrov"[..(i % 11) as usize]),
                lang: [0, 3, 14, 15, 300][(i % 5) as usize],
                rule: (i % 7) as u64,
            })
            .collect();
        for a in &aliases {
            w.alias(a).unwrap();
        }
        let bytes = w.finish().unwrap();
        for (i, a) in aliases.iter().enumerate() {
            assert_eq!(get_alias_record(&bytes, 100, i as u32).as_ref(), Some(a));
        }
        assert_eq!(get_alias_record(&bytes, 100, 100), None);
        let mut w = RecordWriter::default();
        let entities: Vec<EntityFields<'_>> = (0..40u8)
            .map(|i| EntityFields {
                id: &b"Q123"[..(i % 4) as usize],
                name: &b"Kaja Kallas"[(i % 3) as usize..],
                metadata: (i % 2 == 0).then_some(&b"{\"a\":1}"[..]),
                kind: i % 4,
                gender: i % 3,
            })
            .collect();
        for e in &entities {
            w.entity(e).unwrap();
        }
        let bytes = w.finish().unwrap();
        for (i, e) in entities.iter().enumerate() {
            assert_eq!(get_entity_record(&bytes, 40, i as u32).as_ref(), Some(e));
        }
        // Damage never panics.
        for cut in 0..bytes.len() {
            for i in 0..40 {
                let _ = get_entity_record(&bytes[..cut], 40, i);
            }
        }
    }

    #[test]
    fn layout_round_trip_and_damage() {
        let sections: Vec<(SectionId, &[u8])> =
            SectionId::ALL.iter().map(|id| (*id, &b"abc"[..])).collect();
        let mut file = Vec::new();
        write_file(&mut file, 42, &sections).unwrap();
        let layout = parse_layout(&file).unwrap();
        assert_eq!(layout.fingerprint, 42);
        verify(&file, &layout).unwrap();
        assert_eq!(&file[layout.range(SectionId::Meta)], b"abc");
        let mut bad = file.clone();
        let r = layout.range(SectionId::Aliases);
        bad[r.start] ^= 1;
        assert!(verify(&bad, &layout).is_err());
        assert!(parse_layout(&file[..file.len() - 1]).is_err());
        let mut newer = file.clone();
        newer[12] = 9;
        assert!(matches!(
            parse_layout(&newer).unwrap_err().kind(),
            ErrorKind::Version { got: 9, .. }
        ));
    }
}
