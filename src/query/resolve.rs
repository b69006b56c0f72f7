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

/// A name as people type it, in the catalog's form: lower case, trimmed, with spaces,
/// underscores and `@` turned into hyphens (`"Amazon S3"` -> `amazon-s3`, `aws_lambda` ->
/// `aws-lambda`, `lambda@edge` -> `lambda-edge`, `"os patching"` -> `os-patching`).
pub fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.trim().chars() {
        let c = c.to_ascii_lowercase();
        if c.is_whitespace() || c == '_' || c == '@' {
            if !out.ends_with('-') {
                out.push('-');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// `name` without the vendor words people put in front (`amazon-s3` -> `s3`).
fn without_vendor(name: &str) -> Option<&str> {
    let mut rest = name;
    while let Some(stripped) = rest
        .strip_prefix("amazon-")
        .or_else(|| rest.strip_prefix("aws-"))
    {
        rest = stripped;
    }
    (rest != name && !rest.is_empty()).then_some(rest)
}

/// An official name in the form `normalize` gives, without vendor words and with any
/// parenthesised short name taken apart: "Amazon Simple Storage Service (Amazon S3)"
/// gives `simple-storage-service` and `s3`.
fn official_forms(name: &str) -> Vec<String> {
    let (long, short) = match name.split_once('(') {
        Some((long, short)) => (long, Some(short.trim_end_matches(')'))),
        None => (name, None),
    };
    std::iter::once(long)
        .chain(short)
        .map(|part| {
            let part = normalize(part);
            without_vendor(&part).map_or(part.clone(), str::to_string)
        })
        .collect()
}

impl Catalog {
    /// Resolves a service as people name it: an id or alias (`s3`), a product name
    /// (`"Amazon S3"`, `aws_lambda`), a variant alias (`rds-custom`), `SERVICE-VARIANT`
    /// (`emr-serverless`), `SERVICE:VARIANT` with the variant's id or the start of it
    /// (`eks:auto`), or a variant id that only one service has (`hyperpod`).
    ///
    /// Errors: a retired name, a variant id several services have (`fargate`, listing
    /// each), or an unknown name with close suggestions when there are any.
    pub fn resolve_service(&self, name: &str) -> Result<Target, Error> {
        if let Some(service) = self.service_of_resource_type(name.trim()) {
            return Ok(Target {
                service,
                variant: None,
            });
        }
        let lowered = normalize(name);
        let (service_name, variant_name) = match lowered.split_once(':') {
            Some((s, v)) => (s, Some(v)),
            None => (lowered.as_str(), None),
        };
        let service = match self.service_or_variant(service_name) {
            Some(found) => found,
            None => {
                // Retired names name nothing live, so they are looked for only on a miss.
                if let Some(err) = self.retired_name(&lowered) {
                    return Err(err);
                }
                if variant_name.is_none() {
                    if let Some(target) = self.variant_of_one_service(service_name)? {
                        return Ok(target);
                    }
                }
                return Err(self.unknown_service(name.trim(), service_name));
            }
        };
        let Some(v) = variant_name else {
            return Ok(service);
        };
        let record = &self.services[service.service];
        if record.variants.is_empty() {
            return Err(Error::NoVariants {
                service: record.id.to_string(),
                name: v.to_string(),
            });
        }
        if let Some(idx) = self.variant_called(service.service, v) {
            return Ok(Target {
                service: service.service,
                variant: Some(idx),
            });
        }
        if let Some(err) = self.retired_name(&lowered) {
            return Err(err);
        }
        let known: Vec<&str> = record.variants.iter().map(|v| v.id.as_ref()).collect();
        Err(Error::UnknownVariant {
            service: record.id.to_string(),
            name: v.to_string(),
            suggestions: suggestions(v, known.iter().copied())
                .into_iter()
                .map(|s| format!("{}:{s}", record.id))
                .collect(),
            known: known.iter().map(|k| format!("{}:{k}", record.id)).collect(),
        })
    }

    /// The service a CloudFormation resource type (`AWS::S3::Bucket`) or Terraform
    /// resource type (`aws_s3_bucket`) belongs to, as `scan` maps it (any case; the type
    /// alone never picks a variant).
    fn service_of_resource_type(&self, name: &str) -> Option<usize> {
        let lowered = name.to_ascii_lowercase();
        let terraform = lowered.starts_with("aws_");
        if !terraform && !lowered.starts_with("aws::") {
            return None;
        }
        let mut best: Option<(usize, usize)> = None;
        for (s, service) in self.services.iter().enumerate() {
            let ids = if terraform {
                &service.ids.terraform
            } else {
                &service.ids.cloudformation
            };
            for id in ids.iter() {
                let score = crate::catalog::type_match(&id.to_ascii_lowercase(), &lowered);
                if let Some(score) = score {
                    if best.is_none_or(|(b, _)| score > b) {
                        best = Some((score, s));
                    }
                }
            }
        }
        best.map(|(_, s)| s)
    }

    /// A service or variant by id, alias, product name or `SERVICE-VARIANT`, without
    /// errors: `None` when nothing fits.
    fn service_or_variant(&self, name: &str) -> Option<Target> {
        let named = |n: &str| {
            self.variant_named(n)
                .map(|(s, v)| Target {
                    service: s,
                    variant: Some(v),
                })
                .or_else(|| {
                    self.service_named(n).map(|s| Target {
                        service: s,
                        variant: None,
                    })
                })
        };
        if let Some(found) = named(name) {
            return Some(found);
        }
        let bare = without_vendor(name);
        if let Some(found) = bare.and_then(named) {
            return Some(found);
        }
        // The official name, as in "Elastic Load Balancing" or "Simple Storage Service".
        let wanted = bare.unwrap_or(name);
        if let Some(service) = self
            .services
            .iter()
            .position(|s| official_forms(&s.name).iter().any(|f| f == wanted))
        {
            return Some(Target {
                service,
                variant: None,
            });
        }
        // SERVICE-VARIANT: `emr-serverless`, `ecs-fargate`, `aurora-serverless`.
        for (at, _) in name.match_indices('-') {
            let (head, tail) = (&name[..at], &name[at + 1..]);
            if let Some(service) = named(head).filter(|t| t.variant.is_none()) {
                if let Some(variant) = self.variant_called(service.service, tail) {
                    return Some(Target {
                        service: service.service,
                        variant: Some(variant),
                    });
                }
            }
        }
        None
    }

    /// The variant of `service` called `name`: its id, or the start of exactly one id
    /// (`auto` for `auto-mode`).
    fn variant_called(&self, service: usize, name: &str) -> Option<usize> {
        let variants = &self.services[service].variants;
        if let Some(idx) = variants.iter().position(|v| v.id == name) {
            return Some(idx);
        }
        let mut starting = variants
            .iter()
            .enumerate()
            .filter(|(_, v)| v.id.starts_with(&format!("{name}-")));
        match (starting.next(), starting.next()) {
            (Some((idx, _)), None) => Some(idx),
            _ => None,
        }
    }

    /// A variant id used as a service name: the variant when one service has it, an error
    /// listing each when several do (`fargate`), `None` when none does.
    fn variant_of_one_service(&self, name: &str) -> Result<Option<Target>, Error> {
        let holders: Vec<Target> = self
            .services
            .iter()
            .enumerate()
            .filter_map(|(s, service)| {
                service.variant_index(name).map(|v| Target {
                    service: s,
                    variant: Some(v),
                })
            })
            .collect();
        match holders.as_slice() {
            [] => Ok(None),
            [one] => Ok(Some(*one)),
            several => Err(Error::VariantOfSeveral {
                name: name.to_string(),
                candidates: several.iter().map(|t| self.target_label(*t)).collect(),
            }),
        }
    }

    fn unknown_service(&self, shown: &str, name: &str) -> Error {
        let names = self
            .service_names
            .iter()
            .map(|(n, _)| n.as_ref())
            .chain(self.variant_names.iter().map(|(n, _, _)| n.as_ref()));
        let close = suggestions(without_vendor(name).unwrap_or(name), names);
        let labels = close
            .iter()
            .filter_map(|s| self.service_or_variant(s))
            .map(|t| self.target_label(t))
            .fold(Vec::new(), dedup_push);
        Error::UnknownService {
            name: shown.to_string(),
            suggestions: labels,
        }
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

    /// Resolves a layer id, alias or topic word to one layer; a topic word for several
    /// layers is an error that lists them (an assertion names one owner for one layer).
    pub fn resolve_layer(&self, name: &str) -> Result<LayerIndex, Error> {
        let layers = self.resolve_layers(name)?;
        match layers.as_slice() {
            [one] => Ok(*one),
            several => Err(Error::AmbiguousLayer {
                name: name.trim().to_string(),
                candidates: several
                    .iter()
                    .map(|&l| self.layers[l].id.to_string())
                    .collect(),
            }),
        }
    }

    /// Resolves a layer id or alias to its layer, or a topic word (`mfa`, `patching`)
    /// to each layer it stands for, in stack order.
    pub fn resolve_layers(&self, name: &str) -> Result<Vec<LayerIndex>, Error> {
        let lowered = normalize(name);
        if let Some(idx) = self.layer_named(&lowered) {
            return Ok(vec![idx]);
        }
        if let Some(topic) = self.topic(&lowered) {
            return Ok(topic.layers.to_vec());
        }
        let names = self
            .layer_names
            .iter()
            .map(|(n, _)| n.as_ref())
            .chain(self.topics.iter().map(|t| t.word.as_ref()));
        let close = suggestions(&lowered, names);
        Err(Error::UnknownLayer {
            name: name.trim().to_string(),
            suggestions: close
                .iter()
                .filter_map(|s| {
                    self.layer_named(s).or_else(|| {
                        self.topic(s)
                            .and_then(|t| (t.layers.len() == 1).then(|| t.layers[0]))
                    })
                })
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
