//! An arbitrary query against a small dictionary built once.
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
