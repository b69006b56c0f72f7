//! Exports as plain data: the whole catalog (`export catalog`, read back by `diff`), and the
//! duties of services with the controls they bear on (`export oscal`, which
//! `render::oscal` shapes as OSCAL).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::resolve::Target;
use crate::catalog::{Catalog, Control, List, Model, Owner, Responsibility, Text};

/// `export catalog`: every layer, service, variant and retired name of a catalog, in the
/// catalog's order. `diff` reads this shape back, so it is a public contract (README,
/// "Compliance"). Fields added later are optional when read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogExport {
    /// The tool's version and the newest review date in the catalog, joined by `+`:
    /// `0.1.0+2026-11-29`. It is what `diff` prints as each side's name.
    pub catalog_version: String,
    pub layers: Vec<ExportLayer>,
    pub services: Vec<ExportService>,
}

/// One layer of the vocabulary, bottom of the stack first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportLayer {
    pub id: String,
    pub name: String,
    pub description: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportService {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub category: String,
    pub managed: bool,
    pub model: Model,
    /// When a person last checked the service against its sources (YYYY-MM-DD).
    pub reviewed: String,
    #[serde(default)]
    pub ids: ExportIds,
    /// The team an overlay gave the service's customer-side duties; `null` otherwise.
    #[serde(default)]
    pub team: Option<String>,
    /// Layer id to entry, every layer, in stack order.
    pub layers: LayerMap<ExportEntry>,
    #[serde(default)]
    pub variants: Vec<ExportVariant>,
    #[serde(default)]
    pub retired: Vec<ExportRetired>,
}

/// How the rest of AWS names a service (see `data/README.md`, "ids").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ExportIds {
    #[serde(default)]
    pub sdk: Vec<String>,
    #[serde(default)]
    pub iam: Vec<String>,
    #[serde(default)]
    pub cloudformation: Vec<String>,
    #[serde(default)]
    pub terraform: Vec<String>,
}

/// One layer of a service or variant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportEntry {
    pub owner: Owner,
    pub aws: String,
    pub customer: String,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub team: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportVariant {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub managed: bool,
    pub model: Model,
    /// An exceptional mode (RDS Custom) that answers only when named.
    #[serde(default)]
    pub exception: bool,
    /// Only the layers where the variant differs from its service, as in the data files.
    #[serde(default)]
    pub layers: LayerMap<ExportEntry>,
}

/// A name something retired went by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportRetired {
    pub name: String,
    pub note: String,
    #[serde(default)]
    pub successor: Option<String>,
    #[serde(default)]
    pub sources: Vec<String>,
}

/// A JSON object keyed by layer id that keeps its order (the stack's) both ways.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayerMap<T>(pub Vec<(String, T)>);

impl<T> Default for LayerMap<T> {
    fn default() -> Self {
        LayerMap(Vec::new())
    }
}

impl<T> LayerMap<T> {
    pub fn get(&self, layer: &str) -> Option<&T> {
        self.0.iter().find(|(id, _)| id == layer).map(|(_, v)| v)
    }
}

impl<T: Serialize> Serialize for LayerMap<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for LayerMap<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Ordered<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for Ordered<T> {
            type Value = LayerMap<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object keyed by layer id")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries: Vec<(String, T)> = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, T>()? {
                    if entries.iter().any(|(k, _)| *k == key) {
                        return Err(de::Error::custom(format!("layer '{key}' is listed twice")));
                    }
                    entries.push((key, value));
                }
                Ok(LayerMap(entries))
            }
        }
        deserializer.deserialize_map(Ordered(PhantomData))
    }
}

fn strings(items: &[Text]) -> Vec<String> {
    items.iter().map(|t| t.to_string()).collect()
}

fn export_entry(entry: &Responsibility) -> ExportEntry {
    ExportEntry {
        owner: entry.owner,
        aws: entry.aws.to_string(),
        customer: entry.customer.to_string(),
        sources: strings(&entry.sources),
        note: entry.note.as_ref().map(|n| n.to_string()),
        team: entry.team.as_ref().map(|t| t.to_string()),
    }
}

/// `export oscal`: the duties of each exported service or variant, with the controls each
/// layer bears on. Plain data; `render::oscal` writes it as an OSCAL component definition
/// or system security plan.
#[derive(Debug, Clone, Serialize)]
pub struct ControlExport {
    /// As in `CatalogExport`.
    pub catalog_version: String,
    /// The newest review date among the exported services (YYYY-MM-DD): when what the
    /// export says last changed, so that the same catalog always exports the same text.
    pub last_reviewed: Text,
    /// The OSCAL catalog the control ids come from.
    pub source: Text,
    /// The profile a system security plan imports unless told otherwise.
    pub profile: Text,
    /// Whether the export is of the whole catalog rather than of named services.
    pub whole_catalog: bool,
    pub components: Vec<ComponentDuties>,
    /// Every control of the mapping, layer by layer, with the layer it comes from.
    pub controls: Vec<MappedControl>,
}

/// A control and the layer it is mapped from.
#[derive(Debug, Clone, Serialize)]
pub struct MappedControl {
    pub layer: Text,
    #[serde(flatten)]
    pub control: Control,
}

/// One service, or one variant of it: what becomes an OSCAL component.
#[derive(Debug, Clone, Serialize)]
pub struct ComponentDuties {
    pub service: Text,
    pub variant: Option<Text>,
    /// The service's or variant's full name.
    pub name: Text,
    pub category: Text,
    pub managed: bool,
    pub model: Model,
    pub reviewed: Text,
    /// One per layer, in stack order.
    pub duties: Vec<LayerDuty>,
}

impl ComponentDuties {
    /// `ecs:fargate`, or `s3` for a service without variants.
    pub fn label(&self) -> String {
        match &self.variant {
            Some(variant) => format!("{}:{variant}", self.service),
            None => self.service.to_string(),
        }
    }
}

/// One layer of a component: who owns it, what each side does, and what it bears on.
#[derive(Debug, Clone, Serialize)]
pub struct LayerDuty {
    pub layer: Text,
    pub layer_name: Text,
    pub owner: Owner,
    pub aws: Text,
    pub customer: Text,
    pub sources: List<Text>,
    pub note: Option<Text>,
    /// The team that carries the customer's part, when an overlay names one.
    pub team: Option<Text>,
    pub controls: List<Control>,
}

impl Catalog {
    /// `CRATE_VERSION+NEWEST_REVIEW`: changes with the tool and with every review.
    pub fn catalog_version(&self) -> String {
        let newest = self
            .services
            .iter()
            .map(|s| s.reviewed.as_ref())
            .max()
            .unwrap_or("never");
        format!("{}+{newest}", env!("CARGO_PKG_VERSION"))
    }

    /// The whole catalog as `export catalog` writes it.
    pub fn export(&self) -> CatalogExport {
        let layer_map = |entries: Vec<(usize, &Responsibility)>| {
            LayerMap(
                entries
                    .into_iter()
                    .map(|(l, entry)| (self.layers[l].id.to_string(), export_entry(entry)))
                    .collect(),
            )
        };
        CatalogExport {
            catalog_version: self.catalog_version(),
            layers: self
                .layers
                .iter()
                .map(|l| ExportLayer {
                    id: l.id.to_string(),
                    name: l.name.to_string(),
                    description: l.description.to_string(),
                    aliases: strings(&l.aliases),
                })
                .collect(),
            services: self
                .services
                .iter()
                .map(|s| ExportService {
                    id: s.id.to_string(),
                    name: s.name.to_string(),
                    aliases: strings(&s.aliases),
                    category: s.category.to_string(),
                    managed: s.managed,
                    model: s.model,
                    reviewed: s.reviewed.to_string(),
                    ids: ExportIds {
                        sdk: strings(&s.ids.sdk),
                        iam: strings(&s.ids.iam),
                        cloudformation: strings(&s.ids.cloudformation),
                        terraform: strings(&s.ids.terraform),
                    },
                    team: s.team.as_ref().map(|t| t.to_string()),
                    layers: layer_map(s.layers.iter().enumerate().collect()),
                    variants: s
                        .variants
                        .iter()
                        .map(|v| ExportVariant {
                            id: v.id.to_string(),
                            name: v.name.to_string(),
                            aliases: strings(&v.aliases),
                            managed: v.managed,
                            model: v.model,
                            exception: v.exception,
                            layers: layer_map(
                                v.overrides
                                    .iter()
                                    .enumerate()
                                    .filter_map(|(l, e)| e.as_ref().map(|e| (l, e)))
                                    .collect(),
                            ),
                        })
                        .collect(),
                    retired: s
                        .retired
                        .iter()
                        .map(|r| ExportRetired {
                            name: r.name.to_string(),
                            note: r.note.to_string(),
                            successor: r.successor.as_ref().map(|t| t.to_string()),
                            sources: strings(&r.sources),
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    /// The duties of `targets` (services with variants named without one stand for their
    /// usual variants), or of every service and variant when `targets` is empty.
    pub fn control_export(&self, targets: &[Target]) -> ControlExport {
        let whole_catalog = targets.is_empty();
        let targets = if targets.is_empty() {
            self.all_targets()
        } else {
            // Naming a service twice, or a service and one of its variants, exports each
            // component once.
            let mut unique = Vec::new();
            for target in self.expand_targets(targets) {
                if !unique.contains(&target) {
                    unique.push(target);
                }
            }
            unique
        };
        let components: Vec<ComponentDuties> =
            targets.iter().map(|&t| self.component_duties(t)).collect();
        let last_reviewed = components
            .iter()
            .map(|c| c.reviewed.clone())
            .max()
            .unwrap_or_default();
        let controls = self
            .controls
            .layers
            .iter()
            .enumerate()
            .flat_map(|(l, list)| {
                list.iter().map(move |control| MappedControl {
                    layer: self.layers[l].id.clone(),
                    control: control.clone(),
                })
            })
            .collect();
        ControlExport {
            catalog_version: self.catalog_version(),
            last_reviewed,
            source: self.controls.catalog.clone(),
            profile: self.controls.profile.clone(),
            whole_catalog,
            components,
            controls,
        }
    }

    fn component_duties(&self, target: Target) -> ComponentDuties {
        let service = &self.services[target.service];
        let variant = target.variant.map(|v| &service.variants[v]);
        let no_controls: List<Control> = List::Borrowed(&[]);
        ComponentDuties {
            service: service.id.clone(),
            variant: variant.map(|v| v.id.clone()),
            name: variant.map_or(&service.name, |v| &v.name).clone(),
            category: service.category.clone(),
            managed: variant.map_or(service.managed, |v| v.managed),
            model: variant.map_or(service.model, |v| v.model),
            reviewed: service.reviewed.clone(),
            duties: self
                .layers
                .iter()
                .enumerate()
                .map(|(l, layer)| {
                    let entry = service.responsibility(target.variant, l);
                    LayerDuty {
                        layer: layer.id.clone(),
                        layer_name: layer.name.clone(),
                        owner: entry.owner,
                        aws: entry.aws.clone(),
                        customer: entry.customer.clone(),
                        sources: entry.sources.clone(),
                        note: entry.note.clone(),
                        team: service.team(target.variant, l).cloned(),
                        controls: self
                            .controls
                            .layers
                            .get(l)
                            .cloned()
                            .unwrap_or_else(|| no_controls.clone()),
                    }
                })
                .collect(),
        }
    }
}
