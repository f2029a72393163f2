//! Each request leaves one tracing span with the operation, method, path template, status,
//! attempts and duration, and no secret or argument value. Its own test binary: tracing
//! caches callsite interest per process, so tests without a subscriber must not run beside it.

use std::sync::{Arc, Mutex};

use autoposting_client::Client;
use autoposting_tests::Runs;
use serde_json::json;
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY: &str = "sk-social-SECRET-KEY";

/// Collects every span field and event field as `name=value` text.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<Recorded>>>);

/// A span's `name#id` (or `event`) and its fields.
type Recorded = (String, Vec<String>);

struct Fields<'a>(&'a mut Vec<String>);

impl tracing::field::Visit for Fields<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.push(format!("{}={:?}", field.name(), value));
    }
}

impl<S: tracing::Subscriber + for<'a> tracing_subscriber::registry::LookupSpan<'a>>
    tracing_subscriber::Layer<S> for Capture
{
    fn on_new_span(
        &self,
        attrs: &tracing::span::Attributes<'_>,
        id: &tracing::span::Id,
        _: tracing_subscriber::layer::Context<'_, S>,
    ) {
        let mut fields = Vec::new();
        attrs.record(&mut Fields(&mut fields));
        let mut spans = self.0.lock().unwrap();
        spans.push((
            format!("{}#{}", attrs.metadata().name(), id.into_u64()),
            fields,
        ));
    }

    fn on_record(
        &self,
        id: &tracing::span::Id,
        values: &tracing::span::Record<'_>,
        _: tracing_subscriber::layer::Context<'_, S>,
    ) {
        let mut spans = self.0.lock().unwrap();
        let key = format!("#{}", id.into_u64());
        if let Some((_, fields)) = spans.iter_mut().find(|(name, _)| name.ends_with(&key)) {
            values.record(&mut Fields(fields));
        }
    }

    fn on_event(&self, event: &tracing::Event<'_>, _: tracing_subscriber::layer::Context<'_, S>) {
        let mut fields = Vec::new();
        event.record(&mut Fields(&mut fields));
        self.0.lock().unwrap().push(("event".to_owned(), fields));
    }
}

#[test]
fn one_span_per_request_with_the_template_and_no_secret() {
    use tracing_subscriber::layer::SubscriberExt;

    let capture = Capture::default();
    let subscriber = tracing_subscriber::registry().with(capture.clone());
    let _guard = tracing::subscriber::set_default(subscriber);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let server = MockServer::start().await;
        let page = json!({"success": true, "data": {"runs": [], "total": 0}});
        Mock::given(wiremock::matchers::any())
            .respond_with(ResponseTemplate::new(200).set_body_json(page))
            .mount(&server)
            .await;
        let client = Client::builder()
            .base_url(server.uri())
            .api_key(KEY)
            .build()
            .unwrap();
        let page = client
            .runs("agent_secret_id", Some(7), Some(99_999))
            .await
            .unwrap();
        assert_eq!(page.total, 0);
    });

    let spans = capture.0.lock().unwrap();
    let ours: Vec<&(String, Vec<String>)> = spans
        .iter()
        .filter(|(name, _)| name.starts_with("autoposting.request"))
        .collect();
    assert_eq!(ours.len(), 1, "{spans:?}");
    let fields = ours[0].1.join(" ");
    for expected in [
        "operation=\"runs\"",
        "method=GET",
        "path=\"/agents/{agent_id}/runs\"",
        "status=200",
        "attempts=1",
        "duration_ms=",
    ] {
        assert!(
            fields.contains(expected),
            "{expected} missing from {fields}"
        );
    }
    let everything = format!("{spans:?}");
    assert!(
        !everything.contains("SECRET"),
        "the key leaked: {everything}"
    );
    assert!(
        !everything.contains("99999") && !everything.contains("agent_secret_id"),
        "argument values leaked: {everything}"
    );
}
