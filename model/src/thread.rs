//! Threads built from the flat comment list a backend sends: display order, depth, and the
//! "replying to" hints readers need where indentation runs out or a parent is missing.
//!
//! Comments are untrusted data: a parent may be unknown, a comment may be listed twice, and
//! parents may form a cycle. Building never recurses over the input's depth (a 100,000-deep
//! chain must not overflow the stack) and always ends.

use std::collections::{HashMap, HashSet};

use crate::Comment;

/// The deepest indentation shown. Deeper replies stay at this level and name whom they answer.
pub const MAX_INDENT: usize = 4;

/// A thread (or several) in display order: each comment followed by its replies, depth first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Thread {
    pub entries: Vec<ThreadEntry>,
}

/// One comment in its place in the thread.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ThreadEntry {
    pub comment: Comment,
    /// How far down its thread the comment is: 0 for a top-level comment. Not capped.
    pub depth: usize,
    /// Whom the comment answers, when indentation alone cannot show it.
    pub replying_to: Option<ReplyingTo>,
    /// How many entries right after this one are its replies (at every level), so that
    /// collapsing it hides exactly those.
    pub replies: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ReplyingTo {
    /// The parent is shown, further up: who wrote it.
    Author(AuthorName),
    /// The parent is not in the list (on no page we have, removed, or part of a parent cycle).
    NotShown,
}

impl ThreadEntry {
    /// The indentation level to draw, at most [`MAX_INDENT`].
    pub fn indent(&self) -> usize {
        self.depth.min(MAX_INDENT)
    }
}

impl Thread {
    /// Builds threads from a flat list whose `parent_id`s link replies to parents.
    ///
    /// Top-level comments keep the list's order (the backend's sort) and replies keep theirs
    /// under their parent (the contract sends them oldest first). A comment listed twice is
    /// shown once (its first listing counts). A reply whose parent is unknown becomes a
    /// top-level entry marked [`ReplyingTo::NotShown`]; so does one comment of each parent
    /// cycle, which breaks the cycle.
    pub fn from_flat<'a>(comments: impl IntoIterator<Item = &'a Comment>) -> Thread {
        let comments = comments.into_iter();
        let mut index_of: HashMap<&str, usize> = HashMap::with_capacity(comments.size_hint().0);
        let mut unique: Vec<&Comment> = Vec::with_capacity(comments.size_hint().0);
        for comment in comments {
            if !index_of.contains_key(comment.id.as_str()) {
                index_of.insert(&comment.id, unique.len());
                unique.push(comment);
            }
        }

        let mut children: Vec<Vec<usize>> = vec![Vec::new(); unique.len()];
        let mut parent_of: Vec<Option<usize>> = vec![None; unique.len()];
        // (index, whether it claims a parent that is not in the list)
        let mut roots: Vec<(usize, bool)> = Vec::new();
        for (index, comment) in unique.iter().enumerate() {
            match comment.parent_id.as_deref() {
                None => roots.push((index, false)),
                Some(parent) => match index_of.get(parent) {
                    Some(&parent) if parent != index => {
                        children[parent].push(index);
                        parent_of[index] = Some(parent);
                    }
                    // Unknown, or its own parent.
                    _ => roots.push((index, true)),
                },
            }
        }

        let mut entries = Vec::with_capacity(unique.len());
        let mut visited = vec![false; unique.len()];
        // Every top-level comment and orphan first; then whatever is left, which hangs off a
        // parent cycle: each such walk starts at its first comment in list order.
        let starts = roots.into_iter().chain((0..unique.len()).map(|index| (index, true)));
        for (root, orphan) in starts {
            if visited[root] {
                continue;
            }
            // Depth first with an explicit stack: input depth never reaches the call stack.
            let mut stack = vec![(root, 0usize)];
            while let Some((index, depth)) = stack.pop() {
                if std::mem::replace(&mut visited[index], true) {
                    continue;
                }
                let replying_to = if index == root {
                    orphan.then_some(ReplyingTo::NotShown)
                } else if depth > MAX_INDENT {
                    parent_of[index].map(|parent| ReplyingTo::Author(display_name(unique[parent])))
                } else {
                    None
                };
                entries.push(ThreadEntry {
                    comment: unique[index].clone(),
                    depth,
                    replying_to,
                    replies: 0,
                });
                // Reversed so that the first reply is popped (shown) first.
                stack.extend(children[index].iter().rev().map(|&child| (child, depth + 1)));
            }
        }

        count_replies(&mut entries);
        Thread { entries }
    }

    /// The entries a reader sees when the comments in `collapsed` have their replies hidden.
    pub fn visible<'a>(
        &'a self,
        collapsed: &'a HashSet<String>,
    ) -> impl Iterator<Item = &'a ThreadEntry> + 'a {
        let mut next = 0;
        std::iter::from_fn(move || {
            let entry = self.entries.get(next)?;
            next += 1;
            if collapsed.contains(&entry.comment.id) {
                next += entry.replies;
            }
            Some(entry)
        })
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Who a comment is shown as written by. The app says the two without a name in the reader's
/// language (never an empty name, or a "Reply to" button named after nobody).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AuthorName {
    /// The name the author gave, trimmed.
    Named(String),
    /// The author gave none (the contract allows an empty name).
    Anonymous,
    /// The comment was deleted: it shows no author.
    Deleted,
}

/// Who `comment` is shown as written by.
pub fn display_name(comment: &Comment) -> AuthorName {
    let name = comment.author.name.trim();
    if comment.deleted {
        AuthorName::Deleted
    } else if name.is_empty() {
        AuthorName::Anonymous
    } else {
        AuthorName::Named(name.to_owned())
    }
}

/// Sets each entry's `replies`: the run of following entries deeper than it (depth-first order
/// keeps a comment's replies contiguous).
fn count_replies(entries: &mut [ThreadEntry]) {
    let mut open: Vec<usize> = Vec::new();
    for index in 0..entries.len() {
        let depth = entries[index].depth;
        while let Some(&top) = open.last() {
            if entries[top].depth < depth {
                break;
            }
            entries[top].replies = index - top - 1;
            open.pop();
        }
        open.push(index);
    }
    let len = entries.len();
    for top in open {
        entries[top].replies = len - top - 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Person;

    fn comment(id: &str, parent: Option<&str>) -> Comment {
        Comment {
            id: id.into(),
            parent_id: parent.map(Into::into),
            author: Person { name: format!("author of {id}"), url: None, avatar_url: None },
            body: format!("body of {id}"),
            created_at: "2026-11-24T08:30:00Z".into(),
            edited_at: None,
            deleted: false,
            score: None,
            language: None,
        }
    }

    #[test]
    fn an_author_without_a_name_is_anonymous_and_a_deleted_one_is_not_named() {
        let mut blank = comment("a", None);
        blank.author.name = " \t".into();
        assert_eq!(display_name(&blank), AuthorName::Anonymous);
        let mut padded = comment("b", None);
        padded.author.name = "  Mira Okafor ".into();
        assert_eq!(display_name(&padded), AuthorName::Named("Mira Okafor".into()));
        padded.deleted = true;
        assert_eq!(display_name(&padded), AuthorName::Deleted);
    }

    fn shape(thread: &Thread) -> Vec<(&str, usize)> {
        thread.entries.iter().map(|e| (e.comment.id.as_str(), e.depth)).collect()
    }

    #[test]
    fn replies_follow_their_parent_in_list_order() {
        // A reply listed before its parent still goes under it.
        let flat = [
            comment("a1", Some("a")),
            comment("a", None),
            comment("b", None),
            comment("a1x", Some("a1")),
            comment("a2", Some("a")),
            comment("b1", Some("b")),
        ];
        let thread = Thread::from_flat(&flat);
        assert_eq!(
            shape(&thread),
            [("a", 0), ("a1", 1), ("a1x", 2), ("a2", 1), ("b", 0), ("b1", 1)]
        );
        let replies: Vec<usize> = thread.entries.iter().map(|e| e.replies).collect();
        assert_eq!(replies, [3, 1, 0, 0, 1, 0]);
        assert!(thread.entries.iter().all(|e| e.replying_to.is_none()));
    }

    #[test]
    fn top_level_comments_keep_the_backends_order() {
        let flat = [comment("new", None), comment("old", None), comment("old1", Some("old"))];
        assert_eq!(shape(&Thread::from_flat(&flat)), [("new", 0), ("old", 0), ("old1", 1)]);
    }

    #[test]
    fn indentation_stops_at_the_cap_and_deeper_replies_name_their_parent() {
        let mut flat = vec![comment("c0", None)];
        for depth in 1..=6 {
            flat.push(comment(&format!("c{depth}"), Some(&format!("c{}", depth - 1))));
        }
        flat[4].deleted = true; // c4, the parent of c5
        let thread = Thread::from_flat(&flat);
        let indents: Vec<usize> = thread.entries.iter().map(ThreadEntry::indent).collect();
        assert_eq!(indents, [0, 1, 2, 3, 4, 4, 4]);
        assert_eq!(thread.entries[4].replying_to, None, "c4 is at the cap, not past it");
        assert_eq!(thread.entries[5].replying_to, Some(ReplyingTo::Author(AuthorName::Deleted)));
        assert_eq!(
            thread.entries[6].replying_to,
            Some(ReplyingTo::Author(AuthorName::Named("author of c5".into())))
        );
    }

    #[test]
    fn orphans_are_shown_at_the_top_level_and_marked() {
        let flat =
            [comment("a", None), comment("orphan", Some("gone")), comment("r", Some("orphan"))];
        let thread = Thread::from_flat(&flat);
        assert_eq!(shape(&thread), [("a", 0), ("orphan", 0), ("r", 1)]);
        assert_eq!(thread.entries[1].replying_to, Some(ReplyingTo::NotShown));
        assert_eq!(thread.entries[2].replying_to, None);
    }

    #[test]
    fn a_comment_listed_twice_is_shown_once() {
        let mut again = comment("a", None);
        again.body = "a later copy".into();
        let flat = [comment("a", None), comment("a1", Some("a")), again, comment("a1", Some("a"))];
        let thread = Thread::from_flat(&flat);
        assert_eq!(shape(&thread), [("a", 0), ("a1", 1)]);
        assert_eq!(thread.entries[0].comment.body, "body of a", "the first listing counts");
    }

    #[test]
    fn parent_cycles_end_and_lose_nothing() {
        let flat = [
            comment("top", None),
            comment("x", Some("y")),
            comment("y", Some("z")),
            comment("z", Some("x")),
            comment("below", Some("y")),
            comment("self", Some("self")),
        ];
        let thread = Thread::from_flat(&flat);
        assert_eq!(
            shape(&thread),
            [("top", 0), ("self", 0), ("x", 0), ("z", 1), ("y", 2), ("below", 3)]
        );
        assert_eq!(thread.entries[1].replying_to, Some(ReplyingTo::NotShown));
        assert_eq!(thread.entries[2].replying_to, Some(ReplyingTo::NotShown));
        assert_eq!(thread.entries[2].replies, 3);
    }

    #[test]
    fn a_100_000_deep_chain_builds_without_overflowing_the_stack() {
        const DEPTH: usize = 100_000;
        let mut flat = Vec::with_capacity(DEPTH);
        flat.push(comment("0", None));
        for i in 1..DEPTH {
            flat.push(comment(&i.to_string(), Some(&(i - 1).to_string())));
        }
        // Listed deepest first, so nothing is in order.
        flat.reverse();
        let thread = Thread::from_flat(&flat);
        assert_eq!(thread.len(), DEPTH);
        let last = &thread.entries[DEPTH - 1];
        assert_eq!((last.depth, last.indent()), (DEPTH - 1, MAX_INDENT));
        assert_eq!(thread.entries[0].replies, DEPTH - 1);
        assert_eq!(
            last.replying_to,
            Some(ReplyingTo::Author(AuthorName::Named(format!("author of {}", DEPTH - 2))))
        );
        let collapsed = HashSet::from(["0".to_owned()]);
        assert_eq!(thread.visible(&collapsed).count(), 1);
        drop(thread); // dropping is iterative too (a flat Vec)
    }

    #[test]
    fn collapsing_hides_exactly_the_replies() {
        let flat = [
            comment("a", None),
            comment("a1", Some("a")),
            comment("a1x", Some("a1")),
            comment("a2", Some("a")),
            comment("b", None),
        ];
        let thread = Thread::from_flat(&flat);
        let ids = |collapsed: &[&str]| -> Vec<String> {
            let collapsed: HashSet<String> = collapsed.iter().map(|s| s.to_string()).collect();
            thread.visible(&collapsed).map(|e| e.comment.id.clone()).collect()
        };
        assert_eq!(ids(&[]), ["a", "a1", "a1x", "a2", "b"]);
        assert_eq!(ids(&["a1"]), ["a", "a1", "a2", "b"]);
        assert_eq!(ids(&["a"]), ["a", "b"]);
        assert_eq!(ids(&["a", "a1", "b"]), ["a", "b"]);
    }

    #[test]
    fn an_empty_list_is_an_empty_thread() {
        assert!(Thread::from_flat(&[]).is_empty());
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Flat lists whose ids come from a small alphabet, so that replies, unknown parents,
        /// duplicates, self-parents and cycles are all common.
        fn flat_lists() -> impl Strategy<Value = Vec<Comment>> {
            let entry = (0u8..24, proptest::option::of(0u8..28), any::<bool>());
            proptest::collection::vec(entry, 0..60).prop_map(|entries| {
                entries
                    .into_iter()
                    .enumerate()
                    .map(|(n, (id, parent, deleted))| {
                        let mut c = comment(&format!("c{id}"), None);
                        c.parent_id = parent.map(|p| format!("c{p}"));
                        c.body = format!("listing {n}");
                        c.deleted = deleted;
                        c
                    })
                    .collect()
            })
        }

        proptest! {
            #[test]
            fn every_comment_is_shown_once_under_its_parent(flat in flat_lists()) {
                let thread = Thread::from_flat(&flat);
                let mut first: HashMap<&str, &Comment> = HashMap::new();
                for c in &flat {
                    first.entry(c.id.as_str()).or_insert(c);
                }
                prop_assert_eq!(thread.len(), first.len());
                let mut seen = HashSet::new();
                for (i, entry) in thread.entries.iter().enumerate() {
                    prop_assert!(seen.insert(entry.comment.id.as_str()), "shown twice");
                    prop_assert_eq!(&entry.comment, first[entry.comment.id.as_str()]);
                    let parent = entry.comment.parent_id.as_deref();
                    if entry.depth == 0 {
                        let marked = entry.replying_to == Some(ReplyingTo::NotShown);
                        prop_assert_eq!(parent.is_some(), marked);
                    } else {
                        let above = thread.entries[..i].iter().rposition(|e| e.depth < entry.depth);
                        prop_assert!(above.is_some());
                        let above = &thread.entries[above.unwrap_or_default()];
                        prop_assert_eq!(above.depth + 1, entry.depth);
                        prop_assert_eq!(Some(above.comment.id.as_str()), parent);
                        let expected = (entry.depth > MAX_INDENT)
                            .then(|| ReplyingTo::Author(display_name(&above.comment)));
                        prop_assert_eq!(&entry.replying_to, &expected);
                    }
                    let run = thread.entries[i + 1..]
                        .iter()
                        .take_while(|e| e.depth > entry.depth)
                        .count();
                    prop_assert_eq!(entry.replies, run);
                }
            }

            #[test]
            fn collapsing_hides_exactly_the_replies_below(
                flat in flat_lists(),
                collapsed in proptest::collection::hash_set(0u8..24, 0..6),
            ) {
                let thread = Thread::from_flat(&flat);
                let collapsed: HashSet<String> =
                    collapsed.into_iter().map(|c| format!("c{c}")).collect();
                let visible: Vec<&str> =
                    thread.visible(&collapsed).map(|e| e.comment.id.as_str()).collect();
                let mut hidden_below: Option<usize> = None;
                let mut expected = Vec::new();
                for entry in &thread.entries {
                    if hidden_below.is_some_and(|depth| entry.depth > depth) {
                        continue;
                    }
                    hidden_below = collapsed.contains(&entry.comment.id).then_some(entry.depth);
                    expected.push(entry.comment.id.as_str());
                }
                prop_assert_eq!(visible, expected);
            }
        }
    }
}
