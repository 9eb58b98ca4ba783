//! Editing a city's profile.

use super::*;

/// The form; `saved` is what is stored, whose name heads the page (not a name just
/// typed, and maybe refused).
fn city_page(
    ctx: &PageCtx,
    city: &str,
    (saved, values): (&RawInput, &RawInput),
    version: i32,
    errors: &[FieldError],
    conflict: Conflict,
) -> EditPage {
    let tr = ctx.tr;
    let name = saved
        .get("name_ro")
        .filter(|t| !t.is_empty())
        .or(saved.get("name_en"))
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
    let saved = for_form(ctx.tr, &c.fields.to_input());
    no_store(render(&city_page(
        &ctx,
        &city,
        (&saved, &saved),
        c.version,
        &[],
        Conflict::default(),
    ))?)
}

pub async fn save_city(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path(city): Path<String>,
    Form(form): Form<FormPairs>,
) -> Result<Response, PageError> {
    let now = editing::city_for_edit(&state.store, user.actor(), &city).await?;
    let (store, actor, slug) = (&state.store, user.actor(), &city);
    let save = |input: RawInput, version| async move {
        editing::edit_city(store, actor, slug, &input, writing(ctx.tr), version)
            .await
            .map(|_| format!("/cities/{slug}"))
    };
    let saved = for_form(ctx.tr, &now.fields.to_input());
    save_with(
        &form,
        ctx.tr,
        &[],
        &saved,
        save,
        |values, version, errors, conflict| {
            city_page(&ctx, &city, (&saved, values), version, errors, conflict)
        },
    )
    .await
}
