//! Turns catalog YAML into a checked `Catalog`, collecting every problem with its
//! position instead of stopping at the first.

use serde::Deserialize;
use std::collections::{HashMap, HashSet};

use std::borrow::Cow;
use std::path::Path;

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

/// Loads a catalog folder laid out like `data/`: `layers.yaml` and `services/*.yaml`.
/// File names in problems are the folder joined with the file's path inside it.
pub fn load_dir(dir: &Path) -> Result<Catalog, Vec<Problem>> {
    let read = |path: &Path| {
        std::fs::read_to_string(path).map_err(|e| {
            vec![Problem {
                file: path.display().to_string(),
                line: 0,
                column: 0,
                message: format!("cannot read: {e}"),
            }]
        })
    };
    let layers_path = dir.join("layers.yaml");
    let layers = read(&layers_path)?;
    let mut paths: Vec<_> = std::fs::read_dir(dir.join("services"))
        .map_err(|e| {
            vec![Problem {
                file: dir.join("services").display().to_string(),
                line: 0,
                column: 0,
                message: format!("cannot read: {e}"),
            }]
        })?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    paths.sort();
    let mut files = Vec::new();
    for path in &paths {
        files.push((path.display().to_string(), read(path)?));
    }
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    load((&layers_path.display().to_string(), &layers), &borrowed)
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
        layers: Cow::Owned(layers),
        ambiguous: Cow::Owned(ambiguous),
        services: Cow::Owned(Vec::new()),
        service_names: Cow::Owned(Vec::new()),
    };
    let mut services = Vec::new();
    let mut names: HashMap<String, usize> = HashMap::new();
    if problems.list.is_empty() {
        for (file, text) in service_files {
            let mut sink = problems.for_file(file);
            match yaml::parse::<RawService>(text) {
                Ok(raw) => {
                    if let Some((service, spans)) = check_service(raw, file, &catalog, &mut sink) {
                        register_names(&services, &mut names, services.len(), &spans, &mut sink);
                        services.push(service);
                    }
                }
                Err(err) => sink.at(err.line, err.column, err.message),
            }
        }
    }
    catalog.services = Cow::Owned(services);
    catalog.service_names =
        sorted_names(names.into_iter().map(|(n, i)| (Cow::Owned(n), i)).collect());
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
            id: layer.id.value.into(),
            name: layer.name.into(),
            short: layer.short.into(),
            description: layer.description.into(),
            aliases: texts(layer.aliases.into_iter().map(|a| a.value)),
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
            name: amb.name.value.into(),
            layers: Cow::Owned(targets),
        });
    }
    (layers, ambiguous)
}

fn layer_name_index(layers: &[Layer]) -> List<NameEntry> {
    let mut index = Vec::new();
    for (idx, layer) in layers.iter().enumerate() {
        index.push((layer.id.clone(), idx));
        for alias in layer.aliases.iter() {
            index.push((alias.clone(), idx));
        }
    }
    sorted_names(index)
}

fn texts(items: impl Iterator<Item = String>) -> List<Text> {
    Cow::Owned(items.map(Cow::Owned).collect())
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
            None => missing.push(catalog.layers[idx].id.as_ref()),
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
            id: variant.id.value.into(),
            name: variant.name.into(),
            managed: variant.managed.unwrap_or(raw.managed),
            model: variant.model.unwrap_or(raw.model),
            overrides: Cow::Owned(check_layer_map(variant.layers, catalog, sink)),
        });
    }

    if !missing.is_empty() {
        return None;
    }
    let names: Names = std::iter::once(raw.id).chain(raw.aliases).collect();
    let service = Service {
        id: id.into(),
        name: raw.name.into(),
        aliases: texts(names[1..].iter().map(|a| a.value.clone())),
        category: raw.category.value.into(),
        managed: raw.managed,
        model: raw.model,
        reviewed: raw.reviewed.value.into(),
        layers: Cow::Owned(layers),
        variants: Cow::Owned(variants),
        file: file.to_string().into(),
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
            let hint = match catalog.layer_named(&key.value) {
                Some(idx) => format!("; write its id, '{}'", catalog.layers[idx].id),
                None => crate::suggest::did_you_mean(
                    &key.value,
                    catalog.layers.iter().map(|l| l.id.as_ref()),
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
        aws: raw.aws.value.into(),
        customer: raw.customer.value.into(),
        sources: texts(raw.sources.into_iter().map(|s| s.value)),
        note: raw.note.map(Cow::Owned),
    }
}

/// Adds a service's names to the index, reporting any that another service has taken.
fn register_names(
    services: &[Service],
    index: &mut HashMap<String, usize>,
    idx: usize,
    names: &Names,
    sink: &mut FileProblems,
) {
    for name in names {
        if let Some(&other) = index.get(&name.value) {
            let other = &services[other];
            sink.on(
                name,
                format!(
                    "name '{}' is already used by service '{}' ({})",
                    name.value, other.id, other.file
                ),
            );
        } else {
            index.insert(name.value.clone(), idx);
        }
    }
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
