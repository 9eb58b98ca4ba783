//! A city's programmes, as a tree with rolled-up progress, and one programme in full.

use super::*;

/// What progress is computed from besides the tree: the network's status figures and
/// each programme's outputs.
struct Figures {
    defaults: HashMap<String, Option<f64>>,
    outputs: HashMap<i32, Vec<forja_core::progress::OutputFigures>>,
}

async fn figures(store: &Store, ids: &[i32]) -> Result<Figures> {
    let mut outputs: HashMap<i32, Vec<forja_core::progress::OutputFigures>> = HashMap::new();
    for o in store.outputs_of(ids).await? {
        outputs
            .entry(o.programme_id)
            .or_default()
            .push(forja_core::progress::OutputFigures {
                expected: o.expected,
                reported: o.reported,
                sample: o.sample,
            });
    }
    Ok(Figures {
        defaults: store.status_defaults().await?,
        outputs,
    })
}

/// Computes progress for every programme of a city (weighted roll-up through the tree).
fn programme_tree(
    all: &[programme::Model],
    groups: &HashMap<i32, Vec<NodeRef>>,
    lang: &str,
    figures: &Figures,
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
        figures: &Figures,
    ) -> ProgressInput {
        ProgressInput {
            status: p.status.parse().unwrap_or(ProgrammeStatus::Planned),
            status_default: figures
                .defaults
                .get(&p.status)
                .copied()
                .flatten()
                .and_then(|v| Percent::new(v).ok()),
            outputs: figures
                .outputs
                .get(&p.id)
                .and_then(|o| forja_core::progress::output_progress(o)),
            explicit: p.progress.and_then(|v| Percent::new(v).ok()),
            explicit_sample: p.progress_sample,
            weight: p.weight,
            // Depth guard: a cycle in bad data must not recurse forever.
            children: if depth > 16 {
                vec![]
            } else {
                children
                    .get(&Some(p.id))
                    .map(|c| {
                        c.iter()
                            .map(|k| input(k, children, depth + 1, figures))
                            .collect()
                    })
                    .unwrap_or_default()
            },
        }
    }
    let by_id: HashMap<i32, &programme::Model> = all.iter().map(|p| (p.id, p)).collect();
    let mut out = Vec::with_capacity(all.len());
    #[allow(clippy::too_many_arguments)]
    fn walk(
        parent: Option<i32>,
        depth: usize,
        children: &HashMap<Option<i32>, Vec<&programme::Model>>,
        by_id: &HashMap<i32, &programme::Model>,
        groups: &HashMap<i32, Vec<NodeRef>>,
        lang: &str,
        figures: &Figures,
        out: &mut Vec<ProgrammeSummary>,
    ) {
        if depth > 16 {
            return;
        }
        for p in children.get(&parent).into_iter().flatten() {
            let rolled = roll_up(&input(p, children, depth, figures));
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
            walk(
                Some(p.id),
                depth + 1,
                children,
                by_id,
                groups,
                lang,
                figures,
                out,
            );
        }
    }
    walk(None, 0, &children, &by_id, groups, lang, figures, &mut out);
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
        programmes: programme_tree(
            &all,
            &groups,
            &c.default_locale,
            &figures(store, &ids).await?,
        ),
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
    let tree = programme_tree(&all, &groups, lang, &figures(store, &ids).await?);
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
        version: this.version,
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
