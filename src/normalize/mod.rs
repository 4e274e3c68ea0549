//! Normalise stage: clean Unicode Vietnamese text (NFC, one form of đ, plain
//! spaces), markup removal and tone-folded keys for matching.

pub mod legacy;
mod markup;

pub use markup::{strip_markup, Stripped};

#[cfg(test)]
use crate::ingest::Run;
use crate::ingest::{Line, SourceDoc};
use crate::model::Warning;
use unicode_normalization::UnicodeNormalization;

/// Normalises every line and cell of a document in place.
/// Runs in a legacy font (.VnTime, VNI-Times, VPS…, VI Times) are decoded by
/// their font; a document without font information is decoded as a whole
/// when it reads as legacy text.
pub fn normalize_doc(mut doc: SourceDoc) -> SourceDoc {
    let has_fonts = doc
        .lines
        .iter()
        .any(|l| l.runs.iter().any(|r| r.font.is_some()));
    let whole = if has_fonts {
        None
    } else {
        let all: String = doc
            .lines
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        legacy::detect(&all)
    };
    if let Some(enc) = whole {
        doc.warnings.push(Warning::new(
            "legacy_encoding",
            format!(
                "the text was typed in a legacy encoding ({enc:?}) and was converted to Unicode"
            ),
        ));
    }
    for line in &mut doc.lines {
        if let Some(enc) = whole {
            line.text = legacy::decode(&line.text, enc);
        }
        normalize_line(line);
    }
    doc
}

/// Normalises a line's text run by run (so run offsets stay true), then
/// recuts its cells from the new text.
fn normalize_line(line: &mut Line) {
    if line.runs.is_empty() {
        line.text = text(&line.text);
    } else {
        let mut out = String::with_capacity(line.text.len());
        let mut pos = 0;
        for run in &mut line.runs {
            let (start, end) = (run.start.min(line.text.len()), run.end.min(line.text.len()));
            out.push_str(&text(line.text.get(pos..start).unwrap_or_default()));
            run.start = out.len();
            let raw = line.text.get(start..end).unwrap_or_default();
            let decoded = match run.font.as_deref().and_then(legacy::encoding_of_font) {
                Some(enc) => legacy::decode(raw, enc),
                None => raw.to_string(),
            };
            out.push_str(&text(&decoded));
            run.end = out.len();
            pos = end.max(pos);
        }
        out.push_str(&text(line.text.get(pos..).unwrap_or_default()));
        line.text = out;
    }
    if line.cells.is_some() {
        line.cells = Some(line.text.split('\t').map(str::to_string).collect());
    }
}

/// NFC, Ð (U+00D0) → Đ, exotic spaces → ' ', zero-width characters and
/// form feeds (page breaks of text dumps) dropped.
/// Tabs are kept (they separate cells).
pub fn text(s: &str) -> String {
    let mapped = s.chars().filter_map(|c| match c {
        '\u{00D0}' => Some('Đ'),
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

/// Tone- and case-folded key: no diacritics, đ → d, lower case, single spaces.
/// "Số liệu" and "SO LIEU" fold to the same key "so lieu".
pub fn fold(s: &str) -> String {
    let stripped: String = s
        .nfd()
        .filter(|c| !('\u{0300}'..='\u{036F}').contains(c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    collapse_ws(&stripped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfc_and_spaces() {
        let nfd = "ho\u{0300}a\u{00A0}\u{00D0}a";
        assert_eq!(text(nfd), "hòa Đa");
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
        normalize_line(&mut line);
        assert_eq!(line.text, "Hòa\tVăn bản");
        assert_eq!(&line.text[line.runs[0].start..line.runs[0].end], "Hòa");
        assert_eq!(&line.text[line.runs[1].start..line.runs[1].end], "Văn bản");
        assert_eq!(
            line.cells.as_deref(),
            Some(&["Hòa".to_string(), "Văn bản".to_string()][..])
        );
    }

    #[test]
    fn fold_removes_tones_and_case() {
        assert_eq!(fold("  SỐ  Liệu Đơn vị "), "so lieu don vi");
        assert_eq!(fold("Ghi chú"), fold("GHI CHU"));
    }
}
