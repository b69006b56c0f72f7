//! `check --format github` and `scan --format github`: GitHub Actions workflow commands,
//! so that each failing assumption, duty without a team or unknown resource type is
//! annotated on the line of the pull request that states it.

use super::FindingKind;
use crate::check::CheckReport;
use crate::cli::ScanFinding;
use crate::query::{ResourceRef, ScanReport};

pub fn report(report: &CheckReport) -> String {
    let mut out = String::new();
    for problem in &report.errors {
        let mut props = Vec::new();
        if problem.file != "<stdin>" {
            props.push(format!("file={}", property(&problem.file)));
            if problem.line > 0 {
                props.push(format!("line={}", problem.line));
                props.push(format!("col={}", problem.column));
            }
        }
        props.push(format!(
            "title={}",
            property("cloudsrm: input cannot be read")
        ));
        out.push_str(&format!(
            "::error {}::{}\n",
            props.join(","),
            data(&problem.message)
        ));
    }
    for file in &report.empty {
        if report.errors.iter().any(|p| &p.file == file) {
            continue;
        }
        let props = match file.as_str() {
            "<stdin>" => String::new(),
            f => format!(" file={}", property(f)),
        };
        out.push_str(&format!(
            "::warning{props}::{}\n",
            data("this file holds no assumptions; nothing in it was checked")
        ));
    }
    for result in report.results.iter().filter(|r| !r.passed) {
        let mut props = Vec::new();
        if let Some(file) = result.file.as_deref().filter(|f| *f != "<stdin>") {
            props.push(format!("file={}", property(file)));
            if let Some(line) = result.line {
                props.push(format!("line={line}"));
            }
            if let Some(column) = result.column {
                props.push(format!("col={column}"));
            }
        }
        props.push("title=cloudsrm: ownership assumption failed".replace(':', "%3A"));
        let mut message = result.message.clone();
        if let Some(why) = &result.why {
            message.push_str(&format!("\nwhy: {why}"));
        }
        out.push_str(&format!(
            "::error {}::{}\n",
            props.join(","),
            data(&message)
        ));
    }
    let summary = &report.summary;
    out.push_str(&format!(
        "{} passed, {} failed\n",
        summary.passed, summary.failed
    ));
    out
}

/// One annotation per service in use whose duties lack a team (listing them) and one per
/// resource type that maps to nothing, each at its first resource with a known line (or
/// its first resource): an error when `--fail-on` names the finding, a warning otherwise.
/// Then the summary line. Grouping by service keeps a run within the handful of
/// annotations GitHub shows for each step.
pub fn scan(report: &ScanReport, fail_on: &[ScanFinding]) -> String {
    let mut out = String::new();
    let mut annotate =
        |kind: FindingKind, resources: &[ResourceRef], title: &str, message: &str| {
            let command = if kind.enforced(fail_on) {
                "error"
            } else {
                "warning"
            };
            let mut props = Vec::new();
            let at = resources
                .iter()
                .find(|r| r.line.is_some())
                .or(resources.first())
                .filter(|r| &*r.file != "<stdin>");
            if let Some(at) = at {
                props.push(format!("file={}", property(&at.file)));
                if let Some(line) = at.line {
                    props.push(format!("line={line}"));
                    props.push(format!("col={}", at.column));
                }
            }
            props.push(format!("title={}", property(title)));
            out.push_str(&format!(
                "::{command} {}::{}\n",
                props.join(","),
                data(&super::safe::neutral(message))
            ));
        };
    for service in &report.services {
        let gaps: Vec<String> = service
            .duties
            .iter()
            .filter(|d| d.team.is_none())
            .map(|d| format!("{} ({})", d.layer, d.owner.as_str()))
            .collect();
        if gaps.is_empty() {
            continue;
        }
        let label = match &service.variant {
            Some(v) => format!("{}:{v}", service.service),
            None => service.service.to_string(),
        };
        let message = format!(
            "no team carries {} of {label}: {}\nused by {}",
            super::count(gaps.len(), "duty", "duties"),
            gaps.join(", "),
            super::examples(&service.resources)
        );
        annotate(
            FindingKind::Gap,
            &service.resources,
            "cloudsrm: duties without a team",
            &message,
        );
    }
    for group in &report.unmapped {
        let message = format!(
            "{} maps to no service in the catalog: {}",
            group.resource_type,
            super::examples(&group.resources)
        );
        annotate(
            FindingKind::UnknownType,
            &group.resources,
            "cloudsrm: unknown resource type",
            &message,
        );
    }
    out.push_str(&super::scan_summary(&report.summary));
    out.push('\n');
    out
}

/// Escapes a message as the workflow-command format requires.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value, which also may not hold `:` or `,`.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}
