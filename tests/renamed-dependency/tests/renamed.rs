//! The renamed-dependency crate's trait works end to end against the mock server.

use autoposting_renamed_dependency::Runs;

#[tokio::test]
async fn calls_through_a_renamed_dependency() {
    let server = autoposting_mock::MockServer::start().await.unwrap();
    let client = ap::Client::builder()
        .base_url(server.base_url())
        .api_key(server.api_key())
        .build()
        .unwrap();

    let run = client.run("agent_01HXYZ", "run_01HXYZ").await.unwrap();

    assert_eq!(run.id, "run_01HXYZ");
    assert_eq!(run.tokens_used, 850);
    assert_eq!(
        <dyn Runs>::ENDPOINTS[0].path,
        "/agents/{agent_id}/runs/{run_id}"
    );
}
