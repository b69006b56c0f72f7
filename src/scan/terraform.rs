//! Terraform JSON, as `terraform show -json` writes it for a saved plan or for state.
//!
//! The document is read in one pass, straight from the text: strings borrow from it,
//! attribute objects stay unparsed slices of it (`RawValue`) until a rule needs them, and
//! everything else (`planned_values`, `prior_state`, `configuration`, ...) is skipped
//! without being stored. `format_version` is checked when it is met, which is first in
//! what Terraform writes, so a document of a newer major format is refused before its
//! body is read.
//!
//! - A plan: `resource_changes[]`, each with `address`, `mode`, `type`, `provider_name`
//!   and `change.actions`, `change.after`, `change.after_unknown`.
//! - State: `values.root_module.resources[]` and, recursively, `child_modules[]`.
//!
//! Only `mode: managed` resources count (data sources are read, not run), and a change
//! whose only action is `delete` (or `forget`) leaves nothing in use.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;

use super::{wanted, Attribute, InputKind, Leaf, Location, Resource, Sink, Source};
use crate::catalog::ScanRules;
use crate::problem::Problem;

/// What a JSON document turned out to be.
pub enum Json {
    /// Terraform's: a plan or state, whose resources went to the sink.
    Terraform(InputKind),
    /// A CloudFormation template written in JSON: read it as a template.
    CloudFormation,
    /// A CDK cloud assembly's `manifest.json`.
    CdkManifest,
    /// A raw `terraform.tfstate`, which scan does not read.
    RawState,
    Other,
}

/// Reads a JSON document that may be Terraform's, handing its resources to `sink`.
/// `name` is how messages call the file.
pub fn read<'a>(
    name: &str,
    text: &'a str,
    rules: &ScanRules,
    sink: Sink<'_, 'a>,
) -> Result<Json, Problem> {
    let mut reader = Reader {
        rules,
        location: Location {
            file: name.into(),
            line: 0,
            column: 0,
        },
        wanted: HashMap::new(),
        sink,
    };
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let top = de::DeserializeSeed::deserialize(TopSeed(&mut reader), &mut deserializer)
        .and_then(|top| deserializer.end().map(|()| top))
        .map_err(|err| json_problem(name, &err))?;
    if top.format_version.is_none() {
        return Ok(if top.template {
            Json::CloudFormation
        } else if top.artifacts {
            Json::CdkManifest
        } else if top.resources && top.terraform_version {
            Json::RawState
        } else {
            Json::Other
        });
    }
    // A plan with no resource changes, or `show -json` of an empty state, is still one.
    let kind = if top.changes || (top.planned && !top.state) {
        InputKind::TerraformPlan
    } else {
        InputKind::TerraformState
    };
    Ok(Json::Terraform(kind))
}

/// The major versions of Terraform's JSON output format that scan understands.
fn check_format_version(version: &str) -> Result<(), String> {
    match version.split('.').next() {
        Some("0" | "1") => Ok(()),
        _ => Err(format!(
            "Terraform JSON format_version '{version}' is not supported: cloudsrm reads format versions 0.x and 1.x"
        )),
    }
}

fn json_problem(name: &str, err: &serde_json::Error) -> Problem {
    let text = err.to_string();
    // serde_json ends its messages with the position, which the problem carries.
    let message = match text.rfind(" at line ") {
        Some(idx) => text[..idx].to_string(),
        None => text,
    };
    let message = if err.is_syntax() || err.is_eof() {
        format!("invalid JSON: {message}")
    } else {
        message
    };
    // At the end of a line serde_json counts column 0; columns here start at 1.
    Problem {
        file: name.to_string(),
        line: err.line() as u64,
        column: (err.column() as u64).max(1),
        message,
    }
}

/// The top-level keys that tell what the document is.
#[derive(Default)]
struct Top {
    format_version: Option<String>,
    /// `resource_changes` was read: a plan.
    changes: bool,
    /// `values` was read: state.
    state: bool,
    planned: bool,
    template: bool,
    artifacts: bool,
    resources: bool,
    terraform_version: bool,
}

/// Reads the top-level object, handing resources to the reader as they are met, so that
/// no list of entries is held beside the list of resources.
struct TopSeed<'r, 'c, 's, 'a>(&'r mut Reader<'c, 's, 'a>);

impl<'de: 'a, 'a> de::DeserializeSeed<'de> for TopSeed<'_, '_, '_, 'a> {
    type Value = Top;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Top, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de: 'a, 'a> Visitor<'de> for TopSeed<'_, '_, '_, 'a> {
    type Value = Top;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Top, A::Error> {
        let reader = self.0;
        let mut top = Top::default();
        while let Some(Text(key)) = map.next_key::<Text<'de>>()? {
            match key.as_ref() {
                "format_version" => {
                    let Text(version) = map.next_value::<Text<'de>>()?;
                    check_format_version(&version).map_err(de::Error::custom)?;
                    top.format_version = Some(version.into_owned());
                }
                // Terraform writes format_version first; a document that puts it later
                // has its resources read before the version is known, which is harmless.
                "resource_changes" => {
                    map.next_value_seed(Changes(reader))?;
                    top.changes = true;
                }
                "values" => {
                    map.next_value_seed(StateValues(reader))?;
                    top.state = true;
                }
                other => {
                    match other {
                        "planned_values" => top.planned = true,
                        "Resources" | "AWSTemplateFormatVersion" => top.template = true,
                        "artifacts" => top.artifacts = true,
                        "resources" => top.resources = true,
                        "terraform_version" => top.terraform_version = true,
                        _ => {}
                    }
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(top)
    }
}

/// `resource_changes`: each entry becomes a resource as soon as it is read.
struct Changes<'r, 'c, 's, 'a>(&'r mut Reader<'c, 's, 'a>);

impl<'de: 'a, 'a> de::DeserializeSeed<'de> for Changes<'_, '_, '_, 'a> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de: 'a, 'a> Visitor<'de> for Changes<'_, '_, '_, 'a> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of resource changes")
    }

    fn visit_none<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(change) = seq.next_element::<Change<'de>>()? {
            self.0.change(change).map_err(de::Error::custom)?;
        }
        Ok(())
    }
}

/// `values` of state: `root_module`, then each module's `resources` and `child_modules`.
struct StateValues<'r, 'c, 's, 'a>(&'r mut Reader<'c, 's, 'a>);

impl<'de: 'a, 'a> de::DeserializeSeed<'de> for StateValues<'_, '_, '_, 'a> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de: 'a, 'a> Visitor<'de> for StateValues<'_, '_, '_, 'a> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("state values")
    }

    fn visit_none<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(Text(key)) = map.next_key::<Text<'de>>()? {
            if key == "root_module" {
                map.next_value_seed(ModuleSeed(&mut *self.0))?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

/// One module of state; a child module is read by another `ModuleSeed`.
struct ModuleSeed<'r, 'c, 's, 'a>(&'r mut Reader<'c, 's, 'a>);

impl<'de: 'a, 'a> de::DeserializeSeed<'de> for ModuleSeed<'_, '_, '_, 'a> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de: 'a, 'a> Visitor<'de> for ModuleSeed<'_, '_, '_, 'a> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a module")
    }

    fn visit_none<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(Text(key)) = map.next_key::<Text<'de>>()? {
            match key.as_ref() {
                "resources" => {
                    let resources: Option<Vec<StateResource<'de>>> = map.next_value()?;
                    for resource in resources.unwrap_or_default() {
                        self.0.state_resource(resource).map_err(de::Error::custom)?;
                    }
                }
                "child_modules" => map.next_value_seed(ChildModules(&mut *self.0))?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

struct ChildModules<'r, 'c, 's, 'a>(&'r mut Reader<'c, 's, 'a>);

impl<'de: 'a, 'a> de::DeserializeSeed<'de> for ChildModules<'_, '_, '_, 'a> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de: 'a, 'a> Visitor<'de> for ChildModules<'_, '_, '_, 'a> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of modules")
    }

    fn visit_none<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(ModuleSeed(&mut *self.0))?.is_some() {}
        Ok(())
    }
}

/// A string that borrows from the text unless it holds escapes.
#[derive(Deserialize)]
struct Text<'a>(#[serde(borrow)] Cow<'a, str>);

#[derive(Deserialize, PartialEq, Eq, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum Mode {
    Managed,
    Data,
    #[serde(other)]
    Other,
}

#[derive(Deserialize, PartialEq, Eq, Clone, Copy)]
#[serde(rename_all = "kebab-case")]
enum Action {
    Delete,
    Forget,
    #[serde(other)]
    Other,
}

/// One entry of `resource_changes`.
#[derive(Deserialize)]
struct Change<'a> {
    #[serde(borrow)]
    address: Cow<'a, str>,
    mode: Option<Mode>,
    #[serde(borrow, rename = "type")]
    resource_type: Cow<'a, str>,
    #[serde(borrow, default)]
    provider_name: Option<Cow<'a, str>>,
    #[serde(borrow)]
    change: ChangeBody<'a>,
}

#[derive(Deserialize)]
struct ChangeBody<'a> {
    #[serde(default)]
    actions: Vec<Action>,
    #[serde(borrow, default)]
    after: Option<&'a RawValue>,
    #[serde(borrow, default)]
    after_unknown: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct StateResource<'a> {
    #[serde(borrow)]
    address: Cow<'a, str>,
    mode: Option<Mode>,
    #[serde(borrow, rename = "type")]
    resource_type: Cow<'a, str>,
    #[serde(borrow, default)]
    provider_name: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    values: Option<&'a RawValue>,
}

/// Turns entries into `Resource`s, remembering per type which attributes to keep.
struct Reader<'r, 's, 'a> {
    rules: &'r ScanRules,
    location: Location,
    wanted: HashMap<Cow<'a, str>, Vec<&'r str>>,
    sink: Sink<'s, 'a>,
}

impl<'a> Reader<'_, '_, 'a> {
    fn change(&mut self, change: Change<'a>) -> Result<(), String> {
        if change.mode.is_some_and(|m| m != Mode::Managed) {
            return Ok(());
        }
        let actions = &change.change.actions;
        if !actions.is_empty()
            && actions
                .iter()
                .all(|a| matches!(a, Action::Delete | Action::Forget))
        {
            return Ok(());
        }
        self.push(
            change.address,
            change.resource_type,
            change.provider_name,
            change.change.after,
            change.change.after_unknown,
        )
    }

    fn state_resource(&mut self, resource: StateResource<'a>) -> Result<(), String> {
        if resource.mode.is_some_and(|m| m != Mode::Managed) {
            return Ok(());
        }
        self.push(
            resource.address,
            resource.resource_type,
            resource.provider_name,
            resource.values,
            None,
        )
    }

    fn push(
        &mut self,
        address: Cow<'a, str>,
        resource_type: Cow<'a, str>,
        provider_name: Option<Cow<'a, str>>,
        values: Option<&'a RawValue>,
        unknown: Option<&'a RawValue>,
    ) -> Result<(), String> {
        let rules = self.rules;
        let paths = self
            .wanted
            .entry(resource_type.clone())
            .or_insert_with_key(|t| wanted(rules, Source::Terraform, t));
        let attributes = if paths.is_empty() {
            Vec::new()
        } else {
            let parse = |raw: Option<&RawValue>| -> Result<serde_json::Value, String> {
                raw.map_or(Ok(serde_json::Value::Null), |raw| {
                    serde_json::from_str(raw.get())
                        .map_err(|e| format!("{address}: its attributes cannot be read: {e}"))
                })
            };
            let values = parse(values)?;
            let unknown = parse(unknown)?;
            paths
                .iter()
                .map(|path| {
                    let mut found = Vec::new();
                    let steps: Vec<&str> = path.split('.').collect();
                    walk(Some(&values), Some(&unknown), &steps, &mut found);
                    Attribute {
                        path: path.to_string(),
                        values: found,
                    }
                })
                .collect()
        };
        let provider = provider_name
            .map(provider_type)
            .or_else(|| provider_of_type(&resource_type));
        (self.sink)(Resource {
            source: Source::Terraform,
            address,
            resource_type,
            provider,
            attributes,
            location: self.location.clone(),
        });
        Ok(())
    }
}

/// `registry.terraform.io/hashicorp/aws` (or the older `aws`, `provider.aws`) to `aws`.
fn provider_type(name: Cow<'_, str>) -> Cow<'_, str> {
    let last = |text: &str| -> (usize, usize) {
        let start = text.rfind('/').map_or(0, |i| i + 1);
        let start = if text[start..].starts_with("provider.") {
            start + "provider.".len()
        } else {
            start
        };
        (start, text.len())
    };
    match name {
        Cow::Borrowed(text) => {
            let (start, end) = last(text);
            Cow::Borrowed(&text[start..end])
        }
        Cow::Owned(text) => {
            let (start, end) = last(&text);
            Cow::Owned(text[start..end].to_string())
        }
    }
}

/// A resource type starts with its provider's name: `aws_instance`, `random_id`.
fn provider_of_type<'a>(resource_type: &Cow<'a, str>) -> Option<Cow<'a, str>> {
    let end = resource_type.find('_')?;
    Some(match resource_type {
        Cow::Borrowed(text) => Cow::Borrowed(&text[..end]),
        Cow::Owned(text) => Cow::Owned(text[..end].to_string()),
    })
}

/// Collects the values at `steps` below `value`, reading `unknown` (the same shape from
/// `after_unknown`) alongside: `true` there means Terraform does not know the value yet.
fn walk(
    value: Option<&serde_json::Value>,
    unknown: Option<&serde_json::Value>,
    steps: &[&str],
    found: &mut Vec<Leaf>,
) {
    use serde_json::Value as J;
    if matches!(unknown, Some(J::Bool(true))) {
        found.push(Leaf::Unknown);
        return;
    }
    match value {
        None | Some(J::Null) => {}
        Some(J::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                let unknown_item = match unknown {
                    Some(J::Array(flags)) => flags.get(i),
                    _ => None,
                };
                walk(Some(item), unknown_item, steps, found);
            }
        }
        Some(J::Object(map)) => match steps.split_first() {
            None => found.push(Leaf::Block),
            Some((key, rest)) => {
                let unknown_child = match unknown {
                    Some(J::Object(flags)) => flags.get(*key),
                    _ => None,
                };
                walk(map.get(*key), unknown_child, rest, found);
            }
        },
        Some(scalar) if steps.is_empty() => match scalar {
            J::String(text) if text.is_empty() => {}
            J::String(text) => found.push(Leaf::Value(text.clone())),
            other => found.push(Leaf::Value(other.to_string())),
        },
        Some(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provider_names_become_provider_types() {
        assert_eq!(
            provider_type(Cow::Borrowed("registry.terraform.io/hashicorp/aws")),
            "aws"
        );
        assert_eq!(provider_type(Cow::Borrowed("provider.google")), "google");
        assert_eq!(provider_type(Cow::Borrowed("aws")), "aws");
        assert_eq!(
            provider_of_type(&Cow::Borrowed("random_id")).as_deref(),
            Some("random")
        );
    }

    #[test]
    fn only_major_versions_0_and_1_are_read() {
        assert!(check_format_version("1.2").is_ok());
        assert!(check_format_version("0.1").is_ok());
        let err = check_format_version("2.0").unwrap_err();
        assert!(err.contains("'2.0'"), "{err}");
    }

    #[test]
    fn unknown_values_and_lists_are_walked() {
        let values: serde_json::Value = serde_json::json!({
            "a": [{"b": "X"}, {"b": "Y"}], "c": "", "d": {"e": 1}, "f": true
        });
        let unknown = serde_json::json!({"a": [{}, {"b": true}], "g": true});
        let at = |path: &str| {
            let mut found = Vec::new();
            let steps: Vec<&str> = path.split('.').collect();
            walk(Some(&values), Some(&unknown), &steps, &mut found);
            found
        };
        assert_eq!(at("a.b"), vec![Leaf::Value("X".into()), Leaf::Unknown]);
        assert_eq!(at("c"), vec![]);
        assert_eq!(at("d"), vec![Leaf::Block]);
        assert_eq!(at("f"), vec![Leaf::Value("true".into())]);
        assert_eq!(at("g"), vec![Leaf::Unknown]);
        assert_eq!(at("missing.deeper"), vec![]);
    }
}
