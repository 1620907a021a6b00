//! `INVALID_VPC_FORMAT`: an `aws:SourceVpc` value that is no VPC ID.

use super::vpc_id_format::VpcIdFormat;
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: VpcIdFormat = VpcIdFormat::new(
    RuleInfo {
        code: "INVALID_VPC_FORMAT",
        finding_type: FindingType::Error,
        summary: "An `aws:SourceVpc` value is not shaped like a VPC ID.",
        documentation: "What: a value of `aws:SourceVpc` under a string operator that is not `vpc-` followed by 8 or 17 letters and digits (values with wildcards or policy variables are not judged).\nWhy: the key holds the ID of the VPC a request came through; a value of another shape (a VPC name, an ARN, a CIDR, an endpoint ID) never equals it, so the condition never matches, or always does when negated.\nExample: `\"StringEquals\": {\"aws:SourceVpc\": \"my-vpc\"}`.\nFix: write the VPC ID as the console shows it, e.g. `vpc-1a2b3c4d` or `vpc-0123456789abcdef0`; for endpoint IDs use `aws:SourceVpce`.",
    },
    "aws:SourceVpc",
    "vpc-",
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "INVALID_VPC_FORMAT";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:SourceVpc": ["vpc-1a2b3c4d", "vpc-123", "vpce-1a2b3c4d"]}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""vpc-123""#.to_string(), r#""vpce-1a2b3c4d""#.to_string()]
        );
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:SourceVpc": ["vpc-1a2b3c4d", "vpc-0123456789abcdef0"]}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"StringNotLike": {"aws:SourceVpc": ["vpc-*", "${aws:PrincipalTag/vpc}"]}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}}]}"#,
        ] {
            assert!(findings_of(CODE, src, identity()).is_empty(), "{src}");
        }
    }
}
