//! `/cities/{slug}/programmes` and `/cities/{slug}/programmes/{programme}`.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use forja_services::views::{ProgrammeDetail, ProgrammeList};

use super::{Layout, render};
use crate::error::PageError;
use crate::i18n::Tr;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "programmes.html")]
struct ListPage {
    l: Layout,
    list: ProgrammeList,
}

pub async fn index(
    State(state): State<Arc<AppState>>,
    tr: Tr,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let list = forja_services::programmes(&state.store, &slug).await?;
    let title = tr.t1("programmes-title", "city", tr.txt(&list.city.name));
    render(&ListPage {
        l: Layout::new(tr, title, format!("/cities/{slug}/programmes")),
        list,
    })
}

#[derive(Template)]
#[template(path = "programme.html")]
struct DetailPage {
    l: Layout,
    p: ProgrammeDetail,
}

pub async fn detail(
    State(state): State<Arc<AppState>>,
    tr: Tr,
    Path((city, slug)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let p = forja_services::programme(&state.store, &city, &slug).await?;
    let title = format!("{} · {}", tr.txt(&p.summary.title), tr.txt(&p.city.name));
    render(&DetailPage {
        l: Layout::new(tr, title, format!("/cities/{city}/programmes/{slug}")),
        p,
    })
}
