//! Parts of `multipart/form-data` bodies, for endpoints that upload files
//! (`POST /media/upload`, `POST /carousels/{carouselId}/assets`).

use bytes::Bytes;

/// One field of a `multipart/form-data` body: its content, and for files the file name and
/// content type the server sees.
///
/// ```
/// use autoposting_client::Part;
///
/// let image = Part::bytes(vec![0x89, b'P', b'N', b'G']).file_name("cover.png").content_type("image/png");
/// let caption = Part::text("Launch day");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub(crate) data: Bytes,
    pub(crate) file_name: Option<String>,
    pub(crate) content_type: Option<String>,
}

impl Part {
    /// A text field (no file name; sent without a content type, which means `text/plain`).
    pub fn text(text: impl Into<String>) -> Part {
        Part {
            data: Bytes::from(text.into()),
            file_name: None,
            content_type: None,
        }
    }

    /// A field of raw bytes, such as a file's contents. Cheap to clone: the bytes are shared,
    /// not copied, including when the request is sent.
    pub fn bytes(data: impl Into<Bytes>) -> Part {
        Part {
            data: data.into(),
            file_name: None,
            content_type: None,
        }
    }

    /// Sets the file name sent in the part's `Content-Disposition` (`cover.png`). A name
    /// with control characters (CR, LF, …) fails the call with
    /// [`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument) before sending.
    pub fn file_name(mut self, name: impl Into<String>) -> Part {
        self.file_name = Some(name.into());
        self
    }

    /// Sets the part's MIME type (`image/png`). An invalid type fails the call with
    /// [`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument) before sending.
    pub fn content_type(mut self, mime: impl Into<String>) -> Part {
        self.content_type = Some(mime.into());
        self
    }

    /// The part's content.
    pub fn data(&self) -> &[u8] {
        &self.data
    }

    /// The size of the content in bytes.
    pub fn len(&self) -> usize {
        self.data.len()
    }

    /// Whether the content is empty.
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }
}

/// A value that can fill a `#[part]` argument. `None` leaves the field out.
pub trait AsPart {
    /// The part to send, or `None` to send no field.
    fn as_part(&self) -> Option<Part>;
}

impl AsPart for Part {
    fn as_part(&self) -> Option<Part> {
        Some(self.clone())
    }
}

impl AsPart for str {
    fn as_part(&self) -> Option<Part> {
        Some(Part::text(self))
    }
}

impl AsPart for String {
    fn as_part(&self) -> Option<Part> {
        Some(Part::text(self.as_str()))
    }
}

impl<T: AsPart + ?Sized> AsPart for &T {
    fn as_part(&self) -> Option<Part> {
        (**self).as_part()
    }
}

impl<T: AsPart> AsPart for Option<T> {
    fn as_part(&self) -> Option<Part> {
        self.as_ref().and_then(AsPart::as_part)
    }
}

macro_rules! display_parts {
    ($($ty:ty),*) => {$(
        impl AsPart for $ty {
            fn as_part(&self) -> Option<Part> {
                Some(Part::text(self.to_string()))
            }
        }
    )*};
}

display_parts!(bool, u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);
