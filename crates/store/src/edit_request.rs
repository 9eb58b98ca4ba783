//! Partner requests as a versioned kind (see [`crate::versioned`]), and their replies.
//! A reply takes a place under the cap by compare-and-set on `reply_count`, in the same
//! transaction as the reply itself.

use forja_core::edit::RequestFields;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use serde_json::Value as Json;

use crate::entity::{partner_reply, partner_request};
use crate::notify::Notice;
use crate::versioned::{Current, Versioned};
use crate::{Store, StoreError};

type R<T> = Result<T, StoreError>;

pub const REQUEST: &str = "partner_request";

/// The versioned kind for partner requests.
pub struct PartnerRequest;

pub fn request_document(r: &partner_request::Model) -> Option<RequestFields> {
    serde_json::from_value(r.document.clone()).ok()
}

impl Versioned for PartnerRequest {
    const ENTITY: &'static str = REQUEST;
    const TABLE: &'static str = "partner_requests";
    const DELETABLE: bool = true;
    type Fields = RequestFields;

    /// A demo request stays marked: a person's edit does not make it real.
    fn carry(fields: &mut RequestFields, before: &RequestFields) {
        fields.sample = before.sample;
    }

    async fn read(store: &Store, id: i32) -> R<Option<Current<RequestFields>>> {
        let Some(r) = partner_request::Entity::find_by_id(id)
            .one(store.connection())
            .await?
        else {
            return Ok(None);
        };
        Ok(request_document(&r).map(|fields| Current {
            fields,
            version: r.version,
            city_id: r.city_id,
            deleted: r.deleted_at.is_some(),
        }))
    }

    async fn write(tx: &DatabaseTransaction, id: i32, _: i32, f: &RequestFields) -> R<()> {
        partner_request::Entity::update_many()
            .col_expr(
                partner_request::Column::Document,
                Expr::value(serde_json::to_value(f).unwrap_or(Json::Null)),
            )
            .filter(partner_request::Column::Id.eq(id))
            .exec(tx)
            .await?;
        Ok(())
    }
}

/// A reply to write, and whom to tell of it.
#[derive(Debug, Clone, Copy)]
pub struct NewReply<'a> {
    pub request_id: i32,
    pub city_id: i32,
    pub user_id: Option<i32>,
    pub message: &'a str,
    pub cap: i32,
    pub tell: &'a [i32],
    pub notice: &'a Notice,
}

/// What became of a reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replied {
    /// A new reply, within the cap.
    Added,
    /// The city's earlier reply, now with the new words.
    Updated,
    /// Every place is taken (or the request was closed meanwhile).
    Full,
}

impl Store {
    /// A request by its slug (deleted ones too when `deleted`).
    pub async fn request_row(
        &self,
        slug: &str,
        deleted: bool,
    ) -> R<Option<partner_request::Model>> {
        let mut q = partner_request::Entity::find().filter(partner_request::Column::Slug.eq(slug));
        if !deleted {
            q = q.filter(partner_request::Column::DeletedAt.is_null());
        }
        Ok(q.one(self.connection()).await?)
    }

    /// Every live request, newest first.
    pub async fn requests(&self) -> R<Vec<partner_request::Model>> {
        Ok(partner_request::Entity::find()
            .filter(partner_request::Column::DeletedAt.is_null())
            .order_by_desc(partner_request::Column::Id)
            .all(self.connection())
            .await?)
    }

    /// Creates a request as version 1; `None` when the slug is taken.
    pub async fn create_request(
        &self,
        city_id: i32,
        slug: &str,
        fields: &RequestFields,
        user_id: Option<i32>,
        now: i64,
    ) -> R<Option<i32>> {
        if self.request_row(slug, true).await?.is_some() {
            return Ok(None);
        }
        let tx = self.connection().begin().await?;
        let row = partner_request::ActiveModel {
            city_id: Set(city_id),
            slug: Set(slug.to_owned()),
            document: Set(serde_json::to_value(fields).unwrap_or(Json::Null)),
            version: Set(1),
            deleted_at: Set(None),
            closed_at: Set(None),
            reply_count: Set(0),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&tx)
        .await;
        let row = match row {
            Ok(row) => row,
            Err(_) if self.request_row(slug, true).await?.is_some() => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        self.finish_create::<PartnerRequest>(tx, row.id, city_id, fields, user_id, now)
            .await?;
        Ok(Some(row.id))
    }

    /// Closes a request to replies (its city found partners enough); false when it
    /// was closed already.
    pub async fn close_request(&self, id: i32, now: i64) -> R<bool> {
        let tx = self.connection().begin().await?;
        let done = partner_request::Entity::update_many()
            .col_expr(partner_request::Column::ClosedAt, Expr::value(now))
            .filter(partner_request::Column::Id.eq(id))
            .filter(partner_request::Column::ClosedAt.is_null())
            .exec(&tx)
            .await?;
        Store::bump_generation(&tx).await?;
        tx.commit().await?;
        Ok(done.rows_affected == 1)
    }

    /// Adds a city's reply within `cap`, or updates the one it sent before; a new reply
    /// tells `tell` (the requesting city's people) with `notice`. The caller checked the
    /// deadline; the cap and a close made meanwhile are checked here, in one
    /// transaction with the reply and its notifications. Each transaction starts with a
    /// write, so on SQLite a concurrent reply waits for the lock instead of failing.
    pub async fn add_reply(&self, reply: &NewReply<'_>, now: i64) -> R<Replied> {
        // A second try covers two first replies of one city at the same moment on
        // PostgreSQL: the later insert meets the unique index, and then updates.
        match self.try_reply(reply, now).await {
            Ok(done) => Ok(done),
            Err(_) => self.try_reply(reply, now).await,
        }
    }

    async fn try_reply(&self, reply: &NewReply<'_>, now: i64) -> R<Replied> {
        let NewReply {
            request_id,
            city_id,
            user_id,
            message,
            cap,
            tell,
            notice,
        } = *reply;
        let tx = self.connection().begin().await?;
        let updated = partner_reply::Entity::update_many()
            .col_expr(partner_reply::Column::Message, Expr::value(message))
            .col_expr(partner_reply::Column::UserId, Expr::value(user_id))
            .filter(partner_reply::Column::RequestId.eq(request_id))
            .filter(partner_reply::Column::CityId.eq(city_id))
            .exec(&tx)
            .await?;
        let outcome = if updated.rows_affected == 1 {
            Replied::Updated
        } else {
            // Takes a place: concurrent replies queue on the row, and the second sees
            // the count the first left.
            let taken = partner_request::Entity::update_many()
                .col_expr(
                    partner_request::Column::ReplyCount,
                    Expr::col(partner_request::Column::ReplyCount).add(1),
                )
                .filter(partner_request::Column::Id.eq(request_id))
                .filter(partner_request::Column::ReplyCount.lt(cap))
                .filter(partner_request::Column::ClosedAt.is_null())
                .exec(&tx)
                .await?;
            if taken.rows_affected != 1 {
                return Ok(Replied::Full);
            }
            partner_reply::ActiveModel {
                request_id: Set(request_id),
                city_id: Set(city_id),
                user_id: Set(user_id),
                message: Set(message.to_owned()),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(&tx)
            .await?;
            Replied::Added
        };
        // A new reply is news; the same city changing its words is not mailed again.
        if outcome == Replied::Added {
            Store::notify_in(&tx, tell, notice, now).await?;
        }
        Store::bump_generation(&tx).await?;
        tx.commit().await?;
        Ok(outcome)
    }

    /// The replies to a request, oldest first.
    pub async fn replies(&self, request_id: i32) -> R<Vec<partner_reply::Model>> {
        Ok(partner_reply::Entity::find()
            .filter(partner_reply::Column::RequestId.eq(request_id))
            .order_by_asc(partner_reply::Column::Id)
            .all(self.connection())
            .await?)
    }
}
