//! Tone marks and đ of text read by OCR: the engine drops or confuses them
//! ("nam 2015", "kiếm tra", "don vi"), so each syllable it read is weighed
//! against the syllables spelt with the same letters (marks aside) in the
//! context of its neighbours, by the syllable and pair counts of digital
//! government documents (`patterns/ocr_vocabulary.tsv`). Adding marks the
//! engine missed needs some evidence; changing a mark it read needs much.

mod abbreviations;
mod spacing;
mod substitution;

use super::ngram::Counts;
use super::syllable;
use crate::ingest::Line;
use std::collections::HashMap;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

const SOURCE: &str = include_str!("../../../patterns/ocr_vocabulary.tsv");
/// Odds a spelling with more marks must win by (marks the engine missed).
const ADD_ODDS: f64 = 3.0;
/// Odds a spelling must win by that adds a mark to a letter the engine read
/// with one ("nhưng" → "những"): the engine chose that marked letter over
/// its toned siblings, stronger evidence than a bare letter (flat from 60
/// to 500 on the scans of the seeds; 40 let "thành những" win).
const MARKED_ADD_ODDS: f64 = 100.0;
/// Odds a spelling with other marks must win by (a mark the engine misread).
const CHANGE_ODDS: f64 = 40.0;
/// Odds a respelling needs on top of its own where no neighbour's pair is
/// seen and the syllable's counts alone decide ("bao" → "báo" ends a cell;
/// 1, 2 and 4 tried on the scans of the seeds, 2 best on each set).
const SILENT_ODDS: f64 = 2.0;
/// Weight of the pair count against the syllable count.
const LAMBDA: f64 = 0.8;
/// Add-one smoothing and the number of Vietnamese syllables.
const ALPHA: f64 = 0.5;
const SYLLABLES: f64 = 7000.0;

/// Odds a known syllable one letter away from an unknown one read must win
/// by (a letter the engine misread: "lãy" for "lũy").
const SUBSTITUTE_ODDS: f64 = 1000.0;
/// Most times a syllable may be seen and still be taken for a misreading
/// (the counted documents have damaged text of their own: "hgp" twice).
const UNKNOWN_COUNT: u32 = 2;

/// The vocabulary, with its syllables grouped by their bare letters and by
/// their spellings with one letter open.
struct Vocabulary {
    counts: Counts,
    total: f64,
    by_letters: HashMap<String, Vec<String>>,
    one_letter_away: substitution::OneLetterAway,
}

static VOCABULARY: LazyLock<Vocabulary> = LazyLock::new(|| {
    let counts = Counts::parse(SOURCE);
    let total = counts.unigrams.values().map(|&n| f64::from(n)).sum();
    let mut by_letters: HashMap<String, Vec<String>> = HashMap::new();
    for w in counts.unigrams.keys() {
        by_letters.entry(letters(w)).or_default().push(w.clone());
    }
    by_letters.values_mut().for_each(|v| v.sort());
    let one_letter_away = substitution::OneLetterAway::new(counts.unigrams.keys());
    Vocabulary {
        counts,
        total,
        by_letters,
        one_letter_away,
    }
});

/// Lower-case letters without any mark (tone, breve, circumflex, horn),
/// đ as d.
fn letters(w: &str) -> String {
    w.nfd()
        .filter(|c| !matches!(c, '\u{0300}'..='\u{036F}'))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            c => c.to_lowercase().next().unwrap_or(c),
        })
        .collect()
}

/// The marks of each letter (its combining marks, and đ's stroke).
fn marks(w: &str) -> Vec<Vec<char>> {
    w.chars()
        .map(|c| {
            let mut m: Vec<char> = c.to_string().nfd().skip(1).collect();
            if matches!(c, 'đ' | 'Đ') {
                m.push('đ');
            }
            m
        })
        .collect()
}

impl Vocabulary {
    fn count(&self, w: &str) -> u32 {
        self.counts.unigrams.get(w).copied().unwrap_or(0)
    }

    /// ln P(w | prev), the pair interpolated with the syllable alone.
    fn score(&self, prev: Option<&str>, w: &str) -> f64 {
        let uni = (f64::from(self.count(w)) + ALPHA) / (self.total + ALPHA * SYLLABLES);
        let Some(p) = prev.filter(|p| self.count(p) > 0) else {
            return uni.ln();
        };
        let pair = self
            .counts
            .bigrams
            .get(&(p.to_string(), w.to_string()))
            .copied()
            .unwrap_or(0);
        (LAMBDA * f64::from(pair) / f64::from(self.count(p)) + (1.0 - LAMBDA) * uni).ln()
    }

    /// The spellings `read` (lower case) may stand for, each with the
    /// ln-odds its change needs: itself first (none), then the known
    /// syllables with the same letters, and, for a syllable no document
    /// has, with `letters_too`, those one letter away.
    fn spellings(&self, read: &str, letters_too: bool) -> Vec<(String, f64)> {
        let mut out = vec![(read.to_string(), 0.0)];
        let read_marks = marks(read);
        for w in self.by_letters.get(&letters(read)).into_iter().flatten() {
            if w == read {
                continue;
            }
            let candidate = marks(w);
            let adds = read_marks
                .iter()
                .zip(&candidate)
                .all(|(r, c)| r.iter().all(|m| c.contains(m)));
            let onto_marked = read_marks
                .iter()
                .zip(&candidate)
                .any(|(r, c)| !r.is_empty() && c.len() > r.len());
            let odds = match (adds, onto_marked) {
                (true, false) => ADD_ODDS,
                (true, true) => MARKED_ADD_ODDS,
                (false, _) => CHANGE_ODDS,
            };
            out.push((w.clone(), odds.ln()));
        }
        if letters_too && self.count(read) <= UNKNOWN_COUNT {
            // Those with the same letters (marks aside) are offered above.
            let bare = letters(read);
            let away = self.one_letter_away.of(read).into_iter();
            let new = away.filter(|w| letters(w) != bare);
            out.extend(new.map(|w| (w.to_string(), SUBSTITUTE_ODDS.ln())));
        }
        out
    }

    /// Whether the pair `(a, b)` occurs in the documents counted.
    fn pair_seen(&self, a: &str, b: &str) -> bool {
        self.counts
            .bigrams
            .contains_key(&(a.to_string(), b.to_string()))
    }

    /// The options of each position, the word as read kept and the other
    /// spellings only where they form a pair seen in the documents with
    /// some option of a neighbour: a respelling needs its context, not
    /// only its frequency ("ngành dọc" stays, though "độc" is commoner).
    /// Where a word lacks a neighbour on one side (it ends a cell: "Cấp
    /// huyện bao", or stands alone) and no option forms a seen pair with
    /// the other, its context says nothing: with `counts_alone`, every
    /// option stays, at [`SILENT_ODDS`] more. Between two neighbours, pairs
    /// never seen say the word is rare ("lễ tang đối với"): it stays.
    fn attested(
        &self,
        options: Vec<Vec<(String, f64)>>,
        counts_alone: bool,
    ) -> Vec<Vec<(String, f64)>> {
        let seen_beside = |k: usize, w: &str| {
            let before = k
                .checked_sub(1)
                .is_some_and(|j| options[j].iter().any(|(p, _)| self.pair_seen(p, w)));
            let after = options
                .get(k + 1)
                .is_some_and(|next| next.iter().any(|(n, _)| self.pair_seen(w, n)));
            before || after
        };
        options
            .iter()
            .enumerate()
            .map(|(k, opts)| {
                let edge = k == 0 || k + 1 == options.len();
                if counts_alone && edge && !opts.iter().any(|(w, _)| seen_beside(k, w)) {
                    let odds = SILENT_ODDS.ln();
                    let read = opts.iter().take(1).cloned();
                    let others = opts.iter().skip(1).map(|(w, c)| (w.clone(), c + odds));
                    return read.chain(others).collect();
                }
                let mut kept = opts.iter().take(1).cloned().collect::<Vec<_>>();
                kept.extend(
                    opts.iter()
                        .skip(1)
                        .filter(|(w, _)| seen_beside(k, w))
                        .cloned(),
                );
                kept
            })
            .collect()
    }

    /// The best spellings of a run of adjacent syllables (lower case, each
    /// with how far it may be respelt), by their pairs (Viterbi);
    /// `counts_alone`: see [`Vocabulary::attested`].
    fn respell_run(&self, run: &[(String, Freedom)], counts_alone: bool) -> Vec<String> {
        let options: Vec<Vec<(String, f64)>> = run
            .iter()
            .map(|(w, freedom)| match freedom {
                Freedom::Fixed => vec![(w.clone(), 0.0)],
                Freedom::Marks => self.spellings(w, false),
                Freedom::Letters => self.spellings(w, true),
            })
            .collect();
        let options = self.attested(options, counts_alone);
        // Per position, per option: best total and the option before it.
        let mut best: Vec<Vec<(f64, usize)>> = Vec::with_capacity(options.len());
        for (k, opts) in options.iter().enumerate() {
            let row = opts
                .iter()
                .map(|(w, cost)| match k {
                    0 => (self.score(None, w) - cost, 0),
                    _ => options[k - 1]
                        .iter()
                        .enumerate()
                        .map(|(j, (p, _))| (best[k - 1][j].0 + self.score(Some(p), w) - cost, j))
                        .max_by(|a, b| a.0.total_cmp(&b.0))
                        .unwrap_or((f64::MIN, 0)),
                })
                .collect();
            best.push(row);
        }
        let mut out = vec![String::new(); options.len()];
        let Some(last) = best.last() else { return out };
        let mut at = (0..last.len())
            .max_by(|&a, &b| last[a].0.total_cmp(&last[b].0))
            .unwrap_or(0);
        for k in (0..options.len()).rev() {
            out[k] = options[k][at].0.clone();
            at = best[k][at].1;
        }
        out
    }
}

/// A word's spelling in the case of `like` (all capitals, a capital
/// initial, or lower case).
fn in_case_of(word: &str, like: &str) -> String {
    let upper = like
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    if upper && like.chars().count() > 1 {
        return word.to_uppercase();
    }
    let mut chars = word.chars();
    match (
        like.chars().next().is_some_and(char::is_uppercase),
        chars.next(),
    ) {
        (true, Some(first)) => first.to_uppercase().chain(chars).collect(),
        _ => word.to_string(),
    }
}

/// Whether a token is a syllable to weigh: letters only, short, and not an
/// abbreviation in capitals ("TTHC"; "NGHIA" spells a syllable).
fn is_syllable(token: &str) -> bool {
    let n = token.chars().count();
    let abbreviation = || letters(token).len() > 4 && !syllable::is_valid(token);
    (1..=7).contains(&n)
        && token.chars().all(char::is_alphabetic)
        && !(n > 1 && token.chars().all(char::is_uppercase) && abbreviation())
}

/// Whether word `i` of a stretch may be a name, whose marks are never
/// second-guessed: a word in capitals ("HẠ HÒA"), or a capitalised word
/// beside another ("Ngô Anh Vũ"). A capitalised word alone among
/// lower-case words or abbreviations is a word of a title ("trên Cổng
/// DVC", "Hệ thống") or starts a sentence.
fn is_name(stretch: &[&str], i: usize) -> bool {
    let capitalised = |w: &str| {
        let mut chars = w.chars();
        chars.next().is_some_and(char::is_uppercase)
            && chars.clone().count() > 0
            && !chars.all(char::is_uppercase)
    };
    let all_caps = |w: &str| w.chars().all(char::is_uppercase);
    let word = stretch[i];
    if all_caps(word) {
        return word.chars().count() > 1 || stretch.len() == 1;
    }
    let beside = |j: Option<usize>| {
        j.and_then(|j| stretch.get(j))
            .is_some_and(|w| capitalised(w))
    };
    capitalised(word) && (beside(i.checked_sub(1)) || beside(Some(i + 1)))
}

/// Whether word `i` of a stretch is in capitals read without any mark (nor
/// đ) beside another such word: a heading the engine read as English
/// ("CONG HOA XA HOI"), whose marks were lost, where a lone abbreviation
/// ("KH-SCT ngày") is no word.
fn bare_capitals(stretch: &[&str], i: usize) -> bool {
    let bare = |w: &&str| w.chars().all(char::is_uppercase) && marks(w).iter().all(Vec::is_empty);
    let beside = |j: Option<usize>| j.and_then(|j| stretch.get(j)).is_some_and(bare);
    bare(&stretch[i]) && (beside(i.checked_sub(1)) || beside(Some(i + 1)))
}

/// How far the respelling of a word read may go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Freedom {
    /// As read (text from the file, a name).
    Fixed,
    /// Its marks only (bare capitals of a heading).
    Marks,
    /// Its marks, and a letter where it is no known syllable.
    Letters,
}

/// A word of a line: its bytes, whether OCR read it, and whether only
/// spaces part it from the word before (their pair is context).
struct Token {
    start: usize,
    end: usize,
    ocr: bool,
    joined: bool,
}

fn tokens(line: &Line) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let mut chars = line.text.char_indices().peekable();
    let mut last_end = 0;
    while let Some((start, c)) = chars.next() {
        if !c.is_alphabetic() {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, c)) = chars.peek().filter(|(_, c)| c.is_alphabetic()) {
            end = i + c.len_utf8();
            chars.next();
        }
        let ocr = line.read_by_ocr(start, end);
        let joined = !out.is_empty() && line.text[last_end..start].chars().all(|c| c == ' ');
        out.push(Token {
            start,
            end,
            ocr,
            joined,
        });
        last_end = end;
    }
    out
}

/// Respells the stretches of adjacent syllables of `words` that OCR read
/// into `respelt` (a word that is none, such as "VBQPPL", parts
/// stretches and is left as read); `vietnamese`: the line has marks read.
fn respell_stretches(
    line: &Line,
    words: &[Token],
    vietnamese: bool,
    respelt: &mut [Option<String>],
) {
    let vocabulary = &*VOCABULARY;
    let mut k = 0;
    while k < words.len() {
        if !is_syllable(&line.text[words[k].start..words[k].end]) {
            k += 1;
            continue;
        }
        let mut end = k + 1;
        while end < words.len()
            && words[end].joined
            && is_syllable(&line.text[words[end].start..words[end].end])
        {
            end += 1;
        }
        let read: Vec<&str> = words[k..end]
            .iter()
            .map(|t| &line.text[t.start..t.end])
            .collect();
        if words[k..end].iter().any(|t| t.ocr) {
            let run: Vec<(String, Freedom)> = read
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    let freedom = if !words[k + i].ocr {
                        Freedom::Fixed
                    } else if bare_capitals(&read, i) {
                        Freedom::Marks
                    } else if is_name(&read, i) {
                        Freedom::Fixed
                    } else {
                        Freedom::Letters
                    };
                    (w.to_lowercase(), freedom)
                })
                .collect();
            let after = words.get(end).map_or(line.text.len(), |t| t.start);
            let clause_goes_on = line.text[words[end - 1].end..after]
                .trim_start()
                .starts_with([',', ';']);
            // Bare capitals gain marks from their pairs, never from their
            // counts alone, which weigh the words at the stretch's ends
            // ("CAT" is an abbreviation, no "cát").
            let capitals = bare_capitals(&read, 0) || bare_capitals(&read, read.len() - 1);
            let counts_alone = vietnamese && !clause_goes_on && !capitals;
            let respelt_run = vocabulary.respell_run(&run, counts_alone);
            for (i, chosen) in respelt_run.into_iter().enumerate() {
                if chosen != run[i].0 {
                    respelt[k + i] = Some(in_case_of(&chosen, read[i]));
                }
            }
        }
        k = end;
    }
}

/// Respells the syllables of a line's OCR runs (the runs that carry a
/// confidence), moving run offsets along.
pub(crate) fn restore_marks(line: &mut Line) {
    if !line.has_ocr_text() {
        return;
    }
    let vocabulary = &*VOCABULARY;
    let words = tokens(line);
    // A line with marks read is Vietnamese: a word there with no context
    // may be respelt by its counts alone (an English "the" is no "thể"),
    // unless a comma or semicolon after its stretch says the clause goes
    // on, so the context is there, only unknown ("lễ tang, …").
    let vietnamese = words.iter().any(|t| {
        t.ocr
            && marks(&line.text[t.start..t.end])
                .iter()
                .any(|m| !m.is_empty())
    });
    let mut respelt: Vec<Option<String>> = words
        .iter()
        .map(|t| {
            let read = &line.text[t.start..t.end];
            let capitals = read.chars().all(char::is_uppercase);
            (t.ocr && capitals)
                .then(|| abbreviations::respell(read, |w| vocabulary.count(w)))
                .flatten()
        })
        .collect();
    respell_stretches(line, &words, vietnamese, &mut respelt);
    let edits: Vec<Edit> = words
        .iter()
        .zip(respelt)
        .filter_map(|(t, new)| {
            new.map(|text| Edit {
                start: t.start,
                end: t.end,
                text,
            })
        })
        .collect();
    if !edits.is_empty() {
        rewrite(line, &edits);
    }
    spacing::space_signs(line);
}

/// A change of a line's text: bytes `start..end` (empty for an
/// insertion) become `text`.
pub(super) struct Edit {
    start: usize,
    end: usize,
    text: String,
}

impl Edit {
    /// `text` put in at byte `at`.
    pub(super) fn insert(at: usize, text: &str) -> Edit {
        Edit {
            start: at,
            end: at,
            text: text.to_string(),
        }
    }
}

/// The line with `edits` (in order, apart) made, run offsets moved along:
/// a run holding a replaced word holds its replacement; text inserted at a
/// run's end is not the run's.
fn rewrite(line: &mut Line, edits: &[Edit]) {
    let mut out = String::with_capacity(line.text.len() + 16);
    let mut pos = 0;
    for e in edits {
        out.push_str(&line.text[pos..e.start]);
        out.push_str(&e.text);
        pos = e.end;
    }
    out.push_str(&line.text[pos..]);
    let moved = |p: usize, is_end: bool| {
        let delta: isize = edits
            .iter()
            .filter(|e| e.end < p || (e.end == p && !(is_end && e.start == e.end)))
            .map(|e| e.text.len() as isize - (e.end - e.start) as isize)
            .sum();
        (p as isize + delta).max(0) as usize
    };
    for run in &mut line.runs {
        run.start = moved(run.start, false);
        run.end = moved(run.end, true);
    }
    line.text = out;
    if line.cells.is_some() {
        line.cells = Some(line.text.split('\t').map(str::to_string).collect());
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::ingest::Run;

    pub(super) fn ocr_line(text: &str) -> Line {
        let mut runs = Vec::new();
        let mut at = 0;
        for word in text.split(' ') {
            runs.push(Run {
                start: at,
                end: at + word.len(),
                confidence: Some(90),
                ..Run::default()
            });
            at += word.len() + 1;
        }
        Line {
            no: 1,
            text: text.to_string(),
            cells: None,
            runs,
            page: Some(1),
            rule_above: None,
        }
    }

    /// The text of an OCR line of `text` after `step`, its runs checked
    /// to still fall on character boundaries.
    pub(super) fn after(text: &str, step: fn(&mut Line)) -> String {
        let mut line = ocr_line(text);
        step(&mut line);
        for r in &line.runs {
            assert!(line.text.get(r.start..r.end).is_some());
        }
        line.text
    }

    fn restored(text: &str) -> String {
        after(text, restore_marks)
    }

    #[test]
    fn lost_marks_come_back_from_context() {
        assert_eq!(restored("so với nam 2015"), "so với năm 2015");
        assert_eq!(restored("Cơ quan, don vi"), "Cơ quan, đơn vị");
        assert_eq!(
            restored("Số vấn đề phát hiện qua kiếm tra"),
            "Số vấn đề phát hiện qua kiểm tra"
        );
        assert_eq!(
            restored("Tỷ lệ xử lý VBQPPL sau kiếm tra"),
            "Tỷ lệ xử lý VBQPPL sau kiểm tra"
        );
    }

    #[test]
    fn a_word_without_context_takes_its_commoner_spelling() {
        // "huyện bao" and "huyện báo" are both unseen; "báo" is commoner.
        assert_eq!(restored("Cấp huyện bao"), "Cấp huyện báo");
        // Not where a comma says the clause goes on, nor on a line with
        // no marks read (English).
        assert_eq!(
            restored("tổ chức lễ tang, lễ viếng"),
            "tổ chức lễ tang, lễ viếng"
        );
        assert_eq!(restored("read the"), "read the");
    }

    #[test]
    fn a_letter_misread_into_an_unknown_syllable_comes_back() {
        assert_eq!(
            restored("cổ phần (lãy kế đến thời điểm báo cáo)"),
            "cổ phần (lũy kế đến thời điểm báo cáo)"
        );
        // Another letter needs far higher odds than marks: "qua han" is
        // "quá hạn", not "quả hơn", though both pairs are seen.
        assert_eq!(restored("Số nhiệm vụ qua han"), "Số nhiệm vụ quá hạn");
    }

    #[test]
    fn a_marked_letter_read_keeps_its_tone_unless_the_odds_are_high() {
        // "thành những" is a pair of the documents, "thành nhưng" is not;
        // the engine's "ư" still outweighs it. "đã được giao" outweighs
        // the engine's "ươ".
        let read = "Số nhiệm vụ đã hoàn thành nhưng quá hạn";
        assert_eq!(restored(read), read);
        assert_eq!(
            restored("Số nhiệm vụ đã dươc giao"),
            "Số nhiệm vụ đã được giao"
        );
    }

    #[test]
    fn right_words_stay() {
        for text in [
            "Cộng hòa xã hội chủ nghĩa Việt Nam",
            "tìm kiếm thông tin",
            "Số TTHC cấp huyện",
        ] {
            assert_eq!(restored(text), text);
        }
    }

    #[test]
    fn text_from_the_file_is_left_alone() {
        let mut line = ocr_line("so với nam 2015");
        line.runs.iter_mut().for_each(|r| r.confidence = None);
        restore_marks(&mut line);
        assert_eq!(line.text, "so với nam 2015");
    }

    #[test]
    fn names_keep_their_marks() {
        for text in [
            "Ngô Anh Vũ",
            "Lê Anh Tuấn",
            "HUYỆN HẠ HÒA",
            "ông Lê Văn Hạnh",
        ] {
            assert_eq!(restored(text), text);
        }
        assert_eq!(restored("Tong số nhiệm vụ"), "Tổng số nhiệm vụ");
        assert_eq!(
            restored("công khai trên Cống DVC quốc gia"),
            "công khai trên Cổng DVC quốc gia"
        );
    }

    #[test]
    fn a_heading_in_bare_capitals_gets_its_marks() {
        assert_eq!(
            restored("CONG HOA XA HOI CHU NGHIA VIET NAM"),
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        );
        assert_eq!(restored("TO TRINH"), "TỜ TRÌNH");
        // A lone abbreviation is no word, nor one beside words in capitals
        // read with their marks.
        for text in [
            "Số 40/KH-SCT ngày 14/10/2021",
            "VP TỈNH ỦY",
            "VBQPPL sau kiểm tra",
        ] {
            assert_eq!(restored(text), text);
        }
    }

    #[test]
    fn case_follows_the_word_read() {
        assert_eq!(in_case_of("đơn", "Don"), "Đơn");
        assert_eq!(in_case_of("đơn", "DON"), "ĐƠN");
        assert_eq!(in_case_of("đơn", "don"), "đơn");
    }
}
