//! Writing in discussions: opening one, posting, reporting, and the moderators'
//! decisions. Every check a person can fail is named by field, in their words.

use forja_core::edit::Problem;
use forja_core::policy::{Action, Actor, allowed};
use forja_store::accounts::AuditEntry;
use forja_store::discussions::{NewDiscussion, NewPost, Reported};

use super::{POSITIONS, Subject, refused, subject_view, user_id};
use crate::notices::What;
use crate::{Result, ServiceError, Store};

pub const MAX_TITLE: usize = 200;
pub const MAX_BODY: usize = 10_000;
pub const MAX_SUMMARY: usize = 5_000;
/// Accounts younger than this write under limits (spam and heat both come from new
/// accounts more than from known colleagues).
pub const NEW_ACCOUNT_DAYS: i64 = 7;
/// What a new account may write: posts per ten minutes and per day, discussions per day.
const NEW_POSTS_PER_10_MIN: usize = 3;
const NEW_POSTS_PER_DAY: usize = 10;
const NEW_THREADS_PER_DAY: usize = 2;

/// A discussion to open, as typed.
#[derive(Debug, Clone)]
pub struct NewThread {
    pub subject: Subject,
    pub title: String,
    pub body: String,
    pub asks_position: bool,
}

fn text(field: &str, raw: &str, max: usize) -> Result<String> {
    forja_core::edit::plain_text(field, raw, max).map_err(|p| ServiceError::Invalid(vec![p]))
}

fn authorize(actor: &Actor, action: &Action) -> Result<()> {
    if allowed(actor, action) {
        Ok(())
    } else {
        Err(ServiceError::Forbidden)
    }
}

/// Refuses a new account that wrote its share for now, naming when it may again.
async fn within_limits(store: &Store, actor: &Actor, field: &str, thread: bool) -> Result<()> {
    let me = user_id(actor).ok_or(ServiceError::Forbidden)?;
    let user = store.user_by_id(me).await?.ok_or(ServiceError::Forbidden)?;
    let now = crate::auth::now();
    if now - user.created_at >= NEW_ACCOUNT_DAYS * 86_400 {
        return Ok(());
    }
    // Each window: (what was written in it, oldest first; how many it takes; its
    // length). Full, the wait is until its oldest leaves it.
    let windows = if thread {
        vec![(
            store.discussions_since(me, now - 86_400).await?,
            NEW_THREADS_PER_DAY,
            86_400,
        )]
    } else {
        vec![
            (
                store.posts_since(me, now - 86_400).await?,
                NEW_POSTS_PER_DAY,
                86_400,
            ),
            (
                store.posts_since(me, now - 600).await?,
                NEW_POSTS_PER_10_MIN,
                600,
            ),
        ]
    };
    let wait = windows
        .iter()
        .filter(|(written, most, _)| written.len() >= *most)
        .filter_map(|(written, _, length)| written.first().map(|oldest| oldest + length - now))
        .max();
    match wait {
        // In whole minutes, rounded up: "in 0 minutes" would be a lie.
        Some(seconds) => Err(refused(
            field,
            Problem::SlowDown {
                minutes: (seconds.max(1) + 59) / 60,
            },
        )),
        None => Ok(()),
    }
}

/// Opens a discussion; returns its slug.
pub async fn open(store: &Store, actor: &Actor, new: &NewThread) -> Result<String> {
    authorize(actor, &Action::Discuss)?;
    subject_view(store, &new.subject).await?;
    // A title is one line: it heads the page, the search result and the mail.
    let title = text("title", &new.title.replace(['\r', '\n'], " "), MAX_TITLE);
    let body = text("body", &new.body, MAX_BODY);
    let (title, body) = match (title, body) {
        (Ok(t), Ok(b)) => (t, b),
        (Err(ServiceError::Invalid(mut a)), Err(ServiceError::Invalid(b))) => {
            a.extend(b);
            return Err(ServiceError::Invalid(a));
        }
        (Err(e), _) | (_, Err(e)) => return Err(e),
    };
    within_limits(store, actor, "title", true).await?;
    let base = crate::editing::slug_base(&title, 70, "discussion");
    let city_id = actor.city.and_then(|c| i32::try_from(c.0).ok());
    let made = crate::editing::at_free_slug(&base, |slug| {
        let row = NewDiscussion {
            slug,
            subject_kind: new.subject.kind().into(),
            subject: new.subject.key(),
            title: title.clone(),
            body: body.clone(),
            asks_position: new.asks_position,
            user_id: user_id(actor),
            city_id,
        };
        async move {
            Ok(store
                .create_discussion(&row, crate::auth::now())
                .await?
                .is_some())
        }
    })
    .await?;
    made.ok_or_else(|| refused("title", Problem::Taken))
}

/// Posts in a discussion, answering it or (with `parent`) a post in it; returns the
/// new post's id. A reply to a reply at the third level joins that level, so threads
/// stay three deep. Where the discussion asks for positions, an answer to it takes one.
pub async fn post(
    store: &Store,
    actor: &Actor,
    slug: &str,
    parent: Option<i32>,
    body: &str,
    position: Option<&str>,
) -> Result<i32> {
    authorize(actor, &Action::Discuss)?;
    let d = store
        .discussion_row(slug)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if d.closed_at.is_some() {
        return Err(refused("body", Problem::DiscussionClosed));
    }
    let parent = match parent {
        None => None,
        Some(id) => {
            let p = store.post_row(id).await?;
            match p {
                Some(p) if p.discussion_id == d.id && p.state != "removed" => Some(p),
                _ => return Err(refused("parent", Problem::NotAChoice)),
            }
        }
    };
    let position = match position.map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) if POSITIONS.contains(&p) => Some(p),
        Some(_) => {
            return Err(refused(
                "position",
                Problem::NotAllowed {
                    allowed: POSITIONS.join(", "),
                },
            ));
        }
        None if d.asks_position && parent.is_none() => {
            return Err(refused("position", Problem::ChooseOne));
        }
        None => None,
    };
    let body = text("body", body, MAX_BODY)?;
    within_limits(store, actor, "body", false).await?;
    let (parent_id, depth) = match &parent {
        None => (None, 0),
        Some(p) if p.depth >= 2 => (p.parent_id, 2),
        Some(p) => (Some(p.id), p.depth + 1),
    };
    // The author of what is answered hears of it (the one who opened the discussion,
    // for an answer to it), never the one writing.
    let to = parent.as_ref().map_or(d.user_id, |p| p.user_id);
    let tell: Vec<i32> = to
        .filter(|id| Some(*id) != user_id(actor))
        .into_iter()
        .collect();
    let author = match user_id(actor) {
        Some(id) => store.user_by_id(id).await?.map(|u| u.display_name),
        None => None,
    }
    .unwrap_or_default();
    let notice = What::DiscussionReply {
        discussion: d.title.clone(),
        author,
    }
    .notice(format!("/discussions/{}", d.slug));
    let new = NewPost {
        discussion_id: d.id,
        parent_id,
        depth,
        user_id: user_id(actor),
        body: &body,
        position,
        tell: &tell,
        notice: &notice,
    };
    store
        .add_post(&new, crate::auth::now())
        .await?
        .ok_or_else(|| refused("body", Problem::DiscussionClosed))
}

/// Reports a post to the moderators; true when this report hid it.
pub async fn report(store: &Store, actor: &Actor, slug: &str, post_id: i32) -> Result<bool> {
    authorize(actor, &Action::ReportPost)?;
    let p = post_in(store, slug, post_id).await?;
    let me = user_id(actor).ok_or(ServiceError::Forbidden)?;
    if p.user_id == Some(me) {
        // One's own post is edited by asking a moderator, not reported.
        return Err(ServiceError::Forbidden);
    }
    match store.report_post(p.id, me, crate::auth::now()).await? {
        Reported::Counted { hidden } => Ok(hidden),
        Reported::Already => Ok(false),
    }
}

async fn post_in(
    store: &Store,
    slug: &str,
    post_id: i32,
) -> Result<forja_store::entity::post::Model> {
    let d = store
        .discussion_row(slug)
        .await?
        .ok_or(ServiceError::NotFound)?;
    match store.post_row(post_id).await? {
        Some(p) if p.discussion_id == d.id => Ok(p),
        _ => Err(ServiceError::NotFound),
    }
}

/// A moderator keeps (`kept`) or removes (`removed`) a post; written to the audit log.
pub async fn moderate(
    store: &Store,
    actor: &Actor,
    slug: &str,
    post_id: i32,
    decision: &str,
) -> Result<()> {
    authorize(actor, &Action::Moderate)?;
    if !matches!(decision, "kept" | "removed") {
        return Err(refused(
            "decision",
            Problem::NotAllowed {
                allowed: "kept, removed".into(),
            },
        ));
    }
    let p = post_in(store, slug, post_id).await?;
    let subject = format!("{slug}#post-{}", p.id);
    let audit = AuditEntry {
        event: if decision == "kept" {
            "post-kept"
        } else {
            "post-removed"
        },
        user_id: user_id(actor),
        subject: Some(&subject),
        client: None,
        detail: Some(serde_json::json!({ "reports": p.report_count, "author": p.user_id })),
    };
    store
        .moderate_post(p.id, decision, audit, crate::auth::now())
        .await?;
    Ok(())
}

/// A moderator closes a discussion with a summary of where it landed; written to the
/// audit log. Closing twice is refused by name.
pub async fn close(store: &Store, actor: &Actor, slug: &str, summary: &str) -> Result<()> {
    authorize(actor, &Action::Moderate)?;
    let d = store
        .discussion_row(slug)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let summary = text("summary", summary, MAX_SUMMARY)?;
    let audit = AuditEntry {
        event: "discussion-closed",
        user_id: user_id(actor),
        subject: Some(slug),
        client: None,
        detail: Some(serde_json::json!({ "posts": d.post_count })),
    };
    if store
        .close_discussion(d.id, &summary, audit, crate::auth::now())
        .await?
    {
        Ok(())
    } else {
        Err(refused("summary", Problem::DiscussionClosed))
    }
}
