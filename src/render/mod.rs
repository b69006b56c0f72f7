//! Rendering: answers and check results in, text out. Nothing here decides an owner.

pub mod github;
pub mod junit;
pub mod markdown;
pub mod oscal;
pub mod records;
pub mod safe;
pub mod sarif;
pub mod structured;
pub mod svg;
mod table;
pub mod tap;
pub mod text;

/// How text output looks, decided once by the CLI from the terminal and the environment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
    /// Characters to fit each line into; `None` lets lines run as long as their content.
    /// A word longer than the width (an address, say) still prints whole, on a line of
    /// its own.
    pub width: Option<u16>,
    /// Standard output is a terminal: a person reads it, so pictures are drawn as text.
    pub terminal: bool,
}

/// `1 resource`, `2 resources`.
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// `scan`'s closing line, the same in every format: "41 resources: 35 mapped to 24
/// services, 1 of a type cloudsrm does not know, 5 ignored".
pub fn scan_summary(summary: &crate::query::ScanSummary) -> String {
    format!(
        "{}: {} mapped to {}, {} of a type cloudsrm does not know, {} ignored",
        count(summary.resources, "resource", "resources"),
        summary.mapped,
        count(summary.services, "service", "services"),
        summary.unmapped,
        summary.ignored
    )
}

/// What `scan`'s CI formats report: a duty of a service in use that no team carries, or a
/// resource type that maps to no service.
pub(crate) struct Finding<'r> {
    pub kind: FindingKind,
    /// One sentence saying what was found.
    pub message: String,
    /// The customer's part of a duty, to show what is left undone.
    pub detail: Option<String>,
    /// The resources behind it; formats that take one location use the first.
    pub resources: &'r [crate::query::ResourceRef],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FindingKind {
    Gap,
    UnknownType,
}

impl FindingKind {
    /// Whether `--fail-on` makes this kind of finding fail the run.
    pub fn enforced(self, fail_on: &[crate::cli::ScanFinding]) -> bool {
        fail_on.contains(&match self {
            FindingKind::Gap => crate::cli::ScanFinding::Gaps,
            FindingKind::UnknownType => crate::cli::ScanFinding::Unknown,
        })
    }
}

/// Every finding of a scan: gaps in service order, then unknown types.
pub(crate) fn scan_findings(report: &crate::query::ScanReport) -> Vec<Finding<'_>> {
    let mut findings = Vec::new();
    for (service, duty) in report.gaps() {
        let label = match &service.variant {
            Some(v) => format!("{}:{v}", service.service),
            None => service.service.to_string(),
        };
        let detail = match &duty.variants {
            Some(variants) => Some(
                variants
                    .iter()
                    .map(|v| format!("{} ({}): {}", v.variant, v.owner, v.customer))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            None => duty.customer.as_ref().map(|c| c.to_string()),
        };
        findings.push(Finding {
            kind: FindingKind::Gap,
            message: format!(
                "no team carries {label} {} (owner {}), used by {}",
                duty.layer,
                duty.owner.as_str(),
                examples(&service.resources)
            ),
            detail,
            resources: &service.resources,
        });
    }
    for group in &report.unmapped {
        findings.push(Finding {
            kind: FindingKind::UnknownType,
            message: format!(
                "{} maps to no service in the catalog: {}",
                group.resource_type,
                examples(&group.resources)
            ),
            detail: None,
            resources: &group.resources,
        });
    }
    findings
}

/// `aws_ecs_service.web`, or `a, b, c and 7 more resources`.
pub(crate) fn examples(resources: &[crate::query::ResourceRef]) -> String {
    const SHOWN: usize = 3;
    let names: Vec<&str> = resources
        .iter()
        .take(SHOWN)
        .map(|r| r.address.as_str())
        .collect();
    match resources.len().saturating_sub(SHOWN) {
        0 => names.join(", "),
        more => format!(
            "{} and {}",
            names.join(", "),
            count(more, "more resource", "more resources")
        ),
    }
}
