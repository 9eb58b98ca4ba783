//! The index as a reader meets it: Romanian spellings, typos, facets, snippets, and
//! whatever is typed into the box.

use forja_search::{Doc, DocText, Request, SearchIndex};

fn doc(id: &str, kind: &str, country: &str, texts: &[(&str, &str, &str)]) -> Doc {
    Doc {
        id: id.into(),
        kind: kind.into(),
        url: format!("/{id}"),
        group: country.into(),
        texts: texts
            .iter()
            .map(|(lang, title, body)| DocText {
                lang: (*lang).into(),
                title: (*title).into(),
                body: (*body).into(),
            })
            .collect(),
        facets: vec![("country".into(), country.into())],
    }
}

fn index() -> SearchIndex {
    let index = SearchIndex::in_memory(20_000_000).unwrap();
    index
        .replace_all(&[
            doc(
                "programme:1",
                "programme",
                "RO",
                &[
                    ("ro", "Școala părinților", "Învățare pentru părinți în cartierele orașului Reșița, cu educație digitală."),
                    ("en", "Parents' school", "Learning for parents in the neighbourhoods of Reșița, with digital education."),
                ],
            ),
            doc(
                "city:2",
                "city",
                "TR",
                &[("tr", "Eskişehir", "Bir öğrenen şehir.")],
            ),
            doc(
                "programme:3",
                "programme",
                "RO",
                &[("ro", "Muzeul locomotivelor", "Ateliere despre <script>alert(1)</script> căi ferate.")],
            ),
            doc(
                "city:4",
                "city",
                "DE",
                &[("en", "Hamburg", "A port city that learns.")],
            ),
        ])
        .unwrap();
    index
}

fn ask(index: &SearchIndex, text: &str, lang: &str) -> Vec<String> {
    index
        .search(&Request {
            text: text.into(),
            lang: lang.into(),
            limit: 10,
            ..Default::default()
        })
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect()
}

#[test]
fn comma_below_cedilla_and_no_accents_find_the_same() {
    let i = index();
    for q in [
        "școala",
        "şcoala",
        "scoala",
        "Școala",
        "educației",
        "educatie",
        "învățare",
        "invatare",
        "resita",
        "Reşiţa",
    ] {
        assert_eq!(ask(&i, q, "ro"), ["programme:1"], "{q}");
    }
    assert_eq!(
        ask(&i, "eskisehir", "en"),
        ["city:2"],
        "another language's letters fold too"
    );
}

#[test]
fn typos_are_forgiven_by_the_length_of_the_word() {
    let i = index();
    assert_eq!(
        ask(&i, "locomotivleor", "ro"),
        ["programme:3"],
        "two typos in a long word"
    );
    assert_eq!(ask(&i, "parinti", "en"), ["programme:1"]);
    assert_eq!(
        ask(&i, "parnets", "en"),
        ["programme:1"],
        "a swap is one typo"
    );
    assert!(
        ask(&i, "prot", "en").is_empty(),
        "a short word must be exact"
    );
    assert_eq!(ask(&i, "port", "en"), ["city:4"]);
}

#[test]
fn results_come_in_the_readers_language_with_marked_words() {
    let i = index();
    let r = i
        .search(&Request {
            text: "digital".into(),
            lang: "ro".into(),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(r.hits[0].lang, "ro");
    assert_eq!(r.hits[0].title, "Școala părinților");
    assert!(
        r.hits[0].snippet.contains("<mark>digitală</mark>"),
        "{}",
        r.hits[0].snippet
    );
    let en = i
        .search(&Request {
            text: "muzeul".into(),
            lang: "en".into(),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(en.hits[0].lang, "ro", "falls back to the language it has");
    let script = i
        .search(&Request {
            text: "script ferate".into(),
            lang: "ro".into(),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert!(
        !script.hits[0].snippet.contains("<script>"),
        "{}",
        script.hits[0].snippet
    );
    assert!(script.hits[0].snippet.contains("&lt;"));
}

#[test]
fn facets_count_and_filter() {
    let i = index();
    let all = i
        .search(&Request {
            lang: "en".into(),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(all.total, 4, "no words: everything, to browse by facet");
    let kinds = &all.facets.iter().find(|(f, _)| f == "kind").unwrap().1;
    assert_eq!((kinds[0].value.as_str(), kinds[0].count), ("city", 2));
    let ro = i
        .search(&Request {
            lang: "en".into(),
            limit: 10,
            filters: vec![
                ("country".into(), "RO".into()),
                ("kind".into(), "programme".into()),
            ],
            ..Default::default()
        })
        .unwrap();
    assert_eq!(ro.total, 2);
    let either = i
        .search(&Request {
            lang: "en".into(),
            limit: 10,
            filters: vec![
                ("country".into(), "TR".into()),
                ("country".into(), "DE".into()),
            ],
            ..Default::default()
        })
        .unwrap();
    assert_eq!(either.total, 2, "values of one facet widen");
    let unknown = i
        .search(&Request {
            lang: "en".into(),
            limit: 10,
            filters: vec![("country".into(), "ZZ/../x".into())],
            ..Default::default()
        })
        .unwrap();
    assert_eq!(unknown.total, 0, "an unknown value finds nothing");
}

#[test]
fn anything_typed_is_words_or_nothing() {
    let i = index();
    for q in [
        "\"port\"", "port:", "port*", "(port)", "port)", "-port", "port~", "+port^",
    ] {
        assert_eq!(ask(&i, q, "en"), ["city:4"], "{q}: syntax is not syntax");
    }
    assert!(
        ask(&i, "kind:city OR port", "en").is_empty(),
        "every word counts as a word, so nothing has kind, city, or and port"
    );
    assert!(
        ask(&i, "\"\"\" ::: *** ((( )))", "en").len() == 4,
        "no words: everything"
    );
    let long = "învățare ".repeat(1500);
    let r = i
        .search(&Request {
            text: long,
            lang: "ro".into(),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(r.words.len(), forja_search::MAX_WORDS);
    assert_eq!(r.left_out, 1500 - forja_search::MAX_WORDS);
    assert_eq!(r.hits.len(), 1);
}

#[test]
fn as_you_type_the_last_word_may_be_a_start() {
    let i = index();
    let r = i
        .search(&Request {
            text: "locomo".into(),
            lang: "ro".into(),
            limit: 5,
            prefix: true,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(r.hits.len(), 1);
    assert!(
        ask(&i, "locomo", "ro").is_empty(),
        "a whole search wants whole words"
    );
}

#[test]
fn replacing_and_deleting_documents() {
    let i = index();
    i.apply(
        &[doc(
            "city:4",
            "city",
            "DE",
            &[("en", "Hamburg", "A harbour city.")],
        )],
        &["programme:3".into()],
    )
    .unwrap();
    assert!(ask(&i, "port", "en").is_empty());
    assert_eq!(ask(&i, "harbour", "en"), ["city:4"]);
    assert!(ask(&i, "muzeul", "ro").is_empty());
    assert_eq!(i.len(), 3);
    // A group goes whole: Romania's documents are replaced by one.
    i.replace_groups(
        &["RO".into()],
        &[doc(
            "programme:5",
            "programme",
            "RO",
            &[("ro", "Biblioteca", "Cărți.")],
        )],
    )
    .unwrap();
    assert!(ask(&i, "parinti", "ro").is_empty());
    assert_eq!(ask(&i, "carti", "ro"), ["programme:5"]);
    assert_eq!(i.len(), 3, "Eskişehir, Hamburg and the library");
}
