//! The comments section under an article: threads, sorting, paging, and the forms that post
//! comments and replies without ever losing what the reader typed.

use std::collections::HashSet;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;

use crate::api::comments::Sort;
use crate::api::{leave_signal, yield_to_browser, ApiError, Client};
use crate::clock::now_ms;
use crate::components::comment::comment_dom_id;
use crate::components::comment_thread::RENDER_STEP;
use crate::components::{CommentForm, CommentThread, FieldErrors, LoadFailed, PostState, Skeleton};
use crate::drafts::{self, Draft};
use crate::fetched::Fetched;
use crate::model::thread::{display_name, Thread};
use crate::model::{time, Comment, NewComment, Page, Person};
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

/// What the section's forms share with it.
#[derive(Clone, Copy)]
struct Section {
    article_id: StoredValue<String>,
    sort: RwSignal<Sort>,
    /// Closed by the article's settings, or by the backend answering 403.
    closed: RwSignal<bool>,
    posted: RwSignal<Vec<Posted>>,
    has_more: Memo<bool>,
    announcement: RwSignal<String>,
    open_reply: RwSignal<Option<String>>,
}

#[component]
pub fn CommentsSection(article_id: String, enabled: bool) -> impl IntoView {
    let client = expect_context::<Client>();
    // Leaving the article aborts whatever comments request is still running.
    let leave = SendWrapper::new(leave_signal());
    let sort = RwSignal::new(
        storage::get(storage::COMMENT_SORT).and_then(|s| Sort::parse(&s)).unwrap_or_default(),
    );
    let first_page = Fetched::new({
        let client = client.clone();
        let article_id = article_id.clone();
        let leave = leave.clone();
        move || {
            let client = client.clone();
            let article_id = article_id.clone();
            let leave = leave.clone();
            let sort = sort.get();
            async move {
                let page = client.comments(&article_id, sort, None, Some(&leave)).await;
                // Decoding a big page is one task; building and drawing the thread is the next,
                // so neither blocks the page for long.
                yield_to_browser().await;
                page.map(Arc::new)
            }
        }
    });
    // Shared, not copied: a page can hold 10,000 comments.
    let first: Memo<Option<Result<Arc<Page<Comment>>, ApiError>>> =
        Memo::new(move |_| first_page.get());
    // Pages after the first, and the cursor after the last of them (`None` until one is loaded).
    let later_pages = RwSignal::new(Vec::<Comment>::new());
    let later_cursor = RwSignal::new(None::<Option<String>>);
    let posted = RwSignal::new(Vec::<Posted>::new());
    let render_limit = RwSignal::new(RENDER_STEP);
    let loading_more = RwSignal::new(false);
    let load_more_error = RwSignal::new(None::<ApiError>);
    // Bumped whenever the loaded pages are thrown away, so a late answer for them is ignored.
    let generation = RwSignal::new(0u32);

    let thread = Memo::new(move |_| {
        let first = first.read();
        let Some(Ok(page)) = first.as_ref() else { return Thread::default() };
        let posted = posted.read();
        let later_pages = later_pages.read();
        let above = posted.iter().rev().filter(|p| p.above).map(|p| &p.comment);
        let below = posted.iter().filter(|p| !p.above).map(|p| &p.comment);
        Thread::from_flat(above.chain(&page.items).chain(later_pages.iter()).chain(below))
    });
    let pending = Memo::new(move |_| {
        posted
            .read()
            .iter()
            .filter(|p| p.pending)
            .map(|p| p.comment.id.clone())
            .collect::<HashSet<_>>()
    });
    let next_cursor = Memo::new(move |_| match later_cursor.get() {
        Some(cursor) => cursor,
        None => {
            first.read().as_ref().and_then(|r| r.as_ref().ok()).and_then(|p| p.next_cursor.clone())
        }
    });
    let has_more = Memo::new(move |_| next_cursor.read().as_deref().is_some_and(|c| !c.is_empty()));
    let count = Memo::new(move |_| {
        let confirmed = posted.read().iter().filter(|p| !p.pending).count();
        match first.read().as_ref() {
            Some(Ok(page)) => Some(match page.total {
                Some(total) => total as usize + confirmed,
                None => thread.read().len(),
            }),
            _ => None,
        }
    });
    let state = move || match first.read().as_ref() {
        None => "loading",
        Some(Err(_)) => "error",
        Some(Ok(_)) if thread.read().is_empty() => "empty",
        Some(Ok(_)) => "ready",
    };

    let section = Section {
        article_id: StoredValue::new(article_id.clone()),
        sort,
        closed: RwSignal::new(!enabled),
        posted,
        has_more,
        announcement: RwSignal::new(String::new()),
        open_reply: RwSignal::new(None),
    };

    // Everything loaded so far is dropped; what the reader posted is in the new pages.
    let forget_loaded = move || {
        generation.update(|g| *g += 1);
        later_pages.set(Vec::new());
        later_cursor.set(None);
        posted.update(|list| list.retain(|p| p.pending));
        render_limit.set(RENDER_STEP);
        loading_more.set(false);
        load_more_error.set(None);
        section.open_reply.set(None);
    };
    let change_sort = move |new: Sort| {
        if new != sort.get_untracked() {
            storage::set(storage::COMMENT_SORT, new.as_str());
            forget_loaded();
            sort.set(new);
        }
    };
    let reload = move || {
        forget_loaded();
        first_page.refetch();
    };

    let load_more = {
        let client = client.clone();
        move || {
            let Some(cursor) = next_cursor.get_untracked() else { return };
            if loading_more.get_untracked() {
                return;
            }
            loading_more.set(true);
            load_more_error.set(None);
            let shown: HashSet<String> =
                thread.read_untracked().entries.iter().map(|e| e.comment.id.clone()).collect();
            let (asked_generation, asked_sort) = (generation.get_untracked(), sort.get_untracked());
            let client = client.clone();
            let article_id = section.article_id.get_value();
            let leave = leave.clone();
            spawn_local(async move {
                let result =
                    client.comments(&article_id, asked_sort, Some(cursor), Some(&leave)).await;
                if generation.try_get_untracked() != Some(asked_generation) {
                    return; // the reader changed the order meanwhile, or left
                }
                loading_more.set(false);
                match result {
                    Ok(page) => {
                        later_pages.update(|pages| pages.extend(page.items));
                        later_cursor.set(Some(page.next_cursor));
                        let thread = thread.read_untracked();
                        let new_entries = thread
                            .entries
                            .iter()
                            .enumerate()
                            .filter(|(_, e)| !shown.contains(&e.comment.id));
                        let (mut added, mut first_new) = (0, None);
                        for (position, entry) in new_entries {
                            added += 1;
                            first_new.get_or_insert((position, entry.comment.id.clone()));
                        }
                        section.announcement.set(match added {
                            0 => "No more comments.".to_owned(),
                            1 => "1 more comment loaded.".to_owned(),
                            n => format!("{n} more comments loaded."),
                        });
                        if let Some((position, id)) = first_new {
                            // Draw at least up to the first new comment, then take the reader there.
                            render_limit
                                .update(|limit| *limit = (*limit).max(position + RENDER_STEP));
                            focus_comment(id);
                        }
                    }
                    Err(error) => load_more_error.set(Some(error)),
                }
            });
        }
    };
    let load_more = StoredValue::new_local(load_more);

    let reply_form = ViewFn::from(move || {
        let Some(parent_id) = section.open_reply.get_untracked() else { return ().into_any() };
        let author = thread.with_untracked(|thread| {
            thread
                .entries
                .iter()
                .find(|e| e.comment.id == parent_id)
                .map(|e| display_name(&e.comment))
        });
        view! { <Composer section parent=(parent_id, author.unwrap_or_default())/> }.into_any()
    });
    let on_reply = Callback::new(move |id: String| section.open_reply.set(Some(id)));
    let can_reply = Signal::derive(move || !section.closed.get());

    let heading = move || match count.get() {
        Some(count) => format!("Comments ({count})"),
        None => "Comments".to_owned(),
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
                view! { <p class="comments-closed">"Comments are closed"</p> }.into_any()
            } else {
                view! { <Composer section/> }.into_any()
            }}
            {move || match first.get() {
                None => view! { <Skeleton lines=4/> }.into_any(),
                Some(Err(error)) => view! {
                    <LoadFailed message=error.reader_message() on_retry=reload/>
                }
                .into_any(),
                Some(Ok(_)) => view! {
                    {move || (!thread.read().is_empty()).then(|| view! {
                        <div class="comments-toolbar">
                            <label for="comments-sort">"Sort comments"</label>
                            <select
                                id="comments-sort"
                                on:change=move |ev| {
                                    if let Some(new) = Sort::parse(&event_target_value(&ev)) {
                                        change_sort(new);
                                    }
                                }
                            >
                                <option value="oldest" selected=move || sort.get() == Sort::Oldest>"Oldest first"</option>
                                <option value="newest" selected=move || sort.get() == Sort::Newest>"Newest first"</option>
                            </select>
                        </div>
                    })}
                    {move || thread.read().is_empty().then(|| view! {
                        <p class="comments-empty">"No comments yet"</p>
                    })}
                    <CommentThread
                        thread=thread
                        pending=pending
                        can_reply=can_reply
                        replying_to=section.open_reply
                        on_reply=on_reply
                        reply_form=reply_form.clone()
                        render_limit=render_limit
                    />
                    {move || has_more.get().then(|| view! {
                        <button
                            type="button"
                            class="comments-load-more"
                            aria-disabled=move || loading_more.get().then_some("true")
                            on:click=move |_| load_more.with_value(|load| load())
                        >
                            {move || if loading_more.get() { "Loading comments…" } else { "Load more comments" }}
                        </button>
                    })}
                    {move || load_more_error.get().map(|error| view! {
                        <LoadFailed
                            message=error.reader_message()
                            on_retry=move || load_more.with_value(|load| load())
                        />
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

/// The form for a top-level comment, or (with `parent`: its id and author) for a reply. It
/// keeps its draft in storage as the reader types and posts through the [`Client`].
#[component]
fn Composer(section: Section, #[prop(optional)] parent: Option<(String, String)>) -> impl IntoView {
    let client = expect_context::<Client>();
    let article_id = section.article_id.get_value();
    let (parent_id, parent_author) = parent.unzip();
    let draft = drafts::load(&article_id, parent_id.as_deref());
    let name = RwSignal::new(draft.name);
    let body = RwSignal::new(draft.body);
    let key = StoredValue::new(draft.idempotency_key);
    let state = RwSignal::new(PostState::Editing);
    let errors = RwSignal::new(FieldErrors::default());

    // Every keystroke is kept, so a reload or a crash loses nothing.
    Effect::new({
        let (article_id, parent_id) = (article_id.clone(), parent_id.clone());
        move |_| {
            let draft =
                Draft { name: name.get(), body: body.get(), idempotency_key: key.get_value() };
            drafts::save(&article_id, parent_id.as_deref(), &draft);
        }
    });

    let submit = Callback::new({
        let (article_id, parent_id) = (article_id.clone(), parent_id.clone());
        move |()| {
            if section.closed.get_untracked() || state.get_untracked() == PostState::Posting {
                return;
            }
            let sent_body = body.get_untracked();
            let comment =
                match NewComment::new(&name.get_untracked(), &sent_body, parent_id.clone())
                    .validate()
                {
                    Ok(comment) => comment,
                    Err(problems) => {
                        errors.set(FieldErrors::from_field_errors(&problems));
                        state.set(PostState::Editing);
                        return;
                    }
                };
            errors.set(FieldErrors::default());
            state.set(PostState::Posting);
            let idempotency_key = key.get_value();
            let local_id = format!("pending:{idempotency_key}");
            let above = parent_id.is_none()
                && (section.sort.get_untracked() == Sort::Newest
                    || section.has_more.get_untracked());
            let shown_at_once = Posted {
                comment: Comment {
                    id: local_id.clone(),
                    parent_id: comment.parent_id.clone(),
                    author: Person {
                        name: comment.author.name.clone(),
                        url: None,
                        avatar_url: None,
                    },
                    body: comment.body.clone(),
                    created_at: time::to_rfc3339(now_ms()),
                    edited_at: None,
                    deleted: false,
                    score: None,
                },
                pending: true,
                above,
            };
            section.posted.update(|list| {
                list.retain(|p| p.comment.id != local_id);
                list.push(shown_at_once);
            });

            let (client, article_id, parent_id) =
                (client.clone(), article_id.clone(), parent_id.clone());
            spawn_local(async move {
                let result = client.post_comment(&article_id, &comment, &idempotency_key).await;
                let posted = result.clone().ok();
                section.posted.try_update(|list| match posted {
                    Some(posted) => {
                        for entry in list.iter_mut().filter(|p| p.comment.id == local_id) {
                            entry.comment = posted.clone();
                            entry.pending = false;
                        }
                    }
                    None => list.retain(|p| p.comment.id != local_id),
                });
                match result {
                    Ok(_) => {
                        // A new comment gets a new key; the text goes unless the reader typed
                        // more while it was on its way.
                        let next = Draft {
                            name: comment.author.name.clone(),
                            body: String::new(),
                            idempotency_key: drafts::new_idempotency_key(),
                        };
                        let _ = key.try_set_value(next.idempotency_key.clone());
                        let current = body.try_get_untracked();
                        if current.as_deref() == Some(sent_body.as_str()) || current.is_none() {
                            drafts::clear(&article_id, parent_id.as_deref());
                            body.try_set(String::new());
                        } else if let Some(current) = current {
                            drafts::save(
                                &article_id,
                                parent_id.as_deref(),
                                &Draft { body: current, ..next },
                            );
                        }
                        state.try_set(PostState::Editing);
                        section.announcement.try_set("Your comment was posted.".to_owned());
                        if parent_id.is_some() {
                            section.open_reply.try_set(None);
                        }
                    }
                    Err(error) => match failure_of(&error) {
                        Failure::Fields(fields) => {
                            errors.try_set(fields);
                            state.try_set(PostState::Editing);
                        }
                        Failure::Closed => {
                            state.try_set(PostState::Editing);
                            section.closed.try_set(true);
                        }
                        Failure::Retry(message) => {
                            state.try_set(PostState::Failed(message));
                        }
                        Failure::NewKey(message) => {
                            let _ = key.try_set_value(drafts::new_idempotency_key());
                            state.try_set(PostState::Failed(message));
                        }
                    },
                }
            });
        }
    });

    let label = match &parent_author {
        Some(author) if !author.is_empty() => format!("Reply to {author}"),
        Some(_) => "Reply".to_owned(),
        None => "Write a comment".to_owned(),
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
            name
            body
            state
            errors
            on_submit=submit
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

fn failure_of(error: &ApiError) -> Failure {
    const TOO_FAST: &str =
        "You’re posting faster than this site allows. Please wait a minute, then press Retry.";
    match error {
        ApiError::Rejected(403, _) | ApiError::Status(403) => Failure::Closed,
        ApiError::Rejected(429, _) | ApiError::Status(429) => Failure::Retry(TOO_FAST.to_owned()),
        ApiError::Rejected(_, detail) if detail.code == "idempotency_key_reused" => Failure::NewKey(
            "Your comment changed after it was first sent. Press Retry to send it as it is now."
                .to_owned(),
        ),
        ApiError::Rejected(_, detail) => {
            let mut fields = FieldErrors::default();
            match detail.field.as_deref() {
                Some(field) if fields.set(field, &detail.message) => Failure::Fields(fields),
                // 4xx messages are written for readers (the contract says to show them).
                _ => Failure::Retry(detail.message.clone()),
            }
        }
        other => Failure::Retry(format!("Your comment wasn’t posted. {}", other.reader_message())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ErrorDetail;

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

    #[test]
    fn field_errors_from_the_server_go_next_to_their_field() {
        let Failure::Fields(fields) = failure_of(&rejected(422, "validation", Some("body"))) else {
            panic!("expected field errors")
        };
        assert_eq!(fields.body.as_deref(), Some("server says validation"));
        assert_eq!(
            failure_of(&rejected(422, "validation", Some("parent_id"))),
            Failure::Retry("server says validation".into())
        );
        assert_eq!(
            failure_of(&rejected(400, "bad_json", None)),
            Failure::Retry("server says bad_json".into())
        );
    }

    #[test]
    fn closed_rate_limited_and_unreachable_each_say_what_to_do() {
        assert_eq!(failure_of(&rejected(403, "comments_closed", None)), Failure::Closed);
        assert_eq!(failure_of(&ApiError::Status(403)), Failure::Closed);
        let Failure::Retry(message) = failure_of(&rejected(429, "rate_limited", None)) else {
            panic!("expected a retry")
        };
        assert!(message.contains("wait a minute"));
        let Failure::Retry(message) = failure_of(&ApiError::Status(503)) else { panic!("retry") };
        assert!(message.starts_with("Your comment wasn’t posted."));
        assert!(matches!(failure_of(&ApiError::Network), Failure::Retry(_)));
        assert!(matches!(
            failure_of(&rejected(422, "idempotency_key_reused", None)),
            Failure::NewKey(_)
        ));
    }
}
