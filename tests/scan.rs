//! Mentions in running text: the seed article pinned mention by mention,
//! paragraphs in Vietnamese, Russian and Chinese, precision guards, the
//! streaming reader, and exact offsets on arbitrary text.

use polyonym::scan::ScannerConfig;
use polyonym::{EntityKind, Mention, Scanner};
use proptest::prelude::*;

fn article() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed/article.txt");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("the seed article {}: {e}", path.display()))
}

/// Every mention as (start, end, text, id).
fn spans(mentions: &[Mention]) -> Vec<(usize, usize, &str, &str)> {
    mentions
        .iter()
        .map(|m| (m.start, m.end, m.text.as_str(), m.id.as_str()))
        .collect()
}

fn check_offsets(text: &str, mentions: &[Mention]) {
    let mut last_end = 0;
    for m in mentions {
        assert!(m.start < m.end, "{m:?}");
        assert!(m.start >= last_end, "overlap or disorder at {m:?}");
        assert_eq!(&text[m.start..m.end], m.text, "{m:?}");
        assert!(!m.candidates.is_empty());
        assert_eq!(m.candidates[0].id, m.id);
        last_end = m.end;
    }
}

const EU: &str = "Q458";
const CHINA: &str = "Q148";
const UKRAINE: &str = "Q212";
const RUSSIA: &str = "Q159";
const IRAN: &str = "Q794";
const KALLAS: &str = "polyonym:person/kaja-kallas";
const WANG_YI: &str = "polyonym:person/wang-yi";
const COSTA: &str = "polyonym:person/antonio-costa";
const BEIJING: &str = "geonames:1816670";
const NPT: &str = "polyonym:other/npt";

/// Every mention of the seed article: (start, end, text, id). Conventions
/// (see `polyonym::scan`): titles and a demonym before a title are inside
/// a person's span; possessives are outside ("Iran's" → "Iran");
/// demonyms ("Russian", "Chinese", "European") are not mentions; an office
/// ("President of the European Council") is not a title of the name after
/// it.
const GOLDEN: &[(usize, usize, &str, &str)] = &[
    (4, 18, "European Union", EU),
    (20, 22, "EU", EU),
    (61, 66, "China", CHINA),
    (88, 95, "Ukraine", UKRAINE),
    (
        213,
        233,
        "EU diplomatic agency",
        "polyonym:org/european-external-action-service",
    ),
    (285, 296, "Kaja Kallas", KALLAS),
    (306, 338, "Chinese Foreign Minister Wang Yi", WANG_YI),
    (342, 350, "Brussels", "geonames:2800866"),
    (372, 378, "Kallas", KALLAS),
    (389, 394, "China", CHINA),
    (526, 528, "EU", EU),
    (655, 665, "Ms. Kallas", KALLAS),
    (829, 835, "Kallas", KALLAS),
    (918, 924, "Russia", RUSSIA),
    (944, 951, "Ukraine", UKRAINE),
    (962, 969, "Beijing", BEIJING),
    (1014, 1020, "Russia", RUSSIA),
    (1142, 1148, "Kallas", KALLAS),
    (1159, 1166, "Beijing", BEIJING),
    (1253, 1258, "China", CHINA),
    (1358, 1365, "Ukraine", UKRAINE),
    (1417, 1421, "Iran", IRAN),
    (1454, 1456, "EU", EU),
    (1550, 1582, "nuclear Non-Proliferation Treaty", NPT),
    (1584, 1587, "NPT", NPT),
    (1685, 1687, "EU", EU),
    (1755, 1760, "China", CHINA),
    (1763, 1767, "Iran", IRAN),
    (1807, 1813, "Tehran", "geonames:112931"),
    (1865, 1876, "Middle East", "polyonym:place/middle-east"),
    (1878, 1905, "Foreign Minister Vuong Nghi", WANG_YI),
    (1937, 1953, "European Council", "Q8886"),
    (1954, 1967, "Antonio Costa", COSTA),
    (1991, 1993, "EU", EU),
    (1994, 1999, "China", CHINA),
    (2048, 2053, "China", CHINA),
    (
        2072,
        2107,
        "Chinese Ministry of Foreign Affairs",
        "polyonym:org/mfa-china",
    ),
    (2109, 2118, "Mr. Vuong", WANG_YI),
    (2285, 2304, "European Commission", "Q8880"),
    (2305, 2335, "President Ursula von der Leyen", "Q60772"),
    (2340, 2357, "Mr. Antonio Costa", COSTA),
    (2380, 2385, "China", CHINA),
    (2451, 2456, "China", CHINA),
    (2457, 2467, "Xi Jinping", "Q15031"),
    (
        2472,
        2496,
        "Chinese Premier Li Qiang",
        "polyonym:person/li-qiang",
    ),
];

#[test]
fn seed_article_golden() {
    let text = article();
    let mentions = Scanner::embedded().scan(&text);
    check_offsets(&text, &mentions);
    assert_eq!(spans(&mentions), GOLDEN.to_vec());
    for m in &mentions {
        assert!(!m.ambiguous, "{m:?}");
        assert!(m.score >= 0.85, "{m:?}");
    }
}

#[test]
fn seed_article_details() {
    let text = article();
    let mentions = Scanner::embedded().scan(&text);
    let find = |t: &str| mentions.iter().find(|m| m.text == t).unwrap();
    // Exact aliases score 1.0; kinds come from the dictionary.
    let eu = find("European Union");
    assert_eq!((eu.score, eu.kind), (1.0, EntityKind::Org));
    // "Wang Yi" is also a pastor's name; "Vuong Nghi" later in the
    // document names only the minister, which settles it.
    let wang = find("Chinese Foreign Minister Wang Yi");
    assert_eq!(wang.candidates.len(), 2);
    assert!(wang
        .explanation
        .detail
        .adjustments
        .iter()
        .any(|a| a.starts_with("document:")));
    // Partial names link to the full name, with a lower score.
    let kallas = find("Ms. Kallas");
    assert_eq!(kallas.score, 0.9);
    assert!(kallas
        .explanation
        .found_by
        .contains(&"coreference".to_string()));
    assert!(kallas.explanation.detail.adjustments[0].contains("\"Kaja Kallas\" at 285..296"));
    // Demonyms are not aliases in the embedded dictionary
    // (data/places/alias_exclusions.tsv): "Russian drones" mentions nothing.
    assert!(mentions.iter().all(|m| m.text != "Russian"));
}

/// A mention found through a derived alias names its rule: a dictionary
/// holding Wang Yi as 王毅 and in pinyin only meets "Vương Nghị" in text
/// through the Sino-Vietnamese reading the builder derived.
#[test]
fn derived_alias_rule_in_mentions() {
    use polyonym::{Dictionary, DictionaryBuilder, EntityRecord, Resolver};
    let mut b = DictionaryBuilder::new();
    b.add(EntityRecord::new("wang", "Wang Yi", EntityKind::Person).alias("王毅", Some("zh")))
        .expect("record");
    let dict = Dictionary::from_vec(b.finish_to_vec().expect("build")).expect("open");
    let text = "Ngoại trưởng Vương Nghị đã đến Brussels.";
    let mentions = Scanner::new(Resolver::new(dict)).scan(text);
    let m = mentions
        .iter()
        .find(|m| m.text.contains("Vương Nghị"))
        .unwrap_or_else(|| panic!("no mention in {mentions:?}"));
    assert_eq!(m.id, "wang");
    assert_eq!(m.explanation.alias_rule.as_deref(), Some("han-reading:vi"));
}

/// Streaming gives the same mentions, whatever the window.
#[test]
fn reader_matches_scan() {
    let text = article();
    let scanner = Scanner::embedded();
    let whole = scanner.scan(&text);
    let streamed: Vec<Mention> = scanner
        .scan_reader(text.as_bytes())
        .collect::<std::io::Result<_>>()
        .unwrap();
    assert_eq!(spans(&streamed), spans(&whole));
    // Line-sized windows: offsets stay exact, and partial names still
    // link to full names of earlier windows.
    let small = Scanner::embedded().with_config(ScannerConfig {
        window_bytes: 64,
        ..ScannerConfig::default()
    });
    let streamed: Vec<Mention> = small
        .scan_reader(std::io::Cursor::new(text.as_bytes()))
        .collect::<std::io::Result<_>>()
        .unwrap();
    check_offsets(&text, &streamed);
    let kallas: Vec<&str> = streamed
        .iter()
        .filter(|m| m.id == KALLAS)
        .map(|m| m.text.as_str())
        .collect();
    assert_eq!(
        kallas,
        ["Kaja Kallas", "Kallas", "Ms. Kallas", "Kallas", "Kallas"]
    );
}

#[test]
fn reader_reports_invalid_utf8() {
    let scanner = Scanner::embedded();
    let mut bytes = b"Kaja Kallas met Wang Yi.\n".to_vec();
    bytes.extend_from_slice(&[0xff, 0xfe, b'\n']);
    let items: Vec<std::io::Result<Mention>> = scanner.scan_reader(&bytes[..]).collect();
    assert!(items.last().unwrap().is_err());
}

#[test]
fn vietnamese() {
    let text = "Ngoại trưởng Vương Nghị hội đàm với đại diện Liên minh châu Âu tại Brussels. \
                Chủ tịch Tập Cận Bình cho biết Trung Quốc sẵn sàng hợp tác với châu Âu. \
                Ông Vương kêu gọi hai bên tôn trọng lợi ích của nhau.";
    let mentions = Scanner::embedded().scan(text);
    check_offsets(text, &mentions);
    let got: Vec<(&str, &str)> = mentions
        .iter()
        .map(|m| (m.text.as_str(), m.id.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("Ngoại trưởng Vương Nghị", WANG_YI),
            ("Liên minh châu Âu", EU),
            ("Brussels", "geonames:2800866"),
            ("Chủ tịch Tập Cận Bình", "Q15031"),
            ("Trung Quốc", CHINA),
            ("Ông Vương", WANG_YI),
        ]
    );
}

#[test]
fn russian() {
    let text = "Владимир Путин заявил, что Россия готова к переговорам. \
                Евросоюз и Китай обсудили ситуацию, а Брюссель ждёт ответа. \
                Путин добавил, что Москва не изменит позицию.";
    let mentions = Scanner::embedded().scan(text);
    check_offsets(text, &mentions);
    let got: Vec<(&str, &str)> = mentions
        .iter()
        .map(|m| (m.text.as_str(), m.id.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("Владимир Путин", "Q7747"),
            ("Россия", RUSSIA),
            ("Евросоюз", EU),
            ("Китай", CHINA),
            ("Брюссель", "geonames:2800866"),
            ("Путин", "Q7747"),
            ("Москва", "geonames:524901"),
        ]
    );
}

#[test]
fn chinese() {
    let text = "欧盟外交与安全政策高级代表卡拉斯在北京会见了中国外长王毅。\
                习近平表示，中国愿与欧盟加强合作。";
    let mentions = Scanner::embedded().scan(text);
    check_offsets(text, &mentions);
    let got: Vec<(&str, &str)> = mentions
        .iter()
        .map(|m| (m.text.as_str(), m.id.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("欧盟", EU),
            ("卡拉斯", KALLAS),
            ("北京", BEIJING),
            ("中国", CHINA),
            ("王毅", WANG_YI),
            ("习近平", "Q15031"),
            ("中国", CHINA),
            ("欧盟", EU),
        ]
    );
    // 王毅 is written as only the minister writes it: the pastor 王怡
    // reads the same (wang yi) but is not a candidate.
    let wang = mentions.iter().find(|m| m.text == "王毅").unwrap();
    assert!(!wang.ambiguous);
    assert_eq!(wang.candidates.len(), 1);
}

/// Common words that are aliases, acronyms in lowercase, names inside
/// longer names: none is a mention.
#[test]
fn precision_guards() {
    let scanner = Scanner::embedded();
    let text = "The Union said on Monday that the Commission and the Council will \
                meet in May. It is the State that will decide, and it will take \
                time. Bill and Will said the Party and the Bank agree. \
                A summit in Costa Rica ended by the end of the day.";
    let mentions = scanner.scan(text);
    let got: Vec<(&str, &str)> = mentions
        .iter()
        .map(|m| (m.text.as_str(), m.id.as_str()))
        .collect();
    assert_eq!(got, [("Costa Rica", "Q800")]);
    // Capitals do make an acronym: "EU" but not "Eu" or "eu".
    let got: Vec<String> = scanner
        .scan("EU, Eu and eu.")
        .into_iter()
        .map(|m| m.text)
        .collect();
    assert_eq!(got, ["EU"]);
}

/// A surname with no full name in the document: the resolver's ranked
/// candidates, flagged ambiguous.
#[test]
fn unanchored_surname_is_ambiguous() {
    let mentions = Scanner::embedded().scan("On Monday, Kallas spoke in Tallinn.");
    let m = &mentions[0];
    assert_eq!((m.start, m.end, m.text.as_str()), (11, 17, "Kallas"));
    assert!(m.ambiguous);
    let ids: Vec<&str> = m.candidates.iter().map(|c| c.id.as_str()).collect();
    assert!(ids.contains(&KALLAS) && ids.contains(&"polyonym:person/siim-kallas"));
    // Flagged even when the title leaves one candidate.
    let mentions = Scanner::embedded().scan("On Monday, Ms. Kallas spoke.");
    assert_eq!(mentions[0].text, "Ms. Kallas");
    assert!(mentions[0].ambiguous);
    // The same surname after the full name links to it.
    let mentions = Scanner::embedded().scan("Kaja Kallas arrived. Ms. Kallas spoke.");
    let m = mentions.iter().find(|m| m.text == "Ms. Kallas").unwrap();
    assert!(!m.ambiguous && m.id == KALLAS);
    // ... and before it, in the same document.
    let mentions = Scanner::embedded().scan("Kallas spoke first. Then Kaja Kallas left.");
    assert_eq!(mentions[0].text, "Kallas");
    assert_eq!(mentions[0].id, KALLAS);
    assert!(!mentions[0].ambiguous);
}

#[test]
fn configuration() {
    let text = "Ms. Kallas met Kaja Kallas in Brussels.";
    let scanner = Scanner::embedded().with_config(ScannerConfig {
        kinds: Some(vec![EntityKind::Place]),
        ..ScannerConfig::default()
    });
    let got: Vec<String> = scanner.scan(text).into_iter().map(|m| m.text).collect();
    assert_eq!(got, ["Brussels"]);
    let scanner = Scanner::embedded().with_config(ScannerConfig {
        absorb_titles: false,
        coreference: false,
        ..ScannerConfig::default()
    });
    let got: Vec<String> = scanner.scan(text).into_iter().map(|m| m.text).collect();
    assert_eq!(got, ["Kaja Kallas", "Brussels"]);
}

/// Offsets are exact through multi-byte characters, combining marks
/// (text in NFD) and CRLF line ends.
#[test]
fn offsets_with_combining_marks_and_crlf() {
    use unicode_normalization::UnicodeNormalization;
    let text: String =
        "Ngoại trưởng Vương Nghị\r\nmet Kaja Kallas in Brussels.\r\nMs. Kallas left."
            .nfd()
            .collect();
    let mentions = Scanner::embedded().scan(&text);
    check_offsets(&text, &mentions);
    let ids: Vec<&str> = mentions.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(
        ids,
        [WANG_YI, KALLAS, "geonames:2800866", KALLAS],
        "{mentions:#?}"
    );
}

fn piece() -> impl Strategy<Value = String> {
    let fragments: Vec<String> = {
        let text = article();
        let words: Vec<&str> = text.split(' ').collect();
        words.windows(4).map(|w| w.join(" ")).collect()
    };
    prop_oneof![
        4 => proptest::sample::select(fragments),
        2 => proptest::sample::select(vec![
            "\r\n", "\n", " ", "\u{301}", "\u{323}", "\u{308}", "\u{200b}", "Ms.", "Vương Nghị",
            "王毅", "习近平北京", "Брюссель", "Kallas's", "EU’s", "U.S.", "-", "·", "\u{a0}",
        ])
        .prop_map(str::to_string),
        1 => any::<char>().prop_map(|c| c.to_string()),
        1 => "\\PC{0,6}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn spans_slice_the_original_text(pieces in prop::collection::vec(piece(), 0..40)) {
        let text: String = pieces.concat();
        let scanner = Scanner::embedded();
        let mentions = scanner.scan(&text);
        check_offsets(&text, &mentions);
        let small = Scanner::embedded().with_config(ScannerConfig {
            window_bytes: 80,
            ..ScannerConfig::default()
        });
        let streamed: Vec<Mention> = small
            .scan_reader(text.as_bytes())
            .collect::<std::io::Result<_>>()
            .unwrap();
        check_offsets(&text, &streamed);
    }
}
