//! Accounts and sign-in. Passwords are hashed with argon2id off the async runtime;
//! sessions and API tokens are random 256-bit secrets of which only a SHA-256 is stored.
//! Failed sign-ins are throttled per account and per client with a growing back-off, and
//! the answer never tells whether an email has an account.

use std::time::{SystemTime, UNIX_EPOCH};

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use forja_core::Locale;
use forja_core::ids::{CityId, OrganisationId, UserId};
use forja_core::policy::{Actor, Role};
use forja_store::accounts::{AuditEntry, NewUser};
use forja_store::entity::user;
use sha2::{Digest, Sha256};

use crate::{Result, ServiceError, Store};

/// argon2id cost: 64 MiB, 3 passes, 1 lane. Chosen so one check takes 100–300 ms on the
/// project's 2-core machines (measured in docs/BENCHMARKS.md): slow for an attacker with
/// a stolen table, quick enough for a person signing in.
const ARGON2_MEMORY_KIB: u32 = 64 * 1024;
const ARGON2_PASSES: u32 = 3;
const ARGON2_LANES: u32 = 1;

/// Sessions last 14 days after the last visit.
pub const SESSION_TTL: i64 = 14 * 24 * 3600;
/// Passwords: at least 12 characters (length beats rules), at most 1,024 bytes (argon2
/// accepts more, but nobody types that; it bounds the work per attempt).
pub const MIN_PASSWORD_CHARS: usize = 12;
pub const MAX_PASSWORD_BYTES: usize = 1024;
/// Free failures before locking starts.
const FREE_FAILURES: i32 = 5;
/// Longest lock after repeated failures.
const MAX_LOCK_SECONDS: i64 = 15 * 60;

pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

fn argon2() -> Argon2<'static> {
    let params =
        Params::new(ARGON2_MEMORY_KIB, ARGON2_PASSES, ARGON2_LANES, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A random secret as 64 hex characters.
pub fn random_token() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| ServiceError::Internal(format!("no randomness: {e}")))?;
    Ok(hex::encode(bytes))
}

/// What is stored for a token: its SHA-256.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Hashes a password on a blocking thread (argon2 is deliberately slow).
pub async fn hash_password(password: String) -> Result<String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt)
        .map_err(|e| ServiceError::Internal(format!("no randomness: {e}")))?;
    tokio::task::spawn_blocking(move || {
        let salt =
            SaltString::encode_b64(&salt).map_err(|e| ServiceError::Internal(e.to_string()))?;
        argon2()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| ServiceError::Internal(e.to_string()))
    })
    .await
    .map_err(|e| ServiceError::Internal(e.to_string()))?
}

/// Checks a password on a blocking thread; any malformed hash is a mismatch.
pub async fn verify_password(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash).is_ok_and(|parsed| {
            argon2()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
    })
    .await
    .unwrap_or(false)
}

/// A hash of a random password, verified against when an email has no account, so the
/// answer takes as long as for a real one.
async fn dummy_hash() -> &'static str {
    static DUMMY: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    DUMMY
        .get_or_init(|| async {
            hash_password(random_token().unwrap_or_default())
                .await
                .unwrap_or_default()
        })
        .await
}

/// Why a password is refused (message ids for the interface).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordProblem {
    TooShort,
    TooLong,
}

pub fn check_password(password: &str) -> std::result::Result<(), PasswordProblem> {
    if password.len() > MAX_PASSWORD_BYTES {
        Err(PasswordProblem::TooLong)
    } else if password.chars().count() < MIN_PASSWORD_CHARS {
        Err(PasswordProblem::TooShort)
    } else {
        Ok(())
    }
}

/// Normalises an email for lookup: trimmed and lower-cased; `None` when it cannot be one.
pub fn normalize_email(raw: &str) -> Option<String> {
    let email = raw.trim().to_lowercase();
    let (local, domain) = email.split_once('@')?;
    let ok = !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && email.len() <= 254
        && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    ok.then_some(email)
}

/// A signed-in user as the web layer needs it.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub actor: Actor,
    pub email: String,
    pub display_name: String,
    pub locale: Option<Locale>,
    pub session_id: i32,
    pub csrf_token: String,
}

pub fn actor_of(u: &user::Model, read_only: bool) -> Actor {
    Actor {
        user: UserId(i64::from(u.id)),
        role: u.role.parse().unwrap_or(Role::Reader),
        city: u.city_id.map(|c| CityId(i64::from(c))),
        organisation: u.organisation_id.map(|o| OrganisationId(i64::from(o))),
        read_only,
    }
}

/// The outcome of a sign-in attempt.
#[derive(Debug)]
pub enum Login {
    /// Signed in: the cookie token (shown once) and the session's CSRF token.
    Ok { token: String, user_id: i32 },
    /// Wrong email or password; deliberately the same for both.
    Refused,
    /// Too many failures: try again after this many seconds.
    Throttled { retry_after: i64 },
}

fn lock_for(failures: i32) -> i64 {
    if failures <= FREE_FAILURES {
        0
    } else {
        // 2 s, 4 s, 8 s, ... up to 15 minutes.
        (1i64 << (failures - FREE_FAILURES).min(20)).min(MAX_LOCK_SECONDS)
    }
}

/// Signs in with email and password from a client address.
pub async fn login(store: &Store, email: &str, password: &str, client: &str) -> Result<Login> {
    let now = now();
    let email = normalize_email(email).unwrap_or_default();
    let keys = [format!("email:{email}"), format!("client:{client}")];
    let locked_until = store.throttle_locked_until(&keys).await?;
    if locked_until > now {
        store
            .audit(
                AuditEntry {
                    event: "login-throttled",
                    user_id: None,
                    subject: Some(&email),
                    client: Some(client),
                    detail: None,
                },
                now,
            )
            .await?;
        return Ok(Login::Throttled {
            retry_after: locked_until - now,
        });
    }
    let user = if email.is_empty() {
        None
    } else {
        store.user_by_email(&email).await?
    };
    let password = password
        .chars()
        .take(MAX_PASSWORD_BYTES)
        .collect::<String>();
    let valid = match &user {
        Some(u) if !u.disabled => verify_password(password, u.password_hash.clone()).await,
        _ => {
            let _ = verify_password(password, dummy_hash().await.to_owned()).await;
            false
        }
    };
    match (valid, user) {
        (true, Some(u)) => {
            for key in &keys {
                store.clear_throttle(key).await?;
            }
            let token = random_token()?;
            store
                .create_session(
                    u.id,
                    &token_hash(&token),
                    &random_token()?,
                    now,
                    SESSION_TTL,
                )
                .await?;
            store
                .audit(
                    AuditEntry {
                        event: "login",
                        user_id: Some(u.id),
                        subject: Some(&email),
                        client: Some(client),
                        detail: None,
                    },
                    now,
                )
                .await?;
            Ok(Login::Ok {
                token,
                user_id: u.id,
            })
        }
        (_, user) => {
            let mut retry_after = 0;
            for key in &keys {
                let (_, until) = store.record_failure(key, now, lock_for).await?;
                retry_after = retry_after.max(until - now);
            }
            store
                .audit(
                    AuditEntry {
                        event: "login-failed",
                        user_id: user.map(|u| u.id),
                        subject: Some(&email),
                        client: Some(client),
                        detail: None,
                    },
                    now,
                )
                .await?;
            if retry_after > 0 {
                Ok(Login::Throttled { retry_after })
            } else {
                Ok(Login::Refused)
            }
        }
    }
}

/// The user behind a session cookie, sliding its expiry at most once a minute.
pub async fn session(store: &Store, token: &str) -> Result<Option<SignedIn>> {
    let now = now();
    let Some((s, u)) = store.session(&token_hash(token), now).await? else {
        return Ok(None);
    };
    if now - s.last_seen_at > 60 {
        store.touch_session(s.id, now, SESSION_TTL).await?;
    }
    Ok(Some(SignedIn {
        actor: actor_of(&u, false),
        email: u.email.clone(),
        display_name: u.display_name.clone(),
        locale: u.locale.parse().ok(),
        session_id: s.id,
        csrf_token: s.csrf_token,
    }))
}

pub async fn logout(store: &Store, token: &str, user_id: i32) -> Result<()> {
    store.delete_session(&token_hash(token)).await?;
    store
        .audit(
            AuditEntry {
                event: "logout",
                user_id: Some(user_id),
                subject: None,
                client: None,
                detail: None,
            },
            now(),
        )
        .await?;
    Ok(())
}

pub async fn logout_everywhere(store: &Store, user_id: i32) -> Result<u64> {
    let n = store.delete_sessions_of(user_id).await?;
    store
        .audit(
            AuditEntry {
                event: "logout-everywhere",
                user_id: Some(user_id),
                subject: None,
                client: None,
                detail: None,
            },
            now(),
        )
        .await?;
    Ok(n)
}

/// Outcome of a password change.
#[derive(Debug, PartialEq, Eq)]
pub enum PasswordChange {
    Changed,
    WrongCurrent,
    Invalid(PasswordProblem),
}

/// Changes a password after checking the current one; ends every other session.
pub async fn change_password(
    store: &Store,
    user_id: i32,
    current: &str,
    new: &str,
) -> Result<PasswordChange> {
    let Some(u) = store.user_by_id(user_id).await? else {
        return Err(ServiceError::NotFound);
    };
    if !verify_password(current.to_owned(), u.password_hash.clone()).await {
        return Ok(PasswordChange::WrongCurrent);
    }
    if let Err(problem) = check_password(new) {
        return Ok(PasswordChange::Invalid(problem));
    }
    let hash = hash_password(new.to_owned()).await?;
    store.set_password_hash(u.id, &hash).await?;
    store.delete_sessions_of(u.id).await?;
    store
        .audit(
            AuditEntry {
                event: "password-changed",
                user_id: Some(u.id),
                subject: None,
                client: None,
                detail: None,
            },
            now(),
        )
        .await?;
    Ok(PasswordChange::Changed)
}

/// Creates an account (CLI and administration).
pub async fn add_user(
    store: &Store,
    email: &str,
    display_name: &str,
    password: &str,
    role: Role,
    city_id: Option<i32>,
    organisation_id: Option<i32>,
) -> Result<std::result::Result<user::Model, &'static str>> {
    let Some(email) = normalize_email(email) else {
        return Ok(Err("not a valid email address"));
    };
    if role.needs_city() && city_id.is_none() {
        return Ok(Err("this role needs a city (--city SLUG)"));
    }
    if role == Role::PartnerEditor && organisation_id.is_none() {
        return Ok(Err(
            "a partner editor needs an organisation (--organisation ID)",
        ));
    }
    if let Err(p) = check_password(password) {
        return Ok(Err(match p {
            PasswordProblem::TooShort => "the password needs at least 12 characters",
            PasswordProblem::TooLong => "the password is too long",
        }));
    }
    let hash = hash_password(password.to_owned()).await?;
    let name = if display_name.trim().is_empty() {
        email.split('@').next().unwrap_or("").to_owned()
    } else {
        display_name.trim().to_owned()
    };
    let new = NewUser {
        email: email.clone(),
        display_name: name,
        // No language until the person chooses one: the browser's is used meanwhile.
        locale: String::new(),
        password_hash: hash,
        role: role.code().into(),
        city_id,
        organisation_id,
    };
    match store.create_user(new, now()).await? {
        Some(u) => {
            store
                .audit(
                    AuditEntry {
                        event: "user-created",
                        user_id: Some(u.id),
                        subject: Some(&email),
                        client: None,
                        detail: Some(serde_json::json!({"role": role.code()})),
                    },
                    now(),
                )
                .await?;
            Ok(Ok(u))
        }
        None => Ok(Err("an account with this email exists already")),
    }
}

/// Creates a personal API token; returns the secret, shown once and never stored.
pub async fn create_api_token(
    store: &Store,
    user_id: i32,
    name: &str,
    scope: &str,
) -> Result<String> {
    let token = format!("forja_{}", random_token()?);
    store
        .create_api_token(user_id, name, &token_hash(&token), scope, now())
        .await?;
    store
        .audit(
            AuditEntry {
                event: "token-created",
                user_id: Some(user_id),
                subject: Some(name),
                client: None,
                detail: Some(serde_json::json!({"scope": scope})),
            },
            now(),
        )
        .await?;
    Ok(token)
}

pub async fn revoke_api_token(store: &Store, user_id: i32, token_id: i32) -> Result<bool> {
    let revoked = store.revoke_api_token(user_id, token_id, now()).await?;
    if revoked {
        store
            .audit(
                AuditEntry {
                    event: "token-revoked",
                    user_id: Some(user_id),
                    subject: None,
                    client: None,
                    detail: Some(serde_json::json!({"token": token_id})),
                },
                now(),
            )
            .await?;
    }
    Ok(revoked)
}

/// The actor behind an API token (read-only unless the token's scope is `write`); each
/// use is recorded in the audit log.
pub async fn api_actor(store: &Store, token: &str, client: &str) -> Result<Option<Actor>> {
    let now = now();
    let Some((t, u)) = store.use_api_token(&token_hash(token), now).await? else {
        return Ok(None);
    };
    store
        .audit(
            AuditEntry {
                event: "token-used",
                user_id: Some(u.id),
                subject: Some(&t.name),
                client: Some(client),
                detail: None,
            },
            now,
        )
        .await?;
    Ok(Some(actor_of(&u, t.scope != "write")))
}

/// Who a token belongs to, for a read: read from the database (a revoked token or a
/// disabled account is refused), but nothing is written for it — no audit line per
/// read, and the token's last use is recorded at most once a minute. The web layer
/// asks this at most once a second per token and process.
pub async fn api_reader(store: &Store, token: &str) -> Result<Option<Actor>> {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static TOUCHED: OnceLock<Mutex<HashMap<i32, i64>>> = OnceLock::new();
    let Some((t, u)) = store.api_token_holder(&token_hash(token)).await? else {
        return Ok(None);
    };
    let now = now();
    let due = {
        let mut touched = TOUCHED
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if touched.len() > 10_000 {
            touched.clear();
        }
        let last = touched.entry(t.id).or_insert(i64::MIN);
        let due = now.saturating_sub(*last) >= 60;
        if due {
            *last = now;
        }
        due
    };
    if due {
        store.touch_api_token(t.id, now).await?;
    }
    Ok(Some(actor_of(&u, t.scope != "write")))
}

/// Changes a user's role (and city/organisation), recorded in the audit log.
pub async fn set_role(
    store: &Store,
    email: &str,
    role: Role,
    city_id: Option<i32>,
    organisation_id: Option<i32>,
    by: Option<i32>,
) -> Result<std::result::Result<(), &'static str>> {
    let Some(email) = normalize_email(email) else {
        return Ok(Err("not a valid email address"));
    };
    let Some(u) = store.user_by_email(&email).await? else {
        return Ok(Err("no account has this email"));
    };
    if role.needs_city() && city_id.is_none() {
        return Ok(Err("this role needs a city (--city SLUG)"));
    }
    if role == Role::PartnerEditor && organisation_id.is_none() {
        return Ok(Err(
            "a partner editor needs an organisation (--organisation ID)",
        ));
    }
    // A city's reader stays that city's person; only network admins belong to no city,
    // and only partner editors to an organisation.
    let city_id = if role == Role::NetworkAdmin {
        None
    } else {
        city_id
    };
    let organisation_id = if role == Role::PartnerEditor {
        organisation_id
    } else {
        None
    };
    store
        .set_user_role(u.id, role.code(), city_id, organisation_id)
        .await?;
    store
        .audit(
            AuditEntry {
                event: "role-changed",
                user_id: by,
                subject: Some(&email),
                client: None,
                detail: Some(serde_json::json!({"from": u.role, "to": role.code()})),
            },
            now(),
        )
        .await?;
    Ok(Ok(()))
}

/// Sets a new password and ends the user's sessions.
pub async fn reset_password(
    store: &Store,
    email: &str,
    password: &str,
) -> Result<std::result::Result<(), &'static str>> {
    let Some(email) = normalize_email(email) else {
        return Ok(Err("not a valid email address"));
    };
    let Some(u) = store.user_by_email(&email).await? else {
        return Ok(Err("no account has this email"));
    };
    if check_password(password).is_err() {
        return Ok(Err("the password needs 12 to 1,024 characters"));
    }
    store
        .set_password_hash(u.id, &hash_password(password.to_owned()).await?)
        .await?;
    store.delete_sessions_of(u.id).await?;
    store
        .audit(
            AuditEntry {
                event: "password-reset",
                user_id: Some(u.id),
                subject: Some(&email),
                client: None,
                detail: None,
            },
            now(),
        )
        .await?;
    Ok(Ok(()))
}

/// A generated password: 24 hex characters (96 random bits), shown once.
pub fn generate_password() -> Result<String> {
    Ok(random_token()?[..24].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_off_grows_and_is_capped() {
        assert_eq!((1..=5).map(lock_for).collect::<Vec<_>>(), [0, 0, 0, 0, 0]);
        assert_eq!(lock_for(6), 2);
        assert_eq!(lock_for(8), 8);
        assert_eq!(lock_for(40), MAX_LOCK_SECONDS);
    }

    #[test]
    fn emails_are_normalised_or_refused() {
        assert_eq!(
            normalize_email("  Ana@Resita.RO "),
            Some("ana@resita.ro".into())
        );
        assert_eq!(normalize_email("ana"), None);
        assert_eq!(normalize_email("ana@localhost"), None);
        assert_eq!(normalize_email("a b@x.ro"), None);
    }

    #[test]
    fn password_rules() {
        assert_eq!(check_password("short"), Err(PasswordProblem::TooShort));
        assert_eq!(
            check_password(&"x".repeat(2000)),
            Err(PasswordProblem::TooLong)
        );
        assert!(check_password("correct horse battery").is_ok());
    }

    #[tokio::test]
    async fn hashes_verify_and_differ_per_salt() {
        let a = hash_password("correct horse battery".into()).await.unwrap();
        let b = hash_password("correct horse battery".into()).await.unwrap();
        assert!(a.starts_with("$argon2id$v=19$m=65536,t=3,p=1$"), "{a}");
        assert_ne!(a, b);
        assert!(verify_password("correct horse battery".into(), a.clone()).await);
        assert!(!verify_password("wrong horse battery".into(), a).await);
        assert!(!verify_password("x".into(), "not a hash".into()).await);
    }
}
