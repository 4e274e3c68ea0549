//! Real signed government PDFs whose number and day were stamped by the
//! signing tool as annotation appearances (`/Annots` → `/AP /N`), read from
//! `../shared/real/` (skipped with a message when that folder is missing),
//! and a scan whose only text is a signature stamp.

mod common;

use std::path::PathBuf;

fn real(rel: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/real")
        .join(rel);
    if p.is_file() {
        Some(p)
    } else {
        eprintln!(
            "skipped: {} is missing (the shared real corpus)",
            p.display()
        );
        None
    }
}

/// (file, number, date) of stamped reports: a signature widget on the
/// blank after "Số:" and "ngày" (vbai/013); a stamp drawn half a line above
/// "Số:" (vbai/159); a submission without a "BÁO CÁO" head (vbai/006).
const STAMPED: [(&str, &str, &str); 3] = [
    (
        "vbai/013_Bao_cao_cac_chi_so_cua_tinh_28.11.pdf",
        "228/BC-SNV",
        "2025-11-28",
    ),
    (
        "vbai/159_12094_CV_HuongdantrienkhaiDean_2025.pdf",
        "12094/BNV-CCHC",
        "2025-12-15",
    ),
    (
        "vbai/006_To_trinh_sua_doi_bo_sung_Dieu_le_Quy_Khuyen_hoc.signed.signed.kydauden.pdf",
        "108/TTr-SNV",
        "2025-03-12",
    ),
];

#[test]
fn stamped_number_and_day_reach_the_report() {
    for (file, number, date) in STAMPED {
        let Some(path) = real(file) else { continue };
        let rec = baocao::extract_file(&path);
        assert!(rec.error.is_none(), "{file}: {:?}", rec.error);
        assert_eq!(rec.report.number.as_deref(), Some(number), "{file}");
        assert_eq!(rec.report.date.as_deref(), Some(date), "{file}");
    }
}

/// A scanned page (no text of its own) under a signature widget whose
/// appearance prints "Ký bởi: …": still a scan that needs OCR.
#[test]
fn a_scan_with_only_a_signature_stamp_has_no_text_layer() {
    use lopdf::{dictionary, Stream};
    let bytes = common::pdf::one_page(b"0 0 m 100 100 l S", |doc, font| {
        let stamp = doc.add_object(Stream::new(
            dictionary! {
                "Type" => "XObject", "Subtype" => "Form",
                "BBox" => vec![0.into(), 0.into(), 200.into(), 20.into()],
                "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
            },
            b"BT /F1 10 Tf 2 4 Td (Signed by: So Noi vu) Tj ET".to_vec(),
        ));
        let widget = doc.add_object(dictionary! {
            "Type" => "Annot", "Subtype" => "Widget", "FT" => "Sig", "F" => 132,
            "Rect" => vec![300.into(), 800.into(), 500.into(), 820.into()],
            "AP" => dictionary! { "N" => stamp },
        });
        vec![widget.into()]
    });
    let rec = baocao::extract_bytes("signed-scan.pdf", &bytes);
    assert_eq!(rec.error.map(|e| e.code).as_deref(), Some("no_text_layer"));
}
