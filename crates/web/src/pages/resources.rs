//! `/resources`: the network's library for coordinators, narrowed by kind, language,
//! level, collection and KFLC area with a plain GET form, and one resource's page.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use forja_core::edit::{RESOURCE_COLLECTIONS, RESOURCE_KINDS, RESOURCE_LANGUAGES, RESOURCE_LEVELS};
use forja_services::ServiceError;
use forja_services::resources::{self, ResourceFilter, ResourceView};

use super::editing::practices::message_code;
use super::{Layout, PageCtx, render};
use crate::auth::SignedInUser;
use crate::error::{Failure, FieldError, PageError};
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
    /// Why an upload was refused.
    errors: Vec<FieldError>,
}

impl ResourcePage {
    fn label(&self, prefix: &str, code: &str) -> String {
        self.l.tr.code(prefix, &message_code(code))
    }

    /// "Download (PDF, 2.3 MB)", the size as the reader writes numbers.
    fn download_label(&self, file: &forja_core::edit::ResourceFile) -> String {
        // A small file reads as 0.1 MB, never 0.
        let mb = (file.bytes as f64 / 1_048_576.0).max(0.1);
        let size = forja_core::format::number(mb, 1, self.l.tr.locale);
        self.l.tr.t2(
            "resource-download",
            ("format", &file.format.to_uppercase()),
            ("size", &size),
        )
    }

    fn error(&self) -> String {
        self.errors
            .iter()
            .map(|e| e.text(self.l.tr))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

async fn resource_page(
    state: &AppState,
    ctx: &PageCtx,
    slug: &str,
    errors: Vec<FieldError>,
) -> Result<Response, PageError> {
    let r = resources::resource_view(&state.store, slug).await?;
    let can_manage = ctx
        .user
        .as_ref()
        .is_some_and(|u| resources::may_manage_resources(&u.actor));
    let l = Layout::for_ctx(
        ctx,
        ctx.tr.txt(&r.fields.title),
        format!("/resources/{slug}"),
    );
    let refused = !errors.is_empty();
    let mut response = render(&ResourcePage {
        l,
        r,
        can_manage,
        errors,
    })?;
    if refused {
        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(response)
}

pub async fn page(
    State(state): State<Arc<AppState>>,
    ctx: PageCtx,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    resource_page(&state, &ctx, &slug, Vec::new()).await
}

/// `POST /resources/{resource}/file`: network staff attach a document (multipart; the
/// form token rides in the address, as for every upload).
pub async fn upload_file(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path(slug): Path<String>,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    if !resources::may_manage_resources(user.actor()) {
        return Err(PageError(Failure::Forbidden));
    }
    tokio::fs::create_dir_all(&state.media.work_dir)
        .await
        .map_err(|_| Failure::Internal)?;
    let token = forja_services::auth::random_token().map_err(Failure::from)?;
    let scratch = state
        .media
        .work_dir
        .join(format!("document-{}", &token[..16]));
    let received = super::editing::media_library::receive(&mut multipart, &scratch).await;
    let outcome = match &received {
        Ok((input, name)) => {
            let version = input
                .get("version")
                .and_then(|v| v.parse::<i32>().ok())
                .unwrap_or(0);
            Some(
                resources::attach_file(
                    &state.store,
                    &state.media,
                    user.actor(),
                    &slug,
                    version,
                    &scratch,
                    name,
                )
                .await,
            )
        }
        Err(_) => None,
    };
    let _ = tokio::fs::remove_file(&scratch).await;
    let errors = match (received, outcome) {
        (Ok(_), Some(Ok(_))) => {
            return Ok(Redirect::to(&format!("/resources/{slug}")).into_response());
        }
        (_, Some(Err(ServiceError::Invalid(problems)))) => {
            problems.iter().map(FieldError::from_problem).collect()
        }
        (_, Some(Err(other))) => return Err(other.into()),
        (Err(e), _) => vec![e],
        (Ok(_), None) => Vec::new(),
    };
    resource_page(&state, &ctx, &slug, errors).await
}

/// `GET /resources/{resource}/file`: the kept document, as a download under the name
/// it was uploaded with (never shown inline: it is the uploader's file, not our page).
pub async fn download(
    State(state): State<Arc<AppState>>,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let (file, name) = resources::resource_file(&state.store, &slug).await?;
    let opened = forja_services::media::open(&state.media, &file, None).await?;
    let mut response = axum::body::Body::from_stream(opened.into_stream()).into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(file.bytes));
    if let Ok(v) = HeaderValue::from_str(&file.content_type) {
        h.insert(header::CONTENT_TYPE, v);
    }
    // RFC 6266 with the RFC 5987 form for names beyond ASCII (Romanian letters).
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let disposition = format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
        super::urlencode(&name)
    );
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    Ok(response)
}
