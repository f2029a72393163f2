//! An agent's settings: what it does, when it runs, how it writes, and the bodies that
//! create and change an agent. Re-exported by [`agents`](super).

use serde::Serialize;

#[cfg(doc)]
use super::Agents;
use crate::common::Platform;
use crate::common::string_enum::string_enum;

string_enum! {
    /// What an agent does with what it finds.
    pub enum AgentType {
        /// Writes and schedules or publishes posts.
        Publish = "publish",
        /// Gathers research without posting.
        Research = "research",
    }
}

string_enum! {
    /// How often an agent runs.
    pub enum AgentFrequency {
        /// Only when triggered.
        Manual = "manual",
        /// Every day at its `time`.
        Daily = "daily",
        /// Every week on its `weekday` at its `time`.
        Weekly = "weekly",
    }
}

string_enum! {
    /// A day of the week, as agents' `weekday` spells it.
    pub enum AgentWeekday {
        /// Monday.
        Monday = "mon",
        /// Tuesday.
        Tuesday = "tue",
        /// Wednesday.
        Wednesday = "wed",
        /// Thursday.
        Thursday = "thu",
        /// Friday.
        Friday = "fri",
        /// Saturday.
        Saturday = "sat",
        /// Sunday.
        Sunday = "sun",
    }
}

string_enum! {
    /// Where an agent takes its material from.
    pub enum ContentSource {
        /// Its knowledge base.
        KnowledgeBase = "kb",
        /// Current news.
        News = "news",
        /// Both.
        Both = "both",
    }
}

string_enum! {
    /// The tone of an agent's posts. The reference's update body lists the first five; the
    /// concept page lists further presets.
    pub enum AgentTone {
        /// Professional.
        Professional = "professional",
        /// Casual.
        Casual = "casual",
        /// Educational.
        Educational = "educational",
        /// Inspirational.
        Inspirational = "inspirational",
        /// Humorous.
        Humorous = "humorous",
        /// Concise (concept page preset).
        Concise = "concise",
        /// Playful (concept page preset).
        Playful = "playful",
        /// Thought leader (concept page preset).
        ThoughtLeader = "thought-leader",
        /// Storyteller (concept page preset).
        Storyteller = "storyteller",
        /// Breaking news (concept page preset).
        BreakingNews = "breaking-news",
        /// Controversial (concept page preset).
        Controversial = "controversial",
        /// Product launch (concept page preset).
        ProductLaunch = "product-launch",
        /// Satirical (concept page preset).
        Satirical = "satirical",
    }
}

/// The body of [`Agents::create_agent`], built with
/// [`CreateAgentRequest::builder`]: `name`, `agent_type` and `frequency` are required (the
/// build does not compile without them), every other field is optional and left out of the
/// JSON when unset.
///
/// ```
/// use autoposting_client::agents::{AgentFrequency, AgentType, AgentWeekday, CreateAgentRequest};
/// use autoposting_client::Platform;
///
/// let request = CreateAgentRequest::builder()
///     .name("Weekly LinkedIn Insights")
///     .agent_type(AgentType::Publish)
///     .frequency(AgentFrequency::Weekly)
///     .brand_slug("my-brand")
///     .weekday(AgentWeekday::Monday)
///     .time("09:00")
///     .timezone("America/New_York")
///     .platforms([Platform::Linkedin])
///     .posts_per_run(3)
///     .build();
/// ```
///
/// ```json
/// {"name": "Weekly LinkedIn Insights", "type": "publish", "brandSlug": "brand_slug",
///  "kbId": "kb_id", "frequency": "weekly", "weekday": "mon", "time": "09:00",
///  "timezone": "America/New_York", "platforms": ["linkedin"], "postsPerRun": 3,
///  "autoPublish": false}
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CreateAgentRequest {
    /// `name`: the agent's name.
    pub name: String,
    /// `type`: publish or research.
    #[serde(rename = "type")]
    pub agent_type: AgentType,
    /// `brandSlug`: the brand it posts for, by slug.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub brand_slug: Option<String>,
    /// `kbId`: the knowledge base it draws on, by id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kb_id: Option<String>,
    /// `frequency`: how often it runs.
    pub frequency: AgentFrequency,
    /// `weekday`: the day it runs; for weekly agents only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weekday: Option<AgentWeekday>,
    /// `time`: the time of day it runs, `HH:MM` 24-hour.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// `timeEnd`: the end of its run window, `HH:MM` 24-hour.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_end: Option<String>,
    /// `timezone`: the IANA timezone of `time`, e.g. `America/New_York`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// `platforms`: the platforms it posts to (`x`, `linkedin`, `instagram`, `threads`,
    /// `youtube`); takes an array or a `Vec`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(into)]
    pub platforms: Option<Vec<Platform>>,
    /// `postsPerRun`: how many posts a run generates, 1–50.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub posts_per_run: Option<u32>,
    /// `autoPublish`: whether posts are published without review.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_publish: Option<bool>,
    /// `contentSource`: where it takes its material from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_source: Option<ContentSource>,
    /// `prompt`: what it should write about, 20–1,000 characters (required by the SDK).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prompt: Option<String>,
    /// `writingStyle`: a description of the writing style, at most 4,000 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub writing_style: Option<String>,
    /// `notifyEmail`: whether to e-mail a notification after each run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notify_email: Option<bool>,
}

/// The body of [`Agents::update_agent`], built with [`UpdateAgentRequest::builder`]: every
/// field is optional and only the fields set are sent, so the server keeps the others
/// (`UpdateAgentRequest::default()` sends `{}`).
///
/// The reference's fields (`schedule`, `tone`, `instructions`, …) and the SDK's (`prompt`,
/// `frequency`, `time`, `weekday`) can be mixed.
///
/// ```
/// use autoposting_client::agents::{AgentTone, UpdateAgentRequest};
///
/// let change = UpdateAgentRequest::builder()
///     .name("Daily digest")
///     .tone(AgentTone::Casual)
///     .build();
/// ```
///
/// ```json
/// {"name": "<string>", "schedule": "<string>", "platforms": [], "instructions": "<string>",
///  "autoPublish": true, "postsPerRun": 123}
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UpdateAgentRequest {
    /// `name`: a new name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `schedule`: a new cron schedule (reference).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule: Option<String>,
    /// `platforms`: new platforms (`x`, `linkedin`, `instagram`, `threads`, `youtube`); an
    /// empty list sends `[]`. Takes an array or a `Vec`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(into)]
    pub platforms: Option<Vec<Platform>>,
    /// `tone`: a new tone (reference).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tone: Option<AgentTone>,
    /// `instructions`: new instructions (reference).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instructions: Option<String>,
    /// `autoPublish`: whether posts are published without review.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_publish: Option<bool>,
    /// `postsPerRun`: how many posts a run generates, 1–50.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub posts_per_run: Option<u32>,
    /// `prompt`: a new prompt, 20–1,000 characters (SDK).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prompt: Option<String>,
    /// `frequency`: a new frequency (SDK).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub frequency: Option<AgentFrequency>,
    /// `time`: a new time of day, `HH:MM` 24-hour (SDK).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// `weekday`: a new day for a weekly agent (SDK).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weekday: Option<AgentWeekday>,
}
