//! `patterns/ngrams.tsv`, the word context for restoring lost letters, is
//! the syllable counts of the clean seed reports. This test rebuilds it from
//! them; refresh it with `BAOCAO_BLESS=1 cargo test --test ngrams`.
//! Seed 003 is left out: its PDF text lost letters (and it is the test of
//! the repair).

use baocao::internals::{ngram::Counts, text};
use std::fs;

const SOURCES: [&str; 4] = [
    "fixtures/seeds/000_ba21f554f00fdddf.txt",
    "fixtures/seeds/001_ab3b4a8e0ce935e7.txt",
    "fixtures/seeds/002_07c36b5fc73a7765.txt",
    "fixtures/seeds/004_25f0b4bb8e546645.txt",
];

const FILE: &str = "patterns/ngrams.tsv";

#[test]
fn shipped_ngrams_are_the_counts_of_the_clean_seeds() {
    let mut counts = Counts::default();
    for path in SOURCES {
        counts.add_text(&text(&fs::read_to_string(path).expect("seed")));
    }
    let built = counts.to_tsv();
    if std::env::var_os("BAOCAO_BLESS").is_some() {
        fs::write(FILE, &built).expect("write");
    }
    let shipped = fs::read_to_string(FILE).expect("ngrams");
    assert!(
        shipped == built,
        "{FILE} is out of date: run BAOCAO_BLESS=1 cargo test --test ngrams"
    );
}
