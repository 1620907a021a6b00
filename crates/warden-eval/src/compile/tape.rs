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
    compile_principal, compile_resource, compile_values, CCondition, CPrincipal, CStatement,
    CompiledPolicy, NameSet, PrincipalSet, ResourceSet,
};
use crate::glob::{matches_folded, Glob};
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
/// `only_action`: the lower-cased action of the one request the policy will
/// answer. Statements whose action element does not match it are then
/// checked but not compiled (they keep their place, and match nothing):
/// evaluation looks at a statement's action first and records nothing
/// about a statement whose action does not match, so the result is the same.
pub(crate) fn compile_document(
    tape: &Tape,
    src: &str,
    doc: usize,
    name: String,
    base: u32,
    only_action: Option<&str>,
) -> Option<CompiledPolicy> {
    // `Version` decides how every statement is compiled and may come last.
    if tape.node(doc)?.kind != NodeKind::Object {
        return None;
    }
    let mut vars = false;
    let mut statement = None;
    let mut seen = 0u8;
    for (k, v) in tape.members(doc) {
        let bit = match tape.text(src, k)? {
            "Version" => {
                vars = match string(tape, src, v)? {
                    "2012-10-17" => true,
                    "2008-10-17" => false,
                    _ => return None,
                };
                1
            }
            "Id" => {
                string(tape, src, v)?;
                2
            }
            "Statement" => {
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
    let statements: Arc<[CStatement]> = match tape.node(statement)?.kind {
        NodeKind::Object => Arc::new([compile_statement(
            tape,
            src,
            statement,
            0,
            vars,
            base,
            only_action,
        )?]),
        NodeKind::Array => tape
            .items(statement)
            .enumerate()
            .map(|(i, s)| compile_statement(tape, src, s, i, vars, base, only_action))
            .collect::<Option<Vec<_>>>()?
            .into(),
        _ => return None,
    };
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
    let (k, v) = tape
        .members(node)
        .find(|(k, _)| matches!(tape.text(src, *k), Some("Action" | "NotAction")))?;
    string_list_len(tape, v)?;
    let listed = string_list(tape, src, v).any(|p| matches_folded(p, action));
    Some(listed != (tape.text(src, k) == Some("NotAction")))
}

fn compile_statement(
    tape: &Tape,
    src: &str,
    node: usize,
    index: usize,
    vars: bool,
    base: u32,
    only_action: Option<&str>,
) -> Option<CStatement> {
    let n = tape.node(node)?;
    if n.kind != NodeKind::Object {
        return None;
    }
    let span = n.span;
    let compile = match only_action {
        Some(action) => action_matches(tape, src, node, action)?,
        None => true,
    };
    let mut sid = None;
    let mut effect = None;
    let mut actions = None;
    let mut resources = None;
    let mut principal = None;
    let mut conditions = Vec::new();
    let mut seen = 0u8;
    for (k, v) in tape.members(node) {
        let key = tape.text(src, k)?;
        // Both forms of an element share a bit: having both is an error too.
        let bit = match key {
            "Sid" => {
                let text = string(tape, src, v)?;
                sid = compile.then(|| text.to_string());
                1
            }
            "Effect" => {
                effect = Some(match string(tape, src, v)? {
                    "Allow" => Effect::Allow,
                    "Deny" => Effect::Deny,
                    _ => return None,
                });
                2
            }
            "Principal" | "NotPrincipal" => {
                let entries = principals(tape, src, v, compile)?;
                principal = compile.then_some(PrincipalSet {
                    negated: key == "NotPrincipal",
                    entries,
                });
                4
            }
            "Action" | "NotAction" => {
                let len = string_list_len(tape, v)?;
                // A statement left uncompiled matches no action.
                let mut globs = Vec::with_capacity(if compile { len } else { 0 });
                if compile {
                    globs.extend(string_list(tape, src, v).map(|a| Glob::new(a, true)));
                }
                actions = Some(NameSet {
                    negated: compile && key == "NotAction",
                    globs,
                });
                8
            }
            "Resource" | "NotResource" => {
                let len = string_list_len(tape, v)?;
                if compile {
                    let mut patterns = Vec::with_capacity(len);
                    patterns.extend(string_list(tape, src, v).map(|r| compile_resource(r, vars)));
                    resources = Some(ResourceSet {
                        negated: key == "NotResource",
                        patterns,
                    });
                }
                16
            }
            "Condition" => {
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
    Some(CStatement {
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
    })
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
            for (k, list) in tape.members(v) {
                let (kind, bit) = match tape.text(src, k)? {
                    "AWS" => (PrincipalKind::Aws, 1),
                    "Service" => (PrincipalKind::Service, 2),
                    "Federated" => (PrincipalKind::Federated, 4),
                    "CanonicalUser" => (PrincipalKind::CanonicalUser, 8),
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
    for (n, (op_key, keys)) in tape.members(v).enumerate() {
        let op_text = tape.text(src, op_key)?;
        // Operator names are unique within the block.
        if n >= MAX_PAIRWISE_KEYS
            || tape
                .members(v)
                .take(n)
                .any(|(k, _)| tape.text(src, k) == Some(op_text))
        {
            return None;
        }
        let op = op_text.parse::<Operator>().ok()?;
        if tape.node(keys)?.kind != NodeKind::Object {
            return None;
        }
        for (i, (k, values)) in tape.members(keys).enumerate() {
            let key = tape.text(src, k)?;
            // Keys are case-insensitive: a repeat in any case is an error.
            if i >= MAX_PAIRWISE_KEYS
                || tape.members(keys).take(i).any(|(p, _)| {
                    tape.text(src, p)
                        .is_some_and(|p| p.eq_ignore_ascii_case(key))
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
