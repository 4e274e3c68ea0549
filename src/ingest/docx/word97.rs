//! Word 97-2003 `.doc` read in-process with `office_oxide`: its document
//! model is mapped onto the DOCX reader's blocks, so tables keep their grid
//! (column spans, and row spans as vertical-merge continuations).

use crate::ingest::blocks::{Block, Para, Segment, Table, TableCell, TableRow, VMerge};
use office_oxide::ir::{Element, InlineContent, VerticalAlign};
use office_oxide::{Document, DocumentFormat};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Reads a `.doc` into blocks; `Err` carries the library's complaint.
pub fn blocks(bytes: &[u8]) -> Result<Vec<Block>, String> {
    let owned = bytes.to_vec();
    let parsed = catch_unwind(AssertUnwindSafe(|| {
        Document::from_reader(std::io::Cursor::new(owned), DocumentFormat::Doc).map(|d| d.to_ir())
    }));
    let ir = match parsed {
        Ok(Ok(ir)) => ir,
        Ok(Err(e)) => return Err(e.to_string()),
        Err(_) => return Err("the Word 97 reader failed on this file".into()),
    };
    let mut mapper = Mapper::default();
    let mut out = Vec::new();
    for section in &ir.sections {
        mapper.elements(&section.elements, &mut out);
    }
    if !has_text(&out) {
        return Err("no text was found in it".into());
    }
    Ok(out)
}

fn has_text(blocks: &[Block]) -> bool {
    blocks.iter().any(|b| match b {
        Block::Para(p) => p.segments.iter().any(|s| !s.text.trim().is_empty()),
        Block::Table(t) => t
            .rows
            .iter()
            .any(|r| r.cells.iter().any(|c| has_text(&c.blocks))),
    })
}

#[derive(Default)]
struct Mapper {
    footnotes: u32,
}

impl Mapper {
    fn elements(&mut self, elements: &[Element], out: &mut Vec<Block>) {
        for e in elements {
            match e {
                Element::Paragraph(p) => out.push(Block::Para(self.inline(&p.content))),
                Element::Heading(h) => out.push(Block::Para(self.inline(&h.content))),
                Element::Table(t) => out.push(Block::Table(self.table(t))),
                Element::List(l) => {
                    for item in &l.items {
                        self.elements(&item.content, out);
                    }
                }
                Element::TextBox(b) => self.elements(&b.content, out),
                _ => {}
            }
        }
    }

    fn inline(&mut self, content: &[InlineContent]) -> Para {
        let mut para = Para::default();
        for c in content {
            let seg = match c {
                InlineContent::Text(t) => Segment {
                    text: t.text.clone(),
                    font: t.font_name.clone(),
                    bold: t.bold,
                    italic: t.italic,
                    superscript: matches!(t.vertical_align, Some(VerticalAlign::Superscript)),
                },
                InlineContent::LineBreak => Segment {
                    text: "\n".into(),
                    ..Segment::default()
                },
                InlineContent::FootnoteRef(_) => {
                    self.footnotes += 1;
                    Segment {
                        text: self.footnotes.to_string(),
                        superscript: true,
                        ..Segment::default()
                    }
                }
                _ => continue,
            };
            para.segments.push(seg);
        }
        para
    }

    /// Places cells on the grid: a cell spanning rows leaves continuation
    /// cells in the rows below, as DOCX's `w:vMerge` does.
    fn table(&mut self, t: &office_oxide::ir::Table) -> Table {
        // Grid columns still covered by a row span from above: rows left.
        let mut covered: Vec<usize> = Vec::new();
        let mut rows = Vec::with_capacity(t.rows.len());
        for r in &t.rows {
            let mut row = TableRow {
                header: r.is_header,
                ..TableRow::default()
            };
            let mut col = 0usize;
            let mut cells = r.cells.iter();
            let mut next = cells.next();
            while next.is_some() || covered.get(col).is_some_and(|&n| n > 0) {
                if covered.get(col).is_some_and(|&n| n > 0) {
                    row.cells.push(TableCell {
                        span: 1,
                        vmerge: VMerge::Continue,
                        blocks: Vec::new(),
                    });
                    covered[col] -= 1;
                    col += 1;
                    continue;
                }
                let Some(cell) = next else { break };
                let span = (cell.col_span as usize).max(1);
                let rows_down = (cell.row_span as usize).max(1) - 1;
                if covered.len() < col + span {
                    covered.resize(col + span, 0);
                }
                for c in &mut covered[col..col + span] {
                    *c = rows_down;
                }
                let mut blocks = Vec::new();
                self.elements(&cell.content, &mut blocks);
                row.cells.push(TableCell {
                    span,
                    vmerge: if rows_down > 0 {
                        VMerge::Restart
                    } else {
                        VMerge::None
                    },
                    blocks,
                });
                col += span;
                next = cells.next();
            }
            rows.push(row);
        }
        Table {
            grid_columns: covered.len(),
            grid_widths: Vec::new(),
            rows,
        }
    }
}
