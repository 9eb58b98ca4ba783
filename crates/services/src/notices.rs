//! Notifications: each person's inbox, and the mail that goes with it when the server
//! sends mail. What a notification says is typed here ([`What`]); the words are the
//! web's Fluent messages, so the inbox and the mail speak the reader's language.

use forja_core::policy::{Action, Actor, allowed};
use forja_core::{Locale, LocalizedText};
use forja_store::entity::notification;
use forja_store::notify::Notice;
use serde::{Deserialize, Serialize};

use crate::auth::actor_of;
use crate::{Result, ServiceError, Store};

/// How many notifications the inbox shows.
pub const INBOX_SIZE: u64 = 100;
/// Mails of notifications older than this are not sent (a server that starts sending
/// mail does not send old news).
pub const MAIL_WITHIN_SECONDS: i64 = 2 * 24 * 3600;

/// What happened, with the words the message needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum What {
    /// Another city answered a partner request of the reader's city.
    RequestReply {
        request: LocalizedText,
        city: LocalizedText,
    },
    /// Someone answered the reader's post, or posted in a discussion they opened.
    DiscussionReply { discussion: String, author: String },
}

impl What {
    /// The Fluent message id of the notification (`notice-<kind>`).
    pub fn kind(&self) -> &'static str {
        match self {
            What::RequestReply { .. } => "request-reply",
            What::DiscussionReply { .. } => "discussion-reply",
        }
    }

    pub fn notice(&self, link: String) -> Notice {
        Notice {
            kind: self.kind().into(),
            document: serde_json::to_value(self).unwrap_or_default(),
            link,
        }
    }
}

/// One notification as the inbox and the mail show it.
#[derive(Debug, Clone, PartialEq)]
pub struct NoticeView {
    pub what: What,
    /// A path on this site (`/requests/…`).
    pub link: String,
    /// Unix seconds.
    pub at: i64,
    pub unread: bool,
}

fn view(n: &notification::Model) -> Option<NoticeView> {
    Some(NoticeView {
        what: serde_json::from_value(n.document.clone()).ok()?,
        link: n.link.clone(),
        at: n.created_at,
        unread: n.read_at.is_none(),
    })
}

fn user_id(actor: &Actor) -> Result<i32> {
    i32::try_from(actor.user.0).map_err(|_| ServiceError::Forbidden)
}

/// The people of a city who may do `action` there (its editors and coordinators for
/// most), leaving out `except` (whoever caused the news) and disabled accounts.
pub async fn people_who_may(
    store: &Store,
    city_id: i32,
    action: &Action,
    except: &Actor,
) -> Result<Vec<i32>> {
    Ok(store
        .users_of_city(city_id)
        .await?
        .into_iter()
        .filter(|u| !u.disabled && i64::from(u.id) != except.user.0)
        .filter(|u| allowed(&actor_of(u, false), action))
        .map(|u| u.id)
        .collect())
}

/// A person's inbox, newest first, and how many are unread.
pub async fn inbox(store: &Store, actor: &Actor) -> Result<(Vec<NoticeView>, u64)> {
    let me = user_id(actor)?;
    let items = store.inbox(me, INBOX_SIZE).await?;
    let unread = store.unread_count(me).await?;
    Ok((items.iter().filter_map(view).collect(), unread))
}

pub async fn mark_read(store: &Store, actor: &Actor) -> Result<u64> {
    Ok(store.mark_read(user_id(actor)?, crate::auth::now()).await?)
}

/// Whether a person gets mail.
pub async fn mail_on(store: &Store, actor: &Actor) -> Result<bool> {
    let fresh = crate::auth::random_token()?;
    let s = store.mail_setting(user_id(actor)?, &fresh).await?;
    Ok(s.unsubscribed_at.is_none())
}

pub async fn set_mail(store: &Store, actor: &Actor, on: bool) -> Result<()> {
    let fresh = crate::auth::random_token()?;
    store
        .set_mail(user_id(actor)?, on, &fresh, crate::auth::now())
        .await?;
    Ok(())
}

/// Turns mail off for the person whose unsubscribe token this is; `NotFound` when
/// no one's is. Saying it twice is no error.
pub async fn unsubscribe(store: &Store, token: &str) -> Result<()> {
    let s = known_token(store, token).await?;
    store
        .set_mail(s.user_id, false, token, crate::auth::now())
        .await?;
    Ok(())
}

/// Whether the person of an unsubscribe token said no to mail already, without using
/// the token (the page that asks to confirm); `NotFound` for a token nobody has.
pub async fn already_unsubscribed(store: &Store, token: &str) -> Result<bool> {
    known_token(store, token)
        .await
        .map(|s| s.unsubscribed_at.is_some())
}

async fn known_token(
    store: &Store,
    token: &str,
) -> Result<forja_store::entity::mail_setting::Model> {
    // Tokens are 64 hex characters; anything else is not looked up.
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ServiceError::NotFound);
    }
    store
        .mail_setting_by_token(token)
        .await?
        .ok_or(ServiceError::NotFound)
}

/// A mail to send: to whom, in which language, what it says, and the secret of its
/// unsubscribe link.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub row: notification::Model,
    pub to_email: String,
    pub to_name: String,
    pub locale: Option<Locale>,
    pub notice: NoticeView,
    pub unsubscribe_token: String,
}

/// Takes the next mail that is due, if any. A mail whose person is gone, disabled or
/// said no meanwhile is settled here and the next one looked at.
pub async fn next_mail(store: &Store) -> Result<Option<Outgoing>> {
    loop {
        let now = crate::auth::now();
        let Some(row) = store.claim_mail(now, now - MAIL_WITHIN_SECONDS).await? else {
            return Ok(None);
        };
        let user = store.user_by_id(row.user_id).await?;
        let fresh = crate::auth::random_token()?;
        let setting = store.mail_setting(row.user_id, &fresh).await?;
        match (user, view(&row)) {
            (Some(u), Some(notice)) if !u.disabled && setting.unsubscribed_at.is_none() => {
                return Ok(Some(Outgoing {
                    to_email: u.email.clone(),
                    to_name: u.display_name.clone(),
                    locale: u.locale.parse().ok(),
                    notice,
                    unsubscribe_token: setting.token,
                    row,
                }));
            }
            _ => store.mail_off(row.id).await?,
        }
    }
}

/// Records whether a mail taken by [`next_mail`] went out.
pub async fn mail_done(store: &Store, mail: &Outgoing, sent: bool) -> Result<()> {
    Ok(store.mail_done(&mail.row, sent, crate::auth::now()).await?)
}
