//! `/framework`, `/framework/{code}` and `/framework/{code}/{node}`.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use forja_services::views::{FrameworkSummary, FrameworkTree, NodeView};

use super::{Layout, PageCtx, render};
use crate::error::{Failure, PageError};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "frameworks.html")]
struct IndexPage {
    l: Layout,
    frameworks: Vec<FrameworkSummary>,
}

pub async fn index(
    State(state): State<Arc<AppState>>,
    ctx: PageCtx,
) -> Result<Response, PageError> {
    let tr = ctx.tr;
    let frameworks = forja_services::frameworks(&state.store).await?;
    render(&IndexPage {
        l: Layout::for_ctx(&ctx, tr.t("frameworks-title"), "/framework"),
        frameworks,
    })
}

#[derive(Template)]
#[template(path = "framework.html")]
struct TreePage {
    l: Layout,
    tree: FrameworkTree,
}

pub async fn tree(
    State(state): State<Arc<AppState>>,
    ctx: PageCtx,
    Path(code): Path<String>,
) -> Result<Response, PageError> {
    let tr = ctx.tr;
    let tree = forja_services::framework_tree(&state.store, &code).await?;
    if tree.framework.kind != "framework" && tree.framework.kind != "taxonomy" {
        return Err(PageError(Failure::NotFound));
    }
    let title = tr.txt(&tree.framework.title);
    render(&TreePage {
        l: Layout::for_ctx(&ctx, title, format!("/framework/{code}")),
        tree,
    })
}

#[derive(Template)]
#[template(path = "framework_node.html")]
struct NodePage {
    l: Layout,
    framework: FrameworkSummary,
    node: NodeView,
    parent: Option<NodeView>,
    children: Vec<NodeView>,
    /// A network administrator: show the edit and history links.
    can_edit: bool,
}

pub async fn node(
    State(state): State<Arc<AppState>>,
    ctx: PageCtx,
    Path((code, node_code)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let tr = ctx.tr;
    let tree = forja_services::framework_tree(&state.store, &code).await?;
    let node = tree
        .nodes
        .iter()
        .find(|n| n.code == node_code)
        .cloned()
        .ok_or(PageError(Failure::NotFound))?;
    let parent = node
        .parent
        .as_ref()
        .and_then(|p| tree.nodes.iter().find(|n| &n.code == p))
        .cloned();
    let children = tree
        .nodes
        .iter()
        .filter(|n| n.parent.as_deref() == Some(node_code.as_str()))
        .cloned()
        .collect();
    let title = format!(
        "{} {} · {}",
        node.code,
        tr.txt(&node.title),
        tr.txt(&tree.framework.title)
    );
    let l = Layout::for_ctx(&ctx, title, format!("/framework/{code}/{node_code}"));
    render(&NodePage {
        l,
        framework: tree.framework,
        node,
        parent,
        children,
        can_edit: ctx
            .user
            .as_ref()
            .is_some_and(|u| forja_services::editing::may_edit_frameworks(&u.actor)),
    })
}
