//! `VARIABLE_USAGE_TOO_PERMISSIVE`: a policy variable with too little fixed
//! text in front of it in a key that identifies the caller (the check lives
//! in `permissive.rs`).

use super::permissive::{Token, TooPermissive};
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: TooPermissive = TooPermissive::new(
    RuleInfo {
        code: "VARIABLE_USAGE_TOO_PERMISSIVE",
        finding_type: FindingType::Error,
        summary: "A policy variable in a caller-identifying condition key has fewer than six fixed characters before it.",
        documentation: "What: a policy variable `${…}` (under a string or ARN operator) in the value of a key that identifies the caller or where the request comes from. For the keys AWS's global condition key reference calls sensitive (`aws:PrincipalAccount`, `aws:PrincipalOrgID`, `aws:ResourceAccount`, `aws:ResourceOrgID`, `aws:SourceAccount`, `aws:SourceOrgID`, `aws:SourceVpc`, `aws:SourceVpce`, `aws:VpceAccount`, `aws:VpceOrgID`) every such variable is reported. For the other identity keys (`aws:PrincipalArn`, `aws:SourceArn`, the `…OrgPaths` keys, `aws:SourceOwner`, `aws:userid`, `aws:username`, and identity providers' `…:sub` claims) a variable is reported when fewer than six characters of fixed text come before it, and only where the match widens access (a positive operator in an Allow, a negated one in a Deny). Variables that AWS fills in from the account and organization structure (`${aws:ResourceAccount}`, `${aws:ResourceOrgID}`, `${aws:PrincipalOrgID}`, …) count as fixed text and are never reported: `\"aws:PrincipalAccount\": \"${aws:ResourceAccount}\"` is the same-account pattern AWS's own managed policies use. The six-character rule and the list of identity keys are Warden's reading of Access Analyzer's rule, which AWS does not spell out.\nWhy: the identity the condition accepts then comes from the request itself (often from values the caller sets, such as its own tags), so the condition no longer pins down who may call.\nExample: `\"StringEquals\": {\"aws:PrincipalArn\": \"${aws:PrincipalTag/trusted-arn}\"}`.\nFix: write the fixed part of the identity out (`arn:aws:iam::111122223333:user/${aws:username}`), or compare with literal values.",
    },
    Token::Variable,
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "VARIABLE_USAGE_TOO_PERMISSIVE";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalArn": ["${aws:PrincipalTag/trusted-arn}", "arn:aws:iam::111122223333:user/${aws:username}"]}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""${aws:PrincipalTag/trusted-arn}""#.to_string()]
        );
        assert_findings!(CODE, src, identity());
        // A sensitive key: any variable the caller can influence.
        let sensitive = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-${aws:PrincipalTag/endpoint}"}}}]}"#;
        assert_eq!(
            findings_of(CODE, sensitive, identity()),
            vec![r#""vpce-${aws:PrincipalTag/endpoint}""#.to_string()]
        );
        assert_findings!(CODE, sensitive, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            // Version 2008-10-17 has no variables: the text is literal.
            r#"{"Version": "2008-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalArn": "${aws:PrincipalTag/trusted-arn}"}}}]}"#,
            // Accounts the caller cannot choose.
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringNotEquals": {"aws:PrincipalAccount": "${aws:ResourceAccount}"}}}]}"#,
            // A Deny on a positive match cannot grant too much.
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalArn": "${aws:PrincipalTag/blocked-arn}"}}}]}"#,
            // An account the caller cannot choose.
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalAccount": "${aws:ResourceAccount}"}}}]}"#,
            // Not a key that identifies the caller.
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"StringLike": {"s3:prefix": "${aws:username}/*"}}}]}"#,
        ] {
            assert!(findings_of(CODE, src, identity()).is_empty(), "{src}");
        }
    }
}
