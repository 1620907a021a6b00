//! `RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL`: a service principal
//! restricted with a key that does not identify the source.

use super::util::{has_source_key, service_principals};
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::{CheckContext, PolicyType};
use warden_policy::policy::Effect;

/// The rule.
pub static RULE: RecommendedConditionKeyForServicePrincipal =
    RecommendedConditionKeyForServicePrincipal;

/// Reports [`WEAK_KEYS`] restricting a service principal where no source
/// key does.
pub struct RecommendedConditionKeyForServicePrincipal;

static INFO: RuleInfo = RuleInfo {
    code: "RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL",
    finding_type: FindingType::Suggestion,
    summary: "A service principal is restricted with `aws:Referer` rather than `aws:SourceArn` or `aws:SourceAccount`.",
    documentation: "What: an Allow statement of a resource policy that grants to a service principal and restricts it with `aws:Referer`, but with none of `aws:SourceArn`, `aws:SourceAccount`, `aws:SourceOrgID` and `aws:SourceOrgPaths`.\nWhy: a referer is a header that says nothing reliable about which resource made the service act; the source keys are set by AWS and name the resource or account the service works for.\nExample: a bucket policy allowing `cloudfront.amazonaws.com` to `s3:GetObject` with `\"StringLike\": {\"aws:Referer\": \"secret-123\"}`.\nFix: replace the key with `\"StringEquals\": {\"aws:SourceArn\": \"arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE\"}` or `aws:SourceAccount`.",
};

/// Keys used in place of a source key.
const WEAK_KEYS: &[&str] = &["aws:Referer"];

impl Rule for RecommendedConditionKeyForServicePrincipal {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        if cx.options.policy_type != PolicyType::Resource {
            return;
        }
        for st in cx.policy.into_iter().flat_map(|p| &p.statements) {
            if st.effect.value != Effect::Allow || has_source_key(st) {
                continue;
            }
            let Some(sp) = service_principals(st).first().map(|s| s.value.clone()) else {
                continue;
            };
            for c in &st.conditions {
                if WEAK_KEYS
                    .iter()
                    .any(|k| c.key.value.eq_ignore_ascii_case(k))
                {
                    out.report(
                        c.key.span,
                        format!(
                            "To restrict access to the service principal {sp} operating on your behalf, use aws:SourceArn or aws:SourceAccount instead of {}",
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

    const CODE: &str = "RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "cloudfront.amazonaws.com"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringLike": {"aws:Referer": "secret-123"}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, resource()),
            vec![r#""aws:Referer""#.to_string()]
        );
        assert_findings!(CODE, src, resource());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "cloudfront.amazonaws.com"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringLike": {"aws:Referer": "secret-123"}, "StringEquals": {"aws:SourceAccount": "111122223333"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringLike": {"aws:Referer": "secret-123"}}}]}"#,
        ] {
            assert!(findings_of(CODE, src, resource()).is_empty(), "{src}");
        }
    }
}
