//! Annotation appearances, drawn after the page content as poppler does:
//! signing tools stamp a document's number and day as the normal
//! appearance (`/AP /N`) of signature widgets or FreeText annotations.
//!
//! Hidden and NoView annotations (`/F` bits 2 and 6) and Popups are
//! skipped; a dictionary of appearance states is resolved by `/AS`. The form
//! is placed by PDF 32000 §12.5.5: its `/BBox` transformed by its `/Matrix`
//! is fitted onto `/Rect` (matrix A) and the form drawn with `Matrix × A`.
//!
//! So that a stamp reads as part of its line: the page's blanks and dots
//! under it are dropped ("Số: 2 2 8" would otherwise interleave), a short
//! one-line stamp a bit off the line beside it is moved onto that line, a
//! short stamp restating the words under it stands for them, and other
//! text printed over the page's text is left out. Annotation
//! borders are no table rulings.

use super::interp::{matrix_of_objects, mul, Interpreter, Marks, Matrix, PlacedGlyph};
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::rc::Rc;

/// Most annotations drawn on one page.
const MAX_ANNOTS: usize = 500;
/// Largest coordinate (absolute) of a `/Rect` or `/BBox` taken as sane.
const MAX_COORD: f32 = 1.0e5;
/// Largest scale factor of matrix A (either axis).
const MAX_SCALE: f32 = 1.0e3;
/// `/F` bits: Hidden (2) and NoView (6).
const HIDDEN_OR_NO_VIEW: i64 = (1 << 1) | (1 << 5);

/// Draws the appearance of every visible annotation of `page` into `out`.
pub(super) fn draw(
    interp: &mut Interpreter<'_>,
    page: ObjectId,
    resources: &Dictionary,
    out: &mut Marks,
) {
    let doc = interp.doc();
    let Ok(page_dict) = doc.get_dictionary(page) else {
        return;
    };
    let Some(annots) = page_dict
        .get(b"Annots")
        .ok()
        .and_then(|o| resolve(doc, o))
        .and_then(|o| o.as_array().ok())
    else {
        return;
    };
    let forms: Vec<(ObjectId, Matrix)> = annots
        .iter()
        .take(MAX_ANNOTS)
        .filter_map(|a| resolve(doc, a).and_then(|o| o.as_dict().ok()))
        .filter_map(|a| placed_appearance(doc, a))
        .collect();
    let (first, rules) = (out.glyphs.len(), out.rules.len());
    let mut budget = OVERPRINT_BUDGET;
    for (id, a) in forms {
        let start = out.glyphs.len();
        interp.draw_form(id, a, resources, out);
        snap_to_line(out, first, start);
        match overprint(out, first, start, &mut budget) {
            Overprint::No => {}
            Overprint::Covers => out.glyphs.truncate(start),
            // The stamp's words stand for the page's under it.
            Overprint::Restates(under) => {
                for i in under {
                    if let Some(g) = out.glyphs.get_mut(i) {
                        g.text = Rc::from("");
                    }
                }
            }
        }
    }
    // Borders of widgets and stamps are no table rulings.
    out.rules.truncate(rules);
    drop_covered_blanks(out, first);
}

/// Most glyph pairs compared on a page to find overprinting annotations.
const OVERPRINT_BUDGET: usize = 20_000_000;
/// Share of an annotation's glyphs over the page's text that makes it an
/// overprint.
const OVERPRINT_SHARE: f32 = 0.5;
/// Share of the narrower glyph two glyphs must overlap by.
const GLYPH_OVERLAP: f32 = 0.3;

/// How an annotation's glyphs lie over the page's text.
enum Overprint {
    /// On blanks or beside the text.
    No,
    /// A short stamp over words it restates ("ngày 12 tháng 3 năm 2025"
    /// over "ngày    tháng 3 năm 2025"): the page's glyphs under it.
    Restates(Vec<usize>),
    /// Other text printed over the page's text.
    Covers,
}

/// How the annotation drawn from `start` on lies over the page's inked
/// glyphs (before `first`). Text over text ("PDF file" across "Dummy PDF
/// file") would interleave letter by letter with it: it [`Overprint::Covers`]
/// when most of its glyphs lie over the page's. Once `budget` comparisons
/// are spent, annotations are taken as lying on blanks.
fn overprint(out: &Marks, first: usize, start: usize, budget: &mut usize) -> Overprint {
    let page: Vec<(usize, &PlacedGlyph)> = out.glyphs[..first]
        .iter()
        .enumerate()
        .filter(|(_, g)| inked(g))
        .collect();
    let stamp: Vec<&PlacedGlyph> = out.glyphs[start..].iter().filter(|g| inked(g)).collect();
    let cost = page.len().saturating_mul(stamp.len());
    if stamp.is_empty() || cost > *budget {
        return Overprint::No;
    }
    *budget -= cost;
    let over = |s: &PlacedGlyph, g: &PlacedGlyph| {
        let overlap = (s.x + s.width).min(g.x + g.width) - s.x.max(g.x);
        (s.y - g.y).abs() < SAME_BASELINE * s.size.max(g.size)
            && overlap > GLYPH_OVERLAP * s.width.min(g.width)
    };
    let over_text = stamp
        .iter()
        .filter(|s| page.iter().any(|(_, g)| over(s, g)))
        .count();
    if over_text == 0 {
        return Overprint::No;
    }
    // The page's glyphs within the stamp's span, on its baseline.
    let x0 = stamp.iter().map(|g| g.x).fold(f32::INFINITY, f32::min);
    let x1 = stamp
        .iter()
        .map(|g| g.x + g.width)
        .fold(f32::NEG_INFINITY, f32::max);
    let (y, size) = (stamp[0].y, stamp.iter().map(|g| g.size).fold(0.0, f32::max));
    let one_line = stamp.iter().all(|g| (g.y - y).abs() < SAME_BASELINE * size);
    let under: Vec<usize> = page
        .iter()
        .filter(|(_, g)| {
            let mid = g.x + g.width / 2.0;
            (g.y - y).abs() < SAME_BASELINE * size.max(g.size) && x0 <= mid && mid <= x1
        })
        .map(|(i, _)| *i)
        .collect();
    if one_line && stamp.len() <= MAX_SNAPPED_CHARS && restates(&stamp, &under, out) {
        Overprint::Restates(under)
    } else if over_text as f32 > OVERPRINT_SHARE * stamp.len() as f32 {
        Overprint::Covers
    } else {
        Overprint::No
    }
}

/// True when every page glyph `under` the stamp is one of the stamp's own
/// letters (each letter used once).
fn restates(stamp: &[&PlacedGlyph], under: &[usize], out: &Marks) -> bool {
    let mut letters: Vec<&str> = stamp.iter().map(|g| &*g.text).collect();
    under.iter().all(|&i| {
        let text = out.glyphs.get(i).map(|g| &*g.text);
        match letters.iter().position(|t| Some(*t) == text) {
            Some(p) => {
                letters.swap_remove(p);
                true
            }
            None => false,
        }
    })
}

/// Longest stamp (inked characters) moved onto a neighbouring line or
/// standing for the page's words under it ("ngày 12 tháng 3 năm 2025").
const MAX_SNAPPED_CHARS: usize = 32;
/// Farthest a stamp's baseline is moved (share of the font size).
const SNAP_DISTANCE: f32 = 1.0;
/// How far beside the stamp a line's glyph may end (share of the size).
const SNAP_REACH: f32 = 2.0;

/// Moves a short one-line stamp (the glyphs from `start` on) a bit off
/// the page's line beside it ("12094" drawn half a line above "Số:
/// /BNV-CCHC") onto that line's baseline, so it joins the line. The
/// page's glyphs are those before `first`.
fn snap_to_line(out: &mut Marks, first: usize, start: usize) {
    let stamp: Vec<&PlacedGlyph> = out.glyphs[start..].iter().filter(|g| inked(g)).collect();
    let Some(head) = stamp.first() else { return };
    let size = stamp.iter().map(|g| g.size).fold(0.0, f32::max);
    let chars: usize = stamp.iter().map(|g| g.text.chars().count()).sum();
    if chars > MAX_SNAPPED_CHARS || stamp.iter().any(|g| (g.y - head.y).abs() > 1.0) {
        return;
    }
    let x0 = stamp.iter().map(|g| g.x).fold(f32::INFINITY, f32::min);
    let x1 = stamp
        .iter()
        .map(|g| g.x + g.width)
        .fold(f32::NEG_INFINITY, f32::max);
    let y = head.y;
    let nearest = out.glyphs[..first]
        .iter()
        .filter(|g| inked(g))
        .filter(|g| {
            let reach = SNAP_REACH * size.max(g.size);
            g.x < x1 + reach && x0 - reach < g.x + g.width
        })
        .map(|g| g.y - y)
        .filter(|dy| dy.abs() < SNAP_DISTANCE * size)
        .min_by(|a, b| a.abs().total_cmp(&b.abs()));
    // Already on a line (as the line grouping reads it): leave it.
    if let Some(dy) = nearest.filter(|dy| dy.abs() >= SAME_BASELINE * size) {
        for g in &mut out.glyphs[start..] {
            g.y += dy;
        }
    }
}

/// Most stamp glyphs compared with the page's blanks.
const MAX_STAMP_GLYPHS: usize = 2000;
/// Baselines closer than this share a line (share of the font size).
const SAME_BASELINE: f32 = 0.5;

/// True for a glyph with ink that is no blank filler: not a space, nor the
/// dots and rules a form leaves for a stamp ("Số: ......./BC-UBND").
fn inked(g: &PlacedGlyph) -> bool {
    g.size > 0.0
        && g.text
            .chars()
            .any(|c| !c.is_whitespace() && !matches!(c, '.' | '…' | '_'))
}

/// Drops the page's blank fillers (spaces, dots; index below `first`) that
/// an annotation's inked glyph covers on the same baseline: a form left
/// "Số:      /BC-UBND" blank for the stamp, whose digits would otherwise
/// interleave with the blanks ("2 2 8").
fn drop_covered_blanks(out: &mut Marks, first: usize) {
    let stamps: Vec<&PlacedGlyph> = out.glyphs[first..]
        .iter()
        .filter(|g| inked(g))
        .take(MAX_STAMP_GLYPHS)
        .collect();
    let blanks = out.glyphs[..first].iter().filter(|g| !inked(g)).count();
    if stamps.is_empty() || blanks.saturating_mul(stamps.len()) > OVERPRINT_BUDGET {
        return;
    }
    let covered = |g: &PlacedGlyph| {
        !inked(g)
            && stamps.iter().any(|s| {
                (g.y - s.y).abs() < SAME_BASELINE * g.size.max(s.size)
                    && g.x < s.x + s.width
                    && s.x < g.x + g.width
            })
    };
    let drop: Vec<bool> = out.glyphs[..first].iter().map(covered).collect();
    let mut i = 0;
    out.glyphs.retain(|_| {
        i += 1;
        !drop.get(i - 1).copied().unwrap_or(false)
    });
}

/// An object with one level of reference followed.
fn resolve<'d>(doc: &'d Document, o: &'d Object) -> Option<&'d Object> {
    doc.dereference(o).ok().map(|(_, o)| o)
}

/// The normal appearance form of a visible annotation and its matrix A.
fn placed_appearance(doc: &Document, annot: &Dictionary) -> Option<(ObjectId, Matrix)> {
    if !visible(doc, annot) {
        return None;
    }
    let id = normal_appearance(doc, annot)?;
    let form = doc.get_object(id).ok()?.as_stream().ok()?;
    let rect = rect_of(doc, annot.get(b"Rect").ok()?)?;
    let bbox = rect_of(doc, form.dict.get(b"BBox").ok()?)?;
    let matrix = form
        .dict
        .get(b"Matrix")
        .ok()
        .and_then(|o| resolve(doc, o))
        .and_then(|o| o.as_array().ok())
        .and_then(|a| matrix_of_objects(a))
        .unwrap_or([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
    Some((id, fit(bbox, &matrix, rect)?))
}

/// False for Popups and annotations flagged Hidden or NoView.
fn visible(doc: &Document, annot: &Dictionary) -> bool {
    let subtype = annot
        .get(b"Subtype")
        .ok()
        .and_then(|o| resolve(doc, o))
        .and_then(|o| o.as_name().ok());
    let flags = annot
        .get(b"F")
        .ok()
        .and_then(|o| resolve(doc, o))
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(0);
    subtype != Some(b"Popup") && flags & HIDDEN_OR_NO_VIEW == 0 && !switched_off(doc, annot)
}

/// True when the annotation's optional content (`/OC`: a group, or a
/// membership dictionary of groups, visible when any is on) is off in the
/// document's default configuration (`/OCProperties /D /OFF`).
fn switched_off(doc: &Document, annot: &Dictionary) -> bool {
    let Ok(Object::Reference(oc)) = annot.get(b"OC") else {
        return false;
    };
    let off: Vec<ObjectId> = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"OCProperties").ok())
        .and_then(|o| resolve(doc, o)?.as_dict().ok())
        .and_then(|p| resolve(doc, p.get(b"D").ok()?)?.as_dict().ok())
        .and_then(|d| resolve(doc, d.get(b"OFF").ok()?)?.as_array().ok())
        .map(|a| a.iter().filter_map(|o| o.as_reference().ok()).collect())
        .unwrap_or_default();
    if off.is_empty() {
        return false;
    }
    let groups: Vec<ObjectId> = doc
        .get_dictionary(*oc)
        .ok()
        .and_then(|d| d.get(b"OCGs").ok())
        .map(|o| match resolve(doc, o) {
            Some(Object::Array(a)) => a.iter().filter_map(|o| o.as_reference().ok()).collect(),
            Some(_) => o.as_reference().ok().into_iter().collect(),
            None => Vec::new(),
        })
        .unwrap_or_else(|| vec![*oc]);
    !groups.is_empty() && groups.iter().all(|g| off.contains(g))
}

/// The object id of `/AP /N`: the stream itself, or the state `/AS` names.
fn normal_appearance(doc: &Document, annot: &Dictionary) -> Option<ObjectId> {
    let ap = resolve(doc, annot.get(b"AP").ok()?)?.as_dict().ok()?;
    match ap.get(b"N").ok()? {
        Object::Reference(id) => match doc.get_object(*id).ok()? {
            Object::Stream(_) => Some(*id),
            Object::Dictionary(states) => state(doc, annot, states),
            _ => None,
        },
        Object::Dictionary(states) => state(doc, annot, states),
        _ => None,
    }
}

/// The appearance stream of the state `/AS` names.
fn state(doc: &Document, annot: &Dictionary, states: &Dictionary) -> Option<ObjectId> {
    let name = resolve(doc, annot.get(b"AS").ok()?)?.as_name().ok()?;
    match states.get(name).ok()? {
        Object::Reference(id) => Some(*id),
        _ => None,
    }
}

/// A rectangle `[x0 y0 x1 y1]` normalised to `x0 <= x1`, `y0 <= y1`; `None`
/// when not four sane numbers.
fn rect_of(doc: &Document, o: &Object) -> Option<[f32; 4]> {
    let a = resolve(doc, o)?.as_array().ok()?;
    if a.len() != 4 {
        return None;
    }
    let mut v = [0.0f32; 4];
    for (slot, o) in v.iter_mut().zip(a) {
        let n = resolve(doc, o)?.as_float().ok()?;
        if !n.is_finite() || n.abs() > MAX_COORD {
            return None;
        }
        *slot = n;
    }
    Some([
        v[0].min(v[2]),
        v[1].min(v[3]),
        v[0].max(v[2]),
        v[1].max(v[3]),
    ])
}

/// Matrix A of §12.5.5: maps the bounding box of `bbox` transformed by
/// `matrix` onto `rect`. `None` for a degenerate box or an absurd scale.
fn fit(bbox: [f32; 4], matrix: &Matrix, rect: [f32; 4]) -> Option<Matrix> {
    let corners = [
        (bbox[0], bbox[1]),
        (bbox[2], bbox[1]),
        (bbox[0], bbox[3]),
        (bbox[2], bbox[3]),
    ];
    let points: Vec<(f32, f32)> = corners
        .iter()
        .map(|&(x, y)| {
            let p = mul(&[1.0, 0.0, 0.0, 1.0, x, y], matrix);
            (p[4], p[5])
        })
        .collect();
    let x0 = points.iter().map(|p| p.0).fold(f32::INFINITY, f32::min);
    let x1 = points.iter().map(|p| p.0).fold(f32::NEG_INFINITY, f32::max);
    let y0 = points.iter().map(|p| p.1).fold(f32::INFINITY, f32::min);
    let y1 = points.iter().map(|p| p.1).fold(f32::NEG_INFINITY, f32::max);
    let (w, h) = (x1 - x0, y1 - y0);
    if !(w > 0.0 && h > 0.0) {
        return None;
    }
    let sx = (rect[2] - rect[0]) / w;
    let sy = (rect[3] - rect[1]) / h;
    let sane = |s: f32| s.is_finite() && s > 0.0 && s <= MAX_SCALE;
    (sane(sx) && sane(sy)).then_some([sx, 0.0, 0.0, sy, rect[0] - x0 * sx, rect[1] - y0 * sy])
}

#[cfg(test)]
mod tests;
