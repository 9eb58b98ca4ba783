//! Data nobody loses: two editors on one thing merge instead of reverting each other,
//! and numbers and dates are read the way the interface writes them in each language.

use axum::http::StatusCode;
use forja_core::edit::RawInput;
use forja_core::policy::Role;

use crate::accounts::{PROGRAMME, api, encode_form, form, person, programme_input};
use crate::{TestApp, each_backend};

async fn version(app: &TestApp) -> i32 {
    let resita = crate::accounts::city_id(app, "resita").await;
    app.store
        .programme_row(resita, "hala-minda", true)
        .await
        .unwrap()
        .unwrap()
        .version
}

/// The programme's form as a browser tab holds it after loading version `v`, with
/// `changes` typed in.
fn tab(loaded: &RawInput, v: i32, changes: &[(&str, &str)]) -> String {
    let mut fields = loaded.clone();
    for (k, value) in changes {
        fields.insert((*k).into(), (*value).into());
    }
    format!("{}version={v}", encode_form(&fields))
}

/// Gives the demo programme an output and a funding row (it has none), over the API.
async fn with_figures(app: &TestApp, who: &crate::accounts::Person) {
    let v = version(app).await;
    let r = app
        .request(api(
            "PATCH",
            "/api/v1/cities/resita/programmes/hala-minda",
            Some(who),
            &format!(
                r#"{{"version": {v}, "outputs": [{{"label": {{"en": "Students trained"}}, "expected": 20, "reported": 12}}],
                "funding": [{{"source": {{"en": "City budget"}}, "amount": 12500.5, "currency": "RON"}}],
                "start_on": "2023-01-15"}}"#
            ),
        ))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

fn romanian(mut r: axum::http::Request<axum::body::Body>) -> axum::http::Request<axum::body::Body> {
    r.headers_mut()
        .insert("accept-language", "ro".parse().unwrap());
    r
}

#[tokio::test]
async fn two_tabs_changing_different_fields_both_keep_their_change() {
    each_backend(|app| async move {
        let ana = person(&app, "ana", Role::CityEditor, Some("resita"), None).await;
        let bob = person(&app, "bob", Role::CityEditor, Some("resita"), None).await;
        with_figures(&app, &ana).await;
        let v = version(&app).await;
        let loaded = programme_input(&app, "hala-minda").await;
        assert!(
            loaded.contains_key("outputs.0.reported"),
            "the demo has outputs"
        );
        // Ana changes the reported figure and saves first.
        let a = app
            .request(form(
                &format!("{PROGRAMME}/edit"),
                Some(&ana),
                &tab(&loaded, v, &[("outputs.0.reported", "17")]),
            ))
            .await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
        // Bob, in a tab loaded before, changes the description only.
        let b = app
            .request(form(
                &format!("{PROGRAMME}/edit"),
                Some(&bob),
                &tab(&loaded, v, &[("description_en", "Written by Bob")]),
            ))
            .await;
        assert_eq!(
            b.status,
            StatusCode::SEE_OTHER,
            "merged without asking: {}",
            b.body
        );
        let now = programme_input(&app, "hala-minda").await;
        assert_eq!(
            now["outputs.0.reported"], "17",
            "Ana's figure is not reverted"
        );
        assert_eq!(now["description_en"], "Written by Bob");
        assert_eq!(
            now["summary_en"], loaded["summary_en"],
            "untouched fields stay"
        );
        assert_eq!(version(&app).await, v + 2);
    })
    .await;
}

#[tokio::test]
async fn two_tabs_changing_the_same_field_ask_about_that_field_only() {
    each_backend(|app| async move {
        let ana = person(&app, "ana", Role::CityEditor, Some("resita"), None).await;
        let bob = person(&app, "bob", Role::CityEditor, Some("resita"), None).await;
        with_figures(&app, &ana).await;
        let v = version(&app).await;
        let loaded = programme_input(&app, "hala-minda").await;
        let a = app
            .request(form(
                &format!("{PROGRAMME}/edit"),
                Some(&ana),
                &tab(
                    &loaded,
                    v,
                    &[("title_en", "Ana's title"), ("outputs.0.reported", "17")],
                ),
            ))
            .await;
        assert_eq!(a.status, StatusCode::SEE_OTHER);
        let bob_tab = tab(
            &loaded,
            v,
            &[
                ("title_en", "Bob's title"),
                ("description_en", "Bob's words"),
            ],
        );
        let b = app
            .request(form(&format!("{PROGRAMME}/edit"), Some(&bob), &bob_tab))
            .await;
        assert_eq!(b.status, StatusCode::CONFLICT);
        assert_eq!(
            b.body.matches("name=\"ask\"").count(),
            1,
            "only the title is asked about"
        );
        assert!(b.body.contains("name=\"ask\" value=\"title_en\""));
        assert!(b.body.contains("saved this on"), "who saved and when");
        assert!(
            b.body.contains("Ana&#39;s title") && b.body.contains("Bob&#39;s title"),
            "side by side"
        );
        assert!(
            b.body.contains("value=\"17\""),
            "Ana's figure is merged into the form"
        );
        assert!(
            b.body.contains("Bob&#39;s words"),
            "Bob's own change stays in the form"
        );
        let stored = programme_input(&app, "hala-minda").await;
        assert_eq!(
            stored["title_en"], "Ana's title",
            "nothing is saved before Bob chooses"
        );
        assert_eq!(stored["description_en"], loaded["description_en"]);

        // Sending the page again without a choice asks again; nothing is reverted.
        let mut merged = loaded.clone();
        merged.insert("outputs.0.reported".into(), "17".into());
        let again = tab(
            &merged,
            v + 1,
            &[
                ("title_en", "Bob's title"),
                ("description_en", "Bob's words"),
            ],
        );
        let r = app
            .request(form(
                &format!("{PROGRAMME}/edit"),
                Some(&bob),
                &format!("{again}&ask=title_en"),
            ))
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert!(r.body.contains("Choose which value to keep"));
        assert_eq!(
            programme_input(&app, "hala-minda").await["title_en"],
            "Ana's title"
        );

        // Keeping the saved title: Bob's description is saved, Ana's title and figure stay.
        let r = app
            .request(form(
                &format!("{PROGRAMME}/edit"),
                Some(&bob),
                &format!("{again}&ask=title_en&resolve.title_en=saved"),
            ))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let now = programme_input(&app, "hala-minda").await;
        assert_eq!(now["title_en"], "Ana's title");
        assert_eq!(now["description_en"], "Bob's words");
        assert_eq!(now["outputs.0.reported"], "17");
    })
    .await;
}

#[tokio::test]
async fn an_api_patch_from_an_older_version_merges_the_fields_it_names() {
    each_backend(|app| async move {
        let ana = person(&app, "ana", Role::CityEditor, Some("resita"), None).await;
        let v = version(&app).await;
        let url = "/api/v1/cities/resita/programmes/hala-minda";
        let first = app
            .request(api(
                "PATCH",
                url,
                Some(&ana),
                &format!(r#"{{"version": {v}, "title": {{"en": "Newer title"}}}}"#),
            ))
            .await;
        assert_eq!(first.status, StatusCode::OK);
        let disjoint = app
            .request(api(
                "PATCH",
                url,
                Some(&ana),
                &format!(r#"{{"version": {v}, "summary": {{"en": "Newer summary"}}}}"#),
            ))
            .await;
        assert_eq!(disjoint.status, StatusCode::OK, "{}", disjoint.body);
        let now = programme_input(&app, "hala-minda").await;
        assert_eq!(
            now["title_en"], "Newer title",
            "a PATCH never overwrites what it did not name"
        );
        assert_eq!(now["summary_en"], "Newer summary");
        let clash = app
            .request(api(
                "PATCH",
                url,
                Some(&ana),
                &format!(r#"{{"version": {v}, "title": {{"en": "Older idea"}}}}"#),
            ))
            .await;
        assert_eq!(clash.status, StatusCode::CONFLICT);
        let problem = clash.json();
        assert_eq!(problem["conflicts"], serde_json::json!(["title_en"]));
        assert_eq!(problem["current_version"], v + 2);
        assert_eq!(
            programme_input(&app, "hala-minda").await["title_en"],
            "Newer title"
        );
    })
    .await;
}

#[tokio::test]
async fn romanian_forms_read_numbers_and_dates_as_romanian_shows_them() {
    each_backend(|app| async move {
        let ana = person(&app, "ana", Role::CityEditor, Some("resita"), None).await;
        with_figures(&app, &ana).await;
        // The form shows stored figures the Romanian way.
        let page = app
            .request(romanian(
                axum::http::Request::get(format!("{PROGRAMME}/edit"))
                    .header("cookie", format!("forja_session={}", ana.session))
                    .body(axum::body::Body::empty())
                    .unwrap(),
            ))
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.body.contains("value=\"12.500,5\""),
            "money the Romanian way"
        );
        assert!(
            page.body.contains("value=\"15.01.2023\""),
            "dates the Romanian way"
        );
        let v = version(&app).await;
        let loaded = programme_input(&app, "hala-minda").await;
        let ro = |changes: &[(&str, &str)]| {
            let mut fields = forja_core::edit::rewrite(
                &loaded,
                forja_core::edit::Writing::Machine,
                forja_core::edit::Writing::Person(forja_core::Locale::Ro),
            );
            for (k, value) in changes {
                fields.insert((*k).into(), (*value).into());
            }
            format!("{}version={v}", encode_form(&fields))
        };
        // "1.500" would have been saved as 1,5 people: it is asked about instead.
        let r = app
            .request(romanian(form(
                &format!("{PROGRAMME}/edit"),
                Some(&ana),
                &ro(&[("outputs.0.expected", "1.500")]),
            )))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.body.contains("1500") && r.body.contains("1,5"),
            "both readings shown"
        );
        assert!(r.body.contains("value=\"1.500\""), "what was typed is kept");
        // A date that does not exist keeps what was typed and says so.
        let r = app
            .request(romanian(form(
                &format!("{PROGRAMME}/edit"),
                Some(&ana),
                &ro(&[("start_on", "31.02.2025")]),
            )))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("value=\"31.02.2025\"") && r.body.contains("nu există"));
        assert_eq!(version(&app).await, v, "nothing stored");
        // What the interface shows is read back exactly; the unchanged form saves as it was.
        let r = app
            .request(romanian(form(
                &format!("{PROGRAMME}/edit"),
                Some(&ana),
                &ro(&[
                    ("outputs.0.expected", "12.500"),
                    ("funding.0.amount", "1.500,50"),
                ]),
            )))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let now = programme_input(&app, "hala-minda").await;
        assert_eq!(now["outputs.0.expected"], "12500");
        assert_eq!(now["funding.0.amount"], "1500.5");
        for key in [
            "start_on",
            "end_on",
            "progress",
            "weight",
            "outputs.0.reported",
        ] {
            assert_eq!(
                now.get(key),
                loaded.get(key),
                "{key} unchanged by a round trip"
            );
        }
        let city = app
            .request(romanian(form("/cities/resita/edit", Some(&ana), &{
                let city = app.store.city_by_slug("resita").await.unwrap().unwrap();
                let mut f = forja_store::edit_city::city_fields(&city).to_input();
                f.insert("population".into(), "81.228".into());
                format!("{}version={}", encode_form(&f), city.version)
            })))
            .await;
        assert_eq!(city.status, StatusCode::SEE_OTHER, "{}", city.body);
        let city = app.store.city_by_slug("resita").await.unwrap().unwrap();
        assert_eq!(city.population, Some(81228));
    })
    .await;
}

#[tokio::test]
async fn delete_asks_first_and_keeps_unsaved_edits() {
    each_backend(|app| async move {
        let coordinator = person(&app, "coord", Role::CityCoordinator, Some("resita"), None).await;
        let v = version(&app).await;
        let loaded = programme_input(&app, "hala-minda").await;
        // The delete button sits in the edit form, so it carries what was typed.
        let typed = tab(&loaded, v, &[("title_en", "Typed, not saved")]);
        let ask = app
            .request(form(
                &format!("{PROGRAMME}/delete"),
                Some(&coordinator),
                &typed,
            ))
            .await;
        assert_eq!(ask.status, StatusCode::OK);
        assert!(
            ask.body.contains("Delete “Typed, not saved”?"),
            "names what will go"
        );
        assert!(
            ask.body
                .contains("href=\"/cities/resita/programmes/deleted\""),
            "says how to get it back"
        );
        assert!(ask.body.contains("name=\"confirm\" value=\"yes\""));
        assert!(
            ask.body
                .contains("name=\"title_en\" value=\"Typed, not saved\""),
            "the edits travel back"
        );
        assert_eq!(
            app.get(PROGRAMME).await.status,
            StatusCode::OK,
            "nothing deleted yet"
        );
        assert_eq!(version(&app).await, v);
        // Going back shows the form with the typed edits; nothing is saved.
        let back = app
            .request(form(
                &format!("{PROGRAMME}/edit"),
                Some(&coordinator),
                &format!("{typed}&add="),
            ))
            .await;
        assert_eq!(back.status, StatusCode::OK);
        assert!(back.body.contains("value=\"Typed, not saved\""));
        assert_eq!(version(&app).await, v);
        // A reader may not delete programmes: no confirmation page either.
        let editor = person(&app, "reader", Role::Reader, None, None).await;
        let refused = app
            .request(form(&format!("{PROGRAMME}/delete"), Some(&editor), &typed))
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let done = app
            .request(form(
                &format!("{PROGRAMME}/delete"),
                Some(&coordinator),
                &format!("version={v}&confirm=yes"),
            ))
            .await;
        assert_eq!(done.status, StatusCode::SEE_OTHER);
        assert_eq!(app.get(PROGRAMME).await.status, StatusCode::NOT_FOUND);
    })
    .await;
}

#[tokio::test]
async fn a_population_typed_by_the_city_is_shown_as_its_own_figure() {
    each_backend(|app| async move {
        let ana = person(&app, "ana", Role::CityEditor, Some("resita"), None).await;
        let page = app.get("/cities/resita").await.body;
        assert!(
            page.contains("(GeoNames gazetteer"),
            "the gazetteer is named while its figure stands"
        );
        let city = app.store.city_by_slug("resita").await.unwrap().unwrap();
        let mut f = forja_store::edit_city::city_fields(&city).to_input();
        // Changing something else keeps the gazetteer as the source.
        f.insert("website".into(), "https://www.primaria-resita.ro".into());
        let r = app
            .request(form(
                "/cities/resita/edit",
                Some(&ana),
                &format!("{}version={}", encode_form(&f), city.version),
            ))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert!(
            app.get("/cities/resita")
                .await
                .body
                .contains("(GeoNames gazetteer")
        );
        f.insert("population".into(), "80,123".into());
        f.insert("population_year".into(), "2025".into());
        let r = app
            .request(form(
                "/cities/resita/edit",
                Some(&ana),
                &format!("{}version={}", encode_form(&f), city.version + 1),
            ))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let page = app.get("/cities/resita").await.body;
        assert!(
            page.contains("80,123") && page.contains("(the city&#39;s own figure, 2025)"),
            "the city's own figure"
        );
        assert!(!page.contains("GeoNames gazetteer"));
    })
    .await;
}

#[tokio::test]
async fn currency_is_picked_from_iso_4217_not_typed() {
    each_backend(|app| async move {
        let ana = person(&app, "ana", Role::CityEditor, Some("resita"), None).await;
        let form_page = app
            .request(
                axum::http::Request::get(format!("{PROGRAMME}/edit"))
                    .header("cookie", format!("forja_session={}", ana.session))
                    .body(axum::body::Body::empty())
                    .unwrap(),
            )
            .await;
        assert!(form_page.body.contains("<option value=\"RON\">RON · Romanian Leu</option>"), "a list from data");
        assert!(form_page.body.contains("JPY · Japanese Yen"));
        let v = version(&app).await;
        let loaded = programme_input(&app, "hala-minda").await;
        let body = tab(&loaded, v, &[("funding.0.source_en", "Grant"), ("funding.0.amount", "100"), ("funding.0.currency", "Lei")]);
        let r = app.request(form(&format!("{PROGRAMME}/edit"), Some(&ana), &body)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("id=\"e-funding.0.currency\""), "refused beside the field");
        let r = app
            .request(api(
                "PATCH",
                "/api/v1/cities/resita/programmes/hala-minda",
                Some(&ana),
                &format!(r#"{{"version": {v}, "funding": [{{"source": {{"en": "Grant"}}, "amount": 100, "currency": "XYZ"}}]}}"#),
            ))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.json()["errors"][0]["field"], "funding.0.currency");
    })
    .await;
}

#[tokio::test]
async fn two_tabs_on_a_story_merge_settings_and_pages() {
    each_backend(|app| async move {
        let ana = person(&app, "ana", Role::CityEditor, Some("resita"), None).await;
        let base = "/cities/resita/stories/resita-learns";
        let (loaded, v, _) = crate::story_editing::story(&app, "resita-learns").await;
        let settings = |changes: &[(&str, &str)], version: i32| {
            let mut f = loaded.settings_input();
            for (k, value) in changes {
                f.insert((*k).into(), (*value).into());
            }
            format!("{}version={version}", encode_form(&f))
        };
        let r = app
            .request(form(
                &format!("{base}/edit"),
                Some(&ana),
                &settings(&[("title", "A newer title")], v),
            ))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let r = app
            .request(form(
                &format!("{base}/edit"),
                Some(&ana),
                &settings(&[("summary", "A summary from the other tab")], v),
            ))
            .await;
        assert_eq!(
            r.status,
            StatusCode::SEE_OTHER,
            "settings merge: {}",
            r.body
        );
        let (now, v2, _) = crate::story_editing::story(&app, "resita-learns").await;
        assert_eq!(now.title, "A newer title");
        assert_eq!(
            now.settings_input()["summary"],
            "A summary from the other tab"
        );

        // A page edited in two tabs: the other tab's words on another field stay, the
        // same field asks.
        let (n, page) = now
            .pages()
            .find(|(_, _, p)| p.to_input().contains_key("title"))
            .map(|(n, _, p)| (n, p.clone()))
            .expect("a page with a title");
        let page_form = |changes: &[(&str, &str)], version: i32| {
            let mut f = page.to_input();
            for (k, value) in changes {
                f.insert((*k).into(), (*value).into());
            }
            format!("{}version={version}", encode_form(&f))
        };
        let r = app
            .request(form(
                &format!("{base}/edit/{n}"),
                Some(&ana),
                &page_form(&[("title", "Title from tab A")], v2),
            ))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let r = app
            .request(form(
                &format!("{base}/edit/{n}"),
                Some(&ana),
                &page_form(&[("title", "Title from tab B")], v2),
            ))
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert!(r.body.contains("name=\"ask\" value=\"title\""));
        assert!(r.body.contains("Title from tab A") && r.body.contains("Title from tab B"));
        let (after, _, _) = crate::story_editing::story(&app, "resita-learns").await;
        assert_eq!(
            after.page(n).unwrap().to_input()["title"],
            "Title from tab A",
            "nothing reverted"
        );
    })
    .await;
}

#[tokio::test]
async fn the_api_says_which_version_it_shows_and_writes_name_the_version_they_change() {
    each_backend(|app| async move {
        let ana = person(&app, "ana", Role::CityCoordinator, Some("resita"), None).await;
        let url = "/api/v1/cities/resita/programmes/hala-minda";
        let get = || {
            axum::http::Request::get(url)
                .header("authorization", format!("Bearer {}", ana.token))
                .body(axum::body::Body::empty())
                .unwrap()
        };
        let first = app.request(get()).await;
        let v = first.json()["version"].as_i64().unwrap();
        let etag = first.header("etag").to_owned();
        assert!(
            etag.starts_with(&format!("\"{v}-")),
            "a strong tag naming version {v}: {etag}"
        );
        let with_if_match = |tag: &str, body: &str| {
            let mut r = api("PATCH", url, Some(&ana), body);
            r.headers_mut().insert("if-match", tag.parse().unwrap());
            r
        };
        let ok = app
            .request(with_if_match(&etag, r#"{"progress": 61}"#))
            .await;
        assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
        let stale = app
            .request(with_if_match(&etag, r#"{"progress": 62}"#))
            .await;
        assert_eq!(stale.status, StatusCode::PRECONDITION_FAILED);
        assert_eq!(stale.json()["current_version"], v + 1);
        assert_eq!(programme_input(&app, "hala-minda").await["progress"], "61");
        let neither = app
            .request(api("PATCH", url, Some(&ana), r#"{"progress": 63}"#))
            .await;
        assert_eq!(neither.status, StatusCode::PRECONDITION_REQUIRED);
        assert!(
            neither.json()["detail"]
                .as_str()
                .unwrap()
                .contains("If-Match"),
            "says what to send"
        );
        let mut text = api("PATCH", url, Some(&ana), r#"{"version": 1}"#);
        text.headers_mut()
            .insert("content-type", "text/plain".parse().unwrap());
        assert_eq!(
            app.request(text).await.status,
            StatusCode::UNSUPPORTED_MEDIA_TYPE
        );
        let bad_version = app
            .request(api("PATCH", url, Some(&ana), r#"{"version": "two"}"#))
            .await;
        assert_eq!(bad_version.status, StatusCode::UNPROCESSABLE_ENTITY);
        // The new state has a new tag; reading it again gives the same one.
        let second = app.request(get()).await;
        assert_ne!(second.header("etag"), etag);
        assert_eq!(
            app.request(get()).await.header("etag"),
            second.header("etag")
        );
        // Deletes and restores take If-Match or a version too.
        let mut del = api("DELETE", url, Some(&ana), "");
        del.headers_mut().insert("if-match", etag.parse().unwrap());
        assert_eq!(
            app.request(del).await.status,
            StatusCode::PRECONDITION_FAILED
        );
        assert_eq!(
            app.request(api("DELETE", url, Some(&ana), "")).await.status,
            StatusCode::PRECONDITION_REQUIRED
        );
        let mut del = api("DELETE", url, Some(&ana), "");
        del.headers_mut()
            .insert("if-match", second.header("etag").parse().unwrap());
        assert_eq!(app.request(del).await.status, StatusCode::NO_CONTENT);
        let restore = format!("{url}/history/{}/restore", v + 1);
        let r = app.request(api("POST", &restore, Some(&ana), "")).await;
        assert_eq!(r.status, StatusCode::PRECONDITION_REQUIRED);
        let r = app
            .request(api(
                "POST",
                &restore,
                Some(&ana),
                &format!(r#"{{"version": {}}}"#, v + 2),
            ))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(programme_input(&app, "hala-minda").await["progress"], "61");
    })
    .await;
}

#[tokio::test]
async fn published_stories_and_the_media_library_can_be_read_over_the_api() {
    each_backend(|app| async move {
        let list = app.get("/api/v1/cities/resita/stories").await;
        assert_eq!(list.status, StatusCode::OK);
        let slugs: Vec<String> = list
            .json()
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["slug"].as_str().unwrap().to_owned())
            .collect();
        assert!(slugs.contains(&"resita-learns".to_owned()), "{slugs:?}");
        let story = app.get("/api/v1/cities/resita/stories/resita-learns").await;
        assert_eq!(story.status, StatusCode::OK, "{}", story.body);
        let doc = story.json();
        assert_eq!(doc["language"], "en");
        let first = &doc["chapters"][0]["pages"][0];
        assert_eq!(first["number"], 1);
        assert_eq!(first["address"], "/cities/resita/stories/resita-learns/1");
        assert!(first["fields"].is_object());
        assert_eq!(doc["translations"][0]["slug"], "resita-invata");
        assert_eq!(
            app.get("/api/v1/cities/resita/stories/nope").await.status,
            StatusCode::NOT_FOUND
        );
        // The library is the editors': a token of the city's editor, not anyone's.
        assert_eq!(
            app.get("/api/v1/cities/resita/media").await.status,
            StatusCode::UNAUTHORIZED
        );
        let ana = person(&app, "ana", Role::CityEditor, Some("resita"), None).await;
        let galati = person(&app, "gala", Role::CityEditor, Some("galati"), None).await;
        let get = |who: &crate::accounts::Person| {
            axum::http::Request::get("/api/v1/cities/resita/media")
                .header("authorization", format!("Bearer {}", who.token))
                .body(axum::body::Body::empty())
                .unwrap()
        };
        let r = app.request(get(&ana)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert!(r.json().is_array());
        assert_eq!(
            app.request(get(&galati)).await.status,
            StatusCode::FORBIDDEN
        );
    })
    .await;
}

#[tokio::test]
async fn a_read_with_a_token_checks_the_token_every_time() {
    each_backend(|app| async move {
        let ana = person(&app, "ana", Role::CityEditor, Some("resita"), None).await;
        let read = |token: &str| {
            axum::http::Request::get("/api/v1/cities/resita")
                .header("authorization", format!("Bearer {token}"))
                .body(axum::body::Body::empty())
                .unwrap()
        };
        let anonymous = app.get("/api/v1/cities/resita").await;
        let with = app.request(read(&ana.token)).await;
        assert_eq!(with.status, StatusCode::OK);
        assert_eq!(
            with.body, anonymous.body,
            "the same representation for everyone"
        );
        assert_eq!(with.header("etag"), anonymous.header("etag"));
        let wrong = app.request(read("not-a-token")).await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
        assert_eq!(wrong.header("content-type"), "application/problem+json");
        // Revoked on the account page: refused at the next read, although the
        // representation is cached (other processes within a second).
        let user = app
            .store
            .user_by_email("ana@test.forja")
            .await
            .unwrap()
            .unwrap();
        let token_id = app.store.api_tokens_of(user.id).await.unwrap()[0].id;
        let r = app
            .request(form(
                &format!("/account/tokens/{token_id}/revoke"),
                Some(&ana),
                "",
            ))
            .await;
        assert!(r.status.is_redirection(), "{}", r.status);
        assert_eq!(
            app.request(read(&ana.token)).await.status,
            StatusCode::UNAUTHORIZED
        );
    })
    .await;
}

#[tokio::test]
async fn openapi_declares_every_problem_status_an_operation_can_answer() {
    each_backend(|app| async move {
        let doc = app.get("/api/v1/openapi.json").await.json();
        let statuses = |path: &str, method: &str| -> Vec<String> {
            doc["paths"][path][method]["responses"]
                .as_object()
                .unwrap_or_else(|| panic!("{method} {path} is documented"))
                .keys()
                .cloned()
                .collect()
        };
        let patch = statuses("/api/v1/cities/{slug}/programmes/{programme}", "patch");
        for s in ["200", "401", "403", "404", "409", "412", "413", "415", "422", "428"] {
            assert!(patch.contains(&s.to_owned()), "PATCH programme declares {s}: {patch:?}");
        }
        let delete = statuses("/api/v1/cities/{slug}/organisations/{org}", "delete");
        for s in ["204", "401", "403", "404", "409", "412", "422", "428"] {
            assert!(delete.contains(&s.to_owned()), "DELETE organisation declares {s}: {delete:?}");
        }
        let restore = statuses("/api/v1/cities/{slug}/history/{version}/restore", "post");
        for s in ["200", "401", "403", "404", "409", "412", "428"] {
            assert!(restore.contains(&s.to_owned()), "restore declares {s}: {restore:?}");
        }
        let read = statuses("/api/v1/cities/{slug}", "get");
        for s in ["200", "401", "404"] {
            assert!(read.contains(&s.to_owned()), "GET city declares {s}: {read:?}");
        }
        assert!(!read.contains(&"412".to_owned()), "a read never answers 412");
        let problem = &doc["paths"]["/api/v1/cities/{slug}"]["patch"]["responses"]["428"]["content"]["application/problem+json"]["schema"]["$ref"];
        assert_eq!(problem, "#/components/schemas/Problem");
        // Write bodies are typed: properties, formats, limits and vocabularies.
        let body = &doc["paths"]["/api/v1/cities/{slug}/programmes/{programme}"]["patch"]["requestBody"]["content"]["application/json"]["schema"]["$ref"];
        assert_eq!(body, "#/components/schemas/ProgrammeBody");
        let schema = &doc["components"]["schemas"]["ProgrammeBody"];
        assert_eq!(schema["additionalProperties"], false, "unknown fields are refused");
        let status: Vec<&str> = schema["properties"]["status"]["enum"].as_array().unwrap().iter().filter_map(|v| v.as_str()).collect();
        assert!(status.contains(&"active") && status.contains(&"planned"), "{status:?}");
        assert_eq!(schema["properties"]["progress"]["maximum"], 100.0);
        let partner = &doc["components"]["schemas"]["PartnerBody"];
        assert!(partner["properties"]["role"]["enum"].as_array().unwrap().iter().any(|r| r == "lead"));
        assert_eq!(doc["components"]["schemas"]["MilestoneBody"]["properties"]["due_on"]["format"], "date");
        // A change names its version; a creation has its required fields and no version.
        let required = |name: &str| -> Vec<String> {
            doc["components"]["schemas"][name]["required"].as_array().map(|r| r.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect()).unwrap_or_default()
        };
        for body in ["ProgrammeBody", "CityBody", "StrategyBody", "ObjectiveBody", "OrganisationBody", "FrameworkNodeBody", "VersionBody"] {
            assert_eq!(required(body), ["version"], "{body} names its version");
        }
        assert_eq!(required("NewProgrammeBody"), ["title", "status"]);
        assert_eq!(required("NewObjectiveBody"), ["code", "title"]);
        assert_eq!(required("NewOrganisationBody"), ["name", "kind"]);
        assert!(doc["components"]["schemas"]["NewProgrammeBody"]["properties"]["version"].is_null());
        // The vocabularies kept as data are listed as they are stored now.
        let codes = |schema: &serde_json::Value| -> Vec<String> {
            schema["enum"].as_array().map(|r| r.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect()).unwrap_or_default()
        };
        let objective = &doc["components"]["schemas"]["NewObjectiveBody"]["properties"];
        assert!(codes(&objective["kflc"]["items"]).contains(&"2.5.3".to_owned()));
        assert!(codes(&objective["guidelines"]["items"]).contains(&"plan".to_owned()));
        assert!(codes(&objective["sdg"]["items"]).contains(&"4.3.1".to_owned()));
        let targets = codes(&doc["components"]["schemas"]["LocalTargetBody"]["properties"]["sdg_target"]);
        assert!(targets.contains(&"4.c".to_owned()) && !targets.contains(&"4.c.1".to_owned()), "targets only: {targets:?}");
        let groups = codes(&schema["properties"]["target_groups"]["items"]);
        assert!(groups.contains(&"older-adults".to_owned()), "{groups:?}");
        let currencies = codes(&doc["components"]["schemas"]["FundingBody"]["properties"]["currency"]);
        assert!(currencies.contains(&"RON".to_owned()) && currencies.len() > 100);
        assert!(codes(&doc["components"]["schemas"]["ClusterCode"]).contains(&"literacy".to_owned()));
    })
    .await;
}

#[tokio::test]
async fn api_bodies_say_exactly_what_the_server_takes() {
    each_backend(|app| async move {
        let ana = person(&app, "ana", Role::CityEditor, Some("resita"), None).await;
        let patch = |body: String| {
            api(
                "PATCH",
                "/api/v1/cities/resita/programmes/hala-minda",
                Some(&ana),
                &body,
            )
        };
        // Whole numbers as a client holding doubles sends them: 2.0 is 2, 2.5 is not.
        let v = version(&app).await;
        let r = app
            .request(api(
                "PATCH",
                "/api/v1/cities/resita/strategy",
                Some(&ana),
                r#"{"version": 1.0, "period_start": 2022.0}"#,
            ))
            .await;
        assert!(
            matches!(r.status, StatusCode::OK | StatusCode::CONFLICT),
            "1.0 reads as a version: {}",
            r.body
        );
        let r = app
            .request(api(
                "PATCH",
                "/api/v1/cities/resita/strategy",
                Some(&ana),
                r#"{"version": 1, "period_start": 2022.5}"#,
            ))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.json()["errors"][0]["field"], "period_start");
        // A required text keeps words in some language: a change cannot empty it.
        for title in [
            r#"{"en": null, "ro": null}"#,
            r#"{"en": "  "}"#,
            r#"{"ro": null}"#,
            "[null, null]",
        ] {
            let r = app
                .request(patch(format!(r#"{{"version": {v}, "title": {title}}}"#)))
                .await;
            assert_eq!(
                r.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "title {title}: {}",
                r.body
            );
            let field = r.json()["errors"][0]["field"]
                .as_str()
                .unwrap_or("")
                .to_owned();
            assert!(
                field.starts_with("title"),
                "the answer names the title: {}",
                r.body
            );
        }
        // A text is an object, never a list that would clear every language.
        let r = app
            .request(patch(format!(
                r#"{{"version": {v}, "summary": [null, null]}}"#
            )))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        // `null` where a field cannot be empty is refused, not read as "left out".
        let r = app
            .request(patch(format!(r#"{{"version": {v}, "weight": null}}"#)))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert_eq!(r.json()["errors"][0]["field"], "weight");
        // Rows are objects too.
        let r = app
            .request(patch(format!(
                r#"{{"version": {v}, "partners": [["resita-city-hall", "lead"]]}}"#
            )))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert_eq!(version(&app).await, v, "nothing stored by any of these");
        // A program sends a slug as it is: folding is for what people type.
        let create = |slug: &str| {
            api(
                "POST",
                "/api/v1/cities/resita/programmes",
                Some(&ana),
                &format!(
                    r#"{{"slug": "{slug}", "title": {{"en": "Bike school"}}, "status": "planned"}}"#
                ),
            )
        };
        let r = app.request(create("Bike School")).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert_eq!(r.json()["errors"][0]["field"], "slug");
        let r = app.request(create("")).await;
        assert_eq!(
            (r.status, r.header("location")),
            (
                StatusCode::CREATED,
                "/api/v1/cities/resita/programmes/bike-school"
            ),
            "empty: made from the title"
        );
        // A web address is measured in characters, as the schema measures it.
        let long = format!("https://example.org/{}", "ă".repeat(250));
        let city = app
            .request(api("GET", "/api/v1/cities/resita", Some(&ana), ""))
            .await
            .json();
        let r = app
            .request(api(
                "PATCH",
                "/api/v1/cities/resita",
                Some(&ana),
                &format!(r#"{{"version": {}, "website": "{long}"}}"#, city["version"]),
            ))
            .await;
        assert_eq!(
            r.status,
            StatusCode::OK,
            "270 characters, 520 bytes: {}",
            r.body
        );
        // A language list holds codes, not blanks.
        let city = app
            .request(api("GET", "/api/v1/cities/resita", Some(&ana), ""))
            .await
            .json();
        let r = app
            .request(api(
                "PATCH",
                "/api/v1/cities/resita",
                Some(&ana),
                &format!(
                    r#"{{"version": {}, "languages": ["ro", ""]}}"#,
                    city["version"]
                ),
            ))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        // A restore names its version as a body or If-Match; 3.0 is 3.
        let r = app
            .request(api(
                "POST",
                "/api/v1/cities/resita/history/1/restore",
                Some(&ana),
                r#"{"version": "three"}"#,
            ))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert_eq!(r.json()["errors"][0]["field"], "version");
    })
    .await;
}

#[tokio::test]
async fn what_stands_in_the_way_is_a_conflict_and_each_thing_can_be_read_with_its_version() {
    each_backend(|app| async move {
        let ana = person(&app, "ana", Role::CityEditor, Some("resita"), None).await;
        // A created organisation and objective can be read where Location says.
        let made = app.request(api("POST", "/api/v1/cities/resita/organisations", Some(&ana), r#"{"name": {"en": "Library of Reșița"}, "kind": "cultural"}"#)).await;
        assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
        let org = app.request(api("GET", made.header("location"), Some(&ana), "")).await;
        assert_eq!(org.status, StatusCode::OK, "{}", made.header("location"));
        assert_eq!(org.json()["name"]["en"], "Library of Reșița");
        assert!(org.header("etag").starts_with("\"1-"), "strong, from version 1: {}", org.header("etag"));
        let made = app.request(api("POST", "/api/v1/cities/resita/strategy/objectives", Some(&ana), r#"{"code": "O9", "title": {"en": "Read more"}}"#)).await;
        assert_eq!(made.header("location"), "/api/v1/cities/resita/strategy/objectives/O9");
        let objective = app.get("/api/v1/cities/resita/strategy/objectives/O9").await;
        assert_eq!((objective.status, objective.json()["version"].clone()), (StatusCode::OK, serde_json::json!(1)));
        assert_eq!(app.get("/api/v1/cities/resita/strategy/objectives/O99").await.status, StatusCode::NOT_FOUND);
        // Its ETag is what a change sends back.
        let mut change = api("PATCH", "/api/v1/cities/resita/strategy/objectives/O9", Some(&ana), r#"{"title": {"en": "Read more, together"}}"#);
        change.headers_mut().insert("if-match", objective.header("etag").parse().unwrap());
        let r = app.request(change).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        // The same code again: taken, 409 with the field.
        let again = app.request(api("POST", "/api/v1/cities/resita/strategy/objectives", Some(&ana), r#"{"code": "O9", "title": {"en": "Again"}}"#)).await;
        assert_eq!(again.status, StatusCode::CONFLICT);
        assert_eq!((again.json()["type"].clone(), again.json()["errors"][0]["field"].clone()), (serde_json::json!("/api/v1/problems/taken"), serde_json::json!("code")));
        // Two outputs with one code are the body's own mistake: 422.
        let v = version(&app).await;
        let r = app.request(api("PATCH", "/api/v1/cities/resita/programmes/hala-minda", Some(&ana), &format!(r#"{{"version": {v}, "outputs": [{{"code": "visits", "label": {{"en": "Visits"}}}}, {{"code": "visits", "label": {{"en": "Visitors"}}}}]}}"#))).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        // An output whose label has no letters a-z gets a numbered code, not an error.
        let r = app.request(api("PATCH", "/api/v1/cities/resita/programmes/hala-minda", Some(&ana), &format!(r#"{{"version": {v}, "outputs": [{{"label": {{"en": "Київ"}}}}]}}"#))).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let detail = app.get("/api/v1/cities/resita/programmes/hala-minda").await.json();
        assert_eq!(detail["outputs"][0]["code"], "output-1");
        // A detail names its parent once: the slug, as in lists, and the programme.
        let list = app.get("/api/v1/cities/resita/programmes?per_page=100").await.json();
        let child = list["items"].as_array().unwrap().iter().find(|p| p["parent"].is_string()).expect("a programme with a parent");
        let detail = app.get(&format!("/api/v1/cities/resita/programmes/{}", child["slug"].as_str().unwrap())).await;
        assert_eq!(detail.body.matches(r#""parent":"#).count(), 1, "one key, not two");
        assert_eq!(detail.json()["parent_programme"]["slug"], child["parent"]);
    })
    .await;
}

#[tokio::test]
async fn a_body_that_does_not_fit_its_type_is_refused_naming_where() {
    each_backend(|app| async move {
        let ana = person(&app, "ana", Role::CityEditor, Some("resita"), None).await;
        let v = version(&app).await;
        let body = format!(
            r#"{{"version": {v}, "milestones": [{{"title": {{"en": "Opening"}}, "done": "yes"}}]}}"#
        );
        let r = app
            .request(api(
                "PATCH",
                "/api/v1/cities/resita/programmes/hala-minda",
                Some(&ana),
                &body,
            ))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.json()["errors"][0]["field"], "milestones");
        let message = r.json()["errors"][0]["message"]
            .as_str()
            .unwrap_or("")
            .to_owned();
        assert!(
            message.contains("[0].done"),
            "names the row and field: {message}"
        );
        assert_eq!(version(&app).await, v, "nothing stored");
    })
    .await;
}

/// The version a representation or history names, read with `who`'s token.
async fn stored_version(app: &TestApp, uri: &str, who: &crate::accounts::Person) -> i64 {
    let r = app
        .request(
            axum::http::Request::get(uri)
                .header("authorization", format!("Bearer {}", who.token))
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await
        .json();
    r.get("current_version")
        .or(r.get("version"))
        .and_then(|v| v.as_i64())
        .unwrap()
}

#[tokio::test]
async fn every_editable_kind_merges_disjoint_api_edits_and_asks_about_overlapping_ones() {
    each_backend(|app| async move {
        let coordinator = person(&app, "coord", Role::CityCoordinator, Some("resita"), None).await;
        let admin = person(&app, "admin", Role::NetworkAdmin, None, None).await;
        let get = |uri: &str, who: &crate::accounts::Person| {
            axum::http::Request::get(uri)
                .header("authorization", format!("Bearer {}", who.token))
                .body(axum::body::Body::empty())
                .unwrap()
        };
        // (what, address, history address, who, first change, second change, clash)
        let kinds: [(&str, &str, &str, &crate::accounts::Person, &str, &str, &str); 6] = [
            (
                "city",
                "/api/v1/cities/resita",
                "",
                &coordinator,
                r#""history": {"en": "First tab"}"#,
                r#""context": {"en": "Second tab"}"#,
                r#""history": {"en": "Third"}"#,
            ),
            (
                "strategy",
                "/api/v1/cities/resita/strategy",
                "/api/v1/cities/resita/strategy/history",
                &coordinator,
                r#""vision": {"en": "First tab"}"#,
                r#""title": {"en": "Second tab"}"#,
                r#""vision": {"en": "Third"}"#,
            ),
            (
                "objective",
                "/api/v1/cities/resita/strategy/objectives/O1",
                "/api/v1/cities/resita/strategy/objectives/O1/history",
                &coordinator,
                r#""description": {"en": "First tab"}"#,
                r#""title": {"en": "Second tab"}"#,
                r#""description": {"en": "Third"}"#,
            ),
            (
                "organisation",
                "/api/v1/cities/resita/organisations/resita-city-hall",
                "/api/v1/cities/resita/organisations/resita-city-hall/history",
                &coordinator,
                r#""website": "https://first.example.org""#,
                r#""name": {"en": "Second tab"}"#,
                r#""website": "https://third.example.org""#,
            ),
            (
                "framework node",
                "/api/v1/frameworks/kflc/nodes/2.5.3",
                "/api/v1/frameworks/kflc/nodes/2.5.3/history",
                &admin,
                r#""summary": {"en": "First tab"}"#,
                r#""title": {"en": "Second tab"}"#,
                r#""summary": {"en": "Third"}"#,
            ),
            (
                "programme",
                "/api/v1/cities/resita/programmes/hala-minda",
                "/api/v1/cities/resita/programmes/hala-minda/history",
                &coordinator,
                r#""summary": {"en": "First tab"}"#,
                r#""description": {"en": "Second tab"}"#,
                r#""summary": {"en": "Third"}"#,
            ),
        ];
        for (what, uri, history, who, first, second, clash) in kinds {
            let at = if history.is_empty() { uri } else { history };
            let v = stored_version(&app, at, who).await;
            for change in [first, second] {
                let r = app
                    .request(api(
                        "PATCH",
                        uri,
                        Some(who),
                        &format!(r#"{{"version": {v}, {change}}}"#),
                    ))
                    .await;
                assert_eq!(
                    r.status,
                    StatusCode::OK,
                    "{what}: {change} from version {v}: {}",
                    r.body
                );
            }
            let stored = if history.is_empty() {
                app.request(get(uri, who)).await.body
            } else {
                app.request(get(history, who)).await.json()["revisions"]
                    .as_array()
                    .unwrap()
                    .last()
                    .unwrap()["snapshot"]
                    .to_string()
            };
            assert!(
                stored.contains("First tab") || stored.contains("first.example.org"),
                "{what}: the first change stays"
            );
            assert!(
                stored.contains("Second tab"),
                "{what}: the second change is merged in"
            );
            let r = app
                .request(api(
                    "PATCH",
                    uri,
                    Some(who),
                    &format!(r#"{{"version": {v}, {clash}}}"#),
                ))
                .await;
            assert_eq!(
                r.status,
                StatusCode::CONFLICT,
                "{what}: both changed the same field"
            );
            assert!(
                !r.json()["conflicts"].as_array().unwrap().is_empty(),
                "{what}: names the field"
            );
            assert_eq!(
                stored_version(&app, at, who).await,
                v + 2,
                "{what}: nothing stored by the clash"
            );
        }
    })
    .await;
}

#[tokio::test]
async fn a_save_from_before_a_delete_does_not_bring_the_thing_back() {
    each_backend(|app| async move {
        let coordinator = person(&app, "coord", Role::CityCoordinator, Some("resita"), None).await;
        let v = version(&app).await;
        let r = app
            .request(api(
                "DELETE",
                &format!("/api/v1/cities/resita/programmes/hala-minda?version={v}"),
                Some(&coordinator),
                "",
            ))
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT);
        let late = app
            .request(api(
                "PATCH",
                "/api/v1/cities/resita/programmes/hala-minda",
                Some(&coordinator),
                &format!(r#"{{"version": {v}, "summary": {{"en": "Late"}}}}"#),
            ))
            .await;
        assert_eq!(late.status, StatusCode::NOT_FOUND, "{}", late.body);
        assert_eq!(
            app.get(PROGRAMME).await.status,
            StatusCode::NOT_FOUND,
            "still deleted"
        );
    })
    .await;
}

#[tokio::test]
async fn a_story_page_saved_after_the_pages_moved_keeps_the_text_and_overwrites_nothing() {
    each_backend(|app| async move {
        let ana = person(&app, "ana", Role::CityEditor, Some("resita"), None).await;
        let base = "/cities/resita/stories/resita-learns";
        let (loaded, v, _) = crate::story_editing::story(&app, "resita-learns").await;
        // Two text pages next to each other, so the outline keeps its shape when they swap.
        let n = loaded
            .pages()
            .find(|(n, _, p)| {
                p.kind() == "text"
                    && loaded
                        .page(n + 1)
                        .is_some_and(|q| q.kind() == "text" && q != *p)
            })
            .map(|(n, _, _)| n)
            .expect("two text pages in a row");
        let page = loaded.page(n).unwrap().clone();
        let moved = app
            .request(form(
                &format!("{base}/outline"),
                Some(&ana),
                &format!("version={v}&op=page-down:{n}"),
            ))
            .await;
        assert!(
            moved.status.is_redirection(),
            "{}: {}",
            moved.status,
            moved.body
        );
        let (after_move, v2, _) = crate::story_editing::story(&app, "resita-learns").await;
        assert_eq!(after_move.page(n + 1), Some(&page), "the page moved down");
        let mut typed = page.to_input();
        typed.insert("text".into(), "Typed into the page that moved".into());
        let r = app
            .request(form(
                &format!("{base}/edit/{n}"),
                Some(&ana),
                &format!("{}version={v}", encode_form(&typed)),
            ))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("pages were moved"), "says why");
        assert!(
            r.body.contains("Typed into the page that moved"),
            "keeps what was typed"
        );
        let (now, v3, _) = crate::story_editing::story(&app, "resita-learns").await;
        assert_eq!((now, v3), (after_move, v2), "nothing overwritten");
    })
    .await;
}
