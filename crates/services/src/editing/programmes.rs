//! Programmes: open for editing, save, create, delete, undelete, restore, history.

use super::*;

/// A programme opened for editing.
#[derive(Debug, Clone)]
pub struct ProgrammeForEdit {
    pub city_slug: String,
    pub slug: String,
    pub fields: ProgrammeFields,
    pub version: i32,
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
            city: crate::city_id(&city),
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
            city: crate::city_id(&city),
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
            city: crate::city_id(&city),
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

/// Deleted programmes of a city, for those who may restore them.
pub async fn deleted_programmes(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
) -> Result<Vec<(String, ProgrammeFields)>> {
    let city = crate::city(store, city_slug).await?;
    authorize(
        actor,
        &Action::CreateOrDeleteProgramme {
            city: crate::city_id(&city),
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
            city: crate::city_id(&city),
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

/// Creates a programme from form-style input (`slug` optional: made from the title).
/// Returns its slug.
pub async fn create_programme(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    input: &RawInput,
) -> Result<String> {
    use forja_core::edit::{FieldProblem, Problem};
    let city = crate::city(store, city_slug).await?;
    authorize(
        actor,
        &Action::CreateOrDeleteProgramme {
            city: crate::city_id(&city),
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
    let city = crate::city(store, city_slug).await?;
    Ok(allowed(
        actor,
        &Action::CreateOrDeleteProgramme {
            city: crate::city_id(&city),
        },
    ))
}
