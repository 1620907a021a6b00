//! `PRIVATE_NOT_IP_ADDRESS`: `NotIpAddress` on `aws:SourceIp` with only
//! private addresses (the check lives in `private_ip_address.rs`).

use super::private_ip_address::PrivateIp;
use crate::finding::{FindingType, RuleInfo};
use warden_policy::operator::OperatorKind;

/// The rule.
pub static RULE: PrivateIp = PrivateIp::new(
    RuleInfo {
        code: "PRIVATE_NOT_IP_ADDRESS",
        finding_type: FindingType::Error,
        summary: "`NotIpAddress` on `aws:SourceIp` lists only private addresses.",
        documentation: "What: a `NotIpAddress` condition on `aws:SourceIp` whose every value lies in a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7).\nWhy: `aws:SourceIp` never carries a private address, so no request is excluded: the condition always matches and does not restrict anything (a Deny meant to block outside networks blocks everyone, including callers from the VPC).\nExample: `\"NotIpAddress\": {\"aws:SourceIp\": [\"10.0.0.0/8\", \"172.16.0.0/12\"]}`.\nFix: list the public ranges to exclude; to tell VPC traffic apart, use `aws:SourceVpc`, `aws:SourceVpce` or `aws:VpcSourceIp`.",
    },
    OperatorKind::NotIpAddress,
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "PRIVATE_NOT_IP_ADDRESS";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": "172.16.0.0/12"}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""172.16.0.0/12""#.to_string()]
        );
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": ["172.16.0.0/12", "198.51.100.0/24"]}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}]}"#,
        ] {
            assert!(findings_of(CODE, src, identity()).is_empty(), "{src}");
        }
    }
}
