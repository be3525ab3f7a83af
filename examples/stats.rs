//! Counts what a dictionary holds: entities per kind, aliases (given and
//! derived), languages and scripts, size, and how long opening it and a
//! first query take.
//!
//! ```text
//! cargo run --release --example stats                 # the embedded dictionary
//! cargo run --release --example stats -- --index FILE # a dictionary file
//! ```

use std::collections::BTreeMap;
use std::time::Instant;

use polyonym::{Dictionary, Resolver, Script};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let start = Instant::now();
    let dict = match args.iter().position(|a| a == "--index") {
        Some(i) => match args.get(i + 1).map(Dictionary::open) {
            Some(Ok(d)) => d,
            Some(Err(e)) => {
                eprintln!("stats: {e}");
                std::process::exit(1);
            }
            None => {
                eprintln!("usage: stats [--index FILE]");
                std::process::exit(1);
            }
        },
        None => polyonym::embedded::dictionary(),
    };
    let opened = start.elapsed();
    let resolver = Resolver::new(dict.clone());
    let first = Instant::now();
    let _ = resolver.resolve("Kaja Kallas");
    let first_query = first.elapsed();

    let mut kinds: BTreeMap<String, u32> = BTreeMap::new();
    for i in 0..dict.entity_count() {
        if let Ok(e) = dict.entity(i) {
            *kinds.entry(e.kind.to_string()).or_default() += 1;
        }
    }
    let mut languages: BTreeMap<String, u32> = BTreeMap::new();
    let mut scripts: BTreeMap<String, u32> = BTreeMap::new();
    let mut rules: BTreeMap<String, u32> = BTreeMap::new();
    for i in 0..dict.alias_count() {
        let Ok(a) = dict.alias(i) else { continue };
        if let Some(lang) = a.lang {
            *languages.entry(lang.to_string()).or_default() += 1;
        }
        if let Some(rule) = a.rule {
            *rules.entry(rule.to_string()).or_default() += 1;
        }
        let mut seen = Vec::new();
        for c in a.name.chars() {
            if let Some(s) = Script::of(c).filter(|s| *s != Script::Digits) {
                if !seen.contains(&s) {
                    seen.push(s);
                    *scripts.entry(format!("{s:?}").to_lowercase()).or_default() += 1;
                }
            }
        }
    }
    println!("entities: {}", dict.entity_count());
    for (k, n) in &kinds {
        println!("  {k:<8} {n}");
    }
    let derived: u32 = rules.values().sum();
    println!(
        "aliases: {} ({} given, {} derived)",
        dict.alias_count(),
        dict.alias_count() - derived,
        derived
    );
    for (r, n) in &rules {
        println!("  derived by {r}: {n}");
    }
    println!("keys: {}", dict.info().keys);
    println!("languages tagged: {}", languages.len());
    println!("scripts: {}", scripts.len());
    for (s, n) in &scripts {
        println!("  {s:<10} {n} aliases");
    }
    println!("size: {} bytes", dict.size_bytes());
    println!(
        "open: {:.3} ms; first query (tables loaded on first use): {:.3} ms",
        opened.as_secs_f64() * 1e3,
        first_query.as_secs_f64() * 1e3
    );
}
