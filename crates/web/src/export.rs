//! `forja story export`: a published story as a folder that needs no server — one HTML
//! file, the story's stylesheet, script and icon, and the renditions it shows, all by
//! relative address, so it works from any static file server and opened from disk.
//! Fact pages keep the figures of the moment of export.

use std::path::{Path, PathBuf};

use forja_core::Locale;
use forja_services::media::{Library, files_of, open};
use forja_services::{ServiceError, Store};
use futures_util::StreamExt;
use tokio::io::AsyncWriteExt;

use crate::i18n::Tr;
use crate::pages::stories::{Showing, story_html};

/// What was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Exported {
    pub files: usize,
    pub bytes: u64,
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> ServiceError + '_ {
    move |e| ServiceError::Internal(format!("cannot write {}: {e}", path.display()))
}

/// Renditions an exported page can use: pictures, the MP4 ladder, posters, sound and
/// captions; the HLS segments are for servers with streaming and stay behind.
fn wanted(role: &str) -> bool {
    !role.starts_with("hls/") && !role.ends_with(".m3u8")
}

/// Writes the published story `story` of city `city` into `out` (created if needed).
/// Links to Forja's own pages (the city, a programme) point at `site` when given, and
/// are left out otherwise.
pub async fn export_story(
    store: &Store,
    library: &Library,
    city: &str,
    story: &str,
    out: &Path,
    site: Option<&str>,
    locale: Locale,
) -> Result<Exported, ServiceError> {
    let v = forja_services::published_story(store, city, story).await?;
    let origin = site.map(|s| s.trim_end_matches('/')).unwrap_or("");
    let (html, _) = story_html(Tr::new(locale), &v, 1, Showing::Export, origin)
        .map_err(|_| ServiceError::Internal("the story page could not be made".into()))?;
    tokio::fs::create_dir_all(out).await.map_err(io(out))?;
    let mut files = Vec::<(PathBuf, Vec<u8>)>::new();
    let mut html = html
        .replace("=\"/media/", "=\"media/")
        .replace(", /media/", ", media/");
    for (path, name) in [
        (crate::assets::story_stylesheet_path(), "story.css"),
        (crate::assets::story_script_path(), "story.js"),
        (crate::assets::icon_path(), "icon.svg"),
    ] {
        html = html.replace(&format!("\"{path}\""), &format!("\"{name}\""));
        let body = crate::assets::body(path).unwrap_or_default();
        files.push((out.join(name), body.to_vec()));
    }
    // Browsers refuse module scripts from disk (they have no origin); the story's script
    // imports nothing, so a deferred classic script runs the same.
    html = html.replace(
        "<script type=\"module\" src=\"story.js\">",
        "<script defer src=\"story.js\">",
    );
    html = match site {
        Some(site) => html.replace(
            " href=\"/",
            &format!(" href=\"{}/", site.trim_end_matches('/')),
        ),
        // Without a site, links to its pages would lead nowhere: they become plain text.
        None => html.replace(" href=\"/", " data-forja-page=\"/"),
    };
    files.push((out.join("index.html"), html.into_bytes()));
    let mut total = 0;
    for (path, bytes) in &files {
        tokio::fs::write(path, bytes).await.map_err(io(path))?;
        total += bytes.len() as u64;
    }
    let mut count = files.len();
    // Media are copied as they are read, a piece at a time: a story with long videos
    // never sits in memory.
    for m in &v.media {
        for (role, file) in files_of(store, m.id).await? {
            if !wanted(&role) {
                continue;
            }
            let path = out.join("media").join(m.id.to_string()).join(&role);
            if let Some(dir) = path.parent() {
                tokio::fs::create_dir_all(dir).await.map_err(io(dir))?;
            }
            let mut stream = open(library, &file, None).await?.into_stream();
            let mut target = tokio::fs::File::create(&path).await.map_err(io(&path))?;
            while let Some(chunk) = stream.next().await {
                let chunk =
                    chunk.map_err(|e| ServiceError::Internal(format!("media storage: {e}")))?;
                target.write_all(&chunk).await.map_err(io(&path))?;
                total += chunk.len() as u64;
            }
            target.flush().await.map_err(io(&path))?;
            count += 1;
        }
    }
    Ok(Exported {
        files: count,
        bytes: total,
    })
}
