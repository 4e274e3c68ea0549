//! How documents are extracted: the choices a caller makes (today: OCR).

use std::path::PathBuf;

/// When pages are read by OCR.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OcrMode {
    /// Pages without a text layer (a scan, or one full-page image with at
    /// most a stamp's words on it), and scans whose own text layer is
    /// poor (a quarter of its words spell no Vietnamese syllable), are
    /// OCR'd when Tesseract is installed; our reading replaces a poor
    /// layer when it is clearly better.
    #[default]
    Auto,
    /// Every page drawn as a full-page image is OCR'd, even when it carries
    /// a text layer (a scanner's own invisible OCR text is replaced).
    Always,
    /// No OCR: scanned pages give no text (`no_text_layer`).
    Never,
}

impl std::str::FromStr for OcrMode {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "auto" => Ok(OcrMode::Auto),
            "always" => Ok(OcrMode::Always),
            "never" => Ok(OcrMode::Never),
            other => Err(format!("unknown OCR mode {other:?} (auto, always, never)")),
        }
    }
}

impl OcrMode {
    /// The mode's name as the command line takes it.
    pub fn name(self) -> &'static str {
        match self {
            OcrMode::Auto => "auto",
            OcrMode::Always => "always",
            OcrMode::Never => "never",
        }
    }
}

/// Extraction options; `Options::default()` is what [`extract_bytes`]
/// uses.
///
/// [`extract_bytes`]: crate::extract_bytes
///
/// ```
/// let options = baocao::Options {
///     ocr: baocao::OcrMode::Never,
///     ..baocao::Options::default()
/// };
/// let record = baocao::extract_bytes_with("a.txt", "STT\tChỉ tiêu\n1\tSố văn bản".as_bytes(), &options);
/// assert!(record.error.is_none());
/// assert!(record.source.ocr.is_none());
/// ```
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// When pages are OCR'd.
    pub ocr: OcrMode,
    /// Directory of the OCR cache (one file per page image read); `None`
    /// reads every page afresh.
    pub ocr_cache: Option<PathBuf>,
    /// Called after each page the OCR read (the worker processes' sign of
    /// life while a long scan is read).
    pub on_ocr_page: Option<fn()>,
    /// Whether Tesseract's library is loaded into this process and kept
    /// between pages (its models loaded once per thread, about 0.1 s a page
    /// less) instead of its program being run for each page image. An
    /// engine crash then ends the calling process, so the default is the
    /// program; the command line's worker processes, where a crash costs
    /// one document, set it. Without the library the program is run.
    pub ocr_in_process: bool,
}

/// Environment variables that hand a run's options to its worker processes.
const MODE_VAR: &str = "BAOCAO_OCR";
const CACHE_VAR: &str = "BAOCAO_OCR_CACHE";

impl Options {
    /// The options as environment variables for a worker process.
    #[cfg_attr(not(feature = "cli"), allow(dead_code))]
    pub(crate) fn to_env(&self) -> Vec<(&'static str, String)> {
        let mut out = vec![(MODE_VAR, self.ocr.name().to_string())];
        if let Some(dir) = &self.ocr_cache {
            out.push((CACHE_VAR, dir.to_string_lossy().into_owned()));
        }
        out
    }

    /// The options a worker process was started with (see [`Options::to_env`]);
    /// the defaults where a variable is missing or unreadable.
    #[cfg_attr(not(feature = "cli"), allow(dead_code))]
    pub(crate) fn from_env() -> Options {
        Options {
            ocr: std::env::var(MODE_VAR)
                .ok()
                .and_then(|m| m.parse().ok())
                .unwrap_or_default(),
            ocr_cache: std::env::var_os(CACHE_VAR).map(PathBuf::from),
            on_ocr_page: None,
            ocr_in_process: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_read_and_print_alike() {
        for mode in [OcrMode::Auto, OcrMode::Always, OcrMode::Never] {
            assert_eq!(mode.name().parse::<OcrMode>(), Ok(mode));
        }
        assert!("sometimes".parse::<OcrMode>().is_err());
    }

    #[test]
    fn options_cross_to_a_worker() {
        let options = Options {
            ocr: OcrMode::Always,
            ocr_cache: Some("/tmp/c".into()),
            on_ocr_page: None,
            ocr_in_process: false,
        };
        let env = options.to_env();
        assert_eq!(
            env,
            vec![
                (MODE_VAR, "always".to_string()),
                (CACHE_VAR, "/tmp/c".to_string())
            ]
        );
    }
}
