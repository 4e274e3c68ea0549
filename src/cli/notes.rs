//! Notes on stderr, one kind at a time: a single note is printed as is,
//! several of one kind are folded into one line with a count, unless
//! `--verbose` asks for every one.

/// Notes of one kind, collected during a run and printed by [`Notes::print`].
#[derive(Debug, Default)]
pub struct Notes {
    items: Vec<String>,
}

impl Notes {
    /// Adds one note (the text after `baocao: note: `).
    pub fn push(&mut self, note: String) {
        self.items.push(note);
    }

    /// The lines to print: every note when `verbose` or when there is only
    /// one, else `folded(count)` alone.
    pub fn lines(&self, verbose: bool, folded: impl Fn(usize) -> String) -> Vec<String> {
        let notes = if verbose || self.items.len() == 1 {
            self.items.clone()
        } else if self.items.is_empty() {
            Vec::new()
        } else {
            vec![folded(self.items.len())]
        };
        notes
            .into_iter()
            .map(|n| format!("baocao: note: {n}"))
            .collect()
    }

    /// Prints [`Notes::lines`] on stderr.
    pub fn print(&self, verbose: bool, folded: impl Fn(usize) -> String) {
        for line in self.lines(verbose, folded) {
            eprintln!("{line}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notes(n: usize) -> Notes {
        let mut notes = Notes::default();
        for i in 0..n {
            notes.push(format!("note {i}"));
        }
        notes
    }

    #[test]
    fn several_notes_fold_into_a_count_unless_verbose() {
        let fold = |n| format!("{n} notes");
        assert!(notes(0).lines(false, fold).is_empty());
        assert_eq!(notes(1).lines(false, fold), ["baocao: note: note 0"]);
        assert_eq!(notes(3).lines(false, fold), ["baocao: note: 3 notes"]);
        assert_eq!(notes(3).lines(true, fold).len(), 3);
    }
}
