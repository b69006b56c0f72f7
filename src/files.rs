//! Reading input files and writing output files: a size limit, UTF-8 only, standard input
//! as `-`, and writes that leave either the whole file or nothing.

use std::io::Read;
use std::path::Path;

use crate::error::Error;

/// Input files larger than this are refused: catalogs and assumptions files are small
/// (100,000 assumptions take about 6 MiB), and a huge file is a mistake or an attack.
pub const MAX_INPUT_BYTES: u64 = 32 * 1024 * 1024;

/// Reads a whole input file as UTF-8 text; `-` is standard input.
pub fn read_input(path: &Path) -> Result<(String, String), Error> {
    let name = path.display().to_string();
    let stdin = name == "-";
    let failed = |reason: String| Error::Read {
        path: if stdin {
            "standard input".into()
        } else {
            name.clone()
        },
        reason,
    };
    let too_large = || {
        failed(format!(
            "larger than {} MiB",
            MAX_INPUT_BYTES / (1024 * 1024)
        ))
    };
    let mut bytes = Vec::new();
    if stdin {
        std::io::stdin()
            .take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| failed(io_reason(&e)))?;
    } else {
        if path.is_dir() {
            return Err(failed("it is a directory".into()));
        }
        let file = std::fs::File::open(path).map_err(|e| failed(io_reason(&e)))?;
        if file.metadata().is_ok_and(|m| m.len() > MAX_INPUT_BYTES) {
            return Err(too_large());
        }
        file.take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| failed(io_reason(&e)))?;
    }
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(too_large());
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        failed(format!(
            "not UTF-8 text (byte {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    let shown = if stdin { "<stdin>".to_string() } else { name };
    Ok((shown, text))
}

/// Writes a whole file or nothing: the text goes to a temporary file beside it, which
/// then replaces the target in one step.
pub fn write_file(path: &Path, text: &str) -> Result<(), Error> {
    let failed = |e: std::io::Error| Error::Write {
        path: path.display().to_string(),
        reason: io_reason(&e),
    };
    let name = path.file_name().ok_or_else(|| Error::Write {
        path: path.display().to_string(),
        reason: "not a file name".into(),
    })?;
    let mut temporary = name.to_os_string();
    temporary.push(format!(".{}.tmp", std::process::id()));
    let temporary = path.with_file_name(temporary);
    std::fs::write(&temporary, text).map_err(failed)?;
    std::fs::rename(&temporary, path).map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        failed(e)
    })
}

/// The OS error without Rust's "(os error N)" suffix.
fn io_reason(err: &std::io::Error) -> String {
    let text = err.to_string();
    match text.find(" (os error") {
        Some(idx) => text[..idx].to_lowercase(),
        None => text,
    }
}
