//! Every response model of the areas health, knowledge_base, notifications, organizations,
//! platform_oauth, posts, usage and webhooks shows one JSON example in its docs (for users
//! who write test servers). Each example is read from the source, decoded into its type,
//! and must encode back to exactly the same JSON: the docs cannot drift from the types, and
//! the models round-trip.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use autoposting_client::{knowledge_base, notifications, organizations, platform_oauth, posts};
use autoposting_client::{usage, webhooks};

/// The ```json block in the doc comment right above `pub struct name` / `pub enum name`.
fn example(source: &str, name: &str) -> Value {
    let lines: Vec<&str> = source.lines().collect();
    let at = lines
        .iter()
        .position(|line| {
            let line = line.trim_start();
            line.strip_prefix("pub struct ")
                .or_else(|| line.strip_prefix("pub enum "))
                .and_then(|rest| rest.split([' ', '<', '{']).next())
                == Some(name)
        })
        .unwrap_or_else(|| panic!("no `pub struct {name}`"));
    let mut start = at;
    // Models declared in `keeps_spelling!` are indented.
    let is_doc =
        |line: &str| line.trim_start().starts_with("///") || line.trim_start().starts_with("#[");
    while start > 0 && is_doc(lines[start - 1]) {
        start -= 1;
    }
    let doc: Vec<&str> = lines[start..at]
        .iter()
        .filter_map(|line| line.trim_start().strip_prefix("///"))
        .map(|line| line.strip_prefix(' ').unwrap_or(line))
        .collect();
    let open = doc
        .iter()
        .position(|line| *line == "```json")
        .unwrap_or_else(|| panic!("`{name}` has no ```json example"));
    let close = open
        + 1
        + doc[open + 1..]
            .iter()
            .position(|line| *line == "```")
            .unwrap_or_else(|| panic!("`{name}`'s example is not closed"));
    let text = doc[open + 1..close].join("\n");
    serde_json::from_str(&text).unwrap_or_else(|error| panic!("`{name}`'s example: {error}"))
}

/// `value` with every number as a float: `500` and `500.0` are the same JSON number, and an
/// amount typed `f64` writes the first back as the second.
fn numbers_as_floats(value: Value) -> Value {
    match value {
        Value::Number(number) => number.as_f64().map_or(Value::Number(number), Value::from),
        Value::Array(items) => items.into_iter().map(numbers_as_floats).collect(),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(key, value)| (key, numbers_as_floats(value)))
                .collect(),
        ),
        other => other,
    }
}

/// Decodes the documented example of `T` (named `name` in `source`) and checks that it
/// encodes back unchanged: the same names, values and shape.
fn round_trips<T: DeserializeOwned + Serialize>(source: &str, name: &str) {
    let documented = example(source, name);
    let decoded: T = serde_json::from_value(documented.clone())
        .unwrap_or_else(|error| panic!("`{name}`'s example does not decode: {error}"));
    assert_eq!(
        numbers_as_floats(serde_json::to_value(&decoded).unwrap()),
        numbers_as_floats(documented),
        "`{name}` does not round-trip"
    );
}

const POSTS: &str = include_str!("../../../autoposting-client/src/api/posts.rs");
const KBS: &str = include_str!("../../../autoposting-client/src/api/knowledge_base/kbs.rs");
const IDEAS: &str = include_str!("../../../autoposting-client/src/api/knowledge_base/ideas.rs");
const NOTIFICATIONS: &str = include_str!("../../../autoposting-client/src/api/notifications.rs");
const ORGANIZATIONS: &str = include_str!("../../../autoposting-client/src/api/organizations.rs");
const PLATFORM_OAUTH: &str = include_str!("../../../autoposting-client/src/api/platform_oauth.rs");
const USAGE: &str = include_str!("../../../autoposting-client/src/api/usage.rs");
const WEBHOOKS: &str = include_str!("../../../autoposting-client/src/api/webhooks.rs");

#[test]
fn posts_models_round_trip_their_documented_examples() {
    round_trips::<posts::Post>(POSTS, "Post");
    round_trips::<posts::PostMedia>(POSTS, "PostMedia");
    round_trips::<posts::PlatformResult>(POSTS, "PlatformResult");
    round_trips::<posts::PostScore>(POSTS, "PostScore");
    round_trips::<posts::UploadedMedia>(POSTS, "UploadedMedia");
}

#[test]
fn knowledge_base_models_round_trip_their_documented_examples() {
    round_trips::<knowledge_base::Kb>(KBS, "Kb");
    round_trips::<knowledge_base::CreatedKb>(KBS, "CreatedKb");
    round_trips::<knowledge_base::KbDocument>(KBS, "KbDocument");
    round_trips::<knowledge_base::KbDocumentUpload>(KBS, "KbDocumentUpload");
    round_trips::<knowledge_base::KbSearchHit>(KBS, "KbSearchHit");
    round_trips::<knowledge_base::Citation>(IDEAS, "Citation");
    round_trips::<knowledge_base::Idea>(IDEAS, "Idea");
    round_trips::<knowledge_base::GeneratedIdeas>(IDEAS, "GeneratedIdeas");
    round_trips::<knowledge_base::GeneratedIdea>(IDEAS, "GeneratedIdea");
    round_trips::<knowledge_base::EnrichJob>(IDEAS, "EnrichJob");
}

#[test]
fn notifications_models_round_trip_their_documented_examples() {
    round_trips::<notifications::Notification>(NOTIFICATIONS, "Notification");
    round_trips::<notifications::NotificationMetadata>(NOTIFICATIONS, "NotificationMetadata");
}

#[test]
fn organizations_models_round_trip_their_documented_examples() {
    round_trips::<organizations::OrganizationList>(ORGANIZATIONS, "OrganizationList");
    round_trips::<organizations::Organization>(ORGANIZATIONS, "Organization");
}

#[test]
fn platform_oauth_models_round_trip_their_documented_examples() {
    round_trips::<platform_oauth::OauthAuthorizationUrl>(PLATFORM_OAUTH, "OauthAuthorizationUrl");
    round_trips::<platform_oauth::PlatformTokenExchange>(PLATFORM_OAUTH, "PlatformTokenExchange");
    round_trips::<platform_oauth::PlatformToken>(PLATFORM_OAUTH, "PlatformToken");
    round_trips::<platform_oauth::PlatformTokenRefresh>(PLATFORM_OAUTH, "PlatformTokenRefresh");
}

#[test]
fn usage_models_round_trip_their_documented_examples() {
    round_trips::<usage::UsageSummary>(USAGE, "UsageSummary");
    round_trips::<usage::UsagePeriod>(USAGE, "UsagePeriod");
    round_trips::<usage::PostUsage>(USAGE, "PostUsage");
    round_trips::<usage::ClipUsage>(USAGE, "ClipUsage");
    round_trips::<usage::AgentUsage>(USAGE, "AgentUsage");
    round_trips::<usage::CreditUsage>(USAGE, "CreditUsage");
    round_trips::<usage::AiTokenUsage>(USAGE, "AiTokenUsage");
    round_trips::<usage::AiUsage>(USAGE, "AiUsage");
    round_trips::<usage::ModelUsage>(USAGE, "ModelUsage");
    round_trips::<usage::UsageTrend>(USAGE, "UsageTrend");
    round_trips::<usage::DailyPosts>(USAGE, "DailyPosts");
    round_trips::<usage::DailyAiCost>(USAGE, "DailyAiCost");
    round_trips::<usage::TokenUsageBreakdown>(USAGE, "TokenUsageBreakdown");
    round_trips::<usage::TokenBreakdown>(USAGE, "TokenBreakdown");
    round_trips::<usage::DailyTokens>(USAGE, "DailyTokens");
}

#[test]
fn webhooks_models_round_trip_their_documented_examples() {
    round_trips::<webhooks::Webhook>(WEBHOOKS, "Webhook");
    round_trips::<webhooks::CreatedWebhook>(WEBHOOKS, "CreatedWebhook");
    round_trips::<webhooks::WebhookTestResult>(WEBHOOKS, "WebhookTestResult");
}

/// Request bodies have their examples too; those must at least be valid JSON (the bodies
/// themselves are compared with the documented request examples in each area's tests).
#[test]
fn request_examples_are_valid_json() {
    let requests = include_str!("../../../autoposting-client/src/api/posts/requests.rs");
    for name in [
        "CreatePostRequest",
        "Poll",
        "MediaInput",
        "InstagramOptions",
        "ReelOptions",
        "ThreadsOptions",
        "YoutubeOptions",
        "UpdatePostRequest",
        "SchedulePostRequest",
    ] {
        example(requests, name);
    }
    for name in [
        "CreateKbRequest",
        "IngestKbUrlRequest",
        "StartKbDocumentUploadRequest",
        "CompleteKbDocumentUploadRequest",
        "SearchKbRequest",
    ] {
        example(KBS, name);
    }
    for name in [
        "GenerateIdeasRequest",
        "IdeaDraft",
        "EnrichPlatform",
        "EnrichIdeaRequest",
    ] {
        example(IDEAS, name);
    }
    for name in [
        "ExchangeOauthCodeRequest",
        "StorePlatformTokenRequest",
        "MoveTokenRequest",
    ] {
        example(PLATFORM_OAUTH, name);
    }
    example(ORGANIZATIONS, "SwitchOrganizationRequest");
    example(WEBHOOKS, "CreateWebhookRequest");
    example(WEBHOOKS, "UpdateWebhookRequest");
}
