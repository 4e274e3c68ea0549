//! A page's lines: ruled tables as rows of cells, the rest as layout lines.
//!
//! Text goes to the ruled table cell ([`grid`]) its first glyph's centre
//! lies in, piece by piece (what one operator drew without a wide gap, so
//! a label overflowing its cell stays whole), whatever line it sits on: a
//! vertically centred "STT" or "1." beside a two-line label, or a "Ghi chú"
//! centred over the rows it is merged across, lands in its own cell (a
//! merged cell's text belongs to its first row, as in a DOCX table). A
//! table becomes one tab-separated line per row band, cells aligned to the
//! grid, spanned slots empty — the shape DOCX tables arrive in, so one
//! detector path reads both. Glyphs outside tables are laid out by
//! [`lines::page_lines`], band by band between the tables, so the page
//! keeps its reading order.

use super::grid::{self, Grid};
use super::interp::{Marks, PlacedGlyph};
use super::lines;
use super::stacked;
use crate::ingest::{Line, Run};

/// Lines of one page, turned first when most of its text runs in another
/// direction than left to right.
pub fn page_lines(marks: &Marks, page: u32) -> Vec<Line> {
    let main = lines::frames(&marks.glyphs)
        .first()
        .map(|(frame, _)| *frame);
    match main {
        None | Some((0, false)) => upright_page_lines(marks, page),
        Some(frame) => upright_page_lines(&in_frame(marks, frame), page),
    }
}

/// The page turned so that text running in `frame` runs left to right (a
/// landscape table on a portrait page): its rules and glyphs in that frame.
fn in_frame(marks: &Marks, (rotation, mirrored): (u16, bool)) -> Marks {
    let glyphs = marks
        .glyphs
        .iter()
        .map(|g| {
            let (x, y) = lines::to_frame(rotation, mirrored, g.x, g.y);
            PlacedGlyph {
                x,
                y,
                rotation: (g.rotation + 360 - rotation) % 360,
                mirrored: g.mirrored != mirrored,
                ..g.clone()
            }
        })
        .collect();
    let rules = marks
        .rules
        .iter()
        .map(|r| lines::rule_in_frame(r, rotation, mirrored))
        .collect();
    Marks {
        glyphs,
        rules,
        ..Marks::default()
    }
}

/// Lines of a page whose main text runs left to right.
fn upright_page_lines(marks: &Marks, page: u32) -> Vec<Line> {
    let grids = grid::grids(&marks.rules);
    if grids.is_empty() {
        return lines::page_lines(marks, page, 0);
    }
    // Per table, per cell: its glyphs; per band between tables: the rest.
    let mut in_cells: Vec<Vec<Vec<PlacedGlyph>>> = grids
        .iter()
        .map(|g| vec![Vec::new(); g.cells.len()])
        .collect();
    let mut bands: Vec<Vec<PlacedGlyph>> = vec![Vec::new(); grids.len() + 1];
    let drawn: Vec<&PlacedGlyph> = marks
        .glyphs
        .iter()
        .filter(|g| !g.text.is_empty() && g.size > 0.0)
        .collect();
    for piece in pieces(&drawn) {
        // A piece goes where its first visible glyph is seen; a number
        // where its last one is (right-aligned, a wide number overflows its
        // cell to the left, under the clip of the cell before).
        let visible: Vec<&&PlacedGlyph> =
            piece.iter().filter(|g| !g.text.trim().is_empty()).collect();
        let lead = if is_number(&piece) {
            visible.last()
        } else {
            visible.first()
        };
        let (x, y) = centre(lead.copied().copied().unwrap_or(piece[0]));
        let glyphs = piece.iter().map(|g| (*g).clone());
        match locate(&grids, x, y) {
            Some((t, c)) => in_cells[t][c].extend(glyphs),
            None => bands[grids.iter().filter(|t| t.top() > y).count()].extend(glyphs),
        }
    }
    let free_rules: Vec<_> = marks
        .rules
        .iter()
        .filter(|r| {
            let (x, y) = ((r.x0 + r.x1) / 2.0, (r.y0 + r.y1) / 2.0);
            !grids.iter().any(|g| g.cell_at(x, y).is_some())
        })
        .copied()
        .collect();
    let mut out = Vec::new();
    for (i, glyphs) in bands.into_iter().enumerate() {
        let band = Marks {
            glyphs,
            rules: free_rules.clone(),
            ..Marks::default()
        };
        out.extend(lines::page_lines(&band, page, 0));
        if let (Some(g), Some(cells)) = (grids.get(i), in_cells.get(i)) {
            out.extend(table_lines(g, cells, page));
        }
    }
    out
}

/// A gap wider than this (share of the font size) inside one text-showing
/// operator parts two pieces (cells a producer drew in one `TJ`).
const PIECE_GAP: f32 = 1.0;
/// Letters closer than this (share of the font size) drawn by two
/// operators are one word.
const WORD_TOUCH: f32 = 0.15;

/// The glyphs in drawing order cut into pieces: what one text-showing
/// operator drew on one baseline without a wide gap. A piece is one cell's
/// text even where it overflows the cell's rules (report generators let a
/// long label run on over the next columns).
fn pieces<'g>(drawn: &[&'g PlacedGlyph]) -> Vec<Vec<&'g PlacedGlyph>> {
    let mut out: Vec<Vec<&PlacedGlyph>> = Vec::new();
    for &g in drawn {
        let joins = out.last().and_then(|p| p.last()).is_some_and(|prev| {
            let size = prev.size.max(g.size);
            let gap = g.x - (prev.x + prev.width);
            let in_line = (prev.y - g.y).abs() <= 0.3 * size && g.x >= prev.x - 0.5 * size;
            // A word whose letters came from two operators (a font switch
            // for one accented letter) stays one piece.
            let letters = |t: &str, last: bool| {
                let c = if last {
                    t.chars().last()
                } else {
                    t.chars().next()
                };
                c.is_some_and(char::is_alphabetic)
            };
            let one_word = gap.abs() <= WORD_TOUCH * size
                && letters(&prev.text, true)
                && letters(&g.text, false);
            in_line && ((prev.show == g.show && gap <= PIECE_GAP * size) || one_word)
        });
        match out.last_mut() {
            Some(piece) if joins => piece.push(g),
            _ => out.push(vec![g]),
        }
    }
    out
}

/// True when a piece's text is a number ("38,541,880,520.00", "-1.5",
/// "98%"): digits with separators and signs only.
fn is_number(piece: &[&PlacedGlyph]) -> bool {
    let text: String = piece.iter().map(|g| &*g.text).collect();
    let text = text.trim();
    text.chars().any(|c| c.is_ascii_digit())
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | '+' | '%'))
}

/// Where a glyph is seen: the middle of its advance, a third of its size
/// above the baseline (the body of a lower-case letter).
fn centre(g: &PlacedGlyph) -> (f32, f32) {
    (g.x + g.width / 2.0, g.y + g.size / 3.0)
}

/// The table and cell holding a point.
fn locate(grids: &[Grid], x: f32, y: f32) -> Option<(usize, usize)> {
    grids
        .iter()
        .enumerate()
        .find_map(|(t, g)| g.cell_at(x, y).map(|c| (t, c)))
}

/// One tab-separated line per row band of a table, or per stacked row of
/// a band ([`stacked`]); a line with no text in any cell is left out.
fn table_lines(grid: &Grid, cells: &[Vec<PlacedGlyph>], page: u32) -> Vec<Line> {
    let texts: Vec<(String, Vec<Run>)> = cells.iter().map(|g| cell_text(g, page)).collect();
    // The cell whose top-left slot is (row, col), row-major.
    let mut starts: Vec<Option<usize>> = vec![None; grid.rows() * grid.cols()];
    for (i, c) in grid.cells.iter().enumerate() {
        starts[c.row * grid.cols() + c.col] = Some(i);
    }
    let mut out = Vec::new();
    for row in 0..grid.rows() {
        let at = |col: usize| starts[row * grid.cols() + col];
        match stacked::baselines(grid, cells, row) {
            None => out.extend(row_line(grid.cols(), page, |col| {
                at(col).map(|i| texts[i].clone())
            })),
            Some(baselines) => {
                let parts: Vec<Option<Vec<Vec<PlacedGlyph>>>> = (0..grid.cols())
                    .map(|col| at(col).map(|i| stacked::split(&cells[i], &baselines)))
                    .collect();
                for k in 0..baselines.len() {
                    out.extend(row_line(grid.cols(), page, |col| {
                        parts[col].as_ref().map(|p| cell_text(&p[k], page))
                    }));
                }
            }
        }
    }
    out
}

/// One table line from the text of each column's cell (`None` for a
/// spanned slot), or `None` when no cell has text.
fn row_line(
    cols: usize,
    page: u32,
    text_of: impl Fn(usize) -> Option<(String, Vec<Run>)>,
) -> Option<Line> {
    let mut line = Line {
        no: 0,
        text: String::new(),
        cells: None,
        runs: Vec::new(),
        page: Some(page),
        rule_above: None,
    };
    let mut any = false;
    for col in 0..cols {
        if col > 0 {
            line.text.push('\t');
        }
        if let Some((text, runs)) = text_of(col) {
            let offset = line.text.len();
            line.runs.extend(runs.iter().map(|r| Run {
                start: r.start + offset,
                end: r.end + offset,
                ..r.clone()
            }));
            line.text.push_str(&text);
            any |= !text.is_empty();
        }
    }
    any.then(|| {
        line.cells = Some(line.text.split('\t').map(str::to_string).collect());
        line
    })
}

/// A cell's text: its glyphs laid out as lines, the lines joined by one
/// space, runs of white space squeezed to one; with the font runs.
fn cell_text(glyphs: &[PlacedGlyph], page: u32) -> (String, Vec<Run>) {
    let marks = Marks {
        glyphs: glyphs.to_vec(),
        ..Marks::default()
    };
    let mut text = String::new();
    let mut runs: Vec<Run> = Vec::new();
    for line in lines::page_lines(&marks, page, 0) {
        squeeze_into(&line, &mut text, &mut runs);
    }
    (text, runs)
}

/// Appends a line's text with white space squeezed (tabs included) and its
/// runs moved to match, after one space where [`crate::wrap`] puts one.
fn squeeze_into(line: &Line, text: &mut String, runs: &mut Vec<Run>) {
    let mut map = vec![0usize; line.text.len() + 1];
    // Between lines: a space unless the break cut a token ("40/KH-" "SCT").
    // The line's own leading spaces (its indent in the cell) decide nothing.
    let mut pending_space = crate::wrap::needs_space(text, line.text.trim_start());
    let mut started = false;
    for (i, ch) in line.text.char_indices() {
        map[i] = text.len();
        if ch.is_whitespace() {
            pending_space |= started;
            continue;
        }
        if pending_space {
            text.push(' ');
            pending_space = false;
            map[i] = text.len();
        }
        started = true;
        text.push(ch);
    }
    // Positions inside a character or at the end map to the end of text.
    let end = text.len();
    for i in (0..map.len()).rev() {
        if i == line.text.len() || !line.text.is_char_boundary(i) {
            map[i] = end;
        }
    }
    for r in &line.runs {
        let (start, stop) = (
            map[r.start.min(line.text.len())],
            map[r.end.min(line.text.len())],
        );
        if stop > start {
            runs.push(Run {
                start,
                end: stop,
                column: None,
                ..r.clone()
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::pdf::interp::Rule;
    use std::rc::Rc;

    fn word(x: f32, y: f32, text: &str) -> Vec<PlacedGlyph> {
        let font: Rc<str> = Rc::from("F1");
        text.chars()
            .enumerate()
            .map(|(i, c)| PlacedGlyph {
                x: x + i as f32 * 5.0,
                y,
                width: 5.0,
                size: 10.0,
                text: Rc::from(c.to_string().as_str()),
                font: font.clone(),
                rotation: 0,
                mirrored: false,
                space_width: 2.5,
                char_spacing: 0.0,
                show: 1,
                confidence: None,
            })
            .collect()
    }

    fn frame(xs: &[f32], ys: &[f32]) -> Vec<Rule> {
        let (x0, x1) = (xs[0], xs[xs.len() - 1]);
        let (y0, y1) = (ys[ys.len() - 1], ys[0]);
        let mut rules: Vec<Rule> = ys
            .iter()
            .map(|&y| Rule {
                x0,
                y0: y,
                x1,
                y1: y + 0.5,
            })
            .collect();
        rules.extend(xs.iter().map(|&x| Rule {
            x0: x,
            y0,
            x1: x + 0.5,
            y1,
        }));
        rules
    }

    #[test]
    fn a_token_cut_at_a_cells_line_end_joins_its_indented_rest() {
        // A centred cell: the second line starts further right.
        let mut glyphs = word(0.0, 400.0, "Số 40/KH-");
        glyphs.extend(word(20.0, 388.0, "SCT ngày"));
        assert_eq!(cell_text(&glyphs, 1).0, "Số 40/KH-SCT ngày");
    }

    #[test]
    fn a_centred_stt_joins_its_two_line_label() {
        // Columns: STT | label | unit | value; one row 40 pt tall.
        let rules = frame(&[0.0, 30.0, 230.0, 290.0, 350.0], &[400.0, 380.0, 340.0]);
        let mut glyphs = word(100.0, 500.0, "Caption");
        glyphs.extend(word(5.0, 385.0, "STT"));
        glyphs.extend(word(35.0, 385.0, "Label"));
        glyphs.extend(word(235.0, 385.0, "Unit"));
        glyphs.extend(word(295.0, 385.0, "Value"));
        glyphs.extend(word(5.0, 355.0, "1."));
        glyphs.extend(word(35.0, 365.0, "first"));
        glyphs.extend(word(35.0, 345.0, "second"));
        glyphs.extend(word(235.0, 355.0, "%"));
        glyphs.extend(word(295.0, 355.0, "98"));
        glyphs.extend(word(100.0, 300.0, "After"));
        let lines = page_lines(
            &Marks {
                glyphs,
                rules,
                ..Marks::default()
            },
            1,
        );
        let texts: Vec<&str> = lines.iter().map(|l| l.text.trim()).collect();
        assert_eq!(
            texts,
            vec![
                "Caption",
                "STT\tLabel\tUnit\tValue",
                "1.\tfirst second\t%\t98",
                "After"
            ]
        );
        let row = &lines[2];
        assert_eq!(row.cells.as_ref().map(Vec::len), Some(4));
        let run = &row.runs[2];
        assert_eq!(&row.text[run.start..run.end], "second");
        assert_eq!(row.page, Some(1));
    }

    #[test]
    fn a_wide_right_aligned_number_goes_to_the_cell_it_ends_in() {
        // Columns: label | plan | data | input | total; a number wider than
        // its cell starts in the cell on its left (the report tool clips
        // it), and the total's number starts under the input's "0.00".
        let rules = frame(
            &[0.0, 100.0, 160.0, 240.0, 300.0, 380.0],
            &[400.0, 380.0, 360.0],
        );
        let mut glyphs = Vec::new();
        for (x, t) in [
            (5.0, "Label"),
            (105.0, "Plan"),
            (165.0, "Data"),
            (245.0, "Input"),
            (305.0, "Total"),
        ] {
            glyphs.extend(word(x, 385.0, t));
        }
        glyphs.extend(word(5.0, 365.0, "Row"));
        for (show, x, t) in [
            (2, 140.0, "38,541.00"),
            (3, 275.0, "0.00"),
            (4, 292.0, "38,541.00"),
        ] {
            let mut number = word(x, 365.0, t);
            number.iter_mut().for_each(|g| g.show = show);
            glyphs.extend(number);
        }
        let lines = page_lines(
            &Marks {
                glyphs,
                rules,
                ..Marks::default()
            },
            1,
        );
        let row: Vec<&str> = lines[1].text.split('\t').collect();
        assert_eq!(row, ["Row", "", "38,541.00", "0.00", "38,541.00"]);
    }
}
