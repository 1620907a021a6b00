//! Differential testing against `@cloud-copilot/iam-simulate`, run as an
//! external process (`tests/oracle/oracle.mjs`; install it with
//! `npm ci --prefix tests/oracle`).
//!
//! Thousands of random scenarios (see `support/gen.rs`) are evaluated by
//! both engines; every decision must agree. Inputs on which the oracle is
//! known to depart from AWS's documentation are answered `unsupported` by
//! the oracle and listed, with the reasoning, in `docs/differential.md`;
//! the pinned cases of that list are tested in `adjudicated.rs`.
//!
//! Set `WARDEN_DIFF_CASES` to change the number of cases and
//! `WARDEN_DIFF_SEED` to change the seed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/gen.rs"]
mod gen;

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use warden_eval::scenario;

fn oracle_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/oracle")
}

/// Runs the oracle over `lines` and returns its answers in order.
pub fn run_oracle(lines: &[String]) -> Vec<serde_json::Value> {
    let dir = oracle_dir();
    assert!(
        dir.join("node_modules/@cloud-copilot/iam-simulate").exists(),
        "the iam-simulate oracle is not installed: run `npm ci --prefix tests/oracle` (README's test command does)"
    );
    let mut child = Command::new("node")
        .arg(dir.join("oracle.mjs"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start node");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = lines.join("\n") + "\n";
    let writer = std::thread::spawn(move || {
        stdin.write_all(input.as_bytes()).expect("write to oracle");
    });
    let out = BufReader::new(child.stdout.take().expect("stdout"));
    let answers: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(&l.expect("read oracle")).expect("oracle JSON"))
        .collect();
    writer.join().expect("writer");
    assert!(child.wait().expect("oracle exit").success());
    assert_eq!(answers.len(), lines.len(), "one oracle answer per scenario");
    answers
}

#[test]
fn agrees_with_iam_simulate_on_random_scenarios() {
    let n: usize = std::env::var("WARDEN_DIFF_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5000);
    let seed: u64 = std::env::var("WARDEN_DIFF_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20261122);
    let mut rng = gen::Rng::new(seed);
    let scenarios: Vec<String> = (0..n)
        .map(|_| gen::scenario(&mut rng).to_string())
        .collect();
    let answers = run_oracle(&scenarios);

    let mut compared = 0;
    let mut unsupported = std::collections::BTreeMap::<String, usize>::new();
    let mut by_decision = std::collections::BTreeMap::<&str, usize>::new();
    let mut disagreements = Vec::new();
    let mut oracle_errors = Vec::new();
    let mut adjudicated = std::collections::BTreeMap::<&str, usize>::new();
    for (text, answer) in scenarios.iter().zip(&answers) {
        let sc = scenario::parse(text)
            .unwrap_or_else(|e| panic!("generated scenario does not parse: {e:?}\n{text}"));
        let ours = sc.policies.evaluate(&sc.request);
        assert_eq!(
            ours.decision,
            sc.policies.decide(&sc.request),
            "fast path differs from explanation: {text}"
        );
        if let Some(reason) = answer.get("unsupported").and_then(|v| v.as_str()) {
            let kind: String = reason
                .split([':', '('])
                .next()
                .unwrap_or(reason)
                .trim()
                .to_string();
            *unsupported.entry(kind).or_default() += 1;
            continue;
        }
        if let Some(e) = answer.get("error") {
            oracle_errors.push(format!("{e}\n  {text}"));
            continue;
        }
        let theirs = answer["decision"].as_str().unwrap_or_default();
        compared += 1;
        *by_decision.entry(ours.decision.as_str()).or_default() += 1;
        if theirs != ours.decision.as_str() {
            if let Some(rule) = adjudicate(text, theirs) {
                *adjudicated.entry(rule).or_default() += 1;
                continue;
            }
            disagreements.push(format!(
                "warden={} iam-simulate={theirs} ({})\n  {text}",
                ours.decision.as_str(),
                ours.reason
            ));
        }
    }
    if !disagreements.is_empty() {
        let path = std::env::temp_dir().join("warden-differential-disagreements.txt");
        let _ = std::fs::write(&path, disagreements.join("\n"));
        eprintln!("disagreements written to {}", path.display());
    }
    eprintln!("differential: {n} scenarios, {compared} compared, decisions {by_decision:?}");
    eprintln!("oracle unsupported: {unsupported:?}");
    eprintln!("adjudicated disagreements (docs/differential.md): {adjudicated:?}");
    assert!(
        oracle_errors.is_empty(),
        "{} oracle errors, first:\n{}",
        oracle_errors.len(),
        oracle_errors[..oracle_errors.len().min(5)].join("\n")
    );
    assert!(
        disagreements.is_empty(),
        "{} disagreements out of {compared}; first ones:\n{}",
        disagreements.len(),
        disagreements[..disagreements.len().min(8)].join("\n")
    );
    // The comparison must be meaningful: most cases compared, every decision seen often.
    assert!(compared * 10 >= n * 6, "only {compared} of {n} compared");
    for d in ["Allow", "ExplicitDeny", "ImplicitDeny"] {
        assert!(
            by_decision.get(d).copied().unwrap_or(0) * 20 >= compared,
            "too few {d}: {by_decision:?}"
        );
    }
}

/// Explains a disagreement by the documented differences between
/// iam-simulate and AWS's documentation (`docs/differential.md`): Warden's
/// decision is recomputed on a counterfactual scenario that applies
/// iam-simulate's reading of one rule (or of several together); only if that
/// reproduces the oracle's answer is the disagreement attributed to the rule.
fn adjudicate(text: &str, theirs: &str) -> Option<&'static str> {
    type Rule = (
        &'static str,
        fn(&mut serde_json::Value, &serde_json::Value) -> bool,
    );
    const RULES: [Rule; 2] = [
        (
            "D1 unresolved policy variable",
            counterfactual_unresolved_variables,
        ),
        (
            "D2 empty multivalued key is a null data set",
            counterfactual_empty_set_not_null,
        ),
    ];
    let original: serde_json::Value = serde_json::from_str(text).ok()?;
    let ctx = original["request"]["context"].clone();
    let decide = |v: &serde_json::Value| {
        scenario::parse(&v.to_string())
            .ok()
            .map(|sc| sc.policies.decide(&sc.request).as_str())
    };
    for (name, rule) in RULES {
        let mut v = original.clone();
        if for_each_document(&mut v, |doc| rule(doc, &ctx)) && decide(&v) == Some(theirs) {
            return Some(name);
        }
    }
    // D3 works on the scenario as a whole.
    let mut v = original.clone();
    if counterfactual_trust_boundary(&mut v) && decide(&v) == Some(theirs) {
        return Some("D3 boundary limits trust-policy grants");
    }
    let mut v = original.clone();
    let changed = for_each_document(&mut v, |doc| {
        RULES.iter().fold(false, |c, (_, rule)| rule(doc, &ctx) | c)
    });
    (changed && decide(&v) == Some(theirs)).then_some("D1+D2 together")
}

/// Applies `f` to every policy document of a scenario; whether any changed.
fn for_each_document(
    v: &mut serde_json::Value,
    mut f: impl FnMut(&mut serde_json::Value) -> bool,
) -> bool {
    let mut changed = false;
    // `get_mut`, not indexing: indexing a mutable Value inserts nulls.
    for p in v
        .get_mut("identityPolicies")
        .and_then(|x| x.as_array_mut())
        .into_iter()
        .flatten()
    {
        if let Some(doc) = p.get_mut("document") {
            changed |= f(doc);
        }
    }
    for key in [
        "permissionsBoundary",
        "sessionPolicy",
        "resourcePolicy",
        "vpcEndpointPolicy",
    ] {
        if let Some(doc) = v.get_mut(key).and_then(|p| p.get_mut("document")) {
            changed |= f(doc);
        }
    }
    for key in ["serviceControlPolicies", "resourceControlPolicies"] {
        for level in v
            .get_mut(key)
            .and_then(|x| x.as_array_mut())
            .into_iter()
            .flatten()
        {
            for p in level
                .get_mut("policies")
                .and_then(|x| x.as_array_mut())
                .into_iter()
                .flatten()
            {
                if let Some(doc) = p.get_mut("document") {
                    changed |= f(doc);
                }
            }
        }
    }
    changed
}

fn context_has(ctx: &serde_json::Value, key: &str) -> bool {
    ctx.as_object()
        .is_some_and(|m| m.keys().any(|k| k.eq_ignore_ascii_case(key)))
}

/// D1. AWS: a Resource/NotResource entry with a variable whose key is absent
/// matches no resource, and inverted operators match the null value.
/// iam-simulate lets such a NotResource entry match every resource and makes
/// an inverted condition with such a value false (the statement drops out).
fn counterfactual_unresolved_variables(
    doc: &mut serde_json::Value,
    ctx: &serde_json::Value,
) -> bool {
    let unresolved = |text: &str| {
        variables_without_default(text)
            .iter()
            .any(|k| !context_has(ctx, k))
    };
    let mut changed = false;
    let Some(sts) = doc.get_mut("Statement").and_then(|s| s.as_array_mut()) else {
        return false;
    };
    for st in sts.iter_mut() {
        match st.get_mut("NotResource") {
            Some(serde_json::Value::Array(list)) => {
                for e in list.iter_mut() {
                    if e.as_str().is_some_and(unresolved) {
                        *e = serde_json::json!("*");
                        changed = true;
                    }
                }
            }
            Some(e @ serde_json::Value::String(_)) if e.as_str().is_some_and(unresolved) => {
                *e = serde_json::json!("*");
                changed = true;
            }
            _ => {}
        }
    }
    let before = sts.len();
    sts.retain(|st| {
        let Some(ops) = st.get("Condition").and_then(|c| c.as_object()) else {
            return true;
        };
        !ops.iter().any(|(op, keys)| {
            op.contains("Not")
                && keys.as_object().is_some_and(|keys| {
                    keys.iter().any(|(k, vals)| {
                        context_has(ctx, k)
                            && match vals {
                                serde_json::Value::String(s) => unresolved(s),
                                serde_json::Value::Array(a) => {
                                    a.iter().any(|x| x.as_str().is_some_and(unresolved))
                                }
                                _ => false,
                            }
                    })
                })
        })
    });
    changed | (sts.len() != before)
}

/// D3. AWS: a user named in a role's trust policy still needs the
/// permissions boundary to allow `sts:AssumeRole` ("Update a role trust
/// policy", notes). iam-simulate lets a direct trust-policy grant stand
/// whatever the boundary says. Emulated, for role-assumption requests, by
/// keeping only the deny statements of the boundary and session policy and
/// adding an allow-all, so that they can deny but no longer limit.
fn counterfactual_trust_boundary(v: &mut serde_json::Value) -> bool {
    let action = v["request"]["action"]
        .as_str()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let resource = v["request"]["resource"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    if !action.starts_with("sts:assumerole") || !resource.contains(":role/") {
        return false;
    }
    let mut changed = false;
    for key in ["permissionsBoundary", "sessionPolicy"] {
        let Some(sts) = v
            .get_mut(key)
            .and_then(|p| p.get_mut("document"))
            .and_then(|d| d.get_mut("Statement"))
        else {
            continue;
        };
        let Some(list) = sts.as_array_mut() else {
            continue;
        };
        list.retain(|st| st.get("Effect").and_then(|e| e.as_str()) == Some("Deny"));
        list.push(serde_json::json!({"Effect": "Allow", "Action": "*", "Resource": "*"}));
        changed = true;
    }
    changed
}

/// D2. AWS calls an empty set of values a null data set, so `Null: true`
/// holds for it; iam-simulate counts an empty list as present. Emulated by
/// flipping the `Null` value for keys whose request value is `[]`.
fn counterfactual_empty_set_not_null(doc: &mut serde_json::Value, ctx: &serde_json::Value) -> bool {
    let empty = |key: &str| {
        ctx.as_object().is_some_and(|m| {
            m.iter().any(|(k, v)| {
                k.eq_ignore_ascii_case(key) && v.as_array().is_some_and(|a| a.is_empty())
            })
        })
    };
    let mut changed = false;
    let Some(sts) = doc.get_mut("Statement").and_then(|s| s.as_array_mut()) else {
        return false;
    };
    for st in sts.iter_mut() {
        let Some(null) = st
            .get_mut("Condition")
            .and_then(|c| c.get_mut("Null"))
            .and_then(|n| n.as_object_mut())
        else {
            continue;
        };
        for (k, v) in null.iter_mut() {
            if empty(k) {
                let flipped = if v.as_str() == Some("true") {
                    "false"
                } else {
                    "true"
                };
                *v = serde_json::json!(flipped);
                changed = true;
            }
        }
    }
    changed
}

/// The context keys of the variables without a default in `text`.
fn variables_without_default(text: &str) -> Vec<String> {
    let tpl = warden_policy::template::Template::parse(text, true);
    tpl.parts
        .iter()
        .filter_map(|p| match p {
            warden_policy::template::Part::Var { key, default: None } => Some(key.clone()),
            _ => None,
        })
        .collect()
}
