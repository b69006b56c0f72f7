//! Markdown: a catalog diff as a changelog section or a pull-request comment.

use crate::query::CatalogDiff;

/// Text from the compared files, with what Markdown would read as markup escaped and
/// control characters neutralised.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in super::safe::neutral(text).chars() {
        match c {
            '\n' => out.push(' '),
            '\\' | '`' | '*' | '_' | '<' | '>' | '[' | ']' | '|' | '#' | '~' => {
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
