//! Metadata stage: issuing unit, period, number, date, signer and title.
//!
//! [`header`] reads the block above the title, [`period`] the reported
//! period, [`unit`] the issuing unit and province from mentions across the
//! document, [`signer`] the name under the signature titles. Vocabulary lives
//! in `patterns/meta.toml`.

mod header;
mod period;
mod signer;
mod unit;
mod vocab;

use crate::ingest::Line;
use crate::model::{Report, Table};
use crate::normalize::{collapse_ws, strip_markup};

/// A non-empty line without markup, white space collapsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clean {
    /// 1-based source line.
    pub no: usize,
    /// The text.
    pub text: String,
}

impl Clean {
    /// Numbered lines from texts, for tests.
    #[cfg(test)]
    pub fn from_texts(texts: &[&str]) -> Vec<Clean> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Clean {
                no: i + 1,
                text: t.to_string(),
            })
            .collect()
    }
}

/// Longest line read for metadata, in bytes: a report's header, title and
/// signature lines are short; a pathological multi-megabyte line is read
/// by its start only, so metadata stays fast and small.
const MAX_META_LINE: usize = 4096;

fn clean(lines: &[Line]) -> Vec<Clean> {
    lines
        .iter()
        .filter_map(|l| {
            let mut end = l.text.len().min(MAX_META_LINE);
            while !l.text.is_char_boundary(end) {
                end -= 1;
            }
            let raw = &l.text[..end];
            let text =
                collapse_ws(&strip_markup(&raw.replace("**", " ** ").replace('\t', " ")).text);
            (!text.is_empty()).then_some(Clean { no: l.no, text })
        })
        .collect()
}

/// Reads the report metadata from the document's lines and detected tables.
pub fn extract(lines: &[Line], tables: &[Table]) -> Report {
    let lines = clean(lines);
    let first_row = tables
        .iter()
        .flat_map(|t| t.rows.first())
        .map(|r| r.line)
        .min()
        .unwrap_or(usize::MAX);
    let appendix = lines
        .iter()
        .position(|l| l.no >= first_row)
        .unwrap_or(lines.len());
    let head = header::title_head(&lines);
    let header_end = head.unwrap_or(0);
    let title = head.and_then(|h| header::title(&lines, h));
    let header = &lines[..header::header_end(&lines, head)];
    // The reported period: from the title, else the body's first mention.
    let period = title.as_deref().and_then(period::parse).or_else(|| {
        lines
            .iter()
            .take(appendix)
            .find_map(|l| period::parse(&l.text))
    });
    Report {
        unit: unit::extract(&lines, header_end, appendix),
        period,
        number: header::number(header),
        date: header::date(header),
        signer: signer::extract(&lines, appendix),
        title,
    }
}
