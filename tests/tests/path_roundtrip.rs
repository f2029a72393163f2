//! Property: any string that is a usable path segment reaches the server as exactly one
//! segment and decodes back to the same string. Served from 127.0.0.1.

use autoposting_client::{Client, ErrorKind};
use autoposting_tests::Probe;
use autoposting_tests::support::EchoSegments;
use proptest::prelude::*;
use wiremock::{Mock, MockServer};

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings_round_trip_as_one_segment(first in any::<String>(), second in "\\PC{0,12}") {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async {
            let server = MockServer::start().await;
            Mock::given(wiremock::matchers::any()).respond_with(EchoSegments).mount(&server).await;
            let client = Client::builder().base_url(server.uri()).build().unwrap();

            let result = client.echo(&first, &second).await;

            let erased = |s: &str| matches!(s, "" | "." | "..");
            if erased(&first) || erased(&second) {
                let error = result.unwrap_err();
                prop_assert_eq!(error.kind(), ErrorKind::InvalidArgument);
                prop_assert!(server.received_requests().await.unwrap().is_empty());
            } else {
                prop_assert_eq!(result.unwrap(), vec![first.clone(), second.clone()]);
            }
            Ok(())
        })?;
    }
}
