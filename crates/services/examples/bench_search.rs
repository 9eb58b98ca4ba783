//! Search benchmark (issue 12): the same generated documents and the same queries
//! through Forja's index (tantivy, `forja-search`), PostgreSQL full-text search
//! (`tsvector` + GIN, `ts_rank`) and SQLite FTS5 (`bm25`), one engine after the other
//! in one run. Each query asks each engine for the same work: the 20 best documents,
//! how many match, and counts by kind and by country (Forja counts all seven of its
//! facets). Half the queries also filter by a country.
//!
//! `bench_search --docs 1000000 --queries 1000 --postgres URL --sqlite PATH`
//! prints one JSON object per engine on standard output.

use std::time::Instant;

use forja_search::{Doc, DocText, Request, SearchIndex};
use sea_orm::sqlx::{self, AssertSqlSafe, Connection, Row};

/// splitmix64: the same documents and queries on every run and machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Words a learning-city text uses, real ones first (the most frequent), then made-up
/// words of Romanian-looking syllables up to `size`: a Zipf-shaped vocabulary like
/// real text, where a few words are everywhere and most are rare.
fn vocabulary(size: usize, rng: &mut Rng) -> Vec<String> {
    let real = "și de în la pentru cu învățare oraș educație adulți copii școală program \
        comunitate cartier bibliotecă formare competențe digitale părinți tineri vârstnici \
        angajare meserii ucenicie muzeu cultură sport sănătate mediu parteneriat finanțare \
        voluntari profesori universitate centru atelier curs seminar rețea strategie \
        obiectiv incluziune romi dizabilități migranți femei rural urban dunăre oțel \
        locomotive industrie turism antreprenori inovare cetățeni participare learning city \
        education adults children school programme community neighbourhood library \
        training skills digital parents youth seniors employment apprenticeship museum \
        culture health environment partnership funding volunteers teachers university";
    let mut words: Vec<String> = real.split_whitespace().map(str::to_owned).collect();
    let syllables = [
        "ba", "ce", "di", "fo", "gu", "la", "me", "ni", "po", "ru", "sa", "te", "vi", "za", "stra",
        "ple", "cri", "tru", "șa", "ță", "mâ", "în", "ră", "lo", "ne", "ma", "ri",
    ];
    let mut seen: std::collections::HashSet<String> = words.iter().cloned().collect();
    while words.len() < size {
        let n = 2 + rng.below(3);
        let w: String = (0..n)
            .map(|_| syllables[rng.below(syllables.len())])
            .collect();
        if seen.insert(w.clone()) {
            words.push(w);
        }
    }
    words
}

/// Zipf(1) over ranks 0..n by inverse transform on the harmonic series' integral.
fn zipf(rng: &mut Rng, n: usize) -> usize {
    let u = rng.unit();
    (((n as f64 + 1.0).powf(u) - 1.0) as usize).min(n - 1)
}

const KINDS: [&str; 5] = ["city", "strategy", "objective", "programme", "practice"];

fn documents(count: usize, vocab: &[String], rng: &mut Rng) -> Vec<Doc> {
    let sentence = |rng: &mut Rng, words: usize| -> String {
        (0..words)
            .map(|_| vocab[zipf(rng, vocab.len())].as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    (0..count)
        .map(|i| {
            let lang = if rng.below(3) == 0 { "en" } else { "ro" };
            let title_words = 4 + rng.below(5);
            let body_words = 30 + rng.below(31);
            Doc {
                id: i.to_string(),
                kind: KINDS[rng.below(KINDS.len())].into(),
                url: format!("/d/{i}"),
                group: format!("g{}", i / 100),
                texts: vec![DocText {
                    lang: lang.into(),
                    title: sentence(rng, title_words),
                    body: sentence(rng, body_words),
                }],
                facets: vec![
                    ("country".into(), format!("C{:02}", rng.below(60))),
                    (
                        "kflc".into(),
                        format!("{}.{}", 1 + rng.below(3), 1 + rng.below(4)),
                    ),
                    ("sdg".into(), (1 + rng.below(17)).to_string()),
                    ("group".into(), format!("g{}", rng.below(12))),
                ],
            }
        })
        .collect()
}

struct Query {
    text: String,
    country: Option<String>,
}

fn queries(count: usize, vocab: &[String], rng: &mut Rng) -> Vec<Query> {
    (0..count)
        .map(|_| {
            let words = 1 + rng.below(3);
            // The ten most frequent words are left out: nobody searches for "și".
            let text = (0..words)
                .map(|_| vocab[10 + zipf(rng, vocab.len() - 10)].as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let country = (rng.below(2) == 0).then(|| format!("C{:02}", rng.below(60)));
            Query { text, country }
        })
        .collect()
}

/// 50 warm-up queries, then each query once, timed alone: milliseconds per query and
/// the total of the matches counted.
async fn measure(queries: &[Query], mut run: impl AsyncFnMut(&Query) -> u64) -> (Vec<f64>, u64) {
    for q in queries.iter().take(50) {
        run(q).await;
    }
    let mut times = Vec::with_capacity(queries.len());
    let mut hits = 0;
    for q in queries {
        let t = Instant::now();
        hits += run(q).await;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    (times, hits)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1]
}

fn report(
    engine: &str,
    index_seconds: f64,
    docs: usize,
    bytes: u64,
    mut times: Vec<f64>,
    hits: u64,
) {
    times.sort_by(f64::total_cmp);
    let mean = times.iter().sum::<f64>() / times.len() as f64;
    println!(
        "{{\"engine\":\"{engine}\",\"docs\":{docs},\"index_seconds\":{index_seconds:.1},\"docs_per_second\":{:.0},\"index_bytes\":{bytes},\"queries\":{},\"p50_ms\":{:.3},\"p95_ms\":{:.3},\"p99_ms\":{:.3},\"mean_ms\":{mean:.3},\"mean_total_hits\":{}}}",
        docs as f64 / index_seconds,
        times.len(),
        percentile(&times, 0.50),
        percentile(&times, 0.95),
        percentile(&times, 0.99),
        hits / times.len() as u64
    );
}

async fn forja(docs: &[Doc], queries: &[Query]) {
    let index = SearchIndex::in_memory(1_000_000_000).unwrap();
    let started = Instant::now();
    for chunk in docs.chunks(10_000) {
        index.add_uncommitted(chunk).unwrap();
    }
    index.commit().unwrap();
    let seconds = started.elapsed().as_secs_f64();
    let run = |q: &Query| {
        index
            .search(&Request {
                text: q.text.clone(),
                lang: "ro".into(),
                filters: q
                    .country
                    .iter()
                    .map(|c| ("country".into(), c.clone()))
                    .collect(),
                limit: 20,
                offset: 0,
                prefix: false,
            })
            .unwrap()
            .total as u64
    };
    let (times, hits) = measure(queries, async |q: &Query| run(q)).await;
    report(
        "forja-tantivy",
        seconds,
        docs.len(),
        index.size_bytes(),
        times,
        hits,
    );
}

/// A row as COPY's text format writes it.
fn copy_line(d: &Doc) -> String {
    let clean = |s: &str| s.replace(['\t', '\n', '\\'], " ");
    let t = &d.texts[0];
    let country = &d.facets[0].1;
    format!(
        "{}\t{}\t{}\t{}\t{}\t{}\n",
        d.id,
        d.kind,
        country,
        t.lang,
        clean(&t.title),
        clean(&t.body)
    )
}

async fn postgres(url: &str, docs: &[Doc], queries: &[Query]) {
    let mut c = sqlx::PgConnection::connect(url).await.unwrap();
    for sql in [
        "DROP TABLE IF EXISTS bench_docs",
        "CREATE TABLE bench_docs (id int PRIMARY KEY, kind text, country text, lang text, title text, body text)",
    ] {
        sqlx::query(AssertSqlSafe(sql))
            .execute(&mut c)
            .await
            .unwrap();
    }
    let started = Instant::now();
    let mut copy = c.copy_in_raw("COPY bench_docs FROM STDIN").await.unwrap();
    for chunk in docs.chunks(10_000) {
        let data: String = chunk.iter().map(copy_line).collect();
        copy.send(data.into_bytes()).await.unwrap();
    }
    copy.finish().await.unwrap();
    // What a PostgreSQL user writes: a stored tsvector (Romanian stemming, titles
    // weighted), a GIN index on it, and an index for the country filter.
    for sql in [
        "ALTER TABLE bench_docs ADD COLUMN tsv tsvector GENERATED ALWAYS AS \
         (setweight(to_tsvector('romanian', title), 'A') || to_tsvector('romanian', body)) STORED",
        "CREATE INDEX bench_docs_tsv ON bench_docs USING gin (tsv)",
        "CREATE INDEX bench_docs_country ON bench_docs (country)",
        "VACUUM ANALYZE bench_docs",
    ] {
        sqlx::query(AssertSqlSafe(sql))
            .execute(&mut c)
            .await
            .unwrap();
    }
    let seconds = started.elapsed().as_secs_f64();
    let bytes: i64 = sqlx::query("SELECT pg_total_relation_size('bench_docs')")
        .fetch_one(&mut c)
        .await
        .unwrap()
        .get(0);
    let sql = "WITH m AS (SELECT id, kind, country, ts_rank(tsv, q) AS r \
               FROM bench_docs, plainto_tsquery('romanian', $1) q \
               WHERE tsv @@ q AND ($2::text IS NULL OR country = $2)) \
               SELECT (SELECT array_agg(id) FROM (SELECT id FROM m ORDER BY r DESC LIMIT 20) t), \
                      (SELECT count(*) FROM m), \
                      (SELECT json_agg(k) FROM (SELECT kind, count(*) FROM m GROUP BY kind) k)::text, \
                      (SELECT json_agg(k) FROM (SELECT country, count(*) FROM m GROUP BY country) k)::text";
    let run = async |q: &Query| -> u64 {
        let row = sqlx::query(sql)
            .bind(&q.text)
            .bind(q.country.as_deref())
            .fetch_one(&mut c)
            .await
            .unwrap();
        row.get::<i64, _>(1) as u64
    };
    let (times, hits) = measure(queries, run).await;
    report(
        "postgresql-tsvector-gin",
        seconds,
        docs.len(),
        bytes as u64,
        times,
        hits,
    );
}

async fn sqlite(path: &str, docs: &[Doc], queries: &[Query]) {
    let _ = std::fs::remove_file(path);
    let mut c = sqlx::SqliteConnection::connect(&format!("sqlite://{path}?mode=rwc"))
        .await
        .unwrap();
    // What an SQLite user writes: an FTS5 table with accents folded, and the filter
    // columns beside it, unindexed by the full-text index.
    sqlx::query(
        "CREATE VIRTUAL TABLE bench_docs USING fts5(title, body, kind UNINDEXED, country UNINDEXED, \
         tokenize = 'unicode61 remove_diacritics 2')",
    )
    .execute(&mut c)
    .await
    .unwrap();
    let started = Instant::now();
    let mut tx = c.begin().await.unwrap();
    for d in docs {
        sqlx::query(
            "INSERT INTO bench_docs (rowid, title, body, kind, country) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(d.id.parse::<i64>().unwrap())
        .bind(&d.texts[0].title)
        .bind(&d.texts[0].body)
        .bind(&d.kind)
        .bind(&d.facets[0].1)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    sqlx::query("INSERT INTO bench_docs (bench_docs) VALUES ('optimize')")
        .execute(&mut c)
        .await
        .unwrap();
    let seconds = started.elapsed().as_secs_f64();
    let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let sql = "WITH m AS (SELECT rowid AS id, kind, country, bm25(bench_docs, 10.0, 1.0) AS r \
               FROM bench_docs WHERE bench_docs MATCH ?1 AND (?2 IS NULL OR country = ?2)) \
               SELECT (SELECT group_concat(id) FROM (SELECT id FROM m ORDER BY r LIMIT 20)), \
                      (SELECT count(*) FROM m), \
                      (SELECT group_concat(kind || ':' || n) FROM (SELECT kind, count(*) n FROM m GROUP BY kind)), \
                      (SELECT group_concat(country || ':' || n) FROM (SELECT country, count(*) n FROM m GROUP BY country))";
    let run = async |q: &Query| -> u64 {
        // Each word quoted: FTS5's own syntax is not the reader's.
        let matched: String = q
            .text
            .split_whitespace()
            .map(|w| format!("\"{w}\""))
            .collect::<Vec<_>>()
            .join(" ");
        let row = sqlx::query(sql)
            .bind(matched)
            .bind(q.country.as_deref())
            .fetch_one(&mut c)
            .await
            .unwrap();
        row.get::<i64, _>(1) as u64
    };
    let (times, hits) = measure(queries, run).await;
    report("sqlite-fts5", seconds, docs.len(), bytes, times, hits);
}

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let count: usize = arg("--docs").map_or(1_000_000, |s| s.parse().unwrap());
    let query_count: usize = arg("--queries").map_or(1000, |s| s.parse().unwrap());
    let mut rng = Rng(12);
    let vocab = vocabulary(30_000, &mut rng);
    let docs = documents(count, &vocab, &mut rng);
    let queries = queries(query_count, &vocab, &mut rng);
    eprintln!(
        "generated {} documents and {} queries",
        docs.len(),
        queries.len()
    );
    forja(&docs, &queries).await;
    if let Some(url) = arg("--postgres") {
        postgres(&url, &docs, &queries).await;
    }
    if let Some(path) = arg("--sqlite") {
        sqlite(&path, &docs, &queries).await;
    }
}
