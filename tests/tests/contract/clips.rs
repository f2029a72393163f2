//! Clips.
//!
//! One test per operation of the area against its documented example, with its
//! neighbours; long because the area has eleven operations.

use autoposting_client::clips::{
    ClipCreditCheckRequest, ClipStatus, ClipUpload, CompleteClipUploadRequest, ImportClipRequest,
    InitClipUploadRequest, PresignClipUploadRequest, RenderClipRequest, RenderJobStatus,
    TranscriptionStatus, UploadedPart,
};
use autoposting_client::prelude::*;
use serde_json::{Value, json};

use crate::harness::{assert_covers, check, check_unit, entry, request_example, serve};

/// The clip shown on the reference page of `GET /clips/{clipId}`
/// (https://docs.autoposting.ai/api-reference/clips/get-a-clip); the catalogue does not
/// carry it as a `response_example`.
fn reference_clip() -> Value {
    json!({
        "id": "clip_01HXYZ",
        "brandSlug": "acme-corp",
        "fileName": "my-podcast.mp4",
        "status": "ready",
        "duration": 3600,
        "fileSize": 524288000,
        "transcription": {"status": "completed"},
        "candidates": [
            {"id": "cand_01", "startMs": 120000, "endMs": 180000, "title": "Key insight on growth", "score": 92}
        ],
        "createdAt": "2024-01-01T00:00:00Z"
    })
}

/// A clip as the SDK types it: `{id, name, status, duration?, url?, renderedUrl?,
/// editRevision?, createdAt, updatedAt}`.
fn sdk_clip(id: &str, status: &str) -> Value {
    json!({
        "id": id,
        "name": "launch-teaser.mp4",
        "status": status,
        "duration": 30.5,
        "url": "https://cdn.example.com/clip-1.mp4",
        "renderedUrl": "https://cdn.example.com/clip-1-rendered.mp4",
        "editRevision": 7,
        "createdAt": "2024-01-01T00:00:00Z",
        "updatedAt": "2024-01-02T08:30:00Z"
    })
}

fn upload() -> ClipUpload {
    ClipUpload::new("clip-up-1", "upload-1", "clips/org-1/clip-up-1/clip.mp4")
}

#[tokio::test]
async fn get_clip_decodes_the_reference_clip() {
    let (server, client) = serve(json!({"success": true, "data": reference_clip()})).await;
    let clip = client.get_clip("clip_01HXYZ").await.unwrap();

    assert_eq!(clip.id, "clip_01HXYZ");
    assert_eq!(clip.brand_slug.as_deref(), Some("acme-corp"));
    assert_eq!(clip.file_name.as_deref(), Some("my-podcast.mp4"));
    assert_eq!(clip.status, ClipStatus::Ready);
    assert_eq!(clip.duration, Some(3600.0));
    assert_eq!(clip.file_size, Some(524_288_000));
    assert_eq!(
        clip.transcription.as_ref().map(|t| &t.status),
        Some(&TranscriptionStatus::Completed)
    );
    let candidates = clip.candidates.as_deref().unwrap();
    assert_eq!(candidates.len(), 1);
    assert_eq!(candidates[0].id, "cand_01");
    assert_eq!(
        (candidates[0].start_ms, candidates[0].end_ms),
        (120_000, 180_000)
    );
    assert_eq!(
        candidates[0].title.as_deref(),
        Some("Key insight on growth")
    );
    assert_eq!(candidates[0].score, Some(92.0));
    assert_eq!(clip.created_at.to_rfc3339(), "2024-01-01T00:00:00+00:00");
    assert_eq!(clip.updated_at, None);
    // Nothing documented is dropped.
    assert_covers(
        &reference_clip(),
        &serde_json::to_value(&clip).unwrap(),
        "data",
    );

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].method.as_str(), "GET");
    assert_eq!(requests[0].url.path(), "/clips/clip_01HXYZ");
}

#[tokio::test]
async fn get_clip_decodes_the_sdk_clip() {
    let (_server, client) =
        serve(json!({"success": true, "data": sdk_clip("clip-1", "rendered")})).await;
    let clip = client.get_clip("clip-1").await.unwrap();

    assert_eq!(clip.name.as_deref(), Some("launch-teaser.mp4"));
    assert_eq!(clip.status, ClipStatus::Rendered);
    assert_eq!(clip.duration, Some(30.5));
    assert_eq!(
        clip.url.as_deref(),
        Some("https://cdn.example.com/clip-1.mp4")
    );
    assert_eq!(
        clip.rendered_url.as_deref(),
        Some("https://cdn.example.com/clip-1-rendered.mp4")
    );
    assert_eq!(clip.edit_revision, Some(7));
    assert_eq!(
        clip.updated_at.map(|t| t.to_rfc3339()).as_deref(),
        Some("2024-01-02T08:30:00+00:00")
    );
    assert_eq!(clip.candidates, None);
    assert_eq!(clip.transcription, None);
    assert_covers(
        &sdk_clip("clip-1", "rendered"),
        &serde_json::to_value(&clip).unwrap(),
        "data",
    );
}

#[tokio::test]
async fn get_clip_keeps_candidate_scores_and_unknown_statuses() {
    let mut body = reference_clip();
    body["status"] = json!("archived");
    body["transcription"]["status"] = json!("queued");
    body["candidates"][0]["hook"] = json!(88);
    body["candidates"][0]["retention"] = json!(71.5);
    body["candidates"][0]["clarity"] = json!(90);
    body["candidates"][0]["visual"] = json!(64);
    let (_server, client) = serve(json!({"success": true, "data": body})).await;
    let clip = client.get_clip("clip_01HXYZ").await.unwrap();

    assert_eq!(clip.status, ClipStatus::Other("archived".into()));
    assert_eq!(
        clip.transcription.map(|t| t.status),
        Some(TranscriptionStatus::Other("queued".into()))
    );
    let candidate = &clip.candidates.unwrap()[0];
    assert_eq!(
        (
            candidate.hook,
            candidate.retention,
            candidate.clarity,
            candidate.visual
        ),
        (Some(88.0), Some(71.5), Some(90.0), Some(64.0))
    );
}

#[tokio::test]
async fn list_clips_decodes_the_sdk_pagination_shape() {
    let data = json!({
        "clips": [sdk_clip("clip-1", "ready"), sdk_clip("clip-2", "rendering"), sdk_clip("clip-3", "archived")],
        "pagination": {"page": 2, "limit": 3, "total": 9, "totalPages": 3}
    });
    let (server, client) = serve(json!({"success": true, "data": data.clone()})).await;
    let list = client.list_clips(Some(2), Some(3)).await.unwrap();

    assert_eq!(
        (list.page, list.limit, list.total, list.total_pages),
        (Some(2), Some(3), Some(9), Some(3))
    );
    let statuses: Vec<&ClipStatus> = list.iter().map(|c| &c.status).collect();
    assert_eq!(
        statuses,
        [
            &ClipStatus::Ready,
            &ClipStatus::Rendering,
            &ClipStatus::Other("archived".into())
        ]
    );
    // Re-encoded in the shape received, nothing dropped.
    assert_covers(&data, &serde_json::to_value(&list).unwrap(), "data");

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.path(), "/clips");
    assert_eq!(requests[0].url.query(), Some("page=2&limit=3"));
}

#[tokio::test]
async fn list_clips_decodes_the_reference_plural_shape_and_a_bare_array() {
    let data = json!({"clips": [reference_clip()], "total": 1});
    let (server, client) = serve(json!({"success": true, "data": data})).await;
    let list = client.list_clips(None, None).await.unwrap();
    assert_eq!(list.total, Some(1));
    assert_eq!(list.page, None);
    assert_eq!(list.items[0].id, "clip_01HXYZ");
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.query(), None);

    let (_server, client) =
        serve(json!({"success": true, "data": [sdk_clip("clip-9", "uploading")]})).await;
    let list = client.list_clips(None, Some(50)).await.unwrap();
    assert_eq!(list.items[0].status, ClipStatus::Uploading);
    assert_eq!(list.total, None);
}

#[tokio::test]
async fn import_clip_from_url_sends_the_documented_request() {
    let (server, client) = serve(json!({"success": true, "data": {"clipId": "clip-1"}})).await;
    let documented = ImportClipRequest::builder()
        .url("https://example.com/episode-42.mp4")
        .brand_slug("brand_slug")
        .title("Episode 42")
        .build();
    let imported = client.import_clip_from_url(&documented).await.unwrap();
    assert_eq!(imported.clip_id, "clip-1");

    let sdk = ImportClipRequest::builder()
        .url("https://example.com/video.mp4")
        .brand_id("brand-1")
        .title("my-clip")
        .build();
    client.import_clip_from_url(&sdk).await.unwrap();
    client
        .import_clip_from_url(
            &ImportClipRequest::builder()
                .url("https://example.com/a.mp4")
                .build(),
        )
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].method.as_str(), "POST");
    assert_eq!(requests[0].url.path(), "/clips/import-url");
    assert_eq!(
        requests[0].body_json::<Value>().unwrap(),
        request_example("POST", "/clips/import-url")
    );
    assert_eq!(
        requests[1].body_json::<Value>().unwrap(),
        json!({"url": "https://example.com/video.mp4", "brandId": "brand-1", "title": "my-clip"})
    );
    assert_eq!(
        requests[2].body_json::<Value>().unwrap(),
        json!({"url": "https://example.com/a.mp4"})
    );
}

#[tokio::test]
async fn init_clip_upload_sends_the_file_description_and_decodes_the_upload() {
    let data = json!({"clipId": "clip-up-1", "uploadId": "upload-1", "key": "clips/org-1/clip-up-1/clip.mp4"});
    let (server, client) = serve(json!({"success": true, "data": data})).await;
    let request = InitClipUploadRequest::builder()
        .brand_id("brand-1")
        .file_name("my-video.mp4")
        .file_size(1024)
        .mime_type("video/mp4")
        .title("Launch teaser")
        .build();
    let started = client.init_clip_upload(&request).await.unwrap();
    assert_eq!(started, upload());
    client
        .init_clip_upload(
            &InitClipUploadRequest::builder()
                .brand_id("brand-1")
                .file_name("demo.mov")
                .file_size(11 * 1024 * 1024)
                .mime_type("video/quicktime")
                .build(),
        )
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.path(), "/clips/upload/init");
    assert_eq!(
        requests[0].body_json::<Value>().unwrap(),
        json!({
            "brandId": "brand-1",
            "title": "Launch teaser",
            "fileName": "my-video.mp4",
            "fileSize": 1024,
            "mimeType": "video/mp4"
        })
    );
    assert_eq!(
        requests[1].body_json::<Value>().unwrap(),
        json!({"brandId": "brand-1", "fileName": "demo.mov", "fileSize": 11_534_336, "mimeType": "video/quicktime"})
    );
}

#[tokio::test]
async fn presign_clip_upload_parts_sends_the_part_numbers_and_decodes_the_urls() {
    let data = json!({"presignedUrls": [
        {"partNumber": 1, "url": "https://r2.example.test/upload?part=1"},
        {"partNumber": 2, "url": "https://r2.example.test/upload?part=2"}
    ]});
    let (server, client) = serve(json!({"success": true, "data": data})).await;
    let urls = client
        .presign_clip_upload_parts(&PresignClipUploadRequest::new(&upload(), vec![1, 2]))
        .await
        .unwrap();

    assert_eq!(urls.presigned_urls.len(), 2);
    assert_eq!(
        urls.url_for(2),
        Some("https://r2.example.test/upload?part=2")
    );
    assert_eq!(urls.url_for(3), None);

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.path(), "/clips/upload/presign");
    assert_eq!(
        requests[0].body_json::<Value>().unwrap(),
        json!({
            "clipId": "clip-up-1",
            "uploadId": "upload-1",
            "key": "clips/org-1/clip-up-1/clip.mp4",
            "partNumbers": [1, 2]
        })
    );
}

#[tokio::test]
async fn complete_clip_upload_sends_etags_verbatim_and_decodes_the_status() {
    let (server, client) =
        serve(json!({"success": true, "data": {"clipId": "clip-up-1", "status": "processing"}}))
            .await;
    let parts = vec![
        UploadedPart::new(1, "\"etag-1\""),
        UploadedPart::new(2, "\"etag-2\""),
    ];
    let done = client
        .complete_clip_upload(&CompleteClipUploadRequest::new(&upload(), parts))
        .await
        .unwrap();
    assert_eq!(done.clip_id, "clip-up-1");
    assert_eq!(done.status, ClipStatus::Processing);

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.path(), "/clips/upload/complete");
    assert_eq!(
        requests[0].body_json::<Value>().unwrap(),
        json!({
            "clipId": "clip-up-1",
            "uploadId": "upload-1",
            "key": "clips/org-1/clip-up-1/clip.mp4",
            "parts": [
                {"partNumber": 1, "etag": "\"etag-1\""},
                {"partNumber": 2, "etag": "\"etag-2\""}
            ]
        })
    );
}

#[tokio::test]
async fn abort_clip_upload_sends_the_upload_and_accepts_the_sdk_answer() {
    let (server, client) = serve(json!({"success": true, "data": {"aborted": true}})).await;
    client.abort_clip_upload(&upload()).await.unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].method.as_str(), "POST");
    assert_eq!(requests[0].url.path(), "/clips/upload/abort");
    assert_eq!(
        requests[0].body_json::<Value>().unwrap(),
        json!({"clipId": "clip-up-1", "uploadId": "upload-1", "key": "clips/org-1/clip-up-1/clip.mp4"})
    );
}

#[tokio::test]
async fn check_clip_credits() {
    check("POST", "/clips/billing/check", |c| async move {
        c.check_clip_credits(&ClipCreditCheckRequest::new("clip_01HXYZ", "cand_01"))
            .await
    })
    .await;
}

#[tokio::test]
async fn check_clip_credits_sends_the_documented_request_and_keeps_any_answer() {
    let (server, client) =
        serve(json!({"success": true, "data": {"allowed": true, "requiredCredits": 12}})).await;
    let check = client
        .check_clip_credits(&ClipCreditCheckRequest::new("clip_01HXYZ", "cand_01"))
        .await
        .unwrap();
    assert_eq!(check.details.get("allowed"), Some(&json!(true)));
    assert_eq!(check.details.get("requiredCredits"), Some(&json!(12)));

    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        requests[0].body_json::<Value>().unwrap(),
        request_example("POST", "/clips/billing/check")
    );
}

#[tokio::test]
async fn render_clip() {
    check("POST", "/clips/{clipId}/render", |c| async move {
        let request = RenderClipRequest::builder()
            .candidate_id("cand_01")
            .template("default")
            .captions(true)
            .build();
        c.render_clip("clip_01HXYZ", &request).await
    })
    .await;
}

#[tokio::test]
async fn render_clip_sends_the_documented_request_and_only_what_is_set() {
    let documented = entry("POST", "/clips/{clipId}/render")
        .response_example
        .clone()
        .unwrap();
    let (server, client) = serve(documented).await;
    let request = RenderClipRequest::builder()
        .candidate_id("cand_01")
        .template("default")
        .captions(true)
        .build();
    let render = client.render_clip("clip_01HXYZ", &request).await.unwrap();
    assert_eq!(render.job_id.as_deref(), Some("job_01HXYZ"));
    assert_eq!(render.status, Some(RenderJobStatus::Queued));
    assert_eq!(render.estimated_duration_sec, Some(120.0));
    assert_eq!(render.all_job_ids(), ["job_01HXYZ"]);
    client
        .render_clip(
            "clip_01HXYZ",
            &RenderClipRequest::builder().candidate_id("cand_02").build(),
        )
        .await
        .unwrap();
    client
        .render_clip(
            "clip_01HXYZ",
            &RenderClipRequest::builder()
                .candidate_id("cand_03")
                .edit_revision(7)
                .build(),
        )
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.path(), "/clips/clip_01HXYZ/render");
    assert_eq!(
        requests[0].body_json::<Value>().unwrap(),
        request_example("POST", "/clips/{clipId}/render")
    );
    assert_eq!(
        requests[1].body_json::<Value>().unwrap(),
        json!({"candidateId": "cand_02"})
    );
    assert_eq!(
        requests[2].body_json::<Value>().unwrap(),
        json!({"candidateId": "cand_03", "editRevision": 7})
    );
}

#[tokio::test]
async fn render_clip_decodes_the_sdk_job_lists() {
    let data = json!({"jobIds": ["job-1", "job-2"], "activeJobIds": ["job-1"], "reusedJobIds": []});
    let (_server, client) = serve(json!({"success": true, "data": data.clone()})).await;
    let render = client
        .render_clip(
            "clip-1",
            &RenderClipRequest::builder().candidate_id("cand-1").build(),
        )
        .await
        .unwrap();

    assert_eq!(render.job_id, None);
    assert_eq!(render.status, None);
    assert_eq!(render.active_job_ids, Some(vec!["job-1".to_owned()]));
    assert_eq!(render.reused_job_ids, Some(vec![]));
    assert_eq!(render.all_job_ids(), ["job-1", "job-2"]);
    assert_covers(&data, &serde_json::to_value(&render).unwrap(), "data");
}

#[tokio::test]
async fn list_clip_jobs_decodes_jobs_in_every_spelling() {
    let data = json!([
        {"jobId": "job_01", "status": "queued", "estimatedDurationSec": 120},
        {"id": "job_02", "status": "processing"},
        {"jobId": "job_03", "status": "rendered"},
        {"jobId": "job_04", "status": "cancelled"}
    ]);
    let (server, client) = serve(json!({"success": true, "data": data})).await;
    let jobs = client.list_clip_jobs("clip_01HXYZ").await.unwrap();

    let seen: Vec<(&str, &RenderJobStatus)> = jobs
        .iter()
        .map(|job| (job.job_id.as_str(), &job.status))
        .collect();
    assert_eq!(
        seen,
        [
            ("job_01", &RenderJobStatus::Queued),
            ("job_02", &RenderJobStatus::Rendering),
            ("job_03", &RenderJobStatus::Completed),
            ("job_04", &RenderJobStatus::Other("cancelled".into())),
        ]
    );
    assert_eq!(jobs.items[0].estimated_duration_sec, Some(120.0));
    assert_eq!(jobs.items[1].estimated_duration_sec, None);

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].method.as_str(), "GET");
    assert_eq!(requests[0].url.path(), "/clips/clip_01HXYZ/jobs");

    let wrapped = json!({"jobs": [{"jobId": "job_05", "status": "failed"}], "total": 1});
    let (_server, client) = serve(json!({"success": true, "data": wrapped})).await;
    let jobs = client.list_clip_jobs("clip_01HXYZ").await.unwrap();
    assert_eq!(jobs.total, Some(1));
    assert_eq!(jobs.items[0].status, RenderJobStatus::Failed);
}

#[tokio::test]
async fn delete_clip() {
    check_unit("DELETE", "/clips/{clipId}", |c| async move {
        c.delete_clip("clip_01HXYZ").await
    })
    .await;
}

#[tokio::test]
async fn delete_clip_accepts_the_sdk_answer() {
    let (server, client) = serve(json!({"success": true, "data": {"deleted": true}})).await;
    client.delete_clip("clip-1").await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].method.as_str(), "DELETE");
    assert_eq!(requests[0].url.path(), "/clips/clip-1");
}

#[tokio::test]
async fn import_clip_from_url_sends_the_sdks_url_and_name() {
    let (server, client) = serve(json!({"success": true, "data": {"clipId": "clip-2"}})).await;
    let request = ImportClipRequest::builder()
        .url("https://example.com/talk.mp4")
        .name("Conference talk")
        .build();
    let imported = client.import_clip_from_url(&request).await.unwrap();
    assert_eq!(imported.clip_id, "clip-2");
    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        requests[0].body_json::<Value>().unwrap(),
        json!({"url": "https://example.com/talk.mp4", "name": "Conference talk"})
    );
}

#[test]
fn every_clips_request_type_sends_every_documented_field() {
    use crate::agents::assert_sends_every_documented_field as sends_all;
    sends_all(
        "POST",
        "/clips/import-url",
        &ImportClipRequest::builder()
            .url("u")
            .brand_slug("b")
            .title("t")
            .build(),
    );
    sends_all(
        "POST",
        "/clips/upload/init",
        &InitClipUploadRequest::builder()
            .brand_id("b")
            .title("t")
            .file_name("f.mp4")
            .file_size(u64::MAX)
            .mime_type("video/mp4")
            .build(),
    );
    sends_all(
        "POST",
        "/clips/upload/presign",
        &PresignClipUploadRequest::new(&upload(), vec![1, 10_000]),
    );
    sends_all(
        "POST",
        "/clips/upload/complete",
        &CompleteClipUploadRequest::builder()
            .upload(upload())
            .parts(vec![UploadedPart::new(1, "\"e\"")])
            .build(),
    );
    sends_all("POST", "/clips/upload/abort", &upload());
    sends_all(
        "POST",
        "/clips/{clipId}/render",
        &RenderClipRequest::builder()
            .candidate_id("c")
            .template("t")
            .captions(false)
            .edit_revision(0)
            .build(),
    );
    sends_all(
        "POST",
        "/clips/billing/check",
        &ClipCreditCheckRequest::new("clip", "cand"),
    );
}

#[test]
fn render_job_keeps_job_id_or_id() {
    use autoposting_client::clips::RenderJob;
    for body in [
        json!({"jobId": "job-1", "status": "queued"}),
        json!({"id": "job-1", "status": "queued", "estimatedDurationSec": 0}),
    ] {
        let job: RenderJob = serde_json::from_value(body.clone()).unwrap();
        assert_eq!(job.job_id, "job-1");
        assert_eq!(serde_json::to_value(&job).unwrap(), body);
    }
    let both: RenderJob =
        serde_json::from_str(r#"{"jobId": "job-1", "id": "job-9", "status": "failed"}"#).unwrap();
    assert_eq!(both.job_id, "job-1");
    assert_eq!(
        serde_json::to_value(&both).unwrap(),
        json!({"jobId": "job-1", "status": "failed"})
    );
}

#[test]
fn clip_numbers_hold_their_edges() {
    let mut body = reference_clip();
    body["duration"] = json!(0.04);
    body["fileSize"] = json!(u64::MAX);
    body["candidates"][0]["score"] = json!(0.925);
    body["candidates"][0]["startMs"] = json!(0);
    let clip: autoposting_client::clips::Clip = serde_json::from_value(body).unwrap();
    assert_eq!(clip.duration, Some(0.04));
    assert_eq!(clip.file_size, Some(u64::MAX));
    let candidate = &clip.candidates.as_ref().unwrap()[0];
    assert_eq!((candidate.score, candidate.start_ms), (Some(0.925), 0));
}

#[test]
fn render_estimates_may_be_fractional_and_encode_back_as_received() {
    use autoposting_client::clips::{ClipRender, RenderJob};
    for estimate in [json!(120), json!(45.5), json!(0)] {
        let body = json!({"jobId": "job-1", "status": "queued", "estimatedDurationSec": estimate});
        let render: ClipRender = serde_json::from_value(body.clone()).unwrap();
        assert_eq!(render.estimated_duration_sec, estimate.as_f64());
        assert_eq!(serde_json::to_value(&render).unwrap(), body);
        let job: RenderJob = serde_json::from_value(body.clone()).unwrap();
        assert_eq!(serde_json::to_value(&job).unwrap(), body);
    }
}
