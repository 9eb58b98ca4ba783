//! Policy dialogue: discussions attached to a good practice, a city's strategy or a
//! theme (a framework node), open to the people who run learning cities. Posts thread
//! three levels deep and carry a position (for, neutral, against) where the discussion
//! asks for one; reports hide a post after three until network staff decide; staff
//! close a discussion with a summary of where it landed. Reading is public.

use forja_core::LocalizedText;
use forja_core::edit::{FieldProblem, Problem};
use forja_core::policy::{Action, Actor, allowed};
use forja_store::entity::{discussion, post};
use serde::Serialize;

use crate::{Result, ServiceError, Store};

mod write;
pub use write::{
    MAX_BODY, MAX_SUMMARY, MAX_TITLE, NEW_ACCOUNT_DAYS, NewThread, close, moderate, open, post,
    report,
};

/// The positions a post may take.
pub const POSITIONS: [&str; 3] = ["for", "neutral", "against"];

/// Discussions a page of the list shows.
pub const DISCUSSIONS_PER_PAGE: usize = 30;
/// Answers a page of a discussion shows, each with all its replies.
pub const ANSWERS_PER_PAGE: usize = 40;

/// What a discussion is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Subject {
    /// A good practice, by its slug.
    Practice(String),
    /// A city's strategy, by the city's slug.
    Strategy(String),
    /// A framework node: framework code and node code (`kflc`, `2.3`).
    Theme { framework: String, code: String },
}

impl Subject {
    /// From the stored pair (`practice`, `x`), (`strategy`, `resita`), (`theme`,
    /// `kflc:2.3`), or from the same pair in an address.
    pub fn from_parts(kind: &str, subject: &str) -> Option<Self> {
        match kind {
            "practice" => Some(Self::Practice(subject.to_owned())),
            "strategy" => Some(Self::Strategy(subject.to_owned())),
            "theme" => subject.split_once(':').map(|(f, c)| Self::Theme {
                framework: f.to_owned(),
                code: c.to_owned(),
            }),
            _ => None,
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Self::Practice(_) => "practice",
            Self::Strategy(_) => "strategy",
            Self::Theme { .. } => "theme",
        }
    }

    pub fn key(&self) -> String {
        match self {
            Self::Practice(s) | Self::Strategy(s) => s.clone(),
            Self::Theme { framework, code } => format!("{framework}:{code}"),
        }
    }

    /// The page of the subject.
    pub fn link(&self) -> String {
        match self {
            Self::Practice(s) => format!("/practices/{s}"),
            Self::Strategy(s) => format!("/cities/{s}/strategy"),
            Self::Theme { framework, code } => format!("/framework/{framework}/{code}"),
        }
    }
}

/// A subject as a page names it.
#[derive(Debug, Clone, Serialize)]
pub struct SubjectView {
    pub subject: Subject,
    /// The practice's title, the city's name, or the node's code and title.
    pub label: LocalizedText,
}

/// A discussion in a list.
#[derive(Debug, Clone, Serialize)]
pub struct DiscussionSummary {
    pub slug: String,
    pub title: String,
    pub subject: SubjectView,
    /// Who opened it and their city.
    pub opened_by: String,
    pub city: Option<LocalizedText>,
    pub posts: i32,
    /// Unix seconds.
    pub last_post_at: i64,
    pub closed: bool,
    pub asks_position: bool,
}

/// A post as the reader may see it.
#[derive(Debug, Clone, Serialize)]
pub struct PostView {
    pub id: i32,
    pub depth: i32,
    pub author: String,
    pub city: Option<LocalizedText>,
    /// The Markdown as written; empty when the reader may not see it.
    pub body: String,
    pub position: Option<String>,
    pub at: i64,
    /// `visible`, `hidden` (waiting for a moderator), `kept` or `removed`.
    pub state: String,
    pub reports: i32,
    /// Written by the reader (who does not report their own).
    pub mine: bool,
}

/// What the reader may do in a discussion.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct DiscussionRights {
    pub post: bool,
    pub report: bool,
    pub moderate: bool,
}

/// One discussion with its posts in reading order (each reply under what it answers).
#[derive(Debug, Clone, Serialize)]
pub struct DiscussionView {
    pub summary: DiscussionSummary,
    pub body: String,
    /// The moderator's closing summary.
    pub closing: Option<String>,
    pub posts: Vec<PostView>,
    /// Answers to the discussion for, neutral and against (shown ones; replies, which
    /// may carry a position too, are not counted, so nobody counts twice by replying).
    pub positions: [usize; 3],
}

impl DiscussionView {
    /// Where each page starts in `posts`: at every [`ANSWERS_PER_PAGE`]th answer, so
    /// that a page never parts an answer from its replies.
    fn page_starts(&self) -> Vec<usize> {
        let mut starts: Vec<usize> = self
            .posts
            .iter()
            .enumerate()
            .filter(|(_, p)| p.depth == 0)
            .map(|(i, _)| i)
            .step_by(ANSWERS_PER_PAGE)
            .collect();
        if starts.is_empty() {
            starts.push(0);
        }
        starts
    }

    /// Pages the thread takes (at least one).
    pub fn pages(&self) -> usize {
        self.page_starts().len()
    }

    /// The posts of page `page` (from 1), if there is one.
    pub fn page(&self, page: usize) -> Option<&[PostView]> {
        let starts = self.page_starts();
        let from = *starts.get(page.checked_sub(1)?)?;
        let to = starts.get(page).copied().unwrap_or(self.posts.len());
        Some(&self.posts[from..to])
    }

    /// The page a post is on (the first when it is not in the thread).
    pub fn page_of(&self, post: i32) -> usize {
        let Some(at) = self.posts.iter().position(|p| p.id == post) else {
            return 1;
        };
        self.page_starts()
            .iter()
            .filter(|&&s| s <= at)
            .count()
            .max(1)
    }
}

fn refused(field: &str, problem: Problem) -> ServiceError {
    ServiceError::Invalid(vec![FieldProblem {
        field: field.into(),
        problem,
    }])
}

fn user_id(actor: &Actor) -> Option<i32> {
    i32::try_from(actor.user.0).ok()
}

/// The subject named in an address, checked: a published practice, a city, a node
/// of a framework. `NotFound` otherwise.
pub async fn subject_view(store: &Store, subject: &Subject) -> Result<SubjectView> {
    let label = match subject {
        Subject::Practice(slug) => {
            let p = store
                .practice_row(slug, false)
                .await?
                .ok_or(ServiceError::NotFound)?;
            store
                .published_practice(&p)
                .await?
                .ok_or(ServiceError::NotFound)?
                .title
        }
        Subject::Strategy(slug) => {
            let c = store
                .city_by_slug(slug)
                .await?
                .ok_or(ServiceError::NotFound)?;
            serde_json::from_value(c.name).unwrap_or_default()
        }
        Subject::Theme { framework, code } => {
            let f = store
                .framework_by_code(framework)
                .await?
                .ok_or(ServiceError::NotFound)?;
            let node = store
                .nodes_of(f.id)
                .await?
                .into_iter()
                .find(|n| n.code == *code)
                .ok_or(ServiceError::NotFound)?;
            let title: LocalizedText = serde_json::from_value(node.title).unwrap_or_default();
            let mut label = LocalizedText::new();
            for lang in title.languages().map(str::to_owned).collect::<Vec<_>>() {
                let words = title.get_exact(&lang).unwrap_or_default();
                label.insert(&lang, format!("{code} {words}"));
            }
            label
        }
    };
    Ok(SubjectView {
        subject: subject.clone(),
        label,
    })
}

async fn summaries(store: &Store, rows: Vec<discussion::Model>) -> Result<Vec<DiscussionSummary>> {
    let users = store
        .users_by_ids(rows.iter().filter_map(|d| d.user_id))
        .await?;
    let cities = store
        .cities_by_ids(rows.iter().filter_map(|d| d.city_id))
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for d in rows {
        let Some(subject) = Subject::from_parts(&d.subject_kind, &d.subject) else {
            continue;
        };
        // A subject gone since (a practice withdrawn) still names itself by its key.
        let subject = match subject_view(store, &subject).await {
            Ok(view) => view,
            Err(ServiceError::NotFound) => SubjectView {
                label: LocalizedText::new().with("en", subject.key()),
                subject,
            },
            Err(e) => return Err(e),
        };
        out.push(DiscussionSummary {
            opened_by: name_of(&users, d.user_id),
            city: d
                .city_id
                .and_then(|id| cities.iter().find(|c| c.id == id))
                .map(|c| serde_json::from_value(c.name.clone()).unwrap_or_default()),
            slug: d.slug,
            title: d.title,
            subject,
            posts: d.post_count,
            last_post_at: d.last_post_at,
            closed: d.closed_at.is_some(),
            asks_position: d.asks_position,
        });
    }
    Ok(out)
}

fn name_of(users: &[forja_store::entity::user::Model], id: Option<i32>) -> String {
    id.and_then(|id| users.iter().find(|u| u.id == id))
        .map(|u| u.display_name.clone())
        .unwrap_or_default()
}

/// One page of a list, and how many pages there are (at least one).
#[derive(Debug)]
pub struct Listed<T> {
    pub items: Vec<T>,
    pub page: usize,
    pub pages: usize,
}

/// Page `page` (from 1) of every discussion, or of those on one subject; most recently
/// active first. A page past the last is not found.
pub async fn discussion_list(
    store: &Store,
    on: Option<&Subject>,
    page: usize,
) -> Result<Listed<DiscussionSummary>> {
    let key = on.map(|s| (s.kind(), s.key()));
    let rows = store
        .discussions(key.as_ref().map(|(k, s)| (*k, s.as_str())))
        .await?;
    let pages = rows.len().div_ceil(DISCUSSIONS_PER_PAGE).max(1);
    if page == 0 || page > pages {
        return Err(ServiceError::NotFound);
    }
    let rows = rows
        .into_iter()
        .skip((page - 1) * DISCUSSIONS_PER_PAGE)
        .take(DISCUSSIONS_PER_PAGE)
        .collect();
    Ok(Listed {
        items: summaries(store, rows).await?,
        page,
        pages,
    })
}

pub fn rights(actor: Option<&Actor>, d: &discussion::Model) -> DiscussionRights {
    match actor {
        Some(a) => DiscussionRights {
            post: d.closed_at.is_none() && allowed(a, &Action::Discuss),
            report: allowed(a, &Action::ReportPost),
            moderate: allowed(a, &Action::Moderate),
        },
        None => DiscussionRights::default(),
    }
}

/// One discussion as `actor` may read it, and what they may do in it.
pub async fn discussion_view(
    store: &Store,
    actor: Option<&Actor>,
    slug: &str,
) -> Result<(DiscussionView, DiscussionRights)> {
    let d = store
        .discussion_row(slug)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let rights = rights(actor, &d);
    let rows = store.posts(d.id).await?;
    let users = store
        .users_by_ids(rows.iter().filter_map(|p| p.user_id))
        .await?;
    let cities = store
        .cities_by_ids(users.iter().filter_map(|u| u.city_id))
        .await?;
    let mut positions = [0; 3];
    let mut posts = Vec::with_capacity(rows.len());
    for p in in_reading_order(&rows) {
        let shown = match p.state.as_str() {
            "visible" | "kept" => true,
            "hidden" => rights.moderate,
            _ => false,
        };
        // Answers to the discussion take the positions counted; replies argue them.
        if p.depth == 0
            && matches!(p.state.as_str(), "visible" | "kept")
            && let Some(at) = p
                .position
                .as_deref()
                .and_then(|x| POSITIONS.iter().position(|q| *q == x))
        {
            positions[at] += 1;
        }
        let user = p.user_id.and_then(|id| users.iter().find(|u| u.id == id));
        posts.push(PostView {
            id: p.id,
            depth: p.depth,
            author: user.map(|u| u.display_name.clone()).unwrap_or_default(),
            city: user
                .and_then(|u| u.city_id)
                .and_then(|id| cities.iter().find(|c| c.id == id))
                .map(|c| serde_json::from_value(c.name.clone()).unwrap_or_default()),
            body: if shown { p.body.clone() } else { String::new() },
            position: p.position.clone(),
            at: p.created_at,
            state: p.state.clone(),
            reports: if rights.moderate { p.report_count } else { 0 },
            mine: p.user_id.is_some() && p.user_id == actor.and_then(user_id),
        });
    }
    let body = d.body.clone();
    let closing = d.summary.clone();
    let summary = summaries(store, vec![d])
        .await?
        .pop()
        .ok_or(ServiceError::NotFound)?;
    Ok((
        DiscussionView {
            summary,
            body,
            closing,
            posts,
            positions,
        },
        rights,
    ))
}

/// Posts ordered so that each reply follows what it answers (depth first, oldest
/// first at each level).
fn in_reading_order(rows: &[post::Model]) -> Vec<&post::Model> {
    let mut children: std::collections::HashMap<Option<i32>, Vec<&post::Model>> =
        std::collections::HashMap::new();
    for p in rows {
        children.entry(p.parent_id).or_default().push(p);
    }
    // Depth first without recursion: the stack holds what is still to be read.
    let mut out = Vec::with_capacity(rows.len());
    let mut stack: Vec<&post::Model> = children
        .get(&None)
        .into_iter()
        .flatten()
        .rev()
        .copied()
        .collect();
    while let Some(p) = stack.pop() {
        out.push(p);
        stack.extend(children.get(&Some(p.id)).into_iter().flatten().rev());
    }
    out
}

/// Posts waiting for a moderator, with the discussion each is in (slug, title).
pub async fn moderation_queue(
    store: &Store,
    actor: &Actor,
) -> Result<Vec<(String, String, PostView)>> {
    if !allowed(actor, &Action::Moderate) {
        return Err(ServiceError::Forbidden);
    }
    let mut out = Vec::new();
    for p in store.hidden_posts().await? {
        let Some(d) = store.discussion_by_id(p.discussion_id).await? else {
            continue;
        };
        let users = store.users_by_ids(p.user_id).await?;
        out.push((
            d.slug,
            d.title,
            PostView {
                id: p.id,
                depth: p.depth,
                author: name_of(&users, p.user_id),
                city: None,
                body: p.body,
                position: p.position,
                at: p.created_at,
                state: p.state,
                reports: p.report_count,
                mine: false,
            },
        ));
    }
    Ok(out)
}
