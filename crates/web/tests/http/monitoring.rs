//! Monitoring over HTTP on both databases: pages and downloads answer, small counts are
//! protected for the public and true for the city's editor, the API reads the catalogue,
//! a series (with its strong ETag) and filtered observations, and imports a CSV body
//! with a dry run first, refusing bad files and rows with what to fix, then undoes it.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use forja_core::policy::Role;

use crate::accounts::person;
use crate::each_backend;

fn csv_post(uri: &str, token: &str, kind: &str, body: &str) -> Request<Body> {
    Request::post(uri)
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", kind)
        .body(Body::from(body.to_owned()))
        .unwrap()
}

#[tokio::test]
async fn monitoring_pages_and_downloads_protect_small_counts_for_the_public() {
    each_backend(|app| async move {
        for uri in [
            "/cities/resita/monitoring",
            "/cities/resita/monitoring/4.3.1",
            "/cities/resita/monitoring/4.3.1?sex=F&urbanisation=R",
            "/indicators",
            "/indicators/4.3.1",
            "/cities/resita/strategy",
        ] {
            let r = app.get(uri).await;
            assert_eq!(r.status, StatusCode::OK, "{uri}");
        }
        for uri in [
            "/cities/resita/monitoring/9.9.9",
            "/indicators/9.9.9",
            "/cities/resita/monitoring/4.3.1/data.xml",
        ] {
            assert_eq!(app.get(uri).await.status, StatusCode::NOT_FOUND, "{uri}");
        }
        // A filter naming a code the indicator does not have shows the total.
        let r = app.get("/cities/resita/monitoring/4.3.1?sex=X").await;
        assert!(
            r.body.contains("id=\"series-heading\">Total<"),
            "stale filters fall back to the total"
        );

        let roma = "/cities/resita/monitoring/LC.VULNERABLE-LEARNERS?target-group=roma&sex=M";
        let public = app.get(roma).await;
        assert!(
            public.body.contains("num\">fewer than 5<") && public.body.contains("num\">withheld<")
        );
        let editor = person(&app, "eddie", Role::CityEditor, Some("resita"), None).await;
        let cookie = format!("forja_session={}", editor.session);
        let own = app.get_with(roma, "cookie", &cookie).await;
        assert!(
            !own.body.contains("num\">fewer than 5<") && own.body.contains("num\">2<"),
            "the city's editor sees true values"
        );
        let galati = person(&app, "gil", Role::CityEditor, Some("galati"), None).await;
        let other = app
            .get_with(roma, "cookie", &format!("forja_session={}", galati.session))
            .await;
        assert!(
            other.body.contains("num\">fewer than 5<"),
            "another city's editor does not"
        );

        let csv = app
            .get("/cities/resita/monitoring/LC.VULNERABLE-LEARNERS/data.csv")
            .await;
        assert_eq!(csv.status, StatusCode::OK);
        assert!(csv.header("content-type").starts_with("text/csv"));
        assert!(
            csv.body
                .starts_with("Indicator,Year,Target group,Sex,Value,"),
            "{}",
            &csv.body[..60]
        );
        assert!(
            csv.body.contains("LC.VULNERABLE-LEARNERS,2022,roma,M,,A,"),
            "a protected count has no value"
        );
        // The workbook: a ZIP container (OOXML) of the same rows.
        let xlsx = app
            .request(
                Request::get("/cities/resita/monitoring/LC.VULNERABLE-LEARNERS/data.xlsx")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(xlsx.status, StatusCode::OK);
        assert!(xlsx.header("content-type").contains("spreadsheetml"));
        assert!(
            xlsx.header("content-disposition")
                .contains("resita-lc-vulnerable-learners.xlsx")
        );
        let own_csv = app
            .get_with(
                "/cities/resita/monitoring/LC.VULNERABLE-LEARNERS/data.csv",
                "cookie",
                &cookie,
            )
            .await;
        assert!(
            own_csv
                .body
                .contains("LC.VULNERABLE-LEARNERS,2022,roma,M,2,A,")
        );
    })
    .await;
}

#[tokio::test]
async fn the_api_reads_series_and_observations_and_imports_with_a_dry_run_first() {
    each_backend(|app| async move {
        let list = app.get("/api/v1/indicators?per_page=100").await.json();
        assert!(list["items"].as_array().unwrap().iter().any(|i| i["code"] == "4.3.1" && i["better"] == "higher"));

        let series = app.get("/api/v1/cities/resita/indicators/4.3.1").await;
        assert_eq!(series.status, StatusCode::OK);
        let etag = series.header("etag").to_owned();
        assert!(etag.starts_with('"') && !etag.starts_with("W/"), "a strong ETag: {etag}");
        let doc = series.json();
        assert_eq!(doc["observations"].as_array().unwrap().len(), 7);
        assert_eq!(doc["rating"]["status"], "substantial-progress");
        assert_eq!(doc["target"]["local_target"], "4.3.RES.1");

        let obs = app
            .get("/api/v1/cities/resita/observations?indicator=LC.VULNERABLE-LEARNERS&breakdown=sex=M|target-group=roma&from=2022&to=2023")
            .await
            .json();
        let items = obs["items"].as_array().unwrap();
        assert_eq!(items.len(), 2, "{obs}");
        assert_eq!(items[0]["value"], serde_json::Value::Null);
        assert_eq!(items[0]["confidentiality"], "A");
        for bad in ["from=2023-X", "breakdown=sex", "page=0"] {
            let r = app.get(&format!("/api/v1/cities/resita/observations?{bad}")).await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}");
        }

        let editor = person(&app, "ivy", Role::CityEditor, Some("cugir"), None).await;
        let uri = "/api/v1/cities/cugir/imports";
        let body = "Indicator;Year;Value\n4.3.1;2026;9,5\n4.3.1;2019;6,1\n";
        let dry = app.request(csv_post(&format!("{uri}?dry_run=true"), &editor.token, "text/csv", body)).await;
        assert_eq!(dry.status, StatusCode::OK, "{}", dry.body);
        let d = dry.json();
        assert_eq!((d["created"].as_u64(), d["updated"].as_u64(), d["import"].clone()), (Some(1), Some(1), serde_json::Value::Null));
        let after_dry = app.get("/api/v1/cities/cugir/indicators/4.3.1").await.json();
        assert_eq!(after_dry["observations"].as_array().unwrap().len(), 7, "nothing stored by a dry run");

        let done = app.request(csv_post(uri, &editor.token, "text/csv; charset=utf-8", body)).await;
        assert_eq!(done.status, StatusCode::CREATED, "{}", done.body);
        let id = done.json()["import"].as_i64().unwrap();
        let after = app.get("/api/v1/cities/cugir/indicators/4.3.1").await;
        assert_ne!(after.header("etag"), series.header("etag"));
        assert_eq!(after.json()["observations"].as_array().unwrap().len(), 8);

        // The Excel download imports back as it is: every value unchanged.
        let xlsx = app.get("/cities/cugir/monitoring/4.3.1/data.xlsx").await;
        assert_eq!(xlsx.status, StatusCode::OK);
        let again = app
            .request(
                Request::post(format!("{uri}?dry_run=true"))
                    .header("authorization", format!("Bearer {}", editor.token))
                    .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                    .body(Body::from(xlsx.bytes.clone()))
                    .unwrap(),
            )
            .await;
        assert_eq!(again.status, StatusCode::OK, "{}", again.body);
        let a = again.json();
        assert_eq!(
            (a["created"].as_u64(), a["updated"].as_u64(), a["unchanged"].as_u64(), a["rejected"].as_u64()),
            (Some(0), Some(0), Some(8), Some(0)),
            "{a}"
        );

        // Rows with mistakes: nothing stored, each named.
        let bad = app
            .request(csv_post(uri, &editor.token, "text/csv", "Indicator,Year,Value\n4.3.1,2027,140\n4.3.1,2028,12\n"))
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
        assert!(bad.body.contains("line 2, Value") && bad.body.contains("between 0 and 100"), "{}", bad.body);
        // A file that cannot be read at all.
        let no_value = app.request(csv_post(uri, &editor.token, "text/csv", "Indicator,Year,Amount\n4.3.1,2027,1\n")).await;
        assert_eq!(no_value.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(no_value.body.contains("Value"), "{}", no_value.body);
        let json = app.request(csv_post(uri, &editor.token, "application/json", "{}")).await;
        assert_eq!(json.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        let other_city = app
            .request(csv_post("/api/v1/cities/galati/imports", &editor.token, "text/csv", body))
            .await;
        assert_eq!(other_city.status, StatusCode::FORBIDDEN);

        let undo = app
            .request(
                Request::post(format!("{uri}/{id}/undo"))
                    .header("authorization", format!("Bearer {}", editor.token))
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(undo.status, StatusCode::OK, "{}", undo.body);
        let undone = app.get("/api/v1/cities/cugir/indicators/4.3.1").await.json();
        assert_eq!(undone["observations"].as_array().unwrap().len(), 7);
    })
    .await;
}

fn patch(uri: &str, token: &str, if_match: Option<&str>, body: &str) -> Request<Body> {
    let mut r = Request::patch(uri)
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/json");
    if let Some(tag) = if_match {
        r = r.header("if-match", tag);
    }
    r.body(Body::from(body.to_owned())).unwrap()
}

#[tokio::test]
async fn values_written_as_a_list_name_the_version_they_change_and_are_checked_like_a_file() {
    each_backend(|app| async move {
        let editor = person(&app, "olga", Role::CityEditor, Some("cugir"), None).await;
        let series = "/api/v1/cities/cugir/indicators/4.3.1";
        let uri = format!("{series}/observations");
        let read = app.get(series).await;
        let (etag, version) = (read.header("etag").to_owned(), read.json()["version"].as_i64().unwrap());
        let body = |v: i64| {
            format!(
                r#"{{"version": {v}, "observations": [
                    {{"period": "2026", "value": 9.5, "status": "provisional"}},
                    {{"period": "2026", "breakdown": {{"sex": "F"}}, "value": 10.25, "note": "Sample, from a survey"}}
                ]}}"#
            )
        };
        // Neither If-Match nor a version: 428; a version that moved on: 409; an ETag that
        // moved on: 412. Nothing stored by any of them, nor by a dry run.
        let none = app.request(patch(&uri, &editor.token, None, r#"{"observations": [{"period": "2026", "value": 1}]}"#)).await;
        assert_eq!(none.status, StatusCode::PRECONDITION_REQUIRED, "{}", none.body);
        let stale = app.request(patch(&uri, &editor.token, None, &body(version - 1))).await;
        assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.body);
        let moved = app.request(patch(&uri, &editor.token, Some("\"999-abc\""), &body(version))).await;
        assert_eq!(moved.status, StatusCode::PRECONDITION_FAILED, "{}", moved.body);
        let dry = app.request(patch(&format!("{uri}?dry_run=true"), &editor.token, Some(&etag), &body(version))).await;
        assert_eq!(dry.status, StatusCode::OK, "{}", dry.body);
        assert_eq!((dry.json()["created"].as_u64(), dry.json()["dry_run"].as_bool()), (Some(2), Some(true)));
        assert_eq!(app.get(series).await.header("etag"), etag, "a dry run stores nothing");

        let done = app.request(patch(&uri, &editor.token, Some(&etag), &body(version))).await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.body);
        let d = done.json();
        assert_eq!((d["created"].as_u64(), d["version"].as_i64()), (Some(2), Some(version + 1)), "{d}");
        let latest = app.get(series).await.json();
        let last = latest["observations"].as_array().unwrap().last().unwrap().clone();
        assert_eq!((last["period"].as_str(), last["value"].as_f64(), last["status"].as_str()), (Some("2026"), Some(9.5), Some("provisional")));
        // The same values again change nothing.
        let again = app.request(patch(&uri, &editor.token, None, &body(version + 1))).await;
        assert_eq!((again.json()["unchanged"].as_u64(), again.json()["import"].clone()), (Some(2), serde_json::Value::Null));

        // Refused values are named by their place in the list and their field.
        let bad = app
            .request(patch(
                &uri,
                &editor.token,
                Some("*"),
                r#"{"observations": [{"period": "2027", "value": 12}, {"period": "2027-X", "value": 140}, {"period": "2027", "breakdown": {"sex": "Q"}, "value": 3}]}"#,
            ))
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
        for named in ["observations[1].period", "observations[1].value", "observations[2].breakdown.sex"] {
            assert!(bad.body.contains(named), "{named}: {}", bad.body);
        }
        let shape = app.request(patch(&uri, &editor.token, Some("*"), r#"{"observations": [{"period": "2027", "value": "12"}]}"#)).await;
        assert_eq!(shape.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(shape.body.contains("observations[0].value"), "{}", shape.body);
        // A removal, and the write undone as a whole like any import.
        let removal = app
            .request(patch(&uri, &editor.token, Some("*"), r#"{"observations": [{"period": "2026", "breakdown": {"sex": "F"}, "delete": true}]}"#))
            .await;
        assert_eq!(removal.json()["deleted"].as_u64(), Some(1), "{}", removal.body);
        let other_city = app.request(patch("/api/v1/cities/galati/indicators/4.3.1/observations", &editor.token, Some("*"), &body(0))).await;
        assert_eq!(other_city.status, StatusCode::FORBIDDEN);
        let computed = app
            .request(patch("/api/v1/cities/cugir/indicators/LC.OPPORTUNITIES-PER-1000/observations", &editor.token, Some("*"), r#"{"observations": [{"period": "2026", "value": 1}]}"#))
            .await;
        assert_eq!(computed.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(computed.body.contains("LC.OPPORTUNITIES and LC.POPULATION"), "{}", computed.body);
    })
    .await;
}

#[tokio::test]
async fn values_typed_in_a_table_are_read_as_written_and_two_editors_merge_cell_by_cell() {
    each_backend(|app| async move {
        let ana = person(&app, "ana", Role::CityEditor, Some("resita"), None).await;
        let bob = person(&app, "bob", Role::CityCoordinator, Some("resita"), None).await;
        let uri = "/cities/resita/monitoring/4.3.1/edit";
        let cookie = |p: &crate::accounts::Person| format!("forja_session={}; lang=ro", p.session);
        let page = app.get_with(uri, "cookie", &cookie(&ana)).await;
        assert_eq!(page.status, StatusCode::OK);
        // Romanian writing: 9,0 for 2019's total, and a Sex column per code.
        assert!(
            page.body.contains("name=\"c:0:0\" value=\"9\""),
            "2019 total shown the Romanian way"
        );
        assert!(page.body.contains("<th scope=\"col\">Feminin</th>"));
        // The form as a Romanian reader sends it.
        let send = |who: &crate::accounts::Person, body: &str| {
            let mut r = crate::accounts::form(uri, Some(who), body);
            let cookie = format!("{}; lang=ro", r.headers()["cookie"].to_str().unwrap());
            r.headers_mut().insert("cookie", cookie.parse().unwrap());
            app.request(r)
        };
        // 2019 is row 0; the first new row is 7 (2019–2025 stored). 2026 female, typed "14,5".
        let bad = send(
            &ana,
            "p%3A0=2019&c%3A0%3A0=9%2C3&w%3A0%3A0=9&p%3A7=2026&c%3A7%3A1=140&w%3A7%3A1=",
        )
        .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            bad.body.contains("Un procent este între 0 și 100"),
            "the wrong cell is named"
        );
        assert!(bad.body.contains("value=\"9,3\""), "what was typed is kept");
        let unchanged = app
            .get("/api/v1/cities/resita/indicators/4.3.1")
            .await
            .json();
        assert_eq!(unchanged["observations"][0]["value"], 9.0, "nothing saved");

        let ok = send(
            &ana,
            "p%3A0=2019&c%3A0%3A0=9%2C3&w%3A0%3A0=9&p%3A7=2026&c%3A7%3A1=14%2C5&w%3A7%3A1=",
        )
        .await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
        let after = app
            .get("/api/v1/cities/resita/observations?indicator=4.3.1&breakdown=sex=F&from=2026")
            .await
            .json();
        assert_eq!(
            after["items"][0]["value"], 14.5,
            "read as fourteen and a half, not 145"
        );

        // Bob loaded the table before Ana's save (2019 showed 9): his other cell merges,
        // the cell both changed is asked about with Ana's value.
        let clash = send(
            &bob,
            "p%3A0=2019&c%3A0%3A0=9%2C4&w%3A0%3A0=9&p%3A1=2020&c%3A1%3A0=9%2C9&w%3A1%3A0=9.7",
        )
        .await;
        assert_eq!(clash.status, StatusCode::CONFLICT, "{}", clash.body);
        assert!(
            clash.body.contains("Salvat între timp de altcineva: 9,3"),
            "{}",
            clash.body
        );
        let kept = app
            .get("/api/v1/cities/resita/indicators/4.3.1")
            .await
            .json();
        assert_eq!(
            kept["observations"][0]["value"], 9.3,
            "Ana's value stays until Bob confirms"
        );
        // Sending the form again (now based on 9.3) keeps his.
        let confirmed = send(
            &bob,
            "p%3A0=2019&c%3A0%3A0=9%2C4&w%3A0%3A0=9.3&p%3A1=2020&c%3A1%3A0=9%2C9&w%3A1%3A0=9.7",
        )
        .await;
        assert_eq!(confirmed.status, StatusCode::SEE_OTHER);
        let last = app
            .get("/api/v1/cities/resita/indicators/4.3.1")
            .await
            .json();
        assert_eq!(
            (
                last["observations"][0]["value"].as_f64(),
                last["observations"][1]["value"].as_f64()
            ),
            (Some(9.4), Some(9.9))
        );
        // Another city's editor may not.
        let galati = person(&app, "gus", Role::CityEditor, Some("galati"), None).await;
        assert_eq!(
            app.get_with(uri, "cookie", &cookie(&galati)).await.status,
            StatusCode::FORBIDDEN
        );
    })
    .await;
}

#[tokio::test]
async fn a_data_file_over_the_upload_limit_is_stopped_and_nothing_is_stored() {
    each_backend(|app| async move {
        // The limit is the media one (512 MB by default); a small one stands in for it.
        let app = app.with_upload_limit(64 * 1024);
        let editor = person(&app, "olga", Role::CityEditor, Some("resita"), None).await;
        let city = app.store.city_by_slug("resita").await.unwrap().unwrap().id;
        let before = app.store.imports(city).await.unwrap().len();
        let mut big = b"Indicator,Year,Value\n".to_vec();
        while big.len() < 200 * 1024 {
            big.extend_from_slice(b"LC.OPPORTUNITIES,2031,1\n");
        }
        let r = app
            .request(crate::accounts::data_file(
                "/cities/resita/monitoring/import",
                Some(&editor),
                &big,
            ))
            .await;
        assert_eq!(
            r.status,
            StatusCode::PAYLOAD_TOO_LARGE,
            "{}",
            &r.body[..r.body.len().min(300)]
        );
        assert!(
            r.body.contains("larger than the upload limit"),
            "said beside the file field"
        );
        let api = app
            .request(csv_post(
                "/api/v1/cities/resita/imports",
                &editor.token,
                "text/csv",
                std::str::from_utf8(&big).unwrap(),
            ))
            .await;
        assert_eq!(api.status, StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(
            app.store.imports(city).await.unwrap().len(),
            before,
            "no import kept"
        );
    })
    .await;
}
