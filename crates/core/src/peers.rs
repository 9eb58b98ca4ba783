//! Which cities are like one another, and why: Gower's distance (Gower 1971; as R's
//! `cluster::daisy(metric = "gower")` computes it) over what cities say of themselves.
//! A variable counts for a pair only when both cities have it (δ = 0 otherwise), so a
//! sparse profile is compared on what it has and says how much that was:
//!
//! `d(i, j) = Σ_k w_k δ_ijk d_ijk / Σ_k w_k δ_ijk`
//!
//! - population: interval on its logarithm, `|log x − log y| / range`;
//! - UNESCO region, the country's income group: nominal, 0 when equal, else 1;
//! - languages, thematic clusters: sets, Jaccard distance; not comparable when both are
//!   empty (an asymmetric binary variable: sharing an absence says nothing);
//! - challenge ratings (1–5) and KFLC self-assessment (1–5): ordinal, the mean of
//!   `|a − b| / 4` over the topics both rated; not comparable when none is shared;
//! - indicator trends (improving, steady, worsening): the share of shared indicators
//!   whose direction differs.
//!
//! Cities are ranked by how much of the asking city's own profile the other matches,
//! `(1 − d) · compared / own`: Gower's distance alone would put a city known only by
//! its size and region, equal on both, ahead of one that shares three rated challenges
//! and two clusters. What is not known counts as not alike, for ranking only; `d` and
//! the weight compared are shown as they are.
//!
//! Profiles are packed into dense arrays once, so comparing two cities costs a few
//! dozen operations: all top-ten lists of 10,000 cities are 50 million comparisons.

use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What a city says of itself, as matching reads it. Keys are codes (a challenge topic,
/// a KFLC area, an indicator), so any network's vocabulary fits.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Profile {
    pub population: Option<f64>,
    pub region: Option<String>,
    pub income_group: Option<String>,
    pub languages: BTreeSet<String>,
    pub clusters: BTreeSet<String>,
    /// Topic → rating 1 (small) to 5 (severe).
    pub challenges: BTreeMap<String, u8>,
    /// KFLC area → self-assessment 1 to 5.
    pub kflc: BTreeMap<String, u8>,
    /// Indicator → direction: -1 worsening, 0 steady, 1 improving.
    pub trends: BTreeMap<String, i8>,
    /// The city asked not to be suggested: it is never anyone's peer.
    pub hidden: bool,
}

/// How much each variable counts; the network's data (`data/peers.toml`), not code.
#[derive(Debug, Clone, Copy, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    pub population: f64,
    pub region: f64,
    pub income_group: f64,
    pub languages: f64,
    pub clusters: f64,
    pub challenges: f64,
    pub kflc: f64,
    pub trends: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Self {
            population: 1.0,
            region: 1.0,
            income_group: 1.0,
            languages: 0.5,
            clusters: 1.0,
            challenges: 2.0,
            kflc: 1.0,
            trends: 1.0,
        }
    }
}

impl Weights {
    /// Every weight a finite number from 0 to 10; names the others.
    pub fn check(&self) -> Result<(), Vec<String>> {
        let all = [
            ("population", self.population),
            ("region", self.region),
            ("income_group", self.income_group),
            ("languages", self.languages),
            ("clusters", self.clusters),
            ("challenges", self.challenges),
            ("kflc", self.kflc),
            ("trends", self.trends),
        ];
        let bad: Vec<String> = all
            .iter()
            .filter(|(_, w)| !(0.0..=10.0).contains(w))
            .map(|(n, w)| format!("{n}: {w} is not a weight from 0 to 10"))
            .collect();
        if bad.is_empty() { Ok(()) } else { Err(bad) }
    }
}

/// Why two cities are alike, strongest first; the page says each in words.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// Populations within a factor of two.
    SimilarSize {
        mine: f64,
        theirs: f64,
    },
    SameRegion(String),
    SameIncomeGroup(String),
    SharedLanguages(Vec<String>),
    SharedClusters(Vec<String>),
    /// Both rate the topic 4 or 5.
    BothRateSevere {
        topic: String,
        mine: u8,
        theirs: u8,
    },
    /// Both assess themselves the same or one step apart, 4 or 5.
    BothStrongIn(String),
    BothImproving(String),
}

/// One suggested peer.
#[derive(Debug, Clone, PartialEq)]
pub struct Peer {
    /// Its index in the profiles given.
    pub index: usize,
    /// Gower's distance, 0 (alike in all compared) to 1.
    pub distance: f64,
    /// The share of the asking city's own profile (by weight) both could be compared
    /// on, 0 to 1: a match on little says so.
    pub compared: f64,
    pub reasons: Vec<Reason>,
}

/// A nearest city as the lists keep it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Near {
    pub index: usize,
    /// What the list is sorted by: `1 − (1 − d) · compared`, 0 best.
    pub rank: f64,
    pub distance: f64,
    /// The share of the asking city's own weight compared, 0 to 1.
    pub compared: f64,
}

const NONE: u8 = 0;

/// Profiles packed for fast comparison: codes interned, sets as bit sets, ratings as
/// dense rows (0 = not rated).
pub struct Packed {
    log_population: Vec<f32>,
    population_range: f32,
    region: Vec<u16>,
    income: Vec<u16>,
    /// Bit sets, `lw` and `cw` words per city, one block of memory each.
    languages: Vec<u64>,
    lw: usize,
    clusters: Vec<u64>,
    cw: usize,
    challenges: Vec<Vec<u8>>,
    kflc: Vec<Vec<u8>>,
    /// Per indicator: 0 none, 1 worsening, 2 steady, 3 improving.
    trends: Vec<Vec<u8>>,
    hidden: Vec<bool>,
    /// Per city, which of challenges, KFLC and trends it has (bits 0, 1, 2): most
    /// members say none, and their rows need no reading.
    has: Vec<u8>,
    /// Per city, the weight of what it says of itself: what it could be compared on.
    own: Vec<f32>,
    weights: Weights,
}

struct Interner(HashMap<String, usize>);

impl Interner {
    fn id(&mut self, code: &str) -> usize {
        let next = self.0.len();
        *self.0.entry(code.to_owned()).or_insert(next)
    }
}

fn bits(ids: impl Iterator<Item = usize>, words: usize) -> Vec<u64> {
    let mut out = vec![0u64; words];
    for id in ids {
        out[id / 64] |= 1 << (id % 64);
    }
    out
}

fn jaccard(a: &[u64], b: &[u64]) -> Option<f32> {
    let (mut inter, mut union) = (0u32, 0u32);
    for (x, y) in a.iter().zip(b) {
        inter += (x & y).count_ones();
        union += (x | y).count_ones();
    }
    (union > 0).then(|| 1.0 - inter as f32 / union as f32)
}

/// Mean `|a − b| / 4` over the topics both rated.
fn ordinal(a: &[u8], b: &[u8]) -> Option<f32> {
    let (mut sum, mut n) = (0u32, 0u32);
    for (x, y) in a.iter().zip(b) {
        if *x != NONE && *y != NONE {
            sum += x.abs_diff(*y) as u32;
            n += 1;
        }
    }
    (n > 0).then(|| sum as f32 / (4 * n) as f32)
}

fn directions(a: &[u8], b: &[u8]) -> Option<f32> {
    let (mut differ, mut n) = (0u32, 0u32);
    for (x, y) in a.iter().zip(b) {
        if *x != NONE && *y != NONE {
            differ += u32::from(x != y);
            n += 1;
        }
    }
    (n > 0).then(|| differ as f32 / n as f32)
}

impl Packed {
    pub fn new(profiles: &[Profile], weights: Weights) -> Self {
        let mut regions = Interner(HashMap::new());
        let mut incomes = Interner(HashMap::new());
        let mut languages = Interner(HashMap::new());
        let mut clusters = Interner(HashMap::new());
        let mut topics = Interner(HashMap::new());
        let mut areas = Interner(HashMap::new());
        let mut indicators = Interner(HashMap::new());
        // Every code first, so rows and bit sets have their final widths.
        for p in profiles {
            for c in &p.languages {
                languages.id(c);
            }
            for c in &p.clusters {
                clusters.id(c);
            }
            for c in p.challenges.keys() {
                topics.id(c);
            }
            for c in p.kflc.keys() {
                areas.id(c);
            }
            for c in p.trends.keys() {
                indicators.id(c);
            }
        }
        let words = |i: &Interner| i.0.len().div_ceil(64).max(1);
        let (lw, cw) = (words(&languages), words(&clusters));
        let dense = |map: &BTreeMap<String, u8>, ids: &mut Interner, n: usize| {
            let mut row = vec![NONE; n];
            for (k, v) in map {
                row[ids.id(k)] = (*v).clamp(1, 5);
            }
            row
        };
        let (nt, na, ni) = (topics.0.len(), areas.0.len(), indicators.0.len());
        let log_population: Vec<f32> = profiles
            .iter()
            .map(|p| {
                p.population
                    .filter(|x| *x > 0.0)
                    .map_or(f32::NAN, |x| x.ln() as f32)
            })
            .collect();
        let known = log_population.iter().filter(|x| !x.is_nan());
        let (lo, hi) = known.fold((f32::MAX, f32::MIN), |(lo, hi), x| (lo.min(*x), hi.max(*x)));
        Self {
            population_range: if hi > lo { hi - lo } else { 1.0 },
            log_population,
            region: profiles
                .iter()
                .map(|p| p.region.as_deref().map_or(0, |r| 1 + regions.id(r) as u16))
                .collect(),
            income: profiles
                .iter()
                .map(|p| {
                    p.income_group
                        .as_deref()
                        .map_or(0, |r| 1 + incomes.id(r) as u16)
                })
                .collect(),
            languages: profiles
                .iter()
                .flat_map(|p| bits(p.languages.iter().map(|c| languages.id(c)), lw))
                .collect(),
            lw,
            clusters: profiles
                .iter()
                .flat_map(|p| bits(p.clusters.iter().map(|c| clusters.id(c)), cw))
                .collect(),
            cw,
            challenges: profiles
                .iter()
                .map(|p| dense(&p.challenges, &mut topics, nt))
                .collect(),
            kflc: profiles
                .iter()
                .map(|p| dense(&p.kflc, &mut areas, na))
                .collect(),
            trends: profiles
                .iter()
                .map(|p| {
                    let mut row = vec![NONE; ni];
                    for (k, v) in &p.trends {
                        row[indicators.id(k)] = (v.signum() + 2) as u8;
                    }
                    row
                })
                .collect(),
            hidden: profiles.iter().map(|p| p.hidden).collect(),
            own: profiles.iter().map(|p| own_weight(p, &weights)).collect(),
            has: profiles
                .iter()
                .map(|p| {
                    u8::from(!p.challenges.is_empty())
                        | u8::from(!p.kflc.is_empty()) << 1
                        | u8::from(!p.trends.is_empty()) << 2
                })
                .collect(),
            weights,
        }
    }

    pub fn len(&self) -> usize {
        self.hidden.len()
    }

    pub fn is_empty(&self) -> bool {
        self.hidden.is_empty()
    }

    /// Gower's distance and the weight compared; None when nothing could be compared.
    pub fn distance(&self, i: usize, j: usize) -> Option<(f64, f64)> {
        let w = &self.weights;
        let (mut sum, mut weight) = (0f32, 0f32);
        let mut add = |d: Option<f32>, w: f64| {
            if let Some(d) = d
                && w > 0.0
            {
                sum += w as f32 * d;
                weight += w as f32;
            }
        };
        let (a, b) = (self.log_population[i], self.log_population[j]);
        add(
            (!a.is_nan() && !b.is_nan()).then(|| (a - b).abs() / self.population_range),
            w.population,
        );
        let nominal = |x: u16, y: u16| (x != 0 && y != 0).then_some(f32::from(x != y));
        add(nominal(self.region[i], self.region[j]), w.region);
        add(nominal(self.income[i], self.income[j]), w.income_group);
        let (lw, cw) = (self.lw, self.cw);
        add(
            jaccard(
                &self.languages[i * lw..(i + 1) * lw],
                &self.languages[j * lw..(j + 1) * lw],
            ),
            w.languages,
        );
        add(
            jaccard(
                &self.clusters[i * cw..(i + 1) * cw],
                &self.clusters[j * cw..(j + 1) * cw],
            ),
            w.clusters,
        );
        let both = self.has[i] & self.has[j];
        if both & 1 != 0 {
            add(
                ordinal(&self.challenges[i], &self.challenges[j]),
                w.challenges,
            );
        }
        if both & 2 != 0 {
            add(ordinal(&self.kflc[i], &self.kflc[j]), w.kflc);
        }
        if both & 4 != 0 {
            add(directions(&self.trends[i], &self.trends[j]), w.trends);
        }
        (weight > 0.0).then(|| (f64::from(sum / weight), f64::from(weight)))
    }

    /// Where `j` ranks for `i` given their distance and compared weight.
    fn near(&self, i: usize, j: usize, (distance, weight): (f64, f64)) -> Near {
        let compared = (weight / f64::from(self.own[i])).min(1.0);
        Near {
            index: j,
            rank: 1.0 - (1.0 - distance) * compared,
            distance,
            compared,
        }
    }

    /// Every visible city's `k` nearest visible cities, nearest first (ties by index),
    /// each pair compared once, on `threads` threads.
    pub fn all_top(&self, k: usize, threads: usize) -> Vec<Vec<Near>> {
        let n = self.len();
        let threads = threads.clamp(1, 64);
        // Rows of the triangle, dealt out so threads get equal work.
        let parts: Vec<Vec<Vec<Near>>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..threads)
                .map(|t| {
                    s.spawn(move || {
                        let mut tops = vec![Vec::new(); n];
                        for i in (t..n).step_by(threads) {
                            if self.hidden[i] {
                                continue;
                            }
                            for j in i + 1..n {
                                if self.hidden[j] {
                                    continue;
                                }
                                if let Some(dw) = self.distance(i, j) {
                                    keep(&mut tops[i], self.near(i, j, dw), k);
                                    keep(&mut tops[j], self.near(j, i, dw), k);
                                }
                            }
                        }
                        tops
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_default())
                .collect()
        });
        let mut out = vec![Vec::new(); n];
        for part in parts {
            for (i, top) in part.into_iter().enumerate() {
                for p in top {
                    keep(&mut out[i], p, k);
                }
            }
        }
        out
    }

    /// One city's `k` nearest visible cities with the reasons, for its page. A hidden
    /// city still sees its own.
    pub fn peers(&self, profiles: &[Profile], i: usize, k: usize) -> Vec<Peer> {
        let mut top = Vec::new();
        for j in 0..self.len() {
            if j == i || self.hidden[j] {
                continue;
            }
            if let Some(dw) = self.distance(i, j) {
                keep(&mut top, self.near(i, j, dw), k);
            }
        }
        top.into_iter()
            .map(|n| Peer {
                index: n.index,
                distance: n.distance,
                compared: n.compared,
                reasons: reasons(&profiles[i], &profiles[n.index]),
            })
            .collect()
    }
}

/// The weight of what a profile says: the most it can be compared on.
fn own_weight(p: &Profile, w: &Weights) -> f32 {
    let parts = [
        (p.population.is_some_and(|x| x > 0.0), w.population),
        (p.region.is_some(), w.region),
        (p.income_group.is_some(), w.income_group),
        (!p.languages.is_empty(), w.languages),
        (!p.clusters.is_empty(), w.clusters),
        (!p.challenges.is_empty(), w.challenges),
        (!p.kflc.is_empty(), w.kflc),
        (!p.trends.is_empty(), w.trends),
    ];
    let sum: f64 = parts.iter().filter(|(has, _)| *has).map(|(_, w)| w).sum();
    // Never zero: a city that says nothing is compared on nothing anyway.
    (sum as f32).max(f32::MIN_POSITIVE)
}

/// Keeps the `k` nearest, sorted (a short list: insertion beats a heap).
fn keep(top: &mut Vec<Near>, p: Near, k: usize) {
    let key = |n: &Near| (n.rank, n.index);
    if top.len() >= k && top.last().is_some_and(|q| key(q) <= key(&p)) {
        return;
    }
    let at = top.partition_point(|q| key(q) < key(&p));
    if at < k {
        top.insert(at, p);
        top.truncate(k);
    }
}

/// What two profiles share that a person would call likeness, strongest first.
pub fn reasons(a: &Profile, b: &Profile) -> Vec<Reason> {
    let mut out = Vec::new();
    for (topic, mine) in &a.challenges {
        if let Some(theirs) = b.challenges.get(topic)
            && *mine >= 4
            && *theirs >= 4
        {
            out.push(Reason::BothRateSevere {
                topic: topic.clone(),
                mine: *mine,
                theirs: *theirs,
            });
        }
    }
    if let (Some(x), Some(y)) = (a.population, b.population)
        && x > 0.0
        && y > 0.0
        && (x / y).max(y / x) <= 2.0
    {
        out.push(Reason::SimilarSize { mine: x, theirs: y });
    }
    let shared = |x: &BTreeSet<String>, y: &BTreeSet<String>| -> Vec<String> {
        x.intersection(y).cloned().collect()
    };
    let clusters = shared(&a.clusters, &b.clusters);
    if !clusters.is_empty() {
        out.push(Reason::SharedClusters(clusters));
    }
    for (code, dir) in &a.trends {
        if *dir > 0 && b.trends.get(code) == Some(&1) {
            out.push(Reason::BothImproving(code.clone()));
        }
    }
    for (area, mine) in &a.kflc {
        if let Some(theirs) = b.kflc.get(area)
            && *mine >= 4
            && *theirs >= 4
        {
            out.push(Reason::BothStrongIn(area.clone()));
        }
    }
    if let (Some(x), Some(y)) = (&a.region, &b.region)
        && x == y
    {
        out.push(Reason::SameRegion(x.clone()));
    }
    if let (Some(x), Some(y)) = (&a.income_group, &b.income_group)
        && x == y
    {
        out.push(Reason::SameIncomeGroup(x.clone()));
    }
    let languages = shared(&a.languages, &b.languages);
    if !languages.is_empty() {
        out.push(Reason::SharedLanguages(languages));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn city(population: Option<f64>, region: &str, challenges: &[(&str, u8)]) -> Profile {
        Profile {
            population,
            region: Some(region.into()),
            challenges: challenges
                .iter()
                .map(|(t, r)| (t.to_string(), *r))
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn gower_compares_only_what_both_have() {
        let cities = [
            city(Some(80_000.0), "eu", &[("industry", 5), ("youth", 2)]),
            city(Some(90_000.0), "eu", &[("industry", 4)]),
            city(Some(8_000_000.0), "asia", &[("industry", 1)]),
            city(None, "eu", &[]),
        ];
        let p = Packed::new(&cities, Weights::default());
        let (near, _) = p.distance(0, 1).unwrap();
        let (far, _) = p.distance(0, 2).unwrap();
        assert!(near < 0.15 && far > 0.9, "{near} {far}");
        // The fourth has only a region: compared on that alone, and equal there.
        let (d, compared) = p.distance(0, 3).unwrap();
        assert_eq!((d, compared), (0.0, 1.0));
        // Hand-computed: population |ln 80k − ln 90k| / (ln 8M − ln 80k), region 0,
        // industry |5 − 4| / 4; weights 1, 1, 2.
        let pop = (90_000f64.ln() - 80_000f64.ln()) / (8_000_000f64.ln() - 80_000f64.ln());
        let want = (pop + 0.0 + 2.0 * 0.25) / 4.0;
        assert!((near - want).abs() < 1e-6, "{near} {want}");
    }

    #[test]
    fn peers_come_with_reasons_and_hidden_cities_are_never_suggested() {
        let mut cities = vec![
            city(Some(80_000.0), "eu", &[("industry", 5)]),
            city(Some(100_000.0), "eu", &[("industry", 4)]),
            city(Some(85_000.0), "eu", &[("industry", 5)]),
            city(Some(5_000_000.0), "asia", &[("industry", 1)]),
        ];
        cities[2].hidden = true;
        cities[0].clusters = ["equity".to_string()].into();
        cities[1].clusters = ["equity".to_string()].into();
        let p = Packed::new(&cities, Weights::default());
        let peers = p.peers(&cities, 0, 10);
        assert_eq!(peers.iter().map(|x| x.index).collect::<Vec<_>>(), [1, 3]);
        assert_eq!(
            peers[0].reasons,
            [
                Reason::BothRateSevere {
                    topic: "industry".into(),
                    mine: 5,
                    theirs: 4
                },
                Reason::SimilarSize {
                    mine: 80_000.0,
                    theirs: 100_000.0
                },
                Reason::SharedClusters(vec!["equity".into()]),
                Reason::SameRegion("eu".into()),
            ]
        );
        let all = p.all_top(10, 2);
        assert!(all[2].is_empty(), "a hidden city gets no list either");
        assert_eq!(all[0].iter().map(|x| x.index).collect::<Vec<_>>(), [1, 3]);
        assert_eq!(all[1][0].index, 0);
    }

    #[test]
    fn a_city_known_by_little_ranks_below_one_alike_in_much() {
        let mut cities = vec![
            city(Some(60_000.0), "eu", &[("industry", 5), ("skills", 4)]),
            // Alike in what it says, but it says only its size and region.
            city(Some(61_000.0), "eu", &[]),
            // Bigger, but sharing both challenges and the cluster.
            city(Some(200_000.0), "eu", &[("industry", 5), ("skills", 4)]),
            city(Some(1_000.0), "asia", &[]),
        ];
        for c in &mut cities[..3] {
            c.clusters = ["equity".to_string()].into();
        }
        let p = Packed::new(&cities, Weights::default());
        let (d_little, _) = p.distance(0, 1).unwrap();
        let (d_much, _) = p.distance(0, 2).unwrap();
        assert!(
            d_little < d_much,
            "Gower alone prefers the little-known city"
        );
        let peers = p.peers(&cities, 0, 3);
        assert_eq!(peers.iter().map(|x| x.index).collect::<Vec<_>>(), [2, 1, 3]);
        // Own weight 1 + 1 + 1 + 2 = 5: the second city is compared on 3 of it.
        assert!(
            (peers[1].compared - 0.6).abs() < 1e-6,
            "{}",
            peers[1].compared
        );
        assert!((peers[0].compared - 1.0).abs() < 1e-6);
    }

    #[test]
    fn all_lists_match_one_by_one_and_weights_are_checked() {
        let cities: Vec<Profile> = (0..200)
            .map(|i| {
                city(
                    Some(10_000.0 * (1 + i % 37) as f64),
                    ["eu", "asia", "africa"][i % 3],
                    &[
                        ("industry", (1 + i % 5) as u8),
                        ("youth", (1 + i % 3) as u8),
                    ],
                )
            })
            .collect();
        let p = Packed::new(&cities, Weights::default());
        let all = p.all_top(5, 2);
        for i in [0, 17, 199] {
            let one: Vec<(usize, f64)> = p
                .peers(&cities, i, 5)
                .iter()
                .map(|x| (x.index, x.distance))
                .collect();
            let many: Vec<(usize, f64)> = all[i].iter().map(|x| (x.index, x.distance)).collect();
            assert_eq!(one, many, "city {i}");
        }
        let bad = Weights {
            trends: -1.0,
            ..Weights::default()
        };
        assert_eq!(bad.check().unwrap_err().len(), 1);
    }
}
