//! Which legacy encoding each piece of a document is in. A run whose font
//! names an encoding (.VnTime, VNI-Times …) is in that encoding. Text in a
//! font that names none is judged font by font, all its text at once (a
//! PDF whose legacy font was replaced by DejaVu or Arial). Text outside any
//! run (plain text), or in a run with no font name (a Word 97 run in its
//! style's font), is judged as a whole and, when that finds nothing, in
//! regions: a Unicode body and a legacy table pasted into it.

use super::legacy::{self, Encoding};
use crate::diagnostics;
use crate::ingest::Line;
use crate::model::Warning;
use std::collections::{BTreeMap, HashMap};

/// Letters below which a font's text is too little to judge its encoding.
const SMALL_FONT_LETTERS: usize = 200;

/// The encodings found for a document.
#[derive(Debug, Default)]
pub struct Plan {
    /// Encodings named by fonts.
    named: BTreeMap<String, Encoding>,
    /// Encodings found by statistics for fonts that name none.
    by_font: BTreeMap<String, Encoding>,
    /// The encoding of each line's text outside runs with a font name.
    outside: Vec<Option<Encoding>>,
    /// Regions of that text decoded: (first line no, last line no, encoding).
    regions: Vec<(usize, usize, Encoding)>,
}

impl Plan {
    /// Decides the encodings of `lines`.
    pub fn new(lines: &[Line]) -> Plan {
        let mut plan = Plan {
            outside: vec![None; lines.len()],
            ..Plan::default()
        };
        let mut fonts: BTreeMap<String, String> = BTreeMap::new();
        // A PDF has a run per word: each font name is looked up once.
        let mut named: HashMap<&str, Option<Encoding>> = HashMap::new();
        for (line, run) in lines
            .iter()
            .flat_map(|l| l.runs.iter().map(move |r| (l, r)))
        {
            let Some(font) = run.font.as_deref() else {
                continue;
            };
            // First sight of a font: a named encoding goes in the plan, any
            // other font gets its text collected for judging.
            let enc = *named.entry(font).or_insert_with(|| {
                let enc = legacy::encoding_of_font(font);
                match enc {
                    Some(enc) => {
                        plan.named.insert(font.to_string(), enc);
                    }
                    None => {
                        fonts.insert(font.to_string(), String::new());
                    }
                }
                enc
            });
            if let (None, Some(text)) = (enc, fonts.get_mut(font)) {
                text.push_str(line.text.get(run.start..run.end).unwrap_or_default());
                text.push(' ');
            }
        }
        for (font, text) in &fonts {
            if let Some(enc) = legacy::detect(text) {
                plan.by_font.insert(font.clone(), enc);
            }
        }
        // A font with too little text to judge (an italic word, a bold
        // header cell) follows the document's main legacy font when its
        // text could be in it.
        let main = plan
            .by_font
            .keys()
            .max_by_key(|f| fonts.get(*f).map_or(0, String::len))
            .map(|f| plan.by_font[f]);
        if let Some(enc) = main {
            for (font, text) in &fonts {
                let small = text.chars().filter(|c| c.is_alphabetic()).count() < SMALL_FONT_LETTERS;
                if small && could_be_legacy(text) && legacy::decode(text, enc) != *text {
                    plan.by_font.entry(font.clone()).or_insert(enc);
                }
            }
        }
        plan.judge_outside(lines);
        plan
    }

    /// Text outside runs with a font name: as a whole, else region by region.
    fn judge_outside(&mut self, lines: &[Line]) {
        let outside: Vec<String> = lines.iter().map(outside_text).collect();
        let whole = outside.join("\n");
        if let Some(enc) = legacy::detect(&whole) {
            self.outside.iter_mut().for_each(|o| *o = Some(enc));
            if let (Some(first), Some(last)) = (lines.first(), lines.last()) {
                self.regions.push((first.no, last.no, enc));
            }
            return;
        }
        // Regions: runs of lines none of which holds a letter only Unicode
        // Vietnamese has (blank lines join either side).
        let mut start = 0;
        while start < lines.len() {
            if !could_be_legacy(&outside[start]) {
                start += 1;
                continue;
            }
            let mut end = start;
            while end < lines.len() && could_be_legacy(&outside[end]) {
                end += 1;
            }
            if let Some(enc) = legacy::detect(&outside[start..end].join("\n")) {
                self.outside[start..end]
                    .iter_mut()
                    .for_each(|o| *o = Some(enc));
                self.regions.push((lines[start].no, lines[end - 1].no, enc));
            }
            start = end;
        }
    }

    /// The encoding of a run in `font` on the line at `index` (a run with
    /// no font name is in the encoding of the line's text outside runs).
    pub fn for_run(&self, font: Option<&str>, index: usize) -> Option<Encoding> {
        let Some(font) = font else {
            return self.outside(index);
        };
        self.named
            .get(font)
            .or_else(|| self.by_font.get(font))
            .copied()
    }

    /// The encoding of the text outside runs with a font name of the line
    /// at `index`.
    pub fn outside(&self, index: usize) -> Option<Encoding> {
        self.outside.get(index).copied().flatten()
    }

    /// Whether any text is decoded from TCVN3.
    pub fn uses_tcvn3(&self) -> bool {
        let tcvn3 = |e: &Encoding| matches!(e, Encoding::Tcvn3 { .. });
        self.named.values().any(tcvn3)
            || self.by_font.values().any(tcvn3)
            || self.outside.iter().flatten().any(tcvn3)
    }

    /// One `legacy_encoding` warning per decoded font and region.
    pub fn warnings(&self) -> Vec<Warning> {
        let converted = |what: String, enc: &Encoding| {
            Warning::new(
                diagnostics::LEGACY_ENCODING,
                format!(
                    "{what} was typed in a legacy encoding ({enc:?}) and was converted to Unicode"
                ),
            )
        };
        let fonts = self.named.iter().chain(&self.by_font);
        let mut out: Vec<Warning> = fonts
            .map(|(font, enc)| converted(format!("text in font {font}"), enc))
            .collect();
        for &(first, last, enc) in &self.regions {
            out.push(converted(format!("the text of lines {first}–{last}"), &enc));
        }
        out
    }
}

/// A line's text outside its runs with a font name (all of it for plain
/// text).
fn outside_text(line: &Line) -> String {
    let mut out = String::new();
    let mut pos = 0;
    for run in line.runs.iter().filter(|r| r.font.is_some()) {
        let start = run.start.min(line.text.len());
        out.push_str(line.text.get(pos..start).unwrap_or_default());
        pos = run.end.min(line.text.len()).max(pos);
    }
    out.push_str(line.text.get(pos..).unwrap_or_default());
    out
}

/// Whether text could be legacy-encoded: it holds no letter that only
/// Unicode Vietnamese uses (ă, đ, ơ, ư, ạ … beyond Latin-1).
fn could_be_legacy(text: &str) -> bool {
    !text.chars().any(legacy::vietnamese_only)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Run;

    fn lines(texts: &[&str]) -> Vec<Line> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Line {
                no: i + 1,
                text: t.to_string(),
                cells: None,
                runs: Vec::new(),
                page: None,
                rule_above: None,
            })
            .collect()
    }

    const BODY: &str =
        "Báo cáo kết quả thực hiện công tác cải cách hành chính của huyện trong quý.";

    /// Ten lines of a Unicode body, then ten of a TCVN3 table.
    fn body_then_table() -> Vec<&'static str> {
        let table = "Sè v¨n b¶n chØ ®¹o CCHC ®· ban hµnh trong kú b¸o c¸o cña huyÖn vµ c¸c x·";
        let mut texts = vec![BODY; 10];
        texts.extend(vec![table; 10]);
        texts
    }

    #[test]
    fn a_legacy_table_in_a_unicode_body_is_found() {
        let mut texts = body_then_table();
        texts.push(BODY);
        let plan = Plan::new(&lines(&texts));
        assert_eq!(plan.outside(0), None);
        assert_eq!(plan.outside(12), Some(Encoding::Tcvn3 { upper: false }));
        assert_eq!(plan.outside(20), None);
        assert_eq!(plan.warnings().len(), 1);
        assert!(plan.uses_tcvn3());
    }

    #[test]
    fn runs_with_no_font_name_are_judged_with_the_text_outside_runs() {
        let mut lines = lines(&body_then_table());
        for line in &mut lines {
            line.runs.push(Run {
                end: line.text.len(),
                ..Run::default()
            });
        }
        let plan = Plan::new(&lines);
        let tcvn3 = Some(Encoding::Tcvn3 { upper: false });
        assert_eq!(plan.for_run(None, 0), None);
        assert_eq!(plan.for_run(None, 15), tcvn3);
        assert_eq!(plan.for_run(Some("Times New Roman"), 15), None);
    }

    #[test]
    fn unicode_text_has_no_plan() {
        let plan = Plan::new(&lines(
            &["Báo cáo kết quả thực hiện công tác cải cách hành chính"; 20],
        ));
        assert!(plan.warnings().is_empty());
        assert!(!plan.uses_tcvn3());
    }
}
