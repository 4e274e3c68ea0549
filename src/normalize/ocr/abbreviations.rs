//! Abbreviations in capitals as the engine misreads them. Tesseract's
//! Vietnamese model often takes a capital Đ for D ("DVSN", "QD") and now
//! and then doubles it ("ĐĐVSN", "UBNDD"); the documents counted say which
//! spelling is the word.

/// How many times more often the respelling must occur than the reading.
const ODDS: u32 = 5;
/// Fewest occurrences of the respelling: a rare one proves nothing.
const MIN_SEEN: u32 = 5;
/// Most D/Đ letters tried both ways (2^n spellings).
const MAX_SWAPS: usize = 3;

/// The spelling `read` (capitals, as OCR gave it) stands for, when the
/// counts of lower-case words (`count`) clearly prefer another: its D and
/// Đ letters swapped, a doubled one single.
pub(super) fn respell(read: &str, count: impl Fn(&str) -> u32) -> Option<String> {
    let lower = read.to_lowercase();
    if lower.chars().count() < 2 || !lower.chars().any(is_d) {
        return None;
    }
    let seen = count(&lower);
    let (best, n) = spellings(&lower)
        .into_iter()
        .filter(|w| *w != lower)
        .map(|w| {
            let n = count(&w);
            (w, n)
        })
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))?;
    (n >= MIN_SEEN && n >= ODDS.saturating_mul(seen + 1)).then(|| best.to_uppercase())
}

/// `word` with every choice of d or đ at its (first few) d/đ letters, and
/// the same with a doubled d/đ made single.
fn spellings(word: &str) -> Vec<String> {
    let mut out = swaps(word);
    let chars: Vec<char> = word.chars().collect();
    for i in 1..chars.len() {
        if is_d(chars[i - 1]) && is_d(chars[i]) {
            let single: String = chars[..i].iter().chain(&chars[i + 1..]).collect();
            out.extend(swaps(&single));
        }
    }
    out
}

/// `word` with each of its first [`MAX_SWAPS`] d/đ letters either way.
fn swaps(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let at: Vec<usize> = (0..chars.len())
        .filter(|&i| is_d(chars[i]))
        .take(MAX_SWAPS)
        .collect();
    (0..1u32 << at.len())
        .map(|mask| {
            let mut c = chars.clone();
            for (bit, &i) in at.iter().enumerate() {
                c[i] = if mask & (1 << bit) != 0 { 'đ' } else { 'd' };
            }
            c.into_iter().collect()
        })
        .collect()
}

/// A d or đ (lower case).
fn is_d(c: char) -> bool {
    matches!(c, 'd' | 'đ')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(w: &str) -> u32 {
        match w {
            "qđ" => 446,
            "qd" => 4,
            "đvsn" => 9,
            "hd" => 23,
            "ubnd" => 2722,
            "dvc" => 29,
            _ => 0,
        }
    }

    #[test]
    fn the_spelling_the_documents_use_wins() {
        assert_eq!(respell("QD", counts).as_deref(), Some("QĐ"));
        assert_eq!(respell("DVSN", counts).as_deref(), Some("ĐVSN"));
        assert_eq!(respell("ĐĐVSN", counts).as_deref(), Some("ĐVSN"));
        assert_eq!(respell("UBNDD", counts).as_deref(), Some("UBND"));
    }

    #[test]
    fn known_or_unknown_readings_stay() {
        for read in ["HD", "DVC", "UBND", "ABC", "D"] {
            assert_eq!(respell(read, counts), None, "{read}");
        }
    }
}
