//! `check --format tap`: TAP version 14, one test point per assumption, with a YAML
//! diagnostic block under each failure.

use crate::check::CheckReport;

pub fn report(report: &CheckReport) -> String {
    let mut out = format!("TAP version 14\n1..{}\n", report.results.len());
    for (i, result) in report.results.iter().enumerate() {
        let status = if result.passed { "ok" } else { "not ok" };
        // A `#` would start a directive; TAP escapes it with a backslash.
        let description = result
            .message
            .replace('\\', "\\\\")
            .replace('#', "\\#")
            .replace('\n', " ");
        out.push_str(&format!("{status} {} - {description}\n", i + 1));
        if result.passed {
            continue;
        }
        out.push_str("  ---\n");
        // JSON strings are valid YAML scalars, and quoting them keeps the block safe.
        let quote = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into());
        if let Some(file) = &result.file {
            out.push_str(&format!("  file: {}\n", quote(file)));
        }
        if let (Some(line), Some(column)) = (result.line, result.column) {
            out.push_str(&format!("  line: {line}\n  column: {column}\n"));
        }
        out.push_str(&format!(
            "  expected: {}\n  actual: {}\n",
            result.expected,
            result.actual.as_str()
        ));
        for (label, text) in [
            ("why", &result.why),
            ("aws", &result.aws),
            ("customer", &result.customer),
        ] {
            if let Some(text) = text {
                out.push_str(&format!("  {label}: {}\n", quote(text)));
            }
        }
        out.push_str("  ...\n");
    }
    out
}
