//! The server's notion of "now": the wall clock, or a manual clock a test moves forward.
//!
//! Everything that happens "later" in the API (a scheduled post publishing, a run finishing, a
//! knowledge base becoming active) is decided by comparing stored instants with this clock, so
//! a test on the manual clock sees tomorrow's work done by one [`Clock::advance`].

use std::sync::Mutex;
use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};

/// Which time the server runs on.
#[derive(Debug)]
pub struct Clock {
    manual: Option<Mutex<DateTime<Utc>>>,
}

impl Clock {
    /// The wall clock.
    pub fn real() -> Clock {
        Clock { manual: None }
    }

    /// A clock stopped at `start` that moves only when advanced.
    pub fn manual(start: DateTime<Utc>) -> Clock {
        Clock {
            manual: Some(Mutex::new(start)),
        }
    }

    /// Whether this is a manual clock.
    pub fn is_manual(&self) -> bool {
        self.manual.is_some()
    }

    /// The current instant.
    pub fn now(&self) -> DateTime<Utc> {
        match &self.manual {
            Some(now) => *now.lock().unwrap_or_else(|poisoned| poisoned.into_inner()),
            None => Utc::now(),
        }
    }

    /// Moves a manual clock forward by `by`; returns `false` (and does nothing) on the real clock.
    pub fn advance(&self, by: Duration) -> bool {
        let Some(now) = &self.manual else {
            return false;
        };
        let mut now = now.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let step = chrono::Duration::from_std(by).unwrap_or(chrono::Duration::MAX);
        *now = now
            .checked_add_signed(step)
            .unwrap_or(DateTime::<Utc>::MAX_UTC);
        true
    }
}

/// An instant as the API writes it: RFC 3339, UTC, whole seconds, `Z` (`2024-01-10T09:00:00Z`).
pub fn format(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// An instant as Unix milliseconds, for the server's own bookkeeping (when a stage began):
/// finer than the API's whole seconds, and cheap to compare on every request.
pub fn precise(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis()
}

/// Parses an RFC 3339 instant, as the API accepts them.
pub fn parse(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|at| at.with_timezone(&Utc))
}
