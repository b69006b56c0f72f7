//! Checking ownership assumptions against the catalog: `assert` for one, `check` for files.
//! The results are plain data; renderers turn them into text, JSON, JUnit, TAP, SARIF or
//! GitHub annotations.

mod fast;
mod file;

pub use file::{
    parse, parse_entries_slowly, Assumption, AssumptionsFile, Entry, Field, ENTRY_KEYS,
};

/// The fast reader for plain assumptions files, exposed for the differential fuzz target.
pub fn parse_entries_fast(text: &str) -> Option<Vec<Entry>> {
    fast::parse(text)
}

use serde::Serialize;

use crate::catalog::{Catalog, List, Owner, Text};
use crate::query::{OwnerAnswer, ProblemRow};

/// The owner one variant gives a layer, for assumptions about a service whose variants differ.
#[derive(Debug, Clone, Serialize)]
pub struct VariantOwner {
    pub variant: Text,
    pub owner: Owner,
}

/// The outcome of one assumption.
#[derive(Debug, Clone, Serialize)]
pub struct CheckResult {
    /// Where the assumption is written (`None` for `assert` on the command line).
    pub file: Option<String>,
    pub line: Option<u64>,
    pub column: Option<u64>,
    pub service: Text,
    pub variant: Option<Text>,
    pub layer: Text,
    pub expected: Owner,
    /// The catalog's owner, or `varies` when the variants disagree.
    pub actual: OwnerAnswer,
    pub passed: bool,
    pub why: Option<Text>,
    /// A sentence saying what holds, or what the catalog says instead.
    pub message: String,
    /// Present when the service has variants that disagree on the layer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variants: Option<Vec<VariantOwner>>,
    /// The catalog's texts and sources, to show what each side does; only for a failed
    /// assumption (`None` and empty when it passed).
    pub aws: Option<Text>,
    pub customer: Option<Text>,
    pub sources: List<Text>,
}

#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct Summary {
    pub total: usize,
    pub passed: usize,
    pub failed: usize,
}

/// Everything `check` found, grouped by file in the order the files were given.
#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    pub results: Vec<CheckResult>,
    pub summary: Summary,
    /// The files read, including those without assumptions.
    pub files: Vec<String>,
    /// Files that hold no assumption: nothing in them was checked.
    pub empty: Vec<String>,
    /// Input that could not be read or parsed, each at its file:line:column (line and
    /// column 0 when unknown). When any is present no assumption was checked, and the
    /// command exits 2.
    pub errors: Vec<ProblemRow>,
}

impl CheckReport {
    pub fn new(files: Vec<String>, results: Vec<CheckResult>) -> Self {
        let passed = results.iter().filter(|r| r.passed).count();
        CheckReport {
            summary: Summary {
                total: results.len(),
                passed,
                failed: results.len() - passed,
            },
            empty: files
                .iter()
                .filter(|f| {
                    !results
                        .iter()
                        .any(|r| r.file.as_deref() == Some(f.as_str()))
                })
                .cloned()
                .collect(),
            results,
            files,
            errors: Vec::new(),
        }
    }

    /// A report of input that could not be read: no results, only the problems.
    pub fn unreadable(files: Vec<String>, errors: Vec<ProblemRow>) -> Self {
        CheckReport {
            errors,
            ..CheckReport::new(files, Vec::new())
        }
    }

    pub fn results_of<'a>(&'a self, file: &'a str) -> impl Iterator<Item = &'a CheckResult> + 'a {
        self.results
            .iter()
            .filter(move |r| r.file.as_deref() == Some(file))
    }
}

impl Catalog {
    /// Evaluates one assumption against the catalog.
    pub fn check(&self, assumption: &Assumption) -> CheckResult {
        let target = assumption.target;
        let answer = self.layer_answer(target, assumption.layer);
        let service = &self.services[target.service];
        let label = self.target_label(target);
        let layer = self.layers[assumption.layer].id.clone();
        let expected = assumption.owner;
        let passed = answer.owner == OwnerAnswer::Owner(expected);
        let variants = match answer.owner {
            OwnerAnswer::Varies => answer.variants.as_ref().map(|vs| {
                vs.iter()
                    .map(|v| VariantOwner {
                        variant: v.variant.clone(),
                        owner: v.owner,
                    })
                    .collect::<Vec<_>>()
            }),
            OwnerAnswer::Owner(_) => None,
        };
        let message = match (&variants, passed) {
            (_, true) => format!("{label} {layer} is owned by {expected}"),
            (Some(vs), false) => {
                let each: Vec<String> = vs
                    .iter()
                    .map(|v| format!("{label}:{} {}", v.variant, v.owner))
                    .collect();
                format!(
                    "expected {expected} for {label} {layer}, but its variants differ: {}; name one as SERVICE:VARIANT",
                    each.join(", ")
                )
            }
            (None, false) => format!(
                "expected {expected} for {label} {layer}, but the catalog says {}",
                answer.owner.as_str()
            ),
        };
        CheckResult {
            file: Some(assumption.file.clone()),
            line: Some(assumption.line),
            column: Some(assumption.column),
            service: service.id.clone(),
            variant: target.variant.map(|v| service.variants[v].id.clone()),
            layer,
            expected,
            actual: answer.owner,
            passed,
            why: assumption.why.clone().map(Into::into),
            message,
            variants,
            // What each side does matters when the belief was wrong; a passing result
            // stays small, which keeps reports of many thousands of assumptions light.
            aws: if passed { None } else { answer.aws },
            customer: if passed { None } else { answer.customer },
            sources: if passed {
                List::Borrowed(&[])
            } else {
                answer.sources
            },
        }
    }
}

/// The JSON Schema (draft-07, which YAML language servers understand) of assumptions files,
/// generated from the types the parser reads them into.
pub fn assumptions_schema() -> schemars::Schema {
    schemars::generate::SchemaSettings::draft07()
        .for_deserialize()
        .into_generator()
        .into_root_schema_for::<AssumptionsFile>()
}
