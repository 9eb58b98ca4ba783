//! The story editor: a city's stories, a story's settings and outline (chapters and the
//! order of pages, one button per step, so it all works without JavaScript; drag and drop
//! and the live preview come on top with `story-editor.js`), one page at a time with its
//! media pickers and a preview beside it, publishing, history.

use forja_core::edit::{MediaChoice, OVERLAYS, PAGE_KINDS, PageChoices, STORY_LANGUAGES};
use forja_core::story::StoryFields;
use forja_services::editing::StoryForEdit;

use super::*;
use crate::pages::stories::{Showing, render_story};

/// A story in the editors' list.
pub struct Listed {
    pub slug: String,
    pub title: String,
    pub language: String,
    pub pages: usize,
    /// "Published (version 4)" or "Draft, not published".
    pub state: String,
    pub deleted: bool,
}

#[derive(Template)]
#[template(path = "stories.html")]
struct StoriesPage {
    l: Layout,
    city: String,
    stories: Vec<Listed>,
    /// Some are deleted: they get their own list, with their history.
    any_deleted: bool,
    new_inputs: Vec<Input>,
    errors: Vec<String>,
}

fn listed(tr: Tr, s: forja_services::editing::StoryListing) -> Listed {
    let state = match s.published_version {
        Some(v) if v == s.version => tr.t("story-state-published"),
        Some(v) => tr.t1("story-state-published-older", "version", v),
        None => tr.t("story-state-draft"),
    };
    Listed {
        title: s.title,
        language: tr.code("language", &s.language),
        pages: s.pages,
        state,
        deleted: s.deleted,
        slug: s.slug,
    }
}

fn language_picks(tr: Tr) -> Picks {
    let languages = STORY_LANGUAGES
        .iter()
        .map(|l| ((*l).to_owned(), tr.code("language", l)))
        .collect();
    Picks::from([("language", languages)])
}

fn stories_page(
    ctx: &PageCtx,
    city: &str,
    stories: Vec<forja_services::editing::StoryListing>,
    values: &RawInput,
    errors: &[FieldError],
) -> StoriesPage {
    let tr = ctx.tr;
    StoriesPage {
        l: Layout::for_ctx(
            ctx,
            tr.t("stories-title"),
            format!("/cities/{city}/stories"),
        ),
        city: city.to_owned(),
        any_deleted: stories.iter().any(|s| s.deleted),
        stories: stories.into_iter().map(|s| listed(tr, s)).collect(),
        new_inputs: inputs(
            tr,
            forja_services::editing::NEW_STORY_FIELDS,
            values,
            errors,
            &language_picks(tr),
        ),
        errors: error_summary(tr, errors),
    }
}

/// `/cities/{slug}/stories`: the city's stories with their state and a form for a new one.
pub async fn list(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path(city): Path<String>,
) -> Result<Response, PageError> {
    let stories = editing::stories_for_editors(&state.store, Some(user.actor()), &city)
        .await?
        .ok_or(Failure::Forbidden)?;
    let values = RawInput::from([("language".to_owned(), ctx.tr.locale.code().to_owned())]);
    no_store(render(&stories_page(&ctx, &city, stories, &values, &[]))?)
}

pub async fn create(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path(city): Path<String>,
    axum::Form(sent): axum::Form<FormPairs>,
) -> Result<Response, PageError> {
    let input = form_fields(&sent);
    match editing::create_story(&state.store, user.actor(), &city, &input).await {
        Ok(slug) => {
            Ok(Redirect::to(&format!("/cities/{city}/stories/{slug}/edit")).into_response())
        }
        Err(ServiceError::Invalid(problems)) => {
            let errors: Vec<FieldError> = problems.iter().map(FieldError::from_problem).collect();
            let stories = editing::stories_for_editors(&state.store, Some(user.actor()), &city)
                .await?
                .unwrap_or_default();
            let mut response = render(&stories_page(&ctx, &city, stories, &input, &errors))?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            no_store(response)
        }
        Err(other) => Err(other.into()),
    }
}

/// A page in the outline.
pub struct OutlinePage {
    pub n: usize,
    pub kind: String,
    /// Its first words, to know it by.
    pub summary: String,
    pub unfinished: bool,
    /// It can go a step up or down (within or across chapters).
    pub up: bool,
    pub down: bool,
}

pub struct OutlineChapter {
    pub index: usize,
    pub title: String,
    pub error: String,
    pub pages: Vec<OutlinePage>,
    pub last: bool,
}

#[derive(Template)]
#[template(path = "story_edit.html")]
struct StoryEditPage {
    l: Layout,
    script: &'static str,
    city: String,
    base: String,
    version: i32,
    settings: Vec<Input>,
    chapters: Vec<OutlineChapter>,
    kinds: Vec<(String, String)>,
    new_chapter_error: String,
    errors: Vec<String>,
    /// Someone saved in between: the outline shown is theirs.
    conflict: bool,
    /// The settings both changed, when the settings form met another save.
    merge: Conflict,
    publish_state: String,
    may_publish: bool,
    /// Readers see this very version: nothing to publish.
    published_current: bool,
    unfinished: String,
}

fn page_summary(tr: Tr, page: &forja_core::story::Page) -> String {
    if forja_core::story::Page::fields(page.kind()).is_empty() {
        return tr.t("story-page-made");
    }
    let input = page.to_input();
    let words = ["title", "text", "words", "fact"]
        .iter()
        .filter_map(|k| input.get(*k))
        .find(|v| !v.trim().is_empty())
        // A text page's Markdown, without its marks.
        .map(|v| crate::markdown::plain_text(v))
        .map(|v| {
            let short: String = v.chars().take(60).collect();
            if v.chars().count() > 60 {
                format!("{short}…")
            } else {
                short
            }
        });
    words.unwrap_or_else(|| tr.t("story-page-empty"))
}

/// How the settings form comes back: its values, the version it posts, and what both
/// editors changed when it met another save.
struct SettingsForm<'a> {
    values: &'a RawInput,
    version: i32,
    merge: Conflict,
}

fn edit_page(
    ctx: &PageCtx,
    city: &str,
    s: &StoryForEdit,
    settings: SettingsForm,
    errors: &[FieldError],
    conflict: bool,
) -> StoryEditPage {
    let settings_values = settings.values;
    let tr = ctx.tr;
    let base = format!("/cities/{city}/stories/{}", s.slug);
    let unfinished = s.fields.unfinished();
    let mut chapters = Vec::new();
    for (i, ch) in s.fields.chapters.iter().enumerate() {
        let pages = s
            .fields
            .pages()
            .filter(|(_, c, _)| *c == i)
            .map(|(n, _, p)| OutlinePage {
                n,
                kind: tr.code("page-kind", p.kind()),
                summary: page_summary(tr, p),
                unfinished: unfinished.contains(&n),
                up: s.fields.can_move(n, true),
                down: s.fields.can_move(n, false),
            })
            .collect();
        let field = format!("chapter_{i}");
        chapters.push(OutlineChapter {
            index: i,
            title: ch.title.clone(),
            error: errors
                .iter()
                .filter(|e| e.field == field || e.field == format!("kind_{i}"))
                .map(|e| e.text(tr))
                .collect::<Vec<_>>()
                .join(" "),
            pages,
            last: i + 1 == s.fields.chapters.len(),
        });
    }
    let publish_state = match s.published_version {
        Some(v) if v == s.version => tr.t("story-state-published"),
        Some(v) => tr.t1("story-state-published-older", "version", v),
        None => tr.t("story-state-draft"),
    };
    StoryEditPage {
        script: crate::assets::editor_script_path(),
        l: Layout::for_ctx(
            ctx,
            tr.t1("story-edit-title", "title", &s.fields.title),
            format!("{base}/edit"),
        ),
        city: city.to_owned(),
        version: settings.version,
        merge: settings.merge,
        settings: inputs(tr, StoryFields::SETTINGS, settings_values, errors, &{
            let mut picks = language_picks(tr);
            let others = std::iter::once((String::new(), tr.t("story-no-translation")))
                .chain(s.others.iter().cloned())
                .collect();
            picks.insert("translation_of", others);
            picks
        }),
        chapters,
        kinds: PAGE_KINDS
            .iter()
            .map(|k| ((*k).to_owned(), tr.code("page-kind", k)))
            .collect(),
        new_chapter_error: errors
            .iter()
            .filter(|e| e.field == "new_chapter")
            .map(|e| e.text(tr))
            .collect::<Vec<_>>()
            .join(" "),
        errors: outline_summary(tr, errors),
        conflict,
        publish_state,
        may_publish: s.may_publish,
        published_current: s.published_version == Some(s.version),
        unfinished: unfinished
            .iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        base,
    }
}

/// The problems of the editor's forms, each named: outline fields are per chapter
/// (`chapter_2`, `kind_2`), and say "Chapter 3".
fn outline_summary(tr: Tr, errors: &[FieldError]) -> Vec<String> {
    errors
        .iter()
        .map(|e| {
            let chapter = e
                .field
                .strip_prefix("chapter_")
                .or_else(|| e.field.strip_prefix("kind_"))
                .and_then(|i| i.parse::<usize>().ok());
            match chapter {
                Some(i) => format!("{}: {}", tr.t1("row-chapter", "n", i + 1), e.text(tr)),
                None => error_summary(tr, std::slice::from_ref(e)).remove(0),
            }
        })
        .collect()
}

/// `/cities/{slug}/stories/{story}/edit`: settings, outline, publishing.
pub async fn edit(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path((city, slug)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let s = editing::story_for_edit(&state.store, user.actor(), &city, &slug).await?;
    let settings = SettingsForm {
        values: &s.fields.settings_input(),
        version: s.version,
        merge: Conflict::default(),
    };
    no_store(render(&edit_page(&ctx, &city, &s, settings, &[], false))?)
}

/// Answers a settings, outline or publish form: back to the editor when it went through,
/// the editor with the problems (422) or with what is stored now (409) when not.
async fn answer(
    state: &AppState,
    user: &SignedInUser,
    ctx: &PageCtx,
    (city, slug): (&str, &str),
    result: Result<(), ServiceError>,
    typed_settings: Option<&RawInput>,
) -> Result<Response, PageError> {
    let (errors, conflict, status) = match result {
        Ok(()) => {
            let to = format!("/cities/{city}/stories/{slug}/edit");
            return Ok(Redirect::to(&to).into_response());
        }
        Err(ServiceError::Invalid(problems)) => (
            problems.iter().map(FieldError::from_problem).collect(),
            false,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(ServiceError::Conflict { .. }) => (Vec::new(), true, StatusCode::CONFLICT),
        Err(other) => return Err(other.into()),
    };
    let s = editing::story_for_edit(&state.store, user.actor(), city, slug).await?;
    let settings = match typed_settings {
        Some(typed) if !conflict => typed.clone(),
        _ => s.fields.settings_input(),
    };
    let form = SettingsForm {
        values: &settings,
        version: s.version,
        merge: Conflict::default(),
    };
    let mut response = render(&edit_page(ctx, city, &s, form, &errors, conflict))?;
    *response.status_mut() = status;
    no_store(response)
}

pub async fn save_settings(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path((city, slug)): Path<(String, String)>,
    axum::Form(sent): axum::Form<FormPairs>,
) -> Result<Response, PageError> {
    let (input, version) = form_input(&sent)?;
    let s = editing::story_for_edit(&state.store, user.actor(), &city, &slug).await?;
    // Back from a delete confirmation: the typed settings again, nothing saved.
    if add_pressed(&sent).is_some() {
        let form = SettingsForm {
            values: &input,
            version,
            merge: Conflict::default(),
        };
        return no_store(render(&edit_page(&ctx, &city, &s, form, &[], false))?);
    }
    let (store, actor, city_ref, slug_ref) = (&state.store, user.actor(), &city, &slug);
    let save = |input: RawInput, version| async move {
        editing::save_story_settings(store, actor, city_ref, slug_ref, &input, version)
            .await
            .map(|_| format!("/cities/{city_ref}/stories/{slug_ref}/edit"))
    };
    save_with(
        &sent,
        ctx.tr,
        &[],
        &s.fields.settings_input(),
        save,
        |values, version, errors, merge| {
            let form = SettingsForm {
                values,
                version,
                merge,
            };
            edit_page(&ctx, &city, &s, form, errors, false)
        },
    )
    .await
}

pub async fn outline(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path((city, slug)): Path<(String, String)>,
    axum::Form(sent): axum::Form<FormPairs>,
) -> Result<Response, PageError> {
    let (input, version) = form_input(&sent)?;
    // A page moved by its buttons: the outline comes back at that page, so the
    // keyboard carries on from it (story-editor.js puts the focus on its button).
    let moved = match input.get("op").and_then(|op| op.split_once(':')) {
        Some(("page-up", n)) => n.parse::<usize>().ok().map(|n| (n, true)),
        Some(("page-down", n)) => n.parse::<usize>().ok().map(|n| (n, false)),
        _ => None,
    };
    let landing = match moved {
        Some((n, up)) => editing::story_for_edit(&state.store, user.actor(), &city, &slug)
            .await
            .ok()
            .map(|s| s.fields.moved_to(n, up)),
        None => None,
    };
    let result =
        editing::change_story_outline(&state.store, user.actor(), &city, &slug, &input, version)
            .await
            .map(|_| ());
    match (result, landing) {
        (Ok(()), Some(n)) => Ok(Redirect::to(&format!(
            "/cities/{city}/stories/{slug}/edit#outline-page-{n}"
        ))
        .into_response()),
        (result, _) => answer(&state, &user, &ctx, (&city, &slug), result, None).await,
    }
}

/// `POST …/delete`: the coordinator takes a story away; its history can restore it.
pub async fn delete(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path((city, slug)): Path<(String, String)>,
    axum::Form(sent): axum::Form<FormPairs>,
) -> Result<Response, PageError> {
    if !confirmed(&sent) {
        let s = editing::story_for_edit(&state.store, user.actor(), &city, &slug).await?;
        if !s.may_publish {
            return Err(Failure::Forbidden.into());
        }
        let ask = DeleteAsk::new(s.fields.title, format!("/cities/{city}/stories/{slug}"));
        return confirm_delete(&ctx, ask, &sent);
    }
    let (_, version) = form_input(&sent)?;
    match editing::delete_story(&state.store, user.actor(), &city, &slug, version).await {
        Ok(_) => Ok(Redirect::to(&format!("/cities/{city}/stories")).into_response()),
        Err(e) => answer(&state, &user, &ctx, (&city, &slug), Err(e), None).await,
    }
}

pub async fn publish(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path((city, slug)): Path<(String, String)>,
    axum::Form(sent): axum::Form<FormPairs>,
) -> Result<Response, PageError> {
    let (_, version) = form_input(&sent)?;
    let result = editing::publish_story(&state.store, user.actor(), &city, &slug, version).await;
    answer(&state, &user, &ctx, (&city, &slug), result, None).await
}

#[derive(Template)]
#[template(path = "story_page_edit.html")]
struct PageEditPage {
    l: Layout,
    script: &'static str,
    base: String,
    n: usize,
    count: usize,
    version: i32,
    inputs: Vec<Input>,
    errors: Vec<String>,
    /// The fields both editors changed, when the form met another save.
    conflict: Conflict,
    /// Some media are still being made: the pickers list them, pages show them later.
    processing: bool,
    /// Words over the page's picture would be hard to read: what to do (or empty).
    contrast: String,
    city: String,
}

/// The warning for words over a page's picture below AA contrast, saying how much to
/// darken it (or to choose another), empty when they read well or nothing is known.
fn contrast_warning(tr: Tr, s: &StoryForEdit, page: &forja_core::story::Page) -> String {
    use forja_core::story::{AA_TEXT, Page, Position};
    let (background, overlay, position) = match page {
        Page::Cover {
            background,
            overlay,
            ..
        }
        | Page::Quote {
            background,
            overlay,
            ..
        }
        | Page::Fact {
            background,
            overlay,
            ..
        } => (background, *overlay, Position::Centre),
        Page::Text {
            background,
            overlay,
            position,
            ..
        } => (background, *overlay, *position),
        _ => return String::new(),
    };
    let Some(backdrop) = background
        .and_then(|id| s.choices.media.iter().find(|m| m.id == id))
        .and_then(|m| m.backdrop())
    else {
        return String::new();
    };
    let text = s.fields.theme.dimmest_text();
    let ratio = backdrop.words_contrast(overlay, position, text);
    if ratio >= AA_TEXT {
        return String::new();
    }
    // Rounded down, so 4.49 never reads as enough.
    let shown = forja_core::format::number((ratio * 10.0).floor() / 10.0, 1, tr.locale);
    match backdrop.overlay_needed(position, text) {
        Some(needed) => tr.t2(
            "story-contrast-low",
            ("ratio", &shown),
            ("overlay", &needed.to_string()),
        ),
        None => tr.t1("story-contrast-hopeless", "ratio", &shown),
    }
}

fn media_label(tr: Tr, m: &MediaChoice) -> String {
    let alt = tr.txt(&m.alt);
    let mut label = format!("{} · {} ({})", tr.code("media-kind", &m.kind), alt, m.name);
    if !m.ready {
        label.push_str(&format!(" · {}", tr.t("media-status-processing")));
    }
    label
}

fn page_picks(tr: Tr, choices: &PageChoices) -> Picks {
    let none = || (String::new(), tr.t("story-no-media"));
    let media = |field: &str| {
        std::iter::once(none())
            .chain(
                choices
                    .media_for(field)
                    .into_iter()
                    .map(|m| (m.id.to_string(), media_label(tr, m))),
            )
            .collect::<Vec<_>>()
    };
    let facts = std::iter::once((String::new(), tr.t("pick-one")))
        .chain(
            choices
                .facts
                .iter()
                .map(|f| (f.code.clone(), tr.txt(&f.label))),
        )
        .collect();
    let positions = ["left", "centre", "right"]
        .iter()
        .map(|p| ((*p).to_owned(), tr.code("position", p)))
        .collect();
    let overlays = OVERLAYS
        .iter()
        .map(|o| (o.to_string(), format!("{o} %")))
        .collect();
    Picks::from([
        ("background", media("background")),
        ("clip", media("clip")),
        ("captions", media("captions")),
        ("fact", facts),
        ("position", positions),
        ("overlay", overlays),
    ])
}

#[allow(clippy::too_many_arguments)]
fn page_edit(
    ctx: &PageCtx,
    city: &str,
    s: &StoryForEdit,
    (n, page): (usize, &forja_core::story::Page),
    values: &RawInput,
    version: i32,
    errors: &[FieldError],
    conflict: Conflict,
) -> PageEditPage {
    let tr = ctx.tr;
    let base = format!("/cities/{city}/stories/{}", s.slug);
    let kind = tr.code("page-kind", page.kind());
    PageEditPage {
        script: crate::assets::editor_script_path(),
        l: Layout::for_ctx(
            ctx,
            tr.t2("story-page-edit-title", ("n", &n), ("kind", &kind)),
            format!("{base}/edit/{n}"),
        ),
        n,
        count: s.fields.page_count(),
        version,
        inputs: inputs(
            tr,
            forja_core::story::Page::fields(page.kind()),
            values,
            errors,
            &page_picks(tr, &s.choices),
        )
        .into_iter()
        .map(|mut i| {
            // An end page's words are one line, not a text page's article.
            if page.kind() == "end" && i.name == "text" {
                i.maxlength = forja_core::edit::MAX_TITLE;
            }
            i
        })
        .collect(),
        errors: error_summary(tr, errors),
        conflict,
        processing: s.choices.media.iter().any(|m| !m.ready),
        contrast: contrast_warning(tr, s, page),
        city: city.to_owned(),
        base,
    }
}

fn page_number(n: &str) -> Result<usize, Failure> {
    n.parse::<usize>()
        .ok()
        .filter(|n| *n >= 1)
        .ok_or(Failure::NotFound)
}

/// `/cities/{slug}/stories/{story}/edit/{n}`: page `n`'s form, with its preview.
pub async fn page_form(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path((city, slug, n)): Path<(String, String, String)>,
) -> Result<Response, PageError> {
    let n = page_number(&n)?;
    let s = editing::story_for_edit(&state.store, user.actor(), &city, &slug).await?;
    let page = s.fields.page(n).ok_or(Failure::NotFound)?;
    no_store(render(&page_edit(
        &ctx,
        &city,
        &s,
        (n, page),
        &page.to_input(),
        s.version,
        &[],
        Conflict::default(),
    ))?)
}

pub async fn save_page(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path((city, slug, n)): Path<(String, String, String)>,
    axum::Form(sent): axum::Form<FormPairs>,
) -> Result<Response, PageError> {
    let n = page_number(&n)?;
    let s = editing::story_for_edit(&state.store, user.actor(), &city, &slug).await?;
    let page = s.fields.page(n).ok_or(Failure::NotFound)?;
    let saved_now = page.to_input();
    let (store, actor, city_ref, slug_ref) = (&state.store, user.actor(), &city, &slug);
    let save = |input: RawInput, version| async move {
        editing::save_story_page(store, actor, city_ref, slug_ref, n, &input, version)
            .await
            .map(|_| format!("/cities/{city_ref}/stories/{slug_ref}/edit/{n}"))
    };
    save_with(
        &sent,
        ctx.tr,
        &[],
        &saved_now,
        save,
        |values, version, errors, conflict| {
            page_edit(
                &ctx,
                &city,
                &s,
                (n, page),
                values,
                version,
                errors,
                conflict,
            )
        },
    )
    .await
}

/// The live preview: the story as readers would see it with page `n` as its form holds
/// it now, nothing saved. The page form posts here into its preview frame.
pub async fn preview(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path((city, slug, n)): Path<(String, String, String)>,
    axum::Form(sent): axum::Form<FormPairs>,
) -> Result<Response, PageError> {
    let n = page_number(&n)?;
    let input = form_fields(&sent);
    let v =
        editing::draft_story(&state.store, user.actor(), &city, &slug, Some((n, &input))).await?;
    if n > v.story.page_count() {
        return Err(Failure::NotFound.into());
    }
    no_store(render_story(ctx.tr, &v, n, Showing::Draft, "")?)
}

/// The saved draft as readers would see it once published.
pub async fn draft(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path((city, slug)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let v = editing::draft_story(&state.store, user.actor(), &city, &slug, None).await?;
    no_store(render_story(ctx.tr, &v, 1, Showing::Draft, "")?)
}

pub async fn draft_at(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path((city, slug, n)): Path<(String, String, String)>,
) -> Result<Response, PageError> {
    let n = page_number(&n)?;
    let v = editing::draft_story(&state.store, user.actor(), &city, &slug, None).await?;
    if n > v.story.page_count() {
        return Err(Failure::NotFound.into());
    }
    no_store(render_story(ctx.tr, &v, n, Showing::Draft, "")?)
}
