//! Letter-by-letter tests: the 134 Vietnamese letters with diacritics in
//! every encoding, against `tests/data/legacy_letters.tsv` (made once with
//! glibc iconv, GNU recode and the VNI table; see that file's header).

use super::{decode, Encoding};
use crate::ingest::decode::{cp1252, decode_text};
use std::process::Command;

const DATA: &str = include_str!("../../../tests/data/legacy_letters.tsv");

/// One row of the data file.
pub(super) struct Letter {
    /// The letter (NFC).
    pub ch: char,
    viscii: Vec<u8>,
    tcvn5712: Vec<u8>,
    cp1258: Vec<u8>,
    vps: Vec<u8>,
    vni: Vec<u8>,
    viqr: String,
}

fn hex(s: &str) -> Vec<u8> {
    s.split_whitespace()
        .map(|h| u8::from_str_radix(h, 16).expect("hex byte"))
        .collect()
}

/// The rows of the data file, in its order (67 lower case, 67 upper case).
pub(super) fn letters() -> Vec<Letter> {
    DATA.lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("letter\t") && !l.is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 7, "{l}");
            Letter {
                ch: f[0].chars().next().expect("a letter"),
                viscii: hex(f[1]),
                tcvn5712: hex(f[2]),
                cp1258: hex(f[3]),
                vps: hex(f[4]),
                vni: hex(f[5]),
                viqr: f[6].to_string(),
            }
        })
        .collect()
}

fn letter(ch: char) -> Option<Letter> {
    letters().into_iter().find(|l| l.ch == ch)
}

/// The TCVN3 capitals with an ABC code of their own (0xA1–0xA7).
const TCVN3_CAPITALS: &str = "ĂÂÊÔƠƯĐ";

/// The bytes of a letter in `enc`; toned TCVN3 capitals take the
/// lower-case code, as text typed in a .VnTimeH font does.
fn bytes_of(l: &Letter, enc: Encoding) -> Vec<u8> {
    match enc {
        Encoding::Tcvn3 { .. } if l.ch.is_uppercase() && !TCVN3_CAPITALS.contains(l.ch) => {
            lower_case_code(l)
        }
        Encoding::Tcvn3 { .. } => l.tcvn5712.clone(),
        Encoding::Vni => l.vni.clone(),
        Encoding::Viscii => l.viscii.clone(),
        Encoding::Vps => l.vps.clone(),
        Encoding::Cp1258 => l.cp1258.clone(),
        Encoding::Viqr => l.viqr.clone().into_bytes(),
    }
}

/// The TCVN3 code of a letter's lower-case form.
fn lower_case_code(l: &Letter) -> Vec<u8> {
    l.ch.to_lowercase()
        .next()
        .and_then(letter)
        .map(|lower| lower.tcvn5712)
        .unwrap_or_default()
}

/// Unicode text as the same text typed in `enc` reads in Windows-1252
/// (each byte one character; test texts hold ASCII besides the letters).
pub(super) fn encode(text: &str, enc: Encoding) -> String {
    let table = letters();
    text.chars()
        .flat_map(|c| match table.iter().find(|l| l.ch == c) {
            Some(l) => bytes_of(l, enc),
            None => c.to_string().into_bytes(),
        })
        .map(cp1252)
        .collect()
}

/// A letter's bytes as the ingest layer reads them.
fn shown(bytes: &[u8]) -> String {
    decode_text(bytes).text
}

fn check_all(enc: Encoding) {
    let mut wrong = Vec::new();
    for l in letters() {
        let got = decode(&shown(&bytes_of(&l, enc)), enc);
        if got != l.ch.to_string() {
            wrong.push(format!("{} → {got:?}", l.ch));
        }
    }
    assert!(wrong.is_empty(), "{enc:?}: {wrong:?}");
}

#[test]
fn there_are_134_letters() {
    let all = letters();
    let lower = all.iter().filter(|l| l.ch.is_lowercase()).count();
    let upper = all.iter().filter(|l| l.ch.is_uppercase()).count();
    let distinct: std::collections::HashSet<char> = all.iter().map(|l| l.ch).collect();
    assert_eq!(
        (all.len(), lower, upper, distinct.len()),
        (134, 67, 67, 134)
    );
    for (lo, up) in all[..67].iter().zip(&all[67..]) {
        assert_eq!(lo.ch.to_uppercase().next(), Some(up.ch));
    }
}

#[test]
fn viscii_letters() {
    check_all(Encoding::Viscii);
}

#[test]
fn vps_letters() {
    check_all(Encoding::Vps);
}

#[test]
fn cp1258_letters() {
    check_all(Encoding::Cp1258);
}

#[test]
fn vni_letters() {
    check_all(Encoding::Vni);
}

/// Lower case and the toneless capitals (ABC 0xA1–0xA7) in a .VnTime font;
/// every capital also as its lower-case code in a .VnTimeH font (toned
/// capitals have no ABC code of their own).
#[test]
fn tcvn3_letters() {
    let mut wrong = Vec::new();
    for l in letters() {
        let upper = l.ch.is_uppercase();
        let mut got = vec![decode(
            &shown(&bytes_of(&l, Encoding::Tcvn3 { upper })),
            Encoding::Tcvn3 { upper },
        )];
        if TCVN3_CAPITALS.contains(l.ch) {
            let typed = shown(&lower_case_code(&l));
            got.push(decode(&typed, Encoding::Tcvn3 { upper: true }));
        }
        if got.iter().any(|g| *g != l.ch.to_string()) {
            wrong.push(format!("{} → {got:?}", l.ch));
        }
    }
    assert!(wrong.is_empty(), "{wrong:?}");
}

/// VIQR composes only valid syllables, so each letter is typed in one:
/// the letter + "n", "đa" for đ, the letter alone for y; a word follows so
/// that a final "." is a dot below, not a full stop.
#[test]
fn viqr_letters() {
    let mut wrong = Vec::new();
    for l in letters() {
        let lower = l.ch.to_lowercase().next().unwrap_or(l.ch);
        let tail = match lower {
            'đ' if l.ch.is_uppercase() => "A",
            'đ' => "a",
            c if "yýỳỷỹỵ".contains(c) => "",
            _ if l.ch.is_uppercase() => "N",
            _ => "n",
        };
        let typed = format!("{}{tail} x", l.viqr);
        let want = format!("{}{tail} x", l.ch);
        let got = decode(&typed, Encoding::Viqr);
        if got != want {
            wrong.push(format!("{typed:?} → {got:?}"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:?}");
}

/// One iconv-made column of the data file.
type Column = fn(&Letter) -> &Vec<u8>;

/// Re-runs glibc iconv and checks it agrees with the committed VISCII,
/// TCVN5712-1 and CP1258 columns. iconv comes with glibc, so the test runs
/// by default; where it is missing the test skips, as its name says, except
/// under CI (`CI` set), where it fails.
#[test]
fn iconv_agrees_with_the_data_file_or_skips_without_iconv() {
    if Command::new("iconv").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must re-check the letter table: iconv is not on PATH"
        );
        println!("note: iconv is not on PATH; the committed letter table is not re-checked");
        return;
    }
    let all = letters();
    let text: String = all.iter().map(|l| format!("{}\n", l.ch)).collect();
    let columns: [(&str, Column); 3] = [
        ("VISCII", |l| &l.viscii),
        ("TCVN5712-1", |l| &l.tcvn5712),
        ("CP1258", |l| &l.cp1258),
    ];
    for (name, column) in columns {
        let out = run_iconv(name, &text);
        let got: Vec<&[u8]> = out.split(|&b| b == b'\n').take(all.len()).collect();
        let want: Vec<&[u8]> = all.iter().map(|l| column(l).as_slice()).collect();
        assert_eq!(got, want, "iconv -t {name}");
    }
}

fn run_iconv(enc: &str, text: &str) -> Vec<u8> {
    use std::io::Write;
    let mut child = Command::new("iconv")
        .args(["-f", "UTF-8", "-t", enc])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("iconv starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(text.as_bytes())
        .expect("iconv reads");
    let out = child.wait_with_output().expect("iconv runs");
    assert!(out.status.success(), "iconv -t {enc} failed");
    out.stdout
}
