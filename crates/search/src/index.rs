//! The index: its fields, and documents going in and out.

use std::sync::Mutex;

use tantivy::schema::{
    FacetOptions, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use crate::SearchError;
use crate::analysis::{self, ENGLISH, FOLDED, ROMANIAN, WORDS, normalize};
use crate::count::FacetSets;

/// A thing to find: its texts per language and its facets.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    /// Unique across kinds, e.g. `programme:12`.
    pub id: String,
    /// `city`, `strategy`, `objective`, `programme`, ...
    pub kind: String,
    /// Where a reader opens it.
    pub url: String,
    /// What the document is replaced with (a city and everything of it): see
    /// [`SearchIndex::replace_groups`].
    pub group: String,
    pub texts: Vec<DocText>,
    /// (facet, value), e.g. `("country", "RO")`, `("kflc", "2.5")`.
    pub facets: Vec<(String, String)>,
}

/// A document's title and body in one language.
#[derive(Debug, Clone, Default)]
pub struct DocText {
    /// `en`, `ro`, or another BCP 47 code.
    pub lang: String,
    pub title: String,
    pub body: String,
}

/// The schema's fields. Titles and bodies are kept per language (English, Romanian, and
/// the first other language, which is all the demo's cities have) to show them and to
/// mark the words found; what a search matches and ranks is `words`.
#[derive(Clone, Copy)]
pub(crate) struct Fields {
    pub id: Field,
    pub group: Field,
    pub kind: Field,
    pub url: Field,
    pub title_en: Field,
    pub body_en: Field,
    pub title_ro: Field,
    pub body_ro: Field,
    pub title_other: Field,
    pub body_other: Field,
    pub other_lang: Field,
    /// Every word of every text, folded, and beside it its stem where the text's
    /// language has a stemmer; titles twice, which is their weight in the ranking.
    /// One field, so that a word of a query is one to three terms, not seven.
    pub words: Field,
    pub facets: Field,
}

/// A body: stored, and indexed (documents only) for the snippet to find its words.
fn body(tokenizer: &str) -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(tokenizer)
        .set_index_option(IndexRecordOption::Basic);
    TextOptions::default()
        .set_indexing_options(indexing)
        .set_stored()
}

fn words() -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(WORDS)
        .set_index_option(IndexRecordOption::WithFreqs);
    TextOptions::default().set_indexing_options(indexing)
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        group: b.add_text_field("group", STRING),
        kind: b.add_text_field("kind", STRING | STORED),
        url: b.add_text_field("url", STORED),
        title_en: b.add_text_field("title_en", STORED),
        body_en: b.add_text_field("body_en", body(ENGLISH)),
        title_ro: b.add_text_field("title_ro", STORED),
        body_ro: b.add_text_field("body_ro", body(ROMANIAN)),
        title_other: b.add_text_field("title_other", STORED),
        body_other: b.add_text_field("body_other", body(FOLDED)),
        other_lang: b.add_text_field("other_lang", STORED),
        words: b.add_text_field("words", words()),
        facets: b.add_facet_field("facets", FacetOptions::default()),
    };
    (b.build(), fields)
}

/// An index in memory, its one writer and a reader that sees every commit at once.
pub struct SearchIndex {
    pub(crate) reader: IndexReader,
    writer: Mutex<IndexWriter>,
    pub(crate) fields: Fields,
    pub(crate) facet_sets: FacetSets,
}

impl SearchIndex {
    /// An empty index in memory. `writer_memory` is the indexing budget in bytes
    /// (tantivy wants at least 15 MB); more makes bulk loads faster.
    pub fn in_memory(writer_memory: usize) -> Result<Self, SearchError> {
        let (schema, fields) = schema();
        let index = Index::create_in_ram(schema);
        let tokenizers = index.tokenizers();
        tokenizers.register(ROMANIAN, analysis::romanian());
        tokenizers.register(ENGLISH, analysis::english());
        tokenizers.register(FOLDED, analysis::folded());
        tokenizers.register(WORDS, analysis::words_field());
        let writer = index.writer_with_num_threads(1, writer_memory.max(15_000_000))?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Self {
            reader,
            writer: Mutex::new(writer),
            fields,
            facet_sets: FacetSets::default(),
        })
    }

    fn document(&self, doc: &Doc) -> TantivyDocument {
        let f = &self.fields;
        let mut d = TantivyDocument::default();
        d.add_text(f.id, &doc.id);
        d.add_text(f.group, &doc.group);
        d.add_text(f.kind, &doc.kind);
        d.add_text(f.url, &doc.url);
        d.add_facet(
            f.facets,
            tantivy::schema::Facet::from_path(["kind", &doc.kind]),
        );
        let mut other = false;
        for t in &doc.texts {
            let (title, body) = (normalize(&t.title), normalize(&t.body));
            for _ in 0..2 {
                d.add_text(f.words, analysis::indexed_words(&title, &t.lang));
            }
            d.add_text(f.words, analysis::indexed_words(&body, &t.lang));
            let (tf, bf) = match t.lang.as_str() {
                "en" => (f.title_en, f.body_en),
                "ro" => (f.title_ro, f.body_ro),
                _ if !other => {
                    other = true;
                    d.add_text(f.other_lang, &t.lang);
                    (f.title_other, f.body_other)
                }
                _ => continue,
            };
            d.add_text(tf, &title);
            d.add_text(bf, &body);
            d.add_facet(
                f.facets,
                tantivy::schema::Facet::from_path(["lang", &t.lang]),
            );
        }
        for (facet, value) in &doc.facets {
            d.add_facet(
                f.facets,
                tantivy::schema::Facet::from_path([facet.as_str(), value.as_str()]),
            );
        }
        d
    }

    /// Replaces these documents (by id) and drops those ids, in one commit; readers see
    /// all of it or none.
    pub fn apply(&self, upserts: &[Doc], deletes: &[String]) -> Result<(), SearchError> {
        let mut writer = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        for id in deletes.iter().chain(upserts.iter().map(|d| &d.id)) {
            writer.delete_term(Term::from_field_text(self.fields.id, id));
        }
        for doc in upserts {
            writer.add_document(self.document(doc))?;
        }
        writer.commit()?;
        drop(writer);
        self.reader.reload()?;
        Ok(())
    }

    /// Drops every document of these groups and adds these documents, in one commit:
    /// what a city no longer has (a deleted programme) goes with it.
    pub fn replace_groups(&self, groups: &[String], docs: &[Doc]) -> Result<(), SearchError> {
        let mut writer = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        for g in groups {
            writer.delete_term(Term::from_field_text(self.fields.group, g));
        }
        for doc in docs {
            writer.delete_term(Term::from_field_text(self.fields.id, &doc.id));
            writer.add_document(self.document(doc))?;
        }
        writer.commit()?;
        drop(writer);
        self.reader.reload()?;
        Ok(())
    }

    /// Empties the index and fills it with these documents, in one commit.
    pub fn replace_all(&self, docs: &[Doc]) -> Result<(), SearchError> {
        let mut writer = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        writer.delete_all_documents()?;
        for doc in docs {
            writer.add_document(self.document(doc))?;
        }
        writer.commit()?;
        drop(writer);
        self.reader.reload()?;
        Ok(())
    }

    /// Adds documents without committing: for a bulk load, then [`Self::commit`].
    pub fn add_uncommitted(&self, docs: &[Doc]) -> Result<(), SearchError> {
        let writer = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        for doc in docs {
            writer.add_document(self.document(doc))?;
        }
        Ok(())
    }

    pub fn commit(&self) -> Result<(), SearchError> {
        self.writer
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .commit()?;
        self.reader.reload()?;
        Ok(())
    }

    /// Documents in the index.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Bytes the index's files take.
    pub fn size_bytes(&self) -> u64 {
        self.reader
            .searcher()
            .space_usage()
            .map(|u| u.total().get_bytes())
            .unwrap_or(0)
    }
}
