//! Monitoring on SQLite and PostgreSQL: the demo's series load through the importer; a
//! city page rates and protects small counts; a file with mistakes is refused with each
//! row named and nothing stored; a good file commits, re-imports as unchanged, and is
//! undone as a whole.

mod common;
use common::stores;

use std::path::PathBuf;

use forja_core::monitoring::disclosure::Shown;
use forja_core::monitoring::numbers::{DecimalMark, MarkQuestion};
use forja_core::monitoring::rating::Status;
use forja_core::monitoring::rows::Reason;
use forja_services::monitoring::import::{self, FileProblem, ReadOptions};
use forja_services::monitoring::sheet::SheetProblem;
use forja_services::monitoring::views;
use forja_services::{ServiceError, Store};
use forja_store::monitoring::{ImportRecord, UndoOutcome};

fn file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "forja-monitoring-{}-{}",
        std::process::id(),
        forja_services::auth::now()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn record(name: &str) -> Option<ImportRecord> {
    Some(ImportRecord {
        file_name: name.into(),
        sha256: "0".repeat(64),
        format: "tidy-csv".into(),
        user_id: None,
        at: forja_services::auth::now(),
    })
}

/// A new account (revisions and imports name who made them), by id.
async fn account(store: &Store, email: &str, city: Option<i32>, organisation: Option<i32>) -> i32 {
    store
        .create_user(
            forja_store::accounts::NewUser {
                email: email.into(),
                display_name: email.into(),
                locale: "ro".into(),
                password_hash: String::new(),
                role: "reader".into(),
                city_id: city,
                organisation_id: organisation,
            },
            0,
        )
        .await
        .unwrap()
        .unwrap()
        .id
}

/// A network administrator with an account.
async fn network_admin(store: &Store) -> forja_core::policy::Actor {
    forja_core::policy::Actor {
        user: forja_core::ids::UserId(i64::from(
            account(store, "admin@network.test", None, None).await,
        )),
        role: forja_core::policy::Role::NetworkAdmin,
        city: None,
        organisation: None,
        read_only: false,
    }
}

async fn city_id(store: &Store, slug: &str) -> i32 {
    store.city_by_slug(slug).await.unwrap().unwrap().id
}

#[tokio::test]
async fn the_demo_rates_its_series_and_protects_small_counts_in_public() {
    for store in stores().await {
        let page = views::indicator_page(&store, "resita", "4.3.1", &[], false)
            .await
            .unwrap();
        assert_eq!(page.points.len(), 7, "2019 to 2025");
        assert!(page.any_sample);
        let rating = page.rating.expect("a target makes a rating");
        assert_ne!(rating.rating.status, Status::NotAvailable);
        assert!(rating.numbers_shown);
        // A breakdown chosen in the filter.
        let filter = [
            ("sex".to_owned(), "F".to_owned()),
            ("urbanisation".to_owned(), "R".to_owned()),
        ];
        let rural_women = views::indicator_page(&store, "resita", "4.3.1", &filter, false)
            .await
            .unwrap();
        assert_eq!(rural_women.breakdown.key(), "sex=F|urbanisation=R");
        assert_eq!(rural_women.points.len(), 7);
        // Roma men in 2022 were 2: fewer than 5 in public, true for the city's editors.
        let roma = [
            ("target-group".to_owned(), "roma".to_owned()),
            ("sex".to_owned(), "M".to_owned()),
        ];
        let public =
            views::indicator_page(&store, "resita", "LC.VULNERABLE-LEARNERS", &roma, false)
                .await
                .unwrap();
        assert_eq!(public.points[0].shown, Shown::FewerThan(5));
        let editor = views::indicator_page(&store, "resita", "LC.VULNERABLE-LEARNERS", &roma, true)
            .await
            .unwrap();
        assert_eq!(editor.points[0].shown, Shown::Value(2.0));
        // The fifteen young entrepreneurs come from the programme's output.
        let fed = views::indicator_page(&store, "resita", "LC.NEW-BUSINESSES", &[], false)
            .await
            .unwrap();
        assert_eq!(fed.points.len(), 1);
        assert_eq!(fed.points[0].shown, Shown::Value(15.0));
        assert!(!fed.points[0].sample, "a real figure");
        assert!(fed.points[0].from_programme.is_some());
        let overview = views::city_monitoring(&store, "resita", false, views::Grouping::Objective)
            .await
            .unwrap();
        assert!(
            overview
                .groups
                .iter()
                .any(|g| g.group.as_ref().is_some_and(|(c, _)| c == "O6"))
        );
        // By KFLC area: 4.3.1 is linked to none, the learning-city set to areas 1 to 3;
        // an indicator linked to two areas is in both. By SDG goal: 4 holds 4.3.1.
        let kflc = views::city_monitoring(&store, "resita", false, views::Grouping::Kflc)
            .await
            .unwrap();
        let codes: Vec<&str> = kflc
            .groups
            .iter()
            .filter_map(|g| g.group.as_ref().map(|(c, _)| c.as_str()))
            .collect();
        assert_eq!(codes, ["1", "2", "3"]);
        let opportunities =
            |g: &views::OverviewGroup| g.rows.iter().any(|r| r.code == "LC.OPPORTUNITIES");
        assert_eq!(
            kflc.groups.iter().filter(|g| opportunities(g)).count(),
            2,
            "kflc:2.2 and 3.3"
        );
        assert!(
            kflc.groups.last().unwrap().group.is_none(),
            "4.3.1 has no KFLC link"
        );
        let sdg = views::city_monitoring(&store, "resita", false, views::Grouping::Sdg)
            .await
            .unwrap();
        let goal4 = &sdg.groups[0];
        assert_eq!(goal4.group.as_ref().unwrap().0, "4");
        assert!(goal4.rows.iter().any(|r| r.code == "4.3.1"));
        let comparison = views::comparison(&store, "4.3.1").await.unwrap();
        assert_eq!(comparison.cities.len(), 3);
        assert!(
            comparison.related.iter().any(|r| r.code == "LC.ADULT-4W"),
            "the 4-week measure is set apart"
        );
    }
}

#[tokio::test]
async fn a_file_with_mistakes_names_each_row_and_stores_nothing() {
    for store in stores().await {
        let city = city_id(&store, "galati").await;
        let bad = "Indicator;Year;Sex;Value\n4.3.1;2024;F;40,5\n4.3.1;2024-X;;41\n4.9.9;2024;;3\n4.3.1;2024;F;42,5\n4.3.1;2023;;140\n4.3.1;2023;Other;1\n";
        let path = file("bad.csv", bad.as_bytes());
        let s = import::run(
            &store,
            city,
            path.clone(),
            ReadOptions::default(),
            record("bad.csv"),
            |_| {},
        )
        .await
        .unwrap();
        assert_eq!(s.mark, Some(DecimalMark::Comma));
        assert_eq!(s.rejected, 5, "{:?}", s.rejects);
        let reasons: Vec<(usize, &Reason)> =
            s.rejects.iter().map(|r| (r.line, &r.reason)).collect();
        assert!(matches!(reasons[0], (3, Reason::Period { .. })));
        assert!(matches!(reasons[1], (4, Reason::UnknownIndicator { .. })));
        assert!(matches!(
            reasons[2],
            (5, Reason::Duplicate { first_line: 2 })
        ));
        assert!(matches!(reasons[3], (6, Reason::Unit { .. })));
        assert!(matches!(reasons[4], (7, Reason::UnknownCode { .. })));
        assert_eq!(s.import_id, None, "nothing kept");
        let page = views::indicator_page(
            &store,
            "galati",
            "4.3.1",
            &[("sex".into(), "F".into())],
            true,
        )
        .await
        .unwrap();
        assert!(page.points.is_empty(), "nothing stored");
        // `40,5` in a file said to be English is asked about, not read as 405.
        let path = file("en.csv", b"Indicator,Year,Value\n4.3.1,2024,\"40,5\"\n");
        let options = ReadOptions {
            mark: Some(DecimalMark::Point),
            indicator: None,
            only: None,
            expect: None,
        };
        match import::run(&store, city, path, options, None, |_| {}).await {
            Err(ServiceError::DataFile(p)) => {
                assert!(matches!(*p, FileProblem::DecimalMark(_)), "{p:?}")
            }
            other => panic!("{other:?}"),
        }
        let path = file("nodata.csv", b"Indicator,Year,Amount\n4.3.1,2024,3\n");
        assert!(matches!(
            import::run(&store, city, path, ReadOptions::default(), None, |_| {}).await,
            Err(ServiceError::DataFile(_))
        ));
        let path = file("empty.csv", b"");
        assert!(matches!(
            import::run(&store, city, path, ReadOptions::default(), None, |_| {}).await,
            Err(ServiceError::DataFile(_))
        ));
    }
}

#[tokio::test]
async fn an_import_commits_reimports_as_unchanged_and_is_undone_as_a_whole() {
    for store in stores().await {
        let city = city_id(&store, "cugir").await;
        // Windows-1250 with a semicolon and decimal commas, as an older Romanian Excel saves.
        let text = "Indicator;An;Value\n4.3.1;2019;6,1\n4.3.1;2026;9,5\n";
        let text = text.replace("An", "Year");
        let (bytes, _, _) = encoding_rs::WINDOWS_1250.encode(&text);
        let path = file("cugir.csv", &bytes);
        let dry = import::run(
            &store,
            city,
            path.clone(),
            ReadOptions::default(),
            None,
            |_| {},
        )
        .await
        .unwrap();
        assert_eq!(
            (dry.counts.created, dry.counts.updated, dry.rejected),
            (1, 1, 0)
        );
        assert!(dry.dry_run && dry.import_id.is_none());
        let before = views::indicator_page(&store, "cugir", "4.3.1", &[], true)
            .await
            .unwrap();
        assert_eq!(before.points.len(), 7, "the dry run stored nothing");
        let done = import::run(
            &store,
            city,
            path.clone(),
            ReadOptions::default(),
            record("cugir.csv"),
            |_| {},
        )
        .await
        .unwrap();
        let id = done.import_id.expect("kept");
        let after = views::indicator_page(&store, "cugir", "4.3.1", &[], true)
            .await
            .unwrap();
        assert_eq!(after.points.len(), 8);
        assert_eq!(after.points[0].shown, Shown::Value(6.1));
        assert_eq!(after.version, before.version + 1);
        let again = import::run(
            &store,
            city,
            path,
            ReadOptions::default(),
            record("cugir.csv"),
            |_| {},
        )
        .await
        .unwrap();
        assert_eq!((again.counts.unchanged, again.counts.changes()), (2, 0));
        assert_eq!(
            again.import_id, None,
            "an import that changes nothing is not kept"
        );
        assert!(matches!(
            store.undo_import(city, id, None, 1).await.unwrap(),
            UndoOutcome::Done(_)
        ));
        let undone = views::indicator_page(&store, "cugir", "4.3.1", &[], true)
            .await
            .unwrap();
        let values = |p: &views::IndicatorPage| {
            p.points
                .iter()
                .map(|x| (x.label.clone(), format!("{:?}", x.shown)))
                .collect::<Vec<_>>()
        };
        assert_eq!(values(&undone), values(&before));
        assert_eq!(
            store.undo_import(city, id, None, 2).await.unwrap(),
            UndoOutcome::AlreadyUndone
        );
    }
}

#[tokio::test]
async fn exports_read_back_unchanged_and_public_ones_protect_small_counts() {
    use forja_services::monitoring::export;
    for store in stores().await {
        let city = city_id(&store, "resita").await;
        let all = export::rows(&store, "resita", None, true).await.unwrap();
        assert!(
            all.rows.len() > 100,
            "every stored value: {}",
            all.rows.len()
        );
        for (name, bytes) in [
            ("tidy.csv", export::tidy_csv(&all).unwrap()),
            ("sdmx.csv", export::sdmx_csv(&all).unwrap()),
        ] {
            let path = file(name, &bytes);
            let s = import::run(
                &store,
                city,
                path,
                ReadOptions::default(),
                record(name),
                |_| {},
            )
            .await
            .unwrap();
            assert_eq!(s.rejected, 0, "{name}: {:?}", s.rejects);
            assert_eq!(s.counts.changes(), 0, "{name}: {:?}", s.counts);
            assert_eq!(s.counts.unchanged, all.rows.len() as u64, "{name}");
        }
        // The public file has no value where the page shows "fewer than 5", and says why.
        let public = export::rows(&store, "resita", Some("LC.VULNERABLE-LEARNERS"), false)
            .await
            .unwrap();
        let roma_men_2022 = public
            .rows
            .iter()
            .find(|r| r.period == "2022" && r.dims.key() == "sex=M|target-group=roma")
            .unwrap();
        assert_eq!(
            (roma_men_2022.value, roma_men_2022.confidentiality),
            (None, Some("A"))
        );
        let text = String::from_utf8(export::sdmx_csv(&public).unwrap()).unwrap();
        assert!(
            text.starts_with("STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,SERIES,"),
            "{}",
            &text[..80]
        );
        assert!(
            text.lines().any(|l| l.contains(",M,2022,,A,A,")),
            "a protected cell in SDMX"
        );
        let json: serde_json::Value =
            serde_json::from_slice(&export::json(&public).unwrap()).unwrap();
        assert!(
            json["observations"]
                .as_array()
                .unwrap()
                .iter()
                .any(|o| o["confidentiality"] == "D")
        );
    }
}

#[tokio::test]
async fn an_import_whose_values_a_later_import_removed_is_not_undone_over_it() {
    for store in stores().await {
        let city = city_id(&store, "galati").await;
        let a = file("a.csv", b"Indicator,Year,Value\n4.3.1,2027,10.5\n");
        let first = import::run(
            &store,
            city,
            a,
            ReadOptions::default(),
            record("a.csv"),
            |_| {},
        )
        .await
        .unwrap();
        let first = first.import_id.unwrap();
        // SDMX-CSV 2.0 with ACTION D removes the value the first import created.
        let d = file(
            "d.csv",
            b"STRUCTURE,STRUCTURE_ID,ACTION,SERIES,TIME_PERIOD,OBS_VALUE\ndataflow,X:Y(1.0),D,4.3.1,2027,\n",
        );
        let second = import::run(
            &store,
            city,
            d,
            ReadOptions::default(),
            record("d.csv"),
            |_| {},
        )
        .await
        .unwrap();
        assert_eq!(second.counts.deleted, 1);
        assert_eq!(
            store.undo_import(city, first, None, 1).await.unwrap(),
            UndoOutcome::ChangedSince(1)
        );
        // Undoing the later one first brings the value back; then the first undoes.
        assert!(matches!(
            store
                .undo_import(city, second.import_id.unwrap(), None, 2)
                .await
                .unwrap(),
            UndoOutcome::Done(_)
        ));
        assert!(matches!(
            store.undo_import(city, first, None, 3).await.unwrap(),
            UndoOutcome::Done(_)
        ));
        let page = views::indicator_page(&store, "galati", "4.3.1", &[], true)
            .await
            .unwrap();
        assert!(page.points.iter().all(|p| p.label != "2027"));
    }
}

#[tokio::test]
async fn the_workbook_holds_every_row_with_figures_as_numbers() {
    use forja_services::monitoring::export;
    for store in stores().await {
        let e = export::rows(&store, "resita", Some("4.3.1"), true)
            .await
            .unwrap();
        let bytes = export::xlsx(&e).unwrap();
        // An OOXML workbook is a ZIP with the sheet inside.
        assert_eq!(&bytes[..2], b"PK");
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("xl/worksheets/sheet1.xml"));
        assert_eq!(e.rows.len(), 63, "7 years × 9 breakdowns");
    }
}

/// Data stored before observations were compacted (migration m0007) reads back the
/// same after it: values, statuses, periods of every length, breakdowns, and what an
/// import replaced (so it can still be undone).
#[tokio::test]
async fn values_stored_before_the_compact_layout_are_carried_over() {
    use forja_store::entity::{breakdown, import_change};
    use sea_orm::{ConnectionTrait, EntityTrait};

    for url in common::scratch_urls().await {
        let old = forja_store::backend::scratch::migrated_to(&url, 6)
            .await
            .unwrap();
        for sql in [
            "INSERT INTO networks (slug, name, summary) VALUES ('n', '{}', '{}')",
            "INSERT INTO cities (network_id, slug, name, country, latitude, longitude, languages, \
             default_locale, joined_year, clusters_sample) \
             VALUES (1, 'c', '{}', 'RO', 45.3, 21.9, '[]', 'ro', 2022, FALSE)",
            "INSERT INTO indicators (code, name, definition, period_note, source, methodology, unit, \
             decimals, direction, periodicity, version) VALUES ('X', '{}', '{}', '{}', '{}', '{}', \
             'percent', 1, 'higher', 'yearly', 1)",
            "INSERT INTO series (indicator_id, city_id, version, updated_at) VALUES (1, 1, 3, 0)",
            "INSERT INTO imports (city_id, at, file_name, sha256, format, created, updated, \
             unchanged, deleted) VALUES (1, 0, 'a.csv', 'x', 'tidy-csv', 1, 1, 0, 0)",
            "INSERT INTO observations (series_id, period_start, months, dims, value, status, note, \
             sample, import_id, created_import_id) VALUES \
             (1, '2023-09-01', 12, 'sex=F|urbanisation=R', 4.5, 'normal', 'școală', FALSE, 1, 1), \
             (1, '2023-01-01', 12, '', 9.25, 'provisional', NULL, TRUE, NULL, NULL), \
             (1, '2024-04-01', 3, '', 1.5, 'estimated', NULL, FALSE, 1, NULL)",
            "INSERT INTO import_changes (import_id, series_id, period_start, months, dims, previous) \
             VALUES (1, 1, '2024-04-01', 3, '', '{\"value\": 1.0, \"status\": \"normal\", \
             \"sample\": false}')",
        ] {
            old.execute_unprepared(sql).await.unwrap();
        }
        old.close().await.unwrap();

        let store = Store::open(&url).await.unwrap();
        let data = store.series_data(1, 1).await.unwrap();
        assert_eq!(data.version, 3);
        let seen: Vec<(String, String, f64, &str, bool)> = data
            .observations
            .iter()
            .map(|o| {
                (
                    o.period.to_string(),
                    o.dims.key(),
                    o.value,
                    o.status.as_str(),
                    o.sample,
                )
            })
            .collect();
        assert_eq!(
            seen,
            [
                ("2023".into(), String::new(), 9.25, "provisional", true),
                (
                    "2023/2024".into(),
                    "sex=F|urbanisation=R".into(),
                    4.5,
                    "normal",
                    false
                ),
                ("2024-Q2".into(), String::new(), 1.5, "estimated", false),
            ]
        );
        assert_eq!(data.observations[1].note.as_deref(), Some("școală"));
        let changes = import_change::Entity::find()
            .all(store.connection())
            .await
            .unwrap();
        assert_eq!(changes.len(), 1);
        assert_eq!((changes[0].period, changes[0].months), (2024 * 12 + 3, 3));
        let total = breakdown::Entity::find_by_id(changes[0].breakdown_id)
            .one(store.connection())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(total.key, "");
    }
}

/// An Excel workbook as people keep one: numbers typed as numbers (no decimal mark to
/// guess), a Romanian figure typed as text, a row with its last cells empty.
fn workbook(extra: impl FnOnce(&mut rust_xlsxwriter::Worksheet)) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Date").unwrap();
    for (col, name) in ["Indicator", "Year", "Sex", "Value", "Note"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, col as u16, *name).unwrap();
    }
    sheet.write_string(1, 0, "4.3.1").unwrap();
    sheet.write_number(1, 1, 2001).unwrap();
    sheet.write_string(1, 2, "F").unwrap();
    sheet.write_number(1, 3, 12.345).unwrap();
    sheet.write_string(2, 0, "4.3.1").unwrap();
    sheet.write_number(2, 1, 2002).unwrap();
    sheet.write_string(2, 3, "40,5").unwrap();
    sheet.write_string(2, 4, "tastat ca text").unwrap();
    extra(sheet);
    book.save_to_buffer().unwrap()
}

#[tokio::test]
async fn a_workbook_imports_its_first_sheet_and_refuses_formulas_and_merged_cells() {
    for store in stores().await {
        let city = city_id(&store, "cugir").await;
        let path = file("date.xlsx", &workbook(|_| {}));
        let s = import::run(
            &store,
            city,
            path,
            ReadOptions::default(),
            record("date.xlsx"),
            |_| {},
        )
        .await
        .unwrap();
        assert_eq!(s.sheet.as_deref(), Some("Date"));
        assert_eq!(
            (s.rows, s.counts.created, s.rejected),
            (2, 2, 0),
            "{:?}",
            s.rejects
        );
        // The typed 12.345 stays 12.345 though the text cell made the mark a comma.
        assert_eq!(s.mark, Some(DecimalMark::Comma));
        let value = |dims: Vec<(String, String)>| {
            let store = store.clone();
            async move {
                let page = views::indicator_page(&store, "cugir", "4.3.1", &dims, true)
                    .await
                    .unwrap();
                page.points
                    .iter()
                    .map(|p| (p.period.to_string(), p.shown, p.note.clone()))
                    .collect::<Vec<_>>()
            }
        };
        // The demo's own points follow (from 2019): the workbook's come first.
        assert_eq!(
            value(vec![("sex".into(), "F".into())]).await[0],
            ("2001".into(), Shown::Value(12.345), None)
        );
        assert_eq!(
            value(vec![]).await[0],
            (
                "2002".into(),
                Shown::Value(40.5),
                Some("tastat ca text".into())
            )
        );

        let formula = workbook(|sheet| {
            sheet.write_string(3, 0, "4.3.1").unwrap();
            sheet.write_number(3, 1, 2023).unwrap();
            sheet.write_formula(3, 3, "=D2*2").unwrap();
        });
        match import::run(
            &store,
            city,
            file("f.xlsx", &formula),
            ReadOptions::default(),
            None,
            |_| {},
        )
        .await
        {
            Err(ServiceError::DataFile(p)) => assert_eq!(
                *p,
                FileProblem::Sheet(SheetProblem::Formula {
                    sheet: "Date".into(),
                    cell: "D4".into()
                })
            ),
            other => panic!("{other:?}"),
        }
        let merged = workbook(|sheet| {
            sheet
                .merge_range(3, 0, 4, 0, "4.3.1", &rust_xlsxwriter::Format::new())
                .unwrap();
            sheet.write_number(3, 1, 2023).unwrap();
            sheet.write_number(3, 3, 1).unwrap();
            sheet.write_number(4, 1, 2024).unwrap();
            sheet.write_number(4, 3, 2).unwrap();
        });
        match import::run(
            &store,
            city,
            file("m.xlsx", &merged),
            ReadOptions::default(),
            None,
            |_| {},
        )
        .await
        {
            Err(ServiceError::DataFile(p)) => assert_eq!(
                *p,
                FileProblem::Sheet(SheetProblem::Merged {
                    sheet: "Date".into(),
                    cells: "A4:A5".into()
                })
            ),
            other => panic!("{other:?}"),
        }
        // A zip that is no workbook.
        let mut zip = b"PK\x03\x04".to_vec();
        zip.extend_from_slice(&[0; 64]);
        assert!(matches!(
            import::run(&store, city, file("x.xlsx", &zip), ReadOptions::default(), None, |_| {}).await,
            Err(ServiceError::DataFile(p)) if *p == FileProblem::Sheet(SheetProblem::Unreadable)
        ));
    }
}

/// More rows than can wait for the decimal mark (each reads both ways, `1,500`), and
/// only then one that says: the person is asked, rather than rows being left out.
#[tokio::test]
async fn rows_that_cannot_all_wait_for_the_decimal_mark_are_asked_about() {
    for store in stores().await {
        let city = city_id(&store, "cugir").await;
        let mut text = String::from("Indicator,Year,Value\n");
        for i in 0..100_001 {
            text.push_str(&format!(
                "LC.OPPORTUNITIES,{}-M{:02},\"1,500\"\n",
                1000 + i / 12,
                i % 12 + 1
            ));
        }
        text.push_str("LC.OPPORTUNITIES,3000,40.5\n");
        let path = file("many.csv", text.as_bytes());
        match import::run(&store, city, path, ReadOptions::default(), None, |_| {}).await {
            Err(ServiceError::DataFile(p)) => {
                assert!(
                    matches!(
                        *p,
                        FileProblem::DecimalMark(MarkQuestion::Unsure { row: 100_002 })
                    ),
                    "{p:?}"
                )
            }
            other => panic!("{other:?}"),
        }
    }
}

#[tokio::test]
async fn a_computed_indicator_follows_its_parts_and_cannot_be_written() {
    use forja_services::monitoring::{entry, export};
    const CODE: &str = "LC.OPPORTUNITIES-PER-1000";
    for store in stores().await {
        let city = city_id(&store, "resita").await;
        let page = views::indicator_page(&store, "resita", CODE, &[], false)
            .await
            .unwrap();
        let c = page.meta.computed.as_ref().expect("computed");
        assert_eq!(
            (c.numerator.0.as_str(), c.factor),
            ("LC.OPPORTUNITIES", 1000.0)
        );
        assert_eq!(
            page.points.len(),
            4,
            "2022 to 2025, where both parts have values"
        );
        let Shown::Value(latest) = page.points[3].shown else {
            panic!("{:?}", page.points[3].shown)
        };
        assert!(
            (latest - 112.0 / 57_700.0 * 1000.0).abs() < 1e-9,
            "{latest}"
        );
        assert!(page.points[3].sample, "a sample part makes a sample ratio");

        // A corrected part shows at once, and the series' version (its ETag) moves.
        let path = file(
            "population.csv",
            b"Indicator,Year,Value\nLC.POPULATION,2025,56000\n",
        );
        let done = import::run(
            &store,
            city,
            path,
            ReadOptions::default(),
            record("p.csv"),
            |_| {},
        )
        .await
        .unwrap();
        assert_eq!(done.counts.updated, 1);
        let after = views::indicator_page(&store, "resita", CODE, &[], false)
            .await
            .unwrap();
        assert_eq!(after.points[3].shown, Shown::Value(2.0));
        assert!(after.version > page.version);

        // Its values cannot be imported or typed: the file names its parts instead.
        let path = file(
            "ratio.csv",
            b"Indicator,Year,Value\nLC.OPPORTUNITIES-PER-1000,2026,2.5\n",
        );
        let refused = import::run(
            &store,
            city,
            path,
            ReadOptions::default(),
            record("r.csv"),
            |_| {},
        )
        .await
        .unwrap();
        assert_eq!((refused.rejected, refused.import_id), (1, None));
        assert!(matches!(
            &refused.rejects[0].reason,
            Reason::Computed { denominator, .. } if denominator == "LC.POPULATION"
        ));
        let editor = forja_core::policy::Actor {
            user: forja_core::ids::UserId(0),
            role: forja_core::policy::Role::CityEditor,
            city: Some(forja_core::ids::CityId(i64::from(city))),
            organisation: None,
            read_only: false,
        };
        let table = entry::table(&store, &editor, "resita", CODE, &[], None)
            .await
            .unwrap();
        assert!(table.columns.is_empty() && table.rows.is_empty());
        let sent = [entry::Sent {
            field: "c:0:0".into(),
            period: "2026".into(),
            column: 0,
            typed: "3".into(),
            was: String::new(),
        }];
        let typed = entry::save(
            &store,
            &editor,
            "resita",
            CODE,
            &table,
            &sent,
            forja_core::edit::Writing::Machine,
        )
        .await;
        assert!(matches!(typed, Err(ServiceError::Invalid(_))), "{typed:?}");

        // Downloaded by itself; left out of the city's whole file, which imports back.
        let alone = export::rows(&store, "resita", Some(CODE), false)
            .await
            .unwrap();
        assert_eq!(alone.rows.len(), 4);
        let whole = export::rows(&store, "resita", None, false).await.unwrap();
        assert!(whole.rows.iter().all(|r| r.indicator != CODE));
        // Only Reșița has both parts.
        let compared = views::comparison(&store, CODE).await.unwrap();
        assert_eq!(compared.cities.len(), 1);
    }
}

#[tokio::test]
async fn a_partner_editor_writes_only_what_their_organisation_reports() {
    use forja_services::monitoring::{data, entry, reporters};
    for store in stores().await {
        let city = city_id(&store, "resita").await;
        let schools = store
            .organisations_of(city)
            .await
            .unwrap()
            .into_iter()
            .find(|o| o.slug == "resita-schools-adult-learning")
            .unwrap();
        // Imports keep who made them: a real account.
        let user = account(&store, "partner@resita.test", Some(city), Some(schools.id)).await;
        let actor = |role, organisation: Option<i32>| forja_core::policy::Actor {
            user: forja_core::ids::UserId(i64::from(user)),
            role,
            city: Some(forja_core::ids::CityId(i64::from(city))),
            organisation: organisation.map(|o| forja_core::ids::OrganisationId(i64::from(o))),
            read_only: false,
        };
        use forja_core::policy::Role::{CityEditor, PartnerEditor};
        let partner = actor(PartnerEditor, Some(schools.id));
        // The demo makes the course providers report the vulnerable learners.
        let rights = data::rights(&store, Some(&partner), "resita")
            .await
            .unwrap();
        assert!(rights.enter_code("LC.VULNERABLE-LEARNERS"));
        assert!(!rights.enter_code("4.3.1"));
        entry::table(
            &store,
            &partner,
            "resita",
            "LC.VULNERABLE-LEARNERS",
            &[],
            None,
        )
        .await
        .unwrap();
        let other = entry::table(&store, &partner, "resita", "4.3.1", &[], None).await;
        assert!(matches!(other, Err(ServiceError::Forbidden)), "{other:?}");

        // A file with a row of another indicator: that row is refused, nothing stored.
        let upload = |name: &str, text: &str| data::Upload {
            path: file(name, text.as_bytes()),
            file_name: name.into(),
            sha256: "0".repeat(64),
        };
        let mixed = upload(
            "mixed.csv",
            "Indicator,Year,Value\nLC.VULNERABLE-LEARNERS,2026,40\n4.3.1,2026,12.5\n",
        );
        let s = data::import_file(&store, &partner, "resita", &mixed, Default::default(), true)
            .await
            .unwrap();
        assert_eq!((s.rejected, s.import_id), (1, None));
        assert_eq!(
            s.rejects[0].reason,
            Reason::NotReported {
                code: "4.3.1".into()
            }
        );
        let own = upload(
            "own.csv",
            "Indicator,Year,Value\nLC.VULNERABLE-LEARNERS,2026,40\n",
        );
        let s = data::import_file(&store, &partner, "resita", &own, Default::default(), true)
            .await
            .unwrap();
        let theirs = s.import_id.expect("kept");
        // They undo their own kind of import, not one that changed other indicators.
        let editor = actor(CityEditor, None);
        let wide = upload("wide.csv", "Indicator,Year,Value\n4.3.1,2026,12.5\n");
        let s = data::import_file(&store, &editor, "resita", &wide, Default::default(), true)
            .await
            .unwrap();
        let refused = data::undo(&store, &partner, "resita", s.import_id.unwrap()).await;
        assert!(
            matches!(refused, Err(ServiceError::Forbidden)),
            "{refused:?}"
        );
        assert!(matches!(
            data::undo(&store, &partner, "resita", theirs)
                .await
                .unwrap(),
            UndoOutcome::Done(_)
        ));

        // The city's editors choose reporters; a partner cannot, and a stale choice is
        // refused with the version now stored.
        let choose = reporters::set(&store, &partner, "resita", "4.3.1", &[schools.id], 0).await;
        assert!(matches!(choose, Err(ServiceError::Forbidden)), "{choose:?}");
        let now = reporters::choices(&store, &editor, "resita", "4.3.1")
            .await
            .unwrap();
        assert!(now.choices.iter().all(|(_, _, chosen)| !chosen));
        let v = reporters::set(
            &store,
            &editor,
            "resita",
            "4.3.1",
            &[schools.id],
            now.version,
        )
        .await
        .unwrap();
        assert_eq!(v, now.version + 1);
        let stale = reporters::set(&store, &editor, "resita", "4.3.1", &[], now.version).await;
        assert!(
            matches!(stale, Err(ServiceError::Conflict { current_version }) if current_version == v),
            "{stale:?}"
        );
        let foreign = store
            .organisations_of(city_id(&store, "galati").await)
            .await
            .unwrap();
        if let Some(g) = foreign.first() {
            let bad = reporters::set(&store, &editor, "resita", "4.3.1", &[g.id], v).await;
            assert!(matches!(bad, Err(ServiceError::Invalid(_))), "{bad:?}");
        }
        let rights = data::rights(&store, Some(&partner), "resita")
            .await
            .unwrap();
        assert!(rights.enter_code("4.3.1"), "now they report it too");
        // The data history has each of these, newest first, with who.
        use forja_services::monitoring::history::{self, DataChange};
        let h = history::history(&store, &partner, "resita").await.unwrap();
        assert!(
            matches!(&h[0].change, DataChange::Reporters { indicator } if indicator == "4.3.1")
        );
        assert!(h.iter().any(|r| matches!(&r.change,
            DataChange::Import { file_name, undone: true, .. } if file_name == "own.csv")));
        assert!(h.iter().any(|r| matches!(&r.change,
            DataChange::Import { counts, undone: false, .. } if counts.created == 1)
            && r.by.as_deref() == Some("partner@resita.test")));
    }
}

#[tokio::test]
async fn the_catalogue_refuses_changes_that_would_corrupt_stored_values() {
    use forja_core::edit::{Problem, Writing};
    use forja_services::editing;
    for store in stores().await {
        let admin = network_admin(&store).await;
        let code = "LC.VULNERABLE-LEARNERS";
        let open = editing::indicator_for_edit(&store, &admin, code)
            .await
            .unwrap();
        assert_eq!(open.fields.dimensions, ["target-group", "sex"]);
        let save = |input: forja_core::edit::RawInput, version| {
            let store = store.clone();
            async move {
                editing::edit_indicator(&store, &admin, code, &input, Writing::Machine, version)
                    .await
            }
        };
        // Taking away a dimension the values are broken down by names them.
        let mut input = open.fields.to_input();
        input.insert("dimensions".into(), "target-group".into());
        let refused = save(input, open.version).await;
        let Err(ServiceError::Invalid(problems)) = &refused else {
            panic!("{refused:?}")
        };
        assert_eq!(problems[0].field, "dimensions");
        assert!(
            matches!(&problems[0].problem, Problem::HasData { by } if by[0].contains("Reșița: 24 (2022–2025)")),
            "{problems:?}"
        );
        // So does a unit the values do not fit (34 learners are no yes/no).
        let mut input = open.fields.to_input();
        input.insert("unit".into(), "yes-no".into());
        let refused = save(input, open.version).await;
        assert!(
            matches!(&refused, Err(ServiceError::Invalid(p)) if p[0].field == "unit"),
            "{refused:?}"
        );
        // A change that keeps the values' meaning is saved, the dimensions in the order
        // tables showed them, with one more at the end.
        let mut input = open.fields.to_input();
        input.insert("dimensions".into(), "sex,age,target-group".into());
        input.insert("decimals".into(), "1".into());
        let v = save(input, open.version).await.unwrap();
        let now = editing::indicator_for_edit(&store, &admin, code)
            .await
            .unwrap();
        assert_eq!(now.version, v);
        assert_eq!(now.fields.dimensions, ["target-group", "sex", "age"]);
        assert_eq!(now.fields.decimals, 1);
        // The catalogue is the network's: a city editor may not change it.
        let editor = forja_core::policy::Actor {
            role: forja_core::policy::Role::CityEditor,
            city: Some(forja_core::ids::CityId(1)),
            ..admin
        };
        let denied = editing::indicator_for_edit(&store, &editor, code).await;
        assert!(matches!(denied, Err(ServiceError::Forbidden)), "{denied:?}");
    }
}

#[tokio::test]
async fn what_a_status_says_about_progress_is_the_networks_to_set() {
    use forja_core::edit::{RawInput, Writing};
    use forja_services::editing;
    for store in stores().await {
        let admin = network_admin(&store).await;
        let open = editing::status_for_edit(&store, &admin, "active")
            .await
            .unwrap();
        assert_eq!(open.fields.default_progress, None);
        let input = RawInput::from([("default_progress".into(), "12,5".into())]);
        let ro = Writing::Person(forja_core::Locale::Ro);
        editing::edit_status(&store, &admin, "active", &input, ro, open.version)
            .await
            .unwrap();
        // Progress reads the figure from here (core::progress turns it into a
        // programme's figure; its unit tests cover that).
        let defaults = store.status_defaults().await.unwrap();
        assert_eq!(defaults["active"], Some(12.5));
        // A second administrator who opened the form before, and typed another figure,
        // is asked which one stands.
        let other = RawInput::from([("default_progress".into(), "20".into())]);
        let stale = editing::edit_status(&store, &admin, "active", &other, ro, open.version).await;
        assert!(
            matches!(stale, Err(ServiceError::EditConflict(_))),
            "{stale:?}"
        );
        let list = editing::programme_statuses(&store).await.unwrap();
        assert_eq!(
            list.iter()
                .find(|s| s.code == "active")
                .unwrap()
                .default_progress,
            Some(12.5)
        );
    }
}
