//! An arbitrary query against a small dictionary built once: names in
//! several scripts, namesakes (Wang Yi: 王毅, 王逸), Latin-only places
//! reached by ear, a patronymic, Han and Hangul person names, pinyin names
//! with Han aliases (reached from Wade–Giles), a hyphenated Chinese given
//! name and an organisation whose name has an acronym. The input is also
//! split in two (at the first tab, else in the middle) for `compare`.
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
            // Pinyin names with Han aliases: Wade–Giles queries ("Mao
            // Tse-tung", "Hsi Chin-p'ing") get pinyin spellings
            // (`knowledge::wade_giles`, `with_wade_giles`).
            EntityRecord::new("Q5816", "Mao Zedong", EntityKind::Person)
                .alias("毛泽东", Some("zh"))
                .alias("毛澤東", Some("zh")),
            EntityRecord::new("Q15031", "Xi Jinping", EntityKind::Person)
                .alias("习近平", Some("zh")),
            EntityRecord::new("Q16592", "Deng Xiaoping", EntityKind::Person)
                .alias("邓小平", Some("zh")),
            // A hyphenated given name of short syllables ("Tsai In-wen":
            // `score::join_syllables`).
            EntityRecord::new("Q233984", "Tsai Ing-wen", EntityKind::Person)
                .alias("蔡英文", Some("zh")),
            // Acronyms of a run of words ("U.S. Department of State",
            // "JC Juncker": `score::match_acronyms`).
            EntityRecord::new(
                "Q789915",
                "United States Department of State",
                EntityKind::Org,
            )
            .alias("Department of State", Some("en")),
            EntityRecord::new("Q11153", "Jean-Claude Juncker", EntityKind::Person),
            // An Arabic query written by ear (لولا دا سيلفا: و/ي as vowels).
            EntityRecord::new("Q37181", "Luiz Inácio Lula da Silva", EntityKind::Person)
                .alias("Lula da Silva", None),
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
    // Two halves for `compare`: at the first tab, else in the middle.
    let (a, b) = match query.split_once('\t') {
        Some(halves) => halves,
        None => {
            let mid = query
                .char_indices()
                .nth(query.chars().count() / 2)
                .map_or(0, |(i, _)| i);
            query.split_at(mid)
        }
    };
    let c = polyonym::compare(a, b);
    assert!((0.0..=1.0).contains(&c.score), "score {}", c.score);
});
