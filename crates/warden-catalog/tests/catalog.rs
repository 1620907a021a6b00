//! Known facts about the embedded catalog, checked through the public API.

// Helpers outside `#[test]` functions panic on purpose, like assertions.
#![allow(clippy::panic)]

use std::collections::HashSet;
use warden_catalog::glob::glob_match;
use warden_catalog::{
    action, actions, condition_key, condition_keys, expand, global_condition_keys, resource_type,
    resource_types, resource_types_for_arn, service, services, AccessLevel, Action, ConditionType,
    DATA_VERSION,
};

fn act(name: &str) -> Action {
    action(name).unwrap_or_else(|| panic!("{name} not in the catalog"))
}

fn names(actions: &[Action]) -> Vec<String> {
    actions.iter().map(|a| a.to_string()).collect()
}

#[test]
fn version_and_counts() {
    assert!(DATA_VERSION.starts_with("0."), "{DATA_VERSION}");
    assert!(services().len() > 400, "{}", services().len());
    assert!(actions().len() > 15_000, "{}", actions().len());
    assert!(resource_types().len() > 1_500, "{}", resource_types().len());
    assert!(condition_keys().len() > 1_000, "{}", condition_keys().len());
    assert!(
        global_condition_keys().len() >= 45,
        "{}",
        global_condition_keys().len()
    );
    // Counts agree with what the services say.
    let per_service: usize = services().map(|s| s.actions().len()).sum();
    assert_eq!(per_service, actions().len());
    let per_service: usize = services().map(|s| s.resource_types().len()).sum();
    assert_eq!(per_service, resource_types().len());
}

#[test]
fn everything_is_sorted_and_round_trips() {
    let mut prev: Option<String> = None;
    for s in services() {
        let prefix = s.prefix().to_ascii_lowercase();
        if let Some(p) = &prev {
            assert!(p < &prefix, "services out of order: {p} {prefix}");
        }
        assert_eq!(service(s.prefix()), Some(s));
        assert!(!s.name().is_empty());
        prev = Some(prefix);
    }
    for a in actions() {
        assert_eq!(action(&a.full_name()), Some(a), "{a}");
        assert_eq!(a.service().action(a.name()), Some(a));
        for row in a.resource_types() {
            assert_eq!(row.resource_type().service(), a.service(), "{a}");
        }
    }
    for rt in resource_types() {
        assert_eq!(rt.service().resource_type(rt.name()), Some(rt));
        assert!(rt.arn_formats().len() >= 1, "{rt:?}");
        for f in rt.arn_formats() {
            assert!(f.starts_with("arn:"), "{rt:?}: {f}");
        }
    }
    for k in condition_keys() {
        assert_eq!(condition_key(k.name()), Some(k), "{k:?}");
        assert_eq!(k.canonical(), k);
    }
}

#[test]
fn s3_get_object() {
    let get = act("s3:GetObject");
    assert_eq!(get.name(), "GetObject");
    assert_eq!(get.full_name(), "s3:GetObject");
    assert_eq!(get.service().prefix(), "s3");
    assert_eq!(get.access_level(), AccessLevel::Read);
    assert!(get
        .description()
        .is_some_and(|d| d.contains("retrieve objects")));
    let object = get
        .resource_types()
        .find(|r| r.name() == "object")
        .expect("GetObject is scoped to objects");
    assert_eq!(
        object.resource_type(),
        resource_type("s3", "object").unwrap()
    );
    let keys: Vec<&str> = get.condition_keys().map(|k| k.name()).collect();
    assert!(keys.contains(&"s3:ExistingObjectTag/<key>"), "{keys:?}");
    let tag = get.condition_key("s3:ExistingObjectTag/env").unwrap();
    assert_eq!(tag.name(), "s3:ExistingObjectTag/<key>");
    assert!(get
        .condition_key("aws:SourceIp")
        .is_some_and(|k| k.is_global()));
    assert!(get.condition_key("iam:PassedToService").is_none());
}

#[test]
fn required_resource_types() {
    let pass = act("iam:PassRole");
    let rows: Vec<_> = pass.resource_types().collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].name(), "role");
    assert!(rows[0].required());
    let put_bucket_policy = act("s3:PutBucketPolicy");
    assert!(put_bucket_policy
        .resource_types()
        .any(|r| r.name() == "bucket" && r.required()));
    // Some actions only support "Resource": "*".
    assert!(act("s3:ListAllMyBuckets").is_wildcard_only());
    assert!(!act("s3:ListBucket").is_wildcard_only());
}

#[test]
fn iam_pass_role() {
    let pass = act("iam:PassRole");
    assert_eq!(pass.access_level(), AccessLevel::Write);
    let keys: Vec<&str> = pass.condition_keys().map(|k| k.name()).collect();
    assert!(keys.contains(&"iam:PassedToService"), "{keys:?}");
    let key = condition_key("iam:PassedToService").unwrap();
    assert_eq!(key.condition_type(), ConditionType::String);
    assert!(!key.is_global());
    assert_eq!(key.service(), service("iam"));
}

#[test]
fn access_levels() {
    assert_eq!(
        act("iam:AttachRolePolicy").access_level(),
        AccessLevel::PermissionsManagement
    );
    assert_eq!(
        act("s3:PutBucketPolicy").access_level(),
        AccessLevel::PermissionsManagement
    );
    assert_eq!(act("iam:TagRole").access_level(), AccessLevel::Tagging);
    assert_eq!(
        act("ec2:DescribeInstances").access_level(),
        AccessLevel::List
    );
    assert_eq!(act("s3:PutObject").access_level(), AccessLevel::Write);
    for level in AccessLevel::ALL {
        assert!(
            actions().any(|a| a.access_level() == level),
            "no {level} action"
        );
    }
}

#[test]
fn case_insensitive_lookups() {
    assert_eq!(action("S3:getobject"), Some(act("s3:GetObject")));
    assert_eq!(action("IAM:PASSROLE").map(|a| a.name()), Some("PassRole"));
    assert_eq!(service("EC2"), service("ec2"));
    assert!(service("ec2").is_some());
    assert_eq!(resource_type("S3", "OBJECT"), resource_type("s3", "object"));
    assert_eq!(condition_key("AWS:SOURCEIP"), condition_key("aws:SourceIp"));
    assert_eq!(
        service("ec2").unwrap().action("describevpcs"),
        action("ec2:DescribeVpcs")
    );
}

#[test]
fn unknown_names() {
    assert_eq!(action("s3:GetObjectz"), None);
    assert_eq!(action("s3"), None);
    assert_eq!(action(""), None);
    assert_eq!(action("nosuchservice:GetObject"), None);
    assert_eq!(service("nosuchservice"), None);
    assert_eq!(resource_type("s3", "nosuchtype"), None);
    assert_eq!(condition_key("aws:NoSuchKey"), None);
    assert_eq!(condition_key("aws:RequestTag/"), None);
    assert_eq!(condition_key("nonsense"), None);
    assert!(expand("s3:NoSuch*").is_empty());
    assert!(expand("nosuch*:*").is_empty());
}

#[test]
fn expansion() {
    let get = expand("s3:Get*");
    let get_names = names(&get);
    assert!(get_names.contains(&"s3:GetObject".to_owned()));
    assert!(!get_names.contains(&"s3:PutObject".to_owned()));
    assert!(get
        .iter()
        .all(|a| a.service().prefix() == "s3" && a.name().starts_with("Get")));
    assert_eq!(expand("S3:GET*"), get);

    assert_eq!(expand("*").len(), actions().len());
    assert_eq!(expand("*:*").len(), actions().len());
    assert_eq!(expand("s3:*").len(), service("s3").unwrap().actions().len());
    assert_eq!(names(&expand("ec2:describe?pcs")), vec!["ec2:DescribeVpcs"]);
    assert_eq!(names(&expand("s3:GetObject")), vec!["s3:GetObject"]);
    assert_eq!(names(&expand("s3:getobject")), vec!["s3:GetObject"]);

    // `*:Get*` against a brute-force filter over every action.
    let all_get = expand("*:Get*");
    let brute: Vec<Action> = actions()
        .filter(|a| a.name().to_ascii_lowercase().starts_with("get"))
        .collect();
    assert_eq!(all_get, brute);
    assert!(all_get.len() > 1_000);

    // Patterns without ':' match across it.
    let cross = expand("s3*Object");
    assert!(names(&cross).contains(&"s3:GetObject".to_owned()));
    assert!(cross
        .iter()
        .all(|a| glob_match("s3*object", &a.to_string(), true)));

    // Service wildcards.
    let ec2ish = expand("ec2*:Describe*");
    let prefixes: HashSet<&str> = ec2ish.iter().map(|a| a.service().prefix()).collect();
    assert!(prefixes.contains("ec2"));
    assert!(prefixes.iter().all(|p| p.starts_with("ec2")));
}

#[test]
fn expansion_matches_brute_force() {
    for pattern in [
        "s3:*Object?cl",
        "iam:*Role*",
        "*:Tag*",
        "?3:List*",
        "dynamodb:*Item",
        "*a*a*a*a*b",
    ] {
        let want: Vec<Action> = actions()
            .filter(|a| glob_match(pattern, &a.to_string(), true))
            .collect();
        assert_eq!(expand(pattern), want, "{pattern}");
    }
}

#[test]
fn pathological_patterns_terminate() {
    let long = format!("s3:{}", "a".repeat(10_000));
    assert!(!glob_match("*a*a*a*a*a*a*a*a*a*a*b", &long, true));
    assert!(expand("*a*a*a*a*a*a*a*a*a*a*b*a*a*a*a*a*a*a*a*a*a*a*z").is_empty());
}

#[test]
fn global_condition_keys_facts() {
    let tag_keys = condition_key("aws:TagKeys").unwrap();
    assert!(tag_keys.is_global());
    assert!(tag_keys.is_multivalued());
    assert_eq!(tag_keys.condition_type(), ConditionType::ArrayOfString);

    let source_ip = condition_key("aws:SourceIp").unwrap();
    assert_eq!(source_ip.condition_type(), ConditionType::IpAddress);
    assert!(!source_ip.is_multivalued());
    assert!(source_ip.is_global());
    assert_eq!(source_ip.service(), None);

    for multi in [
        "aws:TagKeys",
        "aws:CalledVia",
        "aws:PrincipalServiceNamesList",
        "aws:PrincipalOrgPaths",
        "aws:ResourceOrgPaths",
        "aws:SourceOrgPaths",
        "aws:VpceOrgPaths",
    ] {
        let k = condition_key(multi).unwrap_or_else(|| panic!("{multi}"));
        assert!(k.is_multivalued(), "{multi}");
        assert!(k.is_global(), "{multi}");
    }
    let typed = [
        ("aws:PrincipalArn", ConditionType::Arn),
        ("aws:SourceArn", ConditionType::Arn),
        ("aws:CurrentTime", ConditionType::Date),
        ("aws:TokenIssueTime", ConditionType::Date),
        ("aws:MultiFactorAuthAge", ConditionType::Numeric),
        ("aws:MultiFactorAuthPresent", ConditionType::Bool),
        ("aws:SecureTransport", ConditionType::Bool),
        ("aws:ViaAWSService", ConditionType::Bool),
        ("aws:PrincipalIsAWSService", ConditionType::Bool),
        ("aws:VpcSourceIp", ConditionType::IpAddress),
        ("aws:PrincipalOrgID", ConditionType::String),
        ("aws:userid", ConditionType::String),
        ("aws:Referer", ConditionType::String),
        ("aws:CalledViaFirst", ConditionType::String),
        ("aws:IsMcpServiceAction", ConditionType::Bool),
        ("aws:Ec2InstanceSourcePrivateIPv4", ConditionType::IpAddress),
    ];
    for (name, ty) in typed {
        let k = condition_key(name).unwrap_or_else(|| panic!("{name}"));
        assert_eq!(k.condition_type(), ty, "{name}");
        assert!(k.is_global() && !k.is_multivalued(), "{name}");
    }
    for k in global_condition_keys() {
        assert!(k.is_global(), "{k:?}");
        assert_eq!(k.service(), None);
    }
}

#[test]
fn templated_condition_keys() {
    let request_tag = condition_key("aws:RequestTag/Project").unwrap();
    assert_eq!(request_tag.name(), "aws:RequestTag/${TagKey}");
    assert!(request_tag.is_global() && request_tag.is_template());
    assert!(request_tag.matches("aws:requesttag/cost-center"));
    assert!(!request_tag.matches("aws:ResourceTag/x"));
    assert_eq!(
        condition_key("aws:PrincipalTag/team").unwrap().name(),
        "aws:PrincipalTag/${TagKey}"
    );
    assert_eq!(
        condition_key("aws:ResourceTag/env").unwrap().name(),
        "aws:ResourceTag/${TagKey}"
    );
    assert_eq!(condition_key("aws:RequestTag/${TagKey}"), Some(request_tag));

    let s3_tag = condition_key("s3:ExistingObjectTag/env").unwrap();
    assert_eq!(s3_tag.name(), "s3:ExistingObjectTag/<key>");
    assert!(!s3_tag.is_global());
    assert_eq!(s3_tag.service(), service("s3"));

    let iam_tag = condition_key("iam:ResourceTag/x").unwrap();
    assert_eq!(iam_tag.name(), "iam:ResourceTag/${TagKey}");
    assert_eq!(iam_tag.service(), service("iam"));

    let kms = condition_key("kms:EncryptionContext:Department").unwrap();
    assert_eq!(kms.name(), "kms:EncryptionContext:${EncryptionContextKey}");
    // An exact key wins over a template that would also match it.
    assert_eq!(
        condition_key("kms:EncryptionContextKeys").unwrap().name(),
        "kms:EncryptionContextKeys"
    );

    // Keys of services whose condition prefix is not a service prefix.
    assert_eq!(
        condition_key("saml:aud").and_then(|k| k.service()),
        service("sts")
    );
    assert!(condition_key("token.actions.githubusercontent.com:actor").is_some());
    assert_eq!(
        condition_key("token.actions.githubusercontent.com/my-org:actor").map(|k| k.name()),
        Some("token.actions.githubusercontent.com/${SubPath}:actor")
    );

    // The service-level lookup only sees the service's own table.
    let s3 = service("s3").unwrap();
    assert_eq!(s3.condition_key("s3:ExistingObjectTag/env"), Some(s3_tag));
    assert!(s3.condition_key("iam:PassedToService").is_none());
}

#[test]
fn service_entries_of_global_keys() {
    // Service tables list the aws: tag keys; those entries are global too and
    // canonicalise to the global list's entry.
    let iam = service("iam").unwrap();
    let entry = iam.condition_key("aws:TagKeys").unwrap();
    assert!(entry.is_global());
    assert_eq!(entry.service(), Some(iam));
    assert_eq!(entry.canonical(), condition_key("aws:TagKeys").unwrap());
    assert_eq!(entry.canonical().service(), None);
}

#[test]
fn arns() {
    let object = resource_type("s3", "object").unwrap();
    let bucket = resource_type("s3", "bucket").unwrap();
    assert!(object.matches_arn("arn:aws:s3:::bucket/key"));
    assert!(!object.matches_arn("arn:aws:s3:::bucket"));
    assert!(bucket.matches_arn("arn:aws:s3:::bucket"));
    assert!(!bucket.matches_arn("arn:aws:s3:::bucket/key"));
    assert_eq!(
        object.arn_formats().collect::<Vec<_>>(),
        vec!["arn:${Partition}:s3:::${BucketName}/${ObjectName}"]
    );

    assert_eq!(
        resource_types_for_arn("arn:aws:s3:::bucket/key"),
        vec![object]
    );
    assert_eq!(resource_types_for_arn("arn:aws:s3:::bucket"), vec![bucket]);
    assert_eq!(
        resource_types_for_arn("arn:aws:s3:::bucket/a/b/c.txt"),
        vec![object]
    );

    let role = resource_type("iam", "role").unwrap();
    assert_eq!(
        resource_types_for_arn("arn:aws:iam::123456789012:role/path/Admin"),
        vec![role]
    );
    let user = resource_type("iam", "user").unwrap();
    assert_eq!(
        resource_types_for_arn("arn:aws:iam::123456789012:user/bob"),
        vec![user]
    );

    let table = resource_type("dynamodb", "table").unwrap();
    let index = resource_type("dynamodb", "index").unwrap();
    assert_eq!(
        resource_types_for_arn("arn:aws:dynamodb:us-east-1:123456789012:table/t"),
        vec![table]
    );
    assert_eq!(
        resource_types_for_arn("arn:aws:dynamodb:us-east-1:123456789012:table/t/index/i"),
        vec![index]
    );

    let instance = resource_type("ec2", "instance").unwrap();
    assert!(
        resource_types_for_arn("arn:aws:ec2:us-east-1:123456789012:instance/i-0123")
            .contains(&instance)
    );

    let queue = resource_type("sqs", "queue").unwrap();
    assert_eq!(
        resource_types_for_arn("arn:aws:sqs:us-east-1:123456789012:q"),
        vec![queue]
    );

    // The `catalog` ARN service belongs to the servicecatalog IAM prefix.
    let portfolio =
        resource_types_for_arn("arn:aws:catalog:us-east-1:123456789012:portfolio/port-abc");
    assert!(!portfolio.is_empty());
    assert!(
        portfolio
            .iter()
            .all(|rt| rt.service().prefix() == "servicecatalog"),
        "{portfolio:?}"
    );

    assert!(resource_types_for_arn("arn:aws:s3:::").is_empty());
    assert!(resource_types_for_arn("not-an-arn").is_empty());
    assert!(resource_types_for_arn("arn:aws:nosuchservice:us-east-1:1:thing/x").is_empty());
}

#[test]
fn condition_types_in_use() {
    let used: HashSet<ConditionType> = services()
        .flat_map(|s| s.condition_keys())
        .chain(global_condition_keys())
        .map(|k| k.condition_type())
        .collect();
    for ty in [
        ConditionType::String,
        ConditionType::ArrayOfString,
        ConditionType::Arn,
        ConditionType::ArrayOfArn,
        ConditionType::Bool,
        ConditionType::Numeric,
        ConditionType::Date,
        ConditionType::IpAddress,
    ] {
        assert!(used.contains(&ty), "{ty} unused");
    }
}

#[test]
fn dependent_actions_are_names() {
    // The current data source publishes no dependent actions; whatever is
    // there must at least look like `prefix:Name`.
    for a in actions() {
        for d in a.dependent_actions() {
            assert!(d.contains(':'), "{a}: {d}");
        }
    }
}
