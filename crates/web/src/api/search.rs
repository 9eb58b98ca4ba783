//! `/api/v1/search`: the search page's results as data, and its suggestions.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Query, State};
use forja_services::views::SearchView;

use crate::error::{Allowed, ApiError, Failure, Problem};
use crate::pages::search::SearchQuery;
use crate::state::AppState;

/// The longest query the API takes; the page takes any and searches its first words.
const LONGEST_QUERY: usize = 1000;

/// Searches everything public: cities, strategies, objectives, programmes, practices,
/// resources, stories.
/// Every word must match (stemmed in Romanian or English, exactly in any language, or
/// with the typos its length allows: none under 5 letters, 1 from 5, 2 from 9); query
/// syntax is not syntax. Facet parameters narrow (a facet may repeat to widen).
#[utoipa::path(get, path = "/api/v1/search", tag = "search",
    params(
        ("q" = Option<String>, Query, max_length = 1000, description = "Words to find; empty lists everything (to browse by facet)"),
        ("kind" = Option<String>, Query, max_length = 64, pattern = r"^[^\u0000-\u001F\u007F-\u009F]*$", description = "city, strategy, objective, programme, practice, resource, story"),
        ("country" = Option<String>, Query, max_length = 64, pattern = r"^[^\u0000-\u001F\u007F-\u009F]*$", description = "ISO 3166-1 alpha-2 code"),
        ("cluster" = Option<String>, Query, max_length = 64, pattern = r"^[^\u0000-\u001F\u007F-\u009F]*$", description = "Thematic cluster code"),
        ("kflc" = Option<String>, Query, max_length = 64, pattern = r"^[^\u0000-\u001F\u007F-\u009F]*$", description = "KFLC area, such as 2.5"),
        ("sdg" = Option<String>, Query, max_length = 64, pattern = r"^[^\u0000-\u001F\u007F-\u009F]*$", description = "SDG goal, such as 4"),
        ("group" = Option<String>, Query, max_length = 64, pattern = r"^[^\u0000-\u001F\u007F-\u009F]*$", description = "Target group code"),
        ("lang" = Option<String>, Query, max_length = 64, pattern = r"^[^\u0000-\u001F\u007F-\u009F]*$", description = "Language the content is written in"),
        ("language" = Option<String>, Query, pattern = "^(|en|ro)$", description = "The reader's language: titles and snippets come in it when the content has it (default en)"),
        ("prefix" = Option<bool>, Query, description = "As the reader types: the last word may be the start of one"),
        ("page" = Option<usize>, Query, minimum = 1, maximum = 50, description = "1-based page number"),
        ("per_page" = Option<usize>, Query, minimum = 1, maximum = 50, description = "Results per page, 1–50 (default 20)"),
    ),
    responses(
        (status = 200, body = SearchView),
        (status = 400, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn search(
    State(state): State<Arc<AppState>>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Json<SearchView>, ApiError> {
    let query = SearchQuery::parse(&pairs)?;
    // The page forgives an empty number (a form's untouched field); the API's
    // parameters are integers, so an empty one is a mistake to hear about.
    for name in ["page", "per_page"] {
        if pairs.iter().any(|(n, v)| n == name && v.trim().is_empty()) {
            return Err(bad(name, Allowed::Message("allowed-whole-number", 50)));
        }
    }
    let value = |name: &str| {
        pairs
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    };
    if query.q.chars().count() > LONGEST_QUERY {
        return Err(bad(
            "q",
            Allowed::Message("allowed-short-text", LONGEST_QUERY as i64),
        ));
    }
    let language = match value("language") {
        None | Some("en") => "en",
        Some("ro") => "ro",
        Some(_) => return Err(bad("language", Allowed::Codes("en, ro".into()))),
    };
    let prefix = match value("prefix") {
        None | Some("false") => false,
        Some("true") => true,
        Some(_) => return Err(bad("prefix", Allowed::Codes("true, false".into()))),
    };
    let per_page = match value("per_page") {
        None => forja_services::search::PER_PAGE,
        Some(raw) => raw
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=50).contains(n))
            .ok_or_else(|| bad("per_page", Allowed::Message("allowed-whole-number", 50)))?,
    };
    let found = state
        .search
        .search(&state.store, query.request(language, per_page, prefix))
        .await?;
    Ok(Json(found))
}

fn bad(name: &'static str, allowed: Allowed) -> ApiError {
    ApiError(Failure::BadParameter { name, allowed })
}
