//! `public/config.schema.json` (what editors check `config.json` with) and `Config::parse` (what
//! the app checks it with) must agree: on every key, on the defaults, on a table of good and bad
//! configurations, on the shipped `public/config.json` and on every example in the docs.
//!
//! The rules the parser states in code (URL prefixes, path templates, origins, whitespace as
//! Rust's `trim` reads it) the schema states with patterns, exactly; the table has a bad case for
//! each branch of them. The one gap is before either sees a value: `serde_json` refuses text
//! that is not strict JSON (a lone surrogate escape, a number beyond `f64`), which an editor's
//! parser may accept and hand to the schema.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use broadsheet::api::native::{self, Native};
use broadsheet::api::read_config;
use broadsheet::api::wordpress::{self, WordPress};
use broadsheet::config::{BackendSettings, Config, ConfigError, KNOWN_KEYS};
use serde_json::{json, Map, Value};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(relative: &str) -> String {
    let path = root().join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn schema() -> Value {
    serde_json::from_str(&read("public/config.schema.json")).expect("the schema is JSON")
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft202012::new(&schema()).expect("the schema compiles")
}

/// Every way `text` breaks the schema (one line each); `None` when it is not even JSON.
fn schema_problems(validator: &jsonschema::Validator, text: &str) -> Option<Vec<String>> {
    let value: Value = serde_json::from_str(text).ok()?;
    Some(validator.iter_errors(&value).map(|e| format!("{e} at {}", e.instance_path())).collect())
}

/// What the app makes of `config.json`'s text: the configuration, whose backend connects.
fn parse(text: &str) -> Result<Config, ConfigError> {
    read_config(text).map(|(config, _)| config)
}

/// Checks that the schema and the parser both accept `text`, or both refuse it, as `valid` says.
fn schema_and_parser_agree(validator: &jsonschema::Validator, text: &str, valid: bool) {
    let parsed = parse(text);
    assert_eq!(parsed.is_ok(), valid, "parser on {text}: {parsed:?}");
    let problems = schema_problems(validator, text).unwrap_or_else(|| vec!["not JSON".into()]);
    assert_eq!(problems.is_empty(), valid, "schema on {text}: {problems:?}");
}

#[test]
fn the_shipped_config_is_valid_and_names_its_schema() {
    let text = read("public/config.json");
    schema_and_parser_agree(&validator(), &text, true);
    let config: Value = serde_json::from_str(&text).expect("JSON");
    // Relative to config.json, so it resolves under a sub-path deployment too.
    assert_eq!(config["$schema"], "./config.schema.json");
    // The fuzzer's copy of it stays a copy.
    let seed: Value =
        serde_json::from_str(&read("fuzz/corpus/config/seed-public.json")).expect("JSON");
    assert_eq!(seed, config);
}

#[test]
fn schema_and_parser_know_the_same_keys() {
    let schema = schema();
    let keys = |node: &Value| -> BTreeSet<String> {
        node["properties"].as_object().map(|p| p.keys().cloned().collect()).unwrap_or_default()
    };
    let mut expected = Vec::new();
    for (object, known) in KNOWN_KEYS {
        let node = if object.is_empty() { &schema } else { &schema["properties"][object] };
        let known: BTreeSet<String> = known.iter().map(|k| k.to_string()).collect();
        assert_eq!(keys(node), known, "the keys of {object:?}");
        assert_eq!(node["additionalProperties"], false, "{object:?} refuses other keys");
        for key in &known {
            assert!(node["properties"][key]["description"].is_string(), "{object}.{key}");
        }
        expected.push(known);
    }
    // backend.paths: its keys, and which of them take an id, depend on the kind.
    let mut native_paths = native::Paths::default();
    let mut wordpress_paths = wordpress::Paths::default();
    let kinds = [
        ("nativePaths", native_paths.slots().map(|(name, id, _)| (name, id)).to_vec()),
        ("wordpressPaths", wordpress_paths.slots().map(|(name, id, _)| (name, id)).to_vec()),
    ];
    for (definition, slots) in kinds {
        let node = &schema["$defs"][definition];
        let known: BTreeSet<String> = slots.iter().map(|(name, _)| name.to_string()).collect();
        assert_eq!(keys(node), known, "{definition}");
        assert_eq!(node["additionalProperties"], false, "{definition} refuses other keys");
        for (name, needs_id) in slots {
            let template = if needs_id { "templateWithId" } else { "templateWithoutId" };
            let property = &node["properties"][name];
            assert_eq!(property["$ref"], format!("#/$defs/{template}"), "{definition}.{name}");
            assert!(property["description"].is_string(), "{definition}.{name}");
        }
        expected.push(known);
    }
    // And the other way round: no `properties` anywhere in the schema (the per-kind `if`s
    // included) names a key the parser does not know at that level.
    fn every_properties<'a>(node: &'a Value, found: &mut Vec<&'a Map<String, Value>>) {
        match node {
            Value::Object(map) => {
                if let Some(Value::Object(properties)) = map.get("properties") {
                    found.push(properties);
                }
                map.values().for_each(|v| every_properties(v, found));
            }
            Value::Array(items) => items.iter().for_each(|v| every_properties(v, found)),
            _ => {}
        }
    }
    let mut found = Vec::new();
    every_properties(&schema, &mut found);
    for properties in found {
        let names: BTreeSet<String> = properties.keys().cloned().collect();
        assert!(
            expected.iter().any(|known| names.is_subset(known)),
            "{names:?} are not the keys of one object the parser reads"
        );
    }
}

#[test]
fn the_schema_defaults_are_the_parser_defaults() {
    let schema = schema();
    let minimal = json!({"backend": {"kind": "native", "base_url": "/api"}});
    // Every default the schema states, written out.
    let mut explicit = minimal.clone();
    let mut written = 0;
    for (object, known) in KNOWN_KEYS {
        for key in known {
            let node = if object.is_empty() {
                &schema["properties"][key]
            } else {
                &schema["properties"][object]["properties"][key]
            };
            if let Some(default) = node.get("default") {
                let target = if object.is_empty() {
                    &mut explicit
                } else {
                    explicit.as_object_mut().expect("object").entry(object).or_insert(json!({}))
                };
                target[key] = default.clone();
                written += 1;
            }
        }
    }
    assert_eq!(written, 10, "{explicit}");
    let parse = |value: &Value| parse(&value.to_string()).expect("valid");
    assert_eq!(parse(&explicit), parse(&minimal), "{explicit}");
    // The default path templates too.
    for (kind, definition) in [("native", "nativePaths"), ("wordpress", "wordpressPaths")] {
        let mut paths = Map::new();
        for (name, node) in schema["$defs"][definition]["properties"].as_object().expect("paths") {
            paths.insert(name.clone(), node["default"].clone());
        }
        let bare = json!({"backend": {"kind": kind, "base_url": "/api"}});
        let written = json!({"backend": {"kind": kind, "base_url": "/api", "paths": paths}});
        let (bare, written) = (parse(&bare).backend, parse(&written).backend);
        if kind == "native" {
            let paths = |settings: &BackendSettings| {
                Native::from_settings(settings).expect("native").paths().clone()
            };
            assert_eq!(paths(&written), paths(&bare), "{definition}");
        } else {
            let paths = |settings: &BackendSettings| {
                WordPress::from_settings(settings).expect("wordpress").paths().clone()
            };
            assert_eq!(paths(&written), paths(&bare), "{definition}");
        }
    }
}

/// Configurations that both the schema and the parser must accept (`true`) or refuse.
#[test]
fn schema_and_parser_agree_on_good_and_bad_configs() {
    let native = r#""backend": {"kind": "native", "base_url": "/api/v1"}"#;
    // A whole configuration with `key` (a top-level member, written out) added to `native`.
    let with = |member: &str| format!("{{{native}, {member}}}");
    let backend = |backend: &str| format!(r#"{{"backend": {backend}}}"#);
    let native_paths = |paths: &str| {
        backend(&format!(r#"{{"kind": "native", "base_url": "/api", "paths": {paths}}}"#))
    };
    let wordpress_paths = |paths: &str| {
        backend(&format!(r#"{{"kind": "wordpress", "base_url": "/wp", "paths": {paths}}}"#))
    };
    let origin = |origin: &str| with(&format!(r#""embed": {{"allowed_origins": ["{origin}"]}}"#));
    let long_host = format!("{}a", "a.".repeat(126)); // 253 characters
    let cases: Vec<(String, bool)> = vec![
        // The top level.
        (format!("{{{native}}}"), true),
        (with(r#""$schema": "./config.schema.json""#), true),
        (with(r#""$schema": 1"#), false),
        (with(r#""theme": "dark""#), false),
        (with(r#""Site": {}"#), false),
        ("{}".into(), false),
        ("[]".into(), false),
        ("not json".into(), false),
        (r#"{"backend": null}"#.into(), false),
        (r#"{"backend": "native"}"#.into(), false),
        // site
        (
            with(r#""site": {"name": " The Herald ", "logo_url": "https://cdn.example/l.svg"}"#),
            true,
        ),
        (with(r#""site": {"name": null, "logo_url": null}"#), true),
        (with(r#""site": null"#), true),
        (with(r#""site": {}"#), true),
        (with(r#""site": "The Herald""#), false),
        (with(r#""site": {"name": ""}"#), false),
        (with(r#""site": {"name": " \t\n"}"#), false),
        // Whitespace as Rust's `trim` and the schema's patterns both read it.
        (with(r#""site": {"name": "\u3000\u0085\u00a0"}"#), false),
        (with(r#""site": {"name": "\ufeff"}"#), true),
        (with(r#""site": {"name": 3}"#), false),
        (with(r#""site": {"logo": "/l.svg"}"#), false),
        (with(r#""site": {"logo_url": "javascript:alert(1)"}"#), false),
        (with(r#""site": {"logo_url": "//cdn.example/l.svg"}"#), false),
        (with(r#""site": {"logo_url": "logo.svg"}"#), false),
        (with(r#""site": {"logo_url": "HTTPS://cdn.example/l.svg"}"#), false),
        (with(r#""site": {"logo_url": " /l.svg "}"#), true),
        (with(r#""site": {"logo_url": "/"}"#), true),
        // A control character inside a URL is refused; whitespace around it is trimmed.
        (with(r#""site": {"logo_url": "/\u0001"}"#), false),
        (with(r#""site": {"logo_url": "/a\tb.svg"}"#), false),
        (with(r#""site": {"logo_url": "https://x.example/\u0085l"}"#), false),
        (with(r#""site": {"logo_url": "\t/l.svg\u0085\n"}"#), true),
        (backend(r#"{"kind": "native", "base_url": "/api\u007f/v1"}"#), false),
        (with(r#""apps": {"app_store": "https://apps.example/\u009f"}"#), false),
        // backend
        (backend(r#"{"kind": "wordpress", "base_url": "https://blog.example"}"#), true),
        (backend(r#"{"kind": "json_feed", "base_url": "https://blog.example/feed.json"}"#), true),
        (backend(r#"{"kind": " native ", "base_url": "http://api.example"}"#), true),
        (backend(r#"{"kind": "Native", "base_url": "/api"}"#), false),
        (backend(r#"{"kind": "rss", "base_url": "/api"}"#), false),
        (backend(r#"{"kind": null, "base_url": "/api"}"#), false),
        (backend(r#"{"kind": 1, "base_url": "/api"}"#), false),
        (backend(r#"{"base_url": "/api"}"#), false),
        (backend(r#"{"kind": "native"}"#), false),
        (backend(r#"{"kind": "native", "base_url": null}"#), false),
        (backend(r#"{"kind": "native", "base_url": ""}"#), false),
        (backend(r#"{"kind": "native", "base_url": "api/v1"}"#), false),
        (backend(r#"{"kind": "native", "base_url": "ftp://api.example"}"#), false),
        (backend(r#"{"kind": "native", "base_url": "//api.example"}"#), false),
        (backend(r#"{"kind": "native", "base_url": "/api", "baseurl": "/b"}"#), false),
        // backend.paths
        (
            native_paths(
                r#"{"feed": "/s", "article": "/s/{id}.json", "related": "/s?id={id}&r=1"}"#,
            ),
            true,
        ),
        (native_paths(r#"{"comments": " /s/{id}/c ", "feed": null}"#), true),
        (native_paths(r#"{"feed": "/"}"#), true),
        (native_paths("null"), true),
        (native_paths("{}"), true),
        (native_paths("[]"), false),
        (native_paths(r#"{"article": "/s/{slug}"}"#), false),
        (native_paths(r#"{"article": "/s/{id}/{"}"#), false),
        (native_paths(r#"{"article": "/s/{{id}}"}"#), false),
        (native_paths(r#"{"related": "/s/related"}"#), false),
        (native_paths(r#"{"feed": "/s/{id}"}"#), false),
        (native_paths(r#"{"article": "s/{id}"}"#), false),
        (native_paths(r#"{"article": "//cdn.example/{id}"}"#), false),
        (native_paths(r#"{"article": "/a b/{id}"}"#), false),
        (native_paths(r#"{"article": "/a#{id}"}"#), false),
        (native_paths(r#"{"article": "/a/{id}\u0000"}"#), false),
        (native_paths(r#"{"article": "/a/{id}\u0085x"}"#), false),
        (native_paths(r#"{"comments": 7}"#), false),
        (native_paths(r#"{"story": "/s/{id}"}"#), false),
        (native_paths(r#"{"post": "/s/{id}"}"#), false),
        (
            wordpress_paths(
                r#"{"posts": "/p", "post": "/p?id={id}", "comments": "/c", "categories": "/t"}"#,
            ),
            true,
        ),
        (wordpress_paths(r#"{"comments": "/c/{id}"}"#), false),
        (wordpress_paths(r#"{"post": "/posts"}"#), false),
        (wordpress_paths(r#"{"article": "/a/{id}"}"#), false),
        (backend(r#"{"kind": "json_feed", "base_url": "/feed.json", "paths": null}"#), true),
        (backend(r#"{"kind": "json_feed", "base_url": "/feed.json", "paths": {}}"#), false),
        // features
        (with(r#""features": {"comments": false, "related": true, "promo": null}"#), true),
        (with(r#""features": null"#), true),
        (with(r#""features": true"#), false),
        (with(r#""features": {"comments": "no"}"#), false),
        (with(r#""features": {"comment": false}"#), false),
        // sections
        (with(r#""sections": ["City", " Science "]"#), true),
        (with(r#""sections": []"#), true),
        (with(r#""sections": null"#), true),
        (with(r#""sections": "City""#), false),
        (with(r#""sections": ["City", " "]"#), false),
        (with(r#""sections": ["City", null]"#), false),
        (with(r#""sections": [1]"#), false),
        // cache
        (with(r#""cache": {"fresh_seconds": 0, "max_articles": 0}"#), true),
        (with(r#""cache": {"fresh_seconds": 86400, "max_articles": 500}"#), true),
        (with(r#""cache": {"fresh_seconds": 300.0, "max_articles": 2.4e1}"#), true),
        (with(r#""cache": {"fresh_seconds": null}"#), true),
        (with(r#""cache": {"fresh_seconds": 86401}"#), false),
        (with(r#""cache": {"max_articles": 501}"#), false),
        (with(r#""cache": {"fresh_seconds": -1}"#), false),
        (with(r#""cache": {"fresh_seconds": 1.5}"#), false),
        (with(r#""cache": {"fresh_seconds": "300"}"#), false),
        (with(r#""cache": {"fresh_seconds": 1e300}"#), false),
        (with(r#""cache": {"fresh_seconds": 1e400}"#), false),
        (with(r#""cache": {"fresh": 300}"#), false),
        (with(r#""cache": 300"#), false),
        // embed
        (with(r#""embed": {"allowed_origins": null, "link_target": null}"#), true),
        (with(r#""embed": {"link_target": "top"}"#), true),
        (with(r#""embed": {"link_target": "new_tab"}"#), true),
        (with(r#""embed": {"link_target": "_top"}"#), false),
        (with(r#""embed": {"link_target": " top"}"#), false),
        (with(r#""embed": {"allowed_origins": "*"}"#), false),
        (with(r#""embed": {"allowed_origins": [null]}"#), false),
        (with(r#""embed": {"allowed_origin": []}"#), false),
        (with(r#""embed": []"#), false),
        (origin("https://partner.example"), true),
        (origin(" HTTPS://Partner.Example/ "), true),
        (origin("http://127.0.0.1:8300"), true),
        (origin("http://[::1]:3000"), true),
        (origin("http://[::1]"), true),
        (origin("https://xn--bcher-kva.example:08443"), true),
        (origin("http://localhost:65535"), true),
        (origin(&format!("https://{long_host}")), true),
        (origin(&format!("https://{long_host}a:443")), false),
        (origin("http://localhost:65536"), false),
        (origin("http://localhost:0"), false),
        (origin("http://localhost:000080"), false),
        (origin("http://localhost:"), false),
        (origin("https://partner.example/page"), false),
        (origin("https://partner.example//"), false),
        (origin("https://partner.example?x=1"), false),
        (origin("https://user@partner.example"), false),
        (origin("https://*.partner.example"), false),
        (origin("https://-bad.example"), false),
        (origin("https://a..example"), false),
        (origin("https://[zz::1]"), false),
        (origin("ftp://partner.example"), false),
        (origin("partner.example"), false),
        (origin("*"), false),
        // apps
        (with(r#""apps": {"app_store": "https://apps.example/ios", "google_play": null}"#), true),
        (with(r#""apps": {"google_play": "/app"}"#), true),
        (with(r#""apps": {"appstore": "https://apps.example/ios"}"#), false),
        (with(r#""apps": {"google_play": "data:x"}"#), false),
        (with(r#""apps": {"google_play": 1}"#), false),
        (with(r#""apps": ["https://apps.example/ios"]"#), false),
    ];
    let validator = validator();
    for (text, valid) in &cases {
        schema_and_parser_agree(&validator, text, *valid);
    }
    assert!(cases.len() >= 100, "{}", cases.len());
}

/// The opening line of a config example in the docs: a whole `config.json` that must be valid.
const FENCE: &str = "```json config";

/// Every ```` ```json config ```` block in `text`, with the line it starts on.
fn config_examples(text: &str) -> Vec<(usize, String)> {
    let mut examples = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for (number, line) in text.lines().enumerate() {
        match &mut open {
            None if line.trim() == FENCE => open = Some((number + 1, String::new())),
            None => {}
            Some(_) if line.trim() == "```" => examples.extend(open.take()),
            Some((_, body)) => {
                body.push_str(line);
                body.push('\n');
            }
        }
    }
    assert!(open.is_none(), "a {FENCE} block is never closed");
    examples
}

/// README.md and every Markdown file under docs/ (if there is one yet).
fn markdown_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "md") {
                found.push(path);
            }
        }
    }
    let mut found = vec![root().join("README.md")];
    walk(&root().join("docs"), &mut found);
    found.sort();
    found
}

#[test]
fn every_config_example_in_the_docs_is_valid() {
    let validator = validator();
    let mut checked = 0;
    for file in markdown_files() {
        let text = std::fs::read_to_string(&file).expect("readable");
        for (line, example) in config_examples(&text) {
            let place = format!("{}:{line}", file.display());
            if let Err(e) = parse(&example) {
                panic!("{place}: {e}");
            }
            let problems = schema_problems(&validator, &example).expect("JSON");
            assert!(problems.is_empty(), "{place}: {problems:?}");
            checked += 1;
        }
    }
    assert!(checked >= 1, "no {FENCE} example found in README.md or docs/");
}

#[test]
fn config_examples_are_found_in_markdown() {
    let text = "a\n```json config\n{\"x\": 1}\n```\n```json\nnot checked\n```\n  ```json config  \n{}\n```\n";
    assert_eq!(config_examples(text), [(2, "{\"x\": 1}\n".to_owned()), (8, "{}\n".to_owned())]);
}

/// The messages docs/configuration.md quotes are the app's, word for word.
#[test]
fn the_messages_quoted_in_the_docs_are_the_apps() {
    let docs = read("docs/configuration.md");
    let native = r#""backend": {"kind": "native", "base_url": "/api"}"#;
    let cases = [
        (
            r#"{"backend": {"kind": "native", "base_url": "/a", "paths": {"article": "/s"}}}"#.into(),
            r#""backend.paths.article" must contain "{id}", e.g. "/stories/{id}"."#,
        ),
        (
            format!(r#"{{{native}, "cache": {{"fresh_seconds": 90000}}}}"#),
            r#""cache.fresh_seconds" must be a whole number from 0 to 86400."#,
        ),
        (format!(r#"{{{native}, "site": "Herald"}}"#), r#""site" must be an object, e.g. {"name": …}."#),
        (
            format!(r#"{{{native}, "site": {{"logo": "/l.svg"}}}}"#),
            r#""site.logo" is not a known key; did you mean "site.logo_url"?"#,
        ),
        (
            format!(r#"{{{native}, "embed": {{"allowed_origin": []}}}}"#),
            r#""embed.allowed_origin" is not a known key; did you mean "embed.allowed_origins"?"#,
        ),
        (
            format!(r#"{{{native}, "site": {{"colour": "red"}}}}"#),
            r#""site.colour" is not a known key: expected "site.name", "site.logo_url" or "site.locale"."#,
        ),
        (
            r#"{"backend": {"kind": "wordpress", "base_url": "/wp", "paths": {"article": "/a/{id}"}}}"#
                .to_owned(),
            r#""backend.paths.article" is not a known key: expected "backend.paths.posts", "backend.paths.post", "backend.paths.comments" or "backend.paths.categories"."#,
        ),
    ];
    for (text, message) in cases {
        let message = format!("/config.json: {message}");
        let error = parse(&text).expect_err(&text);
        assert_eq!(error.to_string(), message, "{text}");
        assert!(docs.contains(&message), "docs/configuration.md does not quote {message}");
    }
}
