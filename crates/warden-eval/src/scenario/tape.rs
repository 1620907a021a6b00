//! The batch reader's fast path: a scenario read from a reusable JSON
//! [`Tape`], its policies compiled straight from the tape.
//!
//! It handles scenarios the general reader ([`super::parse`]) accepts
//! without a problem and builds exactly the same [`Scenario`]. On anything
//! else (a syntax error, a duplicate or unknown field, a value of the wrong
//! type, a policy with an error) it answers `None` and the caller runs the
//! general reader, the one place that words errors.

use super::{PolicyCache, Scenario};
use crate::compile::{tape::compile_document, CompiledPolicy};
use crate::engine::{OrgLevel, PolicySet};
use crate::request::{Context, ContextValue, Principal, Request};
use warden_policy::json::tape::{NodeKind, Tape};
use warden_policy::json::Limits;

/// How the fast path compiles documents.
pub(super) enum Mode<'c> {
    /// Every statement; documents whose exact text was compiled before are
    /// taken from the cache.
    Cached(&'c mut PolicyCache),
    /// Every statement, nothing cached.
    Full,
    /// Only the statements that can apply to the scenario's own request
    /// (see [`compile_document`]): for a scenario evaluated once.
    OwnRequest,
}

/// What [`named_policy`] needs besides the document.
struct Ctx<'r, 'c> {
    cache: Option<&'c mut PolicyCache>,
    only: Option<&'r Request>,
}

/// Reads `text` into `tape` and builds the scenario, or `None` when the
/// general reader must decide (see the module documentation).
pub(super) fn parse(text: &str, tape: &mut Tape, mode: Mode<'_>) -> Option<Scenario> {
    tape.parse(text, Limits::default()).ok()?;
    let tape = &*tape;
    if tape.node(0)?.kind != NodeKind::Object {
        return None;
    }
    // The request first: pruning statements needs its action.
    let request_node = tape
        .members(0)
        .find(|v| tape.key_bytes(text, *v) == Some(b"request"))?;
    let request = build_request(tape, text, request_node)?;
    let (cache, prune) = match mode {
        Mode::Cached(c) => (Some(c), false),
        Mode::Full => (None, false),
        Mode::OwnRequest => (None, true),
    };
    let ctx = &mut Ctx {
        cache,
        only: prune.then_some(&request),
    };
    let mut set = PolicySet::default();
    let mut seen = 0u16;
    for v in tape.members(0) {
        let bit = match tape.key_bytes(text, v)? {
            b"request" => 1,
            b"identityPolicies" => {
                for (i, item) in tape.items(array(tape, v)?).enumerate() {
                    let p = named_policy(tape, text, item, ctx, || format!("identity-{}", i + 1))?;
                    set.identity.push(p);
                }
                2
            }
            b"permissionsBoundary" => {
                set.boundary = Some(named_policy(tape, text, v, ctx, || "boundary".into())?);
                4
            }
            b"sessionPolicy" => {
                set.session = Some(named_policy(tape, text, v, ctx, || "session".into())?);
                8
            }
            b"resourcePolicy" => {
                set.resource = Some(named_policy(tape, text, v, ctx, || "resource".into())?);
                16
            }
            b"vpcEndpointPolicy" => {
                set.vpc_endpoint =
                    Some(named_policy(tape, text, v, ctx, || "vpc-endpoint".into())?);
                32
            }
            b"serviceControlPolicies" => {
                set.scps = Some(org_levels(tape, text, v, ctx, "scp")?);
                64
            }
            b"resourceControlPolicies" => {
                set.rcps = Some(org_levels(tape, text, v, ctx, "rcp")?);
                128
            }
            b"name" => 256,
            b"description" => 512,
            b"comment" => 1024,
            b"expected" => 2048,
            _ => return None,
        };
        if seen & bit != 0 {
            return None;
        }
        seen |= bit;
    }
    Some(Scenario {
        request,
        policies: set,
    })
}

fn array(tape: &Tape, i: usize) -> Option<usize> {
    (tape.node(i)?.kind == NodeKind::Array).then_some(i)
}

fn object(tape: &Tape, i: usize) -> Option<usize> {
    (tape.node(i)?.kind == NodeKind::Object).then_some(i)
}

fn string<'s>(tape: &'s Tape, text: &'s str, i: usize) -> Option<&'s str> {
    match tape.node(i)?.kind {
        NodeKind::String => tape.text(text, i),
        _ => None,
    }
}

fn boolean(tape: &Tape, i: usize) -> Option<bool> {
    match tape.node(i)?.kind {
        NodeKind::Bool(b) => Some(b),
        _ => None,
    }
}

fn build_request(tape: &Tape, text: &str, v: usize) -> Option<Request> {
    let mut principal = None;
    let mut action = None;
    let mut resource = "*";
    let mut resource_account = None;
    let mut context = Context::with_capacity(16);
    let (mut slr, mut pmgmt, mut rmgmt) = (false, false, false);
    let mut seen = 0u8;
    for value in tape.members(object(tape, v)?) {
        let bit = match tape.key_bytes(text, value)? {
            b"principal" => {
                principal = Some(Principal::parse(string(tape, text, value)?).ok()?);
                1
            }
            b"action" => {
                let s = string(tape, text, value)?;
                if !s.contains(':') || s.contains(['*', '?']) {
                    return None;
                }
                action = Some(s);
                2
            }
            b"resource" => {
                resource = string(tape, text, value)?;
                4
            }
            b"resourceAccount" => {
                let s = string(tape, text, value)?;
                if !warden_policy::arn::is_account_id(s) {
                    return None;
                }
                resource_account = Some(s.to_string());
                8
            }
            b"context" => {
                for cv in tape.members(object(tape, value)?) {
                    let key = tape.key(text, cv)?;
                    let cv = context_value(tape, text, cv)?;
                    if !context.insert_new(key, cv) {
                        return None;
                    }
                }
                16
            }
            b"serviceLinkedRole" => {
                slr = boolean(tape, value)?;
                32
            }
            b"principalInManagementAccount" => {
                pmgmt = boolean(tape, value)?;
                64
            }
            b"resourceInManagementAccount" => {
                rmgmt = boolean(tape, value)?;
                128
            }
            _ => return None,
        };
        if seen & bit != 0 {
            return None;
        }
        seen |= bit;
    }
    let mut req = Request::new(principal?, action?, resource, resource_account, context);
    req.service_linked_role = slr;
    req.principal_in_management_account = pmgmt;
    req.resource_in_management_account = rmgmt;
    Some(req)
}

/// A context value as the general reader keeps it: strings decoded,
/// numbers as written, booleans as `true`/`false`.
fn scalar_text(tape: &Tape, text: &str, i: usize) -> Option<String> {
    match tape.node(i)?.kind {
        NodeKind::String | NodeKind::Number => tape.text(text, i).map(str::to_string),
        NodeKind::Bool(b) => Some(String::from(if b { "true" } else { "false" })),
        _ => None,
    }
}

fn context_value(tape: &Tape, text: &str, v: usize) -> Option<ContextValue> {
    match tape.node(v)?.kind {
        NodeKind::Array => tape
            .items(v)
            .map(|i| scalar_text(tape, text, i))
            .collect::<Option<Vec<_>>>()
            .map(ContextValue::list),
        _ => scalar_text(tape, text, v).map(ContextValue::single),
    }
}

/// `{ "name": ..., "document": {...} }` or a bare policy document; the
/// default name is only built when needed.
fn named_policy(
    tape: &Tape,
    text: &str,
    v: usize,
    ctx: &mut Ctx<'_, '_>,
    default_name: impl FnOnce() -> String,
) -> Option<CompiledPolicy> {
    let v = object(tape, v)?;
    let is_wrapper = tape
        .members(v)
        .any(|k| tape.key_bytes(text, k) == Some(b"document"));
    let (name, doc) = if is_wrapper {
        let mut name = None;
        let mut doc = None;
        for value in tape.members(v) {
            match tape.key_bytes(text, value)? {
                b"name" if name.is_none() => name = Some(string(tape, text, value)?),
                b"document" if doc.is_none() => doc = Some(value),
                _ => return None,
            }
        }
        let name = name.map_or_else(default_name, str::to_string);
        (name, doc?)
    } else {
        (default_name(), v)
    };
    match ctx.cache.as_deref_mut().filter(|c| c.enabled()) {
        Some(cache) => {
            // Cached statements keep spans relative to their document.
            let span = tape.node(doc)?.span;
            let source = text.get(span.range())?;
            if let Some(hit) = cache.get(source) {
                return Some(hit.rebased(name, span.start));
            }
            let compiled = compile_document(tape, text, doc, name, span.start, None)?;
            cache.insert(source, &compiled);
            Some(compiled)
        }
        // As the general reader: absolute spans (base 0).
        None => compile_document(tape, text, doc, name, 0, ctx.only),
    }
}

fn org_levels(
    tape: &Tape,
    text: &str,
    v: usize,
    ctx: &mut Ctx<'_, '_>,
    kind: &str,
) -> Option<Vec<OrgLevel>> {
    let mut levels = Vec::new();
    for (li, item) in tape.items(array(tape, v)?).enumerate() {
        let mut target = None;
        let mut policies = Vec::new();
        let mut seen = 0u8;
        for value in tape.members(object(tape, item)?) {
            let bit = match tape.key_bytes(text, value)? {
                b"target" => {
                    target = Some(string(tape, text, value)?.to_string());
                    1
                }
                b"policies" => {
                    for (pi, p) in tape.items(array(tape, value)?).enumerate() {
                        policies.push(named_policy(tape, text, p, ctx, || {
                            format!("{kind}-{li}-{pi}")
                        })?);
                    }
                    2
                }
                _ => return None,
            };
            if seen & bit != 0 {
                return None;
            }
            seen |= bit;
        }
        levels.push(OrgLevel {
            target: target.unwrap_or_else(|| format!("level-{li}")),
            policies,
        });
    }
    Some(levels)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_gen as gen;

    fn general(text: &str) -> Option<String> {
        super::super::parse(text).ok().map(|s| format!("{s:?}"))
    }

    fn fast(text: &str, tape: &mut Tape) -> Option<String> {
        parse(text, tape, Mode::Full).map(|s| format!("{s:?}"))
    }

    fn lines(seed: u64, n: usize) -> Vec<String> {
        let mut rng = gen::Rng::new(seed);
        (0..n)
            .map(|_| gen::scenario(&mut rng).to_string())
            .collect()
    }

    #[test]
    fn builds_exactly_what_the_general_reader_builds() {
        let mut tape = Tape::new();
        for line in lines(17, 2000) {
            let expected = general(&line);
            assert!(expected.is_some(), "{line}");
            assert_eq!(fast(&line, &mut tape), expected, "{line}");
        }
    }

    #[test]
    fn hands_every_problem_to_the_general_reader() {
        // Each line is broken or bent in many ways; whenever the fast path
        // answers, the general reader must accept the text and build the same.
        let mut tape = Tape::new();
        let swaps = [
            ("\"Effect\":\"Allow\"", "\"Effect\":\"allow\""),
            ("\"Action\"", "\"NotAction\""),
            ("\"Action\"", "\"Resource\""),
            ("\"Resource\"", "\"Action\""),
            ("\"Resource\"", "\"Sid\""),
            ("\"Statement\":[", "\"Statement\":[{},"),
            ("\"Statement\"", "\"Id\""),
            ("\"Version\":\"2012-10-17\"", "\"Version\":\"2012-10-18\""),
            ("\"Version\":\"2012-10-17\"", "\"Version\":\"2008-10-17\""),
            ("StringEquals", "StringEqual"),
            ("StringLike", "ForAnyValue:StringLike"),
            ("\"aws:PrincipalTag/team\"", "\"AWS:principaltag/TEAM\""),
            (":[\"", ":[1,\""),
            (":[\"", ":[null,\""),
            (":[\"", ":[[],\""),
            ("\"document\":{", "\"document\":{\"Foo\":1,"),
            ("\"name\":", "\"name\":1,\"x\":"),
            ("\"request\":{", "\"request\":{\"action\":\"s3:*\","),
            ("\"principal\":\"", "\"principal\":\"x"),
            ("\"context\":{", "\"context\":{\"k\":{},"),
            ("\"context\":{", "\"context\":{\"aws:sourceip\":\"x\","),
            ("\"Principal\":{", "\"Principal\":{\"Foo\":\"x\","),
            ("\"Principal\":{\"AWS\"", "\"NotPrincipal\":{\"AWS\""),
            ("\"target\":", "\"level\":"),
            ("}", ",\"Effect\":\"Deny\"}"),
            (",", ",\"description\":\"é\\u00e9\","),
            ("\"", "\"\\u0041"),
            ("[", "[ "),
            (":", ": "),
        ];
        let mut answered = 0;
        let mut checked = 0;
        for line in lines(23, 80) {
            for (from, to) in swaps {
                let starts: Vec<usize> = line.match_indices(from).map(|(i, _)| i).collect();
                for &at in starts.iter().take(6) {
                    let mut bent = line.clone();
                    bent.replace_range(at..at + from.len(), to);
                    checked += 1;
                    if let Some(fast) = fast(&bent, &mut tape) {
                        answered += 1;
                        assert_eq!(Some(fast), general(&bent), "{bent}");
                    }
                }
            }
            // Truncations and single deletions.
            for cut in (1..line.len()).step_by(97) {
                if let Some(prefix) = line.get(..cut) {
                    assert_eq!(fast(prefix, &mut tape), None);
                }
                if let (Some(a), Some(b)) = (line.get(..cut), line.get(cut + 1..)) {
                    let bent = format!("{a}{b}");
                    if let Some(fast) = fast(&bent, &mut tape) {
                        assert_eq!(Some(fast), general(&bent), "{bent}");
                    }
                }
            }
        }
        // Both outcomes were exercised.
        assert!(
            checked > 5000 && answered > 500 && answered < checked,
            "{answered} of {checked}"
        );
    }

    #[test]
    fn statements_for_another_action_are_not_compiled_and_change_nothing() {
        let mut tape = Tape::new();
        let mut pruned = 0;
        for line in lines(41, 1500) {
            let full = parse(&line, &mut tape, Mode::Full).unwrap();
            let own = parse(&line, &mut tape, Mode::OwnRequest).unwrap();
            let (a, b) = (
                full.policies.evaluate(&full.request),
                own.policies.evaluate(&own.request),
            );
            assert_eq!(format!("{a:?}"), format!("{b:?}"), "{line}");
            assert_eq!(
                full.policies.decide(&full.request),
                own.policies.decide(&own.request)
            );
            let count = |s: &Scenario| format!("{:?}", s.policies).matches("Glob").count();
            pruned += count(&full) - count(&own);
        }
        assert!(pruned > 1000, "{pruned}");
    }
}
