//! A kill -9 in the middle of a burst of 1,000 concurrent comment posts loses no acknowledged
//! comment and creates no duplicate.
//!
//! The real backend binary is started on a free port with a throw-away data dir. 1,000 distinct
//! comments are posted to one article at once, each with its own `Idempotency-Key`, each on its
//! own connection. The moment the 300th `201 Created` has been read, the server is sent SIGKILL
//! (`std::process::Child::kill` is SIGKILL on Unix: no shutdown code runs, nothing is flushed on
//! the way out), so hundreds of posts are still in flight. The server is then restarted on the
//! same data dir, and:
//!
//! 1. every comment acknowledged with a 201 is listed exactly once, as it was acknowledged, and
//!    no comment of the burst is listed twice;
//! 2. posting all 1,000 again with the same keys answers 201 each time, with the acknowledged
//!    comment's id for every acknowledged key, and leaves exactly 1,000 comments of the burst:
//!    one per key, none twice.
//!
//! The client speaks HTTP/1.1 over tokio sockets (one request per connection), so a response
//! counts as an acknowledgement only when its status line, headers and whole body were read.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::net::SocketAddr;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

mod common;

const POSTS: usize = 1_000;
/// The server is killed when this many posts have been acknowledged.
const KILL_AFTER: usize = 300;
/// Generous: the machine may be busy with other builds.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(90);
const START_TIMEOUT: Duration = Duration::from_secs(60);
/// What every comment of the burst starts with (the demo data has other comments too).
const MARK: &str = "Burst comment ";

struct Server {
    child: Arc<Mutex<Child>>,
    address: SocketAddr,
}

impl Server {
    /// Starts the backend on a free port and waits until it answers.
    fn start(data_dir: &Path, log: &Path) -> Server {
        let (child, address) = common::launch(
            common::backend_command()
                .args(["--posts-per-minute", "1000000", "--dist", "no-such-dist"])
                .arg("--data-dir")
                .arg(data_dir)
                .stderr(Stdio::from(File::create(log).expect("log file"))),
        );
        Server { child: Arc::new(Mutex::new(child)), address }
    }

    /// SIGKILL, at once.
    fn kill(child: &Mutex<Child>) {
        child.lock().expect("child lock").kill().expect("SIGKILL sent");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(mut child) = self.child.lock() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// A complete HTTP answer.
#[derive(Debug)]
struct Answer {
    status: u16,
    body: Value,
}

/// One request on its own connection; `Err` unless the whole answer was read in time.
async fn exchange(
    address: SocketAddr,
    method: &str,
    path: &str,
    key: Option<&str>,
    body: Option<&Value>,
) -> Result<Answer, String> {
    let mut request =
        format!("{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n");
    if let Some(key) = key {
        request.push_str(&format!("Idempotency-Key: {key}\r\n"));
    }
    let body = body.map(Value::to_string).unwrap_or_default();
    if !body.is_empty() {
        request.push_str(&format!(
            "Content-Type: application/json\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    request.push_str("\r\n");
    request.push_str(&body);
    let io = async {
        let mut stream = TcpStream::connect(address).await?;
        stream.write_all(request.as_bytes()).await?;
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).await?;
        Ok::<_, std::io::Error>(raw)
    };
    let raw = tokio::time::timeout(REQUEST_TIMEOUT, io)
        .await
        .map_err(|_| "timed out".to_owned())?
        .map_err(|e| e.to_string())?;
    parse(&raw)
}

fn parse(raw: &[u8]) -> Result<Answer, String> {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n").ok_or("no complete head")?;
    let head = std::str::from_utf8(&raw[..end]).map_err(|e| e.to_string())?;
    let body = &raw[end + 4..];
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|code| code.parse().ok())
        .ok_or("no status line")?;
    let length: usize = lines
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.trim().parse().ok())
        .ok_or("no content-length")?;
    if body.len() != length {
        return Err(format!("body cut short: {} of {length} bytes", body.len()));
    }
    let body = serde_json::from_slice(body).map_err(|e| e.to_string())?;
    Ok(Answer { status, body })
}

async fn get(address: SocketAddr, path: &str) -> Value {
    let answer = exchange(address, "GET", path, None, None).await.expect("GET answers");
    assert_eq!(answer.status, 200, "{path}: {:?}", answer.body);
    answer.body
}

/// Waits until the API answers (the address is printed once the port is bound; this also
/// covers a slow first query on a busy machine).
async fn wait_until_ready(address: SocketAddr) {
    let deadline = Instant::now() + START_TIMEOUT;
    loop {
        match exchange(address, "GET", "/api/v1/articles?limit=1", None, None).await {
            Ok(answer) if answer.status == 200 => return,
            other => {
                assert!(Instant::now() < deadline, "the backend never answered: {other:?}");
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    }
}

/// An article of the demo data that takes comments.
async fn open_article(address: SocketAddr) -> String {
    let feed = get(address, "/api/v1/articles?limit=100").await;
    for item in feed["items"].as_array().expect("items") {
        let id = item["id"].as_str().expect("id");
        if get(address, &format!("/api/v1/articles/{id}")).await["comments"]["enabled"] == true {
            return id.to_owned();
        }
    }
    panic!("no demo article takes comments");
}

/// Every comment of the article, paging through all of them.
async fn all_comments(address: SocketAddr, comments_path: &str) -> Vec<Value> {
    let mut all = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(cursor) => format!("{comments_path}?limit=100&cursor={cursor}"),
            None => format!("{comments_path}?limit=100"),
        };
        let page = get(address, &path).await;
        all.extend(page["items"].as_array().expect("items").iter().cloned());
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => return all,
        }
    }
}

/// Posts every comment at once, each on its own connection; with `kill`, SIGKILLs the server the
/// moment the `KILL_AFTER`th acknowledgement has been read. Answers in the order of `posts`.
async fn burst(
    address: SocketAddr,
    path: &str,
    posts: &Arc<Vec<(String, Value)>>,
    kill: Option<Arc<Mutex<Child>>>,
) -> Vec<Result<Answer, String>> {
    let acknowledged = Arc::new(AtomicUsize::new(0));
    let tasks: Vec<_> = (0..posts.len())
        .map(|i| {
            let (posts, path, acknowledged, kill) =
                (posts.clone(), path.to_owned(), acknowledged.clone(), kill.clone());
            tokio::spawn(async move {
                let (key, body) = &posts[i];
                let answer = exchange(address, "POST", &path, Some(key), Some(body)).await;
                if matches!(&answer, Ok(a) if a.status == 201) {
                    let count = acknowledged.fetch_add(1, Ordering::SeqCst) + 1;
                    if let (Some(child), KILL_AFTER) = (&kill, count) {
                        Server::kill(child);
                    }
                }
                answer
            })
        })
        .collect();
    let mut answers = Vec::with_capacity(tasks.len());
    for task in tasks {
        answers.push(task.await.expect("the task ends"));
    }
    answers
}

/// The burst's comments in a listing, by body (each body is written once per post).
fn burst_comments(listing: &[Value]) -> HashMap<String, Vec<String>> {
    let mut by_body: HashMap<String, Vec<String>> = HashMap::new();
    for comment in listing {
        let body = comment["body"].as_str().expect("body");
        if body.starts_with(MARK) {
            let id = comment["id"].as_str().expect("id").to_owned();
            by_body.entry(body.to_owned()).or_default().push(id);
        }
    }
    by_body
}

fn assert_ids_unique(listing: &[Value]) {
    let mut seen = HashSet::new();
    for comment in listing {
        let id = comment["id"].as_str().expect("id");
        assert!(seen.insert(id), "comment {id} is listed twice");
    }
}

#[test]
fn kill_9_during_a_burst_of_1000_posts_loses_no_acknowledged_comment_and_duplicates_none() {
    let started = Instant::now();
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");

    let server = Server::start(&data, &dir.path().join("first.log"));
    runtime.block_on(wait_until_ready(server.address));
    let article = runtime.block_on(open_article(server.address));
    let path = format!("/api/v1/articles/{article}/comments");
    let posts: Arc<Vec<(String, Value)>> = Arc::new(
        (0..POSTS)
            .map(|i| {
                let key = format!("c7a5b0d1-0000-4000-8000-{i:012}");
                let body = json!({
                    "author": {"name": format!("Burst {i}")},
                    "body": format!("{MARK}{i} of {POSTS}."),
                    "parent_id": null,
                });
                (key, body)
            })
            .collect(),
    );

    // The burst, killed part-way.
    let answers =
        runtime.block_on(burst(server.address, &path, &posts, Some(server.child.clone())));
    let mut acknowledged: HashMap<usize, String> = HashMap::new();
    let mut failed = 0;
    for (i, answer) in answers.iter().enumerate() {
        match answer {
            Ok(answer) => {
                assert_eq!(answer.status, 201, "post {i} before the kill: {:?}", answer.body);
                assert_eq!(answer.body["body"], posts[i].1["body"], "post {i}");
                let id = answer.body["id"].as_str().expect("comment id").to_owned();
                acknowledged.insert(i, id);
            }
            Err(_) => failed += 1,
        }
    }
    let exit = server.child.lock().expect("child lock").wait().expect("the process ends");
    assert_eq!(exit.signal(), Some(9), "killed, not exited: {exit:?}");
    assert!(acknowledged.len() >= KILL_AFTER, "{} acknowledged", acknowledged.len());
    assert!(failed > 0, "the kill came after the whole burst had been answered");
    let burst_time = started.elapsed();
    drop(server);

    // Restarted on the same data: every acknowledged comment is there, once.
    let server = Server::start(&data, &dir.path().join("second.log"));
    runtime.block_on(wait_until_ready(server.address));
    let listing = runtime.block_on(all_comments(server.address, &path));
    assert_ids_unique(&listing);
    let stored = burst_comments(&listing);
    for (body, ids) in &stored {
        assert_eq!(ids.len(), 1, "{body:?} is stored {} times", ids.len());
    }
    for (i, id) in &acknowledged {
        let body = posts[*i].1["body"].as_str().expect("body");
        assert_eq!(
            stored.get(body),
            Some(&vec![id.clone()]),
            "acknowledged post {i} ({id}) is not stored as acknowledged"
        );
    }
    let survivors = stored.len();
    assert!(survivors <= POSTS);

    // Every post again, same keys: one comment per key, the acknowledged ones unchanged.
    let answers = runtime.block_on(burst(server.address, &path, &posts, None));
    let mut ids = HashSet::new();
    for (i, answer) in answers.into_iter().enumerate() {
        let answer = answer.unwrap_or_else(|e| panic!("retry of post {i}: {e}"));
        assert_eq!(answer.status, 201, "retry of post {i}: {:?}", answer.body);
        let id = answer.body["id"].as_str().expect("comment id").to_owned();
        let body = posts[i].1["body"].as_str().expect("body");
        if let Some(first) = acknowledged.get(&i) {
            assert_eq!(&id, first, "retry of acknowledged post {i} returns its comment");
        }
        if let Some(stored_ids) = stored.get(body) {
            assert_eq!(stored_ids, &vec![id.clone()], "retry of stored post {i} is a replay");
        }
        assert!(ids.insert(id), "post {i} was given another post's comment");
    }
    assert_eq!(ids.len(), POSTS);
    let listing = runtime.block_on(all_comments(server.address, &path));
    assert_ids_unique(&listing);
    let stored = burst_comments(&listing);
    assert_eq!(stored.len(), POSTS, "one comment per post");
    let listed: HashSet<String> = stored
        .into_iter()
        .map(|(body, mut ids)| {
            assert_eq!(ids.len(), 1, "{body:?} is stored {} times", ids.len());
            ids.remove(0)
        })
        .collect();
    assert_eq!(listed, ids, "the retries' comments are the stored ones");

    eprintln!(
        "crash test: {} of {POSTS} acknowledged before SIGKILL, {survivors} stored after the \
         restart, {failed} cut off; burst {burst_time:.1?}, whole test {:.1?}",
        acknowledged.len(),
        started.elapsed()
    );
}
