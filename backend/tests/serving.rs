//! The backend under load and during deploys, started as a real process and reached over real
//! TCP: a missing build file is a 404 that no cache keeps (never `index.html` cached for a year),
//! every answer carries `nosniff` and a referrer policy, slow or idle connections are closed and
//! the number of connections is capped, a database locked by another process delays only the
//! requests that need it, `/healthz` and `/readyz` say what they should, and SIGTERM lets
//! requests in flight finish.

mod common;

use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

struct Server {
    child: Child,
    address: SocketAddr,
}

impl Server {
    /// The backend on a free port, serving `dist`, with more `flags`.
    fn start(data_dir: &Path, dist: &Path, flags: &[&str]) -> Server {
        let (child, address) = common::launch(
            common::backend_command()
                .args(["--posts-per-minute", "1000", "--dist"])
                .arg(dist)
                .arg("--data-dir")
                .arg(data_dir)
                .args(flags)
                .stderr(Stdio::null()),
        );
        Server { child, address }
    }

    /// `GET path` on a connection of its own.
    fn get(&self, path: &str) -> Answer {
        self.send(&format!("GET {path} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n"))
    }

    /// A JSON comment post to `article` on a connection of its own.
    fn post(&self, article: &str, key: Option<&str>, comment: &Value) -> Answer {
        let key = key.map(|key| format!("Idempotency-Key: {key}\r\n")).unwrap_or_default();
        let body = comment.to_string();
        self.send(&format!(
            "POST /api/v1/articles/{article}/comments HTTP/1.1\r\nHost: test\r\n\
             Connection: close\r\nContent-Type: application/json\r\n{key}\
             Content-Length: {}\r\n\r\n{body}",
            body.len()
        ))
    }

    /// `request`, sent as it is, and the whole answer (the server closes the connection).
    fn send(&self, request: &str) -> Answer {
        let mut stream = TcpStream::connect(self.address).expect("connects");
        stream.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout set");
        stream.write_all(request.as_bytes()).expect("request sent");
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("the whole answer");
        Answer::parse(&raw)
    }

    /// The id of an article that takes comments.
    fn open_article(&self) -> String {
        let feed = self.get("/api/v1/articles?limit=100").json();
        let ids = feed["items"].as_array().expect("items").iter().filter_map(|a| a["id"].as_str());
        ids.map(str::to_owned)
            .find(|id| {
                self.get(&format!("/api/v1/articles/{id}")).json()["comments"]["enabled"] == true
            })
            .expect("an article with comments")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Debug)]
struct Answer {
    status: u16,
    /// Lower-cased names.
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn parse(raw: &[u8]) -> Answer {
        let end = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a head");
        let head = String::from_utf8_lossy(&raw[..end]);
        let mut lines = head.lines();
        let status = lines.next().and_then(|l| l.get(9..12)).expect("a status line");
        let headers = lines
            .filter_map(|line| line.split_once(':'))
            .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
            .collect();
        Answer { status: status.parse().expect("a status"), headers, body: raw[end + 4..].to_vec() }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("a JSON body")
    }
}

const HASHED: &str = "broadsheet-0123456789abcdef";

/// A built app: `index.html`, `config.json`, and a hashed script and wasm.
fn dist() -> tempfile::TempDir {
    let dist = tempfile::tempdir().expect("temp dir");
    let write = |name: &str, text: &str| std::fs::write(dist.path().join(name), text);
    write("index.html", "<!doctype html><title>Broadsheet</title><body></body>").expect("write");
    write("config.json", r#"{"backend": {"kind": "native", "base_url": "/api/v1"}}"#)
        .expect("write");
    write(&format!("{HASHED}.js"), "export default 1;").expect("write");
    write(&format!("{HASHED}_bg.wasm"), "\0asm").expect("write");
    dist
}

#[test]
fn a_missing_build_file_is_404_and_only_files_that_exist_are_cached_for_a_year() {
    let (data, dist) = (tempfile::tempdir().expect("temp dir"), dist());
    let server = Server::start(data.path(), dist.path(), &[]);
    let immutable = Some("public, max-age=31536000, immutable");

    for file in [format!("/{HASHED}.js"), format!("/{HASHED}_bg.wasm")] {
        let found = server.get(&file);
        assert_eq!((found.status, found.header("cache-control")), (200, immutable), "{file}");
    }
    // The previous (or next) build's files, as a page of that build asks for them mid-deploy.
    for missing in [
        "/broadsheet-fedcba9876543210.js",
        "/broadsheet-fedcba9876543210_bg.wasm",
        "/main-863bb006233edb6.css",
        "/favicon.ico",
    ] {
        let answer = server.get(missing);
        assert_eq!(answer.status, 404, "{missing}");
        assert_eq!(answer.header("cache-control"), Some("no-cache"), "{missing}");
        let html = answer.header("content-type").is_some_and(|t| t.starts_with("text/html"));
        assert!(!html, "{missing}: {answer:?}");
    }
    // The app's routes still get the app, revalidated.
    for page in ["/", "/articles/some-story", "/articles/v1.2-release", "/embed/articles/x/card"] {
        let answer = server.get(page);
        assert_eq!(answer.status, 200, "{page}");
        assert!(answer.header("content-type").is_some_and(|t| t.starts_with("text/html")));
        assert_eq!(answer.header("cache-control"), Some("no-cache"), "{page}");
    }
}

#[test]
fn every_answer_says_nosniff_and_its_referrer_policy() {
    let (data, dist) = (tempfile::tempdir().expect("temp dir"), dist());
    let server = Server::start(data.path(), dist.path(), &[]);
    let id = server.open_article();
    let paths = [
        "/api/v1/articles?limit=1".to_owned(),
        "/api/v1/articles/no-such-article".to_owned(),
        "/api/v1/nothing-here".to_owned(),
        format!("/api/v1/articles/{id}/comments"),
        "/".to_owned(),
        format!("/articles/{id}"),
        "/embed/articles/x/card".to_owned(),
        "/config.json".to_owned(),
        format!("/{HASHED}.js"),
        "/broadsheet-fedcba9876543210.js".to_owned(),
        "/healthz".to_owned(),
    ];
    for path in &paths {
        let answer = server.get(path);
        assert_eq!(answer.header("x-content-type-options"), Some("nosniff"), "{path}");
        assert_eq!(
            answer.header("referrer-policy"),
            Some("strict-origin-when-cross-origin"),
            "{path}"
        );
    }
    let post = server.post(&id, None, &json!({"author": {"name": "Sam"}, "body": "Hi."}));
    assert_eq!((post.status, post.header("x-content-type-options")), (201, Some("nosniff")));
    // Framing: the reader's pages only by the reader (as the static-host configurations say);
    // the embed pages by the partners their policy names, so no X-Frame-Options there.
    assert_eq!(server.get("/").header("x-frame-options"), Some("SAMEORIGIN"));
    assert_eq!(
        server.get(&format!("/articles/{id}")).header("x-frame-options"),
        Some("SAMEORIGIN")
    );
    assert_eq!(server.get("/embed/articles/x/card").header("x-frame-options"), None);
    // Widgets are kept out of search results; the reader's pages are not.
    assert_eq!(server.get("/embed/articles/x/card").header("x-robots-tag"), Some("noindex"));
    assert_eq!(server.get("/").header("x-robots-tag"), None);
    assert_eq!(server.get("/api/v1/articles?limit=1").header("x-frame-options"), None);
}

/// How long until the server closes `stream`, trickling `trickle` to it a byte every 200 ms
/// (nothing when empty); `None` if it is still open after `patience`.
fn closed_within(stream: &mut TcpStream, trickle: &[u8], patience: Duration) -> Option<Duration> {
    let start = Instant::now();
    stream.set_read_timeout(Some(Duration::from_millis(200))).expect("timeout set");
    let mut trickle = trickle.iter();
    let mut buffer = [0; 1024];
    while start.elapsed() < patience {
        if let Some(byte) = trickle.next() {
            if stream.write_all(&[*byte]).is_err() {
                return Some(start.elapsed());
            }
        }
        match stream.read(&mut buffer) {
            Ok(0) => return Some(start.elapsed()),
            // An answer (a 408, say) before the close.
            Ok(_) => {}
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(_) => return Some(start.elapsed()),
        }
    }
    None
}

#[test]
fn slow_and_idle_connections_are_closed() {
    let (data, dist) = (tempfile::tempdir().expect("temp dir"), dist());
    let server = Server::start(data.path(), dist.path(), &["--header-timeout", "1"]);
    let patience = Duration::from_secs(5);

    // Half a request head, then nothing.
    let mut half = TcpStream::connect(server.address).expect("connects");
    half.write_all(b"GET /api/v1/articles HTTP/1.1\r\nHost: test\r\n").expect("sent");
    let closed = closed_within(&mut half, b"", patience).expect("closed: half a head");
    assert!(closed < Duration::from_secs(3), "{closed:?}");

    // A head sent a byte at a time: each byte comes in time, the whole head does not.
    let mut slow = TcpStream::connect(server.address).expect("connects");
    let head = b"GET /api/v1/articles HTTP/1.1\r\nHost: test\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n";
    let closed = closed_within(&mut slow, head, patience).expect("closed: a byte at a time");
    assert!(closed < Duration::from_secs(3), "{closed:?}");

    // Nothing at all.
    let mut silent = TcpStream::connect(server.address).expect("connects");
    assert!(closed_within(&mut silent, b"", patience).is_some(), "closed: silent");

    // A kept-alive connection, idle after its answer.
    let mut idle = TcpStream::connect(server.address).expect("connects");
    idle.write_all(b"GET /api/v1/articles?limit=1 HTTP/1.1\r\nHost: test\r\n\r\n").expect("sent");
    let start = Instant::now();
    idle.set_read_timeout(Some(patience)).expect("timeout set");
    let mut answer = Vec::new();
    idle.read_to_end(&mut answer).expect("answered, then closed");
    assert!(start.elapsed() < Duration::from_secs(3), "{:?}", start.elapsed());
    assert_eq!(Answer::parse(&answer).status, 200);

    // And the server still answers.
    assert_eq!(server.get("/api/v1/articles?limit=1").status, 200);
}

#[test]
fn a_request_whose_body_does_not_arrive_in_time_is_answered_408() {
    let (data, dist) = (tempfile::tempdir().expect("temp dir"), dist());
    let server = Server::start(data.path(), dist.path(), &["--request-timeout", "1"]);
    let id = server.open_article();
    let mut stream = TcpStream::connect(server.address).expect("connects");
    stream.set_read_timeout(Some(Duration::from_secs(5))).expect("timeout set");
    let start = Instant::now();
    write!(
        stream,
        "POST /api/v1/articles/{id}/comments HTTP/1.1\r\nHost: test\r\n\
         Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"author\""
    )
    .expect("sent");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).expect("answered, then closed");
    assert!(start.elapsed() < Duration::from_secs(3), "{:?}", start.elapsed());
    let answer = Answer::parse(&answer);
    assert_eq!(answer.status, 408);
    assert_eq!(answer.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(answer.json()["error"]["code"], "timeout", "the contract's error shape");
}

#[test]
fn connections_over_the_cap_wait_until_one_closes() {
    let (data, dist) = (tempfile::tempdir().expect("temp dir"), dist());
    let server = Server::start(
        data.path(),
        dist.path(),
        &["--max-connections", "2", "--header-timeout", "30"],
    );
    let first = TcpStream::connect(server.address).expect("connects");
    let _second = TcpStream::connect(server.address).expect("connects");
    thread::sleep(Duration::from_millis(300));

    let mut third = TcpStream::connect(server.address).expect("queued by the kernel");
    third
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
        .expect("sent");
    third.set_read_timeout(Some(Duration::from_millis(800))).expect("timeout set");
    let mut answer = Vec::new();
    let waited = third.read_to_end(&mut answer);
    assert!(
        matches!(&waited, Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut)),
        "not served while two connections are open: {waited:?} {:?}",
        String::from_utf8_lossy(&answer)
    );

    drop(first);
    third.set_read_timeout(Some(Duration::from_secs(5))).expect("timeout set");
    third.read_to_end(&mut answer).expect("served once a slot is free");
    assert_eq!(Answer::parse(&answer).status, 200);
}

/// Holds the write lock of the backend's database from another connection (as a backup or a
/// migration by hand would) until the returned sender is used or dropped.
fn lock_database(data_dir: &Path) -> (std::sync::mpsc::Sender<()>, thread::JoinHandle<()>) {
    let path = data_dir.join("broadsheet.sqlite3");
    let (release, released) = std::sync::mpsc::channel::<()>();
    let (locked, is_locked) = std::sync::mpsc::channel();
    let holder = thread::spawn(move || {
        let conn = rusqlite::Connection::open(path).expect("opens the database");
        conn.execute_batch("BEGIN IMMEDIATE").expect("takes the write lock");
        locked.send(()).expect("test waits");
        let _ = released.recv();
        conn.execute_batch("ROLLBACK").expect("releases the lock");
    });
    is_locked.recv().expect("locked");
    (release, holder)
}

#[test]
fn a_database_locked_by_another_process_delays_posts_but_no_other_request() {
    let (data, dist) = (tempfile::tempdir().expect("temp dir"), dist());
    let server = Server::start(data.path(), dist.path(), &[]);
    let id = server.open_article();
    let (release, holder) = lock_database(data.path());

    thread::scope(|scope| {
        let post = scope.spawn(|| {
            server.post(&id, Some("k-locked"), &json!({"author": {"name": "Sam"}, "body": "Hi."}))
        });
        thread::sleep(Duration::from_millis(300));
        // More requests for the store than the server has worker threads.
        let workers = thread::available_parallelism().map_or(4, usize::from);
        let readers: Vec<_> = (0..2 * workers + 8)
            .map(|_| scope.spawn(|| server.get(&format!("/api/v1/articles/{id}")).status))
            .collect();
        thread::sleep(Duration::from_millis(300));

        let start = Instant::now();
        let health = server.get("/healthz");
        let took = start.elapsed();
        assert_eq!(health.status, 200);
        assert!(took < Duration::from_millis(700), "/healthz waited for the store: {took:?}");
        thread::sleep(Duration::from_millis(600));
        release.send(()).expect("holder waits");

        let post = post.join().expect("post thread");
        assert_eq!(post.status, 201, "the post waited for the lock: {post:?}");
        for reader in readers {
            assert_eq!(reader.join().expect("reader thread"), 200);
        }
    });
    holder.join().expect("lock holder");
}

#[test]
fn pages_name_the_csp_report_endpoint_which_takes_reports_and_nothing_else() {
    let (data, dist) = (tempfile::tempdir().expect("temp dir"), dist());
    let server = Server::start(data.path(), dist.path(), &[]);
    let page = server.get("/");
    let policy = page.header("content-security-policy").expect("a policy");
    assert!(policy.ends_with("; report-uri /csp-reports"), "{policy}");
    let report = |content_type: &str, body: &str| {
        server.send(&format!(
            "POST /csp-reports HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\
             Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        ))
    };
    let violation = r#"{"csp-report": {"document-uri": "http://test/", "effective-directive": "script-src-elem", "blocked-uri": "inline"}}"#;
    assert_eq!(report("application/csp-report", violation).status, 204);
    let reports = r#"[{"type": "csp-violation", "body": {"documentURL": "http://test/", "effectiveDirective": "img-src", "blockedURL": "data"}}]"#;
    assert_eq!(report("application/reports+json", reports).status, 204);
    assert_eq!(report("text/plain", violation).status, 415);
    assert_eq!(report("application/csp-report", "{").status, 400);
    let huge = format!(r#"{{"csp-report": {{"blocked-uri": "{}"}}}}"#, "x".repeat(20_000));
    assert_eq!(report("application/csp-report", &huge).status, 413);
    assert_eq!(server.get("/csp-reports").status, 405);
}

#[test]
fn healthz_says_the_process_is_up_and_readyz_that_the_store_answers() {
    let (data, dist) = (tempfile::tempdir().expect("temp dir"), dist());
    let server = Server::start(data.path(), dist.path(), &[]);
    let id = server.open_article();
    for path in ["/healthz", "/readyz"] {
        let answer = server.get(path);
        assert_eq!((answer.status, answer.header("cache-control")), (200, Some("no-store")));
    }

    // A post waiting for the lock holds the store; /readyz gives up after its deadline.
    let (release, holder) = lock_database(data.path());
    thread::scope(|scope| {
        let post = scope.spawn(|| {
            server.post(&id, None, &json!({"author": {"name": "Sam"}, "body": "Waiting."}))
        });
        thread::sleep(Duration::from_millis(300));
        let start = Instant::now();
        assert_eq!(server.get("/readyz").status, 503);
        assert!(start.elapsed() < Duration::from_secs(4), "{:?}", start.elapsed());
        assert_eq!(server.get("/healthz").status, 200, "the process is still up");
        release.send(()).expect("holder waits");
        assert_eq!(post.join().expect("post thread").status, 201);
    });
    holder.join().expect("lock holder");
    assert_eq!(server.get("/readyz").status, 200);
}

#[test]
fn sigterm_lets_requests_in_flight_finish_and_refuses_new_ones() {
    let (data, dist) = (tempfile::tempdir().expect("temp dir"), dist());
    let mut server = Server::start(data.path(), dist.path(), &[]);
    let id = server.open_article();
    // A post in flight: it waits for the lock held here.
    let (release, holder) = lock_database(data.path());
    let address = server.address;
    let in_flight = thread::spawn(move || {
        let body = json!({"author": {"name": "Sam"}, "body": "Just in time."}).to_string();
        let mut stream = TcpStream::connect(address).expect("connects");
        write!(
            stream,
            "POST /api/v1/articles/{id}/comments HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .expect("sent");
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("the whole answer");
        Answer::parse(&raw)
    });
    thread::sleep(Duration::from_millis(300));

    let pid = server.child.id().to_string();
    let status = Command::new("kill").args(["-TERM", &pid]).status().expect("kill runs");
    assert!(status.success());
    thread::sleep(Duration::from_millis(300));
    assert!(server.child.try_wait().expect("status").is_none(), "still finishing the post");
    assert!(TcpStream::connect(address).is_err(), "no new connections");

    release.send(()).expect("holder waits");
    assert_eq!(in_flight.join().expect("post thread").status, 201);
    let start = Instant::now();
    let exit = loop {
        if let Some(exit) = server.child.try_wait().expect("status") {
            break exit;
        }
        assert!(start.elapsed() < Duration::from_secs(5), "the backend did not stop");
        thread::sleep(Duration::from_millis(50));
    };
    assert!(exit.success(), "{exit:?}");
    holder.join().expect("lock holder");
}
