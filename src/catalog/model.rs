//! The catalog's types, as the rest of the program sees them once loading has checked them.

use std::collections::HashMap;
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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

/// Position of a layer in the stack (0 is physical security); indexes `Service::layers`.
pub type LayerIndex = usize;

#[derive(Debug, Clone)]
pub struct Layer {
    pub id: String,
    pub name: String,
    pub short: String,
    pub description: String,
    pub aliases: Vec<String>,
}

/// One layer of one service: the owner, each side's part, and the pages that say so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Responsibility {
    pub owner: Owner,
    pub aws: String,
    pub customer: String,
    pub sources: Vec<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Variant {
    pub id: String,
    pub name: String,
    pub managed: bool,
    pub model: Model,
    /// Indexed by `LayerIndex`; `None` where the service's own entry holds.
    pub overrides: Vec<Option<Responsibility>>,
}

#[derive(Debug, Clone)]
pub struct Service {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub category: String,
    pub managed: bool,
    pub model: Model,
    pub reviewed: String,
    /// One entry per layer, in stack order.
    pub layers: Vec<Responsibility>,
    pub variants: Vec<Variant>,
    /// The file the service was read from, for messages.
    pub file: String,
}

impl Service {
    /// The entry that holds for `layer`, for the variant at `variant` or the service itself.
    pub fn responsibility(&self, variant: Option<usize>, layer: LayerIndex) -> &Responsibility {
        variant
            .and_then(|v| self.variants[v].overrides[layer].as_ref())
            .unwrap_or(&self.layers[layer])
    }

    pub fn variant_index(&self, id: &str) -> Option<usize> {
        self.variants.iter().position(|v| v.id == id)
    }
}

/// A name that could mean several layers; asking for it is an error listing them.
#[derive(Debug, Clone)]
pub struct AmbiguousName {
    pub name: String,
    pub layers: Vec<LayerIndex>,
}

#[derive(Debug, Clone)]
pub struct Catalog {
    pub layers: Vec<Layer>,
    pub ambiguous: Vec<AmbiguousName>,
    pub services: Vec<Service>,
    /// Lower-case service ids and aliases to their index in `services`.
    pub service_names: HashMap<String, usize>,
    /// Lower-case layer ids and aliases to their index in `layers`.
    pub layer_names: HashMap<String, LayerIndex>,
}
