//! Walks offset-paginated lists (`limit`/`offset`/`total`) page by page as a `Stream`.

use std::future::Future;

use futures_util::stream::{self, Stream};

use crate::common::List;
use crate::runtime::error::Result;

/// The API's largest page size.
pub const MAX_PAGE_SIZE: u32 = 100;

/// Streams every item of an offset-paginated list, fetching pages lazily.
///
/// `fetch(limit, offset)` requests one page, usually by calling a list method of the client.
/// The stream asks for pages of `page_size` items (clamped to 1..=100) and ends after
/// `total` items when the response gives a total (items past it are dropped), after a page
/// shorter than asked for, after an empty page, or when the offset would pass `u32::MAX`.
/// An error is yielded as the stream's last item.
///
/// A server that ignores `offset` and sends neither a total nor a short page would be read
/// forever; bound such streams with [`StreamExt::take`](futures_util::StreamExt::take).
/// Lists paged by page number rather than offset (`list_clips`) are not walked by this
/// helper.
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
pub fn paginate<T, F, Fut>(page_size: u32, fetch: F) -> impl Stream<Item = Result<T>>
where
    F: FnMut(u32, u32) -> Fut,
    Fut: Future<Output = Result<List<T>>>,
{
    let page_size = page_size.clamp(1, MAX_PAGE_SIZE);
    struct State<F, T> {
        fetch: F,
        offset: u32,
        buffer: std::vec::IntoIter<T>,
        done: bool,
    }
    let state = State {
        fetch,
        offset: 0,
        buffer: Vec::new().into_iter(),
        done: false,
    };
    stream::unfold(state, move |mut state| async move {
        loop {
            if let Some(item) = state.buffer.next() {
                return Some((Ok(item), state));
            }
            if state.done {
                return None;
            }
            let page = match (state.fetch)(page_size, state.offset).await {
                Ok(page) => page,
                Err(error) => {
                    state.done = true;
                    return Some((Err(error), state));
                }
            };
            let mut items = page.items;
            // Never yield past a stated total, whatever the page held.
            if let Some(total) = page.total {
                let left = total.saturating_sub(u64::from(state.offset));
                items.truncate(usize::try_from(left).unwrap_or(usize::MAX));
            }
            let received = u32::try_from(items.len()).unwrap_or(u32::MAX);
            let next = state.offset.checked_add(received);
            let reached_total = page
                .total
                .is_some_and(|total| next.is_none_or(|next| u64::from(next) >= total));
            // A short or empty page ends the list; so does an offset that cannot advance.
            state.done = received < page_size || reached_total || next.is_none();
            state.offset = next.unwrap_or(u32::MAX);
            state.buffer = items.into_iter();
        }
    })
}
