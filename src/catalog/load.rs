//! Turns catalog YAML into a checked `Catalog`, collecting every problem with its
//! position instead of stopping at the first.

use serde::Deserialize;
use std::collections::{HashMap, HashSet};

use super::embedded;
use super::model::*;
use crate::problem::Problem;
use crate::yaml::{self, Spanned};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLayerFile {
    layers: Vec<RawLayer>,
    #[serde(default)]
    ambiguous: Vec<RawAmbiguous>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLayer {
    id: Spanned<String>,
    name: String,
    short: String,
    description: String,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAmbiguous {
    name: Spanned<String>,
    layers: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawService {
    id: Spanned<String>,
    name: String,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    category: Spanned<String>,
    managed: bool,
    model: Model,
    reviewed: Spanned<String>,
    layers: Spanned<HashMap<Spanned<String>, Spanned<RawResponsibility>>>,
    #[serde(default)]
    variants: Vec<RawVariant>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVariant {
    id: Spanned<String>,
    name: String,
    managed: Option<bool>,
    model: Option<Model>,
    #[serde(default)]
    layers: HashMap<Spanned<String>, Spanned<RawResponsibility>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawResponsibility {
    owner: Owner,
    aws: Spanned<String>,
    customer: Spanned<String>,
    #[serde(default)]
    sources: Vec<Spanned<String>>,
    note: Option<String>,
}

/// Loads the catalog compiled into the binary.
pub fn load_embedded() -> Result<Catalog, Vec<Problem>> {
    load(embedded::LAYERS_FILE, embedded::SERVICE_FILES)
}

/// Loads a layer vocabulary and service files, each given as `(file name, text)`.
pub fn load(
    layer_file: (&str, &str),
    service_files: &[(&str, &str)],
) -> Result<Catalog, Vec<Problem>> {
    let mut problems = Problems::default();
    let (layers, ambiguous) = load_layers(layer_file, &mut problems);
    let mut catalog = Catalog {
        layer_names: layer_name_index(&layers),
        layers,
        ambiguous,
        services: Vec::new(),
        service_names: HashMap::new(),
    };
    if problems.list.is_empty() {
        for (file, text) in service_files {
            let mut sink = problems.for_file(file);
            match yaml::parse::<RawService>(text) {
                Ok(raw) => {
                    if let Some((service, names)) = check_service(raw, file, &catalog, &mut sink) {
                        add_service(&mut catalog, service, &names, &mut sink);
                    }
                }
                Err(err) => sink.at(err.line, err.column, err.message),
            }
        }
    }
    if problems.list.is_empty() {
        Ok(catalog)
    } else {
        problems
            .list
            .sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
        Err(problems.list)
    }
}

#[derive(Default)]
struct Problems {
    list: Vec<Problem>,
}

impl Problems {
    fn for_file<'a>(&'a mut self, file: &'a str) -> FileProblems<'a> {
        FileProblems {
            problems: self,
            file,
        }
    }
}

/// Problems found in one file.
struct FileProblems<'a> {
    problems: &'a mut Problems,
    file: &'a str,
}

impl FileProblems<'_> {
    fn at(&mut self, line: u64, column: u64, message: impl Into<String>) {
        self.problems.list.push(Problem {
            file: self.file.to_string(),
            line,
            column,
            message: message.into(),
        });
    }

    fn on<T>(&mut self, spanned: &Spanned<T>, message: impl Into<String>) {
        self.at(
            spanned.referenced.line(),
            spanned.referenced.column(),
            message,
        );
    }
}

fn is_id(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('-')
        && !name.ends_with('-')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

const ID_RULE: &str = "lower-case letters, digits and inner hyphens";

fn load_layers(
    (file, text): (&str, &str),
    problems: &mut Problems,
) -> (Vec<Layer>, Vec<AmbiguousName>) {
    let mut sink = problems.for_file(file);
    let raw = match yaml::parse::<RawLayerFile>(text) {
        Ok(raw) => raw,
        Err(err) => {
            sink.at(err.line, err.column, err.message);
            return (Vec::new(), Vec::new());
        }
    };
    let mut seen = HashSet::new();
    let mut layers = Vec::new();
    for layer in raw.layers {
        for name in std::iter::once(&layer.id).chain(&layer.aliases) {
            if !is_id(&name.value) {
                sink.on(
                    name,
                    format!("layer name '{}' must be {ID_RULE}", name.value),
                );
            } else if !seen.insert(name.value.clone()) {
                sink.on(name, format!("layer name '{}' is used twice", name.value));
            }
        }
        layers.push(Layer {
            id: layer.id.value,
            name: layer.name,
            short: layer.short,
            description: layer.description,
            aliases: layer.aliases.into_iter().map(|a| a.value).collect(),
        });
    }
    let mut ambiguous = Vec::new();
    for amb in raw.ambiguous {
        if seen.contains(&amb.name.value) {
            sink.on(
                &amb.name,
                format!("'{}' is already a layer name", amb.name.value),
            );
        }
        let mut targets = Vec::new();
        for layer in &amb.layers {
            match layers.iter().position(|l| l.id == layer.value) {
                Some(idx) => targets.push(idx),
                None => sink.on(layer, format!("unknown layer '{}'", layer.value)),
            }
        }
        ambiguous.push(AmbiguousName {
            name: amb.name.value,
            layers: targets,
        });
    }
    (layers, ambiguous)
}

fn layer_name_index(layers: &[Layer]) -> HashMap<String, LayerIndex> {
    let mut index = HashMap::new();
    for (idx, layer) in layers.iter().enumerate() {
        index.insert(layer.id.clone(), idx);
        for alias in &layer.aliases {
            index.insert(alias.clone(), idx);
        }
    }
    index
}

/// A service's id and aliases, with where each is written.
type Names = Vec<Spanned<String>>;

fn check_service(
    raw: RawService,
    file: &str,
    catalog: &Catalog,
    sink: &mut FileProblems,
) -> Option<(Service, Names)> {
    let id = raw.id.value.clone();
    if !is_id(&id) {
        sink.on(&raw.id, format!("service id '{id}' must be {ID_RULE}"));
    }
    for alias in &raw.aliases {
        if !is_id(&alias.value) {
            sink.on(alias, format!("alias '{}' must be {ID_RULE}", alias.value));
        } else if alias.value == id {
            sink.on(
                alias,
                format!("alias '{}' repeats the service's own id", alias.value),
            );
        }
    }
    if !is_id(&raw.category.value) {
        sink.on(
            &raw.category,
            format!("category '{}' must be {ID_RULE}", raw.category.value),
        );
    }
    if !is_date(&raw.reviewed.value) {
        sink.on(
            &raw.reviewed,
            format!("reviewed date '{}' must be YYYY-MM-DD", raw.reviewed.value),
        );
    }

    let layers_at = (raw.layers.referenced.line(), raw.layers.referenced.column());
    let overrides = check_layer_map(raw.layers.value, catalog, sink);
    let mut layers = Vec::with_capacity(catalog.layers.len());
    let mut missing = Vec::new();
    for (idx, entry) in overrides.into_iter().enumerate() {
        match entry {
            Some(entry) => layers.push(entry),
            None => missing.push(catalog.layers[idx].id.as_str()),
        }
    }
    if !missing.is_empty() {
        sink.at(
            layers_at.0,
            layers_at.1,
            format!("missing layers: {}", missing.join(", ")),
        );
    }

    let mut variants = Vec::new();
    let mut variant_ids = HashSet::new();
    for variant in raw.variants {
        if !is_id(&variant.id.value) {
            sink.on(
                &variant.id,
                format!("variant id '{}' must be {ID_RULE}", variant.id.value),
            );
        } else if !variant_ids.insert(variant.id.value.clone()) {
            sink.on(
                &variant.id,
                format!("variant '{}' is declared twice", variant.id.value),
            );
        }
        variants.push(Variant {
            id: variant.id.value,
            name: variant.name,
            managed: variant.managed.unwrap_or(raw.managed),
            model: variant.model.unwrap_or(raw.model),
            overrides: check_layer_map(variant.layers, catalog, sink),
        });
    }

    if !missing.is_empty() {
        return None;
    }
    let names: Names = std::iter::once(raw.id).chain(raw.aliases).collect();
    let service = Service {
        id,
        name: raw.name,
        aliases: names[1..].iter().map(|a| a.value.clone()).collect(),
        category: raw.category.value,
        managed: raw.managed,
        model: raw.model,
        reviewed: raw.reviewed.value,
        layers,
        variants,
        file: file.to_string(),
    };
    Some((service, names))
}

/// Checks a `layers:` mapping and places its entries by layer index.
fn check_layer_map(
    map: HashMap<Spanned<String>, Spanned<RawResponsibility>>,
    catalog: &Catalog,
    sink: &mut FileProblems,
) -> Vec<Option<Responsibility>> {
    let mut placed = vec![None; catalog.layers.len()];
    for (key, entry) in map {
        let Some(idx) = catalog.layers.iter().position(|l| l.id == key.value) else {
            let hint = match catalog.layer_names.get(&key.value) {
                Some(&idx) => format!("; write its id, '{}'", catalog.layers[idx].id),
                None => crate::suggest::did_you_mean(
                    &key.value,
                    catalog.layers.iter().map(|l| l.id.as_str()),
                )
                .map(|s| format!("; did you mean '{s}'?"))
                .unwrap_or_default(),
            };
            sink.on(&key, format!("unknown layer '{}'{hint}", key.value));
            continue;
        };
        placed[idx] = Some(check_responsibility(entry.value, sink));
    }
    placed
}

fn check_responsibility(raw: RawResponsibility, sink: &mut FileProblems) -> Responsibility {
    for text in [&raw.aws, &raw.customer] {
        if text.value.trim().is_empty() {
            sink.on(text, "the text must say what this side does");
        }
    }
    for source in &raw.sources {
        if !is_https_url(&source.value) {
            sink.on(
                source,
                format!("source '{}' is not an https URL", source.value),
            );
        }
    }
    Responsibility {
        owner: raw.owner,
        aws: raw.aws.value,
        customer: raw.customer.value,
        sources: raw.sources.into_iter().map(|s| s.value).collect(),
        note: raw.note,
    }
}

fn add_service(catalog: &mut Catalog, service: Service, names: &Names, sink: &mut FileProblems) {
    let idx = catalog.services.len();
    for name in names {
        if let Some(&other) = catalog.service_names.get(&name.value) {
            let other = &catalog.services[other];
            sink.on(
                name,
                format!(
                    "name '{}' is already used by service '{}' ({})",
                    name.value, other.id, other.file
                ),
            );
        } else {
            catalog.service_names.insert(name.value.clone(), idx);
        }
    }
    catalog.services.push(service);
}

fn is_https_url(text: &str) -> bool {
    text.strip_prefix("https://")
        .and_then(|rest| rest.split('/').next())
        .is_some_and(|host| host.contains('.') && !host.contains(char::is_whitespace))
        && !text.contains(char::is_whitespace)
}

fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    let num = |s: &str, len: usize| {
        (s.len() == len && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    matches!(
        (num(y, 4), num(m, 2), num(d, 2)),
        (Some(_), Some(1..=12), Some(1..=31))
    )
}
