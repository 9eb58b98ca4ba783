//! One pair of handlers (open the form, save it) for every kind that is edited through
//! the shared form: a kind says where it lives, what its form holds and which services
//! open and save it; the handlers do the rest the same way for all.

use std::future::Future;

use serde::de::DeserializeOwned;

use super::*;

/// A thing opened for its form.
pub struct Opened {
    pub values: RawInput,
    pub version: i32,
    pub picks: Picks,
    /// The delete form's address, when the person may delete.
    pub delete: Option<String>,
    pub related: Option<Related>,
}

/// A kind edited through the shared form.
pub trait FormKind: Send + Sync + 'static {
    /// What the address names (the city's slug, and the thing's code).
    type Key: DeserializeOwned + Send + Sync + Clone;
    const FIELDS: &'static [&'static str];
    const GROUPS: &'static [Group];
    /// The most characters a field takes, where this kind differs from the usual.
    fn max_chars(field: &str) -> Option<usize> {
        forja_core::edit::max_chars(field)
    }
    /// The thing's own page (the form lives at `{base}/edit`).
    fn base(key: &Self::Key) -> String;
    fn title(tr: Tr, values: &RawInput) -> String;
    fn open(
        state: &AppState,
        user: &SignedInUser,
        tr: Tr,
        key: &Self::Key,
    ) -> impl Future<Output = Result<Opened, ServiceError>> + Send;
    /// Validates and saves (numbers and dates as `writing` writes them); answers where
    /// to go next.
    fn save(
        state: &AppState,
        user: &SignedInUser,
        key: &Self::Key,
        input: &RawInput,
        writing: Writing,
        version: i32,
    ) -> impl Future<Output = Result<String, ServiceError>> + Send;
}

/// Opens a thing for its form, its values as the reader writes them.
async fn open_for_form<K: FormKind>(
    state: &AppState,
    user: &SignedInUser,
    tr: Tr,
    key: &K::Key,
) -> Result<Opened, ServiceError> {
    let mut opened = K::open(state, user, tr, key).await?;
    opened.values = for_form(tr, &opened.values);
    Ok(opened)
}

#[allow(clippy::too_many_arguments)]
fn page<K: FormKind>(
    ctx: &PageCtx,
    key: &K::Key,
    opened: &Opened,
    values: &RawInput,
    version: i32,
    errors: &[FieldError],
    conflict: Conflict,
    add: Option<&str>,
) -> EditPage {
    let tr = ctx.tr;
    let base = K::base(key);
    let action = format!("{base}/edit");
    EditPage {
        // The heading names what is saved, not what was just typed (and maybe refused).
        l: Layout::for_ctx(ctx, K::title(tr, &opened.values), action.clone()),
        action,
        base,
        version,
        inputs: inputs(tr, K::FIELDS, values, errors, &opened.picks)
            .into_iter()
            .map(|mut i| {
                i.maxlength = K::max_chars(&i.name).unwrap_or(0);
                i
            })
            .collect(),
        groups: row_groups(tr, K::GROUPS, values, errors, &opened.picks, add),
        errors: error_summary(tr, errors),
        conflict,
        delete: opened.delete.clone(),
        related: opened.related.as_ref().map(|r| Related {
            heading: r.heading.clone(),
            links: r.links.clone(),
            add: r.add.clone(),
        }),
    }
}

pub async fn edit_form_of<K: FormKind>(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path(key): Path<K::Key>,
) -> Result<Response, PageError> {
    let opened = open_for_form::<K>(&state, &user, ctx.tr, &key).await?;
    let page = page::<K>(
        &ctx,
        &key,
        &opened,
        &opened.values,
        opened.version,
        &[],
        Conflict::default(),
        None,
    );
    no_store(render(&page)?)
}

pub async fn save_form_of<K: FormKind>(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path(key): Path<K::Key>,
    axum::Form(sent): axum::Form<FormPairs>,
) -> Result<Response, PageError> {
    let (input, version) = form_input(&sent)?;
    let opened = open_for_form::<K>(&state, &user, ctx.tr, &key).await?;
    // "Add a row" shows the form again with one more blank row; nothing is saved.
    if let Some(add) = add_pressed(&sent) {
        let page = page::<K>(
            &ctx,
            &key,
            &opened,
            &input,
            version,
            &[],
            Conflict::default(),
            Some(&add),
        );
        return no_store(render(&page)?);
    }
    let (state, user, key_ref) = (&state, &user, &key);
    let save = |input: RawInput, version| async move {
        K::save(state, user, key_ref, &input, writing(ctx.tr), version).await
    };
    save_with(
        &sent,
        ctx.tr,
        K::GROUPS,
        &opened.values,
        save,
        |values, version, errors, conflict| {
            page::<K>(&ctx, &key, &opened, values, version, errors, conflict, None)
        },
    )
    .await
}

/// A kind created through the shared form, within a city.
pub trait NewKind: Send + Sync + 'static {
    const FIELDS: &'static [&'static str];
    const GROUPS: &'static [Group];
    /// Where the new thing's list lives; the form is at `{base}/new`.
    fn base(city: &str) -> String;
    fn title(tr: Tr) -> String;
    /// The starting values and the pick lists (refused unless the person may create).
    fn open(
        state: &AppState,
        user: &SignedInUser,
        tr: Tr,
        city: &str,
    ) -> impl Future<Output = Result<(RawInput, Picks), ServiceError>> + Send;
    /// Validates and creates (numbers and dates as `writing` writes them); answers
    /// where to go next.
    fn create(
        state: &AppState,
        user: &SignedInUser,
        city: &str,
        input: &RawInput,
        writing: Writing,
    ) -> impl Future<Output = Result<String, ServiceError>> + Send;
}

fn new_page<K: NewKind>(
    ctx: &PageCtx,
    city: &str,
    picks: &Picks,
    values: &RawInput,
    errors: &[FieldError],
    add: Option<&str>,
) -> EditPage {
    let tr = ctx.tr;
    let base = K::base(city);
    let action = format!("{base}/new");
    EditPage {
        l: Layout::for_ctx(ctx, K::title(tr), action.clone()),
        action,
        base,
        version: 0,
        inputs: inputs(tr, K::FIELDS, values, errors, picks),
        groups: row_groups(tr, K::GROUPS, values, errors, picks, add),
        errors: error_summary(tr, errors),
        conflict: Conflict::default(),
        delete: None,
        related: None,
    }
}

pub async fn new_form_of<K: NewKind>(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path(city): Path<String>,
) -> Result<Response, PageError> {
    let (values, picks) = K::open(&state, &user, ctx.tr, &city).await?;
    let values = for_form(ctx.tr, &values);
    no_store(render(&new_page::<K>(
        &ctx,
        &city,
        &picks,
        &values,
        &[],
        None,
    ))?)
}

pub async fn create_of<K: NewKind>(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path(city): Path<String>,
    axum::Form(sent): axum::Form<FormPairs>,
) -> Result<Response, PageError> {
    let input = form_fields(&sent);
    let (_, picks) = K::open(&state, &user, ctx.tr, &city).await?;
    if let Some(add) = add_pressed(&sent) {
        let page = new_page::<K>(&ctx, &city, &picks, &input, &[], Some(&add));
        return no_store(render(&page)?);
    }
    match K::create(&state, &user, &city, &input, writing(ctx.tr)).await {
        Ok(done) => Ok(Redirect::to(&done).into_response()),
        Err(ServiceError::Invalid(problems)) => {
            let errors: Vec<FieldError> = problems.iter().map(FieldError::from_problem).collect();
            with_status(
                &new_page::<K>(&ctx, &city, &picks, &input, &errors, None),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(other) => Err(other.into()),
    }
}

/// The form again with a refusal that is not about one of its fields (a delete that
/// must wait), as 422.
pub async fn refused<K: FormKind>(
    state: &AppState,
    user: &SignedInUser,
    ctx: &PageCtx,
    key: &K::Key,
    problems: &[forja_core::edit::FieldProblem],
) -> Result<Response, PageError> {
    let opened = open_for_form::<K>(state, user, ctx.tr, key).await?;
    let errors: Vec<FieldError> = problems.iter().map(FieldError::from_problem).collect();
    let page = page::<K>(
        ctx,
        key,
        &opened,
        &opened.values,
        opened.version,
        &errors,
        Conflict::default(),
        None,
    );
    with_status(&page, StatusCode::UNPROCESSABLE_ENTITY)
}
