//! `FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE`: `ForAnyValue:` on an identity
//! provider's `aud` claim.

use super::util::{conditions, is_audience_claim};
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;
use warden_policy::operator::SetQualifier;

/// The rule.
pub static RULE: ForAnyValueWithAudienceClaimType = ForAnyValueWithAudienceClaimType;

/// Reports `ForAnyValue:` operators on `…:aud` keys.
pub struct ForAnyValueWithAudienceClaimType;

static INFO: RuleInfo = RuleInfo {
    code: "FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE",
    finding_type: FindingType::SecurityWarning,
    summary: "`ForAnyValue:` is used with an identity provider's `aud` claim.",
    documentation: "What: an operator qualified with `ForAnyValue:` applied to an audience claim key (`accounts.google.com:aud`, `cognito-identity.amazonaws.com:aud`, `<oidc-provider>:aud`), usually in a role trust policy.\nWhy: with `ForAnyValue` one listed audience among several in the token is enough, so a token issued for many applications, or for another application that also names yours, is accepted; the audience should say the token was meant for you.\nExample: `\"ForAnyValue:StringEquals\": {\"accounts.google.com:aud\": \"my-app-id\"}`.\nFix: compare the claim without a qualifier (`StringEquals`) when it is single-valued, or with `ForAllValues:` when the provider issues several audiences and all of them must be trusted.",
};

impl Rule for ForAnyValueWithAudienceClaimType {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for (_, c) in conditions(cx) {
            let Some(op) = c.operator else { continue };
            if op.set == Some(SetQualifier::ForAnyValue) && is_audience_claim(&c.key.value) {
                out.report(
                    c.operator_text.span,
                    format!(
                        "ForAnyValue with the audience claim {} accepts tokens meant for other audiences too; use StringEquals (single-valued) or ForAllValues",
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

    const CODE: &str = "FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "accounts.google.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"ForAnyValue:StringEquals": {"accounts.google.com:aud": "my-app"}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, trust()),
            vec![r#""ForAnyValue:StringEquals""#.to_string()]
        );
        assert_findings!(CODE, src, trust());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "accounts.google.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"accounts.google.com:aud": "my-app"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}}}]}"#,
        ] {
            assert!(findings_of(CODE, src, trust()).is_empty(), "{src}");
        }
    }
}
