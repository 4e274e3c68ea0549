//! VNI-Windows: a base letter followed by a mark character.

use super::tables::TABLES;
use unicode_normalization::UnicodeNormalization;

fn is_vowel(c: char) -> bool {
    "aeiouyAEIOUYơưƠƯ".contains(c)
}

/// Letters whose VNI code already carries a tone (í ì ỉ ĩ ị ỵ).
fn toned_letter(c: char) -> bool {
    TABLES.vni_letters.contains_key(&c) && "íìæóòîÍÌÆÓÒÎ".contains(c)
}

/// The circumflex or breve mark (with its tone) that `next` puts on `c`.
fn shape_mark(c: char, next: char) -> Option<(char, Option<char>)> {
    let t = &*TABLES;
    let lower = c.to_ascii_lowercase();
    let circumflex = if matches!(lower, 'a' | 'e' | 'o') {
        t.circumflex.get(&next).map(|tone| ('\u{0302}', *tone))
    } else {
        None
    };
    circumflex.or_else(|| {
        (lower == 'a')
            .then(|| t.breve.get(&next).map(|tone| ('\u{0306}', *tone)))
            .flatten()
    })
}

/// Decodes VNI text to NFC.
pub(super) fn decode(text: &str) -> String {
    let t = &*TABLES;
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let base = *t.vni_letters.get(&c).unwrap_or(&c);
        let mut piece = String::from(base);
        let mut j = i + 1;
        if let Some((mark, tone)) = chars.get(j).and_then(|&n| shape_mark(c, n)) {
            piece.push(mark);
            piece.extend(tone);
            j += 1;
        }
        let toned = piece.chars().count() > 2 || toned_letter(c);
        if !toned && is_vowel(base) {
            if let Some(tone) = chars.get(j).and_then(|n| t.tone.get(n)) {
                piece.push(*tone);
                j += 1;
            }
        }
        out.extend(piece.nfc());
        i = j;
    }
    out
}
