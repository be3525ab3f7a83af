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
/// The format version this build writes and reads. Version 3 added the
/// `words` section; version 2 files are still read (without it, fuzzy
/// search walks the whole key FST).
pub const FORMAT_VERSION: u32 = 3;
/// The oldest format version this build reads. Version 1 (inline postings
/// in the key FST, one kinds byte per posting) is no longer read: its files
/// also carry a knowledge fingerprint that this build no longer computes,
/// so they would need a rebuild anyway.
pub const OLDEST_READABLE_VERSION: u32 = 2;
/// Size of the fixed header.
pub const HEADER_LEN: usize = 64;
/// Size of one section-table entry.
pub const SECTION_ENTRY_LEN: usize = 32;
/// Size of one entity record.
pub const ENTITY_RECORD_LEN: usize = 16;
/// Size of one alias record.
pub const ALIAS_RECORD_LEN: usize = 16;

/// The sections of a dictionary file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum SectionId {
    /// `fst::Map`: key → byte offset of its posting list in `Postings`.
    Keys = 1,
    /// Posting lists.
    Postings = 2,
    /// Fixed-size entity records.
    Entities = 3,
    /// Fixed-size alias records.
    Aliases = 4,
    /// Length-prefixed UTF-8 strings referenced by the records.
    Strings = 5,
    /// `fst::Map`: entity id → entity index.
    Ids = 6,
    /// JSON: build information, language table, counts.
    Meta = 7,
    /// `fst::Map`: the keys that are name tokens → the same posting-list
    /// offsets as in `Keys` (format version 3 and later). Fuzzy search
    /// walks this small FST instead of every key.
    Words = 8,
}

impl SectionId {
    /// Every section this version writes, in file order.
    pub const ALL: [SectionId; 8] = [
        SectionId::Keys,
        SectionId::Postings,
        SectionId::Entities,
        SectionId::Aliases,
        SectionId::Strings,
        SectionId::Ids,
        SectionId::Meta,
        SectionId::Words,
    ];

    /// The sections a file of format `version` holds.
    pub fn of_version(version: u32) -> &'static [SectionId] {
        if version >= 3 {
            &SectionId::ALL
        } else {
            &SectionId::ALL[..7]
        }
    }

    /// The section's name, as in error messages.
    pub fn name(self) -> &'static str {
        match self {
            SectionId::Keys => "keys",
            SectionId::Postings => "postings",
            SectionId::Entities => "entities",
            SectionId::Aliases => "aliases",
            SectionId::Strings => "strings",
            SectionId::Ids => "ids",
            SectionId::Meta => "meta",
            SectionId::Words => "words",
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

#[cfg(test)]
mod tests {
    use super::*;

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
        let r = layout.range(SectionId::Strings);
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
