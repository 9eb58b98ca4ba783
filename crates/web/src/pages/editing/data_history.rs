//! `/cities/{slug}/monitoring/history`: the city's data history — imports (one line
//! each, however many values), undone imports, values typed into a table and reporters
//! chosen — newest first, with who and when.

use forja_services::monitoring::history::{self, DataChange};

use super::*;

/// One line of the history.
pub struct ChangeRow {
    pub when: String,
    pub by: String,
    pub what: String,
    /// Where the line's thing is (an indicator's page, the imports list).
    pub href: String,
}

#[derive(Template)]
#[template(path = "data_history.html")]
struct DataHistoryPage {
    l: Layout,
    city: String,
    rows: Vec<ChangeRow>,
}

/// `GET /cities/{slug}/monitoring/history`.
pub async fn page(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path(city): Path<String>,
) -> Result<Response, PageError> {
    let tr = ctx.tr;
    let rows = history::history(&state.store, user.actor(), &city)
        .await?
        .into_iter()
        .map(|r| {
            let indicator = |code: &str| format!("/cities/{city}/monitoring/{code}");
            let (what, href) = match &r.change {
                DataChange::Typed {
                    indicator: code,
                    cells,
                } => (
                    tr.t2("data-history-typed", ("count", cells), ("indicator", code)),
                    indicator(code),
                ),
                DataChange::Reporters { indicator: code } => (
                    tr.t1("data-history-reporters", "indicator", code),
                    format!("{}/edit#reporters", indicator(code)),
                ),
                DataChange::Import {
                    file_name, undone, ..
                } if *undone => (
                    tr.t1("data-history-undone", "file", file_name),
                    format!("/cities/{city}/monitoring/import"),
                ),
                DataChange::Import {
                    file_name, counts, ..
                } => (
                    tr.t3(
                        "data-history-import",
                        ("file", file_name),
                        ("created", &counts.created),
                        ("changed", &(counts.updated + counts.deleted)),
                    ),
                    format!("/cities/{city}/monitoring/import"),
                ),
            };
            ChangeRow {
                when: super::history::when(tr, r.at),
                by: r.by.unwrap_or_else(|| tr.t("data-history-system")),
                what,
                href,
            }
        })
        .collect();
    let title = tr.t("data-history-title");
    no_store(render(&DataHistoryPage {
        l: Layout::for_ctx(&ctx, title, format!("/cities/{city}/monitoring/history")),
        city,
        rows,
    })?)
}
