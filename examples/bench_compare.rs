//! Side-by-side resolve benchmark: polyonym (one thread and all cores),
//! a brute-force strsim scan and, through `benches/compare/rapidfuzz_run.py`,
//! Python rapidfuzz, on the same synthetic dictionary and queries.
//!
//! Run everything with `benches/compare/run.sh`. By hand:
//!
//! ```sh
//! cargo run --release --example bench_compare -- --write target/bench-data/100k --aliases 100000
//! cargo run --release --example bench_compare -- --run polyonym --data target/bench-data/100k
//! cargo run --release --example bench_compare -- --run polyonym-mt --data target/bench-data/100k
//! cargo run --release --example bench_compare -- --run polyonym-latency --data target/bench-data/1000000
//! cargo run --release --example bench_compare -- --run strsim --data target/bench-data/100k --sample 40
//! cargo run --release --example bench_compare -- --compare ../shared/name-bench/cases.csv
//! ```
//!
//! `--write` generates the workload (`benches/common/workload.rs`), writes
//! `aliases.tsv` (id, kind, name), `queries.tsv` (class, expected id or
//! `-`, text), builds `dict.bin` and records the build time in `build.tsv`.
//! Each `--run` is its own process, so its peak RSS (`VmHWM`) is its own.
//! `--run` prints one tab-separated line per query class:
//! `system class queries q/s top1 absent_unmatched peak_rss_mb build_s index_mb`.
//! `polyonym-latency` prints per-query thread CPU time (p50, p99, max) and
//! the same accuracy columns; with `--slowest N` it also lists the N
//! slowest queries of each class on stderr (`slow class µs text`), and
//! with `--repeat N` it resolves each query N times in a row and keeps the
//! least time: the query's own work, with its data in the CPU caches after
//! the first run and without the machine's interruptions. The resolver's budgets can be set for a
//! trade-off run: `--max-scored N`, `--max-scored-uncertain N`, `--max-fuzzy-keys N`,
//! `--max-candidates N`, `--max-probed-postings N` (defaults: those of
//! `ResolverConfig::default()`).

#[path = "../benches/common/workload.rs"]
mod workload;

#[path = "../benches/common/cpu_time.rs"]
mod cpu_time;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use polyonym::dict::{Dictionary, DictionaryBuilder};
use polyonym::{Resolver, ResolverConfig};

use workload::{Class, Query};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let get = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let num = |flag: &str, default: usize| {
        get(flag)
            .map(|v| v.replace('_', "").parse().expect("number"))
            .unwrap_or(default)
    };
    if let Some(dir) = get("--write") {
        write(
            Path::new(&dir),
            num("--aliases", 100_000),
            num("--per-class", 2_000),
        );
    } else if let Some(system) = get("--run") {
        let dir = PathBuf::from(get("--data").expect("--data DIR"));
        let defaults = ResolverConfig::default();
        let config = ResolverConfig {
            max_scored: num("--max-scored", defaults.max_scored),
            max_scored_uncertain: num("--max-scored-uncertain", defaults.max_scored_uncertain),
            max_fuzzy_keys: num("--max-fuzzy-keys", defaults.max_fuzzy_keys),
            max_candidates: num("--max-candidates", defaults.max_candidates),
            max_probed_postings: num("--max-probed-postings", defaults.max_probed_postings),
            ..defaults
        };
        let slowest = num("--slowest", 0);
        let repeat = num("--repeat", 1);
        run(
            &system,
            &dir,
            num("--sample", usize::MAX),
            config,
            (slowest, repeat),
        );
    } else if let Some(cases) = get("--compare") {
        compare_cases(Path::new(&cases));
    } else {
        eprintln!("usage: bench_compare --write DIR [--aliases N] [--per-class K] | --run polyonym|polyonym-mt|polyonym-latency|strsim --data DIR [--sample K] [--slowest N] [--repeat N] | --compare cases.csv");
        std::process::exit(2);
    }
}

fn write(dir: &Path, aliases: usize, per_class: usize) {
    std::fs::create_dir_all(dir).expect("create dir");
    let t = Instant::now();
    let w = workload::generate(aliases, per_class, 0x5EED_2026);
    eprintln!(
        "generated {} entities, {} aliases, {} queries in {:.1} s",
        w.records.len(),
        w.aliases,
        w.queries.len(),
        t.elapsed().as_secs_f64()
    );
    let mut out = std::io::BufWriter::new(std::fs::File::create(dir.join("aliases.tsv")).unwrap());
    for r in &w.records {
        writeln!(out, "{}\t{}\t{}", r.id, r.kind.as_str(), r.name).unwrap();
        for a in &r.aliases {
            writeln!(out, "{}\t{}\t{}", r.id, r.kind.as_str(), a.name).unwrap();
        }
    }
    drop(out);
    let mut out = std::io::BufWriter::new(std::fs::File::create(dir.join("queries.tsv")).unwrap());
    for q in &w.queries {
        let e = q.expected.as_deref().unwrap_or("-");
        writeln!(out, "{}\t{}\t{}", q.class.name(), e, q.text).unwrap();
    }
    drop(out);
    let t = Instant::now();
    let mut builder = DictionaryBuilder::new();
    for r in w.records {
        builder.add(r).expect("add");
    }
    let report = builder.finish_to_path(dir.join("dict.bin")).expect("build");
    let secs = t.elapsed().as_secs_f64();
    eprintln!(
        "built {} aliases, {} keys, {} bytes in {secs:.1} s",
        report.aliases, report.keys, report.bytes
    );
    std::fs::write(
        dir.join("build.tsv"),
        format!("{secs:.2}\t{}\t{}\n", report.bytes, report.aliases),
    )
    .unwrap();
}

fn read_queries(dir: &Path) -> Vec<Query> {
    let text = std::fs::read_to_string(dir.join("queries.tsv")).expect("queries.tsv");
    text.lines()
        .filter_map(|l| {
            let mut f = l.splitn(3, '\t');
            let class = Class::parse(f.next()?)?;
            let e = f.next()?;
            let text = f.next()?.to_string();
            let expected = (e != "-").then(|| e.to_string());
            Some(Query {
                class,
                text,
                expected,
            })
        })
        .collect()
}

/// Per-query outcome: the top-1 entity ID, if any.
type Outcome = Option<String>;

/// Per class: each query with its outcome, and the seconds they took.
type Results<'a> = BTreeMap<Class, (Vec<(&'a Query, Outcome)>, f64)>;

fn report(system: &str, by_class: &Results<'_>, build: &str) {
    let rss = workload::peak_rss_kib().unwrap_or(0) as f64 / 1024.0;
    for (class, (rows, secs)) in by_class {
        let n = rows.len();
        let (top1, unmatched) = if *class == Class::Absent {
            let u = rows.iter().filter(|(_, o)| o.is_none()).count();
            ("-".to_string(), format!("{:.3}", u as f64 / n as f64))
        } else {
            let ok = rows
                .iter()
                .filter(|(q, o)| o.is_some() && o.as_deref() == q.expected.as_deref())
                .count();
            (format!("{:.3}", ok as f64 / n as f64), "-".to_string())
        };
        println!(
            "{system}\t{}\t{n}\t{:.0}\t{top1}\t{unmatched}\t{rss:.0}\t{build}",
            class.name(),
            n as f64 / secs
        );
    }
}

fn run(
    system: &str,
    dir: &Path,
    sample: usize,
    config: ResolverConfig,
    (list_slowest, repeat): (usize, usize),
) {
    let queries = read_queries(dir);
    let mut classes: BTreeMap<Class, Vec<&Query>> = BTreeMap::new();
    for q in &queries {
        let v = classes.entry(q.class).or_default();
        if v.len() < sample {
            v.push(q);
        }
    }
    let mut by_class: Results<'_> = BTreeMap::new();
    match system {
        "polyonym" | "polyonym-mt" => {
            let build = std::fs::read_to_string(dir.join("build.tsv")).expect("build.tsv");
            let mut f = build.trim().split('\t');
            let secs = f.next().unwrap_or("0").to_string();
            let bytes: f64 = f.next().unwrap_or("0").parse().unwrap_or(0.0);
            let build = format!("{secs}\t{:.1}", bytes / 1e6);
            let dict = Dictionary::open(dir.join("dict.bin")).expect("open dict");
            let resolver = Resolver::new(dict).with_config(config);
            // Warm up: the normalizer tables and the first pages of the map.
            for q in queries.iter().take(200) {
                std::hint::black_box(resolver.resolve(&q.text));
            }
            let threads = if system == "polyonym-mt" {
                std::thread::available_parallelism().map_or(2, |n| n.get())
            } else {
                1
            };
            for (class, qs) in &classes {
                let t = Instant::now();
                let outcomes: Vec<Outcome> = if threads == 1 {
                    qs.iter()
                        .map(|q| resolver.resolve(&q.text).best().map(|m| m.id.clone()))
                        .collect()
                } else {
                    let chunk = qs.len().div_ceil(threads);
                    let resolver = &resolver;
                    std::thread::scope(|s| {
                        let handles: Vec<_> = qs
                            .chunks(chunk)
                            .map(|part| {
                                s.spawn(move || {
                                    part.iter()
                                        .map(|q| {
                                            resolver.resolve(&q.text).best().map(|m| m.id.clone())
                                        })
                                        .collect::<Vec<_>>()
                                })
                            })
                            .collect();
                        handles
                            .into_iter()
                            .flat_map(|h| h.join().expect("thread"))
                            .collect()
                    })
                };
                let secs = t.elapsed().as_secs_f64();
                by_class.insert(*class, (qs.iter().copied().zip(outcomes).collect(), secs));
            }
            report(&format!("{system}x{threads}"), &by_class, &build);
        }
        "polyonym-latency" => {
            // Per-query latency in the thread's CPU time: the worst case
            // of issue 8 ("within 10 ms on the 1M-alias dictionary").
            let dict = Dictionary::open(dir.join("dict.bin")).expect("open dict");
            let resolver = Resolver::new(dict).with_config(config);
            for q in queries.iter().take(200) {
                std::hint::black_box(resolver.resolve(&q.text));
            }
            println!(
                "system\tclass\tqueries\tp50_us\tp99_us\tmax_us\ttop1\tabsent_unmatched\tslowest"
            );
            for (class, qs) in &classes {
                let mut right = 0usize;
                let mut times: Vec<(f64, &str)> = qs
                    .iter()
                    .map(|q| {
                        let mut elapsed = f64::INFINITY;
                        let mut r = None;
                        for _ in 0..repeat.max(1) {
                            let t = cpu_time::thread_cpu_ns();
                            r = Some(std::hint::black_box(resolver.resolve(&q.text)));
                            elapsed = elapsed.min((cpu_time::thread_cpu_ns() - t) as f64 / 1e3);
                        }
                        let r = r.expect("resolved at least once");
                        let best = r.best().map(|m| m.id.as_str());
                        right += usize::from(match &q.expected {
                            Some(id) => best == Some(id.as_str()),
                            None => best.is_none(),
                        });
                        (elapsed, q.text.as_str())
                    })
                    .collect();
                let share = format!("{:.3}", right as f64 / qs.len().max(1) as f64);
                let (top1, absent) = if *class == Class::Absent {
                    ("-".to_string(), share)
                } else {
                    (share, "-".to_string())
                };
                times.sort_by(|a, b| a.0.total_cmp(&b.0));
                let at = |p: usize| times[(times.len() * p / 100).min(times.len() - 1)].0;
                let (max, slowest) = times.last().copied().unwrap_or((0.0, ""));
                for (us, text) in times.iter().rev().take(list_slowest) {
                    eprintln!("slow\t{}\t{us:.0}\t{text}", class.name());
                }
                println!(
                    "polyonymx1\t{}\t{}\t{:.0}\t{:.0}\t{max:.0}\t{top1}\t{absent}\t{slowest}",
                    class.name(),
                    times.len(),
                    at(50),
                    at(99)
                );
            }
        }
        "strsim" => {
            let text = std::fs::read_to_string(dir.join("aliases.tsv")).expect("aliases.tsv");
            let t = Instant::now();
            let mut ids = Vec::new();
            let mut folded = Vec::new();
            for l in text.lines() {
                let mut f = l.splitn(3, '\t');
                let (Some(id), Some(_), Some(name)) = (f.next(), f.next(), f.next()) else {
                    continue;
                };
                ids.push(id.to_string());
                folded.push(workload::fold(name));
            }
            drop(text);
            let prep = t.elapsed().as_secs_f64();
            let bytes: usize = folded.iter().map(|s| s.len() + 24).sum();
            let build = format!("{prep:.2}\t{:.1}", bytes as f64 / 1e6);
            for (class, qs) in &classes {
                let t = Instant::now();
                let outcomes: Vec<Outcome> = qs
                    .iter()
                    .map(|q| {
                        let (i, s) = workload::brute_force(&folded, &q.text);
                        (s >= STRSIM_CUTOFF).then(|| ids[i].clone())
                    })
                    .collect();
                let secs = t.elapsed().as_secs_f64();
                by_class.insert(*class, (qs.iter().copied().zip(outcomes).collect(), secs));
            }
            report(
                &format!("strsim(cutoff {STRSIM_CUTOFF})"),
                &by_class,
                &build,
            );
        }
        other => panic!("unknown system {other}"),
    }
}

/// Similarity below which the brute-force baseline reports no match.
const STRSIM_CUTOFF: f64 = 0.8;

/// Times `polyonym::compare` over the pairs of a CSV whose third and
/// fourth columns are the two names (`case_group,schema,name1,name2,...`;
/// header skipped; simple quoting handled).
fn compare_cases(path: &Path) {
    let text = std::fs::read_to_string(path).expect("cases csv");
    let mut pairs = Vec::new();
    for line in text.lines().skip(1) {
        let f = split_csv(line);
        if f.len() >= 4 {
            pairs.push((f[2].clone(), f[3].clone()));
        }
    }
    // One untimed pass: the tables the normalizer and the scorer load once
    // per process (the Hán-Việt readings behind the Han character check
    // take 9 ms) are not the cost of the pair that first needs them.
    for (a, b) in &pairs {
        std::hint::black_box(polyonym::compare(a, b));
    }
    let mut times = Vec::with_capacity(pairs.len() * 3);
    let mut slowest = (0.0f64, 0usize);
    let t0 = Instant::now();
    for _ in 0..3 {
        for (i, (a, b)) in pairs.iter().enumerate() {
            let t = cpu_time::thread_cpu_ns();
            std::hint::black_box(polyonym::compare(a, b));
            let us = (cpu_time::thread_cpu_ns() - t) as f64 / 1e3;
            times.push(us);
            if us > slowest.0 {
                slowest = (us, i);
            }
        }
    }
    let wall = t0.elapsed().as_secs_f64();
    let total = times.iter().sum::<f64>() / 1e6;
    times.sort_by(f64::total_cmp);
    let mean = times.iter().sum::<f64>() / times.len() as f64;
    let p99 = times[(times.len() * 99 / 100).min(times.len() - 1)];
    let (a, b) = &pairs[slowest.1];
    println!(
        "polyonym::compare (thread CPU time)\t{} pairs x3\t{:.0} pairs/s ({:.0} by wall clock)\tmean {mean:.1} us\tp50 {:.1} us\tp99 {p99:.1} us\tmax {:.1} us ({a:?} / {b:?})",
        pairs.len(),
        times.len() as f64 / total,
        times.len() as f64 / wall,
        times[times.len() / 2],
        slowest.0
    );
}

fn split_csv(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out
}
