//! Plain-text reports typed in legacy encodings (made from the seeds with
//! `../shared/tools/vnlegacy.py`): recognised without font names, decoded,
//! and extracted like their Unicode originals.

mod common;

use common::{fixture_f1, fixture_files};

#[test]
fn tcvn3_and_vni_texts_reach_the_bar() {
    let files = fixture_files(&["fixtures/legacy"], "txt");
    assert_eq!(files.len(), 8, "{files:?}");
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let rec = baocao::extract_file(path);
        assert!(
            rec.warnings.iter().any(|w| w.code == "legacy_encoding"),
            "{name}"
        );
        let f1 = fixture_f1(path, &rec);
        assert!(f1 >= 0.95, "{name}: rows_f1 {f1:.3}");
    }
}

#[test]
fn unicode_seeds_are_not_decoded() {
    for path in common::seeds() {
        let rec = baocao::extract_file(&path);
        assert!(
            !rec.warnings.iter().any(|w| w.code == "legacy_encoding"),
            "{}",
            path.display()
        );
    }
}

/// The five gold reports rendered with `render_report.py --encoding
/// tcvn3|vni|nfd`, each in `dir` as `ext`, reach rows_f1 0.97.
fn legacy_renderings_reach_the_bar(dir: &str, ext: &str) {
    let files = fixture_files(&[dir], ext);
    assert_eq!(files.len(), 15, "{files:?}");
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let rec = baocao::extract_file(path);
        let f1 = fixture_f1(path, &rec);
        assert!(f1 >= 0.97, "{name}: rows_f1 {f1:.3}");
        let legacy = rec.warnings.iter().any(|w| w.code == "legacy_encoding");
        assert_eq!(
            legacy,
            !name.contains(".nfd."),
            "{name}: {:?}",
            rec.warnings
        );
    }
}

/// DOCX renderings whose runs are set in .VnTime (TCVN3) or VNI-Times, or
/// hold decomposed (NFD) text: decoded run by run from the font names.
#[test]
fn legacy_font_docx_reach_the_bar() {
    legacy_renderings_reach_the_bar("fixtures/legacy/docx", "docx");
}

/// LibreOffice PDFs of the same renderings. The legacy fonts were not
/// installed, so the PDFs name a substitute (DejaVu Sans): the encoding is
/// found by statistics, font by font, and the wider substitute wraps STT
/// cells ("3.3." / "1") and header cells.
#[test]
fn legacy_font_pdfs_reach_the_bar() {
    legacy_renderings_reach_the_bar("fixtures/legacy/pdf", "pdf");
}

/// Seed 000 as raw VISCII, VPS, Windows-1258 and VIQR bytes (made with
/// `tests/data/make_legacy_fixtures.py`): read, recognised without font
/// names, decoded and extracted like the Unicode original.
#[test]
fn viscii_vps_cp1258_and_viqr_texts_reach_the_bar() {
    let files = fixture_files(&["fixtures/legacy/8bit"], "txt");
    assert_eq!(files.len(), 4, "{files:?}");
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let enc = name.split('.').nth(1).unwrap();
        let rec = baocao::extract_file(path);
        let warning = rec.warnings.iter().find(|w| w.code == "legacy_encoding");
        assert!(
            warning.is_some_and(|w| w.message.to_lowercase().contains(enc)),
            "{name}: {:?}",
            rec.warnings
        );
        let f1 = fixture_f1(path, &rec);
        assert!(f1 >= 0.95, "{name}: rows_f1 {f1:.3}");
    }
}

/// TCVN3 texts whose "ư" (the soft hyphen, 0xAD) a tool dropped: 000 and
/// 002 from `fixtures/legacy/`, and 003's DOCX rendering (text whose words
/// the shipped word counts never saw) put through `vnlegacy.py`. The letter
/// is put back where a word needs it or its neighbours ask for it.
#[test]
fn tcvn3_texts_that_lost_u_horn_reach_the_bar() {
    let files = fixture_files(&["fixtures/legacy/dropped"], "txt");
    assert_eq!(files.len(), 3, "{files:?}");
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let rec = baocao::extract_file(path);
        let f1 = fixture_f1(path, &rec);
        assert!(f1 >= 0.95, "{name}: rows_f1 {f1:.3}");
        let repaired = rec
            .tables
            .iter()
            .flat_map(|t| &t.rows)
            .flat_map(|r| &r.repairs);
        assert!(
            repaired
                .clone()
                .any(|r| r.restored.contains('ư') && !r.damaged.contains('ư')),
            "{name}"
        );
    }
}

/// Seed 000 with its narrative in Unicode and its tables (from line 669 on)
/// in TCVN3, as when a legacy table is pasted into a Unicode report: only
/// the legacy region is decoded.
#[test]
fn a_legacy_region_in_a_unicode_text_is_decoded_alone() {
    let files = fixture_files(&["fixtures/legacy/mixed"], "txt");
    assert_eq!(files.len(), 1, "{files:?}");
    let rec = baocao::extract_file(&files[0]);
    let f1 = fixture_f1(&files[0], &rec);
    assert!(f1 >= 0.95, "rows_f1 {f1:.3}");
    let legacy = legacy_warnings(&rec);
    assert_eq!(legacy.len(), 1, "{legacy:?}");
    assert!(legacy[0].contains("lines 669–"), "{legacy:?}");
}

/// The messages of a record's `legacy_encoding` warnings.
fn legacy_warnings(rec: &baocao::Record) -> Vec<&str> {
    rec.warnings
        .iter()
        .filter(|w| w.code == "legacy_encoding")
        .map(|w| w.message.as_str())
        .collect()
}

/// A real Word 97 form (fixtures/legacy/word97/de_tai_khcn_2009.doc) whose runs name
/// no font: a Unicode body with a TCVN3 section typed in (its "Lý lịch khoa
/// học"). The section is found as a region and decoded; the body is not.
#[test]
fn a_legacy_section_in_runs_without_font_names_is_decoded() {
    let path = common::root().join("fixtures/legacy/word97/de_tai_khcn_2009.doc");
    let bytes = std::fs::read(&path).expect("fixture");
    let doc = baocao::internals::read(&bytes, "doc").expect("readable");
    assert!(doc
        .lines
        .iter()
        .flat_map(|l| &l.runs)
        .all(|r| r.font.is_none()));
    let doc = baocao::internals::normalize_doc(doc);
    let text: String = doc.lines.iter().map(|l| l.text.as_str()).collect();
    for decoded in ["Lý lịch khoa học", "Đăng ký chủ nhiệm đề tài", "Năm sinh"] {
        assert!(text.contains(decoded), "{decoded}");
    }
    // Letters TCVN3 text shows when read as Windows-1252 ("n¨m", "vµ").
    let undecoded = text.chars().filter(|c| "µ¸§ª¨©®¬÷ñ".contains(*c)).count();
    assert_eq!(undecoded, 0);
    let rec = baocao::extract_file(&path);
    let legacy = legacy_warnings(&rec);
    assert_eq!(legacy.len(), 1, "{legacy:?}");
    assert!(legacy[0].contains("the text of lines"), "{legacy:?}");
}
