use super::super::interp::{Interpreter, Marks, PlacedGlyph};
use lopdf::{dictionary, Document, Object, ObjectId, Stream};

/// A one-page document: "So:" in the page content, then the given
/// annotations (built by the closure from the font and page ids).
fn doc_with(annots: impl FnOnce(&mut Document, ObjectId) -> Vec<Object>) -> (Document, ObjectId) {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let content = doc.add_object(Stream::new(
        dictionary! {},
        b"BT /F1 12 Tf 72 700 Td (So:) Tj ET".to_vec(),
    ));
    let list = annots(&mut doc, font);
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
        "Annots" => list,
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    (doc, page)
}

fn nums(v: &[f32]) -> Object {
    Object::Array(v.iter().map(|&n| Object::Real(n)).collect())
}

/// A form drawing `text` at (2, 4) in 10 pt; with the font in its own
/// resources unless `inherit`.
fn form(doc: &mut Document, font: ObjectId, bbox: &[f32], matrix: &[f32], text: &str) -> ObjectId {
    let content = format!("BT /F1 10 Tf 2 4 Td ({text}) Tj ET");
    doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Form", "BBox" => nums(bbox),
            "Matrix" => nums(matrix),
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
        },
        content.into_bytes(),
    ))
}

fn annot(doc: &mut Document, subtype: &str, flags: i64, rect: &[f32], ap: Object) -> Object {
    doc.add_object(dictionary! {
        "Type" => "Annot", "Subtype" => subtype, "F" => flags, "Rect" => nums(rect),
        "AP" => dictionary! { "N" => ap },
    })
    .into()
}

fn marks(doc: &Document, page: ObjectId) -> Marks {
    Interpreter::new(doc).page(page)
}

fn text(glyphs: &[PlacedGlyph]) -> String {
    glyphs.iter().map(|g| &*g.text).collect()
}

const ID: [f32; 6] = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// The glyphs, left to right, of a page drawing `content` under a "228"
/// stamp placed right of "So:" (a signing tool's number).
fn stamped_line(content: &[u8]) -> Vec<PlacedGlyph> {
    let (mut doc, page) = doc_with(|doc, font| {
        let f = form(doc, font, &[0.0, 0.0, 100.0, 20.0], &ID, "228");
        vec![annot(
            doc,
            "Widget",
            4,
            &[90.0, 696.0, 190.0, 716.0],
            f.into(),
        )]
    });
    let content = doc.add_object(Stream::new(dictionary! {}, content.to_vec()));
    if let Ok(Object::Dictionary(d)) = doc.get_object_mut(page) {
        d.set("Contents", content);
    }
    let mut glyphs = marks(&doc, page).glyphs;
    glyphs.sort_by(|a, b| a.x.total_cmp(&b.x));
    glyphs
}

#[test]
fn freetext_appearance_is_drawn_after_the_content_on_its_rect() {
    let (doc, page) = doc_with(|doc, font| {
        let f = form(doc, font, &[0.0, 0.0, 100.0, 20.0], &ID, "329");
        vec![annot(
            doc,
            "FreeText",
            4,
            &[100.0, 696.0, 200.0, 716.0],
            f.into(),
        )]
    });
    let m = marks(&doc, page);
    assert_eq!(text(&m.glyphs), "So:329");
    let three = &m.glyphs[3];
    assert_eq!((three.x, three.y, three.size), (102.0, 700.0, 10.0));
}

#[test]
fn form_matrix_then_fit_onto_rect() {
    let (doc, page) = doc_with(|doc, font| {
        // BBox 50×10 scaled by 2 → 100×20, fitted onto a 100×20 rect.
        let f = form(
            doc,
            font,
            &[0.0, 0.0, 50.0, 10.0],
            &[2.0, 0.0, 0.0, 2.0, 0.0, 0.0],
            "12",
        );
        // A rect twice as tall as the box: A scales y by 2.
        let g = form(doc, font, &[10.0, 10.0, 60.0, 30.0], &ID, "7");
        vec![
            annot(doc, "Widget", 4, &[300.0, 500.0, 400.0, 520.0], f.into()),
            annot(doc, "Widget", 0, &[300.0, 400.0, 350.0, 440.0], g.into()),
        ]
    });
    let m = marks(&doc, page);
    let one = m.glyphs.iter().find(|g| &*g.text == "1").unwrap();
    assert_eq!((one.x, one.y, one.size), (304.0, 508.0, 20.0));
    let seven = m.glyphs.iter().find(|g| &*g.text == "7").unwrap();
    // Form point (2, 4) → A: x = 300 + (2 − 10), y = 400 + (4 − 10) × 2.
    assert_eq!((seven.x, seven.y), (292.0, 388.0));
}

#[test]
fn hidden_noview_and_popups_are_not_drawn() {
    let (doc, page) = doc_with(|doc, font| {
        let r = [100.0, 600.0, 200.0, 620.0];
        let b = [0.0, 0.0, 100.0, 20.0];
        let hidden = form(doc, font, &b, &ID, "H");
        let no_view = form(doc, font, &b, &ID, "N");
        let popup = form(doc, font, &b, &ID, "P");
        let shown = form(doc, font, &b, &ID, "S");
        vec![
            annot(doc, "FreeText", 2, &r, hidden.into()),
            annot(doc, "FreeText", 32 | 4, &r, no_view.into()),
            annot(doc, "Popup", 0, &r, popup.into()),
            annot(doc, "FreeText", 4 | 128, &r, shown.into()),
        ]
    });
    assert_eq!(text(&marks(&doc, page).glyphs), "So:S");
}

#[test]
fn appearance_state_is_picked_by_as() {
    let (doc, page) = doc_with(|doc, font| {
        let b = [0.0, 0.0, 100.0, 20.0];
        let on = form(doc, font, &b, &ID, "ON");
        let off = form(doc, font, &b, &ID, "OFF");
        let states = dictionary! { "On" => on, "Off" => off };
        let a = annot(
            doc,
            "Widget",
            4,
            &[100.0, 600.0, 200.0, 620.0],
            states.clone().into(),
        );
        if let Object::Reference(id) = a {
            if let Ok(Object::Dictionary(d)) = doc.get_object_mut(id) {
                d.set("AS", Object::Name(b"Off".to_vec()));
            }
        }
        // Without /AS a dictionary of states draws nothing.
        let none = annot(
            doc,
            "Widget",
            4,
            &[100.0, 500.0, 200.0, 520.0],
            states.into(),
        );
        vec![a, none]
    });
    assert_eq!(text(&marks(&doc, page).glyphs), "So:OFF");
}

#[test]
fn cycles_degenerate_and_absurd_boxes_are_guarded() {
    let (doc, page) = doc_with(|doc, font| {
        let id = doc.new_object_id();
        let looping = Stream::new(
            dictionary! {
                "Type" => "XObject", "Subtype" => "Form",
                "BBox" => nums(&[0.0, 0.0, 10.0, 10.0]),
                "Resources" => dictionary! {
                    "Font" => dictionary! { "F1" => font },
                    "XObject" => dictionary! { "X" => id },
                },
            },
            b"BT /F1 5 Tf 0 0 Td (L) Tj ET /X Do".to_vec(),
        );
        doc.objects.insert(id, Object::Stream(looping));
        let flat = form(doc, font, &[0.0, 0.0, 0.0, 20.0], &ID, "Z");
        let huge = form(doc, font, &[0.0, 0.0, 1.0, 1.0], &ID, "B");
        vec![
            annot(doc, "Widget", 4, &[10.0, 10.0, 20.0, 20.0], id.into()),
            annot(doc, "Widget", 4, &[10.0, 10.0, 20.0, 20.0], flat.into()),
            annot(doc, "Widget", 4, &[0.0, 0.0, 5000.0, 5000.0], huge.into()),
            annot(doc, "Widget", 4, &[0.0, 0.0, 1.0e9, 1.0], huge.into()),
        ]
    });
    assert_eq!(text(&marks(&doc, page).glyphs), "So:L");
}

#[test]
fn blanks_under_a_stamp_are_dropped() {
    // The page leaves blanks after "So:" where the stamp lands.
    let t = text(&stamped_line(
        b"BT /F1 12 Tf 72 700 Td (So:          /BC) Tj ET",
    ));
    assert!(t.contains("228"), "{t:?}");
    assert!(t.starts_with("So:") && t.ends_with("/BC"), "{t:?}");
}

#[test]
fn a_short_stamp_a_bit_off_joins_the_line_beside_it() {
    let (doc, page) = doc_with(|doc, font| {
        // "12094" drawn 8 pt above the baseline of "So:" (y = 700).
        let near = form(doc, font, &[0.0, 0.0, 60.0, 20.0], &ID, "12094");
        // A long signature text is left where it is.
        let long = form(
            doc,
            font,
            &[0.0, 0.0, 200.0, 20.0],
            &ID,
            "Signed by Nguyen Van A",
        );
        vec![
            annot(doc, "Widget", 4, &[90.0, 704.0, 150.0, 724.0], near.into()),
            annot(doc, "Widget", 4, &[60.0, 686.0, 260.0, 706.0], long.into()),
        ]
    });
    let m = marks(&doc, page);
    let one = m.glyphs.iter().find(|g| &*g.text == "1").unwrap();
    assert_eq!(one.y, 700.0);
    let s = m.glyphs.iter().find(|g| &*g.text == "V").unwrap();
    assert_eq!(s.y, 690.0);
}

#[test]
fn text_printed_over_the_page_text_and_borders_are_left_out() {
    let (doc, page) = doc_with(|doc, font| {
        // "So:" is drawn at (72, 700) in 12 pt; "Sx" right over it.
        let over = form(doc, font, &[0.0, 0.0, 60.0, 20.0], &ID, "Sx");
        let boxed = doc.add_object(Stream::new(
            dictionary! {
                "Type" => "XObject", "Subtype" => "Form",
                "BBox" => nums(&[0.0, 0.0, 100.0, 20.0]),
            },
            b"0 0 100 20 re S".to_vec(),
        ));
        vec![
            annot(
                doc,
                "FreeText",
                4,
                &[70.0, 696.0, 130.0, 716.0],
                over.into(),
            ),
            annot(
                doc,
                "Widget",
                4,
                &[100.0, 100.0, 200.0, 120.0],
                boxed.into(),
            ),
        ]
    });
    let m = marks(&doc, page);
    assert_eq!(text(&m.glyphs), "So:");
    assert!(m.rules.is_empty());
}

#[test]
fn dots_left_for_a_stamp_are_blanks_under_it() {
    let t = text(&stamped_line(
        b"BT /F1 12 Tf 72 700 Td (So: .............../BC) Tj ET",
    ));
    assert!(t.contains("228") && !t.contains("2.2"), "{t:?}");
}

#[test]
fn annotations_of_a_layer_switched_off_are_not_drawn() {
    let (mut doc, page) = doc_with(|doc, font| {
        let b = [0.0, 0.0, 100.0, 20.0];
        let off = doc
            .add_object(dictionary! { "Type" => "OCG", "Name" => Object::string_literal("Off") });
        let on =
            doc.add_object(dictionary! { "Type" => "OCG", "Name" => Object::string_literal("On") });
        let hidden = form(doc, font, &b, &ID, "H");
        let shown = form(doc, font, &b, &ID, "S");
        let h = annot(
            doc,
            "Widget",
            4,
            &[100.0, 600.0, 200.0, 620.0],
            hidden.into(),
        );
        let s = annot(
            doc,
            "Widget",
            4,
            &[100.0, 500.0, 200.0, 520.0],
            shown.into(),
        );
        for (a, g) in [(&h, off), (&s, on)] {
            if let Object::Reference(id) = a {
                if let Ok(Object::Dictionary(d)) = doc.get_object_mut(*id) {
                    d.set("OC", g);
                }
            }
        }
        doc.trailer.set("OffGroup", off);
        vec![h, s]
    });
    let off = doc
        .trailer
        .get(b"OffGroup")
        .unwrap()
        .as_reference()
        .unwrap();
    let root = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
    if let Ok(Object::Dictionary(c)) = doc.get_object_mut(root) {
        c.set(
            "OCProperties",
            dictionary! { "D" => dictionary! { "OFF" => vec![off.into()] } },
        );
    }
    assert_eq!(text(&marks(&doc, page).glyphs), "So:S");
}

#[test]
fn a_date_stamp_restating_the_words_under_it_stands_for_them() {
    let (mut doc, page) = doc_with(|doc, font| {
        // "ngay" of the page starts at 72 + width("Hue, ") = 95.9.
        let f = form(
            doc,
            font,
            &[0.0, 0.0, 200.0, 20.0],
            &ID,
            "ngay 12 thang 3 nam 2025",
        );
        vec![annot(
            doc,
            "Widget",
            4,
            &[95.5, 696.0, 295.5, 716.0],
            f.into(),
        )]
    });
    let content = doc.add_object(Stream::new(
        dictionary! {},
        b"BT /F1 10 Tf 72 700 Td (Hue, ngay    thang 3 nam 2025) Tj ET".to_vec(),
    ));
    if let Ok(Object::Dictionary(d)) = doc.get_object_mut(page) {
        d.set("Contents", content);
    }
    let mut glyphs = marks(&doc, page).glyphs;
    glyphs.sort_by(|a, b| a.x.total_cmp(&b.x));
    let t = text(&glyphs)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(t, "Hue, ngay 12 thang 3 nam 2025");
}
