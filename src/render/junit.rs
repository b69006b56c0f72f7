//! `check --format junit`: JUnit XML as the Jenkins xUnit plugin's schema defines it, one
//! testsuite per file and one testcase per assumption (or per input problem).
//!
//! That schema allows `file` on `<testsuite>` but not on `<testcase>`, so each testcase
//! names its file in `classname` and its line in its name, which also keeps names unique
//! when an assumption is repeated.

use std::fmt::Write as _;

use quick_xml::escape::escape;

use crate::check::{CheckReport, CheckResult};
use crate::error::Error;
use crate::query::ProblemRow;

pub fn report(report: &CheckReport) -> Result<String, Error> {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let failures = report.summary.failed;
    let errors = report.errors.len();
    let _ = writeln!(
        out,
        "<testsuites name=\"cloudsrm check\" tests=\"{}\" failures=\"{failures}\" errors=\"{errors}\">",
        report.summary.total + errors
    );
    for file in &report.files {
        let shown = if file == "-" { "<stdin>" } else { file };
        let results: Vec<&CheckResult> = report.results_of(shown).collect();
        let problems: Vec<&ProblemRow> = report.errors.iter().filter(|p| p.file == shown).collect();
        let _ = writeln!(
            out,
            "  <testsuite name=\"{name}\" file=\"{name}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"0\">",
            results.len() + problems.len(),
            results.iter().filter(|r| !r.passed).count(),
            problems.len(),
            name = attr(shown),
        );
        for result in results {
            testcase(&mut out, shown, result);
        }
        for problem in problems {
            let position = format!("{}:{}:{}", problem.file, problem.line, problem.column);
            let _ = writeln!(
                out,
                "    <testcase name=\"{}\" classname=\"{}\">\n      <error type=\"unreadable-input\" message=\"{}\">{}</error>\n    </testcase>",
                attr(&format!("{position}: input")),
                attr(shown),
                attr(&problem.message),
                text(&format!("{position}: {}", problem.message)),
            );
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    Ok(out)
}

fn testcase(out: &mut String, file: &str, result: &CheckResult) {
    let line = result.line.unwrap_or(0);
    let name = format!(
        "{} {} is {} (line {line})",
        target(&result.service, result.variant.as_deref()),
        result.layer,
        result.expected
    );
    let open = format!(
        "    <testcase name=\"{}\" classname=\"{}\"",
        attr(&name),
        attr(file)
    );
    if result.passed {
        let _ = writeln!(out, "{open}/>");
        return;
    }
    let mut description = format!("{file}:{line}:{}", result.column.unwrap_or(0));
    for (label, value) in [
        ("why", &result.why),
        ("aws", &result.aws),
        ("customer", &result.customer),
    ] {
        if let Some(value) = value {
            let _ = write!(description, "\n{label}: {value}");
        }
    }
    let _ = writeln!(
        out,
        "{open}>\n      <failure type=\"ownership-mismatch\" message=\"{}\">{}</failure>\n    </testcase>",
        attr(&result.message),
        text(&description)
    );
}

/// Escapes an attribute value; control characters, which XML 1.0 cannot hold, become
/// U+FFFD, and line breaks are kept as character references.
fn attr(value: &str) -> String {
    escape(&*super::safe::neutral(value))
        .replace('\n', "&#10;")
        .to_string()
}

/// Escapes element text, with the same treatment of control characters.
fn text(value: &str) -> String {
    escape(&*super::safe::neutral(value)).into_owned()
}

fn target(service: &str, variant: Option<&str>) -> String {
    match variant {
        Some(v) => format!("{service}:{v}"),
        None => service.to_string(),
    }
}
