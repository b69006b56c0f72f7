//! Rendering: answers and check results in, text out. Nothing here decides an owner.

pub mod github;
pub mod junit;
pub mod markdown;
pub mod oscal;
pub mod records;
pub mod safe;
pub mod sarif;
pub mod structured;
pub mod svg;
mod table;
pub mod tap;
pub mod text;

/// How text output looks, decided once by the CLI from the terminal and the environment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
    /// Characters to fit each line into; `None` lets lines run as long as their content.
    /// A word longer than the width (an address, say) still prints whole, on a line of
    /// its own.
    pub width: Option<u16>,
    /// Standard output is a terminal: a person reads it, so pictures are drawn as text.
    pub terminal: bool,
}
