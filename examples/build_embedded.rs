//! Regenerates the embedded default dictionary, `data/embedded/default.poly`,
//! from its sources (see `polyonym::embedded`), and prints its counts.
//!
//! ```text
//! cargo run --release --example build_embedded            # write the file
//! cargo run --release --example build_embedded -- --check # exit 1 if stale
//! ```

use std::path::Path;

fn main() {
    let check = std::env::args().any(|a| a == "--check");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (bytes, report) = match polyonym::embedded::build(root) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("build_embedded: {e}");
            std::process::exit(1);
        }
    };
    let target = root.join(polyonym::embedded::COMPILED);
    if check {
        let current = std::fs::read(&target).unwrap_or_default();
        if current != bytes {
            eprintln!(
                "{} is stale: run `cargo run --release --example build_embedded`",
                target.display()
            );
            std::process::exit(1);
        }
        println!("{} is current", target.display());
        return;
    }
    if let Err(e) = std::fs::write(&target, &bytes) {
        eprintln!("build_embedded: {}: {e}", target.display());
        std::process::exit(1);
    }
    println!(
        "wrote {}: {} entities, {} aliases, {} keys, {} bytes ({:.1} bytes/alias)",
        target.display(),
        report.entities,
        report.aliases,
        report.keys,
        report.bytes,
        report.bytes as f64 / report.aliases.max(1) as f64
    );
    if report.merged_duplicates > 0 {
        println!(
            "merged {} records given under an existing id",
            report.merged_duplicates
        );
    }
    for s in &report.skipped {
        println!("skipped {}: {:?}: {}", s.id, s.alias, s.reason);
    }
}
