//! Uploads in one call (`autoposting_client::upload`) against a real API and a real storage
//! server on 127.0.0.1: the clip multipart flow, its retries, abort, resume, progress and
//! concurrency; the knowledge-base document flow; the post-media flow.
//!
//! Long because each step of each flow that can fail has its own short test; the servers
//! are in `upload_support/`.

mod upload_support;

use std::sync::{Arc, Mutex};

use autoposting_client::clips::{ClipStatus, InitClipUploadRequest};
use autoposting_client::knowledge_base::StartKbDocumentUploadRequest;
use autoposting_client::upload::{
    AbortOutcome, ClipUploadState, MediaRoute, UploadOptions, UploadProgress, UploadSource,
    UploadStep,
};
use autoposting_client::{ErrorKind, StatusCode};
use serde_json::{Value, json};
use upload_support::{Answer, KEY, MIB, Servers, content, etag_for, quick_retries, start};

fn request() -> InitClipUploadRequest {
    InitClipUploadRequest::builder()
        .brand_id("brand_1")
        .file_name("episode.mp4")
        .file_size(0)
        .mime_type("video/mp4")
        .build()
}

/// 5 MiB parts (the smallest storage accepts), retries with millisecond waits.
fn options() -> UploadOptions {
    UploadOptions::default()
        .part_size(5 * MIB)
        .part_retry(quick_retries(3))
}

fn part_target(n: u32) -> String {
    format!("uploads/clip_1.mp4/{n}")
}

/// The `parts` of the one completion, as (number, etag).
fn completed_parts(servers: &Servers) -> Vec<(u64, String)> {
    let record = servers.lock();
    assert_eq!(record.completes.len(), 1, "one completion");
    record.completes[0]["parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["partNumber"].as_u64().unwrap(),
                p["etag"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn assert_storage_never_saw_the_key(servers: &Servers) {
    let record = servers.lock();
    assert!(!record.puts.is_empty());
    for put in &record.puts {
        assert_eq!(put.credentials, Vec::<String>::new(), "{put:?}");
    }
    assert_eq!(record.api_without_key, 0, "every API call carried the key");
}

#[tokio::test]
async fn a_clip_of_three_parts_with_a_short_last_one_is_stored_and_completed() {
    let servers = start(|r| r.keep_bytes = true).await;
    let video = content(12 * MIB + 7);

    let done = servers
        .client
        .upload_clip(&request(), UploadSource::bytes(video.clone()), &options())
        .await
        .unwrap();

    assert_eq!(done.clip_id, "clip_1");
    assert_eq!(done.status, ClipStatus::Processing);
    let record = servers.lock();
    assert_eq!(record.inits[0]["fileSize"], json!(12 * MIB + 7));
    assert_eq!(record.inits[0]["fileName"], "episode.mp4");
    assert_eq!(record.presigns, vec![vec![1, 2, 3]]);
    let mut lens: Vec<(String, u64)> = record
        .puts
        .iter()
        .map(|p| (p.target.clone(), p.len))
        .collect();
    lens.sort();
    assert_eq!(
        lens,
        vec![
            (part_target(1), 5 * MIB),
            (part_target(2), 5 * MIB),
            (part_target(3), 2 * MIB + 7),
        ]
    );
    assert_eq!(record.completes[0]["clipId"], "clip_1");
    assert_eq!(record.completes[0]["uploadId"], "up_1");
    assert_eq!(record.completes[0]["key"], "uploads/clip_1.mp4");
    assert!(record.aborts.is_empty());
    drop(record);
    assert_eq!(
        servers.joined_parts(),
        video,
        "the parts join into the source"
    );
    assert_storage_never_saw_the_key(&servers);
}

#[tokio::test]
async fn etags_are_completed_verbatim_with_their_quotes_in_part_order() {
    let servers = start(|_| {}).await;

    servers
        .client
        .upload_clip(
            &request(),
            UploadSource::bytes(content(11 * MIB)),
            &options(),
        )
        .await
        .unwrap();

    let parts = completed_parts(&servers);
    assert_eq!(
        parts,
        vec![
            (1, etag_for(&part_target(1))),
            (2, etag_for(&part_target(2))),
            (3, etag_for(&part_target(3))),
        ]
    );
    assert!(parts[0].1.starts_with('"') && parts[0].1.ends_with('"'));
}

#[tokio::test]
async fn a_file_path_is_read_part_by_part() {
    let servers = start(|r| r.keep_bytes = true).await;
    let video = content(10 * MIB + 1);
    let dir = std::env::temp_dir().join(format!("autoposting-upload-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("talk.mp4");
    std::fs::write(&path, &video).unwrap();

    let source = UploadSource::file(&path).await.unwrap();
    assert_eq!(source.len(), 10 * MIB + 1);
    assert_eq!(source.file_name(), Some("talk.mp4"));
    servers
        .client
        .upload_clip(&request(), source, &options())
        .await
        .unwrap();

    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(servers.joined_parts(), video);
    assert_eq!(completed_parts(&servers).len(), 3);
}

#[tokio::test]
async fn an_async_reader_of_known_length_is_a_source() {
    let servers = start(|r| r.keep_bytes = true).await;
    let video = content(6 * MIB);
    let reader = std::io::Cursor::new(video.clone());

    servers
        .client
        .upload_clip(
            &request(),
            UploadSource::reader(reader, 6 * MIB),
            &options(),
        )
        .await
        .unwrap();

    assert_eq!(servers.joined_parts(), video);
}

#[tokio::test]
async fn an_empty_source_is_one_empty_part() {
    let servers = start(|_| {}).await;

    servers
        .client
        .upload_clip(&request(), UploadSource::bytes(Vec::new()), &options())
        .await
        .unwrap();

    assert_eq!(servers.lock().puts[0].len, 0);
    assert_eq!(
        completed_parts(&servers),
        vec![(1, etag_for(&part_target(1)))]
    );
}

#[tokio::test]
async fn a_part_that_fails_twice_then_succeeds_is_retried() {
    let servers = start(|r| {
        r.answers.insert(
            part_target(2),
            vec![Answer::Status(503), Answer::Status(500)],
        );
    })
    .await;

    servers
        .client
        .upload_clip(
            &request(),
            UploadSource::bytes(content(12 * MIB)),
            &options(),
        )
        .await
        .unwrap();

    let tries: Vec<u16> = servers
        .lock()
        .puts
        .iter()
        .filter(|p| p.target == part_target(2))
        .map(|p| p.status)
        .collect();
    assert_eq!(tries, vec![503, 500, 200]);
    assert_eq!(completed_parts(&servers)[1], (2, etag_for(&part_target(2))));
    assert!(servers.lock().aborts.is_empty());
}

#[tokio::test]
async fn a_part_refused_for_good_aborts_the_upload_and_names_the_part() {
    let servers = start(|r| {
        r.answers.insert(part_target(2), vec![Answer::Status(403)]);
    })
    .await;

    let error = servers
        .client
        .upload_clip(
            &request(),
            UploadSource::bytes(content(12 * MIB)),
            &options(),
        )
        .await
        .unwrap_err();

    assert_eq!(error.step(), UploadStep::Put);
    assert_eq!(error.part(), Some(2));
    assert_eq!(error.error().unwrap().status(), Some(StatusCode::FORBIDDEN));
    assert!(error.is_aborted());
    assert!(error.to_string().contains("part 2"), "{error}");
    assert!(error.to_string().contains("(aborted)"), "{error}");
    let record = servers.lock();
    assert_eq!(
        record.aborts,
        vec![json!({"clipId": "clip_1", "uploadId": "up_1", "key": "uploads/clip_1.mp4"})]
    );
    assert!(record.completes.is_empty());
    let tries = record
        .puts
        .iter()
        .filter(|p| p.target == part_target(2))
        .count();
    assert_eq!(tries, 1, "a 403 is not retried");
}

#[tokio::test]
async fn a_part_failing_past_its_retries_aborts_after_every_attempt() {
    let servers = start(|r| {
        r.answers
            .insert(part_target(1), vec![Answer::Status(503); 10]);
    })
    .await;

    let error = servers
        .client
        .upload_clip(
            &request(),
            UploadSource::bytes(content(6 * MIB)),
            &options(),
        )
        .await
        .unwrap_err();

    assert_eq!((error.step(), error.part()), (UploadStep::Put, Some(1)));
    assert_eq!(
        error.error().unwrap().attempts(),
        4,
        "1 attempt + 3 retries"
    );
    assert!(error.is_aborted());
    assert_eq!(servers.lock().aborts.len(), 1);
}

#[tokio::test]
async fn unreachable_storage_is_retried_then_reported_without_the_signed_url() {
    // A port that was just free: nothing listens there.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = closed.local_addr().unwrap();
    drop(closed);
    let servers = start(|r| r.storage_override = Some(format!("http://{address}"))).await;

    let error = servers
        .client
        .upload_clip(&request(), UploadSource::bytes(content(MIB)), &options())
        .await
        .unwrap_err();

    assert_eq!((error.step(), error.part()), (UploadStep::Put, Some(1)));
    let cause = error.error().unwrap();
    assert_eq!(cause.kind(), ErrorKind::Connect);
    assert_eq!(cause.attempts(), 4);
    assert!(error.is_aborted());
    for shown in [error.to_string(), format!("{error:?}")] {
        assert!(!shown.contains("sig1") && !shown.contains(KEY), "{shown}");
    }
}

#[tokio::test]
async fn a_part_stored_without_an_etag_fails_and_aborts() {
    let servers = start(|r| {
        r.answers.insert(part_target(1), vec![Answer::NoEtag]);
    })
    .await;

    let error = servers
        .client
        .upload_clip(&request(), UploadSource::bytes(content(MIB)), &options())
        .await
        .unwrap_err();

    assert_eq!((error.step(), error.part()), (UploadStep::Put, Some(1)));
    assert_eq!(error.error().unwrap().kind(), ErrorKind::Decode);
    assert!(error.is_aborted());
}

#[tokio::test]
async fn a_failed_init_has_nothing_to_abort() {
    let servers = start(|r| r.init_error = Some(403)).await;

    let error = servers
        .client
        .upload_clip(&request(), UploadSource::bytes(content(MIB)), &options())
        .await
        .unwrap_err();

    assert_eq!((error.step(), error.part()), (UploadStep::Start, None));
    assert_eq!(error.error().unwrap().kind(), ErrorKind::Api);
    assert!(matches!(error.abort(), AbortOutcome::NotStarted));
    let record = servers.lock();
    assert!(record.aborts.is_empty() && record.puts.is_empty());
}

#[tokio::test]
async fn a_refused_completion_aborts() {
    let servers = start(|r| r.complete_error = Some(400)).await;

    let error = servers
        .client
        .upload_clip(&request(), UploadSource::bytes(content(MIB)), &options())
        .await
        .unwrap_err();

    assert_eq!((error.step(), error.part()), (UploadStep::Complete, None));
    assert_eq!(
        error.error().unwrap().status(),
        Some(StatusCode::BAD_REQUEST)
    );
    assert!(error.is_aborted());
}

#[tokio::test]
async fn a_presign_answer_without_a_part_names_that_part() {
    let servers = start(|r| r.presign_omits = vec![2]).await;

    let error = servers
        .client
        .upload_clip(
            &request(),
            UploadSource::bytes(content(11 * MIB)),
            &options(),
        )
        .await
        .unwrap_err();

    assert_eq!((error.step(), error.part()), (UploadStep::Presign, Some(2)));
    assert!(error.is_aborted());
    assert!(servers.lock().completes.is_empty());
}

#[tokio::test]
async fn a_reader_ending_early_fails_reading_that_part_and_aborts() {
    let servers = start(|_| {}).await;
    let short = std::io::Cursor::new(content(7 * MIB));

    let error = servers
        .client
        .upload_clip(
            &request(),
            UploadSource::reader(short, 11 * MIB),
            &options(),
        )
        .await
        .unwrap_err();

    assert_eq!((error.step(), error.part()), (UploadStep::Read, Some(2)));
    assert_eq!(
        error.io_error().unwrap().kind(),
        std::io::ErrorKind::UnexpectedEof
    );
    assert!(error.is_aborted());
}

#[tokio::test]
async fn a_reader_longer_than_its_length_fails_and_aborts() {
    let servers = start(|_| {}).await;
    let long = std::io::Cursor::new(content(6 * MIB + 1));

    let error = servers
        .client
        .upload_clip(&request(), UploadSource::reader(long, 6 * MIB), &options())
        .await
        .unwrap_err();

    assert_eq!((error.step(), error.part()), (UploadStep::Read, Some(2)));
    assert!(error.is_aborted());
    assert!(servers.lock().completes.is_empty());
}

#[tokio::test]
async fn a_part_size_below_five_mib_is_refused_before_anything_is_sent() {
    let servers = start(|_| {}).await;

    let error = servers
        .client
        .upload_clip(
            &request(),
            UploadSource::bytes(content(MIB)),
            &options().part_size(5 * MIB - 1),
        )
        .await
        .unwrap_err();

    assert_eq!(error.step(), UploadStep::Plan);
    assert_eq!(error.error().unwrap().kind(), ErrorKind::InvalidArgument);
    assert!(servers.lock().inits.is_empty());
}

#[tokio::test]
async fn progress_counts_bytes_and_parts_up_to_the_total() {
    let servers = start(|_| {}).await;
    let seen: Arc<Mutex<Vec<UploadProgress>>> = Arc::default();
    let sink = seen.clone();
    let options = options().on_progress(move |p| sink.lock().unwrap().push(p));

    servers
        .client
        .upload_clip(&request(), UploadSource::bytes(content(12 * MIB)), &options)
        .await
        .unwrap();

    let seen = seen.lock().unwrap();
    let counts: Vec<(u64, u32)> = seen.iter().map(|p| (p.bytes_done, p.parts_done)).collect();
    assert_eq!(counts.len(), 4, "the start and one per part: {counts:?}");
    assert_eq!(counts[0], (0, 0));
    assert_eq!(counts[3], (12 * MIB, 3));
    assert!(
        counts
            .windows(2)
            .all(|w| w[0].0 < w[1].0 && w[0].1 + 1 == w[1].1)
    );
    assert!(
        seen.iter()
            .all(|p| p.bytes_total == 12 * MIB && p.parts_total == 3)
    );
}

#[tokio::test]
async fn parts_go_up_concurrently_but_never_more_than_the_limit() {
    // Parts 1 and 2 are only answered once both have arrived: a sequential upload would
    // never get past part 1.
    let servers = start(|r| {
        r.barrier = Some(Arc::new(tokio::sync::Barrier::new(2)));
        r.barrier_parts = vec![1, 2];
    })
    .await;

    let (request, options) = (request(), options().concurrency(2));
    let upload =
        servers
            .client
            .upload_clip(&request, UploadSource::bytes(content(30 * MIB)), &options);
    // A safety net against a hang, not a measure.
    tokio::time::timeout(std::time::Duration::from_secs(120), upload)
        .await
        .expect("parts 1 and 2 were in flight together")
        .unwrap();

    assert_eq!(servers.lock().max_in_flight, 2);
    assert_eq!(completed_parts(&servers).len(), 6);
}

#[tokio::test]
async fn an_upload_left_open_resumes_sending_only_the_missing_parts() {
    let servers = start(|r| {
        r.keep_bytes = true;
        r.answers.insert(part_target(3), vec![Answer::Status(403)]);
    })
    .await;
    let video = content(17 * MIB);
    let saved: Arc<Mutex<Option<String>>> = Arc::default();
    let sink = saved.clone();
    let first = options()
        .concurrency(1)
        .abort_on_failure(false)
        .on_checkpoint(move |state| {
            *sink.lock().unwrap() = Some(serde_json::to_string(state).unwrap());
        });

    let error = servers
        .client
        .upload_clip(&request(), UploadSource::bytes(video.clone()), &first)
        .await
        .unwrap_err();

    assert_eq!((error.step(), error.part()), (UploadStep::Put, Some(3)));
    assert!(matches!(error.abort(), AbortOutcome::LeftOpen));
    let state = error.state().unwrap().clone();
    let done: Vec<u32> = state.parts.iter().map(|p| p.part_number).collect();
    assert_eq!(done, vec![1, 2]);
    let checkpoint: ClipUploadState =
        serde_json::from_str(saved.lock().unwrap().as_deref().unwrap()).unwrap();
    assert_eq!(checkpoint, state, "the last checkpoint is the state");
    assert!(servers.lock().aborts.is_empty());
    let puts_before = servers.part_puts().len();

    servers
        .client
        .resume_clip_upload(checkpoint, UploadSource::bytes(video.clone()), &options())
        .await
        .unwrap();

    let mut resent = servers.part_puts()[puts_before..].to_vec();
    resent.sort();
    assert_eq!(resent, [3, 4]);
    assert_eq!(servers.lock().presigns.last().unwrap(), &vec![3, 4]);
    assert_eq!(
        completed_parts(&servers),
        (1..=4)
            .map(|n| (n, etag_for(&part_target(n as u32))))
            .collect::<Vec<_>>()
    );
    assert_eq!(servers.joined_parts(), video);
}

#[tokio::test]
async fn an_upload_dropped_mid_way_resumes_from_its_last_checkpoint() {
    // The "crash": part 3's PUT never gets an answer, and the upload's future is dropped
    // while it hangs.
    let servers = start(|r| {
        r.keep_bytes = true;
        r.answers.insert(part_target(3), vec![Answer::Hang]);
    })
    .await;
    let hung = servers.lock().hung.clone();
    let video = content(22 * MIB);
    let saved: Arc<Mutex<Option<Value>>> = Arc::default();
    let sink = saved.clone();
    let first = options().concurrency(1).on_checkpoint(move |state| {
        *sink.lock().unwrap() = Some(serde_json::to_value(state).unwrap());
    });

    let request = request();
    tokio::select! {
        result = servers.client.upload_clip(&request, UploadSource::bytes(video.clone()), &first) => {
            panic!("the upload cannot finish while part 3 hangs: {result:?}")
        }
        () = hung.notified() => {}
    }

    let state: ClipUploadState =
        serde_json::from_value(saved.lock().unwrap().clone().unwrap()).unwrap();
    assert_eq!(state.parts.len(), 2);
    assert!(
        servers.lock().aborts.is_empty(),
        "a dropped upload is not aborted"
    );
    let puts_before = servers.part_puts().len();
    let reader = std::io::Cursor::new(video.clone());

    servers
        .client
        .resume_clip_upload(state, UploadSource::reader(reader, 22 * MIB), &options())
        .await
        .unwrap();

    let mut resent = servers.part_puts()[puts_before..].to_vec();
    resent.sort();
    assert_eq!(resent, [3, 4, 5]);
    assert_eq!(completed_parts(&servers).len(), 5);
    assert_eq!(servers.joined_parts(), video);
}

#[tokio::test]
async fn resuming_with_a_source_of_another_length_sends_nothing() {
    let servers = start(|_| {}).await;
    let state: ClipUploadState = serde_json::from_value(json!({
        "upload": {"clipId": "clip_1", "uploadId": "up_1", "key": "uploads/clip_1.mp4"},
        "fileSize": 11 * MIB, "partSize": 5 * MIB, "parts": []
    }))
    .unwrap();

    let error = servers
        .client
        .resume_clip_upload(
            state,
            UploadSource::bytes(content(11 * MIB - 1)),
            &options(),
        )
        .await
        .unwrap_err();

    assert_eq!(error.step(), UploadStep::Plan);
    assert!(matches!(error.abort(), AbortOutcome::NotStarted));
    let record = servers.lock();
    assert!(record.presigns.is_empty() && record.puts.is_empty() && record.aborts.is_empty());
}

#[tokio::test]
async fn a_kb_document_is_put_with_its_type_and_completed_with_its_key() {
    let servers = start(|r| r.keep_bytes = true).await;
    let pdf = b"%PDF-1.7 a small document".to_vec();
    let request = StartKbDocumentUploadRequest::builder()
        .filename("pricing.pdf")
        .mime_type("application/pdf")
        .build();

    let started = servers
        .client
        .upload_kb_document(
            "kb_1",
            &request,
            UploadSource::bytes(pdf.clone()),
            &options(),
        )
        .await
        .unwrap();

    assert_eq!(started.key.as_deref(), Some("kb/doc"));
    let record = servers.lock();
    assert_eq!(
        record.kb_starts,
        vec![(
            "kb_1".to_owned(),
            json!({"filename": "pricing.pdf", "mimeType": "application/pdf"})
        )]
    );
    assert_eq!(
        record.puts[0].content_type.as_deref(),
        Some("application/pdf")
    );
    assert_eq!(record.stored["kb/doc"], pdf);
    assert_eq!(
        record.kb_completes,
        vec![("kb_1".to_owned(), json!({"key": "kb/doc"}))]
    );
    drop(record);
    assert_storage_never_saw_the_key(&servers);
}

#[tokio::test]
async fn a_kb_document_refused_by_storage_fails_at_the_put_and_is_not_completed() {
    let servers = start(|r| {
        r.answers.insert("kb/doc".into(), vec![Answer::Status(403)]);
    })
    .await;
    let request = StartKbDocumentUploadRequest::builder()
        .filename("notes.txt")
        .mime_type("text/plain")
        .build();

    let error = servers
        .client
        .upload_kb_document(
            "kb_1",
            &request,
            UploadSource::bytes(b"notes".to_vec()),
            &options(),
        )
        .await
        .unwrap_err();

    assert_eq!(error.step(), UploadStep::Put);
    assert_eq!(error.error().unwrap().status(), Some(StatusCode::FORBIDDEN));
    assert!(servers.lock().kb_completes.is_empty());
}

#[tokio::test]
async fn a_small_media_file_goes_through_the_multipart_upload() {
    let servers = start(|_| {}).await;
    let png = vec![0x89, b'P', b'N', b'G', 1, 2, 3];

    let stored = servers
        .client
        .upload_post_media(
            UploadSource::bytes(png.clone()).with_file_name("cover.png"),
            "image/png",
            MediaRoute::Auto,
            &options(),
        )
        .await
        .unwrap();

    assert_eq!(stored.route, MediaRoute::Multipart);
    assert_eq!(stored.url, "https://cdn.example/u/cover.png");
    let record = servers.lock();
    let (content_type, body) = &record.media_uploads[0];
    assert!(content_type.starts_with("multipart/form-data; boundary="));
    let text = String::from_utf8_lossy(body);
    assert!(text.contains("name=\"file\"; filename=\"cover.png\"\r\nContent-Type: image/png"));
    assert!(body.windows(png.len()).any(|w| w == png.as_slice()));
    assert!(record.puts.is_empty());
}

#[tokio::test]
async fn a_media_file_through_the_presigned_route_is_put_to_storage() {
    let servers = start(|r| r.keep_bytes = true).await;
    let png = vec![0x89, b'P', b'N', b'G', 9];

    let stored = servers
        .client
        .upload_post_media(
            UploadSource::bytes(png.clone()).with_file_name("cover.png"),
            "image/png",
            MediaRoute::Presigned,
            &options(),
        )
        .await
        .unwrap();

    assert_eq!(stored.route, MediaRoute::Presigned);
    assert_eq!(stored.url, "https://cdn.example/media/cover.png");
    let record = servers.lock();
    assert_eq!(
        record.media_presigns,
        vec![json!({"fileName": "cover.png", "contentType": "image/png", "fileSize": 5})]
    );
    assert_eq!(record.stored["media/cover.png"], png);
    assert_eq!(record.puts[0].content_type.as_deref(), Some("image/png"));
    drop(record);
    assert_storage_never_saw_the_key(&servers);
}
