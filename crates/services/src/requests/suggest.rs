//! The members best placed to answer a partner request, with the evidence that puts
//! them there.

use forja_core::LocalizedText;
use forja_store::edit_request::request_document;
use serde::Serialize;
use utoipa::ToSchema;

use super::CityRef;
use crate::{Result, ServiceError, Store};

/// A city that could answer a request, with why.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Suggestion {
    pub city: CityRef,
    /// Its published good practices on the request's theme (slug, title).
    pub practices: Vec<(String, LocalizedText)>,
    /// Its live programmes on the theme.
    pub programmes: usize,
    /// Whether those programmes report results.
    pub reports_results: bool,
    /// Whether its strategy names the theme.
    pub strategy: bool,
}

/// How many cities a request suggests.
pub const SUGGESTED: usize = 5;

/// The cities best placed to answer a request that looks for cities: those with
/// evidence on its theme ("who has done this?" for each of its KFLC features and SDG
/// targets), in the countries it names, strongest evidence first. Empty when the
/// request seeks no city or names no theme.
pub async fn suggestions(store: &Store, slug: &str) -> Result<Vec<Suggestion>> {
    let r = store
        .request_row(slug, false)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let fields = request_document(&r).ok_or(ServiceError::NotFound)?;
    if !fields.partner_kinds.iter().any(|k| k == "city") {
        return Ok(Vec::new());
    }
    let topics = fields
        .kflc
        .iter()
        .map(|c| ("kflc", c))
        .chain(fields.sdg.iter().map(|c| ("sdg", c)));
    let mut found: Vec<Suggestion> = Vec::new();
    for (framework, code) in topics {
        let topic = crate::peers::Topic {
            framework: framework.into(),
            code: code.clone(),
        };
        let view = match crate::peers::who_has_done(store, &topic).await {
            Ok(view) => view,
            // A code the framework no longer has suggests nobody.
            Err(ServiceError::NotFound) => continue,
            Err(e) => return Err(e),
        };
        for w in view.cities {
            if w.city.slug.is_empty() {
                continue;
            }
            let at = match found.iter().position(|s| s.city.slug == w.city.slug) {
                Some(at) => at,
                None => {
                    found.push(Suggestion {
                        city: CityRef {
                            slug: w.city.slug.clone(),
                            name: w.city.name.clone(),
                            country: w.city.country.clone(),
                        },
                        practices: Vec::new(),
                        programmes: 0,
                        reports_results: false,
                        strategy: false,
                    });
                    found.len() - 1
                }
            };
            let s = &mut found[at];
            for p in w.practices {
                if !s.practices.iter().any(|(slug, _)| *slug == p.slug) {
                    s.practices.push((p.slug, p.title));
                }
            }
            s.programmes = s.programmes.max(w.programmes.len());
            s.reports_results |= w.reported_outputs > 0;
            s.strategy |= !w.objectives.is_empty();
        }
    }
    let requester = store.cities_by_ids([r.city_id]).await?.pop();
    found.retain(|s| {
        requester.as_ref().is_none_or(|c| c.slug != s.city.slug)
            && (fields.countries.is_empty() || fields.countries.contains(&s.city.country))
            && (!s.practices.is_empty() || s.programmes > 0 || s.strategy)
    });
    let weight = |s: &Suggestion| {
        s.practices.len() * 4
            + s.programmes * 2
            + usize::from(s.reports_results) * 2
            + usize::from(s.strategy)
    };
    found.sort_by(|a, b| {
        weight(b)
            .cmp(&weight(a))
            .then(a.city.slug.cmp(&b.city.slug))
    });
    found.truncate(SUGGESTED);
    Ok(found)
}
