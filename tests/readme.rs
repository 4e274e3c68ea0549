//! The README against a real run: its quick start (`baocao extract fixtures
//! --output-dir out`) must print what the README shows, numbers aside (the
//! summary line's shape exactly; every other sample line somewhere in the
//! run's stderr), and the README stays a user's page: under 350 lines, with
//! the license files it names beside it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn readme() -> String {
    fs::read_to_string(root().join("README.md")).expect("README.md")
}

/// `line` with every run of digits (and decimal point) replaced by `#`.
fn shape(line: &str) -> String {
    let mut out = String::new();
    let mut in_number = false;
    for c in line.chars() {
        let digit = c.is_ascii_digit() || (in_number && c == '.');
        if digit && !in_number {
            out.push('#');
        } else if !digit {
            out.push(c);
        }
        in_number = digit;
    }
    out
}

/// The stderr sample of the README's quick start: the lines of the first
/// fenced block after `## Quick start` whose lines all start `baocao: `.
fn quick_start_sample(readme: &str) -> Vec<String> {
    let section = readme
        .split("\n## Quick start")
        .nth(1)
        .expect("a Quick start section");
    let section = section.split("\n## ").next().unwrap_or(section);
    section
        .split("```")
        .skip(1)
        .step_by(2)
        .map(|block| {
            block
                .lines()
                .skip(1)
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .find(|lines| !lines.is_empty() && lines.iter().all(|l| l.starts_with("baocao: ")))
        .expect("a block of baocao: lines in the Quick start")
}

/// The regular expression the README gives for the summary line (the
/// inline code span that starts with `^baocao: `).
fn documented_summary_pattern(readme: &str) -> regex::Regex {
    let start = readme
        .find("`^baocao: ")
        .expect("a summary pattern in the README")
        + 1;
    let end = start
        + readme[start..]
            .find('`')
            .expect("the pattern's closing backquote");
    regex::Regex::new(&readme[start..end]).expect("a valid pattern")
}

/// A fresh output directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

#[test]
fn quick_start_output_matches_the_readme() {
    let sample = quick_start_sample(&readme());
    let out_dir =
        TempDir(std::env::temp_dir().join(format!("baocao-readme-{}", std::process::id())));
    let _ = fs::remove_dir_all(&out_dir.0);
    let out = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .current_dir(root())
        .args(["extract", "fixtures", "--output-dir"])
        .arg(&out_dir.0)
        .output()
        .expect("run baocao");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let real: Vec<&str> = stderr.lines().collect();
    let (summary, others) = sample.split_last().expect("a summary line");
    assert_eq!(
        shape(summary),
        shape(real.last().copied().unwrap_or_default()),
        "the README's summary line and the run's differ in shape:\n{stderr}"
    );
    let real_shapes: Vec<String> = real.iter().map(|l| shape(l)).collect();
    for line in others {
        assert!(
            real_shapes.contains(&shape(line)),
            "the README shows a line the run does not print: {line}\nrun:\n{stderr}"
        );
    }
    // The pattern the README gives for parsing the summary line matches it.
    let pattern = documented_summary_pattern(&readme());
    let summary = real.last().copied().unwrap_or_default();
    let caps = pattern.captures(summary).unwrap_or_else(|| {
        panic!("the README's pattern {pattern} does not match the summary: {summary}")
    });
    let count = |i: usize| caps[i].parse::<usize>().expect("a count");
    assert_eq!(count(1), count(2) + count(3) + count(4), "N = A + B + C");
    // The README says the locked PDF makes the exit code 1.
    assert_eq!(out.status.code(), Some(1), "{stderr}");
}

#[test]
fn readme_is_a_users_page_and_the_licenses_are_there() {
    let lines = readme().lines().count();
    assert!(
        lines < 350,
        "README.md has {lines} lines; move internals to docs/"
    );
    for file in ["LICENSE-MIT", "LICENSE-APACHE"] {
        assert!(root().join(file).is_file(), "{file} missing");
    }
}

#[test]
fn shapes_ignore_numbers_only() {
    assert_eq!(
        shape("baocao: 80 documents (78 with tables), 12701 rows in 1.18 s"),
        "baocao: # documents (# with tables), # rows in # s"
    );
    assert_ne!(
        shape("5 documents (5 ok, 0 failed)"),
        shape("5 documents (5 with tables, 0 failed)")
    );
}
