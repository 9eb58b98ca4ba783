//! HTTP integration tests: every page and endpoint, on SQLite and on PostgreSQL.
//!
//! PostgreSQL runs when `FORJA_TEST_POSTGRES_URL` names a server (the test script starts
//! a throwaway one). Under `CI=true` a missing server fails the run instead of silently
//! testing one database only.

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response, StatusCode, header};
use forja_services::{Store, catalogue};
use forja_store::backend::scratch;
use http_body_util::BodyExt;
use tower::ServiceExt;

mod accounts;
mod dashboard;
mod discussions;
mod inert_text;
mod interface_strings;
mod member_cities;
mod monitoring;
mod notices;
mod organisations;
mod peers;
mod practices;
mod programme_parts;
mod requests;
mod resources;
mod restore_and_delete_rules;
mod search;
mod signed_in_pages;
mod stories;
mod story_editing;
mod strategy_editing;
mod trusted_data;

/// A running application over a fresh database with the demo network.
pub(crate) struct TestApp {
    router: Router,
    store: Store,
    /// The app's media library (in memory), for tests that import media.
    media: forja_services::media::Library,
    backend: &'static str,
}

impl TestApp {
    async fn new(url: forja_store::DatabaseUrl) -> Self {
        let store = Store::open(&url).await.expect("open store");
        catalogue::load_builtin_frameworks(&store)
            .await
            .expect("frameworks");
        catalogue::load_demo(&store).await.expect("demo");
        let backend = store.backend_name();
        let media = forja_services::media::Library::in_memory();
        let state = forja_web::AppState::with_media(store.clone(), media.clone());
        let router = forja_web::router(Arc::new(state));
        Self {
            router,
            store,
            media,
            backend,
        }
    }

    /// The same application with another media upload limit.
    pub(crate) fn with_upload_limit(mut self, limit: usize) -> Self {
        let mut state = forja_web::AppState::with_media(self.store.clone(), self.media.clone());
        state.upload_limit = limit;
        self.router = forja_web::router(Arc::new(state));
        self
    }

    pub(crate) async fn request(&self, request: Request<Body>) -> TestResponse {
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("infallible");
        TestResponse::read(response).await
    }

    pub(crate) async fn get(&self, uri: &str) -> TestResponse {
        self.request(Request::get(uri).body(Body::empty()).unwrap())
            .await
    }

    pub(crate) async fn get_with(&self, uri: &str, name: &str, value: &str) -> TestResponse {
        self.request(
            Request::get(uri)
                .header(name, value)
                .body(Body::empty())
                .unwrap(),
        )
        .await
    }
}

pub(crate) struct TestResponse {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
    /// The body as sent (a workbook is not text).
    bytes: Vec<u8>,
}

impl TestResponse {
    async fn read(response: Response<Body>) -> Self {
        let (parts, body) = response.into_parts();
        let bytes = body.collect().await.expect("body").to_bytes();
        Self {
            status: parts.status,
            headers: parts.headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes: bytes.to_vec(),
        }
    }

    pub(crate) fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    pub(crate) fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// Runs a test body against every configured database.
pub(crate) async fn each_backend<F, Fut>(test: F)
where
    F: Fn(TestApp) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    test(TestApp::new(scratch::sqlite()).await).await;
    match std::env::var("FORJA_TEST_POSTGRES_URL") {
        Ok(admin) if !admin.is_empty() => {
            let url = scratch::postgres(&admin)
                .await
                .expect("create scratch PostgreSQL database");
            test(TestApp::new(url).await).await;
        }
        _ if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!(
                "CI=true but FORJA_TEST_POSTGRES_URL is not set: PostgreSQL tests cannot be skipped in CI"
            )
        }
        _ => eprintln!(
            "FORJA_TEST_POSTGRES_URL not set: PostgreSQL tests skipped (run ./scripts/test.sh)"
        ),
    }
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[tokio::test]
async fn home_shows_the_map_the_cities_and_key_figures() {
    each_backend(|app| async move {
        let r = app.get("/").await;
        assert_eq!(r.status, StatusCode::OK, "{}", app.backend);
        assert!(r.header("content-type").starts_with("text/html"));
        assert!(r.body.contains(r#"<html lang="en">"#));
        assert!(
            r.body.contains(r#"role="img""#)
                && r.body.contains("aria-labelledby=\"map-title map-desc\"")
        );
        // Every placed member is on the map: a dot of its own, or counted in a disc
        // where cities are too close to tell apart.
        let clustered: usize = r
            .body
            .split("data-cities=\"")
            .skip(1)
            .map(|rest| rest[..rest.find('"').unwrap()].parse::<usize>().unwrap())
            .sum();
        assert_eq!(count(&r.body, "data-city=") + clustered, 188);
        assert!(clustered > 0 && count(&r.body, "data-city=") > 20);
        assert!(count(&r.body, "<path class=\"country") > 150);
        assert!(
            r.body.contains(r#"<path class="country member""#),
            "member countries are shaded"
        );
        for slug in ["resita", "galati", "cugir"] {
            assert!(
                r.body.contains(&format!("href=\"/cities/{slug}\"")),
                "{slug} listed as describing itself"
            );
        }
        assert!(
            r.body.contains("<dd>13</dd>") && r.body.contains("<dd>221</dd>"),
            "13 programmes and 221 members in the key figures"
        );
        assert!(
            r.body.contains("This list is partial")
                && r.body
                    .contains("425 member cities in 91 countries in December 2025"),
            "the roster says it is partial, with the network's own count"
        );
        assert!(r.body.contains("href=\"/cities?region=africa\""));
        assert!(r.body.contains("33 members are not on the map"));
        assert!(
            r.body.contains(r##"class="skip-link" href="#main""##)
                && r.body.contains(r#"<main id="main""#)
        );
        assert_eq!(count(&r.body, "<h1"), 1);
    })
    .await;
}

#[tokio::test]
async fn language_comes_from_cookie_then_accept_language_and_garbage_means_english() {
    each_backend(|app| async move {
        let ro = app.get_with("/", "accept-language", "ro-RO,ro;q=0.9").await;
        assert!(ro.body.contains(r#"<html lang="ro">"#) && ro.body.contains("Orașe membre"));
        let garbage = app.get_with("/", "accept-language", "!!!;q=abc,,,;;").await;
        assert_eq!(garbage.status, StatusCode::OK);
        assert!(garbage.body.contains(r#"<html lang="en">"#));
        let cookie = app
            .request(
                Request::get("/")
                    .header("accept-language", "en")
                    .header("cookie", "lang=ro")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert!(
            cookie.body.contains(r#"<html lang="ro">"#),
            "the cookie wins over the header"
        );
        assert!(cookie.header("vary").contains("Cookie"));
    })
    .await;
}

#[tokio::test]
async fn numbers_and_dates_follow_the_language() {
    each_backend(|app| async move {
        let en = app
            .get_with("/cities/resita", "accept-language", "en")
            .await;
        assert!(en.body.contains("81,228"), "English grouping");
        assert!(en.body.contains("2 Sep 2022"));
        let ro = app
            .get_with("/cities/resita", "accept-language", "ro")
            .await;
        assert!(ro.body.contains("81.228"), "Romanian grouping");
        assert!(ro.body.contains("02.09.2022"));
    })
    .await;
}

#[tokio::test]
async fn language_switch_sets_a_cookie_and_only_returns_to_this_site() {
    each_backend(|app| async move {
        let r = app.get("/language/ro?next=/cities/resita").await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(r.header("location"), "/cities/resita");
        assert!(
            r.header("set-cookie").starts_with("lang=ro;")
                && r.header("set-cookie").contains("SameSite=Lax")
        );
        for evil in [
            "//evil.example/",
            "/%09/evil.example",
            "/%5Cevil.example",
            "https://evil.example",
        ] {
            let r = app.get(&format!("/language/en?next={evil}")).await;
            assert_eq!(r.header("location"), "/", "open redirect through {evil}");
        }
        let twice = app.get("/language/en?next=/a&next=/b").await;
        assert_eq!(
            twice.status,
            StatusCode::SEE_OTHER,
            "a repeated parameter is not a crash"
        );
        let bad = app.get("/language/xx").await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert!(
            bad.body.contains("language") && bad.body.contains("en, ro"),
            "names the parameter and what is allowed"
        );
    })
    .await;
}

#[tokio::test]
async fn city_directory_filters_and_refuses_malformed_filters() {
    // A placed member's row links to its page; a member without a place is a row of
    // its own with the reason.
    let rows = |body: &str| {
        (
            count(body, "<tr><th scope=\"row\"><a href=\"/cities/"),
            count(body, "<tr><th scope=\"row\">") - count(body, "<tr><th scope=\"row\"><a href"),
        )
    };
    each_backend(|app| async move {
        let all = app.get("/cities").await;
        assert_eq!(rows(&all.body), (188, 33));
        assert!(all.body.contains("221 cities.") && all.body.contains("This list is partial"));
        assert!(
            all.body.contains("<th scope=\"row\">L&#x27;Alcora</th>")
                || all.body.contains("<th scope=\"row\">L&#39;Alcora</th>"),
            "a town under 15,000 people is listed, not placed"
        );
        assert!(
            all.body.contains("2 places of that name"),
            "San Justo is not guessed"
        );
        let ro = app.get("/cities?country=ro").await;
        assert_eq!(rows(&ro.body), (3, 0), "country codes are case-insensitive");
        let de = app.get("/cities?country=DE").await;
        assert_eq!((de.status, rows(&de.body)), (StatusCode::OK, (4, 0)));
        let is = app.get("/cities?country=IS").await;
        assert_eq!((is.status, rows(&is.body)), (StatusCode::OK, (0, 0)));
        assert!(is.body.contains("No member city matches"));
        let first = app.get("/cities?year=2015").await;
        assert_eq!(rows(&first.body), (4, 0), "Amman, Hangzhou, Larissa, Cork");
        let africa = app.get("/cities?region=africa&year=2024").await;
        let (placed, unplaced) = rows(&africa.body);
        assert!(placed > 0 && unplaced > 0, "{placed} {unplaced}");
        assert!(africa.body.contains("<option value=\"africa\" selected>"));
        let cluster = app.get("/cities?cluster=entrepreneurship").await;
        assert_eq!(
            rows(&cluster.body),
            (1, 0),
            "members without a place have no cluster"
        );
        let empty = app.get("/cities?country=&cluster=&region=&year=").await;
        assert_eq!(rows(&empty.body), (188, 33), "empty values mean any");
        for (uri, parameter) in [
            ("/cities?country=Romania", "“country”"),
            ("/cities?region=europe", "“region”"),
            ("/cities?year=1066", "“year”"),
            ("/cities?year=%3Cscript%3E", "“year”"),
        ] {
            let bad = app.get(uri).await;
            assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{uri}");
            assert!(bad.body.contains(parameter), "{uri} names the parameter");
        }
        let bad_cluster = app
            .get_with("/cities?cluster=nope", "accept-language", "ro")
            .await;
        assert_eq!(bad_cluster.status, StatusCode::BAD_REQUEST);
        assert!(
            bad_cluster.body.contains("„cluster”") && bad_cluster.body.contains("literacy"),
            "in Romanian, with allowed values"
        );
    })
    .await;
}

#[tokio::test]
async fn city_profile_shows_history_figures_and_sample_labels() {
    each_backend(|app| async move {
        let r = app.get("/cities/resita").await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains("<h1>Reșița</h1>"));
        assert!(
            r.body.contains("1771") && r.body.contains("1880"),
            "history carries the seed's dates"
        );
        assert!(
            r.body.contains("href=\"/cities/resita/programmes\"")
                && r.body.contains("href=\"/cities/resita/strategy\"")
        );
        assert!(
            r.body.contains("class=\"badge sample\""),
            "illustrative ratings are labelled"
        );
        assert!(
            !r.body.contains("has not described itself"),
            "Reșița describes itself"
        );
        assert!(r.body.contains("href=\"/cities?region=europe-north-america\""));
        // A member known only from the roster: its facts and their sources, no more.
        let larissa = app.get("/cities/larissa").await;
        assert_eq!(larissa.status, StatusCode::OK);
        assert!(larissa.body.contains("This city has not described itself yet"));
        assert!(larissa.body.contains("member since 2015"));
        assert!(larissa.body.contains(
            "href=\"https://uil.unesco.org/lifelong-learning/learning-cities/greece-larissa-joins-unesco-global-network-learning-cities\""
        ));
        assert!(larissa.body.contains("146,926") && larissa.body.contains("GeoNames"));
        let district = app.get("/cities/maroua-1er").await;
        assert!(
            !district.body.contains("Population"),
            "a district placed at its town does not take the town's population"
        );
        let ro = app.get_with("/cities/eskisehir", "accept-language", "ro").await;
        assert!(
            ro.body.contains("<h1>Eskişehir</h1>") && ro.body.contains("Acest oraș nu s-a prezentat încă"),
            "a Turkish name keeps its letters"
        );
        let galati = app.get("/cities/galati").await;
        assert_eq!(galati.status, StatusCode::OK);
        assert!(
            !galati.body.contains("href=\"/cities/galati/strategy\""),
            "no strategy, no link"
        );
    })
    .await;
}

#[tokio::test]
async fn slugs_fold_diacritics_comma_below_and_cedilla_alike() {
    each_backend(|app| async move {
        for uri in [
            "/cities/Re%C5%9Fi%C5%A3a",
            "/cities/re%C8%99i%C8%9Ba",
            "/cities/RESITA",
        ] {
            let r = app.get(uri).await;
            assert_eq!(r.status, StatusCode::PERMANENT_REDIRECT, "{uri}");
            assert_eq!(r.header("location"), "/cities/resita", "{uri}");
        }
        let deep = app.get("/cities/Re%C5%9Fi%C5%A3a/programmes?x=1").await;
        assert_eq!(deep.header("location"), "/cities/resita/programmes?x=1");
        let api = app.get("/api/v1/cities/Re%C5%9Fi%C5%A3a").await;
        assert_eq!(api.header("location"), "/api/v1/cities/resita");
    })
    .await;
}

#[tokio::test]
async fn unknown_addresses_get_a_localized_404_page_with_a_way_back() {
    each_backend(|app| async move {
        for uri in [
            "/cities/nowhere",
            "/cities/resita/programmes/nothing",
            "/no/such/page",
            "/framework/nope",
            "/framework/kflc/9.9",
        ] {
            let r = app.get_with(uri, "accept-language", "ro").await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{uri}");
            assert!(
                r.body.contains("Pagina nu a fost găsită"),
                "{uri}: in the visitor's language"
            );
            assert!(r.body.contains("href=\"/\""), "{uri}: a way back");
        }
        let no_strategy = app.get("/cities/cugir/strategy").await;
        assert_eq!(no_strategy.status, StatusCode::NOT_FOUND);
    })
    .await;
}

#[tokio::test]
async fn strategy_links_objectives_to_kflc_guidelines_and_sdgs() {
    each_backend(|app| async move {
        let r = app.get("/cities/resita/strategy").await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains("class=\"objective\""));
        for fw in ["kflc", "guidelines", "sdg"] {
            assert!(
                r.body.contains(&format!("href=\"/framework/{fw}/")),
                "links into {fw}"
            );
        }
        assert!(
            r.body.contains(".RES."),
            "local targets coded under SDG targets"
        );
        let api = app.get("/api/v1/cities/resita/strategy").await.json();
        let sdg_goals: std::collections::BTreeSet<String> = api["objectives"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|o| o["links"].as_array().unwrap().iter())
            .filter(|n| n["framework"] == "sdg")
            .map(|n| {
                n["code"]
                    .as_str()
                    .unwrap()
                    .split('.')
                    .next()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        for goal in ["4", "8", "10", "11", "17"] {
            assert!(
                sdg_goals.contains(goal),
                "the strategy addresses SDG {goal}: {sdg_goals:?}"
            );
        }
    })
    .await;
}

#[tokio::test]
async fn programme_progress_rolls_up_as_the_weighted_average_of_children() {
    each_backend(|app| async move {
        let list = app.get("/api/v1/cities/resita/programmes").await.json();
        let items = list["items"].as_array().unwrap();
        assert_eq!(list["total"], 13);
        let parents: Vec<&serde_json::Value> = items
            .iter()
            .filter(|p| p["progress"]["source"] == "children")
            .collect();
        assert!(!parents.is_empty(), "the demo has parent programmes");
        for parent in parents {
            let children: Vec<&serde_json::Value> = items
                .iter()
                .filter(|c| c["parent"] == parent["slug"])
                .collect();
            let (mut sum, mut weights) = (0.0, 0.0);
            for c in &children {
                if let Some(p) = c["progress"]["percent"].as_f64() {
                    let w = c["weight"].as_f64().unwrap();
                    sum += p * w;
                    weights += w;
                }
            }
            let expected = sum / weights;
            let got = parent["progress"]["percent"].as_f64().unwrap();
            assert!(
                (got - expected).abs() < 1e-9,
                "{}: {got} vs {expected}",
                parent["slug"]
            );
        }
        let page = app.get("/cities/resita/programmes").await;
        assert_eq!(count(&page.body, "class=\"programme depth-"), 13);
        assert!(page.body.contains("<progress"));
    })
    .await;
}

#[tokio::test]
async fn programme_page_shows_partners_outputs_milestones_funding_and_groups() {
    each_backend(|app| async move {
        let list = app
            .get("/api/v1/cities/resita/programmes?per_page=100")
            .await
            .json();
        let with_output = list["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["slug"].as_str().unwrap().to_owned())
            .find(|slug| slug.contains("tourism"))
            .expect("the local-tourism programme exists");
        let detail = app
            .get(&format!("/api/v1/cities/resita/programmes/{with_output}"))
            .await
            .json();
        let outputs = detail["outputs"].as_array().unwrap();
        let fifteen = outputs
            .iter()
            .find(|o| o["reported"] == 15.0)
            .expect("15 young entrepreneurs reported");
        assert_eq!(
            fifteen["sample"], false,
            "a real figure is not labelled sample"
        );
        let html = app
            .get(&format!("/cities/resita/programmes/{with_output}"))
            .await;
        assert_eq!(html.status, StatusCode::OK);
        assert!(html.body.contains("<strong>15</strong>"));
        let hala = app.get("/cities/resita/programmes/hala-minda").await;
        assert_eq!(hala.status, StatusCode::OK, "Hala Minda has its own page");
        for section in ["partners-heading", "milestones-heading"] {
            assert!(hala.body.contains(section), "{section}");
        }
        assert!(hala.body.contains("/framework/target-groups/"));
    })
    .await;
}

#[tokio::test]
async fn framework_pages_show_trees_and_who_addresses_each_node() {
    each_backend(|app| async move {
        let index = app.get("/framework").await;
        assert_eq!(
            count(&index.body, "class=\"card\""),
            4,
            "KFLC, Guidelines, SDGs, clusters"
        );
        let kflc = app.get("/framework/kflc").await;
        assert_eq!(count(&kflc.body, "kind-feature"), 42);
        assert_eq!(count(&kflc.body, "kind-area"), 12);
        assert!(
            kflc.body.contains("class=\"notice\""),
            "the draft note is shown"
        );
        let sdg4 = app.get("/framework/sdg/4").await;
        assert!(
            sdg4.body
                .contains("href=\"/cities/resita/strategy#objective-"),
            "Reșița's objectives under SDG 4"
        );
        let tree = app.get("/api/v1/frameworks/kflc").await.json();
        assert_eq!(tree["draft"], true);
        assert_eq!(tree["nodes"].as_array().unwrap().len(), 57);
        let groups = app.get("/framework/target-groups/roma").await;
        assert!(
            groups.body.contains("/cities/resita/programmes/"),
            "programmes reach target groups directly"
        );
    })
    .await;
}

#[tokio::test]
async fn api_lists_are_paginated_with_links_and_bad_parameters_are_problems() {
    each_backend(|app| async move {
        let r = app.get("/api/v1/cities?per_page=2").await;
        assert_eq!(r.status, StatusCode::OK);
        let page = r.json();
        assert_eq!(
            (
                page["items"].as_array().unwrap().len(),
                page["total"].as_u64()
            ),
            (2, Some(188))
        );
        assert!(
            r.header("link")
                .contains("page=2&per_page=2>; rel=\"next\"")
        );
        let second = app.get("/api/v1/cities?per_page=100&page=2").await.json();
        assert_eq!(second["items"].as_array().unwrap().len(), 88);
        let filtered = app
            .get("/api/v1/cities?region=europe-north-america&year=2022&per_page=1")
            .await;
        assert!(
            filtered.header("link").contains(
                "/api/v1/cities?region=europe-north-america&year=2022&page=2&per_page=1>"
            ),
            "the filter travels in the links"
        );
        assert!(filtered.json()["items"][0]["region"] == "europe-north-america");
        for (uri, parameter) in [
            ("/api/v1/cities?page=0", "page"),
            ("/api/v1/cities?per_page=1000", "per_page"),
            ("/api/v1/cities?page=abc", "page"),
            ("/api/v1/cities?country=12", "country"),
            ("/api/v1/cities?region=mars", "region"),
            ("/api/v1/cities?year=99", "year"),
            ("/api/v1/cities/resita/programmes?per_page=-1", "per_page"),
        ] {
            let bad = app.get(uri).await;
            assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{uri}");
            assert_eq!(
                bad.header("content-type"),
                "application/problem+json",
                "{uri}"
            );
            let problem = bad.json();
            assert_eq!(problem["parameter"], parameter, "{uri}");
            assert_eq!(problem["status"], 400);
        }
        let missing = app.get("/api/v1/cities/nowhere").await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert_eq!(missing.header("content-type"), "application/problem+json");
        assert_eq!(missing.json()["type"], "/api/v1/problems/not-found");
        let unknown = app.get("/api/v1/nothing").await;
        assert_eq!(unknown.header("content-type"), "application/problem+json");
    })
    .await;
}

#[tokio::test]
async fn api_city_carries_every_language() {
    each_backend(|app| async move {
        let city = app.get("/api/v1/cities/resita").await.json();
        assert_eq!(city["slug"], "resita");
        assert_eq!(city["country"], "RO");
        assert_eq!(city["population"], 81228);
        assert_eq!(city["name"]["ro"], "Reșița");
        assert!(city["history"]["en"].as_str().unwrap().contains("1771"));
        assert!(city["history"]["ro"].as_str().unwrap().contains("1771"));
        let frameworks = app.get("/api/v1/frameworks").await.json();
        assert_eq!(frameworks["items"].as_array().unwrap().len(), 4);
        let network = app.get("/api/v1/network").await.json();
        assert_eq!(network["figures"]["cities"], 221);
        assert_eq!(network["cities"].as_array().unwrap().len(), 188);
        assert_eq!(network["unplaced"].as_array().unwrap().len(), 33);
        assert_eq!(network["announced"]["cities"], 425);
    })
    .await;
}

#[tokio::test]
async fn get_responses_carry_etags_and_answer_if_none_match() {
    each_backend(|app| async move {
        for uri in ["/api/v1/cities/resita", "/cities/resita"] {
            let first = app.get(uri).await;
            let etag = first.header("etag").to_owned();
            assert_eq!(
                first.header("cache-control"),
                "no-cache",
                "{uri}: revalidate, then 304"
            );
            if uri.starts_with("/api/") {
                // An editable representation: a strong tag that names its version.
                let version = first.json()["version"].as_i64().unwrap();
                assert!(etag.starts_with(&format!("\"{version}-")), "{uri}: {etag}");
            } else {
                assert!(etag.starts_with("W/\"") && etag.len() > 10, "{uri}: {etag}");
            }
            let again = app.get_with(uri, "if-none-match", &etag).await;
            assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{uri}");
            assert!(again.body.is_empty());
            assert_eq!(
                again.header("cache-control"),
                "no-cache",
                "{uri}: a 304 repeats the caching headers"
            );
            let head = app
                .request(Request::head(uri).body(Body::empty()).unwrap())
                .await;
            assert_eq!(
                (head.status, head.header("etag")),
                (StatusCode::OK, etag.as_str()),
                "{uri}: HEAD from the cache"
            );
            assert!(head.body.is_empty());
            let other = app.get_with(uri, "if-none-match", "\"stale\"").await;
            assert_eq!(other.status, StatusCode::OK);
        }
        let en = app
            .get_with("/cities/resita", "accept-language", "en")
            .await;
        let ro = app
            .get_with("/cities/resita", "accept-language", "ro")
            .await;
        assert_ne!(
            en.header("etag"),
            ro.header("etag"),
            "each language is its own representation"
        );
    })
    .await;
}

#[tokio::test]
async fn openapi_describes_every_endpoint() {
    each_backend(|app| async move {
        let doc = app.get("/api/v1/openapi.json").await.json();
        assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
        for path in [
            "/api/v1/cities",
            "/api/v1/cities/{slug}",
            "/api/v1/cities/{slug}/strategy",
            "/api/v1/cities/{slug}/programmes",
            "/api/v1/cities/{slug}/programmes/{programme}",
            "/api/v1/frameworks",
            "/api/v1/frameworks/{code}",
        ] {
            assert!(doc["paths"][path]["get"].is_object(), "{path} documented");
        }
        for (method, path) in forja_web::STATE_CHANGING_ROUTES {
            if path.starts_with("/api/") {
                assert!(
                    doc["paths"][path][method].is_object(),
                    "{method} {path} documented"
                );
            }
        }
        // Every operationId is unique (handlers of different modules share names).
        let mut ids = std::collections::HashSet::new();
        for (path, item) in doc["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                if let Some(id) = op["operationId"].as_str() {
                    assert!(ids.insert(id.to_owned()), "{method} {path}: {id} twice");
                }
            }
        }
        assert!(ids.contains("patch_resources") && ids.contains("patch_practices"));
    })
    .await;
}

#[tokio::test]
async fn oversized_bodies_are_refused_with_413() {
    each_backend(|app| async move {
        let big = "x".repeat(forja_web::BODY_LIMIT + 1);
        for uri in ["/cities", "/api/v1/cities"] {
            let r = app
                .request(
                    Request::post(uri)
                        .header(header::CONTENT_LENGTH, big.len())
                        .body(Body::from(big.clone()))
                        .unwrap(),
                )
                .await;
            assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{uri}");
            let expected = if uri.starts_with("/api/") {
                "application/problem+json"
            } else {
                "text/html; charset=utf-8"
            };
            assert_eq!(
                r.header("content-type"),
                expected,
                "{uri}: a 413 is a page or a problem like any failure"
            );
        }
    })
    .await;
}

#[tokio::test]
async fn every_response_has_security_headers_and_assets_are_fingerprinted() {
    each_backend(|app| async move {
        let home = app.get("/").await;
        let csp = home.header("content-security-policy");
        assert!(
            csp.contains("script-src 'self'")
                && csp.contains("frame-ancestors 'none'")
                && !csp.contains("unsafe-inline")
        );
        assert_eq!(home.header("x-content-type-options"), "nosniff");
        assert!(!home.header("x-request-id").is_empty());
        let css = home
            .body
            .split("href=\"/static/forja.")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap();
        let asset = app.get(&format!("/static/forja.{css}")).await;
        assert_eq!(asset.status, StatusCode::OK);
        assert!(asset.header("cache-control").contains("immutable"));
        assert_eq!(
            app.get("/static/forja.0000000000.css").await.status,
            StatusCode::NOT_FOUND
        );
        assert!(
            !home.body.contains("<script") && !home.body.contains(" style=\""),
            "no inline script or style"
        );
    })
    .await;
}

#[tokio::test]
async fn health_and_readiness() {
    each_backend(|app| async move {
        assert_eq!(app.get("/healthz").await.status, StatusCode::OK);
        assert_eq!(app.get("/readyz").await.status, StatusCode::OK);
    })
    .await;
}

#[tokio::test]
async fn demo_never_touches_a_database_that_holds_data() {
    each_backend(|app| async move {
        let before = app.store.programme_count().await.unwrap();
        let again = catalogue::load_demo(&app.store).await.unwrap();
        assert_eq!(again, forja_store::import::DemoImport::SkippedNotEmpty);
        assert_eq!(app.store.programme_count().await.unwrap(), before);
        // Reloading frameworks of the same version writes nothing.
        assert_eq!(
            catalogue::load_builtin_frameworks(&app.store)
                .await
                .unwrap(),
            0
        );
    })
    .await;
}

#[tokio::test]
async fn every_route_answers_bad_input_with_a_clear_status_and_format() {
    each_backend(|app| async move {
        // (uri, expected status); pages answer in HTML, the API with problem+json.
        let cases = [
            ("/cities?country=1", StatusCode::BAD_REQUEST),
            ("/cities?cluster=%00", StatusCode::BAD_REQUEST),
            ("/cities/nowhere", StatusCode::NOT_FOUND),
            ("/cities/nowhere/strategy", StatusCode::NOT_FOUND),
            ("/cities/nowhere/programmes", StatusCode::NOT_FOUND),
            ("/cities/resita/programmes/nope", StatusCode::NOT_FOUND),
            ("/framework/nope", StatusCode::NOT_FOUND),
            ("/framework/kflc/nope", StatusCode::NOT_FOUND),
            ("/language/zz", StatusCode::BAD_REQUEST),
            ("/static/nope.css", StatusCode::NOT_FOUND),
            ("/api/v1/cities?per_page=0", StatusCode::BAD_REQUEST),
            ("/api/v1/cities?cluster=nope", StatusCode::BAD_REQUEST),
            ("/api/v1/cities/nowhere", StatusCode::NOT_FOUND),
            ("/api/v1/cities/nowhere/strategy", StatusCode::NOT_FOUND),
            (
                "/api/v1/cities/resita/programmes?page=x",
                StatusCode::BAD_REQUEST,
            ),
            ("/api/v1/cities/nowhere/programmes", StatusCode::NOT_FOUND),
            (
                "/api/v1/cities/resita/programmes/nope",
                StatusCode::NOT_FOUND,
            ),
            ("/api/v1/frameworks/nope", StatusCode::NOT_FOUND),
        ];
        for (uri, status) in cases {
            let r = app.get(uri).await;
            assert_eq!(r.status, status, "{uri}");
            let expected_type = if uri.starts_with("/api/") {
                "application/problem+json"
            } else {
                "text/html; charset=utf-8"
            };
            assert_eq!(r.header("content-type"), expected_type, "{uri}");
        }
        // A write to a read-only address: 405 with the allowed methods, not a crash.
        let post = app
            .request(Request::post("/cities/resita").body(Body::empty()).unwrap())
            .await;
        assert_eq!(post.status, StatusCode::METHOD_NOT_ALLOWED);
        assert!(post.header("allow").contains("GET"));
        assert!(post.body.contains("<h1>"));
        let api_delete = app
            .request(
                Request::delete("/api/v1/cities/resita")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(api_delete.status, StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(api_delete.json()["status"], 405);
    })
    .await;
}

#[tokio::test]
async fn responses_are_compressed_when_the_client_accepts_it() {
    each_backend(|app| async move {
        let r = app.get_with("/", "accept-encoding", "gzip").await;
        assert_eq!(r.header("content-encoding"), "gzip");
        let plain = app.get("/").await;
        assert_eq!(plain.header("content-encoding"), "");
    })
    .await;
}

#[tokio::test]
async fn one_address_per_page_and_ids_are_ours() {
    each_backend(|app| async move {
        let r = app.get("/cities/resita/?x=1").await;
        assert_eq!(
            (r.status, r.header("location")),
            (StatusCode::PERMANENT_REDIRECT, "/cities/resita?x=1")
        );
        let zz = app.get("/cities?country=ZZ").await;
        assert_eq!(zz.status, StatusCode::BAD_REQUEST, "ZZ is no country");
        let forged = app.get_with("/healthz", "x-request-id", "forged-id").await;
        assert_ne!(forged.header("x-request-id"), "forged-id");
        assert!(!forged.header("x-request-id").is_empty());
    })
    .await;
}

#[tokio::test]
async fn illustrative_data_is_labelled_as_sample() {
    each_backend(|app| async move {
        let list = app.get("/cities/resita/programmes").await;
        // The three umbrella programmes made for the demo carry the badge in their heading.
        assert!(
            count(&list.body, "</a> <span class=\"badge sample\">") >= 3,
            "umbrella programmes are labelled"
        );
        let hala = app.get("/cities/resita/programmes/hala-minda").await;
        assert!(
            hala.body.contains("° N, ") && hala.body.contains("° E"),
            "coordinates with hemispheres"
        );
        let api = app
            .get("/api/v1/cities/resita/programmes/hala-minda")
            .await
            .json();
        assert_eq!(api["place"]["sample"], true, "an approximate point says so");
    })
    .await;
}
