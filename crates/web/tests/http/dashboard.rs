//! Signing in lands on the dashboard: the role named with its city, what it may open
//! there, and for a coordinator the stories waiting for publication. A refusal keeps
//! the signed-in header and offers the way back to the person's own city.

use axum::http::StatusCode;
use forja_core::policy::Role;

use crate::accounts::person;
use crate::each_backend;

#[tokio::test]
async fn signing_in_lands_on_the_dashboard_which_names_the_city_and_the_work() {
    each_backend(|app| async move {
        let editor = person(&app, "eve", Role::CityEditor, Some("resita"), None).await;
        let coordinator = person(&app, "cora", Role::CityCoordinator, Some("resita"), None).await;
        let reader = person(&app, "rita", Role::Reader, Some("resita"), None).await;
        let get = |who: &crate::accounts::Person, lang: &str, uri: &str| {
            let cookie = format!("forja_session={}; lang={lang}", who.session);
            let uri = uri.to_owned();
            let app = &app;
            async move { app.get_with(&uri, "cookie", &cookie).await }
        };
        // The login form sends a person without a destination to the dashboard.
        let login = app.get("/login").await;
        assert!(
            login.body.contains("name=\"next\" value=\"/dashboard\""),
            "the login goes to the dashboard"
        );

        let page = get(&editor, "en", "/dashboard").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.body.contains("You are editor for Reșița."),
            "the role names the city"
        );
        for link in [
            "/cities/resita/edit",
            "/cities/resita/strategy",
            "/cities/resita/stories",
            "/cities/resita/media",
        ] {
            assert!(
                page.body.contains(&format!("href=\"{link}\"")),
                "the editor may open {link}"
            );
        }
        assert!(
            !page.body.contains("href=\"/cities/resita/people\""),
            "people are the coordinator's"
        );
        let ro = get(&editor, "ro", "/dashboard").await;
        assert!(
            ro.body.contains("Sunteți editor pentru Reșița."),
            "in Romanian too"
        );

        // A draft change to the demo story waits for the coordinator's publication.
        let story = app
            .store
            .story_row(
                crate::accounts::city_id(&app, "resita").await,
                "resita-learns",
                false,
            )
            .await
            .unwrap()
            .unwrap();
        app.store
            .publish_story(story.id, story.version, 0)
            .await
            .ok();
        let before = get(&coordinator, "en", "/dashboard").await;
        assert!(
            !before.body.contains("Waiting for publication"),
            "nothing waits while all is published"
        );
        let edited = app
            .request(crate::accounts::form(
                "/cities/resita/stories/resita-learns/edit/1",
                Some(&editor),
                &format!(
                    "version={}&title=Re%C8%99i%C8%9Ba%20learns%20again",
                    story.version
                ),
            ))
            .await;
        assert!(edited.status.is_redirection(), "{}", edited.status);
        let after = get(&coordinator, "en", "/dashboard").await;
        assert!(after.body.contains("You are coordinator for Reșița."));
        assert!(
            after.body.contains("Waiting for publication"),
            "the coordinator sees what waits"
        );
        assert!(
            after
                .body
                .contains("href=\"/cities/resita/stories/resita-learns/edit\"")
        );
        assert!(after.body.contains("href=\"/cities/resita/people\""));

        let nothing = get(&reader, "en", "/dashboard").await;
        assert!(nothing.body.contains("You are reader in Reșița."));
        assert!(nothing.body.contains("read everything and change nothing"));

        // Refused: the header stays signed in and the way back is the person's city.
        let refused = get(&reader, "en", "/cities/resita/edit").await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert!(
            refused.body.contains("action=\"/logout\""),
            "still signed in on the refusal"
        );
        assert!(
            refused.body.contains("Back to Reșița, your city"),
            "the way back"
        );
        assert!(refused.body.contains("href=\"/dashboard\""));
        let anonymous = app.get("/cities/resita/edit").await;
        assert!(!anonymous.body.contains("your city"));
    })
    .await;
}
