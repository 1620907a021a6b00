//! No-new-access of every AWS managed policy version against its
//! predecessor (`../shared/corpus/managed-policies/versions.jsonl`): every
//! answer exact, every FAIL a counterexample the evaluator confirms (checked
//! again here, independently of the prover's own confirmation).
//!
//! Every PASS is also attacked: requests sampled from what the new version
//! names (its actions, resources and condition values, wildcards and
//! variables filled in) go through the evaluator, and none that the new
//! version allows may be denied by its predecessor.
//!
//! Debug builds take every fourth pair; release builds take them all.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use warden_eval::engine::{policy_outcome, PolicyType};
use warden_eval::request::{Context, ContextValue, Principal, Request};
use warden_eval::{CompiledPolicy, PolicyOutcome};
use warden_policy::policy::{Effect, Policy};
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
    let (mut sampled, mut allowed) = (0usize, 0usize);
    let mut rng = Rng(0x5eed);
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
                        Verdict::Pass => {
                            pass += 1;
                            let (cn, cr) = (
                                CompiledPolicy::compile("new", &n),
                                CompiledPolicy::compile("reference", &r),
                            );
                            let allows = |p: &CompiledPolicy, req: &Request| {
                                policy_outcome(PolicyType::Identity, p, req).outcome
                                    == PolicyOutcome::Allow
                            };
                            let per_pair = if cfg!(debug_assertions) { 8 } else { 24 };
                            for req in samples(&n, &mut rng, per_pair) {
                                sampled += 1;
                                if allows(&cn, &req) {
                                    allowed += 1;
                                    assert!(
                                        allows(&cr, &req),
                                        "{name}: PASS, but the predecessor denies {req:?}"
                                    );
                                }
                            }
                        }
                        Verdict::Fail(cx) => {
                            let req = warden_prove::concrete::request(&cx.request).unwrap();
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
        "{pairs} pairs, {} checked: {pass} PASS, {fail} FAIL, {} UNKNOWN; \
         {sampled} requests sampled from the PASS pairs, {allowed} allowed by the new version",
        pass + fail + unknown.len(),
        unknown.len()
    );
    // The attack has teeth: most sampled requests are ones the new version
    // allows (the others fall on a Deny or a condition value left out).
    assert!(allowed * 2 > sampled, "{allowed} of {sampled}");
    for (name, why) in &unknown {
        assert!(
            KNOWN_UNKNOWN.iter().any(|(n, _)| n == name),
            "{name}: UNKNOWN {why}"
        );
    }
    assert!(pairs > 4_000, "{pairs}");
}

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// `pattern` with its wildcards filled in (`*` by one of a few texts, `?`
/// by a letter) and its policy variables replaced: `${aws:username}` by the
/// sampled user's name, other variables (and their defaults) by `v`.
fn fill(pattern: &str, rng: &mut Rng) -> String {
    let mut out = String::new();
    let mut rest = pattern;
    while let Some(c) = rest.chars().next() {
        if let Some(close) = rest.strip_prefix("${").and_then(|r| r.find('}')) {
            let name = &rest[2..2 + close];
            out.push_str(if name.eq_ignore_ascii_case("aws:username") {
                "alice"
            } else {
                "v"
            });
            rest = &rest[close + 3..];
            continue;
        }
        match c {
            '*' => out.push_str(["", "x", "sample/key", "a1"][rng.below(4)]),
            '?' => out.push('a'),
            _ => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Up to `n` requests drawn from the Allow statements of `policy`: one of a
/// statement's actions (a pattern expanded through the catalog when it
/// names real actions, filled in otherwise; any catalog action for
/// `NotAction`), one of its resources filled in, and for most condition
/// keys one of the condition's own values filled in (a list for the set
/// operators; `Null` conditions followed as written).
fn samples(policy: &Policy, rng: &mut Rng, n: usize) -> Vec<Request> {
    let allows: Vec<_> = policy
        .statements
        .iter()
        .filter(|st| st.effect.value == Effect::Allow)
        .collect();
    let mut out = Vec::new();
    if allows.is_empty() {
        return out;
    }
    let catalog: Vec<_> = warden_catalog::actions().collect();
    for _ in 0..n {
        let st = allows[rng.below(allows.len())];
        let action = match &st.action {
            Some(a) if !a.negated && !a.values.is_empty() => {
                let entry = &a.values[rng.below(a.values.len())].value;
                let matches = warden_catalog::expand(entry);
                if matches.is_empty() {
                    fill(entry, rng)
                } else {
                    matches[rng.below(matches.len())].to_string()
                }
            }
            _ => catalog[rng.below(catalog.len())].to_string(),
        };
        let resource = match &st.resource {
            Some(r) if !r.negated && !r.values.is_empty() => {
                fill(&r.values[rng.below(r.values.len())].value, rng)
            }
            _ => "arn:aws:s3:::sample-bucket/key".to_string(),
        };
        let mut ctx = Context::new();
        ctx.insert("aws:username", ContextValue::single("alice"));
        for c in &st.conditions {
            let op = c.operator_text.value.to_ascii_lowercase();
            if op.starts_with("null") {
                let absent = c.values.iter().any(|v| v.text.eq_ignore_ascii_case("true"));
                if !absent {
                    ctx.insert(&c.key.value, ContextValue::single("x"));
                }
                continue;
            }
            if c.values.is_empty() || rng.below(5) == 0 {
                continue;
            }
            let value = fill(&c.values[rng.below(c.values.len())].text, rng);
            if op.starts_with("forallvalues") || op.starts_with("foranyvalue") {
                ctx.insert(&c.key.value, ContextValue::list([value]));
            } else {
                ctx.insert(&c.key.value, ContextValue::single(value));
            }
        }
        out.push(Request::new(
            Principal::parse("arn:aws:iam::111122223333:user/alice").unwrap(),
            &action,
            &resource,
            None,
            ctx,
        ));
    }
    out
}
