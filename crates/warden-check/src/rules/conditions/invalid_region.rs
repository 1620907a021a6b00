//! `INVALID_REGION`: an `aws:RequestedRegion` value that is no Region code.

use super::util::{conditions, is_pattern};
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;
use warden_policy::operator::Family;
use warden_policy::policy::ScalarKind;

/// The rule.
pub static RULE: InvalidRegion = InvalidRegion;

/// Reports `aws:RequestedRegion` values not shaped like `us-east-1`.
pub struct InvalidRegion;

static INFO: RuleInfo = RuleInfo {
    code: "INVALID_REGION",
    finding_type: FindingType::Error,
    summary: "An `aws:RequestedRegion` value is not shaped like a Region code.",
    documentation: "What: a value of `aws:RequestedRegion` under a string operator that is not a Region code: two letters, an optional partition part (`gov`, `iso`, `isob`, `isoe`, `isof`), a direction (`east`, `northeast`, `central`, ...) and a number, joined by hyphens (values with wildcards or policy variables are not judged).\nWhy: the key holds the code of the Region a request is sent to; a Region name, an availability zone or a misspelt code never equals it, so the condition never matches, or always does when negated.\nExample: `\"StringEquals\": {\"aws:RequestedRegion\": [\"us-east-1a\", \"US East (Ohio)\"]}`.\nFix: use Region codes such as `us-east-1`, `eu-west-3` or `us-gov-west-1`.",
};

const PARTITION_PARTS: &[&str] = &["gov", "iso", "isob", "isoe", "isof"];
const DIRECTIONS: &[&str] = &[
    "east",
    "west",
    "north",
    "south",
    "central",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
];

/// Whether `text` is shaped like a Region code (`us-east-1`, `us-gov-west-1`).
fn is_region_code(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let (geo, mid, direction, number) = match parts.as_slice() {
        [g, d, n] => (*g, None, *d, *n),
        [g, m, d, n] => (*g, Some(*m), *d, *n),
        _ => return false,
    };
    geo.len() == 2
        && geo.bytes().all(|b| b.is_ascii_lowercase())
        && mid.is_none_or(|m| PARTITION_PARTS.contains(&m))
        && DIRECTIONS.contains(&direction)
        && !number.is_empty()
        && number.len() <= 2
        && number.bytes().all(|b| b.is_ascii_digit())
}

impl Rule for InvalidRegion {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for (_, c) in conditions(cx) {
            let Some(op) = c.operator else { continue };
            if op.kind.family() != Family::String
                || !c.key.value.eq_ignore_ascii_case("aws:RequestedRegion")
            {
                continue;
            }
            for v in &c.values {
                if v.kind == ScalarKind::String && !is_pattern(&v.text) && !is_region_code(&v.text)
                {
                    out.report(
                        v.span,
                        format!(
                            "The Region {} is not valid; use a Region code such as us-east-1",
                            v.text
                        ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "INVALID_REGION";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotAction": "iam:*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["us-east-1", "us-east-1a", "US-WEST-2", "eu-west"]}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![
                r#""us-east-1a""#.to_string(),
                r#""US-WEST-2""#.to_string(),
                r#""eu-west""#.to_string()
            ]
        );
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotAction": "iam:*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["us-east-1", "ap-southeast-7", "us-gov-west-1", "cn-northwest-1", "us-isob-east-1", "il-central-1"]}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotAction": "iam:*", "Resource": "*", "Condition": {"StringNotLike": {"aws:RequestedRegion": ["eu-*", "${aws:PrincipalTag/Region}"]}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotAction": "iam:*", "Resource": "*", "Condition": {"StringEquals": {"ec2:Region": "us-east-1a"}}}]}"#,
        ] {
            assert!(findings_of(CODE, src, identity()).is_empty(), "{src}");
        }
    }
}
