//! Scripted failures, for testing how a caller handles them: for the next N requests to a
//! route, answer with a status, wait first, stall in the middle of the body, or drop the
//! connection without answering.

use std::time::Duration;

use serde::Deserialize;

/// What to do to a request instead of (or before) answering it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fault {
    /// Answer this HTTP status with the documented error envelope (a 429 also carries
    /// `Retry-After: 1` and the `X-RateLimit-*` headers).
    Status(u16),
    /// Wait this long, then answer normally.
    Delay(Duration),
    /// Send a 200's headers and the start of the body, then nothing more until the server
    /// stops: the caller's read timeout is what ends it.
    StallBody,
    /// Close the connection without writing a byte of a response.
    DropConnection,
}

/// A fault for the next `times` requests matching a route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaultRule {
    pub(crate) method: Option<String>,
    pub(crate) path: String,
    pub(crate) fault: Fault,
    pub(crate) remaining: u32,
}

impl FaultRule {
    /// A fault for the next request to `route`, written `"GET /posts/{postId}"` (one method)
    /// or `"/posts"` (any method). A `{name}` segment matches any one path segment; the
    /// query string is not part of the match.
    pub fn new(route: &str, fault: Fault) -> FaultRule {
        let route = route.trim();
        let (method, path) = match route.split_once(' ') {
            Some((method, path)) => (Some(method.trim().to_ascii_uppercase()), path.trim()),
            None => (None, route),
        };
        FaultRule {
            method,
            path: path.to_owned(),
            fault,
            remaining: 1,
        }
    }

    /// Applies to the next `times` matching requests instead of one.
    #[must_use]
    pub fn times(mut self, times: u32) -> FaultRule {
        self.remaining = times;
        self
    }

    /// How many more requests this rule will affect.
    pub fn remaining(&self) -> u32 {
        self.remaining
    }

    pub(crate) fn matches(&self, method: &str, path: &str) -> bool {
        if self.method.as_deref().is_some_and(|m| m != method) {
            return false;
        }
        let mut wanted = self.path.trim_matches('/').split('/');
        let mut actual = path.trim_matches('/').split('/');
        loop {
            match (wanted.next(), actual.next()) {
                (None, None) => return true,
                (Some(w), Some(a)) => {
                    if !(w == a || (w.starts_with('{') && w.ends_with('}') && !a.is_empty())) {
                        return false;
                    }
                }
                _ => return false,
            }
        }
    }
}

/// Takes one use of the first rule matching the request, if any.
pub(crate) fn take(rules: &mut Vec<FaultRule>, method: &str, path: &str) -> Option<Fault> {
    let index = rules
        .iter()
        .position(|rule| rule.remaining > 0 && rule.matches(method, path))?;
    let rule = &mut rules[index];
    rule.remaining -= 1;
    let fault = rule.fault.clone();
    if rule.remaining == 0 {
        rules.remove(index);
    }
    Some(fault)
}

/// The admin endpoint's body: `{"route": "GET /posts", "status": 503, "times": 2}`, or
/// `"delayMs": 200`, `"stall": true`, `"drop": true` instead of `status`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct FaultSpec {
    route: String,
    status: Option<u16>,
    delay_ms: Option<u64>,
    stall: Option<bool>,
    drop: Option<bool>,
    times: Option<u32>,
}

impl FaultSpec {
    pub(crate) fn into_rule(self) -> Result<FaultRule, String> {
        let mut faults = Vec::new();
        if let Some(status) = self.status {
            if !(100..=999).contains(&status) {
                return Err(format!("`status` must be an HTTP status (got {status})."));
            }
            faults.push(Fault::Status(status));
        }
        if let Some(ms) = self.delay_ms {
            faults.push(Fault::Delay(Duration::from_millis(ms)));
        }
        if self.stall == Some(true) {
            faults.push(Fault::StallBody);
        }
        if self.drop == Some(true) {
            faults.push(Fault::DropConnection);
        }
        let [fault] = <[Fault; 1]>::try_from(faults).map_err(|_| {
            "Give exactly one of `status`, `delayMs`, `stall: true`, `drop: true`.".to_owned()
        })?;
        if !self.route.contains('/') {
            return Err(
                "`route` must be a path, optionally after a method: `GET /posts`.".to_owned(),
            );
        }
        Ok(FaultRule::new(&self.route, fault).times(self.times.unwrap_or(1)))
    }
}
