//! An HTML page's characters: a byte order mark first, then the charset of
//! a `<meta>` tag in the first kilobytes, else UTF-8 when the bytes are
//! valid UTF-8, else Windows-1252 (whose letters carry legacy Vietnamese
//! bytes to the normalise stage unchanged).

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How far into the page a `<meta charset>` is looked for.
const PRESCAN: usize = 4096;

/// The page decoded.
pub fn decode(bytes: &[u8]) -> String {
    let (encoding, bom) = encoding(bytes);
    encoding
        .decode_without_bom_handling(&bytes[bom..])
        .0
        .into_owned()
}

/// The first kilobyte decoded, for sniffing.
pub fn decode_head(bytes: &[u8]) -> String {
    let (encoding, bom) = encoding(bytes);
    let end = bytes.len().min(bom + 1024);
    encoding
        .decode_without_bom_handling(&bytes[bom..end])
        .0
        .into_owned()
}

/// The page's encoding and the length of its byte order mark.
fn encoding(bytes: &[u8]) -> (&'static Encoding, usize) {
    if let Some((enc, len)) = Encoding::for_bom(bytes) {
        return (enc, len);
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(PRESCAN)]).to_ascii_lowercase();
    if let Some(enc) = meta_charset(&head) {
        return (enc, 0);
    }
    if std::str::from_utf8(bytes).is_ok() {
        (UTF_8, 0)
    } else {
        (WINDOWS_1252, 0)
    }
}

/// The encoding a `<meta charset=…>` or `content="…; charset=…"` names.
fn meta_charset(head: &str) -> Option<&'static Encoding> {
    let mut from = 0;
    while let Some(at) = head[from..].find("<meta") {
        let start = from + at;
        let end = head[start..].find('>').map_or(head.len(), |e| start + e);
        let tag = &head[start..end];
        if let Some(i) = tag.find("charset") {
            let value = tag[i + 7..].trim_start().strip_prefix('=').unwrap_or("");
            let label: String = value
                .trim_start_matches([' ', '"', '\''])
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
                .collect();
            if let Some(enc) = Encoding::for_label(label.as_bytes()) {
                // A page that says UTF-16 was read as bytes: it is not.
                return Some(if enc.output_encoding() == UTF_8 && enc != UTF_8 {
                    UTF_8
                } else {
                    enc
                });
            }
        }
        from = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charsets() {
        let page = b"<html><head><meta http-equiv=Content-Type content='text/html; charset=windows-1258'></head><body>C\xc3</body></html>";
        assert!(decode(page).contains("CĂ"));
        assert!(decode(b"\xEF\xBB\xBF<p>\xC3\xA1</p>").starts_with("<p>á"));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("<p>ư</p>".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16), "<p>ư</p>");
        assert_eq!(decode(b"<p>\xe1</p>"), "<p>á</p>");
        assert_eq!(
            decode(b"<meta charset=\"utf-8\"><p>\xc6\xb0</p>"),
            "<meta charset=\"utf-8\"><p>ư</p>"
        );
    }
}
