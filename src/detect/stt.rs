//! STT numbers: "1", "1.2.", "2.2.1", Roman "IV", and in cells a Roman
//! section's part "III.1".

use super::patterns::PATTERNS;

/// A parsed STT.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stt {
    /// Dotted decimal numbering, components in order.
    Numeric(Vec<u32>),
    /// A Roman-numeral section.
    Roman(u32),
    /// A numbered part of a Roman section ("III.1"): the section's value
    /// and the dotted decimals after it. Read in cells only.
    Sub(u32, Vec<u32>),
}

/// Parses an STT cell as printed; trailing dots are allowed. `None` when it is
/// not an STT.
pub fn parse(s: &str) -> Option<(String, Stt)> {
    let unwrapped = unwrap_cell(s.trim());
    let c = PATTERNS.stt_cell.captures(&unwrapped)?;
    if let Some(num) = c.get(1) {
        let printed = num.as_str().to_string();
        let parts = printed.split('.').filter_map(|p| p.parse().ok()).collect();
        return Some((printed, Stt::Numeric(parts)));
    }
    if let (Some(whole), Some(section), Some(num)) = (c.get(3), c.get(4), c.get(5)) {
        let parts = num
            .as_str()
            .split('.')
            .filter_map(|p| p.parse().ok())
            .collect();
        let sub = Stt::Sub(roman_value(section.as_str()), parts);
        return Some((whole.as_str().to_string(), sub));
    }
    let printed = c.get(2)?.as_str().to_string();
    let value = roman_value(&printed);
    Some((printed, Stt::Roman(value)))
}

/// An STT cell wrapped after a dot ("3.3." over "1" reads "3.3. 1")
/// joined back: white space between a dot and a digit goes.
fn unwrap_cell(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains(". ") {
        return s.into();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '.' {
            let mut spaces = 0;
            while chars.peek().is_some_and(|n| n.is_whitespace()) {
                chars.next();
                spaces += 1;
            }
            if spaces > 0 && !chars.peek().is_some_and(char::is_ascii_digit) {
                out.push(' ');
            }
        }
    }
    out.into()
}

/// Splits a leading STT token off a flattened line: `("1.2", rest)`.
pub fn split_leading(line: &str) -> Option<(String, Stt, &str)> {
    let c = PATTERNS.stt_leading.captures(line)?;
    let whole = c.get(0)?;
    let (printed, stt) = parse(&c[1])?;
    Some((printed, stt, &line[whole.end()..]))
}

/// Dotted decimal numbering as printed ("2.2.1").
pub fn printed(parts: &[u32]) -> String {
    parts
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

/// The dotted decimals of an STT cell, when it is one.
pub fn numeric(s: &str) -> Option<Vec<u32>> {
    match parse(s)?.1 {
        Stt::Numeric(parts) => Some(parts),
        _ => None,
    }
}

/// True when `p` can follow `l` in a numbering: next sibling at some level,
/// first child, or a repeat.
pub fn is_successor(p: &[u32], l: &[u32]) -> bool {
    if p == l {
        return true;
    }
    if p.len() == l.len() + 1 && p[..l.len()] == *l && p[l.len()] == 1 {
        return true;
    }
    (1..=l.len()).any(|k| p.len() == k && p[..k - 1] == l[..k - 1] && p[k - 1] == l[k - 1] + 1)
}

fn roman_value(s: &str) -> u32 {
    let v = |c| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        _ => 0,
    };
    let digits: Vec<u32> = s.chars().map(v).collect();
    let mut total = 0i64;
    for (i, d) in digits.iter().enumerate() {
        if digits.get(i + 1).is_some_and(|n| n > d) {
            total -= i64::from(*d);
        } else {
            total += i64::from(*d);
        }
    }
    u32::try_from(total).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_and_roman() {
        assert_eq!(
            parse("2.2.1."),
            Some(("2.2.1".into(), Stt::Numeric(vec![2, 2, 1])))
        );
        assert_eq!(parse("IV"), Some(("IV".into(), Stt::Roman(4))));
        assert_eq!(parse("abc"), None);
        assert_eq!(parse(""), None);
        assert_eq!(parse("2023"), None);
        // A cell wrapped after a dot.
        assert_eq!(
            parse("3.3. 1"),
            Some(("3.3.1".into(), Stt::Numeric(vec![3, 3, 1])))
        );
        assert_eq!(parse("3. a"), None);
        // A numbered part of a Roman section, in a cell.
        assert_eq!(parse("III.1"), Some(("III.1".into(), Stt::Sub(3, vec![1]))));
        assert_eq!(
            parse("II.2.3."),
            Some(("II.2.3".into(), Stt::Sub(2, vec![2, 3])))
        );
        assert_eq!(parse("III.a"), None);
    }

    #[test]
    fn successors() {
        assert!(is_successor(&[1, 2], &[1, 1]));
        assert!(is_successor(&[2], &[1, 3, 2]));
        assert!(is_successor(&[1, 3, 1], &[1, 3]));
        assert!(!is_successor(&[2], &[6, 2]));
        assert!(!is_successor(&[1], &[1, 4, 2]));
    }

    #[test]
    fn leading_token() {
        let (p, _, rest) = split_leading("1.2.  Số VBQPPL Văn bản 01").unwrap();
        assert_eq!((p.as_str(), rest), ("1.2", "Số VBQPPL Văn bản 01"));
        assert!(split_leading("Số TTHC").is_none());
        assert!(split_leading("III Số người").is_some());
        assert!(split_leading("Iphone").is_none());
    }
}
