//! Resolves names to entities.
//!
//! ```text
//! cargo run --release --example resolve -- [--index FILE | --entities FILE.jsonl] [--top K] [--json] [NAME ...]
//! ```
//! Without NAME it reads one name per line from standard input and answers
//! each in order as it comes (streaming). Without `--index` or
//! `--entities` it uses the embedded default dictionary. With `--json`
//! each answer is one line:
//! `{"query": ..., "matches": [{"id", "name", "kind", "score", "alias", "ambiguous", "explanation"}]}`.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use polyonym::dict::sources::{open_input, InputFormat, RecordReader, SourceOptions};
use polyonym::{Dictionary, DictionaryBuilder, Resolution, Resolver, ResolverConfig};

const USAGE: &str =
    "usage: resolve [--index FILE | --entities FILE.jsonl] [--top K] [--json] [NAME ...]";

fn fail(message: impl std::fmt::Display) -> ! {
    eprintln!("resolve: {message}");
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
        // A builder error (a conflicting duplicate id) names the line.
        builder.add(record).map_err(|e| e.located(path, line))?;
    }
    Dictionary::from_vec(builder.finish_to_vec()?)
}

fn print_table(r: &Resolution, out: &mut impl Write) -> std::io::Result<()> {
    writeln!(out, "{}", r.query)?;
    if r.matches.is_empty() {
        writeln!(out, "  (no match)")?;
    }
    for m in &r.matches {
        writeln!(
            out,
            "  {:.3}  {:<16} {:<34} {:<6} via {:?} [{}]{}",
            m.score,
            m.id,
            m.name,
            m.kind.as_str(),
            m.alias,
            m.explanation.found_by.join(","),
            if m.ambiguous { "  ambiguous" } else { "" }
        )?;
    }
    Ok(())
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut index: Option<PathBuf> = None;
    let mut entities: Option<PathBuf> = None;
    let mut top = 5usize;
    let mut json = false;
    let mut names = Vec::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--index" => index = Some(args.next().unwrap_or_else(|| fail(USAGE)).into()),
            "--entities" => entities = Some(args.next().unwrap_or_else(|| fail(USAGE)).into()),
            "--top" => {
                top = args
                    .next()
                    .and_then(|k| k.parse().ok())
                    .filter(|k| *k > 0)
                    .unwrap_or_else(|| fail("--top takes a positive number"))
            }
            "--json" => json = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return;
            }
            "--" => names.extend(args.by_ref()),
            s if s.starts_with("--") => fail(format!("unknown option {s}\n{USAGE}")),
            _ => names.push(arg),
        }
    }
    let config = ResolverConfig {
        top_k: top,
        ..ResolverConfig::default()
    };
    let resolver = match (index, entities) {
        (Some(_), Some(_)) => fail("give --index or --entities, not both"),
        (Some(path), None) => Resolver::new(Dictionary::open(&path).unwrap_or_else(|e| fail(e))),
        (None, Some(path)) => Resolver::new(build_from_jsonl(&path).unwrap_or_else(|e| fail(e))),
        (None, None) => Resolver::embedded(),
    }
    .with_config(config);

    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let answer =
        |name: &str, out: &mut std::io::BufWriter<std::io::StdoutLock>| -> std::io::Result<()> {
            let r = resolver.resolve(name);
            if json {
                let value = serde_json::json!({ "query": r.query, "matches": r.matches });
                writeln!(out, "{value}")
            } else {
                print_table(&r, out)
            }
        };
    let result = if names.is_empty() {
        let stdin = std::io::stdin();
        let mut result = Ok(());
        for line in stdin.lock().lines() {
            let line = match line {
                Ok(l) => l,
                Err(e) => fail(format!("reading standard input: {e}")),
            };
            result = answer(line.trim_end_matches('\r'), &mut out).and_then(|_| out.flush());
            if result.is_err() {
                break;
            }
        }
        result
    } else {
        names.iter().try_for_each(|n| answer(n, &mut out))
    };
    if let Err(e) = result.and_then(|_| out.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            fail(e);
        }
    }
}
