//! `/search` and `/api/v1/search` as readers and programs use them: spellings, facets,
//! paging, and whatever is typed into the box.

use axum::http::StatusCode;

use crate::{count, each_backend};

#[tokio::test]
async fn the_search_page_finds_by_any_spelling_and_narrows_by_facets() {
    each_backend(|app| async move {
        let empty = app.get("/search").await;
        assert_eq!(empty.status, StatusCode::OK);
        assert!(
            empty.body.contains("things to find"),
            "no words: everything, to browse"
        );
        for q in ["%C8%99coal%C4%83", "%C5%9Fcoal%C4%83", "scoala", "SCOALA"] {
            let r = app
                .get_with(&format!("/search?q={q}"), "accept-language", "ro")
                .await;
            assert_eq!(r.status, StatusCode::OK, "{q}");
            assert!(r.body.contains("<mark>"), "{q}: the words found are marked");
        }
        let ro = app
            .get_with("/search?q=invatare+resita", "accept-language", "ro")
            .await;
        assert!(ro.body.contains("href=\"/cities/resita/strategy\""));
        assert!(
            ro.body.contains("Strategia Reșița"),
            "titles in the reader's language"
        );
        let en = app.get("/search?q=invatare+resita").await;
        assert!(
            en.body.contains("Reșița Learning City Strategy") || en.body.contains("lang=\"ro\"")
        );
        // A facet link narrows, and the narrowed page offers to take it away again.
        let programmes = app.get("/search?q=invatare&kind=programme").await;
        assert!(programmes.body.contains("/cities/resita/programmes/"));
        assert!(!programmes.body.contains("href=\"/cities/resita/strategy\""));
        assert!(programmes.body.contains("aria-current=\"true\""));
        assert!(
            programmes.body.contains("href=\"/search?q=invatare\""),
            "the way back"
        );
        // A typo and a member known only from the roster.
        let typo = app.get("/search?q=eskisehri").await;
        assert!(typo.body.contains("href=\"/cities/eskisehir\""));
        let nothing = app.get("/search?q=qwertyuiop+asdf").await;
        assert!(nothing.body.contains("Nothing matches every word"));
    })
    .await;
}

#[tokio::test]
async fn whatever_is_typed_gets_an_answer_never_a_crash() {
    each_backend(|app| async move {
        for q in [
            "%22",
            "%3A",
            "*",
            "(",
            "%22port%22%3A(*",
            "%00",
            "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        ] {
            let r = app.get(&format!("/search?q={q}")).await;
            assert_eq!(r.status, StatusCode::OK, "{q}");
            assert!(!r.body.contains("<script>alert"), "{q} is shown as text");
        }
        // Ten thousand characters: the first twelve words are searched, and it says so.
        let long = "invatare+".repeat(1200);
        let r = app.get(&format!("/search?q={long}")).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains("Only the first 12 words were searched"));
        let api = app.get(&format!("/api/v1/search?q={long}")).await;
        assert_eq!(api.status, StatusCode::BAD_REQUEST);
        assert_eq!(api.json()["parameter"], "q");
        // An unknown value finds nothing; a value that is no code is refused, named.
        let unknown = app.get("/search?country=ZZ").await;
        assert_eq!(unknown.status, StatusCode::OK);
        assert!(unknown.body.contains("Nothing found"));
        let too_long = app
            .get(&format!("/search?country={}", "x".repeat(65)))
            .await;
        assert_eq!(too_long.status, StatusCode::BAD_REQUEST);
        assert!(too_long.body.contains("“country”"));
        for (uri, parameter) in [
            ("/search?page=0", "page"),
            ("/search?page=51", "page"),
            ("/api/v1/search?per_page=0", "per_page"),
            ("/api/v1/search?language=fr", "language"),
            ("/api/v1/search?prefix=maybe", "prefix"),
        ] {
            let bad = app.get(uri).await;
            assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{uri}");
            if uri.starts_with("/api") {
                assert_eq!(bad.json()["parameter"], parameter, "{uri}");
            } else {
                assert!(bad.body.contains(&format!("“{parameter}”")), "{uri}");
            }
        }
        // A parameter that is not the search's is left alone.
        let tagged = app.get("/search?q=resita&utm_source=mail").await;
        assert_eq!(tagged.status, StatusCode::OK);
    })
    .await;
}

#[tokio::test]
async fn the_api_pages_results_counts_facets_and_suggests() {
    each_backend(|app| async move {
        let all = app.get("/api/v1/search?per_page=5").await;
        assert_eq!(all.status, StatusCode::OK);
        let all = all.json();
        let total = all["total"].as_u64().unwrap();
        assert!(total > 200, "{total}");
        assert_eq!(all["hits"].as_array().unwrap().len(), 5);
        let kinds = all["facets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == "kind")
            .unwrap()["values"]
            .as_array()
            .unwrap()
            .clone();
        let sum: u64 = kinds.iter().map(|v| v["count"].as_u64().unwrap()).sum();
        assert_eq!(sum, total, "every document has one kind");
        let groups = app
            .get("/api/v1/search?group=roma&language=ro")
            .await
            .json();
        let group = groups["facets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == "group")
            .unwrap()["values"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["value"] == "roma")
            .unwrap()
            .clone();
        assert_eq!(group["selected"], true);
        assert!(
            group["label"]["ro"].as_str().is_some(),
            "a node's name travels"
        );
        // As one types, the last word may be a start.
        let typing = app
            .get("/api/v1/search?q=Eski%C8%99&prefix=true&per_page=5")
            .await
            .json();
        assert_eq!(typing["hits"][0]["url"], "/cities/eskisehir");
        let whole = app.get("/api/v1/search?q=Eski%C8%99").await.json();
        assert_eq!(whole["total"], 0, "a whole search wants whole words");
        let page = app
            .get("/api/v1/search?q=resita&per_page=2&page=2")
            .await
            .json();
        assert_eq!(page["hits"].as_array().unwrap().len(), 2);
    })
    .await;
}

#[tokio::test]
async fn the_search_form_is_labelled_and_named_in_the_navigation() {
    each_backend(|app| async move {
        let r = app
            .get_with("/search?q=resita", "accept-language", "ro")
            .await;
        assert!(r.body.contains("<label for=\"q\">Căutați</label>"));
        assert!(r.body.contains("role=\"search\""));
        assert_eq!(count(&r.body, "<h1"), 1);
        let home = app.get("/").await;
        assert!(home.body.contains("href=\"/search\""));
    })
    .await;
}
