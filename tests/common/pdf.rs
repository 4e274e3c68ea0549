//! Builds small one-page PDFs in memory for tests.

use lopdf::{dictionary, Document, Object, ObjectId, Stream};

/// A one-page A4 PDF drawing `content`, with Helvetica (WinAnsi) as `/F1`;
/// `annots` may add objects to the document (given the font's id) and
/// returns the page's annotations.
pub fn one_page(
    content: &[u8],
    annots: impl FnOnce(&mut Document, ObjectId) -> Vec<Object>,
) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
    let content = doc.add_object(Stream::new(dictionary! {}, content.to_vec()));
    let annots = annots(&mut doc, font);
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content, "Resources" => resources,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Annots" => annots,
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("pdf written");
    out
}
