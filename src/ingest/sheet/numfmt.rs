//! A number cell written as Excel shows it under its number format code
//! (ECMA-376 Part 1, §18.8.31): sections, percent, thousands separators,
//! decimal places, zero padding, literal text; date formats as ISO dates.
//! Separators are the regional ones of `patterns/office.toml`.

use crate::ingest::office_patterns::OFFICE;

/// `value` written under the format `code` ("General" or empty: the
/// shortest decimal). `date1904`: the workbook counts days from 1904.
pub fn render(value: f64, code: &str, date1904: bool) -> String {
    Format::parse(code).render(value, date1904)
}

/// A format code parsed once, for every cell of its style.
#[derive(Debug, Clone)]
pub struct Format {
    sections: Vec<Section>,
}

/// What one section of a format code writes.
#[derive(Debug, Clone)]
enum Section {
    /// The shortest decimal (`General`, `@`, an empty section).
    General,
    /// A date or time (`date`: has a date part, `time`: has a time part).
    Date { date: bool, time: bool },
    /// A number pattern.
    Number(Pattern),
    /// Literal text only ("-" for zero).
    Literal(String),
}

impl Section {
    fn parse(section: &str) -> Section {
        let plain = strip_brackets(section);
        if plain.trim().is_empty() || plain.eq_ignore_ascii_case("general") || plain.trim() == "@" {
            return Section::General;
        }
        if is_date(&plain) {
            let bare = unquoted(&plain).to_ascii_lowercase();
            let date = bare.contains('y') || bare.contains('d');
            let time = bare.contains('h') || bare.contains('s');
            return Section::Date { date, time };
        }
        if unquoted(&plain).contains('/') {
            return Section::General;
        }
        match parse_pattern(&plain) {
            Some((p, true)) => Section::Number(p),
            Some((p, false)) => Section::Literal(p.prefix),
            None => Section::General,
        }
    }
}

impl Format {
    /// Parses a format code into its sections.
    pub fn parse(code: &str) -> Format {
        Format {
            sections: split_sections(code)
                .iter()
                .map(|s| Section::parse(s))
                .collect(),
        }
    }

    /// `value` as this format writes it.
    pub fn render(&self, value: f64, date1904: bool) -> String {
        if !value.is_finite() {
            return shortest(value);
        }
        let (section, signed) = match self.sections.as_slice() {
            [one] => (one, true),
            [_, neg, ..] if value < 0.0 => (neg, false),
            [_, _, zero, ..] if value == 0.0 => (zero, true),
            [pos, ..] => (pos, true),
            [] => (&Section::General, true),
        };
        let shown = if signed { value } else { value.abs() };
        match section {
            Section::General => shortest(shown),
            Section::Date { date, time } => {
                iso_date(value, *date, *time, date1904).unwrap_or_else(|| shortest(value))
            }
            Section::Number(p) => with_pattern(shown, p),
            Section::Literal(text) => text.clone(),
        }
    }
}

/// The shortest decimal that reads back as `value` to Excel's 15
/// significant digits, with the regional decimal separator.
pub fn shortest(value: f64) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    if value.fract() == 0.0 && value.abs() < 1e15 {
        return (value as i64).to_string();
    }
    let rounded: f64 = format!("{value:.14e}").parse().unwrap_or(value);
    let text = if rounded == 0.0 {
        "0".to_string()
    } else {
        rounded.to_string()
    };
    text.replace('.', &OFFICE.numbers.decimal)
}

/// Splits a format code at `;` outside quotes and escapes.
fn split_sections(code: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        let cur = out.last_mut().expect("never empty");
        match c {
            '"' => {
                quoted = !quoted;
                cur.push(c);
            }
            '\\' => {
                cur.push(c);
                cur.extend(chars.next());
            }
            ';' if !quoted => out.push(String::new()),
            _ => cur.push(c),
        }
    }
    out
}

/// Drops `[Red]`, `[>=100]`, `[$-42A]`; keeps the symbol of `[$₫-42A]`
/// as literal text.
fn strip_brackets(section: &str) -> String {
    let mut out = String::new();
    let mut rest = section;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find(']') else {
            rest = "";
            break;
        };
        let inner = &rest[open + 1..open + close];
        if let Some(sym) = inner.strip_prefix('$') {
            let sym = sym.split('-').next().unwrap_or("");
            if !sym.is_empty() {
                out.push('"');
                out.push_str(sym);
                out.push('"');
            }
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// The format code's characters outside quotes and escapes.
fn unquoted(section: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    let mut chars = section.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            '\\' => {
                chars.next();
            }
            _ if !quoted => out.push(c),
            _ => {}
        }
    }
    out
}

/// A date or time format: `y`, `d`, `h`, `s` (or `m` without digit
/// placeholders) outside quotes.
fn is_date(section: &str) -> bool {
    let bare = unquoted(section).to_ascii_lowercase();
    let has = |c: char| bare.contains(c);
    has('y') || has('d') || has('h') || has('s') || (has('m') && !has('0') && !has('#'))
}

/// A date serial as `YYYY-MM-DD` (time formats: `HH:MM`; both: joined by `T`).
fn iso_date(serial: f64, has_date: bool, has_time: bool, date1904: bool) -> Option<String> {
    let day = serial.floor();
    let secs = ((serial - day) * 86_400.0).round() as i64;
    let time = format!("{:02}:{:02}", secs / 3600 % 24, secs / 60 % 60);
    if !has_date && has_time {
        return Some(time);
    }
    let date = serial_date(day as i64, date1904)?;
    Some(if has_time && secs > 0 {
        format!("{date}T{time}")
    } else {
        date
    })
}

/// Excel's day number to an ISO date: days from 1899-12-30 (the 1900
/// system, whose day 60 is the 29 February 1900 that never was) or from
/// 1904-01-01.
pub fn serial_date(day: i64, date1904: bool) -> Option<String> {
    if !(0..=2_958_465).contains(&day) {
        return None;
    }
    if !date1904 && day == 60 {
        return Some("1900-02-29".into());
    }
    let offset = if date1904 {
        day + 1462
    } else if day < 60 {
        day + 1
    } else {
        day
    };
    // Days from 1899-12-30 to 1970-01-01: 25569.
    let (y, m, d) = civil_from_days(offset - 25_569);
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// Proleptic Gregorian date of a day count from 1970-01-01 (H. Hinnant's
/// `civil_from_days` algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// What a numeric section asks for.
#[derive(Debug, Clone, Default, PartialEq)]
struct Pattern {
    /// Literal text before the number.
    prefix: String,
    /// Literal text after it (a `%` included).
    suffix: String,
    /// Zeros the integer part is padded to.
    min_int: usize,
    /// Thousands separators wanted.
    group: bool,
    /// Decimal places always shown.
    min_frac: usize,
    /// Decimal places at most.
    max_frac: usize,
    /// Percent signs (each multiplies by 100).
    percents: i32,
}

/// Writes `value` under a numeric pattern.
fn with_pattern(value: f64, p: &Pattern) -> String {
    let scaled = value * 100f64.powi(p.percents);
    let negative = scaled < 0.0;
    let fixed = format!("{:.*}", p.max_frac, scaled.abs());
    let (int, frac) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let mut frac = frac.to_string();
    while frac.len() > p.min_frac && frac.ends_with('0') {
        frac.pop();
    }
    let int = int.trim_start_matches('0');
    let int = format!("{int:0>width$}", width = p.min_int);
    let int = if p.group { grouped(&int) } else { int };
    let sign =
        if negative && (!int.trim_matches('0').is_empty() || !frac.trim_matches('0').is_empty()) {
            "-"
        } else {
            ""
        };
    let decimal = &OFFICE.numbers.decimal;
    let number = if frac.is_empty() {
        int
    } else {
        format!("{int}{decimal}{frac}")
    };
    format!("{sign}{}{number}{}", p.prefix, p.suffix)
}

/// Inserts the regional thousands separator every three digits.
fn grouped(int: &str) -> String {
    let sep = &OFFICE.numbers.group;
    let digits: Vec<char> = int.chars().collect();
    let mut out = String::new();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(*c);
    }
    out
}

/// Reads a numeric section's placeholders and literals, and whether it
/// has any placeholder at all (else it is literal text only).
fn parse_pattern(section: &str) -> Option<(Pattern, bool)> {
    let mut p = Pattern::default();
    let (mut in_number, mut seen_number, mut after_point) = (false, false, false);
    let mut chars = section.chars().peekable();
    while let Some(c) = chars.next() {
        let literal = match c {
            '0' | '#' | '?' if !seen_number || in_number => {
                in_number = true;
                seen_number = true;
                if after_point {
                    p.max_frac += 1;
                    p.min_frac += usize::from(c != '#');
                } else {
                    p.min_int += usize::from(c != '#');
                }
                None
            }
            '.' if in_number && !after_point => {
                after_point = true;
                None
            }
            ',' if in_number => {
                p.group |= !after_point;
                None
            }
            'e' | 'E' | '/' if in_number => return None,
            '"' => Some(chars.by_ref().take_while(|&q| q != '"').collect::<String>()),
            '\\' => chars.next().map(String::from),
            '_' => chars.next().map(|_| " ".to_string()),
            '*' => chars.next().map(|_| String::new()),
            '%' => {
                p.percents += 1;
                Some("%".into())
            }
            other => Some(other.to_string()),
        };
        if let Some(text) = literal {
            in_number = in_number && text.is_empty();
            if seen_number {
                &mut p.suffix
            } else {
                &mut p.prefix
            }
            .push_str(&text);
        }
    }
    Some((p, seen_number))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn general_numbers_are_the_shortest_decimal() {
        assert_eq!(render(22.0, "General", false), "22");
        assert_eq!(render(97.57, "General", false), "97,57");
        assert_eq!(render(0.1 + 0.2, "", false), "0,3");
        assert_eq!(render(-3.0, "General", false), "-3");
    }

    #[test]
    fn formats_as_excel_shows_them() {
        assert_eq!(render(0.9962, "0.00%", false), "99,62%");
        assert_eq!(render(1.0, "0%", false), "100%");
        assert_eq!(render(1453.0, "#,##0", false), "1.453");
        assert_eq!(render(1234567.891, "#,##0.00", false), "1.234.567,89");
        assert_eq!(render(8.0, "00", false), "08");
        assert_eq!(render(97.5, "0.00", false), "97,50");
        assert_eq!(render(2.5, "0.##", false), "2,5");
        assert_eq!(render(-5.0, "#,##0;(#,##0)", false), "(5)");
        assert_eq!(render(0.0, "#,##0;-#,##0;\"-\"", false), "-");
        assert_eq!(render(12.0, "0\" người\"", false), "12 người");
        assert_eq!(render(1500.0, "#,##0 [$₫-42A]", false), "1.500 ₫");
        assert_eq!(
            render(3.0, "_(* #,##0_);_(* (#,##0);_(* \"-\"_);_(@_)", false),
            " 3 "
        );
    }

    #[test]
    fn dates_are_iso() {
        assert_eq!(render(45292.0, "dd/mm/yyyy", false), "2024-01-01");
        assert_eq!(render(45292.5, "m/d/yy h:mm", false), "2024-01-01T12:00");
        assert_eq!(render(0.75, "hh:mm", false), "18:00");
        assert_eq!(render(1.0, "yyyy-mm-dd", false), "1900-01-01");
        assert_eq!(render(61.0, "yyyy-mm-dd", false), "1900-03-01");
        assert_eq!(render(0.0, "yyyy-mm-dd", true), "1904-01-01");
    }

    #[test]
    fn unsupported_forms_fall_back_to_the_shortest() {
        assert_eq!(render(12345.0, "0.00E+00", false), "12345");
        assert_eq!(render(0.5, "# ?/?", false), "0,5");
    }
}
