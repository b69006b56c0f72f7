//! `scan` in every format, against the tiny fixture catalog (alpha and beta, given ids and
//! the scan rules of `tests/fixtures/scan/formats/scan.yaml`), so that growing the real
//! catalog does not rewrite these expectations. Refresh with `SNAPSHOTS=overwrite`.

use cloudsrm::app::run_with;
use cloudsrm::catalog::{load, load_scan_rules, Catalog};
use cloudsrm::cli::{Command, OutputFormat, ScanFinding, ScanFormat};
use cloudsrm::date::Day;
use cloudsrm::exit_code::ExitCode;
use cloudsrm::render::Style;

const PLAN: &str = "tests/fixtures/scan/formats/plan.json";
const TEMPLATE: &str = "tests/fixtures/scan/formats/template.yaml";

/// alpha (carried by a team as a whole) and beta (no team, variants that disagree),
/// with Terraform and CloudFormation ids.
fn fixture() -> Catalog {
    let alpha = format!(
        "{}team: alpha-team\nids:\n  terraform: [aws_alpha_]\n  cloudformation: ['AWS::Alpha::*']\n",
        include_str!("../fixtures/services/alpha.yaml")
    );
    let beta = format!(
        "{}ids:\n  terraform: [aws_beta_thing]\n  cloudformation: ['AWS::Beta::Thing']\n",
        include_str!("../fixtures/services/beta.yaml")
    );
    let mut catalog = load(
        ("data/layers.yaml", include_str!("../../data/layers.yaml")),
        &[("alpha.yaml", &alpha), ("beta.yaml", &beta)],
    )
    .expect("the fixture catalog is valid");
    catalog.scan = load_scan_rules(
        (
            "scan.yaml",
            include_str!("../fixtures/scan/formats/scan.yaml"),
        ),
        &catalog,
    )
    .expect("the fixture scan rules are valid");
    catalog
}

const PLAIN: Style = Style {
    color: false,
    width: Some(100),
    terminal: false,
};

fn scan(format: ScanFormat, fail_on: Vec<ScanFinding>) -> (String, ExitCode) {
    let command = Command::Scan {
        paths: vec![PLAN.into(), TEMPLATE.into()],
        format: Some(format),
        fail_on,
    };
    let output = run_with(
        &fixture(),
        &command,
        OutputFormat::Text,
        &PLAIN,
        Day::parse("2026-03-01").unwrap(),
    )
    .expect("the scan succeeds");
    (output.stdout, output.exit)
}

fn snapshot(name: &str, format: ScanFormat) {
    let (stdout, exit) = scan(format, Vec::new());
    assert_eq!(exit, ExitCode::Success, "no --fail-on: exit 0");
    crate::common::assert_file(&format!("tests/snapshots/{name}"), &stdout);
}

#[test]
fn text() {
    snapshot("scan.txt", ScanFormat::Text);
}

#[test]
fn json_and_yaml() {
    snapshot("scan.json", ScanFormat::Json);
    snapshot("scan.yaml", ScanFormat::Yaml);
}

#[test]
fn markdown() {
    snapshot("scan.md", ScanFormat::Markdown);
}

#[test]
fn ci_formats() {
    snapshot("scan.sarif.json", ScanFormat::Sarif);
    snapshot("scan.junit.xml", ScanFormat::Junit);
    snapshot("scan.tap", ScanFormat::Tap);
    snapshot("scan.github.txt", ScanFormat::Github);
}

#[test]
fn junit_and_tap_fail_only_what_fail_on_names() {
    let (junit, _) = scan(ScanFormat::Junit, Vec::new());
    assert!(junit.contains("failures=\"0\""), "{junit}");
    assert!(!junit.contains("<failure"), "{junit}");
    assert!(junit.contains("<system-out>no team carries"), "{junit}");
    let (tap, _) = scan(ScanFormat::Tap, Vec::new());
    assert!(!tap.contains("not ok"), "{tap}");
    let (junit, _) = scan(ScanFormat::Junit, vec![ScanFinding::Gaps]);
    assert!(
        junit.contains("<failure type=\"duty-without-team\""),
        "{junit}"
    );
    assert!(
        !junit.contains("<failure type=\"unknown-resource-type\""),
        "{junit}"
    );
    let (tap, _) = scan(ScanFormat::Tap, vec![ScanFinding::Unknown]);
    assert!(
        tap.contains("not ok") && tap.contains("maps to no service"),
        "{tap}"
    );
    assert!(
        tap.lines()
            .filter(|l| l.starts_with("not ok"))
            .all(|l| l.contains("maps to no service")),
        "{tap}"
    );
}

#[test]
fn fail_on_makes_annotations_errors_and_the_exit_code_1() {
    let (warned, _) = scan(ScanFormat::Github, Vec::new());
    assert!(warned.contains("::warning file="), "{warned}");
    assert!(!warned.contains("::error"), "{warned}");
    let (failed, exit) = scan(ScanFormat::Github, vec![ScanFinding::Unknown]);
    assert_eq!(exit, ExitCode::Failure);
    // Unknown types become errors; gaps stay warnings.
    assert!(
        failed.contains("::error file=tests/fixtures/scan/formats/template.yaml,line=10,col=3,title=cloudsrm%3A unknown resource type::AWS::Gamma::Thing"),
        "{failed}"
    );
    assert!(failed.contains("::warning file="), "{failed}");
    let (sarif, _) = scan(ScanFormat::Sarif, vec![ScanFinding::Gaps]);
    let sarif: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let levels: Vec<(&str, &str)> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["ruleId"].as_str().unwrap(), r["level"].as_str().unwrap()))
        .collect();
    assert!(
        levels.contains(&("duty-without-team", "error")),
        "{levels:?}"
    );
    assert!(
        levels.contains(&("unknown-resource-type", "warning")),
        "{levels:?}"
    );
}
