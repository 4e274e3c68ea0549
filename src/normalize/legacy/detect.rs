//! Which legacy encoding a whole plain text is in, by statistics: decode a
//! sample with every candidate and keep the one whose words read as valid
//! Vietnamese syllables clearly more often than the text as it stands.

use super::syllable::is_syllable;
use super::{decode, Encoding};

/// The encodings tried, in order of preference when two decode alike.
const CANDIDATES: [Encoding; 6] = [
    Encoding::Tcvn3 { upper: false },
    Encoding::Vni,
    Encoding::Viscii,
    Encoding::Vps,
    Encoding::Cp1258,
    Encoding::Viqr,
];

/// Fewest letters a text needs before it is judged.
const MIN_LETTERS: usize = 200;
/// Most Vietnamese-only letters (percent) a legacy text may already hold.
const MAX_EXTENDED_PERCENT: usize = 1;
/// Characters of the text that are judged (its start).
const SAMPLE_CHARS: usize = 60_000;
/// Least gain in net valid words (percent of the words) to decode a text.
const MIN_GAIN_PERCENT: usize = 10;
/// Least share (percent) of words that must come out as marked syllables.
const MIN_GOOD_PERCENT: usize = 15;
/// Least lead (percent of the words) over a runner-up that decodes otherwise.
const MIN_LEAD_PERCENT: usize = 2;
/// Least lead in words, for short texts.
const MIN_LEAD_WORDS: usize = 2;

/// Letters only Unicode Vietnamese has (ă đ ĩ ũ ơ ư and the Latin Extended
/// Additional block): no legacy text read as Windows-1252 holds them.
pub fn vietnamese_only(c: char) -> bool {
    matches!(
        c,
        '\u{102}'
            | '\u{103}'
            | '\u{110}'
            | '\u{111}'
            | '\u{128}'
            | '\u{129}'
            | '\u{168}'
            | '\u{169}'
            | '\u{1A0}'
            | '\u{1A1}'
            | '\u{1AF}'
            | '\u{1B0}'
            | '\u{1EA0}'..='\u{1EF9}'
    )
}

/// How the words of a text read.
#[derive(Debug, Default, Clone, Copy)]
struct Score {
    /// Words judged (tokens with a letter and no digit).
    words: usize,
    /// Words with non-ASCII letters that are valid syllables.
    good: usize,
    /// Words with non-ASCII characters that are not.
    bad: usize,
}

impl Score {
    fn net(self) -> isize {
        self.good as isize - self.bad as isize
    }
}

fn trims(c: char) -> bool {
    c.is_ascii_punctuation() || matches!(c, '“' | '”' | '‘' | '’' | '…' | '–' | '—')
}

fn score(text: &str) -> Score {
    let mut s = Score::default();
    for token in text.split_whitespace() {
        let w = token.trim_matches(trims);
        if !w.chars().any(char::is_alphabetic) || w.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        s.words += 1;
        if w.is_ascii() {
            continue;
        }
        if is_syllable(w) {
            s.good += 1;
        } else {
            s.bad += 1;
        }
    }
    s
}

fn sample(text: &str) -> &str {
    match text.char_indices().nth(SAMPLE_CHARS) {
        Some((at, _)) => &text[..at],
        None => text,
    }
}

/// The legacy encoding a whole text is in, judged by statistics; `None` for
/// Unicode text, plain ASCII text, short texts and close calls.
pub fn detect(text: &str) -> Option<Encoding> {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let extended = text.chars().filter(|&c| vietnamese_only(c)).count();
    if letters < MIN_LETTERS || extended * 100 > letters * MAX_EXTENDED_PERCENT {
        return None;
    }
    let sample = sample(text);
    let base = score(sample);
    let mut ranked: Vec<(Encoding, Score, String)> = CANDIDATES
        .iter()
        .map(|&enc| {
            let decoded = decode(sample, enc);
            (enc, score(&decoded), decoded)
        })
        .collect();
    ranked.sort_by_key(|(_, s, _)| std::cmp::Reverse(s.net()));
    let (enc, best, decoded) = ranked.first()?;
    let words = base.words.max(1) as isize;
    let gain = best.net() - base.net();
    let clear_lead = ranked.get(1).is_none_or(|(_, next, other)| {
        let lead = best.net() - next.net();
        other == decoded
            || (lead >= MIN_LEAD_WORDS as isize && lead * 100 >= words * MIN_LEAD_PERCENT as isize)
    });
    let decodes = gain * 100 >= words * MIN_GAIN_PERCENT as isize
        && best.good as isize * 100 >= words * MIN_GOOD_PERCENT as isize
        && clear_lead;
    decodes.then_some(*enc)
}

#[cfg(test)]
pub(super) mod tests {
    use super::super::letters_tests::encode;
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    /// Every encoding, TCVN3 in both fonts.
    pub(in super::super) const ALL: [Encoding; 7] = [
        Encoding::Tcvn3 { upper: false },
        Encoding::Tcvn3 { upper: true },
        Encoding::Vni,
        Encoding::Viscii,
        Encoding::Vps,
        Encoding::Cp1258,
        Encoding::Viqr,
    ];

    /// A report paragraph without toned capitals (TCVN3 plain text cannot
    /// hold them).
    const PARAGRAPH: &str = "Thực hiện kế hoạch của UBND tỉnh về cải cách hành chính, \
        trong năm qua huyện đã tập trung chỉ đạo các cơ quan, đơn vị đẩy mạnh việc giải \
        quyết thủ tục hành chính theo cơ chế một cửa, một cửa liên thông. Tỷ lệ hồ sơ được \
        giải quyết đúng hạn đạt kết quả cao; người dân và doanh nghiệp hài lòng với chất \
        lượng phục vụ. Bên cạnh đó, việc ứng dụng công nghệ thông tin, chuyển đổi số trong \
        hoạt động của cơ quan nhà nước được đẩy mạnh, góp phần nâng cao hiệu quả quản lý. \
        Đường dây nóng tiếp nhận phản ánh, kiến nghị được duy trì thường xuyên; những khó \
        khăn, vướng mắc được tháo gỡ kịp thời.";

    #[test]
    fn each_encoding_is_detected_and_decoded() {
        for enc in CANDIDATES {
            let legacy = encode(PARAGRAPH, enc);
            assert_ne!(legacy, PARAGRAPH, "{enc:?}");
            assert_eq!(detect(&legacy), Some(enc), "{enc:?}: {legacy}");
            assert_eq!(decode(&legacy, enc), PARAGRAPH, "{enc:?}");
        }
    }

    #[test]
    fn whole_texts_are_recognised() {
        let tcvn3 = "B¸o c¸o kÕt qu¶ thùc hiÖn c«ng t¸c c¶i c¸ch hµnh chÝnh n¨m 2023 cña ñy ban nh©n d©n huyÖn. ".repeat(10);
        let vni = "Baùo caùo keát quaû thöïc hieän coâng taùc caûi caùch haønh chính naêm 2023 cuûa UÛy ban nhaân daân huyeän. ".repeat(10);
        assert_eq!(detect(&tcvn3), Some(Encoding::Tcvn3 { upper: false }));
        assert_eq!(detect(&vni), Some(Encoding::Vni));
    }

    #[test]
    fn unicode_text_is_left_alone() {
        assert_eq!(detect(PARAGRAPH), None);
        let nfd: String = PARAGRAPH.nfd().collect();
        assert_eq!(detect(&nfd), None);
        let unicode = "Báo cáo kết quả thực hiện công tác cải cách hành chính năm 2023 của Ủy ban nhân dân huyện. ".repeat(10);
        assert_eq!(detect(&unicode), None);
    }

    #[test]
    fn mixed_text_is_left_alone() {
        // Unicode with a TCVN3 or VIQR passage stays as it is.
        let head: String = PARAGRAPH.chars().take(200).collect();
        let tcvn3 = encode(&head, Encoding::Tcvn3 { upper: false });
        assert_eq!(detect(&format!("{PARAGRAPH}\n{tcvn3}")), None);
        let viqr = encode(&head, Encoding::Viqr);
        assert_eq!(detect(&format!("{PARAGRAPH}\n{viqr}")), None);
    }

    #[test]
    fn english_and_unmarked_text_is_left_alone() {
        let english = "The report's figures (e.g. 2.5% growth) weren't final. What's next? \
            Officials said: \"We'll publish the data in May.\" Don't expect changes; the U.S. \
            office and the E.U. team agreed. Is it done? Yes. Read file.txt, then call me. "
            .repeat(4);
        assert_eq!(detect(&english), None);
        let unmarked = "Bao cao ket qua thuc hien cong tac cai cach hanh chinh nam 2023 cua \
            Uy ban nhan dan huyen. Thuc hien ke hoach cua UBND tinh ve cai cach hanh chinh. "
            .repeat(4);
        assert_eq!(detect(&unmarked), None);
        let french = "Le café du coin a été rénové; les élèves y déjeunent à midi. ".repeat(6);
        assert_eq!(detect(&french), None);
    }
}
