//! Image files as page images: PNG and JPEG (one page), TIFF (every page,
//! including the bilevel CCITT fax pages of office scanners).

use super::Gray;
use std::io::Cursor;
use tiff::decoder::{Decoder, DecodingResult};
use tiff::ColorType;

/// Resolution assumed for an image that does not carry one: its short side
/// taken as the width of an A4 page (8.27 in), clamped to a scan's range.
fn assumed_dpi(width: usize, height: usize) -> u32 {
    ((width.min(height) as f32 / 8.27).round() as u32).clamp(72, 1200)
}

/// Whether the bytes are an image file this front end reads (PNG, JPEG or
/// TIFF by their signature).
pub(crate) fn is_image(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\x89PNG\r\n\x1a\n")
        || bytes.starts_with(&[0xFF, 0xD8, 0xFF])
        || bytes.starts_with(b"II*\0")
        || bytes.starts_with(b"MM\0*")
}

/// The pages of an image file, or why they cannot be read.
pub(crate) fn pages(bytes: &[u8]) -> Result<Vec<Gray>, String> {
    if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        return tiff_pages(bytes);
    }
    let image = image::load_from_memory(bytes).map_err(|e| e.to_string())?;
    let rgb = image.to_rgb8();
    let (w, h) = (rgb.width() as usize, rgb.height() as usize);
    Ok(vec![Gray::from_samples(
        w,
        h,
        3,
        rgb.as_raw(),
        assumed_dpi(w, h),
    )])
}

/// Every page of a TIFF file.
fn tiff_pages(bytes: &[u8]) -> Result<Vec<Gray>, String> {
    let mut decoder = Decoder::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    loop {
        out.push(tiff_page(&mut decoder)?);
        if !decoder.more_images() {
            return Ok(out);
        }
        decoder.next_image().map_err(|e| e.to_string())?;
    }
}

/// The decoder's current page.
fn tiff_page(decoder: &mut Decoder<Cursor<&[u8]>>) -> Result<Gray, String> {
    let (w, h) = decoder.dimensions().map_err(|e| e.to_string())?;
    let (w, h) = (w as usize, h as usize);
    let colour = decoder.colortype().map_err(|e| e.to_string())?;
    let DecodingResult::U8(data) = decoder.read_image().map_err(|e| e.to_string())? else {
        return Err(format!("TIFF samples of {colour:?} are not 8-bit"));
    };
    let dpi = assumed_dpi(w, h);
    match colour {
        ColorType::Gray(1) => Ok(unpack_bits(&data, w, h, dpi)),
        ColorType::Gray(8) => Ok(Gray::from_samples(w, h, 1, &data, dpi)),
        ColorType::GrayA(8) => Ok(Gray::from_samples(w, h, 2, &data, dpi)),
        ColorType::RGB(8) => Ok(Gray::from_samples(w, h, 3, &data, dpi)),
        ColorType::RGBA(8) => Ok(Gray::from_samples(w, h, 4, &data, dpi)),
        other => Err(format!("TIFF pages of colour type {other:?} are not read")),
    }
}

/// A bilevel page (one bit a pixel, rows padded to a byte, 1 white as the
/// decoder gives it) as grey levels.
fn unpack_bits(data: &[u8], w: usize, h: usize, dpi: u32) -> Gray {
    let mut out = Gray::blank(w, h, dpi);
    let stride = w.div_ceil(8);
    for y in 0..h {
        for x in 0..w {
            let byte = data.get(y * stride + x / 8).copied().unwrap_or(0xFF);
            if byte & (0x80 >> (x % 8)) == 0 {
                out.pixels[y * w + x] = 0;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_signatures() {
        assert!(is_image(b"\x89PNG\r\n\x1a\n...."));
        assert!(is_image(&[0xFF, 0xD8, 0xFF, 0xE0]));
        assert!(is_image(b"II*\0...."));
        assert!(!is_image(b"%PDF-1.4"));
    }

    #[test]
    fn bits_unpack_to_black_and_white() {
        let g = unpack_bits(&[0b1010_0000, 0b0000_0000], 3, 2, 200);
        assert_eq!(g.pixels, vec![255, 0, 255, 0, 0, 0]);
    }

    #[test]
    fn a_page_size_gives_the_resolution() {
        assert_eq!(assumed_dpi(1654, 2339), 200);
        assert_eq!(assumed_dpi(3508, 2480), 300);
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(pages(b"\x89PNG\r\n\x1a\nnot really").is_err());
        assert!(pages(b"II*\0\x08\0\0\0garbage").is_err());
    }
}
