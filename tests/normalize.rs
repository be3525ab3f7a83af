//! Behaviour cases for the normalizer, as data: `data/tests/normalize.toml`.
//!
//! One test runs every case and reports every failure together (case, field,
//! expected, got), so a change to the rules shows its whole effect at once.
//! The fields a case may carry are described at the top of the TOML file.

use std::collections::BTreeSet;

use polyonym::{KeyKind, NormalizedName, Normalizer, TokenRole};
use serde::Deserialize;

const CASES: &str = include_str!("../data/tests/normalize.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    case: Vec<Case>,
}

/// A field that takes one value or a list of them.
#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

impl<T> OneOrMany<T> {
    fn into_vec(self) -> Vec<T> {
        match self {
            OneOrMany::One(t) => vec![t],
            OneOrMany::Many(v) => v,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyRelation {
    with: String,
    /// A key kind name ("exact", "sorted", "skeleton" …); any kind if absent.
    kind: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KeySpec {
    kind: String,
    text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    lang: Option<String>,
    script: Option<String>,
    #[allow(dead_code)]
    note: Option<String>,
    text: Option<String>,
    tokens: Option<Vec<String>>,
    roles: Option<Vec<String>>,
    titles: Option<Vec<String>>,
    gender: Option<String>,
    inverted: Option<bool>,
    truncated: Option<bool>,
    scripts: Option<Vec<String>>,
    has_spelling: Option<OneOrMany<String>>,
    has_key: Option<OneOrMany<KeySpec>>,
    shares_key: Option<OneOrMany<KeyRelation>>,
    shares_no_key: Option<OneOrMany<KeyRelation>>,
}

fn role_name(role: TokenRole) -> &'static str {
    match role {
        TokenRole::Name => "name",
        TokenRole::Initial => "initial",
        TokenRole::Particle => "particle",
        TokenRole::Suffix => "suffix",
        TokenRole::Number => "number",
        _ => "other",
    }
}

/// The serialized (lowercase) name of a serde-serializable enum value.
fn serde_name<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn kind_named(name: &str) -> Option<KeyKind> {
    KeyKind::ALL.into_iter().find(|k| k.name() == name)
}

/// Keys of `name` of the given kind (all kinds if `None`).
fn keys_of(name: &NormalizedName, kind: Option<KeyKind>) -> BTreeSet<String> {
    name.keys()
        .into_iter()
        .filter(|k| kind.is_none_or(|kind| k.kind == kind))
        .map(|k| format!("{}:{}", k.kind.name(), k.text))
        .collect()
}

struct Failures(Vec<String>);

impl Failures {
    fn check<T: std::fmt::Debug + PartialEq>(
        &mut self,
        case: &str,
        field: &str,
        expected: &T,
        got: &T,
    ) {
        if expected != got {
            self.0.push(format!(
                "{case:?}: {field}: expected {expected:?}, got {got:?}"
            ));
        }
    }

    fn fail(&mut self, case: &str, field: &str, message: String) {
        self.0.push(format!("{case:?}: {field}: {message}"));
    }
}

fn run_case(normalizer: &Normalizer, case: Case, failures: &mut Failures) {
    let n = normalizer.normalize(&case.name);
    let id = case.name.as_str();
    if let Some(text) = &case.text {
        failures.check(id, "text", text, &n.text());
    }
    if let Some(tokens) = &case.tokens {
        let got: Vec<String> = n.tokens().iter().map(|t| t.text.clone()).collect();
        failures.check(id, "tokens", tokens, &got);
    }
    if let Some(roles) = &case.roles {
        let got: Vec<String> = n
            .tokens()
            .iter()
            .map(|t| role_name(t.role).to_string())
            .collect();
        failures.check(id, "roles", roles, &got);
    }
    if let Some(titles) = &case.titles {
        let got: Vec<String> = n.titles.iter().map(|t| t.text.clone()).collect();
        failures.check(id, "titles", titles, &got);
    }
    if let Some(gender) = &case.gender {
        let got = n.gender.map_or("none".to_string(), |g| serde_name(&g));
        failures.check(id, "gender", gender, &got);
    }
    if let Some(inverted) = case.inverted {
        failures.check(id, "inverted", &inverted, &n.inverted);
    }
    if let Some(truncated) = case.truncated {
        failures.check(id, "truncated", &truncated, &n.truncated);
    }
    if let Some(scripts) = &case.scripts {
        let got: Vec<String> = n.scripts.iter().map(serde_name).collect();
        failures.check(id, "scripts", scripts, &got);
    }
    let spellings: Vec<String> = n
        .spellings
        .iter()
        .map(|s| {
            s.iter()
                .map(|t| t.text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    for spelling in case
        .has_spelling
        .map(OneOrMany::into_vec)
        .unwrap_or_default()
    {
        if !spellings.contains(&spelling) {
            failures.fail(
                id,
                "has_spelling",
                format!("expected {spelling:?} among {spellings:?}"),
            );
        }
    }
    for spec in case.has_key.map(OneOrMany::into_vec).unwrap_or_default() {
        let Some(kind) = kind_named(&spec.kind) else {
            failures.fail(id, "has_key", format!("unknown key kind {:?}", spec.kind));
            continue;
        };
        let keys = keys_of(&n, Some(kind));
        let want = format!("{}:{}", spec.kind, spec.text);
        if !keys.contains(&want) {
            failures.fail(id, "has_key", format!("expected {want:?} among {keys:?}"));
        }
    }
    let relations = [
        ("shares_key", true, case.shares_key),
        ("shares_no_key", false, case.shares_no_key),
    ];
    for (field, want_shared, relation) in relations {
        for rel in relation.map(OneOrMany::into_vec).unwrap_or_default() {
            let kind = match rel.kind.as_deref() {
                None | Some("any") => None,
                Some(k) => match kind_named(k) {
                    Some(kind) => Some(kind),
                    None => {
                        failures.fail(id, field, format!("unknown key kind {k:?}"));
                        continue;
                    }
                },
            };
            let mine = keys_of(&n, kind);
            let theirs = keys_of(&normalizer.normalize(&rel.with), kind);
            let shared: Vec<&String> = mine.intersection(&theirs).collect();
            if shared.is_empty() == want_shared {
                failures.fail(
                    id,
                    field,
                    format!(
                        "with {:?} ({}): shared {shared:?}; mine {mine:?}; theirs {theirs:?}",
                        rel.with,
                        rel.kind.as_deref().unwrap_or("any"),
                    ),
                );
            }
        }
    }
}

#[test]
fn normalize_cases() {
    let file: File = toml::from_str(CASES).expect("data/tests/normalize.toml parses");
    let count = file.case.len();
    let mut labels = BTreeSet::new();
    let normalizer = Normalizer::new();
    let mut failures = Failures(Vec::new());
    for case in file.case {
        match (&case.lang, &case.script) {
            (None, None) => failures.fail(&case.name, "lang", "no lang or script label".into()),
            (lang, script) => labels.extend(lang.iter().chain(script).cloned()),
        }
        run_case(&normalizer, case, &mut failures);
    }
    assert!(count >= 150, "only {count} cases");
    assert!(
        labels.len() >= 12,
        "only {} languages/scripts: {labels:?}",
        labels.len()
    );
    assert!(
        failures.0.is_empty(),
        "{} of {count} cases failed:\n{}",
        failures.0.len(),
        failures.0.join("\n")
    );
}
