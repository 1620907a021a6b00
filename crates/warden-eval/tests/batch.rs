//! The batch path of `warden simulate --batch`: `ScenarioParser::evaluate`
//! gives the result of parsing then evaluating, and `write_result` writes
//! the bytes serde_json writes for `result_out`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/gen.rs"]
mod gen;

use warden_eval::scenario::{self, result_out, write_result, ScenarioParser};

fn lines(seed: u64, n: usize) -> Vec<String> {
    let mut rng = gen::Rng::new(seed);
    let mut counter = 0;
    (0..n)
        .map(|_| {
            let mut sc = gen::scenario(&mut rng);
            // Unique documents, as in unique.jsonl: the cache switches off.
            make_documents_unique(&mut sc, &mut counter);
            sc.to_string()
        })
        .collect()
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

#[test]
fn evaluate_gives_the_result_of_parse_then_evaluate() {
    let mut all = lines(3, 1500);
    // Broken lines on both sides of the cache switching off.
    for at in [10, 1400] {
        let l = all[at].clone();
        all.insert(
            at,
            l.replacen("\"Effect\":\"Allow\"", "\"Effect\":\"Alow\"", 1),
        );
        all.insert(at, l[..l.len() / 2].to_string());
        all.insert(
            at,
            l.replacen("\"request\":{", "\"request\":{\"action\":\"s3:*\",", 1),
        );
    }
    let mut parser = ScenarioParser::new();
    let mut errors = 0;
    for line in &all {
        let expected = match scenario::parse(line) {
            Ok(sc) => Ok(format!("{:?}", sc.policies.evaluate(&sc.request))),
            Err(e) => Err(e),
        };
        let got = parser.evaluate(line).map(|e| format!("{e:?}"));
        errors += usize::from(got.is_err());
        assert_eq!(got, expected, "{line}");
    }
    assert_eq!(errors, 6);
    assert!(parser.cache_disabled());
}

fn serde_bytes(text: &str) -> Vec<u8> {
    let sc = scenario::parse(text).unwrap();
    serde_json::to_vec(&result_out(&sc.policies.evaluate(&sc.request), text)).unwrap()
}

fn written(text: &str) -> Vec<u8> {
    let sc = scenario::parse(text).unwrap();
    let mut out = b"prefix".to_vec();
    write_result(&sc.policies.evaluate(&sc.request), text, &mut out);
    out.split_off(6)
}

#[test]
fn write_result_writes_what_serde_json_writes() {
    let mut rng = gen::Rng::new(8);
    for _ in 0..1500 {
        let sc = gen::scenario(&mut rng);
        let line = sc.to_string();
        assert_eq!(written(&line), serde_bytes(&line), "{line}");
        // Positions on several lines and after non-ASCII text.
        let pretty = serde_json::to_string_pretty(&sc).unwrap();
        assert_eq!(written(&pretty), serde_bytes(&pretty));
        let mut named = sc.clone();
        named["description"] = serde_json::json!("é\u{1}\"ü\\\n😀");
        if let Some(p) = named
            .get_mut("identityPolicies")
            .and_then(|a| a.get_mut(0))
            .and_then(|p| p.as_object_mut())
            .filter(|p| p.contains_key("document"))
        {
            p.insert("name".into(), serde_json::json!("n\u{7}é\"\t"));
        }
        let named = named.to_string();
        assert_eq!(written(&named), serde_bytes(&named), "{named}");
    }
}
