//! Stream decoding on top of lopdf's filters: resolves an indirect
//! `/Filter` or `/DecodeParms`, and accepts the abbreviated filter names of
//! PDF 1.2 producers (`/Fl`, `/AHx`, `/A85`, `/LZW`, `/RL`, `/CCF`, `/DCT`).
//! A stream that cannot be decoded is an error, never raw bytes.

use lopdf::{Dictionary, Document, Object, Stream};

/// Why a stream's bytes could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// The filter that failed (full name), or "" for a bad `/Filter` entry.
    pub filter: String,
    /// What went wrong.
    pub reason: String,
}

/// The full name of a filter, expanding the PDF 1.2 abbreviations.
pub fn full_filter_name(name: &[u8]) -> &[u8] {
    match name {
        b"Fl" => b"FlateDecode",
        b"AHx" => b"ASCIIHexDecode",
        b"A85" => b"ASCII85Decode",
        b"LZW" => b"LZWDecode",
        b"RL" => b"RunLengthDecode",
        b"CCF" => b"CCITTFaxDecode",
        b"DCT" => b"DCTDecode",
        other => other,
    }
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

/// The stream's filters in decoding order, full names, references resolved.
fn filters(doc: &Document, dict: &Dictionary) -> Result<Vec<Vec<u8>>, DecodeError> {
    let Ok(f) = dict.get(b"Filter") else {
        return Ok(Vec::new());
    };
    let bad = || DecodeError {
        filter: String::new(),
        reason: "the /Filter entry is neither a name nor an array of names".into(),
    };
    match deref(doc, f) {
        Object::Name(n) => Ok(vec![full_filter_name(n).to_vec()]),
        Object::Array(items) => items
            .iter()
            .map(|o| match deref(doc, o) {
                Object::Name(n) => Ok(full_filter_name(n).to_vec()),
                _ => Err(bad()),
            })
            .collect(),
        Object::Null => Ok(Vec::new()),
        _ => Err(bad()),
    }
}

/// The stream's `/DecodeParms` with references resolved (one level).
fn decode_parms(doc: &Document, dict: &Dictionary) -> Option<Object> {
    let p = deref(
        doc,
        dict.get(b"DecodeParms").or_else(|_| dict.get(b"DP")).ok()?,
    );
    Some(match p {
        Object::Array(items) => {
            Object::Array(items.iter().map(|o| deref(doc, o).clone()).collect())
        }
        other => other.clone(),
    })
}

/// Decodes a stream's bytes (at most `limit` bytes per filter layer).
pub fn decode(doc: &Document, stream: &Stream, limit: usize) -> Result<Vec<u8>, DecodeError> {
    let mut names = filters(doc, &stream.dict)?;
    let mut parms = decode_parms(doc, &stream.dict);
    // `/Crypt` (PDF 1.5 crypt filters): lopdf has already decrypted.
    if let Some(k) = names.iter().position(|n| n == b"Crypt") {
        names.remove(k);
        if let Some(Object::Array(p)) = parms.as_mut() {
            if k < p.len() {
                p.remove(k);
            }
        }
    }
    if names.is_empty() {
        return Ok(stream.content.clone());
    }
    if let Some(unknown) = names.iter().find(|n| !decodable(n)) {
        return Err(DecodeError {
            filter: String::from_utf8_lossy(unknown).into_owned(),
            reason: "a filter for images or an unknown filter, not for text".into(),
        });
    }
    let mut dict = Dictionary::new();
    dict.set(
        "Filter",
        Object::Array(names.iter().map(|n| Object::Name(n.clone())).collect()),
    );
    if let Some(p) = parms {
        dict.set("DecodeParms", p);
    }
    let normalised = Stream::new(dict, stream.content.clone());
    let fail = |reason: String| DecodeError {
        filter: names
            .iter()
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .collect::<Vec<_>>()
            .join(" "),
        reason,
    };
    let out = normalised
        .decompressed_content_with_limit(limit)
        .map_err(|e| fail(e.to_string()))?;
    // lopdf's Flate gives up silently (empty output) on data that is not zlib.
    if out.is_empty() && stream.content.iter().any(|b| !b.is_ascii_whitespace()) {
        return Err(fail("no data could be decoded".into()));
    }
    Ok(out)
}

/// Filters lopdf decodes (the ones content streams and CMaps use).
fn decodable(name: &[u8]) -> bool {
    matches!(
        name,
        b"FlateDecode" | b"LZWDecode" | b"ASCII85Decode" | b"ASCIIHexDecode" | b"RunLengthDecode"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    fn hex_stream(filter: Object) -> Stream {
        Stream::new(dictionary! { "Filter" => filter }, b"48656C6C6F>".to_vec())
    }

    #[test]
    fn abbreviated_names_decode() {
        let doc = Document::new();
        let s = hex_stream(Object::Name(b"AHx".to_vec()));
        assert_eq!(decode(&doc, &s, 1 << 20).unwrap(), b"Hello");
        let s = hex_stream(Object::Array(vec![Object::Name(b"AHx".to_vec())]));
        assert_eq!(decode(&doc, &s, 1 << 20).unwrap(), b"Hello");
    }

    #[test]
    fn indirect_filter_resolves() {
        let mut doc = Document::new();
        let id = doc.add_object(Object::Name(b"ASCIIHexDecode".to_vec()));
        let s = hex_stream(Object::Reference(id));
        assert_eq!(decode(&doc, &s, 1 << 20).unwrap(), b"Hello");
    }

    #[test]
    fn crypt_filter_passes_through() {
        let doc = Document::new();
        let s = hex_stream(Object::Array(vec![
            Object::Name(b"Crypt".to_vec()),
            Object::Name(b"AHx".to_vec()),
        ]));
        assert_eq!(decode(&doc, &s, 1 << 20).unwrap(), b"Hello");
    }

    #[test]
    fn image_filter_is_an_error_not_raw_bytes() {
        let doc = Document::new();
        let s = hex_stream(Object::Name(b"DCT".to_vec()));
        let e = decode(&doc, &s, 1 << 20).unwrap_err();
        assert_eq!(e.filter, "DCTDecode");
        let s = hex_stream(Object::Name(b"Fl".to_vec()));
        assert!(decode(&doc, &s, 1 << 20).is_err(), "not zlib data");
    }
}
