//! Pages of comments that hold whole threads: top-level comments in the requested order, each
//! followed by its replies, depth first, oldest first. Threads are built by the same code the
//! reader uses (`broadsheet_model::thread`).

use broadsheet_model::thread::Thread;
use broadsheet_model::Comment;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Oldest,
    Newest,
}

/// `comments` oldest first; returns the page of threads from `offset` and whether more follow.
pub fn page(comments: &[Comment], sort: Sort, offset: usize, limit: usize) -> (Vec<Comment>, bool) {
    let mut threads: Vec<Vec<Comment>> = Vec::new();
    for entry in Thread::from_flat(comments).entries {
        match threads.last_mut() {
            Some(thread) if entry.depth > 0 => thread.push(entry.comment),
            _ => threads.push(vec![entry.comment]),
        }
    }
    if sort == Sort::Newest {
        threads.reverse();
    }
    let more = threads.len() > offset.saturating_add(limit);
    (threads.into_iter().skip(offset).take(limit).flatten().collect(), more)
}

#[cfg(test)]
mod tests {
    use super::*;
    use broadsheet_model::Person;

    fn comment(id: &str, parent: Option<&str>) -> Comment {
        Comment {
            id: id.into(),
            parent_id: parent.map(Into::into),
            author: Person { name: "n".into(), url: None, avatar_url: None },
            body: "b".into(),
            created_at: "2026-11-24T08:30:00Z".into(),
            edited_at: None,
            deleted: false,
            score: None,
            language: None,
        }
    }

    fn ids(comments: &[Comment]) -> Vec<&str> {
        comments.iter().map(|c| c.id.as_str()).collect()
    }

    #[test]
    fn threads_stay_whole_and_in_order() {
        let all = [
            comment("a", None),
            comment("b", None),
            comment("a1", Some("a")),
            comment("b1", Some("b")),
            comment("a1x", Some("a1")),
            comment("a2", Some("a")),
        ];
        let (oldest, more) = page(&all, Sort::Oldest, 0, 10);
        assert_eq!(ids(&oldest), ["a", "a1", "a1x", "a2", "b", "b1"]);
        assert!(!more);
        let (newest, _) = page(&all, Sort::Newest, 0, 10);
        assert_eq!(ids(&newest), ["b", "b1", "a", "a1", "a1x", "a2"]);
        let (first, more) = page(&all, Sort::Oldest, 0, 1);
        assert_eq!((ids(&first), more), (vec!["a", "a1", "a1x", "a2"], true));
        let (second, more) = page(&all, Sort::Oldest, 1, 1);
        assert_eq!((ids(&second), more), (vec!["b", "b1"], false));
    }

    #[test]
    fn orphans_and_cycles_lose_no_comment() {
        let all = [comment("x", Some("y")), comment("y", Some("x")), comment("o", Some("gone"))];
        let (out, _) = page(&all, Sort::Oldest, 0, 10);
        let mut shown = ids(&out);
        shown.sort();
        assert_eq!(shown, ["o", "x", "y"]);
    }
}
