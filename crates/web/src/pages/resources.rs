//! `/resources`: the network's library for coordinators, narrowed by kind, language,
//! level, collection and KFLC area with a plain GET form, and one resource's page.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use forja_core::edit::{RESOURCE_COLLECTIONS, RESOURCE_KINDS, RESOURCE_LANGUAGES, RESOURCE_LEVELS};
use forja_services::ServiceError;
use forja_services::resources::{self, ResourceFilter, ResourceView};

use super::editing::practices::message_code;
use super::{Layout, PageCtx, render};
use crate::error::{FieldError, PageError};
use crate::state::AppState;

/// Reads the library's filter from the query (a name given twice counts once, the
/// first; names it does not know are left alone).
pub fn read_filter(pairs: &[(String, String)]) -> Result<ResourceFilter, ServiceError> {
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    ResourceFilter::parse(
        get("kind"),
        get("language"),
        get("level"),
        get("collection"),
        get("kflc"),
    )
}

/// One select of the filter form: its name, label and options (value, label, chosen).
pub struct Select {
    pub name: &'static str,
    pub label: String,
    pub options: Vec<(String, String, bool)>,
}

/// A collection as the library opens with it.
pub struct Collection {
    pub code: &'static str,
    pub count: usize,
}

#[derive(Template)]
#[template(path = "resources.html")]
struct LibraryPage {
    l: Layout,
    selects: Vec<Select>,
    collections: Vec<Collection>,
    resources: Vec<ResourceView>,
    filtered: bool,
    errors: Vec<String>,
    can_manage: bool,
    /// Taken out of the library: (slug, title), for staff to bring back.
    deleted: Vec<(String, String)>,
}

impl LibraryPage {
    fn label(&self, prefix: &str, code: &str) -> String {
        self.l.tr.code(prefix, &message_code(code))
    }
}

fn selects(l: &Layout, filter: &ResourceFilter, areas: &[(String, String)]) -> Vec<Select> {
    let tr = l.tr;
    let select = |name: &'static str, chosen: &Option<String>, options: Vec<(String, String)>| {
        let any = (String::new(), tr.t("resources-any"), chosen.is_none());
        Select {
            name,
            label: tr.t(&format!("resources-filter-{name}")),
            options: std::iter::once(any)
                .chain(options.into_iter().map(|(code, label)| {
                    let on = chosen.as_deref() == Some(code.as_str());
                    (code, label, on)
                }))
                .collect(),
        }
    };
    let codes = |prefix: &str, codes: &[&str]| {
        codes
            .iter()
            .map(|c| ((*c).to_owned(), tr.code(prefix, &message_code(c))))
            .collect::<Vec<_>>()
    };
    vec![
        select(
            "kind",
            &filter.kind,
            codes("resource-kind", &RESOURCE_KINDS),
        ),
        select(
            "language",
            &filter.language,
            codes("language", &RESOURCE_LANGUAGES),
        ),
        select(
            "level",
            &filter.level,
            codes("resource-level", &RESOURCE_LEVELS),
        ),
        select(
            "collection",
            &filter.collection,
            codes("resource-collection", &RESOURCE_COLLECTIONS),
        ),
        select("kflc", &filter.kflc, areas.to_vec()),
    ]
}

pub async fn index(
    State(state): State<Arc<AppState>>,
    ctx: PageCtx,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let tr = ctx.tr;
    let l = Layout::for_ctx(&ctx, tr.t("resources-title"), "/resources");
    let can_manage = ctx
        .user
        .as_ref()
        .is_some_and(|u| resources::may_manage_resources(&u.actor));
    // The KFLC areas (`2.1`), the level a reader narrows by.
    let areas: Vec<(String, String)> = resources::feature_choices(&state.store)
        .await?
        .into_iter()
        .filter(|c| c.code.matches('.').count() == 1)
        .map(|c| (c.code.clone(), format!("{} {}", c.code, tr.txt(&c.label))))
        .collect();
    let all = resources::resource_library(&state.store, &ResourceFilter::default()).await?;
    let collections = RESOURCE_COLLECTIONS
        .iter()
        .map(|code| Collection {
            code,
            count: all
                .iter()
                .filter(|r| r.fields.collections.iter().any(|c| c == code))
                .count(),
        })
        .filter(|c| c.count > 0)
        .collect();
    let (filter, errors) = match read_filter(&pairs) {
        Ok(filter) => (filter, Vec::new()),
        Err(ServiceError::Invalid(problems)) => {
            let errors = problems
                .iter()
                .map(|p| {
                    let e = FieldError::from_problem(p);
                    format!(
                        "{}: {}",
                        tr.t(&format!("resources-filter-{}", e.field)),
                        e.text(tr)
                    )
                })
                .collect();
            (ResourceFilter::default(), errors)
        }
        Err(other) => return Err(other.into()),
    };
    // The whole library is already read for the collections' counts: filter that.
    let resources = if errors.is_empty() {
        all.into_iter()
            .filter(|r| filter.matches(&r.fields))
            .collect()
    } else {
        Vec::new()
    };
    let deleted = match ctx.user.as_ref().filter(|_| can_manage) {
        Some(u) => resources::deleted_resources(&state.store, &u.actor)
            .await?
            .into_iter()
            .map(|(slug, title)| (slug, tr.txt(&title)))
            .collect(),
        None => Vec::new(),
    };
    let page = LibraryPage {
        deleted,
        selects: selects(&l, &filter, &areas),
        collections,
        resources,
        filtered: !filter.is_empty(),
        l,
        can_manage,
        errors: errors.clone(),
    };
    let mut response = render(&page)?;
    if !errors.is_empty() {
        *response.status_mut() = StatusCode::BAD_REQUEST;
    }
    Ok(response)
}

#[derive(Template)]
#[template(path = "resource.html")]
struct ResourcePage {
    l: Layout,
    r: ResourceView,
    can_manage: bool,
}

impl ResourcePage {
    fn label(&self, prefix: &str, code: &str) -> String {
        self.l.tr.code(prefix, &message_code(code))
    }
}

pub async fn page(
    State(state): State<Arc<AppState>>,
    ctx: PageCtx,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let r = resources::resource_view(&state.store, &slug).await?;
    let can_manage = ctx
        .user
        .as_ref()
        .is_some_and(|u| resources::may_manage_resources(&u.actor));
    let l = Layout::for_ctx(
        &ctx,
        ctx.tr.txt(&r.fields.title),
        format!("/resources/{slug}"),
    );
    render(&ResourcePage { l, r, can_manage })
}
