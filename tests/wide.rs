//! Wide tables: every value column of a table in `columns` and each row's
//! `cells`, checked on real reports as printed on the page (the shared
//! corpus under `../shared/real/`; each test is skipped with a message when
//! its file is missing) and on `tests/data/wide_table.txt`.

use baocao::model::{Record, Role, Row, Table};
use std::path::{Path, PathBuf};

/// A real report of the shared corpus, or `None` (with a message) when absent.
fn real(name: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/real/vbai")
        .join(name);
    if path.is_file() {
        Some(path)
    } else {
        eprintln!("skipped: {} is missing", path.display());
        None
    }
}

fn extract(path: &Path) -> Record {
    let record = baocao::extract_file(path);
    assert!(record.error.is_none(), "{:?}", record.error);
    record
}

/// The first row numbered `stt` of a table.
fn row<'a>(table: &'a Table, stt: &str) -> &'a Row {
    table
        .rows
        .iter()
        .find(|r| r.stt == stt)
        .unwrap_or_else(|| panic!("no row {stt}"))
}

fn raws(row: &Row) -> Vec<&str> {
    row.cells.iter().map(|c| c.raw.as_str()).collect()
}

fn headers(table: &Table) -> Vec<String> {
    table
        .columns
        .iter()
        .map(|c| format!("{:?}:{}", c.role, c.header.join(" > ")))
        .collect()
}

/// The tables whose value columns are headed by the three provinces'
/// "Điểm số | Chỉ số | Thứ hạng".
fn province_table(record: &Record) -> &Table {
    record
        .tables
        .iter()
        .find(|t| t.columns.iter().filter(|c| c.role == Role::Value).count() == 9)
        .expect("a table of nine value columns")
}

#[test]
fn the_provincial_index_appendix_gives_every_score_column() {
    let Some(path) = real("158_1187_kem_bo_chi_so_cap_tinh.pdf") else {
        return;
    };
    let record = extract(&path);
    let table = &record.tables[0];
    assert_eq!(
        headers(table),
        [
            "Stt:STT",
            "Label:Lĩnh vực/Tiêu chí/Tiêu chí thành phần",
            "Value:Điểm tối đa",
            "Value:Điểm đánh giá thực tế > Tự đánh giá",
            "Value:Điểm đánh giá thực tế > BNV đánh giá",
            "Value:Điểm đánh giá thực tế > Điều tra XHH",
            "Value:Điểm đánh giá thực tế > Điểm đạt được",
            "Value:Chỉ số",
            "Note:Ghi chú",
        ]
    );
    assert_eq!(table.columns[2].unit.as_deref(), Some("Điểm"));
    // As printed on pages 1 and 3 (the header repeated on a wider grid).
    for (stt, label, max) in [
        ("1", "CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH CCHC", "9.50"),
        ("1.3", "Công tác kiểm tra CCHC", "2.00"),
        ("2.1", "Tổ chức thi hành pháp luật", "2.00"),
        (
            "2.1.2",
            "Xử lý kết quả thi hành văn bản quy phạm pháp luật (VBQPPL)",
            "1.00",
        ),
    ] {
        let r = row(table, stt);
        assert_eq!(r.label, label);
        assert_eq!(raws(r), [max, "", "", "", "", ""], "{stt}");
        assert_eq!(r.value.raw, max, "value is the first value column");
    }
}

#[test]
fn the_same_report_as_docx_and_signed_pdf_gives_the_same_cells() {
    let (Some(docx), Some(pdf)) = (
        real("064_Bao_cao_cac_chi_so_cua_tinh_06.11s.docx"),
        real("065_Bao_cao_cac_chi_so_cua_tinh_06.11s.pdf"),
    ) else {
        return;
    };
    let pdf = extract(&pdf);
    let table = province_table(&pdf);
    assert_eq!(
        table.columns[2..5]
            .iter()
            .map(|c| c.header.join(" > "))
            .collect::<Vec<_>>(),
        [
            "Lâm Đồng > Điểm số",
            "Lâm Đồng > Chỉ số",
            "Lâm Đồng > Thứ hạng"
        ]
    );
    let printed = [
        (
            "2",
            [
                "9,38/ 10", "93,8%", "20/63", "8,67/ 10", "86,7%", "55/63", "8,9/ 10", "89,0%",
                "48/63",
            ],
        ),
        (
            "8",
            [
                "10,75/ 16,5",
                "65,2%",
                "62/63",
                "11,55/ 16,5",
                "70,0%",
                "58/63",
                "14,21/ 16,5",
                "86,1%",
                "15/63",
            ],
        ),
    ];
    for (stt, cells) in &printed {
        assert_eq!(raws(row(table, stt)), cells, "PDF row {stt}");
    }
    let total = table
        .rows
        .iter()
        .find(|r| r.label == "CHỈ SỐ CHUNG")
        .expect("the totals row");
    assert!(total.total && total.stt.is_empty());
    assert_eq!(raws(total)[..3], ["83,1/ 100", "83,1%", "62/63"]);
    assert_eq!(total.cells[1].number, Some(83.1));

    // The DOCX prints the same figures under the same headers (its grid
    // has a 7-twip sliver column, which is no column).
    let docx = extract(&docx);
    let first = province_table(&docx);
    assert_eq!(headers(first), headers(table));
    for (stt, cells) in &printed {
        assert_eq!(raws(row(first, stt)), cells, "DOCX row {stt}");
    }
}

#[test]
fn the_guidance_appendix_gives_maximum_and_self_assessed_scores() {
    let Some(path) = real("215_PL01___Huong_dan_tu_danh_gia_cham_diem_CCHC_so_nganh_10.11.pdf")
    else {
        return;
    };
    let record = extract(&path);
    let table = &record.tables[0];
    assert_eq!(
        headers(table)[2..],
        [
            "Value:Điểm tối đa",
            "Value:Điểm tự đánh giá của đơn vị",
            "Note:Tài liệu kiểm chứng/ giải trình",
        ]
    );
    for (stt, max) in [
        ("1", "14,5"),
        ("1.1", "3,0"),
        ("1.1.1", "1,0"),
        ("1.3.2", "1,0"),
    ] {
        let r = row(table, stt);
        assert_eq!(raws(r), [max, ""], "{stt}");
    }
    let r = row(table, "1.1.1");
    assert!(r.label.starts_with("Ban hành kế hoạch CCHC hằng năm"));
    assert!(r.note.starts_with("- Kế hoạch CCHC của cơ quan"));
    assert_eq!(r.cells[0].number, Some(1.0));
}

#[test]
fn a_wide_text_table_keeps_its_totals_row_and_skips_the_numbered_row() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/wide_table.txt");
    let record = extract(&path);
    let table = &record.tables[0];
    assert_eq!(table.rows.len(), 3);
    assert_eq!(raws(&table.rows[1]), ["9,38", "93,8%", "8,67", "86,7%"]);
    let total = &table.rows[2];
    assert!(total.total);
    assert_eq!(
        (total.stt.as_str(), total.depth, total.parent.as_deref()),
        ("", 0, None)
    );
    assert_eq!(raws(total), ["18,87", "96,8%", "18,12", "93,1%"]);
}
