//! Editing a city's profile.

use super::*;

fn city_page(
    ctx: &PageCtx,
    city: &str,
    values: &RawInput,
    version: i32,
    errors: &[FieldError],
    conflict: Vec<(String, String, String)>,
) -> EditPage {
    let tr = ctx.tr;
    let name = values
        .get("name_ro")
        .filter(|t| !t.is_empty())
        .or(values.get("name_en"))
        .cloned()
        .unwrap_or_default();
    let base = format!("/cities/{city}");
    EditPage {
        l: Layout::for_ctx(
            ctx,
            tr.t1("edit-city-title", "name", name),
            format!("{base}/edit"),
        ),
        action: format!("{base}/edit"),
        base,
        version,
        inputs: inputs(tr, CityFields::FIELDS, values, errors),
        errors: errors
            .iter()
            .map(|e| {
                format!(
                    "{}: {}",
                    label(tr, &e.field).0,
                    tr.t1(e.message_id, "detail", &e.detail)
                )
            })
            .collect(),
        conflict,
        delete: None,
    }
}

pub async fn edit_city_form(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path(city): Path<String>,
) -> Result<Response, PageError> {
    let c = editing::city_for_edit(&state.store, user.actor(), &city).await?;
    no_store(render(&city_page(
        &ctx,
        &city,
        &c.fields.to_input(),
        c.version,
        &[],
        vec![],
    ))?)
}

pub async fn save_city(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path(city): Path<String>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let (input, version) = form_input(&form)?;
    match editing::edit_city(&state.store, user.actor(), &city, &input, version).await {
        Ok(_) => Ok(Redirect::to(&format!("/cities/{city}")).into_response()),
        Err(ServiceError::Invalid(problems)) => {
            let errors: Vec<FieldError> = problems.iter().map(FieldError::from_problem).collect();
            with_status(
                &city_page(&ctx, &city, &input, version, &errors, vec![]),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(ServiceError::Conflict { .. }) => {
            let current = editing::city_for_edit(&state.store, user.actor(), &city).await?;
            let conflict = differences(
                ctx.tr,
                CityFields::FIELDS,
                &current.fields.to_input(),
                &input,
            );
            with_status(
                &city_page(&ctx, &city, &input, current.version, &[], conflict),
                StatusCode::CONFLICT,
            )
        }
        Err(other) => Err(other.into()),
    }
}
