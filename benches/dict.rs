//! Dictionary speed and size: build throughput, exact lookup latency, open
//! time, bytes per alias; with baselines in the same run.
//!
//! `cargo bench --bench dict`
//!
//! The names are synthetic and deterministic (a fixed-seed xorshift over
//! small built-in lists of given names, surnames, surname syllables and
//! legal forms in eight locales and five scripts), so every run and every
//! machine builds the same dictionaries. Set `POLYONYM_BENCH_LOOKUP_ALIASES`
//! to change the size of the lookup/open dictionary (default 1,000,000).
//!
//! * `dict/build/100k`: `DictionaryBuilder` from records to file bytes
//!   (in memory, single thread), throughput in aliases; beside it
//!   `dict/build/100k-normalize-only`, the normalization and keying of the
//!   same aliases alone, which shows what dominates a build.
//! * `dict/lookup/*`: one exact-key lookup on the large dictionary (a key
//!   of a random alias, cycling over 4,096), iterating its postings
//!   (`fst-hit`); the same over 64 keys whose data stays in the CPU caches
//!   (`fst-hit-cached`); the FST walk alone (`fst-get`); also reading each
//!   posting's alias and entity record (`fst-hit+records`); a missing key
//!   (`fst-miss`); against a `HashMap<String, Vec<u32>>` of the same keys
//!   (`hashmap-hit`).
//! * `dict/open`: `Dictionary::open` of the large dictionary written to a
//!   temporary directory (memory map, header, section table, both FST
//!   headers and the meta JSON); `dict/verify` reads every checksum. The
//!   first open in a fresh process, which also computes the fingerprints
//!   once, is timed in child processes and printed.
//!
//! The sizes (bytes per alias, keys and postings per alias, postings by key
//! kind) and the time of the one large build are printed to standard error
//! before the benches.
//!
//! # Time measured: this thread's CPU time
//!
//! The benches measure the CPU time of the benchmarking thread
//! (`CLOCK_THREAD_CPUTIME_ID` on Linux), not wall-clock time: on the
//! shared 2-core machine these numbers are taken on, other processes keep
//! the load average at 4–6, and wall-clock time then counts the time the
//! thread waits for a core (the earlier wall-clock runs showed a
//! `HashMap` probe at 0.8–1.8 µs). CPU time still includes cache misses
//! caused by the neighbours. Set `POLYONYM_BENCH_WALL_TIME=1` for
//! wall-clock time (on an idle machine the two agree). The one-off
//! timings printed before the benches (the large build, the first open in
//! a fresh process) give both.

#[path = "common/cpu_time.rs"]
mod cpu_time;
use cpu_time::thread_cpu_ns;

use std::collections::HashMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{BatchSize, Criterion, SamplingMode, Throughput};

use polyonym::dict::{
    format, BuildReport, Dictionary, DictionaryBuilder, EntityKind, EntityRecord,
};
use polyonym::{KeyKind, Normalizer};

// ------------------------------------------------------------- generator

/// xorshift64*: deterministic, no dependencies.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// One locale's name material. Surnames are taken from `surnames` (8%) or
/// built from two or three `syllables`, so the name space is large (as in
/// real data) while common surnames still repeat.
struct Locale {
    lang: &'static str,
    given: &'static [&'static str],
    surnames: &'static [&'static str],
    syllables: &'static [&'static str],
    legal: &'static [&'static str],
    /// Han names: surname and given name written together, no spaces.
    han: bool,
    /// Share of entities, in percent.
    weight: u64,
}

const LOCALES: &[Locale] = &[
    Locale {
        lang: "en",
        given: &[
            "James",
            "Mary",
            "John",
            "Patricia",
            "Robert",
            "Jennifer",
            "Michael",
            "Linda",
            "William",
            "Elizabeth",
            "David",
            "Barbara",
            "Richard",
            "Susan",
            "Joseph",
            "Jessica",
        ],
        surnames: &[
            "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson",
            "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson",
        ],
        syllables: &[
            "ash", "bar", "brook", "ford", "ham", "ley", "ton", "well", "wood", "field", "ridge",
            "win", "dal", "mer", "stan", "hart", "cole", "ing", "by", "worth",
        ],
        legal: &["Ltd", "LLC", "Inc.", "PLC", "Corp.", "Holdings Ltd"],
        han: false,
        weight: 30,
    },
    Locale {
        lang: "de",
        given: &[
            "Lukas",
            "Anna",
            "Felix",
            "Marie",
            "Jonas",
            "Sophie",
            "Paul",
            "Lena",
            "Maximilian",
            "Hannah",
            "Jürgen",
            "Ursula",
        ],
        surnames: &[
            "Müller",
            "Schmidt",
            "Schneider",
            "Fischer",
            "Weber",
            "Meyer",
            "Wagner",
            "Becker",
            "Schulz",
            "Hoffmann",
            "Schäfer",
            "Koch",
        ],
        syllables: &[
            "berg", "bach", "mann", "stein", "hof", "feld", "brand", "wald", "kirch", "dorf",
            "haus", "born", "lin", "ger", "rein", "hard", "stadt", "mühl", "eck", "weiß",
        ],
        legal: &["GmbH", "AG", "KG", "GmbH & Co. KG", "SE"],
        han: false,
        weight: 15,
    },
    Locale {
        lang: "fr",
        given: &[
            "Jean",
            "Marie",
            "Pierre",
            "Camille",
            "Louis",
            "Léa",
            "Hugo",
            "Chloé",
            "François",
            "Hélène",
        ],
        surnames: &[
            "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
            "Lefèvre", "Moreau",
        ],
        syllables: &[
            "mont", "val", "ber", "lac", "roche", "bois", "ville", "champ", "cour", "fon", "tain",
            "mar", "chal", "beau", "lieu", "mer", "gny", "ard", "ot", "ier",
        ],
        legal: &["SA", "SARL", "SAS", "S.A."],
        han: false,
        weight: 10,
    },
    Locale {
        lang: "es",
        given: &[
            "José", "María", "Antonio", "Carmen", "Manuel", "Lucía", "Javier", "Sofía", "Ángel",
            "Begoña",
        ],
        surnames: &[
            "García",
            "Fernández",
            "González",
            "Rodríguez",
            "López",
            "Martínez",
            "Sánchez",
            "Pérez",
            "Gómez",
            "Muñoz",
        ],
        syllables: &[
            "al", "var", "ez", "cas", "tro", "mo", "ra", "les", "ven", "do", "sa", "la", "zar",
            "me", "na", "bel", "ri", "ve", "gu", "ño",
        ],
        legal: &["S.A.", "S.L.", "S.A. de C.V."],
        han: false,
        weight: 10,
    },
    Locale {
        lang: "ru",
        given: &[
            "Александр",
            "Елена",
            "Дмитрий",
            "Ольга",
            "Сергей",
            "Наталья",
            "Андрей",
            "Татьяна",
            "Владимир",
            "Ирина",
        ],
        surnames: &[
            "Иванов",
            "Смирнов",
            "Кузнецов",
            "Попов",
            "Васильев",
            "Петров",
            "Соколов",
            "Михайлов",
            "Новиков",
            "Фёдоров",
        ],
        syllables: &[
            "ко", "ва", "ле", "ни", "ров", "ски", "мо", "за", "ба", "ту", "ше", "ин", "ев", "ор",
            "ан", "дей", "ми", "ло", "ры", "чен",
        ],
        legal: &["ООО", "АО", "ПАО", "ЗАО"],
        han: false,
        weight: 15,
    },
    Locale {
        lang: "el",
        given: &[
            "Γιώργος",
            "Μαρία",
            "Νίκος",
            "Ελένη",
            "Δημήτρης",
            "Κατερίνα",
            "Κώστας",
            "Σοφία",
        ],
        surnames: &[
            "Παπαδόπουλος",
            "Παπαδάκης",
            "Γεωργίου",
            "Νικολάου",
            "Οικονόμου",
            "Βασιλείου",
        ],
        syllables: &[
            "πα", "κο", "λα", "νι", "δη", "μη", "τρι", "ου", "πο", "λος", "ρα", "κης", "σο", "θε",
            "ξε", "βα", "γε", "στα", "φι", "χα",
        ],
        legal: &["Α.Ε.", "Ε.Π.Ε."],
        han: false,
        weight: 5,
    },
    Locale {
        lang: "tr",
        given: &[
            "Mehmet", "Ayşe", "Mustafa", "Fatma", "Ahmet", "Emine", "Ali", "Hatice",
        ],
        surnames: &[
            "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın",
        ],
        syllables: &[
            "ak", "bay", "can", "dem", "er", "göz", "han", "kar", "kö", "lu", "oğ", "öz", "sar",
            "taş", "türk", "us", "yal", "çın", "şen", "gül",
        ],
        legal: &["A.Ş.", "Ltd. Şti."],
        han: false,
        weight: 10,
    },
    Locale {
        lang: "zh",
        given: &[
            "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛",
            "明", "超", "秀", "霞", "平", "刚", "华", "建", "国", "文",
        ],
        surnames: &[
            "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
            "胡", "郭",
        ],
        syllables: &[],
        legal: &["有限公司", "股份有限公司", "集团"],
        han: true,
        weight: 5,
    },
];

const SECTORS: &[&str] = &[
    "Trading",
    "Logistics",
    "Energy",
    "Capital",
    "Systems",
    "Foods",
    "Textiles",
    "Mining",
    "Shipping",
    "Pharma",
];

fn surname(rng: &mut Rng, l: &Locale) -> String {
    if l.syllables.is_empty() || rng.chance(8) {
        return rng.pick(l.surnames).to_string();
    }
    let n = 2 + rng.below(2);
    let mut s = String::new();
    for _ in 0..n {
        s.push_str(rng.pick(l.syllables));
    }
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => s,
    }
}

/// Records whose names (canonical names plus aliases) number at least
/// `aliases`. 80% people, 20% organisations; 1 to 4 names each.
fn generate(aliases: usize, seed: u64) -> (Vec<EntityRecord>, usize) {
    let mut rng = Rng(seed | 1);
    let total_weight: u64 = LOCALES.iter().map(|l| l.weight).sum();
    let mut records = Vec::new();
    let mut names = 0;
    while names < aliases {
        let mut w = rng.next() % total_weight;
        let locale = LOCALES
            .iter()
            .find(|l| {
                if w < l.weight {
                    true
                } else {
                    w -= l.weight;
                    false
                }
            })
            .unwrap_or(&LOCALES[0]);
        let id = format!("E{}", records.len());
        let record = if rng.chance(80) {
            person(&mut rng, locale, id)
        } else {
            org(&mut rng, locale, id)
        };
        names += 1 + record.aliases.len();
        records.push(record);
    }
    (records, names)
}

fn person(rng: &mut Rng, l: &Locale, id: String) -> EntityRecord {
    let lang = Some(l.lang);
    if l.han {
        let family = rng.pick(l.surnames);
        let mut given = rng.pick(l.given).to_string();
        if rng.chance(70) {
            given.push_str(rng.pick(l.given));
        }
        let mut r = EntityRecord::new(id, format!("{family}{given}"), EntityKind::Person);
        if rng.chance(50) {
            r = r.alias(format!("{family} {given}"), lang);
        }
        return r;
    }
    let given = rng.pick(l.given);
    let family = surname(rng, l);
    let middle = rng.chance(25).then(|| rng.pick(l.given));
    let name = match middle {
        Some(m) if m != given => format!("{given} {m} {family}"),
        _ => format!("{given} {family}"),
    };
    let mut r = EntityRecord::new(id, name, EntityKind::Person);
    let extra = rng.below(4);
    if extra >= 1 {
        r = r.alias(format!("{family}, {given}"), lang);
    }
    if extra >= 2 {
        let initial: String = given.chars().take(1).collect();
        r = r.alias(format!("{initial}. {family}"), None);
    }
    if extra >= 3 {
        r = r.alias(format!("Dr. {given} {family}"), lang);
    }
    r
}

fn org(rng: &mut Rng, l: &Locale, id: String) -> EntityRecord {
    let lang = Some(l.lang);
    let legal = rng.pick(l.legal);
    if l.han {
        let a = rng.pick(l.surnames);
        let b = rng.pick(l.given);
        let c = rng.pick(l.given);
        let base = format!("{a}{b}{c}");
        return EntityRecord::new(id, format!("{base}{legal}"), EntityKind::Org).alias(base, lang);
    }
    let base = if rng.chance(50) {
        format!("{} {}", surname(rng, l), rng.pick(SECTORS))
    } else {
        format!("{} & {}", surname(rng, l), surname(rng, l))
    };
    let name = if l.lang == "ru" {
        format!("{legal} «{base}»")
    } else {
        format!("{base} {legal}")
    };
    let mut r = EntityRecord::new(id, name, EntityKind::Org).alias(base.clone(), lang);
    if rng.chance(40) {
        r = r.alias(base.to_uppercase(), None);
    }
    r
}

// ------------------------------------------------------------- helpers

/// A criterion measurement of the benchmarking thread's CPU time.
struct ThreadCpuTime;

static WALL_TIME: WallTime = WallTime;

impl Measurement for ThreadCpuTime {
    type Intermediate = u64;
    type Value = Duration;

    fn start(&self) -> u64 {
        thread_cpu_ns()
    }
    fn end(&self, start: u64) -> Duration {
        Duration::from_nanos(thread_cpu_ns().saturating_sub(start))
    }
    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }
    fn zero(&self) -> Duration {
        Duration::ZERO
    }
    fn to_f64(&self, value: &Duration) -> f64 {
        value.as_nanos() as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        WALL_TIME.formatter()
    }
}

/// Wall-clock and CPU seconds of `f`.
fn timed<T>(f: impl FnOnce() -> T) -> (T, f64, f64) {
    let (wall, cpu) = (Instant::now(), thread_cpu_ns());
    let out = f();
    let cpu = (thread_cpu_ns() - cpu) as f64 / 1e9;
    (out, wall.elapsed().as_secs_f64(), cpu)
}

fn build(records: &[EntityRecord]) -> (Vec<u8>, BuildReport) {
    let mut builder = DictionaryBuilder::new();
    for r in records {
        builder.add(r.clone()).expect("add");
    }
    let mut out = Vec::new();
    let report = builder.finish_to_writer(&mut out).expect("finish");
    (out, report)
}

fn lookup_size() -> usize {
    std::env::var("POLYONYM_BENCH_LOOKUP_ALIASES")
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(1_000_000)
}

fn describe(label: &str, bytes: &[u8], report: &BuildReport, wall: f64, cpu: f64) {
    let a = report.aliases.max(1) as f64;
    let layout = format::parse_layout(bytes).expect("layout");
    let sections: Vec<String> = layout
        .sections
        .iter()
        .map(|s| format!("{} {:.1}", s.id.name(), s.len as f64 / a))
        .collect();
    eprintln!(
        "{label}: {} entities, {} aliases, {} keys ({:.1}/alias), {} postings ({:.1}/alias), \
         {} bytes = {:.1} bytes/alias; built in {wall:.2} s wall, {cpu:.2} s CPU \
         ({:.0} aliases/s wall, {:.0} aliases/s CPU)",
        report.entities,
        report.aliases,
        report.keys,
        report.keys as f64 / a,
        report.postings,
        report.postings as f64 / a,
        report.bytes,
        report.bytes as f64 / a,
        a / wall,
        a / cpu,
    );
    eprintln!("{label}: bytes/alias by section: {}", sections.join(", "));
    // Postings per alias by key kind (a posting counts once per kind bit).
    let dict = Dictionary::from_vec(bytes.to_vec()).expect("open");
    let mut by_kind = [0u64; 8];
    dict.for_each_key(|_, postings| {
        for p in postings {
            for (i, n) in by_kind.iter_mut().enumerate() {
                *n += u64::from(p.kinds.0 >> i & 1);
            }
        }
    });
    let kinds: Vec<String> = KeyKind::ALL
        .iter()
        .zip(by_kind)
        .map(|(k, n)| format!("{} {:.2}", k.name(), n as f64 / a))
        .collect();
    eprintln!("{label}: postings/alias by kind: {}", kinds.join(", "));
}

// ------------------------------------------------------------- benches

fn bench_build<M: Measurement>(c: &mut Criterion<M>) {
    let (records, names) = generate(100_000, 0x5EED_0001);
    let ((bytes, report), wall, cpu) = timed(|| build(&records));
    describe("dict/build/100k", &bytes, &report, wall, cpu);

    let mut group = c.benchmark_group("dict/build");
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
    group.throughput(Throughput::Elements(report.aliases));
    group.bench_function("100k", |b| {
        b.iter_batched(
            || records.clone(),
            |records| {
                let mut builder = DictionaryBuilder::new();
                for r in records {
                    builder.add(r).expect("add");
                }
                black_box(builder.finish_to_vec().expect("finish"))
            },
            BatchSize::PerIteration,
        )
    });
    // What a build cannot avoid: normalizing and keying every alias.
    let normalizer = Normalizer::new();
    let all_names: Vec<&str> = records
        .iter()
        .flat_map(|r| {
            std::iter::once(r.name.as_str()).chain(r.aliases.iter().map(|a| a.name.as_str()))
        })
        .collect();
    assert_eq!(all_names.len(), names);
    group.throughput(Throughput::Elements(names as u64));
    group.bench_function("100k-normalize-only", |b| {
        b.iter(|| {
            for n in &all_names {
                black_box(normalizer.normalize(black_box(n)).keys());
            }
        })
    });
    group.finish();
}

fn bench_lookup_and_open<M: Measurement>(c: &mut Criterion<M>) {
    let size = lookup_size();
    let (records, _) = generate(size, 0x5EED_0002);
    let ((bytes, report), wall, cpu) = timed(|| build(&records));
    describe(
        &format!("dict/lookup dictionary ({size} aliases)"),
        &bytes,
        &report,
        wall,
        cpu,
    );
    drop(records);

    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bench.poly");
    std::fs::write(&path, &bytes).expect("write");
    cold_open(&path);
    let dict = Dictionary::from_vec(bytes).expect("open");

    // The exact keys of a deterministic sample of aliases, and a baseline
    // map from every alias's exact key to its aliases (normalized again:
    // the dictionary does not store the text since format version 4).
    let mut baseline: HashMap<String, Vec<u32>> = HashMap::new();
    for i in 0..dict.alias_count() {
        baseline
            .entry(dict.alias_normalized(i).expect("alias"))
            .or_default()
            .push(i);
    }
    let mut rng = Rng(0x5EED_0003);
    let keys: Vec<String> = (0..4096)
        .map(|_| {
            let i = rng.below(dict.alias_count() as usize) as u32;
            dict.alias_normalized(i).expect("alias")
        })
        .collect();
    let misses: Vec<String> = keys.iter().map(|k| format!("{k} zz")).collect();
    let mean_postings =
        keys.iter().map(|k| dict.lookup(k).count()).sum::<usize>() as f64 / keys.len() as f64;
    eprintln!("dict/lookup: {mean_postings:.2} postings per sampled exact key");

    let mut group = c.benchmark_group("dict/lookup");
    group.throughput(Throughput::Elements(1));
    let mut at = 0;
    group.bench_function("fst-hit", |b| {
        b.iter(|| {
            at = (at + 1) % keys.len();
            let mut sum = 0u32;
            for p in dict.lookup(black_box(&keys[at])) {
                sum = sum.wrapping_add(p.alias);
            }
            black_box(sum)
        })
    });
    // The same, cycling over 64 keys only: their FST nodes and posting
    // lists stay in the CPU caches, so this is the lookup's own work,
    // without the cache misses of a random key.
    group.bench_function("fst-hit-cached", |b| {
        b.iter(|| {
            at = (at + 1) % 64;
            let mut sum = 0u32;
            for p in dict.lookup(black_box(&keys[at])) {
                sum = sum.wrapping_add(p.alias);
            }
            black_box(sum)
        })
    });
    // The FST walk alone, without reading the posting list.
    group.bench_function("fst-get", |b| {
        b.iter(|| {
            at = (at + 1) % keys.len();
            black_box(dict.keys().get(black_box(&keys[at])))
        })
    });
    group.bench_function("fst-hit+records", |b| {
        b.iter(|| {
            at = (at + 1) % keys.len();
            let mut n = 0usize;
            for p in dict.lookup(black_box(&keys[at])) {
                let alias = dict.alias(p.alias).expect("alias");
                n += dict.entity(alias.entity).expect("entity").id.len();
            }
            black_box(n)
        })
    });
    group.bench_function("fst-miss", |b| {
        b.iter(|| {
            at = (at + 1) % misses.len();
            black_box(dict.lookup(black_box(&misses[at])).count())
        })
    });
    group.bench_function("hashmap-hit", |b| {
        b.iter(|| {
            at = (at + 1) % keys.len();
            let mut sum = 0u32;
            if let Some(list) = baseline.get(black_box(keys[at].as_str())) {
                for &a in list {
                    sum = sum.wrapping_add(a);
                }
            }
            black_box(sum)
        })
    });
    group.finish();
    drop(baseline);

    let mut group = c.benchmark_group("dict");
    group.bench_function("open", |b| {
        b.iter(|| black_box(Dictionary::open(black_box(&path)).expect("open")))
    });
    let opened = Dictionary::open(&path).expect("open");
    group.sample_size(10);
    group.bench_function("verify", |b| b.iter(|| opened.verify().expect("verify")));
    group.finish();
}

/// The time of `Dictionary::open` in a fresh process, which also computes
/// the normalizer's and the knowledge tables' fingerprints once (the
/// `dict/open` bench measures later opens, when both are cached). Runs this
/// bench binary again with `POLYONYM_BENCH_COLD_OPEN` set; each child
/// prints its wall-clock and CPU nanoseconds.
fn cold_open(path: &std::path::Path) {
    let mut times: Vec<(u128, u128)> = (0..9)
        .filter_map(|_| {
            let out = std::process::Command::new(std::env::current_exe().ok()?)
                .env("POLYONYM_BENCH_COLD_OPEN", path)
                .output()
                .ok()?;
            let text = String::from_utf8(out.stdout).ok()?;
            let mut parts = text.split_whitespace().map(|p| p.parse().ok());
            Some((parts.next()??, parts.next()??))
        })
        .collect();
    if times.is_empty() {
        return;
    }
    let ms = |ns: u128| ns as f64 / 1e6;
    times.sort_unstable();
    let (wall_median, wall_min) = (times[times.len() / 2].0, times[0].0);
    times.sort_unstable_by_key(|t| t.1);
    let (cpu_median, cpu_min) = (times[times.len() / 2].1, times[0].1);
    eprintln!(
        "dict/open in a fresh process ({} runs): wall median {:.2} ms (min {:.2} ms), \
         CPU median {:.2} ms (min {:.2} ms)",
        times.len(),
        ms(wall_median),
        ms(wall_min),
        ms(cpu_median),
        ms(cpu_min),
    );
}

fn run_benches<M: Measurement>(mut c: Criterion<M>) {
    bench_build(&mut c);
    bench_lookup_and_open(&mut c);
    c.final_summary();
}

fn main() {
    if let Some(path) = std::env::var_os("POLYONYM_BENCH_COLD_OPEN") {
        let (dict, wall, cpu) = timed(|| Dictionary::open(&path).expect("open"));
        black_box(dict);
        println!("{} {}", (wall * 1e9) as u128, (cpu * 1e9) as u128);
        return;
    }
    if std::env::var_os("POLYONYM_BENCH_WALL_TIME").is_some() {
        run_benches(Criterion::default().configure_from_args());
    } else {
        run_benches(
            Criterion::default()
                .with_measurement(ThreadCpuTime)
                .configure_from_args(),
        );
    }
}
