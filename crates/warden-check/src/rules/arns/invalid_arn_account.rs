//! `INVALID_ARN_ACCOUNT`: The account in a `Resource` ARN is not a 12-digit account ID.

use super::util::{self, ArnCheck};
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: ArnCheck = ArnCheck::new(
    RuleInfo {
        code: "INVALID_ARN_ACCOUNT",
        finding_type: FindingType::Error,
        summary: "The account in a `Resource` ARN is not a 12-digit account ID.",
        documentation: "What: the account field of a `Resource` or `NotResource` ARN is neither a 12-digit account ID nor a wildcard or variable (nor a literal such as `aws` that the service uses for AWS-owned resources).\nWhy: no resource lives in such an account, so the entry matches nothing; typical causes are a dropped digit, a placeholder left in, or an account alias.\nExample: `\"Resource\": \"arn:aws:iam::12345678901:role/app\"` (11 digits).\nFix: write the 12-digit account ID (leading zeros included).",
    },
    check,
);

/// A message when the account is not a 12-digit ID.
fn check(value: &str) -> Option<String> {
    let [_, _, service, _, account, _] = util::arn_fields(value)?;
    if account.is_empty() || util::is_open(account) || warden_policy::arn::is_account_id(account) {
        return None;
    }
    // `aws` owns AWS-managed resources (managed policies, public hubs, ...).
    if account == "aws" {
        return None;
    }
    // Literal accounts of the service's own formats (`aws` for managed policies).
    if util::formats(service).is_some_and(|fs| fs.iter().any(|f| f.account == account)) {
        return None;
    }
    Some(format!(
        "the resource ARN account ID `{account}` is not valid; provide a 12-digit account ID"
    ))
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "INVALID_ARN_ACCOUNT";

    fn policy(resource: &str) -> String {
        format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": "*", "Resource": {resource}}}]}}"#
        )
    }

    #[test]
    fn triggers_at_the_exact_span() {
        let src =
            policy(r#"["arn:aws:iam::123456789012:role/a", "arn:aws:iam::12345678901:role/a"]"#);
        assert_eq!(
            findings_of(CODE, &src, identity()),
            vec![r#""arn:aws:iam::12345678901:role/a""#.to_string()]
        );
        assert_findings!(CODE, &src, identity());
        let src = policy(r#""arn:aws:sqs:us-east-1:account-id:q""#);
        assert_eq!(
            findings_of(CODE, &src, identity()),
            vec![r#""arn:aws:sqs:us-east-1:account-id:q""#.to_string()]
        );
        assert_findings!(CODE, &src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for r in [
            r#""*""#,
            r#""arn:aws:iam::aws:policy/ReadOnlyAccess""#,
            r#""arn:aws:sqs:*:*:q""#,
            r#""arn:aws:sqs:us-east-1:${aws:PrincipalAccount}:q""#,
            r#""arn:aws:s3:::b""#,
        ] {
            assert!(findings_of(CODE, &policy(r), identity()).is_empty(), "{r}");
        }
    }
}
