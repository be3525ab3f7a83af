//! Scanning throughput: English news text (the seed article, repeated to
//! about 1 MB) with the embedded dictionary, against baselines measured in
//! the same run on the same text: UAX #29 word segmentation alone with
//! `unicode-segmentation` (what any tokenizer pays), and the same plus a
//! lowercase copy of each word (the least a dictionary tagger does per
//! word).
//!
//! `cargo bench --bench scan`
//!
//! Each measure runs twice: `scan/…` in wall-clock time (criterion's
//! default) and `scan-cpu/…` in the CPU time of the benchmark thread
//! (Linux `/proc/thread-self/schedstat`; wall-clock elsewhere), which is
//! what "single-threaded throughput" means on a machine shared with other
//! work, where wall-clock time also counts the time the thread waited for
//! a core.
//!
//! The article is read from `../shared/seed/article.txt` (relative to the
//! crate root) when it is there; otherwise a paragraph of the same kind
//! compiled into the bench is used.

use std::hint::black_box;
use std::time::Instant;

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use unicode_segmentation::UnicodeSegmentation;

use polyonym::Scanner;

const FALLBACK: &str = "The European Union (EU) is increasing diplomatic pressure on China \
over the conflict in Ukraine. Kaja Kallas met with Chinese Foreign Minister Wang Yi in \
Brussels. During the meeting, Kallas called on China to end market distortion. Ms. Kallas \
also asked the two sides to find specific solutions. Foreign Minister Vuong Nghi also met \
with President of the European Council Antonio Costa in preparation for the EU-China summit. \
According to the Chinese Ministry of Foreign Affairs, Mr. Vuong called on the two sides to \
respect each other's core interests.\n";

/// The seed article (or the fallback) repeated to at least `bytes`.
fn news_text(bytes: usize) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed/article.txt");
    let article = std::fs::read_to_string(path).unwrap_or_else(|_| FALLBACK.to_string());
    let mut text = String::with_capacity(bytes + article.len() + 1);
    while text.len() < bytes {
        text.push_str(&article);
        text.push('\n');
    }
    text
}

/// CPU time of the current thread, in nanoseconds, if the platform says.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// Criterion measurement: the benchmark thread's CPU time.
struct ThreadCpuTime;

impl Measurement for ThreadCpuTime {
    type Intermediate = (Option<u64>, Instant);
    type Value = u64;

    fn start(&self) -> Self::Intermediate {
        (thread_cpu_ns(), Instant::now())
    }
    fn end(&self, (cpu, wall): Self::Intermediate) -> u64 {
        match (cpu, thread_cpu_ns()) {
            (Some(a), Some(b)) => b.saturating_sub(a),
            _ => wall.elapsed().as_nanos() as u64,
        }
    }
    fn add(&self, a: &u64, b: &u64) -> u64 {
        a + b
    }
    fn zero(&self) -> u64 {
        0
    }
    fn to_f64(&self, v: &u64) -> f64 {
        *v as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        WallTime.formatter()
    }
}

fn bench_with<M: Measurement>(c: &mut Criterion<M>, group_name: &str) {
    let scanner = Scanner::embedded();
    let text = news_text(1 << 20);
    // Warm up: tables, the dictionary's pages.
    black_box(scanner.scan(&text[..10_000.min(text.len())]));
    let mut group = c.benchmark_group(group_name);
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("news-1MB/scan", |b| {
        b.iter(|| black_box(scanner.scan(black_box(&text))))
    });
    group.bench_function("news-1MB/scan_reader", |b| {
        b.iter(|| {
            let n = scanner
                .scan_reader(black_box(text.as_bytes()))
                .filter_map(Result::ok)
                .count();
            black_box(n)
        })
    });
    group.bench_function("news-1MB/baseline-uax29-words", |b| {
        b.iter(|| {
            let n = black_box(&text)
                .split_word_bound_indices()
                .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
                .count();
            black_box(n)
        })
    });
    group.bench_function("news-1MB/baseline-uax29-words+lowercase", |b| {
        let mut buf = String::new();
        b.iter(|| {
            let mut n = 0;
            for (_, w) in black_box(&text).split_word_bound_indices() {
                if w.chars().any(char::is_alphanumeric) {
                    buf.clear();
                    buf.extend(w.chars().flat_map(char::to_lowercase));
                    n += buf.len();
                }
            }
            black_box(n)
        })
    });
    group.finish();
}

fn bench_wall(c: &mut Criterion) {
    bench_with(c, "scan");
}

fn bench_cpu(c: &mut Criterion<ThreadCpuTime>) {
    bench_with(c, "scan-cpu");
}

criterion_group!(wall, bench_wall);
criterion_group! {
    name = cpu;
    config = Criterion::default().with_measurement(ThreadCpuTime);
    targets = bench_cpu
}
criterion_main!(wall, cpu);
