//! `/api/v1/cities/{slug}/stories...`: published stories for programs (every page with
//! its fields and the addresses of the media it shows), and a city's media library for
//! its editors.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, State};
use forja_services::media::LibraryItem;
use forja_services::views::{StoryLink, StoryMedia};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::ApiUser;
use crate::error::{ApiError, Problem};
use crate::state::AppState;

/// A published story: its settings, its pages in order, and its media.
#[derive(Debug, Serialize, ToSchema)]
pub struct StoryDocument {
    pub city: String,
    pub slug: String,
    pub title: String,
    /// The language it is told in.
    pub language: String,
    pub summary: String,
    /// Where readers read it.
    pub address: String,
    /// The same story in other languages.
    pub translations: Vec<StoryLink>,
    pub chapters: Vec<ChapterDocument>,
    /// Every ready media item the pages show; pages name them by `id`.
    pub media: Vec<MediaDocument>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ChapterDocument {
    pub title: String,
    pub pages: Vec<PageDocument>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PageDocument {
    /// From 1, across chapters.
    pub number: usize,
    /// cover, text, quote, fact, video, map or end.
    pub kind: String,
    /// The page's own fields (texts, media ids, the programme output a fact shows).
    pub fields: BTreeMap<String, String>,
    /// The page's own address for readers.
    pub address: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MediaDocument {
    pub id: i32,
    /// image, video or audio.
    pub kind: String,
    #[schema(value_type = Object)]
    pub alt: forja_core::LocalizedText,
    pub credit: String,
    pub licence: String,
    /// Made for the demo, not a real document.
    pub sample: bool,
    /// The files readers get (sizes and formats), each an address under `/media`.
    pub files: Vec<String>,
}

fn files(m: &StoryMedia) -> Vec<String> {
    let base = format!("/media/{}", m.id);
    let mut out: Vec<String> = m
        .widths
        .iter()
        .flat_map(|w| [format!("{base}/w{w}.webp"), format!("{base}/w{w}.jpg")])
        .collect();
    out.extend(m.heights.iter().map(|h| format!("{base}/{h}p.mp4")));
    if m.has_poster {
        out.push(format!("{base}/poster.jpg"));
    }
    if m.kind == "audio" {
        out.push(format!("{base}/audio.m4a"));
    }
    out
}

/// A city's published stories.
#[utoipa::path(get, path = "/api/v1/cities/{slug}/stories", tag = "cities",
    params(("slug" = String, Path, description = "City slug")),
    responses((status = 200, body = Vec<StoryLink>), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn list(
    State(state): State<Arc<AppState>>,
    Path(slug): Path<String>,
) -> Result<Json<Vec<StoryLink>>, ApiError> {
    Ok(Json(
        forja_services::published_stories(&state.store, &slug).await?,
    ))
}

/// One published story with its pages and the addresses of its media.
#[utoipa::path(get, path = "/api/v1/cities/{slug}/stories/{story}", tag = "cities",
    params(("slug" = String, Path, description = "City slug"), ("story" = String, Path, description = "Story slug")),
    responses((status = 200, body = StoryDocument), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn story(
    State(state): State<Arc<AppState>>,
    Path((city, slug)): Path<(String, String)>,
) -> Result<Json<StoryDocument>, ApiError> {
    let v = forja_services::published_story(&state.store, &city, &slug).await?;
    let address = format!("/cities/{city}/stories/{slug}");
    let mut chapters: Vec<ChapterDocument> = v
        .story
        .chapters
        .iter()
        .map(|c| ChapterDocument {
            title: c.title.clone(),
            pages: Vec::new(),
        })
        .collect();
    for (number, chapter, page) in v.story.pages() {
        if let Some(c) = chapters.get_mut(chapter) {
            c.pages.push(PageDocument {
                number,
                kind: page.kind().to_owned(),
                fields: page.to_input().into_iter().collect(),
                address: format!("{address}/{number}"),
            });
        }
    }
    Ok(Json(StoryDocument {
        translations: v
            .translations
            .iter()
            .map(|t| StoryLink {
                slug: t.slug.clone(),
                title: t.title.clone(),
                language: t.language.clone(),
                summary: String::new(),
            })
            .collect(),
        media: v
            .media
            .iter()
            .map(|m| MediaDocument {
                id: m.id,
                kind: m.kind.clone(),
                alt: m.alt.clone(),
                credit: m.credit.clone(),
                licence: m.licence.clone(),
                sample: m.sample,
                files: files(m),
            })
            .collect(),
        city,
        slug,
        title: v.story.title.clone(),
        language: v.story.language.clone(),
        summary: v.story.summary.clone(),
        address,
        chapters,
    }))
}

/// A city's media library, with processing state (the city's story editors only).
#[utoipa::path(get, path = "/api/v1/cities/{slug}/media", tag = "editing",
    params(("slug" = String, Path, description = "City slug")),
    responses((status = 200, body = Vec<LibraryItem>)),
    security(("bearer" = [])))]
pub async fn library(
    State(state): State<Arc<AppState>>,
    user: ApiUser,
    Path(slug): Path<String>,
) -> Result<Json<Vec<LibraryItem>>, ApiError> {
    Ok(Json(
        forja_services::media::library_items(&state.store, &user.0, &slug).await?,
    ))
}
