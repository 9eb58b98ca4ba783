//! Full-text search over what is public, as an index each process keeps in memory: the
//! database stays the source of truth and `forja-services` feeds this index from it
//! (built whole at start, then following the change log), so it can always be rebuilt
//! and any number of processes can serve searches. This crate knows nothing of the
//! database: it takes documents and answers queries.
//!
//! A query is never parsed as syntax: its words are taken as words (quotes, colons,
//! stars and brackets are inert), each matched stemmed in Romanian and English, exactly
//! in any language, and with typos forgiven by length. Facets count and filter.

pub mod analysis;
mod count;
mod index;
mod query;
mod rank;

pub use index::{Doc, DocText, SearchIndex};
pub use query::{FacetCount, Hit, Request, Results};

/// The facets every document may carry, in the order a page shows them.
pub const FACETS: [&str; 7] = ["kind", "country", "cluster", "kflc", "sdg", "group", "lang"];

/// At most this many words of a query are searched; the rest are said to be left out.
pub const MAX_WORDS: usize = 12;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("search index: {0}")]
    Query(#[from] tantivy::query::QueryParserError),
    #[error("search index: {0}")]
    Read(#[from] std::io::Error),
}
