//! Regenerates the compiled name-part equivalence tables,
//! `data/names/name_parts.fst` and `data/names/name_parts.groups`, from
//! `data/names/person_name_groups.txt` (see `polyonym::knowledge::name_parts`).
//!
//! ```text
//! cargo run --release --example build_name_parts
//! ```
//! The embedded dictionary's keys depend on these tables: run
//! `cargo run --release --example build_embedded` afterwards.

use std::path::Path;
use std::time::Instant;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let source = root.join("data/names/person_name_groups.txt");
    let text = std::fs::read_to_string(&source).unwrap_or_else(|e| {
        eprintln!("build_name_parts: {}: {e}", source.display());
        std::process::exit(1)
    });
    let start = Instant::now();
    let (fst, groups) =
        polyonym::knowledge::name_parts::compile(&text, &polyonym::Normalizer::new())
            .unwrap_or_else(|e| {
                eprintln!("build_name_parts: {e}");
                std::process::exit(1)
            });
    let elapsed = start.elapsed();
    for (name, bytes) in [("name_parts.fst", &fst), ("name_parts.groups", &groups)] {
        let path = root.join("data/names").join(name);
        if let Err(e) = std::fs::write(&path, bytes) {
            eprintln!("build_name_parts: {}: {e}", path.display());
            std::process::exit(1);
        }
        println!("wrote {} ({} bytes)", path.display(), bytes.len());
    }
    println!("compiled in {:.2} s", elapsed.as_secs_f64());
}
