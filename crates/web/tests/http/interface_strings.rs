//! No page shows a bare message id: every page a person can open, every edit form with
//! each field's label and hint, and forms sent back with errors, in English and in
//! Romanian, find every interface string they ask for.

use axum::http::StatusCode;
use forja_core::policy::Role;

use crate::accounts::{PROGRAMME, form, person};
use crate::{TestApp, each_backend};

/// The story editor's pages: its settings, then each page's form.
async fn story_pages(app: &TestApp) -> Vec<String> {
    let base = "/cities/resita/stories/resita-learns";
    let count = app
        .get(base)
        .await
        .body
        .matches("<section class=\"page ")
        .count();
    let mut out = vec![format!("{base}/edit"), format!("{base}/history")];
    out.extend((1..=count).map(|n| format!("{base}/edit/{n}")));
    out
}

#[tokio::test]
async fn every_page_and_form_finds_every_interface_string_in_both_languages() {
    each_backend(|app| async move {
        let admin = person(&app, "ada", Role::NetworkAdmin, None, None).await;
        let org = "resita-tourism-entrepreneurs";
        let mut pages: Vec<String> = [
            "/",
            "/cities",
            "/cities/resita",
            "/cities/resita/strategy",
            "/cities/resita/programmes",
            PROGRAMME,
            "/framework",
            "/framework/kflc",
            "/login",
            "/account",
            "/admin/audit",
            "/admin/cities/new",
            "/cities/resita/edit",
            "/cities/resita/history",
            "/cities/resita/people",
            "/cities/resita/media",
            "/cities/resita/stories",
            "/cities/resita/strategy/edit",
            "/cities/resita/strategy/history",
            "/cities/resita/strategy/objectives/new",
            "/cities/resita/strategy/objectives/O1/edit",
            "/cities/resita/programmes/new",
            "/cities/resita/programmes/deleted",
            "/cities/resita/organisations",
            "/cities/resita/organisations/new",
            "/framework/kflc/1/edit",
            "/nowhere-at-all",
        ]
        .iter()
        .map(|p| (*p).to_owned())
        .collect();
        pages.push(format!("{PROGRAMME}/edit"));
        pages.push(format!("{PROGRAMME}/history"));
        pages.push(format!("/cities/resita/organisations/{org}/edit"));
        pages.extend(story_pages(&app).await);
        for lang in ["en", "ro"] {
            let cookie = format!("forja_session={}; lang={lang}", admin.session);
            for page in &pages {
                let r = app.get_with(page, "cookie", &cookie).await;
                assert!(
                    r.status == StatusCode::OK || page == "/nowhere-at-all",
                    "{page} ({lang}): {}",
                    r.status
                );
            }
            // Forms sent back with an error in every field they check.
            let long = "x".repeat(5000);
            for uri in [
                "/cities/resita/programmes/new",
                "/cities/resita/strategy/objectives/new",
                "/cities/resita/organisations/new",
            ] {
                let mut request = form(uri, Some(&admin), &format!("title={long}&name={long}&code="));
                request
                    .headers_mut()
                    .append("cookie", format!("lang={lang}").parse().unwrap());
                let r = app.request(request).await;
                assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{uri}");
            }
        }
        let missing = forja_web::i18n::missing_strings();
        assert!(missing.is_empty(), "interface strings missing: {missing:#?}");
    })
    .await;
}
