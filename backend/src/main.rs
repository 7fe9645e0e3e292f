//! Broadsheet's reference backend: serves the native JSON contract under `/api/v1` from SQLite,
//! and the built reader app (with SPA fallback) on the same port.

mod article_page;
mod csp_reports;
mod discovery;
mod policy;
mod routes;
mod seed;
mod serve;
mod static_files;
mod store;
mod threads;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;

#[derive(Parser)]
#[command(version, about = "Broadsheet's reference backend")]
struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// Port to listen on; 0 picks a free one (the chosen port is printed).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// Folder for the SQLite database; created when missing.
    #[arg(long, default_value = ".data")]
    data_dir: PathBuf,
    /// The built app to serve (Trunk's output).
    #[arg(long, default_value = "dist")]
    dist: PathBuf,
    /// Comment posts allowed per client per minute (an IPv4 address or an IPv6 /64).
    #[arg(long, default_value_t = 30)]
    posts_per_minute: u32,
    /// Count posts against the last address in X-Forwarded-For instead of the connection's.
    /// Only behind a proxy that adds that header, with this server unreachable otherwise.
    #[arg(long)]
    trust_forwarded_for: bool,
    /// Where readers reach the site, e.g. `https://news.example`: the start of the absolute
    /// links in article pages' heads, the feeds and the sitemap. Without it, each request's
    /// `Host` with `http://`.
    #[arg(long, value_parser = public_origin)]
    public_origin: Option<String>,
    /// Seconds a connection may take to send a request's headers, counted from when it was
    /// opened or got its previous answer (so also how long an idle connection is kept open).
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    header_timeout: u64,
    /// Seconds a request may take, once its headers are in, to send its body and be answered
    /// (else 408).
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..))]
    request_timeout: u64,
    /// How many connections are served at once; more wait to be accepted.
    #[arg(long, default_value_t = 512, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    max_connections: u64,
    /// Print the Content-Security-Policy the pages of `--dist` are served with, and exit.
    #[arg(long)]
    print_csp: bool,
}

#[tokio::main]
async fn main() -> ExitCode {
    match run(Args::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("broadsheet-backend: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> Result<(), String> {
    let sources = policy::BuildSources::read(&args.dist)?;
    let policy = policy::PagePolicy::new(&sources)?;
    if args.print_csp {
        println!("{}", policy.describe());
        return Ok(());
    }
    std::fs::create_dir_all(&args.data_dir)
        .map_err(|e| format!("cannot create data dir {}: {e}", args.data_dir.display()))?;
    let mut store =
        store::Store::open(&args.data_dir).map_err(|e| format!("cannot open database: {e}"))?;
    let demo = seed::Seed::demo()?;
    if store.seed_if_empty(&demo).map_err(|e| format!("cannot seed database: {e}"))? {
        println!("Seeded the demo data set into {}", args.data_dir.display());
    }
    if !args.dist.join("index.html").is_file() {
        eprintln!(
            "note: {} has no index.html; only the API is served (build the app with `trunk build`)",
            args.dist.display()
        );
    }

    if !sources.partners.is_empty() {
        println!("Embeds may be shown on {}", sources.partners.join(", "));
    }
    let state = routes::AppState::new(store, args.posts_per_minute, args.trust_forwarded_for);
    let article_pages =
        article_page::read(&args.dist, sources.article_base.as_deref(), args.public_origin)?;
    let request_timeout = Duration::from_secs(args.request_timeout);
    let app = routes::router(state, &args.dist, policy, article_pages, request_timeout);
    let listener = tokio::net::TcpListener::bind((args.host.as_str(), args.port))
        .await
        .map_err(|e| format!("cannot listen on {}:{}: {e}", args.host, args.port))?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    // Tests and scripts read this line to find the server.
    println!("Broadsheet is listening on http://{address}");
    let limits = serve::Limits {
        header_timeout: Duration::from_secs(args.header_timeout),
        max_connections: usize::try_from(args.max_connections).unwrap_or(usize::MAX),
        // Enough for any request within its own timeout to finish.
        shutdown_grace: request_timeout + Duration::from_secs(1),
    };
    serve::serve(listener, app, limits, shutdown_signal()).await;
    Ok(())
}

/// An http(s) origin: a scheme and a host (with a port), no path.
fn public_origin(text: &str) -> Result<String, String> {
    let origin = text.trim().trim_end_matches('/');
    let host = origin.strip_prefix("https://").or_else(|| origin.strip_prefix("http://"));
    match host {
        Some(host) if article_page::is_plain_host(host) => Ok(origin.to_owned()),
        _ => Err("expected an origin such as https://news.example (no path)".to_owned()),
    }
}

/// Ctrl-C or SIGTERM (what process managers and test runners send) stops the server cleanly.
async fn shutdown_signal() {
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = terminate => {}
    }
}
