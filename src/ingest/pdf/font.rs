//! Font decoding for text extraction: byte codes → Unicode text and glyph
//! widths. ToUnicode CMaps first, then the font's encoding (WinAnsi, with
//! `/Differences` as glyph names); CID fonts with their `W` arrays, including
//! the range form `c_first c_last w`.

use lopdf::{Dictionary, Document, Object};
use std::collections::HashMap;
use std::rc::Rc;

/// How a font turns bytes into glyphs.
#[derive(Debug, Clone, Default)]
pub struct Font {
    /// Base font name (`/BaseFont`), subset prefix kept ("ABCDEF+.VnTime").
    pub name: Rc<str>,
    /// Two-byte codes (Type0 fonts with Identity encodings).
    pub two_byte: bool,
    /// Vertical writing (a Type0 font with a `-V` CMap).
    pub vertical: bool,
    /// Advance of the space (thousandths of the font size).
    pub space_width: f32,
    /// Code → Unicode text.
    to_unicode: HashMap<u32, Rc<str>>,
    /// Code → width in glyph space (thousandths of the font size).
    widths: HashMap<u32, f32>,
    /// Width of codes missing from `widths`.
    default_width: f32,
    /// Code → CID where an embedded encoding CMap maps them (else equal).
    cids: HashMap<u32, u32>,
    /// Codes without a mapping are Unicode themselves (`/ToUnicode
    /// /Identity-H`, the `Uni…-UCS2` and `-UTF16` CMaps).
    unicode_codes: bool,
    /// CID → glyph id (`/CIDToGIDMap` stream; identity when empty).
    cid_to_gid: Vec<u16>,
    /// Glyph id → Unicode from an embedded TrueType `cmap` table, for CID
    /// TrueType fonts drawn without a ToUnicode map.
    gid_text: HashMap<u16, char>,
}

/// One decoded glyph: its text and advance width (thousandths of text space).
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Unicode text of the glyph ("" when it has no mapping).
    pub text: Rc<str>,
    /// Advance in glyph space units (1000 = the font size).
    pub width: f32,
    /// The code was the single-byte space (word spacing applies).
    pub is_space: bool,
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

fn number(o: &Object) -> Option<f32> {
    o.as_float().ok()
}

impl Font {
    /// Reads a font dictionary.
    pub fn load(doc: &Document, dict: &Dictionary) -> Font {
        let name = dict
            .get(b"BaseFont")
            .ok()
            .and_then(|o| deref(doc, o).as_name().ok())
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_default();
        let subtype = dict
            .get(b"Subtype")
            .ok()
            .and_then(|o| o.as_name().ok())
            .unwrap_or(b"");
        let mut font = Font {
            name: name.into(),
            default_width: 500.0,
            ..Font::default()
        };
        if subtype == b"Type0" {
            font.two_byte = true;
            font.default_width = 1000.0;
            font.load_encoding_cmap(doc, dict);
            if let Some(desc) = dict
                .get(b"DescendantFonts")
                .ok()
                .and_then(|o| deref(doc, o).as_array().ok())
                .and_then(|a| a.first())
                .and_then(|o| deref(doc, o).as_dict().ok())
            {
                font.load_cid_widths(doc, desc);
            }
        } else {
            font.load_simple(doc, dict);
        }
        if let Some(stream) = dict
            .get(b"ToUnicode")
            .ok()
            .and_then(|o| deref(doc, o).as_stream().ok())
        {
            if let Ok(data) = super::stream::decode(doc, stream, MAX_CMAP_BYTES) {
                parse_cmap(&data, &mut font.to_unicode);
            }
        }
        if let Ok(Object::Name(n)) = dict.get(b"ToUnicode").map(|o| deref(doc, o)) {
            font.unicode_codes |= n.starts_with(b"Identity");
        }
        if font.two_byte && font.to_unicode.is_empty() && !font.unicode_codes {
            font.load_truetype_cmap(doc, dict);
        }
        font.space_width = font.space_advance();
        font
    }

    /// Glyph ids and their Unicode from the embedded TrueType program of a
    /// CID font (`/FontFile2`), with its `/CIDToGIDMap`.
    fn load_truetype_cmap(&mut self, doc: &Document, dict: &Dictionary) {
        let Some(desc) = dict
            .get(b"DescendantFonts")
            .ok()
            .and_then(|o| deref(doc, o).as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| deref(doc, o).as_dict().ok())
        else {
            return;
        };
        let program = desc
            .get(b"FontDescriptor")
            .ok()
            .and_then(|o| deref(doc, o).as_dict().ok())
            .and_then(|fd| fd.get(b"FontFile2").ok())
            .and_then(|o| deref(doc, o).as_stream().ok())
            .and_then(|s| super::stream::decode(doc, s, MAX_FONT_BYTES).ok());
        let Some(map) = program.and_then(|p| super::builtin::truetype_unicode(&p)) else {
            return;
        };
        if let Ok(Object::Stream(s)) = desc.get(b"CIDToGIDMap").map(|o| deref(doc, o)) {
            if let Ok(bytes) = super::stream::decode(doc, s, MAX_CMAP_BYTES) {
                self.cid_to_gid = bytes
                    .chunks_exact(2)
                    .map(|c| u16::from_be_bytes([c[0], c[1]]))
                    .collect();
            }
        }
        self.gid_text = map;
    }

    /// A Type0 font's `/Encoding`: a predefined CMap's name (writing mode,
    /// Unicode codes) or an embedded CMap (code length, CIDs, mode).
    fn load_encoding_cmap(&mut self, doc: &Document, dict: &Dictionary) {
        match dict.get(b"Encoding").map(|o| deref(doc, o)) {
            Ok(Object::Name(n)) => {
                self.vertical = n.ends_with(b"-V");
                let name = String::from_utf8_lossy(n);
                self.unicode_codes = name.contains("UCS2") || name.contains("UTF16");
            }
            Ok(Object::Stream(s)) => {
                if let Ok(data) = super::stream::decode(doc, s, MAX_CMAP_BYTES) {
                    let cmap = parse_encoding_cmap(&data);
                    self.two_byte = !cmap.one_byte;
                    self.vertical = cmap.vertical;
                    self.cids = cmap.cids;
                }
            }
            _ => {}
        }
    }

    /// The advance of the code that maps to a space, else a quarter em.
    fn space_advance(&self) -> f32 {
        // The code that maps to a space (in symbol fonts code 32 is not one).
        let code = if !self.two_byte {
            Some(32).filter(|c| self.to_unicode.get(c).is_some_and(|t| &**t == " "))
        } else {
            self.to_unicode
                .iter()
                .filter(|(_, t)| &***t == " ")
                .map(|(c, _)| *c)
                .min()
        };
        code.and_then(|c| self.widths.get(&c).copied())
            .filter(|w| *w > 0.0)
            .unwrap_or(250.0)
    }

    fn load_cid_widths(&mut self, doc: &Document, desc: &Dictionary) {
        let mut budget = MAX_EXPANDED;
        if let Some(dw) = desc.get(b"DW").ok().and_then(number) {
            self.default_width = dw;
        }
        let Some(w) = desc
            .get(b"W")
            .ok()
            .and_then(|o| deref(doc, o).as_array().ok())
        else {
            return;
        };
        let mut i = 0;
        while i < w.len() {
            let Some(first) = number(deref(doc, &w[i])) else {
                break;
            };
            let first = first as u32;
            match w.get(i + 1).map(|o| deref(doc, o)) {
                Some(Object::Array(list)) => {
                    for (k, o) in list.iter().enumerate().take(MAX_WIDTH_RUN) {
                        if let Some(v) = number(deref(doc, o)) {
                            self.widths.insert(first.saturating_add(k as u32), v);
                        }
                    }
                    i += 2;
                }
                Some(last) => {
                    let last = number(last).unwrap_or(first as f32) as u32;
                    let v = w
                        .get(i + 2)
                        .and_then(|o| number(deref(doc, o)))
                        .unwrap_or(self.default_width);
                    let last = last.min(first.saturating_add(MAX_WIDTH_RUN as u32));
                    if !spend(&mut budget, first, last) {
                        break;
                    }
                    for c in first..=last {
                        self.widths.insert(c, v);
                    }
                    i += 3;
                }
                None => break,
            }
        }
    }

    fn load_simple(&mut self, doc: &Document, dict: &Dictionary) {
        let first = dict.get(b"FirstChar").ok().and_then(number).unwrap_or(0.0) as u32;
        if let Some(ws) = dict
            .get(b"Widths")
            .ok()
            .and_then(|o| deref(doc, o).as_array().ok())
        {
            for (k, o) in ws.iter().enumerate().take(256) {
                if let Some(v) = number(deref(doc, o)) {
                    self.widths.insert(first.saturating_add(k as u32), v);
                }
            }
        }
        // Type 3 glyph widths are in the font's own glyph space.
        if let Some(scale) = dict
            .get(b"FontMatrix")
            .ok()
            .and_then(|o| deref(doc, o).as_array().ok())
            .and_then(|m| m.first())
            .and_then(|o| number(deref(doc, o)))
            .filter(|a| a.is_finite() && *a != 0.0)
        {
            let k = (scale * 1000.0).abs();
            self.widths.values_mut().for_each(|w| *w *= k);
        }
        let enc = dict.get(b"Encoding").ok().map(|o| deref(doc, o));
        let base: Option<&[u8]> = match enc {
            Some(Object::Name(n)) => Some(n),
            Some(Object::Dictionary(e)) => {
                e.get(b"BaseEncoding").ok().and_then(|o| o.as_name().ok())
            }
            _ => None,
        };
        for b in 0u32..256 {
            let c = match base {
                Some(b"MacRomanEncoding") => mac_roman(b as u8),
                _ => win_ansi(b as u8),
            };
            if let Some(c) = c {
                self.to_unicode.insert(b, c.to_string().into());
            }
        }
        if base.is_none() {
            for (code, name) in builtin_encoding(doc, dict).unwrap_or_default() {
                if let Some(t) = glyph_name(name.as_bytes()) {
                    self.to_unicode.insert(u32::from(code), t.into());
                }
            }
        }
        if self.widths.is_empty() {
            self.standard_widths();
        }
        if let Some(Object::Dictionary(e)) = enc {
            if let Some(diffs) = e
                .get(b"Differences")
                .ok()
                .and_then(|o| deref(doc, o).as_array().ok())
            {
                let mut code = 0u32;
                for o in diffs {
                    match deref(doc, o) {
                        Object::Integer(n) => code = (*n).clamp(0, 255) as u32,
                        Object::Name(n) => {
                            if let Some(c) = glyph_name(n) {
                                self.to_unicode.insert(code, c.into());
                            }
                            code += 1;
                        }
                        _ => {}
                    }
                }
            }
        }
    }

    /// Widths of a standard font used without `/Widths` (Times, Helvetica
    /// and Arial, Courier), by the text each code maps to.
    fn standard_widths(&mut self) {
        let Some(family) = standard_font(&self.name) else {
            return;
        };
        let table = standard_width_tables().get(family);
        for (code, text) in &self.to_unicode {
            let mut chars = text.chars();
            let (Some(c), None) = (chars.next(), chars.next()) else {
                continue;
            };
            let w = match table {
                Some(t) => t.get(&c).copied(),
                None => Some(600.0), // Courier: every glyph is 600 wide.
            };
            if let Some(w) = w {
                self.widths.insert(*code, w);
            }
        }
    }

    /// Decodes a string operand into glyphs.
    pub fn decode(&self, bytes: &[u8]) -> Vec<Glyph> {
        let codes: Vec<u32> = if self.two_byte {
            bytes
                .chunks(2)
                .map(|c| (u32::from(c[0]) << 8) | u32::from(*c.get(1).unwrap_or(&0)))
                .collect()
        } else {
            bytes.iter().map(|&b| u32::from(b)).collect()
        };
        codes
            .into_iter()
            .map(|c| {
                let cid = self.cids.get(&c).copied().unwrap_or(c);
                Glyph {
                    text: self.text_of(c),
                    width: self.widths.get(&cid).copied().unwrap_or(self.default_width),
                    is_space: !self.two_byte && c == 32,
                }
            })
            .collect()
    }

    fn text_of(&self, code: u32) -> Rc<str> {
        if let Some(t) = self.to_unicode.get(&code) {
            return t.clone();
        }
        if !self.gid_text.is_empty() {
            let cid = self.cids.get(&code).copied().unwrap_or(code);
            let gid = match self.cid_to_gid.get(cid as usize) {
                Some(g) => *g,
                None if self.cid_to_gid.is_empty() => u16::try_from(cid).unwrap_or(0),
                None => 0,
            };
            if let Some(c) = self.gid_text.get(&gid) {
                return Rc::from(c.to_string());
            }
        }
        match char::from_u32(code).filter(|c| self.unicode_codes && !c.is_control()) {
            Some(c) => Rc::from(c.to_string()),
            None => Rc::from(""),
        }
    }
}

/// Largest ToUnicode CMap read.
const MAX_CMAP_BYTES: usize = 4 * 1024 * 1024;
/// Most codes all the ranges of one CMap or `W` array expand to.
const MAX_EXPANDED: usize = 1 << 21;

/// Takes the codes `lo..=hi` from `budget`; false once it runs out.
fn spend(budget: &mut usize, lo: u32, hi: u32) -> bool {
    let n = (hi.saturating_sub(lo) as usize).saturating_add(1);
    match budget.checked_sub(n) {
        Some(left) => {
            *budget = left;
            true
        }
        None => false,
    }
}

/// Longest run of widths or CMap range expanded.
const MAX_WIDTH_RUN: usize = 65536;

/// What an embedded encoding CMap says about its codes.
#[derive(Debug, Default)]
struct EncodingCmap {
    /// Every code space range is one byte long.
    one_byte: bool,
    /// Vertical writing (`/WMode 1`).
    vertical: bool,
    /// Code → CID of `cidchar` and `cidrange` entries.
    cids: HashMap<u32, u32>,
}

fn cmap_tokens(data: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(data)
        .split(|c: char| c.is_whitespace())
        .flat_map(split_brackets)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// Reads the code space, writing mode and CID mappings of an encoding CMap.
fn parse_encoding_cmap(data: &[u8]) -> EncodingCmap {
    let t = cmap_tokens(data);
    let mut budget = MAX_EXPANDED;
    let mut out = EncodingCmap::default();
    let mut lengths: Vec<usize> = Vec::new();
    let mut mode = "";
    let mut i = 0;
    while i < t.len() {
        let tok = t[i].as_str();
        match tok {
            "begincodespacerange" | "begincidrange" | "begincidchar" => mode = tok,
            "endcodespacerange" | "endcidrange" | "endcidchar" => mode = "",
            "/WMode" => out.vertical = t.get(i + 1).is_some_and(|v| v == "1"),
            _ if mode == "begincodespacerange" && tok.starts_with('<') => {
                lengths.push(tok.len().saturating_sub(2) / 2);
            }
            _ if mode == "begincidrange" && i + 2 < t.len() => {
                if let (Some(lo), Some(hi), Ok(cid)) =
                    (hex(tok), hex(&t[i + 1]), t[i + 2].parse::<u32>())
                {
                    let hi = hi.min(lo.saturating_add(MAX_WIDTH_RUN as u32));
                    if !spend(&mut budget, lo, hi) {
                        break;
                    }
                    for (k, code) in (lo..=hi).enumerate() {
                        out.cids.insert(code, cid.saturating_add(k as u32));
                    }
                }
                i += 3;
                continue;
            }
            _ if mode == "begincidchar" && i + 1 < t.len() => {
                if let (Some(code), Ok(cid)) = (hex(tok), t[i + 1].parse::<u32>()) {
                    out.cids.insert(code, cid);
                }
                i += 2;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out.one_byte = !lengths.is_empty() && lengths.iter().all(|&l| l == 1);
    out
}

/// Reads `bfchar` and `bfrange` entries of a ToUnicode CMap.
fn parse_cmap(data: &[u8], map: &mut HashMap<u32, Rc<str>>) {
    let mut budget = MAX_EXPANDED;
    let text = String::from_utf8_lossy(data);
    let tokens: Vec<&str> = text
        .split(|c: char| c.is_whitespace())
        .flat_map(split_brackets)
        .filter(|t| !t.is_empty())
        .collect();
    let mut i = 0;
    let mut mode = "";
    while i < tokens.len() {
        match tokens[i] {
            "beginbfchar" | "beginbfrange" => mode = tokens[i],
            "endbfchar" | "endbfrange" => mode = "",
            _ if mode == "beginbfchar" && i + 1 < tokens.len() => {
                if let (Some(code), Some(uni)) = (hex(tokens[i]), utf16_hex(tokens[i + 1])) {
                    map.insert(code, uni.into());
                }
                i += 2;
                continue;
            }
            _ if mode == "beginbfrange" && i + 2 < tokens.len() => {
                let (Some(lo), Some(hi)) = (hex(tokens[i]), hex(tokens[i + 1])) else {
                    i += 1;
                    continue;
                };
                if tokens[i + 2] == "[" {
                    let mut k = i + 3;
                    let mut code = lo;
                    while k < tokens.len() && tokens[k] != "]" {
                        if let Some(u) = utf16_hex(tokens[k]) {
                            map.insert(code, u.into());
                        }
                        code = code.saturating_add(1);
                        k += 1;
                    }
                    i = k + 1;
                    continue;
                }
                let hi = hi.min(lo.saturating_add(MAX_WIDTH_RUN as u32));
                if !spend(&mut budget, lo, hi) {
                    break;
                }
                if let Some(start) = utf16_hex(tokens[i + 2]) {
                    let mut chars: Vec<char> = start.chars().collect();
                    for code in lo..=hi {
                        map.insert(code, chars.iter().collect::<String>().into());
                        if let Some(last) = chars.last_mut() {
                            *last = char::from_u32(*last as u32 + 1).unwrap_or(*last);
                        }
                    }
                }
                i += 3;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
}

fn split_brackets(t: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = t;
    while let Some(i) = rest.find(['[', ']', '<']) {
        let (a, b) = rest.split_at(i);
        if !a.is_empty() {
            out.push(a);
        }
        if b.starts_with('<') {
            let end = b.find('>').map_or(b.len(), |e| e + 1);
            out.push(&b[..end]);
            rest = &b[end..];
        } else {
            out.push(&b[..1]);
            rest = &b[1..];
        }
    }
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

fn hex(t: &str) -> Option<u32> {
    let h = t.strip_prefix('<')?.strip_suffix('>')?;
    u32::from_str_radix(h, 16).ok().filter(|_| h.len() <= 8)
}

fn utf16_hex(t: &str) -> Option<String> {
    let h = t.strip_prefix('<')?.strip_suffix('>')?;
    let units: Vec<u16> = (0..h.len() / 4)
        .filter_map(|k| u16::from_str_radix(h.get(k * 4..k * 4 + 4)?, 16).ok())
        .collect();
    let s: String = char::decode_utf16(units).filter_map(Result::ok).collect();
    (!s.is_empty()).then_some(s)
}

/// The built-in encoding of the font's embedded program, if any.
fn builtin_encoding(doc: &Document, dict: &Dictionary) -> Option<super::builtin::Encoding> {
    let desc = dict
        .get(b"FontDescriptor")
        .ok()
        .and_then(|o| deref(doc, o).as_dict().ok())?;
    let program = |key: &[u8]| {
        desc.get(key)
            .ok()
            .and_then(|o| deref(doc, o).as_stream().ok())
            .and_then(|s| super::stream::decode(doc, s, MAX_FONT_BYTES).ok())
    };
    if let Some(d) = program(b"FontFile3") {
        return super::builtin::cff(&d);
    }
    program(b"FontFile").and_then(|d| super::builtin::type1(&d))
}

/// Largest embedded font program read for its encoding.
const MAX_FONT_BYTES: usize = 16 * 1024 * 1024;

/// Metrics of the standard fonts (`patterns/pdf_standard_widths.tsv`).
const STANDARD_WIDTHS: &str = include_str!("../../../patterns/pdf_standard_widths.tsv");

type WidthTables = HashMap<&'static str, HashMap<char, f32>>;

fn standard_width_tables() -> &'static WidthTables {
    static TABLES: std::sync::OnceLock<WidthTables> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| {
        let mut out = WidthTables::new();
        let mut current: Option<&'static str> = None;
        for line in STANDARD_WIDTHS.lines().filter(|l| !l.starts_with('#')) {
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                current = Some(name);
                continue;
            }
            let parsed = line.split_once('\t').and_then(|(h, w)| {
                let c = char::from_u32(u32::from_str_radix(h, 16).ok()?)?;
                Some((c, w.trim().parse::<f32>().ok()?))
            });
            if let (Some(font), Some((c, w))) = (current, parsed) {
                out.entry(font).or_default().insert(c, w);
            }
        }
        out
    })
}

/// The standard font a base font name stands for ("ABCDEF+Arial,Bold" is
/// Helvetica-Bold); "Courier" for the Courier family.
fn standard_font(name: &str) -> Option<&'static str> {
    let bare = name.rsplit('+').next().unwrap_or(name).to_ascii_lowercase();
    let bold = bare.contains("bold");
    let slant = bare.contains("italic") || bare.contains("oblique");
    if bare.starts_with("courier") {
        return Some("Courier");
    }
    let times = bare.starts_with("times");
    if !times && !bare.starts_with("helvetica") && !bare.starts_with("arial") {
        return None;
    }
    Some(match (times, bold, slant) {
        (true, false, false) => "Times-Roman",
        (true, true, false) => "Times-Bold",
        (true, false, true) => "Times-Italic",
        (true, true, true) => "Times-BoldItalic",
        (false, false, false) => "Helvetica",
        (false, true, false) => "Helvetica-Bold",
        (false, false, true) => "Helvetica-Oblique",
        (false, true, true) => "Helvetica-BoldOblique",
    })
}

/// Mac OS Roman bytes as Unicode (`/MacRomanEncoding`).
fn mac_roman(b: u8) -> Option<char> {
    const HIGH: &str = "ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»…\u{a0}ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\u{f8ff}ÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ";
    if b < 0x80 {
        return win_ansi(b);
    }
    HIGH.chars().nth(usize::from(b - 0x80))
}

/// Windows-1252 bytes as Unicode (the WinAnsi encoding of simple fonts).
/// The codes Windows-1252 leaves undefined (127, 129, 141, 143, 144, 157)
/// draw a bullet in PDF's WinAnsiEncoding.
fn win_ansi(b: u8) -> Option<char> {
    const HIGH: [char; 32] = [
        '€', '•', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '•', 'Ž', '•', '•', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '•', 'ž', 'Ÿ',
    ];
    match b {
        0..=31 => None,
        0x7F => Some('•'),
        0x80..=0x9F => Some(HIGH[(b - 0x80) as usize]),
        _ => Some(b as char),
    }
}

/// The glyph-name list (`patterns/pdf_glyph_names.tsv`).
const GLYPH_NAMES: &str = include_str!("../../../patterns/pdf_glyph_names.tsv");

fn glyph_names() -> &'static HashMap<&'static str, String> {
    static NAMES: std::sync::OnceLock<HashMap<&'static str, String>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        GLYPH_NAMES
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (name, hex) = l.split_once('\t')?;
                let text = hex
                    .split_whitespace()
                    .map(|h| char::from_u32(u32::from_str_radix(h, 16).ok()?))
                    .collect::<Option<String>>()?;
                Some((name, text))
            })
            .collect()
    })
}

/// Unicode of a glyph name: the glyph list, "uniXXXX[YYYY…]", "uXXXX[XX]",
/// single letters; a ".suffix" (small caps, variants) is dropped and
/// "f_f_i" ligature names are read part by part.
fn glyph_name(n: &[u8]) -> Option<String> {
    let s = std::str::from_utf8(n).ok()?;
    let s = s.split('.').next().filter(|b| !b.is_empty())?;
    if s.contains('_') {
        return s.split('_').map(glyph_component).collect();
    }
    glyph_component(s)
}

fn glyph_component(s: &str) -> Option<String> {
    if let Some(t) = glyph_names().get(s) {
        return Some(t.clone());
    }
    if let Some(h) = s.strip_prefix("uni") {
        if h.len() >= 4 && h.len() % 4 == 0 {
            return (0..h.len() / 4)
                .map(|k| {
                    let v = u32::from_str_radix(h.get(k * 4..k * 4 + 4)?, 16).ok()?;
                    char::from_u32(v)
                })
                .collect();
        }
    }
    if let Some(h) = s.strip_prefix('u') {
        if (4..=6).contains(&h.len()) {
            if let Some(c) = u32::from_str_radix(h, 16).ok().and_then(char::from_u32) {
                return Some(c.to_string());
            }
        }
    }
    (s.chars().count() == 1).then(|| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmap_chars_and_ranges() {
        let cmap = b"1 beginbfchar\n<0003> <0020>\n<0011> <1EA1>\nendbfchar\n2 beginbfrange\n<0020> <0022> <0041>\n<0030> <0031> [<00E0> <00E1>]\nendbfrange";
        let mut map = HashMap::new();
        parse_cmap(cmap, &mut map);
        assert_eq!(map.get(&3).map(|s| &**s), Some(" "));
        assert_eq!(map.get(&0x11).map(|s| &**s), Some("ạ"));
        assert_eq!(map.get(&0x22).map(|s| &**s), Some("C"));
        assert_eq!(map.get(&0x31).map(|s| &**s), Some("á"));
    }

    #[test]
    fn embedded_encoding_cmap_of_one_byte_codes() {
        let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n/WMode 0 def\n1 begincodespacerange\n<00> <FF>\nendcodespacerange\n1 begincidrange\n<20> <7E> 32\nendcidrange\n1 begincidchar\n<80> 500\nendcidchar\nendcmap";
        let c = parse_encoding_cmap(cmap);
        assert!(c.one_byte && !c.vertical);
        assert_eq!(c.cids.get(&0x41), Some(&0x41));
        assert_eq!(c.cids.get(&0x80), Some(&500));
        assert!(
            !parse_encoding_cmap(b"1 begincodespacerange <0000> <FFFF> endcodespacerange").one_byte
        );
    }

    #[test]
    fn ranges_at_the_end_of_the_code_space_do_not_overflow() {
        let mut map = HashMap::new();
        parse_cmap(b"1 beginbfrange <FFFFFFFE> <FFFFFFFF> [<0041> <0042> <0043>] endbfrange 1 beginbfrange <FFFFFFFF> <FFFFFFFF> <0041> endbfrange", &mut map);
        let c =
            parse_encoding_cmap(b"1 begincidrange <FFFFFFFF> <FFFFFFFF> 4294967295 endcidrange");
        assert_eq!(c.cids.get(&u32::MAX), Some(&u32::MAX));
    }

    #[test]
    fn cmap_ranges_expand_within_a_budget() {
        // 100 full ranges of 65536 codes: stops at the budget, not 6.5 M.
        let ranges = "<0000> <FFFF> <0041>\n".repeat(100);
        let cmap = format!("100 beginbfrange\n{ranges}endbfrange");
        let mut map = HashMap::new();
        parse_cmap(cmap.as_bytes(), &mut map);
        assert!(map.len() <= MAX_EXPANDED);
    }

    #[test]
    fn identity_to_unicode_reads_codes_as_unicode() {
        let f = Font {
            two_byte: true,
            unicode_codes: true,
            ..Font::default()
        };
        let text: String = f
            .decode(&[0x00, 0x46, 0x01, 0x41])
            .iter()
            .map(|g| &*g.text)
            .collect();
        assert_eq!(text, "FŁ");
    }

    #[test]
    fn standard_fonts_without_widths() {
        assert_eq!(
            standard_font("ABCDEF+Arial,BoldItalic"),
            Some("Helvetica-BoldOblique")
        );
        assert_eq!(standard_font("TimesNewRomanPS-BoldMT"), Some("Times-Bold"));
        assert_eq!(standard_font("Tahoma"), None);
        let mut f = Font {
            name: "Times-Roman".into(),
            ..Font::default()
        };
        f.to_unicode.insert(u32::from(b'a'), "a".into());
        f.to_unicode.insert(u32::from(b'm'), "m".into());
        f.standard_widths();
        assert_eq!(f.widths.get(&u32::from(b'a')), Some(&444.0));
        assert_eq!(f.widths.get(&u32::from(b'm')), Some(&778.0));
    }

    #[test]
    fn win_ansi_undefined_codes_are_bullets() {
        assert_eq!(win_ansi(0x7F), Some('•'));
        assert_eq!(win_ansi(0x81), Some('•'));
        assert_eq!(win_ansi(0x95), Some('•'));
        assert_eq!(win_ansi(0x80), Some('€'));
        assert_eq!(win_ansi(0x1F), None);
    }

    #[test]
    fn glyph_names_of_differences() {
        let n = |s: &str| glyph_name(s.as_bytes());
        assert_eq!(n("ffi").as_deref(), Some("ffi"));
        assert_eq!(n("germandbls").as_deref(), Some("ß"));
        assert_eq!(n("ohornacute").as_deref(), Some("ớ"));
        assert_eq!(n("quotedblleft").as_deref(), Some("“"));
        assert_eq!(n("uni1EA1").as_deref(), Some("ạ"));
        assert_eq!(n("f_f_i").as_deref(), Some("ffi"));
        assert_eq!(n("a.sc").as_deref(), Some("a"));
        assert_eq!(n("u1F600").as_deref(), Some("😀"));
        assert_eq!(n("g123"), None);
    }
}
