//! The evaluation set (`data/eval/`) is well formed: it parses, it is as
//! large as documented, and every expected id names an entity of the
//! dictionary. Accuracy is measured by `examples/eval.rs`, not asserted here.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use polyonym::dict::sources::{open_input, InputFormat, RecordReader, SourceOptions};

const CATEGORIES: [&str; 11] = [
    "case-diacritics",
    "cross-script",
    "translit-variant",
    "name-order",
    "titles",
    "initials",
    "typo-1",
    "typo-2",
    "sino-vietnamese",
    "chinese-characters",
    "absent",
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn eval_set_is_well_formed() {
    let path = root().join("data/eval/entities.jsonl");
    let input = open_input(&path).expect("entities.jsonl opens");
    let reader =
        RecordReader::new(input, InputFormat::Jsonl, SourceOptions::default()).with_path(&path);
    let mut ids = HashSet::new();
    for item in reader {
        let (line, record) = item.expect("every entity parses");
        assert!(
            ids.insert(record.id.clone()),
            "line {line}: duplicate id {}",
            record.id
        );
    }
    assert!(ids.len() >= 2_000, "{} entities", ids.len());
    let synthetic = ids.iter().filter(|i| i.starts_with("eval:person/")).count();
    assert!(synthetic >= 1_500, "{synthetic} synthetic people");

    let text = std::fs::read_to_string(root().join("data/eval/queries.tsv")).expect("queries.tsv");
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("category\tquery\texpected_id"));
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut total = 0;
    for (i, line) in lines.enumerate() {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 3, "line {}: {line:?}", i + 2);
        let (category, query, expected) = (cols[0], cols[1], cols[2]);
        assert!(
            CATEGORIES.contains(&category),
            "line {}: unknown category {category:?}",
            i + 2
        );
        assert!(!query.trim().is_empty(), "line {}: empty query", i + 2);
        if category == "absent" {
            assert!(
                expected.is_empty(),
                "line {}: an absent name has an id",
                i + 2
            );
        } else {
            assert!(
                ids.contains(expected),
                "line {}: unknown id {expected:?}",
                i + 2
            );
        }
        *counts.entry(category).or_default() += 1;
        total += 1;
    }
    assert!(total >= 600, "{total} queries");
    for c in CATEGORIES {
        let n = counts.get(c).copied().unwrap_or(0);
        assert!(n >= 40, "category {c}: {n} queries");
    }
    assert!(counts["absent"] >= 100, "{} absent names", counts["absent"]);
}

/// `data/eval/absent_by_ear.tsv` holds absent names only (no expected id),
/// each written in a script that romanizes lossily, none of them a name or
/// alias of the dictionary as written.
#[test]
fn absent_names_written_by_ear_are_well_formed() {
    let entities =
        std::fs::read_to_string(root().join("data/eval/entities.jsonl")).expect("entities.jsonl");
    let text = std::fs::read_to_string(root().join("data/eval/absent_by_ear.tsv"))
        .expect("absent_by_ear.tsv");
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("category\tquery\texpected_id"));
    let mut n = 0;
    for (i, line) in lines.enumerate() {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 3, "line {}: {line:?}", i + 2);
        assert!(cols[0].starts_with("absent-"), "line {}: {line:?}", i + 2);
        assert!(
            cols[2].is_empty(),
            "line {}: an absent name has an id",
            i + 2
        );
        assert!(
            cols[1].chars().any(|c| !c.is_ascii() && c.is_alphabetic()),
            "line {}: not written in another script",
            i + 2
        );
        assert!(
            !entities.contains(&format!("\"{}\"", cols[1])),
            "line {}: {:?} is in the dictionary",
            i + 2,
            cols[1]
        );
        n += 1;
    }
    assert!(n >= 200, "{n} names");
}
