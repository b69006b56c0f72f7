//! CloudFormation and SAM templates, JSON or YAML: the `Resources` section, each resource
//! at the line of its logical id.
//!
//! A property whose value an intrinsic function computes (`!Ref`, `!If`, `!Sub`, or the
//! long forms `{"Ref": ...}` and `{"Fn::...": ...}`) is not known: the reader says so
//! rather than read a parameter's name as if it were the value. SAM's `Globals` give a
//! serverless resource the properties it does not set itself.

use std::borrow::Cow;

use super::{wanted, Attribute, InputKind, Leaf, Location, Resource, Sink, Source};
use crate::catalog::ScanRules;
use crate::problem::Problem;
use crate::yaml::{Spanned, Value};

/// The transform that makes a template a SAM template.
const SAM_TRANSFORM: &str = "AWS::Serverless-2016-10-31";

/// CDK writes the file of a nested stack's template here in the stack resource's metadata.
const ASSET_PATH: &str = "aws:asset:path";

/// What one template was, besides its resources.
pub struct Template {
    pub kind: InputKind,
    /// Files of nested stacks' templates named by CDK metadata (`aws:asset:path`),
    /// relative to the template's folder.
    pub nested: Vec<String>,
}

/// Whether a parsed document is a template: a mapping with `Resources` or
/// `AWSTemplateFormatVersion`.
pub fn is_template(document: &Value) -> bool {
    document.get("Resources").is_some() || document.get("AWSTemplateFormatVersion").is_some()
}

/// Reads the resources of a template into `sink`; `name` is how messages and locations
/// call its file. A template whose Resources are malformed gives no resource at all.
pub fn read(
    name: &str,
    document: &Value,
    rules: &ScanRules,
    sink: Sink<'_, '_>,
) -> Result<Template, Problem> {
    let at = |key: &Spanned<String>, message: String| Problem {
        file: name.to_string(),
        line: key.line(),
        column: key.column(),
        message,
    };
    let kind = if transforms(document.get("Transform")).any(|t| t == SAM_TRANSFORM) {
        InputKind::Sam
    } else {
        InputKind::CloudFormation
    };
    let Value::Map(top) = document else {
        return Err(super::problem(name, "a template must be a mapping"));
    };
    let Some((resources_key, section)) = top.iter().find(|(k, _)| k.value == "Resources") else {
        return Err(super::problem(
            name,
            "the template has no Resources section",
        ));
    };
    let Value::Map(entries) = section else {
        return Err(at(
            resources_key,
            "Resources must be a mapping of logical ids to resources".into(),
        ));
    };
    let globals = document.get("Globals");
    let file: std::sync::Arc<str> = name.into();
    let mut resources = Vec::with_capacity(entries.len());
    let mut nested = Vec::new();
    // Checked whole before any resource is handed on.
    for (logical_id, body) in entries {
        let id = &logical_id.value;
        let resource_type = match body.get("Type") {
            Some(Value::String(t)) if !t.trim().is_empty() => t.clone(),
            Some(_) => {
                return Err(at(
                    logical_id,
                    format!(
                        "resource '{id}': Type must be a resource type such as AWS::S3::Bucket"
                    ),
                ))
            }
            None => return Err(at(logical_id, format!("resource '{id}' has no Type"))),
        };
        if resource_type == "AWS::CloudFormation::Stack" {
            if let Some(path) = body
                .get("Metadata")
                .and_then(|m| m.get(ASSET_PATH))
                .and_then(Value::as_str)
            {
                nested.push(path.to_string());
            }
        }
        let properties = body.get("Properties");
        // SAM's Globals hold defaults per kind of serverless resource: `Function`, `Api`...
        let defaults = resource_type
            .strip_prefix("AWS::Serverless::")
            .filter(|_| kind == InputKind::Sam)
            .and_then(|section| globals.and_then(|g| g.get(section)));
        let attributes = wanted(rules, Source::CloudFormation, &resource_type)
            .into_iter()
            .map(|path| {
                let steps: Vec<&str> = path.split('.').collect();
                let mut found = Vec::new();
                let own = properties.and_then(|p| p.get(steps[0]));
                let first = match (own, properties) {
                    // Properties computed as a whole (`!If`) hide every property.
                    (_, Some(p)) if is_intrinsic(p) => Some(p),
                    (Some(value), _) => Some(value),
                    (None, _) => defaults.and_then(|d| d.get(steps[0])),
                };
                walk(first, &steps[1..], &mut found);
                Attribute {
                    path: path.to_string(),
                    values: found,
                }
            })
            .collect();
        resources.push(Resource {
            source: Source::CloudFormation,
            address: Cow::Owned(id.clone()),
            resource_type: Cow::Owned(resource_type),
            provider: None,
            attributes,
            location: Location {
                file: file.clone(),
                line: logical_id.line(),
                column: logical_id.column(),
            },
        });
    }
    for resource in resources {
        sink(resource);
    }
    Ok(Template { kind, nested })
}

/// `Transform` is one name or a list of names (or of macros with parameters).
fn transforms(value: Option<&Value>) -> impl Iterator<Item = &str> {
    let items: Vec<&str> = match value {
        Some(Value::String(name)) => vec![name.as_str()],
        Some(Value::List(items)) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    items.into_iter()
}

/// A value an intrinsic function computes: a YAML short-form tag (`!Ref`), or the long
/// form, a mapping whose one key is `Ref` or `Fn::...`.
fn is_intrinsic(value: &Value) -> bool {
    match value {
        Value::Tagged(..) => true,
        Value::Map(entries) => {
            entries.len() == 1
                && (entries[0].0.value == "Ref" || entries[0].0.value.starts_with("Fn::"))
        }
        _ => false,
    }
}

/// Collects the values at `steps` below `value`; a list stands for each of its elements.
fn walk(value: Option<&Value>, steps: &[&str], found: &mut Vec<Leaf>) {
    let Some(value) = value else { return };
    if is_intrinsic(value) {
        found.push(Leaf::Unknown);
        return;
    }
    match value {
        Value::Null => {}
        Value::List(items) => {
            for item in items {
                walk(Some(item), steps, found);
            }
        }
        Value::Map(_) => match steps.split_first() {
            None => found.push(Leaf::Block),
            Some((key, rest)) => walk(value.get(key), rest, found),
        },
        _ if !steps.is_empty() => {}
        Value::String(text) if text.is_empty() => {}
        Value::String(text) | Value::Number(text) => found.push(Leaf::Value(text.clone())),
        Value::Bool(b) => found.push(Leaf::Value(b.to_string())),
        Value::Tagged(..) => found.push(Leaf::Unknown),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intrinsics_are_unknown_in_both_forms() {
        let doc = crate::yaml::parse_value(
            "a: !Ref P\nb: {\"Fn::If\": [c, x, y]}\nc: {Ref: P}\nd: [X, !Ref P]\ne: {Ref: 1, Other: 2}\n",
        )
        .unwrap();
        let at = |key: &str| {
            let mut found = Vec::new();
            walk(doc.get(key), &[], &mut found);
            found
        };
        assert_eq!(at("a"), vec![Leaf::Unknown]);
        assert_eq!(at("b"), vec![Leaf::Unknown]);
        assert_eq!(at("c"), vec![Leaf::Unknown]);
        assert_eq!(at("d"), vec![Leaf::Value("X".into()), Leaf::Unknown]);
        // Two keys: an ordinary mapping that happens to have a key named Ref.
        assert_eq!(at("e"), vec![Leaf::Block]);
    }
}
