//! Editing use-cases, shared by HTML forms and the JSON API. Each one asks the policy
//! (`forja_core::policy::allowed`) with the facts it needs — the city, the programme's
//! partners — before anything is read for editing or written.

mod city_profile;
mod frameworks;
mod indicators;
mod member_cities;
mod organisations;
mod programmes;
mod statuses;
mod stories;
mod strategy;

pub use city_profile::*;
pub use frameworks::*;
pub use indicators::*;
pub use member_cities::*;
pub use organisations::*;
pub use programmes::*;
pub use statuses::*;
pub use stories::*;
pub use strategy::*;

use crate::{Result, ServiceError, Store};
use forja_core::edit::{
    DiffPart, FieldProblem, Problem, ProgrammeFields, RawInput, Writing, word_diff,
};
use forja_core::ids::{CityId, OrganisationId};
use forja_core::policy::{Action, Actor, allowed};
use forja_store::edit_programme::{PROGRAMME, Programme};
use forja_store::entity::{city, programme};
use forja_store::versioned::{Change, Saved, Versioned};
use serde::Serialize;

async fn load(
    store: &Store,
    city_slug: &str,
    slug: &str,
    deleted: bool,
) -> Result<(city::Model, programme::Model)> {
    let city = crate::city(store, city_slug).await?;
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

pub(crate) fn outcome(saved: Saved) -> Result<i32> {
    match saved {
        Saved::Ok { version } => Ok(version),
        Saved::Conflict { current_version } => Err(ServiceError::Conflict { current_version }),
        Saved::Missing => Err(ServiceError::NotFound),
        Saved::InUse(by) => Err(ServiceError::Invalid(vec![FieldProblem {
            field: "delete".into(),
            problem: Problem::InUse { by },
        }])),
        Saved::WouldBreak(fields) => Err(ServiceError::Invalid(
            fields
                .into_iter()
                .map(|(field, by)| FieldProblem {
                    field,
                    problem: Problem::HasData { by },
                })
                .collect(),
        )),
    }
}

fn user_id(actor: &Actor) -> Option<i32> {
    i32::try_from(actor.user.0).ok()
}

/// Creates a thing at the first free address of `base`, `base-2`, `base-3`, ...:
/// `create` answers whether the address was free (and the thing made there). `None`
/// when a hundred are taken.
/// The address a new thing takes from its words: folded (`Ghid de monitorizare în
/// oraș` → `ghid-de-monitorizare-in-oras`), at most `max` characters, `what` when the
/// words fold to nothing, and never `new` (the address of the form that makes one).
pub(crate) fn slug_base(words: &str, max: usize, what: &str) -> String {
    let base = forja_core::Slug::fold(words)
        .map(|s| s.as_str().chars().take(max).collect::<String>())
        .map(|s| s.trim_end_matches('-').to_owned())
        .unwrap_or_else(|_| what.to_owned());
    if base == "new" {
        format!("new-{what}")
    } else {
        base
    }
}

pub(crate) async fn at_free_slug<F, Fut>(base: &str, mut create: F) -> Result<Option<String>>
where
    F: FnMut(String) -> Fut,
    Fut: std::future::Future<Output = Result<bool>>,
{
    for n in 1..100 {
        let slug = if n == 1 {
            base.to_owned()
        } else {
            format!("{base}-{n}")
        };
        if create(slug.clone()).await? {
            return Ok(Some(slug));
        }
    }
    Ok(None)
}

/// Applies an (already authorised) change as the actor; returns the new version.
async fn apply<K: Versioned>(
    store: &Store,
    actor: &Actor,
    id: i32,
    version: i32,
    change: Change<K::Fields>,
) -> Result<i32> {
    outcome(
        store
            .change::<K>(id, version, change, user_id(actor), crate::auth::now())
            .await?,
    )
}

/// Two edits from the same version that changed the same fields differently.
#[derive(Debug, Clone)]
pub struct EditConflict {
    /// The version stored now; a resolved save names it.
    pub current_version: i32,
    /// The fields and row groups both changed, by name.
    pub fields: Vec<String>,
    /// What is stored now, in the machine writing.
    pub saved: RawInput,
    /// The person's edit merged with the saved one: everything only one side changed,
    /// and the person's own value where both did (machine writing).
    pub merged: RawInput,
    /// Who saved the current version, and when (Unix seconds).
    pub saved_by: Option<String>,
    pub saved_at: i64,
}

/// Merged form values applied over the fields stored now.
type ParseOver<'a, F> =
    &'a (dyn Fn(&RawInput, &F) -> std::result::Result<F, Vec<FieldProblem>> + Sync);

/// How a kind's fields become form values and back, for the three-way merge.
pub(crate) struct Merging<'a, F> {
    /// The part of the fields the form edits, as form values (machine writing).
    pub to_input: &'a (dyn Fn(&F) -> RawInput + Sync),
    /// The merged form values applied over what is stored now (most kinds are their
    /// form whole and ignore it; a story's form is one part of its document).
    pub parse: ParseOver<'a, F>,
    pub groups: &'static [forja_core::edit::Group],
    /// Whether the form's values mean the same thing in both versions (a story page's
    /// number names another page once pages moved): when not, nothing is merged.
    pub comparable: &'a (dyn Fn(&F, &F) -> bool + Sync),
}

/// For kinds edited whole by one form.
pub(crate) fn always_comparable<F>(_: &F, _: &F) -> bool {
    true
}

/// Saves an edit made from version `base`. When others saved since, the three versions
/// are merged (`core::edit::merge3`): fields only one side changed are kept from that
/// side without asking, and only fields both changed come back as an [`EditConflict`]
/// for a person to decide — so nobody's work is reverted unless someone chose it.
pub(crate) async fn update<K: Versioned>(
    store: &Store,
    actor: &Actor,
    id: i32,
    base: i32,
    mine: K::Fields,
    merging: Merging<'_, K::Fields>,
) -> Result<i32> {
    let mut fields = mine.clone();
    let mut at = base;
    // Each round merges with what is stored; another save can slip in between, so try
    // again a few times before asking the person.
    for _ in 0..3 {
        let saved = store
            .change::<K>(
                id,
                at,
                Change::Update(fields.clone()),
                user_id(actor),
                crate::auth::now(),
            )
            .await?;
        let Saved::Conflict { current_version } = saved else {
            return outcome(saved);
        };
        let now = current::<K>(store, id).await?;
        // Deleted meanwhile: saving would bring it back unasked.
        if now.deleted {
            return Err(ServiceError::NotFound);
        }
        let base_fields = store.revision_fields::<K>(id, base).await?;
        let Some(base_fields) = base_fields.filter(|b| (merging.comparable)(b, &now.fields)) else {
            // No record of what the person started from (a version from the future), or
            // the form means something else now: nothing can be merged safely.
            return Err(ServiceError::Conflict { current_version });
        };
        let saved_input = (merging.to_input)(&now.fields);
        let merged = forja_core::edit::merge3(
            &(merging.to_input)(&base_fields),
            &saved_input,
            &(merging.to_input)(&mine),
            merging.groups,
        );
        // Merged values can still contradict each other (one set the start, the other
        // an end before it): the fields named by the problems need a person too.
        let parsed = (merging.parse)(&merged.input, &now.fields);
        let mut fields_in_conflict = merged.conflicts.clone();
        if let Err(problems) = &parsed {
            for p in problems {
                let unit = forja_core::edit::unit_of(&p.field, merging.groups).to_owned();
                if !fields_in_conflict.contains(&unit) {
                    fields_in_conflict.push(unit);
                }
            }
        }
        if !fields_in_conflict.is_empty() {
            let last = store.revisions_of(K::ENTITY, id).await?.pop();
            let names = store
                .user_names(last.as_ref().and_then(|r| r.user_id))
                .await?;
            return Err(ServiceError::EditConflict(Box::new(EditConflict {
                current_version: now.version,
                fields: fields_in_conflict,
                saved: saved_input,
                merged: merged.input,
                saved_by: last
                    .as_ref()
                    .and_then(|r| r.user_id)
                    .and_then(|u| names.get(&u).cloned()),
                saved_at: last.map_or(0, |r| r.at),
            })));
        }
        fields = parsed.map_err(ServiceError::Invalid)?;
        at = now.version;
    }
    Err(ServiceError::Conflict {
        current_version: at,
    })
}

/// The fields of revision `version`, checked as if typed now (`parse` against what may
/// be picked today), so a restore can never bring back a cycle, a deleted organisation
/// or a code another thing has taken since.
async fn check_restore<K: Versioned>(
    store: &Store,
    id: i32,
    version: i32,
    parse: impl FnOnce(&RawInput) -> std::result::Result<K::Fields, Vec<FieldProblem>>,
    to_input: impl FnOnce(&K::Fields) -> RawInput,
) -> Result<()> {
    let fields = store
        .revision_fields::<K>(id, version)
        .await?
        .ok_or(ServiceError::NotFound)?;
    parse(&to_input(&fields))
        .map(|_| ())
        .map_err(ServiceError::Invalid)
}

/// Something opened for editing: its fields, the version they are, and what its
/// references may point at.
#[derive(Debug, Clone)]
pub struct ForEdit<F, C = ()> {
    pub fields: F,
    pub version: i32,
    pub choices: C,
}

/// What is stored now for one thing of kind `K`.
async fn current<K: Versioned>(
    store: &Store,
    id: i32,
) -> Result<forja_store::versioned::Current<K::Fields>> {
    K::read(store, id).await?.ok_or(ServiceError::NotFound)
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
    let (mut fields, a) = forja_core::edit::snapshot_input(entity, before);
    let (more, b) = forja_core::edit::snapshot_input(entity, after);
    for f in more {
        if !fields.contains(&f) {
            fields.push(f);
        }
    }
    fields
        .iter()
        .filter_map(|field| {
            let (x, y) = (
                a.get(field).map(String::as_str).unwrap_or(""),
                b.get(field).map(String::as_str).unwrap_or(""),
            );
            (x != y).then(|| FieldChange {
                field: field.clone(),
                parts: word_diff(x, y),
            })
        })
        .collect()
}

/// A change anywhere in a city, for the city's history.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CityRevision {
    /// What changed: `city`, `strategy`, `objective`, `organisation`, `programme`,
    /// `story`, `series` (an indicator's data; `slug` is its code) or `import` (`slug`
    /// is the file's name).
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
    let city = crate::city(store, city_slug).await?;
    authorize(
        actor,
        &Action::ViewHistory {
            city: crate::city_id(&city),
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
    if let Some(strategy) = store.current_strategy(city.id).await? {
        use forja_store::edit_strategy::{OBJECTIVE, STRATEGY};
        slugs.insert((STRATEGY, strategy.id), "strategy".into());
        for o in store.all_objectives(strategy.id).await? {
            slugs.insert((OBJECTIVE, o.id), o.code);
        }
    }
    for o in store
        .organisations_of(city.id)
        .await?
        .into_iter()
        .chain(store.deleted_organisations(city.id).await?)
    {
        slugs.insert((forja_store::edit_organisation::ORGANISATION, o.id), o.slug);
    }
    for story in store.stories_of(city.id).await? {
        slugs.insert((forja_store::edit_story::STORY, story.id), story.slug);
    }
    // Monitoring data: a series by its indicator's code, an import by its file's name.
    let codes: std::collections::HashMap<i32, String> = store
        .indicators(Some(city.id))
        .await?
        .into_iter()
        .map(|i| (i.row.id, i.row.code))
        .collect();
    for (indicator, series) in store.city_series(city.id).await? {
        if let Some(code) = codes.get(&indicator) {
            slugs.insert(("series", series), code.clone());
        }
    }
    for i in store.imports(city.id).await? {
        slugs.insert(("import", i.id), i.file_name);
    }
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

/// Revisions as history shows them; a never-edited thing has its loaded state only.
pub(crate) async fn history_of<K: Versioned>(
    store: &Store,
    id: i32,
    city_slug: &str,
    slug: &str,
) -> Result<History> {
    let now = current::<K>(store, id).await?;
    let (entity, current_version, deleted) = (K::ENTITY, now.version, now.deleted);
    let mut rows = store.revisions_of(entity, id).await?;
    if rows.is_empty() {
        rows.push(forja_store::entity::revision::Model {
            id: 0,
            entity: entity.into(),
            entity_id: id,
            city_id: Some(now.city_id),
            version: current_version,
            op: "import".into(),
            user_id: None,
            at: 0,
            snapshot: serde_json::to_value(&now.fields).unwrap_or_default(),
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

#[cfg(test)]
mod tests {
    use super::slug_base;

    #[test]
    fn a_new_things_address_comes_from_its_words_and_is_never_the_forms() {
        assert_eq!(
            slug_base("Ghid de monitorizare în oraș", 60, "resource"),
            "ghid-de-monitorizare-in-oras"
        );
        assert_eq!(slug_base("New", 60, "discussion"), "new-discussion");
        assert_eq!(slug_base("!!!", 60, "resource"), "resource");
        // Cut at a word's dash: no address ends in one.
        assert_eq!(slug_base("ab cd", 3, "x"), "ab");
    }
}
