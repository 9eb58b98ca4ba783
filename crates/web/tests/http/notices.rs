//! Notifications as people meet them: a city's reply to a partner request lands in the
//! inbox of the requesting city's editors (not in the replier's), is mailed through a
//! real SMTP server (the sink `scripts/test.sh` starts), and the mail's unsubscribe
//! link stops further mail with one click, without signing in.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use chrono::{Days, Utc};
use forja_core::policy::Role;

use crate::accounts::{Person, form, person};
use crate::{TestApp, TestResponse, each_backend};

async fn get_as(app: &TestApp, uri: &str, who: &Person, lang: &str) -> TestResponse {
    let r = Request::get(uri)
        .header(
            "cookie",
            format!("forja_session={}; lang={lang}", who.session),
        )
        .body(Body::empty())
        .unwrap();
    app.request(r).await
}

/// The SMTP sink's address and the maildir it writes to, when the test script runs one.
fn smtp_sink() -> Option<(String, std::path::PathBuf)> {
    match (
        std::env::var("FORJA_TEST_SMTP_URL"),
        std::env::var("FORJA_TEST_MAILDIR"),
    ) {
        (Ok(url), Ok(dir)) if !url.is_empty() => Some((url, dir.into())),
        _ if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("CI=true but FORJA_TEST_SMTP_URL/FORJA_TEST_MAILDIR are not set")
        }
        _ => {
            eprintln!("no SMTP sink (FORJA_TEST_SMTP_URL): mail delivery not checked");
            None
        }
    }
}

/// Quoted-printable undone: soft line breaks joined, `=XX` made bytes again.
fn unquote(raw: &str) -> String {
    let joined = raw.replace("=\r\n", "").replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'=', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The mail in `dir` whose text holds `needle`, waiting a little for the sink to write.
async fn mail_with(dir: &std::path::Path, needle: &str) -> String {
    for _ in 0..50 {
        for entry in std::fs::read_dir(dir.join("new")).into_iter().flatten() {
            let raw = std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default();
            let text = unquote(&raw);
            if text.contains(needle) {
                return text;
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("no mail holding {needle} in {}", dir.display())
}

#[tokio::test]
async fn a_reply_reaches_the_requesting_city_in_its_inbox_and_by_mail() {
    each_backend(|app| async move {
        let coordinator = person(&app, "resita", Role::CityCoordinator, Some("resita"), None).await;
        let editor = person(&app, "resita-ed", Role::CityEditor, Some("resita"), None).await;
        let galati = person(&app, "galati", Role::CityEditor, Some("galati"), None).await;
        let cugir = person(&app, "cugir", Role::CityEditor, Some("cugir"), None).await;
        let deadline = (Utc::now().date_naive() + Days::new(30)).format("%Y-%m-%d");
        let made = app
            .request(form(
                "/cities/resita/requests/new",
                Some(&coordinator),
                &format!(
                    "title_en=Partners+for+repair+cafes&summary_en=Two+years.\
                     &partner_kinds=city&deadline={deadline}&reply_cap=5"
                ),
            ))
            .await;
        assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
        let at = made.header("location").to_owned();
        let empty = get_as(&app, "/inbox", &editor, "ro").await;
        assert_eq!(empty.status, StatusCode::OK);
        assert!(empty.body.contains("Nimic nou."));
        assert!(
            empty.body.contains("href=\"/inbox\""),
            "the header links it"
        );

        let reply = form(
            &format!("{at}/replies"),
            Some(&galati),
            "message=We+are+in.",
        );
        assert_eq!(app.request(reply).await.status, StatusCode::SEE_OTHER);
        // Both of Reșița's people hear of it, in their language; Galați does not.
        let ro = get_as(&app, "/inbox", &editor, "ro").await;
        assert!(
            ro.body.contains(
                "Galați a răspuns cererii dumneavoastră de parteneriat „Partners for repair cafes”."
            ),
            "{}",
            ro.body
        );
        assert!(ro.body.contains(&format!("href=\"{at}\"")));
        assert!(ro.body.contains("O notificare necitită."));
        let en = get_as(&app, "/inbox", &coordinator, "en").await;
        assert!(en.body.contains("Galați replied to your partner request"));
        let replier = get_as(&app, "/inbox", &galati, "en").await;
        assert!(!replier.body.contains("replied to your"));
        // Read, the mark goes.
        let read = app.request(form("/inbox/read", Some(&editor), "")).await;
        assert_eq!(read.status, StatusCode::SEE_OTHER);
        assert!(
            get_as(&app, "/inbox", &editor, "ro")
                .await
                .body
                .contains("Nimic nou.")
        );
        // A made-up choice is named, not guessed.
        let odd = app
            .request(form("/inbox/mail", Some(&editor), "mail=sometimes"))
            .await;
        assert_eq!(odd.status, StatusCode::BAD_REQUEST);

        // The mails, through a real SMTP server.
        let token = app
            .store
            .mail_setting(editor.user_id, &"0".repeat(64))
            .await
            .unwrap()
            .token;
        if let Some((url, dir)) = smtp_sink() {
            let mailer = forja_web::mail::Mailer::new(
                &url,
                "Forja <forja@test.forja>",
                "https://forja.test",
            )
            .unwrap();
            let mut sent = 0;
            while mailer.send_next(&app.store).await.unwrap() {
                sent += 1;
            }
            assert_eq!(sent, 2, "one mail for each of Reșița's people");
            let state = &app.store.inbox(editor.user_id, 1).await.unwrap()[0].mail_state;
            assert_eq!(state, "sent", "the SMTP server took it");
            let unsubscribe = format!("https://forja.test/unsubscribe/{token}");
            let mail = mail_with(&dir, &unsubscribe).await;
            assert!(mail.contains("resita-ed@test.forja"), "{mail}");
            assert!(mail.contains(&format!("List-Unsubscribe: <{unsubscribe}>")));
            assert!(mail.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
            assert!(mail.contains("Message-ID: <"));
            assert!(mail.contains("Galați replied to your partner request"));
            assert!(mail.contains(&format!("https://forja.test{at}")));
        }

        // The link asks first (a GET changes nothing), then one click stops the mail,
        // with no session and no form token, as a mail program sends it.
        let ask = app.get(&format!("/unsubscribe/{token}")).await;
        assert_eq!(ask.status, StatusCode::OK);
        assert!(
            get_as(&app, "/inbox", &editor, "en")
                .await
                .body
                .contains("You also receive each notification by e-mail"),
            "opening the link changed nothing"
        );
        assert!(
            ask.body
                .contains(&format!("action=\"/unsubscribe/{token}\""))
        );
        let one_click = app
            .request(
                Request::post(format!("/unsubscribe/{token}"))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(Body::from("List-Unsubscribe=One-Click"))
                    .unwrap(),
            )
            .await;
        assert_eq!(one_click.status, StatusCode::OK, "{}", one_click.body);
        assert!(one_click.body.contains("no more e-mail"));
        let inbox = get_as(&app, "/inbox", &editor, "en").await;
        assert!(inbox.body.contains("You receive no e-mail"));
        // The next reply still reaches the inbox, but no mail waits for it.
        let reply = form(&format!("{at}/replies"), Some(&cugir), "message=Us+too.");
        assert_eq!(app.request(reply).await.status, StatusCode::SEE_OTHER);
        let rows = app.store.inbox(editor.user_id, 10).await.unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].mail_state, "off");
        // A made-up token is not found, and says nothing about anyone.
        assert_eq!(
            app.get(&format!("/unsubscribe/{}", "f".repeat(64)))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            app.get("/unsubscribe/nonsense").await.status,
            StatusCode::NOT_FOUND
        );
    })
    .await;
}
