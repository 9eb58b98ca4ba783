//! The best matches, once what matches is known ([`crate::count::matches`]).
//!
//! A document's score is the sum of its words' terms' BM25 scores (and a constant for a
//! typo or a word's start). It is found one of two ways:
//!
//! - a word alone: tantivy walks the union of its terms, which lets it skip whole blocks
//!   whose best possible score cannot make the page (block-max WAND), so a word in a
//!   third of a million documents is ranked without scoring them all;
//! - more words, or a facet chosen: each match is scored from each term's postings,
//!   looked up when the matches are few, read through when they are many. (Skipping
//!   blocks here too, as block-max WAND over an intersection does, needs tantivy's
//!   per-block maximum scores, which it does not expose.)

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use tantivy::postings::Postings;
use tantivy::query::{Bm25Weight, EnableScoring, Query};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocId, DocSet, Score, Searcher, TERMINATED, Term};

use crate::SearchError;
use crate::count::{Matches, docs_of, has};

/// A document found, best first: a higher score, then the earlier document.
#[derive(PartialEq)]
struct Ranked(Score, DocAddress);

impl Eq for Ranked {}

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> Ordering {
        other.0.total_cmp(&self.0).then(self.1.cmp(&other.1))
    }
}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// What ranks: the words' terms, the other ways they may match (a typo, a start, each
/// adding a constant), and all of them as one union, for tantivy.
pub(crate) struct Ranking {
    pub terms: Vec<Term>,
    pub others: Vec<Box<dyn Query>>,
    pub query: Box<dyn Query>,
}

/// The worst of the best `k` so far sits on top.
struct Best {
    heap: BinaryHeap<Ranked>,
    k: usize,
}

impl Best {
    fn push(&mut self, score: Score, addr: DocAddress) {
        self.heap.push(Ranked(score, addr));
        if self.heap.len() > self.k {
            self.heap.pop();
        }
    }

    /// What a document must beat to get in.
    fn threshold(&self) -> Score {
        match self.heap.peek() {
            Some(r) if self.heap.len() >= self.k => r.0,
            _ => Score::MIN,
        }
    }
}

/// The `k` best of `matches` (`total` of them, matching all of `clauses` clauses), best
/// first: by `ranking`, or in the index's order when there are no words.
pub(crate) fn top(
    searcher: &Searcher,
    ranking: Option<&Ranking>,
    matches: &Matches,
    total: usize,
    clauses: usize,
    k: usize,
) -> Result<Vec<(Score, DocAddress)>, SearchError> {
    if k == 0 || total == 0 {
        return Ok(Vec::new());
    }
    let Some(ranking) = ranking else {
        let all = matches.iter().enumerate().flat_map(|(ord, bits)| {
            let docs = bits.as_deref().map(docs_of).into_iter().flatten();
            docs.map(move |d| (1.0, DocAddress::new(ord as u32, d)))
        });
        return Ok(all.take(k).collect());
    };
    let mut best = Best {
        heap: BinaryHeap::with_capacity(k.min(total) + 1),
        k,
    };
    // One clause (a word alone): every document of the union matches, the case block-max
    // WAND is made for. With more, the union holds many a document that misses a word,
    // which WAND cannot skip, so each match is scored instead.
    if clauses == 1 {
        walk_union(searcher, ranking, matches, &mut best)?;
    } else {
        score_each(searcher, ranking, matches, &mut best)?;
    }
    Ok(best
        .heap
        .into_sorted_vec()
        .into_iter()
        .map(|Ranked(score, addr)| (score, addr))
        .collect())
}

fn walk_union(
    searcher: &Searcher,
    ranking: &Ranking,
    matches: &Matches,
    best: &mut Best,
) -> Result<(), SearchError> {
    let weight = ranking
        .query
        .weight(EnableScoring::enabled_from_searcher(searcher))?;
    for (ord, (reader, bits)) in searcher.segment_readers().iter().zip(matches).enumerate() {
        let Some(bits) = bits else { continue };
        weight.for_each_pruning(best.threshold(), reader, &mut |doc, score| {
            if has(bits, doc) {
                best.push(score, DocAddress::new(ord as u32, doc));
            }
            best.threshold()
        })?;
    }
    Ok(())
}

fn score_each(
    searcher: &Searcher,
    ranking: &Ranking,
    matches: &Matches,
    best: &mut Best,
) -> Result<(), SearchError> {
    let bm25 = ranking
        .terms
        .iter()
        .map(|t| Bm25Weight::for_terms(searcher, std::slice::from_ref(t)))
        .collect::<Result<Vec<_>, _>>()?;
    let others = ranking
        .others
        .iter()
        .map(|q| q.weight(EnableScoring::enabled_from_searcher(searcher)))
        .collect::<Result<Vec<_>, _>>()?;
    for (ord, (reader, bits)) in searcher.segment_readers().iter().zip(matches).enumerate() {
        let Some(bits) = bits else { continue };
        let docs: Vec<DocId> = docs_of(bits).collect();
        let mut scores = vec![0.0 as Score; docs.len()];
        // A match's place in `docs`: the matches before its word, and before it in it.
        let mut before = Vec::with_capacity(bits.len());
        let mut n = 0u32;
        for w in bits {
            before.push(n);
            n += w.count_ones();
        }
        let place = |d: DocId| {
            let (i, b) = ((d / 64) as usize, d % 64);
            (before[i] + (bits[i] & ((1u64 << b) - 1)).count_ones()) as usize
        };
        for (t, weight) in ranking.terms.iter().zip(&bm25) {
            let norms = reader.get_fieldnorms_reader(t.field())?;
            let inverted = reader.inverted_index(t.field())?;
            let Some(mut p) = inverted.read_postings(t, IndexRecordOption::WithFreqs)? else {
                continue;
            };
            // Few matches next to the postings: look each up, skipping blocks; else
            // read the postings through, which costs less than a lookup a match.
            if (docs.len() as u64).saturating_mul(8) < u64::from(p.doc_freq()) {
                at_each(&mut p, &docs, |p, i, d| {
                    scores[i] += weight.score(norms.fieldnorm_id(d), p.term_freq());
                });
            } else {
                let mut d = p.doc();
                while d != TERMINATED {
                    if has(bits, d) {
                        scores[place(d)] += weight.score(norms.fieldnorm_id(d), p.term_freq());
                    }
                    d = p.advance();
                }
            }
        }
        for other in &others {
            let mut s = other.scorer(reader, 1.0)?;
            at_each(&mut s, &docs, |s, i, _| scores[i] += s.score());
        }
        for (d, score) in docs.into_iter().zip(scores) {
            best.push(score, DocAddress::new(ord as u32, d));
        }
    }
    Ok(())
}

/// Calls `found` with each of `docs` (ascending) that `set` holds, `set` standing on it
/// and `i` its place in `docs`; blocks between are skipped.
fn at_each<D: DocSet + ?Sized>(
    set: &mut D,
    docs: &[DocId],
    mut found: impl FnMut(&mut D, usize, DocId),
) {
    for (i, &d) in docs.iter().enumerate() {
        if set.doc() < d && set.seek(d) == TERMINATED {
            break;
        }
        if set.doc() == d {
            found(set, i, d);
        }
    }
}
