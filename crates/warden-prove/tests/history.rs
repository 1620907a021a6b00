//! No-new-access of every AWS managed policy version against its
//! predecessor (`../shared/corpus/managed-policies/versions.jsonl`): every
//! answer exact, every FAIL a counterexample the evaluator confirms (checked
//! again here, independently of the prover's own confirmation).
//!
//! Debug builds take every fourth pair; release builds take them all.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use warden_eval::engine::{policy_outcome, PolicyType};
use warden_eval::request::{Context, Principal, Request};
use warden_eval::{CompiledPolicy, PolicyOutcome};
use warden_prove::{no_new_access, Input, PolicyKind, Verdict};

/// Pairs known not to be decided, with the reason (see docs/prove.md):
/// none at present; an entry here must say why.
const KNOWN_UNKNOWN: &[(&str, &str)] = &[];

#[test]
fn every_version_against_its_predecessor() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/managed-policies/versions.jsonl");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} not found", path.display());
        return;
    };
    let step = if cfg!(debug_assertions) { 4 } else { 1 };
    let mut prev: Option<(String, String)> = None;
    let (mut pairs, mut pass, mut fail) = (0, 0, 0);
    let mut unknown = Vec::new();
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let name = v["name"].as_str().unwrap().to_string();
        let doc = v["document"].to_string();
        if let Some((pname, pdoc)) = &prev {
            if *pname == name {
                pairs += 1;
                if pairs % step == 0 {
                    let n = warden_policy::parse(&doc).into_result().unwrap();
                    let r = warden_policy::parse(pdoc).into_result().unwrap();
                    match no_new_access(
                        Input {
                            name: "new",
                            policy: &n,
                        },
                        Input {
                            name: "reference",
                            policy: &r,
                        },
                        PolicyKind::Identity,
                    ) {
                        Verdict::Pass => pass += 1,
                        Verdict::Fail(cx) => {
                            let mut ctx = Context::new();
                            for (k, v) in &cx.request.context {
                                ctx.insert(k, v.clone());
                            }
                            let account = cx
                                .request
                                .context
                                .iter()
                                .find(|(k, _)| k.eq_ignore_ascii_case("aws:ResourceAccount"))
                                .map(|(_, v)| v.values[0].clone());
                            let req = Request::new(
                                Principal::parse(&cx.request.principal).unwrap(),
                                &cx.request.action,
                                &cx.request.resource,
                                account,
                                ctx,
                            );
                            let allows = |p| {
                                policy_outcome(
                                    PolicyType::Identity,
                                    &CompiledPolicy::compile("p", p),
                                    &req,
                                )
                                .outcome
                                    == PolicyOutcome::Allow
                            };
                            assert!(allows(&n) && !allows(&r), "{name}: {cx:?}");
                            assert!(!cx.statements.is_empty(), "{name}: no statement named");
                            fail += 1;
                        }
                        Verdict::Unknown(why) => unknown.push((name.clone(), why)),
                    }
                }
            }
        }
        prev = Some((name, doc));
    }
    eprintln!(
        "{pairs} pairs, {} checked: {pass} PASS, {fail} FAIL, {} UNKNOWN",
        pass + fail + unknown.len(),
        unknown.len()
    );
    for (name, why) in &unknown {
        assert!(
            KNOWN_UNKNOWN.iter().any(|(n, _)| n == name),
            "{name}: UNKNOWN {why}"
        );
    }
    assert!(pairs > 4_000, "{pairs}");
}
