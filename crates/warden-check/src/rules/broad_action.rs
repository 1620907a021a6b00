//! The shared logic of the `PASS_ROLE_WITH_*` and `CREATE_SLR_WITH_*` rules:
//! an Allow statement of an identity policy through which one sensitive IAM
//! action is granted on every role of a kind, or on everything but a few
//! resources.
//!
//! Each statement falls into at most one [`Variant`], from how the action is
//! granted (named exactly, through a wildcard such as `iam:*` or `*`, or
//! through a `NotAction` that does not exclude it) and how the resource is
//! given (`*` or an ARN pattern covering every such role, or a
//! `NotResource`). An exact entry wins over a wildcard one. A condition that
//! pins what the action may do answers the `*` resource variants (which
//! recommend it); the `NotResource` variants still report.

use super::Rule;
use crate::finding::{Findings, RuleInfo};
use crate::{CheckContext, PolicyType};
use warden_catalog::glob::{glob_match, has_wildcard};
use warden_policy::policy::{Effect, Statement};
use warden_policy::Span;

/// Which of the six findings a statement gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// The action named exactly, on `*`.
    StarInResource,
    /// A wildcard action on `*`.
    StarInActionAndResource,
    /// `NotAction` on `*`.
    StarInResourceAndNotAction,
    /// The action named exactly, with `NotResource`.
    NotResource,
    /// A wildcard action with `NotResource`.
    StarInActionAndNotResource,
    /// `NotAction` with `NotResource`.
    NotActionAndNotResource,
}

/// The action a family of rules is about.
pub struct Target {
    /// The action, e.g. `iam:PassRole`.
    pub action: &'static str,
    /// What the broad resources are, for messages ("role").
    pub noun: &'static str,
    /// Whether a `Resource` entry covers every such role.
    pub covers: fn(&str) -> bool,
    /// Whether the statement's conditions answer the `*` resource variants.
    pub answered_by_condition: fn(&Statement) -> bool,
}

/// One rule of a family: the finding for one variant.
pub struct BroadAction {
    info: RuleInfo,
    variant: Variant,
    target: &'static Target,
}

impl BroadAction {
    /// The rule reporting `variant` for `target`.
    pub const fn new(info: RuleInfo, variant: Variant, target: &'static Target) -> Self {
        BroadAction {
            info,
            variant,
            target,
        }
    }
}

impl Rule for BroadAction {
    fn info(&self) -> &RuleInfo {
        &self.info
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        if cx.options.policy_type != PolicyType::Identity {
            return;
        }
        for st in cx.policy.iter().flat_map(|p| &p.statements) {
            if let Some((variant, span)) = classify(st, self.target) {
                if variant == self.variant {
                    out.report(span, message(variant, self.target));
                }
            }
        }
    }
}

fn message(variant: Variant, t: &Target) -> String {
    let (action, noun) = (t.action, t.noun);
    match variant {
        Variant::StarInResource => format!("{action} is allowed on every {noun}"),
        Variant::StarInActionAndResource => {
            format!("a wildcard action allows {action} on every {noun}")
        }
        Variant::StarInResourceAndNotAction => {
            format!("NotAction leaves {action} allowed on every {noun}")
        }
        Variant::NotResource => {
            format!("{action} is allowed on every role not excluded by NotResource")
        }
        Variant::StarInActionAndNotResource => {
            format!("a wildcard action allows {action} on every role not excluded by NotResource")
        }
        Variant::NotActionAndNotResource => {
            format!("NotAction and NotResource leave {action} allowed on every role not excluded")
        }
    }
}

enum Grant {
    Exact,
    Star,
    NotAction,
}

/// The statement's variant and where to report it: at the action entry that
/// grants the target action, or at the `NotAction` key.
pub fn classify(st: &Statement, t: &Target) -> Option<(Variant, Span)> {
    if st.effect.value != Effect::Allow {
        return None;
    }
    let action = st.action.as_ref()?;
    let (grant, span) = if action.negated {
        if action
            .values
            .iter()
            .any(|v| glob_match(&v.value, t.action, true))
        {
            return None;
        }
        (Grant::NotAction, action.key_span)
    } else if let Some(v) = action
        .values
        .iter()
        .find(|v| !has_wildcard(&v.value) && v.value.eq_ignore_ascii_case(t.action))
    {
        (Grant::Exact, v.span)
    } else if let Some(v) = action
        .values
        .iter()
        .find(|v| glob_match(&v.value, t.action, true))
    {
        (Grant::Star, v.span)
    } else {
        return None;
    };
    let resource = st.resource.as_ref()?;
    let not_resource = if resource.negated {
        if resource.values.iter().any(|v| v.value == "*") {
            return None;
        }
        true
    } else {
        if !resource.values.iter().any(|v| (t.covers)(&v.value)) || (t.answered_by_condition)(st) {
            return None;
        }
        false
    };
    let variant = match (grant, not_resource) {
        (Grant::Exact, false) => Variant::StarInResource,
        (Grant::Star, false) => Variant::StarInActionAndResource,
        (Grant::NotAction, false) => Variant::StarInResourceAndNotAction,
        (Grant::Exact, true) => Variant::NotResource,
        (Grant::Star, true) => Variant::StarInActionAndNotResource,
        (Grant::NotAction, true) => Variant::NotActionAndNotResource,
    };
    Some((variant, span))
}

/// Whether `resource` is `*` or an IAM ARN whose resource part is one of `parts`.
pub fn iam_resource_is(resource: &str, parts: &[&str]) -> bool {
    if resource == "*" {
        return true;
    }
    let fields: Vec<&str> = resource.splitn(6, ':').collect();
    let [arn, _partition, service, _region, _account, res] = fields[..] else {
        return false;
    };
    arn == "arn" && glob_match(service, "iam", true) && parts.contains(&res)
}
