//! Overlays: an organisation's own catalog files, applied on top of the embedded catalog.
//!
//! ```yaml
//! add:                       # new services, complete like data/services/*.yaml
//!   - id: internal-queue
//!     ...
//! override:                  # changes to services already in the catalog
//!   - service: rds           # or SERVICE:VARIANT
//!     team: platform-db      # carries rds's customer-side duties by default
//!     layers:
//!       backup: { team: dba }                  # only name the team
//!       os-patching: { owner: ..., aws: ..., customer: ..., sources: [...] }  # replace
//!     variants: [...]        # new variants, complete
//! ```

use std::borrow::Cow;
use std::collections::HashMap;

use schemars::JsonSchema;
use serde::Deserialize;

use super::load::{
    check_responsibility, check_service, check_team, check_variant, parse_file, register_names,
    FileProblems, Problems, RawResponsibility, RawService, RawVariant,
};
use super::model::*;
use crate::problem::Problem;
use crate::yaml::Spanned;

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Overlay")]
struct RawOverlay {
    #[serde(default)]
    add: Vec<RawService>,
    #[serde(default, rename = "override")]
    overrides: Vec<RawOverride>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Override")]
struct RawOverride {
    #[schemars(with = "String")]
    service: Spanned<String>,
    #[schemars(with = "Option<String>")]
    team: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "std::collections::BTreeMap<String, RawLayerChange>")]
    layers: HashMap<Spanned<String>, Spanned<RawLayerChange>>,
    #[serde(default)]
    variants: Vec<RawVariant>,
}

/// A whole new entry (with `owner`), or only a `team` for the existing one.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "LayerChange")]
struct RawLayerChange {
    owner: Option<Owner>,
    #[schemars(with = "Option<String>")]
    aws: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    customer: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    sources: Vec<Spanned<String>>,
    note: Option<String>,
    #[schemars(with = "Option<String>")]
    team: Option<Spanned<String>>,
}

/// Applies one overlay file to `base`, returning the combined catalog or every problem.
pub fn apply_overlay(base: &Catalog, file: &str, text: &str) -> Result<Catalog, Vec<Problem>> {
    let raw: RawOverlay = parse_file(file, text)?;
    let mut problems = Problems::default();
    let mut sink = problems.for_file(file);
    if raw.add.is_empty() && raw.overrides.is_empty() {
        sink.at(1, 1, "the overlay has neither 'add' nor 'override' entries");
    }

    let mut catalog = base.clone();
    let mut names: HashMap<String, usize> = catalog
        .service_names
        .iter()
        .map(|(name, idx)| (name.to_string(), *idx))
        .collect();
    for raw_service in raw.add {
        let Some((mut service, spans)) = check_service(raw_service, file, &catalog, &mut sink)
        else {
            continue;
        };
        mark_origin(&mut service, file);
        let idx = catalog.services.len();
        register_names(&catalog.services, &mut names, idx, &spans, &mut sink);
        catalog.services.to_mut().push(service);
    }
    for change in raw.overrides {
        apply_override(&mut catalog, change, file, &mut sink);
    }
    catalog.service_names =
        sorted_names(names.into_iter().map(|(n, i)| (Cow::Owned(n), i)).collect());
    catalog.variant_names = variant_name_index(&catalog.services);

    if problems.list.is_empty() {
        Ok(catalog)
    } else {
        problems.list.sort_by_key(|p| (p.line, p.column));
        Err(problems.list)
    }
}

fn mark_origin(service: &mut Service, file: &str) {
    let origin = Some(Cow::Owned(file.to_string()));
    for entry in service.layers.to_mut() {
        entry.origin = origin.clone();
    }
    for variant in service.variants.to_mut() {
        for entry in variant.overrides.to_mut().iter_mut().flatten() {
            entry.origin = origin.clone();
        }
    }
}

fn apply_override(catalog: &mut Catalog, change: RawOverride, file: &str, sink: &mut FileProblems) {
    let target = match catalog.resolve_service(&change.service.value) {
        Ok(target) => target,
        Err(err) => {
            sink.on(&change.service, format!("cannot override: {err}"));
            return;
        }
    };
    let mut layer_changes = Vec::new();
    for (key, value) in change.layers {
        match catalog.layers.iter().position(|l| l.id == key.value) {
            Some(layer) => layer_changes.push((layer, value)),
            None => {
                let hint = crate::suggest::did_you_mean(
                    &key.value,
                    catalog.layers.iter().map(|l| l.id.as_ref()),
                )
                .map(|s| format!("; did you mean '{s}'?"))
                .unwrap_or_default();
                sink.on(&key, format!("unknown layer '{}'{hint}", key.value));
            }
        }
    }
    let team = check_team(change.team, sink);
    let mut new_variants = Vec::new();
    {
        let service = &catalog.services[target.service];
        for raw_variant in change.variants {
            let taken: Vec<&str> = service
                .variants
                .iter()
                .map(|v| v.id.as_ref())
                .chain(new_variants.iter().map(|v: &Variant| v.id.as_ref()))
                .collect();
            let mut variant = check_variant(
                raw_variant,
                taken.into_iter(),
                (service.managed, service.model),
                catalog,
                sink,
            );
            for entry in variant.overrides.to_mut().iter_mut().flatten() {
                entry.origin = Some(Cow::Owned(file.to_string()));
            }
            new_variants.push(variant);
        }
    }

    let service = &mut catalog.services.to_mut()[target.service];
    if target.variant.is_none() {
        if let Some(team) = team {
            service.team = Some(team);
        }
    } else if team.is_some() {
        sink.on(
            &change.service,
            "a team for the whole service goes on an override of the service, not of a variant",
        );
    }
    for (layer, value) in layer_changes {
        let current = service.responsibility(target.variant, layer).clone();
        let Some(entry) = changed_entry(current, value, file, sink) else {
            continue;
        };
        match target.variant {
            Some(v) => service.variants.to_mut()[v].overrides.to_mut()[layer] = Some(entry),
            None => service.layers.to_mut()[layer] = entry,
        }
    }
    service.variants.to_mut().extend(new_variants);
}

/// The entry after a change: replaced when the change names an owner, otherwise the same
/// entry with the team the change names.
fn changed_entry(
    current: Responsibility,
    change: Spanned<RawLayerChange>,
    file: &str,
    sink: &mut FileProblems,
) -> Option<Responsibility> {
    let at = (change.line(), change.column());
    let change = change.value;
    match change.owner {
        Some(owner) => {
            let (Some(aws), Some(customer)) = (change.aws, change.customer) else {
                sink.at(
                    at.0,
                    at.1,
                    "a replaced entry needs 'owner', 'aws' and 'customer'",
                );
                return None;
            };
            let mut entry = check_responsibility(
                RawResponsibility::new(
                    owner,
                    aws,
                    customer,
                    change.sources,
                    change.note,
                    change.team,
                ),
                sink,
            );
            entry.origin = Some(Cow::Owned(file.to_string()));
            Some(entry)
        }
        None => {
            if change.aws.is_some()
                || change.customer.is_some()
                || !change.sources.is_empty()
                || change.note.is_some()
            {
                sink.at(
                    at.0,
                    at.1,
                    "to replace an entry give its 'owner' too; to name a team give only 'team'",
                );
                return None;
            }
            let Some(team) = check_team(change.team, sink) else {
                sink.at(
                    at.0,
                    at.1,
                    "the change is empty: give 'team', or a whole entry with 'owner'",
                );
                return None;
            };
            Some(Responsibility {
                team: Some(team),
                ..current
            })
        }
    }
}

/// The JSON Schema (draft-07) of overlay files, generated from the types the loader reads
/// them into. `add` entries have the shape of `data/services/*.yaml` files.
pub fn overlay_schema() -> schemars::Schema {
    schemars::generate::SchemaSettings::draft07()
        .for_deserialize()
        .into_generator()
        .into_root_schema_for::<RawOverlay>()
}
