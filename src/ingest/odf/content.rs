//! Streaming reader of `content.xml`: automatic styles, then the body in
//! order: paragraphs and headings (spans, `text:s`, tabs, line breaks,
//! links, frames' text boxes), lists and sections read through; notes,
//! annotations and tracked deletions left out; tables with their spans.

use super::styles::{Styles, TextStyle};
use super::tables::{OdfCell, OdfRow, OdfTable, MAX_COLUMNS};
use crate::ingest::blocks::{Block, Para, Segment};
use crate::ingest::xml::{attr, truncated, Ev, XmlError, XmlStream};
use quick_xml::events::BytesStart;
use std::io::BufRead;

/// Deepest nesting of tables and frames accepted.
const MAX_DEPTH: usize = 32;
/// Most spaces one `text:s` stands for.
const MAX_SPACES: usize = 1000;

/// What the body holds: its blocks in order, and its top-level tables
/// (a spreadsheet's sheets).
#[derive(Debug, Default)]
pub struct Body {
    /// Paragraphs and tables in order.
    pub blocks: Vec<Block>,
    /// The tables at the body's top level, as read.
    pub tables: Vec<OdfTable>,
}

/// Reads `content.xml`.
pub struct ContentReader<R: BufRead> {
    xml: XmlStream<R>,
    sheets: bool,
    styles: Styles,
    depth: usize,
}

fn count(e: &BytesStart, key: &[u8], max: usize) -> usize {
    attr(e, key)
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, max)
}

impl<R: BufRead> ContentReader<R> {
    /// A reader over the part's bytes; with `sheets`, top-level tables are
    /// kept as read (a spreadsheet's sheets), else placed as blocks.
    pub fn new(input: R, sheets: bool) -> Self {
        ContentReader {
            xml: XmlStream::new(input),
            sheets,
            styles: Styles::default(),
            depth: 0,
        }
    }

    /// Reads the whole document.
    pub fn read(mut self) -> Result<Body, XmlError> {
        loop {
            match self.xml.next()? {
                Ev::Start(n, e) | Ev::Empty(n, e) if n != b"body" => self.styles.element(&n, &e),
                Ev::Start(_, _) => return self.body(),
                Ev::Eof => return Ok(Body::default()),
                _ => {}
            }
        }
    }

    fn body(&mut self) -> Result<Body, XmlError> {
        let mut body = Body::default();
        loop {
            match self.xml.next()? {
                Ev::Start(n, e) if n == b"table" => {
                    let t = self.table(&e)?;
                    if self.sheets {
                        body.tables.push(t);
                    } else {
                        body.blocks.push(Block::Table(super::tables::to_table(&t)));
                    }
                }
                Ev::Start(n, e) => self.start(&n, &e, &TextStyle::default(), &mut body.blocks)?,
                Ev::End(n) if n == b"body" => return Ok(body),
                Ev::Eof => return Err(truncated()),
                _ => {}
            }
        }
    }

    /// A started element inside a flow of blocks.
    fn start(
        &mut self,
        name: &[u8],
        e: &BytesStart,
        base: &TextStyle,
        out: &mut Vec<Block>,
    ) -> Result<(), XmlError> {
        match name {
            b"p" | b"h" => {
                let style = self.styles.of(e, base);
                let (para, extra) = self.para(name, &style)?;
                out.push(Block::Para(para));
                out.extend(extra);
            }
            b"table" => {
                let t = self.table(e)?;
                out.push(Block::Table(super::tables::to_table(&t)));
            }
            b"tracked-changes"
            | b"note"
            | b"annotation"
            | b"sequence-decls"
            | b"forms"
            | b"table-of-content-source"
            | b"illustration-index-source"
            | b"named-expressions"
            | b"calculation-settings"
            | b"database-ranges" => self.xml.skip()?,
            _ => {}
        }
        Ok(())
    }

    fn enter(&mut self) -> Result<(), XmlError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            Err(XmlError::TooDeep)
        } else {
            Ok(())
        }
    }

    /// Blocks up to the end of the element named `end`.
    fn blocks(&mut self, end: &[u8], base: &TextStyle) -> Result<Vec<Block>, XmlError> {
        self.enter()?;
        let mut out = Vec::new();
        loop {
            match self.xml.next()? {
                Ev::Start(n, e) => self.start(&n, &e, base, &mut out)?,
                Ev::End(n) if n == end => break,
                Ev::Eof => return Err(truncated()),
                _ => {}
            }
        }
        self.depth -= 1;
        Ok(out)
    }

    /// A paragraph or heading, plus the blocks of text boxes framed in it.
    fn para(&mut self, end: &[u8], base: &TextStyle) -> Result<(Para, Vec<Block>), XmlError> {
        let mut para = Para::default();
        let mut extra = Vec::new();
        let mut stack = vec![base.clone()];
        loop {
            let style = stack.last().cloned().unwrap_or_default();
            match self.xml.next()? {
                Ev::Text(t) => push(&mut para, &t, &style),
                Ev::Start(n, e) => match n.as_slice() {
                    b"span" | b"a" => stack.push(self.styles.of(&e, &style)),
                    b"note" | b"annotation" | b"ruby-text" => self.xml.skip()?,
                    b"text-box" => extra.extend(self.blocks(b"text-box", &style)?),
                    _ => {}
                },
                Ev::Empty(n, e) => match n.as_slice() {
                    b"s" => push(&mut para, &" ".repeat(count(&e, b"c", MAX_SPACES)), &style),
                    b"tab" => push(&mut para, "\t", &style),
                    b"line-break" => push(&mut para, "\n", &style),
                    _ => {}
                },
                Ev::End(n) if n == end => return Ok((para, extra)),
                Ev::End(n) if (n == b"span" || n == b"a") && stack.len() > 1 => {
                    stack.pop();
                }
                Ev::Eof => return Err(truncated()),
                _ => {}
            }
        }
    }

    /// A table: its rows and cells with repeats and spans.
    fn table(&mut self, e: &BytesStart) -> Result<OdfTable, XmlError> {
        self.enter()?;
        let mut table = OdfTable {
            name: attr(e, b"name").unwrap_or_default(),
            rows: Vec::new(),
        };
        let mut row: Option<OdfRow> = None;
        loop {
            match self.xml.next()? {
                Ev::Start(n, e) | Ev::Empty(n, e) if n == b"table-row" => {
                    row = Some(OdfRow {
                        repeat: count(&e, b"number-rows-repeated", usize::MAX),
                        cells: Vec::new(),
                    });
                }
                Ev::End(n) if n == b"table-row" => table.rows.extend(row.take()),
                Ev::Start(n, e) if n == b"table-cell" || n == b"covered-table-cell" => {
                    let mut cell = cell_of(&n, &e);
                    cell.blocks = self.blocks(&n, &TextStyle::default())?;
                    row.get_or_insert_with(OdfRow::default).cells.push(cell);
                }
                Ev::Empty(n, e) if n == b"table-cell" || n == b"covered-table-cell" => {
                    row.get_or_insert_with(OdfRow::default)
                        .cells
                        .push(cell_of(&n, &e));
                }
                Ev::Start(n, _) if n == b"table" || n == b"shapes" || n == b"named-expressions" => {
                    self.xml.skip()?
                }
                Ev::End(n) if n == b"table" => break,
                Ev::Eof => return Err(truncated()),
                _ => {}
            }
        }
        self.depth -= 1;
        Ok(table)
    }
}

fn cell_of(name: &[u8], e: &BytesStart) -> OdfCell {
    OdfCell {
        repeat: count(e, b"number-columns-repeated", MAX_COLUMNS),
        colspan: count(e, b"number-columns-spanned", MAX_COLUMNS),
        rowspan: count(e, b"number-rows-spanned", 1 << 20),
        covered: name == b"covered-table-cell",
        blocks: Vec::new(),
    }
}

fn push(para: &mut Para, text: &str, style: &TextStyle) {
    if text.is_empty() {
        return;
    }
    let same = |s: &Segment| {
        s.font == style.font
            && s.bold == style.bold
            && s.italic == style.italic
            && s.superscript == style.superscript
    };
    match para.segments.last_mut() {
        Some(last) if same(last) => last.text.push_str(text),
        _ => para.segments.push(Segment {
            text: text.to_string(),
            font: style.font.clone(),
            bold: style.bold,
            italic: style.italic,
            superscript: style.superscript,
        }),
    }
}
