//! Adding a member city to the network (network administrators only).

use super::*;
use forja_core::edit::{FieldProblem, NewCityFields, Problem};

/// Whether the actor may add member cities.
pub fn may_add_cities(actor: &Actor) -> bool {
    allowed(actor, &Action::ManageNetwork)
}

/// Validates and adds a city; returns its slug.
pub async fn create_city(
    store: &Store,
    actor: &Actor,
    input: &RawInput,
    writing: Writing,
) -> Result<String> {
    authorize(actor, &Action::ManageNetwork)?;
    let fields = NewCityFields::parse(input, crate::places::countries(), writing)
        .map_err(ServiceError::Invalid)?;
    let taken = || {
        ServiceError::Invalid(vec![FieldProblem {
            field: "slug".into(),
            problem: Problem::Taken,
        }])
    };
    // These are addresses of pages under /cities.
    if fields.slug.is_empty() {
        return Err(taken());
    }
    match store
        .create_city(&fields, user_id(actor), crate::auth::now())
        .await?
    {
        Some(_) => Ok(fields.slug),
        None => Err(taken()),
    }
}
