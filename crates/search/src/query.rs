//! A reader's words become a query: each word must match, stemmed (Romanian, English),
//! exactly in any language, or within the typos its length allows; facets filter and
//! are counted; each hit comes in the reader's language when it has it.

use std::collections::BTreeMap;

use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{Facet, Field, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use crate::analysis::{self, normalize, typo_distance};
use crate::count::{self, Clause};
use crate::index::{Fields, SearchIndex};
use crate::rank::{self, Ranking};
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

/// A word's terms in `words`: as typed (folded), and its Romanian and English stems.
fn word_terms(f: &Fields, text: &str, folded: &str) -> Vec<Term> {
    let mut terms = vec![folded.to_owned()];
    for analyzer in [&mut analysis::romanian(), &mut analysis::english()] {
        let stems = analysis::words(analyzer, text).into_iter();
        terms.extend(stems.map(|(s, _, _)| format!("{}{s}", analysis::STEM)));
    }
    terms.sort();
    terms.dedup();
    terms
        .iter()
        .map(|t| Term::from_field_text(f.words, t))
        .collect()
}

/// One word's ways of matching: its terms, and as other queries a typo or a start.
fn word_parts(
    f: &Fields,
    text: &str,
    folded: &str,
    matching: Matching,
) -> (Vec<Term>, Vec<Box<dyn Query>>) {
    let terms = word_terms(f, text, folded);
    let distance = typo_distance(folded);
    let t = Term::from_field_text(f.words, folded);
    let other: Option<Box<dyn Query>> = match matching {
        Matching::Prefix => {
            let q = FuzzyTermQuery::new_prefix(t, distance, true);
            Some(Box::new(BoostQuery::new(Box::new(q), 0.5)))
        }
        Matching::Typos if distance > 0 => {
            let q = FuzzyTermQuery::new(t, distance, true);
            Some(Box::new(BoostQuery::new(Box::new(q), 0.3)))
        }
        _ => None,
    };
    (terms, other.into_iter().collect())
}

fn term_query(t: Term) -> Box<dyn Query> {
    Box::new(TermQuery::new(t, IndexRecordOption::WithFreqs))
}

fn any_of(queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        queries.into_iter().map(|q| (Occur::Should, q)).collect(),
    ))
}

/// The words a snippet marks: stemmed as each body was, exactly in another language
/// (typo matches are not marked).
fn highlight_query(f: &Fields, text: &str, words: &Words) -> Box<dyn Query> {
    let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut add = |field: Field, term: &str| {
        let t = Term::from_field_text(field, term);
        should.push((
            Occur::Should,
            Box::new(TermQuery::new(t, IndexRecordOption::Basic)),
        ));
    };
    for (folded, from, to) in words {
        let word = &text[*from..*to];
        for (stem, _, _) in analysis::words(&mut analysis::romanian(), word) {
            add(f.body_ro, &stem);
        }
        for (stem, _, _) in analysis::words(&mut analysis::english(), word) {
            add(f.body_en, &stem);
        }
        add(f.body_other, folded);
    }
    if should.is_empty() {
        Box::new(AllQuery)
    } else {
        Box::new(BooleanQuery::new(should))
    }
}

type Words = Vec<(String, usize, usize)>;

/// What a search asks of the index: clauses a document must all match (each word, each
/// facet; none to browse everything), and what ranks (nothing without words).
struct Asked {
    clauses: Vec<Clause>,
    ranking: Option<Ranking>,
}

impl SearchIndex {
    /// Every word must match (the last as a start when suggesting), and every facet.
    fn ask(
        &self,
        req: &Request,
        text: &str,
        words: &Words,
        by_facet: &BTreeMap<&str, Vec<&str>>,
        typos: bool,
    ) -> Asked {
        let f = &self.fields;
        let mut clauses = Vec::new();
        let (mut terms, mut ranked) = (Vec::new(), Vec::new());
        let mut others = Vec::new();
        let mut seen = Vec::new();
        for (i, (folded, from, to)) in words.iter().enumerate() {
            let matching = if req.prefix && i + 1 == words.len() {
                Matching::Prefix
            } else if typos {
                Matching::Typos
            } else {
                Matching::Exact
            };
            // A word said twice is asked once.
            if seen.contains(&(folded, matching)) {
                continue;
            }
            seen.push((folded, matching));
            let (word_terms, word_others) = word_parts(f, &text[*from..*to], folded, matching);
            others.extend(word_others.iter().map(|q| q.box_clone()));
            ranked.extend(word_others.iter().map(|q| q.box_clone()));
            // Words sharing a stem ("learning learn") rank by it once.
            for t in &word_terms {
                if !terms.contains(t) {
                    terms.push(t.clone());
                    ranked.push(term_query(t.clone()));
                }
            }
            clauses.push(Clause {
                terms: word_terms,
                others: word_others,
            });
        }
        for (facet, values) in by_facet {
            let terms = values
                .iter()
                .map(|v| Term::from_facet(f.facets, &Facet::from_path([*facet, *v])))
                .collect();
            clauses.push(Clause {
                terms,
                others: Vec::new(),
            });
        }
        let ranking = (!ranked.is_empty()).then(|| Ranking {
            terms,
            others,
            query: any_of(ranked),
        });
        Asked { clauses, ranking }
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
        let mut asked = self.ask(req, &text, &words, &by_facet, false);
        let mut matches = count::matches(&searcher, &asked.clauses)?;
        let mut counts = count::count(&searcher, &matches, f.facets, &self.facet_sets)?;
        let forgivable = words.iter().any(|(w, _, _)| typo_distance(w) > 0);
        if counts.total < FEW && forgivable && !req.prefix {
            asked = self.ask(req, &text, &words, &by_facet, true);
            matches = count::matches(&searcher, &asked.clauses)?;
            counts = count::count(&searcher, &matches, f.facets, &self.facet_sets)?;
        }
        let k = req.offset.saturating_add(req.limit.max(1));
        let top = rank::top(
            &searcher,
            asked.ranking.as_ref(),
            &matches,
            counts.total,
            asked.clauses.len(),
            k,
        )?;
        let top = top.into_iter().skip(req.offset);
        let highlight = highlight_query(f, &text, &words);
        let snippets = Snippets::new(&searcher, &*highlight, f)?;
        let hits = top
            .into_iter()
            .map(|(score, addr)| self.hit(&searcher, addr, score, &req.lang, &snippets))
            .collect::<Result<Vec<_>, _>>()?;
        let facets = FACETS
            .iter()
            .filter_map(|root| {
                let mut values: Vec<FacetCount> = counts
                    .facets
                    .iter()
                    .filter(|((r, _), _)| r == root)
                    .map(|((_, value), &count)| {
                        let value = value.clone();
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
            total: counts.total,
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
