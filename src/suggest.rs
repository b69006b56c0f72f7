//! "Did you mean ...?": the known names closest to a mistyped one.

/// Up to three candidates close enough to `name` to be what was meant, closest first.
pub fn suggestions<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let name = name.to_ascii_lowercase();
    // Allow about one edit per three characters, and at least one.
    let limit = (name.chars().count() / 3).max(1);
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&name, c), c))
        .filter(|&(distance, c)| distance <= limit || (name.len() >= 3 && c.starts_with(&name)))
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored
        .into_iter()
        .take(3)
        .map(|(_, c)| c.to_string())
        .collect()
}

/// The single closest candidate, if any is close enough.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    suggestions(name, candidates).into_iter().next()
}
