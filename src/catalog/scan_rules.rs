//! Reads `data/scan.yaml`: the data behind `cloudsrm scan` that the services' `ids` do not
//! hold (which Terraform providers are AWS, which CloudFormation types are not AWS
//! resources, and the rules that pick a variant from a resource's attributes), checked
//! against the catalog it is loaded with.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use serde::Deserialize;

use super::load::{parse_file, FileProblems, Problems};
use super::model::*;
use crate::problem::Problem;
use crate::yaml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScan {
    terraform: RawTerraform,
    cloudformation: RawCloudFormation,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerraform {
    providers: Vec<Spanned<String>>,
    #[serde(default)]
    types: Vec<RawTypeRules>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCloudFormation {
    #[serde(default)]
    ignored: Vec<Spanned<String>>,
    #[serde(default)]
    types: Vec<RawTypeRules>,
}

/// One `types:` entry: either `answer` (the type alone decides) or `rules`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTypeRules {
    #[serde(rename = "type")]
    resource_type: Spanned<String>,
    answer: Option<Spanned<String>>,
    #[serde(default)]
    rules: Vec<RawRule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    #[serde(default)]
    when: HashMap<Spanned<String>, Spanned<RawTest>>,
    answer: Spanned<String>,
}

/// `present`, `absent`, a list of values, or `{starts_with: [...]}`.
#[derive(Deserialize)]
#[serde(untagged)]
enum RawTest {
    Word(String),
    OneOf(Vec<String>),
    StartsWith { starts_with: Vec<String> },
}

/// Which kind of infrastructure code a section describes: its types are spelled
/// differently and found in different `ids`.
#[derive(Clone, Copy)]
enum Section {
    Terraform,
    CloudFormation,
}

/// Reads `scan.yaml`, whose answers must name services and variants of `catalog` and
/// whose types must be ones the catalog's `ids` map to a service.
pub fn load_scan_rules(
    (file, text): (&str, &str),
    catalog: &Catalog,
) -> Result<ScanRules, Vec<Problem>> {
    let raw: RawScan = parse_file(file, text)?;
    let mut problems = Problems::default();
    let mut sink = problems.for_file(file);
    for provider in &raw.terraform.providers {
        if !super::load::is_id(&provider.value) {
            sink.on(
                provider,
                format!(
                    "provider '{}' must be a provider type such as aws",
                    provider.value
                ),
            );
        }
    }
    for pattern in &raw.cloudformation.ignored {
        let value = &pattern.value;
        let custom = value
            .strip_prefix("Custom::")
            .is_some_and(|rest| rest == "*" || is_word(rest));
        if !custom && !is_cloudformation_pattern(value) {
            sink.on(
                pattern,
                format!(
                    "'{value}' must be a CloudFormation type, a namespace AWS::X::* or Custom::*"
                ),
            );
        }
    }
    let terraform = check_section(raw.terraform.types, Section::Terraform, catalog, &mut sink);
    let cloudformation = check_section(
        raw.cloudformation.types,
        Section::CloudFormation,
        catalog,
        &mut sink,
    );
    if !problems.list.is_empty() {
        problems.list.sort_by_key(|p| (p.line, p.column));
        return Err(problems.list);
    }
    let texts = |items: Vec<Spanned<String>>| -> List<Text> {
        Cow::Owned(items.into_iter().map(|i| Cow::Owned(i.value)).collect())
    };
    Ok(ScanRules {
        terraform_providers: texts(raw.terraform.providers),
        cloudformation_ignored: texts(raw.cloudformation.ignored),
        terraform: Cow::Owned(terraform),
        cloudformation: Cow::Owned(cloudformation),
    })
}

fn check_section(
    entries: Vec<RawTypeRules>,
    section: Section,
    catalog: &Catalog,
    sink: &mut FileProblems,
) -> Vec<TypeRules> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for entry in entries {
        let pattern = &entry.resource_type;
        let well_formed = match section {
            Section::Terraform => is_terraform_pattern(&pattern.value),
            Section::CloudFormation => is_cloudformation_pattern(&pattern.value),
        };
        if !well_formed {
            let rule = match section {
                Section::Terraform => "a Terraform resource type or a prefix ending in _",
                Section::CloudFormation => "a CloudFormation type AWS::X::Y or namespace AWS::X::*",
            };
            sink.on(pattern, format!("'{}' must be {rule}", pattern.value));
        } else if mapped_service(catalog, section, &pattern.value).is_none() {
            sink.on(
                pattern,
                format!(
                    "no service's ids name '{}', so no resource of it would reach these rules; add it to a service's ids first",
                    pattern.value
                ),
            );
        }
        if !seen.insert(pattern.value.clone()) {
            sink.on(pattern, format!("type '{}' is listed twice", pattern.value));
        }
        let mut rules = Vec::new();
        match (&entry.answer, entry.rules.is_empty()) {
            (Some(answer), true) => {
                if let Some((service, variant)) = check_answer(answer, catalog, sink) {
                    rules.push(ScanRule {
                        when: Cow::Owned(Vec::new()),
                        service,
                        variant,
                    });
                }
            }
            (None, false) => {}
            _ => sink.on(
                pattern,
                "give either 'answer' or 'rules', not both and not neither",
            ),
        }
        for rule in entry.rules {
            let when = check_conditions(rule.when, sink);
            if let Some((service, variant)) = check_answer(&rule.answer, catalog, sink) {
                rules.push(ScanRule {
                    when: Cow::Owned(when),
                    service,
                    variant,
                });
            }
        }
        out.push(TypeRules {
            resource_type: Cow::Owned(entry.resource_type.value),
            rules: Cow::Owned(rules),
        });
    }
    out
}

/// The service that the catalog's `ids` give a type pattern (a prefix is looked up as
/// a type that starts with it).
fn mapped_service(catalog: &Catalog, section: Section, pattern: &str) -> Option<usize> {
    let probe = match pattern.strip_suffix('*') {
        Some(namespace) => format!("{namespace}Probe"),
        None => pattern.to_string(),
    };
    let mut best: Option<(usize, usize)> = None;
    for (s, service) in catalog.services.iter().enumerate() {
        let ids = match section {
            Section::Terraform => &service.ids.terraform,
            Section::CloudFormation => &service.ids.cloudformation,
        };
        for id in ids.iter() {
            if let Some(score) = type_match(id, &probe) {
                if best.is_none_or(|(b, _)| score > b) {
                    best = Some((score, s));
                }
            }
        }
    }
    best.map(|(_, s)| s)
}

/// `SERVICE` or `SERVICE:VARIANT`, written with the catalog's own ids.
fn check_answer(
    answer: &Spanned<String>,
    catalog: &Catalog,
    sink: &mut FileProblems,
) -> Option<(Text, Option<Text>)> {
    let (service_id, variant_id) = match answer.value.split_once(':') {
        Some((s, v)) => (s, Some(v)),
        None => (answer.value.as_str(), None),
    };
    let Some(service) = catalog.services.iter().find(|s| s.id == service_id) else {
        sink.on(
            answer,
            format!(
                "answer '{}' names no service id of the catalog",
                answer.value
            ),
        );
        return None;
    };
    if let Some(variant) = variant_id {
        if service.variant_index(variant).is_none() {
            let known: Vec<&str> = service.variants.iter().map(|v| v.id.as_ref()).collect();
            sink.on(
                answer,
                format!(
                    "service '{}' has no variant '{variant}' (its variants: {})",
                    service.id,
                    if known.is_empty() {
                        "none".to_string()
                    } else {
                        known.join(", ")
                    }
                ),
            );
            return None;
        }
    }
    Some((
        service.id.clone(),
        variant_id.map(|v| Cow::Owned(v.to_string())),
    ))
}

fn check_conditions(
    when: HashMap<Spanned<String>, Spanned<RawTest>>,
    sink: &mut FileProblems,
) -> Vec<Condition> {
    let mut entries: Vec<_> = when.into_iter().collect();
    entries.sort_by(|a, b| a.0.value.cmp(&b.0.value));
    let mut out = Vec::new();
    for (attribute, test) in entries {
        if attribute.value.is_empty() || attribute.value.split('.').any(str::is_empty) {
            sink.on(
                &attribute,
                format!(
                    "attribute '{}' must be keys separated by single dots",
                    attribute.value
                ),
            );
            continue;
        }
        let list = |values: Vec<String>, sink: &mut FileProblems| {
            if values.is_empty() {
                sink.on(&test, "the list of values is empty, so it could never hold");
            }
            Cow::Owned(values.into_iter().map(Cow::Owned).collect())
        };
        let parsed = match test.value {
            RawTest::Word(ref word) if word == "present" => AttributeTest::Present,
            RawTest::Word(ref word) if word == "absent" => AttributeTest::Absent,
            RawTest::Word(ref word) => {
                sink.on(
                    &test,
                    format!("'{word}' is not a test: write present, absent, a list of values or {{starts_with: [...]}}"),
                );
                continue;
            }
            RawTest::OneOf(ref values) => AttributeTest::OneOf(list(values.clone(), sink)),
            RawTest::StartsWith { ref starts_with } => {
                AttributeTest::StartsWith(list(starts_with.clone(), sink))
            }
        };
        out.push(Condition {
            attribute: Cow::Owned(attribute.value),
            test: parsed,
        });
    }
    out
}

fn is_word(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric())
}

/// `AWS::X::Y` or `AWS::X::*`.
fn is_cloudformation_pattern(text: &str) -> bool {
    let parts: Vec<&str> = text.split("::").collect();
    parts.len() == 3
        && parts[0] == "AWS"
        && is_word(parts[1])
        && (parts[2] == "*" || is_word(parts[2]))
}

/// `aws_x_y` or a prefix `aws_x_`.
fn is_terraform_pattern(text: &str) -> bool {
    text.starts_with("aws_")
        && text.len() > 4
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}
