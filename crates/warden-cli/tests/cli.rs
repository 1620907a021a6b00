//! End-to-end tests of the `warden` binary: exit codes, output formats,
//! batch ordering, located diagnostics, and the bundled examples.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn warden() -> Command {
    Command::new(env!("CARGO_BIN_EXE_warden"))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run_with_stdin(args: &[&str], stdin: &str) -> Output {
    let mut child = warden()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_string();
    let t = std::thread::spawn(move || input.write_all(data.as_bytes()).unwrap());
    let out = child.wait_with_output().unwrap();
    t.join().unwrap();
    out
}

#[test]
fn every_bundled_example_gives_its_expected_decision() {
    let dir = root().join("examples/simulate");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let scenario: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let out = warden()
            .args(["simulate", "--format", "json"])
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", path.display());
        let result: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(
            result["decision"],
            scenario["expected"],
            "{}: {}",
            path.display(),
            result["reason"]
        );
        n += 1;
    }
    assert!(n >= 20, "only {n} examples");
}

#[test]
fn text_output_explains() {
    let path = root().join("examples/simulate/boundary-create-bucket.json");
    let out = warden().arg("simulate").arg(&path).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("Decision: ImplicitDeny\n"), "{text}");
    assert!(
        text.contains("permissions boundary does not allow"),
        "{text}"
    );
    assert!(
        text.contains("Allow  identity `app-inline` statement 1 (Sid \"Escalate\")"),
        "{text}"
    );
    assert!(text.contains("boundary-create-bucket.json:"), "{text}");
}

#[test]
fn json_output_has_spans_and_missing_keys() {
    let scenario = r#"{
  "request": {"principal": "arn:aws:iam::111122223333:user/u", "action": "s3:ListBucket", "resource": "arn:aws:s3:::b", "resourceAccount": "111122223333"},
  "identityPolicies": [{"name": "p", "document": {"Version": "2012-10-17", "Statement": [
    {"Sid": "A", "Effect": "Allow", "Action": "s3:List*", "Resource": "*", "Condition": {"StringLikeIfExists": {"s3:prefix": "home/*"}}}]}}]
}"#;
    let out = run_with_stdin(&["simulate", "--format", "json", "-"], scenario);
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["decision"], "Allow");
    let m = &v["matchedStatements"][0];
    assert_eq!(m["sid"], "A");
    assert_eq!(m["statementIndex"], 0);
    assert_eq!(m["span"]["start"]["line"], 4);
    assert_eq!(m["span"]["start"]["column"], 4);
    assert_eq!(v["missingContextValues"][0], "s3:prefix");
}

#[test]
fn bad_input_exits_2_with_a_located_diagnostic() {
    let scenario = "{\n  \"request\": {\"principal\": \"arn:aws:iam::111122223333:user/u\", \"action\": \"s3:GetObject\"},\n  \"identityPolicies\": [{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Permit\", \"Action\": \"*\", \"Resource\": \"*\"}]}]\n}";
    let out = run_with_stdin(&["simulate", "-"], scenario);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("`Effect` must be \"Allow\" or \"Deny\""),
        "{err}"
    );
    assert!(err.contains("-:3:"), "{err}");
    assert!(err.contains("^^^^^^^^"), "{err}");

    let out = run_with_stdin(&["simulate", "-"], "{\"request\": ");
    assert_eq!(out.status.code(), Some(2));
    let out = run_with_stdin(
        &["simulate", "-"],
        "{\"request\": {\"principal\": \"bob\", \"action\": \"s3:GetObject\"}}",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("is not a principal"));
    let out = warden()
        .args(["simulate", "/nonexistent/scenario.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn deeply_nested_and_huge_inputs_are_errors_not_crashes() {
    let deep = "[".repeat(10_000) + &"]".repeat(10_000);
    let out = run_with_stdin(&["simulate", "-"], &deep);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("nesting"));
    let huge = format!(
        "{{\"request\": {{}}, \"name\": \"{}\"}}",
        "x".repeat(2 << 20)
    );
    let out = run_with_stdin(&["simulate", "-"], &huge);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("limit"));
}

#[test]
fn batch_keeps_order_and_reports_bad_lines_in_place() {
    let mut lines = Vec::new();
    for i in 0..300 {
        let action = if i % 3 == 0 {
            "s3:GetObject"
        } else {
            "s3:PutObject"
        };
        lines.push(format!(
            r#"{{"request": {{"principal": "arn:aws:iam::111122223333:user/u{i}", "action": "{action}", "resource": "arn:aws:s3:::b/k", "resourceAccount": "111122223333"}}, "identityPolicies": [{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}]}}]}}"#
        ));
    }
    lines[7] = "{not json".to_string();
    let input = lines.join("\n") + "\n";
    for jobs in ["1", "2"] {
        let out = run_with_stdin(&["simulate", "--batch", "-", "--jobs", jobs], &input);
        assert_eq!(
            out.status.code(),
            Some(2),
            "a bad line makes the exit code 2"
        );
        let results: Vec<Value> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(results.len(), 300);
        for (i, r) in results.iter().enumerate() {
            if i == 7 {
                assert!(r["error"].is_array(), "{r}");
            } else {
                let want = if i % 3 == 0 { "Allow" } else { "ImplicitDeny" };
                assert_eq!(r["decision"], want, "line {i}");
            }
        }
    }
}

#[test]
fn actions_expand_and_describe() {
    let out = warden()
        .args(["actions", "s3:GetObjectT*", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["action"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"s3:GetObjectTagging") && names.contains(&"s3:GetObjectTorrent"),
        "{names:?}"
    );
    assert!(v
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["accessLevel"] == "Read"));
    let out = warden()
        .args(["actions", "--describe", "IAM:passrole", "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["action"], "iam:PassRole");
    assert!(v["conditionKeys"]
        .as_array()
        .unwrap()
        .iter()
        .any(|k| k["name"] == "iam:PassedToService"));
    let out = warden()
        .args(["actions", "--describe", "s3:NoSuchThing"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn check_reports_located_findings_and_blocks_on_errors() {
    let policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]\n}";
    let out = run_with_stdin(&["check", "--format", "json", "-"], policy);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a SECURITY_WARNING blocks by default"
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = v
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["issueCode"] == "WARDEN_FULL_ADMIN")
        .unwrap_or_else(|| panic!("{v}"));
    assert_eq!(f["findingType"], "SECURITY_WARNING");
    assert_eq!(f["locations"][0]["span"]["start"]["line"], 3);
    assert_eq!(f["locations"][0]["span"]["start"]["column"], 46);
    let out = run_with_stdin(&["check", "--blocking", "ERROR", "-"], policy);
    assert_eq!(out.status.code(), Some(0));
    // Ignoring every reported code (in any letter case) leaves nothing.
    let codes: Vec<String> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["issueCode"].as_str().unwrap().to_ascii_lowercase())
        .collect();
    let ignore = codes.join(",");
    let out = run_with_stdin(
        &["check", "--ignore", &ignore, "--format", "json", "-"],
        policy,
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        serde_json::from_slice::<Value>(&out.stdout).unwrap(),
        serde_json::json!([])
    );
}

#[test]
fn check_deep_adds_the_union_cover_check() {
    let policy = r#"{"Version": "2012-10-17", "Statement": [
  {"Sid": "Read", "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::logs/*"},
  {"Sid": "Get", "Effect": "Allow", "Action": "s3:Get*", "Resource": "arn:aws:s3:::logs/*"},
  {"Sid": "Put", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}
]}"#;
    let codes = |args: &[&str]| -> Vec<String> {
        let out = run_with_stdin(args, policy);
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|f| f["issueCode"].as_str().unwrap().to_string())
            .collect()
    };
    let plain = codes(&["check", "--format", "json", "-"]);
    assert!(
        !plain.iter().any(|c| c == "WARDEN_STATEMENT_COVERED"),
        "{plain:?}"
    );
    let deep = codes(&["check", "--deep", "--format", "json", "-"]);
    assert_eq!(
        deep.iter()
            .filter(|c| *c == "WARDEN_STATEMENT_COVERED")
            .count(),
        1,
        "{deep:?}"
    );
}

#[test]
fn check_sarif_and_unreadable_files() {
    let dir = std::env::temp_dir().join(format!("warden-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("bad.json"), "{\"Version\": ").unwrap();
    std::fs::write(dir.join("ok.json"), r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#).unwrap();
    std::fs::write(dir.join("latin1.json"), [0x7b, 0xe9, 0x7d]).unwrap();
    let out = warden()
        .args(["check", "--format", "sarif"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let results = v["runs"][0]["results"].as_array().unwrap();
    let ids: Vec<&str> = results
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec!["JSON_SYNTAX_ERROR", "JSON_SYNTAX_ERROR"], "{v}");
    assert!(
        v["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .len()
            >= 20
    );
    assert_valid_sarif(&out.stdout);
    std::fs::remove_dir_all(&dir).unwrap();
    let policy = r#"{"Statement": [{"Sid": "", "Effect": "Allow", "Action": ["*", "s4:Get*"], "Resource": "*", "Principal": "*"}]}"#;
    let out = run_with_stdin(&["check", "--format", "sarif", "-"], policy);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        v["runs"][0]["results"].as_array().unwrap().len() >= 5,
        "{v}"
    );
    assert_valid_sarif(&out.stdout);
    let out = warden().args(["rules", "INVALID_EFFECT"]).output().unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains("Fix:"));
}

/// Validates SARIF against the SARIF 2.1.0 JSON schema with the test
/// tooling installed by `npm ci --prefix tests/oracle`.
fn assert_valid_sarif(sarif: &[u8]) {
    let script = root().join("tests/oracle/validate-sarif.mjs");
    let mut child = Command::new("node")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("node (install the test tooling with `npm ci --prefix tests/oracle`)");
    child.stdin.take().unwrap().write_all(sarif).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "SARIF does not validate: {}",
        String::from_utf8_lossy(&out.stdout)
    );
}

fn prove(args: &[&str]) -> (Option<i32>, String, String) {
    let out = warden()
        .arg("prove")
        .args(args)
        .current_dir(root())
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn prove_commands_answer_with_exit_codes_and_aws_shaped_json() {
    let (new, reference) = (
        "examples/prove/ec2-owner-new.json",
        "examples/prove/ec2-owner-reference.json",
    );
    let (code, out, _) = prove(&[
        "no-new-access",
        "--new",
        new,
        "--reference",
        reference,
        "--format",
        "json",
    ]);
    assert_eq!(code, Some(2), "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["result"], "FAIL");
    assert_eq!(v["reasons"][0]["statementIndex"], 0);
    assert_eq!(v["reasons"][0]["statementId"], "StartStopInstances");
    assert_eq!(v["reasons"][0]["span"]["start"]["line"], 4);
    let action = v["counterexample"]["action"].as_str().unwrap();
    assert!(
        action == "ec2:StartInstances" || action == "ec2:StopInstances",
        "{action}"
    );

    let (code, out, _) = prove(&["no-new-access", "--new", reference, "--reference", new]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.starts_with("PASS"), "{out}");

    let (code, out, _) = prove(&["diff", new, reference, "--format", "json"]);
    assert_eq!(code, Some(2));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["result"], "B_SUBSET_OF_A");

    let (code, _, _) = prove(&["access-not-granted", new, "--actions", "ec2:StopInstances"]);
    assert_eq!(code, Some(2));
    let (code, _, _) = prove(&[
        "access-not-granted",
        new,
        "--actions",
        "ec2:TerminateInstances",
    ]);
    assert_eq!(code, Some(0));

    let (code, out, _) = prove(&[
        "no-public-access",
        "examples/prove/public-bucket.json",
        "--resource-type",
        "AWS::S3::Bucket",
        "--format",
        "json",
    ]);
    assert_eq!(code, Some(2), "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["reasons"][0]["statementId"], "ReadForEveryone");
    assert_eq!(v["counterexample"]["action"], "s3:GetObject");
}

#[test]
fn prove_rejects_bad_policies_with_a_location() {
    let dir = std::env::temp_dir().join(format!("warden-prove-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\"}]}",
    )
    .unwrap();
    let bad = bad.to_string_lossy().into_owned();
    let (code, _, err) = prove(&["no-new-access", "--new", &bad, "--reference", &bad]);
    assert_eq!(code, Some(1));
    assert!(err.contains("bad.json:1:"), "{err}");
    let (code, _, err) = prove(&[
        "no-public-access",
        &bad,
        "--resource-type",
        "AWS::Nope::Thing",
    ]);
    assert_eq!(code, Some(1));
    assert!(err.contains("unsupported resource type"), "{err}");
    // Types are spelled as AWS spells them; the error lists them.
    let (code, _, err) = prove(&[
        "no-public-access",
        "examples/prove/public-bucket.json",
        "--resource-type",
        "aws::s3::bucket",
    ]);
    assert_eq!(code, Some(1));
    assert!(err.contains("AWS::S3Outposts::AccessPoint"), "{err}");
    assert!(!err.contains("MultiRegionAccessPoint"), "{err}");
}
