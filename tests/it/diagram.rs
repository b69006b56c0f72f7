//! `diagram`: well-formed, self-contained SVG with one cell per service and layer carrying
//! the catalog's owner; the terminal version; and the README's picture kept current.

use std::collections::HashMap;

use crate::common::cloudsrm;
use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};
use serde_json::Value;

const README_PICTURE: &str = "docs/stack.svg";
const README_SERVICES: [&str; 4] = ["ec2", "ecs:fargate", "lambda", "s3"];

fn stdout(args: &[&str]) -> String {
    String::from_utf8(
        cloudsrm()
            .args(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone(),
    )
    .unwrap()
}

/// Parses the SVG fully (failing on malformed XML) and returns each cell's
/// (column, layer) -> owner class, plus whether the root has a title and a desc.
fn cells(svg: &str) -> (HashMap<(String, String), String>, bool, bool) {
    let mut reader = Reader::from_str(svg);
    let mut column = String::new();
    let mut found = HashMap::new();
    let (mut title, mut desc, mut depth) = (false, false, 0);
    loop {
        match reader.read_event().expect("well-formed XML") {
            event @ (Event::Start(_) | Event::Empty(_)) => {
                let (Event::Start(e) | Event::Empty(e)) = &event else {
                    unreachable!()
                };
                let attr = |name: &str| {
                    e.try_get_attribute(name).unwrap().map(|a| {
                        a.normalized_value(XmlVersion::Implicit1_0)
                            .unwrap()
                            .into_owned()
                    })
                };
                let tag = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                if depth == 1 && tag == "title" {
                    title = true;
                }
                if depth == 1 && tag == "desc" {
                    desc = true;
                }
                if let Some(service) = attr("data-service") {
                    column = service;
                }
                if let (Some(layer), Some(class)) = (attr("data-layer"), attr("class")) {
                    let owner = class
                        .split(' ')
                        .find_map(|c| c.strip_prefix("owner-"))
                        .unwrap()
                        .to_string();
                    assert_eq!(Some(owner.clone()), attr("data-owner"));
                    found.insert((column.clone(), layer), owner);
                }
                if matches!(event, Event::Start(_)) {
                    depth += 1;
                }
            }
            Event::End(_) => depth -= 1,
            Event::Eof => break,
            _ => {}
        }
    }
    (found, title, desc)
}

#[test]
fn svg_has_one_cell_per_service_and_layer_with_the_catalogs_owner() {
    let svg = stdout(&["diagram", "ec2", "ecs", "rds"]);
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(
        !svg.contains("href") && !svg.contains("<script") && !svg.contains("@import"),
        "self-contained"
    );
    let compare: Value =
        serde_json::from_str(&stdout(&["compare", "ec2", "ecs", "rds", "-o", "json"])).unwrap();
    let mut expected = HashMap::new();
    for column in compare.as_array().unwrap() {
        let label = match column["variant"].as_str() {
            Some(v) => format!("{}:{v}", column["service"].as_str().unwrap()),
            None => column["service"].as_str().unwrap().to_string(),
        };
        for (layer, owner) in column["owners"].as_object().unwrap() {
            expected.insert(
                (label.clone(), layer.clone()),
                owner.as_str().unwrap().to_string(),
            );
        }
    }
    let (found, _, _) = cells(&svg);
    assert_eq!(
        found.len(),
        6 * 17,
        "ec2, four ECS variants and rds, 17 layers each"
    );
    assert_eq!(found, expected);
}

#[test]
fn svg_is_accessible() {
    let svg = stdout(&["diagram", "lambda"]);
    let (_, title, desc) = cells(&svg);
    assert!(title && desc, "root <title> and <desc>");
    assert!(svg.contains("role=\"img\"") && svg.contains("aria-labelledby="));
    for word in [">AWS<", ">Customer<"] {
        assert!(
            svg.contains(word),
            "cells carry text labels, not colour alone: {word}"
        );
    }
    assert!(
        svg.contains("<title>Runtime and engine: shared\nAWS: "),
        "shared cells explain each side on hover"
    );
}

#[test]
fn text_diagram_uses_letters_without_colour_and_blocks_with_it() {
    let plain = stdout(&["diagram", "ec2", "lambda", "--format", "text"]);
    let data_row = plain
        .lines()
        .find(|l| l.trim_start().starts_with("Data "))
        .unwrap();
    assert!(data_row.contains("[C]"), "{plain}");
    let guest = plain
        .lines()
        .find(|l| l.contains("Guest operating system"))
        .unwrap();
    assert_eq!(
        guest.matches("[C]").count() + guest.matches("[A]").count(),
        2,
        "{guest}"
    );
    assert!(!plain.contains('\u{1b}'));
    assert!(
        plain.lines().position(|l| l.contains("Data"))
            < plain.lines().position(|l| l.contains("Physical security"))
    );
    let coloured = stdout(&["diagram", "ec2", "--format", "text", "--color", "always"]);
    assert!(
        coloured.contains("\u{1b}[97;44m"),
        "customer cells are blue blocks"
    );
}

#[test]
fn out_writes_the_file_or_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stack.svg");
    cloudsrm()
        .args(["diagram", "s3", "--out"])
        .arg(&path)
        .assert()
        .success()
        .stdout("");
    assert!(std::fs::read_to_string(&path)
        .unwrap()
        .ends_with("</svg>\n"));
    let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(leftovers, 1, "no temporary file left behind");
    cloudsrm()
        .args(["diagram", "s3", "--out", "/no/such/dir/stack.svg"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "cannot write /no/such/dir/stack.svg",
        ));
    cloudsrm().args(["diagram", "nosuch"]).assert().code(2);
}

/// The README shows docs/stack.svg; it must be what the current catalog draws.
/// After a catalog change, run `SNAPSHOTS=overwrite cargo test`.
#[test]
fn readme_picture_is_current() {
    let mut args = vec!["diagram"];
    args.extend(README_SERVICES);
    let svg = stdout(&args);
    crate::common::assert_file(README_PICTURE, &svg);
}

/// The heading texts of the columns (`class`, `x`, text), in document order.
fn headings(svg: &str, class: &str) -> Vec<(f64, String)> {
    let mut reader = Reader::from_str(svg);
    let mut found = Vec::new();
    let mut open: Option<f64> = None;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) if e.name().as_ref() == b"text" => {
                let attr = |name: &str| {
                    e.try_get_attribute(name)
                        .unwrap()
                        .map(|a| String::from_utf8(a.value.to_vec()).unwrap())
                };
                if attr("class").as_deref() == Some(class) {
                    assert_eq!(attr("text-anchor").as_deref(), Some("middle"));
                    open = Some(attr("x").unwrap().parse().unwrap());
                }
            }
            Event::Text(t) => {
                if let Some(x) = open.take() {
                    found.push((x, String::from_utf8(t.to_vec()).unwrap()));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    found
}

/// Long ids (`eks:managed-node-groups`) used to run into their neighbours' headings.
/// Estimated at 9 pixels a character for the 14px bold ids and 6 for the 10px names,
/// no two headings on the same line overlap, and each stays inside its own column.
#[test]
fn column_headings_never_overlap() {
    let svg = stdout(&["diagram", "eks", "ecs", "directoryservice", "sagemaker"]);
    for (class, char_width) in [("column-label", 9.0), ("column-name", 6.0)] {
        let found = headings(&svg, class);
        assert!(found.len() >= 10, "{class}: {found:?}");
        assert!(found
            .iter()
            .any(|(_, t)| t == "eks:managed-node-groups" || class == "column-name"));
        let ranges: Vec<(f64, f64)> = found
            .iter()
            .map(|(x, text)| {
                let half = text.chars().count() as f64 * char_width / 2.0;
                (x - half, x + half)
            })
            .collect();
        for pair in ranges.windows(2) {
            assert!(
                pair[0].1 < pair[1].0,
                "{class}: {pair:?} overlap in {found:?}"
            );
        }
    }
}

#[test]
fn json_and_yaml_give_the_stack_as_data_never_svg() {
    let json = stdout(&["diagram", "ec2", "ecs:fargate", "-o", "json"]);
    let v: Value = serde_json::from_str(&json).unwrap();
    let columns = v["columns"].as_array().unwrap();
    assert_eq!(columns.len(), 2);
    assert_eq!(columns[1]["label"], "ecs:fargate");
    assert_eq!(columns[0]["cells"].as_array().unwrap().len(), 17);
    assert_eq!(columns[0]["cells"][5]["layer"], "os-patching");
    assert_eq!(columns[0]["cells"][5]["owner"], "customer");
    assert!(v["title"].is_string());
    let yaml = stdout(&["diagram", "ec2", "-o", "YAML"]);
    assert!(
        yaml.contains("columns:") && !yaml.contains("<svg"),
        "{yaml}"
    );
    // --out writes the data too, not a picture.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stack.json");
    cloudsrm()
        .args(["diagram", "s3", "-o", "json", "--out"])
        .arg(&path)
        .assert()
        .success();
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(written["columns"][0]["label"], "s3");
    // A picture format and a data format at once is a contradiction, said plainly.
    cloudsrm()
        .args(["diagram", "s3", "-o", "json", "--format", "svg"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("use one of them"));
    cloudsrm()
        .args(["diagram", "s3", "-o", "csv"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("diagram answers with no table"));
}

#[test]
fn out_and_redirection_get_svg_and_format_text_wins() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("stack.svg");
    cloudsrm()
        .args(["diagram", "s3", "--out"])
        .arg(&svg)
        .assert()
        .success();
    assert!(std::fs::read_to_string(&svg).unwrap().starts_with("<svg"));
    let text = dir.path().join("stack.txt");
    cloudsrm()
        .args(["diagram", "s3", "--format", "TEXT", "--out"])
        .arg(&text)
        .assert()
        .success();
    assert!(std::fs::read_to_string(&text)
        .unwrap()
        .contains("Physical security"));
    assert!(stdout(&["diagram", "s3"]).starts_with("<svg"), "piped: SVG");
}
