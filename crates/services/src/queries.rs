//! Builds the read models in [`crate::views`] from the store. Each function serves one
//! page or endpoint and issues a fixed number of queries.

use std::collections::{BTreeSet, HashMap};

use forja_core::LocalizedText;
use forja_core::progress::{Percent, ProgrammeStatus, ProgressInput, roll_up};
use forja_core::values::CountryCode;
use forja_store::entity::{city, framework_node, programme};
use serde_json::Value as Json;

use crate::views::*;
use crate::{Result, ServiceError, Store};

fn text(value: &Json) -> LocalizedText {
    serde_json::from_value(value.clone()).unwrap_or_default()
}

fn opt_text(value: &Option<Json>) -> LocalizedText {
    value.as_ref().map(text).unwrap_or_default()
}

/// Text written by a city: falls back to the city's own language.
fn ctext(value: &Json, city_lang: &str) -> LocalizedText {
    text(value).with_fallback(city_lang)
}

fn opt_ctext(value: &Option<Json>, city_lang: &str) -> LocalizedText {
    opt_text(value).with_fallback(city_lang)
}

/// Resolves node ids into [`NodeRef`]s with their framework codes.
async fn node_refs(
    store: &Store,
    ids: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, NodeRef>> {
    let ids: BTreeSet<i32> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let frameworks: HashMap<i32, String> = store
        .frameworks()
        .await?
        .into_iter()
        .map(|f| (f.id, f.code))
        .collect();
    Ok(store
        .nodes_by_ids(ids)
        .await?
        .into_iter()
        .map(|n| {
            let node = NodeRef {
                framework: frameworks.get(&n.framework_id).cloned().unwrap_or_default(),
                code: n.code,
                kind: n.kind,
                title: text(&n.title),
                draft: n.draft,
            };
            (n.id, node)
        })
        .collect())
}

fn city_summary(c: &city::Model, clusters: Vec<NodeRef>) -> CitySummary {
    CitySummary {
        slug: c.slug.clone(),
        name: text(&c.name),
        country: c.country.clone(),
        latitude: c.latitude,
        longitude: c.longitude,
        population: c.population,
        joined_year: c.joined_year,
        default_locale: c.default_locale.clone(),
        clusters,
        clusters_sample: c.clusters_sample,
    }
}

/// Summaries for the given cities, with their clusters, in the given order.
async fn summaries(store: &Store, cities: &[city::Model]) -> Result<Vec<CitySummary>> {
    let ids: Vec<i32> = cities.iter().map(|c| c.id).collect();
    let links = store.city_clusters(&ids).await?;
    let refs = node_refs(store, links.iter().map(|l| l.node_id)).await?;
    Ok(cities
        .iter()
        .map(|c| {
            let clusters = links
                .iter()
                .filter(|l| l.city_id == c.id)
                .filter_map(|l| refs.get(&l.node_id).cloned())
                .collect();
            city_summary(c, clusters)
        })
        .collect())
}

async fn city_or_404(store: &Store, slug: &str) -> Result<city::Model> {
    store
        .city_by_slug(slug)
        .await?
        .ok_or(ServiceError::NotFound)
}

async fn one_summary(store: &Store, c: &city::Model) -> Result<CitySummary> {
    Ok(summaries(store, std::slice::from_ref(c)).await?.remove(0))
}

/// The network home: every city and the key figures.
pub async fn network_overview(store: &Store) -> Result<NetworkOverview> {
    let network = store.network().await?;
    let cities = summaries(store, &store.cities().await?).await?;
    let countries: BTreeSet<&str> = cities.iter().map(|c| c.country.as_str()).collect();
    let figures = KeyFigures {
        cities: cities.len(),
        countries: countries.len(),
        programmes: store.programme_count().await?,
        first_joined: cities.iter().map(|c| c.joined_year).min(),
    };
    Ok(NetworkOverview {
        slug: network.as_ref().map(|n| n.slug.clone()).unwrap_or_default(),
        name: network.as_ref().map(|n| text(&n.name)).unwrap_or_default(),
        summary: network
            .as_ref()
            .map(|n| text(&n.summary))
            .unwrap_or_default(),
        cities,
        figures,
    })
}

/// Filters for the city directory; both already validated by the caller.
#[derive(Debug, Clone, Default)]
pub struct CityFilter {
    pub country: Option<CountryCode>,
    pub cluster: Option<String>,
}

/// The city directory, filtered.
pub async fn cities(store: &Store, filter: &CityFilter) -> Result<Vec<CitySummary>> {
    let all = summaries(store, &store.cities().await?).await?;
    Ok(all
        .into_iter()
        .filter(|c| filter.country.is_none_or(|code| c.country == code.as_str()))
        .filter(|c| {
            filter
                .cluster
                .as_ref()
                .is_none_or(|code| c.clusters.iter().any(|n| &n.code == code))
        })
        .collect())
}

/// A city's profile page.
pub async fn city_profile(store: &Store, slug: &str) -> Result<CityProfile> {
    let c = city_or_404(store, slug).await?;
    let summary = one_summary(store, &c).await?;
    let strategy = match store.current_strategy(c.id).await? {
        Some(s) => {
            let objectives = store.objectives_of(s.id).await?.len();
            Some(strategy_head(&s, objectives, &c.default_locale))
        }
        None => None,
    };
    let challenges = store
        .challenges(c.id)
        .await?
        .into_iter()
        .map(|ch| Challenge {
            topic: ctext(&ch.topic, &c.default_locale),
            rating: ch.rating,
            sample: ch.sample,
        })
        .collect();
    let organisations = store
        .organisations_of(c.id)
        .await?
        .into_iter()
        .map(|o| organisation(o, &c.default_locale))
        .collect();
    Ok(CityProfile {
        summary,
        population_year: c.population_year,
        population_source: c.population_source.clone(),
        geonames_id: c.geonames_id,
        area_km2: c.area_km2,
        languages: serde_json::from_value(c.languages.clone()).unwrap_or_default(),
        joined_on: c.joined_on,
        website: c.website.clone(),
        history: opt_ctext(&c.history, &c.default_locale),
        context: opt_ctext(&c.context, &c.default_locale),
        challenges,
        strategy,
        programme_count: store.programmes_of(c.id).await?.len(),
        organisations,
    })
}

fn strategy_head(
    s: &forja_store::entity::strategy::Model,
    objective_count: usize,
    lang: &str,
) -> StrategyHead {
    StrategyHead {
        title: ctext(&s.title, lang),
        period_start: s.period_start,
        period_end: s.period_end,
        period_sample: s.period_sample,
        status: s.status.clone(),
        vision: ctext(&s.vision, lang),
        objective_count,
    }
}

fn organisation(o: forja_store::entity::organisation::Model, lang: &str) -> Organisation {
    Organisation {
        slug: o.slug,
        name: ctext(&o.name, lang),
        kind: o.kind,
        website: o.website,
        collective: o.collective,
    }
}

/// A city's strategy with objectives, links, local targets and serving programmes.
pub async fn strategy(store: &Store, slug: &str) -> Result<StrategyView> {
    let c = city_or_404(store, slug).await?;
    let s = store
        .current_strategy(c.id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let objectives = store.objectives_of(s.id).await?;
    let ids: Vec<i32> = objectives.iter().map(|o| o.id).collect();
    let links = store.objective_links(&ids).await?;
    let refs = node_refs(store, links.iter().map(|l| l.node_id)).await?;
    let targets = store.local_targets(&ids).await?;
    let target_refs = node_refs(store, targets.iter().map(|t| t.sdg_node_id)).await?;
    let serving = store.programmes_serving(&ids).await?;
    let programmes: HashMap<i32, programme::Model> = store
        .programmes_by_ids(serving.iter().map(|p| p.programme_id))
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let city = one_summary(store, &c).await?;
    let lang = c.default_locale.as_str();
    let objectives = objectives
        .iter()
        .map(|o| {
            let mut links: Vec<NodeRef> = links
                .iter()
                .filter(|l| l.objective_id == o.id)
                .filter_map(|l| refs.get(&l.node_id).cloned())
                .collect();
            links.sort_by(|a, b| {
                framework_order(&a.framework)
                    .cmp(&framework_order(&b.framework))
                    .then(natural(&a.code).cmp(&natural(&b.code)))
            });
            let mut serving_programmes: Vec<&programme::Model> = serving
                .iter()
                .filter(|p| p.objective_id == o.id)
                .filter_map(|p| programmes.get(&p.programme_id))
                .collect();
            serving_programmes.sort_by_key(|p| p.position);
            ObjectiveView {
                code: o.code.clone(),
                title: ctext(&o.title, lang),
                description: opt_ctext(&o.description, lang),
                links,
                local_targets: targets
                    .iter()
                    .filter(|t| t.objective_id == o.id)
                    .map(|t| LocalTarget {
                        code: t.code.clone(),
                        sdg_target: target_refs
                            .get(&t.sdg_node_id)
                            .map(|n| n.code.clone())
                            .unwrap_or_default(),
                        title: ctext(&t.title, lang),
                    })
                    .collect(),
                programmes: serving_programmes
                    .into_iter()
                    .map(|p| ProgrammeRef {
                        city: c.slug.clone(),
                        slug: p.slug.clone(),
                        title: ctext(&p.title, lang),
                    })
                    .collect(),
            }
        })
        .collect();
    Ok(StrategyView {
        city,
        head: strategy_head(&s, ids.len(), lang),
        objectives,
    })
}

/// Sorts framework links KFLC first, then Guidelines, then SDGs.
fn framework_order(code: &str) -> u8 {
    match code {
        "kflc" => 0,
        "guidelines" => 1,
        "sdg" => 2,
        _ => 3,
    }
}

/// Orders codes like 4.10 after 4.9 and 4.a after 4.7.
pub fn natural(code: &str) -> Vec<(u32, String)> {
    code.split('.')
        .map(|part| (part.parse::<u32>().unwrap_or(u32::MAX), part.to_owned()))
        .collect()
}

/// Computes progress for every programme of a city (weighted roll-up through the tree).
fn programme_tree(
    all: &[programme::Model],
    groups: &HashMap<i32, Vec<NodeRef>>,
    lang: &str,
) -> Vec<ProgrammeSummary> {
    let mut children: HashMap<Option<i32>, Vec<&programme::Model>> = HashMap::new();
    let known: BTreeSet<i32> = all.iter().map(|p| p.id).collect();
    for p in all {
        // A parent outside this city's set is treated as none, so nothing is lost.
        let parent = p.parent_id.filter(|id| known.contains(id));
        children.entry(parent).or_default().push(p);
    }
    fn input(
        p: &programme::Model,
        children: &HashMap<Option<i32>, Vec<&programme::Model>>,
        depth: usize,
    ) -> ProgressInput {
        ProgressInput {
            status: p.status.parse().unwrap_or(ProgrammeStatus::Planned),
            explicit: p.progress.and_then(|v| Percent::new(v).ok()),
            explicit_sample: p.progress_sample,
            weight: p.weight,
            // Depth guard: a cycle in bad data must not recurse forever.
            children: if depth > 16 {
                vec![]
            } else {
                children
                    .get(&Some(p.id))
                    .map(|c| c.iter().map(|k| input(k, children, depth + 1)).collect())
                    .unwrap_or_default()
            },
        }
    }
    let by_id: HashMap<i32, &programme::Model> = all.iter().map(|p| (p.id, p)).collect();
    let mut out = Vec::with_capacity(all.len());
    fn walk<'a>(
        parent: Option<i32>,
        depth: usize,
        children: &HashMap<Option<i32>, Vec<&'a programme::Model>>,
        by_id: &HashMap<i32, &programme::Model>,
        groups: &HashMap<i32, Vec<NodeRef>>,
        lang: &str,
        out: &mut Vec<ProgrammeSummary>,
    ) {
        if depth > 16 {
            return;
        }
        for p in children.get(&parent).into_iter().flatten() {
            let rolled = roll_up(&input(p, children, depth));
            out.push(ProgrammeSummary {
                slug: p.slug.clone(),
                title: ctext(&p.title, lang),
                summary: ctext(&p.summary, lang),
                status: p.status.parse().unwrap_or(ProgrammeStatus::Planned),
                progress: rolled.map(|r| Progress {
                    percent: r.percent,
                    source: r.source,
                    sample: r.sample,
                }),
                parent: parent.and_then(|id| by_id.get(&id)).map(|p| p.slug.clone()),
                depth,
                weight: p.weight,
                start_on: p.start_on,
                end_on: p.end_on,
                dates_sample: p.dates_sample,
                target_groups: groups.get(&p.id).cloned().unwrap_or_default(),
                sample: p.sample,
            });
            walk(Some(p.id), depth + 1, children, by_id, groups, lang, out);
        }
    }
    walk(None, 0, &children, &by_id, groups, lang, &mut out);
    out
}

async fn target_groups(store: &Store, programme_ids: &[i32]) -> Result<HashMap<i32, Vec<NodeRef>>> {
    let links = store.programme_target_groups(programme_ids).await?;
    let refs = node_refs(store, links.iter().map(|l| l.node_id)).await?;
    let mut out: HashMap<i32, Vec<NodeRef>> = HashMap::new();
    for l in links {
        if let Some(node) = refs.get(&l.node_id) {
            out.entry(l.programme_id).or_default().push(node.clone());
        }
    }
    Ok(out)
}

/// A city's programmes as a tree with rolled-up progress.
pub async fn programmes(store: &Store, slug: &str) -> Result<ProgrammeList> {
    let c = city_or_404(store, slug).await?;
    let all = store.programmes_of(c.id).await?;
    let ids: Vec<i32> = all.iter().map(|p| p.id).collect();
    let groups = target_groups(store, &ids).await?;
    Ok(ProgrammeList {
        city: one_summary(store, &c).await?,
        programmes: programme_tree(&all, &groups, &c.default_locale),
    })
}

/// One programme with everything about it.
pub async fn programme(store: &Store, city_slug: &str, slug: &str) -> Result<ProgrammeDetail> {
    let c = city_or_404(store, city_slug).await?;
    let all = store.programmes_of(c.id).await?;
    let this = all
        .iter()
        .find(|p| p.slug == slug)
        .ok_or(ServiceError::NotFound)?;
    let ids: Vec<i32> = all.iter().map(|p| p.id).collect();
    let groups = target_groups(store, &ids).await?;
    let lang = c.default_locale.as_str();
    let tree = programme_tree(&all, &groups, lang);
    let summary = tree
        .iter()
        .find(|p| p.slug == slug)
        .cloned()
        .ok_or(ServiceError::NotFound)?;
    let children = tree
        .iter()
        .filter(|p| p.parent.as_deref() == Some(slug))
        .cloned()
        .collect();
    let parent = this
        .parent_id
        .and_then(|id| all.iter().find(|p| p.id == id))
        .map(|p| ProgrammeRef {
            city: c.slug.clone(),
            slug: p.slug.clone(),
            title: ctext(&p.title, lang),
        });
    let objective_links = store.programme_objectives(&[this.id]).await?;
    let objectives = store
        .objectives_by_ids(objective_links.iter().map(|l| l.objective_id))
        .await?
        .into_iter()
        .map(|o| ObjectiveRef {
            city: c.slug.clone(),
            code: o.code,
            title: ctext(&o.title, lang),
        })
        .collect();
    let partner_rows = store.partners(this.id).await?;
    let funding_rows = store.funding(this.id).await?;
    let org_ids = partner_rows
        .iter()
        .map(|p| p.organisation_id)
        .chain(funding_rows.iter().filter_map(|f| f.organisation_id));
    let orgs: HashMap<i32, Organisation> = store
        .organisations_by_ids(org_ids)
        .await?
        .into_iter()
        .map(|o| (o.id, organisation(o, lang)))
        .collect();
    let partners = partner_rows
        .into_iter()
        .filter_map(|p| {
            orgs.get(&p.organisation_id).map(|o| Partner {
                organisation: o.clone(),
                role: p.role,
                contribution: opt_ctext(&p.contribution, lang),
            })
        })
        .collect();
    let funding = funding_rows
        .into_iter()
        .map(|f| Funding {
            source: ctext(&f.source, lang),
            organisation: f
                .organisation_id
                .and_then(|id| orgs.get(&id))
                .map(|o| o.name.clone()),
            amount: f.amount_minor.map(|m| m as f64 / 100.0),
            currency: f.currency,
            sample: f.sample,
        })
        .collect();
    let milestones = store
        .milestones(this.id)
        .await?
        .into_iter()
        .map(|m| Milestone {
            title: ctext(&m.title, lang),
            due_on: m.due_on,
            done: m.done,
            sample: m.sample,
        })
        .collect();
    let outputs = store
        .outputs(this.id)
        .await?
        .into_iter()
        .map(|o| Output {
            code: o.code,
            label: ctext(&o.label, lang),
            unit: opt_ctext(&o.unit, lang),
            period: o.period,
            expected: o.expected,
            reported: o.reported,
            sample: o.sample,
            source: opt_ctext(&o.source, lang),
        })
        .collect();
    let place = match (this.latitude, this.longitude) {
        (Some(latitude), Some(longitude)) => Some(Place {
            name: opt_ctext(&this.place_name, lang),
            latitude,
            longitude,
            sample: this.place_sample,
        }),
        _ => None,
    };
    Ok(ProgrammeDetail {
        city: one_summary(store, &c).await?,
        summary,
        description: ctext(&this.description, lang),
        place,
        parent,
        children,
        objectives,
        partners,
        funding,
        milestones,
        outputs,
    })
}

/// Every framework shown under /framework (taxonomies are not listed).
pub async fn frameworks(store: &Store) -> Result<Vec<FrameworkSummary>> {
    let mut out = Vec::new();
    for f in store
        .frameworks()
        .await?
        .into_iter()
        .filter(|f| f.kind == "framework")
    {
        let node_count = store.node_count(f.id).await?;
        out.push(framework_summary(f, node_count));
    }
    Ok(out)
}

fn framework_summary(
    f: forja_store::entity::framework::Model,
    node_count: u64,
) -> FrameworkSummary {
    FrameworkSummary {
        code: f.code,
        kind: f.kind,
        version: f.version,
        draft: f.draft,
        title: text(&f.title),
        summary: text(&f.summary),
        source: text(&f.source),
        draft_note: opt_text(&f.draft_note),
        node_count,
    }
}

/// A framework's whole tree; each node lists the objectives of any city linked to it
/// and the programmes serving those objectives.
pub async fn framework_tree(store: &Store, code: &str) -> Result<FrameworkTree> {
    let f = store
        .framework_by_code(code)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let nodes = store.nodes_of(f.id).await?;
    let node_ids: Vec<i32> = nodes.iter().map(|n| n.id).collect();
    let links = store.objective_links_to(&node_ids).await?;
    let objectives = store
        .objectives_by_ids(links.iter().map(|l| l.objective_id))
        .await?;
    let strategies = store
        .strategies_by_ids(objectives.iter().map(|o| o.strategy_id))
        .await?;
    let serving = store
        .programmes_serving(&objectives.iter().map(|o| o.id).collect::<Vec<_>>())
        .await?;
    // Target groups are reached by programmes directly, not through objectives.
    let group_links = store.programme_target_groups_for(&node_ids).await?;
    let programme_rows = store
        .programmes_by_ids(
            serving
                .iter()
                .map(|s| s.programme_id)
                .chain(group_links.iter().map(|g| g.programme_id)),
        )
        .await?;
    let city_ids = strategies
        .iter()
        .map(|s| s.city_id)
        .chain(programme_rows.iter().map(|p| p.city_id));
    let cities: HashMap<i32, String> = store
        .cities_by_ids(city_ids)
        .await?
        .into_iter()
        .map(|c| (c.id, c.slug))
        .collect();
    let strategy_city: HashMap<i32, &String> = strategies
        .iter()
        .filter_map(|s| cities.get(&s.city_id).map(|slug| (s.id, slug)))
        .collect();
    let programmes: HashMap<i32, ProgrammeRef> = programme_rows
        .iter()
        .map(|p| {
            (
                p.id,
                ProgrammeRef {
                    city: cities.get(&p.city_id).cloned().unwrap_or_default(),
                    slug: p.slug.clone(),
                    title: text(&p.title),
                },
            )
        })
        .collect();
    let codes: HashMap<i32, &str> = nodes.iter().map(|n| (n.id, n.code.as_str())).collect();
    let objectives_by_id: HashMap<i32, &forja_store::entity::objective::Model> =
        objectives.iter().map(|o| (o.id, o)).collect();
    let mut depth: HashMap<i32, usize> = HashMap::new();
    let node_views = nodes
        .iter()
        .map(|n: &framework_node::Model| {
            let d = n
                .parent_id
                .and_then(|p| depth.get(&p).map(|d| d + 1))
                .unwrap_or(0);
            depth.insert(n.id, d);
            let linked: Vec<&forja_store::entity::objective::Model> = links
                .iter()
                .filter(|l| l.node_id == n.id)
                .filter_map(|l| objectives_by_id.get(&l.objective_id).copied())
                .collect();
            let mut node_programmes: Vec<ProgrammeRef> = serving
                .iter()
                .filter(|s| linked.iter().any(|o| o.id == s.objective_id))
                .filter_map(|s| programmes.get(&s.programme_id).cloned())
                .chain(
                    group_links
                        .iter()
                        .filter(|g| g.node_id == n.id)
                        .filter_map(|g| programmes.get(&g.programme_id).cloned()),
                )
                .collect();
            // A programme serving two linked objectives is listed once.
            let mut seen = BTreeSet::new();
            node_programmes.retain(|p| seen.insert((p.city.clone(), p.slug.clone())));
            NodeView {
                code: n.code.clone(),
                parent: n
                    .parent_id
                    .and_then(|p| codes.get(&p))
                    .map(|c| c.to_string()),
                kind: n.kind.clone(),
                draft: n.draft,
                depth: d,
                title: text(&n.title),
                summary: opt_text(&n.summary),
                objectives: linked
                    .iter()
                    .map(|o| ObjectiveRef {
                        city: strategy_city
                            .get(&o.strategy_id)
                            .map(|s| s.to_string())
                            .unwrap_or_default(),
                        code: o.code.clone(),
                        title: text(&o.title),
                    })
                    .collect(),
                programmes: node_programmes,
            }
        })
        .collect();
    let node_count = nodes.len() as u64;
    Ok(FrameworkTree {
        framework: framework_summary(f, node_count),
        nodes: node_views,
    })
}

#[cfg(test)]
mod tests {
    use super::natural;

    #[test]
    fn natural_order_of_codes() {
        let mut codes = vec!["4.a", "4.10", "4.2", "4.1"];
        codes.sort_by_key(|c| natural(c));
        assert_eq!(codes, ["4.1", "4.2", "4.10", "4.a"]);
    }
}
