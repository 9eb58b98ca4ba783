//! Published stories, as readers see them: the published version's document with the
//! live figures its fact pages show.

use super::*;
use forja_core::story::Page;

/// A city's published stories, as its page lists them.
pub async fn published_stories(store: &Store, city_slug: &str) -> Result<Vec<StoryLink>> {
    let c = city_or_404(store, city_slug).await?;
    story_links(store, &c).await
}

pub(crate) async fn story_links(store: &Store, c: &city::Model) -> Result<Vec<StoryLink>> {
    let mut stories = Vec::new();
    for row in store.published_stories(c.id).await? {
        if let Some(doc) = store.published_document(&row).await? {
            stories.push(StoryLink {
                slug: row.slug,
                title: doc.title,
                language: doc.language,
                summary: doc.summary,
            });
        }
    }
    Ok(stories)
}

/// A city's published story; unpublished and deleted ones are not found.
pub async fn published_story(store: &Store, city_slug: &str, slug: &str) -> Result<StoryView> {
    let c = city_or_404(store, city_slug).await?;
    let row = store
        .story_row(c.id, slug, false)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let story = store
        .published_document(&row)
        .await?
        .ok_or(ServiceError::NotFound)?;
    story_view(store, &c, &row, story).await
}

/// What a reader would see of `story` (any version of `row`): its live facts, ready
/// media and translations. Drafts and previews are shown through it too.
pub(crate) async fn story_view(
    store: &Store,
    c: &city::Model,
    row: &forja_store::entity::story::Model,
    story: forja_core::story::StoryFields,
) -> Result<StoryView> {
    let mut facts = HashMap::new();
    for (_, _, page) in story.pages() {
        let Page::Fact {
            programme, output, ..
        } = page
        else {
            continue;
        };
        let Some(p) = store.programme_row(c.id, programme, false).await? else {
            continue;
        };
        let Some(o) = store
            .outputs(p.id)
            .await?
            .into_iter()
            .find(|o| &o.code == output)
        else {
            continue;
        };
        let Some((value, reported)) = o
            .reported
            .map(|v| (v, true))
            .or(o.expected.map(|v| (v, false)))
        else {
            continue;
        };
        facts.insert(
            format!("{programme}/{output}"),
            StoryFact {
                programme_slug: p.slug.clone(),
                programme: ctext(&p.title, &c.default_locale),
                label: ctext(&o.label, &c.default_locale),
                unit: opt_ctext(&o.unit, &c.default_locale),
                value,
                reported,
                source: opt_ctext(&o.source, &c.default_locale),
                sample: o.sample,
            },
        );
    }
    let mut translations = Vec::new();
    for other in store.published_stories(c.id).await? {
        if other.id == row.id {
            continue;
        }
        if let Some(doc) = store.published_document(&other).await?
            && story.translates(&row.slug, &doc, &other.slug)
        {
            translations.push(crate::views::Translation {
                pages: story.aligned_pages(&doc),
                language: doc.language,
                slug: other.slug,
                title: doc.title,
            });
        }
    }
    let mut media = Vec::new();
    for id in story.media() {
        let Some(item) = store.media_item(id).await? else {
            continue;
        };
        // Another city's item, or one not ready: the page shows without it.
        if item.city_id != c.id || item.status != "ready" || item.deleted_at.is_some() {
            continue;
        }
        let renditions = store.renditions(id).await?;
        let number = |role: &str, prefix: &str, suffix: &str| {
            role.strip_prefix(prefix)
                .and_then(|r| r.strip_suffix(suffix))
                .and_then(|n| n.parse::<i32>().ok())
        };
        media.push(StoryMedia {
            id,
            kind: item.kind.clone(),
            alt: text(&item.alt).with_fallback(&c.default_locale),
            credit: item.credit.clone(),
            licence: item.licence.clone(),
            sample: item.sample,
            placeholder: item.placeholder.clone(),
            widths: renditions
                .iter()
                .filter_map(|r| number(&r.role, "w", ".webp"))
                .collect(),
            heights: renditions
                .iter()
                .filter_map(|r| number(&r.role, "", "p.mp4"))
                .collect(),
            has_poster: renditions.iter().any(|r| r.role == "poster.jpg"),
            has_audio: item.has_audio,
            focal: item
                .focal_x
                .zip(item.focal_y)
                .map(|(x, y)| (x.clamp(0.0, 100.0) as u8, y.clamp(0.0, 100.0) as u8)),
        });
    }
    Ok(StoryView {
        media,
        city: one_summary(store, c).await?,
        slug: row.slug.clone(),
        story,
        facts,
        translations,
    })
}

/// Every published story, as (city slug, story slug), for the sitemap.
pub async fn published_story_addresses(store: &Store) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for c in store.cities().await? {
        for s in store.published_stories(c.id).await? {
            out.push((c.slug.clone(), s.slug));
        }
    }
    Ok(out)
}
