//! The benchmark's HTTP server: hyper on 127.0.0.1, in a child process of its own so that
//! the client process's CPU time is the client's alone.
//!
//! `GET /agents/{id}/runs/{id}` answers the documented example; `GET /agents/{id}/runs`
//! answers a list of runs (`{"runs": […], "total": n}`) built at start-up. The child exits
//! when its standard input closes (the parent is gone) or after half an hour.

use std::convert::Infallible;
use std::io::{BufRead, BufReader, Read};
use std::net::SocketAddr;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, StreamBody, combinators::BoxBody};
use hyper::body::Frame;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;

/// A running server child; killed when dropped.
pub struct Server {
    child: Child,
    _stdin: ChildStdin,
    /// Where it listens.
    pub addr: SocketAddr,
    /// Size in bytes of the list response body.
    pub list_bytes: usize,
}

impl Server {
    /// Starts the server in a child process (this binary, `__serve`), with a list of
    /// `list_runs` runs.
    pub fn start(list_runs: u64) -> Server {
        Server::spawn(&["__serve", &list_runs.to_string()])
    }

    /// Starts the local Autoposting (`autoposting-mock`, default settings) in a child
    /// process (this binary, `__mock`), for row 10; `list_bytes` is 0.
    pub fn start_mock() -> Server {
        Server::spawn(&["__mock"])
    }

    /// Runs this binary with `args`, a child that prints its address and list size.
    fn spawn(args: &[&str]) -> Server {
        let exe = std::env::current_exe().expect("the benchmark knows its own path");
        let mut child = Command::new(exe)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("the server child starts");
        let stdin = child.stdin.take().expect("piped");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("piped"))
            .read_line(&mut line)
            .expect("the server prints its address");
        let mut words = line.split_whitespace();
        let addr = words.next().expect("address").parse().expect("an address");
        let list_bytes = words.next().expect("size").parse().expect("a size");
        Server {
            child,
            _stdin: stdin,
            addr,
            list_bytes,
        }
    }

    /// The base URL of the server.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Paths under this prefix send the list chunked, without `Content-Length`.
pub const STREAMED: &str = "/agents/streamed/";

/// The child's main: serves until stdin closes.
pub fn serve(list_runs: u64) {
    std::thread::spawn(|| {
        // EOF or an error: the parent has gone.
        let _ = std::io::stdin().read_to_end(&mut Vec::new());
        std::process::exit(0);
    });
    std::thread::spawn(|| {
        std::thread::sleep(Duration::from_secs(30 * 60));
        std::process::exit(0);
    });
    let example = Bytes::from_static(crate::fixtures::EXAMPLE.as_bytes());
    let list = Bytes::from(crate::fixtures::run_list_response(list_runs));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("binds 127.0.0.1");
        println!("{} {}", listener.local_addr().expect("bound"), list.len());
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let _ = stream.set_nodelay(true);
            let (example, list) = (example.clone(), list.clone());
            tokio::spawn(async move {
                let service = service_fn(move |request: Request<Incoming>| {
                    let path = request.uri().path();
                    let body: BoxBody<Bytes, Infallible> = if !path.ends_with("/runs") {
                        Full::new(example.clone()).boxed()
                    } else if path.starts_with(STREAMED) {
                        // In 64 KiB frames with no length: sent chunked, as a streaming
                        // server or a proxy would.
                        let frames = (0..list.len()).step_by(64 * 1024).map({
                            let list = list.clone();
                            move |at| {
                                let end = (at + 64 * 1024).min(list.len());
                                Ok::<_, Infallible>(Frame::data(list.slice(at..end)))
                            }
                        });
                        StreamBody::new(futures_util::stream::iter(frames)).boxed()
                    } else {
                        Full::new(list.clone()).boxed()
                    };
                    async move {
                        Ok::<_, Infallible>(
                            Response::builder()
                                .header("content-type", "application/json")
                                .body(body)
                                .expect("a valid response"),
                        )
                    }
                });
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
}
