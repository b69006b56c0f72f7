//! Human-readable output: key/value blocks and tables, owners coloured on a terminal.

use super::safe::neutral;
use std::fmt::Write as _;

use super::table::{staircase, staircase_ending, Entry, Fit, Grid, Stack};
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
    let mut out = paragraph(
        &format!("{} ({}): your duties", clean(&label), clean(&summary.name)),
        style,
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
    out.push('\n');
    out.push_str(&paragraph(
        &format!(
            "reviewed {}{stale}; ask `cloudsrm who-owns {} LAYER` for sources",
            clean(&summary.reviewed),
            clean(&label)
        ),
        style,
    ));
    out
}

pub fn who_owns(answer: &WhoOwns, style: &Style) -> String {
    let label = target_label(&answer.service, answer.variant.as_deref());
    let layer = &answer.answer;
    let mut out = paragraph(
        &format!(
            "{} ({}): {} ({})",
            clean(&label),
            clean(&answer.service_name),
            clean(&layer.layer_name),
            clean(&layer.layer)
        ),
        style,
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
        out.push_str(&variant_table(variants).render(style));
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

/// Word wrap (textwrap, as clap's help uses): words are never split, so a word longer
/// than the width (a URL, say) gets a line of its own; newlines start new lines.
pub(super) fn wrap(text: &str, width: usize) -> Vec<String> {
    let options = textwrap::Options::new(width.max(1))
        .break_words(false)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let wrapped = textwrap::wrap(paragraph.trim(), &options);
        if wrapped.is_empty() {
            lines.push(String::new());
        }
        lines.extend(wrapped.into_iter().map(|l| l.trim_end().to_string()));
    }
    lines
}

/// The escape sequence that colours an owner on a terminal.
pub(super) fn owner_colour(owner: OwnerAnswer) -> &'static str {
    match owner {
        OwnerAnswer::Owner(Owner::Aws) => "\u{1b}[33m",
        OwnerAnswer::Owner(Owner::Customer) => "\u{1b}[36m",
        OwnerAnswer::Owner(Owner::Shared) => "\u{1b}[35m",
        OwnerAnswer::Varies => "\u{1b}[1m",
    }
}

fn variant_table(variants: &[crate::query::VariantAnswer]) -> Grid {
    let mut grid = Grid::new()
        .column("variant", Fit::Whole, Stack::Key(None))
        .column("owner", Fit::Whole, Stack::Key(None))
        .column("aws", Fit::Prose, Stack::Line(Some("aws")))
        .column("customer", Fit::Prose, Stack::Line(Some("customer")));
    for v in variants {
        grid.row(vec![
            Entry::text(clean(&v.variant)),
            Entry::owner(v.owner.as_str(), OwnerAnswer::Owner(v.owner)),
            Entry::text(clean(&v.aws)),
            Entry::text(clean(&v.customer)),
        ]);
    }
    grid
}

pub fn show(view: &ServiceView, style: &Style) -> String {
    let label = target_label(&view.service, view.variant.as_deref());
    let mut out = paragraph(
        &format!(
            "{} ({}): {}, {}, {} model, reviewed {}",
            clean(&label),
            clean(&view.name),
            clean(&view.category),
            if view.managed { "managed" } else { "unmanaged" },
            view.model.as_str(),
            review_note(&view.reviewed, view.stale),
        ),
        style,
    );
    if view.variant.is_none() && !view.variants.is_empty() {
        let names: Vec<String> = view
            .variants
            .iter()
            .map(|v| format!("{}:{}", view.service, v.id))
            .collect();
        out.push_str(&paragraph(
            &format!("variants: {}", clean(&names.join(", "))),
            style,
        ));
    }
    let mut sources: Vec<&str> = Vec::new();
    let mut grid = Grid::new()
        .column("layer", Fit::Whole, Stack::Key(None))
        .column("owner", Fit::Whole, Stack::Key(None))
        .column("aws", Fit::Prose, Stack::Line(Some("aws")))
        .column("customer", Fit::Prose, Stack::Line(Some("customer")))
        .column("src", Fit::Whole, Stack::Key(Some("sources")));
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
        grid.row(vec![
            Entry::text(clean(&layer.layer)),
            team_owner(layer.owner, layer.team.as_deref()),
            Entry::text(clean(&aws)),
            Entry::text(clean(&customer)),
            Entry::text(refs),
        ]);
    }
    out.push_str(&grid.render(style));
    out.push_str("sources:\n");
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
        out.push_str(&paragraph(
            &format!("from overlays: {}", from_overlays.join(", ")),
            style,
        ));
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
    // Stacked, a row reads: the name, then "category, managed, model".
    let mut grid = Grid::new()
        .column("service", Fit::Whole, Stack::Key(None))
        .column("name", Fit::Prose, Stack::Line(None))
        .column("category", Fit::Whole, Stack::Line(None))
        .column("managed", Fit::Whole, Stack::Inline)
        .column("model", Fit::Whole, Stack::Inline);
    for row in rows {
        grid.row(vec![
            Entry::text(clean(&target_label(&row.id, row.variant.as_deref()))),
            Entry::text(clean(&row.name)),
            Entry::text(clean(&row.category)),
            Entry::text(if row.managed { "managed" } else { "unmanaged" }),
            Entry::text(row.model.as_str()),
        ]);
    }
    grid.render(style)
}

pub fn layers(rows: &[LayerRow], style: &Style) -> String {
    let mut grid = Grid::new()
        .column("layer", Fit::Whole, Stack::Key(None))
        .column("name", Fit::Prose, Stack::Line(None))
        .column("description", Fit::Prose, Stack::Line(None))
        .column("aliases", Fit::Prose, Stack::Line(Some("aliases")));
    for row in rows {
        grid.row(vec![
            Entry::text(clean(&row.id)),
            Entry::text(clean(&row.name)),
            Entry::text(clean(&row.description)),
            Entry::text(clean(&row.aliases.join(", "))),
        ]);
    }
    grid.render(style)
}

/// `compare`: layers as rows, one column per service or variant. When that does not fit
/// the width, a letter per owner under the services' names set out as a staircase; when
/// even that does not fit, the compact form of `matrix` (a row per service).
pub fn compare(columns: &[OwnerColumn], layers: &[Layer], style: &Style) -> String {
    let mut grid = Grid::new().column("layer", Fit::Whole, Stack::Key(None));
    for column in columns {
        let label = clean(&target_label(&column.service, column.variant.as_deref()));
        grid = grid.column(label, Fit::Whole, Stack::Line(None));
    }
    for (l, layer) in layers.iter().enumerate() {
        let mut row = vec![Entry::text(clean(&layer.id))];
        row.extend(
            columns
                .iter()
                .filter_map(|c| c.owners.0.get(l))
                .map(|&(_, owner)| Entry::owner(owner.as_str(), OwnerAnswer::Owner(owner))),
        );
        grid.row(row);
    }
    if grid.fits(style.width) {
        return grid.render(style);
    }
    layer_letters(columns, layers, style).unwrap_or_else(|| owner_letters(columns, layers, style))
}

/// `compare`'s compact form: a row per layer, a letter per service, the services' names
/// ending over their letters; `None` when that does not fit the width either.
fn layer_letters(columns: &[OwnerColumn], layers: &[Layer], style: &Style) -> Option<String> {
    let labels: Vec<String> = columns
        .iter()
        .map(|c| clean(&target_label(&c.service, c.variant.as_deref())))
        .collect();
    let ids: Vec<String> = layers.iter().map(|l| clean(&l.id)).collect();
    let layer_width = ids.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    // The first name ends over the first letter and may reach back over the layer ids.
    let longest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let left = (layer_width + 2).max(longest.saturating_sub(1));
    let needed = left + 2 * labels.len().saturating_sub(1) + 1;
    if style.width.is_some_and(|w| needed > usize::from(w)) {
        return None;
    }
    let mut out = staircase_ending(left, 2, &labels).join("\n");
    out.push('\n');
    for (l, id) in ids.iter().enumerate() {
        let letters: Vec<String> = columns
            .iter()
            .filter_map(|c| c.owners.0.get(l))
            .map(|&(_, owner)| painted_letter(owner, style))
            .collect();
        let _ = writeln!(out, "{id:left$}{}", letters.join(" "));
    }
    out.push_str("\nA = aws, C = customer, S = shared\n");
    Some(out)
}

/// `matrix`: one row per service or variant, one narrow column per layer; on a width too
/// narrow for that table, the compact form.
pub fn matrix(columns: &[OwnerColumn], layers: &[Layer], style: &Style) -> String {
    let mut grid = Grid::new().column("service", Fit::Whole, Stack::Key(None));
    for layer in layers {
        grid = grid.column(clean(&layer.short), Fit::Whole, Stack::Inline);
    }
    for column in columns {
        let mut row = vec![Entry::text(clean(&target_label(
            &column.service,
            column.variant.as_deref(),
        )))];
        row.extend(
            column
                .owners
                .0
                .iter()
                .map(|&(_, owner)| Entry::owner(letter(owner), OwnerAnswer::Owner(owner))),
        );
        grid.row(row);
    }
    if !grid.fits(style.width) {
        return owner_letters(columns, layers, style);
    }
    let mut out = grid.render(style);
    out.push_str(&legend(layers, style));
    out
}

/// The compact owner grid: a row per service or variant and a letter per layer, the
/// layers' short names set out as a staircase above their letters, then the legend.
fn owner_letters(columns: &[OwnerColumn], layers: &[Layer], style: &Style) -> String {
    let labels: Vec<String> = columns
        .iter()
        .map(|c| clean(&target_label(&c.service, c.variant.as_deref())))
        .collect();
    let left = labels
        .iter()
        .map(|l| l.chars().count())
        .chain(["service".len()])
        .max()
        .unwrap_or(0)
        + 2;
    let names: Vec<String> = layers.iter().map(|l| clean(&l.short)).collect();
    let mut out = staircase("service", left, 2, &names).join("\n");
    out.push('\n');
    for (label, column) in labels.iter().zip(columns) {
        let letters: Vec<String> = column
            .owners
            .0
            .iter()
            .map(|&(_, owner)| painted_letter(owner, style))
            .collect();
        let _ = writeln!(out, "{label:left$}{}", letters.join(" "));
    }
    out.push('\n');
    out.push_str(&legend(layers, style));
    out
}

/// What the letters and short layer names stand for, wrapped to the width.
fn legend(layers: &[Layer], style: &Style) -> String {
    let names: Vec<String> = layers
        .iter()
        .map(|l| format!("{}={}", clean(&l.short), clean(&l.id)))
        .collect();
    format!(
        "A = aws, C = customer, S = shared\n{}",
        paragraph(&names.join(", "), style)
    )
}

/// An owner's letter, in its colour when colour is on.
fn painted_letter(owner: Owner, style: &Style) -> String {
    if style.color {
        format!(
            "{}{}\u{1b}[0m",
            owner_colour(OwnerAnswer::Owner(owner)),
            letter(owner)
        )
    } else {
        letter(owner).to_string()
    }
}

fn letter(owner: Owner) -> &'static str {
    match owner {
        Owner::Aws => "A",
        Owner::Customer => "C",
        Owner::Shared => "S",
    }
}

/// `text` wrapped between words to the width, ending in a newline.
fn paragraph(text: &str, style: &Style) -> String {
    indented(text, "", "", style)
}

/// `text` wrapped to the width, its first line after `first` and the others after `rest`.
fn indented(text: &str, first: &str, rest: &str, style: &Style) -> String {
    let width = style.width.map_or(usize::MAX, usize::from);
    let room = width.saturating_sub(rest.chars().count().max(first.chars().count()));
    let mut out = String::new();
    for (i, line) in wrap(text, room.max(20)).iter().enumerate() {
        let _ = writeln!(out, "{}{line}", if i == 0 { first } else { rest });
    }
    out
}

fn target_label(service: &str, variant: Option<&str>) -> String {
    match variant {
        Some(v) => format!("{service}:{v}"),
        None => service.to_string(),
    }
}

/// "customer: platform-security" when a team carries the customer's part.
fn team_owner(owner: OwnerAnswer, team: Option<&str>) -> Entry {
    match team {
        Some(team) => Entry::owner(format!("{}: {}", owner.as_str(), clean(team)), owner),
        None => Entry::owner(owner.as_str(), owner),
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
            super::safe::one_line(file)
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
        let _ = write!(out, "{}:{line}:{column}: ", super::safe::one_line(file));
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
            out.push_str(&indented(
                &neutral(text),
                &format!("     {label}: "),
                "       ",
                style,
            ));
        }
    }
    for source in result.sources.iter() {
        let _ = writeln!(out, "     source: {}", neutral(source));
    }
}

/// `pentest` with no service: the policy in brief.
pub fn pentest_policy(view: &PentestPolicyView, style: &Style) -> String {
    let mut out = paragraph(
        &format!("AWS penetration-testing policy: {}", clean(&view.policy)),
        style,
    );
    out.push_str(&paragraph(
        &format!(
            "(this list is as of {}, the day it was read from the policy page)",
            clean(&view.checked)
        ),
        style,
    ));
    out.push('\n');
    out.push_str(&paragraph(
        "You may test resources you own in these services without asking AWS first:",
        style,
    ));
    let mut grid = Grid::new()
        .column("service", Fit::Whole, Stack::Key(None))
        .column("name", Fit::Prose, Stack::Line(None))
        .column(
            "what may be tested",
            Fit::Prose,
            Stack::Line(Some("may test")),
        );
    for row in &view.permitted {
        grid.row(vec![
            Entry::text(clean(&row.service)),
            Entry::text(clean(&row.name)),
            Entry::text(clean(&row.scope)),
        ]);
    }
    out.push_str(&grid.render(style));
    out.push_str("\nNever allowed, for any service:\n");
    for activity in view.prohibited.iter() {
        out.push_str(&indented(&clean(activity), "  - ", "    ", style));
    }
    out.push('\n');
    out.push_str(&indented(&clean(&view.note), "note: ", "  ", style));
    push_sources(&mut out, &view.sources);
    out
}

/// Addresses on lines of their own, whole, so that they can be copied and clicked.
fn push_sources(out: &mut String, sources: &[Text]) {
    out.push_str("sources:\n");
    for source in sources {
        let _ = writeln!(out, "  {}", clean(source));
    }
}

/// `pentest SERVICE`.
pub fn pentest(answer: &PentestAnswer, style: &Style) -> String {
    let verdict = match &answer.scope {
        Some(scope) => format!(
            "permitted: you may test {} you own without asking AWS first",
            clean(scope)
        ),
        None => match &answer.untestable {
            Some(reason) => format!("never: {}", clean(reason)),
            None => "not listed: ask AWS for approval before testing it".to_string(),
        },
    };
    let label = match &answer.variant {
        Some(variant) => format!("{}:{}", answer.service, variant),
        None => answer.service.to_string(),
    };
    let mut out = paragraph(
        &format!("{} ({}): {verdict}", clean(&label), clean(&answer.name)),
        style,
    );
    out.push_str("never allowed:\n");
    for activity in answer.prohibited.iter() {
        out.push_str(&indented(&clean(activity), "  - ", "    ", style));
    }
    out.push_str(&paragraph(
        &format!(
            "policy: {} (list as of {})",
            clean(&answer.policy),
            clean(&answer.checked)
        ),
        style,
    ));
    out.push_str(&indented(&clean(&answer.note), "note: ", "  ", style));
    push_sources(&mut out, &answer.sources);
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
pub fn status(answer: &StatusAnswer, style: &Style) -> String {
    // Addresses stay on lines of their own, whole, so they can be copied and clicked.
    let mut out = format!(
        "The health of AWS services (cloudsrm prints addresses; it fetches nothing)\n\
         public status of every service in every Region:\n  {}\n\
         events that affect your account:\n  {}\n",
        clean(&answer.public_dashboard),
        clean(&answer.account_dashboard),
    );
    out.push_str(&indented(&clean(&answer.note), "note: ", "  ", style));
    push_sources(&mut out, &answer.sources);
    out
}

/// `diagram --format text`: the stack in the terminal, data at the top; coloured blocks
/// on a terminal, owner letters otherwise (and inside the blocks too, for colour-blind eyes).
/// When the columns, each as wide as its label, do not fit the width, they narrow to
/// their letters and the labels are set out as a staircase above them.
pub fn diagram(diagram: &crate::query::Diagram, style: &Style) -> String {
    let label_width = diagram.columns.first().map_or(0, |c| {
        c.cells
            .iter()
            .map(|cell| cell.layer_name.chars().count())
            .max()
            .unwrap_or(0)
    });
    let labels: Vec<String> = diagram.columns.iter().map(|c| clean(&c.label)).collect();
    let mut widths: Vec<usize> = labels.iter().map(|l| l.chars().count().max(10)).collect();
    let wide = label_width + widths.iter().map(|w| w + 2).sum::<usize>();
    let narrow = style.width.is_some_and(|w| wide > usize::from(w));
    // Narrow, each cell is its three characters and one space apart.
    let gap = if narrow { " " } else { "  " };
    let mut out = paragraph(&clean(&diagram.title), style);
    out.push('\n');
    if narrow {
        widths.iter_mut().for_each(|w| *w = 3);
        out.push_str(&staircase_ending(label_width + 2, 4, &labels).join("\n"));
    } else {
        out.push_str(&format!("{:label_width$}", ""));
        for (label, width) in labels.iter().zip(&widths) {
            out.push_str(&format!("  {label:^width$}"));
        }
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
                out.push_str(&format!("{gap}{paint}{letter:^width$}\u{1b}[0m"));
            } else {
                out.push_str(&format!("{gap}{:^width$}", format!("[{letter}]")));
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
    let mut grid = Grid::new()
        .column("service", Fit::Whole, Stack::Key(None))
        .column("layer", Fit::Whole, Stack::Line(None))
        .column("owner", Fit::Whole, Stack::Inline);
    for gap in gaps {
        grid.row(vec![
            Entry::text(clean(&target_label(&gap.service, gap.variant.as_deref()))),
            Entry::text(clean(&gap.layer)),
            Entry::owner(gap.owner.as_str(), OwnerAnswer::Owner(gap.owner)),
        ]);
    }
    format!("{}{} duties have no team\n", grid.render(style), gaps.len())
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

/// How many resources of a service `scan` lists in text before counting the rest.
const SCAN_RESOURCES_SHOWN: usize = 10;

/// `scan`: each service in use with its resources and its duties, then the types that map
/// to nothing, the ignored ones, the numbered sources and the summary.
pub fn scan(report: &crate::query::ScanReport, style: &Style) -> String {
    let mut out = String::new();
    let mut sources: Vec<&str> = Vec::new();
    for service in &report.services {
        let label = target_label(&service.service, service.variant.as_deref());
        out.push_str(&paragraph(
            &format!(
                "{} ({}): {}",
                clean(&label),
                clean(&service.name),
                super::count(service.resources.len(), "resource", "resources")
            ),
            style,
        ));
        push_resources(&mut out, &service.resources, style);
        if service.duties.is_empty() {
            out.push_str("  AWS carries every layer\n\n");
            continue;
        }
        let mut grid = Grid::new()
            .column("layer", Fit::Whole, Stack::Key(None))
            .column("owner", Fit::Whole, Stack::Key(None))
            .column("team", Fit::Whole, Stack::Key(Some("team")))
            .column("customer", Fit::Prose, Stack::Line(Some("customer")))
            .column("src", Fit::Whole, Stack::Key(Some("sources")));
        for duty in &service.duties {
            let customer = match &duty.variants {
                Some(variants) => variants
                    .iter()
                    .map(|v| format!("{} ({}): {}", v.variant, v.owner, v.customer))
                    .collect::<Vec<_>>()
                    .join("\n"),
                None => duty.customer.as_deref().unwrap_or_default().to_string(),
            };
            grid.row(vec![
                Entry::text(clean(&duty.layer)),
                Entry::owner(duty.owner.as_str(), duty.owner),
                Entry::text(duty.team.as_deref().map_or("(none)".to_string(), clean)),
                Entry::text(clean(&customer)),
                Entry::text(cite(&mut sources, &duty.sources)),
            ]);
        }
        out.push_str(&grid.render(style));
        out.push('\n');
    }
    if !report.unmapped.is_empty() {
        let _ = writeln!(
            out,
            "types cloudsrm does not know ({}):",
            super::count(report.summary.unmapped, "resource", "resources")
        );
        for group in &report.unmapped {
            let _ = writeln!(out, "{}:", clean(&group.resource_type.replace('\n', " ")));
            push_resources(&mut out, &group.resources, style);
        }
        out.push('\n');
    }
    if !report.ignored.is_empty() {
        let types: Vec<String> = report
            .ignored
            .iter()
            .map(|g| format!("{} ({})", clean(&g.resource_type), g.resources.len()))
            .collect();
        let line = format!(
            "ignored (other providers, custom resources, CDK metadata): {}",
            types.join(", ")
        );
        push_wrapped(&mut out, "", "  ", &line, style);
        out.push('\n');
    }
    if !sources.is_empty() {
        out.push_str("sources:\n");
        for (i, source) in sources.iter().enumerate() {
            let _ = writeln!(out, "  [{}] {}", i + 1, clean(source));
        }
    }
    push_wrapped(
        &mut out,
        "",
        "  ",
        &super::scan_summary(&report.summary),
        style,
    );
    if report.summary.gaps > 0 {
        let line = format!(
            "{} no team (name teams in a catalog overlay; see 'cloudsrm gaps --help')",
            super::count(report.summary.gaps, "duty has", "duties have")
        );
        push_wrapped(&mut out, "", "  ", &line, style);
    }
    out
}

/// `text` wrapped to the style's width: the first line after `first`, the rest after
/// `rest`.
fn push_wrapped(out: &mut String, first: &str, rest: &str, text: &str, style: &Style) {
    let width = usize::from(style.width.unwrap_or(u16::MAX)).max(40) - rest.len();
    for (i, line) in wrap(text, width).iter().enumerate() {
        let _ = writeln!(out, "{}{line}", if i == 0 { first } else { rest });
    }
}

/// The first resources of a list, one a line, and how many more there are.
fn push_resources(out: &mut String, resources: &[crate::query::ResourceRef], style: &Style) {
    // Names from the scanned files stay on their line, whatever they hold.
    let name = |text: &str| clean(&text.replace(['\r', '\n'], " "));
    for resource in resources.iter().take(SCAN_RESOURCES_SHOWN) {
        let line = match resource.line {
            Some(line) => format!(
                "{} ({}, {}:{line})",
                name(&resource.address),
                name(&resource.resource_type),
                name(&resource.file)
            ),
            None => name(&resource.address),
        };
        push_wrapped(out, "  ", "    ", &line, style);
    }
    if resources.len() > SCAN_RESOURCES_SHOWN {
        let _ = writeln!(
            out,
            "  ... and {} more (-o json lists every one)",
            resources.len() - SCAN_RESOURCES_SHOWN
        );
    }
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
