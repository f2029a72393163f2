//! Row 6: peak resident memory while `list_agent_runs` fetches and decodes a large list,
//! measured in a child process (`__rss`) that does nothing else.

use std::process::Command;

use autoposting_client::Client;
use autoposting_client::agents::Agents;

/// What the child saw, in bytes.
#[derive(Debug, Clone, Copy)]
pub struct Peak {
    /// Resident memory just before the call (runtime, client, connection).
    pub before: u64,
    /// The process's peak resident memory (`VmHWM`) after the call.
    pub peak: u64,
    /// Resident memory after the call, the body freed and the decoded list kept: `after -
    /// before` is what the decoded list itself takes.
    pub after: u64,
    /// Size of the response body.
    pub payload: u64,
    /// How long the call took, sending to decoded list, in seconds.
    pub seconds: f64,
}

fn status_kb(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("Linux /proc");
    status
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("the field is in /proc/self/status")
}

/// The child's main: one `list_agent_runs` call against `base_url` (for the agent whose
/// list is sent chunked if `streamed`), then the memory figures on stdout.
pub fn child(base_url: &str, runs: usize, payload: u64, streamed: bool) {
    // Multi-threaded, as `#[tokio::main]` gives: the runtime a user's call runs on.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let client = Client::builder()
        .base_url(base_url)
        .api_key("sk-social-bench")
        // The list is larger than the default 32 MiB limit.
        .max_response_bytes(payload * 2)
        .build()
        .expect("our client");
    // Connect first, so that `before` includes the connection and the runtime.
    runtime.block_on(async {
        let _ = client.get_agent_run("agent_01HXYZ", "run_01HXYZ").await;
    });
    let before = status_kb("VmRSS:") * 1024;
    let started = std::time::Instant::now();
    let list = runtime
        .block_on(client.list_agent_runs(
            if streamed { "streamed" } else { "agent_01HXYZ" },
            None,
            None,
        ))
        .expect("the list decodes");
    let seconds = started.elapsed().as_secs_f64();
    assert_eq!(list.len(), runs);
    let peak = status_kb("VmHWM:") * 1024;
    let after = status_kb("VmRSS:") * 1024;
    std::hint::black_box(&list);
    println!("{before} {peak} {after} {seconds}");
}

/// Runs the child against the server and reads its figures: the list sent with its
/// `Content-Length`, or (`streamed`) chunked without one.
pub fn measure(server: &crate::server::Server, runs: u64, streamed: bool) -> Peak {
    let exe = std::env::current_exe().expect("the benchmark knows its own path");
    let output = Command::new(exe)
        .args([
            "__rss",
            &server.base_url(),
            &runs.to_string(),
            &server.list_bytes.to_string(),
            if streamed { "streamed" } else { "whole" },
        ])
        .output()
        .expect("the memory child runs");
    assert!(
        output.status.success(),
        "the memory child failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).expect("ASCII");
    let mut numbers = text.split_whitespace();
    let mut next = |what: &str| numbers.next().unwrap_or_else(|| panic!("no {what} figure"));
    let bytes = |text: &str| text.parse::<u64>().expect("a number of bytes");
    Peak {
        before: bytes(next("before")),
        peak: bytes(next("peak")),
        after: bytes(next("after")),
        seconds: next("seconds").parse().expect("a number of seconds"),
        payload: server.list_bytes as u64,
    }
}
