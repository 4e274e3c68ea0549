//! The parsed page as blocks: block elements end paragraphs, `<br>` breaks
//! a line, inline elements carry bold, italic, superscript and the font
//! (`<font face>`, `font-family`); tables are placed on their grid with
//! `colspan` and `rowspan` (HTML §4.9.12 "forming a table", simplified:
//! a `rowspan` continues in the rows below as a vertical-merge continuation).

use super::MAX_DEPTH;
use crate::ingest::blocks::{place_spans, Block, Para, Segment, SpanCell, Table};
use ego_tree::NodeRef;
use scraper::{Html, Node};

/// Elements whose content is never text of the page.
const SKIPPED: &[&str] = &[
    "head", "script", "style", "noscript", "template", "title", "object", "iframe", "svg", "math",
    "select",
];
/// Elements that stand as paragraphs of their own.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "center",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "nav",
    "aside",
    "address",
    "form",
    "fieldset",
    "hr",
    "body",
    "caption",
    "figure",
    "figcaption",
];
/// Largest `colspan` (HTML's limit) and `rowspan` honoured.
const MAX_COLSPAN: usize = 1000;
const MAX_ROWSPAN: usize = 65_534;

/// Nesting deeper than [`MAX_DEPTH`].
#[derive(Debug)]
pub struct TooDeep;

/// Inherited inline style.
#[derive(Debug, Clone, Default)]
struct Style {
    font: Option<String>,
    bold: bool,
    italic: bool,
    superscript: bool,
    pre: bool,
}

/// Blocks under construction.
#[derive(Default)]
struct Flow {
    out: Vec<Block>,
    para: Para,
}

impl Flow {
    fn end_para(&mut self) {
        let para = std::mem::take(&mut self.para);
        if para.segments.iter().any(|s| !s.text.trim().is_empty()) {
            self.out.push(Block::Para(para));
        }
    }

    fn text(&mut self, text: &str, style: &Style) {
        let text = if style.pre {
            text.to_string()
        } else {
            collapse(
                text,
                self.para
                    .segments
                    .last()
                    .is_none_or(|s| s.text.ends_with([' ', '\n'])),
            )
        };
        if text.is_empty() {
            return;
        }
        match self.para.segments.last_mut() {
            Some(s)
                if s.font == style.font
                    && s.bold == style.bold
                    && s.italic == style.italic
                    && s.superscript == style.superscript =>
            {
                s.text.push_str(&text)
            }
            _ => self.para.segments.push(Segment {
                text,
                font: style.font.clone(),
                bold: style.bold,
                italic: style.italic,
                superscript: style.superscript,
            }),
        }
    }
}

/// HTML white space collapsed to single spaces; a leading one dropped
/// when the line already ends in one (`after_space`).
fn collapse(text: &str, after_space: bool) -> String {
    let mut out = String::new();
    let mut space = after_space;
    for c in text.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c') {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

/// The page's body as blocks.
pub fn blocks(page: &str) -> Result<Vec<Block>, TooDeep> {
    let html = Html::parse_document(page);
    let mut flow = Flow::default();
    children(html.tree.root(), &Style::default(), &mut flow, 0)?;
    flow.end_para();
    Ok(flow.out)
}

fn children(
    node: NodeRef<Node>,
    style: &Style,
    flow: &mut Flow,
    depth: usize,
) -> Result<(), TooDeep> {
    if depth > MAX_DEPTH {
        return Err(TooDeep);
    }
    for child in node.children() {
        match child.value() {
            Node::Text(t) => flow.text(t, style),
            Node::Element(e) => element(child, e, style, flow, depth + 1)?,
            _ => {}
        }
    }
    Ok(())
}

fn element(
    node: NodeRef<Node>,
    e: &scraper::node::Element,
    style: &Style,
    flow: &mut Flow,
    depth: usize,
) -> Result<(), TooDeep> {
    let name = e.name();
    if SKIPPED.contains(&name) || hidden(e) {
        return Ok(());
    }
    match name {
        "br" => flow.text_break(style),
        "table" => {
            flow.end_para();
            let (caption, table) = table(node, style, depth)?;
            flow.out.extend(caption);
            flow.out.push(Block::Table(table));
        }
        _ => {
            let inner = styled(e, style);
            let block = BLOCKS.contains(&name);
            if block {
                flow.end_para();
            }
            children(node, &inner, flow, depth)?;
            if block {
                flow.end_para();
            }
        }
    }
    Ok(())
}

impl Flow {
    fn text_break(&mut self, style: &Style) {
        let pre = Style {
            pre: true,
            ..style.clone()
        };
        self.text("\n", &pre);
    }
}

/// `display:none` (Word's hidden text and conditional comments' shims).
fn hidden(e: &scraper::node::Element) -> bool {
    e.attr("style").is_some_and(|s| {
        let s: String = s.to_ascii_lowercase().split_whitespace().collect();
        s.contains("display:none")
    })
}

/// The style inside element `e`.
fn styled(e: &scraper::node::Element, outer: &Style) -> Style {
    let mut s = outer.clone();
    match e.name() {
        "b" | "strong" | "th" => s.bold = true,
        "i" | "em" => s.italic = true,
        "sup" => s.superscript = true,
        "pre" => s.pre = true,
        "font" => {
            if let Some(face) = e.attr("face") {
                s.font = first_family(face);
            }
        }
        _ => {}
    }
    if let Some(css) = e.attr("style") {
        for decl in css.split(';') {
            let Some((prop, value)) = decl.split_once(':') else {
                continue;
            };
            let value = value.trim().to_ascii_lowercase();
            match prop.trim().to_ascii_lowercase().as_str() {
                "font-family" => {
                    s.font = first_family(decl.split_once(':').map_or("", |d| d.1)).or(s.font)
                }
                "font-weight" => {
                    s.bold =
                        value.starts_with("bold") || value.parse::<u32>().is_ok_and(|w| w >= 600)
                }
                "font-style" => {
                    s.italic = value.starts_with("italic") || value.starts_with("oblique")
                }
                "vertical-align" => s.superscript = value == "super",
                _ => {}
            }
        }
    }
    s
}

/// The first family of a font list (`".VnTime", serif` → `.VnTime`).
fn first_family(list: &str) -> Option<String> {
    let first = list
        .split(',')
        .next()?
        .trim()
        .trim_matches(['"', '\''])
        .trim();
    (!first.is_empty()).then(|| first.to_string())
}

/// A table element's caption paragraphs and its rows (its own, not those
/// of nested tables).
fn table(node: NodeRef<Node>, style: &Style, depth: usize) -> Result<(Vec<Block>, Table), TooDeep> {
    let mut rows: Vec<Vec<SpanCell>> = Vec::new();
    let mut caption = Vec::new();
    collect_rows(node, style, depth, &mut rows, &mut caption)?;
    Ok((caption, place_spans(rows)))
}

fn collect_rows(
    node: NodeRef<Node>,
    style: &Style,
    depth: usize,
    rows: &mut Vec<Vec<SpanCell>>,
    caption: &mut Vec<Block>,
) -> Result<(), TooDeep> {
    if depth > MAX_DEPTH {
        return Err(TooDeep);
    }
    for child in node.children() {
        let Node::Element(e) = child.value() else {
            continue;
        };
        match e.name() {
            "thead" | "tbody" | "tfoot" => collect_rows(child, style, depth + 1, rows, caption)?,
            "tr" => rows.push(row_cells(child, style, depth + 1)?),
            "caption" => {
                let mut flow = Flow::default();
                children(child, style, &mut flow, depth + 1)?;
                flow.end_para();
                caption.extend(flow.out);
            }
            _ => {}
        }
    }
    Ok(())
}

fn row_cells(tr: NodeRef<Node>, style: &Style, depth: usize) -> Result<Vec<SpanCell>, TooDeep> {
    let mut cells = Vec::new();
    for child in tr.children() {
        let Node::Element(e) = child.value() else {
            continue;
        };
        if !matches!(e.name(), "td" | "th") {
            continue;
        }
        let span = |name: &str, max: usize| {
            e.attr(name)
                .and_then(|v| v.trim().trim_matches(['"', '\'']).parse::<usize>().ok())
                .map_or(1, |n| n.clamp(1, max))
        };
        let mut flow = Flow::default();
        children(child, &styled(e, style), &mut flow, depth + 1)?;
        flow.end_para();
        cells.push(SpanCell {
            colspan: span("colspan", MAX_COLSPAN),
            rowspan: span("rowspan", MAX_ROWSPAN),
            blocks: flow.out,
        });
    }
    Ok(cells)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::blocks::lines::to_lines;

    fn lines(page: &str) -> Vec<String> {
        to_lines(&blocks(page).unwrap())
            .into_iter()
            .map(|l| l.text)
            .collect()
    }

    #[test]
    fn paragraphs_and_breaks() {
        let page = "<html><head><title>T</title><style>p{}</style></head><body><p>BÁO   CÁO<br>Số: 12</p><div>Kết <b>quả</b></div>ngoài</body></html>";
        assert_eq!(lines(page), ["BÁO CÁO", "Số: 12", "Kết quả", "ngoài"]);
    }

    #[test]
    fn rowspan_and_colspan() {
        let page = "<table><tr><td rowspan=2>STT</td><td rowspan=2>Nội dung</td><td colspan=2>Kết quả</td><td rowspan=2>Ghi chú</td></tr>\
<tr><td>ĐVT</td><td>Số liệu</td></tr><tr><td>1</td><td>A</td><td>Văn bản</td><td>3</td><td></td></tr></table>";
        assert_eq!(
            lines(page),
            [
                "STT\tNội dung\tKết quả\t\tGhi chú",
                "\t\tĐVT\tSố liệu\t",
                "1\tA\tVăn bản\t3\t"
            ]
        );
    }

    #[test]
    fn fonts_travel_with_the_runs() {
        let page = "<p><span style='font-family:\".VnTime\";mso-bidi-font-family:Arial'>B\u{b8}o c\u{b8}o</span> <font face=\"VNI-Times\">x</font></p>";
        let l = &to_lines(&blocks(page).unwrap())[0];
        assert_eq!(l.runs[0].font.as_deref(), Some(".VnTime"));
        assert_eq!(l.runs.last().unwrap().font.as_deref(), Some("VNI-Times"));
    }

    #[test]
    fn deep_nesting_is_refused() {
        let page = "<div>".repeat(MAX_DEPTH + 10);
        assert!(blocks(&page).is_err());
    }
}
