//! The built-in encoding of an embedded font program: code → glyph name,
//! read from a CFF font (`/FontFile3`, Type1C) or from the clear-text part
//! of a Type 1 font (`/FontFile`). Fonts that TeX and others embed without
//! an `/Encoding` (math symbols, Computer Modern) carry their encoding only
//! there. Every read is bounds-checked: a damaged program gives `None`.

use std::collections::HashMap;

/// Code → glyph name of the font program's own encoding.
pub type Encoding = HashMap<u8, String>;

/// CFF standard strings 0..=228 (the ISO Adobe set); later standard
/// strings (expert glyphs) are not needed for text.
const STANDARD_STRINGS: &str = ".notdef space exclam quotedbl numbersign dollar percent ampersand quoteright parenleft parenright asterisk plus comma hyphen period slash zero one two three four five six seven eight nine colon semicolon less equal greater question at A B C D E F G H I J K L M N O P Q R S T U V W X Y Z bracketleft backslash bracketright asciicircum underscore quoteleft a b c d e f g h i j k l m n o p q r s t u v w x y z braceleft bar braceright asciitilde exclamdown cent sterling fraction yen florin section currency quotesingle quotedblleft guillemotleft guilsinglleft guilsinglright fi fl endash dagger daggerdbl periodcentered paragraph bullet quotesinglbase quotedblbase quotedblright guillemotright ellipsis perthousand questiondown grave acute circumflex tilde macron breve dotaccent dieresis ring cedilla hungarumlaut ogonek caron emdash AE ordfeminine Lslash Oslash OE ordmasculine ae dotlessi lslash oslash oe germandbls onesuperior logicalnot mu trademark Eth onehalf plusminus Thorn onequarter divide brokenbar degree thorn threequarters twosuperior registered minus eth multiply threesuperior copyright Aacute Acircumflex Adieresis Agrave Aring Atilde Ccedilla Eacute Ecircumflex Edieresis Egrave Iacute Icircumflex Idieresis Igrave Ntilde Oacute Ocircumflex Odieresis Ograve Otilde Scaron Uacute Ucircumflex Udieresis Ugrave Yacute Ydieresis Zcaron aacute acircumflex adieresis agrave aring atilde ccedilla eacute ecircumflex edieresis egrave iacute icircumflex idieresis igrave ntilde oacute ocircumflex odieresis ograve otilde scaron uacute ucircumflex udieresis ugrave yacute ydieresis zcaron";

/// Number of standard strings in CFF (custom strings start after them).
const N_STANDARD: usize = 391;

fn u16_at(d: &[u8], at: usize) -> Option<usize> {
    Some(usize::from(*d.get(at)?) << 8 | usize::from(*d.get(at + 1)?))
}

fn offset_at(d: &[u8], at: usize, size: usize) -> Option<usize> {
    (0..size).try_fold(0usize, |acc, k| {
        Some(acc << 8 | usize::from(*d.get(at + k)?))
    })
}

/// A CFF INDEX at `at`: its items' byte ranges and the offset after it.
fn index(d: &[u8], at: usize) -> Option<(Vec<(usize, usize)>, usize)> {
    let count = u16_at(d, at)?;
    if count == 0 {
        return Some((Vec::new(), at + 2));
    }
    let size = usize::from(*d.get(at + 2)?);
    if !(1..=4).contains(&size) {
        return None;
    }
    let base = at + 3 + (count + 1) * size - 1;
    let offsets: Vec<usize> = (0..=count)
        .map(|i| offset_at(d, at + 3 + i * size, size).map(|o| base + o))
        .collect::<Option<_>>()?;
    let items = offsets.windows(2).map(|w| (w[0], w[1])).collect();
    let end = *offsets.last()?;
    (end <= d.len()).then_some((items, end))
}

/// The integer operands of a Top DICT by operator (one-byte operators).
fn top_dict(d: &[u8]) -> HashMap<u16, Vec<i64>> {
    let mut out = HashMap::new();
    let mut operands: Vec<i64> = Vec::new();
    let mut i = 0;
    while i < d.len() {
        let b0 = d[i];
        let (value, len) = match b0 {
            32..=246 => (Some(i64::from(b0) - 139), 1),
            247..=250 => (
                d.get(i + 1)
                    .map(|&b1| (i64::from(b0) - 247) * 256 + i64::from(b1) + 108),
                2,
            ),
            251..=254 => (
                d.get(i + 1)
                    .map(|&b1| -(i64::from(b0) - 251) * 256 - i64::from(b1) - 108),
                2,
            ),
            28 => (u16_at(d, i + 1).map(|v| i64::from(v as u16 as i16)), 3),
            29 => (
                offset_at(d, i + 1, 4).map(|v| i64::from(v as u32 as i32)),
                5,
            ),
            30 => {
                // A real: skip its nibbles up to the 0xf terminator.
                let mut k = i + 1;
                while k < d.len() && d[k] & 0x0f != 0x0f && d[k] >> 4 != 0x0f {
                    k += 1;
                }
                operands.push(0);
                i = k + 1;
                continue;
            }
            12 => {
                let op = 1200 + u16::from(*d.get(i + 1).unwrap_or(&0));
                out.insert(op, std::mem::take(&mut operands));
                i += 2;
                continue;
            }
            0..=21 => {
                out.insert(u16::from(b0), std::mem::take(&mut operands));
                i += 1;
                continue;
            }
            _ => (None, 1),
        };
        operands.extend(value);
        i += len;
    }
    out
}

/// The built-in encoding of a bare CFF font program.
pub fn cff(d: &[u8]) -> Option<Encoding> {
    let header = usize::from(*d.get(2)?);
    let (_, after_names) = index(d, header)?;
    let (tops, after_tops) = index(d, after_names)?;
    let (strings, _) = index(d, after_tops)?;
    let &(t0, t1) = tops.first()?;
    let top = top_dict(d.get(t0..t1)?);
    let at = |op: u16| top.get(&op).and_then(|v| v.first()).copied();
    let encoding = usize::try_from(at(16).unwrap_or(0)).ok()?;
    if encoding <= 1 {
        return None; // Standard or Expert encoding: nothing of its own.
    }
    let (glyphs, _) = index(d, usize::try_from(at(17)?).ok()?)?;
    let charset = usize::try_from(at(15).unwrap_or(0)).ok()?;
    let sids = charset_sids(d, charset, glyphs.len())?;
    let name = |sid: usize| -> Option<String> {
        if sid < N_STANDARD {
            STANDARD_STRINGS.split(' ').nth(sid).map(str::to_string)
        } else {
            let &(a, b) = strings.get(sid - N_STANDARD)?;
            Some(String::from_utf8_lossy(d.get(a..b)?).into_owned())
        }
    };
    let mut out = Encoding::new();
    for (code, gid) in encoding_codes(d, encoding)? {
        if let Some(n) = sids.get(gid).and_then(|&s| name(s)) {
            out.insert(code, n);
        }
    }
    // Supplements: extra codes for glyphs named by SID.
    let format = *d.get(encoding)?;
    if format & 0x80 != 0 {
        let body = encoding + 1 + encoding_body_len(d, encoding)?;
        let n = usize::from(*d.get(body)?);
        for k in 0..n {
            let code = *d.get(body + 1 + k * 3)?;
            if let Some(nm) = name(u16_at(d, body + 2 + k * 3)?) {
                out.insert(code, nm);
            }
        }
    }
    Some(out)
}

/// The SID of each glyph (glyph 0 is `.notdef`).
fn charset_sids(d: &[u8], at: usize, n: usize) -> Option<Vec<usize>> {
    if at <= 2 {
        // The predefined ISO Adobe charset: glyph i is SID i.
        return Some((0..n).collect());
    }
    let mut sids = vec![0usize];
    let format = *d.get(at)?;
    let mut p = at + 1;
    while sids.len() < n {
        match format {
            0 => {
                sids.push(u16_at(d, p)?);
                p += 2;
            }
            1 | 2 => {
                let first = u16_at(d, p)?;
                let left = if format == 1 {
                    usize::from(*d.get(p + 2)?)
                } else {
                    u16_at(d, p + 2)?
                };
                sids.extend((first..=first + left).take(n - sids.len()));
                p += if format == 1 { 3 } else { 4 };
            }
            _ => return None,
        }
    }
    Some(sids)
}

fn encoding_body_len(d: &[u8], at: usize) -> Option<usize> {
    let n = usize::from(*d.get(at + 1)?);
    match *d.get(at)? & 0x7f {
        0 => Some(1 + n),
        1 => Some(1 + 2 * n),
        _ => None,
    }
}

/// (code, glyph id) pairs of a custom CFF encoding.
fn encoding_codes(d: &[u8], at: usize) -> Option<Vec<(u8, usize)>> {
    let n = usize::from(*d.get(at + 1)?);
    let mut out = Vec::new();
    match *d.get(at)? & 0x7f {
        0 => {
            for k in 0..n {
                out.push((*d.get(at + 2 + k)?, k + 1));
            }
        }
        1 => {
            let mut gid = 1;
            for k in 0..n {
                let first = *d.get(at + 2 + k * 2)?;
                let left = *d.get(at + 3 + k * 2)?;
                for c in first..=first.saturating_add(left) {
                    out.push((c, gid));
                    gid += 1;
                }
            }
        }
        _ => return None,
    }
    Some(out)
}

/// The built-in encoding of a Type 1 font program: its `dup <code>
/// /<name> put` entries (clear-text part).
pub fn type1(d: &[u8]) -> Option<Encoding> {
    let start = find(d, b"/Encoding")?;
    let rest = &d[start..];
    let end = find(rest, b"eexec").unwrap_or(rest.len());
    let text = String::from_utf8_lossy(&rest[..end]);
    if text.split_whitespace().nth(1) == Some("StandardEncoding") {
        return None;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = Encoding::new();
    for w in words.windows(4) {
        if w[0] == "dup" && w[3] == "put" {
            if let (Ok(code), Some(name)) = (w[1].parse::<u8>(), w[2].strip_prefix('/')) {
                out.insert(code, name.to_string());
            }
        }
        if w[0] == "readonly" || w[0] == "def" && !out.is_empty() {
            break;
        }
    }
    (!out.is_empty()).then_some(out)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Most code points a `cmap` subtable is read for (all of Unicode once).
const MAX_CMAP_CODES: usize = 0x11_0000;

/// The (code point, glyph id) pairs of a format-4 `cmap` subtable at `at`.
fn cmap_format_4(d: &[u8], at: usize, put: &mut impl FnMut(usize, usize)) -> Option<()> {
    let segs = u16_at(d, at + 6)? / 2;
    let ends = at + 14;
    let starts = ends + segs * 2 + 2;
    let deltas = starts + segs * 2;
    let ranges = deltas + segs * 2;
    let mut budget = MAX_CMAP_CODES;
    for s in 0..segs {
        let (end, start) = (u16_at(d, ends + s * 2)?, u16_at(d, starts + s * 2)?);
        let delta = u16_at(d, deltas + s * 2)?;
        let range = u16_at(d, ranges + s * 2)?;
        for c in start..=end.min(0xFFFE) {
            budget = budget.checked_sub(1)?;
            let gid = if range == 0 {
                c + delta
            } else {
                match u16_at(d, ranges + s * 2 + range + 2 * (c - start)) {
                    Some(0) | None => continue,
                    Some(g) => g + delta,
                }
            };
            put(c, gid & 0xFFFF);
        }
    }
    Some(())
}

/// The (code point, glyph id) pairs of a format-12 `cmap` subtable at `at`.
fn cmap_format_12(d: &[u8], at: usize, put: &mut impl FnMut(usize, usize)) -> Option<()> {
    let groups = offset_at(d, at + 12, 4)?.min(0x11_0000);
    let mut budget = MAX_CMAP_CODES;
    for k in 0..groups {
        let g = at + 16 + k * 12;
        let (first, last) = (offset_at(d, g, 4)?, offset_at(d, g + 4, 4)?);
        let gid = offset_at(d, g + 8, 4)?;
        for (i, c) in (first..=last.min(first + 0xFFFF)).enumerate() {
            budget = budget.checked_sub(1)?;
            put(c, gid + i);
        }
    }
    Some(())
}

/// Glyph id → Unicode from the `cmap` table of a TrueType program (the
/// Windows Unicode subtables, format 4 or 12): the text of a CID TrueType
/// font drawn without a ToUnicode map. The lowest code point wins.
pub fn truetype_unicode(d: &[u8]) -> Option<HashMap<u16, char>> {
    let n = u16_at(d, 4)?;
    let cmap = (0..n).find_map(|i| {
        let rec = 12 + i * 16;
        (d.get(rec..rec + 4)? == b"cmap").then(|| offset_at(d, rec + 8, 4))?
    })?;
    let subtables = u16_at(d, cmap + 2)?;
    let mut best: Option<(u8, usize)> = None;
    for i in 0..subtables {
        let rec = cmap + 4 + i * 8;
        let (platform, encoding) = (u16_at(d, rec)?, u16_at(d, rec + 2)?);
        let rank = match (platform, encoding) {
            (3, 10) => 3,
            (3, 1) => 2,
            (0, _) => 1,
            _ => continue,
        };
        let at = cmap + offset_at(d, rec + 4, 4)?;
        if best.is_none_or(|(r, _)| rank > r) {
            best = Some((rank, at));
        }
    }
    let (_, at) = best?;
    let mut out = HashMap::new();
    let mut put = |c: usize, gid: usize| {
        if let (Ok(g), Some(ch)) = (
            u16::try_from(gid),
            u32::try_from(c).ok().and_then(char::from_u32),
        ) {
            if g != 0 {
                out.entry(g).or_insert(ch);
            }
        }
    };
    match u16_at(d, at)? {
        4 => cmap_format_4(d, at, &mut put)?,
        12 => cmap_format_12(d, at, &mut put)?,
        _ => return None,
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truetype_cmap_format_4() {
        // One table (cmap) holding one (3,1) format-4 subtable: 'A'..'C' → 5..7.
        let mut sub = vec![0, 4, 0, 32, 0, 0, 0, 4, 0, 4, 0, 1, 0, 0];
        sub.extend([0, 0x43, 0xFF, 0xFF, 0, 0, 0, 0x41, 0xFF, 0xFF]);
        sub.extend([0xFF, 0xC4, 0, 1, 0, 0, 0, 0]);
        let mut cmap = vec![0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12];
        cmap.extend(&sub);
        let mut font = vec![0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0];
        font.extend(b"cmap");
        font.extend([0, 0, 0, 0, 0, 0, 0, 28, 0, 0, 0, cmap.len() as u8]);
        font.extend(&cmap);
        let map = truetype_unicode(&font).unwrap();
        assert_eq!(map.get(&5), Some(&'A'));
        assert_eq!(map.get(&7), Some(&'C'));
        assert!(truetype_unicode(&font[..20]).is_none());
    }

    #[test]
    fn type1_clear_text_encoding() {
        let program = b"%!PS-AdobeFont-1.0: CMSY10\n/Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\ndup 0 /minus put\ndup 50 /element put\nreadonly def\ncurrentfile eexec\x80\x81";
        let e = type1(program).unwrap();
        assert_eq!(e.get(&0).map(String::as_str), Some("minus"));
        assert_eq!(e.get(&50).map(String::as_str), Some("element"));
        assert!(type1(b"/Encoding StandardEncoding def").is_none());
    }

    #[test]
    fn standard_strings_are_in_place() {
        let s: Vec<&str> = STANDARD_STRINGS.split(' ').collect();
        assert_eq!(s.len(), 229);
        assert_eq!(s[1], "space");
        assert_eq!(s[34], "A");
        assert_eq!(s[66], "a");
        assert_eq!(s[109], "fi");
        assert_eq!(s[149], "germandbls");
        assert_eq!(s[228], "zcaron");
    }

    #[test]
    fn damaged_programs_give_nothing() {
        assert!(cff(b"").is_none());
        assert!(cff(&[1, 0, 4, 1, 0, 1, 1, 5]).is_none());
        assert!(type1(b"garbage").is_none());
    }
}
