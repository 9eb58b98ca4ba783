//! Search over everything public. Each process keeps its own index in memory
//! (`forja-search`): built whole on its first use, then following the database. When
//! the content generation moves, the cities any revision of the last seconds belongs to
//! are read again and replaced whole (a revision is written in the same transaction as
//! its change, so nothing is missed; the margin covers transactions committing out of
//! order and clocks a little apart). `forja search reindex` moves the search epoch and
//! every process rebuilds.

mod documents;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use forja_core::LocalizedText;
use forja_search::SearchIndex;
pub use forja_search::{FACETS, MAX_WORDS, Request};
use tokio::sync::Mutex;

use crate::views::{SearchFacet, SearchFacetValue, SearchHit, SearchView};
use crate::{Result, ServiceError, Store};

/// Revisions this much older than the last catch-up are read again.
const MARGIN_SECONDS: i64 = 30;
/// The database is asked about changes at most this often.
const CHECK_EVERY: Duration = Duration::from_secs(1);
/// Bytes tantivy may buffer while indexing.
const WRITER_MEMORY: usize = 32_000_000;

pub const PER_PAGE: usize = 20;

struct Follow {
    /// None until the first build.
    generation: Option<i64>,
    epoch: i64,
    /// When the last catch-up started (unix seconds).
    since: i64,
    checked: Option<Instant>,
    /// Names of facet values, read again when the generation moves.
    labels: Arc<HashMap<(String, String), LocalizedText>>,
}

/// A process's search index and how far it has followed the database.
pub struct Search {
    index: Arc<SearchIndex>,
    follow: Mutex<Follow>,
}

impl Search {
    pub fn new() -> Result<Self> {
        let index = SearchIndex::in_memory(WRITER_MEMORY).map_err(failed)?;
        Ok(Self {
            index: Arc::new(index),
            follow: Mutex::new(Follow {
                generation: None,
                epoch: 0,
                since: 0,
                checked: None,
                labels: Arc::new(HashMap::new()),
            }),
        })
    }

    /// Brings the index up to what the database holds: whole the first time and when
    /// the epoch moved, else the cities revised since the last time.
    pub async fn catch_up(&self, store: &Store) -> Result<()> {
        let mut f = self.follow.lock().await;
        if f.checked.is_some_and(|at| at.elapsed() < CHECK_EVERY) {
            return Ok(());
        }
        let started = crate::auth::now();
        let (generation, epoch) = store.generation_and_epoch().await?;
        if f.generation == Some(generation) && epoch == f.epoch {
            f.checked = Some(Instant::now());
            return Ok(());
        }
        // Framework nodes give documents their facets and facet values their names.
        let nodes = documents::Nodes::load(store).await?;
        if f.generation.is_none() || epoch != f.epoch {
            rebuild(store, &self.index, &nodes).await?;
        } else {
            let ids = store.cities_revised_since(f.since - MARGIN_SECONDS).await?;
            let cities = store.cities_by_ids(ids.iter().copied()).await?;
            let mut docs = Vec::new();
            for c in &cities {
                docs.extend(documents::of_city(store, c, &nodes).await?);
            }
            if ids.contains(&documents::NETWORK) {
                docs.extend(documents::of_network(store, &nodes).await?);
            }
            let groups: Vec<String> = ids.into_iter().map(documents::group).collect();
            let index = self.index.clone();
            blocking(move || index.replace_groups(&groups, &docs)).await?;
        }
        f.labels = Arc::new(nodes.labels());
        f.generation = Some(generation);
        f.epoch = epoch;
        f.since = started;
        f.checked = Some(Instant::now());
        Ok(())
    }

    /// What the reader asked for, after catching up; facet values named.
    pub async fn search(&self, store: &Store, request: Request) -> Result<SearchView> {
        self.catch_up(store).await?;
        let labels = self.follow.lock().await.labels.clone();
        let index = self.index.clone();
        let results = blocking(move || index.search(&request)).await?;
        Ok(SearchView {
            total: results.total,
            hits: results
                .hits
                .into_iter()
                .map(|h| SearchHit {
                    kind: h.kind,
                    url: h.url,
                    title: h.title,
                    lang: h.lang,
                    snippet: h.snippet,
                })
                .collect(),
            facets: results
                .facets
                .into_iter()
                .map(|(name, values)| SearchFacet {
                    values: values
                        .into_iter()
                        .map(|v| SearchFacetValue {
                            label: labels.get(&(name.clone(), v.value.clone())).cloned(),
                            value: v.value,
                            count: v.count,
                            selected: v.selected,
                        })
                        .collect(),
                    name,
                })
                .collect(),
            words: results.words,
            left_out: results.left_out,
        })
    }

    /// Documents in this process's index.
    pub fn len(&self) -> u64 {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }
}

/// Reads every city's documents and replaces the whole index with them; returns how
/// many documents.
async fn rebuild(
    store: &Store,
    index: &Arc<SearchIndex>,
    nodes: &documents::Nodes,
) -> Result<usize> {
    let mut docs = Vec::new();
    for c in store.cities().await? {
        docs.extend(documents::of_city(store, &c, nodes).await?);
    }
    docs.extend(documents::of_network(store, nodes).await?);
    let count = docs.len();
    let index = index.clone();
    blocking(move || index.replace_all(&docs)).await?;
    Ok(count)
}

/// `forja search reindex`: builds the documents once (so a broken one shows here) and
/// asks every running process to rebuild. Returns how many documents.
pub async fn reindex(store: &Store) -> Result<usize> {
    let index = Arc::new(SearchIndex::in_memory(WRITER_MEMORY).map_err(failed)?);
    let nodes = documents::Nodes::load(store).await?;
    let count = rebuild(store, &index, &nodes).await?;
    store.bump_search_epoch().await?;
    Ok(count)
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> std::result::Result<T, forja_search::SearchError> + Send + 'static,
) -> Result<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| ServiceError::Internal(e.to_string()))?
        .map_err(failed)
}

fn failed(e: forja_search::SearchError) -> ServiceError {
    ServiceError::Internal(e.to_string())
}
