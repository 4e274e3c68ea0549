//! The house bar on function size: no function in `src/` over 80 lines,
//! counted from its `fn` line to its closing brace. The sources are
//! `cargo fmt`-formatted, so a function ends at the first `}` line with the
//! indentation of its `fn` line. Run with `--nocapture` to see the longest.

use std::fs;
use std::path::{Path, PathBuf};

/// Most lines a function may take.
const MAX_LINES: usize = 80;

/// Files still over the bar (none: kept for a rewrite in progress).
const EXEMPT: &[&str] = &[];

/// A function's place and length.
#[derive(Debug, PartialEq)]
struct Function {
    file: String,
    name: String,
    line: usize,
    lines: usize,
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .expect("src readable")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The name of the function a line opens (`pub(crate) fn name<…>(`), if any.
fn fn_name(line: &str) -> Option<&str> {
    let mut words = line.split_whitespace().peekable();
    while let Some(w) = words.next() {
        match w {
            "fn" => {
                let next = words.next()?;
                let end = next
                    .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .unwrap_or(next.len());
                return Some(&next[..end]).filter(|n| !n.is_empty());
            }
            _ if w.starts_with("pub") => {}
            "const" | "async" | "unsafe" | "extern" | "\"C\"" => {}
            _ => return None,
        }
    }
    None
}

/// Every function body in a formatted source, with its length in lines.
fn functions(file: &str, text: &str) -> Vec<Function> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(name) = fn_name(line) else { continue };
        let indent = &line[..line.len() - line.trim_start().len()];
        // The signature ends at its `{` (a body) or `;` (a trait item).
        let Some(open) = (i..lines.len()).find(|&j| {
            let l = lines[j].trim_end();
            l.ends_with('{') || l.ends_with(';') || l.ends_with('}')
        }) else {
            continue;
        };
        if !lines[open].trim_end().ends_with('{') {
            continue;
        }
        let close = format!("{indent}}}");
        let Some(end) = (open + 1..lines.len()).find(|&j| lines[j] == close) else {
            continue;
        };
        out.push(Function {
            file: file.to_string(),
            name: name.to_string(),
            line: i + 1,
            lines: end - i + 1,
        });
    }
    out
}

fn all_functions() -> Vec<Function> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files
        .iter()
        .flat_map(|p| {
            let rel = p.strip_prefix(root).expect("under root").to_string_lossy();
            let rel = rel.replace('\\', "/");
            functions(&rel, &fs::read_to_string(p).expect("source readable"))
        })
        .collect()
}

#[test]
fn no_function_over_the_bar() {
    let mut all = all_functions();
    assert!(
        all.len() > 500,
        "the scan found only {} functions",
        all.len()
    );
    all.sort_by_key(|f| std::cmp::Reverse(f.lines));
    for f in all.iter().take(5) {
        println!("{:4} {}:{} {}", f.lines, f.file, f.line, f.name);
    }
    let over: Vec<_> = all
        .iter()
        .filter(|f| f.lines > MAX_LINES && !EXEMPT.contains(&f.file.as_str()))
        .collect();
    assert!(
        over.is_empty(),
        "functions over {MAX_LINES} lines: {over:#?}"
    );
}

#[test]
fn the_scan_measures_a_body() {
    let text = "impl A {\n    pub(crate) fn long<T>(\n        x: T,\n    ) -> T {\n        let y = {\n            x\n        };\n        y\n    }\n\n    fn decl(&self);\n    fn one() {}\n}\n";
    assert_eq!(
        functions("a.rs", text),
        vec![Function {
            file: "a.rs".into(),
            name: "long".into(),
            line: 2,
            lines: 8,
        }]
    );
}
