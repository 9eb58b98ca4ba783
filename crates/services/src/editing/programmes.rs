//! Programmes: open for editing, save, create, delete, undelete, restore, history.

use super::*;
use forja_core::LocalizedText;
use forja_core::edit::{Choice, ProgrammeChoices};

/// A programme opened for editing, with what its references may point at.
#[derive(Debug, Clone)]
pub struct ProgrammeForEdit {
    pub city_slug: String,
    pub slug: String,
    pub fields: ProgrammeFields,
    pub version: i32,
    pub choices: ProgrammeChoices,
}

/// The right that creating, deleting and undeleting a city's programmes take.
fn create_or_delete(city: &city::Model) -> Action {
    Action::CreateOrDeleteProgramme {
        city: crate::city_id(city),
    }
}

fn label(value: &serde_json::Value) -> LocalizedText {
    serde_json::from_value(value.clone()).unwrap_or_default()
}

/// What a programme of this city may refer to; `this` is the programme being edited
/// (none when creating), which with its descendants may not become its own parent.
pub async fn programme_choices(
    store: &Store,
    city: &city::Model,
    this: Option<i32>,
) -> Result<ProgrammeChoices> {
    let programmes = store.programmes_of(city.id).await?;
    let mut subtree: Vec<i32> = this.into_iter().collect();
    // Walk down level by level; the tree is small (a city's programmes).
    loop {
        let more: Vec<i32> = programmes
            .iter()
            .filter(|p| p.parent_id.is_some_and(|parent| subtree.contains(&parent)))
            .map(|p| p.id)
            .filter(|id| !subtree.contains(id))
            .collect();
        if more.is_empty() {
            break;
        }
        subtree.extend(more);
    }
    let (own, others): (Vec<_>, Vec<_>) = programmes.iter().partition(|p| subtree.contains(&p.id));
    let objectives = match store.current_strategy(city.id).await? {
        Some(s) => store.objectives_of(s.id).await?,
        None => Vec::new(),
    };
    let target_groups = match store.framework_by_code("target-groups").await? {
        Some(fw) => store.nodes_of(fw.id).await?,
        None => Vec::new(),
    };
    Ok(ProgrammeChoices {
        currencies: crate::places::currencies().to_vec(),
        parents: others
            .iter()
            .map(|p| Choice::new(p.slug.clone(), label(&p.title)))
            .collect(),
        own_subtree: own.iter().map(|p| p.slug.clone()).collect(),
        organisations: store
            .organisations_of(city.id)
            .await?
            .into_iter()
            .map(|o| Choice::new(o.slug, label(&o.name)))
            .collect(),
        objectives: objectives
            .into_iter()
            .map(|o| {
                let title = label(&o.title);
                let mut text = LocalizedText::new();
                for lang in title.languages() {
                    let t = title.get_exact(lang).unwrap_or("");
                    text.insert(lang, format!("{} · {t}", o.code));
                }
                Choice::new(o.code, text)
            })
            .collect(),
        target_groups: target_groups
            .into_iter()
            .map(|n| Choice::new(n.code, label(&n.title)))
            .collect(),
    })
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
    let now = current::<Programme>(store, p.id).await?;
    Ok(ProgrammeForEdit {
        choices: programme_choices(store, &city, Some(p.id)).await?,
        city_slug: city.slug,
        slug: p.slug.clone(),
        fields: now.fields,
        version: now.version,
    })
}

/// Validates and saves; returns the new version.
pub async fn edit_programme(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    slug: &str,
    input: &RawInput,
    writing: Writing,
    version: i32,
) -> Result<i32> {
    let (city, p) = load(store, city_slug, slug, false).await?;
    authorize(actor, &edit_action(store, &p).await?)?;
    let choices = programme_choices(store, &city, Some(p.id)).await?;
    let fields = ProgrammeFields::parse(input, &choices, writing).map_err(ServiceError::Invalid)?;
    let merging = Merging {
        to_input: &ProgrammeFields::to_input,
        parse: &|i, _| ProgrammeFields::parse(i, &choices, Writing::Machine),
        groups: ProgrammeFields::GROUPS,
        comparable: &always_comparable,
    };
    update::<Programme>(store, actor, p.id, version, fields, merging).await
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
    authorize(actor, &create_or_delete(&city))?;
    apply::<Programme>(store, actor, p.id, version, Change::Delete).await
}

/// Restores the programme to the fields of revision `to_version` (undeleting it).
pub async fn restore_programme(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    slug: &str,
    to_version: i32,
    expected: Option<i32>,
) -> Result<i32> {
    let (city, p) = load(store, city_slug, slug, true).await?;
    let action = if p.deleted_at.is_some() {
        create_or_delete(&city)
    } else {
        edit_action(store, &p).await?
    };
    authorize(actor, &action)?;
    check_programme_restore(store, &city, &p, to_version).await?;
    apply::<Programme>(
        store,
        actor,
        p.id,
        expected.unwrap_or(p.version),
        Change::Restore(to_version),
    )
    .await
}

/// Refuses to restore a version whose parent, partners or objectives are no longer
/// allowed (a cycle, a deleted organisation or objective).
async fn check_programme_restore(
    store: &Store,
    city: &city::Model,
    p: &programme::Model,
    version: i32,
) -> Result<()> {
    let choices = programme_choices(store, city, Some(p.id)).await?;
    check_restore::<Programme>(
        store,
        p.id,
        version,
        |input| ProgrammeFields::parse(input, &choices, Writing::Machine),
        ProgrammeFields::to_input,
    )
    .await
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
    history_of::<Programme>(store, p.id, &city.slug, &p.slug).await
}

/// Deleted programmes of a city, for those who may restore them.
pub async fn deleted_programmes(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
) -> Result<Vec<(String, LocalizedText)>> {
    let city = crate::city(store, city_slug).await?;
    authorize(actor, &create_or_delete(&city))?;
    Ok(store
        .deleted_programmes(city.id)
        .await?
        .into_iter()
        .map(|p| (p.slug.clone(), label(&p.title)))
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
    authorize(actor, &create_or_delete(&city))?;
    if p.deleted_at.is_none() {
        return Ok(p.version);
    }
    check_programme_restore(store, &city, &p, p.version).await?;
    apply::<Programme>(store, actor, p.id, p.version, Change::Restore(p.version)).await
}

/// Creates a programme from form-style input (`slug` optional: made from the title).
/// Returns its slug.
pub async fn create_programme(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    input: &RawInput,
    writing: Writing,
) -> Result<String> {
    use forja_core::edit::{FieldProblem, Problem};
    let city = crate::city(store, city_slug).await?;
    authorize(actor, &create_or_delete(&city))?;
    let mut input = input.clone();
    let wanted = input.remove("slug").unwrap_or_default();
    let choices = programme_choices(store, &city, None).await?;
    let fields =
        ProgrammeFields::parse(&input, &choices, writing).map_err(ServiceError::Invalid)?;
    let field = |problem| {
        ServiceError::Invalid(vec![FieldProblem {
            field: "slug".into(),
            problem,
        }])
    };
    let slug = if wanted.trim().is_empty() {
        let title = fields
            .title
            .get_exact("en")
            .or(fields.title.get_exact("ro"));
        forja_core::Slug::fold(title.unwrap_or(""))
    } else {
        forja_core::Slug::read(wanted.trim(), writing)
    }
    .map_err(|_| {
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
    Ok(allowed(actor, &create_or_delete(&city)))
}

/// What a new programme of this city may refer to (refused unless the actor may create
/// programmes here).
pub async fn new_programme_choices(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
) -> Result<ProgrammeChoices> {
    let city = crate::city(store, city_slug).await?;
    authorize(actor, &create_or_delete(&city))?;
    programme_choices(store, &city, None).await
}
