//! An arbitrary query against a small dictionary built once: names in
//! several scripts, namesakes (Wang Yi: 王毅, 王逸), Latin-only places
//! reached by ear, a patronymic, Han and Hangul person names.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use polyonym::{DictionaryBuilder, EntityKind, EntityRecord, Resolver};

fn resolver() -> &'static Resolver {
    static R: OnceLock<Resolver> = OnceLock::new();
    R.get_or_init(|| {
        let mut b = DictionaryBuilder::new();
        let records = [
            EntityRecord::new("Q7747", "Vladimir Putin", EntityKind::Person)
                .alias("Владимир Путин", Some("ru"))
                .alias("普京", Some("zh"))
                .alias("Putin, Vladimir", None),
            EntityRecord::new("Q567", "Angela Merkel", EntityKind::Person)
                .alias("Ангела Меркель", Some("ru"))
                .alias("アンゲラ・メルケル", Some("ja")),
            EntityRecord::new("W1", "Wang Yi", EntityKind::Person)
                .alias("王毅", Some("zh"))
                .alias("Vương Nghị", Some("vi")),
            EntityRecord::new("W2", "Wang Yi", EntityKind::Person).alias("王逸", Some("zh")),
            EntityRecord::new("Q458", "European Union", EntityKind::Org)
                .alias("EU", None)
                .alias("Европейский союз", Some("ru"))
                .alias("الاتحاد الأوروبي", Some("ar")),
            EntityRecord::new("Q1490", "Tokyo", EntityKind::Place)
                .alias("東京", Some("ja"))
                .alias("도쿄", Some("ko"))
                .alias("टोक्यो", Some("hi")),
            // Latin names only: queries in Arabic, Hebrew, Han or Hangul
            // (غنا, 迪拜, 가나) reach them by consonant classes
            // (`crate::phonetic`, the word-FST automaton).
            EntityRecord::new("Q117", "Ghana", EntityKind::Place),
            EntityRecord::new("Q612", "Dubai", EntityKind::Place),
            // A patronymic particle ("Salman bin Muhammad" is swapped), and
            // a Hangul name with its Hanja (김종은 differs by a syllable).
            EntityRecord::new("Q6881279", "Mohammed bin Salman", EntityKind::Person)
                .alias("محمد بن سلمان", Some("ar")),
            EntityRecord::new("Q56226", "Kim Jong Un", EntityKind::Person)
                .alias("김정은", Some("ko"))
                .alias("金正恩", Some("zh")),
        ];
        for r in records {
            b.add(r).expect("valid record");
        }
        let dict = polyonym::Dictionary::from_vec(b.finish_to_vec().expect("build")).expect("open");
        Resolver::new(dict)
    })
}

fuzz_target!(|data: &[u8]| {
    let query = String::from_utf8_lossy(data);
    let r = resolver().resolve(&query);
    for m in &r.matches {
        assert!((0.0..=1.0).contains(&m.score), "score {}", m.score);
    }
});
