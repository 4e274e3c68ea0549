//! Normalise stage: clean Unicode Vietnamese text (NFC, one form of đ, plain
//! spaces), markup removal and tone-folded keys for matching.

mod capitals;
mod fold;
pub mod legacy;
mod markup;
pub mod ngram;
mod ocr;
mod plan;
pub mod repair;
pub(crate) mod syllable;
pub mod tone;

pub use fold::{fold, fold_char};
pub use markup::strip_markup;
pub use repair::attach as attach_repairs;

use crate::diagnostics;
#[cfg(test)]
use crate::ingest::Run;
use crate::ingest::{Line, SourceDoc};
use crate::model::Warning;
use plan::Plan;
use unicode_normalization::UnicodeNormalization;

/// Normalises every line and cell of a document in place.
/// Runs in a legacy font (.VnTime, VNI-Times, VPS…, VI Times) are decoded
/// by their font.
/// Text whose font names no encoding (plain text, or a PDF whose legacy
/// font was replaced) is decoded when all the text in that font reads as
/// legacy text: fonts are judged one by one, so a Unicode body keeps its
/// text while a table in another font is decoded.
pub fn normalize_doc(mut doc: SourceDoc) -> SourceDoc {
    let plan = Plan::new(&doc.lines);
    doc.warnings.extend(plan.warnings());
    for (i, line) in doc.lines.iter_mut().enumerate() {
        normalize_line(line, &plan, i);
        ocr::restore_marks(line);
    }
    // TCVN3's "ư" is the soft hyphen, which tools drop as invisible.
    let dropped = plan.uses_tcvn3().then_some('ư');
    let (repairs, incomplete) = repair::repair_lines(&mut doc.lines, dropped);
    doc.repairs = repairs;
    if incomplete {
        doc.warnings.push(Warning::new(
            diagnostics::REPAIR_INCOMPLETE,
            "the document has more damaged text than one document may have read again; \
             the rest was left as printed",
        ));
    }
    if let Some(first) = doc.repairs.first() {
        doc.warnings.push(Warning::new(
            diagnostics::REPAIRED_TEXT,
            format!(
                "{} words had lost letters and were restored from context \
                 (first on line {}: \"{}\" read as \"{}\")",
                doc.repairs.len(),
                first.line,
                first.damaged,
                first.restored
            ),
        ));
    }
    doc
}

/// Normalises a line's text run by run (so run offsets stay true), then
/// recuts its cells from the new text.
fn normalize_line(line: &mut Line, plan: &Plan, index: usize) {
    let mut tcvn3 = false;
    let mut decode = |s: &str, enc: Option<legacy::Encoding>| match enc {
        Some(enc) => {
            tcvn3 |= enc == legacy::Encoding::Tcvn3 { upper: false };
            text(&legacy::decode(s, enc))
        }
        None => text(s),
    };
    let outside = plan.outside(index);
    if line.runs.is_empty() {
        line.text = decode(&line.text, outside);
    } else {
        let mut out = String::with_capacity(line.text.len());
        let mut pos = 0;
        for run in &mut line.runs {
            let (start, end) = (run.start.min(line.text.len()), run.end.min(line.text.len()));
            out.push_str(&decode(
                line.text.get(pos..start).unwrap_or_default(),
                outside,
            ));
            run.start = out.len();
            let raw = line.text.get(start..end).unwrap_or_default();
            out.push_str(&decode(raw, plan.for_run(run.font.as_deref(), index)));
            run.end = out.len();
            pos = end.max(pos);
        }
        out.push_str(&decode(line.text.get(pos..).unwrap_or_default(), outside));
        line.text = out;
    }
    if tcvn3 {
        if let Some(fixed) = capitals::restore(&line.text) {
            line.text = fixed;
        }
    }
    if line.cells.is_some() {
        line.cells = Some(line.text.split('\t').map(str::to_string).collect());
    }
}

/// NFC, Ð (U+00D0) → Đ, full-width ASCII forms ("＝", "％", "１" that some
/// fonts and IMEs type) → ASCII, exotic spaces → ' ', zero-width characters
/// and form feeds (page breaks of text dumps) dropped.
/// Tabs are kept (they separate cells).
pub fn text(s: &str) -> String {
    let mapped = s.chars().filter_map(|c| match c {
        '\u{00D0}' => Some('Đ'),
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0),
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => Some(' '),
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{C}' => None,
        c => Some(c),
    });
    mapped.nfc().collect()
}

/// Collapses runs of white space to single spaces and trims.
pub fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Canonical form of a row label for matching: NFC, each syllable's tone
/// mark in one place ([`tone::canonical`]: "hoà" and "hòa" both give
/// "hòa"), white space collapsed to single spaces and trimmed. Case is kept.
pub fn label_key(s: &str) -> String {
    collapse_ws(&tone::canonical(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfc_and_spaces() {
        let nfd = "ho\u{0300}a\u{00A0}\u{00D0}a";
        assert_eq!(text(nfd), "hòa Đa");
        assert_eq!(text("Có ＝ 1；Không ＝ 0 ９８％"), "Có = 1;Không = 0 98%");
    }

    #[test]
    fn runs_keep_their_text_after_normalising() {
        let raw = "Ho\u{0300}a\tVa\u{0306}n ba\u{0309}n";
        let mut line = Line {
            no: 1,
            text: raw.to_string(),
            cells: Some(raw.split('\t').map(str::to_string).collect()),
            runs: vec![
                Run {
                    start: 0,
                    end: 5,
                    font: Some(".VnTime".into()),
                    ..Run::default()
                },
                Run {
                    start: 6,
                    end: raw.len(),
                    font: None,
                    ..Run::default()
                },
            ],
            page: None,
            rule_above: None,
        };
        normalize_line(&mut line, &Plan::new(&[]), 0);
        assert_eq!(line.text, "Hòa\tVăn bản");
        assert_eq!(&line.text[line.runs[0].start..line.runs[0].end], "Hòa");
        assert_eq!(&line.text[line.runs[1].start..line.runs[1].end], "Văn bản");
        assert_eq!(
            line.cells.as_deref(),
            Some(&["Hòa".to_string(), "Văn bản".to_string()][..])
        );
    }

    #[test]
    fn label_key_places_tones_and_collapses_spaces() {
        assert_eq!(
            label_key("  Kinh phí  thuỷ lợi\t(hoà  giải) "),
            "Kinh phí thủy lợi (hòa giải)"
        );
        assert_eq!(label_key("Ho\u{0300}a"), "Hòa");
        assert_eq!(label_key(&label_key("Uỷ ban")), "Ủy ban");
    }

    #[test]
    fn fold_removes_tones_and_case() {
        assert_eq!(fold("  SỐ  Liệu Đơn vị "), "so lieu don vi");
        assert_eq!(fold("Ghi chú"), fold("GHI CHU"));
    }
}
