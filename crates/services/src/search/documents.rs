//! What search finds, read from the database: per city, the city itself, its current
//! strategy and objectives, its live programmes, its published practices and stories. A city and
//! everything of it is one group, replaced together when any of it changes.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use forja_core::LocalizedText;
use forja_search::{Doc, DocText};
use forja_store::entity::city;
use serde_json::Value as Json;

use crate::{Result, Store};

/// Framework nodes by id: (framework, code, name), for the facets documents carry and
/// the names facet values show.
pub(crate) struct Nodes {
    by_id: HashMap<i32, (String, String, LocalizedText)>,
    /// Node ids by (framework, code), for things that name nodes by code (practices).
    by_code: HashMap<(String, String), i32>,
}

/// The facet a framework's nodes fill.
fn facet_of(framework: &str) -> Option<&'static str> {
    match framework {
        "kflc" => Some("kflc"),
        "sdg" => Some("sdg"),
        "target-groups" => Some("group"),
        "clusters" => Some("cluster"),
        _ => None,
    }
}

impl Nodes {
    pub async fn load(store: &Store) -> Result<Self> {
        let (mut by_id, mut by_code) = (HashMap::new(), HashMap::new());
        for f in store.frameworks().await? {
            for n in store.nodes_of(f.id).await? {
                let title = serde_json::from_value(n.title).unwrap_or_default();
                by_code.insert((f.code.clone(), n.code.clone()), n.id);
                by_id.insert(n.id, (f.code.clone(), n.code, title));
            }
        }
        Ok(Self { by_id, by_code })
    }

    /// The facets of a node named by its framework and code.
    fn facet_of_code(&self, framework: &str, code: &str) -> Option<(String, String)> {
        let id = self.by_code.get(&(framework.to_owned(), code.to_owned()))?;
        self.facet(*id)
    }

    /// The facets a node gives: a KFLC feature or area its area (`2.5`), an SDG goal,
    /// target or indicator its goal (`4`), a target group or cluster itself.
    fn facet(&self, id: i32) -> Option<(String, String)> {
        let (framework, code, _) = self.by_id.get(&id)?;
        let first = |n: usize| code.split('.').take(n).collect::<Vec<_>>().join(".");
        let facet = facet_of(framework)?;
        let value = match facet {
            "kflc" if !code.contains('.') => return None,
            "kflc" => first(2),
            "sdg" => first(1),
            _ => code.clone(),
        };
        Some((facet.to_owned(), value))
    }

    /// Every facet value a node can be, with the node's name.
    pub fn labels(&self) -> HashMap<(String, String), LocalizedText> {
        self.by_id
            .values()
            .filter_map(|(framework, code, title)| {
                Some((
                    (facet_of(framework)?.to_owned(), code.clone()),
                    title.clone(),
                ))
            })
            .collect()
    }
}

/// A stored localized text as language → text, without empty ones.
fn texts(value: &Json) -> BTreeMap<String, String> {
    value
        .as_object()
        .map(|o| {
            o.iter()
                .filter_map(|(lang, t)| {
                    let t = t.as_str()?.trim();
                    (!t.is_empty()).then(|| (lang.clone(), t.to_owned()))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// One text per language the title or any body part has; a title missing in a
/// language is taken from another (a city's name is the same in all).
fn doc_texts(title: &Json, bodies: &[&Json]) -> Vec<DocText> {
    let title = texts(title);
    let bodies: Vec<BTreeMap<String, String>> = bodies.iter().map(|b| texts(b)).collect();
    let langs: BTreeSet<&String> = title
        .keys()
        .chain(bodies.iter().flat_map(|b| b.keys()))
        .collect();
    let any_title = title
        .get("en")
        .or_else(|| title.values().next())
        .cloned()
        .unwrap_or_default();
    langs
        .into_iter()
        .map(|lang| DocText {
            lang: lang.clone(),
            title: title
                .get(lang)
                .cloned()
                .unwrap_or_else(|| any_title.clone()),
            body: bodies
                .iter()
                .filter_map(|b| b.get(lang).map(String::as_str))
                .collect::<Vec<_>>()
                .join("\n\n"),
        })
        .collect()
}

/// The network's own documents (its resource library) are the group of city 0, the id
/// their revisions carry.
pub(crate) const NETWORK: i32 = forja_store::edit_resource::NETWORK;

/// The network's own public documents: its resource library, and the discussions
/// between its cities (found by their question, opening words and closing summary,
/// which their opener and moderator wrote; posts come and go with moderation).
pub(crate) async fn of_network(store: &Store, nodes: &Nodes) -> Result<Vec<Doc>> {
    let mut docs = discussions(store, nodes).await?;
    for r in store.resources().await? {
        let Some(fields) = forja_store::edit_resource::resource_document(&r) else {
            continue;
        };
        let json = |t: &LocalizedText| serde_json::to_value(t).unwrap_or(Json::Null);
        let mut doc = Doc {
            id: format!("resource:{}", r.id),
            kind: "resource".into(),
            url: format!("/resources/{}", r.slug),
            group: group(NETWORK),
            texts: doc_texts(&json(&fields.title), &[&json(&fields.summary)]),
            facets: Vec::new(),
        };
        doc.facets.extend(
            fields
                .kflc
                .iter()
                .filter_map(|c| nodes.facet_of_code("kflc", c)),
        );
        doc.facets.sort();
        doc.facets.dedup();
        docs.push(doc);
    }
    Ok(docs)
}

async fn discussions(store: &Store, nodes: &Nodes) -> Result<Vec<Doc>> {
    let rows = store.discussions(None).await?;
    let openers = store
        .users_by_ids(rows.iter().filter_map(|d| d.user_id))
        .await?;
    let mut docs = Vec::with_capacity(rows.len());
    for d in rows {
        // Written in the opener's language, as far as Forja knows it.
        let lang = d
            .user_id
            .and_then(|id| openers.iter().find(|u| u.id == id))
            .and_then(|u| u.locale.parse::<forja_core::Locale>().ok())
            .map_or("en", |l| l.code());
        let text = |t: &str| serde_json::json!({ lang: t });
        let summary = text(d.summary.as_deref().unwrap_or_default());
        let mut doc = Doc {
            id: format!("discussion:{}", d.id),
            kind: "discussion".into(),
            url: format!("/discussions/{}", d.slug),
            group: group(NETWORK),
            texts: doc_texts(&text(&d.title), &[&text(&d.body), &summary]),
            facets: Vec::new(),
        };
        if d.subject_kind == "theme"
            && let Some((framework, code)) = d.subject.split_once(':')
        {
            doc.facets.extend(nodes.facet_of_code(framework, code));
        }
        docs.push(doc);
    }
    Ok(docs)
}

pub(crate) fn group(city_id: i32) -> String {
    format!("city:{city_id}")
}

/// Every public document of one city.
pub(crate) async fn of_city(store: &Store, c: &city::Model, nodes: &Nodes) -> Result<Vec<Doc>> {
    let group = group(c.id);
    let country = ("country".to_owned(), c.country.clone());
    let base = |id: String, kind: &str, url: String, texts: Vec<DocText>| Doc {
        id,
        kind: kind.into(),
        url,
        group: group.clone(),
        texts,
        facets: vec![country.clone()],
    };
    let empty = Json::Null;
    let mut city = base(
        format!("city:{}", c.id),
        "city",
        format!("/cities/{}", c.slug),
        doc_texts(
            &c.name,
            &[
                c.history.as_ref().unwrap_or(&empty),
                c.context.as_ref().unwrap_or(&empty),
            ],
        ),
    );
    for link in store.city_clusters(&[c.id]).await? {
        city.facets.extend(nodes.facet(link.node_id));
    }
    let mut docs = vec![city];

    // Objectives by id, with the facets their framework links give.
    let mut objective_facets: HashMap<i32, Vec<(String, String)>> = HashMap::new();
    if let Some(s) = store.current_strategy(c.id).await? {
        let objectives: Vec<_> = store
            .objectives_of(s.id)
            .await?
            .into_iter()
            .filter(|o| o.deleted_at.is_none())
            .collect();
        let ids: Vec<i32> = objectives.iter().map(|o| o.id).collect();
        for link in store.objective_links(&ids).await? {
            if let Some(f) = nodes.facet(link.node_id) {
                objective_facets
                    .entry(link.objective_id)
                    .or_default()
                    .push(f);
            }
        }
        let mut strategy = base(
            format!("strategy:{}", s.id),
            "strategy",
            format!("/cities/{}/strategy", c.slug),
            doc_texts(&s.title, &[&s.vision]),
        );
        // The strategy is found by its objectives' words too.
        let titles: BTreeMap<String, Vec<String>> =
            objectives.iter().fold(BTreeMap::new(), |mut acc, o| {
                for (lang, t) in texts(&o.title) {
                    acc.entry(lang).or_default().push(t);
                }
                acc
            });
        for t in &mut strategy.texts {
            if let Some(more) = titles.get(&t.lang) {
                t.body = format!("{}\n\n{}", t.body, more.join("\n"));
            }
        }
        for o in &objectives {
            let mut doc = base(
                format!("objective:{}", o.id),
                "objective",
                format!("/cities/{}/strategy#objective-{}", c.slug, o.code),
                doc_texts(&o.title, &[o.description.as_ref().unwrap_or(&empty)]),
            );
            let facets = objective_facets.get(&o.id).cloned().unwrap_or_default();
            strategy.facets.extend(facets.iter().cloned());
            doc.facets.extend(facets);
            docs.push(doc);
        }
        docs.push(strategy);
    }

    let programmes: Vec<_> = store
        .programmes_of(c.id)
        .await?
        .into_iter()
        .filter(|p| p.deleted_at.is_none())
        .collect();
    let ids: Vec<i32> = programmes.iter().map(|p| p.id).collect();
    let served = store.programme_objectives(&ids).await?;
    let groups = store.programme_target_groups(&ids).await?;
    for p in &programmes {
        let mut doc = base(
            format!("programme:{}", p.id),
            "programme",
            format!("/cities/{}/programmes/{}", c.slug, p.slug),
            doc_texts(&p.title, &[&p.summary, &p.description]),
        );
        for link in served.iter().filter(|l| l.programme_id == p.id) {
            doc.facets.extend(
                objective_facets
                    .get(&link.objective_id)
                    .cloned()
                    .unwrap_or_default(),
            );
        }
        for g in groups.iter().filter(|g| g.programme_id == p.id) {
            doc.facets.extend(nodes.facet(g.node_id));
        }
        docs.push(doc);
    }

    // Published practices, as readers see them.
    for p in store
        .practices()
        .await?
        .iter()
        .filter(|p| p.city_id == c.id)
    {
        let Some(fields) = store.published_practice(p).await? else {
            continue;
        };
        let json = |t: &LocalizedText| serde_json::to_value(t).unwrap_or(Json::Null);
        let bodies: Vec<Json> = [
            &fields.summary,
            &fields.problem,
            &fields.approach,
            &fields.results,
            &fields.transfer,
        ]
        .into_iter()
        .map(json)
        .collect();
        let mut doc = base(
            format!("practice:{}", p.id),
            "practice",
            format!("/practices/{}", p.slug),
            doc_texts(&json(&fields.title), &bodies.iter().collect::<Vec<_>>()),
        );
        for (framework, codes) in [
            ("kflc", &fields.kflc),
            ("sdg", &fields.sdg),
            ("target-groups", &fields.target_groups),
        ] {
            doc.facets.extend(
                codes
                    .iter()
                    .filter_map(|c| nodes.facet_of_code(framework, c)),
            );
        }
        docs.push(doc);
    }

    for s in crate::queries::published_stories(store, &c.slug).await? {
        docs.push(base(
            format!("story:{}:{}", c.id, s.slug),
            "story",
            format!("/cities/{}/stories/{}", c.slug, s.slug),
            vec![DocText {
                lang: s.language,
                title: s.title,
                body: s.summary,
            }],
        ));
    }
    for d in &mut docs {
        d.facets.sort();
        d.facets.dedup();
    }
    Ok(docs)
}
