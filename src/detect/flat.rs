//! Rows of tables flattened to text (PDF text dumps): cells joined by spaces,
//! wrapped cells on following lines, page furniture between table pages.

use super::codes;
use super::lines::{
    is_footnote_rule, is_header_line, is_header_start, is_page_number, is_url_line, next_is_header,
};
use super::patterns::PATTERNS;
use super::raw::{append, RawRow};
use super::region::Region;
use super::split::{is_cells_only, is_note_phrase, split, take_glued_footnotes, Fields};
use super::stt::{self, Stt};
use crate::ingest::Line;
use crate::normalize::{fold, strip_markup};
use crate::value::is_assign_sign;

/// A body line kept for row assembly.
struct BodyLine<'a> {
    no: usize,
    text: &'a str,
}

/// Lines of the region that carry table content, in order.
fn body_lines<'a>(lines: &'a [Line], region: &Region) -> Vec<BodyLine<'a>> {
    let mut out = Vec::new();
    let mut in_footnotes = false;
    for i in region.span.clone() {
        let line = &lines[i];
        if is_header_start(lines, i) || is_header_line(line) {
            in_footnotes = false;
            continue;
        }
        if is_footnote_rule(line) {
            in_footnotes = true;
            continue;
        }
        if in_footnotes || is_url_line(line) || line.text.is_empty() {
            continue;
        }
        if is_page_number(line) && next_is_header(lines, i + 1, region.span.end) {
            continue;
        }
        out.push(BodyLine {
            no: line.no,
            text: &line.text,
        });
    }
    out
}

/// A row under assembly.
struct Open {
    stt: Option<(String, Stt)>,
    group: String,
    /// Content of each source line of the row (the STT line without its STT).
    parts: Vec<String>,
    /// `parts` joined by spaces, kept up to date as lines arrive.
    joined: String,
    line: usize,
    /// Trailing spaces of the last line: empty cells printed after the text.
    trail: usize,
}

/// Trailing spaces that mark a row's last line (its empty cells).
const CLOSING_TRAIL: usize = 2;
/// Trailing spaces of a row whose unit, value and note are all empty.
const EMPTY_CELLS_TRAIL: usize = 4;

impl Open {
    fn new(
        stt: Option<(String, Stt)>,
        group: String,
        text: &str,
        line: usize,
        trail: usize,
    ) -> Self {
        let parts = if text.trim().is_empty() {
            Vec::new()
        } else {
            vec![text.trim().to_string()]
        };
        let joined = parts.join(" ");
        Open {
            stt,
            group,
            parts,
            joined,
            line,
            trail,
        }
    }

    fn has_label(&self) -> bool {
        !self.parts.is_empty()
    }

    fn closed(&self) -> bool {
        self.trail >= CLOSING_TRAIL
    }

    fn text(&self) -> &str {
        &self.joined
    }

    fn push(&mut self, content: &str, trail: usize) {
        if !self.joined.is_empty() {
            self.joined.push(' ');
        }
        self.joined.push_str(content);
        self.parts.push(content.to_string());
        self.trail = trail;
    }
}

/// Reads the rows of a flattened table region.
pub fn rows(lines: &[Line], region: &Region) -> Vec<RawRow> {
    let body = body_lines(lines, region);
    let mut reader = Reader::default();
    for (k, bl) in body.iter().enumerate() {
        let next_has_stt = body
            .get(k + 1)
            .is_some_and(|n| stt::split_leading(n.text).is_some());
        reader.line(bl, next_has_stt);
    }
    reader.finish()
}

/// The flattened-text reader's state between lines: one method per kind of
/// line (blank cells, an STT row start, a grouping cell, text that
/// continues the open row or opens an unnumbered one).
#[derive(Default)]
struct Reader {
    rows: Vec<RawRow>,
    /// The row whose lines are being read.
    open: Option<Open>,
    /// STT of the last numbered row.
    last_stt: Option<Stt>,
    /// Text of the grouping cell ("Trong đó") the current rows sit in.
    group: String,
    /// Rows read now sit in `group`.
    grouping: bool,
}

impl Reader {
    /// Reads one body line; `next_has_stt`: the next one opens with an STT.
    fn line(&mut self, bl: &BodyLine, next_has_stt: bool) {
        let content = strip_markup(bl.text).text;
        let content = content.trim();
        let trail = bl.text.len() - bl.text.trim_end().len();
        if content.is_empty() {
            return self.blank(bl.text.len());
        }
        if let Some((printed, parsed, rest)) = stt::split_leading(content) {
            let open = self.open.as_ref();
            if is_row_start(&parsed, rest, self.last_stt.as_ref(), open, next_has_stt) {
                return self.stt_row(printed, parsed, rest, bl.no, trail);
            }
        }
        if let Some(g) = group_text(&self.group, self.grouping, content) {
            self.flush();
            self.group = g;
            self.grouping = true;
            return;
        }
        let lead = bl.text.len() - bl.text.trim_start().len();
        if self.continues(content, lead) {
            if let Some(o) = self.open.as_mut() {
                o.push(content, trail);
            }
        } else {
            self.flush();
            let g = if self.grouping {
                self.group.clone()
            } else {
                String::new()
            };
            self.open = Some(Open::new(None, g, content, bl.no, trail));
        }
    }

    /// A run of `len` spaces: the open row's empty trailing cells.
    fn blank(&mut self, len: usize) {
        if len >= CLOSING_TRAIL {
            if let Some(o) = self.open.as_mut() {
                o.trail = o.trail.max(len);
            }
        }
    }

    /// A line opening a numbered row: the open row ends, the group too.
    fn stt_row(&mut self, printed: String, parsed: Stt, rest: &str, no: usize, trail: usize) {
        self.flush();
        self.group.clear();
        self.grouping = false;
        self.last_stt = Some(parsed.clone());
        self.open = Some(Open::new(
            Some((printed, parsed)),
            String::new(),
            rest,
            no,
            trail,
        ));
    }

    /// Whether text `content`, indented `lead` spaces, continues the open row.
    fn continues(&self, content: &str, lead: usize) -> bool {
        match &self.open {
            None => false,
            Some(o) if self.grouping && o.stt.is_some() => false,
            Some(o) if !o.has_label() => true,
            Some(_) if lead >= 2 => true,
            Some(o) if codes::is_code_list(content) && codes::ends_with_code(o.text()) => true,
            Some(_) if is_note_phrase(content) || is_cells_only(content) => true,
            // Labels start with a capital: a lower-case line is a wrap.
            Some(_) if content.starts_with(char::is_lowercase) => true,
            Some(_) if lead == 1 && content.starts_with(char::is_uppercase) => false,
            Some(o) => !o.closed(),
        }
    }

    /// Ends the open row, if any.
    fn flush(&mut self) {
        finish(&mut self.rows, self.open.take());
    }

    /// The rows read, the last one ended.
    fn finish(mut self) -> Vec<RawRow> {
        self.flush();
        self.rows
    }
}

/// Whether a line opening with an STT token starts a row, or is a value or
/// wrapped text that happens to begin with a number.
fn is_row_start(
    parsed: &Stt,
    rest: &str,
    last: Option<&Stt>,
    open: Option<&Open>,
    next_starts_row: bool,
) -> bool {
    if is_note_phrase(rest)
        || (rest.is_empty() && open.is_some_and(|o| o.text().ends_with(is_assign_sign)))
    {
        return false;
    }
    if !rest.is_empty() {
        return rest.starts_with(|c: char| c.is_uppercase() || c == '(' || c == '"' || c == '“');
    }
    if next_starts_row {
        return false;
    }
    match (parsed, last) {
        (_, None) => true,
        (Stt::Roman(_) | Stt::Sub(..), _) => true,
        (Stt::Numeric(p), Some(Stt::Roman(_) | Stt::Sub(..))) => p.len() == 1,
        (Stt::Numeric(p), Some(Stt::Numeric(l))) => {
            stt::is_successor(p, l) || open.is_none_or(|o| o.closed() && o.has_label())
        }
    }
}

/// Grouping-cell text ("Trong" + "đó" on two lines) when the line is
/// (part of) one.
fn group_text(current: &str, grouping: bool, content: &str) -> Option<String> {
    let matches = |text: &str| {
        let f = fold(text);
        let f = f.trim_end_matches(':');
        PATTERNS
            .group_words
            .iter()
            .any(|w| w == f || (f.len() >= 5 && w.starts_with(f)))
    };
    let incomplete = grouping && !PATTERNS.group_words.iter().any(|w| *w == fold(current));
    if incomplete {
        let joined = format!("{current} {content}");
        if matches(&joined) {
            return Some(joined);
        }
    }
    matches(content).then(|| content.to_string())
}

/// Splits an assembled row into cells. Label words wrapped below the cells
/// (a label continued after a page break) go back to the label; a unit-like
/// word ending a row with every cell empty belongs to the label.
fn cells_of(o: &Open) -> Fields {
    let has_cells = |f: &Fields| !(f.unit.is_empty() && f.value.is_empty() && f.note.is_empty());
    let mut fields = split(o.text());
    // Lower-case words without digits after the cells: the label's wrap.
    let wrapped = o
        .parts
        .iter()
        .rev()
        .take_while(|p| {
            p.starts_with(char::is_lowercase) && !p.contains(|c: char| c.is_ascii_digit())
        })
        .count();
    let cut = o.parts.len() - wrapped;
    let unclosed = |t: &str| t.matches('(').count() > t.matches(')').count();
    if wrapped > 0 && cut > 0 && !unclosed(&o.parts[..cut].join(" ")) {
        let head = split(&o.parts[..cut].join(" "));
        if has_cells(&head) {
            fields = head;
            append(&mut fields.label, &o.parts[cut..].join(" "));
        }
    }
    let acronym = fields.unit.chars().all(|c| c.is_uppercase()) && fields.unit.chars().count() > 1;
    if acronym && fields.value.is_empty() && fields.note.is_empty() && o.trail >= EMPTY_CELLS_TRAIL
    {
        let unit = std::mem::take(&mut fields.unit);
        append(&mut fields.label, &unit);
    }
    fields
}

fn finish(rows: &mut Vec<RawRow>, open: Option<Open>) {
    let Some(o) = open else { return };
    let fields = cells_of(&o);
    let (label, footnotes) = take_glued_footnotes(&fields.label);
    rows.push(RawRow {
        stt: o.stt.map(|(p, _)| p).unwrap_or_default(),
        label,
        group: o.group,
        unit: fields.unit,
        value: fields.value,
        note: fields.note,
        footnotes,
        line: o.line,
        ..RawRow::default()
    });
}
