//! A reader's words become a query: each word must match, stemmed (Romanian, English),
//! exactly in any language, or within the typos its length allows; facets filter and
//! are counted; each hit comes in the reader's language when it has it.

use std::collections::BTreeMap;

use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{Facet, Field, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use crate::analysis::{self, normalize, typo_distance};
use crate::index::{Fields, SearchIndex};
use crate::{FACETS, MAX_WORDS, SearchError};

/// What a reader asks.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub text: String,
    /// The reader's language (`en`, `ro`): titles and snippets come in it when a
    /// document has it.
    pub lang: String,
    /// (facet, value): values of one facet widen, facets narrow.
    pub filters: Vec<(String, String)>,
    pub limit: usize,
    pub offset: usize,
    /// As the reader types: the last word may be only the start of one.
    pub prefix: bool,
}

/// One document found.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub id: String,
    pub kind: String,
    pub url: String,
    pub title: String,
    /// The language of `title` and `snippet`.
    pub lang: String,
    /// HTML: the text escaped, the words found in `<mark>`.
    pub snippet: String,
    pub score: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
    pub selected: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Results {
    pub total: usize,
    pub hits: Vec<Hit>,
    /// Per facet (in [`FACETS`] order, those with any value), its values by count.
    pub facets: Vec<(String, Vec<FacetCount>)>,
    /// The words searched, folded.
    pub words: Vec<String>,
    /// Words of the query left out past [`MAX_WORDS`].
    pub left_out: usize,
}

const SNIPPET_CHARS: usize = 180;

fn term(field: Field, text: &str, boost: f32) -> Box<dyn Query> {
    let q = TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    );
    Box::new(BoostQuery::new(Box::new(q), boost))
}

/// How a word may match.
#[derive(Clone, Copy, PartialEq)]
enum Matching {
    /// Stemmed or exactly.
    Exact,
    /// Also within the typos its length allows.
    Typos,
    /// Also as the start of a longer word (the last word, as the reader types).
    Prefix,
}

/// Exact matches fewer than this, and typos are tried too (as Typesense's
/// `typo_tokens_threshold`): a word found as typed is what the reader meant, and
/// forgiving typos in a frequent word costs more than all the rest of a search.
const FEW: usize = 10;

/// One word's ways of matching.
fn word_query(f: &Fields, text: &str, folded: &str, matching: Matching) -> Box<dyn Query> {
    let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for (stem, _, _) in analysis::words(&mut analysis::romanian(), text) {
        should.push((Occur::Should, term(f.title_ro, &stem, 3.0)));
        should.push((Occur::Should, term(f.body_ro, &stem, 1.0)));
    }
    for (stem, _, _) in analysis::words(&mut analysis::english(), text) {
        should.push((Occur::Should, term(f.title_en, &stem, 3.0)));
        should.push((Occur::Should, term(f.body_en, &stem, 1.0)));
    }
    should.push((Occur::Should, term(f.title_other, folded, 3.0)));
    should.push((Occur::Should, term(f.body_other, folded, 1.0)));
    should.push((Occur::Should, term(f.folded, folded, 1.0)));
    let distance = typo_distance(folded);
    let t = Term::from_field_text(f.folded, folded);
    match matching {
        Matching::Prefix => {
            let q = FuzzyTermQuery::new_prefix(t, distance, true);
            should.push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), 0.5))));
        }
        Matching::Typos if distance > 0 => {
            let q = FuzzyTermQuery::new(t, distance, true);
            should.push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), 0.3))));
        }
        _ => {}
    }
    Box::new(BooleanQuery::new(should))
}

type Words = Vec<(String, usize, usize)>;

impl SearchIndex {
    /// Every word must match (the last as a start when suggesting), and every facet.
    fn query(
        &self,
        req: &Request,
        text: &str,
        words: &Words,
        by_facet: &BTreeMap<&str, Vec<&str>>,
        typos: bool,
    ) -> Box<dyn Query> {
        let f = &self.fields;
        let mut must: Vec<(Occur, Box<dyn Query>)> = words
            .iter()
            .enumerate()
            .map(|(i, (folded, from, to))| {
                let matching = if req.prefix && i + 1 == words.len() {
                    Matching::Prefix
                } else if typos {
                    Matching::Typos
                } else {
                    Matching::Exact
                };
                (
                    Occur::Must,
                    word_query(f, &text[*from..*to], folded, matching),
                )
            })
            .collect();
        for (facet, values) in by_facet {
            let any: Vec<(Occur, Box<dyn Query>)> = values
                .iter()
                .map(|v| {
                    let t = Term::from_facet(f.facets, &Facet::from_path([*facet, *v]));
                    let q: Box<dyn Query> = Box::new(TermQuery::new(t, IndexRecordOption::Basic));
                    (Occur::Should, q)
                })
                .collect();
            must.push((Occur::Must, Box::new(BooleanQuery::new(any))));
        }
        if must.is_empty() {
            Box::new(AllQuery)
        } else if words.is_empty() {
            must.push((Occur::Must, Box::new(AllQuery)));
            Box::new(BooleanQuery::new(must))
        } else {
            Box::new(BooleanQuery::new(must))
        }
    }

    /// Answers a request; never fails on what a reader types.
    pub fn search(&self, req: &Request) -> Result<Results, SearchError> {
        let f = &self.fields;
        let text = normalize(&req.text);
        let all_words = analysis::words(&mut analysis::folded(), &text);
        let left_out = all_words.len().saturating_sub(MAX_WORDS);
        let words: Words = all_words.into_iter().take(MAX_WORDS).collect();
        let mut by_facet: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (facet, value) in &req.filters {
            by_facet.entry(facet).or_default().push(value);
        }
        let searcher = self.reader.searcher();
        let run = |query: &dyn Query| {
            let mut facets = FacetCollector::for_field("facets");
            for root in FACETS {
                facets.add_facet(Facet::from_path([root]));
            }
            let top = TopDocs::with_limit(req.limit.max(1))
                .and_offset(req.offset)
                .order_by_score();
            searcher.search(query, &(top, Count, facets))
        };
        let mut found = run(&*self.query(req, &text, &words, &by_facet, false))?;
        let forgivable = words.iter().any(|(w, _, _)| typo_distance(w) > 0);
        if found.1 < FEW && forgivable && !req.prefix {
            found = run(&*self.query(req, &text, &words, &by_facet, true))?;
        }
        let (top, total, counts) = found;
        // Exact words only: what the snippets highlight (typo matches are not).
        let highlight: Box<dyn Query> = if words.is_empty() {
            Box::new(AllQuery)
        } else {
            Box::new(BooleanQuery::new(
                words
                    .iter()
                    .map(|(folded, from, to)| {
                        (
                            Occur::Should,
                            word_query(f, &text[*from..*to], folded, Matching::Exact),
                        )
                    })
                    .collect(),
            ))
        };
        let snippets = Snippets::new(&searcher, &*highlight, f)?;
        let hits = top
            .into_iter()
            .map(|(score, addr)| self.hit(&searcher, addr, score, &req.lang, &snippets))
            .collect::<Result<Vec<_>, _>>()?;
        let facets = FACETS
            .iter()
            .filter_map(|root| {
                let mut values: Vec<FacetCount> = counts
                    .get(Facet::from_path([*root]))
                    .map(|(facet, count)| {
                        let value = facet
                            .to_path()
                            .last()
                            .map(|s| s.to_string())
                            .unwrap_or_default();
                        let selected = by_facet
                            .get(root)
                            .is_some_and(|vs| vs.contains(&value.as_str()));
                        FacetCount {
                            value,
                            count,
                            selected,
                        }
                    })
                    .collect();
                values.sort_by(|a, b| b.count.cmp(&a.count).then(a.value.cmp(&b.value)));
                (!values.is_empty()).then(|| (root.to_string(), values))
            })
            .collect();
        Ok(Results {
            total,
            hits,
            facets,
            words: words.into_iter().map(|(w, _, _)| w).collect(),
            left_out,
        })
    }

    fn hit(
        &self,
        searcher: &Searcher,
        addr: DocAddress,
        score: f32,
        lang: &str,
        snippets: &Snippets,
    ) -> Result<Hit, SearchError> {
        let f = &self.fields;
        let doc: TantivyDocument = searcher.doc(addr)?;
        let get = |field: Field| {
            doc.get_first(field)
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default()
        };
        // The reader's language (English or Romanian), then the other, then the document's own.
        let order = if lang == "ro" {
            ["ro", "en"]
        } else {
            ["en", "ro"]
        };
        let other_lang = get(f.other_lang);
        let pick = order
            .into_iter()
            .filter_map(|l| match l {
                "en" => Some(("en".to_owned(), f.title_en, f.body_en, &snippets.en)),
                "ro" => Some(("ro".to_owned(), f.title_ro, f.body_ro, &snippets.ro)),
                _ => None,
            })
            .chain(std::iter::once((
                other_lang,
                f.title_other,
                f.body_other,
                &snippets.other,
            )))
            .find(|(_, title, _, _)| doc.get_first(*title).is_some());
        let (lang, title, snippet) = match pick {
            Some((lang, title, body, generator)) => {
                let body = get(body);
                let mut s = generator.snippet(&body);
                s.set_snippet_prefix_postfix("<mark>", "</mark>");
                let html = if s.is_empty() {
                    let start: String = body.chars().take(SNIPPET_CHARS).collect();
                    let cut = if start.len() < body.len() { "…" } else { "" };
                    format!("{}{cut}", escape(&start))
                } else {
                    s.to_html()
                };
                (lang, get(title), html)
            }
            None => (String::new(), String::new(), String::new()),
        };
        Ok(Hit {
            id: get(f.id),
            kind: get(f.kind),
            url: get(f.url),
            title,
            lang,
            snippet,
            score,
        })
    }
}

struct Snippets {
    en: SnippetGenerator,
    ro: SnippetGenerator,
    other: SnippetGenerator,
}

impl Snippets {
    fn new(searcher: &Searcher, query: &dyn Query, f: &Fields) -> Result<Self, SearchError> {
        let make = |field| -> Result<SnippetGenerator, SearchError> {
            let mut g = SnippetGenerator::create(searcher, query, field)?;
            g.set_max_num_chars(SNIPPET_CHARS);
            Ok(g)
        };
        Ok(Self {
            en: make(f.body_en)?,
            ro: make(f.body_ro)?,
            other: make(f.body_other)?,
        })
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
}
