//! The shared logic of the six `PASS_ROLE_WITH_*` rules: an Allow statement
//! of an identity policy through which `iam:PassRole` is granted on every
//! role, or on everything but a few resources.
//!
//! Each statement falls into at most one variant, from how the action is
//! granted (`iam:PassRole` named exactly, through a wildcard such as `iam:*`
//! or `*`, or through a `NotAction` that does not exclude it) and how the
//! resource is given (`*` or an ARN pattern covering every role, or a
//! `NotResource`). An exact `iam:PassRole` entry wins over a wildcard one.
//! A condition on `iam:PassedToService` answers the `*` resource variants,
//! which recommend it; the `NotResource` variants still report.

use super::Rule;
use crate::finding::{Findings, RuleInfo};
use crate::{CheckContext, PolicyType};
use warden_catalog::glob::{glob_match, has_wildcard};
use warden_policy::policy::{Effect, Statement};
use warden_policy::Span;

const PASS_ROLE: &str = "iam:PassRole";

/// Which `PASS_ROLE_WITH_*` finding a statement gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// `iam:PassRole` on `*`.
    StarInResource,
    /// A wildcard action on `*`.
    StarInActionAndResource,
    /// `NotAction` on `*`.
    StarInResourceAndNotAction,
    /// `iam:PassRole` with `NotResource`.
    NotResource,
    /// A wildcard action with `NotResource`.
    StarInActionAndNotResource,
    /// `NotAction` with `NotResource`.
    NotActionAndNotResource,
}

/// One of the six rules.
pub struct PassRole {
    info: RuleInfo,
    variant: Variant,
}

impl PassRole {
    /// The rule reporting `variant`.
    pub const fn new(info: RuleInfo, variant: Variant) -> Self {
        PassRole { info, variant }
    }
}

impl Rule for PassRole {
    fn info(&self) -> &RuleInfo {
        &self.info
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        if cx.options.policy_type != PolicyType::Identity {
            return;
        }
        for st in cx.policy.iter().flat_map(|p| &p.statements) {
            if let Some((variant, span)) = classify(st) {
                if variant == self.variant {
                    out.report(span, message(variant));
                }
            }
        }
    }
}

fn message(variant: Variant) -> &'static str {
    match variant {
        Variant::StarInResource => "iam:PassRole is allowed on every role",
        Variant::StarInActionAndResource => "a wildcard action allows iam:PassRole on every role",
        Variant::StarInResourceAndNotAction => {
            "NotAction leaves iam:PassRole allowed on every role"
        }
        Variant::NotResource => "iam:PassRole is allowed on every role not excluded by NotResource",
        Variant::StarInActionAndNotResource => {
            "a wildcard action allows iam:PassRole on every role not excluded by NotResource"
        }
        Variant::NotActionAndNotResource => {
            "NotAction and NotResource leave iam:PassRole allowed on every role not excluded"
        }
    }
}

enum Grant {
    Exact,
    Star,
    NotAction,
}

/// The statement's variant and where to report it: at the action entry that
/// grants `iam:PassRole`, or at the `NotAction` key.
pub fn classify(st: &Statement) -> Option<(Variant, Span)> {
    if st.effect.value != Effect::Allow {
        return None;
    }
    let action = st.action.as_ref()?;
    let (grant, span) = if action.negated {
        if action
            .values
            .iter()
            .any(|v| glob_match(&v.value, PASS_ROLE, true))
        {
            return None;
        }
        (Grant::NotAction, action.key_span)
    } else if let Some(v) = action
        .values
        .iter()
        .find(|v| !has_wildcard(&v.value) && v.value.eq_ignore_ascii_case(PASS_ROLE))
    {
        (Grant::Exact, v.span)
    } else if let Some(v) = action
        .values
        .iter()
        .find(|v| glob_match(&v.value, PASS_ROLE, true))
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
        if !resource.values.iter().any(|v| covers_every_role(&v.value)) {
            return None;
        }
        if st
            .conditions
            .iter()
            .any(|c| c.key.value.eq_ignore_ascii_case("iam:PassedToService"))
        {
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

/// Whether a `Resource` entry covers every role of an account: `*`, or an
/// IAM ARN whose resource part is `*`, `role*` or `role/*`. Patterns that
/// name a path or a role-name prefix (`role/Service*`) do not.
fn covers_every_role(resource: &str) -> bool {
    if resource == "*" {
        return true;
    }
    let parts: Vec<&str> = resource.splitn(6, ':').collect();
    let [arn, _partition, service, _region, _account, res] = parts[..] else {
        return false;
    };
    arn == "arn" && glob_match(service, "iam", true) && matches!(res, "*" | "role*" | "role/*")
}

#[cfg(test)]
mod tests {
    use super::covers_every_role;

    #[test]
    fn every_role_patterns() {
        assert!(covers_every_role("*"));
        assert!(covers_every_role("arn:aws:iam::111122223333:role/*"));
        assert!(covers_every_role("arn:aws:iam::*:*"));
        assert!(!covers_every_role("arn:aws:iam::*:role/Service*"));
        assert!(!covers_every_role("arn:aws:iam::111122223333:role/app/*"));
        assert!(!covers_every_role("arn:aws:s3:::*"));
    }
}
