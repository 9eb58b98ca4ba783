//! Keeping the network's resource library: network staff add, change and take out
//! resources through the shared form.

use forja_core::edit::{
    Choice, DEFAULT_LICENCE, RESOURCE_COLLECTIONS, RESOURCE_KINDS, RESOURCE_LANGUAGES,
    RESOURCE_LEVELS, RESOURCE_LICENCES, ResourceFields,
};
use forja_services::resources;

use super::forms::{FormKind, NewKind, Opened};
use super::practices::message_code;
use super::*;

fn picks(tr: Tr, features: &[Choice]) -> Picks {
    let pick_one = || std::iter::once((String::new(), tr.t("pick-one")));
    let codes = |prefix: &str, codes: &[&str]| {
        codes
            .iter()
            .map(|c| ((*c).to_owned(), tr.code(prefix, &message_code(c))))
            .collect::<Vec<_>>()
    };
    Picks::from([
        (
            "kind",
            pick_one()
                .chain(codes("resource-kind", &RESOURCE_KINDS))
                .collect(),
        ),
        (
            "language",
            pick_one()
                .chain(codes("language", &RESOURCE_LANGUAGES))
                .collect(),
        ),
        (
            "level",
            pick_one()
                .chain(codes("resource-level", &RESOURCE_LEVELS))
                .collect(),
        ),
        ("licence", codes("licence", &RESOURCE_LICENCES)),
        (
            "collections",
            codes("resource-collection", &RESOURCE_COLLECTIONS),
        ),
        (
            "kflc",
            features
                .iter()
                .map(|c| (c.code.clone(), format!("{} {}", c.code, tr.txt(&c.label))))
                .collect(),
        ),
    ])
}

pub struct ResourceForm;

impl FormKind for ResourceForm {
    type Key = String;
    const FIELDS: &'static [&'static str] = ResourceFields::FIELDS;
    const GROUPS: &'static [Group] = &[];

    fn base(slug: &String) -> String {
        format!("/resources/{slug}")
    }

    fn title(tr: Tr, values: &RawInput) -> String {
        tr.t1("edit-resource-title", "title", first_text(values, "title"))
    }

    async fn open(
        state: &AppState,
        user: &SignedInUser,
        tr: Tr,
        slug: &String,
    ) -> Result<Opened, ServiceError> {
        let r = resources::resource_for_edit(&state.store, user.actor(), slug).await?;
        Ok(Opened {
            values: r.fields.to_input(),
            version: r.version,
            picks: picks(tr, &r.choices),
            delete: Some(format!("/resources/{slug}/delete")),
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
        resources::edit_resource(&state.store, user.actor(), slug, input, version).await?;
        Ok(format!("/resources/{slug}"))
    }
}

/// A new resource. The library belongs to the network, not to a city: the key the
/// shared handlers pass is empty.
pub struct NewResource;

impl NewKind for NewResource {
    const FIELDS: &'static [&'static str] = ResourceFields::FIELDS;
    const GROUPS: &'static [Group] = &[];

    fn base(_: &str) -> String {
        "/resources".into()
    }

    fn title(tr: Tr) -> String {
        tr.t("new-resource-title")
    }

    async fn open(
        state: &AppState,
        user: &SignedInUser,
        tr: Tr,
        _: &str,
    ) -> Result<(RawInput, Picks), ServiceError> {
        if !resources::may_manage_resources(user.actor()) {
            return Err(ServiceError::Forbidden);
        }
        let features = resources::feature_choices(&state.store).await?;
        let start = RawInput::from([("licence".to_owned(), DEFAULT_LICENCE.to_owned())]);
        Ok((start, picks(tr, &features)))
    }

    async fn create(
        state: &AppState,
        user: &SignedInUser,
        _: &str,
        input: &RawInput,
        _writing: Writing,
    ) -> Result<String, ServiceError> {
        let slug = resources::create_resource(&state.store, user.actor(), input).await?;
        Ok(format!("/resources/{slug}"))
    }
}

pub async fn new_form(
    state: State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
) -> Result<Response, PageError> {
    super::forms::new_form_of::<NewResource>(state, user, ctx, Path(String::new())).await
}

pub async fn create(
    state: State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    sent: axum::Form<FormPairs>,
) -> Result<Response, PageError> {
    super::forms::create_of::<NewResource>(state, user, ctx, Path(String::new()), sent).await
}

pub async fn delete(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path(slug): Path<String>,
    axum::Form(sent): axum::Form<FormPairs>,
) -> Result<Response, PageError> {
    if !confirmed(&sent) {
        if !resources::may_manage_resources(user.actor()) {
            return Err(Failure::Forbidden.into());
        }
        let ask = DeleteAsk::new(&slug, ResourceForm::base(&slug));
        return confirm_delete(&ctx, ask, &sent);
    }
    let (_, version) = form_input(&sent)?;
    resources::delete_resource(&state.store, user.actor(), &slug, version).await?;
    Ok(Redirect::to("/resources").into_response())
}
