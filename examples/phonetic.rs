//! Would a phonetic key help the resolver? An analysis of Double Metaphone
//! (the `rphonetic` crate, a dev-dependency only) on the project's
//! evaluation set (`data/eval/`); the figures are in `EVALUATION.md`,
//! "Phonetic keys".
//!
//! ```text
//! cargo run --release --example phonetic -- [--entities data/eval/entities.jsonl]
//!     [--queries data/eval/queries.tsv] [--examples N]
//! ```
//!
//! The dictionary is built as `examples/eval.rs` builds it (all knowledge
//! on), and every query is resolved at the default threshold. Then every
//! name is compared token by token, on the folded name tokens of each of
//! its spellings (role `name`; initials, particles, suffixes and numbers
//! left out), under three token relations:
//!
//! * **today**: the token rules of the scorer that need no edit distance,
//!   `exact`, `skeleton` ([`polyonym::key::skeleton`]) and
//!   `name-part-group` ([`polyonym::knowledge::name_parts::equivalent`]);
//! * **DM-4**: the two tokens share a Double Metaphone code (primary or
//!   alternate), codes cut at 4 characters (the algorithm's default);
//! * **DM**: the same with codes of any length.
//!
//! Two names are *linked* by a relation in two ways:
//!
//! * **whole name** (a phonetic key kind, like `skeleton`): both have the
//!   same number of name tokens, paired one to one by the relation;
//! * **token cover** (a phonetic token rule, like the scorer's `skeleton`
//!   rule): every name token of the query pairs with a distinct token of
//!   the alias, which may have more (partial names, "Mr. Vuong").
//!
//! A link is *new* when DM links the two names and today's relation does
//! not link the query to that entity through any of its aliases. Per
//! category, it counts:
//!
//! * **helps**: a present query the resolver gets wrong today (another
//!   entity, or none) that DM newly links to its expected entity; **sole**:
//!   of those, the ones where DM newly links no other entity;
//! * **hurts**: a query the resolver gets right today that DM newly links
//!   to another entity (for an absent name, to any entity).
//!
//! Both are upper bounds of what the key or rule could change: a link makes
//! a candidate, and the scorer still decides.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::process::ExitCode;

use polyonym::dict::sources::{open_input, InputFormat, RecordReader, SourceOptions};
use polyonym::key::skeleton;
use polyonym::knowledge::name_parts;
use polyonym::normalize::TokenRole;
use polyonym::{Dictionary, DictionaryBuilder, Normalizer, Resolver};
use rphonetic::DoubleMetaphone;

#[path = "common/eval_queries.rs"]
mod eval_queries;
use eval_queries::read_queries;

const USAGE: &str = "usage: phonetic [--entities FILE] [--queries FILE] [--examples N]";

struct Args {
    entities: PathBuf,
    queries: PathBuf,
    examples: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        entities: PathBuf::from("data/eval/entities.jsonl"),
        queries: PathBuf::from("data/eval/queries.tsv"),
        examples: 0,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--entities" => args.entities = PathBuf::from(value("--entities")?),
            "--queries" => args.queries = PathBuf::from(value("--queries")?),
            "--examples" => {
                let v = value("--examples")?;
                args.examples = v
                    .parse()
                    .map_err(|_| format!("--examples needs a count, got {v:?}"))?;
            }
            "--help" | "-h" => return Err(String::new()),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(args)
}

/// One name token with everything the relations compare.
struct Tok {
    text: String,
    skeleton: String,
    /// Double Metaphone codes cut at 4, then of any length (primary,
    /// alternate; empty codes dropped).
    dm: [Vec<String>; 2],
}

/// The token relations compared.
#[derive(Clone, Copy, PartialEq)]
enum Rel {
    Today,
    Dm4,
    Dm,
}

impl Tok {
    fn new(text: &str, encoders: &[DoubleMetaphone; 2]) -> Tok {
        let codes = |e: &DoubleMetaphone| {
            let r = e.double_metaphone(text);
            let mut v: Vec<String> = [r.primary(), r.alternate()]
                .into_iter()
                .filter(|c| !c.is_empty())
                .collect();
            v.dedup();
            v
        };
        Tok {
            text: text.to_string(),
            skeleton: skeleton(text),
            dm: [codes(&encoders[0]), codes(&encoders[1])],
        }
    }

    fn related(&self, other: &Tok, rel: Rel) -> bool {
        match rel {
            Rel::Today => {
                self.text == other.text
                    || self.skeleton == other.skeleton
                    || name_parts::equivalent(&self.text, &other.text)
            }
            Rel::Dm4 | Rel::Dm => {
                let i = (rel == Rel::Dm) as usize;
                self.text == other.text || self.dm[i].iter().any(|c| other.dm[i].contains(c))
            }
        }
    }
}

/// The name tokens of every spelling of a name.
fn spellings(
    normalizer: &Normalizer,
    name: &str,
    encoders: &[DoubleMetaphone; 2],
) -> Vec<Vec<Tok>> {
    let mut out: Vec<Vec<Tok>> = Vec::new();
    for spelling in normalizer.normalize(name).spellings {
        let toks: Vec<Tok> = spelling
            .iter()
            .filter(|t| t.role == TokenRole::Name)
            .map(|t| Tok::new(&t.text, encoders))
            .collect();
        if !toks.is_empty() && !out.iter().any(|o| same_texts(o, &toks)) {
            out.push(toks);
        }
    }
    out
}

fn same_texts(a: &[Tok], b: &[Tok]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.text == y.text)
}

/// Whether every query token pairs with a distinct alias token under
/// `rel` (and, for `whole`, the alias has no token left over).
fn linked(query: &[Tok], alias: &[Tok], rel: Rel, whole: bool) -> bool {
    if query.len() > alias.len() || (whole && query.len() != alias.len()) {
        return false;
    }
    fn assign(query: &[Tok], alias: &[Tok], rel: Rel, used: u64) -> bool {
        let Some((first, rest)) = query.split_first() else {
            return true;
        };
        alias.iter().enumerate().any(|(j, a)| {
            used & (1 << j) == 0 && first.related(a, rel) && assign(rest, alias, rel, used | 1 << j)
        })
    }
    alias.len() <= 64 && assign(query, alias, rel, 0)
}

/// The entities a query is linked to under `rel`, among the aliases given.
fn linked_entities(
    query: &[Vec<Tok>],
    aliases: impl Iterator<Item = u32>,
    table: &[(u32, Vec<Vec<Tok>>)],
    rel: Rel,
    whole: bool,
) -> HashSet<u32> {
    let mut out = HashSet::new();
    for a in aliases {
        let (entity, alias) = &table[a as usize];
        if out.contains(entity) {
            continue;
        }
        if query
            .iter()
            .any(|q| alias.iter().any(|s| linked(q, s, rel, whole)))
        {
            out.insert(*entity);
        }
    }
    out
}

/// Per-category counts for one (relation, link) variant.
#[derive(Default, Clone, Copy)]
struct Counts {
    n: usize,
    failed: usize,
    helps: usize,
    sole: usize,
    right: usize,
    hurts: usize,
}

impl Counts {
    fn add(&mut self, c: Counts) {
        self.n += c.n;
        self.failed += c.failed;
        self.helps += c.helps;
        self.sole += c.sole;
        self.right += c.right;
        self.hurts += c.hurts;
    }
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("phonetic: {e}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("phonetic: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<(), String> {
    let input = open_input(&args.entities).map_err(|e| e.to_string())?;
    let reader = RecordReader::new(input, InputFormat::Jsonl, SourceOptions::default())
        .with_path(&args.entities);
    let mut builder = DictionaryBuilder::new();
    for item in reader {
        let (_, record) = item.map_err(|e| e.to_string())?;
        builder.add(record).map_err(|e| e.to_string())?;
    }
    let dict = Dictionary::from_vec(builder.finish_to_vec().map_err(|e| e.to_string())?)
        .map_err(|e| e.to_string())?;
    let queries = read_queries(&args.queries)?;
    let resolver = Resolver::new(dict.clone());
    let normalizer = Normalizer::new();
    let encoders = [DoubleMetaphone::new(Some(4)), DoubleMetaphone::new(None)];

    // Every alias of the dictionary (derived readings included), its
    // entity, and an index from Double Metaphone code to aliases.
    let mut table: Vec<(u32, Vec<Vec<Tok>>)> = Vec::with_capacity(dict.alias_count() as usize);
    let mut by_entity: HashMap<u32, Vec<u32>> = HashMap::new();
    let mut by_code: HashMap<String, Vec<u32>> = HashMap::new();
    for i in 0..dict.alias_count() {
        let alias = dict.alias(i).map_err(|e| e.to_string())?;
        let toks = spellings(&normalizer, alias.name, &encoders);
        let mine: HashSet<&String> = toks
            .iter()
            .flatten()
            .flat_map(|t| t.dm.iter().flatten())
            .collect();
        for c in mine {
            by_code.entry(c.clone()).or_default().push(i);
        }
        by_entity.entry(alias.entity).or_default().push(i);
        table.push((alias.entity, toks));
    }
    let mut entity_index: HashMap<String, u32> = HashMap::new();
    for e in 0..dict.entity_count() {
        let r = dict.entity(e).map_err(|e| e.to_string())?;
        entity_index.insert(r.id.to_string(), e);
    }

    let variants: [(Rel, bool, &str); 4] = [
        (Rel::Dm4, true, "DM-4, whole name"),
        (Rel::Dm, true, "DM, whole name"),
        (Rel::Dm4, false, "DM-4, token cover"),
        (Rel::Dm, false, "DM, token cover"),
    ];
    let mut order: Vec<String> = Vec::new();
    let mut counts: Vec<BTreeMap<String, Counts>> = vec![BTreeMap::new(); variants.len()];
    let mut examples: Vec<Vec<String>> = vec![Vec::new(); variants.len()];
    for q in &queries {
        if !order.contains(&q.category) {
            order.push(q.category.clone());
        }
        let got = resolver.resolve(&q.text).best().map(|m| m.id.clone());
        let right = got == q.expected;
        let expected = q
            .expected
            .as_ref()
            .and_then(|e| entity_index.get(e))
            .copied();
        let qtoks = spellings(&normalizer, &q.text, &encoders);
        // Candidate aliases: those sharing a code with a query token.
        let mut cands: Vec<u32> = Vec::new();
        for t in qtoks.iter().flatten() {
            for c in t.dm.iter().flatten() {
                if let Some(list) = by_code.get(c.as_str()) {
                    cands.extend(list);
                }
            }
        }
        cands.sort_unstable();
        cands.dedup();
        for (v, &(rel, whole, _)) in variants.iter().enumerate() {
            let dm = linked_entities(&qtoks, cands.iter().copied(), &table, rel, whole);
            // Today's relation, over every alias of the entities DM links.
            let new: Vec<u32> = {
                let mut new: Vec<u32> = dm
                    .iter()
                    .copied()
                    .filter(|e| {
                        let aliases = by_entity[e].iter().copied();
                        linked_entities(&qtoks, aliases, &table, Rel::Today, whole).is_empty()
                    })
                    .collect();
                new.sort_unstable();
                new
            };
            let c = counts[v].entry(q.category.clone()).or_default();
            c.n += 1;
            let mut note = None;
            if right {
                c.right += 1;
                if new.iter().any(|e| Some(*e) != expected) {
                    c.hurts += 1;
                    note = Some("hurts");
                }
            } else {
                c.failed += 1;
                if let Some(e) = expected {
                    if new.contains(&e) {
                        c.helps += 1;
                        note = Some("helps");
                        if new.len() == 1 {
                            c.sole += 1;
                        }
                    }
                }
            }
            if let Some(note) = note {
                let names: Vec<String> = new
                    .iter()
                    .take(3)
                    .map(|&e| {
                        dict.entity(e)
                            .map(|r| r.name.to_string())
                            .unwrap_or_default()
                    })
                    .collect();
                examples[v].push(format!(
                    "{}\t{note}\t{}\tnewly linked: {} ({} entities)",
                    q.category,
                    q.text,
                    names.join("; "),
                    new.len(),
                ));
            }
        }
    }

    println!(
        "queries: {}; dictionary: {} entities, {} aliases; Double Metaphone from rphonetic",
        queries.len(),
        dict.entity_count(),
        dict.alias_count()
    );
    for (v, &(_, _, name)) in variants.iter().enumerate() {
        println!();
        println!("### {name}");
        println!();
        println!(
            "| category | n | wrong or none today | helps | helps, sole new link | right today | hurts |"
        );
        println!("|---|---:|---:|---:|---:|---:|---:|");
        let mut total = Counts::default();
        let mut present = Counts::default();
        for cat in &order {
            let c = counts[v][cat];
            println!(
                "| {cat} | {} | {} | {} | {} | {} | {} |",
                c.n, c.failed, c.helps, c.sole, c.right, c.hurts
            );
            total.add(c);
            if cat != "absent" {
                present.add(c);
            }
        }
        let p = present;
        println!(
            "| present names | {} | {} | {} | {} | {} | {} |",
            p.n, p.failed, p.helps, p.sole, p.right, p.hurts
        );
        let t = total;
        println!(
            "| all queries | {} | {} | {} | {} | {} | {} |",
            t.n, t.failed, t.helps, t.sole, t.right, t.hurts
        );
        if args.examples > 0 {
            println!();
            let mut shown: HashMap<(String, bool), usize> = HashMap::new();
            for line in &examples[v] {
                let mut cols = line.split('\t');
                let cat = cols.next().unwrap_or("").to_string();
                let helps = cols.next() == Some("helps");
                let n = shown.entry((cat, helps)).or_default();
                if *n < args.examples {
                    *n += 1;
                    println!("{line}");
                }
            }
        }
    }
    Ok(())
}
