//! One comment as readers see it: who, when, whom it answers, and its text, with web addresses
//! linked and nothing else interpreted.

use leptos::prelude::*;

use crate::components::RelativeTime;
use crate::i18n::{use_i18n, I18n};
use crate::linkify::{linkify, Segment};
use crate::model::thread::{display_name, AuthorName, ReplyingTo};
use crate::model::{own_language, Comment, UNKNOWN_LANGUAGE};

/// The `id` of a comment's element, so that focus can be moved to it (ids are opaque strings:
/// the browser's `getElementById` takes any of them).
pub fn comment_dom_id(comment_id: &str) -> String {
    format!("comment-{comment_id}")
}

/// The name a comment is shown under.
pub fn author_name(i18n: I18n, comment: &Comment) -> String {
    name_shown(i18n, display_name(comment))
}

/// A name from the thread, in the interface's language where it has none of its own (an author
/// without a name, a deleted comment).
fn name_shown(i18n: I18n, name: AuthorName) -> String {
    match name {
        AuthorName::Named(name) => name,
        AuthorName::Anonymous => i18n.t("comments.anonymous"),
        AuthorName::Deleted => i18n.t("comments.deleted"),
    }
}

/// A name from the thread as it is shown, with its `lang` and `dir`: a commenter's own name is in
/// no known language (not the interface's) and its own direction; the interface's word for a
/// missing one is in the interface's.
fn name_shown_in(
    i18n: I18n,
    name: AuthorName,
) -> (String, Option<&'static str>, Option<&'static str>) {
    let (lang, dir) = UNKNOWN_LANGUAGE;
    match name {
        AuthorName::Named(name) => (name, Some(lang), Some(dir)),
        missing => (name_shown(i18n, missing), None, None),
    }
}

#[component]
pub fn CommentView(
    comment: Comment,
    /// Whom it answers, when its indentation cannot show that.
    #[prop(optional_no_strip)]
    replying_to: Option<ReplyingTo>,
    /// Sent but not yet confirmed by the backend.
    #[prop(optional)]
    pending: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let author = (!comment.deleted).then(|| display_name(&comment));
    let replying_to = replying_to.map(|target| match target {
        ReplyingTo::Author(name) => view! {
            <p class="comment-replying-to">
                {i18n.t("comments.replying_to")} " "
                {
                    let (name, lang, dir) = name_shown_in(i18n, name);
                    view! { <span lang=lang dir=dir>{name}</span> }
                }
            </p>
        }
        .into_any(),
        ReplyingTo::NotShown => view! {
            <p class="comment-replying-to">{i18n.t("comments.replying_to_hidden")}</p>
        }
        .into_any(),
    });
    let body = if comment.deleted {
        view! { <p class="comment-body comment-deleted">{i18n.t("comments.deleted")}</p> }
            .into_any()
    } else {
        view! { <CommentText text=comment.body language=comment.language/> }.into_any()
    };
    view! {
        <div class="comment" class:comment-pending=pending>
            <p class="comment-meta">
                {author.map(|name| {
                    let (name, lang, dir) = name_shown_in(i18n, name);
                    view! { <span class="comment-author" lang=lang dir=dir>{name}</span> }
                })}
                <RelativeTime timestamp=comment.created_at/>
                {pending.then(|| view! { <span class="comment-badge">{i18n.t("comments.posting")}</span> })}
            </p>
            {replying_to}
            {body}
        </div>
    }
}

/// A comment's body: plain text with its line breaks, `http(s)` addresses as links. Links are
/// marked as user-generated (`nofollow ugc`) and cannot reach back into this page (`noopener`).
#[component]
pub fn CommentText(
    text: String,
    /// The comment's language (contract 1.2.0), if its backend says.
    #[prop(optional_no_strip)]
    language: Option<String>,
) -> impl IntoView {
    let target = super::link_target();
    let parts = linkify(&text)
        .into_iter()
        .map(|segment| match segment {
            Segment::Text(text) => text.to_owned().into_any(),
            Segment::Link(url) => view! {
                <a href=url.to_owned() target=target rel="nofollow ugc noopener">{url.to_owned()}</a>
            }
            .into_any(),
        })
        .collect_view();
    // The commenter's language, not the interface's: screen readers read it by its own rules.
    let (lang, dir) = own_language(language.as_deref());
    view! { <p class="comment-body" lang=lang.to_owned() dir=dir>{parts}</p> }
}
