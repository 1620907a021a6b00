//! Decision latency of a compiled policy set: ~10 statements with
//! conditions across an identity policy, a boundary and a resource policy.
//! The bar (issue #2): median ≤ 1 µs per decision.

#![allow(missing_docs)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use warden_eval::scenario;

const SCENARIO: &str = r#"{
  "request": {
    "principal": "arn:aws:sts::111122223333:assumed-role/app/session",
    "action": "s3:GetObject",
    "resource": "arn:aws:s3:::data-bucket/reports/2025/q1.csv",
    "resourceAccount": "111122223333",
    "context": {
      "aws:SourceIp": "10.1.2.3", "aws:SecureTransport": "true", "aws:RequestedRegion": "eu-west-1",
      "aws:PrincipalTag/team": "analytics", "aws:MultiFactorAuthAge": "300",
      "aws:CurrentTime": "2025-06-01T12:00:00Z", "aws:TagKeys": ["env", "team"]
    }
  },
  "identityPolicies": [{"name": "app", "document": {"Version": "2012-10-17", "Statement": [
    {"Sid": "ReadReports", "Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObjectVersion"], "Resource": "arn:aws:s3:::data-bucket/reports/*",
     "Condition": {"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "192.168.0.0/16"]}, "Bool": {"aws:SecureTransport": "true"}}},
    {"Sid": "List", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::data-bucket",
     "Condition": {"StringLike": {"s3:prefix": ["reports/*", "home/${aws:PrincipalTag/team}/*"]}}},
    {"Sid": "Queues", "Effect": "Allow", "Action": "sqs:*", "Resource": "arn:aws:sqs:*:111122223333:app-*",
     "Condition": {"StringEquals": {"aws:RequestedRegion": ["eu-west-1", "eu-central-1"]}}},
    {"Sid": "Tables", "Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query"], "Resource": "arn:aws:dynamodb:*:*:table/app-*"},
    {"Sid": "NoDelete", "Effect": "Deny", "Action": ["s3:DeleteObject*", "s3:PutBucketPolicy"], "Resource": "*"},
    {"Sid": "Mfa", "Effect": "Deny", "Action": "iam:*", "Resource": "*", "Condition": {"NumericGreaterThan": {"aws:MultiFactorAuthAge": "3600"}}},
    {"Sid": "Window", "Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"DateGreaterThan": {"aws:CurrentTime": "2026-12-31T23:59:59Z"}}},
    {"Sid": "Tags", "Effect": "Allow", "Action": "s3:PutObjectTagging", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["env", "team", "owner"]}}}
  ]}}],
  "permissionsBoundary": {"name": "boundary", "document": {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["s3:*", "sqs:*", "dynamodb:*"], "Resource": "*"}
  ]}},
  "resourcePolicy": {"name": "bucket", "document": {"Version": "2012-10-17", "Statement": [
    {"Sid": "TlsOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
  ]}}
}"#;

fn bench(c: &mut Criterion) {
    let sc = scenario::parse(SCENARIO).expect("benchmark scenario parses");
    assert_eq!(sc.policies.decide(&sc.request).as_str(), "Allow");
    c.bench_function("decide (10 statements, conditions)", |b| {
        b.iter(|| black_box(sc.policies.decide(black_box(&sc.request))))
    });
    c.bench_function("evaluate with explanation", |b| {
        b.iter(|| black_box(sc.policies.evaluate(black_box(&sc.request))))
    });
    c.bench_function("parse + compile + decide (whole scenario)", |b| {
        b.iter(|| {
            let sc = scenario::parse(black_box(SCENARIO)).expect("parses");
            black_box(sc.policies.decide(&sc.request))
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
