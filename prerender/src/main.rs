//! `broadsheet-prerender --dist dist --site-url https://news.example/`: see the crate's
//! documentation (`lib.rs`) and docs/static-hosting.md.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use broadsheet_prerender::{http, run, Options};
use broadsheet_publish::RECENT_ARTICLES;
use clap::Parser;

/// Writes article pages, the sitemap and the feeds into a build, for static hosts.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// The build (Trunk's dist/), whose index.html and config.json are read.
    #[arg(long, default_value = "dist")]
    dist: PathBuf,
    /// Where readers reach the build: https://news.example/ (or https://example.org/news/).
    #[arg(long)]
    site_url: String,
    /// How many of the newest articles get a page.
    #[arg(long, default_value_t = RECENT_ARTICLES)]
    articles: usize,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let now_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| i64::try_from(since.as_millis()).unwrap_or(i64::MAX));
    let options =
        Options { dist: args.dist, site_url: args.site_url, articles: args.articles, now_ms };
    let agent = http::agent();
    match run(&options, &mut |url| http::fetch(&agent, url)) {
        Ok(report) => {
            for (id, why) in &report.skipped {
                eprintln!("skipped article {id:?}: {why}");
            }
            println!(
                "{} article pages, {} removed, {} skipped; wrote {}",
                report.pages.len(),
                report.removed.len(),
                report.skipped.len(),
                report.files.join(", ")
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("broadsheet-prerender: {error}");
            ExitCode::FAILURE
        }
    }
}
