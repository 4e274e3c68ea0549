//! The detector's vocabulary, loaded once from `patterns/table.toml`.

use regex::Regex;
use serde::Deserialize;
use std::sync::LazyLock;

const SOURCE: &str = include_str!("../../patterns/table.toml");

#[derive(Deserialize)]
struct Raw {
    header_min_words: usize,
    header_words: Vec<String>,
    header_line_patterns: Vec<String>,
    stt: RawStt,
    columns: RawColumns,
    caption: RawCaption,
    rows: RawRows,
    units: Vec<String>,
    label_number_words: Vec<String>,
    dangling_words: Vec<String>,
}

#[derive(Deserialize)]
struct RawColumns {
    #[serde(flatten)]
    words: Columns,
    value_heads: Vec<String>,
    header_units: Vec<(String, String)>,
    header_period: String,
    column_number: String,
}

/// Folded header words that give a tab-table column its role.
#[derive(Deserialize, Debug)]
pub struct Columns {
    /// STT column.
    pub stt: Vec<String>,
    /// Unit-of-measure column.
    pub unit: Vec<String>,
    /// Value column.
    pub value: Vec<String>,
    /// Note column.
    pub note: Vec<String>,
    /// Indicator-label column.
    pub label: Vec<String>,
    /// Heads of a value column's header right of the label (scores, ranks).
    #[serde(skip)]
    pub value_heads: Vec<String>,
    /// A folded header word and the unit it names.
    #[serde(skip)]
    pub header_units: Vec<(String, String)>,
    /// A period named by a header, as printed.
    #[serde(skip, default = "never")]
    pub header_period: Regex,
    /// A folded cell of the numbered-columns row ("(1)", "(3)=(1)+(2)").
    #[serde(skip, default = "never")]
    pub column_number: Regex,
}

/// A regex that matches nothing (placeholder before compiling).
fn never() -> Regex {
    Regex::new(r"\b\B").expect("valid regex")
}

#[derive(Deserialize)]
struct RawStt {
    numeric: String,
    roman: String,
}

#[derive(Deserialize)]
struct RawCaption {
    keywords: Vec<String>,
    numbered_keywords: Vec<String>,
    skip_patterns: Vec<String>,
    heads: Vec<String>,
}

#[derive(Deserialize)]
struct RawRows {
    group_words: Vec<String>,
    note_phrases: Vec<String>,
    total_labels: Vec<String>,
}

/// Compiled table patterns.
pub struct Patterns {
    /// Minimum header words beside "STT" for a header line.
    pub header_min_words: usize,
    /// Folded header words.
    pub header_words: Vec<String>,
    /// Folded-line patterns of (repeated) header lines.
    pub header_lines: Vec<Regex>,
    /// A whole STT cell: numeric form (capture 1) or Roman form (capture 2).
    pub stt_cell: Regex,
    /// An STT token opening a flattened line, then white space or the end.
    pub stt_leading: Regex,
    /// Column roles.
    pub columns: Columns,
    /// Folded caption keywords ("bieu mau", "phu luc").
    pub caption_keywords: Vec<String>,
    /// Folded caption keywords that need their number ("bang" of "Bảng 2").
    pub caption_numbered: Vec<String>,
    /// Folded caption lines that are not part of a title.
    pub caption_skip: Vec<Regex>,
    /// Folded caption heads used when no keyword line exists.
    pub caption_heads: Vec<String>,
    /// Folded grouping-cell words.
    pub group_words: Vec<String>,
    /// Note phrases as printed.
    pub note_phrases: Vec<String>,
    /// Folded labels of a totals row ("tong cong").
    pub total_labels: Vec<String>,
    /// Units as printed, longest first.
    pub units: Vec<String>,
    /// Words after which a trailing number belongs to the label.
    pub label_number_words: Vec<String>,
    /// Folded words a label cannot end with: it goes on in the next line.
    pub dangling_words: Vec<String>,
}

fn compile(list: &[String]) -> Vec<Regex> {
    list.iter()
        .map(|p| Regex::new(p).expect("patterns/table.toml holds valid regexes"))
        .collect()
}

/// The patterns, parsed on first use.
pub static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| {
    let raw: Raw = toml::from_str(SOURCE).expect("patterns/table.toml is valid");
    let mut units = raw.units;
    units.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    let (num, rom) = (&raw.stt.numeric, &raw.stt.roman);
    let stt_cell = Regex::new(&format!(r"^(?:({num})|({rom})|(({rom})\.({num})))\.?$"))
        .expect("valid STT patterns");
    let stt_leading =
        Regex::new(&format!(r"^\s*((?:{num}|{rom})\.?)(?:\s+|$)")).expect("valid STT patterns");
    Patterns {
        stt_cell,
        stt_leading,
        header_min_words: raw.header_min_words,
        header_words: raw.header_words,
        header_lines: compile(&raw.header_line_patterns),
        columns: Columns {
            value_heads: raw.columns.value_heads,
            header_units: raw.columns.header_units,
            header_period: Regex::new(&raw.columns.header_period).expect("valid header_period"),
            column_number: Regex::new(&raw.columns.column_number).expect("valid column_number"),
            ..raw.columns.words
        },
        caption_keywords: raw.caption.keywords,
        caption_numbered: raw.caption.numbered_keywords,
        caption_skip: compile(&raw.caption.skip_patterns),
        caption_heads: raw.caption.heads,
        group_words: raw.rows.group_words,
        note_phrases: raw.rows.note_phrases,
        total_labels: raw.rows.total_labels,
        units,
        label_number_words: raw.label_number_words,
        dangling_words: raw.dangling_words,
    }
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_load() {
        assert!(!PATTERNS.units.is_empty());
        assert!(PATTERNS.header_lines.iter().any(|r| r.is_match("stt")));
    }
}
