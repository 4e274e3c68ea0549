//! Office formats beyond Word: workbooks (gold reports written by
//! `bench/gold_to_xlsx.py`, and the real workbooks of `fixtures/office/real/`),
//! and LibreOffice's RTF, OpenDocument and HTML renderings of the gold
//! reports; hostile spreadsheets.

mod common;

use baocao::extract_bytes;
use baocao::model::Record;
use common::root;

fn error_code(rec: &Record) -> Option<&str> {
    rec.error.as_ref().map(|e| e.code.as_str())
}

/// The gold reports written as workbooks (one sheet per table, two-row
/// merged header, numbers typed as numbers under their formats) reach
/// rows_f1 ≥ 0.99 each, metadata ≥ 0.85; each table is on its sheet's page.
#[test]
fn gold_workbooks_reach_the_bar() {
    let files = common::fixture_files(&["fixtures/office"], "xlsx");
    assert_eq!(files.len(), 5, "{files:?}");
    common::assert_renderings(&files, "xlsx", 0.99, 0.85);
    for path in &files {
        let rec = baocao::extract_file(path);
        let pages: Vec<u32> = rec.tables.iter().filter_map(|t| t.page).collect();
        let expected: Vec<u32> = (1..=rec.tables.len() as u32).collect();
        assert_eq!(pages, expected, "{}", path.display());
        assert_eq!(rec.source.pages, Some(rec.tables.len() as u32));
    }
}

/// LibreOffice's renderings of the gold reports' DOCX (RTF, OpenDocument,
/// HTML, and HTML saved as `.doc`) reach rows_f1 ≥ 0.99 each, metadata
/// ≥ 0.85 per format.
#[test]
fn libreoffice_renderings_reach_the_bar() {
    for (ext, format) in [
        ("rtf", "rtf"),
        ("odt", "odt"),
        ("html", "html"),
        ("doc", "doc"),
    ] {
        let files = common::fixture_files(&["fixtures/office"], ext);
        assert_eq!(files.len(), 5, "{ext}: {files:?}");
        common::assert_renderings(&files, format, 0.99, 0.85);
    }
}

/// A real RTF submission (Word, code page 1258 and `\uN` text, tables for
/// its heading blocks) reads as its text.
#[test]
fn real_rtf_reads() {
    let path = common::fixture_files(&["fixtures/office/real"], "rtf").remove(0);
    let rec = baocao::extract_file(&path);
    assert_eq!(error_code(&rec), None);
    assert_eq!(rec.source.format, "rtf");
    let bytes = std::fs::read(&path).unwrap();
    let text = baocao::document_text("x.rtf", &bytes, false).expect("text");
    for want in [
        "PHIẾU TRÌNH GIẢI QUYẾT CÔNG VIỆC",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Kính gửi",
    ] {
        assert!(text.contains(want), "{want}");
    }
}

/// Every real workbook's record equals its reviewed expected record
/// (`fixtures/expected/office/`, checked by hand against the sheets).
#[test]
fn real_workbooks_match_expected_records() {
    let files = common::fixture_files(&["fixtures/office/real"], "xlsx");
    assert_eq!(files.len(), 3);
    for path in files {
        let rel = path
            .strip_prefix(root())
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let mut rec = baocao::extract_file(&path);
        assert_eq!(error_code(&rec), None, "{rel}");
        rec.source.path = rel;
        let got = serde_json::to_string_pretty(&rec).unwrap() + "\n";
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let expected_path = root().join(format!("fixtures/expected/office/{name}.json"));
        assert!(
            common::matches_expected(&got, &expected_path),
            "{name}: record differs from {}",
            expected_path.display()
        );
    }
}

/// The workbook of 27 comments comes out row by row: STT 1 … 27 in order,
/// each with its comment, its unit and the answer of the Sở Nội vụ.
#[test]
fn real_workbook_rows_come_out_in_order() {
    let path = common::fixture_files(&["fixtures/office/real"], "xlsx")
        .into_iter()
        .find(|p| p.to_string_lossy().contains("fa608fe"))
        .expect("fixture");
    let rec = baocao::extract_file(&path);
    assert_eq!(rec.tables.len(), 1);
    let rows = &rec.tables[0].rows;
    let stts: Vec<&str> = rows.iter().map(|r| r.stt.as_str()).collect();
    let expected: Vec<String> = (1..=27).map(|n| n.to_string()).collect();
    assert_eq!(stts, expected);
    assert!(rows[6]
        .label
        .starts_with("Đề nghị giảm chỉ tiêu “Tỷ lệ khai thác"));
    assert_eq!(rec.tables[0].page, Some(1));
}

use common::office::{n, odf, row, s, xlsx};

fn header_row() -> String {
    row(
        1,
        &[
            s("A1", "STT"),
            s("B1", "Nội dung"),
            s("C1", "Đơn vị tính"),
            s("D1", "Kết quả"),
        ],
    )
}

/// Merged ranges: a value merged down two rows stays on its first row; a
/// group row merged across the table is one cell; formats are honoured.
#[test]
fn merged_cells_and_formats() {
    let styles = r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.00%"/></numFmts><fonts count="1"><font><name val="Times New Roman"/></font></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="3" applyNumberFormat="1"/></cellXfs></styleSheet>"#;
    let data = [
        header_row(),
        row(2, &[s("A2", "I"), s("B2", "CẤP TỈNH")]),
        row(
            3,
            &[
                n("A3", "1"),
                s("B3", "Tỷ lệ hồ sơ đúng hạn"),
                s("C3", "%"),
                r#"<c r="D3" s="1"><v>0.9962</v></c>"#.into(),
            ],
        ),
        row(
            4,
            &[
                n("A4", "2"),
                s("B4", "Số hồ sơ tiếp nhận"),
                s("C4", "Hồ sơ"),
                r#"<c r="D4" s="2"><v>1453</v></c>"#.into(),
            ],
        ),
        row(5, &[s("C5", "Hồ sơ"), n("D5", "12.5")]),
    ]
    .concat();
    let merges = r#"<mergeCells count="3"><mergeCell ref="B2:D2"/><mergeCell ref="A4:A5"/><mergeCell ref="B4:B5"/></mergeCells>"#;
    let book = xlsx(&data, merges, &[("xl/styles.xml", styles.as_bytes())]);
    let rec = extract_bytes("t.xlsx", &book);
    assert_eq!(error_code(&rec), None);
    let cells: Vec<Vec<String>> = rec.tables[0]
        .rows
        .iter()
        .map(|r| {
            vec![
                r.stt.clone(),
                r.label.clone(),
                r.unit.clone(),
                r.value.raw.clone(),
            ]
        })
        .collect();
    assert_eq!(cells[0][..2], ["I", "CẤP TỈNH"]);
    assert_eq!(cells[1][3], "99,62%");
    assert_eq!(cells[2][3], "1.453");
}

/// Hostile workbooks give error records, never a crash: cut off, a zip
/// bomb, mismatched XML; a cell at XFD1048576 beside the table costs
/// nothing.
#[test]
fn hostile_workbooks() {
    let ok = xlsx(&header_row(), "", &[]);
    let cut = extract_bytes("t.xlsx", &ok[..ok.len() / 2]);
    assert_eq!(error_code(&cut), Some("corrupt_zip"));
    let pad = vec![0u8; 300 << 20];
    let bomb = extract_bytes(
        "t.xlsx",
        &xlsx(&header_row(), "", &[("xl/media/pad.bin", &pad)]),
    );
    assert_eq!(error_code(&bomb), Some("zip_bomb"));
    let bad = xlsx(
        &(header_row() + r#"<row r="2"><c r="A2"><v>1</v></x></row>"#),
        "",
        &[],
    );
    assert_eq!(
        error_code(&extract_bytes("t.xlsx", &bad)),
        Some("malformed_workbook")
    );
    let far = header_row() + &row(1_048_576, &[n("XFD1048576", "1")]);
    let started = std::time::Instant::now();
    let rec = extract_bytes("t.xlsx", &xlsx(&far, "", &[]));
    assert_eq!(error_code(&rec), None);
    assert!(started.elapsed().as_secs() < 5);
    let not_a_book = extract_bytes(
        "t.xls",
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1W\0o\0r\0k\0b\0o\0o\0k\0",
    );
    assert!(error_code(&not_a_book).is_some());
}

/// A page a web system exported as `.doc` (HTML, no doctype) is read as
/// HTML; hostile pages give records, deep nesting `malformed_html`.
#[test]
fn html_whatever_its_name() {
    let page = "<head><meta charset=\"utf-8\"></head><body><p>B\u{c1}O C\u{c1}O</p>\
<table><tr><td>STT</td><td>Nội dung</td><td>Kết quả</td></tr><tr><td>1</td><td>Văn bản</td><td>3</td></tr></table></body>";
    let rec = extract_bytes("export.doc", page.as_bytes());
    assert_eq!(error_code(&rec), None);
    assert_eq!(rec.source.format, "doc");
    let deep = "<html>".to_string() + &"<div>".repeat(5000);
    assert_eq!(
        error_code(&extract_bytes("deep.html", deep.as_bytes())),
        Some("malformed_html")
    );
    let cut = &page.as_bytes()[..page.len() / 2];
    assert_eq!(error_code(&extract_bytes("cut.doc", cut)), None);
    let spans = "<table><tr><td rowspan=99999999 colspan=99999999>x</td></tr></table>";
    assert_eq!(error_code(&extract_bytes("s.html", spans.as_bytes())), None);
}

/// Hostile RTF: groups nested without end give `malformed_rtf`; a file cut
/// off is read as far as it goes; `\binN` past the end costs nothing.
#[test]
fn hostile_rtf() {
    let deep = "{\\rtf1".to_string() + &"{".repeat(100_000);
    assert_eq!(
        error_code(&extract_bytes("d.rtf", deep.as_bytes())),
        Some("malformed_rtf")
    );
    let cut = extract_bytes("c.rtf", b"{\\rtf1\\ansi B\\'e1o c\\'e1o\\par Ti\\u7871?p");
    assert_eq!(error_code(&cut), None);
    let bin = extract_bytes("b.rtf", b"{\\rtf1\\bin999999999 x}");
    assert_eq!(error_code(&bin), None);
    let not_rtf = extract_bytes("n.rtf", b"plain words");
    assert_eq!(error_code(&not_rtf), Some("malformed_rtf"));
}

const ODS: &str = "application/vnd.oasis.opendocument.spreadsheet";
const ODT: &str = "application/vnd.oasis.opendocument.text";

fn cell(attrs: &str, text: &str) -> String {
    format!("<table:table-cell {attrs}><text:p>{text}</text:p></table:table-cell>")
}

/// An OpenDocument spreadsheet: each sheet a page; heading lines above the
/// table; a two-row header with spans (covered cells); the shown text of
/// number cells kept; empty cells repeated to the sheet's edge cost nothing.
#[test]
fn ods_sheets() {
    let covered = "<table:covered-table-cell/>";
    let body = format!(
        "<office:spreadsheet><table:table table:name=\"Biểu 1\">\
<table:table-row>{}</table:table-row>\
<table:table-row>{}{}{}{covered}{}<table:table-cell table:number-columns-repeated=\"16000\"/></table:table-row>\
<table:table-row>{covered}{covered}{}{}{covered}</table:table-row>\
<table:table-row>{}{}{}{}{}</table:table-row>\
<table:table-row table:number-rows-repeated=\"1048000\"><table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row>\
</table:table></office:spreadsheet>",
        cell("", "UBND HUYỆN A"),
        cell("table:number-rows-spanned=\"2\"", "STT"),
        cell("table:number-rows-spanned=\"2\"", "Chỉ tiêu"),
        cell("table:number-columns-spanned=\"2\"", "Kết quả"),
        cell("table:number-rows-spanned=\"2\"", "Ghi chú"),
        cell("", "Đơn vị tính"),
        cell("", "Số liệu"),
        cell("office:value-type=\"float\" office:value=\"1\"", "1"),
        cell("", "Tỷ lệ hồ sơ đúng hạn"),
        cell("", "%"),
        cell("office:value-type=\"percentage\" office:value=\"0.9962\"", "99,62%"),
        cell("", ""),
    );
    let started = std::time::Instant::now();
    let rec = extract_bytes("b.ods", &odf(ODS, &body));
    assert!(started.elapsed().as_secs() < 5);
    assert_eq!(error_code(&rec), None, "{:?}", rec.error);
    assert_eq!(rec.source.format, "ods");
    assert_eq!(rec.source.pages, Some(1));
    let t = &rec.tables[0];
    assert_eq!(t.page, Some(1));
    let r = &t.rows[0];
    assert_eq!(
        (
            r.stt.as_str(),
            r.label.as_str(),
            r.unit.as_str(),
            r.value.raw.as_str()
        ),
        ("1", "Tỷ lệ hồ sơ đúng hạn", "%", "99,62%")
    );
}

/// Hostile OpenDocument: malformed XML, a DTD, tables nested past the
/// limit, a package without content.xml.
#[test]
fn hostile_odf() {
    let bad = extract_bytes(
        "b.odt",
        &odf(ODT, "<office:text><text:p>x</text:span></office:text>"),
    );
    assert_eq!(error_code(&bad), Some("malformed_xml"));
    let nested = "<table:table><table:table-row><table:table-cell>".repeat(40);
    let deep = extract_bytes(
        "d.odt",
        &odf(ODT, &format!("<office:text>{nested}</office:text>")),
    );
    assert_eq!(error_code(&deep), Some("malformed_xml"));
    let dtd = common::docx::zip(&[
        ("mimetype", ODT.as_bytes()),
        (
            "content.xml",
            b"<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>",
        ),
    ]);
    assert_eq!(error_code(&extract_bytes("x.odt", &dtd)), Some("xml_dtd"));
    let empty = common::docx::zip(&[("mimetype", ODT.as_bytes()), ("content.xml", b"")]);
    let _ = extract_bytes("e.odt", &empty);
    let none = common::docx::zip(&[("mimetype", ODT.as_bytes()), ("styles.xml", b"<x/>")]);
    assert_eq!(
        error_code(&extract_bytes("n.odt", &none)),
        Some("no_content_xml")
    );
}

/// Legacy fonts travel with the cells and runs of every office format, so
/// TCVN3 text set in `.VnTime` comes out as Unicode.
#[test]
fn legacy_fonts_are_decoded() {
    let styles = r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><name val="Arial"/></font><font><name val=".VnTime"/></font></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf fontId="0"/><xf fontId="1" applyFont="1"/></cellXfs></styleSheet>"#;
    let data = row(
        1,
        &[r#"<c r="A1" s="1" t="inlineStr"><is><t>B¸o c¸o kÕt qu¶</t></is></c>"#.to_string()],
    );
    let book = xlsx(&data, "", &[("xl/styles.xml", styles.as_bytes())]);
    let text = baocao::document_text("t.xlsx", &book, false).expect("text");
    assert!(text.contains("Báo cáo kết quả"), "{text}");
    let rtf = "{\\rtf1\\ansi{\\fonttbl{\\f1\\fcharset0 .VnTime;}}\\f1 B\\'b8o c\\'b8o k\\'d5t qu\\'b6\\par}";
    let text = baocao::document_text("t.rtf", rtf.as_bytes(), false).expect("text");
    assert!(text.contains("Báo cáo kết quả"), "{text}");
    let page = "<p><font face=\".VnTime\">B\u{b8}o c\u{b8}o k\u{d5}t qu\u{b6}</font></p>";
    let text = baocao::document_text("t.html", page.as_bytes(), false).expect("text");
    assert!(text.contains("Báo cáo kết quả"), "{text}");
}
