//! Answers about the rest of the model: AWS's penetration-testing policy and where AWS
//! publishes service health.

use serde::Serialize;

use super::resolve::Target;
use crate::catalog::{Catalog, List, ProhibitedUse, Text};

/// `pentest SERVICE`: may the customer test this service without asking AWS first?
#[derive(Debug, Clone, Serialize)]
pub struct PentestAnswer {
    pub service: Text,
    /// The variant asked about (`ecs:fargate` gives `fargate`); the policy answers for
    /// its service.
    pub variant: Option<Text>,
    pub name: Text,
    pub permitted: bool,
    /// What of the service may be tested, when it is permitted.
    pub scope: Option<Text>,
    /// Why the service may not be tested at all, when AWS rules it out (then `permitted`
    /// is false and asking AWS does not help).
    pub untestable: Option<Text>,
    pub policy: Text,
    pub checked: Text,
    pub prohibited: List<Text>,
    pub sources: List<Text>,
    pub note: Text,
}

#[derive(Debug, Clone, Serialize)]
pub struct PermittedRow {
    pub service: Text,
    pub name: Text,
    pub scope: Text,
}

/// `pentest`: the services that may be tested without approval, and what is never allowed.
#[derive(Debug, Clone, Serialize)]
pub struct PentestPolicyView {
    pub policy: Text,
    pub checked: Text,
    pub permitted: Vec<PermittedRow>,
    pub prohibited: List<Text>,
    pub sources: List<Text>,
    pub note: Text,
}

/// `aup`: AWS's Acceptable Use Policy in the catalog's words, with what each side does.
#[derive(Debug, Clone, Serialize)]
pub struct AcceptableUseView {
    pub policy: Text,
    pub checked: Text,
    pub prohibited: List<ProhibitedUse>,
    pub aws_may: List<Text>,
    pub customer_must: List<Text>,
    pub sources: List<Text>,
    pub note: Text,
}

/// `status`: where AWS publishes the health of its services (nothing is fetched). AWS
/// documents no address of either dashboard for one service or Region, so there is one
/// answer.
#[derive(Debug, Clone, Serialize)]
pub struct StatusAnswer {
    /// The public AWS Health Dashboard: every service in every Region.
    pub public_dashboard: Text,
    /// The dashboard of events that affect your own account (needs a sign-in).
    pub account_dashboard: Text,
    pub sources: List<Text>,
    pub note: Text,
}

impl Catalog {
    pub fn pentest_policy(&self) -> PentestPolicyView {
        let policy = &self.policies.pentest;
        PentestPolicyView {
            policy: policy.policy.clone(),
            checked: policy.checked.clone(),
            permitted: policy
                .permitted
                .iter()
                .map(|p| PermittedRow {
                    service: p.service.clone(),
                    name: self.resolve_service(&p.service).map_or_else(
                        |_| p.service.clone(),
                        |t| match t.variant {
                            Some(v) => self.services[t.service].variants[v].name.clone(),
                            None => self.services[t.service].name.clone(),
                        },
                    ),
                    scope: p.scope.clone(),
                })
                .collect(),
            prohibited: policy.prohibited.clone(),
            sources: policy.sources.clone(),
            note: policy.note.clone(),
        }
    }

    pub fn acceptable_use(&self) -> AcceptableUseView {
        let aup = &self.policies.acceptable_use;
        AcceptableUseView {
            policy: aup.policy.clone(),
            checked: aup.checked.clone(),
            prohibited: aup.prohibited.clone(),
            aws_may: aup.aws_may.clone(),
            customer_must: aup.customer_must.clone(),
            sources: aup.sources.clone(),
            note: aup.note.clone(),
        }
    }

    /// The policy for one service; a variant answers for its service, as the policy does.
    pub fn pentest(&self, target: Target) -> PentestAnswer {
        let service = &self.services[target.service];
        let policy = &self.policies.pentest;
        // An entry for the variant asked (`eks:fargate`) wins over one for its service.
        let label = self.target_label(target);
        let entry = policy
            .permitted
            .iter()
            .find(|p| p.service == label)
            .or_else(|| policy.permitted.iter().find(|p| p.service == service.id));
        let untestable = policy.untestable.iter().find(|u| u.service == service.id);
        let mut sources = policy.sources.to_vec();
        if let Some(u) = untestable {
            if !sources.contains(&u.source) {
                sources.push(u.source.clone());
            }
        }
        PentestAnswer {
            service: service.id.clone(),
            variant: target.variant.map(|v| service.variants[v].id.clone()),
            name: service.name.clone(),
            permitted: entry.is_some(),
            scope: entry.map(|p| p.scope.clone()),
            untestable: untestable.map(|u| u.reason.clone()),
            policy: policy.policy.clone(),
            checked: policy.checked.clone(),
            prohibited: policy.prohibited.clone(),
            sources: std::borrow::Cow::Owned(sources),
            note: policy.note.clone(),
        }
    }

    pub fn status(&self) -> StatusAnswer {
        let health = &self.policies.health;
        StatusAnswer {
            public_dashboard: health.public_dashboard.clone(),
            account_dashboard: health.account_dashboard.clone(),
            sources: health.sources.clone(),
            note: health.note.clone(),
        }
    }
}
