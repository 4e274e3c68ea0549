//! Per-stage timings on the shipped fixtures (divan): ingest of each
//! front end, normalise, detect, catalogue + checks, metadata.
//! Run with `cargo bench --bench stages`.

use baocao::internals::{self as stage, SourceDoc};
use std::path::Path;

fn main() {
    divan::main();
}

const FILES: [&str; 4] = [
    "fixtures/rendered/000_ba21f554f00fdddf.render.pdf",
    "fixtures/rendered/000_ba21f554f00fdddf.render.docx",
    "fixtures/seeds/000_ba21f554f00fdddf.txt",
    "fixtures/seeds/003_5861b1071b6d393a.txt",
];

fn bytes(path: &str) -> (Vec<u8>, String) {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    let ext = p.extension().unwrap().to_string_lossy().into_owned();
    (std::fs::read(p).expect("fixture"), ext)
}

fn read(path: &str) -> SourceDoc {
    let (b, ext) = bytes(path);
    stage::read(&b, &ext).expect("readable fixture")
}

#[divan::bench(args = FILES)]
fn ingest(bencher: divan::Bencher, path: &str) {
    let (b, ext) = bytes(path);
    bencher.bench(|| stage::read(divan::black_box(&b), &ext).map(|d| d.lines.len()));
}

#[divan::bench(args = FILES)]
fn normalize(bencher: divan::Bencher, path: &str) {
    let doc = read(path);
    bencher
        .with_inputs(|| doc.clone())
        .bench_values(|d| stage::normalize_doc(d).lines.len());
}

#[divan::bench(args = FILES)]
fn detect(bencher: divan::Bencher, path: &str) {
    let doc = stage::normalize_doc(read(path));
    bencher.bench(|| {
        stage::detect_tables(divan::black_box(&doc.lines))
            .tables
            .len()
    });
}

#[divan::bench(args = FILES)]
fn catalog_and_checks(bencher: divan::Bencher, path: &str) {
    let doc = stage::normalize_doc(read(path));
    let tables = stage::detect_tables(&doc.lines).tables;
    bencher
        .with_inputs(|| tables.clone())
        .bench_values(|mut t| {
            let mut n = stage::assign(&mut t).len();
            n += stage::check_tables(&t, &*stage::CATALOG).len();
            n
        });
}

#[divan::bench(args = FILES)]
fn metadata(bencher: divan::Bencher, path: &str) {
    let doc = stage::normalize_doc(read(path));
    let tables = stage::detect_tables(&doc.lines).tables;
    bencher.bench(|| {
        stage::metadata(divan::black_box(&doc.lines), &tables)
            .report
            .title
    });
}

/// The tests' one-page PDF builder.
#[path = "../tests/common/pdf.rs"]
mod pdf;

/// A one-page PDF drawing a ruled table of `n` cells, each cell's top and
/// left edge a filled bar of its own (as Word draws borders) and one glyph
/// in it: `n` glyphs and about `2n` rules.
fn dense_page(n: usize) -> Vec<u8> {
    let side = (n as f64).sqrt().ceil() as usize;
    let step = 550.0 / side as f64;
    let mut content = String::from("BT /F1 4 Tf ET ");
    for r in 0..side {
        for c in 0..side {
            let (x, y) = (20.0 + c as f64 * step, 780.0 - r as f64 * step);
            content.push_str(&format!(
                "{x:.2} {y:.2} {step:.2} 0.5 re f {x:.2} {:.2} 0.5 {step:.2} re f \
                 BT /F1 4 Tf {:.2} {:.2} Td (7) Tj ET ",
                y - step,
                x + 1.0,
                y - step + 1.0
            ));
        }
    }
    pdf::one_page(content.as_bytes(), |_, _| Vec::new())
}

/// Bounded work per page: reading a page of 1 000 and of 10 000 cells
/// (glyphs, and twice as many rules) should differ by about 10×.
#[divan::bench(args = [1_000, 10_000])]
fn dense_pdf_page(bencher: divan::Bencher, cells: usize) {
    let pdf = dense_page(cells);
    let read = stage::read(&pdf, "pdf").expect("dense page reads");
    assert!(
        read.lines.iter().any(|l| l.cells.is_some()),
        "the page is read as a ruled table"
    );
    bencher.bench(|| stage::read(divan::black_box(&pdf), "pdf").map(|d| d.lines.len()));
}
