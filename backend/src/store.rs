//! SQLite persistence: articles, related links, comments and idempotency records.
//!
//! Every statement is a constant string with `?N` parameters: no value is ever formatted into
//! SQL.

use std::path::Path;
use std::time::Duration;

use broadsheet_model::{Article, ArticleSummary, Comment, NewComment, Person};
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::seed::Seed;

pub type StoreResult<T> = Result<T, rusqlite::Error>;

/// How long a statement waits for another connection's write lock before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// How long an idempotency key is remembered: far longer than any client retries a post.
pub const IDEMPOTENCY_KEY_LIFETIME_MS: i64 = 24 * 60 * 60 * 1000;
/// The schema's version, in SQLite's `user_version`; [`migrate`] brings older files up to it.
const SCHEMA_VERSION: i64 = 1;

pub struct Store {
    conn: Connection,
}

/// What an earlier POST with the same idempotency key created.
pub struct IdempotentRecord {
    /// The [`digest`] of the first post's fingerprint.
    pub fingerprint: String,
    pub comment: Comment,
}

impl Store {
    /// Opens (or creates) `broadsheet.sqlite3` in `dir`.
    pub fn open(dir: &Path) -> StoreResult<Store> {
        Self::with_connection(Connection::open(dir.join("broadsheet.sqlite3"))?)
    }

    fn with_connection(mut conn: Connection) -> StoreResult<Store> {
        // Another process with the file open (a backup, a migration by hand) may hold the write
        // lock for a moment: wait for it rather than failing the request.
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Durability: a comment is acknowledged only after `insert_comment`'s transaction
        // committed. In WAL mode a commit has then reached the operating system, so it survives
        // the process being killed (kill -9) even with `synchronous = NORMAL`; `FULL` also
        // fsyncs the WAL at every commit, so it survives a power cut or kernel crash too. That
        // costs one fsync per comment posted (a few milliseconds), which the rate limit keeps
        // rare, so FULL it is. Reads are unaffected.
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = FULL;
             PRAGMA foreign_keys = ON;
             CREATE TABLE IF NOT EXISTS articles (
                 id TEXT PRIMARY KEY,
                 published_ms INTEGER NOT NULL,
                 json TEXT NOT NULL
             );
             CREATE TABLE IF NOT EXISTS related (
                 article_id TEXT NOT NULL REFERENCES articles(id),
                 related_id TEXT NOT NULL REFERENCES articles(id),
                 position INTEGER NOT NULL,
                 PRIMARY KEY (article_id, related_id)
             );
             CREATE TABLE IF NOT EXISTS comments (
                 seq INTEGER PRIMARY KEY AUTOINCREMENT,
                 id TEXT NOT NULL UNIQUE,
                 article_id TEXT NOT NULL REFERENCES articles(id),
                 parent_id TEXT,
                 author_name TEXT NOT NULL,
                 body TEXT NOT NULL,
                 created_at TEXT NOT NULL,
                 created_ms INTEGER NOT NULL,
                 deleted INTEGER NOT NULL DEFAULT 0,
                 score INTEGER
             );
             CREATE INDEX IF NOT EXISTS comments_by_article ON comments(article_id, created_ms);",
        )?;
        migrate(&mut conn)?;
        Ok(Store { conn })
    }

    /// Whether the database answers a query (for `/readyz`).
    pub fn ping(&self) -> StoreResult<()> {
        self.conn.query_row("SELECT EXISTS (SELECT 1 FROM articles)", [], |_| Ok(()))
    }

    /// Loads the demo data set into an empty database; a database with articles is left alone,
    /// so comments posted by readers survive restarts.
    pub fn seed_if_empty(&mut self, seed: &Seed) -> StoreResult<bool> {
        let count: i64 = self.conn.query_row("SELECT COUNT(*) FROM articles", [], |r| r.get(0))?;
        if count > 0 {
            return Ok(false);
        }
        let tx = self.conn.transaction()?;
        for entry in &seed.articles {
            let json = serde_json::to_string(&entry.article)
                .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
            tx.execute(
                "INSERT INTO articles (id, published_ms, json) VALUES (?1, ?2, ?3)",
                params![entry.article.id, entry.published_ms, json],
            )?;
        }
        for entry in &seed.articles {
            for (position, related_id) in entry.related.iter().enumerate() {
                tx.execute(
                    "INSERT INTO related (article_id, related_id, position) VALUES (?1, ?2, ?3)",
                    params![entry.article.id, related_id, position as i64],
                )?;
            }
        }
        for (article_id, comments) in &seed.comments {
            for comment in comments {
                insert_comment_row(&tx, article_id, comment)?;
            }
        }
        tx.commit()?;
        Ok(true)
    }

    /// Articles newest first, from `offset`; with the total number of articles.
    pub fn feed(
        &self,
        section: Option<&str>,
        offset: usize,
        limit: usize,
    ) -> StoreResult<(Vec<ArticleSummary>, usize)> {
        // `?1 IS NULL` keeps every article when no section is asked for.
        let total: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM articles
             WHERE (?1 IS NULL OR json_extract(json, '$.section') = ?1)",
            params![section],
            |r| r.get(0),
        )?;
        let mut statement = self.conn.prepare(
            "SELECT json FROM articles
             WHERE (?1 IS NULL OR json_extract(json, '$.section') = ?1)
             ORDER BY published_ms DESC, id LIMIT ?2 OFFSET ?3",
        )?;
        let jsons = statement
            .query_map(params![section, limit as i64, offset as i64], |row| {
                row.get::<_, String>(0)
            })?
            .collect::<StoreResult<Vec<_>>>()?;
        let mut summaries = Vec::with_capacity(jsons.len());
        for json in jsons {
            let article = decode_article(&json)?;
            let count = self.comment_count(&article.id)?;
            summaries.push(article.to_summary(Some(count)));
        }
        Ok((summaries, total as usize))
    }

    /// One article with its current comment count, or `None` when the id is unknown.
    pub fn article(&self, id: &str) -> StoreResult<Option<Article>> {
        let json: Option<String> = self
            .conn
            .query_row("SELECT json FROM articles WHERE id = ?1", [id], |r| r.get(0))
            .optional()?;
        let Some(json) = json else { return Ok(None) };
        let mut article = decode_article(&json)?;
        let count = self.comment_count(id)?;
        let enabled = article.comments_enabled();
        article.comments = Some(broadsheet_model::CommentSettings { enabled, count: Some(count) });
        Ok(Some(article))
    }

    /// The `limit` newest articles, newest first (for the feeds and the sitemap).
    pub fn recent_articles(&self, limit: usize) -> StoreResult<Vec<Article>> {
        let mut statement = self
            .conn
            .prepare("SELECT json FROM articles ORDER BY published_ms DESC, id LIMIT ?1")?;
        let jsons = statement
            .query_map([limit as i64], |row| row.get::<_, String>(0))?
            .collect::<StoreResult<Vec<_>>>()?;
        jsons.iter().map(|json| decode_article(json)).collect()
    }

    /// The articles linked from `id`, in their editorial order.
    pub fn related(&self, id: &str, limit: usize) -> StoreResult<Vec<ArticleSummary>> {
        let mut statement = self.conn.prepare(
            "SELECT a.json FROM related r JOIN articles a ON a.id = r.related_id
             WHERE r.article_id = ?1 ORDER BY r.position LIMIT ?2",
        )?;
        let jsons = statement
            .query_map(params![id, limit as i64], |row| row.get::<_, String>(0))?
            .collect::<StoreResult<Vec<_>>>()?;
        jsons
            .iter()
            .map(|json| {
                let article = decode_article(json)?;
                let count = self.comment_count(&article.id)?;
                Ok(article.to_summary(Some(count)))
            })
            .collect()
    }

    /// Every comment of an article, oldest first.
    pub fn comments(&self, article_id: &str) -> StoreResult<Vec<Comment>> {
        let mut statement = self.conn.prepare(
            "SELECT id, parent_id, author_name, body, created_at, deleted, score
             FROM comments WHERE article_id = ?1 ORDER BY created_ms, seq",
        )?;
        let rows = statement.query_map([article_id], comment_from_row)?;
        rows.collect()
    }

    /// A comment of this article, or `None` (also when it belongs to another article).
    pub fn comment(&self, article_id: &str, comment_id: &str) -> StoreResult<Option<Comment>> {
        self.conn
            .query_row(
                "SELECT id, parent_id, author_name, body, created_at, deleted, score
                 FROM comments WHERE article_id = ?1 AND id = ?2",
                [article_id, comment_id],
                comment_from_row,
            )
            .optional()
    }

    /// The comment the key created on this article, if that was less than a day before `now_ms`.
    pub fn idempotent_record(
        &self,
        article_id: &str,
        key: &str,
        now_ms: i64,
    ) -> StoreResult<Option<IdempotentRecord>> {
        let found: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT fingerprint, comment_id FROM idempotency_keys
                 WHERE article_id = ?1 AND key = ?2 AND created_ms > ?3",
                params![article_id, key, now_ms - IDEMPOTENCY_KEY_LIFETIME_MS],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((fingerprint, comment_id)) = found else {
            return Ok(None);
        };
        let comment = self.conn.query_row(
            "SELECT id, parent_id, author_name, body, created_at, deleted, score
             FROM comments WHERE id = ?1",
            [comment_id],
            comment_from_row,
        )?;
        Ok(Some(IdempotentRecord { fingerprint, comment }))
    }

    /// Stores a validated comment (and its idempotency key with the fingerprint's [`digest`],
    /// atomically) and returns it. Keys older than a day are forgotten on the way.
    pub fn insert_comment(
        &mut self,
        article_id: &str,
        new: &NewComment,
        created_ms: i64,
        idempotency: Option<(&str, &str)>,
    ) -> StoreResult<Comment> {
        let comment = Comment {
            id: uuid::Uuid::new_v4().to_string(),
            parent_id: new.parent_id.clone(),
            author: Person { name: new.author.name.clone(), url: None, avatar_url: None },
            body: new.body.clone(),
            created_at: broadsheet_model::time::to_rfc3339(created_ms),
            edited_at: None,
            deleted: false,
            score: None,
            language: None,
        };
        let tx = self.conn.transaction()?;
        insert_comment_row(&tx, article_id, &comment)?;
        if let Some((key, fingerprint)) = idempotency {
            // The complement of `idempotent_record`'s condition: an expired key on this article
            // is gone before the same key is stored again.
            tx.execute(
                "DELETE FROM idempotency_keys WHERE created_ms <= ?1",
                [created_ms - IDEMPOTENCY_KEY_LIFETIME_MS],
            )?;
            tx.execute(
                "INSERT INTO idempotency_keys (article_id, key, fingerprint, comment_id, created_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![article_id, key, digest(fingerprint), comment.id, created_ms],
            )?;
        }
        tx.commit()?;
        Ok(comment)
    }

    fn comment_count(&self, article_id: &str) -> StoreResult<u64> {
        let count: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM comments WHERE article_id = ?1 AND deleted = 0",
            [article_id],
            |r| r.get(0),
        )?;
        Ok(count as u64)
    }
}

/// What is stored of an idempotency fingerprint: its SHA-256, in hex (the post's text itself is
/// in the comment already).
pub fn digest(fingerprint: &str) -> String {
    Sha256::digest(fingerprint.as_bytes()).iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Brings a database file written by an older backend up to [`SCHEMA_VERSION`], in one
/// transaction; a new file gets the current schema the same way.
fn migrate(conn: &mut Connection) -> StoreResult<()> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version >= SCHEMA_VERSION {
        return Ok(());
    }
    // IMMEDIATE: two backends started on one file at once do not both migrate.
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version < 1 {
        // Version 1: idempotency keys belong to an article and expire, and their fingerprint is
        // stored as a digest. Version 0's keys (global, the fingerprint in full) are kept, dated
        // by their comment, so a client retrying across the upgrade still gets its comment.
        tx.execute_batch(
            "CREATE TABLE idempotency_keys (
                 article_id TEXT NOT NULL REFERENCES articles(id),
                 key TEXT NOT NULL,
                 fingerprint TEXT NOT NULL,
                 comment_id TEXT NOT NULL REFERENCES comments(id),
                 created_ms INTEGER NOT NULL,
                 PRIMARY KEY (article_id, key)
             );
             CREATE INDEX idempotency_keys_by_age ON idempotency_keys(created_ms);",
        )?;
        let old_table: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'idempotency')",
            [],
            |r| r.get(0),
        )?;
        if old_table {
            let old_keys = tx
                .prepare(
                    "SELECT c.article_id, i.key, i.fingerprint, i.comment_id, c.created_ms
                     FROM idempotency i JOIN comments c ON c.id = i.comment_id",
                )?
                .query_map([], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, i64>(4)?,
                    ))
                })?
                .collect::<StoreResult<Vec<_>>>()?;
            for (article_id, key, fingerprint, comment_id, created_ms) in old_keys {
                tx.execute(
                    "INSERT INTO idempotency_keys (article_id, key, fingerprint, comment_id, created_ms)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![article_id, key, digest(&fingerprint), comment_id, created_ms],
                )?;
            }
            tx.execute_batch("DROP TABLE idempotency;")?;
        }
    }
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    tx.commit()
}

#[cfg(test)]
impl Store {
    /// The demo data set in a database of its own, in memory.
    pub fn demo_in_memory() -> Store {
        let mut store = Store::with_connection(Connection::open_in_memory().expect("memory db"))
            .expect("schema");
        store.seed_if_empty(&Seed::demo().expect("demo seed parses")).expect("seeds");
        store
    }
}

fn insert_comment_row(conn: &Connection, article_id: &str, comment: &Comment) -> StoreResult<()> {
    let created_ms = broadsheet_model::time::parse_rfc3339(&comment.created_at).unwrap_or(0);
    conn.execute(
        "INSERT INTO comments (id, article_id, parent_id, author_name, body, created_at, created_ms, deleted, score)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            comment.id,
            article_id,
            comment.parent_id,
            comment.author.name,
            comment.body,
            comment.created_at,
            created_ms,
            comment.deleted,
            comment.score
        ],
    )?;
    Ok(())
}

fn comment_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Comment> {
    let deleted: bool = row.get(5)?;
    // A deleted comment keeps its place in the thread but reveals neither author nor text.
    let (name, body) =
        if deleted { (String::new(), String::new()) } else { (row.get(2)?, row.get(3)?) };
    Ok(Comment {
        id: row.get(0)?,
        parent_id: row.get(1)?,
        author: Person { name, url: None, avatar_url: None },
        body,
        created_at: row.get(4)?,
        edited_at: None,
        deleted,
        score: row.get(6)?,
        language: None,
    })
}

fn decode_article(json: &str) -> StoreResult<Article> {
    serde_json::from_str(json).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> Store {
        Store::demo_in_memory()
    }

    #[test]
    fn seeding_happens_once() {
        let mut store = store();
        let seed = Seed::demo().expect("demo seed parses");
        assert!(!store.seed_if_empty(&seed).expect("second seed"));
    }

    #[test]
    fn feed_is_newest_first_and_counts_all() {
        let store = store();
        let (page, total) = store.feed(None, 0, 5).expect("feed");
        assert_eq!(page.len(), 5);
        assert!(total >= 12);
        let times: Vec<i64> = page
            .iter()
            .filter_map(|a| broadsheet_model::time::parse_rfc3339(&a.published_at))
            .collect();
        assert!(times.windows(2).all(|w| w[0] >= w[1]), "{times:?}");
    }

    #[test]
    fn feed_filters_by_section() {
        let store = store();
        let (city, total) = store.feed(Some("City"), 0, 100).expect("feed");
        assert!(!city.is_empty() && city.len() == total);
        let (all, all_total) = store.feed(None, 0, 100).expect("feed");
        assert!(all_total > total && all.len() == all_total);
        assert_eq!(store.feed(Some("No such section"), 0, 10).expect("feed").1, 0);
    }

    #[test]
    fn commits_are_fsynced() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(dir.path()).expect("opens");
        let mode: String =
            store.conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).expect("mode");
        let synchronous: i64 =
            store.conn.query_row("PRAGMA synchronous", [], |r| r.get(0)).expect("synchronous");
        assert_eq!((mode.as_str(), synchronous), ("wal", 2), "WAL with synchronous = FULL");
    }

    #[test]
    fn idempotency_keys_belong_to_an_article_and_expire_after_a_day() {
        const DAY: i64 = IDEMPOTENCY_KEY_LIFETIME_MS;
        let mut store = store();
        let (page, _) = store.feed(None, 0, 2).expect("feed");
        let (a, b) = (&page[0].id, &page[1].id);
        let new = NewComment::new("Ada", "First!", None);
        let created = store.insert_comment(a, &new, DAY, Some(("key-1", "fp"))).expect("insert");
        let record = store.idempotent_record(a, "key-1", DAY).expect("lookup").expect("record");
        assert_eq!(record.comment, created);
        assert_eq!(record.fingerprint, digest("fp"), "only a digest is stored");
        assert_eq!(record.fingerprint.len(), 64);
        assert!(store.insert_comment(a, &new, DAY, Some(("key-1", "fp"))).is_err());

        assert!(store.idempotent_record(b, "key-1", DAY).expect("lookup").is_none());
        store.insert_comment(b, &new, DAY, Some(("key-1", "fp"))).expect("another article");

        let expired = store.idempotent_record(a, "key-1", 2 * DAY).expect("lookup");
        assert!(expired.is_none(), "a day later the key is forgotten");
        let again = store.insert_comment(a, &new, 2 * DAY, Some(("key-1", "fp"))).expect("reused");
        assert_ne!(again.id, created.id);
        let stored: i64 = store
            .conn
            .query_row("SELECT COUNT(*) FROM idempotency_keys", [], |r| r.get(0))
            .expect("count");
        assert_eq!(stored, 1, "the expired keys were deleted");
    }

    #[test]
    fn a_database_of_the_first_schema_is_migrated_with_its_keys() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("broadsheet.sqlite3");
        let old = Connection::open(&path).expect("old db");
        // The tables as the first backend created them, with one comment and its key.
        old.execute_batch(
            "CREATE TABLE articles (id TEXT PRIMARY KEY, published_ms INTEGER NOT NULL, json TEXT NOT NULL);
             CREATE TABLE comments (
                 seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
                 article_id TEXT NOT NULL REFERENCES articles(id), parent_id TEXT,
                 author_name TEXT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL,
                 created_ms INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, score INTEGER);
             CREATE TABLE idempotency (
                 key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL,
                 comment_id TEXT NOT NULL REFERENCES comments(id));
             INSERT INTO articles VALUES ('a', 0, '{}');
             INSERT INTO comments (id, article_id, author_name, body, created_at, created_ms)
                 VALUES ('c1', 'a', 'Ada', 'Hi', '1970-01-01T00:00:01Z', 1000);
             INSERT INTO idempotency VALUES ('key-1', '{\"article\":\"a\"}', 'c1');",
        )
        .expect("old schema");
        drop(old);

        let store = Store::open(dir.path()).expect("migrates");
        let record = store.idempotent_record("a", "key-1", 2000).expect("lookup").expect("kept");
        assert_eq!(record.comment.id, "c1");
        assert_eq!(record.fingerprint, digest(r#"{"article":"a"}"#));
        let old_table: i64 = store
            .conn
            .query_row("SELECT COUNT(*) FROM sqlite_master WHERE name = 'idempotency'", [], |r| {
                r.get(0)
            })
            .expect("count");
        assert_eq!(old_table, 0);
        drop(store);
        // Opening it again changes nothing.
        let store = Store::open(dir.path()).expect("opens again");
        assert!(store.idempotent_record("a", "key-1", 2000).expect("lookup").is_some());
        let version: i64 =
            store.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).expect("version");
        assert_eq!(version, SCHEMA_VERSION);
    }
}
