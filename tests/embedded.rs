//! The embedded default dictionary: current with its sources, and resolving
//! the names of the project's sample article.

use polyonym::Resolver;

#[test]
fn embedded_dictionary_is_current() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let (bytes, _) = polyonym::embedded::build(root).expect("sources build");
    let current = std::fs::read(root.join(polyonym::embedded::COMPILED)).expect("compiled file");
    assert!(
        bytes == current,
        "data/embedded/default.poly is stale (its sources or the normalizer changed): \
         run `cargo run --release --example build_embedded` and commit the result"
    );
}

#[test]
fn embedded_dictionary_verifies() {
    let dict = polyonym::embedded::dictionary();
    dict.verify().expect("checksums");
    assert!(dict.entity_count() > 1000);
}

/// (query, expected entity id, whether the query names only a surname and
/// may be ambiguous)
const CASES: &[(&str, &str, bool)] = &[
    ("Vuong Nghi", "polyonym:person/wang-yi", false),
    ("Vương Nghị", "polyonym:person/wang-yi", false),
    ("Wang Yi", "polyonym:person/wang-yi", false),
    ("王毅", "polyonym:person/wang-yi", false),
    ("Mr. Vuong", "polyonym:person/wang-yi", true),
    ("Kaja Kallas", "polyonym:person/kaja-kallas", false),
    ("Ms. Kallas", "polyonym:person/kaja-kallas", true),
    ("Kallas", "polyonym:person/kaja-kallas", true),
    ("U. von der Leyen", "Q60772", false),
    ("Ursula von der Leyen", "Q60772", false),
    ("Tập Cận Bình", "Q15031", false),
    ("习近平", "Q15031", false),
    ("習近平", "Q15031", false),
    ("Xi Jinping", "Q15031", false),
    ("Li Qiang", "polyonym:person/li-qiang", false),
    ("Antonio Costa", "polyonym:person/antonio-costa", false),
    ("Liên minh châu Âu", "Q458", false),
    ("European Union", "Q458", false),
    ("Trung Quốc", "Q148", false),
    ("China", "Q148", false),
    ("Брюссель", "geonames:2800866", false),
    ("Brussels", "geonames:2800866", false),
    ("NPT", "polyonym:other/npt", false),
    (
        "European External Action Service",
        "polyonym:org/european-external-action-service",
        false,
    ),
    ("European Council", "Q8886", false),
    ("European Commission", "Q8880", false),
    ("Russia", "Q159", false),
    ("Ukraine", "Q212", false),
    ("Iran", "Q794", false),
    ("Middle East", "polyonym:place/middle-east", false),
];

#[test]
fn resolves_the_article_names() {
    let resolver = Resolver::embedded();
    let mut failures = Vec::new();
    for (query, id, partial) in CASES {
        let r = resolver.resolve(query);
        let ids: Vec<&str> = r.matches.iter().map(|m| m.id.as_str()).collect();
        let ok = if *partial {
            ids.contains(id)
        } else {
            ids.first() == Some(id)
        };
        if !ok {
            failures.push(format!("{query:?}: expected {id}, got {ids:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
