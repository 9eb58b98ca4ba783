//! Policy dialogue as cities use it: an editor opens a discussion on a practice that
//! asks for positions, others answer (a missing position named, what was typed kept),
//! threads stay three deep, the opener hears of answers, three reports hide a post
//! until a moderator decides, every decision is in the audit log, a closed discussion
//! takes no post, and a new account writes a little at a time.

use axum::http::StatusCode;
use forja_core::policy::Role;

use crate::accounts::{Person, form, person};
use crate::{TestApp, TestResponse, each_backend};

async fn get_as(app: &TestApp, uri: &str, who: &Person) -> TestResponse {
    app.get_with(
        uri,
        "cookie",
        &format!("forja_session={}; lang=en", who.session),
    )
    .await
}

/// Posts `body` (and a position) in a discussion, answering `parent` (0: the discussion).
async fn say(
    app: &TestApp,
    who: &Person,
    at: &str,
    parent: i32,
    body: &str,
    position: &str,
) -> TestResponse {
    let body = body.replace(' ', "+");
    app.request(form(
        &format!("{at}/posts"),
        Some(who),
        &format!("parent={parent}&position={position}&body={body}"),
    ))
    .await
}

fn post_id(r: &TestResponse) -> i32 {
    let at = r.header("location");
    at.rsplit_once("/posts/")
        .and_then(|(_, id)| id.parse().ok())
        .unwrap_or_else(|| panic!("no post in {at:?}"))
}

/// Makes an account look a month old, so the limits on new accounts do not apply.
async fn age(app: &TestApp, who: &Person) {
    use forja_store::entity::user;
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let month_ago = chrono::Utc::now().timestamp() - 30 * 86_400;
    user::Entity::update_many()
        .col_expr(user::Column::CreatedAt, Expr::value(month_ago))
        .filter(user::Column::Id.eq(who.user_id))
        .exec(app.store.connection())
        .await
        .unwrap();
}

#[tokio::test]
async fn cities_discuss_a_practice_and_moderators_keep_the_peace() {
    each_backend(|app| async move {
        let resita = person(&app, "resita", Role::CityEditor, Some("resita"), None).await;
        let galati = person(&app, "galati", Role::CityEditor, Some("galati"), None).await;
        let cugir = person(&app, "cugir", Role::CityCoordinator, Some("cugir"), None).await;
        let reader = person(&app, "reader", Role::Reader, Some("resita"), None).await;
        let staff = person(&app, "staff", Role::NetworkAdmin, None, None).await;
        for who in [&resita, &galati, &cugir] {
            age(&app, who).await;
        }
        // The practice page leads to its discussions; bad subjects are named.
        let practice = app.get("/practices/resita-hala-minda").await;
        assert!(practice.body.contains("href=\"/discussions?practice=resita-hala-minda\""));
        assert_eq!(app.get("/discussions?theme=nonsense").await.status, StatusCode::BAD_REQUEST);
        assert_eq!(app.get("/discussions?practice=no-such-thing").await.status, StatusCode::NOT_FOUND);
        assert_eq!(
            get_as(&app, "/discussions/new?practice=resita-hala-minda", &reader).await.status,
            StatusCode::FORBIDDEN
        );

        // Opening: an empty question is named and the words typed stay.
        let bad = app
            .request(form(
                "/discussions/new",
                Some(&resita),
                "subject_kind=practice&subject=resita-hala-minda&title=&body=Would+it+travel%3F",
            ))
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.body.contains("id=\"e-title\""));
        assert!(bad.body.contains("Would it travel?"));
        let made = app
            .request(form(
                "/discussions/new",
                Some(&resita),
                "subject_kind=practice&subject=resita-hala-minda&title=Does+Hala+Minda+travel%3F\
                 &body=Could+a+smaller+city+run+it+**without**+a+factory+hall%3F&asks_position=true",
            ))
            .await;
        assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
        let at = made.header("location").to_owned();
        assert_eq!(at, "/discussions/does-hala-minda-travel");

        // An answer must take a position here; refused, what was typed stays.
        let no_position = say(&app, &galati, &at, 0, "Yes, with a school workshop.", "").await;
        assert_eq!(no_position.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(no_position.body.contains("Yes, with a school workshop."));
        let odd = say(&app, &galati, &at, 0, "Hm.", "maybe").await;
        assert_eq!(odd.status, StatusCode::UNPROCESSABLE_ENTITY);
        let first = say(&app, &galati, &at, 0, "Yes, with a school workshop. <script>alert(1)</script>", "for").await;
        assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
        let first = post_id(&first);
        // Replies thread under it; a reply at the third level stays at the third.
        let second = post_id(&say(&app, &cugir, &at, first, "Which school?", "").await);
        let third = post_id(&say(&app, &galati, &at, second, "The vocational one.", "").await);
        let fourth = post_id(&say(&app, &cugir, &at, third, "Thanks.", "against").await);
        let rows = app.store.posts(app.store.discussion_row("does-hala-minda-travel").await.unwrap().unwrap().id).await.unwrap();
        let depth = |id: i32| rows.iter().find(|p| p.id == id).unwrap().depth;
        assert_eq!([depth(first), depth(second), depth(third), depth(fourth)], [0, 1, 2, 2]);
        // A reply names no post of another discussion.
        assert_eq!(say(&app, &cugir, &at, 999_999, "Lost.", "").await.status, StatusCode::UNPROCESSABLE_ENTITY);
        // Readers read it all; script stays text; the positions are counted.
        let page = app.get(&at).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("<strong>without</strong>"));
        assert!(!page.body.contains("<script>alert(1)"));
        assert!(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "shown as text");
        // Answers count; Cugir's reply "against" argues, it is not counted.
        assert!(page.body.contains("For: 1"), "answers to the discussion carry positions");
        assert!(page.body.contains("Against: 0"));
        assert_eq!(say(&app, &reader, &at, 0, "Me too.", "for").await.status, StatusCode::FORBIDDEN);
        // The opener heard of the answer; those who answered heard of the replies.
        let inbox = get_as(&app, "/inbox", &resita).await;
        assert!(inbox.body.contains("galati answered in the discussion “Does Hala Minda travel?”"), "{}", inbox.body);
        assert!(get_as(&app, "/inbox", &galati).await.body.contains("cugir answered"));

        // Three reports hide a post; one person's second report counts nothing; one's
        // own post is not reported.
        let report = |who: &Person, id: i32| {
            form(&format!("{at}/posts/{id}/report"), Some(who), "")
        };
        assert_eq!(app.request(report(&galati, first)).await.status, StatusCode::FORBIDDEN);
        for who in [&resita, &resita, &cugir] {
            assert_eq!(app.request(report(who, first)).await.status, StatusCode::SEE_OTHER);
        }
        assert!(app.get(&at).await.body.contains("Yes, with a school workshop."), "two people reported");
        app.request(report(&reader, first)).await;
        let hidden = app.get(&at).await;
        assert!(!hidden.body.contains("Yes, with a school workshop."));
        assert!(hidden.body.contains("Hidden after several reports"));
        // Staff see it waiting and decide; the decision is in the audit log.
        let queue = get_as(&app, "/discussions", &staff).await;
        assert!(queue.body.contains(&format!("{at}/posts/{first}")));
        assert_eq!(
            app.request(form(&format!("{at}/posts/{first}/moderate"), Some(&galati), "decision=kept")).await.status,
            StatusCode::FORBIDDEN
        );
        let kept = app.request(form(&format!("{at}/posts/{first}/moderate"), Some(&staff), "decision=kept")).await;
        assert_eq!(kept.status, StatusCode::SEE_OTHER);
        assert!(app.get(&at).await.body.contains("Yes, with a school workshop."));
        app.request(form(&format!("{at}/posts/{fourth}/moderate"), Some(&staff), "decision=removed")).await;
        let after = app.get(&at).await;
        assert!(after.body.contains("A moderator removed this post."));
        assert!(!after.body.contains("Thanks."), "its words are gone");
        let events: Vec<String> = app.store.audit_events(20).await.unwrap().into_iter().map(|e| e.event).collect();
        assert!(events.contains(&"post-kept".to_owned()) && events.contains(&"post-removed".to_owned()), "{events:?}");

        // Closing takes a summary; then the discussion takes no post.
        let empty = app.request(form(&format!("{at}/close"), Some(&staff), "summary=")).await;
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
        let closed = app
            .request(form(&format!("{at}/close"), Some(&staff), "summary=It+travels+where+a+school+has+a+workshop."))
            .await;
        assert_eq!(closed.status, StatusCode::SEE_OTHER);
        let late = say(&app, &cugir, &at, 0, "One more thing.", "neutral").await;
        assert_eq!(late.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(late.body.contains("closed this discussion"));
        assert!(app.get(&at).await.body.contains("It travels where a school has a workshop."));
        let events: Vec<String> = app.store.audit_events(20).await.unwrap().into_iter().map(|e| e.event).collect();
        assert!(events.contains(&"discussion-closed".to_owned()));
        // The list shows it, closed, under its practice.
        let list = app.get("/discussions?practice=resita-hala-minda").await;
        assert!(list.body.contains("Does Hala Minda travel?") && list.body.contains("Closed"));
        // Search finds it by its question and its summary.
        // "smaller city" is in the opening words only, "workshop" in the summary only
        // (posts are not indexed).
        for q in ["smaller+city+factory+hall", "workshop"] {
            let found = app.get(&format!("/search?q={q}&kind=discussion")).await;
            assert!(found.body.contains("href=\"/discussions/does-hala-minda-travel\""), "{q}");
        }
    })
    .await;
}

#[tokio::test]
async fn a_new_account_writes_a_little_at_a_time() {
    each_backend(|app| async move {
        let new = person(&app, "newcomer", Role::CityEditor, Some("galati"), None).await;
        let made = app
            .request(form(
                "/discussions/new",
                Some(&new),
                "subject_kind=theme&subject=kflc%3A2.3&title=Apprenticeships&body=Who+pays%3F",
            ))
            .await;
        assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
        let at = made.header("location").to_owned();
        for n in 0..3 {
            assert_eq!(
                say(&app, &new, &at, 0, &format!("Point {n}"), "")
                    .await
                    .status,
                StatusCode::SEE_OTHER
            );
        }
        let fourth = say(&app, &new, &at, 0, "Point 3", "").await;
        assert_eq!(fourth.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            fourth.body.contains("post again in 10 min."),
            "{}",
            fourth.body
        );
        assert!(fourth.body.contains("Point 3"), "what was typed stays");
        // The theme's page leads here.
        let node = app.get("/framework/kflc/2.3").await;
        assert!(node.body.contains("href=\"/discussions?theme=kflc:2.3\""));
        assert!(
            app.get("/discussions?theme=kflc:2.3")
                .await
                .body
                .contains("Apprenticeships")
        );
    })
    .await;
}

/// A long discussion comes in pages of answers, each answer with all its replies; a
/// post's lasting address finds its page; bad and missing pages are named.
#[tokio::test]
async fn a_long_discussion_comes_in_pages() {
    use forja_services::discussions::{ANSWERS_PER_PAGE, DISCUSSIONS_PER_PAGE};
    each_backend(|app| async move {
        let galati = person(&app, "galati", Role::CityEditor, Some("galati"), None).await;
        age(&app, &galati).await;
        let open = |n: usize| {
            form(
                "/discussions/new",
                Some(&galati),
                &format!("subject_kind=theme&subject=kflc%3A2.3&title=Question+{n}&body=Why%3F"),
            )
        };
        let mut at = String::new();
        for n in 0..=DISCUSSIONS_PER_PAGE {
            let made = app.request(open(n)).await;
            assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
            at = made.header("location").to_owned();
        }
        // The list: the newest first, the oldest on page 2.
        let list = app.get("/discussions").await;
        assert!(
            list.body
                .contains(&format!("Question {DISCUSSIONS_PER_PAGE}"))
        );
        assert!(!list.body.contains(">Question 0<"));
        assert!(
            list.body
                .contains("href=\"/discussions?page=2\" rel=\"next\"")
        );
        assert!(list.body.contains("Page 1 of 2"));
        let second = app.get("/discussions?page=2").await;
        assert!(second.body.contains(">Question 0<"), "{}", second.body);
        assert!(second.body.contains("rel=\"prev\""));
        let on_theme = app.get("/discussions?theme=kflc:2.3&page=2").await;
        assert!(
            on_theme
                .body
                .contains("href=\"/discussions?theme=kflc%3A2.3\" rel=\"prev\"")
        );
        assert_eq!(
            app.get("/discussions?page=3").await.status,
            StatusCode::NOT_FOUND
        );
        for bad in ["0", "two", "-1"] {
            let r = app.get(&format!("/discussions?page={bad}")).await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}");
        }

        // A thread: one page more than a page of answers; the first answer's reply
        // stays with it on page 1, the last answer is on page 2.
        let first = post_id(&say(&app, &galati, &at, 0, "Answer 0", "").await);
        let reply = post_id(&say(&app, &galati, &at, first, "Reply to answer 0", "").await);
        let mut last = 0;
        for n in 1..=ANSWERS_PER_PAGE {
            let said = say(&app, &galati, &at, 0, &format!("Answer {n}"), "").await;
            assert_eq!(said.status, StatusCode::SEE_OTHER, "{}", said.body);
            last = post_id(&said);
        }
        let page1 = app.get(&at).await;
        assert!(page1.body.contains("Reply to answer 0"));
        assert!(!page1.body.contains(&format!("Answer {ANSWERS_PER_PAGE}<")));
        assert!(
            page1
                .body
                .contains(&format!("{} posts", ANSWERS_PER_PAGE + 2)),
            "the count is of all"
        );
        let page2 = app.get(&format!("{at}?page=2")).await;
        assert!(page2.body.contains(&format!("Answer {ANSWERS_PER_PAGE}<")));
        assert!(!page2.body.contains("Answer 0<"));
        assert_eq!(
            app.get(&format!("{at}?page=3")).await.status,
            StatusCode::NOT_FOUND
        );
        // An empty answer sent from page 2 is refused there, not on page 1.
        let empty = app
            .request(form(
                &format!("{at}/posts"),
                Some(&galati),
                "parent=0&page=2&body=",
            ))
            .await;
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(empty.body.contains("Page 2 of 2"), "{}", empty.body);
        assert!(empty.body.contains(&format!("Answer {ANSWERS_PER_PAGE}<")));
        // Lasting addresses of posts lead to their pages.
        let to_last = app.get(&format!("{at}/posts/{last}")).await;
        assert_eq!(
            to_last.header("location"),
            format!("{at}?page=2#post-{last}")
        );
        let to_reply = app.get(&format!("{at}/posts/{reply}")).await;
        assert_eq!(to_reply.header("location"), format!("{at}#post-{reply}"));
        assert_eq!(
            app.get(&format!("{at}/posts/999999")).await.status,
            StatusCode::NOT_FOUND
        );
    })
    .await;
}
