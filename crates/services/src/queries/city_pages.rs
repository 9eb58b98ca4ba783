//! A city's profile and its strategy.

use super::*;

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
    let rows = store.challenges(c.id).await?;
    let themes = node_refs(store, rows.iter().filter_map(|ch| ch.theme_node_id)).await?;
    let challenges = rows
        .into_iter()
        .map(|ch| Challenge {
            topic: ctext(&ch.topic, &c.default_locale),
            rating: ch.rating,
            sample: ch.sample,
            theme: ch.theme_node_id.and_then(|id| themes.get(&id).cloned()),
        })
        .collect();
    let organisations = store
        .organisations_of(c.id)
        .await?
        .into_iter()
        .map(|o| organisation(o, &c.default_locale))
        .collect();
    let stories = story_links(store, &c).await?;
    Ok(CityProfile {
        version: c.version,
        stories,
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
        hidden_from_peers: c.hidden_from_peers,
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
        version: s.version,
        title: ctext(&s.title, lang),
        period_start: s.period_start,
        period_end: s.period_end,
        period_sample: s.period_sample,
        status: s.status.clone(),
        vision: ctext(&s.vision, lang),
        objective_count,
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
                version: o.version,
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
