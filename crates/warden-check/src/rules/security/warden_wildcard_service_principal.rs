//! `WARDEN_WILDCARD_SERVICE_PRINCIPAL`: a `Service` principal with a
//! wildcard in an Allow statement of a resource policy.

use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::{CheckContext, PolicyType};
use warden_catalog::glob::has_wildcard;
use warden_policy::policy::{Effect, PrincipalKind, PrincipalValue};

/// The rule.
pub static RULE: WildcardServicePrincipal = WildcardServicePrincipal;

/// Reports `Service` principal values with `*` or `?` (at the value) in Allow
/// statements of resource policies.
pub struct WildcardServicePrincipal;

static INFO: RuleInfo = RuleInfo {
    code: "WARDEN_WILDCARD_SERVICE_PRINCIPAL",
    finding_type: FindingType::SecurityWarning,
    summary: "An Allow trusts a wildcard `Service` principal.",
    documentation: "What: an Allow statement of a resource policy (including role trust policies) whose `Principal` lists a `Service` value containing `*` or `?`, such as `*.amazonaws.com` or `*`. Access Analyzer reports the same value as `UNSUPPORTED_WILDCARD_IN_PRINCIPAL` (an error: AWS does not expand it); this rule states the security intent behind it.\nWhy: the author meant to trust every AWS service, or every service matching a pattern. Any service can act on behalf of any customer, so trusting all of them hands the resource to every other account that can point a service at it (a confused deputy); and where a service accepts the value, it would reach far beyond the one integration intended.\nExample: `\"Principal\": {\"Service\": \"*.amazonaws.com\"}`.\nFix: name each service principal the resource integrates with (`logs.amazonaws.com`, `events.amazonaws.com`) and add `aws:SourceAccount` or `aws:SourceArn` conditions.",
};

impl Rule for WildcardServicePrincipal {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        if cx.options.policy_type != PolicyType::Resource {
            return;
        }
        for st in cx.policy.iter().flat_map(|p| &p.statements) {
            if st.effect.value != Effect::Allow {
                continue;
            }
            let Some(p) = st.principal.as_ref().filter(|p| !p.negated) else {
                continue;
            };
            let PrincipalValue::Typed(entries) = &p.value else {
                continue;
            };
            if let Some(v) = entries
                .iter()
                .filter(|e| e.kind == PrincipalKind::Service)
                .flat_map(|e| &e.values)
                .find(|v| has_wildcard(&v.value))
            {
                out.report(
                    v.span,
                    format!(
                        "the service principal {} trusts every matching AWS service",
                        v.value
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity, resource, trust};

    const CODE: &str = "WARDEN_WILDCARD_SERVICE_PRINCIPAL";
    const TRIGGER: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": ["logs.amazonaws.com", "*.amazonaws.com"]}, "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:111122223333:q"}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of(CODE, TRIGGER, resource()),
            vec![r#""*.amazonaws.com""#.to_string()]
        );
        assert_findings!(CODE, TRIGGER, resource());
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "*"}, "Action": "sts:AssumeRole"}]}"#;
        assert_eq!(findings_of(CODE, src, trust()), vec![r#""*""#.to_string()]);
        assert_findings!(CODE, src, trust());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "logs.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": "*"}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": {"Service": "*.amazonaws.com"}, "Action": "sqs:*", "Resource": "*"}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sqs:SendMessage", "Resource": "*"}]}"#,
        ] {
            assert!(findings_of(CODE, src, resource()).is_empty(), "{src}");
        }
        assert!(findings_of(CODE, TRIGGER, identity()).is_empty());
    }
}
