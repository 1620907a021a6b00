//! `TYPE_MISMATCH_IP_RANGE`: an IP operator's value is not an IP address or CIDR range.

use super::util::conditions;
use super::values::parse_cidr;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;
use warden_policy::operator::Family;
use warden_policy::policy::ScalarKind;

/// The rule.
pub static RULE: TypeMismatchIpRange = TypeMismatchIpRange;

/// Reports values of `IpAddress`/`NotIpAddress` that do not parse as CIDR.
pub struct TypeMismatchIpRange;

static INFO: RuleInfo = RuleInfo {
    code: "TYPE_MISMATCH_IP_RANGE",
    finding_type: FindingType::Error,
    summary: "An `IpAddress`/`NotIpAddress` value is not an IP address or CIDR range.",
    documentation: "What: a value of an IP address operator (with or without qualifier or `IfExists`) that is not an IPv4 or IPv6 address, optionally followed by `/` and a prefix length no longer than the address.\nWhy: the value cannot be compared with the request's address, so it never matches; with `NotIpAddress` the condition then matches every request.\nExample: `\"IpAddress\": {\"aws:SourceIp\": \"203.0.113.0-203.0.113.255\"}`.\nFix: write the range in CIDR notation, e.g. `203.0.113.0/24` or `2001:db8::/32`.",
};

impl Rule for TypeMismatchIpRange {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for (_, c) in conditions(cx) {
            let Some(op) = c.operator else { continue };
            if op.kind.family() != Family::Ip {
                continue;
            }
            for v in &c.values {
                if v.kind == ScalarKind::String && v.text.contains("${") {
                    continue;
                }
                if v.kind != ScalarKind::String || parse_cidr(&v.text).is_none() {
                    out.report(
                        v.span,
                        format!(
                            "`{}` is not an IP address or CIDR range for the operator {}",
                            v.text, c.operator_text.value
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

    const CODE: &str = "TYPE_MISMATCH_IP_RANGE";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"NotIpAddressIfExists": {"aws:SourceIp": ["203.0.113.0/24", "203.0.113.0-203.0.113.255", "198.51.100.0/33"]}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![
                r#""203.0.113.0-203.0.113.255""#.to_string(),
                r#""198.51.100.0/33""#.to_string()
            ]
        );
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "198.51.100.7", "2001:DB8:1234:5678::/64"]}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceVpc": "not-an-ip"}}}]}"#,
        ] {
            assert!(findings_of(CODE, src, identity()).is_empty(), "{src}");
        }
    }
}
