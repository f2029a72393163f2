//! The in-memory organisation the server keeps, behind one lock, and the rules that move it
//! along in time (posts publishing, runs finishing, knowledge bases building).
//!
//! Resources are kept as the JSON objects the API returns, so what a test inspects is what a
//! client would read; fields the server needs but never shows start with `_` and are
//! stripped by [`public`].

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, Datelike, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use crate::clock;

/// The platforms the API knows, with their text limits (characters).
pub const PLATFORMS: [(&str, usize); 5] = [
    ("x", 280),
    ("linkedin", 3000),
    ("instagram", 2200),
    ("threads", 500),
    ("youtube", 5000),
];

/// The text limit of `platform`, if it is a known platform.
pub fn text_limit(platform: &str) -> Option<usize> {
    PLATFORMS
        .iter()
        .find(|(name, _)| *name == platform)
        .map(|(_, limit)| *limit)
}

/// Credits: what the month allows and what is left.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Credits {
    /// Credits left.
    pub balance: i64,
    /// Credits granted each month.
    pub monthly_allocation: i64,
    /// Credits spent this month, by kind (`clips`, `aiGeneration`, `other`).
    pub spent: BTreeMap<String, i64>,
}

impl Default for Credits {
    fn default() -> Self {
        Credits {
            balance: 500,
            monthly_allocation: 500,
            spent: BTreeMap::new(),
        }
    }
}

/// Counters behind `GET /usage/summary` and `GET /usage/tokens`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct Counters {
    /// Clips uploaded or imported.
    pub clips_uploaded: u64,
    /// Render jobs completed.
    pub clips_rendered: u64,
    /// Agent runs finished.
    pub agent_runs: u64,
    /// Posts agents generated.
    pub agent_posts: u64,
    /// AI tokens used, by feature (`agents`, `ideaGeneration`, `carouselGeneration`, `postRewrite`, …).
    pub tokens: BTreeMap<String, u64>,
    /// AI tokens used, by day (`YYYY-MM-DD`).
    pub daily_tokens: BTreeMap<String, u64>,
}

/// A webhook delivery waiting to be sent (or re-sent).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Pending {
    /// The event id (`evt_…`), also the `X-Autoposting-Delivery` header.
    pub id: String,
    /// The webhook it goes to.
    pub webhook_id: String,
    /// The event type, e.g. `post.published`.
    pub event: String,
    /// The exact body to send (and sign).
    pub body: String,
    /// Attempts made so far.
    pub attempts: u32,
    /// When the next attempt is due, in Unix milliseconds of the wall clock.
    pub due_ms: u64,
}

/// One attempt to deliver a webhook, as [`crate::MockServer::webhook_deliveries`] reports it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DeliveryAttempt {
    /// The event id (`evt_…`).
    pub id: String,
    /// The webhook id (`wh_…`).
    pub webhook_id: String,
    /// The event type.
    pub event: String,
    /// 1 for the first attempt.
    pub attempt: u32,
    /// The receiver's status, or `None` when it could not be reached.
    pub status: Option<u16>,
    /// Whether the receiver answered 2xx.
    pub delivered: bool,
}

/// Everything the organisation holds. Serialised whole as the `--state` snapshot.
#[derive(Debug, Clone, Serialize, Deserialize, Default, PartialEq)]
#[serde(rename_all = "camelCase", default)]
#[allow(missing_docs)]
pub struct Store {
    pub seq: u64,
    pub brands: Vec<Value>,
    pub posts: Vec<Value>,
    pub agents: Vec<Value>,
    pub runs: Vec<Value>,
    pub api_keys: Vec<Value>,
    pub webhooks: Vec<Value>,
    pub kbs: Vec<Value>,
    pub kb_docs: Vec<Value>,
    pub carousels: Vec<Value>,
    pub clips: Vec<Value>,
    pub uploads: Vec<Value>,
    pub jobs: Vec<Value>,
    pub ideas: Vec<Value>,
    pub notifications: Vec<Value>,
    pub tokens: Vec<Value>,
    pub media: Vec<Value>,
    pub objects: Vec<Value>,
    pub sessions: Vec<String>,
    pub device_codes: Vec<Value>,
    pub user: Value,
    pub plan: Value,
    pub credits: Credits,
    pub counters: Counters,
    pub outbox: Vec<Pending>,
    pub attempts: Vec<DeliveryAttempt>,
    /// Before this instant, [`Store::tick`] has nothing to do, unless the store was written
    /// to since ([`Store::touched`]); `None` after a write. Not saved.
    #[serde(skip)]
    pub quiet_until: Option<DateTime<Utc>>,
}

/// Strips the server's private `_` fields from a stored object.
pub fn public(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(key, _)| !key.starts_with('_'))
                .map(|(key, value)| (key.clone(), value.clone()))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Reads a string field.
pub fn str_of<'a>(value: &'a Value, key: &str) -> &'a str {
    value.get(key).and_then(Value::as_str).unwrap_or("")
}

fn at_of(value: &Value, key: &str) -> Option<DateTime<Utc>> {
    match value.get(key)? {
        Value::Number(millis) => millis.as_i64().and_then(DateTime::from_timestamp_millis),
        Value::String(text) => clock::parse(text),
        _ => None,
    }
}

fn set(value: &mut Value, key: &str, new: Value) {
    if let Some(map) = value.as_object_mut() {
        map.insert(key.to_owned(), new);
    }
}

fn step(base: DateTime<Utc>, by: Duration) -> DateTime<Utc> {
    base + chrono::Duration::from_std(by).unwrap_or(chrono::Duration::zero())
}

/// Wall-clock Unix milliseconds (webhook retries run on real time, whatever the clock).
pub fn wall_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|since| u64::try_from(since.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

/// The next instant after `after` (UTC) at which a cron line `"M H * * D"` fires (`D` a
/// weekday 0–6 from Sunday, or `*`); `None` for `manual` or a line of another form.
pub fn next_fire(schedule: &str, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let fields: Vec<&str> = schedule.split(' ').collect();
    let [minute, hour, "*", "*", day] = fields[..] else {
        return None;
    };
    let (minute, hour) = (minute.parse::<u32>().ok()?, hour.parse::<u32>().ok()?);
    let day = match day {
        "*" => None,
        day => Some(day.parse::<u32>().ok().filter(|d| *d < 7)?),
    };
    (0..=7).find_map(|offset| {
        let date = after
            .date_naive()
            .checked_add_days(chrono::Days::new(offset))?;
        let at = date.and_hms_opt(hour, minute, 0)?.and_utc();
        let day_ok = day.is_none_or(|d| at.weekday().num_days_from_sunday() == d);
        (at > after && day_ok).then_some(at)
    })
}

/// The most runs one agent's schedule starts in one step of the clock: after a jump of
/// years, only the latest fire times run.
const MAX_CATCH_UP: usize = 100;

/// How long before expiry a refreshable platform token is refreshed (concepts: 10 min).
const REFRESH_AHEAD: chrono::Duration = chrono::Duration::minutes(10);

/// How long a platform token lives after it is granted or refreshed.
pub const TOKEN_LIFETIME: chrono::Duration = chrono::Duration::days(60);

impl Store {
    /// A fresh id with the API's type prefix, e.g. `post_000042`.
    pub fn id(&mut self, prefix: &str) -> String {
        self.seq += 1;
        format!("{prefix}_{:06}", self.seq)
    }

    /// A short random token (for keys, secrets, ETags).
    pub fn random(len: usize) -> String {
        std::iter::repeat_with(fastrand::alphanumeric)
            .take(len)
            .collect()
    }

    /// The organisation id every object belongs to.
    pub const ORG_ID: &'static str = "org_mock";

    /// Finds a brand by slug.
    pub fn brand(&self, slug: &str) -> Option<&Value> {
        self.brands.iter().find(|b| str_of(b, "slug") == slug)
    }

    /// Finds a brand by slug, mutably.
    pub fn brand_mut(&mut self, slug: &str) -> Option<&mut Value> {
        self.brands.iter_mut().find(|b| str_of(b, "slug") == slug)
    }

    /// Spends `amount` credits of `kind`, or fails with 402 when the balance is short.
    pub fn spend(&mut self, kind: &str, amount: i64) -> Result<(), crate::envelope::ApiError> {
        if self.credits.balance < amount {
            return Err(crate::envelope::ApiError::credits(
                amount,
                self.credits.balance,
            ));
        }
        self.credits.balance -= amount;
        *self.credits.spent.entry(kind.to_owned()).or_default() += amount;
        Ok(())
    }

    /// Counts `tokens` AI tokens of `feature` on the day of `now`.
    pub fn use_tokens(&mut self, feature: &str, tokens: u64, now: DateTime<Utc>) {
        *self.counters.tokens.entry(feature.to_owned()).or_default() += tokens;
        *self
            .counters
            .daily_tokens
            .entry(now.format("%Y-%m-%d").to_string())
            .or_default() += tokens;
    }

    /// Queues `event` for every enabled webhook subscribed to it (or to `*`).
    pub fn emit(&mut self, now: DateTime<Utc>, event: &str, data: Value) {
        let targets: Vec<String> = self
            .webhooks
            .iter()
            .filter(|hook| hook.get("enabled") == Some(&Value::Bool(true)))
            .filter(|hook| {
                hook.get("events")
                    .and_then(Value::as_array)
                    .is_some_and(|events| {
                        events
                            .iter()
                            .any(|e| e.as_str() == Some(event) || e.as_str() == Some("*"))
                    })
            })
            .map(|hook| str_of(hook, "id").to_owned())
            .collect();
        for webhook_id in targets {
            self.queue_delivery(&webhook_id, now, event, data.clone());
        }
    }

    /// Queues one delivery of `event` to the webhook `webhook_id`; returns the event id.
    pub fn queue_delivery(
        &mut self,
        webhook_id: &str,
        now: DateTime<Utc>,
        event: &str,
        data: Value,
    ) -> String {
        let id = self.id("evt");
        let body = json!({
            "id": id, "event": event, "timestamp": clock::format(now),
            "orgId": Store::ORG_ID, "data": data,
        })
        .to_string();
        self.outbox.push(Pending {
            id: id.clone(),
            webhook_id: webhook_id.to_owned(),
            event: event.to_owned(),
            body,
            attempts: 0,
            due_ms: 0,
        });
        id
    }

    /// Adds an in-app notification.
    pub fn notify(
        &mut self,
        now: DateTime<Utc>,
        kind: &str,
        title: String,
        body: String,
        metadata: Value,
    ) {
        let id = self.id("notif");
        self.notifications.insert(
            0,
            json!({
                "id": id, "type": kind, "title": title, "body": body, "read": false,
                "metadata": metadata, "createdAt": clock::format(now),
            }),
        );
    }

    /// Moves everything whose time has come, as many steps as `now` allows; `step` is how
    /// long each processing stage (validating, publishing, a run's queue, …) takes.
    ///
    /// Every request ticks, under the store's lock, so a tick that can change nothing returns
    /// at once: each full pass notes the earliest instant at which anything falls due
    /// ([`Store::quiet_until`]), and any write through [`crate::server::App::store`] clears
    /// it. With many objects and many concurrent requests this keeps the lock short.
    pub fn tick(&mut self, now: DateTime<Utc>, step_by: Duration) {
        if self.quiet_until.is_some_and(|quiet| now < quiet) {
            return;
        }
        self.full_tick(now, step_by);
        self.quiet_until = Some(self.next_due(step_by).unwrap_or(DateTime::<Utc>::MAX_UTC));
    }

    /// Marks the store as written to: the next tick makes a full pass.
    pub fn touched(&mut self) {
        self.quiet_until = None;
    }

    /// The earliest instant at which a tick would change something, if any: a scheduled
    /// post's time, the end of a processing stage, an agent's next fire time, a token's
    /// renewal or expiry.
    fn next_due(&self, step_by: Duration) -> Option<DateTime<Utc>> {
        let after_step = |item: &Value| at_of(item, "_since").map(|since| step(since, step_by));
        let posts = self
            .posts
            .iter()
            .filter_map(|post| match str_of(post, "status") {
                "scheduled" => at_of(post, "scheduledAt"),
                "validating" | "publishing" => after_step(post),
                _ => None,
            });
        let staged = self
            .runs
            .iter()
            .chain(&self.jobs)
            .filter_map(after_step)
            .chain(
                self.kbs
                    .iter()
                    .filter(|kb| str_of(kb, "status") == "building")
                    .filter_map(after_step),
            )
            .chain(
                self.kb_docs
                    .iter()
                    .filter(|doc| str_of(doc, "status") == "processing")
                    .filter_map(after_step),
            )
            .chain(
                self.clips
                    .iter()
                    .filter(|clip| str_of(clip, "status") == "processing")
                    .filter_map(after_step),
            );
        let fires = self
            .agents
            .iter()
            .filter(|agent| agent.get("enabled") == Some(&Value::Bool(true)))
            .filter_map(|agent| next_fire(str_of(agent, "schedule"), at_of(agent, "_cronFrom")?));
        let tokens = self
            .tokens
            .iter()
            .filter(|token| str_of(token, "status") == "active")
            .filter_map(|token| {
                let expires = at_of(token, "expiresAt")?;
                Some(if token.get("_refreshable") == Some(&Value::Bool(true)) {
                    expires - REFRESH_AHEAD
                } else {
                    expires
                })
            });
        posts.chain(staged).chain(fires).chain(tokens).min()
    }

    fn full_tick(&mut self, now: DateTime<Utc>, step_by: Duration) {
        self.fire_schedules(now);
        self.expire_tokens(now);
        for index in 0..self.posts.len() {
            self.advance_post(index, now, step_by);
        }
        for index in 0..self.runs.len() {
            self.advance_run(index, now, step_by);
        }
        for kb in &mut self.kbs {
            if str_of(kb, "status") == "building"
                && at_of(kb, "_since").is_some_and(|since| step(since, step_by) <= now)
            {
                set(kb, "status", json!("active"));
                set(kb, "updatedAt", json!(clock::format(now)));
            }
        }
        for doc in &mut self.kb_docs {
            if str_of(doc, "status") == "processing"
                && at_of(doc, "_since").is_some_and(|since| step(since, step_by) <= now)
            {
                set(doc, "status", json!("ready"));
            }
        }
        for index in 0..self.clips.len() {
            let clip = &mut self.clips[index];
            if str_of(clip, "status") == "processing"
                && at_of(clip, "_since").is_some_and(|since| step(since, step_by) <= now)
            {
                set(clip, "status", json!("ready"));
                set(clip, "transcription", json!({"status": "completed"}));
                set(
                    clip,
                    "candidates",
                    json!([
                        {"id": "cand_01", "startMs": 0, "endMs": 30000, "title": "The opening hook", "score": 0.92},
                        {"id": "cand_02", "startMs": 45000, "endMs": 90000, "title": "The key insight", "score": 0.81}
                    ]),
                );
            }
        }
        for index in 0..self.jobs.len() {
            self.advance_job(index, now, step_by);
        }
    }

    /// Starts a run of every enabled agent for each fire time of its schedule in
    /// `(_cronFrom, now]`, queued at that time, so it goes on like a triggered run. A paused
    /// agent's origin follows the clock, so lifting the pause starts no backlog.
    fn fire_schedules(&mut self, now: DateTime<Utc>) {
        let mut fired = Vec::new();
        for agent in &mut self.agents {
            let from = at_of(agent, "_cronFrom");
            if agent.get("enabled") != Some(&Value::Bool(true)) {
                set(agent, "_cronFrom", json!(clock::precise(now)));
                continue;
            }
            let Some(mut from) = from else {
                set(agent, "_cronFrom", json!(clock::precise(now)));
                continue;
            };
            let schedule = str_of(agent, "schedule").to_owned();
            // Only the latest MAX_CATCH_UP fire times start runs: after a long jump, start
            // the walk where they can be (schedules fire at least weekly), so that a step of
            // centuries costs no more than one of a year.
            let horizon = chrono::Duration::weeks(MAX_CATCH_UP as i64 + 1);
            if let Some(earliest) = now.checked_sub_signed(horizon) {
                from = from.max(earliest);
            }
            let mut times = Vec::new();
            while let Some(at) = next_fire(&schedule, from).filter(|at| *at <= now) {
                if times.len() == MAX_CATCH_UP {
                    times.remove(0);
                }
                times.push(at);
                from = at;
            }
            if !times.is_empty() {
                set(agent, "_cronFrom", json!(clock::precise(from)));
                fired.push((str_of(agent, "id").to_owned(), times));
            }
        }
        for (agent_id, times) in fired {
            for at in times {
                let run_id = self.id("run");
                self.runs.push(json!({
                    "id": run_id, "agentId": agent_id, "status": "queued", "postsGenerated": 0,
                    "tokensUsed": 0, "error": null, "startedAt": clock::format(at),
                    "completedAt": null, "_since": clock::precise(at), "_trigger": "schedule",
                }));
            }
        }
    }

    /// Moves platform tokens along in time: a refreshable token (one with a refresh token,
    /// or an Instagram/Threads long-lived token, or one from the OAuth exchange) is renewed
    /// 10 minutes before it expires; any other expires at its `expiresAt`, once: its status
    /// becomes `expired`, its platform leaves the brand's connected platforms unless another
    /// account still holds it, and `token.expired` is sent.
    fn expire_tokens(&mut self, now: DateTime<Utc>) {
        let mut expired = Vec::new();
        for token in &mut self.tokens {
            if str_of(token, "status") != "active" {
                continue;
            }
            let Some(expires) = at_of(token, "expiresAt") else {
                continue;
            };
            if token.get("_refreshable") == Some(&Value::Bool(true)) {
                let mut expires = expires;
                let mut renewed = false;
                // Bounded: each renewal moves the expiry 60 days on.
                for _ in 0..1000 {
                    if expires - REFRESH_AHEAD > now {
                        break;
                    }
                    // Refreshed 10 min ahead; the new token lives 60 days from then.
                    expires = expires - REFRESH_AHEAD + TOKEN_LIFETIME;
                    renewed = true;
                }
                if renewed {
                    set(token, "expiresAt", json!(clock::format(expires)));
                }
                continue;
            }
            if expires <= now {
                set(token, "status", json!("expired"));
                expired.push((token.clone(), expires));
            }
        }
        for (token, at) in expired {
            let slug = str_of(&token, "brandSlug").to_owned();
            let platform = str_of(&token, "_platform").to_owned();
            let still = self.tokens.iter().any(|t| {
                str_of(t, "brandSlug") == slug
                    && str_of(t, "_platform") == platform
                    && str_of(t, "status") == "active"
            });
            if !still
                && let Some(Value::Array(list)) = self
                    .brand_mut(&slug)
                    .and_then(|b| b.get_mut("connectedPlatforms"))
            {
                list.retain(|p| p.as_str() != Some(platform.as_str()));
            }
            let brand_id = self
                .brand(&slug)
                .map(|b| b["id"].clone())
                .unwrap_or(Value::Null);
            let data = json!({
                "tokenId": token["tokenId"], "brandId": brand_id, "brandSlug": slug,
                "platform": platform, "platformUserId": token["platformUserId"],
                "expiresAt": clock::format(at),
            });
            self.emit(at, "token.expired", data);
            self.notify(
                at,
                "token.expired",
                "Platform token expired".to_owned(),
                format!("The {platform} token of brand `{slug}` expired; refresh or reconnect it."),
                json!({"brandSlug": slug, "platform": platform}),
            );
        }
    }

    fn advance_post(&mut self, index: usize, now: DateTime<Utc>, step_by: Duration) {
        loop {
            let post = &self.posts[index];
            let status = str_of(post, "status").to_owned();
            let since = at_of(post, "_since");
            match status.as_str() {
                "scheduled" => {
                    let Some(due) = at_of(post, "scheduledAt") else {
                        return;
                    };
                    if due > now {
                        return;
                    }
                    let post = &mut self.posts[index];
                    set(post, "status", json!("validating"));
                    set(post, "_since", json!(clock::precise(due)));
                }
                "validating" => {
                    let Some(since) = since else { return };
                    let next = step(since, step_by);
                    if next > now {
                        return;
                    }
                    let post = &mut self.posts[index];
                    set(post, "status", json!("publishing"));
                    set(post, "_since", json!(clock::precise(next)));
                    set(post, "updatedAt", json!(clock::format(next)));
                }
                "publishing" => {
                    let Some(since) = since else { return };
                    let at = step(since, step_by);
                    if at > now {
                        return;
                    }
                    self.finish_publishing(index, at);
                    return;
                }
                _ => return,
            }
        }
    }

    /// Delivers a post to each of its pending platforms: a platform the brand has connected
    /// succeeds, any other fails with the reason; the post ends `published`, `partial` or
    /// `failed`.
    fn finish_publishing(&mut self, index: usize, at: DateTime<Utc>) {
        let slug = str_of(&self.posts[index], "brandSlug").to_owned();
        let connected: Vec<String> = self
            .brand(&slug)
            .and_then(|b| b.get("connectedPlatforms"))
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        let expired: Vec<String> = self
            .tokens
            .iter()
            .filter(|t| str_of(t, "brandSlug") == slug && str_of(t, "status") == "expired")
            .map(|t| str_of(t, "_platform").to_owned())
            .collect();
        let post_id = str_of(&self.posts[index], "id").to_owned();
        let post = &mut self.posts[index];
        let mut results = post
            .get("platformResults")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for result in &mut results {
            if str_of(result, "status") != "pending" {
                continue;
            }
            let platform = str_of(result, "platform").to_owned();
            if connected.contains(&platform) {
                *result = json!({
                    "platform": platform, "status": "published", "error": null,
                    "url": format!("https://{platform}.example/{post_id}"),
                    "publishedAt": clock::format(at),
                });
            } else {
                let reason = if expired.contains(&platform) {
                    format!(
                        "The {platform} token of the brand `{slug}` expired; refresh or reconnect it."
                    )
                } else {
                    format!("No {platform} account is connected to the brand `{slug}`.")
                };
                *result = json!({
                    "platform": platform, "status": "failed",
                    "error": reason,
                    "url": null, "publishedAt": null,
                });
            }
        }
        let ok = results
            .iter()
            .filter(|r| str_of(r, "status") == "published")
            .count();
        let status = if ok == results.len() {
            "published"
        } else if ok == 0 {
            "failed"
        } else {
            "partial"
        };
        set(post, "platformResults", Value::Array(results.clone()));
        set(post, "status", json!(status));
        set(post, "updatedAt", json!(clock::format(at)));
        if ok > 0 {
            set(post, "publishedAt", json!(clock::format(at)));
        }
        if let Some(map) = post.as_object_mut() {
            map.remove("_since");
        }
        let platforms: Vec<&Value> = results.iter().map(|r| &r["platform"]).collect();
        let failed: Vec<&Value> = results
            .iter()
            .filter(|r| str_of(r, "status") == "failed")
            .map(|r| &r["platform"])
            .collect();
        let brand_id = self
            .brand(&slug)
            .map(|b| b["id"].clone())
            .unwrap_or(Value::Null);
        let data = json!({
            "postId": post_id, "brandId": brand_id, "brandSlug": slug, "status": status,
            "platforms": platforms, "failedPlatforms": failed, "results": results,
            "publishedAt": if ok > 0 { json!(clock::format(at)) } else { Value::Null },
        });
        let event = format!("post.{status}");
        self.emit(at, &event, data);
        self.notify(
            at,
            &event,
            format!("Post {status}"),
            format!("Post {post_id} is {status}."),
            json!({"postId": post_id, "brandSlug": slug}),
        );
    }

    fn advance_run(&mut self, index: usize, now: DateTime<Utc>, step_by: Duration) {
        loop {
            let run = &self.runs[index];
            let Some(since) = at_of(run, "_since") else {
                return;
            };
            let next = step(since, step_by);
            if next > now {
                return;
            }
            match str_of(run, "status") {
                "queued" => {
                    let run = &mut self.runs[index];
                    set(run, "status", json!("running"));
                    set(run, "startedAt", json!(clock::format(next)));
                    set(run, "_since", json!(clock::precise(next)));
                }
                "running" => {
                    self.finish_run(index, next);
                    return;
                }
                _ => return,
            }
        }
    }

    /// Finishes a run: its agent's brand must exist; it writes `postsPerRun` posts (drafts,
    /// or straight to publishing when the agent auto-publishes) and counts tokens.
    fn finish_run(&mut self, index: usize, at: DateTime<Utc>) {
        let run_id = str_of(&self.runs[index], "id").to_owned();
        let agent_id = str_of(&self.runs[index], "agentId").to_owned();
        let agent = self
            .agents
            .iter()
            .find(|a| str_of(a, "id") == agent_id)
            .cloned();
        let brand = agent
            .as_ref()
            .map(|a| str_of(a, "brandSlug").to_owned())
            .unwrap_or_default();
        let outcome = match &agent {
            None => Err("The agent was deleted.".to_owned()),
            Some(_) if self.brand(&brand).is_none() => {
                Err(format!("The agent's brand `{brand}` does not exist."))
            }
            Some(agent) => Ok(agent.clone()),
        };
        let stamp = json!(clock::format(at));
        match outcome {
            Ok(agent) => {
                let count = agent
                    .get("postsPerRun")
                    .and_then(Value::as_u64)
                    .unwrap_or(1)
                    .min(50);
                let platforms = agent.get("platforms").cloned().unwrap_or_else(|| json!([]));
                let auto = agent.get("autoPublish") == Some(&Value::Bool(true));
                for n in 1..=count {
                    let id = self.id("post");
                    let results: Vec<Value> = platforms
                        .as_array()
                        .map(|list| {
                            list.iter()
                                .map(|p| json!({"platform": p, "status": "pending", "error": null, "url": null, "publishedAt": null}))
                                .collect()
                        })
                        .unwrap_or_default();
                    self.posts.push(json!({
                        "id": id, "brandSlug": brand,
                        "text": format!("{} #{n} (generated by run {run_id}).", str_of(&agent, "name")),
                        "platforms": platforms, "status": if auto { "validating" } else { "draft" },
                        "scheduledAt": null, "publishedAt": null, "createdAt": stamp, "updatedAt": stamp,
                        "media": [], "score": null, "source": "agent", "platformResults": results,
                        "_since": clock::precise(at), "_runId": run_id,
                    }));
                }
                let tokens = 850 * count;
                self.use_tokens("agents", tokens, at);
                self.counters.agent_runs += 1;
                self.counters.agent_posts += count;
                let run = &mut self.runs[index];
                set(run, "status", json!("completed"));
                set(run, "postsGenerated", json!(count));
                set(run, "tokensUsed", json!(tokens));
                set(run, "completedAt", stamp.clone());
                if let Some(agent) = self.agents.iter_mut().find(|a| str_of(a, "id") == agent_id) {
                    set(agent, "lastRunAt", stamp);
                }
                self.emit(
                    at,
                    "agent.run.completed",
                    json!({"runId": run_id, "agentId": agent_id, "postsGenerated": count, "tokensUsed": tokens}),
                );
            }
            Err(reason) => {
                self.counters.agent_runs += 1;
                let run = &mut self.runs[index];
                set(run, "status", json!("failed"));
                set(run, "error", json!(reason));
                set(run, "completedAt", stamp);
                self.emit(
                    at,
                    "agent.run.failed",
                    json!({"runId": run_id, "agentId": agent_id, "error": reason}),
                );
            }
        }
        if let Some(map) = self.runs[index].as_object_mut() {
            map.remove("_since");
        }
    }

    fn advance_job(&mut self, index: usize, now: DateTime<Utc>, step_by: Duration) {
        loop {
            let job = &self.jobs[index];
            let Some(since) = at_of(job, "_since") else {
                return;
            };
            let next = step(since, step_by);
            if next > now {
                return;
            }
            match str_of(job, "status") {
                "queued" => {
                    let job = &mut self.jobs[index];
                    set(job, "status", json!("rendering"));
                    set(job, "_since", json!(clock::precise(next)));
                }
                "rendering" => {
                    let clip_id = str_of(&self.jobs[index], "_clipId").to_owned();
                    let job_id = str_of(&self.jobs[index], "jobId").to_owned();
                    let cost = self.jobs[index]
                        .get("_cost")
                        .and_then(Value::as_i64)
                        .unwrap_or(0);
                    // Credits are charged only for a successful render.
                    let charged = self.spend("clips", cost).is_ok();
                    let status = if charged { "completed" } else { "failed" };
                    let job = &mut self.jobs[index];
                    set(job, "status", json!(status));
                    if let Some(map) = job.as_object_mut() {
                        map.remove("_since");
                    }
                    if charged {
                        self.counters.clips_rendered += 1;
                        self.emit(
                            next,
                            "clip.render.completed",
                            json!({"clipId": clip_id, "jobId": job_id}),
                        );
                    } else {
                        self.emit(
                            next,
                            "clip.render.failed",
                            json!({"clipId": clip_id, "jobId": job_id, "error": "Not enough credits."}),
                        );
                    }
                    return;
                }
                _ => return,
            }
        }
    }
}

/// Paging arguments of an offset-paged list, checked as documented: `limit` 1–100
/// (default 50), `offset` ≥ 0 (default 0).
#[derive(Debug, Clone, Copy, Deserialize, Default)]
pub struct Paging {
    /// Items per page.
    pub limit: Option<i64>,
    /// Items to skip.
    pub offset: Option<i64>,
}

impl Paging {
    /// The checked `(limit, offset)`.
    pub fn checked(self) -> Result<(usize, usize), crate::envelope::ApiError> {
        let limit = self.limit.unwrap_or(50);
        if !(1..=100).contains(&limit) {
            return Err(crate::envelope::ApiError::validation(format!(
                "`limit` must be between 1 and 100 (got {limit})."
            )));
        }
        let offset = self.offset.unwrap_or(0);
        if offset < 0 {
            return Err(crate::envelope::ApiError::validation(format!(
                "`offset` must not be negative (got {offset})."
            )));
        }
        Ok((
            usize::try_from(limit).unwrap_or(50),
            usize::try_from(offset).unwrap_or(usize::MAX),
        ))
    }
}

/// One page of `items` (already public) and the total.
pub fn page(items: Vec<Value>, limit: usize, offset: usize) -> (Vec<Value>, usize) {
    let total = items.len();
    (items.into_iter().skip(offset).take(limit).collect(), total)
}

/// Merges the present fields of `patch` into `target`.
pub fn merge(target: &mut Value, patch: &Map<String, Value>) {
    if let Some(map) = target.as_object_mut() {
        for (key, value) in patch {
            map.insert(key.clone(), value.clone());
        }
    }
}
