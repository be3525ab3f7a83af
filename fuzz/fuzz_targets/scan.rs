//! Arbitrary text through the scanner: no panic, and every mention's span
//! lies on char boundaries of the input and matches its text.
//!
//! The scanner runs over a small dictionary built once (not the embedded
//! one, so that the target does not depend on the embedded file being
//! current).
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use polyonym::{DictionaryBuilder, EntityKind, EntityRecord, Resolver, Scanner};

fn scanner() -> &'static Scanner {
    static S: OnceLock<Scanner> = OnceLock::new();
    S.get_or_init(|| {
        let mut b = DictionaryBuilder::new();
        let records = [
            EntityRecord::new("Q7747", "Vladimir Putin", EntityKind::Person)
                .alias("Владимир Путин", Some("ru"))
                .alias("普京", Some("zh")),
            EntityRecord::new("Q567", "Angela Merkel", EntityKind::Person)
                .alias("Ангела Меркель", Some("ru")),
            EntityRecord::new("Q15031", "Xi Jinping", EntityKind::Person)
                .alias("习近平", Some("zh"))
                .alias("Tập Cận Bình", Some("vi")),
            EntityRecord::new("Q458", "European Union", EntityKind::Org).alias("EU", None),
            EntityRecord::new("Q649", "Moscow", EntityKind::Place)
                .alias("Москва", Some("ru"))
                .alias("Москве", Some("ru")),
            EntityRecord::new("Q956", "Beijing", EntityKind::Place).alias("北京", Some("zh")),
        ];
        for r in records {
            b.add(r).expect("valid record");
        }
        let dict = polyonym::Dictionary::from_vec(b.finish_to_vec().expect("build")).expect("open");
        Scanner::new(Resolver::new(dict))
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for m in scanner().scan(&text) {
        assert!(m.start <= m.end && m.end <= text.len());
        assert_eq!(text.get(m.start..m.end), Some(m.text.as_str()));
    }
});
