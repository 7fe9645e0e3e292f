//! The thread builder over arbitrary flat comment lists (ids from a small alphabet so parents,
//! duplicates, self-parents and cycles are common): no panic, and every distinct comment is
//! shown exactly once (its first listing), under its parent when the parent is shown, with
//! consistent depths, reply counts and collapsing.
#![no_main]

use std::collections::{HashMap, HashSet};

use arbitrary::Arbitrary;
use broadsheet::model::thread::{display_name, ReplyingTo, Thread, MAX_INDENT};
use broadsheet::model::{Comment, Person};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Input {
    comments: Vec<(u8, Option<u8>, bool)>,
    /// A chain this long (up to 500) is appended (deep threads), its top replying to `chain_parent`.
    chain: u16,
    chain_parent: Option<u8>,
    collapsed: Vec<u8>,
}

fn comment(id: String, parent: Option<String>, deleted: bool, n: usize) -> Comment {
    Comment {
        id,
        parent_id: parent,
        author: Person { name: format!("author {n}"), url: None, avatar_url: None },
        body: format!("body {n}"),
        created_at: "2026-11-24T08:30:00Z".to_owned(),
        edited_at: None,
        deleted,
        score: None,
        language: None,
    }
}

fuzz_target!(|input: Input| {
    let id = |n: u8| format!("c{}", n % 64);
    let mut flat: Vec<Comment> = input
        .comments
        .iter()
        .enumerate()
        .map(|(n, &(c, parent, deleted))| comment(id(c), parent.map(id), deleted, n))
        .collect();
    let chain = usize::from(input.chain % 500);
    for link in 0..chain {
        let parent =
            if link == 0 { input.chain_parent.map(id) } else { Some(format!("d{}", link - 1)) };
        flat.push(comment(format!("d{link}"), parent, false, flat.len()));
    }

    let thread = Thread::from_flat(&flat);

    // Each distinct id once, as first listed.
    let mut first: HashMap<&str, &Comment> = HashMap::new();
    for c in &flat {
        first.entry(c.id.as_str()).or_insert(c);
    }
    assert_eq!(thread.len(), first.len());
    let mut position: HashMap<&str, usize> = HashMap::new();
    for (i, entry) in thread.entries.iter().enumerate() {
        assert_eq!(&entry.comment, first[entry.comment.id.as_str()], "not its first listing");
        assert!(position.insert(&entry.comment.id, i).is_none(), "shown twice");
    }

    // Depth first: each reply comes right after its parent's earlier replies, i.e. its parent
    // is the innermost entry still open at depth - 1. Linear, so deep chains stay fast.
    let mut open: Vec<usize> = Vec::new();
    let mut parent_at: Vec<Option<usize>> = Vec::with_capacity(thread.len());
    for (i, entry) in thread.entries.iter().enumerate() {
        let parent = entry.comment.parent_id.as_deref();
        assert!(entry.depth <= open.len(), "{} deeper than its parent", entry.comment.id);
        open.truncate(entry.depth);
        if entry.depth == 0 {
            // A top-level entry has no parent, or is marked as replying to one not shown above it.
            let marked = entry.replying_to == Some(ReplyingTo::NotShown);
            assert_eq!(parent.is_some(), marked, "{entry:?}");
            parent_at.push(None);
        } else {
            let above = open[entry.depth - 1];
            assert_eq!(Some(thread.entries[above].comment.id.as_str()), parent);
            match &entry.replying_to {
                None => assert!(entry.depth <= MAX_INDENT),
                Some(ReplyingTo::Author(name)) => {
                    assert!(entry.depth > MAX_INDENT);
                    let shown = display_name(&thread.entries[above].comment);
                    assert_eq!(name, &shown);
                }
                Some(ReplyingTo::NotShown) => panic!("a shown parent marked as not shown"),
            }
            parent_at.push(Some(above));
        }
        assert!(entry.indent() <= MAX_INDENT);
        open.push(i);
    }
    // `replies` counts every entry below, at any level.
    let mut below = vec![0usize; thread.len()];
    for i in (0..thread.len()).rev() {
        assert_eq!(thread.entries[i].replies, below[i], "{}", thread.entries[i].comment.id);
        if let Some(parent) = parent_at[i] {
            below[parent] += below[i] + 1;
        }
    }

    let collapsed: HashSet<String> = input.collapsed.iter().map(|&c| id(c)).collect();
    let visible: Vec<&str> = thread.visible(&collapsed).map(|e| e.comment.id.as_str()).collect();
    let mut hidden_below: Option<usize> = None;
    let expected: Vec<&str> = thread
        .entries
        .iter()
        .filter(|e| {
            if hidden_below.is_some_and(|depth| e.depth > depth) {
                return false;
            }
            hidden_below = collapsed.contains(&e.comment.id).then_some(e.depth);
            true
        })
        .map(|e| e.comment.id.as_str())
        .collect();
    assert_eq!(visible, expected);
});
