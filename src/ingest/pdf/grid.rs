//! Ruled tables: ruling lines → cell grids.
//!
//! Word and LibreOffice draw a table's borders as many short strokes or
//! thin filled bars, one per cell edge. Here collinear pieces are merged
//! into segments, segments that touch are grouped into tables, their x and
//! y positions snapped into column and row boundaries, and the slots of
//! that lattice joined wherever no border separates them, which gives the
//! cells with their row and column spans (a merged "Ghi chú" down several
//! rows, a "Kết quả thống kê" header over two columns).

use super::interp::Rule;

/// Positions closer than this (points) are one boundary.
const SNAP: f32 = 2.0;
/// Collinear pieces with a gap up to this (points) are one segment.
const JOIN: f32 = 2.5;
/// How far (points) a segment may stop short of one it touches.
const TOUCH: f32 = 3.0;
/// Fewest columns of a grid taken as a data table (as for DOCX tables).
pub const MIN_COLUMNS: usize = 3;
/// Fewest rows of a grid taken as a data table.
pub const MIN_ROWS: usize = 2;
/// Most merged segments of one orientation looked at on a page; a page
/// drawing more (a chart or a hatching) is not read as ruled tables.
const MAX_SEGMENTS: usize = 4000;
/// Most slots (rows × columns) of one lattice: real tables have a few
/// thousand; a denser lattice (a drawn pattern) is not read as a table.
const MAX_SLOTS: usize = 100_000;

/// A merged horizontal or vertical segment: `at` is its y (horizontal) or
/// x (vertical), `from..to` its extent along the other axis.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Segment {
    at: f32,
    from: f32,
    to: f32,
}

impl Segment {
    fn covers(&self, p: f32) -> bool {
        self.from - TOUCH <= p && p <= self.to + TOUCH
    }
}

/// One cell: its top-left slot and its spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    /// Row of the top slot (0 = top row).
    pub row: usize,
    /// Column of the left slot (0 = left column).
    pub col: usize,
    /// Rows spanned.
    pub rows: usize,
    /// Columns spanned.
    pub cols: usize,
}

/// A ruled table's lattice and cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// Column boundaries, left to right.
    pub xs: Vec<f32>,
    /// Row boundaries, top to bottom (y decreasing: PDF y points up).
    pub ys: Vec<f32>,
    /// Cells ordered by their top-left slot, row by row.
    pub cells: Vec<Cell>,
    /// For each slot (row-major), the index of its cell.
    slot_cell: Vec<usize>,
}

impl Grid {
    /// Number of row bands.
    pub fn rows(&self) -> usize {
        self.ys.len() - 1
    }

    /// Number of column bands.
    pub fn cols(&self) -> usize {
        self.xs.len() - 1
    }

    /// Top edge (largest y).
    pub fn top(&self) -> f32 {
        self.ys[0]
    }

    /// The index of the cell holding point (`x`, `y`), if it is inside.
    pub fn cell_at(&self, x: f32, y: f32) -> Option<usize> {
        let col = band(&self.xs, x, |a, b| a < b)?;
        let row = band(&self.ys, y, |a, b| a > b)?;
        self.slot_cell.get(row * self.cols() + col).copied()
    }
}

/// The band `i` with `bounds[i] ≤ p < bounds[i+1]` in the order `before`.
fn band(bounds: &[f32], p: f32, before: impl Fn(f32, f32) -> bool) -> Option<usize> {
    let (first, last) = (bounds[0], bounds[bounds.len() - 1]);
    if before(p, first) || before(last, p) {
        return None;
    }
    let i = bounds.partition_point(|&b| !before(p, b));
    Some(i.saturating_sub(1).min(bounds.len() - 2))
}

/// The ruled tables drawn by `rules`: grids of at least [`MIN_ROWS`] rows
/// and [`MIN_COLUMNS`] columns, top to bottom.
pub fn grids(rules: &[Rule]) -> Vec<Grid> {
    let (vertical, horizontal): (Vec<&Rule>, Vec<&Rule>) =
        rules.iter().partition(|r| !r.is_horizontal());
    let hs = merge(horizontal.iter().map(|r| Segment {
        at: (r.y0 + r.y1) / 2.0,
        from: r.x0,
        to: r.x1,
    }));
    let vs = merge(vertical.iter().map(|r| Segment {
        at: (r.x0 + r.x1) / 2.0,
        from: r.y0,
        to: r.y1,
    }));
    if hs.len() > MAX_SEGMENTS || vs.len() > MAX_SEGMENTS {
        return Vec::new();
    }
    let mut out: Vec<Grid> = components(&hs, &vs)
        .into_iter()
        .filter_map(|(h, v)| lattice(&h, &v))
        .filter(|g| g.rows() >= MIN_ROWS && g.cols() >= MIN_COLUMNS)
        .collect();
    out.sort_by(|a, b| b.top().total_cmp(&a.top()));
    out
}

/// Merges collinear pieces (same `at` within [`SNAP`], overlapping or
/// closer than [`JOIN`]) into segments.
fn merge(pieces: impl Iterator<Item = Segment>) -> Vec<Segment> {
    let mut all: Vec<Segment> = pieces.filter(|s| s.at.is_finite()).collect();
    all.sort_by(|a, b| a.at.total_cmp(&b.at).then(a.from.total_cmp(&b.from)));
    let mut lines: Vec<Vec<Segment>> = Vec::new();
    for s in all {
        match lines.last_mut() {
            Some(line) if (s.at - line[0].at).abs() <= SNAP => line.push(s),
            _ => lines.push(vec![s]),
        }
    }
    let mut out = Vec::new();
    for mut line in lines {
        let at = line.iter().map(|s| s.at).sum::<f32>() / line.len() as f32;
        line.sort_by(|a, b| a.from.total_cmp(&b.from));
        let mut cur: Option<Segment> = None;
        for s in line {
            cur = match cur {
                Some(c) if s.from <= c.to + JOIN => Some(Segment {
                    to: c.to.max(s.to),
                    ..c
                }),
                Some(c) => {
                    out.push(c);
                    Some(Segment { at, ..s })
                }
                None => Some(Segment { at, ..s }),
            };
        }
        out.extend(cur);
    }
    out
}

/// Groups segments that touch into tables: (horizontals, verticals).
fn components(hs: &[Segment], vs: &[Segment]) -> Vec<(Vec<Segment>, Vec<Segment>)> {
    let mut sets = Sets::new(hs.len() + vs.len());
    for (i, h) in hs.iter().enumerate() {
        for (j, v) in vs.iter().enumerate() {
            if h.covers(v.at) && v.covers(h.at) {
                sets.join(i, hs.len() + j);
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, (Vec<Segment>, Vec<Segment>)> =
        Default::default();
    for (i, h) in hs.iter().enumerate() {
        groups.entry(sets.find(i)).or_default().0.push(*h);
    }
    for (j, v) in vs.iter().enumerate() {
        groups
            .entry(sets.find(hs.len() + j))
            .or_default()
            .1
            .push(*v);
    }
    groups.into_values().collect()
}

/// Disjoint sets of indices (union-find); a set's representative is its
/// smallest index.
struct Sets(Vec<usize>);

impl Sets {
    fn new(n: usize) -> Self {
        Sets((0..n).collect())
    }

    /// The representative of `i`'s set.
    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }

    /// Merges the sets of `a` and `b`.
    fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        self.0[ra.max(rb)] = ra.min(rb);
    }
}

/// Snaps positions into boundaries (sorted ascending, each the mean of
/// the positions within [`SNAP`] of the first).
fn snap(mut at: Vec<f32>) -> Vec<f32> {
    at.sort_by(f32::total_cmp);
    let mut out: Vec<(f32, f32, usize)> = Vec::new();
    for p in at {
        match out.last_mut() {
            Some((first, sum, n)) if p - *first <= SNAP => {
                *sum += p;
                *n += 1;
            }
            _ => out.push((p, p, 1)),
        }
    }
    out.into_iter().map(|(_, sum, n)| sum / n as f32).collect()
}

/// Boundaries closer than this (points) make a sliver no text fits in.
const SLIVER: f32 = 6.0;

/// The boundaries (ascending) without slivers: of two closer than
/// [`SLIVER`] (a border and the edge of a cell's shading drawn just inside
/// it), the one whose segments run longer stays; the first and last stay.
fn without_slivers(bounds: Vec<f32>, segments: &[Segment]) -> Vec<f32> {
    let reach = |b: f32| -> f32 {
        segments
            .iter()
            .filter(|s| (s.at - b).abs() <= SNAP)
            .map(|s| s.to - s.from)
            .sum()
    };
    let last = bounds.len().saturating_sub(1);
    let mut out: Vec<f32> = Vec::with_capacity(bounds.len());
    for (i, b) in bounds.iter().copied().enumerate() {
        match out.last().copied() {
            Some(prev) if b - prev < SLIVER => {
                let keep_new = i == last || (out.len() > 1 && reach(b) > reach(prev));
                if keep_new {
                    *out.last_mut().expect("non-empty") = b;
                }
            }
            _ => out.push(b),
        }
    }
    out
}

/// The lattice of one table: boundaries from its segments and its
/// outline, slots joined where no border separates them.
fn lattice(hs: &[Segment], vs: &[Segment]) -> Option<Grid> {
    if hs.is_empty() || vs.is_empty() {
        return None;
    }
    let left = hs.iter().map(|s| s.from).chain(vs.iter().map(|s| s.at));
    let right = hs.iter().map(|s| s.to).chain(vs.iter().map(|s| s.at));
    let bottom = vs.iter().map(|s| s.from).chain(hs.iter().map(|s| s.at));
    let top = vs.iter().map(|s| s.to).chain(hs.iter().map(|s| s.at));
    let (x0, x1) = (
        left.fold(f32::MAX, f32::min),
        right.fold(f32::MIN, f32::max),
    );
    let (y0, y1) = (
        bottom.fold(f32::MAX, f32::min),
        top.fold(f32::MIN, f32::max),
    );
    let xs = without_slivers(snap(vs.iter().map(|s| s.at).chain([x0, x1]).collect()), vs);
    let mut ys = without_slivers(snap(hs.iter().map(|s| s.at).chain([y0, y1]).collect()), hs);
    if xs.len() < 2 || ys.len() < 2 || (xs.len() - 1) * (ys.len() - 1) > MAX_SLOTS {
        return None;
    }
    let v_at = by_boundary(vs, &xs);
    let mut h_at = by_boundary(hs, &ys);
    ys.reverse();
    h_at.reverse();
    let (rows, cols) = (ys.len() - 1, xs.len() - 1);
    let mut sets = Sets::new(rows * cols);
    for (r, pair) in ys.windows(2).enumerate() {
        let mid_y = (pair[0] + pair[1]) / 2.0;
        for (c, walls) in v_at.iter().enumerate().take(cols).skip(1) {
            if !crosses(walls, mid_y) {
                sets.join(r * cols + c - 1, r * cols + c);
            }
        }
    }
    for (c, pair) in xs.windows(2).enumerate() {
        let mid_x = (pair[0] + pair[1]) / 2.0;
        for (r, floors) in h_at.iter().enumerate().take(rows).skip(1) {
            if !crosses(floors, mid_x) {
                sets.join((r - 1) * cols + c, r * cols + c);
            }
        }
    }
    Some(assemble(xs, ys, &mut sets))
}

/// The segments at each boundary (`bounds` ascending): each segment goes
/// to the boundary nearest its position.
fn by_boundary(segments: &[Segment], bounds: &[f32]) -> Vec<Vec<Segment>> {
    let mut out = vec![Vec::new(); bounds.len()];
    for s in segments {
        let i = bounds.partition_point(|&b| b < s.at);
        let nearest = match (i.checked_sub(1), bounds.get(i)) {
            (Some(j), Some(&b)) if s.at - bounds[j] < b - s.at => j,
            (Some(j), None) => j,
            _ => i,
        };
        out[nearest].push(*s);
    }
    out
}

/// True when one of the segments runs across `p`.
fn crosses(segments: &[Segment], p: f32) -> bool {
    segments.iter().any(|s| s.from <= p && p <= s.to)
}

/// Cells from the joined slots (`sets` over the slots, row-major): each
/// set's bounding slots.
fn assemble(xs: Vec<f32>, ys: Vec<f32>, sets: &mut Sets) -> Grid {
    let cols = xs.len() - 1;
    let slots = sets.0.len();
    let mut cells: Vec<Cell> = Vec::new();
    // The cell of each set, by its representative (its first slot).
    let mut cell_of: Vec<Option<usize>> = vec![None; slots];
    let mut slot_cell = Vec::with_capacity(slots);
    for slot in 0..slots {
        let (row, col) = (slot / cols, slot % cols);
        let index = *cell_of[sets.find(slot)].get_or_insert_with(|| {
            cells.push(Cell {
                row,
                col,
                rows: 1,
                cols: 1,
            });
            cells.len() - 1
        });
        let cell = &mut cells[index];
        // The root is the group's first slot in row-major order, so the
        // cell's top row is fixed; its left column may still move left.
        let right = (cell.col + cell.cols).max(col + 1);
        cell.col = cell.col.min(col);
        cell.cols = right - cell.col;
        cell.rows = cell.rows.max(row + 1 - cell.row);
        slot_cell.push(index);
    }
    Grid {
        xs,
        ys,
        cells,
        slot_cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(y: f32, x0: f32, x1: f32) -> Rule {
        Rule {
            x0,
            y0: y - 0.25,
            x1,
            y1: y + 0.25,
        }
    }

    fn v(x: f32, y0: f32, y1: f32) -> Rule {
        Rule {
            x0: x - 0.25,
            y0,
            x1: x + 0.25,
            y1,
        }
    }

    /// A 3-row, 4-column table whose last column is merged over rows 1-2
    /// and whose header's columns 2-3 are one cell, drawn cell edge by
    /// cell edge as Word does.
    fn word_table() -> Vec<Rule> {
        let xs = [0.0, 40.0, 200.0, 260.0, 320.0];
        let ys = [300.0, 280.0, 260.0, 240.0];
        let mut rules = Vec::new();
        for r in 0..3 {
            for c in 0..4 {
                let (x0, x1, top, bot) = (xs[c], xs[c + 1], ys[r], ys[r + 1]);
                // The note is merged over rows 1-2; the header's columns 1-2.
                if !(c == 3 && r == 2) {
                    rules.push(h(top, x0, x1));
                }
                if !(c == 3 && r == 1) {
                    rules.push(h(bot, x0, x1));
                }
                if !(r == 0 && c == 2) {
                    rules.push(v(x0, bot, top));
                }
                if !(r == 0 && c == 1) {
                    rules.push(v(x1, bot, top));
                }
            }
        }
        rules
    }

    #[test]
    fn cells_with_spans_from_edge_pieces() {
        let grids = grids(&word_table());
        assert_eq!(grids.len(), 1);
        let g = &grids[0];
        assert_eq!((g.rows(), g.cols()), (3, 4));
        let spans: Vec<(usize, usize, usize, usize)> = g
            .cells
            .iter()
            .map(|c| (c.row, c.col, c.rows, c.cols))
            .collect();
        assert_eq!(
            spans,
            vec![
                (0, 0, 1, 1),
                (0, 1, 1, 2),
                (0, 3, 1, 1),
                (1, 0, 1, 1),
                (1, 1, 1, 1),
                (1, 2, 1, 1),
                (1, 3, 2, 1),
                (2, 0, 1, 1),
                (2, 1, 1, 1),
                (2, 2, 1, 1),
            ]
        );
        // The merged note's slot in row 2 is the cell of row 1.
        assert_eq!(g.cell_at(300.0, 250.0), g.cell_at(300.0, 270.0));
        assert_eq!(g.cell_at(500.0, 250.0), None);
    }

    #[test]
    fn lines_that_touch_nothing_are_no_table() {
        let mut rules = word_table();
        rules.push(h(100.0, 0.0, 300.0)); // an underline far below
        rules.push(v(500.0, 0.0, 50.0));
        assert_eq!(grids(&rules).len(), 1);
        // Two columns only: not a data table.
        let narrow = vec![
            h(10.0, 0.0, 100.0),
            h(20.0, 0.0, 100.0),
            h(30.0, 0.0, 100.0),
            v(0.0, 10.0, 30.0),
            v(50.0, 10.0, 30.0),
            v(100.0, 10.0, 30.0),
        ];
        assert!(grids(&narrow).is_empty());
    }

    #[test]
    fn inside_borders_only_still_make_a_grid() {
        // No outer frame: the outline comes from the inner lines' extents.
        let rules = vec![
            h(280.0, 0.0, 300.0),
            h(260.0, 0.0, 300.0),
            v(100.0, 240.0, 300.0),
            v(200.0, 240.0, 300.0),
        ];
        let g = &grids(&rules)[0];
        assert_eq!((g.rows(), g.cols()), (3, 3));
    }

    #[test]
    fn a_shading_edge_just_inside_a_border_makes_no_column() {
        // Three columns; the header cell's grey shading box is drawn 4 pt
        // inside the borders (its edges end at the header's bottom).
        let mut rules = vec![
            h(300.0, 0.0, 300.0),
            h(280.0, 0.0, 300.0),
            h(260.0, 0.0, 300.0),
            h(240.0, 0.0, 300.0),
            v(0.0, 240.0, 300.0),
            v(100.0, 240.0, 300.0),
            v(200.0, 240.0, 300.0),
            v(300.0, 240.0, 300.0),
        ];
        rules.extend([v(104.0, 281.0, 299.0), v(196.0, 281.0, 299.0)]);
        let g = &grids(&rules)[0];
        assert_eq!((g.rows(), g.cols()), (3, 3));
        assert_eq!(g.xs, [0.0, 100.0, 200.0, 300.0]);
    }
}
