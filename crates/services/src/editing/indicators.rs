//! The network's indicator catalogue, kept by network administrators: open, save,
//! restore, history. A change that would corrupt stored values (a dimension they are
//! broken down by, a unit they do not fit) is refused naming them (see
//! `forja_store::edit_indicator`); a computed indicator keeps to breakdowns both its
//! parts have.

use super::*;
use forja_core::LocalizedText;
use forja_core::edit::{Choice, IndicatorChoices, IndicatorFields};
use forja_store::edit_indicator::Indicator;
use forja_store::entity::indicator;

fn label(value: &serde_json::Value) -> LocalizedText {
    serde_json::from_value(value.clone()).unwrap_or_default()
}

/// The network's indicator, after checking the actor may keep the catalogue.
async fn load(store: &Store, actor: &Actor, code: &str) -> Result<indicator::Model> {
    authorize(actor, &Action::ManageNetwork)?;
    store
        .indicator_row(None, code)
        .await?
        .ok_or(ServiceError::NotFound)
}

/// Dimensions it may have (a computed indicator: those both parts have) and currencies.
async fn choices(store: &Store, i: &indicator::Model) -> Result<IndicatorChoices> {
    let mut allowed: Option<Vec<String>> = None;
    for part in [i.numerator_id, i.denominator_id].into_iter().flatten() {
        let Some(now) = Indicator::read(store, part).await? else {
            continue;
        };
        let dims = now.fields.dimensions;
        allowed = Some(match allowed {
            None => dims,
            Some(a) => a.into_iter().filter(|d| dims.contains(d)).collect(),
        });
    }
    Ok(IndicatorChoices {
        dimensions: store
            .dimensions()
            .await?
            .into_iter()
            .filter(|d| allowed.as_ref().is_none_or(|a| a.contains(&d.code)))
            .map(|d| Choice::new(d.code, label(&d.name)))
            .collect(),
        currencies: crate::places::currencies().to_vec(),
    })
}

pub async fn indicator_for_edit(
    store: &Store,
    actor: &Actor,
    code: &str,
) -> Result<ForEdit<IndicatorFields, IndicatorChoices>> {
    let i = load(store, actor, code).await?;
    let now = current::<Indicator>(store, i.id).await?;
    Ok(ForEdit {
        fields: now.fields,
        version: now.version,
        choices: choices(store, &i).await?,
    })
}

/// Validates and saves; returns the new version.
pub async fn edit_indicator(
    store: &Store,
    actor: &Actor,
    code: &str,
    input: &RawInput,
    writing: Writing,
    version: i32,
) -> Result<i32> {
    let i = load(store, actor, code).await?;
    let choices = choices(store, &i).await?;
    let fields = IndicatorFields::parse(input, writing, &choices).map_err(ServiceError::Invalid)?;
    let merging = Merging {
        to_input: &IndicatorFields::to_input,
        parse: &|i, _| IndicatorFields::parse(i, Writing::Machine, &choices),
        groups: &[],
        comparable: &always_comparable,
    };
    update::<Indicator>(store, actor, i.id, version, fields, merging).await
}

pub async fn restore_indicator(
    store: &Store,
    actor: &Actor,
    code: &str,
    to_version: i32,
    expected: Option<i32>,
) -> Result<i32> {
    let i = load(store, actor, code).await?;
    apply::<Indicator>(
        store,
        actor,
        i.id,
        expected.unwrap_or(i.version),
        Change::Restore(to_version),
    )
    .await
}

pub async fn indicator_history(store: &Store, actor: &Actor, code: &str) -> Result<History> {
    let i = load(store, actor, code).await?;
    history_of::<Indicator>(store, i.id, "indicators", code).await
}
