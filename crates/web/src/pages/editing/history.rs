//! History pages: the versions of a thing, a diff between any two, restore.

use super::*;

/// A revision row of the history page.
pub struct RevisionRow {
    pub version: i32,
    pub op: String,
    pub when: String,
    pub by: String,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "history.html")]
struct HistoryPage {
    l: Layout,
    h: History,
    /// The thing's page; history lives at `{base}/history`.
    base: String,
    rows: Vec<RevisionRow>,
    from: i32,
    to: i32,
    diff_heading: String,
    changes: Vec<(String, Vec<DiffPart>)>,
}

pub(super) fn when(tr: Tr, at: i64) -> String {
    if at == 0 {
        return tr.t("history-imported");
    }
    chrono::DateTime::from_timestamp(at, 0)
        .map(|d| format!("{} {}", tr.date(&d.date_naive()), d.format("%H:%M")))
        .unwrap_or_default()
}

fn history_page(
    ctx: &PageCtx,
    h: History,
    entity: &str,
    base: String,
    q: &HashMap<String, String>,
) -> Result<Response, PageError> {
    let tr = ctx.tr;
    let versions: Vec<i32> = h.revisions.iter().map(|r| r.version).collect();
    let pick = |name: &'static str, default: i32| -> Result<i32, Failure> {
        match q.get(name).map(|s| s.trim()).filter(|s| !s.is_empty()) {
            None => Ok(default),
            Some(raw) => raw
                .parse::<i32>()
                .ok()
                .filter(|v| versions.contains(v))
                .ok_or(Failure::BadParameter {
                    name,
                    allowed: Allowed::Codes(
                        versions
                            .iter()
                            .map(i32::to_string)
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                }),
        }
    };
    let last = *versions.last().unwrap_or(&h.current_version);
    let before_last = versions.iter().rev().nth(1).copied().unwrap_or(last);
    let (from, to) = (pick("from", before_last)?, pick("to", last)?);
    let snapshot = |v: i32| {
        h.revisions
            .iter()
            .find(|r| r.version == v)
            .map(|r| r.snapshot.clone())
            .unwrap_or_default()
    };
    let changes = editing::diff(entity, &snapshot(from), &snapshot(to))
        .into_iter()
        .map(|FieldChange { field, parts }| (label(tr, &field).0, parts))
        .collect();
    let rows = h
        .revisions
        .iter()
        .rev()
        .map(|r| RevisionRow {
            version: r.version,
            op: tr.code("history-op", &r.op),
            when: when(tr, r.at),
            by: r.by.clone().unwrap_or_else(|| tr.t("history-by-import")),
            current: r.version == h.current_version,
        })
        .collect();
    let l = Layout::for_ctx(ctx, tr.t("history-title"), format!("{base}/history"));
    let diff_heading = tr.t2("history-diff-heading", ("from", &from), ("to", &to));
    no_store(render(&HistoryPage {
        l,
        h,
        base,
        rows,
        from,
        to,
        diff_heading,
        changes,
    })?)
}

pub async fn history(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path((city, slug)): Path<(String, String)>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let h = editing::programme_history(&state.store, user.actor(), &city, &slug).await?;
    history_page(
        &ctx,
        h,
        "programme",
        format!("/cities/{city}/programmes/{slug}"),
        &q,
    )
}

pub async fn city_history(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path(city): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let h = editing::city_profile_history(&state.store, user.actor(), &city).await?;
    history_page(&ctx, h, "city", format!("/cities/{city}"), &q)
}

pub async fn restore(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    Path((city, slug, version)): Path<(String, String, i32)>,
) -> Result<Response, PageError> {
    editing::restore_programme(&state.store, user.actor(), &city, &slug, version, None).await?;
    Ok(Redirect::to(&format!("/cities/{city}/programmes/{slug}/history")).into_response())
}

pub async fn restore_city(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    Path((city, version)): Path<(String, i32)>,
) -> Result<Response, PageError> {
    editing::restore_city(&state.store, user.actor(), &city, version, None).await?;
    Ok(Redirect::to(&format!("/cities/{city}/history")).into_response())
}

pub async fn strategy_history(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path(city): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let h = editing::strategy_history(&state.store, user.actor(), &city).await?;
    history_page(&ctx, h, "strategy", format!("/cities/{city}/strategy"), &q)
}

pub async fn restore_strategy(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    Path((city, version)): Path<(String, i32)>,
) -> Result<Response, PageError> {
    editing::restore_strategy(&state.store, user.actor(), &city, version, None).await?;
    Ok(Redirect::to(&format!("/cities/{city}/strategy/history")).into_response())
}

pub async fn objective_history(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path((city, code)): Path<(String, String)>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let h = editing::objective_history(&state.store, user.actor(), &city, &code).await?;
    let base = format!("/cities/{city}/strategy/objectives/{code}");
    history_page(&ctx, h, "objective", base, &q)
}

pub async fn restore_objective(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    Path((city, code, version)): Path<(String, String, i32)>,
) -> Result<Response, PageError> {
    editing::restore_objective(&state.store, user.actor(), &city, &code, version, None).await?;
    let to = format!("/cities/{city}/strategy/objectives/{code}/history");
    Ok(Redirect::to(&to).into_response())
}

/// An objective has no page of its own: it is a section of the strategy page. Codes are
/// letters, digits, dots and hyphens; anything else is no objective.
pub async fn objective_page(
    Path((city, code)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let plain = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
    };
    if !plain(&city) || !plain(&code) {
        return Err(PageError(Failure::NotFound));
    }
    Ok(Redirect::to(&format!("/cities/{city}/strategy#objective-{code}")).into_response())
}

pub async fn organisation_history(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path((city, slug)): Path<(String, String)>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let h = editing::organisation_history(&state.store, user.actor(), &city, &slug).await?;
    let base = format!("/cities/{city}/organisations/{slug}");
    history_page(&ctx, h, "organisation", base, &q)
}

pub async fn restore_organisation(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    Path((city, slug, version)): Path<(String, String, i32)>,
) -> Result<Response, PageError> {
    editing::restore_organisation(&state.store, user.actor(), &city, &slug, version, None).await?;
    let to = format!("/cities/{city}/organisations/{slug}/history");
    Ok(Redirect::to(&to).into_response())
}

pub async fn framework_node_history(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path((framework, code)): Path<(String, String)>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let h = editing::framework_node_history(&state.store, user.actor(), &framework, &code).await?;
    let base = format!("/framework/{framework}/{code}");
    history_page(&ctx, h, "framework_node", base, &q)
}

pub async fn restore_framework_node(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    Path((framework, code, version)): Path<(String, String, i32)>,
) -> Result<Response, PageError> {
    editing::restore_framework_node(&state.store, user.actor(), &framework, &code, version, None)
        .await?;
    Ok(Redirect::to(&format!("/framework/{framework}/{code}/history")).into_response())
}

pub async fn indicator_history(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path(code): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let h = editing::indicator_history(&state.store, user.actor(), &code).await?;
    history_page(&ctx, h, "indicator", format!("/indicators/{code}"), &q)
}

pub async fn restore_indicator(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    Path((code, version)): Path<(String, i32)>,
) -> Result<Response, PageError> {
    editing::restore_indicator(&state.store, user.actor(), &code, version, None).await?;
    Ok(Redirect::to(&format!("/indicators/{code}/history")).into_response())
}

pub async fn status_history(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path(code): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let h = editing::status_history(&state.store, user.actor(), &code).await?;
    history_page(
        &ctx,
        h,
        "programme_status",
        format!("/programme-statuses/{code}"),
        &q,
    )
}

pub async fn restore_status(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    Path((code, version)): Path<(String, i32)>,
) -> Result<Response, PageError> {
    editing::restore_status(&state.store, user.actor(), &code, version).await?;
    Ok(Redirect::to(&format!("/programme-statuses/{code}/history")).into_response())
}

pub async fn story_history(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path((city, slug)): Path<(String, String)>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let h = editing::story_history(&state.store, user.actor(), &city, &slug).await?;
    let base = format!("/cities/{city}/stories/{slug}");
    history_page(&ctx, h, "story", base, &q)
}

pub async fn restore_story(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    Path((city, slug, version)): Path<(String, String, i32)>,
) -> Result<Response, PageError> {
    editing::restore_story(&state.store, user.actor(), &city, &slug, version, None).await?;
    let to = format!("/cities/{city}/stories/{slug}/history");
    Ok(Redirect::to(&to).into_response())
}

pub async fn resource_history(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path(slug): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let h = forja_services::resources::resource_history(&state.store, user.actor(), &slug).await?;
    history_page(&ctx, h, "resource", format!("/resources/{slug}"), &q)
}

pub async fn restore_resource(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    Path((slug, version)): Path<(String, i32)>,
) -> Result<Response, PageError> {
    forja_services::resources::restore_resource(&state.store, user.actor(), &slug, version, None)
        .await?;
    Ok(Redirect::to(&format!("/resources/{slug}/history")).into_response())
}
