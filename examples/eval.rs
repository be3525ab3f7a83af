//! Measures the resolver on the project's evaluation set, beside a simple
//! string-similarity baseline, in one run.
//!
//! ```text
//! cargo run --release --example eval -- [--entities data/eval/entities.jsonl]
//!     [--queries data/eval/queries.tsv] [--threshold T] [--json] [--failures N]
//!     [--no-readings] [--no-skeleton-keys]
//! ```
//!
//! * The dictionary is built in memory from `--entities` (JSONL, the public
//!   schema) with [`DictionaryBuilder`], so the resolver sees exactly what
//!   a user's build would give it, Han readings included.
//! * Switches that measure what one piece of knowledge contributes (the
//!   header line and `--json` say which are in force):
//!   `--no-readings` builds without alias expanders
//!   ([`DictionaryBuilder::clear_expanders`]: no Hán-Việt readings,
//!   rule `han-reading:vi`); `--no-skeleton-keys` builds without skeleton
//!   keys ([`BuildConfig::skeleton_keys`]; the scorer's `skeleton` token
//!   rule stays). The name-part groups are the cargo feature `name-parts`:
//!   `cargo run --release --no-default-features --example eval` (with a
//!   separate `--target-dir`, to keep the default build) runs without them.
//! * Every query of `--queries` (`category<TAB>query<TAB>expected_id`, an
//!   empty id for a name that is not in the dictionary) is resolved with
//!   [`Resolver`] at `--threshold` (default: the resolver's default).
//!   A present name counts as right when the best match is the expected
//!   entity; an absent name when no match is returned.
//! * The baseline folds each name (lowercase, NFD without combining marks)
//!   and takes the alias with the best `strsim::normalized_levenshtein`
//!   over every alias in the dictionary (brute force), accepting it when
//!   its similarity reaches a cutoff. The cutoff is the one that maximises
//!   the baseline's accuracy over all queries — chosen on the same data,
//!   which flatters the baseline.
//! * The trade-off table re-reads one resolver run at threshold 0.60: a
//!   result at threshold T is the same run's best match if it scores ≥ T
//!   (the search itself does not depend on the threshold).
//! * `--failures N` lists up to N failures per category (query, expected,
//!   got); `--json` prints every figure as one JSON object instead of the
//!   tables.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use polyonym::dict::sources::{open_input, InputFormat, RecordReader, SourceOptions};
use polyonym::dict::BuildConfig;
use polyonym::resolve::DEFAULT_THRESHOLD;
use polyonym::{Dictionary, DictionaryBuilder, Normalizer, Resolver, ResolverConfig};
use serde_json::json;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

#[path = "common/eval_queries.rs"]
mod eval_queries;
use eval_queries::{read_queries, Query};

const USAGE: &str = "usage: eval [--entities FILE] [--queries FILE] [--threshold T] [--json] \
                     [--failures N] [--no-readings] [--no-skeleton-keys]";

/// The thresholds of the trade-off table.
const CURVE: [f32; 7] = [0.60, 0.65, 0.70, 0.75, 0.80, 0.85, 0.90];

struct Args {
    entities: PathBuf,
    queries: PathBuf,
    threshold: f32,
    json: bool,
    failures: usize,
    /// Build without alias expanders (the Hán-Việt readings).
    no_readings: bool,
    /// Build without skeleton keys.
    no_skeleton_keys: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        entities: PathBuf::from("data/eval/entities.jsonl"),
        queries: PathBuf::from("data/eval/queries.tsv"),
        threshold: DEFAULT_THRESHOLD,
        json: false,
        failures: 0,
        no_readings: false,
        no_skeleton_keys: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| it.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag.as_str() {
            "--entities" => args.entities = PathBuf::from(value("--entities")?),
            "--queries" => args.queries = PathBuf::from(value("--queries")?),
            "--threshold" => {
                let v = value("--threshold")?;
                args.threshold = v
                    .parse()
                    .ok()
                    .filter(|t: &f32| (0.0..=1.0).contains(t))
                    .ok_or_else(|| format!("--threshold needs a number in [0, 1], got {v:?}"))?;
            }
            "--failures" => {
                let v = value("--failures")?;
                args.failures = v
                    .parse()
                    .map_err(|_| format!("--failures needs a count, got {v:?}"))?;
            }
            "--json" => args.json = true,
            "--no-readings" => args.no_readings = true,
            "--no-skeleton-keys" => args.no_skeleton_keys = true,
            "--help" | "-h" => return Err(String::new()),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(args)
}

/// The baseline's folding: lowercase, NFD, combining marks removed.
fn fold(s: &str) -> String {
    s.to_lowercase()
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .collect()
}

/// What one system answered for one query: the best entity (id) and its
/// score, if any.
#[derive(Clone)]
struct Answer {
    best: Option<(String, f32)>,
    ambiguous: bool,
}

impl Answer {
    fn correct(&self, q: &Query) -> bool {
        match (&q.expected, &self.best) {
            (Some(e), Some((id, _))) => e == id,
            (None, None) => true,
            _ => false,
        }
    }

    /// This answer with matches below `t` dropped.
    fn at(&self, t: f32) -> Answer {
        Answer {
            best: self.best.clone().filter(|(_, s)| *s >= t),
            ambiguous: self.ambiguous,
        }
    }
}

/// Per-category tallies.
#[derive(Default, Clone, Copy)]
struct Tally {
    n: usize,
    correct: usize,
    /// Present names: another entity returned; absent names: any entity.
    wrong: usize,
    /// Present names with no match.
    none: usize,
    ambiguous: usize,
}

impl Tally {
    fn rate(&self) -> f64 {
        if self.n == 0 {
            0.0
        } else {
            self.correct as f64 / self.n as f64
        }
    }
}

struct Summary {
    by_category: BTreeMap<String, Tally>,
    present: Tally,
    absent: Tally,
}

fn summarize(queries: &[Query], answers: &[Answer], order: &[String]) -> Summary {
    let mut by_category: BTreeMap<String, Tally> = order
        .iter()
        .map(|c| (c.clone(), Tally::default()))
        .collect();
    let mut present = Tally::default();
    let mut absent = Tally::default();
    for (q, a) in queries.iter().zip(answers) {
        let ok = a.correct(q);
        for t in [
            by_category.get_mut(&q.category).expect("known category"),
            if q.expected.is_some() {
                &mut present
            } else {
                &mut absent
            },
        ] {
            t.n += 1;
            t.correct += ok as usize;
            t.ambiguous += a.ambiguous as usize;
            if !ok {
                if a.best.is_none() {
                    t.none += 1;
                } else {
                    t.wrong += 1;
                }
            }
        }
    }
    Summary {
        by_category,
        present,
        absent,
    }
}

/// An f32 setting as the f64 it stands for (0.73, not 0.7300000190734863).
fn round2(x: f32) -> f64 {
    (x as f64 * 100.0).round() / 100.0
}

fn pct(x: f64) -> String {
    format!("{:.1}%", 100.0 * x)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("eval: {e}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("eval: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<(), String> {
    // The dictionary, and the baseline's list of folded aliases.
    let started = Instant::now();
    let input = open_input(&args.entities).map_err(|e| e.to_string())?;
    let reader = RecordReader::new(input, InputFormat::Jsonl, SourceOptions::default())
        .with_path(&args.entities);
    let mut builder = DictionaryBuilder::with_config(
        Normalizer::new(),
        BuildConfig {
            skeleton_keys: !args.no_skeleton_keys,
            ..BuildConfig::default()
        },
    );
    if args.no_readings {
        builder.clear_expanders();
    }
    let knowledge = json!({
        "han_readings": !args.no_readings,
        "name_parts": cfg!(feature = "name-parts"),
        "skeleton_keys": !args.no_skeleton_keys,
    });
    let on_off = |on: bool| if on { "on" } else { "off" };
    let knowledge_line = format!(
        "knowledge: Han readings {}, name-part groups {} (cargo feature), skeleton keys {}",
        on_off(!args.no_readings),
        on_off(cfg!(feature = "name-parts")),
        on_off(!args.no_skeleton_keys)
    );
    let mut ids: Vec<String> = Vec::new();
    let mut names: HashMap<String, String> = HashMap::new();
    let mut aliases: Vec<(String, u32)> = Vec::new();
    for item in reader {
        let (_, record) = item.map_err(|e| e.to_string())?;
        let index = ids.len() as u32;
        aliases.push((fold(&record.name), index));
        for a in &record.aliases {
            aliases.push((fold(&a.name), index));
        }
        ids.push(record.id.clone());
        names.insert(record.id.clone(), record.name.clone());
        builder.add(record).map_err(|e| e.to_string())?;
    }
    let dict = Dictionary::from_vec(builder.finish_to_vec().map_err(|e| e.to_string())?)
        .map_err(|e| e.to_string())?;
    let build_secs = started.elapsed().as_secs_f64();
    let derived = (0..dict.alias_count())
        .filter(|&i| dict.alias(i).is_ok_and(|a| a.rule.is_some()))
        .count();
    let queries = read_queries(&args.queries)?;
    if queries.is_empty() {
        return Err(format!("{}: no queries", args.queries.display()));
    }
    let mut order: Vec<String> = Vec::new();
    for q in &queries {
        if !order.contains(&q.category) {
            order.push(q.category.clone());
        }
    }

    // polyonym at the chosen threshold.
    let resolver = Resolver::new(dict.clone()).with_config(ResolverConfig {
        threshold: args.threshold,
        ..Default::default()
    });
    let started = Instant::now();
    let poly: Vec<Answer> = queries
        .iter()
        .map(|q| {
            let r = resolver.resolve(&q.text);
            Answer {
                best: r.best().map(|m| (m.id.clone(), m.score)),
                ambiguous: r.ambiguous,
            }
        })
        .collect();
    let poly_secs = started.elapsed().as_secs_f64();

    // One run at the lowest threshold of the trade-off table.
    let low = Resolver::new(dict.clone()).with_config(ResolverConfig {
        threshold: CURVE[0],
        ..Default::default()
    });
    let low_answers: Vec<Answer> = queries
        .iter()
        .map(|q| {
            let r = low.resolve(&q.text);
            Answer {
                best: r.best().map(|m| (m.id.clone(), m.score)),
                ambiguous: r.ambiguous,
            }
        })
        .collect();
    let curve: Vec<(f32, Summary)> = CURVE
        .iter()
        .map(|&t| {
            let at: Vec<Answer> = low_answers.iter().map(|a| a.at(t)).collect();
            (t, summarize(&queries, &at, &order))
        })
        .collect();

    // The baseline: best normalized Levenshtein over every alias.
    let started = Instant::now();
    let raw: Vec<Option<(String, f32)>> = queries
        .iter()
        .map(|q| {
            let fq = fold(&q.text);
            let mut best: Option<(f64, u32)> = None;
            for (alias, entity) in &aliases {
                let s = strsim::normalized_levenshtein(&fq, alias);
                if best.is_none_or(|(b, _)| s > b) {
                    best = Some((s, *entity));
                }
            }
            best.map(|(s, e)| (ids[e as usize].clone(), s as f32))
        })
        .collect();
    let base_secs = started.elapsed().as_secs_f64();
    let mut cutoff = 0.0f32;
    let mut cutoff_acc = -1.0f64;
    for step in 0..=100 {
        let c = step as f32 / 100.0;
        let correct = queries
            .iter()
            .zip(&raw)
            .filter(|(q, b)| {
                Answer {
                    best: (*b).clone().filter(|(_, s)| *s >= c),
                    ambiguous: false,
                }
                .correct(q)
            })
            .count() as f64
            / queries.len() as f64;
        if correct > cutoff_acc {
            cutoff_acc = correct;
            cutoff = c;
        }
    }
    let baseline_at = |c: f32| -> Vec<Answer> {
        raw.iter()
            .map(|b| Answer {
                best: b.clone().filter(|(_, s)| *s >= c),
                ambiguous: false,
            })
            .collect()
    };
    let base = baseline_at(cutoff);
    let base_curve: Vec<Summary> = CURVE
        .iter()
        .map(|&c| summarize(&queries, &baseline_at(c), &order))
        .collect();

    let ps = summarize(&queries, &poly, &order);
    let bs = summarize(&queries, &base, &order);
    let n = queries.len() as f64;
    let all = |s: &Summary| (s.present.correct + s.absent.correct) as f64 / n;

    if args.json {
        let tally = |t: &Tally| {
            json!({"n": t.n, "correct": t.correct, "accuracy": t.rate(), "wrong": t.wrong,
                   "none": t.none, "ambiguous": t.ambiguous})
        };
        let system = |s: &Summary, secs: f64| {
            json!({
                "categories": s.by_category.iter().map(|(c, t)| (c.clone(), tally(t))).collect::<serde_json::Map<_, _>>(),
                "present": tally(&s.present),
                "absent": tally(&s.absent),
                "all_accuracy": all(s),
                "queries_per_second": n / secs,
            })
        };
        let out = json!({
            "entities": dict.entity_count(),
            "aliases": dict.alias_count(),
            "derived_aliases": derived,
            "keys": dict.info().keys,
            "postings": dict.info().postings,
            "dictionary_bytes": dict.size_bytes(),
            "queries": queries.len(),
            "knowledge": knowledge,
            "build_seconds": build_secs,
            "threshold": round2(args.threshold),
            "polyonym": system(&ps, poly_secs),
            "baseline": {
                "cutoff": round2(cutoff),
                "system": system(&bs, base_secs),
            },
            "tradeoff": curve.iter().zip(&base_curve).map(|((t, s), b)| json!({
                "threshold": round2(*t),
                "present_accuracy": s.present.rate(),
                "absent_rejection": s.absent.rate(),
                "all_accuracy": all(s),
                "baseline_present_accuracy": b.present.rate(),
                "baseline_absent_rejection": b.absent.rate(),
                "baseline_all_accuracy": all(b),
            })).collect::<Vec<_>>(),
        });
        println!(
            "{}",
            serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?
        );
    } else {
        println!("{knowledge_line}");
        println!(
            "dictionary: {} entities, {} aliases ({} derived), {} keys, {} postings, {} bytes, \
             built in {:.2} s",
            dict.entity_count(),
            dict.alias_count(),
            derived,
            dict.info().keys,
            dict.info().postings,
            dict.size_bytes(),
            build_secs
        );
        println!(
            "queries: {} ({} present, {} absent); polyonym threshold {:.2}; baseline cutoff {:.2} \
             (best on this data)",
            queries.len(),
            ps.present.n,
            ps.absent.n,
            args.threshold,
            cutoff
        );
        println!();
        println!("| category | n | polyonym | wrong | none | baseline | wrong | none |");
        println!("|---|---:|---:|---:|---:|---:|---:|---:|");
        for c in &order {
            let p = ps.by_category[c];
            let b = bs.by_category[c];
            println!(
                "| {c} | {} | {} | {} | {} | {} | {} | {} |",
                p.n,
                pct(p.rate()),
                p.wrong,
                p.none,
                pct(b.rate()),
                b.wrong,
                b.none
            );
        }
        println!(
            "| **present names (top-1)** | {} | **{}** | {} | {} | **{}** | {} | {} |",
            ps.present.n,
            pct(ps.present.rate()),
            ps.present.wrong,
            ps.present.none,
            pct(bs.present.rate()),
            bs.present.wrong,
            bs.present.none
        );
        println!(
            "| **absent names left unmatched** | {} | **{}** | {} | | **{}** | {} | |",
            ps.absent.n,
            pct(ps.absent.rate()),
            ps.absent.wrong,
            pct(bs.absent.rate()),
            bs.absent.wrong
        );
        println!(
            "| all queries | {} | {} | | | {} | | |",
            queries.len(),
            pct(all(&ps)),
            pct(all(&bs))
        );
        println!();
        println!(
            "speed (one thread): polyonym {:.0} queries/s, baseline {:.0} queries/s; \
             polyonym flagged {} results ambiguous",
            n / poly_secs,
            n / base_secs,
            ps.present.ambiguous + ps.absent.ambiguous
        );
        println!();
        println!(
            "| threshold (baseline: cutoff) | present top-1 | absent left unmatched | all queries \
             | baseline present | baseline absent | baseline all |"
        );
        println!("|---|---:|---:|---:|---:|---:|---:|");
        for ((t, s), b) in curve.iter().zip(&base_curve) {
            println!(
                "| {t:.2} | {} | {} | {} | {} | {} | {} |",
                pct(s.present.rate()),
                pct(s.absent.rate()),
                pct(all(s)),
                pct(b.present.rate()),
                pct(b.absent.rate()),
                pct(all(b))
            );
        }
    }

    if args.failures > 0 {
        let name = |id: &str| names.get(id).map(String::as_str).unwrap_or("?");
        println!();
        for c in &order {
            println!("## failures: {c}");
            let mut shown = 0;
            for ((q, p), b) in queries.iter().zip(&poly).zip(&base) {
                if &q.category != c || p.correct(q) || shown == args.failures {
                    continue;
                }
                shown += 1;
                let expected = q
                    .expected
                    .as_deref()
                    .map_or("(absent)".to_string(), |e| format!("{e} {}", name(e)));
                let got = p.best.as_ref().map_or("(none)".to_string(), |(id, s)| {
                    format!(
                        "{id} {} {s:.3}{}",
                        name(id),
                        if p.ambiguous { " ambiguous" } else { "" }
                    )
                });
                let base_ok = if b.correct(q) {
                    "baseline right"
                } else {
                    "baseline wrong"
                };
                println!("{}\texpected {expected}\tgot {got}\t{base_ok}", q.text);
            }
        }
    }
    Ok(())
}
