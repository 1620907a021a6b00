//! `INVALID_VARIABLE_FOR_OPERATOR`: a policy variable in the value of a
//! condition operator that does not substitute variables.

use super::variables::{self, Kind, Value};
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;
use warden_policy::operator::Family;
use warden_policy::policy::ScalarKind;

/// The rule.
pub static RULE: InvalidVariableForOperator = InvalidVariableForOperator;

/// Reports variables under Numeric, Date, Binary, IP address and Null operators.
pub struct InvalidVariableForOperator;

static INFO: RuleInfo = RuleInfo {
    code: "INVALID_VARIABLE_FOR_OPERATOR",
    finding_type: FindingType::Error,
    summary: "A policy variable in the value of a Numeric, Date, Binary, IP address or Null condition.",
    documentation: "What: a condition value contains a policy variable such as `${aws:username}` under a `Numeric…`, `Date…`, `BinaryEquals`, `IpAddress`/`NotIpAddress` or `Null` operator (with or without a set qualifier or `IfExists`). `Bool` is not reported: AWS's current pages allow variables with it.\nWhy: these operators do not substitute variables; the value is read as a number, date, base-64 blob, CIDR or `true`/`false` and `${...}` is none of these, so the condition does not work as written.\nExample: `\"NumericLessThan\": {\"s3:max-keys\": \"${aws:PrincipalTag/max-keys}\"}`.\nFix: use a literal value, or compare with a String or ARN operator, which do substitute variables.",
};

impl Rule for InvalidVariableForOperator {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        let Some(policy) = cx.policy.filter(|_| cx.may_have_variables) else {
            return;
        };
        // Under 2008-10-17 there are no variables (VARIABLE_UNSUPPORTED_IN_VERSION).
        if !policy.variables_enabled() {
            return;
        }
        for c in policy.statements.iter().flat_map(|st| &st.conditions) {
            let Some(op) = c.operator else {
                continue;
            };
            let family = op.kind.family();
            if !matches!(
                family,
                Family::Numeric | Family::Date | Family::Binary | Family::Ip | Family::Null
            ) {
                continue;
            }
            for cv in c.values.iter().filter(|v| v.kind == ScalarKind::String) {
                let v = Value {
                    text: &cv.text,
                    span: cv.span,
                };
                for p in variables::scan(v.text) {
                    if p.kind == Kind::Variable {
                        out.report(
                            variables::sub_span(cx, v, p.start, p.end),
                            format!(
                                "policy variables can only be used with String and ARN operators, not with `{}`",
                                c.operator_text.value
                            ),
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

    const CODE: &str = "INVALID_VARIABLE_FOR_OPERATOR";

    fn policy(condition: &str) -> String {
        format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {condition}}}]}}"#
        )
    }

    #[test]
    fn triggers_at_the_exact_span() {
        let src = policy(
            r#"{"NumericLessThanIfExists": {"s3:max-keys": ["10", "${aws:PrincipalTag/max}"]}, "IpAddress": {"aws:SourceIp": "${aws:PrincipalTag/cidr}"}}"#,
        );
        assert_eq!(
            findings_of(CODE, &src, identity()),
            vec![
                "${aws:PrincipalTag/max}".to_string(),
                "${aws:PrincipalTag/cidr}".to_string()
            ]
        );
        assert_findings!(CODE, &src, identity());
        for op in [
            "DateGreaterThan",
            "BinaryEquals",
            "NotIpAddress",
            "Null",
            "ForAnyValue:NumericEquals",
        ] {
            let src = policy(&format!(r#"{{"{op}": {{"aws:x": "a${{aws:userid}}"}}}}"#));
            assert_eq!(
                findings_of(CODE, &src, identity()),
                vec!["${aws:userid}".to_string()],
                "{op}"
            );
            assert_findings!(CODE, &src, identity());
        }
    }

    #[test]
    fn near_miss_is_clean() {
        for c in [
            r#"{"StringEquals": {"aws:ResourceTag/owner": "${aws:username}"}}"#,
            r#"{"ArnLike": {"aws:SourceArn": "arn:aws:s3:::${aws:PrincipalTag/b}"}}"#,
            r#"{"Bool": {"aws:SecureTransport": "${aws:PrincipalTag/secure}"}}"#,
            r#"{"NumericLessThan": {"s3:max-keys": ["10", 10]}}"#,
            r#"{"IpAddress": {"aws:SourceIp": "${*}"}}"#,
        ] {
            assert!(findings_of(CODE, &policy(c), identity()).is_empty(), "{c}");
        }
        let src = policy(r#"{"NumericLessThan": {"s3:max-keys": "${aws:PrincipalTag/max}"}}"#)
            .replace("2012-10-17", "2008-10-17");
        assert!(findings_of(CODE, &src, identity()).is_empty());
    }
}
