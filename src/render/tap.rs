//! `check --format tap`: TAP version 13, which old and new harnesses both read (Debian
//! 12's `prove` refuses version 14), one test point per assumption with a YAML diagnostic
//! block under each failure. Input that cannot be read ends in `Bail out!`.

use crate::check::CheckReport;
use crate::cli::ScanFinding;
use crate::query::ScanReport;

pub fn report(report: &CheckReport) -> String {
    let mut out = String::from("TAP version 13\n");
    if !report.errors.is_empty() {
        out.push_str("1..0 # SKIP the input could not be read\n");
        for problem in &report.errors {
            out.push_str(&format!("# {}\n", line(&problem.to_problem().to_string())));
        }
        let first = &report.errors[0];
        out.push_str(&format!(
            "Bail out! {}\n",
            line(&first.to_problem().to_string())
        ));
        return out;
    }
    if report.results.is_empty() {
        out.push_str("1..0 # SKIP no assumptions to check\n");
        return out;
    }
    out.push_str(&format!("1..{}\n", report.results.len()));
    for (i, result) in report.results.iter().enumerate() {
        let status = if result.passed { "ok" } else { "not ok" };
        // A `#` would start a directive; TAP escapes it with a backslash.
        let description = line(&result.message)
            .replace('\\', "\\\\")
            .replace('#', "\\#");
        out.push_str(&format!("{status} {} - {description}\n", i + 1));
        if result.passed {
            continue;
        }
        out.push_str("  ---\n");
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

/// `scan --format tap`: a test point per duty of each service in use, then one per
/// resource type that maps to no service. A finding is `not ok` only when `--fail-on`
/// names its kind, as the exit code does; otherwise it is `ok` and says what was found.
pub fn scan(report: &ScanReport, fail_on: &[ScanFinding]) -> String {
    let gaps_fail = super::FindingKind::Gap.enforced(fail_on);
    let unknown_fail = super::FindingKind::UnknownType.enforced(fail_on);
    let status = |fails: bool| if fails { "not ok" } else { "ok" };
    let mut out = String::from("TAP version 13\n");
    let duties: usize = report.services.iter().map(|s| s.duties.len()).sum();
    let total = duties + report.unmapped.len();
    if total == 0 {
        out.push_str("1..0 # SKIP no customer-side duties and no unknown types\n");
        out.push_str(&format!(
            "# {}\n",
            line(&super::scan_summary(&report.summary))
        ));
        return out;
    }
    out.push_str(&format!("1..{total}\n"));
    let mut n = 0;
    let escape = |text: &str| line(text).replace('\\', "\\\\").replace('#', "\\#");
    for service in &report.services {
        let label = match &service.variant {
            Some(v) => format!("{}:{v}", service.service),
            None => service.service.to_string(),
        };
        for duty in &service.duties {
            n += 1;
            match &duty.team {
                Some(team) => out.push_str(&format!(
                    "ok {n} - {} is carried by {}\n",
                    escape(&format!("{label} {} ({})", duty.layer, duty.owner.as_str())),
                    escape(team)
                )),
                None => {
                    out.push_str(&format!(
                        "{} {n} - {}\n  ---\n",
                        status(gaps_fail),
                        escape(&format!(
                            "no team carries {label} {} ({})",
                            duty.layer,
                            duty.owner.as_str()
                        ))
                    ));
                    if let Some(customer) = &duty.customer {
                        out.push_str(&format!("  customer: {}\n", quote(customer)));
                    }
                    resources_block(&mut out, &service.resources);
                    out.push_str("  ...\n");
                }
            }
        }
    }
    for group in &report.unmapped {
        n += 1;
        out.push_str(&format!(
            "{} {n} - {}\n  ---\n",
            status(unknown_fail),
            escape(&format!(
                "{} maps to no service in the catalog",
                group.resource_type
            ))
        ));
        resources_block(&mut out, &group.resources);
        out.push_str("  ...\n");
    }
    out.push_str(&format!(
        "# {}\n",
        line(&super::scan_summary(&report.summary))
    ));
    out
}

/// The first resources as a YAML list in a diagnostic block.
fn resources_block(out: &mut String, resources: &[crate::query::ResourceRef]) {
    const SHOWN: usize = 10;
    out.push_str("  resources:\n");
    for r in resources.iter().take(SHOWN) {
        let at = match r.line {
            Some(l) => format!("{} ({}:{l})", r.address, r.file),
            None => r.address.clone(),
        };
        out.push_str(&format!("    - {}\n", quote(&at)));
    }
    if resources.len() > SHOWN {
        out.push_str(&format!("  more: {}\n", resources.len() - SHOWN));
    }
}

/// One line of text: line breaks become spaces and other control characters U+FFFD.
fn line(text: &str) -> String {
    super::safe::neutral(&text.replace(['\r', '\n'], " ")).into_owned()
}

/// A double-quoted YAML scalar. JSON's quoting is valid YAML; JSON leaves U+2028 and
/// U+2029 raw, which YAML readers may take as line breaks, so they are escaped too.
fn quote(text: &str) -> String {
    serde_json::to_string(text)
        .unwrap_or_else(|_| "\"\"".into())
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}
