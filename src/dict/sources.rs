//! Reading [`EntityRecord`]s from input files: JSONL, TSV and Wikidata JSON
//! dumps.
//!
//! A [`RecordReader`] streams records from any [`BufRead`], one at a time
//! and in bounded memory (one line, or for TSV one entity's lines, at a
//! time). [`open_input`] opens a file, decompressing gzip on the fly.
//!
//! Errors name the file (set with [`RecordReader::with_path`]), the 1-based
//! line and, where it applies, the field, and say what the format expects
//! and what was found:
//!
//! ```text
//! entities.jsonl:line 3, field `kind`: expected one of person, org, place, other, found "persn"
//! ```
//!
//! By default the first bad record is yielded as an error and iteration then
//! ends. With [`SourceOptions::skip_bad_records`] bad records are skipped
//! instead and listed, with their line and reason, in
//! [`RecordReader::skipped`]: nothing is dropped silently. I/O errors
//! (including damaged gzip data) always end the iteration.
//!
//! Every input is read as raw bytes line by line, so invalid UTF-8 is
//! reported as [`ErrorKind::Utf8`] with the byte offset within its line,
//! and a line longer than [`SourceOptions::max_line_bytes`] is an error of
//! kind [`ErrorKind::Limit`] without ever being held in memory. A UTF-8 byte
//! order mark at the start of the input is ignored, and so is a `\r` before
//! each line's `\n`.
//!
//! # JSONL ([`InputFormat::Jsonl`])
//!
//! One entity per line, as a JSON object:
//!
//! ```json
//! {"id": "Q7747", "name": "Vladimir Putin", "kind": "person", "aliases": ["Владимир Путин", {"name": "Wladimir Putin", "lang": "de"}]}
//! ```
//!
//! * `id` (required): a non-empty string. A JSON integer is also accepted
//!   and converted to its decimal string (`7747` → `"7747"`); other numbers
//!   are an error.
//! * `name` (required): the canonical name, a non-empty string.
//! * `kind` (required): `person`, `org`, `place` or `other`
//!   (case-insensitive; see [`EntityKind::parse`]).
//! * `aliases` (optional; `null` is the same as absent): an array whose
//!   items are strings or objects `{"name": …, "lang": …}`. `lang` is
//!   optional (`null` or `""` mean no language); other fields of an alias
//!   object are ignored. An empty alias is an error (field `aliases[i]`).
//! * Every other top-level field is kept, unchanged, as the record's
//!   [`metadata`](EntityRecord::metadata).
//!
//! Blank lines (only whitespace) are ignored. Names are kept as written
//! (not trimmed); the normalizer cleans them up.
//!
//! # TSV ([`InputFormat::Tsv`])
//!
//! Five tab-separated columns, one alias per line:
//!
//! | column | content |
//! |---|---|
//! | 1 `id` | the entity's ID (required) |
//! | 2 `name` | its canonical name (required) |
//! | 3 `kind` | `person`, `org`, `place` or `other` (required) |
//! | 4 `alias` | one alias (may be empty) |
//! | 5 `lang` | the alias's language tag (may be empty; requires an alias) |
//!
//! In this example `→` stands for a tab:
//!
//! ```text
//! id → name → kind → alias → lang
//! # comment
//! Q7747 → Vladimir Putin → person → Владимир Путин → ru
//! Q7747 → Vladimir Putin → person → Wladimir Putin → de
//! Q458 → European Union → org
//! ```
//!
//! * Consecutive lines with the same id form one entity. Its name and kind
//!   come from the first line; later lines must repeat them exactly, or the
//!   later line is an error naming both lines' values (when skipping bad
//!   records, only the conflicting line is skipped).
//! * A line with an empty alias only declares the entity. Trailing empty
//!   columns may be left out (3 to 5 columns are accepted); any other column
//!   count is an error.
//! * Fields are trimmed of surrounding whitespace.
//! * A first line starting with `id<TAB>name` is a header and is skipped.
//!   Lines starting with `#` are comments; blank lines are ignored. Neither
//!   interrupts a group of lines.
//! * An id that appears again after other ids (not consecutively) starts a
//!   second record with that id; the dictionary builder decides what to do
//!   with duplicate ids.
//! * Tabs and newlines cannot appear inside a field; there is no quoting.
//!
//! # Wikidata ([`InputFormat::Wikidata`])
//!
//! The entity JSON of the official dumps (`latest-all.json.gz`): a JSON
//! array with one entity per line — the first line is `[`, the last `]`,
//! and every entity line but the last ends with `,`. Plain JSONL of entity
//! objects is read too. Read are:
//!
//! * `id`. Only items (`Q…`) are read: properties (`P…`), lexemes (`L…`)
//!   and other entities are skipped with a reason in
//!   [`RecordReader::skipped`].
//! * `labels` (`{lang: {language, value}}`) and `aliases`
//!   (`{lang: [{language, value}]}`), filtered by
//!   [`SourceOptions::languages`] (exact language codes: `zh` does not keep
//!   `zh-hans`). Empty values are ignored. The canonical name is the `en`
//!   label if kept, else the `mul` ("multiple languages") label if kept,
//!   else the first kept label in the filter's order, else the first kept
//!   label in sorted language order. The other kept labels and all kept
//!   aliases become aliases with their language tags, deduplicated by
//!   (name, language).
//! * `claims.P31[*].mainsnak.datavalue.value.id` ("instance of"; the older
//!   `numeric-id` form is read too; statements of deprecated rank are
//!   ignored) gives the [`EntityKind`] — [`EntityKind::Person`] for `Q5`
//!   (human), else [`EntityKind::Org`] if any class is in
//!   [`WIKIDATA_ORG_CLASSES`], else [`EntityKind::Place`] if any is in
//!   [`WIKIDATA_PLACE_CLASSES`], else [`EntityKind::Other`] (also when
//!   there is no P31) — and is kept as metadata `{"wikidata_p31": [...]}`.
//!
//! Entities with no kept label are skipped with the reason `no label in the
//! selected languages`. Skipped entities (no label, not an item) are not
//! errors: they are recorded in [`RecordReader::skipped`] even when
//! [`SourceOptions::skip_bad_records`] is off. Empty maps written as `[]`
//! (as the dumps do) are accepted.
//!
//! # Example
//! ```
//! use polyonym::dict::sources::{InputFormat, RecordReader, SourceOptions};
//! use polyonym::dict::EntityKind;
//!
//! let tsv = "id\tname\tkind\talias\tlang\n\
//!            Q7747\tVladimir Putin\tperson\tВладимир Путин\tru\n\
//!            Q7747\tVladimir Putin\tperson\tWladimir Putin\tde\n\
//!            Q90\tParis\tplace\t\t\n";
//! let reader = RecordReader::new(tsv.as_bytes(), InputFormat::Tsv, SourceOptions::default());
//! let records = reader.collect::<Result<Vec<_>, _>>()?;
//! assert_eq!(records.len(), 2);
//! let (line, putin) = &records[0];
//! assert_eq!(*line, 2);
//! assert_eq!(putin.kind, EntityKind::Person);
//! assert_eq!(putin.aliases.len(), 2);
//! assert_eq!(putin.aliases[1].lang.as_deref(), Some("de"));
//! # Ok::<(), polyonym::Error>(())
//! ```

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::marker::PhantomData;
use std::path::{Path, PathBuf};

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::dict::{AliasRecord, EntityKind, EntityRecord};
use crate::error::{Error, ErrorKind, Result};

/// The formats a [`RecordReader`] reads; see the [module docs](self) for
/// each one's layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InputFormat {
    /// One JSON object per line in the public schema
    /// (`{"id", "name", "kind", "aliases", …}`).
    Jsonl,
    /// Tab-separated `id, name, kind, alias, lang`, one alias per line.
    Tsv,
    /// Wikidata entity JSON, as in the official dumps.
    Wikidata,
}

impl InputFormat {
    /// Parses a format name: `jsonl` (or `ndjson`), `tsv` or `wikidata`
    /// (case-insensitive).
    ///
    /// ```
    /// use polyonym::dict::sources::InputFormat;
    /// assert_eq!(InputFormat::parse("wikidata"), Some(InputFormat::Wikidata));
    /// assert_eq!(InputFormat::parse("csv"), None);
    /// ```
    pub fn parse(s: &str) -> Option<InputFormat> {
        match s.trim().to_ascii_lowercase().as_str() {
            "jsonl" | "ndjson" => Some(InputFormat::Jsonl),
            "tsv" => Some(InputFormat::Tsv),
            "wikidata" => Some(InputFormat::Wikidata),
            _ => None,
        }
    }

    /// Guesses the format from a file name's extension, ignoring a final
    /// `.gz`: `.jsonl` and `.ndjson` are JSONL, `.tsv` is TSV and `.json`
    /// (the dumps' `latest-all.json.gz`) is Wikidata.
    ///
    /// ```
    /// use polyonym::dict::sources::InputFormat;
    /// use std::path::Path;
    /// assert_eq!(InputFormat::from_path(Path::new("latest-all.json.gz")), Some(InputFormat::Wikidata));
    /// assert_eq!(InputFormat::from_path(Path::new("people.jsonl")), Some(InputFormat::Jsonl));
    /// assert_eq!(InputFormat::from_path(Path::new("names.txt")), None);
    /// ```
    pub fn from_path(p: &Path) -> Option<InputFormat> {
        let name = p.file_name()?.to_string_lossy().to_ascii_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        match name.rsplit_once('.')?.1 {
            "jsonl" | "ndjson" => Some(InputFormat::Jsonl),
            "tsv" => Some(InputFormat::Tsv),
            "json" => Some(InputFormat::Wikidata),
            _ => None,
        }
    }

    /// The format's name, as accepted by [`InputFormat::parse`].
    pub fn as_str(self) -> &'static str {
        match self {
            InputFormat::Jsonl => "jsonl",
            InputFormat::Tsv => "tsv",
            InputFormat::Wikidata => "wikidata",
        }
    }
}

impl fmt::Display for InputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a [`RecordReader`] reads its input.
#[derive(Clone, Debug)]
pub struct SourceOptions {
    /// Skip bad records (listing them in [`RecordReader::skipped`]) instead
    /// of stopping at the first one. Default `false`.
    pub skip_bad_records: bool,
    /// Wikidata only: keep only labels and aliases in these languages
    /// (exact codes, e.g. `["en", "de", "zh-hans"]`); `None` keeps all.
    /// Ignored by the other formats. Default `None`.
    pub languages: Option<Vec<String>>,
    /// The longest line accepted, in bytes, not counting its `\n` or `\r\n`. A longer
    /// line is an error of kind [`ErrorKind::Limit`] (or a skipped record
    /// with `skip_bad_records`), and is never held in memory. Default
    /// 64 MiB.
    pub max_line_bytes: usize,
    /// How many [`Skipped`] entries [`RecordReader::skipped`] keeps; later
    /// ones are only counted in [`RecordReader::skipped_count`]. This
    /// bounds memory on inputs that skip millions of entities (a Wikidata
    /// dump read with a language filter). Default 100 000.
    pub max_skipped: usize,
}

impl Default for SourceOptions {
    fn default() -> SourceOptions {
        SourceOptions {
            skip_bad_records: false,
            languages: None,
            max_line_bytes: 64 << 20,
            max_skipped: 100_000,
        }
    }
}

/// A record that was skipped, and why.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Skipped {
    /// The 1-based line on which the skipped record starts.
    pub line: u64,
    /// Why it was skipped: the error message (with the field, when known),
    /// or for Wikidata entities that are not errors, e.g. `no label in the
    /// selected languages`.
    pub reason: String,
}

/// Streams [`EntityRecord`]s from a reader, one at a time, in bounded
/// memory.
///
/// Each item is the 1-based line on which the record starts and the
/// record, or an error. After an error the iterator ends, unless
/// [`SourceOptions::skip_bad_records`] is set, in which case bad records are
/// recorded in [`skipped`](RecordReader::skipped) and reading goes on (I/O
/// errors always end it). The iterator never panics, whatever the input.
///
/// ```
/// use polyonym::dict::sources::{InputFormat, RecordReader, SourceOptions};
///
/// let input = concat!(
///     r#"{"id": "Q7747", "name": "Vladimir Putin", "kind": "person", "aliases": ["Владимир Путин"]}"#, "\n",
///     r#"{"id": "Q90", "name": "Paris", "kind": "town"}"#, "\n",
///     r#"{"id": "Q458", "name": "European Union", "kind": "org", "aliases": [{"name": "EU"}]}"#, "\n",
/// );
/// let options = SourceOptions { skip_bad_records: true, ..SourceOptions::default() };
/// let mut reader = RecordReader::new(input.as_bytes(), InputFormat::Jsonl, options)
///     .with_path("entities.jsonl");
/// let ids: Vec<String> = reader.by_ref().map(|r| r.map(|(_, e)| e.id)).collect::<Result<_, _>>()?;
/// assert_eq!(ids, ["Q7747", "Q458"]);
/// assert_eq!(reader.skipped()[0].line, 2);
/// assert!(reader.skipped()[0].reason.contains("\"town\""));
/// # Ok::<(), polyonym::Error>(())
/// ```
pub struct RecordReader<R: BufRead> {
    reader: R,
    format: InputFormat,
    options: SourceOptions,
    path: Option<PathBuf>,
    /// Lines read so far (the number of the last line read).
    line: u64,
    buf: Vec<u8>,
    skipped: Vec<Skipped>,
    skipped_count: u64,
    done: bool,
    /// Whether a line with content (not blank, not a comment) was seen.
    seen_content: bool,
    /// TSV: the entity whose lines are being collected.
    tsv: Option<TsvGroup>,
}

impl<R: BufRead> fmt::Debug for RecordReader<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RecordReader")
            .field("format", &self.format)
            .field("options", &self.options)
            .field("path", &self.path)
            .field("line", &self.line)
            .field("skipped_count", &self.skipped_count)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

struct TsvGroup {
    first_line: u64,
    record: EntityRecord,
}

/// What reading one line produced.
enum RawLine {
    Eof,
    Line,
    /// A line longer than the limit, of this many bytes.
    TooLong(u64),
}

/// What one parsed line produced.
enum Outcome {
    /// Nothing yet (blank, comment, bracket or a TSV line added to a group).
    Nothing,
    /// A complete record, starting on this line.
    Record(u64, EntityRecord),
    /// Not an error but not a record either (Wikidata): always recorded.
    Skip(String),
}

impl<R: BufRead> RecordReader<R> {
    /// A reader of `format` records from `reader`.
    pub fn new(reader: R, format: InputFormat, options: SourceOptions) -> RecordReader<R> {
        RecordReader {
            reader,
            format,
            options,
            path: None,
            line: 0,
            buf: Vec::new(),
            skipped: Vec::new(),
            skipped_count: 0,
            done: false,
            seen_content: false,
            tsv: None,
        }
    }

    /// Names the file being read, so that errors name it.
    pub fn with_path(mut self, path: impl Into<PathBuf>) -> RecordReader<R> {
        self.path = Some(path.into());
        self
    }

    /// The records skipped so far, in input order: bad records when
    /// [`SourceOptions::skip_bad_records`] is set, and Wikidata entities that
    /// are not read (no label in the selected languages, not an item)
    /// always. Blank lines, comments, TSV headers and the dump's `[`/`]`
    /// lines are not records and are never listed. At most
    /// [`SourceOptions::max_skipped`] entries are kept; see
    /// [`skipped_count`](RecordReader::skipped_count).
    pub fn skipped(&self) -> &[Skipped] {
        &self.skipped
    }

    /// How many records were skipped so far, including those beyond
    /// [`SourceOptions::max_skipped`].
    pub fn skipped_count(&self) -> u64 {
        self.skipped_count
    }

    /// The current 1-based line: the last line read (0 before the first).
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The format being read.
    pub fn format(&self) -> InputFormat {
        self.format
    }

    fn note_skip(&mut self, line: u64, reason: String) {
        self.skipped_count += 1;
        if self.skipped.len() < self.options.max_skipped {
            self.skipped.push(Skipped { line, reason });
        }
    }

    /// A bad record at `line`: skips it, or returns the error to yield (and
    /// ends the iteration).
    fn bad(&mut self, err: Error, line: u64) -> Option<Error> {
        if self.options.skip_bad_records {
            let reason = err.to_string();
            self.note_skip(line, reason);
            None
        } else {
            self.done = true;
            Some(err.at(self.path.as_deref(), Some(line)))
        }
    }

    /// Reads the next line into `self.buf` (without its `\n`), keeping at
    /// most `max_line_bytes` of it.
    fn read_raw_line(&mut self) -> io::Result<RawLine> {
        self.buf.clear();
        let max = self.options.max_line_bytes;
        // Room for a `\r` that is not counted.
        let room = max.saturating_add(1);
        let mut len: u64 = 0;
        let mut last = 0u8;
        let mut read_any = false;
        let mut too_long = false;
        loop {
            let (consumed, end_of_line) = {
                let available = match self.reader.fill_buf() {
                    Ok(b) => b,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(e),
                };
                if available.is_empty() {
                    break;
                }
                read_any = true;
                let (chunk, end_of_line) = match available.iter().position(|&b| b == b'\n') {
                    Some(i) => (&available[..i], true),
                    None => (available, false),
                };
                len += chunk.len() as u64;
                if let Some(&b) = chunk.last() {
                    last = b;
                }
                if !too_long {
                    if self.buf.len().saturating_add(chunk.len()) > room {
                        too_long = true;
                        self.buf.clear();
                    } else {
                        self.buf.extend_from_slice(chunk);
                    }
                }
                (chunk.len() + usize::from(end_of_line), end_of_line)
            };
            self.reader.consume(consumed);
            if end_of_line {
                break;
            }
        }
        if !read_any {
            return Ok(RawLine::Eof);
        }
        self.line += 1;
        if last == b'\r' {
            len -= 1;
            if !too_long {
                self.buf.pop();
            }
        }
        if too_long || self.buf.len() > max {
            self.buf.clear();
            return Ok(RawLine::TooLong(len));
        }
        Ok(RawLine::Line)
    }

    fn parse_line(&mut self, text: &str, line: u64) -> Result<Outcome> {
        match self.format {
            InputFormat::Jsonl => Ok(match parse_jsonl(text)? {
                Some(record) => Outcome::Record(line, record),
                None => Outcome::Nothing,
            }),
            InputFormat::Tsv => self.parse_tsv(text, line),
            InputFormat::Wikidata => parse_wikidata(text, line, self.options.languages.as_deref()),
        }
    }

    fn parse_tsv(&mut self, text: &str, line: u64) -> Result<Outcome> {
        if text.trim().is_empty() || text.starts_with('#') {
            return Ok(Outcome::Nothing);
        }
        let first = !self.seen_content;
        self.seen_content = true;
        if first && text.starts_with("id\tname") {
            return Ok(Outcome::Nothing);
        }
        let columns: Vec<&str> = text.split('\t').map(str::trim).collect();
        if !(3..=5).contains(&columns.len()) {
            return Err(Error::parse(
                "5 tab-separated columns: id, name, kind, alias, lang (alias and lang may be \
                 empty or left out)",
                format!(
                    "{} column{}",
                    columns.len(),
                    if columns.len() == 1 { "" } else { "s" }
                ),
            ));
        }
        let (id, name) = (columns[0], columns[1]);
        if id.is_empty() {
            return Err(
                Error::parse("a non-empty id in column 1", "an empty column").in_field("id"),
            );
        }
        if name.is_empty() {
            return Err(
                Error::parse("a non-empty name in column 2", "an empty column").in_field("name"),
            );
        }
        let kind = parse_kind(columns[2])?;
        let alias = columns.get(3).copied().unwrap_or("");
        let lang = columns.get(4).copied().unwrap_or("");
        if alias.is_empty() && !lang.is_empty() {
            return Err(Error::parse(
                "an alias in column 4 for the language in column 5",
                format!("language {lang:?} with an empty alias"),
            )
            .in_field("alias"));
        }
        let alias = (!alias.is_empty()).then(|| AliasRecord {
            name: alias.to_string(),
            lang: (!lang.is_empty()).then(|| lang.to_string()),
        });
        if let Some(group) = self.tsv.as_mut().filter(|g| g.record.id == id) {
            let first = &group.record;
            if first.name != name || first.kind != kind {
                return Err(Error::invalid_entity(format!(
                    "id `{id}` has name {:?} and kind {} on line {}, but name {name:?} and kind \
                     {kind} on this line; lines with the same id must repeat the first line's \
                     name and kind",
                    first.name, first.kind, group.first_line
                ))
                .in_field(if first.name != name { "name" } else { "kind" }));
            }
            group.record.aliases.extend(alias);
            return Ok(Outcome::Nothing);
        }
        let mut record = EntityRecord::new(id, name, kind);
        record.aliases.extend(alias);
        let previous = self.tsv.replace(TsvGroup {
            first_line: line,
            record,
        });
        Ok(match previous {
            Some(group) => Outcome::Record(group.first_line, group.record),
            None => Outcome::Nothing,
        })
    }
}

impl<R: BufRead> Iterator for RecordReader<R> {
    type Item = Result<(u64, EntityRecord)>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.done {
                return None;
            }
            let raw = match self.read_raw_line() {
                Ok(raw) => raw,
                Err(e) => {
                    self.done = true;
                    return Some(Err(
                        Error::from(e).at(self.path.as_deref(), Some(self.line + 1))
                    ));
                }
            };
            let line = self.line;
            match raw {
                RawLine::Eof => {
                    self.done = true;
                    return self
                        .tsv
                        .take()
                        .map(|group| Ok((group.first_line, group.record)));
                }
                RawLine::TooLong(len) => {
                    let err = Error::new(ErrorKind::Limit(format!(
                        "the line is {len} bytes long, longer than the maximum of {} bytes \
                         (SourceOptions::max_line_bytes)",
                        self.options.max_line_bytes
                    )));
                    if let Some(err) = self.bad(err, line) {
                        return Some(Err(err));
                    }
                    continue;
                }
                RawLine::Line => {}
            }
            let buf = std::mem::take(&mut self.buf);
            // A byte order mark at the start of the input.
            let start = if line == 1 && buf.starts_with(b"\xEF\xBB\xBF") {
                3
            } else {
                0
            };
            let outcome = match std::str::from_utf8(&buf) {
                Ok(text) => self.parse_line(&text[start..], line),
                Err(e) => Err(Error::new(ErrorKind::Utf8 {
                    byte_offset: e.valid_up_to() as u64,
                })),
            };
            self.buf = buf;
            match outcome {
                Ok(Outcome::Nothing) => {}
                Ok(Outcome::Record(first_line, record)) => return Some(Ok((first_line, record))),
                Ok(Outcome::Skip(reason)) => self.note_skip(line, reason),
                Err(err) => {
                    if let Some(err) = self.bad(err, line) {
                        return Some(Err(err));
                    }
                }
            }
        }
    }
}

/// Opens a file for reading, decompressing gzip when the file name ends in
/// `.gz` or the file starts with the gzip magic bytes (multi-member gzip, as
/// written by `pigz` or `bgzip`, is read whole).
///
/// Errors name the file. Damaged compressed data shows up as an
/// [`ErrorKind::Io`] error while reading.
///
/// ```no_run
/// use polyonym::dict::sources::{open_input, InputFormat, RecordReader, SourceOptions};
/// use std::path::Path;
///
/// let path = Path::new("latest-all.json.gz");
/// let reader = RecordReader::new(open_input(path)?, InputFormat::Wikidata, SourceOptions::default())
///     .with_path(path);
/// for item in reader {
///     let (_line, record) = item?;
///     println!("{} {}", record.id, record.name);
/// }
/// # Ok::<(), polyonym::Error>(())
/// ```
pub fn open_input(path: &Path) -> Result<Box<dyn BufRead + Send>> {
    let io_error = |e: io::Error| Error::from(e).at(Some(path), None);
    let file = File::open(path).map_err(io_error)?;
    let mut reader = BufReader::with_capacity(256 << 10, file);
    let gzip_name = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    let gzip_magic = reader
        .fill_buf()
        .map_err(io_error)?
        .starts_with(&[0x1f, 0x8b]);
    if gzip_name || gzip_magic {
        Ok(Box::new(BufReader::with_capacity(
            256 << 10,
            flate2::bufread::MultiGzDecoder::new(reader),
        )))
    } else {
        Ok(Box::new(reader))
    }
}

// ---------------------------------------------------------------------------
// JSONL

const KINDS: &str = "one of person, org, place, other";

fn parse_kind(s: &str) -> Result<EntityKind> {
    EntityKind::parse(s).ok_or_else(|| {
        let found = if s.trim().is_empty() {
            "an empty kind".to_string()
        } else {
            format!("{:?}", truncate(s))
        };
        Error::parse(KINDS, found).in_field("kind")
    })
}

/// Shortens a value for an error message.
fn truncate(s: &str) -> String {
    const MAX: usize = 80;
    match s.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// Describes a JSON value for an error message.
fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".to_string(),
        Value::Bool(b) => format!("boolean {b}"),
        Value::Number(n) => format!("number {n}"),
        Value::String(s) if s.trim().is_empty() => "an empty string".to_string(),
        Value::String(s) => format!("string {:?}", truncate(s)),
        Value::Array(a) => format!("an array of {} item{}", a.len(), plural(a.len())),
        Value::Object(_) => "an object".to_string(),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// An invalid-JSON error, with serde_json's message but the column only
/// (the line is the input's, attached by the caller).
fn json_error(e: &serde_json::Error, expected: &str, column_offset: usize) -> Error {
    let message = e.to_string();
    let message = match message.rfind(" at line ") {
        Some(i) => &message[..i],
        None => &message,
    };
    Error::parse(
        expected,
        format!(
            "invalid JSON: {message} at column {}",
            e.column() + column_offset
        ),
    )
}

fn parse_jsonl(text: &str) -> Result<Option<EntityRecord>> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let value: Value = serde_json::from_str(text)
        .map_err(|e| json_error(&e, "a JSON object (one entity per line)", 0))?;
    let mut object = match value {
        Value::Object(object) => object,
        other => {
            return Err(Error::parse(
                "a JSON object (one entity per line)",
                describe(&other),
            ))
        }
    };
    let id = match object.remove("id") {
        None => return Err(Error::parse("a non-empty string", "no `id` field").in_field("id")),
        Some(Value::String(s)) if !s.trim().is_empty() => s,
        Some(Value::Number(n)) if n.is_i64() || n.is_u64() => n.to_string(),
        Some(other) => {
            return Err(
                Error::parse("a non-empty string (or an integer)", describe(&other)).in_field("id"),
            )
        }
    };
    let name = match object.remove("name") {
        None => return Err(Error::parse("a non-empty string", "no `name` field").in_field("name")),
        Some(Value::String(s)) if !s.trim().is_empty() => s,
        Some(other) => {
            return Err(Error::parse("a non-empty string", describe(&other)).in_field("name"))
        }
    };
    let kind = match object.remove("kind") {
        None => return Err(Error::parse(KINDS, "no `kind` field").in_field("kind")),
        Some(Value::String(s)) => parse_kind(&s)?,
        Some(other) => return Err(Error::parse(KINDS, describe(&other)).in_field("kind")),
    };
    let aliases = match object.remove("aliases") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .into_iter()
            .enumerate()
            .map(|(i, item)| parse_alias(item, i))
            .collect::<Result<_>>()?,
        Some(other) => {
            return Err(Error::parse(
                "an array of aliases (strings or {\"name\", \"lang\"} objects)",
                describe(&other),
            )
            .in_field("aliases"))
        }
    };
    let record = EntityRecord {
        id,
        name,
        kind,
        aliases,
        metadata: object,
    };
    record.validate()?;
    Ok(Some(record))
}

fn parse_alias(item: Value, i: usize) -> Result<AliasRecord> {
    match item {
        Value::String(s) if s.trim().is_empty() => {
            Err(Error::parse("a non-empty alias", "an empty string")
                .in_field(format!("aliases[{i}]")))
        }
        Value::String(name) => Ok(AliasRecord { name, lang: None }),
        Value::Object(mut object) => {
            let name = match object.remove("name") {
                Some(Value::String(s)) if !s.trim().is_empty() => s,
                None => {
                    return Err(Error::parse("a non-empty string", "no `name` field")
                        .in_field(format!("aliases[{i}].name")))
                }
                Some(other) => {
                    return Err(Error::parse("a non-empty string", describe(&other))
                        .in_field(format!("aliases[{i}].name")))
                }
            };
            let lang = match object.remove("lang") {
                None | Some(Value::Null) => None,
                Some(Value::String(s)) if s.trim().is_empty() => None,
                Some(Value::String(s)) => Some(s.trim().to_string()),
                Some(other) => {
                    return Err(Error::parse("a language tag (a string)", describe(&other))
                        .in_field(format!("aliases[{i}].lang")))
                }
            };
            Ok(AliasRecord { name, lang })
        }
        other => Err(Error::parse(
            "an alias: a string or an object {\"name\": …, \"lang\": …}",
            describe(&other),
        )
        .in_field(format!("aliases[{i}]"))),
    }
}

// ---------------------------------------------------------------------------
// Wikidata

/// The P31 ("instance of") classes read as [`EntityKind::Org`].
pub const WIKIDATA_ORG_CLASSES: &[(&str, &str)] = &[
    ("Q43229", "organization"),
    ("Q4830453", "business"),
    ("Q783794", "company"),
    ("Q891723", "public company"),
    ("Q6881511", "enterprise"),
    ("Q167037", "corporation"),
    ("Q1589009", "privately held company"),
    ("Q658255", "subsidiary"),
    ("Q1331793", "media company"),
    ("Q2085381", "publisher"),
    ("Q1616075", "television station"),
    ("Q22687", "bank"),
    ("Q66344", "central bank"),
    ("Q46970", "airline"),
    ("Q7278", "political party"),
    ("Q484652", "international organization"),
    ("Q245065", "intergovernmental organization"),
    ("Q1335818", "supranational union"),
    ("Q327333", "government agency"),
    ("Q2659904", "government organization"),
    ("Q7188", "government"),
    ("Q35749", "parliament"),
    ("Q163740", "nonprofit organization"),
    ("Q157031", "foundation"),
    ("Q48204", "voluntary association"),
    ("Q3918", "university"),
    ("Q875538", "public university"),
    ("Q902104", "private university"),
    ("Q31855", "research institute"),
    ("Q476028", "association football club"),
];

/// The P31 ("instance of") classes read as [`EntityKind::Place`].
pub const WIKIDATA_PLACE_CLASSES: &[(&str, &str)] = &[
    ("Q6256", "country"),
    ("Q3624078", "sovereign state"),
    ("Q3024240", "historical country"),
    ("Q112099", "island nation"),
    ("Q161243", "dependent territory"),
    ("Q46395", "British overseas territory"),
    (
        "Q10864048",
        "first-level administrative country subdivision",
    ),
    ("Q35657", "state of the United States"),
    ("Q107390", "federated state"),
    ("Q34876", "province"),
    ("Q28575", "county"),
    ("Q56061", "administrative territorial entity"),
    ("Q486972", "human settlement"),
    ("Q515", "city"),
    ("Q5119", "capital"),
    ("Q1549591", "big city"),
    ("Q1637706", "city with millions of inhabitants"),
    ("Q200250", "metropolis"),
    ("Q1093829", "city of the United States"),
    ("Q3957", "town"),
    ("Q532", "village"),
    ("Q15284", "municipality"),
    ("Q484170", "commune of France"),
    ("Q747074", "comune of Italy"),
    ("Q262166", "municipality of Germany"),
    ("Q82794", "geographic region"),
    ("Q1620908", "historical region"),
    ("Q5107", "continent"),
    ("Q23442", "island"),
];

/// The class of humans: P31 `Q5` is [`EntityKind::Person`].
const WIKIDATA_HUMAN: &str = "Q5";

/// The kind of an entity with these P31 classes.
fn wikidata_kind(classes: &[String]) -> EntityKind {
    let any = |table: &[(&str, &str)]| {
        classes
            .iter()
            .any(|c| table.iter().any(|(q, _)| *q == c.as_str()))
    };
    if classes.iter().any(|c| c == WIKIDATA_HUMAN) {
        EntityKind::Person
    } else if any(WIKIDATA_ORG_CLASSES) {
        EntityKind::Org
    } else if any(WIKIDATA_PLACE_CLASSES) {
        EntityKind::Place
    } else {
        EntityKind::Other
    }
}

#[derive(Deserialize)]
struct WdEntity {
    #[serde(default)]
    id: Option<String>,
    #[serde(default, deserialize_with = "map_or_empty_array")]
    labels: BTreeMap<String, WdTerm>,
    #[serde(default, deserialize_with = "map_or_empty_array")]
    aliases: BTreeMap<String, Vec<WdTerm>>,
    #[serde(default, deserialize_with = "p31_statements")]
    claims: Vec<WdStatement>,
}

#[derive(Deserialize)]
struct WdTerm {
    #[serde(default)]
    language: Option<String>,
    value: String,
}

#[derive(Deserialize)]
struct WdStatement {
    #[serde(default)]
    mainsnak: Option<WdSnak>,
    #[serde(default)]
    rank: Option<String>,
}

#[derive(Deserialize)]
struct WdSnak {
    #[serde(default)]
    datavalue: Option<WdDataValue>,
}

#[derive(Deserialize)]
struct WdDataValue {
    #[serde(default)]
    value: Value,
}

/// A map, or an empty array (how the dumps write an empty map), or null.
fn map_or_empty_array<'de, D, V>(d: D) -> std::result::Result<BTreeMap<String, V>, D::Error>
where
    D: Deserializer<'de>,
    V: Deserialize<'de>,
{
    struct MapVisitor<V>(PhantomData<V>);
    impl<'de, V: Deserialize<'de>> Visitor<'de> for MapVisitor<V> {
        type Value = BTreeMap<String, V>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a map keyed by language (or an empty array)")
        }
        fn visit_map<A: MapAccess<'de>>(
            self,
            mut map: A,
        ) -> std::result::Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some((k, v)) = map.next_entry::<String, V>()? {
                out.insert(k, v);
            }
            Ok(out)
        }
        fn visit_seq<A: SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> std::result::Result<Self::Value, A::Error> {
            if seq.next_element::<IgnoredAny>()?.is_some() {
                return Err(de::Error::custom(
                    "expected a map keyed by language, found a non-empty array",
                ));
            }
            Ok(BTreeMap::new())
        }
        fn visit_unit<E: de::Error>(self) -> std::result::Result<Self::Value, E> {
            Ok(BTreeMap::new())
        }
    }
    d.deserialize_any(MapVisitor(PhantomData))
}

/// The P31 statements of `claims`, skipping every other property unparsed.
fn p31_statements<'de, D>(d: D) -> std::result::Result<Vec<WdStatement>, D::Error>
where
    D: Deserializer<'de>,
{
    struct ClaimsVisitor;
    impl<'de> Visitor<'de> for ClaimsVisitor {
        type Value = Vec<WdStatement>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a map of claims by property (or an empty array)")
        }
        fn visit_map<A: MapAccess<'de>>(
            self,
            mut map: A,
        ) -> std::result::Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(key) = map.next_key::<String>()? {
                if key == "P31" {
                    out.extend(
                        map.next_value::<Option<Vec<WdStatement>>>()?
                            .unwrap_or_default(),
                    );
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(out)
        }
        fn visit_seq<A: SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> std::result::Result<Self::Value, A::Error> {
            if seq.next_element::<IgnoredAny>()?.is_some() {
                return Err(de::Error::custom(
                    "expected a map of claims by property, found a non-empty array",
                ));
            }
            Ok(Vec::new())
        }
        fn visit_unit<E: de::Error>(self) -> std::result::Result<Self::Value, E> {
            Ok(Vec::new())
        }
    }
    d.deserialize_any(ClaimsVisitor)
}

/// The class (`Q…`) a P31 statement names, if it names one.
fn statement_class(statement: &WdStatement) -> Option<String> {
    if statement.rank.as_deref() == Some("deprecated") {
        return None;
    }
    let value = &statement.mainsnak.as_ref()?.datavalue.as_ref()?.value;
    if let Some(id) = value.get("id").and_then(Value::as_str) {
        return Some(id.to_string());
    }
    value
        .get("numeric-id")
        .and_then(Value::as_u64)
        .map(|n| format!("Q{n}"))
}

const WIKIDATA_EXPECTED: &str = "a Wikidata entity (a JSON object), `[` or `]`";

fn parse_wikidata(text: &str, line: u64, languages: Option<&[String]>) -> Result<Outcome> {
    let trimmed = text.trim_start();
    let lead = text.len() - trimmed.len();
    let trimmed = trimmed.trim_end();
    let trimmed = trimmed.strip_suffix(',').unwrap_or(trimmed).trim_end();
    if trimmed.is_empty() || trimmed == "[" || trimmed == "]" {
        return Ok(Outcome::Nothing);
    }
    if !trimmed.starts_with('{') {
        let found = match serde_json::from_str::<Value>(trimmed) {
            Ok(v) => describe(&v),
            Err(_) => format!("{:?}", truncate(trimmed)),
        };
        return Err(Error::parse(WIKIDATA_EXPECTED, found));
    }
    let entity: WdEntity =
        serde_json::from_str(trimmed).map_err(|e| json_error(&e, WIKIDATA_EXPECTED, lead))?;
    let id = match entity.id {
        Some(id) if !id.trim().is_empty() => id,
        Some(_) => return Err(Error::parse("a non-empty id", "an empty string").in_field("id")),
        None => return Err(Error::parse("a non-empty id", "no `id` field").in_field("id")),
    };
    if !id.starts_with('Q') {
        return Ok(Outcome::Skip(format!(
            "`{}` is not an item (only Q-ids are read)",
            truncate(&id)
        )));
    }
    let kept = |lang: &str| languages.is_none_or(|ls| ls.iter().any(|l| l == lang));

    // Kept labels, in sorted language order.
    let labels: Vec<(String, String)> = entity
        .labels
        .into_iter()
        .map(|(key, term)| (term.language.unwrap_or(key), term.value))
        .filter(|(lang, value)| kept(lang) && !value.trim().is_empty())
        .collect();
    let position = |lang: &str| labels.iter().position(|(l, _)| l == lang);
    let canonical = position("en")
        .or_else(|| position("mul"))
        .or_else(|| languages.and_then(|ls| ls.iter().find_map(|l| position(l))))
        .or(if labels.is_empty() { None } else { Some(0) });
    let Some(canonical) = canonical else {
        return Ok(Outcome::Skip(
            "no label in the selected languages".to_string(),
        ));
    };

    let mut seen: HashSet<(String, String)> = HashSet::new();
    let mut labels = labels;
    let (canonical_lang, name) = labels.remove(canonical);
    seen.insert((name.clone(), canonical_lang));
    let mut aliases = Vec::new();
    let mut push = |name: String, lang: String| {
        let pair = (name, lang);
        if !seen.contains(&pair) {
            seen.insert(pair.clone());
            aliases.push(AliasRecord {
                name: pair.0,
                lang: Some(pair.1),
            });
        }
    };
    for (lang, value) in labels {
        push(value, lang);
    }
    for (key, terms) in entity.aliases {
        for term in terms {
            let lang = term.language.unwrap_or_else(|| key.clone());
            if kept(&lang) && !term.value.trim().is_empty() {
                push(term.value, lang);
            }
        }
    }

    let mut classes: Vec<String> = Vec::new();
    for class in entity.claims.iter().filter_map(statement_class) {
        if !classes.contains(&class) {
            classes.push(class);
        }
    }
    let kind = wikidata_kind(&classes);
    let mut metadata = Map::new();
    if !classes.is_empty() {
        metadata.insert(
            "wikidata_p31".to_string(),
            Value::Array(classes.into_iter().map(Value::String).collect()),
        );
    }
    let record = EntityRecord {
        id,
        name,
        kind,
        aliases,
        metadata,
    };
    record.validate()?;
    Ok(Outcome::Record(line, record))
}
