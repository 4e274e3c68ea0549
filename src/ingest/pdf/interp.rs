//! A text-positioning content-stream interpreter: follows the text state
//! and matrices (`BT`/`ET`, `Tf`, `Td`/`TD`/`Tm`/`T*`, `Tc`/`Tw`/`Tz`/`TL`/
//! `Ts`, `Tj`/`TJ`/`'`/`"`, `q`/`Q`/`cm`) through Form XObjects (with their
//! `/Matrix`, a depth guard and a cycle guard) and reports every glyph with
//! its position, size and font.

use super::content::{Operand, Ops};
use super::font::{Font, Glyph};
use super::stream::{self, DecodeError};
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;
use std::rc::Rc;

/// Deepest nesting of Form XObjects followed.
const MAX_FORM_DEPTH: usize = 12;
/// Largest decompressed content stream read.
const MAX_CONTENT_BYTES: usize = 64 * 1024 * 1024;

/// A glyph placed on the page (user space, y up).
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedGlyph {
    /// Left edge of the glyph origin.
    pub x: f32,
    /// Baseline.
    pub y: f32,
    /// Width in user space: the glyph's own advance, without the text
    /// state's character and word spacing.
    pub width: f32,
    /// Effective font size in user space.
    pub size: f32,
    /// Unicode text ("" when the font maps none).
    pub text: Rc<str>,
    /// Font name.
    pub font: Rc<str>,
    /// Direction the text runs in, degrees counter-clockwise from the page's
    /// x axis, to the nearest quarter turn (0, 90, 180, 270). Vertical
    /// writing runs at 270 (down the page).
    pub rotation: u16,
    /// The glyph is drawn mirrored (its up side is clockwise of its run).
    pub mirrored: bool,
    /// Advance of the font's space in user space (without the text state's
    /// spacing, which gaps between glyphs include): the scale for word gaps.
    pub space_width: f32,
    /// The text state's character spacing (`Tc`) in user space along the
    /// run: the part of the gap after this glyph that letter-spacing makes.
    pub char_spacing: f32,
    /// Which text-showing operator (`Tj`, `TJ`, `'`, `"`) of the document
    /// drew the glyph, counted from 1: glyphs shown together belong together
    /// (one table cell's text, even where it overflows the cell).
    pub show: u32,
    /// For a glyph of an OCR'd page: the confidence of its word, in
    /// [0, 100]; `None` for glyphs the file draws.
    pub confidence: Option<u8>,
}

/// A drawn ruling line (user space): horizontal or vertical.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    /// Start point.
    pub x0: f32,
    /// Start point.
    pub y0: f32,
    /// End point (`x1 >= x0`, `y1 >= y0`).
    pub x1: f32,
    /// End point.
    pub y1: f32,
}

impl Rule {
    /// True for a horizontal rule.
    pub fn is_horizontal(&self) -> bool {
        self.y1 - self.y0 <= RULE_THICKNESS
    }
}

/// Everything a page draws that the layout uses.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Marks {
    /// Glyphs in drawing order.
    pub glyphs: Vec<PlacedGlyph>,
    /// Ruling lines (table borders) in drawing order.
    pub rules: Vec<Rule>,
    /// Where images were drawn (user space): a scan is one covering the page.
    pub images: Vec<ImageArea>,
}

/// The box an image was drawn in (user space, `x1 >= x0`, `y1 >= y0`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ImageArea {
    /// Left edge.
    pub x0: f32,
    /// Bottom edge.
    pub y0: f32,
    /// Right edge.
    pub x1: f32,
    /// Top edge.
    pub y1: f32,
}

impl ImageArea {
    /// The unit square under `ctm`: where an image is drawn.
    fn under(ctm: &Matrix) -> ImageArea {
        let corners =
            [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)].map(|(x, y)| apply(ctm, x, y));
        let xs = corners.map(|c| c.0);
        let ys = corners.map(|c| c.1);
        let min = |v: [f32; 4]| v.into_iter().fold(f32::INFINITY, f32::min);
        let max = |v: [f32; 4]| v.into_iter().fold(f32::NEG_INFINITY, f32::max);
        ImageArea {
            x0: min(xs),
            y0: min(ys),
            x1: max(xs),
            y1: max(ys),
        }
    }

    /// Its area.
    pub fn area(&self) -> f32 {
        (self.x1 - self.x0).max(0.0) * (self.y1 - self.y0).max(0.0)
    }
}

/// Thickest stroke or filled bar taken as a ruling line.
const RULE_THICKNESS: f32 = 2.5;
/// Shortest ruling line kept.
const RULE_MIN_LENGTH: f32 = 4.0;

/// A ruling line from two corners, when the box is thin and long enough.
fn rule_from(ax: f32, ay: f32, bx: f32, by: f32) -> Option<Rule> {
    let (x0, x1) = (ax.min(bx), ax.max(bx));
    let (y0, y1) = (ay.min(by), ay.max(by));
    let (w, h) = (x1 - x0, y1 - y0);
    let thin_h = h <= RULE_THICKNESS && w >= RULE_MIN_LENGTH;
    let thin_v = w <= RULE_THICKNESS && h >= RULE_MIN_LENGTH;
    (thin_h || thin_v).then_some(Rule { x0, y0, x1, y1 })
}

fn apply(m: &Matrix, x: f32, y: f32) -> (f32, f32) {
    (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])
}

pub(super) type Matrix = [f32; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m × n`: first `m`, then `n`.
pub(super) fn mul(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    char_spacing: f32,
    word_spacing: f32,
    scale: f32,
    leading: f32,
    rise: f32,
    font: Option<Vec<u8>>,
    size: f32,
    /// The fill colour is white (the page's colour): a box filled with it
    /// (a cell's white shading, a highlight) draws no border.
    white_fill: bool,
}

impl Default for GState {
    fn default() -> Self {
        GState {
            ctm: IDENTITY,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
            font: None,
            size: 0.0,
            white_fill: false,
        }
    }
}

/// Interprets pages of one document, caching fonts.
pub struct Interpreter<'a> {
    doc: &'a Document,
    /// Streams (content, forms) whose bytes could not be decoded, in order.
    pub decode_errors: Vec<DecodeError>,
    /// Glyphs drawn whose font maps them to no Unicode text.
    pub unmapped_glyphs: usize,
    fonts: HashMap<ObjectId, Rc<Font>>,
    inline_fonts: HashMap<Vec<u8>, Rc<Font>>,
    content_text: bool,
    /// Text-showing operators met so far.
    shows: u32,
}

fn num(o: &Operand) -> f32 {
    o.number()
}

/// True when a fill colour operator sets white: gray 1, RGB 1 1 1, CMYK
/// 0 0 0 0 (`sc`/`scn` by their operand count; `cs` resets to black, a
/// pattern name is not white).
fn is_white(op: &[u8], a: &[Operand]) -> bool {
    let all = |want: f32| {
        !a.is_empty()
            && a.iter()
                .all(|o| matches!(o, Operand::Number(n) if (n - want).abs() < 0.01))
    };
    match (op, a.len()) {
        (b"g", 1) | (b"rg", 3) | (b"sc" | b"scn", 1 | 3) => all(1.0),
        (b"k", 4) | (b"sc" | b"scn", 4) => all(0.0),
        _ => false,
    }
}

/// A matrix from exactly six numbers.
fn matrix_from(mut n: impl ExactSizeIterator<Item = f32>) -> Option<Matrix> {
    (n.len() == 6).then(|| std::array::from_fn(|_| n.next().unwrap_or(0.0)))
}

/// The matrix operands of `cm` and `Tm`.
fn matrix_of(ops: &[Operand]) -> Option<Matrix> {
    matrix_from(ops.iter().map(num))
}

/// A form's `/Matrix` (an array of six numbers).
pub(super) fn matrix_of_objects(objects: &[Object]) -> Option<Matrix> {
    matrix_from(objects.iter().map(|o| o.as_float().unwrap_or(0.0)))
}

/// The path being built: candidate rules (user space), the edges of its
/// boxes (`re` wider than a bar), and the current point.
#[derive(Default)]
struct PathState {
    path: Vec<Rule>,
    boxes: Vec<Rule>,
    at: Option<(f32, f32)>,
}

impl PathState {
    /// Follows a path operator; false for any other operator.
    fn op(&mut self, op: &[u8], a: &[Operand], gs: &GState, out: &mut Marks) -> bool {
        match op {
            b"m" if a.len() == 2 => self.at = Some(apply(&gs.ctm, num(&a[0]), num(&a[1]))),
            b"l" if a.len() == 2 => {
                let p = apply(&gs.ctm, num(&a[0]), num(&a[1]));
                if let Some((x, y)) = self.at {
                    self.path.extend(rule_from(x, y, p.0, p.1));
                }
                self.at = Some(p);
            }
            b"re" if a.len() == 4 => self.rectangle(a, gs),
            b"S" | b"s" | b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*" => {
                out.rules.append(&mut self.path);
                // A box only filled white shows no edge.
                if matches!(op, b"f" | b"F" | b"f*") && gs.white_fill {
                    self.boxes.clear();
                }
                out.rules.append(&mut self.boxes);
                self.at = None;
            }
            b"n" => *self = PathState::default(),
            _ => return false,
        }
        true
    }

    /// `re`: a thin bar is a rule; a box gives its four edges.
    fn rectangle(&mut self, a: &[Operand], gs: &GState) {
        let (x, y, w, h) = (num(&a[0]), num(&a[1]), num(&a[2]), num(&a[3]));
        let (ax, ay) = apply(&gs.ctm, x, y);
        let (bx, by) = apply(&gs.ctm, x + w, y + h);
        match rule_from(ax, ay, bx, by) {
            Some(r) => self.path.push(r),
            None => {
                self.boxes.extend(rule_from(ax, ay, bx, ay));
                self.boxes.extend(rule_from(ax, by, bx, by));
                self.boxes.extend(rule_from(ax, ay, ax, by));
                self.boxes.extend(rule_from(bx, ay, bx, by));
            }
        }
    }
}

/// The text and text-line matrices.
struct TextState {
    tm: Matrix,
    tlm: Matrix,
}

impl Default for TextState {
    fn default() -> Self {
        TextState {
            tm: IDENTITY,
            tlm: IDENTITY,
        }
    }
}

impl TextState {
    /// Follows a text-state or text-positioning operator (the font and
    /// spacing into `gs`); false for any other operator.
    fn op(&mut self, op: &[u8], a: &[Operand], gs: &mut GState) -> bool {
        match op {
            b"BT" => *self = TextState::default(),
            b"Tf" if a.len() == 2 => {
                gs.font = a[0].name().map(<[u8]>::to_vec);
                gs.size = num(&a[1]);
            }
            b"Tc" if !a.is_empty() => gs.char_spacing = num(&a[0]),
            b"Tw" if !a.is_empty() => gs.word_spacing = num(&a[0]),
            b"Tz" if !a.is_empty() => gs.scale = num(&a[0]) / 100.0,
            b"TL" if !a.is_empty() => gs.leading = num(&a[0]),
            b"Ts" if !a.is_empty() => gs.rise = num(&a[0]),
            b"Td" | b"TD" if a.len() == 2 => {
                let (tx, ty) = (num(&a[0]), num(&a[1]));
                if op == b"TD" {
                    gs.leading = -ty;
                }
                self.move_line(tx, ty);
            }
            b"Tm" => {
                if let Some(m) = matrix_of(a) {
                    (self.tlm, self.tm) = (m, m);
                }
            }
            b"T*" => self.move_line(0.0, -gs.leading),
            _ => return false,
        }
        true
    }

    /// The next line's start, `(tx, ty)` from this one's.
    fn move_line(&mut self, tx: f32, ty: f32) {
        self.tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &self.tlm);
        self.tm = self.tlm;
    }

    /// What `'` and `"` do before showing their string: spacing (`"`),
    /// then the next line.
    fn before_show(&mut self, op: &[u8], a: &[Operand], gs: &mut GState) {
        if op == b"'" || op == b"\"" {
            if op == b"\"" && a.len() == 3 {
                gs.word_spacing = num(&a[0]);
                gs.char_spacing = num(&a[1]);
            }
            self.move_line(0.0, -gs.leading);
        }
    }
}

impl<'a> Interpreter<'a> {
    /// An interpreter over a loaded document.
    pub fn new(doc: &'a Document) -> Self {
        Interpreter {
            doc,
            decode_errors: Vec::new(),
            unmapped_glyphs: 0,
            shows: 0,
            fonts: HashMap::new(),
            inline_fonts: HashMap::new(),
            content_text: false,
        }
    }

    /// The document interpreted.
    pub(super) fn doc(&self) -> &'a Document {
        self.doc
    }

    /// Every glyph and ruling line of a page, annotation appearances last.
    pub fn page(&mut self, page: ObjectId) -> Marks {
        let content = self.page_content(page);
        let resources = page_resources(self.doc, page);
        let mut out = Marks::default();
        let mut seen = Vec::new();
        self.run(
            &content,
            &resources,
            GState::default(),
            0,
            &mut seen,
            &mut out,
        );
        drop_off_page(self.doc, page, &mut out);
        self.content_text |= out.glyphs.iter().any(|g| !g.text.trim().is_empty());
        super::annots::draw(self, page, &resources, &mut out);
        // A stamp placed off the page is not shown either.
        drop_off_page(self.doc, page, &mut out);
        out
    }

    /// True once a page's own content (not an annotation) drew text: a
    /// scan whose only text is a signature stamp still needs OCR.
    pub(super) fn saw_content_text(&self) -> bool {
        self.content_text
    }

    /// Draws the Form XObject `id` with `ctm` as the current matrix (its
    /// own `/Matrix` applied first), under the form depth and cycle guards;
    /// `resources` stand in when the form has none.
    pub(super) fn draw_form(
        &mut self,
        id: ObjectId,
        ctm: Matrix,
        resources: &Dictionary,
        out: &mut Marks,
    ) {
        let gs = GState {
            ctm,
            ..GState::default()
        };
        self.run_form(id, resources, &gs, 0, &mut Vec::new(), out);
    }

    /// The page's content streams decoded and joined; a stream that fails
    /// to decode is left out and recorded, never tokenised raw.
    fn page_content(&mut self, page: ObjectId) -> Vec<u8> {
        let mut content = Vec::new();
        for id in self.doc.get_page_contents(page) {
            let Ok(stream) = self.doc.get_object(id).and_then(Object::as_stream) else {
                continue;
            };
            let budget = MAX_CONTENT_BYTES.saturating_sub(content.len());
            match stream::decode(self.doc, stream, budget) {
                Ok(bytes) => {
                    content.extend_from_slice(&bytes);
                    content.push(b'\n');
                }
                Err(e) => self.decode_errors.push(e),
            }
        }
        content
    }

    fn font(&mut self, resources: &Dictionary, name: &[u8]) -> Option<&Rc<Font>> {
        let fonts = resources
            .get(b"Font")
            .ok()
            .and_then(|o| self.doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_dict().ok())?;
        let entry = fonts.get(name).ok()?;
        match entry {
            Object::Reference(id) => {
                if !self.fonts.contains_key(id) {
                    let dict = self.doc.get_dictionary(*id).ok()?;
                    self.fonts.insert(*id, Rc::new(Font::load(self.doc, dict)));
                }
                self.fonts.get(id)
            }
            Object::Dictionary(d) => {
                if !self.inline_fonts.contains_key(name) {
                    self.inline_fonts
                        .insert(name.to_vec(), Rc::new(Font::load(self.doc, d)));
                }
                self.inline_fonts.get(name)
            }
            _ => None,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn run(
        &mut self,
        content: &[u8],
        resources: &Dictionary,
        start: GState,
        depth: usize,
        seen: &mut Vec<ObjectId>,
        out: &mut Marks,
    ) {
        let mut gs = start;
        let mut stack: Vec<GState> = Vec::new();
        let mut path = PathState::default();
        let mut text = TextState::default();
        Ops::new(content).for_each(|op, a| {
            if path.op(op, a, &gs, out) || text.op(op, a, &mut gs) {
                return;
            }
            match op {
                b"g" | b"rg" | b"k" | b"sc" | b"scn" | b"cs" => gs.white_fill = is_white(op, a),
                b"q" => stack.push(gs.clone()),
                b"Q" => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                    }
                }
                b"cm" => {
                    if let Some(m) = matrix_of(a) {
                        gs.ctm = mul(&m, &gs.ctm);
                    }
                }
                b"Tj" | b"'" | b"\"" | b"TJ" => {
                    text.before_show(op, a, &mut gs);
                    let items: Vec<&Operand> = match (op, a.last()) {
                        (b"TJ", Some(Operand::Array(arr))) => arr.iter().collect(),
                        (_, Some(o)) => vec![o],
                        _ => Vec::new(),
                    };
                    self.show(resources, &gs, &mut text.tm, &items, out);
                }
                b"BI" => out.images.push(ImageArea::under(&gs.ctm)),
                b"Do" if depth < MAX_FORM_DEPTH => {
                    if let Some(name) = a.first().and_then(Operand::name) {
                        self.form(resources, name, &gs, depth, seen, out);
                    }
                }
                _ => {}
            }
        });
    }

    fn show(
        &mut self,
        resources: &Dictionary,
        gs: &GState,
        tm: &mut Matrix,
        items: &[&Operand],
        out: &mut Marks,
    ) {
        let Some(name) = gs.font.clone() else { return };
        let Some(font) = self.font(resources, &name).cloned() else {
            return;
        };
        self.shows = self.shows.saturating_add(1);
        for item in items {
            match item {
                Operand::Str(bytes) => {
                    for g in font.decode(bytes) {
                        self.unmapped_glyphs += usize::from(g.text.is_empty());
                        self.place(&font, gs, tm, g, out);
                    }
                }
                other => {
                    let adjust = -num(other) / 1000.0 * gs.size;
                    let shift = if font.vertical {
                        [1.0, 0.0, 0.0, 1.0, 0.0, adjust]
                    } else {
                        [1.0, 0.0, 0.0, 1.0, adjust * gs.scale, 0.0]
                    };
                    *tm = mul(&shift, tm);
                }
            }
        }
    }

    /// Places one glyph at the text matrix and advances it.
    fn place(&self, font: &Font, gs: &GState, tm: &mut Matrix, g: Glyph, out: &mut Marks) {
        let trm = mul(
            &mul(&[gs.size * gs.scale, 0.0, 0.0, gs.size, 0.0, gs.rise], tm),
            &gs.ctm,
        );
        let spacing = gs.char_spacing + if g.is_space { gs.word_spacing } else { 0.0 };
        let user = mul(tm, &gs.ctm);
        let size = (trm[2] * trm[2] + trm[3] * trm[3]).sqrt();
        let (advance, along, flow) = if font.vertical {
            // Vertical writing: one em down per glyph (the default `DW2`).
            let ty = -(gs.size + spacing);
            let y_scale = (user[2] * user[2] + user[3] * user[3]).sqrt();
            (
                [1.0, 0.0, 0.0, 1.0, 0.0, ty],
                -ty * y_scale,
                (-trm[2], -trm[3]),
            )
        } else {
            let own = g.width / 1000.0 * gs.size * gs.scale;
            let tx = own + spacing * gs.scale;
            let x_scale = (user[0] * user[0] + user[1] * user[1]).sqrt();
            // The glyph's extent leaves out character and word spacing (as
            // poppler does): letter-spaced dot leaders are separate words.
            (
                [1.0, 0.0, 0.0, 1.0, tx, 0.0],
                own * x_scale,
                (trm[0], trm[1]),
            )
        };
        let x_scale = (user[0] * user[0] + user[1] * user[1]).sqrt();
        let space = font.space_width / 1000.0 * gs.size * gs.scale * x_scale;
        let det = trm[0] * trm[3] - trm[1] * trm[2];
        out.glyphs.push(PlacedGlyph {
            x: trm[4],
            y: trm[5],
            width: along,
            size,
            text: g.text,
            font: font.name.clone(),
            rotation: quarter_turns(flow.0, flow.1),
            mirrored: det < 0.0 && !font.vertical,
            space_width: space,
            char_spacing: gs.char_spacing * gs.scale * x_scale,
            show: self.shows,
            confidence: None,
        });
        *tm = mul(&advance, tm);
    }

    fn form(
        &mut self,
        resources: &Dictionary,
        name: &[u8],
        gs: &GState,
        depth: usize,
        seen: &mut Vec<ObjectId>,
        out: &mut Marks,
    ) {
        let Some(xobjects) = resources
            .get(b"XObject")
            .ok()
            .and_then(|o| self.doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_dict().ok())
        else {
            return;
        };
        let Ok(Object::Reference(id)) = xobjects.get(name) else {
            return;
        };
        self.run_form(*id, resources, gs, depth, seen, out);
    }

    #[allow(clippy::too_many_arguments)]
    fn run_form(
        &mut self,
        id: ObjectId,
        resources: &Dictionary,
        gs: &GState,
        depth: usize,
        seen: &mut Vec<ObjectId>,
        out: &mut Marks,
    ) {
        if seen.contains(&id) || depth >= MAX_FORM_DEPTH {
            return;
        }
        let Ok(stream) = self.doc.get_object(id).and_then(|o| o.as_stream()) else {
            return;
        };
        match stream
            .dict
            .get(b"Subtype")
            .ok()
            .and_then(|o| o.as_name().ok())
        {
            Some(b"Form") => {}
            Some(b"Image") => return out.images.push(ImageArea::under(&gs.ctm)),
            _ => return,
        }
        let content = match stream::decode(self.doc, stream, MAX_CONTENT_BYTES) {
            Ok(c) => c,
            Err(e) => {
                self.decode_errors.push(e);
                return;
            }
        };
        let own = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|o| self.doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_dict().ok())
            .cloned()
            .unwrap_or_else(|| resources.clone());
        let mut inner = gs.clone();
        if let Some(m) = stream
            .dict
            .get(b"Matrix")
            .ok()
            .and_then(|o| o.as_array().ok())
            .and_then(|a| matrix_of_objects(a))
        {
            inner.ctm = mul(&m, &gs.ctm);
        }
        seen.push(id);
        self.run(&content, &own, inner, depth + 1, seen, out);
        seen.pop();
    }
}

/// The page's `/MediaBox` (inherited) as (x0, y0, x1, y1): poppler reads
/// text within it, cropped or not.
pub(super) fn page_box(doc: &Document, page: ObjectId) -> Option<[f32; 4]> {
    let mut dict = doc.get_dictionary(page).ok()?;
    for _ in 0..MAX_FORM_DEPTH * 4 {
        let found = [b"MediaBox".as_slice()].iter().find_map(|key| {
            let a = doc
                .dereference(dict.get(key).ok()?)
                .ok()?
                .1
                .as_array()
                .ok()?;
            let n: Vec<f32> = a
                .iter()
                .filter_map(|o| doc.dereference(o).ok()?.1.as_float().ok())
                .collect();
            (n.len() == 4).then(|| {
                [
                    n[0].min(n[2]),
                    n[1].min(n[3]),
                    n[0].max(n[2]),
                    n[1].max(n[3]),
                ]
            })
        });
        if found.is_some() {
            return found;
        }
        dict = doc
            .get_dictionary(dict.get(b"Parent").ok()?.as_reference().ok()?)
            .ok()?;
    }
    None
}

/// Leaves out glyphs drawn outside the page's media box (by more than
/// their size), as poppler does: text parked off the page is not read.
fn drop_off_page(doc: &Document, page: ObjectId, marks: &mut Marks) {
    let Some([x0, y0, x1, y1]) = page_box(doc, page) else {
        return;
    };
    if !(x1 > x0 && y1 > y0) {
        return;
    }
    marks.glyphs.retain(|g| {
        let m = g.size.abs().max(g.width.abs()).min(1000.0);
        !(g.x < x0 - m || g.x > x1 + m || g.y < y0 - m || g.y > y1 + m)
    });
}

/// The direction of a vector to the nearest quarter turn, in degrees.
fn quarter_turns(dx: f32, dy: f32) -> u16 {
    if dx.abs() >= dy.abs() {
        if dx >= 0.0 {
            0
        } else {
            180
        }
    } else if dy > 0.0 {
        90
    } else {
        270
    }
}

/// The page's resources, merged from the page and its ancestors.
fn page_resources(doc: &Document, page: ObjectId) -> Dictionary {
    let mut merged = Dictionary::new();
    if let Ok((own, inherited)) = doc.get_page_resources(page) {
        let dicts = own.into_iter().chain(
            inherited
                .iter()
                .filter_map(|id| doc.get_dictionary(*id).ok()),
        );
        for d in dicts {
            for (k, v) in d.iter() {
                if !merged.has(k) {
                    merged.set(k.clone(), v.clone());
                }
            }
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{dictionary, Stream};

    #[test]
    fn white_fill_colours() {
        let n = |v: &[f32]| v.iter().map(|&x| Operand::Number(x)).collect::<Vec<_>>();
        assert!(is_white(b"g", &n(&[1.0])));
        assert!(is_white(b"rg", &n(&[1.0, 1.0, 1.0])));
        assert!(is_white(b"k", &n(&[0.0, 0.0, 0.0, 0.0])));
        assert!(
            !is_white(b"rg", &n(&[0.78, 0.85, 0.95])),
            "a light blue cell"
        );
        assert!(!is_white(b"g", &n(&[0.0])));
        assert!(!is_white(
            b"cs",
            &[Operand::Name(b"DeviceRGB".as_slice().into())]
        ));
    }

    /// A one-page document drawing `content` with font F1 (`font`).
    fn page_of(font: Dictionary, content: &str) -> Marks {
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let font = doc.add_object(font);
        let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
        let content = doc.add_object(Stream::new(dictionary! {}, content.as_bytes().to_vec()));
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content, "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(
                dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
            ),
        );
        Interpreter::new(&doc).page(page)
    }

    fn helvetica() -> Dictionary {
        dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" }
    }

    #[test]
    fn rotated_and_mirrored_runs() {
        let m = page_of(helvetica(), "BT /F1 10 Tf 0 1 -1 0 100 100 Tm (ab) Tj ET");
        assert!(m.glyphs.iter().all(|g| g.rotation == 90 && !g.mirrored));
        assert!(m.glyphs[1].y > m.glyphs[0].y, "runs up the page");
        let m = page_of(helvetica(), "BT /F1 10 Tf -1 0 0 1 300 100 Tm (ab) Tj ET");
        assert!(m.glyphs.iter().all(|g| g.rotation == 180 && g.mirrored));
    }

    #[test]
    fn widths_leave_out_character_spacing() {
        let m = page_of(helvetica(), "BT /F1 10 Tf 2 Tc 100 100 Td (ab) Tj ET");
        let (a, b) = (&m.glyphs[0], &m.glyphs[1]);
        assert!((a.width - 5.56).abs() < 0.01, "Helvetica's a is 556 wide");
        assert!((b.x - a.x - a.width - 2.0).abs() < 0.01, "Tc is in the gap");
        assert!((a.char_spacing - 2.0).abs() < 0.01);
        assert!((a.space_width - 2.78).abs() < 0.01);
    }

    #[test]
    fn vertical_writing_runs_down_the_page() {
        let font = dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "Mincho",
            "Encoding" => "Identity-V", "ToUnicode" => "Identity-H",
            "DescendantFonts" => vec![Object::Dictionary(dictionary! {
                "Type" => "Font", "Subtype" => "CIDFontType0", "BaseFont" => "Mincho",
            })],
        };
        let m = page_of(font, "BT /F1 10 Tf 300 700 Td <3042304430463048> Tj ET");
        let text: String = m.glyphs.iter().map(|g| &*g.text).collect();
        assert_eq!(text, "あいうえ");
        assert!(m.glyphs.iter().all(|g| g.rotation == 270));
        assert!(
            (m.glyphs[0].y - m.glyphs[1].y - 10.0).abs() < 0.01,
            "one em down"
        );
    }

    #[test]
    fn text_off_the_media_box_is_left_out() {
        let m = page_of(
            helvetica(),
            "BT /F1 10 Tf 100 100 Td (in) Tj 0 5000 Td (out) Tj ET",
        );
        let text: String = m.glyphs.iter().map(|g| &*g.text).collect();
        assert_eq!(text, "in");
    }

    #[test]
    fn a_box_filled_white_draws_no_border() {
        // A cell's white shading inset in its borders (Word), a stroked box,
        // and a box filled with a colour (a coloured table's cell).
        let m = page_of(helvetica(), "1 g 100 100 50 20 re f");
        assert!(m.rules.is_empty());
        let m = page_of(helvetica(), "1 g 100 100 50 20 re S");
        assert_eq!(m.rules.len(), 4);
        let m = page_of(helvetica(), "q 1 g Q 0.78 0.85 0.95 rg 100 100 50 20 re f");
        assert_eq!(m.rules.len(), 4);
        let m = page_of(helvetica(), "1 1 1 rg 100 100 50 0.5 re f");
        assert_eq!(m.rules.len(), 1, "a thin bar is a rule whatever its colour");
    }
}
