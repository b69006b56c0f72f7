//! A fast reader for assumptions files written in the plain shape the README shows:
//!
//! ```yaml
//! assumptions:
//!   - service: rds
//!     layer: os-patching
//!     owner: aws
//!     why: We rely on RDS maintenance windows.
//! ```
//!
//! Full YAML parsing costs tens of thousands of instructions per entry; CI checks files
//! of thousands of entries on every run. This reader accepts only a strict subset whose
//! meaning is beyond doubt (block style, plain scalars of safe characters, no tabs, no
//! anchors, no quotes, no comments after values) and returns `None` for anything else, which
//! then goes to the full parser. A test checks that both agree on everything this accepts.

use super::file::{Entry, Field};

/// The entries of `text`, or `None` when it is not in the plain shape.
pub fn parse(text: &str) -> Option<Vec<Entry>> {
    // YAML refuses some characters anywhere, even in comments; rather than list them,
    // leave anything beyond printable ASCII to the full parser.
    if !text
        .bytes()
        .all(|b| b == b'\n' || (b' '..=b'~').contains(&b))
    {
        return None;
    }
    let mut lines = text
        .split('\n')
        .enumerate()
        .map(|(i, line)| (i as u64 + 1, line));
    // Up to the `assumptions:` line, only comments and blank lines.
    loop {
        let (_, line) = lines.next()?;
        if is_blank_or_comment(line) {
            continue;
        }
        if line.trim_end_matches(' ') != "assumptions:" {
            return None;
        }
        break;
    }

    let mut entries = Vec::new();
    let mut current: Option<Partial> = None;
    let mut dash_indent: Option<usize> = None;
    for (number, line) in lines {
        if is_blank_or_comment(line) {
            continue;
        }
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[indent..];
        let (key_indent, key_line) = if let Some(after) = rest.strip_prefix("- ") {
            // A new entry; every dash must sit at the same indentation.
            if *dash_indent.get_or_insert(indent) != indent {
                return None;
            }
            if let Some(previous) = current.take() {
                entries.push(previous.finish()?);
            }
            current = Some(Partial::default());
            (indent + 2, after)
        } else {
            (indent, rest)
        };
        let dash = dash_indent?;
        if key_indent != dash + 2 {
            return None;
        }
        let (key, value) = key_line.split_once(": ")?;
        let column = (key_indent + key.len() + 2) as u64 + 1;
        let value = value.trim_end_matches(' ');
        let field = Field {
            value: value.to_string(),
            line: number,
            column,
        };
        let entry = current.as_mut()?;
        let slot = match key {
            "service" if is_name(value) => &mut entry.service,
            "layer" if is_name(value) => &mut entry.layer,
            "owner" if is_name(value) => &mut entry.owner,
            "why" if is_prose(value) => &mut entry.why,
            _ => return None,
        };
        if slot.replace(field).is_some() {
            return None; // a duplicate key: the full parser says so
        }
    }
    if let Some(last) = current {
        entries.push(last.finish()?);
    }
    // An empty list needs `assumptions: []`, which is not this shape.
    (!entries.is_empty()).then_some(entries)
}

#[derive(Default)]
struct Partial {
    service: Option<Field>,
    layer: Option<Field>,
    owner: Option<Field>,
    why: Option<Field>,
}

impl Partial {
    /// `None` (use the full parser) when a required key is missing.
    fn finish(self) -> Option<Entry> {
        Some(Entry {
            service: self.service?,
            layer: self.layer?,
            owner: self.owner?,
            why: self.why.map(|f| f.value),
        })
    }
}

fn is_blank_or_comment(line: &str) -> bool {
    let trimmed = line.trim_start_matches(' ');
    trimmed.is_empty() || trimmed.starts_with('#')
}

/// Names such as `rds`, `ecs:fargate`, `os-patching`, `aws`: letters, digits and `-_:`,
/// starting with a letter, and not a word YAML would read as something other than text.
fn is_name(value: &str) -> bool {
    value.starts_with(|c: char| c.is_ascii_alphabetic())
        && !value.ends_with(':')
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':'))
        && !value.contains("::")
        && !is_special_word(value)
}

/// Prose for `why`: starts with a letter, no character that could start YAML syntax
/// (comments, flow collections, anchors, quotes), and no `: ` inside.
fn is_prose(value: &str) -> bool {
    value.starts_with(|c: char| c.is_ascii_alphabetic())
        && !value.ends_with(':')
        && !value.contains(": ")
        && !value.contains(" #")
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " .,;()/'-_+=%$@?!:".contains(c))
        && !is_special_word(value)
}

/// Words the YAML core schema reads as booleans or null rather than text.
fn is_special_word(value: &str) -> bool {
    const WORDS: [&str; 11] = [
        "true", "false", "yes", "no", "on", "off", "null", "y", "n", "nan", "inf",
    ];
    value.len() <= 5 && WORDS.iter().any(|w| w.eq_ignore_ascii_case(value))
}

#[cfg(test)]
mod tests {
    use super::parse;
    use crate::check::file::parse_entries_slowly;

    const PLAIN: &str = "# ours\nassumptions:\n  - service: rds\n    layer: os-patching\n    owner: aws\n    why: We rely on RDS maintenance windows (weekly).\n\n  - service: ecs:fargate\n    layer: guest-os\n    owner: aws\n";

    #[test]
    fn reads_the_plain_shape_like_the_full_parser() {
        let fast = parse(PLAIN).expect("plain shape");
        assert_eq!(fast.len(), 2);
        assert_eq!(Some(fast), parse_entries_slowly(PLAIN));
        let at_column_zero = "assumptions:\n- service: s3\n  layer: data\n  owner: customer\n";
        assert_eq!(parse(at_column_zero), parse_entries_slowly(at_column_zero));
        assert!(parse(at_column_zero).is_some());
    }

    #[test]
    fn leaves_everything_else_to_the_full_parser() {
        for text in [
            "assumptions: []\n",
            "assumptions:\n  - service: \"rds\"\n    layer: os\n    owner: aws\n",
            "assumptions:\n  - service: rds\n    layer: os\n    owner: aws # comment\n",
            "assumptions:\n  - service: rds\n    layer: os\n    owner: yes\n",
            "assumptions:\n  - service: rds\n    layer: os\n    owner: 7\n",
            "assumptions:\n  - service: rds\n    layer: os\n",
            "assumptions:\n  - service: rds\n    service: s3\n    layer: os\n    owner: aws\n",
            "assumptions:\n  - service: rds\n    layer: os\n    owner: aws\n    colour: blue\n",
            "assumptions:\n  - service: rds\n\tlayer: os\n    owner: aws\n",
            "assumptions:\n  - service: rds\r\n    layer: os\r\n    owner: aws\r\n",
            "assumptions:\n  - service: &a rds\n    layer: os\n    owner: aws\n",
            "assumptions:\n  - {service: rds, layer: os, owner: aws}\n",
            "assumptions:\n  - service: rds\n    layer: os\n    owner: aws\n    why: a: b\n",
            "assumptions:\n  - service: rds\n    layer: os\n    owner: aws\n      why: deeper\n",
            "assumptions:\n  - service: rds\n    layer: os\n    owner: aws\n   - service: s3\n     layer: os\n     owner: aws\n",
            "other: 1\nassumptions:\n  - service: rds\n    layer: os\n    owner: aws\n",
            "\u{feff}assumptions:\n  - service: rds\n    layer: os\n    owner: aws\n",
            "# a\0comment\nassumptions:\n  - service: rds\n    layer: os\n    owner: aws\n",
            "# café\nassumptions:\n  - service: rds\n    layer: os\n    owner: aws\n",
        ] {
            assert_eq!(parse(text), None, "{text:?}");
        }
    }
}
