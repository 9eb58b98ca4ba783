//! `/cities/{slug}/monitoring/{code}/edit`: a city's values of one indicator as a table
//! to type into, periods down and one dimension's codes across. Plain form: works
//! without JavaScript, Tab moves cell to cell; numbers as the reader's language writes
//! them; a wrong cell is named beside itself and nothing is saved; a cell someone else
//! changed meanwhile shows what they saved and asks again.

use forja_services::monitoring::entry::{self, CellProblem, Saved, Sent, Table};
use forja_services::monitoring::reporters::{self, Reporters};

use super::*;

/// Blank rows offered for new periods.
const NEW_ROWS: usize = 3;

/// A cell as the form shows it.
pub struct CellView {
    pub name: String,
    /// The hidden field with the value it showed when loaded.
    pub was_name: String,
    pub error_id: String,
    pub value: String,
    pub was: String,
    pub label: String,
    pub error: String,
}

/// A row: its period (typed for new rows) and cells.
pub struct RowView {
    pub index: usize,
    pub period: String,
    /// The accessible name of a new row's period field.
    pub period_label: String,
    pub new: bool,
    pub cells: Vec<CellView>,
}

#[derive(Template)]
#[template(path = "data_entry.html")]
struct EntryPage {
    l: Layout,
    t: Table,
    headers: Vec<String>,
    rows: Vec<RowView>,
    hidden: Vec<(String, String)>,
    errors: Vec<String>,
    filters: Vec<crate::pages::monitoring::Filter>,
    across: Vec<(String, String, bool)>,
    /// Who reports the indicator, for those who choose (the city's editors).
    reporters: Option<Reporters>,
    reporters_error: String,
}

fn cell_error(tr: Tr, p: &CellProblem, t: &Table) -> String {
    match p {
        CellProblem::Period { text } => tr.t1("import-reason-period", "text", text),
        CellProblem::NotANumber => tr.t1("import-reason-not-a-number", "text", ""),
        CellProblem::Ambiguous { grouped, decimal } => tr.t2(
            "field-ambiguous",
            (
                "grouped",
                &forja_core::typed::write_number(*grouped, Writing::Person(tr.locale), true),
            ),
            (
                "decimal",
                &forja_core::typed::write_number(*decimal, Writing::Person(tr.locale), false),
            ),
        ),
        CellProblem::Unit { problem } => crate::data_text::reason(
            &tr,
            &forja_core::monitoring::rows::Reject {
                line: 0,
                column: String::new(),
                reason: forja_core::monitoring::rows::Reason::Unit {
                    problem: *problem,
                    unit: t.meta.unit,
                },
            },
        ),
        CellProblem::Changed { saved } => match saved {
            Some(v) => tr.t1(
                "entry-changed",
                "value",
                entry::shown(Some(*v), Writing::Person(tr.locale)),
            ),
            None => tr.t("entry-changed-cleared"),
        },
    }
}

fn view(
    ctx: &PageCtx,
    t: Table,
    typed: &std::collections::HashMap<String, String>,
    problems: &[(String, CellProblem)],
    reporters: Option<Reporters>,
) -> EntryPage {
    let tr = ctx.tr;
    let writing = Writing::Person(tr.locale);
    let headers: Vec<String> = t
        .columns
        .iter()
        .enumerate()
        .map(|(i, (_, name))| {
            if i == 0 {
                tr.t("monitoring-total")
            } else {
                tr.txt(name)
            }
        })
        .collect();
    let error_of = |name: &str| {
        problems
            .iter()
            .find(|(f, _)| f == name)
            .map(|(_, p)| cell_error(tr, p, &t))
            .unwrap_or_default()
    };
    // After a conflict the form carries what is saved now as its base, so sending it
    // again confirms the person's own value.
    let saved_now = |name: &str, was: String| match problems.iter().find(|(f, _)| f == name) {
        Some((_, CellProblem::Changed { saved })) => entry::shown(*saved, Writing::Machine),
        _ => was,
    };
    let mut rows = Vec::new();
    for (r, (period, values)) in t.rows.iter().enumerate() {
        let label = period.to_string();
        let cells = values
            .iter()
            .enumerate()
            .map(|(c, v)| {
                let name = format!("c:{r}:{c}");
                let was = entry::shown(*v, Writing::Machine);
                CellView {
                    was_name: format!("w:{r}:{c}"),
                    error_id: format!("e-{r}-{c}"),
                    value: typed
                        .get(&name)
                        .cloned()
                        .unwrap_or_else(|| entry::shown(*v, writing)),
                    was: saved_now(&name, was),
                    label: format!("{label}, {}", headers[c]),
                    error: error_of(&name),
                    name,
                }
            })
            .collect();
        rows.push(RowView {
            index: r,
            period: label,
            period_label: String::new(),
            new: false,
            cells,
        });
    }
    for k in 0..NEW_ROWS {
        let r = t.rows.len() + k;
        let period = typed.get(&format!("p:{r}")).cloned().unwrap_or_default();
        let cells = (0..t.columns.len())
            .map(|c| {
                let name = format!("c:{r}:{c}");
                CellView {
                    was_name: format!("w:{r}:{c}"),
                    error_id: format!("e-{r}-{c}"),
                    value: typed.get(&name).cloned().unwrap_or_default(),
                    was: saved_now(&name, String::new()),
                    label: format!("{}, {}", tr.t1("entry-new-row", "n", k + 1), headers[c]),
                    error: error_of(&name),
                    name,
                }
            })
            .collect();
        rows.push(RowView {
            index: r,
            period,
            period_label: format!(
                "{}: {}",
                tr.t1("entry-new-row", "n", k + 1),
                tr.t("monitoring-period")
            ),
            new: true,
            cells,
        });
    }
    let mut hidden: Vec<(String, String)> = t
        .fixed
        .pairs()
        .map(|(d, c)| (format!("f:{d}"), c.to_owned()))
        .collect();
    if let Some(a) = &t.across {
        hidden.push(("across".into(), a.clone()));
    }
    let errors = if problems.is_empty() {
        Vec::new()
    } else if problems
        .iter()
        .all(|(_, p)| matches!(p, CellProblem::Changed { .. }))
    {
        vec![tr.t("entry-conflicts")]
    } else {
        vec![tr.t1("entry-errors", "count", problems.len())]
    };
    let filters = t
        .meta
        .dimensions
        .iter()
        .filter(|d| Some(&d.code) != t.across.as_ref())
        .map(|d| {
            (
                d.code.clone(),
                tr.txt(&d.name),
                d.codes
                    .iter()
                    .map(|(c, n)| {
                        (
                            c.clone(),
                            tr.txt(n),
                            t.fixed.get(&d.code) == Some(c.as_str()),
                        )
                    })
                    .collect(),
            )
        })
        .collect();
    let across = t
        .meta
        .dimensions
        .iter()
        .map(|d| {
            (
                d.code.clone(),
                tr.txt(&d.name),
                Some(&d.code) == t.across.as_ref(),
            )
        })
        .collect();
    let title = format!("{} · {}", tr.t("entry-title"), t.meta.code);
    EntryPage {
        l: Layout::for_ctx(
            ctx,
            title,
            format!("/cities/{}/monitoring/{}/edit", t.city_slug, t.meta.code),
        ),
        headers,
        rows,
        hidden,
        errors,
        filters,
        across,
        reporters,
        reporters_error: String::new(),
        t,
    }
}

/// The reporters form, for those who may choose (None for everyone else).
async fn reporter_choices(
    state: &AppState,
    user: &SignedInUser,
    city: &str,
    code: &str,
) -> Result<Option<Reporters>, PageError> {
    match reporters::choices(&state.store, user.actor(), city, code).await {
        Ok(r) => Ok(Some(r)),
        Err(ServiceError::Forbidden | ServiceError::NotFound) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

fn split_query(query: &[(String, String)]) -> (Vec<(String, String)>, Option<String>) {
    let mut filter = Vec::new();
    let mut across = None;
    for (k, v) in query {
        match (k.as_str(), k.strip_prefix("f:")) {
            ("across", _) => across = Some(v.clone()).filter(|v| !v.is_empty()),
            (_, Some(dim)) => filter.push((dim.to_owned(), v.clone())),
            _ => filter.push((k.clone(), v.clone())),
        }
    }
    (filter, across)
}

/// `GET /cities/{slug}/monitoring/{code}/edit`.
pub async fn form(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path((city, code)): Path<(String, String)>,
    Query(query): Query<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let (filter, across) = split_query(&query);
    let t = entry::table(
        &state.store,
        user.actor(),
        &city,
        &code,
        &filter,
        across.as_deref(),
    )
    .await?;
    let choices = reporter_choices(&state, &user, &city, &code).await?;
    no_store(render(&view(&ctx, t, &Default::default(), &[], choices))?)
}

/// `POST /cities/{slug}/monitoring/{code}/reporters`: the organisations that report
/// the indicator (their partner editors may then enter it).
pub async fn save_reporters(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path((city, code)): Path<(String, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    // A value that names no organisation is refused with the rest, not dropped.
    let chosen: Vec<i32> = fields
        .iter()
        .filter(|(k, _)| k == "reporter")
        .map(|(_, v)| v.parse().unwrap_or(-1))
        .collect();
    let version = fields
        .iter()
        .find(|(k, _)| k == "version")
        .and_then(|(_, v)| v.parse::<i32>().ok())
        .ok_or(Failure::BadParameter {
            name: "version",
            allowed: crate::error::Allowed::Message("allowed-well-formed", 0),
        })?;
    let error = match reporters::set(&state.store, user.actor(), &city, &code, &chosen, version)
        .await
    {
        Ok(_) => {
            return Ok(
                Redirect::to(&format!("/cities/{city}/monitoring/{code}/edit#reporters"))
                    .into_response(),
            );
        }
        Err(ServiceError::Conflict { .. }) => (StatusCode::CONFLICT, "reporters-conflict"),
        Err(ServiceError::Invalid(_)) => (StatusCode::UNPROCESSABLE_ENTITY, "reporters-invalid"),
        Err(e) => return Err(e.into()),
    };
    let t = entry::table(&state.store, user.actor(), &city, &code, &[], None).await?;
    let choices = reporter_choices(&state, &user, &city, &code).await?;
    let mut page = view(&ctx, t, &Default::default(), &[], choices);
    page.reporters_error = ctx.tr.t(error.1);
    let mut response = render(&page)?;
    *response.status_mut() = error.0;
    no_store(response)
}

/// `POST /cities/{slug}/monitoring/{code}/edit`.
pub async fn save(
    State(state): State<Arc<AppState>>,
    user: SignedInUser,
    ctx: PageCtx,
    Path((city, code)): Path<(String, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let (filter, across) = split_query(
        &fields
            .iter()
            .filter(|(k, _)| k.starts_with("f:") || k == "across")
            .cloned()
            .collect::<Vec<_>>(),
    );
    let t = entry::table(
        &state.store,
        user.actor(),
        &city,
        &code,
        &filter,
        across.as_deref(),
    )
    .await?;
    let typed: std::collections::HashMap<String, String> = fields.iter().cloned().collect();
    let mut sent = Vec::new();
    for (k, v) in &fields {
        let Some(rest) = k.strip_prefix("c:") else {
            continue;
        };
        let Some((r, c)) = rest.split_once(':') else {
            continue;
        };
        let (Ok(r), Ok(c)) = (r.parse::<usize>(), c.parse::<usize>()) else {
            continue;
        };
        sent.push(Sent {
            field: k.clone(),
            period: typed.get(&format!("p:{r}")).cloned().unwrap_or_default(),
            column: c,
            typed: v.clone(),
            was: typed
                .get(&format!("w:{r}:{c}"))
                .cloned()
                .unwrap_or_default(),
        });
    }
    match entry::save(
        &state.store,
        user.actor(),
        &city,
        &code,
        &t,
        &sent,
        Writing::Person(ctx.tr.locale),
    )
    .await?
    {
        Saved::Done { .. } => {
            let mut back = format!("/cities/{city}/monitoring/{code}");
            let pairs: Vec<String> = t.fixed.pairs().map(|(d, c)| format!("{d}={c}")).collect();
            if !pairs.is_empty() {
                back = format!("{back}?{}", pairs.join("&"));
            }
            Ok(Redirect::to(&back).into_response())
        }
        Saved::Problems(problems) => {
            let status = if problems
                .iter()
                .all(|(_, p)| matches!(p, CellProblem::Changed { .. }))
            {
                StatusCode::CONFLICT
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            let choices = reporter_choices(&state, &user, &city, &code).await?;
            let mut response = render(&view(&ctx, t, &typed, &problems, choices))?;
            *response.status_mut() = status;
            no_store(response)
        }
    }
}
