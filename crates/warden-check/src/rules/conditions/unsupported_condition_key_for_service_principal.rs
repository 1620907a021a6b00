//! `UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL`: a key that requests
//! from service principals never carry.

use super::util::only_service_principals;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::{CheckContext, PolicyType};

/// The rule.
pub static RULE: UnsupportedConditionKeyForServicePrincipal =
    UnsupportedConditionKeyForServicePrincipal;

/// Reports keys of [`ABSENT_FOR_SERVICES`] in statements whose principals are
/// all service principals.
pub struct UnsupportedConditionKeyForServicePrincipal;

static INFO: RuleInfo = RuleInfo {
    code: "UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL",
    finding_type: FindingType::Error,
    summary: "The condition key is never present when the principal is an AWS service.",
    documentation: "What: in a resource policy, a statement whose principals are all service principals tests `aws:PrincipalOrgID`, `aws:PrincipalOrgPaths` or `aws:PrincipalTag/...`.\nWhy: these keys describe an IAM principal's organization and tags; a service principal has neither, so the key is missing from the request and the condition never matches (or, negated, always does).\nExample: `\"Principal\": {\"Service\": \"cloudfront.amazonaws.com\"}` with `\"StringEquals\": {\"aws:PrincipalOrgID\": \"o-abcdefghij\"}`.\nFix: remove the key; to restrict what the service acts for, use `aws:SourceArn`, `aws:SourceAccount`, `aws:SourceOrgID` or `aws:SourceOrgPaths`.",
};

/// Keys (or key prefixes, ending in `/`) absent from service principals'
/// requests.
const ABSENT_FOR_SERVICES: &[&str] = &[
    "aws:PrincipalOrgID",
    "aws:PrincipalOrgPaths",
    "aws:PrincipalTag/",
];

fn is_absent_for_services(key: &str) -> bool {
    ABSENT_FOR_SERVICES.iter().any(|k| {
        if k.ends_with('/') {
            key.len() > k.len()
                && key
                    .get(..k.len())
                    .is_some_and(|h| h.eq_ignore_ascii_case(k))
        } else {
            key.eq_ignore_ascii_case(k)
        }
    })
}

impl Rule for UnsupportedConditionKeyForServicePrincipal {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        if cx.options.policy_type != PolicyType::Resource {
            return;
        }
        for st in cx.policy.into_iter().flat_map(|p| &p.statements) {
            if !only_service_principals(st) {
                continue;
            }
            for c in &st.conditions {
                if is_absent_for_services(&c.key.value) {
                    out.report(
                        c.key.span,
                        format!(
                            "The condition key {} is not supported when used with a service principal",
                            c.key.value
                        ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, resource};

    const CODE: &str = "UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "cloudfront.amazonaws.com"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abcdefghij", "aws:PrincipalTag/team": "x", "aws:SourceAccount": "111122223333"}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, resource()),
            vec![
                r#""aws:PrincipalOrgID""#.to_string(),
                r#""aws:PrincipalTag/team""#.to_string()
            ]
        );
        assert_findings!(CODE, src, resource());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "cloudfront.amazonaws.com", "AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abcdefghij"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abcdefghij"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "cloudfront.amazonaws.com"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringEquals": {"aws:SourceOrgID": "o-abcdefghij"}}}]}"#,
        ] {
            assert!(findings_of(CODE, src, resource()).is_empty(), "{src}");
        }
    }
}
