//! Good practices: cases a city writes up from its own programme so that other cities
//! can learn from them. Readers see the version network staff published; the city's
//! editors and network staff see the one being written. A practice also shows where it
//! travelled: the cities that recorded taking it up, with their own results.

mod draft;
mod write;

pub use write::*;

use std::collections::HashMap;

use forja_core::LocalizedText;
use forja_core::edit::{PracticeFields, PracticeStatus};
use forja_core::policy::{Action, Actor, allowed};
use forja_store::edit_practice::practice_document;
use forja_store::entity::{city, practice};
use serde::Serialize;
use utoipa::ToSchema;

use crate::queries::summaries;
use crate::views::{CitySummary, NodeRef, ProgrammeRef};
use crate::{Result, ServiceError, Store};

/// The frameworks a practice's codes name, with the field that holds each.
const NAMED: [(&str, &str); 4] = [
    ("kflc", "kflc"),
    ("sdg", "sdg"),
    ("target_groups", "target-groups"),
    ("challenges", "challenges"),
];

/// A practice in a list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PracticeSummary {
    pub slug: String,
    pub city: CitySummary,
    pub title: LocalizedText,
    pub summary: LocalizedText,
    pub kflc: Vec<NodeRef>,
    /// Cities that recorded taking it up.
    pub adopted_by: usize,
    pub licence: String,
    /// Its figures are illustrative demo data.
    pub sample: bool,
    /// Unix seconds; none while it was never published (only its writers and network
    /// staff see it then).
    pub published_at: Option<i64>,
    /// Where the version being written is in review.
    pub status: PracticeStatus,
    /// The slug of the city's programme it comes from.
    pub programme: Option<String>,
    /// The slugs of the cities that took it up.
    pub adopters: Vec<String>,
}

/// A city that took a practice up.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AdoptionView {
    pub city: CitySummary,
    pub year: i32,
    /// What it changed and what came of it, in its own words.
    pub note: LocalizedText,
    pub sample: bool,
}

/// One of the city's indicators a practice cites as evidence.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IndicatorRef {
    pub code: String,
    pub title: LocalizedText,
}

/// A practice as its page and the API show it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PracticeView {
    pub slug: String,
    pub city: CitySummary,
    /// The version shown: the published one to readers, the one being written to its
    /// city's editors and to network staff.
    pub fields: PracticeFields,
    pub shown_version: i32,
    /// The current version (what a change must name).
    pub version: i32,
    pub published_version: Option<i32>,
    pub published_at: Option<i64>,
    pub programme: Option<ProgrammeRef>,
    pub indicators: Vec<IndicatorRef>,
    pub kflc: Vec<NodeRef>,
    pub sdg: Vec<NodeRef>,
    pub target_groups: Vec<NodeRef>,
    pub challenges: Vec<NodeRef>,
    pub adoptions: Vec<AdoptionView>,
}

/// What the person may do with a practice (for the page's buttons; each step checks
/// again through the policy).
#[derive(Debug, Clone, Default)]
pub struct PracticeRights {
    pub edit: bool,
    pub submit: bool,
    pub review: bool,
    /// The person's own city, when it may record adopting this practice.
    pub adopt: Option<String>,
}

fn text(value: &serde_json::Value) -> LocalizedText {
    serde_json::from_value(value.clone()).unwrap_or_default()
}

/// Whether the actor sees the version being written (its city's editors, network staff).
fn sees_drafts(actor: Option<&Actor>, city: &city::Model) -> bool {
    actor.is_some_and(|a| {
        allowed(
            a,
            &Action::EditPractice {
                city: crate::city_id(city),
            },
        ) || allowed(a, &Action::ReviewPractice)
    })
}

/// The version the actor sees, with its number; none when they may not see it at all.
async fn shown(
    store: &Store,
    actor: Option<&Actor>,
    city: &city::Model,
    p: &practice::Model,
) -> Result<Option<(PracticeFields, i32)>> {
    if sees_drafts(actor, city) {
        return Ok(practice_document(p).map(|f| (f, p.version)));
    }
    Ok(store.published_practice(p).await?.zip(p.published_version))
}

/// Framework nodes by (framework, code), for the four frameworks a practice names.
async fn named_nodes(store: &Store) -> Result<HashMap<(String, String), NodeRef>> {
    let mut out = HashMap::new();
    for (_, framework) in NAMED {
        let Some(fw) = store.framework_by_code(framework).await? else {
            continue;
        };
        for n in store.nodes_of(fw.id).await? {
            let node = NodeRef {
                framework: framework.to_owned(),
                code: n.code.clone(),
                kind: n.kind,
                title: text(&n.title),
                draft: n.draft,
            };
            out.insert((framework.to_owned(), n.code), node);
        }
    }
    Ok(out)
}

fn refs(
    nodes: &HashMap<(String, String), NodeRef>,
    framework: &str,
    codes: &[String],
) -> Vec<NodeRef> {
    codes
        .iter()
        .filter_map(|c| nodes.get(&(framework.to_owned(), c.clone())).cloned())
        .collect()
}

/// The practices the actor may see, newest published first, then the unpublished ones.
pub async fn practice_list(store: &Store, actor: Option<&Actor>) -> Result<Vec<PracticeSummary>> {
    let rows = store.practices().await?;
    let cities = store.cities_by_ids(rows.iter().map(|p| p.city_id)).await?;
    let by_id: HashMap<i32, &city::Model> = cities.iter().map(|c| (c.id, c)).collect();
    let city_views: HashMap<i32, CitySummary> = cities
        .iter()
        .map(|c| c.id)
        .zip(summaries(store, &cities).await?)
        .collect();
    let adoptions = store
        .adoptions(&rows.iter().map(|p| p.id).collect::<Vec<_>>())
        .await?;
    let adopters: HashMap<i32, String> = store
        .cities_by_ids(adoptions.iter().map(|a| a.city_id))
        .await?
        .into_iter()
        .map(|c| (c.id, c.slug))
        .collect();
    let nodes = named_nodes(store).await?;
    let mut out = Vec::new();
    for p in &rows {
        let (Some(city), Some(view)) = (by_id.get(&p.city_id), city_views.get(&p.city_id)) else {
            continue;
        };
        let Some((fields, _)) = shown(store, actor, city, p).await? else {
            continue;
        };
        out.push(PracticeSummary {
            slug: p.slug.clone(),
            city: view.clone(),
            kflc: refs(&nodes, "kflc", &fields.kflc),
            adopted_by: adoptions.iter().filter(|a| a.practice_id == p.id).count(),
            adopters: adoptions
                .iter()
                .filter(|a| a.practice_id == p.id)
                .filter_map(|a| adopters.get(&a.city_id).cloned())
                .collect(),
            programme: fields.programme.clone(),
            licence: fields.licence.clone(),
            sample: fields.sample,
            published_at: p.published_at,
            status: fields.status,
            title: fields.title,
            summary: fields.summary,
        });
    }
    out.sort_by(|a, b| {
        b.published_at
            .is_some()
            .cmp(&a.published_at.is_some())
            .then(b.published_at.cmp(&a.published_at))
            .then_with(|| a.slug.cmp(&b.slug))
    });
    Ok(out)
}

/// A city's practices as the actor may see them: those it wrote, and those of other
/// cities it took up.
pub async fn city_practices(
    store: &Store,
    actor: Option<&Actor>,
    city_slug: &str,
) -> Result<(Vec<PracticeSummary>, Vec<PracticeSummary>)> {
    crate::city(store, city_slug).await?;
    let all = practice_list(store, actor).await?;
    let adopted = all
        .iter()
        .filter(|p| p.adopters.iter().any(|a| a == city_slug))
        .cloned()
        .collect();
    let own = all
        .into_iter()
        .filter(|p| p.city.slug == city_slug)
        .collect();
    Ok((own, adopted))
}

/// The practice written up from a programme, if the actor may see one.
pub async fn programme_practice(
    store: &Store,
    actor: Option<&Actor>,
    city_slug: &str,
    programme: &str,
) -> Result<Option<PracticeSummary>> {
    let (own, _) = city_practices(store, actor, city_slug).await?;
    Ok(own
        .into_iter()
        .find(|p| p.programme.as_deref() == Some(programme)))
}

/// One practice as the actor may see it; `NotFound` when they may not.
pub async fn practice_view(
    store: &Store,
    actor: Option<&Actor>,
    slug: &str,
) -> Result<PracticeView> {
    let p = store
        .practice_row(slug, false)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let city = store
        .cities_by_ids([p.city_id])
        .await?
        .pop()
        .ok_or(ServiceError::NotFound)?;
    let (fields, shown_version) = shown(store, actor, &city, &p)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let nodes = named_nodes(store).await?;
    let programme = match &fields.programme {
        Some(slug) => store
            .programme_row(city.id, slug, false)
            .await?
            .map(|row| ProgrammeRef {
                city: city.slug.clone(),
                slug: row.slug,
                title: text(&row.title),
            }),
        None => None,
    };
    let indicators = store
        .indicators(Some(city.id))
        .await?
        .into_iter()
        .filter(|i| fields.indicators.contains(&i.row.code))
        .map(|i| IndicatorRef {
            code: i.row.code.clone(),
            title: text(&i.row.name),
        })
        .collect();
    let adoption_rows = store.adoptions(&[p.id]).await?;
    let adopters = store
        .cities_by_ids(adoption_rows.iter().map(|a| a.city_id))
        .await?;
    let adopter_views: HashMap<i32, CitySummary> = adopters
        .iter()
        .map(|c| c.id)
        .zip(summaries(store, &adopters).await?)
        .collect();
    let adoptions = adoption_rows
        .iter()
        .filter_map(|a| {
            Some(AdoptionView {
                city: adopter_views.get(&a.city_id)?.clone(),
                year: a.year,
                note: text(&a.note),
                sample: a.sample,
            })
        })
        .collect();
    Ok(PracticeView {
        slug: p.slug.clone(),
        city: summaries(store, std::slice::from_ref(&city))
            .await?
            .remove(0),
        shown_version,
        version: p.version,
        published_version: p.published_version,
        published_at: p.published_at,
        programme,
        indicators,
        kflc: refs(&nodes, "kflc", &fields.kflc),
        sdg: refs(&nodes, "sdg", &fields.sdg),
        target_groups: refs(&nodes, "target-groups", &fields.target_groups),
        challenges: refs(&nodes, "challenges", &fields.challenges),
        adoptions,
        fields,
    })
}

/// What the actor may do with the practice.
pub async fn practice_rights(
    store: &Store,
    actor: &Actor,
    view: &PracticeView,
) -> Result<PracticeRights> {
    let city = crate::city(store, &view.city.slug).await?;
    let id = crate::city_id(&city);
    let adopt = match actor.city {
        Some(own) if own != id && allowed(actor, &Action::AdoptPractice { city: own }) => {
            let mine = store
                .cities_by_ids([i32::try_from(own.0).unwrap_or(0)])
                .await?
                .pop();
            // Once recorded, the city's adoption stands; it is not offered again.
            mine.filter(|c| !view.adoptions.iter().any(|a| a.city.slug == c.slug))
                .map(|c| c.slug)
        }
        _ => None,
    };
    Ok(PracticeRights {
        edit: allowed(actor, &Action::EditPractice { city: id }),
        submit: allowed(actor, &Action::SubmitPractice { city: id }),
        review: allowed(actor, &Action::ReviewPractice),
        adopt,
    })
}

/// Published practices in the codes of a framework node or any node under it, for
/// "who has done this": (practice slug, title, city id, adoptions).
pub async fn published_citing(
    store: &Store,
    framework: &str,
    codes: &[String],
) -> Result<Vec<(String, LocalizedText, i32, usize)>> {
    let Some((field, _)) = NAMED.iter().find(|(_, f)| *f == framework) else {
        return Ok(Vec::new());
    };
    let rows = store.practices().await?;
    let adoptions = store
        .adoptions(&rows.iter().map(|p| p.id).collect::<Vec<_>>())
        .await?;
    let mut out = Vec::new();
    for p in &rows {
        let Some(fields) = store.published_practice(p).await? else {
            continue;
        };
        let cited = match *field {
            "kflc" => &fields.kflc,
            "sdg" => &fields.sdg,
            "target_groups" => &fields.target_groups,
            _ => &fields.challenges,
        };
        if cited.iter().any(|c| codes.contains(c)) {
            let adopted = adoptions.iter().filter(|a| a.practice_id == p.id).count();
            out.push((p.slug.clone(), fields.title, p.city_id, adopted));
        }
    }
    Ok(out)
}

/// A published practice as researchers download it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PracticeExport {
    pub slug: String,
    pub city: String,
    pub country: String,
    /// Unix seconds.
    pub published_at: Option<i64>,
    /// The published version.
    pub version: i32,
    #[serde(flatten)]
    pub fields: PracticeFields,
    /// The cities that took it up, by slug.
    pub adopted_by: Vec<String>,
}

/// Every published practice, oldest first, as published.
pub async fn published_export(store: &Store) -> Result<Vec<PracticeExport>> {
    let rows = store.practices().await?;
    let cities: HashMap<i32, city::Model> = store
        .cities_by_ids(rows.iter().map(|p| p.city_id))
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let adoptions = store
        .adoptions(&rows.iter().map(|p| p.id).collect::<Vec<_>>())
        .await?;
    let adopters: HashMap<i32, String> = store
        .cities_by_ids(adoptions.iter().map(|a| a.city_id))
        .await?
        .into_iter()
        .map(|c| (c.id, c.slug))
        .collect();
    let mut out = Vec::new();
    for p in &rows {
        let (Some(fields), Some(version), Some(city)) = (
            store.published_practice(p).await?,
            p.published_version,
            cities.get(&p.city_id),
        ) else {
            continue;
        };
        out.push(PracticeExport {
            slug: p.slug.clone(),
            city: city.slug.clone(),
            country: city.country.clone(),
            published_at: p.published_at,
            version,
            fields,
            adopted_by: adoptions
                .iter()
                .filter(|a| a.practice_id == p.id)
                .filter_map(|a| adopters.get(&a.city_id).cloned())
                .collect(),
        });
    }
    Ok(out)
}

/// The export as JSON.
pub fn export_json(rows: &[PracticeExport]) -> Vec<u8> {
    // Plain data without maps keyed by anything but strings: this cannot fail.
    serde_json::to_vec_pretty(rows).unwrap_or_default()
}

/// A cell a spreadsheet would run as a formula (`=`, `+`, `@`, or `-` not starting a
/// Markdown list item) gets a leading apostrophe, so opening the file runs nothing.
fn inert(cell: String) -> String {
    let risky = match cell.chars().next() {
        Some('=' | '+' | '@' | '\t' | '\r') => true,
        Some('-') => !cell.starts_with("- "),
        _ => false,
    };
    if risky { format!("'{cell}") } else { cell }
}

/// The export as CSV: one row a practice, each text in English and in Romanian, lists
/// of codes joined with `;`.
pub fn export_csv(rows: &[PracticeExport]) -> Result<Vec<u8>> {
    const LANGS: [&str; 2] = ["en", "ro"];
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut head: Vec<String> = ["slug", "city", "country", "published_at", "version"]
        .map(String::from)
        .to_vec();
    for name in std::iter::once("title").chain(forja_core::edit::PRACTICE_TEXTS) {
        for lang in LANGS {
            head.push(format!("{name}_{lang}"));
        }
    }
    head.extend(
        [
            "programme",
            "indicators",
            "target_groups",
            "kflc",
            "sdg",
            "challenges",
            "evidence",
            "licence",
            "contact",
            "sample",
            "adopted_by",
        ]
        .map(String::from),
    );
    let problem = |e: csv::Error| ServiceError::Internal(format!("csv: {e}"));
    w.write_record(&head).map_err(problem)?;
    for r in rows {
        let f = &r.fields;
        let mut row = vec![
            r.slug.clone(),
            r.city.clone(),
            r.country.clone(),
            r.published_at.map(|t| t.to_string()).unwrap_or_default(),
            r.version.to_string(),
        ];
        let texts = std::iter::once(("title", &f.title)).chain(f.texts());
        for (_, text) in texts {
            for lang in LANGS {
                row.push(text.get_exact(lang).unwrap_or("").to_owned());
            }
        }
        row.extend([
            f.programme.clone().unwrap_or_default(),
            f.indicators.join(";"),
            f.target_groups.join(";"),
            f.kflc.join(";"),
            f.sdg.join(";"),
            f.challenges.join(";"),
            f.evidence.clone(),
            f.licence.clone(),
            f.contact.clone().unwrap_or_default(),
            f.sample.to_string(),
            r.adopted_by.join(";"),
        ]);
        let row: Vec<String> = row.into_iter().map(inert).collect();
        w.write_record(&row).map_err(problem)?;
    }
    w.into_inner()
        .map_err(|e| ServiceError::Internal(format!("csv: {e}")))
}
