//! `VARIABLE_UNSUPPORTED_IN_ELEMENT`: a policy variable in `Action` or
//! `Principal` (or their `Not` forms).

use super::variables::{self, Kind};
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;

/// The rule.
pub static RULE: VariableUnsupportedInElement = VariableUnsupportedInElement;

/// Reports variables where AWS does not substitute them.
pub struct VariableUnsupportedInElement;

static INFO: RuleInfo = RuleInfo {
    code: "VARIABLE_UNSUPPORTED_IN_ELEMENT",
    finding_type: FindingType::Error,
    summary: "A policy variable in `Action`, `NotAction`, `Principal` or `NotPrincipal`.",
    documentation: "What: a value of `Action`, `NotAction`, `Principal` or `NotPrincipal` contains a policy variable such as `${aws:username}`.\nWhy: AWS substitutes variables only in `Resource`/`NotResource` and in `Condition` values; elsewhere `${aws:username}` is literal text, so the action or principal never matches what the author meant.\nExample: `\"Principal\": {\"AWS\": \"arn:aws:iam::${aws:PrincipalAccount}:root\"}`.\nFix: name the actions or principals literally, and move the dynamic part into a `Condition` (for instance `aws:PrincipalAccount`).",
};

impl Rule for VariableUnsupportedInElement {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        let Some(policy) = cx.policy.filter(|_| cx.may_have_variables) else {
            return;
        };
        for st in &policy.statements {
            for v in variables::uninterpreted_values(st) {
                for p in variables::scan(v.text) {
                    if p.kind == Kind::Variable {
                        out.report(
                            variables::sub_span(cx, v, p.start, p.end),
                            "policy variables are supported in the Resource and Condition elements; remove the policy variable from this element",
                        );
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity, resource};

    const CODE: &str = "VARIABLE_UNSUPPORTED_IN_ELEMENT";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:${aws:username}"], "Resource": "*"}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec!["${aws:username}".to_string()]
        );
        assert_findings!(CODE, src, identity());
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotPrincipal": {"AWS": ["arn:aws:iam::${aws:PrincipalAccount}:root"]}, "Action": "s3:*", "Resource": "*"}]}"#;
        assert_eq!(
            findings_of(CODE, src, resource()),
            vec!["${aws:PrincipalAccount}".to_string()]
        );
        assert_findings!(CODE, src, resource());
    }

    #[test]
    fn near_miss_is_clean() {
        // Variables in Resource and Condition are fine, as are escapes.
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "s3:${*}", "Resource": "arn:aws:s3:::b/${aws:username}", "Condition": {"StringEquals": {"aws:PrincipalAccount": "${aws:ResourceAccount}"}}}]}"#;
        assert!(findings_of(CODE, src, resource()).is_empty());
    }
}
