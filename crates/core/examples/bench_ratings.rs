//! Benchmark: progress ratings for 10,000 series (20 yearly points each, half with a
//! target, half without and with a natural limit). Prints the median and worst of 15
//! timed runs in milliseconds, and a checksum of the scores so the work cannot be
//! skipped. Run by `bench/monitoring.sh`, beside the same computation in Python.

use std::time::Instant;

use forja_core::monitoring::rating::{Direction, Goal, Target, rate};

fn series(n: usize) -> Vec<(Vec<(i32, f64)>, Goal)> {
    // A small deterministic generator: the same data every run, and in the Python twin.
    let mut seed: u64 = 42;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as f64) / ((1u64 << 31) as f64)
    };
    (0..n)
        .map(|i| {
            let start = 5.0 + 40.0 * next();
            let drift = -0.02 + 0.06 * next();
            let points = (0..20)
                .map(|k| {
                    (
                        2006 + k,
                        start * (1.0 + drift).powi(k) * (0.98 + 0.04 * next()),
                    )
                })
                .collect();
            let goal = Goal {
                direction: if i % 7 == 0 {
                    Direction::LowerIsBetter
                } else {
                    Direction::HigherIsBetter
                },
                base_year: 2010,
                target: (i % 2 == 0).then_some(Target {
                    year: 2030,
                    value: start * 1.5,
                }),
                limit: (i % 2 == 1).then_some(100.0),
            };
            (points, goal)
        })
        .collect()
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let all = series(n);
    let mut times = Vec::new();
    let mut checksum = 0.0;
    for _ in 0..15 {
        let t = Instant::now();
        checksum = all
            .iter()
            .map(|(p, g)| rate(p, g).score.unwrap_or(0.0))
            .sum::<f64>();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{{\"series\": {n}, \"median_ms\": {:.3}, \"max_ms\": {:.3}, \"checksum\": {checksum:.3}}}",
        times[times.len() / 2],
        times[times.len() - 1]
    );
}
