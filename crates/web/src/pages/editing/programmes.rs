//! Creating, editing, deleting and undeleting programmes.

use forja_core::edit::{Choice, ProgrammeChoices};
use forja_core::values::PartnerRole;

use super::*;

/// The options of a programme's pick fields, in the reader's language.
fn picks(tr: Tr, choices: &ProgrammeChoices) -> Picks {
    let list = |items: &[Choice], blank: bool| {
        blank
            .then(|| (String::new(), tr.t("pick-none")))
            .into_iter()
            .chain(items.iter().map(|c| (c.code.clone(), tr.txt(&c.label))))
            .collect::<Vec<_>>()
    };
    let roles = std::iter::once((String::new(), tr.t("pick-one")))
        .chain(
            PartnerRole::ALL
                .iter()
                .map(|r| (r.code().to_owned(), tr.code("partner-role", r.code()))),
        )
        .collect();
    Picks::from([
        ("parent", list(&choices.parents, true)),
        ("organisation", list(&choices.organisations, true)),
        ("objectives", list(&choices.objectives, false)),
        ("target_groups", list(&choices.target_groups, false)),
        ("role", roles),
        ("currency", list(&choices.currencies, true)),
    ])
}

/// What a programme form shows besides its values.
struct Form<'a> {
    ctx: &'a PageCtx,
    city: &'a str,
    /// None for a new programme.
    slug: Option<&'a str>,
    choices: &'a ProgrammeChoices,
    may_delete: bool,
    add: Option<String>,
    /// The stored title, which heads the page (not one just typed, and maybe refused).
    saved_title: String,
}

impl Form<'_> {
    fn page(
        &self,
        values: &RawInput,
        version: i32,
        errors: &[FieldError],
        conflict: Conflict,
    ) -> EditPage {
        let tr = self.ctx.tr;
        let picks = picks(tr, self.choices);
        let (title, base, action, fields) = match self.slug {
            Some(slug) => {
                let name = &self.saved_title;
                let base = format!("/cities/{}/programmes/{slug}", self.city);
                (
                    tr.t1("edit-programme-title", "title", name),
                    base.clone(),
                    format!("{base}/edit"),
                    ProgrammeFields::FIELDS.to_vec(),
                )
            }
            None => {
                let base = format!("/cities/{}/programmes", self.city);
                let fields = std::iter::once("slug")
                    .chain(ProgrammeFields::FIELDS.iter().copied())
                    .collect();
                (
                    tr.t("new-programme-title"),
                    base.clone(),
                    format!("{base}/new"),
                    fields,
                )
            }
        };
        EditPage {
            l: Layout::for_ctx(self.ctx, title, action.clone()),
            delete: (self.may_delete && self.slug.is_some()).then(|| format!("{base}/delete")),
            action,
            base,
            version,
            inputs: inputs(tr, &fields, values, errors, &picks),
            groups: row_groups(
                tr,
                ProgrammeFields::GROUPS,
                values,
                errors,
                &picks,
                self.add.as_deref(),
            ),
            errors: error_summary(tr, errors),
            conflict,
            related: None,
        }
    }
}

async fn may_delete(state: &AppState, user: &SignedInUser, city: &str) -> bool {
    editing::may_create_programme(&state.store, user.actor(), city)
        .await
        .unwrap_or(false)
}

pub async fn edit_form(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path((city, slug)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let p = editing::programme_for_edit(&state.store, user.actor(), &city, &slug).await?;
    let form = Form {
        ctx: &ctx,
        city: &city,
        slug: Some(&slug),
        choices: &p.choices,
        may_delete: may_delete(&state, &user, &city).await,
        add: None,
        saved_title: ctx.tr.txt(&p.fields.title),
    };
    no_store(render(&form.page(
        &for_form(ctx.tr, &p.fields.to_input()),
        p.version,
        &[],
        Conflict::default(),
    ))?)
}

pub async fn save(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path((city, slug)): Path<(String, String)>,
    axum::Form(sent): axum::Form<FormPairs>,
) -> Result<Response, PageError> {
    let (input, version) = form_input(&sent)?;
    let p = editing::programme_for_edit(&state.store, user.actor(), &city, &slug).await?;
    let form = Form {
        ctx: &ctx,
        city: &city,
        slug: Some(&slug),
        choices: &p.choices,
        may_delete: may_delete(&state, &user, &city).await,
        add: add_pressed(&sent),
        saved_title: ctx.tr.txt(&p.fields.title),
    };
    // "Add a row" shows the form again with one more blank row; nothing is saved.
    if form.add.is_some() {
        return no_store(render(&form.page(
            &input,
            version,
            &[],
            Conflict::default(),
        ))?);
    }
    let (store, actor, city_ref, slug_ref) = (&state.store, user.actor(), &city, &slug);
    let save = |input: RawInput, version| async move {
        editing::edit_programme(
            store,
            actor,
            city_ref,
            slug_ref,
            &input,
            writing(ctx.tr),
            version,
        )
        .await
        .map(|_| format!("/cities/{city_ref}/programmes/{slug_ref}"))
    };
    save_with(
        &sent,
        ctx.tr,
        ProgrammeFields::GROUPS,
        &for_form(ctx.tr, &p.fields.to_input()),
        save,
        |values, version, errors, conflict| form.page(values, version, errors, conflict),
    )
    .await
}

/// Deletes a programme once confirmed; first shows what will go and how to get it back.
pub async fn delete(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path((city, slug)): Path<(String, String)>,
    axum::Form(sent): axum::Form<FormPairs>,
) -> Result<Response, PageError> {
    if !confirmed(&sent) {
        if !editing::may_create_programme(&state.store, user.actor(), &city).await? {
            return Err(Failure::Forbidden.into());
        }
        let ask = DeleteAsk {
            restore: (
                format!("/cities/{city}/programmes/deleted"),
                "deleted-title",
            ),
            ..DeleteAsk::new(&slug, format!("/cities/{city}/programmes/{slug}"))
        };
        return confirm_delete(&ctx, ask, &sent);
    }
    let (_, version) = form_input(&sent)?;
    editing::delete_programme(&state.store, user.actor(), &city, &slug, version).await?;
    Ok(Redirect::to(&format!("/cities/{city}/programmes/deleted")).into_response())
}

pub async fn new_programme_form(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path(city): Path<String>,
) -> Result<Response, PageError> {
    let choices = editing::new_programme_choices(&state.store, user.actor(), &city).await?;
    let mut values = RawInput::new();
    values.insert("status".into(), "planned".into());
    values.insert("weight".into(), "1".into());
    let form = Form {
        ctx: &ctx,
        city: &city,
        slug: None,
        choices: &choices,
        may_delete: false,
        add: None,
        saved_title: String::new(),
    };
    no_store(render(&form.page(&values, 0, &[], Conflict::default()))?)
}

pub async fn create_programme(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path(city): Path<String>,
    axum::Form(sent): axum::Form<FormPairs>,
) -> Result<Response, PageError> {
    let input = form_fields(&sent);
    let choices = editing::new_programme_choices(&state.store, user.actor(), &city).await?;
    let form = Form {
        ctx: &ctx,
        city: &city,
        slug: None,
        choices: &choices,
        may_delete: false,
        add: add_pressed(&sent),
        saved_title: String::new(),
    };
    if form.add.is_some() {
        return no_store(render(&form.page(&input, 0, &[], Conflict::default()))?);
    }
    let writing = writing(ctx.tr);
    match editing::create_programme(&state.store, user.actor(), &city, &input, writing).await {
        Ok(slug) => Ok(Redirect::to(&format!("/cities/{city}/programmes/{slug}")).into_response()),
        Err(ServiceError::Invalid(problems)) => {
            let errors: Vec<FieldError> = problems.iter().map(FieldError::from_problem).collect();
            with_status(
                &form.page(&input, 0, &errors, Conflict::default()),
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
        .map(|(slug, title)| (slug, tr.txt(&title)))
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
