//! Walks a paged list page by page as one `Stream` of its items, whether the list is paged
//! by offset (`limit`/`offset`, most lists) or by page number (`page`/`limit`, `list_clips`).
//!
//! # One walk for both kinds of list
//! [`walk`] asks `fetch` for one page at a time with a [`PageRequest`] that carries both
//! positions: [`offset`](PageRequest::offset), the number of items received so far, and
//! [`page`](PageRequest::page), the 1-based number of the page. An offset list sends the
//! first, a page-numbered list the second. [`paginate`] and [`paginate_pages`] are the
//! same walk for a closure that takes `(limit, offset)` or `(page, limit)`.
//!
//! # When the walk ends
//! The next offset advances by the number of items received, not by the page size asked
//! for, so a server that serves fewer items a page than asked (it caps `limit`) is walked to
//! the end. After each page:
//! - an empty page ends the walk;
//! - else, when the response gives a `total`, the walk ends once that many items were
//!   received (items past the total are dropped);
//! - else, when it gives `totalPages` (clips), the walk ends after that page;
//! - else, when it gives its own `limit`, a page shorter than that limit (or than the page
//!   size asked for, if the server claims a larger one) ends it;
//! - else a page shorter than the page size asked for ends it.
//!
//! The walk also ends when the next offset would pass `u32::MAX`.
//!
//! # A server that cannot be walked
//! A server that ignores the position and serves the same page again, or whose list changes
//! under the walk, would make a naive walk loop forever or repeat items. The walk stops
//! instead, with an [`ErrorKind::Decode`](crate::ErrorKind::Decode) error (operation
//! `paginate`) as the stream's last item, when:
//! - a page starts with the same item as the page before it (the position was ignored);
//! - the response states another `offset` than the one asked for;
//! - the `total` or `totalPages` it states changes from one page to the next.
//!
//! Any error of `fetch` is passed through as the stream's last item, too.

use std::collections::VecDeque;
use std::future::Future;

use futures_util::stream::{self, Stream};

use crate::common::List;
use crate::runtime::error::{Error, ErrorKind, Result};

/// The API's largest page size.
pub const MAX_PAGE_SIZE: u32 = 100;

/// The position of one page to fetch, given to the closure of [`walk`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct PageRequest {
    /// The page size to ask for (the query parameter `limit`), 1 to [`MAX_PAGE_SIZE`].
    pub limit: u32,
    /// How many items the walk has received so far: the `offset` of an offset list.
    pub offset: u32,
    /// The 1-based number of this page: the `page` of a page-numbered list.
    pub page: u32,
}

/// Streams every item of a paged list, fetching pages lazily; see the
/// [module docs](self) for when the walk ends and when it fails.
///
/// `fetch` requests the page at a [`PageRequest`], usually by calling a list method of the
/// client with its [`offset`](PageRequest::offset) or its [`page`](PageRequest::page).
/// `page_size` is clamped to 1..=[`MAX_PAGE_SIZE`].
///
/// ```no_run
/// use autoposting_client::prelude::*;
/// use autoposting_client::pagination::walk;
/// use futures_util::TryStreamExt;
///
/// # async fn run(client: Client) -> autoposting_client::Result<()> {
/// // Clips are paged by page number.
/// let clips: Vec<_> = walk(100, |at| {
///     let client = client.clone();
///     async move { client.list_clips(Some(at.page), Some(at.limit)).await }
/// })
/// .try_collect()
/// .await?;
/// # Ok(()) }
/// ```
pub fn walk<T, F, Fut>(page_size: u32, fetch: F) -> impl Stream<Item = Result<T>>
where
    T: PartialEq + Clone,
    F: FnMut(PageRequest) -> Fut,
    Fut: Future<Output = Result<List<T>>>,
{
    let state = Walk {
        fetch,
        limit: page_size.clamp(1, MAX_PAGE_SIZE),
        offset: 0,
        page: 1,
        total: None,
        total_pages: None,
        first_items: VecDeque::new(),
        buffer: Vec::new().into_iter(),
        done: false,
    };
    stream::unfold(state, |mut state| async move {
        loop {
            if let Some(item) = state.buffer.next() {
                return Some((Ok(item), state));
            }
            if state.done {
                return None;
            }
            if let Err(error) = state.next_page().await {
                state.done = true;
                return Some((Err(error), state));
            }
        }
    })
}

/// Streams every item of an offset-paginated list (`limit`/`offset`), fetching pages
/// lazily: [`walk`] for a closure `fetch(limit, offset)`.
///
/// ```no_run
/// use autoposting_client::prelude::*;
/// use autoposting_client::pagination::paginate;
/// use futures_util::TryStreamExt;
///
/// # async fn run(client: Client) -> autoposting_client::Result<()> {
/// let runs: Vec<_> = paginate(100, |limit, offset| {
///     let client = client.clone();
///     async move { client.list_agent_runs("agent_01HXYZ", Some(limit), Some(offset)).await }
/// })
/// .try_collect()
/// .await?;
/// # Ok(()) }
/// ```
pub fn paginate<T, F, Fut>(page_size: u32, mut fetch: F) -> impl Stream<Item = Result<T>>
where
    T: PartialEq + Clone,
    F: FnMut(u32, u32) -> Fut,
    Fut: Future<Output = Result<List<T>>>,
{
    walk(page_size, move |at| fetch(at.limit, at.offset))
}

/// Streams every item of a list paged by page number (`page`/`limit`, such as
#[cfg_attr(
    feature = "clips",
    doc = "[`list_clips`](crate::clips::Clips::list_clips)): [`walk`] for a closure"
)]
#[cfg_attr(not(feature = "clips"), doc = "`list_clips`): [`walk`] for a closure")]
/// `fetch(page, limit)`, pages numbered from 1.
///
/// ```no_run
/// use autoposting_client::prelude::*;
/// use autoposting_client::pagination::paginate_pages;
/// use futures_util::TryStreamExt;
///
/// # async fn run(client: Client) -> autoposting_client::Result<()> {
/// let clips: Vec<_> = paginate_pages(100, |page, limit| {
///     let client = client.clone();
///     async move { client.list_clips(Some(page), Some(limit)).await }
/// })
/// .try_collect()
/// .await?;
/// # Ok(()) }
/// ```
pub fn paginate_pages<T, F, Fut>(page_size: u32, mut fetch: F) -> impl Stream<Item = Result<T>>
where
    T: PartialEq + Clone,
    F: FnMut(u32, u32) -> Fut,
    Fut: Future<Output = Result<List<T>>>,
{
    walk(page_size, move |at| fetch(at.page, at.limit))
}

/// How many pages' first items a walk remembers to notice a repeated page.
const REMEMBERED_PAGES: usize = 1024;

/// The state of a walk between pages.
struct Walk<F, T> {
    fetch: F,
    limit: u32,
    offset: u32,
    page: u32,
    /// The `total` and `totalPages` the first page stated, which later pages must repeat.
    total: Option<u64>,
    total_pages: Option<u64>,
    /// The first item of each of the last [`REMEMBERED_PAGES`] pages, to notice a page
    /// served twice (also when the server cycles through several pages).
    first_items: VecDeque<T>,
    buffer: std::vec::IntoIter<T>,
    done: bool,
}

impl<F, Fut, T> Walk<F, T>
where
    T: PartialEq + Clone,
    F: FnMut(PageRequest) -> Fut,
    Fut: Future<Output = Result<List<T>>>,
{
    /// Fetches the next page into the buffer and decides whether it is the last.
    async fn next_page(&mut self) -> Result<()> {
        let at = PageRequest {
            limit: self.limit,
            offset: self.offset,
            page: self.page,
        };
        let list = (self.fetch)(at).await?;
        self.check(&at, &list)?;
        let mut items = list.items;
        // Never yield past a stated total, whatever the page held.
        if let Some(total) = list.total {
            let left = total.saturating_sub(u64::from(self.offset));
            items.truncate(usize::try_from(left).unwrap_or(usize::MAX));
        }
        let received = u32::try_from(items.len()).unwrap_or(u32::MAX);
        let next = self.offset.checked_add(received);
        let page = list.page.unwrap_or(u64::from(self.page));
        let more = if received == 0 {
            false
        } else if let Some(total) = list.total {
            next.is_some_and(|next| u64::from(next) < total)
        } else if let Some(total_pages) = list.total_pages {
            page < total_pages
        } else if let Some(limit) = list.limit.filter(|&limit| limit > 0) {
            // A `limit` of 0 says nothing about the page size: treated as absent.
            // The server's own page size, or the one asked for if it claims a larger one.
            u64::from(received) >= limit.min(u64::from(self.limit))
        } else {
            received >= self.limit
        };
        self.done = !more || next.is_none();
        self.offset = next.unwrap_or(u32::MAX);
        self.page = self.page.saturating_add(1);
        self.total = list.total.or(self.total);
        self.total_pages = list.total_pages.or(self.total_pages);
        if let Some(first) = items.first() {
            if self.first_items.len() == REMEMBERED_PAGES {
                self.first_items.pop_front();
            }
            self.first_items.push_back(first.clone());
        }
        self.buffer = items.into_iter();
        Ok(())
    }

    /// Refuses a page that shows the server ignored the position or the list shifted.
    fn check(&self, at: &PageRequest, list: &List<T>) -> Result<()> {
        let fail = |detail: String| {
            Err(Error::new(ErrorKind::Decode)
                .with_operation("paginate")
                .with_detail(detail))
        };
        if let Some(offset) = list.offset
            && offset != u64::from(at.offset)
        {
            return fail(format!(
                "asked for the page at offset {} and the server answered the page at offset {offset}; \
                 the walk stopped rather than repeat or skip items",
                at.offset
            ));
        }
        if let (Some(before), Some(now)) = (self.total, list.total)
            && before != now
        {
            return fail(format!(
                "the list's total changed from {before} to {now} during the walk (at offset {}); \
                 items may have been repeated or missed, so the walk stopped",
                at.offset
            ));
        }
        if let (Some(before), Some(now)) = (self.total_pages, list.total_pages)
            && before != now
        {
            return fail(format!(
                "the list's page count changed from {before} to {now} during the walk (at page {}); \
                 items may have been repeated or missed, so the walk stopped",
                at.page
            ));
        }
        if let Some(first) = list.items.first()
            && self.first_items.contains(first)
        {
            return fail(format!(
                "the page at offset {} (page {}) starts with the same item as an earlier page; \
                 the server seems to ignore the position, so the walk stopped",
                at.offset, at.page
            ));
        }
        Ok(())
    }
}
