//! The `CREATE_SLR_WITH_*` rules' target: `iam:CreateServiceLinkedRole` on
//! every service-linked role (the shared logic is in `rules/broad_action.rs`,
//! as for the `PASS_ROLE_WITH_*` rules).
//!
//! A condition on `iam:AWSServiceName` (which names the services whose roles
//! may be created) answers the `*` resource variants, unless one of its
//! values has a wildcard: AWS's reference lists `AlexaForBusinessFullAccess`,
//! whose condition is `StringLike` `*a4b.amazonaws.com`, under
//! `CREATE_SLR_WITH_STAR_IN_RESOURCE`.

use crate::rules::broad_action::{iam_resource_is, Target};
use warden_catalog::glob::has_wildcard;
use warden_policy::policy::Statement;

pub use crate::rules::broad_action::{BroadAction as CreateSlr, Variant};

/// `iam:CreateServiceLinkedRole` on every service-linked role.
pub static TARGET: Target = Target {
    action: "iam:CreateServiceLinkedRole",
    noun: "service-linked role",
    covers: covers_every_service_linked_role,
    answered_by_condition: names_services_exactly,
};

/// Whether a `Resource` entry covers the service-linked roles of every
/// service: `*`, or an IAM ARN whose resource part is `*`, `role*`,
/// `role/*`, `role/aws-service-role*` or `role/aws-service-role/*`. A
/// pattern naming one service's path
/// (`role/aws-service-role/elasticbeanstalk.amazonaws.com/*`) does not.
fn covers_every_service_linked_role(resource: &str) -> bool {
    iam_resource_is(
        resource,
        &[
            "*",
            "role*",
            "role/*",
            "role/aws-service-role*",
            "role/aws-service-role/*",
        ],
    )
}

fn names_services_exactly(st: &Statement) -> bool {
    st.conditions.iter().any(|c| {
        c.key.value.eq_ignore_ascii_case("iam:AWSServiceName")
            && !c.values.iter().any(|v| has_wildcard(&v.text))
    })
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
