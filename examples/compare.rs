//! Compares two names without a dictionary (screening one record against
//! another).
//!
//! ```text
//! cargo run --release --example compare -- [--json] [--kind person|org|place] [A B]
//! ```
//! With two names it compares them; without, it reads tab-separated pairs
//! `name1<TAB>name2[<TAB>kind]` from standard input and answers each line
//! in order. With `--json` each answer is
//! `{"a": ..., "b": ..., "score": ..., "match": true|false, "explanation": {...}}`,
//! where `match` applies the default threshold.

use std::io::{BufRead, Write};

use polyonym::EntityKind;

const USAGE: &str = "usage: compare [--json] [--kind person|org|place] [A B]";

fn fail(message: impl std::fmt::Display) -> ! {
    eprintln!("compare: {message}");
    std::process::exit(1);
}

fn answer(
    a: &str,
    b: &str,
    kind: Option<EntityKind>,
    json: bool,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let c = polyonym::compare_kind(a, b, kind);
    if json {
        writeln!(out, "{}", serde_json::to_string(&c).unwrap_or_default())
    } else {
        writeln!(
            out,
            "{:.3}  {}  {:?} ~ {:?}",
            c.score,
            if c.is_match { "match   " } else { "no match" },
            a,
            b
        )
    }
}

fn main() {
    let mut json = false;
    let mut kind = None;
    let mut names = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => json = true,
            "--kind" => {
                let k = args.next().unwrap_or_else(|| fail(USAGE));
                kind = Some(EntityKind::parse(&k).unwrap_or_else(|| {
                    fail(format!(
                        "--kind takes person, org, place or other, not {k:?}"
                    ))
                }));
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return;
            }
            s if s.starts_with("--") => fail(format!("unknown option {s}\n{USAGE}")),
            _ => names.push(arg),
        }
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = match names.len() {
        2 => answer(&names[0], &names[1], kind, json, &mut out),
        0 => {
            let mut result = Ok(());
            for (i, line) in std::io::stdin().lock().lines().enumerate() {
                let line = line.unwrap_or_else(|e| fail(format!("standard input: {e}")));
                let line = line.trim_end_matches('\r');
                let cols: Vec<&str> = line.split('\t').collect();
                if cols.len() < 2 || cols.len() > 3 {
                    fail(format!(
                        "standard input line {}: expected name1<TAB>name2[<TAB>kind], found {} column(s)",
                        i + 1,
                        cols.len()
                    ));
                }
                let line_kind = match cols.get(2) {
                    Some(k) => Some(EntityKind::parse(k).unwrap_or_else(|| {
                        fail(format!("standard input line {}: unknown kind {k:?}", i + 1))
                    })),
                    None => kind,
                };
                result = answer(cols[0], cols[1], line_kind, json, &mut out);
                if result.is_err() {
                    break;
                }
            }
            result
        }
        _ => fail(format!(
            "give two names, or none to read pairs from standard input\n{USAGE}"
        )),
    };
    if let Err(e) = result.and_then(|_| out.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            fail(e);
        }
    }
}
