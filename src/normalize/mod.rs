//! Normalise stage: clean Unicode Vietnamese text (NFC, one form of đ, plain
//! spaces), markup removal and tone-folded keys for matching.

mod capitals;
pub mod legacy;
mod markup;
pub mod ngram;
pub mod repair;
pub(crate) mod syllable;
pub mod tone;

pub use markup::{strip_markup, Stripped};

#[cfg(test)]
use crate::ingest::Run;
use crate::ingest::{Line, SourceDoc};
use crate::model::Warning;
use std::collections::BTreeMap;
use unicode_normalization::UnicodeNormalization;

/// Normalises every line and cell of a document in place.
/// Runs in a legacy font (.VnTime, VNI-Times, VPS…, VI Times) are decoded
/// by their font.
/// Text whose font names no encoding (plain text, or a PDF whose legacy
/// font was replaced) is decoded when all the text in that font reads as
/// legacy text: fonts are judged one by one, so a Unicode body keeps its
/// text while a table in another font is decoded.
pub fn normalize_doc(mut doc: SourceDoc) -> SourceDoc {
    let detected = detect_by_font(&doc.lines);
    for (font, enc) in &detected {
        doc.warnings.push(Warning::new(
            "legacy_encoding",
            format!(
                "text in {} was typed in a legacy encoding ({enc:?}) and was converted to Unicode",
                font.as_deref()
                    .map_or("the document".to_string(), |f| format!("font {f}"))
            ),
        ));
    }
    let named: BTreeMap<String, legacy::Encoding> = doc
        .lines
        .iter()
        .flat_map(|l| &l.runs)
        .filter_map(|r| {
            let font = r.font.as_deref()?;
            Some((font.to_string(), legacy::encoding_of_font(font)?))
        })
        .collect();
    for (font, enc) in &named {
        doc.warnings.push(Warning::new(
            "legacy_encoding",
            format!(
                "text in font {font} is in a legacy encoding ({enc:?}) and was converted to Unicode"
            ),
        ));
    }
    for line in &mut doc.lines {
        normalize_line(line, &detected);
    }
    // TCVN3's "ư" is the soft hyphen, which tools drop as invisible.
    let tcvn3 = |e: &legacy::Encoding| matches!(e, legacy::Encoding::Tcvn3 { .. });
    let dropped = (named.values().any(tcvn3) || detected.values().any(tcvn3)).then_some('ư');
    let (repairs, incomplete) = repair::repair_lines(&mut doc.lines, dropped);
    doc.repairs = repairs;
    if incomplete {
        doc.warnings.push(Warning::new(
            "repair_incomplete",
            "the document has more damaged text than one document may have read again; \
             the rest was left as printed",
        ));
    }
    if let Some(first) = doc.repairs.first() {
        doc.warnings.push(Warning::new(
            "repaired_text",
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

/// Legacy encodings found by statistics, by font name (`None` for text
/// outside any run): for every font that names no encoding itself, the
/// text set in it as a whole.
fn detect_by_font(lines: &[Line]) -> BTreeMap<Option<String>, legacy::Encoding> {
    let mut texts: BTreeMap<Option<String>, String> = BTreeMap::new();
    for line in lines {
        let mut pos = 0;
        for run in &line.runs {
            let (start, end) = (run.start.min(line.text.len()), run.end.min(line.text.len()));
            let outside = texts.entry(None).or_default();
            outside.push_str(line.text.get(pos..start).unwrap_or_default());
            if run
                .font
                .as_deref()
                .and_then(legacy::encoding_of_font)
                .is_none()
            {
                let inside = texts.entry(run.font.clone()).or_default();
                inside.push_str(line.text.get(start..end).unwrap_or_default());
                inside.push(' ');
            }
            pos = end.max(pos);
        }
        let outside = texts.entry(None).or_default();
        outside.push_str(line.text.get(pos..).unwrap_or_default());
        outside.push('\n');
    }
    let mut found: BTreeMap<Option<String>, legacy::Encoding> = texts
        .iter()
        .filter_map(|(font, text)| Some((font.clone(), legacy::detect(text)?)))
        .collect();
    // A font with too little text to judge (an italic word, a bold header
    // cell) follows the document's legacy font when it could be in it.
    let main = found
        .iter()
        .max_by_key(|(font, _)| texts.get(*font).map_or(0, String::len))
        .map(|(_, &enc)| enc);
    if let Some(enc) = main {
        for (font, text) in &texts {
            let small = text.chars().filter(|c| c.is_alphabetic()).count() < SMALL_FONT_LETTERS;
            let latin1 = text.chars().all(|c| (c as u32) < 0x100 || c == '\u{2212}');
            if small && latin1 && legacy::decode(text, enc) != *text {
                found.entry(font.clone()).or_insert(enc);
            }
        }
    }
    found
}

/// Letters below which a font's text is too little to judge its encoding.
const SMALL_FONT_LETTERS: usize = 200;

/// Normalises a line's text run by run (so run offsets stay true), then
/// recuts its cells from the new text.
fn normalize_line(line: &mut Line, detected: &BTreeMap<Option<String>, legacy::Encoding>) {
    let mut tcvn3 = false;
    let mut decode = |s: &str, enc: Option<legacy::Encoding>| match enc {
        Some(enc) => {
            tcvn3 |= enc == legacy::Encoding::Tcvn3 { upper: false };
            text(&legacy::decode(s, enc))
        }
        None => text(s),
    };
    let outside = detected.get(&None).copied();
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
            let named = run.font.as_deref().and_then(legacy::encoding_of_font);
            out.push_str(&decode(
                raw,
                named.or_else(|| detected.get(&run.font).copied()),
            ));
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

/// Canonical form of a row label for matching: NFC, each syllable's tone
/// mark in one place ([`tone::canonical`]: "hoà" and "hòa" both give
/// "hòa"), white space collapsed to single spaces and trimmed. Case is kept.
pub fn label_key(s: &str) -> String {
    collapse_ws(&tone::canonical(s))
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
        normalize_line(&mut line, &BTreeMap::new());
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
