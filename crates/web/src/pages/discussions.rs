//! `/discussions`: policy dialogue between the network's cities. The list (all, or
//! those on one practice, strategy or theme), a discussion with its threaded posts and
//! the forms to answer, report and moderate, and the form that opens one. Every form
//! works without JavaScript: a reply form sits in a `<details>` under its post.

use std::collections::HashMap;
use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use forja_services::ServiceError;
use forja_services::discussions::{
    self, DiscussionRights, DiscussionSummary, DiscussionView, NewThread, PostView, Subject,
    SubjectView,
};

use super::{Layout, PageCtx, render};
use crate::auth::SignedInUser;
use crate::error::{Allowed, Failure, FieldError, PageError};
use crate::state::AppState;

type Params = HashMap<String, String>;

/// The subject an address names (`?practice=`, `?strategy=`, `?theme=kflc:2.3`), if any;
/// a bad one is a 400 that says what is allowed.
fn subject_of(q: &Params) -> Result<Option<Subject>, PageError> {
    let named: Vec<(&str, &String)> = ["practice", "strategy", "theme"]
        .into_iter()
        .filter_map(|k| q.get(k).map(|v| (k, v)))
        .collect();
    match named.as_slice() {
        [] => Ok(None),
        [(kind, value)] => Subject::from_parts(kind, value).map(Some).ok_or_else(|| {
            PageError(Failure::BadParameter {
                name: "theme",
                allowed: Allowed::Codes("FRAMEWORK:NODE, such as kflc:2.3".into()),
            })
        }),
        _ => Err(PageError(Failure::BadParameter {
            name: "practice",
            allowed: Allowed::Codes("one of practice, strategy or theme".into()),
        })),
    }
}

#[derive(Template)]
#[template(path = "discussions.html")]
struct ListPage {
    l: Layout,
    discussions: Vec<DiscussionSummary>,
    pager: Pager,
    on: Option<SubjectView>,
    may_open: bool,
    /// For moderators: posts waiting for a decision (discussion slug, title, post).
    queue: Vec<(String, String, PostView)>,
}

impl ListPage {
    fn new_href(&self) -> String {
        match &self.on {
            Some(s) => format!(
                "/discussions/new?{}={}",
                s.subject.kind(),
                super::urlencode(&s.subject.key())
            ),
            None => String::new(),
        }
    }
}

pub async fn index(
    State(state): State<Arc<AppState>>,
    ctx: PageCtx,
    Query(q): Query<Params>,
) -> Result<Response, PageError> {
    let subject = subject_of(&q)?;
    let on = match &subject {
        Some(s) => Some(discussions::subject_view(&state.store, s).await?),
        None => None,
    };
    let page = super::page_number(&q)?;
    let list = discussions::discussion_list(&state.store, subject.as_ref(), page).await?;
    let base = match &subject {
        Some(s) => format!("/discussions?{}={}", s.kind(), super::urlencode(&s.key())),
        None => "/discussions".to_owned(),
    };
    let pager = Pager::new(&base, list.page, list.pages);
    let actor = ctx.user.as_ref().map(|u| &u.actor);
    let may_open =
        actor.is_some_and(|a| forja_core::policy::allowed(a, &forja_core::policy::Action::Discuss));
    let queue = match actor {
        Some(a) if forja_core::policy::allowed(a, &forja_core::policy::Action::Moderate) => {
            discussions::moderation_queue(&state.store, a).await?
        }
        _ => Vec::new(),
    };
    let title = match &on {
        Some(s) => ctx.tr.t1("discussions-on", "subject", ctx.tr.txt(&s.label)),
        None => ctx.tr.t("discussions-title"),
    };
    let l = Layout::for_ctx(&ctx, title, super::at_page(&base, list.page));
    render(&ListPage {
        l,
        discussions: list.items,
        pager,
        on,
        may_open,
        queue,
    })
}

#[derive(Template)]
#[template(path = "discussion_new.html")]
struct NewPage {
    l: Layout,
    subject: SubjectView,
    title: String,
    body: String,
    asks_position: bool,
    errors: Vec<FieldError>,
}

impl NewPage {
    fn error(&self, field: &str) -> String {
        field_error(&self.errors, field, &self.l)
    }
}

fn field_error(errors: &[FieldError], field: &str, l: &Layout) -> String {
    errors
        .iter()
        .filter(|e| e.field == field)
        .map(|e| e.text(l.tr))
        .collect::<Vec<_>>()
        .join(" ")
}

pub async fn new_form(
    State(state): State<Arc<AppState>>,
    ctx: PageCtx,
    user: SignedInUser,
    Query(q): Query<Params>,
) -> Result<Response, PageError> {
    user.authorize(&forja_core::policy::Action::Discuss)?;
    let subject = subject_of(&q)?.ok_or(PageError(Failure::BadParameter {
        name: "practice",
        allowed: Allowed::Codes("one of practice, strategy or theme".into()),
    }))?;
    let subject = discussions::subject_view(&state.store, &subject).await?;
    let l = Layout::for_ctx(&ctx, ctx.tr.t("discussion-new-title"), "/discussions/new");
    render(&NewPage {
        l,
        subject,
        title: String::new(),
        body: String::new(),
        asks_position: false,
        errors: Vec::new(),
    })
}

fn field<'a>(form: &'a [(String, String)], name: &str) -> &'a str {
    form.iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

pub async fn create(
    State(state): State<Arc<AppState>>,
    ctx: PageCtx,
    user: SignedInUser,
    axum::Form(sent): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let kind = field(&sent, "subject_kind");
    let subject = Subject::from_parts(kind, field(&sent, "subject")).ok_or(PageError(
        Failure::BadParameter {
            name: "subject_kind",
            allowed: Allowed::Codes("practice, strategy, theme".into()),
        },
    ))?;
    let new = NewThread {
        subject: subject.clone(),
        title: field(&sent, "title").to_owned(),
        body: field(&sent, "body").to_owned(),
        asks_position: field(&sent, "asks_position") == "true",
    };
    match discussions::open(&state.store, user.actor(), &new).await {
        Ok(slug) => Ok(Redirect::to(&format!("/discussions/{slug}")).into_response()),
        Err(ServiceError::Invalid(problems)) => {
            let subject = discussions::subject_view(&state.store, &subject).await?;
            let l = Layout::for_ctx(&ctx, ctx.tr.t("discussion-new-title"), "/discussions/new");
            let mut response = render(&NewPage {
                l,
                subject,
                title: new.title,
                body: new.body,
                asks_position: new.asks_position,
                errors: problems.iter().map(FieldError::from_problem).collect(),
            })?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(other) => Err(other.into()),
    }
}

/// Links to the pages before and after, and where this one is.
struct Pager {
    page: usize,
    pages: usize,
    previous: Option<String>,
    next: Option<String>,
}

impl Pager {
    fn new(base: &str, page: usize, pages: usize) -> Self {
        Self {
            page,
            pages,
            previous: (page > 1).then(|| super::at_page(base, page - 1)),
            next: (page < pages).then(|| super::at_page(base, page + 1)),
        }
    }

    /// "Page 2 of 5".
    fn at(&self, tr: &crate::i18n::Tr) -> String {
        tr.t2("pager-where", ("page", &self.page), ("pages", &self.pages))
    }
}

/// A post with its text made safe HTML.
struct PostRow {
    p: PostView,
    html: String,
}

#[derive(Template)]
#[template(path = "discussion.html")]
struct ThreadPage {
    l: Layout,
    d: DiscussionView,
    rights: DiscussionRights,
    body_html: String,
    closing_html: String,
    /// The posts of this page.
    posts: Vec<PostRow>,
    pager: Pager,
    /// A refused post: the post it answered (0 for the discussion), what was typed.
    failed: Option<i32>,
    typed: String,
    typed_position: String,
    errors: Vec<FieldError>,
}

impl ThreadPage {
    fn error(&self, field: &str) -> String {
        field_error(&self.errors, field, &self.l)
    }

    fn failed_here(&self, parent: impl std::borrow::Borrow<i32>) -> bool {
        self.failed == Some(*parent.borrow())
    }

    /// A refusal no form on the page shows: the discussion closed (no forms), or the
    /// post answered is gone (removed meanwhile, or never was).
    fn unplaced_error(&self) -> bool {
        match self.failed {
            None => false,
            Some(_) if !self.rights.post => true,
            Some(0 | -1) => false,
            Some(parent) => !self
                .posts
                .iter()
                .any(|r| r.p.id == parent && r.p.state != "removed"),
        }
    }

    /// Every refusal, for when no form is there to show it beside (a closed discussion).
    fn all_errors(&self) -> String {
        self.errors
            .iter()
            .map(|e| e.text(self.l.tr))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The position typed in a refused post was `pos`.
    fn typed(&self, pos: &str) -> bool {
        self.typed_position == pos
    }
}

/// Page `page` of a discussion; a refused form shows on the page of the post it
/// answered.
async fn thread_page(
    state: &AppState,
    ctx: &PageCtx,
    slug: &str,
    page: usize,
    failed: Option<(i32, String, String, Vec<FieldError>)>,
) -> Result<Response, PageError> {
    let actor = ctx.user.as_ref().map(|u| &u.actor);
    let (d, rights) = discussions::discussion_view(&state.store, actor, slug).await?;
    let page = match &failed {
        Some((parent, ..)) if *parent > 0 => d.page_of(*parent),
        // A new answer: the page the form was sent from (the closing form: the first).
        Some(_) => page.clamp(1, d.pages()),
        None => page,
    };
    let pager = Pager::new(&format!("/discussions/{slug}"), page, d.pages());
    let posts = d
        .page(page)
        .ok_or(PageError(Failure::NotFound))?
        .iter()
        .map(|p| PostRow {
            html: crate::markdown::render(&p.body),
            p: p.clone(),
        })
        .collect();
    let l = Layout::for_ctx(
        ctx,
        d.summary.title.clone(),
        super::at_page(&format!("/discussions/{slug}"), page),
    );
    let refused = failed.is_some();
    let (failed, typed, typed_position, errors) = match failed {
        Some((at, typed, position, errors)) => (Some(at), typed, position, errors),
        None => (None, String::new(), String::new(), Vec::new()),
    };
    let mut response = render(&ThreadPage {
        l,
        rights,
        body_html: crate::markdown::render(&d.body),
        closing_html: d
            .closing
            .as_deref()
            .map(crate::markdown::render)
            .unwrap_or_default(),
        posts,
        pager,
        d,
        failed,
        typed,
        typed_position,
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
    Query(q): Query<Params>,
) -> Result<Response, PageError> {
    let page = super::page_number(&q)?;
    thread_page(&state, &ctx, &slug, page, None).await
}

/// A post's lasting address: the page of the discussion it is on, at the post.
pub async fn post_link(
    State(state): State<Arc<AppState>>,
    ctx: PageCtx,
    Path((slug, post)): Path<(String, i32)>,
) -> Result<Response, PageError> {
    let actor = ctx.user.as_ref().map(|u| &u.actor);
    let (d, _) = discussions::discussion_view(&state.store, actor, &slug).await?;
    if !d.posts.iter().any(|p| p.id == post) {
        return Err(PageError(Failure::NotFound));
    }
    let at = super::at_page(&format!("/discussions/{slug}"), d.page_of(post));
    Ok(Redirect::to(&format!("{at}#post-{post}")).into_response())
}

pub async fn add_post(
    State(state): State<Arc<AppState>>,
    ctx: PageCtx,
    user: SignedInUser,
    Path(slug): Path<String>,
    axum::Form(sent): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let parent = match field(&sent, "parent") {
        "" | "0" => None,
        raw => Some(raw.parse::<i32>().map_err(|_| {
            PageError(Failure::BadParameter {
                name: "parent",
                allowed: Allowed::Codes("the number of a post".into()),
            })
        })?),
    };
    let body = field(&sent, "body");
    let position = field(&sent, "position");
    let outcome = discussions::post(
        &state.store,
        user.actor(),
        &slug,
        parent,
        body,
        Some(position),
    )
    .await;
    match outcome {
        Ok(id) => Ok(Redirect::to(&format!("/discussions/{slug}/posts/{id}")).into_response()),
        Err(ServiceError::Invalid(problems)) => {
            let errors = problems.iter().map(FieldError::from_problem).collect();
            let failed = (
                parent.unwrap_or(0),
                body.to_owned(),
                position.to_owned(),
                errors,
            );
            let page = field(&sent, "page").parse().unwrap_or(1);
            thread_page(&state, &ctx, &slug, page, Some(failed)).await
        }
        Err(other) => Err(other.into()),
    }
}

pub async fn report(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    Path((slug, post)): Path<(String, i32)>,
) -> Result<Response, PageError> {
    discussions::report(&state.store, user.actor(), &slug, post).await?;
    Ok(Redirect::to(&format!("/discussions/{slug}/posts/{post}")).into_response())
}

pub async fn moderate(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    Path((slug, post)): Path<(String, i32)>,
    axum::Form(sent): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let decision = field(&sent, "decision");
    discussions::moderate(&state.store, user.actor(), &slug, post, decision).await?;
    Ok(Redirect::to(&format!("/discussions/{slug}/posts/{post}")).into_response())
}

pub async fn close(
    State(state): State<Arc<AppState>>,
    ctx: PageCtx,
    user: SignedInUser,
    Path(slug): Path<String>,
    axum::Form(sent): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let summary = field(&sent, "summary");
    match discussions::close(&state.store, user.actor(), &slug, summary).await {
        Ok(()) => Ok(Redirect::to(&format!("/discussions/{slug}")).into_response()),
        Err(ServiceError::Invalid(problems)) => {
            let errors = problems.iter().map(FieldError::from_problem).collect();
            let failed = (-1, summary.to_owned(), String::new(), errors);
            thread_page(&state, &ctx, &slug, 1, Some(failed)).await
        }
        Err(other) => Err(other.into()),
    }
}
