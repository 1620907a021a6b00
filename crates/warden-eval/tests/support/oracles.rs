//! Reference checks shared by the robustness tests, the glob unit tests and
//! the fuzz targets (included with `#[path]`): one copy of each.

#![allow(dead_code)]

use warden_policy::policy::{Policy, PrincipalValue};
use warden_policy::Span;

/// The obvious dynamic-programming wildcard matcher (`*` any run, `?` one
/// character, anything else itself), one table row at a time.
pub fn glob_reference(p: &[char], t: &[char]) -> bool {
    // row[j]: the pattern prefix so far matches t[..j].
    let mut row = vec![false; t.len() + 1];
    row[0] = true;
    for &c in p {
        let mut next = vec![false; t.len() + 1];
        next[0] = row[0] && c == '*';
        for j in 1..=t.len() {
            next[j] = match c {
                '*' => row[j] || next[j - 1],
                '?' => row[j - 1],
                c => row[j - 1] && c == t[j - 1],
            };
        }
        row = next;
    }
    row[t.len()]
}

/// Every span of a policy AST, with what it belongs to.
pub fn policy_spans(p: &Policy) -> Vec<(Span, &'static str)> {
    let mut out = vec![(p.span, "policy"), (p.statement_span, "Statement")];
    if let Some(v) = &p.version {
        out.push((v.span, "Version"));
    }
    if let Some(id) = &p.id {
        out.push((id.span, "Id"));
    }
    for s in &p.statements {
        out.push((s.span, "statement"));
        out.push((s.effect.span, "Effect"));
        if let Some(sid) = &s.sid {
            out.push((sid.span, "Sid"));
        }
        for list in [&s.action, &s.resource].into_iter().flatten() {
            out.push((list.key_span, "list key"));
            out.push((list.span, "list"));
            out.extend(list.values.iter().map(|v| (v.span, "list value")));
        }
        if let Some(pr) = &s.principal {
            out.push((pr.key_span, "principal key"));
            out.push((pr.span, "principal"));
            if let PrincipalValue::Typed(entries) = &pr.value {
                for e in entries {
                    out.push((e.key_span, "principal entry key"));
                    out.extend(e.values.iter().map(|v| (v.span, "principal value")));
                }
            }
        }
        if let Some(c) = s.condition_span {
            out.push((c, "Condition"));
        }
        for c in &s.conditions {
            out.push((c.operator_text.span, "operator"));
            out.push((c.key.span, "condition key"));
            out.push((c.values_span, "condition values"));
            out.extend(c.values.iter().map(|v| (v.span, "condition value")));
        }
    }
    out
}
