//! Resolve throughput per query class on a synthetic multilingual
//! dictionary, with a brute-force strsim scan over the same aliases as the
//! baseline in the same run.
//!
//! `cargo bench --bench resolve`
//!
//! The workload (`benches/common/workload.rs`, shared with
//! `examples/bench_compare.rs`) is deterministic: twelve locales, five
//! scripts, people and organisations with legal forms; queries per class:
//! exact aliases, 1- and 2-edit typos, token reorders, absent names.
//!
//! * `resolve/100k/<class>`: one `Resolver::resolve`, cycling through the
//!   class's queries; throughput in queries.
//! * `resolve/100k/bruteforce-strsim/<class>`: best alias by normalized
//!   Levenshtein over all folded aliases (slow: one query per iteration,
//!   few samples).
//! * With `POLYONYM_BENCH_RESOLVE_1M=1`, the same on a 1M-alias dictionary
//!   (its build time is printed first; no brute force there).

#[path = "common/workload.rs"]
mod workload;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, Criterion, Throughput};

use polyonym::dict::{Dictionary, DictionaryBuilder};
use polyonym::Resolver;

use workload::{Class, Workload};

fn build(w: &Workload, label: &str) -> Resolver {
    let t = Instant::now();
    let mut builder = DictionaryBuilder::new();
    for r in &w.records {
        builder.add(r.clone()).expect("add");
    }
    let bytes = builder.finish_to_vec().expect("build");
    eprintln!(
        "{label}: {} entities, {} aliases, {} bytes, built in {:.1} s",
        w.records.len(),
        w.aliases,
        bytes.len(),
        t.elapsed().as_secs_f64()
    );
    Resolver::new(Dictionary::from_vec(bytes).expect("open"))
}

fn bench_size(c: &mut Criterion, label: &str, aliases: usize, brute: bool) {
    let w = workload::generate(aliases, 500, 0x5EED_2026);
    let resolver = build(&w, label);
    let mut group = c.benchmark_group(format!("resolve/{label}"));
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(4));
    group.throughput(Throughput::Elements(1));
    for class in Class::ALL {
        let qs = w.class(class);
        let mut i = 0;
        group.bench_function(class.name(), |b| {
            b.iter(|| {
                i = (i + 1) % qs.len();
                black_box(resolver.resolve(black_box(&qs[i].text)))
            })
        });
    }
    if brute {
        let folded: Vec<String> = w
            .alias_list()
            .iter()
            .map(|(_, n)| workload::fold(n))
            .collect();
        for class in [Class::Exact, Class::Typo1, Class::Absent] {
            let qs = w.class(class);
            let mut i = 0;
            group.bench_function(format!("bruteforce-strsim/{}", class.name()), |b| {
                b.iter(|| {
                    i = (i + 1) % qs.len();
                    black_box(workload::brute_force(&folded, black_box(&qs[i].text)))
                })
            });
        }
    }
    group.finish();
}

fn bench_resolve(c: &mut Criterion) {
    bench_size(c, "100k", 100_000, true);
    if std::env::var_os("POLYONYM_BENCH_RESOLVE_1M").is_some() {
        bench_size(c, "1m", 1_000_000, false);
    }
}

criterion_group!(benches, bench_resolve);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
