//! A city's profile: open for editing, save, restore, history.

use super::*;
use forja_store::edit_city::City;

/// A city's profile opened for editing.
#[derive(Debug, Clone)]
pub struct CityForEdit {
    pub slug: String,
    pub fields: forja_core::edit::CityFields,
    pub version: i32,
}

fn edit_city_action(city: &city::Model) -> Action {
    Action::EditCityProfile {
        city: crate::city_id(city),
    }
}

/// Opens a city's profile for editing (refused unless the actor may edit it).
pub async fn city_for_edit(store: &Store, actor: &Actor, city_slug: &str) -> Result<CityForEdit> {
    let city = crate::city(store, city_slug).await?;
    authorize(actor, &edit_city_action(&city))?;
    Ok(CityForEdit {
        slug: city.slug.clone(),
        fields: forja_store::edit_city::city_fields(&city),
        version: city.version,
    })
}

/// Validates and saves a city's profile; returns the new version.
pub async fn edit_city(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    input: &RawInput,
    writing: Writing,
    version: i32,
) -> Result<i32> {
    use forja_core::edit::CityFields;
    let city = crate::city(store, city_slug).await?;
    authorize(actor, &edit_city_action(&city))?;
    let fields = CityFields::parse(input, writing).map_err(ServiceError::Invalid)?;
    let merging = Merging {
        to_input: &CityFields::to_input,
        parse: &|i, _| CityFields::parse(i, Writing::Machine),
        groups: &[],
        comparable: &always_comparable,
    };
    update::<City>(store, actor, city.id, version, fields, merging).await
}

/// Restores a city's profile to revision `to_version`.
pub async fn restore_city(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    to_version: i32,
    expected: Option<i32>,
) -> Result<i32> {
    let city = crate::city(store, city_slug).await?;
    authorize(actor, &edit_city_action(&city))?;
    apply::<City>(
        store,
        actor,
        city.id,
        expected.unwrap_or(city.version),
        Change::Restore(to_version),
    )
    .await
}

/// The history of a city's profile, oldest first.
pub async fn city_profile_history(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
) -> Result<History> {
    let city = crate::city(store, city_slug).await?;
    authorize(
        actor,
        &Action::ViewHistory {
            city: crate::city_id(&city),
        },
    )?;
    history_of::<City>(store, city.id, &city.slug, &city.slug).await
}

/// Whether the actor may edit this city's profile (to show or hide edit links).
pub async fn may_edit_city(store: &Store, actor: &Actor, city_slug: &str) -> Result<bool> {
    let city = crate::city(store, city_slug).await?;
    Ok(allowed(actor, &edit_city_action(&city)))
}
