//! Streaming XML for the office readers (DOCX, OpenDocument): quick-xml
//! events owned and named by local name, DTDs refused (no entity is ever
//! expanded), elements skipped whole, cut-off input reported.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::io::BufRead;

/// Why the XML could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum XmlError {
    /// Not well-formed, or cut off.
    Malformed(String),
    /// A document type declaration: entity definitions are never expanded.
    Dtd,
    /// Elements nested deeper than the reader accepts.
    TooDeep,
}

/// The local part of a qualified name (`w:p` → `p`).
pub fn local(name: &str) -> &[u8] {
    name.rsplit(':').next().unwrap_or(name).as_bytes()
}

/// An attribute's value by local name.
pub fn attr(e: &BytesStart, key: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find_map(|a| (local(a.key.as_ref()) == key).then(|| a.value.to_string()))
}

/// What one pull from the reader gave, owned.
pub enum Ev {
    Start(Vec<u8>, BytesStart<'static>),
    Empty(Vec<u8>, BytesStart<'static>),
    End(Vec<u8>),
    Text(String),
    Eof,
    Other,
}

/// A pull reader over XML bytes.
pub struct XmlStream<R: BufRead> {
    reader: Reader<R>,
    buf: Vec<u8>,
}

impl<R: BufRead> XmlStream<R> {
    /// A reader over `input`.
    pub fn new(input: R) -> Self {
        XmlStream {
            reader: Reader::from_reader(input),
            buf: Vec::new(),
        }
    }

    /// The next event, owned; a DTD is refused.
    pub fn next(&mut self) -> Result<Ev, XmlError> {
        self.buf.clear();
        let ev = self
            .reader
            .read_event_into(&mut self.buf)
            .map_err(|e| XmlError::Malformed(e.to_string()))?;
        Ok(match ev {
            Event::Start(e) => Ev::Start(local(e.name().as_ref()).to_vec(), e.into_owned()),
            Event::Empty(e) => Ev::Empty(local(e.name().as_ref()).to_vec(), e.into_owned()),
            Event::End(e) => Ev::End(local(e.name().as_ref()).to_vec()),
            Event::Text(t) => Ev::Text(t.xml10_content().into_owned()),
            Event::CData(t) => Ev::Text(t.xml10_content().into_owned()),
            Event::GeneralRef(r) => Ev::Text(resolve_ref(&r)),
            Event::DocType(_) => return Err(XmlError::Dtd),
            Event::Eof => Ev::Eof,
            _ => Ev::Other,
        })
    }

    /// Skips the rest of an element whose start was just read.
    pub fn skip(&mut self) -> Result<(), XmlError> {
        let mut depth = 1usize;
        loop {
            match self.next()? {
                Ev::Start(..) => depth += 1,
                Ev::End(_) => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                Ev::Eof => return Err(truncated()),
                _ => {}
            }
        }
    }
}

/// The error of XML that ends inside an element.
pub fn truncated() -> XmlError {
    XmlError::Malformed("the XML ends inside an element".into())
}

/// The text of an entity or character reference; unknown entities (which
/// only a DTD could define) are dropped, never expanded.
fn resolve_ref(r: &quick_xml::events::BytesRef) -> String {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return c.to_string();
    }
    let name = r.xml10_content();
    quick_xml::escape::resolve_xml_entity(&name)
        .unwrap_or_default()
        .to_string()
}
