//! Assumptions files: the types (which also generate the published JSON Schema) and a
//! parser that reports every problem of a file, each at its line and column.

use std::collections::HashMap;
use std::fmt;

use schemars::JsonSchema;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use crate::catalog::{Catalog, LayerIndex, Owner};
use crate::problem::Problem;
use crate::query::Target;
use crate::yaml::{self, Spanned};

/// A file of ownership assumptions for `cloudsrm check`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "cloudsrm assumptions file")]
pub struct AssumptionsFile {
    /// The assumptions to check against the catalog.
    pub assumptions: Vec<AssumptionEntry>,
}

/// One belief about who owns a layer of a service.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AssumptionEntry {
    /// Service id or alias, or SERVICE:VARIANT (for example `rds`, `ecs:fargate`).
    #[schemars(with = "String")]
    pub service: Spanned<String>,
    /// Layer id or alias (for example `os-patching`); see `cloudsrm layers`.
    #[schemars(with = "String")]
    pub layer: Spanned<String>,
    /// Who you believe owns the layer.
    #[schemars(with = "Owner")]
    pub owner: Spanned<String>,
    /// Why the team relies on this; shown when the assumption fails.
    #[serde(default)]
    pub why: Option<String>,
}

/// The keys an assumption may have; kept in step with `AssumptionEntry` by a test.
pub const ENTRY_KEYS: [&str; 4] = ["service", "layer", "owner", "why"];

/// An assumption that names things the catalog knows.
#[derive(Debug, Clone)]
pub struct Assumption {
    pub file: String,
    pub line: u64,
    pub column: u64,
    pub target: Target,
    pub layer: LayerIndex,
    pub owner: Owner,
    pub why: Option<String>,
}

/// Reads one assumptions file. `Err` holds every problem found, in file order.
pub fn parse(file: &str, text: &str, catalog: &Catalog) -> Result<Vec<Assumption>, Vec<Problem>> {
    let problem = |line: u64, column: u64, message: String| Problem {
        file: file.to_string(),
        line,
        column,
        message,
    };
    // An empty file (or one of comments only) holds no assumptions: the report says so in a
    // warning, as it does for `assumptions: []`.
    let blank = text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
    if blank {
        return Ok(Vec::new());
    }
    let entries = match super::fast::parse(text) {
        Some(entries) => entries,
        None => match yaml::parse::<AssumptionsFile>(text) {
            Ok(parsed) => parsed.assumptions.into_iter().map(Entry::from).collect(),
            // The typed parse stops at the first mistake; a loose pass finds the rest.
            Err(first) => {
                let mut problems = loose_problems(text, catalog, &problem);
                if !problems.iter().any(|p| p.line == first.line) {
                    problems.push(problem(first.line, first.column, first.message));
                }
                problems.sort_by_key(|p| (p.line, p.column));
                return Err(problems);
            }
        },
    };

    let mut problems = Vec::new();
    let mut assumptions = Vec::with_capacity(entries.len());
    for entry in entries {
        let names = Names {
            service: Some(&entry.service),
            layer: Some(&entry.layer),
            owner: Some(&entry.owner),
        };
        let mut report = |l, c, m| problems.push(problem(l, c, m));
        if let Some((target, layer, owner)) = resolve_names(&names, catalog, &mut report) {
            assumptions.push(Assumption {
                file: file.to_string(),
                line: entry.service.line,
                column: entry.service.column,
                target,
                layer,
                owner,
                why: entry.why,
            });
        }
    }
    if problems.is_empty() {
        Ok(assumptions)
    } else {
        Err(problems)
    }
}

/// A value of an assumption with where it is written (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub value: String,
    pub line: u64,
    pub column: u64,
}

impl From<Spanned<String>> for Field {
    fn from(s: Spanned<String>) -> Self {
        Field {
            line: s.line(),
            column: s.column(),
            value: s.value,
        }
    }
}

/// One assumption as read, before its names are resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub service: Field,
    pub layer: Field,
    pub owner: Field,
    pub why: Option<String>,
}

impl From<AssumptionEntry> for Entry {
    fn from(e: AssumptionEntry) -> Self {
        Entry {
            service: e.service.into(),
            layer: e.layer.into(),
            owner: e.owner.into(),
            why: e.why,
        }
    }
}

/// Reads entries with the full YAML parser only: the reference the fast path is tested
/// against.
pub fn parse_entries_slowly(text: &str) -> Option<Vec<Entry>> {
    yaml::parse::<AssumptionsFile>(text)
        .ok()
        .map(|f| f.assumptions.into_iter().map(Entry::from).collect())
}

/// The three names of an assumption, each where it is written; `None` when missing or
/// not a string (reported elsewhere).
struct Names<'a> {
    service: Option<&'a Field>,
    layer: Option<&'a Field>,
    owner: Option<&'a Field>,
}

/// Resolves an assumption's names against the catalog, reporting each unknown one.
fn resolve_names(
    names: &Names,
    catalog: &Catalog,
    report: &mut dyn FnMut(u64, u64, String),
) -> Option<(Target, LayerIndex, Owner)> {
    let mut at = |s: &Field, message: String| report(s.line, s.column, message);
    let target = names.service.and_then(|s| {
        catalog
            .resolve_service(&s.value)
            .map_err(|e| at(s, e.to_string()))
            .ok()
    });
    let layer = names.layer.and_then(|s| {
        catalog
            .resolve_layer(&s.value)
            .map_err(|e| at(s, e.to_string()))
            .ok()
    });
    let owner = names.owner.and_then(|s| {
        let owner = Owner::parse(&s.value);
        if owner.is_none() {
            at(
                s,
                format!(
                    "unknown owner '{}': expected aws, customer or shared",
                    s.value.trim()
                ),
            );
        }
        owner
    });
    Some((target?, layer?, owner?))
}

/// Any YAML value, reduced to "a string" or the name of what it is instead.
enum Loose {
    Text(String),
    Other(&'static str),
}

#[derive(Deserialize)]
struct LooseFile {
    assumptions: Vec<Spanned<HashMap<Spanned<String>, Spanned<Loose>>>>,
}

/// Structural problems of every entry: unknown keys, missing keys, values of the wrong kind.
fn loose_problems(
    text: &str,
    catalog: &Catalog,
    problem: &dyn Fn(u64, u64, String) -> Problem,
) -> Vec<Problem> {
    let Ok(file) = yaml::parse::<LooseFile>(text) else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    for entry in &file.assumptions {
        let (line, column) = (entry.line(), entry.column());
        let mut keys: Vec<_> = entry.value.iter().collect();
        keys.sort_by_key(|(k, _)| (k.line(), k.column()));
        for (key, value) in keys {
            let (kl, kc) = (key.line(), key.column());
            if !ENTRY_KEYS.contains(&key.value.as_str()) {
                let hint = crate::suggest::did_you_mean(&key.value, ENTRY_KEYS)
                    .map(|s| format!("; did you mean '{s}'?"))
                    .unwrap_or_else(|| format!("; expected {}", ENTRY_KEYS.join(", ")));
                problems.push(problem(
                    kl,
                    kc,
                    format!("unknown key '{}'{hint}", key.value),
                ));
            } else if let Loose::Other(kind) = value.value {
                let (vl, vc) = (value.line(), value.column());
                problems.push(problem(
                    vl,
                    vc,
                    format!("'{}' must be a string, not {kind}", key.value),
                ));
            }
        }
        for required in ["service", "layer", "owner"] {
            if !entry.value.keys().any(|k| k.value == required) {
                problems.push(problem(
                    line,
                    column,
                    format!("assumption has no '{required}'"),
                ));
            }
        }
        let text_of = |key: &str| -> Option<Field> {
            entry
                .value
                .iter()
                .find(|(k, _)| k.value == key)
                .and_then(|(_, v)| match &v.value {
                    Loose::Text(text) => Some(Field {
                        value: text.clone(),
                        line: v.line(),
                        column: v.column(),
                    }),
                    Loose::Other(_) => None,
                })
        };
        let (service, layer, owner) = (text_of("service"), text_of("layer"), text_of("owner"));
        let names = Names {
            service: service.as_ref(),
            layer: layer.as_ref(),
            owner: owner.as_ref(),
        };
        resolve_names(&names, catalog, &mut |l, c, m| {
            problems.push(problem(l, c, m))
        });
    }
    problems
}

impl<'de> Deserialize<'de> for Loose {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LooseVisitor)
    }
}

struct LooseVisitor;

impl<'de> Visitor<'de> for LooseVisitor {
    type Value = Loose;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_str<E: de::Error>(self, text: &str) -> Result<Loose, E> {
        Ok(Loose::Text(text.to_string()))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Loose, E> {
        Ok(Loose::Other("a boolean"))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Loose, E> {
        Ok(Loose::Other("a number"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Loose, E> {
        Ok(Loose::Other("a number"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Loose, E> {
        Ok(Loose::Other("a number"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Loose, E> {
        Ok(Loose::Other("empty"))
    }
    fn visit_none<E: de::Error>(self) -> Result<Loose, E> {
        Ok(Loose::Other("empty"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Loose, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Loose::Other("a list"))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Loose, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Loose::Other("a mapping"))
    }
}
