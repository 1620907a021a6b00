//! `INVALID_USER_REFERENCE`: an `AWS` principal given as a user's unique ID
//! (`AIDA...`) instead of its ARN.

use super::invalid_role_reference::UniqueIdReference;
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: UniqueIdReference = UniqueIdReference::new(
    RuleInfo {
        code: "INVALID_USER_REFERENCE",
        finding_type: FindingType::Warning,
        summary: "A principal names an IAM user by its unique ID instead of its ARN.",
        documentation: "What: an `AWS` entry of `Principal` or `NotPrincipal` is an IAM user's unique ID (`AIDA` followed by upper-case letters and digits) rather than the user's ARN.\nWhy: IAM keeps user ARNs as unique IDs internally and shows the ID once the user is gone; a policy written with the ID matches only that one incarnation of the user, so a user re-created under the same name is not matched.\nExample: `\"Principal\": {\"AWS\": \"AIDAEXAMPLEUSERID1234\"}`.\nFix: write the user's ARN (`arn:aws:iam::111122223333:user/alice`), or remove the entry if the user no longer exists.",
    },
    "AIDA",
    "user",
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, resource};

    const CODE: &str = "INVALID_USER_REFERENCE";

    fn policy(principal: &str) -> String {
        format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Deny", "NotPrincipal": {{"AWS": {principal}}}, "Action": "s3:*", "Resource": "arn:aws:s3:::example-bucket/*"}}]}}"#
        )
    }

    #[test]
    fn triggers_at_the_exact_span() {
        let src = policy(r#"["AIDAEXAMPLEUSERID1234", "arn:aws:iam::111122223333:user/alice"]"#);
        assert_eq!(
            findings_of(CODE, &src, resource()),
            vec![r#""AIDAEXAMPLEUSERID1234""#.to_string()]
        );
        assert_findings!(CODE, &src, resource());
    }

    #[test]
    fn near_miss_is_clean() {
        for p in [
            r#""arn:aws:iam::111122223333:user/alice""#,
            r#""AROAEXAMPLEROLEID1234""#,
            r#""AIDA-EXAMPLE-USER-ID-1""#,
        ] {
            let got = findings_of(CODE, &policy(p), resource());
            assert!(got.is_empty(), "{p}: {got:?}");
        }
    }
}
