//! Typed readings of value cells.
//!
//! [`parse`] reads a cell in this order (vocabulary in `patterns/values.toml`):
//! 1. blank or an empty marker ("-", "–", "—", "…") → `empty`;
//! 2. the whole cell is a label of the unit's codes ("Có" with "Có = 1;
//!    Không = 0") → `code`;
//! 3. a yes/no word ("Có", "Đã có" / "Không", "Không có", "Chưa", "Chưa có")
//!    → `boolean`;
//! 4. one number filling the cell (optionally signed): `code` when it is one
//!    of the unit's code numbers, `boolean` for 1 / 0 under a yes/no unit
//!    ("Có hoặc không"), `percent` under a percent unit ("%", "Tỷ lệ"), else
//!    `number` (rules in `value/number.rs`: "1.453" = 1453, "97,57" = 97.57,
//!    "12.4" = 12.4);
//! 5. one percentage ("99,62%", "100 %") → `percent`; one ratio ("523/525")
//!    → `ratio` with `number` left empty: no quotient is invented;
//! 6. otherwise numbers within text. A cell starting with a percentage, or
//!    with a number under a percent unit, is `percent` ("99,62% (523/525)");
//!    a cell that is a ratio plus words is `ratio`; else `composite`, whose
//!    `number` is the leading number taken as the total ("13 (cấp tỉnh 07,
//!    huyện 6)" = 13) and empty when the cell starts with words.
//!    `numerator`/`denominator` are set when the cell holds exactly one ratio.
//!    Only ASCII digits count; digits glued to a letter on their left ("HĐ68")
//!    and chains of three or more slashed numbers ("14/10/2021") are skipped;
//! 7. no number at all → `text`.

mod codes;
mod number;
mod vocab;

use crate::model::{Value, ValueKind};
use codes::Code;
use number::{Found, Item};
use vocab::{lower_words, VOCAB};

/// Sign characters accepted before a whole-cell number.
const MINUS: [char; 2] = ['-', '−'];

/// Reads a value cell; `unit` is the row's unit cell (codes, percent, yes/no).
///
/// Never panics; `raw` is kept unchanged and every number is finite.
pub fn parse(raw: &str, unit: &str) -> Value {
    let text = raw.trim();
    let folded = lower_words(text);
    if folded.is_empty() || VOCAB.empty.contains(&folded) {
        return Value::bare(raw, ValueKind::Empty);
    }
    let codes = codes::parse(unit);
    if let Some(code) = codes::by_label(&codes, &folded) {
        return coded(raw, code);
    }
    if let Some(b) = VOCAB.yes_no(&folded) {
        return Value {
            boolean: Some(b),
            ..Value::bare(raw, ValueKind::Boolean)
        };
    }
    let (negative, body) = split_sign(text);
    let found = number::scan(body);
    match found.as_slice() {
        [] => Value::bare(raw, ValueKind::Text),
        [one] if one.start == 0 && one.end == body.len() => {
            whole(raw, one.item, negative, unit, &codes)
        }
        _ => within(raw, &number::scan(text), unit),
    }
}

/// The code numbers of a coded unit cell ("Có = 1; Không = 0" → 1, 0);
/// empty when the unit is not coded.
pub fn code_numbers(unit: &str) -> Vec<u64> {
    codes::parse(unit).into_iter().map(|c| c.number).collect()
}

/// Whether a unit cell announces a percentage ("%", "Tỷ lệ").
pub fn is_percent_unit(unit: &str) -> bool {
    VOCAB.is_percent_unit(unit)
}

/// True for a sign written between a code's label and its number ("=",
/// "＝": `[codes] assign` of `patterns/values.toml`).
pub fn is_assign_sign(c: char) -> bool {
    VOCAB.assign.contains(&c)
}

/// The assignment signs as a regex character class (`[=＝]`), or its
/// complement (`[^=＝]`) with `negated`: patterns around code items are
/// built from it, never typed with their own signs.
pub fn assign_class(negated: bool) -> String {
    let signs: String = VOCAB
        .assign
        .iter()
        .map(|c| regex::escape(&c.to_string()))
        .collect();
    format!("[{}{signs}]", if negated { "^" } else { "" })
}

/// True when a unit cell holds a percent sign ("%", "％": `[percent] signs`
/// of `patterns/values.toml`), as opposed to a percent word ("Tỷ lệ").
pub fn has_percent_sign(unit: &str) -> bool {
    VOCAB
        .percent_signs
        .iter()
        .any(|s| unit.contains(s.as_str()))
}

/// True when a word is a percent sign on its own ("%").
pub fn is_percent_sign(word: &str) -> bool {
    VOCAB.percent_signs.iter().any(|s| s == word)
}

/// Splits a leading minus sign glued to a digit ("-5").
fn split_sign(text: &str) -> (bool, &str) {
    match text.strip_prefix(MINUS) {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_digit()) => (true, rest),
        _ => (false, text),
    }
}

/// A cell that is exactly one number, percentage or ratio.
fn whole(raw: &str, item: Item, negative: bool, unit: &str, codes: &[Code]) -> Value {
    // `+ 0.0` turns "-0" into 0 rather than -0.
    let sign = |v: f64| if negative { -v + 0.0 } else { v };
    match item {
        Item::Plain(v) => {
            let v = sign(v);
            if let Some(code) = codes::by_number(codes, v) {
                return coded(raw, code);
            }
            let boolean = if !VOCAB.is_yes_no_unit(unit) {
                None
            } else if v == 1.0 {
                Some(true)
            } else if v == 0.0 {
                Some(false)
            } else {
                None
            };
            let kind = match boolean {
                Some(_) => ValueKind::Boolean,
                None if VOCAB.is_percent_unit(unit) => ValueKind::Percent,
                None => ValueKind::Number,
            };
            Value {
                number: Some(v),
                boolean,
                ..Value::bare(raw, kind)
            }
        }
        Item::Percent(v) => Value {
            number: Some(sign(v)),
            ..Value::bare(raw, ValueKind::Percent)
        },
        Item::Ratio(a, b) => Value {
            numbers: vec![sign(a), b],
            numerator: Some(sign(a)),
            denominator: Some(b),
            ..Value::bare(raw, ValueKind::Ratio)
        },
    }
}

/// A value read through a code of the unit.
fn coded(raw: &str, code: &Code) -> Value {
    let folded = lower_words(&code.label);
    Value {
        number: Some(code.number as f64),
        meaning: Some(code.label.clone()),
        boolean: VOCAB.yes_no(&folded),
        ..Value::bare(raw, ValueKind::Code)
    }
}

/// Numbers within text.
fn within(raw: &str, found: &[Found], unit: &str) -> Value {
    if found.is_empty() {
        return Value::bare(raw, ValueKind::Text);
    }
    let numbers: Vec<f64> = found.iter().flat_map(|f| f.item.numbers()).collect();
    let mut ratios = found.iter().filter_map(|f| match f.item {
        Item::Ratio(a, b) => Some((a, b)),
        _ => None,
    });
    let ratio = match (ratios.next(), ratios.next()) {
        (Some(r), None) => Some(r),
        _ => None,
    };
    let lead = found.first().filter(|f| f.start == 0).map(|f| f.item);
    let (kind, number) = match lead {
        Some(Item::Percent(v)) => (ValueKind::Percent, Some(v)),
        Some(Item::Plain(v)) if VOCAB.is_percent_unit(unit) => (ValueKind::Percent, Some(v)),
        Some(Item::Plain(v)) => (ValueKind::Composite, Some(v)),
        Some(Item::Ratio(..)) if found.len() == 1 => (ValueKind::Ratio, None),
        _ => (ValueKind::Composite, None),
    };
    Value {
        number,
        numbers,
        numerator: ratio.map(|r| r.0),
        denominator: ratio.map(|r| r.1),
        ..Value::bare(raw, kind)
    }
}

#[cfg(test)]
mod tests;
