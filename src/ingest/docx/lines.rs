//! Blocks → lines. Paragraphs become lines (a line break starts a new one);
//! tables of three or more grid columns become one tab-separated line per
//! row, cells aligned to the grid (spans and merge continuations as empty
//! cells); narrower tables (header and signature blocks laid out side by
//! side) become the lines of their cells, cell by cell.

use super::model::{Block, Para, Table, TableRow, VMerge};
use crate::ingest::{Line, Run};

/// Narrowest grid read as a data table.
const DATA_TABLE_COLUMNS: usize = 3;

/// Text and runs of one line under construction.
#[derive(Default)]
struct Builder {
    text: String,
    runs: Vec<Run>,
}

impl Builder {
    fn push(&mut self, text: &str, font: &Option<String>, bold: bool, italic: bool) {
        if text.is_empty() {
            return;
        }
        let start = self.text.len();
        self.text.push_str(text);
        self.runs.push(Run {
            start,
            end: self.text.len(),
            font: font.clone(),
            bold,
            italic,
            column: None,
        });
    }

    fn push_plain(&mut self, text: &str) {
        self.text.push_str(text);
    }

    fn finish(self, no: usize, cells: bool) -> Line {
        let cells = cells.then(|| self.text.split('\t').map(str::to_string).collect());
        Line {
            no,
            text: self.text,
            cells,
            runs: self.runs,
            page: None,
            rule_above: None,
        }
    }
}

/// Writes a paragraph's segments; `\n` ends a line when `breaks` is set,
/// else becomes a space (inside a cell). Tabs become spaces inside cells.
fn write_para(p: &Para, b: &mut Builder, out: &mut Vec<Builder>, in_cell: bool) {
    for s in &p.segments {
        let text = if in_cell {
            s.text.replace(['\t', '\n'], " ")
        } else {
            s.text.clone()
        };
        let mut pieces = text.split('\n').peekable();
        while let Some(piece) = pieces.next() {
            if s.superscript && !piece.trim().is_empty() {
                b.push_plain("<sup>");
                b.push(piece, &s.font, s.bold, s.italic);
                b.push_plain("</sup>");
            } else {
                b.push(piece, &s.font, s.bold, s.italic);
            }
            if pieces.peek().is_some() {
                out.push(std::mem::take(b));
            }
        }
    }
}

/// Turns body blocks into numbered lines.
pub fn to_lines(blocks: &[Block]) -> Vec<Line> {
    let mut out: Vec<Builder> = Vec::new();
    emit(blocks, &mut out);
    out.into_iter()
        .enumerate()
        .map(|(i, b)| {
            let cells = b.text.contains('\t');
            b.finish(i + 1, cells)
        })
        .collect()
}

fn emit(blocks: &[Block], out: &mut Vec<Builder>) {
    for block in blocks {
        match block {
            Block::Para(p) => {
                let mut b = Builder::default();
                write_para(p, &mut b, out, false);
                out.push(b);
            }
            Block::Table(t) => {
                let columns = t.grid_columns.max(widest(t));
                for row in &t.rows {
                    if columns >= DATA_TABLE_COLUMNS {
                        out.push(row_line(row, columns));
                    } else {
                        for cell in &row.cells {
                            emit(&cell.blocks, out);
                        }
                    }
                }
            }
        }
    }
}

fn widest(t: &Table) -> usize {
    t.rows
        .iter()
        .map(|r| r.grid_before + r.grid_after + r.cells.iter().map(|c| c.span).sum::<usize>())
        .max()
        .unwrap_or(0)
}

/// One grid-aligned, tab-separated line for a table row.
fn row_line(row: &TableRow, columns: usize) -> Builder {
    let mut b = Builder::default();
    let mut col = 0;
    let sep = |b: &mut Builder, col: &mut usize| {
        if *col > 0 {
            b.push_plain("\t");
        }
        *col += 1;
    };
    for _ in 0..row.grid_before {
        sep(&mut b, &mut col);
    }
    for cell in &row.cells {
        sep(&mut b, &mut col);
        if cell.vmerge != VMerge::Continue {
            write_cell(&cell.blocks, &mut b);
        }
        for _ in 1..cell.span {
            sep(&mut b, &mut col);
        }
    }
    for _ in 0..row.grid_after {
        sep(&mut b, &mut col);
    }
    while col < columns {
        sep(&mut b, &mut col);
    }
    b
}

/// A cell's paragraphs (and nested tables' cells) joined by spaces.
fn write_cell(blocks: &[Block], b: &mut Builder) {
    let mut first = true;
    for block in blocks {
        match block {
            Block::Para(p) => {
                if p.segments.iter().all(|s| s.text.trim().is_empty()) {
                    continue;
                }
                if !first {
                    b.push_plain(" ");
                }
                first = false;
                let mut sink = Vec::new();
                write_para(p, b, &mut sink, true);
            }
            Block::Table(t) => {
                for row in &t.rows {
                    for cell in &row.cells {
                        if !first {
                            b.push_plain(" ");
                        }
                        first = false;
                        write_cell(&cell.blocks, b);
                    }
                }
            }
        }
    }
}
