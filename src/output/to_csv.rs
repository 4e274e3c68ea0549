//! CSV output: a header, then one line per [`TidyRow`](super::table::TidyRow)
//! (RFC 4180 quoting by the `csv` crate, `\n` line ends, UTF-8 without BOM).
//!
//! Nulls are empty fields. Numbers are written deterministically: integers
//! in decimal, doubles as the shortest decimal that reads back as the same
//! double (Rust's `Display`: `97.57`, `1453`, no exponent, `.` as the
//! decimal separator), so the same records always give the same bytes.

use super::table::{tidy_rows, Cell, COLUMNS};
use crate::model::Record;
use std::borrow::Cow;
use std::io::{self, Write};

/// Writes records as CSV rows to `W`, header first.
pub struct CsvWriter<W: Write> {
    out: csv::Writer<W>,
}

impl<W: Write> CsvWriter<W> {
    /// Starts the CSV on `out` by writing the header line.
    pub fn new(out: W) -> io::Result<Self> {
        let mut out = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(out);
        out.write_record(COLUMNS.iter().map(|c| c.name))
            .map_err(io_error)?;
        Ok(CsvWriter { out })
    }

    /// Writes the rows of `record` (none for an error record); returns how
    /// many were written.
    pub fn write(&mut self, record: &Record) -> io::Result<usize> {
        let mut count = 0;
        for row in tidy_rows(record) {
            self.out
                .write_record(row.cells().iter().map(field))
                .map_err(io_error)?;
            count += 1;
        }
        Ok(count)
    }

    /// Flushes buffered lines to `W`.
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    /// Flushes and returns the underlying writer.
    pub fn into_inner(self) -> io::Result<W> {
        self.out.into_inner().map_err(|e| e.into_error())
    }
}

/// The I/O error inside a CSV error, kind kept (a closed pipe must stay
/// `BrokenPipe`, so that `baocao … | head` ends quietly).
fn io_error(err: csv::Error) -> io::Error {
    match err.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("CSV: {other:?}")),
    }
}

/// A cell as CSV text (UTF-8 bytes): empty for null.
fn field<'a>(cell: &Cell<'a>) -> Cow<'a, [u8]> {
    let owned = |text: String| Cow::Owned(text.into_bytes());
    match *cell {
        Cell::Text(v) => Cow::Borrowed(v.unwrap_or("").as_bytes()),
        Cell::Int32(v) => v.map_or(Cow::Borrowed(&[][..]), |n| owned(n.to_string())),
        Cell::Int64(v) => v.map_or(Cow::Borrowed(&[][..]), |n| owned(n.to_string())),
        Cell::Double(v) => v.map_or(Cow::Borrowed(&[][..]), |n| owned(n.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::table::tests::sample;

    #[test]
    fn header_then_quoted_rows() {
        let mut csv = CsvWriter::new(Vec::new()).expect("header");
        assert_eq!(csv.write(&sample()).expect("write"), 3);
        let bytes = csv.into_inner().expect("bytes");
        let text = String::from_utf8(bytes).expect("utf-8");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4);
        assert!(lines[0].starts_with("source_path,source_sha256,unit_name,"));
        assert!(lines[0].ends_with(
            ",note,line,page,column,column_header,column_role,column_unit,column_period"
        ));
        assert_eq!(
            lines[1],
            "a.txt,ab,UBND huyện Kbang,,,quarter,2023,1,Biểu 1,2,1,1,,,,\
             \"Tỷ lệ, \"\"đúng\"\" hạn\",%,\"97,5%\",percent,97.5,,7,,,,,,"
        );
        // NaN and None are both empty.
        assert!(lines[2].contains(",percent,,,7,"));
    }
}
