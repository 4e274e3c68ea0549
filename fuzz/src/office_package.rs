//! The packages the `xlsx_sheet` and `odf_content` fuzz targets build around
//! their input, shared with `tests/fuzz_regressions.rs` (included there by
//! path) so a kept find is replayed exactly as it was fuzzed.

use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

fn package(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    for (name, data) in entries {
        zip.start_file(*name, opts).expect("in-memory zip");
        zip.write_all(data).expect("in-memory zip");
    }
    zip.finish().expect("in-memory zip").into_inner()
}

const WORKBOOK: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
const RELS: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

/// A valid one-sheet workbook whose worksheet holds `data` inside
/// `<worksheet>` (sheet data, merged cells …).
pub fn xlsx(data: &[u8]) -> Vec<u8> {
    let mut sheet = br#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#.to_vec();
    sheet.extend_from_slice(data);
    sheet.extend_from_slice(b"</worksheet>");
    package(&[
        ("_rels/.rels", RELS),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        ("xl/worksheets/sheet1.xml", &sheet),
    ])
}

/// An OpenDocument package whose `content.xml` holds `data` inside
/// `office:body`: a spreadsheet when the first byte is odd, else text.
pub fn odf(data: &[u8]) -> Vec<u8> {
    let sheet = data.first().is_some_and(|b| b & 1 == 1);
    let mime: &[u8] = if sheet {
        b"application/vnd.oasis.opendocument.spreadsheet"
    } else {
        b"application/vnd.oasis.opendocument.text"
    };
    let mut content = br#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body>"#.to_vec();
    content.extend_from_slice(data.get(1..).unwrap_or_default());
    content.extend_from_slice(b"</office:body></office:document-content>");
    package(&[("mimetype", mime), ("content.xml", &content)])
}
