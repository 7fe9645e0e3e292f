//! What a Broadsheet site publishes for those who run no script (link unfurlers, crawlers, feed
//! readers) and for the reader's first paint: article pages with the article drawn into their
//! HTML ([`page`]), and `robots.txt`, the sitemap and the feeds ([`feeds`]). The reference
//! backend serves them as they are asked for; `broadsheet-prerender` writes them into a build
//! for static hosts. Pure functions of the built page, the site and its articles.

pub mod feeds;
pub mod interface;
pub mod page;

pub use feeds::{json_feed, robots_txt, rss_xml, sitemap_xml, Site, RECENT_ARTICLES};
pub use interface::Interface;
pub use page::{article_url, preview, ArticlePages, SiteName};
