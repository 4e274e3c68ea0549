//! Per-stage timings on the shipped fixtures (divan): ingest of each
//! front end, normalise, detect, catalogue + checks, metadata.
//! Run with `cargo bench --bench stages`.

use baocao::ingest::{self, SourceDoc};
use baocao::{catalog, check, detect, meta, normalize};
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
    ingest::read(&b, &ext).expect("readable fixture")
}

#[divan::bench(args = FILES)]
fn ingest(bencher: divan::Bencher, path: &str) {
    let (b, ext) = bytes(path);
    bencher.bench(|| ingest::read(divan::black_box(&b), &ext).map(|d| d.lines.len()));
}

#[divan::bench(args = FILES)]
fn normalize(bencher: divan::Bencher, path: &str) {
    let doc = read(path);
    bencher
        .with_inputs(|| doc.clone())
        .bench_values(|d| normalize::normalize_doc(d).lines.len());
}

#[divan::bench(args = FILES)]
fn detect(bencher: divan::Bencher, path: &str) {
    let doc = normalize::normalize_doc(read(path));
    bencher.bench(|| {
        detect::detect_tables(divan::black_box(&doc.lines))
            .tables
            .len()
    });
}

#[divan::bench(args = FILES)]
fn catalog_and_checks(bencher: divan::Bencher, path: &str) {
    let doc = normalize::normalize_doc(read(path));
    let tables = detect::detect_tables(&doc.lines).tables;
    bencher
        .with_inputs(|| tables.clone())
        .bench_values(|mut t| {
            let mut n = catalog::assign(&mut t).len();
            n += check::check_tables(&t, &*catalog::CATALOG).len();
            n
        });
}

#[divan::bench(args = FILES)]
fn metadata(bencher: divan::Bencher, path: &str) {
    let doc = normalize::normalize_doc(read(path));
    let tables = detect::detect_tables(&doc.lines).tables;
    bencher.bench(|| meta::extract(divan::black_box(&doc.lines), &tables).title);
}
