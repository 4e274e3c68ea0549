//! RTF table rows (`\trowd … \cellxN … \cell … \row`) onto one grid: the
//! cells' right edges (`\cellx`, twips from the margin) of every row of a
//! table become its grid columns, so a header cell as wide as two cells
//! below spans two columns; `\clmgf`/`\clmrg` join cells across and
//! `\clvmgf`/`\clvmrg` mark merges down, as DOCX `gridSpan`/`vMerge`.

use crate::ingest::blocks::{Block, Table, TableCell, TableRow, VMerge};

/// Most cells one row may define.
pub const MAX_CELLS: usize = 1000;

/// How a defined cell takes part in a horizontal merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HMerge {
    /// Not merged.
    #[default]
    None,
    /// Joined to the cell before it (`\clmrg`).
    Continue,
}

/// A cell definition of the current row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CellDef {
    /// Right edge in twips.
    pub right: i32,
    /// Horizontal merge mark.
    pub hmerge: HMerge,
    /// Vertical merge mark.
    pub vmerge: VMerge,
}

/// A finished row: its left edge, definitions and cell contents.
#[derive(Debug, Clone, Default)]
pub struct RowBuild {
    /// Left edge of the row (`\trleft`).
    pub left: i32,
    /// Cell definitions.
    pub defs: Vec<CellDef>,
    /// Contents of the cells, in order.
    pub cells: Vec<Vec<Block>>,
}

/// A cell placed on the row: left edge, right edge, definition, contents.
type Placed = (i32, i32, CellDef, Vec<Block>);

/// The rows of one table as a grid table.
pub fn to_table(rows: Vec<RowBuild>) -> Table {
    let rows: Vec<Vec<Placed>> = rows.into_iter().map(spans).collect();
    let mut edges: Vec<i32> = rows.iter().flatten().flat_map(|c| [c.0, c.1]).collect();
    edges.sort_unstable();
    edges.dedup();
    let grid_widths = edges
        .windows(2)
        .map(|w| (w[1] - w[0]).max(0) as u32)
        .collect();
    let slot = |x: i32| edges.partition_point(|&e| e < x);
    let table_rows = rows
        .into_iter()
        .map(|cells| {
            let grid_before = cells.first().map_or(0, |c| slot(c.0));
            let cells = cells
                .into_iter()
                .map(|(left, right, def, blocks)| TableCell {
                    span: slot(right).saturating_sub(slot(left)).max(1),
                    vmerge: def.vmerge,
                    blocks,
                })
                .collect();
            TableRow {
                grid_before,
                cells,
                ..TableRow::default()
            }
        })
        .collect();
    Table {
        grid_columns: edges.len().saturating_sub(1),
        grid_widths,
        rows: table_rows,
    }
}

/// A row's cells with their left and right edges, horizontal merges joined.
fn spans(row: RowBuild) -> Vec<Placed> {
    let mut out: Vec<Placed> = Vec::new();
    let mut left = row.left;
    let mut last_right = row.left;
    for (i, blocks) in row.cells.into_iter().enumerate() {
        let def = row.defs.get(i).copied().unwrap_or(CellDef {
            right: last_right.saturating_add(1000),
            ..CellDef::default()
        });
        let right = def.right.max(left.saturating_add(1));
        match out.last_mut() {
            Some(prev) if def.hmerge == HMerge::Continue => {
                prev.1 = right;
                prev.3.extend(blocks);
            }
            _ => out.push((left, right, def, blocks)),
        }
        left = right;
        last_right = right;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(right: i32) -> CellDef {
        CellDef {
            right,
            ..CellDef::default()
        }
    }

    #[test]
    fn a_wide_header_cell_spans_the_cells_below() {
        let rows = vec![
            RowBuild {
                left: 0,
                defs: vec![def(500), def(3000), def(5000)],
                cells: vec![vec![], vec![], vec![]],
            },
            RowBuild {
                left: 0,
                defs: vec![def(500), def(3000), def(4000), def(5000)],
                cells: vec![vec![], vec![], vec![], vec![]],
            },
        ];
        let t = to_table(rows);
        assert_eq!(t.grid_columns, 4);
        let spans: Vec<usize> = t.rows[0].cells.iter().map(|c| c.span).collect();
        assert_eq!(spans, [1, 1, 2]);
    }
}
