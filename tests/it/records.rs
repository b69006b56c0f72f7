//! `-o csv` and `-o markdown` on the real catalog: the header rows the README documents,
//! rows that stand alone, and a clear refusal for answers that are no table.

use serde_json::Value;

use crate::common::cloudsrm;

const LAYER_ROW: &str =
    "service,variant,layer,owner,team,aws,customer,note,sources,origin,reviewed,stale";

/// Each tabular command and the header row the README's "CSV and Markdown" part names.
fn shapes() -> Vec<(Vec<&'static str>, String)> {
    let layers: Vec<String> = cloudsrm::catalog::embedded()
        .layers
        .iter()
        .map(|l| l.id.to_string())
        .collect();
    let owners = format!("service,variant,{}", layers.join(","));
    vec![
        (vec!["who-owns", "ecs", "guest-os"], LAYER_ROW.into()),
        (vec!["show", "rds"], LAYER_ROW.into()),
        (vec!["show", "ecs:fargate"], LAYER_ROW.into()),
        (
            vec!["services", "--managed"],
            "id,variant,name,category,managed,model".into(),
        ),
        (vec!["layers"], "id,name,description,aliases".into()),
        (vec!["compare", "ec2", "lambda"], owners.clone()),
        (vec!["matrix"], owners),
        (vec!["gaps", "rds"], "service,variant,layer,owner".into()),
        (vec!["pentest"], "service,name,scope".into()),
        (
            vec!["pentest", "rds"],
            "service,variant,name,permitted,scope,untestable,policy,checked".into(),
        ),
        (
            vec!["status"],
            "public_dashboard,account_dashboard,note,sources".into(),
        ),
    ]
}

fn output(args: &[&str], format: &str) -> String {
    let out = cloudsrm().args(args).args(["-o", format]).output().unwrap();
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{args:?} -o {format}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn parse_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

#[test]
fn every_tabular_answer_has_its_documented_csv_shape() {
    for (args, header) in shapes() {
        let text = output(&args, "csv");
        let (found, rows) = parse_csv(&text);
        assert_eq!(found.join(","), header, "{args:?}");
        assert!(!rows.is_empty(), "{args:?}");
        for row in &rows {
            assert_eq!(row.len(), found.len(), "{args:?}: {row:?}");
        }
    }
}

#[test]
fn csv_rows_match_the_json_answer() {
    let (header, rows) = parse_csv(&output(&["matrix"], "csv"));
    let json: Value = serde_json::from_str(&output(&["matrix"], "json")).unwrap();
    let json = json.as_array().unwrap();
    assert_eq!(rows.len(), json.len());
    for (row, column) in rows.iter().zip(json) {
        assert_eq!(row[0], column["service"]);
        assert_eq!(row[1], column["variant"].as_str().unwrap_or(""));
        for (layer, owner) in header.iter().zip(row).skip(2) {
            assert_eq!(column["owners"][layer], owner.as_str(), "{row:?}");
        }
    }
    // A layer whose variants disagree becomes a row per variant: no row says "varies".
    let (header, rows) = parse_csv(&output(&["show", "ecs"], "csv"));
    let owner = header.iter().position(|h| h == "owner").unwrap();
    assert!(rows.iter().all(|r| r[owner] != "varies"));
    let guest: Vec<&Vec<String>> = rows.iter().filter(|r| r[2] == "guest-os").collect();
    assert!(guest.len() >= 2, "{guest:?}");
    assert!(guest.iter().any(|r| r[1] == "fargate" && r[owner] == "aws"));
    assert!(guest
        .iter()
        .any(|r| r[1] == "ec2" && r[owner] == "customer"));
    // Sources are one field, separated by spaces.
    let sources = header.iter().position(|h| h == "sources").unwrap();
    assert!(rows
        .iter()
        .all(|r| r[sources].split(' ').all(|s| s.starts_with("https://"))));
}

#[test]
fn markdown_is_one_table_with_escaped_fields() {
    for (args, header) in shapes() {
        let text = output(&args, "markdown");
        let (_, rows) = parse_csv(&output(&args, "csv"));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), rows.len() + 2, "{args:?}");
        let columns = header.split(',').count();
        assert_eq!(lines[0], format!("| {} |", header.replace(',', " | ")));
        assert_eq!(lines[1], format!("|{}", " --- |".repeat(columns)));
        for line in &lines {
            // Every separator is an unescaped pipe; a pipe inside a field is `\|`.
            let separators = line.replace("\\|", "").matches('|').count();
            assert_eq!(separators, columns + 1, "{args:?}: {line}");
        }
    }
}

#[test]
fn output_format_names_are_case_insensitive() {
    let lower = output(&["layers"], "csv");
    assert_eq!(output(&["layers"], "CSV"), lower);
    assert_eq!(
        output(&["layers"], "Markdown"),
        output(&["layers"], "markdown")
    );
    let json: Value =
        serde_json::from_str(&output(&["who-owns", "ec2", "os-patching"], "JSON")).unwrap();
    assert_eq!(json["owner"], "customer");
}

#[test]
fn answers_that_are_no_table_refuse_csv_and_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let assumptions = dir.path().join("a.yaml");
    std::fs::write(
        &assumptions,
        "assumptions:\n  - service: rds\n    layer: os-patching\n    owner: aws\n",
    )
    .unwrap();
    let file = assumptions.to_str().unwrap();
    for (args, command) in [
        (vec!["aup"], "aup"),
        (vec!["diagram", "s3"], "diagram"),
        (vec!["assert", "rds", "os-patching", "aws"], "assert"),
        (vec!["check", file], "check"),
        (vec!["validate"], "validate"),
    ] {
        for format in ["csv", "markdown"] {
            let out = cloudsrm()
                .args(&args)
                .args(["-o", format])
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(2), "{args:?} -o {format}");
            assert!(out.stdout.is_empty());
            let err = String::from_utf8(out.stderr).unwrap();
            assert!(
                err.contains(&format!(
                    "{command} answers with no table, so it has no {format} form"
                )) && err.contains("use -o text, json or yaml"),
                "{err}"
            );
        }
    }
    // check's own --format still chooses its report whatever -o says.
    cloudsrm()
        .args(["check", file, "--format", "tap", "-o", "csv"])
        .assert()
        .success();
}

#[test]
fn who_owns_without_a_layer_and_search_are_tables_too() {
    let (header, rows) = parse_csv(&output(&["who-owns", "ec2"], "csv"));
    assert_eq!(
        header.join(","),
        "service,variant,layer,owner,team,customer"
    );
    assert_eq!(rows.len(), 17, "every layer: the duties, then AWS's");
    assert!(rows
        .iter()
        .any(|r| r[2] == "os-patching" && r[3] == "customer"));
    assert!(rows
        .iter()
        .any(|r| r[2] == "hardware" && r[3] == "aws" && r[5].is_empty()));
    // A topic word for two layers gives a row for each.
    let (_, rows) = parse_csv(&output(&["who-owns", "rds", "encryption"], "csv"));
    let layers: Vec<&str> = rows.iter().map(|r| r[2].as_str()).collect();
    assert_eq!(layers, ["encryption-in-transit", "encryption-at-rest"]);
    let (header, rows) = parse_csv(&output(&["search", "patch", "rds"], "csv"));
    assert_eq!(
        header.join(","),
        "service,variant,layer,owner,customer,score"
    );
    assert!(!rows.is_empty());
    let markdown = output(&["diff", "data"], "markdown");
    assert!(
        markdown.starts_with('#') || markdown.contains('|'),
        "{markdown}"
    );
    let out = cloudsrm()
        .args(["diff", "data", "-o", "csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
