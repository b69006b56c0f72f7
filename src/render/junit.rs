//! `check --format junit` and `scan --format junit`: JUnit XML as the Jenkins xUnit
//! plugin's schema defines it. `check` gives one testsuite per file and one testcase per
//! assumption (or per input problem); `scan` one testsuite per service in use and one
//! testcase per duty.
//!
//! That schema allows `file` on `<testsuite>` but not on `<testcase>`, so each testcase
//! names its file in `classname` and its line in its name, which also keeps names unique
//! when an assumption is repeated.

use std::fmt::Write as _;

use quick_xml::escape::escape;

use super::FindingKind;
use crate::check::{CheckReport, CheckResult};
use crate::cli::ScanFinding;
use crate::error::Error;
use crate::query::{ProblemRow, ScanReport};

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

/// `scan --format junit`: a testsuite per service in use with a testcase per duty, and a
/// testsuite of the resource types that map to no service. A finding fails its testcase
/// only when `--fail-on` names its kind, as the exit code does; otherwise the testcase
/// passes and says what was found in `<system-out>`.
pub fn scan(report: &ScanReport, fail_on: &[ScanFinding]) -> Result<String, Error> {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let gaps_fail = FindingKind::Gap.enforced(fail_on);
    let unknown_fail = FindingKind::UnknownType.enforced(fail_on);
    let duties: usize = report.services.iter().map(|s| s.duties.len()).sum();
    let unknown = report.unmapped.len();
    let failures =
        if gaps_fail { report.summary.gaps } else { 0 } + if unknown_fail { unknown } else { 0 };
    let _ = writeln!(
        out,
        "<testsuites name=\"cloudsrm scan\" tests=\"{}\" failures=\"{failures}\" errors=\"0\">",
        duties + unknown,
    );
    for service in &report.services {
        let label = target(&service.service, service.variant.as_deref());
        let gaps = if gaps_fail {
            service.duties.iter().filter(|d| d.team.is_none()).count()
        } else {
            0
        };
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{gaps}\" errors=\"0\" skipped=\"0\">",
            attr(&label),
            service.duties.len()
        );
        for duty in &service.duties {
            let name = format!("{label} {} ({})", duty.layer, duty.owner.as_str());
            let open = format!(
                "    <testcase name=\"{}\" classname=\"{}\"",
                attr(&name),
                attr(&label)
            );
            if duty.team.is_some() {
                let _ = writeln!(out, "{open}/>");
                continue;
            }
            let mut description = String::from("customer: ");
            match &duty.variants {
                Some(variants) => {
                    for v in variants {
                        let _ = write!(
                            description,
                            "\n  {} ({}): {}",
                            v.variant, v.owner, v.customer
                        );
                    }
                }
                None => description.push_str(duty.customer.as_deref().unwrap_or_default()),
            }
            let _ = write!(
                description,
                "\nresources: {}",
                addresses(&service.resources)
            );
            let message = format!("no team carries {label} {}", duty.layer);
            finding(
                &mut out,
                &open,
                gaps_fail,
                "duty-without-team",
                &message,
                &description,
            );
        }
        out.push_str("  </testsuite>\n");
    }
    if unknown > 0 {
        let failures = if unknown_fail { unknown } else { 0 };
        let _ = writeln!(
            out,
            "  <testsuite name=\"unknown resource types\" tests=\"{unknown}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">"
        );
        for group in &report.unmapped {
            let open = format!(
                "    <testcase name=\"{}\" classname=\"unknown resource types\"",
                attr(&group.resource_type)
            );
            let message = format!("{} maps to no service in the catalog", group.resource_type);
            let details = format!("resources: {}", addresses(&group.resources));
            finding(
                &mut out,
                &open,
                unknown_fail,
                "unknown-resource-type",
                &message,
                &details,
            );
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    Ok(out)
}

/// A testcase for a finding: a `<failure>` when it fails the run, otherwise a pass that
/// reports it in `<system-out>`.
fn finding(out: &mut String, open: &str, fails: bool, kind: &str, message: &str, details: &str) {
    if fails {
        let _ = writeln!(
            out,
            "{open}>\n      <failure type=\"{kind}\" message=\"{}\">{}</failure>\n    </testcase>",
            attr(message),
            text(details)
        );
    } else {
        let _ = writeln!(
            out,
            "{open}>\n      <system-out>{}</system-out>\n    </testcase>",
            text(&format!(
                "{message} (reported; --fail-on would fail it)\n{details}"
            ))
        );
    }
}

/// The first resource addresses with where they are, comma-separated, and how many more.
fn addresses(resources: &[crate::query::ResourceRef]) -> String {
    const SHOWN: usize = 10;
    let mut names: Vec<String> = resources
        .iter()
        .take(SHOWN)
        .map(|r| match r.line {
            Some(line) => format!("{} ({}:{line})", r.address, r.file),
            None => r.address.clone(),
        })
        .collect();
    if resources.len() > SHOWN {
        names.push(format!("and {} more", resources.len() - SHOWN));
    }
    names.join(", ")
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
