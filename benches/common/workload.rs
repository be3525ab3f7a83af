//! Deterministic multilingual workload for the resolve benchmarks: a
//! dictionary of synthetic people and organisations in twelve locales and
//! five scripts, and query sets per class (exact hits, 1- and 2-edit typos,
//! token reorders, absent names). Fixed-seed xorshift, no network, no
//! `rand`: every run on every machine generates the same data.
//!
//! Shared by `benches/resolve.rs` and `examples/bench_compare.rs` through
//! `#[path = "..."] mod workload;`.

#![allow(dead_code)]

use std::collections::{HashMap, HashSet};

use polyonym::dict::{EntityKind, EntityRecord};

/// xorshift64*: deterministic, no dependencies.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// One locale's name material. Family names come from `family` (30%) or are
/// built from two or three `syllables` (if any), so the name space is large
/// while common surnames repeat.
pub struct Locale {
    pub lang: &'static str,
    pub given: &'static [&'static str],
    pub family: &'static [&'static str],
    pub syllables: &'static [&'static str],
    pub legal: &'static [&'static str],
    pub sectors: &'static [&'static str],
    /// CJK: family and given name written together, no spaces.
    pub cjk: bool,
    /// Share of entities, in percent of the weight sum.
    pub weight: u64,
}

const LATIN_SECTORS: &[&str] = &[
    "Trading",
    "Logistics",
    "Energy",
    "Capital",
    "Systems",
    "Foods",
    "Textiles",
    "Mining",
    "Shipping",
    "Pharma",
    "Holdings",
    "Partners",
    "Solutions",
    "Industries",
    "Media",
];

pub const LOCALES: &[Locale] = &[
    Locale {
        lang: "en",
        given: &[
            "James",
            "Mary",
            "John",
            "Patricia",
            "Robert",
            "Jennifer",
            "Michael",
            "Linda",
            "William",
            "Elizabeth",
            "David",
            "Barbara",
            "Richard",
            "Susan",
            "Joseph",
            "Jessica",
            "Thomas",
            "Sarah",
            "Charles",
            "Karen",
            "Daniel",
            "Nancy",
            "Matthew",
            "Lisa",
            "Anthony",
            "Margaret",
            "Mark",
            "Sandra",
            "Steven",
            "Ashley",
            "Andrew",
            "Emily",
        ],
        family: &[
            "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson",
            "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson",
            "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King",
            "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell",
        ],
        syllables: &[
            "ash", "bar", "brook", "ford", "ham", "ley", "ton", "well", "wood", "field", "ridge",
            "win", "dal", "mer", "stan", "hart", "cole", "ing", "by", "worth",
        ],
        legal: &["Ltd", "LLC", "Inc.", "PLC", "Corp.", "Holdings Ltd", "LLP"],
        sectors: LATIN_SECTORS,
        cjk: false,
        weight: 16,
    },
    Locale {
        lang: "de",
        given: &[
            "Lukas",
            "Anna",
            "Felix",
            "Marie",
            "Jonas",
            "Sophie",
            "Paul",
            "Lena",
            "Maximilian",
            "Hannah",
            "Jürgen",
            "Ursula",
            "Günter",
            "Käthe",
            "Wolfgang",
            "Sabine",
            "Stefan",
            "Monika",
            "Andreas",
            "Petra",
            "Klaus",
            "Brigitte",
            "Dieter",
            "Renate",
            "Uwe",
        ],
        family: &[
            "Müller",
            "Schmidt",
            "Schneider",
            "Fischer",
            "Weber",
            "Meyer",
            "Wagner",
            "Becker",
            "Schulz",
            "Hoffmann",
            "Schäfer",
            "Koch",
            "Bauer",
            "Richter",
            "Klein",
            "Wolf",
            "Schröder",
            "Neumann",
            "Schwarz",
            "Zimmermann",
            "Braun",
            "Krüger",
            "Hofmann",
            "Hartmann",
            "Lange",
            "Schmitt",
            "Werner",
            "Krause",
            "Meier",
            "Lehmann",
        ],
        syllables: &[
            "berg", "bach", "mann", "hof", "stein", "feld", "brunn", "hau", "sen", "dorf", "wald",
            "rich", "lin", "ger", "ke", "hübner", "grün", "kamp", "heim", "roth",
        ],
        legal: &["GmbH", "AG", "GmbH & Co. KG", "KG", "e.V.", "SE"],
        sectors: &[
            "Handel",
            "Logistik",
            "Energie",
            "Bau",
            "Technik",
            "Maschinenbau",
            "Versicherung",
            "Immobilien",
            "Verlag",
            "Brauerei",
        ],
        cjk: false,
        weight: 10,
    },
    Locale {
        lang: "fr",
        given: &[
            "Jean",
            "Marie",
            "Pierre",
            "Françoise",
            "Michel",
            "Monique",
            "André",
            "Nathalie",
            "Philippe",
            "Isabelle",
            "Jacques",
            "Sylvie",
            "Bernard",
            "Céline",
            "Émile",
            "Hélène",
            "Sébastien",
            "Aurélie",
            "Gérard",
            "Chloé",
            "François",
            "Élodie",
            "Luc",
            "Amélie",
        ],
        family: &[
            "Martin",
            "Bernard",
            "Dubois",
            "Thomas",
            "Robert",
            "Richard",
            "Petit",
            "Durand",
            "Leroy",
            "Moreau",
            "Simon",
            "Laurent",
            "Lefèbvre",
            "Michel",
            "Garcia",
            "David",
            "Bertrand",
            "Roux",
            "Vincent",
            "Fournier",
            "Morel",
            "Girard",
            "André",
            "Lefèvre",
            "Mercier",
            "Dupont",
            "Lambert",
            "Bonnet",
            "François",
            "Rousseau",
        ],
        syllables: &[
            "bel", "mont", "ville", "fort", "champ", "beau", "lac", "roche", "mar", "val", "court",
            "ier", "ard", "eau", "chaux", "pré", "bois", "clair", "fon", "tain",
        ],
        legal: &["SA", "SARL", "SAS", "SNC", "SCI"],
        sectors: &[
            "Transports",
            "Énergie",
            "Conseil",
            "Immobilier",
            "Industries",
            "Distribution",
            "Services",
            "Assurances",
        ],
        cjk: false,
        weight: 8,
    },
    Locale {
        lang: "es",
        given: &[
            "José",
            "María",
            "Antonio",
            "Carmen",
            "Juan",
            "Ana",
            "Manuel",
            "Laura",
            "Francisco",
            "Isabel",
            "David",
            "Lucía",
            "Javier",
            "Pilar",
            "Jesús",
            "Marta",
            "Alejandro",
            "Cristina",
            "Miguel",
            "Rosa",
            "Rafael",
            "Elena",
            "Ángel",
            "Sofía",
        ],
        family: &[
            "García",
            "Rodríguez",
            "González",
            "Fernández",
            "López",
            "Martínez",
            "Sánchez",
            "Pérez",
            "Gómez",
            "Martín",
            "Jiménez",
            "Ruiz",
            "Hernández",
            "Díaz",
            "Moreno",
            "Muñoz",
            "Álvarez",
            "Romero",
            "Alonso",
            "Gutiérrez",
            "Navarro",
            "Torres",
            "Domínguez",
            "Vázquez",
            "Ramos",
            "Gil",
            "Ramírez",
            "Serrano",
            "Blanco",
            "Molina",
        ],
        syllables: &[
            "al", "var", "ez", "cas", "tro", "mon", "te", "ro", "ri", "ve", "ra", "lla", "do",
            "sal", "ce", "da", "ber", "mu", "ñoz", "gal",
        ],
        legal: &["S.A.", "S.L.", "S.A.U.", "S.L.U."],
        sectors: &[
            "Construcciones",
            "Inversiones",
            "Transportes",
            "Alimentación",
            "Energía",
            "Distribuciones",
            "Servicios",
        ],
        cjk: false,
        weight: 8,
    },
    Locale {
        lang: "pl",
        given: &[
            "Piotr",
            "Anna",
            "Krzysztof",
            "Maria",
            "Andrzej",
            "Katarzyna",
            "Tomasz",
            "Małgorzata",
            "Paweł",
            "Agnieszka",
            "Michał",
            "Barbara",
            "Marcin",
            "Ewa",
            "Łukasz",
            "Magdalena",
            "Grzegorz",
            "Joanna",
            "Jakub",
            "Zofia",
            "Wojciech",
            "Dorota",
            "Mateusz",
            "Beata",
        ],
        family: &[
            "Nowak",
            "Kowalski",
            "Wiśniewski",
            "Wójcik",
            "Kowalczyk",
            "Kamiński",
            "Lewandowski",
            "Zieliński",
            "Szymański",
            "Woźniak",
            "Dąbrowski",
            "Kozłowski",
            "Jankowski",
            "Mazur",
            "Kwiatkowski",
            "Krawczyk",
            "Piotrowski",
            "Grabowski",
            "Nowakowski",
            "Pawłowski",
            "Michalski",
            "Król",
            "Wieczorek",
            "Jabłoński",
            "Wróbel",
            "Majewski",
            "Olszewski",
        ],
        syllables: &[
            "grab", "ow", "ski", "lew", "and", "czyk", "wicz", "kow", "dą", "brow", "szym", "ań",
            "ziel", "iń", "kraw", "jab", "łoń", "maj", "ew", "olsz",
        ],
        legal: &["Sp. z o.o.", "S.A.", "Sp.k.", "Sp.j."],
        sectors: &["Budownictwo", "Transport", "Handel", "Energetyka", "Usługi"],
        cjk: false,
        weight: 6,
    },
    Locale {
        lang: "tr",
        given: &[
            "Mehmet", "Ayşe", "Mustafa", "Fatma", "Ahmet", "Emine", "Ali", "Hatice", "Hüseyin",
            "Zeynep", "Hasan", "Elif", "İbrahim", "Şerife", "İsmail", "Özlem", "Osman", "Gülşen",
            "Yusuf", "Çiğdem", "Murat", "Derya", "Ömer", "Sevgi",
        ],
        family: &[
            "Yılmaz",
            "Kaya",
            "Demir",
            "Şahin",
            "Çelik",
            "Yıldız",
            "Yıldırım",
            "Öztürk",
            "Aydın",
            "Özdemir",
            "Arslan",
            "Doğan",
            "Kılıç",
            "Aslan",
            "Çetin",
            "Kara",
            "Koç",
            "Kurt",
            "Özkan",
            "Şimşek",
            "Polat",
            "Özer",
            "Güneş",
            "Erdoğan",
            "Aksoy",
            "Bulut",
            "Keskin",
        ],
        syllables: &[
            "öz", "kan", "ay", "dın", "er", "dem", "ir", "kay", "ak", "soy", "gü", "neş", "bul",
            "ut", "kes", "kin", "tür", "ko", "ç", "han",
        ],
        legal: &["A.Ş.", "Ltd. Şti.", "Anonim Şirketi", "Limited Şirketi"],
        sectors: &["İnşaat", "Tekstil", "Enerji", "Gıda", "Lojistik", "Turizm"],
        cjk: false,
        weight: 6,
    },
    Locale {
        lang: "ru",
        given: &[
            "Александр",
            "Елена",
            "Сергей",
            "Ольга",
            "Дмитрий",
            "Наталья",
            "Андрей",
            "Татьяна",
            "Алексей",
            "Ирина",
            "Михаил",
            "Светлана",
            "Иван",
            "Мария",
            "Владимир",
            "Анна",
            "Николай",
            "Юлия",
            "Евгений",
            "Екатерина",
            "Павел",
            "Людмила",
            "Юрий",
            "Галина",
        ],
        family: &[
            "Иванов",
            "Смирнов",
            "Кузнецов",
            "Попов",
            "Васильев",
            "Петров",
            "Соколов",
            "Михайлов",
            "Новиков",
            "Фёдоров",
            "Морозов",
            "Волков",
            "Алексеев",
            "Лебедев",
            "Семёнов",
            "Егоров",
            "Павлов",
            "Козлов",
            "Степанов",
            "Николаев",
            "Орлов",
            "Андреев",
            "Макаров",
            "Никитин",
            "Захаров",
            "Зайцев",
            "Соловьёв",
            "Борисов",
            "Яковлев",
        ],
        syllables: &[
            "бор", "ис", "ов", "ев", "ин", "кра", "сно", "вол", "ков", "мед", "вед", "сер", "гей",
            "бел", "ых", "чер", "ня", "жук", "гор", "ский",
        ],
        legal: &["ООО", "АО", "ПАО", "ЗАО"],
        sectors: &["Газ", "Транс", "Строй", "Нефть", "Инвест", "Агро"],
        cjk: false,
        weight: 10,
    },
    Locale {
        lang: "uk",
        given: &[
            "Олександр",
            "Олена",
            "Сергій",
            "Ольга",
            "Дмитро",
            "Наталія",
            "Андрій",
            "Тетяна",
            "Олексій",
            "Ірина",
            "Михайло",
            "Світлана",
            "Іван",
            "Марія",
            "Володимир",
            "Юлія",
            "Микола",
            "Оксана",
            "Євген",
            "Катерина",
            "Петро",
            "Людмила",
            "Тарас",
            "Галина",
        ],
        family: &[
            "Мельник",
            "Шевченко",
            "Коваленко",
            "Бондаренко",
            "Бойко",
            "Ткаченко",
            "Кравченко",
            "Ковальчук",
            "Коваль",
            "Олійник",
            "Шевчук",
            "Поліщук",
            "Ткачук",
            "Савченко",
            "Бондар",
            "Марченко",
            "Руденко",
            "Мороз",
            "Лисенко",
            "Петренко",
            "Клименко",
            "Павленко",
            "Кравчук",
            "Кузьменко",
            "Пономаренко",
            "Савчук",
            "Василенко",
        ],
        syllables: &[
            "ко", "вал", "енко", "чук", "шев", "бон", "дар", "тка", "марч", "руд", "лис", "пет",
            "кли", "мен", "пав", "кузь", "поно", "мар", "сав", "вас",
        ],
        legal: &["ТОВ", "ПрАТ", "ПАТ", "ФОП"],
        sectors: &["Агро", "Буд", "Енерго", "Транс", "Інвест"],
        cjk: false,
        weight: 6,
    },
    Locale {
        lang: "vi",
        given: &[
            "Minh", "Lan", "Hùng", "Hương", "Dũng", "Hoa", "Tuấn", "Mai", "Quang", "Thảo", "Đức",
            "Linh", "Nam", "Ngọc", "Hải", "Trang", "Thành", "Phương", "Long", "Yến", "Khánh",
            "Hạnh", "Bảo", "Vy",
        ],
        family: &[
            "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
            "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trương", "Đoàn", "Lâm", "Mai", "Tạ", "Cao",
            "Lương", "Châu",
        ],
        syllables: &[],
        legal: &["Công ty TNHH", "Công ty Cổ phần", "JSC", "Co., Ltd"],
        sectors: &["Thương mại", "Xây dựng", "Vận tải", "Đầu tư", "Dịch vụ"],
        cjk: false,
        weight: 6,
    },
    Locale {
        lang: "zh",
        given: &[
            "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
            "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "建", "国", "文", "志",
            "红", "玉", "海", "林", "春", "晓", "云", "鹏",
        ],
        family: &[
            "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
            "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯",
            "邓", "曹",
        ],
        syllables: &[],
        legal: &["有限公司", "股份有限公司", "集团"],
        sectors: &["科技", "贸易", "实业", "能源", "物流"],
        cjk: true,
        weight: 8,
    },
    Locale {
        lang: "ja",
        given: &[
            "太郎",
            "花子",
            "健",
            "翔",
            "大輔",
            "美咲",
            "陽子",
            "誠",
            "直樹",
            "恵",
            "拓也",
            "由美",
            "浩",
            "彩",
            "亮",
            "裕子",
            "和也",
            "舞",
            "剛",
            "真由美",
            "隆",
            "優子",
        ],
        family: &[
            "佐藤",
            "鈴木",
            "高橋",
            "田中",
            "伊藤",
            "渡辺",
            "山本",
            "中村",
            "小林",
            "加藤",
            "吉田",
            "山田",
            "佐々木",
            "山口",
            "松本",
            "井上",
            "木村",
            "林",
            "斎藤",
            "清水",
            "山崎",
            "森",
            "池田",
            "橋本",
            "阿部",
            "石川",
            "山下",
            "中島",
            "石井",
            "小川",
        ],
        syllables: &[],
        legal: &["株式会社", "有限会社", "合同会社"],
        sectors: &["商事", "工業", "電機", "製作所", "物産"],
        cjk: true,
        weight: 6,
    },
    Locale {
        lang: "ar",
        given: &[
            "محمد",
            "أحمد",
            "علي",
            "فاطمة",
            "عمر",
            "خالد",
            "مريم",
            "يوسف",
            "حسن",
            "عائشة",
            "إبراهيم",
            "زينب",
            "سعيد",
            "نور",
            "عبدالله",
            "ليلى",
            "مصطفى",
            "سارة",
            "طارق",
            "هدى",
            "كريم",
            "سلمى",
            "ياسر",
            "رانيا",
        ],
        family: &[
            "الحسن",
            "العلي",
            "الأحمد",
            "الخطيب",
            "المصري",
            "الشامي",
            "النجار",
            "الحداد",
            "العمري",
            "القاسم",
            "السيد",
            "الزين",
            "حداد",
            "خوري",
            "منصور",
            "سليمان",
            "عثمان",
            "حمدان",
            "الراشد",
            "الدوسري",
            "الشمري",
            "القحطاني",
            "العتيبي",
            "الغامدي",
            "الزهراني",
        ],
        syllables: &[],
        legal: &["ش.م.م", "ذ.م.م", "شركة"],
        sectors: &["للتجارة", "للمقاولات", "للاستثمار", "للنقل", "للطاقة"],
        cjk: false,
        weight: 10,
    },
];

/// Query classes, in report order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Class {
    Exact,
    Typo1,
    Typo2,
    Reorder,
    Absent,
}

impl Class {
    pub const ALL: [Class; 5] = [
        Class::Exact,
        Class::Typo1,
        Class::Typo2,
        Class::Reorder,
        Class::Absent,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Class::Exact => "exact",
            Class::Typo1 => "typo1",
            Class::Typo2 => "typo2",
            Class::Reorder => "reorder",
            Class::Absent => "absent",
        }
    }

    pub fn parse(s: &str) -> Option<Class> {
        Class::ALL.into_iter().find(|c| c.name() == s)
    }
}

/// One query: its class, text and the expected entity ID (`None` for
/// absent names).
#[derive(Clone, Debug)]
pub struct Query {
    pub class: Class,
    pub text: String,
    pub expected: Option<String>,
}

/// The dictionary records and the queries.
pub struct Workload {
    pub records: Vec<EntityRecord>,
    pub aliases: usize,
    pub queries: Vec<Query>,
}

impl Workload {
    /// The queries of one class.
    pub fn class(&self, class: Class) -> Vec<&Query> {
        self.queries.iter().filter(|q| q.class == class).collect()
    }

    /// Every alias (canonical names included) with its entity ID.
    pub fn alias_list(&self) -> Vec<(String, String)> {
        let mut out = Vec::with_capacity(self.aliases);
        for r in &self.records {
            out.push((r.id.clone(), r.name.clone()));
            for a in &r.aliases {
                out.push((r.id.clone(), a.name.clone()));
            }
        }
        out
    }
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn family(rng: &mut Rng, l: &Locale) -> String {
    if l.syllables.is_empty() || rng.chance(30) {
        return rng.pick(l.family).to_string();
    }
    let n = 2 + rng.below(2);
    let mut s = String::new();
    for _ in 0..n {
        s.push_str(rng.pick(l.syllables));
    }
    capitalize(&s)
}

fn pick_locale(rng: &mut Rng) -> &'static Locale {
    let total: u64 = LOCALES.iter().map(|l| l.weight).sum();
    let mut w = rng.next() % total;
    for l in LOCALES {
        if w < l.weight {
            return l;
        }
        w -= l.weight;
    }
    &LOCALES[0]
}

/// A person's (given, middle, family) in display order "given [middle] family".
fn person_name(rng: &mut Rng, l: &Locale) -> (String, Option<String>, String) {
    if l.cjk {
        let fam = rng.pick(l.family).to_string();
        let mut given = rng.pick(l.given).to_string();
        if l.lang == "zh" && rng.chance(75) {
            given.push_str(rng.pick(l.given));
        }
        return (given, None, fam);
    }
    let given = rng.pick(l.given).to_string();
    let fam = family(rng, l);
    let middle = if l.lang == "vi" {
        // Vietnamese: family middle given, written family first.
        Some(
            rng.pick(&["Văn", "Thị", "Đức", "Minh", "Ngọc", "Thanh", "Hữu", "Quốc"])
                .to_string(),
        )
    } else if l.lang == "ar" {
        rng.chance(60).then(|| format!("بن {}", rng.pick(l.given)))
    } else {
        rng.chance(20)
            .then(|| rng.pick(l.given).to_string())
            .filter(|m| *m != given)
    };
    (given, middle, fam)
}

fn display_person(l: &Locale, given: &str, middle: Option<&str>, fam: &str) -> String {
    if l.cjk {
        return format!("{fam}{given}");
    }
    if l.lang == "vi" {
        return match middle {
            Some(m) => format!("{fam} {m} {given}"),
            None => format!("{fam} {given}"),
        };
    }
    match middle {
        Some(m) => format!("{given} {m} {fam}"),
        None => format!("{given} {fam}"),
    }
}

/// A name's words, lowercased, without punctuation, sorted: two names with
/// the same key are one name to any matcher that ignores case and order.
fn fold_key(name: &str) -> String {
    let lower = name.to_lowercase();
    let mut words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.sort_unstable();
    words.join(" ")
}

fn person(
    rng: &mut Rng,
    l: &Locale,
    id: String,
    names: &mut HashSet<String>,
) -> Option<EntityRecord> {
    let lang = Some(l.lang);
    for _ in 0..8 {
        let (given, middle, fam) = person_name(rng, l);
        let name = display_person(l, &given, middle.as_deref(), &fam);
        if names.contains(&name) {
            continue;
        }
        names.insert(name.clone());
        let mut r = EntityRecord::new(id, name, EntityKind::Person);
        // Aliases that are already another entity's name are left out, so
        // that an exact query has one right answer (up to normalization).
        let mut add = |r: EntityRecord, alias: String| {
            if names.insert(alias.clone()) {
                r.alias(alias, lang)
            } else {
                r
            }
        };
        if l.cjk {
            if rng.chance(50) {
                r = add(r, format!("{fam} {given}"));
            }
            return Some(r);
        }
        let extra = rng.below(4);
        if extra >= 1 && l.lang != "vi" {
            r = add(r, format!("{fam}, {given}"));
        }
        if extra >= 2 && middle.is_some() && l.lang != "vi" {
            r = add(r, format!("{given} {fam}"));
        }
        if extra >= 3 {
            let title = match l.lang {
                "de" => "Dr.",
                "fr" => "M.",
                "es" => "Sr.",
                "ru" => "г-н",
                _ => "Dr.",
            };
            r = add(r, format!("{title} {given} {fam}"));
        }
        return Some(r);
    }
    None
}

fn org(rng: &mut Rng, l: &Locale, id: String, names: &mut HashSet<String>) -> Option<EntityRecord> {
    let lang = Some(l.lang);
    for _ in 0..8 {
        let legal = rng.pick(l.legal);
        let sector = rng.pick(l.sectors);
        let base = if l.cjk {
            let a = rng.pick(l.family);
            let b = rng.pick(l.given);
            let c = rng.pick(l.given);
            format!("{a}{b}{c}{sector}")
        } else if rng.chance(50) || l.syllables.is_empty() {
            format!("{} {}", family(rng, l), sector)
        } else {
            format!("{} & {}", family(rng, l), family(rng, l))
        };
        let name = match l.lang {
            "ru" | "uk" => format!("{legal} «{base}»"),
            "vi" | "ar" if legal.contains(' ') || l.lang == "ar" => format!("{legal} {base}"),
            _ if l.cjk => format!("{base}{legal}"),
            _ => format!("{base} {legal}"),
        };
        if names.contains(&name) || names.contains(&base) {
            continue;
        }
        names.insert(name.clone());
        names.insert(base.clone());
        let mut r = EntityRecord::new(id, name, EntityKind::Org).alias(base.clone(), lang);
        if !l.cjk && rng.chance(30) {
            r = r.alias(base.to_uppercase(), None);
        }
        return Some(r);
    }
    None
}

/// `edits` random single-character edits (insert, delete, substitute,
/// adjacent transposition) at letter positions; the new characters come
/// from the name itself, so the script stays the same.
pub fn typo(rng: &mut Rng, s: &str, edits: usize) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    for _ in 0..edits {
        let letters: Vec<usize> = (0..chars.len())
            .filter(|&i| chars[i].is_alphabetic())
            .collect();
        if letters.len() < 3 {
            break;
        }
        let i = letters[rng.below(letters.len())];
        let donor = chars[letters[rng.below(letters.len())]];
        match rng.below(4) {
            0 => chars.insert(i, donor),
            1 => {
                chars.remove(i);
            }
            2 => {
                let mut c = donor;
                if c == chars[i] {
                    c = chars[letters
                        [(letters.iter().position(|&x| x == i).unwrap_or(0) + 1) % letters.len()]];
                }
                if c == chars[i] {
                    chars.insert(i, c);
                } else {
                    chars[i] = c;
                }
            }
            _ => {
                if i + 1 < chars.len() && chars[i + 1].is_alphabetic() && chars[i] != chars[i + 1] {
                    chars.swap(i, i + 1);
                } else {
                    chars.remove(i);
                }
            }
        }
    }
    chars.into_iter().collect()
}

/// Generates a dictionary of at least `aliases` names and `per_class`
/// queries of each class.
pub fn generate(aliases: usize, per_class: usize, seed: u64) -> Workload {
    let mut rng = Rng(seed | 1);
    let mut records: Vec<EntityRecord> = Vec::new();
    let mut locale_of: Vec<u8> = Vec::new();
    let mut names: HashSet<String> = HashSet::new();
    let mut count = 0;
    while count < aliases {
        let li = {
            let l = pick_locale(&mut rng);
            LOCALES.iter().position(|x| std::ptr::eq(x, l)).unwrap_or(0)
        };
        let l = &LOCALES[li];
        let id = format!("E{}", records.len());
        let rec = if rng.chance(80) {
            person(&mut rng, l, id, &mut names)
        } else {
            org(&mut rng, l, id, &mut names)
        };
        if let Some(r) = rec {
            for a in &r.aliases {
                names.insert(a.name.clone());
            }
            count += 1 + r.aliases.len();
            records.push(r);
            locale_of.push(li as u8);
        }
    }

    // Alias text -> entity index, to reject typos that land on another alias.
    let mut by_name: HashMap<&str, usize> = HashMap::with_capacity(count);
    for (i, r) in records.iter().enumerate() {
        by_name.insert(r.name.as_str(), i);
        for a in &r.aliases {
            by_name.insert(a.name.as_str(), i);
        }
    }

    let mut qrng = Rng(seed.rotate_left(17) ^ 0x9E37_79B9_7F4A_7C15);
    let mut queries = Vec::new();
    let n = records.len();
    // Exact: any alias of a random entity.
    while queries.len() < per_class {
        let r = &records[qrng.below(n)];
        let k = qrng.below(1 + r.aliases.len());
        let text = if k == 0 {
            r.name.clone()
        } else {
            r.aliases[k - 1].name.clone()
        };
        queries.push(Query {
            class: Class::Exact,
            text,
            expected: Some(r.id.clone()),
        });
    }
    // Typos on canonical names of at least 8 characters (so CJK names of two
    // to four characters, where one edit is a different name, are left out).
    for (class, edits) in [(Class::Typo1, 1), (Class::Typo2, 2)] {
        let mut made = 0;
        while made < per_class {
            let r = &records[qrng.below(n)];
            if r.name.chars().count() < 8 {
                continue;
            }
            let text = typo(&mut qrng, &r.name, edits);
            if text == r.name || by_name.contains_key(text.as_str()) {
                continue;
            }
            queries.push(Query {
                class,
                text,
                expected: Some(r.id.clone()),
            });
            made += 1;
        }
    }
    // Reorders: a person's family name moved to the other end; an
    // organisation's first two words swapped.
    let mut made = 0;
    while made < per_class {
        let i = qrng.below(n);
        let r = &records[i];
        let toks: Vec<&str> = r.name.split(' ').collect();
        if toks.len() < 2 || LOCALES[locale_of[i] as usize].cjk {
            continue;
        }
        let text = if r.kind == EntityKind::Person {
            let mut t = toks.clone();
            let last = t.pop().unwrap_or_default();
            t.insert(0, last);
            t.join(" ")
        } else {
            let mut t = toks.clone();
            t.swap(0, 1);
            t.join(" ")
        };
        if text == r.name || by_name.contains_key(text.as_str()) {
            continue;
        }
        queries.push(Query {
            class: Class::Reorder,
            text,
            expected: Some(r.id.clone()),
        });
        made += 1;
    }
    // Absent: 70% a present person's family name with another given name,
    // 30% a fresh name; none is an alias of the dictionary, even folded
    // (case, punctuation) and with its words in another order.
    let folded: HashSet<String> = records
        .iter()
        .flat_map(|r| std::iter::once(&r.name).chain(r.aliases.iter().map(|a| &a.name)))
        .map(|n| fold_key(n))
        .collect();
    let mut made = 0;
    while made < per_class {
        let i = qrng.below(n);
        let l = &LOCALES[locale_of[i] as usize];
        let text = if qrng.chance(70) {
            let r = &records[i];
            if r.kind != EntityKind::Person {
                continue;
            }
            let given = qrng.pick(l.given);
            if l.cjk {
                let fam = l
                    .family
                    .iter()
                    .find(|f| r.name.starts_with(**f))
                    .copied()
                    .unwrap_or("");
                format!("{fam}{given}")
            } else if l.lang == "vi" {
                let fam = r.name.split(' ').next().unwrap_or("");
                format!("{fam} {given}")
            } else {
                let fam = r.name.rsplit(' ').next().unwrap_or("");
                format!("{given} {fam}")
            }
        } else {
            let (g, m, f) = person_name(&mut qrng, l);
            display_person(l, &g, m.as_deref(), &f)
        };
        if names.contains(&text) || folded.contains(&fold_key(&text)) {
            continue;
        }
        queries.push(Query {
            class: Class::Absent,
            text,
            expected: None,
        });
        made += 1;
    }
    drop(by_name);
    Workload {
        records,
        aliases: count,
        queries,
    }
}

/// Folds a name for the brute-force baselines: lowercase, transliterated to
/// ASCII (`deunicode`), punctuation to spaces, whitespace collapsed.
pub fn fold(s: &str) -> String {
    let t = deunicode::deunicode(&s.to_lowercase());
    let mut out = String::with_capacity(t.len());
    for w in t
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Brute-force baseline: the alias (index) with the best normalized
/// Levenshtein similarity to the folded query, and the similarity.
pub fn brute_force(folded_aliases: &[String], query: &str) -> (usize, f64) {
    let q = fold(query);
    let mut best = (usize::MAX, -1.0);
    for (i, a) in folded_aliases.iter().enumerate() {
        let s = strsim::normalized_levenshtein(&q, a);
        if s > best.1 {
            best = (i, s);
        }
    }
    best
}

/// Peak resident set size of this process, in KiB (`VmHWM`).
pub fn peak_rss_kib() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
