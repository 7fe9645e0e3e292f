//! A list loaded a page at a time: the front page's stories, an article's comments.
//!
//! [`Paged`] is the logic, plain Rust tested natively; [`PagedList`] puts it in the reactive
//! graph for a page's state object to drive and its view to read. Every request is handed a
//! [`Ticket`] carrying the list's generation; starting again (another section, another order)
//! bumps the generation, so an answer to a request made before that is dropped instead of being
//! added to a list it does not belong to.

use std::collections::HashSet;

use leptos::prelude::*;

use crate::api::ApiError;
use crate::model::{ArticleSummary, Comment, Page};

/// An entry of a paged list, known by its id: an id listed again is shown once (a feed paged by
/// offset repeats an entry whenever another is published between two pages).
pub(crate) trait Keyed {
    fn id(&self) -> &str;
}

impl Keyed for ArticleSummary {
    fn id(&self) -> &str {
        &self.id
    }
}

impl Keyed for Comment {
    fn id(&self) -> &str {
        &self.id
    }
}

/// The request a list is waiting for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Busy {
    Idle,
    First,
    More,
}

/// Handed out with each request: its answer counts only while the list is in the generation it
/// was asked in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Ticket {
    generation: u32,
    more: bool,
}

/// What an answer did to the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Answer {
    /// Asked before the list started again (or the page is gone): dropped.
    Stale,
    /// The first page, or its failure, replaced the list.
    First,
    /// A later page added `added` entries, the first of them at `first_new`.
    More { added: usize, first_new: usize },
    /// A later page failed: the list is as it was, and says so.
    MoreFailed,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Paged<T> {
    items: Vec<T>,
    /// The ids in `items`: a set rather than a scan, as an article can have 10,000 comments.
    seen: HashSet<String>,
    next_cursor: Option<String>,
    total: Option<u64>,
    /// The latest first page's outcome (`None` before the first answer). It stays while the
    /// next first page is on its way, so a list that starts again can keep showing what it had.
    first: Option<Result<(), ApiError>>,
    busy: Busy,
    more_error: Option<ApiError>,
    generation: u32,
}

impl<T> Default for Paged<T> {
    fn default() -> Self {
        Paged {
            items: Vec::new(),
            seen: HashSet::new(),
            next_cursor: None,
            total: None,
            first: None,
            // A list is made to be loaded: it reads as loading until its first answer.
            busy: Busy::First,
            more_error: None,
            generation: 0,
        }
    }
}

impl<T: Keyed> Paged<T> {
    /// Starts again from the first page: whatever is still on its way will be dropped.
    pub(crate) fn reset(&mut self) -> Ticket {
        self.generation = self.generation.wrapping_add(1);
        self.busy = Busy::First;
        self.next_cursor = None;
        self.more_error = None;
        Ticket { generation: self.generation, more: false }
    }

    /// The ticket and cursor for the next page, unless there is none or a request is on its way.
    pub(crate) fn begin_more(&mut self) -> Option<(Ticket, String)> {
        if self.busy != Busy::Idle {
            return None;
        }
        let cursor = self.next_cursor.clone()?;
        self.busy = Busy::More;
        self.more_error = None;
        Some((Ticket { generation: self.generation, more: true }, cursor))
    }

    /// Takes the answer to the request `ticket` was handed out with.
    pub(crate) fn receive(&mut self, ticket: Ticket, answer: Result<Page<T>, ApiError>) -> Answer {
        if ticket.generation != self.generation {
            return Answer::Stale;
        }
        self.busy = Busy::Idle;
        match (answer, ticket.more) {
            (Ok(page), false) => {
                self.items.clear();
                self.seen.clear();
                self.total = page.total;
                self.first = Some(Ok(()));
                self.add(page);
                Answer::First
            }
            (Ok(page), true) => {
                let first_new = self.items.len();
                let added = self.add(page);
                Answer::More { added, first_new }
            }
            (Err(error), false) => {
                self.items.clear();
                self.seen.clear();
                self.total = None;
                self.first = Some(Err(error));
                Answer::First
            }
            (Err(error), true) => {
                self.more_error = Some(error);
                Answer::MoreFailed
            }
        }
    }

    /// Adds the entries not listed yet, in order, and takes the page's cursor.
    fn add(&mut self, page: Page<T>) -> usize {
        let before = self.items.len();
        for item in page.items {
            if self.seen.insert(item.id().to_owned()) {
                self.items.push(item);
            }
        }
        // An empty cursor is no cursor: asking with it would start from the top again.
        self.next_cursor = page.next_cursor.filter(|cursor| !cursor.is_empty());
        self.items.len() - before
    }
}

impl<T> Paged<T> {
    pub(crate) fn items(&self) -> &[T] {
        &self.items
    }

    pub(crate) fn has_more(&self) -> bool {
        self.next_cursor.is_some()
    }

    /// How many entries the backend says there are, from the first page.
    pub(crate) fn total(&self) -> Option<u64> {
        self.total
    }

    pub(crate) fn busy(&self) -> Busy {
        self.busy
    }

    /// `None` until the first page's answer, then whether it loaded.
    pub(crate) fn first(&self) -> Option<Result<(), &ApiError>> {
        self.first.as_ref().map(Result::as_ref).map(|r| r.map(|_| ()))
    }

    pub(crate) fn more_error(&self) -> Option<&ApiError> {
        self.more_error.as_ref()
    }
}

/// A [`Paged`] list in the reactive graph. Reading the entries tracks only changes to them, so
/// what is built from them (a thread of 10,000 comments) is not rebuilt when a request starts.
pub(crate) struct PagedList<T: 'static> {
    paged: StoredValue<Paged<T>>,
    items: Trigger,
    any: Trigger,
}

impl<T> Clone for PagedList<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for PagedList<T> {}

impl<T: Keyed + Send + Sync + 'static> PagedList<T> {
    pub(crate) fn new() -> Self {
        PagedList {
            paged: StoredValue::new(Paged::default()),
            items: Trigger::new(),
            any: Trigger::new(),
        }
    }

    /// See [`Paged::reset`]; `None` once the page is gone.
    pub(crate) fn reset(self) -> Option<Ticket> {
        let ticket = self.paged.try_update_value(Paged::reset);
        self.any.notify();
        ticket
    }

    /// See [`Paged::begin_more`].
    pub(crate) fn begin_more(self) -> Option<(Ticket, String)> {
        let asked = self.paged.try_update_value(Paged::begin_more).flatten();
        if asked.is_some() {
            self.any.notify();
        }
        asked
    }

    /// See [`Paged::receive`]; [`Answer::Stale`] once the page is gone.
    pub(crate) fn receive(self, ticket: Ticket, answer: Result<Page<T>, ApiError>) -> Answer {
        let answer = self
            .paged
            .try_update_value(|paged| paged.receive(ticket, answer))
            .unwrap_or(Answer::Stale);
        if matches!(answer, Answer::First | Answer::More { .. }) {
            self.items.notify();
        }
        if answer != Answer::Stale {
            self.any.notify();
        }
        answer
    }

    /// A look at the whole list, tracking every change.
    pub(crate) fn with<R>(self, f: impl FnOnce(&Paged<T>) -> R) -> R {
        self.any.track();
        self.paged.with_value(f)
    }

    /// A look at the entries, tracking changes to them only.
    pub(crate) fn with_items<R>(self, f: impl FnOnce(&[T]) -> R) -> R {
        self.items.track();
        self.paged.with_value(|paged| f(&paged.items))
    }

    /// A look at the whole list, untracked.
    pub(crate) fn with_untracked<R>(self, f: impl FnOnce(&Paged<T>) -> R) -> R {
        self.paged.with_value(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq)]
    struct Item(&'static str);

    impl Keyed for Item {
        fn id(&self) -> &str {
            self.0
        }
    }

    fn page(ids: &[&'static str], next: Option<&str>) -> Result<Page<Item>, ApiError> {
        Ok(Page {
            items: ids.iter().map(|id| Item(id)).collect(),
            next_cursor: next.map(Into::into),
            total: Some(ids.len() as u64),
        })
    }

    fn ids(paged: &Paged<Item>) -> Vec<&str> {
        paged.items().iter().map(|item| item.0).collect()
    }

    fn loaded(first: &[&'static str], next: Option<&str>) -> Paged<Item> {
        let mut paged = Paged::default();
        let ticket = paged.reset();
        assert_eq!(paged.receive(ticket, page(first, next)), Answer::First);
        paged
    }

    #[test]
    fn reads_as_loading_until_the_first_page_answers() {
        let mut paged = Paged::<Item>::default();
        assert_eq!((paged.busy(), paged.first()), (Busy::First, None));
        let ticket = paged.reset();
        assert_eq!(paged.receive(ticket, page(&["a", "b"], Some("c2"))), Answer::First);
        assert_eq!((paged.busy(), paged.first()), (Busy::Idle, Some(Ok(()))));
        assert_eq!(ids(&paged), ["a", "b"]);
        assert_eq!(paged.total(), Some(2));
        assert!(paged.has_more());
    }

    #[test]
    fn an_answer_asked_before_a_reset_is_dropped() {
        // The first page of the section the reader left, arriving after the new section's.
        let mut paged = Paged::default();
        let old = paged.reset();
        let new = paged.reset();
        assert_eq!(paged.receive(new, page(&["n1"], None)), Answer::First);
        assert_eq!(paged.receive(old, page(&["o1", "o2"], Some("o3"))), Answer::Stale);
        assert_eq!(ids(&paged), ["n1"]);
        assert!(!paged.has_more());

        // A later page of the old section, arriving after the reset or the new first page.
        let mut paged = loaded(&["o1"], Some("o2"));
        let (more, cursor) = paged.begin_more().unwrap();
        assert_eq!(cursor, "o2");
        let new = paged.reset();
        assert_eq!(paged.receive(more, page(&["o2"], None)), Answer::Stale);
        assert_eq!(paged.busy(), Busy::First);
        assert_eq!(paged.receive(new, page(&["n1"], None)), Answer::First);
        assert_eq!(paged.receive(more, Err(ApiError::Network)), Answer::Stale);
        assert_eq!((ids(&paged), paged.more_error()), (vec!["n1"], None));
    }

    #[test]
    fn later_pages_append_only_entries_not_listed_yet() {
        let mut paged = loaded(&["a", "b", "a"], Some("2"));
        assert_eq!(ids(&paged), ["a", "b"]);
        let (ticket, _) = paged.begin_more().unwrap();
        assert_eq!(
            paged.receive(ticket, page(&["b", "c", "d"], Some("3"))),
            Answer::More { added: 2, first_new: 2 }
        );
        let (ticket, cursor) = paged.begin_more().unwrap();
        assert_eq!(cursor, "3");
        // A page that adds none: the page says "No more articles."
        assert_eq!(
            paged.receive(ticket, page(&["d"], Some(""))),
            Answer::More { added: 0, first_new: 4 }
        );
        assert_eq!(ids(&paged), ["a", "b", "c", "d"]);
        assert!(!paged.has_more(), "an empty cursor ends the list");
        assert_eq!(paged.begin_more(), None);
    }

    #[test]
    fn one_request_at_a_time() {
        let mut paged = Paged::<Item>::default();
        assert_eq!(paged.begin_more(), None, "no more before the first page");
        let mut paged = loaded(&["a"], Some("2"));
        assert!(paged.begin_more().is_some());
        assert_eq!(paged.begin_more(), None, "not while a page is on its way");
        paged.reset();
        assert_eq!(paged.begin_more(), None, "not while the first page is on its way");
    }

    #[test]
    fn a_failed_later_page_keeps_the_list_and_its_cursor() {
        let mut paged = loaded(&["a"], Some("2"));
        let (ticket, _) = paged.begin_more().unwrap();
        assert_eq!(paged.receive(ticket, Err(ApiError::Timeout)), Answer::MoreFailed);
        assert_eq!((ids(&paged), paged.more_error()), (vec!["a"], Some(&ApiError::Timeout)));
        let (ticket, cursor) = paged.begin_more().expect("Retry asks again");
        assert_eq!((cursor.as_str(), paged.more_error()), ("2", None));
        assert_eq!(
            paged.receive(ticket, page(&["b"], None)),
            Answer::More { added: 1, first_new: 1 }
        );
    }

    #[test]
    fn starting_again_keeps_what_is_shown_until_the_answer_replaces_it() {
        let mut paged = loaded(&["a", "b"], Some("2"));
        let ticket = paged.reset();
        assert_eq!((ids(&paged), paged.first()), (vec!["a", "b"], Some(Ok(()))));
        assert!(!paged.has_more(), "the old cursor belongs to the old order");
        assert_eq!(paged.receive(ticket, page(&["b", "z"], None)), Answer::First);
        assert_eq!(ids(&paged), ["b", "z"]);

        let ticket = paged.reset();
        assert_eq!(paged.receive(ticket, Err(ApiError::Status(500))), Answer::First);
        assert_eq!(paged.first(), Some(Err(&ApiError::Status(500))));
        assert!(paged.items().is_empty());
        assert_eq!(paged.total(), None);
    }
}
