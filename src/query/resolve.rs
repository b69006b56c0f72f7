//! Name resolution: service ids and aliases, `SERVICE:VARIANT`, layer ids and aliases,
//! all case-insensitive, with suggestions for names that are not known.

use crate::catalog::{Catalog, LayerIndex, Owner};
use crate::error::Error;
use crate::suggest::suggestions;

/// A service, or one variant of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub service: usize,
    pub variant: Option<usize>,
}

impl Catalog {
    /// Resolves `SERVICE` or `SERVICE:VARIANT`.
    pub fn resolve_service(&self, name: &str) -> Result<Target, Error> {
        let lowered = name.trim().to_lowercase();
        let (service_name, variant_name) = match lowered.split_once(':') {
            Some((s, v)) => (s, Some(v)),
            None => (lowered.as_str(), None),
        };
        if variant_name.is_none() {
            if let Some((service, variant)) = self.variant_named(service_name) {
                return Ok(Target {
                    service,
                    variant: Some(variant),
                });
            }
        }
        let Some(service) = self.service_named(service_name) else {
            // Retired names name nothing live, so they are looked for only on a miss.
            if let Some(err) = self.retired_name(&lowered) {
                return Err(err);
            }
            let close = suggestions(
                service_name,
                self.service_names.iter().map(|(n, _)| n.as_ref()),
            );
            return Err(Error::UnknownService {
                name: name.trim().to_string(),
                suggestions: close
                    .iter()
                    .filter_map(|s| self.service_named(s))
                    .map(|idx| self.services[idx].id.to_string())
                    .fold(Vec::new(), dedup_push),
            });
        };
        let record = &self.services[service];
        let variant = match variant_name {
            None => None,
            Some(v) if record.variants.is_empty() => {
                return Err(Error::NoVariants {
                    service: record.id.to_string(),
                    name: v.to_string(),
                })
            }
            Some(v) => match record.variant_index(v) {
                Some(idx) => Some(idx),
                None => {
                    if let Some(err) = self.retired_name(&lowered) {
                        return Err(err);
                    }
                    let known: Vec<&str> = record.variants.iter().map(|v| v.id.as_ref()).collect();
                    return Err(Error::UnknownVariant {
                        service: record.id.to_string(),
                        name: v.to_string(),
                        suggestions: suggestions(v, known.iter().copied())
                            .into_iter()
                            .map(|s| format!("{}:{s}", record.id))
                            .collect(),
                        known: known.iter().map(|k| format!("{}:{k}", record.id)).collect(),
                    });
                }
            },
        };
        Ok(Target { service, variant })
    }

    /// The error for a name that something retired went by (`aurora-serverless-v1`),
    /// written as `NAME` or `SERVICE:NAME`.
    fn retired_name(&self, lowered: &str) -> Option<Error> {
        self.services.iter().find_map(|service| {
            let retired = service.retired.iter().find(|r| {
                r.name == lowered
                    || lowered
                        .split_once(':')
                        .is_some_and(|(s, n)| s == service.id && n == r.name)
            })?;
            Some(Error::Retired {
                name: retired.name.to_string(),
                service: service.id.to_string(),
                note: retired.note.to_string(),
                successor: retired.successor.as_ref().map(|s| s.to_string()),
            })
        })
    }

    /// Resolves a layer id or alias.
    pub fn resolve_layer(&self, name: &str) -> Result<LayerIndex, Error> {
        let lowered = name.trim().to_lowercase().replace('_', "-");
        if let Some(idx) = self.layer_named(&lowered) {
            return Ok(idx);
        }
        if let Some(amb) = self.ambiguous.iter().find(|a| a.name == lowered) {
            return Err(Error::AmbiguousLayer {
                name: name.trim().to_string(),
                candidates: amb
                    .layers
                    .iter()
                    .map(|&l| self.layers[l].id.to_string())
                    .collect(),
            });
        }
        let close = suggestions(&lowered, self.layer_names.iter().map(|(n, _)| n.as_ref()));
        Err(Error::UnknownLayer {
            name: name.trim().to_string(),
            suggestions: close
                .iter()
                .filter_map(|s| self.layer_named(s))
                .map(|idx| self.layers[idx].id.to_string())
                .fold(Vec::new(), dedup_push),
        })
    }

    /// The display name of a target: `ecs:fargate` or `ec2`.
    pub fn target_label(&self, target: Target) -> String {
        let service = &self.services[target.service];
        match target.variant {
            Some(v) => format!("{}:{}", service.id, service.variants[v].id),
            None => service.id.to_string(),
        }
    }
}

fn dedup_push(mut list: Vec<String>, item: String) -> Vec<String> {
    if !list.contains(&item) {
        list.push(item);
    }
    list
}

/// Parses a `LAYER=OWNER` filter.
pub fn parse_filter(catalog: &Catalog, filter: &str) -> Result<(LayerIndex, Owner), Error> {
    let Some((layer, owner)) = filter.split_once('=') else {
        return Err(Error::BadFilter {
            filter: filter.to_string(),
        });
    };
    let layer = catalog.resolve_layer(layer)?;
    let owner = Owner::parse(owner).ok_or_else(|| Error::UnknownOwner {
        name: owner.trim().to_string(),
        filter: filter.to_string(),
    })?;
    Ok((layer, owner))
}
