//! Restoring letters lost on the way to the text: holes left by glyphs
//! without a Unicode mapping ([`holes`]) and letters a conversion dropped
//! ([`dropped`]), with the word model both use ([`model`]). Every restored
//! word is returned as a [`Repair`] for the record.

mod attach;
mod dropped;
mod holes;
mod model;

pub use attach::attach;
pub use holes::{is_suspicious, repair_cell};
pub use model::Model;

use crate::ingest::Line;
use crate::model::Repair;
use crate::normalize::ngram;

/// Restores lost letters cell by cell. The word model is the shipped
/// counts plus the document's own text outside damaged cells. `dropped` is
/// a letter the document's encoding is known to lose without a trace
/// (TCVN3's "ư"), put back into words that are no syllable without it.
/// Returns the repairs, and whether some damaged text was left unread
/// because the document's budget for reading again ran out.
pub fn repair_lines(lines: &mut [Line], dropped: Option<char>) -> (Vec<Repair>, bool) {
    let mut repairs = Vec::new();
    if let Some(letter) = dropped {
        // The shipped counts only: the document repeats its damaged words.
        let model = Model::shipped();
        for line in lines.iter_mut() {
            if let Some((text, fixes)) = dropped::restore(&line.text, letter, &model) {
                set_text_keeping_runs(line, text);
                repairs.extend(fixes.into_iter().map(|f| Repair {
                    line: line.no,
                    damaged: f.damaged,
                    restored: f.restored,
                }));
            }
        }
    }
    // Each cell is judged once; the judgement serves the word counts and
    // the repair below.
    let suspicious: Vec<Vec<bool>> = lines
        .iter()
        .map(|l| l.text.split('\t').map(is_suspicious).collect())
        .collect();
    if !suspicious.iter().flatten().any(|&s| s) {
        return (repairs, false);
    }
    let mut counts = ngram::Counts::default();
    for (line, flags) in lines.iter().zip(&suspicious) {
        for (cell, _) in line.text.split('\t').zip(flags).filter(|(_, &s)| !s) {
            counts.add_text(cell);
        }
    }
    let model = Model::new(counts);
    let mut before: Option<String> = None;
    for (line, flags) in lines.iter_mut().zip(suspicious) {
        if flags.contains(&true) {
            repair_line(line, &flags, before.as_deref(), &model, &mut repairs);
        }
        before = line
            .text
            .split_whitespace()
            .last()
            .map(str::to_string)
            .or(before);
    }
    (repairs, model.exhausted())
}

/// Repairs the cells of `line` that `flags` marks suspicious, adding each
/// restored word to `repairs`. `before` is the last word of the text above.
fn repair_line(
    line: &mut Line,
    flags: &[bool],
    before: Option<&str>,
    model: &Model,
    repairs: &mut Vec<Repair>,
) {
    let mut fixed = Vec::new();
    let mut cells = Vec::new();
    for (i, (cell, &flagged)) in line.text.split('\t').zip(flags).enumerate() {
        let context = before.filter(|_| i == 0);
        let repaired = flagged.then(|| repair_cell(cell, context, model)).flatten();
        match repaired {
            Some((text, fixes)) => {
                fixed.extend(fixes.into_iter().map(|f| Repair {
                    line: line.no,
                    damaged: f.damaged,
                    restored: f.restored,
                }));
                cells.push(text);
            }
            None => cells.push(cell.to_string()),
        }
    }
    if !fixed.is_empty() {
        set_text_keeping_runs(line, cells.join("\t"));
        repairs.extend(fixed);
    }
}

/// Replaces a line's text with its repaired form (holes filled, dropped
/// letters inserted), moving the runs' byte offsets with their characters.
fn set_text_keeping_runs(line: &mut Line, text: String) {
    let old: Vec<(usize, char)> = line.text.char_indices().collect();
    let new: Vec<(usize, char)> = text.char_indices().collect();
    // Old character i sits at new[at[i]]: equal or a filled hole (a space
    // turned letter) maps across; a new letter with no match was inserted.
    let mut at = Vec::with_capacity(old.len());
    let mut j = 0;
    for &(_, c) in &old {
        while j < new.len() && new[j].1 != c && c != ' ' && old.len() - at.len() < new.len() - j {
            j += 1;
        }
        at.push(j.min(new.len()));
        j += 1;
    }
    let remap = |b: usize| match old.binary_search_by_key(&b, |&(i, _)| i) {
        Ok(i) => new.get(at[i]).map_or(text.len(), |&(k, _)| k),
        Err(_) => text.len(),
    };
    for run in &mut line.runs {
        let end_inside = run.end > run.start;
        run.start = remap(run.start);
        run.end = if end_inside {
            remap(run.end)
        } else {
            run.start
        };
    }
    if line.cells.is_some() {
        line.cells = Some(text.split('\t').map(str::to_string).collect());
    }
    line.text = text;
}
