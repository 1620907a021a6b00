//! `PRIVATE_IP_ADDRESS` and `PRIVATE_NOT_IP_ADDRESS`: `aws:SourceIp` compared
//! only with private addresses.

use super::util::conditions;
use super::values::{is_private, parse_cidr};
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;
use warden_policy::operator::OperatorKind;
use warden_policy::policy::ScalarKind;

/// `PRIVATE_IP_ADDRESS`.
pub static RULE: PrivateIp = PrivateIp::new(
    RuleInfo {
        code: "PRIVATE_IP_ADDRESS",
        finding_type: FindingType::Error,
        summary: "`IpAddress` on `aws:SourceIp` lists only private addresses.",
        documentation: "What: an `IpAddress` condition on `aws:SourceIp` whose every value lies in a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7).\nWhy: `aws:SourceIp` carries the public address a request comes from; requests through a VPC endpoint carry no public address, and private ones never appear, so the condition never matches and the statement has no effect.\nExample: `\"IpAddress\": {\"aws:SourceIp\": \"10.0.0.0/8\"}`.\nFix: list public ranges; to restrict traffic from a VPC, use `aws:SourceVpc`, `aws:SourceVpce` or `aws:VpcSourceIp`.",
    },
    OperatorKind::IpAddress,
);

/// The check, for one of the two operators.
pub struct PrivateIp {
    info: RuleInfo,
    kind: OperatorKind,
}

impl PrivateIp {
    /// The check of `kind` (`IpAddress` or `NotIpAddress`) under `info`.
    pub(super) const fn new(info: RuleInfo, kind: OperatorKind) -> Self {
        PrivateIp { info, kind }
    }
}

impl Rule for PrivateIp {
    fn info(&self) -> &RuleInfo {
        &self.info
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for (_, c) in conditions(cx) {
            let Some(op) = c.operator else { continue };
            if op.kind != self.kind || !c.key.value.eq_ignore_ascii_case("aws:SourceIp") {
                continue;
            }
            let all_private = !c.values.is_empty()
                && c.values.iter().all(|v| {
                    v.kind == ScalarKind::String && parse_cidr(&v.text).is_some_and(is_private)
                });
            if all_private {
                let message = if self.kind == OperatorKind::IpAddress {
                    "aws:SourceIp is only compared with private addresses here, which it never carries; the condition never matches"
                } else {
                    "aws:SourceIp is only compared with private addresses here, which it never carries; the NotIpAddress condition always matches"
                };
                out.report(c.values_span, message);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "PRIVATE_IP_ADDRESS";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "192.168.1.1"]}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#"["10.0.0.0/8", "192.168.1.1"]"#.to_string()]
        );
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "203.0.113.0/24"]}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/8"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}]}"#,
        ] {
            assert!(findings_of(CODE, src, identity()).is_empty(), "{src}");
        }
    }
}
