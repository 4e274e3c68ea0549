//! Rows a ruled table draws without rules between them: one row band of
//! the grid whose first cell holds a number on each of several lines
//! ("1 2 3 4 5" stacked over "2007 … 2011" and their values) is several
//! rows, one per baseline of the band.

use super::grid::Grid;
use super::interp::PlacedGlyph;

/// Fewest stacked numbers in a band's first cell for it to be several rows.
const MIN_STACKED: usize = 2;
/// Glyphs whose baselines differ by less than this (share of the font
/// size) are on one line.
const SAME_LINE: f32 = 0.4;

/// The baselines (top to bottom) of the rows stacked in row band `row`,
/// when its first cell (one band tall) holds a row number on each of at
/// least [`MIN_STACKED`] lines; the baselines of every cell of the band,
/// so that a row without number under them ("Tổng cộng") is one too.
pub fn baselines(grid: &Grid, cells: &[Vec<PlacedGlyph>], row: usize) -> Option<Vec<f32>> {
    let in_band = |c: &super::grid::Cell| c.row == row && c.rows == 1;
    let first = grid.cells.iter().position(|c| in_band(c) && c.col == 0)?;
    let numbers = lines_of(cells[first].iter());
    let stacked =
        numbers.len() >= MIN_STACKED && numbers.windows(2).all(|w| follows(&w[1].1, &w[0].1));
    if !stacked {
        return None;
    }
    let band = grid
        .cells
        .iter()
        .enumerate()
        .filter(|(_, c)| in_band(c))
        .flat_map(|(i, _)| cells[i].iter());
    Some(lines_of(band).into_iter().map(|(y, _)| y).collect())
}

/// The glyphs of one cell on each baseline of `baselines` (each glyph
/// goes to the nearest).
pub fn split(glyphs: &[PlacedGlyph], baselines: &[f32]) -> Vec<Vec<PlacedGlyph>> {
    let mut out = vec![Vec::new(); baselines.len()];
    for g in glyphs {
        let nearest = baselines
            .iter()
            .enumerate()
            .min_by(|a, b| (a.1 - g.y).abs().total_cmp(&(b.1 - g.y).abs()))
            .map(|(i, _)| i);
        if let Some(i) = nearest {
            out[i].push(g.clone());
        }
    }
    out
}

/// The lines of some glyphs, top to bottom: each line's first baseline
/// and its visible text (glyphs in drawing order).
fn lines_of<'g>(glyphs: impl Iterator<Item = &'g PlacedGlyph>) -> Vec<(f32, String)> {
    let mut visible: Vec<&PlacedGlyph> = glyphs.filter(|g| !g.text.trim().is_empty()).collect();
    visible.sort_by(|a, b| b.y.total_cmp(&a.y));
    let mut out: Vec<(f32, f32, String)> = Vec::new();
    for g in visible {
        match out.last_mut() {
            Some((y, size, text)) if *y - g.y <= SAME_LINE * size.max(g.size) => {
                text.push_str(&g.text)
            }
            _ => out.push((g.y, g.size, g.text.to_string())),
        }
    }
    out.into_iter().map(|(y, _, t)| (y, t)).collect()
}

/// True when `next` is the row number after `prev` ("2" after "1", "2.3"
/// after "2.2"): not the rest of one number wrapped in its cell ("3.3."
/// over "1").
fn follows(next: &str, prev: &str) -> bool {
    match (parts(next), parts(prev)) {
        (Some(n), Some(p)) => {
            n.len() == p.len()
                && n[..n.len() - 1] == p[..p.len() - 1]
                && n.last().zip(p.last()).is_some_and(|(a, b)| *a == b + 1)
        }
        _ => false,
    }
}

/// The parts of a row number ("1", "12.", "2.1" → [2, 1]), if it is one.
fn parts(text: &str) -> Option<Vec<u32>> {
    let t = text.trim().trim_end_matches('.');
    if t.is_empty() {
        return None;
    }
    t.split('.')
        .map(|p| {
            let ok = !p.is_empty() && p.len() <= 3 && p.chars().all(|c| c.is_ascii_digit());
            ok.then(|| p.parse().ok()).flatten()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn successive_row_numbers() {
        assert!(follows("2", "1") && follows("13.", "12.") && follows("2.3", "2.2"));
        assert!(!follows("1", "3.3."), "a wrapped \"3.3.1\"");
        assert!(!follows("3", "1") && !follows("2007", "1") && !follows("", "1"));
    }
}
