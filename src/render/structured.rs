//! JSON and YAML output of answers: the documented machine-readable contract.

use serde::Serialize;

use crate::error::Error;

pub fn json<T: Serialize>(value: &T) -> Result<String, Error> {
    let mut text = serde_json::to_string_pretty(value).map_err(|e| Error::Output(e.to_string()))?;
    text.push('\n');
    Ok(text)
}

pub fn yaml<T: Serialize>(value: &T) -> Result<String, Error> {
    crate::yaml::to_string(value).map_err(Error::Output)
}
