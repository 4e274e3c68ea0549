//! The OCR cache: the engine's output per page image, in a directory, under
//! the SHA-256 of the image and of the engine's version and arguments, so
//! a rerun (`--resume`, a second pass) never reads a page twice. Entries
//! are written atomically (a temporary file renamed into place).

use super::engine::{Engine, Segmentation};
use crate::ingest::image::Gray;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Bumped when the page preparation (scaling, deskew, rule removal)
/// changes, so entries of an older preparation are not reused.
const PREPARATION: &str = "baocao-ocr-1";

/// The cache file of a page image.
fn entry(dir: &Path, engine: &Engine, page: &Gray, segmentation: Segmentation) -> PathBuf {
    let mut hash = Sha256::new();
    hash.update(PREPARATION.as_bytes());
    hash.update(engine.version.as_bytes());
    hash.update(
        engine
            .arguments(page.dpi, segmentation)
            .join(" ")
            .as_bytes(),
    );
    hash.update(format!("{}x{}", page.width, page.height).as_bytes());
    hash.update(&page.pixels);
    let hex: String = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
    dir.join(&hex[..2]).join(format!("{hex}.tsv"))
}

/// The engine's TSV for the page: from the cache when present, else run
/// (`in_process`: see [`Engine::recognise_tsv`]) and stored (a cache that
/// cannot be written is only skipped).
pub(crate) fn tsv(
    dir: Option<&Path>,
    engine: &Engine,
    page: &Gray,
    segmentation: Segmentation,
    in_process: bool,
) -> Result<String, String> {
    let Some(dir) = dir else {
        return engine.recognise_tsv(page, segmentation, in_process);
    };
    let file = entry(dir, engine, page, segmentation);
    if let Ok(text) = std::fs::read_to_string(&file) {
        return Ok(text);
    }
    let text = engine.recognise_tsv(page, segmentation, in_process)?;
    let _ = store(&file, &text);
    Ok(text)
}

fn store(file: &Path, text: &str) -> std::io::Result<()> {
    let parent = file.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)?;
    let temp = parent.join(format!(
        ".{}.{}.tmp",
        file.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id()
    ));
    std::fs::write(&temp, text)?;
    std::fs::rename(&temp, file)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: Segmentation = Segmentation::Page;

    fn engine(program: &str) -> Engine {
        Engine {
            program: program.into(),
            version: "5.3.0".into(),
            languages: "vie".into(),
        }
    }

    #[test]
    fn a_cached_page_is_not_read_again() {
        let dir = std::env::temp_dir().join(format!("baocao-ocr-cache-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let page = Gray::blank(8, 8, 300);
        // A program that cannot run: only the cache can answer.
        let missing = engine("/nonexistent/tesseract");
        assert!(tsv(Some(&dir), &missing, &page, PAGE, false).is_err());
        store(&entry(&dir, &missing, &page, PAGE), "level\tcached").unwrap();
        assert_eq!(
            tsv(Some(&dir), &missing, &page, PAGE, false).unwrap(),
            "level\tcached"
        );
        // Another image, or another engine version, is another entry.
        let other = Gray::blank(8, 9, 300);
        assert!(tsv(Some(&dir), &missing, &other, PAGE, false).is_err());
        let newer = Engine {
            version: "5.4.0".into(),
            ..missing.clone()
        };
        assert_ne!(
            entry(&dir, &missing, &page, PAGE),
            entry(&dir, &newer, &page, PAGE)
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
