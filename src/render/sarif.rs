//! `check --format sarif` and `scan --format sarif`: SARIF 2.1.0 for code-scanning
//! dashboards. `check` gives one result per failed assumption and one per input problem;
//! `scan` one per duty without a team and per unknown resource type; each at its location.

use serde_json::{json, Value};

use super::{scan_findings, FindingKind};
use crate::check::CheckReport;
use crate::cli::ScanFinding;
use crate::error::Error;
use crate::query::ScanReport;

/// The address the OASIS schema gives itself (`id`).
const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
const ASSUMPTION_RULE: &str = "ownership-assumption";
const INPUT_RULE: &str = "unreadable-input";
const GAP_RULE: &str = "duty-without-team";
const UNKNOWN_TYPE_RULE: &str = "unknown-resource-type";

pub fn report(report: &CheckReport) -> Result<String, Error> {
    let cwd = std::env::current_dir().ok();
    let location = |file: &str, line: Option<u64>, column: Option<u64>| {
        json!([physical_location(file, line, column, cwd.as_deref())])
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
    let rules = vec![
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
    ];
    document(rules, results, notifications, report.errors.is_empty())
}

/// `scan --format sarif`: one result per duty without a team and per resource type that
/// maps to nothing, at the resources behind it. A finding that `--fail-on` names is an
/// error; the others are warnings.
pub fn scan(report: &ScanReport, fail_on: &[ScanFinding]) -> Result<String, Error> {
    let cwd = std::env::current_dir().ok();
    let results: Vec<Value> = scan_findings(report)
        .iter()
        .map(|finding| {
            let (id, index) = match finding.kind {
                FindingKind::Gap => (GAP_RULE, 0),
                FindingKind::UnknownType => (UNKNOWN_TYPE_RULE, 1),
            };
            let mut text = finding.message.clone();
            if let Some(detail) = &finding.detail {
                text.push_str(&format!(". The customer's part: {detail}"));
            }
            let mut result = json!({
                "ruleId": id,
                "ruleIndex": index,
                "level": if finding.kind.enforced(fail_on) { "error" } else { "warning" },
                "message": { "text": text },
            });
            // A result may point at several places; the first few resources are enough
            // to find the rest.
            let locations: Vec<Value> = finding
                .resources
                .iter()
                .take(MAX_LOCATIONS)
                .map(|r| physical_location(&r.file, r.line, Some(r.column), cwd.as_deref()))
                .collect();
            if !locations.is_empty() {
                result["locations"] = json!(locations);
            }
            result
        })
        .collect();
    let rules = vec![
        rule(
            GAP_RULE,
            "DutyWithoutTeam",
            "A duty of a service in use has no team.",
            "The infrastructure code uses an AWS service whose layer is the customer's, shared, or varies by how the service is run, and no catalog overlay names the team that carries the customer's part.",
            "Name the team in a catalog overlay (`override: [{service: SERVICE, team: TEAM}]`, or per layer) and pass it with --catalog. See the README sections \"Scan your infrastructure\" and \"Your own catalog: overlays and teams\".",
            "scan-your-infrastructure",
        ),
        rule(
            UNKNOWN_TYPE_RULE,
            "UnknownResourceType",
            "A resource type maps to no service in the catalog.",
            "No service's ids in the cloudsrm catalog name this resource type, so the duties it brings are not known.",
            "Add the type to a service's ids in a catalog overlay or in data/services/, or ask for it to be added. See the README section \"Scan your infrastructure\".",
            "scan-your-infrastructure",
        ),
    ];
    document(rules, results, Vec::new(), true)
}

/// At most this many locations per SARIF result.
const MAX_LOCATIONS: usize = 10;

/// A whole SARIF log of one run of cloudsrm.
fn document(
    rules: Vec<Value>,
    results: Vec<Value>,
    notifications: Vec<Value>,
    successful: bool,
) -> Result<String, Error> {
    let mut driver = json!({
        "name": "cloudsrm",
        "version": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    });
    if let Some(home) = homepage() {
        driver["informationUri"] = json!(home);
    }
    let sarif = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver },
            "invocations": [{
                "executionSuccessful": successful,
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

/// A reporting descriptor, with help and, when the project has an address, a link to the
/// README section at `anchor`.
fn rule(id: &str, name: &str, short: &str, full: &str, help: &str, anchor: &str) -> Value {
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
}

/// A location in `file`, with a region when the line is known.
fn physical_location(
    file: &str,
    line: Option<u64>,
    column: Option<u64>,
    cwd: Option<&std::path::Path>,
) -> Value {
    let mut physical = json!({ "artifactLocation": artifact(file, cwd) });
    if let (Some(line), Some(column)) = (line.filter(|&l| l > 0), column) {
        physical["region"] = json!({ "startLine": line, "startColumn": column.max(1) });
    }
    json!({ "physicalLocation": physical })
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
