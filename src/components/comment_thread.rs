//! Threads of comments as one flat, indented list: replies, collapsing, and drawing only as many
//! entries as the reader has asked to see, so even huge threads never freeze the page.

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};

use leptos::prelude::*;

use crate::components::comment::{author_name, comment_dom_id, CommentView};
use crate::components::painted;
use crate::i18n::use_i18n;
use crate::model::thread::{Thread, ThreadEntry};

/// Entries drawn at first, and added by each "Show more".
pub const RENDER_STEP: usize = 100;
/// Entries drawn in the very first frame; the rest of the first step follows a task later, so
/// the first comments show quickly and no single task draws (and lays out) a hundred.
pub const FIRST_FRAME: usize = 20;

/// One drawn entry, with everything that changes how it looks.
#[derive(Debug, Clone, PartialEq, Hash)]
struct Row {
    entry: ThreadEntry,
    collapsed: bool,
    pending: bool,
}

/// A row's key in the list: its comment's id, unique among rows, and a digest of the whole row,
/// so that a change to any of its fields (any field a comment gains later, too) redraws it.
#[derive(Debug, PartialEq, Eq, Hash)]
struct RowKey {
    id: String,
    version: u64,
}

impl Row {
    fn key(&self) -> RowKey {
        // SipHash with fixed keys, as `HashSet` already has in the bundle; a collision between
        // two versions of one comment is a 1 in 2^64 chance of a row not redrawn.
        let mut digest = DefaultHasher::new();
        self.hash(&mut digest);
        RowKey { id: self.entry.comment.id.clone(), version: digest.finish() }
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
    let i18n = use_i18n();
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
                    let author = author_name(i18n, &entry.comment);
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
                                        aria-label=i18n.t_with("comments.reply_to", &[("author", &author)])
                                        on:click=move |_| {
                                            if let Some(on_reply) = on_reply {
                                                on_reply.run(id.clone());
                                            }
                                        }
                                    >{i18n.t("comments.reply")}</button>
                                }
                            })
                        }
                    };
                    let collapse_button = (replies > 0).then(|| {
                        let id = id.clone();
                        let label = if collapsed {
                            i18n.t_count("comments.show_replies", replies as i64, &[])
                        } else {
                            i18n.t("comments.hide_replies")
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
            >{move || i18n.t_count("comments.show_more_not_shown", not_drawn.get() as i64, &[])}</button>
        })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::thread::ReplyingTo;
    use crate::model::{Comment, Person};

    fn row() -> Row {
        let comment = Comment {
            id: "c1".into(),
            parent_id: None,
            author: Person { name: "Ada".into(), url: None, avatar_url: None },
            body: "First".into(),
            created_at: "2026-01-01T00:00:00Z".into(),
            edited_at: None,
            deleted: false,
            score: None,
            language: None,
        };
        let entry = ThreadEntry { comment, depth: 0, replying_to: None, replies: 0 };
        Row { entry, collapsed: false, pending: false }
    }

    #[test]
    fn a_change_to_any_field_of_a_row_changes_its_key() {
        let before = row();
        assert_eq!(before.key(), row().key(), "the same row keeps its key");
        let changes: [fn(&mut Row); 13] = [
            |r| r.entry.comment.body.push('!'),
            |r| r.entry.comment.author.name.push('!'),
            |r| r.entry.comment.author.url = Some("https://example.com/".into()),
            |r| r.entry.comment.author.avatar_url = Some("https://example.com/a.png".into()),
            |r| r.entry.comment.parent_id = Some("c0".into()),
            |r| r.entry.comment.created_at.push('!'),
            |r| r.entry.comment.edited_at = Some("2026-01-02T00:00:00Z".into()),
            |r| r.entry.comment.deleted = true,
            |r| r.entry.comment.score = Some(3),
            |r| r.entry.replying_to = Some(ReplyingTo::NotShown),
            |r| r.entry.replies = 2,
            |r| r.entry.depth = 1,
            |r| r.collapsed = true,
        ];
        for (n, change) in changes.into_iter().enumerate() {
            let mut after = row();
            change(&mut after);
            assert_eq!(after.key().id, before.key().id);
            assert_ne!(after.key(), before.key(), "change {n}");
        }
        let mut pending = row();
        pending.pending = true;
        assert_ne!(pending.key(), before.key());
    }
}
