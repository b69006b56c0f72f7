//! `search WORDS...`: (service, layer) entries found by words, best first.

use serde::Serialize;

use super::answers::OwnerAnswer;
use super::resolve::{normalize, Target};
use crate::catalog::{Catalog, LayerIndex, Text};

/// One entry that matched, with how well.
#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    pub service: Text,
    pub variant: Option<Text>,
    pub layer: Text,
    pub owner: OwnerAnswer,
    /// The customer's part; `None` where the variants of a service disagree.
    pub customer: Option<Text>,
    /// Higher is better: for each word, 5 when it names the service or the layer (an id,
    /// alias or topic word), 1 more when the entry's texts contain it, 2 more when it is
    /// the service's or variant's own id.
    pub score: u32,
}

/// Words that name a thing count this much; a word found in the entry's texts adds 1.
const NAME_WEIGHT: u32 = 5;
/// A word that is the service's (or variant's) own id, not just an alias's word.
const EXACT_ID_BONUS: u32 = 2;

impl Catalog {
    /// Entries that every word matches (by name or in their texts), best first, at most
    /// `limit` of them. Words are matched as people type them (case and `_` ignored).
    pub fn search(&self, words: &[String], limit: usize) -> Vec<SearchHit> {
        let words: Vec<String> = words
            .iter()
            .flat_map(|w| {
                normalize(w)
                    .split('-')
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .filter(|w| !w.is_empty())
            .collect();
        if words.is_empty() {
            return Vec::new();
        }
        let mut hits = Vec::new();
        for target in self.all_targets() {
            let service_words = self.service_words(target);
            for layer in 0..self.layers.len() {
                if let Some(hit) = self.score(target, layer, &words, &service_words) {
                    hits.push(hit);
                }
            }
        }
        hits.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then_with(|| a.service.cmp(&b.service))
                .then_with(|| a.variant.cmp(&b.variant))
        });
        hits.truncate(limit);
        hits
    }

    /// The words of a target's id, aliases and name.
    fn service_words(&self, target: Target) -> Vec<String> {
        let service = &self.services[target.service];
        let mut names: Vec<&str> = vec![service.id.as_ref(), service.name.as_ref()];
        names.extend(service.aliases.iter().map(|a| a.as_ref()));
        if let Some(v) = target.variant {
            let variant = &service.variants[v];
            names.extend([variant.id.as_ref(), variant.name.as_ref()]);
            names.extend(variant.aliases.iter().map(|a| a.as_ref()));
        }
        names
            .iter()
            .flat_map(|n| {
                normalize(n)
                    .split('-')
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    fn score(
        &self,
        target: Target,
        layer: LayerIndex,
        words: &[String],
        service_words: &[String],
    ) -> Option<SearchHit> {
        let def = &self.layers[layer];
        let layer_names: Vec<&str> = std::iter::once(def.id.as_ref())
            .chain(def.aliases.iter().map(|a| a.as_ref()))
            .chain(
                self.topics
                    .iter()
                    .filter(|t| t.layers.contains(&layer))
                    .map(|t| t.word.as_ref()),
            )
            .collect();
        let service = &self.services[target.service];
        let entry = service.responsibility(target.variant, layer);
        let text = format!("{} {}", entry.customer, entry.aws).to_lowercase();
        let mut score = 0;
        for word in words {
            let names_it = service_words.iter().any(|w| w == word)
                || layer_names
                    .iter()
                    .any(|n| *n == word || n.split('-').any(|part| part == word));
            let in_text = text.contains(word.as_str());
            if !names_it && !in_text {
                return None;
            }
            if names_it {
                score += NAME_WEIGHT;
            }
            // A text that also speaks of the word is more to the point than one that
            // merely sits under a matching name.
            if in_text {
                score += 1;
            }
            if *word == service.id
                || target
                    .variant
                    .is_some_and(|v| *word == service.variants[v].id)
            {
                score += EXACT_ID_BONUS;
            }
        }
        let answer = self.layer_answer(target, layer);
        Some(SearchHit {
            service: service.id.clone(),
            variant: target.variant.map(|v| service.variants[v].id.clone()),
            layer: def.id.clone(),
            owner: answer.owner,
            customer: answer.customer,
            score,
        })
    }
}
