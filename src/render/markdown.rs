//! `scan --format markdown`: GitHub-flavoured Markdown for a job summary
//! (`>> "$GITHUB_STEP_SUMMARY"`) or a pull-request comment: the summary, the duties that no
//! team carries, each service's duties folded under `<details>`, and the unknown types.
//!
//! Text from the scanned files (addresses, types, file names) and from overlays is escaped
//! so that it cannot open a link, a table cell, an HTML tag or a mention.

use std::fmt::Write as _;

use crate::query::{ResourceRef, ScanReport, ServiceInUse};

/// How many resources of one service or type are listed before counting the rest; a job
/// summary holds at most 1 MiB.
const RESOURCES_SHOWN: usize = 10;

pub fn scan(report: &ScanReport) -> String {
    let mut out = String::from("## cloudsrm scan\n\n");
    let summary = &report.summary;
    let _ = write!(out, "{}.", escape(&super::scan_summary(summary)));
    if summary.gaps > 0 {
        let _ = write!(
            out,
            " **{} no team.**",
            super::count(summary.gaps, "duty has", "duties have")
        );
    }
    out.push_str("\n\n");
    if !report.services.is_empty() {
        out.push_str("| service | name | resources | duties | without a team |\n");
        out.push_str("| --- | --- | ---: | ---: | ---: |\n");
        for service in &report.services {
            let gaps = service.duties.iter().filter(|d| d.team.is_none()).count();
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                label(service),
                escape(&service.name),
                service.resources.len(),
                service.duties.len(),
                if gaps > 0 {
                    format!("**{gaps}**")
                } else {
                    "0".into()
                }
            );
        }
        out.push('\n');
    }
    if summary.gaps > 0 {
        out.push_str("### Duties without a team\n\n");
        out.push_str("| service | layer | owner | the customer's part |\n");
        out.push_str("| --- | --- | --- | --- |\n");
        for (service, duty) in report.gaps() {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                label(service),
                escape(&duty.layer),
                duty.owner.as_str(),
                escape(&customer(duty))
            );
        }
        out.push_str(
            "\nName the teams in a catalog overlay (`override: [{service: SERVICE, team: TEAM}]`) and pass it with `--catalog`.\n\n",
        );
    }
    if !report.services.is_empty() {
        out.push_str("### Services in use\n\n");
        for service in &report.services {
            push_service(&mut out, service);
        }
    }
    if !report.unmapped.is_empty() {
        out.push_str("### Resource types cloudsrm does not know\n\n");
        out.push_str("| type | resources |\n| --- | --- |\n");
        for group in &report.unmapped {
            let _ = writeln!(
                out,
                "| {} | {} |",
                escape(&group.resource_type),
                resource_list(&group.resources)
            );
        }
        out.push('\n');
    }
    if !report.ignored.is_empty() {
        let types: Vec<String> = report
            .ignored
            .iter()
            .map(|g| format!("{} ({})", escape(&g.resource_type), g.resources.len()))
            .collect();
        let _ = writeln!(out, "Ignored, not AWS resources: {}.\n", types.join(", "));
    }
    let inputs: Vec<String> = report
        .inputs
        .iter()
        .map(|i| format!("{} ({})", escape(&i.path), i.kind.as_str()))
        .collect();
    let _ = writeln!(out, "Read: {}.", inputs.join(", "));
    out
}

fn push_service(out: &mut String, service: &ServiceInUse) {
    let _ = writeln!(
        out,
        "<details><summary>{} ({}): {}, {}</summary>\n",
        label(service),
        escape(&service.name),
        super::count(service.resources.len(), "resource", "resources"),
        super::count(service.duties.len(), "duty", "duties")
    );
    let _ = writeln!(out, "Resources: {}\n", resource_list(&service.resources));
    if !service.duties.is_empty() {
        out.push_str("| layer | owner | team | the customer's part | sources |\n");
        out.push_str("| --- | --- | --- | --- | --- |\n");
        for duty in &service.duties {
            let sources: Vec<String> = duty
                .sources
                .iter()
                .enumerate()
                .map(|(i, url)| format!("[{}]({})", i + 1, link(url)))
                .collect();
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                escape(&duty.layer),
                duty.owner.as_str(),
                duty.team.as_deref().map_or("**none**".to_string(), escape),
                escape(&customer(duty)),
                sources.join(" ")
            );
        }
        out.push('\n');
    }
    out.push_str("</details>\n\n");
}

fn label(service: &ServiceInUse) -> String {
    let text = match &service.variant {
        Some(v) => format!("{}:{v}", service.service),
        None => service.service.to_string(),
    };
    escape(&text)
}

fn customer(duty: &crate::query::Duty) -> String {
    match &duty.variants {
        Some(variants) => variants
            .iter()
            .map(|v| format!("{} ({}): {}", v.variant, v.owner, v.customer))
            .collect::<Vec<_>>()
            .join("; "),
        None => duty.customer.as_deref().unwrap_or_default().to_string(),
    }
}

fn resource_list(resources: &[ResourceRef]) -> String {
    let mut names: Vec<String> = resources
        .iter()
        .take(RESOURCES_SHOWN)
        .map(|r| match r.line {
            Some(line) => escape(&format!("{} ({}:{line})", r.address, r.file)),
            None => escape(&r.address),
        })
        .collect();
    if resources.len() > RESOURCES_SHOWN {
        names.push(format!("and {} more", resources.len() - RESOURCES_SHOWN));
    }
    names.join(", ")
}

/// Text as literal Markdown on one line: every character that could start markup is
/// escaped with a backslash (which CommonMark allows before any ASCII punctuation), line
/// breaks become spaces, and control characters U+FFFD.
fn escape(text: &str) -> String {
    let text = super::safe::neutral(text);
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '<' | '>' | '#' | '+'
            | '!' | '|' | '~' | '&' | '$' | '@' | ':' | '"' | '\'' | '=' => {
                out.push('\\');
                out.push(c);
            }
            other => out.push(other),
        }
    }
    out
}

/// A URL as a link destination: the characters that would end it or a table cell are
/// percent-encoded.
fn link(url: &str) -> String {
    url.chars()
        .map(|c| match c {
            '(' => "%28".to_string(),
            ')' => "%29".to_string(),
            '<' => "%3C".to_string(),
            '>' => "%3E".to_string(),
            '|' => "%7C".to_string(),
            ' ' => "%20".to_string(),
            c if c.is_control() => String::new(),
            c => c.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_names_is_escaped() {
        assert_eq!(
            escape("a|b [x](javascript:y) <img> @team\nnext"),
            "a\\|b \\[x\\]\\(javascript\\:y\\) \\<img\\> \\@team next"
        );
        assert_eq!(link("https://a/b_(c)|d"), "https://a/b_%28c%29%7Cd");
    }
}
