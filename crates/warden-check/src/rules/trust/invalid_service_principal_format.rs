//! `INVALID_SERVICE_PRINCIPAL_FORMAT`: a `Service` principal that is not a
//! lowercase DNS-style name.

use super::Rule;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::{CheckContext, PolicyType};
use warden_catalog::glob::has_wildcard;
use warden_policy::policy::{PrincipalKind, PrincipalValue};

/// The rule.
pub static RULE: InvalidServicePrincipal = InvalidServicePrincipal;

/// Reports `Service` principal values (at the value) that are not lowercase
/// dotted names such as `lambda.amazonaws.com`.
pub struct InvalidServicePrincipal;

static INFO: RuleInfo = RuleInfo {
    code: "INVALID_SERVICE_PRINCIPAL_FORMAT",
    finding_type: FindingType::Error,
    summary: "A service principal is not of the form `service-name.amazonaws.com`.",
    documentation: "What: a value under `Service` in a resource policy's `Principal` or `NotPrincipal` that is not a lowercase dotted name of at least two labels (letters, digits, inner hyphens), as in `lambda.amazonaws.com`, `logs.us-east-1.amazonaws.com` or `ec2.amazonaws.com.cn`. ARNs, bare service prefixes and names with capitals or other characters are reported; values with wildcards are left to `UNSUPPORTED_WILDCARD_IN_PRINCIPAL`. Whether the named service exists is not checked.\nWhy: AWS identifies a service only by its exact service principal; anything else matches no caller and AWS rejects the policy.\nExample: `\"Principal\": {\"Service\": \"lambda\"}` or `{\"Service\": \"arn:aws:iam::111122223333:role/x\"}`.\nFix: use the service principal from the service's documentation, usually `service-name.amazonaws.com`; put roles and accounts under `AWS`.",
};

/// Whether `value` looks like a service principal.
fn well_formed(value: &str) -> bool {
    let labels: Vec<&str> = value.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        })
        && labels
            .last()
            .is_some_and(|l| l.bytes().all(|b| b.is_ascii_lowercase()))
}

impl Rule for InvalidServicePrincipal {
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
            for v in entries
                .iter()
                .filter(|e| e.kind == PrincipalKind::Service)
                .flat_map(|e| &e.values)
            {
                if !has_wildcard(&v.value) && !well_formed(&v.value) {
                    out.report(
                        v.span,
                        format!(
                            "the service principal {} does not match the expected format service-name.amazonaws.com",
                            v.value
                        ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity, trust};

    const CODE: &str = "INVALID_SERVICE_PRINCIPAL_FORMAT";
    const TRIGGER: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": ["lambda", "arn:aws:iam::111122223333:role/x", "Lambda.amazonaws.com", "ec2.amazonaws.com"]}, "Action": "sts:AssumeRole"}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of(CODE, TRIGGER, trust()),
            vec![
                r#""lambda""#.to_string(),
                r#""arn:aws:iam::111122223333:role/x""#.to_string(),
                r#""Lambda.amazonaws.com""#.to_string(),
            ]
        );
        assert_findings!(CODE, TRIGGER, trust());
    }

    #[test]
    fn near_miss_is_clean() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": ["lambda.amazonaws.com", "logs.us-east-1.amazonaws.com", "ec2.amazonaws.com.cn", "ops.apigateway.amazonaws.com"]}, "Action": "sts:AssumeRole"}]}"#;
        assert!(findings_of(CODE, src, trust()).is_empty());
        assert!(findings_of(CODE, TRIGGER, identity()).is_empty());
    }
}
