//! The PDF front end: rendered reports against gold, small PDFs written with
//! lopdf for reading order, footnote marks and text-less files, and broken
//! files.

mod common;

use baocao::extract_bytes;
use common::{gold_for, gold_rows, our_rows, root, row_f1};

/// Every LibreOffice PDF of the gold reports (plain, landscape, narrow label
/// column) reaches rows_f1 ≥ 0.98; metadata ≥ 0.85 overall.
#[test]
fn rendered_pdfs_reach_the_bar() {
    let files = common::fixture_files(&["fixtures/rendered", "fixtures/pdf"], "pdf");
    assert!(files.len() >= 7, "{files:?}");
    for f in &files {
        let rec = baocao::extract_file(f);
        assert!(rec.source.pages.is_some_and(|p| p > 0), "{}", f.display());
    }
    common::assert_renderings(&files, "pdf", 0.98, 0.85);
}

/// A one-page PDF with Helvetica text drawn by the given content stream.
fn pdf(content: &str) -> Vec<u8> {
    common::pdf::one_page(content.as_bytes(), |_, _| Vec::new())
}

#[test]
fn glyphs_are_read_in_reading_order_not_drawing_order() {
    // The second line is drawn first, and its right half before its left.
    let content = "BT /F1 12 Tf 300 700 Td (world) Tj ET \
                   BT /F1 12 Tf 72 700 Td (Hello) Tj ET \
                   BT /F1 12 Tf 72 750 Td (Title line) Tj ET";
    let doc = baocao::internals::read(&pdf(content), "pdf").expect("readable");
    let texts: Vec<String> = doc
        .lines
        .iter()
        .map(|l| l.text.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(texts, ["Title line", "Hello world"]);
    assert_eq!(doc.lines[1].page, Some(1));
    assert_eq!(doc.lines[1].runs[0].font.as_deref(), Some("Helvetica"));
}

#[test]
fn small_raised_digits_become_footnote_marks() {
    let content = "BT /F1 12 Tf 72 700 Td (Tong so VBQPPL) Tj ET BT /F1 7 Tf 168 705 Td (3) Tj ET \
                   BT /F1 12 Tf 175 700 Td (ban hanh) Tj ET";
    let doc = baocao::internals::read(&pdf(content), "pdf").expect("readable");
    assert_eq!(doc.lines.len(), 1, "{:?}", doc.lines);
    assert!(
        doc.lines[0].text.contains("VBQPPL<sup>3</sup>"),
        "{}",
        doc.lines[0].text
    );
}

#[test]
fn tj_arrays_and_quote_operators_are_read() {
    let content = "BT /F1 12 Tf 14 TL 72 700 Td [(S) 20 (o) -250 (lieu)] TJ (Dong hai) ' ET";
    let doc = baocao::internals::read(&pdf(content), "pdf").expect("readable");
    let texts: Vec<String> = doc
        .lines
        .iter()
        .map(|l| l.text.trim().to_string())
        .collect();
    assert_eq!(texts, ["So lieu", "Dong hai"]);
}

#[test]
fn pdf_without_text_layer() {
    let rec = extract_bytes("scan.pdf", &pdf("0 0 m 100 100 l S"));
    let err = rec.error.expect("an error record");
    assert_eq!(err.code, "no_text_layer");
    assert!(err.message.contains("1 pages"), "{}", err.message);
}

#[test]
fn broken_pdfs_are_error_records() {
    let mut junk = b"%PDF-1.7\n".to_vec();
    junk.extend((0..5000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    let rec = extract_bytes("junk.pdf", &junk);
    assert!(rec.error.is_some());
    assert_ne!(
        rec.error.as_ref().map(|e| e.code.as_str()),
        Some("internal")
    );
    let mut cut = pdf("BT /F1 12 Tf 72 700 Td (Hello) Tj ET");
    cut.truncate(cut.len() / 2);
    let rec = extract_bytes("cut.pdf", &cut);
    assert_ne!(
        rec.error.as_ref().map(|e| e.code.as_str()),
        Some("internal")
    );
    assert_eq!(
        extract_bytes("x.pdf", b"not a pdf").error.map(|e| e.code),
        Some("not_pdf".into())
    );
}

/// PDFs encrypted with only an owner password (an empty user password) are
/// decrypted and read; a user password gives an `encrypted` error record.
#[test]
fn encrypted_pdfs() {
    let dir = root().join("fixtures/pdf/encrypted");
    let gold = gold_rows(&gold_for("001_ab3b4a8e0ce935e7"));
    for name in [
        "001_ab3b4a8e0ce935e7.owner-aes256.pdf",
        "001_ab3b4a8e0ce935e7.owner-rc4.pdf",
    ] {
        let rec = baocao::extract_file(&dir.join(name));
        assert!(rec.error.is_none(), "{name}: {:?}", rec.error);
        let f1 = row_f1(&gold, &our_rows(&rec));
        assert!(f1 >= 0.98, "{name}: rows_f1 {f1:.3}");
    }
    let rec = baocao::extract_file(&dir.join("001_ab3b4a8e0ce935e7.user-password.pdf"));
    assert_eq!(rec.error.map(|e| e.code), Some("encrypted".to_string()));
}

/// Caption and header row of the ruled test table (Helvetica, ASCII).
const HEADER: &str = "BT /F1 12 Tf 50 760 Td (Bieu mau 1) Tj ET \
    BT /F1 10 Tf 52 700 Td (STT) Tj ET BT /F1 10 Tf 92 700 Td (Chi tieu thong ke) Tj ET \
    BT /F1 10 Tf 302 700 Td (Don vi tinh) Tj ET BT /F1 10 Tf 402 700 Td (So lieu) Tj ET \
    BT /F1 10 Tf 462 700 Td (Ghi chu) Tj ET ";

/// Stroked rules of the test table: horizontal rules at `ys` (top first),
/// column rules from the top one to the last one.
fn grid(ys: &[u32]) -> String {
    let (top, bottom) = (ys[0], ys[ys.len() - 1]);
    let mut out: Vec<String> = ys.iter().map(|y| format!("45 {y} m 520 {y} l S")).collect();
    for x in [45, 85, 295, 395, 455, 520] {
        out.push(format!("{x} {bottom} m {x} {top} l S"));
    }
    out.join(" ")
}

/// A ruled table: the row's second label line starts with a capital after a
/// short first line, which alone would read as a new row; with no rule
/// between the lines it is the same cell.
#[test]
fn drawn_rules_decide_cells_and_rows() {
    let text = HEADER.to_string()
        + "\
                BT /F1 10 Tf 52 680 Td (1) Tj ET BT /F1 10 Tf 92 680 Td (Tong so van ban) Tj ET \
                BT /F1 10 Tf 302 680 Td (Van ban) Tj ET BT /F1 10 Tf 402 680 Td (5) Tj ET \
                BT /F1 10 Tf 92 668 Td (Chinh phu giao) Tj ET \
                BT /F1 10 Tf 52 648 Td (2) Tj ET BT /F1 10 Tf 92 648 Td (So nhiem vu) Tj ET \
                BT /F1 10 Tf 302 648 Td (Nhiem vu) Tj ET BT /F1 10 Tf 402 648 Td (7) Tj ET ";
    let rules = grid(&[712, 692, 660, 640]);
    let ruled = extract_bytes("ruled.pdf", &pdf(&format!("{text} {rules}")));
    let labels: Vec<(String, String, String)> = ruled.tables[0]
        .rows
        .iter()
        .map(|r| (r.stt.clone(), r.label.clone(), r.value.raw.clone()))
        .collect();
    assert_eq!(
        labels,
        [
            (
                "1".into(),
                "Tong so van ban Chinh phu giao".into(),
                "5".into()
            ),
            ("2".into(), "So nhiem vu".into(), "7".into())
        ]
    );
    assert_eq!(ruled.tables[0].page, Some(1));
    assert_eq!(ruled.tables[0].rows[1].page, Some(1));
    // The same text without rules: the short capitalised line is a row.
    let bare = extract_bytes("bare.pdf", &pdf(&text));
    assert_eq!(bare.tables[0].rows.len(), 3);
}

/// A wrong `startxref` or a missing cross-reference table: lopdf rebuilds
/// the object table and the report still reads in full.
#[test]
fn broken_cross_references_are_recovered() {
    let good =
        std::fs::read(root().join("fixtures/rendered/001_ab3b4a8e0ce935e7.render.pdf")).unwrap();
    let tail = good
        .windows(9)
        .rposition(|w| w == b"startxref")
        .expect("startxref");
    let mut wrong_offset = good[..tail].to_vec();
    wrong_offset.extend_from_slice(b"startxref\n999999\n%%EOF\n");
    let table = good[..tail]
        .windows(5)
        .rposition(|w| w == b"\nxref")
        .expect("xref table");
    let mut no_table = good[..table].to_vec();
    no_table.extend_from_slice(b"\n%%EOF\n");
    let gold = gold_rows(&gold_for("001_ab3b4a8e0ce935e7"));
    for (name, bytes) in [
        ("wrong-offset.pdf", wrong_offset),
        ("no-xref.pdf", no_table),
    ] {
        let rec = extract_bytes(name, &bytes);
        assert!(rec.error.is_none(), "{name}: {:?}", rec.error);
        let f1 = row_f1(&gold, &our_rows(&rec));
        assert!(f1 >= 0.98, "{name}: rows_f1 {f1:.3}");
    }
}

/// An accent drawn as its own glyph over a letter joins that letter.
#[test]
fn accents_drawn_apart_rejoin_their_letter() {
    let content = "BT /F1 12 Tf 72 700 Td (Ba) Tj ET BT /F1 12 Tf 80 703 Td (\\264) Tj ET \
                   BT /F1 12 Tf 100 700 Td (cao) Tj ET";
    let doc = baocao::internals::read(&pdf(content), "pdf").expect("readable");
    let text = baocao::internals::text(&doc.lines[0].text);
    assert_eq!(text.split_whitespace().collect::<Vec<_>>(), ["Bá", "cao"]);
}

/// In a ruled row whose STT and value are centred on the second of three
/// label lines, the line above them still belongs to the row.
#[test]
fn centred_stt_in_a_ruled_row() {
    let text = HEADER.to_string()
        + "\
                BT /F1 10 Tf 92 682 Td (Tong so nhiem vu) Tj ET \
                BT /F1 10 Tf 52 670 Td (1) Tj ET BT /F1 10 Tf 92 670 Td (Chinh phu giao) Tj ET \
                BT /F1 10 Tf 302 670 Td (Nhiem vu) Tj ET BT /F1 10 Tf 402 670 Td (9) Tj ET \
                BT /F1 10 Tf 92 658 Td (trong nam) Tj ET ";
    let rules = grid(&[712, 692, 650]);
    let rec = extract_bytes("centred.pdf", &pdf(&format!("{text} {rules}")));
    let rows = &rec.tables[0].rows;
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].stt, "1");
    assert_eq!(rows[0].label, "Tong so nhiem vu Chinh phu giao trong nam");
    assert_eq!(
        (rows[0].unit.as_str(), rows[0].value.raw.as_str()),
        ("Nhiem vu", "9")
    );
}

/// The seed reports rendered with the table styles of real Word templates
/// (cells centred vertically, "Ghi chú" merged over three rows, page
/// numbers; `render_report.py --valign-center --note-span 3
/// --page-numbers`) reach the same bar as the plain renderings: their ruled
/// tables are read from the cell grid.
#[test]
fn styled_pdfs_reach_the_bar() {
    let files = common::fixture_files(&["fixtures/styled"], "pdf");
    assert_eq!(files.len(), 5, "{files:?}");
    common::assert_renderings(&files, "pdf", 0.98, 0.85);
}

/// One styled report, cell by cell: the two-row header ("Kết quả thống kê"
/// over "Đơn vị tính | Số liệu", "STT" and "Ghi chú" merged down both rows
/// and centred between them), the header repeated on every page, an STT
/// centred beside a two-line label, and a merged note centred over rows
/// and cut by the page break, kept whole in the first row of its merge.
#[test]
fn ruled_tables_come_from_the_cell_grid() {
    let path = root().join("fixtures/styled/004_25f0b4bb8e546645.styled.pdf");
    let bytes = std::fs::read(&path).expect("fixture");
    let text = baocao::document_text("004.pdf", &bytes, false).expect("text");
    let lines: Vec<&str> = text.lines().collect();
    let header = "STT\tChỉ tiêu thống kê\tKết quả thống kê\t\tGhi chú";
    let starts: Vec<usize> = (0..lines.len()).filter(|&i| lines[i] == header).collect();
    assert!(
        starts.len() >= 5,
        "the header comes back on each page: {starts:?}"
    );
    for &i in &starts {
        assert_eq!(lines[i + 1], "\t\tĐơn vị tính\tSố liệu\t");
    }
    let rec = baocao::extract_bytes("004.pdf", &bytes);
    let rows = &rec.tables[0].rows;
    let first = &rows[0];
    assert_eq!((first.stt.as_str(), first.unit.as_str()), ("1", "Văn bản"));
    assert_eq!(
        first.label,
        "Số văn bản chỉ đạo CCHC đã ban hành (Kết luận, chỉ thị, công văn chỉ đạo, quán triệt)"
    );
    assert_eq!(first.value.raw, "09");
    // The merged note: begun on page 2, continued under page 3's header.
    assert!(first.note.starts_with("(1) Số 40/KH-SCT ngày 14/10/2021"));
    assert!(first
        .note
        .contains("(6) Số 34/KH-SCT ngày 27/6/2022 về khắc phục"));
    assert!(
        rows[1..4].iter().all(|r| r.note.is_empty()),
        "{:?}",
        &rows[1..4]
    );
    // No page number or header text leaked into a row.
    for r in rec.tables.iter().flat_map(|t| &t.rows) {
        assert!(!r.note.chars().all(|c| c.is_ascii_digit()) || r.note.is_empty());
        assert!(!r.label.contains("Chỉ tiêu thống kê"), "{}", r.label);
    }
}
