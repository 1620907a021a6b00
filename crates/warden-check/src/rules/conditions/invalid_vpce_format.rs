//! `INVALID_VPCE_FORMAT`: an `aws:SourceVpce` value that is no VPC
//! endpoint ID.

use super::vpc_id_format::VpcIdFormat;
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: VpcIdFormat = VpcIdFormat::new(
    RuleInfo {
        code: "INVALID_VPCE_FORMAT",
        finding_type: FindingType::Error,
        summary: "An `aws:SourceVpce` value is not shaped like a VPC endpoint ID.",
        documentation: "What: a value of `aws:SourceVpce` under a string operator that is not `vpce-` followed by 8 or 17 letters and digits (values with wildcards or policy variables are not judged).\nWhy: the key holds the ID of the VPC endpoint a request came through; a value of another shape (a VPC ID, an endpoint ARN or DNS name) never equals it, so an Allow never matches and a negated Deny denies everything.\nExample: `\"StringNotEquals\": {\"aws:SourceVpce\": \"vpc-1a2b3c4d\"}`.\nFix: write the endpoint ID, e.g. `vpce-1a2b3c4d` or `vpce-0123456789abcdef0`; to match a whole VPC use `aws:SourceVpc`.",
    },
    "aws:SourceVpce",
    "vpce-",
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, resource};

    const CODE: &str = "INVALID_VPCE_FORMAT";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:sourceVpce": "vpc-1a2b3c4d"}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, resource()),
            vec![r#""vpc-1a2b3c4d""#.to_string()]
        );
        assert_findings!(CODE, src, resource());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:SourceVpce": ["vpce-1a2b3c4d", "vpce-0123456789abcdef0"]}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {"Null": {"aws:SourceVpce": "true"}}}]}"#,
        ] {
            assert!(findings_of(CODE, src, resource()).is_empty(), "{src}");
        }
    }
}
