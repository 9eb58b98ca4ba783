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
    // Every word may carry its typo, not only the first.
    assert_eq!(ask(&i, "scoala parintlor", "ro"), ["programme:1"]);
    assert_eq!(ask(&i, "locomotivleor ateliere", "ro"), ["programme:3"]);
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

/// Counts are made from bitsets kept per segment; they must be what counting by hand
/// gives, across segments, after deletions, for few matches and for many.
#[test]
fn counts_agree_with_counting_by_hand() {
    let i = SearchIndex::in_memory(20_000_000).unwrap();
    let kinds = ["city", "programme", "practice"];
    let countries = ["RO", "DE", "TR", "FR", "IT", "ES", "PT"];
    let make = |n: usize| {
        let mut d = doc(
            &format!("d:{n}"),
            kinds[n % 3],
            countries[n % 7],
            &[(
                "ro",
                "Atelier",
                match n {
                    1 | 998 | 1996 => "unic comun",
                    _ if n % 5 == 0 => "rar comun",
                    _ => "comun",
                },
            )],
        );
        d.facets.push(("sdg".into(), (n % 17).to_string()));
        // A value few documents have is kept as a list, not a bitset.
        let cluster = if n % 100 == 0 { "rare" } else { "common" };
        d.facets.push(("cluster".into(), cluster.into()));
        d
    };
    // Three commits, three segments at least.
    for chunk in (0..3000).collect::<Vec<_>>().chunks(1000) {
        let docs: Vec<Doc> = chunk.iter().map(|&n| make(n)).collect();
        i.apply(&docs, &[]).unwrap();
    }
    let gone: Vec<String> = (0..3000).step_by(11).map(|n| format!("d:{n}")).collect();
    i.apply(&[], &gone).unwrap();
    let kept: Vec<usize> = (0..3000).filter(|n| n % 11 != 0).collect();
    for (word, country, expected) in [
        ("comun", None, kept.clone()),
        ("unic", None, vec![1, 998, 1996]),
        (
            "rar",
            None,
            kept.iter().copied().filter(|n| n % 5 == 0).collect(),
        ),
        (
            "rar",
            Some("DE"),
            kept.iter()
                .copied()
                .filter(|n| n % 5 == 0 && n % 7 == 1)
                .collect(),
        ),
    ] {
        let r = i
            .search(&Request {
                text: word.into(),
                lang: "ro".into(),
                limit: 5,
                filters: country
                    .map(|c| ("country".into(), c.into()))
                    .into_iter()
                    .collect(),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(r.total, expected.len(), "{word} {country:?}");
        let by = |facet: &str, value: &str| {
            r.facets
                .iter()
                .find(|(f, _)| f == facet)
                .and_then(|(_, vs)| vs.iter().find(|v| v.value == value))
                .map_or(0, |v| v.count)
        };
        for (k, kind) in kinds.iter().enumerate() {
            let n = expected.iter().filter(|n| *n % 3 == k).count() as u64;
            assert_eq!(by("kind", kind), n, "{word} {country:?} {kind}");
        }
        for (c, code) in countries.iter().enumerate() {
            let n = expected.iter().filter(|n| *n % 7 == c).count() as u64;
            assert_eq!(by("country", code), n, "{word} {country:?} {code}");
        }
        for goal in 0..17 {
            let n = expected.iter().filter(|n| *n % 17 == goal).count() as u64;
            assert_eq!(by("sdg", &goal.to_string()), n, "{word} {country:?} {goal}");
        }
        let rare = expected.iter().filter(|n| *n % 100 == 0).count() as u64;
        assert_eq!(by("cluster", "rare"), rare, "{word} {country:?}");
        assert_eq!(by("cluster", "common"), expected.len() as u64 - rare);
    }
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
    let two = i
        .search(&Request {
            text: "educatie digi".into(),
            lang: "ro".into(),
            limit: 5,
            prefix: true,
            ..Default::default()
        })
        .unwrap();
    let ids: Vec<&str> = two.hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["programme:1"], "the start of a second word");
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
    // Browsing with no words counts and lists only what is there (replaced and
    // deleted documents linger in their segments until merged).
    let all = i
        .search(&Request {
            lang: "en".into(),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(all.total, 3);
    let mut ids: Vec<String> = all.hits.into_iter().map(|h| h.id).collect();
    ids.sort();
    assert_eq!(ids.len(), 3, "{ids:?}");
    ids.dedup();
    assert_eq!(ids.len(), 3, "no document twice");
    let kinds: u64 = all
        .facets
        .iter()
        .find(|(f, _)| f == "kind")
        .unwrap()
        .1
        .iter()
        .map(|v| v.count)
        .sum();
    assert_eq!(kinds, 3);
}

/// A word alone is ranked by walking its terms' union, anything more by scoring each
/// match: the two must agree, score for score, and pages must follow each other.
#[test]
fn both_ways_of_ranking_agree() {
    let i = SearchIndex::in_memory(20_000_000).unwrap();
    let docs: Vec<Doc> = (0..400)
        .map(|n| {
            let body = format!(
                "{} {}",
                "școala ".repeat(1 + n % 4),
                "alt cuvânt ".repeat(n % 7)
            );
            let title = if n % 9 == 0 { "Școala" } else { "Atelier" };
            doc(
                &format!("d:{n}"),
                ["city", "programme"][n % 2],
                "RO",
                &[("ro", title, &body)],
            )
        })
        .collect();
    i.apply(&docs, &[]).unwrap();
    let ask = |filters: Vec<(String, String)>, offset: usize, limit: usize| {
        i.search(&Request {
            text: "scoala".into(),
            lang: "ro".into(),
            filters,
            limit,
            offset,
            ..Default::default()
        })
        .unwrap()
        .hits
    };
    let alone = ask(vec![], 0, 20);
    let both_kinds = vec![
        ("kind".into(), "city".into()),
        ("kind".into(), "programme".into()),
    ];
    let filtered = ask(both_kinds, 0, 20);
    assert_eq!(alone.len(), 20);
    for (a, b) in alone.iter().zip(&filtered) {
        assert_eq!(a.id, b.id);
        assert!(
            (a.score - b.score).abs() < 1e-4,
            "{} {} {}",
            a.id,
            a.score,
            b.score
        );
    }
    assert!(alone[0].score > alone[19].score, "best first");
    assert_eq!(alone[0].title, "Școala", "a title weighs more");
    let second_page: Vec<String> = ask(vec![], 10, 10).into_iter().map(|h| h.id).collect();
    let tail: Vec<String> = alone[10..].iter().map(|h| h.id.clone()).collect();
    assert_eq!(second_page, tail);
}
