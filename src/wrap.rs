//! Text a layout wrapped over lines, joined back: the one rule for where a
//! line break inside a cell or paragraph stood for a space and where it cut
//! a token ("40/KH-" + "SCT" is "40/KH-SCT"; `"(https://a.b.go" + "v.vn)"`
//! is one address). The PDF front end joins the lines of a table cell with
//! it, and the detector the fragments of a wrapped row.

/// Appends `more` (already white-space-collapsed) to `field`: after one
/// space, unless `field` is empty or the line break cut a token.
pub fn join(field: &mut String, more: &str) {
    if more.is_empty() {
        return;
    }
    if needs_space(field, more) {
        field.push(' ');
    }
    field.push_str(more);
}

/// True when text `next` continued on the line after `before` is a new
/// word (a space goes between); false when `before` is empty or the break
/// cut a token: a hyphenated code ("40/KH-" "SCT"), a web address in an
/// open parenthesis, or a date or fraction after its slash ("14/10/20"
/// "21", "(523/52" "5)").
pub fn needs_space(before: &str, next: &str) -> bool {
    let cut_number =
        next.starts_with(|c: char| c.is_ascii_digit()) && ends_in_slashed_number(before);
    !before.is_empty() && !ends_in_token_hyphen(before) && !ends_in_open_url(before) && !cut_number
}

/// True when the last token is digits with a slash before them ("14/10/20").
fn ends_in_slashed_number(s: &str) -> bool {
    let last = s.rsplit(' ').next().unwrap_or_default();
    last.ends_with(|c: char| c.is_ascii_digit()) && last.contains('/')
}

/// True when the last token is a web address cut by the line end: it holds
/// "://" or "www." and its parenthesis is still open ("(https://a.b.go").
fn ends_in_open_url(s: &str) -> bool {
    let last = s.rsplit(' ').next().unwrap_or_default();
    (last.contains("://") || last.contains("www."))
        && last.matches('(').count() > last.matches(')').count()
}

/// True when the text ends in a hyphen glued to a letter or digit ("KH-").
fn ends_in_token_hyphen(s: &str) -> bool {
    let mut rev = s.chars().rev();
    rev.next() == Some('-') && rev.next().is_some_and(|c| c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_tokens_join_without_a_space() {
        let mut s = String::from("Số 40/KH-");
        join(&mut s, "SCT ngày");
        assert_eq!(s, "Số 40/KH-SCT ngày");
        let mut s = String::from("xem (https://dichvucong.gov");
        join(&mut s, ".vn)");
        assert_eq!(s, "xem (https://dichvucong.gov.vn)");
        let mut s = String::from("Sở Công Thương -");
        join(&mut s, "Sửa đổi");
        assert_eq!(s, "Sở Công Thương - Sửa đổi");
        let mut s = String::new();
        join(&mut s, "đầu");
        assert_eq!(s, "đầu");
        let mut s = String::from("99,62% (523/52");
        join(&mut s, "5)");
        assert_eq!(s, "99,62% (523/525)");
        let mut s = String::from("tỷ lệ 2/3");
        join(&mut s, "đơn vị");
        assert_eq!(s, "tỷ lệ 2/3 đơn vị");
    }
}
