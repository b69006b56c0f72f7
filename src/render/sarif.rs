//! `check --format sarif`: SARIF 2.1.0, one result per failed assumption with its
//! location, for code-scanning dashboards.

use serde_json::{json, Value};

use crate::check::CheckReport;
use crate::error::Error;

const RULE_ID: &str = "ownership-assumption";

pub fn report(report: &CheckReport) -> Result<String, Error> {
    let results: Vec<Value> = report
        .results
        .iter()
        .filter(|r| !r.passed)
        .map(|r| {
            let mut message = r.message.clone();
            if let Some(why) = &r.why {
                message.push_str(&format!(" (why: {why})"));
            }
            let mut result = json!({
                "ruleId": RULE_ID,
                "ruleIndex": 0,
                "level": "error",
                "message": { "text": message },
            });
            if let Some(file) = &r.file {
                let mut region = json!({});
                if let (Some(line), Some(column)) = (r.line, r.column) {
                    region = json!({ "startLine": line, "startColumn": column });
                }
                result["locations"] = json!([{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(file) },
                        "region": region,
                    }
                }]);
            }
            result
        })
        .collect();
    let sarif = json!({
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "cloudsrm",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": [{
                        "id": RULE_ID,
                        "name": "OwnershipAssumption",
                        "shortDescription": { "text": "An ownership assumption disagrees with the cloudsrm catalog." },
                        "fullDescription": { "text": "The assumptions file says one party owns a responsibility layer of an AWS service, but the catalog, which cites AWS documentation, says another." },
                        "defaultConfiguration": { "level": "error" }
                    }]
                }
            },
            "results": results,
        }]
    });
    crate::render::structured::json(&sarif)
}

/// A relative file path as a URI reference: forward slashes, spaces and `%` escaped.
fn uri(file: &str) -> String {
    if file == "<stdin>" {
        return "stdin".to_string();
    }
    file.replace('\\', "/")
        .replace('%', "%25")
        .replace(' ', "%20")
}
