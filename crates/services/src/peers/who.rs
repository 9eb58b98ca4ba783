//! "Who has done this?": for a common challenge or a framework node (a KFLC feature or
//! area, an SDG target or goal, a guideline), the cities with something to show for it,
//! ranked by the evidence they have: programmes with reported results first, then
//! programmes, then a strategy that names it; for a challenge, how severe the city
//! rates it and then how many programmes it runs.

use std::collections::{BTreeSet, HashMap};

use forja_core::LocalizedText;
use serde::Serialize;
use utoipa::ToSchema;

use crate::queries::{node_refs, summaries};
use crate::views::{CitySummary, NodeRef, ObjectiveRef, ProgrammeRef};
use crate::{Result, ServiceError, Store};

/// What is asked about: a node of a framework or taxonomy by its codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    pub framework: String,
    pub code: String,
}

/// One city that has worked on the topic.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WhoCity {
    pub city: CitySummary,
    /// For a challenge: the city's own words for it and its rating.
    pub challenge: Option<RatedChallenge>,
    /// Objectives of its strategy linked to the topic (or a part of it).
    pub objectives: Vec<ObjectiveRef>,
    /// Live programmes serving those objectives.
    pub programmes: Vec<ProgrammeRef>,
    /// Outputs of those programmes with a reported figure.
    pub reported_outputs: usize,
    /// For a challenge: every live programme the city runs (a challenge is not tied to
    /// programmes, so this is what the city is doing at all).
    pub city_programmes: usize,
    /// Its published good practices on the topic: the strongest evidence, a case
    /// written up and reviewed.
    pub practices: Vec<WhoPractice>,
}

/// A published practice on the topic.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WhoPractice {
    pub slug: String,
    pub title: LocalizedText,
    /// Other cities that took it up.
    pub adopted_by: usize,
}

/// A city's own challenge, as it rates it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RatedChallenge {
    pub words: LocalizedText,
    /// 1 (minor) to 5 (severe).
    pub rating: u8,
    /// The rating is illustrative demo data.
    pub sample: bool,
}

/// The answer, best evidence first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WhoView {
    pub topic: NodeRef,
    pub summary: LocalizedText,
    pub cities: Vec<WhoCity>,
}

#[derive(Default)]
struct Found {
    practices: Vec<WhoPractice>,
    challenge: Option<RatedChallenge>,
    objectives: Vec<(String, LocalizedText)>,
    programmes: BTreeSet<i32>,
}

fn text(value: &serde_json::Value) -> LocalizedText {
    serde_json::from_value(value.clone()).unwrap_or_default()
}

/// The cities that worked on a topic, ranked; `NotFound` for an unknown framework or code.
pub async fn who_has_done(store: &Store, topic: &Topic) -> Result<WhoView> {
    let framework = store
        .framework_by_code(&topic.framework)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let nodes = store.nodes_of(framework.id).await?;
    let node = nodes
        .iter()
        .find(|n| n.code == topic.code)
        .ok_or(ServiceError::NotFound)?;
    // The node and everything under it: an area is worked on through its features.
    let mut under: BTreeSet<i32> = [node.id].into();
    loop {
        let more: Vec<i32> = nodes
            .iter()
            .filter(|n| n.parent_id.is_some_and(|p| under.contains(&p)) && !under.contains(&n.id))
            .map(|n| n.id)
            .collect();
        if more.is_empty() {
            break;
        }
        under.extend(more);
    }
    let under: Vec<i32> = under.into_iter().collect();
    let mut found: HashMap<i32, Found> = HashMap::new();

    for ch in store.all_challenges().await? {
        if ch.theme_node_id.is_some_and(|id| under.contains(&id)) {
            let f = found.entry(ch.city_id).or_default();
            let rating = ch.rating.clamp(1, 5) as u8;
            if f.challenge.as_ref().is_none_or(|c| c.rating < rating) {
                f.challenge = Some(RatedChallenge {
                    words: text(&ch.topic),
                    rating,
                    sample: ch.sample,
                });
            }
        }
    }

    // Published practices citing the node or a node under it.
    let codes: Vec<String> = nodes
        .iter()
        .filter(|n| under.contains(&n.id))
        .map(|n| n.code.clone())
        .collect();
    for (slug, title, city, adopted_by) in
        crate::practices::published_citing(store, &framework.code, &codes).await?
    {
        found.entry(city).or_default().practices.push(WhoPractice {
            slug,
            title,
            adopted_by,
        });
    }

    let links = store.objective_links_to(&under).await?;
    let objectives = store
        .objectives_by_ids(links.iter().map(|l| l.objective_id))
        .await?;
    let strategies: HashMap<i32, i32> = store
        .strategies_by_ids(objectives.iter().map(|o| o.strategy_id))
        .await?
        .into_iter()
        .map(|s| (s.id, s.city_id))
        .collect();
    let objective_city: HashMap<i32, i32> = objectives
        .iter()
        .filter_map(|o| Some((o.id, *strategies.get(&o.strategy_id)?)))
        .collect();
    for o in &objectives {
        if let Some(&city) = objective_city.get(&o.id) {
            found
                .entry(city)
                .or_default()
                .objectives
                .push((o.code.clone(), text(&o.title)));
        }
    }
    let serving = store
        .programmes_serving(&objectives.iter().map(|o| o.id).collect::<Vec<_>>())
        .await?;
    let programmes = store
        .programmes_by_ids(serving.iter().map(|s| s.programme_id))
        .await?;
    for p in &programmes {
        found.entry(p.city_id).or_default().programmes.insert(p.id);
    }
    let reported: HashMap<i32, usize> = store
        .outputs_of(&programmes.iter().map(|p| p.id).collect::<Vec<_>>())
        .await?
        .into_iter()
        .filter(|o| o.reported.is_some())
        .fold(HashMap::new(), |mut m, o| {
            *m.entry(o.programme_id).or_default() += 1;
            m
        });

    let cities = store.cities_by_ids(found.keys().copied()).await?;
    let mut city_programmes = HashMap::new();
    if framework.kind == "taxonomy" {
        for c in &cities {
            city_programmes.insert(c.id, store.programmes_of(c.id).await?.len());
        }
    }
    let slugs: HashMap<i32, String> = cities.iter().map(|c| (c.id, c.slug.clone())).collect();
    let mut out: Vec<WhoCity> = summaries(store, &cities)
        .await?
        .into_iter()
        .zip(&cities)
        .filter_map(|(summary, c)| {
            let f = found.remove(&c.id)?;
            let mine: Vec<_> = programmes
                .iter()
                .filter(|p| f.programmes.contains(&p.id))
                .collect();
            Some(WhoCity {
                practices: f.practices,
                challenge: f.challenge,
                objectives: f
                    .objectives
                    .into_iter()
                    .map(|(code, title)| ObjectiveRef {
                        city: c.slug.clone(),
                        code,
                        title,
                    })
                    .collect(),
                city: summary,
                reported_outputs: mine.iter().map(|p| reported.get(&p.id).unwrap_or(&0)).sum(),
                city_programmes: city_programmes.get(&c.id).copied().unwrap_or(0),
                programmes: mine
                    .iter()
                    .map(|p| ProgrammeRef {
                        city: slugs.get(&p.city_id).cloned().unwrap_or_default(),
                        slug: p.slug.clone(),
                        title: text(&p.title),
                    })
                    .collect(),
            })
        })
        .collect();
    out.sort_by(|a, b| {
        let evidence = |w: &WhoCity| {
            (
                w.practices.len(),
                w.practices.iter().map(|p| p.adopted_by).sum::<usize>(),
                w.reported_outputs,
                w.programmes.len(),
                w.objectives.len(),
                w.challenge.as_ref().map_or(0, |c| c.rating),
                w.city_programmes,
            )
        };
        evidence(b)
            .cmp(&evidence(a))
            .then_with(|| a.city.slug.cmp(&b.city.slug))
    });
    let topic_ref = node_refs(store, [node.id])
        .await?
        .remove(&node.id)
        .ok_or(ServiceError::NotFound)?;
    Ok(WhoView {
        topic: topic_ref,
        summary: node.summary.as_ref().map(text).unwrap_or_default(),
        cities: out,
    })
}
