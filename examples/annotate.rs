//! Marks the entities mentioned in a text.
//!
//! ```text
//! cargo run --release --example annotate -- [--index FILE | --entities FILE.jsonl] [--json | --explain] FILE|-
//! ```
//! Reads FILE (or standard input for `-`) as a stream, window by window
//! (see `polyonym::scan`). Without `--index` or `--entities` it uses the
//! embedded default dictionary; with one, that dictionary is laid over the
//! embedded one.
//!
//! With `--json`, one JSON object per mention, in text order, with exactly
//! these keys:
//! `{"start": byte, "end": byte, "text": ..., "id": ..., "name": ...,
//! "kind": ..., "score": ..., "ambiguous": ..., "candidates": [{"id",
//! "name", "score"}]}`. Offsets are bytes from the start of the input.
//! `--explain` prints the same lines with one more key, `"explanation"`
//! (the alias that matched, how, and the score's parts).
//!
//! Without `--json`, the text with each mention marked inline,
//! `[Kaja Kallas|polyonym:person/kaja-kallas]` (ambiguous ones as
//! `[Kallas|?polyonym:person/kaja-kallas]`), then a table of the entities
//! and how often each was mentioned.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;

use polyonym::dict::sources::{open_input, InputFormat, RecordReader, SourceOptions};
use polyonym::scan::Candidate;
use polyonym::{Dictionary, DictionaryBuilder, Mention, Resolver, Scanner};

const USAGE: &str =
    "usage: annotate [--index FILE | --entities FILE.jsonl] [--json | --explain] FILE|-";

fn fail(message: impl std::fmt::Display) -> ! {
    eprintln!("annotate: {message}");
    std::process::exit(1);
}

fn build_from_jsonl(path: &PathBuf) -> polyonym::Result<Dictionary> {
    let reader = RecordReader::new(
        open_input(path)?,
        InputFormat::Jsonl,
        SourceOptions::default(),
    )
    .with_path(path);
    let mut builder = DictionaryBuilder::new();
    for item in reader {
        let (line, record) = item?;
        builder.add(record).map_err(|e| e.located(path, line))?;
    }
    Dictionary::from_vec(builder.finish_to_vec()?)
}

/// The public JSON form of a mention: exactly these keys.
#[derive(serde::Serialize)]
struct JsonMention<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    id: &'a str,
    name: &'a str,
    kind: polyonym::EntityKind,
    score: f32,
    ambiguous: bool,
    candidates: &'a [Candidate],
}

fn json(m: &Mention) -> JsonMention<'_> {
    JsonMention {
        start: m.start,
        end: m.end,
        text: &m.text,
        id: &m.id,
        name: &m.name,
        kind: m.kind,
        score: m.score,
        ambiguous: m.ambiguous,
        candidates: &m.candidates,
    }
}

fn main() {
    let mut index: Option<PathBuf> = None;
    let mut entities: Option<PathBuf> = None;
    let mut as_json = false;
    let mut explain = false;
    let mut input: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--index" => index = Some(args.next().unwrap_or_else(|| fail(USAGE)).into()),
            "--entities" => entities = Some(args.next().unwrap_or_else(|| fail(USAGE)).into()),
            "--json" => as_json = true,
            "--explain" => explain = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return;
            }
            _ if input.is_none() && (a == "-" || !a.starts_with("--")) => input = Some(a),
            _ => fail(format!("unexpected argument {a:?}\n{USAGE}")),
        }
    }
    let input = input.unwrap_or_else(|| fail(USAGE));
    let resolver = match (index, entities) {
        (Some(_), Some(_)) => fail("give --index or --entities, not both"),
        (Some(path), None) => Resolver::embedded_with(
            Dictionary::open(&path).unwrap_or_else(|e| fail(format!("{}: {e}", path.display()))),
        ),
        (None, Some(path)) => Resolver::embedded_with(
            build_from_jsonl(&path).unwrap_or_else(|e| fail(format!("{}: {e}", path.display()))),
        ),
        (None, None) => Resolver::embedded(),
    };
    let scanner = Scanner::new(resolver);
    let reader: Box<dyn BufRead> = if input == "-" {
        Box::new(BufReader::new(std::io::stdin()))
    } else {
        let file = std::fs::File::open(&input).unwrap_or_else(|e| fail(format!("{input}: {e}")));
        Box::new(BufReader::new(file))
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = if as_json || explain {
        write_json(&scanner, reader, explain, &mut out)
    } else {
        write_marked(&scanner, reader, &mut out)
    };
    if let Err(e) = result.and_then(|_| out.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            fail(e);
        }
    }
}

fn write_json(
    scanner: &Scanner,
    reader: impl BufRead,
    explain: bool,
    out: &mut impl Write,
) -> std::io::Result<()> {
    for m in scanner.scan_reader(reader) {
        let m = m?;
        if explain {
            serde_json::to_writer(&mut *out, &m)?;
        } else {
            serde_json::to_writer(&mut *out, &json(&m))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// The marked text and the summary. The text is kept whole in memory to
/// be reprinted (the `--json` form streams), and scanned as a stream too,
/// so that both forms find the same mentions.
fn write_marked(
    scanner: &Scanner,
    mut reader: impl BufRead,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let mut text = String::new();
    reader.read_to_string(&mut text)?;
    let mentions = scanner
        .scan_reader(text.as_bytes())
        .collect::<std::io::Result<Vec<Mention>>>()?;
    let mut at = 0;
    for m in &mentions {
        out.write_all(&text.as_bytes()[at..m.start])?;
        write!(
            out,
            "[{}|{}{}]",
            m.text,
            if m.ambiguous { "?" } else { "" },
            m.id
        )?;
        at = m.end;
    }
    out.write_all(&text.as_bytes()[at..])?;
    if !text.ends_with('\n') {
        writeln!(out)?;
    }
    // Summary: entities by mention count.
    let mut counts: HashMap<&str, (usize, &str, &str, usize)> = HashMap::new();
    for m in &mentions {
        let e = counts
            .entry(m.id.as_str())
            .or_insert((0, m.name.as_str(), m.kind.as_str(), 0));
        e.0 += 1;
        if m.ambiguous {
            e.3 += 1;
        }
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
    writeln!(out)?;
    writeln!(
        out,
        "{:>8}  {:<36} {:<6} {:<40} ambiguous",
        "mentions", "id", "kind", "name"
    )?;
    for (id, (n, name, kind, ambiguous)) in rows {
        writeln!(out, "{n:>8}  {id:<36} {kind:<6} {name:<40} {ambiguous}")?;
    }
    writeln!(
        out,
        "{} mentions of {} entities",
        mentions.len(),
        mentions
            .iter()
            .map(|m| m.id.as_str())
            .collect::<std::collections::HashSet<_>>()
            .len()
    )?;
    Ok(())
}
