//! The catalog: the responsibility layers and, for each AWS service, who owns each layer.
//!
//! `model` holds the types, `load` turns YAML files into them and checks them, `controls`
//! reads the layer-to-control mapping, and `generated` is the catalog of `data/` as static
//! Rust, written by `tests/it/codegen.rs`.

mod controls;
#[rustfmt::skip]
mod generated;
mod load;
mod model;
mod overlay;
mod scan_rules;

pub use crate::problem::Problem;
pub use controls::load_controls;
pub use load::{load, load_dir, load_policies};
pub use model::*;
pub use overlay::{apply_overlay, overlay_schema};
pub use scan_rules::load_scan_rules;

/// The catalog compiled into the binary from `data/`.
pub fn embedded() -> &'static Catalog {
    &generated::EMBEDDED
}
