//! End-to-end tests of the `baocao extract` and `baocao text` command lines.
//!
//! `extract` inputs are tiny Vietnamese texts written by the tests; nothing
//! here depends on what the detector finds, only on the record envelope.
//! `text` runs on the shipped fixtures (seed text, DOCX, PDF, TCVN3 text).

use serde_json::Value;
use std::fs;
use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

const REPORT: &str = "ỦY BAN NHÂN DÂN\nHUYỆN KBANG\nSố: 12/BC-UBND\n\
Kbang, ngày 15 tháng 3 năm 2023\nBÁO CÁO\n\
Tình hình thực hiện công tác cải cách hành chính quý I năm 2023\n\
I. KẾT QUẢ THỰC HIỆN\n1. Công tác chỉ đạo, điều hành\n";

/// A fresh, empty directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let dir =
            std::env::temp_dir().join(format!("baocao-cli-{name}-{}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }

    /// Writes `text` to `rel` (creating parent directories) and returns its path.
    fn file(&self, rel: &str, text: &str) -> PathBuf {
        let path = self.0.join(rel);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(&path, text).expect("write input");
        path
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.0.join(rel)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn baocao(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(args.iter().map(|a| a.as_ref()))
        .output()
        .expect("run baocao")
}

fn lines(bytes: &[u8]) -> Vec<Value> {
    String::from_utf8(bytes.to_vec())
        .expect("utf-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is a JSON object"))
        .collect()
}

fn path_of(record: &Value) -> &str {
    record["source"]["path"].as_str().expect("source.path")
}

fn error_code(record: &Value) -> Option<&str> {
    record["error"]["code"].as_str()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn several_inputs_give_json_lines_in_input_order() {
    let t = TempDir::new("order");
    let b = t.file("b.txt", REPORT);
    let a = t.file("a.txt", REPORT);
    let missing = t.path("missing.txt");
    let empty = t.file("empty.txt", "");
    let out = baocao(&[&"extract", &b, &missing, &a, &empty]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let records = lines(&out.stdout);
    let paths: Vec<&str> = records.iter().map(path_of).collect();
    let expected: Vec<String> = [&b, &missing, &a, &empty]
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    assert_eq!(paths, expected);
    assert_eq!(error_code(&records[0]), None);
    assert_eq!(error_code(&records[1]), Some("io"));
    assert_eq!(error_code(&records[2]), None);
    assert_eq!(error_code(&records[3]), Some("empty_input"));
    for record in &records {
        assert_eq!(record["schema_version"], 1);
    }
    assert!(
        stderr(&out).contains("4 documents (0 with tables, 2 without tables, 2 failed)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn all_good_inputs_exit_0_with_a_summary_line() {
    let t = TempDir::new("good");
    let a = t.file("a.txt", REPORT);
    let b = t.file("b.md", REPORT);
    let out = baocao(&[&"extract", &a, &b, &"--no-progress"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(lines(&out.stdout).len(), 2);
    let err = stderr(&out);
    let summary = err.lines().last().expect("a summary line");
    assert!(
        summary.starts_with("baocao: 2 documents (0 with tables, 2 without tables, 0 failed), ")
            && summary.contains(" tables, ")
            && summary.contains(" rows in ")
            && summary.ends_with(" s"),
        "{summary}"
    );
}

#[test]
fn a_directory_is_recursed_and_sorted() {
    let t = TempDir::new("dir");
    t.file("in/sub/z.txt", REPORT);
    t.file("in/b.md", REPORT);
    t.file("in/a.txt", REPORT);
    t.file("in/C.TXT", REPORT);
    t.file("in/notes.json", "{}");
    t.file("in/README", "not a report");
    let single = t.file("single.txt", REPORT);
    let out = baocao(&[&"extract", &single, &t.path("in")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let records = lines(&out.stdout);
    let paths: Vec<&str> = records.iter().map(path_of).collect();
    let expected: Vec<String> = [
        "single.txt",
        "in/C.TXT",
        "in/a.txt",
        "in/b.md",
        "in/sub/z.txt",
    ]
    .iter()
    .map(|rel| t.path(rel).to_string_lossy().into_owned())
    .collect();
    assert_eq!(paths, expected);
}

#[test]
fn an_unsupported_file_named_explicitly_becomes_an_error_record() {
    let t = TempDir::new("unsupported");
    let json = t.file("data.json", "{}");
    let out = baocao(&[&"extract", &json]);
    assert_eq!(out.status.code(), Some(1));
    let records = lines(&out.stdout);
    assert_eq!(records.len(), 1);
    assert_eq!(error_code(&records[0]), Some("unsupported_format"));
}

#[test]
fn output_with_one_input_is_one_pretty_object() {
    let t = TempDir::new("one");
    let a = t.file("a.txt", REPORT);
    let dest = t.path("out/record.json");
    fs::create_dir_all(t.path("out")).expect("mkdir");
    let out = baocao(&[&"extract", &a, &"--output", &dest]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let text = fs::read_to_string(&dest).expect("output written");
    assert!(text.starts_with("{\n  \"schema_version\": 1,"), "{text}");
    let record: Value = serde_json::from_str(&text).expect("one JSON object");
    assert_eq!(path_of(&record), a.to_string_lossy());
    // Written atomically: only the final file is left.
    let left: Vec<_> = fs::read_dir(t.path("out")).expect("list").collect();
    assert_eq!(left.len(), 1);
}

#[test]
fn output_with_several_inputs_is_json_lines() {
    let t = TempDir::new("several");
    let a = t.file("a.txt", REPORT);
    let b = t.file("b.txt", REPORT);
    let dest = t.path("all.jsonl");
    let out = baocao(&[&"extract", &b, &a, &"--output", &dest]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let records = lines(&fs::read(&dest).expect("output written"));
    let paths: Vec<&str> = records.iter().map(path_of).collect();
    assert_eq!(paths, [b.to_string_lossy(), a.to_string_lossy()]);
}

#[test]
fn output_dir_writes_one_file_per_input_with_unique_stems() {
    let t = TempDir::new("outdir");
    let first = t.file("x/report.txt", REPORT);
    let second = t.file("y/report.md", REPORT);
    let other = t.file("other.txt", REPORT);
    let dir = t.path("out/nested");
    let out = baocao(&[&"extract", &first, &second, &other, &"--output-dir", &dir]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("report-2.json"), "{}", stderr(&out));
    let mut names: Vec<String> = fs::read_dir(&dir)
        .expect("dir created")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["other.json", "report-2.json", "report.json"]);
    let read = |name: &str| -> Value {
        let text = fs::read_to_string(dir.join(name)).expect("read output");
        assert!(text.starts_with("{\n"), "pretty-printed");
        serde_json::from_str(&text).expect("JSON object")
    };
    assert_eq!(path_of(&read("report.json")), first.to_string_lossy());
    assert_eq!(path_of(&read("report-2.json")), second.to_string_lossy());
    assert_eq!(path_of(&read("other.json")), other.to_string_lossy());
}

#[test]
fn jobs_1_and_jobs_2_give_identical_bytes() {
    let t = TempDir::new("jobs");
    for i in 0..12 {
        let text = if i % 5 == 3 {
            String::new()
        } else {
            format!("{REPORT}{}\n", "Nội dung báo cáo. ".repeat(i * 40))
        };
        t.file(&format!("in/{i:02}.txt"), &text);
    }
    let input = t.path("in");
    let one = baocao(&[&"extract", &input, &"--jobs", &"1"]);
    let two = baocao(&[&"extract", &input, &"--jobs", &"2"]);
    assert_eq!(one.status.code(), Some(1));
    assert_eq!(two.status.code(), Some(1));
    assert_eq!(lines(&one.stdout).len(), 12);
    assert!(
        one.stdout == two.stdout,
        "output differs between --jobs 1 and 2"
    );
}

#[test]
fn an_unwritable_output_exits_2() {
    let t = TempDir::new("unwritable");
    let a = t.file("a.txt", REPORT);
    let out = baocao(&[&"extract", &a, &"--output", &"/nonexistent-dir/x.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("/nonexistent-dir/x.json"),
        "{}",
        stderr(&out)
    );

    // A directory that cannot be created: its parent is a file.
    let blocked = t.path("a.txt/out");
    let out = baocao(&[&"extract", &a, &"--output-dir", &blocked]);
    assert_eq!(out.status.code(), Some(2));

    // An existing directory given as the output file.
    let out = baocao(&[&"extract", &a, &"--output", &t.0]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn bad_usage_exits_2() {
    let t = TempDir::new("usage");
    let a = t.file("a.txt", REPORT);
    let cases: [&[&dyn AsRef<std::ffi::OsStr>]; 6] = [
        &[],
        &[&"extract"],
        &[&"frobnicate", &a],
        &[&"extract", &a, &"--jobs", &"0"],
        &[&"extract", &a, &"--bogus"],
        &[
            &"extract",
            &a,
            &"--output",
            &"x.json",
            &"--output-dir",
            &"d",
        ],
    ];
    for args in cases {
        let out = baocao(args);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn a_directory_without_supported_files_gives_no_records() {
    let t = TempDir::new("nothing");
    t.file("in/notes.json", "{}");
    let out = baocao(&[&"extract", &t.path("in")]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains("0 documents"));
}

#[test]
fn help_exits_0() {
    let out = baocao(&[&"extract", &"--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8_lossy(&out.stdout);
    for flag in ["--output", "--output-dir", "--jobs", "--no-progress"] {
        assert!(help.contains(flag), "{flag} missing from help");
    }
}

/// Each document runs in a worker process under `--timeout`: one that takes
/// too long becomes a `timeout` error record and the run goes on.
#[test]
fn timeout_makes_an_error_record_and_the_run_goes_on() {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let seed = root.join("fixtures/seeds/000_ba21f554f00fdddf.txt");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(["extract", "--no-progress", "--timeout", "0.000001"])
        .arg(&seed)
        .arg(&seed)
        .output()
        .expect("baocao runs");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let records: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 2);
    for r in &records {
        assert_eq!(r["error"]["code"], "timeout");
    }
    let ok = std::process::Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(["extract", "--no-progress", "--timeout", "30"])
        .arg(&seed)
        .output()
        .expect("baocao runs");
    assert_eq!(ok.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&ok.stdout).contains("\"error\":null"));
}

fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// `baocao text` on a fixture: exit 0, UTF-8 text on stdout, nothing on stderr.
fn text_of(rel: &str, raw: bool) -> String {
    let path = fixture(rel);
    let out = if raw {
        baocao(&[&"text", &path, &"--raw"])
    } else {
        baocao(&[&"text", &path])
    };
    assert_eq!(out.status.code(), Some(0), "{rel}: {}", stderr(&out));
    assert!(out.stderr.is_empty(), "{rel}: {}", stderr(&out));
    String::from_utf8(out.stdout).expect("utf-8 text")
}

const PHRASE: &str = "cải cách hành chính";

#[test]
fn text_of_a_seed_is_its_lines() {
    let text = text_of("fixtures/seeds/000_ba21f554f00fdddf.txt", false);
    assert!(text.to_lowercase().contains(PHRASE));
    let source = fs::read_to_string(fixture("fixtures/seeds/000_ba21f554f00fdddf.txt")).unwrap();
    assert_eq!(text.lines().count(), source.split('\n').count());
    assert!(!text.contains('\u{c}'), "no pages in a text file");
}

#[test]
fn text_of_a_docx_has_tab_separated_table_rows() {
    let text = text_of("fixtures/docx/001_ab3b4a8e0ce935e7.landscape.docx", false);
    assert!(text.to_lowercase().contains(PHRASE));
    assert!(
        text.lines().any(|l| l.starts_with("STT\t")),
        "a header row with cells"
    );
}

#[test]
fn text_of_a_pdf_separates_pages_with_form_feeds() {
    let text = text_of("fixtures/pdf/000_ba21f554f00fdddf.landscape.pdf", false);
    assert!(text.to_lowercase().contains(PHRASE));
    let breaks = text.lines().filter(|l| l.starts_with('\u{c}')).count();
    assert!(breaks >= 1, "pages start with a form feed");
    assert_eq!(text.matches('\u{c}').count(), breaks);
}

#[test]
fn text_of_a_tcvn3_file_is_decoded_unless_raw() {
    let rel = "fixtures/legacy/000_ba21f554f00fdddf.tcvn3.txt";
    let text = text_of(rel, false);
    assert!(text.to_lowercase().contains(PHRASE));
    let raw = text_of(rel, true);
    assert!(!raw.to_lowercase().contains(PHRASE));
    assert!(raw.contains("c¶i c¸ch"), "TCVN3 bytes as read");
    assert_eq!(raw.lines().count(), text.lines().count());
}

#[test]
fn text_errors_go_to_stderr_with_their_code() {
    let t = TempDir::new("text-errors");
    let missing = t.path("missing.txt");
    let locked = fixture("fixtures/pdf/encrypted/001_ab3b4a8e0ce935e7.user-password.pdf");
    for (path, code) in [(&missing, "(io)"), (&locked, "(encrypted)")] {
        for raw in [false, true] {
            let out = if raw {
                baocao(&[&"text", path, &"--raw"])
            } else {
                baocao(&[&"text", path])
            };
            assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
            assert!(out.stdout.is_empty());
            let err = stderr(&out);
            assert!(err.starts_with("baocao: ") && err.contains(code), "{err}");
        }
    }
}

#[test]
fn files_from_a_list_or_stdin_follow_the_path_arguments() {
    let t = TempDir::new("files-from");
    let a = t.file("a.txt", REPORT);
    let b = t.file("dir/b.txt", REPORT);
    let c = t.file("c.md", REPORT);
    let list = t.file(
        "list.txt",
        &format!("{}\n\n  {}\r\n", b.display(), t.path("dir").display()),
    );
    let out = baocao(&[&"extract", &a, &"--files-from", &list, &"--no-progress"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let paths: Vec<String> = lines(&out.stdout)
        .iter()
        .map(|r| path_of(r).to_string())
        .collect();
    let want: Vec<String> = [&a, &b, &b]
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    assert_eq!(paths, want);

    let mut child = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(["extract", "--files-from", "-", "--no-progress"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("run baocao");
    use std::io::Write;
    let mut stdin = child.stdin.take().expect("stdin");
    writeln!(stdin, "{}\n{}", c.display(), a.display()).expect("write list");
    drop(stdin);
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0));
    let paths: Vec<String> = lines(&out.stdout)
        .iter()
        .map(|r| path_of(r).to_string())
        .collect();
    assert_eq!(paths, [c.display().to_string(), a.display().to_string()]);

    let missing = baocao(&[&"extract", &"--files-from", &t.path("nope.txt")]);
    assert_eq!(missing.status.code(), Some(2));
    let none = baocao(&[&"extract"]);
    assert_eq!(none.status.code(), Some(2));
}

#[test]
fn resume_keeps_done_inputs_and_redoes_changed_ones() {
    let t = TempDir::new("resume");
    let a = t.file("a.txt", REPORT);
    let b = t.file("b.txt", REPORT);
    let out = t.path("out.jsonl");
    let first = baocao(&[&"extract", &a, &b, &"--output", &out, &"--no-progress"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let before = fs::read_to_string(&out).expect("output");
    let a_line = before.lines().next().expect("a's record").to_string();

    fs::write(&b, format!("{REPORT}Thêm một dòng.\n")).expect("change b");
    let c = t.file("c.txt", REPORT);
    let again = baocao(&[
        &"extract",
        &a,
        &b,
        &c,
        &"--output",
        &out,
        &"--resume",
        &"--no-progress",
    ]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert!(
        stderr(&again).contains("1 of 3 inputs already done"),
        "{}",
        stderr(&again)
    );
    let after = fs::read_to_string(&out).expect("output");
    let records = lines(after.as_bytes());
    let paths: Vec<&str> = records.iter().map(path_of).collect();
    let want: Vec<String> = [&a, &b, &c]
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    assert_eq!(paths, want);
    assert_eq!(
        after.lines().next(),
        Some(a_line.as_str()),
        "a's record is kept as it was"
    );
    assert_ne!(
        records[1]["source"]["sha256"],
        lines(before.as_bytes())[1]["source"]["sha256"]
    );

    let nothing_new = baocao(&[
        &"extract",
        &a,
        &b,
        &c,
        &"--output",
        &out,
        &"--resume",
        &"--no-progress",
    ]);
    assert!(stderr(&nothing_new).contains("3 of 3 inputs already done"));
    assert_eq!(fs::read_to_string(&out).expect("output"), after);

    let no_output = baocao(&[&"extract", &a, &"--resume"]);
    assert_eq!(no_output.status.code(), Some(2));
}

/// A run killed while it works leaves the earlier output whole.
#[test]
fn a_killed_run_leaves_the_earlier_output_untouched() {
    let t = TempDir::new("killed");
    let out = t.path("out.jsonl");
    fs::write(&out, "{\"earlier\": true}\n").expect("earlier output");
    let words = "Số văn bản chỉ đạo CCHC đã ban hành 12 trong kỳ; ".repeat(40_000);
    let inputs: Vec<PathBuf> = (0..8)
        .map(|i| t.file(&format!("{i}.txt"), &words))
        .collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .arg("extract")
        .args(&inputs)
        .args(["--jobs", "1", "--in-process", "--no-progress", "--output"])
        .arg(&out)
        .spawn()
        .expect("run baocao");
    std::thread::sleep(std::time::Duration::from_millis(300));
    child.kill().expect("kill");
    let _ = child.wait();
    assert_eq!(
        fs::read_to_string(&out).expect("output"),
        "{\"earlier\": true}\n"
    );
}

/// A `--resume` run killed while it works keeps its progress in the
/// journal: the output is untouched, and the next `--resume` does only the
/// rest and ends with the same bytes as one uninterrupted run.
#[test]
fn a_killed_resume_run_keeps_its_progress() {
    let t = TempDir::new("journal");
    let out = t.path("out.jsonl");
    let journal = t.path("out.jsonl.journal");
    let first = t.file("first.txt", REPORT);
    let done = baocao(&[
        &"extract",
        &first,
        &"--output",
        &out,
        &"--format",
        &"jsonl",
        &"--no-progress",
    ]);
    assert_eq!(done.status.code(), Some(0), "{}", stderr(&done));
    let earlier = fs::read_to_string(&out).expect("output");

    let words = "Số văn bản chỉ đạo CCHC đã ban hành 12 trong kỳ; ".repeat(20_000);
    let mut inputs = vec![first.clone()];
    inputs.extend((0..10).map(|i| t.file(&format!("{i:02}.txt"), &format!("{i} {words}"))));
    let run = |extra: &[&str]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_baocao"));
        cmd.arg("extract")
            .args(&inputs)
            .args(["--jobs", "1", "--no-progress", "--output"])
            .arg(&out)
            .args(extra);
        cmd
    };
    let mut child = run(&["--resume"])
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("run baocao");
    let journaled =
        |min: usize| fs::read_to_string(&journal).is_ok_and(|j| j.matches('\n').count() >= min);
    let started = std::time::Instant::now();
    while !journaled(2) {
        assert!(
            child.try_wait().expect("wait").is_none(),
            "the run ended before it could be killed"
        );
        assert!(started.elapsed().as_secs() < 60, "no progress journaled");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().expect("kill");
    let _ = child.wait();
    assert_eq!(fs::read_to_string(&out).expect("output"), earlier);
    let kept = lines(fs::read_to_string(&journal).expect("journal").as_bytes());
    let kept_paths: Vec<&str> = kept.iter().map(path_of).collect();
    let first_paths: Vec<String> = inputs[1..=kept.len()]
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    assert_eq!(
        kept_paths, first_paths,
        "the journal holds the first inputs, in order"
    );

    let resumed = run(&["--resume"]).output().expect("run baocao");
    assert_eq!(resumed.status.code(), Some(0), "{}", stderr(&resumed));
    let note = format!("{} of 11 inputs already done", kept.len() + 1);
    assert!(stderr(&resumed).contains(&note), "{}", stderr(&resumed));
    assert!(
        !journal.exists(),
        "the journal is removed once the output has its records"
    );
    let resumed_bytes = fs::read(&out).expect("output");

    let fresh = t.path("fresh.jsonl");
    let plain = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .arg("extract")
        .args(&inputs)
        .args([
            "--jobs",
            "1",
            "--no-progress",
            "--format",
            "jsonl",
            "--output",
        ])
        .arg(&fresh)
        .output()
        .expect("run baocao");
    assert_eq!(plain.status.code(), Some(0), "{}", stderr(&plain));
    assert_eq!(resumed_bytes, fs::read(&fresh).expect("fresh output"));
}

/// A worker process whose parent dies (SIGKILL, so nobody closes its pipes)
/// ends by itself instead of living on as an orphan.
#[cfg(target_os = "linux")]
#[test]
fn a_worker_ends_when_its_parent_is_killed() {
    let script = format!(
        "sleep 30 | '{}' worker & echo $!; wait",
        env!("CARGO_BIN_EXE_baocao")
    );
    let mut parent = Command::new("sh")
        .args(["-c", &script])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("run sh");
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(parent.stdout.take().expect("stdout")),
        &mut line,
    )
    .expect("worker pid");
    let worker = PathBuf::from(format!("/proc/{}", line.trim()));
    assert!(worker.exists(), "the worker runs");
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert!(worker.exists(), "the worker waits for paths");
    parent.kill().expect("kill the parent");
    let _ = parent.wait();
    let started = std::time::Instant::now();
    while worker.exists() && started.elapsed().as_secs() < 20 {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    // A zombie still has its /proc entry until reaped; its state says so.
    let state = fs::read_to_string(worker.join("stat")).unwrap_or_default();
    assert!(
        !worker.exists() || state.contains(") Z "),
        "the orphaned worker is still running: {state}"
    );
}

#[test]
fn the_output_extension_chooses_the_format() {
    let t = TempDir::new("ext");
    let a = t.file("a.txt", REPORT);
    let b = t.file("b.txt", REPORT);
    let parquet = t.path("x.parquet");
    let out = baocao(&[&"extract", &a, &b, &"--output", &parquet]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let bytes = fs::read(&parquet).expect("parquet written");
    assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));

    let csv = t.path("x.csv");
    let out = baocao(&[&"extract", &a, &"--output", &csv]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = fs::read_to_string(&csv).expect("csv written");
    assert!(text.starts_with("source_path,"), "{text}");

    let jsonl = t.path("one.jsonl");
    let out = baocao(&[&"extract", &a, &"--output", &jsonl]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(lines(&fs::read(&jsonl).expect("jsonl written")).len(), 1);
}

#[test]
fn a_format_the_extension_contradicts_is_a_usage_error() {
    let t = TempDir::new("contradiction");
    let a = t.file("a.txt", REPORT);
    let dest = t.path("x.parquet");
    let out = baocao(&[&"extract", &a, &"--format", &"jsonl", &"--output", &dest]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("--format parquet"),
        "{}",
        stderr(&out)
    );
    assert!(!dest.exists(), "nothing written");
}

#[test]
fn a_zero_timeout_says_it_must_be_more_than_zero() {
    let t = TempDir::new("timeout");
    let a = t.file("a.txt", REPORT);
    let out = baocao(&[&"extract", &a, &"--timeout", &"0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("more than 0"), "{}", stderr(&out));
}

#[test]
fn notes_of_one_kind_fold_into_a_count_unless_verbose() {
    let t = TempDir::new("fold");
    let inputs: Vec<PathBuf> = ["a", "b", "c"]
        .iter()
        .map(|d| t.file(&format!("{d}/report.txt"), REPORT))
        .collect();
    let run = |verbose: bool| {
        let dir = t.path(if verbose { "verbose" } else { "quiet" });
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_baocao"));
        cmd.arg("extract")
            .args(&inputs)
            .arg("--output-dir")
            .arg(&dir);
        if verbose {
            cmd.arg("--verbose");
        }
        let out = cmd.output().expect("run baocao");
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        stderr(&out)
            .lines()
            .filter(|l| l.starts_with("baocao: note: ") && l.contains("stem"))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let quiet = run(false);
    assert_eq!(quiet.len(), 1, "{quiet:?}");
    assert!(quiet[0].contains("2 inputs share a stem"), "{quiet:?}");
    let verbose = run(true);
    assert_eq!(verbose.len(), 2, "{verbose:?}");
    assert!(verbose[1].contains("report-3.json"), "{verbose:?}");
}

#[test]
fn verbose_names_inputs_without_tables() {
    let t = TempDir::new("tableless");
    let hello = t.file("hello.txt", "hello");
    let quiet = baocao(&[&"extract", &hello]);
    assert_eq!(quiet.status.code(), Some(0), "{}", stderr(&quiet));
    assert!(
        stderr(&quiet).contains("1 documents (0 with tables, 1 without tables, 0 failed)"),
        "{}",
        stderr(&quiet)
    );
    assert!(!stderr(&quiet).contains("no indicator table"));
    let verbose = baocao(&[&"extract", &hello, &"--verbose"]);
    let expected = format!(
        "baocao: note: {}: no indicator table found",
        hello.display()
    );
    assert!(stderr(&verbose).contains(&expected), "{}", stderr(&verbose));
}
