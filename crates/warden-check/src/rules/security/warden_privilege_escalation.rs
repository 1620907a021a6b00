//! `WARDEN_PRIVILEGE_ESCALATION`: an Allow that reaches a known IAM
//! privilege-escalation method.

use super::reach::{broad_resource, grants, reached_in, PrefixSet};
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;
use std::sync::OnceLock;
use warden_catalog::glob::glob_match;
use warden_policy::policy::Statement;

/// The rule.
pub static RULE: PrivilegeEscalation = PrivilegeEscalation;

/// Reports, once per statement, the action entry (or `NotAction` key) through
/// which the statement grants a privilege-escalation method.
pub struct PrivilegeEscalation;

static INFO: RuleInfo = RuleInfo {
    code: "WARDEN_PRIVILEGE_ESCALATION",
    finding_type: FindingType::SecurityWarning,
    summary: "An Allow reaches a known IAM privilege-escalation method.",
    documentation: "What: an Allow statement that grants, through `Action` (exactly or by a wildcard) or through a `NotAction` that does not exclude it, either an IAM action that changes what a principal may do on every user, role, group or policy (`iam:CreatePolicyVersion`, `iam:SetDefaultPolicyVersion`, `iam:Attach*Policy`, `iam:Put*Policy`, `iam:UpdateAssumeRolePolicy`, `iam:CreateAccessKey`, `iam:CreateLoginProfile`, `iam:UpdateLoginProfile`, `iam:AddUserToGroup`; resource `*`, an account-wide IAM ARN such as `arn:aws:iam::111122223333:role/*`, or `NotResource`), or an action that starts compute under a role (`lambda:CreateFunction` with `lambda:InvokeFunction` or `lambda:CreateEventSourceMapping`, `ec2:RunInstances`, `cloudformation:CreateStack`, Glue dev endpoints and jobs, `codebuild:CreateProject`, SageMaker notebooks, training and processing jobs, `datapipeline:CreatePipeline`, `ecs:RunTask`, `ecs:RegisterTaskDefinition`) while the same policy allows `iam:PassRole` on broad resources to the service that runs it (an `iam:PassedToService` condition naming only other services rules the method out). The message names the method. Conditions are not evaluated: a condition narrows when the grant applies, not what it grants, so a reviewer must still look at it.\nWhy: each of these lets the holder give itself, or a principal it controls, more permissions than the policy grants: write and activate a policy version, attach `AdministratorAccess` to itself, rewrite a role's trust policy, mint keys or a console password for another user, or pass a more powerful role to code it runs and act as that role. Whoever holds such a policy is effectively as privileged as the most powerful principal it can reach.\nExample: `{\"Effect\": \"Allow\", \"Action\": \"iam:AttachUserPolicy\", \"Resource\": \"*\"}`, or `iam:PassRole` on `*` together with `ec2:RunInstances`.\nFix: restrict the resources to the specific users, roles, groups and policies the workload manages (and use a permissions boundary with `iam:PermissionsBoundary` conditions when it must create or change principals); restrict `iam:PassRole` to named role ARNs with an `iam:PassedToService` condition.",
};

/// IAM actions that escalate privileges on their own when allowed on broad
/// resources, with the method for the message. Written for Warden after the
/// privilege-escalation categories popularised by cloudsplaining and Rhino
/// Security Labs' research (the lists are Warden's own; the tests check that
/// every name is in the catalog).
const DIRECT: &[(&str, &str)] = &[
    (
        "iam:CreatePolicyVersion",
        "write a new default version of any managed policy",
    ),
    (
        "iam:SetDefaultPolicyVersion",
        "switch a managed policy to a more permissive version",
    ),
    (
        "iam:AttachUserPolicy",
        "attach any managed policy to a user",
    ),
    (
        "iam:AttachGroupPolicy",
        "attach any managed policy to a group",
    ),
    (
        "iam:AttachRolePolicy",
        "attach any managed policy to a role",
    ),
    ("iam:PutUserPolicy", "write an inline policy on a user"),
    ("iam:PutGroupPolicy", "write an inline policy on a group"),
    ("iam:PutRolePolicy", "write an inline policy on a role"),
    (
        "iam:UpdateAssumeRolePolicy",
        "rewrite a role's trust policy to assume it",
    ),
    ("iam:CreateAccessKey", "create access keys for another user"),
    (
        "iam:CreateLoginProfile",
        "create a console password for another user",
    ),
    (
        "iam:UpdateLoginProfile",
        "change another user's console password",
    ),
    (
        "iam:AddUserToGroup",
        "add a user to a more privileged group",
    ),
];

/// Methods that pass a role to new compute: the action reported (the
/// anchor), the other actions the policy must also allow (each inner list is
/// any-of), and the method for the message. Each also needs `iam:PassRole`
/// on broad resources somewhere in the policy.
const PASS_ROLE_METHODS: &[(&str, &[&[&str]], &str)] = &[
    (
        "lambda:CreateFunction",
        &[&["lambda:InvokeFunction", "lambda:CreateEventSourceMapping"]],
        "create and run a Lambda function with a passed role",
    ),
    (
        "ec2:RunInstances",
        &[],
        "launch an EC2 instance with a passed role",
    ),
    (
        "cloudformation:CreateStack",
        &[],
        "create a CloudFormation stack with a passed role",
    ),
    (
        "glue:CreateDevEndpoint",
        &[],
        "create a Glue development endpoint with a passed role",
    ),
    (
        "glue:UpdateDevEndpoint",
        &[],
        "update a Glue development endpoint with a passed role",
    ),
    (
        "glue:CreateJob",
        &[],
        "create a Glue job with a passed role",
    ),
    (
        "codebuild:CreateProject",
        &[],
        "create a CodeBuild project with a passed role",
    ),
    (
        "sagemaker:CreateNotebookInstance",
        &[],
        "create a SageMaker notebook instance with a passed role",
    ),
    (
        "sagemaker:CreateTrainingJob",
        &[],
        "run a SageMaker training job with a passed role",
    ),
    (
        "sagemaker:CreateProcessingJob",
        &[],
        "run a SageMaker processing job with a passed role",
    ),
    (
        "datapipeline:CreatePipeline",
        &[],
        "create a Data Pipeline with a passed role",
    ),
    ("ecs:RunTask", &[], "run an ECS task with a passed role"),
    (
        "ecs:RegisterTaskDefinition",
        &[],
        "register an ECS task definition with a passed role",
    ),
];

impl Rule for PrivilegeEscalation {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        let Some(policy) = cx.policy else { return };
        let statements = &policy.statements;
        let targets = pass_role_targets(statements);
        let anywhere = |name: &str| statements.iter().any(|st| grants(st, name));
        let active: Vec<&str> = PASS_ROLE_METHODS
            .iter()
            .filter(|(anchor, also, _)| {
                targets.reach(receiving_service(anchor))
                    && also.iter().all(|any| any.iter().any(|n| anywhere(n)))
            })
            .map(|(anchor, _, _)| *anchor)
            .collect();
        for st in statements {
            if let Some((name, span)) = escalation(st, &active) {
                out.report(span, message(name));
            }
        }
    }
}

/// The services to which the policy lets broad roles be passed.
enum PassTargets {
    /// No `iam:PassRole` on broad resources.
    Nowhere,
    /// `iam:PassRole` on broad resources without an `iam:PassedToService`
    /// condition naming the services.
    Anywhere,
    /// Only to services matching these `iam:PassedToService` values.
    Services(Vec<String>),
}

impl PassTargets {
    fn reach(&self, service: &str) -> bool {
        match self {
            PassTargets::Nowhere => false,
            PassTargets::Anywhere => true,
            PassTargets::Services(v) => v.iter().any(|p| glob_match(p, service, true)),
        }
    }
}

/// Collects where the policy's broad `iam:PassRole` grants may pass roles.
fn pass_role_targets(statements: &[Statement]) -> PassTargets {
    let mut out = PassTargets::Nowhere;
    for st in statements
        .iter()
        .filter(|st| broad_resource(st) && grants(st, "iam:PassRole"))
    {
        let values: Vec<String> = st
            .conditions
            .iter()
            .filter(|c| {
                let op = c.operator_text.value.to_ascii_lowercase();
                c.key.value.eq_ignore_ascii_case("iam:PassedToService")
                    && !op.starts_with("null")
                    && !op.contains("not")
            })
            .flat_map(|c| c.values.iter().map(|v| v.text.clone()))
            .collect();
        if values.is_empty() {
            return PassTargets::Anywhere;
        }
        match &mut out {
            PassTargets::Services(v) => v.extend(values),
            _ => out = PassTargets::Services(values),
        }
    }
    out
}

/// The service principal that receives the role a method passes.
fn receiving_service(anchor: &str) -> &'static str {
    match anchor.split(':').next().unwrap_or_default() {
        "lambda" => "lambda.amazonaws.com",
        "ec2" => "ec2.amazonaws.com",
        "cloudformation" => "cloudformation.amazonaws.com",
        "glue" => "glue.amazonaws.com",
        "codebuild" => "codebuild.amazonaws.com",
        "sagemaker" => "sagemaker.amazonaws.com",
        "datapipeline" => "datapipeline.amazonaws.com",
        "ecs" => "ecs-tasks.amazonaws.com",
        _ => "",
    }
}

/// The first escalation the statement grants: a direct method when its
/// resources are broad, else one of the active pass-role anchors.
fn escalation<'n>(st: &Statement, active: &[&'n str]) -> Option<(&'n str, warden_policy::Span)> {
    let mut names: Vec<&'n str> = Vec::new();
    if broad_resource(st) {
        names.extend(DIRECT.iter().map(|(n, _)| *n));
    }
    names.extend(active.iter().copied());
    // One filter for every name this rule can look for.
    static SERVICES: OnceLock<PrefixSet> = OnceLock::new();
    let services = SERVICES.get_or_init(|| {
        let all: Vec<&str> = DIRECT
            .iter()
            .map(|(n, _)| *n)
            .chain(PASS_ROLE_METHODS.iter().map(|(n, _, _)| *n))
            .collect();
        PrefixSet::of(&all)
    });
    reached_in(st, &names, services)
}

fn message(name: &str) -> String {
    if let Some((_, how)) = DIRECT.iter().find(|(n, _)| *n == name) {
        return format!("allows {name} on broad resources: privilege escalation ({how})");
    }
    match PASS_ROLE_METHODS.iter().find(|(n, _, _)| *n == name) {
        Some((_, also, how)) => {
            let mut with: Vec<String> = vec!["iam:PassRole".to_string()];
            with.extend(also.iter().map(|any| any.join(" or ")));
            format!(
                "allows {name} with {}: privilege escalation ({how})",
                with.join(" and ")
            )
        }
        None => format!("allows {name}: privilege escalation"),
    }
}

#[cfg(test)]
mod tests {
    use super::{DIRECT, PASS_ROLE_METHODS};
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "WARDEN_PRIVILEGE_ESCALATION";

    #[test]
    fn every_listed_action_is_in_the_catalog() {
        let names = DIRECT
            .iter()
            .map(|(n, _)| *n)
            .chain(PASS_ROLE_METHODS.iter().flat_map(|(a, also, _)| {
                std::iter::once(*a).chain(also.iter().flat_map(|x| x.iter().copied()))
            }));
        for n in names {
            assert!(warden_catalog::action(n).is_some(), "{n}");
        }
        for (anchor, _, _) in PASS_ROLE_METHODS {
            assert!(!super::receiving_service(anchor).is_empty(), "{anchor}");
        }
    }

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "iam:Attach*"], "Resource": "*"}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""iam:Attach*""#.to_string()]
        );
        assert_findings!(CODE, src, identity());
        // Administrator access: one finding for the statement.
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""*""#.to_string()]
        );
        assert_findings!(CODE, src, identity());
        // NotAction: at the key.
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": "s3:*", "Resource": "arn:aws:iam::111122223333:user/*"}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""NotAction""#.to_string()]
        );
        assert_findings!(CODE, src, identity());
        // PassRole with compute in another statement.
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}, {"Effect": "Allow", "Action": ["s3:ListBucket", "ec2:RunInstances"], "Resource": "arn:aws:ec2:*:*:instance/*"}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""ec2:RunInstances""#.to_string()]
        );
        assert_findings!(CODE, src, identity());
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"], "Resource": "*"}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""lambda:CreateFunction""#.to_string()]
        );
        assert_findings!(CODE, src, identity());
        let f = crate::check(src, &identity());
        assert!(f
            .iter()
            .any(|f| f.code == CODE && f.message.contains("lambda:InvokeFunction")));
    }

    #[test]
    fn passed_to_service_must_match_the_method() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": {"StringLike": {"iam:PassedToService": ["sagemaker.amazonaws.com", "ec2.amazon*"]}}}, {"Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "*"}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""ec2:RunInstances""#.to_string()]
        );
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:AttachUserPolicy", "Resource": "arn:aws:iam::111122223333:user/app/*"}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "iam:*", "Resource": "*"}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["iam:Get*", "iam:List*"], "Resource": "*"}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]}"#,
            // Lambda without a way to run the function.
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["iam:PassRole", "lambda:CreateFunction"], "Resource": "*"}]}"#,
            // PassRole only to another service.
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": {"StringEquals": {"iam:PassedToService": "sagemaker.amazonaws.com"}}}, {"Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "*"}]}"#,
            // PassRole limited to one role.
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/app"}, {"Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "*"}]}"#,
        ] {
            assert!(findings_of(CODE, src, identity()).is_empty(), "{src}");
        }
    }
}
