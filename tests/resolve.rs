//! The resolver through its public API, on small dictionaries built in each
//! test so that every expectation follows from data stated here: each
//! candidate path (exact, sorted, joined, skeleton, initials, single token,
//! name-part groups, fuzzy), the scoring rules (contradicted against
//! missing tokens, IDF, generic organisation words, gender and kind),
//! ambiguity, budgets, explanations, the Han reading bridge, the
//! threshold, overlay layers and `compare`.
//!
//! Token weights are IDF over the dictionary and clamped from below, so in
//! a dictionary of a handful of entities every token weighs the same. The
//! rules that depend on rarity are tested on [`crowd`], a dictionary of
//! [`CROWD`] people sharing a few given names.

use std::sync::OnceLock;

use polyonym::resolve::DEFAULT_THRESHOLD;
use polyonym::{
    compare, compare_kind, Dictionary, DictionaryBuilder, EntityKind, EntityRecord, Match,
    Resolution, Resolver, ResolverConfig,
};

// ---------------------------------------------------------------- helpers

fn person(id: &str, name: &str) -> EntityRecord {
    EntityRecord::new(id, name, EntityKind::Person)
}

/// A person with a recorded gender (`"male"` or `"female"`).
fn gendered(id: &str, name: &str, gender: &str) -> EntityRecord {
    let mut r = person(id, name);
    r.metadata.insert("gender".into(), gender.into());
    r
}

fn org(id: &str, name: &str) -> EntityRecord {
    EntityRecord::new(id, name, EntityKind::Org)
}

fn dictionary(records: impl IntoIterator<Item = EntityRecord>) -> Dictionary {
    let mut b = DictionaryBuilder::new();
    for r in records {
        b.add(r).expect("valid record");
    }
    Dictionary::from_vec(b.finish_to_vec().expect("build")).expect("open")
}

fn resolver(records: impl IntoIterator<Item = EntityRecord>) -> Resolver {
    Resolver::new(dictionary(records))
}

fn resolver_with(
    records: impl IntoIterator<Item = EntityRecord>,
    config: ResolverConfig,
) -> Resolver {
    resolver(records).with_config(config)
}

/// A few people and their aliases, used by most tests.
fn leaders() -> Vec<EntityRecord> {
    vec![
        gendered("kaja", "Kaja Kallas", "female"),
        gendered("siim", "Siim Kallas", "male"),
        gendered("ursula", "Ursula von der Leyen", "female")
            .alias("Урсула фон дер Ляйен", Some("ru")),
        person("zelenskyy", "Volodymyr Zelenskyy"),
        person("xi", "Xi Jinping"),
        gendered("scholz", "Olaf Scholz", "male"),
        person("stubb", "Alexander Stubb"),
        person("merkel", "Angela Dorothea Merkel"),
    ]
}

fn ids(r: &Resolution) -> Vec<&str> {
    r.matches.iter().map(|m| m.id.as_str()).collect()
}

/// The match for `id`, or a panic that shows the whole resolution.
fn match_of<'r>(r: &'r Resolution, id: &str) -> &'r Match {
    r.matches
        .iter()
        .find(|m| m.id == id)
        .unwrap_or_else(|| panic!("no match {id} in {}", dump(r)))
}

/// The best match, which must be `id`.
fn best<'r>(r: &'r Resolution, id: &str) -> &'r Match {
    let m = r
        .best()
        .unwrap_or_else(|| panic!("no match at all: {}", dump(r)));
    assert_eq!(m.id, id, "{}", dump(r));
    m
}

/// The best match, which must be `id`, reached through a reading of the
/// query explained as `adjustment`.
fn best_read_as<'r>(r: &'r Resolution, id: &str, adjustment: &str) -> &'r Match {
    let m = best(r, id);
    assert!(
        m.explanation
            .detail
            .adjustments
            .iter()
            .any(|a| a.starts_with(adjustment)),
        "{}",
        dump(r)
    );
    m
}

fn dump(r: &Resolution) -> String {
    serde_json::to_string_pretty(r).expect("serializable")
}

fn found_by(m: &Match) -> &[String] {
    &m.explanation.found_by
}

fn has_found_by(m: &Match, kind: &str) -> bool {
    found_by(m).iter().any(|k| k == kind)
}

fn rules(m: &Match) -> Vec<&str> {
    m.explanation
        .detail
        .alignment
        .iter()
        .map(|p| p.rule.as_str())
        .collect()
}

/// Asserts that the best match of `query` is `id`, found by a key of
/// `kind`, and returns it.
fn assert_path<'r>(r: &'r Resolution, id: &str, kind: &str) -> &'r Match {
    let m = best(r, id);
    assert!(
        has_found_by(m, kind),
        "{}: found_by {:?}, expected {kind}",
        r.query,
        found_by(m)
    );
    m
}

/// Asserts that none of `queries` matches anything.
fn assert_unmatched(resolver: &Resolver, queries: &[&str]) {
    for query in queries {
        let r = resolver.resolve(query);
        assert!(r.matches.is_empty(), "{}", dump(&r));
    }
}

fn fuzzy_pair(m: &Match) -> &polyonym::score::TokenPair {
    m.explanation
        .detail
        .alignment
        .iter()
        .find(|p| p.rule == "fuzzy")
        .unwrap_or_else(|| panic!("no fuzzy pair in {:?}", m.explanation))
}

/// How many people share the crowd's given names: under 1000 (see
/// [`syllable_surname`]), and few enough that the 140 Marias fit the
/// default scoring budget of a one-part query (`max_scored_uncertain`).
const CROWD: usize = 560;

/// The crowd's given names: each is carried by CROWD / 4 people, so it
/// weighs the least a token can.
const COMMON_GIVEN: [&str; 4] = ["Maria", "Anna", "Peter", "Paul"];

/// A surname made of three syllables, distinct for each `i` < 1000, with
/// letters (no h, p, x, y) that keep it far from the named people's
/// surnames.
fn syllable_surname(i: usize) -> String {
    const SYLLABLES: [&str; 10] = ["ba", "ko", "ri", "mu", "te", "lo", "sa", "ne", "di", "vu"];
    [i / 100, i / 10, i]
        .iter()
        .map(|&d| SYLLABLES[d % 10])
        .collect()
}

/// [`CROWD`] people named "<common given name> <syllable surname>", a few
/// named people with rare surnames, and some organisations sharing generic
/// words. Built once.
fn crowd() -> Dictionary {
    static CROWD_DICT: OnceLock<Dictionary> = OnceLock::new();
    CROWD_DICT
        .get_or_init(|| {
            let crowd = (0..CROWD).map(|i| {
                let name = format!("{} {}", COMMON_GIVEN[i % 4], syllable_surname(i));
                person(&format!("crowd-{i}"), &name)
            });
            let named = [
                person("xylo", "Maria Xylophonides"),
                org("ruritania", "Ruritanian National Party"),
                org("freedonia", "Freedonian National Party"),
                org("syldavia", "Syldavian Holding Group"),
            ];
            dictionary(crowd.chain(named))
        })
        .clone()
}

fn crowd_resolver(config: ResolverConfig) -> Resolver {
    Resolver::with_layers(vec![crowd()], config)
}

// ---------------------------------------------------------- candidate paths

/// Exact key: the name as stored finds its entity by the `exact` key,
/// every token aligned `exact`, score 1.
#[test]
fn path_exact_key() {
    let r = resolver(leaders()).resolve("Olaf Scholz");
    let m = assert_path(&r, "scholz", "exact");
    assert_eq!(m.score, 1.0);
    assert_eq!(rules(m), ["exact", "exact"]);
    assert!(!r.ambiguous && !m.ambiguous);
}

/// Token-sorted key: a reordered name ("Kallas Kaja") finds the entity by
/// its `sorted` key, not its exact one.
#[test]
fn path_sorted_key() {
    let r = resolver(leaders()).resolve("Kallas Kaja");
    let m = assert_path(&r, "kaja", "sorted");
    assert!(!has_found_by(m, "exact"), "{:?}", found_by(m));
    assert!(m.score >= 0.97, "{}", dump(&r));
    assert!(!ids(&r).contains(&"siim"), "{}", dump(&r));
}

/// Joined key: a name written without spaces ("xijinping") finds "Xi
/// Jinping" by its `joined` key and scores by the whole-name `joined` rule.
#[test]
fn path_joined_key() {
    let r = resolver(leaders()).resolve("xijinping");
    let m = assert_path(&r, "xi", "joined");
    assert_eq!(
        m.explanation.detail.whole_name_rule.as_deref(),
        Some("joined")
    );
    assert!(m.score >= 0.97, "{}", dump(&r));
}

/// A one-word name is also found through its skeleton one edit from a
/// key: Варшава ("varshava") is three edits from Warsaw, its skeleton
/// "varsava" one from Warsaw's ("varsav").
#[test]
fn path_skeleton_neighbours_of_a_one_word_name() {
    let r = resolver([
        place("warsaw", "Warsaw"),
        place("warwick", "Warwick"),
        place("vaasa", "Vaasa"),
    ]);
    let resolution = r.resolve("Варшава");
    let m = assert_path(&resolution, "warsaw", "skeleton");
    assert!(m.score >= DEFAULT_THRESHOLD, "{}", dump(&resolution));
}

/// A Ukrainian name's first spelling is Ukraine's national system (Ляєн
/// "liaien", three edits from Leyen); its second, the press's ("lyayen",
/// two), is searched fuzzily too.
#[test]
fn ukrainian_names_are_searched_in_the_press_spelling() {
    let r = resolver([
        person("ursula", "Ursula von der Leyen"),
        person("other", "Ursula Lindqvist"),
    ]);
    best(&r.resolve("Урсула фон дер Ляєн"), "ursula");
}

/// Skeleton key: a transliteration variant of the surname ("Selenskyj" for
/// "Zelenskyy") finds the entity by its `skeleton` key.
#[test]
fn path_skeleton_key() {
    let r = resolver(leaders()).resolve("Volodymyr Selenskyj");
    let m = assert_path(&r, "zelenskyy", "skeleton");
    assert!(m.score >= 0.9, "{}", dump(&r));
}

/// A hard c is a k in the scripts that write it by sound: Кууба (kuuba)
/// is Cuba, Макао Macao, their skeletons compared with the c written k.
/// A c before another consonant may be a folded ç and stays a c: Kçsoy
/// is no nearer Çsoy for it.
#[test]
fn skeletons_read_a_hard_c_as_k() {
    let r = resolver([
        place("cuba", "Cuba"),
        place("macao", "Macao"),
        place("kuwait", "Kuwait"),
    ]);
    for (query, id) in [("Кууба", "cuba"), ("Макао", "macao")] {
        let resolution = r.resolve(query);
        assert_eq!(
            rules(best(&resolution, id)),
            ["skeleton"],
            "{}",
            dump(&resolution)
        );
    }
    assert!(
        compare("Şerif Kçsoy", "Şerife Çsoy").score < compare("Şerif Kçsoy", "Şerife Koçsoy").score
    );
}

/// Initials key: "U. von der Leyen" finds "Ursula von der Leyen" by its
/// `initials` key, the initial aligned to the given name by `initial`.
#[test]
fn path_initials_key() {
    let r = resolver(leaders()).resolve("U. von der Leyen");
    let m = assert_path(&r, "ursula", "initials");
    assert!(rules(m).contains(&"initial"), "{}", dump(&r));
    assert!(m.score >= 0.85, "{}", dump(&r));
}

/// Single token: a bare surname returns every entity carrying it, found by
/// its `token` key, every match and the result flagged ambiguous.
#[test]
fn path_single_token_returns_every_bearer() {
    let r = resolver(leaders()).resolve("Kallas");
    let mut got = ids(&r);
    got.sort_unstable();
    assert_eq!(got, ["kaja", "siim"], "{}", dump(&r));
    assert!(r.ambiguous);
    for m in &r.matches {
        assert!(m.ambiguous, "{}", dump(&r));
        assert!(has_found_by(m, "token"), "{:?}", found_by(m));
        assert!(rules(m).contains(&"missing"), "{}", dump(&r));
    }
}

/// Name-part groups: a Cyrillic given name ("Александр", folded
/// "aleksandr") meets its Latin equivalent "Alexander" through rigour's
/// name-part groups, both as the key that found the alias (no other key
/// of a one-word query can) and as the rule that aligned the pair.
// Needs the name-part groups (the default `name-parts` feature).
#[cfg(feature = "name-parts")]
#[test]
fn path_name_part_group() {
    let records = || [person("king", "Alexander"), person("other", "Aleksei")];
    let r = resolver(records()).resolve("Александр");
    let m = assert_path(&r, "king", "name-part-group");
    assert_eq!(rules(m), ["name-part-group"], "{}", dump(&r));
    assert_eq!(ids(&r), ["king"], "{}", dump(&r));
    // With a surname, the pair aligns by the same rule (whichever key
    // found it first: here the initials key "a stubb").
    let r = resolver(leaders()).resolve("Александр Стубб");
    let m = best(&r, "stubb");
    assert_eq!(rules(m), ["name-part-group", "exact"], "{}", dump(&r));
    assert!(m.score >= 0.9, "{}", dump(&r));
}

/// Fuzzy, one edit: "Olaf Scgolz" (a wrong letter) is found through the
/// fuzzy neighbours of "scgolz", `fuzzy:1` in found_by, the pair aligned
/// `fuzzy` with one edit.
// Without the name-part groups (the default `name-parts` feature) the
// alias is found through the given name's token key and scores high enough
// that the fuzzy stage is never reached.
#[cfg(feature = "name-parts")]
#[test]
fn path_fuzzy_one_edit() {
    let r = resolver(leaders()).resolve("Olaf Scgolz");
    let m = assert_path(&r, "scholz", "fuzzy:1");
    let pair = fuzzy_pair(m);
    assert_eq!(pair.edits, Some(1));
    assert_eq!(pair.alias.as_deref(), Some("scholz"));
}

/// Fuzzy, a transposition counts as one edit ("Shcolz" for "Scholz").
// Without the name-part groups (the default `name-parts` feature) the
// alias is found through the given name's token key and scores high enough
// that the fuzzy stage is never reached.
#[cfg(feature = "name-parts")]
#[test]
fn path_fuzzy_transposition_is_one_edit() {
    let r = resolver(leaders()).resolve("Olaf Shcolz");
    let m = assert_path(&r, "scholz", "fuzzy:1");
    assert_eq!(fuzzy_pair(m).edits, Some(1), "{}", dump(&r));
}

/// Fuzzy, two edits in a long token: "Xylophanidis" for "Xylophonides".
#[test]
fn path_fuzzy_two_edits() {
    let r = crowd_resolver(ResolverConfig::default()).resolve("Maria Xylophanidis");
    let m = assert_path(&r, "xylo", "fuzzy:2");
    assert_eq!(fuzzy_pair(m).edits, Some(2), "{}", dump(&r));
    assert_eq!(r.matches.len(), 1, "{}", dump(&r));
}

/// Fuzzy, a typo in the common token beside a rare one: "Mraia
/// Xylophonides" (a transposition in the given name 140 people share).
#[test]
fn path_fuzzy_typo_in_common_token() {
    let r = crowd_resolver(ResolverConfig::default()).resolve("Mraia Xylophonides");
    let m = best(&r, "xylo");
    let pair = fuzzy_pair(m);
    assert_eq!(pair.alias.as_deref(), Some("maria"));
    assert_eq!(pair.edits, Some(1));
    assert_eq!(r.matches.len(), 1, "{}", dump(&r));
}

/// Fuzzy, a typo in the rare token beside a common one: "Maria
/// Xylophonidse" must still find the one Xylophonides among 140 Marias.
#[test]
fn path_fuzzy_typo_in_rare_token() {
    let r = crowd_resolver(ResolverConfig::default()).resolve("Maria Xylophonidse");
    let m = assert_path(&r, "xylo", "fuzzy:1");
    assert_eq!(fuzzy_pair(m).alias.as_deref(), Some("xylophonides"));
    assert_eq!(r.matches.len(), 1, "{}", dump(&r));
}

// ---------------------------------------------------------------- scoring

/// Contradicted against missing: "Siim Kallas" is not "Kaja Kallas" (both
/// sides have a given name the other lacks), while the bare "Kallas" (the
/// given name missing) reaches her, and a name without its middle name
/// costs little.
#[test]
fn contradicted_tokens_cost_more_than_missing_ones() {
    let kaja = resolver([
        person("kaja", "Kaja Kallas"),
        person("stubb", "Alexander Stubb"),
    ]);
    assert_unmatched(&kaja, &["Siim Kallas"]);
    let r = kaja.resolve("Kallas");
    assert_eq!(
        rules(best(&r, "kaja")),
        ["exact", "missing"],
        "{}",
        dump(&r)
    );
    let r = resolver(leaders()).resolve("Angela Merkel");
    let m = best(&r, "merkel");
    assert!(
        m.score >= 0.85,
        "an omitted middle name costs little: {}",
        dump(&r)
    );
    assert_eq!(rules(m), ["exact", "exact", "missing"], "{}", dump(&r));
}

/// IDF: a given name carried by a quarter of the dictionary cannot carry a
/// match. The bare common name and common-name-plus-unknown-surname match
/// nobody; the bare rare surname matches its bearer.
#[test]
fn idf_common_given_name_cannot_carry_a_match() {
    let crowd = crowd_resolver(ResolverConfig::default());
    assert_unmatched(&crowd, &["Maria", "Maria Whitfield", "Anna Goodwin"]);
    let r = crowd.resolve("Xylophonides");
    assert_eq!(ids(&r), ["xylo"], "{}", dump(&r));
    // In a dictionary of two, the same given name weighs as much as any
    // other token, and a bare "Maria" reaches both Marias.
    let r = resolver([person("a", "Maria Lopez"), person("b", "Maria Garcia")]).resolve("Maria");
    assert_eq!(r.matches.len(), 2, "{}", dump(&r));
}

/// Generic organisation words ("National", "Party", "Group", "Holding")
/// cannot carry a match on their own, while the full names resolve.
#[test]
fn generic_organisation_words_cannot_carry_a_match() {
    let resolver = crowd_resolver(ResolverConfig::default());
    assert_unmatched(
        &resolver,
        &["National Party", "Holding Group", "National Group"],
    );
    best(&resolver.resolve("Ruritanian National Party"), "ruritania");
    best(&resolver.resolve("Syldavian Holding Group"), "syldavia");
}

/// Gender hint: "Ms." against an entity recorded male lowers the score and
/// says `gender-mismatch` in the adjustments; "Mr." does not.
#[test]
fn gender_hint_lowers_a_mismatched_entity() {
    let resolver = resolver(leaders());
    let plain = resolver.resolve("Mr. Olaf Scholz");
    let plain = best(&plain, "scholz");
    assert!(plain.explanation.detail.adjustments.is_empty());
    let r = resolver.resolve("Ms. Olaf Scholz");
    let m = match_of(&r, "scholz");
    assert!(m.score < plain.score, "{}", dump(&r));
    assert!(
        m.explanation
            .detail
            .adjustments
            .iter()
            .any(|a| a.starts_with("gender-mismatch")),
        "{}",
        dump(&r)
    );
}

/// Kind filter: with `ResolverConfig::kind`, entities of other kinds are
/// never returned.
#[test]
fn kind_filter() {
    let records = || {
        [
            EntityRecord::new("country", "Jordan", EntityKind::Place),
            person("person", "Jordan"),
        ]
    };
    let r = resolver(records()).resolve("Jordan");
    let mut got = ids(&r);
    got.sort_unstable();
    assert_eq!(got, ["country", "person"], "{}", dump(&r));
    let config = ResolverConfig {
        kind: Some(EntityKind::Place),
        ..ResolverConfig::default()
    };
    let r = resolver_with(records(), config).resolve("Jordan");
    assert_eq!(ids(&r), ["country"], "{}", dump(&r));
    assert_eq!(r.matches[0].kind, EntityKind::Place);
}

// -------------------------------------------------------------- ambiguity

/// Two entities with one name are both returned and both flagged; the
/// result says ambiguous.
#[test]
fn namesakes_are_both_returned_and_flagged() {
    let r = resolver([
        person("wang-1", "Wang Yi"),
        person("wang-2", "Wang Yi"),
        person("other", "Li Qiang"),
    ])
    .resolve("Wang Yi");
    assert_eq!(ids(&r), ["wang-1", "wang-2"], "{}", dump(&r));
    assert!(r.ambiguous);
    assert!(r.matches.iter().all(|m| m.ambiguous), "{}", dump(&r));
    assert_eq!(r.matches[0].score, r.matches[1].score);
}

/// Two entities that share an alias text tie on it; the one whose
/// canonical name it is comes first, whatever the order of their IDs or
/// records, and both stay flagged ambiguous. (Before: the tie went to the
/// smaller ID, here the man with the middle name.)
#[test]
fn ties_go_to_the_entity_known_by_that_name() {
    for query in ["Michael Ashley", "Michael Asley"] {
        let r = resolver([
            person("a-1", "Michael William Ashley").alias("Ashley, Michael", None),
            person("b-2", "Michael Ashley"),
        ])
        .resolve(query);
        assert_eq!(ids(&r), ["b-2", "a-1"], "{query}: {}", dump(&r));
        assert_eq!(r.matches[0].score, r.matches[1].score);
        assert!(r.ambiguous && r.matches.iter().all(|m| m.ambiguous));
    }
}
/// A clear winner is not flagged: "Kaja Kallas" beside "Siim Kallas".
#[test]
fn clear_winner_is_not_ambiguous() {
    let r = resolver(leaders()).resolve("Kaja Kallas");
    let m = best(&r, "kaja");
    assert!(!m.ambiguous && !r.ambiguous, "{}", dump(&r));
}

/// `top_k: 1` does not hide ambiguity: namesakes within the margin are
/// all returned and flagged, and a bare surname shared by two entities is
/// flagged. (Once broken: the list was cut to `top_k` before the
/// ambiguity check, which then saw one match.)
#[test]
fn ambiguity_survives_top_k_one() {
    let config = ResolverConfig {
        top_k: 1,
        ..ResolverConfig::default()
    };
    let namesakes = resolver_with(
        [person("wang-1", "Wang Yi"), person("wang-2", "Wang Yi")],
        config.clone(),
    );
    let r = namesakes.resolve("Wang Yi");
    assert_eq!(ids(&r), ["wang-1", "wang-2"], "{}", dump(&r));
    assert!(r.ambiguous && r.matches.iter().all(|m| m.ambiguous));
    let r = resolver_with(leaders(), config).resolve("Kallas");
    assert!(r.ambiguous, "{}", dump(&r));
    assert!(r.matches[0].ambiguous, "{}", dump(&r));
}

// ---------------------------------------------------------------- budgets

/// Each budget, set tiny alone, cuts a query over many matching entities
/// short: it completes, and says so.
#[test]
fn tiny_budgets_are_reported() {
    type Knob = fn(&mut ResolverConfig);
    let knobs: [(&str, Knob, &str); 6] = [
        ("max_candidates", |c| c.max_candidates = 1, "Maria"),
        (
            "max_scored_uncertain",
            |c| c.max_scored_uncertain = 1,
            "Maria",
        ),
        ("max_scored", |c| c.max_scored = 1, "Maria Bakob"),
        (
            "max_postings_per_key",
            |c| c.max_postings_per_key = 1,
            "Maria",
        ),
        (
            "max_fuzzy_keys",
            |c| c.max_fuzzy_keys = 1,
            "Mariq Xylophonidse",
        ),
        (
            "max_probed_postings",
            |c| c.max_probed_postings = 1,
            "Maria Xylophonidse",
        ),
    ];
    for (name, set, query) in knobs {
        let mut config = ResolverConfig::default();
        set(&mut config);
        let r = crowd_resolver(config).resolve(query);
        assert!(r.budget_exhausted, "{name} on {query:?}: {}", dump(&r));
        let r = crowd_resolver(ResolverConfig::default()).resolve(query);
        assert!(!r.budget_exhausted, "default {name} on {query:?}");
    }
}

/// With the default budgets a small dictionary never exhausts them.
#[test]
fn default_budgets_suffice_on_a_small_dictionary() {
    let resolver = resolver(leaders());
    for query in ["Kallas", "Olaf Scholze", "U. von der Leyen", "Nobody Known"] {
        assert!(!resolver.resolve(query).budget_exhausted, "{query}");
    }
}

// ----------------------------------------------------------- explanations

/// The JSON of a match carries what the `resolve` example's contract
/// relies on: the alias and its language, found_by, the normalized query
/// and alias, the alignment with each pair's rule, the token score and
/// the adjustments.
#[test]
fn explanation_json_fields() {
    let r = resolver(leaders()).resolve("Урсула фон дер Ляйен");
    let m = best(&r, "ursula");
    let json = serde_json::to_value(m).expect("serializable");
    for field in ["id", "name", "kind", "score", "alias", "ambiguous"] {
        assert!(json.get(field).is_some(), "{field} in {json}");
    }
    assert_eq!(json["kind"], "person");
    assert_eq!(json["alias"], "Урсула фон дер Ляйен");
    let e = &json["explanation"];
    assert_eq!(e["alias"], "Урсула фон дер Ляйен");
    assert_eq!(e["alias_lang"], "ru");
    assert!(
        e["found_by"]
            .as_array()
            .is_some_and(|a| a.iter().any(|k| k == "exact")),
        "{e}"
    );
    for field in ["query", "alias_normalized"] {
        assert!(
            e[field].as_str().is_some_and(|s| !s.is_empty()),
            "{field} in {e}"
        );
    }
    assert!(e["token_score"].is_number(), "{e}");
    assert!(e["adjustments"].is_array(), "{e}");
    let pairs = e["alignment"].as_array().expect("alignment");
    assert!(!pairs.is_empty());
    for p in pairs {
        for field in ["query", "alias", "rule", "similarity", "weight"] {
            assert!(p.get(field).is_some(), "{field} in {p}");
        }
    }
    // An alias without a language has no alias_lang.
    let r = resolver(leaders()).resolve("Olaf Scholz");
    let json = serde_json::to_value(best(&r, "scholz")).expect("serializable");
    assert!(json["explanation"].get("alias_lang").is_none(), "{json}");
}

/// Each alignment rule appears in the JSON under its name, with `edits`
/// on fuzzy and skeleton pairs only. A threshold of 0 returns the
/// contradicted pair.
// Needs the name-part groups (the default `name-parts` feature).
#[cfg(feature = "name-parts")]
#[test]
fn explanation_rule_names() {
    let config = ResolverConfig {
        threshold: 0.0,
        ..ResolverConfig::default()
    };
    let resolver = resolver_with(leaders(), config);
    let cases = [
        ("Olaf Scholz", "scholz", "exact"),
        ("Olaf Scgolz", "scholz", "fuzzy"),
        ("Xi Jinpingg", "xi", "skeleton"),
        ("U. von der Leyen", "ursula", "initial"),
        ("Angela Merkel", "merkel", "missing"),
        ("Toomas Kallas", "kaja", "contradicted"),
        ("Александр Стубб", "stubb", "name-part-group"),
    ];
    for (query, id, rule) in cases {
        let r = resolver.resolve(query);
        let json = serde_json::to_value(match_of(&r, id)).expect("serializable");
        let pairs = json["explanation"]["alignment"]
            .as_array()
            .expect("alignment");
        let pair = pairs
            .iter()
            .find(|p| p["rule"] == rule)
            .unwrap_or_else(|| panic!("{query}: no {rule} pair in {json}"));
        let graded = rule == "fuzzy" || rule == "skeleton";
        assert_eq!(pair.get("edits").is_some(), graded, "{pair}");
        if rule == "fuzzy" {
            assert_eq!(pair["edits"], 1);
        }
        if rule == "skeleton" {
            // jinpingg / jinping: one letter doubled.
            assert_eq!(pair["edits"], 1);
        }
    }
}

// ----------------------------------------------------------- cross-script

/// The Han reading bridge, every direction: an entity known by 王毅 and
/// "Wang Yi" is reached from its Hán-Việt reading with and without
/// diacritics, and the explanation names the derived alias's rule; a
/// query in Han characters reaches an entity known only in pinyin;
/// simplified and traditional characters agree.
#[test]
fn han_reading_bridge_in_every_direction() {
    let resolver = resolver([
        person("wang", "Wang Yi").alias("王毅", Some("zh")),
        person("xi", "Xi Jinping").alias("习近平", Some("zh")),
        person("li", "Li Qiang"),
        person("kaja", "Kaja Kallas"),
    ]);
    for query in ["Vương Nghị", "Vuong Nghi", "vuong nghi"] {
        let r = resolver.resolve(query);
        let m = best(&r, "wang");
        assert_eq!(
            m.explanation.alias_rule.as_deref(),
            Some("han-reading:vi"),
            "{}",
            dump(&r)
        );
        assert_eq!(m.explanation.alias, "Vương Nghị");
    }
    let r = resolver.resolve("Mr. Vuong");
    match_of(&r, "wang");
    let r = resolver.resolve("Tập Cận Bình");
    assert_eq!(
        best(&r, "xi").explanation.alias_rule.as_deref(),
        Some("han-reading:vi")
    );
    // Han characters to an entity known only by its pinyin name.
    best(&resolver.resolve("李强"), "li");
    // Traditional characters to an alias in simplified ones, and back.
    best(&resolver.resolve("習近平"), "xi");
    best(&resolver.resolve("习近平"), "xi");
}

/// A Chinese transcription of a foreign name is never read the
/// Sino-Vietnamese way: 泽连斯基 (Zelensky) gives no "Trạch Liên Tư Cơ".
#[test]
fn foreign_names_in_han_get_no_vietnamese_reading() {
    let resolver = resolver([person("zelenskyy", "Volodymyr Zelenskyy")
        .alias("泽连斯基", Some("zh"))
        .alias("Зеленський", Some("uk"))]);
    let r = resolver.resolve("Trạch Liên Tư Cơ");
    assert!(r.matches.is_empty(), "{}", dump(&r));
    best(&resolver.resolve("泽连斯基"), "zelenskyy");
    // Its other scripts meet through transliteration and the name-part
    // groups.
    best(&resolver.resolve("Zelenskyy"), "zelenskyy");
    best(&resolver.resolve("Selenskyj"), "zelenskyy");
}

/// The forms of issue 5, each to its entity with the rule that bridged it:
/// name parts in other scripts through rigour's name-part groups
/// (Зеленський, ゼレンスキー, 泽连斯基, Selenskyj, Wladimir, 卡拉斯),
/// transliteration (Владимир Путин, Каллас), and the Hán-Việt reading of a Chinese
/// name (Lý Cường). A family name alone reaches the full name: it pays
/// half for the given names it omits.
#[cfg(feature = "name-parts")]
#[test]
fn issue_5_forms_reach_their_entities() {
    let resolver = resolver([
        person("zelenskyy", "Volodymyr Zelenskyy"),
        person("putin", "Vladimir Putin"),
        person("kallas", "Kaja Kallas"),
        person("li", "Li Qiang").alias("李强", Some("zh")),
    ]);
    for (query, id, rule) in [
        ("Зеленський", "zelenskyy", "name-part-group"),
        ("ゼレンスキー", "zelenskyy", "name-part-group"),
        ("泽连斯基", "zelenskyy", "name-part-group"),
        ("Selenskyj", "zelenskyy", "name-part-group"),
        ("Wladimir Putin", "putin", "name-part-group"),
        // Transliterated: no group needed.
        ("Владимир Путин", "putin", "exact"),
        ("Каллас", "kallas", "exact"),
        ("卡拉斯", "kallas", "name-part-group"),
    ] {
        let r = resolver.resolve(query);
        let m = best(&r, id);
        assert!(rules(m).contains(&rule), "{query}: {}", dump(&r));
    }
    // A family name first (Vietnamese, Chinese, Korean order) counts too.
    assert!(compare("Hồ", "Hồ Chí Minh").score > compare("Chí", "Hồ Chí Minh").score);
    // Only a person's name has a family name.
    assert!(compare("Zelensky", "Volodymyr Zelenskyy").is_match);
    assert!(!compare_kind("Zelensky", "Volodymyr Zelenskyy", Some(EntityKind::Place)).is_match);
    let r = resolver.resolve("Lý Cường");
    assert_eq!(
        best(&r, "li").explanation.alias_rule.as_deref(),
        Some("han-reading:vi"),
        "{}",
        dump(&r)
    );
}

// -------------------------------------------------------------- threshold

/// Names below the threshold are not returned: a one-edit typo that
/// passes the default threshold is returned at a threshold equal to its
/// score and not at one just above it; an absent name has no best.
#[test]
fn threshold_filters_matches() {
    assert_eq!(ResolverConfig::default().threshold, DEFAULT_THRESHOLD);
    let at = |threshold: f32| {
        let config = ResolverConfig {
            threshold,
            ..ResolverConfig::default()
        };
        resolver_with(leaders(), config).resolve("Olaf Scholze")
    };
    let r = at(DEFAULT_THRESHOLD);
    let score = best(&r, "scholz").score;
    assert!(score < 0.99, "{}", dump(&r));
    best(&at(score), "scholz");
    let r = at(score + 0.001);
    assert!(r.matches.is_empty(), "{}", dump(&r));
    let r = resolver(leaders()).resolve("Boris Johnson");
    assert!(r.best().is_none(), "{}", dump(&r));
    assert!(!r.ambiguous);
}

// ----------------------------------------------------------------- layers

/// Overlay layers: when two dictionaries hold the same ID, the first
/// layer's record is returned, once; IDs only in the second still resolve.
#[test]
fn first_layer_wins() {
    let mine = dictionary([person("scholz", "Olaf Scholz").alias("Bundeskanzler Scholz", None)]);
    let theirs = dictionary([
        person("scholz", "Olaf Scholz (old record)").alias("Olaf Scholz", None),
        person("kaja", "Kaja Kallas"),
    ]);
    let resolver = Resolver::with_layers(vec![mine, theirs], ResolverConfig::default());
    let r = resolver.resolve("Olaf Scholz");
    assert_eq!(ids(&r), ["scholz"], "{}", dump(&r));
    assert_eq!(r.matches[0].name, "Olaf Scholz");
    best(&resolver.resolve("Kaja Kallas"), "kaja");
}

/// A higher layer's entity hides the lower layer's aliases of the same ID:
/// an overlay can replace a wrong alias of the embedded dictionary. (Once
/// broken: the lower layer's match came through when the higher layer had
/// none for the query.)
#[test]
fn higher_layer_hides_lower_aliases_of_its_ids() {
    let mine = dictionary([person("scholz", "Olaf Scholz")]);
    let theirs = dictionary([
        person("scholz", "Olaf Scholz (old record)").alias("Scholzomat", None),
        person("kaja", "Kaja Kallas"),
    ]);
    let resolver = Resolver::with_layers(vec![mine, theirs], ResolverConfig::default());
    let r = resolver.resolve("Scholzomat");
    assert!(r.matches.is_empty(), "{}", dump(&r));
    best(&resolver.resolve("Kaja Kallas"), "kaja");
}

/// The embedded dictionary under an overlay: the overlay's record wins.
#[test]
fn embedded_overlay_wins() {
    let embedded = Resolver::embedded().resolve("Olaf Scholz");
    let id = embedded.best().expect("Scholz is embedded").id.clone();
    let overlay = dictionary([person(&id, "Olaf Scholz (overlay)").alias("Olaf Scholz", None)]);
    let r = Resolver::embedded_with(overlay).resolve("Olaf Scholz");
    let m = best(&r, &id);
    assert_eq!(m.name, "Olaf Scholz (overlay)");
    assert_eq!(r.matches.iter().filter(|m| m.id == id).count(), 1);
}

// ---------------------------------------------------------------- compare

/// `compare`: a name against itself scores 1 and matches; the order of the
/// two names does not change the verdict; different people do not match.
#[test]
fn compare_sanity() {
    for name in ["Olaf Scholz", "Ursula von der Leyen", "Xi Jinping"] {
        let c = compare(name, name);
        assert_eq!(c.score, 1.0, "{name}");
        assert!(c.is_match);
    }
    for (a, b) in [
        ("Ursula von der Leyen", "U. von der Leyen"),
        ("Volodymyr Zelenskyy", "Wolodymyr Selenskyj"),
        ("Olaf Scholz", "Olaf Scholze"),
    ] {
        assert!(compare(a, b).is_match, "{a} / {b}");
        assert!(compare(b, a).is_match, "{b} / {a}");
    }
    for (a, b) in [
        ("Siim Kallas", "Kaja Kallas"),
        ("Angela Merkel", "Olaf Scholz"),
    ] {
        assert!(!compare(a, b).is_match, "{a} / {b}");
        assert!(!compare(b, a).is_match, "{b} / {a}");
    }
    let c = compare("Ms. Olaf Scholz", "Mr. Olaf Scholz");
    assert!(
        c.explanation
            .adjustments
            .iter()
            .any(|a| a.starts_with("gender-mismatch")),
        "{c:?}"
    );
}

/// `compare_kind`: organisation names by legal-form class, both ways.
#[test]
fn compare_kind_sanity() {
    let (a, b) = ("Siemens Aktiengesellschaft", "Siemens AG");
    for (x, y) in [(a, b), (b, a)] {
        let c = compare_kind(x, y, Some(EntityKind::Org));
        assert!(c.is_match, "{x} / {y}: {c:?}");
    }
    let c = compare_kind("Siemens AG", "Siemens AG", Some(EntityKind::Org));
    assert_eq!(c.score, 1.0);
    let c = compare_kind("Siemens AG", "Bosch AG", Some(EntityKind::Org));
    assert!(!c.is_match, "{c:?}");
}

/// `compare` weighs name parts only one side has the same whichever name
/// comes first: several omitted middle names cost no more than the
/// heaviest of them, on either side; a contradicted name still costs in
/// full.
#[test]
fn compare_omitted_names_cost_the_same_both_ways() {
    let (long, short) = ("Anjem Iftikhar Choudary Mahmood", "Anjem Choudary");
    let ab = compare(long, short);
    let ba = compare(short, long);
    assert!(ab.is_match && ba.is_match, "{ab:?} / {ba:?}");
    assert!(
        (ab.score - ba.score).abs() < 0.1,
        "{} vs {}",
        ab.score,
        ba.score
    );
    assert!(!compare("Anjem Iftikhar Choudary Mahmood", "Anjem Rahman").is_match);
}

// ------------------------------------------------ names written by ear

fn place(id: &str, name: &str) -> EntityRecord {
    EntityRecord::new(id, name, EntityKind::Place)
}

/// [`CROWD`] places: enough that a name of one place weighs what it would
/// in a real dictionary (token weights are IDF, flat in a handful).
fn towns() -> impl Iterator<Item = EntityRecord> {
    (0..CROWD).map(|i| place(&format!("town-{i}"), &syllable_surname(i)))
}

/// Places known only by their English names, several of them alike in
/// their consonants (Ghana, Guinea, Kenya and Gabon: `KN`, `KN`, `KN`, `KPN`).
fn places() -> Vec<EntityRecord> {
    vec![
        place("ghana", "Ghana"),
        place("guinea", "Guinea"),
        place("kenya", "Kenya"),
        place("gabon", "Gabon"),
        place("guyana", "Guyana"),
        place("dubai", "Dubai"),
        place("meerut", "Meerut"),
        place("gaborone", "Gaborone"),
        place("shijiazhuang", "Shijiazhuang"),
        place("niger", "Niger"),
        place("nicaragua", "Nicaragua"),
    ]
}

/// A name written by ear in a script that drops or merges sounds (Arabic,
/// Hebrew, Devanagari, a Chinese transcription) reaches the Latin name of
/// the same consonants, found by the consonant-class walk of the word FST
/// and aligned under the rule `phonetic`; of several names of the same
/// classes, the nearest spelling wins (غنا "gn": Ghana, not Guinea or Kenya).
#[test]
fn path_consonant_classes_for_names_written_by_ear() {
    let resolver = resolver(places());
    for (query, id) in [
        ("غنا", "ghana"),        // Arabic, short vowels unwritten
        ("גויאַנע", "guyana"),    // Yiddish: ו inside a word is a vowel
        ("迪拜", "dubai"),       // a Chinese transcription
        ("ميروټ", "meerut"),     // Pashto
        ("गोबोर्नी", "gaborone"), // Hindi
        ("ניז׳ר", "niger"),      // Hebrew: a g before e, i or y may be soft
        ("니제르", "niger"),     // Korean
    ] {
        let r = resolver.resolve(query);
        let m = best(&r, id);
        assert_eq!(rules(m), ["phonetic"], "{}", dump(&r));
        assert!(m.score >= DEFAULT_THRESHOLD, "{}", dump(&r));
    }
}

/// A short Arabic word that an alias carries as written is still walked
/// by its consonant classes: without its vowels it spells several names.
/// روته ("rwth") is Rutte, and also the Arabic of Ruth (روث), which an
/// alias carries; before, the carried word was taken as the only name it
/// could be, and مارك روته found no one.
#[test]
fn a_short_abjad_word_carried_as_written_is_still_heard() {
    let resolver = resolver([
        person("rutte", "Mark Rutte").alias("Марк Рютте", Some("ru")),
        person("ruth", "Ruth Davies").alias("روث ديفيس", Some("ar")),
    ]);
    let r = resolver.resolve("مارك روته");
    let m = best(&r, "rutte");
    assert!(m.score >= DEFAULT_THRESHOLD, "{}", dump(&r));
}

/// Consonant classes are for names written by ear only: the same
/// consonants in Latin letters are a different name, and a native Chinese
/// name (its first character a common surname) is read exactly by its
/// pinyin, so 苏杰生 ("sujiesheng") does not meet Shijiazhuang.
#[test]
fn consonant_classes_only_for_names_written_by_ear() {
    let resolver = resolver(places());
    assert_unmatched(&resolver, &["Gna", "Gvyan", "Tiboi", "苏杰生"]);
}

/// A name written by ear that is itself a known name part, but not an
/// equivalent of the alias's, is another name that sounds alike: 赖特
/// ("laite", Wright) is not Howard, although both are `RT`. The same name
/// spelled correctly is found by its name-part group.
#[cfg(feature = "name-parts")]
#[test]
fn a_known_name_written_by_ear_is_not_a_sound_alike() {
    let howard = person("howard", "Richard Howard");
    assert_unmatched(&resolver([howard.clone()]), &["里夏德·赖特"]);
    let both = resolver([howard, person("wright", "Richard Wright")]);
    best(&both.resolve("里夏德·赖特"), "wright");
}

/// `compare` reads either name as the one written by ear.
#[test]
fn compare_uses_consonant_classes_either_way() {
    for (a, b) in [("غنا", "Ghana"), ("Ghana", "غنا"), ("迪拜", "Dubai")] {
        let c = compare(a, b);
        assert!(c.is_match, "{a} / {b}: {c:?}");
        assert!(
            c.explanation.alignment.iter().any(|p| p.rule == "phonetic"),
            "{c:?}"
        );
    }
    assert!(!compare("Gna", "Ghana").is_match);
}

/// Arabic spells its long vowels with letters (alif, alif maqsura, ta
/// marbuta), and writes the article onto the word. Romanized with only
/// its consonants, ألينا (Alina) was "lyn", a known name of its own and so
/// no match; سارة (Sara) was "sr", the Spanish title "Sr.", and was
/// dropped from the name; العمري was one word against "Al-Amri".
#[test]
fn arabic_names_keep_their_long_vowels_and_article() {
    for (a, b) in [
        ("ألينا أبيرنيثي", "Alina Abernethy"),
        ("سارة العمري", "Sara Al-Amri"),
        ("العمري سارة", "Sara Al-Amri"),
        ("موسى", "Musa"),
        // Abd and the article before a name are one name with it.
        ("عبد الله", "Abdullah"),
        ("محمد عبد الرحمن", "Mohammed Abdulrahman"),
        ("بدر عبد العاطي", "Badr Abdelatty"),
    ] {
        let c = compare(a, b);
        assert!(c.is_match, "{a} / {b}: {c:?}");
    }
    let r = resolver([
        person("sara", "Sara Al-Amri"),
        person("amri", "Omar Al-Amri"),
    ]);
    best(&r.resolve("سارة العمري"), "sara");
}

/// A foreign name written in Arabic letters may begin with the letters of
/// the article: التمان is Altmann as well as al-Tman, اليكسى Alexei.
#[test]
fn arabic_article_letters_may_begin_a_foreign_name() {
    for (a, b) in [
        ("فيليكس التمان", "Felix Altmann"),
        ("اليكسى ليستر", "Alexei Lister"),
    ] {
        let c = compare(a, b);
        assert!(c.is_match, "{a} / {b}: {c:?}");
    }
    let r = resolver([
        person("altmann", "Felix Altmann"),
        person("felix", "Felix Tamm"),
        person("albania", "Albania"),
    ]);
    best(&r.resolve("فيليكس التمان"), "altmann");
    best(&r.resolve("البانيا"), "albania");
}

/// The consonants an abjad writes may spell a title by accident: آدم and
/// אדם (Adam) fold to "adm", the admiral's "Adm.". The word still counts:
/// Adam Cooper is not any Cooper, and the query is no lone family name.
#[test]
fn an_abjad_name_that_spells_a_title_still_counts() {
    let r = resolver([
        person("adam", "Adam Cooper"),
        person("yvette", "Yvette Cooper"),
        person("klaus", "Klaus Cooper"),
    ]);
    for query in ["آدم كوبر", "ادم كوبر", "אדם קופר"] {
        let resolution = r.resolve(query);
        best(&resolution, "adam");
        assert!(!resolution.ambiguous, "{}", dump(&resolution));
    }
    // Written in Latin letters, "Adm." is the admiral's title.
    let c = compare("Adm. Cooper", "Adam Cooper");
    assert!(!c.is_match || c.score < compare("آدم كوبر", "Adam Cooper").score);
}

// ------------------------------------- names in Han characters and Hangul

/// Chinese and Korean have many homophones: a personal name written with
/// another character is another name, though it reads alike. 王怡 is not
/// 王毅 (both "wang yi"), even through the entity's Latin alias; 习近朋 is
/// not 习近平. A traditional form is the same name (習近平).
#[test]
fn homophone_names_in_han_characters_are_other_people() {
    let resolver = resolver([
        person("wangyi", "Wang Yi").alias("王毅", Some("zh")),
        person("xi", "Xi Jinping").alias("习近平", Some("zh")),
    ]);
    assert_unmatched(&resolver, &["王怡", "习近朋"]);
    best(&resolver.resolve("王毅"), "wangyi");
    best(&resolver.resolve("習近平"), "xi");
    best(&resolver.resolve("Wang Yi"), "wangyi");
}

/// `compare` tells homophones apart the same way, in Han characters and in
/// Hangul (김종은 and 김정은 differ by one syllable, though a press
/// romanization spells both "jong"); place names, whose transcriptions
/// vary by region, differ by little (紐西蘭, 新西兰: New Zealand).
#[test]
fn compare_tells_homophones_apart() {
    for (a, b) in [
        ("习近朋", "习近平"),
        ("김종은", "김정은"),
        ("高石早苗", "高市早苗"),
    ] {
        let c = compare(a, b);
        assert!(!c.is_match, "{a} / {b}: {c:?}");
        assert!(
            c.explanation
                .adjustments
                .iter()
                .any(|x| x.starts_with("characters-differ:1")),
            "{c:?}"
        );
    }
    assert!(compare("習近平", "习近平").is_match);
    assert!(compare("김정은", "김정은").is_match);
    let place = compare_kind("紐西蘭", "新西兰", Some(EntityKind::Place));
    assert!(
        place.explanation.adjustments == ["characters-differ:1 x0.97"],
        "{place:?}"
    );
}

/// A syllable of a Han name is never taken for a legal form: 早 reads
/// "zao", which is also ЗАО (a Russian joint-stock company).
#[test]
fn han_syllables_are_not_legal_forms() {
    let c = compare("高市早苗", "高市早苗");
    assert!(c.is_match);
    assert!(
        c.explanation
            .alignment
            .iter()
            .all(|p| p.query.as_deref() != Some("~jsc")),
        "{c:?}"
    );
}

/// "Salman bin Muhammad" (Salman, son of Muhammad) is not "Muhammad bin
/// Salman": the same parts in swapped places around a patronymic particle
/// cost the pair its match, while the same name matches itself.
#[test]
fn swapped_patronymics_are_other_people() {
    let c = compare("Salman bin Muhammad al-Rawi", "Muhammad bin Salman al-Rawi");
    assert!(!c.is_match, "{c:?}");
    assert_eq!(c.explanation.adjustments, ["patronymic-order x0.6"]);
    assert!(compare("Salman bin Muhammad al-Rawi", "SALMAN BIN MUHAMMAD AL-RAWI").is_match);
    let resolver = resolver([person("mbs", "Mohammed bin Salman Al Saud")]);
    assert_unmatched(&resolver, &["Salman bin Mohammed Al Saud"]);
    best(&resolver.resolve("Mohammed bin Salman"), "mbs");
}

/// Of two people whose names hold the same parts, the one in the query's
/// order ranks first (`token-order` costs the other 2%), typo or not; a
/// patronymic read the other way round is another person, even through a
/// typo ("Khalid bin Mhammad" is Khalid, son of Muhammad).
#[test]
fn name_order_breaks_ties_between_namesakes() {
    let resolver = resolver([
        person("at", "Aleksandr Tatiana Cherkov"),
        person("ta", "Tatiana Aleksandr Cherkov"),
        person("km", "Khalid bin Muhammad al-Rashid"),
        person("mk", "Muhammad bin Khalid al-Rashid"),
    ]);
    for (query, id) in [
        ("Aleksandr Tatiana Cherkov", "at"),
        ("Alesandr Tatiana Cherkov", "at"),
        ("Tatiana Aleksandr Cherkov", "ta"),
        ("Tatiana Aleksadr Cherkov", "ta"),
        ("Khalid bin Mhammad al-Rashid", "km"),
        ("Muhammad bin Khaild al-Rashid", "mk"),
    ] {
        let r = resolver.resolve(query);
        best(&r, id);
    }
    let r = resolver.resolve("Alesandr Tatiana Cherkov");
    let other = match_of(&r, "ta");
    assert!(
        other
            .explanation
            .detail
            .adjustments
            .iter()
            .any(|a| a == "token-order x0.98"),
        "{}",
        dump(&r)
    );
    let r = resolver.resolve("Khalid bin Mhammad al-Rashid");
    assert!(r.matches.iter().all(|m| m.id != "mk"), "{}", dump(&r));
}

/// A person's name never ends in a legal form: "in" is a trailing form of
/// Inc, but "Moon Jae-in" is a person, and "Jae-in" stays his given name.
#[test]
fn legal_forms_are_not_read_in_a_persons_name() {
    let resolver = resolver([
        person("moon", "Moon Jae-in"),
        org("acme", "Acme Trading Inc."),
    ]);
    let r = resolver.resolve("Moon Jae-in");
    let m = best(&r, "moon");
    assert!(
        m.explanation
            .detail
            .alignment
            .iter()
            .all(|p| p.alias.as_deref() != Some("~llc")),
        "{}",
        dump(&r)
    );
    assert_eq!(rules(m), ["exact", "exact", "exact"], "{}", dump(&r));
    // An organisation's legal form still meets its other spellings.
    best(&resolver.resolve("Acme Trading Incorporated"), "acme");
}

/// A word for a kind of place that the dictionary's name lacks ("қаласы",
/// city, in Kazakh) weighs little: the place is named by the rest.
#[test]
fn words_for_a_kind_of_place_weigh_little() {
    let resolver =
        resolver(towns().chain([place("omdurman", "Omdurman"), place("khartoum", "Khartoum")]));
    for query in ["Омдурман қаласы", "Omdurman City", "Ciudad de Omdurman"] {
        best(&resolver.resolve(query), "omdurman");
    }
    assert_unmatched(&resolver, &["Omdurman Khartoum Kassala Port Sudan"]);
}

/// A known name one edit from another is taken for a typo ("Kerr Black"
/// for Keir Black); two known names further apart are two names
/// ("Federman" is not "Federer", "Castillo" not "Castro").
// Needs the name-part groups (the default `name-parts` feature).
#[cfg(feature = "name-parts")]
#[test]
fn one_edit_between_known_names_is_a_typo_more_is_another_name() {
    let resolver = resolver([
        person("keir", "Keir Black"),
        person("federer", "Roger Federer"),
        person("castro", "Raúl Castro"),
    ]);
    best(&resolver.resolve("Kerr Black"), "keir");
    assert_unmatched(&resolver, &["Roger Federman", "Raúl Castillo"]);
    assert!(compare("Kerr Black", "Keir Black").is_match);
    assert!(!compare("Roger Federman", "Roger Federer").is_match);
}

/// The name-part groups are people's names: that a query token is a known
/// name part ("Suan") says it may be another person, not another place, so
/// a near spelling of a place's name is a typo ("Souvh Suan" for South
/// Sudan). A token written by ear keeps the caution whatever the alias
/// names.
// Needs the name-part groups (the default `name-parts` feature).
#[cfg(feature = "name-parts")]
#[test]
fn known_person_names_do_not_weaken_typos_of_places() {
    let resolver = resolver(towns().chain([place("ssd", "South Sudan")]));
    let r = resolver.resolve("Souvh Suan");
    let m = best(&r, "ssd");
    assert!(rules(m).iter().all(|r| *r == "fuzzy"), "{}", dump(&r));
    // As a person's name, "Suan" for "Sudan" is two known names.
    let people = resolver_with([person("ssd", "Souvh Sudan")], ResolverConfig::default());
    let r = people.resolve("Souvh Suan");
    assert!(
        r.matches
            .iter()
            .all(|m| rules(m).contains(&"fuzzy-known-names")),
        "{}",
        dump(&r)
    );
}

/// Korean and Japanese write a foreign name of several words as one:
/// 스리랑카 ("seurirangka") is Sri Lanka, 쿠웨이트시티 Kuwait City, read whole
/// by their consonant classes (`phonetic-joined`). Only a query of one word
/// against an alias of several: two-word names that share consonants
/// across the break are other names.
#[test]
fn one_word_written_by_ear_meets_a_name_of_several() {
    let resolver = resolver([
        place("lk", "Sri Lanka"),
        place("kwc", "Kuwait City"),
        place("prayagraj", "Prayagraj"),
        person("elina", "Elina Ross"),
    ]);
    for (query, id) in [("스리랑카", "lk"), ("쿠웨이트시티", "kwc")] {
        let r = resolver.resolve(query);
        let m = best(&r, id);
        assert_eq!(
            m.explanation.detail.whole_name_rule.as_deref(),
            Some("phonetic-joined"),
            "{}",
            dump(&r)
        );
    }
    // Aaron Lewis in Arabic, Barack Ross in katakana.
    assert_unmatched(&resolver, &["آرون لويس", "バラク・ロス"]);
}

// ------------------------------------------- names in Han characters, not people

/// A company's name in Han characters is compared syllable by syllable, not
/// as a surname and a given name: a character left out is one syllable
/// missing. Its words are no optional parts either: a person's name that
/// begins it is not the company.
#[test]
fn han_company_names_by_syllable() {
    let r = resolver([
        org("energy", "王涛云能源有限公司"),
        org("logistics", "王涛春物流有限公司"),
        org("tech", "陈娜云科技有限公司"),
        person("wang-tao", "王涛"),
    ]);
    let best = r.resolve("王涛云能有限公司");
    assert_eq!(
        best.best().map(|m| m.id.as_str()),
        Some("energy"),
        "{best:?}"
    );
    let person_only = r.resolve("陈娜");
    assert!(person_only.matches.is_empty(), "{person_only:?}");
    // Two syllables one edit apart are two characters, not a typo.
    assert!(r
        .resolve("王涛春物流有限公")
        .best()
        .is_some_and(|m| m.id == "logistics"));
    assert!(r.resolve("罗英").matches.is_empty());
}

// ------------------------------------------------------------ Wade–Giles

/// A name in Wade–Giles reaches its pinyin spelling and its Han
/// characters, through the pinyin words the dictionary carries, at a
/// factor that keeps it under an exact match; a pinyin name is left as
/// written.
/// Each query resolves to its entity through a second reading of the name
/// (as pinyin, or without a designation), explained as `adjustment`, a
/// little under a full match.
fn assert_read_as(r: &Resolver, cases: &[(&str, &str)], adjustment: &str) {
    for &(query, id) in cases {
        let res = r.resolve(query);
        let m = res
            .best()
            .unwrap_or_else(|| panic!("{query}: {}", dump(&res)));
        assert_eq!(m.id, id, "{query}: {}", dump(&res));
        assert!(m.score < 1.0 && m.score > 0.9, "{query}: {}", m.score);
        let adjustments = &m.explanation.detail.adjustments;
        assert!(
            adjustments.iter().any(|a| a.starts_with(adjustment)),
            "{query}: {adjustments:?}"
        );
    }
}

#[test]
fn wade_giles_names_reach_pinyin() {
    let r = resolver([
        person("mao", "Mao Zedong").alias("毛泽东", Some("zh")),
        person("xi", "Xi Jinping"),
        person("deng", "Deng Xiaoping"),
        person("zhou", "Zhou Enlai"),
    ]);
    assert_read_as(
        &r,
        &[("Hsi Chin-p'ing", "xi"), ("Teng Hsiao-p'ing", "deng")],
        "wade-giles",
    );
    // Mao's given name in Wade–Giles is in his name's group whole
    // ("tse-tung" ~ "zedong"): a compound, before any reading.
    let res = r.resolve("Mao Tse-tung");
    let m = res.best().expect("Mao Tse-tung");
    assert_eq!(m.id, "mao", "{}", dump(&res));
    assert!(m.score < 1.0 && m.score > 0.9, "{}", dump(&res));
    let rules: Vec<&str> = m
        .explanation
        .detail
        .alignment
        .iter()
        .map(|p| p.rule.as_str())
        .collect();
    assert!(rules.contains(&"compound"), "{rules:?}");
    // "Zhou" is pinyin: no reading, no match by Wade–Giles.
    let res = r.resolve("Zhou Tse-tung");
    assert!(res.best().is_none_or(|m| m.id != "mao"), "{}", dump(&res));
    let c = compare("Mao Tse-tung", "毛泽东");
    assert!(c.is_match && c.score < 1.0, "{c:?}");
    assert!(!compare("Mao Tse-tung", "Mao Zemin").is_match);
}

/// An organisation named in English gets its Russian and Greek acronyms
/// as derived aliases where the words are generic (European Union: ЕС,
/// ΕΕ; Organization for Security and Co-operation in Europe: ОБСЕ). A
/// tie goes to the alias written as the query (МЭА, the International
/// Energy Agency's, before the Latin "MEA" of India's ministry it
/// transliterates to), and a given alias before a derived one (ЕС is the
/// European Union's as given, the European Council's as derived).
#[test]
fn organisations_get_their_russian_and_greek_acronyms() {
    let r = resolver([
        org("eu", "European Union"),
        org("council", "European Council"),
        org(
            "osce",
            "Organization for Security and Co-operation in Europe",
        ),
        org("iea", "International Energy Agency"),
        org("mea", "Ministry of External Affairs").alias("MEA", None),
    ]);
    for (query, id) in [("ОБСЕ", "osce"), ("ΕΕ", "eu"), ("МЭА", "iea"), ("ЕС", "eu")] {
        let res = r.resolve(query);
        assert_eq!(
            res.best().map(|m| m.id.as_str()),
            Some(id),
            "{query}: {}",
            dump(&res)
        );
    }
    let res = r.resolve("ЕС");
    assert!(res.ambiguous, "{}", dump(&res));
    let with_given = resolver([
        org("eu", "European Union"),
        org("council", "European Council").alias("ЕС", Some("ru")),
    ]);
    let res = with_given.resolve("ЕС");
    assert_eq!(
        res.best().map(|m| m.id.as_str()),
        Some("council"),
        "{}",
        dump(&res)
    );
}

/// Foreign names transcribed in Han characters are read back by the
/// sounds of their characters: 蓬佩奥 is Pompeo, 奥朗德 Hollande, not
/// names whose consonant classes happen to agree; a native Chinese name
/// is not read so (王毅 stays Wang Yi).
#[test]
fn han_transcriptions_of_foreign_names_are_read_back() {
    let r = resolver([
        person("pompeo", "Mike Pompeo"),
        person("hollande", "François Hollande"),
        person("stubb", "Alexander Stubb"),
        person("wang", "Wang Yi"),
        place("pampa", "Pampa"),
        place("burundi", "Burundi"),
        place("houston", "Houston"),
        person("macron", "Emmanuel Macron"),
        place("vanuatu", "Vanuatu"),
        // Carries the words of 萬那杜's Hán-Việt reading, "vạn na đỗ".
        person("do", "Đỗ Văn Na"),
    ]);
    // 布隆迪 reads "burondi", one edit from Burundi. 侯斯頓 and 马克龙 have
    // a Chinese name's shape (侯 and 马 are common surnames) and no other
    // reading the dictionary carries.
    for (query, id) in [
        ("蓬佩奥", "pompeo"),
        ("奥朗德", "hollande"),
        ("斯图布", "stubb"),
        ("布隆迪", "burundi"),
        ("侯斯頓", "houston"),
        ("马克龙", "macron"),
        ("萬那杜", "vanuatu"),
    ] {
        best_read_as(&r.resolve(query), id, "transcription");
    }
    let res = r.resolve("王毅");
    let m = best(&res, "wang");
    assert!(
        !m.explanation
            .detail
            .adjustments
            .iter()
            .any(|a| a.starts_with("transcription")),
        "{}",
        dump(&res)
    );
}

/// The Chinese press names a foreigner by the transcribed family name
/// alone: 普连科维奇 is Plenković, even beside a place whose one-word name
/// has the query's consonant classes (Bronks, The Bronx), and 拉德夫 is
/// Rumen Radev, not Latvia. The given name it omits costs less than after
/// a family name written in Latin letters, which still leaves "Kallas"
/// ambiguous between two Kallases.
#[test]
fn a_transcribed_family_name_alone_reaches_the_person() {
    let r = resolver([
        person("plenkovic", "Andrej Plenković"),
        place("bronx", "The Bronx").alias("Bronks", None),
        person("radev", "Rumen Radev"),
        place("latvia", "Latvia"),
        person("kaja", "Kaja Kallas"),
        person("siim", "Siim Kallas"),
    ]);
    for (query, id) in [("普连科维奇", "plenkovic"), ("拉德夫", "radev")] {
        best(&r.resolve(query), id);
    }
    let res = r.resolve("Kallas");
    assert!(res.ambiguous && res.matches.len() == 2, "{}", dump(&res));
    // The same holds pairwise: the Han name is the first, the query.
    assert!(
        polyonym::compare("拉德夫", "Rumen Radev").score
            > polyonym::compare("拉德夫", "Latvia").score
    );
}

/// A Latin family name alone meets a person's full name in Latin letters
/// and her one-word name in Han characters (卡拉斯, Kallas) alike: the
/// transcription is no better evidence than her own name, so "Kallas"
/// stays as ambiguous between two Kallases when only one has it.
#[test]
fn a_short_name_in_another_script_is_no_better_than_the_full_name() {
    let r = resolver([
        person("kaja", "Kaja Kallas").alias("卡拉斯", Some("zh")),
        person("siim", "Siim Kallas"),
    ]);
    let res = r.resolve("Ms. Kallas");
    let kaja = best(&res, "kaja");
    assert_eq!(kaja.explanation.alias, "Kaja Kallas", "{}", dump(&res));
    let res = r.resolve("Kallas");
    assert!(res.ambiguous && res.matches.len() == 2, "{}", dump(&res));
    assert!(
        (res.matches[0].score - res.matches[1].score).abs() < 0.05,
        "{}",
        dump(&res)
    );
}

/// One letter of a Han name's pinyin is a whole syllable, no initial: 俄罗斯
/// ("e luo si", Russia) is not "Elina Rose", and 阿巴斯 (Abbas) not the
/// "a" of Angela.
#[test]
fn a_han_syllable_of_one_letter_is_no_initial() {
    let r = resolver([
        place("russia", "Russia").alias("俄罗斯", Some("zh")),
        person("abbas", "Mahmoud Abbas"),
        person("buss", "Angela Buss"),
    ]);
    assert_unmatched(&r, &["Elina Rose"]);
    let res = r.resolve("阿巴斯");
    assert_ne!(
        res.best().map(|m| m.id.as_str()),
        Some("buss"),
        "{}",
        dump(&res)
    );
    assert!(polyonym::compare("Elina Rose", "俄罗斯").score < 0.72);
}

/// A foreign given name of one syllable in Hangul (조, Joe) is compared by
/// its sound, as a longer one is: Korean writes a native name as one word.
#[test]
fn a_one_syllable_hangul_word_is_heard() {
    let r = resolver([
        person("biden", "Joe Biden"),
        person("hunter", "Hunter Biden"),
    ]);
    best(&r.resolve("조 바이든"), "biden");
}

/// A country's name in Russian or Serbian ends in -ия where English has
/// -ia, -y or nothing, and writes J as И: Иордания is Jordan, Ирландија
/// (one edit from the word as read) Ireland. A person's family name
/// ending so is left alone.
#[test]
fn slavic_country_endings_are_read_in_english() {
    let r = resolver([
        place("jordan", "Jordan"),
        place("ireland", "Ireland"),
        person("bornia", "Ivan Bornia"),
    ]);
    for (query, id) in [("Иордания", "jordan"), ("Ирландија", "ireland")] {
        best_read_as(&r.resolve(query), id, "slavic-ending");
    }
    assert_unmatched(&r, &["Владимир Борния"]);
}

/// A Korean name in Russian (the Kontsevich system) is read syllable by
/// syllable: Ким Чен Ын is Kim Jong Un (Мун Чжэ Ин reaches Moon Jae-in
/// through the name-part groups already, above the reading's 0.95); a
/// Russian name is not read so.
#[test]
fn korean_names_in_cyrillic_are_read_by_syllable() {
    let r = resolver([
        person("kju", "Kim Jong Un"),
        person("mji", "Moon Jae-in"),
        person("ip", "Ivan Petrov"),
    ]);
    best_read_as(&r.resolve("Ким Чен Ын"), "kju", "kontsevich");
    best(&r.resolve("Мун Чжэ Ин"), "mji");
    let res = r.resolve("Иван Петров");
    let m = best(&res, "ip");
    assert!(
        m.explanation.detail.adjustments.is_empty(),
        "{}",
        dump(&res)
    );
}

/// A Vietnamese name in Russian is read syllable by syllable (Фам Минь
/// Тинь is Phạm Minh Chính: ch is т, nh нь; Нгуен Фу Чонг is Nguyễn Phú
/// Trọng: tr is ч); before, neither was found.
#[test]
fn vietnamese_names_in_cyrillic_are_read_by_syllable() {
    let r = resolver([
        person("pmc", "Phạm Minh Chính"),
        person("npt", "Nguyễn Phú Trọng"),
        person("ip", "Ivan Petrov"),
    ]);
    best_read_as(&r.resolve("Фам Минь Тинь"), "pmc", "vietnamese-cyrillic");
    best_read_as(&r.resolve("Нгуен Фу Чонг"), "npt", "vietnamese-cyrillic");
    let c = polyonym::compare("Фам Минь Тинь", "Phạm Minh Chính");
    assert!(c.is_match, "{c:?}");
}

/// Korean writes a French nasal vowel with a final ㅇ: 마크롱
/// "makeurong" is Macron, 마르탱 Martin. The word is also read with its
/// final ng as n, by its classes (found and scored); before, neither was
/// found. A native word of one syllable is not (강 "gang").
#[test]
fn hangul_final_ng_may_be_a_nasal_vowel() {
    let r = resolver([
        person("macron", "Emmanuel Macron"),
        place("martin", "Saint Martin"),
    ]);
    best(&r.resolve("에마뉘엘 마크롱"), "macron");
    best(&r.resolve("생마르탱"), "martin");
    let c = polyonym::compare("에마뉘엘 마크롱", "Emmanuel Macron");
    assert!(c.is_match, "{c:?}");
}

/// A Hangul syllable meets another name's syllable through the name-part
/// groups only for a person: the groups equate surnames by their Hanja
/// (허 Heo is 許 Xu, "Hsü"), which a place's name written by its sound has
/// no part in. 허페이 (Hefei) once matched Xuhui's "Hsü-hui" at 0.92.
#[test]
fn hangul_syllables_of_places_have_no_name_part_equivalents() {
    let r = resolver([place("xuhui", "Xuhui").alias("Hsü-hui", None)]);
    assert_unmatched(&r, &["허페이", "허페이 시"]);
    let r = resolver([person("xu", "Xu Hui").alias("Hsü Hui", None)]);
    best(&r.resolve("허혜"), "xu");
}

/// Nor do two syllables of Chinese in Latin letters meet through the
/// groups of Chinese surnames in a place's name: "Cheng-chou" (Zhengzhou)
/// is not Qingdao's "Ch'ing-tao", though cheng ~ ching and chou ~ tao
/// share surname groups; a person's still do.
#[test]
fn chinese_syllables_of_places_have_no_name_part_equivalents() {
    let r = resolver([place("qingdao", "Qingdao").alias("Ch'ing-tao", None)]);
    assert_unmatched(&r, &["Cheng-chou"]);
    let r = resolver([person("ching", "Ching Tao")]);
    best(&r.resolve("Cheng Chou"), "ching");
}

/// Generic words of another language are read in English: איי שלמה is
/// the Solomon *Islands*, Европейская комиссия the *European Commission*
/// (not the European Parliament), ケイマン諸島 the Cayman *Islands*.
#[test]
fn generic_words_are_read_in_english() {
    let r = resolver([
        place("solomon", "Solomon Islands"),
        place("cayman", "Cayman Islands"),
        place("solomon-city", "Solomon"),
        org("commission", "European Commission"),
        org("parliament", "European Parliament"),
        org("wef", "World Economic Forum"),
        org("who", "World Health Organization"),
        org("iom", "International Organization for Migration"),
        place("east-timor", "East Timor"),
        place("timor", "Timor"),
    ]);
    assert_read_as(
        &r,
        &[
            ("איי שלמה", "solomon"),
            ("Восточный Тимор", "east-timor"),
            ("Европейская комиссия", "commission"),
            ("Европейский парламент", "parliament"),
            ("Всемирный экономический форум", "wef"),
            ("世界卫生组织", "who"),
            ("Международная организация по миграции", "iom"),
        ],
        "generic-words",
    );
    // Kana are read by ear: a weaker match, still the right one.
    let cayman = r.resolve("ケイマン諸島");
    let m = best(&cayman, "cayman");
    assert!(m
        .explanation
        .detail
        .adjustments
        .iter()
        .any(|a| a.starts_with("generic-words")));
    // A lone generic word names nothing.
    assert_unmatched(&r, &["Комиссия", "Острова"]);
}

#[test]
fn places_are_found_without_their_designation() {
    let r = resolver([
        place("wz", "Wenzhou"),
        place("bj", "Beijing"),
        place("hf", "Hefei").alias("허페이", Some("ko")),
    ]);
    assert_read_as(
        &r,
        &[("溫州市", "wz"), ("北京市", "bj"), ("허페이 시", "hf")],
        "designation",
    );
    // Without the designation the names are found as before.
    let m = r.resolve("北京").best().map(|m| m.id.clone());
    assert_eq!(m.as_deref(), Some("bj"));
    assert!(compare("溫州市", "Wenzhou").is_match);
    assert!(!compare("溫州市", "Wuzhou").is_match);
}

#[test]
fn acronyms_written_in_cyrillic_by_their_sound() {
    let org = |id: &str, name: &str, acronym: &str| {
        EntityRecord::new(id, name, EntityKind::Org).alias(acronym, None)
    };
    let r = resolver([
        org("unicef", "United Nations Children's Fund", "UNICEF"),
        org("icao", "International Civil Aviation Organization", "ICAO"),
        org(
            "ecosoc",
            "United Nations Economic and Social Council",
            "ECOSOC",
        ),
        place("jm", "Jamaica"),
    ]);
    assert_read_as(
        &r,
        &[("ЮНИСЕФ", "unicef"), ("ИКАО", "icao"), ("ЭКОСОС", "ecosoc")],
        "cyrillic-acronym",
    );
    // Only an upper-case word is read as an acronym ("Икао" is "icao"
    // once its hard c is read k, and found so by its skeleton, under 0.95).
    let res = r.resolve("Икао");
    assert!(
        res.matches.iter().all(|m| m.score < 0.95
            && !m
                .explanation
                .detail
                .adjustments
                .iter()
                .any(|a| a.starts_with("cyrillic"))),
        "{}",
        dump(&res)
    );
    assert!(compare("ЮНИСЕФ", "UNICEF").is_match);
}

#[test]
fn han_names_are_read_with_their_characters_other_readings() {
    let r = resolver([
        place("cq", "Chongqing"),
        place("mh", "Minhang"),
        place("zz", "Zhongzhou"),
    ]);
    assert_read_as(&r, &[("重庆", "cq"), ("闵行", "mh")], "other-reading");
    // The common reading needs none.
    let m = r.resolve("重州").best().map(|m| (m.id.clone(), m.score));
    assert_eq!(m.as_ref().map(|m| m.0.as_str()), Some("zz"));
    assert!(m.is_some_and(|m| m.1 > 0.97));
}

#[test]
fn han_names_reach_vietnamese_names_by_their_han_viet_reading() {
    let r = resolver([
        person("vvt", "Võ Văn Thưởng"),
        person("npt", "Nguyễn Phú Trọng"),
        place("hn", "Hanoi"),
        person("wy", "Wang Yi").alias("王毅", Some("zh")),
    ]);
    assert_read_as(
        &r,
        &[("武文赏", "vvt"), ("阮富仲", "npt"), ("河内", "hn")],
        "han-reading:vi",
    );
    // A name the dictionary holds in Han characters needs no reading.
    let res = r.resolve("王毅");
    let m = res.best().expect("wang yi");
    assert_eq!((m.id.as_str(), m.score), ("wy", 1.0), "{}", dump(&res));
}

#[test]
fn greek_names_are_read_by_their_sound() {
    let r = resolver([
        place("rw", "Rwanda"),
        place("py", "Pyongyang"),
        place("ru", "Rouen"),
    ]);
    for (query, id) in [("Ρουάντα", "rw"), ("Πιονγκγιάνγκ", "py")] {
        let res = r.resolve(query);
        let m = res
            .best()
            .unwrap_or_else(|| panic!("{query}: {}", dump(&res)));
        assert_eq!(m.id, id, "{query}: {}", dump(&res));
    }
}

#[test]
fn palladius_names_reach_pinyin() {
    let r = resolver([
        person("xi", "Xi Jinping"),
        person("ma", "Ma Ying-jeou").alias("馬英九", Some("zh-Hant")),
        person("zhao", "Zhao Leji"),
        place("gz", "Guangzhou"),
        person("putin", "Vladimir Putin"),
    ]);
    assert_read_as(
        &r,
        &[
            ("Си Цзиньпин", "xi"),
            ("Ма Инцзю", "ma"),
            ("Чжао Лэцзи", "zhao"),
            ("Гуанчжоу", "gz"),
        ],
        "palladius",
    );
    // Russian names are no Palladius syllables; Putin is found as before.
    let res = r.resolve("Владимир Путин");
    let m = res.best().expect("putin");
    assert_eq!(m.id, "putin");
    assert!(
        m.explanation.detail.adjustments.is_empty(),
        "{}",
        dump(&res)
    );
    let c = compare("Си Цзиньпин", "Xi Jinping");
    assert!(c.is_match && c.score < 1.0, "{c:?}");
    assert!(!compare("Си Цзиньпин", "Xi Jinhua").is_match);
}

/// A three-letter word some alias carries ("Ban", as in Ban Ki-moon) is
/// searched one edit away when the query has other words that find the
/// candidates: "Ban Howard" is a typo of Ian Howard. Alone it is taken as
/// written: "Ban" finds Ban Ki-moon, not every Ian, Dan and Jan.
#[test]
fn carried_three_letter_word_is_searched_beside_others() {
    let r = resolver([
        person("ian", "Ian Howard"),
        person("barack", "Barack Howard"),
        person("ban", "Ban Ki-moon"),
        person("dan", "Dan Smith"),
    ]);
    let typo = r.resolve("Ban Howard");
    let m = best(&typo, "ian");
    assert!(has_found_by(m, "token"), "{}", dump(&typo));
    let alone = r.resolve("Ban");
    assert_eq!(ids(&alone), ["ban"], "{}", dump(&alone));
}

/// A nickname finds the formal name's aliases and its spellings in the
/// name-part groups, below a name-part equivalent; among many Smiths the
/// rarer "tony" is the word read for candidates, so Anthony Smith is only
/// found through the names Tony is short for.
#[test]
fn nickname_finds_formal_name_among_namesakes() {
    let smiths = (0..300).map(|i| {
        person(
            &format!("smith-{i}"),
            &format!("{} Smith", syllable_surname(i)),
        )
    });
    let others = (0..20).map(|i| {
        person(
            &format!("tony-{i}"),
            &format!("Tony {}", syllable_surname(500 + i)),
        )
    });
    let named = [
        person("anthony", "Anthony Smith"),
        person("antony", "Antony Blinken"),
        person("samuel", "Samuel Clinton"),
    ];
    let r = resolver(smiths.chain(others).chain(named));
    for (query, id) in [
        ("Tony Smith", "anthony"),
        ("Tony Blinken", "antony"),
        ("Sam Clinton", "samuel"),
    ] {
        let result = r.resolve(query);
        let m = best(&result, id);
        assert!(
            m.score < 0.95 && m.score >= DEFAULT_THRESHOLD,
            "{}",
            dump(&result)
        );
        assert!(rules(m).contains(&"nickname"), "{}", dump(&result));
    }
    // A nickname is not any other name: Tony is no Andrew.
    let r = resolver([person("andrew", "Andrew Abbott")]);
    assert!(r.resolve("Tony Abbott").best().is_none());
}

/// A name of one word is searched fuzzily in each of its spellings:
/// Евроюст is "yevroyust" first (three edits from Eurojust) and
/// "evrojust" (one edit) among its others.
#[test]
fn one_word_name_is_searched_in_every_spelling() {
    let r = resolver([
        org("eurojust", "Eurojust"),
        org("europol", "Europol"),
        org("eurostat", "Eurostat"),
    ]);
    let result = r.resolve("Евроюст");
    let m = best(&result, "eurojust");
    assert!(has_found_by(m, "fuzzy:1"), "{}", dump(&result));
}

/// A family name alone says nothing of the given names it omits, so their
/// rarity does not rank the namesakes: "Lin" as written finds every Lin
/// before Tô Lâm, whose "lâm" is only in Lin's name-part group. Before,
/// Tô Lâm came first: its omitted "Tô" is common and cost less than the
/// rare "Jian" that Lin Jian omits.
#[test]
fn family_name_alone_ranks_by_the_name_not_by_what_it_omits() {
    let mut records = vec![person("lin-jian", "Lin Jian"), person("to-lam", "Tô Lâm")];
    records.extend(
        (0..30).map(|i| person(&format!("to-{i}"), &format!("Tô {}", syllable_surname(i)))),
    );
    records.extend((0..10).map(|i| {
        person(
            &format!("lin-{i}"),
            &format!("Lin {}", syllable_surname(500 + i)),
        )
    }));
    let r = resolver_with(
        records,
        ResolverConfig {
            top_k: 20,
            ..ResolverConfig::default()
        },
    );
    for query in ["Minister Lin", "Lin"] {
        let result = r.resolve(query);
        let lin = match_of(&result, "lin-jian");
        let lam = match_of(&result, "to-lam");
        assert!(lin.score > lam.score, "{}", dump(&result));
        assert!(ids(&result)[0].starts_with("lin"), "{}", dump(&result));
    }
}

/// A typo inside a legal form of several words at the end of a company's
/// name ("Anonim Şiketi") no longer leaves the company unmatched: the
/// form is recognised one edit off.
#[test]
fn misspelled_legal_form_still_finds_the_company() {
    let r = resolver([
        org("kodinay", "Kodınay & Özer Anonim Şirketi"),
        org("other", "Özer Gıda Anonim Şirketi"),
    ]);
    let result = r.resolve("Kodınay & Özer Anonim Şiketi");
    best(&result, "kodinay");
}

/// A one-word legal form misspelled ("Lrtd", "Isnc.", "SdA") meets the
/// form the company's name carries, under the rule `legal-form-typo`,
/// and weighs what the form weighs; before, it cost as much as a word of
/// the name the alias lacks, and a second typo left the company
/// unmatched. A word one edit from a form is no form where the other name
/// carries none ("Kaja Maria Inca" is no company).
#[test]
fn misspelled_one_word_legal_form_meets_the_companys() {
    let r = resolver([
        org("woodford", "Woodfordworth Partners Ltd"),
        org("nelson", "Nelson & Mering Inc."),
        person("kaja", "Kaja Maria"),
    ]);
    best(&r.resolve("Woodfordwortd Partners Lrtd"), "woodford");
    best(&r.resolve("Nelson & Meing Isnc."), "nelson");
    let c = polyonym::compare("Ierardtain Services SdA", "Ierardtain Services SA");
    assert!(c.is_match, "{c:?}");
    assert!(
        c.explanation
            .alignment
            .iter()
            .any(|p| p.rule == "legal-form-typo" && p.query.as_deref() == Some("sda")),
        "{c:?}"
    );
    let c = polyonym::compare("Kaja Maria Inca", "Kaja Maria");
    assert!(
        c.explanation
            .alignment
            .iter()
            .all(|p| p.rule != "legal-form-typo"),
        "{c:?}"
    );
    // Both ways: the first name may carry the form.
    let c = polyonym::compare("Nelson & Mering Inc.", "Nelson & Mering Isnc");
    assert!(c.score > 0.9, "{c:?}");
}

/// The Arabic press writes a Chinese given name syllable by syllable (شي
/// جين بينغ, "shy jyn byngh"), which pinyin writes as one word: the
/// syllables joined meet it by their consonant classes (rule
/// `phonetic-syllables`), and the resolver finds the entity by them. Words
/// of an Arabic name are no syllables (جوزيب بوريل, Josep Borrell, joined
/// has the classes of Jaipur). Pinyin's x is heard sh (شي, Xi); a syllable
/// of vowels and h alone meets its own sound (هو, Hu).
#[test]
fn chinese_names_written_by_syllable_in_arabic() {
    let r = resolver([
        person("xi", "Xi Jinping"),
        person("hu", "Hu Jintao"),
        person("hua", "Hua Chunying"),
        person("borrell", "Josep Borrell"),
        place("jaipur", "Jaipur"),
    ]);
    best(&r.resolve("شي جين بينغ"), "xi");
    best(&r.resolve("هو جين تاو"), "hu");
    best(&r.resolve("هوا تشون ينغ"), "hua");
    best(&r.resolve("جوزيب بوريل"), "borrell");
    let c = polyonym::compare("شي جين بينغ", "Xi Jinping");
    assert!(c.is_match, "{c:?}");
    let rules: Vec<&str> = c
        .explanation
        .alignment
        .iter()
        .map(|p| p.rule.as_str())
        .collect();
    assert_eq!(
        rules,
        [
            "phonetic",
            "phonetic-syllables",
            "phonetic-syllables-covered"
        ],
        "{c:?}"
    );
    let c = polyonym::compare("جوزيب بوريل", "Jaipur");
    assert!(!c.is_match, "{c:?}");
}

/// A query with a token that is no name at all ("blacuk": no alias
/// carries it, no name-part group holds it) is misspelled, so its other
/// tokens may be typos too: "kei", one edit from Keir, is not weakened as
/// another real name would be. Before, Keir Black scored 0.70, under the
/// threshold.
#[test]
fn a_misspelled_query_may_misspell_a_name_into_another() {
    let mut records = vec![person("keir-black", "Keir Black")];
    records.extend(
        (0..30).map(|i| person(&format!("b{i}"), &format!("{} Black", syllable_surname(i)))),
    );
    records.extend((100..300).map(|i| {
        let name = format!("{} {}", syllable_surname(i), syllable_surname(i + 300));
        person(&format!("f{i}"), &name)
    }));
    let r = resolver(records);
    best(&r.resolve("Kei Blacuk"), "keir-black");
}

/// A Russian acronym of an organisation's Russian name, which no alias
/// holds, finds the organisation by its English acronym, initial by
/// initial (ОЭСР: Организация экономического сотрудничества и развития,
/// OECD); with the head noun last in English (ШОС, SCO).
#[test]
fn russian_acronym_finds_the_english_one() {
    let r = resolver([
        org("oecd", "OECD"),
        org("sco", "Shanghai Cooperation Organisation").alias("SCO", None),
        org("oas", "Organization of American States").alias("OAS", None),
    ]);
    best(&r.resolve("ОЭСР"), "oecd");
    best(&r.resolve("ШОС"), "sco");
    best(&r.resolve("ОАГ"), "oas");
}

/// A query token that the dictionary carries as written is a name in its
/// own right: another name two edits from it is someone else's, not a
/// typo, and so is one an edit from it in a person's name of seven letters
/// or more. "Marie Waldbachgrün" (a Waldbachgrün is known) is not Marie
/// Waldbachbrunn; before, the pair counted at its similarity squared and
/// the query matched at 0.86. A typo that is no name still finds her, and
/// a place's name one edit from another is still a typo.
#[test]
fn a_known_name_edits_from_another_is_another_name() {
    let r = resolver([
        person("marie", "Marie Waldbachbrunn"),
        person("paul", "Paul Waldbachgrün"),
        person("jan", "Jan Kesslerova"),
        person("eva", "Eva Kesslerovi"),
        place("islands", "Kuril Islands"),
        place("island", "Grand Island"),
    ]);
    for (query, not) in [("Marie Waldbachgrün", "marie"), ("Jan Kesslerovi", "jan")] {
        let result = r.resolve(query);
        assert!(
            result.matches.iter().all(|m| m.id != not),
            "{}",
            dump(&result)
        );
    }
    best(&r.resolve("Marie Waldbachbrun"), "marie");
    best(&r.resolve("Kuril Island"), "islands");
}

/// A sovereign's name in another language's form finds the sovereign
/// (Carlos III, Karl III: Charles III), but only with the regnal number:
/// a Carlos is no Charles otherwise.
#[test]
fn regnal_names_are_translated_with_their_number() {
    let r = resolver([
        person("charles-iii", "Charles III"),
        person("charles-smith", "Charles Smith"),
        person("leo-xiv", "Leo XIV"),
    ]);
    best(&r.resolve("Carlos III"), "charles-iii");
    best(&r.resolve("Карл III"), "charles-iii");
    best(&r.resolve("León XIV"), "leo-xiv");
    assert!(r.resolve("Carlos Smith").matches.is_empty());
    let c = polyonym::compare("Carlos III", "Charles III");
    assert!(c.is_match, "{c:?}");
    // In Chinese and Japanese the number follows as 世 after a numeral
    // (查尔斯三世), the name a transcription.
    best_read_as(&r.resolve("查尔斯三世"), "charles-iii", "regnal-name");
    best_read_as(&r.resolve("チャールズ3世"), "charles-iii", "regnal-name");
    // Arabic, Hebrew and Persian write the number as an ordinal word,
    // Greek as a numeral letter with its keraia (Κάρολος Γ΄, whose
    // Κάρολος is Charles's Greek form).
    for query in ["تشارلز الثالث", "צ'ארלס השלישי", "چارلز سوم", "Κάρολος Γ΄"]
    {
        best_read_as(&r.resolve(query), "charles-iii", "regnal-name");
    }
    best_read_as(&r.resolve("ليو الرابع عشر"), "leo-xiv", "regnal-name");
    best_read_as(&r.resolve("Λέων ΙΔ΄"), "leo-xiv", "regnal-name");
}

/// A name in Han characters meets its Wade–Giles form, Taiwan's and the
/// older press's: 高雄 ("gao xiong") is Kaohsiung, read as `wade-giles`
/// (a person's name, 賴清德 Lai Ching-te, was met before through the
/// name-part groups of its syllables); a name whose Wade–Giles words the
/// dictionary does not carry gives no reading.
#[test]
fn han_names_meet_their_wade_giles_form() {
    let r = resolver([
        place("kaohsiung", "Kaohsiung"),
        person("lai", "Lai Ching-te"),
    ]);
    best_read_as(&r.resolve("高雄"), "kaohsiung", "wade-giles");
    best(&r.resolve("賴清德"), "lai");
    assert!(r.resolve("新竹").matches.is_empty());
}

/// Two names that end in different generation markers name two people:
/// Charles II is not Charles III, nor John Smith Jr. John Smith Sr. Each
/// is still found by its own name, and a numbered fund is one name
/// whichever number it carries (name_bench labels such pairs both ways).
#[test]
fn different_generations_are_different_people() {
    let r = resolver([
        person("charles-ii", "Charles II"),
        person("henry-viii", "Henry VIII"),
        person("john-jr", "John Smith Jr."),
    ]);
    for (query, not) in [
        ("Charles III", "charles-ii"),
        ("Henry VII", "henry-viii"),
        ("John Smith Sr.", "john-jr"),
    ] {
        let result = r.resolve(query);
        assert!(
            result.matches.iter().all(|m| m.id != not),
            "{query}: {}",
            dump(&result)
        );
    }
    best(&r.resolve("Charles II"), "charles-ii");
    best(&r.resolve("John Smith Junior"), "john-jr");
    let c = polyonym::compare("Louis XIV", "Louis XVI");
    assert!(!c.is_match, "{c:?}");
    assert!(c
        .explanation
        .adjustments
        .iter()
        .any(|a| a.starts_with("generation-differs")));
}

/// A given name with a regnal number names one sovereign, not everyone
/// called so: "Carlos III" finds Charles III unflagged (before, it counted
/// as one name part and was flagged ambiguous beside the footballer
/// Carlos), while "Carlos" is one name part that several entities carry.
#[test]
fn a_regnal_number_is_a_part_of_the_name() {
    let r = resolver([
        person("charles-iii", "Charles III").alias("Carlos III", Some("es")),
        person("carlos", "Carlos"),
        person("carlos-ghosn", "Carlos Ghosn"),
    ]);
    let result = r.resolve("Carlos III");
    best(&result, "charles-iii");
    assert!(!result.ambiguous, "{}", dump(&result));
    assert!(r.resolve("Carlos").ambiguous);
}

/// A compound given name broken differently on the two sides meets its
/// halves through the compound's name-part group: 장이브 ("jangibeu") is
/// Jean-Yves whole, Ζαν-Υβ breaks as "zan" + "iv", a name typed with a
/// space inside one word ("Patr ushev") is that word. Syllables of a name
/// in characters are no halves (博福特 "bo fute" is no compound with
/// anything but through its own grouping).
#[test]
fn compound_given_names_meet_their_halves() {
    let compared = |a: &str, b: &str| {
        let c = compare(a, b);
        let rules: Vec<String> = c
            .explanation
            .alignment
            .iter()
            .map(|p| p.rule.clone())
            .collect();
        (c.is_match, c.score, rules)
    };
    for (a, b) in [
        ("장이브 실바", "Jean-Yves Silva"),
        ("Ζαν-Υβ Κινγκ", "Jean-Yves King"),
        ("Жан-Ив Ле Дриан", "Jean-Yves Le Drian"),
        ("Nikolai Patr ushev", "Nikolai Platonovich Patrushev"),
    ] {
        let (is_match, score, rules) = compared(a, b);
        assert!(is_match && score < 1.0, "{a} / {b}: {score} {rules:?}");
        assert!(
            rules.iter().any(|r| r == "compound"),
            "{a} / {b}: {rules:?}"
        );
    }
    let (is_match, _, rules) = compared("阿杰·博福特", "Andrius Beaufort");
    assert!(!is_match, "{rules:?}");
    assert!(
        !rules.iter().any(|r| r.starts_with("compound")),
        "{rules:?}"
    );
    // Only in people's names: joined words of a place are no given name
    // (印尼 read in Vietnamese, "ấn ni", is "anni", a form of the group
    // of Yeni, Turkish for "new": New Caledonia is "Yeni Kaledonya").
    let (_, _, rules) = compared("An Ni", "Yeni");
    assert!(rules.iter().any(|r| r == "compound"), "{rules:?}");
    let place = compare_kind("An Ni", "Yeni", Some(EntityKind::Place));
    assert!(!place.is_match, "{place:?}");
    // Equal once joined whole: the whole-name rule, not halves.
    let c = compare("xijinping", "Xi Jinping");
    assert_eq!(c.explanation.whole_name_rule.as_deref(), Some("joined"));
}

/// A compound written as one word that no key of the dictionary finds
/// (장이브 "jangibeu": the aliases carry "jean" and "yves") does not count
/// against the candidates its other words find: the bound takes it as
/// carried, and scoring pairs its halves.
#[test]
fn compound_query_word_no_key_finds() {
    let r = resolver([
        person("jys", "Jean-Yves Silva"),
        person("ms", "Maria Silva"),
        person("jc", "Jean Costa"),
    ]);
    let best = |r: &Resolver, query: &str| {
        let res = r.resolve(query);
        let id = res.best().map(|m| m.id.clone());
        (id, dump(&res))
    };
    let (id, dump_) = best(&r, "장이브 실바");
    assert_eq!(id.as_deref(), Some("jys"), "{dump_}");
    // Where another alias carries the compound whole, the word has a key;
    // the builder gives "Jean-Yves" the key of its join ("jeanyves", a
    // form of the compound's group), which the group lists.
    let r = resolver([
        person("jys", "Jean-Yves Silva"),
        person("ms", "Maria Silva"),
        person("jyl", "Jean-Yves Ludvík").alias("장이브 루드비크", Some("ko")),
    ]);
    for query in ["장이브 실바", "Jeanyves Silva"] {
        let (id, dump_) = best(&r, query);
        assert_eq!(id.as_deref(), Some("jys"), "{query}: {dump_}");
    }
}
