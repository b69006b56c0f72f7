//! Text tables that fit a width, with cells wrapped only between words, so that ids,
//! owners and addresses always print whole.
//!
//! A table is laid out in the first of three forms that fits: side by side (prose columns
//! wrap, the others keep their width); stacked (two columns: the row's key, then the
//! rest of its columns one under another), also chosen when it is much shorter than side
//! by side; and, narrower still, one block of lines per row. Widths count characters.
//! Owners keep their colour in every form.

use std::fmt::Write as _;

use super::text::{owner_colour, wrap};
use super::Style;
use crate::query::OwnerAnswer;

/// The fewest characters a column of prose gets when its text is longer than that:
/// narrower, it reads as a column of single words, and stacking reads better.
const MIN_PROSE: usize = 20;

/// How a column may be laid out side by side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fit {
    /// Never wrapped: ids, owners, numbers, single words.
    Whole,
    /// Wrapped between words.
    Prose,
}

/// Where a column goes when the table is stacked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stack {
    /// In the key cell, on a line of its own, after `label ` when there is one.
    Key(Option<&'static str>),
    /// In the detail cell, on a line of its own, after `label: ` when there is one.
    Line(Option<&'static str>),
    /// In the detail cell, appended to the line before, after a comma.
    Inline,
}

#[derive(Debug, Clone)]
struct Column {
    header: String,
    fit: Fit,
    stack: Stack,
}

/// One paragraph of a cell, coloured as an owner when it names one.
#[derive(Debug, Clone)]
pub(super) struct Entry {
    text: String,
    owner: Option<OwnerAnswer>,
}

impl Entry {
    pub(super) fn text(text: impl Into<String>) -> Self {
        Entry {
            text: text.into(),
            owner: None,
        }
    }

    /// Text painted in `owner`'s colour on a terminal.
    pub(super) fn owner(text: impl Into<String>, owner: OwnerAnswer) -> Self {
        Entry {
            text: text.into(),
            owner: Some(owner),
        }
    }
}

/// A table's content, before it is fitted to a width.
#[derive(Debug, Clone, Default)]
pub(super) struct Grid {
    columns: Vec<Column>,
    /// Each row holds one cell per column; a cell is one or more paragraphs.
    rows: Vec<Vec<Vec<Entry>>>,
}

impl Grid {
    pub(super) fn new() -> Self {
        Grid::default()
    }

    pub(super) fn column(mut self, header: impl Into<String>, fit: Fit, stack: Stack) -> Self {
        self.columns.push(Column {
            header: header.into(),
            fit,
            stack,
        });
        self
    }

    /// Adds a row with one entry per column.
    pub(super) fn row(&mut self, cells: Vec<Entry>) {
        self.rows.push(cells.into_iter().map(|e| vec![e]).collect());
    }

    /// The table in the first form that fits `style.width` (side by side when there is
    /// no width), ending in a newline.
    pub(super) fn render(&self, style: &Style) -> String {
        let Some(width) = style.width.map(usize::from) else {
            let widths = self.natural_widths();
            return self.draw(&widths, style);
        };
        let stacked = self.stacked();
        match (self.fitted_widths(width), stacked.fitted_widths(width)) {
            // Side by side reads best, unless its prose columns are so narrow that
            // stacking would save a quarter of the lines.
            (Some(side), Some(stack)) if stacked.height(&stack) * 4 < self.height(&side) * 3 => {
                stacked.draw(&stack, style)
            }
            (Some(side), _) => self.draw(&side, style),
            (None, Some(stack)) => stacked.draw(&stack, style),
            (None, None) => self.blocks(width, style),
        }
    }

    /// Whether the columns fit side by side in `width` characters.
    pub(super) fn fits(&self, width: Option<u16>) -> bool {
        width.is_none_or(|w| self.fitted_widths(usize::from(w)).is_some())
    }

    /// Each column's width unwrapped: its longest line, header included.
    fn natural_widths(&self) -> Vec<usize> {
        self.columns
            .iter()
            .enumerate()
            .map(|(j, column)| {
                self.cells(j)
                    .flat_map(|entry| entry.text.lines())
                    .map(|line| line.chars().count())
                    .chain([column.header.chars().count()])
                    .max()
                    .unwrap_or(0)
            })
            .collect()
    }

    /// Every paragraph of column `j`.
    fn cells(&self, j: usize) -> impl Iterator<Item = &Entry> + '_ {
        self.rows.iter().flat_map(move |row| row[j].iter())
    }

    /// Column widths that fit `width` with every word whole, or `None` when even the
    /// narrowest such columns do not.
    fn fitted_widths(&self, width: usize) -> Option<Vec<usize>> {
        let count = self.columns.len();
        let room = width.checked_sub(3 * count + 1)?;
        let natural = self.natural_widths();
        let least: Vec<usize> = self
            .columns
            .iter()
            .enumerate()
            .map(|(j, column)| match column.fit {
                Fit::Whole => natural[j],
                Fit::Prose => self
                    .cells(j)
                    .map(|e| longest_word(&e.text))
                    .chain([longest_word(&column.header), natural[j].min(MIN_PROSE)])
                    .max()
                    .unwrap_or(0),
            })
            .collect();
        if natural.iter().sum::<usize>() <= room {
            return Some(natural);
        }
        if least.iter().sum::<usize>() > room {
            return None;
        }
        // The spare room goes, a character at a time, to the column with the least width
        // for its amount of text, so that long texts wrap to about the same height.
        let weight: Vec<usize> = (0..count)
            .map(|j| {
                self.cells(j)
                    .map(|e| e.text.chars().count())
                    .sum::<usize>()
                    .max(1)
            })
            .collect();
        let mut widths = least;
        let mut spare = room - widths.iter().sum::<usize>();
        while spare > 0 {
            let Some(j) = (0..count)
                .filter(|&j| widths[j] < natural[j])
                .min_by(|&a, &b| (widths[a] * weight[b]).cmp(&(widths[b] * weight[a])))
            else {
                break;
            };
            widths[j] += 1;
            spare -= 1;
        }
        Some(widths)
    }

    /// Two columns: the key columns in the first cell, the others in the second.
    fn stacked(&self) -> Grid {
        let is_key = |c: &Column| matches!(c.stack, Stack::Key(_));
        let key: Vec<&str> = self
            .columns
            .iter()
            .filter(|c| is_key(c))
            .map(|c| c.header.as_str())
            .collect();
        let rest: Vec<&str> = self
            .columns
            .iter()
            .filter(|c| !is_key(c))
            .map(|c| c.header.as_str())
            .collect();
        let mut grid = Grid::new()
            .column(key.join(" / "), Fit::Whole, Stack::Key(None))
            .column(rest.join(", "), Fit::Prose, Stack::Line(None));
        for row in &self.rows {
            let (keys, details) = self.split_row(row);
            grid.rows.push(vec![keys, details]);
        }
        grid
    }

    /// A row's key paragraphs and detail paragraphs, labelled and joined as stacked.
    fn split_row(&self, row: &[Vec<Entry>]) -> (Vec<Entry>, Vec<Entry>) {
        let mut keys = Vec::new();
        let mut details: Vec<Entry> = Vec::new();
        for (column, cell) in self.columns.iter().zip(row) {
            for entry in cell.iter().filter(|e| !e.text.is_empty()) {
                let labelled = |label: Option<&str>, sep: &str| Entry {
                    text: match label {
                        Some(label) => format!("{label}{sep}{}", entry.text),
                        None => entry.text.clone(),
                    },
                    owner: entry.owner,
                };
                match column.stack {
                    Stack::Key(label) => keys.push(labelled(label, " ")),
                    Stack::Line(label) => details.push(labelled(label, ": ")),
                    Stack::Inline => match details.last_mut() {
                        Some(last) => {
                            last.text.push_str(", ");
                            last.text.push_str(&entry.text);
                        }
                        None => details.push(entry.clone()),
                    },
                }
            }
        }
        (keys, details)
    }

    /// One block per row: the key on one line (or one per key when that is too wide),
    /// the details below it, indented and wrapped.
    fn blocks(&self, width: usize, style: &Style) -> String {
        let mut out = String::new();
        for row in &self.rows {
            let (keys, details) = self.split_row(row);
            let one_line: usize = keys.iter().map(|k| k.text.chars().count() + 2).sum();
            if one_line <= width + 2 {
                let spans: Vec<String> = keys.iter().map(|k| paint(k, &k.text, style)).collect();
                out.push_str(spans.join("  ").trim_end());
                out.push('\n');
            } else {
                for key in &keys {
                    for line in wrap(&key.text, width) {
                        let _ = writeln!(out, "{}", paint(key, &line, style));
                    }
                }
            }
            for detail in &details {
                for line in wrap(&detail.text, width.saturating_sub(2).max(1)) {
                    let _ = writeln!(out, "  {}", paint(detail, &line, style));
                }
            }
        }
        out
    }

    /// How many lines the rows take at these widths.
    fn height(&self, widths: &[usize]) -> usize {
        self.rows
            .iter()
            .map(|row| {
                row.iter()
                    .zip(widths)
                    .map(|(cell, &w)| cell.iter().map(|e| wrap(&e.text, w).len()).sum::<usize>())
                    .max()
                    .unwrap_or(1)
            })
            .sum()
    }

    /// Draws the table with box-drawing borders, each column `widths[j]` wide.
    fn draw(&self, widths: &[usize], style: &Style) -> String {
        let rule = |left: &str, fill: &str, middle: &str, right: &str| {
            let parts: Vec<String> = widths.iter().map(|w| fill.repeat(w + 2)).collect();
            format!("{left}{}{right}\n", parts.join(middle))
        };
        let mut out = rule("┌", "─", "┬", "┐");
        let header: Vec<Vec<Entry>> = self
            .columns
            .iter()
            .map(|c| vec![Entry::text(c.header.clone())])
            .collect();
        push_row(&mut out, &header, widths, style);
        out.push_str(&rule("╞", "═", "╪", "╡"));
        for row in &self.rows {
            push_row(&mut out, row, widths, style);
        }
        out.push_str(&rule("└", "─", "┴", "┘"));
        out
    }
}

/// One table row, as many lines high as its tallest cell.
fn push_row(out: &mut String, cells: &[Vec<Entry>], widths: &[usize], style: &Style) {
    let lines: Vec<Vec<(String, &Entry)>> = cells
        .iter()
        .zip(widths)
        .map(|(cell, &width)| {
            cell.iter()
                .flat_map(|entry| {
                    wrap(&entry.text, width)
                        .into_iter()
                        .map(move |line| (line, entry))
                })
                .collect()
        })
        .collect();
    let height = lines.iter().map(Vec::len).max().unwrap_or(0).max(1);
    for i in 0..height {
        out.push('│');
        for (j, (cell, &width)) in lines.iter().zip(widths).enumerate() {
            out.push_str(if j == 0 { " " } else { " ┆ " });
            match cell.get(i) {
                Some((line, entry)) => {
                    let pad = width.saturating_sub(line.chars().count());
                    let _ = write!(out, "{}{:pad$}", paint(entry, line, style), "");
                }
                None => {
                    let _ = write!(out, "{:width$}", "");
                }
            }
        }
        out.push_str(" │\n");
    }
}

/// `line` of `entry`, coloured when colour is on and the entry names an owner.
fn paint(entry: &Entry, line: &str, style: &Style) -> String {
    match entry.owner {
        Some(owner) if style.color && !line.is_empty() => {
            format!("{}{line}\u{1b}[0m", owner_colour(owner))
        }
        _ => line.to_string(),
    }
}

fn longest_word(text: &str) -> usize {
    text.split_whitespace()
        .map(|w| w.chars().count())
        .max()
        .unwrap_or(0)
}

/// Column names set out as a staircase above narrow columns: one line per name, each
/// name starting over its column, with a rule down from every name above it, so that
/// long names stay whole and readable however narrow the columns are. `corner` goes at
/// the start of the last line; column `i` is at character `left + pitch * i`.
pub(super) fn staircase(corner: &str, left: usize, pitch: usize, names: &[String]) -> Vec<String> {
    let mut lines = Vec::with_capacity(names.len());
    for (row, name) in names.iter().enumerate() {
        let mut line = if row + 1 == names.len() {
            format!("{corner:left$}")
        } else {
            " ".repeat(left)
        };
        for _ in 0..row {
            let _ = write!(line, "{:<pitch$}", "│");
        }
        line.push_str(name);
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// Like [`staircase`], but each name ends over its column and the last column's name comes
/// first, so the names reach left over the row labels instead of past the last column.
pub(super) fn staircase_ending(left: usize, pitch: usize, names: &[String]) -> Vec<String> {
    let x = |i: usize| left + pitch * i;
    let mut lines = Vec::with_capacity(names.len());
    for (row, name) in names.iter().enumerate().rev() {
        let len = name.chars().count();
        let mut line: Vec<char> = vec![' '; x(names.len().saturating_sub(1)) + 1];
        for j in row + 1..names.len() {
            line[x(j)] = '│';
        }
        let start = (x(row) + 1).saturating_sub(len);
        for (k, c) in name.chars().enumerate() {
            match line.get_mut(start + k) {
                Some(slot) => *slot = c,
                None => line.push(c),
            }
        }
        lines.push(line.into_iter().collect::<String>().trim_end().to_string());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAIN: Style = Style {
        color: false,
        width: Some(40),
        terminal: false,
    };

    fn grid() -> Grid {
        let mut grid = Grid::new()
            .column("id", Fit::Whole, Stack::Key(None))
            .column("text", Fit::Prose, Stack::Line(Some("text")));
        grid.row(vec![
            Entry::text("network-infrastructure"),
            Entry::text("a few words that must wrap between words and never inside one"),
        ]);
        grid
    }

    fn widest(text: &str) -> usize {
        text.lines().map(|l| l.chars().count()).max().unwrap()
    }

    #[test]
    fn side_by_side_when_it_fits() {
        let text = grid().render(&Style {
            width: Some(60),
            ..PLAIN
        });
        assert!(text.starts_with('┌'), "{text}");
        assert!(widest(&text) <= 60, "{text}");
        assert!(text.contains("network-infrastructure"));
    }

    #[test]
    fn stacked_then_blocks_when_narrower() {
        let stacked = grid().render(&PLAIN);
        assert!(widest(&stacked) <= 40, "{stacked}");
        assert!(stacked.contains("text: a few"), "{stacked}");
        let blocks = grid().render(&Style {
            width: Some(26),
            ..PLAIN
        });
        assert!(!blocks.contains('│'), "{blocks}");
        assert!(widest(&blocks) <= 26, "{blocks}");
        assert!(
            blocks.starts_with("network-infrastructure\n  text:"),
            "{blocks}"
        );
    }

    #[test]
    fn a_staircase_keeps_every_name_whole() {
        let names = ["phys", "hw", "net"].map(String::from);
        assert_eq!(
            staircase("service", 8, 2, &names),
            ["        phys", "        │ hw", "service │ │ net"]
        );
        let names = ["ec2", "ecs:fargate"].map(String::from);
        assert_eq!(
            staircase_ending(12, 5, &names),
            ["       ecs:fargate", "          ec2    │"]
        );
    }
}
