//! Merged ranges of an XLSX package's worksheets, gathered while the
//! package is checked (one pass over the bytes, instead of calamine
//! parsing every sheet a second time): each worksheet part's
//! `<mergeCells>` refs, and the workbook's sheet names mapped to parts
//! (`xl/workbook.xml` and its relationships).

use crate::ingest::xml::{attr, Ev, XmlStream};
use std::collections::HashMap;

/// Largest `<mergeCells>` section or workbook part kept.
const MAX_KEPT: usize = 16 << 20;

/// A merged range: top, left, bottom, right (0-based, inclusive).
pub type Range = (u32, u32, u32, u32);

/// What the visitor gathers.
#[derive(Default)]
pub struct Merges {
    /// Tail of the previous chunk of each worksheet part (to find a
    /// marker cut between chunks), and the kept text from `mergeCells` on.
    sheets: HashMap<String, (Vec<u8>, Option<Vec<u8>>)>,
    workbook: Vec<u8>,
    rels: Vec<u8>,
}

impl Merges {
    /// Takes in one chunk of part `name`.
    pub fn visit(&mut self, name: &str, chunk: &[u8]) {
        let keep = |buf: &mut Vec<u8>| {
            if buf.len() < MAX_KEPT {
                buf.extend_from_slice(chunk);
            }
        };
        match name {
            "xl/workbook.xml" => keep(&mut self.workbook),
            "xl/_rels/workbook.xml.rels" => keep(&mut self.rels),
            n if n.starts_with("xl/worksheets/") && n.ends_with(".xml") => {
                let (tail, kept) = self.sheets.entry(n.to_string()).or_default();
                if let Some(kept) = kept {
                    if kept.len() < MAX_KEPT {
                        kept.extend_from_slice(chunk);
                    }
                    return;
                }
                let mut window = std::mem::take(tail);
                window.extend_from_slice(chunk);
                if let Some(at) = find(&window, b"mergeCells") {
                    *kept = Some(window[at..].to_vec());
                } else {
                    *tail = window[window.len().saturating_sub(16)..].to_vec();
                }
            }
            _ => {}
        }
    }

    /// Merged ranges by sheet name.
    pub fn by_sheet(&self) -> HashMap<String, Vec<Range>> {
        let targets: HashMap<String, String> = elements(&self.rels, b"Relationship")
            .into_iter()
            .filter_map(|a| Some((a.get("Id")?.clone(), part_path(a.get("Target")?))))
            .collect();
        elements(&self.workbook, b"sheet")
            .into_iter()
            .filter_map(|a| {
                let part = targets.get(a.get("id")?)?;
                let kept = self.sheets.get(part)?.1.as_deref().unwrap_or_default();
                Some((a.get("name")?.clone(), refs(kept)))
            })
            .collect()
    }
}

/// A relationship target as a package path (`worksheets/sheet1.xml` →
/// `xl/worksheets/sheet1.xml`, `/xl/…` → `xl/…`).
fn part_path(target: &str) -> String {
    match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("xl/{target}"),
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

/// The attributes (by local name) of every element named `name`.
fn elements(xml: &[u8], name: &[u8]) -> Vec<HashMap<String, String>> {
    let mut out = Vec::new();
    let mut stream = XmlStream::new(xml);
    while let Ok(ev) = stream.next() {
        match ev {
            Ev::Start(n, e) | Ev::Empty(n, e) if n == name => {
                let attrs = ["Id", "Target", "id", "name"]
                    .iter()
                    .filter_map(|k| attr(&e, k.as_bytes()).map(|v| (k.to_string(), v)))
                    .collect();
                out.push(attrs);
            }
            Ev::Eof => break,
            _ => {}
        }
    }
    out
}

/// The `ref="A1:D2"` ranges of a kept `mergeCells` section.
fn refs(kept: &[u8]) -> Vec<Range> {
    let text = String::from_utf8_lossy(kept);
    let end = text.find("mergeCells>").map_or(text.len(), |e| e + 11);
    let end = text[..end]
        .rfind("mergeCells>")
        .filter(|&e| e > 0)
        .map_or(end, |e| e + 11);
    text[..end]
        .split("ref=\"")
        .skip(1)
        .filter_map(|r| range(r.split('"').next()?))
        .collect()
}

/// `A1:D2` as a range.
fn range(text: &str) -> Option<Range> {
    let (a, b) = text.split_once(':').unwrap_or((text, text));
    let (r0, c0) = cell(a)?;
    let (r1, c1) = cell(b)?;
    Some((r0.min(r1), c0.min(c1), r0.max(r1), c0.max(c1)))
}

/// `AB12` as 0-based row and column.
fn cell(text: &str) -> Option<(u32, u32)> {
    let text = text.trim().trim_start_matches('$');
    let letters = text.chars().take_while(char::is_ascii_alphabetic).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let col = text[..letters].bytes().fold(0u32, |n, b| {
        n * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1)
    });
    let row: u32 = text[letters..].trim_start_matches('$').parse().ok()?;
    Some((row.checked_sub(1)?, col - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_found_across_chunks() {
        let mut m = Merges::default();
        m.visit("xl/workbook.xml", br#"<workbook><sheets><sheet name="Gop y" sheetId="1" r:id="rId1"/></sheets></workbook>"#);
        m.visit("xl/_rels/workbook.xml.rels", br#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#);
        m.visit("xl/worksheets/sheet1.xml", b"<sheetData/><merge");
        m.visit("xl/worksheets/sheet1.xml", br#"Cells count="2"><mergeCell ref="A1:D1"/><mergeCell ref="$B$21:AA22"/></mergeCells><x ref="Z9"/>"#);
        assert_eq!(m.by_sheet()["Gop y"], [(0, 0, 0, 3), (20, 1, 21, 26)]);
    }
}
