//! The compiled name-part equivalence tables: current with their source,
//! and what a part written in Latin letters is equivalent to.
#![cfg(feature = "name-parts")]

use polyonym::knowledge::name_parts;

#[test]
fn compiled_tables_are_current() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let source = std::fs::read_to_string(root.join("data/names/person_name_groups.txt"))
        .expect("groups source");
    let (fst, groups) =
        name_parts::compile(&source, &polyonym::Normalizer::new()).expect("groups compile");
    let stale = "data/names/name_parts.{fst,groups} are stale (their source, the compiler or \
                 the normalizer changed): run `cargo run --release --example build_name_parts`, \
                 then `cargo run --release --example build_embedded`, and commit the results";
    assert!(
        fst == std::fs::read(root.join("data/names/name_parts.fst")).expect("fst"),
        "{stale}"
    );
    assert!(
        groups == std::fs::read(root.join("data/names/name_parts.groups")).expect("groups"),
        "{stale}"
    );
}

/// A part meets another only through groups that hold each through a form
/// of its own kind of script: "kali" is a fold of Cherokee ꭷꮅ in Karl's
/// group, but the Latin, Cyrillic or Devanagari name Kali is not Carlos.
#[test]
fn parts_meet_through_forms_of_their_scripts() {
    use polyonym::Script::{Cyrillic, Devanagari, Latin};
    assert!(name_parts::equivalent("carlos", "kali"));
    for script in [Latin, Cyrillic, Devanagari] {
        assert!(!name_parts::equivalent_as_written(
            "carlos", Latin, "kali", script
        ));
    }
    assert!(name_parts::equivalent_as_written(
        "carlos", Latin, "karl", Latin
    ));
    assert!(name_parts::equivalent_as_written(
        "zelenskyy",
        Latin,
        "selenskyj",
        Latin
    ));
    assert!(!name_parts::groups_as_written("kali", Latin).is_empty());
    assert!(name_parts::groups_as_written("kali", Latin).len() < name_parts::groups("kali").len());
}

/// The same through `compare`: a Latin name does not meet another by a
/// foreign folding, a name written in another script still does.
#[test]
fn compare_by_alphabet_groups() {
    assert!(!polyonym::compare("Carlos", "Kali").is_match);
    assert!(polyonym::compare("Carlos", "Karl").is_match);
    assert!(polyonym::compare("カヤ・カラス", "Kaja Kallas").is_match);
}

/// A part written in Hangul keeps its own groups past the cap on a
/// common form: "jang" is a Latin form of many groups, and 장 (Jean in
/// Korean) is the sixth group by id that holds it in Hangul; the untyped
/// groups (Latin namesakes first) never reach it.
#[test]
fn parts_keep_their_scripts_groups_past_the_cap() {
    use polyonym::Script::{Hangul, Latin};
    assert!(name_parts::groups("jang").len() <= name_parts::MAX_GROUPS_PER_FORM);
    assert!(!name_parts::equivalent("jang", "jean"));
    assert!(name_parts::equivalent_as_written(
        "jang", Hangul, "jean", Latin
    ));
    assert!(!name_parts::equivalent_as_written(
        "jang", Latin, "jean", Latin
    ));
    let hangul = name_parts::groups_as_written("jang", Hangul);
    assert!(hangul.len() <= 2 * name_parts::MAX_GROUPS_PER_FORM);
    assert_eq!(
        name_parts::groups_as_written("jang", Latin),
        name_parts::groups("jang")
    );
}

/// The same through `compare` and a resolver: 장 심스 is Jean Sims.
#[test]
fn hangul_jean_meets_jean() {
    assert!(polyonym::compare("장 심스", "Jean Sims").is_match);
}

/// An Arabic or Hebrew part meets a Latin spelling its group lacks when a
/// Latin form of its group is one letter off: جوزيب (Josip's group) and
/// the Catalan Josep, طيب (Tayyib) and the Turkish Tayyip. Only a letter
/// changed, not one added or dropped (أندريا Andrea is not Andre), and not
/// for a Han reading, whose groups are those of every name its syllables
/// may write.
#[test]
fn abjad_parts_meet_latin_spellings_one_letter_off() {
    use polyonym::Script::{Arabic, Han, Latin};
    assert!(!name_parts::equivalent_as_written(
        "jwzyb", Arabic, "josep", Latin
    ));
    assert!(name_parts::near_equivalent_as_written(
        "jwzyb", Arabic, "josep"
    ));
    assert!(name_parts::near_equivalent_as_written(
        "tyb", Arabic, "tayyip"
    ));
    assert!(!name_parts::near_equivalent_as_written(
        "andrya", Arabic, "andre"
    ));
    assert!(!name_parts::near_equivalent_as_written(
        "meiluoni", Han, "moroni"
    ));
    assert!(polyonym::compare("جوزيب بوريل", "Josep Borrell").is_match);
    assert!(polyonym::compare("رجب طیب اردوغان", "Recep Tayyip Erdoğan").is_match);
    assert!(!polyonym::compare("أندريا غريفين", "Andre Griffin").is_match);
}
