//! The office readers' data (`patterns/office.toml`), loaded once.

use serde::Deserialize;
use std::sync::LazyLock;

const SOURCE: &str = include_str!("../../patterns/office.toml");

/// Number separators, default sheet names, RTF tables.
#[derive(Debug, Deserialize)]
pub(crate) struct OfficePatterns {
    /// How numbers are written.
    pub numbers: Numbers,
    /// Sheet naming.
    pub sheets: Sheets,
    /// RTF tables.
    pub rtf: Rtf,
}

/// What the RTF reader needs from the specification.
#[derive(Debug, Deserialize)]
pub(crate) struct Rtf {
    /// `\fcharset` number → Windows code page.
    pub charset_code_pages: std::collections::HashMap<String, u16>,
    /// Destinations skipped whole.
    pub skip_destinations: Vec<String>,
    /// Control words standing for one character.
    pub symbols: std::collections::HashMap<String, String>,
}

/// Separators of a written number.
#[derive(Debug, Deserialize)]
pub(crate) struct Numbers {
    /// Decimal separator.
    pub decimal: String,
    /// Thousands separator.
    pub group: String,
}

/// Sheet names.
#[derive(Debug, Deserialize)]
pub(crate) struct Sheets {
    /// Default sheet names (lower case, without their number).
    pub default_names: Vec<String>,
}

/// The patterns, parsed at first use (the file is part of the build).
pub(crate) static OFFICE: LazyLock<OfficePatterns> = LazyLock::new(|| {
    toml::from_str(SOURCE).unwrap_or_else(|e| panic!("patterns/office.toml is invalid: {e}"))
});

impl Sheets {
    /// True when `name` is a default sheet name ("Sheet1", "Trang tính2").
    pub fn is_default(&self, name: &str) -> bool {
        let folded = name.trim().to_lowercase();
        let stem = folded.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
        stem.is_empty() || self.default_names.iter().any(|d| d == stem)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_sheet_names() {
        assert!(OFFICE.sheets.is_default("Sheet1"));
        assert!(OFFICE.sheets.is_default("Trang tính 2"));
        assert!(!OFFICE.sheets.is_default("Biểu mẫu 1"));
        assert!(!OFFICE.sheets.is_default("Gop y"));
    }
}
