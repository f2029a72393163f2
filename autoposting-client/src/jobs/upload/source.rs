//! What an upload reads from: a file, bytes in memory, or any `AsyncRead` of known length,
//! read forward once, part by part.

use std::fmt;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;

use bytes::Bytes;
use tokio::io::{AsyncRead, AsyncReadExt};

/// The content of an upload and its length in bytes.
///
/// Parts are read in order, one at a time, so a source is never held whole in memory
/// (except [`UploadSource::bytes`], which already is). Resuming an upload skips the parts
/// already done: a file seeks past them, a reader reads and discards them.
pub struct UploadSource {
    inner: Inner,
    len: u64,
    file_name: Option<String>,
}

enum Inner {
    /// Read on the blocking pool, one whole part per read, straight into its buffer.
    File(Option<std::fs::File>),
    Reader(Box<dyn AsyncRead + Send + Unpin>),
    Bytes(Bytes),
}

impl fmt::Debug for UploadSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.inner {
            Inner::File(_) => "file",
            Inner::Reader(_) => "reader",
            Inner::Bytes(_) => "bytes",
        };
        f.debug_struct("UploadSource")
            .field("kind", &kind)
            .field("len", &self.len)
            .field("file_name", &self.file_name)
            .finish()
    }
}

impl UploadSource {
    /// The file at `path`; its length is read now, and its name is kept for
    /// [`file_name`](Self::file_name).
    ///
    /// # Errors
    /// The [`io::Error`] of opening the file or reading its metadata.
    pub async fn file(path: impl AsRef<Path>) -> io::Result<UploadSource> {
        let path = path.as_ref().to_owned();
        let file_name = path
            .file_name()
            .and_then(|name| name.to_str())
            .map(str::to_owned);
        let (file, len) = tokio::task::spawn_blocking(move || {
            let file = std::fs::File::open(&path)?;
            let len = file.metadata()?.len();
            Ok::<_, io::Error>((file, len))
        })
        .await
        .map_err(io::Error::other)??;
        Ok(UploadSource {
            inner: Inner::File(Some(file)),
            len,
            file_name,
        })
    }

    /// Any reader that yields exactly `len` bytes. A reader that ends early, or has bytes
    /// left after `len`, fails the upload at step [`Read`](super::UploadStep::Read).
    pub fn reader(reader: impl AsyncRead + Send + Unpin + 'static, len: u64) -> UploadSource {
        UploadSource {
            inner: Inner::Reader(Box::new(reader)),
            len,
            file_name: None,
        }
    }

    /// Bytes already in memory (shared, not copied, into the parts).
    pub fn bytes(data: impl Into<Bytes>) -> UploadSource {
        let data = data.into();
        UploadSource {
            len: data.len() as u64,
            inner: Inner::Bytes(data),
            file_name: None,
        }
    }

    /// Sets the file name the flows send where the API asks for one and none is given
    /// otherwise (a [`file`](Self::file) source starts with its own).
    pub fn with_file_name(mut self, name: impl Into<String>) -> UploadSource {
        self.file_name = Some(name.into());
        self
    }

    /// The length of the content in bytes.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether the content is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The file name, if known.
    pub fn file_name(&self) -> Option<&str> {
        self.file_name.as_deref()
    }

    /// Reads the `len` bytes at `offset`, which is never before the end of the previous
    /// read: the bytes between are skipped.
    pub(super) async fn read_at(
        &mut self,
        position: &mut u64,
        offset: u64,
        len: u64,
    ) -> io::Result<Bytes> {
        let skip = offset.checked_sub(*position).ok_or_else(|| {
            io::Error::other("the upload read its source out of order (a bug in the client)")
        })?;
        let size = usize::try_from(len).map_err(io::Error::other)?;
        let data = match &mut self.inner {
            Inner::Bytes(data) => {
                let start = usize::try_from(offset).map_err(io::Error::other)?;
                let end = start
                    .checked_add(size)
                    .filter(|end| *end <= data.len())
                    .ok_or_else(|| io::Error::from(io::ErrorKind::UnexpectedEof))?;
                data.slice(start..end)
            }
            Inner::Reader(reader) => {
                if skip > 0 {
                    let skipped =
                        tokio::io::copy(&mut reader.take(skip), &mut tokio::io::sink()).await?;
                    if skipped < skip {
                        return Err(early_end(offset - skip + skipped));
                    }
                }
                let mut buffer = vec![0; size];
                let mut filled = 0;
                while filled < size {
                    match reader.read(&mut buffer[filled..]).await? {
                        0 => return Err(early_end(offset + filled as u64)),
                        n => filled += n,
                    }
                }
                Bytes::from(buffer)
            }
            Inner::File(slot) => {
                let mut file = slot
                    .take()
                    .ok_or_else(|| io::Error::other("an earlier read of the file failed"))?;
                let (file, data) = tokio::task::spawn_blocking(move || {
                    if skip > 0 {
                        file.seek(SeekFrom::Start(offset))?;
                    }
                    let mut buffer = vec![0; size];
                    file.read_exact(&mut buffer)?;
                    Ok::<_, io::Error>((file, buffer))
                })
                .await
                .map_err(io::Error::other)??;
                *slot = Some(file);
                Bytes::from(data)
            }
        };
        *position = offset + len;
        Ok(data)
    }

    /// Checks that a reader has nothing left after its stated length.
    pub(super) async fn check_end(&mut self) -> io::Result<()> {
        if let Inner::Reader(reader) = &mut self.inner {
            let mut byte = [0; 1];
            if reader.read(&mut byte).await? != 0 {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("the source has more than its stated {} bytes", self.len),
                ));
            }
        }
        Ok(())
    }

    /// The whole content, for the flows that send it in one request.
    pub(super) async fn read_all(&mut self) -> io::Result<Bytes> {
        let mut position = 0;
        let data = self.read_at(&mut position, 0, self.len).await?;
        self.check_end().await?;
        Ok(data)
    }
}

fn early_end(at: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::UnexpectedEof,
        format!("the source ended after {at} bytes, before its stated length"),
    )
}
