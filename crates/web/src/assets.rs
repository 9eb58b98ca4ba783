//! Static assets compiled into the binary and served under fingerprinted names, so
//! browsers may cache them for a year and a new release is fetched at once.

use std::sync::OnceLock;

use axum::extract::Path;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use crate::error::{Failure, PageError};

struct Asset {
    path: String,
    content_type: &'static str,
    body: &'static [u8],
}

const SOURCES: &[(&str, &str, &str, &[u8])] = &[
    (
        "forja",
        "css",
        "text/css; charset=utf-8",
        include_bytes!("../static/forja.css"),
    ),
    (
        "icon",
        "svg",
        "image/svg+xml",
        include_bytes!("../static/icon.svg"),
    ),
    (
        "places",
        "js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/places.js"),
    ),
    (
        "story",
        "css",
        "text/css; charset=utf-8",
        include_bytes!("../static/story.css"),
    ),
    (
        "story",
        "js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/story.js"),
    ),
    (
        "story-editor",
        "js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/story-editor.js"),
    ),
    (
        "search",
        "js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/search.js"),
    ),
];

fn assets() -> &'static [Asset] {
    static A: OnceLock<Vec<Asset>> = OnceLock::new();
    A.get_or_init(|| {
        SOURCES
            .iter()
            .map(|(name, ext, content_type, body)| {
                let hash = hex::encode(&Sha256::digest(body)[..5]);
                Asset {
                    path: format!("/static/{name}.{hash}.{ext}"),
                    content_type,
                    body,
                }
            })
            .collect()
    })
}

pub fn stylesheet_path() -> &'static str {
    &assets()[0].path
}

pub fn icon_path() -> &'static str {
    &assets()[1].path
}

/// The story viewer's styles and script.
pub fn story_stylesheet_path() -> &'static str {
    &assets()[3].path
}

pub fn story_script_path() -> &'static str {
    &assets()[4].path
}

/// The story editor's drag and drop, live preview and media progress.
pub fn editor_script_path() -> &'static str {
    &assets()[5].path
}

/// Suggestions as a search is typed.
pub fn search_script_path() -> &'static str {
    &assets()[6].path
}

/// The new-city form's live GeoNames suggestions.
pub fn places_script_path() -> &'static str {
    &assets()[2].path
}

/// The bytes of an asset by its served path (for the static export).
pub fn body(path: &str) -> Option<&'static [u8]> {
    assets().iter().find(|a| a.path == path).map(|a| a.body)
}

pub async fn serve(Path(file): Path<String>) -> Result<Response, PageError> {
    let wanted = format!("/static/{file}");
    let asset = assets()
        .iter()
        .find(|a| a.path == wanted)
        .ok_or(PageError(Failure::NotFound))?;
    let mut response = asset.body.into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(asset.content_type),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    Ok(response)
}
