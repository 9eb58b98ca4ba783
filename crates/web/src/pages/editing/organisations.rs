//! A city's organisations: their list for editors, the form, create, delete (refused
//! while a programme names them), history.

use forja_core::edit::OrganisationFields;
use forja_core::values::OrganisationKind;

use super::forms::{FormKind, NewKind, Opened, refused};
use super::*;

fn kinds(tr: Tr) -> Picks {
    let kinds = std::iter::once((String::new(), tr.t("pick-one")))
        .chain(
            OrganisationKind::ALL
                .iter()
                .map(|k| (k.code().to_owned(), tr.code("org-kind", k.code()))),
        )
        .collect();
    Picks::from([("kind", kinds)])
}

pub struct OrganisationForm;

impl FormKind for OrganisationForm {
    type Key = (String, String);
    const FIELDS: &'static [&'static str] = OrganisationFields::FIELDS;
    const GROUPS: &'static [Group] = &[];

    fn base((city, slug): &(String, String)) -> String {
        format!("/cities/{city}/organisations/{slug}")
    }

    fn title(tr: Tr, values: &RawInput) -> String {
        tr.t1(
            "edit-organisation-title",
            "name",
            first_text(values, "name"),
        )
    }

    async fn open(
        state: &AppState,
        user: &SignedInUser,
        tr: Tr,
        (city, slug): &(String, String),
    ) -> Result<Opened, ServiceError> {
        let o = editing::organisation_for_edit(&state.store, user.actor(), city, slug).await?;
        Ok(Opened {
            values: o.fields.to_input(),
            version: o.version,
            picks: kinds(tr),
            delete: Some(format!("/cities/{city}/organisations/{slug}/delete")),
            related: None,
        })
    }

    async fn save(
        state: &AppState,
        user: &SignedInUser,
        (city, slug): &(String, String),
        input: &RawInput,
        _writing: Writing,
        version: i32,
    ) -> Result<String, ServiceError> {
        editing::edit_organisation(&state.store, user.actor(), city, slug, input, version).await?;
        Ok(format!("/cities/{city}/organisations"))
    }
}

pub struct NewOrganisation;

impl NewKind for NewOrganisation {
    const FIELDS: &'static [&'static str] = OrganisationFields::FIELDS;
    const GROUPS: &'static [Group] = &[];

    fn base(city: &str) -> String {
        format!("/cities/{city}/organisations")
    }

    fn title(tr: Tr) -> String {
        tr.t("new-organisation-title")
    }

    async fn open(
        state: &AppState,
        user: &SignedInUser,
        tr: Tr,
        city: &str,
    ) -> Result<(RawInput, Picks), ServiceError> {
        // The list check is the same right as creating.
        editing::deleted_organisations(&state.store, user.actor(), city).await?;
        Ok((RawInput::new(), kinds(tr)))
    }

    async fn create(
        state: &AppState,
        user: &SignedInUser,
        city: &str,
        input: &RawInput,
        _writing: Writing,
    ) -> Result<String, ServiceError> {
        editing::create_organisation(&state.store, user.actor(), city, input).await?;
        Ok(format!("/cities/{city}/organisations"))
    }
}

#[derive(Template)]
#[template(path = "organisations.html")]
struct ListPage {
    l: Layout,
    city: String,
    /// (slug, name, kind label)
    live: Vec<(String, String, String)>,
    deleted: Vec<(String, String)>,
}

/// The city's organisations for those who edit them.
pub async fn list(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path(city): Path<String>,
) -> Result<Response, PageError> {
    let tr = ctx.tr;
    let deleted = editing::deleted_organisations(&state.store, user.actor(), &city)
        .await?
        .into_iter()
        .map(|(slug, name)| (slug, tr.txt(&name)))
        .collect();
    let profile = forja_services::city_profile(&state.store, &city).await?;
    let live = profile
        .organisations
        .iter()
        .map(|o| {
            (
                o.slug.clone(),
                tr.txt(&o.name),
                tr.code("org-kind", &o.kind),
            )
        })
        .collect();
    let l = Layout::for_ctx(
        &ctx,
        tr.t1("organisations-title", "city", tr.txt(&profile.summary.name)),
        format!("/cities/{city}/organisations"),
    );
    no_store(render(&ListPage {
        l,
        city,
        live,
        deleted,
    })?)
}

pub async fn delete(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path(key): Path<(String, String)>,
    axum::Form(sent): axum::Form<FormPairs>,
) -> Result<Response, PageError> {
    let (city, slug) = &key;
    if !confirmed(&sent) {
        if !editing::may_edit_organisations(&state.store, user.actor(), city).await? {
            return Err(Failure::Forbidden.into());
        }
        let ask = DeleteAsk::new(slug, OrganisationForm::base(&key));
        return confirm_delete(&ctx, ask, &sent);
    }
    let (_, version) = form_input(&sent)?;
    match editing::delete_organisation(&state.store, user.actor(), city, slug, version).await {
        Ok(_) => Ok(Redirect::to(&format!("/cities/{city}/organisations")).into_response()),
        Err(ServiceError::Invalid(problems)) => {
            refused::<OrganisationForm>(&state, &user, &ctx, &key, &problems).await
        }
        Err(other) => Err(other.into()),
    }
}

/// An organisation has no page of its own: the list of the city's is where it lives.
pub async fn page(Path((city, _)): Path<(String, String)>) -> Response {
    Redirect::to(&format!("/cities/{city}/organisations")).into_response()
}
