//! `scan`'s answer: which services (and variants) the resources of infrastructure code
//! use, the duties each leaves to the customer and whether a team carries them, and the
//! resource types that map to nothing.
//!
//! A resource's type gives its service through the catalog's `ids` (an exact type wins,
//! then the longest prefix or namespace); `data/scan.yaml`'s rules for the type then pick
//! a variant, or move the resource to another service, from its attributes. See that
//! file for how rules are tried and what an unknown value does.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde::Serialize;

use super::resolve::Target;
use super::OwnerAnswer;
use crate::catalog::{
    best_type_match, AttributeTest, Catalog, List, Owner, ScanRule, Text, TypeRules,
};
use crate::scan::{InputKind, Leaf, Resource, Source};

/// The answer to `scan`, in the order of the documented JSON contract.
#[derive(Debug, Clone, Serialize)]
pub struct ScanReport {
    pub inputs: Vec<ScanInput>,
    pub summary: ScanSummary,
    /// Services and variants in use, by service id, the service as a whole before its
    /// variants.
    pub services: Vec<ServiceInUse>,
    /// Resource types that map to no service, by type.
    pub unmapped: Vec<ResourceGroup>,
    /// Resources that are not AWS resources (other Terraform providers, custom
    /// resources), by type.
    pub ignored: Vec<ResourceGroup>,
}

/// One path given on the command line and what it held.
#[derive(Debug, Clone, Serialize)]
pub struct ScanInput {
    pub path: String,
    pub kind: InputKind,
}

#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct ScanSummary {
    /// Every resource read: `mapped + unmapped + ignored`.
    pub resources: usize,
    pub mapped: usize,
    /// Resources of a type cloudsrm does not know.
    pub unmapped: usize,
    pub ignored: usize,
    /// Distinct services in use (variants of one service count once).
    pub services: usize,
    /// Duties (customer-side, shared or varying layers of services in use) that no team
    /// carries.
    pub gaps: usize,
}

/// A resource as the report names it.
#[derive(Debug, Clone, Serialize)]
pub struct ResourceRef {
    /// Terraform's address, or the template's logical id.
    pub address: String,
    #[serde(rename = "type")]
    pub resource_type: Arc<str>,
    /// The file it was read from.
    pub file: Arc<str>,
    /// The line of the logical id in a template; `None` for Terraform JSON.
    pub line: Option<u64>,
    #[serde(skip)]
    pub column: u64,
}

/// A service (or one variant of it) that resources use, and its duties.
#[derive(Debug, Clone, Serialize)]
pub struct ServiceInUse {
    pub service: Text,
    /// `None` when the service has no variant that applies, or the resources do not tell
    /// which (a value unknown until apply, an intrinsic function).
    pub variant: Option<Text>,
    pub name: Text,
    pub resources: Vec<ResourceRef>,
    /// Every layer whose owner is `customer`, `shared` or `varies`, in stack order.
    pub duties: Vec<ServiceDuty>,
}

/// One layer of a service in use that is not AWS's alone.
#[derive(Debug, Clone, Serialize)]
pub struct ServiceDuty {
    pub layer: Text,
    pub owner: OwnerAnswer,
    /// The customer's part; `None` when the owner varies (see `variants`).
    pub customer: Option<Text>,
    /// The team that carries the customer's part, from an overlay; `None` is a gap.
    pub team: Option<Text>,
    pub sources: List<Text>,
    /// When the owner varies: each variant's owner, part and team.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variants: Option<Vec<VariantDuty>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct VariantDuty {
    pub variant: Text,
    pub owner: Owner,
    pub customer: Text,
    pub team: Option<Text>,
}

/// Resources of one type.
#[derive(Debug, Clone, Serialize)]
pub struct ResourceGroup {
    #[serde(rename = "type")]
    pub resource_type: Arc<str>,
    pub resources: Vec<ResourceRef>,
}

impl ScanReport {
    /// Duties of services in use that no team carries, with their service.
    pub fn gaps(&self) -> impl Iterator<Item = (&ServiceInUse, &ServiceDuty)> {
        self.services
            .iter()
            .flat_map(|s| s.duties.iter().map(move |d| (s, d)))
            .filter(|(_, d)| d.team.is_none())
    }
}

/// What a resource type alone says.
#[derive(Debug, Clone, Copy)]
enum TypeAnswer {
    /// Not an AWS resource: another Terraform provider, a custom resource.
    Ignored,
    /// An AWS resource type no service's ids name.
    Unmapped,
    /// The service the ids give, and the index of the type's rules, if any.
    Mapped {
        service: usize,
        rules: Option<usize>,
    },
}

/// Builds a `ScanReport` one input at a time, so that each input's text can be dropped
/// before the next is read.
pub struct ScanBuilder<'c> {
    catalog: &'c Catalog,
    inputs: Vec<ScanInput>,
    /// What each distinct type says, with the type's text shared by all its resources.
    types: HashMap<(Source, String), (TypeAnswer, Arc<str>)>,
    in_use: BTreeMap<(usize, Option<usize>), Vec<ResourceRef>>,
    unmapped: BTreeMap<Arc<str>, Vec<ResourceRef>>,
    ignored: BTreeMap<Arc<str>, Vec<ResourceRef>>,
}

impl Catalog {
    /// Starts a scan report against this catalog.
    pub fn scan(&self) -> ScanBuilder<'_> {
        ScanBuilder {
            catalog: self,
            inputs: Vec::new(),
            types: HashMap::new(),
            in_use: BTreeMap::new(),
            unmapped: BTreeMap::new(),
            ignored: BTreeMap::new(),
        }
    }
}

impl ScanBuilder<'_> {
    /// Records an input that was read, in the order given.
    pub fn input(&mut self, path: String, kind: InputKind) {
        self.inputs.push(ScanInput { path, kind });
    }

    /// Maps one resource and files it under its service, unmapped or ignored.
    pub fn add(&mut self, resource: Resource<'_>) {
        let (answer, resource_type) = self.type_answer(&resource);
        let reference = ResourceRef {
            address: resource.address.to_string(),
            resource_type,
            file: resource.location.file.clone(),
            line: (resource.location.line > 0).then_some(resource.location.line),
            column: resource.location.column,
        };
        match answer {
            TypeAnswer::Ignored => group(&mut self.ignored, reference),
            TypeAnswer::Unmapped => group(&mut self.unmapped, reference),
            TypeAnswer::Mapped { service, rules } => {
                let target = match rules {
                    Some(r) => self.decide(&resource, service, r),
                    None => Target {
                        service,
                        variant: None,
                    },
                };
                self.in_use
                    .entry((target.service, target.variant))
                    .or_default()
                    .push(reference);
            }
        }
    }

    /// What the type says, looked up once per distinct type.
    fn type_answer(&mut self, resource: &Resource) -> (TypeAnswer, Arc<str>) {
        let key = (resource.source, resource.resource_type.to_string());
        if let Some((answer, name)) = self.types.get(&key) {
            return (*answer, name.clone());
        }
        let answer = type_answer(self.catalog, resource);
        let name: Arc<str> = resource.resource_type.as_ref().into();
        self.types.insert(key, (answer, name.clone()));
        (answer, name)
    }

    /// Tries the type's rules in order (see `data/scan.yaml`).
    fn decide(&self, resource: &Resource, service: usize, rules: usize) -> Target {
        let catalog = self.catalog;
        let rules: &[ScanRule] = &type_rules(catalog, resource.source)[rules].rules;
        let fallback = Target {
            service,
            variant: None,
        };
        // Rules that might hold, from the first whose values are not known to the first
        // that holds: when they agree on a service (or variant), that much is known.
        let mut possible: Vec<Target> = Vec::new();
        for rule in rules {
            match holds(rule, resource) {
                Truth::False => {}
                Truth::True if possible.is_empty() => return target_of(catalog, rule, fallback),
                Truth::True => {
                    possible.push(target_of(catalog, rule, fallback));
                    return agreed(&possible, fallback);
                }
                Truth::Unknown => possible.push(target_of(catalog, rule, fallback)),
            }
        }
        possible.push(fallback);
        agreed(&possible, fallback)
    }

    /// The report, services sorted by id (a service as a whole before its variants).
    pub fn finish(self) -> ScanReport {
        let catalog = self.catalog;
        let mut services: Vec<ServiceInUse> = self
            .in_use
            .into_iter()
            .map(|((service, variant), resources)| {
                service_in_use(catalog, Target { service, variant }, resources)
            })
            .collect();
        services.sort_by(|a, b| {
            (&a.service, a.variant.is_some(), &a.variant).cmp(&(
                &b.service,
                b.variant.is_some(),
                &b.variant,
            ))
        });
        let groups = |map: BTreeMap<Arc<str>, Vec<ResourceRef>>| -> Vec<ResourceGroup> {
            map.into_iter()
                .map(|(resource_type, resources)| ResourceGroup {
                    resource_type,
                    resources,
                })
                .collect()
        };
        let unmapped = groups(self.unmapped);
        let ignored = groups(self.ignored);
        let count = |groups: &[ResourceGroup]| groups.iter().map(|g| g.resources.len()).sum();
        let mapped: usize = services.iter().map(|s| s.resources.len()).sum();
        let mut distinct: Vec<&str> = services.iter().map(|s| s.service.as_ref()).collect();
        distinct.dedup();
        let summary = ScanSummary {
            resources: mapped + count(&unmapped) + count(&ignored),
            mapped,
            unmapped: count(&unmapped),
            ignored: count(&ignored),
            services: distinct.len(),
            gaps: services
                .iter()
                .flat_map(|s| &s.duties)
                .filter(|d| d.team.is_none())
                .count(),
        };
        ScanReport {
            inputs: self.inputs,
            summary,
            services,
            unmapped,
            ignored,
        }
    }
}

fn group(map: &mut BTreeMap<Arc<str>, Vec<ResourceRef>>, reference: ResourceRef) {
    match map.get_mut(&reference.resource_type) {
        Some(list) => list.push(reference),
        None => {
            map.insert(reference.resource_type.clone(), vec![reference]);
        }
    }
}

fn type_rules(catalog: &Catalog, source: Source) -> &[TypeRules] {
    match source {
        Source::Terraform => &catalog.scan.terraform,
        Source::CloudFormation => &catalog.scan.cloudformation,
    }
}

fn type_answer(catalog: &Catalog, resource: &Resource) -> TypeAnswer {
    let scan = &catalog.scan;
    let resource_type = resource.resource_type.as_ref();
    let ignored = match resource.source {
        Source::Terraform => !resource
            .provider
            .as_deref()
            .is_some_and(|p| scan.terraform_providers.iter().any(|aws| aws == p)),
        Source::CloudFormation => best_type_match(
            scan.cloudformation_ignored.iter().map(|p| p.as_ref()),
            resource_type,
        )
        .is_some(),
    };
    if ignored {
        return TypeAnswer::Ignored;
    }
    let Some(service) = service_for_type(catalog, resource.source, resource_type) else {
        return TypeAnswer::Unmapped;
    };
    let rules = best_type_match(
        type_rules(catalog, resource.source)
            .iter()
            .map(|t| t.resource_type.as_ref()),
        resource_type,
    );
    TypeAnswer::Mapped { service, rules }
}

/// The service whose `ids` name `resource_type` most closely.
fn service_for_type(catalog: &Catalog, source: Source, resource_type: &str) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (s, service) in catalog.services.iter().enumerate() {
        let ids = match source {
            Source::Terraform => &service.ids.terraform,
            Source::CloudFormation => &service.ids.cloudformation,
        };
        for id in ids.iter() {
            if let Some(score) = crate::catalog::type_match(id, resource_type) {
                if best.is_none_or(|(b, _)| score > b) {
                    best = Some((score, s));
                }
            }
        }
    }
    best.map(|(_, s)| s)
}

/// A rule's answer as a target; a name the catalog (with overlays) lacks falls back to
/// what the type says, since `data/scan.yaml` is checked against the embedded catalog.
fn target_of(catalog: &Catalog, rule: &ScanRule, fallback: Target) -> Target {
    let Some(service) = catalog.services.iter().position(|s| s.id == rule.service) else {
        return fallback;
    };
    let variant = rule
        .variant
        .as_ref()
        .and_then(|v| catalog.services[service].variant_index(v));
    Target { service, variant }
}

/// What all `possible` targets share: the service with the variant if they agree on both,
/// the service alone if only on that, else `fallback`.
fn agreed(possible: &[Target], fallback: Target) -> Target {
    let first = possible[0];
    if possible.iter().all(|t| *t == first) {
        first
    } else if possible.iter().all(|t| t.service == first.service) {
        Target {
            service: first.service,
            variant: None,
        }
    } else {
        fallback
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Truth {
    True,
    False,
    Unknown,
}

fn holds(rule: &ScanRule, resource: &Resource) -> Truth {
    let mut truth = Truth::True;
    for condition in rule.when.iter() {
        match test(&condition.test, resource.values(&condition.attribute)) {
            Truth::False => return Truth::False,
            Truth::Unknown => truth = Truth::Unknown,
            Truth::True => {}
        }
    }
    truth
}

/// One test over the values at a path: false as soon as a known value fails it, unknown
/// when only unknown values could still make it fail or hold.
fn test(test: &AttributeTest, values: &[Leaf]) -> Truth {
    let unknown = values.contains(&Leaf::Unknown);
    let known = values.iter().filter(|v| **v != Leaf::Unknown);
    let all_match = |matches: &dyn Fn(&str) -> bool| {
        let mut any = false;
        for value in known.clone() {
            match value {
                Leaf::Value(text) if matches(text) => any = true,
                _ => return Truth::False,
            }
        }
        match (unknown, any) {
            (true, _) => Truth::Unknown,
            (false, true) => Truth::True,
            (false, false) => Truth::False,
        }
    };
    match test {
        AttributeTest::Present => match (known.count() > 0, unknown) {
            (true, _) => Truth::True,
            (false, true) => Truth::Unknown,
            (false, false) => Truth::False,
        },
        AttributeTest::Absent => match (known.count() > 0, unknown) {
            (true, _) => Truth::False,
            (false, true) => Truth::Unknown,
            (false, false) => Truth::True,
        },
        AttributeTest::OneOf(options) => {
            all_match(&|text| options.iter().any(|o| o.eq_ignore_ascii_case(text)))
        }
        AttributeTest::StartsWith(prefixes) => all_match(&|text| {
            prefixes
                .iter()
                .any(|p| text.len() >= p.len() && text[..p.len()].eq_ignore_ascii_case(p))
        }),
    }
}

fn service_in_use(catalog: &Catalog, target: Target, resources: Vec<ResourceRef>) -> ServiceInUse {
    let service = &catalog.services[target.service];
    let variant = target.variant.map(|v| &service.variants[v]);
    let duties = (0..catalog.layers.len())
        .filter_map(|l| {
            let answer = catalog.layer_answer(target, l);
            if answer.owner == OwnerAnswer::Owner(Owner::Aws) {
                return None;
            }
            let variants = answer
                .variants
                .filter(|_| answer.owner == OwnerAnswer::Varies);
            let variants: Option<Vec<VariantDuty>> = variants.map(|list| {
                list.into_iter()
                    .map(|v| VariantDuty {
                        variant: v.variant,
                        owner: v.owner,
                        customer: v.customer,
                        team: v.team,
                    })
                    .collect()
            });
            // When the owner varies, a team carries the duty if one team carries every
            // variant's part that is not AWS's alone.
            let team = match &variants {
                None => answer.team,
                Some(list) => {
                    let mut teams = list
                        .iter()
                        .filter(|v| v.owner != Owner::Aws)
                        .map(|v| v.team.clone());
                    let first = teams.next().flatten();
                    if teams.all(|t| t == first) {
                        first
                    } else {
                        None
                    }
                }
            };
            Some(ServiceDuty {
                layer: answer.layer,
                owner: answer.owner,
                customer: answer.customer,
                team,
                sources: answer.sources,
                variants,
            })
        })
        .collect();
    ServiceInUse {
        service: service.id.clone(),
        variant: variant.map(|v| v.id.clone()),
        name: variant.map_or(&service.name, |v| &v.name).clone(),
        resources,
        duties,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(list: &[&str]) -> Vec<Leaf> {
        list.iter()
            .map(|v| match *v {
                "?" => Leaf::Unknown,
                "{}" => Leaf::Block,
                text => Leaf::Value(text.to_string()),
            })
            .collect()
    }

    #[test]
    fn tests_have_three_outcomes() {
        let one_of = AttributeTest::OneOf(vec!["FARGATE".into(), "FARGATE_SPOT".into()].into());
        assert_eq!(test(&one_of, &values(&["fargate"])), Truth::True);
        assert_eq!(test(&one_of, &values(&["FARGATE", "my-cp"])), Truth::False);
        assert_eq!(test(&one_of, &values(&["FARGATE", "?"])), Truth::Unknown);
        assert_eq!(test(&one_of, &values(&["EC2", "?"])), Truth::False);
        assert_eq!(test(&one_of, &values(&[])), Truth::False);
        assert_eq!(test(&one_of, &values(&["{}"])), Truth::False);
        let prefix = AttributeTest::StartsWith(vec!["aurora".into()].into());
        assert_eq!(test(&prefix, &values(&["Aurora-PostgreSQL"])), Truth::True);
        assert_eq!(test(&prefix, &values(&["postgres"])), Truth::False);
        assert_eq!(test(&AttributeTest::Present, &values(&["{}"])), Truth::True);
        assert_eq!(
            test(&AttributeTest::Present, &values(&["?"])),
            Truth::Unknown
        );
        assert_eq!(test(&AttributeTest::Present, &values(&[])), Truth::False);
        assert_eq!(test(&AttributeTest::Absent, &values(&[])), Truth::True);
        assert_eq!(
            test(&AttributeTest::Absent, &values(&["?"])),
            Truth::Unknown
        );
        assert_eq!(
            test(&AttributeTest::Absent, &values(&["Zip"])),
            Truth::False
        );
    }
}
