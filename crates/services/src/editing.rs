//! Editing use-cases, shared by HTML forms and the JSON API. Each one asks the policy
//! (`forja_core::policy::allowed`) with the facts it needs — the city, the programme's
//! partners — before anything is read for editing or written.

use forja_core::edit::{DiffPart, ProgrammeFields, RawInput, word_diff};
use forja_core::ids::{CityId, OrganisationId};
use forja_core::policy::{Action, Actor, allowed};
use forja_store::edit::{PROGRAMME, Saved, programme_fields};
use forja_store::entity::{city, programme};
use serde::Serialize;

use crate::{Result, ServiceError, Store};

/// A programme opened for editing.
#[derive(Debug, Clone)]
pub struct ProgrammeForEdit {
    pub city_slug: String,
    pub slug: String,
    pub fields: ProgrammeFields,
    pub version: i32,
}

async fn load(
    store: &Store,
    city_slug: &str,
    slug: &str,
    deleted: bool,
) -> Result<(city::Model, programme::Model)> {
    let city = store
        .city_by_slug(city_slug)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let p = store
        .programme_row(city.id, slug, deleted)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok((city, p))
}

async fn edit_action(store: &Store, p: &programme::Model) -> Result<Action> {
    let partners = store
        .partners(p.id)
        .await?
        .into_iter()
        .map(|x| OrganisationId(i64::from(x.organisation_id)))
        .collect();
    Ok(Action::EditProgramme {
        city: CityId(i64::from(p.city_id)),
        partners,
    })
}

fn authorize(actor: &Actor, action: &Action) -> Result<()> {
    if allowed(actor, action) {
        Ok(())
    } else {
        Err(ServiceError::Forbidden)
    }
}

fn outcome(saved: Saved) -> Result<i32> {
    match saved {
        Saved::Ok { version } => Ok(version),
        Saved::Conflict { current_version } => Err(ServiceError::Conflict { current_version }),
        Saved::Missing => Err(ServiceError::NotFound),
    }
}

fn user_id(actor: &Actor) -> Option<i32> {
    i32::try_from(actor.user.0).ok()
}

/// Opens a programme for editing (refused unless the actor may edit it).
pub async fn programme_for_edit(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    slug: &str,
) -> Result<ProgrammeForEdit> {
    let (city, p) = load(store, city_slug, slug, false).await?;
    authorize(actor, &edit_action(store, &p).await?)?;
    Ok(ProgrammeForEdit {
        city_slug: city.slug,
        slug: p.slug.clone(),
        fields: programme_fields(&p),
        version: p.version,
    })
}

/// Validates and saves; returns the new version.
pub async fn edit_programme(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    slug: &str,
    input: &RawInput,
    version: i32,
) -> Result<i32> {
    let (_, p) = load(store, city_slug, slug, false).await?;
    authorize(actor, &edit_action(store, &p).await?)?;
    let fields = ProgrammeFields::parse(input).map_err(ServiceError::Invalid)?;
    outcome(
        store
            .save_programme(p.id, version, &fields, user_id(actor), crate::auth::now())
            .await?,
    )
}

/// Deletes (restorably); needs the right to create and delete programmes.
pub async fn delete_programme(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    slug: &str,
    version: i32,
) -> Result<i32> {
    let (city, p) = load(store, city_slug, slug, false).await?;
    authorize(
        actor,
        &Action::CreateOrDeleteProgramme {
            city: CityId(i64::from(city.id)),
        },
    )?;
    outcome(
        store
            .delete_programme(p.id, version, user_id(actor), crate::auth::now())
            .await?,
    )
}

/// Restores the programme to the fields of revision `to_version` (undeleting it).
pub async fn restore_programme(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    slug: &str,
    to_version: i32,
) -> Result<i32> {
    let (city, p) = load(store, city_slug, slug, true).await?;
    let action = if p.deleted_at.is_some() {
        Action::CreateOrDeleteProgramme {
            city: CityId(i64::from(city.id)),
        }
    } else {
        edit_action(store, &p).await?
    };
    authorize(actor, &action)?;
    outcome(
        store
            .restore_programme(
                p.id,
                to_version,
                p.version,
                user_id(actor),
                crate::auth::now(),
            )
            .await?,
    )
}

/// One revision as history shows it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RevisionView {
    pub version: i32,
    /// import, update, delete or restore.
    pub op: String,
    /// Unix seconds.
    pub at: i64,
    pub by: Option<String>,
    pub deleted: bool,
    pub restored_from: Option<i32>,
    #[schema(value_type = Object)]
    pub snapshot: serde_json::Value,
}

/// A thing's history, oldest first, with its current version.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct History {
    pub city: String,
    pub slug: String,
    pub current_version: i32,
    pub deleted: bool,
    pub revisions: Vec<RevisionView>,
}

/// The history of a programme (deleted ones too), for those who may see it.
pub async fn programme_history(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    slug: &str,
) -> Result<History> {
    let (city, p) = load(store, city_slug, slug, true).await?;
    authorize(
        actor,
        &Action::ViewHistory {
            city: CityId(i64::from(city.id)),
        },
    )?;
    let current = serde_json::to_value(programme_fields(&p)).unwrap_or_default();
    history_of(
        store,
        PROGRAMME,
        p.id,
        city.id,
        &city.slug,
        &p.slug,
        p.version,
        p.deleted_at.is_some(),
        current,
    )
    .await
}

/// The change of one field between two versions.
#[derive(Debug, Clone, Serialize)]
pub struct FieldChange {
    pub field: String,
    pub parts: Vec<DiffPart>,
}

/// Field-by-field word diff between two revisions' snapshots of a thing of `entity` kind.
pub fn diff(
    entity: &str,
    before: &serde_json::Value,
    after: &serde_json::Value,
) -> Vec<FieldChange> {
    let (fields, a) = forja_core::edit::snapshot_input(entity, before);
    let (_, b) = forja_core::edit::snapshot_input(entity, after);
    fields
        .iter()
        .filter_map(|field| {
            let (x, y) = (
                a.get(*field).map(String::as_str).unwrap_or(""),
                b.get(*field).map(String::as_str).unwrap_or(""),
            );
            (x != y).then(|| FieldChange {
                field: (*field).to_owned(),
                parts: word_diff(x, y),
            })
        })
        .collect()
}

/// Deleted programmes of a city, for those who may restore them.
pub async fn deleted_programmes(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
) -> Result<Vec<(String, ProgrammeFields)>> {
    let city = store
        .city_by_slug(city_slug)
        .await?
        .ok_or(ServiceError::NotFound)?;
    authorize(
        actor,
        &Action::CreateOrDeleteProgramme {
            city: CityId(i64::from(city.id)),
        },
    )?;
    Ok(store
        .deleted_programmes(city.id)
        .await?
        .into_iter()
        .map(|p| (p.slug.clone(), programme_fields(&p)))
        .collect())
}

/// Whether the actor may edit this programme (to show or hide edit links).
pub async fn may_edit_programme(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    slug: &str,
) -> Result<bool> {
    let (_, p) = load(store, city_slug, slug, false).await?;
    Ok(allowed(actor, &edit_action(store, &p).await?))
}

/// A change anywhere in a city, for the city's history.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CityRevision {
    /// What changed: `programme`, ...
    pub entity: String,
    pub slug: String,
    pub version: i32,
    pub op: String,
    pub at: i64,
    pub by: Option<String>,
}

/// The latest changes in a city (newest first), for those who may see its history.
pub async fn city_history(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
) -> Result<Vec<CityRevision>> {
    let city = store
        .city_by_slug(city_slug)
        .await?
        .ok_or(ServiceError::NotFound)?;
    authorize(
        actor,
        &Action::ViewHistory {
            city: CityId(i64::from(city.id)),
        },
    )?;
    let rows = store.revisions_in_city(city.id, 500).await?;
    let mut slugs = std::collections::HashMap::new();
    for p in store
        .programmes_of(city.id)
        .await?
        .into_iter()
        .chain(store.deleted_programmes(city.id).await?)
    {
        slugs.insert((PROGRAMME, p.id), p.slug);
    }
    slugs.insert((forja_store::edit_city::CITY, city.id), city.slug.clone());
    let names = store
        .user_names(rows.iter().filter_map(|r| r.user_id))
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| CityRevision {
            slug: slugs
                .get(&(r.entity.as_str(), r.entity_id))
                .cloned()
                .unwrap_or_default(),
            entity: r.entity,
            version: r.version,
            op: r.op,
            at: r.at,
            by: r.user_id.and_then(|id| names.get(&id).cloned()),
        })
        .collect())
}

/// Undeletes a programme: restores the version that recorded its deletion. Always needs
/// the right to delete (whether or not it is deleted now); a programme that is not
/// deleted is left as it is.
pub async fn undelete_programme(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    slug: &str,
) -> Result<i32> {
    let (city, p) = load(store, city_slug, slug, true).await?;
    authorize(
        actor,
        &Action::CreateOrDeleteProgramme {
            city: CityId(i64::from(city.id)),
        },
    )?;
    if p.deleted_at.is_none() {
        return Ok(p.version);
    }
    outcome(
        store
            .restore_programme(
                p.id,
                p.version,
                p.version,
                user_id(actor),
                crate::auth::now(),
            )
            .await?,
    )
}

/// A city's profile opened for editing.
#[derive(Debug, Clone)]
pub struct CityForEdit {
    pub slug: String,
    pub fields: forja_core::edit::CityFields,
    pub version: i32,
}

fn edit_city_action(city: &city::Model) -> Action {
    Action::EditCityProfile {
        city: CityId(i64::from(city.id)),
    }
}

/// Opens a city's profile for editing (refused unless the actor may edit it).
pub async fn city_for_edit(store: &Store, actor: &Actor, city_slug: &str) -> Result<CityForEdit> {
    let city = store
        .city_by_slug(city_slug)
        .await?
        .ok_or(ServiceError::NotFound)?;
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
    version: i32,
) -> Result<i32> {
    let city = store
        .city_by_slug(city_slug)
        .await?
        .ok_or(ServiceError::NotFound)?;
    authorize(actor, &edit_city_action(&city))?;
    let fields = forja_core::edit::CityFields::parse(input).map_err(ServiceError::Invalid)?;
    outcome(
        store
            .save_city(
                city.id,
                version,
                &fields,
                user_id(actor),
                crate::auth::now(),
            )
            .await?,
    )
}

/// Restores a city's profile to revision `to_version`.
pub async fn restore_city(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    to_version: i32,
) -> Result<i32> {
    let city = store
        .city_by_slug(city_slug)
        .await?
        .ok_or(ServiceError::NotFound)?;
    authorize(actor, &edit_city_action(&city))?;
    outcome(
        store
            .restore_city(
                city.id,
                to_version,
                city.version,
                user_id(actor),
                crate::auth::now(),
            )
            .await?,
    )
}

/// The history of a city's profile, oldest first.
pub async fn city_profile_history(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
) -> Result<History> {
    let city = store
        .city_by_slug(city_slug)
        .await?
        .ok_or(ServiceError::NotFound)?;
    authorize(
        actor,
        &Action::ViewHistory {
            city: CityId(i64::from(city.id)),
        },
    )?;
    let current =
        serde_json::to_value(forja_store::edit_city::city_fields(&city)).unwrap_or_default();
    history_of(
        store,
        forja_store::edit_city::CITY,
        city.id,
        city.id,
        &city.slug,
        &city.slug,
        city.version,
        false,
        current,
    )
    .await
}

/// Revisions as history shows them; a never-edited thing has its loaded state only.
#[allow(clippy::too_many_arguments)]
async fn history_of(
    store: &Store,
    entity: &str,
    id: i32,
    city_id: i32,
    city_slug: &str,
    slug: &str,
    current_version: i32,
    deleted: bool,
    current: serde_json::Value,
) -> Result<History> {
    let mut rows = store.revisions_of(entity, id).await?;
    if rows.is_empty() {
        rows.push(forja_store::entity::revision::Model {
            id: 0,
            entity: entity.into(),
            entity_id: id,
            city_id: Some(city_id),
            version: current_version,
            op: "import".into(),
            user_id: None,
            at: 0,
            snapshot: current,
        });
    }
    let names = store
        .user_names(rows.iter().filter_map(|r| r.user_id))
        .await?;
    let revisions = rows
        .into_iter()
        .map(|r| RevisionView {
            version: r.version,
            deleted: r
                .snapshot
                .get("deleted")
                .and_then(|v| v.as_bool())
                .unwrap_or(false),
            restored_from: r
                .snapshot
                .get("restored_from")
                .and_then(|v| v.as_i64())
                .map(|v| v as i32),
            op: r.op,
            at: r.at,
            by: r.user_id.and_then(|id| names.get(&id).cloned()),
            snapshot: r.snapshot,
        })
        .collect();
    Ok(History {
        city: city_slug.to_owned(),
        slug: slug.to_owned(),
        current_version,
        deleted,
        revisions,
    })
}

/// Whether the actor may edit this city's profile (to show or hide edit links).
pub async fn may_edit_city(store: &Store, actor: &Actor, city_slug: &str) -> Result<bool> {
    let city = store
        .city_by_slug(city_slug)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok(allowed(actor, &edit_city_action(&city)))
}

/// Creates a programme from form-style input (`slug` optional: made from the title).
/// Returns its slug.
pub async fn create_programme(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    input: &RawInput,
) -> Result<String> {
    use forja_core::edit::{FieldProblem, Problem};
    let city = store
        .city_by_slug(city_slug)
        .await?
        .ok_or(ServiceError::NotFound)?;
    authorize(
        actor,
        &Action::CreateOrDeleteProgramme {
            city: CityId(i64::from(city.id)),
        },
    )?;
    let mut input = input.clone();
    let wanted = input.remove("slug").unwrap_or_default();
    let fields = ProgrammeFields::parse(&input).map_err(ServiceError::Invalid)?;
    let source = if wanted.trim().is_empty() {
        fields
            .title
            .get_exact("en")
            .or(fields.title.get_exact("ro"))
            .unwrap_or("")
            .to_owned()
    } else {
        wanted
    };
    let field = |problem| {
        ServiceError::Invalid(vec![FieldProblem {
            field: "slug".into(),
            problem,
        }])
    };
    let slug = forja_core::Slug::fold(&source).map_err(|_| {
        field(Problem::NotAllowed {
            allowed: "letters a-z, digits and hyphens".into(),
        })
    })?;
    // These are addresses of pages under /programmes, not free for programmes.
    if matches!(slug.as_str(), "new" | "deleted") {
        return Err(field(Problem::Taken));
    }
    match store
        .create_programme(
            city.id,
            slug.as_str(),
            &fields,
            user_id(actor),
            crate::auth::now(),
        )
        .await?
    {
        Some(_) => Ok(slug.to_string()),
        None => Err(field(Problem::Taken)),
    }
}

/// Whether the actor may create (and delete) programmes in this city.
pub async fn may_create_programme(store: &Store, actor: &Actor, city_slug: &str) -> Result<bool> {
    let city = store
        .city_by_slug(city_slug)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok(allowed(
        actor,
        &Action::CreateOrDeleteProgramme {
            city: CityId(i64::from(city.id)),
        },
    ))
}
