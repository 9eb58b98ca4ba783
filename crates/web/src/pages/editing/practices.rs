//! Writing a practice: from a programme in two clicks (the button, then the form it
//! opens, filled in from the programme), the shared form, the review steps and the
//! adoption form on the practice's page.

use forja_core::LocalizedText;
use forja_core::edit::{
    Choice, DEFAULT_LICENCE, EVIDENCE_LEVELS, LICENCES, PracticeChoices, PracticeFields,
};
use forja_services::practices::{self, ReviewStep};

use super::forms::{FormKind, Opened};
use super::*;
use crate::pages::practices::practice_page;

fn picks(tr: Tr, choices: &PracticeChoices) -> Picks {
    let list = |items: &[Choice]| {
        items
            .iter()
            .map(|c| (c.code.clone(), tr.txt(&c.label)))
            .collect::<Vec<_>>()
    };
    let programmes = std::iter::once((String::new(), tr.t("pick-none")))
        .chain(list(&choices.programmes))
        .collect();
    let codes = |prefix: &str, codes: &[&str]| {
        codes
            .iter()
            .map(|c| ((*c).to_owned(), tr.code(prefix, &message_code(c))))
            .collect::<Vec<_>>()
    };
    Picks::from([
        ("programme", programmes),
        ("indicators", list(&choices.indicators)),
        ("target_groups", list(&choices.target_groups)),
        ("kflc", list(&choices.kflc)),
        ("sdg", list(&choices.sdg)),
        ("challenges", list(&choices.challenges)),
        ("evidence", codes("evidence", &EVIDENCE_LEVELS)),
        ("licence", codes("licence", &LICENCES)),
    ])
}

/// A code as part of a message id (`CC-BY-4.0` is `cc-by-4-0`).
pub(crate) fn message_code(code: &str) -> String {
    code.to_ascii_lowercase().replace('.', "-")
}

pub struct PracticeForm;

impl FormKind for PracticeForm {
    type Key = String;
    const FIELDS: &'static [&'static str] = PracticeFields::FIELDS;
    const GROUPS: &'static [Group] = &[];

    fn base(slug: &String) -> String {
        format!("/practices/{slug}")
    }

    fn title(tr: Tr, values: &RawInput) -> String {
        tr.t1("edit-practice-title", "title", first_text(values, "title"))
    }

    async fn open(
        state: &AppState,
        user: &SignedInUser,
        tr: Tr,
        slug: &String,
    ) -> Result<Opened, ServiceError> {
        let (_, p) = practices::practice_for_edit(&state.store, user.actor(), slug).await?;
        let mut values = p.fields.to_input();
        // A practice written before licences were chosen reads as the default one.
        if values.get("licence").is_none_or(|l| l.is_empty()) {
            values.insert("licence".into(), DEFAULT_LICENCE.into());
        }
        Ok(Opened {
            values,
            version: p.version,
            picks: picks(tr, &p.choices),
            delete: None,
            related: None,
        })
    }

    async fn save(
        state: &AppState,
        user: &SignedInUser,
        slug: &String,
        input: &RawInput,
        _writing: Writing,
        version: i32,
    ) -> Result<String, ServiceError> {
        practices::edit_practice(&state.store, user.actor(), slug, input, version).await?;
        Ok(format!("/practices/{slug}"))
    }
}

/// "Write up as a good practice" on a programme's page: makes the draft (or finds the
/// one already written) and opens its form.
pub async fn from_programme(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    Path((city, programme)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let slug =
        practices::practice_from_programme(&state.store, user.actor(), &city, &programme).await?;
    Ok(Redirect::to(&format!("/practices/{slug}/edit")).into_response())
}

/// The coordinator sends the draft to network staff.
pub async fn submit(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path(slug): Path<String>,
    axum::Form(sent): axum::Form<FormPairs>,
) -> Result<Response, PageError> {
    take_step(&state, &user, &ctx, &slug, &sent, Some(ReviewStep::Submit)).await
}

/// Network staff pass, return or publish (the form's `step`).
pub async fn review(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path(slug): Path<String>,
    axum::Form(sent): axum::Form<FormPairs>,
) -> Result<Response, PageError> {
    take_step(&state, &user, &ctx, &slug, &sent, None).await
}

/// A step of the review from the buttons on the practice's page. A refused step comes
/// back on the page with the reason beside the note.
async fn take_step(
    state: &AppState,
    user: &SignedInUser,
    ctx: &PageCtx,
    slug: &str,
    sent: &FormPairs,
    fixed: Option<ReviewStep>,
) -> Result<Response, PageError> {
    let (input, version) = form_input(sent)?;
    let step = match fixed {
        Some(step) => step,
        None => input
            .get("step")
            .and_then(|s| ReviewStep::from_code(s))
            .filter(|s| *s != ReviewStep::Submit)
            .ok_or(Failure::BadParameter {
                name: "step",
                allowed: Allowed::Codes("pass, return, publish".into()),
            })?,
    };
    let note = input.get("note").map(String::as_str);
    match practices::review_practice(&state.store, user.actor(), slug, step, version, note).await {
        Ok(_) => Ok(Redirect::to(&format!("/practices/{slug}")).into_response()),
        Err(ServiceError::Invalid(problems)) => {
            let errors = problems.iter().map(FieldError::from_problem).collect();
            practice_page(state, ctx, slug, errors, input).await
        }
        Err(other) => Err(other.into()),
    }
}

/// The person's city records that it took the practice up.
pub async fn adopt(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path(slug): Path<String>,
    axum::Form(sent): axum::Form<FormPairs>,
) -> Result<Response, PageError> {
    let input = form_fields(&sent);
    let mut note = LocalizedText::new();
    for lang in EDIT_LANGUAGES {
        if let Some(t) = input.get(&format!("note_{lang}")).map(|t| t.trim())
            && !t.is_empty()
        {
            note.insert(lang, t.to_owned());
        }
    }
    let year = input.get("year").map_or("", String::as_str);
    match practices::adopt_practice(&state.store, user.actor(), &slug, year, &note).await {
        Ok(()) => Ok(Redirect::to(&format!("/practices/{slug}#travelled")).into_response()),
        Err(ServiceError::Invalid(problems)) => {
            let errors = problems.iter().map(FieldError::from_problem).collect();
            practice_page(&state, &ctx, &slug, errors, input).await
        }
        Err(other) => Err(other.into()),
    }
}
