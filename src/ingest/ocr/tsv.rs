//! Tesseract's TSV output: one row per page, block, paragraph, line and
//! word, with its box (pixels) and, for words, a confidence in [0, 100].

/// Column of the level (5 is a word) in a TSV row.
const LEVEL: usize = 0;
/// Columns of the block, paragraph and line numbers.
const BLOCK: usize = 2;
const PARAGRAPH: usize = 3;
const LINE: usize = 4;
/// Columns of the box: left, top, width, height.
const LEFT: usize = 6;
/// Column of the confidence.
const CONFIDENCE: usize = 10;
/// Column of the text.
const TEXT: usize = 11;
/// The level number of a word row.
const WORD_LEVEL: &str = "5";

/// One recognised word.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct OcrWord {
    /// The text, as recognised.
    pub text: String,
    /// Left edge (pixels).
    pub left: u32,
    /// Top edge (pixels).
    pub top: u32,
    /// Width (pixels).
    pub width: u32,
    /// Height (pixels).
    pub height: u32,
    /// Confidence in [0, 100].
    pub confidence: f32,
    /// The engine's line: (block, paragraph, line) numbers.
    pub line: (u32, u32, u32),
}

/// The words of a TSV output, in its order (the program's header row, the
/// rows of other levels, rows without text or with a malformed field are
/// left out).
pub(crate) fn words(tsv: &str) -> Vec<OcrWord> {
    tsv.lines().filter_map(word).collect()
}

fn word(row: &str) -> Option<OcrWord> {
    let f: Vec<&str> = row.split('\t').collect();
    if f.len() <= TEXT || f[LEVEL] != WORD_LEVEL {
        return None;
    }
    let text = f[TEXT].trim();
    if text.is_empty() {
        return None;
    }
    let n = |i: usize| f[i].trim().parse::<u32>().ok();
    let confidence: f32 = f[CONFIDENCE].trim().parse().ok()?;
    Some(OcrWord {
        text: text.to_string(),
        left: n(LEFT)?,
        top: n(LEFT + 1)?,
        width: n(LEFT + 2)?,
        height: n(LEFT + 3)?,
        confidence: confidence.clamp(0.0, 100.0),
        line: (n(BLOCK)?, n(PARAGRAPH)?, n(LINE)?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext
1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t
4\t1\t1\t1\t1\t0\t300\t400\t900\t60\t-1\t
5\t1\t1\t1\t1\t1\t300\t400\t120\t58\t96.5\tBáo
5\t1\t1\t1\t1\t2\t440\t402\t130\t56\t91.25\tcáo
5\t1\t1\t1\t1\t3\t600\t402\t30\t56\t95\t 
5\t1\t1\t1\t2\t1\t300\t480\tx\t56\t95\tbroken";

    #[test]
    fn reads_word_rows_only() {
        let w = words(SAMPLE);
        assert_eq!(w.len(), 2, "{w:?}");
        assert_eq!(w[0].text, "Báo");
        assert_eq!(
            (w[0].left, w[0].top, w[0].width, w[0].height),
            (300, 400, 120, 58)
        );
        assert_eq!(w[1].confidence, 91.25);
        assert_eq!(w[1].line, (1, 1, 1));
    }

    #[test]
    fn garbage_gives_no_words() {
        assert!(words("").is_empty());
        assert!(words("a\tb\n5\t1\t1").is_empty());
    }
}
