//! The original demo data set (`seed/demo.json`) loaded into an empty database on first start.

use std::collections::{BTreeMap, HashSet};

use broadsheet_model::{time, Article, Comment};
use serde::Deserialize;
use serde_json::Value;

pub struct Seed {
    pub articles: Vec<SeedArticle>,
    /// Comments by article id, parents before their replies.
    pub comments: BTreeMap<String, Vec<Comment>>,
}

pub struct SeedArticle {
    pub article: Article,
    pub published_ms: i64,
    /// Ids of related articles, in editorial order.
    pub related: Vec<String>,
}

#[derive(Deserialize)]
struct RawSeed {
    articles: Vec<Value>,
    #[serde(default)]
    comments: BTreeMap<String, Vec<Comment>>,
}

impl Seed {
    pub fn demo() -> Result<Seed, String> {
        Self::parse(include_str!("../seed/demo.json"))
    }

    /// Parses a seed file and checks that it hangs together: every time parses, every related id
    /// and comment parent exists. A broken seed is a bug in this repository, reported by name.
    pub fn parse(json: &str) -> Result<Seed, String> {
        let raw: RawSeed = serde_json::from_str(json).map_err(|e| format!("seed: {e}"))?;
        let mut articles = Vec::with_capacity(raw.articles.len());
        for mut value in raw.articles {
            let related = match value.as_object_mut().and_then(|o| o.remove("related")) {
                Some(list) => {
                    serde_json::from_value(list).map_err(|e| format!("seed related: {e}"))?
                }
                None => Vec::new(),
            };
            let article: Article =
                serde_json::from_value(value).map_err(|e| format!("seed article: {e}"))?;
            let published_ms = time::parse_rfc3339(&article.published_at)
                .ok_or_else(|| format!("seed article {}: bad published_at", article.id))?;
            articles.push(SeedArticle { article, published_ms, related });
        }
        let ids: HashSet<&str> = articles.iter().map(|a| a.article.id.as_str()).collect();
        for entry in &articles {
            if let Some(missing) = entry.related.iter().find(|id| !ids.contains(id.as_str())) {
                return Err(format!(
                    "seed article {}: unknown related id {missing}",
                    entry.article.id
                ));
            }
        }
        for (article_id, comments) in &raw.comments {
            if !ids.contains(article_id.as_str()) {
                return Err(format!("seed comments: unknown article {article_id}"));
            }
            let mut seen = HashSet::new();
            for comment in comments {
                if let Some(parent) = &comment.parent_id {
                    if !seen.contains(parent.as_str()) {
                        return Err(format!(
                            "seed comment {}: parent {parent} not listed before it",
                            comment.id
                        ));
                    }
                }
                if time::parse_rfc3339(&comment.created_at).is_none() {
                    return Err(format!("seed comment {}: bad created_at", comment.id));
                }
                seen.insert(comment.id.as_str());
            }
        }
        Ok(Seed { articles, comments: raw.comments })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_seed_meets_the_brief() {
        let seed = Seed::demo().expect("demo seed is consistent");
        assert!(seed.articles.len() >= 12);
        let sections: HashSet<_> =
            seed.articles.iter().filter_map(|a| a.article.section.clone()).collect();
        assert!(sections.len() >= 3, "{sections:?}");
        assert!(seed.articles.iter().any(|a| !a.article.comments_enabled()));
        assert!(seed.articles.iter().any(|a| a.article.language.as_deref() == Some("ar")));
        let without_comments = seed
            .articles
            .iter()
            .filter(|a| a.article.comments_enabled())
            .filter(|a| seed.comments.get(&a.article.id).is_none_or(Vec::is_empty))
            .count();
        assert!(without_comments >= 1);
    }

    #[test]
    fn demo_seed_uses_every_block_type() {
        let seed = Seed::demo().expect("demo seed");
        let mut kinds = HashSet::new();
        for entry in &seed.articles {
            for block in &entry.article.body {
                kinds.insert(std::mem::discriminant(block));
            }
        }
        assert_eq!(kinds.len(), 6);
    }

    #[test]
    fn demo_seed_has_a_thread_four_levels_deep() {
        let seed = Seed::demo().expect("demo seed");
        let deepest = seed
            .comments
            .values()
            .map(|comments| {
                let parent_of: std::collections::HashMap<_, _> =
                    comments.iter().map(|c| (c.id.as_str(), c.parent_id.as_deref())).collect();
                comments
                    .iter()
                    .map(|c| {
                        std::iter::successors(Some(c.id.as_str()), |id| {
                            parent_of.get(id).copied().flatten()
                        })
                        .count()
                    })
                    .max()
                    .unwrap_or(0)
            })
            .max()
            .unwrap_or(0);
        assert!(deepest >= 4, "deepest thread has {deepest} levels");
    }

    #[test]
    fn broken_seeds_are_reported_by_name() {
        let unknown_related = r#"{"articles": [{"id": "a", "title": "A", "published_at": "2026-11-01T00:00:00Z", "body": [], "related": ["b"]}]}"#;
        assert_eq!(
            Seed::parse(unknown_related).err().as_deref(),
            Some("seed article a: unknown related id b")
        );
    }
}
