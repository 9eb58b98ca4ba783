//! Published stories are readable at their address, each page at its own; drafts and
//! pages that do not exist are not found.

use axum::http::StatusCode;

use crate::{TestApp, each_backend};

async fn page_csp(app: &TestApp, path: &str) -> String {
    app.get(path)
        .await
        .header("content-security-policy")
        .to_owned()
}

#[tokio::test]
async fn a_published_story_reads_in_order_and_drafts_are_not_found() {
    each_backend(|app| async move {
        let page = app.get("/cities/resita/stories/resita-learns").await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(page.body.matches("<section class=\"page").count(), 19);
        assert!(page.body.contains("<html lang=\"en\">"));
        assert!(page.body.contains("Page 1 of 19"));
        assert!(
            page.body.contains("class=\"fact-figure\">15<"),
            "the live figure"
        );
        assert!(
            page.body.contains("paraphrased for this demo"),
            "quotes say they are paraphrases"
        );
        assert!(
            page.body.contains("<svg") && page.body.contains("Where Reșița is"),
            "the map page draws the city on the world map"
        );
        let ro = app.get("/cities/resita/stories/resita-invata/5").await;
        assert_eq!(ro.status, StatusCode::OK);
        assert!(ro.body.contains("<html lang=\"ro\">") && ro.body.contains("data-start=\"5\""));
        for missing in [
            "/cities/resita/stories/resita-learns/0",
            "/cities/resita/stories/resita-learns/20",
            "/cities/resita/stories/resita-learns/x",
            "/cities/galati/stories/resita-learns",
        ] {
            assert_eq!(
                app.get(missing).await.status,
                StatusCode::NOT_FOUND,
                "{missing}"
            );
        }
        let city = app.store.city_by_slug("resita").await.unwrap().unwrap();
        let draft: forja_core::story::StoryFields = serde_json::from_value(serde_json::json!({
            "title": "Draft", "language": "en",
            "chapters": [{"title": "One", "pages": [{"kind": "end"}]}]
        }))
        .unwrap();
        app.store
            .create_story(city.id, "draft", &draft, None, 0)
            .await
            .unwrap();
        assert_eq!(
            app.get("/cities/resita/stories/draft").await.status,
            StatusCode::NOT_FOUND
        );
        let sitemap = app.get("/sitemap.xml").await;
        assert_eq!(
            sitemap.header("content-type"),
            "application/xml; charset=utf-8"
        );
        assert!(
            sitemap
                .body
                .contains("/cities/resita/stories/resita-learns</loc>")
        );
        assert!(
            !sitemap.body.contains("/stories/draft"),
            "drafts are not listed"
        );
        // Story pages may be framed by other sites (the embed code); nothing else may.
        assert!(
            page_csp(&app, "/cities/resita/stories/resita-learns/2")
                .await
                .ends_with("frame-ancestors *")
        );
        assert!(
            page_csp(&app, "/cities/resita")
                .await
                .ends_with("frame-ancestors 'none'")
        );
        // Addresses come from the configured site, never from a request's Host header
        // (the page is cached for everyone).
        let forged = app.get_with("/cities/resita/stories/resita-learns", "host", "evil.example").await;
        assert!(!forged.body.contains("evil.example"));
        let end = app.get("/cities/resita/stories/resita-learns").await.body;
        // Embed code and previews need the whole address: other sites use them.
        assert!(
            end.contains("&lt;iframe src=&quot;http://localhost/cities/resita/stories/resita-learns&quot;")
                || end.contains("&lt;iframe src=\"http://localhost/cities/resita/stories/resita-learns\""),
            "the embed code"
        );
        assert!(end.contains(
            r#"<meta property="og:url" content="http://localhost/cities/resita/stories/resita-learns">"#
        ));
    })
    .await;
}

#[tokio::test]
async fn a_page_shows_its_picture_in_every_size_and_the_credits_list_it() {
    each_backend(|app| async move {
        use forja_store::edit_story::Story;
        use forja_store::versioned::{Change, Versioned};
        let dir = std::env::temp_dir().join(format!("forja-story-media-{}-{}", std::process::id(), app.backend));
        std::fs::create_dir_all(&dir).unwrap();
        let picture = dir.join("furnace.png");
        assert!(
            std::process::Command::new("ffmpeg")
                .args(["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=1500x900", "-frames:v", "1"])
                .arg(&picture)
                .status()
                .expect("ffmpeg must be installed")
                .success()
        );
        let alt = forja_core::LocalizedText::new().with("en", "A generated test pattern standing in for a furnace");
        let item = forja_services::media::import_for_city(
            &app.store, &app.media, "resita", &picture, alt, "Generated for the Forja demo", "CC0 1.0", true,
        )
        .await
        .unwrap();
        while forja_services::media::run_next_job(&app.store, &app.media).await.unwrap() {}
        // Before any published story shows it, it is the city's editors' alone.
        let draft_file = format!("/media/{item}/w480.webp");
        assert_eq!(app.get(&draft_file).await.status, StatusCode::NOT_FOUND, "not public yet");
        let editor = crate::accounts::person(&app, "editor", forja_core::policy::Role::CityEditor, Some("resita"), None).await;
        let galati = crate::accounts::person(&app, "galati", forja_core::policy::Role::CityEditor, Some("galati"), None).await;
        let own = app.get_with(&draft_file, "cookie", &format!("forja_session={}", editor.session)).await;
        assert_eq!(own.status, StatusCode::OK);
        assert_eq!(own.header("cache-control"), "private, max-age=3600");
        let other = app.get_with(&draft_file, "cookie", &format!("forja_session={}", galati.session)).await;
        assert_eq!(other.status, StatusCode::NOT_FOUND, "another city's editor");
        // Put it behind the cover and publish that version.
        let city = app.store.city_by_slug("resita").await.unwrap().unwrap();
        let row = app.store.story_row(city.id, "resita-learns", false).await.unwrap().unwrap();
        let mut doc = Story::read(&app.store, row.id).await.unwrap().unwrap().fields;
        if let forja_core::story::Page::Cover { background, .. } = &mut doc.chapters[0].pages[0] {
            *background = Some(item);
        }
        let saved = app.store.change::<Story>(row.id, row.version, Change::Update(doc), None, 1).await.unwrap();
        let forja_store::versioned::Saved::Ok { version } = saved else { panic!("{saved:?}") };
        assert!(app.store.publish_story(row.id, version, 2).await.unwrap());
        let page = app
            .get_with("/cities/resita/stories/resita-learns", "cookie", "forja_session=none")
            .await
            .body;
        assert!(page.contains(&format!("/media/{item}/w480.webp 480w, /media/{item}/w960.webp 960w, /media/{item}/w1440.webp 1440w")), "srcset");
        assert!(page.contains("alt=\"A generated test pattern standing in for a furnace\""));
        assert!(page.contains("Generated for the Forja demo · CC0 1.0"), "credited");
        assert!(page.contains("data:image/jpeg;base64,"), "a placeholder while it loads");
        assert!(
            page.contains(&format!(r#"<meta property="og:image" content="http://localhost/media/{item}/w960.jpg">"#)),
            "the cover is the link preview's picture"
        );
        // A focal point set in the library keeps that part in view on every screen.
        let r = app
            .request(crate::accounts::form(&format!("/cities/resita/media/{item}/focus"), Some(&editor), "x=30&y=70"))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let bad = app
            .request(crate::accounts::form(&format!("/cities/resita/media/{item}/focus"), Some(&editor), "x=35&y=70"))
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        let page = app
            .get_with("/cities/resita/stories/resita-learns", "cookie", "forja_session=none")
            .await
            .body;
        assert!(page.contains("class=\"bg-image fx-30 fy-70\""), "the focal point's classes");
        let file = app.get(&format!("/media/{item}/w960.webp")).await;
        assert_eq!(file.status, StatusCode::OK);
        assert_eq!(file.header("cache-control"), "public, max-age=86400", "published: anyone's");
        assert_eq!(file.header("content-type"), "image/webp");
        let part = app
            .get_with(&format!("/media/{item}/w960.jpg"), "range", "bytes=0-9")
            .await;
        assert_eq!(part.status, StatusCode::PARTIAL_CONTENT);
        assert!(part.header("content-range").starts_with("bytes 0-9/"));
        assert_eq!(app.get(&format!("/media/{item}/original.png")).await.status, StatusCode::NOT_FOUND);
    })
    .await;
}
