//! The payloads every row decodes: the documented example, and agent runs of about 250
//! bytes each, alone or in lists, with and without the envelope.

use std::fmt::Write as _;

/// The `getAgentRun` example response of the API description, as the server sends it.
pub const EXAMPLE: &str = include_str!(concat!(env!("OUT_DIR"), "/example.json"));

/// Crockford base32, as ULIDs are written.
const BASE32: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A ULID-shaped id (26 characters) derived from `n`.
fn ulid(out: &mut String, n: u64) {
    let mut x = n.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x0123_4567_89AB_CDEF;
    out.push_str("01HX");
    for _ in 0..22 {
        out.push(BASE32[(x & 31) as usize] as char);
        x = x.rotate_right(5) ^ n;
    }
}

/// Writes run number `n` as the API sends it: about 250 bytes, one in ten failed.
pub fn write_run(out: &mut String, n: u64) {
    let failed = n % 10 == 9;
    out.push_str("{\"id\":\"run_");
    ulid(out, n);
    out.push_str("\",\"agentId\":\"agent_");
    ulid(out, n / 100);
    let status = if failed { "failed" } else { "completed" };
    let minute = n % 60;
    let _ = write!(
        out,
        "\",\"status\":\"{status}\",\"postsGenerated\":{},\"tokensUsed\":{},",
        n % 5,
        800 + n % 4000
    );
    if failed {
        out.push_str("\"error\":\"LinkedIn token expired\",");
    } else {
        out.push_str("\"error\":null,");
    }
    let _ = write!(
        out,
        "\"startedAt\":\"2024-01-10T09:{minute:02}:00Z\",\"completedAt\":\"2024-01-10T09:{minute:02}:45Z\"}}"
    );
}

/// One run, bare.
pub fn run(n: u64) -> String {
    let mut out = String::new();
    write_run(&mut out, n);
    out
}

/// A JSON array of `count` runs.
pub fn run_array(count: u64) -> String {
    let mut out = String::with_capacity(count as usize * 256 + 2);
    out.push('[');
    for n in 0..count {
        if n > 0 {
            out.push(',');
        }
        write_run(&mut out, n);
    }
    out.push(']');
    out
}

/// `data` in the API's success envelope.
pub fn envelope(data: &str) -> String {
    format!("{{\"success\":true,\"data\":{data}}}")
}

/// The documented list shape, `{"runs": […], "total": n}`, in the envelope: what
/// `list_agent_runs` receives.
pub fn run_list_response(count: u64) -> String {
    let array = run_array(count);
    envelope(&format!("{{\"runs\":{array},\"total\":{count}}}"))
}
