//! Spreadsheets (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`) read with `calamine`:
//! every sheet is a page, its used cells a [`grid::Grid`] (numbers written
//! as Excel shows them under their format, dates as ISO, merged ranges as
//! spans) turned into the blocks DOCX tables give, so `detect` reads them
//! on its one tab-separated path. OpenDocument spreadsheets are read by
//! `crate::ingest::odf`, into the same grids.

pub(crate) mod grid;
mod merges;
pub(crate) mod numfmt;

use super::blocks::{self, Block, Para, Segment};
use super::office_patterns::OFFICE;
use super::package::Package;
use super::sniff::{self, Kind};
use super::{IngestError, SourceDoc};
use crate::diagnostics;
use calamine::{Data, DataRef, Reader, SheetVisible, Sheets, Style};
use grid::{Cell, Grid};
use std::collections::HashMap;
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
    let mut merges = merges::Merges::default();
    if sniff::kind(bytes) == Kind::Zip {
        Package::open(bytes)?.check_all(&mut |name, chunk| merges.visit(name, chunk))?;
    }
    let merges = merges.by_sheet();
    let sheets =
        catch_unwind(AssertUnwindSafe(|| read_sheets(bytes, &merges))).unwrap_or_else(|_| {
            Err(malformed(
                "the spreadsheet reader failed on this file".into(),
            ))
        })?;
    Ok(to_source(format, &sheets))
}

fn malformed(message: String) -> IngestError {
    IngestError {
        code: diagnostics::MALFORMED_WORKBOOK,
        message,
    }
}

fn read_sheets(
    bytes: &[u8],
    merges: &HashMap<String, Vec<merges::Range>>,
) -> Result<Vec<Sheet>, IngestError> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        let text = e.to_string();
        if text.to_lowercase().contains("password") {
            IngestError {
                code: diagnostics::ENCRYPTED,
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
            Some(sheet_grid(&mut book, &name, merges.get(&name))?)
        } else {
            None
        };
        out.push(Sheet { name, grid });
    }
    Ok(out)
}

type Sparse = Vec<(u32, u32, Cell)>;

/// One sheet's grid; `xlsx_merges`: its merged ranges, gathered from the
/// package beforehand.
fn sheet_grid(
    book: &mut Sheets<Cursor<&[u8]>>,
    name: &str,
    xlsx_merges: Option<&Vec<merges::Range>>,
) -> Result<Grid, IngestError> {
    let bad =
        |e: &dyn std::fmt::Display| malformed(format!("sheet \"{name}\" cannot be read: {e}"));
    let (cells, merges): (Sparse, Vec<Dim>) = match book {
        Sheets::Xlsx(x) => {
            let date1904 = x.has_1904_epoch();
            let mut reader = x.worksheet_cells_reader(name).map_err(|e| bad(&e))?;
            let mut cells = Vec::new();
            let mut formats: Vec<Option<CellFormat>> = vec![None; reader.styles().len() + 1];
            while let Some((cell, id)) = reader.next_cell_with_style_id().map_err(|e| bad(&e))? {
                let (r, c) = cell.get_position();
                let slot = formats.len().saturating_sub(1).min(id);
                let format =
                    formats[slot].get_or_insert_with(|| CellFormat::of(reader.styles().get(id)));
                cells.push((r, c, format.cell(cell.get_value(), date1904)));
            }
            (cells, xlsx_merges.cloned().unwrap_or_default())
        }
        Sheets::Xlsb(x) => {
            let mut reader = x.worksheet_cells_reader(name).map_err(|e| bad(&e))?;
            let mut cells = Vec::new();
            while let Some(cell) = reader.next_cell().map_err(|e| bad(&e))? {
                let (r, c) = cell.get_position();
                cells.push((r, c, plain_ref(cell.get_value())));
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
        code: diagnostics::SHEET_TOO_LARGE,
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

/// A style's number format (parsed once) and font.
#[derive(Clone)]
struct CellFormat {
    number: numfmt::Format,
    date: numfmt::Format,
    font: Option<String>,
    bold: bool,
    italic: bool,
}

impl CellFormat {
    fn of(style: Option<&Style>) -> CellFormat {
        let code = style
            .and_then(|s| s.number_format.as_ref())
            .map_or("General", |f| f.format_code.as_str());
        let font = style.and_then(|s| s.font.as_ref());
        CellFormat {
            number: numfmt::Format::parse(code),
            // A cell calamine judged a date under a format this module does
            // not (a built-in date id) is written as an ISO date.
            date: numfmt::Format::parse(if code.eq_ignore_ascii_case("general") {
                "yyyy-mm-dd"
            } else {
                code
            }),
            font: font.and_then(|f| f.name.clone()),
            bold: font.is_some_and(|f| f.is_bold()),
            italic: font.is_some_and(|f| f.is_italic()),
        }
    }

    /// A cell value written under this format, with its font.
    fn cell(&self, value: &DataRef, date1904: bool) -> Cell {
        let text = match value {
            DataRef::Int(i) => self.number.render(*i as f64, date1904),
            DataRef::Float(f) => self.number.render(*f, date1904),
            DataRef::DateTime(d) => self.date.render(d.as_f64(), date1904),
            DataRef::String(s) => s.clone(),
            DataRef::SharedString(s) => s.to_string(),
            DataRef::Bool(b) => bool_text(*b),
            DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
            DataRef::Error(e) => e.to_string(),
            DataRef::Empty => String::new(),
        };
        Cell {
            text,
            font: self.font.clone(),
            bold: self.bold,
            italic: self.italic,
        }
    }
}

/// A cell of the XLSB reader (no styles): numbers in their shortest form.
fn plain_ref(value: &DataRef) -> Cell {
    CellFormat::of(None).cell(value, false)
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
        ocr: None,
        warnings: Vec::new(),
    }
}
