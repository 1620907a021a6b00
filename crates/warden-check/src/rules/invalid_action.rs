//! `INVALID_ACTION`: a known service has no action matching the entry.

use super::suggest::closest;
use super::Rule;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::memo::Memo;
use crate::CheckContext;
use warden_catalog::glob::has_wildcard;

/// The rule.
pub static RULE: InvalidAction = InvalidAction;

/// Reports `Action`/`NotAction` entries whose service prefix is known but
/// whose name (or name pattern) matches none of that service's actions.
pub struct InvalidAction;

static INFO: RuleInfo = RuleInfo {
    code: "INVALID_ACTION",
    finding_type: FindingType::Error,
    summary: "An action does not exist in its service.",
    documentation: "What: the service prefix is real, but no action of that service has this name, or no action matches this wildcard pattern.\nWhy: the entry grants (or denies) nothing; typically a misspelling, an API operation that has no IAM action of its own, or an action from another service.\nExample: `\"Action\": \"s3:GetObjekt\"` or `\"Action\": \"ec2:Descripe*\"`.\nFix: correct the name; `warden` suggests the closest action of the service, and `warden actions <service>` lists them.",
};

impl Rule for InvalidAction {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        // The verdict depends only on the entry's text, which policies repeat.
        thread_local! {
            static MEMO: Memo<Option<String>> = Memo::new();
        }
        for st in cx.policy.iter().flat_map(|p| &p.statements) {
            for v in st.action.iter().flat_map(|a| &a.values) {
                if let Some(message) = MEMO.with(|m| m.get_or(&v.value, || verdict(&v.value))) {
                    out.report(v.span, message);
                }
            }
        }
    }
}

/// The finding's message when `entry` names a known service but none of its
/// actions.
fn verdict(entry: &str) -> Option<String> {
    let (prefix, name) = entry.split_once(':')?;
    if has_wildcard(prefix) {
        return None;
    }
    let service = crate::memo::service(prefix)?;
    let exists = if has_wildcard(name) {
        // Existence only: stop at the first matching action.
        service.matching_actions(name).next().is_some()
    } else {
        service.action(name).is_some()
    };
    if exists {
        return None;
    }
    Some(match closest(name, service.actions().map(|a| a.name())) {
        Some(s) => format!(
            "the action `{entry}` does not exist; did you mean `{}:{s}`?",
            service.prefix()
        ),
        None => format!("the action `{entry}` does not exist"),
    })
}

#[cfg(test)]
mod tests {
    use crate::check;
    use crate::rules::testing::{assert_findings, findings_of, identity};

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObjekt", "s3:PutObject"], "Resource": "*"}]}"#;
        assert_eq!(
            findings_of("INVALID_ACTION", src, identity()),
            vec![r#""s3:GetObjekt""#.to_string()]
        );
        assert_findings!("INVALID_ACTION", src, identity());
        let f = check(src, &identity());
        let f = f.iter().find(|f| f.code == "INVALID_ACTION").unwrap();
        assert!(
            f.message.contains("did you mean `s3:GetObject`"),
            "{}",
            f.message
        );
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:Frobnicate*", "Resource": "*"}]}"#;
        assert_eq!(
            findings_of("INVALID_ACTION", src, identity()),
            vec![r#""ec2:Frobnicate*""#.to_string()]
        );
        assert_findings!("INVALID_ACTION", src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:getobject", "ec2:Describe*", "iam:*", "*"], "Resource": "*"}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "nosuchservice:GetObjekt", "Resource": "*"}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s*:GetObjekt", "Resource": "*"}]}"#,
        ] {
            assert!(
                findings_of("INVALID_ACTION", src, identity()).is_empty(),
                "{src}"
            );
        }
    }
}
