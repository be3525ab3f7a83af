//! Reading entity records from JSONL, TSV and Wikidata JSON
//! (`polyonym::dict::sources`).

use std::path::{Path, PathBuf};

use polyonym::dict::sources::{open_input, InputFormat, RecordReader, Skipped, SourceOptions};
use polyonym::dict::{AliasRecord, EntityKind, EntityRecord};
use polyonym::{Error, ErrorKind};
use proptest::prelude::*;
use serde_json::json;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn skipping() -> SourceOptions {
    SourceOptions {
        skip_bad_records: true,
        ..SourceOptions::default()
    }
}

fn languages(langs: &[&str]) -> SourceOptions {
    SourceOptions {
        languages: Some(langs.iter().map(|l| l.to_string()).collect()),
        ..SourceOptions::default()
    }
}

/// Every record of a fixture file; panics on any error.
fn read_file(
    name: &str,
    format: InputFormat,
    options: SourceOptions,
) -> (Vec<(u64, EntityRecord)>, Vec<Skipped>) {
    let path = data(name);
    let mut reader =
        RecordReader::new(open_input(&path).unwrap(), format, options).with_path(&path);
    let records = reader
        .by_ref()
        .collect::<Result<Vec<_>, _>>()
        .unwrap_or_else(|e| panic!("{e}"));
    (records, reader.skipped().to_vec())
}

/// Every record of an in-memory input; panics on any error.
fn read_str(
    input: &str,
    format: InputFormat,
    options: SourceOptions,
) -> (Vec<(u64, EntityRecord)>, Vec<Skipped>) {
    let mut reader = RecordReader::new(input.as_bytes(), format, options);
    let records = reader
        .by_ref()
        .collect::<Result<Vec<_>, _>>()
        .unwrap_or_else(|e| panic!("{e}"));
    (records, reader.skipped().to_vec())
}

/// The first error reading `input` (named `name`), checking that the
/// iteration ends right after it.
fn first_error(input: &[u8], format: InputFormat, name: &str) -> Error {
    let mut reader = RecordReader::new(input, format, SourceOptions::default()).with_path(name);
    for item in reader.by_ref() {
        if let Err(e) = item {
            return e;
        }
    }
    panic!("no error reading {:?}", String::from_utf8_lossy(input));
}

fn field(e: &Error) -> Option<&str> {
    e.location().and_then(|l| l.field.as_deref())
}

fn alias(name: &str, lang: Option<&str>) -> AliasRecord {
    AliasRecord {
        name: name.to_string(),
        lang: lang.map(str::to_string),
    }
}

fn ids(records: &[(u64, EntityRecord)]) -> Vec<&str> {
    records.iter().map(|(_, r)| r.id.as_str()).collect()
}

// ---------------------------------------------------------------------------
// JSONL

#[test]
fn jsonl_good_file() {
    let (records, skipped) = read_file(
        "entities.jsonl",
        InputFormat::Jsonl,
        SourceOptions::default(),
    );
    assert!(
        skipped.is_empty(),
        "blank lines are not skipped records: {skipped:?}"
    );
    let lines: Vec<u64> = records.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, [1, 3, 4, 6, 7]);

    let mut putin = EntityRecord::new("Q7747", "Vladimir Putin", EntityKind::Person)
        .alias("Владимир Путин", None)
        .alias("Wladimir Putin", Some("de"))
        .alias("普京", Some("zh"));
    putin.metadata.insert("gender".into(), json!("male"));
    putin.metadata.insert("born".into(), json!(1952));
    assert_eq!(records[0].1, putin);

    let eu = &records[1].1;
    assert_eq!(eu.kind, EntityKind::Org);
    assert_eq!(
        eu.aliases,
        [
            alias("EU", None),
            alias("Europäische Union", Some("de")),
            alias("Union européenne", Some("fr"))
        ]
    );
    assert_eq!(eu.metadata["tags"], json!(["supranational", "eu"]));

    let paris = &records[2].1;
    assert_eq!(paris.kind, EntityKind::Place);
    assert_eq!(
        paris.aliases,
        [alias("Париж", Some("ru")), alias("巴黎", None)]
    );
    assert!(paris.metadata.is_empty());

    // An integer id becomes its decimal string; `aliases: null` is no aliases.
    let treaty = &records[3].1;
    assert_eq!(treaty.id, "1492");
    assert_eq!(treaty.kind, EntityKind::Other);
    assert!(treaty.aliases.is_empty());
    assert_eq!(
        treaty.metadata["meta"],
        json!({"signed": "2007-12-13", "parties": 27})
    );

    let apple = &records[4].1;
    assert_eq!(apple.kind, EntityKind::Org); // "organisation"
    assert_eq!(
        apple.aliases,
        [alias("Apple", None), alias("Apple Computer, Inc.", None)]
    );
}

#[test]
fn jsonl_crlf_bom_and_blank_lines() {
    let input = "\u{feff}{\"id\": \"Q1\", \"name\": \"One\", \"kind\": \"person\"}\r\n \t \r\n\r\n{\"id\": \"Q2\", \"name\": \"Two\", \"kind\": \"place\"}\r\n";
    let (records, skipped) = read_str(input, InputFormat::Jsonl, SourceOptions::default());
    assert!(skipped.is_empty());
    assert_eq!(ids(&records), ["Q1", "Q2"]);
    assert_eq!(records[1].0, 4);
    // No trailing newline at the end of the input.
    let (records, _) = read_str(
        r#"{"id": "Q1", "name": "One", "kind": "person"}"#,
        InputFormat::Jsonl,
        SourceOptions::default(),
    );
    assert_eq!(ids(&records), ["Q1"]);
}

#[test]
fn jsonl_bad_records() {
    let good = r#"{"id": "Q1", "name": "Good", "kind": "person"}"#;
    // (bad line, field, text the message must contain)
    let cases: &[(&str, Option<&str>, &str)] = &[
        (
            r#"{"id": "Q2", "name": "  ", "kind": "person"}"#,
            Some("name"),
            "empty string",
        ),
        (
            r#"{"id": "Q2", "kind": "person"}"#,
            Some("name"),
            "no `name` field",
        ),
        (
            r#"{"id": "Q2", "name": 7, "kind": "person"}"#,
            Some("name"),
            "number 7",
        ),
        (
            r#"{"id": "", "name": "X", "kind": "person"}"#,
            Some("id"),
            "empty string",
        ),
        (
            r#"{"name": "X", "kind": "person"}"#,
            Some("id"),
            "no `id` field",
        ),
        (
            r#"{"id": 1.5, "name": "X", "kind": "person"}"#,
            Some("id"),
            "number 1.5",
        ),
        (
            r#"{"id": "Q2", "name": "X", "kind": "persn"}"#,
            Some("kind"),
            "\"persn\"",
        ),
        (
            r#"{"id": "Q2", "name": "X"}"#,
            Some("kind"),
            "no `kind` field",
        ),
        (
            r#"{"id": "Q2", "name": "X", "kind": null}"#,
            Some("kind"),
            "null",
        ),
        (
            r#"{"id": "Q2", "name": "X", "kind": "org", "aliases": [42]}"#,
            Some("aliases[0]"),
            "number 42",
        ),
        (
            r#"{"id": "Q2", "name": "X", "kind": "org", "aliases": ["a", ["b"]]}"#,
            Some("aliases[1]"),
            "an array",
        ),
        (
            r#"{"id": "Q2", "name": "X", "kind": "org", "aliases": "EU"}"#,
            Some("aliases"),
            "string \"EU\"",
        ),
        (
            r#"{"id": "Q2", "name": "X", "kind": "org", "aliases": ["EU", ""]}"#,
            Some("aliases[1]"),
            "empty string",
        ),
        (
            r#"{"id": "Q2", "name": "X", "kind": "org", "aliases": [{"name": " "}]}"#,
            Some("aliases[0].name"),
            "empty string",
        ),
        (
            r#"{"id": "Q2", "name": "X", "kind": "org", "aliases": [{"lang": "de"}]}"#,
            Some("aliases[0].name"),
            "no `name` field",
        ),
        (
            r#"{"id": "Q2", "name": "X", "kind": "org", "aliases": [{"name": "Y", "lang": 3}]}"#,
            Some("aliases[0].lang"),
            "number 3",
        ),
        (
            r#"{"id": "Q2", "name": "X", "kind": "org""#,
            None,
            "invalid JSON",
        ),
        (
            r#"{"id": "Q2", "name": "X", "kind": "org"} trailing"#,
            None,
            "invalid JSON",
        ),
        (r#"["Q2", "X", "org"]"#, None, "an array of 3 items"),
        ("not json at all", None, "invalid JSON"),
    ];
    for (bad, expected_field, needle) in cases {
        let input = format!("{good}\n{bad}\n{good}\n");
        let mut reader = RecordReader::new(
            input.as_bytes(),
            InputFormat::Jsonl,
            SourceOptions::default(),
        )
        .with_path("entities.jsonl");
        assert!(reader.next().unwrap().is_ok(), "{bad}");
        let err = reader.next().unwrap().unwrap_err();
        assert!(
            reader.next().is_none(),
            "the iteration ends after an error: {bad}"
        );
        let message = err.to_string();
        assert_eq!(err.line(), Some(2), "{message}");
        assert_eq!(field(&err), *expected_field, "{message}");
        assert!(message.starts_with("entities.jsonl:line 2"), "{message}");
        assert!(
            message.contains(needle),
            "{message} should contain {needle}"
        );
        if let Some(f) = expected_field {
            assert!(message.contains(&format!("field `{f}`")), "{message}");
        }

        // The same input, skipping bad records: both good ones, and the bad line listed.
        let (records, skipped) = read_str(&input, InputFormat::Jsonl, skipping());
        assert_eq!(records.len(), 2, "{bad}");
        assert_eq!(records[1].0, 3);
        assert_eq!(skipped.len(), 1);
        assert_eq!(skipped[0].line, 2);
        assert!(skipped[0].reason.contains(needle), "{:?}", skipped[0]);
    }
}

#[test]
fn jsonl_unknown_kind_lists_valid_kinds() {
    let err = first_error(
        br#"{"id": "Q2", "name": "X", "kind": "town"}"#,
        InputFormat::Jsonl,
        "x.jsonl",
    );
    assert!(matches!(err.kind(), ErrorKind::Parse { .. }));
    assert_eq!(
        err.to_string(),
        "x.jsonl:line 1, field `kind`: expected one of person, org, place, other, found \"town\""
    );
}

#[test]
fn jsonl_invalid_json_names_line_and_column() {
    let input = b"{\"id\": \"Q1\", \"name\": \"A\", \"kind\": \"other\"}\n\n{\"id\": \"Q2\",, }\n";
    let err = first_error(input, InputFormat::Jsonl, "in.jsonl");
    assert_eq!(err.line(), Some(3));
    let message = err.to_string();
    assert!(
        message.starts_with("in.jsonl:line 3: expected a JSON object"),
        "{message}"
    );
    assert!(message.contains("column 13"), "{message}");
    assert!(!message.contains("line 1 column"), "{message}");
}

#[test]
fn jsonl_invalid_utf8() {
    let path = data("bad-utf8.jsonl");
    let mut reader = RecordReader::new(
        open_input(&path).unwrap(),
        InputFormat::Jsonl,
        SourceOptions::default(),
    )
    .with_path(&path);
    assert_eq!(reader.next().unwrap().unwrap().1.id, "Q1");
    let err = reader.next().unwrap().unwrap_err();
    assert!(reader.next().is_none());
    assert!(
        matches!(err.kind(), ErrorKind::Utf8 { byte_offset: 26 }),
        "{:?}",
        err.kind()
    );
    assert_eq!(err.line(), Some(2));
    let message = err.to_string();
    assert!(message.contains("bad-utf8.jsonl:line 2"), "{message}");
    assert!(message.contains("byte offset 26"), "{message}");

    let (records, skipped) = read_file("bad-utf8.jsonl", InputFormat::Jsonl, skipping());
    assert_eq!(ids(&records), ["Q1", "Q3"]);
    assert_eq!(
        skipped,
        [Skipped {
            line: 2,
            reason: "invalid UTF-8 at byte offset 26".to_string()
        }]
    );
}

#[test]
fn line_longer_than_the_limit() {
    let record = r#"{"id": "Q1", "name": "A", "kind": "other"}"#;
    let exact = format!("{record:<100}"); // padded with spaces to exactly 100 bytes
    let long = format!(
        r#"{{"id": "Q2", "name": "{}", "kind": "other"}}"#,
        "x".repeat(200)
    );
    let input = format!("{exact}\n{long}\n{exact}\r\n");
    let options = SourceOptions {
        max_line_bytes: 100,
        ..SourceOptions::default()
    };
    let mut reader = RecordReader::new(input.as_bytes(), InputFormat::Jsonl, options.clone())
        .with_path("big.jsonl");
    assert!(
        reader.next().unwrap().is_ok(),
        "a line of exactly the limit is read"
    );
    let err = reader.next().unwrap().unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Limit(_)), "{err}");
    assert_eq!(err.line(), Some(2));
    assert!(
        err.to_string()
            .starts_with("big.jsonl:line 2: limit exceeded"),
        "{err}"
    );
    assert!(reader.next().is_none());

    let (records, skipped) = read_str(
        &input,
        InputFormat::Jsonl,
        SourceOptions {
            skip_bad_records: true,
            ..options
        },
    );
    assert_eq!(records.len(), 2);
    assert_eq!(records[1].0, 3, "lines are counted across the long line");
    assert_eq!(skipped.len(), 1);
    assert_eq!(skipped[0].line, 2);
    assert!(skipped[0].reason.contains("241 bytes"), "{:?}", skipped[0]);
}

#[test]
fn one_bad_line_among_many() {
    let (records, skipped) = read_file("entities-one-bad.jsonl", InputFormat::Jsonl, skipping());
    assert_eq!(records.len(), 19);
    assert!(records.iter().all(|(line, r)| r.id == format!("E{line}")));
    assert!(!ids(&records).contains(&"E7"));
    assert_eq!(skipped.len(), 1);
    assert_eq!(skipped[0].line, 7);
    assert!(skipped[0].reason.contains("\"persn\""), "{:?}", skipped[0]);
    assert!(
        skipped[0].reason.contains("field `kind`"),
        "{:?}",
        skipped[0]
    );

    // Without skipping, reading stops at line 7.
    let path = data("entities-one-bad.jsonl");
    let items: Vec<_> = RecordReader::new(
        open_input(&path).unwrap(),
        InputFormat::Jsonl,
        SourceOptions::default(),
    )
    .with_path(&path)
    .collect();
    assert_eq!(items.len(), 7);
    let err = items[6].as_ref().unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("entities-one-bad.jsonl:line 7"),
        "{message}"
    );
}

#[test]
fn skipped_list_is_capped_but_counted() {
    let input = "x\n".repeat(10);
    let options = SourceOptions {
        skip_bad_records: true,
        max_skipped: 3,
        ..SourceOptions::default()
    };
    let mut reader = RecordReader::new(input.as_bytes(), InputFormat::Jsonl, options);
    assert_eq!(reader.by_ref().count(), 0);
    assert_eq!(reader.skipped().len(), 3);
    assert_eq!(reader.skipped_count(), 10);
    assert_eq!(reader.line(), 10);
    let json = serde_json::to_value(&reader.skipped()[0]).unwrap();
    assert_eq!(json["line"], 1);
}

#[test]
fn open_input_missing_file_names_it() {
    let err = match open_input(&data("no-such-file.jsonl")) {
        Ok(_) => panic!("opened a missing file"),
        Err(e) => e,
    };
    assert!(matches!(err.kind(), ErrorKind::Io(_)));
    assert!(err.to_string().contains("no-such-file.jsonl"), "{err}");
}

#[test]
fn open_input_detects_gzip_by_magic() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sample-without-gz-suffix.json");
    std::fs::copy(data("wikidata-sample.json.gz"), &path).unwrap();
    let (a, _) = read_file(
        "wikidata-sample.json",
        InputFormat::Wikidata,
        SourceOptions::default(),
    );
    let reader = RecordReader::new(
        open_input(&path).unwrap(),
        InputFormat::Wikidata,
        SourceOptions::default(),
    );
    let b = reader.collect::<Result<Vec<_>, _>>().unwrap();
    assert_eq!(a, b);
}

#[test]
fn damaged_gzip_is_an_io_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged.json.gz");
    let mut bytes = std::fs::read(data("wikidata-sample.json.gz")).unwrap();
    let n = bytes.len();
    bytes.truncate(n / 2);
    std::fs::write(&path, &bytes).unwrap();
    let reader = RecordReader::new(
        open_input(&path).unwrap(),
        InputFormat::Wikidata,
        skipping(),
    )
    .with_path(&path);
    let items: Vec<_> = reader.collect();
    let err = items.last().unwrap().as_ref().unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Io(_)), "{err}");
    assert!(err.to_string().contains("damaged.json.gz:line"), "{err}");
}

#[test]
fn formats_by_name_and_path() {
    assert_eq!(InputFormat::parse("JSONL"), Some(InputFormat::Jsonl));
    assert_eq!(InputFormat::parse("tsv"), Some(InputFormat::Tsv));
    assert_eq!(InputFormat::parse("wikidata"), Some(InputFormat::Wikidata));
    assert_eq!(InputFormat::parse("json"), None);
    let by_path = |p: &str| InputFormat::from_path(Path::new(p));
    assert_eq!(by_path("a/b.jsonl"), Some(InputFormat::Jsonl));
    assert_eq!(by_path("b.ndjson.gz"), Some(InputFormat::Jsonl));
    assert_eq!(by_path("b.TSV"), Some(InputFormat::Tsv));
    assert_eq!(by_path("latest-all.json"), Some(InputFormat::Wikidata));
    assert_eq!(by_path("latest-all.json.gz"), Some(InputFormat::Wikidata));
    assert_eq!(by_path("b.gz"), None);
    assert_eq!(by_path("b"), None);
    for f in [InputFormat::Jsonl, InputFormat::Tsv, InputFormat::Wikidata] {
        assert_eq!(InputFormat::parse(&f.to_string()), Some(f));
    }
}

// ---------------------------------------------------------------------------
// TSV

#[test]
fn tsv_groups_consecutive_lines() {
    let (records, skipped) = read_file("entities.tsv", InputFormat::Tsv, SourceOptions::default());
    assert!(skipped.is_empty());
    let lines: Vec<u64> = records.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, [3, 8, 10, 11, 13]);
    assert_eq!(
        ids(&records),
        ["Q7747", "Q458", "Q90", "local:wang-yi", "Q7747"]
    );
    assert_eq!(
        records[0].1,
        EntityRecord::new("Q7747", "Vladimir Putin", EntityKind::Person)
            .alias("Владимир Путин", Some("ru"))
            .alias("Wladimir Putin", Some("de"))
            .alias("Putin", None)
    );
    assert_eq!(records[1].1.kind, EntityKind::Org);
    assert_eq!(
        records[1].1.aliases,
        [
            alias("EU", Some("en")),
            alias("Europäische Union", Some("de"))
        ]
    );
    assert_eq!(
        records[2].1,
        EntityRecord::new("Q90", "Paris", EntityKind::Place)
    );
    assert_eq!(
        records[3].1.aliases,
        [alias("王毅", Some("zh")), alias("Vương Nghị", Some("vi"))]
    );
    // A non-consecutive repeat is a second record with the same id.
    assert_eq!(records[4].1.aliases, [alias("Путин", Some("ru"))]);
}

#[test]
fn tsv_header_only_on_the_first_line() {
    let (records, _) = read_str(
        "id\tname\tkind\nQ1\tA\tother\n",
        InputFormat::Tsv,
        SourceOptions::default(),
    );
    assert_eq!(ids(&records), ["Q1"]);
    let err = first_error(b"Q1\tA\tother\nid\tname\tkind\n", InputFormat::Tsv, "t.tsv");
    assert_eq!(err.line(), Some(2));
    assert_eq!(field(&err), Some("kind"));
}

#[test]
fn tsv_comments_blank_lines_and_crlf() {
    let input = "# comment\r\n\r\nQ1\tA\tperson\tAy\ten\r\n# in between\r\nQ1\tA\tperson\tEi\r\n";
    let (records, skipped) = read_str(input, InputFormat::Tsv, SourceOptions::default());
    assert!(skipped.is_empty());
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].0, 3);
    assert_eq!(
        records[0].1.aliases,
        [alias("Ay", Some("en")), alias("Ei", None)]
    );
}

#[test]
fn tsv_wrong_column_count() {
    for (bad, found) in [
        ("Q2\tB", "found 2 columns"),
        ("Q2", "found 1 column"),
        ("Q2\tB\tother\ta\ten\textra", "found 6 columns"),
    ] {
        let input = format!("Q1\tA\tother\n{bad}\nQ3\tC\tother\n");
        let err = first_error(input.as_bytes(), InputFormat::Tsv, "t.tsv");
        let message = err.to_string();
        assert_eq!(err.line(), Some(2), "{message}");
        assert!(
            message.starts_with("t.tsv:line 2: expected 5 tab-separated columns"),
            "{message}"
        );
        assert!(message.ends_with(found), "{message}");

        let (records, skipped) = read_str(&input, InputFormat::Tsv, skipping());
        assert_eq!(ids(&records), ["Q1", "Q3"]);
        assert_eq!(skipped.len(), 1);
        assert_eq!(skipped[0].line, 2);
    }
}

#[test]
fn tsv_bad_fields() {
    for (bad, expected_field) in [
        ("\tB\tother", "id"),
        ("Q2\t \tother", "name"),
        ("Q2\tB\tthing", "kind"),
        ("Q2\tB\tother\t\ten", "alias"),
    ] {
        let input = format!("Q1\tA\tother\n{bad}\n");
        let err = first_error(input.as_bytes(), InputFormat::Tsv, "t.tsv");
        assert_eq!(err.line(), Some(2), "{err}");
        assert_eq!(field(&err), Some(expected_field), "{err}");
    }
}

#[test]
fn tsv_conflicting_name_or_kind() {
    let input = "Q1\tVladimir Putin\tperson\tA\nQ1\tWladimir Putin\tperson\tB\nQ1\tVladimir Putin\tperson\tC\n";
    let err = first_error(input.as_bytes(), InputFormat::Tsv, "t.tsv");
    assert!(matches!(err.kind(), ErrorKind::InvalidEntity(_)));
    assert_eq!(err.line(), Some(2));
    assert_eq!(field(&err), Some("name"));
    let message = err.to_string();
    assert!(message.contains("\"Vladimir Putin\""), "{message}");
    assert!(message.contains("\"Wladimir Putin\""), "{message}");
    assert!(message.contains("line 1"), "{message}");

    let err = first_error(b"Q1\tA\tperson\nQ1\tA\torg\n", InputFormat::Tsv, "t.tsv");
    assert_eq!(field(&err), Some("kind"));
    assert!(err.to_string().contains("person"), "{err}");
    assert!(err.to_string().contains("org"), "{err}");

    // Skipping: only the conflicting line is dropped.
    let (records, skipped) = read_str(input, InputFormat::Tsv, skipping());
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].1.name, "Vladimir Putin");
    assert_eq!(records[0].1.aliases, [alias("A", None), alias("C", None)]);
    assert_eq!(skipped.len(), 1);
    assert_eq!(skipped[0].line, 2);
}

#[test]
fn tsv_last_group_without_newline() {
    let (records, _) = read_str(
        "Q1\tA\tother\tx\nQ1\tA\tother\ty",
        InputFormat::Tsv,
        SourceOptions::default(),
    );
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].1.aliases.len(), 2);
}

// ---------------------------------------------------------------------------
// Wikidata

fn record<'a>(records: &'a [(u64, EntityRecord)], id: &str) -> &'a EntityRecord {
    &records
        .iter()
        .find(|(_, r)| r.id == id)
        .unwrap_or_else(|| panic!("no {id}"))
        .1
}

#[test]
fn wikidata_sample() {
    let (records, skipped) = read_file(
        "wikidata-sample.json",
        InputFormat::Wikidata,
        SourceOptions::default(),
    );
    assert_eq!(
        ids(&records),
        ["Q7747", "Q458", "Q90", "Q312", "Q999999901", "Q999999902"]
    );
    let lines: Vec<u64> = records.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, [2, 3, 5, 6, 7, 8]);
    // The property is skipped (always recorded: it is not an error).
    assert_eq!(skipped.len(), 1);
    assert_eq!(skipped[0].line, 4);
    assert!(
        skipped[0].reason.contains("`P31` is not an item"),
        "{:?}",
        skipped[0]
    );

    let kinds: Vec<EntityKind> = records.iter().map(|(_, r)| r.kind).collect();
    use EntityKind::*;
    assert_eq!(kinds, [Person, Org, Place, Org, Person, Other]);

    let putin = record(&records, "Q7747");
    assert_eq!(putin.name, "Vladimir Putin");
    assert_eq!(
        putin.aliases,
        [
            alias("Wladimir Putin", Some("de")),
            alias("Владимир Владимирович Путин", Some("ru")),
            alias("Vladimir Vladimirovich Putin", Some("vi")),
            alias("弗拉基米尔·普京", Some("zh")),
            alias("Wladimir Wladimirowitsch Putin", Some("de")),
            alias("Putin", Some("de")),
            alias("Putin", Some("en")),
            alias("Vladimir Vladimirovich Putin", Some("en")),
            alias("Путин", Some("ru")),
            alias("Владимир Путин", Some("ru")),
            alias("普京", Some("zh")),
        ]
    );
    assert_eq!(putin.metadata["wikidata_p31"], json!(["Q5"]));

    let eu = record(&records, "Q458");
    assert_eq!(eu.name, "European Union");
    assert_eq!(eu.metadata["wikidata_p31"], json!(["Q1335818", "Q484652"]));
    assert!(eu.aliases.contains(&alias("EU", Some("en"))));
    assert!(eu.aliases.contains(&alias("EU", Some("de"))));

    // Paris: the deprecated P31 (Q5) is ignored.
    let paris = record(&records, "Q90");
    assert_eq!(paris.name, "Paris");
    assert_eq!(
        paris.metadata["wikidata_p31"],
        json!(["Q200250", "Q1549591", "Q5119", "Q484170"])
    );
    assert!(paris.aliases.contains(&alias("Paris", Some("fr"))));
    assert!(!paris.aliases.contains(&alias("Paris", Some("en"))));

    // Apple: P31 in the old numeric-id form.
    let apple = record(&records, "Q312");
    assert_eq!(
        apple.metadata["wikidata_p31"],
        json!(["Q4830453", "Q891723"])
    );

    // No `en` label: the first label in sorted language order; (name, lang)
    // duplicates are dropped.
    let wang = record(&records, "Q999999901");
    assert_eq!(wang.name, "Wang Yi (Testperson)");
    assert_eq!(
        wang.aliases,
        [
            alias("Vương Nghị", Some("vi")),
            alias("王毅", Some("zh")),
            alias("Vuong Nghi", Some("vi")),
        ]
    );

    // Empty maps written as `[]`, an empty `mul` label, no P31.
    let other = record(&records, "Q999999902");
    assert_eq!(other.name, "Exemple sans étiquette anglaise");
    assert!(other.aliases.is_empty());
    assert!(other.metadata.is_empty());
}

#[test]
fn wikidata_language_filter() {
    let (records, skipped) = read_file(
        "wikidata-sample.json",
        InputFormat::Wikidata,
        languages(&["en", "de"]),
    );
    assert_eq!(
        ids(&records),
        ["Q7747", "Q458", "Q90", "Q312", "Q999999901"]
    );
    for (_, r) in &records {
        for a in &r.aliases {
            let lang = a.lang.as_deref();
            assert!(lang == Some("en") || lang == Some("de"), "{}: {a:?}", r.id);
        }
    }
    assert_eq!(
        record(&records, "Q7747").aliases,
        [
            alias("Wladimir Putin", Some("de")),
            alias("Wladimir Wladimirowitsch Putin", Some("de")),
            alias("Putin", Some("de")),
            alias("Putin", Some("en")),
            alias("Vladimir Vladimirovich Putin", Some("en")),
        ]
    );
    let wang = record(&records, "Q999999901");
    assert_eq!(wang.name, "Wang Yi (Testperson)");
    assert!(wang.aliases.is_empty());
    assert_eq!(
        skipped,
        [
            Skipped {
                line: 4,
                reason: "`P31` is not an item (only Q-ids are read)".to_string()
            },
            Skipped {
                line: 8,
                reason: "no label in the selected languages".to_string()
            },
        ]
    );
}

#[test]
fn wikidata_canonical_name_follows_the_filter_order() {
    let (records, _) = read_file(
        "wikidata-sample.json",
        InputFormat::Wikidata,
        languages(&["zh", "vi"]),
    );
    let wang = record(&records, "Q999999901");
    assert_eq!(wang.name, "王毅");
    assert_eq!(
        wang.aliases,
        [
            alias("Vương Nghị", Some("vi")),
            alias("Vuong Nghi", Some("vi"))
        ]
    );
    // `en` is preferred whenever it is kept.
    let (records, _) = read_file(
        "wikidata-sample.json",
        InputFormat::Wikidata,
        languages(&["zh", "en"]),
    );
    assert_eq!(record(&records, "Q7747").name, "Vladimir Putin");
    let (records, _) = read_file(
        "wikidata-sample.json",
        InputFormat::Wikidata,
        languages(&["vi", "zh"]),
    );
    assert_eq!(record(&records, "Q999999901").name, "Vương Nghị");
    assert_eq!(
        record(&records, "Q7747").name,
        "Vladimir Vladimirovich Putin"
    );
}

#[test]
fn wikidata_gzip_parity() {
    for options in [SourceOptions::default(), languages(&["ru"])] {
        let plain = read_file(
            "wikidata-sample.json",
            InputFormat::Wikidata,
            options.clone(),
        );
        let gzip = read_file("wikidata-sample.json.gz", InputFormat::Wikidata, options);
        assert_eq!(plain, gzip);
    }
}

#[test]
fn wikidata_plain_jsonl_of_entities() {
    let dump = std::fs::read_to_string(data("wikidata-sample.json")).unwrap();
    let jsonl: String = dump
        .lines()
        .filter(|l| *l != "[" && *l != "]")
        .map(|l| format!("{}\n", l.trim_end_matches(',')))
        .collect();
    let (a, a_skipped) = read_str(&dump, InputFormat::Wikidata, SourceOptions::default());
    let (b, b_skipped) = read_str(&jsonl, InputFormat::Wikidata, SourceOptions::default());
    let strip = |v: Vec<(u64, EntityRecord)>| v.into_iter().map(|(_, r)| r).collect::<Vec<_>>();
    assert_eq!(strip(a), strip(b));
    assert_eq!(a_skipped.len(), b_skipped.len());
}

#[test]
fn wikidata_bad_entities() {
    let good = r#"{"type":"item","id":"Q1","labels":{"en":{"language":"en","value":"One"}}},"#;
    let cases: &[(&str, Option<&str>, &str)] = &[
        (
            r#"{"type":"item","labels":{"en":{"language":"en","value":"X"}}},"#,
            Some("id"),
            "no `id` field",
        ),
        (
            r#"{"type":"item","id":"","labels":{}},"#,
            Some("id"),
            "empty string",
        ),
        (
            r#"{"type":"item","id":"Q2","labels":"X"},"#,
            None,
            "invalid JSON",
        ),
        (
            r#"{"type":"item","id":"Q2","labels":[1]},"#,
            None,
            "non-empty array",
        ),
        (
            r#"{"type":"item","id":"Q2","labels":{"en":{"language":"en"}}},"#,
            None,
            "value",
        ),
        (
            r#"{"type":"item","id":"Q2","claims":{"P31":{}}},"#,
            None,
            "invalid JSON",
        ),
        (r#"{"type":"item","id":"Q2","#, None, "invalid JSON"),
        (r#""Q2","#, None, "string \"Q2\""),
        ("garbage", None, "\"garbage\""),
    ];
    for (bad, expected_field, needle) in cases {
        let input = format!("[\n{good}\n{bad}\n{}\n]\n", good.trim_end_matches(','));
        let err = first_error(input.as_bytes(), InputFormat::Wikidata, "dump.json");
        let message = err.to_string();
        assert_eq!(err.line(), Some(3), "{message}");
        assert_eq!(field(&err), *expected_field, "{message}");
        assert!(message.starts_with("dump.json:line 3"), "{message}");
        assert!(
            message.contains(needle),
            "{message} should contain {needle}"
        );

        let (records, skipped) = read_str(&input, InputFormat::Wikidata, skipping());
        assert_eq!(records.len(), 2, "{bad}");
        assert_eq!(skipped.len(), 1, "{bad}");
        assert_eq!(skipped[0].line, 3);
    }
}

#[test]
fn wikidata_kinds_from_p31() {
    let entity = |p31: &[&str]| {
        let claims: Vec<String> = p31
            .iter()
            .map(|q| {
                format!(
                    r#"{{"mainsnak":{{"snaktype":"value","property":"P31","datavalue":{{"value":{{"entity-type":"item","id":"{q}"}},"type":"wikibase-entityid"}}}},"type":"statement","rank":"normal"}}"#
                )
            })
            .collect();
        format!(
            r#"{{"id":"Q1","labels":{{"en":{{"language":"en","value":"X"}}}},"claims":{{"P31":[{}]}}}}"#,
            claims.join(",")
        )
    };
    let kind = |p31: &[&str]| {
        let (records, _) = read_str(
            &entity(p31),
            InputFormat::Wikidata,
            SourceOptions::default(),
        );
        records[0].1.kind
    };
    assert_eq!(kind(&["Q5"]), EntityKind::Person);
    assert_eq!(kind(&["Q7278"]), EntityKind::Org);
    assert_eq!(kind(&["Q3918"]), EntityKind::Org);
    assert_eq!(kind(&["Q6256", "Q3624078"]), EntityKind::Place);
    assert_eq!(kind(&["Q515"]), EntityKind::Place);
    assert_eq!(kind(&["Q11424"]), EntityKind::Other); // film
    assert_eq!(kind(&[]), EntityKind::Other);
    // A somevalue snak (no datavalue) names no class.
    let somevalue = r#"{"id":"Q1","labels":{"en":{"language":"en","value":"X"}},"claims":{"P31":[{"mainsnak":{"snaktype":"somevalue","property":"P31"},"rank":"normal"}]}}"#;
    let (records, _) = read_str(somevalue, InputFormat::Wikidata, SourceOptions::default());
    assert_eq!(records[0].1.kind, EntityKind::Other);
    assert!(records[0].1.metadata.is_empty());
}

#[test]
fn wikidata_lexemes_are_skipped() {
    let input = r#"{"type":"lexeme","id":"L7","lemmas":{"en":{"language":"en","value":"cat"}},"lexicalCategory":"Q1084","language":"Q1860"}"#;
    let (records, skipped) = read_str(input, InputFormat::Wikidata, SourceOptions::default());
    assert!(records.is_empty());
    assert_eq!(skipped.len(), 1);
    assert!(skipped[0].reason.contains("`L7` is not an item"));
}

// ---------------------------------------------------------------------------
// Never panic

/// Reads everything, checking the iterator's contract.
fn drain(input: &[u8], format: InputFormat, options: SourceOptions) {
    let skip = options.skip_bad_records;
    let lines = input.split(|&b| b == b'\n').count() as u64;
    let mut reader = RecordReader::new(input, format, options).with_path("fuzz");
    let mut count = 0u64;
    while let Some(item) = reader.next() {
        count += 1;
        assert!(count <= lines + 1);
        match item {
            Ok((line, record)) => {
                assert!(line >= 1 && line <= reader.line().max(1));
                assert!(!record.id.trim().is_empty());
                assert!(!record.name.trim().is_empty());
                assert!(record.aliases.iter().all(|a| !a.name.trim().is_empty()));
            }
            Err(e) => {
                assert!(!skip || matches!(e.kind(), ErrorKind::Io(_)), "{e}");
                assert!(e.line().is_some());
                assert!(e.to_string().starts_with("fuzz:line "));
                assert!(reader.next().is_none(), "the iteration ends after an error");
                break;
            }
        }
    }
    assert!(reader
        .skipped()
        .iter()
        .all(|s| s.line >= 1 && s.line <= reader.line()));
}

const FRAGMENTS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\n",
    "\t",
    "\r",
    " ",
    "\"",
    "\u{feff}",
    "\u{ff}",
    "null",
    "1",
    "-0.5e3",
    "\"id\"",
    "\"Q1\"",
    "\"P1\"",
    "\"name\"",
    "\"X\"",
    "\"\"",
    "\"kind\"",
    "\"person\"",
    "\"org\"",
    "\"aliases\"",
    "\"lang\"",
    "\"en\"",
    "\"labels\"",
    "\"language\"",
    "\"value\"",
    "\"claims\"",
    "\"P31\"",
    "\"mainsnak\"",
    "\"datavalue\"",
    "\"numeric-id\"",
    "\"rank\"",
    "\"deprecated\"",
    "{\"id\":\"Q1\",\"labels\":{\"en\":{\"language\":\"en\",\"value\":\"X\"}}}",
    "{\"id\":\"Q1\",\"name\":\"X\",\"kind\":\"other\",\"aliases\":[",
    "Q1\tX\tperson",
    "Q1\tY\torg\ta\ten",
    "id\tname",
    "#",
];

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600), small in any::<bool>()) {
        for format in [InputFormat::Jsonl, InputFormat::Tsv, InputFormat::Wikidata] {
            for skip in [false, true] {
                let options = SourceOptions {
                    skip_bad_records: skip,
                    max_line_bytes: if small { 16 } else { 1 << 20 },
                    languages: if small { Some(vec!["en".into()]) } else { None },
                    ..SourceOptions::default()
                };
                drain(&bytes, format, options);
            }
        }
    }

    #[test]
    fn structured_garbage_never_panics(parts in proptest::collection::vec(proptest::sample::select(FRAGMENTS), 0..60)) {
        let input = parts.concat();
        for format in [InputFormat::Jsonl, InputFormat::Tsv, InputFormat::Wikidata] {
            for skip in [false, true] {
                let options = SourceOptions { skip_bad_records: skip, ..SourceOptions::default() };
                drain(input.as_bytes(), format, options);
            }
        }
    }
}
