//! `/cities/{slug}/people`: the accounts of a city, for its coordinators and network
//! admins — add a person (the generated password is shown once), change roles.

use std::collections::HashMap;
use std::sync::Arc;

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use forja_services::ServiceError;
use forja_services::people::{self, CITY_ROLES, Person};

use super::{Layout, PageCtx, render};
use crate::auth::SignedInUser;
use crate::error::{FieldError, PageError};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "people.html")]
struct PeoplePage {
    l: Layout,
    city: String,
    people: Vec<Person>,
    roles: Vec<(String, String)>,
    organisations: Vec<(i32, String)>,
    errors: Vec<String>,
    /// What was typed in the add form, kept on error.
    email: String,
    name: String,
    /// After adding: (email, password) shown once.
    added: Option<(String, String)>,
}

impl PeoplePage {
    /// Whether a person's organisation is this one (for `selected`).
    fn is_organisation(&self, person: &Option<i32>, id: &i32) -> bool {
        *person == Some(*id)
    }
}

async fn page(
    state: &AppState,
    user: &SignedInUser,
    ctx: &PageCtx,
    city: &str,
    errors: &[FieldError],
    typed: (&str, &str),
    added: Option<(String, String)>,
) -> Result<Response, PageError> {
    let tr = ctx.tr;
    let people = people::people(&state.store, user.actor(), city).await?;
    let organisations = people::organisations(&state.store, user.actor(), city)
        .await?
        .into_iter()
        .map(|(id, n)| (id, tr.txt(&n)))
        .collect();
    let page = PeoplePage {
        l: Layout::for_ctx(ctx, tr.t("people-title"), format!("/cities/{city}/people")),
        city: city.to_owned(),
        people,
        roles: CITY_ROLES
            .iter()
            .map(|r| (r.code().to_owned(), tr.code("role", r.code())))
            .collect(),
        organisations,
        errors: errors
            .iter()
            .map(|e| {
                format!(
                    "{}: {}",
                    tr.t(&format!("people-field-{}", e.field)),
                    e.text(tr)
                )
            })
            .collect(),
        email: typed.0.to_owned(),
        name: typed.1.to_owned(),
        added,
    };
    let mut response = render(&page)?;
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if !errors.is_empty() {
        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(response)
}

pub async fn list(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path(city): Path<String>,
) -> Result<Response, PageError> {
    page(&state, &user, &ctx, &city, &[], ("", ""), None).await
}

fn field(form: &HashMap<String, String>, name: &str) -> String {
    form.get(name).cloned().unwrap_or_default()
}

pub async fn add(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path(city): Path<String>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let (email, name) = (field(&form, "email"), field(&form, "name"));
    match people::add_person(
        &state.store,
        user.actor(),
        &city,
        &email,
        &name,
        &field(&form, "role"),
        &field(&form, "organisation"),
    )
    .await
    {
        Ok(added) => page(&state, &user, &ctx, &city, &[], ("", ""), Some(added)).await,
        Err(ServiceError::Invalid(problems)) => {
            let errors: Vec<FieldError> = problems.iter().map(FieldError::from_problem).collect();
            page(&state, &user, &ctx, &city, &errors, (&email, &name), None).await
        }
        Err(other) => Err(other.into()),
    }
}

pub async fn change_role(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path((city, id)): Path<(String, i32)>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    match people::change_role(
        &state.store,
        user.actor(),
        &city,
        id,
        &field(&form, "role"),
        &field(&form, "organisation"),
    )
    .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/cities/{city}/people")).into_response()),
        Err(ServiceError::Invalid(problems)) => {
            let errors: Vec<FieldError> = problems.iter().map(FieldError::from_problem).collect();
            page(&state, &user, &ctx, &city, &errors, ("", ""), None).await
        }
        Err(other) => Err(other.into()),
    }
}
