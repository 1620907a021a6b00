//! Writes random scenarios (the differential tests' generator) as JSONL to
//! standard output: `cargo run --release -p warden-eval --example gen_scenarios -- N [SEED]`.
//! Used by `scripts/bench-simulate.sh`.

#[path = "../tests/support/gen.rs"]
mod gen;

use std::io::Write;

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let mut rng = gen::Rng::new(seed);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for _ in 0..n {
        let _ = writeln!(out, "{}", gen::scenario(&mut rng));
    }
}
