//! The RTF group stack: destinations, character and paragraph state, and
//! the paragraphs and table rows they build.

use super::lex::{Lexer, Token};
use super::table::{self, CellDef, HMerge, RowBuild};
use super::MAX_DEPTH;
use crate::ingest::blocks::{Block, Para, Segment, VMerge};
use crate::ingest::office_patterns::OFFICE;
use encoding_rs::{Encoding, WINDOWS_1252};
use std::collections::HashMap;

/// Why an RTF body could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RtfError {
    /// Groups nested deeper than [`MAX_DEPTH`].
    TooDeep,
}

/// Where a group's text goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dest {
    Body,
    FontTable,
    Skip,
}

/// State a group inherits and restores at its end.
#[derive(Debug, Clone)]
struct State {
    dest: Dest,
    font: Option<i32>,
    bold: bool,
    italic: bool,
    superscript: bool,
    in_table: bool,
    uc: usize,
}

/// A font table entry.
#[derive(Debug, Clone, Default)]
struct Font {
    name: String,
    encoding: Option<&'static Encoding>,
}

/// The reader's whole state.
struct Reader {
    stack: Vec<State>,
    fonts: HashMap<i32, Font>,
    font_def: Option<i32>,
    deff: Option<i32>,
    ansi: &'static Encoding,
    pending: Vec<u8>,
    skip: usize,
    high_surrogate: Option<u16>,
    para: Para,
    cell: Vec<Block>,
    row_cells: Vec<Vec<Block>>,
    defs: Vec<CellDef>,
    next_def: CellDef,
    row_left: i32,
    rows: Vec<RowBuild>,
    out: Vec<Block>,
}

/// Reads the body of an RTF document into blocks.
pub fn read(bytes: &[u8]) -> Result<Vec<Block>, RtfError> {
    let mut r = Reader::new();
    for token in Lexer::new(bytes) {
        r.token(token)?;
    }
    r.end_para();
    r.end_table();
    Ok(r.out)
}

fn code_page(cp: i32) -> Option<&'static Encoding> {
    u16::try_from(cp).ok().and_then(codepage::to_encoding)
}

impl Reader {
    fn new() -> Self {
        Reader {
            stack: vec![State {
                dest: Dest::Body,
                font: None,
                bold: false,
                italic: false,
                superscript: false,
                in_table: false,
                uc: 1,
            }],
            fonts: HashMap::new(),
            font_def: None,
            deff: None,
            ansi: WINDOWS_1252,
            pending: Vec::new(),
            skip: 0,
            high_surrogate: None,
            para: Para::default(),
            cell: Vec::new(),
            row_cells: Vec::new(),
            defs: Vec::new(),
            next_def: CellDef::default(),
            row_left: 0,
            rows: Vec::new(),
            out: Vec::new(),
        }
    }

    fn state(&mut self) -> &mut State {
        self.stack
            .last_mut()
            .expect("the root state is never popped")
    }

    fn token(&mut self, token: Token) -> Result<(), RtfError> {
        match token {
            Token::Open => {
                self.flush();
                if self.stack.len() > MAX_DEPTH {
                    return Err(RtfError::TooDeep);
                }
                let top = self.state().clone();
                self.stack.push(top);
                self.skip = 0;
            }
            Token::Close => {
                self.flush();
                if self.stack.len() > 1 {
                    self.stack.pop();
                }
                self.skip = 0;
            }
            Token::Word(word, param) => self.word(word, param),
            Token::Symbol(c) => self.symbol(c),
            Token::Byte(b) => self.bytes(&[b]),
            Token::Text(t) => self.bytes(t),
        }
        Ok(())
    }

    fn bytes(&mut self, mut bytes: &[u8]) {
        if self.skip > 0 {
            let n = self.skip.min(bytes.len());
            self.skip -= n;
            bytes = &bytes[n..];
        }
        match self.state().dest {
            Dest::Skip => {}
            Dest::FontTable => self.font_name(bytes),
            Dest::Body => self.pending.extend_from_slice(bytes),
        }
    }

    fn font_name(&mut self, bytes: &[u8]) {
        let Some(id) = self.font_def else { return };
        let font = self.fonts.entry(id).or_default();
        for &b in bytes {
            if b == b';' {
                self.font_def = None;
                return;
            }
            font.name.push(char::from(b));
        }
    }

    /// Decodes the pending bytes in the current font's code page.
    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let bytes = std::mem::take(&mut self.pending);
        let encoding = self
            .current_font()
            .and_then(|f| f.encoding)
            .unwrap_or(self.ansi);
        let (text, _, _) = encoding.decode(&bytes);
        self.push_text(&text);
    }

    fn current_font(&self) -> Option<&Font> {
        let top = self.stack.last()?;
        self.fonts.get(&top.font.or(self.deff)?)
    }

    fn push_text(&mut self, text: &str) {
        if self.stack.last().is_some_and(|s| s.dest != Dest::Body) || text.is_empty() {
            return;
        }
        let font = self.current_font().map(|f| f.name.trim().to_string());
        let top = self.stack.last().cloned().expect("root state");
        let same = |s: &Segment| {
            s.font == font
                && s.bold == top.bold
                && s.italic == top.italic
                && s.superscript == top.superscript
        };
        match self.para.segments.last_mut() {
            Some(last) if same(last) => last.text.push_str(text),
            _ => self.para.segments.push(Segment {
                text: text.to_string(),
                font,
                bold: top.bold,
                italic: top.italic,
                superscript: top.superscript,
            }),
        }
    }

    fn symbol(&mut self, c: u8) {
        match c {
            b'*' => self.state().dest = Dest::Skip,
            b'~' => self.text_now(" "),
            b'_' => self.text_now("-"),
            b'-' => {}
            b'\\' | b'{' | b'}' => self.bytes(&[c]),
            _ => {}
        }
    }

    fn text_now(&mut self, text: &str) {
        self.flush();
        self.push_text(text);
    }

    fn unicode(&mut self, param: i32) {
        self.flush();
        let unit = (param as i64).rem_euclid(65_536) as u16;
        let ch = match (self.high_surrogate.take(), unit) {
            (_, 0xD800..=0xDBFF) => {
                self.high_surrogate = Some(unit);
                None
            }
            (Some(high), 0xDC00..=0xDFFF) => {
                char::decode_utf16([high, unit]).next().and_then(Result::ok)
            }
            _ => char::from_u32(u32::from(unit)),
        };
        if let Some(ch) = ch {
            self.push_text(ch.encode_utf8(&mut [0; 4]));
        }
        self.skip = self.stack.last().map_or(1, |s| s.uc);
    }

    fn word(&mut self, word: &str, param: Option<i32>) {
        if word != "u" {
            self.skip = 0;
        }
        let on = param != Some(0);
        if self.char_word(word, param, on) || self.table_word(word, param) {
            return;
        }
        match word {
            "u" => self.unicode(param.unwrap_or(0)),
            "uc" => self.state().uc = param.unwrap_or(1).clamp(0, 16) as usize,
            "par" | "sect" | "page" => self.end_para(),
            "line" => self.text_now("\n"),
            "tab" => self.text_now("\t"),
            "nestcell" | "nestrow" => self.text_now(" "),
            "fonttbl" => self.state().dest = Dest::FontTable,
            "ansicpg" => self.ansi = param.and_then(code_page).unwrap_or(WINDOWS_1252),
            "deff" => self.deff = param,
            "fcharset" if self.stack.last().is_some_and(|s| s.dest == Dest::FontTable) => {
                let cp = OFFICE
                    .rtf
                    .charset_code_pages
                    .get(&param.unwrap_or(0).to_string())
                    .copied();
                let encoding = cp.map(i32::from).and_then(code_page);
                if let Some(f) = self.font_def.and_then(|id| self.fonts.get_mut(&id)) {
                    f.encoding = encoding;
                }
            }
            "cpg" if self.stack.last().is_some_and(|s| s.dest == Dest::FontTable) => {
                if let Some(f) = self.font_def.and_then(|id| self.fonts.get_mut(&id)) {
                    f.encoding = param.and_then(code_page).or(f.encoding);
                }
            }
            w if OFFICE.rtf.skip_destinations.iter().any(|d| d == w) => {
                self.flush();
                self.state().dest = Dest::Skip;
            }
            w => {
                if let Some(s) = OFFICE.rtf.symbols.get(w) {
                    let s = s.clone();
                    self.text_now(&s);
                }
            }
        }
    }

    /// Character formatting; true when `word` was one.
    fn char_word(&mut self, word: &str, param: Option<i32>, on: bool) -> bool {
        if !matches!(
            word,
            "f" | "plain" | "b" | "i" | "super" | "nosupersub" | "sub"
        ) {
            return false;
        }
        self.flush();
        if word == "f" && self.stack.last().is_some_and(|s| s.dest == Dest::FontTable) {
            let id = param.unwrap_or(0);
            self.font_def = Some(id);
            self.fonts.entry(id).or_default().name.clear();
            return true;
        }
        let deff = self.deff;
        let s = self.state();
        match word {
            "f" => s.font = param,
            "plain" => {
                s.font = deff;
                s.bold = false;
                s.italic = false;
                s.superscript = false;
            }
            "b" => s.bold = on,
            "i" => s.italic = on,
            "super" => s.superscript = on,
            _ => s.superscript = false,
        }
        true
    }

    /// Table structure; true when `word` was part of it.
    fn table_word(&mut self, word: &str, param: Option<i32>) -> bool {
        match word {
            "intbl" => self.state().in_table = true,
            "pard" => {
                self.flush();
                self.state().in_table = false;
            }
            "trowd" => {
                self.defs.clear();
                self.next_def = CellDef::default();
                self.row_left = 0;
            }
            "trleft" => self.row_left = param.unwrap_or(0),
            "clmrg" => self.next_def.hmerge = HMerge::Continue,
            "clvmgf" => self.next_def.vmerge = VMerge::Restart,
            "clvmrg" => self.next_def.vmerge = VMerge::Continue,
            "cellx" if self.defs.len() < table::MAX_CELLS => {
                self.next_def.right = param.unwrap_or(0);
                self.defs.push(std::mem::take(&mut self.next_def));
            }
            "cell" => self.end_cell(),
            "row" => self.end_row(),
            "clmgf" | "cellx" => {}
            _ => return false,
        }
        true
    }

    fn end_para(&mut self) {
        self.flush();
        let para = std::mem::take(&mut self.para);
        if self.stack.last().is_some_and(|s| s.in_table) {
            self.cell.push(Block::Para(para));
            return;
        }
        self.end_table();
        self.out.push(Block::Para(para));
    }

    fn end_cell(&mut self) {
        self.flush();
        let para = std::mem::take(&mut self.para);
        if !para.segments.is_empty() {
            self.cell.push(Block::Para(para));
        }
        if self.row_cells.len() < table::MAX_CELLS {
            self.row_cells.push(std::mem::take(&mut self.cell));
        }
    }

    fn end_row(&mut self) {
        self.flush();
        if !self.cell.is_empty() || !self.para.segments.is_empty() {
            self.end_cell();
        }
        self.rows.push(RowBuild {
            left: self.row_left,
            defs: self.defs.clone(),
            cells: std::mem::take(&mut self.row_cells),
        });
    }

    fn end_table(&mut self) {
        if !self.row_cells.is_empty() {
            self.end_row();
        }
        if !self.rows.is_empty() {
            let rows = std::mem::take(&mut self.rows);
            self.out.push(Block::Table(table::to_table(rows)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::blocks::lines::to_lines;

    fn lines(rtf: &str) -> Vec<String> {
        to_lines(&read(rtf.as_bytes()).unwrap())
            .into_iter()
            .map(|l| l.text)
            .filter(|t| !t.is_empty())
            .collect()
    }

    #[test]
    fn paragraphs_code_pages_and_unicode() {
        let rtf = r"{\rtf1\ansi\ansicpg1258\deff0{\fonttbl{\f0\fnil\fcharset163 Times New Roman;}}
{\*\generator x;}\pard B\'c1O C\'c1O\par \uc1 k\u7871?t qu\u7843?\par}";
        assert_eq!(lines(rtf), ["BÁO CÁO", "kết quả"]);
    }

    #[test]
    fn a_table_with_a_merged_header() {
        let rtf = r"{\rtf1\ansi{\fonttbl{\f0 Arial;}}
\trowd\cellx500\clvmgf\cellx3000\cellx5000\pard\intbl STT\cell N\'f4i dung\cell K\'ea\'cft qu\'e1\cell\row
\trowd\cellx500\clvmrg\cellx3000\cellx4000\cellx5000\pard\intbl\cell\cell S\'f4\cell T\'ec\cell\row
\pard Sau b\'e1ng\par}";
        assert_eq!(
            lines(rtf),
            ["STT\tNôi dung\tKêÏt quá\t", "\t\tSô\tTì", "Sau báng"]
        );
    }

    #[test]
    fn legacy_font_names_travel_with_the_runs() {
        let rtf = r"{\rtf1\ansi{\fonttbl{\f1\fswiss\fcharset0 .VnTime;}}\f1 B\'b8o c\'b8o\par}";
        let blocks = read(rtf.as_bytes()).unwrap();
        let l = &to_lines(&blocks)[0];
        assert_eq!(l.text, "B¸o c¸o");
        assert_eq!(l.runs[0].font.as_deref(), Some(".VnTime"));
    }

    #[test]
    fn deep_nesting_is_refused() {
        let rtf = "{\\rtf1".to_string() + &"{".repeat(MAX_DEPTH + 5);
        assert_eq!(read(rtf.as_bytes()), Err(RtfError::TooDeep));
    }
}
