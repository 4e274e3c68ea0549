//! Spreadsheets (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`) read with `calamine`:
//! every sheet is a page, its used cells a [`grid::Grid`] (numbers written
//! as Excel shows them under their format, dates as ISO, merged ranges as
//! spans) turned into the blocks DOCX tables give, so `detect` reads them
//! on its one tab-separated path. OpenDocument spreadsheets are read by
//! `crate::ingest::odf`, into the same grids.

pub(crate) mod grid;
pub(crate) mod numfmt;

use super::blocks::{self, Block, Para, Segment};
use super::office_patterns::OFFICE;
use super::package::Package;
use super::sniff::{self, Kind};
use super::{IngestError, SourceDoc};
use calamine::{Data, DataRef, Reader, SheetVisible, Sheets, Style};
use grid::{Cell, Grid};
use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// One sheet as read: its name, and its grid (`None`: hidden or empty).
pub(crate) struct Sheet {
    /// The sheet's tab name.
    pub name: String,
    /// The used cells.
    pub grid: Option<Grid>,
}

/// Reads a workbook (zip-based or BIFF) into one page per sheet.
pub fn read(bytes: &[u8], format: &str) -> Result<SourceDoc, IngestError> {
    if sniff::kind(bytes) == Kind::Zip {
        Package::open(bytes)?.check_all()?;
    }
    let sheets = catch_unwind(AssertUnwindSafe(|| read_sheets(bytes))).unwrap_or_else(|_| {
        Err(malformed(
            "the spreadsheet reader failed on this file".into(),
        ))
    })?;
    Ok(to_source(format, &sheets))
}

fn malformed(message: String) -> IngestError {
    IngestError {
        code: "malformed_workbook",
        message,
    }
}

fn read_sheets(bytes: &[u8]) -> Result<Vec<Sheet>, IngestError> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        let text = e.to_string();
        if text.to_lowercase().contains("password") {
            IngestError {
                code: "encrypted",
                message: "the workbook is password-protected".into(),
            }
        } else {
            malformed(format!("the workbook cannot be read: {text}"))
        }
    })?;
    let listed: Vec<(String, bool)> = book
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible == SheetVisible::Visible))
        .collect();
    let mut out = Vec::new();
    for (name, visible) in listed {
        let grid = if visible {
            Some(sheet_grid(&mut book, &name)?)
        } else {
            None
        };
        out.push(Sheet { name, grid });
    }
    Ok(out)
}

type Sparse = Vec<(u32, u32, Cell)>;

fn sheet_grid(book: &mut Sheets<Cursor<&[u8]>>, name: &str) -> Result<Grid, IngestError> {
    let bad =
        |e: &dyn std::fmt::Display| malformed(format!("sheet \"{name}\" cannot be read: {e}"));
    let (cells, merges): (Sparse, Vec<Dim>) = match book {
        Sheets::Xlsx(x) => {
            let date1904 = x.has_1904_epoch();
            let merges = x.merge_cells_by_sheet_name(name).map_err(|e| bad(&e))?;
            let mut reader = x.worksheet_cells_reader(name).map_err(|e| bad(&e))?;
            let mut cells = Vec::new();
            while let Some((cell, style)) = reader.next_cell_with_style_id().map_err(|e| bad(&e))? {
                let (r, c) = cell.get_position();
                let style = reader.styles().get(style);
                cells.push((r, c, styled(cell.get_value(), style, date1904)));
            }
            (cells, merges.iter().map(dim).collect())
        }
        Sheets::Xlsb(x) => {
            let mut reader = x.worksheet_cells_reader(name).map_err(|e| bad(&e))?;
            let mut cells = Vec::new();
            while let Some(cell) = reader.next_cell().map_err(|e| bad(&e))? {
                let (r, c) = cell.get_position();
                cells.push((r, c, styled(cell.get_value(), None, false)));
            }
            (cells, Vec::new())
        }
        Sheets::Xls(x) => {
            let date1904 = x.has_1904_epoch();
            let merges = x.merge_cells_by_sheet_name(name).unwrap_or_default();
            let range = x.worksheet_range(name).map_err(|e| bad(&e))?;
            let cells = range
                .used_cells()
                .map(|(r, c, v)| {
                    let (r0, c0) = range.start().unwrap_or((0, 0));
                    (r0 + r as u32, c0 + c as u32, plain(v, date1904))
                })
                .collect();
            (cells, merges.iter().map(dim).collect())
        }
        Sheets::Ods(x) => {
            let range = x.worksheet_range(name).map_err(|e| bad(&e))?;
            let (r0, c0) = range.start().unwrap_or((0, 0));
            let cells = range
                .used_cells()
                .map(|(r, c, v)| (r0 + r as u32, c0 + c as u32, plain(v, false)))
                .collect();
            (cells, Vec::new())
        }
    };
    Grid::from_sparse(cells, &merges).map_err(|t| IngestError {
        code: "sheet_too_large",
        message: format!(
            "sheet \"{name}\" spreads its cells over {} rows and {} columns (limit {} cells)",
            t.rows,
            t.columns,
            grid::MAX_SLOTS
        ),
    })
}

type Dim = (u32, u32, u32, u32);

fn dim(d: &calamine::Dimensions) -> Dim {
    (d.start.0, d.start.1, d.end.0, d.end.1)
}

/// A cell value written under its style's number format, with its font.
fn styled(value: &DataRef, style: Option<&Style>, date1904: bool) -> Cell {
    let code = style
        .and_then(|s| s.number_format.as_ref())
        .map_or("General", |f| f.format_code.as_str());
    let text = match value {
        DataRef::Int(i) => numfmt::render(*i as f64, code, date1904),
        DataRef::Float(f) => numfmt::render(*f, code, date1904),
        DataRef::DateTime(d) => numfmt::render(d.as_f64(), date_code(code), date1904),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => s.to_string(),
        DataRef::Bool(b) => bool_text(*b),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => e.to_string(),
        DataRef::Empty => String::new(),
    };
    let font = style.and_then(|s| s.font.as_ref());
    Cell {
        text,
        font: font.and_then(|f| f.name.clone()),
        bold: font.is_some_and(|f| f.is_bold()),
        italic: font.is_some_and(|f| f.is_italic()),
    }
}

/// A date cell whose format calamine judged a date but this module may
/// not (a built-in date id): written as an ISO date.
fn date_code(code: &str) -> &str {
    if code.eq_ignore_ascii_case("general") {
        "yyyy-mm-dd"
    } else {
        code
    }
}

/// A cell of a reader without styles: numbers in their shortest form.
fn plain(value: &Data, date1904: bool) -> Cell {
    let text = match value {
        Data::Int(i) => numfmt::shortest(*i as f64),
        Data::Float(f) => numfmt::shortest(*f),
        Data::DateTime(d) => numfmt::render(d.as_f64(), "yyyy-mm-dd", date1904),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Bool(b) => bool_text(*b),
        Data::Error(e) => e.to_string(),
        Data::Empty => String::new(),
    };
    Cell {
        text,
        ..Cell::default()
    }
}

fn bool_text(b: bool) -> String {
    if b { "TRUE" } else { "FALSE" }.into()
}

/// Sheets as pages: each sheet's lines carry its 1-based index; a sheet
/// with a meaningful name (not "Sheet2") other than the first starts with
/// it as a line, a caption candidate for its table.
pub(crate) fn to_source(format: &str, sheets: &[Sheet]) -> SourceDoc {
    let mut lines = Vec::new();
    for (index, sheet) in sheets.iter().enumerate() {
        let Some(grid) = &sheet.grid else { continue };
        let mut body: Vec<Block> = Vec::new();
        if index > 0 && !OFFICE.sheets.is_default(&sheet.name) {
            body.push(Block::Para(Para {
                segments: vec![Segment {
                    text: sheet.name.trim().to_string(),
                    ..Segment::default()
                }],
            }));
        }
        body.extend(grid.to_blocks());
        for mut line in blocks::lines::to_lines(&body) {
            line.page = Some(index as u32 + 1);
            line.no = lines.len() + 1;
            lines.push(line);
        }
    }
    SourceDoc {
        format: format.into(),
        lines,
        pages: Some(sheets.len() as u32),
        repairs: Vec::new(),
        warnings: Vec::new(),
    }
}
