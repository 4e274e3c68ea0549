//! OpenDocument tables as read, and their two shapes: a grid table for
//! text documents (covered cells under a row span become merge
//! continuations) and a sheet grid for spreadsheets (repeats expanded,
//! spans as merged ranges).

use crate::ingest::blocks::{place_spans, Block, SpanCell, Table};
use crate::ingest::sheet::grid::{Cell, Grid, TooLarge};

/// Most columns a row may expand to (ODF writers repeat empty cells to the
/// sheet's edge).
pub const MAX_COLUMNS: usize = 16_384;
/// Most times one row holding text is repeated.
pub const MAX_ROW_REPEAT: usize = 1000;
/// Most cells a table expands to; the rest is left out.
pub const MAX_CELLS: usize = 1_000_000;

/// A cell as read.
#[derive(Debug, Clone, Default)]
pub struct OdfCell {
    /// `table:number-columns-repeated`.
    pub repeat: usize,
    /// `table:number-columns-spanned`.
    pub colspan: usize,
    /// `table:number-rows-spanned`.
    pub rowspan: usize,
    /// A `table:covered-table-cell`.
    pub covered: bool,
    /// Contents.
    pub blocks: Vec<Block>,
}

/// A row as read.
#[derive(Debug, Clone, Default)]
pub struct OdfRow {
    /// `table:number-rows-repeated`.
    pub repeat: usize,
    /// Cells in order.
    pub cells: Vec<OdfCell>,
}

/// A table as read.
#[derive(Debug, Clone, Default)]
pub struct OdfTable {
    /// `table:name` (a sheet's name).
    pub name: String,
    /// Rows in order.
    pub rows: Vec<OdfRow>,
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

/// Rows expanded (at most [`MAX_CELLS`] cells): empty repeated rows once, rows with text up to
/// [`MAX_ROW_REPEAT`] times; cells expanded up to [`MAX_COLUMNS`] (empty
/// repeated cells past the last text dropped).
fn expanded(t: &OdfTable) -> Vec<Vec<&OdfCell>> {
    let mut out = Vec::new();
    let mut total = 0usize;
    for row in &t.rows {
        if total > MAX_CELLS {
            break;
        }
        let mut cells: Vec<&OdfCell> = Vec::new();
        for cell in &row.cells {
            let n = if has_text(&cell.blocks) {
                cell.repeat
            } else {
                cell.repeat.min(MAX_COLUMNS)
            };
            for _ in 0..n.min(MAX_COLUMNS.saturating_sub(cells.len())) {
                cells.push(cell);
            }
        }
        while cells
            .last()
            .is_some_and(|c| !c.covered && !has_text(&c.blocks) && c.rowspan <= 1 && c.colspan <= 1)
        {
            cells.pop();
        }
        let times = if cells.iter().any(|c| has_text(&c.blocks)) {
            row.repeat.min(MAX_ROW_REPEAT)
        } else {
            1
        };
        for _ in 0..times.max(1) {
            if total > MAX_CELLS {
                break;
            }
            total += cells.len().max(1);
            out.push(cells.clone());
        }
    }
    while out.last().is_some_and(|r| r.is_empty()) {
        out.pop();
    }
    out
}

/// A text document's table on its grid: the covered cells stand where a
/// span reaches, so the cells that hold something are placed by their spans.
pub fn to_table(t: &OdfTable) -> Table {
    let rows = expanded(t)
        .into_iter()
        .map(|row| {
            row.into_iter()
                .filter(|cell| !cell.covered)
                .map(|cell| SpanCell {
                    colspan: cell.colspan.max(1),
                    rowspan: cell.rowspan.max(1),
                    blocks: cell.blocks.clone(),
                })
                .collect()
        })
        .collect();
    place_spans(rows)
}

/// A spreadsheet's table as a sheet grid.
pub fn to_grid(t: OdfTable) -> Result<Grid, TooLarge> {
    let rows = expanded(&t);
    let mut cells = Vec::new();
    let mut merges = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if cell.covered || !has_text(&cell.blocks) {
                continue;
            }
            let (r, c) = (r as u32, c as u32);
            if cell.colspan > 1 || cell.rowspan > 1 {
                merges.push((
                    r,
                    c,
                    r + cell.rowspan.max(1) as u32 - 1,
                    c + cell.colspan.max(1) as u32 - 1,
                ));
            }
            cells.push((r, c, sheet_cell(&cell.blocks)));
        }
    }
    Grid::from_sparse(cells, &merges)
}

/// A cell's paragraphs as one sheet cell (lines joined by line breaks),
/// in the font and style of its first run.
fn sheet_cell(blocks: &[Block]) -> Cell {
    let paras: Vec<&crate::ingest::blocks::Para> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Para(p) => Some(p),
            Block::Table(_) => None,
        })
        .collect();
    let text: Vec<String> = paras
        .iter()
        .map(|p| p.segments.iter().map(|s| s.text.as_str()).collect())
        .collect();
    let first = paras
        .iter()
        .flat_map(|p| &p.segments)
        .find(|s| !s.text.trim().is_empty());
    Cell {
        text: text.join("\n"),
        font: first.and_then(|s| s.font.clone()),
        bold: first.is_some_and(|s| s.bold),
        italic: first.is_some_and(|s| s.italic),
    }
}
