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

/// A median over rounds, with the range that holds the true median with about 95 %
/// confidence.
#[derive(Debug, Clone, Copy)]
pub struct Estimate {
    /// The median of the per-round values.
    pub median: f64,
    /// The lower end of the interval.
    pub low: f64,
    /// The upper end of the interval.
    pub high: f64,
}

impl Estimate {
    /// Whether the estimate meets `target` (`at_least`: the value must be ≥ the target;
    /// otherwise ≤): [`Met::Yes`] if the median does, [`Met::WithinNoise`] if only the
    /// interval reaches it (the run cannot tell), [`Met::No`] if the whole interval misses.
    pub fn meets(&self, target: f64, at_least: bool) -> Met {
        let ok = |value: f64| {
            if at_least {
                value >= target
            } else {
                value <= target
            }
        };
        if ok(self.median) {
            Met::Yes
        } else if ok(self.low) || ok(self.high) {
            Met::WithinNoise
        } else {
            Met::No
        }
    }
}

/// Whether a target is met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Met {
    /// The median meets the target.
    Yes,
    /// The median misses it, but the target lies within the 95 % interval: this run
    /// cannot tell the two apart.
    WithinNoise,
    /// The whole interval misses the target.
    No,
    /// Not measured in this run (the quick mode's release builds).
    NotMeasured,
}

impl std::fmt::Display for Estimate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let digits = f.precision().unwrap_or(2);
        write!(
            f,
            "{:.digits$} [{:.digits$}–{:.digits$}]",
            self.median, self.low, self.high
        )
    }
}

/// The median of `values` and its distribution-free 95 % confidence interval: the order
/// statistics whose ranks the binomial distribution of "values below the median" puts at
/// ±1.96 standard deviations (`n/2 ± 0.98·√n`); no assumption about the noise's shape.
pub fn estimate(mut values: Vec<f64>) -> Estimate {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    let median = median(values.clone());
    if n < 6 {
        // Too few rounds for an interval: the whole range.
        let (low, high) = (
            values.first().copied().unwrap_or(f64::NAN),
            values.last().copied().unwrap_or(f64::NAN),
        );
        return Estimate { median, low, high };
    }
    let k = ((n as f64 - 1.96 * (n as f64).sqrt()) / 2.0)
        .floor()
        .max(0.0) as usize;
    Estimate {
        median,
        low: values[k],
        high: values[n - 1 - k],
    }
}

/// The median over rounds of `f(a[r], b[r])`, with its interval.
pub fn ratio(a: &[Sample], b: &[Sample], f: impl Fn(&Sample, &Sample) -> f64) -> Estimate {
    estimate(a.iter().zip(b).map(|(a, b)| f(a, b)).collect())
}

/// The instructions callgrind counts in `exe` run with `args`; `None` if valgrind is not
/// installed or the run fails.
pub fn callgrind(exe: &std::path::Path, args: &[&str]) -> Option<f64> {
    let output = std::process::Command::new("valgrind")
        .args(["--tool=callgrind", "--callgrind-out-file=/dev/null"])
        .arg(exe)
        .args(args)
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&output.stderr);
    let line = text.lines().find(|line| line.contains("Collected :"))?;
    line.rsplit(':')
        .next()?
        .trim()
        .replace(',', "")
        .parse()
        .ok()
}
