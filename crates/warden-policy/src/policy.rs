//! The policy AST and its construction from span-carrying JSON.
//!
//! The AST is faithful to the source: every element keeps its span, values
//! keep their source order, and the single-string and array forms are
//! normalised into lists while remembering which form was written. Anything
//! AWS would reject becomes a [`Diagnostic`]; parsing goes on so that one run
//! reports every problem of a document.

use crate::json::{self, Member, Value, ValueKind};
use crate::operator::Operator;
use crate::span::Span;
use crate::template::Template;

/// A value with the span it came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it is in the source.
    pub span: Span,
}

impl<T> Spanned<T> {
    /// Wraps `value` with `span`.
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

/// The policy language version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Version {
    /// `2008-10-17`: no policy variables.
    V2008_10_17,
    /// `2012-10-17`: the current version.
    V2012_10_17,
}

impl Version {
    /// The version string.
    pub fn as_str(self) -> &'static str {
        match self {
            Version::V2008_10_17 => "2008-10-17",
            Version::V2012_10_17 => "2012-10-17",
        }
    }
}

/// `Allow` or `Deny`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Effect {
    /// Grants.
    Allow,
    /// Forbids; wins over every allow.
    Deny,
}

impl Effect {
    /// The keyword.
    pub fn as_str(self) -> &'static str {
        match self {
            Effect::Allow => "Allow",
            Effect::Deny => "Deny",
        }
    }
}

/// A whole policy document.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    /// The `Version` element, if present.
    pub version: Option<Spanned<Version>>,
    /// The `Id` element, if present.
    pub id: Option<Spanned<String>>,
    /// The statements, in source order.
    pub statements: Vec<Statement>,
    /// Whether `Statement` was written as a single object rather than an array.
    pub single_statement: bool,
    /// The span of the `Statement` element's value.
    pub statement_span: Span,
    /// The span of the whole document.
    pub span: Span,
}

impl Policy {
    /// The version that governs evaluation: an absent `Version` means 2008-10-17.
    pub fn effective_version(&self) -> Version {
        self.version
            .as_ref()
            .map_or(Version::V2008_10_17, |v| v.value)
    }

    /// Whether policy variables are interpreted (version 2012-10-17).
    pub fn variables_enabled(&self) -> bool {
        self.effective_version() == Version::V2012_10_17
    }
}

/// One statement.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// Position in the `Statement` list, from 0.
    pub index: usize,
    /// The statement's span (the whole object).
    pub span: Span,
    /// `Sid`.
    pub sid: Option<Spanned<String>>,
    /// `Effect`. A statement without a valid effect is reported and given `Deny`'s
    /// place in no evaluation: the policy does not parse cleanly.
    pub effect: Spanned<Effect>,
    /// `Principal` or `NotPrincipal`.
    pub principal: Option<PrincipalElement>,
    /// `Action` or `NotAction`.
    pub action: Option<ListElement>,
    /// `Resource` or `NotResource`.
    pub resource: Option<ListElement>,
    /// The `Condition` block, flattened: one entry per (operator, key).
    pub conditions: Vec<Condition>,
    /// The span of the `Condition` element's value, if present.
    pub condition_span: Option<Span>,
}

/// `Action`/`NotAction` or `Resource`/`NotResource`.
#[derive(Debug, Clone, PartialEq)]
pub struct ListElement {
    /// Whether this is the `Not` form.
    pub negated: bool,
    /// The span of the element's key.
    pub key_span: Span,
    /// The span of the element's value.
    pub span: Span,
    /// Whether the value was a single string rather than an array.
    pub single: bool,
    /// The values.
    pub values: Vec<Spanned<String>>,
}

/// `Principal` or `NotPrincipal`.
#[derive(Debug, Clone, PartialEq)]
pub struct PrincipalElement {
    /// Whether this is `NotPrincipal`.
    pub negated: bool,
    /// The span of the element's key.
    pub key_span: Span,
    /// The span of the element's value.
    pub span: Span,
    /// The principals.
    pub value: PrincipalValue,
}

/// The value of a principal element.
#[derive(Debug, Clone, PartialEq)]
pub enum PrincipalValue {
    /// `"*"`: everyone, including anonymous callers.
    Wildcard,
    /// `{"AWS": ..., "Service": ..., ...}`.
    Typed(Vec<PrincipalEntry>),
}

/// The kinds of principal in a `Principal` map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PrincipalKind {
    /// Accounts, IAM users and roles, sessions, `*`.
    Aws,
    /// Service principals such as `lambda.amazonaws.com`.
    Service,
    /// Identity providers (web identity, SAML).
    Federated,
    /// Amazon S3 canonical user IDs.
    CanonicalUser,
}

impl PrincipalKind {
    /// The map key.
    pub fn as_str(self) -> &'static str {
        match self {
            PrincipalKind::Aws => "AWS",
            PrincipalKind::Service => "Service",
            PrincipalKind::Federated => "Federated",
            PrincipalKind::CanonicalUser => "CanonicalUser",
        }
    }
}

/// One `"AWS": [...]` entry of a principal map.
#[derive(Debug, Clone, PartialEq)]
pub struct PrincipalEntry {
    /// The kind.
    pub kind: PrincipalKind,
    /// The span of the key.
    pub key_span: Span,
    /// The values.
    pub values: Vec<Spanned<String>>,
}

/// The JSON type a condition value was written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScalarKind {
    /// A JSON string.
    String,
    /// A JSON number.
    Number,
    /// A JSON boolean.
    Bool,
}

/// One condition value.
#[derive(Debug, Clone, PartialEq)]
pub struct ConditionValue {
    /// The value as text (numbers as written, booleans as `true`/`false`).
    pub text: String,
    /// How it was written.
    pub kind: ScalarKind,
    /// Where.
    pub span: Span,
}

/// One (operator, key) pair of a `Condition` block with its values.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    /// The operator as written.
    pub operator_text: Spanned<String>,
    /// The parsed operator; `None` when unknown (a diagnostic says so).
    pub operator: Option<Operator>,
    /// The context key as written.
    pub key: Spanned<String>,
    /// The values.
    pub values: Vec<ConditionValue>,
    /// The span of the values (the string or the array).
    pub values_span: Span,
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// AWS would reject the document.
    Error,
    /// AWS accepts it but it is suspicious.
    Warning,
}

/// A problem found while parsing, with its location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// A stable machine-readable code.
    pub code: &'static str,
    /// A message for people.
    pub message: String,
    /// Where.
    pub span: Span,
    /// How serious.
    pub severity: Severity,
}

/// The outcome of parsing: the policy as far as it could be understood and
/// every problem found.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The policy; `None` only when the document is not JSON or not an object.
    pub policy: Option<Policy>,
    /// Problems, in source order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Parsed {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// The policy if it parsed without errors, otherwise the errors.
    pub fn into_result(self) -> Result<Policy, Vec<Diagnostic>> {
        match self.policy {
            Some(p) if !self.has_errors() => Ok(p),
            _ => Err(self.diagnostics),
        }
    }
}

/// Parses a policy document with default limits.
pub fn parse(source: &str) -> Parsed {
    parse_with(source, json::Limits::default())
}

/// Parses a policy document with the given JSON limits.
pub fn parse_with(source: &str, limits: json::Limits) -> Parsed {
    match json::parse_with(source, limits) {
        Ok(v) => from_json(&v),
        Err(e) => Parsed {
            policy: None,
            diagnostics: vec![Diagnostic {
                code: "json-syntax",
                message: e.message,
                span: e.span,
                severity: Severity::Error,
            }],
        },
    }
}

/// Builds a policy from an already parsed JSON value.
pub fn from_json(v: &Value<'_>) -> Parsed {
    let mut b = Builder { diags: Vec::new() };
    let policy = b.policy(v);
    b.diags.sort_by_key(|d| (d.span.start, d.span.end));
    Parsed {
        policy,
        diagnostics: b.diags,
    }
}

struct Builder {
    diags: Vec<Diagnostic>,
}

impl Builder {
    fn error(&mut self, code: &'static str, span: Span, message: String) {
        self.diags.push(Diagnostic {
            code,
            message,
            span,
            severity: Severity::Error,
        });
    }

    fn warning(&mut self, code: &'static str, span: Span, message: String) {
        self.diags.push(Diagnostic {
            code,
            message,
            span,
            severity: Severity::Warning,
        });
    }

    fn members<'v, 'a>(
        &mut self,
        v: &'v Value<'a>,
        what: &dyn std::fmt::Display,
    ) -> Option<&'v [Member<'a>]> {
        match &v.kind {
            ValueKind::Object(m) => {
                self.check_duplicates(m);
                Some(m)
            }
            _ => {
                self.error(
                    "wrong-type",
                    v.span,
                    format!("{what} must be an object, found {}", v.type_name()),
                );
                None
            }
        }
    }

    fn check_duplicates(&mut self, members: &[Member<'_>]) {
        // Small objects (nearly all) are checked pairwise; large ones with a
        // set, so that a hostile document cannot make this quadratic.
        let mut seen =
            (members.len() > 16).then(|| std::collections::HashSet::with_capacity(members.len()));
        for (i, m) in members.iter().enumerate() {
            let dup = match &mut seen {
                Some(set) => !set.insert(m.key.as_ref()),
                None => members[..i].iter().any(|p| p.key == m.key),
            };
            if dup {
                self.error(
                    "duplicate-key",
                    m.key_span,
                    format!("duplicate key `{}`", m.key),
                );
            }
        }
    }

    fn string(&mut self, v: &Value<'_>, what: &dyn std::fmt::Display) -> Option<Spanned<String>> {
        match &v.kind {
            ValueKind::String(s) => Some(Spanned::new(s.to_string(), v.span)),
            _ => {
                self.error(
                    "wrong-type",
                    v.span,
                    format!("{what} must be a string, found {}", v.type_name()),
                );
                None
            }
        }
    }

    /// A string or an array of strings.
    fn string_list(
        &mut self,
        v: &Value<'_>,
        what: &dyn std::fmt::Display,
    ) -> (Vec<Spanned<String>>, bool) {
        match &v.kind {
            ValueKind::String(s) => (vec![Spanned::new(s.to_string(), v.span)], true),
            ValueKind::Array(items) => {
                if items.is_empty() {
                    // AWS accepts an empty list; it just matches nothing.
                    self.warning(
                        "empty-list",
                        v.span,
                        format!("{what} is an empty array: it matches nothing"),
                    );
                }
                let vals = items
                    .iter()
                    .filter_map(|i| self.string(i, &format_args!("each {what} value")))
                    .collect();
                (vals, false)
            }
            _ => {
                self.error(
                    "wrong-type",
                    v.span,
                    format!(
                        "{what} must be a string or an array of strings, found {}",
                        v.type_name()
                    ),
                );
                (Vec::new(), false)
            }
        }
    }

    fn policy(&mut self, v: &Value<'_>) -> Option<Policy> {
        let members = self.members(v, &"a policy document")?;
        let mut version = None;
        let mut id = None;
        let mut statements = Vec::new();
        let mut single_statement = false;
        let mut statement_span = None;
        for m in members {
            match m.key.as_ref() {
                "Version" => {
                    if let Some(s) = self.string(&m.value, &"`Version`") {
                        match s.value.as_str() {
                            "2012-10-17" => version = Some(Spanned::new(Version::V2012_10_17, s.span)),
                            "2008-10-17" => version = Some(Spanned::new(Version::V2008_10_17, s.span)),
                            other => self.error(
                                "invalid-version",
                                s.span,
                                format!("`Version` must be \"2012-10-17\" or \"2008-10-17\", found \"{other}\""),
                            ),
                        }
                    }
                }
                "Id" => id = self.string(&m.value, &"`Id`"),
                "Statement" => {
                    statement_span = Some(m.value.span);
                    match &m.value.kind {
                        ValueKind::Object(_) => {
                            single_statement = true;
                            statements.extend(self.statement(&m.value, 0));
                        }
                        ValueKind::Array(items) => {
                            for (i, item) in items.iter().enumerate() {
                                statements.extend(self.statement(item, i));
                            }
                        }
                        _ => self.error(
                            "wrong-type",
                            m.value.span,
                            format!(
                                "`Statement` must be an object or an array of objects, found {}",
                                m.value.type_name()
                            ),
                        ),
                    }
                }
                other => self.error(
                    "unknown-element",
                    m.key_span,
                    format!(
                        "`{other}` is not a policy element (expected Version, Id or Statement)"
                    ),
                ),
            }
        }
        let statement_span = match statement_span {
            Some(s) => s,
            None => {
                self.error(
                    "missing-statement",
                    Span::new(v.span.start, v.span.start + 1),
                    "the policy has no `Statement`".into(),
                );
                v.span
            }
        };
        Some(Policy {
            version,
            id,
            statements,
            single_statement,
            statement_span,
            span: v.span,
        })
    }

    fn statement(&mut self, v: &Value<'_>, index: usize) -> Option<Statement> {
        let members = self.members(v, &"a statement")?;
        let mut sid = None;
        let mut effect = None;
        let mut principal: Option<PrincipalElement> = None;
        let mut action: Option<ListElement> = None;
        let mut resource: Option<ListElement> = None;
        let mut conditions = Vec::new();
        let mut condition_span = None;
        for m in members {
            match m.key.as_ref() {
                "Sid" => sid = self.string(&m.value, &"`Sid`"),
                "Effect" => {
                    if let Some(s) = self.string(&m.value, &"`Effect`") {
                        match s.value.as_str() {
                            "Allow" => effect = Some(Spanned::new(Effect::Allow, s.span)),
                            "Deny" => effect = Some(Spanned::new(Effect::Deny, s.span)),
                            other => self.error(
                                "invalid-effect",
                                s.span,
                                format!("`Effect` must be \"Allow\" or \"Deny\", found \"{other}\""),
                            ),
                        }
                    }
                }
                "Principal" | "NotPrincipal" => {
                    let negated = m.key == "NotPrincipal";
                    if let Some(prev) = &principal {
                        if prev.negated != negated {
                            self.error(
                                "conflicting-elements",
                                m.key_span,
                                "a statement cannot have both `Principal` and `NotPrincipal`".into(),
                            );
                        }
                    }
                    if let Some(value) = self.principal(&m.value, &m.key) {
                        principal = Some(PrincipalElement { negated, key_span: m.key_span, span: m.value.span, value });
                    }
                }
                "Action" | "NotAction" | "Resource" | "NotResource" => {
                    let negated = m.key.starts_with("Not");
                    let is_action = m.key.ends_with("Action");
                    let slot = if is_action { &mut action } else { &mut resource };
                    let conflict = slot.as_ref().is_some_and(|p| p.negated != negated);
                    let (values, single) = self.string_list(&m.value, &format_args!("`{}`", m.key));
                    if conflict {
                        let (a, b) = if is_action { ("Action", "NotAction") } else { ("Resource", "NotResource") };
                        self.error(
                            "conflicting-elements",
                            m.key_span,
                            format!("a statement cannot have both `{a}` and `{b}`"),
                        );
                    }
                    let slot = if is_action { &mut action } else { &mut resource };
                    *slot = Some(ListElement { negated, key_span: m.key_span, span: m.value.span, single, values });
                }
                "Condition" => {
                    condition_span = Some(m.value.span);
                    self.conditions(&m.value, &mut conditions);
                }
                other => self.error(
                    "unknown-element",
                    m.key_span,
                    format!(
                        "`{other}` is not a statement element (expected Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource or Condition)"
                    ),
                ),
            }
        }
        let open = Span::new(v.span.start, v.span.start + 1);
        if action.is_none() {
            self.error(
                "missing-action",
                open,
                "the statement has neither `Action` nor `NotAction`".into(),
            );
        }
        let effect = match effect {
            Some(e) => e,
            None => {
                if !members.iter().any(|m| m.key == "Effect") {
                    self.error(
                        "missing-effect",
                        open,
                        "the statement has no `Effect`".into(),
                    );
                }
                // A placeholder: the document has an error and is never evaluated.
                Spanned::new(Effect::Deny, open)
            }
        };
        Some(Statement {
            index,
            span: v.span,
            sid,
            effect,
            principal,
            action,
            resource,
            conditions,
            condition_span,
        })
    }

    fn principal(&mut self, v: &Value<'_>, element: &str) -> Option<PrincipalValue> {
        match &v.kind {
            ValueKind::String(s) if s.as_ref() == "*" => Some(PrincipalValue::Wildcard),
            ValueKind::String(s) => {
                self.error(
                    "invalid-principal-format",
                    v.span,
                    format!("`{element}` as a string must be \"*\", found \"{s}\"; use a map such as {{\"AWS\": \"{s}\"}}"),
                );
                None
            }
            ValueKind::Object(members) => {
                self.check_duplicates(members);
                let mut entries = Vec::new();
                for m in members {
                    let kind = match m.key.as_ref() {
                        "AWS" => PrincipalKind::Aws,
                        "Service" => PrincipalKind::Service,
                        "Federated" => PrincipalKind::Federated,
                        "CanonicalUser" => PrincipalKind::CanonicalUser,
                        other => {
                            self.error(
                                "invalid-principal-key",
                                m.key_span,
                                format!("`{other}` is not a principal type (expected AWS, Service, Federated or CanonicalUser)"),
                            );
                            continue;
                        }
                    };
                    let (values, _) =
                        self.string_list(&m.value, &format_args!("`{element}.{}`", m.key));
                    entries.push(PrincipalEntry {
                        kind,
                        key_span: m.key_span,
                        values,
                    });
                }
                if members.is_empty() {
                    self.warning(
                        "empty-list",
                        v.span,
                        format!("`{element}` names no principal: it matches nobody"),
                    );
                }
                Some(PrincipalValue::Typed(entries))
            }
            _ => {
                self.error(
                    "wrong-type",
                    v.span,
                    format!(
                        "`{element}` must be \"*\" or an object, found {}",
                        v.type_name()
                    ),
                );
                None
            }
        }
    }

    fn conditions(&mut self, v: &Value<'_>, out: &mut Vec<Condition>) {
        let Some(ops) = self.members(v, &"`Condition`") else {
            return;
        };
        for op in ops {
            let operator = match op.key.parse::<Operator>() {
                Ok(o) => Some(o),
                Err(e) => {
                    self.error("unknown-operator", op.key_span, e.to_string());
                    None
                }
            };
            let Some(keys) = self.members(&op.value, &format_args!("the `{}` block", op.key))
            else {
                continue;
            };
            for k in keys {
                let values = self.condition_values(&k.value, &k.key);
                out.push(Condition {
                    operator_text: Spanned::new(op.key.to_string(), op.key_span),
                    operator,
                    key: Spanned::new(k.key.to_string(), k.key_span),
                    values,
                    values_span: k.value.span,
                });
            }
        }
        // Keys differing only in case are the same context key to AWS. Few
        // keys: pairwise; many: a map, so that this never turns quadratic.
        let mut first: Option<std::collections::HashMap<(&str, String), &str>> =
            (out.len() > 16).then(std::collections::HashMap::new);
        for (i, c) in out.iter().enumerate() {
            let clash = match &mut first {
                None => out[..i].iter().any(|p| {
                    p.operator_text.value == c.operator_text.value
                        && p.key.value.eq_ignore_ascii_case(&c.key.value)
                        && p.key.value != c.key.value
                }),
                Some(map) => {
                    let folded = (
                        c.operator_text.value.as_str(),
                        c.key.value.to_ascii_lowercase(),
                    );
                    match map.get(&folded) {
                        Some(prev) => *prev != c.key.value,
                        None => {
                            map.insert(folded, &c.key.value);
                            false
                        }
                    }
                }
            };
            if clash {
                self.diags.push(Diagnostic {
                    code: "duplicate-key-case",
                    message: format!(
                        "condition key `{}` appears twice under `{}` (keys are case-insensitive)",
                        c.key.value, c.operator_text.value
                    ),
                    span: c.key.span,
                    severity: Severity::Error,
                });
            }
        }
    }

    fn condition_values(&mut self, v: &Value<'_>, key: &str) -> Vec<ConditionValue> {
        let mut out = Vec::new();
        let mut scalar = |b: &mut Builder, item: &Value<'_>| {
            match &item.kind {
            ValueKind::String(s) => out.push(ConditionValue { text: s.to_string(), kind: ScalarKind::String, span: item.span }),
            ValueKind::Number(n) => out.push(ConditionValue { text: n.to_string(), kind: ScalarKind::Number, span: item.span }),
            ValueKind::Bool(x) => {
                out.push(ConditionValue { text: x.to_string(), kind: ScalarKind::Bool, span: item.span })
            }
            _ => b.error(
                "wrong-type",
                item.span,
                format!("a value of condition key `{key}` must be a string, number or boolean, found {}", item.type_name()),
            ),
        }
        };
        match &v.kind {
            ValueKind::Array(items) => {
                for item in items {
                    scalar(self, item);
                }
            }
            _ => scalar(self, v),
        }
        out
    }
}

impl Statement {
    /// The resource patterns as templates (variables are interpreted when
    /// `variables` is true, i.e. version 2012-10-17).
    pub fn resource_templates(&self, variables: bool) -> Vec<Template> {
        self.resource.as_ref().map_or_else(Vec::new, |r| {
            r.values
                .iter()
                .map(|v| Template::parse(&v.value, variables))
                .collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operator::{OperatorKind, SetQualifier};

    fn ok(src: &str) -> Policy {
        let p = parse(src);
        assert!(!p.has_errors(), "{:?}", p.diagnostics);
        p.policy.unwrap()
    }

    fn codes(src: &str) -> Vec<&'static str> {
        parse(src).diagnostics.iter().map(|d| d.code).collect()
    }

    #[test]
    fn full_statement() {
        let src = r#"{
  "Version": "2012-10-17",
  "Id": "x",
  "Statement": [{
    "Sid": "A",
    "Effect": "Allow",
    "Principal": {"AWS": ["111122223333", "arn:aws:iam::111122223333:root"], "Service": "ec2.amazonaws.com"},
    "Action": "s3:GetObject",
    "NotResource": ["arn:aws:s3:::b/*"],
    "Condition": {
      "ForAnyValue:StringLike": {"aws:TagKeys": ["a*", "b"]},
      "NumericLessThan": {"s3:max-keys": 10, "aws:MultiFactorAuthAge": "3600"},
      "Bool": {"aws:SecureTransport": false}
    }
  }]
}"#;
        let p = ok(src);
        assert_eq!(p.effective_version(), Version::V2012_10_17);
        assert_eq!(p.statements.len(), 1);
        let s = &p.statements[0];
        assert_eq!(s.sid.as_ref().unwrap().value, "A");
        assert_eq!(&src[s.sid.as_ref().unwrap().span.range()], "\"A\"");
        assert_eq!(s.effect.value, Effect::Allow);
        let pr = s.principal.as_ref().unwrap();
        let PrincipalValue::Typed(entries) = &pr.value else {
            panic!()
        };
        assert_eq!(entries[0].kind, PrincipalKind::Aws);
        assert_eq!(entries[0].values.len(), 2);
        assert_eq!(entries[1].values[0].value, "ec2.amazonaws.com");
        let a = s.action.as_ref().unwrap();
        assert!(!a.negated && a.single);
        let r = s.resource.as_ref().unwrap();
        assert!(r.negated && !r.single);
        assert_eq!(s.conditions.len(), 4);
        let c = &s.conditions[0];
        assert_eq!(
            c.operator,
            Some(Operator {
                set: Some(SetQualifier::ForAnyValue),
                kind: OperatorKind::StringLike,
                if_exists: false
            })
        );
        assert_eq!(c.values.len(), 2);
        assert_eq!(s.conditions[1].values[0].text, "10");
        assert_eq!(s.conditions[1].values[0].kind, ScalarKind::Number);
        assert_eq!(s.conditions[3].values[0].text, "false");
        assert_eq!(&src[s.conditions[3].values[0].span.range()], "false");
    }

    #[test]
    fn single_statement_object_and_default_version() {
        let p = ok(r#"{"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}}"#);
        assert!(p.single_statement);
        assert_eq!(p.effective_version(), Version::V2008_10_17);
        assert!(!p.variables_enabled());
    }

    #[test]
    fn malformed_documents_are_reported_with_locations() {
        assert_eq!(codes("[]"), vec!["wrong-type"]);
        assert_eq!(codes("{}"), vec!["missing-statement"]);
        assert_eq!(
            codes(r#"{"Version": "2012-10-17", "Statement": [], "Foo": 1}"#),
            vec!["unknown-element"]
        );
        assert_eq!(
            codes(r#"{"Version": "2013-01-01", "Statement": []}"#),
            vec!["invalid-version"]
        );
        assert_eq!(
            codes(r#"{"Statement": [{"Effect": "allow", "Action": "*", "NotAction": "s3:*"}]}"#),
            vec!["invalid-effect", "conflicting-elements"]
        );
        assert_eq!(
            codes(r#"{"Statement": [{"Effect": "Allow"}]}"#),
            vec!["missing-action"]
        );
        assert_eq!(
            codes(r#"{"Statement": [{"Effect": "Allow", "Action": 3}]}"#),
            vec!["wrong-type"]
        );
        assert_eq!(
            codes(
                r#"{"Statement": [{"Effect": "Allow", "Action": "*", "Principal": "arn:aws:iam::1:root"}]}"#
            ),
            vec!["invalid-principal-format"]
        );
        assert_eq!(
            codes(
                r#"{"Statement": [{"Effect": "Allow", "Action": "*", "Condition": {"StringEqulas": {"k": "v"}}}]}"#
            ),
            vec!["unknown-operator"]
        );
        assert_eq!(
            codes(
                r#"{"Statement": [{"Effect": "Allow", "Action": "*", "Condition": {"Null": {"k": [null]}}}]}"#
            ),
            vec!["wrong-type"]
        );
        assert_eq!(
            codes(r#"{"Statement": [], "Statement": []}"#),
            vec!["duplicate-key"]
        );
        assert_eq!(codes("{\"Statement\": [}"), vec!["json-syntax"]);
        assert_eq!(codes(""), vec!["json-syntax"]);
    }

    #[test]
    fn condition_keys_differing_in_case_are_duplicates() {
        let src = r#"{"Statement": [{"Effect": "Allow", "Action": "*", "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8", "AWS:sourceip": "11.0.0.0/8"}}}]}"#;
        let d = parse(src).diagnostics;
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, "duplicate-key-case");
        assert_eq!(&src[d[0].span.range()], "\"AWS:sourceip\"");
        // The same with many keys (the map path).
        let many: String = (0..40).map(|i| format!("\"k:{i}\": \"v\", ")).collect();
        let src = format!(
            r#"{{"Statement": [{{"Effect": "Allow", "Action": "*", "Condition": {{"StringEquals": {{{many}"K:7": "w"}}}}}}]}}"#
        );
        let d = parse(&src).diagnostics;
        assert_eq!(
            d.iter().map(|d| d.code).collect::<Vec<_>>(),
            vec!["duplicate-key-case"]
        );
        assert_eq!(&src[d[0].span.range()], "\"K:7\"");
    }

    #[test]
    fn duplicate_key_span_points_at_second_key() {
        let src = r#"{"Statement": [{"Effect": "Allow", "Effect": "Deny", "Action": "*"}]}"#;
        let d = &parse(src).diagnostics[0];
        assert_eq!(d.code, "duplicate-key");
        assert_eq!(d.span.start as usize, src.rfind("\"Effect\"").unwrap());
    }
}
