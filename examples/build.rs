//! Builds a dictionary file from entity records.
//!
//! ```text
//! cargo run --release --example build -- --input entities.jsonl --output dict.poly
//!     [--format jsonl|tsv|wikidata] [--lang en,de,...] [--skip-bad] [--memory-mb N]
//! ```
//!
//! * `--input`: a JSONL, TSV or Wikidata JSON file, optionally gzipped.
//! * `--output`: the dictionary to write. It is written atomically (to a
//!   temporary file beside it, synced, then renamed), so an existing
//!   dictionary is replaced only by a complete new one.
//! * `--format`: the input format; by default guessed from the extension
//!   (`.jsonl`/`.ndjson`, `.tsv`, `.json`, each optionally with `.gz`).
//! * `--lang`: Wikidata only: keep labels and aliases in these languages.
//! * `--skip-bad`: skip bad records (listed in the report, with their line
//!   and reason) instead of stopping at the first one.
//! * `--memory-mb`: the memory budget of the in-memory key run before it is
//!   spilled to a temporary file beside the output (default 256). The
//!   builder also keeps about 50 bytes per alias for the records.
//!
//! Progress (entities, aliases, rate) goes to standard error; the build
//! report to standard output. Exit code 0 on success, 1 on any error, with
//! a message naming the file and line.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use polyonym::dict::sources::{open_input, InputFormat, RecordReader, SourceOptions};
use polyonym::dict::{BuildConfig, BuildProgress, DictionaryBuilder};
use polyonym::Normalizer;

const USAGE: &str = "usage: build --input FILE --output FILE [--format jsonl|tsv|wikidata] \
                     [--lang en,de,...] [--skip-bad] [--memory-mb N]";

/// How many skipped items the report lists one by one.
const SHOWN_SKIPPED: usize = 20;

struct Args {
    input: PathBuf,
    output: PathBuf,
    format: InputFormat,
    languages: Option<Vec<String>>,
    skip_bad: bool,
    memory_mb: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut input = None;
    let mut output = None;
    let mut format = None;
    let mut languages = None;
    let mut skip_bad = false;
    let mut memory_mb = 256usize;
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        let arg = arg
            .into_string()
            .map_err(|a| format!("argument {a:?} is not UTF-8"))?;
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            match inline.clone() {
                Some(v) => Ok(v),
                None => args
                    .next()
                    .and_then(|v| v.into_string().ok())
                    .ok_or_else(|| format!("{name} needs a value")),
            }
        };
        match flag.as_str() {
            "--input" | "-i" => input = Some(PathBuf::from(value("--input")?)),
            "--output" | "-o" => output = Some(PathBuf::from(value("--output")?)),
            "--format" => {
                let v = value("--format")?;
                format = Some(InputFormat::parse(&v).ok_or_else(|| {
                    format!("unknown format {v:?}: expected jsonl, tsv or wikidata")
                })?);
            }
            "--lang" => {
                let v = value("--lang")?;
                let list: Vec<String> = v
                    .split(',')
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_string)
                    .collect();
                if list.is_empty() {
                    return Err("--lang needs at least one language code".into());
                }
                languages = Some(list);
            }
            "--skip-bad" => skip_bad = true,
            "--memory-mb" => {
                let v = value("--memory-mb")?;
                memory_mb = match v.parse::<usize>() {
                    Ok(n) if n > 0 => n,
                    _ => return Err(format!("--memory-mb needs a positive integer, got {v:?}")),
                };
            }
            "--help" | "-h" => return Err(String::new()),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    let input = input.ok_or("--input is required")?;
    let output = output.ok_or("--output is required")?;
    let format = match format {
        Some(f) => f,
        None => InputFormat::from_path(&input).ok_or_else(|| {
            format!(
                "cannot tell the format of {} from its extension; pass --format jsonl, tsv or \
                 wikidata",
                input.display()
            )
        })?,
    };
    if languages.is_some() && format != InputFormat::Wikidata {
        eprintln!("note: --lang applies to Wikidata input only; ignored for {format}");
    }
    Ok(Args {
        input,
        output,
        format,
        languages,
        skip_bad,
        memory_mb,
    })
}

/// Writes the progress line: in place on a terminal (at most 5 times a
/// second), else one line every 10 seconds.
struct ProgressLine {
    start: Instant,
    last: Option<Instant>,
    terminal: bool,
}

impl ProgressLine {
    fn show(&mut self, p: BuildProgress) {
        let now = Instant::now();
        let every = if self.terminal {
            Duration::from_millis(200)
        } else {
            Duration::from_secs(10)
        };
        if !p.merging && self.last.is_some_and(|last| now - last < every) {
            return;
        }
        self.last = Some(now);
        let secs = (now - self.start).as_secs_f64().max(1e-9);
        let line = if p.merging {
            format!(
                "{} entities, {} aliases read; merging keys and writing…",
                p.entities, p.aliases
            )
        } else {
            format!(
                "{} entities, {} aliases, {:.0} aliases/s",
                p.entities,
                p.aliases,
                p.aliases as f64 / secs
            )
        };
        let mut err = std::io::stderr().lock();
        if self.terminal {
            let _ = write!(err, "\r\x1b[2K{line}");
            if p.merging {
                let _ = writeln!(err);
            }
        } else {
            let _ = writeln!(err, "{line}");
        }
        let _ = err.flush();
    }
}

/// One line of the report's skipped list.
struct SkippedLine {
    /// The input line, for ordering (`u64::MAX` for build-time skips).
    line: u64,
    location: String,
    reason: String,
}

fn run(args: Args) -> Result<(), String> {
    let start = Instant::now();
    // Fail before reading the input (which may take hours), not after.
    if let Some(dir) = args.output.parent().filter(|p| !p.as_os_str().is_empty()) {
        if !dir.is_dir() {
            return Err(format!(
                "the output directory {} does not exist",
                dir.display()
            ));
        }
    }
    let input = open_input(&args.input).map_err(|e| e.to_string())?;
    let options = SourceOptions {
        skip_bad_records: args.skip_bad,
        languages: args.languages.clone(),
        ..SourceOptions::default()
    };
    let mut reader = RecordReader::new(input, args.format, options).with_path(&args.input);

    // Spilled runs go beside the output: the system temporary directory is
    // often a small in-memory file system.
    let temp_dir = match args.output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let config = BuildConfig {
        run_bytes: args.memory_mb << 20,
        temp_dir: Some(temp_dir),
        ..BuildConfig::default()
    };
    let mut builder = DictionaryBuilder::with_config(Normalizer::new(), config);
    let mut progress = ProgressLine {
        start,
        last: None,
        terminal: std::io::stderr().is_terminal(),
    };
    builder.on_progress(move |p| progress.show(p));

    let mut rejected: Vec<SkippedLine> = Vec::new();
    let mut rejected_count = 0u64;
    for item in reader.by_ref() {
        let (line, record) = item.map_err(|e| e.to_string())?;
        if let Err(e) = builder.add(record) {
            let location = format!("{}:line {line}", args.input.display());
            if !args.skip_bad {
                return Err(format!("{location}: {e}"));
            }
            rejected_count += 1;
            if rejected.len() < SHOWN_SKIPPED {
                rejected.push(SkippedLine {
                    line,
                    location,
                    reason: e.to_string(),
                });
            }
        }
    }
    let report = builder
        .finish_to_path(&args.output)
        .map_err(|e| format!("writing {}: {e}", args.output.display()))?;
    let elapsed = start.elapsed();

    // The report.
    let mut skipped: Vec<SkippedLine> = reader
        .skipped()
        .iter()
        .take(SHOWN_SKIPPED)
        .map(|s| SkippedLine {
            line: s.line,
            location: format!("{}:line {}", args.input.display(), s.line),
            reason: s.reason.clone(),
        })
        .collect();
    skipped.extend(rejected);
    skipped.sort_by_key(|s| s.line);
    skipped.extend(report.skipped.iter().map(|s| SkippedLine {
        line: u64::MAX,
        location: match &s.alias {
            Some(alias) => format!("entity `{}`, alias {alias:?}", s.id),
            None if s.id.is_empty() => "build".to_string(),
            None => format!("entity `{}`", s.id),
        },
        reason: s.reason.clone(),
    }));
    let skipped_total = reader.skipped_count() + rejected_count + report.skipped.len() as u64;
    let secs = elapsed.as_secs_f64().max(1e-9);
    let out = std::io::stdout();
    let mut out = out.lock();
    let per_alias = if report.aliases > 0 {
        report.bytes as f64 / report.aliases as f64
    } else {
        0.0
    };
    let lines = [
        format!(
            "wrote {} ({} input)",
            args.output.display(),
            args.format.as_str()
        ),
        format!("  entities:          {}", report.entities),
        format!("  aliases:           {}", report.aliases),
        format!("  keys:              {}", report.keys),
        format!("  postings:          {}", report.postings),
        format!(
            "  bytes:             {} ({:.1} MiB)",
            report.bytes,
            report.bytes as f64 / (1 << 20) as f64
        ),
        format!("  bytes/alias:       {per_alias:.1}"),
        format!(
            "  elapsed:           {secs:.2} s ({:.0} aliases/s)",
            report.aliases as f64 / secs
        ),
        format!("  merged duplicates: {}", report.merged_duplicates),
        format!("  duplicate aliases: {}", report.duplicate_aliases),
        format!("  spilled runs:      {}", report.spilled_runs),
        format!("  skipped:           {skipped_total}"),
    ];
    for line in lines {
        writeln!(out, "{line}").map_err(|e| e.to_string())?;
    }
    for s in skipped.iter().take(SHOWN_SKIPPED) {
        writeln!(out, "    {}: {}", s.location, s.reason).map_err(|e| e.to_string())?;
    }
    if skipped_total > SHOWN_SKIPPED.min(skipped.len()) as u64 {
        writeln!(
            out,
            "    … and {} more",
            skipped_total - SHOWN_SKIPPED.min(skipped.len()) as u64
        )
        .map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("error: {message}");
            }
            eprintln!("{USAGE}");
            return if message.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            };
        }
    };
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            // End an in-place progress line before the message.
            if std::io::stderr().is_terminal() {
                eprintln!();
            }
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
