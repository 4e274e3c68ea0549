//! The README's library example: one report read with the library alone
//! (it needs none of the `cli` feature's crates), its rows printed, then
//! its record as one JSON line.
//!
//! `cargo run --example library [PATH]`

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "fixtures/seeds/002_07c36b5fc73a7765.txt".to_string());
    let record = baocao::extract_file(path.as_ref());
    if let Some(error) = &record.error {
        eprintln!("failed: {} ({})", error.message, error.code);
    }
    for table in &record.tables {
        for row in &table.rows {
            println!("{}\t{}\t{}", row.stt, row.label, row.value.raw);
        }
    }
    println!("{}", baocao::to_json_line(&record));
}
