//! Answers as plain data. Their serialized form is the documented JSON contract, so field
//! names and order here are public: change them only with the README.

use serde::{Serialize, Serializer};

use super::resolve::Target;
use std::borrow::Cow;

use crate::catalog::{Catalog, Ids, LayerIndex, List, Model, Owner, Responsibility, Service, Text};
use crate::date::Day;
use crate::error::Error;

/// An owner, or `varies` when a service's variants disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnerAnswer {
    Owner(Owner),
    Varies,
}

impl OwnerAnswer {
    pub fn as_str(self) -> &'static str {
        match self {
            OwnerAnswer::Owner(owner) => owner.as_str(),
            OwnerAnswer::Varies => "varies",
        }
    }
}

impl Serialize for OwnerAnswer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One variant's part in an answer for a service asked without a variant.
#[derive(Debug, Clone, Serialize)]
pub struct VariantAnswer {
    pub variant: Text,
    pub owner: Owner,
    pub aws: Text,
    pub customer: Text,
    pub sources: List<Text>,
    pub note: Option<Text>,
    pub team: Option<Text>,
    pub origin: Text,
}

/// Who owns one layer of one service (or variant).
#[derive(Debug, Clone, Serialize)]
pub struct LayerAnswer {
    pub layer: Text,
    pub owner: OwnerAnswer,
    /// `None` when the owner varies: each variant then says its own part.
    pub aws: Option<Text>,
    pub customer: Option<Text>,
    pub sources: List<Text>,
    pub note: Option<Text>,
    /// The internal team that carries the customer's part, when an overlay names one.
    pub team: Option<Text>,
    /// Where the entry came from: `embedded`, or the overlay file that set it.
    pub origin: Text,
    /// Present when the service has variants, none was asked for, and some variant
    /// has its own entry for this layer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variants: Option<Vec<VariantAnswer>>,
    #[serde(skip)]
    pub layer_name: Text,
}

/// The answer to `who-owns`.
#[derive(Debug, Clone, Serialize)]
pub struct WhoOwns {
    pub service: Text,
    pub variant: Option<Text>,
    #[serde(flatten)]
    pub answer: LayerAnswer,
    pub reviewed: Text,
    /// The review is older than `STALE_AFTER_DAYS`: check the sources before relying on it.
    pub stale: bool,
    #[serde(skip)]
    pub service_name: Text,
}

#[derive(Debug, Clone, Serialize)]
pub struct VariantRef {
    pub id: Text,
    pub name: Text,
}

/// The answer to `show`: every layer of a service or variant.
#[derive(Debug, Clone, Serialize)]
pub struct ServiceView {
    pub service: Text,
    pub variant: Option<Text>,
    pub name: Text,
    pub category: Text,
    pub managed: bool,
    pub model: Model,
    pub aliases: List<Text>,
    pub variants: Vec<VariantRef>,
    /// How the rest of AWS names the service: SDK names, IAM prefixes, CloudFormation
    /// and Terraform resource types.
    pub ids: Ids,
    pub reviewed: Text,
    pub stale: bool,
    pub layers: Vec<LayerAnswer>,
}

/// One duty of a service in a summary: a layer the customer owns or shares.
#[derive(Debug, Clone, Serialize)]
pub struct Duty {
    pub layer: Text,
    pub owner: OwnerAnswer,
    /// The customer's part; `None` when the variants disagree (ask with a variant).
    pub customer: Option<Text>,
    pub team: Option<Text>,
    #[serde(skip)]
    pub layer_name: Text,
}

/// `who-owns SERVICE` with no layer: the customer's and shared duties in stack order, and
/// the layers AWS carries alone.
#[derive(Debug, Clone, Serialize)]
pub struct DutySummary {
    pub service: Text,
    pub variant: Option<Text>,
    pub name: Text,
    pub duties: Vec<Duty>,
    /// Ids of the layers whose owner is `aws`.
    pub aws: Vec<Text>,
    pub reviewed: Text,
    pub stale: bool,
}

/// One row of `services`.
#[derive(Debug, Clone, Serialize)]
pub struct ServiceRow {
    pub id: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variant: Option<Text>,
    pub name: Text,
    pub category: Text,
    pub managed: bool,
    pub model: Model,
}

/// One row of `layers`.
#[derive(Debug, Clone, Serialize)]
pub struct LayerRow {
    pub id: Text,
    pub name: Text,
    pub description: Text,
    pub aliases: List<Text>,
}

/// One service or variant as a column of `compare` or a row of `matrix`: the owner of
/// every layer, keyed by layer id in stack order.
#[derive(Debug, Clone, Serialize)]
pub struct OwnerColumn {
    pub service: Text,
    pub variant: Option<Text>,
    pub owners: LayerOwners,
}

/// Layer id to owner, serialized as a map that keeps the stack order.
#[derive(Debug, Clone)]
pub struct LayerOwners(pub Vec<(Text, Owner)>);

impl Serialize for LayerOwners {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(layer, owner)| (layer, owner)))
    }
}

/// What `services` lists.
#[derive(Debug, Clone, Default)]
pub struct ServiceFilter {
    pub managed: Option<bool>,
    pub category: Option<Text>,
    pub owners: Vec<(LayerIndex, Owner)>,
    pub team: Option<String>,
}

/// A customer-side or shared duty that no team carries.
#[derive(Debug, Clone, Serialize)]
pub struct Gap {
    pub service: Text,
    pub variant: Option<Text>,
    pub layer: Text,
    pub owner: Owner,
}

/// The result of `validate`.
#[derive(Debug, Clone, Serialize)]
pub struct ValidationReport {
    pub valid: bool,
    pub files: Vec<String>,
    /// Services in the catalog once the valid files are applied.
    pub services: usize,
    pub problems: Vec<ProblemRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProblemRow {
    pub file: String,
    pub line: u64,
    pub column: u64,
    pub message: String,
}

impl ProblemRow {
    pub fn to_problem(&self) -> crate::problem::Problem {
        crate::problem::Problem {
            file: self.file.clone(),
            line: self.line,
            column: self.column,
            message: self.message.clone(),
        }
    }
}

impl From<&crate::problem::Problem> for ProblemRow {
    fn from(p: &crate::problem::Problem) -> Self {
        ProblemRow {
            file: p.file.clone(),
            line: p.line,
            column: p.column,
            message: p.message.clone(),
        }
    }
}

impl Catalog {
    pub fn who_owns(&self, target: Target, layer: LayerIndex, today: Day) -> WhoOwns {
        let service = &self.services[target.service];
        WhoOwns {
            service: service.id.clone(),
            variant: target.variant.map(|v| service.variants[v].id.clone()),
            answer: self.layer_answer(target, layer),
            reviewed: service.reviewed.clone(),
            stale: is_stale(&service.reviewed, today),
            service_name: match target.variant {
                Some(v) => service.variants[v].name.clone(),
                None => service.name.clone(),
            },
        }
    }

    /// The duties the customer has for a service or variant: every layer that is not
    /// AWS's alone.
    pub fn duties(&self, target: Target, today: Day) -> DutySummary {
        let service = &self.services[target.service];
        let mut duties = Vec::new();
        let mut aws = Vec::new();
        for layer in 0..self.layers.len() {
            let answer = self.layer_answer(target, layer);
            if answer.owner == OwnerAnswer::Owner(Owner::Aws) {
                aws.push(answer.layer);
                continue;
            }
            duties.push(Duty {
                layer: answer.layer,
                owner: answer.owner,
                customer: answer.customer,
                team: answer.team,
                layer_name: answer.layer_name,
            });
        }
        DutySummary {
            service: service.id.clone(),
            variant: target.variant.map(|v| service.variants[v].id.clone()),
            name: match target.variant {
                Some(v) => service.variants[v].name.clone(),
                None => service.name.clone(),
            },
            duties,
            aws,
            reviewed: service.reviewed.clone(),
            stale: is_stale(&service.reviewed, today),
        }
    }

    pub fn show(&self, target: Target, today: Day) -> ServiceView {
        let service = &self.services[target.service];
        let variant = target.variant.map(|v| &service.variants[v]);
        ServiceView {
            service: service.id.clone(),
            variant: variant.map(|v| v.id.clone()),
            name: variant.map_or(&service.name, |v| &v.name).clone(),
            category: service.category.clone(),
            managed: variant.map_or(service.managed, |v| v.managed),
            model: variant.map_or(service.model, |v| v.model),
            aliases: service.aliases.clone(),
            variants: service
                .variants
                .iter()
                .map(|v| VariantRef {
                    id: v.id.clone(),
                    name: v.name.clone(),
                })
                .collect(),
            ids: service.ids.clone(),
            reviewed: service.reviewed.clone(),
            stale: is_stale(&service.reviewed, today),
            layers: (0..self.layers.len())
                .map(|l| self.layer_answer(target, l))
                .collect(),
        }
    }

    pub fn layer_rows(&self) -> Vec<LayerRow> {
        self.layers
            .iter()
            .map(|l| LayerRow {
                id: l.id.clone(),
                name: l.name.clone(),
                description: l.description.clone(),
                aliases: l.aliases.clone(),
            })
            .collect()
    }

    /// Services (or variants, where variants differ on the filter) that pass `filter`.
    pub fn services(&self, filter: &ServiceFilter) -> Result<Vec<ServiceRow>, Error> {
        if let Some(category) = &filter.category {
            self.check_category(category)?;
        }
        if let Some(team) = &filter.team {
            self.check_team(team)?;
        }
        let mut rows = Vec::new();
        for idx in 0..self.services.len() {
            let targets = self.all_targets_of(idx);
            let passing: Vec<Target> = targets
                .iter()
                .copied()
                .filter(|&t| self.passes(t, filter))
                .collect();
            if passing.len() == targets.len() {
                rows.push(self.service_row(Target {
                    service: idx,
                    variant: None,
                }));
            } else {
                rows.extend(passing.into_iter().map(|t| self.service_row(t)));
            }
        }
        Ok(rows)
    }

    /// One column per target; a service with variants, named without one, gives a
    /// column per variant.
    pub fn owner_columns(&self, targets: &[Target]) -> Vec<OwnerColumn> {
        self.expand_targets(targets)
            .into_iter()
            .map(|t| {
                let service = &self.services[t.service];
                OwnerColumn {
                    service: service.id.clone(),
                    variant: t.variant.map(|v| service.variants[v].id.clone()),
                    owners: LayerOwners(
                        self.layers
                            .iter()
                            .enumerate()
                            .map(|(l, layer)| {
                                (layer.id.clone(), service.responsibility(t.variant, l).owner)
                            })
                            .collect(),
                    ),
                }
            })
            .collect()
    }

    /// Replaces each service that has variants, named without one, by its variants.
    /// Each target once, in the order first named (`compare ecs ecs:fargate` has one
    /// fargate column).
    pub fn expand_targets(&self, targets: &[Target]) -> Vec<Target> {
        let mut expanded: Vec<Target> = Vec::new();
        for &t in targets {
            let each = match t.variant {
                Some(_) => vec![t],
                None => self.targets_of(t.service),
            };
            for target in each {
                if !expanded.contains(&target) {
                    expanded.push(target);
                }
            }
        }
        expanded
    }

    /// Every service, variants expanded: the whole catalog as targets.
    pub fn all_targets(&self) -> Vec<Target> {
        (0..self.services.len())
            .flat_map(|s| self.all_targets_of(s))
            .collect()
    }

    /// What a service named without a variant stands for: the service itself when it has
    /// no usual variants, otherwise each usual variant. Exception variants (RDS Custom)
    /// are never part of it.
    fn targets_of(&self, service: usize) -> Vec<Target> {
        let usual: Vec<Target> = self.services[service]
            .variants
            .iter()
            .enumerate()
            .filter(|(_, v)| !v.exception)
            .map(|(v, _)| Target {
                service,
                variant: Some(v),
            })
            .collect();
        if usual.is_empty() {
            vec![Target {
                service,
                variant: None,
            }]
        } else {
            usual
        }
    }

    /// `targets_of`, then each exception variant: every answer a service can give.
    fn all_targets_of(&self, service: usize) -> Vec<Target> {
        let mut targets = self.targets_of(service);
        for (v, variant) in self.services[service].variants.iter().enumerate() {
            if variant.exception {
                targets.push(Target {
                    service,
                    variant: Some(v),
                });
            }
        }
        targets
    }

    fn passes(&self, target: Target, filter: &ServiceFilter) -> bool {
        let service = &self.services[target.service];
        let managed = target
            .variant
            .map_or(service.managed, |v| service.variants[v].managed);
        filter.managed.is_none_or(|m| m == managed)
            && filter
                .category
                .as_ref()
                .is_none_or(|c| c.eq_ignore_ascii_case(&service.category))
            && filter
                .owners
                .iter()
                .all(|&(layer, owner)| service.responsibility(target.variant, layer).owner == owner)
            && filter.team.as_ref().is_none_or(|team| {
                (0..self.layers.len())
                    .any(|l| service.team(target.variant, l).is_some_and(|t| t == team))
            })
    }

    /// The customer-side and shared duties of `targets` (variants expanded) that no team
    /// carries.
    pub fn gaps(&self, targets: &[Target]) -> Vec<Gap> {
        let mut gaps = Vec::new();
        for target in self.expand_targets(targets) {
            let service = &self.services[target.service];
            for (l, layer) in self.layers.iter().enumerate() {
                let owner = service.responsibility(target.variant, l).owner;
                if owner != Owner::Aws && service.team(target.variant, l).is_none() {
                    gaps.push(Gap {
                        service: service.id.clone(),
                        variant: target.variant.map(|v| service.variants[v].id.clone()),
                        layer: layer.id.clone(),
                        owner,
                    });
                }
            }
        }
        gaps
    }

    /// Every team named anywhere in the catalog, sorted.
    pub fn teams(&self) -> Vec<&str> {
        let mut teams: Vec<&str> = Vec::new();
        for service in self.services.iter() {
            let layer_teams = service.layers.iter().chain(
                service
                    .variants
                    .iter()
                    .flat_map(|v| v.overrides.iter().flatten()),
            );
            for team in service
                .team
                .iter()
                .chain(layer_teams.filter_map(|e| e.team.as_ref()))
            {
                teams.push(team);
            }
        }
        teams.sort_unstable();
        teams.dedup();
        teams
    }

    fn check_team(&self, team: &str) -> Result<(), Error> {
        let known = self.teams();
        if known.contains(&team) {
            return Ok(());
        }
        Err(Error::UnknownTeam {
            name: team.to_string(),
            suggestions: crate::suggest::suggestions(team, known.iter().copied()),
        })
    }

    fn check_category(&self, category: &str) -> Result<(), Error> {
        let mut known: Vec<&str> = self.services.iter().map(|s| s.category.as_ref()).collect();
        known.sort_unstable();
        known.dedup();
        if known.iter().any(|k| k.eq_ignore_ascii_case(category)) {
            return Ok(());
        }
        Err(Error::UnknownCategory {
            name: category.to_string(),
            suggestions: crate::suggest::suggestions(category, known.iter().copied()),
            known: known.iter().map(|k| k.to_string()).collect(),
        })
    }

    fn service_row(&self, target: Target) -> ServiceRow {
        let service = &self.services[target.service];
        let variant = target.variant.map(|v| &service.variants[v]);
        ServiceRow {
            id: service.id.clone(),
            variant: variant.map(|v| v.id.clone()),
            name: variant.map_or(&service.name, |v| &v.name).clone(),
            category: service.category.clone(),
            managed: variant.map_or(service.managed, |v| v.managed),
            model: variant.map_or(service.model, |v| v.model),
        }
    }

    pub(crate) fn layer_answer(&self, target: Target, layer: LayerIndex) -> LayerAnswer {
        let service = &self.services[target.service];
        let layer_def = &self.layers[layer];
        let base = |entry: &Responsibility, owner: OwnerAnswer| LayerAnswer {
            layer: layer_def.id.clone(),
            owner,
            aws: Some(entry.aws.clone()),
            customer: Some(entry.customer.clone()),
            sources: entry.sources.clone(),
            note: entry.note.clone(),
            team: service.team(target.variant, layer).cloned(),
            origin: origin(entry),
            variants: None,
            layer_name: layer_def.name.clone(),
        };
        if target.variant.is_some() || !has_overrides(service, layer) {
            let entry = service.responsibility(target.variant, layer);
            return base(entry, OwnerAnswer::Owner(entry.owner));
        }
        let variants: Vec<VariantAnswer> = service
            .variants
            .iter()
            .enumerate()
            .filter(|(_, variant)| !variant.exception)
            .map(|(v, variant)| {
                let entry = service.responsibility(Some(v), layer);
                VariantAnswer {
                    variant: variant.id.clone(),
                    owner: entry.owner,
                    aws: entry.aws.clone(),
                    customer: entry.customer.clone(),
                    sources: entry.sources.clone(),
                    note: entry.note.clone(),
                    team: service.team(Some(v), layer).cloned(),
                    origin: origin(entry),
                }
            })
            .collect();
        // The service's own entry counts as one more option: a variant added to a service
        // (an overlay's `rds:custom`, say) must not speak for the service as a whole.
        let common = service.layers[layer].owner;
        let mut answer = if variants.iter().all(|v| v.owner == common) {
            base(&service.layers[layer], OwnerAnswer::Owner(common))
        } else {
            let mut sources: Vec<Text> = Vec::new();
            for source in variants.iter().flat_map(|v| v.sources.iter()) {
                if !sources.contains(source) {
                    sources.push(source.clone());
                }
            }
            let sources = Cow::Owned(sources);
            LayerAnswer {
                layer: layer_def.id.clone(),
                owner: OwnerAnswer::Varies,
                aws: None,
                customer: None,
                sources,
                note: None,
                team: None,
                origin: Cow::Borrowed(EMBEDDED_ORIGIN),
                variants: None,
                layer_name: layer_def.name.clone(),
            }
        };
        answer.variants = Some(variants);
        answer
    }
}

/// How answers name the compiled-in catalog as the origin of an entry.
pub const EMBEDDED_ORIGIN: &str = "embedded";

fn origin(entry: &Responsibility) -> Text {
    entry
        .origin
        .clone()
        .unwrap_or(Cow::Borrowed(EMBEDDED_ORIGIN))
}

fn has_overrides(service: &Service, layer: LayerIndex) -> bool {
    service
        .variants
        .iter()
        .any(|v| !v.exception && v.overrides[layer].is_some())
}

/// Reviews older than this many days are flagged as stale in every answer.
pub const STALE_AFTER_DAYS: i64 = 180;

/// Whether a review date is too old to trust without checking the sources again. A date
/// that does not parse (the loader rejects those) counts as stale.
pub fn is_stale(reviewed: &str, today: Day) -> bool {
    Day::parse(reviewed).is_none_or(|day| today.days_since(day) > STALE_AFTER_DAYS)
}
