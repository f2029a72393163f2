//! Uploads a video as a clip with a progress bar, resumable after a crash.
//!
//! ```text
//! AUTOPOSTING_API_KEY=sk-social-... \
//!   cargo run -p autoposting-client --example upload_clip -- BRAND_ID video.mp4 [STATE_FILE]
//! ```
//!
//! Parts go up 4 at a time, 16 MiB each. With a `STATE_FILE`, the upload's state is saved
//! there after every part; if the program is stopped, running it again with the same
//! arguments resumes the upload, sending only the parts still missing. The file is removed
//! once the clip is uploaded.

mod support;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use autoposting_client::Client;
use autoposting_client::clips::InitClipUploadRequest;
use autoposting_client::upload::{ClipUploadState, UploadOptions, UploadSource};
use indicatif::{ProgressBar, ProgressStyle};

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [brand, video, rest @ ..] = args.as_slice() else {
        eprintln!("usage: upload_clip BRAND_ID VIDEO_FILE [STATE_FILE]");
        return ExitCode::FAILURE;
    };
    let state_file = rest.first().map(PathBuf::from);
    support::exit(run(brand, Path::new(video), state_file).await)
}

async fn run(
    brand: &str,
    video: &Path,
    state_file: Option<PathBuf>,
) -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::from_env()?;
    let source = UploadSource::file(video).await?;
    let file_name = source.file_name().unwrap_or("video.mp4").to_owned();

    let bar = ProgressBar::new(source.len()).with_style(
        ProgressStyle::with_template(
            "{spinner} [{bar:40}] {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} {msg}",
        )?
        .progress_chars("=> "),
    );
    let shown = bar.clone();
    let mut options = UploadOptions::default().on_progress(move |p| {
        shown.set_length(p.bytes_total);
        shown.set_position(p.bytes_done);
        shown.set_message(format!("{}/{} parts", p.parts_done, p.parts_total));
    });
    if let Some(path) = state_file.clone() {
        options = options.on_checkpoint(move |state| {
            // A failed save only loses the ability to resume; the upload goes on.
            if let Ok(json) = serde_json::to_vec(state) {
                let _ = std::fs::write(&path, json);
            }
        });
    }

    let saved: Option<ClipUploadState> = state_file
        .as_deref()
        .and_then(|path| std::fs::read(path).ok())
        .and_then(|json| serde_json::from_slice(&json).ok());
    let done = match saved {
        Some(state) => {
            bar.println(format!("resuming clip {}", state.upload.clip_id));
            client.resume_clip_upload(state, source, &options).await
        }
        None => {
            let request = InitClipUploadRequest::builder()
                .brand_id(brand)
                .file_name(file_name)
                .file_size(source.len())
                .mime_type("video/mp4")
                .build();
            client.upload_clip(&request, source, &options).await
        }
    };
    match done {
        Ok(done) => {
            bar.finish_with_message(format!("clip {} is {}", done.clip_id, done.status));
            if let Some(path) = state_file {
                let _ = std::fs::remove_file(path);
            }
            Ok(())
        }
        Err(error) => {
            bar.abandon_with_message(format!("failed {}", error.step()));
            Err(error.into())
        }
    }
}
