//! Reading input files and writing output files: a size limit, UTF-8 only, standard input
//! as `-`, and writes that leave either the whole file or nothing.

use std::io::Read;
use std::path::Path;

use crate::error::Error;

/// Input files larger than this are refused: 1,000,000 assumptions take about 60 MiB and
/// a 10,000-service overlay about 90 MiB; a larger file is a mistake or an attack.
pub const MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;

/// Reads a whole input file as UTF-8 text; `-` is standard input.
pub fn read_input(path: &Path) -> Result<(String, String), Error> {
    read_at_most(path, MAX_INPUT_BYTES)
}

/// `read_input` with its own size limit, for `scan`, whose Terraform plans are far larger
/// than any catalog or assumptions file (see `scan::MAX_SCAN_BYTES`).
pub fn read_input_up_to(path: &Path, limit: u64) -> Result<(String, String), Error> {
    read_at_most(path, limit)
}

fn read_at_most(path: &Path, limit: u64) -> Result<(String, String), Error> {
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
            "larger than {} MiB, the most cloudsrm reads from one file; split it into several files",
            limit / (1024 * 1024)
        ))
    };
    let mut bytes = Vec::new();
    if stdin {
        std::io::stdin()
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| failed(io_reason(&e)))?;
    } else {
        if path.is_dir() {
            return Err(failed("it is a directory".into()));
        }
        let file = std::fs::File::open(path).map_err(|e| failed(io_reason(&e)))?;
        let size = file.metadata().map_or(0, |m| m.len());
        if size > limit {
            return Err(too_large());
        }
        // One allocation of the file's size: a large plan is never held twice.
        bytes.reserve_exact(usize::try_from(size).unwrap_or(0));
        file.take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| failed(io_reason(&e)))?;
    }
    if bytes.len() as u64 > limit {
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

/// Writes `text` to `path`, leaving either the whole new file or the old one.
///
/// - A regular file (or a new one) is replaced in one step: the text goes to a temporary
///   file beside it, which is then renamed over it.
/// - A symbolic link is followed: its target is replaced that way and the link is kept.
/// - A character device (`/dev/stdout`, `/dev/null`) or a FIFO is written through, since
///   replacing it would destroy it.
/// - A directory is refused.
pub fn write_file(path: &Path, text: &str) -> Result<(), Error> {
    let failed = |e: std::io::Error| Error::Write {
        path: path.display().to_string(),
        reason: io_reason(&e),
    };
    let refuse = |reason: &str| Error::Write {
        path: path.display().to_string(),
        reason: reason.into(),
    };
    // Follow links to what they name; a dangling link names a file still to be made.
    let target = match std::fs::canonicalize(path) {
        Ok(resolved) => resolved,
        Err(_) => match std::fs::read_link(path) {
            Ok(link) => path.parent().map_or(link.clone(), |dir| dir.join(link)),
            Err(_) => path.to_path_buf(),
        },
    };
    if let Ok(meta) = std::fs::metadata(&target) {
        if meta.is_dir() {
            return Err(refuse("it is a directory"));
        }
        if !meta.is_file() {
            return write_through(&target, text).map_err(failed);
        }
    }
    let name = target
        .file_name()
        .ok_or_else(|| refuse("not a file name"))?;
    let mut temporary = name.to_os_string();
    temporary.push(format!(".{}.tmp", std::process::id()));
    let temporary = target.with_file_name(temporary);
    std::fs::write(&temporary, text).map_err(failed)?;
    std::fs::rename(&temporary, &target).map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        failed(e)
    })
}

/// Writes into an existing device or FIFO without replacing it.
fn write_through(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new().write(true).open(path)?;
    file.write_all(text.as_bytes())?;
    file.flush()
}

/// The OS error without Rust's "(os error N)" suffix.
fn io_reason(err: &std::io::Error) -> String {
    let text = err.to_string();
    match text.find(" (os error") {
        Some(idx) => text[..idx].to_lowercase(),
        None => text,
    }
}
