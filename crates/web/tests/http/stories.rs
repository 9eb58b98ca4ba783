//! Published stories are readable at their address, each page at its own; drafts and
//! pages that do not exist are not found.

use axum::http::StatusCode;

use crate::each_backend;

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
    })
    .await;
}
