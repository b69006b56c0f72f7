//! Text from files and arguments that a user was handed must not drive the terminal or
//! the CI system that shows it. These filters are applied where text leaves the program.

use std::borrow::Cow;

/// `text` with control characters (other than newlines) and Unicode line and paragraph
/// separators replaced by U+FFFD; borrowed when there are none, which is nearly always.
pub fn neutral(text: &str) -> Cow<'_, str> {
    let is_bad = |c: char| (c.is_control() && c != '\n') || c == '\u{2028}' || c == '\u{2029}';
    if !text.contains(is_bad) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if is_bad(c) { '\u{fffd}' } else { c })
            .collect(),
    )
}

/// `text` on one line: `neutral`, and line breaks replaced too. For names quoted inside a
/// line (a file name, an argument), where a line break would forge a second line.
pub fn one_line(text: &str) -> Cow<'_, str> {
    if !text.contains(['\n', '\r']) {
        return neutral(text);
    }
    Cow::Owned(neutral(&text.replace(['\n', '\r'], "\u{fffd}")).into_owned())
}

/// `text` with no line that a GitHub Actions runner would take as a workflow command: a
/// line whose first non-blank characters are `::` gets them written `: :`.
pub fn no_workflow_commands(text: &str) -> Cow<'_, str> {
    let starts_command = |line: &str| line.trim_start().starts_with("::");
    if !text.lines().any(starts_command) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for line in text.split_inclusive('\n') {
        if starts_command(line) {
            let indent = line.len() - line.trim_start().len();
            out.push_str(&line[..indent]);
            out.push_str(": :");
            out.push_str(&line[indent + 2..]);
        } else {
            out.push_str(line);
        }
    }
    Cow::Owned(out)
}

/// At most `max` characters of `text`, saying how many more there were.
pub fn capped(text: &str, max: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => Cow::Borrowed(text),
        Some((cut, _)) => {
            let rest = text[cut..].chars().count();
            Cow::Owned(format!("{}… ({rest} more characters)", &text[..cut]))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_and_separators_are_replaced() {
        assert_eq!(
            neutral("a\u{1b}]0;x\u{7}b\u{2028}c\nd"),
            "a\u{fffd}]0;x\u{fffd}b\u{fffd}c\nd"
        );
        assert!(matches!(neutral("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn workflow_commands_are_broken() {
        assert_eq!(
            no_workflow_commands("ok\n  ::error::x\n::set-output name=a::b"),
            "ok\n  : :error::x\n: :set-output name=a::b"
        );
        assert_eq!(no_workflow_commands("a::b"), "a::b");
    }

    #[test]
    fn long_text_is_capped() {
        assert_eq!(capped("abcdef", 3), "abc… (3 more characters)");
        assert_eq!(capped("abc", 3), "abc");
    }
}
