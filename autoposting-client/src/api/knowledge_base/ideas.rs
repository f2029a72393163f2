//! Content ideas: the models of [`KnowledgeBase`](super::KnowledgeBase)'s `ideas`
//! operations.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::common::string_enum::string_enum;

string_enum! {
    /// A platform as the ideas endpoints name it.
    ///
    /// Unlike the rest of the API, where X is `x`, ideas call it `twitter`: `twitter` is
    /// sent, and `x` is read as [`Twitter`](IdeaPlatform::Twitter) too.
    pub enum IdeaPlatform {
        /// X (Twitter).
        Twitter = "twitter" | "x",
        /// LinkedIn.
        Linkedin = "linkedin",
        /// Instagram.
        Instagram = "instagram",
        /// YouTube.
        Youtube = "youtube",
        /// Threads.
        Threads = "threads",
        /// Any platform: only as an idea's [`target_platform`](Idea::target_platform), not
        /// as an enrichment target.
        Any = "any",
    }
}

/// A source an idea draws on.
///
/// ```json
/// {"snippet": "Customers anchor on the first price they see.", "docId": "doc_01HXYZ"}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[serde(rename_all = "camelCase")]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct Citation {
    /// `snippet`: the quoted text.
    pub snippet: String,
    /// `docId`: the id of the knowledge-base document it comes from, where there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_id: Option<String>,
    /// `uri`: the address it comes from, where there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
}

/// A stored content idea, as [`KnowledgeBase::list_ideas`](super::KnowledgeBase::list_ideas) returns it (`Idea` in the SDK).
///
/// ```json
/// {
///   "id": "idea_01HXYZ",
///   "kbId": "kb_01HXYZ",
///   "kbName": "Product Research",
///   "topic": "pricing",
///   "title": "Pricing is positioning",
///   "hook": "Your price tells customers who you are.",
///   "angle": "Contrarian",
///   "targetPlatform": "twitter",
///   "viralityScore": 82.5,
///   "citations": [{"snippet": "Customers anchor on the first price they see.", "docId": "doc_01HXYZ"}],
///   "reasoning": "Pricing posts drive discussion.",
///   "status": "new",
///   "source": "kb",
///   "createdAt": "2024-01-10T09:00:00Z",
///   "updatedAt": "2024-01-10T09:05:00Z"
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Idea {
    /// `id`: the idea id.
    pub id: String,
    /// `kbId`: the knowledge base it was generated from, where there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kb_id: Option<String>,
    /// `kbName`: that knowledge base's name, where there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kb_name: Option<String>,
    /// `topic`: the topic it was generated for.
    pub topic: String,
    /// `title`: a short title.
    pub title: String,
    /// `hook`: the opening line meant to stop the scroll.
    pub hook: String,
    /// `angle`: the angle the post takes.
    pub angle: String,
    /// `targetPlatform`: the platform it is meant for.
    pub target_platform: IdeaPlatform,
    /// `viralityScore`: the predicted virality, as the server scores it (the range is not documented).
    pub virality_score: f64,
    /// `citations`: the sources it draws on.
    pub citations: Vec<Citation>,
    /// `reasoning`: why the generator suggested it, where it says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasoning: Option<String>,
    /// `status`: its state, as the server names it (e.g. whether it was used); the values are not
    /// documented.
    pub status: String,
    /// `source`: how it was produced, as the server names it; the values are not documented.
    pub source: String,
    /// `usedAt`: when it was turned into a post, if it was (RFC 3339, UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub used_at: Option<DateTime<Utc>>,
    /// `usedPostId`: the post it was turned into, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub used_post_id: Option<String>,
    /// `createdAt`: when it was stored (RFC 3339, UTC).
    pub created_at: DateTime<Utc>,
    /// `updatedAt`: when it was last changed (RFC 3339, UTC).
    pub updated_at: DateTime<Utc>,
}

/// The body of [`KnowledgeBase::generate_ideas`](super::KnowledgeBase::generate_ideas): every field optional.
///
/// ```
/// use autoposting_client::knowledge_base::GenerateIdeasRequest;
///
/// let request = GenerateIdeasRequest::builder()
///     .kb_id("kb_01HXYZ")
///     .topic("pricing")
///     .count(5)
///     .build();
/// ```
///
/// ```json
/// {"kbId": "kb_01HXYZ", "topic": "pricing", "count": 5}
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, bon::Builder)]
#[serde(rename_all = "camelCase")]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct GenerateIdeasRequest {
    /// `kbId`: the knowledge base to ground the ideas in; `None` is not sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kb_id: Option<String>,
    /// `topic`: the topic to generate ideas about; `None` is not sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    /// `count`: how many ideas to generate; `None` is not sent and the server picks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
}

/// What [`KnowledgeBase::generate_ideas`](super::KnowledgeBase::generate_ideas) returns (`GenerateIdeasResult` in the SDK).
///
/// ```json
/// {
///   "ideas": [{
///     "title": "Pricing is positioning",
///     "hook": "Your price tells customers who you are.",
///     "angle": "Contrarian",
///     "targetPlatform": "linkedin",
///     "viralityScore": 82.5,
///     "citations": []
///   }],
///   "success": true,
///   "degraded": false,
///   "creditsRestored": false,
///   "source": "kb",
///   "topic": "pricing"
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct GeneratedIdeas {
    /// `ideas`: the generated ideas, where the response has them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ideas: Option<Vec<GeneratedIdea>>,
    /// `success`: the generator's own success flag, where it sends one (inside `data`, besides the
    /// envelope's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success: Option<bool>,
    /// `degraded`: set when generation fell back to a deterministic result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub degraded: Option<bool>,
    /// `creditsRestored`: set when the credits of the call were refunded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credits_restored: Option<bool>,
    /// `source`: what the ideas were generated from, as the server names it; the values are not
    /// documented.
    pub source: String,
    /// `topic`: the topic the ideas are about.
    pub topic: String,
}

/// A freshly generated idea (`GeneratedIdea` in the SDK): an [`Idea`] before it is stored.
///
/// ```json
/// {
///   "id": "idea_01HXYZ",
///   "title": "Pricing is positioning",
///   "hook": "Your price tells customers who you are.",
///   "angle": "Contrarian",
///   "targetPlatform": "linkedin",
///   "viralityScore": 82.5,
///   "citations": [{"snippet": "Customers anchor on the first price they see.", "docId": "doc_01HXYZ"}],
///   "reasoning": "Pricing posts drive discussion."
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct GeneratedIdea {
    /// `id`: the id of the stored idea, where it was stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `title`: a short title.
    pub title: String,
    /// `hook`: the opening line meant to stop the scroll.
    pub hook: String,
    /// `angle`: the angle the post takes.
    pub angle: String,
    /// `targetPlatform`: the platform it is meant for.
    pub target_platform: IdeaPlatform,
    /// `viralityScore`: the predicted virality, as the server scores it (the range is not documented).
    pub virality_score: f64,
    /// `citations`: the sources it draws on.
    pub citations: Vec<Citation>,
    /// `reasoning`: why the generator suggested it, where it says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasoning: Option<String>,
}

/// An idea to enrich: the `idea` of an [`EnrichIdeaRequest`].
///
/// Made from its parts, or `From` an [`Idea`] or a [`GeneratedIdea`].
///
/// ```json
/// {"title": "Pricing is positioning", "hook": "Your price tells a story.", "angle": "Contrarian"}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, bon::Builder)]
#[serde(rename_all = "camelCase")]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct IdeaDraft {
    /// `title`: a short title.
    pub title: String,
    /// `hook`: the opening line.
    pub hook: String,
    /// `angle`: the angle the post takes.
    pub angle: String,
    /// `reasoning`: why the idea is worth making; `None` is not sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reasoning: Option<String>,
    /// `citations`: the sources to draw on; `None` is not sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[builder(with = |citations: impl IntoIterator<Item = Citation>| citations.into_iter().collect())]
    pub citations: Option<Vec<Citation>>,
}

impl From<&Idea> for IdeaDraft {
    /// Copies the title, hook, angle, reasoning and citations (an empty citation list is
    /// not sent).
    fn from(idea: &Idea) -> Self {
        IdeaDraft {
            title: idea.title.clone(),
            hook: idea.hook.clone(),
            angle: idea.angle.clone(),
            reasoning: idea.reasoning.clone(),
            citations: (!idea.citations.is_empty()).then(|| idea.citations.clone()),
        }
    }
}

impl From<&GeneratedIdea> for IdeaDraft {
    /// Copies the title, hook, angle, reasoning and citations (an empty citation list is
    /// not sent).
    fn from(idea: &GeneratedIdea) -> Self {
        IdeaDraft {
            title: idea.title.clone(),
            hook: idea.hook.clone(),
            angle: idea.angle.clone(),
            reasoning: idea.reasoning.clone(),
            citations: (!idea.citations.is_empty()).then(|| idea.citations.clone()),
        }
    }
}

string_enum! {
    /// The kind of draft to make for a platform in an [`EnrichPlatform`].
    pub enum EnrichMode {
        /// A short post.
        Short = "short",
        /// A long-form post (e.g. for X Premium).
        Premium = "premium",
        /// A thread of posts; see [`EnrichPlatform::thread_count`].
        Thread = "thread",
        /// The platform's usual format.
        Standard = "standard",
        /// A video script.
        Video = "video",
    }
}

/// One platform to draft for in an [`EnrichIdeaRequest`].
///
/// ```json
/// {"platform": "twitter", "mode": "thread", "threadCount": 5}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, bon::Builder)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct EnrichPlatform {
    /// `platform`: the platform (not [`IdeaPlatform::Any`]).
    pub platform: IdeaPlatform,
    /// `mode`: the kind of draft; `None` is not sent and the server picks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<EnrichMode>,
    /// `targetLength`: the desired length of the draft (the unit is not documented); `None` is not sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_length: Option<u32>,
    /// `threadCount`: how many posts a [`Thread`](EnrichMode::Thread) should have; `None` is not sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thread_count: Option<u32>,
}

/// The body of [`KnowledgeBase::enrich_idea`](super::KnowledgeBase::enrich_idea).
///
/// ```
/// use autoposting_client::knowledge_base::{
///     EnrichIdeaRequest, EnrichMode, EnrichPlatform, IdeaDraft, IdeaPlatform,
/// };
///
/// let idea = IdeaDraft::builder()
///     .title("Pricing is positioning")
///     .hook("Your price tells a story.")
///     .angle("Contrarian")
///     .build();
/// let request = EnrichIdeaRequest::builder()
///     .idea(idea)
///     .platforms([
///         EnrichPlatform::builder()
///             .platform(IdeaPlatform::Twitter)
///             .mode(EnrichMode::Thread)
///             .thread_count(5)
///             .build(),
///         EnrichPlatform::builder().platform(IdeaPlatform::Linkedin).build(),
///     ])
///     .kb_id("kb_01HXYZ")
///     .build();
/// ```
///
/// sends:
///
/// ```json
/// {
///   "idea": {"title": "Pricing is positioning", "hook": "Your price tells a story.", "angle": "Contrarian"},
///   "platforms": [{"platform": "twitter", "mode": "thread", "threadCount": 5}, {"platform": "linkedin"}],
///   "kbId": "kb_01HXYZ"
/// }
/// ```
///
/// A stored [`Idea`] or a [`GeneratedIdea`] converts into the [`IdeaDraft`]:
/// `.idea(&stored_idea)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, bon::Builder)]
#[serde(rename_all = "camelCase")]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct EnrichIdeaRequest {
    /// `idea`: the idea to enrich.
    #[builder(into)]
    pub idea: IdeaDraft,
    /// `platforms`: the platforms to draft for: one to five.
    #[builder(with = |platforms: impl IntoIterator<Item = EnrichPlatform>| platforms.into_iter().collect())]
    pub platforms: Vec<EnrichPlatform>,
    /// `kbId`: a knowledge base to add context from; `None` is not sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kb_id: Option<String>,
}

/// The background job started by [`KnowledgeBase::enrich_idea`](super::KnowledgeBase::enrich_idea).
///
/// ```json
/// {"jobId": "job_01HXYZ"}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct EnrichJob {
    /// `jobId`: the job id.
    pub job_id: String,
}
