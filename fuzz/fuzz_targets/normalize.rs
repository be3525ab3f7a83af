//! Arbitrary bytes (as lossy UTF-8) through the normalizer, its keys and
//! `compare`: must never panic, and output stays bounded.
#![no_main]

use libfuzzer_sys::fuzz_target;
use polyonym::Normalizer;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let n = Normalizer::new();
    let name = n.normalize(&text);
    let _ = name.text();
    let _ = name.keys();
    // Default max_spellings is 6; a Han or Hangul name keeps its
    // groupings (three at most) past it.
    assert!(
        name.spellings.len() <= 6 + 3,
        "{} spellings",
        name.spellings.len()
    );
    for spelling in &name.spellings {
        // Default max_chars is 1024: output stays proportional.
        let chars: usize = spelling.iter().map(|t| t.text.chars().count()).sum();
        assert!(chars <= 64 * 1024, "{chars} output chars");
    }
    // Split the input in two for compare.
    let mid = text
        .char_indices()
        .nth(text.chars().count() / 2)
        .map_or(0, |(i, _)| i);
    let (a, b) = text.split_at(mid);
    let c = polyonym::compare(a, b);
    assert!((0.0..=1.0).contains(&c.score), "score {}", c.score);
});
