//! The query engine: resolves names the user typed and builds answers as plain data.
//! Answers are the public JSON/YAML contract; renderers only lay them out.

mod answers;
mod diagram;
mod diff;
mod export;
mod policies;
mod resolve;
mod scan;
mod search;

pub use answers::*;
pub use diagram::*;
pub use diff::*;
pub use export::*;
pub use policies::*;
pub use resolve::{normalize, parse_filter, Target};
pub use scan::*;
pub use search::SearchHit;
