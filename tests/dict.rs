//! The alias dictionary through its public API: round trip, ambiguity,
//! duplicate policies, skipped aliases, spilled builds, determinism, atomic
//! writes, damaged files (truncation, flipped bytes, wrong magic, newer
//! versions, another normalizer) and the compatibility fixtures.
//!
//! # Compatibility fixtures
//!
//! `tests/data/compat/vN.poly` is a dictionary written by format version N
//! from `tests/data/compat/v1.jsonl`. [`compat_fixtures_open`] checks that
//! every fixture whose version this build still reads
//! (`OLDEST_READABLE_VERSION..=FORMAT_VERSION`) parses, verifies and
//! answers lookups, and that older ones are refused with
//! `ErrorKind::Version`.
//!
//! A fixture must **never** be regenerated because the format changed: that
//! would hide exactly the incompatibility it exists to catch. When
//! `FORMAT_VERSION` is raised, run
//!
//! ```sh
//! cargo test --release --test dict -- --ignored regenerate_compat_fixture
//! ```
//!
//! which writes `v{FORMAT_VERSION}.poly` (a *new* file) and leaves the older
//! fixtures untouched; commit the new one beside them. Rewriting the
//! fixture of the *current* version is allowed (e.g. to refresh its
//! normalizer fingerprint after the normalizer's tables changed); the
//! regenerate test refuses to touch any other version's file.
//!
//! Each fixture records the fingerprint of the normalizer that built it. When
//! the normalizer's rules or tables change, opening a fixture with the
//! default normalizer fails with `ErrorKind::Fingerprint`: the file is stale
//! but its format is still readable. The compat test accepts that case (it
//! asserts the error is exactly `Fingerprint` and checks the format layer
//! directly: layout, checksums, meta and the id FST) instead of failing.

use std::collections::BTreeSet;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use fst::{Automaton, IntoStreamer, Streamer};
use polyonym::dict::format::{self, SectionId};
use polyonym::dict::{
    fingerprint_for, BuildConfig, BuildReport, Dictionary, DictionaryBuilder, DictionaryInfo,
    DuplicatePolicy, EntityKind, EntityRecord,
};
use polyonym::{ErrorKind, KeyKind, Normalizer};

// ---------------------------------------------------------------- helpers

/// A small set of entities in several scripts, with an ambiguous alias
/// ("Wang Yi" names two people).
fn sample() -> Vec<EntityRecord> {
    vec![
        EntityRecord::new("Q7747", "Vladimir Putin", EntityKind::Person)
            .alias("Владимир Путин", Some("ru"))
            .alias("Wladimir Putin", Some("de"))
            .alias("普京", Some("zh"))
            .alias("Putin, Vladimir", None),
        EntityRecord::new("Q567", "Angela Merkel", EntityKind::Person)
            .alias("Ангела Меркель", Some("ru"))
            .alias("Άνγκελα Μέρκελ", Some("el"))
            .alias("Dr. Angela Merkel", None),
        EntityRecord::new("Q458", "European Union", EntityKind::Org)
            .alias("Europäische Union", Some("de"))
            .alias("Union européenne", Some("fr"))
            .alias("欧洲联盟", Some("zh"))
            .alias("EU", None),
        EntityRecord::new("Q90", "Paris", EntityKind::Place)
            .alias("Париж", Some("ru"))
            .alias("巴黎", Some("zh"))
            .alias("파리", Some("ko"))
            .alias("باريس", Some("ar")),
        EntityRecord::new("wang-yi-1", "Wang Yi", EntityKind::Person)
            .alias("王毅", Some("zh"))
            .alias("Vương Nghị", Some("vi")),
        EntityRecord::new("wang-yi-2", "Wang Yi", EntityKind::Person).alias("王一", Some("zh")),
        EntityRecord::new("Q1", "Zelensky", EntityKind::Person)
            .alias("Зеленський", Some("uk"))
            .alias("Selenskyj", Some("de"))
            .alias("Ｚｅｌｅｎｓｋｙ", None),
    ]
}

/// `n` generated people and organisations, for builds large enough to
/// spill.
fn generated(n: usize) -> Vec<EntityRecord> {
    const GIVEN: [&str; 8] = [
        "Anna", "Boris", "Chen", "Dmitri", "Elena", "Fatima", "Giorgos", "Hana",
    ];
    const FAMILY: [&str; 8] = [
        "Schmidt",
        "Ivanova",
        "Wang",
        "Papadopoulos",
        "Kowalski",
        "Haddad",
        "Suzuki",
        "Okafor",
    ];
    const CYRILLIC: [&str; 4] = ["Анна", "Борис", "Дмитрий", "Елена"];
    (0..n)
        .map(|i| {
            let given = GIVEN[i % 8];
            let family = FAMILY[(i / 8) % 8];
            if i % 5 == 4 {
                EntityRecord::new(
                    format!("org{i}"),
                    format!("{family} {given} Holding {i} GmbH"),
                    EntityKind::Org,
                )
                .alias(format!("{family} Holding {i}"), Some("de"))
            } else {
                EntityRecord::new(
                    format!("p{i}"),
                    format!("{given} {family} {i}"),
                    EntityKind::Person,
                )
                .alias(format!("{family}, {given} {i}"), None)
                .alias(format!("{} {family} {i}", CYRILLIC[i % 4]), Some("ru"))
            }
        })
        .collect()
}

fn build_with(records: &[EntityRecord], config: BuildConfig) -> (Vec<u8>, BuildReport) {
    let mut builder = DictionaryBuilder::with_config(Normalizer::new(), config);
    for r in records {
        builder.add(r.clone()).expect("add");
    }
    let mut out = Vec::new();
    let report = builder.finish_to_writer(&mut out).expect("finish");
    assert_eq!(report.bytes, out.len() as u64);
    (out, report)
}

fn build(records: &[EntityRecord]) -> (Vec<u8>, BuildReport) {
    build_with(records, BuildConfig::default())
}

/// Every name of a record: canonical name first, then the aliases.
fn names(r: &EntityRecord) -> Vec<(&str, Option<&str>)> {
    std::iter::once((r.name.as_str(), None))
        .chain(
            r.aliases
                .iter()
                .map(|a| (a.name.as_str(), a.lang.as_deref())),
        )
        .collect()
}

/// Asserts that every name of every record is stored under each of its keys,
/// with the key's kind, and points to its entity.
fn assert_round_trip(dict: &Dictionary, records: &[EntityRecord]) {
    let normalizer = Normalizer::new();
    for r in records {
        let entity = dict
            .entity_by_id(&r.id)
            .unwrap_or_else(|| panic!("entity `{}` missing", r.id));
        assert_eq!(entity.id, r.id);
        for (name, lang) in names(r) {
            let normalized = normalizer.normalize(name);
            if normalized.is_empty() {
                continue;
            }
            let keys = normalized.keys();
            assert!(!keys.is_empty(), "{name} has no keys");
            for key in keys {
                let found = dict.lookup(&key.text).any(|p| {
                    let alias = dict.alias(p.alias).expect("alias");
                    alias.name == name
                        && alias.entity == entity.index
                        && p.kinds.contains(key.kind)
                        && (lang.is_none() || alias.lang == lang)
                });
                assert!(
                    found,
                    "{name:?} ({}) not found under its {} key {:?}",
                    r.id,
                    key.kind.name(),
                    key.text
                );
            }
        }
    }
}

fn entity_ids_under(dict: &Dictionary, key: &str) -> BTreeSet<String> {
    dict.lookup(key)
        .map(|p| {
            let alias = dict.alias(p.alias).expect("alias");
            dict.entity(alias.entity).expect("entity").id.to_string()
        })
        .collect()
}

fn exact_key(name: &str) -> String {
    let keys = Normalizer::new().normalize(name).keys();
    keys.into_iter()
        .find(|k| k.kind == KeyKind::Exact)
        .expect("an exact key")
        .text
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read_dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

// ---------------------------------------------------------------- building

#[test]
fn round_trip() {
    let records = sample();
    let (bytes, report) = build(&records);
    let dict = Dictionary::from_bytes(&bytes).expect("open");
    dict.verify().expect("verify");
    assert_round_trip(&dict, &records);

    let total_names: usize = records.iter().map(|r| 1 + r.aliases.len()).sum();
    assert_eq!(report.entities, records.len() as u64);
    // Every given name is an alias; cross-script knowledge may derive more
    // (marked with the rule that made them).
    let given = (0..dict.alias_count())
        .filter(|&i| dict.alias(i).expect("alias").rule.is_none())
        .count();
    assert_eq!(given, total_names);
    assert!(report.aliases >= total_names as u64);
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    let info: &DictionaryInfo = dict.info();
    assert_eq!(info.entities, report.entities);
    assert_eq!(info.aliases, report.aliases);
    assert_eq!(info.keys, report.keys);
    assert_eq!(info.postings, report.postings);
    assert_eq!(dict.size_bytes() as u64, report.bytes);

    // Entity fields survive.
    let putin = dict.entity_by_id("Q7747").expect("Q7747");
    assert_eq!(putin.name, "Vladimir Putin");
    assert_eq!(putin.kind, EntityKind::Person);
    assert_eq!(putin.metadata, "{}");
    assert_eq!(
        dict.entity_by_id("Q90").expect("Q90").kind,
        EntityKind::Place
    );
    assert_eq!(
        dict.entity_by_id("Q458").expect("Q458").kind,
        EntityKind::Org
    );
    assert!(dict.entity_by_id("Q0").is_none());

    // Keys across scripts meet.
    assert_eq!(
        entity_ids_under(&dict, &exact_key("Владимир Путин")),
        BTreeSet::from(["Q7747".to_string()])
    );
    let mut count = 0u64;
    let mut postings = 0u64;
    dict.for_each_key(|key, p| {
        assert!(std::str::from_utf8(key).is_ok());
        count += 1;
        postings += p.count() as u64;
    });
    assert_eq!(count, report.keys);
    assert_eq!(postings, report.postings);

    // The normalized text is computed, not stored (format 4): it is the
    // alias's exact key, under which the alias is found.
    let normalizer = Normalizer::new();
    for i in 0..dict.alias_count() {
        let alias = dict.alias(i).expect("alias");
        let text = dict.alias_normalized(i).expect("normalized");
        assert_eq!(text, normalizer.normalize(alias.name).text());
        assert!(
            dict.lookup(&text)
                .any(|p| p.alias == i && p.kinds.contains(KeyKind::Exact)),
            "{:?} not under its exact key {text:?}",
            alias.name
        );
    }
    assert!(dict.alias_normalized(dict.alias_count()).is_err());
}

/// A name-part group yields every alias carrying one of its tokens as a
/// name token, once however many of its spellings do (the Cyrillic Елена
/// is spelled yelena, elena and jelena, all in Elena's groups), in alias
/// order; not an alias whose joined key merely spells a token of the group
/// ("Ele Na" is joined "elena"); and nothing for a group no alias carries.
#[test]
fn name_part_groups_yield_each_alias_once() {
    let records = vec![
        EntityRecord::new("p1", "Elena Petrova", EntityKind::Person),
        EntityRecord::new("p2", "Елена Иванова", EntityKind::Person),
        EntityRecord::new("p3", "Jelena Jankovic", EntityKind::Person),
        EntityRecord::new("p4", "Ele Na", EntityKind::Person),
        EntityRecord::new("p5", "Maria Lopez", EntityKind::Person),
    ];
    let (bytes, _) = build(&records);
    let dict = Dictionary::from_vec(bytes).expect("open");
    let groups = polyonym::knowledge::name_parts::groups("elena");
    assert!(!groups.is_empty());
    let mut found = BTreeSet::new();
    for &group in &groups {
        let postings = dict.name_part_group(group);
        let remaining = postings.remaining();
        let aliases: Vec<u32> = postings.map(|p| p.alias).collect();
        assert!(aliases.windows(2).all(|w| w[0] < w[1]), "{aliases:?}");
        assert_eq!(remaining, aliases.len() as u64, "group {group}");
        found.extend(aliases);
    }
    let ids: BTreeSet<&str> = found
        .iter()
        .map(|&a| {
            let alias = dict.alias(a).expect("alias");
            dict.entity(alias.entity).expect("entity").id
        })
        .collect();
    assert_eq!(ids, BTreeSet::from(["p1", "p2", "p3"]));
    // The joined key "elena" of "Ele Na" is there, just not as a name.
    assert_eq!(
        entity_ids_under(&dict, "elena"),
        BTreeSet::from(["p1".to_string(), "p2".to_string(), "p4".to_string()])
    );
    let unused = polyonym::knowledge::name_parts::groups("ivan")
        .into_iter()
        .find(|g| {
            !polyonym::knowledge::name_parts::groups("elena").contains(g)
                && !polyonym::knowledge::name_parts::groups("maria").contains(g)
        })
        .expect("a group of Ivan's");
    assert_eq!(dict.name_part_group(unused).count(), 0);
    assert_eq!(dict.name_part_group(u32::MAX).remaining(), 0);
}

#[test]
fn metadata_and_gender_are_stored() {
    let mut record = EntityRecord::new("Q567", "Angela Merkel", EntityKind::Person);
    record
        .metadata
        .insert("gender".into(), serde_json::Value::from("female"));
    record
        .metadata
        .insert("born".into(), serde_json::Value::from(1954));
    let (bytes, _) = build(&[record]);
    let dict = Dictionary::from_bytes(&bytes).expect("open");
    let e = dict.entity(0).expect("entity");
    assert_eq!(e.gender, Some(polyonym::Gender::Female));
    let metadata: serde_json::Value = serde_json::from_str(e.metadata).expect("json");
    assert_eq!(metadata["born"], 1954);
}

#[test]
fn ambiguous_alias_keeps_every_entity() {
    let (bytes, _) = build(&sample());
    let dict = Dictionary::from_bytes(&bytes).expect("open");
    let key = exact_key("Wang Yi");
    assert_eq!(
        entity_ids_under(&dict, &key),
        BTreeSet::from(["wang-yi-1".to_string(), "wang-yi-2".to_string()])
    );
    assert_eq!(dict.entity_frequency(&key), 2);
    assert_eq!(dict.lookup(&key).entity_count(), 2);
    // Postings come in alias order.
    let aliases: Vec<u32> = dict.lookup(&key).map(|p| p.alias).collect();
    assert!(aliases.windows(2).all(|w| w[0] < w[1]), "{aliases:?}");
    assert_eq!(dict.entity_frequency("no such key"), 0);
    assert_eq!(dict.lookup("no such key").count(), 0);
}

#[test]
fn duplicate_id_with_another_name_is_an_error_by_default() {
    let mut builder = DictionaryBuilder::new();
    builder
        .add(EntityRecord::new("Q1", "Anna Schmidt", EntityKind::Person))
        .expect("first");
    // The same id and name merge.
    builder
        .add(EntityRecord::new("Q1", "Anna Schmidt", EntityKind::Person).alias("A. Schmidt", None))
        .expect("same name merges");
    let err = builder
        .add(EntityRecord::new("Q1", "Anna Schmitt", EntityKind::Person))
        .expect_err("another name");
    assert!(matches!(err.kind(), ErrorKind::InvalidEntity(_)), "{err:?}");
    let message = err.to_string();
    for part in ["Q1", "Anna Schmidt", "Anna Schmitt"] {
        assert!(message.contains(part), "{part:?} not in {message:?}");
    }
    // The same name with another kind is a conflict too.
    assert!(builder
        .add(EntityRecord::new("Q1", "Anna Schmidt", EntityKind::Org))
        .is_err());

    let mut out = Vec::new();
    let report = builder.finish_to_writer(&mut out).expect("finish");
    assert_eq!(report.entities, 1);
    assert_eq!(report.merged_duplicates, 1);
    let dict = Dictionary::from_bytes(&out).expect("open");
    assert_eq!(dict.entity(0).expect("entity").name, "Anna Schmidt");
    assert_eq!(
        entity_ids_under(&dict, &exact_key("A. Schmidt")),
        BTreeSet::from(["Q1".to_string()])
    );
    // The rejected record left nothing behind.
    assert!(dict.lookup(&exact_key("Anna Schmitt")).next().is_none());
}

#[test]
fn skeleton_keys_can_be_left_out() {
    // "Zelenskyy" is stored under its skeleton key "selenski" by default;
    // `skeleton_keys: false` (for measurement) leaves only that kind out.
    let build = |skeleton_keys: bool| {
        let config = BuildConfig {
            skeleton_keys,
            ..BuildConfig::default()
        };
        let mut builder = DictionaryBuilder::with_config(Normalizer::new(), config);
        builder
            .add(EntityRecord::new(
                "Q3874799",
                "Volodymyr Zelenskyy",
                EntityKind::Person,
            ))
            .expect("add");
        let mut out = Vec::new();
        builder.finish_to_writer(&mut out).expect("finish");
        Dictionary::from_bytes(&out).expect("open")
    };
    let skeleton = Normalizer::new()
        .normalize("Volodymyr Zelenskyy")
        .keys()
        .into_iter()
        .find(|k| k.kind == KeyKind::Skeleton)
        .expect("a skeleton key")
        .text;
    assert_eq!(skeleton, "selenski volodimir");
    let with = build(true);
    let without = build(false);
    assert_eq!(
        entity_ids_under(&with, &skeleton),
        BTreeSet::from(["Q3874799".to_string()])
    );
    assert!(entity_ids_under(&without, &skeleton).is_empty());
    assert_eq!(
        entity_ids_under(&without, &exact_key("Volodymyr Zelenskyy")),
        BTreeSet::from(["Q3874799".to_string()])
    );
    assert!(without.info().keys < with.info().keys);
}

fn build_duplicates(policy: DuplicatePolicy) -> (Dictionary, BuildReport) {
    let config = BuildConfig {
        duplicates: policy,
        ..BuildConfig::default()
    };
    let mut builder = DictionaryBuilder::with_config(Normalizer::new(), config);
    builder
        .add(EntityRecord::new("Q1", "Anna Schmidt", EntityKind::Person).alias("Anja", None))
        .expect("first");
    builder
        .add(EntityRecord::new("Q1", "Anna Schmitt", EntityKind::Org).alias("Annie", None))
        .expect("second");
    let mut out = Vec::new();
    let report = builder.finish_to_writer(&mut out).expect("finish");
    (Dictionary::from_bytes(&out).expect("open"), report)
}

#[test]
fn duplicate_policy_merge_keeps_the_first_name() {
    let (dict, report) = build_duplicates(DuplicatePolicy::Merge);
    assert_eq!(report.entities, 1);
    assert_eq!(report.merged_duplicates, 1);
    let e = dict.entity(0).expect("entity");
    assert_eq!((e.name, e.kind), ("Anna Schmidt", EntityKind::Person));
    for name in ["Anna Schmidt", "Anna Schmitt", "Anja", "Annie"] {
        assert_eq!(
            entity_ids_under(&dict, &exact_key(name)),
            BTreeSet::from(["Q1".to_string()]),
            "{name}"
        );
    }
}

#[test]
fn duplicate_policy_replace_takes_the_later_name() {
    let (dict, report) = build_duplicates(DuplicatePolicy::Replace);
    assert_eq!(report.entities, 1);
    assert_eq!(report.merged_duplicates, 1);
    let e = dict.entity(0).expect("entity");
    assert_eq!((e.name, e.kind), ("Anna Schmitt", EntityKind::Org));
    // The earlier name stays as an alias.
    for name in ["Anna Schmidt", "Anna Schmitt", "Anja", "Annie"] {
        assert_eq!(
            entity_ids_under(&dict, &exact_key(name)),
            BTreeSet::from(["Q1".to_string()]),
            "{name}"
        );
    }
}

#[test]
fn empty_aliases_are_skipped_and_reported() {
    let normalizer = Normalizer::new();
    assert!(normalizer.normalize("!!! ???").is_empty());
    let record = EntityRecord::new("Q42", "Douglas Adams", EntityKind::Person)
        .alias("", None)
        .alias("   ", None)
        .alias("!!! ???", Some("en"))
        .alias("Douglas Noël Adams", None)
        .alias("Douglas Adams", None);
    let (bytes, report) = build(&[record]);
    let skipped: Vec<(&str, Option<&str>)> = report
        .skipped
        .iter()
        .map(|s| (s.id.as_str(), s.alias.as_deref()))
        .collect();
    assert_eq!(
        skipped,
        [
            ("Q42", Some("")),
            ("Q42", Some("   ")),
            ("Q42", Some("!!! ???"))
        ]
    );
    assert!(report.skipped[0].reason.contains("empty"));
    assert!(report.skipped[2].reason.contains("normalizes to nothing"));
    assert_eq!(report.aliases, 2);
    assert_eq!(report.duplicate_aliases, 1);
    let dict = Dictionary::from_bytes(&bytes).expect("open");
    assert_eq!(dict.alias_count(), 2);
}

#[test]
fn invalid_records_are_refused() {
    let mut builder = DictionaryBuilder::new();
    let err = builder
        .add(EntityRecord::new(" ", "Name", EntityKind::Person))
        .expect_err("empty id");
    assert!(matches!(err.kind(), ErrorKind::InvalidEntity(_)));
    let err = builder
        .add(EntityRecord::new("Q5", "", EntityKind::Person))
        .expect_err("empty name");
    assert!(err.to_string().contains("Q5"), "{err}");
}

#[test]
fn spilled_build_is_byte_identical_to_in_memory_build() {
    let records = generated(600);
    let (in_memory, report) = build(&records);
    assert_eq!(report.spilled_runs, 0);
    let temp = tempfile::tempdir().expect("tempdir");
    let (spilled, spilled_report) = build_with(
        &records,
        BuildConfig {
            run_bytes: 4096,
            temp_dir: Some(temp.path().to_path_buf()),
            ..BuildConfig::default()
        },
    );
    assert!(
        spilled_report.spilled_runs > 1,
        "{}",
        spilled_report.spilled_runs
    );
    assert!(spilled == in_memory, "spilled build differs");
    assert_eq!(spilled_report.keys, report.keys);
    assert_eq!(spilled_report.postings, report.postings);
    // The runs are gone once the build is done.
    assert_eq!(files_in(temp.path()), Vec::<String>::new());
    let dict = Dictionary::from_bytes(&spilled).expect("open");
    assert_round_trip(&dict, &records);

    // One entry per run: the extreme case.
    let (tiny, tiny_report) = build_with(
        &records[..50],
        BuildConfig {
            run_bytes: 1,
            temp_dir: Some(temp.path().to_path_buf()),
            ..BuildConfig::default()
        },
    );
    assert!(tiny_report.spilled_runs >= 50);
    assert!(tiny == build(&records[..50]).0);
}

#[test]
fn builds_are_deterministic() {
    let records = generated(300);
    let (a, _) = build(&records);
    let (b, _) = build(&records);
    assert!(a == b, "two builds of the same records differ");
    let (c, _) = build(&sample());
    let (d, _) = build(&sample());
    assert!(c == d);
}

#[test]
fn finish_to_path_writes_atomically() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("dict.poly");
    let mut builder = DictionaryBuilder::new();
    for r in sample() {
        builder.add(r).expect("add");
    }
    let report = builder.finish_to_path(&path).expect("finish");
    assert_eq!(files_in(dir.path()), ["dict.poly"], "temporary files left");
    let written = std::fs::read(&path).expect("read");
    assert_eq!(written.len() as u64, report.bytes);
    assert!(written == build(&sample()).0);
    let old = Dictionary::open(&path).expect("open");
    old.verify().expect("verify");
    assert_round_trip(&old, &sample());

    // Replacing the file: readers of the old one keep their view, and the
    // new one appears whole.
    let mut builder = DictionaryBuilder::new();
    builder
        .add(EntityRecord::new("Q2", "Replacement", EntityKind::Other))
        .expect("add");
    builder.finish_to_path(&path).expect("replace");
    assert_eq!(files_in(dir.path()), ["dict.poly"], "temporary files left");
    assert_eq!(old.entity_by_id("Q7747").expect("old view").id, "Q7747");
    old.verify().expect("old view intact");
    let new = Dictionary::open(&path).expect("open new");
    new.verify().expect("verify new");
    assert_eq!(new.entity_count(), 1);
    assert!(new.entity_by_id("Q7747").is_none());

    // A path in a missing directory is an error naming the path, and
    // creates nothing.
    let missing = dir.path().join("missing").join("dict.poly");
    let err = DictionaryBuilder::new()
        .finish_to_path(&missing)
        .expect_err("missing dir");
    assert!(err.to_string().contains("missing"), "{err}");
    assert_eq!(files_in(dir.path()), ["dict.poly"]);
}

// ---------------------------------------------------------------- damage

/// Uses every accessor of a (possibly damaged) dictionary, ignoring results:
/// it must not panic.
fn exercise(dict: &Dictionary, keys: &[String], ids: &[String]) {
    for key in keys {
        for p in dict.lookup(key).take(10_000) {
            if let Ok(alias) = dict.alias(p.alias) {
                let _ = dict.entity(alias.entity);
            }
        }
        let _ = dict.entity_frequency(key);
        let _ = dict.keys().get(key);
    }
    let mut n = 0;
    dict.for_each_key(|_, postings| {
        n += 1;
        for p in postings.take(10_000) {
            let _ = dict.alias(p.alias);
        }
    });
    for i in 0..dict.entity_count().saturating_add(2).min(10_000) {
        let _ = dict.entity(i);
    }
    let _ = dict.entity(u32::MAX);
    for i in 0..dict.alias_count().saturating_add(2).min(10_000) {
        let _ = dict.alias(i);
    }
    let _ = dict.alias(u32::MAX);
    for id in ids {
        let _ = dict.entity_by_id(id);
    }
    // The automaton searches the resolver runs over the key FST.
    let mut stream = dict
        .keys()
        .search(fst::automaton::Str::new("w").starts_with())
        .into_stream();
    while let Some((_, value)) = stream.next() {
        let _ = dict.postings(value).count();
    }
    let mut stream = dict.keys().range().ge("m").lt("t").into_stream();
    while stream.next().is_some() {}
    let _ = dict.postings(u64::MAX).count();
    let _ = dict.postings(u64::MAX >> 1).count();
    let _ = dict.info();
    let _ = dict.verify();
}

struct Fixture {
    bytes: Vec<u8>,
    keys: Vec<String>,
    ids: Vec<String>,
}

fn small_fixture() -> Fixture {
    let records = sample();
    let (bytes, _) = build(&records);
    let dict = Dictionary::from_bytes(&bytes).expect("open");
    let mut keys = Vec::new();
    dict.for_each_key(|k, _| keys.push(String::from_utf8_lossy(k).into_owned()));
    keys.push("zzz not a key".into());
    let ids = records.iter().map(|r| r.id.clone()).collect();
    Fixture { bytes, keys, ids }
}

/// Bytes of the header and section table that a reader must check: magic,
/// byte order, version, fingerprint, section count; each entry's id, offset,
/// length and CRC. (Reserved fields and padding are ignored by readers.)
fn checked_byte(layout: &format::Layout, at: usize) -> Option<&'static str> {
    if at < 28 {
        return Some("header");
    }
    let table_end = format::HEADER_LEN + layout.sections.len() * format::SECTION_ENTRY_LEN;
    if (format::HEADER_LEN..table_end).contains(&at) {
        let field = (at - format::HEADER_LEN) % format::SECTION_ENTRY_LEN;
        return match field {
            0..4 | 8..28 => Some("section table"),
            _ => None,
        };
    }
    layout
        .sections
        .iter()
        .find(|s| (s.offset as usize..(s.offset + s.len) as usize).contains(&at))
        .map(|s| s.id.name())
}

#[test]
fn truncated_files_are_rejected() {
    let f = small_fixture();
    for len in 0..f.bytes.len() {
        let cut = &f.bytes[..len];
        let result = catch_unwind(|| match Dictionary::from_vec(cut.to_vec()) {
            Ok(dict) => dict.verify().map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        });
        match result {
            Ok(Err(message)) => {
                assert!(!message.is_empty());
                if len < format::HEADER_LEN {
                    assert!(message.contains("truncated"), "{len}: {message}");
                }
            }
            Ok(Ok(())) => panic!("a file truncated to {len} bytes was accepted"),
            Err(_) => panic!("a file truncated to {len} bytes panicked"),
        }
        assert!(Dictionary::from_bytes(cut).is_err(), "{len}");
    }
    // Through a file and mmap too, for a sample of lengths.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("cut.poly");
    for len in [0, 7, 63, 64, 100, 300, f.bytes.len() / 2, f.bytes.len() - 1] {
        std::fs::write(&path, &f.bytes[..len]).expect("write");
        let err = Dictionary::open(&path).expect_err("truncated file opened");
        let message = err.to_string();
        assert!(message.contains("cut.poly"), "{message}");
        assert!(message.contains("truncated"), "{len}: {message}");
    }
}

#[test]
fn truncated_large_files_are_rejected() {
    let (bytes, _) = build(&generated(2000));
    let mut len = 0;
    while len < bytes.len() {
        assert!(
            Dictionary::from_vec(bytes[..len].to_vec()).is_err(),
            "a file truncated to {len} of {} bytes was accepted",
            bytes.len()
        );
        len += 1 + len / 16;
    }
    assert!(Dictionary::from_vec(bytes[..bytes.len() - 1].to_vec()).is_err());
}

/// Flips every byte of a small dictionary, three ways. Every flip of a
/// checked byte is rejected at open or by `verify()`; no flip panics.
///
/// What may be used without `verify()`: damage in the postings, record,
/// string and meta sections is met by bounds checks (an error or an early
/// end of iteration) even on an unverified dictionary. Damage inside the two
/// FST sections (`keys`, `ids`) is only caught by `verify()`: the `fst`
/// crate trusts its bytes once they pass its cheap header checks, and can
/// panic on damaged nodes. So an untrusted file must be verified before use
/// — `Dictionary::from_bytes` does that itself — and this test exercises an
/// unverified dictionary only when both FSTs are intact (the damage lies in
/// another section, or in the table without moving the FSTs).
#[test]
fn flipped_bytes_are_rejected_and_never_panic() {
    let f = small_fixture();
    let layout = format::parse_layout(&f.bytes).expect("layout");
    let fst_sections = [SectionId::Keys, SectionId::Ids].map(|id| layout.range(id));
    let mut accepted = Vec::new();
    let mut panicked = Vec::new();
    let mut inconsistent = Vec::new();
    let mut sections_hit = BTreeSet::new();
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    for at in 0..f.bytes.len() {
        let checked = checked_byte(&layout, at);
        if let Some(name) = checked {
            sections_hit.insert(name);
        }
        let in_fst = fst_sections.iter().any(|r| r.contains(&at));
        for mask in [0x01u8, 0x80, 0xff] {
            let mut bad = f.bytes.clone();
            bad[at] ^= mask;
            // Whether both FSTs are still the original bytes (the damage
            // is elsewhere, and the section table still points at them).
            let fsts_intact = !in_fst
                && format::parse_layout(&bad).is_ok_and(|l| {
                    [SectionId::Keys, SectionId::Ids]
                        .iter()
                        .all(|&id| l.range(id) == layout.range(id))
                });
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                // The untrusted-input API: verifies before returning.
                let trusted = Dictionary::from_bytes(&bad);
                if let Ok(dict) = &trusted {
                    exercise(dict, &f.keys, &f.ids);
                }
                // Open without verifying, then verify.
                match Dictionary::from_vec(bad.clone()) {
                    Err(_) => (false, trusted.is_ok()),
                    Ok(dict) => {
                        if fsts_intact {
                            exercise(&dict, &f.keys, &f.ids);
                        }
                        let verified = dict.verify().is_ok();
                        if verified {
                            exercise(&dict, &f.keys, &f.ids);
                        }
                        (verified, trusted.is_ok())
                    }
                }
            }));
            match outcome {
                Err(_) => panicked.push((at, mask, checked.unwrap_or("unchecked"))),
                Ok((verified, trusted)) => {
                    if verified != trusted {
                        inconsistent.push((at, mask));
                    }
                    if verified && checked.is_some() {
                        accepted.push((at, mask, checked.unwrap_or_default()));
                    }
                }
            }
        }
    }
    std::panic::set_hook(hook);
    assert!(
        panicked.is_empty(),
        "panics at (byte, mask, section): {panicked:?}"
    );
    assert!(
        inconsistent.is_empty(),
        "from_bytes and from_vec + verify disagree at (byte, mask): {inconsistent:?}"
    );
    assert!(
        accepted.is_empty(),
        "damaged bytes accepted at (byte, mask, section): {accepted:?}"
    );
    for id in SectionId::ALL {
        assert!(sections_hit.contains(id.name()), "{} not hit", id.name());
    }
}

#[test]
fn damage_messages_are_clear() {
    let f = small_fixture();
    let layout = format::parse_layout(&f.bytes).expect("layout");
    for id in SectionId::ALL {
        let r = layout.range(id);
        let mut bad = f.bytes.clone();
        bad[r.start + r.len() / 2] ^= 0x55;
        let err = match Dictionary::from_vec(bad.clone()) {
            Ok(dict) => dict.verify().expect_err("flip accepted"),
            Err(e) => e,
        };
        let message = err.to_string();
        match err.kind() {
            ErrorKind::Checksum { section } => {
                assert_eq!(section, id.name());
                assert!(message.contains(id.name()) && message.contains("damaged"));
            }
            ErrorKind::Format(_) => assert!(message.contains("not a valid"), "{message}"),
            other => panic!("{}: unexpected error {other:?}", id.name()),
        }
        let err = Dictionary::from_bytes(&bad).expect_err("from_bytes accepted damage");
        assert!(
            matches!(
                err.kind(),
                ErrorKind::Checksum { .. } | ErrorKind::Format(_)
            ),
            "{err:?}"
        );
    }
}

#[test]
fn wrong_magic_is_rejected() {
    let f = small_fixture();
    let mut bad = f.bytes.clone();
    bad[..8].copy_from_slice(b"NOTADICT");
    let err = Dictionary::from_vec(bad).expect_err("wrong magic");
    assert!(matches!(err.kind(), ErrorKind::Format(_)), "{err:?}");
    assert!(
        err.to_string().contains("not a polyonym dictionary"),
        "{err}"
    );
    let text = br#"{"id": "Q1", "name": "not a dictionary, a JSONL file", "kind": "person"}"#;
    let err = Dictionary::from_bytes(text).expect_err("json");
    assert!(err.to_string().contains("magic"), "{err}");
    let err = Dictionary::from_bytes(&[0u8; 4096]).expect_err("zeros");
    assert!(err.to_string().contains("magic"), "{err}");
}

#[test]
fn other_format_version_asks_for_a_rebuild() {
    let f = small_fixture();
    for version in [
        format::FORMAT_VERSION + 1,
        u32::MAX,
        0,
        format::OLDEST_READABLE_VERSION - 1,
    ] {
        let mut bad = f.bytes.clone();
        bad[12..16].copy_from_slice(&version.to_le_bytes());
        let err = Dictionary::from_vec(bad).expect_err("other version");
        match err.kind() {
            ErrorKind::Version { expected, got } => {
                assert_eq!((*expected, *got), (format::FORMAT_VERSION, version));
            }
            other => panic!("{other:?}"),
        }
        let message = err.to_string();
        assert!(message.contains("rebuild"), "{message}");
        assert!(message.contains(&version.to_string()), "{message}");
    }
}

#[test]
fn another_normalizer_is_detected() {
    let normalizer = Normalizer::builder().max_spellings(2).build();
    assert_ne!(normalizer.fingerprint(), Normalizer::new().fingerprint());
    let mut builder = DictionaryBuilder::with_config(normalizer.clone(), BuildConfig::default());
    for r in sample() {
        builder.add(r).expect("add");
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("two-spellings.poly");
    builder.finish_to_path(&path).expect("finish");

    let err = Dictionary::open(&path).expect_err("default normalizer");
    match err.kind() {
        ErrorKind::Fingerprint { expected, got } => {
            // The file records the fingerprint of its normalizer (and of
            // the compiled knowledge its keys depend on).
            assert_eq!(*expected, fingerprint_for(&Normalizer::new()));
            assert_eq!(*got, fingerprint_for(&normalizer));
            assert_ne!(expected, got);
            let layout =
                format::parse_layout(&std::fs::read(&path).expect("read")).expect("layout");
            assert_eq!(layout.fingerprint, *got);
        }
        other => panic!("{other:?}"),
    }
    let message = err.to_string();
    assert!(message.contains("two-spellings.poly"), "{message}");
    assert!(message.contains("rebuild"), "{message}");
    let bytes = std::fs::read(&path).expect("read");
    assert!(matches!(
        Dictionary::from_bytes(&bytes)
            .expect_err("from_bytes")
            .kind(),
        ErrorKind::Fingerprint { .. }
    ));

    let dict = Dictionary::open_with(&path, &normalizer).expect("same normalizer");
    dict.verify().expect("verify");
    assert_eq!(
        entity_ids_under(&dict, &exact_key("Vladimir Putin")),
        BTreeSet::from(["Q7747".to_string()])
    );
}

// ---------------------------------------------------------------- compat

fn compat_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/compat")
}

/// Reads the fixture source: the public JSONL schema (`id`, `name`, `kind`,
/// `aliases` as strings or `{"name", "lang"}`; other fields are metadata).
/// Parsed here rather than with `dict::sources` so the fixture test depends
/// only on the records and the format.
fn read_jsonl(path: &Path) -> Vec<EntityRecord> {
    let text = std::fs::read_to_string(path).expect("read jsonl");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let serde_json::Value::Object(mut o) = serde_json::from_str(line).expect("json") else {
                panic!("not an object: {line}")
            };
            let field = |o: &mut serde_json::Map<String, serde_json::Value>, k: &str| {
                o.remove(k)
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_else(|| panic!("missing `{k}`: {line}"))
            };
            let id = field(&mut o, "id");
            let name = field(&mut o, "name");
            let kind = EntityKind::parse(&field(&mut o, "kind")).expect("kind");
            let mut record = EntityRecord::new(id, name, kind);
            if let Some(serde_json::Value::Array(aliases)) = o.remove("aliases") {
                for a in aliases {
                    record = match a {
                        serde_json::Value::String(s) => record.alias(s, None),
                        serde_json::Value::Object(a) => record.alias(
                            a["name"].as_str().expect("alias name"),
                            a.get("lang").and_then(|l| l.as_str()),
                        ),
                        other => panic!("bad alias {other}"),
                    };
                }
            }
            record.metadata = o;
            record
        })
        .collect()
}

/// Checks one fixture. Returns whether it opened with the default
/// normalizer (false: stale fingerprint, checked at the format layer only).
fn check_fixture(path: &Path, records: &[EntityRecord]) -> bool {
    let bytes = std::fs::read(path).expect("read fixture");
    let layout = format::parse_layout(&bytes).expect("layout");
    assert!(
        (format::OLDEST_READABLE_VERSION..=format::FORMAT_VERSION).contains(&layout.version),
        "{}: version {}",
        path.display(),
        layout.version
    );
    format::verify(&bytes, &layout).expect("checksums");

    // The format layer, independent of the normalizer: meta counts and the
    // id FST.
    let info: DictionaryInfo =
        serde_json::from_slice(&bytes[layout.range(SectionId::Meta)]).expect("meta");
    assert_eq!(info.entities, records.len() as u64);
    let ids = fst::Map::new(bytes[layout.range(SectionId::Ids)].to_vec()).expect("ids fst");
    for (i, r) in records.iter().enumerate() {
        assert_eq!(ids.get(&r.id), Some(i as u64), "{}", r.id);
    }
    assert!(fst::Map::new(bytes[layout.range(SectionId::Keys)].to_vec()).is_ok());

    match Dictionary::open(path) {
        Ok(dict) => {
            dict.verify().expect("verify");
            assert_eq!(dict.info(), &info);
            assert_round_trip(&dict, records);
            assert_eq!(
                entity_ids_under(&dict, &exact_key("Владимир Путин")),
                BTreeSet::from(["Q7747".to_string()])
            );
            assert_eq!(
                entity_ids_under(&dict, &exact_key("王毅")),
                BTreeSet::from(["test:wang-yi".to_string()])
            );
            let paris = dict.entity_by_id("Q90").expect("Q90");
            assert_eq!((paris.name, paris.kind), ("Paris", EntityKind::Place));
            let merkel = dict.entity_by_id("Q567").expect("Q567");
            assert_eq!(merkel.gender, Some(polyonym::Gender::Female));
            let de = dict
                .lookup(&exact_key("Wladimir Putin"))
                .map(|p| dict.alias(p.alias).expect("alias"))
                .find(|a| a.name == "Wladimir Putin")
                .expect("German alias");
            assert_eq!(de.lang, Some("de"));
            true
        }
        Err(e) => {
            assert!(
                matches!(e.kind(), ErrorKind::Fingerprint { .. }),
                "{}: {e}",
                path.display()
            );
            eprintln!(
                "note: {} is stale (the normalizer changed since it was written); its format \
                 was checked, its lookups were not: {e}",
                path.display()
            );
            false
        }
    }
}

#[test]
fn compat_fixtures_open() {
    let dir = compat_dir();
    let records = read_jsonl(&dir.join("v1.jsonl"));
    assert_eq!(records.len(), 5);
    let mut fixtures: Vec<(u32, PathBuf)> = files_in(&dir)
        .into_iter()
        .filter_map(|name| {
            let version = name
                .strip_prefix('v')?
                .strip_suffix(".poly")?
                .parse()
                .ok()?;
            Some((version, dir.join(name)))
        })
        .collect();
    fixtures.sort();
    assert!(
        fixtures.iter().any(|(v, _)| *v == 1),
        "the v1 fixture is missing: {fixtures:?}"
    );
    for (version, path) in fixtures {
        if version < format::OLDEST_READABLE_VERSION {
            // Support for this version was dropped on purpose.
            let err = Dictionary::open(&path).expect_err("dropped version");
            assert!(matches!(err.kind(), ErrorKind::Version { .. }), "{err}");
            let message = err.to_string();
            assert!(
                message.contains("rebuild") && message.contains("`build` example"),
                "{message}"
            );
            continue;
        }
        assert!(
            version <= format::FORMAT_VERSION,
            "{}: a fixture from a newer format",
            path.display()
        );
        check_fixture(&path, &records);
    }
}

/// Rewrites `tests/data/compat/v{FORMAT_VERSION}.poly` from `v1.jsonl`.
/// Never run it to "fix" an older fixture after a format change: it only
/// ever writes the current version's file (see the module docs).
#[test]
#[ignore = "writes the compatibility fixture; run by hand only"]
fn regenerate_compat_fixture() {
    let dir = compat_dir();
    let records = read_jsonl(&dir.join("v1.jsonl"));
    let mut builder = DictionaryBuilder::new();
    for r in &records {
        builder.add(r.clone()).expect("add");
    }
    let path = dir.join(format!("v{}.poly", format::FORMAT_VERSION));
    let report = builder.finish_to_path(&path).expect("write fixture");
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    eprintln!("wrote {} ({} bytes)", path.display(), report.bytes);
    assert!(check_fixture(&path, &records));
}
