//! The story viewer: one published story, a full-screen page at a time with JavaScript
//! (wheel, keys, swipe, buttons; every page its own address), a readable article
//! without it. The interface speaks the reader's language; the story its own.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use forja_core::story::Page;

use super::PageCtx;
use crate::error::{Failure, PageError};
use crate::i18n::Tr;
use crate::state::AppState;

/// A page's background picture or looping video.
pub struct Background {
    /// image or video.
    pub kind: String,
    pub alt: String,
    pub placeholder: String,
    pub webp: String,
    pub jpeg: String,
    /// The JPEG for browsers that read neither srcset.
    pub src: String,
    pub video: String,
    pub poster: String,
    /// Load it with the page (the first pages) or when near (the rest).
    pub eager: bool,
    /// The focal point's classes (`fx-30 fy-70`): crops keep it in view.
    pub focus: String,
    /// A video with sound: its page offers a toggle to hear it (muted first).
    pub has_audio: bool,
}

/// "Read in Romanian": the translation's page for the page in view.
pub struct TranslationLink {
    pub href: String,
    /// The translation's address (page 1), then its page for each of ours.
    pub base: String,
    pub pages: String,
    /// The language's name in the reader's language, and its code.
    pub language: String,
    pub lang: String,
}

/// A line of the credits.
pub struct Credit {
    pub what: String,
    pub credit: String,
    pub licence: String,
    pub sample: bool,
}

/// One page, ready for the template.
pub struct PageView {
    pub background: Option<Background>,
    /// A quote's clip when ready: a sound (AAC) or a video (an MP4 rung), with its
    /// captions (WebVTT) and, for a video, its poster.
    pub clip: String,
    /// audio or video.
    pub clip_kind: String,
    pub clip_poster: String,
    pub clip_captions: String,
    pub credits: Vec<Credit>,
    pub n: usize,
    /// "Page N of M", the section's name for screen readers.
    pub aria: String,
    pub kind: &'static str,
    pub chapter: String,
    /// The first page of its chapter (the overview links it).
    pub opens_chapter: bool,
    pub title: String,
    pub subtitle: String,
    /// Sanitised HTML of a text page.
    pub html: String,
    pub position: &'static str,
    /// How much a text page darkens its background (%), a class per step.
    pub overlay: u8,
    pub words: String,
    pub speaker: String,
    pub role: String,
    pub figure: String,
    pub label: String,
    pub source: String,
    pub sample: bool,
    pub link: String,
    /// The map page's world map (server-drawn SVG, with its own title and description).
    pub map: String,
}

#[derive(Template)]
#[template(path = "story.html")]
struct StoryPage {
    tr: Tr,
    /// An editor's draft: marked, not indexed, not shared.
    draft: bool,
    /// Some page has a spoken clip: the bar holds the sound toggle (shown by the script).
    has_clips: bool,
    /// The story's own colours (CSS), allowed by hash.
    theme: String,
    /// The reader's address of the story (absolute when the server's origin is known).
    og_url: String,
    /// The cover's picture for link previews (absolute), if any.
    og_image: String,
    og_image_alt: String,
    lang: String,
    title: String,
    summary: String,
    city_name: String,
    city_slug: String,
    base: String,
    start: usize,
    count: usize,
    pages: Vec<PageView>,
    /// (href, language name, title) of the same story in other languages.
    translations: Vec<TranslationLink>,
    stylesheet: &'static str,
    script: &'static str,
    icon: &'static str,
    /// "Page {n} of {m}" with placeholders, for the script to fill in.
    progress_template: String,
    /// The same, for the page shown first.
    progress_now: String,
}

fn blank(n: usize, kind: &'static str, chapter: &str) -> PageView {
    PageView {
        background: None,
        clip: String::new(),
        clip_captions: String::new(),
        clip_kind: String::new(),
        clip_poster: String::new(),
        credits: Vec::new(),
        n,
        aria: String::new(),
        kind,
        chapter: chapter.to_owned(),
        opens_chapter: false,
        title: String::new(),
        subtitle: String::new(),
        html: String::new(),
        position: "centre",
        overlay: 40,
        words: String::new(),
        speaker: String::new(),
        role: String::new(),
        figure: String::new(),
        label: String::new(),
        source: String::new(),
        sample: false,
        link: String::new(),
        map: String::new(),
    }
}

/// A video's rung in the middle of the ladder: sharp enough full-screen, light enough
/// on a phone.
fn watchable_rung(m: &forja_services::views::StoryMedia) -> String {
    m.heights
        .iter()
        .copied()
        .filter(|h| *h <= 720)
        .max()
        .or(m.heights.first().copied())
        .map(|h| format!("/media/{}/{h}p.mp4", m.id))
        .unwrap_or_default()
}

fn background_view(tr: Tr, m: &forja_services::views::StoryMedia, eager: bool) -> Background {
    let base = format!("/media/{}", m.id);
    let set = |ext: &str| {
        m.widths
            .iter()
            .map(|w| format!("{base}/w{w}.{ext} {w}w"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let video = watchable_rung(m);
    Background {
        kind: m.kind.clone(),
        alt: tr.txt(&m.alt),
        placeholder: m.placeholder.clone().unwrap_or_default(),
        webp: set("webp"),
        jpeg: set("jpg"),
        src: m
            .widths
            .iter()
            .copied()
            .filter(|w| *w <= 960)
            .max()
            .map(|w| format!("{base}/w{w}.jpg"))
            .unwrap_or_default(),
        video,
        poster: if m.has_poster {
            format!("{base}/poster.jpg")
        } else {
            String::new()
        },
        eager,
        has_audio: m.kind == "video" && m.has_audio,
        focus: m
            .focal
            .map(|(x, y)| format!("fx-{} fy-{}", x / 10 * 10, y / 10 * 10))
            .unwrap_or_default(),
    }
}

/// Which story is shown: what readers see, or an editor's draft (never indexed, no
/// share or embed, framed only by Forja's own editor for the live preview).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Showing {
    Published,
    Draft,
    /// The published story written out as files (`forja story export`): no server
    /// behind it, pages addressed by fragment.
    Export,
}

async fn show(
    state: &AppState,
    ctx: &PageCtx,
    (city, slug): (&str, &str),
    start: usize,
) -> Result<Response, PageError> {
    let v = forja_services::published_story(&state.store, city, slug).await?;
    let origin = state.public_url.trim_end_matches('/');
    render_story(ctx.tr, &v, start, Showing::Published, origin)
}

/// The theme as a style element, when the story has its own colours: an inline style
/// allowed by its hash alone (the policy forbids every other), with muted text in the
/// text colour since only that pair was checked for contrast.
fn theme_style(theme: &forja_core::story::Theme) -> Option<(String, String)> {
    use base64::Engine;
    use sha2::Digest;
    if *theme == forja_core::story::Theme::default() {
        return None;
    }
    let css = format!(
        ":root{{--bg:{};--fg:{};--accent:{};--muted:{}}}",
        theme.background, theme.text, theme.accent, theme.text
    );
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(&css));
    Some((css, format!("'sha256-{hash}'")))
}

/// A story's pages as readers see them, opened at page `start`.
pub fn render_story(
    tr: Tr,
    v: &forja_services::views::StoryView,
    start: usize,
    showing: Showing,
    origin: &str,
) -> Result<Response, PageError> {
    let (html, theme_hash) = story_html(tr, v, start, showing, origin)?;
    let mut response = axum::response::Html(html).into_response();
    response.headers_mut().insert(
        axum::http::header::VARY,
        axum::http::HeaderValue::from_static("Accept-Language, Cookie"),
    );
    let policy = match (showing, &theme_hash) {
        (Showing::Draft, None) => Some(crate::middleware::DRAFT_CONTENT_SECURITY_POLICY.to_owned()),
        (Showing::Draft, Some(hash)) => Some(
            crate::middleware::DRAFT_CONTENT_SECURITY_POLICY
                .replace("style-src 'self'", &format!("style-src 'self' {hash}")),
        ),
        (_, Some(hash)) => Some(
            crate::middleware::STORY_CONTENT_SECURITY_POLICY
                .replace("style-src 'self'", &format!("style-src 'self' {hash}")),
        ),
        (_, None) => None,
    };
    if let Some(policy) = policy
        && let Ok(value) = axum::http::HeaderValue::from_str(&policy)
    {
        response
            .headers_mut()
            .insert(axum::http::header::CONTENT_SECURITY_POLICY, value);
    }
    Ok(response)
}

/// The story's HTML, and the hash of its theme's style element when it has one. With an
/// `origin` (`https://host`), link previews get absolute addresses and the cover picture.
pub fn story_html(
    tr: Tr,
    v: &forja_services::views::StoryView,
    start: usize,
    showing: Showing,
    origin: &str,
) -> Result<(String, Option<String>), PageError> {
    let count = v.story.page_count();
    if start == 0 || start > count {
        return Err(PageError(Failure::NotFound));
    }
    let city_name = tr.txt(&v.city.name);
    let mut pages = Vec::with_capacity(count);
    let mut last_chapter = usize::MAX;
    for (n, c, page) in v.story.pages() {
        let chapter = &v.story.chapters[c].title;
        let mut p = blank(n, page.kind(), chapter);
        p.background = page
            .background()
            .and_then(|id| v.media.iter().find(|m| m.id == id))
            .map(|m| background_view(tr, m, n <= 2));
        p.aria = tr.t2("story-progress", ("n", &n), ("m", &count));
        p.opens_chapter = c != last_chapter;
        last_chapter = c;
        match page {
            Page::Cover {
                title,
                subtitle,
                overlay,
                ..
            } => {
                p.title = title.clone();
                p.subtitle = subtitle.clone();
                p.overlay = *overlay;
            }
            Page::Text {
                text,
                position,
                overlay,
                ..
            } => {
                p.html = crate::markdown::render(text);
                p.position = position.code();
                p.overlay = *overlay;
            }
            Page::Quote {
                words,
                speaker,
                role,
                clip,
                captions,
                overlay,
                ..
            } => {
                p.overlay = *overlay;
                let ready = |id: &Option<i32>| id.filter(|id| v.media.iter().any(|m| m.id == *id));
                let clip = clip.and_then(|id| v.media.iter().find(|m| m.id == id));
                match clip {
                    Some(m) if m.kind == "video" => {
                        p.clip = watchable_rung(m);
                        p.clip_kind = "video".into();
                        if m.has_poster {
                            p.clip_poster = format!("/media/{}/poster.jpg", m.id);
                        }
                    }
                    Some(m) if m.kind == "audio" => {
                        p.clip = format!("/media/{}/audio.m4a", m.id);
                        p.clip_kind = "audio".into();
                    }
                    _ => {}
                }
                if let Some(id) = ready(captions) {
                    p.clip_captions = format!("/media/{id}/captions.vtt");
                }
                p.words = words.clone();
                p.speaker = speaker.clone();
                p.role = role.clone();
            }
            Page::Fact {
                programme,
                output,
                overlay,
                ..
            } => {
                p.overlay = *overlay;
                match v.facts.get(&format!("{programme}/{output}")) {
                    Some(f) => {
                        p.figure = tr.num(f.value);
                        p.label = tr.txt(&f.label);
                        p.source = tr.txt(&f.programme);
                        p.sample = f.sample;
                        p.link = format!("/cities/{}/programmes/{}", v.city.slug, f.programme_slug);
                    }
                    // The programme or its output is gone: say so instead of a blank page.
                    None => p.label = tr.t("story-fact-missing"),
                }
            }
            Page::Map => {
                p.title = city_name.clone();
                p.label = tr.coordinates(v.city.latitude, v.city.longitude);
                p.link = format!("/cities/{}", v.city.slug);
                let marker = crate::world::Marker {
                    slug: &v.city.slug,
                    name: city_name.clone(),
                    latitude: v.city.latitude,
                    longitude: v.city.longitude,
                    country: &v.city.country,
                };
                p.map = crate::world::region_svg(
                    &marker,
                    &tr.t1("story-map-title", "city", &city_name),
                    &p.label,
                );
            }
            Page::Credits => {
                p.title = tr.t("story-credits");
                p.credits = v
                    .media
                    .iter()
                    .map(|m| Credit {
                        what: format!("{} · {}", tr.code("media-kind", &m.kind), tr.txt(&m.alt)),
                        credit: m.credit.clone(),
                        licence: m.licence.clone(),
                        sample: m.sample,
                    })
                    .collect();
            }
            Page::End { text } => {
                p.title = text.clone();
            }
        }
        pages.push(p);
    }
    let reader_base = format!("/cities/{}/stories/{}", v.city.slug, v.slug);
    let base = match showing {
        Showing::Published => reader_base.clone(),
        Showing::Draft => format!("{reader_base}/draft"),
        Showing::Export => String::new(),
    };
    let theme = theme_style(&v.story.theme);
    // The first page's picture (or video poster) is the story's face in link previews.
    let preview_image = match (origin, pages.first().and_then(|p| p.background.as_ref())) {
        ("", _) | (_, None) => String::new(),
        (_, Some(b)) if b.kind == "video" && !b.poster.is_empty() => {
            format!("{origin}{}", b.poster)
        }
        (_, Some(b)) if !b.src.is_empty() => format!("{origin}{}", b.src),
        _ => String::new(),
    };
    let preview_alt = pages
        .first()
        .and_then(|p| p.background.as_ref())
        .map(|b| b.alt.clone())
        .unwrap_or_default();
    let page = StoryPage {
        has_clips: pages.iter().any(|p| !p.clip.is_empty()),
        og_url: format!("{origin}{reader_base}"),
        og_image: preview_image,
        og_image_alt: preview_alt,
        draft: showing == Showing::Draft,
        theme: theme
            .as_ref()
            .map(|(css, _)| css.clone())
            .unwrap_or_default(),
        tr,
        lang: v.story.language.clone(),
        title: v.story.title.clone(),
        summary: v.story.summary.clone(),
        city_name,
        city_slug: v.city.slug.clone(),
        base,
        start,
        count,
        pages,
        translations: v
            .translations
            .iter()
            .map(|t| {
                let address = format!("/cities/{}/stories/{}", v.city.slug, t.slug);
                let page = |n: usize| match n {
                    1 => address.clone(),
                    n => format!("{address}/{n}"),
                };
                TranslationLink {
                    href: page(t.pages.get(start - 1).copied().unwrap_or(1)),
                    // Every page's counterpart, for the script to follow the reader.
                    pages: t
                        .pages
                        .iter()
                        .map(|n| n.to_string())
                        .collect::<Vec<_>>()
                        .join(" "),
                    base: address,
                    language: tr.code("language", &t.language),
                    lang: t.language.clone(),
                }
            })
            .collect(),
        stylesheet: crate::assets::story_stylesheet_path(),
        script: crate::assets::story_script_path(),
        icon: crate::assets::icon_path(),
        progress_template: tr.t2("story-progress", ("n", &"{n}"), ("m", &"{m}")),
        progress_now: tr.t2("story-progress", ("n", &start), ("m", &count)),
    };
    let html = page.render().map_err(|e| {
        tracing::error!(error = %e, "template failed");
        PageError(Failure::Internal)
    })?;
    Ok((html, theme.map(|(_, hash)| hash)))
}

pub async fn first(
    State(state): State<Arc<AppState>>,
    ctx: PageCtx,
    Path((city, slug)): Path<(String, String)>,
) -> Result<Response, PageError> {
    show(&state, &ctx, (&city, &slug), 1).await
}

pub async fn at(
    State(state): State<Arc<AppState>>,
    ctx: PageCtx,
    Path((city, slug, n)): Path<(String, String, String)>,
) -> Result<Response, PageError> {
    let n = n.parse().map_err(|_| PageError(Failure::NotFound))?;
    show(&state, &ctx, (&city, &slug), n).await
}

/// `/sitemap.xml`: the published stories, for search engines.
pub async fn sitemap(State(state): State<Arc<AppState>>) -> Result<Response, PageError> {
    use axum::response::IntoResponse;
    let origin = state.public_url.trim_end_matches('/');
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (city, story) in forja_services::published_story_addresses(&state.store).await? {
        xml.push_str(&format!(
            "<url><loc>{origin}/cities/{city}/stories/{story}</loc></url>\n"
        ));
    }
    xml.push_str("</urlset>\n");
    Ok((
        [(
            axum::http::header::CONTENT_TYPE,
            "application/xml; charset=utf-8",
        )],
        xml,
    )
        .into_response())
}
