//! Rich text: what people write is Markdown, rendered to HTML and then sanitised with
//! ammonia, so no script, event handler, style or foreign frame can survive, whatever
//! was typed. Headings are shifted down so a text never adds a second `<h1>`.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

/// Longest text rendered (longer input is cut): bounds the work per page.
const MAX_INPUT: usize = 100_000;

fn shift(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 | HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Markdown to safe HTML.
pub fn render(markdown: &str) -> String {
    let input: String = markdown.chars().take(MAX_INPUT).collect();
    let parser = Parser::new_ext(
        &input,
        Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES,
    )
    .map(|event| match event {
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: shift(level),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(shift(level))),
        // Raw HTML in the text is shown as text, never interpreted.
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    });
    let mut unsafe_html = String::with_capacity(input.len() * 3 / 2);
    html::push_html(&mut unsafe_html, parser);
    ammonia::Builder::default()
        .url_schemes(["https", "http", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(&unsafe_html)
        .to_string()
}

/// The words of a Markdown text without its marks (`**`, `[…](…)`, `#`), as one line:
/// what an outline or a list shows of it.
pub fn plain_text(markdown: &str) -> String {
    let input: String = markdown.chars().take(MAX_INPUT).collect();
    let mut out = String::new();
    for event in Parser::new_ext(
        &input,
        Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES,
    ) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_) if !out.ends_with(' ') => {
                out.push(' ')
            }
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn paragraphs_emphasis_and_links() {
        let html = render("One *two*.\n\nThree [site](https://resita.ro).");
        assert!(html.contains("<p>One <em>two</em>.</p>"), "{html}");
        assert!(
            html.contains(
                r#"<a href="https://resita.ro" rel="noopener noreferrer nofollow">site</a>"#
            ),
            "{html}"
        );
    }

    #[test]
    fn nothing_executable_survives() {
        for evil in [
            "<script>alert(1)</script>",
            "[x](javascript:alert(1))",
            "<img src=x onerror=alert(1)>",
            "<iframe src=//evil.example></iframe>",
            "[x](data:text/html,<script>alert(1)</script>)",
        ] {
            let html = render(evil);
            // Escaped text is fine; live tags and dangerous link targets are not.
            for bad in [
                "<script",
                "<img",
                "<iframe",
                "href=\"javascript:",
                "href=\"data:",
            ] {
                assert!(!html.contains(bad), "{evil} → {html}");
            }
        }
    }

    #[test]
    fn headings_never_compete_with_the_page_title() {
        let html = render("# Big\n\n## Less");
        assert!(
            !html.contains("<h1") && !html.contains("<h2") && html.contains("<h3>Big</h3>"),
            "{html}"
        );
    }
}
