//! The comments section under an article: threads, sorting, paging, and the forms that post
//! comments and replies without ever losing what the reader typed.
//!
//! [`Section`] holds the section's state and does what the reader asks (load, reload, change
//! the order, load more, post); the components below are views over it. The decisions inside
//! are pure functions, tested natively at the end of the file.

use std::collections::HashSet;

use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;

use crate::api::comments::Sort;
use crate::api::{leave_signal, yield_to_browser, ApiError, Client};
use crate::clock::now_ms;
use crate::components::author_name;
use crate::components::comment::comment_dom_id;
use crate::components::comment_thread::RENDER_STEP;
use crate::components::{CommentForm, CommentThread, FieldErrors, LoadFailed, PostState, Skeleton};
use crate::drafts::{self, Draft};
use crate::i18n::{use_i18n, I18n};
use crate::model::thread::Thread;
use crate::model::{time, Comment, LengthProblem, NewComment, Person};
use crate::paged::{Answer, Busy, Paged, PagedList, Ticket};
use crate::parts::{part, show_part, Pending};
use crate::storage;

/// A comment this reader posted while the page is open.
#[derive(Debug, Clone, PartialEq)]
struct Posted {
    comment: Comment,
    /// Sent, and not yet confirmed by the backend.
    pending: bool,
    /// Shown above the loaded threads (where the reader can see it) rather than below them.
    above: bool,
}

/// The comments section's state, shared with its forms.
#[derive(Clone, Copy)]
struct Section {
    client: StoredValue<Client>,
    /// Aborts whatever comments request is still running when the reader leaves the article.
    leave: StoredValue<SendWrapper<web_sys::AbortSignal>>,
    article_id: StoredValue<String>,
    sort: RwSignal<Sort>,
    /// Closed by the article's settings, or by the backend answering 403.
    closed: RwSignal<bool>,
    /// The pages loaded, first to last.
    list: PagedList<Comment>,
    posted: RwSignal<Vec<Posted>>,
    /// The loaded pages and the reader's own comments, as threads.
    thread: Memo<Thread>,
    /// Ids of the comments sent and not yet confirmed.
    pending: Memo<HashSet<String>>,
    render_limit: RwSignal<usize>,
    announcement: RwSignal<String>,
    open_reply: RwSignal<Option<String>>,
    i18n: I18n,
}

impl Section {
    fn new(client: Client, article_id: String, enabled: bool, i18n: I18n) -> Self {
        let list = PagedList::<Comment>::new();
        let posted = RwSignal::new(Vec::<Posted>::new());
        let thread = Memo::new(move |_| {
            let posted = posted.read();
            list.with_items(|items| {
                let above = posted.iter().rev().filter(|p| p.above).map(|p| &p.comment);
                let below = posted.iter().filter(|p| !p.above).map(|p| &p.comment);
                Thread::from_flat(above.chain(items).chain(below))
            })
        });
        let pending = Memo::new(move |_| {
            posted
                .read()
                .iter()
                .filter(|p| p.pending)
                .map(|p| p.comment.id.clone())
                .collect::<HashSet<_>>()
        });
        Section {
            client: StoredValue::new(client),
            leave: StoredValue::new(SendWrapper::new(leave_signal())),
            article_id: StoredValue::new(article_id),
            sort: RwSignal::new(
                storage::get(storage::COMMENT_SORT)
                    .and_then(|s| Sort::parse(&s))
                    .unwrap_or_default(),
            ),
            closed: RwSignal::new(!enabled),
            list,
            posted,
            thread,
            pending,
            render_limit: RwSignal::new(RENDER_STEP),
            announcement: RwSignal::new(String::new()),
            open_reply: RwSignal::new(None),
            i18n,
        }
    }

    /// The first page in the current order. What is shown stays until it answers.
    fn load(self) {
        if let Some(ticket) = self.list.reset() {
            self.fetch(ticket, None);
        }
    }

    /// Everything loaded is dropped and asked for again (Retry); what the reader posted is in
    /// the new pages.
    fn reload(self) {
        self.posted.update(|list| list.retain(|p| p.pending));
        self.render_limit.set(RENDER_STEP);
        self.open_reply.set(None);
        self.load();
    }

    fn change_sort(self, sort: Sort) {
        if sort != self.sort.get_untracked() {
            storage::set(storage::COMMENT_SORT, sort.as_str());
            self.sort.set(sort);
            self.reload();
        }
    }

    /// The next page, then the reader is taken to its first comment.
    fn load_more(self) {
        let Some((ticket, cursor)) = self.list.begin_more() else { return };
        let shown: HashSet<String> =
            self.thread.read_untracked().entries.iter().map(|e| e.comment.id.clone()).collect();
        self.fetch_more(ticket, cursor, shown);
    }

    fn fetch(self, ticket: Ticket, cursor: Option<String>) {
        let (client, article_id, sort) =
            (self.client.get_value(), self.article_id.get_value(), self.sort.get_untracked());
        let leave = self.leave.get_value();
        spawn_local(async move {
            let page = client.comments(&article_id, sort, cursor, Some(&leave)).await;
            // Decoding a big page is one task; building and drawing the thread is the next, so
            // neither blocks the page for long.
            yield_to_browser().await;
            self.list.receive(ticket, page);
        });
    }

    fn fetch_more(self, ticket: Ticket, cursor: String, shown: HashSet<String>) {
        let (client, article_id, sort) =
            (self.client.get_value(), self.article_id.get_value(), self.sort.get_untracked());
        let leave = self.leave.get_value();
        spawn_local(async move {
            let page = client.comments(&article_id, sort, Some(cursor), Some(&leave)).await;
            // Dropped when the reader changed the order meanwhile, or left.
            if !matches!(self.list.receive(ticket, page), Answer::More { .. }) {
                return;
            }
            let (added, first_new) = newly_shown(&shown, &self.thread.read_untracked());
            self.announcement.set(self.i18n.t_count("comments.more_loaded", added as i64, &[]));
            if let Some((position, id)) = first_new {
                // Draw at least up to the first new comment, then take the reader there.
                self.render_limit.update(|limit| *limit = (*limit).max(position + RENDER_STEP));
                focus_comment(id);
            }
        });
    }

    /// Posts what `form` holds: shown at once as pending, confirmed or taken back when the
    /// backend answers, the draft cleared or kept, the failure shown where it belongs.
    fn post(self, form: Form) {
        if self.closed.get_untracked() || form.state.get_untracked() == PostState::Posting {
            return;
        }
        let parent_id = form.parent_id.get_value();
        let sent_body = form.body.get_untracked();
        let draft = NewComment::new(&form.name.get_untracked(), &sent_body, parent_id.clone());
        let comment = match draft.validate() {
            Ok(comment) => comment,
            // Said in the reader's language (`validate`'s messages are the backend's English).
            Err(_) => {
                form.errors.set(field_errors(self.i18n, &draft.problems()));
                form.state.set(PostState::Editing);
                return;
            }
        };
        form.errors.set(FieldErrors::default());
        form.state.set(PostState::Posting);
        let idempotency_key = form.key.get_value();
        let above = shown_above(
            &comment,
            self.sort.get_untracked(),
            self.list.with_untracked(Paged::has_more),
        );
        let shown = shown_at_once(&comment, &idempotency_key, time::to_rfc3339(now_ms()), above);
        let local_id = shown.comment.id.clone();
        self.posted.update(|list| {
            list.retain(|p| p.comment.id != local_id);
            list.push(shown);
        });

        let (client, article_id) = (self.client.get_value(), self.article_id.get_value());
        spawn_local(async move {
            let result = client.post_comment(&article_id, &comment, &idempotency_key).await;
            self.posted.try_update(|list| settle(list, &local_id, result.as_ref().ok()));
            match result {
                Ok(_) => {
                    let next = Draft {
                        name: comment.author.name.clone(),
                        body: String::new(),
                        idempotency_key: drafts::new_idempotency_key(),
                    };
                    let _ = form.key.try_set_value(next.idempotency_key.clone());
                    match draft_after_post(&sent_body, form.body.try_get_untracked(), next) {
                        None => {
                            drafts::clear(&article_id, parent_id.as_deref());
                            form.body.try_set(String::new());
                        }
                        Some(kept) => drafts::save(&article_id, parent_id.as_deref(), &kept),
                    }
                    form.state.try_set(PostState::Editing);
                    self.announcement.try_set(self.i18n.t("comments.posted"));
                    if parent_id.is_some() {
                        self.open_reply.try_set(None);
                    }
                }
                Err(error) => match failure_of(self.i18n, &error) {
                    Failure::Fields(fields) => {
                        form.errors.try_set(fields);
                        form.state.try_set(PostState::Editing);
                    }
                    Failure::Closed => {
                        form.state.try_set(PostState::Editing);
                        self.closed.try_set(true);
                    }
                    Failure::Retry(message) => {
                        form.state.try_set(PostState::Failed(message));
                    }
                    Failure::NewKey(message) => {
                        let _ = form.key.try_set_value(drafts::new_idempotency_key());
                        form.state.try_set(PostState::Failed(message));
                    }
                },
            }
        });
    }
}

/// What the section shows in place of its threads before and after its first page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown {
    Loading,
    Failed(&'static str),
    Threads,
}

impl Shown {
    /// A section that starts again (another order, a Retry) keeps showing what it had.
    fn of(comments: &Paged<Comment>) -> Shown {
        match comments.first() {
            None => Shown::Loading,
            Some(Err(error)) => Shown::Failed(error.message_key()),
            Some(Ok(())) => Shown::Threads,
        }
    }

    fn state(self, thread_is_empty: bool) -> &'static str {
        match self {
            Shown::Loading => "loading",
            Shown::Failed(_) => "error",
            Shown::Threads if thread_is_empty => "empty",
            Shown::Threads => "ready",
        }
    }
}

/// The heading's count: the backend's total and the reader's confirmed comments, or what is
/// shown when the backend gives no total; nothing until the first page is in.
fn comment_count(
    shown: Shown,
    total: Option<u64>,
    confirmed: usize,
    shown_count: impl FnOnce() -> usize,
) -> Option<usize> {
    (shown == Shown::Threads).then(|| match total {
        // A backend's total is untrusted: a huge one saturates rather than wrapping (wasm's usize
        // is 32 bits) or overflowing.
        Some(total) => usize::try_from(total).unwrap_or(usize::MAX).saturating_add(confirmed),
        None => shown_count(),
    })
}

/// How many entries of `thread` were not among the `shown` ids, and the place and id of the
/// first of them (replies land inside their threads, not only at the end).
fn newly_shown(shown: &HashSet<String>, thread: &Thread) -> (usize, Option<(usize, String)>) {
    let new_entries =
        thread.entries.iter().enumerate().filter(|(_, e)| !shown.contains(&e.comment.id));
    let (mut added, mut first) = (0, None);
    for (position, entry) in new_entries {
        added += 1;
        first.get_or_insert_with(|| (position, entry.comment.id.clone()));
    }
    (added, first)
}

/// Whether the reader's new comment goes above the threads: a reply goes under its parent, and a
/// top-level comment goes where the reader will see it, which is the top unless the list is in
/// oldest-first order with nothing more to load.
fn shown_above(comment: &NewComment, sort: Sort, has_more: bool) -> bool {
    comment.parent_id.is_none() && (sort == Sort::Newest || has_more)
}

/// The reader's comment as it is shown before the backend answers; its id is its key's, so a
/// Retry replaces it rather than adding another.
fn shown_at_once(comment: &NewComment, key: &str, created_at: String, above: bool) -> Posted {
    Posted {
        comment: Comment {
            id: format!("pending:{key}"),
            parent_id: comment.parent_id.clone(),
            author: Person { name: comment.author.name.clone(), url: None, avatar_url: None },
            body: comment.body.clone(),
            created_at,
            edited_at: None,
            deleted: false,
            score: None,
            language: None,
        },
        pending: true,
        above,
    }
}

/// The reader's comments once the backend answered for `local_id`: confirmed with the backend's
/// comment, or taken back when it failed (the form keeps the text).
fn settle(posted: &mut Vec<Posted>, local_id: &str, answer: Option<&Comment>) {
    match answer {
        Some(comment) => {
            for entry in posted.iter_mut().filter(|p| p.comment.id == local_id) {
                entry.comment = comment.clone();
                entry.pending = false;
            }
        }
        None => posted.retain(|p| p.comment.id != local_id),
    }
}

/// What the draft becomes once its comment is posted: `None`, cleared, when the form still holds
/// the text sent (or is gone); else what the reader typed meanwhile, kept under the new key.
fn draft_after_post(sent_body: &str, now_typed: Option<String>, next: Draft) -> Option<Draft> {
    match now_typed {
        Some(body) if body != sent_body => Some(Draft { body, ..next }),
        _ => None,
    }
}

part! {
    /// The comments section, a part of its own: an article page draws it after the article, and
    /// the card and related widgets never fetch it.
    pub(crate) fn comments_part(article_id: String, enabled: bool) -> AnyView,
    fetched by comments_code {
        view! { <CommentsSection article_id enabled/> }.into_any()
    }
}

/// An article's comments section, open or closed as `enabled` says; its code is fetched when
/// first drawn (see [`crate::parts`]).
pub fn comments(article_id: String, enabled: bool) -> impl IntoView {
    show_part(comments_code, move || comments_part(article_id.clone(), enabled), comments_stand_in)
}

/// What stands in for the comments section until it is drawn: the same section, name and
/// `data-state`, so nothing moves and tests find it by the same name.
pub fn comments_stand_in(pending: Pending) -> AnyView {
    let (state, body) = pending.state_and_content(4);
    view! {
        <section
            class="comments"
            aria-labelledby="comments-heading"
            data-state=state
            aria-busy=(state == "loading").then_some("true")
        >
            <h2 id="comments-heading">{use_i18n().t("comments.heading")}</h2>
            {body}
        </section>
    }
    .into_any()
}

#[component]
fn CommentsSection(article_id: String, enabled: bool) -> impl IntoView {
    let i18n = use_i18n();
    let section = Section::new(expect_context::<Client>(), article_id, enabled, i18n);
    section.load();
    let shown = Memo::new(move |_| section.list.with(Shown::of));
    let has_more = Memo::new(move |_| section.list.with(Paged::has_more));
    let loading_more = Memo::new(move |_| section.list.with(|list| list.busy() == Busy::More));
    let more_failed =
        Memo::new(move |_| section.list.with(|list| list.more_error().map(ApiError::message_key)));
    let thread = section.thread;
    let count = Memo::new(move |_| {
        let confirmed = section.posted.read().iter().filter(|p| !p.pending).count();
        let total = section.list.with(Paged::total);
        comment_count(shown.get(), total, confirmed, || thread.read().len())
    });
    let state = move || shown.get().state(thread.read().is_empty());

    let reply_form = ViewFn::from(move || {
        let Some(parent_id) = section.open_reply.get_untracked() else { return ().into_any() };
        let author = thread.with_untracked(|thread| {
            thread
                .entries
                .iter()
                .find(|e| e.comment.id == parent_id)
                .map(|e| author_name(section.i18n, &e.comment))
        });
        view! { <Composer section parent=(parent_id, author.unwrap_or_default())/> }.into_any()
    });
    let on_reply = Callback::new(move |id: String| section.open_reply.set(Some(id)));
    let can_reply = Signal::derive(move || !section.closed.get());

    let heading = move || match count.get() {
        Some(count) => i18n.t_count("comments.heading_with_count", count as i64, &[]),
        None => i18n.t("comments.heading"),
    };

    view! {
        <section
            class="comments"
            aria-labelledby="comments-heading"
            data-state=state
            aria-busy=move || (state() == "loading").then_some("true")
        >
            <h2 id="comments-heading">{heading}</h2>
            <p class="comments-announcer" role="status">{move || section.announcement.get()}</p>
            {move || if section.closed.get() {
                view! { <p class="comments-closed">{i18n.t("comments.closed")}</p> }.into_any()
            } else {
                view! { <Composer section/> }.into_any()
            }}
            {move || match shown.get() {
                Shown::Loading => view! { <Skeleton lines=4/> }.into_any(),
                Shown::Failed(message) => view! {
                    <LoadFailed message on_retry=move || section.reload()/>
                }
                .into_any(),
                Shown::Threads => view! {
                    {move || (!thread.read().is_empty()).then(|| view! {
                        <div class="comments-toolbar">
                            <label for="comments-sort">{i18n.t("comments.sort")}</label>
                            <select
                                id="comments-sort"
                                on:change=move |ev| {
                                    if let Some(new) = Sort::parse(&event_target_value(&ev)) {
                                        section.change_sort(new);
                                    }
                                }
                            >
                                <option value="oldest" selected=move || section.sort.get() == Sort::Oldest>{i18n.t("comments.oldest_first")}</option>
                                <option value="newest" selected=move || section.sort.get() == Sort::Newest>{i18n.t("comments.newest_first")}</option>
                            </select>
                        </div>
                    })}
                    {move || thread.read().is_empty().then(|| view! {
                        <p class="comments-empty">{i18n.t("comments.none_yet")}</p>
                    })}
                    <CommentThread
                        thread=thread
                        pending=section.pending
                        can_reply=can_reply
                        replying_to=section.open_reply
                        on_reply=on_reply
                        reply_form=reply_form.clone()
                        render_limit=section.render_limit
                    />
                    {move || has_more.get().then(|| view! {
                        <button
                            type="button"
                            class="comments-load-more"
                            aria-disabled=move || loading_more.get().then_some("true")
                            on:click=move |_| section.load_more()
                        >
                            {move || i18n.t(if loading_more.get() { "comments.loading_more" } else { "comments.load_more" })}
                        </button>
                    })}
                    {move || more_failed.get().map(|message| view! {
                        <LoadFailed message on_retry=move || section.load_more()/>
                    })}
                }
                .into_any(),
            }}
        </section>
    }
}

/// Moves focus to a comment once it is drawn (effects run before the next frame).
fn focus_comment(comment_id: String) {
    request_animation_frame(move || {
        let element = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.get_element_by_id(&comment_dom_id(&comment_id)))
            .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(element) = element {
            let _ = element.focus();
        }
    });
}

/// What one form holds: the reader's text as they type it, and where its post is.
#[derive(Clone, Copy)]
struct Form {
    /// The comment it answers, for a reply.
    parent_id: StoredValue<Option<String>>,
    name: RwSignal<String>,
    body: RwSignal<String>,
    /// Identifies this comment to the backend however often it is sent.
    key: StoredValue<String>,
    state: RwSignal<PostState>,
    errors: RwSignal<FieldErrors>,
}

/// The form for a top-level comment, or (with `parent`: its id and author) for a reply. It
/// keeps its draft in storage as the reader types; [`Section::post`] posts it.
#[component]
fn Composer(section: Section, #[prop(optional)] parent: Option<(String, String)>) -> impl IntoView {
    let article_id = section.article_id.get_value();
    let (parent_id, parent_author) = parent.unzip();
    let draft = drafts::load(&article_id, parent_id.as_deref());
    let form = Form {
        parent_id: StoredValue::new(parent_id.clone()),
        name: RwSignal::new(draft.name),
        body: RwSignal::new(draft.body),
        key: StoredValue::new(draft.idempotency_key),
        state: RwSignal::new(PostState::Editing),
        errors: RwSignal::new(FieldErrors::default()),
    };

    // Every keystroke is kept, so a reload or a crash loses nothing.
    Effect::new({
        let parent_id = parent_id.clone();
        move |_| {
            let draft = Draft {
                name: form.name.get(),
                body: form.body.get(),
                idempotency_key: form.key.get_value(),
            };
            drafts::save(&article_id, parent_id.as_deref(), &draft);
        }
    });

    let i18n = use_i18n();
    let label = match &parent_author {
        Some(author) if !author.is_empty() => {
            i18n.t_with("comments.reply_to", &[("author", author)])
        }
        Some(_) => i18n.t("comments.reply"),
        None => i18n.t("comments.write"),
    };
    let id_prefix = match &parent_id {
        Some(id) => format!("reply-{}", crate::api::encode_segment(id)),
        None => "new-comment".to_owned(),
    };
    let on_cancel =
        parent_id.is_some().then(|| Callback::new(move |()| section.open_reply.set(None)));
    view! {
        <CommentForm
            id_prefix
            name=form.name
            body=form.body
            state=form.state
            errors=form.errors
            on_submit=Callback::new(move |()| section.post(form))
            on_cancel=on_cancel
            label
        />
    }
}

/// What a failed post means for the form.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Failure {
    /// The backend named the fields at fault: messages go next to them.
    Fields(FieldErrors),
    /// Comments were closed meanwhile: the form goes (the draft stays in storage).
    Closed,
    /// A message with a Retry button, which sends the same comment with the same key.
    Retry(String),
    /// The key was already used for different text: Retry sends the text as it is now.
    NewKey(String),
}

/// The form's messages for the problems [`NewComment::problems`] found.
fn field_errors(i18n: I18n, problems: &[(&str, LengthProblem)]) -> FieldErrors {
    let mut errors = FieldErrors::default();
    for (field, problem) in problems {
        let body = *field == "body";
        let message = match problem {
            LengthProblem::Missing if body => i18n.t("comments.body_missing"),
            LengthProblem::Missing => i18n.t("comments.name_missing"),
            LengthProblem::TooLong { max, has } => i18n.t_count(
                if body { "comments.body_too_long" } else { "comments.name_too_long" },
                *max as i64,
                &[("has", &i18n.number(*has as i64))],
            ),
        };
        errors.set(field, &message);
    }
    errors
}

fn failure_of(i18n: I18n, error: &ApiError) -> Failure {
    match error {
        ApiError::Rejected(403, _) | ApiError::Status(403) => Failure::Closed,
        ApiError::Rejected(429, _) | ApiError::Status(429) => {
            Failure::Retry(i18n.t("comments.too_fast"))
        }
        ApiError::Rejected(_, detail) if detail.code == "idempotency_key_reused" => {
            Failure::NewKey(i18n.t("comments.changed_since_sent"))
        }
        ApiError::Rejected(_, detail) => {
            let mut fields = FieldErrors::default();
            match detail.field.as_deref() {
                Some(field) if fields.set(field, &detail.message) => Failure::Fields(fields),
                // 4xx messages are written for readers (the contract says to show them).
                _ => Failure::Retry(detail.message.clone()),
            }
        }
        other => Failure::Retry(
            i18n.t_with("comments.not_posted", &[("reason", &i18n.t(other.message_key()))]),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ErrorDetail, Page};

    fn rejected(status: u16, code: &str, field: Option<&str>) -> ApiError {
        ApiError::Rejected(
            status,
            ErrorDetail {
                code: code.into(),
                message: format!("server says {code}"),
                field: field.map(Into::into),
            },
        )
    }

    fn comment(id: &str, parent: Option<&str>) -> Comment {
        Comment {
            id: id.into(),
            parent_id: parent.map(Into::into),
            author: Person { name: format!("author of {id}"), url: None, avatar_url: None },
            body: format!("body of {id}"),
            created_at: "2026-01-01T00:00:00Z".into(),
            edited_at: None,
            deleted: false,
            score: None,
            language: None,
        }
    }

    fn new_comment(parent: Option<&str>) -> NewComment {
        NewComment::new("Ada", "Hello", parent.map(Into::into)).validate().unwrap()
    }

    #[test]
    fn the_readers_comment_goes_where_they_will_see_it() {
        let top = new_comment(None);
        assert!(shown_above(&top, Sort::Newest, false));
        assert!(shown_above(&top, Sort::Oldest, true), "more pages would come between");
        assert!(!shown_above(&top, Sort::Oldest, false), "the end of the list is in view");
        assert!(!shown_above(&new_comment(Some("c1")), Sort::Newest, true), "under its parent");

        let shown =
            shown_at_once(&new_comment(Some("c1")), "k1", "2026-01-02T00:00:00Z".into(), false);
        assert_eq!(shown.comment.id, "pending:k1");
        assert_eq!(shown.comment.parent_id.as_deref(), Some("c1"));
        assert_eq!(
            (shown.comment.author.name.as_str(), shown.comment.body.as_str()),
            ("Ada", "Hello")
        );
        assert!(shown.pending && !shown.above);
    }

    #[test]
    fn the_backends_answer_confirms_or_takes_back_the_comment_shown_at_once() {
        let at_once = shown_at_once(&new_comment(None), "k1", String::new(), true);
        let other = Posted {
            pending: false,
            ..shown_at_once(&new_comment(None), "k0", String::new(), true)
        };
        let mut posted = vec![other.clone(), at_once.clone()];
        let confirmed = comment("c9", None);
        settle(&mut posted, "pending:k1", Some(&confirmed));
        assert_eq!(posted[1], Posted { comment: confirmed, pending: false, above: true });
        assert_eq!(posted[0], other);

        let mut posted = vec![other.clone(), at_once];
        settle(&mut posted, "pending:k1", None);
        assert_eq!(posted, [other]);
    }

    #[test]
    fn a_posted_draft_is_cleared_unless_the_reader_typed_more_meanwhile() {
        let next = Draft { name: "Ada".into(), body: String::new(), idempotency_key: "k2".into() };
        assert_eq!(draft_after_post("Hello", Some("Hello".into()), next.clone()), None);
        assert_eq!(draft_after_post("Hello", None, next.clone()), None, "the form is gone");
        assert_eq!(
            draft_after_post("Hello", Some("Hello, and".into()), next.clone()),
            Some(Draft { body: "Hello, and".into(), ..next })
        );
    }

    #[test]
    fn what_is_announced_after_a_page_counts_only_comments_not_shown_before() {
        let before = Thread::from_flat(&[comment("a", None), comment("b", None)]);
        let shown: HashSet<String> = before.entries.iter().map(|e| e.comment.id.clone()).collect();
        // A reply to "a" lands inside its thread, above "b"; "b" again is not new.
        let after = Thread::from_flat(&[
            comment("a", None),
            comment("b", None),
            comment("r", Some("a")),
            comment("b", None),
            comment("c", None),
        ]);
        assert_eq!(newly_shown(&shown, &after), (2, Some((1, "r".to_owned()))));
        assert_eq!(newly_shown(&shown, &before), (0, None));
    }

    #[test]
    fn the_list_shows_its_loading_failure_or_threads_and_the_count() {
        let mut comments = Paged::<Comment>::default();
        assert_eq!(Shown::of(&comments), Shown::Loading);
        assert_eq!(Shown::Loading.state(true), "loading");
        let ticket = comments.reset();
        comments.receive(ticket, Err(ApiError::Network));
        let failed = Shown::of(&comments);
        assert_eq!(failed, Shown::Failed(ApiError::Network.message_key()));
        assert_eq!(failed.state(true), "error");
        assert_eq!(comment_count(failed, None, 0, || 3), None);

        let ticket = comments.reset();
        assert_eq!(Shown::of(&comments), failed, "the failure stays while Retry asks again");
        let page = Page { items: vec![comment("a", None)], next_cursor: None, total: Some(40) };
        comments.receive(ticket, Ok(page));
        assert_eq!(Shown::of(&comments), Shown::Threads);
        comments.reset();
        assert_eq!(Shown::of(&comments), Shown::Threads, "another order keeps the threads shown");
        assert_eq!((Shown::Threads.state(true), Shown::Threads.state(false)), ("empty", "ready"));
        assert_eq!(comment_count(Shown::Threads, Some(40), 2, || 3), Some(42));
        assert_eq!(comment_count(Shown::Threads, None, 2, || 3), Some(3));
        let huge = Some(u64::MAX);
        assert_eq!(comment_count(Shown::Threads, huge, 2, || 3), Some(usize::MAX));
        let just_under = Some(usize::MAX as u64 - 1);
        assert_eq!(comment_count(Shown::Threads, just_under, 5, || 3), Some(usize::MAX));
    }

    #[test]
    fn field_errors_from_the_server_go_next_to_their_field() {
        let Failure::Fields(fields) =
            failure_of(I18n::english(), &rejected(422, "validation", Some("body")))
        else {
            panic!("expected field errors")
        };
        assert_eq!(fields.body.as_deref(), Some("server says validation"));
        assert_eq!(
            failure_of(I18n::english(), &rejected(422, "validation", Some("parent_id"))),
            Failure::Retry("server says validation".into())
        );
        assert_eq!(
            failure_of(I18n::english(), &rejected(400, "bad_json", None)),
            Failure::Retry("server says bad_json".into())
        );
    }

    #[test]
    fn closed_rate_limited_and_unreachable_each_say_what_to_do() {
        assert_eq!(
            failure_of(I18n::english(), &rejected(403, "comments_closed", None)),
            Failure::Closed
        );
        assert_eq!(failure_of(I18n::english(), &ApiError::Status(403)), Failure::Closed);
        let Failure::Retry(message) =
            failure_of(I18n::english(), &rejected(429, "rate_limited", None))
        else {
            panic!("expected a retry")
        };
        assert!(message.contains("wait a minute"));
        let Failure::Retry(message) = failure_of(I18n::english(), &ApiError::Status(503)) else {
            panic!("retry")
        };
        assert!(message.starts_with("Your comment wasn’t posted."));
        assert!(matches!(failure_of(I18n::english(), &ApiError::Network), Failure::Retry(_)));
        assert!(matches!(
            failure_of(I18n::english(), &rejected(422, "idempotency_key_reused", None)),
            Failure::NewKey(_)
        ));
    }
}
