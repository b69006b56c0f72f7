//! The catalog: the responsibility layers and, for each AWS service, who owns each layer.
//!
//! `model` holds the types, `load` turns YAML files into them and checks them, and
//! `embedded` holds the files compiled into the binary.

mod embedded;
mod load;
mod model;

pub use crate::problem::Problem;
pub use load::{load, load_embedded};
pub use model::*;
