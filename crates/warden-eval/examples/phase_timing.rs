//! Times the phases of `simulate --batch` over a JSONL file (a profiling
//! aid, single-threaded, nothing kept between lines):
//! `cargo run --release -p warden-eval --example phase_timing -- FILE`.

use std::time::Instant;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn per_line(label: &str, lines: &[&str], mut f: impl FnMut(&str) -> usize) {
    let t = Instant::now();
    let mut n = 0;
    for l in lines {
        n += f(l);
    }
    println!(
        "{label:<28} {:>7.2} µs/line ({n})",
        t.elapsed().as_secs_f64() * 1e6 / lines.len() as f64
    );
}

fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    per_line("json parse", &lines, |l| {
        warden_policy::json::parse(l).map_or(0, |v| v.span.end as usize)
    });
    let docs = |l: &str, compile: bool| {
        let Ok(v) = warden_policy::json::parse(l) else {
            return 0;
        };
        let mut n = 0;
        let mut stack = vec![&v];
        while let Some(x) = stack.pop() {
            if let Some(d) = x.get("document") {
                let p = warden_policy::policy::from_json(d);
                if let Some(p) = p.policy {
                    n += if compile {
                        warden_eval::CompiledPolicy::compile("p", &p).len()
                    } else {
                        p.statements.len()
                    };
                }
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
        n
    };
    per_line("json + policy AST", &lines, |l| docs(l, false));
    per_line("json + policy AST + compile", &lines, |l| docs(l, true));
    per_line("scenario parse + compile", &lines, |l| {
        usize::from(warden_eval::scenario::parse(l).is_ok())
    });
    per_line("  + decide", &lines, |l| {
        warden_eval::scenario::parse(l).map_or(0, |s| {
            usize::from(s.policies.decide(&s.request).as_str() == "Allow")
        })
    });
    per_line("  + evaluate + JSON output", &lines, |l| {
        warden_eval::scenario::parse(l).map_or(0, |s| {
            let e = s.policies.evaluate(&s.request);
            serde_json::to_string(&warden_eval::scenario::result_out(&e, l)).map_or(0, |o| o.len())
        })
    });
    let mut parser = warden_eval::scenario::ScenarioParser::new();
    per_line("cached parser + output", &lines, |l| {
        parser.parse(l).map_or(0, |s| {
            let e = s.policies.evaluate(&s.request);
            serde_json::to_string(&warden_eval::scenario::result_out(&e, l)).map_or(0, |o| o.len())
        })
    });
    println!(
        "cache (lookups, hits): {:?}, disabled: {}",
        parser.cache_stats(),
        parser.cache_disabled()
    );
    // The path `simulate --batch` takes: a reused tape, then straight to bytes.
    let mut tape = warden_policy::json::tape::Tape::new();
    per_line("json tape", &lines, |l| {
        tape.parse(l, warden_policy::json::Limits::default())
            .map_or(0, |()| tape.nodes().len())
    });
    let mut batch = warden_eval::scenario::ScenarioParser::new();
    let mut out = Vec::new();
    per_line("batch: evaluate + write_result", &lines, |l| {
        batch.evaluate(l).map_or(0, |e| {
            out.clear();
            warden_eval::scenario::write_result(&e, l, &mut out);
            out.len()
        })
    });
}
