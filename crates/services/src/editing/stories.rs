//! A city's stories for its editors: list, create, settings, one page at a time, the
//! outline, drafts and previews as readers would see them, publishing (coordinators
//! only), history and restore.

use super::*;
use forja_core::edit::{Choice, MediaChoice, PageChoices};
use forja_core::story::StoryFields;
use forja_store::edit_story::Story;
use forja_store::entity::story;

fn action(city: &city::Model) -> Action {
    Action::EditStory {
        city: crate::city_id(city),
    }
}

/// The city and one of its stories, once the actor may edit them.
async fn load(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    slug: &str,
    deleted: bool,
) -> Result<(city::Model, story::Model)> {
    let city = crate::city(store, city_slug).await?;
    authorize(actor, &action(&city))?;
    let s = store
        .story_row(city.id, slug, deleted)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok((city, s))
}

/// A live story opened for editing: the city, its row and its document as stored now
/// (read from the row `load` already has, not a second time).
async fn open(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    slug: &str,
) -> Result<(city::Model, story::Model, StoryFields)> {
    let (city, s) = load(store, actor, city_slug, slug, false).await?;
    let fields = serde_json::from_value(s.document.clone())
        .map_err(|e| ServiceError::Internal(format!("story {} is unreadable: {e}", s.id)))?;
    Ok((city, s, fields))
}

/// A story as its editors list it.
#[derive(Debug, Clone)]
pub struct StoryListing {
    pub slug: String,
    pub title: String,
    pub language: String,
    pub pages: usize,
    pub version: i32,
    /// The version readers see, if any.
    pub published_version: Option<i32>,
    /// Deleted: listed for its history, where it can be restored.
    pub deleted: bool,
}

/// The city's stories, drafts and deleted ones included, for those who may edit them;
/// `None` for everyone else (who see only what is published).
pub async fn stories_for_editors(
    store: &Store,
    actor: Option<&Actor>,
    city_slug: &str,
) -> Result<Option<Vec<StoryListing>>> {
    let city = crate::city(store, city_slug).await?;
    if !actor.is_some_and(|a| allowed(a, &action(&city))) {
        return Ok(None);
    }
    let mut out = Vec::new();
    for s in store.stories_of(city.id).await? {
        let Ok(doc) = serde_json::from_value::<StoryFields>(s.document.clone()) else {
            continue;
        };
        out.push(StoryListing {
            slug: s.slug,
            title: doc.title.clone(),
            language: doc.language.clone(),
            pages: doc.page_count(),
            version: s.version,
            published_version: s.published_version,
            deleted: s.deleted_at.is_some(),
        });
    }
    Ok(Some(out))
}

pub const NEW_STORY_FIELDS: &[&str] = &["slug", "title", "language"];

/// Creates a story (a cover, the credits and the end, in one chapter); returns its slug.
pub async fn create_story(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    input: &RawInput,
) -> Result<String> {
    let city = crate::city(store, city_slug).await?;
    authorize(actor, &action(&city))?;
    let mut problems = Vec::new();
    for key in input.keys() {
        if !NEW_STORY_FIELDS.contains(&key.as_str()) {
            problems.push(FieldProblem {
                field: key.clone(),
                problem: Problem::Unknown,
            });
        }
    }
    let field = |k: &str| input.get(k).map(|v| v.trim()).unwrap_or("");
    // The address is the slug given, or one made from the title.
    let raw_slug = match field("slug") {
        "" => forja_core::slug::fold_to_string(field("title")),
        s => s.to_owned(),
    };
    // `edit`, `draft` and page numbers are addresses under a story, never stories.
    let slug = forja_core::Slug::parse(&raw_slug)
        .ok()
        .filter(|s| !matches!(s.as_str(), "new" | "edit" | "draft"));
    if slug.is_none() {
        problems.push(FieldProblem {
            field: "slug".into(),
            problem: Problem::NotAllowed {
                allowed: "a-z, 0-9, -".into(),
            },
        });
    }
    let blank = StoryFields::new_story("", "en");
    let mut settings = blank.settings_input();
    settings.insert("title".into(), field("title").to_owned());
    settings.insert("language".into(), field("language").to_owned());
    let fields = match blank.with_settings(&settings) {
        Ok(f) => Some(StoryFields::new_story(&f.title, &f.language)),
        Err(more) => {
            problems.extend(more);
            None
        }
    };
    let (Some(slug), Some(fields), true) = (slug, fields, problems.is_empty()) else {
        return Err(ServiceError::Invalid(problems));
    };
    match store
        .create_story(
            city.id,
            slug.as_str(),
            &fields,
            user_id(actor),
            crate::auth::now(),
        )
        .await?
    {
        Some(_) => Ok(slug.to_string()),
        None => Err(ServiceError::Invalid(vec![FieldProblem {
            field: "slug".into(),
            problem: Problem::Taken,
        }])),
    }
}

/// The city's other live stories, (slug, title), that a story may be a translation of.
async fn other_stories(
    store: &Store,
    city: &city::Model,
    slug: &str,
) -> Result<Vec<(String, String)>> {
    Ok(store
        .stories_of(city.id)
        .await?
        .into_iter()
        .filter(|o| o.deleted_at.is_none() && o.slug != slug)
        .map(|o| {
            let title = serde_json::from_value::<StoryFields>(o.document.clone())
                .map(|d| d.title)
                .unwrap_or_default();
            (o.slug, title)
        })
        .collect())
}

/// A story opened for editing.
#[derive(Debug, Clone)]
pub struct StoryForEdit {
    pub slug: String,
    pub fields: StoryFields,
    pub version: i32,
    pub published_version: Option<i32>,
    /// Whether this actor may publish it.
    pub may_publish: bool,
    pub choices: PageChoices,
    /// The city's other stories (slug, title): what this one may translate.
    pub others: Vec<(String, String)>,
}

/// What pages may refer to: the city's live media (with their state in the label's
/// place when not ready) and its programmes' outputs.
async fn page_choices(store: &Store, city: &city::Model) -> Result<PageChoices> {
    let media = store
        .media_of(city.id)
        .await?
        .into_iter()
        .filter(|m| m.status != "failed")
        .map(|m| MediaChoice {
            id: m.id,
            alt: serde_json::from_value(m.alt.clone()).unwrap_or_default(),
            ready: m.status == "ready",
            samples: m.samples,
            aspect: m
                .width
                .zip(m.height)
                .filter(|(_, h)| *h > 0)
                .map(|(w, h)| f64::from(w) / f64::from(h)),
            focal: (
                m.focal_x.unwrap_or(50.0) / 100.0,
                m.focal_y.unwrap_or(50.0) / 100.0,
            ),
            kind: m.kind,
            name: m.original_name,
        })
        .collect();
    let mut facts = Vec::new();
    for p in store.programmes_of(city.id).await? {
        let title: forja_core::LocalizedText =
            serde_json::from_value(p.title.clone()).unwrap_or_default();
        for o in store.outputs(p.id).await? {
            let label: forja_core::LocalizedText =
                serde_json::from_value(o.label.clone()).unwrap_or_default();
            let mut text = forja_core::LocalizedText::default();
            for lang in forja_core::edit::EDIT_LANGUAGES {
                let t = title
                    .get_exact(lang)
                    .or(title.get_exact(&city.default_locale));
                let l = label
                    .get_exact(lang)
                    .or(label.get_exact(&city.default_locale));
                if let (Some(t), Some(l)) = (t, l) {
                    text.insert(lang, format!("{t}: {l}"));
                }
            }
            facts.push(Choice::new(format!("{}/{}", p.slug, o.code), text));
        }
    }
    Ok(PageChoices { media, facts })
}

pub async fn story_for_edit(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    slug: &str,
) -> Result<StoryForEdit> {
    let (city, s, fields) = open(store, actor, city_slug, slug).await?;
    Ok(StoryForEdit {
        slug: s.slug,
        fields,
        version: s.version,
        published_version: s.published_version,
        may_publish: allowed(
            actor,
            &Action::PublishStory {
                city: crate::city_id(&city),
            },
        ),
        choices: page_choices(store, &city).await?,
        others: other_stories(store, &city, slug).await?,
    })
}

/// Saves the title, language, summary and theme.
pub async fn save_story_settings(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    slug: &str,
    input: &RawInput,
    version: i32,
) -> Result<i32> {
    let (city, s, now) = open(store, actor, city_slug, slug).await?;
    let fields = now.with_settings(input).map_err(ServiceError::Invalid)?;
    let others = other_stories(store, &city, &s.slug).await?;
    if !fields.translation_of.is_empty() && !others.iter().any(|(o, _)| *o == fields.translation_of)
    {
        return Err(ServiceError::Invalid(vec![FieldProblem {
            field: "translation_of".into(),
            problem: Problem::NotAChoice,
        }]));
    }
    let merging = Merging {
        to_input: &StoryFields::settings_input,
        parse: &|i, stored| stored.with_settings(i),
        groups: &[],
        comparable: &always_comparable,
    };
    update::<Story>(store, actor, s.id, version, fields, merging).await
}

/// Whether page `n` of `now` is still the page `n` of `base` (pages have no id of their
/// own): the same, or edited in place — not one that moved there from elsewhere, nor
/// with the base's page gone elsewhere.
fn same_page(base: &StoryFields, now: &StoryFields, n: usize) -> bool {
    let (Some(was), Some(is)) = (base.page(n), now.page(n)) else {
        return false;
    };
    was == is
        || !(base.pages().any(|(m, _, p)| m != n && p == is)
            || now.pages().any(|(m, _, p)| m != n && p == was))
}

/// The kinds of a story's pages, chapter by chapter: page numbers mean the same pages
/// in two versions only while this is the same.
fn outline_shape(story: &StoryFields) -> Vec<Vec<&'static str>> {
    story
        .chapters
        .iter()
        .map(|c| c.pages.iter().map(|p| p.kind()).collect())
        .collect()
}

/// One outline step (add, move or remove a chapter or page; rename chapters).
pub async fn change_story_outline(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    slug: &str,
    input: &RawInput,
    version: i32,
) -> Result<i32> {
    let (_, s, now) = open(store, actor, city_slug, slug).await?;
    // The step's page numbers refer to the version the editor saw.
    if s.version != version {
        return Err(ServiceError::Conflict {
            current_version: s.version,
        });
    }
    let fields = now
        .with_outline_step(input)
        .map_err(ServiceError::Invalid)?;
    apply::<Story>(store, actor, s.id, version, Change::Update(fields)).await
}

/// Saves page `n` from its form.
pub async fn save_story_page(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    slug: &str,
    n: usize,
    input: &RawInput,
    version: i32,
) -> Result<i32> {
    let (city, s, now) = open(store, actor, city_slug, slug).await?;
    if now.page(n).is_none() {
        return Err(ServiceError::NotFound);
    }
    let choices = page_choices(store, &city).await?;
    let fields = now
        .with_page(n, input, &choices)
        .map_err(ServiceError::Invalid)?;
    let page_input = |story: &StoryFields| story.page(n).map(|p| p.to_input()).unwrap_or_default();
    let merging = Merging {
        to_input: &page_input,
        parse: &|i, stored| stored.with_page(n, i, &choices),
        groups: &[],
        comparable: &|base, now| {
            outline_shape(base) == outline_shape(now) && same_page(base, now, n)
        },
    };
    // Not mergeable: the page's number may name another page now. Overwrite nothing
    // and say so, so the form keeps what was typed.
    update::<Story>(store, actor, s.id, version, fields, merging)
        .await
        .map_err(|e| match e {
            ServiceError::Conflict { .. } => ServiceError::Invalid(vec![FieldProblem {
                field: "page".into(),
                problem: Problem::PagesMoved,
            }]),
            other => other,
        })
}

/// The current draft as readers would see it; with `page`, page `n` as its form holds
/// it (the live preview, nothing saved). A form with problems shows the saved page.
pub async fn draft_story(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    slug: &str,
    page: Option<(usize, &RawInput)>,
) -> Result<crate::views::StoryView> {
    let (city, s, mut fields) = open(store, actor, city_slug, slug).await?;
    if let Some((n, input)) = page {
        let choices = page_choices(store, &city).await?;
        if let Ok(changed) = fields.with_page(n, input, &choices) {
            fields = changed;
        }
    }
    crate::queries::story_view(store, &city, &s, fields).await
}

/// Makes `version` what readers see. Only coordinators may; a story with pages whose
/// words are missing waits until they are written (the refusal names the pages).
pub async fn publish_story(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    slug: &str,
    version: i32,
) -> Result<()> {
    let (city, s) = load(store, actor, city_slug, slug, false).await?;
    authorize(
        actor,
        &Action::PublishStory {
            city: crate::city_id(&city),
        },
    )?;
    let fields = store
        .revision_fields::<Story>(s.id, version)
        .await?
        .or_else(|| {
            (version == s.version)
                .then(|| serde_json::from_value(s.document.clone()).ok())
                .flatten()
        })
        .ok_or(ServiceError::NotFound)?;
    let problems = fields.publish_problems();
    if !problems.is_empty() {
        return Err(ServiceError::Invalid(problems));
    }
    if store
        .publish_story(s.id, version, crate::auth::now())
        .await?
    {
        Ok(())
    } else {
        Err(ServiceError::NotFound)
    }
}

/// Deletes a story: like publishing, the coordinator's call. It is also taken away from
/// readers, so restoring it (an editor may) brings back a draft, not a published story.
pub async fn delete_story(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    slug: &str,
    version: i32,
) -> Result<i32> {
    let (city, s) = load(store, actor, city_slug, slug, false).await?;
    authorize(
        actor,
        &Action::PublishStory {
            city: crate::city_id(&city),
        },
    )?;
    let deleted = apply::<Story>(store, actor, s.id, version, Change::Delete).await?;
    // After the delete, so a refused one (a stale version) leaves readers their story.
    store.unpublish_story(s.id).await?;
    Ok(deleted)
}

pub async fn restore_story(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    slug: &str,
    to_version: i32,
    expected: Option<i32>,
) -> Result<i32> {
    let (_, s) = load(store, actor, city_slug, slug, true).await?;
    apply::<Story>(
        store,
        actor,
        s.id,
        expected.unwrap_or(s.version),
        Change::Restore(to_version),
    )
    .await
}

pub async fn story_history(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    slug: &str,
) -> Result<History> {
    let (city, s) = load(store, actor, city_slug, slug, true).await?;
    history_of::<Story>(store, s.id, &city.slug, &s.slug).await
}
