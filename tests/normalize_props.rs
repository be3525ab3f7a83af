//! Property tests of the normalizer: it never panics, whatever the input,
//! and normalizing its own output changes nothing.
//!
//! Case counts are kept small (64 per property, about a second in all under
//! `cargo test --release`); the hand-made inputs at the end cover the
//! pathological shapes (mark floods, huge inputs) that random strings reach
//! only rarely.

use polyonym::{Normalizer, Script};
use proptest::prelude::*;

/// Inputs biased toward what names are made of: letters of many scripts,
/// separators, punctuation, marks, invisible and bidi characters, emoji.
fn name_like() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        4 => "[A-Za-z]{1,8}",
        2 => "[a-zàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿłđıšžčćőű]{1,8}",
        2 => "[а-яА-ЯёЁіїєґђјљњћџ]{1,8}",
        1 => "[α-ωΑ-Ωάέήίόύώ]{1,6}",
        1 => "[ء-ي]{1,6}",
        1 => "[א-ת]{1,6}",
        1 => "[क-ह][ािीुूेैोौ्ंँ]{0,2}[क-ह]{0,3}",
        1 => "[ก-ฮ]{1,6}",
        1 => "[가-힣]{1,4}",
        1 => "[ぁ-ゖァ-ヶー]{1,6}",
        1 => "[一-龥]{1,4}",
        1 => "[ა-ჰ]{1,6}",
        1 => "[ա-ֆ]{1,6}",
        2 => "[ ,.'’\\-–—()]{1,3}",
        1 => "(Mr|Mrs|Ms|Dr|Prof|President|Foreign Minister|Sir|Herr|Frau|Mme|Sr\\.|ông|bà|господин|г-н|先生|女士|of|and|von|der|de|al|bin|Jr\\.|III)",
        1 => "[\u{0300}-\u{036F}\u{200B}-\u{200F}\u{202A}-\u{202E}\u{2066}-\u{2069}\u{FEFF}\u{00AD}\u{0000}-\u{001F}]{1,3}",
        1 => "[😀-🙏🇦-🇿]{1,2}",
        1 => "[0-9０-９]{1,4}",
        1 => "[Ａ-Ｚａ-ｚﬁﬂ]{1,4}",
    ];
    prop::collection::vec(pieces, 0..10).prop_map(|v| v.concat())
}

fn check_idempotent(normalizer: &Normalizer, input: &str) -> Result<(), TestCaseError> {
    let first = normalizer.normalize(input);
    let text = first.text();
    // Text longer than the input limit would be cut when normalized again.
    if text.chars().count() >= 1024 {
        return Ok(());
    }
    let second = normalizer.normalize(&text);
    prop_assert_eq!(&second.text(), &text, "input {:?}", input);
    let a: Vec<&str> = first.tokens().iter().map(|t| t.text.as_str()).collect();
    let b: Vec<&str> = second.tokens().iter().map(|t| t.text.as_str()).collect();
    prop_assert_eq!(a, b, "input {:?}", input);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn idempotent_on_name_like_input(input in name_like()) {
        check_idempotent(&Normalizer::new(), &input)?;
    }

    #[test]
    fn idempotent_on_any_string(input in any::<String>()) {
        check_idempotent(&Normalizer::new(), &input)?;
    }

    #[test]
    fn keys_never_panic_and_are_nonempty(input in name_like()) {
        let name = Normalizer::new().normalize(&input);
        let keys = name.keys();
        prop_assert!(keys.iter().all(|k| !k.text.is_empty()));
        prop_assert_eq!(name.is_empty(), keys.is_empty());
    }

    #[test]
    fn tokens_are_folded_ascii(input in name_like()) {
        let name = Normalizer::new().normalize(&input);
        for spelling in &name.spellings {
            for t in spelling {
                prop_assert!(
                    !t.text.is_empty()
                        && t.text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()),
                    "token {:?} of {:?}", t.text, input
                );
            }
        }
    }

    #[test]
    fn truncation_is_flagged(input in "[ -~]{0,300}", max in 1usize..64) {
        let n = Normalizer::builder().max_chars(max).build();
        prop_assert_eq!(n.normalize(&input).truncated, input.len() > max);
    }
}

/// Inputs that random generation reaches only rarely.
fn pathological() -> Vec<(&'static str, String)> {
    let mut cases = vec![
        ("mark flood", format!("a{}", "\u{0301}".repeat(10_000))),
        ("mark flood alone", "\u{0308}".repeat(10_000)),
        (
            "marks between letters",
            "Zelensky"
                .chars()
                .map(|c| format!("{c}\u{0336}\u{0489}"))
                .collect(),
        ),
        (
            "bidi",
            "\u{202E}Kallas\u{202C} \u{2067}كالاس\u{2069}\u{200F}".into(),
        ),
        ("emoji", "👩‍👩‍👧‍👦 🏳️‍🌈 Kaja 🇪🇪 Kallas 😀".into()),
        ("100k latin", "Kallas ".repeat(100_000 / 7)),
        ("100k one word", "a".repeat(100_000)),
        ("100k hyphens", "-".repeat(100_000)),
        ("100k han", "王".repeat(100_000)),
        (
            "separators only",
            " ,;:/\\|()[]{}\"“”«»!?&+·・•*#@<>=~_、。，".repeat(10),
        ),
        (
            "nul and controls",
            (0u8..32)
                .map(char::from)
                .chain(['\u{7f}', '\u{85}'])
                .collect(),
        ),
        (
            "1000 han",
            "习近平王毅李强".chars().cycle().take(1000).collect(),
        ),
        ("1000 hangul", "김정은".chars().cycle().take(1000).collect()),
        (
            "1000 kana",
            "キシダッーー".chars().cycle().take(1000).collect(),
        ),
        ("1000 devanagari marks", format!("क{}", "्ं".repeat(500))),
        (
            "titles only",
            "Mr. Mrs. Dr. Prof. President Foreign Minister".into(),
        ),
        ("title chain", "Mr. and Mrs. and Dr. and".into()),
        ("commas", ",,,, , ,a, ,b,".into()),
        ("possessives", "'s 's ''s s' ’s".into()),
        ("lone surrogate-like", "\u{FFFD}\u{FFFF}\u{10FFFF}".into()),
        ("ligatures", "ﬃ ﬄ ﬅ ǆ ǈ ㈱ ㍿".into()),
    ];
    cases.push((
        "mixed",
        cases.iter().map(|(_, s)| s.as_str()).take(5).collect(),
    ));
    cases
}

#[test]
fn pathological_inputs_do_not_panic() {
    let normalizer = Normalizer::new();
    for (label, input) in pathological() {
        let name = normalizer.normalize(&input);
        let _ = name.keys();
        assert!(
            name.spellings.iter().flatten().all(|t| !t.text.is_empty()),
            "{label}: empty token"
        );
        if input.chars().count() > 2048 {
            assert!(name.truncated, "{label}: not flagged truncated");
        }
        check_idempotent(&normalizer, &input).unwrap_or_else(|e| panic!("{label}: {e}"));
    }
}

#[test]
fn thousand_han_characters_become_syllables() {
    let input: String = "王".repeat(1000);
    let name = Normalizer::new().normalize(&input);
    assert_eq!(name.tokens().len(), 1000);
    assert!(name.tokens().iter().all(|t| t.text == "wang"));
    assert_eq!(name.scripts, [Script::Han]);
}

/// Found by `idempotent_on_name_like_input` while the folded-title step
/// skipped names with a token of an abjad: "Mrب" gave "mr b", and "mr b"
/// gives "b". Romanized consonants that spell a title are removed in both
/// passes, so that the output normalizes to itself.
#[test]
fn titles_next_to_an_abjad_are_idempotent() {
    let normalizer = Normalizer::new();
    for input in ["Mrب", "سارة بن أحمد العمري", "Mr سارة", "גדעון סער"]
    {
        check_idempotent(&normalizer, input).unwrap_or_else(|e| panic!("{input}: {e}"));
    }
}
