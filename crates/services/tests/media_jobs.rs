//! The media library on SQLite and PostgreSQL: an import is stored and processed; a bad
//! file ends with its reason on the item and the original kept; a job left running by a
//! crashed worker is taken up again; a failed job can be retried.

mod common;
use common::stores;

use std::path::PathBuf;
use std::process::Command;

use forja_core::LocalizedText;
use forja_core::edit::Problem;
use forja_services::media::{Library, import_for_city, run_next_job};

fn scratch_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!(
        "forja-jobs-{name}-{}-{}",
        std::process::id(),
        forja_services::auth::now()
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[tokio::test]
async fn imports_are_processed_and_failures_keep_the_original_and_can_be_retried() {
    for (n, store) in stores().await.into_iter().enumerate() {
        let dir = scratch_dir(&format!("import{n}"));
        let library = Library::on_disk(&dir.join("media")).unwrap();
        let picture = dir.join("hall.png");
        let made = Command::new("ffmpeg")
            .args([
                "-v",
                "error",
                "-f",
                "lavfi",
                "-i",
                "testsrc=size=1000x600",
                "-frames:v",
                "1",
            ])
            .arg(&picture)
            .status()
            .expect("ffmpeg must be installed");
        assert!(made.success());
        let alt = || LocalizedText::new().with("en", "A test pattern");
        let good = import_for_city(
            &store,
            &library,
            "resita",
            &picture,
            alt(),
            "Generated",
            "CC0",
            true,
        )
        .await
        .unwrap();
        // What can never be media is refused, nothing stored: no item, no job.
        let before = store.jobs(100).await.unwrap().len();
        let cases: [(&str, &[u8], Problem); 4] = [
            (
                "report.jpg",
                b"a text file named like a picture",
                Problem::NotMedia,
            ),
            // Subtitles no text encoding reads: "save them as UTF-8".
            (
                "subtitles.srt",
                &[0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0x81],
                Problem::NotUtf8,
            ),
            ("notes.vtt", b"just some notes", Problem::NotMedia),
            ("empty.png", b"", Problem::EmptyFile),
        ];
        for (name, bytes, problem) in cases {
            let file = dir.join(name);
            std::fs::write(&file, bytes).unwrap();
            let refused =
                import_for_city(&store, &library, "resita", &file, alt(), "x", "x", false).await;
            assert!(
                matches!(&refused, Err(forja_services::ServiceError::Invalid(p)) if p[0].problem == problem),
                "{name}: {refused:?}"
            );
        }
        assert_eq!(
            store.jobs(100).await.unwrap().len(),
            before,
            "nothing queued"
        );
        // A picture cut short reads as one until it is decoded: the job fails on it.
        let bad_file = dir.join("report.png");
        let whole = std::fs::read(&picture).unwrap();
        std::fs::write(&bad_file, &whole[..whole.len() / 2]).unwrap();
        let bad = import_for_city(
            &store,
            &library,
            "resita",
            &bad_file,
            alt(),
            "x",
            "x",
            false,
        )
        .await
        .unwrap();
        while run_next_job(&store, &library).await.unwrap() {}
        let item = store.media_item(good).await.unwrap().unwrap();
        assert_eq!(
            (item.status.as_str(), item.kind.as_str(), item.width),
            ("ready", "image", Some(1000))
        );
        assert!(
            item.placeholder
                .unwrap()
                .starts_with("data:image/jpeg;base64,")
        );
        let roles: Vec<String> = store
            .renditions(good)
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.role)
            .collect();
        assert_eq!(roles, ["w480.webp", "w480.jpg", "w960.webp", "w960.jpg"]);
        let failed = store.media_item(bad).await.unwrap().unwrap();
        assert_eq!(failed.status, "failed");
        assert!(
            failed
                .error
                .as_deref()
                .is_some_and(|e| e.starts_with("the file is damaged or incomplete")),
            "{:?}",
            failed.error
        );
        assert!(
            store.renditions(bad).await.unwrap().is_empty(),
            "nothing half-published"
        );
        assert_eq!(failed.failure.as_deref(), Some("damaged"));
        // The same file would fail the same way: editors are not offered a retry.
        let editor = forja_core::policy::Actor {
            user: forja_core::ids::UserId(0),
            role: forja_core::policy::Role::CityEditor,
            city: Some(forja_core::ids::CityId(i64::from(failed.city_id))),
            organisation: None,
            read_only: false,
        };
        let listed = forja_services::media::library_items(&store, &editor, "resita")
            .await
            .unwrap();
        let row = listed.iter().find(|i| i.id == bad).unwrap();
        assert!(!row.retryable);
        let refused = forja_services::media::retry_item(&store, &editor, "resita", bad).await;
        assert!(
            matches!(&refused, Err(forja_services::ServiceError::Invalid(p)) if p[0].problem == forja_core::edit::Problem::RetryWontHelp),
            "{refused:?}"
        );
        let original = dir.join("media/objects").join(&failed.original_key);
        assert!(original.exists(), "the original is kept");
        let job = store
            .jobs(10)
            .await
            .unwrap()
            .into_iter()
            .find(|j| j.item_id == bad)
            .unwrap();
        assert!(
            store
                .retry_job(job.id, forja_services::auth::now())
                .await
                .unwrap()
        );
        assert_eq!(
            store.media_item(bad).await.unwrap().unwrap().status,
            "queued"
        );
    }
}

#[tokio::test]
async fn a_job_left_running_by_a_crash_is_taken_up_again_after_its_lease() {
    for (n, store) in stores().await.into_iter().enumerate() {
        let dir = scratch_dir(&format!("lease{n}"));
        let library = Library::on_disk(&dir.join("media")).unwrap();
        let file = dir.join("note.srt");
        std::fs::write(&file, "1\n00:00:00,000 --> 00:00:01,000\nBună ziua\n").unwrap();
        let alt = LocalizedText::new().with("ro", "Subtitrare");
        let item = import_for_city(
            &store, &library, "resita", &file, alt, "Forja", "CC0", false,
        )
        .await
        .unwrap();
        let now = forja_services::auth::now();
        // A worker claims the job and dies before finishing it.
        let claimed = store.claim_job(now).await.unwrap().unwrap();
        assert_eq!(claimed.item_id, item);
        assert!(
            store.claim_job(now).await.unwrap().is_none(),
            "nobody else takes it meanwhile"
        );
        let later = now + forja_store::media::LEASE_SECONDS + 1;
        let again = store.claim_job(later).await.unwrap().unwrap();
        assert_eq!((again.id, again.attempts), (claimed.id, 2));
    }
}

/// The S3-compatible store of this run (`./scripts/test.sh` starts one and names it).
fn s3_url() -> Option<String> {
    match std::env::var("FORJA_TEST_S3_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("CI=true but FORJA_TEST_S3_URL is not set: S3 tests cannot be skipped in CI")
        }
        _ => {
            eprintln!("FORJA_TEST_S3_URL not set: S3-compatible storage skipped");
            None
        }
    }
}

#[tokio::test]
async fn media_live_in_s3_compatible_storage_by_configuration() {
    let Some(url) = s3_url() else { return };
    let store = stores().await.remove(0);
    let dir = scratch_dir("s3");
    // A prefix per run, so runs never see each other's files.
    let library = Library::s3(
        &format!("{url}/run-{}", std::process::id()),
        &dir.join("work"),
    )
    .unwrap();
    let picture = dir.join("gate.png");
    assert!(
        Command::new("ffmpeg")
            .args([
                "-v",
                "error",
                "-f",
                "lavfi",
                "-i",
                "testsrc=size=800x500",
                "-frames:v",
                "1"
            ])
            .arg(&picture)
            .status()
            .unwrap()
            .success()
    );
    let alt = LocalizedText::new().with("en", "A test pattern (generated)");
    let id = import_for_city(
        &store,
        &library,
        "resita",
        &picture,
        alt,
        "Forja tests",
        "CC0",
        true,
    )
    .await
    .unwrap();
    assert!(run_next_job(&store, &library).await.unwrap());
    let item = store.media_item(id).await.unwrap().unwrap();
    assert_eq!(item.status, "ready", "{:?}", item.error);
    // The original and every rendition are in the bucket, and read back whole or in part.
    let listed = forja_services::media::files_of(&store, id).await.unwrap();
    let (_, webp) = listed
        .iter()
        .find(|(role, _)| role == "w480.webp")
        .expect("a 480 px WebP");
    let whole = forja_services::media::read(&library, webp, None)
        .await
        .unwrap();
    assert_eq!(whole.len() as u64, webp.bytes);
    assert_eq!(&whole[..4], b"RIFF");
    let part = forja_services::media::read(&library, webp, Some(8..12))
        .await
        .unwrap();
    assert_eq!(&part, b"WEBP");
    let original = library
        .objects
        .head(&object_store::path::Path::from(item.original_key.as_str()))
        .await
        .unwrap();
    assert_eq!(
        original.size, item.original_bytes as u64,
        "the original is kept"
    );
    // A bucket that does not exist is a clear failure, not a hang.
    let missing = Library::s3("s3://no-such-bucket-here", &dir.join("work2")).unwrap();
    let err = forja_services::media::read(&missing, webp, None)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("media storage"), "{err}");
}

#[tokio::test]
async fn a_heic_photo_is_converted_or_refused_with_what_to_do() {
    for (n, store) in stores().await.into_iter().enumerate() {
        let dir = scratch_dir(&format!("heic{n}"));
        let mut library = Library::on_disk(&dir.join("media")).unwrap();
        let png = dir.join("hall.png");
        let made = Command::new("ffmpeg")
            .args(["-v", "error", "-f", "lavfi", "-i", "testsrc=size=640x480"])
            .args(["-frames:v", "1"])
            .arg(&png)
            .status()
            .expect("ffmpeg must be installed");
        assert!(made.success());
        let heic = dir.join("IMG_0042.HEIC");
        let made = Command::new("heif-enc")
            .arg(&png)
            .arg("-o")
            .arg(&heic)
            .output()
            .expect("heif-enc must be installed (./scripts/test.sh installs libheif-examples)");
        assert!(made.status.success());
        let alt = || LocalizedText::new().with("ro", "Sala");
        let item = import_for_city(
            &store,
            &library,
            "resita",
            &heic,
            alt(),
            "Forja",
            "CC0",
            true,
        )
        .await
        .unwrap();
        while run_next_job(&store, &library).await.unwrap() {}
        let ready = store.media_item(item).await.unwrap().unwrap();
        assert_eq!(
            (
                ready.status.as_str(),
                ready.kind.as_str(),
                ready.width,
                ready.height
            ),
            ("ready", "image", Some(640), Some(480)),
            "{:?}",
            ready.error
        );
        // Where libheif is missing, nothing is stored and the editor is told what to do.
        library.tools.heif_convert = "/nonexistent/heif-convert".into();
        let before = store.jobs(100).await.unwrap().len();
        let refused = import_for_city(
            &store,
            &library,
            "resita",
            &heic,
            alt(),
            "Forja",
            "CC0",
            true,
        )
        .await;
        assert!(
            matches!(&refused, Err(forja_services::ServiceError::Invalid(p))
                if p[0].problem == forja_core::edit::Problem::Unsupported { format: "HEIC".into() }),
            "{refused:?}"
        );
        assert_eq!(
            store.jobs(100).await.unwrap().len(),
            before,
            "nothing queued"
        );
    }
}
