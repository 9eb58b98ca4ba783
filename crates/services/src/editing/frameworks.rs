//! The texts of framework nodes, for network administrators: open, save, restore,
//! history.

use super::*;
use forja_core::edit::FrameworkNodeFields;
use forja_store::edit_framework::FrameworkNode;

/// The node, after checking the actor may manage the network.
async fn load(
    store: &Store,
    actor: &Actor,
    framework: &str,
    code: &str,
) -> Result<forja_store::entity::framework_node::Model> {
    authorize(actor, &Action::ManageNetwork)?;
    store
        .framework_node_row(framework, code)
        .await?
        .ok_or(ServiceError::NotFound)
}

pub async fn framework_node_for_edit(
    store: &Store,
    actor: &Actor,
    framework: &str,
    code: &str,
) -> Result<ForEdit<FrameworkNodeFields>> {
    let n = load(store, actor, framework, code).await?;
    let now = current::<FrameworkNode>(store, n.id).await?;
    Ok(ForEdit {
        fields: now.fields,
        version: now.version,
        choices: (),
    })
}

pub async fn edit_framework_node(
    store: &Store,
    actor: &Actor,
    framework: &str,
    code: &str,
    input: &RawInput,
    version: i32,
) -> Result<i32> {
    let n = load(store, actor, framework, code).await?;
    let fields = FrameworkNodeFields::parse(input).map_err(ServiceError::Invalid)?;
    let merging = Merging {
        to_input: &FrameworkNodeFields::to_input,
        parse: &|i, _| FrameworkNodeFields::parse(i),
        groups: &[],
        comparable: &always_comparable,
    };
    update::<FrameworkNode>(store, actor, n.id, version, fields, merging).await
}

pub async fn restore_framework_node(
    store: &Store,
    actor: &Actor,
    framework: &str,
    code: &str,
    to_version: i32,
    expected: Option<i32>,
) -> Result<i32> {
    let n = load(store, actor, framework, code).await?;
    apply::<FrameworkNode>(
        store,
        actor,
        n.id,
        expected.unwrap_or(n.version),
        Change::Restore(to_version),
    )
    .await
}

pub async fn framework_node_history(
    store: &Store,
    actor: &Actor,
    framework: &str,
    code: &str,
) -> Result<History> {
    let n = load(store, actor, framework, code).await?;
    history_of::<FrameworkNode>(store, n.id, framework, code).await
}

/// Whether the actor may edit frameworks (to show or hide edit links).
pub fn may_edit_frameworks(actor: &Actor) -> bool {
    allowed(actor, &Action::ManageNetwork)
}
