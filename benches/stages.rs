//! Per-stage timings on the shipped fixtures (divan): ingest of each
//! front end, normalise, detect, catalogue + checks, metadata; the parent's
//! share of the worker pipe (decode; the serialisation JSON Lines output skips).
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
            let mut n = stage::assign(&stage::CATALOG, &mut t).len();
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

/// The tests' workbook builder.
#[path = "../tests/common/office.rs"]
mod office;

/// A workbook of one sheet: a heading, a header row and `rows` rows of
/// STT, label, unit, a number under `#,##0` and a percent under `0.00%`.
fn workbook(rows: usize) -> Vec<u8> {
    use office::{n, row, s};
    let styles = r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.00%"/></numFmts><fonts count="1"><font><name val="Times New Roman"/></font></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="3" applyNumberFormat="1"/></cellXfs></styleSheet>"#;
    let mut data = row(1, &[s("A1", "BÁO CÁO THỐNG KÊ")]);
    data += &row(
        3,
        &[
            s("A3", "STT"),
            s("B3", "Chỉ tiêu"),
            s("C3", "Đơn vị tính"),
            s("D3", "Số liệu"),
            s("E3", "Tỷ lệ"),
        ],
    );
    for i in 0..rows {
        let r = i as u32 + 4;
        data += &row(
            r,
            &[
                n(&format!("A{r}"), &(i + 1).to_string()),
                s(
                    &format!("B{r}"),
                    &format!("Số hồ sơ tiếp nhận của đơn vị {i}"),
                ),
                s(&format!("C{r}"), "Hồ sơ"),
                format!(r#"<c r="D{r}" s="2"><v>{}</v></c>"#, 1000 + i * 37),
                format!(r#"<c r="E{r}" s="1"><v>0.{:04}</v></c>"#, i % 10_000),
            ],
        );
    }
    office::xlsx(&data, "", &[("xl/styles.xml", styles.as_bytes())])
}

/// A 10,000-row workbook: calamine alone (open, every sheet's cell range)
/// against the whole spreadsheet ingest (package limits, cells with their
/// formats, merges, grid, lines); the issue's bar is under 3×.
#[divan::bench(args = ["calamine", "ingest"])]
fn workbook_10k_rows(bencher: divan::Bencher, reader: &str) {
    use calamine::Reader;
    let book = workbook(10_000);
    let lines = stage::read(&book, "xlsx")
        .expect("the workbook reads")
        .lines
        .len();
    assert!(lines > 10_000, "{lines} lines");
    bencher.bench(|| match reader {
        "calamine" => {
            let mut wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(
                divan::black_box(&book[..]),
            ))
            .expect("calamine opens it");
            let names = wb.sheet_names();
            names
                .iter()
                .map(|n| wb.worksheet_range(n).map_or(0, |r| r.height()))
                .sum::<usize>()
        }
        _ => stage::read(divan::black_box(&book), "xlsx").map_or(0, |d| d.lines.len()),
    });
}

/// Record lines as a worker writes them: those of `BAOCAO_BENCH_JSONL` (a
/// JSON Lines output) when set, else the records of the fixtures above.
fn worker_lines() -> Vec<String> {
    if let Ok(path) = std::env::var("BAOCAO_BENCH_JSONL") {
        let text = std::fs::read_to_string(path).expect("BAOCAO_BENCH_JSONL readable");
        return text.lines().map(str::to_string).collect();
    }
    FILES
        .iter()
        .map(|f| {
            let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(f);
            baocao::to_json_line(&baocao::extract_file(&p))
        })
        .collect()
}

/// The parent's share of the worker pipe, for all the lines: one typed
/// decode (kept), and the serialisation of the decoded record that JSON
/// Lines output no longer does (it writes the worker's line).
#[divan::bench(args = ["decode", "serialise_again"])]
fn worker_pipe(bencher: divan::Bencher, step: &str) {
    let lines = worker_lines();
    let records: Vec<baocao::Record> = lines
        .iter()
        .map(|l| serde_json::from_str(l).expect("a record line"))
        .collect();
    bencher.bench(|| match step {
        "decode" => lines
            .iter()
            .map(|l| serde_json::from_str::<baocao::Record>(divan::black_box(l)).is_ok() as usize)
            .sum::<usize>(),
        _ => records
            .iter()
            .map(|r| baocao::to_json_line(divan::black_box(r)).len())
            .sum::<usize>(),
    });
}
