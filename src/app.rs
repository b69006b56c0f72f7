//! Runs one parsed command against the catalog and returns what to print and the exit code.

use std::path::PathBuf;

use clap::CommandFactory;
use serde::Serialize;

use crate::catalog::{self, Catalog};
use crate::check::{self, CheckReport};
use crate::cli::{CheckFormat, Cli, Command, DiagramFormat, OutputFormat, SchemaKind};
use crate::date::Day;
use crate::error::Error;
use crate::exit_code::ExitCode;
use crate::files::{read_input, write_file};
use crate::problem::Problem;
use crate::query::{parse_filter, ProblemRow, ServiceFilter, Target, ValidationReport};
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

/// Resolves each SERVICE or SERVICE:VARIANT name, stopping at the first unknown one.
fn resolve_all(catalog: &Catalog, names: &[String]) -> Result<Vec<Target>, Error> {
    names
        .iter()
        .map(|name| catalog.resolve_service(name))
        .collect()
}

/// Exit code 1 when a check found something, 0 otherwise.
fn found(problem: bool) -> ExitCode {
    if problem {
        ExitCode::Failure
    } else {
        ExitCode::Success
    }
}

/// Runs `command` on the embedded catalog with the `overlays` files applied in order.
pub fn run(
    command: &Command,
    overlays: &[PathBuf],
    format: OutputFormat,
    style: &Style,
    today: Day,
) -> Result<Output, Error> {
    // `validate` reports overlay problems as its answer instead of failing on them.
    if let Command::Validate { files } = command {
        // A file named both in CLOUDSRM_CATALOG and on the command line is one file:
        // loading it twice would report its services as colliding with themselves.
        let mut all: Vec<PathBuf> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for path in overlays.iter().chain(files) {
            if seen.insert(std::fs::canonicalize(path).unwrap_or_else(|_| path.clone())) {
                all.push(path.clone());
            }
        }
        return validate(&all, format, style);
    }
    if overlays.is_empty() {
        return run_with(catalog::embedded(), command, format, style, today);
    }
    let (catalog, problems) = load_overlays(overlays)?;
    if !problems.is_empty() {
        return Err(Error::Problems(problems));
    }
    run_with(&catalog, command, format, style, today)
}

/// The embedded catalog with each overlay applied in turn, and the problems of those
/// that could not be applied (which are then left out).
fn load_overlays(paths: &[PathBuf]) -> Result<(Catalog, Vec<Problem>), Error> {
    let mut catalog = catalog::embedded().clone();
    let mut problems = Vec::new();
    for path in paths {
        let (name, text) = read_input(path)?;
        match catalog::apply_overlay(&catalog, &name, &text) {
            Ok(next) => catalog = next,
            Err(found) => problems.extend(found),
        }
    }
    Ok((catalog, problems))
}

fn validate(paths: &[PathBuf], format: OutputFormat, style: &Style) -> Result<Output, Error> {
    // A folder laid out like data/ is a whole catalog of its own, checked on its own;
    // files are overlays on the embedded catalog.
    let (folders, files): (Vec<PathBuf>, Vec<PathBuf>) = paths
        .iter()
        .cloned()
        .partition(|p| p.join("layers.yaml").is_file());
    let (mut catalog, mut problems) = load_overlays(&files)?;
    for folder in &folders {
        match catalog::load_dir(folder) {
            Ok(loaded) if files.is_empty() && folders.len() == 1 => catalog = loaded,
            Ok(_) => {}
            Err(found) => problems.extend(found),
        }
    }
    let report = ValidationReport {
        valid: problems.is_empty(),
        files: paths.iter().map(|p| p.display().to_string()).collect(),
        services: catalog.services.len(),
        problems: problems.iter().map(ProblemRow::from).collect(),
    };
    let stdout = emit(&report, format, || text::validation(&report, style))?;
    Ok(Output {
        stdout,
        exit: found(!report.valid),
    })
}

/// Runs `command` against `catalog`; `today` decides which reviews are stale.
pub fn run_with(
    catalog: &Catalog,
    command: &Command,
    format: OutputFormat,
    style: &Style,
    today: Day,
) -> Result<Output, Error> {
    let stdout = match command {
        Command::WhoOwns { service, layer } => {
            let target = catalog.resolve_service(service)?;
            let layer = catalog.resolve_layer(layer)?;
            let answer = catalog.who_owns(target, layer, today);
            emit(&answer, format, || text::who_owns(&answer, style))?
        }
        Command::Show { service } => {
            let view = catalog.show(catalog.resolve_service(service)?, today);
            emit(&view, format, || text::show(&view, style))?
        }
        Command::Services {
            managed,
            unmanaged,
            category,
            filters,
            team,
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
                team: team.clone(),
            };
            let rows = catalog.services(&filter)?;
            emit(&rows, format, || text::services(&rows, style))?
        }
        Command::Gaps { services } => {
            let targets = resolve_all(catalog, services)?;
            let gaps = catalog.gaps(&targets);
            let stdout = emit(&gaps, format, || text::gaps(&gaps, style))?;
            return Ok(Output {
                stdout,
                exit: found(!gaps.is_empty()),
            });
        }
        Command::Validate { files } => return validate(files, format, style),
        Command::Layers => {
            let rows = catalog.layer_rows();
            emit(&rows, format, || text::layers(&rows, style))?
        }
        Command::Compare { services } => {
            let targets = resolve_all(catalog, services)?;
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
            let chosen = chosen.unwrap_or(match format {
                OutputFormat::Text => CheckFormat::Text,
                OutputFormat::Json => CheckFormat::Json,
                OutputFormat::Yaml => CheckFormat::Yaml,
            });
            if !report.errors.is_empty() && chosen == CheckFormat::Text {
                let problems = report.errors.iter().map(ProblemRow::to_problem).collect();
                return Err(Error::Problems(problems));
            }
            let exit = if report.errors.is_empty() {
                found(report.summary.failed > 0)
            } else {
                ExitCode::Usage
            };
            let stdout = match chosen {
                CheckFormat::Text => text::check_report(&report, style),
                // A passing result takes about 400 bytes of JSON.
                CheckFormat::Json => structured::json_sized(&report, report.results.len() * 450)?,
                CheckFormat::Yaml => structured::yaml(&report)?,
                CheckFormat::Junit => render::junit::report(&report)?,
                CheckFormat::Github => render::github::report(&report),
                CheckFormat::Tap => render::tap::report(&report),
                CheckFormat::Sarif => render::sarif::report(&report)?,
            };
            // Printed in a GitHub Actions log, a line of user text that begins with `::`
            // would run as a workflow command; only the github format may write them.
            let stdout = match chosen {
                CheckFormat::Github => stdout,
                _ => render::safe::no_workflow_commands(&stdout).into_owned(),
            };
            return Ok(Output { stdout, exit });
        }
        Command::Aup => {
            let view = catalog.acceptable_use();
            emit(&view, format, || text::acceptable_use(&view, style))?
        }
        Command::Pentest { service: None } => {
            let view = catalog.pentest_policy();
            emit(&view, format, || text::pentest_policy(&view, style))?
        }
        Command::Pentest {
            service: Some(service),
        } => {
            let answer = catalog.pentest(catalog.resolve_service(service)?);
            emit(&answer, format, || text::pentest(&answer))?
        }
        Command::Status { service, region } => {
            let target = service
                .as_deref()
                .map(|s| catalog.resolve_service(s))
                .transpose()?;
            let answer = catalog.status(target, region.as_deref())?;
            emit(&answer, format, || text::status(&answer))?
        }
        Command::Diagram {
            services,
            format: picture,
            out,
        } => {
            let targets = resolve_all(catalog, services)?;
            let diagram = catalog.diagram(&targets);
            let drawn = match picture {
                DiagramFormat::Svg => render::svg::diagram(&diagram),
                DiagramFormat::Text => text::diagram(&diagram, style),
            };
            match out {
                Some(path) => {
                    write_file(path, &drawn)?;
                    String::new()
                }
                None => drawn,
            }
        }
        Command::Completions { shell } => {
            let mut buffer = Vec::new();
            clap_complete::generate(*shell, &mut Cli::command(), "cloudsrm", &mut buffer);
            String::from_utf8_lossy(&buffer).into_owned()
        }
        Command::Man => {
            let mut buffer = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut buffer)
                .map_err(|e| Error::Output(e.to_string()))?;
            String::from_utf8_lossy(&buffer).into_owned()
        }
        Command::Schema { kind } => match kind {
            SchemaKind::Assumptions => structured::json(&check::assumptions_schema())?,
            SchemaKind::Catalog => structured::json(&catalog::overlay_schema())?,
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
        target,
        layer,
        owner,
        why: None,
    });
    // Nothing was read from a file: say so rather than print an empty location.
    result.file = None;
    result.line = None;
    result.column = None;
    let exit = found(!result.passed);
    let stdout = emit(&result, format, || text::check_result(&result, style))?;
    Ok(Output { stdout, exit })
}

/// Reads and parses every file, reporting all problems of all files before checking any.
/// Reads and checks every file. Input that cannot be read or parsed ends in a report
/// that carries each problem instead of results, so that machine formats still write a
/// document that CI can show.
fn check_files(catalog: &Catalog, files: &[std::path::PathBuf]) -> Result<CheckReport, Error> {
    if files.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        return Err(Error::StdinTwice);
    }
    let mut names = Vec::new();
    let mut assumptions = Vec::new();
    let mut problems = Vec::new();
    for path in files {
        let (name, text) = match read_input(path) {
            Ok(read) => read,
            Err(err) => {
                let name = path.display().to_string();
                let name = if name == "-" { "<stdin>".into() } else { name };
                problems.push(Problem {
                    file: name.clone(),
                    line: 0,
                    column: 0,
                    message: match err {
                        Error::Read { reason, .. } => format!("cannot read: {reason}"),
                        other => other.to_string(),
                    },
                });
                names.push(name);
                continue;
            }
        };
        match check::parse(&name, &text, catalog) {
            Ok(found) => assumptions.extend(found),
            Err(found) => problems.extend(found),
        }
        names.push(name);
    }
    if !problems.is_empty() {
        let rows = problems.iter().map(ProblemRow::from).collect();
        return Ok(CheckReport::unreadable(names, rows));
    }
    // Each assumption is dropped once checked, so the two lists never both stay whole.
    let results = assumptions.into_iter().map(|a| catalog.check(&a)).collect();
    Ok(CheckReport::new(names, results))
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
