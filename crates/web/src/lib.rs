//! The HTTP face of Forja: server-rendered pages, the JSON API, health probes and static
//! assets, with the cross-cutting layers (security headers, request ids, compression,
//! body limits, caching, error rendering) assembled in [`router`].

pub mod api;
pub mod assets;
pub mod auth;
pub mod cache;
pub mod chart;
pub mod csrf;
pub mod data_text;
pub mod error;
pub mod export;
pub mod i18n;
pub mod locale;
pub mod mail;
pub mod markdown;
pub mod media;
pub mod middleware;
pub mod pages;
pub mod slugs;
pub mod state;
pub mod world;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderName, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use tower_http::LatencyUnit;
use tower_http::compression::CompressionLayer;
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::request_id::{PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};

pub use state::AppState;

/// Request bodies above this are refused with 413. Sized for the largest honest form: a
/// programme with both descriptions at their longest (20,000 characters each, which
/// percent-encoding of Romanian letters can triple) and its rows of parts.
pub const BODY_LIMIT: usize = 1024 * 1024;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Every route and layer. Layers listed later wrap the earlier ones.
/// Every route that changes state, in one table. The router is built from it and the
/// authorization matrix test (`tests/http/accounts.rs`) walks it, so a route cannot
/// be added without a rule for every role. Form routes are CSRF-checked; `/api/` routes
/// authenticate with Bearer tokens instead.
macro_rules! state_changing_routes {
    ($($method:ident $path:literal => $handler:path;)*) => {
        /// (method, path) of every state-changing route.
        pub const STATE_CHANGING_ROUTES: &[(&str, &str)] = &[$((stringify!($method), $path)),*];

        fn add_state_changing_routes(router: Router<Arc<AppState>>) -> Router<Arc<AppState>> {
            router $(.route($path, axum::routing::$method($handler)))*
        }
    };
}

state_changing_routes! {
    post "/login" => pages::account::login;
    post "/logout" => pages::account::logout;
    post "/account/password" => pages::account::change_password;
    post "/account/sessions/end" => pages::account::logout_everywhere;
    post "/account/tokens" => pages::account::create_token;
    post "/account/language" => pages::account::save_language;
    post "/account/tokens/{id}/revoke" => pages::account::revoke_token;
    post "/inbox/read" => pages::inbox::mark_read;
    post "/discussions/new" => pages::discussions::create;
    post "/discussions/{discussion}/posts" => pages::discussions::add_post;
    post "/discussions/{discussion}/posts/{post}/report" => pages::discussions::report;
    post "/discussions/{discussion}/posts/{post}/moderate" => pages::discussions::moderate;
    post "/discussions/{discussion}/close" => pages::discussions::close;
    post "/inbox/mail" => pages::inbox::set_mail;
    post "/unsubscribe/{token}" => pages::inbox::unsubscribe;
    post "/cities/{slug}/edit" => pages::editing::save_city;
    post "/cities/{slug}/people" => pages::people::add;
    post "/cities/{slug}/people/{id}/role" => pages::people::change_role;
    post "/cities/{slug}/programmes/new" => pages::editing::create_programme;
    post "/api/v1/cities/{slug}/programmes" => api::editing::create_programme;
    post "/cities/{slug}/history/{version}/restore" => pages::editing::restore_city;
    post "/cities/{slug}/programmes/{programme}/edit" => pages::editing::save;
    post "/cities/{slug}/programmes/{programme}/delete" => pages::editing::delete;
    post "/cities/{slug}/programmes/{programme}/undelete" => pages::editing::undelete;
    post "/cities/{slug}/programmes/{programme}/history/{version}/restore" => pages::editing::restore;
    patch "/api/v1/cities/{slug}" => api::editing::patch_city;
    post "/api/v1/cities/{slug}/history/{version}/restore" => api::editing::restore_city;
    patch "/api/v1/cities/{slug}/programmes/{programme}" => api::editing::patch_programme;
    delete "/api/v1/cities/{slug}/programmes/{programme}" => api::editing::delete_programme;
    post "/api/v1/cities/{slug}/programmes/{programme}/history/{version}/restore" => api::editing::restore_programme;
    post "/cities/{slug}/strategy/edit" => pages::editing::save_form_of::<pages::editing::StrategyForm>;
    post "/cities/{slug}/strategy/history/{version}/restore" => pages::editing::restore_strategy;
    post "/cities/{slug}/strategy/objectives/new" => pages::editing::create_of::<pages::editing::NewObjective>;
    post "/cities/{slug}/strategy/objectives/{code}/edit" => pages::editing::save_form_of::<pages::editing::ObjectiveForm>;
    post "/cities/{slug}/strategy/objectives/{code}/delete" => pages::editing::delete_objective;
    post "/cities/{slug}/strategy/objectives/{code}/history/{version}/restore" => pages::editing::restore_objective;
    post "/cities/{slug}/organisations/new" => pages::editing::create_of::<pages::editing::organisations::NewOrganisation>;
    post "/cities/{slug}/organisations/{org}/edit" => pages::editing::save_form_of::<pages::editing::organisations::OrganisationForm>;
    post "/cities/{slug}/organisations/{org}/delete" => pages::editing::organisations::delete;
    post "/cities/{slug}/organisations/{org}/history/{version}/restore" => pages::editing::restore_organisation;
    post "/admin/cities/new" => pages::editing::member_cities::create;
    post "/api/v1/cities" => api::member_cities::create;
    post "/api/v1/cities/{slug}/organisations" => api::organisations::create;
    patch "/api/v1/cities/{slug}/organisations/{org}" => api::organisations::patch;
    delete "/api/v1/cities/{slug}/organisations/{org}" => api::organisations::delete;
    post "/api/v1/cities/{slug}/organisations/{org}/history/{version}/restore" => api::organisations::restore;
    post "/framework/{code}/{node}/edit" => pages::editing::save_form_of::<pages::editing::FrameworkNodeForm>;
    post "/framework/{code}/{node}/history/{version}/restore" => pages::editing::restore_framework_node;
    post "/indicators/{code}/edit" => pages::editing::save_form_of::<pages::editing::indicators::IndicatorForm>;
    post "/indicators/{code}/history/{version}/restore" => pages::editing::restore_indicator;
    post "/programme-statuses/{code}/edit" => pages::editing::save_form_of::<pages::statuses::StatusForm>;
    post "/programme-statuses/{code}/history/{version}/restore" => pages::editing::restore_status;
    patch "/api/v1/frameworks/{code}/nodes/{node}" => api::strategy::patch_framework_node;
    post "/api/v1/frameworks/{code}/nodes/{node}/history/{version}/restore" => api::strategy::restore_framework_node;
    patch "/api/v1/cities/{slug}/strategy" => api::strategy::patch_strategy;
    post "/api/v1/cities/{slug}/strategy/history/{version}/restore" => api::strategy::restore_strategy;
    post "/api/v1/cities/{slug}/strategy/objectives" => api::strategy::create_objective;
    patch "/api/v1/cities/{slug}/strategy/objectives/{code}" => api::strategy::patch_objective;
    delete "/api/v1/cities/{slug}/strategy/objectives/{code}" => api::strategy::delete_objective;
    post "/api/v1/cities/{slug}/strategy/objectives/{code}/history/{version}/restore" => api::strategy::restore_objective;
    post "/cities/{slug}/stories" => pages::editing::stories::create;
    post "/cities/{slug}/stories/{story}/edit" => pages::editing::stories::save_settings;
    post "/cities/{slug}/stories/{story}/outline" => pages::editing::stories::outline;
    post "/cities/{slug}/stories/{story}/edit/{n}" => pages::editing::stories::save_page;
    post "/cities/{slug}/stories/{story}/edit/{n}/preview" => pages::editing::stories::preview;
    post "/cities/{slug}/stories/{story}/publish" => pages::editing::stories::publish;
    post "/cities/{slug}/stories/{story}/delete" => pages::editing::stories::delete;
    post "/cities/{slug}/stories/{story}/history/{version}/restore" => pages::editing::restore_story;
    post "/cities/{slug}/media" => pages::editing::media_library::upload;
    post "/cities/{slug}/monitoring/import" => pages::editing::data_import::check;
    post "/cities/{slug}/monitoring/{code}/edit" => pages::editing::data_entry::save;
    post "/cities/{slug}/monitoring/{code}/reporters" => pages::editing::data_entry::save_reporters;
    post "/cities/{slug}/monitoring/import/commit" => pages::editing::data_import::commit;
    post "/cities/{slug}/monitoring/imports/{id}/undo" => pages::editing::data_import::undo;
    post "/api/v1/cities/{slug}/imports" => api::monitoring::import;
    post "/api/v1/cities/{slug}/imports/{id}/undo" => api::monitoring::undo;
    patch "/api/v1/cities/{slug}/indicators/{code}/observations" => api::observations::write_observations;
    post "/cities/{slug}/media/{item}/retry" => pages::editing::media_library::retry;
    post "/cities/{slug}/media/{item}/focus" => pages::editing::media_library::focus;
    post "/cities/{slug}/programmes/{programme}/practice" => pages::editing::practices::from_programme;
    post "/practices/{practice}/edit" => pages::editing::save_form_of::<pages::editing::practices::PracticeForm>;
    post "/practices/{practice}/submit" => pages::editing::practices::submit;
    post "/practices/{practice}/review" => pages::editing::practices::review;
    post "/practices/{practice}/adoptions" => pages::editing::practices::adopt;
    post "/resources/new" => pages::editing::resources::create;
    post "/cities/{slug}/requests/new" => pages::editing::create_of::<pages::editing::requests::NewRequest>;
    post "/requests/{request}/replies" => pages::editing::requests::reply;
    post "/requests/{request}/close" => pages::editing::requests::close;
    post "/requests/{request}/edit" => pages::editing::save_form_of::<pages::editing::requests::RequestForm>;
    post "/resources/{resource}/edit" => pages::editing::save_form_of::<pages::editing::resources::ResourceForm>;
    post "/resources/{resource}/file" => pages::resources::upload_file;
    post "/resources/{resource}/delete" => pages::editing::resources::delete;
    post "/resources/{resource}/history/{version}/restore" => pages::editing::restore_resource;
    patch "/api/v1/practices/{practice}" => api::practices::patch;
    patch "/api/v1/resources/{resource}" => api::resources::patch;
}

/// Every route and layer. Layers listed later wrap the earlier ones.
pub fn router(state: Arc<AppState>) -> Router {
    let cache = || axum::middleware::from_fn_with_state(state.clone(), cache::cached);
    // Public pages and API reads, the same for everyone: served from the render cache.
    let cached = Router::new()
        .route("/", get(pages::home::page))
        .route("/cities", get(pages::cities::index))
        .route("/cities/{slug}", get(pages::cities::profile))
        .route("/cities/{slug}/strategy", get(pages::cities::strategy))
        .route("/cities/{slug}/peers", get(pages::peers::city_peers))
        .route("/cities/{slug}/programmes", get(pages::programmes::index))
        .route(
            "/cities/{slug}/programmes/{programme}",
            get(pages::programmes::detail),
        )
        .route("/cities/{slug}/stories/{story}", get(pages::stories::first))
        .route(
            "/cities/{slug}/stories/{story}/{page}",
            get(pages::stories::at),
        )
        .route(
            "/cities/{slug}/monitoring",
            get(pages::monitoring::overview),
        )
        .route(
            "/cities/{slug}/monitoring/{code}",
            get(pages::monitoring::indicator_or_download),
        )
        .route(
            "/cities/{slug}/monitoring/{code}/{file}",
            get(pages::monitoring::download),
        )
        .route("/programme-statuses", get(pages::statuses::list))
        .route("/programme-statuses/{code}", get(pages::statuses::one))
        .route("/indicators", get(pages::monitoring::catalogue))
        .route("/indicators/{code}", get(pages::monitoring::compare))
        .route("/framework", get(pages::frameworks::index))
        .route("/framework/{code}", get(pages::frameworks::tree))
        .route("/framework/{code}/{node}", get(pages::frameworks::node))
        .route("/framework/{code}/{node}/cities", get(pages::peers::who))
        .route("/practices", get(pages::practices::index))
        .route("/practices/{practice}", get(pages::practices::page))
        .route("/practices/export/{file}", get(pages::practices::export))
        .route("/resources", get(pages::resources::index))
        .route("/requests", get(pages::requests::index))
        .route("/requests/{request}", get(pages::requests::page))
        .route(
            "/cities/{slug}/requests",
            get(pages::editing::requests::city_list),
        )
        .route("/resources/{resource}", get(pages::resources::page))
        .route("/api/v1/practices", get(api::practices::list))
        .route("/api/v1/practices/export", get(api::practices::export))
        .route("/api/v1/resources", get(api::resources::list))
        .route("/api/v1/requests", get(api::requests::list))
        .route("/api/v1/requests/{request}", get(api::requests::one))
        .route("/api/v1/places", get(api::member_cities::search))
        .route("/api/v1/network", get(api::frameworks::network))
        .route("/api/v1/frameworks", get(api::frameworks::list))
        .route("/api/v1/frameworks/{code}", get(api::frameworks::tree))
        .route(
            "/api/v1/frameworks/{code}/nodes/{node}/cities",
            get(api::frameworks::who),
        )
        .route("/api/v1/cities/{slug}/peers", get(api::cities::peers))
        .route("/api/v1/openapi.json", get(api::openapi::document))
        .route("/api/v1/indicators", get(api::monitoring::indicators))
        .route(
            "/api/v1/cities/{slug}/indicators/{code}",
            get(api::monitoring::series),
        )
        .route(
            "/api/v1/cities/{slug}/observations",
            get(api::monitoring::observations),
        )
        .route_layer(cache());
    // Personal pages and reads: never cached.
    let personal = Router::new()
        // Search follows the database on its own and its questions are endless: not
        // worth keeping renderings of.
        .route("/search", get(pages::search::page))
        .route("/api/v1/search", get(api::search::search))
        .route("/login", get(pages::account::login_form))
        .route("/account", get(pages::account::account))
        .route("/inbox", get(pages::inbox::page))
        .route(
            "/resources/{resource}/file",
            get(pages::resources::download),
        )
        .route("/discussions", get(pages::discussions::index))
        .route("/discussions/new", get(pages::discussions::new_form))
        .route("/discussions/{discussion}", get(pages::discussions::page))
        .route(
            "/discussions/{discussion}/posts/{post}",
            get(pages::discussions::post_link),
        )
        .route("/unsubscribe/{token}", get(pages::inbox::confirm))
        .route("/dashboard", get(pages::dashboard::page))
        .route("/admin/audit", get(pages::admin::audit))
        .route(
            "/admin/cities/new",
            get(pages::editing::member_cities::form),
        )
        // The public list shares its address with the API write; only the list is cached.
        .route("/api/v1/cities", get(api::cities::list).layer(cache()))
        .route(
            "/cities/{slug}/programmes/deleted",
            get(pages::editing::deleted),
        )
        .route(
            "/practices/{practice}/edit",
            get(pages::editing::edit_form_of::<pages::editing::practices::PracticeForm>),
        )
        .route("/resources/new", get(pages::editing::resources::new_form))
        .route(
            "/requests/{request}/edit",
            get(pages::editing::edit_form_of::<pages::editing::requests::RequestForm>),
        )
        .route(
            "/cities/{slug}/requests/new",
            get(pages::editing::new_form_of::<pages::editing::requests::NewRequest>),
        )
        .route(
            "/resources/{resource}/history",
            get(pages::editing::resource_history),
        )
        .route(
            "/resources/{resource}/edit",
            get(pages::editing::edit_form_of::<pages::editing::resources::ResourceForm>),
        )
        .route("/cities/{slug}/edit", get(pages::editing::edit_city_form))
        .route("/cities/{slug}/people", get(pages::people::list))
        .route(
            "/cities/{slug}/monitoring/history",
            get(pages::editing::data_history::page),
        )
        .route(
            "/cities/{slug}/monitoring/import",
            get(pages::editing::data_import::form),
        )
        .route(
            "/cities/{slug}/monitoring/{code}/edit",
            get(pages::editing::data_entry::form),
        )
        .route(
            "/cities/{slug}/programmes/new",
            get(pages::editing::new_programme_form),
        )
        .route(
            "/api/v1/cities/{slug}/programmes",
            get(api::cities::programmes).layer(cache()),
        )
        .route("/cities/{slug}/history", get(pages::editing::city_history))
        .route("/cities/{slug}/stories", get(pages::editing::stories::list))
        .route(
            "/cities/{slug}/stories/{story}/edit",
            get(pages::editing::stories::edit),
        )
        .route(
            "/cities/{slug}/stories/{story}/edit/{n}",
            get(pages::editing::stories::page_form),
        )
        .route(
            "/cities/{slug}/stories/{story}/draft",
            get(pages::editing::stories::draft),
        )
        .route(
            "/cities/{slug}/stories/{story}/draft/{n}",
            get(pages::editing::stories::draft_at),
        )
        .route(
            "/cities/{slug}/stories/{story}/history",
            get(pages::editing::story_history),
        )
        .route(
            "/cities/{slug}/media",
            get(pages::editing::media_library::library),
        )
        .route(
            "/cities/{slug}/organisations",
            get(pages::editing::organisations::list),
        )
        .route(
            "/cities/{slug}/organisations/new",
            get(pages::editing::new_form_of::<pages::editing::organisations::NewOrganisation>),
        )
        .route(
            "/cities/{slug}/organisations/{org}",
            get(pages::editing::organisations::page),
        )
        .route(
            "/cities/{slug}/organisations/{org}/edit",
            get(pages::editing::edit_form_of::<pages::editing::organisations::OrganisationForm>),
        )
        .route(
            "/cities/{slug}/organisations/{org}/history",
            get(pages::editing::organisation_history),
        )
        .route(
            "/api/v1/cities/{slug}/organisations/{org}/history",
            get(api::organisations::history),
        )
        .route(
            "/framework/{code}/{node}/edit",
            get(pages::editing::edit_form_of::<pages::editing::FrameworkNodeForm>),
        )
        .route(
            "/framework/{code}/{node}/history",
            get(pages::editing::framework_node_history),
        )
        .route(
            "/indicators/{code}/edit",
            get(pages::editing::edit_form_of::<pages::editing::indicators::IndicatorForm>),
        )
        .route(
            "/indicators/{code}/history",
            get(pages::editing::indicator_history),
        )
        .route(
            "/programme-statuses/{code}/edit",
            get(pages::editing::edit_form_of::<pages::statuses::StatusForm>),
        )
        .route(
            "/programme-statuses/{code}/history",
            get(pages::editing::status_history),
        )
        .route(
            "/api/v1/frameworks/{code}/nodes/{node}/history",
            get(api::strategy::framework_node_history),
        )
        .route(
            "/cities/{slug}/strategy/edit",
            get(pages::editing::edit_form_of::<pages::editing::StrategyForm>),
        )
        .route(
            "/cities/{slug}/strategy/history",
            get(pages::editing::strategy_history),
        )
        .route(
            "/cities/{slug}/strategy/objectives/new",
            get(pages::editing::new_form_of::<pages::editing::NewObjective>),
        )
        .route(
            "/cities/{slug}/strategy/objectives/{code}",
            get(pages::editing::objective_page),
        )
        .route(
            "/cities/{slug}/strategy/objectives/{code}/edit",
            get(pages::editing::edit_form_of::<pages::editing::ObjectiveForm>),
        )
        .route(
            "/cities/{slug}/strategy/objectives/{code}/history",
            get(pages::editing::objective_history),
        )
        .route(
            "/api/v1/cities/{slug}",
            get(api::cities::profile).layer(cache()),
        )
        .route(
            "/cities/{slug}/programmes/{programme}/edit",
            get(pages::editing::edit_form),
        )
        .route(
            "/cities/{slug}/programmes/{programme}/history",
            get(pages::editing::history),
        )
        .route(
            "/api/v1/cities/{slug}/history",
            get(api::editing::city_history),
        )
        .route(
            "/api/v1/cities/{slug}/strategy",
            get(api::cities::strategy).layer(cache()),
        )
        .route(
            "/api/v1/cities/{slug}/stories",
            get(api::stories::list).layer(cache()),
        )
        .route(
            "/api/v1/cities/{slug}/stories/{story}",
            get(api::stories::story).layer(cache()),
        )
        .route("/api/v1/cities/{slug}/media", get(api::stories::library))
        .route(
            "/api/v1/cities/{slug}/strategy/history",
            get(api::strategy::strategy_history),
        )
        .route(
            "/api/v1/cities/{slug}/strategy/objectives/{code}/history",
            get(api::strategy::objective_history),
        )
        .route(
            "/api/v1/cities/{slug}/programmes/{programme}/history",
            get(api::editing::programme_history),
        )
        // The public reads of a programme, an organisation and an objective share their
        // addresses with the API writes; only the reads go through the cache.
        .route(
            "/api/v1/cities/{slug}/programmes/{programme}",
            get(api::cities::programme).layer(cache()),
        )
        .route(
            "/api/v1/cities/{slug}/organisations/{org}",
            get(api::cities::organisation).layer(cache()),
        )
        .route(
            "/api/v1/practices/{practice}",
            get(api::practices::one).layer(cache()),
        )
        .route(
            "/api/v1/resources/{resource}",
            get(api::resources::one).layer(cache()),
        )
        .route(
            "/api/v1/cities/{slug}/strategy/objectives/{code}",
            get(api::cities::objective).layer(cache()),
        );
    let writes = add_state_changing_routes(Router::new())
        .route_layer(axum::middleware::from_fn(csrf::check));

    Router::new()
        .merge(cached)
        .merge(personal.merge(writes))
        .route("/language/{code}", get(pages::language::switch))
        .route("/static/{file}", get(assets::serve))
        .route("/media/{item}/{*role}", get(media::serve))
        .route("/sitemap.xml", get(pages::stories::sitemap))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn(csrf::issue))
        .layer(axum::middleware::from_fn_with_state(state.clone(), cache::expire_after_writes))
        .layer(axum::middleware::from_fn(slugs::canonical))
        // axum's own 2 MiB extractor limit would cut uploads short: `limit_body` is the
        // one limit, per route.
        .layer(axum::extract::DefaultBodyLimit::disable())
        // Inside the failure renderer, so a 413 is a page or a problem like any failure.
        .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::limit_body))
        .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::render_failures))
        // Video, sound and pictures are compressed already: squeezing them again costs
        // time and would lose the byte ranges players seek with.
        .layer(CompressionLayer::new().compress_when(
            DefaultPredicate::new()
                .and(NotForContentType::const_new("video/"))
                .and(NotForContentType::const_new("audio/")),
        ))
        .layer(axum::middleware::from_fn(middleware::security_headers))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &axum::http::Request<_>| {
                    let id = request.headers().get(REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("-");
                    tracing::info_span!("request", id, method = %request.method(), path = %request.uri().path())
                })
                // One line per response at the default level: status and latency, inside
                // the span that carries the request id.
                .on_response(DefaultOnResponse::new().level(tracing::Level::INFO).latency_unit(LatencyUnit::Micros)),
        )
        .layer(SetRequestIdLayer::new(REQUEST_ID, middleware::CounterRequestId::default()))
        // Ids are ours: a client-sent one could forge or confuse log lines.
        .layer(axum::middleware::from_fn(middleware::strip_client_request_id))
        .with_state(state)
}

/// The process is up.
async fn healthz() -> &'static str {
    "ok"
}

/// The process can serve: the database answers.
async fn readyz(State(state): State<Arc<AppState>>) -> impl IntoResponse {
    match state.store.ping().await {
        Ok(()) => (StatusCode::OK, "ready"),
        Err(e) => {
            tracing::warn!(error = ?e, "database not ready");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}

/// Serves until `shutdown` completes, then lets requests in flight finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: Arc<AppState>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = router(state);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

/// A future that completes on SIGTERM or Ctrl-C. The handlers are registered when this
/// is called, not when it is first polled, so a signal that arrives right after start-up
/// still shuts down gracefully instead of killing the process.
pub fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()> + Send + 'static>
{
    #[cfg(unix)]
    let mut terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
    #[cfg(unix)]
    let mut interrupt = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt())?;
    Ok(async move {
        #[cfg(unix)]
        tokio::select! {
            _ = terminate.recv() => {},
            _ = interrupt.recv() => {},
        }
        #[cfg(not(unix))]
        let _ = tokio::signal::ctrl_c().await;
        tracing::info!("shutting down; finishing requests in flight");
    })
}
