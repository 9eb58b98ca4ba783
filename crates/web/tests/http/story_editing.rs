//! The story editor over HTTP, on SQLite and PostgreSQL: every bad input gets its message
//! and stores nothing (a faint theme, a picture as a sound, an unfinished story, a stale
//! version, an oversized or undescribed upload); publishing is the coordinator's; drafts
//! and previews are for editors and framed by Forja only; a theme is allowed by its hash.

use axum::http::StatusCode;
use forja_core::policy::Role;
use forja_core::story::StoryFields;

use crate::accounts::{form, multipart, person};
use crate::{TestApp, each_backend};

pub(crate) async fn story(app: &TestApp, slug: &str) -> (StoryFields, i32, Option<i32>) {
    let city = app.store.city_by_slug("resita").await.unwrap().unwrap();
    let row = app
        .store
        .story_row(city.id, slug, true)
        .await
        .unwrap()
        .unwrap();
    (
        serde_json::from_value(row.document.clone()).unwrap(),
        row.version,
        row.published_version,
    )
}

#[tokio::test]
async fn a_story_is_built_checked_and_published_by_the_coordinator_only() {
    each_backend(|app| async move {
        let editor = person(&app, "editor", Role::CityEditor, Some("resita"), None).await;
        let coordinator =
            person(&app, "coordinator", Role::CityCoordinator, Some("resita"), None).await;
        let r = app
            .request(form("/cities/resita/stories", Some(&editor), "title=Forge+stories&language=en"))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(r.header("location"), "/cities/resita/stories/forge-stories/edit");
        // The same address again, and a reserved one, are refused beside the field.
        for body in ["title=Forge+stories&language=en", "slug=draft&title=X&language=en"] {
            let again = app.request(form("/cities/resita/stories", Some(&editor), body)).await;
            assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
            assert!(again.body.contains("Address (slug)"));
        }
        let base = "/cities/resita/stories/forge-stories";
        let (_, v, _) = story(&app, "forge-stories").await;

        // A faint theme: refused with its ratio, nothing stored.
        let faint = format!(
            "title=Forge+stories&language=en&summary=&theme_background=%23ffffff&theme_text=%23aaaaaa&theme_accent=%23000000&version={v}"
        );
        let r = app.request(form(&format!("{base}/edit"), Some(&editor), &faint)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("contrast 2.32:1"), "{}", r.body);
        assert_eq!(story(&app, "forge-stories").await.1, v, "nothing saved");

        // An outline step on a stale version is a conflict; an unknown step a 422.
        let r = app
            .request(form(&format!("{base}/outline"), Some(&editor), &format!("op=add-page:0&kind_0=quote&version={}", v + 5)))
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        let r = app
            .request(form(&format!("{base}/outline"), Some(&editor), &format!("op=explode:0&version={v}")))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let r = app
            .request(form(&format!("{base}/outline"), Some(&editor), &format!("op=add-page:0&kind_0=quote&version={v}")))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let (doc, v, _) = story(&app, "forge-stories").await;
        assert_eq!(doc.page_count(), 4);
        // The new page goes before the credits and the end: page 2.
        assert_eq!(doc.page(2).map(|p| p.kind()), Some("quote"));
        // A page may only show what the city's library holds, of the right kind.
        let r = app
            .request(form(&format!("{base}/edit/2"), Some(&editor), &format!("words=We+learn.&speaker=A+teacher&role=&clip=999&captions=&background=&version={v}")))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("Pick one of the choices offered here"));

        // Unfinished pages hold publishing back, and editors may not publish at all.
        let r = app.request(form(&format!("{base}/publish"), Some(&coordinator), &format!("version={v}"))).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("These pages still miss words they need: 2"), "{}", r.body);
        let r = app
            .request(form(&format!("{base}/edit/2"), Some(&editor), &format!("words=We+learn.&speaker=A+teacher&role=&clip=&captions=&background=&version={v}")))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let v = v + 1;
        let r = app.request(form(&format!("{base}/publish"), Some(&editor), &format!("version={v}"))).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert_eq!(app.get(base).await.status, StatusCode::NOT_FOUND, "still a draft");
        let r = app.request(form(&format!("{base}/publish"), Some(&coordinator), &format!("version={v}"))).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let public = app.get(&format!("{base}/2")).await;
        assert_eq!(public.status, StatusCode::OK);
        assert!(public.body.contains("We learn."));
        assert_eq!(story(&app, "forge-stories").await.2, Some(v));
        // Readers are offered the same story in another language, not any other story.
        let learns = app.get("/cities/resita/stories/resita-learns").await.body;
        assert!(learns.contains("href=\"/cities/resita/stories/resita-invata\""));
        assert!(!learns.contains("forge-stories"), "another story is not a translation");
        let r = app
            .request(form(&format!("{base}/edit"), Some(&editor), &format!(
                "title=Forge+stories&language=en&summary=&theme_background=%2316181d&theme_text=%23f4f1ec&theme_accent=%23f0a25a&translation_of=no-such-story&version={v}"
            )))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "only the city's stories");

        // A later edit is a draft until published again; history restores the first.
        let r = app
            .request(form(&format!("{base}/outline"), Some(&editor), &format!("op=remove-page:4&version={v}")))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert!(app.get(&format!("{base}/2")).await.body.contains("We learn."), "readers keep the published version");
        let r = app.request(form(&format!("{base}/history/1/restore"), Some(&editor), "")).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(story(&app, "forge-stories").await.0.page_count(), 3, "as first created");
    })
    .await;
}

#[tokio::test]
async fn drafts_and_previews_are_for_editors_and_framed_by_forja_only() {
    each_backend(|app| async move {
        let editor = person(&app, "editor", Role::CityEditor, Some("resita"), None).await;
        let galati = person(&app, "galati", Role::CityEditor, Some("galati"), None).await;
        let draft = "/cities/resita/stories/resita-learns/draft/3";
        assert_eq!(
            app.get(draft).await.status,
            StatusCode::SEE_OTHER,
            "anonymous: sign in first"
        );
        let cookie = |p: &crate::accounts::Person| format!("forja_session={}", p.session);
        let other = app.get_with(draft, "cookie", &cookie(&galati)).await;
        assert_eq!(other.status, StatusCode::FORBIDDEN, "another city's editor");
        let own = app.get_with(draft, "cookie", &cookie(&editor)).await;
        assert_eq!(own.status, StatusCode::OK);
        assert!(own.body.contains("Draft, not published") && own.body.contains("noindex"));
        assert!(
            own.header("content-security-policy")
                .ends_with("frame-ancestors 'self'")
        );
        assert_eq!(own.header("x-frame-options"), "SAMEORIGIN");
        let preview = app
            .request(form(
                "/cities/resita/stories/resita-learns/edit/1/preview",
                Some(&editor),
                "title=Previewed+title&subtitle=&background=",
            ))
            .await;
        assert_eq!(preview.status, StatusCode::OK);
        assert!(
            preview.body.contains("Previewed title"),
            "the typed words, not saved"
        );
        assert!(
            !app.get("/cities/resita/stories/resita-learns")
                .await
                .body
                .contains("Previewed title")
        );
        // Editor pages are never framed; published pages by anyone.
        let edit = app
            .get_with(
                "/cities/resita/stories/resita-learns/edit",
                "cookie",
                &cookie(&editor),
            )
            .await;
        assert_eq!(edit.status, StatusCode::OK);
        assert_eq!(edit.header("x-frame-options"), "DENY");
        assert!(
            edit.header("content-security-policy")
                .ends_with("frame-ancestors 'none'")
        );
        let page = app
            .get_with(
                "/cities/resita/stories/resita-learns/edit/2",
                "cookie",
                &cookie(&editor),
            )
            .await;
        assert_eq!(page.header("x-frame-options"), "DENY");
        assert!(page.body.contains("iframe name=\"story-preview\""));
    })
    .await;
}

#[tokio::test]
async fn a_theme_is_allowed_by_its_hash_on_its_own_story_only() {
    each_backend(|app| async move {
        let coordinator =
            person(&app, "coordinator", Role::CityCoordinator, Some("resita"), None).await;
        let base = "/cities/resita/stories/resita-learns";
        let (_, v, _) = story(&app, "resita-learns").await;
        let theme = format!(
            "title=Re%C8%99i%C8%9Ba+learns&language=en&summary=&theme_background=%23ffffff&theme_text=%23222222&theme_accent=%231d4f91&version={v}"
        );
        let r = app.request(form(&format!("{base}/edit"), Some(&coordinator), &theme)).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let r = app.request(form(&format!("{base}/publish"), Some(&coordinator), &format!("version={}", v + 1))).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let page = app.get(base).await;
        let style = ":root{--bg:#ffffff;--fg:#222222;--accent:#1d4f91;--muted:#222222}";
        assert!(page.body.contains(&format!("<style>{style}</style>")));
        use base64::Engine;
        use sha2::Digest;
        let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(style));
        let csp = page.header("content-security-policy");
        assert!(csp.contains(&format!("style-src 'self' 'sha256-{hash}'")), "{csp}");
        assert!(csp.ends_with("frame-ancestors *"));
        // Other stories keep the plain policy.
        let other = app.get("/cities/resita/stories/resita-invata").await;
        assert!(other.header("content-security-policy").contains("style-src 'self';"));
    })
    .await;
}

#[tokio::test]
async fn uploads_need_a_description_and_stop_at_the_limit_storing_nothing() {
    each_backend(|app| async move {
        // Past axum's own 2 MiB default for extractors, within the configured limit.
        let roomy = app.with_upload_limit(8 << 20);
        let editor = person(&roomy, "bigfile", Role::CityEditor, Some("resita"), None).await;
        let fields = [
            ("alt_en", "A long clip"),
            ("alt_ro", ""),
            ("credit", "Me"),
            ("licence", "CC BY 4.0"),
        ];
        let r = roomy
            .request(multipart(
                "/cities/resita/media",
                Some(&editor),
                &fields,
                // A real picture's header, then padding to 3 MiB.
                &[crate::accounts::ONE_PIXEL_PNG, &vec![0u8; 3 << 20]].concat(),
            ))
            .await;
        assert_eq!(
            r.status,
            StatusCode::SEE_OTHER,
            "a 3 MiB file under an 8 MiB limit"
        );
        // A reader may not upload at all.
        let reader = person(&roomy, "reader", Role::Reader, Some("resita"), None).await;
        let r = roomy
            .request(multipart(
                "/cities/resita/media",
                Some(&reader),
                &fields,
                b"x",
            ))
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let app = roomy.with_upload_limit(64 * 1024);
        let editor = person(&app, "editor", Role::CityEditor, Some("resita"), None).await;
        let city = app.store.city_by_slug("resita").await.unwrap().unwrap();
        let before = app.store.media_of(city.id).await.unwrap().len();
        let fields = [
            ("alt_en", ""),
            ("alt_ro", ""),
            ("credit", "Me"),
            ("licence", "CC BY 4.0"),
        ];
        let r = app
            .request(multipart(
                "/cities/resita/media",
                Some(&editor),
                &fields,
                b"bytes",
            ))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.body.contains("Fill this in"),
            "the description is asked for"
        );
        let fields = [
            ("alt_en", "A furnace"),
            ("alt_ro", ""),
            ("credit", "Me"),
            ("licence", "CC BY 4.0"),
        ];
        let big = vec![0u8; 100 * 1024];
        let r = app
            .request(multipart(
                "/cities/resita/media",
                Some(&editor),
                &fields,
                &big,
            ))
            .await;
        assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
        assert!(
            r.body.contains("larger than the upload limit"),
            "{}",
            r.body
        );
        assert_eq!(
            app.store.media_of(city.id).await.unwrap().len(),
            before,
            "nothing stored"
        );
        // Without the form's token the upload is refused before it is read.
        let mut stolen = multipart("/cities/resita/media", Some(&editor), &fields, b"x");
        *stolen.uri_mut() = "/cities/resita/media".parse().unwrap();
        assert_eq!(app.request(stolen).await.status, StatusCode::FORBIDDEN);
        // What is no picture at all is refused, saying so, and nothing is stored.
        let r = app
            .request(multipart(
                "/cities/resita/media",
                Some(&editor),
                &fields,
                b"small",
            ))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("cannot read this file"), "{}", r.body);
        assert_eq!(app.store.media_of(city.id).await.unwrap().len(), before);
        let r = app
            .request(multipart(
                "/cities/resita/media",
                Some(&editor),
                &fields,
                crate::accounts::ONE_PIXEL_PNG,
            ))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(app.store.media_of(city.id).await.unwrap().len(), before + 1);
        // Any other body over the form limit is still refused whole.
        let huge = format!("title={}", "x".repeat(forja_web::BODY_LIMIT + 1));
        let r = app
            .request(form("/cities/resita/stories", Some(&editor), &huge))
            .await;
        assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    })
    .await;
}

#[tokio::test]
async fn a_deleted_story_leaves_readers_and_comes_back_as_a_draft() {
    each_backend(|app| async move {
        let editor = person(&app, "editor", Role::CityEditor, Some("resita"), None).await;
        let coordinator = person(
            &app,
            "coordinator",
            Role::CityCoordinator,
            Some("resita"),
            None,
        )
        .await;
        let base = "/cities/resita/stories/resita-invata";
        let (_, v, published) = story(&app, "resita-invata").await;
        assert!(published.is_some());
        let r = app
            .request(form(
                &format!("{base}/delete"),
                Some(&editor),
                &format!("version={v}"),
            ))
            .await;
        assert_eq!(
            r.status,
            StatusCode::FORBIDDEN,
            "taking a story down is the coordinator's"
        );
        let r = app
            .request(form(
                &format!("{base}/delete"),
                Some(&coordinator),
                &format!("version={}&confirm=yes", v + 3),
            ))
            .await;
        assert_eq!(
            r.status,
            StatusCode::CONFLICT,
            "a stale version deletes nothing"
        );
        assert_eq!(app.get(base).await.status, StatusCode::OK);
        let r = app
            .request(form(
                &format!("{base}/delete"),
                Some(&coordinator),
                &format!("version={v}&confirm=yes"),
            ))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(app.get(base).await.status, StatusCode::NOT_FOUND);
        assert!(
            !app.get("/cities/resita")
                .await
                .body
                .contains("resita-invata"),
            "nor listed"
        );
        let list = app
            .get_with(
                "/cities/resita/stories",
                "cookie",
                &format!("forja_session={}", editor.session),
            )
            .await;
        assert!(
            list.body.contains("Deleted stories")
                && list.body.contains("/stories/resita-invata/history")
        );
        let r = app
            .request(form(
                &format!("{base}/history/{v}/restore"),
                Some(&editor),
                "",
            ))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let (_, _, published) = story(&app, "resita-invata").await;
        assert_eq!(
            published, None,
            "back as a draft, for the coordinator to publish again"
        );
        assert_eq!(app.get(base).await.status, StatusCode::NOT_FOUND);
    })
    .await;
}
