//! CDK cloud assemblies (`cdk.out`): `manifest.json` lists the artifacts; each
//! `aws:cloudformation:stack` names its template (`properties.templateFile`), each
//! `cdk:cloud-assembly` a nested assembly (`properties.directoryName`, a CDK Stage), and a
//! stack's nested stacks are templates named by `aws:asset:path` metadata.
//!
//! Every file named must lie inside the assembly's folder.

use std::collections::{BTreeMap, HashSet};
use std::path::{Component, Path, PathBuf};

use serde::Deserialize;

use super::{cloudformation, InputKind, Resource};
use crate::catalog::ScanRules;
use crate::problem::Problem;

/// Assemblies nest one per CDK Stage inside another; deeper than this is a loop or a
/// crafted folder.
const MAX_DEPTH: usize = 16;

#[derive(Deserialize)]
struct Manifest {
    #[serde(default)]
    artifacts: BTreeMap<String, Artifact>,
}

#[derive(Deserialize)]
struct Artifact {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    properties: Option<Properties>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Properties {
    template_file: Option<String>,
    directory_name: Option<String>,
}

/// Reads every stack of the assembly in `dir` and of the assemblies nested in it,
/// handing each resource to `sink`.
pub fn read_assembly(
    dir: &Path,
    rules: &ScanRules,
    sink: &mut dyn FnMut(Resource<'static>),
) -> Result<InputKind, Problem> {
    let mut reader = AssemblyReader {
        rules,
        seen: HashSet::new(),
        sink,
    };
    reader.assembly(dir, 0)?;
    Ok(InputKind::Cdk)
}

struct AssemblyReader<'r, 's> {
    rules: &'r ScanRules,
    /// Files already read, so that a template named twice counts once.
    seen: HashSet<PathBuf>,
    sink: &'s mut dyn FnMut(Resource<'static>),
}

impl AssemblyReader<'_, '_> {
    fn assembly(&mut self, dir: &Path, depth: usize) -> Result<(), Problem> {
        let shown = dir.display().to_string();
        let manifest_path = dir.join("manifest.json");
        if !manifest_path.is_file() {
            return Err(super::problem(
                &shown,
                "a folder, but not a CDK cloud assembly: it has no manifest.json",
            ));
        }
        if depth > MAX_DEPTH {
            return Err(super::problem(
                &shown,
                format!("cloud assemblies nested more than {MAX_DEPTH} deep"),
            ));
        }
        if !self.first_time(&manifest_path) {
            return Ok(());
        }
        let (name, text) = read_file(&manifest_path)?;
        let manifest: Manifest = serde_json::from_str(&text).map_err(|err| Problem {
            file: name.clone(),
            line: err.line() as u64,
            column: err.column() as u64,
            message: format!("not a cloud assembly manifest: {}", strip_position(&err)),
        })?;
        for (id, artifact) in &manifest.artifacts {
            let properties = artifact.properties.as_ref();
            match artifact.kind.as_str() {
                "aws:cloudformation:stack" => {
                    let Some(file) = properties.and_then(|p| p.template_file.as_deref()) else {
                        return Err(super::problem(
                            &name,
                            format!("stack '{id}' names no templateFile"),
                        ));
                    };
                    let path = inside(dir, file, &name)?;
                    self.template(dir, &path, 0)?;
                }
                "cdk:cloud-assembly" => {
                    let Some(folder) = properties.and_then(|p| p.directory_name.as_deref()) else {
                        return Err(super::problem(
                            &name,
                            format!("nested assembly '{id}' names no directoryName"),
                        ));
                    };
                    let path = inside(dir, folder, &name)?;
                    self.assembly(&path, depth + 1)?;
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn template(&mut self, dir: &Path, path: &Path, depth: usize) -> Result<(), Problem> {
        if !self.first_time(path) {
            return Ok(());
        }
        if depth > MAX_DEPTH {
            return Err(super::problem(
                &path.display().to_string(),
                format!("nested stacks more than {MAX_DEPTH} deep"),
            ));
        }
        let (name, text) = read_file(path)?;
        let document = crate::yaml::parse_value(&text).map_err(|err| Problem {
            file: name.clone(),
            line: err.line,
            column: err.column,
            message: err.message,
        })?;
        if !cloudformation::is_template(&document) {
            return Err(super::problem(&name, "not a CloudFormation template"));
        }
        let template = cloudformation::read(&name, &document, self.rules, &mut *self.sink)?;
        for nested in template.nested {
            // Asset metadata also names things other than templates (Lambda code).
            if !nested.ends_with(".json") {
                continue;
            }
            let nested_path = inside(dir, &nested, &name)?;
            if nested_path.is_file() {
                self.template(dir, &nested_path, depth + 1)?;
            }
        }
        Ok(())
    }

    fn first_time(&mut self, path: &Path) -> bool {
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.seen.insert(key)
    }
}

/// `relative` joined to `dir`, refused when it is absolute or climbs out with `..`.
fn inside(dir: &Path, relative: &str, manifest: &str) -> Result<PathBuf, Problem> {
    let path = Path::new(relative);
    let escapes = path
        .components()
        .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir));
    if escapes || relative.is_empty() {
        return Err(super::problem(
            manifest,
            format!("'{relative}' is not a path inside the cloud assembly"),
        ));
    }
    Ok(dir.join(path))
}

fn read_file(path: &Path) -> Result<(String, String), Problem> {
    crate::files::read_input(path).map_err(|err| match err {
        crate::error::Error::Read { path, reason } => {
            super::problem(&path, format!("cannot read: {reason}"))
        }
        other => super::problem(&path.display().to_string(), other.to_string()),
    })
}

fn strip_position(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.rfind(" at line ") {
        Some(idx) => text[..idx].to_string(),
        None => text,
    }
}
