//! Human-readable output: key/value blocks and tables, owners coloured on a terminal.

use comfy_table::presets::{NOTHING, UTF8_FULL_CONDENSED};
use comfy_table::{Attribute, Cell, Color, ContentArrangement, Table};

use super::Style;
use crate::catalog::{Layer, Owner, Text};
use crate::check::{CheckReport, CheckResult};
use crate::query::{
    LayerAnswer, LayerRow, OwnerAnswer, OwnerColumn, ServiceRow, ServiceView, WhoOwns,
};

pub fn who_owns(answer: &WhoOwns, style: &Style) -> String {
    let label = target_label(&answer.service, answer.variant.as_deref());
    let layer = &answer.answer;
    let mut out = format!(
        "{} ({}): {} ({})\n",
        clean(&label),
        clean(&answer.service_name),
        clean(&layer.layer_name),
        clean(&layer.layer)
    );
    let mut table = new_table(style, NOTHING);
    table.add_row(vec![Cell::new("owner"), owner_cell(layer.owner, style)]);
    push_texts(&mut table, layer);
    out.push_str(&lines(&table));
    out.push('\n');
    if let Some(variants) = &layer.variants {
        out.push_str(&lines(&variant_table(variants, style)));
        out.push('\n');
    }
    // Sources stay on lines of their own, unwrapped, so they can be copied and clicked.
    out.push_str("sources:\n");
    for source in layer.sources.iter() {
        out.push_str(&format!("  {}\n", clean(source)));
    }
    if layer.sources.is_empty() {
        out.push_str("  (none found yet; see the note)\n");
    }
    out.push_str(&format!("reviewed: {}\n", clean(&answer.reviewed)));
    out
}

fn push_texts(table: &mut Table, layer: &LayerAnswer) {
    if let Some(aws) = &layer.aws {
        table.add_row(vec![Cell::new("aws"), Cell::new(clean(aws))]);
    }
    if let Some(customer) = &layer.customer {
        table.add_row(vec![Cell::new("customer"), Cell::new(clean(customer))]);
    }
    if let Some(note) = &layer.note {
        table.add_row(vec![Cell::new("note"), Cell::new(clean(note))]);
    }
}

fn variant_table(variants: &[crate::query::VariantAnswer], style: &Style) -> Table {
    let mut table = new_table(style, UTF8_FULL_CONDENSED);
    table.set_header(vec!["variant", "owner", "aws", "customer"]);
    for v in variants {
        table.add_row(vec![
            Cell::new(clean(&v.variant)),
            owner_cell(OwnerAnswer::Owner(v.owner), style),
            Cell::new(clean(&v.aws)),
            Cell::new(clean(&v.customer)),
        ]);
    }
    table
}

pub fn show(view: &ServiceView, style: &Style) -> String {
    let label = target_label(&view.service, view.variant.as_deref());
    let mut out = format!(
        "{} ({}): {}, {}, {} model, reviewed {}\n",
        clean(&label),
        clean(&view.name),
        clean(&view.category),
        if view.managed { "managed" } else { "unmanaged" },
        view.model.as_str(),
        clean(&view.reviewed),
    );
    if view.variant.is_none() && !view.variants.is_empty() {
        let names: Vec<String> = view
            .variants
            .iter()
            .map(|v| format!("{}:{}", view.service, v.id))
            .collect();
        out.push_str(&format!("variants: {}\n", clean(&names.join(", "))));
    }
    let mut sources: Vec<&str> = Vec::new();
    let mut table = new_table(style, UTF8_FULL_CONDENSED);
    table.set_header(vec!["layer", "owner", "aws", "customer", "src"]);
    for layer in &view.layers {
        let refs = cite(&mut sources, &layer.sources);
        let (aws, customer) = match &layer.variants {
            Some(variants) if layer.owner == OwnerAnswer::Varies => (
                per_variant(variants, |v| {
                    format!("{} ({}): {}", v.variant, v.owner, v.aws)
                }),
                per_variant(variants, |v| format!("{}: {}", v.variant, v.customer)),
            ),
            _ => (
                layer.aws.as_deref().unwrap_or_default().to_string(),
                layer.customer.as_deref().unwrap_or_default().to_string(),
            ),
        };
        table.add_row(vec![
            Cell::new(&layer.layer),
            owner_cell(layer.owner, style),
            Cell::new(clean(&aws)),
            Cell::new(clean(&customer)),
            Cell::new(refs),
        ]);
    }
    out.push_str(&lines(&table));
    out.push_str("\nsources:\n");
    for (i, source) in sources.iter().enumerate() {
        out.push_str(&format!("  [{}] {}\n", i + 1, clean(source)));
    }
    out
}

/// Numbers each source the first time it is seen; returns this entry's numbers.
fn cite<'a>(sources: &mut Vec<&'a str>, entry: &'a [Text]) -> String {
    let mut refs = Vec::new();
    for source in entry {
        let n = match sources.iter().position(|s| s == source) {
            Some(i) => i + 1,
            None => {
                sources.push(source);
                sources.len()
            }
        };
        refs.push(n.to_string());
    }
    refs.join(",")
}

fn per_variant(
    variants: &[crate::query::VariantAnswer],
    line: impl Fn(&crate::query::VariantAnswer) -> String,
) -> String {
    variants.iter().map(line).collect::<Vec<_>>().join("\n")
}

pub fn services(rows: &[ServiceRow], style: &Style) -> String {
    if rows.is_empty() {
        return "no service matches\n".to_string();
    }
    let mut table = new_table(style, UTF8_FULL_CONDENSED);
    table.set_header(vec!["service", "name", "category", "managed", "model"]);
    for row in rows {
        table.add_row(vec![
            Cell::new(clean(&target_label(&row.id, row.variant.as_deref()))),
            Cell::new(clean(&row.name)),
            Cell::new(clean(&row.category)),
            Cell::new(if row.managed { "managed" } else { "unmanaged" }),
            Cell::new(row.model.as_str()),
        ]);
    }
    format!("{}\n", lines(&table))
}

pub fn layers(rows: &[LayerRow], style: &Style) -> String {
    let mut table = new_table(style, UTF8_FULL_CONDENSED);
    table.set_header(vec!["layer", "name", "description", "aliases"]);
    for row in rows {
        table.add_row(vec![
            Cell::new(clean(&row.id)),
            Cell::new(clean(&row.name)),
            Cell::new(clean(&row.description)),
            Cell::new(clean(&row.aliases.join(", "))),
        ]);
    }
    format!("{}\n", lines(&table))
}

/// `compare`: layers as rows, one column per service or variant.
pub fn compare(columns: &[OwnerColumn], style: &Style) -> String {
    let mut table = new_table(style, UTF8_FULL_CONDENSED);
    let mut header = vec!["layer".to_string()];
    header.extend(
        columns
            .iter()
            .map(|c| clean(&target_label(&c.service, c.variant.as_deref()))),
    );
    table.set_header(header);
    let layer_count = columns.first().map_or(0, |c| c.owners.0.len());
    for l in 0..layer_count {
        let mut row = vec![Cell::new(clean(&columns[0].owners.0[l].0))];
        row.extend(
            columns
                .iter()
                .map(|c| owner_cell(OwnerAnswer::Owner(c.owners.0[l].1), style)),
        );
        table.add_row(row);
    }
    format!("{}\n", lines(&table))
}

/// `matrix`: one row per service or variant, one narrow column per layer.
pub fn matrix(columns: &[OwnerColumn], layers: &[Layer], style: &Style) -> String {
    // Wrapping one-letter cells helps nobody: the matrix keeps its natural width.
    let mut table = new_table(
        &Style {
            width: None,
            ..*style
        },
        UTF8_FULL_CONDENSED,
    );
    let mut header = vec!["service".to_string()];
    header.extend(layers.iter().map(|l| clean(&l.short)));
    table.set_header(header);
    for column in columns {
        let mut row = vec![Cell::new(clean(&target_label(
            &column.service,
            column.variant.as_deref(),
        )))];
        row.extend(column.owners.0.iter().map(|(_, owner)| {
            let letter = match owner {
                Owner::Aws => "A",
                Owner::Customer => "C",
                Owner::Shared => "S",
            };
            paint(Cell::new(letter), OwnerAnswer::Owner(*owner), style)
        }));
        table.add_row(row);
    }
    let legend: Vec<String> = layers
        .iter()
        .map(|l| format!("{}={}", clean(&l.short), clean(&l.id)))
        .collect();
    format!(
        "{}\nA = aws, C = customer, S = shared\n{}\n",
        lines(&table),
        legend.join(", ")
    )
}

/// A table's text without the padding comfy-table leaves at line ends.
fn lines(table: &Table) -> String {
    table
        .lines()
        .map(|line| line.trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

fn target_label(service: &str, variant: Option<&str>) -> String {
    match variant {
        Some(v) => format!("{service}:{v}"),
        None => service.to_string(),
    }
}

fn new_table(style: &Style, preset: &str) -> Table {
    let mut table = Table::new();
    table.load_preset(preset);
    if style.color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    match style.width {
        Some(width) => {
            table.set_width(width);
            table.set_content_arrangement(ContentArrangement::Dynamic);
        }
        None => {
            table.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    table
}

fn owner_cell(owner: OwnerAnswer, style: &Style) -> Cell {
    paint(Cell::new(owner.as_str()), owner, style)
}

fn paint(cell: Cell, owner: OwnerAnswer, style: &Style) -> Cell {
    if !style.color {
        return cell;
    }
    match owner {
        OwnerAnswer::Owner(Owner::Aws) => cell.fg(Color::Yellow),
        OwnerAnswer::Owner(Owner::Customer) => cell.fg(Color::Cyan),
        OwnerAnswer::Owner(Owner::Shared) => cell.fg(Color::Magenta),
        OwnerAnswer::Varies => cell.add_attribute(Attribute::Bold),
    }
}

/// Catalog text may come from files a user was handed: never let it drive the terminal.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\n' {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

/// One assumption's outcome, as `assert` prints it.
pub fn check_result(result: &CheckResult, style: &Style) -> String {
    let mut out = String::new();
    push_result(&mut out, result, style);
    out
}

/// Every outcome of `check`, then the closing `N passed, M failed` line.
pub fn check_report(report: &CheckReport, style: &Style) -> String {
    let mut out = String::new();
    for result in &report.results {
        push_result(&mut out, result, style);
    }
    let summary = &report.summary;
    out.push_str(&format!(
        "{} passed, {} failed\n",
        summary.passed, summary.failed
    ));
    out
}

fn push_result(out: &mut String, result: &CheckResult, style: &Style) {
    let (word, color) = if result.passed {
        ("PASS", "\u{1b}[32m")
    } else {
        ("FAIL", "\u{1b}[31m")
    };
    let word = if style.color {
        format!("{color}{word}\u{1b}[0m")
    } else {
        word.to_string()
    };
    let location = match (&result.file, result.line, result.column) {
        (Some(file), Some(line), Some(column)) => format!("{}:{line}:{column}: ", clean(file)),
        _ => String::new(),
    };
    out.push_str(&format!("{word} {location}{}\n", clean(&result.message)));
    if result.passed {
        return;
    }
    let detail = [
        ("why", &result.why),
        ("aws", &result.aws),
        ("customer", &result.customer),
    ];
    for (label, text) in detail {
        if let Some(text) = text {
            out.push_str(&format!("     {label}: {}\n", clean(text)));
        }
    }
    for source in result.sources.iter() {
        out.push_str(&format!("     source: {}\n", clean(source)));
    }
}
