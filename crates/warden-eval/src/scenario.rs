//! The scenario format of `warden simulate`: a request plus every policy
//! that takes part, in one JSON document; and the JSON form of the result.
//!
//! Scenarios are read with Warden's span-keeping JSON parser, so every error
//! — in the scenario's own fields or inside an embedded policy — points at
//! its line and column in the scenario file.

use crate::compile::CompiledPolicy;
use crate::engine::{Evaluation, OrgLevel, PolicySet};
use crate::request::{Context, ContextValue, Principal, Request};
use serde_json::{json, Value as JsonOut};
use warden_policy::json::{self, Member, Value, ValueKind};
use warden_policy::{LineIndex, Span};

mod tape;
mod write;

pub use write::write_result;

/// A scenario ready to evaluate.
#[derive(Debug, Clone)]
pub struct Scenario {
    /// The request.
    pub request: Request,
    /// The policies.
    pub policies: PolicySet,
}

/// A problem in a scenario, with its location in the scenario text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ScenarioError {
    /// What is wrong.
    pub message: String,
    /// Where.
    pub span: Span,
}

fn err(span: Span, message: impl Into<String>) -> ScenarioError {
    ScenarioError {
        message: message.into(),
        span,
    }
}

/// Parses and compiles a scenario. Returns every problem found.
pub fn parse(text: &str) -> Result<Scenario, Vec<ScenarioError>> {
    let root = json::parse(text).map_err(|e| vec![err(e.span, e.message)])?;
    let mut errors = Vec::new();
    let scenario = build(&root, &mut errors);
    match scenario {
        Some(s) if errors.is_empty() => Ok(s),
        _ => {
            if errors.is_empty() {
                errors.push(err(root.span, "invalid scenario"));
            }
            Err(errors)
        }
    }
}

/// Compiled policies by their exact source text. A batch of scenarios that
/// repeats the same policies (a CI suite asking many questions of a few
/// policy sets) then parses and compiles each policy once. The cache is
/// bounded, and switches itself off when policies do not repeat.
#[derive(Debug, Default)]
pub struct PolicyCache {
    map: rustc_hash::FxHashMap<Box<str>, CompiledPolicy>,
    /// Hashes of documents seen once: a document is stored on its second sighting,
    /// so text that never repeats costs no copy.
    seen: rustc_hash::FxHashSet<u64>,
    lookups: u64,
    hits: u64,
    disabled: bool,
}

impl PolicyCache {
    const MAX_ENTRIES: usize = 4096;
    const PROBATION: u64 = 512;

    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    fn enabled(&self) -> bool {
        !self.disabled
    }

    fn get(&mut self, text: &str) -> Option<&CompiledPolicy> {
        self.lookups += 1;
        if !self.map.contains_key(text) {
            if self.lookups >= Self::PROBATION && self.hits * 10 < self.lookups * 3 {
                // A miss costs hashing the document twice and a set entry, a
                // hit saves compiling it: below about three hits in ten the
                // bookkeeping and the memory are not worth it.
                self.disabled = true;
                self.map.clear();
                self.seen.clear();
            }
            return None;
        }
        self.hits += 1;
        self.map.get(text)
    }

    fn insert(&mut self, text: &str, policy: &CompiledPolicy) {
        if self.disabled {
            return;
        }
        let hash = {
            use std::hash::BuildHasher;
            rustc_hash::FxBuildHasher.hash_one(text)
        };
        if self.seen.insert(hash) {
            if self.seen.len() > 4 * Self::MAX_ENTRIES {
                self.seen.clear();
            }
            return;
        }
        if self.map.len() >= Self::MAX_ENTRIES {
            self.map.clear();
        }
        self.map
            .insert(text.into(), policy.rebased(String::new(), policy.base));
    }
}

/// Parses scenario after scenario, reusing compiled policies whose text
/// repeats (see [`PolicyCache`]). Results are identical to [`parse`].
#[derive(Debug, Default)]
pub struct ScenarioParser {
    cache: PolicyCache,
    /// Reused from line to line by the fast path (see [`tape`]).
    tape: json::tape::Tape,
}

impl ScenarioParser {
    /// A parser with an empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many policy documents were looked up in the cache, and how many were found.
    pub fn cache_stats(&self) -> (u64, u64) {
        (self.cache.lookups, self.cache.hits)
    }

    /// Whether the cache has switched itself off.
    pub fn cache_disabled(&self) -> bool {
        self.cache.disabled
    }

    /// Parses and compiles one scenario.
    pub fn parse(&mut self, text: &str) -> Result<Scenario, Vec<ScenarioError>> {
        // Read the line into a flat tape and compile straight from it;
        // anything unusual goes the general way, which words the errors.
        let mode = if self.cache.enabled() {
            tape::Mode::Cached(&mut self.cache)
        } else {
            tape::Mode::Full
        };
        if let Some(scenario) = tape::parse(text, &mut self.tape, mode) {
            return Ok(scenario);
        }
        parse(text)
    }

    /// Parses, compiles and evaluates one scenario: the result of
    /// [`ScenarioParser::parse`] then [`PolicySet::evaluate`], for less work
    /// when policies do not repeat: a statement whose action element does
    /// not match the request is then checked but not compiled, as it could
    /// not contribute anything to the result.
    pub fn evaluate(&mut self, text: &str) -> Result<Evaluation, Vec<ScenarioError>> {
        if !self.cache.enabled() {
            if let Some(sc) = tape::parse(text, &mut self.tape, tape::Mode::OwnRequest) {
                return Ok(sc.policies.evaluate(&sc.request));
            }
        }
        self.parse(text).map(|sc| sc.policies.evaluate(&sc.request))
    }
}

fn members<'v, 'a>(
    v: &'v Value<'a>,
    what: &str,
    errors: &mut Vec<ScenarioError>,
) -> Option<&'v [Member<'a>]> {
    match &v.kind {
        ValueKind::Object(m) => Some(m),
        _ => {
            errors.push(err(
                v.span,
                format!("{what} must be an object, found {}", v.type_name()),
            ));
            None
        }
    }
}

fn string<'v>(v: &'v Value<'_>, what: &str, errors: &mut Vec<ScenarioError>) -> Option<&'v str> {
    match &v.kind {
        ValueKind::String(s) => Some(s),
        _ => {
            errors.push(err(
                v.span,
                format!("{what} must be a string, found {}", v.type_name()),
            ));
            None
        }
    }
}

fn boolean(v: &Value, what: &str, errors: &mut Vec<ScenarioError>) -> bool {
    match v.kind {
        ValueKind::Bool(b) => b,
        _ => {
            errors.push(err(
                v.span,
                format!("{what} must be true or false, found {}", v.type_name()),
            ));
            false
        }
    }
}

fn build(root: &Value, errors: &mut Vec<ScenarioError>) -> Option<Scenario> {
    let top = members(root, "a scenario", errors)?;
    let mut request = None;
    let mut set = PolicySet::default();
    for m in top {
        match m.key.as_ref() {
            "request" => request = build_request(&m.value, errors),
            "identityPolicies" => match &m.value.kind {
                ValueKind::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        if let Some(p) = named_policy(item, &format!("identity-{}", i + 1), errors) {
                            set.identity.push(p);
                        }
                    }
                }
                _ => errors.push(err(m.value.span, "`identityPolicies` must be an array")),
            },
            "permissionsBoundary" => set.boundary = named_policy(&m.value, "boundary", errors),
            "sessionPolicy" => set.session = named_policy(&m.value, "session", errors),
            "resourcePolicy" => set.resource = named_policy(&m.value, "resource", errors),
            "vpcEndpointPolicy" => set.vpc_endpoint = named_policy(&m.value, "vpc-endpoint", errors),
            "serviceControlPolicies" => set.scps = org_levels(&m.value, "scp", errors),
            "resourceControlPolicies" => set.rcps = org_levels(&m.value, "rcp", errors),
            // Free-form fields for people and test generators.
            "name" | "description" | "comment" | "expected" => {}
            other => errors.push(err(
                m.key_span,
                format!("unknown scenario field `{other}` (expected request, identityPolicies, permissionsBoundary, sessionPolicy, serviceControlPolicies, resourceControlPolicies, resourcePolicy, vpcEndpointPolicy)"),
            )),
        }
    }
    if top.iter().filter(|m| m.key == "request").count() == 0 {
        errors.push(err(
            Span::new(root.span.start, root.span.start + 1),
            "the scenario has no `request`",
        ));
    }
    for (i, m) in top.iter().enumerate() {
        if top[..i].iter().any(|p| p.key == m.key) {
            errors.push(err(m.key_span, format!("duplicate field `{}`", m.key)));
        }
    }
    Some(Scenario {
        request: request?,
        policies: set,
    })
}

fn build_request(v: &Value, errors: &mut Vec<ScenarioError>) -> Option<Request> {
    let ms = members(v, "`request`", errors)?;
    let mut principal = None;
    let mut action = None;
    let mut resource = None;
    let mut resource_account = None;
    let mut context = Context::new();
    let (mut slr, mut pmgmt, mut rmgmt) = (false, false, false);
    for m in ms {
        match m.key.as_ref() {
            "principal" => {
                if let Some(s) = string(&m.value, "`principal`", errors) {
                    match Principal::parse(s) {
                        Ok(p) => principal = Some(p),
                        Err(e) => errors.push(err(m.value.span, e.to_string())),
                    }
                }
            }
            "action" => {
                if let Some(s) = string(&m.value, "`action`", errors) {
                    if !s.contains(':') || s.contains(['*', '?']) {
                        errors.push(err(m.value.span, format!("`action` must be one action such as s3:GetObject, found \"{s}\"")));
                    }
                    action = Some(s.to_string());
                }
            }
            "resource" => resource = string(&m.value, "`resource`", errors).map(str::to_string),
            "resourceAccount" => {
                if let Some(s) = string(&m.value, "`resourceAccount`", errors) {
                    if !warden_policy::arn::is_account_id(s) {
                        errors.push(err(m.value.span, "`resourceAccount` must be a 12-digit account ID"));
                    }
                    resource_account = Some(s.to_string());
                }
            }
            "context" => {
                if let Some(keys) = members(&m.value, "`context`", errors) {
                    for k in keys {
                        if let Some(cv) = context_value(&k.value, &k.key, errors) {
                            if context.contains(&k.key) {
                                errors.push(err(k.key_span, format!("context key `{}` is given twice (keys are case-insensitive)", k.key)));
                            }
                            context.insert(&k.key, cv);
                        }
                    }
                }
            }
            "serviceLinkedRole" => slr = boolean(&m.value, "`serviceLinkedRole`", errors),
            "principalInManagementAccount" => pmgmt = boolean(&m.value, "`principalInManagementAccount`", errors),
            "resourceInManagementAccount" => rmgmt = boolean(&m.value, "`resourceInManagementAccount`", errors),
            other => errors.push(err(
                m.key_span,
                format!("unknown request field `{other}` (expected principal, action, resource, resourceAccount, context, serviceLinkedRole, principalInManagementAccount, resourceInManagementAccount)"),
            )),
        }
    }
    let open = Span::new(v.span.start, v.span.start + 1);
    if principal.is_none() && !ms.iter().any(|m| m.key == "principal") {
        errors.push(err(open, "the request has no `principal`"));
    }
    if action.is_none() && !ms.iter().any(|m| m.key == "action") {
        errors.push(err(open, "the request has no `action`"));
    }
    let resource = resource.unwrap_or_else(|| "*".to_string());
    let mut req = Request::new(principal?, &action?, &resource, resource_account, context);
    req.service_linked_role = slr;
    req.principal_in_management_account = pmgmt;
    req.resource_in_management_account = rmgmt;
    Some(req)
}

fn scalar_text(v: &Value) -> Option<String> {
    match &v.kind {
        ValueKind::String(s) => Some(s.to_string()),
        ValueKind::Number(n) => Some(n.to_string()),
        ValueKind::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn context_value(v: &Value, key: &str, errors: &mut Vec<ScenarioError>) -> Option<ContextValue> {
    match &v.kind {
        ValueKind::Array(items) => {
            let mut vals = Vec::with_capacity(items.len());
            for i in items {
                match scalar_text(i) {
                    Some(t) => vals.push(t),
                    None => errors.push(err(
                        i.span,
                        format!(
                            "values of context key `{key}` must be strings, numbers or booleans"
                        ),
                    )),
                }
            }
            Some(ContextValue::list(vals))
        }
        _ => match scalar_text(v) {
            Some(t) => Some(ContextValue::single(t)),
            None => {
                errors.push(err(
                    v.span,
                    format!("context key `{key}` must be a string, number, boolean or an array of them, found {}", v.type_name()),
                ));
                None
            }
        },
    }
}

/// `{ "name": ..., "document": {...} }` or a bare policy document.
fn named_policy(
    v: &Value,
    default_name: &str,
    errors: &mut Vec<ScenarioError>,
) -> Option<CompiledPolicy> {
    let ms = members(v, "a policy", errors)?;
    let is_wrapper = ms.iter().any(|m| m.key == "document");
    let (name, doc) = if is_wrapper {
        let mut name = default_name.to_string();
        let mut doc = None;
        for m in ms {
            match m.key.as_ref() {
                "name" => {
                    if let Some(s) = string(&m.value, "a policy's `name`", errors) {
                        name = s.to_string();
                    }
                }
                "document" => doc = Some(&m.value),
                other => errors.push(err(
                    m.key_span,
                    format!("unknown policy field `{other}` (expected name, document)"),
                )),
            }
        }
        (name, doc?)
    } else {
        (default_name.to_string(), v)
    };
    compile_document(doc, name, 0, errors)
}

fn compile_document(
    doc: &Value,
    name: String,
    base: u32,
    errors: &mut Vec<ScenarioError>,
) -> Option<CompiledPolicy> {
    let parsed = warden_policy::policy::from_json(doc);
    let mut ok = true;
    for d in &parsed.diagnostics {
        if d.severity == warden_policy::Severity::Error {
            ok = false;
            errors.push(err(d.span, format!("in policy `{name}`: {}", d.message)));
        }
    }
    let policy = parsed.policy?;
    ok.then(|| CompiledPolicy::compile_at(name, &policy, base))
}

fn org_levels(v: &Value, kind: &str, errors: &mut Vec<ScenarioError>) -> Option<Vec<OrgLevel>> {
    let ValueKind::Array(items) = &v.kind else {
        errors.push(err(v.span, "organization policies must be an array of {\"target\": ..., \"policies\": [...]} levels, root first"));
        return None;
    };
    let mut levels = Vec::new();
    for (li, item) in items.iter().enumerate() {
        let Some(ms) = members(item, "an organization level", errors) else {
            continue;
        };
        let mut target = format!("level-{li}");
        let mut policies = Vec::new();
        for m in ms {
            match m.key.as_ref() {
                "target" => {
                    if let Some(s) = string(&m.value, "`target`", errors) {
                        target = s.to_string();
                    }
                }
                "policies" => match &m.value.kind {
                    ValueKind::Array(ps) => {
                        for (pi, p) in ps.iter().enumerate() {
                            if let Some(c) = named_policy(p, &format!("{kind}-{li}-{pi}"), errors) {
                                policies.push(c);
                            }
                        }
                    }
                    _ => errors.push(err(m.value.span, "`policies` must be an array")),
                },
                other => errors.push(err(
                    m.key_span,
                    format!("unknown level field `{other}` (expected target, policies)"),
                )),
            }
        }
        levels.push(OrgLevel { target, policies });
    }
    Some(levels)
}

#[derive(serde::Serialize)]
struct Pos {
    line: u32,
    column: u32,
    offset: u32,
}

#[derive(serde::Serialize)]
struct SpanOut {
    start: Pos,
    end: Pos,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct MatchOut<'a> {
    policy_type: &'a str,
    policy_name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<&'a str>,
    statement_index: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    sid: Option<&'a str>,
    effect: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    principal_match: Option<&'a str>,
    span: SpanOut,
}

#[derive(serde::Serialize)]
struct PolicyOut<'a> {
    #[serde(rename = "type")]
    policy_type: &'a str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<&'a str>,
    result: &'a str,
}

/// The JSON form of an evaluation, serialized straight to text.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResultOut<'a> {
    decision: &'a str,
    reason: &'a str,
    matched_statements: Vec<MatchOut<'a>>,
    policies: Vec<PolicyOut<'a>>,
    missing_context_values: &'a [String],
}

/// The JSON result of a scenario. Spans are turned into positions in `text`.
pub fn result_out<'a>(eval: &'a Evaluation, text: &str) -> ResultOut<'a> {
    // A result names few positions: computing each directly beats indexing every line.
    let pos = |off: u32| {
        let p = warden_policy::span::position_of(text, off);
        Pos {
            line: p.line,
            column: p.column,
            offset: p.offset,
        }
    };
    let mut matched = Vec::new();
    let mut policies = Vec::with_capacity(eval.policies.len());
    for p in &eval.policies {
        policies.push(PolicyOut {
            policy_type: p.policy_type.as_str(),
            name: &p.name,
            target: p.target.as_deref(),
            result: p.outcome.as_str(),
        });
        for s in &p.matched {
            matched.push(MatchOut {
                policy_type: p.policy_type.as_str(),
                policy_name: &p.name,
                target: p.target.as_deref(),
                statement_index: s.index,
                sid: s.sid.as_deref(),
                effect: s.effect.as_str(),
                principal_match: s.grant.map(|g| g.as_str()),
                span: SpanOut {
                    start: pos(s.span.start),
                    end: pos(s.span.end),
                },
            });
        }
    }
    ResultOut {
        decision: eval.decision.as_str(),
        reason: &eval.reason,
        matched_statements: matched,
        policies,
        missing_context_values: &eval.missing_context_keys,
    }
}

/// The JSON result of a scenario as a `serde_json` value.
pub fn result_json(eval: &Evaluation, text: &str) -> JsonOut {
    serde_json::to_value(result_out(eval, text)).unwrap_or(JsonOut::Null)
}

/// The JSON error result for a scenario that could not be read.
pub fn errors_json(errors: &[ScenarioError], text: &str) -> JsonOut {
    let idx = LineIndex::new(text);
    let list: Vec<JsonOut> = errors
        .iter()
        .map(|e| {
            let p = idx.position(text, e.span.start);
            json!({"message": e.message, "line": p.line, "column": p.column, "offset": p.offset})
        })
        .collect();
    json!({"error": list})
}
