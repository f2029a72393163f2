//! Interleaved timing: every variant runs once per round, in an order that rotates from
//! round to round, and results are medians of per-round ratios. On a shared, noisy machine
//! a slow moment then hits all variants of a round alike instead of one variant's run.

use std::time::{Duration, Instant};

/// The CPU time this process has used so far, all threads together.
pub fn cpu_time() -> Duration {
    let t = nix::time::clock_gettime(nix::time::ClockId::CLOCK_PROCESS_CPUTIME_ID)
        .expect("Linux has a process CPU clock");
    Duration::new(t.tv_sec() as u64, t.tv_nsec() as u32)
}

/// Wall-clock and CPU time of one run of one variant.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    /// Elapsed time.
    pub wall: Duration,
    /// CPU time used by this process meanwhile.
    pub cpu: Duration,
}

/// Runs `f`, measuring its wall-clock and CPU time.
pub fn sample<R>(f: impl FnOnce() -> R) -> (Sample, R) {
    let (wall, cpu) = (Instant::now(), cpu_time());
    let result = f();
    let sample = Sample {
        wall: wall.elapsed(),
        cpu: cpu_time() - cpu,
    };
    (sample, result)
}

/// Runs `variants.len()` variants for `rounds` rounds, rotating the order every round;
/// `samples[v][r]` is variant `v` in round `r`.
pub fn interleave(rounds: usize, variants: &mut [&mut dyn FnMut() -> Sample]) -> Vec<Vec<Sample>> {
    let n = variants.len();
    let mut samples = vec![Vec::with_capacity(rounds); n];
    for round in 0..rounds {
        for k in 0..n {
            let v = (round + k) % n;
            samples[v].push(variants[v]());
        }
    }
    samples
}

/// The median of `values` (the mean of the middle two for an even count).
pub fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n == 0 {
        return f64::NAN;
    }
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

/// The median over rounds of `f(a[r], b[r])`.
pub fn median_ratio(a: &[Sample], b: &[Sample], f: impl Fn(&Sample, &Sample) -> f64) -> f64 {
    median(a.iter().zip(b).map(|(a, b)| f(a, b)).collect())
}
