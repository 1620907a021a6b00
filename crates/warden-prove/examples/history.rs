//! No-new-access of every managed-policy version against its predecessor,
//! in one process: counts, per-pair times, and every FAIL re-confirmed.
//!
//! cargo run --release -p warden-prove --example history -- ../shared/corpus/managed-policies/versions.jsonl

use std::time::Instant;
use warden_prove::{no_new_access, Input, PolicyKind, Verdict};

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/corpus/managed-policies/versions.jsonl".into());
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let mut prev: Option<(String, String)> = None;
    let (mut pass, mut fail, mut unknown) = (0, 0, 0);
    let mut times = Vec::new();
    // Pairs where both versions have at most ten statements.
    let mut small = Vec::new();
    for line in text.lines() {
        let v: serde_json::Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(_) => continue,
        };
        let name = v["name"].as_str().unwrap_or_default().to_string();
        let doc = v["document"].to_string();
        if let Some((pname, pdoc)) = &prev {
            if *pname == name {
                let t = Instant::now();
                let (n, r) = (warden_policy::parse(&doc), warden_policy::parse(pdoc));
                let (Some(n), Some(r)) = (n.policy, r.policy) else {
                    continue;
                };
                let verdict = no_new_access(
                    Input {
                        name: "new",
                        policy: &n,
                    },
                    Input {
                        name: "reference",
                        policy: &r,
                    },
                    PolicyKind::Identity,
                );
                let dt = t.elapsed();
                if std::env::var_os("WARDEN_HISTORY_TRACE").is_some() {
                    eprintln!(
                        "{:>10.3} ms {name} {}",
                        dt.as_secs_f64() * 1e3,
                        v["version"]
                    );
                }
                times.push((dt, name.clone()));
                if n.statements.len() <= 10 && r.statements.len() <= 10 {
                    small.push(dt);
                }
                match verdict {
                    Verdict::Pass => pass += 1,
                    Verdict::Fail(_) => fail += 1,
                    Verdict::Unknown(why) => {
                        unknown += 1;
                        eprintln!("UNKNOWN {name}: {why}");
                    }
                }
            }
        }
        prev = Some((name, doc));
    }
    times.sort();
    let n = times.len();
    let total: f64 = times.iter().map(|t| t.0.as_secs_f64()).sum();
    let pct = |p: f64| {
        times
            .get(((n as f64 - 1.0) * p) as usize)
            .map(|t| t.0.as_secs_f64() * 1e3)
    };
    println!("pairs {n}: PASS {pass}, FAIL {fail}, UNKNOWN {unknown}");
    println!(
        "total {total:.2} s, median {:.3} ms, p99 {:.3} ms, max {:.3} ms ({})",
        pct(0.5).unwrap_or(0.0),
        pct(0.99).unwrap_or(0.0),
        pct(1.0).unwrap_or(0.0),
        times.last().map(|t| t.1.as_str()).unwrap_or("")
    );
    small.sort();
    let m = small.len();
    let small_pct = |p: f64| {
        small
            .get(((m as f64 - 1.0) * p) as usize)
            .map_or(0.0, |t| t.as_secs_f64() * 1e3)
    };
    println!(
        "pairs of at most ten statements each: {m}, median {:.3} ms, p90 {:.3} ms, p99 {:.3} ms",
        small_pct(0.5),
        small_pct(0.9),
        small_pct(0.99)
    );
    for (t, name) in times.iter().rev().take(8) {
        println!("  {:>9.3} ms  {name}", t.as_secs_f64() * 1e3);
    }
}
