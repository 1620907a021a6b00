//! `PRIVATE_NOT_IP_ADDRESS_SUBSET`: `NotIpAddress` on `aws:SourceIp` with
//! public and private addresses together (the check lives in
//! `private_ip_address_subset.rs`).

use super::private_ip_address_subset::PrivateIpSubset;
use crate::finding::{FindingType, RuleInfo};
use warden_policy::operator::OperatorKind;

/// The rule.
pub static RULE: PrivateIpSubset = PrivateIpSubset::new(
    RuleInfo {
        code: "PRIVATE_NOT_IP_ADDRESS_SUBSET",
        finding_type: FindingType::Suggestion,
        summary: "`NotIpAddress` on `aws:SourceIp` mixes public and private addresses; the private ones have no effect.",
        documentation: "What: a `NotIpAddress` condition on `aws:SourceIp` listing both public ranges and ranges inside a private block (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7). Each private value is reported. (When every value is private, `PRIVATE_NOT_IP_ADDRESS` reports the condition instead.)\nWhy: `aws:SourceIp` only ever carries public addresses, so listing a private range excludes no request: a Deny meant to spare callers from the VPC still applies to them (through an endpoint the key is absent or public).\nExample: `\"NotIpAddress\": {\"aws:SourceIp\": [\"198.51.100.0/24\", \"172.16.0.0/12\"]}`.\nFix: remove the private ranges; to tell VPC traffic apart, use `aws:VpcSourceIp` with `NotIpAddress`, or `aws:SourceVpc` / `aws:SourceVpce`.",
    },
    OperatorKind::NotIpAddress,
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "PRIVATE_NOT_IP_ADDRESS_SUBSET";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": ["198.51.100.0/24", "172.16.0.0/12"]}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""172.16.0.0/12""#.to_string()]
        );
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": ["198.51.100.0/24", "172.32.0.0/16"]}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": "172.16.0.0/12"}}}]}"#,
        ] {
            assert!(findings_of(CODE, src, identity()).is_empty(), "{src}");
        }
    }
}
