//! Writes a corpus of malformed and hostile inputs, each with the record
//! baocao must give it. Used by `tests/malformed.rs` (small scale) and by
//! `bench/malformed.sh` (full scale: a 30 MB line, a 1 GiB zip bomb).
//!
//! usage: cargo run --release --example malformed_corpus -- DIR [--small]

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// What the record of an input must say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    /// An error record with this code.
    Error(&'static str),
    /// A record without error that carries this warning.
    Warns(&'static str),
    /// A record without error and with table rows.
    Rows,
    /// One record, whatever it says, as long as it is no crash or bug
    /// (damaged files that a parser may partly read).
    Survives,
}

/// One generated input.
#[derive(Debug, Clone)]
pub struct Case {
    /// The file written.
    pub path: PathBuf,
    /// What its record must say.
    pub expect: Expect,
}

/// How big the heavy inputs are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// As the issue names them: a 30 MB line, a 1 GiB zip bomb.
    Full,
    /// Small enough for debug-build tests (3 MB, 64 MiB).
    Small,
}

const WORD_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Writes the corpus into `dir` (created) and lists it in a fixed order.
/// `fixtures` is the project's `fixtures/` folder (real PDFs and DOCX to
/// damage).
pub fn write_corpus(dir: &Path, fixtures: &Path, scale: Scale) -> io::Result<Vec<Case>> {
    std::fs::create_dir_all(dir)?;
    let mut cases = Vec::new();
    let mut put = |name: &str, bytes: &[u8], expect: Expect| -> io::Result<()> {
        let path = dir.join(name);
        std::fs::write(&path, bytes)?;
        cases.push(Case { path, expect });
        Ok(())
    };
    let pdf = std::fs::read(fixtures.join("rendered/001_ab3b4a8e0ce935e7.render.pdf"))?;
    let docx = std::fs::read(fixtures.join("rendered/001_ab3b4a8e0ce935e7.render.docx"))?;

    for ext in ["txt", "docx", "doc", "pdf"] {
        put(&format!("empty.{ext}"), b"", Expect::Error("empty_input"))?;
    }
    let mut junk = b"%PDF-1.7\n".to_vec();
    junk.extend(noise(64 * 1024, 1));
    put(
        "junk-after-header.pdf",
        &junk,
        Expect::Error("malformed_pdf"),
    )?;
    put("truncated.pdf", &pdf[..pdf.len() / 2], Expect::Survives)?;
    put(
        "bit-flipped.pdf",
        &flip_bits(&pdf, 200, 2),
        Expect::Survives,
    )?;
    for (name, expect) in [
        ("user-password.pdf", Expect::Error("encrypted")),
        ("owner-aes256.pdf", Expect::Rows),
        ("owner-rc4.pdf", Expect::Rows),
    ] {
        let from = fixtures.join(format!("pdf/encrypted/001_ab3b4a8e0ce935e7.{name}"));
        put(name, &std::fs::read(from)?, expect)?;
    }
    put(
        "not-a-zip.docx",
        b"PK but not really a zip",
        Expect::Error("not_zip"),
    )?;
    put(
        "truncated.docx",
        &docx[..docx.len() / 2],
        Expect::Error("corrupt_zip"),
    )?;
    put(
        "malformed-xml.docx",
        &docx_with(&format!(
            "<w:document xmlns:w=\"{WORD_NS}\"><w:body><w:p><w:r><w:t>cut"
        )),
        Expect::Error("malformed_xml"),
    )?;
    put(
        "entity-bomb.docx",
        &docx_with(&entity_bomb()),
        Expect::Error("xml_dtd"),
    )?;
    let bomb_bytes: u64 = match scale {
        Scale::Full => 1 << 30,
        Scale::Small => 64 << 20,
    };
    put(
        "zip-bomb.docx",
        &zip_bomb(bomb_bytes)?,
        Expect::Error("zip_bomb"),
    )?;
    let mut bad_utf8 = "STT\tChỉ tiêu\tĐơn vị tính\tSố liệu\n1\tSố văn bản\tVăn bản\t3\n"
        .as_bytes()
        .to_vec();
    bad_utf8.extend_from_slice(b"2\tS\xe1 \xff\tV\xe3n\t4\n");
    put("invalid-utf8.txt", &bad_utf8, Expect::Warns("invalid_utf8"))?;
    put(
        "binary.txt",
        &noise(16 * 1024, 3),
        Expect::Error("binary_input"),
    )?;
    let line_bytes = match scale {
        Scale::Full => 30_000_000,
        Scale::Small => 3_000_000,
    };
    put(
        "one-long-line.txt",
        &long_line(line_bytes),
        Expect::Warns("no_indicator_table"),
    )?;
    put(
        "stt-400-levels.txt",
        deep_stt(400).as_bytes(),
        Expect::Survives,
    )?;
    put(
        "no-tables.txt",
        "UBND HUYỆN X\nKính gửi: Sở Nội vụ\nNội dung công văn, không có bảng.\n".as_bytes(),
        Expect::Warns("no_indicator_table"),
    )?;
    Ok(cases)
}

/// Deterministic pseudo-random bytes.
fn noise(n: usize, seed: u64) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

/// `bytes` with `n` bits flipped at pseudo-random places past the header.
fn flip_bits(bytes: &[u8], n: usize, seed: u64) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let picks = noise(n * 4, seed);
    for p in picks.chunks(4) {
        let at = u32::from_le_bytes([p[0], p[1], p[2], p[3]]) as usize % (out.len() - 16) + 16;
        out[at] ^= 1 << (p[0] % 8);
    }
    out
}

/// A DOCX package whose `word/document.xml` is `xml`.
fn docx_with(xml: &str) -> Vec<u8> {
    let mut zip = ZipWriter::new(io::Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let types = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
    let parts = [("[Content_Types].xml", types), ("word/document.xml", xml)];
    for (name, body) in parts {
        zip.start_file(name, opts).expect("in-memory zip");
        zip.write_all(body.as_bytes()).expect("in-memory zip");
    }
    zip.finish().expect("in-memory zip").into_inner()
}

/// A billion-laughs document: ten levels of ten entity references.
fn entity_bomb() -> String {
    let mut dtd = String::from("<!DOCTYPE w:document [<!ENTITY l0 \"ha\">");
    for i in 1..10 {
        let refs = format!("&l{};", i - 1).repeat(10);
        dtd.push_str(&format!("<!ENTITY l{i} \"{refs}\">"));
    }
    dtd.push(']');
    dtd.push('>');
    format!(
        "<?xml version=\"1.0\"?>{dtd}<w:document xmlns:w=\"{WORD_NS}\"><w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>"
    )
}

/// A DOCX whose document part is `size` bytes of one letter, deflated.
fn zip_bomb(size: u64) -> io::Result<Vec<u8>> {
    let mut zip = ZipWriter::new(io::Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .large_file(size >= u32::MAX as u64);
    zip.start_file("[Content_Types].xml", opts)?;
    zip.write_all(b"<Types/>")?;
    zip.start_file("word/document.xml", opts)?;
    let block = vec![b'a'; 1 << 20];
    let mut left = size;
    while left > 0 {
        let n = left.min(block.len() as u64) as usize;
        zip.write_all(&block[..n])?;
        left -= n as u64;
    }
    Ok(zip.finish()?.into_inner())
}

/// One line of `size` bytes of Vietnamese words and numbers, no newline.
fn long_line(size: usize) -> Vec<u8> {
    let words = "Số văn bản chỉ đạo CCHC đã ban hành 12 trong kỳ, tỷ lệ 97,5% hồ sơ đúng hạn; ";
    let mut out = String::with_capacity(size + words.len());
    while out.len() < size {
        out.push_str(words);
    }
    out.into_bytes()
}

/// A table whose STT numbers nest `levels` deep ("1", "1.1", "1.1.1" …).
fn deep_stt(levels: usize) -> String {
    let mut out = String::from("Biểu mẫu 1\nSTT\tChỉ tiêu\tĐơn vị tính\tSố liệu\n");
    let mut stt = String::from("1");
    for i in 0..levels {
        out.push_str(&format!("{stt}\tChỉ tiêu cấp {i}\tVăn bản\t{i}\n"));
        stt.push_str(".1");
    }
    out
}

#[allow(dead_code)]
fn main() -> io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: malformed_corpus DIR [--small]");
        std::process::exit(2);
    };
    let scale = if args.iter().any(|a| a == "--small") {
        Scale::Small
    } else {
        Scale::Full
    };
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    for case in write_corpus(Path::new(dir), &fixtures, scale)? {
        println!("{}\t{:?}", case.path.display(), case.expect);
    }
    Ok(())
}
