//! Recognises container formats by their first bytes.

/// What the bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A zip package (DOCX and other OOXML).
    Zip,
    /// An OLE compound file (Word 97-2003, or an encrypted OOXML package).
    Ole,
    /// A PDF (`%PDF-` within the first kilobyte, as readers accept).
    Pdf,
    /// Anything else (text).
    Other,
}

const ZIP: &[u8] = b"PK\x03\x04";
const ZIP_EMPTY: &[u8] = b"PK\x05\x06";
const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Classifies a file by its signature.
pub fn kind(bytes: &[u8]) -> Kind {
    if bytes.starts_with(ZIP) || bytes.starts_with(ZIP_EMPTY) {
        Kind::Zip
    } else if bytes.starts_with(OLE) {
        Kind::Ole
    } else if bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
    {
        Kind::Pdf
    } else {
        Kind::Other
    }
}

/// True when an OLE file's directory names a stream (names are UTF-16LE).
pub fn has_ole_stream(bytes: &[u8], name: &str) -> bool {
    let needle: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}

/// True when an OLE file holds an encrypted OOXML package.
pub fn is_encrypted_ooxml(bytes: &[u8]) -> bool {
    has_ole_stream(bytes, "EncryptedPackage")
}

/// True when an OLE file holds an Excel 97-2003 workbook (a `Workbook`
/// or `Book` stream) and no Word document.
pub fn is_workbook97(bytes: &[u8]) -> bool {
    !is_word97(bytes) && (has_ole_stream(bytes, "Workbook") || has_ole_stream(bytes, "Book"))
}

/// True when an OLE file holds a Word document (a `WordDocument` stream).
pub fn is_word97(bytes: &[u8]) -> bool {
    has_ole_stream(bytes, "WordDocument")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures() {
        assert_eq!(kind(b"PK\x03\x04rest"), Kind::Zip);
        assert_eq!(kind(OLE), Kind::Ole);
        assert_eq!(kind(b"STT\tChi tieu"), Kind::Other);
        assert_eq!(kind(b""), Kind::Other);
    }
}
