//! The form for writing a comment or a reply: labelled fields, their errors, and the button
//! that shows when a post is on its way. The page decides what submitting does.

use leptos::prelude::*;

use crate::i18n::use_i18n;

/// Where the form is in posting its comment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum PostState {
    #[default]
    Editing,
    Posting,
    /// The post failed in a way that trying again may cure: the message, with a Retry button.
    Failed(String),
}

/// Messages shown next to the fields they are about.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors {
    pub name: Option<String>,
    pub body: Option<String>,
}

impl FieldErrors {
    /// Puts `message` next to the contract's `field` (`author.name` or `body`); returns false
    /// for a field the form does not have.
    pub fn set(&mut self, field: &str, message: &str) -> bool {
        let slot = match field {
            "author.name" => &mut self.name,
            "body" => &mut self.body,
            _ => return false,
        };
        *slot = Some(message.to_owned());
        true
    }

    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.name.is_none() && self.body.is_none()
    }
}

#[component]
pub fn CommentForm(
    /// Makes the ids of this form's elements unique on the page.
    id_prefix: String,
    name: RwSignal<String>,
    body: RwSignal<String>,
    #[prop(into)] state: Signal<PostState>,
    errors: RwSignal<FieldErrors>,
    /// Called when the reader posts (also by Retry); ignored while a post is on its way.
    on_submit: Callback<()>,
    /// Shows a Cancel button (reply forms).
    #[prop(optional_no_strip)]
    on_cancel: Option<Callback<()>>,
    /// The form's accessible name, e.g. "Reply to Sam".
    #[prop(into)]
    label: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let name_id = format!("{id_prefix}-name");
    let body_id = format!("{id_prefix}-body");
    let name_error_id = format!("{name_id}-error");
    let body_error_id = format!("{body_id}-error");
    let name_input = NodeRef::<leptos::html::Input>::new();
    let body_input = NodeRef::<leptos::html::Textarea>::new();
    let posting = move || state.get() == PostState::Posting;

    let submit = move || {
        if state.get_untracked() == PostState::Posting {
            return;
        }
        on_submit.run(());
        // Take the reader to the first field that needs their attention.
        let errors = errors.get_untracked();
        if errors.name.is_some() {
            if let Some(input) = name_input.get_untracked() {
                let _ = input.focus();
            }
        } else if errors.body.is_some() {
            if let Some(input) = body_input.get_untracked() {
                let _ = input.focus();
            }
        }
    };
    let name_error = move || errors.read().name.clone();
    let body_error = move || errors.read().body.clone();

    view! {
        <form class="comment-form" novalidate aria-label=label on:submit=move |ev| {
            ev.prevent_default();
            submit();
        }>
            <div class="comment-field">
                <label for=name_id.clone()>{i18n.t("comments.name")}</label>
                <input
                    id=name_id
                    name="name"
                    type="text"
                    autocomplete="name"
                    dir="auto"
                    node_ref=name_input
                    bind:value=name
                    on:input=move |_| errors.update(|e| e.name = None)
                    aria-invalid=move || name_error().map(|_| "true")
                    aria-describedby={
                        let id = name_error_id.clone();
                        move || name_error().map(|_| id.clone())
                    }
                />
                {
                    let id = name_error_id.clone();
                    move || name_error().map(|message| view! { <p id=id.clone() class="comment-field-error">{message}</p> })
                }
            </div>
            <div class="comment-field">
                <label for=body_id.clone()>{i18n.t("comments.comment")}</label>
                <textarea
                    id=body_id
                    name="body"
                    rows="4"
                    dir="auto"
                    node_ref=body_input
                    bind:value=body
                    on:input=move |_| errors.update(|e| e.body = None)
                    aria-invalid=move || body_error().map(|_| "true")
                    aria-describedby={
                        let id = body_error_id.clone();
                        move || body_error().map(|_| id.clone())
                    }
                ></textarea>
                {
                    let id = body_error_id.clone();
                    move || body_error().map(|message| view! { <p id=id.clone() class="comment-field-error">{message}</p> })
                }
            </div>
            {move || match state.get() {
                PostState::Failed(message) => Some(view! {
                    <div class="comment-form-error" role="alert">
                        <p>{message}</p>
                        <button type="button" on:click=move |_| submit()>{i18n.t("actions.retry")}</button>
                    </div>
                }),
                _ => None,
            }}
            <div class="comment-form-actions">
                // Not `disabled` while posting: that would drop a keyboard user's focus.
                <button type="submit" aria-disabled=move || posting().then_some("true")>
                    {move || i18n.t(if posting() { "comments.posting" } else { "comments.post" })}
                </button>
                {on_cancel.map(|cancel| view! {
                    <button type="button" class="comment-secondary" on:click=move |_| cancel.run(())>{i18n.t("actions.cancel")}</button>
                })}
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_errors_land_next_to_their_field() {
        let mut errors = FieldErrors::default();
        assert!(errors.set("author.name", "Please enter your name."));
        assert!(errors.set("body", "Too long."));
        assert_eq!(errors.name.as_deref(), Some("Please enter your name."));
        assert_eq!(errors.body.as_deref(), Some("Too long."));
        let mut errors = FieldErrors::default();
        assert!(!errors.set("parent_id", "gone"));
        assert!(errors.is_empty());
    }
}
