//! The caching scenario parser gives exactly the results of the plain one,
//! spans included, whether policies repeat or not.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/gen.rs"]
mod gen;

use warden_eval::scenario::{self, result_out, ScenarioParser};

fn result(text: &str, parsed: Result<scenario::Scenario, Vec<scenario::ScenarioError>>) -> String {
    match parsed {
        Ok(sc) => {
            serde_json::to_string(&result_out(&sc.policies.evaluate(&sc.request), text)).unwrap()
        }
        Err(e) => serde_json::to_string(&scenario::errors_json(&e, text)).unwrap(),
    }
}

#[test]
fn cached_parsing_matches_plain_parsing() {
    let mut rng = gen::Rng::new(99);
    let base: Vec<serde_json::Value> = (0..40).map(|_| gen::scenario(&mut rng)).collect();
    // Repeat the policy sets with other requests, and shift them around in
    // the line (a different name length moves every span).
    let mut lines = Vec::new();
    for i in 0..1200 {
        let mut sc = base[i % base.len()].clone();
        sc["request"] = base[(i * 7 + 3) % base.len()]["request"].clone();
        sc["name"] = serde_json::json!("x".repeat(i % 13));
        lines.push(sc.to_string());
    }
    // A few broken lines, including a broken repeated document.
    lines.push(lines[0].replacen("\"Effect\":\"Allow\"", "\"Effect\":\"Alow\"", 1));
    lines.push(lines[1][..lines[1].len() / 2].to_string());
    lines.push(lines[2].replacen("\"document\":{", "\"document\":{\"Foo\":1,", 1));
    let mut parser = ScenarioParser::new();
    for line in &lines {
        assert_eq!(
            result(line, parser.parse(line)),
            result(line, scenario::parse(line)),
            "{line}"
        );
    }
    let (lookups, hits) = parser.cache_stats();
    assert!(hits * 10 > lookups * 8, "{hits} hits of {lookups}");
    assert!(!parser.cache_disabled());
}

#[test]
fn unique_policies_switch_the_cache_off_without_changing_results() {
    let mut rng = gen::Rng::new(5);
    let mut parser = ScenarioParser::new();
    let mut counter = 0;
    for _ in 0..1500 {
        let mut sc = gen::scenario(&mut rng);
        make_documents_unique(&mut sc, &mut counter);
        let line = sc.to_string();
        assert_eq!(
            result(&line, parser.parse(&line)),
            result(&line, scenario::parse(&line))
        );
    }
    assert!(parser.cache_disabled());
}

fn make_documents_unique(v: &mut serde_json::Value, counter: &mut usize) {
    match v {
        serde_json::Value::Object(m) => {
            if let Some(doc) = m.get_mut("document").and_then(|d| d.as_object_mut()) {
                *counter += 1;
                doc.insert("Id".into(), serde_json::json!(format!("unique-{counter}")));
            }
            for x in m.values_mut() {
                make_documents_unique(x, counter);
            }
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(|x| make_documents_unique(x, counter)),
        _ => {}
    }
}
