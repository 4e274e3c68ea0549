//! Text front end: `.txt` and `.md` renderings of reports (PDF text dumps and
//! tab-separated DOCX dumps).

use super::decode::decode_text;
use super::{IngestError, Line, SourceDoc};
use crate::diagnostics;

/// Share of control characters above which a text file counts as binary junk.
const MAX_CONTROL_SHARE: f64 = 0.10;

/// Reads a text rendering into lines; tab-holding lines also get cells.
pub fn read(bytes: &[u8], ext: &str) -> Result<SourceDoc, IngestError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(IngestError {
            code: diagnostics::EMPTY_INPUT,
            message: "the file is empty or holds only white space".into(),
        });
    }
    let decoded = decode_text(bytes);
    if control_share(&decoded.text) > MAX_CONTROL_SHARE {
        return Err(IngestError {
            code: diagnostics::BINARY_INPUT,
            message: "the file looks like binary data, not text".into(),
        });
    }
    let lines = split_lines(&decoded.text);
    Ok(SourceDoc {
        format: ext.to_string(),
        lines,
        pages: None,
        repairs: Vec::new(),
        ocr: None,
        warnings: decoded.warnings,
    })
}

/// Splits text into numbered lines (LF, CRLF or CR), cutting tabbed lines into cells.
pub fn split_lines(text: &str) -> Vec<Line> {
    text.split('\n')
        .flat_map(|l| l.split('\r'))
        .enumerate()
        .map(|(i, t)| Line {
            no: i + 1,
            text: t.to_string(),
            cells: t
                .contains('\t')
                .then(|| t.split('\t').map(str::to_string).collect()),
            runs: Vec::new(),
            page: None,
            rule_above: None,
        })
        .collect()
}

fn control_share(text: &str) -> f64 {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars() {
        total += 1;
        if (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')) || c == '\u{fffd}' {
            control += 1;
        }
    }
    if total == 0 {
        0.0
    } else {
        control as f64 / total as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabbed_lines_get_cells() {
        let lines = split_lines("a\tb\r\nplain");
        assert_eq!(
            lines[0].cells.as_deref(),
            Some(&["a".to_string(), "b".to_string()][..])
        );
        assert_eq!(lines[1].cells, None);
        assert_eq!(lines[1].no, 2);
    }

    #[test]
    fn junk_is_rejected() {
        let junk: Vec<u8> = (0u8..32).cycle().take(400).collect();
        assert_eq!(read(&junk, "txt").unwrap_err().code, "binary_input");
        assert_eq!(read(b"  \n", "txt").unwrap_err().code, "empty_input");
    }
}
