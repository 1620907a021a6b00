//! The decision: AWS's policy evaluation logic over every policy type.
//!
//! The order follows AWS's documentation: an explicit deny in any
//! applicable policy wins; then resource control policies (which can only
//! deny, because `RCPFullAWSAccess` is attached at every level); then service
//! control policies (an allow is needed at every level from the root to the
//! account); then the VPC endpoint policy; then the resource-based policy
//! combined with the identity side (identity-based policies, permissions
//! boundary, session policy), whose combination depends on whether the call
//! crosses accounts and on how the resource policy names the caller. The
//! rules and their sources are listed in `docs/semantics.md`.

use crate::compile::{eval_condition, CStatement, CompiledPolicy, GrantKind};
use crate::request::{Principal, Request};
use warden_policy::{Effect, Span};

/// The final answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Decision {
    /// Some policy allows and nothing denies.
    Allow,
    /// A statement denies.
    ExplicitDeny,
    /// Nothing allows (or a required allow is missing).
    ImplicitDeny,
}

impl Decision {
    /// AWS's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Allow => "Allow",
            Decision::ExplicitDeny => "ExplicitDeny",
            Decision::ImplicitDeny => "ImplicitDeny",
        }
    }
}

/// The kinds of policy that take part in a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PolicyType {
    /// Identity-based policies of the principal.
    Identity,
    /// The principal's permissions boundary.
    PermissionsBoundary,
    /// The session policy passed when the session was created.
    Session,
    /// A service control policy.
    ServiceControl,
    /// A resource control policy.
    ResourceControl,
    /// The resource-based policy (bucket policy, trust policy, key policy, ...).
    Resource,
    /// The VPC endpoint policy.
    VpcEndpoint,
}

impl PolicyType {
    /// A stable name for output.
    pub fn as_str(self) -> &'static str {
        match self {
            PolicyType::Identity => "identity",
            PolicyType::PermissionsBoundary => "permissionsBoundary",
            PolicyType::Session => "session",
            PolicyType::ServiceControl => "serviceControlPolicy",
            PolicyType::ResourceControl => "resourceControlPolicy",
            PolicyType::Resource => "resource",
            PolicyType::VpcEndpoint => "vpcEndpoint",
        }
    }

    /// Whether statements of this policy type must name the caller in `Principal`.
    fn has_principals(self) -> bool {
        matches!(
            self,
            PolicyType::Resource | PolicyType::VpcEndpoint | PolicyType::ResourceControl
        )
    }
}

/// The policies attached to one node of the organization (root, OU or account).
#[derive(Debug, Clone)]
pub struct OrgLevel {
    /// The node, e.g. `r-root`, `ou-ab12-cdef3456` or an account ID.
    pub target: String,
    /// Its policies.
    pub policies: Vec<CompiledPolicy>,
}

/// Every policy that can take part in a request's evaluation.
#[derive(Debug, Clone, Default)]
pub struct PolicySet {
    /// Identity-based policies (managed, inline, group).
    pub identity: Vec<CompiledPolicy>,
    /// The permissions boundary, if set.
    pub boundary: Option<CompiledPolicy>,
    /// The session policy, if the session has one.
    pub session: Option<CompiledPolicy>,
    /// SCPs by level from the root to the account; `None`: not in an organization.
    pub scps: Option<Vec<OrgLevel>>,
    /// RCPs by level from the root to the account; `None`: not in an organization.
    pub rcps: Option<Vec<OrgLevel>>,
    /// The resource-based policy.
    pub resource: Option<CompiledPolicy>,
    /// The VPC endpoint policy, for requests through an endpoint.
    pub vpc_endpoint: Option<CompiledPolicy>,
}

/// A statement that matched the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementMatch {
    /// Its index in the policy.
    pub index: usize,
    /// Its `Sid`.
    pub sid: Option<String>,
    /// Its effect.
    pub effect: Effect,
    /// Its span in the policy source.
    pub span: Span,
    /// For resource-side policies: how the statement named the caller.
    pub grant: Option<GrantKind>,
}

/// What one policy contributed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicyOutcome {
    /// An allow statement matched and no deny.
    Allow,
    /// A deny statement matched.
    Deny,
    /// No statement matched.
    NoMatch,
    /// The policy type does not apply to this request.
    NotApplicable,
}

impl PolicyOutcome {
    /// A stable name for output.
    pub fn as_str(self) -> &'static str {
        match self {
            PolicyOutcome::Allow => "Allow",
            PolicyOutcome::Deny => "Deny",
            PolicyOutcome::NoMatch => "NoMatch",
            PolicyOutcome::NotApplicable => "NotApplicable",
        }
    }
}

/// One policy's part in the decision.
#[derive(Debug, Clone)]
pub struct PolicyReport {
    /// The policy type.
    pub policy_type: PolicyType,
    /// The policy's name.
    pub name: String,
    /// For SCPs and RCPs: the organization node it is attached to.
    pub target: Option<String>,
    /// What it contributed.
    pub outcome: PolicyOutcome,
    /// The statements that matched.
    pub matched: Vec<StatementMatch>,
}

/// A decision with its explanation.
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// The decision.
    pub decision: Decision,
    /// Why, in one sentence.
    pub reason: String,
    /// Every policy's part.
    pub policies: Vec<PolicyReport>,
    /// Context keys that matching statements read but the request did not carry.
    pub missing_context_keys: Vec<String>,
}

#[derive(Default, Clone, Copy)]
struct Summary {
    deny: bool,
    allow: Option<GrantKind>,
}

struct Explain {
    policies: Vec<PolicyReport>,
    missing: Vec<String>,
}

impl PolicySet {
    /// The decision alone: the fast path, without an explanation.
    pub fn decide(&self, req: &Request) -> Decision {
        self.run(req, &mut None).0
    }

    /// The decision with its explanation.
    pub fn evaluate(&self, req: &Request) -> Evaluation {
        let mut ex = Some(Explain {
            policies: Vec::new(),
            missing: Vec::new(),
        });
        let (decision, reason) = self.run(req, &mut ex);
        let reason = reason.render();
        let Explain {
            policies,
            mut missing,
        } = ex.unwrap_or(Explain {
            policies: Vec::new(),
            missing: Vec::new(),
        });
        let mut seen = std::collections::HashSet::new();
        missing.retain(|k| seen.insert(k.to_ascii_lowercase()));
        Evaluation {
            decision,
            reason,
            policies,
            missing_context_keys: missing,
        }
    }

    fn run<'s>(&'s self, req: &Request, ex: &mut Option<Explain>) -> (Decision, Reason<'s>) {
        let iam = req.principal.is_iam();
        let identity_applies = iam && !matches!(req.principal, Principal::Root { .. });
        let scp_applies = iam && !req.service_linked_role && !req.principal_in_management_account;
        // RCPs bind every caller, AWS services included, except service-linked
        // roles and requests to resources of the management account.
        let rcp_applies = !req.resource_in_management_account && !req.service_linked_role;
        let has_boundary = self.boundary.is_some() && identity_applies;

        // 1. Every applicable policy, looking for denies (and allows).
        let mut deny_in: Option<(PolicyType, &'s str)> = None;
        let mut scan = |ty: PolicyType,
                        p: &'s CompiledPolicy,
                        target: Option<&str>,
                        applies: bool,
                        ex: &mut Option<Explain>| {
            if !applies {
                if let Some(e) = ex {
                    e.policies.push(PolicyReport {
                        policy_type: ty,
                        name: p.name.clone(),
                        target: target.map(str::to_string),
                        outcome: PolicyOutcome::NotApplicable,
                        matched: Vec::new(),
                    });
                }
                return Summary::default();
            }
            let s = scan_policy(ty, p, target, req, has_boundary, ex);
            if s.deny && deny_in.is_none() {
                deny_in = Some((ty, p.name.as_str()));
            }
            s
        };

        let mut id_allow = matches!(req.principal, Principal::Root { .. });
        for p in &self.identity {
            id_allow |= scan(PolicyType::Identity, p, None, identity_applies, ex)
                .allow
                .is_some();
        }
        let boundary_ok = match &self.boundary {
            Some(p) => {
                scan(
                    PolicyType::PermissionsBoundary,
                    p,
                    None,
                    identity_applies,
                    ex,
                )
                .allow
                .is_some()
                    || !identity_applies
            }
            None => true,
        };
        let session_ok = match &self.session {
            Some(p) => {
                scan(PolicyType::Session, p, None, identity_applies, ex)
                    .allow
                    .is_some()
                    || !identity_applies
            }
            None => true,
        };
        let mut scp_block: Option<&'s str> = None;
        if let Some(levels) = &self.scps {
            for level in levels {
                let mut allowed = false;
                for p in &level.policies {
                    allowed |= scan(
                        PolicyType::ServiceControl,
                        p,
                        Some(&level.target),
                        scp_applies,
                        ex,
                    )
                    .allow
                    .is_some();
                }
                if scp_applies && !allowed && scp_block.is_none() {
                    scp_block = Some(level.target.as_str());
                }
            }
        }
        if let Some(levels) = &self.rcps {
            for level in levels {
                for p in &level.policies {
                    scan(
                        PolicyType::ResourceControl,
                        p,
                        Some(&level.target),
                        rcp_applies,
                        ex,
                    );
                }
            }
        }
        let rp = match &self.resource {
            Some(p) => scan(PolicyType::Resource, p, None, true, ex).allow,
            None => None,
        };
        let vpce_ok = match &self.vpc_endpoint {
            Some(p) => scan(PolicyType::VpcEndpoint, p, None, true, ex)
                .allow
                .is_some(),
            None => true,
        };

        // AWS documents that GetCallerIdentity needs no permission and cannot
        // be denied, not even explicitly.
        if iam && req.action_lower == "sts:getcalleridentity" {
            return (
                Decision::Allow,
                Reason::Text("sts:GetCallerIdentity needs no permission and cannot be denied"),
            );
        }
        if let Some((ty, name)) = deny_in {
            return (Decision::ExplicitDeny, Reason::Denied(ty, name));
        }
        if let Some(target) = scp_block {
            return (Decision::ImplicitDeny, Reason::Scp(target));
        }
        if !vpce_ok {
            return (
                Decision::ImplicitDeny,
                Reason::Text("the VPC endpoint policy does not allow the request"),
            );
        }

        let requires_rp = requires_resource_policy(req);
        let identity_ok = id_allow && boundary_ok && session_ok;
        let limits = |boundary_ok: bool, session_ok: bool| -> Option<&'static str> {
            if !boundary_ok {
                Some("the permissions boundary does not allow the action")
            } else if !session_ok {
                Some("the session policy does not allow the action")
            } else {
                None
            }
        };
        let identity_reason = || -> &'static str {
            if !id_allow {
                "no identity-based policy allows the action"
            } else {
                limits(boundary_ok, session_ok).unwrap_or_default()
            }
        };
        let parts = |a: &'static str, b: &'static str, c: &'static str, d: &'static str| {
            Reason::Parts([a, b, c, d])
        };

        if !iam {
            return match rp {
                Some(_) => (
                    Decision::Allow,
                    Reason::Text("allowed by the resource-based policy"),
                ),
                None => (
                    Decision::ImplicitDeny,
                    Reason::Text(match req.principal {
                        Principal::Anonymous => "no resource-based policy allows anonymous access",
                        _ => "no resource-based policy allows this principal",
                    }),
                ),
            };
        }
        if let Some(kind) = requires_rp {
            let Some(grant) = rp else {
                return (
                    Decision::ImplicitDeny,
                    parts("the ", kind, " does not allow the principal", ""),
                );
            };
            if grant == GrantKind::Account || !req.same_account() {
                return if identity_ok {
                    (
                        Decision::Allow,
                        parts("allowed by the ", kind, " and an identity-based policy", ""),
                    )
                } else {
                    (
                        Decision::ImplicitDeny,
                        parts(
                            "the ",
                            kind,
                            " delegates to the account, but ",
                            identity_reason(),
                        ),
                    )
                };
            }
            // Assuming a role needs the caller's boundary (and session policy)
            // to allow it even when the trust policy names the caller itself.
            if kind == TRUST_POLICY {
                return match limits(boundary_ok, session_ok) {
                    None => (Decision::Allow, parts("allowed by the ", kind, "", "")),
                    Some(r) => (Decision::ImplicitDeny, Reason::Text(r)),
                };
            }
        }
        if req.same_account() {
            match rp {
                Some(GrantKind::Role) => {
                    if let Some(r) = limits(boundary_ok, session_ok) {
                        return (
                            Decision::ImplicitDeny,
                            parts("the resource-based policy allows the role, but ", r, "", ""),
                        );
                    }
                    return (
                        Decision::Allow,
                        Reason::Text("allowed by the resource-based policy (role principal)"),
                    );
                }
                Some(g) if g.is_direct() => {
                    return (
                        Decision::Allow,
                        parts(
                            "allowed by the resource-based policy (",
                            g.as_str(),
                            " principal)",
                            "",
                        ),
                    );
                }
                _ => {}
            }
            if identity_ok {
                return (
                    Decision::Allow,
                    Reason::Text("allowed by an identity-based policy"),
                );
            }
            return (Decision::ImplicitDeny, Reason::Text(identity_reason()));
        }
        match (rp, identity_ok) {
            (Some(_), true) => (
                Decision::Allow,
                Reason::Text(
                    "cross-account: allowed by the resource-based policy and the identity side",
                ),
            ),
            (None, _) => (
                Decision::ImplicitDeny,
                Reason::Text(
                    "cross-account: the resource-based policy does not allow the principal",
                ),
            ),
            (Some(_), false) => (
                Decision::ImplicitDeny,
                parts("cross-account: ", identity_reason(), "", ""),
            ),
        }
    }
}

/// Why a decision was made, kept as borrowed pieces so that the fast path
/// ([`PolicySet::decide`]) builds no strings; [`PolicySet::evaluate`]
/// renders it.
enum Reason<'a> {
    Text(&'static str),
    Denied(PolicyType, &'a str),
    Scp(&'a str),
    Parts([&'static str; 4]),
}

impl Reason<'_> {
    /// The text of [`Display`](std::fmt::Display), built directly for the
    /// common fixed texts: the formatting machinery and the string's
    /// regrowth cost more than the copy (a reason is written per scenario).
    fn render(&self) -> String {
        match self {
            Reason::Text(t) => (*t).to_string(),
            Reason::Parts(parts) => parts.concat(),
            Reason::Denied(..) | Reason::Scp(_) => self.to_string(),
        }
    }
}

impl std::fmt::Display for Reason<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reason::Text(t) => f.write_str(t),
            Reason::Denied(ty, name) => write!(
                f,
                "explicitly denied by a statement of `{name}` ({})",
                ty.as_str()
            ),
            Reason::Scp(target) => {
                write!(
                    f,
                    "the service control policies attached to `{target}` do not allow the action"
                )
            }
            Reason::Parts(parts) => parts.iter().try_for_each(|p| f.write_str(p)),
        }
    }
}

const TRUST_POLICY: &str = "role trust policy";

/// Resource types whose resource policy must allow explicitly: a role's
/// trust policy for `sts:AssumeRole*` and a KMS key policy.
fn requires_resource_policy(req: &Request) -> Option<&'static str> {
    let a = req.action_lower.as_str();
    if a.starts_with("sts:") && req.resource.contains(":iam::") && req.resource.contains(":role/") {
        return Some(TRUST_POLICY);
    }
    if a.starts_with("kms:") && req.resource.contains(":key/") {
        return Some("key policy");
    }
    None
}

fn scan_policy(
    ty: PolicyType,
    p: &CompiledPolicy,
    target: Option<&str>,
    req: &Request,
    has_boundary: bool,
    ex: &mut Option<Explain>,
) -> Summary {
    let mut sum = Summary::default();
    let mut matched = Vec::new();
    for st in p.statements.iter() {
        // Explanations visit every statement; the fast path stops at the first deny.
        if ex.is_none() && sum.deny {
            break;
        }
        if let Some(grant) = statement_applies(ty, st, req, has_boundary, ex) {
            match st.effect {
                Effect::Deny => sum.deny = true,
                Effect::Allow => sum.allow = sum.allow.max(Some(grant)),
            }
            if ex.is_some() {
                matched.push(StatementMatch {
                    index: st.index,
                    sid: st.sid.clone(),
                    effect: st.effect,
                    span: Span::new(st.span.start + p.base, st.span.end + p.base),
                    grant: ty.has_principals().then_some(grant),
                });
            }
        }
    }
    if let Some(e) = ex {
        let outcome = if sum.deny {
            PolicyOutcome::Deny
        } else if sum.allow.is_some() {
            PolicyOutcome::Allow
        } else {
            PolicyOutcome::NoMatch
        };
        e.policies.push(PolicyReport {
            policy_type: ty,
            name: p.name.clone(),
            target: target.map(str::to_string),
            outcome,
            matched,
        });
    }
    sum
}

fn statement_applies(
    ty: PolicyType,
    st: &CStatement,
    req: &Request,
    has_boundary: bool,
    ex: &mut Option<Explain>,
) -> Option<GrantKind> {
    let mut missing_sink: Option<Vec<String>> = ex.as_ref().map(|_| Vec::new());
    let mut missing = missing_sink.as_mut();
    if !st.matches_action(req) || !st.matches_resource(req, &mut missing) {
        return None;
    }
    let grant = if ty.has_principals() {
        st.matches_principal(req, has_boundary)?
    } else {
        GrantKind::Wildcard
    };
    let mut ok = true;
    for c in &st.conditions {
        if !eval_condition(c, &req.context, &mut missing) {
            ok = false;
            if ex.is_none() {
                break;
            }
        }
    }
    if let (Some(e), Some(m)) = (ex.as_mut(), missing_sink) {
        e.missing.extend(m);
    }
    ok.then_some(grant)
}

/// What one policy says about a request on its own, as a policy of type
/// `ty`: its statements alone, with no other policy and no cross-account
/// rule. This is the set of requests a policy "allows" that automated
/// reasoning (`warden-prove`) compares; its counterexamples are confirmed
/// with this function.
pub fn policy_outcome(ty: PolicyType, policy: &CompiledPolicy, req: &Request) -> PolicyReport {
    let mut ex = Some(Explain {
        policies: Vec::new(),
        missing: Vec::new(),
    });
    scan_policy(ty, policy, None, req, false, &mut ex);
    ex.and_then(|e| e.policies.into_iter().next())
        .unwrap_or(PolicyReport {
            policy_type: ty,
            name: policy.name.clone(),
            target: None,
            outcome: PolicyOutcome::NoMatch,
            matched: Vec::new(),
        })
}

#[cfg(test)]
mod tests {
    use super::{PolicyType, Reason};

    #[test]
    fn reasons_render_as_they_display() {
        let reasons = [
            Reason::Text("allowed by an identity-based policy"),
            Reason::Text(""),
            Reason::Parts(["the ", "key policy", " does not allow the principal", ""]),
            Reason::Parts(["", "", "", ""]),
            Reason::Denied(PolicyType::Resource, "bucket"),
            Reason::Scp("ou-1"),
        ];
        for r in reasons {
            assert_eq!(r.render(), r.to_string());
        }
    }
}
