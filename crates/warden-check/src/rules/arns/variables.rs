//! Shared machinery of the policy-variable checks: finding every `${`
//! in a value with its byte range, classifying it, walking the values where
//! variables are interpreted, and the variable's own span in the source.
//!
//! The scan mirrors `warden_policy::template`: a `${` runs to the next `}`;
//! what lies between is an escape (`*`, `?`, `$`), a variable
//! (`key` or `key, 'default'`), or malformed text that AWS keeps as it is.

use crate::finding::{Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;
use warden_policy::policy::{PrincipalValue, ScalarKind, Statement};
use warden_policy::Span;

/// What one `${...}` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A well-formed variable reference.
    Variable,
    /// `${*}`, `${?}` or `${$}`.
    Escape,
    /// `${` with no `}` before the next `${` or the end of the value.
    MissingBrace,
    /// `${}` or `${ }`, or a default with no key (`${, 'x'}`).
    Empty,
    /// A default value not enclosed in single quotes.
    MissingQuote,
    /// Whitespace in the key.
    Space,
    /// Any other malformed text (another symbol in the key).
    Other,
}

/// One `${...}` of a value: its kind and byte range in the decoded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Piece {
    /// The kind.
    pub kind: Kind,
    /// First byte (the `$`).
    pub start: usize,
    /// One past the last byte (after the `}`, or the end of the unclosed text).
    pub end: usize,
}

/// Every `${` of `text`, in order.
pub(super) fn scan(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    // Byte searches (`memchr`) rather than `str::find` with a string
    // pattern, whose searcher costs more to set up than these short values
    // take to read.
    let bytes = text.as_bytes();
    let open_from = |from: usize| {
        let mut at = from;
        while let Some(i) = memchr::memchr(b'$', bytes.get(at..)?) {
            if bytes.get(at + i + 1) == Some(&b'{') {
                return Some(at + i);
            }
            at += i + 1;
        }
        None
    };
    let mut pos = 0;
    while let Some(start) = open_from(pos) {
        let body = start + 2;
        let close = memchr::memchr(b'}', &bytes[body..]).map(|i| body + i);
        let next_open = open_from(body);
        match close {
            Some(c) if next_open.is_none_or(|n| c < n) => {
                out.push(Piece {
                    kind: classify(&text[body..c]),
                    start,
                    end: c + 1,
                });
                pos = c + 1;
            }
            _ => {
                let end = next_open.unwrap_or(text.len());
                out.push(Piece {
                    kind: Kind::MissingBrace,
                    start,
                    end,
                });
                pos = end;
            }
        }
    }
    out
}

/// The kind of the text between `${` and `}`.
fn classify(inner: &str) -> Kind {
    if matches!(inner, "*" | "?" | "$") {
        return Kind::Escape;
    }
    let (key, default) = match inner.split_once(',') {
        Some((k, d)) => (k, Some(d.trim())),
        None => (inner, None),
    };
    if key.trim().is_empty() {
        return Kind::Empty;
    }
    if default.is_some_and(|d| d.len() < 2 || !d.starts_with('\'') || !d.ends_with('\'')) {
        return Kind::MissingQuote;
    }
    if key.contains(char::is_whitespace) {
        return Kind::Space;
    }
    if key.contains(['$', '{', '\'']) {
        return Kind::Other;
    }
    Kind::Variable
}

/// Where one policy value is: its decoded text and the span of the JSON string.
#[derive(Debug, Clone, Copy)]
pub(super) struct Value<'a> {
    /// The decoded text.
    pub text: &'a str,
    /// The span of the JSON string, quotes included.
    pub span: Span,
}

/// The `Resource`/`NotResource` and string `Condition` values of a statement:
/// where AWS interprets variables.
pub(super) fn interpreted_values(st: &Statement) -> impl Iterator<Item = Value<'_>> {
    let resources = st.resource.iter().flat_map(|r| &r.values).map(|v| Value {
        text: &v.value,
        span: v.span,
    });
    let conditions = st
        .conditions
        .iter()
        .flat_map(|c| &c.values)
        .filter(|v| v.kind == ScalarKind::String)
        .map(|v| Value {
            text: &v.text,
            span: v.span,
        });
    resources.chain(conditions)
}

/// The `Action`/`NotAction` and `Principal`/`NotPrincipal` values of a
/// statement: where AWS does not interpret variables.
pub(super) fn uninterpreted_values(st: &Statement) -> impl Iterator<Item = Value<'_>> {
    let actions = st.action.iter().flat_map(|a| &a.values);
    let principals = st
        .principal
        .iter()
        .flat_map(|p| match &p.value {
            PrincipalValue::Wildcard => &[][..],
            PrincipalValue::Typed(entries) => entries.as_slice(),
        })
        .flat_map(|e| &e.values);
    actions.chain(principals).map(|v| Value {
        text: &v.value,
        span: v.span,
    })
}

/// The span of bytes `start..end` of `value`'s decoded text in the source
/// when the JSON string is written without escapes; otherwise the whole
/// value's span.
pub(super) fn sub_span(cx: &CheckContext<'_>, value: Value<'_>, start: usize, end: usize) -> Span {
    let raw = cx.source.get(value.span.range());
    let verbatim = raw
        .and_then(|r| r.strip_prefix('"'))
        .and_then(|r| r.strip_suffix('"'))
        .is_some_and(|inner| inner == value.text);
    if !verbatim || start > end || end > value.text.len() {
        return value.span;
    }
    let base = value.span.start as usize + 1;
    match (u32::try_from(base + start), u32::try_from(base + end)) {
        (Ok(s), Ok(e)) => Span::new(s, e),
        _ => value.span,
    }
}

/// A check of malformed variables (one [`Kind`]) in the values where AWS
/// interprets variables, under policy version 2012-10-17.
pub struct MalformedVariable {
    info: RuleInfo,
    kind: Kind,
    message: &'static str,
}

impl MalformedVariable {
    /// A rule reporting each `${...}` of kind `kind` with `message`.
    pub(super) const fn new(info: RuleInfo, kind: Kind, message: &'static str) -> Self {
        MalformedVariable {
            info,
            kind,
            message,
        }
    }
}

impl Rule for MalformedVariable {
    fn info(&self) -> &RuleInfo {
        &self.info
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        let Some(policy) = cx.policy.filter(|_| cx.may_have_variables) else {
            return;
        };
        // Under 2008-10-17 `${` is plain text; VARIABLE_UNSUPPORTED_IN_VERSION
        // speaks for variables there.
        if !policy.variables_enabled() {
            return;
        }
        for st in &policy.statements {
            for v in interpreted_values(st) {
                for p in scan(v.text).into_iter().filter(|p| p.kind == self.kind) {
                    out.report(sub_span(cx, v, p.start, p.end), self.message);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, &str)> {
        scan(text)
            .into_iter()
            .map(|p| (p.kind, &text[p.start..p.end]))
            .collect()
    }

    #[test]
    fn scan_classifies_each_opening() {
        assert_eq!(
            kinds("a/${aws:username}/${*}/${aws:userid, 'anon'}"),
            vec![
                (Kind::Variable, "${aws:username}"),
                (Kind::Escape, "${*}"),
                (Kind::Variable, "${aws:userid, 'anon'}"),
            ]
        );
        assert_eq!(
            kinds("a/${aws:username/${aws:userid}"),
            vec![
                (Kind::MissingBrace, "${aws:username/"),
                (Kind::Variable, "${aws:userid}"),
            ]
        );
        assert_eq!(kinds("x${a"), vec![(Kind::MissingBrace, "${a")]);
        assert_eq!(kinds("${}"), vec![(Kind::Empty, "${}")]);
        assert_eq!(kinds("${ , 'x'}"), vec![(Kind::Empty, "${ , 'x'}")]);
        assert_eq!(kinds("${k, x}"), vec![(Kind::MissingQuote, "${k, x}")]);
        assert_eq!(kinds("${k, 'x}"), vec![(Kind::MissingQuote, "${k, 'x}")]);
        assert_eq!(kinds("${a b}"), vec![(Kind::Space, "${a b}")]);
        assert_eq!(kinds("${a'b}"), vec![(Kind::Other, "${a'b}")]);
        assert_eq!(kinds("$ {a} $a {b}"), vec![]);
    }
}
