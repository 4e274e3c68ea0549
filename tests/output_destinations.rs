//! `--output` never renames over what is not a regular file: a FIFO with a
//! reader gets the records in place and stays a FIFO, a descriptor path
//! (`/proc/self/fd/N`, what `/dev/stdout` leads to) is written in place, a
//! symbolic link stays and its target is replaced, a directory is refused,
//! and `--resume` refuses a destination it cannot keep records in.

use std::fs;
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const REPORT: &str = "ỦY BAN NHÂN DÂN\nHUYỆN KBANG\nSố: 12/BC-UBND\n\
Kbang, ngày 15 tháng 3 năm 2023\nBÁO CÁO\n\
Tình hình thực hiện công tác cải cách hành chính quý I năm 2023\n";

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("baocao-dest-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn extract_to(input: &Path, output: &Path, more: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(["extract", "--no-progress", "--format", "jsonl"])
        .arg(input)
        .arg("--output")
        .arg(output)
        .args(more)
        .output()
        .expect("run baocao")
}

fn one_record(text: &str) -> serde_json::Value {
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "one JSON line: {text}");
    serde_json::from_str(lines[0]).expect("a JSON record")
}

#[test]
fn a_fifo_with_a_reader_gets_the_records_and_stays_a_fifo() {
    let dir = temp_dir("fifo");
    let input = dir.join("a.txt");
    fs::write(&input, REPORT).expect("input");
    let fifo = dir.join("pipe.jsonl");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let reader = Command::new("cat")
        .arg(&fifo)
        .stdout(Stdio::piped())
        .spawn()
        .expect("reader");
    let out = extract_to(&input, &fifo, &[]);
    let read = reader.wait_with_output().expect("reader ends");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let record = one_record(&String::from_utf8_lossy(&read.stdout));
    assert_eq!(record["report"]["number"], "12/BC-UBND");
    assert!(fs::symlink_metadata(&fifo)
        .expect("meta")
        .file_type()
        .is_fifo());
    assert_eq!(
        fs::read_dir(&dir).expect("list").count(),
        2,
        "no temporary file left"
    );
    let resumed = extract_to(&input, &fifo, &["--resume"]);
    assert_eq!(
        resumed.status.code(),
        Some(2),
        "--resume into a FIFO is refused"
    );
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn dev_stdout_is_written_in_place() {
    let dir = temp_dir("stdout");
    let input = dir.join("a.txt");
    fs::write(&input, REPORT).expect("input");
    let captured = dir.join("captured.jsonl");
    let sink = fs::File::create(&captured).expect("capture file");
    // The child's /proc/self/fd/1 is `captured`: written through, not replaced.
    let out = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(["extract", "--no-progress", "--format", "jsonl"])
        .arg(&input)
        .args(["--output", "/proc/self/fd/1"])
        .stdout(sink)
        .output()
        .expect("run baocao");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let record = one_record(&fs::read_to_string(&captured).expect("read"));
    assert_eq!(record["report"]["number"], "12/BC-UBND");
    assert_eq!(fs::read_dir(&dir).expect("list").count(), 2);
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_symlink_stays_and_its_target_is_replaced() {
    let dir = temp_dir("link");
    let input = dir.join("a.txt");
    fs::write(&input, REPORT).expect("input");
    fs::create_dir_all(dir.join("data")).expect("data dir");
    fs::write(dir.join("data/out.jsonl"), "old\n").expect("target");
    let link = dir.join("link.jsonl");
    std::os::unix::fs::symlink("data/out.jsonl", &link).expect("link");
    let out = extract_to(&input, &link, &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(fs::symlink_metadata(&link)
        .expect("meta")
        .file_type()
        .is_symlink());
    let record = one_record(&fs::read_to_string(dir.join("data/out.jsonl")).expect("read"));
    assert_eq!(record["report"]["number"], "12/BC-UBND");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_directory_as_output_file_is_a_usage_error() {
    let dir = temp_dir("dir");
    let input = dir.join("a.txt");
    fs::write(&input, REPORT).expect("input");
    let out = extract_to(&input, &dir, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(dir.is_dir());
    let _ = fs::remove_dir_all(&dir);
}
