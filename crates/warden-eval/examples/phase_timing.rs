//! Times the phases of `simulate --batch` over a JSONL file (profiling aid):
//! `cargo run --release -p warden-eval --example phase_timing -- FILE`.
use std::time::Instant;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    let t = Instant::now();
    let mut n = 0usize;
    for l in &lines {
        if let Ok(v) = warden_policy::json::parse(l) {
            n += v.span.end as usize;
        }
    }
    println!(
        "json parse        {:>8.2} µs/line ({n})",
        t.elapsed().as_secs_f64() * 1e6 / lines.len() as f64
    );
    let t = Instant::now();
    let mut n2 = 0usize;
    for l in &lines {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(l) {
            n2 += usize::from(v.is_object());
        }
    }
    println!(
        "serde_json Value  {:>8.2} µs/line ({n2})",
        t.elapsed().as_secs_f64() * 1e6 / lines.len() as f64
    );
    let t = Instant::now();
    let mut docs = 0usize;
    for l in &lines {
        if let Ok(v) = warden_policy::json::parse(l) {
            let mut stack = vec![&v];
            while let Some(x) = stack.pop() {
                if let Some(d) = x.get("document") {
                    let p = warden_policy::policy::from_json(d);
                    docs += p.policy.map_or(0, |p| p.statements.len());
                    continue;
                }
                match &x.kind {
                    warden_policy::json::ValueKind::Object(m) => {
                        stack.extend(m.iter().map(|m| &m.value))
                    }
                    warden_policy::json::ValueKind::Array(a) => stack.extend(a.iter()),
                    _ => {}
                }
            }
        }
    }
    println!(
        "json + policy AST {:>8.2} µs/line ({docs} statements)",
        t.elapsed().as_secs_f64() * 1e6 / lines.len() as f64
    );
    let t = Instant::now();
    let mut ok = 0;
    for l in &lines {
        if warden_eval::scenario::parse(l).is_ok() {
            ok += 1;
        }
    }
    println!(
        "scenario parse    {:>8.2} µs/line ({ok})",
        t.elapsed().as_secs_f64() * 1e6 / lines.len() as f64
    );
    let scs: Vec<_> = lines
        .iter()
        .filter_map(|l| warden_eval::scenario::parse(l).ok())
        .collect();
    let t = Instant::now();
    for s in &scs {
        std::hint::black_box(s.policies.decide(&s.request));
    }
    println!(
        "decide            {:>8.2} µs/line",
        t.elapsed().as_secs_f64() * 1e6 / lines.len() as f64
    );
    let t = Instant::now();
    let mut bytes = 0;
    for (s, l) in scs.iter().zip(&lines) {
        let e = s.policies.evaluate(&s.request);
        bytes += serde_json::to_string(&warden_eval::scenario::result_out(&e, l))
            .unwrap_or_default()
            .len();
    }
    println!(
        "evaluate+output   {:>8.2} µs/line ({bytes})",
        t.elapsed().as_secs_f64() * 1e6 / lines.len() as f64
    );
}
