//! The DOCX front end: rendered reports against gold, hand-made structures
//! (merged cells, split tables, footnotes, tracked changes, content controls
//! …) and hostile packages.

mod common;

use baocao::extract_bytes;
use baocao::model::Record;
use common::docx::{docx, p, report_header, tbl, tc, tr, zip};
use common::{gold_for, gold_rows, meta_matches, our_rows, root, row_f1};

fn error_code(rec: &Record) -> Option<&str> {
    rec.error.as_ref().map(|e| e.code.as_str())
}

fn rows(rec: &Record) -> Vec<(String, String, String, String, String, String)> {
    rec.tables
        .iter()
        .flat_map(|t| &t.rows)
        .map(|r| {
            (
                r.stt.clone(),
                r.group.clone(),
                r.label.clone(),
                r.unit.clone(),
                r.value.raw.clone(),
                r.note.clone(),
            )
        })
        .collect()
}

fn row(
    stt: &str,
    group: &str,
    label: &str,
    unit: &str,
    value: &str,
    note: &str,
) -> (String, String, String, String, String, String) {
    (
        stt.into(),
        group.into(),
        label.into(),
        unit.into(),
        value.into(),
        note.into(),
    )
}

/// Every rendered DOCX report (plain, landscape, narrow label column, with
/// the seed's narrative) reaches rows_f1 ≥ 0.99; metadata ≥ 0.9 overall.
#[test]
fn rendered_reports_reach_the_bar() {
    let files = common::fixture_files(&["fixtures/docx", "fixtures/rendered"], "docx");
    assert!(files.len() >= 10, "{files:?}");
    common::assert_renderings(&files, "docx", 0.99, 0.9);
}

fn report(body_rows: &[String]) -> Vec<u8> {
    let mut rows = report_header();
    rows.extend_from_slice(body_rows);
    docx(
        &[
            p("Biểu mẫu 1"),
            p("Công tác chỉ đạo điều hành CCHC"),
            tbl(5, &rows),
        ]
        .concat(),
    )
}

#[test]
fn merged_cells_follow_the_grid() {
    let restart = "<w:vMerge w:val=\"restart\"/>";
    let body = vec![
        tr(&["1", "Thống kê TTHC", "", "", ""]),
        format!(
            "<w:tr>{}{}{}{}{}</w:tr>",
            tc(restart, "1.1"),
            tc(restart, "Số TTHC công bố mới"),
            tc("", "Thủ tục"),
            tc("", "12"),
            tc(restart, "Cấp sở báo")
        ),
        format!(
            "<w:tr>{}{}{}{}{}</w:tr>",
            tc("<w:vMerge/>", ""),
            tc("<w:vMerge/>", ""),
            tc("", "Thủ tục"),
            tc("", "3"),
            tc("<w:vMerge/>", "")
        ),
        // A row that starts one grid column late.
        "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>".to_string()
            + &tc("", "Số TTHC bãi bỏ")
            + &tc("", "Thủ tục")
            + &tc("", "0")
            + &tc("", "")
            + "</w:tr>",
    ];
    let rec = extract_bytes("merged.docx", &report(&body));
    assert_eq!(error_code(&rec), None);
    assert_eq!(rec.tables.len(), 1);
    assert_eq!(
        rec.tables[0].title,
        "Biểu mẫu 1 - Công tác chỉ đạo điều hành CCHC"
    );
    assert_eq!(
        rows(&rec),
        vec![
            row("1", "", "Thống kê TTHC", "", "", ""),
            row(
                "1.1",
                "",
                "Số TTHC công bố mới",
                "Thủ tục",
                "12",
                "Cấp sở báo"
            ),
            row("", "", "", "Thủ tục", "3", ""),
            row("", "", "Số TTHC bãi bỏ", "Thủ tục", "0", ""),
        ]
    );
}

#[test]
fn a_table_split_with_repeated_headers_is_one_table() {
    let mut a = report_header();
    a.push(tr(&["1", "Số văn bản", "Văn bản", "3", ""]));
    let mut b = report_header();
    b.push(tr(&["2", "Số nhiệm vụ", "Nhiệm vụ", "4", ""]));
    let body = [p("Biểu mẫu 1"), p("Chỉ đạo"), tbl(5, &a), p(""), tbl(5, &b)].concat();
    let rec = extract_bytes("split.docx", &docx(&body));
    assert_eq!(rec.tables.len(), 1, "{:?}", rec.tables);
    assert_eq!(rec.tables[0].rows.len(), 2);
    assert_eq!(rec.tables[0].rows[1].value.raw, "4");
}

#[test]
fn footnote_references_and_superscripts_become_footnotes() {
    let label = "<w:p><w:r><w:t>Tổng số VBQPPL</w:t></w:r><w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteReference w:id=\"2\"/></w:r><w:r><w:t xml:space=\"preserve\"> ban hành</w:t></w:r><w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:t>7</w:t></w:r></w:p>";
    let body = format!(
        "<w:tr>{}<w:tc><w:tcPr/>{label}</w:tc>{}{}{}</w:tr>",
        tc("", "1"),
        tc("", "Văn bản"),
        tc("", "01"),
        tc("", "")
    );
    let rec = extract_bytes("notes.docx", &report(&[body]));
    let r = &rec.tables[0].rows[0];
    assert_eq!(r.label, "Tổng số VBQPPL ban hành");
    assert_eq!(r.footnotes, vec![1, 7]);
}

#[test]
fn tracked_changes_fields_controls_and_links_read_as_printed() {
    let label = concat!(
        "<w:p>",
        "<w:ins w:id=\"1\" w:author=\"a\"><w:r><w:t xml:space=\"preserve\">Số TTHC </w:t></w:r></w:ins>",
        "<w:del w:id=\"2\" w:author=\"a\"><w:r><w:delText>bị xóa </w:delText></w:r></w:del>",
        "<w:hyperlink r:id=\"x\" xmlns:r=\"r\"><w:r><w:t xml:space=\"preserve\">trên Cổng </w:t></w:r></w:hyperlink>",
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>",
        "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>DVC</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
        "<w:fldSimple w:instr=\"X\"><w:r><w:t xml:space=\"preserve\"> quốc gia</w:t></w:r></w:fldSimple>",
        "<w:r><w:t>ch</w:t><w:softHyphen/><w:t>ung</w:t></w:r>",
        "</w:p>"
    );
    let sdt_value = "<w:sdt><w:sdtPr><w:alias w:val=\"v\"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>42</w:t></w:r></w:p></w:sdtContent></w:sdt>";
    let body = format!(
        "<w:tr>{}<w:tc><w:tcPr/>{label}</w:tc>{}<w:tc><w:tcPr/>{sdt_value}</w:tc>{}</w:tr>",
        tc("", "1"),
        tc("", "Thủ tục"),
        tc("", "")
    );
    let rec = extract_bytes("changes.docx", &report(&[body]));
    let r = &rec.tables[0].rows[0];
    assert_eq!(r.label, "Số TTHC trên Cổng DVC quốc giachung");
    assert_eq!(r.value.raw, "42");
}

#[test]
fn text_boxes_nested_tables_tabs_and_breaks() {
    let text_box = "<w:p><w:r><w:t>Trước</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>Trong hộp</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Trong hộp</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>";
    let tabs = "<w:p><w:r><w:t>A</w:t><w:tab/><w:t>B</w:t><w:br/><w:t>C</w:t></w:r></w:p>";
    let nested = format!(
        "<w:tr>{}<w:tc><w:tcPr/>{}{}</w:tc>{}{}{}</w:tr>",
        tc("", "1"),
        p("Số cơ quan"),
        tbl(1, &[tr(&["gồm sở"])]),
        tc("", "Cơ quan"),
        tc("", "5"),
        tc("", "")
    );
    let mut rows = report_header();
    rows.push(nested);
    let body = [
        text_box.to_string(),
        tabs.to_string(),
        p("Biểu mẫu 1"),
        tbl(5, &rows),
    ]
    .concat();
    let bytes = docx(&body);
    let doc = baocao::internals::read(&bytes, "docx").expect("readable");
    let texts: Vec<&str> = doc.lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(&texts[..4], ["Trước", "Trong hộp", "A\tB", "C"]);
    let rec = extract_bytes("boxes.docx", &bytes);
    assert_eq!(rec.tables[0].rows[0].label, "Số cơ quan gồm sở");
}

#[test]
fn run_fonts_are_kept() {
    let body = "<w:p><w:r><w:rPr><w:rFonts w:ascii=\".VnTime\" w:hAnsi=\".VnTime\"/><w:b/></w:rPr><w:t>B¸o c¸o</w:t></w:r><w:r><w:t xml:space=\"preserve\"> năm</w:t></w:r></w:p>";
    let doc = baocao::internals::read(&docx(body), "docx").expect("readable");
    let line = &doc.lines[0];
    assert_eq!(line.runs.len(), 2);
    assert_eq!(line.runs[0].font.as_deref(), Some(".VnTime"));
    assert!(line.runs[0].bold);
    assert_eq!(&line.text[line.runs[0].start..line.runs[0].end], "B¸o c¸o");
    assert_eq!(line.runs[1].font, None);
}

/// Word 97-2003 files (made by LibreOffice from rendered reports) are read
/// in-process, tables and all.
#[test]
fn word_97_docs_are_read() {
    for stem in ["001_ab3b4a8e0ce935e7", "004_25f0b4bb8e546645"] {
        let path = root().join(format!("fixtures/doc/{stem}.word97.doc"));
        let rec = baocao::extract_file(&path);
        assert_eq!(error_code(&rec), None, "{stem}");
        assert_eq!(rec.source.format, "doc");
        let gold = gold_for(stem);
        let f1 = row_f1(&gold_rows(&gold), &our_rows(&rec));
        assert!(f1 >= 0.99, "{stem}: rows_f1 {f1:.3}");
        assert_eq!(meta_matches(&gold, &rec), (9, 9), "{stem}");
    }
}

/// An OLE file that is no Word document is refused with a hint, never a panic.
#[test]
fn unreadable_ole_file_is_explained() {
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(2048, 0x5A);
    let rec = extract_bytes("junk.doc", &ole);
    assert_eq!(error_code(&rec), Some("not_word"));
    assert!(rec.error.as_ref().unwrap().message.contains("WordDocument"));
}

#[test]
fn not_a_zip() {
    assert_eq!(
        error_code(&extract_bytes("x.docx", b"plain text, not a zip")),
        Some("not_zip")
    );
    let mut cut = docx(&p("x"));
    cut.truncate(cut.len() / 2);
    let code = error_code(&extract_bytes("cut.docx", &cut)).map(str::to_string);
    assert!(
        matches!(
            code.as_deref(),
            Some("not_zip" | "corrupt_zip" | "malformed_xml")
        ),
        "{code:?}"
    );
}

#[test]
fn zip_without_document_xml() {
    let z = zip(&[("hello.txt", b"hi")]);
    assert_eq!(
        error_code(&extract_bytes("x.docx", &z)),
        Some("no_document_xml")
    );
}

#[test]
fn encrypted_office_file() {
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(512, 0);
    ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    ole.resize(4096, 0);
    assert_eq!(
        error_code(&extract_bytes("secret.docx", &ole)),
        Some("encrypted")
    );
}

#[test]
fn malformed_and_truncated_xml() {
    let bad = zip(&[(
        "word/document.xml",
        b"<w:document><w:body><w:p></w:r></w:body>",
    )]);
    assert_eq!(
        error_code(&extract_bytes("bad.docx", &bad)),
        Some("malformed_xml")
    );
    let xml = common::docx::document_xml(&p("Số liệu"));
    let cut = zip(&[("word/document.xml", &xml.as_bytes()[..xml.len() - 40])]);
    assert_eq!(
        error_code(&extract_bytes("cut.docx", &cut)),
        Some("malformed_xml")
    );
}

#[test]
fn entity_bomb_is_refused_unexpanded() {
    let bomb = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><w:document xmlns:w="w"><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>"#;
    let z = zip(&[("word/document.xml", bomb.as_bytes())]);
    assert_eq!(error_code(&extract_bytes("lol.docx", &z)), Some("xml_dtd"));
}

#[test]
fn deep_nesting_is_refused() {
    let mut body = p("x");
    for _ in 0..200 {
        body = format!(
            "<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc>{body}</w:tc></w:tr></w:tbl>"
        );
    }
    assert_eq!(
        error_code(&extract_bytes("deep.docx", &docx(&body))),
        Some("malformed_xml")
    );
}

/// 40 MB of one byte behind a valid document start, compressed ~1000:1.
fn bomb_xml() -> Vec<u8> {
    let mut xml = common::docx::document_xml("<w:p><w:r><w:t>").into_bytes();
    xml.truncate(xml.len() - "</w:body></w:document>".len());
    xml.extend(std::iter::repeat_n(b'0', 40 * 1024 * 1024));
    xml
}

#[test]
fn zip_bomb_is_refused_by_its_declared_ratio() {
    let z = zip(&[("word/document.xml", &bomb_xml())]);
    assert!(z.len() < 1024 * 1024);
    assert_eq!(
        error_code(&extract_bytes("bomb.docx", &z)),
        Some("zip_bomb")
    );
}

#[test]
fn zip_bomb_is_refused_when_its_header_lies() {
    let mut z = zip(&[("word/document.xml", &bomb_xml())]);
    // Claim 1000 bytes uncompressed in the local header (offset 22) and the
    // central directory entry (offset 24 from its signature).
    let lie = 1000u32.to_le_bytes();
    z[22..26].copy_from_slice(&lie);
    let cd = z
        .windows(4)
        .rposition(|w| w == b"PK\x01\x02")
        .expect("central directory");
    z[cd + 24..cd + 28].copy_from_slice(&lie);
    let rec = extract_bytes("liar.docx", &z);
    assert_eq!(error_code(&rec), Some("zip_bomb"), "{:?}", rec.error);
}

/// The header block laid out as a borderless two-column table, and the
/// signature block beside "Nơi nhận", feed the metadata.
#[test]
fn header_and_signature_tables_feed_the_metadata() {
    let two = |left: &[&str], right: &[&str]| {
        let cell = |ps: &[&str]| {
            format!(
                "<w:tc><w:tcPr/>{}</w:tc>",
                ps.iter().map(|t| p(t)).collect::<String>()
            )
        };
        tbl(2, &[format!("<w:tr>{}{}</w:tr>", cell(left), cell(right))])
    };
    let header = two(
        &["ỦY BAN NHÂN DÂN", "HUYỆN MƯỜNG KHƯƠNG", "Số: 123/BC-UBND"],
        &[
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Mường Khương, ngày 05 tháng 7 năm 2024",
        ],
    );
    let signature = two(
        &["Nơi nhận:", "- Sở Nội vụ tỉnh Lào Cai;", "- Lưu: VT."],
        &["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn Minh"],
    );
    let mut rows = report_header();
    rows.push(tr(&[
        "1",
        "Số văn bản chỉ đạo CCHC đã ban hành",
        "Văn bản",
        "4",
        "",
    ]));
    let body = [
        header,
        p("BÁO CÁO"),
        p("Kết quả công tác cải cách hành chính 6 tháng đầu năm 2024"),
        p("Thực hiện Kế hoạch của UBND tỉnh Lào Cai, UBND huyện báo cáo như sau:"),
        signature,
        p("Biểu mẫu 1"),
        tbl(5, &rows),
    ]
    .concat();
    let rec = extract_bytes("header.docx", &docx(&body));
    let r = &rec.report;
    assert_eq!(r.unit.name.as_deref(), Some("UBND huyện Mường Khương"));
    assert_eq!(r.unit.level.map(|l| l.as_str()), Some("huyen"));
    assert_eq!(r.unit.province.as_deref(), Some("Lào Cai"));
    assert_eq!(r.number.as_deref(), Some("123/BC-UBND"));
    assert_eq!(r.date.as_deref(), Some("2024-07-05"));
    assert_eq!(r.signer.as_deref(), Some("Nguyễn Văn Minh"));
    let period = r.period.as_ref().expect("period");
    assert_eq!((period.kind.as_str(), period.year), ("half", Some(2024)));
    assert_eq!(rec.tables[0].rows[0].value.raw, "4");
}

/// Header columns in another order still give each cell its role.
#[test]
fn columns_in_any_order() {
    let restart = "<w:vMerge w:val=\"restart\"/>";
    let cont = "<w:vMerge/>";
    let header = vec![
        format!(
            "<w:tr>{}{}{}{}</w:tr>",
            tc(restart, "STT"),
            tc(restart, "Ghi chú"),
            tc("<w:gridSpan w:val=\"2\"/>", "Kết quả thống kê"),
            tc(restart, "Chỉ tiêu thống kê")
        ),
        format!(
            "<w:tr>{}{}{}{}{}</w:tr>",
            tc(cont, ""),
            tc(cont, ""),
            tc("", "Số liệu"),
            tc("", "Đơn vị tính"),
            tc(cont, "")
        ),
        tr(&["1", "Cấp huyện báo", "97,5", "%", "Tỷ lệ hồ sơ đúng hạn"]),
    ];
    let rec = extract_bytes(
        "order.docx",
        &docx(&[p("Biểu mẫu 3"), tbl(5, &header)].concat()),
    );
    assert_eq!(
        rows(&rec),
        vec![row(
            "1",
            "",
            "Tỷ lệ hồ sơ đúng hạn",
            "%",
            "97,5",
            "Cấp huyện báo"
        )]
    );
}

/// A sliver grid column (a few twips, where two rows' cell edges nearly
/// meet) is no column: a province spanning it lines up with its scores
/// ("Bình Thuận" over "Điểm số", as in `vbai/064`).
#[test]
fn sliver_grid_columns_are_no_columns() {
    let span = |n: usize| format!("<w:gridSpan w:val=\"{n}\"/>");
    let widths = [700, 1400, 800, 900, 7, 800, 900];
    let grid: String = widths
        .iter()
        .map(|w| format!("<w:gridCol w:w=\"{w}\"/>"))
        .collect();
    let rows = [
        format!(
            "<w:tr>{}{}{}{}</w:tr>",
            tc("", "STT"),
            tc("", "Nội dung"),
            tc(&span(3), "Lâm Đồng"),
            tc(&span(2), "Bình Thuận")
        ),
        format!(
            "<w:tr>{}{}{}{}{}{}</w:tr>",
            tc("", ""),
            tc("", ""),
            tc("", "Điểm số"),
            tc("", "Chỉ số"),
            tc(&span(2), "Điểm số"),
            tc("", "Chỉ số")
        ),
        format!(
            "<w:tr>{}{}{}{}{}{}</w:tr>",
            tc("", "1"),
            tc("", "Cải cách thể chế"),
            tc("", "9,38"),
            tc("", "93,8%"),
            tc(&span(2), "8,9"),
            tc("", "89,0%")
        ),
    ];
    let body = format!(
        "{}<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{}</w:tbl>",
        p("Biểu mẫu 1"),
        rows.concat()
    );
    let rec = extract_bytes("sliver.docx", &docx(&body));
    let table = &rec.tables[0];
    let headers: Vec<String> = table.columns.iter().map(|c| c.header.join(" > ")).collect();
    assert_eq!(
        headers,
        [
            "STT",
            "Nội dung",
            "Lâm Đồng > Điểm số",
            "Lâm Đồng > Chỉ số",
            "Bình Thuận > Điểm số",
            "Bình Thuận > Chỉ số"
        ]
    );
    let cells: Vec<&str> = table.rows[0].cells.iter().map(|c| c.raw.as_str()).collect();
    assert_eq!(cells, ["9,38", "93,8%", "8,9", "89,0%"]);
}
