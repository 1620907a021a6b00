//! `VARIABLE_UNSUPPORTED_IN_VERSION`: a policy variable in a policy whose
//! language version does not have variables.

use super::variables::{self, Kind};
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;

/// The rule.
pub static RULE: VariableUnsupportedInVersion = VariableUnsupportedInVersion;

/// Reports variables under version 2008-10-17 (or no `Version`).
pub struct VariableUnsupportedInVersion;

static INFO: RuleInfo = RuleInfo {
    code: "VARIABLE_UNSUPPORTED_IN_VERSION",
    finding_type: FindingType::Error,
    summary: "A policy variable in a policy without `\"Version\": \"2012-10-17\"`.",
    documentation: "What: a `Resource`, `NotResource` or `Condition` value contains a policy variable such as `${aws:username}`, but the policy's `Version` is `2008-10-17` or missing (which means `2008-10-17`).\nWhy: variables exist only in the 2012-10-17 policy language; under the older one `${aws:username}` is a literal string, so the statement matches no resource or value the author meant.\nExample: `{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"arn:aws:s3:::home/${aws:username}/*\"}]}`.\nFix: add `\"Version\": \"2012-10-17\"` at the top of the document (or replace it).",
};

impl Rule for VariableUnsupportedInVersion {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        let Some(policy) = cx.policy.filter(|_| cx.may_have_variables) else {
            return;
        };
        if policy.variables_enabled() {
            return;
        }
        for st in &policy.statements {
            for v in variables::interpreted_values(st) {
                for p in variables::scan(v.text) {
                    if p.kind == Kind::Variable {
                        out.report(
                            variables::sub_span(cx, v, p.start, p.end),
                            "to include variables in your policy, use the policy version 2012-10-17 or later",
                        );
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "VARIABLE_UNSUPPORTED_IN_VERSION";

    const STATEMENT: &str = r#""Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::b/x", "arn:aws:s3:::b/${aws:username}/*"], "Condition": {"StringEquals": {"aws:ResourceTag/owner": "${aws:userid, 'x'}"}}}]"#;

    #[test]
    fn triggers_at_the_exact_span() {
        let expected = vec![
            "${aws:username}".to_string(),
            "${aws:userid, 'x'}".to_string(),
        ];
        let src = format!(r#"{{"Version": "2008-10-17", {STATEMENT}}}"#);
        assert_eq!(findings_of(CODE, &src, identity()), expected);
        assert_findings!(CODE, &src, identity());
        let src = format!(r#"{{{STATEMENT}}}"#);
        assert_eq!(findings_of(CODE, &src, identity()), expected);
        assert_findings!(CODE, &src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        let src = format!(r#"{{"Version": "2012-10-17", {STATEMENT}}}"#);
        assert!(findings_of(CODE, &src, identity()).is_empty());
        let src = r#"{"Version": "2008-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:username/*"}]}"#;
        assert!(findings_of(CODE, src, identity()).is_empty());
    }
}
