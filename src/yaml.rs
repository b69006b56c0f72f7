//! Every YAML call in the program goes through this module, so the YAML crate can be
//! swapped by editing one file.
//!
//! We read with serde-saphyr rather than serde_yaml: it reports the line and column of any
//! value we ask for (`Spanned`), rejects duplicate keys, and bounds alias expansion and
//! nesting, which a tool reading other people's files needs.

use serde::de::DeserializeOwned;
use serde::Serialize;

/// A value read from YAML with the 1-based line and column where it is written. The
/// program's own type, so that the YAML crate stays behind this module.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Spanned<T> {
    pub value: T,
    line: u64,
    column: u64,
}

impl<T> Spanned<T> {
    pub fn line(&self) -> u64 {
        self.line
    }

    pub fn column(&self) -> u64 {
        self.column
    }
}

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Spanned<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let read = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        Ok(Spanned {
            line: read.referenced.line(),
            column: read.referenced.column(),
            value: read.value,
        })
    }
}

/// A YAML document that could not be turned into the expected shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub message: String,
    pub line: u64,
    pub column: u64,
}

/// Parses one YAML document into `T`, reporting the first problem as a one-line message
/// with its position (1-based; 0 when the parser could not tell).
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    parse_within(text, MAX_NODES)
}

/// `parse`, with at most `max_nodes` YAML nodes.
fn parse_within<T: DeserializeOwned>(text: &str, max_nodes: usize) -> Result<T, YamlError> {
    let options = serde_saphyr::options! {
        with_snippet: false,
        budget: serde_saphyr::budget! {
            max_nodes: max_nodes,
            max_events: max_nodes * 2,
            max_total_scalar_bytes: crate::files::MAX_INPUT_BYTES as usize,
        },
    };
    serde_saphyr::from_str_with_options(text, options).map_err(|err| {
        let (line, column) = err
            .location()
            .map(|loc| (loc.line(), loc.column()))
            .unwrap_or((0, 0));
        let message = match &err {
            serde_saphyr::Error::Budget { breach, .. } => over_budget(breach, max_nodes),
            _ => one_line(&err.to_string()),
        };
        YamlError {
            message,
            line,
            column,
        }
    })
}

/// The most YAML nodes (mappings, sequences and scalars) one file may hold: about
/// 1,000,000 assumptions or 10,000 services, with room to spare. Aliases, nesting and
/// documents keep the parser's own limits, which stop expansion attacks.
pub const MAX_NODES: usize = 30_000_000;

/// A limit of the YAML reader, said in plain words with what to do.
fn over_budget(breach: &serde_saphyr::budget::BudgetBreach, max_nodes: usize) -> String {
    use serde_saphyr::budget::BudgetBreach as B;
    let (what, limit) = match breach {
        B::Nodes { .. } => ("YAML nodes", max_nodes.to_string()),
        B::Events { .. } => ("YAML events", (max_nodes * 2).to_string()),
        B::Depth { .. } => ("levels of nesting", "64".to_string()),
        B::Aliases { .. } | B::Anchors { .. } => ("aliases or anchors", "50,000".to_string()),
        B::Documents { .. } => ("YAML documents", "1,024".to_string()),
        _ => ("of what the YAML reader allows", "its limit".to_string()),
    };
    format!("the file holds more {what} than cloudsrm reads (limit {limit}); split it into several files")
}

/// Renders a value as a YAML document.
pub fn to_string<T: Serialize>(value: &T) -> Result<String, String> {
    serde_saphyr::to_string(value).map_err(|err| one_line(&err.to_string()))
}

/// The parser's messages may span lines and repeat the position; we print our own
/// `file:line:column: ` prefix, so keep only the first line without a trailing location.
fn one_line(message: &str) -> String {
    let first = message.lines().next().unwrap_or("invalid YAML").trim();
    let cleaned = match first.rfind(" at line ") {
        Some(idx) => &first[..idx],
        None => first,
    };
    let cleaned = match cleaned.find(", set DuplicateKeyPolicy") {
        Some(idx) => &cleaned[..idx],
        None => cleaned,
    };
    if cleaned.starts_with("multiple YAML documents") {
        return "the file holds more than one YAML document; it must hold one".to_string();
    }
    // serde calls enum members "variants"; in this tool a variant is something else.
    cleaned
        .trim_end_matches(['.', ':'])
        .replace("unknown variant", "unknown value")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_limit_is_named_in_plain_words() {
        let list = format!("[{}]", vec!["1"; 50].join(", "));
        let err = parse_within::<Vec<u32>>(&list, 10).unwrap_err();
        assert!(err.message.contains("YAML nodes"), "{}", err.message);
        assert!(err.message.contains("limit 10"), "{}", err.message);
        assert!(err.message.contains("split it"), "{}", err.message);
        assert!(!err.message.contains("budget"), "{}", err.message);
        assert_eq!(parse_within::<Vec<u32>>(&list, 100).unwrap().len(), 50);
    }
}
