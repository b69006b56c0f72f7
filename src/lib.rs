//! cloudsrm: the AWS Shared Responsibility Model as a queryable catalog.
//!
//! `catalog` holds and loads the data, `query` resolves names and builds answers (as
//! methods on `Catalog`), `check` reads and checks assumptions files, `render` lays answers
//! out, and `app` runs one function per command. The README's Architecture section maps
//! every module and follows one command from argv to output.

#![forbid(unsafe_code)]
// Only the binary (src/main.rs) writes to the terminal; the library returns values.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod app;
pub mod catalog;
pub mod check;
pub mod cli;
pub mod date;
pub mod error;
pub mod exit_code;
pub mod files;
pub mod problem;
pub mod query;
pub mod render;
pub mod scan;
pub mod suggest;
pub mod yaml;
