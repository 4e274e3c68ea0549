//! Blocks → lines. Paragraphs become lines (a line break starts a new one);
//! tables of three or more grid columns become one tab-separated line per
//! row, cells aligned to the grid (spans and merge continuations as empty
//! cells); narrower tables (header and signature blocks laid out side by
//! side) become the lines of their cells, cell by cell.

use super::{Block, Para, Table, TableRow, VMerge};
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
            confidence: None,
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
                let slots = Slots::of(t, columns);
                for row in &t.rows {
                    if columns >= DATA_TABLE_COLUMNS {
                        out.push(row_line(row, &slots));
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

/// Grid columns narrower than this (twips, 1/20 pt) are slivers Word keeps
/// where two rows' cell edges nearly meet (7 twips in `vbai/064`): no
/// column of their own, so a header spanning one lines up with its cells.
const SLIVER_TWIPS: u32 = 30;

/// Which grid columns become tab slots, and how many slots a row has.
struct Slots {
    kept: Vec<bool>,
    count: usize,
}

impl Slots {
    /// Every grid column of a table of `columns` columns is a slot but
    /// the slivers.
    fn of(t: &Table, columns: usize) -> Slots {
        let kept: Vec<bool> = (0..columns)
            .map(|g| {
                t.grid_widths
                    .get(g)
                    .is_none_or(|&w| w == 0 || w >= SLIVER_TWIPS)
            })
            .collect();
        let count = kept.iter().filter(|&&k| k).count();
        Slots { kept, count }
    }

    /// Slots the grid columns `from..to` take.
    fn within(&self, from: usize, to: usize) -> usize {
        (from..to)
            .filter(|&g| self.kept.get(g).copied().unwrap_or(true))
            .count()
    }
}

/// One grid-aligned, tab-separated line for a table row.
fn row_line(row: &TableRow, slots: &Slots) -> Builder {
    let mut b = Builder::default();
    let mut col = 0;
    let sep = |b: &mut Builder, col: &mut usize| {
        if *col > 0 {
            b.push_plain("\t");
        }
        *col += 1;
    };
    let mut g = 0;
    for _ in 0..slots.within(0, row.grid_before) {
        sep(&mut b, &mut col);
    }
    g += row.grid_before;
    for cell in &row.cells {
        // A cell on slivers only writes into the slot before it.
        let taken = slots.within(g, g + cell.span);
        if taken > 0 || col == 0 {
            sep(&mut b, &mut col);
        } else {
            b.push_plain(" ");
        }
        if cell.vmerge != VMerge::Continue {
            write_cell(&cell.blocks, &mut b);
        }
        for _ in 1..taken {
            sep(&mut b, &mut col);
        }
        g += cell.span;
    }
    for _ in 0..slots.within(g, g + row.grid_after) {
        sep(&mut b, &mut col);
    }
    while col < slots.count {
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
