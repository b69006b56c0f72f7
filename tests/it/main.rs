//! The integration tests, as one test binary: one link instead of ten on a two-core
//! machine, and one place (`common`) that sets up the binary the same way for all.
//!
//! Generated files and expected outputs are refreshed with one command:
//! `SNAPSHOTS=overwrite TRYCMD=overwrite cargo test` (see the README, Development).

mod common;

mod catalog_data;
mod catalog_load;
mod check;
mod cli;
mod codegen;
mod diagram;
mod diff;
mod help;
mod hostile;
mod names;
mod oscal;
mod overlays;
mod readme;
mod records;
mod render;
mod scan;
mod scan_formats;
mod scan_rules;
mod shell;
mod term;
