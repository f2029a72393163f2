//! A bounded load test: 1,000 concurrent requests through one `Client` against a server on
//! 127.0.0.1; zero errors, and every response matched to its own request.

use autoposting_client::Client;
use autoposting_tests::Probe;
use autoposting_tests::support::EchoSegments;
use wiremock::{Mock, MockServer};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_requests_through_one_client() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(EchoSegments)
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();

    let calls: Vec<_> = (0..1000)
        .map(|i| {
            let client = client.clone();
            tokio::spawn(async move {
                (
                    i,
                    client
                        .echo(&format!("req-{i}"), &format!("{}", i * 7))
                        .await,
                )
            })
        })
        .collect();

    let mut matched = 0;
    for call in calls {
        let (i, result) = call.await.unwrap();
        let echoed = result.unwrap_or_else(|e| panic!("request {i} failed: {e}"));
        assert_eq!(echoed, vec![format!("req-{i}"), format!("{}", i * 7)]);
        matched += 1;
    }
    assert_eq!(matched, 1000);
    assert_eq!(server.received_requests().await.unwrap().len(), 1000);
}
