//! Row 8: a clip upload of a large source to a local storage server that takes 20 ms per
//! part, three ways, interleaved round by round:
//!
//! - ours: `Client::upload_clip` with its defaults (16 MiB parts, 4 at a time);
//! - the official SDK's flow: init, presign, each part `PUT` one after the other, complete
//!   (the same operations and part size, written as `clips.ts` does);
//! - raw reqwest: the same init, presign and complete, and the same parts `PUT` with a bare
//!   `reqwest::Client`, 4 at a time (`buffer_unordered`): what our pipeline costs on top.
//!
//! The API and storage server is hyper on 127.0.0.1, in a thread of this process with a
//! runtime of its own of two worker threads (storage serves parts in parallel, as S3 does;
//! a one-thread server would make its own receiving the bottleneck that concurrency is
//! measured against); every `PUT` reads the whole body, waits 20 ms, then answers an ETag.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::time::Duration;

use autoposting_client::Client;
use autoposting_client::clips::{
    ClipUpload, Clips, CompleteClipUploadRequest, InitClipUploadRequest, PresignClipUploadRequest,
    UploadedPart,
};
use autoposting_client::upload::{UploadOptions, UploadSource};
use bytes::Bytes;
use futures_util::StreamExt;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response};
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};

use crate::measure::{self, Estimate, Sample};

/// What row 8 measured.
pub struct Upload {
    /// The source's size in bytes.
    pub source: u64,
    /// The part size in bytes.
    pub part_size: u64,
    /// Storage's added latency per part.
    pub latency: Duration,
    /// Ours ÷ the sequential flow, as speed (their time ÷ ours).
    pub vs_sequential: Estimate,
    /// Ours ÷ raw reqwest PUTs at the same concurrency, as throughput (their time ÷ ours).
    pub vs_raw: Estimate,
    /// Our median throughput in MB/s.
    pub ours_mb_per_s: f64,
    /// The sequential flow's median throughput in MB/s.
    pub sequential_mb_per_s: f64,
}

/// Measures row 8: `source` bytes, storage adding `latency` per part, `rounds` rounds.
pub fn run(source: u64, latency: Duration, rounds: usize) -> Upload {
    let addr = start_server(latency);
    let base = format!("http://{addr}");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let client = Client::builder()
        .base_url(&base)
        .api_key("sk-social-bench")
        .build()
        .expect("our client");
    let raw = reqwest::Client::builder()
        .timeout(autoposting_client::DEFAULT_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a reqwest client");
    let data = Bytes::from((0..source).map(|i| (i % 251) as u8).collect::<Vec<u8>>());
    let options = UploadOptions::default();
    let part_size = options.part_size;
    let concurrency = options.concurrency;
    let parts: Vec<Bytes> = (0..data.len())
        .step_by(part_size as usize)
        .map(|at| data.slice(at..(at + part_size as usize).min(data.len())))
        .collect();
    let expected = parts.len();
    let request = InitClipUploadRequest::builder()
        .brand_id("brand_bench")
        .file_name("bench.mp4")
        .file_size(source)
        .mime_type("video/mp4")
        .build();

    let mut ours = || {
        let (sample, done) = measure::sample(|| {
            runtime.block_on(client.upload_clip(
                &request,
                UploadSource::bytes(data.clone()),
                &options,
            ))
        });
        assert_eq!(done.expect("our upload").clip_id, "clip_bench");
        sample
    };
    let mut sequential = || {
        let (sample, stored) = measure::sample(|| {
            runtime.block_on(async {
                let (upload, urls) = start(&client, &request, parts.len()).await;
                let mut done = Vec::new();
                for (number, (part, url)) in (1..).zip(parts.iter().zip(&urls)) {
                    let stored = client
                        .upload_to_presigned_url(url, part.clone(), None)
                        .await
                        .expect("a part stored");
                    done.push(UploadedPart::new(number, stored.etag.expect("an ETag")));
                }
                finish(&client, &upload, done).await
            })
        });
        assert_eq!(stored, expected);
        sample
    };
    let mut raw_puts = || {
        let (sample, stored) = measure::sample(|| {
            runtime.block_on(async {
                let (upload, urls) = start(&client, &request, parts.len()).await;
                let mut done: Vec<UploadedPart> =
                    futures_util::stream::iter((1..).zip(parts.iter().cloned().zip(urls)))
                        .map(|(number, (part, url))| {
                            let raw = raw.clone();
                            async move {
                                let response = raw.put(url).body(part).send().await.expect("a PUT");
                                assert!(response.status().is_success());
                                let etag = response.headers()["etag"]
                                    .to_str()
                                    .expect("ASCII")
                                    .to_owned();
                                let _ = response.bytes().await;
                                UploadedPart::new(number, etag)
                            }
                        })
                        .buffer_unordered(concurrency)
                        .collect()
                        .await;
                done.sort_by_key(|part| part.part_number);
                finish(&client, &upload, done).await
            })
        });
        assert_eq!(stored, expected);
        sample
    };
    // One of each first: connections, runtime threads.
    ours();
    sequential();
    raw_puts();
    let samples = measure::interleave(rounds, &mut [&mut ours, &mut sequential, &mut raw_puts]);
    let speed = |a: &Sample, b: &Sample| b.wall.as_secs_f64() / a.wall.as_secs_f64();
    let mb_per_s = |samples: &[Sample]| {
        measure::median(
            samples
                .iter()
                .map(|s| source as f64 / s.wall.as_secs_f64() / 1e6)
                .collect(),
        )
    };
    Upload {
        source,
        part_size,
        latency,
        vs_sequential: measure::ratio(&samples[0], &samples[1], speed),
        vs_raw: measure::ratio(&samples[0], &samples[2], speed),
        ours_mb_per_s: mb_per_s(&samples[0]),
        sequential_mb_per_s: mb_per_s(&samples[1]),
    }
}

/// Init and presign every part, as the SDK does; the URLs in part order.
async fn start(
    client: &Client,
    request: &InitClipUploadRequest,
    parts: usize,
) -> (ClipUpload, Vec<String>) {
    let upload = client.init_clip_upload(request).await.expect("init");
    let numbers: Vec<u32> = (1..=parts as u32).collect();
    let signed = client
        .presign_clip_upload_parts(&PresignClipUploadRequest::new(&upload, numbers.clone()))
        .await
        .expect("presign");
    let urls = numbers
        .iter()
        .map(|n| signed.url_for(*n).expect("a URL per part").to_owned())
        .collect();
    (upload, urls)
}

/// Complete; the number of parts completed.
async fn finish(client: &Client, upload: &ClipUpload, parts: Vec<UploadedPart>) -> usize {
    let count = parts.len();
    client
        .complete_clip_upload(&CompleteClipUploadRequest::new(upload, parts))
        .await
        .expect("complete");
    count
}

/// Starts the API and storage server in a thread of its own; its address.
fn start_server(latency: Duration) -> SocketAddr {
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("binds 127.0.0.1");
            let addr = listener.local_addr().expect("bound");
            sender.send(addr).expect("the bench waits for the address");
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let _ = stream.set_nodelay(true);
                tokio::spawn(async move {
                    let service = service_fn(move |request| answer(request, addr, latency));
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
    });
    receiver.recv().expect("the server starts")
}

fn envelope(data: Value) -> Response<Full<Bytes>> {
    let body = serde_json::to_vec(&json!({"success": true, "data": data})).expect("JSON");
    Response::builder()
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from(body)))
        .expect("a valid response")
}

async fn answer(
    request: Request<Incoming>,
    addr: SocketAddr,
    latency: Duration,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let (head, body) = request.into_parts();
    let path = head.uri.path().to_owned();
    if head.method == Method::PUT {
        // Storage: read the whole part, counting it, then take the latency.
        let mut body = body;
        let mut len = 0usize;
        while let Some(frame) = body.frame().await {
            if let Ok(data) = frame.map(|f| f.into_data()) {
                len += data.map_or(0, |d| d.len());
            }
        }
        tokio::time::sleep(latency).await;
        let etag = format!(
            "\"{len:x}-{}\"",
            path.rsplit('/').next().unwrap_or_default()
        );
        return Ok(Response::builder()
            .header("etag", etag)
            .body(Full::new(Bytes::new()))
            .expect("a valid response"));
    }
    let body = body
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    let request: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    Ok(match path.as_str() {
        "/clips/upload/init" => envelope(json!({
            "clipId": "clip_bench", "uploadId": "up_bench", "key": "uploads/bench.mp4"
        })),
        "/clips/upload/presign" => {
            let urls: Vec<Value> = request["partNumbers"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|n| {
                    json!({"partNumber": n, "url": format!("http://{addr}/bucket/bench/{n}?X-Amz-Signature=s")})
                })
                .collect();
            envelope(json!({"presignedUrls": urls}))
        }
        "/clips/upload/complete" => {
            envelope(json!({"clipId": "clip_bench", "status": "processing"}))
        }
        _ => envelope(json!({"aborted": true})),
    })
}
