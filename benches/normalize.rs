//! Normalization throughput: typical Latin, Cyrillic and CJK names, against
//! a baseline that only lowercases and strips diacritics (the folding a
//! plain fuzzy matcher does before comparing).
//!
//! `cargo bench --bench normalize`

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use unicode_normalization::UnicodeNormalization;

use polyonym::Normalizer;

const LATIN: &[&str] = &[
    "Ursula von der Leyen",
    "Kaja Kallas",
    "António Costa",
    "Emmanuel Macron",
    "Olaf Scholz",
    "Ms. Giorgia Meloni",
    "Pedro Sánchez Pérez-Castejón",
    "Leyen, Ursula von der",
    "Recep Tayyip Erdoğan",
    "Łukasz Kowalski",
    "Siemens Aktiengesellschaft",
    "Vương Nghị",
];
const CYRILLIC: &[&str] = &[
    "Владимир Путин",
    "Зеленський Володимир",
    "Сергей Лавров",
    "Урсула фон дер Ляйен",
];
const CJK: &[&str] = &["王毅", "习近平", "李强", "習近平", "김정은", "岸田文雄"];

fn baseline_fold(name: &str) -> String {
    name.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

fn bench(c: &mut Criterion) {
    let normalizer = Normalizer::new();
    normalizer.normalize("warm up the tables");
    let mut group = c.benchmark_group("normalize");
    for (label, names) in [("latin", LATIN), ("cyrillic", CYRILLIC), ("cjk", CJK)] {
        group.throughput(Throughput::Elements(names.len() as u64));
        group.bench_function(format!("{label}/normalize"), |b| {
            b.iter(|| {
                for n in names {
                    black_box(normalizer.normalize(black_box(n)));
                }
            })
        });
        group.bench_function(format!("{label}/normalize+keys"), |b| {
            b.iter(|| {
                for n in names {
                    black_box(normalizer.normalize(black_box(n)).keys());
                }
            })
        });
        group.bench_function(format!("{label}/baseline-fold"), |b| {
            b.iter(|| {
                for n in names {
                    black_box(baseline_fold(black_box(n)));
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
