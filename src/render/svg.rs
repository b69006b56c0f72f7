//! `diagram --format svg`: the responsibility stack as a self-contained SVG picture, one
//! column per service, physical security at the bottom and data at the top.

use std::fmt::Write as _;

use crate::catalog::Owner;
use crate::query::{Diagram, DiagramCell};

const MARGIN: u32 = 24;
const TITLE_HEIGHT: u32 = 40;
const HEADER_HEIGHT: u32 = 44;
const LABEL_WIDTH: u32 = 190;
/// The narrowest column; a column is wider when its heading needs it.
const COLUMN_WIDTH: u32 = 150;
/// Room a column keeps on each side of its heading, so that neighbours never touch.
const HEADING_MARGIN: u32 = 8;
/// Widths, in pixels, of a character of the column headings: 14px bold and 10px regular
/// text average about 0.6 em in the fonts the style names; these round up, so that the
/// estimate errs towards room to spare.
const HEADING_CHAR_WIDTH: u32 = 9;
const NAME_CHAR_WIDTH: u32 = 6;
const COLUMN_GAP: u32 = 8;
const CELL_HEIGHT: u32 = 26;
const CELL_GAP: u32 = 2;
const LEGEND_HEIGHT: u32 = 48;

/// Colours chosen so that the label inside each cell keeps a readable contrast.
const STYLE: &str = "
    text { font-family: system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; fill: #1f2933; }
    .title { font-size: 18px; font-weight: 600; }
    .column-label { font-size: 14px; font-weight: 600; }
    .column-name { font-size: 10px; fill: #52606d; }
    .layer-name { font-size: 12px; }
    .cell text, .legend text.swatch-label { font-size: 12px; font-weight: 600; }
    .owner-aws rect { fill: #f5a623; }
    .owner-aws text { fill: #1f2933; }
    .owner-customer rect { fill: #1d5fa8; }
    .owner-customer text { fill: #ffffff; }
    .owner-shared rect { fill: #7b3fa0; }
    .owner-shared text { fill: #ffffff; }
    .legend text { font-size: 12px; }
";

/// The picture. Each column is as wide as its heading (the service or variant label) needs
/// at `HEADING_CHAR_WIDTH` pixels a character, and at least `COLUMN_WIDTH`, so that no two
/// headings overlap however long the ids.
pub fn diagram(diagram: &Diagram) -> String {
    let layers = diagram.columns.first().map_or(0, |c| c.cells.len()) as u32;
    let legend_width: u32 = LEGEND.iter().map(|(_, text)| legend_item_width(text)).sum();
    let widths: Vec<u32> = diagram
        .columns
        .iter()
        .map(|c| {
            (c.label.chars().count() as u32 * HEADING_CHAR_WIDTH + 2 * HEADING_MARGIN)
                .max(COLUMN_WIDTH)
        })
        .collect();
    let mut lefts = Vec::with_capacity(widths.len());
    let mut x = MARGIN + LABEL_WIDTH;
    for width in &widths {
        lefts.push(x);
        x += width + COLUMN_GAP;
    }
    let gaps = (widths.len() as u32).saturating_sub(1) * COLUMN_GAP;
    let stack_width = LABEL_WIDTH + widths.iter().sum::<u32>() + gaps;
    let width = MARGIN * 2 + stack_width.max(legend_width);
    let stack_top = MARGIN + TITLE_HEIGHT + HEADER_HEIGHT;
    let stack_height = layers * (CELL_HEIGHT + CELL_GAP);
    let height = stack_top + stack_height + LEGEND_HEIGHT + MARGIN;

    let mut out = String::new();
    let labels: Vec<&str> = diagram.columns.iter().map(|c| c.label.as_str()).collect();
    let description = format!(
        "For each of {}: the seventeen responsibility layers from physical security at the bottom to data at the top, each marked AWS, shared or customer.",
        labels.join(", ")
    );
    writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"diagram-title diagram-desc\">"
    )
    .unwrap();
    writeln!(
        out,
        "  <title id=\"diagram-title\">{}</title>",
        xml(&diagram.title)
    )
    .unwrap();
    writeln!(
        out,
        "  <desc id=\"diagram-desc\">{}</desc>",
        xml(&description)
    )
    .unwrap();
    writeln!(out, "  <style>{STYLE}  </style>").unwrap();
    writeln!(
        out,
        "  <rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>"
    )
    .unwrap();
    writeln!(
        out,
        "  <text class=\"title\" x=\"{MARGIN}\" y=\"{}\">{}</text>",
        MARGIN + 20,
        xml(&diagram.title)
    )
    .unwrap();

    // Layer names down the left, top of the stack first.
    if let Some(first) = diagram.columns.first() {
        for (row, cell) in first.cells.iter().rev().enumerate() {
            let y = stack_top + row as u32 * (CELL_HEIGHT + CELL_GAP) + CELL_HEIGHT / 2 + 4;
            writeln!(
                out,
                "  <text class=\"layer-name\" x=\"{}\" y=\"{y}\" text-anchor=\"end\">{}</text>",
                MARGIN + LABEL_WIDTH - 10,
                xml(&cell.layer_name)
            )
            .unwrap();
        }
    }

    for ((column, &x), &column_width) in diagram.columns.iter().zip(&lefts).zip(&widths) {
        let center = x + column_width / 2;
        // The full name, cut to what fits under the heading.
        let name_room = ((column_width - 2 * HEADING_MARGIN) / NAME_CHAR_WIDTH) as usize;
        writeln!(
            out,
            "  <g class=\"column\" data-service=\"{}\">",
            xml(&column.label)
        )
        .unwrap();
        writeln!(
            out,
            "    <text class=\"column-label\" x=\"{center}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            MARGIN + TITLE_HEIGHT + 16,
            xml(&column.label)
        )
        .unwrap();
        writeln!(
            out,
            "    <text class=\"column-name\" x=\"{center}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            MARGIN + TITLE_HEIGHT + 32,
            xml(&shorten(&column.name, name_room))
        )
        .unwrap();
        for (row, cell) in column.cells.iter().rev().enumerate() {
            let y = stack_top + row as u32 * (CELL_HEIGHT + CELL_GAP);
            push_cell(&mut out, cell, x, y, column_width);
        }
        writeln!(out, "  </g>").unwrap();
    }

    let legend_y = stack_top + stack_height + 16;
    writeln!(out, "  <g class=\"legend\">").unwrap();
    let mut x = MARGIN;
    for (owner, text) in LEGEND {
        writeln!(
            out,
            "    <g class=\"owner-{}\"><rect x=\"{x}\" y=\"{legend_y}\" width=\"18\" height=\"18\" rx=\"3\"/></g>",
            owner.as_str()
        )
        .unwrap();
        writeln!(
            out,
            "    <text x=\"{}\" y=\"{}\">{text}</text>",
            x + 24,
            legend_y + 14
        )
        .unwrap();
        x += legend_item_width(text);
    }
    writeln!(out, "  </g>").unwrap();
    out.push_str("</svg>\n");
    out
}

const LEGEND: [(Owner, &str); 3] = [
    (Owner::Aws, "AWS owns it"),
    (Owner::Shared, "Shared: both have duties"),
    (Owner::Customer, "The customer owns it"),
];

/// A legend entry's width: swatch, gap, text at about 7 pixels a character, gap.
fn legend_item_width(text: &str) -> u32 {
    24 + text.len() as u32 * 7 + 24
}

fn push_cell(out: &mut String, cell: &DiagramCell, x: u32, y: u32, width: u32) {
    let owner = cell.owner.as_str();
    let word = match cell.owner {
        Owner::Aws => "AWS",
        Owner::Customer => "Customer",
        Owner::Shared => "Shared",
    };
    // Hovering a cell tells what each side does; for shared cells that is the point.
    let hover = format!(
        "{}: {}\nAWS: {}\nCustomer: {}",
        cell.layer_name, owner, cell.aws, cell.customer
    );
    writeln!(
        out,
        "    <g class=\"cell owner-{owner}\" data-layer=\"{}\" data-owner=\"{owner}\">",
        xml(&cell.layer)
    )
    .unwrap();
    writeln!(out, "      <title>{}</title>", xml(&hover)).unwrap();
    writeln!(
        out,
        "      <rect x=\"{x}\" y=\"{y}\" width=\"{width}\" height=\"{CELL_HEIGHT}\" rx=\"3\"/>"
    )
    .unwrap();
    writeln!(
        out,
        "      <text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{word}</text>",
        x + width / 2,
        y + CELL_HEIGHT / 2 + 4
    )
    .unwrap();
    writeln!(out, "    </g>").unwrap();
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// Escapes text for XML content and attribute values, and drops characters XML forbids.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\t' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}
