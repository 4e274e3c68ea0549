//! Streaming reader of `word/document.xml`: body order of paragraphs and
//! tables, with content controls, text boxes, hyperlinks, field results and
//! tracked insertions read through, and deletions dropped.

use crate::ingest::blocks::{Block, Para, Segment, Table, TableCell, TableRow, VMerge};
use crate::ingest::xml::{attr, truncated, Ev, XmlError, XmlStream};
use quick_xml::events::BytesStart;
use std::io::BufRead;

/// Deepest nesting of tables and text boxes accepted.
const MAX_DEPTH: usize = 32;

/// Run properties that matter here.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct RunStyle {
    font: Option<String>,
    bold: bool,
    italic: bool,
    superscript: bool,
}

/// Reads the body of a WordprocessingML document.
pub struct BodyReader<R: BufRead> {
    xml: XmlStream<R>,
    depth: usize,
    footnotes: u32,
}

/// An on/off property (`<w:b/>`, `<w:b w:val="0"/>`).
fn on(e: &BytesStart) -> bool {
    !matches!(
        attr(e, b"val").as_deref(),
        Some("0" | "false" | "off" | "none")
    )
}

impl<R: BufRead> BodyReader<R> {
    fn next(&mut self) -> Result<Ev, XmlError> {
        self.xml.next()
    }

    fn skip(&mut self) -> Result<(), XmlError> {
        self.xml.skip()
    }

    /// A reader over XML bytes.
    pub fn new(input: R) -> Self {
        BodyReader {
            xml: XmlStream::new(input),
            depth: 0,
            footnotes: 0,
        }
    }

    /// Reads the document's body blocks.
    pub fn read_document(mut self) -> Result<Vec<Block>, XmlError> {
        loop {
            match self.next()? {
                Ev::Start(n, _) if n == b"body" => return self.blocks(b"body"),
                Ev::Eof => return Err(XmlError::Malformed("no w:body element".into())),
                _ => {}
            }
        }
    }

    /// Blocks up to the end of the element named `end`.
    fn blocks(&mut self, end: &[u8]) -> Result<Vec<Block>, XmlError> {
        let mut out = Vec::new();
        loop {
            match self.next()? {
                Ev::Start(n, _) => match n.as_slice() {
                    b"p" => {
                        let (p, extra) = self.para()?;
                        out.push(Block::Para(p));
                        out.extend(extra);
                    }
                    b"tbl" => out.push(Block::Table(self.table()?)),
                    b"sdtPr" | b"sectPr" | b"Fallback" | b"bookmarkStart" => self.skip()?,
                    _ => {}
                },
                Ev::Empty(n, _) if n == b"p" => out.push(Block::Para(Para::default())),
                Ev::End(n) if n == end => return Ok(out),
                Ev::Eof => return Err(truncated()),
                _ => {}
            }
        }
    }

    fn enter(&mut self) -> Result<(), XmlError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            Err(XmlError::TooDeep)
        } else {
            Ok(())
        }
    }

    /// A paragraph, plus the blocks of text boxes anchored in it.
    fn para(&mut self) -> Result<(Para, Vec<Block>), XmlError> {
        let mut para = Para::default();
        let mut extra = Vec::new();
        let mut style = RunStyle::default();
        let (mut in_run, mut in_rpr, mut in_text, mut deleted) = (false, false, false, 0usize);
        loop {
            match self.next()? {
                Ev::Start(n, e) | Ev::Empty(n, e) if in_rpr => set_style(&mut style, &n, &e),
                Ev::Start(n, _) => match n.as_slice() {
                    b"r" => {
                        in_run = true;
                        style = RunStyle::default();
                    }
                    b"rPr" if in_run => in_rpr = true,
                    b"t" => in_text = true,
                    b"del" | b"moveFrom" => deleted += 1,
                    b"delText" | b"instrText" | b"delInstrText" | b"Fallback" | b"pPr" => {
                        self.skip()?
                    }
                    b"txbxContent" => {
                        self.enter()?;
                        extra.extend(self.blocks(b"txbxContent")?);
                        self.depth -= 1;
                    }
                    _ => {}
                },
                Ev::Empty(n, e) if deleted == 0 => {
                    let piece = match n.as_slice() {
                        b"tab" | b"ptab" => Some("\t".to_string()),
                        b"br" | b"cr" => Some("\n".to_string()),
                        b"noBreakHyphen" => Some("-".to_string()),
                        b"footnoteReference" | b"endnoteReference" => {
                            if attr(&e, b"customMarkFollows").is_none() {
                                self.footnotes += 1;
                                let mark = RunStyle {
                                    superscript: true,
                                    ..style.clone()
                                };
                                push(&mut para, &self.footnotes.to_string(), &mark);
                            }
                            None
                        }
                        _ => None,
                    };
                    if let Some(p) = piece {
                        push(&mut para, &p, &style);
                    }
                }
                Ev::End(n) => match n.as_slice() {
                    b"p" => return Ok((para, extra)),
                    b"r" => in_run = false,
                    b"rPr" => in_rpr = false,
                    b"t" => in_text = false,
                    b"del" | b"moveFrom" => deleted = deleted.saturating_sub(1),
                    _ => {}
                },
                Ev::Text(t) if in_text && deleted == 0 => push(&mut para, &t, &style),
                Ev::Eof => return Err(truncated()),
                _ => {}
            }
        }
    }

    fn table(&mut self) -> Result<Table, XmlError> {
        self.enter()?;
        let mut table = Table::default();
        loop {
            match self.next()? {
                Ev::Start(n, _) => match n.as_slice() {
                    b"tr" => table.rows.push(self.row()?),
                    b"tblPr" | b"sdtPr" | b"tblPrEx" => self.skip()?,
                    _ => {}
                },
                Ev::Empty(n, e) if n == b"gridCol" => {
                    table.grid_columns += 1;
                    let width = attr(&e, b"w").and_then(|w| w.parse().ok());
                    table.grid_widths.push(width.unwrap_or(0));
                }
                Ev::End(n) if n == b"tbl" => break,
                Ev::Eof => return Err(truncated()),
                _ => {}
            }
        }
        self.depth -= 1;
        Ok(table)
    }

    fn row(&mut self) -> Result<TableRow, XmlError> {
        let mut row = TableRow::default();
        loop {
            match self.next()? {
                Ev::Start(n, _) => match n.as_slice() {
                    b"tc" => row.cells.push(self.cell()?),
                    b"tblPrEx" | b"sdtPr" => self.skip()?,
                    _ => {}
                },
                Ev::Empty(n, e) => match n.as_slice() {
                    b"gridBefore" => row.grid_before = number(&e),
                    b"gridAfter" => row.grid_after = number(&e),
                    b"tblHeader" => row.header = on(&e),
                    _ => {}
                },
                Ev::End(n) if n == b"tr" => return Ok(row),
                Ev::Eof => return Err(truncated()),
                _ => {}
            }
        }
    }

    fn cell(&mut self) -> Result<TableCell, XmlError> {
        let mut cell = TableCell {
            span: 1,
            ..TableCell::default()
        };
        loop {
            match self.next()? {
                Ev::Start(n, _) => match n.as_slice() {
                    b"p" => {
                        let (p, extra) = self.para()?;
                        cell.blocks.push(Block::Para(p));
                        cell.blocks.extend(extra);
                    }
                    b"tbl" => cell.blocks.push(Block::Table(self.table()?)),
                    b"sdtPr" => self.skip()?,
                    _ => {}
                },
                Ev::Empty(n, e) => match n.as_slice() {
                    b"gridSpan" => cell.span = number(&e).max(1),
                    b"vMerge" => {
                        cell.vmerge = match attr(&e, b"val").as_deref() {
                            Some("restart") => VMerge::Restart,
                            _ => VMerge::Continue,
                        }
                    }
                    b"p" => cell.blocks.push(Block::Para(Para::default())),
                    _ => {}
                },
                Ev::End(n) if n == b"tc" => return Ok(cell),
                Ev::Eof => return Err(truncated()),
                _ => {}
            }
        }
    }
}

/// Grid counts are small; anything larger is a hostile file.
const MAX_GRID: usize = 64;

fn number(e: &BytesStart) -> usize {
    attr(e, b"val")
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(0)
        .min(MAX_GRID)
}

fn set_style(style: &mut RunStyle, name: &[u8], e: &BytesStart) {
    match name {
        b"rFonts" => {
            style.font = attr(e, b"ascii")
                .or_else(|| attr(e, b"hAnsi"))
                .or_else(|| attr(e, b"cs"));
        }
        b"b" => style.bold = on(e),
        b"i" => style.italic = on(e),
        b"vertAlign" => style.superscript = attr(e, b"val").as_deref() == Some("superscript"),
        b"rStyle" => {
            let v = attr(e, b"val").unwrap_or_default().to_lowercase();
            if v.contains("footnotereference") || v.contains("endnotereference") {
                style.superscript = true;
            }
        }
        _ => {}
    }
}

fn push(para: &mut Para, text: &str, style: &RunStyle) {
    if text.is_empty() {
        return;
    }
    if let Some(last) = para.segments.last_mut() {
        let same = last.font == style.font
            && last.bold == style.bold
            && last.italic == style.italic
            && last.superscript == style.superscript;
        if same {
            last.text.push_str(text);
            return;
        }
    }
    para.segments.push(Segment {
        text: text.to_string(),
        font: style.font.clone(),
        bold: style.bold,
        italic: style.italic,
        superscript: style.superscript,
    });
}
