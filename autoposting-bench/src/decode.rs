//! Rows 1 and 2: decoding the envelope against decoding the bare `data`, and against the
//! naive unwrap through `serde_json::Value`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use autoposting_client::__private::decode_envelope;
use autoposting_client::StatusCode;
use serde::de::DeserializeOwned;

use crate::measure::{self, Sample};

/// What [`crate::fixtures::envelope`] writes before `data`.
const COMMON_START: &str = r#"{"success":true,"data":"#;

/// One payload's results.
pub struct DecodeCase {
    /// What was decoded, for the table.
    pub label: String,
    /// Size of the bare `data` in bytes.
    pub data_bytes: usize,
    /// Our `data` throughput ÷ `serde_json::from_slice::<T>` on the bare `data` (same `T`
    /// per second).
    pub vs_bare: measure::Estimate,
    /// The same ÷ the naive unwrap through `Value`.
    pub vs_naive: measure::Estimate,
    /// Our throughput in MB of `data` per second (median round), for the record.
    pub ours_mb_per_s: f64,
}

/// The naive unwrap a hand-written client might do: parse everything into a `Value`, check
/// `success`, then convert `data`.
pub fn naive_decode<T: DeserializeOwned>(body: &[u8]) -> Result<T, String> {
    let mut value: serde_json::Value = serde_json::from_slice(body).map_err(|e| e.to_string())?;
    if value.get("success") != Some(&serde_json::Value::Bool(true)) {
        return Err("not a success envelope".into());
    }
    let data = value
        .get_mut("data")
        .map(serde_json::Value::take)
        .ok_or("no data")?;
    serde_json::from_value(data).map_err(|e| e.to_string())
}

/// A variant: `iterations` decodes per round.
fn timed(iterations: u32, mut decode: impl FnMut()) -> impl FnMut() -> Sample {
    move || {
        measure::sample(|| {
            for _ in 0..iterations {
                decode();
            }
        })
        .0
    }
}

/// How many decodes make a round last about `round`.
fn calibrate(round: Duration, mut decode: impl FnMut()) -> u32 {
    decode(); // warm caches and the allocator
    let started = Instant::now();
    decode();
    let once = started.elapsed().max(Duration::from_nanos(50));
    (round.as_secs_f64() / once.as_secs_f64()).clamp(1.0, 1e6) as u32
}

/// Measures one payload: `data` is the bare JSON of a `T`.
pub fn case<T: DeserializeOwned>(
    label: &str,
    data: &str,
    rounds: usize,
    round: Duration,
) -> DecodeCase {
    let enveloped = crate::fixtures::envelope(data).into_bytes();
    // Every decoder must produce the same value before it is timed.
    let ours = || {
        black_box(decode_envelope::<T>(StatusCode::OK, black_box(&enveloped)).expect("decodes"));
    };
    // The bare decoder reads the very bytes of `data` inside the enveloped body, so that
    // both read the same memory: with separate copies, where each 50 MB buffer happens to
    // land (page alignment, huge pages) moved the ratio by several per cent.
    let inner = &enveloped[COMMON_START.len()..enveloped.len() - 1];
    assert_eq!(
        inner,
        data.as_bytes(),
        "`data` sits between the prefix and the brace"
    );
    let bare = || {
        black_box(serde_json::from_slice::<T>(black_box(inner)).expect("decodes"));
    };
    let naive = || {
        black_box(naive_decode::<T>(black_box(&enveloped)).expect("decodes"));
    };
    let iterations = [
        calibrate(round, ours),
        calibrate(round, bare),
        calibrate(round, naive),
    ];
    let mut a = timed(iterations[0], ours);
    let mut b = timed(iterations[1], bare);
    let mut c = timed(iterations[2], naive);
    let samples = measure::interleave(rounds, &mut [&mut a, &mut b, &mut c]);
    let per_op = |s: &Sample, v: usize| s.wall.as_secs_f64() / f64::from(iterations[v]);
    if std::env::var_os("BENCH_DEBUG").is_some() {
        for (v, variant) in samples.iter().enumerate() {
            let per: Vec<String> = variant
                .iter()
                .map(|s| format!("{:.3}", per_op(s, v) * 1e3))
                .collect();
            eprintln!("{label} variant {v}: {} ms", per.join(" "));
        }
    }
    let vs_bare = measure::ratio(&samples[1], &samples[0], |bare, ours| {
        per_op(bare, 1) / per_op(ours, 0)
    });
    let vs_naive = measure::ratio(&samples[2], &samples[0], |naive, ours| {
        per_op(naive, 2) / per_op(ours, 0)
    });
    let ours_mb_per_s = measure::median(
        samples[0]
            .iter()
            .map(|s| data.len() as f64 / per_op(s, 0) / 1e6)
            .collect(),
    );
    DecodeCase {
        label: label.to_owned(),
        data_bytes: data.len(),
        vs_bare,
        vs_naive,
        ours_mb_per_s,
    }
}

/// Runs `count` decodes of `data` (a run, or an array of runs) by one decoder, for a
/// profiler: 0 ours, 1 the bare `serde_json::from_slice`, 2 the naive unwrap.
pub fn profile(data: &str, single: bool, decoder: usize, count: usize) {
    fn run<T: DeserializeOwned>(data: &str, decoder: usize, count: usize) {
        let enveloped = crate::fixtures::envelope(data).into_bytes();
        let inner = &enveloped[COMMON_START.len()..enveloped.len() - 1];
        assert_eq!(
            inner,
            data.as_bytes(),
            "`data` sits between the prefix and the brace"
        );
        for _ in 0..count {
            match decoder {
                0 => drop(black_box(
                    decode_envelope::<T>(StatusCode::OK, black_box(&enveloped)).expect("decodes"),
                )),
                1 => drop(black_box(
                    serde_json::from_slice::<T>(black_box(inner)).expect("decodes"),
                )),
                _ => drop(black_box(
                    naive_decode::<T>(black_box(&enveloped)).expect("decodes"),
                )),
            }
        }
    }
    if single {
        run::<autoposting_client::agents::AgentRun>(data, decoder, count);
    } else {
        run::<Vec<autoposting_client::agents::AgentRun>>(data, decoder, count);
    }
}

/// Instructions per decode of each decoder (ours, bare, naive) as callgrind counts them,
/// for `runs` runs (0: a single `AgentRun`): the difference between `count` and
/// `2 × count` decodes, divided by `count`. `None` if valgrind is not installed.
pub fn instructions(runs: u64, count: usize) -> Option<[f64; 3]> {
    let exe = std::env::current_exe().ok()?;
    let measure = |decoder: usize, decodes: usize| {
        measure::callgrind(
            &exe,
            &[
                "__decode",
                &decoder.to_string(),
                &decodes.to_string(),
                &runs.to_string(),
            ],
        )
    };
    let mut result = [0.0; 3];
    for (decoder, slot) in result.iter_mut().enumerate() {
        *slot = (measure(decoder, 2 * count)? - measure(decoder, count)?) / count as f64;
    }
    Some(result)
}
