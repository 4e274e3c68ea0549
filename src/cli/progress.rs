//! The progress bar on stderr (only when stderr is a terminal).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use std::io::IsTerminal;

/// A bar over `total` documents, or a hidden one when stderr is not a
/// terminal or the user asked for none.
pub fn bar(total: usize, wanted: bool) -> ProgressBar {
    if !wanted || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{bar:32.cyan/blue} {pos}/{len} documents  {rate}  ETA {eta}")
    {
        bar.set_style(style.with_key(
            "rate",
            |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.1} docs/s", state.per_sec());
            },
        ));
    }
    bar
}
