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
        inputs: inputs(tr, CityFields::FIELDS, values, errors, &Picks::new()),
        groups: vec![],
        errors: error_summary(tr, errors),
        conflict,
        delete: None,
        related: None,
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
    Form(form): Form<FormPairs>,
) -> Result<Response, PageError> {
    let (input, version) = form_input(&form)?;
    let result = editing::edit_city(&state.store, user.actor(), &city, &input, version)
        .await
        .map(|_| format!("/cities/{city}"));
    let current = || async {
        let c = editing::city_for_edit(&state.store, user.actor(), &city).await?;
        Ok((c.fields.to_input(), c.version))
    };
    answer_save(
        result,
        ctx.tr,
        CityFields::FIELDS,
        &input,
        version,
        current,
        |values, version, errors, conflict| {
            city_page(&ctx, &city, values, version, errors, conflict)
        },
    )
    .await
}
