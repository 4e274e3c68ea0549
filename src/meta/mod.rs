//! Metadata stage: issuing unit, period, number, date, signer and title.
//!
//! [`header`] reads the number and date above the title, [`heading`] the
//! issuing organ's block, [`period`] the reported period, [`unit`] the
//! issuing unit and [`province`] its province (only where the document names
//! itself, never from table rows), [`signer`] the name under the signature
//! titles. Vocabulary lives in `patterns/meta.toml`.

mod header;
mod heading;
mod mention;
mod period;
mod province;
mod signer;
mod unit;
mod vocab;

use crate::diagnostics;
use crate::ingest::Line;
use crate::model::{Report, Table, Warning};
use crate::normalize::fold;
use crate::normalize::{collapse_ws, strip_markup};
use std::ops::Range;

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

/// The report metadata and the warnings about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    /// The metadata.
    pub report: Report,
    /// `no_heading` when the document prints no heading block.
    pub warnings: Vec<Warning>,
}

/// Reads the report metadata from the document's lines and detected tables.
pub fn extract(lines: &[Line], tables: &[Table]) -> Meta {
    let lines = clean(lines);
    let in_table = in_tables(&lines, tables);
    let appendix = in_table.iter().position(|&t| t).unwrap_or(lines.len());
    let head = header::title_head(&lines);
    let title = head.and_then(|h| header::title(&lines, h));
    // The heading ends at the title, and never runs into a table.
    let header_end = header::header_end(&lines, head).min(appendix);
    let header = &lines[..header_end];
    let heading = heading::read(&lines, header_end);
    let evidence = unit::Evidence::new(
        &lines,
        &heading,
        opening(&lines, header_end, appendix),
        appendix,
        in_table,
    );
    // The reported period: from the title, else the body's first mention.
    let period = title.as_deref().and_then(period::parse).or_else(|| {
        lines
            .iter()
            .take(appendix)
            .find_map(|l| period::parse(&l.text))
    });
    let report = Report {
        unit: unit::extract(&evidence),
        period,
        // Without a heading block, a number or date could only come from a
        // signing stamp, which names the document an annex belongs to.
        number: header::number(header).filter(|_| heading.found),
        date: header::date(header).filter(|_| heading.found),
        signer: signer::extract(&lines, appendix).or_else(|| {
            // Tables in the body: the signature follows them.
            let body: Vec<Clean> = evidence.body().map(|(_, l)| l.clone()).collect();
            signer::extract(&body, body.len())
        }),
        title,
    };
    let warnings = (!heading.found)
        .then(|| no_heading(&report))
        .into_iter()
        .collect();
    Meta { report, warnings }
}

/// For every line, whether it lies between a table's first and last row.
fn in_tables(lines: &[Clean], tables: &[Table]) -> Vec<bool> {
    let spans: Vec<(usize, usize)> = tables
        .iter()
        .filter_map(|t| Some((t.rows.first()?.line, t.rows.last()?.line)))
        .collect();
    lines
        .iter()
        .map(|l| spans.iter().any(|(a, b)| (*a..=*b).contains(&l.no)))
        .collect()
}

/// The opening paragraph: from the title to the first section line, at
/// most `preamble.max_lines` lines, never into a table.
fn opening(lines: &[Clean], start: usize, appendix: usize) -> Range<usize> {
    let p = &vocab::VOCAB.preamble;
    let limit = (start + p.max_lines).min(appendix).min(lines.len());
    let end = (start + 1..limit)
        .find(|&i| {
            let f = fold(&lines[i].text);
            p.section_starts.iter().any(|s| f.starts_with(s.as_str()))
        })
        .unwrap_or(limit);
    start.min(end)..end
}

fn no_heading(report: &Report) -> Warning {
    let said = match report.unit.source {
        Some(_) => "the unit is taken from where the document names itself (see unit.source)",
        None => "the issuing unit is left empty",
    };
    Warning::new(
        diagnostics::NO_HEADING,
        format!("no heading block (issuing organ, number, place and date) was found: {said}"),
    )
}
