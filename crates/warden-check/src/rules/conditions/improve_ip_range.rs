//! `IMPROVE_IP_RANGE`: a CIDR range with bits set past its prefix.

use super::util::conditions;
use super::values::parse_cidr;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;
use warden_policy::operator::Family;
use warden_policy::policy::ScalarKind;

/// The rule.
pub static RULE: ImproveIpRange = ImproveIpRange;

/// Reports `203.0.113.5/24`-style values and proposes `203.0.113.0/24`.
pub struct ImproveIpRange;

static INFO: RuleInfo = RuleInfo {
    code: "IMPROVE_IP_RANGE",
    finding_type: FindingType::Suggestion,
    summary: "An IP range has non-zero bits after its prefix.",
    documentation: "What: a CIDR value of an IP address operator whose address has bits set past the prefix length.\nWhy: those bits are ignored, so the range is wider than the address suggests; `203.0.113.5/24` covers all of `203.0.113.0/24`, which a reader may not realise.\nExample: `\"IpAddress\": {\"aws:SourceIp\": \"203.0.113.5/24\"}`.\nFix: write the network address (`203.0.113.0/24`), or a longer prefix (`203.0.113.5/32`) if one address was meant.",
};

impl Rule for ImproveIpRange {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for (_, c) in conditions(cx) {
            let Some(op) = c.operator else { continue };
            if op.kind.family() != Family::Ip {
                continue;
            }
            for v in c.values.iter().filter(|v| v.kind == ScalarKind::String) {
                let Some(cidr) = parse_cidr(&v.text) else {
                    continue;
                };
                if cidr.has_host_bits() {
                    out.report(
                        v.span,
                        format!(
                            "the bits of `{}` past the /{} prefix are ignored; write {}/{}",
                            v.text,
                            cidr.len,
                            cidr.network(),
                            cidr.len
                        ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check;
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "IMPROVE_IP_RANGE";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": ["203.0.113.5/24", "198.51.100.0/24", "2001:db8::1/32"]}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![
                r#""203.0.113.5/24""#.to_string(),
                r#""2001:db8::1/32""#.to_string()
            ]
        );
        assert_findings!(CODE, src, identity());
        let f = check(src, &identity());
        assert!(f
            .iter()
            .any(|f| f.code == CODE && f.message.ends_with("write 203.0.113.0/24")));
    }

    #[test]
    fn near_miss_is_clean() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "198.51.100.7", "0.0.0.0/0"]}, "StringEquals": {"aws:UserAgent": "203.0.113.5/24"}}}]}"#;
        assert!(findings_of(CODE, src, identity()).is_empty());
    }
}
