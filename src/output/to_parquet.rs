//! Parquet output: the [`TidyRow`](super::table::TidyRow) columns with their
//! types ([`COLUMNS`]: text as `BYTE_ARRAY (STRING)`, `INT32`, `INT64`,
//! `DOUBLE`; nullable columns `optional`, the others `required`), Snappy
//! compressed, written with the `parquet` crate's column writers.
//!
//! Rows are buffered and written as a row group every
//! [`ROW_GROUP_ROWS`] rows, so memory stays bounded however many records
//! stream in. The file is atomic ([`AtomicFile`]): it appears at its path
//! only once the footer is written.

use super::atomic::AtomicFile;
use super::table::{tidy_rows, Cell, ColumnType, COLUMNS};
use crate::model::Record;
use parquet::basic::Compression;
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type};
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::{SerializedColumnWriter, SerializedFileWriter};
use parquet::schema::parser::parse_message_type;
use std::io::{self, Write};
use std::sync::Arc;

/// Rows buffered before they are written out as one row group.
pub const ROW_GROUP_ROWS: usize = 65_536;

/// The Parquet schema of the tabular output, in the text form the `parquet`
/// crate parses (`message baocao_row { required binary source_path (STRING); … }`).
pub fn schema_text() -> String {
    let mut text = String::from("message baocao_row {\n");
    for column in &COLUMNS {
        let repetition = if column.nullable {
            "optional"
        } else {
            "required"
        };
        let kind = match column.kind {
            ColumnType::Text => "binary",
            ColumnType::Int32 => "int32",
            ColumnType::Int64 => "int64",
            ColumnType::Double => "double",
        };
        let annotation = if column.kind == ColumnType::Text {
            " (STRING)"
        } else {
            ""
        };
        text.push_str(&format!(
            "  {repetition} {kind} {}{annotation};\n",
            column.name
        ));
    }
    text.push('}');
    text
}

fn io_error(e: ParquetError) -> io::Error {
    io::Error::other(e)
}

/// The buffered values of one column: present values, and one definition
/// level per row (1 present, 0 null) for nullable columns.
struct ColumnBuffer {
    values: Values,
    defs: Vec<i16>,
    nullable: bool,
}

enum Values {
    Text(Vec<ByteArray>),
    Int32(Vec<i32>),
    Int64(Vec<i64>),
    Double(Vec<f64>),
}

impl ColumnBuffer {
    fn new(kind: ColumnType, nullable: bool) -> Self {
        let values = match kind {
            ColumnType::Text => Values::Text(Vec::new()),
            ColumnType::Int32 => Values::Int32(Vec::new()),
            ColumnType::Int64 => Values::Int64(Vec::new()),
            ColumnType::Double => Values::Double(Vec::new()),
        };
        ColumnBuffer {
            values,
            defs: Vec::new(),
            nullable,
        }
    }

    fn push(&mut self, cell: &Cell) {
        let present = match (&mut self.values, *cell) {
            (Values::Text(v), Cell::Text(Some(x))) => {
                v.push(ByteArray::from(x));
                true
            }
            (Values::Int32(v), Cell::Int32(Some(x))) => {
                v.push(x);
                true
            }
            (Values::Int64(v), Cell::Int64(Some(x))) => {
                v.push(x);
                true
            }
            (Values::Double(v), Cell::Double(Some(x))) => {
                v.push(x);
                true
            }
            _ => false,
        };
        self.defs.push(i16::from(present));
    }

    fn write(&mut self, column: &mut SerializedColumnWriter<'_>) -> Result<(), ParquetError> {
        let defs = self.nullable.then_some(self.defs.as_slice());
        match &self.values {
            Values::Text(v) => column.typed::<ByteArrayType>().write_batch(v, defs, None),
            Values::Int32(v) => column.typed::<Int32Type>().write_batch(v, defs, None),
            Values::Int64(v) => column.typed::<Int64Type>().write_batch(v, defs, None),
            Values::Double(v) => column.typed::<DoubleType>().write_batch(v, defs, None),
        }?;
        self.clear();
        Ok(())
    }

    fn clear(&mut self) {
        self.defs.clear();
        match &mut self.values {
            Values::Text(v) => v.clear(),
            Values::Int32(v) => v.clear(),
            Values::Int64(v) => v.clear(),
            Values::Double(v) => v.clear(),
        }
    }
}

/// Writes records as Parquet rows to `W` (an [`AtomicFile`] by default).
pub struct ParquetWriter<W: Write + Send = AtomicFile> {
    file: SerializedFileWriter<W>,
    columns: Vec<ColumnBuffer>,
    buffered: usize,
    group_rows: usize,
}

impl<W: Write + Send> ParquetWriter<W> {
    /// Starts a Parquet file on `out`, flushing a row group every
    /// `group_rows` rows (at least 1; [`ROW_GROUP_ROWS`] is the usual choice).
    pub fn new(out: W, group_rows: usize) -> io::Result<Self> {
        let schema = parse_message_type(&schema_text()).map_err(io_error)?;
        let properties = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .build();
        let file = SerializedFileWriter::new(out, Arc::new(schema), Arc::new(properties))
            .map_err(io_error)?;
        let columns = COLUMNS
            .iter()
            .map(|c| ColumnBuffer::new(c.kind, c.nullable))
            .collect();
        Ok(ParquetWriter {
            file,
            columns,
            buffered: 0,
            group_rows: group_rows.max(1),
        })
    }

    /// Buffers the rows of `record` (none for an error record), writing a
    /// row group whenever the buffer is full; returns the row count added.
    pub fn write(&mut self, record: &Record) -> io::Result<usize> {
        let mut count = 0;
        for row in tidy_rows(record) {
            for (buffer, cell) in self.columns.iter_mut().zip(row.cells().iter()) {
                buffer.push(cell);
            }
            count += 1;
            self.buffered += 1;
            if self.buffered >= self.group_rows {
                self.flush_group()?;
            }
        }
        Ok(count)
    }

    fn flush_group(&mut self) -> io::Result<()> {
        if self.buffered == 0 {
            return Ok(());
        }
        let mut group = self.file.next_row_group().map_err(io_error)?;
        for buffer in &mut self.columns {
            let mut column = group
                .next_column()
                .map_err(io_error)?
                .ok_or_else(|| io::Error::other("parquet schema has fewer columns than rows"))?;
            buffer.write(&mut column).map_err(io_error)?;
            column.close().map_err(io_error)?;
        }
        group.close().map_err(io_error)?;
        self.buffered = 0;
        Ok(())
    }

    /// Writes the buffered rows and the footer; returns the underlying writer.
    pub fn into_inner(mut self) -> io::Result<W> {
        self.flush_group()?;
        self.file.into_inner().map_err(io_error)
    }
}

impl ParquetWriter<AtomicFile> {
    /// Writes the buffered rows and the footer, then moves the file into place.
    pub fn commit(self) -> io::Result<()> {
        self.into_inner()?.commit()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::table::tests::sample;
    use parquet::file::reader::{FileReader, SerializedFileReader};

    #[test]
    fn the_schema_parses_with_one_leaf_per_column() {
        let schema = parse_message_type(&schema_text()).expect("schema");
        assert_eq!(schema.get_fields().len(), COLUMNS.len());
    }

    #[test]
    fn rows_are_written_in_row_groups_of_the_given_size() {
        let mut writer = ParquetWriter::new(Vec::new(), 2).expect("start");
        assert_eq!(writer.write(&sample()).expect("write"), 3);
        assert_eq!(writer.write(&sample()).expect("write"), 3);
        let bytes = writer.into_inner().expect("finish");
        let reader = SerializedFileReader::new(bytes::Bytes::from(bytes)).expect("read back");
        let meta = reader.metadata();
        assert_eq!(meta.num_row_groups(), 3);
        assert_eq!(meta.file_metadata().num_rows(), 6);
        let schema = meta.file_metadata().schema_descr();
        assert_eq!(schema.column(0).name(), "source_path");
        assert_eq!(schema.column(22).name(), "page");
    }

    #[test]
    fn no_rows_still_make_a_readable_file() {
        let writer = ParquetWriter::new(Vec::new(), 4).expect("start");
        let bytes = writer.into_inner().expect("finish");
        let reader = SerializedFileReader::new(bytes::Bytes::from(bytes)).expect("read back");
        assert_eq!(reader.metadata().file_metadata().num_rows(), 0);
    }
}
