//! Users, sessions, API tokens, sign-in throttling and the audit log. Secrets never
//! reach this module in the clear: callers pass hashes of tokens and argon2 hashes of
//! passwords.

use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::Value as Json;

use crate::entity::{api_token, audit_event, login_throttle, session, user};
use crate::{Store, StoreError};

type R<T> = Result<T, StoreError>;

/// A new account, already validated and hashed.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: String,
    pub display_name: String,
    pub locale: String,
    pub password_hash: String,
    pub role: String,
    pub city_id: Option<i32>,
    pub organisation_id: Option<i32>,
}

/// An event for the audit log.
#[derive(Debug, Clone)]
pub struct AuditEntry<'a> {
    pub event: &'a str,
    pub user_id: Option<i32>,
    pub subject: Option<&'a str>,
    pub client: Option<&'a str>,
    pub detail: Option<Json>,
}

impl Store {
    /// Creates an account; `Ok(None)` when the email is taken.
    pub async fn create_user(&self, new: NewUser, now: i64) -> R<Option<user::Model>> {
        if self.user_by_email(&new.email).await?.is_some() {
            return Ok(None);
        }
        let row = user::ActiveModel {
            email: Set(new.email),
            display_name: Set(new.display_name),
            locale: Set(new.locale),
            password_hash: Set(new.password_hash),
            role: Set(new.role),
            city_id: Set(new.city_id),
            organisation_id: Set(new.organisation_id),
            disabled: Set(false),
            created_at: Set(now),
            ..Default::default()
        };
        Ok(Some(row.insert(self.connection()).await?))
    }

    pub async fn user_by_email(&self, email: &str) -> R<Option<user::Model>> {
        Ok(user::Entity::find()
            .filter(user::Column::Email.eq(email))
            .one(self.connection())
            .await?)
    }

    pub async fn user_by_id(&self, id: i32) -> R<Option<user::Model>> {
        Ok(user::Entity::find_by_id(id).one(self.connection()).await?)
    }

    pub async fn users_by_ids(&self, ids: impl IntoIterator<Item = i32>) -> R<Vec<user::Model>> {
        let ids: std::collections::BTreeSet<i32> = ids.into_iter().collect();
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        Ok(user::Entity::find()
            .filter(user::Column::Id.is_in(ids))
            .all(self.connection())
            .await?)
    }

    /// Accounts tied to a city, by email.
    pub async fn users_of_city(&self, city_id: i32) -> R<Vec<user::Model>> {
        Ok(user::Entity::find()
            .filter(user::Column::CityId.eq(city_id))
            .order_by_asc(user::Column::Email)
            .all(self.connection())
            .await?)
    }

    pub async fn set_user_role(
        &self,
        id: i32,
        role: &str,
        city_id: Option<i32>,
        organisation_id: Option<i32>,
    ) -> R<()> {
        user::Entity::update_many()
            .col_expr(user::Column::Role, Expr::value(role))
            .col_expr(user::Column::CityId, Expr::value(city_id))
            .col_expr(user::Column::OrganisationId, Expr::value(organisation_id))
            .filter(user::Column::Id.eq(id))
            .exec(self.connection())
            .await?;
        Ok(())
    }

    /// The account's language ("" for none: the browser's is used).
    pub async fn set_user_locale(&self, id: i32, locale: &str) -> R<()> {
        user::Entity::update_many()
            .col_expr(user::Column::Locale, Expr::value(locale))
            .filter(user::Column::Id.eq(id))
            .exec(self.connection())
            .await?;
        Ok(())
    }

    pub async fn set_password_hash(&self, id: i32, hash: &str) -> R<()> {
        user::Entity::update_many()
            .col_expr(user::Column::PasswordHash, Expr::value(hash))
            .filter(user::Column::Id.eq(id))
            .exec(self.connection())
            .await?;
        Ok(())
    }

    pub async fn create_session(
        &self,
        user_id: i32,
        token_hash: &str,
        csrf: &str,
        now: i64,
        ttl: i64,
    ) -> R<()> {
        session::ActiveModel {
            token_hash: Set(token_hash.to_owned()),
            user_id: Set(user_id),
            csrf_token: Set(csrf.to_owned()),
            created_at: Set(now),
            last_seen_at: Set(now),
            expires_at: Set(now + ttl),
            ..Default::default()
        }
        .insert(self.connection())
        .await?;
        Ok(())
    }

    /// The live session for a token hash with its (enabled) user.
    pub async fn session(
        &self,
        token_hash: &str,
        now: i64,
    ) -> R<Option<(session::Model, user::Model)>> {
        let Some(s) = session::Entity::find()
            .filter(session::Column::TokenHash.eq(token_hash))
            .filter(session::Column::ExpiresAt.gt(now))
            .one(self.connection())
            .await?
        else {
            return Ok(None);
        };
        let user = self.user_by_id(s.user_id).await?.filter(|u| !u.disabled);
        Ok(user.map(|u| (s, u)))
    }

    /// Slides the expiry forward; called at most once a minute per session.
    pub async fn touch_session(&self, id: i32, now: i64, ttl: i64) -> R<()> {
        session::Entity::update_many()
            .col_expr(session::Column::LastSeenAt, Expr::value(now))
            .col_expr(session::Column::ExpiresAt, Expr::value(now + ttl))
            .filter(session::Column::Id.eq(id))
            .exec(self.connection())
            .await?;
        Ok(())
    }

    pub async fn delete_session(&self, token_hash: &str) -> R<()> {
        session::Entity::delete_many()
            .filter(session::Column::TokenHash.eq(token_hash))
            .exec(self.connection())
            .await?;
        Ok(())
    }

    /// Ends every session of a user ("log out everywhere", password change).
    pub async fn delete_sessions_of(&self, user_id: i32) -> R<u64> {
        let r = session::Entity::delete_many()
            .filter(session::Column::UserId.eq(user_id))
            .exec(self.connection())
            .await?;
        Ok(r.rows_affected)
    }

    pub async fn create_api_token(
        &self,
        user_id: i32,
        name: &str,
        token_hash: &str,
        scope: &str,
        now: i64,
    ) -> R<api_token::Model> {
        Ok(api_token::ActiveModel {
            user_id: Set(user_id),
            name: Set(name.to_owned()),
            token_hash: Set(token_hash.to_owned()),
            scope: Set(scope.to_owned()),
            created_at: Set(now),
            last_used_at: Set(None),
            revoked_at: Set(None),
            ..Default::default()
        }
        .insert(self.connection())
        .await?)
    }

    /// A live (not revoked) token with its enabled user; records the use.
    pub async fn use_api_token(
        &self,
        token_hash: &str,
        now: i64,
    ) -> R<Option<(api_token::Model, user::Model)>> {
        let found = self.api_token_holder(token_hash).await?;
        if let Some((t, _)) = &found {
            self.touch_api_token(t.id, now).await?;
        }
        Ok(found)
    }

    /// A live token and its enabled holder, read only (for reads: nothing written).
    pub async fn api_token_holder(
        &self,
        token_hash: &str,
    ) -> R<Option<(api_token::Model, user::Model)>> {
        let Some(t) = api_token::Entity::find()
            .filter(api_token::Column::TokenHash.eq(token_hash))
            .filter(api_token::Column::RevokedAt.is_null())
            .one(self.connection())
            .await?
        else {
            return Ok(None);
        };
        let user = self.user_by_id(t.user_id).await?.filter(|u| !u.disabled);
        Ok(user.map(|u| (t, u)))
    }

    /// Records when a token was last used.
    pub async fn touch_api_token(&self, token_id: i32, now: i64) -> R<()> {
        api_token::Entity::update_many()
            .col_expr(api_token::Column::LastUsedAt, Expr::value(now))
            .filter(api_token::Column::Id.eq(token_id))
            .exec(self.connection())
            .await?;
        Ok(())
    }

    pub async fn api_tokens_of(&self, user_id: i32) -> R<Vec<api_token::Model>> {
        Ok(api_token::Entity::find()
            .filter(api_token::Column::UserId.eq(user_id))
            .order_by_desc(api_token::Column::CreatedAt)
            .all(self.connection())
            .await?)
    }

    /// Revokes one of the user's own tokens; false when there was none to revoke.
    pub async fn revoke_api_token(&self, user_id: i32, token_id: i32, now: i64) -> R<bool> {
        let r = api_token::Entity::update_many()
            .col_expr(api_token::Column::RevokedAt, Expr::value(now))
            .filter(api_token::Column::Id.eq(token_id))
            .filter(api_token::Column::UserId.eq(user_id))
            .filter(api_token::Column::RevokedAt.is_null())
            .exec(self.connection())
            .await?;
        Ok(r.rows_affected == 1)
    }

    /// The latest lock among the keys (0 when none is locked).
    pub async fn throttle_locked_until(&self, keys: &[String]) -> R<i64> {
        Ok(login_throttle::Entity::find()
            .filter(login_throttle::Column::Key.is_in(keys.iter().cloned()))
            .all(self.connection())
            .await?
            .into_iter()
            .map(|t| t.locked_until)
            .max()
            .unwrap_or(0))
    }

    /// Counts a failure for a key and returns (failures, new lock), the lock computed by
    /// the caller's back-off from the new count.
    pub async fn record_failure(
        &self,
        key: &str,
        now: i64,
        lock_for: impl Fn(i32) -> i64,
    ) -> R<(i32, i64)> {
        let current = login_throttle::Entity::find_by_id(key.to_owned())
            .one(self.connection())
            .await?;
        // Failures older than a day are forgotten.
        let failures = current
            .filter(|t| now - t.updated_at < 86_400)
            .map_or(0, |t| t.failures)
            + 1;
        let locked_until = now + lock_for(failures);
        login_throttle::Entity::insert(login_throttle::ActiveModel {
            key: Set(key.to_owned()),
            failures: Set(failures),
            locked_until: Set(locked_until),
            updated_at: Set(now),
        })
        .on_conflict(
            OnConflict::column(login_throttle::Column::Key)
                .update_columns([
                    login_throttle::Column::Failures,
                    login_throttle::Column::LockedUntil,
                    login_throttle::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec(self.connection())
        .await?;
        Ok((failures, locked_until))
    }

    pub async fn clear_throttle(&self, key: &str) -> R<()> {
        login_throttle::Entity::delete_by_id(key.to_owned())
            .exec(self.connection())
            .await?;
        Ok(())
    }

    pub async fn audit(&self, entry: AuditEntry<'_>, now: i64) -> R<()> {
        Self::audit_in(self.connection(), entry, now).await
    }

    /// Writes an audit event on `db` (the transaction of what it records).
    pub(crate) async fn audit_in<C: sea_orm::ConnectionTrait>(
        db: &C,
        entry: AuditEntry<'_>,
        now: i64,
    ) -> R<()> {
        audit_event::ActiveModel {
            at: Set(now),
            event: Set(entry.event.to_owned()),
            user_id: Set(entry.user_id),
            subject: Set(entry.subject.map(str::to_owned)),
            client: Set(entry.client.map(str::to_owned)),
            detail: Set(entry.detail),
            ..Default::default()
        }
        .insert(db)
        .await?;
        Ok(())
    }

    pub async fn audit_events(&self, limit: u64) -> R<Vec<audit_event::Model>> {
        Ok(audit_event::Entity::find()
            .order_by_desc(audit_event::Column::Id)
            .limit(limit)
            .all(self.connection())
            .await?)
    }
}
