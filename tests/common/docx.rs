//! Builds small DOCX packages in memory for tests.

use std::io::Write;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

/// A zip holding the given entries, deflated.
pub fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, data) in entries {
        w.start_file(*name, opts).expect("zip entry");
        w.write_all(data).expect("zip write");
    }
    w.finish().expect("zip finish").into_inner()
}

/// `word/document.xml` wrapping body XML in the WordprocessingML namespace.
pub fn document_xml(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><w:body>{body}</w:body></w:document>"#
    )
}

/// A DOCX whose body is the given XML.
pub fn docx(body: &str) -> Vec<u8> {
    let xml = document_xml(body);
    zip(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("word/document.xml", xml.as_bytes()),
    ])
}

/// A paragraph of plain runs.
pub fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

/// A table cell with one paragraph; `props` goes into `w:tcPr`.
pub fn tc(props: &str, text: &str) -> String {
    format!("<w:tc><w:tcPr>{props}</w:tcPr>{}</w:tc>", p(text))
}

/// A row of plain cells.
pub fn tr(cells: &[&str]) -> String {
    let inner: String = cells.iter().map(|c| tc("", c)).collect();
    format!("<w:tr>{inner}</w:tr>")
}

/// A table with `columns` grid columns and the given rows.
pub fn tbl(columns: usize, rows: &[String]) -> String {
    let grid: String = (0..columns).map(|_| "<w:gridCol w:w=\"1000\"/>").collect();
    format!(
        "<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{}</w:tbl>",
        rows.concat()
    )
}

/// The two-row header of report tables: "STT | Chỉ tiêu | Kết quả (Đơn vị
/// tính | Số liệu) | Ghi chú", with merged cells.
pub fn report_header() -> Vec<String> {
    let restart = "<w:vMerge w:val=\"restart\"/>";
    let cont = "<w:vMerge/>";
    vec![
        format!(
            "<w:tr><w:trPr><w:tblHeader/></w:trPr>{}{}{}{}</w:tr>",
            tc(restart, "STT"),
            tc(restart, "Chỉ tiêu thống kê"),
            tc("<w:gridSpan w:val=\"2\"/>", "Kết quả thống kê"),
            tc(restart, "Ghi chú")
        ),
        format!(
            "<w:tr><w:trPr><w:tblHeader/></w:trPr>{}{}{}{}{}</w:tr>",
            tc(cont, ""),
            tc(cont, ""),
            tc("", "Đơn vị tính"),
            tc("", "Số liệu"),
            tc(cont, "")
        ),
    ]
}
