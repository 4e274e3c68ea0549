//! The text properties of `content.xml`'s automatic styles and the font
//! faces they name (`style:font-name` → `svg:font-family`), so a run set in
//! `.VnTime` carries that name.

use crate::ingest::xml::attr;
use quick_xml::events::BytesStart;
use std::collections::HashMap;

/// What a style says about its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextStyle {
    /// Font family.
    pub font: Option<String>,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Raised (`style:text-position="super …"`).
    pub superscript: bool,
}

/// Styles by name, and font faces by name.
#[derive(Debug, Default)]
pub struct Styles {
    faces: HashMap<String, String>,
    styles: HashMap<String, TextStyle>,
    current: Option<String>,
}

impl Styles {
    /// Takes in one element of the font-face declarations or automatic styles.
    pub fn element(&mut self, name: &[u8], e: &BytesStart) {
        match name {
            b"font-face" => {
                if let (Some(n), Some(family)) = (attr(e, b"name"), attr(e, b"font-family")) {
                    self.faces
                        .insert(n, family.trim_matches(['\'', '"']).to_string());
                }
            }
            b"style" => self.current = attr(e, b"name"),
            b"text-properties" => {
                let Some(current) = self.current.clone() else {
                    return;
                };
                let font = attr(e, b"font-name")
                    .map(|n| self.faces.get(&n).cloned().unwrap_or(n))
                    .or_else(|| {
                        attr(e, b"font-family").map(|f| f.trim_matches(['\'', '"']).to_string())
                    });
                let style = TextStyle {
                    font,
                    bold: attr(e, b"font-weight")
                        .is_some_and(|w| w == "bold" || w.parse::<u32>().is_ok_and(|w| w >= 600)),
                    italic: attr(e, b"font-style").is_some_and(|s| s == "italic" || s == "oblique"),
                    superscript: attr(e, b"text-position")
                        .is_some_and(|p| p.starts_with("super") || p.starts_with('3')),
                };
                self.styles.insert(current, style);
            }
            _ => {}
        }
    }

    /// The style named by an element's `text:style-name`, over `base`.
    pub fn of(&self, e: &BytesStart, base: &TextStyle) -> TextStyle {
        let Some(s) = attr(e, b"style-name").and_then(|n| self.styles.get(&n)) else {
            return base.clone();
        };
        TextStyle {
            font: s.font.clone().or_else(|| base.font.clone()),
            bold: s.bold || base.bold,
            italic: s.italic || base.italic,
            superscript: s.superscript || base.superscript,
        }
    }
}
