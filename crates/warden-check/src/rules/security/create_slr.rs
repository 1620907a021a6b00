//! The shared logic of the six `CREATE_SLR_WITH_*` rules: an Allow statement
//! of an identity policy through which `iam:CreateServiceLinkedRole` is
//! granted on every service-linked role, or on everything but a few
//! resources. It mirrors the `PASS_ROLE_WITH_*` rules (`rules/pass_role.rs`).
//!
//! Each statement falls into at most one variant, from how the action is
//! granted (named exactly, through a wildcard such as `iam:Create*` or `*`,
//! or through a `NotAction` that does not exclude it) and how the resource
//! is given (`*` or an ARN pattern covering every role, or a `NotResource`).
//! An exact entry wins over a wildcard one. A condition on
//! `iam:AWSServiceName` (which names the services whose roles may be
//! created) answers the `*` resource variants, unless one of its values has
//! a wildcard: AWS's reference lists `AlexaForBusinessFullAccess`, whose
//! condition is `StringLike` `*a4b.amazonaws.com`, under
//! `CREATE_SLR_WITH_STAR_IN_RESOURCE`. The `NotResource` variants still
//! report.

use crate::finding::{Findings, RuleInfo};
use crate::rules::Rule;
use crate::{CheckContext, PolicyType};
use warden_catalog::glob::{glob_match, has_wildcard};
use warden_policy::policy::{Effect, Statement};
use warden_policy::Span;

const CREATE_SLR: &str = "iam:CreateServiceLinkedRole";

/// Which `CREATE_SLR_WITH_*` finding a statement gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// The action on `*`.
    StarInResource,
    /// A wildcard action on `*`.
    StarInActionAndResource,
    /// `NotAction` on `*`.
    StarInResourceAndNotAction,
    /// The action with `NotResource`.
    NotResource,
    /// A wildcard action with `NotResource`.
    StarInActionAndNotResource,
    /// `NotAction` with `NotResource`.
    NotActionAndNotResource,
}

/// One of the six rules.
pub struct CreateSlr {
    info: RuleInfo,
    variant: Variant,
}

impl CreateSlr {
    /// The rule reporting `variant`.
    pub const fn new(info: RuleInfo, variant: Variant) -> Self {
        CreateSlr { info, variant }
    }
}

impl Rule for CreateSlr {
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
        Variant::StarInResource => "iam:CreateServiceLinkedRole is allowed on every service-linked role",
        Variant::StarInActionAndResource => {
            "a wildcard action allows iam:CreateServiceLinkedRole on every service-linked role"
        }
        Variant::StarInResourceAndNotAction => {
            "NotAction leaves iam:CreateServiceLinkedRole allowed on every service-linked role"
        }
        Variant::NotResource => {
            "iam:CreateServiceLinkedRole is allowed on every role not excluded by NotResource"
        }
        Variant::StarInActionAndNotResource => {
            "a wildcard action allows iam:CreateServiceLinkedRole on every role not excluded by NotResource"
        }
        Variant::NotActionAndNotResource => {
            "NotAction and NotResource leave iam:CreateServiceLinkedRole allowed on every role not excluded"
        }
    }
}

enum Grant {
    Exact,
    Star,
    NotAction,
}

/// The statement's variant and where to report it: at the action entry that
/// grants `iam:CreateServiceLinkedRole`, or at the `NotAction` key.
pub fn classify(st: &Statement) -> Option<(Variant, Span)> {
    if st.effect.value != Effect::Allow {
        return None;
    }
    let action = st.action.as_ref()?;
    let (grant, span) = if action.negated {
        if action
            .values
            .iter()
            .any(|v| glob_match(&v.value, CREATE_SLR, true))
        {
            return None;
        }
        (Grant::NotAction, action.key_span)
    } else if let Some(v) = action
        .values
        .iter()
        .find(|v| !has_wildcard(&v.value) && v.value.eq_ignore_ascii_case(CREATE_SLR))
    {
        (Grant::Exact, v.span)
    } else if let Some(v) = action
        .values
        .iter()
        .find(|v| glob_match(&v.value, CREATE_SLR, true))
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
        if !resource
            .values
            .iter()
            .any(|v| covers_every_service_linked_role(&v.value))
        {
            return None;
        }
        if st.conditions.iter().any(|c| {
            c.key.value.eq_ignore_ascii_case("iam:AWSServiceName")
                && !c.values.iter().any(|v| has_wildcard(&v.text))
        }) {
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

/// Whether a `Resource` entry covers the service-linked roles of every
/// service: `*`, or an IAM ARN whose resource part is `*`, `role*`,
/// `role/*`, `role/aws-service-role*` or `role/aws-service-role/*`. A
/// pattern naming one service's path
/// (`role/aws-service-role/elasticbeanstalk.amazonaws.com/*`) does not.
fn covers_every_service_linked_role(resource: &str) -> bool {
    if resource == "*" {
        return true;
    }
    let parts: Vec<&str> = resource.splitn(6, ':').collect();
    let [arn, _partition, service, _region, _account, res] = parts[..] else {
        return false;
    };
    arn == "arn"
        && glob_match(service, "iam", true)
        && matches!(
            res,
            "*" | "role*" | "role/*" | "role/aws-service-role*" | "role/aws-service-role/*"
        )
}

#[cfg(test)]
mod tests {
    use super::covers_every_service_linked_role as covers;

    #[test]
    fn every_service_linked_role_patterns() {
        assert!(covers("*"));
        assert!(covers("arn:aws:iam::*:role/aws-service-role/*"));
        assert!(covers("arn:aws:iam::111122223333:role/*"));
        assert!(!covers(
            "arn:aws:iam::*:role/aws-service-role/elasticbeanstalk.amazonaws.com/*"
        ));
        assert!(!covers("arn:aws:s3:::*"));
    }
}
