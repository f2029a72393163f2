//! Compile errors of the `#[api]` macro, each a `ui/*.rs` file with its expected `.stderr`;
//! and the generic methods the macro accepts (`impl Trait` arguments, type parameters),
//! run against a server on 127.0.0.1.

use std::fmt::{Debug, Display};

use autoposting_client::{Client, Result, api, async_trait};
use autoposting_tests::support::EchoSegments;
use wiremock::{Mock, MockServer};

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/*.rs");
}

/// Endpoints answered by [`EchoSegments`], with generic methods beside them.
#[api]
pub trait Echo {
    /// The segments after `/echo`.
    #[get("/echo/<id>")]
    async fn echo(&self, id: &str) -> Result<Vec<String>>;

    /// The same, from any `Display` value: an `impl Trait` endpoint argument.
    #[get("/echo/<id>/<part>")]
    async fn echo_display(&self, id: impl Display + Send, part: &str) -> Result<Vec<String>>;

    /// An `impl Trait` inside an `Option`.
    #[get("/echo/<id>")]
    async fn echo_tagged(
        &self,
        id: &str,
        #[query] tag: Option<impl serde::Serialize + Send>,
    ) -> Result<Vec<String>>;

    /// A default method taking `impl Trait` whose body loops over an endpoint.
    async fn fetch_all(
        &self,
        ids: impl IntoIterator<Item = String> + Send,
    ) -> Result<Vec<Vec<String>>> {
        let mut all = Vec::new();
        for id in ids {
            all.push(self.echo(&id).await?);
        }
        Ok(all)
    }

    /// A generic default method that is not `async`.
    fn describe<T: Debug>(&self, value: T) -> String {
        format!("echo {value:?}")
    }

    /// A default method that stays callable through `dyn Echo`.
    async fn echo_twice(&self, id: &str) -> Result<usize> {
        Ok(self.echo(id).await?.len() + self.echo(id).await?.len())
    }
}

async fn echo_server() -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(EchoSegments)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .api_key("sk-social-test-key")
        .build()
        .expect("a valid test client");
    (server, client)
}

#[tokio::test]
async fn a_default_method_with_impl_trait_arguments_calls_endpoints() {
    let (server, client) = echo_server().await;

    let all = client
        .fetch_all(vec!["a".to_owned(), "b/c".to_owned()])
        .await
        .unwrap();
    let none = client.fetch_all(std::iter::empty()).await.unwrap();
    let mapped = client
        .fetch_all((1..=2).map(|n| format!("n{n}")))
        .await
        .unwrap();

    // Its future is `Send` where what it holds is: it can be spawned.
    let spawned = tokio::spawn({
        let client = client.clone();
        async move { client.fetch_all(vec!["d".to_owned()]).await }
    })
    .await
    .unwrap()
    .unwrap();

    assert_eq!(all, vec![vec!["a".to_owned()], vec!["b/c".to_owned()]]);
    assert_eq!(spawned, [["d"]]);
    assert!(none.is_empty());
    assert_eq!(mapped, vec![vec!["n1".to_owned()], vec!["n2".to_owned()]]);
    let paths: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|request| request.url.path().to_owned())
        .collect();
    assert_eq!(
        paths,
        ["/echo/a", "/echo/b%2Fc", "/echo/n1", "/echo/n2", "/echo/d"]
    );
}

#[tokio::test]
async fn an_endpoint_with_an_impl_trait_argument_sends_its_value() {
    let (server, client) = echo_server().await;

    let from_int = client.echo_display(42_u32, "x").await.unwrap();
    let from_str = client.echo_display("a b", "y").await.unwrap();
    let tagged = client.echo_tagged("t", Some("a&b")).await.unwrap();
    client.echo_tagged("t", None::<u8>).await.unwrap();

    assert_eq!(from_int, ["42", "x"]);
    assert_eq!(from_str, ["a b", "y"]);
    assert_eq!(tagged, ["t"]);
    let queries: Vec<Option<String>> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|request| request.url.query().map(str::to_owned))
        .collect();
    assert_eq!(queries, [None, None, Some("tag=a%26b".to_owned()), None]);
    assert_eq!(client.describe(Some(3)), "echo Some(3)");
}

/// A test double: generic methods need no implementation, and the trait stays usable as
/// `dyn Echo` for every method that is not generic.
struct Fixed;

#[async_trait]
impl Echo for Fixed {
    async fn echo(&self, id: &str) -> Result<Vec<String>> {
        Ok(vec![id.to_owned(), id.to_owned()])
    }

    async fn echo_display(&self, id: impl Display + Send, part: &str) -> Result<Vec<String>> {
        Ok(vec![id.to_string(), part.to_owned()])
    }

    async fn echo_tagged(
        &self,
        id: &str,
        _tag: Option<impl serde::Serialize + Send>,
    ) -> Result<Vec<String>> {
        Ok(vec![id.to_owned()])
    }
}

#[tokio::test]
async fn the_trait_stays_dyn_compatible() {
    let (_server, client) = echo_server().await;
    let services: Vec<Box<dyn Echo>> = vec![Box::new(client), Box::new(Fixed)];

    let mut lengths = Vec::new();
    for service in &services {
        lengths.push(service.echo_twice("a").await.unwrap());
    }

    assert_eq!(lengths, [2, 4]);
    assert_eq!(
        Fixed.fetch_all(["z".to_owned()]).await.unwrap(),
        [["z", "z"]]
    );
    assert_eq!(<dyn Echo>::ENDPOINTS.len(), 3);
}
