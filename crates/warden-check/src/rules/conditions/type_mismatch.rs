//! `TYPE_MISMATCH`: an operator whose type does not fit the key's type.

use super::util::{classify, conditions, KeyClass};
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;
use warden_catalog::ConditionType;
use warden_policy::operator::Family;

/// The rule.
pub static RULE: TypeMismatch = TypeMismatch;

/// Reports operators of a family that cannot compare the key's type.
pub struct TypeMismatch;

static INFO: RuleInfo = RuleInfo {
    code: "TYPE_MISMATCH",
    finding_type: FindingType::Warning,
    summary: "The operator's type does not match the condition key's type.",
    documentation: "What: a known condition key compared with an operator of another type: a `Bool` key with `StringEquals`, a date key with `NumericLessThan`, an IP key with `StringLike`, and so on. `Null` fits every key; ARN keys also accept the string operators and string keys the ARN operators (AWS's own policies compare ARN-valued string keys with `ArnLike`); `aws:EpochTime` accepts the numeric operators.\nWhy: the operator reads the key's value as another type, so the comparison fails or means something else than intended.\nExample: `\"StringEquals\": {\"aws:MultiFactorAuthPresent\": \"true\"}`.\nFix: use an operator of the key's type (`Bool` here); `warden keys` shows each key's type.",
};

/// The operator families that can compare a key of type `t`.
fn allowed(t: ConditionType, key: &str) -> &'static [Family] {
    match t.scalar() {
        ConditionType::String => &[Family::String, Family::Arn],
        ConditionType::Numeric => &[Family::Numeric],
        ConditionType::Date if key.eq_ignore_ascii_case("aws:EpochTime") => {
            &[Family::Date, Family::Numeric]
        }
        ConditionType::Date => &[Family::Date],
        ConditionType::Bool => &[Family::Bool],
        ConditionType::Arn => &[Family::Arn, Family::String],
        ConditionType::IpAddress => &[Family::Ip],
        ConditionType::Binary => &[Family::Binary],
        _ => &[],
    }
}

fn family_name(f: Family) -> &'static str {
    match f {
        Family::String => "String",
        Family::Numeric => "Numeric",
        Family::Date => "Date",
        Family::Bool => "Bool",
        Family::Binary => "Binary",
        Family::Ip => "IpAddress",
        Family::Arn => "Arn",
        Family::Null => "Null",
    }
}

impl Rule for TypeMismatch {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for (_, c) in conditions(cx) {
            let Some(op) = c.operator else { continue };
            let family = op.kind.family();
            if family == Family::Null {
                continue;
            }
            let KeyClass::Known(key) = classify(&c.key.value) else {
                continue;
            };
            let ok = allowed(key.condition_type(), &c.key.value);
            if ok.is_empty() || ok.contains(&family) {
                continue;
            }
            let names: Vec<&str> = ok.iter().map(|f| family_name(*f)).collect();
            out.report(
                c.operator_text.span,
                format!(
                    "the condition key `{}` is of type {}; use a {} operator instead of {}",
                    c.key.value,
                    key.condition_type().as_str(),
                    names.join(" or "),
                    c.operator_text.value
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "TYPE_MISMATCH";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"aws:MultiFactorAuthPresent": "true", "aws:username": "a"}, "NumericLessThan": {"aws:CurrentTime": "5"}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![
                r#""StringEquals""#.to_string(),
                r#""NumericLessThan""#.to_string()
            ]
        );
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}, "StringLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/a"}, "NumericLessThan": {"aws:EpochTime": "1719748800"}, "Null": {"aws:SourceIp": "true"}, "ForAnyValue:StringEquals": {"aws:TagKeys": "a"}, "IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}]}"#;
        assert!(findings_of(CODE, src, identity()).is_empty());
    }
}
