//! Shows what polyonym makes of names: tokens with roles, titles, scripts,
//! spellings and keys.
//!
//! ```text
//! cargo run --example normalize -- "Ursula von der Leyen" "王毅" "Зеленський"
//! cargo run --example normalize -- --json "Ms. Kaja Kallas"
//! echo "Vương Nghị" | cargo run --example normalize
//! ```
//! Without names it reads one name per line from standard input.

use std::io::{BufRead, Write};

use polyonym::{Normalizer, TokenRole};

fn role(r: TokenRole) -> &'static str {
    match r {
        TokenRole::Name => "name",
        TokenRole::Initial => "initial",
        TokenRole::Particle => "particle",
        TokenRole::Suffix => "suffix",
        TokenRole::Number => "number",
        _ => "other",
    }
}

fn show(
    normalizer: &Normalizer,
    name: &str,
    json: bool,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let n = normalizer.normalize(name);
    if json {
        let value = serde_json::json!({
            "input": name,
            "text": n.text(),
            "normalized": n,
            "keys": n.keys(),
        });
        writeln!(out, "{value}")
    } else {
        writeln!(out, "{name}")?;
        let tokens: Vec<String> = n
            .tokens()
            .iter()
            .map(|t| format!("{}/{}", t.text, role(t.role)))
            .collect();
        writeln!(out, "  tokens:    {}", tokens.join(" "))?;
        if !n.titles.is_empty() {
            let titles: Vec<String> = n
                .titles
                .iter()
                .map(|t| match t.gender {
                    Some(g) => format!("{} ({}, {:?})", t.text, t.lang, g).to_lowercase(),
                    None => format!("{} ({})", t.text, t.lang),
                })
                .collect();
            writeln!(out, "  titles:    {}", titles.join(", "))?;
        }
        let scripts: Vec<String> = n
            .scripts
            .iter()
            .map(|s| format!("{s:?}").to_lowercase())
            .collect();
        writeln!(out, "  scripts:   {}", scripts.join(", "))?;
        if n.inverted {
            writeln!(out, "  inverted:  yes")?;
        }
        for spelling in n.spellings.iter().skip(1) {
            let s: Vec<&str> = spelling.iter().map(|t| t.text.as_str()).collect();
            writeln!(out, "  spelling:  {}", s.join(" "))?;
        }
        for key in n.keys() {
            writeln!(
                out,
                "  {:<10} {}",
                format!("{}:", key.kind.name()),
                key.text
            )?;
        }
        Ok(())
    }
}

fn main() {
    let mut json = false;
    let mut names = Vec::new();
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--json" => json = true,
            "-h" | "--help" => {
                println!(
                    "usage: normalize [--json] [NAME ...]   (no NAME: one name per line on stdin)"
                );
                return;
            }
            _ => names.push(arg),
        }
    }
    let normalizer = Normalizer::new();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = if names.is_empty() {
        std::io::stdin()
            .lock()
            .lines()
            .try_for_each(|line| show(&normalizer, &line?, json, &mut out))
    } else {
        names
            .iter()
            .try_for_each(|n| show(&normalizer, n, json, &mut out))
    };
    if let Err(e) = result.and_then(|_| out.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("normalize: {e}");
            std::process::exit(1);
        }
    }
}
