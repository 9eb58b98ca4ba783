//! Versions on the wire: every editable representation carries its `version` and a
//! strong ETag made from it, and every write says which version it changes — with
//! `If-Match` (strict: 412 when the version moved on) or a `version` in the body or
//! query (merged with what others saved since, 409 only for fields both changed).
//! A write with neither gets 428.
//!
//! The ETag is `"{version}-{digest}"`: the version a client sends back, and a digest of
//! the JSON bytes, because a representation also shows what its children roll up and
//! so changes without its own version moving.

use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::{ApiError, Failure};

/// A JSON representation of something editable, with its strong ETag.
pub fn versioned<T: Serialize>(value: &T, version: i32) -> Response {
    let Ok(body) = serde_json::to_vec(value) else {
        return ApiError(Failure::Internal).into_response();
    };
    let digest = Sha256::digest(&body);
    let tag = format!("\"{version}-{}\"", hex::encode(&digest[..8]));
    let mut response = (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response();
    if let Ok(tag) = HeaderValue::from_str(&tag) {
        response.headers_mut().insert(header::ETAG, tag);
    }
    response
}

/// What a write says it changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Based {
    /// `If-Match` with these versions: one must still be the stored one.
    Match(Vec<i32>),
    /// `If-Match: *`: whatever is stored.
    Any,
    /// A `version` in the body or query: merged with saves made since.
    Version(i32),
}

/// Reads `If-Match` (preferred) or the `version` sent; neither is 428.
pub fn based_on(headers: &HeaderMap, version: Option<i32>) -> Result<Based, ApiError> {
    let tags: Vec<&str> = headers
        .get_all(header::IF_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect();
    if tags.is_empty() {
        return version
            .map(Based::Version)
            .ok_or(ApiError(Failure::PreconditionRequired));
    }
    if tags.contains(&"*") {
        return Ok(Based::Any);
    }
    // Strong comparison: a weak tag never matches, nor one that names no version of
    // ours (then nothing matches and the write gets 412).
    let named = tags
        .iter()
        .filter(|t| !t.starts_with("W/"))
        .filter_map(|t| t.strip_prefix('"')?.split('-').next()?.parse::<i32>().ok())
        .collect();
    Ok(Based::Match(named))
}

impl Based {
    /// The version to save over, given the one stored now: `If-Match` must name it.
    /// (Checked when the request is read; a save that slips in before the write is
    /// merged as for a `version`.)
    pub fn against(self, current: i32) -> Result<i32, ApiError> {
        match self {
            Based::Match(named) if !named.contains(&current) => {
                Err(ApiError(Failure::PreconditionFailed {
                    current_version: current,
                }))
            }
            Based::Version(v) => Ok(v),
            Based::Match(_) | Based::Any => Ok(current),
        }
    }

    /// For writes that do not read first (delete, restore): the version to compare and
    /// set (`None` for `*`: whatever is stored), and whether a mismatch is a failed
    /// precondition (412) rather than a conflict (409).
    pub fn expected(self) -> (Option<i32>, bool) {
        match self {
            // Several tags: the compare-and-set takes one; the newest named.
            Based::Match(named) => (Some(named.into_iter().max().unwrap_or(-1)), true),
            Based::Version(v) => (Some(v), false),
            Based::Any => (None, true),
        }
    }
}

/// Maps a stale version to 412 when the client sent `If-Match`.
pub fn strict(error: ApiError, if_match: bool) -> ApiError {
    match error.0 {
        Failure::Conflict {
            current_version, ..
        } if if_match => ApiError(Failure::PreconditionFailed { current_version }),
        other => ApiError(other),
    }
}

/// A JSON body's `version`, when it has one.
pub fn body_version(body: &serde_json::Map<String, serde_json::Value>) -> Option<i32> {
    body.get("version")
        .and_then(serde_json::Value::as_i64)
        .and_then(|v| i32::try_from(v).ok())
}

/// The `version` of a write whose body is optional (a restore): `{"version": 7}`.
pub fn version_in(body: &[u8]) -> Result<Option<i32>, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    serde_json::from_slice::<super::bodies::VersionBody>(body)
        .map(|b| b.version)
        .map_err(|e| {
            ApiError(Failure::Invalid(vec![crate::error::FieldError::new(
                "version",
                "field-wrong-shape",
                e.to_string(),
            )]))
        })
}

/// The version a delete or restore is based on, and whether it came from `If-Match`.
pub fn expected(headers: &HeaderMap, sent: Option<i32>) -> Result<(Option<i32>, bool), ApiError> {
    Ok(based_on(headers, sent)?.expected())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(if_match: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::IF_MATCH, HeaderValue::from_str(if_match).unwrap());
        h
    }

    #[test]
    fn if_match_names_the_version_and_wins_over_the_body() {
        assert_eq!(
            based_on(&headers("\"7-abcdef\""), Some(3)).unwrap(),
            Based::Match(vec![7])
        );
        assert_eq!(based_on(&headers("*"), None).unwrap(), Based::Any);
        assert_eq!(
            based_on(&headers("W/\"7-abc\""), None).unwrap(),
            Based::Match(vec![])
        );
        let two = based_on(&headers("\"3-a\", \"7-b\""), None).unwrap();
        assert_eq!(two.against(7).unwrap(), 7, "any tag named may match");
        assert_eq!(
            based_on(&HeaderMap::new(), Some(3)).unwrap(),
            Based::Version(3)
        );
        assert!(matches!(
            based_on(&HeaderMap::new(), None),
            Err(ApiError(Failure::PreconditionRequired))
        ));
        assert!(matches!(
            Based::Match(vec![6]).against(7),
            Err(ApiError(Failure::PreconditionFailed { current_version: 7 }))
        ));
        assert_eq!(
            Based::Version(6).against(7).unwrap(),
            6,
            "merged, not refused"
        );
    }
}
