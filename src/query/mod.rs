//! The query engine: resolves names the user typed and builds answers as plain data.
//! Answers are the public JSON/YAML contract; renderers only lay them out.

mod answers;
mod resolve;

pub use answers::*;
pub use resolve::{parse_filter, Target};
