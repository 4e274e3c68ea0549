//! Tone- and case-folding ([`fold`]) through a per-character table, with
//! the general Unicode path kept for the rare text the table cannot answer.

use std::sync::LazyLock;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::UnicodeNormalization;

/// Characters below this are folded through [`TABLE`]; it covers Latin,
/// combining marks, Latin Extended Additional (Vietnamese) and punctuation.
const TABLE_END: u32 = 0x2100;

/// What folding does to one character on its own.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Folded {
    /// A tone or vowel mark (U+0300–U+036F): dropped.
    Drop,
    /// Becomes exactly this one character.
    Char(char),
    /// Needs the general path (several characters, or marks that canonical
    /// reordering could move).
    General,
}

static TABLE: LazyLock<Vec<Folded>> = LazyLock::new(|| {
    (0..TABLE_END)
        .map(|u| char::from_u32(u).map_or(Folded::General, folded_char))
        .collect()
});

fn is_tone_mark(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// One character through the general path, classified.
fn folded_char(c: char) -> Folded {
    if is_tone_mark(c) {
        return Folded::Drop;
    }
    let mut kept = std::iter::once(c)
        .nfd()
        .filter(|&d| !is_tone_mark(d))
        .map(|d| if matches!(d, 'đ' | 'Đ') { 'd' } else { d });
    let (Some(base), None) = (kept.next(), kept.next()) else {
        return Folded::General;
    };
    if canonical_combining_class(base) != 0 {
        return Folded::General;
    }
    let mut lower = base.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => Folded::Char(l),
        _ => Folded::General,
    }
}

/// The reference definition: NFD, tone marks dropped, đ → d, lower case.
fn general(s: &str) -> String {
    s.nfd()
        .filter(|&c| !is_tone_mark(c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Tone- and case-folded key: no diacritics, đ → d, lower case, single spaces.
/// "Số liệu" and "SO LIEU" fold to the same key "so lieu".
pub fn fold(s: &str) -> String {
    let table = &*TABLE;
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let folded = match table.get(c as usize) {
            Some(&f) => f,
            None => Folded::General,
        };
        let c = match folded {
            Folded::Drop => continue,
            Folded::Char(c) => c,
            Folded::General => return super::collapse_ws(&general(s)),
        };
        if c.is_whitespace() {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// One character folded on its own, to exactly one character (text folded
/// this way keeps its character positions, unlike [`fold`]): its first
/// canonical component (tone marks dropped), đ → d, lower case.
pub fn fold_char(c: char) -> char {
    let base = std::iter::once(c).nfd().next().unwrap_or(c);
    match base {
        'đ' | 'Đ' => 'd',
        b => b.to_lowercase().next().unwrap_or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn reference(s: &str) -> String {
        super::super::collapse_ws(&general(s))
    }

    #[test]
    fn characters_fold_one_to_one() {
        let folded: String = "Số LIỆU Đơn".chars().map(fold_char).collect();
        assert_eq!(folded, "so lieu don");
    }

    #[test]
    fn vietnamese_folds() {
        assert_eq!(fold("  Số   liệu\u{00A0}ĐÃ "), "so lieu da");
        assert_eq!(fold("SO LIEU"), "so lieu");
        assert_eq!(fold("Ho\u{0300}a Bi\u{0300}nh"), "hoa binh");
        assert_eq!(fold("ǅ İ ﬁ"), reference("ǅ İ ﬁ"));
    }

    #[test]
    fn every_table_character_folds_as_the_reference() {
        for u in 0..TABLE_END + 0x200 {
            if let Some(c) = char::from_u32(u) {
                let s = format!("a{c}b {c}");
                assert_eq!(fold(&s), reference(&s), "U+{u:04X}");
            }
        }
    }

    proptest! {
        #[test]
        fn any_text_folds_as_the_reference(s in "\\PC{0,40}") {
            prop_assert_eq!(fold(&s), reference(&s));
        }

        #[test]
        fn vietnamese_text_folds_as_the_reference(
            s in "[a-zA-ZàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđĐ\u{0300}-\u{0309}\u{0323} \t\n]{0,60}"
        ) {
            prop_assert_eq!(fold(&s), reference(&s));
        }
    }
}
