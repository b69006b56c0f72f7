//! Rendering: answers and check results in, text out. Nothing here decides an owner.

pub mod github;
pub mod junit;
pub mod markdown;
pub mod oscal;
pub mod safe;
pub mod sarif;
pub mod structured;
pub mod svg;
pub mod tap;
pub mod text;

/// How text output looks, decided once by the CLI from the terminal and the environment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
    /// Width to fit tables into; `None` lets lines run as long as their content.
    pub width: Option<u16>,
}
