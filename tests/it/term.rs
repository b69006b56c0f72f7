//! Text that fits the terminal: every table and answer at 80 and 100 columns, asked for
//! with `COLUMNS` and on a real pseudo-terminal (through util-linux `script`), with no
//! line wider than the width and no word, id or address broken.

use std::process::Command;

use serde_json::Value;

use crate::common::{cloudsrm, READ_BY_THE_BINARY};

/// Each command, and the JSON keys whose text the text answer does not print (at any
/// depth), so that every word of the rest must appear whole in it.
const COMMANDS: [(&[&str], &[&str]); 20] = [
    (&["matrix"], &[]),
    (&["compare", "ec2", "rds", "lambda"], &[]),
    (&["compare", "ec2", "s3"], &[]),
    (
        &[
            "compare",
            "ec2",
            "rds",
            "lambda",
            "ecs",
            "eks",
            "s3",
            "dynamodb",
            "aurora",
            "directoryservice",
            "opensearch",
        ],
        &[],
    ),
    (&["services"], &[]),
    (&["services", "--where", "os-patching=customer"], &[]),
    (&["layers"], &[]),
    (&["show", "ecs"], &["ids", "aliases", "note", "name"]),
    (&["show", "rds"], &["ids", "aliases", "note", "name"]),
    // A variant's page names no other variant.
    (
        &["show", "eks:managed-node-groups"],
        &["ids", "aliases", "note", "name", "variants"],
    ),
    // The variants' table leaves out their notes.
    (&["who-owns", "ecs", "guest-os"], &["note"]),
    (&["who-owns", "ec2", "os-patching"], &[]),
    (&["pentest"], &[]),
    (&["pentest", "rds"], &[]),
    (&["gaps", "rds", "eks"], &[]),
    (&["aup"], &[]),
    (&["who-owns", "sagemaker:notebook-instances"], &[]),
    (&["who-owns", "rds", "encryption"], &[]),
    (&["search", "patch", "rds"], &[]),
    (&["status"], &[]),
];

/// `text` without ANSI colour codes and carriage returns (a terminal ends lines in CRLF).
fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' if chars.peek() == Some(&'[') => {
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Every line fits `width` characters, except a line whose only long word is an address,
/// which is printed whole after at most a short marker (`  [12] `).
fn assert_fits(what: &str, text: &str, width: usize) {
    for line in text.lines() {
        let length = line.chars().count();
        if length <= width {
            continue;
        }
        let url = line
            .split_whitespace()
            .find(|w| w.contains("://"))
            .unwrap_or_else(|| panic!("{what}: {length} columns > {width}:\n{line}\n\n{text}"));
        assert!(
            length - url.chars().count() <= 8,
            "{what}: {length} columns > {width}, more than an address:\n{line}"
        );
    }
}

/// The strings of `value`, skipping the keys in `skip`; the keys of an `owners` map are
/// layer ids, so they count too.
fn strings(value: &Value, skip: &[&str], out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| strings(v, skip, out)),
        Value::Object(map) => {
            for (key, v) in map {
                if key == "owners" {
                    out.extend(v.as_object().into_iter().flat_map(|m| m.keys().cloned()));
                }
                // `origin` is `embedded` unless an overlay set the entry, and text says
                // nothing then.
                if !skip.contains(&key.as_str()) && key != "origin" {
                    strings(v, skip, out);
                }
            }
        }
        _ => {}
    }
}

/// Every word of the answer's JSON (its ids, owners, names, prose and addresses) appears
/// whole in the text: a word wrapped mid-word would be found nowhere.
fn assert_words_whole(what: &str, text: &str, json: &Value, skip: &[&str]) {
    let mut all = Vec::new();
    strings(json, skip, &mut all);
    let mut checked = 0;
    for word in all.iter().flat_map(|s| s.split_whitespace()) {
        checked += 1;
        assert!(
            text.contains(word),
            "{what}: '{word}' is not whole in:\n{text}"
        );
    }
    assert!(checked > 10, "{what}: only {checked} words checked");
}

fn json_of(args: &[&str]) -> Value {
    let out = cloudsrm().args(args).args(["-o", "json"]).output().unwrap();
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn run_with_columns(args: &[&str], width: usize) -> String {
    let out = cloudsrm()
        .args(args)
        .env("COLUMNS", width.to_string())
        .output()
        .unwrap();
    assert!(out.status.code().is_some_and(|c| c <= 1), "{args:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// Runs the binary on a pseudo-terminal `width` columns wide (so that it finds the width
/// by asking the terminal, and colours its output), or `None` without `script`.
fn run_on_terminal(args: &[&str], width: usize) -> Option<String> {
    let binary = assert_cmd::cargo::cargo_bin("cloudsrm");
    let line = format!(
        "stty cols {width} rows 50; exec '{}' {}",
        binary.display(),
        args.join(" ")
    );
    let mut script = Command::new("script");
    script.args(["-qec", &line, "/dev/null"]);
    for name in READ_BY_THE_BINARY {
        script.env_remove(name);
    }
    let out = match script.output() {
        Ok(out) => out,
        Err(err) => {
            eprintln!("skipped: util-linux `script` is not available ({err})");
            return None;
        }
    };
    Some(String::from_utf8(out.stdout).unwrap())
}

#[test]
fn every_table_fits_80_and_100_columns() {
    for (args, skip) in COMMANDS {
        let json = json_of(args);
        for width in [80, 100] {
            let what = format!("COLUMNS={width} cloudsrm {}", args.join(" "));
            let text = run_with_columns(args, width);
            assert_fits(&what, &text, width);
            assert_words_whole(&what, &text, &json, skip);
        }
    }
}

#[test]
fn every_table_fits_a_real_terminal() {
    for (args, skip) in COMMANDS {
        let json = json_of(args);
        for width in [80, 100] {
            let what = format!("cloudsrm {} on a {width}-column terminal", args.join(" "));
            let Some(raw) = run_on_terminal(args, width) else {
                return;
            };
            // Tables of owners colour them (the layer-less who-owns lists duties).
            let owners = ["matrix", "compare", "show", "who-owns", "gaps"];
            let coloured = owners.contains(&args[0]) && !(args[0] == "who-owns" && args.len() == 2);
            assert!(
                !coloured || raw.contains('\u{1b}'),
                "{what}: owners are coloured on a terminal"
            );
            let text = plain(&raw);
            assert_fits(&what, &text, width);
            assert_words_whole(&what, &text, &json, skip);
        }
    }
}

#[test]
fn piped_text_keeps_to_100_columns() {
    for (args, _) in COMMANDS {
        let out = cloudsrm().args(args).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(!text.contains('\u{1b}'), "piped text is plain");
        assert_fits(&format!("cloudsrm {} | cat", args.join(" ")), &text, 100);
    }
}

#[test]
fn the_diagram_is_text_on_a_terminal_and_svg_otherwise() {
    let args = ["diagram", "ec2", "ecs", "eks", "lambda"];
    let Some(raw) = run_on_terminal(&args, 80) else {
        return;
    };
    let text = plain(&raw);
    assert!(!text.contains("<svg"), "{text}");
    assert!(text.contains("Physical security") && text.contains("eks:managed-node-groups"));
    assert_fits("diagram on a terminal", &text, 80);
    let piped = cloudsrm().args(args).output().unwrap().stdout;
    assert!(piped.starts_with(b"<svg"), "redirected: SVG");
    let text = run_with_columns(&[&args[..], &["--format", "text"]].concat(), 100);
    assert_fits("diagram --format text", &text, 100);
}

#[test]
fn the_compact_matrix_names_every_layer_and_service_whole() {
    let text = run_with_columns(&["matrix"], 80);
    let catalog = cloudsrm::catalog::embedded();
    for layer in catalog.layers.iter() {
        assert!(
            text.lines().any(|l| l
                .trim_start_matches("service")
                .trim_start_matches([' ', '│'])
                == layer.short),
            "short name {} on a line of the staircase",
            layer.short
        );
        assert!(text.contains(&format!("{}={}", layer.short, layer.id)));
    }
    for row in json_of(&["matrix"]).as_array().unwrap() {
        let label = match row["variant"].as_str() {
            Some(variant) => format!("{}:{variant}", row["service"].as_str().unwrap()),
            None => row["service"].as_str().unwrap().to_string(),
        };
        assert!(
            text.lines()
                .any(|l| l.split_whitespace().next() == Some(label.as_str())),
            "{label} starts a row"
        );
    }
    // One letter per layer on every row, in stack order under the staircase.
    let ec2 = text.lines().find(|l| l.starts_with("ec2 ")).unwrap();
    let letters: Vec<&str> = ec2.split_whitespace().skip(1).collect();
    assert_eq!(letters.len(), 17, "{ec2}");
    let owners = json_of(&["compare", "ec2"]);
    assert_eq!(
        letters[5], "C",
        "ec2 os-patching is the customer's: {owners}"
    );
}
