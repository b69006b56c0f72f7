//! The catalog's types, as the rest of the program sees them once loading has checked them.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

/// Who carries a layer's duty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Owner {
    Aws,
    Customer,
    Shared,
}

impl Owner {
    pub const ALL: [Owner; 3] = [Owner::Aws, Owner::Customer, Owner::Shared];

    pub fn as_str(self) -> &'static str {
        match self {
            Owner::Aws => "aws",
            Owner::Customer => "customer",
            Owner::Shared => "shared",
        }
    }

    pub fn parse(name: &str) -> Option<Owner> {
        Owner::ALL
            .into_iter()
            .find(|o| o.as_str().eq_ignore_ascii_case(name.trim()))
    }
}

impl fmt::Display for Owner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The three kinds of service in the AWS security whitepapers. "Container" there means a
/// managed platform such as RDS or EMR, not Docker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Model {
    Infrastructure,
    Container,
    Abstracted,
}

impl Model {
    pub fn as_str(self) -> &'static str {
        match self {
            Model::Infrastructure => "infrastructure",
            Model::Container => "container",
            Model::Abstracted => "abstracted",
        }
    }
}

/// Text in the catalog: borrowed from the compiled-in catalog, or owned when read from a file.
pub type Text = Cow<'static, str>;

/// A list in the catalog, borrowed or owned like `Text`.
pub type List<T> = Cow<'static, [T]>;

/// Position of a layer in the stack (0 is physical security); indexes `Service::layers`.
pub type LayerIndex = usize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layer {
    pub id: Text,
    pub name: Text,
    pub short: Text,
    pub description: Text,
    pub aliases: List<Text>,
}

/// One layer of one service: the owner, each side's part, and the pages that say so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Responsibility {
    pub owner: Owner,
    pub aws: Text,
    pub customer: Text,
    pub sources: List<Text>,
    pub note: Option<Text>,
    /// The internal team that carries the customer's part, named by an overlay.
    pub team: Option<Text>,
    /// The overlay file this entry came from; `None` for the embedded catalog.
    pub origin: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub id: Text,
    pub name: Text,
    pub managed: bool,
    pub model: Model,
    /// Names people type for this variant alone (`rds-custom`), unique in the catalog.
    pub aliases: List<Text>,
    /// An exceptional mode (RDS Custom): the service asked without a variant keeps its own
    /// answer, and this variant answers only when named.
    pub exception: bool,
    /// Indexed by `LayerIndex`; `None` where the service's own entry holds.
    pub overrides: List<Option<Responsibility>>,
}

/// The names that join a service to the rest of AWS, each list possibly empty.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Ids {
    /// AWS CLI and SDK service names (`sesv2`, `ses`), as botocore names its folders.
    pub sdk: List<Text>,
    /// IAM action prefixes (`ses`), as the Service Authorization Reference lists them.
    pub iam: List<Text>,
    /// CloudFormation resource types (`AWS::EC2::Instance`) or namespaces (`AWS::Logs::*`).
    pub cloudformation: List<Text>,
    /// Terraform AWS provider resource types (`aws_instance`) or prefixes ending in `_`.
    pub terraform: List<Text>,
}

/// Something a service used to offer, kept so that asking for it says what happened
/// instead of silently answering for its successor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retired {
    /// The name people type (`aurora-serverless-v1`).
    pub name: Text,
    /// What was retired, when, and what to use now.
    pub note: Text,
    /// `SERVICE` or `SERVICE:VARIANT` that replaced it, if any.
    pub successor: Option<Text>,
    pub sources: List<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    pub id: Text,
    pub name: Text,
    pub aliases: List<Text>,
    pub category: Text,
    pub managed: bool,
    pub model: Model,
    pub reviewed: Text,
    /// One entry per layer, in stack order.
    pub layers: List<Responsibility>,
    pub variants: List<Variant>,
    pub ids: Ids,
    pub retired: List<Retired>,
    /// The file the service was read from, for messages.
    pub file: Text,
    /// The team that carries this service's customer-side duties unless a layer names one.
    pub team: Option<Text>,
}

impl Service {
    /// The entry that holds for `layer`, for the variant at `variant` or the service itself.
    pub fn responsibility(&self, variant: Option<usize>, layer: LayerIndex) -> &Responsibility {
        variant
            .and_then(|v| self.variants[v].overrides[layer].as_ref())
            .unwrap_or(&self.layers[layer])
    }

    /// The team that carries the customer's part of `layer`, if an overlay named one.
    /// AWS-owned layers have no customer part, so no team.
    pub fn team(&self, variant: Option<usize>, layer: LayerIndex) -> Option<&Text> {
        let entry = self.responsibility(variant, layer);
        if entry.owner == Owner::Aws {
            return None;
        }
        entry.team.as_ref().or(self.team.as_ref())
    }

    pub fn variant_index(&self, id: &str) -> Option<usize> {
        self.variants.iter().position(|v| v.id == id)
    }
}

/// A word people ask with (`mfa`, `patching`) and the layers it stands for, in stack
/// order. A word for several layers answers each of them where an answer may hold several.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    pub word: Text,
    pub layers: List<LayerIndex>,
}

/// A name (id or alias, lower case) and the index of what it names.
pub type NameEntry = (Text, usize);

/// A variant alias (lower case), its service's index and the variant's index.
pub type VariantName = (Text, usize, usize);

/// The whole catalog. The compiled-in one is a `static` built from `data/` by a test
/// (see `generated.rs`), so answering a question parses nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalog {
    pub layers: List<Layer>,
    /// Topic words, sorted by word.
    pub topics: List<Topic>,
    pub services: List<Service>,
    /// Service ids and aliases, sorted by name, to their index in `services`.
    pub service_names: List<NameEntry>,
    /// Variant aliases, sorted by name, to their service and variant indexes.
    pub variant_names: List<VariantName>,
    /// Layer ids and aliases, sorted by name, to their index in `layers`.
    pub layer_names: List<NameEntry>,
    pub policies: Policies,
    /// The security controls each layer's duties bear on, for OSCAL exports.
    pub controls: ControlMap,
    /// How `scan` tells a resource's service and variant beyond its type (`data/scan.yaml`).
    pub scan: ScanRules,
}

/// Which NIST SP 800-53 rev5 controls the duties of each layer bear on, from
/// `data/controls.yaml`. The mapping is cloudsrm's reading of the controls, not AWS's.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ControlMap {
    /// The OSCAL catalog that defines the control ids (an https URL).
    pub catalog: Text,
    /// The OSCAL profile an exported system security plan imports unless told otherwise.
    pub profile: Text,
    /// Indexed by `LayerIndex`; empty when the catalog has no control mapping. A control
    /// appears under one layer only.
    pub layers: List<List<Control>>,
}

/// One control of the mapping.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Control {
    /// As NIST's OSCAL catalogs write it: `si-2`, `sc-8.1`.
    pub id: Text,
    /// The control's title in the catalog.
    pub title: Text,
    /// Why the layer's duties meet this control, in one line.
    pub reason: Text,
}

/// What `cloudsrm scan` needs beyond the services' `ids`: which Terraform providers are
/// AWS, which CloudFormation types are not AWS resources, and the rules that pick a
/// variant (or, for a few types, another service) from a resource's attributes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ScanRules {
    /// Terraform provider types (`aws`) whose resources are AWS resources; those of every
    /// other provider are counted as ignored.
    pub terraform_providers: List<Text>,
    /// CloudFormation types that are not AWS resources (`Custom::*`, `AWS::CDK::Metadata`):
    /// exact types, or prefixes ending in `*`.
    pub cloudformation_ignored: List<Text>,
    pub terraform: List<TypeRules>,
    pub cloudformation: List<TypeRules>,
}

/// The rules for the resource types one pattern names, tried in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeRules {
    /// An exact resource type, or a prefix: Terraform's ends in `_`, CloudFormation's in
    /// `*`. An exact type wins over a prefix, and a longer prefix over a shorter one.
    pub resource_type: Text,
    pub rules: List<ScanRule>,
}

/// When every condition holds, the resource answers for `service` (and `variant`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanRule {
    /// Empty: the rule always holds (the type alone decides).
    pub when: List<Condition>,
    /// A service id of the catalog.
    pub service: Text,
    /// A variant id of that service; `None` answers for the service as a whole.
    pub variant: Option<Text>,
}

/// A test of the values found at one attribute path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    /// Keys separated by dots (`compute_config.enabled`, `ComputeResources.Type`); a list
    /// on the way stands for each of its elements.
    pub attribute: Text,
    pub test: AttributeTest,
}

/// What the values at an attribute path must be. Comparisons ignore ASCII case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttributeTest {
    /// At least one value (a scalar, or a block or mapping).
    Present,
    /// No value at all (missing, null, or an empty list).
    Absent,
    /// At least one value, and every value is one of these.
    OneOf(List<Text>),
    /// At least one value, and every value starts with one of these.
    StartsWith(List<Text>),
}

/// The parts of the model beyond ownership: testing and health.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Policies {
    pub pentest: PentestPolicy,
    pub acceptable_use: AcceptableUse,
    pub health: Health,
}

/// AWS's Acceptable Use Policy, summarised in the catalog's own words.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AcceptableUse {
    pub policy: Text,
    pub sources: List<Text>,
    /// When the summary was last checked against the policy page (YYYY-MM-DD).
    pub checked: Text,
    pub note: Text,
    pub prohibited: List<ProhibitedUse>,
    /// What AWS may do about a violation.
    pub aws_may: List<Text>,
    /// What the customer must do.
    pub customer_must: List<Text>,
}

/// One category of use the Acceptable Use Policy forbids.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ProhibitedUse {
    pub category: Text,
    pub summary: Text,
}

/// AWS's penetration-testing policy: which services customers may test without asking.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PentestPolicy {
    pub policy: Text,
    pub sources: List<Text>,
    pub checked: Text,
    pub note: Text,
    pub permitted: List<PermittedService>,
    pub prohibited: List<Text>,
    /// Services AWS does not let customers test at all, with why.
    pub untestable: List<UntestableService>,
}

/// A service the policy (or the service's own documentation) rules out for testing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UntestableService {
    /// A service id in the catalog.
    pub service: Text,
    pub reason: Text,
    pub source: Text,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PermittedService {
    /// A service id in the catalog.
    pub service: Text,
    /// What of that service may be tested.
    pub scope: Text,
}

/// Where AWS publishes the health of its services.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Health {
    pub public_dashboard: Text,
    pub account_dashboard: Text,
    pub sources: List<Text>,
    pub note: Text,
}

impl Catalog {
    pub fn service_named(&self, name: &str) -> Option<usize> {
        lookup(&self.service_names, name)
    }

    pub fn layer_named(&self, name: &str) -> Option<LayerIndex> {
        lookup(&self.layer_names, name)
    }

    /// The topic a word is, if any.
    pub fn topic(&self, word: &str) -> Option<&Topic> {
        self.topics
            .binary_search_by(|t| t.word.as_ref().cmp(word))
            .ok()
            .map(|i| &self.topics[i])
    }

    /// The service and variant a variant alias names.
    pub fn variant_named(&self, name: &str) -> Option<(usize, usize)> {
        self.variant_names
            .binary_search_by(|(n, _, _)| n.as_ref().cmp(name))
            .ok()
            .map(|i| (self.variant_names[i].1, self.variant_names[i].2))
    }
}

fn lookup(names: &[NameEntry], name: &str) -> Option<usize> {
    names
        .binary_search_by(|(n, _)| n.as_ref().cmp(name))
        .ok()
        .map(|i| names[i].1)
}

/// The variant-alias index of `services`, sorted for `Catalog::variant_named`.
pub fn variant_name_index(services: &[Service]) -> List<VariantName> {
    let mut names: Vec<VariantName> = Vec::new();
    for (s, service) in services.iter().enumerate() {
        for (v, variant) in service.variants.iter().enumerate() {
            names.extend(variant.aliases.iter().map(|a| (a.clone(), s, v)));
        }
    }
    names.sort();
    Cow::Owned(names)
}

/// Sorts a name index so that `lookup` can search it.
pub fn sorted_names(mut names: Vec<NameEntry>) -> List<NameEntry> {
    names.sort();
    Cow::Owned(names)
}

/// How closely `pattern` names `resource_type`: `Some(usize::MAX)` for the exact type,
/// `Some(length of the prefix)` for a prefix pattern (ending in `_` for Terraform, `*`
/// for CloudFormation) that it starts with, `None` otherwise. The highest wins, so an
/// exact type beats any prefix and a longer prefix a shorter one.
pub fn type_match(pattern: &str, resource_type: &str) -> Option<usize> {
    if pattern == resource_type {
        return Some(usize::MAX);
    }
    let prefix = pattern
        .strip_suffix('*')
        .or_else(|| pattern.ends_with('_').then_some(pattern))?;
    resource_type.starts_with(prefix).then_some(prefix.len())
}

/// The index of the pattern in `patterns` that names `resource_type` most closely.
pub fn best_type_match<'a>(
    patterns: impl IntoIterator<Item = &'a str>,
    resource_type: &str,
) -> Option<usize> {
    patterns
        .into_iter()
        .enumerate()
        .filter_map(|(i, p)| type_match(p, resource_type).map(|score| (score, i)))
        // Earlier patterns win ties, which only duplicates can cause.
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
        .map(|(_, i)| i)
}
