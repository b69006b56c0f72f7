//! `diff`: what changed between two catalogs, given as exports (`export catalog`). The
//! answer is plain data; it names each change by service (or `SERVICE:VARIANT`) and layer.

use serde::Serialize;

use super::export::{CatalogExport, ExportEntry, ExportService};
use crate::catalog::Owner;
use crate::error::Error;

/// One side of a diff: where it came from and which catalog it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffSide {
    /// The file or folder read, or `embedded` for the compiled-in catalog.
    pub source: String,
    pub catalog_version: String,
}

/// Everything that differs, category by category; empty lists when nothing does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CatalogDiff {
    pub old: DiffSide,
    pub new: DiffSide,
    /// The services the diff was limited to (`--only`); empty for all.
    pub only: Vec<String>,
    pub layers_added: Vec<String>,
    pub layers_removed: Vec<String>,
    pub services_added: Vec<String>,
    pub services_removed: Vec<String>,
    /// `SERVICE:VARIANT` of variants added to services present on both sides.
    pub variants_added: Vec<String>,
    pub variants_removed: Vec<String>,
    pub owner_changes: Vec<OwnerChange>,
    pub text_changes: Vec<TextChange>,
    pub source_changes: Vec<SourceChange>,
    pub review_changes: Vec<ReviewChange>,
}

/// A layer whose owner moved: `rds backup: shared -> customer`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OwnerChange {
    pub service: String,
    pub variant: Option<String>,
    pub layer: String,
    pub old: Owner,
    pub new: Owner,
}

/// The field of an entry whose text changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TextField {
    Aws,
    Customer,
    Note,
    Team,
}

impl TextField {
    pub fn as_str(self) -> &'static str {
        match self {
            TextField::Aws => "aws",
            TextField::Customer => "customer",
            TextField::Note => "note",
            TextField::Team => "team",
        }
    }
}

/// A text of an entry that changed; `null` where the side has none (a note or team). The
/// team is the one that carries the layer's customer part: the entry's own or its
/// service's, as an overlay names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextChange {
    pub service: String,
    pub variant: Option<String>,
    pub layer: String,
    pub field: TextField,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// Sources an entry gained or lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceChange {
    pub service: String,
    pub variant: Option<String>,
    pub layer: String,
    pub added: Vec<String>,
    pub removed: Vec<String>,
}

/// A service whose review date changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewChange {
    pub service: String,
    pub old: String,
    pub new: String,
}

/// Part of the catalog a diff is limited to: a service, or one variant of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    pub service: String,
    pub variant: Option<String>,
}

impl OwnerChange {
    /// `rds backup` or `ecs:fargate guest-os`.
    pub fn subject(&self) -> String {
        subject(&self.service, self.variant.as_deref(), &self.layer)
    }
}

impl TextChange {
    pub fn subject(&self) -> String {
        subject(&self.service, self.variant.as_deref(), &self.layer)
    }
}

impl SourceChange {
    pub fn subject(&self) -> String {
        subject(&self.service, self.variant.as_deref(), &self.layer)
    }
}

fn subject(service: &str, variant: Option<&str>, layer: &str) -> String {
    match variant {
        Some(variant) => format!("{service}:{variant} {layer}"),
        None => format!("{service} {layer}"),
    }
}

impl CatalogDiff {
    /// Whether the two catalogs say the same thing (within `only`).
    pub fn is_empty(&self) -> bool {
        self.layers_added.is_empty()
            && self.layers_removed.is_empty()
            && self.services_added.is_empty()
            && self.services_removed.is_empty()
            && self.variants_added.is_empty()
            && self.variants_removed.is_empty()
            && self.owner_changes.is_empty()
            && self.text_changes.is_empty()
            && self.source_changes.is_empty()
            && self.review_changes.is_empty()
    }

    /// Whether a service or variant was removed.
    pub fn removes(&self) -> bool {
        !self.services_removed.is_empty() || !self.variants_removed.is_empty()
    }
}

/// Resolves `--only` names (ids or aliases, `SERVICE:VARIANT`, any case) against either
/// side, so that a service one side lacks can still be named.
pub fn resolve_scopes(
    names: &[String],
    old: &CatalogExport,
    new: &CatalogExport,
) -> Result<Vec<Scope>, Error> {
    let services = || new.services.iter().chain(&old.services);
    names
        .iter()
        .map(|name| {
            let lowered = name.trim().to_lowercase();
            let (service_name, variant_name) = match lowered.split_once(':') {
                Some((s, v)) => (s, Some(v)),
                None => (lowered.as_str(), None),
            };
            // A variant alias (`rds-custom`) names a variant on its own.
            if variant_name.is_none() {
                if let Some((service, variant)) = services().find_map(|s| {
                    s.variants
                        .iter()
                        .find(|v| v.aliases.iter().any(|a| *a == service_name))
                        .map(|v| (s.id.clone(), v.id.clone()))
                }) {
                    return Ok(Scope {
                        service,
                        variant: Some(variant),
                    });
                }
            }
            let Some(service) = services()
                .find(|s| s.id == service_name || s.aliases.iter().any(|a| a == service_name))
            else {
                let known: Vec<&str> = services().map(|s| s.id.as_str()).collect();
                return Err(Error::UnknownService {
                    name: name.trim().to_string(),
                    suggestions: crate::suggest::suggestions(service_name, known),
                });
            };
            let variant = match variant_name {
                None => None,
                Some(v) => {
                    let variants: Vec<&str> = services()
                        .filter(|s| s.id == service.id)
                        .flat_map(|s| s.variants.iter().map(|x| x.id.as_str()))
                        .collect();
                    if !variants.contains(&v) {
                        let known: Vec<String> = variants
                            .iter()
                            .map(|x| format!("{}:{x}", service.id))
                            .collect();
                        return Err(Error::UnknownVariant {
                            service: service.id.clone(),
                            name: v.to_string(),
                            suggestions: crate::suggest::suggestions(v, variants.iter().copied())
                                .into_iter()
                                .map(|s| format!("{}:{s}", service.id))
                                .collect(),
                            known,
                        });
                    }
                    Some(v.to_string())
                }
            };
            Ok(Scope {
                service: service.id.clone(),
                variant,
            })
        })
        .collect()
}

/// What changed from `old` to `new`, limited to `scopes` when there are any.
///
/// A variant's layer is compared as the variant answers it (its own entry, or its
/// service's), but only where the variant has its own entry on either side: a change to
/// the service's entry that the variant merely inherits is reported once, for the service.
pub fn diff(
    (old_side, old): (DiffSide, &CatalogExport),
    (new_side, new): (DiffSide, &CatalogExport),
    scopes: &[Scope],
) -> CatalogDiff {
    let wanted = |service: &str, variant: Option<&str>| {
        scopes.is_empty()
            || scopes.iter().any(|s| {
                s.service == service
                    && (s.variant.is_none() || variant.is_none() || s.variant.as_deref() == variant)
            })
    };
    let old_layers: Vec<&str> = old.layers.iter().map(|l| l.id.as_str()).collect();
    let new_layers: Vec<&str> = new.layers.iter().map(|l| l.id.as_str()).collect();
    let shared_layers: Vec<&str> = new_layers
        .iter()
        .copied()
        .filter(|l| old_layers.contains(l))
        .collect();
    let mut out = CatalogDiff {
        old: old_side,
        new: new_side,
        only: scopes
            .iter()
            .map(|s| match &s.variant {
                Some(v) => format!("{}:{v}", s.service),
                None => s.service.clone(),
            })
            .collect(),
        layers_added: added(&old_layers, &new_layers),
        layers_removed: added(&new_layers, &old_layers),
        services_added: Vec::new(),
        services_removed: Vec::new(),
        variants_added: Vec::new(),
        variants_removed: Vec::new(),
        owner_changes: Vec::new(),
        text_changes: Vec::new(),
        source_changes: Vec::new(),
        review_changes: Vec::new(),
    };
    let find = |catalog: &'_ CatalogExport, id: &str| -> Option<usize> {
        catalog.services.iter().position(|s| s.id == id)
    };
    for service in &new.services {
        if !wanted(&service.id, None) {
            continue;
        }
        let Some(before) = find(old, &service.id).map(|i| &old.services[i]) else {
            out.services_added.push(service.id.clone());
            continue;
        };
        compare_service(before, service, &shared_layers, &wanted, &mut out);
    }
    for service in &old.services {
        if wanted(&service.id, None) && find(new, &service.id).is_none() {
            out.services_removed.push(service.id.clone());
        }
    }
    out
}

/// Items of `to` that `from` lacks, in `to`'s order.
fn added(from: &[&str], to: &[&str]) -> Vec<String> {
    to.iter()
        .filter(|x| !from.contains(x))
        .map(|x| x.to_string())
        .collect()
}

fn compare_service(
    old: &ExportService,
    new: &ExportService,
    layers: &[&str],
    wanted: &dyn Fn(&str, Option<&str>) -> bool,
    out: &mut CatalogDiff,
) {
    if old.reviewed != new.reviewed {
        out.review_changes.push(ReviewChange {
            service: new.id.clone(),
            old: old.reviewed.clone(),
            new: new.reviewed.clone(),
        });
    }
    let teams = (old.team.as_deref(), new.team.as_deref());
    for layer in layers {
        if let (Some(before), Some(after)) = (old.layers.get(layer), new.layers.get(layer)) {
            compare_entry(&new.id, None, layer, (before, after), teams, out);
        }
    }
    for variant in &new.variants {
        if !wanted(&new.id, Some(&variant.id)) {
            continue;
        }
        let Some(before) = old.variants.iter().find(|v| v.id == variant.id) else {
            out.variants_added
                .push(format!("{}:{}", new.id, variant.id));
            continue;
        };
        for layer in layers {
            let (own_before, own_after) = (before.layers.get(layer), variant.layers.get(layer));
            if own_before.is_none() && own_after.is_none() {
                continue;
            }
            let effective_before = own_before.or(old.layers.get(layer));
            let effective_after = own_after.or(new.layers.get(layer));
            if let (Some(b), Some(a)) = (effective_before, effective_after) {
                compare_entry(&new.id, Some(&variant.id), layer, (b, a), teams, out);
            }
        }
    }
    for variant in &old.variants {
        if wanted(&old.id, Some(&variant.id)) && !new.variants.iter().any(|v| v.id == variant.id) {
            out.variants_removed
                .push(format!("{}:{}", old.id, variant.id));
        }
    }
}

/// The team that carries the customer's part of an entry: its own, or else its service's;
/// none on a layer AWS owns (as `Service::team` answers).
fn team<'a>(entry: &'a ExportEntry, service_team: Option<&'a str>) -> Option<&'a str> {
    match entry.owner {
        Owner::Aws => None,
        _ => entry.team.as_deref().or(service_team),
    }
}

/// Compares one layer's entries; `teams` are the old and new services' own teams.
fn compare_entry(
    service: &str,
    variant: Option<&str>,
    layer: &str,
    (old, new): (&ExportEntry, &ExportEntry),
    (old_team, new_team): (Option<&str>, Option<&str>),
    out: &mut CatalogDiff,
) {
    let who = || {
        (
            service.to_string(),
            variant.map(str::to_string),
            layer.to_string(),
        )
    };
    if old.owner != new.owner {
        let (service, variant, layer) = who();
        out.owner_changes.push(OwnerChange {
            service,
            variant,
            layer,
            old: old.owner,
            new: new.owner,
        });
    }
    let texts = [
        (
            TextField::Aws,
            Some(old.aws.as_str()),
            Some(new.aws.as_str()),
        ),
        (
            TextField::Customer,
            Some(old.customer.as_str()),
            Some(new.customer.as_str()),
        ),
        (TextField::Note, old.note.as_deref(), new.note.as_deref()),
        (TextField::Team, team(old, old_team), team(new, new_team)),
    ];
    for (field, before, after) in texts {
        if before != after {
            let (service, variant, layer) = who();
            out.text_changes.push(TextChange {
                service,
                variant,
                layer,
                field,
                old: before.map(str::to_string),
                new: after.map(str::to_string),
            });
        }
    }
    let old_sources: Vec<&str> = old.sources.iter().map(String::as_str).collect();
    let new_sources: Vec<&str> = new.sources.iter().map(String::as_str).collect();
    let (gained, lost) = (
        added(&old_sources, &new_sources),
        added(&new_sources, &old_sources),
    );
    if !gained.is_empty() || !lost.is_empty() {
        let (service, variant, layer) = who();
        out.source_changes.push(SourceChange {
            service,
            variant,
            layer,
            added: gained,
            removed: lost,
        });
    }
}

/// Reads a catalog export written by `export catalog`. Errors name the line and column.
pub fn parse_export(file: &str, text: &str) -> Result<CatalogExport, crate::problem::Problem> {
    serde_json::from_str(text).map_err(|e| crate::problem::Problem {
        file: file.to_string(),
        line: e.line() as u64,
        column: e.column() as u64,
        message: format!("not a catalog export: {e}"),
    })
}

/// Whether `text` is meant as a catalog export rather than an overlay: JSON that names a
/// `catalog_version`, which no overlay has. A damaged export is still taken as one, so that
/// its error says where the JSON breaks instead of what an overlay lacks.
pub fn looks_like_export(text: &str) -> bool {
    text.trim_start().starts_with('{') && text.contains("\"catalog_version\"")
}
