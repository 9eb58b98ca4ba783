//! A city's organisations: open for editing, save, create, delete (refused while a
//! programme still names them), restore, history.

use super::*;
use forja_core::LocalizedText;
use forja_core::edit::{FieldProblem, OrganisationFields, Problem};
use forja_store::edit_organisation::Organisation;
use forja_store::entity::organisation;

fn action(city: &city::Model) -> Action {
    Action::EditOrganisation {
        city: Some(crate::city_id(city)),
    }
}

/// The city and one of its own organisations (another city's is not found here).
async fn load(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    slug: &str,
    deleted: bool,
) -> Result<(city::Model, organisation::Model)> {
    let city = crate::city(store, city_slug).await?;
    authorize(actor, &action(&city))?;
    let o = store
        .organisation_row(slug, deleted)
        .await?
        .filter(|o| o.city_id == Some(city.id))
        .ok_or(ServiceError::NotFound)?;
    Ok((city, o))
}

pub async fn organisation_for_edit(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    slug: &str,
) -> Result<ForEdit<OrganisationFields>> {
    let (_, o) = load(store, actor, city_slug, slug, false).await?;
    let now = current::<Organisation>(store, o.id).await?;
    Ok(ForEdit {
        fields: now.fields,
        version: now.version,
        choices: (),
    })
}

pub async fn edit_organisation(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    slug: &str,
    input: &RawInput,
    version: i32,
) -> Result<i32> {
    let (_, o) = load(store, actor, city_slug, slug, false).await?;
    let fields = OrganisationFields::parse(input).map_err(ServiceError::Invalid)?;
    let merging = Merging {
        to_input: &OrganisationFields::to_input,
        parse: &|i, _| OrganisationFields::parse(i),
        groups: &[],
        comparable: &always_comparable,
    };
    update::<Organisation>(store, actor, o.id, version, fields, merging).await
}

/// Creates an organisation of the city; its address is made from the city and the name
/// (`resita-orienteering-club`), numbered when taken. Returns it.
pub async fn create_organisation(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    input: &RawInput,
) -> Result<String> {
    let city = crate::city(store, city_slug).await?;
    authorize(actor, &action(&city))?;
    let fields = OrganisationFields::parse(input).map_err(ServiceError::Invalid)?;
    let name = fields
        .name
        .get_exact("en")
        .or(fields.name.get_exact("ro"))
        .unwrap_or("");
    let base = forja_core::Slug::fold(&format!("{} {name}", city.slug))
        .map(|s| s.to_string())
        .unwrap_or_else(|_| format!("{}-organisation", city.slug));
    for n in 1..100 {
        let slug = if n == 1 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        let created = store
            .create_organisation(city.id, &slug, &fields, user_id(actor), crate::auth::now())
            .await?;
        if created.is_some() {
            return Ok(slug);
        }
    }
    Err(ServiceError::Invalid(vec![FieldProblem {
        field: "name_en".into(),
        problem: Problem::Taken,
    }]))
}

/// Deletes an organisation, unless a live programme still names it (then every page
/// would lose a partner or funder without a word): the refusal names those programmes.
pub async fn delete_organisation(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    slug: &str,
    version: i32,
) -> Result<i32> {
    let (_, o) = load(store, actor, city_slug, slug, false).await?;
    apply::<Organisation>(store, actor, o.id, version, Change::Delete).await
}

pub async fn restore_organisation(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    slug: &str,
    to_version: i32,
    expected: Option<i32>,
) -> Result<i32> {
    let (_, o) = load(store, actor, city_slug, slug, true).await?;
    apply::<Organisation>(
        store,
        actor,
        o.id,
        expected.unwrap_or(o.version),
        Change::Restore(to_version),
    )
    .await
}

pub async fn organisation_history(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    slug: &str,
) -> Result<History> {
    let (city, o) = load(store, actor, city_slug, slug, true).await?;
    history_of::<Organisation>(store, o.id, &city.slug, &o.slug).await
}

/// The city's deleted organisations: (slug, name).
pub async fn deleted_organisations(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
) -> Result<Vec<(String, LocalizedText)>> {
    let city = crate::city(store, city_slug).await?;
    authorize(actor, &action(&city))?;
    Ok(store
        .deleted_organisations(city.id)
        .await?
        .into_iter()
        .map(|o| {
            let name = serde_json::from_value(o.name.clone()).unwrap_or_default();
            (o.slug, name)
        })
        .collect())
}

/// Whether the actor may edit this city's organisations.
pub async fn may_edit_organisations(store: &Store, actor: &Actor, city_slug: &str) -> Result<bool> {
    let city = crate::city(store, city_slug).await?;
    Ok(allowed(actor, &action(&city)))
}
