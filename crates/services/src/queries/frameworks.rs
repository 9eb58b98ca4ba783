//! Frameworks and their trees, with who addresses each node.

use super::*;

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
                version: n.version,
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
