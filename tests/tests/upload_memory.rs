//! Peak memory of a 1 GiB clip upload: below part size × (concurrency + 1) + 32 MiB.
//!
//! Its own test binary, so that no other test allocates in the process while it measures:
//! the process's peak resident memory (`VmHWM`, Linux) minus its resident memory before
//! the upload. The storage server in the same process streams each body without keeping it.

mod upload_support;

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use autoposting_client::clips::InitClipUploadRequest;
use autoposting_client::upload::{UploadOptions, UploadSource};
use tokio::io::{AsyncRead, ReadBuf};
use upload_support::{MIB, start};

/// `len` bytes of a repeating pattern, generated as they are read: the source itself takes
/// no memory.
struct Generated {
    left: u64,
    block: Vec<u8>,
}

impl AsyncRead for Generated {
    fn poll_read(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let n = (buf.remaining() as u64)
            .min(self.left)
            .min(self.block.len() as u64) as usize;
        buf.put_slice(&self.block[..n]);
        self.left -= n as u64;
        Poll::Ready(Ok(()))
    }
}

fn resident_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix(field))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

#[test]
fn a_one_gib_upload_stays_below_parts_in_flight_plus_32_mib() {
    const SOURCE: u64 = 1024 * MIB;
    let options = UploadOptions::default();
    let bound = options.part_size * (options.concurrency as u64 + 1) + 32 * MIB;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let servers = runtime.block_on(start(|_| {}));
    // Warm up: connections, runtime threads, lazily built tables.
    runtime
        .block_on(
            servers.client.upload_clip(
                &InitClipUploadRequest::builder()
                    .brand_id("brand_1")
                    .file_name("warm.mp4")
                    .file_size(0)
                    .mime_type("video/mp4")
                    .build(),
                UploadSource::bytes(vec![7; 1024]),
                &options,
            ),
        )
        .unwrap();
    let (Some(before), Some(_)) = (resident_kb("VmRSS:"), resident_kb("VmHWM:")) else {
        eprintln!("no /proc/self/status: peak memory not measured on this system");
        return;
    };

    let source = Generated {
        left: SOURCE,
        block: (0..64 * 1024).map(|i| (i % 251) as u8).collect(),
    };
    let done = runtime.block_on(
        servers.client.upload_clip(
            &InitClipUploadRequest::builder()
                .brand_id("brand_1")
                .file_name("big.mp4")
                .file_size(0)
                .mime_type("video/mp4")
                .build(),
            UploadSource::reader(source, SOURCE),
            &options,
        ),
    );

    let peak = resident_kb("VmHWM:").unwrap();
    done.unwrap();
    let record = servers.lock();
    let big: u64 = record.puts.iter().skip(1).map(|put| put.len).sum();
    assert_eq!(big, SOURCE, "every byte was stored");
    assert_eq!(record.puts.len(), 1 + 64, "64 parts of 16 MiB");
    drop(record);
    let grown = peak.saturating_sub(before) * 1024;
    eprintln!(
        "resident {} MiB before, peak {} MiB: grew {} MiB; bound {} MiB",
        before / 1024,
        peak / 1024,
        grown / MIB,
        bound / MIB
    );
    assert!(
        grown < bound,
        "resident memory grew {grown} bytes, over the bound {bound}"
    );
}
