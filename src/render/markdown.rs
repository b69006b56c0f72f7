//! Markdown: a catalog diff as a changelog section or a pull-request comment, and a scan
//! as a job summary (`>> "$GITHUB_STEP_SUMMARY"`) or a pull-request comment.
//!
//! Text from compared or scanned files (addresses, types, file names) and from overlays is
//! escaped so that it cannot open a link, a table cell, an HTML tag or a mention.

use std::fmt::Write as _;

use crate::query::{CatalogDiff, ResourceRef, ScanReport, ServiceInUse};

/// Text from the compared files, with what Markdown would read as markup escaped and
/// control characters neutralised.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in super::safe::neutral(text).chars() {
        match c {
            '\n' => out.push(' '),
            // `@` would mention a person or team on GitHub.
            '\\' | '`' | '*' | '_' | '<' | '>' | '[' | ']' | '|' | '#' | '~' | '@' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// An identifier in code style; identifiers never hold a backtick, but be sure.
fn code(text: &str) -> String {
    format!("`{}`", super::safe::neutral(text).replace('`', "'"))
}

/// A URL as an autolink; a URL with `>` or a space in it would end the link early.
fn link(url: &str) -> String {
    format!(
        "<{}>",
        super::safe::neutral(url)
            .replace('>', "%3E")
            .replace(' ', "%20")
    )
}

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
                code(&duty.layer),
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
        let _ = writeln!(
            out,
            "Ignored (other providers, custom resources, CDK metadata): {}.\n",
            types.join(", ")
        );
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
    // A summary is HTML, where Markdown is not read: entities, not backslashes.
    let id = match &service.variant {
        Some(v) => format!("{}:{v}", service.service),
        None => service.service.to_string(),
    };
    let _ = writeln!(
        out,
        "<details><summary><code>{}</code> ({}): {}, {}</summary>\n",
        html(&id),
        html(&service.name),
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
                .map(|(i, url)| numbered_link(i + 1, url))
                .collect();
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                code(&duty.layer),
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

/// A service or variant id in code style.
fn label(service: &ServiceInUse) -> String {
    match &service.variant {
        Some(v) => code(&format!("{}:{v}", service.service)),
        None => code(&service.service),
    }
}

fn customer(duty: &crate::query::ServiceDuty) -> String {
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

/// Text inside an HTML element: `&`, `<`, `>` and `"` as entities, `@` too so that no one
/// is mentioned, line breaks as spaces.
fn html(text: &str) -> String {
    super::safe::neutral(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('@', "&#64;")
        .replace('\n', " ")
}

/// A numbered link to a source, `[1](https://...)`, with the characters that would end
/// the link or a table cell percent-encoded.
fn numbered_link(n: usize, url: &str) -> String {
    let url = super::safe::neutral(url)
        .replace('(', "%28")
        .replace(')', "%29")
        .replace('|', "%7C")
        .replace(' ', "%20");
    format!("[{n}]({url})")
}

/// `diff --format markdown`: a section headed by the new catalog's version, with a
/// subsection per kind of change. Owner changes come first: they are what a reader of a
/// changelog must not miss.
pub fn diff(report: &CatalogDiff) -> String {
    let mut out = format!(
        "## Catalog {}\n\nCompared with {} ({}).",
        escape(&report.new.catalog_version),
        escape(&report.old.catalog_version),
        code(&report.old.source)
    );
    if !report.only.is_empty() {
        let only: Vec<String> = report.only.iter().map(|s| code(s)).collect();
        out.push_str(&format!(" Only {}.", only.join(", ")));
    }
    out.push('\n');
    if report.is_empty() {
        out.push_str("\nNo differences.\n");
        return out;
    }
    if !report.owner_changes.is_empty() {
        out.push_str("\n### Owner changes\n\n| service | layer | before | after |\n| --- | --- | --- | --- |\n");
        for change in &report.owner_changes {
            let service = match &change.variant {
                Some(v) => format!("{}:{v}", change.service),
                None => change.service.clone(),
            };
            out.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                code(&service),
                code(&change.layer),
                change.old,
                change.new
            ));
        }
    }
    let lists = [
        ("Services added", &report.services_added),
        ("Services removed", &report.services_removed),
        ("Variants added", &report.variants_added),
        ("Variants removed", &report.variants_removed),
        ("Layers added", &report.layers_added),
        ("Layers removed", &report.layers_removed),
    ];
    for (title, items) in lists {
        if !items.is_empty() {
            out.push_str(&format!("\n### {title}\n\n"));
            for item in items {
                out.push_str(&format!("- {}\n", code(item)));
            }
        }
    }
    if !report.text_changes.is_empty() {
        out.push_str("\n### Text changes\n\n");
        let shown = |text: &Option<String>| text.as_deref().map_or("(none)".into(), escape);
        for change in &report.text_changes {
            out.push_str(&format!(
                "- {}, {}:\n  - before: {}\n  - after: {}\n",
                code(&change.subject()),
                change.field.as_str(),
                shown(&change.old),
                shown(&change.new)
            ));
        }
    }
    if !report.source_changes.is_empty() {
        out.push_str("\n### Source changes\n\n");
        for change in &report.source_changes {
            out.push_str(&format!("- {}:\n", code(&change.subject())));
            for url in &change.added {
                out.push_str(&format!("  - added {}\n", link(url)));
            }
            for url in &change.removed {
                out.push_str(&format!("  - removed {}\n", link(url)));
            }
        }
    }
    if !report.review_changes.is_empty() {
        out.push_str("\n### Review dates\n\n");
        for change in &report.review_changes {
            out.push_str(&format!(
                "- {}: {} → {}\n",
                code(&change.service),
                escape(&change.old),
                escape(&change.new)
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_names_is_escaped() {
        assert_eq!(
            escape("a|b [x](javascript:y) <img> @team\nnext"),
            "a\\|b \\[x\\](javascript:y) \\<img\\> \\@team next"
        );
        assert_eq!(
            numbered_link(2, "https://a/b_(c)|d"),
            "[2](https://a/b_%28c%29%7Cd)"
        );
        assert_eq!(html("<b>@x & \"y\""), "&lt;b&gt;&#64;x &amp; &quot;y&quot;");
    }
}
