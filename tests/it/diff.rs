//! `export catalog` and `diff`: the export's shape and round trip, every category of change,
//! `--only`, the formats, and the exit codes.
//!
//! Exports of the fixture catalog are edited into an "old" and a "new" catalog so that each
//! kind of change is known in advance; the real catalog is used where only the binary can
//! say (the default NEW side, folders, overlays).

use std::path::{Path, PathBuf};

use predicates::prelude::PredicateBooleanExt;
use serde_json::{json, Value};

use cloudsrm::catalog::{self, load, Catalog};
use cloudsrm::query::{parse_export, CatalogExport};

use crate::common::{assert_file, cloudsrm};

fn fixture() -> Catalog {
    load(
        ("data/layers.yaml", include_str!("../../data/layers.yaml")),
        &[
            (
                "alpha.yaml",
                include_str!("../fixtures/services/alpha.yaml"),
            ),
            ("beta.yaml", include_str!("../fixtures/services/beta.yaml")),
        ],
    )
    .expect("the fixture catalog is valid")
}

fn to_value(export: &CatalogExport) -> Value {
    serde_json::to_value(export).unwrap()
}

/// The fixture catalog before: edited so that, compared with the fixture as it is, every
/// category of change appears once.
fn before() -> Value {
    let mut old = to_value(&fixture().export());
    old["catalog_version"] = json!("0.0.9+2025-12-01");
    let services = old["services"].as_array_mut().unwrap();
    // A service that is gone now.
    let mut gone = services[0].clone();
    gone["id"] = json!("gamma");
    gone["aliases"] = json!(["gamma-old"]);
    services.push(gone);
    let alpha = &mut services[0];
    alpha["reviewed"] = json!("2025-12-01");
    let backup = &mut alpha["layers"]["backup"];
    assert_eq!(backup["owner"], "shared");
    backup["owner"] = json!("customer");
    backup["customer"] = json!("Back up everything yourself.");
    backup["note"] = Value::Null;
    let patching = &mut alpha["layers"]["os-patching"];
    patching["sources"] = json!(["https://docs.aws.amazon.com/example/old-patching.html"]);
    let beta = &mut services[1];
    let variants = beta["variants"].as_array_mut().unwrap();
    // beta:serverless is new; beta:edge is gone; beta:hosts's own guest-os entry moved.
    let serverless = variants.remove(1);
    assert_eq!(serverless["id"], "serverless");
    let mut edge = serverless.clone();
    edge["id"] = json!("edge");
    variants.push(edge);
    variants[0]["layers"]["guest-os"]["owner"] = json!("shared");
    // A layer that the vocabulary no longer has.
    old["layers"].as_array_mut().unwrap().push(json!({
        "id": "firmware", "name": "Firmware", "description": "Retired layer.", "aliases": []
    }));
    old
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// The old and new catalogs in files: the new one is the fixture with a service added.
fn pair(dir: &Path) -> (PathBuf, PathBuf) {
    let old = write(dir, "old.json", &before().to_string());
    let mut after = to_value(&fixture().export());
    let services = after["services"].as_array_mut().unwrap();
    let mut delta = services[0].clone();
    delta["id"] = json!("delta");
    delta["aliases"] = json!([]);
    services.push(delta);
    let new = write(
        dir,
        "new.json",
        &serde_json::to_string_pretty(&after).unwrap(),
    );
    (old, new)
}

fn diff_json(args: &[&str], dir: &Path) -> Value {
    let out = cloudsrm()
        .arg("diff")
        .args(args)
        .args(["--format", "json"])
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(out.status.code().is_some_and(|c| c < 2), "{out:?}");
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_export_has_the_documented_shape_and_reads_back() {
    let embedded = catalog::embedded();
    let out = cloudsrm().args(["export", "catalog"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let export = parse_export("export.json", &text).unwrap();
    assert_eq!(export, embedded.export());
    let newest = embedded
        .services
        .iter()
        .map(|s| s.reviewed.as_ref())
        .max()
        .unwrap();
    assert_eq!(
        export.catalog_version,
        format!("{}+{newest}", env!("CARGO_PKG_VERSION"))
    );

    let value: Value = serde_json::from_str(&text).unwrap();
    // serde_json's map sorts keys; the export's order is checked on the typed export below.
    let keys = |v: &Value| -> Vec<String> {
        let mut keys: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        keys
    };
    assert_eq!(keys(&value), ["catalog_version", "layers", "services"]);
    let rds = value["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "rds")
        .unwrap();
    assert_eq!(
        keys(rds),
        [
            "aliases", "category", "id", "ids", "layers", "managed", "model", "name", "retired",
            "reviewed", "team", "variants"
        ]
    );
    // Layers in stack order, each entry whole.
    let stack: Vec<&str> = embedded.layers.iter().map(|l| l.id.as_ref()).collect();
    for service in &export.services {
        let layer_ids: Vec<&str> = service.layers.0.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(layer_ids, stack, "{}", service.id);
    }
    let order = [
        "\"owner\"",
        "\"aws\"",
        "\"customer\"",
        "\"sources\"",
        "\"note\"",
        "\"team\"",
    ];
    let first_entry = &text[text.find("\"physical-security\": {").unwrap()..];
    let at: Vec<usize> = order.iter().map(|k| first_entry.find(k).unwrap()).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");
    assert_eq!(
        keys(&rds["layers"]["backup"]),
        ["aws", "customer", "note", "owner", "sources", "team"]
    );
    let custom = &rds["variants"][0];
    assert_eq!(custom["id"], "custom");
    assert_eq!(custom["exception"], true);
    // A variant carries only the layers it changes.
    assert!(custom["layers"].as_object().unwrap().len() < stack.len());
    let aurora = value["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "aurora")
        .unwrap();
    assert_eq!(aurora["retired"][0]["name"], "aurora-serverless-v1");
}

#[test]
fn every_category_of_change() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = pair(dir.path());
    let report = diff_json(&[old.to_str().unwrap(), new.to_str().unwrap()], dir.path());
    assert_eq!(report["old"]["catalog_version"], "0.0.9+2025-12-01");
    assert_eq!(report["layers_removed"], json!(["firmware"]));
    assert_eq!(report["layers_added"], json!([]));
    assert_eq!(report["services_added"], json!(["delta"]));
    assert_eq!(report["services_removed"], json!(["gamma"]));
    assert_eq!(report["variants_added"], json!(["beta:serverless"]));
    assert_eq!(report["variants_removed"], json!(["beta:edge"]));
    assert_eq!(
        report["owner_changes"],
        json!([
            {"service": "alpha", "variant": null, "layer": "backup", "old": "customer", "new": "shared"},
            {"service": "beta", "variant": "hosts", "layer": "guest-os", "old": "shared", "new": "customer"}
        ])
    );
    let fields: Vec<(&str, &str)> = report["text_changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["layer"].as_str().unwrap(), c["field"].as_str().unwrap()))
        .collect();
    assert_eq!(fields, [("backup", "customer"), ("backup", "note")]);
    assert_eq!(report["text_changes"][1]["old"], Value::Null);
    assert_eq!(
        report["source_changes"],
        json!([{
            "service": "alpha", "variant": null, "layer": "os-patching",
            "added": ["https://docs.aws.amazon.com/example/os-patching.html"],
            "removed": ["https://docs.aws.amazon.com/example/old-patching.html"]
        }])
    );
    assert_eq!(
        report["review_changes"],
        json!([{"service": "alpha", "old": "2025-12-01", "new": "2026-01-15"}])
    );
}

#[test]
fn formats() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = pair(dir.path());
    let run = |format: &str| {
        let out = cloudsrm()
            .args(["diff", "old.json", "new.json", "--format", format])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(old.exists() && new.exists());
    assert_file("tests/snapshots/diff.txt", &run("text"));
    assert_file("tests/snapshots/diff.md", &run("markdown"));
    let yaml = run("yaml");
    assert!(
        yaml.contains("owner_changes:") && yaml.contains("layer: backup"),
        "{yaml}"
    );
    // -o json chooses the report format when --format does not.
    let out = cloudsrm()
        .args(["diff", "old.json", "new.json", "-o", "json"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value, serde_json::from_str::<Value>(&run("json")).unwrap());
}

#[test]
fn only_limits_the_diff_to_the_services_named() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = pair(dir.path());
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
    // By alias, in any case.
    let report = diff_json(&[old, new, "--only", "AC"], dir.path());
    assert_eq!(report["only"], json!(["alpha"]));
    assert_eq!(report["owner_changes"].as_array().unwrap().len(), 1);
    assert_eq!(report["variants_added"], json!([]));
    assert_eq!(report["services_removed"], json!([]));
    // A variant: its own changes and its service's, not its siblings'.
    let report = diff_json(&[old, new, "--only", "beta:serverless"], dir.path());
    assert_eq!(report["variants_added"], json!(["beta:serverless"]));
    assert_eq!(report["variants_removed"], json!([]));
    assert_eq!(report["owner_changes"], json!([]));
    // A service only the old side has can be named.
    let report = diff_json(&[old, new, "--only", "gamma", "beta"], dir.path());
    assert_eq!(report["services_removed"], json!(["gamma"]));
    assert_eq!(report["variants_removed"], json!(["beta:edge"]));
    // A name neither side knows is a usage error.
    cloudsrm()
        .args(["diff", old, new, "--only", "alpah"])
        .assert()
        .code(2)
        .stdout("")
        .stderr("cloudsrm: error: unknown service 'alpah'; did you mean 'alpha'?\n");
    cloudsrm()
        .args(["diff", old, new, "--only", "beta:edg"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("did you mean 'beta:edge'?"));
}

#[test]
fn fail_on_decides_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = pair(dir.path());
    let code = |args: &[&str]| {
        cloudsrm()
            .arg("diff")
            .args([&old, &new])
            .args(args)
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(code(&[]), Some(0));
    assert_eq!(code(&["--fail-on", "owner-change"]), Some(1));
    assert_eq!(code(&["--fail-on", "removed"]), Some(1));
    assert_eq!(code(&["--fail-on", "any"]), Some(1));
    // Limited to what did not change owner or lose anything: only texts and reviews.
    let only_text = before();
    let mut only_text: CatalogExport = serde_json::from_value(only_text).unwrap();
    let fresh = fixture().export();
    only_text.layers = fresh.layers.clone();
    only_text.services = fresh.services.clone();
    only_text.services[0].layers.0[10].1.customer = "Old words.".into();
    let text_old = write(
        dir.path(),
        "text-old.json",
        &serde_json::to_string(&only_text).unwrap(),
    );
    let code = |args: &[&str]| {
        cloudsrm()
            .arg("diff")
            .args([&text_old, &new])
            .args(args)
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(
        code(&["--fail-on", "owner-change", "--fail-on", "removed"]),
        Some(0)
    );
    assert_eq!(code(&["--fail-on", "any"]), Some(1));
    // The same catalog twice: nothing to fail on.
    cloudsrm()
        .arg("diff")
        .args([&new, &new])
        .args(["--fail-on", "any"])
        .assert()
        .code(0)
        .stdout(predicates::str::ends_with("no differences\n"));
}

#[test]
fn new_defaults_to_the_catalog_in_use_and_sides_are_told_apart_by_content() {
    let dir = tempfile::tempdir().unwrap();
    let export = cloudsrm()
        .args(["export", "catalog"])
        .output()
        .unwrap()
        .stdout;
    // An export named like YAML is still an export.
    write(
        dir.path(),
        "catalog.yaml",
        std::str::from_utf8(&export).unwrap(),
    );
    cloudsrm()
        .args(["diff", "catalog.yaml", "--fail-on", "any"])
        .current_dir(dir.path())
        .assert()
        .code(0)
        .stdout(predicates::str::contains("new: ").and(predicates::str::contains("(embedded)")));
    // An overlay, even named .json, is applied to the embedded catalog.
    let overlay = "override:\n  - service: rds\n    team: platform-db\n    layers:\n      backup: { owner: customer, aws: Keeps nothing., customer: Everything., sources: [] }\n";
    write(dir.path(), "teams.json", overlay);
    let out = cloudsrm()
        .args([
            "diff",
            "catalog.yaml",
            "teams.json",
            "--fail-on",
            "owner-change",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("  rds backup: shared -> customer\n"),
        "{text}"
    );
    // The service's team now carries the customer's part of each of its layers.
    assert!(
        text.contains("  rds backup team:\n    - (none)\n    + platform-db\n"),
        "{text}"
    );
    assert!(
        text.contains("  rds data team:\n    - (none)\n    + platform-db\n"),
        "{text}"
    );
    assert!(!text.contains("rds physical-security team"), "{text}");
    // The same overlay given with --catalog makes it the NEW side.
    cloudsrm()
        .args([
            "diff",
            "catalog.yaml",
            "--catalog",
            "teams.json",
            "--only",
            "rds",
        ])
        .current_dir(dir.path())
        .assert()
        .code(0)
        .stdout(predicates::str::contains("rds backup: shared -> customer"));
    // A folder laid out like data/: the repository's own is the embedded catalog.
    cloudsrm()
        .args(["diff", "data", "--fail-on", "any"])
        .assert()
        .code(0)
        .stdout(predicates::str::ends_with("no differences\n"));
}

#[test]
fn unreadable_input_is_one_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "broken.json",
        "{\n  \"catalog_version\": \"0.1.0\",\n  \"layers\": [\n",
    );
    write(
        dir.path(),
        "bad-overlay.yaml",
        "override:\n  - service: rdss\n",
    );
    write(dir.path(), "binary.json", "\u{0}\u{1}catalog");
    std::fs::create_dir(dir.path().join("folder")).unwrap();
    let cases = [
        (vec!["missing.json"], "cloudsrm: error: cannot read missing.json: no such file or directory\n"),
        (vec!["broken.json"], "cloudsrm: error: broken.json:4:0: not a catalog export: EOF while parsing a list at line 4 column 0\n"),
        (vec!["missing.json", "broken.json"], "cloudsrm: error: cannot read missing.json: no such file or directory\n"),
        (vec!["folder"], "cloudsrm: error: cannot read folder: it is a directory\n"),
        (vec!["-", "-"], "cloudsrm: error: standard input ('-') can be read only once; name it once\n"),
    ];
    for (args, stderr) in cases {
        cloudsrm()
            .arg("diff")
            .args(&args)
            .current_dir(dir.path())
            .assert()
            .code(2)
            .stdout("")
            .stderr(stderr);
    }
    cloudsrm()
        .args(["diff", "bad-overlay.yaml"])
        .current_dir(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::starts_with(
            "cloudsrm: error: bad-overlay.yaml:2:14: cannot override: unknown service 'rdss'",
        ));
    let out = cloudsrm()
        .args(["diff", "binary.json"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&out.stderr).lines().count(), 1);
}

#[test]
fn a_variant_that_inherits_a_change_is_not_reported_twice() {
    let dir = tempfile::tempdir().unwrap();
    let mut old = fixture().export();
    // beta's own scaling entry changes; beta:hosts inherits it, beta:serverless has its own.
    let beta = &mut old.services[1];
    let scaling = beta
        .layers
        .0
        .iter_mut()
        .find(|(l, _)| l == "scaling")
        .unwrap();
    scaling.1.aws = "Old words.".into();
    let old = write(
        dir.path(),
        "old.json",
        &serde_json::to_string(&old).unwrap(),
    );
    let new = write(
        dir.path(),
        "new.json",
        &serde_json::to_string(&fixture().export()).unwrap(),
    );
    let report = diff_json(&[old.to_str().unwrap(), new.to_str().unwrap()], dir.path());
    let subjects: Vec<String> = report["text_changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| format!("{} {:?} {}", c["service"], c["variant"], c["layer"]))
        .collect();
    assert_eq!(subjects, [r#""beta" Null "scaling""#]);
}

#[test]
fn markdown_and_text_keep_file_text_inert() {
    let dir = tempfile::tempdir().unwrap();
    let mut old = fixture().export();
    old.services[0].layers.0[10].1.customer = "::error::pwned | *bold* <b>\u{1b}[31m".into();
    let old = write(
        dir.path(),
        "old.json",
        &serde_json::to_string(&old).unwrap(),
    );
    let new = write(
        dir.path(),
        "new.json",
        &serde_json::to_string(&fixture().export()).unwrap(),
    );
    let run = |format: &str| {
        let out = cloudsrm()
            .arg("diff")
            .args([&old, &new])
            .args(["--format", format])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let markdown = run("markdown");
    assert!(
        markdown.contains("before: ::error::pwned \\| \\*bold\\* \\<b\\>\u{fffd}\\[31m"),
        "{markdown}"
    );
    let text = run("text");
    assert!(
        !text.lines().any(|l| l.trim_start().starts_with("::")),
        "{text}"
    );
    assert!(!text.contains('\u{1b}'));
}

#[test]
fn a_file_that_is_no_catalog_says_what_diff_reads() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        (
            "template.yaml",
            "AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n",
        ),
        ("oscal.json", "{\n  \"component-definition\": {}\n}\n"),
        ("list.json", "[]\n"),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let out = crate::common::cloudsrm()
            .arg("diff")
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("not a catalog export"), "{name}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
}
