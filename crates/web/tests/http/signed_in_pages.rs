//! Signed-in pages come from the render cache like anonymous ones: one rendering per
//! rights and language, with each reader's own name and form token filled in.

use axum::http::StatusCode;
use forja_core::policy::Role;
use forja_services::auth;

use crate::accounts::{api, city_id, person};
use crate::{TestApp, each_backend};

/// A cookie header for a session, with this reader's own form token.
fn cookies(session: &str, csrf: &str) -> String {
    format!("forja_session={session}; forja_csrf={csrf}")
}

fn token(c: char) -> String {
    std::iter::repeat_n(c, 64).collect()
}

/// A signed-in person whose name needs escaping, with their session token.
async fn awkward(app: &TestApp) -> String {
    let resita = city_id(app, "resita").await;
    auth::add_user(
        &app.store,
        "awkward@test.forja",
        "Ana <b>&\"Ionescu\"",
        "correct horse battery staple",
        Role::CityEditor,
        Some(resita),
        None,
    )
    .await
    .unwrap()
    .unwrap();
    match auth::login(
        &app.store,
        "awkward@test.forja",
        "correct horse battery staple",
        "10.0.0.99",
    )
    .await
    .unwrap()
    {
        auth::Login::Ok { token, .. } => token,
        other => panic!("cannot sign in: {other:?}"),
    }
}

#[tokio::test]
async fn each_reader_of_a_shared_page_sees_their_own_name_token_and_rights() {
    each_backend(|app| async move {
        let ana = person(&app, "ana", Role::CityEditor, Some("resita"), None).await;
        let bob = person(&app, "bob", Role::CityEditor, Some("resita"), None).await;
        let gal = person(&app, "gal", Role::CityEditor, Some("galati"), None).await;
        let (a, b, g) = (token('a'), token('b'), token('c'));
        let page = "/cities/resita";
        // Twice each, so the second of every pair comes from the shared entry.
        for _ in 0..2 {
            let for_ana = app
                .get_with(page, "cookie", &cookies(&ana.session, &a))
                .await;
            assert_eq!(for_ana.status, StatusCode::OK);
            assert!(
                for_ana.body.contains(">ana</a>")
                    && for_ana.body.contains(&format!("value=\"{a}\"")),
                "Ana's own header"
            );
            assert!(!for_ana.body.contains('\u{1}'), "no mark is left");
            assert!(
                for_ana.body.contains("/cities/resita/edit"),
                "an editor of Reșița gets the edit link"
            );
            let for_bob = app
                .get_with(page, "cookie", &cookies(&bob.session, &b))
                .await;
            assert!(
                for_bob.body.contains(">bob</a>")
                    && for_bob.body.contains(&format!("value=\"{b}\"")),
                "Bob's own header"
            );
            assert!(
                !for_bob.body.contains(">ana</a>") && !for_bob.body.contains(&a),
                "nothing of Ana's"
            );
            assert_ne!(
                for_ana.header("etag"),
                for_bob.header("etag"),
                "one browser, two people: never 304 across them"
            );
            assert!(
                for_bob.header("cache-control").contains("private"),
                "a reader's own page is for their browser alone"
            );
            let for_gal = app
                .get_with(page, "cookie", &cookies(&gal.session, &g))
                .await;
            assert!(for_gal.body.contains(">gal</a>"));
            assert!(
                !for_gal.body.contains("/cities/resita/edit"),
                "an editor of Galați gets no edit link here"
            );
            let anonymous = app.get(page).await;
            assert!(
                !anonymous.body.contains("/logout")
                    && !anonymous.body.contains("/cities/resita/edit")
            );
        }
        // A name is printed as text, whatever it holds.
        let session = awkward(&app).await;
        let page = app
            .get_with("/cities/resita", "cookie", &cookies(&session, &token('d')))
            .await;
        assert!(
            page.body.contains("Ana &lt;b&gt;&amp;&#34;Ionescu&#34;"),
            "escaped as the templates escape"
        );
        assert!(!page.body.contains("<b>&"));
        // A change shows at once to a signed-in reader of the shared page.
        let v = app
            .request(api("GET", "/api/v1/cities/resita", Some(&ana), ""))
            .await
            .json()["version"]
            .clone();
        let r = app
            .request(api(
                "PATCH",
                "/api/v1/cities/resita",
                Some(&ana),
                &format!(r#"{{"version": {v}, "name": {{"en": "Resita, renamed"}}}}"#),
            ))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let after = app
            .get_with("/cities/resita", "cookie", &cookies(&bob.session, &b))
            .await;
        assert!(
            after.body.contains("Resita, renamed"),
            "fresh after a write"
        );
        // Signing out ends the shared page's header at once, not a second later.
        let seen = app
            .get_with("/cities/resita", "cookie", &cookies(&bob.session, &b))
            .await;
        assert!(seen.body.contains(">bob</a>"));
        let out = app
            .request(crate::accounts::form("/logout", Some(&bob), ""))
            .await;
        assert!(out.status.is_redirection(), "{}", out.status);
        let after = app
            .get_with("/cities/resita", "cookie", &cookies(&bob.session, &b))
            .await;
        assert!(!after.body.contains(">bob</a>"), "signed out at once");
        // An ended session is a signed-out reader at once, never a stale header.
        let ended = app
            .get_with("/cities/resita", "cookie", &cookies("no-such-session", &b))
            .await;
        assert_eq!(ended.status, StatusCode::OK);
        assert!(!ended.body.contains(">bob</a>") && !ended.body.contains('\u{1}'));
        // Pages that are not kept (an error page) are filled in too.
        let missing = app
            .get_with(
                "/cities/resita/programmes/no-such-programme",
                "cookie",
                &cookies(&bob.session, &b),
            )
            .await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert!(!missing.body.contains('\u{1}'), "no mark on an error page");
    })
    .await;
}
