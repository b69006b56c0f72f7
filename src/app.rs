//! Runs one parsed command against the catalog and returns what to print and the exit code.

use std::io::Read;
use std::path::Path;

use serde::Serialize;

use crate::catalog::{self, Catalog};
use crate::check::{self, CheckReport};
use crate::cli::{CheckFormat, Command, OutputFormat, SchemaKind};
use crate::error::Error;
use crate::exit_code::ExitCode;
use crate::query::{parse_filter, ServiceFilter};
use crate::render::{self, structured, text, Style};

/// What a command produced: text for standard output, and how the process should end.
#[derive(Debug)]
pub struct Output {
    pub stdout: String,
    pub exit: ExitCode,
}

impl Output {
    fn answered(stdout: String) -> Self {
        Output {
            stdout,
            exit: ExitCode::Success,
        }
    }
}

pub fn run(command: &Command, format: OutputFormat, style: &Style) -> Result<Output, Error> {
    run_with(catalog::embedded(), command, format, style)
}

pub fn run_with(
    catalog: &Catalog,
    command: &Command,
    format: OutputFormat,
    style: &Style,
) -> Result<Output, Error> {
    let stdout = match command {
        Command::WhoOwns { service, layer } => {
            let target = catalog.resolve_service(service)?;
            let layer = catalog.resolve_layer(layer)?;
            let answer = catalog.who_owns(target, layer);
            emit(&answer, format, || text::who_owns(&answer, style))?
        }
        Command::Show { service } => {
            let view = catalog.show(catalog.resolve_service(service)?);
            emit(&view, format, || text::show(&view, style))?
        }
        Command::Services {
            managed,
            unmanaged,
            category,
            filters,
        } => {
            let filter = ServiceFilter {
                managed: match (managed, unmanaged) {
                    (true, _) => Some(true),
                    (_, true) => Some(false),
                    _ => None,
                },
                category: category.clone().map(Into::into),
                owners: filters
                    .iter()
                    .map(|f| parse_filter(catalog, f))
                    .collect::<Result<_, _>>()?,
            };
            let rows = catalog.services(&filter)?;
            emit(&rows, format, || text::services(&rows, style))?
        }
        Command::Layers => {
            let rows = catalog.layer_rows();
            emit(&rows, format, || text::layers(&rows, style))?
        }
        Command::Compare { services } => {
            let targets = services
                .iter()
                .map(|s| catalog.resolve_service(s))
                .collect::<Result<Vec<_>, _>>()?;
            let columns = catalog.owner_columns(&targets);
            emit(&columns, format, || text::compare(&columns, style))?
        }
        Command::Matrix => {
            let columns = catalog.owner_columns(&catalog.all_targets());
            emit(&columns, format, || {
                text::matrix(&columns, &catalog.layers, style)
            })?
        }
        Command::Assert {
            service,
            layer,
            owner,
        } => return assert(catalog, service, layer, owner, format, style),
        Command::Check {
            files,
            format: chosen,
        } => {
            let report = check_files(catalog, files)?;
            let exit = if report.summary.failed == 0 {
                ExitCode::Success
            } else {
                ExitCode::Failure
            };
            let stdout = match chosen.unwrap_or(match format {
                OutputFormat::Text => CheckFormat::Text,
                OutputFormat::Json => CheckFormat::Json,
                OutputFormat::Yaml => CheckFormat::Yaml,
            }) {
                CheckFormat::Text => text::check_report(&report, style),
                CheckFormat::Json => structured::json(&report)?,
                CheckFormat::Yaml => structured::yaml(&report)?,
                CheckFormat::Junit => render::junit::report(&report)?,
                CheckFormat::Github => render::github::report(&report),
                CheckFormat::Tap => render::tap::report(&report),
                CheckFormat::Sarif => render::sarif::report(&report)?,
            };
            return Ok(Output { stdout, exit });
        }
        Command::Schema { kind } => match kind {
            SchemaKind::Assumptions => structured::json(&check::assumptions_schema())?,
        },
    };
    Ok(Output::answered(stdout))
}

fn assert(
    catalog: &Catalog,
    service: &str,
    layer: &str,
    owner: &str,
    format: OutputFormat,
    style: &Style,
) -> Result<Output, Error> {
    let target = catalog.resolve_service(service)?;
    let layer = catalog.resolve_layer(layer)?;
    let owner = crate::catalog::Owner::parse(owner).ok_or_else(|| Error::UnknownOwner {
        name: owner.to_string(),
        filter: format!(
            "assert {service} {layer} {owner}",
            layer = catalog.layers[layer].id
        ),
    })?;
    let mut result = catalog.check(&check::Assumption {
        file: String::new(),
        line: 0,
        column: 0,
        service_written: service.to_string(),
        target,
        layer,
        owner,
        why: None,
    });
    // Nothing was read from a file: say so rather than print an empty location.
    result.file = None;
    result.line = None;
    result.column = None;
    let exit = if result.passed {
        ExitCode::Success
    } else {
        ExitCode::Failure
    };
    let stdout = emit(&result, format, || text::check_result(&result, style))?;
    Ok(Output { stdout, exit })
}

/// Reads and parses every file, reporting all problems of all files before checking any.
fn check_files(catalog: &Catalog, files: &[std::path::PathBuf]) -> Result<CheckReport, Error> {
    let mut names = Vec::new();
    let mut assumptions = Vec::new();
    let mut problems = Vec::new();
    for path in files {
        let (name, text) = read_input(path)?;
        match check::parse(&name, &text, catalog) {
            Ok(found) => assumptions.extend(found),
            Err(found) => problems.extend(found),
        }
        names.push(name);
    }
    if !problems.is_empty() {
        return Err(Error::Problems(problems));
    }
    let results = assumptions.iter().map(|a| catalog.check(a)).collect();
    Ok(CheckReport::new(names, results))
}

/// Reads a whole input file as UTF-8 text; `-` is standard input.
fn read_input(path: &Path) -> Result<(String, String), Error> {
    let name = path.display().to_string();
    let failed = |reason: String| Error::Read {
        path: if name == "-" {
            "standard input".into()
        } else {
            name.clone()
        },
        reason,
    };
    let bytes = if name == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| failed(e.to_string()))?;
        bytes
    } else {
        if path.is_dir() {
            return Err(failed("it is a directory".into()));
        }
        std::fs::read(path).map_err(|e| failed(io_reason(&e)))?
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        failed(format!(
            "not UTF-8 text (byte {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    let shown = if name == "-" {
        "<stdin>".to_string()
    } else {
        name
    };
    Ok((shown, text))
}

/// The OS error without Rust's "(os error N)" suffix.
fn io_reason(err: &std::io::Error) -> String {
    let text = err.to_string();
    match text.find(" (os error") {
        Some(idx) => text[..idx].to_lowercase(),
        None => text,
    }
}

fn emit<T: Serialize>(
    value: &T,
    format: OutputFormat,
    text: impl FnOnce() -> String,
) -> Result<String, Error> {
    match format {
        OutputFormat::Text => Ok(text()),
        OutputFormat::Json => structured::json(value),
        OutputFormat::Yaml => structured::yaml(value),
    }
}
