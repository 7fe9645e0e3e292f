//! Threads of comments as one flat, indented list: replies, collapsing, and drawing only as many
//! entries as the reader has asked to see, so even huge threads never freeze the page.

use std::collections::HashSet;

use leptos::prelude::*;

use crate::components::comment::{comment_dom_id, CommentView};
use crate::components::painted;
use crate::model::thread::{display_name, ReplyingTo, Thread, ThreadEntry};

/// Entries drawn at first, and added by each "Show more".
pub const RENDER_STEP: usize = 100;
/// Entries drawn in the very first frame; the rest of the first step follows a task later, so
/// the first comments show quickly and no single task draws (and lays out) a hundred.
pub const FIRST_FRAME: usize = 20;

/// One drawn entry, with everything that changes how it looks (so a change redraws it).
#[derive(Debug, Clone, PartialEq)]
struct Row {
    entry: ThreadEntry,
    collapsed: bool,
    pending: bool,
}

impl Row {
    /// Everything that changes how the row looks: a change redraws it.
    fn key(&self) -> (String, bool, bool, usize, usize, Option<ReplyingTo>) {
        let entry = &self.entry;
        (
            entry.comment.id.clone(),
            self.collapsed,
            self.pending,
            entry.replies,
            entry.depth,
            entry.replying_to.clone(),
        )
    }
}

#[component]
pub fn CommentThread(
    #[prop(into)] thread: Signal<Thread>,
    /// Ids of comments sent but not yet confirmed.
    #[prop(into, optional)]
    pending: Signal<HashSet<String>>,
    /// Whether replies may be written (comments are open).
    #[prop(into, optional)]
    can_reply: Signal<bool>,
    /// The comment whose reply form is open.
    #[prop(into, optional)]
    replying_to: Signal<Option<String>>,
    /// The reader pressed Reply on this comment.
    #[prop(optional)]
    on_reply: Option<Callback<String>>,
    /// The reply form, drawn under the comment in `replying_to`.
    #[prop(optional)]
    reply_form: Option<ViewFn>,
    /// How many entries to draw; the page raises it to show comments it has just loaded.
    #[prop(optional)]
    render_limit: Option<RwSignal<usize>>,
) -> impl IntoView {
    let collapsed = RwSignal::new(HashSet::<String>::new());
    let render_limit = render_limit.unwrap_or_else(|| RwSignal::new(RENDER_STEP));
    let painted = painted(true);
    let rows = Memo::new(move |_| {
        let thread = thread.read();
        let collapsed = collapsed.read();
        let pending = pending.read();
        let limit = match painted.get() {
            true => render_limit.get(),
            false => render_limit.get().min(FIRST_FRAME),
        };
        thread
            .visible(&collapsed)
            .take(limit)
            .map(|entry| Row {
                entry: entry.clone(),
                collapsed: collapsed.contains(&entry.comment.id),
                pending: pending.contains(&entry.comment.id),
            })
            .collect::<Vec<_>>()
    });
    let not_drawn = Memo::new(move |_| {
        let visible = thread.read().visible(&collapsed.read()).count();
        visible.saturating_sub(render_limit.get())
    });
    let toggle = move |id: String| {
        collapsed.update(|set| {
            if !set.remove(&id) {
                set.insert(id);
            }
        })
    };

    view! {
        <ol class="comment-list">
            <For
                each=move || rows.get()
                key=|row| row.key()
                children=move |row: Row| {
                    let Row { entry, collapsed, pending } = row;
                    let id = entry.comment.id.clone();
                    let author = display_name(&entry.comment);
                    let replyable = !pending && !entry.comment.deleted;
                    let replies = entry.replies;
                    let (depth, indent) = (entry.depth, entry.indent());
                    let reply_button = {
                        let id = id.clone();
                        move || {
                            (replyable && can_reply.get()).then(|| {
                                let id = id.clone();
                                view! {
                                    <button
                                        type="button"
                                        class="comment-action"
                                        aria-label=format!("Reply to {author}")
                                        on:click=move |_| {
                                            if let Some(on_reply) = on_reply {
                                                on_reply.run(id.clone());
                                            }
                                        }
                                    >"Reply"</button>
                                }
                            })
                        }
                    };
                    let collapse_button = (replies > 0).then(|| {
                        let id = id.clone();
                        let label = if collapsed {
                            format!("Show {replies} {}", if replies == 1 { "reply" } else { "replies" })
                        } else {
                            "Hide replies".to_owned()
                        };
                        view! {
                            <button
                                type="button"
                                class="comment-action"
                                aria-expanded=if collapsed { "false" } else { "true" }
                                on:click=move |_| toggle(id.clone())
                            >{label}</button>
                        }
                    });
                    let form = {
                        let id = id.clone();
                        let reply_form = reply_form.clone();
                        move || {
                            let open = replying_to.read().as_deref() == Some(id.as_str());
                            open.then(|| reply_form.as_ref().map(ViewFn::run))
                        }
                    };
                    view! {
                        <li
                            class="comment-entry"
                            id=comment_dom_id(&id)
                            tabindex="-1"
                            data-depth=depth
                            data-indent=indent
                        >
                            <CommentView comment=entry.comment replying_to=entry.replying_to pending/>
                            <div class="comment-actions">{reply_button}{collapse_button}</div>
                            {form}
                        </li>
                    }
                }
            />
        </ol>
        {move || (not_drawn.get() > 0).then(|| view! {
            <button
                type="button"
                class="comment-show-more"
                on:click=move |_| render_limit.update(|limit| *limit += RENDER_STEP)
            >{format!("Show more ({} not shown)", not_drawn.get())}</button>
        })}
    }
}
