//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod docx;
pub mod office;
pub mod pdf;

use baocao::model::Record;
use serde_json::Value as Json;
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

/// The crate's root folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seed renderings shipped in `fixtures/seeds`, sorted.
pub fn seeds() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("fixtures/seeds"))
        .expect("fixtures/seeds exists")
        .map(|e| e.expect("readable dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    v
}

/// Canonical text for comparing with gold: NFC, white space collapsed, each
/// word's tone marks compared as a set ("hoà" equals "hòa").
pub fn canon(s: &str) -> String {
    const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let nfc: String = s.nfc().collect();
    nfc.split_whitespace()
        .map(|w| {
            let d: Vec<char> = w.nfd().collect();
            let mut tones: Vec<char> = d.iter().copied().filter(|c| TONES.contains(c)).collect();
            tones.sort_unstable();
            let base: String = d
                .iter()
                .filter(|c| !TONES.contains(c))
                .collect::<String>()
                .nfc()
                .collect();
            if tones.is_empty() {
                base
            } else {
                format!("{base}~{}", tones.into_iter().collect::<String>())
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// One row's scored fields, canonicalised.
pub fn key_fields(stt: &str, label: &str, unit: &str, value: &str, note: &str) -> [String; 5] {
    [
        canon(stt),
        canon(label),
        canon(unit),
        canon(value),
        canon(note),
    ]
}

pub fn gold_rows(gold: &Json) -> Vec<[String; 5]> {
    let s = |r: &Json, k: &str| r[k].as_str().unwrap_or("").to_string();
    gold["tables"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|t| t["rows"].as_array().cloned().unwrap_or_default())
        .map(|r| {
            key_fields(
                &s(&r, "stt"),
                &s(&r, "label"),
                &s(&r, "unit"),
                &s(&r, "value"),
                &s(&r, "note"),
            )
        })
        .collect()
}

pub fn our_rows(rec: &Record) -> Vec<[String; 5]> {
    rec.tables
        .iter()
        .flat_map(|t| &t.rows)
        .map(|r| key_fields(&r.stt, &r.label, &r.unit, &r.value.raw, &r.note))
        .collect()
}

/// Row F1 with rows matched in order by equal content (a longest common
/// subsequence), so a missing or extra row costs only itself.
pub fn row_f1(gold: &[[String; 5]], ours: &[[String; 5]]) -> f64 {
    let (n, m) = (gold.len(), ours.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if gold[i] == ours[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let correct = f64::from(lcs[0][0]);
    if correct == 0.0 {
        return 0.0;
    }
    let (p, r) = (correct / m as f64, correct / n as f64);
    2.0 * p * r / (p + r)
}

pub fn gold_for(stem: &str) -> Json {
    let text = std::fs::read_to_string(root().join(format!("fixtures/gold/{stem}.json")))
        .expect("gold file");
    serde_json::from_str(&text).expect("gold is JSON")
}

/// The nine metadata fields the scorer compares, from a gold file.
pub fn gold_meta(gold: &Json) -> Vec<String> {
    let m = &gold["meta"];
    let p = &m["period"];
    [
        &m["unit"],
        &m["unit_level"],
        &m["province"],
        &p["kind"],
        &p["year"],
        &p["quarter"],
        &m["number"],
        &m["date"],
        &m["signer"],
    ]
    .iter()
    .map(|v| canon(&v.to_string()))
    .collect()
}

pub fn our_meta(rec: &Record) -> Vec<String> {
    let r = &rec.report;
    let j = |v: serde_json::Value| canon(&v.to_string());
    let p = r.period.as_ref();
    vec![
        j(r.unit.name.clone().into()),
        j(r.unit.level.map(|l| l.as_str()).into()),
        j(r.unit.province.clone().into()),
        j(p.map(|p| p.kind.as_str()).into()),
        j(p.and_then(|p| p.year).into()),
        j(p.and_then(|p| p.quarter).into()),
        j(r.number.clone().into()),
        j(r.date.clone().into()),
        j(r.signer.clone().into()),
    ]
}

/// Share of the nine metadata fields equal to gold.
pub fn meta_matches(gold: &Json, rec: &Record) -> (usize, usize) {
    let (g, o) = (gold_meta(gold), our_meta(rec));
    (g.iter().zip(&o).filter(|(a, b)| a == b).count(), g.len())
}

/// Files with extension `ext` directly in the given fixture folders, sorted.
/// Row F1 of a fixture's record against the gold of the report its file
/// name starts with ("000_….tcvn3.pdf" → gold 000_…).
#[allow(dead_code)]
pub fn fixture_f1(path: &std::path::Path, rec: &Record) -> f64 {
    let name = path.file_name().unwrap().to_string_lossy();
    let stem = name.split('.').next().unwrap();
    row_f1(&gold_rows(&gold_for(stem)), &our_rows(rec))
}

/// The seed whose file name starts with `prefix` ("003_").
#[allow(dead_code)]
pub fn seed(prefix: &str) -> PathBuf {
    seeds()
        .into_iter()
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .expect("seed")
}

pub fn fixture_files(dirs: &[&str], ext: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in dirs {
        for e in std::fs::read_dir(root().join(dir)).expect("fixture dir") {
            let path = e.expect("entry").path();
            if path.extension().is_some_and(|x| x == ext) {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Renderings of gold reports (named `<seed stem>.<variant>.<ext>`): each
/// must reach `min_f1` rows F1 and be read as `format`; the metadata over
/// all of them must reach `min_meta`.
pub fn assert_renderings(files: &[PathBuf], format: &str, min_f1: f64, min_meta: f64) {
    let (mut ok, mut total) = (0, 0);
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let rec = baocao::extract_file(path);
        assert_eq!(rec.source.format, format, "{name}");
        let gold = gold_for(name.split('.').next().unwrap());
        let f1 = row_f1(&gold_rows(&gold), &our_rows(&rec));
        assert!(f1 >= min_f1, "{name}: rows_f1 {f1:.3}");
        let (m, n) = meta_matches(&gold, &rec);
        ok += m;
        total += n;
    }
    let meta = ok as f64 / total as f64;
    assert!(meta >= min_meta, "meta_acc {meta:.3}");
}

/// Compares `got` with the reviewed expected file; with `BAOCAO_BLESS=1` in
/// the environment, writes it instead (creating its directory). True when
/// they agree (or after blessing).
#[allow(dead_code)]
pub fn matches_expected(got: &str, expected_path: &Path) -> bool {
    if std::env::var_os("BAOCAO_BLESS").is_some() {
        std::fs::create_dir_all(expected_path.parent().expect("a parent")).unwrap();
        std::fs::write(expected_path, got).unwrap();
        return true;
    }
    let expected = std::fs::read_to_string(expected_path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with BAOCAO_BLESS=1 to create)",
            expected_path.display()
        )
    });
    got == expected
}
