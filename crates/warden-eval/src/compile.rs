//! Compiling a parsed policy into a form that evaluates requests quickly.
//!
//! Everything that does not depend on the request is done here, once:
//! action patterns are lower-cased globs, resource patterns are split into
//! their service and wildcard parts, principals are classified, condition
//! values are parsed into numbers, dates, networks and globs. Evaluation then
//! allocates only for values that contain policy variables.

use crate::glob::{glob_from_resolved, lower_str, Glob, Token};
use crate::request::{Context, Principal, Request};
use crate::values::{parse_bool, parse_date, parse_number, IpNet};
use std::sync::Arc;
use warden_policy::arn::{is_account_id, split_fields, Arn};
use warden_policy::operator::{Family, Operator, OperatorKind, SetQualifier};
use warden_policy::policy::{Effect, Policy, PrincipalKind, PrincipalValue, Statement};
use warden_policy::template::{Part, Template};
use warden_policy::Span;

pub(crate) mod tape;

/// A policy ready for evaluation.
///
/// Statements are shared (`Arc`), so a policy compiled once can be reused
/// under another name or at another place in another source for the cost of
/// a reference count: statement spans are stored relative to `base`.
#[derive(Debug, Clone)]
pub struct CompiledPolicy {
    /// The name the caller gave the policy (for explanations).
    pub name: String,
    pub(crate) statements: Arc<[CStatement]>,
    /// The offset that statement spans are relative to.
    pub(crate) base: u32,
}

/// How a resource-based policy statement named the caller: decides which
/// other policies can still limit the grant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum GrantKind {
    /// The caller's account (account ID or `:root`): delegation to the
    /// account, whose identity-based policies must also allow.
    Account,
    /// The role's ARN: limited by the session's boundary and session policy.
    Role,
    /// `"*"`, `{"AWS": "*"}` or an Allow with `NotPrincipal`.
    Wildcard,
    /// A service principal.
    Service,
    /// A web identity or SAML provider.
    Federated,
    /// The IAM user's ARN.
    User,
    /// The session itself: an assumed-role or federated-user session ARN.
    Session,
}

impl GrantKind {
    /// A name for explanations.
    pub fn as_str(self) -> &'static str {
        match self {
            GrantKind::Account => "account",
            GrantKind::Role => "role",
            GrantKind::Wildcard => "wildcard",
            GrantKind::Service => "service",
            GrantKind::Federated => "federated",
            GrantKind::User => "user",
            GrantKind::Session => "session",
        }
    }

    /// Whether the grant stands without the identity side's permission in
    /// the same account (everything but an account principal).
    pub fn is_direct(self) -> bool {
        self != GrantKind::Account
    }
}

#[derive(Debug, Clone)]
pub(crate) struct CStatement {
    pub index: usize,
    pub sid: Option<String>,
    pub effect: Effect,
    pub span: Span,
    actions: Option<NameSet>,
    resources: Option<ResourceSet>,
    principal: Option<PrincipalSet>,
    pub conditions: Vec<CCondition>,
}

#[derive(Debug, Clone)]
struct NameSet {
    negated: bool,
    globs: Vec<Glob>,
}

#[derive(Debug, Clone)]
struct ResourceSet {
    negated: bool,
    patterns: Vec<ResourcePattern>,
}

#[derive(Debug, Clone)]
struct ResourcePattern {
    /// The pattern's service field, compared literally: AWS does not let a
    /// wildcard stand for the service. `None` for patterns that are not ARNs.
    service: Option<String>,
    kind: PatternKind,
}

#[derive(Debug, Clone)]
enum PatternKind {
    Static(Glob),
    Dynamic(Template),
}

#[derive(Debug, Clone)]
struct PrincipalSet {
    negated: bool,
    entries: Vec<CPrincipal>,
}

#[derive(Debug, Clone)]
enum CPrincipal {
    Everyone,
    Account(String),
    User {
        account: String,
        name: String,
    },
    Role {
        account: String,
        name: String,
    },
    Session(String),
    FederatedUser(String),
    Service(String),
    Federated(String),
    /// Canonical users and unrecognised values: never match a request principal.
    Other,
}

#[derive(Debug, Clone)]
pub(crate) struct CCondition {
    pub op: Operator,
    pub key: String,
    pub values: CValues,
}

#[derive(Debug, Clone)]
pub(crate) enum CValues {
    /// String operators: each value with a precompiled glob or literal when
    /// it has no variables.
    Str(Vec<StrValue>),
    Num(Vec<Option<f64>>),
    Date(Vec<Option<i64>>),
    Bool(Vec<Option<bool>>),
    Binary(Vec<String>),
    Ip(Vec<Option<IpNet>>),
    Arn(Vec<StrValue>),
    Null(Vec<Option<bool>>),
}

#[derive(Debug, Clone)]
pub(crate) struct StrValue {
    template: Template,
    /// For `*Like`/`Arn*`: the compiled glob; for equality: the literal
    /// (lower-cased for `IgnoreCase`), stored as a literal glob.
    fixed: Option<Glob>,
    /// For `Arn*`: the six field globs when the value has no variables.
    arn_fields: Option<Vec<Glob>>,
}

/// What makes a policy unusable for evaluation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("policy `{name}` has errors: {first}")]
pub struct CompileError {
    /// The policy's name.
    pub name: String,
    /// The first problem.
    pub first: String,
}

impl CompiledPolicy {
    /// Compiles a parsed policy.
    pub fn compile(name: impl Into<String>, policy: &Policy) -> CompiledPolicy {
        CompiledPolicy::compile_at(name, policy, 0)
    }

    /// Compiles a parsed policy whose source starts at byte `base` of a larger
    /// text; statement spans are kept relative to it (see [`CompiledPolicy::rebased`]).
    pub fn compile_at(name: impl Into<String>, policy: &Policy, base: u32) -> CompiledPolicy {
        let vars = policy.variables_enabled();
        CompiledPolicy {
            name: name.into(),
            statements: policy
                .statements
                .iter()
                .map(|s| {
                    let mut c = compile_statement(s, vars);
                    c.span = Span::new(
                        c.span.start.saturating_sub(base),
                        c.span.end.saturating_sub(base),
                    );
                    c
                })
                .collect(),
            base,
        }
    }

    /// The same compiled statements under another name, with spans now
    /// relative to `base`: for the same policy text found at another place.
    pub fn rebased(&self, name: impl Into<String>, base: u32) -> CompiledPolicy {
        CompiledPolicy {
            name: name.into(),
            statements: Arc::clone(&self.statements),
            base,
        }
    }

    /// Parses and compiles policy text; errors if the text has any error diagnostic.
    pub fn from_text(name: impl Into<String>, text: &str) -> Result<CompiledPolicy, CompileError> {
        let name = name.into();
        match warden_policy::parse(text).into_result() {
            Ok(p) => Ok(CompiledPolicy::compile(name, &p)),
            Err(d) => Err(CompileError {
                name,
                first: d.first().map(|d| d.message.clone()).unwrap_or_default(),
            }),
        }
    }

    /// Number of statements.
    pub fn len(&self) -> usize {
        self.statements.len()
    }

    /// Whether the policy has no statements.
    pub fn is_empty(&self) -> bool {
        self.statements.is_empty()
    }
}

fn compile_statement(s: &Statement, vars: bool) -> CStatement {
    let actions = s.action.as_ref().map(|a| NameSet {
        negated: a.negated,
        globs: a.values.iter().map(|v| Glob::new(&v.value, true)).collect(),
    });
    let resources = s.resource.as_ref().map(|r| ResourceSet {
        negated: r.negated,
        patterns: r
            .values
            .iter()
            .map(|v| compile_resource(&v.value, vars))
            .collect(),
    });
    let principal = s.principal.as_ref().map(|p| PrincipalSet {
        negated: p.negated,
        entries: match &p.value {
            PrincipalValue::Wildcard => vec![CPrincipal::Everyone],
            PrincipalValue::Typed(entries) => entries
                .iter()
                .flat_map(|e| {
                    e.values
                        .iter()
                        .map(move |v| compile_principal(e.kind, &v.value))
                })
                .collect(),
        },
    });
    let conditions = s
        .conditions
        .iter()
        .filter_map(|c| {
            let op = c.operator?;
            let values = compile_values(op, c.values.iter().map(|v| v.text.as_str()), vars);
            Some(CCondition {
                op,
                key: c.key.value.clone(),
                values,
            })
        })
        .collect();
    CStatement {
        index: s.index,
        sid: s.sid.as_ref().map(|s| s.value.clone()),
        effect: s.effect.value,
        span: s.span,
        actions,
        resources,
        principal,
        conditions,
    }
}

fn compile_resource(text: &str, vars: bool) -> ResourcePattern {
    let service = if text.starts_with("arn:") {
        split_fields(text)
            .map(|f| f[2].to_string())
            .or_else(|| text.split(':').nth(2).map(str::to_string))
    } else {
        None
    };
    // Most patterns have no `${`: skip building a template for them.
    let kind = if !vars || !opens_variable(text) {
        PatternKind::Static(Glob::new(text, false))
    } else {
        let template = Template::parse(text, vars);
        if template.has_variables() {
            PatternKind::Dynamic(template)
        } else {
            PatternKind::Static(Glob::from_template_parts(&template.parts, false))
        }
    };
    ResourcePattern { service, kind }
}

/// Whether the resource pattern `text` matches the request's resource: the
/// answer of `resource_matches(&compile_resource(text, vars), req, ..)`
/// (recording nothing), without compiling a pattern that has no variable.
pub(crate) fn resource_text_matches(text: &str, vars: bool, req: &Request) -> bool {
    if vars && opens_variable(text) {
        return resource_matches(&compile_resource(text, vars), req, &mut None);
    }
    if text.starts_with("arn:") {
        let service = split_fields(text)
            .map(|f| f[2])
            .or_else(|| text.split(':').nth(2));
        if service.is_some() && req.resource_service() != service {
            return false;
        }
    }
    crate::glob::matches_plain(text, &req.resource)
}

/// Whether `text` contains `${`: the `$` found by `memchr`, which reads
/// many bytes at a time (most patterns have none), then its successor.
fn opens_variable(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'$', bytes).any(|i| bytes.get(i + 1) == Some(&b'{'))
}

fn compile_principal(kind: PrincipalKind, value: &str) -> CPrincipal {
    match kind {
        PrincipalKind::Aws => {
            if value == "*" {
                return CPrincipal::Everyone;
            }
            if is_account_id(value) {
                return CPrincipal::Account(value.to_string());
            }
            let Ok(arn) = Arn::parse(value) else {
                return CPrincipal::Other;
            };
            let account = arn.account.to_string();
            match (arn.service, arn.resource.split_once('/')) {
                ("iam", None) if arn.resource == "root" => CPrincipal::Account(account),
                ("iam", Some(("user", path))) => CPrincipal::User {
                    account,
                    name: path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase(),
                },
                ("iam", Some(("role", path))) => CPrincipal::Role {
                    account,
                    name: path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase(),
                },
                ("sts", Some(("assumed-role", _))) => CPrincipal::Session(value.to_string()),
                ("sts", Some(("federated-user", _))) => {
                    CPrincipal::FederatedUser(value.to_string())
                }
                _ => CPrincipal::Other,
            }
        }
        PrincipalKind::Service => CPrincipal::Service(value.to_ascii_lowercase()),
        PrincipalKind::Federated => CPrincipal::Federated(value.to_string()),
        PrincipalKind::CanonicalUser => CPrincipal::Other,
    }
}

pub(crate) fn compile_values<'a>(
    op: Operator,
    values: impl Iterator<Item = &'a str>,
    vars: bool,
) -> CValues {
    match op.kind.family() {
        Family::String => {
            let like = matches!(
                op.kind,
                OperatorKind::StringLike | OperatorKind::StringNotLike
            );
            let fold = matches!(
                op.kind,
                OperatorKind::StringEqualsIgnoreCase | OperatorKind::StringNotEqualsIgnoreCase
            );
            CValues::Str(
                values
                    .map(|v| str_value(v, vars, like, fold, false))
                    .collect(),
            )
        }
        Family::Arn => CValues::Arn(
            values
                .map(|v| str_value(v, vars, true, false, true))
                .collect(),
        ),
        Family::Numeric => CValues::Num(values.map(parse_number).collect()),
        Family::Date => CValues::Date(values.map(parse_date).collect()),
        Family::Bool => CValues::Bool(values.map(parse_bool).collect()),
        Family::Binary => CValues::Binary(values.map(str::to_string).collect()),
        Family::Ip => CValues::Ip(values.map(IpNet::parse).collect()),
        Family::Null => CValues::Null(values.map(parse_bool).collect()),
    }
}

fn str_value(text: &str, vars: bool, wildcards: bool, fold: bool, arn: bool) -> StrValue {
    // Most values have no `${`: no template to build.
    if !(vars && opens_variable(text)) {
        if arn {
            let arn_fields =
                split_fields(text).map(|f| f.iter().map(|x| Glob::new(x, false)).collect());
            return StrValue {
                template: Template::default(),
                fixed: Some(Glob::new(text, false)),
                arn_fields,
            };
        }
        let fixed = if wildcards {
            Glob::new(text, fold)
        } else {
            Glob::literal(text, fold)
        };
        return StrValue {
            template: Template::default(),
            fixed: Some(fixed),
            arn_fields: None,
        };
    }
    let template = Template::parse(text, vars && opens_variable(text));
    let (fixed, arn_fields) = if template.has_variables() {
        (None, None)
    } else if arn {
        let g = Glob::from_template_parts(&template.parts, false);
        let fields = arn_field_globs(&g);
        (Some(g), fields)
    } else if wildcards {
        (Some(Glob::from_template_parts(&template.parts, fold)), None)
    } else {
        let lit = template.as_literal().unwrap_or_default();
        (Some(Glob::literal(&lit, fold)), None)
    };
    // The template is only consulted for values with variables.
    let template = if template.has_variables() {
        template
    } else {
        Template::default()
    };
    StrValue {
        template,
        fixed,
        arn_fields,
    }
}

/// Splits a compiled ARN pattern into six field globs at its first five
/// literal colons. Colons that came from a substituted variable split too:
/// `${aws:PrincipalArn}` supplies a whole ARN.
fn arn_field_globs(g: &Glob) -> Option<Vec<Glob>> {
    let mut fields: Vec<Vec<Token>> = vec![Vec::new()];
    for t in g.tokens() {
        if t == Token::Char(':') && fields.len() < 6 {
            fields.push(Vec::new());
        } else {
            fields.last_mut()?.push(t);
        }
    }
    if fields.len() != 6 {
        return None;
    }
    Some(fields.into_iter().map(Glob::from_tokens).collect())
}

/// Resolves a template's variables from the request context. `None` when a
/// variable has no single value and no default.
pub(crate) fn resolve(
    template: &Template,
    ctx: &Context,
    missing: &mut Option<&mut Vec<String>>,
) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for p in &template.parts {
        if let Part::Var { key, default } = p {
            match ctx.get(key) {
                Some(v) if v.values.len() == 1 && !v.multi => out.push(v.values[0].clone()),
                _ => match default {
                    Some(d) => out.push(d.clone()),
                    None => {
                        if let Some(m) = missing {
                            if ctx.get(key).is_none() {
                                m.push(key.clone());
                            }
                        }
                        return None;
                    }
                },
            }
        }
    }
    Some(out)
}

/// Per-statement evaluation, with an optional record of the context keys
/// that were read but absent.
impl CStatement {
    pub(crate) fn matches_action(&self, req: &Request) -> bool {
        match &self.actions {
            None => false,
            Some(set) => set.globs.iter().any(|g| g.matches(&req.action_lower)) != set.negated,
        }
    }

    pub(crate) fn matches_resource(
        &self,
        req: &Request,
        missing: &mut Option<&mut Vec<String>>,
    ) -> bool {
        match &self.resources {
            // A statement without a resource element (trust policies, many
            // resource policies) applies to the resource the policy is attached to.
            None => true,
            Some(set) => {
                set.patterns
                    .iter()
                    .any(|p| resource_matches(p, req, missing))
                    != set.negated
            }
        }
    }

    /// Whether the statement's principal names the caller, and how. Statements
    /// without a principal element (identity-side policies) always match.
    pub(crate) fn matches_principal(&self, req: &Request, has_boundary: bool) -> Option<GrantKind> {
        let Some(set) = &self.principal else {
            return Some(GrantKind::Wildcard);
        };
        let best = set
            .entries
            .iter()
            .filter_map(|e| principal_matches(e, &req.principal))
            .max();
        if set.negated {
            // AWS documents that a Deny with NotPrincipal always applies to a
            // principal that has a permissions boundary: the exclusion list
            // cannot protect it.
            if best.is_none() || (self.effect == Effect::Deny && has_boundary) {
                Some(GrantKind::Wildcard)
            } else {
                None
            }
        } else {
            best
        }
    }
}

fn resource_matches(
    p: &ResourcePattern,
    req: &Request,
    missing: &mut Option<&mut Vec<String>>,
) -> bool {
    if let Some(service) = &p.service {
        if req.resource_service() != Some(service.as_str()) {
            return false;
        }
    }
    match &p.kind {
        PatternKind::Static(g) => g.matches(&req.resource),
        PatternKind::Dynamic(t) => match resolve(t, &req.context, missing) {
            Some(vals) => glob_from_resolved(t, &vals, false).matches(&req.resource),
            None => false,
        },
    }
}

fn principal_matches(p: &CPrincipal, who: &Principal) -> Option<GrantKind> {
    match (p, who) {
        (CPrincipal::Everyone, _) => Some(GrantKind::Wildcard),
        (CPrincipal::Account(a), _) if who.account() == Some(a.as_str()) => {
            Some(GrantKind::Account)
        }
        (
            CPrincipal::User { account, name },
            Principal::User {
                account: a,
                name: n,
                ..
            },
        ) if account == a && name.eq_ignore_ascii_case(n) => Some(GrantKind::User),
        (
            CPrincipal::Role { account, name },
            Principal::RoleSession {
                account: a,
                role_name,
                ..
            },
        ) if account == a && name.eq_ignore_ascii_case(role_name) => Some(GrantKind::Role),
        (
            CPrincipal::Session(arn),
            Principal::RoleSession {
                session_arn: Some(s),
                ..
            },
        ) if arn == s => Some(GrantKind::Session),
        (CPrincipal::FederatedUser(arn), Principal::FederatedUser { arn: a, .. }) if arn == a => {
            Some(GrantKind::Session)
        }
        (CPrincipal::Service(s), Principal::Service { name }) if s.eq_ignore_ascii_case(name) => {
            Some(GrantKind::Service)
        }
        (CPrincipal::Federated(f), Principal::Federated { provider }) if f == provider => {
            Some(GrantKind::Federated)
        }
        _ => None,
    }
}

/// Evaluates one condition against the request context.
pub(crate) fn eval_condition(
    c: &CCondition,
    ctx: &Context,
    missing: &mut Option<&mut Vec<String>>,
) -> bool {
    let present = ctx.get(&c.key);
    if let CValues::Null(vals) = &c.values {
        // `Null: true` holds when the key is absent; an empty list counts as absent.
        let is_null = present.is_none_or(|v| v.values.is_empty());
        return vals.contains(&Some(is_null));
    }
    let negated = c.op.kind.is_negated();
    let Some(cv) = present else {
        if let Some(m) = missing {
            m.push(c.key.clone());
        }
        return match c.op.set {
            _ if c.op.if_exists => true,
            Some(SetQualifier::ForAllValues) => true,
            Some(SetQualifier::ForAnyValue) => false,
            None => negated,
        };
    };
    let mut pos = |v: &str| positive_match(c, v, ctx, missing);
    match c.op.set {
        None => {
            // A list given to a single-valued operator: positive operators
            // need one matching value, negated ones need none.
            let any = cv.values.iter().any(|v| pos(v));
            if negated {
                !any
            } else {
                any
            }
        }
        Some(SetQualifier::ForAllValues) => {
            if negated {
                cv.values.iter().all(|v| !pos(v))
            } else {
                cv.values.iter().all(|v| pos(v))
            }
        }
        Some(SetQualifier::ForAnyValue) => {
            if negated {
                cv.values.iter().any(|v| !pos(v))
            } else {
                cv.values.iter().any(|v| pos(v))
            }
        }
    }
}

/// Whether request value `v` matches any policy value under the positive form of the operator.
fn positive_match(
    c: &CCondition,
    v: &str,
    ctx: &Context,
    missing: &mut Option<&mut Vec<String>>,
) -> bool {
    use OperatorKind as K;
    let kind = c.op.kind.positive();
    match &c.values {
        CValues::Str(vals) => {
            let fold = kind == K::StringEqualsIgnoreCase;
            let folded;
            let text = if fold {
                folded = lower_str(v);
                folded.as_str()
            } else {
                v
            };
            vals.iter().any(|sv| match &sv.fixed {
                Some(g) => g.matches(text),
                None => match resolve(&sv.template, ctx, missing) {
                    Some(vals) => {
                        if kind == K::StringLike {
                            glob_from_resolved(&sv.template, &vals, false).matches(text)
                        } else {
                            let lit = substitute(&sv.template, &vals);
                            if fold {
                                lower_str(&lit) == text
                            } else {
                                lit == text
                            }
                        }
                    }
                    None => false,
                },
            })
        }
        CValues::Arn(vals) => {
            let Some(req_fields) = split_fields(v) else {
                return false;
            };
            vals.iter().any(|sv| match &sv.arn_fields {
                Some(globs) => globs
                    .iter()
                    .zip(req_fields.iter())
                    .all(|(g, f)| g.matches(f)),
                None if sv.fixed.is_some() => false, // not six fields
                None => match resolve(&sv.template, ctx, missing) {
                    Some(vals) => arn_field_globs(&glob_from_resolved(&sv.template, &vals, false))
                        .is_some_and(|globs| {
                            globs
                                .iter()
                                .zip(req_fields.iter())
                                .all(|(g, f)| g.matches(f))
                        }),
                    None => false,
                },
            })
        }
        CValues::Num(vals) => {
            let Some(x) = parse_number(v) else {
                return false;
            };
            vals.iter()
                .flatten()
                .any(|p| compare(kind, x.partial_cmp(p)))
        }
        CValues::Date(vals) => {
            let Some(x) = parse_date(v) else { return false };
            vals.iter().flatten().any(|p| compare(kind, Some(x.cmp(p))))
        }
        CValues::Bool(vals) => {
            let Some(x) = parse_bool(v) else { return false };
            vals.contains(&Some(x))
        }
        CValues::Binary(vals) => vals.iter().any(|p| p == v),
        CValues::Ip(vals) => {
            let Some(ip) = IpNet::parse(v) else {
                return false;
            };
            vals.iter().flatten().any(|net| net.contains(&ip))
        }
        CValues::Null(_) => false,
    }
}

/// Whether an ordering satisfies the positive numeric or date operator
/// `kind` (`None`, an unordered comparison, satisfies none). Shared with
/// `warden-prove`, which must decide comparisons exactly as evaluation does.
pub fn compare(kind: OperatorKind, ord: Option<std::cmp::Ordering>) -> bool {
    use std::cmp::Ordering::*;
    use OperatorKind as K;
    let Some(o) = ord else { return false };
    match kind {
        K::NumericEquals | K::DateEquals => o == Equal,
        K::NumericLessThan | K::DateLessThan => o == Less,
        K::NumericLessThanEquals | K::DateLessThanEquals => o != Greater,
        K::NumericGreaterThan | K::DateGreaterThan => o == Greater,
        K::NumericGreaterThanEquals | K::DateGreaterThanEquals => o != Less,
        _ => false,
    }
}

/// The template's text with variables replaced (escapes resolved).
fn substitute(t: &Template, vals: &[String]) -> String {
    let mut out = String::new();
    let mut vi = 0;
    for p in &t.parts {
        match p {
            Part::Text(s) => out.push_str(s),
            Part::Escaped(c) => out.push(*c),
            Part::Var { .. } => {
                if let Some(v) = vals.get(vi) {
                    out.push_str(v);
                }
                vi += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{compile_resource, opens_variable, resource_matches, resource_text_matches};

    #[test]
    fn resource_text_matches_as_the_compiled_pattern_does() {
        use crate::request::{Context, ContextValue, Principal, Request};
        let mut ctx = Context::new();
        ctx.insert("aws:username", ContextValue::single("alice"));
        let requests: Vec<Request> = [
            "arn:aws:s3:::b/alice/k",
            "arn:aws:s3:::b",
            "*",
            "arn:aws:ec2:us-east-1:111122223333:instance/i-1",
            "arn:aws",
            "b/alice/k",
            "arn:aws:s3:::B/ALICE/K",
        ]
        .iter()
        .map(|r| {
            Request::new(
                Principal::parse("arn:aws:iam::111122223333:user/alice").unwrap(),
                "s3:GetObject",
                r,
                None,
                ctx.clone(),
            )
        })
        .collect();
        let heads = [
            "",
            "arn:",
            "arn:aws:s3:::",
            "arn:aws:ec2:*:*:",
            "arn:aws:*:",
            "*",
            "arn:aws",
        ];
        let tails = [
            "",
            "*",
            "b/*",
            "b/alice/k",
            "b/${aws:username}/*",
            "b/${aws:userid}/*",
            "b/${aws:username, 'x'}",
            "?/*",
            "b",
            "instance/i-1",
            "B/*",
            "${*}",
        ];
        let mut checked = 0;
        for h in heads {
            for t in tails {
                let text = format!("{h}{t}");
                for vars in [true, false] {
                    let compiled = compile_resource(&text, vars);
                    for req in &requests {
                        assert_eq!(
                            resource_text_matches(&text, vars, req),
                            resource_matches(&compiled, req, &mut None),
                            "{text} {vars} {}",
                            req.resource
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 1000);
    }

    #[test]
    fn variables_are_found_wherever_they_open() {
        let reference = |t: &str| t.as_bytes().windows(2).any(|w| w == b"${");
        let parts = ["", "$", "{", "${", "a", "é", "$$", "}", "${aws:username}"];
        for a in parts {
            for b in parts {
                for c in parts {
                    let t = format!("{a}{b}{c}");
                    assert_eq!(opens_variable(&t), reference(&t), "{t}");
                }
            }
        }
    }
}
