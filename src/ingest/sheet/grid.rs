//! A sheet's used range as a grid of written cells and merged ranges, and
//! its shape as blocks: the lines above the table (unit, number, title) as
//! paragraphs, the table's rows on the grid with merged ranges as spans
//! (a merged value at its top-left, continuation rows as vertical-merge
//! continuations, as DOCX writes them), the lines below as paragraphs.

use crate::ingest::blocks::{Block, Para, Segment, Table, TableCell, TableRow, VMerge};

/// Filled cells a row needs to start a table.
const TABLE_ROW_CELLS: usize = 3;

/// One written cell.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    /// The cell as shown.
    pub text: String,
    /// Font name, where the format names one.
    pub font: Option<String>,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
}

/// A merged range, 0-based and inclusive, relative to the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    /// First row.
    pub top: usize,
    /// First column.
    pub left: usize,
    /// Last row.
    pub bottom: usize,
    /// Last column.
    pub right: usize,
}

/// A sheet's cells, row by row (`None`: empty).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grid {
    /// Rows of cells, all of one width.
    pub rows: Vec<Vec<Option<Cell>>>,
    /// Merged ranges.
    pub merges: Vec<Merge>,
}

/// Most slots a sheet's grid may take once empty rows and columns are
/// dropped (a sheet of 100,000 rows by 80 columns).
pub const MAX_SLOTS: usize = 8_000_000;

/// A sheet whose used cells spread over more than [`MAX_SLOTS`] slots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge {
    /// Rows with text.
    pub rows: usize,
    /// Columns with text.
    pub columns: usize,
}

impl Grid {
    /// The grid of sparse cells at absolute `(row, column)` positions and
    /// merged ranges `(top, left, bottom, right)`. Columns without text are
    /// dropped and each run of blank rows becomes one blank row, so a stray
    /// cell far away costs nothing.
    pub fn from_sparse(
        cells: Vec<(u32, u32, Cell)>,
        merges: &[(u32, u32, u32, u32)],
    ) -> Result<Grid, TooLarge> {
        let cells: Vec<_> = cells
            .into_iter()
            .filter(|c| !c.2.text.trim().is_empty())
            .collect();
        let heads: std::collections::HashSet<(u32, u32)> = if merges.is_empty() {
            Default::default()
        } else {
            cells.iter().map(|c| (c.0, c.1)).collect()
        };
        let mut used_rows: Vec<u32> = cells.iter().map(|c| c.0).collect();
        for &(top, _, bottom, _) in merges.iter().filter(|m| heads.contains(&(m.0, m.1))) {
            used_rows.extend((top..=bottom.max(top)).take(1000));
        }
        used_rows.sort_unstable();
        used_rows.dedup();
        let mut cols: Vec<u32> = cells.iter().map(|c| c.1).collect();
        cols.sort_unstable();
        cols.dedup();
        let rows = Axis::new(used_rows, true);
        let columns = Axis::new(cols, false);
        if rows.len.saturating_mul(columns.len) > MAX_SLOTS {
            return Err(TooLarge {
                rows: rows.used.len(),
                columns: columns.used.len(),
            });
        }
        let mut grid = Grid {
            rows: vec![vec![None; columns.len]; rows.len],
            merges: Vec::new(),
        };
        for (r, c, cell) in cells {
            if let (Some(r), Some(c)) = (rows.at(r), columns.at(c)) {
                grid.rows[r][c] = Some(cell);
            }
        }
        for &(top, left, bottom, right) in merges {
            let (Some(t), Some(b)) = (rows.first_from(top), rows.last_to(bottom)) else {
                continue;
            };
            let (Some(l), Some(rt)) = (columns.first_from(left), columns.last_to(right)) else {
                continue;
            };
            if t <= b && l <= rt && (b > t || rt > l) {
                grid.merges.push(Merge {
                    top: t,
                    left: l,
                    bottom: b,
                    right: rt,
                });
            }
        }
        Ok(grid)
    }
}

/// Kept positions along one axis, and the grid index of each.
struct Axis {
    used: Vec<u32>,
    slot: Vec<usize>,
    len: usize,
}

impl Axis {
    /// Used positions (sorted, distinct); with `gaps`, one blank index
    /// between non-adjacent ones.
    fn new(used: Vec<u32>, gaps: bool) -> Axis {
        let mut slot = Vec::with_capacity(used.len());
        let mut len = 0;
        for (i, &p) in used.iter().enumerate() {
            if gaps && i > 0 && p > used[i - 1] + 1 {
                len += 1;
            }
            slot.push(len);
            len += 1;
        }
        Axis { used, slot, len }
    }

    fn at(&self, p: u32) -> Option<usize> {
        self.used.binary_search(&p).ok().map(|i| self.slot[i])
    }

    /// Index of the first kept position at or after `p`.
    fn first_from(&self, p: u32) -> Option<usize> {
        self.slot
            .get(self.used.partition_point(|&u| u < p))
            .copied()
    }

    /// Index of the last kept position at or before `p`.
    fn last_to(&self, p: u32) -> Option<usize> {
        let i = self.used.partition_point(|&u| u <= p).checked_sub(1)?;
        Some(self.slot[i])
    }
}

/// Where each grid slot stands in a merge.
#[derive(Clone, Copy, PartialEq)]
enum Slot {
    /// A plain cell.
    Own,
    /// The top-left of a merge spanning this many columns.
    Head { span: usize, down: bool },
    /// The first column of a merge's later row.
    Below { span: usize },
    /// Covered by a merge (not its first column).
    Covered,
}

impl Grid {
    /// The grid as paragraphs and one table.
    pub fn to_blocks(&self) -> Vec<Block> {
        let slots = self.slots();
        let filled: Vec<usize> = (0..self.rows.len())
            .map(|r| self.filled(r, &slots))
            .collect();
        let Some(start) = filled.iter().position(|&n| n >= TABLE_ROW_CELLS) else {
            return (0..self.rows.len())
                .flat_map(|r| self.paragraphs(r))
                .collect();
        };
        let occupied: Vec<usize> = (0..self.rows.len())
            .map(|r| {
                filled[r]
                    + slots[r]
                        .iter()
                        .filter(|s| matches!(s, Slot::Below { .. }))
                        .count()
            })
            .collect();
        let end = table_end(&filled, &occupied, start);
        let width = self.used_width(start..end);
        let mut out: Vec<Block> = (0..start).flat_map(|r| self.paragraphs(r)).collect();
        let rows = (start..end)
            .filter(|&r| occupied[r] > 0)
            .map(|r| self.table_row(r, width, &slots))
            .collect();
        out.push(Block::Table(Table {
            grid_columns: width,
            grid_widths: Vec::new(),
            rows,
        }));
        out.extend((end..self.rows.len()).flat_map(|r| self.paragraphs(r)));
        out
    }

    fn width(&self) -> usize {
        self.rows.first().map_or(0, Vec::len)
    }

    fn cell(&self, r: usize, c: usize) -> Option<&Cell> {
        self.rows
            .get(r)?
            .get(c)?
            .as_ref()
            .filter(|c| !c.text.trim().is_empty())
    }

    fn slots(&self) -> Vec<Vec<Slot>> {
        let mut slots = vec![vec![Slot::Own; self.width()]; self.rows.len()];
        for m in &self.merges {
            let span = m.right + 1 - m.left;
            for (r, row) in slots.iter_mut().enumerate().take(m.bottom + 1).skip(m.top) {
                for (c, slot) in row.iter_mut().enumerate().take(m.right + 1).skip(m.left) {
                    *slot = match (r == m.top, c == m.left) {
                        (true, true) => Slot::Head {
                            span,
                            down: m.bottom > m.top,
                        },
                        (false, true) => Slot::Below { span },
                        _ => Slot::Covered,
                    };
                }
            }
        }
        slots
    }

    /// Cells of row `r` holding text of their own (a merge counts once).
    fn filled(&self, r: usize, slots: &[Vec<Slot>]) -> usize {
        (0..self.width())
            .filter(|&c| matches!(slots[r][c], Slot::Own | Slot::Head { .. }))
            .filter(|&c| self.cell(r, c).is_some())
            .count()
    }

    /// Columns up to the last one with text in `rows` (merges included).
    fn used_width(&self, rows: std::ops::Range<usize>) -> usize {
        let mut width = 0;
        for r in rows.clone() {
            if let Some(c) = (0..self.width()).rev().find(|&c| self.cell(r, c).is_some()) {
                width = width.max(c + 1);
            }
        }
        for m in self.merges.iter().filter(|m| rows.contains(&m.top)) {
            if self.cell(m.top, m.left).is_some() {
                width = width.max(m.right + 1);
            }
        }
        width.min(self.width())
    }

    /// Each text cell of row `r` as a paragraph of its own.
    fn paragraphs(&self, r: usize) -> Vec<Block> {
        (0..self.width())
            .filter_map(|c| self.cell(r, c))
            .map(|cell| Block::Para(para(cell)))
            .collect()
    }

    fn table_row(&self, r: usize, width: usize, slots: &[Vec<Slot>]) -> TableRow {
        let mut cells = Vec::new();
        let mut c = 0;
        while c < width {
            let (span, vmerge) = match slots[r][c] {
                Slot::Own => (1, VMerge::None),
                Slot::Head { span, down } => {
                    (span, if down { VMerge::Restart } else { VMerge::None })
                }
                Slot::Below { span } => (span, VMerge::Continue),
                Slot::Covered => (1, VMerge::None),
            };
            let span = span.min(width - c).max(1);
            let blocks = match (vmerge, self.cell(r, c)) {
                (VMerge::Continue, _) | (_, None) => Vec::new(),
                (_, Some(cell)) => vec![Block::Para(para(cell))],
            };
            cells.push(TableCell {
                span,
                vmerge,
                blocks,
            });
            c += span;
        }
        TableRow {
            cells,
            ..TableRow::default()
        }
    }
}

/// The table runs from `start` over runs of occupied rows; a blank row
/// ends it unless a later run again holds a row of [`TABLE_ROW_CELLS`]
/// filled cells. Returns the index past its last row.
fn table_end(filled: &[usize], occupied: &[usize], start: usize) -> usize {
    let mut end = start;
    let mut r = start;
    while r < filled.len() {
        let run_end = (r..filled.len())
            .find(|&i| occupied[i] == 0)
            .unwrap_or(filled.len());
        if r == start || filled[r..run_end].iter().any(|&n| n >= TABLE_ROW_CELLS) {
            end = run_end;
        } else if run_end > r {
            break;
        }
        r = run_end.max(r + 1);
    }
    end
}

fn para(cell: &Cell) -> Para {
    let text = cell.text.trim();
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    };
    Para {
        segments: vec![Segment {
            text,
            font: cell.font.clone(),
            bold: cell.bold,
            italic: cell.italic,
            superscript: false,
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::blocks::lines::to_lines;

    fn grid(rows: &[&[&str]], merges: &[Merge]) -> Grid {
        Grid {
            rows: rows
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|t| {
                            (!t.is_empty()).then(|| Cell {
                                text: t.to_string(),
                                ..Cell::default()
                            })
                        })
                        .collect()
                })
                .collect(),
            merges: merges.to_vec(),
        }
    }

    fn m(top: usize, left: usize, bottom: usize, right: usize) -> Merge {
        Merge {
            top,
            left,
            bottom,
            right,
        }
    }

    #[test]
    fn headings_table_and_signature() {
        let g = grid(
            &[
                &["UBND TỈNH X", "", "", "CỘNG HÒA"],
                &["", "", "", ""],
                &["STT", "Chỉ tiêu", "Kết quả", ""],
                &["", "", "Số", "Tỷ lệ"],
                &["1", "Văn bản", "3", "50%"],
                &["II", "CẤP XÃ", "", ""],
                &["", "", "", ""],
                &["", "", "NGƯỜI LẬP", ""],
            ],
            &[
                m(0, 0, 0, 2),
                m(2, 0, 3, 0),
                m(2, 1, 3, 1),
                m(2, 2, 2, 3),
                m(5, 1, 5, 3),
            ],
        );
        let lines: Vec<String> = to_lines(&g.to_blocks())
            .into_iter()
            .map(|l| l.text)
            .collect();
        assert_eq!(
            lines,
            [
                "UBND TỈNH X",
                "CỘNG HÒA",
                "STT\tChỉ tiêu\tKết quả\t",
                "\t\tSố\tTỷ lệ",
                "1\tVăn bản\t3\t50%",
                "II\tCẤP XÃ\t\t",
                "NGƯỜI LẬP",
            ]
        );
    }

    #[test]
    fn a_sheet_without_a_table_is_paragraphs() {
        let g = grid(&[&["Ghi chú", ""], &["", "Hết"]], &[]);
        let lines: Vec<String> = to_lines(&g.to_blocks())
            .into_iter()
            .map(|l| l.text)
            .collect();
        assert_eq!(lines, ["Ghi chú", "Hết"]);
    }
}
