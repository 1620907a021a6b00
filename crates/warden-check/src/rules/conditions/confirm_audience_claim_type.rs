//! `CONFIRM_AUDIENCE_CLAIM_TYPE`: `ForAllValues:` on an identity provider's
//! `aud` claim, which is right only if the claim is multivalued.

use super::util::{conditions, is_audience_claim};
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;
use warden_policy::operator::SetQualifier;

/// The rule.
pub static RULE: ConfirmAudienceClaimType = ConfirmAudienceClaimType;

/// Reports `ForAllValues:` operators on `…:aud` keys.
pub struct ConfirmAudienceClaimType;

static INFO: RuleInfo = RuleInfo {
    code: "CONFIRM_AUDIENCE_CLAIM_TYPE",
    finding_type: FindingType::Suggestion,
    summary: "Confirm that the `aud` claim is multivalued before qualifying it with `ForAllValues:`.",
    documentation: "What: an operator qualified with `ForAllValues:` applied to an audience claim key (`accounts.google.com:aud`, `<oidc-provider>:aud`).\nWhy: audience claims are single-valued for some providers and multivalued for others. A set qualifier is only meaningful for a multivalued claim; on a single-valued one `ForAllValues` is also true when the claim is missing, which makes the condition weaker than it looks.\nExample: `\"ForAllValues:StringEquals\": {\"accounts.google.com:aud\": \"my-app\"}` where Google issues one audience.\nFix: check what your identity provider puts in `aud`: keep the qualifier for a multivalued claim, or write `StringEquals` without a qualifier for a single-valued one.",
};

impl Rule for ConfirmAudienceClaimType {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for (_, c) in conditions(cx) {
            let Some(op) = c.operator else { continue };
            if op.set == Some(SetQualifier::ForAllValues) && is_audience_claim(&c.key.value) {
                out.report(
                    c.operator_text.span,
                    format!(
                        "Audience claims can be single-valued or multivalued; keep ForAllValues on {} only if the claim is multivalued, otherwise use no qualifier",
                        c.key.value
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, trust};

    const CODE: &str = "CONFIRM_AUDIENCE_CLAIM_TYPE";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/oidc.example.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"ForAllValues:StringEquals": {"oidc.example.com:aud": "my-app"}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, trust()),
            vec![r#""ForAllValues:StringEquals""#.to_string()]
        );
        assert_findings!(CODE, src, trust());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/oidc.example.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"oidc.example.com:aud": "my-app"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/oidc.example.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"ForAllValues:StringEquals": {"oidc.example.com:sub": "x"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws:aud": "x"}}}]}"#,
        ] {
            assert!(findings_of(CODE, src, trust()).is_empty(), "{src}");
        }
    }
}
