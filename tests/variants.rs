//! Typing variants a report may carry read as the plain report does: the
//! full-width signs some Word fonts and input methods type ("Có ＝ 1",
//! "９８％") give the same tables, row for row, as the ASCII ones.

mod common;

use baocao::extract_bytes;

/// Every seed with its ASCII punctuation and digits in code units and
/// values typed full width gives the seed's own tables.
#[test]
fn full_width_signs_read_as_ascii() {
    for path in common::seeds() {
        let text = std::fs::read_to_string(&path).expect("seed");
        let wide: String = text
            .chars()
            .map(|c| match c {
                '=' | '%' | ';' => char::from_u32(u32::from(c) + 0xFEE0).unwrap_or(c),
                c => c,
            })
            .collect();
        assert_ne!(wide, text, "{} has no sign to widen", path.display());
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let plain = extract_bytes(&name, text.as_bytes());
        let variant = extract_bytes(&name, wide.as_bytes());
        assert_eq!(plain.tables, variant.tables, "{name}");
        let coded = |r: &baocao::Record| {
            r.tables
                .iter()
                .flat_map(|t| &t.rows)
                .filter(|row| row.value.kind == baocao::model::ValueKind::Code)
                .count()
        };
        assert!(coded(&variant) > 0 || coded(&plain) == 0, "{name}");
    }
}
