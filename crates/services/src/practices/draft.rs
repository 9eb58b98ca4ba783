//! What a practice may pick from, and the first draft of one written from a programme:
//! everything the city already recorded (its words, partners, funding, reported outputs,
//! the KFLC features and SDG targets of the objectives it serves, the indicators that
//! measure them) so that the coordinator edits rather than types.

use std::collections::{BTreeSet, HashMap};

use forja_core::LocalizedText;
use forja_core::edit::{Choice, PracticeChoices, PracticeFields, ProgrammeFields};
use forja_store::edit_programme::Programme;
use forja_store::entity::{city, programme};
use forja_store::versioned::Versioned;

use super::text;
use crate::{Result, ServiceError, Store};

async fn node_choices(store: &Store, framework: &str) -> Result<Vec<Choice>> {
    let Some(fw) = store.framework_by_code(framework).await? else {
        return Ok(Vec::new());
    };
    Ok(store
        .nodes_of(fw.id)
        .await?
        .into_iter()
        .map(|n| Choice::new(n.code, text(&n.title)))
        .collect())
}

/// What a practice of this city may pick: only its own programmes, and only the
/// indicators it reports figures for (its evidence), besides the shared frameworks.
pub(crate) async fn practice_choices(store: &Store, city: &city::Model) -> Result<PracticeChoices> {
    let reported: BTreeSet<i32> = store
        .city_series(city.id)
        .await?
        .into_iter()
        .map(|(indicator, _)| indicator)
        .collect();
    Ok(PracticeChoices {
        programmes: store
            .programmes_of(city.id)
            .await?
            .into_iter()
            .map(|p| Choice::new(p.slug, text(&p.title)))
            .collect(),
        indicators: store
            .indicators(Some(city.id))
            .await?
            .into_iter()
            .filter(|i| reported.contains(&i.row.id))
            .map(|i| {
                let title = text(&i.row.name);
                let mut label = LocalizedText::new();
                for lang in title.languages() {
                    let t = title.get_exact(lang).unwrap_or("");
                    label.insert(lang, format!("{} · {t}", i.row.code));
                }
                Choice::new(i.row.code, label)
            })
            .collect(),
        target_groups: node_choices(store, "target-groups").await?,
        kflc: node_choices(store, "kflc").await?,
        sdg: node_choices(store, "sdg").await?,
        challenges: node_choices(store, "challenges").await?,
    })
}

/// A figure as the language writes it (a decimal comma in Romanian), without a
/// needless `.0`.
fn figure(value: f64, lang: &str) -> String {
    let plain = if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value}")
    };
    if lang == "ro" {
        plain.replace('.', ",")
    } else {
        plain
    }
}

/// One Markdown list per language from lines that each exist in some languages.
fn bullets(lines: &[LocalizedText]) -> LocalizedText {
    let mut out = LocalizedText::new();
    for lang in forja_core::edit::EDIT_LANGUAGES {
        let items: Vec<String> = lines
            .iter()
            .filter_map(|l| l.get_exact(lang).map(|t| format!("- {t}")))
            .collect();
        if !items.is_empty() {
            out.insert(lang, items.join("\n"));
        }
    }
    out
}

/// Joins two texts per language with `sep` ("name: contribution").
fn pair(a: &LocalizedText, b: &LocalizedText, sep: &str) -> LocalizedText {
    let mut out = LocalizedText::new();
    for lang in forja_core::edit::EDIT_LANGUAGES {
        match (a.get_exact(lang), b.get_exact(lang)) {
            (Some(x), Some(y)) if !y.trim().is_empty() => {
                out.insert(lang, format!("**{x}**{sep}{y}"))
            }
            (Some(x), _) => out.insert(lang, format!("**{x}**")),
            _ => {}
        }
    }
    out
}

/// The first draft of a practice written from `p`, one of the city's programmes.
pub(crate) async fn from_programme(
    store: &Store,
    city: &city::Model,
    p: &programme::Model,
    choices: &PracticeChoices,
) -> Result<PracticeFields> {
    let fields: ProgrammeFields = Programme::read(store, p.id)
        .await?
        .ok_or(ServiceError::NotFound)?
        .fields;
    let orgs: HashMap<String, LocalizedText> = store
        .organisations_of(city.id)
        .await?
        .into_iter()
        .map(|o| (o.slug, text(&o.name)))
        .collect();
    let partners: Vec<LocalizedText> = fields
        .partners
        .iter()
        .filter_map(|x| Some(pair(orgs.get(&x.organisation)?, &x.contribution, ": ")))
        .collect();
    let funding: Vec<LocalizedText> = fields
        .funding
        .iter()
        .map(|f| {
            let mut amount = LocalizedText::new();
            if let Some(minor) = f.amount_minor {
                for lang in forja_core::edit::EDIT_LANGUAGES {
                    amount.insert(
                        lang,
                        format!("{} {}", figure(minor as f64 / 100.0, lang), f.currency),
                    );
                }
            }
            pair(&f.source, &amount, ": ")
        })
        .collect();
    let results: Vec<LocalizedText> = fields
        .outputs
        .iter()
        .filter_map(|o| {
            let value = o.reported?;
            let mut line = LocalizedText::new();
            for lang in forja_core::edit::EDIT_LANGUAGES {
                if let Some(label) = o.label.get_exact(lang) {
                    let unit = o.unit.get_exact(lang).unwrap_or("");
                    line.insert(
                        lang,
                        format!("{label}: {} {unit}", figure(value, lang))
                            .trim_end()
                            .to_owned(),
                    );
                }
            }
            Some(line)
        })
        .collect();
    // The KFLC features and SDG targets of the objectives the programme serves, and
    // the indicators that measure those objectives (those the city reports on).
    let objectives: Vec<i32> = match store.current_strategy(city.id).await? {
        Some(s) => store
            .objectives_of(s.id)
            .await?
            .into_iter()
            .filter(|o| fields.objectives.contains(&o.code))
            .map(|o| o.id)
            .collect(),
        None => Vec::new(),
    };
    let links = store.objective_links(&objectives).await?;
    let nodes = store.nodes_by_ids(links.iter().map(|l| l.node_id)).await?;
    let frameworks: HashMap<i32, String> = store
        .frameworks()
        .await?
        .into_iter()
        .map(|f| (f.id, f.code))
        .collect();
    let codes_in = |framework: &str, offered: &[Choice]| -> Vec<String> {
        let mut out: Vec<String> = nodes
            .iter()
            .filter(|n| {
                frameworks
                    .get(&n.framework_id)
                    .is_some_and(|f| f == framework)
            })
            .map(|n| n.code.clone())
            .filter(|c| offered.iter().any(|o| &o.code == c))
            .collect();
        out.sort();
        out.dedup();
        out
    };
    let measured: BTreeSet<i32> = store
        .objective_indicators()
        .await?
        .into_iter()
        .filter(|(o, _)| objectives.contains(o))
        .map(|(_, i)| i)
        .collect();
    let indicators = store
        .indicators(Some(city.id))
        .await?
        .into_iter()
        .filter(|i| measured.contains(&i.row.id))
        .map(|i| i.row.code)
        .filter(|c| choices.indicators.iter().any(|o| &o.code == c))
        .collect();
    let sample = fields.progress_sample
        || fields.dates_sample
        || fields.funding.iter().any(|f| f.sample)
        || fields.outputs.iter().any(|o| o.sample);
    Ok(PracticeFields {
        title: fields.title,
        summary: fields.summary,
        approach: fields.description,
        partners: bullets(&partners),
        resources: bullets(&funding),
        results: bullets(&results),
        programme: Some(p.slug.clone()),
        indicators,
        target_groups: fields
            .target_groups
            .into_iter()
            .filter(|c| choices.target_groups.iter().any(|o| &o.code == c))
            .collect(),
        kflc: codes_in("kflc", &choices.kflc),
        sdg: codes_in("sdg", &choices.sdg),
        evidence: forja_core::edit::EVIDENCE_LEVELS[0].to_owned(),
        licence: forja_core::edit::DEFAULT_LICENCE.to_owned(),
        sample,
        ..PracticeFields::default()
    })
}
