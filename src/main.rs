//! Thin entry point: parse, run, print, and turn the outcome into an exit code.

#![forbid(unsafe_code)]

use std::io::{self, IsTerminal, Write};

use clap::{CommandFactory, FromArgMatches};

use cloudsrm::cli::{Cli, ColorChoice};
use cloudsrm::date::Day;
use cloudsrm::error::Error;
use cloudsrm::exit_code::ExitCode;
use cloudsrm::render::{safe, Style};

fn main() -> std::process::ExitCode {
    let command = Cli::command().version(version());
    let parsed = command
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(err) => {
            // Help and --version are not errors; everything else clap rejects is usage.
            if !err.use_stderr() {
                let _ = err.print();
                return ExitCode::Success.into();
            }
            // `cloudsrm` alone shows the help, as a usage error.
            if err.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                let _ = err.print();
                return ExitCode::Usage.into();
            }
            // Usage errors keep to one line like every other error: clap's message and its
            // hint (the possible values, the missing argument), without the usage block.
            let rendered = err.render().to_string();
            let parts: Vec<&str> = rendered
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with("Usage:"))
                .filter(|l| !l.starts_with("For more information"))
                .map(|l| l.strip_prefix("error: ").unwrap_or(l))
                .collect();
            let joined = parts.join(" ");
            let line = safe::one_line(&joined);
            eprintln!(
                "cloudsrm: error: {} (see --help)",
                safe::capped(&line, MAX_ERROR_LINE)
            );
            return ExitCode::Usage.into();
        }
    };
    let style = style_for(cli.global.color);
    let result = overlay_paths(&cli.global.catalogs).and_then(|overlays| {
        cloudsrm::app::run(&cli.command, &overlays, cli.global.output, &style, today()?)
    });
    match result {
        Ok(output) => match write_stdout(&output.stdout) {
            Some(code) => code.into(),
            None => output.exit.into(),
        },
        Err(err) => {
            // The one place errors are printed: they may quote hostile file names, file
            // contents and arguments, so no control character reaches the terminal and no
            // quoted argument floods it.
            // One line per problem: a line break inside a quoted name must not forge a
            // second error line.
            let lines: Vec<String> = match &err {
                Error::Problems(problems) => problems.iter().map(|p| p.to_string()).collect(),
                other => vec![other.to_string()],
            };
            for line in &lines {
                let line = safe::one_line(line);
                eprintln!(
                    "cloudsrm: error: {}",
                    safe::no_workflow_commands(&safe::capped(&line, MAX_ERROR_LINE))
                );
            }
            err.exit_code().into()
        }
    }
}

/// Writes the answer. A reader that went away (`| head`) is not an error; any other
/// failure to write overrides the command's own exit code.
fn write_stdout(text: &str) -> Option<ExitCode> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => None,
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => None,
        Err(err) => {
            eprintln!("cloudsrm: error: cannot write the output: {err}");
            Some(ExitCode::Usage)
        }
    }
}

const PIPED_WIDTH: u16 = 100;

/// The most characters of one error line; the rest is counted, not echoed.
const MAX_ERROR_LINE: usize = 400;

/// `--version`: the tool, and how current and large its catalog is.
fn version() -> String {
    let catalog = cloudsrm::catalog::embedded();
    let newest = catalog
        .services
        .iter()
        .map(|s| s.reviewed.as_ref())
        .max()
        .unwrap_or("never");
    format!(
        "{} (catalog: {} services, newest review {newest})",
        env!("CARGO_PKG_VERSION"),
        catalog.services.len()
    )
}

/// Overlays from CLOUDSRM_CATALOG (a PATH-like list) first, then from --catalog.
/// A file the variable names that cannot be read is an error that names the variable,
/// since nothing on the command line shows where the path came from.
fn overlay_paths(flags: &[std::path::PathBuf]) -> Result<Vec<std::path::PathBuf>, Error> {
    let from_env = std::env::var_os("CLOUDSRM_CATALOG").unwrap_or_default();
    let mut paths = Vec::new();
    for path in std::env::split_paths(&from_env).filter(|p| !p.as_os_str().is_empty()) {
        if let Err(err) = std::fs::metadata(&path) {
            return Err(Error::Environment {
                name: "CLOUDSRM_CATALOG",
                value: path.display().to_string(),
                reason: format!(
                    "it cannot be read: {}",
                    err.to_string()
                        .split(" (os error")
                        .next()
                        .unwrap_or_default()
                        .to_lowercase()
                ),
            });
        }
        paths.push(path);
    }
    paths.extend(flags.iter().cloned());
    Ok(paths)
}

/// Today's date; `CLOUDSRM_TODAY=YYYY-MM-DD` replaces it, so that stale reviews can be
/// shown and tested on any day.
fn today() -> Result<Day, Error> {
    match std::env::var("CLOUDSRM_TODAY") {
        Err(_) => Ok(Day::today()),
        Ok(value) => Day::parse(&value).ok_or(Error::Environment {
            name: "CLOUDSRM_TODAY",
            value,
            reason: "it must be a date written YYYY-MM-DD".into(),
        }),
    }
}

fn style_for(choice: ColorChoice) -> Style {
    let terminal = io::stdout().is_terminal();
    let env_set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0");
    let color = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
                false
            } else {
                env_set("CLICOLOR_FORCE") || terminal
            }
        }
    };
    Style {
        color,
        width: Some(width(terminal)),
        terminal,
    }
}

/// The width to fit text into: `COLUMNS` when set (so a script or test can ask for any
/// width), else the terminal's, else 100 when piped, so that piped output is the same
/// everywhere. Scripts that want every field whole use `-o json` or `-o csv`.
fn width(terminal: bool) -> u16 {
    if let Some(columns) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<u16>().ok())
        .filter(|&c| c > 0)
    {
        return columns;
    }
    if terminal {
        if let Some((terminal_size::Width(columns), _)) = terminal_size::terminal_size() {
            return columns;
        }
    }
    PIPED_WIDTH
}
