//! Human-readable output: key/value blocks and tables, owners coloured on a terminal.

use super::safe::neutral;
use std::fmt::Write as _;

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Attribute, Cell, Color, ContentArrangement, Table};

use super::Style;
use crate::catalog::{Layer, Owner, Text};
use crate::check::{CheckReport, CheckResult};
use crate::query::{
    AcceptableUseView, DutySummary, LayerRow, OwnerAnswer, OwnerColumn, PentestAnswer,
    PentestPolicyView, SearchHit, ServiceRow, ServiceView, StatusAnswer, WhoOwns,
};

/// `search`: one block per entry, best first.
pub fn search(hits: &[SearchHit], style: &Style) -> String {
    if hits.is_empty() {
        return "nothing matched every word; try fewer words, or `cloudsrm layers`\n".into();
    }
    let width = usize::from(style.width.unwrap_or(u16::MAX)).max(40);
    let mut out = String::new();
    for hit in hits {
        let label = target_label(&hit.service, hit.variant.as_deref());
        let _ = writeln!(
            out,
            "{} {} ({})",
            clean(&label),
            clean(&hit.layer),
            hit.owner.as_str()
        );
        let text = hit
            .customer
            .as_deref()
            .unwrap_or("Depends on the variant; name one as SERVICE:VARIANT.");
        for line in wrap(&neutral(text), width - 3) {
            let _ = writeln!(out, "   {line}");
        }
    }
    out
}

/// `who-owns SERVICE`: the customer's duties, one wrapped line each, then AWS's layers.
pub fn duties(summary: &DutySummary, style: &Style) -> String {
    let label = target_label(&summary.service, summary.variant.as_deref());
    let width = usize::from(style.width.unwrap_or(u16::MAX)).max(40);
    let mut out = format!(
        "{} ({}): your duties\n",
        clean(&label),
        clean(&summary.name)
    );
    for duty in &summary.duties {
        let owner = match &duty.team {
            Some(team) => format!("{}: {}", duty.owner.as_str(), neutral(team)),
            None => duty.owner.as_str().to_string(),
        };
        let _ = writeln!(out, "\n {} ({owner})", clean(&duty.layer));
        let text = duty
            .customer
            .as_deref()
            .unwrap_or("Depends on the variant; name one as SERVICE:VARIANT.");
        for line in wrap(&neutral(text), width - 3) {
            let _ = writeln!(out, "   {line}");
        }
    }
    let aws: Vec<&str> = summary.aws.iter().map(|l| l.as_ref()).collect();
    out.push_str("\nAWS alone:\n");
    for line in wrap(&aws.join(", "), width - 3) {
        let _ = writeln!(out, "   {line}");
    }
    let stale = if summary.stale {
        " (STALE: check the sources)"
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "\nreviewed {}{stale}; ask `cloudsrm who-owns {} LAYER` for sources",
        clean(&summary.reviewed),
        clean(&label)
    );
    out
}

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
    // A key/value block wrapped by hand: the common answer then costs no table layout.
    let owner = match &layer.team {
        Some(team) => format!("{}: {}", layer.owner.as_str(), neutral(team)),
        None => layer.owner.as_str().to_string(),
    };
    let painted = if style.color {
        format!("{}{owner}\u{1b}[0m", owner_colour(layer.owner))
    } else {
        owner
    };
    let _ = writeln!(out, " {:<9} {painted}", "owner");
    let width = usize::from(style.width.unwrap_or(u16::MAX))
        .saturating_sub(KEY_WIDTH + 1)
        .max(20);
    let texts = [
        ("aws", layer.aws.as_deref()),
        ("customer", layer.customer.as_deref()),
        ("note", layer.note.as_deref()),
        (
            "from",
            (layer.origin != crate::query::EMBEDDED_ORIGIN).then_some(&*layer.origin),
        ),
    ];
    for (key, text) in texts {
        if let Some(text) = text {
            for (i, line) in wrap(&neutral(text), width).iter().enumerate() {
                let key = if i == 0 { key } else { "" };
                let _ = writeln!(out, " {key:<9} {line}");
            }
        }
    }
    if let Some(variants) = &layer.variants {
        out.push_str(&lines(&variant_table(variants, style)));
        out.push('\n');
    }
    // Sources stay on lines of their own, unwrapped, so they can be copied and clicked.
    out.push_str("sources:\n");
    for source in layer.sources.iter() {
        out.push_str(&format!("  {}\n", clean(source)));
    }
    if layer.sources.is_empty() && layer.origin == crate::query::EMBEDDED_ORIGIN {
        out.push_str("  (none found yet; see the note)\n");
    } else if layer.sources.is_empty() {
        out.push_str("  (none given in the overlay)\n");
    }
    out.push_str(&format!(
        "reviewed: {}\n",
        review_note(&answer.reviewed, answer.stale)
    ));
    out
}

/// The review date, flagged plainly when it is too old to trust without checking.
fn review_note(reviewed: &str, stale: bool) -> String {
    if stale {
        format!(
            "{} (STALE: reviewed more than {} days ago; check the sources before relying on this)",
            clean(reviewed),
            crate::query::STALE_AFTER_DAYS
        )
    } else {
        clean(reviewed)
    }
}

/// Width of the key column in `who-owns`: a space, the key padded to 9, a space.
const KEY_WIDTH: usize = 11;

/// Greedy word wrap; a word longer than the width (a URL, say) gets a line of its own.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    lines
}

/// The escape sequence that colours an owner on a terminal.
fn owner_colour(owner: OwnerAnswer) -> &'static str {
    match owner {
        OwnerAnswer::Owner(Owner::Aws) => "\u{1b}[33m",
        OwnerAnswer::Owner(Owner::Customer) => "\u{1b}[36m",
        OwnerAnswer::Owner(Owner::Shared) => "\u{1b}[35m",
        OwnerAnswer::Varies => "\u{1b}[1m",
    }
}

fn variant_table(variants: &[crate::query::VariantAnswer], style: &Style) -> Table {
    let mut table = new_table(style, UTF8_FULL_CONDENSED);
    table.set_header(vec!["variant", "owner", "aws", "customer"]);
    keep_whole(&mut table, &[0, 1]);
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
        review_note(&view.reviewed, view.stale),
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
    keep_whole(&mut table, &[0, 1, 4]);
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
            team_owner_cell(layer.owner, layer.team.as_deref(), style),
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
    let from_overlays: Vec<String> = view
        .layers
        .iter()
        .filter(|l| l.origin != crate::query::EMBEDDED_ORIGIN)
        .map(|l| format!("{} ({})", l.layer, clean(&l.origin)))
        .collect();
    if !from_overlays.is_empty() {
        out.push_str(&format!("from overlays: {}\n", from_overlays.join(", ")));
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
    keep_whole(&mut table, &[0, 2, 3, 4]);
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
    keep_whole(&mut table, &[0, 1]);
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

/// Ids, owners and other short columns keep their width; only prose columns wrap.
fn keep_whole(table: &mut Table, columns: &[usize]) {
    for &index in columns {
        if let Some(column) = table.column_mut(index) {
            column.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
        }
    }
}

fn new_table(style: &Style, preset: comfy_table::TableStyle) -> Table {
    let mut table = Table::new();
    table.load_style(preset);
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

/// "customer: platform-security" when a team carries the customer's part.
fn team_owner_cell(owner: OwnerAnswer, team: Option<&str>, style: &Style) -> Cell {
    match team {
        Some(team) => paint(
            Cell::new(format!("{}: {}", owner.as_str(), clean(team))),
            owner,
            style,
        ),
        None => owner_cell(owner, style),
    }
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
    super::safe::neutral(text).into_owned()
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
    for file in &report.empty {
        let _ = writeln!(
            out,
            "warning: {} holds no assumptions; nothing in it was checked",
            neutral(file)
        );
    }
    let summary = &report.summary;
    out.push_str(&format!(
        "{} passed, {} failed\n",
        summary.passed, summary.failed
    ));
    out
}

fn push_result(out: &mut String, result: &CheckResult, style: &Style) {
    // Called once per assumption, for files of many thousands: write in place.
    let (word, color) = if result.passed {
        ("PASS", "\u{1b}[32m")
    } else {
        ("FAIL", "\u{1b}[31m")
    };
    if style.color {
        let _ = write!(out, "{color}{word}\u{1b}[0m ");
    } else {
        let _ = write!(out, "{word} ");
    }
    if let (Some(file), Some(line), Some(column)) = (&result.file, result.line, result.column) {
        let _ = write!(out, "{}:{line}:{column}: ", neutral(file));
    }
    let _ = writeln!(out, "{}", neutral(&result.message));
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
            let _ = writeln!(out, "     {label}: {}", neutral(text));
        }
    }
    for source in result.sources.iter() {
        let _ = writeln!(out, "     source: {}", neutral(source));
    }
}

/// `pentest` with no service: the policy in brief.
pub fn pentest_policy(view: &PentestPolicyView, style: &Style) -> String {
    let mut out = format!(
        "AWS penetration-testing policy: {}\n(this list is as of {}, the day it was read from the policy page)\n\nYou may test resources you own in these services without asking AWS first:\n",
        clean(&view.policy),
        clean(&view.checked)
    );
    let mut table = new_table(style, UTF8_FULL_CONDENSED);
    table.set_header(vec!["service", "name", "what may be tested"]);
    keep_whole(&mut table, &[0]);
    for row in &view.permitted {
        table.add_row(vec![
            clean(&row.service),
            clean(&row.name),
            clean(&row.scope),
        ]);
    }
    out.push_str(&lines(&table));
    out.push_str("\n\nNever allowed, for any service:\n");
    for activity in view.prohibited.iter() {
        out.push_str(&format!("  - {}\n", clean(activity)));
    }
    out.push_str(&format!("\nnote: {}\n", clean(&view.note)));
    out
}

/// `pentest SERVICE`.
pub fn pentest(answer: &PentestAnswer) -> String {
    let verdict = match &answer.scope {
        Some(scope) => format!(
            "permitted: you may test {} you own without asking AWS first",
            clean(scope)
        ),
        None => "not listed: ask AWS for approval before testing it".to_string(),
    };
    let label = match &answer.variant {
        Some(variant) => format!("{}:{}", answer.service, variant),
        None => answer.service.to_string(),
    };
    let mut out = format!("{} ({}): {verdict}\n", clean(&label), clean(&answer.name));
    out.push_str("never allowed:\n");
    for activity in answer.prohibited.iter() {
        out.push_str(&format!("  - {}\n", clean(activity)));
    }
    out.push_str(&format!(
        "policy: {} (list as of {})\nnote: {}\n",
        clean(&answer.policy),
        clean(&answer.checked),
        clean(&answer.note)
    ));
    out
}

/// `aup`: the Acceptable Use Policy, what AWS may do and what the customer must do.
pub fn acceptable_use(view: &AcceptableUseView, style: &Style) -> String {
    let width = style.width.map_or(usize::MAX, usize::from).max(40);
    let mut out = format!(
        "AWS Acceptable Use Policy: {}\n(summary checked on {})\n\nNot allowed:\n",
        clean(&view.policy),
        clean(&view.checked)
    );
    let item = |out: &mut String, text: &str| {
        for (i, line) in wrap(&neutral(text), width - 4).iter().enumerate() {
            let _ = writeln!(out, "{}{line}", if i == 0 { "  - " } else { "    " });
        }
    };
    for category in view.prohibited.iter() {
        item(
            &mut out,
            &format!("{}: {}", category.category, category.summary),
        );
    }
    out.push_str("\nAWS may:\n");
    for text in view.aws_may.iter() {
        item(&mut out, text);
    }
    out.push_str("\nYou must:\n");
    for text in view.customer_must.iter() {
        item(&mut out, text);
    }
    out.push_str("\nsources:\n");
    for source in view.sources.iter() {
        let _ = writeln!(out, "  {}", clean(source));
    }
    out.push_str("\nnote:\n");
    for line in wrap(&neutral(&view.note), width - 2) {
        let _ = writeln!(out, "  {line}");
    }
    out
}

/// `status`: where to look; nothing is fetched.
pub fn status(answer: &StatusAnswer) -> String {
    let subject = match (&answer.service, &answer.name) {
        (Some(id), Some(name)) => format!("{} ({})", clean(id), clean(name)),
        _ => "AWS services".to_string(),
    };
    let place = answer
        .region
        .as_deref()
        .map(|r| format!(" in {}", clean(r)))
        .unwrap_or_default();
    format!(
        "Health of {subject}{place}:\n  public status of every service and Region: {}\n  events that affect your account:           {}\nnote: {}\nsource: {}\n",
        clean(&answer.public_dashboard),
        clean(&answer.account_dashboard),
        clean(&answer.note),
        answer.sources.iter().map(|s| clean(s)).collect::<Vec<_>>().join(", ")
    )
}

/// `diagram --format text`: the stack in the terminal, data at the top; coloured blocks
/// on a terminal, owner letters otherwise (and inside the blocks too, for colour-blind eyes).
pub fn diagram(diagram: &crate::query::Diagram, style: &Style) -> String {
    let label_width = diagram.columns.first().map_or(0, |c| {
        c.cells
            .iter()
            .map(|cell| cell.layer_name.chars().count())
            .max()
            .unwrap_or(0)
    });
    let widths: Vec<usize> = diagram
        .columns
        .iter()
        .map(|c| c.label.chars().count().max(10))
        .collect();
    let mut out = format!("{}\n\n{:label_width$}", clean(&diagram.title), "");
    for (column, width) in diagram.columns.iter().zip(&widths) {
        out.push_str(&format!("  {:^width$}", clean(&column.label)));
    }
    out.push('\n');
    let rows = diagram.columns.first().map_or(0, |c| c.cells.len());
    for row in (0..rows).rev() {
        let name = &diagram.columns[0].cells[row].layer_name;
        out.push_str(&format!("{:>label_width$}", clean(name)));
        for (column, width) in diagram.columns.iter().zip(&widths) {
            let owner = column.cells[row].owner;
            let (letter, paint) = match owner {
                Owner::Aws => ("A", "\u{1b}[30;43m"),
                Owner::Customer => ("C", "\u{1b}[97;44m"),
                Owner::Shared => ("S", "\u{1b}[97;45m"),
            };
            if style.color {
                out.push_str(&format!("  {paint}{letter:^width$}\u{1b}[0m"));
            } else {
                out.push_str(&format!("  {:^width$}", format!("[{letter}]")));
            }
        }
        out.push('\n');
    }
    out.push_str("\nA = AWS, S = shared, C = customer\n");
    out.lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// `gaps`: the duties no team carries.
pub fn gaps(gaps: &[crate::query::Gap], style: &Style) -> String {
    if gaps.is_empty() {
        return "every customer-side and shared duty has a team\n".to_string();
    }
    let mut table = new_table(style, UTF8_FULL_CONDENSED);
    table.set_header(vec!["service", "layer", "owner"]);
    for gap in gaps {
        table.add_row(vec![
            Cell::new(clean(&target_label(&gap.service, gap.variant.as_deref()))),
            Cell::new(clean(&gap.layer)),
            owner_cell(OwnerAnswer::Owner(gap.owner), style),
        ]);
    }
    format!("{}\n{} duties have no team\n", lines(&table), gaps.len())
}

/// `validate`: the verdict, then each problem on its own line.
pub fn validation(report: &crate::query::ValidationReport, _style: &Style) -> String {
    let mut out = String::new();
    for p in &report.problems {
        let at = if p.line == 0 {
            clean(&p.file)
        } else {
            format!("{}:{}:{}", clean(&p.file), p.line, p.column)
        };
        out.push_str(&format!("{at}: {}\n", clean(&p.message)));
    }
    let subject = if report.files.is_empty() {
        "the embedded catalog".to_string()
    } else {
        report
            .files
            .iter()
            .map(|f| clean(f))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if report.valid {
        out.push_str(&format!(
            "valid: {subject} ({} services)\n",
            report.services
        ));
    } else {
        let count = report.problems.len();
        let noun = if count == 1 { "problem" } else { "problems" };
        out.push_str(&format!("invalid: {count} {noun} in {subject}\n"));
    }
    out
}

/// `diff`: each category that has changes, one line per change (texts before and after on
/// lines of their own), then `no differences` when there are none.
pub fn diff(report: &crate::query::CatalogDiff) -> String {
    let mut out = format!(
        "old: {} ({})\nnew: {} ({})\n",
        clean(&report.old.catalog_version),
        clean(&report.old.source),
        clean(&report.new.catalog_version),
        clean(&report.new.source)
    );
    if !report.only.is_empty() {
        out.push_str(&format!("only: {}\n", report.only.join(", ")));
    }
    let lists = [
        ("layers added", &report.layers_added),
        ("layers removed", &report.layers_removed),
        ("services added", &report.services_added),
        ("services removed", &report.services_removed),
        ("variants added", &report.variants_added),
        ("variants removed", &report.variants_removed),
    ];
    for (title, items) in lists {
        if !items.is_empty() {
            let items: Vec<String> = items.iter().map(|i| clean(i)).collect();
            out.push_str(&format!(
                "{title} ({}): {}\n",
                items.len(),
                items.join(", ")
            ));
        }
    }
    if !report.owner_changes.is_empty() {
        out.push_str(&format!(
            "owner changes ({}):\n",
            report.owner_changes.len()
        ));
        for change in &report.owner_changes {
            out.push_str(&format!(
                "  {}: {} -> {}\n",
                clean(&change.subject()),
                change.old,
                change.new
            ));
        }
    }
    if !report.text_changes.is_empty() {
        out.push_str(&format!("text changes ({}):\n", report.text_changes.len()));
        let shown = |text: &Option<String>| text.as_deref().map_or("(none)".into(), clean);
        for change in &report.text_changes {
            out.push_str(&format!(
                "  {} {}:\n    - {}\n    + {}\n",
                clean(&change.subject()),
                change.field.as_str(),
                shown(&change.old),
                shown(&change.new)
            ));
        }
    }
    if !report.source_changes.is_empty() {
        out.push_str(&format!(
            "source changes ({}):\n",
            report.source_changes.len()
        ));
        for change in &report.source_changes {
            out.push_str(&format!("  {}:\n", clean(&change.subject())));
            for url in &change.added {
                out.push_str(&format!("    + {}\n", clean(url)));
            }
            for url in &change.removed {
                out.push_str(&format!("    - {}\n", clean(url)));
            }
        }
    }
    if !report.review_changes.is_empty() {
        out.push_str(&format!(
            "review dates ({}):\n",
            report.review_changes.len()
        ));
        for change in &report.review_changes {
            out.push_str(&format!(
                "  {}: {} -> {}\n",
                clean(&change.service),
                clean(&change.old),
                clean(&change.new)
            ));
        }
    }
    if report.is_empty() {
        out.push_str("no differences\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wraps_at_word_boundaries_and_keeps_long_words_whole() {
        assert_eq!(wrap("one two three four", 9), ["one two", "three", "four"]);
        let url = "https://docs.aws.amazon.com/a/very/long/path.html";
        assert_eq!(wrap(&format!("see {url} now"), 10), ["see", url, "now"]);
        assert_eq!(wrap("first\nsecond", 40), ["first", "second"]);
    }
}
