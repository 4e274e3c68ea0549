//! Removal of the markdown and HTML markup that DOCX → text renderings carry
//! (`**bold**`, `<b>`, `<i>`, headings), turning `<sup>n</sup>` into footnotes.

use regex::Regex;
use std::sync::LazyLock;

static SUP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)<sup>\s*([^<]*?)\s*</sup>").expect("valid regex"));
static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)</?(?:b|i|u|em|strong|sub|span|br|p)\b[^>]*>").expect("valid regex")
});
static EMPHASIS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\*{1,3}|(?:^|\s)#{1,6}\s+|\\([\\*_#<>\[\]()-])").expect("valid regex")
});

/// Text without markup, with the footnote numbers found in `<sup>` tags.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Stripped {
    /// The visible text.
    pub text: String,
    /// Numbers from `<sup>n</sup>` references, in order.
    pub footnotes: Vec<u32>,
}

/// Strips markdown/HTML markup. `<sup>` numbers become footnotes, other
/// `<sup>` text is kept inline.
pub fn strip_markup(s: &str) -> Stripped {
    let mut footnotes = Vec::new();
    let no_sup = SUP.replace_all(s, |c: &regex::Captures| {
        let inner = c[1].trim();
        match inner.parse::<u32>() {
            Ok(n) => {
                footnotes.push(n);
                String::new()
            }
            Err(_) => inner.to_string(),
        }
    });
    let no_tags = TAG.replace_all(&no_sup, "");
    let text = EMPHASIS.replace_all(&no_tags, |c: &regex::Captures| {
        if let Some(esc) = c.get(1) {
            esc.as_str().to_string()
        } else if c[0].starts_with(char::is_whitespace) {
            " ".to_string()
        } else {
            String::new()
        }
    });
    Stripped {
        text: text.into_owned(),
        footnotes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_emphasis_go() {
        let s = strip_markup("<b>Tổng số VBQPPL<sup>1</sup> ban hành</b> <i>(x)</i>");
        assert_eq!(s.text, "Tổng số VBQPPL ban hành (x)");
        assert_eq!(s.footnotes, vec![1]);
        assert_eq!(strip_markup("## **BÁO CÁO**").text, "BÁO CÁO");
        assert_eq!(strip_markup("***Nơi nhận:***").text, "Nơi nhận:");
    }
}
