//! The members and organisations best placed to answer a partner request, with the
//! evidence that puts them there.

use std::collections::HashMap;

use forja_core::LocalizedText;
use forja_core::edit::organisation_kinds_for;
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

/// An organisation that could answer a request: a partner, of a kind the request
/// seeks, in another city's programmes on its theme.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OrganisationSuggestion {
    pub name: LocalizedText,
    /// Its kind (`school`, `ngo`, ...).
    pub kind: String,
    pub website: Option<String>,
    /// The city whose programmes it works in.
    pub city: CityRef,
    /// Those programmes on the theme (slug, title) and its role in each.
    pub programmes: Vec<(String, LocalizedText, String)>,
}

/// Who could answer a request.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct Suggestions {
    pub cities: Vec<Suggestion>,
    pub organisations: Vec<OrganisationSuggestion>,
}

impl Suggestions {
    pub fn is_empty(&self) -> bool {
        self.cities.is_empty() && self.organisations.is_empty()
    }
}

/// How many cities, and how many organisations, a request suggests.
pub const SUGGESTED: usize = 5;

/// The cities and organisations best placed to answer a request: those with evidence
/// on its theme ("who has done this?" for each of its KFLC features and SDG targets),
/// in the countries it names, strongest evidence first. Cities only when the request
/// seeks cities; organisations only of the kinds it seeks (a school for "school or
/// university"), found among the partners of those cities' programmes on the theme.
/// Empty when the request names no theme.
pub async fn suggestions(store: &Store, slug: &str) -> Result<Suggestions> {
    let r = store
        .request_row(slug, false)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let fields = request_document(&r).ok_or(ServiceError::NotFound)?;
    let org_kinds: Vec<&str> = fields
        .partner_kinds
        .iter()
        .flat_map(|k| organisation_kinds_for(k).iter().copied())
        .collect();
    let requester = store.cities_by_ids([r.city_id]).await?.pop();
    let fits = |city: &CityRef| {
        requester.as_ref().is_none_or(|c| c.slug != city.slug)
            && (fields.countries.is_empty() || fields.countries.contains(&city.country))
    };
    // Programmes on the theme, by city, for the organisations.
    let mut on_theme: Vec<(CityRef, crate::views::ProgrammeRef)> = Vec::new();
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
            let city = CityRef {
                slug: w.city.slug.clone(),
                name: w.city.name.clone(),
                country: w.city.country.clone(),
            };
            for p in &w.programmes {
                if fits(&city) && !on_theme.iter().any(|(_, q)| q == p) {
                    on_theme.push((city.clone(), p.clone()));
                }
            }
            let at = match found.iter().position(|s| s.city.slug == w.city.slug) {
                Some(at) => at,
                None => {
                    found.push(Suggestion {
                        city,
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
    found.retain(|s| {
        fields.partner_kinds.iter().any(|k| k == "city")
            && fits(&s.city)
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
    let organisations = if org_kinds.is_empty() {
        Vec::new()
    } else {
        organisations_in(store, &on_theme, &org_kinds).await?
    };
    Ok(Suggestions {
        cities: found,
        organisations,
    })
}

/// The partners of `programmes` whose kind is one of `kinds`, those in most of them
/// (and leading them) first.
async fn organisations_in(
    store: &Store,
    programmes: &[(CityRef, crate::views::ProgrammeRef)],
    kinds: &[&str],
) -> Result<Vec<OrganisationSuggestion>> {
    let mut by_id: HashMap<i32, OrganisationSuggestion> = HashMap::new();
    let mut leads: HashMap<i32, usize> = HashMap::new();
    for (city, p) in programmes {
        let Some(c) = store.city_by_slug(&city.slug).await? else {
            continue;
        };
        let Some(row) = store.programme_row(c.id, &p.slug, false).await? else {
            continue;
        };
        let partners = store.partners(row.id).await?;
        let orgs = store
            .organisations_by_ids(partners.iter().map(|x| x.organisation_id))
            .await?;
        for o in orgs
            .into_iter()
            .filter(|o| kinds.contains(&o.kind.as_str()))
        {
            let role = partners
                .iter()
                .find(|x| x.organisation_id == o.id)
                .map(|x| x.role.clone())
                .unwrap_or_default();
            *leads.entry(o.id).or_default() += usize::from(role == "lead");
            let entry = by_id.entry(o.id).or_insert_with(|| OrganisationSuggestion {
                name: serde_json::from_value(o.name.clone()).unwrap_or_default(),
                kind: o.kind.clone(),
                website: o.website.clone(),
                city: city.clone(),
                programmes: Vec::new(),
            });
            entry
                .programmes
                .push((p.slug.clone(), p.title.clone(), role));
        }
    }
    let mut found: Vec<(i32, OrganisationSuggestion)> = by_id.into_iter().collect();
    let weight = |id: &i32, o: &OrganisationSuggestion| {
        o.programmes.len() * 2 + leads.get(id).copied().unwrap_or(0)
    };
    found.sort_by(|(a_id, a), (b_id, b)| {
        weight(b_id, b)
            .cmp(&weight(a_id, a))
            .then(a.city.slug.cmp(&b.city.slug))
            .then(a_id.cmp(b_id))
    });
    found.truncate(SUGGESTED);
    Ok(found.into_iter().map(|(_, o)| o).collect())
}
