//! `/cities/{slug}/programmes` and `/cities/{slug}/programmes/{programme}`.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use forja_services::views::{ProgrammeDetail, ProgrammeList};

use super::{Layout, PageCtx, render};
use crate::error::PageError;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "programmes.html")]
struct ListPage {
    l: Layout,
    list: ProgrammeList,
    /// Markup that opens or closes nested lists before each programme, so the tree is a
    /// real tree of lists (screen readers announce the nesting), not indentation only.
    before: Vec<&'static str>,
    after: String,
    /// Signed in with the right to create programmes here.
    can_create: bool,
}

const OPEN: &str = "<ul class=\"programme-list nested\">";
const CLOSE_ITEM: &str = "</li>";
const CLOSE_LEVEL: &str = "</li></ul>";

/// For programmes in tree order (depth grows by at most one), the markup to emit before
/// each item and after the last.
fn nesting(depths: &[usize]) -> (Vec<&'static str>, String) {
    let mut before = Vec::with_capacity(depths.len());
    let mut previous: Option<usize> = None;
    for &depth in depths {
        before.push(match previous {
            None => "",
            Some(p) if depth > p => OPEN,
            Some(p) if depth == p => CLOSE_ITEM,
            Some(p) => match p - depth {
                1 => "</li></ul></li>",
                2 => "</li></ul></li></ul></li>",
                _ => "</li></ul></li></ul></li></ul></li>",
            },
        });
        previous = Some(depth);
    }
    let mut after = String::new();
    if let Some(last) = previous {
        for _ in 0..last {
            after.push_str(CLOSE_LEVEL);
        }
        after.push_str(CLOSE_ITEM);
    }
    (before, after)
}

pub async fn index(
    State(state): State<Arc<AppState>>,
    ctx: PageCtx,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let tr = ctx.tr;
    let list = forja_services::programmes(&state.store, &slug).await?;
    let title = tr.t1("programmes-title", "city", tr.txt(&list.city.name));
    let depths: Vec<usize> = list.programmes.iter().map(|p| p.depth.min(3)).collect();
    let (before, after) = nesting(&depths);
    let l = Layout::for_ctx(&ctx, title, format!("/cities/{slug}/programmes"));
    let can_create = match &ctx.user {
        Some(u) => {
            forja_services::editing::may_create_programme(&state.store, &u.actor, &slug).await?
        }
        None => false,
    };
    render(&ListPage {
        l,
        list,
        before,
        after,
        can_create,
    })
}

#[derive(Template)]
#[template(path = "programme.html")]
struct DetailPage {
    l: Layout,
    p: ProgrammeDetail,
    /// Signed in with the right to edit: show the edit and history links.
    can_edit: bool,
    /// Signed in with the right to write up the city's practices.
    can_write_practice: bool,
    /// The good practice written up from it, when the reader may see one.
    practice: Option<forja_services::practices::PracticeSummary>,
}

pub async fn detail(
    State(state): State<Arc<AppState>>,
    ctx: PageCtx,
    Path((city, slug)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let tr = ctx.tr;
    let p = forja_services::programme(&state.store, &city, &slug).await?;
    let title = format!("{} · {}", tr.txt(&p.summary.title), tr.txt(&p.city.name));
    let (can_edit, can_write_practice) = match &ctx.user {
        Some(u) => (
            forja_services::editing::may_edit_programme(&state.store, &u.actor, &city, &slug)
                .await?,
            forja_services::practices::may_write_practice(&state.store, &u.actor, &city).await?,
        ),
        None => (false, false),
    };
    let actor = ctx.user.as_ref().map(|u| &u.actor);
    let practice =
        forja_services::practices::programme_practice(&state.store, actor, &city, &slug).await?;
    render(&DetailPage {
        practice,
        can_edit,
        can_write_practice,
        l: Layout::for_ctx(&ctx, title, format!("/cities/{city}/programmes/{slug}")),
        p,
    })
}

#[cfg(test)]
mod tests {
    use super::nesting;

    #[test]
    fn nesting_balances_every_list() {
        let (before, after) = nesting(&[0, 1, 1, 2, 0, 1, 0]);
        let html: String = before
            .iter()
            .map(|b| format!("{b}<li>"))
            .collect::<String>()
            + &after;
        assert_eq!(html.matches("<li>").count(), html.matches("</li>").count());
        assert_eq!(html.matches("<ul").count(), html.matches("</ul>").count());
        assert!(html.starts_with("<li><ul"), "{html}");
    }
}
