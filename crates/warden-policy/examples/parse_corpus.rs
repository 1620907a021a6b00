//! Reads and parses every policy in a directory (by default the shared AWS
//! managed-policy corpus) and reports the time spent reading versus parsing:
//! `cargo run --release -p warden-policy --example parse_corpus [DIR]`.

use std::time::Instant;

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/corpus/managed-policies/latest"
        )
        .to_string()
    });
    let t0 = Instant::now();
    let mut texts = Vec::new();
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("cannot read {dir}: {e}");
            std::process::exit(2);
        }
    };
    for entry in entries.flatten() {
        if let Ok(t) = std::fs::read_to_string(entry.path()) {
            texts.push(t);
        }
    }
    let read = t0.elapsed();
    let t1 = Instant::now();
    let mut statements = 0;
    let mut errors = 0;
    for t in &texts {
        let p = warden_policy::parse(t);
        errors += p.diagnostics.len();
        statements += p.policy.map_or(0, |p| p.statements.len());
    }
    let parse = t1.elapsed();
    let bytes: usize = texts.iter().map(String::len).sum();
    println!(
        "{} policies, {:.1} MB, {statements} statements, {errors} diagnostics: read {:.1} ms, parse {:.1} ms ({:.0} MB/s)",
        texts.len(),
        bytes as f64 / 1e6,
        read.as_secs_f64() * 1e3,
        parse.as_secs_f64() * 1e3,
        bytes as f64 / 1e6 / parse.as_secs_f64()
    );
}
