//! `check --format sarif`: SARIF 2.1.0, one result per failed assumption and one per
//! input problem, each with its location, for code-scanning dashboards.

use serde_json::{json, Value};

use crate::check::CheckReport;
use crate::error::Error;

/// The address the OASIS schema gives itself (`id`).
const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
const ASSUMPTION_RULE: &str = "ownership-assumption";
const INPUT_RULE: &str = "unreadable-input";

pub fn report(report: &CheckReport) -> Result<String, Error> {
    let cwd = std::env::current_dir().ok();
    let location = |file: &str, line: Option<u64>, column: Option<u64>| {
        let mut region = json!({});
        if let (Some(line), Some(column)) = (line.filter(|&l| l > 0), column) {
            region = json!({ "startLine": line, "startColumn": column.max(1) });
        }
        let mut physical = json!({ "artifactLocation": artifact(file, cwd.as_deref()) });
        if region != json!({}) {
            physical["region"] = region;
        }
        json!([{ "physicalLocation": physical }])
    };
    let mut results: Vec<Value> = Vec::new();
    for r in report.results.iter().filter(|r| !r.passed) {
        let mut message = r.message.clone();
        if let Some(why) = &r.why {
            message.push_str(&format!(" (why: {why})"));
        }
        let mut result = json!({
            "ruleId": ASSUMPTION_RULE,
            "ruleIndex": 0,
            "level": "error",
            "message": { "text": message },
        });
        if let Some(file) = &r.file {
            result["locations"] = location(file, r.line, r.column);
        }
        results.push(result);
    }
    for problem in &report.errors {
        results.push(json!({
            "ruleId": INPUT_RULE,
            "ruleIndex": 1,
            "level": "error",
            "message": { "text": problem.message },
            "locations": location(&problem.file, Some(problem.line), Some(problem.column)),
        }));
    }
    let notifications: Vec<Value> = report
        .errors
        .iter()
        .map(|p| {
            json!({
                "level": "error",
                "message": { "text": p.message },
                "locations": location(&p.file, Some(p.line), Some(p.column)),
            })
        })
        .collect();
    let sarif = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver() },
            "invocations": [{
                "executionSuccessful": report.errors.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "originalUriBaseIds": {
                "%SRCROOT%": { "description": { "text": "The directory cloudsrm ran in." } }
            },
            // Our columns count characters, as the YAML reader does.
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    crate::render::structured::json(&sarif)
}

fn driver() -> Value {
    let rule = |id: &str, name: &str, short: &str, full: &str, help: &str, anchor: &str| {
        let mut rule = json!({
            "id": id,
            "name": name,
            "shortDescription": { "text": short },
            "fullDescription": { "text": full },
            "help": { "text": help, "markdown": help },
            "defaultConfiguration": { "level": "error" }
        });
        if let Some(home) = homepage() {
            rule["helpUri"] = json!(format!("{home}#{anchor}"));
        }
        rule
    };
    let mut driver = json!({
        "name": "cloudsrm",
        "version": env!("CARGO_PKG_VERSION"),
        "rules": [
            rule(
                ASSUMPTION_RULE,
                "OwnershipAssumption",
                "An ownership assumption disagrees with the cloudsrm catalog.",
                "The assumptions file says one party owns a responsibility layer of an AWS service, but the catalog, which cites AWS documentation, says another.",
                "Read the catalog's answer with `cloudsrm who-owns SERVICE LAYER`: it says what AWS and the customer each do and cites the AWS pages. Then correct the assumption, or make sure the duty is carried. See the README section \"check FILE...\".",
                "check-file",
            ),
            rule(
                INPUT_RULE,
                "UnreadableInput",
                "An assumptions file could not be read or parsed.",
                "cloudsrm could not read an assumptions file, or a line of it is not a valid assumption, so nothing in it was checked.",
                "Fix the file at the position given; `cloudsrm schema assumptions` prints the JSON Schema of assumptions files. See the README section \"check FILE...\".",
                "check-file",
            ),
        ],
    });
    if let Some(home) = homepage() {
        driver["informationUri"] = json!(home);
    }
    driver
}

/// The project's address, when Cargo.toml names a repository.
fn homepage() -> Option<&'static str> {
    option_env!("CARGO_PKG_REPOSITORY").filter(|r| r.starts_with("https://"))
}

/// Where a file is, as a SARIF artifact location: relative to `%SRCROOT%` (the working
/// directory) where it lies under it, otherwise an absolute `file:` URI.
fn artifact(file: &str, cwd: Option<&std::path::Path>) -> Value {
    if file == "<stdin>" {
        return json!({ "uri": "stdin" });
    }
    let path = std::path::Path::new(file);
    if path.is_absolute() {
        if let Some(relative) = cwd.and_then(|c| path.strip_prefix(c).ok()) {
            return json!({
                "uri": relative_reference(&relative.to_string_lossy()),
                "uriBaseId": "%SRCROOT%",
            });
        }
        return json!({ "uri": format!("file://{}", encode_path(&file.replace('\\', "/"))) });
    }
    let trimmed = file.trim_start_matches("./");
    json!({ "uri": relative_reference(trimmed), "uriBaseId": "%SRCROOT%" })
}

/// A relative path as a URI reference that no reader can take for a scheme: a first
/// segment holding `:` (`team:db/a.yaml`) is written `./team:db/a.yaml`.
fn relative_reference(path: &str) -> String {
    let encoded = encode_path(&path.replace('\\', "/"));
    let first = encoded.split('/').next().unwrap_or("");
    if first.contains(':') {
        format!("./{encoded}")
    } else {
        encoded
    }
}

/// Percent-encodes what may not stand in a URI path (RFC 3986 `pchar` and `/`).
fn encode_path(path: &str) -> String {
    percent_encoding::utf8_percent_encode(path, PATH).to_string()
}

/// Everything but unreserved characters, sub-delimiters, `:`, `@` and `/`.
const PATH: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b':')
    .remove(b'@')
    .remove(b'/');

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_references_cannot_be_read_as_a_scheme() {
        assert_eq!(
            relative_reference("team:db/assume.yaml"),
            "./team:db/assume.yaml"
        );
        assert_eq!(relative_reference("a b/100%.yaml"), "a%20b/100%25.yaml");
        assert_eq!(relative_reference("dir/x.yaml"), "dir/x.yaml");
    }
}
