//! The `PASS_ROLE_WITH_*` rules' target: `iam:PassRole` on every role (the
//! shared logic is in `broad_action.rs`). A condition on
//! `iam:PassedToService` answers the `*` resource variants.

use super::broad_action::{iam_resource_is, Target};
use warden_policy::policy::Statement;

pub use super::broad_action::{BroadAction as PassRole, Variant};

/// `iam:PassRole` on every role.
pub static TARGET: Target = Target {
    action: "iam:PassRole",
    noun: "role",
    covers: covers_every_role,
    answered_by_condition: names_passed_to_service,
};

/// Whether a `Resource` entry covers every role of an account: `*`, or an
/// IAM ARN whose resource part is `*`, `role*` or `role/*`. Patterns that
/// name a path or a role-name prefix (`role/Service*`) do not.
fn covers_every_role(resource: &str) -> bool {
    iam_resource_is(resource, &["*", "role*", "role/*"])
}

fn names_passed_to_service(st: &Statement) -> bool {
    st.conditions
        .iter()
        .any(|c| c.key.value.eq_ignore_ascii_case("iam:PassedToService"))
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
