//! `/search`: one box over everything public, with facets to narrow by. A plain GET form
//! (it works without JavaScript); with it, suggestions appear as the reader types.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use forja_services::search::{FACETS, MAX_WORDS, PER_PAGE, Request};
use forja_services::views::SearchView;

use super::{Layout, PageCtx, render, urlencode};
use crate::error::{Allowed, Failure, PageError};
use crate::state::AppState;

/// The longest facet value accepted; codes are far shorter.
const LONGEST_VALUE: usize = 64;
/// Facet values one search may name.
const MOST_FILTERS: usize = 20;
/// Pages of results a reader may go to.
pub const MOST_PAGES: usize = 50;

/// A search as the address gives it: `?q=...&country=RO&kind=programme&page=2`. Values
/// of one facet may repeat. Parameters that are not the search's are left alone (a link
/// shared with a tracking tag still works); a facet value that is not a code is refused.
pub struct SearchQuery {
    pub q: String,
    pub filters: Vec<(String, String)>,
    pub page: usize,
}

impl SearchQuery {
    pub fn parse(pairs: &[(String, String)]) -> Result<Self, Failure> {
        let mut q = String::new();
        let mut filters = Vec::new();
        let mut page = 1;
        for (name, value) in pairs {
            let value = value.trim();
            if name == "q" {
                q = value.to_owned();
            } else if name == "page" {
                page = super::page_value(Some(value), MOST_PAGES)?;
            } else if let Some(facet) = FACETS.iter().find(|f| **f == name) {
                if value.is_empty() {
                    continue;
                }
                if value.chars().count() > LONGEST_VALUE || value.chars().any(char::is_control) {
                    return Err(Failure::BadParameter {
                        name: facet,
                        allowed: Allowed::Message("allowed-short-text", LONGEST_VALUE as i64),
                    });
                }
                if filters.len() == MOST_FILTERS {
                    return Err(Failure::BadParameter {
                        name: facet,
                        allowed: Allowed::Message("allowed-most-filters", MOST_FILTERS as i64),
                    });
                }
                filters.push((facet.to_string(), value.to_owned()));
            }
        }
        filters.sort();
        filters.dedup();
        Ok(Self { q, filters, page })
    }

    pub fn request(&self, lang: &str, per_page: usize, prefix: bool) -> Request {
        Request {
            text: self.q.clone(),
            lang: lang.to_owned(),
            filters: self.filters.clone(),
            limit: per_page,
            offset: (self.page - 1) * per_page,
            prefix,
        }
    }

    /// This search's address with one facet value added or taken away, from page 1.
    pub fn toggled(&self, facet: &str, value: &str) -> String {
        let mut filters = self.filters.clone();
        let pair = (facet.to_owned(), value.to_owned());
        match filters.iter().position(|f| *f == pair) {
            Some(i) => {
                filters.remove(i);
            }
            None => filters.push(pair),
        }
        address(&self.q, &filters, 1)
    }

    pub fn at_page(&self, page: usize) -> String {
        address(&self.q, &self.filters, page)
    }
}

fn address(q: &str, filters: &[(String, String)], page: usize) -> String {
    let mut parts = Vec::new();
    if !q.is_empty() {
        parts.push(format!("q={}", urlencode(q)));
    }
    for (f, v) in filters {
        parts.push(format!("{f}={}", urlencode(v)));
    }
    if page > 1 {
        parts.push(format!("page={page}"));
    }
    if parts.is_empty() {
        "/search".to_owned()
    } else {
        format!("/search?{}", parts.join("&"))
    }
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    l: Layout,
    query: SearchQuery,
    found: SearchView,
    /// (facet, value, label, count, selected, address that toggles it) by facet.
    facets: Vec<(String, Vec<FacetLink>)>,
    status: String,
    previous: Option<String>,
    next: Option<String>,
    script: &'static str,
}

struct FacetLink {
    label: String,
    count: u64,
    selected: bool,
    href: String,
}

pub async fn page(
    State(state): State<Arc<AppState>>,
    ctx: PageCtx,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let tr = ctx.tr;
    let query = SearchQuery::parse(&pairs)?;
    let found = state
        .search
        .search(&state.store, query.request(tr.lang(), PER_PAGE, false))
        .await?;
    let facets = found
        .facets
        .iter()
        .map(|f| {
            let links = f
                .values
                .iter()
                .map(|v| FacetLink {
                    label: facet_label(tr, &f.name, &v.value, v.label.as_ref()),
                    count: v.count,
                    selected: v.selected,
                    href: query.toggled(&f.name, &v.value),
                })
                .collect();
            (f.name.clone(), links)
        })
        .collect();
    let status = if query.q.is_empty() && query.filters.is_empty() {
        tr.count("search-everything", found.total as i64)
    } else {
        tr.count("search-found", found.total as i64)
    };
    let pages = found.total.div_ceil(PER_PAGE).min(MOST_PAGES);
    let previous = (query.page > 1).then(|| query.at_page(query.page - 1));
    let next = (query.page < pages).then(|| query.at_page(query.page + 1));
    let title = if query.q.is_empty() {
        tr.t("search-title")
    } else {
        tr.t1(
            "search-title-for",
            "query",
            query.q.chars().take(80).collect::<String>(),
        )
    };
    let path = query.at_page(query.page);
    render(&SearchPage {
        l: Layout::for_ctx(&ctx, title, path),
        query,
        found,
        facets,
        status,
        previous,
        next,
        script: crate::assets::search_script_path(),
    })
}

/// A facet value as a reader reads it: a kind's or language's name, a country's, a
/// framework node's code and title.
pub fn facet_label(
    tr: crate::i18n::Tr,
    facet: &str,
    value: &str,
    node: Option<&forja_core::LocalizedText>,
) -> String {
    match facet {
        "kind" => tr
            .maybe(&format!("search-kind-{value}"))
            .unwrap_or_else(|| value.to_owned()),
        "country" => tr.country(value),
        "lang" => tr
            .maybe(&format!("language-{value}"))
            .unwrap_or_else(|| value.to_owned()),
        "kflc" | "sdg" => match node {
            Some(t) => format!("{value} {}", tr.txt(t)),
            None => value.to_owned(),
        },
        _ => node.map(|t| tr.txt(t)).unwrap_or_else(|| value.to_owned()),
    }
}
