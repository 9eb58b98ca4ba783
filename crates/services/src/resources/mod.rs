//! The network's library of capacity-development resources: public to all, written by
//! network staff (the same right as editing the frameworks). The library filters by
//! kind, language, level, collection and KFLC feature; the network's collections
//! ("start here", "monitoring", ...) open it.

use forja_core::LocalizedText;
use forja_core::edit::{
    Choice, FieldProblem, Problem, RESOURCE_COLLECTIONS, RESOURCE_KINDS, RESOURCE_LANGUAGES,
    RESOURCE_LEVELS, RawInput, ResourceFields,
};
use forja_core::policy::{Action, Actor, allowed};
use forja_store::edit_resource::{Resource, resource_document};
use forja_store::entity::resource;
use forja_store::versioned::{Change, Versioned};
use serde::Serialize;
use utoipa::ToSchema;

mod file;
pub use file::{attach_file, resource_file};

use crate::editing::{self, ForEdit};
use crate::{Result, ServiceError, Store};

/// A feature of the Key Features a resource helps with, named.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FeatureRef {
    pub code: String,
    pub title: LocalizedText,
}

/// A resource as the library, its page and the API show it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ResourceView {
    pub slug: String,
    pub version: i32,
    pub fields: ResourceFields,
    /// Its KFLC features with their names, in the order given.
    pub features: Vec<FeatureRef>,
}

/// What the reader narrowed the library to; every part optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResourceFilter {
    pub kind: Option<String>,
    pub language: Option<String>,
    pub level: Option<String>,
    pub collection: Option<String>,
    /// A KFLC feature (`3.1`) or area (`3`).
    pub kflc: Option<String>,
}

impl ResourceFilter {
    /// Reads the filter's values (empty ones mean "any"); an unknown value is named by
    /// its field rather than quietly matching nothing.
    pub fn parse(
        kind: Option<&str>,
        language: Option<&str>,
        level: Option<&str>,
        collection: Option<&str>,
        kflc: Option<&str>,
    ) -> Result<Self> {
        let mut problems = Vec::new();
        let mut pick = |field: &str, value: Option<&str>, allowed: &[&str]| {
            let v = value.map(str::trim).filter(|v| !v.is_empty())?;
            if allowed.contains(&v) {
                Some(v.to_owned())
            } else {
                problems.push(FieldProblem {
                    field: field.into(),
                    problem: Problem::NotAChoice,
                });
                None
            }
        };
        let filter = Self {
            kind: pick("kind", kind, &RESOURCE_KINDS),
            language: pick("language", language, &RESOURCE_LANGUAGES),
            level: pick("level", level, &RESOURCE_LEVELS),
            collection: pick("collection", collection, &RESOURCE_COLLECTIONS),
            kflc: None,
        };
        let kflc = kflc.map(str::trim).filter(|v| !v.is_empty());
        let well_formed = |k: &str| {
            k.len() <= 8
                && k.split('.')
                    .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        };
        if kflc.is_some_and(|k| !well_formed(k)) {
            problems.push(FieldProblem {
                field: "kflc".into(),
                problem: Problem::NotAChoice,
            });
        }
        if !problems.is_empty() {
            return Err(ServiceError::Invalid(problems));
        }
        Ok(Self {
            kflc: kflc.map(str::to_owned),
            ..filter
        })
    }

    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Whether a resource passes the filter.
    pub fn matches(&self, f: &ResourceFields) -> bool {
        let is = |want: &Option<String>, have: &str| want.as_deref().is_none_or(|w| w == have);
        is(&self.kind, &f.kind)
            && is(&self.language, &f.language)
            && is(&self.level, &f.level)
            && self
                .collection
                .as_ref()
                .is_none_or(|c| f.collections.contains(c))
            && self.kflc.as_ref().is_none_or(|k| {
                f.kflc
                    .iter()
                    .any(|code| code == k || code.starts_with(&format!("{k}.")))
            })
    }
}

/// The library: what the filter lets through, newest additions last (the order staff
/// wrote them in, which is how collections read).
pub async fn resource_library(store: &Store, filter: &ResourceFilter) -> Result<Vec<ResourceView>> {
    let features = feature_choices(store).await?;
    Ok(store
        .resources()
        .await?
        .iter()
        .filter_map(|r| view(r, &features))
        .filter(|v| filter.matches(&v.fields))
        .collect())
}

/// One live resource.
pub async fn resource_view(store: &Store, slug: &str) -> Result<ResourceView> {
    let r = load(store, slug).await?;
    view(&r, &feature_choices(store).await?).ok_or(ServiceError::NotFound)
}

fn view(r: &resource::Model, features: &[Choice]) -> Option<ResourceView> {
    let fields = resource_document(r)?;
    let named = fields
        .kflc
        .iter()
        .filter_map(|code| features.iter().find(|c| &c.code == code))
        .map(|c| FeatureRef {
            code: c.code.clone(),
            title: c.label.clone(),
        })
        .collect();
    Some(ResourceView {
        slug: r.slug.clone(),
        version: r.version,
        fields,
        features: named,
    })
}

/// The KFLC nodes a resource may name (areas and features alike, as practices do).
pub async fn feature_choices(store: &Store) -> Result<Vec<Choice>> {
    let Some(fw) = store.framework_by_code("kflc").await? else {
        return Ok(Vec::new());
    };
    Ok(store
        .nodes_of(fw.id)
        .await?
        .into_iter()
        .map(|n| {
            let title = serde_json::from_value(n.title).unwrap_or_default();
            Choice::new(n.code, title)
        })
        .collect())
}

/// Whether the actor keeps the library (asked for the buttons, and before any write).
pub fn may_manage_resources(actor: &Actor) -> bool {
    allowed(actor, &Action::ManageNetwork)
}

fn authorize(actor: &Actor) -> Result<()> {
    if may_manage_resources(actor) {
        Ok(())
    } else {
        Err(ServiceError::Forbidden)
    }
}

async fn load(store: &Store, slug: &str) -> Result<resource::Model> {
    store
        .resource_row(slug, false)
        .await?
        .ok_or(ServiceError::NotFound)
}

fn user_id(actor: &Actor) -> Option<i32> {
    i32::try_from(actor.user.0).ok()
}

fn this_year() -> i32 {
    chrono::Datelike::year(&chrono::Utc::now())
}

fn parse(input: &RawInput, features: &[Choice]) -> Result<ResourceFields> {
    ResourceFields::parse(input, features, this_year()).map_err(ServiceError::Invalid)
}

/// A resource opened for its form, with the features it may name.
pub async fn resource_for_edit(
    store: &Store,
    actor: &Actor,
    slug: &str,
) -> Result<ForEdit<ResourceFields, Vec<Choice>>> {
    authorize(actor)?;
    let r = load(store, slug).await?;
    let now = Resource::read(store, r.id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok(ForEdit {
        fields: now.fields,
        version: now.version,
        choices: feature_choices(store).await?,
    })
}

/// Saves the form from `version` (merged with a save made meanwhile where the two do
/// not touch the same fields); returns the new version.
pub async fn edit_resource(
    store: &Store,
    actor: &Actor,
    slug: &str,
    input: &RawInput,
    version: i32,
) -> Result<i32> {
    authorize(actor)?;
    let r = load(store, slug).await?;
    let features = feature_choices(store).await?;
    let fields = parse(input, &features)?;
    let merging = editing::Merging {
        to_input: &ResourceFields::to_input,
        parse: &|i, _| ResourceFields::parse(i, &features, this_year()),
        groups: &[],
        comparable: &editing::always_comparable,
    };
    editing::update::<Resource>(store, actor, r.id, version, fields, merging).await
}

/// Adds a resource; its address comes from its title (numbered when taken). Returns it.
pub async fn create_resource(store: &Store, actor: &Actor, input: &RawInput) -> Result<String> {
    authorize(actor)?;
    let fields = parse(input, &feature_choices(store).await?)?;
    let title = fields
        .title
        .get_exact("en")
        .or(fields.title.get_exact("ro"))
        .unwrap_or("");
    let base = editing::slug_base(title, 60, "resource");
    let (user, now) = (user_id(actor), crate::auth::now());
    let made = editing::at_free_slug(&base, |slug| {
        let fields = &fields;
        async move {
            Ok(store
                .create_resource(&slug, fields, user, now)
                .await?
                .is_some())
        }
    })
    .await?;
    if let Some(slug) = made {
        return Ok(slug);
    }
    Err(ServiceError::Invalid(vec![FieldProblem {
        field: "title_en".into(),
        problem: Problem::Taken,
    }]))
}

/// Takes a resource out of the library (restorable from its history).
pub async fn delete_resource(
    store: &Store,
    actor: &Actor,
    slug: &str,
    version: i32,
) -> Result<i32> {
    authorize(actor)?;
    let r = load(store, slug).await?;
    editing::outcome(
        store
            .change::<Resource>(
                r.id,
                version,
                Change::Delete,
                user_id(actor),
                crate::auth::now(),
            )
            .await?,
    )
}

/// The resource's history, taken out or not (network staff).
pub async fn resource_history(
    store: &Store,
    actor: &Actor,
    slug: &str,
) -> Result<editing::History> {
    authorize(actor)?;
    let r = store
        .resource_row(slug, true)
        .await?
        .ok_or(ServiceError::NotFound)?;
    editing::history_of::<Resource>(store, r.id, "", &r.slug).await
}

/// Makes an earlier version the current one again; restoring a resource taken out
/// brings it back to the library.
pub async fn restore_resource(
    store: &Store,
    actor: &Actor,
    slug: &str,
    to_version: i32,
    expected: Option<i32>,
) -> Result<i32> {
    authorize(actor)?;
    let r = store
        .resource_row(slug, true)
        .await?
        .ok_or(ServiceError::NotFound)?;
    editing::outcome(
        store
            .change::<Resource>(
                r.id,
                expected.unwrap_or(r.version),
                Change::Restore(to_version),
                user_id(actor),
                crate::auth::now(),
            )
            .await?,
    )
}

/// The resources taken out of the library: (slug, title), for staff to bring back.
pub async fn deleted_resources(
    store: &Store,
    actor: &Actor,
) -> Result<Vec<(String, LocalizedText)>> {
    authorize(actor)?;
    Ok(store
        .deleted_resources()
        .await?
        .iter()
        .filter_map(|r| Some((r.slug.clone(), resource_document(r)?.title)))
        .collect())
}

/// Adds the demo library's entries once (a resource already there is left as is).
pub(crate) async fn load_demo(store: &Store, entries: &[(String, ResourceFields)]) -> Result<()> {
    let features = feature_choices(store).await?;
    for (slug, fields) in entries {
        // The demo files are checked like a person's form: a wrong code fails loudly.
        let checked = ResourceFields::parse(&fields.to_input(), &features, this_year())
            .map_err(|p| ServiceError::Internal(format!("demo resource {slug}: {p:?}")))?;
        let fields = ResourceFields {
            sample: fields.sample,
            ..checked
        };
        store
            .create_resource(slug, &fields, None, crate::auth::now())
            .await?;
    }
    Ok(())
}
