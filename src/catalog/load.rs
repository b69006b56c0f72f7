//! Turns catalog YAML into a checked `Catalog`, collecting every problem with its
//! position instead of stopping at the first.

use schemars::JsonSchema;
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
    topics: Vec<RawTopic>,
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
struct RawTopic {
    words: Vec<Spanned<String>>,
    layers: Vec<Spanned<String>>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Service")]
pub(super) struct RawService {
    #[schemars(with = "String")]
    id: Spanned<String>,
    name: String,
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    aliases: Vec<Spanned<String>>,
    #[schemars(with = "String")]
    category: Spanned<String>,
    managed: bool,
    model: Model,
    #[schemars(with = "String")]
    reviewed: Spanned<String>,
    #[schemars(with = "std::collections::BTreeMap<String, RawResponsibility>")]
    layers: Spanned<HashMap<Spanned<String>, Spanned<RawResponsibility>>>,
    #[serde(default)]
    variants: Vec<RawVariant>,
    #[schemars(with = "Option<String>")]
    team: Option<Spanned<String>>,
    #[serde(default)]
    ids: RawIds,
    #[serde(default)]
    retired: Vec<RawRetired>,
}

/// `ids:` of a service file: how the rest of AWS names it.
#[derive(Deserialize, JsonSchema, Default)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Ids")]
pub(super) struct RawIds {
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    sdk: Vec<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    iam: Vec<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    cloudformation: Vec<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    terraform: Vec<Spanned<String>>,
}

/// A `retired:` entry of a service file.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Retired")]
pub(super) struct RawRetired {
    #[schemars(with = "String")]
    name: Spanned<String>,
    note: String,
    #[schemars(with = "Option<String>")]
    successor: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    sources: Vec<Spanned<String>>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Variant")]
pub(super) struct RawVariant {
    #[schemars(with = "String")]
    id: Spanned<String>,
    name: String,
    managed: Option<bool>,
    model: Option<Model>,
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    aliases: Vec<Spanned<String>>,
    #[serde(default)]
    exception: bool,
    #[serde(default)]
    #[schemars(with = "std::collections::BTreeMap<String, RawResponsibility>")]
    layers: HashMap<Spanned<String>, Spanned<RawResponsibility>>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Responsibility")]
pub(super) struct RawResponsibility {
    owner: Owner,
    #[schemars(with = "String")]
    aws: Spanned<String>,
    #[schemars(with = "String")]
    customer: Spanned<String>,
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    sources: Vec<Spanned<String>>,
    note: Option<String>,
    #[schemars(with = "Option<String>")]
    team: Option<Spanned<String>>,
}

impl RawResponsibility {
    pub(super) fn new(
        owner: Owner,
        aws: Spanned<String>,
        customer: Spanned<String>,
        sources: Vec<Spanned<String>>,
        note: Option<String>,
        team: Option<Spanned<String>>,
    ) -> Self {
        RawResponsibility {
            owner,
            aws,
            customer,
            sources,
            note,
            team,
        }
    }
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
    let mut catalog = load((&layers_path.display().to_string(), &layers), &borrowed)?;
    // A folder of services under review may come without policies.
    let policies_path = dir.join("policies.yaml");
    if policies_path.exists() {
        let policies = read(&policies_path)?;
        catalog.policies =
            load_policies((&policies_path.display().to_string(), &policies), &catalog)?;
    }
    // Likewise the control mapping, which only OSCAL exports use.
    let controls_path = dir.join("controls.yaml");
    if controls_path.exists() {
        let controls = read(&controls_path)?;
        catalog.controls = super::controls::load_controls(
            (&controls_path.display().to_string(), &controls),
            &catalog,
        )?;
    }
    // And without scan rules: `scan` then maps by the services' ids alone.
    let scan_path = dir.join("scan.yaml");
    if scan_path.exists() {
        let rules = read(&scan_path)?;
        catalog.scan = super::scan_rules::load_scan_rules(
            (&scan_path.display().to_string(), &rules),
            &catalog,
        )?;
    }
    Ok(catalog)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicies {
    penetration_testing: RawPentest,
    acceptable_use: RawAcceptableUse,
    health: RawHealth,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAcceptableUse {
    policy: Spanned<String>,
    sources: Vec<Spanned<String>>,
    checked: Spanned<String>,
    note: String,
    prohibited: Vec<RawProhibitedUse>,
    aws_may: Vec<String>,
    customer_must: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProhibitedUse {
    category: String,
    summary: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPentest {
    policy: Spanned<String>,
    sources: Vec<Spanned<String>>,
    checked: Spanned<String>,
    note: String,
    permitted: Vec<RawPermitted>,
    prohibited: Vec<String>,
    #[serde(default)]
    untestable: Vec<RawUntestable>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUntestable {
    service: Spanned<String>,
    reason: String,
    source: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPermitted {
    service: Spanned<String>,
    scope: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHealth {
    public_dashboard: Spanned<String>,
    account_dashboard: Spanned<String>,
    sources: Vec<Spanned<String>>,
    note: String,
}

/// Reads `policies.yaml`, whose service ids must name services in `catalog`.
pub fn load_policies(
    (file, text): (&str, &str),
    catalog: &Catalog,
) -> Result<Policies, Vec<Problem>> {
    let raw: RawPolicies = parse_file(file, text)?;
    let mut problems = Problems::default();
    let mut sink = problems.for_file(file);
    let pentest = raw.penetration_testing;
    let aup = raw.acceptable_use;
    let health = raw.health;
    let urls = std::iter::once(&pentest.policy)
        .chain(&pentest.sources)
        .chain(std::iter::once(&aup.policy))
        .chain(&aup.sources)
        .chain([&health.public_dashboard, &health.account_dashboard])
        .chain(&health.sources);
    for url in urls {
        if !is_https_url(&url.value) {
            sink.on(url, format!("'{}' is not an https URL", url.value));
        }
    }
    for checked in [&pentest.checked, &aup.checked] {
        if crate::date::Day::parse(&checked.value).is_none() {
            let message = format!("checked date '{}' must be YYYY-MM-DD", checked.value);
            sink.on(checked, message);
        }
    }
    for untestable in &pentest.untestable {
        if catalog.service_named(&untestable.service.value).is_none() {
            sink.on(
                &untestable.service,
                format!("unknown service '{}'", untestable.service.value),
            );
        }
        if !is_https_url(&untestable.source.value) {
            let message = format!("'{}' is not an https URL", untestable.source.value);
            sink.on(&untestable.source, message);
        }
    }
    for permitted in &pentest.permitted {
        if catalog.resolve_service(&permitted.service.value).is_err() {
            sink.on(
                &permitted.service,
                format!("unknown service '{}'", permitted.service.value),
            );
        }
    }
    if !problems.list.is_empty() {
        return Err(problems.list);
    }
    let permitted = pentest.permitted.into_iter().map(|p| PermittedService {
        service: p.service.value.into(),
        scope: p.scope.into(),
    });
    Ok(Policies {
        pentest: PentestPolicy {
            policy: pentest.policy.value.into(),
            sources: texts(pentest.sources.into_iter().map(|s| s.value)),
            checked: pentest.checked.value.into(),
            note: pentest.note.into(),
            permitted: Cow::Owned(permitted.collect()),
            prohibited: texts(pentest.prohibited.into_iter()),
            untestable: Cow::Owned(
                pentest
                    .untestable
                    .into_iter()
                    .map(|u| UntestableService {
                        service: u.service.value.into(),
                        reason: u.reason.into(),
                        source: u.source.value.into(),
                    })
                    .collect(),
            ),
        },
        acceptable_use: AcceptableUse {
            policy: aup.policy.value.into(),
            sources: texts(aup.sources.into_iter().map(|s| s.value)),
            checked: aup.checked.value.into(),
            note: aup.note.into(),
            prohibited: Cow::Owned(
                aup.prohibited
                    .into_iter()
                    .map(|p| ProhibitedUse {
                        category: p.category.into(),
                        summary: p.summary.into(),
                    })
                    .collect(),
            ),
            aws_may: texts(aup.aws_may.into_iter()),
            customer_must: texts(aup.customer_must.into_iter()),
        },
        health: Health {
            public_dashboard: health.public_dashboard.value.into(),
            account_dashboard: health.account_dashboard.value.into(),
            sources: texts(health.sources.into_iter().map(|s| s.value)),
            note: health.note.into(),
        },
    })
}

/// Loads a layer vocabulary and service files, each given as `(file name, text)`.
pub fn load(
    layer_file: (&str, &str),
    service_files: &[(&str, &str)],
) -> Result<Catalog, Vec<Problem>> {
    let mut problems = Problems::default();
    let (layers, topics) = load_layers(layer_file, &mut problems);
    let mut catalog = Catalog {
        layer_names: layer_name_index(&layers),
        layers: Cow::Owned(layers),
        topics: Cow::Owned(topics),
        services: Cow::Owned(Vec::new()),
        service_names: Cow::Owned(Vec::new()),
        variant_names: Cow::Owned(Vec::new()),
        policies: Policies::default(),
        controls: ControlMap::default(),
        scan: ScanRules::default(),
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
    catalog.variant_names = variant_name_index(&services);
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

/// Parses a whole file into `T`; a YAML or shape error is the file's one problem.
pub(super) fn parse_file<T: serde::de::DeserializeOwned>(
    file: &str,
    text: &str,
) -> Result<T, Vec<Problem>> {
    yaml::parse::<T>(text).map_err(|err| {
        vec![Problem {
            file: file.to_string(),
            line: err.line,
            column: err.column,
            message: err.message,
        }]
    })
}

#[derive(Default)]
pub(super) struct Problems {
    pub(super) list: Vec<Problem>,
}

impl Problems {
    pub(super) fn for_file<'a>(&'a mut self, file: &'a str) -> FileProblems<'a> {
        FileProblems {
            problems: self,
            file,
        }
    }
}

/// Problems found in one file.
pub(super) struct FileProblems<'a> {
    problems: &'a mut Problems,
    file: &'a str,
}

impl FileProblems<'_> {
    pub(super) fn at(&mut self, line: u64, column: u64, message: impl Into<String>) {
        self.problems.list.push(Problem {
            file: self.file.to_string(),
            line,
            column,
            message: message.into(),
        });
    }

    pub(super) fn on<T>(&mut self, spanned: &Spanned<T>, message: impl Into<String>) {
        self.at(spanned.line(), spanned.column(), message);
    }
}

pub(super) fn is_id(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('-')
        && !name.ends_with('-')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

pub(super) const ID_RULE: &str = "lower-case letters, digits and inner hyphens";

fn load_layers((file, text): (&str, &str), problems: &mut Problems) -> (Vec<Layer>, Vec<Topic>) {
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
    let mut topics: Vec<Topic> = Vec::new();
    for topic in raw.topics {
        let mut targets = Vec::new();
        for layer in &topic.layers {
            match layers.iter().position(|l| l.id == layer.value) {
                Some(idx) => targets.push(idx),
                None => sink.on(layer, format!("unknown layer '{}'", layer.value)),
            }
        }
        targets.sort_unstable();
        for word in &topic.words {
            if !is_id(&word.value) {
                sink.on(
                    word,
                    format!("topic word '{}' must be {ID_RULE}", word.value),
                );
            } else if !seen.insert(word.value.clone()) {
                sink.on(
                    word,
                    format!("'{}' is already a layer name or topic word", word.value),
                );
            }
            topics.push(Topic {
                word: word.value.clone().into(),
                layers: Cow::Owned(targets.clone()),
            });
        }
    }
    topics.sort_by(|a, b| a.word.cmp(&b.word));
    (layers, topics)
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
pub(super) type Names = Vec<Spanned<String>>;

pub(super) fn check_service(
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
    if crate::date::Day::parse(&raw.reviewed.value).is_none() {
        sink.on(
            &raw.reviewed,
            format!("reviewed date '{}' must be YYYY-MM-DD", raw.reviewed.value),
        );
    }

    let layers_at = (raw.layers.line(), raw.layers.column());
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

    let mut variants: Vec<Variant> = Vec::new();
    // Variant aliases share the service namespace, so that no name means two things.
    let variant_aliases: Names = raw
        .variants
        .iter()
        .flat_map(|v| v.aliases.iter().cloned())
        .collect();
    for variant in raw.variants {
        let taken = variants.iter().map(|v| v.id.as_ref());
        variants.push(check_variant(
            variant,
            taken,
            (raw.managed, raw.model),
            catalog,
            sink,
        ));
    }

    let ids = check_ids(raw.ids, sink);
    let retired = raw
        .retired
        .into_iter()
        .map(|r| check_retired(r, sink))
        .collect();
    if !missing.is_empty() {
        return None;
    }
    let alias_count = raw.aliases.len();
    let mut names: Names = std::iter::once(raw.id).chain(raw.aliases).collect();
    names.extend(variant_aliases);
    let service = Service {
        id: id.into(),
        name: raw.name.into(),
        aliases: texts(names[1..=alias_count].iter().map(|a| a.value.clone())),
        category: raw.category.value.into(),
        managed: raw.managed,
        model: raw.model,
        reviewed: raw.reviewed.value.into(),
        layers: Cow::Owned(layers),
        variants: Cow::Owned(variants),
        ids,
        retired: Cow::Owned(retired),
        file: file.to_string().into(),
        team: check_team(raw.team, sink),
    };
    Some((service, names))
}

/// Checks a variant; `taken` are the ids its service already has, and `defaults` the
/// service's managed tag and model.
pub(super) fn check_variant<'a>(
    raw: RawVariant,
    mut taken: impl Iterator<Item = &'a str>,
    (managed, model): (bool, Model),
    catalog: &Catalog,
    sink: &mut FileProblems,
) -> Variant {
    let id = &raw.id;
    if !is_id(&id.value) {
        sink.on(id, format!("variant id '{}' must be {ID_RULE}", id.value));
    } else if taken.any(|t| t == id.value) {
        sink.on(id, format!("variant '{}' is declared twice", id.value));
    }
    for alias in &raw.aliases {
        if !is_id(&alias.value) {
            sink.on(alias, format!("alias '{}' must be {ID_RULE}", alias.value));
        }
    }
    Variant {
        id: raw.id.value.into(),
        name: raw.name.into(),
        managed: raw.managed.unwrap_or(managed),
        model: raw.model.unwrap_or(model),
        aliases: texts(raw.aliases.into_iter().map(|a| a.value)),
        exception: raw.exception,
        overrides: Cow::Owned(check_layer_map(raw.layers, catalog, sink)),
    }
}

/// Checks `ids:`: SDK names and IAM prefixes are lower case, CloudFormation entries are
/// `AWS::SERVICE::TYPE` (or `AWS::SERVICE::*`), Terraform entries start with `aws_`.
fn check_ids(raw: RawIds, sink: &mut FileProblems) -> Ids {
    let sdk_name = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    };
    let cfn_type = |s: &str| {
        let parts: Vec<&str> = s.split("::").collect();
        parts.len() == 3
            && parts[0] == "AWS"
            && parts[1..3].iter().all(|p| {
                *p == "*" || (!p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()))
            })
            && parts[1] != "*"
    };
    let tf_type = |s: &str| {
        s.starts_with("aws_")
            && s.len() > 4
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    };
    let mut list = |items: Vec<Spanned<String>>, ok: &dyn Fn(&str) -> bool, rule: &str| {
        for item in &items {
            if !ok(&item.value) {
                sink.on(item, format!("'{}' must be {rule}", item.value));
            }
        }
        texts(items.into_iter().map(|i| i.value))
    };
    Ids {
        sdk: list(raw.sdk, &sdk_name, "a lower-case SDK service name"),
        iam: list(raw.iam, &sdk_name, "a lower-case IAM action prefix"),
        cloudformation: list(
            raw.cloudformation,
            &cfn_type,
            "a CloudFormation type AWS::SERVICE::TYPE or AWS::SERVICE::*",
        ),
        terraform: list(
            raw.terraform,
            &tf_type,
            "a Terraform resource type or prefix starting with aws_",
        ),
    }
}

fn check_retired(raw: RawRetired, sink: &mut FileProblems) -> Retired {
    if !is_id(&raw.name.value) {
        sink.on(
            &raw.name,
            format!("retired name '{}' must be {ID_RULE}", raw.name.value),
        );
    }
    for source in &raw.sources {
        if !is_https_url(&source.value) {
            sink.on(
                source,
                format!("source '{}' is not an https URL", source.value),
            );
        }
    }
    Retired {
        name: raw.name.value.into(),
        note: raw.note.into(),
        successor: raw.successor.map(|s| Cow::Owned(s.value)),
        sources: texts(raw.sources.into_iter().map(|s| s.value)),
    }
}

/// Checks a `layers:` mapping and places its entries by layer index.
pub(super) fn check_layer_map(
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

pub(super) fn check_responsibility(
    raw: RawResponsibility,
    sink: &mut FileProblems,
) -> Responsibility {
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
        team: check_team(raw.team, sink),
        origin: None,
    }
}

/// Adds a service's names to the index, reporting any that another service has taken.
pub(super) fn register_names(
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

pub(super) fn is_https_url(text: &str) -> bool {
    text.strip_prefix("https://")
        .and_then(|rest| rest.split('/').next())
        .is_some_and(|host| host.contains('.') && !host.contains(char::is_whitespace))
        && !text.contains(char::is_whitespace)
}

/// Team names are ids, so that `services --team` can name them.
pub(super) fn check_team(team: Option<Spanned<String>>, sink: &mut FileProblems) -> Option<Text> {
    let team = team?;
    if !is_id(&team.value) {
        sink.on(&team, format!("team '{}' must be {ID_RULE}", team.value));
    }
    Some(Cow::Owned(team.value))
}
