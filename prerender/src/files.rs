//! The files of a run: each article page's name, written so that a server never reads half a
//! file, and the pages of earlier runs that are no longer wanted.

use std::collections::HashSet;
use std::path::Path;

/// The longest path segment of an article id given a page (file names have limits, 255 bytes on
/// most systems), and the longest id.
const MAX_SEGMENT_BYTES: usize = 200;
const MAX_ID_BYTES: usize = 1000;

/// The file of the article `id`'s page under the articles folder, which a static host finds for
/// `/articles/<id>`: servers percent-decode the address and merge repeated slashes before they
/// look for a file, so an id holding slashes (a JSON Feed item's URL) is a path of folders.
/// `None` for an id that cannot be one: empty, too long, or with a segment that is `.`, `..`,
/// hidden (a leading dot) or holds a backslash or a control character.
pub fn page_path(id: &str) -> Option<String> {
    let segments: Vec<&str> = id.split('/').filter(|segment| !segment.is_empty()).collect();
    let usable = id.len() <= MAX_ID_BYTES
        && !segments.is_empty()
        && segments.iter().all(|segment| {
            segment.len() <= MAX_SEGMENT_BYTES
                && !segment.starts_with('.')
                && !segment.chars().any(|c| c == '\\' || c.is_control())
        });
    usable.then(|| format!("{}.html", segments.join("/")))
}

/// Writes `text` to `path` through a temporary file beside it, renamed into place.
pub fn write(path: &Path, text: &str) -> Result<(), String> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temporary = path.with_file_name(format!(".{name}.prerender"));
    std::fs::write(&temporary, text).and_then(|()| std::fs::rename(&temporary, path)).map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        format!("cannot write {}: {e}", path.display())
    })
}

/// Removes the `.html` files under `folder` other than `kept` (paths relative to it), and the
/// folders left empty, and returns what it removed.
pub fn remove_other_pages(folder: &Path, kept: &HashSet<String>) -> Result<Vec<String>, String> {
    let mut removed = Vec::new();
    remove_under(folder, "", kept, &mut removed)?;
    removed.sort();
    Ok(removed)
}

fn remove_under(
    folder: &Path,
    prefix: &str,
    kept: &HashSet<String>,
    removed: &mut Vec<String>,
) -> Result<(), String> {
    let listing = std::fs::read_dir(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    for entry in listing.flatten() {
        let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
        let path = entry.path();
        if path.is_dir() {
            remove_under(&path, &format!("{name}/"), kept, removed)?;
            // Only when it is empty: a folder holding anything else is not the prerender's.
            let _ = std::fs::remove_dir(&path);
        } else if name.ends_with(".html") && !kept.contains(&name) {
            std::fs::remove_file(&path)
                .map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
            removed.push(name);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_id_gets_the_file_a_server_finds_for_its_address() {
        for id in ["ferry-fare-cap", "229", "Zoë's café", "%d8%a7", "a b?c#d"] {
            assert_eq!(page_path(id), Some(format!("{id}.html")), "{id}");
        }
        assert_eq!(
            page_path("https://ledger.example/notes/x").as_deref(),
            Some("https:/ledger.example/notes/x.html")
        );
        let long = "x".repeat(201);
        for id in ["", "/", ".", "..", ".hidden", "a/../b", "a/.b", "a\\b", "a\nb", "a\0b", &long] {
            assert_eq!(page_path(id), None, "{id:?}");
        }
    }

    #[test]
    fn pages_are_replaced_whole_and_old_ones_removed() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        std::fs::create_dir_all(dir.path().join("https:/old.example")).expect("a folder");
        for name in ["old.html", "kept.html", "notes.txt", "https:/old.example/x.html"] {
            std::fs::write(dir.path().join(name), "before").expect("written");
        }
        write(&dir.path().join("kept.html"), "after").expect("written");
        assert_eq!(std::fs::read_to_string(dir.path().join("kept.html")).expect("read"), "after");
        let kept = HashSet::from(["kept.html".to_owned()]);
        let removed = remove_other_pages(dir.path(), &kept).expect("ok");
        assert_eq!(removed, ["https:/old.example/x.html", "old.html"]);
        let mut left: Vec<_> = std::fs::read_dir(dir.path())
            .expect("listed")
            .map(|e| e.expect("an entry").file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["kept.html", "notes.txt"]);
    }
}
