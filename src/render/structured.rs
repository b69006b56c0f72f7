//! JSON and YAML output of answers: the documented machine-readable contract.

use serde::Serialize;

use crate::error::Error;

pub fn json<T: Serialize>(value: &T) -> Result<String, Error> {
    json_sized(value, 0)
}

/// JSON into a buffer of about `expected` bytes: for large reports, one allocation
/// instead of a doubling series whose last copy would briefly hold the text twice.
pub fn json_sized<T: Serialize>(value: &T, expected: usize) -> Result<String, Error> {
    let mut buffer = Vec::with_capacity(expected);
    serde_json::to_writer_pretty(&mut buffer, value).map_err(|e| Error::Output(e.to_string()))?;
    buffer.push(b'\n');
    // serde_json writes UTF-8 only.
    String::from_utf8(buffer).map_err(|e| Error::Output(e.to_string()))
}

pub fn yaml<T: Serialize>(value: &T) -> Result<String, Error> {
    crate::yaml::to_string(value).map_err(Error::Output)
}
