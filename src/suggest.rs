//! "Did you mean ...?": the known names closest to a mistyped one, or none at all rather
//! than something far-fetched.

/// Up to three candidates close enough to `name` to be what was meant, best first.
///
/// A candidate that shares a whole word (three letters or more, words split at `-`) with
/// `name` is preferred, most shared words first: `aurora-db` suggests `aurora`, never a
/// name that is merely a few letters away. Otherwise a candidate counts as close when it
/// starts with `name` (three letters or more), or is within about one edit per four
/// characters; a short name (four letters or fewer) must also share its first letter,
/// since one edit turns `ses` into `sns`, `sqs` and `ssm` alike.
pub fn suggestions<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let name = name.to_ascii_lowercase();
    let words: Vec<&str> = name.split('-').filter(|w| w.len() >= 3).collect();
    let length = name.chars().count();
    let limit = (length / 4).max(1);
    let mut by_word: Vec<(usize, usize, &str)> = Vec::new();
    let mut by_spelling: Vec<(usize, &str)> = Vec::new();
    for candidate in candidates {
        let distance = strsim::damerau_levenshtein(&name, candidate);
        let shared = candidate.split('-').filter(|w| words.contains(w)).count();
        if shared > 0 {
            by_word.push((usize::MAX - shared, distance, candidate));
            continue;
        }
        let same_start = name.chars().next() == candidate.chars().next();
        let close = distance <= limit && (length > 4 || same_start);
        if close || (length >= 3 && candidate.starts_with(&name)) {
            by_spelling.push((distance, candidate));
        }
    }
    let ranked: Vec<&str> = if by_word.is_empty() {
        by_spelling.sort();
        by_spelling.into_iter().map(|(_, c)| c).collect()
    } else {
        by_word.sort();
        by_word.into_iter().map(|(_, _, c)| c).collect()
    };
    let mut out: Vec<String> = Vec::new();
    for candidate in ranked {
        if !out.iter().any(|o| o == candidate) {
            out.push(candidate.to_string());
        }
        if out.len() == 3 {
            break;
        }
    }
    out
}

/// The single closest candidate, if any is close enough.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    suggestions(name, candidates).into_iter().next()
}

#[cfg(test)]
mod tests {
    use super::suggestions;

    #[test]
    fn words_beat_spelling_and_short_names_need_their_first_letter() {
        let names = [
            "sns",
            "sqs",
            "ssm",
            "ses",
            "emr",
            "aurora",
            "apigateway",
            "ec2",
        ];
        assert_eq!(suggestions("ec3", names), ["ec2"]);
        assert!(suggestions("xes", names).is_empty());
        assert_eq!(suggestions("aurora-db", names), ["aurora"]);
        assert!(suggestions("nat-gateway", names).is_empty());
        assert_eq!(suggestions("aurorra", names), ["aurora"]);
    }
}
