//! Compiling a policy document straight from a JSON [`Tape`], without the
//! JSON tree or the policy AST in between: the batch reader's fast path.
//!
//! It compiles only documents the AST builder would accept without an
//! error, and gives the same [`CompiledPolicy`] as
//! `CompiledPolicy::compile_at(name, &from_json(doc).policy, base)`. Anything
//! unusual (an error, a duplicate or unknown key, a value of the wrong type)
//! makes it answer `None`, and the caller takes the general path, which
//! reports the problem; so this module never has to reproduce a diagnostic.

use super::{
    compile_principal, compile_resource, compile_values, resource_text_matches, CCondition,
    CPrincipal, CStatement, CompiledPolicy, NameSet, PrincipalSet, ResourceSet,
};
use crate::glob::{matches_folded, Glob};
use crate::request::Request;
use std::sync::Arc;
use warden_policy::json::tape::{NodeKind, Tape};
use warden_policy::operator::Operator;
use warden_policy::policy::{Effect, PrincipalKind};
use warden_policy::Span;

/// Condition blocks with more keys than this are left to the general path,
/// whose duplicate check does not turn quadratic.
const MAX_PAIRWISE_KEYS: usize = 16;

/// Compiles the policy document at node `doc` of `tape` (parsed from `src`),
/// with statement spans relative to `base`; `None` when the document is not
/// a clean policy (the general path then reports why).
///
/// `only`: the one request the policy will answer. Statements whose action
/// or resource element does not match it are then checked but not compiled
/// (they keep their place, and match nothing): evaluation looks at a
/// statement's action and resource first and records nothing about a
/// statement where either does not match, so the result is the same.
pub(crate) fn compile_document(
    tape: &Tape,
    src: &str,
    doc: usize,
    name: String,
    base: u32,
    only: Option<&Request>,
) -> Option<CompiledPolicy> {
    // `Version` decides how every statement is compiled and may come last.
    if tape.node(doc)?.kind != NodeKind::Object {
        return None;
    }
    let mut vars = false;
    let mut statement = None;
    let mut seen = 0u8;
    for v in tape.members(doc) {
        let bit = match tape.key_bytes(src, v)? {
            b"Version" => {
                vars = match string(tape, src, v)? {
                    "2012-10-17" => true,
                    "2008-10-17" => false,
                    _ => return None,
                };
                1
            }
            b"Id" => {
                string(tape, src, v)?;
                2
            }
            b"Statement" => {
                statement = Some(v);
                4
            }
            _ => return None,
        };
        if seen & bit != 0 {
            return None;
        }
        seen |= bit;
    }
    let statement = statement?;
    let how = How { vars, base, only };
    // Statements are built in place in the vector: each is large, and
    // moving it through a return value costs a copy.
    let mut list = Vec::new();
    match tape.node(statement)?.kind {
        NodeKind::Object => {
            list.reserve_exact(1);
            compile_statement(tape, src, statement, 0, how, &mut list)?;
        }
        NodeKind::Array => {
            list.reserve_exact(tape.items(statement).count());
            for (i, s) in tape.items(statement).enumerate() {
                compile_statement(tape, src, s, i, how, &mut list)?;
            }
        }
        _ => return None,
    }
    let statements: Arc<[CStatement]> = list.into();
    Some(CompiledPolicy {
        name,
        statements,
        base,
    })
}

fn string<'s>(tape: &'s Tape, src: &'s str, i: usize) -> Option<&'s str> {
    match tape.node(i)?.kind {
        NodeKind::String => tape.text(src, i),
        _ => None,
    }
}

/// A string or an array of strings: the number of strings, after checking
/// that every element is one.
fn string_list_len(tape: &Tape, i: usize) -> Option<usize> {
    match tape.node(i)?.kind {
        NodeKind::String => Some(1),
        NodeKind::Array => {
            let mut n = 0;
            for j in tape.items(i) {
                if tape.node(j)?.kind != NodeKind::String {
                    return None;
                }
                n += 1;
            }
            Some(n)
        }
        _ => None,
    }
}

/// The strings of a list checked by [`string_list_len`], in order.
fn string_list<'s>(tape: &'s Tape, src: &'s str, i: usize) -> impl Iterator<Item = &'s str> {
    let single = tape.node(i).is_some_and(|n| n.kind == NodeKind::String);
    single
        .then_some(i)
        .into_iter()
        .chain(tape.items(i))
        .filter_map(move |j| tape.text(src, j))
}

/// Whether the statement's action element matches `action` (lower-cased).
fn action_matches(tape: &Tape, src: &str, node: usize, action: &str) -> Option<bool> {
    let v = tape
        .members(node)
        .find(|v| matches!(tape.key_bytes(src, *v), Some(b"Action" | b"NotAction")))?;
    string_list_len(tape, v)?;
    let listed = string_list(tape, src, v).any(|p| matches_folded(p, action));
    Some(listed != (tape.key_bytes(src, v) == Some(b"NotAction")))
}

/// Whether the statement's `Resource` or `NotResource` element (the first
/// one) can match `req`; `Some(true)` without one, `None` when the element
/// is not a string list (the statement is then rejected anyway).
fn resource_applies(
    tape: &Tape,
    src: &str,
    node: usize,
    vars: bool,
    req: &Request,
) -> Option<bool> {
    let Some(v) = tape
        .members(node)
        .find(|v| matches!(tape.key_bytes(src, *v), Some(b"Resource" | b"NotResource")))
    else {
        return Some(true);
    };
    string_list_len(tape, v)?;
    let hit = string_list(tape, src, v).any(|r| resource_text_matches(r, vars, req));
    Some(hit != (tape.key_bytes(src, v) == Some(b"NotResource")))
}

/// How a document's statements are compiled: what [`compile_document`]
/// was told, and the document's `Version`.
#[derive(Clone, Copy)]
struct How<'r> {
    /// Whether policy variables are read (`Version` 2012-10-17).
    vars: bool,
    /// The offset statement spans are made relative to.
    base: u32,
    /// The one request the policy will answer, if only that matters.
    only: Option<&'r Request>,
}

fn compile_statement(
    tape: &Tape,
    src: &str,
    node: usize,
    index: usize,
    how: How<'_>,
    out: &mut Vec<CStatement>,
) -> Option<()> {
    let How { vars, base, only } = how;
    let n = tape.node(node)?;
    if n.kind != NodeKind::Object {
        return None;
    }
    let span = n.span;
    let mut compile = match only {
        Some(req) => action_matches(tape, src, node, &req.action_lower)?,
        None => true,
    };
    // Only a statement whose action matches is worth the resource check.
    if let (true, Some(req)) = (compile, only) {
        compile = resource_applies(tape, src, node, vars, req)?;
    }
    let mut sid = None;
    let mut effect = None;
    let mut actions = None;
    let mut resources = None;
    let mut principal = None;
    let mut conditions = Vec::new();
    let mut seen = 0u8;
    for v in tape.members(node) {
        let key = tape.key_bytes(src, v)?;
        // Both forms of an element share a bit: having both is an error too.
        let bit = match key {
            b"Sid" => {
                let text = string(tape, src, v)?;
                sid = compile.then(|| text.to_string());
                1
            }
            b"Effect" => {
                effect = Some(match string(tape, src, v)? {
                    "Allow" => Effect::Allow,
                    "Deny" => Effect::Deny,
                    _ => return None,
                });
                2
            }
            b"Principal" | b"NotPrincipal" => {
                let entries = principals(tape, src, v, compile)?;
                principal = compile.then_some(PrincipalSet {
                    negated: key == b"NotPrincipal",
                    entries,
                });
                4
            }
            b"Action" | b"NotAction" => {
                let len = string_list_len(tape, v)?;
                // A statement left uncompiled matches no action.
                let mut globs = Vec::with_capacity(if compile { len } else { 0 });
                if compile {
                    globs.extend(string_list(tape, src, v).map(|a| Glob::new(a, true)));
                }
                actions = Some(NameSet {
                    negated: compile && key == b"NotAction",
                    globs,
                });
                8
            }
            b"Resource" | b"NotResource" => {
                let len = string_list_len(tape, v)?;
                if compile {
                    let mut patterns = Vec::with_capacity(len);
                    patterns.extend(string_list(tape, src, v).map(|r| compile_resource(r, vars)));
                    resources = Some(ResourceSet {
                        negated: key == b"NotResource",
                        patterns,
                    });
                }
                16
            }
            b"Condition" => {
                condition_block(tape, src, v, vars, compile.then_some(&mut conditions))?;
                32
            }
            _ => return None,
        };
        if seen & bit != 0 {
            return None;
        }
        seen |= bit;
    }
    out.push(CStatement {
        index,
        sid,
        effect: effect?,
        span: Span::new(
            span.start.saturating_sub(base),
            span.end.saturating_sub(base),
        ),
        actions: Some(actions?),
        resources,
        principal,
        conditions,
    });
    Some(())
}

/// The principals of a `Principal` element; with `compile` false only
/// checked (the list stays empty).
fn principals(tape: &Tape, src: &str, v: usize, compile: bool) -> Option<Vec<CPrincipal>> {
    match tape.node(v)?.kind {
        NodeKind::String if tape.text(src, v)? == "*" => Some(if compile {
            vec![CPrincipal::Everyone]
        } else {
            Vec::new()
        }),
        NodeKind::Object => {
            let mut seen = 0u8;
            let mut entries = Vec::new();
            for list in tape.members(v) {
                let (kind, bit) = match tape.key_bytes(src, list)? {
                    b"AWS" => (PrincipalKind::Aws, 1),
                    b"Service" => (PrincipalKind::Service, 2),
                    b"Federated" => (PrincipalKind::Federated, 4),
                    b"CanonicalUser" => (PrincipalKind::CanonicalUser, 8),
                    _ => return None,
                };
                if seen & bit != 0 {
                    return None;
                }
                seen |= bit;
                let len = string_list_len(tape, list)?;
                if compile {
                    entries.reserve(len);
                    entries
                        .extend(string_list(tape, src, list).map(|p| compile_principal(kind, p)));
                }
            }
            Some(entries)
        }
        _ => None,
    }
}

/// The text of a condition value as the AST keeps it: strings decoded,
/// numbers as written, booleans as `true`/`false`.
fn scalar<'s>(tape: &'s Tape, src: &'s str, i: usize) -> Option<&'s str> {
    match tape.node(i)?.kind {
        NodeKind::String | NodeKind::Number => tape.text(src, i),
        NodeKind::Bool(true) => Some("true"),
        NodeKind::Bool(false) => Some("false"),
        _ => None,
    }
}

/// A `Condition` block: checked, and compiled into `out` when given.
fn condition_block(
    tape: &Tape,
    src: &str,
    v: usize,
    vars: bool,
    mut out: Option<&mut Vec<CCondition>>,
) -> Option<()> {
    if tape.node(v)?.kind != NodeKind::Object {
        return None;
    }
    for (n, keys) in tape.members(v).enumerate() {
        let op_text = tape.key(src, keys)?;
        // Operator names are unique within the block.
        if n >= MAX_PAIRWISE_KEYS
            || tape
                .members(v)
                .take(n)
                .any(|k| tape.key_bytes(src, k) == Some(op_text.as_bytes()))
        {
            return None;
        }
        let op = op_text.parse::<Operator>().ok()?;
        if tape.node(keys)?.kind != NodeKind::Object {
            return None;
        }
        for (i, values) in tape.members(keys).enumerate() {
            let key = tape.key(src, values)?;
            // Keys are case-insensitive: a repeat in any case is an error.
            if i >= MAX_PAIRWISE_KEYS
                || tape.members(keys).take(i).any(|p| {
                    tape.key_bytes(src, p)
                        .is_some_and(|p| p.eq_ignore_ascii_case(key.as_bytes()))
                })
            {
                return None;
            }
            let single = tape.node(values)?.kind != NodeKind::Array;
            if single {
                scalar(tape, src, values)?;
            } else if tape.items(values).any(|j| scalar(tape, src, j).is_none()) {
                return None;
            }
            let Some(out) = out.as_deref_mut() else {
                continue;
            };
            let compiled = if single {
                compile_values(op, std::iter::once(scalar(tape, src, values)?), vars)
            } else {
                compile_values(
                    op,
                    tape.items(values).filter_map(|j| scalar(tape, src, j)),
                    vars,
                )
            };
            out.push(CCondition {
                op,
                key: key.to_string(),
                values: compiled,
            });
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::{Context, ContextValue, Principal};
    use warden_policy::json::Limits;

    #[test]
    fn statements_whose_resource_cannot_match_are_only_checked() {
        let mut ctx = Context::new();
        ctx.insert("aws:username", ContextValue::single("alice"));
        let req = Request::new(
            Principal::parse("arn:aws:iam::111122223333:user/alice").unwrap(),
            "s3:GetObject",
            "arn:aws:s3:::b/alice/k",
            None,
            ctx,
        );
        // (statement, compiled?)
        let cases = [
            (
                r#"{"Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::b/*"}"#,
                true,
            ),
            (
                r#"{"Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::c/*"}"#,
                false,
            ),
            (
                r#"{"Effect":"Allow","Action":"s3:*","Resource":["arn:aws:ec2:*:*:*","*"]}"#,
                true,
            ),
            (
                r#"{"Effect":"Deny","Action":"s3:*","NotResource":"arn:aws:s3:::b/*"}"#,
                false,
            ),
            (
                r#"{"Effect":"Deny","Action":"s3:*","NotResource":"arn:aws:s3:::c/*"}"#,
                true,
            ),
            (
                r#"{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:username}/*"}"#,
                true,
            ),
            (
                r#"{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:userid}/*"}"#,
                false,
            ),
            (
                r#"{"Effect":"Allow","Action":"s3:*","Principal":"*"}"#,
                true,
            ),
            (
                r#"{"Effect":"Allow","Action":"ec2:*","Resource":"*"}"#,
                false,
            ),
        ];
        let mut tape = Tape::new();
        for (statement, compiled) in cases {
            let doc = format!(r#"{{"Version":"2012-10-17","Statement":[{statement}]}}"#);
            tape.parse(&doc, Limits::default()).unwrap();
            let pruned = compile_document(&tape, &doc, 0, "p".into(), 0, Some(&req)).unwrap();
            let full = compile_document(&tape, &doc, 0, "p".into(), 0, None).unwrap();
            let (p, f) = (&pruned.statements[0], &full.statements[0]);
            assert_eq!(
                p.actions.as_ref().unwrap().globs.is_empty(),
                !compiled,
                "{statement}"
            );
            assert_eq!(p.resources.is_some(), compiled && f.resources.is_some());
            // Either way the statement says the same about the request.
            let mut none = None;
            assert_eq!(
                p.matches_action(&req) && p.matches_resource(&req, &mut none),
                f.matches_action(&req) && f.matches_resource(&req, &mut none),
                "{statement}"
            );
        }
        // A resource element of the wrong type is still refused.
        let bad = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":[1]}}"#;
        tape.parse(bad, Limits::default()).unwrap();
        assert!(compile_document(&tape, bad, 0, "p".into(), 0, Some(&req)).is_none());
    }
}
