//! `WILDCARD_USAGE_TOO_PERMISSIVE`: a wildcard with too little fixed text in
//! front of it in a key that identifies the caller (the check lives in
//! `permissive.rs`).

use super::permissive::{Token, TooPermissive};
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: TooPermissive = TooPermissive::new(
    RuleInfo {
        code: "WILDCARD_USAGE_TOO_PERMISSIVE",
        finding_type: FindingType::Error,
        summary: "A wildcard in a caller-identifying condition key has fewer than six fixed characters before it.",
        documentation: "What: a `*` or `?` (under `StringLike`, `ArnLike`, `ArnEquals` or their negations, which read them as wildcards) in the value of a key that identifies the caller or where the request comes from. For the keys AWS's global condition key reference calls sensitive (`aws:PrincipalAccount`, `aws:PrincipalOrgID`, `aws:ResourceAccount`, `aws:ResourceOrgID`, `aws:SourceAccount`, `aws:SourceOrgID`, `aws:SourceVpc`, `aws:SourceVpce`, `aws:VpceAccount`, `aws:VpceOrgID`) every wildcard is reported, in any statement (a value that is only `*` is left to `EQUIVALENT_TO_NULL_FALSE`/`_TRUE` and `REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION`). For the other identity keys (`aws:PrincipalArn`, `aws:SourceArn`, the `…OrgPaths` keys, `aws:SourceOwner`, `aws:userid`, `aws:username`, and identity providers' `…:sub` claims) a wildcard is reported when fewer than six characters of fixed text come before it (counted from the start of the value or the previous wildcard or variable), and only where the match widens access (a positive operator in an Allow, a negated one in a Deny); for `aws:userid` (`unique-id:session-name`) a wildcard before the first `:` is reported too, since it matches other principals' IDs. The six-character rule and the list of identity keys are Warden's reading of Access Analyzer's rule, which AWS does not spell out.\nWhy: such a pattern matches far more callers than intended: `repo:*` admits every GitHub repository, `111122223333*` is no account at all but a prefix that other accounts may share.\nExample: `\"StringLike\": {\"token.actions.githubusercontent.com:sub\": \"repo:*\"}`.\nFix: write sensitive keys out in full (list several values if needed); for the others spell out the fixed part (`repo:example-org/example-repo:ref:refs/heads/main`), or keep the wildcard after a long enough fixed prefix (`arn:aws:iam::111122223333:role/deploy-*`).",
    },
    Token::Wildcard,
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity, trust};

    const CODE: &str = "WILDCARD_USAGE_TOO_PERMISSIVE";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}, "StringLike": {"token.actions.githubusercontent.com:sub": ["repo:example-org/example-repo:*", "repo:*"]}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, trust()),
            vec![r#""repo:*""#.to_string()]
        );
        assert_findings!(CODE, src, trust());
        let id = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringLike": {"aws:userid": ["AROAEXAMPLEID*", "AROAEXAMPLEID:*"]}}}]}"#;
        assert_eq!(
            findings_of(CODE, id, identity()),
            vec![r#""AROAEXAMPLEID*""#.to_string()]
        );
        assert_findings!(CODE, id, identity());
        // A sensitive key: any wildcard, even after a long prefix, and in a Deny.
        let sensitive = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"StringNotLike": {"aws:SourceVpce": ["vpce-1a2b3c4d", "vpce-1a2b*"]}}}]}"#;
        assert_eq!(
            findings_of(CODE, sensitive, identity()),
            vec![r#""vpce-1a2b*""#.to_string()]
        );
        assert_findings!(CODE, sensitive, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/deploy-*"}}}]}"#,
            // A lone `*` is the Null-equivalence checks' case.
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringLike": {"aws:SourceVpce": "*"}}}]}"#,
            // StringEquals reads `*` literally.
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalAccount": "*"}}}]}"#,
            // A Deny on a positive match cannot grant too much.
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringLike": {"aws:PrincipalOrgPaths": "o-*"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": "o-a1b2c3d4e5/*"}}}]}"#,
            // Not a key that identifies the caller.
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"StringLike": {"s3:prefix": "a/*"}}}]}"#,
        ] {
            assert!(findings_of(CODE, src, identity()).is_empty(), "{src}");
        }
    }
}
