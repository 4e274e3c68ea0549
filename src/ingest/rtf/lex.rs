//! RTF tokens (RTF 1.9.1 specification, "RTF syntax"): group braces,
//! control words with their optional numeric parameter, control symbols,
//! `\'hh` bytes and plain text. `\binN` data is skipped here.

/// One token of an RTF stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token<'a> {
    /// `{`
    Open,
    /// `}`
    Close,
    /// A control word (`\par`, `\f2`, `\u-3912`): name and parameter.
    Word(&'a str, Option<i32>),
    /// A control symbol (`\~`, `\*`, `\{`): its character.
    Symbol(u8),
    /// A byte given as `\'hh`.
    Byte(u8),
    /// Plain text bytes (line ends removed).
    Text(&'a [u8]),
}

/// Splits RTF bytes into tokens.
pub struct Lexer<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Lexer<'a> {
    /// A lexer over the whole input.
    pub fn new(bytes: &'a [u8]) -> Self {
        Lexer { bytes, pos: 0 }
    }

    fn control(&mut self) -> Option<Token<'a>> {
        let b = self.bytes;
        let &c = b.get(self.pos)?;
        if !c.is_ascii_alphabetic() {
            self.pos += 1;
            if c == b'\'' {
                let hex = b.get(self.pos..self.pos + 2)?;
                self.pos += 2;
                let text = std::str::from_utf8(hex).ok()?;
                return u8::from_str_radix(text, 16).ok().map(Token::Byte);
            }
            return Some(match c {
                b'\r' | b'\n' => Token::Word("par", None),
                _ => Token::Symbol(c),
            });
        }
        let start = self.pos;
        while b.get(self.pos).is_some_and(u8::is_ascii_alphabetic) && self.pos - start < 32 {
            self.pos += 1;
        }
        let name = std::str::from_utf8(&b[start..self.pos]).unwrap_or("");
        let num_start = self.pos;
        if b.get(self.pos) == Some(&b'-') {
            self.pos += 1;
        }
        while b.get(self.pos).is_some_and(u8::is_ascii_digit) && self.pos - num_start < 11 {
            self.pos += 1;
        }
        let param = std::str::from_utf8(&b[num_start..self.pos])
            .ok()
            .and_then(|t| t.parse::<i64>().ok())
            .map(|v| v.clamp(i32::MIN as i64, i32::MAX as i64) as i32);
        if b.get(self.pos) == Some(&b' ') {
            self.pos += 1;
        }
        if name == "bin" {
            let skip = param.unwrap_or(0).max(0) as usize;
            self.pos = self.pos.saturating_add(skip).min(b.len());
            return Some(Token::Text(&[]));
        }
        Some(Token::Word(name, param))
    }
}

impl<'a> Iterator for Lexer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            let &c = self.bytes.get(self.pos)?;
            match c {
                b'{' => {
                    self.pos += 1;
                    return Some(Token::Open);
                }
                b'}' => {
                    self.pos += 1;
                    return Some(Token::Close);
                }
                b'\\' => {
                    self.pos += 1;
                    return self.control();
                }
                b'\r' | b'\n' | 0 => self.pos += 1,
                _ => {
                    let start = self.pos;
                    while self
                        .bytes
                        .get(self.pos)
                        .is_some_and(|b| !matches!(b, b'{' | b'}' | b'\\' | b'\r' | b'\n' | 0))
                    {
                        self.pos += 1;
                    }
                    return Some(Token::Text(&self.bytes[start..self.pos]));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens() {
        let t: Vec<Token> = Lexer::new(b"{\\rtf1\\ansi\\f0\\u-3912 ab\\'e0\\~c}").collect();
        assert_eq!(
            t,
            [
                Token::Open,
                Token::Word("rtf", Some(1)),
                Token::Word("ansi", None),
                Token::Word("f", Some(0)),
                Token::Word("u", Some(-3912)),
                Token::Text(b"ab"),
                Token::Byte(0xe0),
                Token::Symbol(b'~'),
                Token::Text(b"c"),
                Token::Close,
            ]
        );
    }

    #[test]
    fn binary_data_is_skipped() {
        let t: Vec<Token> = Lexer::new(b"\\bin3 {}}x").collect();
        assert_eq!(t, [Token::Text(b""), Token::Text(b"x")]);
    }
}
