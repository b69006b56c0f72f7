//! Reading infrastructure code for `cloudsrm scan`: Terraform JSON (`terraform show
//! -json` of a plan or of state), CloudFormation and SAM templates (JSON or YAML), and CDK
//! cloud assemblies, each turned into one plain list of `Resource`s. The kind of input is
//! told from its content, never from its file name.
//!
//! Readers keep only what mapping needs: a resource's type, its address or logical id,
//! where it is written, and the few attributes that `data/scan.yaml`'s rules test for its
//! type. They hand each `Resource` to a sink as soon as it is read, so that a plan of
//! hundreds of megabytes never has its resources held in a second list beside its text.
//! Which service a resource answers for is decided in `query::scan`, not here.

pub mod cdk;
pub mod cloudformation;
pub mod terraform;

use std::borrow::Cow;
use std::path::Path;

use serde::Serialize;

use crate::catalog::{best_type_match, ScanRules, TypeRules};
use crate::problem::Problem;

/// Scan inputs larger than this are refused. Terraform plans of large estates reach
/// hundreds of megabytes; a plan is read into memory once, so this also bounds memory.
pub const MAX_SCAN_BYTES: u64 = 1024 * 1024 * 1024;

/// Which language a resource was written in; it decides how its type is spelled and which
/// of a service's `ids` name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    Terraform,
    CloudFormation,
}

/// What one input on the command line turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// `terraform show -json` of a saved plan: `resource_changes`.
    TerraformPlan,
    /// `terraform show -json` of state: `values.root_module`.
    TerraformState,
    CloudFormation,
    /// A CloudFormation template with the `AWS::Serverless-2016-10-31` transform.
    Sam,
    /// A CDK cloud assembly (`cdk.out`): the stacks its manifest lists.
    Cdk,
}

impl InputKind {
    pub fn as_str(self) -> &'static str {
        match self {
            InputKind::TerraformPlan => "terraform-plan",
            InputKind::TerraformState => "terraform-state",
            InputKind::CloudFormation => "cloudformation",
            InputKind::Sam => "sam",
            InputKind::Cdk => "cdk",
        }
    }
}

impl Serialize for InputKind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One value found at an attribute path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Leaf {
    /// A scalar as text: strings as written, booleans `true`/`false`, numbers as written.
    Value(String),
    /// A block or mapping: present, with no single value to compare.
    Block,
    /// Not known: Terraform will know it only after apply, or a CloudFormation intrinsic
    /// function computes it.
    Unknown,
}

/// The values found at one attribute path of a resource (a list on the way gives one
/// value per element). Empty when the attribute is missing, null, an empty string or an
/// empty list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    pub path: String,
    pub values: Vec<Leaf>,
}

/// Where a resource is written. `line` and `column` are 1-based, 0 when not known
/// (Terraform JSON gives no positions that mean anything to a reader).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// Shared by every resource of the file.
    pub file: std::sync::Arc<str>,
    pub line: u64,
    pub column: u64,
}

/// One resource of infrastructure code, as mapping needs it. Strings borrow from the
/// input's text where they can, so a large plan is not copied again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resource<'a> {
    pub source: Source,
    /// Terraform's address (`module.app.aws_ecs_service.web`) or the template's logical id.
    pub address: Cow<'a, str>,
    /// `aws_ecs_service`, `AWS::ECS::Service`.
    pub resource_type: Cow<'a, str>,
    /// The Terraform provider type (`aws`, `google`), from `provider_name`; `None` for
    /// CloudFormation.
    pub provider: Option<Cow<'a, str>>,
    /// Only the attributes that the rules for this type test, in the rules' spelling.
    pub attributes: Vec<Attribute>,
    pub location: Location,
}

impl Resource<'_> {
    /// The values found at `path`; empty when the reader did not keep it.
    pub fn values(&self, path: &str) -> &[Leaf] {
        self.attributes
            .iter()
            .find(|a| a.path == path)
            .map_or(&[], |a| &a.values)
    }
}

/// Where readers put each resource they read: the mapping of `query::scan`, or a list.
pub type Sink<'s, 'a> = &'s mut dyn FnMut(Resource<'a>);

/// The attribute paths that the rules for `resource_type` test, so that a reader keeps
/// those and nothing else.
pub fn wanted<'r>(rules: &'r ScanRules, source: Source, resource_type: &str) -> Vec<&'r str> {
    let types: &[TypeRules] = match source {
        Source::Terraform => &rules.terraform,
        Source::CloudFormation => &rules.cloudformation,
    };
    let Some(best) = best_type_match(
        types.iter().map(|t| t.resource_type.as_ref()),
        resource_type,
    ) else {
        return Vec::new();
    };
    let mut paths: Vec<&str> = types[best]
        .rules
        .iter()
        .flat_map(|rule| rule.when.iter().map(|c| c.attribute.as_ref()))
        .collect();
    paths.sort_unstable();
    paths.dedup();
    paths
}

/// Reads one path of the command line: a folder is a CDK cloud assembly, `-` is standard
/// input, anything else a file whose content says what it is. Each resource goes to
/// `sink` while the input's text is alive (resources borrow from it); the text is dropped
/// when this returns. Returns how messages name the input and what kind it was.
pub fn read_path(
    path: &Path,
    rules: &ScanRules,
    sink: &mut dyn FnMut(Resource<'_>),
) -> Result<(String, InputKind), Problem> {
    if path.is_dir() {
        let kind = cdk::read_assembly(path, rules, sink)?;
        return Ok((path.display().to_string(), kind));
    }
    let (name, text) =
        crate::files::read_input_up_to(path, MAX_SCAN_BYTES).map_err(|err| match err {
            crate::error::Error::Read { path, reason } => {
                problem(&path, format!("cannot read: {reason}"))
            }
            other => problem(&path.display().to_string(), other.to_string()),
        })?;
    let kind = read_text(path, &name, &text, rules, sink)?;
    Ok((name, kind))
}

/// Reads one file's text (`name` is how messages call it; `path` locates the files a CDK
/// manifest names). The kind is told from the content: JSON holding `format_version` is
/// Terraform's, a document with `Resources` is a template, one with `artifacts` a CDK
/// manifest.
pub fn read_text<'a>(
    path: &Path,
    name: &str,
    text: &'a str,
    rules: &ScanRules,
    sink: Sink<'_, 'a>,
) -> Result<InputKind, Problem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let json_error = if text.trim_start().starts_with('{') {
        match terraform::read(name, text, rules, sink) {
            Ok(terraform::Json::Terraform(kind)) => return Ok(kind),
            Ok(terraform::Json::CdkManifest) => {
                if name == "<stdin>" {
                    return Err(problem(
                        name,
                        "a CDK cloud assembly manifest cannot be read from standard input; name the assembly's directory (cdk.out)",
                    ));
                }
                let dir = match path.parent() {
                    Some(dir) if !dir.as_os_str().is_empty() => dir,
                    _ => Path::new("."),
                };
                // Templates are read into owned resources, which any sink takes.
                return cdk::read_assembly(dir, rules, &mut |r| sink(r));
            }
            Ok(terraform::Json::RawState) => {
                return Err(problem(
                    name,
                    "this is a Terraform state file; scan reads `terraform show -json` (run it and scan its output)",
                ))
            }
            Ok(terraform::Json::CloudFormation) => None,
            Ok(terraform::Json::Other) => return Err(unrecognised(name)),
            // YAML may start with `{` too: try it before giving the JSON error.
            Err(err) => Some(err),
        }
    } else {
        None
    };
    let document = match crate::yaml::parse_value(text) {
        Ok(document) => document,
        Err(err) => {
            return Err(json_error.unwrap_or(Problem {
                file: name.to_string(),
                line: err.line,
                column: err.column,
                message: err.message,
            }))
        }
    };
    if !cloudformation::is_template(&document) {
        return Err(json_error.unwrap_or_else(|| unrecognised(name)));
    }
    let template = cloudformation::read(name, &document, rules, sink)?;
    Ok(template.kind)
}

fn unrecognised(name: &str) -> Problem {
    problem(
        name,
        "not infrastructure code that scan reads: expected `terraform show -json` output, a CloudFormation or SAM template, or a CDK cloud assembly",
    )
}

/// A problem with no position.
pub(crate) fn problem(name: &str, message: impl Into<String>) -> Problem {
    Problem {
        file: name.to_string(),
        line: 0,
        column: 0,
        message: message.into(),
    }
}
