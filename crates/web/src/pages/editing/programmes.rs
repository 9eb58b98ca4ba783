//! Creating, editing, deleting and undeleting programmes.

use super::*;

fn programme_page(
    ctx: &PageCtx,
    city: &str,
    slug: &str,
    values: &RawInput,
    version: i32,
    errors: &[FieldError],
    conflict: Vec<(String, String, String)>,
    may_delete: bool,
) -> EditPage {
    let tr = ctx.tr;
    let name = values
        .get("title_en")
        .filter(|t| !t.is_empty())
        .or(values.get("title_ro"))
        .cloned()
        .unwrap_or_default();
    let base = format!("/cities/{city}/programmes/{slug}");
    EditPage {
        l: Layout::for_ctx(
            ctx,
            tr.t1("edit-programme-title", "title", name),
            format!("{base}/edit"),
        ),
        delete: may_delete.then(|| format!("{base}/delete")),
        action: format!("{base}/edit"),
        base,
        version,
        inputs: inputs(tr, ProgrammeFields::FIELDS, values, errors),
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
    }
}

async fn may_delete(state: &AppState, user: &SignedInUser, city: &str) -> bool {
    let city_id = match state.store.city_by_slug(city).await {
        Ok(Some(c)) => forja_core::ids::CityId(i64::from(c.id)),
        _ => return false,
    };
    forja_core::policy::allowed(
        user.actor(),
        &forja_core::policy::Action::CreateOrDeleteProgramme { city: city_id },
    )
}

pub async fn edit_form(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path((city, slug)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let p = editing::programme_for_edit(&state.store, user.actor(), &city, &slug).await?;
    let page = programme_page(
        &ctx,
        &city,
        &slug,
        &p.fields.to_input(),
        p.version,
        &[],
        vec![],
        may_delete(&state, &user, &city).await,
    );
    no_store(render(&page)?)
}

pub async fn save(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path((city, slug)): Path<(String, String)>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let (input, version) = form_input(&form)?;
    let deletable = may_delete(&state, &user, &city).await;
    let result =
        editing::edit_programme(&state.store, user.actor(), &city, &slug, &input, version).await;
    let current = || async {
        let p = editing::programme_for_edit(&state.store, user.actor(), &city, &slug).await?;
        Ok((p.fields.to_input(), p.version))
    };
    answer_save(
        result,
        format!("/cities/{city}/programmes/{slug}"),
        ctx.tr,
        ProgrammeFields::FIELDS,
        &input,
        version,
        current,
        |values, version, errors, conflict| {
            programme_page(
                &ctx, &city, &slug, values, version, errors, conflict, deletable,
            )
        },
    )
    .await
}

pub async fn delete(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    Path((city, slug)): Path<(String, String)>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let (_, version) = form_input(&form)?;
    editing::delete_programme(&state.store, user.actor(), &city, &slug, version).await?;
    Ok(Redirect::to(&format!("/cities/{city}/programmes/deleted")).into_response())
}

/// The fields of a new programme: its address, then the programme's own.
fn new_fields() -> Vec<&'static str> {
    std::iter::once("slug")
        .chain(ProgrammeFields::FIELDS.iter().copied())
        .collect()
}

fn new_programme_page(
    ctx: &PageCtx,
    city: &str,
    values: &RawInput,
    errors: &[FieldError],
) -> EditPage {
    let tr = ctx.tr;
    let base = format!("/cities/{city}/programmes");
    EditPage {
        l: Layout::for_ctx(ctx, tr.t("new-programme-title"), format!("{base}/new")),
        action: format!("{base}/new"),
        base,
        version: 0,
        inputs: inputs(tr, &new_fields(), values, errors),
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
        conflict: vec![],
        delete: None,
    }
}

pub async fn new_programme_form(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path(city): Path<String>,
) -> Result<Response, PageError> {
    if !may_delete(&state, &user, &city).await {
        return Err(PageError(Failure::Forbidden));
    }
    let mut values = RawInput::new();
    values.insert("status".into(), "planned".into());
    values.insert("weight".into(), "1".into());
    no_store(render(&new_programme_page(&ctx, &city, &values, &[]))?)
}

pub async fn create_programme(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path(city): Path<String>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let input: RawInput = form
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "csrf" | "version"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    match editing::create_programme(&state.store, user.actor(), &city, &input).await {
        Ok(slug) => Ok(Redirect::to(&format!("/cities/{city}/programmes/{slug}")).into_response()),
        Err(ServiceError::Invalid(problems)) => {
            let errors: Vec<FieldError> = problems.iter().map(FieldError::from_problem).collect();
            with_status(
                &new_programme_page(&ctx, &city, &input, &errors),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Template)]
#[template(path = "programmes_deleted.html")]
struct DeletedPage {
    l: Layout,
    city: String,
    deleted: Vec<(String, String)>,
}

pub async fn deleted(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path(city): Path<String>,
) -> Result<Response, PageError> {
    let tr = ctx.tr;
    let deleted = editing::deleted_programmes(&state.store, user.actor(), &city)
        .await?
        .into_iter()
        .map(|(slug, fields)| (slug, tr.txt(&fields.title)))
        .collect();
    let l = Layout::for_ctx(
        &ctx,
        tr.t("deleted-title"),
        format!("/cities/{city}/programmes/deleted"),
    );
    no_store(render(&DeletedPage { l, city, deleted })?)
}

/// Undelete: restore the version that recorded the deletion.
pub async fn undelete(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    Path((city, slug)): Path<(String, String)>,
) -> Result<Response, PageError> {
    editing::undelete_programme(&state.store, user.actor(), &city, &slug).await?;
    Ok(Redirect::to(&format!("/cities/{city}/programmes/{slug}")).into_response())
}
