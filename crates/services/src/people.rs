//! A city's people: coordinators (and network admins) list the accounts of their city,
//! add people with a generated password shown once, and change roles — never to network
//! administrator, and partner editors only with an organisation of the same city.

use forja_core::edit::{FieldProblem, Problem};
use forja_core::policy::{Action, Actor, Role, allowed};
use serde::Serialize;

use crate::{Result, ServiceError, Store, auth};

/// Roles a city's coordinator can give.
pub const CITY_ROLES: [Role; 4] = [
    Role::CityCoordinator,
    Role::CityEditor,
    Role::PartnerEditor,
    Role::Reader,
];

/// An account as the people page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Person {
    pub id: i32,
    pub email: String,
    pub name: String,
    pub role: String,
    pub organisation: Option<i32>,
}

async fn city_and_check(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    new_role: Role,
) -> Result<i32> {
    let city = crate::city(store, city_slug).await?;
    if !allowed(
        actor,
        &Action::ManageCityUsers {
            city: crate::city_id(&city),
            new_role,
        },
    ) {
        return Err(ServiceError::Forbidden);
    }
    Ok(city.id)
}

/// Whether the actor may manage this city's people (to show or hide the link).
pub async fn may_manage(store: &Store, actor: &Actor, city_slug: &str) -> Result<bool> {
    match city_and_check(store, actor, city_slug, Role::Reader).await {
        Ok(_) => Ok(true),
        Err(ServiceError::Forbidden) => Ok(false),
        Err(e) => Err(e),
    }
}

/// The accounts of a city.
pub async fn people(store: &Store, actor: &Actor, city_slug: &str) -> Result<Vec<Person>> {
    let city_id = city_and_check(store, actor, city_slug, Role::Reader).await?;
    Ok(store
        .users_of_city(city_id)
        .await?
        .into_iter()
        .map(|u| Person {
            id: u.id,
            email: u.email,
            name: u.display_name,
            role: u.role,
            organisation: u.organisation_id,
        })
        .collect())
}

fn problem(field: &str, problem: Problem) -> ServiceError {
    ServiceError::Invalid(vec![FieldProblem {
        field: field.into(),
        problem,
    }])
}

fn parse_role(raw: &str) -> Result<Role> {
    raw.parse::<Role>()
        .ok()
        .filter(|r| CITY_ROLES.contains(r))
        .ok_or_else(|| {
            problem(
                "role",
                Problem::NotAllowed {
                    allowed: CITY_ROLES.map(Role::code).join(", "),
                },
            )
        })
}

/// A partner editor's organisation must be one of this city's.
async fn organisation_for(
    store: &Store,
    city_id: i32,
    role: Role,
    raw: &str,
) -> Result<Option<i32>> {
    if role != Role::PartnerEditor {
        return Ok(None);
    }
    let id: i32 = raw
        .trim()
        .parse()
        .map_err(|_| problem("organisation", Problem::Required))?;
    let ours = store
        .organisations_of(city_id)
        .await?
        .iter()
        .any(|o| o.id == id);
    if ours {
        Ok(Some(id))
    } else {
        Err(problem(
            "organisation",
            Problem::NotAllowed {
                allowed: "an organisation of this city".into(),
            },
        ))
    }
}

/// Adds a person to the city; returns their email and the generated password (shown once).
pub async fn add_person(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    email: &str,
    name: &str,
    role: &str,
    organisation: &str,
) -> Result<(String, String)> {
    let role = parse_role(role)?;
    let city_id = city_and_check(store, actor, city_slug, role).await?;
    let organisation = organisation_for(store, city_id, role, organisation).await?;
    let Some(email) = auth::normalize_email(email) else {
        return Err(problem(
            "email",
            Problem::NotAllowed {
                allowed: "an email address".into(),
            },
        ));
    };
    if name.chars().count() > 120 {
        return Err(problem("name", Problem::TooLong { max: 120 }));
    }
    let password = auth::generate_password()?;
    match auth::add_user(
        store,
        &email,
        name,
        &password,
        role,
        Some(city_id),
        organisation,
    )
    .await?
    {
        Ok(_) => Ok((email, password)),
        Err(_) => Err(problem("email", Problem::Taken)),
    }
}

/// Changes the role of one of the city's people.
pub async fn change_role(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    user_id: i32,
    role: &str,
    organisation: &str,
) -> Result<()> {
    let role = parse_role(role)?;
    let city_id = city_and_check(store, actor, city_slug, role).await?;
    let target = store
        .user_by_id(user_id)
        .await?
        .filter(|u| u.city_id == Some(city_id))
        .ok_or(ServiceError::NotFound)?;
    // A coordinator cannot change a network administrator, even one tied to the city.
    if target.role == Role::NetworkAdmin.code() && actor.role != Role::NetworkAdmin {
        return Err(ServiceError::Forbidden);
    }
    let organisation = organisation_for(store, city_id, role, organisation).await?;
    let by = i32::try_from(actor.user.0).ok();
    auth::set_role(store, &target.email, role, Some(city_id), organisation, by)
        .await?
        .map_err(|_| {
            problem(
                "role",
                Problem::NotAllowed {
                    allowed: CITY_ROLES.map(Role::code).join(", "),
                },
            )
        })
}

/// The city's organisations (id and name), for the partner editor choice.
pub async fn organisations(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
) -> Result<Vec<(i32, forja_core::LocalizedText)>> {
    let city_id = city_and_check(store, actor, city_slug, Role::Reader).await?;
    Ok(store
        .organisations_of(city_id)
        .await?
        .into_iter()
        .map(|o| (o.id, serde_json::from_value(o.name).unwrap_or_default()))
        .collect())
}
