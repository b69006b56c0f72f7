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

/// A YAML node read without a target type, for documents whose shape is not ours to fix
/// (CloudFormation templates). Unlike a plain YAML reader, it keeps application tags:
/// `!Ref Name` is `Tagged("!Ref", String("Name"))`, never the string `Name`.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// A number as written (`3`, `0.5`).
    Number(String),
    String(String),
    List(Vec<Value>),
    /// Entries in document order, each key with the position where it is written.
    Map(Vec<(Spanned<String>, Value)>),
    /// A node under an application (local) tag such as `!Ref` or `!GetAtt`: the tag as
    /// written and the node under it. YAML's own tags (`!!str`) are resolved, not kept.
    Tagged(String, Box<Value>),
}

impl Value {
    /// The value at `key` of a mapping; `None` for a missing key or a node that is not a
    /// mapping.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Map(entries) => entries.iter().find(|(k, _)| k.value == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The text of a string node.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(text) => Some(text),
            _ => None,
        }
    }
}

impl<'de> serde::Deserialize<'de> for Value {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let serde_saphyr::Tagged(Untagged(value), tag) =
            serde_saphyr::Tagged::<Untagged>::deserialize(deserializer)?;
        Ok(match tag {
            // A tag of YAML's own (`!!str`, `!!int`) has already shaped the value.
            Some(tag) if !tag.starts_with("tag:yaml.org,2002:") => {
                Value::Tagged(tag, Box::new(value))
            }
            _ => value,
        })
    }
}

/// A node read as whatever it holds; its tag is read by `Value`'s own `Deserialize`.
struct Untagged(Value);

impl<'de> serde::Deserialize<'de> for Untagged {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(AnyVisitor).map(Untagged)
    }
}

struct AnyVisitor;

impl<'de> serde::de::Visitor<'de> for AnyVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML node")
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        serde::Deserialize::deserialize(d)
    }
    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::Number(n.to_string()))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(Value::Number(n.to_string()))
    }
    fn visit_i128<E>(self, n: i128) -> Result<Value, E> {
        Ok(Value::Number(n.to_string()))
    }
    fn visit_u128<E>(self, n: u128) -> Result<Value, E> {
        Ok(Value::Number(n.to_string()))
    }
    fn visit_f64<E>(self, n: f64) -> Result<Value, E> {
        Ok(Value::Number(n.to_string()))
    }
    fn visit_str<E>(self, text: &str) -> Result<Value, E> {
        Ok(Value::String(text.to_string()))
    }
    fn visit_string<E>(self, text: String) -> Result<Value, E> {
        Ok(Value::String(text))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Value>()? {
            items.push(item);
        }
        Ok(Value::List(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry::<Spanned<String>, Value>()? {
            entries.push(entry);
        }
        Ok(Value::Map(entries))
    }
}

/// Parses one YAML (or JSON) document into a `Value`, keeping application tags.
pub fn parse_value(text: &str) -> Result<Value, YamlError> {
    parse(text)
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

    #[test]
    fn application_tags_are_kept_and_yaml_tags_resolved() {
        let text = "a: !Ref Name\nb: !!str 5\nc: !Sub |\n  x ${A}\n  y\nd: [1, true, ~]\n";
        let value = parse_value(text).unwrap();
        assert_eq!(
            value.get("a"),
            Some(&Value::Tagged(
                "!Ref".into(),
                Box::new(Value::String("Name".into()))
            ))
        );
        assert_eq!(value.get("b"), Some(&Value::String("5".into())));
        assert!(matches!(value.get("c"), Some(Value::Tagged(tag, _)) if tag == "!Sub"));
        assert_eq!(
            value.get("d"),
            Some(&Value::List(vec![
                Value::Number("1".into()),
                Value::Bool(true),
                Value::Null
            ]))
        );
        match &value {
            Value::Map(entries) => assert_eq!((entries[3].0.line(), entries[3].0.column()), (6, 1)),
            other => panic!("not a map: {other:?}"),
        }
    }
}
