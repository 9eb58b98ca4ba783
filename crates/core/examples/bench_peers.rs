//! Peer matching benchmark (issue 12): every city's ten nearest among N generated
//! profiles (default 10,000), each pair compared once, on two threads. Prints JSON:
//! the median and worst of five runs in milliseconds, and a checksum of the lists.
//!
//! `bench_peers [N] [--dump FILE]`: with `--dump`, also writes the profiles as a CSV
//! of Gower columns (log population, region, income group, then one column per
//! challenge topic, KFLC area and cluster, empty when missing) for another tool to
//! compute the same lists.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Instant;

use forja_core::peers::{Packed, Profile, Weights};

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .map_or(10_000, |s| s.parse().unwrap());
    let mut state = 7u64;
    let mut next = move |m: u64| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) % m
    };
    let regions = [
        "africa",
        "arab-states",
        "asia-pacific",
        "europe-north-america",
        "latin-america-caribbean",
    ];
    let profiles: Vec<Profile> = (0..n)
        .map(|_| {
            // Like real members: many know only their size and region; some describe
            // challenges, clusters and self-assessment; a few have trends.
            let described = next(4) == 0;
            Profile {
                population: (next(10) > 0).then(|| 15_000.0 * (1.0 + next(2000) as f64)),
                region: Some(regions[next(5) as usize].into()),
                income_group: (next(3) > 0).then(|| {
                    ["low", "lower-middle", "upper-middle", "high"][next(4) as usize].into()
                }),
                languages: (0..next(3))
                    .map(|_| format!("l{}", next(40)))
                    .collect::<BTreeSet<_>>(),
                clusters: if described {
                    (0..next(3)).map(|_| format!("c{}", next(7))).collect()
                } else {
                    BTreeSet::new()
                },
                challenges: if described {
                    (0..1 + next(6))
                        .map(|_| (format!("t{}", next(12)), 1 + next(5) as u8))
                        .collect()
                } else {
                    BTreeMap::new()
                },
                kflc: if described {
                    (0..next(12))
                        .map(|_| (format!("a{}", next(12)), 1 + next(5) as u8))
                        .collect()
                } else {
                    BTreeMap::new()
                },
                trends: if described && next(2) == 0 {
                    (0..next(8))
                        .map(|_| (format!("i{}", next(30)), next(3) as i8 - 1))
                        .collect()
                } else {
                    BTreeMap::new()
                },
                hidden: next(50) == 0,
            }
        })
        .collect();
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--dump") {
        dump(&profiles, &args[i + 1]);
    }
    let packed_at = Instant::now();
    let packed = Packed::new(&profiles, Weights::default());
    let pack_ms = packed_at.elapsed().as_secs_f64() * 1000.0;
    let mut times = Vec::new();
    let mut checksum = 0usize;
    for _ in 0..5 {
        let t = Instant::now();
        let all = packed.all_top(10, 2);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        checksum = all.iter().flatten().map(|p| p.index).sum();
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{{\"cities\":{n},\"pack_ms\":{pack_ms:.1},\"median_ms\":{:.1},\"max_ms\":{:.1},\"checksum\":{checksum}}}",
        times[2], times[4]
    );
}

fn dump(profiles: &[Profile], path: &str) {
    use std::fmt::Write;
    let topics: Vec<String> = (0..12).map(|i| format!("t{i}")).collect();
    let areas: Vec<String> = (0..12).map(|i| format!("a{i}")).collect();
    let clusters: Vec<String> = (0..7).map(|i| format!("c{i}")).collect();
    let mut out = String::from("hidden,log_population,region,income");
    for c in topics.iter().chain(&areas).chain(&clusters) {
        let _ = write!(out, ",{c}");
    }
    out.push('\n');
    for p in profiles {
        let _ = write!(
            out,
            "{},{},{},{}",
            u8::from(p.hidden),
            p.population.map(|x| x.ln().to_string()).unwrap_or_default(),
            p.region.clone().unwrap_or_default(),
            p.income_group.clone().unwrap_or_default()
        );
        for t in &topics {
            let _ = write!(
                out,
                ",{}",
                p.challenges
                    .get(t)
                    .map(|v| v.to_string())
                    .unwrap_or_default()
            );
        }
        for a in &areas {
            let _ = write!(
                out,
                ",{}",
                p.kflc.get(a).map(|v| v.to_string()).unwrap_or_default()
            );
        }
        for c in &clusters {
            let has = if p.clusters.is_empty() {
                String::new()
            } else {
                u8::from(p.clusters.contains(c)).to_string()
            };
            let _ = write!(out, ",{has}");
        }
        out.push('\n');
    }
    std::fs::write(path, out).unwrap();
}
