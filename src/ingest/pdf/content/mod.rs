//! A content-stream tokenizer (PDF 32000-1 §7.2, §7.8.2): operands and
//! operators handed out one operator at a time, without building the whole
//! stream as objects. Numbers, names, strings and arrays are kept;
//! dictionaries, booleans and `null` are skipped as [`Operand::Other`];
//! inline images (`BI … ID data EI`) are stepped over.

use std::borrow::Cow;

/// Deepest nesting of arrays and dictionaries followed; deeper content is
/// skipped as one operand.
const MAX_NESTING: usize = 32;

/// One operand of a content-stream operator.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand<'a> {
    /// An integer or real number.
    Number(f32),
    /// A name, without its slash, `#xx` escapes decoded.
    Name(Cow<'a, [u8]>),
    /// A literal or hexadecimal string, escapes decoded.
    Str(Cow<'a, [u8]>),
    /// An array.
    Array(Vec<Operand<'a>>),
    /// A dictionary, boolean or `null`.
    Other,
}

impl Operand<'_> {
    /// The operand as a number; anything else counts as 0.
    pub fn number(&self) -> f32 {
        match self {
            Operand::Number(n) => *n,
            _ => 0.0,
        }
    }

    /// The operand as a name.
    pub fn name(&self) -> Option<&[u8]> {
        match self {
            Operand::Name(n) => Some(n),
            _ => None,
        }
    }
}

fn is_white(b: u8) -> bool {
    matches!(b, 0 | 9 | 10 | 12 | 13 | 32)
}

fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(b: u8) -> bool {
    !is_white(b) && !is_delimiter(b)
}

/// A token read from the stream.
enum Token<'a> {
    Operand(Operand<'a>),
    /// A bare keyword: an operator (or `true`/`false`/`null`).
    Keyword(&'a [u8]),
    /// `]` or `>>`: the end of an array or dictionary.
    Close,
    /// `[`.
    OpenArray,
    /// `<<`.
    OpenDict,
    /// Nothing can be read here (a stray `)`, `>`, `{` or `}`): skipped.
    Junk,
}

/// Reads a content stream operator by operator.
pub struct Ops<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Ops<'a> {
    /// A reader over decoded content-stream bytes.
    pub fn new(data: &'a [u8]) -> Self {
        Ops { data, pos: 0 }
    }

    /// Calls `f(operator, operands)` for every operator in the stream, in
    /// order. Malformed content never fails: what cannot be read is skipped.
    pub fn for_each(mut self, mut f: impl FnMut(&[u8], &[Operand<'a>])) {
        let mut operands: Vec<Operand<'a>> = Vec::new();
        while let Some(token) = self.token() {
            match token {
                Token::Operand(o) => operands.push(o),
                Token::OpenArray => {
                    let array = self.array(0);
                    operands.push(array);
                }
                Token::OpenDict => {
                    self.skip_dict(0);
                    operands.push(Operand::Other);
                }
                Token::Keyword(k) => match k {
                    b"true" | b"false" | b"null" => operands.push(Operand::Other),
                    b"BI" => {
                        // Reported once stepped over: an image is drawn.
                        self.skip_inline_image();
                        operands.clear();
                        f(b"BI", &operands);
                    }
                    _ => {
                        f(k, &operands);
                        operands.clear();
                    }
                },
                Token::Close | Token::Junk => {}
            }
        }
    }

    fn skip_white(&mut self) {
        while let Some(&b) = self.data.get(self.pos) {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while self
                    .data
                    .get(self.pos)
                    .is_some_and(|&b| b != b'\n' && b != b'\r')
                {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn token(&mut self) -> Option<Token<'a>> {
        self.skip_white();
        let b = *self.data.get(self.pos)?;
        let token = match b {
            b'/' => {
                self.pos += 1;
                Token::Operand(Operand::Name(self.name()))
            }
            b'(' => {
                self.pos += 1;
                Token::Operand(Operand::Str(self.literal()))
            }
            b'<' if self.data.get(self.pos + 1) == Some(&b'<') => {
                self.pos += 2;
                Token::OpenDict
            }
            b'<' => {
                self.pos += 1;
                Token::Operand(Operand::Str(Cow::Owned(self.hex())))
            }
            b'>' if self.data.get(self.pos + 1) == Some(&b'>') => {
                self.pos += 2;
                Token::Close
            }
            b'[' => {
                self.pos += 1;
                Token::OpenArray
            }
            b']' => {
                self.pos += 1;
                Token::Close
            }
            _ if is_delimiter(b) => {
                self.pos += 1;
                Token::Junk
            }
            _ => {
                let start = self.pos;
                while self.data.get(self.pos).is_some_and(|&b| is_regular(b)) {
                    self.pos += 1;
                }
                let word = &self.data[start..self.pos];
                match number(word) {
                    Some(n) => Token::Operand(Operand::Number(n)),
                    None => Token::Keyword(word),
                }
            }
        };
        Some(token)
    }

    /// The elements of an array whose `[` was read, up to its `]`.
    fn array(&mut self, depth: usize) -> Operand<'a> {
        let mut items = Vec::new();
        while let Some(token) = self.token() {
            match token {
                Token::Operand(o) => items.push(o),
                Token::Keyword(_) => items.push(Operand::Other),
                Token::OpenArray if depth < MAX_NESTING => items.push(self.array(depth + 1)),
                Token::OpenDict if depth < MAX_NESTING => {
                    self.skip_dict(depth + 1);
                    items.push(Operand::Other);
                }
                Token::OpenArray | Token::OpenDict => items.push(Operand::Other),
                Token::Close => return Operand::Array(items),
                Token::Junk => {}
            }
        }
        Operand::Array(items)
    }

    /// Skips a dictionary whose `<<` was read, up to its `>>`.
    fn skip_dict(&mut self, depth: usize) {
        while let Some(token) = self.token() {
            match token {
                Token::Close => return,
                Token::OpenArray if depth < MAX_NESTING => {
                    self.array(depth + 1);
                }
                Token::OpenDict if depth < MAX_NESTING => self.skip_dict(depth + 1),
                _ => {}
            }
        }
    }

    /// A name's characters after its `/`.
    fn name(&mut self) -> Cow<'a, [u8]> {
        let start = self.pos;
        while self.data.get(self.pos).is_some_and(|&b| is_regular(b)) {
            self.pos += 1;
        }
        let raw = &self.data[start..self.pos];
        if !raw.contains(&b'#') {
            return Cow::Borrowed(raw);
        }
        let mut out = Vec::with_capacity(raw.len());
        let mut i = 0;
        while i < raw.len() {
            let escaped = (raw[i] == b'#')
                .then(|| Some((hex_digit(*raw.get(i + 1)?)?, hex_digit(*raw.get(i + 2)?)?)))
                .flatten();
            match escaped {
                Some((hi, lo)) => {
                    out.push(hi << 4 | lo);
                    i += 3;
                }
                None => {
                    out.push(raw[i]);
                    i += 1;
                }
            }
        }
        Cow::Owned(out)
    }

    /// A literal string's bytes after its `(`, up to the balancing `)`.
    fn literal(&mut self) -> Cow<'a, [u8]> {
        let start = self.pos;
        let mut depth = 0usize;
        let mut escaped = false;
        while let Some(&b) = self.data.get(self.pos) {
            match b {
                b'\\' => {
                    escaped = true;
                    self.pos += 1;
                }
                b'(' => depth += 1,
                b')' if depth == 0 => break,
                b')' => depth -= 1,
                _ => {}
            }
            self.pos += 1;
        }
        let end = self.pos.min(self.data.len());
        let raw = &self.data[start..end];
        self.pos = (self.pos + 1).min(self.data.len());
        if escaped {
            Cow::Owned(unescape(raw))
        } else {
            Cow::Borrowed(raw)
        }
    }

    /// A hexadecimal string's bytes after its `<`, up to `>`.
    fn hex(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        while let Some(&b) = self.data.get(self.pos) {
            self.pos += 1;
            if b == b'>' {
                break;
            }
            if let Some(d) = hex_digit(b) {
                match high.take() {
                    Some(h) => out.push(h << 4 | d),
                    None => high = Some(d),
                }
            }
        }
        if let Some(h) = high {
            out.push(h << 4);
        }
        out
    }

    /// Steps over an inline image after `BI`: its dictionary up to `ID`,
    /// then its data up to an `EI` between white space.
    fn skip_inline_image(&mut self) {
        while let Some(token) = self.token() {
            if let Token::Keyword(b"ID") = token {
                break;
            }
        }
        self.pos += 1;
        while self.pos + 1 < self.data.len() {
            let at_ei = &self.data[self.pos..self.pos + 2] == b"EI"
                && is_white(self.data[self.pos - 1])
                && self.data.get(self.pos + 2).is_none_or(|&b| is_white(b));
            if at_ei {
                self.pos += 2;
                return;
            }
            self.pos += 1;
        }
        self.pos = self.data.len();
    }
}

fn hex_digit(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// A number token (`12`, `-3.5`, `.5`, `4.`), or `None` for a keyword.
fn number(word: &[u8]) -> Option<f32> {
    let digits = word
        .strip_prefix(b"-")
        .or(word.strip_prefix(b"+"))
        .unwrap_or(word);
    let valid = !digits.is_empty()
        && digits.iter().any(u8::is_ascii_digit)
        && digits.iter().all(|&b| b.is_ascii_digit() || b == b'.')
        && digits.iter().filter(|&&b| b == b'.').count() <= 1;
    if !valid {
        return None;
    }
    let text = std::str::from_utf8(word).ok()?;
    text.parse::<f32>()
        .ok()
        .map(|n| if n.is_finite() { n } else { 0.0 })
}

/// Decodes the escapes of a literal string (§7.3.4.2).
fn unescape(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let b = raw[i];
        i += 1;
        if b != b'\\' {
            // An end of line in a string is read as a line feed.
            if b == b'\r' {
                if raw.get(i) == Some(&b'\n') {
                    i += 1;
                }
                out.push(b'\n');
            } else {
                out.push(b);
            }
            continue;
        }
        let Some(&e) = raw.get(i) else { break };
        i += 1;
        match e {
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'0'..=b'7' => {
                let mut v = u32::from(e - b'0');
                for _ in 0..2 {
                    match raw.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            v = v * 8 + u32::from(d - b'0');
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.push((v & 0xFF) as u8);
            }
            // A backslash before an end of line continues the string.
            b'\r' => {
                if raw.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'\n' => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests;
