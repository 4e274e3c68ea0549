//! Cells given row by row with their column and row spans (HTML, and
//! OpenDocument without its covered cells) placed on the grid as the
//! block model's rows, with merge marks where a cell spans rows.

use super::{Block, Table, TableCell, TableRow, VMerge};

/// A cell as a row gives it: its spans and contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpanCell {
    /// Columns it spans (at least 1).
    pub colspan: usize,
    /// Rows it spans (at least 1).
    pub rowspan: usize,
    /// Contents.
    pub blocks: Vec<Block>,
}

/// A cell spanning rows below: its column, width and rows still to cover.
struct Carry {
    col: usize,
    span: usize,
    left: usize,
}

/// Places cells on the grid: rows spanned from above get continuation
/// cells where the spanning cell stands (a row too short for a span
/// from above gets empty cells up to it).
pub fn place_spans(rows: Vec<Vec<SpanCell>>) -> Table {
    let mut carries: Vec<Carry> = Vec::new();
    let mut out = Vec::new();
    let total = rows.len();
    for (r, row) in rows.into_iter().enumerate() {
        let mut cells = Vec::new();
        let mut col = 0;
        let mut given = row.into_iter();
        let mut next_carries = Vec::new();
        loop {
            if let Some(k) = carries.iter().position(|c| c.col == col) {
                let c = carries.remove(k);
                cells.push(TableCell {
                    span: c.span,
                    vmerge: VMerge::Continue,
                    blocks: Vec::new(),
                });
                col += c.span;
                if c.left > 1 {
                    next_carries.push(Carry {
                        left: c.left - 1,
                        ..c
                    });
                }
                continue;
            }
            if let Some(cell) = given.next() {
                let rowspan = cell.rowspan.min(total - r);
                let vmerge = if rowspan > 1 {
                    VMerge::Restart
                } else {
                    VMerge::None
                };
                if rowspan > 1 {
                    next_carries.push(Carry {
                        col,
                        span: cell.colspan,
                        left: rowspan - 1,
                    });
                }
                cells.push(TableCell {
                    span: cell.colspan,
                    vmerge,
                    blocks: cell.blocks,
                });
                col += cell.colspan;
                continue;
            }
            match carries.iter().map(|c| c.col).filter(|&c| c > col).min() {
                Some(next) => {
                    cells.extend((col..next).map(|_| TableCell {
                        span: 1,
                        ..TableCell::default()
                    }));
                    col = next;
                }
                None => break,
            }
        }
        carries = next_carries;
        out.push(TableRow {
            cells,
            ..TableRow::default()
        });
    }
    Table {
        grid_columns: 0,
        grid_widths: Vec::new(),
        rows: out,
    }
}
