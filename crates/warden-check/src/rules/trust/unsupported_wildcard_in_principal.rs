//! `UNSUPPORTED_WILDCARD_IN_PRINCIPAL`: a wildcard in a principal value other
//! than `"AWS": "*"`.

use super::Rule;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::{CheckContext, PolicyType};
use warden_catalog::glob::has_wildcard;
use warden_policy::policy::{PrincipalKind, PrincipalValue};

/// The rule.
pub static RULE: UnsupportedWildcard = UnsupportedWildcard;

/// Reports principal values with `*` or `?` (at the value) in resource
/// policies, except the all-principals `"AWS": "*"`.
pub struct UnsupportedWildcard;

static INFO: RuleInfo = RuleInfo {
    code: "UNSUPPORTED_WILDCARD_IN_PRINCIPAL",
    finding_type: FindingType::Error,
    summary: "A principal value has a wildcard that the principal type does not support.",
    documentation: "What: a value of a typed `Principal` or `NotPrincipal` map in a resource-based policy that contains `*` or `?`, other than the plain `\"AWS\": \"*\"` meaning every principal. This covers partial wildcards in ARNs (`arn:aws:iam::111122223333:role/dev-*`, `arn:aws:sts::111122223333:assumed-role/ops/*`) and wildcards under `Service`, `Federated` or `CanonicalUser`.\nWhy: principals are matched exactly; AWS does not expand wildcards in them and rejects the policy (or, for some services, the value simply never matches).\nExample: `\"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:user/*\"}`.\nFix: name the principals one by one, or use `\"AWS\": \"*\"` with a condition such as `ArnLike` on `aws:PrincipalArn`, which does support wildcards.",
};

impl Rule for UnsupportedWildcard {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        if cx.options.policy_type != PolicyType::Resource {
            return;
        }
        for st in cx.policy.iter().flat_map(|p| &p.statements) {
            let Some(PrincipalValue::Typed(entries)) = st.principal.as_ref().map(|p| &p.value)
            else {
                continue;
            };
            for e in entries {
                for v in &e.values {
                    if !has_wildcard(&v.value) || (e.kind == PrincipalKind::Aws && v.value == "*") {
                        continue;
                    }
                    out.report(
                        v.span,
                        format!(
                            "wildcards (*, ?) are not supported with the principal key {}",
                            e.kind.as_str()
                        ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity, resource, trust};

    const CODE: &str = "UNSUPPORTED_WILDCARD_IN_PRINCIPAL";
    const TRIGGER: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": ["*", "arn:aws:iam::111122223333:role/dev-*"], "Service": "*"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of(CODE, TRIGGER, resource()),
            vec![
                r#""arn:aws:iam::111122223333:role/dev-*""#.to_string(),
                r#""*""#.to_string(),
            ]
        );
        assert_findings!(CODE, TRIGGER, resource());
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/*"}, "Action": "sts:AssumeRoleWithSAML"}]}"#;
        assert_eq!(
            findings_of(CODE, src, trust()),
            vec![r#""arn:aws:iam::111122223333:saml-provider/*""#.to_string()]
        );
        assert_findings!(CODE, src, trust());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/dev-*"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#,
        ] {
            assert!(findings_of(CODE, src, resource()).is_empty(), "{src}");
        }
        // Identity policies have no principals to judge.
        assert!(findings_of(CODE, TRIGGER, identity()).is_empty());
    }
}
