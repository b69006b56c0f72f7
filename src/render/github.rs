//! `check --format github`: GitHub Actions workflow commands, so that each failing
//! assumption is annotated on the line of the pull request that states it.

use crate::check::CheckReport;

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
