use super::*;
use crate::meta::{header, heading, opening};

/// The unit of a document of these lines, the last `table` lines a table's.
fn unit_with_table(texts: &[&str], table: usize) -> Unit {
    let lines = Clean::from_texts(texts);
    let appendix = lines.len() - table;
    let head = header::title_head(&lines);
    let end = header::header_end(&lines, head);
    let heading = heading::read(&lines, end);
    let ev = Evidence::new(
        &lines,
        &heading,
        opening(&lines, end, appendix),
        appendix,
        (0..lines.len()).map(|i| i >= appendix).collect(),
    );
    extract(&ev)
}

fn unit_of(texts: &[&str]) -> Unit {
    unit_with_table(texts, 0)
}

#[test]
fn department_under_province_header() {
    let u = unit_of(&[
        "UBND TỈNH QUẢNG BÌNH CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "SỞ XÂY DỰNG Độc lập - Tự do - Hạnh phúc",
        "BÁO CÁO",
    ]);
    assert_eq!(u.name.as_deref(), Some("Sở Xây dựng"));
    assert_eq!(u.level, Some(Level::So));
    assert_eq!(u.province.as_deref(), Some("Quảng Bình"));
    assert_eq!(u.source, Some(UnitSource::Heading));
    assert_eq!(
        u.printed.as_deref(),
        Some("UBND TỈNH QUẢNG BÌNH / SỞ XÂY DỰNG")
    );
}

#[test]
fn committee_speaking_of_itself_with_most_common_spelling() {
    let u = unit_of(&[
        "BÁO CÁO",
        "Thực hiện Kế hoạch của UBND tỉnh Hà Giang, Ủy ban nhân dân huyện Xín Mần báo cáo kết quả",
        "I. KẾT QUẢ",
        "huyện Xin Mần; huyện Xín Mần; huyện Xín Mần",
    ]);
    assert_eq!(u.name.as_deref(), Some("UBND huyện Xín Mần"));
    assert_eq!(u.level, Some(Level::Huyen));
    assert_eq!(u.province.as_deref(), Some("Hà Giang"));
    assert_eq!(u.source, Some(UnitSource::Opening));
}

#[test]
fn nameless_self_reference_takes_the_name_from_mentions() {
    let u = unit_of(&[
        "BÁO CÁO",
        "UBND huyện báo cáo tình hình",
        "I. KẾT QUẢ",
        "trên địa bàn huyện Kbang, huyện Kbang",
        "xem https://kbang.gialai.gov.vn",
    ]);
    assert_eq!(u.name.as_deref(), Some("UBND huyện Kbang"));
    assert_eq!(u.province.as_deref(), Some("Gia Lai"));
}

#[test]
fn capitals_become_title_case() {
    let u = unit_of(&[
        "ỦY BAN NHÂN DÂN",
        "HUYỆN HẠ HÒA",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "BÁO CÁO",
    ]);
    assert_eq!(u.name.as_deref(), Some("UBND huyện Hạ Hòa"));
}

#[test]
fn capitals_without_motto_number_or_date_are_a_title() {
    let u = unit_of(&["ỦY BAN NHÂN DÂN", "HUYỆN HẠ HÒA", "BÁO CÁO"]);
    assert_eq!(u, Unit::default());
}

#[test]
fn a_department_after_its_committee_on_one_line() {
    let u = unit_of(&[
        "UBND TỈNH LÂM ĐỒNG SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
        "Số: 892/SVHTTDL-VP",
        "ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG",
    ]);
    assert_eq!(u.name.as_deref(), Some("Sở Văn hóa, Thể thao và Du lịch"));
    assert_eq!(u.province.as_deref(), Some("Lâm Đồng"));
    let u = unit_of(&["ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG", "Số: 7346/QĐ-UBND"]);
    assert_eq!(u.name.as_deref(), Some("UBND thành phố Đà Nẵng"));
    assert_eq!(u.level, Some(Level::Tinh));
}

#[test]
fn another_organ_names_no_unit_but_keeps_its_province() {
    let u = unit_of(&[
        "UBND TỈNH BÌNH THUẬN",
        "VĂN PHÒNG",
        "Số: /VP-NCKSTTHC",
        "Bình Thuận, ngày tháng 11 năm 2024",
        "Kính gửi: Sở Nội vụ",
        "Văn phòng UBND tỉnh gửi Sở Nội vụ báo cáo./.",
    ]);
    assert_eq!(u.name, None);
    assert_eq!(
        u.printed.as_deref(),
        Some("UBND TỈNH BÌNH THUẬN / VĂN PHÒNG")
    );
    assert_eq!(u.province.as_deref(), Some("Bình Thuận"));
    let u = unit_of(&[
        "BỘ NỘI VỤ CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số:5816 /BNV-CCHC Hà Nội, ngày 31 tháng 7 năm 2025",
        "Kính gửi: UBND các tỉnh",
        "Sở Nội vụ báo cáo theo hướng dẫn của tỉnh Lâm Đồng, tỉnh Lâm Đồng.",
    ]);
    assert_eq!((u.name, u.province.as_deref()), (None, Some("Hà Nội")));
}

#[test]
fn table_rows_and_body_mentions_never_name_the_unit() {
    let u = unit_with_table(
        &[
            "PHỤ LỤC I",
            "KẾT QUẢ CHẤM ĐIỂM CÁC XÃ",
            "I. Cấp xã",
            "Theo đề nghị của Sở Nội vụ tỉnh Tuyên Quang, tỉnh Tuyên Quang",
            "1 UBND xã Phú Sơn báo cáo 80",
            "2 UBND xã Đam Rông 75",
        ],
        2,
    );
    assert_eq!(u, Unit::default());
}

#[test]
fn a_caption_names_its_owner() {
    let u = unit_with_table(
        &[
            "BIỂU MẪU THỐNG KÊ SỐ LIỆU QUÝ I NĂM 2023 CỦA UBND HUYỆN KBANG",
            "1 Số văn bản 12",
        ],
        1,
    );
    assert_eq!(u.name.as_deref(), Some("UBND huyện Kbang"));
    assert_eq!(u.source, Some(UnitSource::Caption));
    assert_eq!(u.province, None);
}
