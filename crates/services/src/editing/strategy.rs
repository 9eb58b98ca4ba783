//! A city's strategy and its objectives: open for editing, save, create, delete,
//! restore, history. Both need the right to edit the city's strategy.

use super::*;
use forja_core::LocalizedText;
use forja_core::edit::{Choice, ObjectiveChoices, ObjectiveFields, StrategyFields};
use forja_store::edit_strategy::{Objective, Strategy};
use forja_store::entity::strategy;

fn strategy_action(city: &city::Model) -> Action {
    Action::EditStrategy {
        city: crate::city_id(city),
    }
}

/// The city and its current strategy, after checking the actor may edit it.
async fn open(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
) -> Result<(city::Model, strategy::Model)> {
    let city = crate::city(store, city_slug).await?;
    authorize(actor, &strategy_action(&city))?;
    let s = store
        .current_strategy(city.id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok((city, s))
}

/// The strategy opened for editing; a city without one gets a blank draft as version 0,
/// which saving creates.
pub async fn strategy_for_edit(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
) -> Result<ForEdit<StrategyFields>> {
    let city = crate::city(store, city_slug).await?;
    authorize(actor, &strategy_action(&city))?;
    let Some(s) = store.current_strategy(city.id).await? else {
        return Ok(ForEdit {
            fields: StrategyFields {
                title: LocalizedText::new(),
                vision: LocalizedText::new(),
                period_start: chrono::Datelike::year(&chrono::Utc::now().date_naive()),
                period_end: None,
                status: "draft".into(),
                period_sample: false,
            },
            version: 0,
            choices: (),
        });
    };
    let now = current::<Strategy>(store, s.id).await?;
    Ok(ForEdit {
        fields: now.fields,
        version: now.version,
        choices: (),
    })
}

pub async fn edit_strategy(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    input: &RawInput,
    writing: Writing,
    version: i32,
) -> Result<i32> {
    let city = crate::city(store, city_slug).await?;
    authorize(actor, &strategy_action(&city))?;
    let fields = StrategyFields::parse(input, writing).map_err(ServiceError::Invalid)?;
    let merging = Merging {
        to_input: &StrategyFields::to_input,
        parse: &|i, _| StrategyFields::parse(i, Writing::Machine),
        groups: &[],
        comparable: &always_comparable,
    };
    match store.current_strategy(city.id).await? {
        Some(s) => update::<Strategy>(store, actor, s.id, version, fields, merging).await,
        // Someone else wrote the first strategy meanwhile.
        None if version != 0 => Err(ServiceError::Conflict { current_version: 0 }),
        None => {
            let now = crate::auth::now();
            match store
                .create_strategy(city.id, &fields, user_id(actor), now)
                .await?
            {
                Some(_) => Ok(1),
                None => Err(ServiceError::Conflict { current_version: 1 }),
            }
        }
    }
}

pub async fn restore_strategy(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    to_version: i32,
    expected: Option<i32>,
) -> Result<i32> {
    let (_, s) = open(store, actor, city_slug).await?;
    apply::<Strategy>(
        store,
        actor,
        s.id,
        expected.unwrap_or(s.version),
        Change::Restore(to_version),
    )
    .await
}

pub async fn strategy_history(store: &Store, actor: &Actor, city_slug: &str) -> Result<History> {
    let (city, s) = open(store, actor, city_slug).await?;
    history_of::<Strategy>(store, s.id, &city.slug, "strategy").await
}

fn label(value: &serde_json::Value) -> LocalizedText {
    serde_json::from_value(value.clone()).unwrap_or_default()
}

/// A framework's nodes as choices labelled `code · title`; `kinds` keeps only nodes of
/// those kinds (all when empty).
async fn node_choices(store: &Store, framework: &str, kinds: &[&str]) -> Result<Vec<Choice>> {
    let Some(fw) = store.framework_by_code(framework).await? else {
        return Ok(Vec::new());
    };
    Ok(store
        .nodes_of(fw.id)
        .await?
        .into_iter()
        .filter(|n| kinds.is_empty() || kinds.contains(&n.kind.as_str()))
        .map(|n| {
            let title = label(&n.title);
            let mut text = LocalizedText::new();
            for lang in title.languages() {
                let t = title.get_exact(lang).unwrap_or("");
                text.insert(lang, format!("{} · {t}", n.code));
            }
            Choice::new(n.code, text)
        })
        .collect())
}

/// The codes of the network's vocabularies kept as data, by the name the API's schema
/// gives each (`x-vocabulary`): what a write may name, as stored now.
pub async fn vocabularies(store: &Store) -> Result<Vec<(&'static str, Vec<String>)>> {
    let codes = |choices: Vec<Choice>| choices.into_iter().map(|c| c.code).collect();
    Ok(vec![
        ("kflc", codes(node_choices(store, "kflc", &[]).await?)),
        (
            "guidelines",
            codes(node_choices(store, "guidelines", &[]).await?),
        ),
        ("sdg", codes(node_choices(store, "sdg", &[]).await?)),
        (
            "sdg-targets",
            codes(node_choices(store, "sdg", &["target"]).await?),
        ),
        (
            "target-groups",
            codes(node_choices(store, "target-groups", &[]).await?),
        ),
        (
            "clusters",
            codes(node_choices(store, "clusters", &[]).await?),
        ),
    ])
}

/// What an objective may refer to; `this` is the objective being edited.
async fn objective_choices(
    store: &Store,
    s: &strategy::Model,
    this: Option<i32>,
) -> Result<ObjectiveChoices> {
    Ok(ObjectiveChoices {
        kflc: node_choices(store, "kflc", &[]).await?,
        guidelines: node_choices(store, "guidelines", &[]).await?,
        sdg: node_choices(store, "sdg", &[]).await?,
        sdg_targets: node_choices(store, "sdg", &["target"]).await?,
        taken: store
            .all_objectives(s.id)
            .await?
            .into_iter()
            .filter(|o| Some(o.id) != this)
            .map(|o| o.code)
            .collect(),
    })
}

async fn objective(
    store: &Store,
    s: &strategy::Model,
    code: &str,
    deleted: bool,
) -> Result<forja_store::entity::objective::Model> {
    store
        .objective_row(s.id, code, deleted)
        .await?
        .ok_or(ServiceError::NotFound)
}

pub async fn objective_for_edit(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    code: &str,
) -> Result<ForEdit<ObjectiveFields, ObjectiveChoices>> {
    let (_, s) = open(store, actor, city_slug).await?;
    let o = objective(store, &s, code, false).await?;
    let now = current::<Objective>(store, o.id).await?;
    Ok(ForEdit {
        fields: now.fields,
        version: now.version,
        choices: objective_choices(store, &s, Some(o.id)).await?,
    })
}

/// What a new objective may refer to.
pub async fn new_objective_choices(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
) -> Result<ObjectiveChoices> {
    let (_, s) = open(store, actor, city_slug).await?;
    objective_choices(store, &s, None).await
}

/// Saves an objective; returns its (possibly new) code and version.
pub async fn edit_objective(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    code: &str,
    input: &RawInput,
    version: i32,
) -> Result<(String, i32)> {
    let (_, s) = open(store, actor, city_slug).await?;
    let o = objective(store, &s, code, false).await?;
    let choices = objective_choices(store, &s, Some(o.id)).await?;
    let fields = ObjectiveFields::parse(input, &choices).map_err(ServiceError::Invalid)?;
    let code = fields.code.clone();
    let merging = Merging {
        to_input: &ObjectiveFields::to_input,
        parse: &|i, _| ObjectiveFields::parse(i, &choices),
        groups: ObjectiveFields::GROUPS,
        comparable: &always_comparable,
    };
    let v = update::<Objective>(store, actor, o.id, version, fields, merging).await?;
    Ok((code, v))
}

/// Adds an objective to the city's strategy; returns its code.
pub async fn create_objective(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    input: &RawInput,
) -> Result<String> {
    let (city, s) = open(store, actor, city_slug).await?;
    let choices = objective_choices(store, &s, None).await?;
    let fields = ObjectiveFields::parse(input, &choices).map_err(ServiceError::Invalid)?;
    match store
        .create_objective(s.id, city.id, &fields, user_id(actor), crate::auth::now())
        .await?
    {
        Some(_) => Ok(fields.code),
        None => Err(ServiceError::Invalid(vec![
            forja_core::edit::FieldProblem {
                field: "code".into(),
                problem: forja_core::edit::Problem::Taken,
            },
        ])),
    }
}

pub async fn delete_objective(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    code: &str,
    version: i32,
) -> Result<i32> {
    let (_, s) = open(store, actor, city_slug).await?;
    let o = objective(store, &s, code, false).await?;
    apply::<Objective>(store, actor, o.id, version, Change::Delete).await
}

/// Restores an objective to revision `to_version` (undeleting it).
pub async fn restore_objective(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    code: &str,
    to_version: i32,
    expected: Option<i32>,
) -> Result<i32> {
    let (_, s) = open(store, actor, city_slug).await?;
    let o = objective(store, &s, code, true).await?;
    let choices = objective_choices(store, &s, Some(o.id)).await?;
    check_restore::<Objective>(
        store,
        o.id,
        to_version,
        |input| ObjectiveFields::parse(input, &choices),
        ObjectiveFields::to_input,
    )
    .await?;
    apply::<Objective>(
        store,
        actor,
        o.id,
        expected.unwrap_or(o.version),
        Change::Restore(to_version),
    )
    .await
}

pub async fn objective_history(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
    code: &str,
) -> Result<History> {
    let (city, s) = open(store, actor, city_slug).await?;
    let o = objective(store, &s, code, true).await?;
    history_of::<Objective>(store, o.id, &city.slug, &o.code).await
}

/// Every objective of the city's strategy for its editors: (code, title, deleted).
pub async fn objective_list(
    store: &Store,
    actor: &Actor,
    city_slug: &str,
) -> Result<Vec<(String, LocalizedText, bool)>> {
    let city = crate::city(store, city_slug).await?;
    authorize(actor, &strategy_action(&city))?;
    let Some(s) = store.current_strategy(city.id).await? else {
        return Ok(Vec::new());
    };
    Ok(store
        .all_objectives(s.id)
        .await?
        .into_iter()
        .map(|o| (o.code, label(&o.title), o.deleted_at.is_some()))
        .collect())
}

/// Whether the actor may edit this city's strategy (to show or hide edit links).
pub async fn may_edit_strategy(store: &Store, actor: &Actor, city_slug: &str) -> Result<bool> {
    let city = crate::city(store, city_slug).await?;
    Ok(allowed(actor, &strategy_action(&city)))
}
