//! `/inbox`: what happened that the signed-in person should know, newest first, with a
//! switch for the same news by e-mail; `/unsubscribe/{token}`: the link every mail
//! carries, which works without signing in.

use std::sync::Arc;

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use forja_services::notices::{self, NoticeView, What};
use serde::Deserialize;

use super::{Layout, PageCtx, render};
use crate::auth::SignedInUser;
use crate::csrf::Csrf;
use crate::error::{Failure, PageError};
use crate::i18n::Tr;
use crate::state::AppState;

/// A notification's sentence in the reader's language.
pub fn sentence(tr: Tr, what: &What) -> String {
    match what {
        What::RequestReply { request, city } => tr.t2(
            "notice-request-reply",
            ("city", &tr.txt(city)),
            ("request", &tr.txt(request)),
        ),
        What::DiscussionReply { discussion, author } => tr.t2(
            "notice-discussion-reply",
            ("author", author),
            ("discussion", discussion),
        ),
    }
}

struct Item {
    text: String,
    link: String,
    when: String,
    unread: bool,
}

#[derive(Template)]
#[template(path = "inbox.html")]
struct InboxPage {
    l: Layout,
    items: Vec<Item>,
    unread: u64,
    mail_on: bool,
}

pub async fn page(
    State(state): State<Arc<AppState>>,
    ctx: PageCtx,
    user: SignedInUser,
) -> Result<Response, PageError> {
    let (list, unread) = notices::inbox(&state.store, user.actor()).await?;
    let mail_on = notices::mail_on(&state.store, user.actor()).await?;
    let tr = ctx.tr;
    let items = list
        .iter()
        .map(|n: &NoticeView| Item {
            text: sentence(tr, &n.what),
            link: n.link.clone(),
            when: tr.moment(n.at),
            unread: n.unread,
        })
        .collect();
    let l = Layout::for_ctx(&ctx, tr.t("inbox-title"), "/inbox");
    render(&InboxPage {
        l,
        items,
        unread,
        mail_on,
    })
}

pub async fn mark_read(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
) -> Result<Response, PageError> {
    notices::mark_read(&state.store, user.actor()).await?;
    Ok(Redirect::to("/inbox").into_response())
}

#[derive(Deserialize)]
pub struct MailForm {
    #[serde(default)]
    mail: String,
}

pub async fn set_mail(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    Form(form): Form<MailForm>,
) -> Result<Response, PageError> {
    let on = match form.mail.as_str() {
        "on" => true,
        "off" => false,
        _ => {
            return Err(PageError(Failure::BadParameter {
                name: "mail",
                allowed: crate::error::Allowed::Codes("on, off".into()),
            }));
        }
    };
    notices::set_mail(&state.store, user.actor(), on).await?;
    Ok(Redirect::to("/inbox").into_response())
}

#[derive(Template)]
#[template(path = "unsubscribe.html")]
struct UnsubscribePage {
    l: Layout,
    token: String,
    /// Mail is off for this person now.
    done: bool,
}

/// Asks before turning mail off: mail scanners open links, and a GET must change nothing.
pub async fn confirm(
    State(state): State<Arc<AppState>>,
    ctx: PageCtx,
    csrf: Csrf,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let done = notices::already_unsubscribed(&state.store, &token).await?;
    let mut l = Layout::for_ctx(&ctx, ctx.tr.t("unsubscribe-title"), "/unsubscribe");
    l.csrf = csrf.0;
    render(&UnsubscribePage { l, token, done })
}

/// Turns mail off. Also the target of one-click unsubscribing (RFC 8058), which mail
/// programs send without a form token: the token in the address is the proof.
pub async fn unsubscribe(
    State(state): State<Arc<AppState>>,
    ctx: PageCtx,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    notices::unsubscribe(&state.store, &token).await?;
    let l = Layout::for_ctx(&ctx, ctx.tr.t("unsubscribe-title"), "/unsubscribe");
    render(&UnsubscribePage {
        l,
        token,
        done: true,
    })
}
