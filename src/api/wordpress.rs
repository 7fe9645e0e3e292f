//! A WordPress site through its REST API (`/wp-json/wp/v2`): posts as articles, their comments,
//! and posting comments where the site allows it. URL building and a pure decode layer (response
//! text and headers in, contract types out) tested natively over fixture responses, then the thin
//! async glue: its [`Backend`] implementation.
//!
//! Articles are known by their slug (`/articles/harbour-bridge-reopens`); a numeric post id works
//! too. HTML in titles, excerpts, names and comments becomes plain text through a real HTML parser
//! (entities decoded); post content stays HTML, as an `html` block the page sanitises.

use std::collections::HashMap;
use std::future::Future;
use std::rc::Rc;

use send_wrapper::SendWrapper;
use serde_json::{json, Value};

use super::backend::{Articles, Backend, Leave, Operations};
use super::comments::Sort;
use super::paths::{push_query, read_templates, Slot, Template};
use super::{http, ApiError, HtmlToText, Local};
use crate::config::{BackendSettings, ConfigError};
use crate::model::{
    time, Article, ArticleSummary, Block, Comment, CommentSettings, ErrorDetail, Image, NewComment,
    Page, Person,
};
use crate::parts::part;
use crate::sanitize::dom::html_to_text;

/// Posts per page of the front page.
pub(crate) const FEED_PAGE_SIZE: u32 = 10;
/// Comments per request: WordPress's largest page, so most articles need one request.
pub(crate) const COMMENTS_PAGE_SIZE: u32 = 100;
/// The headers WordPress pages with: the number of items, and of pages.
pub(crate) const TOTAL_HEADERS: [&str; 2] = ["X-WP-Total", "X-WP-TotalPages"];
/// The linked resources embedded in each post: the only ones Broadsheet shows (a bare `_embed`
/// would also embed every comment).
const EMBED: &str = "author,wp:featuredmedia,wp:term";
/// Image sizes for cards, best first; the full-size original when none exists.
const CARD_SIZES: [&str; 3] = ["medium_large", "large", "medium"];

/// The REST routes Broadsheet uses, under the API root; each can be overridden in `backend.paths`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub(crate) posts: Template,
    pub(crate) post: Template,
    pub(crate) comments: Template,
    pub(crate) categories: Template,
}

impl Default for Paths {
    fn default() -> Paths {
        Paths {
            posts: Template::new("/posts"),
            post: Template::new("/posts/{id}"),
            comments: Template::new("/comments"),
            categories: Template::new("/categories"),
        }
    }
}

impl Paths {
    pub fn slots(&mut self) -> [Slot<'_>; 4] {
        [
            ("posts", false, &mut self.posts),
            ("post", true, &mut self.post),
            ("comments", false, &mut self.comments),
            ("categories", false, &mut self.categories),
        ]
    }
}

/// The REST API root for a configured `base_url`: a URL already inside the API
/// (`…/wp-json/wp/v2`, or `…?rest_route=/wp/v2` on sites without pretty permalinks) is used
/// as it is; anything else is taken as the site's root, with `/wp-json/wp/v2` added.
pub(crate) fn api_root(base_url: &str) -> String {
    let trimmed = base_url.trim().trim_end_matches('/');
    if trimmed.ends_with("/wp-json") {
        format!("{trimmed}/wp/v2")
    } else if trimmed.contains("/wp-json/") || trimmed.contains("rest_route=") {
        trimmed.to_owned()
    } else {
        format!("{trimmed}/wp-json/wp/v2")
    }
}

/// What the adapter needs to know about a post to ask for its comments and relatives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PostRef {
    pub id: u64,
    pub categories: Vec<u64>,
    pub tags: Vec<u64>,
}

/// A decoded post: the article, and its reference.
#[derive(Debug, Clone, PartialEq)]
pub struct Post {
    pub article: Article,
    pub(crate) reference: PostRef,
}

/// WordPress's totals, from its response headers (absent when a cross-origin site does not
/// expose them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub(crate) total: Option<u64>,
    pub(crate) pages: Option<u32>,
}

impl Totals {
    /// From the values of [`TOTAL_HEADERS`], in that order.
    pub fn from_headers(values: &[Option<String>]) -> Totals {
        let value = |i: usize| values.get(i).and_then(Option::as_deref).map(str::trim);
        Totals {
            total: value(0).and_then(|v| v.parse().ok()),
            pages: value(1).and_then(|v| v.parse().ok()),
        }
    }

    /// The cursor of the page after `page`: from the number of pages when known, otherwise
    /// guessed from a full page (a page past the end is then read as empty). There is none
    /// after the largest page number a cursor can hold.
    fn next_cursor(self, page: u32, received: usize, per_page: u32) -> Option<String> {
        let more = match self.pages {
            Some(pages) => page < pages,
            None => received >= per_page as usize,
        };
        page.checked_add(1).filter(|_| more).map(|next| next.to_string())
    }
}

/// The page number a cursor stands for (cursors are page numbers); the first page without one.
pub fn page_number(cursor: Option<&str>) -> u32 {
    cursor.and_then(|c| c.trim().parse().ok()).filter(|&page| page >= 1).unwrap_or(1)
}

#[derive(Clone)]
pub struct WordPress {
    /// The REST API root, e.g. `https://blog.example/wp-json/wp/v2`.
    pub(crate) api_root: String,
    paths: Paths,
    /// Each article's post reference, by the id it was asked for (its slug, or a post id), for
    /// its comments and related requests.
    posts: Local<HashMap<String, PostRef>>,
    /// The site's categories, once asked for (sections are found among them).
    categories: Local<Option<Rc<[Category]>>>,
}

impl WordPress {
    pub fn new(api_root: &str, paths: Paths) -> WordPress {
        WordPress {
            api_root: api_root.trim_end_matches('/').to_owned(),
            paths,
            posts: SendWrapper::new(Rc::default()),
            categories: SendWrapper::new(Rc::default()),
        }
    }

    /// `backend.base_url` (the site, or its REST API root) and `backend.paths`.
    pub fn from_settings(settings: &BackendSettings) -> Result<WordPress, ConfigError> {
        let example = "\"https://blog.example\" or \"https://blog.example/wp-json/wp/v2\"";
        let api_root = api_root(settings.base_url(example)?);
        let mut paths = Paths::default();
        read_templates(settings.paths()?, paths.slots())?;
        Ok(WordPress::new(&api_root, paths))
    }

    /// Its path templates (for the tests of the configuration).
    pub fn paths(&self) -> &Paths {
        &self.paths
    }

    pub fn posts_url(&self, page: u32, category: Option<u64>) -> String {
        let mut url = self.paths.posts.url(&self.api_root, "");
        push_query(&mut url, "_embed", EMBED);
        push_query(&mut url, "per_page", &FEED_PAGE_SIZE.to_string());
        push_query(&mut url, "page", &page.to_string());
        if let Some(category) = category {
            push_query(&mut url, "categories", &category.to_string());
        }
        url
    }

    /// A post by numeric id (`posts/{id}`), or else by slug (`posts?slug=`).
    pub fn article_url(&self, id: &str) -> String {
        let mut url = if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) {
            self.paths.post.url(&self.api_root, id)
        } else {
            let mut url = self.paths.posts.url(&self.api_root, "");
            push_query(&mut url, "slug", id);
            url
        };
        push_query(&mut url, "_embed", EMBED);
        url
    }

    /// The newest posts that share a category or a tag with `post` (one request, with
    /// `tax_relation=OR`; WordPress 5.7 and later), or `None` when it has neither.
    pub(crate) fn related_url(&self, post: &PostRef, limit: u32) -> Option<String> {
        let ids = |ids: &[u64]| ids.iter().map(u64::to_string).collect::<Vec<_>>().join(",");
        let mut url = self.paths.posts.url(&self.api_root, "");
        push_query(&mut url, "_embed", EMBED);
        push_query(&mut url, "per_page", &limit.to_string());
        push_query(&mut url, "exclude", &post.id.to_string());
        match (post.categories.is_empty(), post.tags.is_empty()) {
            (true, true) => return None,
            (false, true) => push_query(&mut url, "categories", &ids(&post.categories)),
            (true, false) => push_query(&mut url, "tags", &ids(&post.tags)),
            (false, false) => {
                push_query(&mut url, "categories", &ids(&post.categories));
                push_query(&mut url, "tags", &ids(&post.tags));
                push_query(&mut url, "tax_relation", "OR");
            }
        }
        Some(url)
    }

    /// A page of a post's comments, every level of every thread, in the reader's order.
    pub(crate) fn comments_url(&self, post_id: u64, sort: Sort, page: u32) -> String {
        let mut url = self.post_comment_url();
        push_query(&mut url, "post", &post_id.to_string());
        push_query(&mut url, "per_page", &COMMENTS_PAGE_SIZE.to_string());
        push_query(&mut url, "page", &page.to_string());
        push_query(&mut url, "order", if sort == Sort::Newest { "desc" } else { "asc" });
        url
    }

    pub(crate) fn post_comment_url(&self) -> String {
        self.paths.comments.url(&self.api_root, "")
    }

    /// The site's categories (the 100 most used), to find sections among them. WordPress
    /// stores names HTML-escaped ("Arts &amp; Culture"), so its own `search` misses names with
    /// an `&`: they are matched here instead, once decoded.
    pub fn categories_url(&self) -> String {
        let mut url = self.paths.categories.url(&self.api_root, "");
        push_query(&mut url, "per_page", "100");
        push_query(&mut url, "orderby", "count");
        push_query(&mut url, "order", "desc");
        push_query(&mut url, "_fields", "id,name,slug");
        url
    }

    /// The reference of an article fetched before, by the id it was asked for.
    pub(crate) fn known_post(&self, id: &str) -> Option<PostRef> {
        self.posts.borrow().get(id).cloned()
    }

    /// The post behind an article id: known once the article has been fetched, which happens
    /// here if it has not been (sharing the page's own request when one is running).
    async fn post(&self, id: &str, articles: &impl Articles) -> Result<PostRef, ApiError> {
        if let Some(post) = self.known_post(id) {
            return Ok(post);
        }
        articles.article(id).await?;
        self.known_post(id).ok_or(ApiError::Malformed)
    }
}

// ---------------------------------------------------------------------------------------------
// Decoding: pure functions of response text and headers.

/// An article from `posts/{id}` (one post) or `posts?slug=` (a list). It keeps the id it was
/// asked for, so the page showing it recognises it.
pub fn decode_article(text: &str, asked_id: &str, html: HtmlToText) -> Result<Post, ApiError> {
    let value: Value = serde_json::from_str(text).map_err(|_| ApiError::Malformed)?;
    let mut post = match &value {
        Value::Array(posts) if posts.is_empty() => return Err(ApiError::NotFound),
        Value::Array(posts) => posts.iter().find_map(|post| decode_post(post, html, &[])),
        Value::Object(_) => decode_post(&value, html, &[]),
        _ => None,
    }
    .ok_or(ApiError::Malformed)?;
    post.article.id = asked_id.to_owned();
    Ok(post)
}

/// A page of posts as cards; posts that cannot be shown (no id, title or date) are left out.
pub fn decode_summaries(
    text: &str,
    page: u32,
    totals: Totals,
    html: HtmlToText,
) -> Result<Page<ArticleSummary>, ApiError> {
    let list = decode_list(text)?;
    let items = list
        .iter()
        .filter_map(|post| decode_post(post, html, &CARD_SIZES))
        .map(|post| post.article.to_summary(None))
        .collect();
    Ok(Page {
        items,
        next_cursor: totals.next_cursor(page, list.len(), FEED_PAGE_SIZE),
        total: totals.total,
    })
}

/// One post, or `None` when it lacks what every article needs: an id, a title and a date.
/// Card images prefer the named `sizes`; articles pass none and get the original.
pub(crate) fn decode_post(value: &Value, html: HtmlToText, sizes: &[&str]) -> Option<Post> {
    let id = number(value.get("id")?)?;
    let title = rendered(value, "title").map(html).filter(|t| !t.is_empty())?;
    let published_at = gmt_time(value, "date_gmt").or_else(|| gmt_time(value, "date"))?;
    let slug = value.get("slug").and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty());
    let protected =
        |key: &str| value.pointer(&format!("/{key}/protected")) == Some(&Value::Bool(true));
    // A password-protected post has no content to give: its body is empty, and the page sends
    // the reader to its source (in the interface's language).
    let body = match rendered(value, "content").filter(|c| !c.trim().is_empty()) {
        Some(content) => vec![Block::Html { html: content.to_owned() }],
        None => Vec::new(),
    };
    let summary = rendered(value, "excerpt")
        .filter(|_| !protected("excerpt"))
        .map(|excerpt| tidy_excerpt(&html(excerpt)))
        .filter(|s| !s.is_empty());
    let embedded = value.get("_embedded");
    let authors = embedded
        .and_then(|e| e.get("author"))
        .and_then(Value::as_array)
        .map(|authors| {
            authors.iter().filter_map(|a| person(a, "name", "link", "avatar_urls", html)).collect()
        })
        .unwrap_or_default();
    let image = embedded
        .and_then(|e| e.pointer("/wp:featuredmedia/0"))
        .and_then(|media| featured_image(media, sizes, html));
    let terms: Vec<&Value> = embedded
        .and_then(|e| e.get("wp:term"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_array)
        .flatten()
        .collect();
    let term_names = |taxonomy: &str| {
        terms
            .iter()
            .filter(|term| term.get("taxonomy").and_then(Value::as_str) == Some(taxonomy))
            // WordPress's catch-all category says nothing about the article.
            .filter(|term| term.get("slug").and_then(Value::as_str) != Some("uncategorized"))
            .filter_map(|term| term.get("name").and_then(Value::as_str).map(html))
            .filter(|name| !name.is_empty())
            .collect::<Vec<_>>()
    };
    let comments = match value.get("comment_status").and_then(Value::as_str) {
        Some("open") => Some(CommentSettings { enabled: true, count: None }),
        Some("closed") => Some(CommentSettings { enabled: false, count: None }),
        _ => None,
    };
    let article = Article {
        id: slug.map_or_else(|| id.to_string(), str::to_owned),
        title,
        url: text_field(value, "link"),
        summary,
        source: None,
        authors,
        published_at,
        updated_at: gmt_time(value, "modified_gmt").or_else(|| gmt_time(value, "modified")),
        image,
        section: term_names("category").into_iter().next(),
        tags: term_names("post_tag"),
        language: None,
        comments,
        body,
    };
    let reference = PostRef {
        id,
        categories: id_list(value.get("categories")),
        tags: id_list(value.get("tags")),
    };
    Some(Post { article, reference })
}

/// A page of comments. WordPress lists every comment of every level in the reader's order;
/// replies are put oldest first (as the contract has them) after the top-level comments.
pub fn decode_comments(
    text: &str,
    page: u32,
    totals: Totals,
    html: HtmlToText,
) -> Result<Page<Comment>, ApiError> {
    let list = decode_list(text)?;
    let (mut items, mut replies): (Vec<Comment>, Vec<Comment>) =
        list.iter().filter_map(|c| decode_comment(c, html)).partition(|c| c.parent_id.is_none());
    replies.sort_by_key(|c| time::parse_rfc3339(&c.created_at));
    items.extend(replies);
    Ok(Page {
        items,
        next_cursor: totals.next_cursor(page, list.len(), COMMENTS_PAGE_SIZE),
        total: totals.total,
    })
}

/// One comment, or `None` without an id, a body or a date. Its text is the rendered HTML as
/// plain text (paragraphs kept); a nameless author stays nameless, for the view to call them
/// "Anonymous" in the interface's language.
pub(crate) fn decode_comment(value: &Value, html: HtmlToText) -> Option<Comment> {
    let id = number(value.get("id")?)?;
    let parent_id = value.get("parent").and_then(number).filter(|&p| p != 0).map(|p| p.to_string());
    let body = rendered(value, "content").map(html)?;
    let created_at = gmt_time(value, "date_gmt").or_else(|| gmt_time(value, "date"))?;
    let author = person(value, "author_name", "author_url", "author_avatar_urls", html)
        .unwrap_or_else(|| Person { name: String::new(), url: None, avatar_url: None });
    Some(Comment {
        id: id.to_string(),
        parent_id,
        author,
        body,
        created_at,
        edited_at: None,
        deleted: false,
        score: None,
        language: None,
    })
}

/// The comment WordPress answers a successful post with.
pub fn decode_posted(text: &str, html: HtmlToText) -> Result<Comment, ApiError> {
    let value: Value = serde_json::from_str(text).map_err(|_| ApiError::Malformed)?;
    decode_comment(&value, html).ok_or(ApiError::Malformed)
}

/// A WordPress error body (`{"code": ..., "message": ..., "data": {"status": ...}}`) as the
/// message the reader sees, tied to a form field where WordPress names one.
pub fn decode_error(text: &str) -> Option<ErrorDetail> {
    let value: Value = serde_json::from_str(text).ok()?;
    let code = value.get("code")?.as_str()?.to_owned();
    let mut message = value.get("message")?.as_str()?.trim().to_owned();
    let mut field = None;
    if code == "rest_comment_content_invalid" {
        field = Some("body".to_owned());
    } else if let Some(params) = value.pointer("/data/params").and_then(Value::as_object) {
        // "Invalid parameter(s): content", with each parameter's own message.
        for (param, name) in [("content", "body"), ("author_name", "author.name")] {
            if let Some(detail) = params.get(param).and_then(Value::as_str) {
                field = Some(name.to_owned());
                message = detail.trim().to_owned();
                break;
            }
        }
    }
    (!message.is_empty()).then_some(ErrorDetail { code, message, field })
}

/// The body WordPress takes to create a comment. There is no e-mail address to send: a site
/// that requires one answers with its own message, which the form shows.
pub(crate) fn new_comment_body(post_id: u64, new: &NewComment) -> Value {
    let parent = new.parent_id.as_deref().and_then(|p| p.parse::<u64>().ok()).unwrap_or(0);
    json!({
        "post": post_id,
        "parent": parent,
        "author_name": new.author.name,
        "content": new.body,
    })
}

/// A category, its name as plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub id: u64,
    pub(crate) name: String,
    pub(crate) slug: String,
}

/// The categories WordPress lists; entries without an id or a name are left out.
pub fn decode_categories(text: &str, html: HtmlToText) -> Result<Vec<Category>, ApiError> {
    Ok(decode_list(text)?
        .iter()
        .filter_map(|category| {
            Some(Category {
                id: number(category.get("id")?)?,
                name: category.get("name")?.as_str().map(html)?,
                slug: text_field(category, "slug").unwrap_or_default(),
            })
        })
        .collect())
}

/// The category a section stands for: the one with that name or slug, ignoring case.
pub fn section_category(categories: &[Category], section: &str) -> Option<u64> {
    let wanted = section.trim().to_lowercase();
    categories
        .iter()
        .find(|c| c.name.trim().to_lowercase() == wanted || c.slug.to_lowercase() == wanted)
        .map(|c| c.id)
}

/// A JSON array (anything else, such as an error object, is not a list), read as a page's
/// items are: at most [`crate::model::MAX_PAGE_ITEMS`] entries.
fn decode_list(text: &str) -> Result<Vec<Value>, ApiError> {
    let mut json = serde_json::Deserializer::from_str(text);
    let items = crate::model::array_items(&mut json).map_err(|_| ApiError::Malformed)?;
    json.end().map_err(|_| ApiError::Malformed)?;
    Ok(items)
}

/// A whole number, also when sent as a string of digits.
fn number(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn id_list(value: Option<&Value>) -> Vec<u64> {
    value.and_then(Value::as_array).into_iter().flatten().filter_map(number).collect()
}

/// `{"rendered": "..."}`, or a bare string where a plugin flattened it.
fn rendered<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    match value.get(key)? {
        Value::String(text) => Some(text),
        other => other.get("rendered")?.as_str(),
    }
}

fn text_field(value: &Value, key: &str) -> Option<String> {
    value
        .get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// A WordPress time as RFC 3339. `date_gmt` and `modified_gmt` are UTC written without an
/// offset (`2026-11-20T08:30:00`): they get a `Z`. Never-set times (`0000-…`) are `None`.
fn gmt_time(value: &Value, key: &str) -> Option<String> {
    let text = value.get(key)?.as_str()?.trim();
    if time::parse_rfc3339(text).is_some() {
        return Some(text.to_owned());
    }
    let utc = format!("{text}Z");
    time::parse_rfc3339(&utc).map(|_| utc)
}

/// WordPress ends automatic excerpts with " [&hellip;]": an ellipsis reads better on a card.
fn tidy_excerpt(text: &str) -> String {
    let text = text.trim();
    match text.strip_suffix("[…]") {
        Some(cut) => format!("{}…", cut.trim_end().trim_end_matches('…').trim_end()),
        None => text.to_owned(),
    }
}

/// A person from a post's embedded author or a comment's author fields.
fn person(value: &Value, name: &str, url: &str, avatars: &str, html: HtmlToText) -> Option<Person> {
    let name = value.get(name)?.as_str().map(html).filter(|n| !n.is_empty())?;
    Some(Person {
        name,
        url: text_field(value, url),
        avatar_url: largest_avatar(value.get(avatars)),
    })
}

/// The largest of `{"24": url, "48": url, "96": url}`.
fn largest_avatar(avatars: Option<&Value>) -> Option<String> {
    avatars?
        .as_object()?
        .iter()
        .filter_map(|(size, url)| Some((size.parse::<u32>().ok()?, url.as_str()?)))
        .filter(|(_, url)| !url.trim().is_empty())
        .max_by_key(|(size, _)| *size)
        .map(|(_, url)| url.trim().to_owned())
}

/// The featured image: the first of `sizes` that the site generated, else the original.
fn featured_image(media: &Value, sizes: &[&str], html: HtmlToText) -> Option<Image> {
    let dimension = |value: Option<&Value>| {
        value.and_then(number).and_then(|n| u32::try_from(n).ok()).filter(|&n| n > 0)
    };
    let (url, width, height) = sizes
        .iter()
        .filter_map(|size| media.pointer(&format!("/media_details/sizes/{size}")))
        .chain(std::iter::once(media))
        .find_map(|candidate| {
            let url = text_field(candidate, "source_url")?;
            let details = candidate.get("media_details").unwrap_or(candidate);
            Some((url, dimension(details.get("width")), dimension(details.get("height"))))
        })?;
    Some(Image {
        url,
        alt: text_field(media, "alt_text"),
        width,
        height,
        caption: rendered(media, "caption").map(html).filter(|c| !c.is_empty()),
        credit: None,
    })
}

fn empty_page<T>() -> Page<T> {
    Page { items: Vec::new(), next_cursor: None, total: Some(0) }
}

// ---------------------------------------------------------------------------------------------
// The glue: requests through `http`, answers through the decoders above.

impl Backend for WordPress {
    const NAME: &'static str = "wordpress";

    async fn feed(
        &self,
        cursor: Option<&str>,
        section: Option<&str>,
    ) -> Result<Page<ArticleSummary>, ApiError> {
        let page = page_number(cursor);
        let category = match section {
            Some(name) => match self.category(name).await? {
                Some(id) => Some(id),
                None => return Ok(empty_page()),
            },
            None => None,
        };
        let url = self.posts_url(page, category);
        let answer = match http::get_with_headers(&url, None, &TOTAL_HEADERS).await {
            // Past the last page ("rest_post_invalid_page_number"), reached by guessing when the
            // site hides its totals.
            Err(ApiError::Status(400)) if page > 1 => return Ok(empty_page()),
            answer => answer?,
        };
        decode_summaries(&answer.text, page, Totals::from_headers(&answer.headers), &html_to_text)
    }

    fn article(&self, id: &str) -> impl Future<Output = Result<Article, ApiError>> + 'static {
        let (api, id) = (self.clone(), id.to_owned());
        async move {
            let text = http::get_text(&api.article_url(&id), http::Limit::Page).await?;
            let post = decode_article(&text, &id, &html_to_text)?;
            api.posts.borrow_mut().insert(id, post.reference);
            Ok(post.article)
        }
    }

    async fn related(
        &self,
        id: &str,
        limit: u32,
        articles: &impl Articles,
        leave: Leave<'_>,
    ) -> Result<Page<ArticleSummary>, ApiError> {
        let post = self.post(id, articles).await?;
        let Some(url) = self.related_url(&post, limit) else { return Ok(empty_page()) };
        let answer = http::get_with_headers(&url, leave, &[]).await?;
        let items = decode_summaries(&answer.text, 1, Totals::default(), &html_to_text)?.items;
        Ok(Page { items, next_cursor: None, total: None })
    }

    async fn comments(
        &self,
        id: &str,
        sort: Sort,
        cursor: Option<&str>,
        articles: &impl Articles,
        leave: Leave<'_>,
    ) -> Result<Page<Comment>, ApiError> {
        let post = self.post(id, articles).await?;
        let page = page_number(cursor);
        let url = self.comments_url(post.id, sort, page);
        let answer = http::get_with_headers(&url, leave, &TOTAL_HEADERS).await?;
        decode_comments(&answer.text, page, Totals::from_headers(&answer.headers), &html_to_text)
    }

    /// WordPress has no idempotency keys: the post is sent once, never retried (a retry could
    /// post the comment twice).
    async fn post_comment(
        &self,
        id: &str,
        new: &NewComment,
        _idempotency_key: &str,
        articles: &impl Articles,
    ) -> Result<Comment, ApiError> {
        let post = self.post(id, articles).await?;
        let body = new_comment_body(post.id, new);
        let text = http::post_json_once(&self.post_comment_url(), &body, decode_error).await?;
        decode_posted(&text, &html_to_text)
    }
}

impl WordPress {
    async fn category(&self, section: &str) -> Result<Option<u64>, ApiError> {
        let known = self.categories.borrow().clone();
        let categories = match known {
            Some(categories) => categories,
            None => {
                let text = http::get_text(&self.categories_url(), http::Limit::Page).await?;
                let categories: Rc<[Category]> = decode_categories(&text, &html_to_text)?.into();
                *self.categories.borrow_mut() = Some(categories.clone());
                categories
            }
        };
        Ok(section_category(&categories, section))
    }
}

part! {
    /// This kind's operations, a part of its own: only a WordPress deployment fetches them.
    pub(crate) fn wordpress_operations(kind: WordPress) -> Rc<dyn Operations>,
    fetched by wordpress_operations_code {
        Rc::new(kind)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
