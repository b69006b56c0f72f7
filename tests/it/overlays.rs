//! Overlays through the real binary: teams, gaps, where answers come from, later files
//! winning, and added services and variants.

use crate::common::cloudsrm;
use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn overlay(dir: &tempfile::TempDir, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn json(cmd: &mut Command) -> Value {
    serde_json::from_slice(&cmd.assert().get_output().stdout).unwrap()
}

#[test]
fn teams_show_in_answers_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let teams = overlay(&dir, "teams.yaml", "override:\n  - service: rds\n    team: platform-db\n    layers:\n      backup: { team: dba }\n");
    cloudsrm()
        .args(["who-owns", "rds", "backup", "--catalog"])
        .arg(&teams)
        .assert()
        .success()
        .stdout(predicate::str::contains("owner     shared: dba"));
    let v = json(
        cloudsrm()
            .args([
                "who-owns",
                "rds",
                "network-config",
                "-o",
                "json",
                "--catalog",
            ])
            .arg(&teams),
    );
    assert_eq!(v["team"], "platform-db", "the service's default team");
    assert_eq!(v["origin"], "embedded", "the entry itself is AWS's");
    let v = json(
        cloudsrm()
            .args(["who-owns", "rds", "os-patching", "-o", "json", "--catalog"])
            .arg(&teams),
    );
    assert_eq!(v["owner"], "aws");
    assert_eq!(
        v["team"],
        Value::Null,
        "an AWS-owned layer has no customer team"
    );
    let v = json(cloudsrm().args(["who-owns", "rds", "backup", "-o", "json"]));
    assert_eq!(v["team"], Value::Null, "no overlay, no team");
}

#[test]
fn services_by_team_and_gaps() {
    let dir = tempfile::tempdir().unwrap();
    let teams = overlay(&dir, "teams.yaml", "override:\n  - service: rds\n    team: platform-db\n    layers:\n      backup: { team: dba }\n");
    let rows = json(
        cloudsrm()
            .args(["services", "--team", "dba", "-o", "json", "--catalog"])
            .arg(&teams),
    );
    let ids: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["rds"]);
    cloudsrm()
        .args(["services", "--team", "db", "--catalog"])
        .arg(&teams)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean 'dba'?"));

    // Every customer-side duty of rds has a team; lambda's have none.
    cloudsrm()
        .args(["gaps", "rds", "--catalog"])
        .arg(&teams)
        .assert()
        .code(0)
        .stdout("every customer-side and shared duty has a team\n");
    let gaps = json(
        cloudsrm()
            .args(["gaps", "rds", "lambda", "-o", "json", "--catalog"])
            .arg(&teams),
    );
    let gaps = gaps.as_array().unwrap();
    assert!(!gaps.is_empty());
    assert!(
        gaps.iter()
            .all(|g| g["service"] == "lambda" && g["owner"] != "aws"),
        "{gaps:?}"
    );
    cloudsrm()
        .args(["gaps", "lambda"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("duties have no team"));
    let per_variant = json(cloudsrm().args(["gaps", "ecs", "-o", "json"]));
    assert!(per_variant
        .as_array()
        .unwrap()
        .iter()
        .any(|g| g["variant"] == "fargate"));
}

#[test]
fn replaced_entries_say_where_they_came_from_and_later_files_win() {
    let dir = tempfile::tempdir().unwrap();
    let first = overlay(
        &dir,
        "first.yaml",
        "override:\n  - service: s3\n    layers:\n      logging-monitoring:\n        owner: shared\n        aws: Our platform forwards access logs.\n        customer: Teams read them.\n",
    );
    let second = overlay(
        &dir,
        "second.yaml",
        "override:\n  - service: s3\n    layers:\n      logging-monitoring:\n        owner: customer\n        aws: Provides server access logging.\n        customer: Each team turns logging on.\n",
    );
    let v = json(
        cloudsrm()
            .args(["who-owns", "s3", "logging", "-o", "json", "--catalog"])
            .arg(&first),
    );
    assert_eq!(
        (v["owner"].as_str(), v["origin"].as_str()),
        (Some("shared"), Some(first.to_str().unwrap()))
    );
    let v = json(
        cloudsrm()
            .args(["who-owns", "s3", "logging", "-o", "json", "--catalog"])
            .arg(&first)
            .arg("--catalog")
            .arg(&second),
    );
    assert_eq!(
        (v["owner"].as_str(), v["origin"].as_str()),
        (Some("customer"), Some(second.to_str().unwrap()))
    );
    // The environment's files load first, so a flag still wins.
    let v = json(
        cloudsrm()
            .args(["who-owns", "s3", "logging", "-o", "json", "--catalog"])
            .arg(&first)
            .env("CLOUDSRM_CATALOG", &second),
    );
    assert_eq!(v["owner"], "shared");
    cloudsrm()
        .args(["show", "s3", "--catalog"])
        .arg(&first)
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "from overlays: logging-monitoring ({})",
            first.display()
        )));
}

#[test]
fn overlays_add_variants() {
    let dir = tempfile::tempdir().unwrap();
    let variant = overlay(
        &dir,
        "variant.yaml",
        "override:\n  - service: dynamodb\n    variants:\n      - id: local\n        name: DynamoDB local\n        layers:\n          guest-os:\n            owner: shared\n            aws: Provides the database environment.\n            customer: Gets OS access and customizes it.\n",
    );
    let v = json(
        cloudsrm()
            .args([
                "who-owns",
                "dynamodb:local",
                "guest-os",
                "-o",
                "json",
                "--catalog",
            ])
            .arg(&variant),
    );
    assert_eq!(v["owner"], "shared");
    let v = json(
        cloudsrm()
            .args([
                "who-owns",
                "dynamodb",
                "guest-os",
                "-o",
                "json",
                "--catalog",
            ])
            .arg(&variant),
    );
    assert_eq!(
        v["owner"], "varies",
        "dynamodb now has a variant that differs"
    );
}

#[test]
fn the_environment_lists_several_overlays_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let teams = overlay(
        &dir,
        "teams.yaml",
        "override:\n  - service: rds\n    team: platform-db\n",
    );
    let backup = overlay(
        &dir,
        "backup.yaml",
        "override:\n  - service: rds\n    layers:\n      backup: { team: dba }\n",
    );
    let list = std::env::join_paths([&teams, &backup]).unwrap();
    let v = json(
        cloudsrm()
            .args(["who-owns", "rds", "backup", "-o", "json"])
            .env("CLOUDSRM_CATALOG", &list),
    );
    assert_eq!(
        v["team"], "dba",
        "the second file applies on top of the first"
    );
    let v = json(
        cloudsrm()
            .args(["who-owns", "rds", "scaling", "-o", "json"])
            .env("CLOUDSRM_CATALOG", &list),
    );
    assert_eq!(
        v["team"], "platform-db",
        "the first file's default still holds"
    );
}
