//! Accounts, rights and history over HTTP, on SQLite and PostgreSQL: the authorization
//! matrix over every state-changing route, CSRF, XSS, concurrent edits, restores and
//! sign-in throttling.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use forja_core::policy::Role;
use forja_services::auth;

use super::{TestApp, each_backend};

const PASSWORD: &str = "correct horse battery staple";
const CSRF: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
pub(crate) const PROGRAMME: &str = "/cities/resita/programmes/hala-minda";

/// Someone asking: a role in a city, with a session cookie and a write token.
pub(crate) struct Person {
    name: &'static str,
    pub(crate) user_id: i32,
    pub(crate) session: String,
    pub(crate) token: String,
}

/// A new session for a person, made directly (no argon2), so each request of the
/// matrix starts signed in whatever the previous one did (sign out, change password).
async fn fresh_session(app: &TestApp, who: &Person) -> Person {
    let token = auth::random_token().unwrap();
    app.store
        .create_session(
            who.user_id,
            &auth::token_hash(&token),
            "unused",
            auth::now(),
            3600,
        )
        .await
        .unwrap();
    Person {
        name: who.name,
        user_id: who.user_id,
        session: token,
        token: who.token.clone(),
    }
}

pub(crate) async fn city_id(app: &TestApp, slug: &str) -> i32 {
    app.store.city_by_slug(slug).await.unwrap().unwrap().id
}

pub(crate) async fn person(
    app: &TestApp,
    name: &'static str,
    role: Role,
    city: Option<&str>,
    organisation: Option<i32>,
) -> Person {
    let email = format!("{name}@test.forja");
    let city = match city {
        Some(slug) => Some(city_id(app, slug).await),
        None => None,
    };
    let user = auth::add_user(&app.store, &email, name, PASSWORD, role, city, organisation)
        .await
        .unwrap()
        .unwrap();
    let session = match auth::login(&app.store, &email, PASSWORD, &format!("10.0.0.{}", user.id))
        .await
        .unwrap()
    {
        auth::Login::Ok { token, .. } => token,
        other => panic!("{name} cannot sign in: {other:?}"),
    };
    let token = auth::create_api_token(&app.store, user.id, "tests", "write")
        .await
        .unwrap();
    Person {
        name,
        user_id: user.id,
        session,
        token,
    }
}

/// The organisation partnering in Hala Minda (for the partner editor).
async fn hala_minda_partner(app: &TestApp) -> i32 {
    let resita = city_id(app, "resita").await;
    let p = app
        .store
        .programme_row(resita, "hala-minda", true)
        .await
        .unwrap()
        .unwrap();
    app.store.partners(p.id).await.unwrap()[0].organisation_id
}

/// A programme's stored fields as its edit form would send them.
pub(crate) async fn programme_input(app: &TestApp, slug: &str) -> forja_core::edit::RawInput {
    use forja_store::versioned::Versioned;
    let resita = city_id(app, "resita").await;
    let id = app
        .store
        .programme_row(resita, slug, true)
        .await
        .unwrap()
        .unwrap()
        .id;
    forja_store::edit_programme::Programme::read(&app.store, id)
        .await
        .unwrap()
        .unwrap()
        .fields
        .to_input()
}

/// An organisation of Reșița no programme names, which the matrix edits and deletes.
const MATRIX_ORG: &str = "resita-matrix-club";

/// An objective of Reșița no programme serves, which the matrix edits and deletes.
const MATRIX_OBJECTIVE: &str = "M1";

/// An organisation (deleted or not) as its form would send it, and its version.
pub(crate) async fn organisation_state(
    app: &TestApp,
    slug: &str,
) -> (forja_core::edit::RawInput, i32) {
    use forja_store::versioned::Versioned;
    let o = app
        .store
        .organisation_row(slug, true)
        .await
        .unwrap()
        .unwrap();
    let now = forja_store::edit_organisation::Organisation::read(&app.store, o.id)
        .await
        .unwrap()
        .unwrap();
    (now.fields.to_input(), now.version)
}

/// KFLC feature 2.5.3 as its form would send it, and its version.
async fn node_state(app: &TestApp) -> (forja_core::edit::RawInput, i32) {
    use forja_store::versioned::Versioned;
    let n = app
        .store
        .framework_node_row("kflc", "2.5.3")
        .await
        .unwrap()
        .unwrap();
    let now = forja_store::edit_framework::FrameworkNode::read(&app.store, n.id)
        .await
        .unwrap()
        .unwrap();
    (now.fields.to_input(), now.version)
}

/// Reșița's strategy as its form would send it, and its version.
pub(crate) async fn strategy_state(app: &TestApp) -> (forja_core::edit::RawInput, i32) {
    use forja_store::versioned::Versioned;
    let resita = city_id(app, "resita").await;
    let s = app.store.current_strategy(resita).await.unwrap().unwrap();
    let now = forja_store::edit_strategy::Strategy::read(&app.store, s.id)
        .await
        .unwrap()
        .unwrap();
    (now.fields.to_input(), now.version)
}

/// One of Reșița's objectives (deleted or not) as its form would send it, and its version.
pub(crate) async fn objective_state(
    app: &TestApp,
    code: &str,
) -> (forja_core::edit::RawInput, i32) {
    use forja_store::versioned::Versioned;
    let resita = city_id(app, "resita").await;
    let s = app.store.current_strategy(resita).await.unwrap().unwrap();
    let o = app
        .store
        .objective_row(s.id, code, true)
        .await
        .unwrap()
        .unwrap();
    let now = forja_store::edit_strategy::Objective::read(&app.store, o.id)
        .await
        .unwrap()
        .unwrap();
    (now.fields.to_input(), now.version)
}

/// Form fields as an urlencoded body, each followed by `&`.
pub(crate) fn encode_form(fields: &forja_core::edit::RawInput) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{}={}&", urlencode(k), urlencode(v)))
        .collect()
}

async fn current_version(app: &TestApp) -> i32 {
    let resita = city_id(app, "resita").await;
    app.store
        .programme_row(resita, "hala-minda", true)
        .await
        .unwrap()
        .unwrap()
        .version
}

pub(crate) fn form(uri: &str, who: Option<&Person>, body: &str) -> Request<Body> {
    let mut r = Request::post(uri).header("content-type", "application/x-www-form-urlencoded");
    let cookie = match who {
        Some(p) => format!("forja_session={}; forja_csrf={CSRF}", p.session),
        None => format!("forja_csrf={CSRF}"),
    };
    r = r.header("cookie", cookie);
    r.body(Body::from(format!("csrf={CSRF}&{body}"))).unwrap()
}

/// A write that changes whatever version is stored (`If-Match: *`).
pub(crate) fn any_version(mut r: Request<Body>) -> Request<Body> {
    r.headers_mut().insert("if-match", "*".parse().unwrap());
    r
}

pub(crate) fn api(method: &str, uri: &str, who: Option<&Person>, json: &str) -> Request<Body> {
    let mut r = Request::builder()
        .method(method)
        .uri(uri)
        .header("content-type", "application/json");
    if let Some(p) = who {
        r = r.header("authorization", format!("Bearer {}", p.token));
    }
    r.body(Body::from(json.to_owned())).unwrap()
}

/// Makes every created programme's title (and so its slug) unique.
static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);

fn urlencode(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// What a route needs from the policy.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Rule {
    /// Anyone, signed in or not (signing in).
    Public,
    /// Any signed-in person, on their own account.
    OwnAccount,
    /// `EditProgramme`: editors and coordinators of the city, partners of the programme.
    EditProgramme,
    /// `CreateOrDeleteProgramme`: editors and coordinators of the city.
    DeleteProgramme,
    /// `EditCityProfile`: editors and coordinators of the city.
    EditCity,
    /// `EditStrategy`: editors and coordinators of the city.
    EditStrategy,
    /// `EditOrganisation`: editors and coordinators of the city.
    EditOrganisation,
    /// `ManageCityUsers`: coordinators of the city.
    ManageUsers,
    /// `ManageNetwork`: network administrators.
    ManageNetwork,
    /// `EnterData`: editors and coordinators of the city, and partner editors of an
    /// organisation that reports the indicator (the matrix's partner reports those it
    /// writes: LC.OPPORTUNITIES and LC.FESTIVAL).
    EnterData,
    /// Choosing who reports an indicator: the city's editors (`EnterData` with no
    /// reporters), never a partner for their own organisation.
    ChooseReporters,
    /// `EditStory`: editors and coordinators of the city (stories and media library).
    EditStory,
    /// `PublishStory`: coordinators of the city.
    PublishStory,
    /// `EditPractice`: editors and coordinators of the city.
    EditPractice,
    /// `SubmitPractice`: coordinators of the city.
    SubmitPractice,
    /// `ReviewPractice`: network staff.
    ReviewPractice,
    /// `AdoptPractice`: editors and coordinators of any city, for another city's
    /// practice (the matrix adopts one of Cugir's).
    AdoptPractice,
    /// `RequestPartners`: editors and coordinators of the city.
    RequestPartners,
    /// `ReplyToRequest`: editors and coordinators of any city, to another city's
    /// request (the matrix answers one of Cugir's).
    ReplyToRequest,
    /// `Discuss`: everyone with a role in a city, and network staff; not readers.
    Discuss,
    /// `ReportPost`: anyone signed in.
    ReportPost,
    /// `Moderate`: network staff.
    Moderate,
}

/// A practice of Reșița the matrix edits, submits and reviews.
const MATRIX_PRACTICE: &str = "resita-matrix-practice";
/// A resource of the demo library the matrix edits and takes out.
const MATRIX_RESOURCE: &str = "oecd-jrc-composite-indicators-handbook";
/// A partner request of Reșița the matrix closes, and one of Cugir's it answers.
const MATRIX_REQUEST: &str = "resita-matrix-request";
const CUGIR_REQUEST: &str = "cugir-matrix-request";

/// A discussion the matrix posts in, reports in and moderates, and one it closes.
const MATRIX_DISCUSSION: &str = "matrix-discussion";
const MATRIX_CLOSING: &str = "matrix-closing";

/// Opens a discussion on Reșița's strategy with one post (by nobody the matrix is);
/// returns the post's id.
async fn matrix_discussion(app: &TestApp, slug: &str) -> i32 {
    let id = app
        .store
        .create_discussion(
            &forja_store::discussions::NewDiscussion {
                slug: slug.into(),
                subject_kind: "strategy".into(),
                subject: "resita".into(),
                title: "Matrix".into(),
                body: "What the matrix discusses.".into(),
                asks_position: false,
                user_id: None,
                city_id: None,
            },
            0,
        )
        .await
        .unwrap()
        .unwrap();
    let notice = forja_store::notify::Notice {
        kind: "discussion-reply".into(),
        document: serde_json::json!({}),
        link: String::new(),
    };
    let post = forja_store::discussions::NewPost {
        discussion_id: id,
        parent_id: None,
        depth: 0,
        user_id: None,
        body: "A first post.",
        position: None,
        tell: &[],
        notice: &notice,
    };
    app.store.add_post(&post, 0).await.unwrap().unwrap()
}

/// Creates an open partner request of a city, taking up to 50 replies.
async fn matrix_request(app: &TestApp, city: &str, slug: &str) {
    let fields = forja_core::edit::RequestFields {
        title: forja_core::LocalizedText::new().with("en", "Matrix request"),
        summary: forja_core::LocalizedText::new().with("en", "What the matrix seeks."),
        partner_kinds: vec!["city".into()],
        deadline: chrono::Utc::now()
            .date_naive()
            .checked_add_days(chrono::Days::new(30)),
        reply_cap: 50,
        ..Default::default()
    };
    app.store
        .create_request(city_id(app, city).await, slug, &fields, None, 0)
        .await
        .unwrap()
        .unwrap();
}

/// A published practice of Cugir the matrix's people record adopting.
const CUGIR_PRACTICE: &str = "cugir-matrix-practice";

/// Creates a practice as version 1; published when `publish`.
async fn matrix_practice(app: &TestApp, city: &str, slug: &str, publish: bool) {
    let fields = forja_core::edit::PracticeFields {
        title: forja_core::LocalizedText::new().with("en", "Matrix practice"),
        summary: forja_core::LocalizedText::new().with("en", "What the matrix writes."),
        evidence: "self-reported".into(),
        licence: "CC-BY-4.0".into(),
        ..Default::default()
    };
    let id = app
        .store
        .create_practice(city_id(app, city).await, slug, &fields, None, 0)
        .await
        .unwrap()
        .unwrap();
    if publish {
        assert!(app.store.publish_practice(id, 1, 0).await.unwrap());
    }
}

/// Puts the matrix practice at `status` (as a new version); returns that version.
async fn practice_at(app: &TestApp, status: forja_core::edit::PracticeStatus) -> i32 {
    use forja_store::edit_practice::Practice;
    use forja_store::versioned::{Change, Saved, Versioned};
    let row = app
        .store
        .practice_row(MATRIX_PRACTICE, false)
        .await
        .unwrap()
        .unwrap();
    let mut now = Practice::read(&app.store, row.id).await.unwrap().unwrap();
    now.fields.status = status;
    match app
        .store
        .change::<Practice>(row.id, now.version, Change::Update(now.fields), None, 0)
        .await
        .unwrap()
    {
        Saved::Ok { version } => version,
        other => panic!("{other:?}"),
    }
}

/// A new picture in Reșița's library (queued, never processed), named `{name}-{n}`.
async fn matrix_item(app: &TestApp, name: &str) -> i32 {
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let item = forja_store::media::NewItem {
        city_id: city_id(app, "resita").await,
        kind: "image".into(),
        original_name: format!("{name}-{n}.jpg"),
        original_key: format!("originals/{name}-{n}.jpg"),
        original_bytes: 3,
        sha256: format!("{n:064}"),
        alt: forja_core::LocalizedText::new().with("en", name),
        credit: "Matrix".into(),
        licence: "CC0".into(),
        sample: true,
        created_by: None,
    };
    app.store.add_media(&item, 0).await.unwrap()
}

/// The story the matrix edits and publishes.
const MATRIX_STORY: &str = "matrix-story";

async fn story_version(app: &TestApp) -> i32 {
    let resita = city_id(app, "resita").await;
    app.store
        .story_row(resita, MATRIX_STORY, true)
        .await
        .unwrap()
        .unwrap()
        .version
}

/// The smallest real picture, a 1 × 1 PNG: uploads need real media (what no tool reads
/// as media is refused before anything is stored).
pub(crate) const ONE_PIXEL_PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
    0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// A form with a file as a browser sends it (its token in the address).
pub(crate) fn upload(
    uri: &str,
    who: Option<&Person>,
    fields: &[(&str, &str)],
    (file_name, content_type): (&str, &str),
    file: &[u8],
) -> Request<Body> {
    let boundary = "forja-matrix-boundary";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\ncontent-disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!("--{boundary}\r\ncontent-disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\ncontent-type: {content_type}\r\n\r\n")
            .as_bytes(),
    );
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let cookie = match who {
        Some(p) => format!("forja_session={}; forja_csrf={CSRF}", p.session),
        None => format!("forja_csrf={CSRF}"),
    };
    Request::post(format!("{uri}?csrf={CSRF}"))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header("cookie", cookie)
        .body(Body::from(body))
        .unwrap()
}

/// A media upload as the library's form sends it.
pub(crate) fn multipart(
    uri: &str,
    who: Option<&Person>,
    fields: &[(&str, &str)],
    file: &[u8],
) -> Request<Body> {
    upload(uri, who, fields, ("note.png", "image/png"), file)
}

/// A data file as the import form sends it.
pub(crate) fn data_file(uri: &str, who: Option<&Person>, csv: &[u8]) -> Request<Body> {
    upload(uri, who, &[], ("data.csv", "text/csv"), csv)
}

/// A fresh import into Reșița (one value in a year of its own), for undoing.
async fn matrix_import(app: &TestApp) -> i32 {
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("forja-matrix-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("m{n}.csv"));
    std::fs::write(
        &path,
        format!("Indicator,Year,Value\nLC.FESTIVAL,{},{n}\n", 1950 + n % 100),
    )
    .unwrap();
    let city = app.store.city_by_slug("resita").await.unwrap().unwrap();
    let record = forja_store::monitoring::ImportRecord {
        file_name: "matrix.csv".into(),
        sha256: "0".repeat(64),
        format: String::new(),
        user_id: None,
        at: 1,
    };
    forja_services::monitoring::import::run(
        &app.store,
        city.id,
        path,
        Default::default(),
        Some(record),
        |_| {},
    )
    .await
    .unwrap()
    .import_id
    .expect("a new value")
}

/// The rule for every state-changing route. A route missing here fails the test: every
/// new route must come with its rights.
fn rule(method: &str, path: &str) -> Rule {
    match (method, path) {
        // The unsubscribe link's secret is in its address (one-click, no sign-in).
        ("post", "/login" | "/unsubscribe/{token}") => Rule::Public,
        (
            "post",
            "/logout"
            | "/inbox/read"
            | "/inbox/mail"
            | "/account/password"
            | "/account/sessions/end"
            | "/account/tokens"
            | "/account/tokens/{id}/revoke"
            | "/account/language",
        ) => Rule::OwnAccount,
        ("post", "/cities/{slug}/programmes/{programme}/edit")
        | ("post", "/cities/{slug}/programmes/{programme}/history/{version}/restore")
        | ("patch", "/api/v1/cities/{slug}/programmes/{programme}")
        | ("post", "/api/v1/cities/{slug}/programmes/{programme}/history/{version}/restore") => {
            Rule::EditProgramme
        }
        ("post", "/cities/{slug}/programmes/{programme}/delete")
        | ("post", "/cities/{slug}/programmes/{programme}/undelete")
        | ("delete", "/api/v1/cities/{slug}/programmes/{programme}") => Rule::DeleteProgramme,
        ("post", "/cities/{slug}/edit")
        | ("post", "/cities/{slug}/history/{version}/restore")
        | ("patch", "/api/v1/cities/{slug}")
        | ("post", "/api/v1/cities/{slug}/history/{version}/restore") => Rule::EditCity,
        ("post", "/cities/{slug}/programmes/new")
        | ("post", "/api/v1/cities/{slug}/programmes") => Rule::DeleteProgramme,
        ("post", "/cities/{slug}/people") | ("post", "/cities/{slug}/people/{id}/role") => {
            Rule::ManageUsers
        }
        ("post", "/cities/{slug}/strategy/edit")
        | ("post", "/cities/{slug}/strategy/history/{version}/restore")
        | ("post", "/cities/{slug}/strategy/objectives/new")
        | ("post", "/cities/{slug}/strategy/objectives/{code}/edit")
        | ("post", "/cities/{slug}/strategy/objectives/{code}/delete")
        | ("post", "/cities/{slug}/strategy/objectives/{code}/history/{version}/restore")
        | ("patch", "/api/v1/cities/{slug}/strategy")
        | ("post", "/api/v1/cities/{slug}/strategy/history/{version}/restore")
        | ("post", "/api/v1/cities/{slug}/strategy/objectives")
        | ("patch", "/api/v1/cities/{slug}/strategy/objectives/{code}")
        | ("delete", "/api/v1/cities/{slug}/strategy/objectives/{code}")
        | ("post", "/api/v1/cities/{slug}/strategy/objectives/{code}/history/{version}/restore") => {
            Rule::EditStrategy
        }
        ("post", "/admin/cities/new")
        | ("post", "/api/v1/cities")
        | ("post", "/framework/{code}/{node}/edit")
        | ("post", "/framework/{code}/{node}/history/{version}/restore")
        | ("post", "/indicators/{code}/edit")
        | ("post", "/indicators/{code}/history/{version}/restore")
        | ("post", "/programme-statuses/{code}/edit")
        | ("post", "/programme-statuses/{code}/history/{version}/restore")
        | ("patch", "/api/v1/frameworks/{code}/nodes/{node}")
        | ("post", "/api/v1/frameworks/{code}/nodes/{node}/history/{version}/restore")
        | ("post", "/resources/new")
        | ("post", "/resources/{resource}/edit")
        | ("post", "/resources/{resource}/delete")
        | ("post", "/resources/{resource}/file")
        | ("post", "/resources/{resource}/history/{version}/restore")
        | ("patch", "/api/v1/resources/{resource}") => Rule::ManageNetwork,
        ("post", "/cities/{slug}/organisations/new")
        | ("post", "/cities/{slug}/organisations/{org}/edit")
        | ("post", "/cities/{slug}/organisations/{org}/delete")
        | ("post", "/cities/{slug}/organisations/{org}/history/{version}/restore")
        | ("post", "/api/v1/cities/{slug}/organisations")
        | ("patch", "/api/v1/cities/{slug}/organisations/{org}")
        | ("delete", "/api/v1/cities/{slug}/organisations/{org}")
        | ("post", "/api/v1/cities/{slug}/organisations/{org}/history/{version}/restore") => {
            Rule::EditOrganisation
        }
        ("post", "/cities/{slug}/stories")
        | ("post", "/cities/{slug}/stories/{story}/edit")
        | ("post", "/cities/{slug}/stories/{story}/outline")
        | ("post", "/cities/{slug}/stories/{story}/edit/{n}")
        | ("post", "/cities/{slug}/stories/{story}/edit/{n}/preview")
        | ("post", "/cities/{slug}/stories/{story}/history/{version}/restore")
        | ("post", "/cities/{slug}/media")
        | ("post", "/cities/{slug}/media/{item}/retry")
        | ("post", "/cities/{slug}/media/{item}/focus") => Rule::EditStory,
        ("post", "/cities/{slug}/stories/{story}/publish")
        | ("post", "/cities/{slug}/stories/{story}/delete") => Rule::PublishStory,
        ("post", "/cities/{slug}/monitoring/import")
        | ("post", "/cities/{slug}/monitoring/import/commit")
        | ("post", "/cities/{slug}/monitoring/imports/{id}/undo")
        | ("post", "/api/v1/cities/{slug}/imports")
        | ("post", "/api/v1/cities/{slug}/imports/{id}/undo")
        | ("patch", "/api/v1/cities/{slug}/indicators/{code}/observations")
        | ("post", "/cities/{slug}/monitoring/{code}/edit") => Rule::EnterData,
        ("post", "/cities/{slug}/monitoring/{code}/reporters") => Rule::ChooseReporters,
        ("post", "/cities/{slug}/programmes/{programme}/practice")
        | ("post", "/practices/{practice}/edit")
        | ("patch", "/api/v1/practices/{practice}") => Rule::EditPractice,
        ("post", "/practices/{practice}/submit") => Rule::SubmitPractice,
        ("post", "/practices/{practice}/review") => Rule::ReviewPractice,
        ("post", "/practices/{practice}/adoptions") => Rule::AdoptPractice,
        ("post", "/cities/{slug}/requests/new")
        | ("post", "/requests/{request}/close")
        | ("post", "/requests/{request}/edit") => Rule::RequestPartners,
        ("post", "/requests/{request}/replies") => Rule::ReplyToRequest,
        ("post", "/discussions/new" | "/discussions/{discussion}/posts") => Rule::Discuss,
        ("post", "/discussions/{discussion}/posts/{post}/report") => Rule::ReportPost,
        (
            "post",
            "/discussions/{discussion}/posts/{post}/moderate" | "/discussions/{discussion}/close",
        ) => Rule::Moderate,
        other => panic!("{other:?} has no rule in the authorization matrix: add one"),
    }
}

/// A valid request for a route, made by `who`.
async fn request_for(
    app: &TestApp,
    method: &str,
    path: &str,
    who: Option<&Person>,
) -> Request<Body> {
    let version = current_version(app).await;
    // The first post of the matrix's discussion (when the matrix made one).
    let matrix_post = match app.store.discussion_row(MATRIX_DISCUSSION).await.unwrap() {
        Some(d) => app.store.posts(d.id).await.unwrap()[0].id.to_string(),
        None => "1".into(),
    };
    let fill = |p: &str| {
        p.replace("{slug}", "resita")
            .replace(
                "{discussion}",
                if p.ends_with("/close") {
                    MATRIX_CLOSING
                } else {
                    MATRIX_DISCUSSION
                },
            )
            .replace("{post}", &matrix_post)
            .replace("{programme}", "hala-minda")
            .replace("{version}", "1")
            // Objectives are named by code, and so are frameworks (then with a node).
            .replace(
                "{code}",
                if p.contains("framework") {
                    "kflc"
                } else if p.contains("programme-statuses") {
                    "suspended"
                } else if p.contains("indicators") {
                    "LC.FESTIVAL"
                } else if p.contains("monitoring") {
                    "LC.OPPORTUNITIES"
                } else {
                    MATRIX_OBJECTIVE
                },
            )
            .replace("{node}", "2.5.3")
            .replace("{org}", MATRIX_ORG)
            .replace("{story}", MATRIX_STORY)
            .replace("{n}", "1")
            .replace("{resource}", MATRIX_RESOURCE)
            .replace(
                "{request}",
                if p.ends_with("/replies") {
                    CUGIR_REQUEST
                } else {
                    MATRIX_REQUEST
                },
            )
            .replace(
                "{practice}",
                if p.ends_with("/adoptions") {
                    CUGIR_PRACTICE
                } else {
                    MATRIX_PRACTICE
                },
            )
    };
    let uri = fill(path);
    // A form sends every field (partners included): start from what is stored.
    let mut stored = programme_input(app, "hala-minda").await;
    stored.insert(
        "title_en".into(),
        format!("Hala Minda {}", who.map_or("x", |p| p.name)),
    );
    let edit_body = format!("{}version={version}", encode_form(&stored));
    match (method, path) {
        ("post", "/login") => form(
            &uri,
            None,
            &format!(
                "email=admin%40test.forja&password={}",
                PASSWORD.replace(' ', "+")
            ),
        ),
        ("post", "/account/password") => {
            let p = PASSWORD.replace(' ', "+");
            form(&uri, who, &format!("current={p}&new={p}&repeat={p}"))
        }
        ("post", "/account/tokens") => form(&uri, who, "name=matrix&scope=read"),
        ("post", "/account/language") => form(&uri, who, "language=ro"),
        ("post", "/inbox/mail") => form(&uri, who, "mail=off"),
        ("post", "/discussions/new") => {
            let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            form(
                &uri,
                who,
                &format!("subject_kind=strategy&subject=resita&title=Matrix+{n}&body=Talk."),
            )
        }
        ("post", "/discussions/{discussion}/posts") => form(&uri, who, "body=Matrix+post."),
        ("post", "/discussions/{discussion}/posts/{post}/moderate") => {
            form(&uri, who, "decision=kept")
        }
        ("post", "/discussions/{discussion}/close") => form(&uri, who, "summary=Where+it+landed."),
        ("post", "/unsubscribe/{token}") => {
            // The token of someone who has one (made the first time it is asked for).
            let admin = app
                .store
                .user_by_email("admin@test.forja")
                .await
                .unwrap()
                .unwrap();
            let token = app
                .store
                .mail_setting(admin.id, &"a".repeat(64))
                .await
                .unwrap()
                .token;
            form(&uri.replace("{token}", &token), who, "")
        }
        ("post", "/account/tokens/{id}/revoke") => {
            // The person's own newest token.
            let id = match who {
                Some(p) => {
                    let user = app
                        .store
                        .user_by_email(&format!("{}@test.forja", p.name))
                        .await
                        .unwrap()
                        .unwrap();
                    auth::create_api_token(&app.store, user.id, "to revoke", "read")
                        .await
                        .unwrap();
                    app.store.api_tokens_of(user.id).await.unwrap()[0].id
                }
                None => 1,
            };
            form(&uri.replace("{id}", &id.to_string()), who, "")
        }
        ("post", "/cities/{slug}/programmes/{programme}/edit") => form(&uri, who, &edit_body),
        ("post", "/cities/{slug}/programmes/new") => {
            let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            form(
                &uri,
                who,
                &format!(
                    "title_en=New+{}+{n}&status=planned&weight=1",
                    who.map_or("x", |p| p.name)
                ),
            )
        }
        ("post", "/api/v1/cities/{slug}/programmes") => {
            let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            api(
                "POST",
                &uri,
                who,
                &format!(
                    r#"{{"title": {{"en": "New {} {n}"}}, "status": "planned"}}"#,
                    who.map_or("x", |p| p.name)
                ),
            )
        }
        ("post", "/cities/{slug}/people") => {
            let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            form(
                &uri,
                who,
                &format!("email=new{n}%40test.forja&name=New&role=city-editor"),
            )
        }
        ("post", "/cities/{slug}/people/{id}/role") => {
            // A reader of Reșița kept for this: set to reader again, so nothing else moves.
            let target = app
                .store
                .user_by_email("target@test.forja")
                .await
                .unwrap()
                .unwrap();
            form(
                &uri.replace("{id}", &target.id.to_string()),
                who,
                "role=reader",
            )
        }
        ("post", "/cities/{slug}/edit") => {
            // A form sends every field: start from what is stored.
            let city = app.store.city_by_slug("resita").await.unwrap().unwrap();
            let mut fields = forja_store::edit_city::city_fields(&city).to_input();
            fields.insert(
                "name_en".into(),
                format!("Reșița {}", who.map_or("x", |p| p.name)),
            );
            form(
                &uri,
                who,
                &format!("{}version={}", encode_form(&fields), city.version),
            )
        }
        ("patch", "/api/v1/cities/{slug}") => {
            let v = app
                .store
                .city_by_slug("resita")
                .await
                .unwrap()
                .unwrap()
                .version;
            api(
                "PATCH",
                &uri,
                who,
                &format!(r#"{{"version": {v}, "population": 81228}}"#),
            )
        }
        ("post", "/cities/{slug}/strategy/edit") => {
            let (mut fields, v) = strategy_state(app).await;
            fields.insert(
                "title_en".into(),
                format!("Strategy {}", who.map_or("x", |p| p.name)),
            );
            form(&uri, who, &format!("{}version={v}", encode_form(&fields)))
        }
        ("patch", "/api/v1/cities/{slug}/strategy") => {
            let (_, v) = strategy_state(app).await;
            api(
                "PATCH",
                &uri,
                who,
                &format!(r#"{{"version": {v}, "status": "adopted"}}"#),
            )
        }
        ("post", "/cities/{slug}/strategy/objectives/new") => {
            let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            form(&uri, who, &format!("code=N{n}&title_en=New+objective"))
        }
        ("post", "/api/v1/cities/{slug}/strategy/objectives") => {
            let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            api(
                "POST",
                &uri,
                who,
                &format!(r#"{{"code": "A{n}", "title": {{"en": "New"}}}}"#),
            )
        }
        ("post", "/cities/{slug}/strategy/objectives/{code}/edit") => {
            let (mut fields, v) = objective_state(app, MATRIX_OBJECTIVE).await;
            fields.insert(
                "title_en".into(),
                format!("Educators {}", who.map_or("x", |p| p.name)),
            );
            form(&uri, who, &format!("{}version={v}", encode_form(&fields)))
        }
        ("post", "/cities/{slug}/strategy/objectives/{code}/delete") => {
            let (_, v) = objective_state(app, MATRIX_OBJECTIVE).await;
            form(&uri, who, &format!("version={v}&confirm=yes"))
        }
        ("patch", "/api/v1/cities/{slug}/strategy/objectives/{code}") => {
            let (_, v) = objective_state(app, MATRIX_OBJECTIVE).await;
            api(
                "PATCH",
                &uri,
                who,
                &format!(r#"{{"version": {v}, "sdg": ["4", "4.c"]}}"#),
            )
        }
        ("delete", "/api/v1/cities/{slug}/strategy/objectives/{code}") => {
            let (_, v) = objective_state(app, MATRIX_OBJECTIVE).await;
            api("DELETE", &format!("{uri}?version={v}"), who, "")
        }
        ("post", "/programme-statuses/{code}/edit") => {
            // "suspended" says nothing, and keeps saying it.
            use forja_store::versioned::Versioned;
            let s = app
                .store
                .programme_statuses()
                .await
                .unwrap()
                .into_iter()
                .find(|s| s.code == "suspended")
                .unwrap();
            let now = forja_store::edit_status::ProgrammeStatusKind::read(&app.store, s.id)
                .await
                .unwrap()
                .unwrap();
            form(
                &uri,
                who,
                &format!("default_progress=&version={}", now.version),
            )
        }
        ("post", "/indicators/{code}/edit") => {
            use forja_store::versioned::Versioned;
            let i = app
                .store
                .indicator_row(None, "LC.FESTIVAL")
                .await
                .unwrap()
                .unwrap();
            let now = forja_store::edit_indicator::Indicator::read(&app.store, i.id)
                .await
                .unwrap()
                .unwrap();
            let mut fields = now.fields.to_input();
            fields.insert(
                "definition_en".into(),
                format!("Checked by {}", who.map_or("x", |p| p.name)),
            );
            form(
                &uri,
                who,
                &format!("{}version={}", encode_form(&fields), now.version),
            )
        }
        ("post", "/framework/{code}/{node}/edit") => {
            let (mut fields, v) = node_state(app).await;
            fields.insert(
                "summary_en".into(),
                format!("Checked by {}", who.map_or("x", |p| p.name)),
            );
            form(&uri, who, &format!("{}version={v}", encode_form(&fields)))
        }
        ("patch", "/api/v1/frameworks/{code}/nodes/{node}") => {
            let (_, v) = node_state(app).await;
            api(
                "PATCH",
                &uri,
                who,
                &format!(r#"{{"version": {v}, "summary": {{"ro": "Verificat"}}}}"#),
            )
        }
        ("post", "/admin/cities/new") => {
            let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            form(
                &uri,
                who,
                &format!(
                    "name_en=Town+{n}&country=RO&latitude=45.5&longitude=22.5&joined_year=2025&default_locale=ro"
                ),
            )
        }
        ("post", "/api/v1/cities") => {
            let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            api(
                "POST",
                &uri,
                who,
                &format!(
                    r#"{{"name": {{"ro": "Oraș {n}"}}, "country": "RO", "latitude": 45.5, "longitude": 22.5, "joined_year": 2025, "default_locale": "ro"}}"#
                ),
            )
        }
        ("post", "/cities/{slug}/organisations/new") => {
            let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            form(&uri, who, &format!("name_en=Club+{n}&kind=ngo"))
        }
        ("post", "/api/v1/cities/{slug}/organisations") => {
            let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            api(
                "POST",
                &uri,
                who,
                &format!(r#"{{"name": {{"en": "Club {n}"}}, "kind": "ngo"}}"#),
            )
        }
        ("post", "/cities/{slug}/organisations/{org}/edit") => {
            let (mut fields, v) = organisation_state(app, MATRIX_ORG).await;
            fields.insert(
                "name_en".into(),
                format!("Matrix club {}", who.map_or("x", |p| p.name)),
            );
            form(&uri, who, &format!("{}version={v}", encode_form(&fields)))
        }
        ("post", "/cities/{slug}/organisations/{org}/delete") => {
            let (_, v) = organisation_state(app, MATRIX_ORG).await;
            form(&uri, who, &format!("version={v}&confirm=yes"))
        }
        ("patch", "/api/v1/cities/{slug}/organisations/{org}") => {
            let (_, v) = organisation_state(app, MATRIX_ORG).await;
            api(
                "PATCH",
                &uri,
                who,
                &format!(r#"{{"version": {v}, "website": "https://example.org"}}"#),
            )
        }
        ("delete", "/api/v1/cities/{slug}/organisations/{org}") => {
            let (_, v) = organisation_state(app, MATRIX_ORG).await;
            api("DELETE", &format!("{uri}?version={v}"), who, "")
        }
        ("post", "/cities/{slug}/stories") => {
            let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            form(&uri, who, &format!("title=Matrix+story+{n}&language=en"))
        }
        ("post", "/cities/{slug}/stories/{story}/edit") => {
            let v = story_version(app).await;
            form(
                &uri,
                who,
                &format!(
                    "title=Matrix+story&language=en&summary=&theme_background=%2316181d&theme_text=%23f4f1ec&theme_accent=%23f0a25a&version={v}"
                ),
            )
        }
        ("post", "/cities/{slug}/stories/{story}/outline") => {
            let v = story_version(app).await;
            form(&uri, who, &format!("op=add-page:0&kind_0=map&version={v}"))
        }
        ("post", "/cities/{slug}/stories/{story}/edit/{n}") => {
            let v = story_version(app).await;
            let title = who.map_or("x", |p| p.name);
            form(
                &uri,
                who,
                &format!("title=Cover+{title}&subtitle=&background=&version={v}"),
            )
        }
        ("post", "/cities/{slug}/stories/{story}/edit/{n}/preview") => {
            form(&uri, who, "title=Previewed+cover&subtitle=&background=")
        }
        ("post", "/cities/{slug}/stories/{story}/delete") => {
            // A story of its own each time, so the others stay for the other routes.
            let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let slug = format!("to-delete-{n}");
            app.store
                .create_story(
                    city_id(app, "resita").await,
                    &slug,
                    &forja_core::story::StoryFields::new_story("To delete", "en"),
                    None,
                    0,
                )
                .await
                .unwrap()
                .unwrap();
            form(
                &uri.replace(MATRIX_STORY, &slug),
                who,
                "version=1&confirm=yes",
            )
        }
        ("post", "/cities/{slug}/stories/{story}/publish") => {
            let v = story_version(app).await;
            form(&uri, who, &format!("version={v}"))
        }
        ("post", "/cities/{slug}/media") => multipart(
            &uri,
            who,
            &[
                ("alt_en", "A note"),
                ("alt_ro", ""),
                ("credit", "Matrix"),
                ("licence", "CC0"),
            ],
            ONE_PIXEL_PNG,
        ),
        ("post", "/cities/{slug}/monitoring/import") => data_file(
            &uri,
            who,
            b"Indicator,Year,Value\nLC.OPPORTUNITIES,2031,7\n",
        ),
        ("post", "/cities/{slug}/monitoring/import/commit") => {
            // A file checked before, waiting for its confirmation.
            let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let token = format!("{:032x}", 0xabc0_0000_u64 + n as u64);
            std::fs::create_dir_all(&app.media.work_dir).unwrap();
            std::fs::write(
                app.media.work_dir.join(format!("data-{token}")),
                format!(
                    "Indicator,Year,Value\nLC.OPPORTUNITIES,{},7\n",
                    2100 - n % 90
                ),
            )
            .unwrap();
            std::fs::write(
                app.media.work_dir.join(format!("data-{token}.meta")),
                format!("matrix.csv\n{}", "0".repeat(64)),
            )
            .unwrap();
            form(&uri, who, &format!("staged={token}"))
        }
        ("post", "/cities/{slug}/monitoring/imports/{id}/undo") => {
            // An import of Reșița's, made afresh for each request.
            let id = matrix_import(app).await;
            form(&uri.replace("{id}", &id.to_string()), who, "")
        }
        ("post", "/cities/{slug}/monitoring/{code}/reporters") => {
            // The matrix's partner stays the reporter, whoever sends it.
            let resita = city_id(app, "resita").await;
            let indicator = app
                .store
                .indicator_for(resita, "LC.OPPORTUNITIES")
                .await
                .unwrap()
                .unwrap();
            let (v, reporters) = app.store.reporters(indicator.row.id, resita).await.unwrap();
            form(&uri, who, &format!("reporter={}&version={v}", reporters[0]))
        }
        ("post", "/cities/{slug}/monitoring/{code}/edit") => {
            // A new period's value (the same value whoever sends it: no conflict).
            let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            form(
                &uri,
                who,
                &format!("p%3A10={}&c%3A10%3A0=7&w%3A10%3A0=", 1900 + n % 200),
            )
        }
        ("post", "/api/v1/cities/{slug}/imports") => {
            let mut r = api(
                "POST",
                &format!("{uri}?dry_run=true"),
                who,
                "Indicator,Year,Value\nLC.OPPORTUNITIES,2031,7\n",
            );
            r.headers_mut()
                .insert("content-type", "text/csv".parse().unwrap());
            r
        }
        ("patch", "/api/v1/cities/{slug}/indicators/{code}/observations") => {
            // A dry run based on whatever is stored: the same for everyone.
            let mut r = api(
                "PATCH",
                &format!("{uri}?dry_run=true"),
                who,
                r#"{"observations": [{"period": "2031", "value": 7}]}"#,
            );
            r.headers_mut().insert("if-match", "*".parse().unwrap());
            r
        }
        ("post", "/api/v1/cities/{slug}/imports/{id}/undo") => {
            let id = matrix_import(app).await;
            api("POST", &uri.replace("{id}", &id.to_string()), who, "")
        }
        ("post", "/cities/{slug}/media/{item}/retry") => {
            // A failed item of Reșița's, made afresh for each request.
            let item = matrix_item(app, "broken").await;
            let job = app.store.latest_jobs(&[item]).await.unwrap().remove(0);
            app.store
                .fail_job(&job, "timeout", "broken on purpose", 0)
                .await
                .unwrap();
            form(&uri.replace("{item}", &item.to_string()), who, "")
        }
        ("post", "/cities/{slug}/media/{item}/focus") => {
            // Any picture of Reșița's library.
            let item = matrix_item(app, "focus").await;
            form(&uri.replace("{item}", &item.to_string()), who, "x=30&y=70")
        }
        ("post", "/practices/{practice}/edit") => {
            use forja_store::versioned::Versioned;
            let row = app
                .store
                .practice_row(MATRIX_PRACTICE, false)
                .await
                .unwrap()
                .unwrap();
            let now = forja_store::edit_practice::Practice::read(&app.store, row.id)
                .await
                .unwrap()
                .unwrap();
            let mut values = now.fields.to_input();
            values.insert(
                "title_en".into(),
                format!("Matrix practice {}", who.map_or("x", |p| p.name)),
            );
            let body = format!("{}version={}", encode_form(&values), now.version);
            form(&uri, who, &body)
        }
        ("patch", "/api/v1/practices/{practice}") => any_version(api(
            "PATCH",
            &uri,
            who,
            r#"{"title": {"en": "Matrix practice, changed"}}"#,
        )),
        ("post", "/practices/{practice}/submit") => {
            let v = practice_at(app, forja_core::edit::PracticeStatus::Draft).await;
            form(&uri, who, &format!("version={v}"))
        }
        ("post", "/practices/{practice}/review") => {
            let v = practice_at(app, forja_core::edit::PracticeStatus::Submitted).await;
            form(&uri, who, &format!("version={v}&step=pass&note="))
        }
        ("post", "/practices/{practice}/adoptions") => {
            form(&uri, who, "year=2025&note_en=Matrix+adoption")
        }
        // Another resource than the one the form routes take out.
        ("patch", "/api/v1/resources/{resource}") => any_version(api(
            "PATCH",
            &uri.replace(MATRIX_RESOURCE, "uil-toolkit-learning-city-model"),
            who,
            r#"{"title": {"en": "Matrix handbook, changed"}}"#,
        )),
        ("post", "/cities/{slug}/requests/new") => form(
            &uri,
            who,
            &format!(
                "title_en=Matrix+partners&summary_en=Seeking&partner_kinds=city&deadline={}",
                chrono::Utc::now().date_naive() + chrono::Days::new(30)
            ),
        ),
        ("post", "/requests/{request}/replies") => form(&uri, who, "message=We+would+join."),
        ("post", "/requests/{request}/close") => form(&uri, who, ""),
        ("post", "/requests/{request}/edit") => {
            let row = app
                .store
                .request_row(MATRIX_REQUEST, false)
                .await
                .unwrap()
                .unwrap();
            let mut values = forja_store::edit_request::request_document(&row)
                .unwrap()
                .to_input();
            values.insert(
                "title_en".into(),
                format!("Matrix request {}", who.map_or("x", |p| p.name)),
            );
            let body = format!("{}version={}", encode_form(&values), row.version);
            form(&uri, who, &body)
        }
        ("post", "/resources/new") => form(
            &uri,
            who,
            "title_en=Matrix+guide&summary_en=For+the+matrix&kind=guide&language=en\
             &level=introductory&link=https%3A%2F%2Fexample.org%2Fguide",
        ),
        ("post", "/resources/{resource}/file") => {
            let v = app
                .store
                .resource_row(MATRIX_RESOURCE, false)
                .await
                .unwrap()
                .map_or(1, |r| r.version);
            upload(
                &uri,
                who,
                &[("version", &v.to_string())],
                ("handbook.pdf", "application/pdf"),
                b"%PDF-1.4\n% the matrix\n",
            )
        }
        ("post", "/resources/{resource}/edit" | "/resources/{resource}/delete") => {
            let row = app
                .store
                .resource_row(MATRIX_RESOURCE, false)
                .await
                .unwrap();
            // Taken out by an earlier request of the admin's: any version does.
            let (values, v) = match row {
                Some(r) => {
                    let doc = forja_store::edit_resource::resource_document(&r).unwrap();
                    let mut values = doc.to_input();
                    values.insert("title_en".into(), "Matrix handbook".into());
                    (values, r.version)
                }
                None => (Default::default(), 1),
            };
            let body = if path.ends_with("/edit") {
                format!("{}version={v}", encode_form(&values))
            } else {
                format!("version={v}&confirm=yes")
            };
            form(&uri, who, &body)
        }
        ("post", _) if !path.starts_with("/api/") => {
            form(&uri, who, &format!("version={version}&confirm=yes"))
        }
        ("patch", _) => api(
            "PATCH",
            &uri,
            who,
            &format!(r#"{{"version": {version}, "progress": 42}}"#),
        ),
        ("delete", _) => api("DELETE", &format!("{uri}?version={version}"), who, ""),
        ("post", _) => any_version(api("POST", &uri, who, "{}")),
        other => panic!("no request for {other:?}"),
    }
}

#[tokio::test]
async fn authorization_matrix_covers_every_state_changing_route() {
    each_backend(|app| async move {
        let partner_org = hala_minda_partner(&app).await;
        // The partner's organisation reports the indicators the matrix writes.
        let resita = city_id(&app, "resita").await;
        for code in ["LC.OPPORTUNITIES", "LC.FESTIVAL"] {
            let indicator = app
                .store
                .indicator_for(resita, code)
                .await
                .unwrap()
                .unwrap();
            let (v, _) = app.store.reporters(indicator.row.id, resita).await.unwrap();
            app.store
                .set_reporters(indicator.row.id, resita, &[partner_org], v, None, 0)
                .await
                .unwrap()
                .unwrap();
        }
        let fields = forja_core::edit::OrganisationFields::parse(
            &[("name_en", "Matrix club"), ("kind", "ngo")]
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
        )
        .unwrap();
        app.store
            .create_organisation(city_id(&app, "resita").await, MATRIX_ORG, &fields, None, 0)
            .await
            .unwrap()
            .unwrap();
        let resita = city_id(&app, "resita").await;
        let strategy = app.store.current_strategy(resita).await.unwrap().unwrap();
        let objective = forja_core::edit::ObjectiveFields {
            code: MATRIX_OBJECTIVE.into(),
            title: forja_core::LocalizedText::new().with("en", "Matrix objective"),
            description: Default::default(),
            kflc: vec![],
            guidelines: vec![],
            sdg: vec![],
            local_targets: vec![],
        };
        app.store
            .create_objective(strategy.id, resita, &objective, None, 0)
            .await
            .unwrap()
            .unwrap();
        app.store
            .create_story(
                resita,
                MATRIX_STORY,
                &forja_core::story::StoryFields::new_story("Matrix story", "en"),
                None,
                0,
            )
            .await
            .unwrap()
            .unwrap();
        // An organisation of Reșița that is not among Hala Minda's partners and reports
        // nothing.
        let other_org = {
            let resita = city_id(&app, "resita").await;
            let hala = app
                .store
                .programme_row(resita, "hala-minda", true)
                .await
                .unwrap()
                .unwrap();
            let partners: Vec<i32> = app
                .store
                .partners(hala.id)
                .await
                .unwrap()
                .into_iter()
                .map(|p| p.organisation_id)
                .collect();
            let mut found = None;
            for o in app.store.organisations_of(resita).await.unwrap() {
                // Nor reporting any indicator: then it may write nothing of the city's.
                if !partners.contains(&o.id)
                    && app
                        .store
                        .reported_by(resita, o.id)
                        .await
                        .unwrap()
                        .is_empty()
                {
                    found = Some(o.id);
                    break;
                }
            }
            found.unwrap()
        };
        matrix_practice(&app, "resita", MATRIX_PRACTICE, false).await;
        matrix_practice(&app, "cugir", CUGIR_PRACTICE, true).await;
        matrix_request(&app, "resita", MATRIX_REQUEST).await;
        matrix_request(&app, "cugir", CUGIR_REQUEST).await;
        matrix_discussion(&app, MATRIX_DISCUSSION).await;
        matrix_discussion(&app, MATRIX_CLOSING).await;
        // Who, and whether each rule allows them on Reșița (columns: public, own account,
        // edit programme, delete programme, edit city profile, manage people, manage the
        // network, and adopt another city's practice for their own city).
        person(&app, "target", Role::Reader, Some("resita"), None).await;
        let people = [
            (
                person(&app, "admin", Role::NetworkAdmin, None, None).await,
                [true, true, true, true, true, true, true, false],
            ),
            (
                person(
                    &app,
                    "coordinator",
                    Role::CityCoordinator,
                    Some("resita"),
                    None,
                )
                .await,
                [true, true, true, true, true, true, false, true],
            ),
            (
                person(&app, "editor", Role::CityEditor, Some("resita"), None).await,
                [true, true, true, true, true, false, false, true],
            ),
            (
                person(
                    &app,
                    "partner",
                    Role::PartnerEditor,
                    Some("resita"),
                    Some(partner_org),
                )
                .await,
                [true, true, true, false, false, false, false, false],
            ),
            (
                person(
                    &app,
                    "outsider",
                    Role::PartnerEditor,
                    Some("resita"),
                    Some(other_org),
                )
                .await,
                [true, true, false, false, false, false, false, false],
            ),
            (
                person(&app, "reader", Role::Reader, Some("resita"), None).await,
                [true, true, false, false, false, false, false, false],
            ),
            (
                person(
                    &app,
                    "galati-editor",
                    Role::CityEditor,
                    Some("galati"),
                    None,
                )
                .await,
                [true, true, false, false, false, false, false, true],
            ),
            (
                person(
                    &app,
                    "galati-coordinator",
                    Role::CityCoordinator,
                    Some("galati"),
                    None,
                )
                .await,
                [true, true, false, false, false, false, false, true],
            ),
        ];
        assert!(!forja_web::STATE_CHANGING_ROUTES.is_empty());
        for (who, allowed) in &people {
            for (method, path) in forja_web::STATE_CHANGING_ROUTES {
                let rule = rule(method, path);
                let may = match rule {
                    Rule::Public => allowed[0],
                    Rule::OwnAccount => allowed[1],
                    Rule::EditProgramme => allowed[2],
                    Rule::DeleteProgramme => allowed[3],
                    Rule::EditCity => allowed[4],
                    // The same people edit a city's profile and its strategy.
                    Rule::EditStrategy | Rule::EditOrganisation => allowed[4],
                    Rule::ManageUsers => allowed[5],
                    Rule::ManageNetwork => allowed[6],
                    // Stories are content like the profile; publishing is the
                    // coordinator's, like managing people.
                    Rule::EditStory => allowed[4],
                    Rule::PublishStory => allowed[5],
                    // Monitoring data is the city's content too, and the reporting
                    // organisation's (the partner's): those who edit the programme.
                    Rule::EnterData => allowed[2],
                    Rule::ChooseReporters => allowed[4],
                    // Practices are the city's content like its profile; submitting is
                    // the coordinator's, reviewing network staff's.
                    Rule::EditPractice => allowed[4],
                    Rule::SubmitPractice => allowed[5],
                    Rule::ReviewPractice => allowed[6],
                    Rule::AdoptPractice => allowed[7],
                    // Requests are the city's like its profile; answering is for any
                    // city's editors, for their own city, like adopting.
                    Rule::RequestPartners => allowed[4],
                    Rule::ReplyToRequest => allowed[7],
                    // Everyone who runs a learning city talks; readers read.
                    Rule::Discuss => who.name != "reader",
                    Rule::ReportPost => allowed[1],
                    Rule::Moderate => allowed[6],
                };
                let who = &fresh_session(&app, who).await;
                let r = app
                    .request(request_for(&app, method, path, Some(who)).await)
                    .await;
                // Only account routes may end at the sign-in page (after signing out).
                let to_login = r.header("location").starts_with("/login");
                if may {
                    assert!(
                        r.status.is_success()
                            || (r.status.is_redirection()
                                && (!to_login || rule == Rule::OwnAccount)),
                        "{}: {} {method} {path} should be allowed, got {}: {}",
                        app.backend,
                        who.name,
                        r.status,
                        // The error summary says why, when there is one.
                        r.body[r.body.find("error-summary").unwrap_or(0)..]
                            .chars()
                            .take(600)
                            .collect::<String>()
                    );
                } else {
                    assert_eq!(
                        r.status,
                        StatusCode::FORBIDDEN,
                        "{}: {} {method} {path} must be refused",
                        app.backend,
                        who.name
                    );
                }
            }
        }
        // Nobody signed in: forms send to sign-in, the API asks for a token.
        for (method, path) in forja_web::STATE_CHANGING_ROUTES {
            if rule(method, path) == Rule::Public {
                continue;
            }
            let r = app
                .request(request_for(&app, method, path, None).await)
                .await;
            if path.starts_with("/api/") {
                assert_eq!(
                    r.status,
                    StatusCode::UNAUTHORIZED,
                    "{method} {path} without a token"
                );
            } else {
                assert!(
                    r.status.is_redirection() && r.header("location").starts_with("/login"),
                    "{method} {path} anonymous: {}",
                    r.status
                );
            }
        }
    })
    .await;
}

#[tokio::test]
async fn read_only_tokens_cannot_write() {
    each_backend(|app| async move {
        let editor = person(&app, "editor", Role::CityEditor, Some("resita"), None).await;
        let user = app
            .store
            .user_by_email("editor@test.forja")
            .await
            .unwrap()
            .unwrap();
        let read = auth::create_api_token(&app.store, user.id, "read", "read")
            .await
            .unwrap();
        let version = current_version(&app).await;
        let mut req = api(
            "PATCH",
            "/api/v1/cities/resita/programmes/hala-minda",
            Some(&editor),
            &format!(r#"{{"version": {version}, "progress": 10}}"#),
        );
        req.headers_mut()
            .insert("authorization", format!("Bearer {read}").parse().unwrap());
        assert_eq!(app.request(req).await.status, StatusCode::FORBIDDEN);
        assert_eq!(current_version(&app).await, version, "nothing stored");
    })
    .await;
}

#[tokio::test]
async fn forms_without_the_csrf_token_are_refused() {
    each_backend(|app| async move {
        let editor = person(&app, "editor", Role::CityEditor, Some("resita"), None).await;
        let version = current_version(&app).await;
        let body = format!("version={version}&title_en=Forged&status=active");
        let cookie = format!("forja_session={}; forja_csrf={CSRF}", editor.session);
        let uri = format!("{PROGRAMME}/edit");
        for (label, request) in [
            (
                "no token",
                Request::post(&uri)
                    .header("cookie", &cookie)
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(Body::from(body.clone()))
                    .unwrap(),
            ),
            (
                "wrong token",
                Request::post(&uri)
                    .header("cookie", &cookie)
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(Body::from(format!("csrf={}&{body}", "f".repeat(64))))
                    .unwrap(),
            ),
            (
                "other site",
                Request::post(&uri)
                    .header("cookie", &cookie)
                    .header("host", "forja.test")
                    .header("origin", "https://evil.example")
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(Body::from(format!("csrf={CSRF}&{body}")))
                    .unwrap(),
            ),
            (
                "no cookie",
                Request::post(&uri)
                    .header("cookie", format!("forja_session={}", editor.session))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(Body::from(format!("csrf={CSRF}&{body}")))
                    .unwrap(),
            ),
        ] {
            let r = app.request(request).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{label}");
            assert!(
                r.body.contains("The form has expired"),
                "{label}: says what happened"
            );
        }
        assert_eq!(current_version(&app).await, version, "nothing stored");
    })
    .await;
}

/// Payloads from the usual XSS cheat sheets, each put in every text field.
const XSS: &[&str] = &[
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "javascript:alert(1)",
    "</textarea><script>alert(1)</script>",
    "'><a href=\"javascript:alert(1)\">x</a>",
    "<iframe src=//evil.example></iframe>",
    "{{7*7}} ${7*7} <!--",
];

#[tokio::test]
async fn xss_payloads_in_every_text_field_come_back_inert() {
    each_backend(|app| async move {
        let editor = person(&app, "editor", Role::CityEditor, Some("resita"), None).await;
        for payload in XSS {
            let version = current_version(&app).await;
            let texts = serde_json::json!({ "en": payload, "ro": payload });
            let body = serde_json::json!({ "version": version, "title": texts, "summary": texts, "description": texts }).to_string();
            let r = app.request(api("PATCH", "/api/v1/cities/resita/programmes/hala-minda", Some(&editor), &body)).await;
            assert_eq!(r.status, StatusCode::OK, "{payload}: {}", r.body);
            for page in [PROGRAMME, "/cities/resita/programmes", "/cities/resita/strategy", "/framework/sdg/11", "/framework/target-groups/workers"] {
                let html = app.get(page).await;
                for dangerous in ["<script>alert", "<img src=x", "<svg/onload", "<iframe", "<a href=\"javascript:"] {
                    assert!(!html.body.contains(dangerous), "{page}: {payload} came back live");
                }
            }
            let edit = app.request(Request::get(format!("{PROGRAMME}/edit")).header("cookie", format!("forja_session={}", editor.session)).body(Body::empty()).unwrap()).await;
            assert!(!edit.body.contains("</textarea><script>"), "the edit form keeps the payload inside its field");
            let json = app.get("/api/v1/cities/resita/programmes/hala-minda").await;
            assert!(json.header("content-type").starts_with("application/json"));
            assert_eq!(json.json()["title"]["en"], *payload, "JSON returns the text as text");
        }
    })
    .await;
}

#[tokio::test]
async fn two_concurrent_edits_never_lose_an_update() {
    each_backend(|app| async move {
        let a = person(&app, "ana", Role::CityEditor, Some("resita"), None).await;
        let b = person(&app, "bogdan", Role::CityEditor, Some("resita"), None).await;
        let version = current_version(&app).await;
        let patch = |who: &Person, progress: u32| {
            api(
                "PATCH",
                "/api/v1/cities/resita/programmes/hala-minda",
                Some(who),
                &format!(r#"{{"version": {version}, "progress": {progress}}}"#),
            )
        };
        let (ra, rb) = tokio::join!(app.request(patch(&a, 11)), app.request(patch(&b, 22)));
        let mut statuses = [ra.status, rb.status];
        statuses.sort();
        assert_eq!(
            statuses,
            [StatusCode::OK, StatusCode::CONFLICT],
            "exactly one wins"
        );
        let loser = if ra.status == StatusCode::CONFLICT {
            &ra
        } else {
            &rb
        };
        assert_eq!(
            loser.json()["current_version"],
            version + 1,
            "the loser learns the version to reload"
        );
        let winner_progress = if ra.status == StatusCode::OK {
            11.0
        } else {
            22.0
        };
        let stored = app
            .get("/api/v1/cities/resita/programmes/hala-minda")
            .await
            .json();
        assert_eq!(stored["progress"]["percent"], winner_progress);
        assert_eq!(
            stored["progress"]["sample"], false,
            "a reported figure is no longer sample data"
        );
    })
    .await;
}

#[tokio::test]
async fn old_and_deleted_versions_can_be_restored() {
    each_backend(|app| async move {
        let editor = person(&app, "editor", Role::CityEditor, Some("resita"), None).await;
        let original = app
            .get("/api/v1/cities/resita/programmes/hala-minda")
            .await
            .json();
        for title in ["First change", "Second change"] {
            let v = current_version(&app).await;
            let body = format!(r#"{{"version": {v}, "title": {{"en": "{title}"}}}}"#);
            assert_eq!(
                app.request(api(
                    "PATCH",
                    "/api/v1/cities/resita/programmes/hala-minda",
                    Some(&editor),
                    &body
                ))
                .await
                .status,
                StatusCode::OK
            );
        }
        // Restore the loaded version (1): a new revision that brings the original back.
        let r = app
            .request(crate::accounts::any_version(api(
                "POST",
                "/api/v1/cities/resita/programmes/hala-minda/history/1/restore",
                Some(&editor),
                "{}",
            )))
            .await;
        assert_eq!(r.status, StatusCode::OK);
        let now = app
            .get("/api/v1/cities/resita/programmes/hala-minda")
            .await
            .json();
        assert_eq!(now["title"], original["title"]);
        assert_eq!(
            now["progress"], original["progress"],
            "sample flags come back with the version"
        );
        // Delete: gone from public pages, listed for editors, restorable.
        let v = current_version(&app).await;
        let del = app
            .request(api(
                "DELETE",
                &format!("/api/v1/cities/resita/programmes/hala-minda?version={v}"),
                Some(&editor),
                "",
            ))
            .await;
        assert_eq!(del.status, StatusCode::NO_CONTENT);
        assert_eq!(app.get(PROGRAMME).await.status, StatusCode::NOT_FOUND);
        assert_eq!(
            app.get("/api/v1/cities/resita/programmes").await.json()["total"],
            12
        );
        let deleted = app
            .request(
                Request::get("/cities/resita/programmes/deleted")
                    .header("cookie", format!("forja_session={}", editor.session))
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert!(
            deleted
                .body
                .contains("/cities/resita/programmes/hala-minda/undelete")
        );
        let undelete = app
            .request(form(
                "/cities/resita/programmes/hala-minda/undelete",
                Some(&editor),
                "",
            ))
            .await;
        assert!(undelete.status.is_redirection());
        assert_eq!(
            app.get(PROGRAMME).await.status,
            StatusCode::OK,
            "back on the public page"
        );
        let history = app
            .request(api(
                "GET",
                "/api/v1/cities/resita/programmes/hala-minda/history",
                Some(&editor),
                "",
            ))
            .await
            .json();
        let ops: Vec<&str> = history["revisions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["op"].as_str().unwrap())
            .collect();
        assert_eq!(
            ops,
            ["import", "update", "update", "restore", "delete", "restore"]
        );
        let city = app
            .request(api(
                "GET",
                "/api/v1/cities/resita/history",
                Some(&editor),
                "",
            ))
            .await
            .json();
        let programme_changes = city
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["entity"] == "programme")
            .count();
        assert_eq!(programme_changes, 6, "the city's history lists every one");
        let page = app
            .request(
                Request::get(format!("{PROGRAMME}/history?from=1&to=2"))
                    .header("cookie", format!("forja_session={}", editor.session))
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert!(
            page.body.contains("<ins>First change</ins>") || page.body.contains("<ins>First"),
            "a readable diff"
        );
        let bad = app
            .request(
                Request::get(format!("{PROGRAMME}/history?from=99"))
                    .header("cookie", format!("forja_session={}", editor.session))
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(
            bad.status,
            StatusCode::BAD_REQUEST,
            "an unknown version is named"
        );
    })
    .await;
}

#[tokio::test]
async fn invalid_edits_are_refused_field_by_field_and_nothing_is_stored() {
    each_backend(|app| async move {
        let editor = person(&app, "editor", Role::CityEditor, Some("resita"), None).await;
        let v = current_version(&app).await;
        let body = format!(r#"{{"version": {v}, "progress": 140, "weight": -1, "start_on": "2024-05-01", "end_on": "2024-01-01", "status": "done", "title": {{"en": ""}}, "colour": 1}}"#);
        let r = app.request(api("PATCH", "/api/v1/cities/resita/programmes/hala-minda", Some(&editor), &body)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let fields: Vec<String> = r.json()["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_owned()).collect();
        for f in ["progress", "weight", "end_on", "status", "colour"] {
            assert!(fields.contains(&f.to_owned()), "{f} in {fields:?}");
        }
        let broken = Request::patch("/api/v1/cities/resita/programmes/hala-minda")
            .header("authorization", format!("Bearer {}", editor.token))
            .header("content-type", "application/json")
            .body(Body::from(b"{\"version\": 1, \"title\": {\"en\": \"\xff\xfe\"}}".to_vec()))
            .unwrap();
        let r = app.request(broken).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "broken UTF-8");
        assert_eq!(r.json()["errors"][0]["field"], "body");
        let html = app.request(form(&format!("{PROGRAMME}/edit"), Some(&editor), &format!("version={v}&title_en=Kept+text&status=active&progress=abc"))).await;
        assert_eq!(html.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(html.body.contains("Write a number") && html.body.contains("value=\"Kept text\""), "message beside the field, input kept");
        let ro = app
            .request({
                let mut r = form(&format!("{PROGRAMME}/edit"), Some(&editor), &format!("version={v}&title_en=X&status=active&end_on=2024/31/12"));
                r.headers_mut().insert("accept-language", "ro".parse().unwrap());
                r
            })
            .await;
        assert!(ro.body.contains("Scrieți data ca ZZ.LL.AAAA"), "in the user's language, in its format");
        assert_eq!(current_version(&app).await, v, "nothing stored");
    })
    .await;
}

#[tokio::test]
async fn sign_in_is_throttled_per_account_and_per_client_with_one_message() {
    each_backend(|app| async move {
        person(&app, "ana", Role::CityEditor, Some("resita"), None).await;
        let attempt = |email: &'static str, password: &'static str, client: &'static str| {
            let store = app.store.clone();
            async move { auth::login(&store, email, password, client).await.unwrap() }
        };
        for _ in 0..5 {
            assert!(matches!(
                attempt("ana@test.forja", "wrong password!!", "192.0.2.1").await,
                auth::Login::Refused
            ));
        }
        let locked = attempt("ana@test.forja", "wrong password!!", "192.0.2.1").await;
        assert!(
            matches!(locked, auth::Login::Throttled { retry_after } if retry_after >= 1),
            "{locked:?}"
        );
        let right_but_locked = attempt("ana@test.forja", PASSWORD, "192.0.2.9").await;
        assert!(
            matches!(right_but_locked, auth::Login::Throttled { .. }),
            "the account is locked from any client"
        );
        // An unknown email gets the same answer as a wrong password.
        assert!(matches!(
            attempt("nobody@test.forja", "wrong password!!", "192.0.2.50").await,
            auth::Login::Refused
        ));
        let events = app.store.audit_events(50).await.unwrap();
        assert!(
            events.iter().any(|e| e.event == "login-failed")
                && events.iter().any(|e| e.event == "login-throttled")
        );
        let page = app
            .request(form("/login", None, "email=ana%40test.forja&password=x"))
            .await;
        assert!(
            page.body.contains("Too many attempts"),
            "the page says to wait"
        );
    })
    .await;
}

#[tokio::test]
async fn only_network_admins_read_the_audit_log() {
    each_backend(|app| async move {
        let admin = person(&app, "admin", Role::NetworkAdmin, None, None).await;
        let editor = person(&app, "editor", Role::CityEditor, Some("resita"), None).await;
        let get = |who: &Person| {
            Request::get("/admin/audit")
                .header("cookie", format!("forja_session={}", who.session))
                .body(Body::empty())
                .unwrap()
        };
        assert_eq!(
            app.request(get(&editor)).await.status,
            StatusCode::FORBIDDEN
        );
        let page = app.request(get(&admin)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.body.contains("account created")
                && page.body.contains("signed in")
                && page.body.contains("editor@test.forja")
        );
        assert_eq!(page.header("cache-control"), "no-store");
        assert!(
            app.get("/admin/audit").await.status.is_redirection(),
            "anonymous visitors are sent to sign in"
        );
    })
    .await;
}

#[tokio::test]
async fn a_resita_editor_edits_the_profile_and_is_refused_on_galati() {
    each_backend(|app| async move {
        let editor = person(&app, "editor", Role::CityEditor, Some("resita"), None).await;
        let version = |slug: &'static str| {
            let store = app.store.clone();
            async move { store.city_by_slug(slug).await.unwrap().unwrap().version }
        };
        let v = version("resita").await;
        let body = format!(r#"{{"version": {v}, "languages": ["ro", "de"], "website": "https://www.primaria-resita.ro"}}"#);
        let ok = app.request(api("PATCH", "/api/v1/cities/resita", Some(&editor), &body)).await;
        assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
        assert_eq!(app.get("/api/v1/cities/resita").await.json()["languages"], serde_json::json!(["ro", "de"]), "the change shows at once");
        let g = version("galati").await;
        let refused = app.request(api("PATCH", "/api/v1/cities/galati", Some(&editor), &format!(r#"{{"version": {g}, "population": 1}}"#))).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let page = app
            .request(Request::get("/cities/galati/edit").header("cookie", format!("forja_session={}", editor.session)).body(Body::empty()).unwrap())
            .await;
        assert_eq!(page.status, StatusCode::FORBIDDEN);
        assert_eq!(version("galati").await, g, "nothing stored on Galați");
        let bad_body = format!(
            r#"{{"version": {}, "population": -3, "website": "javascript:alert(1)", "languages": "Romanian!", "name": {{"en": "", "ro": ""}}}}"#,
            v + 1
        );
        let bad = app.request(api("PATCH", "/api/v1/cities/resita", Some(&editor), &bad_body)).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        let fields: Vec<String> = bad.json()["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_owned()).collect();
        for f in ["population", "website", "languages", "name_en"] {
            assert!(fields.contains(&f.to_owned()), "{f} in {fields:?}");
        }
        let restore = app.request(crate::accounts::any_version(api("POST", "/api/v1/cities/resita/history/1/restore", Some(&editor), "{}"))).await;
        assert_eq!(restore.status, StatusCode::OK);
        assert_eq!(app.get("/api/v1/cities/resita").await.json()["languages"], serde_json::json!(["ro", "de", "hu", "rom"]), "the loaded profile is back");
        let history = app
            .request(Request::get("/cities/resita/history?from=1&to=2").header("cookie", format!("forja_session={}", editor.session)).body(Body::empty()).unwrap())
            .await;
        assert_eq!(history.status, StatusCode::OK);
        assert!(history.body.contains("<del>") && history.body.contains("Languages spoken"), "a readable diff of the profile");
        let edit_link = app
            .request(Request::get("/cities/resita").header("cookie", format!("forja_session={}", editor.session)).body(Body::empty()).unwrap())
            .await;
        assert!(edit_link.body.contains("href=\"/cities/resita/edit\""), "editors see the edit link");
        assert!(!app.get("/cities/resita").await.body.contains("/cities/resita/edit"), "visitors do not");
    })
    .await;
}

#[tokio::test]
async fn programmes_are_created_with_a_unique_address_and_a_first_revision() {
    each_backend(|app| async move {
        let editor = person(&app, "editor", Role::CityEditor, Some("resita"), None).await;
        let made = app.request(api("POST", "/api/v1/cities/resita/programmes", Some(&editor), r#"{"title": {"en": "Reading Cafés for Seniors", "ro": "Cafenele de lectură"}, "status": "planned", "summary": {"en": "Books and coffee."}}"#)).await;
        assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
        assert_eq!(made.header("location"), "/api/v1/cities/resita/programmes/reading-cafes-for-seniors", "slug folded from the title");
        assert_eq!(app.get("/cities/resita/programmes/reading-cafes-for-seniors").await.status, StatusCode::OK, "public at once");
        let again = app.request(api("POST", "/api/v1/cities/resita/programmes", Some(&editor), r#"{"title": {"en": "Reading cafés for seniors"}, "status": "planned"}"#)).await;
        assert_eq!(again.status, StatusCode::CONFLICT, "the same address twice: taken, not malformed");
        assert_eq!(again.json()["errors"][0]["field"], "slug");
        for reserved in ["new", "deleted"] {
            let r = app.request(api("POST", "/api/v1/cities/resita/programmes", Some(&editor), &format!(r#"{{"slug": "{reserved}", "title": {{"en": "X"}}, "status": "planned"}}"#))).await;
            assert_eq!(r.status, StatusCode::CONFLICT, "{reserved} is a page's address: taken");
        }
        let missing = app.request(api("POST", "/api/v1/cities/resita/programmes", Some(&editor), r#"{"status": "maybe"}"#)).await;
        let fields: Vec<String> = missing.json()["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_owned()).collect();
        assert!(fields.contains(&"title_en".to_owned()) && fields.contains(&"status".to_owned()), "{fields:?}");
        let html = app.request(form("/cities/resita/programmes/new", Some(&editor), "slug=bike-school&title_en=Bike+school&status=active&weight=1")).await;
        assert_eq!((html.status, html.header("location")), (StatusCode::SEE_OTHER, "/cities/resita/programmes/bike-school"));
        let history = app.request(api("GET", "/api/v1/cities/resita/programmes/bike-school/history", Some(&editor), "")).await.json();
        assert_eq!(history["revisions"][0]["op"], "create");
        assert_eq!(app.get("/api/v1/cities/resita/programmes").await.json()["total"], 15);
    })
    .await;
}

#[tokio::test]
async fn coordinators_manage_their_citys_people_within_limits() {
    each_backend(|app| async move {
        let coordinator = person(
            &app,
            "coordinator",
            Role::CityCoordinator,
            Some("resita"),
            None,
        )
        .await;
        let galati = person(
            &app,
            "galati-coordinator",
            Role::CityCoordinator,
            Some("galati"),
            None,
        )
        .await;
        let added = app
            .request(form(
                "/cities/resita/people",
                Some(&coordinator),
                "email=Maria%40Resita.test&name=Maria&role=city-editor",
            ))
            .await;
        assert_eq!(added.status, StatusCode::OK);
        assert!(
            added.body.contains("maria@resita.test") && added.body.contains("class=\"secret\""),
            "the password is shown once"
        );
        let maria = app
            .store
            .user_by_email("maria@resita.test")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (maria.role.as_str(), maria.city_id),
            ("city-editor", Some(city_id(&app, "resita").await))
        );
        let twice = app
            .request(form(
                "/cities/resita/people",
                Some(&coordinator),
                "email=maria%40resita.test&name=Maria&role=reader",
            ))
            .await;
        assert_eq!(
            twice.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "the email is taken"
        );
        let admin = app
            .request(form(
                "/cities/resita/people",
                Some(&coordinator),
                "email=boss%40resita.test&role=network-admin",
            ))
            .await;
        assert_eq!(
            admin.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "coordinators never make administrators"
        );
        let galati_org = app
            .store
            .organisations_of(city_id(&app, "galati").await)
            .await
            .unwrap();
        let resita_org = app
            .store
            .organisations_of(city_id(&app, "resita").await)
            .await
            .unwrap()[0]
            .id;
        let foreign = galati_org.first().map_or(999_999, |o| o.id);
        let partner = app
            .request(form(
                "/cities/resita/people",
                Some(&coordinator),
                &format!("email=p%40resita.test&role=partner-editor&organisation={foreign}"),
            ))
            .await;
        assert_eq!(
            partner.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "a partner of another city's organisation is refused"
        );
        let ok = app
            .request(form(
                "/cities/resita/people",
                Some(&coordinator),
                &format!("email=p%40resita.test&role=partner-editor&organisation={resita_org}"),
            ))
            .await;
        assert_eq!(ok.status, StatusCode::OK);
        let change = app
            .request(form(
                &format!("/cities/resita/people/{}/role", maria.id),
                Some(&coordinator),
                "role=reader",
            ))
            .await;
        assert!(change.status.is_redirection());
        assert_eq!(
            app.store.user_by_id(maria.id).await.unwrap().unwrap().role,
            "reader"
        );
        let other_city = app
            .request(form(
                &format!("/cities/galati/people/{}/role", maria.id),
                Some(&galati),
                "role=city-editor",
            ))
            .await;
        assert_eq!(
            other_city.status,
            StatusCode::NOT_FOUND,
            "Maria is not a person of Galați"
        );
        let refused = app
            .request(form(
                "/cities/resita/people",
                Some(&galati),
                "email=x%40y.test&role=reader",
            ))
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let events = app.store.audit_events(50).await.unwrap();
        assert!(
            events.iter().any(|e| e.event == "role-changed"),
            "role changes are audited"
        );
    })
    .await;
}

#[tokio::test]
async fn the_account_language_is_kept_and_used() {
    each_backend(|app| async move {
        let ana = person(&app, "ana", Role::CityEditor, Some("resita"), None).await;
        let saved = app
            .request(form("/account/language", Some(&ana), "language=ro"))
            .await;
        assert!(saved.status.is_redirection());
        assert!(saved.header("set-cookie").starts_with("lang=ro;"));
        // A new browser without the cookie, asking for English: the account's choice wins.
        let page = app
            .request(
                Request::get("/cities/resita")
                    .header("cookie", format!("forja_session={}", ana.session))
                    .header("accept-language", "en")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert!(page.body.contains(r#"<html lang="ro">"#));
        let bad = app
            .request(form("/account/language", Some(&ana), "language=xx"))
            .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    })
    .await;
}

#[tokio::test]
async fn a_stale_form_shows_both_versions_and_keeps_what_was_typed() {
    each_backend(|app| async move {
        let editor = person(&app, "editor", Role::CityEditor, Some("resita"), None).await;
        let stale = current_version(&app).await;
        // Someone else saves first.
        let first = app
            .request(api(
                "PATCH",
                "/api/v1/cities/resita/programmes/hala-minda",
                Some(&editor),
                &format!(r#"{{"version": {stale}, "title": {{"en": "Saved by someone else"}}}}"#),
            ))
            .await;
        assert_eq!(first.status, StatusCode::OK);
        let body = format!(
            "version={stale}&title_en=Typed+by+me&title_ro=Hala+Minda&status=active&weight=1"
        );
        let r = app
            .request(form(&format!("{PROGRAMME}/edit"), Some(&editor), &body))
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert!(
            r.body.contains("Saved by someone else") && r.body.contains("Typed by me"),
            "both versions side by side"
        );
        assert!(
            r.body
                .contains(&format!("name=\"version\" value=\"{}\"", stale + 1)),
            "the form is now based on the current version"
        );
        assert!(
            r.body.contains("value=\"Typed by me\""),
            "what was typed stays in the form"
        );
        let city_v = app
            .store
            .city_by_slug("resita")
            .await
            .unwrap()
            .unwrap()
            .version;
        let ok = app
            .request(api(
                "PATCH",
                "/api/v1/cities/resita",
                Some(&editor),
                &format!(r#"{{"version": {city_v}, "population": 81000}}"#),
            ))
            .await;
        assert_eq!(ok.status, StatusCode::OK);
        let city = app.store.city_by_slug("resita").await.unwrap().unwrap();
        let mut fields = forja_store::edit_city::city_fields(&city).to_input();
        fields.insert("population".into(), "80000".into());
        let city_body: String = fields
            .iter()
            .map(|(k, v)| format!("{k}={}&", urlencode(v)))
            .collect();
        let r = app
            .request(form(
                "/cities/resita/edit",
                Some(&editor),
                &format!("{city_body}version={city_v}"),
            ))
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "the city form too");
        assert!(
            r.body.contains("81,000") && r.body.contains("80,000"),
            "both figures, as the English interface writes them"
        );
    })
    .await;
}
