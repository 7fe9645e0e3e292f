//! Pages of comments that hold whole threads: top-level comments in the requested order, each
//! followed by its replies, depth first, oldest first.

use std::collections::HashMap;

use broadsheet_model::Comment;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Oldest,
    Newest,
}

/// `comments` oldest first; returns the page and whether more threads follow.
pub fn page(comments: &[Comment], sort: Sort, offset: usize, limit: usize) -> (Vec<Comment>, bool) {
    let known: HashMap<&str, usize> =
        comments.iter().enumerate().map(|(i, c)| (c.id.as_str(), i)).collect();
    let mut children: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut roots = Vec::new();
    for (index, comment) in comments.iter().enumerate() {
        match comment.parent_id.as_deref().filter(|p| known.contains_key(p)) {
            Some(parent) => children.entry(parent).or_default().push(index),
            None => roots.push(index),
        }
    }
    if sort == Sort::Newest {
        roots.reverse();
    }
    let more = roots.len() > offset.saturating_add(limit);
    let mut out = Vec::new();
    let mut visited = vec![false; comments.len()];
    for &root in roots.iter().skip(offset).take(limit) {
        // Iterative depth-first walk; `visited` guards against cycles in stored data.
        let mut stack = vec![root];
        while let Some(index) = stack.pop() {
            if std::mem::replace(&mut visited[index], true) {
                continue;
            }
            out.push(comments[index].clone());
            if let Some(kids) = children.get(comments[index].id.as_str()) {
                stack.extend(kids.iter().rev());
            }
        }
    }
    (out, more)
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
    fn orphans_become_threads_and_cycles_end() {
        let all = [comment("x", Some("y")), comment("y", Some("x")), comment("o", Some("gone"))];
        let (out, _) = page(&all, Sort::Oldest, 0, 10);
        assert_eq!(ids(&out), ["o"]);
    }
}
