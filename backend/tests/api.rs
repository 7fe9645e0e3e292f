//! The backend, started as a real process and reached over real HTTP, answers every endpoint of
//! the contract with JSON that validates against `contract/schema`, keeps posted
//! comments across a restart, and holds to its limits (body size, content type, query bounds,
//! the rate limit per client), answering each breach in the contract's error shape.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};

use broadsheet_model::schema::violations;
use serde_json::{json, Value};

struct Server {
    child: Child,
    /// Where the app is served, e.g. `http://127.0.0.1:43127`.
    origin: String,
    /// Where the contract's endpoints are.
    base: String,
}

impl Server {
    /// The backend with its API only.
    fn start(data_dir: &Path) -> Server {
        Server::serving(data_dir, Path::new("no-such-dist"))
    }

    /// The backend serving the built app in `dist` too.
    fn serving(data_dir: &Path, dist: &Path) -> Server {
        Server::launch(backend(data_dir, dist))
    }

    /// The backend with its API only, allowing `posts_per_minute`, with more flags.
    fn limited(data_dir: &Path, posts_per_minute: u32, flags: &[&str]) -> Server {
        let mut command = common::backend_command();
        command
            .args(["--dist", "no-such-dist", "--posts-per-minute"])
            .arg(posts_per_minute.to_string())
            .args(flags)
            .arg("--data-dir")
            .arg(data_dir);
        Server::launch(command)
    }

    fn launch(mut command: Command) -> Server {
        let (child, address) = common::launch(command.stderr(Stdio::null()));
        let origin = format!("http://{address}");
        Server { child, base: format!("{origin}/api/v1"), origin }
    }

    fn get(&self, path: &str) -> (u16, Value) {
        let response = agent().get(format!("{}{path}", self.base)).call().expect("GET answers");
        read(response)
    }

    fn post(&self, path: &str, key: Option<&str>, body: &Value) -> (u16, Value) {
        let headers: Vec<(&str, &str)> = key.map(|k| ("Idempotency-Key", k)).into_iter().collect();
        let (status, _, body) = self.post_with(path, &headers, body);
        (status, body)
    }

    /// A JSON POST with these headers; also answers the `Retry-After` header.
    fn post_with(
        &self,
        path: &str,
        headers: &[(&str, &str)],
        body: &Value,
    ) -> (u16, Option<String>, Value) {
        let mut request = agent().post(format!("{}{path}", self.base));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = request.send_json(body).expect("POST answers");
        let retry_after = response
            .headers()
            .get("retry-after")
            .map(|value| value.to_str().expect("ASCII").to_owned());
        let (status, body) = read(response);
        (status, retry_after, body)
    }

    /// `request` (a whole HTTP/1.1 request, sent as it is) on its own connection; the status and
    /// the JSON body of the answer.
    fn raw(&self, request: &[u8]) -> (u16, Value) {
        let address = self.origin.trim_start_matches("http://");
        let mut stream = TcpStream::connect(address).expect("connects");
        stream.write_all(request).expect("request sent");
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).expect("answer read");
        let end = answer.windows(4).position(|w| w == b"\r\n\r\n").expect("a head");
        let head = String::from_utf8_lossy(&answer[..end]).to_ascii_lowercase();
        let status = head[9..12].parse().expect("a status");
        assert!(head.contains("content-type: application/json"), "{head}");
        (status, serde_json::from_slice(&answer[end + 4..]).expect("a JSON body"))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The backend's command on a free port, before its output is wired.
fn backend(data_dir: &Path, dist: &Path) -> Command {
    let mut command = common::backend_command();
    command
        .args(["--posts-per-minute", "1000", "--dist"])
        .arg(dist)
        .arg("--data-dir")
        .arg(data_dir);
    command
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder().http_status_as_error(false).build().into()
}

fn read(response: ureq::http::Response<ureq::Body>) -> (u16, Value) {
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        content_type.starts_with("application/json"),
        "status {status}: content-type {content_type}"
    );
    let body = response.into_body().read_json::<Value>().expect("JSON body");
    (status, body)
}

fn assert_valid(schema: &str, value: &Value) {
    let problems = violations(schema, value).expect("schema loads");
    assert!(problems.is_empty(), "{schema}: {problems:#?}\n{value:#}");
}

fn assert_page_of(item_schema: &str, page: &Value) {
    assert_valid("page.schema.json", page);
    for item in page["items"].as_array().expect("items") {
        assert_valid(item_schema, item);
    }
}

#[test]
fn every_get_endpoint_answers_with_valid_json() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(dir.path());

    let (status, feed) = server.get("/articles?limit=5");
    assert_eq!(status, 200);
    assert_page_of("article-summary.schema.json", &feed);
    assert_eq!(feed["items"].as_array().map(Vec::len), Some(5));
    let cursor = feed["next_cursor"].as_str().expect("more pages").to_owned();
    let (_, second) = server.get(&format!("/articles?limit=5&cursor={cursor}"));
    assert_page_of("article-summary.schema.json", &second);
    assert_ne!(feed["items"][0]["id"], second["items"][0]["id"]);

    let (_, all) = server.get("/articles?limit=100");
    let ids: Vec<String> = all["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|a| a["id"].as_str().map(str::to_owned))
        .collect();
    assert!(ids.len() >= 12);
    for id in &ids {
        let (status, article) = server.get(&format!("/articles/{id}"));
        assert_eq!(status, 200);
        assert_valid("article.schema.json", &article);
        let (status, related) = server.get(&format!("/articles/{id}/related"));
        assert_eq!(status, 200);
        assert_page_of("article-summary.schema.json", &related);
        for sort in ["oldest", "newest"] {
            let (status, comments) =
                server.get(&format!("/articles/{id}/comments?sort={sort}&limit=3"));
            assert_eq!(status, 200);
            assert_page_of("comment.schema.json", &comments);
        }
    }
}

#[test]
fn errors_use_the_contract_shape() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(dir.path());
    for (path, expected) in [
        ("/articles/no-such-article", 404),
        ("/articles/no-such-article/related", 404),
        ("/articles/no-such-article/comments", 404),
        ("/articles?limit=0", 400),
        ("/articles?cursor=bogus", 400),
        ("/nothing-here", 404),
    ] {
        let (status, body) = server.get(path);
        assert_eq!(status, expected, "{path}");
        assert_valid("error.schema.json", &body);
    }
}

#[test]
fn query_parameters_and_ids_are_bounded() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(dir.path());
    let id = first_article_with_comments(&server, true);
    let long_id = "x".repeat(201);
    let long_cursor = format!("o{}", "1".repeat(40));
    let long_section = "s".repeat(101);
    for (path, field) in [
        ("/articles?limit=101".to_owned(), Some("limit")),
        ("/articles?limit=-1".to_owned(), Some("limit")),
        (format!("/articles/{id}/related?limit=1000"), Some("limit")),
        (format!("/articles/{id}/comments?limit=abc"), Some("limit")),
        ("/articles?cursor=o18446744073709551615".to_owned(), Some("cursor")),
        ("/articles?cursor=o1000000001".to_owned(), Some("cursor")),
        (format!("/articles?cursor={long_cursor}"), Some("cursor")),
        (format!("/articles/{id}/comments?cursor={long_cursor}"), Some("cursor")),
        (format!("/articles/{id}/comments?sort=sideways"), Some("sort")),
        (format!("/articles?section={long_section}"), Some("section")),
        ("/articles?limit=1&limit=2".to_owned(), None),
        (format!("/articles/{long_id}"), Some("id")),
        (format!("/articles/{long_id}/related"), Some("id")),
        (format!("/articles/{long_id}/comments"), Some("id")),
        ("/articles/%FF".to_owned(), Some("id")),
    ] {
        let (status, body) = server.get(&path);
        assert_eq!(status, 400, "{path}");
        assert_valid("error.schema.json", &body);
        assert_eq!(body["error"]["field"].as_str(), field, "{path}");
    }
    // The bounds themselves are allowed.
    let (status, page) = server.get("/articles?limit=100&cursor=o1000000000");
    assert_eq!((status, page["items"].as_array().map(Vec::len)), (200, Some(0)));
    let (status, _) = server.get(&format!("/articles/{}", "x".repeat(200)));
    assert_eq!(status, 404);
}

#[test]
fn comment_posts_must_be_json() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(dir.path());
    let id = first_article_with_comments(&server, true);
    let body = r#"{"author": {"name": "Sam"}, "body": "Typed."}"#;
    let post = |content_type: Option<&str>| {
        let header = content_type.map(|t| format!("Content-Type: {t}\r\n")).unwrap_or_default();
        let request = format!(
            "POST /api/v1/articles/{id}/comments HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\
             {header}Content-Length: {}\r\n\r\n{body}",
            body.len()
        );
        server.raw(request.as_bytes())
    };
    for content_type in
        [None, Some("text/plain"), Some("application/x-www-form-urlencoded"), Some("json")]
    {
        let (status, error) = post(content_type);
        assert_eq!(status, 415, "{content_type:?}");
        assert_valid("error.schema.json", &error);
        assert_eq!(error["error"]["code"], "unsupported_media_type");
    }
    assert_eq!(post(Some("application/json; charset=utf-8")).0, 201);
    assert_eq!(post(Some("Application/JSON")).0, 201);
}

#[test]
fn other_methods_are_refused_in_the_contract_shape() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(dir.path());
    for request in [
        "PUT /api/v1/articles/a/comments HTTP/1.1\r\nHost: t\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}",
        "DELETE /api/v1/articles HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
    ] {
        let (status, error) = server.raw(request.as_bytes());
        assert_eq!(status, 405, "{request}");
        assert_valid("error.schema.json", &error);
    }
}

#[test]
fn posting_is_rate_limited_per_client_with_retry_after() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::limited(dir.path(), 2, &[]);
    let id = first_article_with_comments(&server, true);
    let path = format!("/articles/{id}/comments");
    let comment = |n: u32| json!({"author": {"name": "Quick"}, "body": format!("Post {n}")});
    // Without --trust-forwarded-for the header is ignored: every post comes from 127.0.0.1.
    let first = server.post_with(
        &path,
        &[("Idempotency-Key", "k1"), ("X-Forwarded-For", "203.0.113.1")],
        &comment(1),
    );
    assert_eq!(first.0, 201);
    let second = server.post_with(&path, &[("X-Forwarded-For", "203.0.113.2")], &comment(2));
    assert_eq!(second.0, 201);
    let (status, retry_after, error) =
        server.post_with(&path, &[("X-Forwarded-For", "203.0.113.3")], &comment(3));
    assert_eq!(status, 429);
    assert_valid("error.schema.json", &error);
    assert_eq!(error["error"]["code"], "rate_limited");
    let seconds: u64 = retry_after.expect("Retry-After").parse().expect("seconds");
    assert!((1..=60).contains(&seconds), "Retry-After: {seconds}");
    // A retry of an acknowledged post is answered even now.
    let replay = server.post_with(&path, &[("Idempotency-Key", "k1")], &comment(1));
    assert_eq!((replay.0, &replay.2), (201, &first.2));
    drop(server);

    // Behind a proxy, each client is the address the proxy added (the last one).
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::limited(dir.path(), 1, &["--trust-forwarded-for"]);
    let as_client = |forwarded: &str, n: u32| {
        server.post_with(&path, &[("X-Forwarded-For", forwarded)], &comment(n)).0
    };
    assert_eq!(as_client("203.0.113.1", 1), 201);
    assert_eq!(as_client("203.0.113.1", 2), 429);
    assert_eq!(as_client("203.0.113.1, 203.0.113.2", 3), 201);
    assert_eq!(as_client("203.0.113.2, 203.0.113.1", 4), 429, "the first entry proves nothing");
}

fn first_article_with_comments(server: &Server, enabled: bool) -> String {
    let (_, all) = server.get("/articles?limit=100");
    all["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|a| a["id"].as_str())
        .find(|id| {
            server.get(&format!("/articles/{id}")).1["comments"]["enabled"] == json!(enabled)
        })
        .expect("such an article exists")
        .to_owned()
}

#[test]
fn posting_validates_is_idempotent_and_survives_a_restart() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(dir.path());
    let id = first_article_with_comments(&server, true);
    let path = format!("/articles/{id}/comments");
    let count_before =
        server.get(&format!("/articles/{id}")).1["comments"]["count"].as_u64().expect("count");

    let new = json!({"author": {"name": "  Zoë  "}, "body": "The tram stop moved again?", "parent_id": null});
    assert_valid("new-comment.schema.json", &new);
    let (status, created) = server.post(&path, Some("3b0c7f5e-1f0e-4c1e-9a51-6f1f5c0d2a11"), &new);
    assert_eq!(status, 201);
    assert_valid("comment.schema.json", &created);
    assert_eq!(created["author"]["name"], "Zoë");
    let (status, again) = server.post(&path, Some("3b0c7f5e-1f0e-4c1e-9a51-6f1f5c0d2a11"), &new);
    assert_eq!((status, &again), (201, &created), "a retried POST returns the first comment");

    let reply = json!({"author": {"name": "Sam"}, "body": "It did.", "parent_id": created["id"]});
    let (status, reply) = server.post(&path, Some("0d5e7a1c-9b4f-4e0a-8f00-2c9d6e1b7a22"), &reply);
    assert_eq!(status, 201);
    assert_eq!(reply["parent_id"], created["id"]);

    let (status, reused) = server.post(
        &path,
        Some("3b0c7f5e-1f0e-4c1e-9a51-6f1f5c0d2a11"),
        &json!({"author": {"name": "Zoë"}, "body": "Different"}),
    );
    assert_eq!((status, reused["error"]["code"].as_str()), (422, Some("idempotency_key_reused")));

    let count_after =
        server.get(&format!("/articles/{id}")).1["comments"]["count"].as_u64().expect("count");
    assert_eq!(count_after, count_before + 2);

    drop(server);
    let restarted = Server::start(dir.path());
    let (_, comments) = restarted.get(&format!("{path}?limit=100"));
    let ids: Vec<&Value> =
        comments["items"].as_array().expect("items").iter().map(|c| &c["id"]).collect();
    assert!(ids.contains(&&created["id"]) && ids.contains(&&reply["id"]), "comments persist");
}

#[test]
fn idempotency_keys_belong_to_one_article_and_expire_after_a_day() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(dir.path());
    let (_, all) = server.get("/articles?limit=100");
    let open: Vec<String> = all["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|a| a["id"].as_str())
        .filter(|id| server.get(&format!("/articles/{id}")).1["comments"]["enabled"] == true)
        .take(2)
        .map(str::to_owned)
        .collect();
    let [a, b] = open.as_slice() else { panic!("two articles with comments: {open:?}") };
    let comment = json!({"author": {"name": "Sam"}, "body": "Same words, same key."});
    let key = Some("retry-1");

    // Two clients that happened to pick the same key, on two articles: both posts are stored.
    let (status, on_a) = server.post(&format!("/articles/{a}/comments"), key, &comment);
    assert_eq!(status, 201);
    let (status, on_b) = server.post(&format!("/articles/{b}/comments"), key, &comment);
    assert_eq!(status, 201, "{on_b}");
    assert_ne!(on_a["id"], on_b["id"]);
    // Each retry gets its own article's comment back.
    assert_eq!(server.post(&format!("/articles/{a}/comments"), key, &comment), (201, on_a.clone()));
    assert_eq!(server.post(&format!("/articles/{b}/comments"), key, &comment), (201, on_b));

    // The database keeps a digest of what a key was used for, not the comment again.
    let db = rusqlite::Connection::open(dir.path().join("broadsheet.sqlite3")).expect("opens");
    let fingerprints: Vec<String> = db
        .prepare("SELECT fingerprint FROM idempotency_keys")
        .expect("statement")
        .query_map([], |row| row.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(fingerprints.len(), 2);
    for fingerprint in &fingerprints {
        assert!(fingerprint.len() == 64 && fingerprint.bytes().all(|b| b.is_ascii_hexdigit()));
    }

    // A day later the key is forgotten: the same post is a new comment.
    let day_ms = 24 * 60 * 60 * 1000;
    db.execute("UPDATE idempotency_keys SET created_ms = created_ms - ?1", [day_ms])
        .expect("keys made a day older");
    let (status, later) = server.post(&format!("/articles/{a}/comments"), key, &comment);
    assert_eq!(status, 201);
    assert_ne!(later["id"], on_a["id"], "an expired key does not replay");
}

#[test]
fn invalid_posts_name_the_field() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(dir.path());
    let open = first_article_with_comments(&server, true);
    let closed = first_article_with_comments(&server, false);
    let path = format!("/articles/{open}/comments");

    let cases = [
        (json!({"author": {"name": "   "}, "body": "hi"}), 422, Some("author.name")),
        (json!({"author": {"name": "Sam"}, "body": "x".repeat(5001)}), 422, Some("body")),
        (json!({"author": {"name": "Sam"}, "body": 5}), 422, Some("body")),
        (json!({"author": {"name": "n".repeat(81)}, "body": "hi"}), 422, Some("author.name")),
        (json!({"author": "Sam", "body": "hi"}), 422, Some("author.name")),
        (json!(["Sam", "hi"]), 422, Some("author.name")),
        (
            json!({"author": {"name": "Sam"}, "body": "hi", "parent_id": "no-such-comment"}),
            422,
            Some("parent_id"),
        ),
        (
            json!({"author": {"name": "Sam"}, "body": "hi", "parent_id": "p".repeat(201)}),
            422,
            Some("parent_id"),
        ),
        (json!({"author": {"name": "Sam"}, "body": "hi", "parent_id": 7}), 422, Some("parent_id")),
    ];
    for (body, status, field) in cases {
        let (got, error) = server.post(&path, None, &body);
        assert_eq!(got, status, "{body}");
        assert_valid("error.schema.json", &error);
        assert_eq!(error["error"]["field"].as_str(), field);
    }
    let ok = json!({"author": {"name": "Sam"}, "body": "hi"});
    assert_eq!(server.post(&format!("/articles/{closed}/comments"), None, &ok).0, 403);
    assert_eq!(server.post("/articles/no-such-article/comments", None, &ok).0, 404);

    let raw = agent()
        .post(format!("{}{path}", server.base))
        .header("content-type", "application/json")
        .send("{not json")
        .expect("answers");
    assert_eq!(read(raw).0, 400);
    let long_key = "k".repeat(201);
    let (status, error) = server.post(&path, Some(&long_key), &ok);
    assert_eq!((status, error["error"]["code"].as_str()), (400, Some("bad_idempotency_key")));
}

#[test]
fn an_oversized_post_is_refused_in_the_contract_shape() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(dir.path());
    let id = first_article_with_comments(&server, true);
    let huge = json!({"author": {"name": "Sam"}, "body": "x".repeat(100 * 1024)});
    let (status, error) = server.post(&format!("/articles/{id}/comments"), None, &huge);
    assert_eq!(status, 413);
    assert_valid("error.schema.json", &error);
    assert_eq!(error["error"]["code"], "too_large");

    // Also without a Content-Length: a chunked body is cut off at the limit.
    let chunk = "x".repeat(16 * 1024);
    let mut request = format!(
        "POST /api/v1/articles/{id}/comments HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\
         Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    );
    for _ in 0..5 {
        request.push_str(&format!("{:x}\r\n{chunk}\r\n", chunk.len()));
    }
    request.push_str("0\r\n\r\n");
    let (status, error) = server.raw(request.as_bytes());
    assert_eq!(status, 413);
    assert_eq!(error["error"]["code"], "too_large");
}

#[test]
fn a_comment_acknowledged_with_201_survives_kill_9() {
    use std::os::unix::process::ExitStatusExt;

    let dir = tempfile::tempdir().expect("temp dir");
    let mut server = Server::start(dir.path());
    let id = first_article_with_comments(&server, true);
    let path = format!("/articles/{id}/comments");
    let new = json!({"author": {"name": "Durable"}, "body": "Written before the crash."});
    let (status, created) = server.post(&path, Some("9f1c2d3e-4b5a-4c6d-8e7f-001122334455"), &new);
    assert_eq!(status, 201);

    // `Child::kill` sends SIGKILL: no shutdown code runs, nothing is flushed on the way out.
    server.child.kill().expect("SIGKILL sent");
    let exit = server.child.wait().expect("the process ends");
    assert_eq!(exit.signal(), Some(9), "killed, not exited: {exit:?}");
    drop(server);

    let restarted = Server::start(dir.path());
    let (_, comments) = restarted.get(&format!("{path}?limit=100"));
    let found = comments["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|c| c["id"] == created["id"])
        .cloned()
        .expect("the acknowledged comment is still there");
    assert_eq!(found, created);
    // And its idempotency record too: a retry after the crash creates nothing new.
    let (status, again) = restarted.post(&path, Some("9f1c2d3e-4b5a-4c6d-8e7f-001122334455"), &new);
    assert_eq!((status, &again), (201, &created));
}

/// A built app in a temporary folder, with this `config.json`.
fn dist_with_config(config: &Value) -> tempfile::TempDir {
    let dist = tempfile::tempdir().expect("temp dir");
    std::fs::write(dist.path().join("index.html"), "<!doctype html><title>Broadsheet</title>")
        .expect("index.html written");
    std::fs::write(dist.path().join("config.json"), config.to_string()).expect("config written");
    dist
}

#[test]
fn article_pages_carry_the_stored_articles_preview() {
    // What the built page's <noscript> says once drawn, in the site's language (English here).
    const NOSCRIPT: &str = r#"<noscript><p lang="en" dir="ltr">Port Wendell Post needs JavaScript and WebAssembly to show articles.</p></noscript>"#;
    let data = tempfile::tempdir().expect("temp dir");
    let dist = dist_with_config(&json!({
        "site": {"name": "Port Wendell Post"},
        "backend": {"kind": "native", "base_url": "/api/v1"}
    }));
    let built = "<!doctype html><title>Broadsheet</title><body><noscript>JS</noscript></body>";
    std::fs::write(dist.path().join("index.html"), built).expect("index.html written");
    let server = Server::serving(data.path(), dist.path());
    let (_, feed) = server.get("/articles?limit=1");
    let id = feed["items"][0]["id"].as_str().expect("an article id").to_owned();
    let (_, article) = server.get(&format!("/articles/{id}"));
    let page = |path: &str| {
        let mut response =
            agent().get(format!("{}{path}", server.origin)).call().expect("GET answers");
        assert_eq!(response.status().as_u16(), 200, "{path}");
        let header = |name: &str| {
            response.headers().get(name).map(|v| v.to_str().expect("ASCII").to_owned())
        };
        assert!(header("content-type").is_some_and(|t| t.starts_with("text/html")), "{path}");
        assert_eq!(header("cache-control").as_deref(), Some("no-cache"), "{path}");
        assert!(header("content-security-policy").is_some(), "{path}");
        let link = header("link");
        (response.body_mut().read_to_string().expect("a page"), link)
    };

    for path in [format!("/articles/{id}"), format!("/articles/{id}/")] {
        let (html, link) = page(&path);
        let title = article["title"].as_str().expect("a title");
        // The head describes the article (`broadsheet_model::meta`), in place of the built title.
        let head = format!(
            "<!doctype html><title>{} – Port Wendell Post</title>",
            title.replace('&', "&amp;")
        );
        assert!(html.starts_with(&head), "{html}");
        assert!(
            html.contains(r#"<meta property="og:type" content="article" data-server-head>"#),
            "{html}"
        );
        assert!(html.contains(r#"<script type="application/ld+json" data-server-head>"#), "{html}");
        assert!(html.contains("<body><div class=\"early-preview\" id=\"early-preview\""), "{html}");
        assert!(html.ends_with(&format!("</div>{NOSCRIPT}</body>")), "{html}");
        assert!(html.contains("Port Wendell Post"));
        assert!(
            html.contains(&format!("<h1 dir=\"auto\">{}</h1>", title.replace('&', "&amp;"))),
            "{html}"
        );
        assert_eq!(
            link,
            Some(format!("</api/v1/articles/{id}>; rel=preload; as=fetch; crossorigin"))
        );
    }
    // No such article (or an id too long to be one): the page as built, and the app says why.
    let as_built = built.replace("<noscript>JS</noscript>", NOSCRIPT);
    for path in ["/articles/no-such-article".to_owned(), format!("/articles/{}", "x".repeat(300))] {
        assert_eq!(page(&path).0, as_built, "{path}");
    }
}

#[test]
fn html_pages_say_which_sites_may_frame_them() {
    let data = tempfile::tempdir().expect("temp dir");
    let dist = dist_with_config(&json!({
        "backend": {"kind": "native", "base_url": "/api/v1"},
        "embed": {"allowed_origins": ["https://Partner.example/", "http://127.0.0.1:8300"]}
    }));
    let server = Server::serving(data.path(), dist.path());
    let policy_of = |path: &str| {
        let response = agent().get(format!("{}{path}", server.origin)).call().expect("GET answers");
        assert_eq!(response.status().as_u16(), 200, "{path}");
        let policy = response.headers().get("content-security-policy");
        policy.map(|value| value.to_str().expect("ASCII").to_owned())
    };
    let ancestors = |path: &str| {
        let policy = policy_of(path).unwrap_or_else(|| panic!("{path}: no policy"));
        assert!(policy.contains("object-src 'none'"), "{path}: {policy}");
        let directive = policy.split("; ").find(|d| d.starts_with("frame-ancestors "));
        directive.map(str::to_owned)
    };
    let partners = "frame-ancestors 'self' https://partner.example http://127.0.0.1:8300";
    for path in ["/embed/articles/harbour-tram-trial/comments", "/embed/articles/x/card"] {
        assert_eq!(ancestors(path).as_deref(), Some(partners), "{path}");
    }
    for path in ["/", "/articles/harbour-tram-trial", "/index.html", "/embedded"] {
        assert_eq!(ancestors(path).as_deref(), Some("frame-ancestors 'self'"), "{path}");
    }
    for path in ["/api/v1/articles?limit=1", "/config.json"] {
        assert_eq!(policy_of(path), None, "{path}: not a page");
    }
}

#[test]
fn print_csp_shows_the_policy_with_the_loader_hash() {
    let data = tempfile::tempdir().expect("temp dir");
    let dist = dist_with_config(&json!({"backend": {"kind": "native", "base_url": "/api/v1"}}));
    std::fs::write(
        dist.path().join("index.html"),
        "<!doctype html><script type=\"module\">boot()</script>",
    )
    .expect("index.html written");
    let output = backend(data.path(), dist.path()).arg("--print-csp").output().expect("runs");
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    // sha256("boot()"), base64.
    let loader = "'sha256-MeZS89WlF0u+o0hCvHTBt4q1WHU+U+sJKgbdRUc36mY='";
    assert!(text.contains(&format!("script-src 'self' 'wasm-unsafe-eval' {loader};")), "{text}");
}

#[test]
fn a_bad_partner_origin_in_the_app_config_stops_the_backend() {
    let data = tempfile::tempdir().expect("temp dir");
    let dist = dist_with_config(&json!({
        "backend": {"kind": "native", "base_url": "/api/v1"},
        "embed": {"allowed_origins": ["https://partner.example/page"]}
    }));
    let output = backend(data.path(), dist.path()).output().expect("backend runs");
    assert!(!output.status.success());
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(
        message.contains(
            "\"embed.allowed_origins\" has \"https://partner.example/page\": expected an origin"
        ),
        "{message}"
    );
}

/// What crawlers and feed readers fetch: robots.txt, the sitemap and the two feeds, with their
/// content types, listing the stored articles under the app's addresses.
#[test]
fn robots_sitemap_and_feeds_list_the_stored_articles() {
    let data = tempfile::tempdir().expect("temp dir");
    let dist = dist_with_config(&json!({
        "site": {"name": "Port Wendell Post"},
        "backend": {"kind": "native", "base_url": "/api/v1"}
    }));
    let built = "<!doctype html><title>Broadsheet</title><body></body>";
    std::fs::write(dist.path().join("index.html"), built).expect("index.html written");
    let server = Server::serving(data.path(), dist.path());
    let (_, feed) = server.get("/articles?limit=1");
    let newest = feed["items"][0]["id"].as_str().expect("an article id").to_owned();
    let fetch = |path: &str| {
        let mut response =
            agent().get(format!("{}{path}", server.origin)).call().expect("GET answers");
        assert_eq!(response.status().as_u16(), 200, "{path}");
        let content_type = response
            .headers()
            .get("content-type")
            .map(|v| v.to_str().expect("ASCII").to_owned())
            .unwrap_or_default();
        (content_type, response.body_mut().read_to_string().expect("a body"))
    };
    let origin = &server.origin;
    let (kind, robots) = fetch("/robots.txt");
    assert!(kind.starts_with("text/plain"), "{kind}");
    assert!(robots.contains(&format!("Sitemap: {origin}/sitemap.xml")), "{robots}");
    let (kind, sitemap) = fetch("/sitemap.xml");
    assert!(kind.starts_with("application/xml"), "{kind}");
    assert!(sitemap.contains(&format!("<loc>{origin}/articles/{newest}</loc>")), "{sitemap}");
    let (kind, rss) = fetch("/feed.xml");
    assert!(kind.starts_with("application/rss+xml"), "{kind}");
    assert!(rss.contains(&format!("<link>{origin}/articles/{newest}</link>")), "{rss}");
    let (kind, json_feed) = fetch("/feed.json");
    assert!(kind.starts_with("application/feed+json"), "{kind}");
    let json_feed: Value = serde_json::from_str(&json_feed).expect("JSON");
    assert_eq!(json_feed["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(json_feed["title"], "Port Wendell Post");
    assert_eq!(json_feed["items"][0]["url"], format!("{origin}/articles/{newest}"));
    // Other files that do not exist are not the app's page.
    let missing = agent().get(format!("{origin}/ads.txt")).call().expect("GET answers");
    assert_eq!(missing.status().as_u16(), 404);
}
