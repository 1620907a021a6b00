//! `INVALID_ARN_REGION`: the Region of a `Resource` ARN cannot be a Region.

use super::util::{self, ArnCheck};
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: ArnCheck = ArnCheck::new(
    RuleInfo {
        code: "INVALID_ARN_REGION",
        finding_type: FindingType::Error,
        summary: "The Region of a `Resource` ARN is not a Region code.",
        documentation: "What: the Region field of a `Resource` or `NotResource` ARN is not shaped like an AWS Region code (`us-east-1`, `eu-central-2`, `us-gov-west-1`, ...): lowercase words joined by `-` ending in a number. Warden checks the shape only, not whether the service runs in that Region.\nWhy: no resource lives in such a Region, so the entry matches nothing; typical causes are a Region name (`N. Virginia`), an availability zone (`us-east-1a`) or a typo.\nExample: `\"Resource\": \"arn:aws:sqs:us-east-1a:123456789012:my-queue\"`.\nFix: write the Region code, or `*` for every Region.",
    },
    check,
);

/// Whether `region` has the shape of a Region code.
fn is_region_code(region: &str) -> bool {
    let parts: Vec<&str> = region.split('-').collect();
    let [first, middle @ .., last] = parts.as_slice() else {
        return false;
    };
    parts.len() >= 3
        && (2..=4).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_lowercase())
        && middle
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()))
        && !last.is_empty()
        && last.bytes().all(|b| b.is_ascii_digit())
}

/// A message when the Region cannot be a Region code.
fn check(value: &str) -> Option<String> {
    let [_, _, service, region, ..] = util::arn_fields(value)?;
    if region.is_empty() || util::is_open(region) || is_region_code(region) {
        return None;
    }
    // Where the service has no Regions at all, ARN_REGION_NOT_ALLOWED says so.
    if util::formats(service).is_some_and(|fs| fs.iter().all(|f| f.region.is_empty())) {
        return None;
    }
    Some(format!(
        "the Region `{region}` is not valid for this resource; update the resource ARN to include a supported Region"
    ))
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "INVALID_ARN_REGION";

    fn policy(resource: &str) -> String {
        format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": "*", "Resource": {resource}}}]}}"#
        )
    }

    #[test]
    fn triggers_at_the_exact_span() {
        let src = policy(
            r#"["arn:aws:sqs:us-east-1:123456789012:q", "arn:aws:sqs:us-east-1a:123456789012:q"]"#,
        );
        assert_eq!(
            findings_of(CODE, &src, identity()),
            vec![r#""arn:aws:sqs:us-east-1a:123456789012:q""#.to_string()]
        );
        assert_findings!(CODE, &src, identity());
        let src = policy(r#""arn:aws:sqs:US-EAST-1:123456789012:q""#);
        assert_eq!(
            findings_of(CODE, &src, identity()),
            vec![r#""arn:aws:sqs:US-EAST-1:123456789012:q""#.to_string()]
        );
        assert_findings!(CODE, &src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for r in [
            r#""*""#,
            r#""arn:aws:sqs:us-gov-west-1:123456789012:q""#,
            r#""arn:aws:sqs:eusc-de-east-1:123456789012:q""#,
            r#""arn:aws:sqs:us-*:123456789012:q""#,
            r#""arn:aws:iam:us-east-1a:123456789012:role/a""#,
        ] {
            assert!(findings_of(CODE, &policy(r), identity()).is_empty(), "{r}");
        }
    }
}
