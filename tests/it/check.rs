//! `assert`, `check` and `schema` through the real binary: exit codes, formats, positions,
//! standard input, several files, and every kind of bad assumptions file.

use std::path::{Path, PathBuf};

use crate::common::cloudsrm;
use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

struct Files {
    dir: tempfile::TempDir,
}

impl Files {
    fn new() -> Self {
        Files {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn write(&self, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        path
    }
}

const HOLDS: &str = "assumptions:
  - service: rds
    layer: os-patching
    owner: aws
    why: We rely on RDS maintenance windows.
  - service: ecs:fargate
    layer: guest-os
    owner: aws
";

const FAILS: &str = "assumptions:
  - service: ec2
    layer: guest-os
    owner: customer
  - service: ec2
    layer: os-patching
    owner: aws
    why: Someone said AWS patches EC2.
";

fn stdout_of(cmd: &mut Command, code: i32) -> String {
    String::from_utf8(cmd.assert().code(code).get_output().stdout.clone()).unwrap()
}

fn stderr_lines(cmd: &mut Command, code: i32) -> Vec<String> {
    let out = cmd
        .assert()
        .code(code)
        .stdout("")
        .get_output()
        .stderr
        .clone();
    String::from_utf8(out)
        .unwrap()
        .lines()
        .map(String::from)
        .collect()
}

#[test]
fn assert_exit_codes() {
    cloudsrm()
        .args(["assert", "rds", "os-patching", "aws"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("PASS"));
    cloudsrm()
        .args(["assert", "ec2", "os-patching", "aws"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("the catalog says customer"))
        .stdout(predicate::str::contains("customer: "));
    let out = stdout_of(cloudsrm().args(["assert", "ecs", "guest-os", "aws"]), 1);
    assert!(
        out.contains("ecs:ec2 customer") && out.contains("ecs:fargate aws"),
        "{out}"
    );
    cloudsrm()
        .args(["assert", "ec3", "os-patching", "aws"])
        .assert()
        .code(2);
    cloudsrm()
        .args(["assert", "ec2", "os-patchin", "aws"])
        .assert()
        .code(2);
    let err = stderr_lines(
        cloudsrm().args(["assert", "ec2", "os-patching", "amazon"]),
        2,
    );
    assert!(err[0].contains("invalid value 'amazon'"), "{err:?}");
    assert!(
        err.iter().any(|l| l.contains("aws, customer, shared")),
        "{err:?}"
    );
    let v: Value = serde_json::from_str(&stdout_of(
        cloudsrm().args(["assert", "ec2", "guest-os", "customer", "-o", "json"]),
        0,
    ))
    .unwrap();
    assert_eq!(v["passed"], true);
    assert_eq!(v["file"], Value::Null);
}

#[test]
fn check_passes_and_fails_with_the_right_code() {
    let files = Files::new();
    let holds = files.write("holds.yaml", HOLDS);
    let fails = files.write("fails.yaml", FAILS);
    let out = stdout_of(cloudsrm().arg("check").arg(&holds), 0);
    assert!(out.ends_with("2 passed, 0 failed\n"), "{out}");
    let out = stdout_of(cloudsrm().arg("check").arg(&holds).arg(&fails), 1);
    assert!(out.ends_with("3 passed, 1 failed\n"), "{out}");
    assert!(
        out.contains(&format!(
            "FAIL {}:5:14: expected aws for ec2 os-patching, but the catalog says customer",
            fails.display()
        )),
        "{out}"
    );
    assert!(out.contains("why: Someone said AWS patches EC2."), "{out}");
}

#[test]
fn check_reads_standard_input() {
    let out = stdout_of(cloudsrm().args(["check", "-"]).write_stdin(FAILS), 1);
    assert!(out.contains("FAIL <stdin>:5:14:"), "{out}");
}

#[test]
fn check_json_has_results_and_a_summary() {
    let files = Files::new();
    let fails = files.write("fails.yaml", FAILS);
    let v: Value = serde_json::from_str(&stdout_of(
        cloudsrm()
            .arg("check")
            .arg(&fails)
            .args(["--format", "json"]),
        1,
    ))
    .unwrap();
    assert_eq!(
        v["summary"],
        serde_json::json!({"total": 2, "passed": 1, "failed": 1})
    );
    let failed = &v["results"][1];
    assert_eq!(failed["passed"], false);
    assert_eq!(
        (failed["line"].as_u64(), failed["column"].as_u64()),
        (Some(5), Some(14))
    );
    assert_eq!(
        (failed["expected"].as_str(), failed["actual"].as_str()),
        (Some("aws"), Some("customer"))
    );
    // -o json works too when --format is not given.
    cloudsrm()
        .arg("check")
        .arg(&fails)
        .args(["-o", "json"])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("{"));
}

#[test]
fn check_junit_is_xml_with_the_right_counts() {
    let files = Files::new();
    let holds = files.write("holds.yaml", HOLDS);
    let fails = files.write("fails.yaml", FAILS);
    let xml = stdout_of(
        cloudsrm()
            .arg("check")
            .arg(&holds)
            .arg(&fails)
            .args(["--format", "junit"]),
        1,
    );
    let tags = xml_tags(&xml);
    let root = &tags[0];
    assert_eq!(root.0, "testsuites");
    assert_eq!(attr(root, "tests"), "4");
    assert_eq!(attr(root, "failures"), "1");
    assert!(
        !root.1.iter().any(|(k, _)| k == "skipped"),
        "Jenkins' schema has no skipped here"
    );
    let suites: Vec<_> = tags.iter().filter(|t| t.0 == "testsuite").collect();
    assert_eq!(suites.len(), 2, "one testsuite per file");
    assert_eq!(attr(suites[1], "failures"), "1");
    assert_eq!(attr(suites[1], "name"), fails.display().to_string());
    assert_eq!(attr(suites[1], "file"), fails.display().to_string());
    let cases: Vec<_> = tags.iter().filter(|t| t.0 == "testcase").collect();
    assert_eq!(cases.len(), 4);
    assert!(attr(cases[0], "name").ends_with("(line 2)"), "{xml}");
    assert_eq!(attr(cases[0], "classname"), holds.display().to_string());
}

/// Every start or empty tag of an XML document with its attributes, in order.
fn xml_tags(xml: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut tags = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                let attrs = e
                    .attributes()
                    .map(|a| {
                        let a = a.unwrap();
                        (
                            String::from_utf8(a.key.as_ref().to_vec()).unwrap(),
                            quick_xml::escape::unescape(std::str::from_utf8(&a.value).unwrap())
                                .unwrap()
                                .into_owned(),
                        )
                    })
                    .collect();
                tags.push((
                    String::from_utf8(e.name().as_ref().to_vec()).unwrap(),
                    attrs,
                ));
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    tags
}

fn attr(tag: &(String, Vec<(String, String)>), key: &str) -> String {
    tag.1
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.clone())
        .unwrap_or_else(|| panic!("no {key} on {tag:?}"))
}

#[test]
fn junit_testcase_names_stay_unique_when_an_assumption_repeats() {
    let files = Files::new();
    let twice = files.write("twice.yaml", format!("{HOLDS}{}", &HOLDS[12..]));
    let xml = stdout_of(
        cloudsrm()
            .arg("check")
            .arg(&twice)
            .args(["--format", "junit"]),
        0,
    );
    let names: Vec<String> = xml_tags(&xml)
        .iter()
        .filter(|t| t.0 == "testcase")
        .map(|t| attr(t, "name"))
        .collect();
    assert_eq!(names.len(), 4, "{xml}");
    let mut unique = names.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 4, "{names:?}");
}

#[test]
fn unreadable_input_still_writes_a_document_in_every_machine_format() {
    let files = Files::new();
    let broken = files.write("broken.yaml", "assumptions:\n  - service: [ec2\n");
    let missing = files.dir.path().join("missing.yaml");
    for path in [&broken, &missing] {
        let shown = path.display().to_string();
        let run = |format: &str| {
            let out = cloudsrm()
                .arg("check")
                .arg(path)
                .args(["--format", format])
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(2), "{format}");
            String::from_utf8(out.stdout).unwrap()
        };
        let sarif: Value = serde_json::from_str(&run("sarif")).unwrap();
        let result = &sarif["runs"][0]["results"][0];
        assert_eq!(result["ruleId"], "unreadable-input");
        assert_eq!(
            sarif["runs"][0]["invocations"][0]["executionSuccessful"],
            false
        );
        let json: Value = serde_json::from_str(&run("json")).unwrap();
        assert_eq!(json["errors"][0]["file"], shown.as_str());
        let yaml = run("yaml");
        assert!(yaml.contains("errors:"), "{yaml}");
        let xml = run("junit");
        assert!(xml_tags(&xml).iter().any(|t| t.0 == "error"), "{xml}");
        let tap = run("tap");
        assert!(tap.contains("Bail out! "), "{tap}");
        let github = run("github");
        let expected = format!("::error file={}", shown.replace(':', "%3A"));
        assert!(github.starts_with(&expected), "{github}");
        if path == &broken {
            assert!(github.contains(",line=2,col="), "{github}");
            assert_eq!(json["errors"][0]["line"], 2);
        }
    }
}

#[test]
fn standard_input_named_twice_is_a_usage_error() {
    cloudsrm()
        .args(["check", "-", "-"])
        .write_stdin(HOLDS)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("only once"));
}

#[test]
fn a_file_without_assumptions_is_said_to_check_nothing() {
    let files = Files::new();
    let empty = files.write("empty.yaml", "assumptions: []\n");
    let out = stdout_of(cloudsrm().arg("check").arg(&empty), 0);
    assert!(
        out.contains("holds no assumptions; nothing in it was checked"),
        "{out}"
    );
    let github = stdout_of(
        cloudsrm()
            .arg("check")
            .arg(&empty)
            .args(["--format", "github"]),
        0,
    );
    assert!(github.starts_with("::warning file="), "{github}");
    let tap = stdout_of(
        cloudsrm()
            .arg("check")
            .arg(&empty)
            .args(["--format", "tap"]),
        0,
    );
    assert!(tap.contains("1..0 # SKIP"), "{tap}");
}

#[test]
fn user_text_never_starts_a_workflow_command() {
    let files = Files::new();
    let hostile = files.write(
        "hostile.yaml",
        "assumptions:\n  - service: ec2\n    layer: os-patching\n    owner: aws\n    why: \"fine\\n::error::pwned\\n  ::set-output name=x::y\"\n",
    );
    for format in ["text", "json", "yaml", "junit", "tap", "sarif", "github"] {
        let out = stdout_of(
            cloudsrm()
                .arg("check")
                .arg(&hostile)
                .args(["--format", format]),
            1,
        );
        for line in out.lines() {
            let starts = line.trim_start().starts_with("::");
            let ours = format == "github" && line.starts_with("::error file=");
            assert!(!starts || ours, "{format}: {line}");
        }
    }
}

#[test]
fn check_github_annotations_point_at_the_line() {
    let files = Files::new();
    let fails = files.write("fails.yaml", FAILS);
    let out = stdout_of(
        cloudsrm()
            .arg("check")
            .arg(&fails)
            .args(["--format", "github"]),
        1,
    );
    let errors: Vec<&str> = out.lines().filter(|l| l.starts_with("::error ")).collect();
    assert_eq!(errors.len(), 1, "{out}");
    let file = fails.display().to_string().replace(':', "%3A");
    assert!(
        errors[0].starts_with(&format!("::error file={file},line=5,col=14,")),
        "{out}"
    );
    assert!(
        errors[0].contains("::expected aws for ec2 os-patching"),
        "{out}"
    );
}

#[test]
fn check_tap_is_version_13() {
    let files = Files::new();
    let fails = files.write("fails.yaml", FAILS);
    let out = stdout_of(
        cloudsrm()
            .arg("check")
            .arg(&fails)
            .args(["--format", "tap"]),
        1,
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        &lines[..3],
        [
            "TAP version 13",
            "1..2",
            "ok 1 - ec2 guest-os is owned by customer"
        ]
    );
    assert!(lines[3].starts_with("not ok 2 - "), "{out}");
    assert_eq!(lines[4], "  ---");
    assert_eq!(lines.last(), Some(&"  ..."));
}

#[test]
fn check_sarif_has_one_result_per_failure() {
    let files = Files::new();
    let holds = files.write("holds.yaml", HOLDS);
    let fails = files.write("fails.yaml", FAILS);
    let out = stdout_of(
        cloudsrm()
            .arg("check")
            .arg(&holds)
            .arg(&fails)
            .args(["--format", "sarif"]),
        1,
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    let location = &results[0]["locations"][0]["physicalLocation"];
    assert_eq!(location["region"]["startLine"], 5);
    assert!(location["artifactLocation"]["uri"]
        .as_str()
        .unwrap()
        .ends_with("fails.yaml"));
    assert_eq!(v["runs"][0]["tool"]["driver"]["name"], "cloudsrm");
}

/// Each bad file: its problems, one per stderr line, each starting with file:line:column.
fn problems(content: &[u8]) -> Vec<String> {
    let files = Files::new();
    let path = files.write("bad.yaml", content);
    let lines = stderr_lines(cloudsrm().arg("check").arg(&path), 2);
    let prefix = format!("cloudsrm: error: {}", path.display());
    assert!(lines.iter().all(|l| l.starts_with(&prefix)), "{lines:#?}");
    lines
        .iter()
        .map(|l| l[prefix.len()..].to_string())
        .collect()
}

#[test]
fn every_problem_of_a_file_is_reported_with_its_position() {
    let found = problems(
        b"assumptions:
  - service: dynamodbb
    layer: guest-os
    owner: amazon
  - servce: ecs
    layer: os
    owner: [aws]
  - service: eks
    layer: runtme
    owner: shared
    colour: 3
",
    );
    assert_eq!(
        found,
        [
            ":2:14: unknown service 'dynamodbb'; did you mean 'dynamodb'?",
            ":4:12: unknown owner 'amazon': expected aws, customer or shared",
            ":5:5: unknown key 'servce'; did you mean 'service'?",
            ":5:5: assumption has no 'service'",
            ":7:12: 'owner' must be a string, not a list",
            ":9:12: unknown layer 'runtme'; did you mean 'runtime'?",
            ":11:5: unknown key 'colour'; expected service, layer, owner, why",
        ]
    );
}

#[test]
fn bad_files_exit_2_with_one_line_each() {
    // An empty file is not bad: it holds no assumptions (see names.rs).
    let cases: [(&[u8], &str); 8] = [
        (b"assumptions: {}\n", ""),
        (b"- service: ec2\n", ""),
        (
            b"assumptions:\n  - service: ec2\n    layer: os\n    owner: customer\nextra: 1\n",
            "extra",
        ),
        (
            b"assumptions:\n  - service: ec2\n    layer: os\n    owner: 7\n",
            "unknown owner '7'",
        ),
        (
            b"assumptions:\n  - service: ec2\n    layer: os\n    owner: customer\n    why: [1]\n",
            "'why' must be a string",
        ),
        (
            b"assumptions:\n  - service: ec2\n    service: s3\n    layer: os\n    owner: aws\n",
            "duplicate",
        ),
        (b"assumptions: [\n", ""),
        (b"\x00\x01\x02binary", ""),
    ];
    for (content, expected) in cases {
        let found = problems(content);
        assert!(!found.is_empty(), "{:?}", String::from_utf8_lossy(content));
        assert!(
            found.iter().any(|p| p.contains(expected)),
            "{:?}: expected a problem containing {expected:?}, got {found:#?}",
            String::from_utf8_lossy(content)
        );
    }
}

#[test]
fn unreadable_inputs_exit_2() {
    let files = Files::new();
    let err = stderr_lines(cloudsrm().arg("check").arg(files.dir.path()), 2);
    assert!(err[0].ends_with("it is a directory"), "{err:?}");
    let err = stderr_lines(cloudsrm().args(["check", "/no/such/file.yaml"]), 2);
    assert_eq!(
        err,
        ["cloudsrm: error: /no/such/file.yaml: cannot read: no such file or directory"]
    );
    let latin1 = files.write("latin1.yaml", b"assumptions:\n  - service: caf\xe9\n");
    let err = stderr_lines(cloudsrm().arg("check").arg(&latin1), 2);
    assert!(err[0].contains("not UTF-8"), "{err:?}");
    cloudsrm().arg("check").assert().code(2);
}

#[test]
fn an_invalid_file_stops_the_check_even_if_others_are_fine() {
    let files = Files::new();
    let holds = files.write("holds.yaml", HOLDS);
    let bad = files.write(
        "bad.yaml",
        "assumptions:\n  - service: nope\n    layer: os\n    owner: aws\n",
    );
    let err = stderr_lines(cloudsrm().arg("check").arg(&holds).arg(&bad), 2);
    assert_eq!(err.len(), 1, "{err:?}");
    assert!(
        err[0].contains("bad.yaml:2:14: unknown service 'nope'"),
        "{err:?}"
    );
}

#[test]
fn the_example_assumptions_file_is_valid() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/assumptions.yaml");
    let out = cloudsrm()
        .arg("check")
        .arg(&example)
        .assert()
        .get_output()
        .clone();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
}

#[test]
fn schema_describes_the_assumptions_file() {
    let out = stdout_of(cloudsrm().args(["schema", "assumptions"]), 0);
    let schema: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    let entry = &schema["definitions"]["AssumptionEntry"];
    let mut keys: Vec<&str> = entry["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    let mut expected = cloudsrm::check::ENTRY_KEYS.to_vec();
    expected.sort_unstable();
    assert_eq!(keys, expected, "the parser's keys and the schema agree");
    assert_eq!(entry["additionalProperties"], false);
    let owners = serde_json::to_string(&schema["definitions"]["Owner"]).unwrap();
    assert!(
        owners.contains("\"aws\"")
            && owners.contains("\"customer\"")
            && owners.contains("\"shared\""),
        "{owners}"
    );
}
