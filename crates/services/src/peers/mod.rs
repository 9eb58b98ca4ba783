//! Peer cities: for each city, the members most like it with the reasons in words
//! (`forja_core::peers`: Gower's distance over what cities say of themselves, weights
//! from `data/peers.toml`), and "who has done this?" for a common challenge or a
//! framework node. Profiles are read once per content generation and kept per process.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use forja_core::LocalizedText;
use forja_core::monitoring::indicator::Better;
use forja_core::peers::{Packed, Profile, Reason, Weights};
use serde::Serialize;
use tokio::sync::Mutex;
use utoipa::ToSchema;

use crate::monitoring::views::{Grouping, city_monitoring};
use crate::queries::{node_refs, summaries};
use crate::views::{CitySummary, NodeRef};
use crate::{Result, ServiceError, Store, builtin, catalogue};

mod who;
pub use who::{RatedChallenge, Topic, WhoCity, WhoView, who_has_done};

/// How many peers a city's page shows.
pub const SHOWN: usize = 5;

/// Why a suggested city is like the asking one, strongest first.
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum PeerReason {
    /// Populations within a factor of two.
    SimilarSize {
        mine: f64,
        theirs: f64,
    },
    /// Both rate the same common challenge 4 or 5 of 5; `sample` when either rating is
    /// illustrative demo data.
    BothRateSevere {
        challenge: NodeRef,
        mine: u8,
        theirs: u8,
        sample: bool,
    },
    SharedClusters {
        clusters: Vec<NodeRef>,
    },
    /// An indicator both are improving on; `sample` when either's latest figure is
    /// illustrative demo data.
    BothImproving {
        indicator: String,
        name: LocalizedText,
        sample: bool,
    },
    /// Both assess themselves strong in a KFLC area.
    BothStrongIn {
        area: String,
    },
    /// UNESCO region code.
    SameRegion {
        region: String,
    },
    SameIncomeGroup {
        group: String,
    },
    /// Language codes both use.
    SharedLanguages {
        languages: Vec<String>,
    },
}

/// A suggested peer city.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PeerCity {
    pub city: CitySummary,
    /// Gower's distance over what both could be compared on: 0 alike, 1 unlike.
    pub distance: f64,
    /// The share of the asking city's profile (by weight) both could be compared on,
    /// 0 to 1: a low share means the likeness rests on little.
    pub compared: f64,
    pub reasons: Vec<PeerReason>,
}

/// A city's peers.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PeerList {
    pub city_slug: String,
    pub city_name: LocalizedText,
    /// The city asked not to be suggested to others (it still sees its own list).
    pub hidden: bool,
    pub peers: Vec<PeerCity>,
}

/// What one content generation's profiles hold, packed.
struct Matching {
    generation: i64,
    ids: Vec<i32>,
    by_slug: HashMap<String, usize>,
    profiles: Vec<Profile>,
    packed: Packed,
    /// Names for the codes reasons carry: (framework, code) → node, indicator → name.
    nodes: HashMap<(String, String), NodeRef>,
    indicators: HashMap<String, LocalizedText>,
    /// (city index, challenge or indicator code) whose rating or latest figure is
    /// illustrative demo data.
    samples: HashSet<(usize, String)>,
}

/// A process's peer matching, rebuilt when the content generation moves.
pub struct Peers {
    weights: Weights,
    current: Mutex<Option<Arc<Matching>>>,
}

impl Peers {
    /// The network's weights from `data/peers.toml`, checked.
    pub fn new() -> Result<Self> {
        let (file, text) = builtin::PEER_WEIGHTS;
        let weights: Weights = catalogue::parse(file, text)?;
        weights.check().map_err(catalogue::invalid(file))?;
        Ok(Self {
            weights,
            current: Mutex::new(None),
        })
    }

    async fn matching(&self, store: &Store) -> Result<Arc<Matching>> {
        let generation = store.generation().await?;
        let mut current = self.current.lock().await;
        if let Some(m) = current.as_ref().filter(|m| m.generation == generation) {
            return Ok(m.clone());
        }
        let m = Arc::new(read(store, generation, self.weights).await?);
        *current = Some(m.clone());
        Ok(m)
    }

    /// The `k` members most like the city, with the reasons.
    pub async fn of_city(&self, store: &Store, slug: &str, k: usize) -> Result<PeerList> {
        let m = self.matching(store).await?;
        let &i = m.by_slug.get(slug).ok_or(ServiceError::NotFound)?;
        let found = m.packed.peers(&m.profiles, i, k);
        let cities = store
            .cities_by_ids(found.iter().map(|p| m.ids[p.index]))
            .await?;
        let mut by_id: HashMap<i32, CitySummary> = summaries(store, &cities)
            .await?
            .into_iter()
            .zip(&cities)
            .map(|(s, c)| (c.id, s))
            .collect();
        let me = store.cities_by_ids([m.ids[i]]).await?;
        let me = me.first().ok_or(ServiceError::NotFound)?;
        Ok(PeerList {
            city_slug: me.slug.clone(),
            city_name: serde_json::from_value(me.name.clone()).unwrap_or_default(),
            hidden: m.profiles[i].hidden,
            peers: found
                .into_iter()
                .filter_map(|p| {
                    Some(PeerCity {
                        city: by_id.remove(&m.ids[p.index])?,
                        distance: p.distance,
                        compared: p.compared,
                        reasons: p.reasons.iter().map(|r| m.say(i, p.index, r)).collect(),
                    })
                })
                .collect(),
        })
    }
}

impl Matching {
    fn node(&self, framework: &str, code: &str) -> NodeRef {
        self.nodes
            .get(&(framework.to_owned(), code.to_owned()))
            .cloned()
            .unwrap_or_else(|| NodeRef {
                framework: framework.to_owned(),
                code: code.to_owned(),
                kind: String::new(),
                title: LocalizedText::new().with("en", code),
                draft: false,
            })
    }

    /// A reason between cities `i` and `j` with names for its codes.
    fn say(&self, i: usize, j: usize, r: &Reason) -> PeerReason {
        let sample = |code: &str| {
            [i, j]
                .iter()
                .any(|&k| self.samples.contains(&(k, code.to_owned())))
        };
        match r {
            Reason::SimilarSize { mine, theirs } => PeerReason::SimilarSize {
                mine: *mine,
                theirs: *theirs,
            },
            Reason::BothRateSevere {
                topic,
                mine,
                theirs,
            } => PeerReason::BothRateSevere {
                challenge: self.node("challenges", topic),
                mine: *mine,
                theirs: *theirs,
                sample: sample(topic),
            },
            Reason::SharedClusters(codes) => PeerReason::SharedClusters {
                clusters: codes.iter().map(|c| self.node("clusters", c)).collect(),
            },
            Reason::BothImproving(code) => PeerReason::BothImproving {
                indicator: code.clone(),
                name: self.indicators.get(code).cloned().unwrap_or_default(),
                sample: sample(code),
            },
            Reason::BothStrongIn(area) => PeerReason::BothStrongIn { area: area.clone() },
            Reason::SameRegion(region) => PeerReason::SameRegion {
                region: region.clone(),
            },
            Reason::SameIncomeGroup(group) => PeerReason::SameIncomeGroup {
                group: group.clone(),
            },
            Reason::SharedLanguages(languages) => PeerReason::SharedLanguages {
                languages: languages.clone(),
            },
        }
    }
}

/// Every city's profile as matching reads it. A challenge counts when the city said
/// which common challenge it is (its highest rating, if it named one twice); trends
/// are the latest change of each indicator with a direction, for the cities with data.
async fn read(store: &Store, generation: i64, weights: Weights) -> Result<Matching> {
    let cities = store.cities().await?;
    let challenges = store.all_challenges().await?;
    let clusters = store.all_city_clusters().await?;
    let refs = node_refs(
        store,
        challenges
            .iter()
            .filter_map(|c| c.theme_node_id)
            .chain(clusters.iter().map(|c| c.node_id)),
    )
    .await?;
    let mut profiles: Vec<Profile> = cities
        .iter()
        .map(|c| Profile {
            population: c.population.map(|p| p as f64),
            region: c.region.clone(),
            income_group: None,
            languages: serde_json::from_value::<BTreeSet<String>>(c.languages.clone())
                .unwrap_or_default(),
            hidden: c.hidden_from_peers,
            ..Default::default()
        })
        .collect();
    let at: HashMap<i32, usize> = cities.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
    let mut samples = HashSet::new();
    for ch in &challenges {
        let (Some(&i), Some(theme)) = (
            at.get(&ch.city_id),
            ch.theme_node_id.and_then(|id| refs.get(&id)),
        ) else {
            continue;
        };
        let rating = ch.rating.clamp(1, 5) as u8;
        let slot = profiles[i]
            .challenges
            .entry(theme.code.clone())
            .or_insert(0);
        if rating >= *slot {
            *slot = rating;
            let key = (i, theme.code.clone());
            if ch.sample {
                samples.insert(key);
            } else {
                samples.remove(&key);
            }
        }
    }
    for link in &clusters {
        if let (Some(&i), Some(node)) = (at.get(&link.city_id), refs.get(&link.node_id)) {
            profiles[i].clusters.insert(node.code.clone());
        }
    }
    let mut indicators = HashMap::new();
    let with_data: BTreeSet<i32> = store
        .series_cities()
        .await?
        .into_values()
        .flatten()
        .collect();
    for id in with_data {
        let Some(&i) = at.get(&id) else { continue };
        let overview = city_monitoring(store, &cities[i].slug, false, Grouping::Objective).await?;
        let mut trends = BTreeMap::new();
        for row in overview.groups.iter().flat_map(|g| &g.rows) {
            let sign = match row.better {
                Better::Higher => 1,
                Better::Lower => -1,
                Better::Neither => continue,
            };
            if let Some(t) = row.trend {
                trends.insert(row.code.clone(), t * sign);
                indicators.insert(row.code.clone(), row.name.clone());
                if row.latest.as_ref().is_some_and(|p| p.sample) {
                    samples.insert((i, row.code.clone()));
                }
            }
        }
        profiles[i].trends = trends;
    }
    Ok(Matching {
        generation,
        packed: Packed::new(&profiles, weights),
        ids: cities.iter().map(|c| c.id).collect(),
        by_slug: cities
            .iter()
            .enumerate()
            .map(|(i, c)| (c.slug.clone(), i))
            .collect(),
        profiles,
        nodes: refs
            .into_values()
            .map(|n| ((n.framework.clone(), n.code.clone()), n))
            .collect(),
        indicators,
        samples,
    })
}
