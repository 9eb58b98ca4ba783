//! Publishing a partner request (the shared form, within the city), answering one and
//! closing one (forms on the request's page).

use forja_core::edit::{PARTNER_KINDS, RequestChoices, RequestFields};
use forja_services::requests;

use super::forms::{FormKind, NewKind, Opened};
use super::*;
use crate::pages::requests::request_page;

fn picks(tr: Tr, choices: &RequestChoices) -> Picks {
    let nodes = |items: &[forja_core::edit::Choice]| {
        items
            .iter()
            .map(|c| (c.code.clone(), format!("{} {}", c.code, tr.txt(&c.label))))
            .collect::<Vec<_>>()
    };
    Picks::from([
        ("kflc", nodes(&choices.kflc)),
        ("sdg", nodes(&choices.sdg)),
        (
            "partner_kinds",
            PARTNER_KINDS
                .iter()
                .map(|k| ((*k).to_owned(), tr.code("partner-kind", k)))
                .collect(),
        ),
    ])
}

pub struct RequestForm;

impl FormKind for RequestForm {
    type Key = String;
    const FIELDS: &'static [&'static str] = RequestFields::FIELDS;
    const GROUPS: &'static [Group] = &[];

    fn base(slug: &String) -> String {
        format!("/requests/{slug}")
    }

    fn title(tr: Tr, values: &RawInput) -> String {
        tr.t1("edit-request-title", "title", first_text(values, "title"))
    }

    async fn open(
        state: &AppState,
        user: &SignedInUser,
        tr: Tr,
        slug: &String,
    ) -> Result<Opened, ServiceError> {
        let r = requests::request_for_edit(&state.store, user.actor(), slug).await?;
        Ok(Opened {
            values: r.fields.to_input(),
            version: r.version,
            picks: picks(tr, &r.choices),
            delete: None,
            related: None,
        })
    }

    async fn save(
        state: &AppState,
        user: &SignedInUser,
        slug: &String,
        input: &RawInput,
        writing: Writing,
        version: i32,
    ) -> Result<String, ServiceError> {
        requests::edit_request(&state.store, user.actor(), slug, input, writing, version).await?;
        Ok(format!("/requests/{slug}"))
    }
}

pub struct NewRequest;

impl NewKind for NewRequest {
    const FIELDS: &'static [&'static str] = RequestFields::FIELDS;
    const GROUPS: &'static [Group] = &[];

    fn base(city: &str) -> String {
        format!("/cities/{city}/requests")
    }

    fn title(tr: Tr) -> String {
        tr.t("new-request-title")
    }

    async fn open(
        state: &AppState,
        user: &SignedInUser,
        tr: Tr,
        city: &str,
    ) -> Result<(RawInput, Picks), ServiceError> {
        if !requests::may_request(&state.store, user.actor(), city).await? {
            return Err(ServiceError::Forbidden);
        }
        let choices = requests::request_choices(&state.store).await?;
        let start = RawInput::from([(
            "reply_cap".to_owned(),
            forja_core::edit::DEFAULT_REPLY_CAP.to_string(),
        )]);
        Ok((start, picks(tr, &choices)))
    }

    async fn create(
        state: &AppState,
        user: &SignedInUser,
        city: &str,
        input: &RawInput,
        writing: Writing,
    ) -> Result<String, ServiceError> {
        let slug =
            requests::create_request(&state.store, user.actor(), city, input, writing).await?;
        Ok(format!("/requests/{slug}"))
    }
}

/// Another city's editor answers. A refusal comes back on the page, beside the box,
/// with what was typed.
pub async fn reply(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path(slug): Path<String>,
    axum::Form(sent): axum::Form<FormPairs>,
) -> Result<Response, PageError> {
    let input = form_fields(&sent);
    let message = input.get("message").map_or("", String::as_str);
    match requests::reply(&state.store, user.actor(), &slug, message).await {
        Ok(()) => Ok(Redirect::to(&format!("/requests/{slug}#replies")).into_response()),
        Err(ServiceError::Invalid(problems)) => {
            let errors = problems.iter().map(FieldError::from_problem).collect();
            request_page(&state, &ctx, &slug, errors, message.to_owned()).await
        }
        Err(other) => Err(other.into()),
    }
}

/// Its city closes the request.
pub async fn close(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    requests::close_request(&state.store, user.actor(), &slug).await?;
    Ok(Redirect::to(&format!("/requests/{slug}")).into_response())
}

/// `/cities/{city}/requests`: the city's requests are in the network's list.
pub async fn city_list(Path(_city): Path<String>) -> Response {
    Redirect::to("/requests").into_response()
}
