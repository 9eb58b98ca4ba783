//! Peer cities: `/cities/{slug}/peers` (the members most like a city, each with the
//! reasons in words) and `/framework/{code}/{node}/cities` ("who has done this?").

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use forja_services::peers::{PeerList, PeerReason, Topic, WhoView, who_has_done};

use super::{Layout, PageCtx, render};
use crate::error::PageError;
use crate::i18n::Tr;
use crate::state::AppState;

/// How many peers the peers page lists.
const LISTED: usize = 10;

/// A suggested city as a page says it.
pub struct PeerLine {
    pub slug: String,
    pub name: String,
    pub country: String,
    pub described: bool,
    /// The reasons, each a phrase ("similar size (…)") and whether it rests on
    /// illustrative demo data, strongest first.
    pub reasons: Vec<(String, bool)>,
    /// The share of the asking city's profile compared, as a whole percent.
    pub compared: u32,
}

/// A list with a separator the language reads naturally ("A, B and C").
fn list(tr: &Tr, items: Vec<String>) -> String {
    match items.len() {
        0 => String::new(),
        1 => items.into_iter().next().unwrap_or_default(),
        n => {
            let (head, last) = items.split_at(n - 1);
            tr.t2(
                "list-and",
                ("head", &head.join(", ")),
                ("last", &last[0].clone()),
            )
        }
    }
}

/// One reason in the reader's words.
pub fn reason(tr: &Tr, r: &PeerReason) -> String {
    match r {
        PeerReason::SimilarSize { mine, theirs } => tr.t2(
            "peer-similar-size",
            ("mine", &tr.int(*mine as i64)),
            ("theirs", &tr.int(*theirs as i64)),
        ),
        PeerReason::BothRateSevere {
            challenge,
            mine,
            theirs,
            ..
        } => tr.t3(
            "peer-both-severe",
            ("challenge", &tr.txt(&challenge.title)),
            ("mine", mine),
            ("theirs", theirs),
        ),
        PeerReason::SharedClusters { clusters } => tr.t1(
            "peer-shared-clusters",
            "clusters",
            list(tr, clusters.iter().map(|c| tr.txt(&c.title)).collect()),
        ),
        PeerReason::BothImproving {
            name, indicator, ..
        } => {
            let name = tr.txt(name);
            tr.t1(
                "peer-both-improving",
                "indicator",
                if name.is_empty() {
                    indicator.clone()
                } else {
                    name
                },
            )
        }
        PeerReason::BothStrongIn { area } => tr.t1("peer-both-strong", "area", area),
        PeerReason::SameRegion { region } => {
            tr.t1("peer-same-region", "region", tr.code("region", region))
        }
        PeerReason::SameIncomeGroup { group } => tr.t1("peer-same-income", "group", group),
        PeerReason::SharedLanguages { languages } => tr.t1(
            "peer-shared-languages",
            "languages",
            list(
                tr,
                languages.iter().map(|l| tr.code("language", l)).collect(),
            ),
        ),
    }
}

/// The peers of a list as lines for a page.
pub fn lines(tr: &Tr, peers: &PeerList) -> Vec<PeerLine> {
    peers
        .peers
        .iter()
        .map(|p| PeerLine {
            slug: p.city.slug.clone(),
            name: tr.txt(&p.city.name),
            country: tr.country(&p.city.country),
            described: p.city.described,
            reasons: p
                .reasons
                .iter()
                .map(|r| {
                    let sample = matches!(
                        r,
                        PeerReason::BothRateSevere { sample: true, .. }
                            | PeerReason::BothImproving { sample: true, .. }
                    );
                    (reason(tr, r), sample)
                })
                .collect(),
            compared: (p.compared * 100.0).round() as u32,
        })
        .collect()
}

#[derive(Template)]
#[template(path = "peers.html")]
struct PeersPage {
    l: Layout,
    list: PeerList,
    lines: Vec<PeerLine>,
}

pub async fn city_peers(
    State(state): State<Arc<AppState>>,
    ctx: PageCtx,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let tr = ctx.tr;
    let list = state.peers.of_city(&state.store, &slug, LISTED).await?;
    let name = tr.txt(&list.city_name);
    let l = Layout::for_ctx(
        &ctx,
        tr.t1("peers-title", "city", &name),
        format!("/cities/{slug}/peers"),
    );
    let lines = lines(&tr, &list);
    render(&PeersPage { l, list, lines })
}

#[derive(Template)]
#[template(path = "who.html")]
struct WhoPage {
    l: Layout,
    who: WhoView,
    /// Per city, in order: how it rates the challenge, in words, and whether the
    /// rating is illustrative.
    rates: Vec<Option<(String, bool)>>,
}

pub async fn who(
    State(state): State<Arc<AppState>>,
    ctx: PageCtx,
    Path((framework, code)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let tr = ctx.tr;
    let topic = Topic {
        framework: framework.clone(),
        code: code.clone(),
    };
    let who = who_has_done(&state.store, &topic).await?;
    let l = Layout::for_ctx(
        &ctx,
        tr.t1("who-title", "topic", tr.txt(&who.topic.title)),
        format!("/framework/{framework}/{code}/cities"),
    );
    let rates = who
        .cities
        .iter()
        .map(|w| {
            w.challenge.as_ref().map(|c| {
                let words = tr.t2(
                    "who-rates",
                    ("words", &tr.txt(&c.words)),
                    ("rating", &c.rating),
                );
                (words, c.sample)
            })
        })
        .collect();
    render(&WhoPage { l, who, rates })
}
