#!/usr/bin/env python3
"""Makes the scanner-like fixtures of the five seed reports (issue 14, OCR).

Source: fixtures/styled/<stem>.styled.pdf (LibreOffice renderings of the gold
reports); truth: fixtures/gold/<stem>.json. Writes under fixtures/scans/:
  degraded/<stem>.scan200.pdf   200 dpi office-scanner look, one JPEG q60 a page
  degraded/003_…fax.pdf         200 dpi bilevel CCITT G4 pages (robustness)
  clean/<stem>.scan300.pdf      300 dpi gray PNG (lossless), no degradation
  images/001_….p1.png / .p2.jpg / .tif   direct image inputs

Needs pdftoppm (poppler), img2pdf, Pillow and numpy (no ImageMagick). Deterministic: every
random draw comes from a generator seeded by the stem, timestamps suppressed
(img2pdf --nodate; its internal engine, as pikepdf writes a random
/ID), so a rerun gives the same bytes with the same tool versions.
usage: make_scans.py [REPO_ROOT]"""
import glob, os, subprocess, sys, tempfile, zlib

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

BASE_SEED = 14  # the issue number; per document: BASE_SEED + crc32(stem)

# Degradation of the 200 dpi set (values in 8-bit levels or pixels at 200 dpi).
DEGRADED_DPI = 200
ROTATION_DEG = (0.5, 2.0)  # |angle| drawn uniformly, sign alternates by page
PAPER_RGB = (240.0, 236.0, 222.0)  # yellowish paper; gray pages use its luma
PAPER_UNEVEN = 5.0  # +- levels, smooth field (6x8 grid upsampled) + lamp falloff
INK_LEVEL = 28.0  # what a scanner reads for black toner
BLUR_RADIUS = 0.8  # gaussian, pixels
NOISE_SIGMA = 3.0  # gaussian, levels
JPEG_DEGRADED = 60
STAMP_RGB = (205.0, 35.0, 45.0)
STAMP_OPACITY = 0.75  # multiply blend, uneven ink on top
STAMP_CENTRE = (0.40, 0.18)  # fraction of page width / height, +-0.015 jitter
STAMP_RADIUS = 0.085  # fraction of page width (about 36 mm across on A4)

CLEAN_DPI = 300  # lossless gray PNG: smaller than JPEG q85 on clean text (270 KB vs 860 KB a table page)
FAX_DPI, FAX_THRESHOLD = 200, 0.60  # 60 %: darker than 153 becomes black
IMAGE_STEM, FAX_STEM = "001_ab3b4a8e0ce935e7", "003_5861b1071b6d393a"


def rasterise(pdf, dpi, tmp):
    """Gray pages of `pdf` at `dpi` as Pillow 'L' images, in page order."""
    prefix = os.path.join(tmp, "p%d" % dpi)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", pdf, prefix], check=True)
    paths = sorted(glob.glob(prefix + "-*.pgm"), key=lambda p: int(p.rsplit("-", 1)[1][:-4]))
    return [Image.open(p).convert("L") for p in paths]


def paper_field(rng, size):
    """Multiplicative paper/lamp unevenness around 1.0 (height x width)."""
    w, h = size
    grid = Image.fromarray(rng.uniform(-1.0, 1.0, (8, 6)).astype(np.float32), mode="F")
    smooth = np.asarray(grid.resize((w, h), Image.BICUBIC), dtype=np.float32)
    falloff = np.linspace(0.0, -1.0, w, dtype=np.float32)[None, :] * rng.uniform(0.3, 1.0)
    return 1.0 + (0.6 * smooth + falloff) * PAPER_UNEVEN / 235.0


def stamp_mask(rng, size):
    """Coverage 0..1 of a round seal: two rings, a star, text-free marks."""
    w, h = size
    s = 4  # drawn at 4x, downsampled for smooth edges
    r = STAMP_RADIUS * w * s
    cx = (STAMP_CENTRE[0] + rng.uniform(-0.015, 0.015)) * w * s
    cy = (STAMP_CENTRE[1] + rng.uniform(-0.015, 0.015)) * h * s
    box = int(2 * r + 8 * s)
    img = Image.new("L", (box, box), 0)
    d = ImageDraw.Draw(img)
    c = box / 2
    d.ellipse([c - r, c - r, c + r, c + r], outline=255, width=int(4.5 * s))
    ri = 0.72 * r
    d.ellipse([c - ri, c - ri, c + ri, c + ri], outline=255, width=int(2 * s))
    for k in range(28):  # blobs between the rings where the lettering would be
        a0 = k * 360.0 / 28 + rng.uniform(-3, 3)
        rr = rng.uniform(0.78, 0.93) * r
        d.arc([c - rr, c - rr, c + rr, c + rr], a0, a0 + rng.uniform(4, 8), fill=255, width=int(rng.uniform(3, 6) * s))
    star = [(c + (0.3 if i % 2 == 0 else 0.12) * r * np.sin(i * np.pi / 5),
             c - (0.3 if i % 2 == 0 else 0.12) * r * np.cos(i * np.pi / 5)) for i in range(10)]
    d.polygon(star, fill=255)
    small = img.resize((box // s, box // s), Image.LANCZOS)
    cover = np.asarray(small, dtype=np.float32) / 255.0
    cover *= rng.uniform(0.55, 1.0, cover.shape).astype(np.float32)  # uneven ink
    cover = np.asarray(Image.fromarray((cover * 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.7)),
                       dtype=np.float32) / 255.0
    full = np.zeros((h, w), dtype=np.float32)
    x0, y0 = int(cx / s - cover.shape[1] / 2), int(cy / s - cover.shape[0] / 2)
    full[y0:y0 + cover.shape[0], x0:x0 + cover.shape[1]] = cover
    return full


def degrade(page, index, rng, sign, with_stamp):
    """One office-scanner page from a clean gray rendering: RGB if stamped."""
    ink = np.asarray(page, dtype=np.float32) / 255.0  # 1 = paper, 0 = toner
    if with_stamp:
        cover = stamp_mask(rng, page.size)[..., None] * STAMP_OPACITY
        tint = np.array(STAMP_RGB, dtype=np.float32) / 255.0
        ink = ink[..., None] * (1.0 - cover * (1.0 - tint))
    angle = sign * (-1) ** index * rng.uniform(*ROTATION_DEG)
    mode = "RGB" if with_stamp else "L"
    img = Image.fromarray((ink * 255.0 + 0.5).astype(np.uint8), mode=mode)
    img = img.rotate(angle, resample=Image.BICUBIC, fillcolor=(255,) * len(mode))
    frac = np.asarray(img, dtype=np.float32) / 255.0
    paper = np.array(PAPER_RGB, dtype=np.float32)
    if not with_stamp:
        paper = np.float32(0.299 * PAPER_RGB[0] + 0.587 * PAPER_RGB[1] + 0.114 * PAPER_RGB[2])
    field = paper_field(rng, img.size)
    if with_stamp:
        field = field[..., None]
    out = INK_LEVEL + (paper * field - INK_LEVEL) * frac
    img = Image.fromarray(np.clip(out + 0.5, 0, 255).astype(np.uint8), mode=mode)
    img = img.filter(ImageFilter.GaussianBlur(BLUR_RADIUS))
    noisy = np.asarray(img, dtype=np.float32) + rng.normal(0.0, NOISE_SIGMA, frac.shape).astype(np.float32)
    return Image.fromarray(np.clip(noisy + 0.5, 0, 255).astype(np.uint8), mode=mode), angle


def wrap_pdf(images, dpi, out):
    """One PDF page per image file (JPEG, PNG and CCITT TIFF embedded as they are), page size from `dpi`, no timestamps."""
    subprocess.run(["img2pdf", "--nodate", "--engine", "internal", "--imgsize", "%ddpi" % dpi, "-o", out] + images, check=True)


def bilevel(page):
    """Fax-like 1-bit image: threshold at FAX_THRESHOLD, no dithering."""
    cut = int(FAX_THRESHOLD * 255)
    return page.point(lambda v: 255 if v >= cut else 0).convert("1", dither=Image.Dither.NONE)


def make_degraded(stem, pdf, out_dir, tmp):
    rng = np.random.default_rng(BASE_SEED + zlib.crc32(stem.encode()))
    sign = 1 if rng.random() < 0.5 else -1
    files, angles = [], []
    for i, page in enumerate(rasterise(pdf, DEGRADED_DPI, tmp)):
        img, angle = degrade(page, i, rng, sign, with_stamp=(i == 0))
        path = os.path.join(tmp, "d%03d.jpg" % i)
        img.save(path, quality=JPEG_DEGRADED, dpi=(DEGRADED_DPI, DEGRADED_DPI))
        files.append(path)
        angles.append(round(angle, 2))
    wrap_pdf(files, DEGRADED_DPI, os.path.join(out_dir, stem + ".scan200.pdf"))
    print(stem, "scan200", len(files), "pages, angles", angles)


def make_clean(stem, pdf, out_dir, tmp):
    files = []
    for i, page in enumerate(rasterise(pdf, CLEAN_DPI, tmp)):
        path = os.path.join(tmp, "c%03d.png" % i)
        page.save(path, optimize=True, dpi=(CLEAN_DPI, CLEAN_DPI))
        files.append(path)
    wrap_pdf(files, CLEAN_DPI, os.path.join(out_dir, stem + ".scan300.pdf"))
    print(stem, "scan300", len(files), "pages")


def make_fax(stem, pdf, out_dir, tmp):
    files = []
    for i, page in enumerate(rasterise(pdf, FAX_DPI, tmp)):
        path = os.path.join(tmp, "f%03d.tif" % i)
        bilevel(page).save(path, compression="group4", dpi=(FAX_DPI, FAX_DPI))
        files.append(path)
    wrap_pdf(files, FAX_DPI, os.path.join(out_dir, stem + ".fax.pdf"))
    print(stem, "fax", len(files), "pages")


def make_images(stem, pdf, out_dir, tmp):
    base = os.path.join(out_dir, stem)
    rasterise(pdf, 300, tmp)[0].save(base + ".p1.png", optimize=True, dpi=(300, 300))
    pages = rasterise(pdf, 200, tmp)
    pages[1].save(base + ".p2.jpg", quality=75, dpi=(200, 200))
    fax = [bilevel(p) for p in pages]
    fax[0].save(base + ".tif", save_all=True, append_images=fax[1:], compression="group4", dpi=(200, 200))
    print(stem, "images: p1.png p2.jpg tif (%d pages)" % len(fax))


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    scans = os.path.join(root, "fixtures", "scans")
    dirs = {k: os.path.join(scans, k) for k in ("degraded", "clean", "images")}
    for d in dirs.values():
        os.makedirs(d, exist_ok=True)
    for pdf in sorted(glob.glob(os.path.join(root, "fixtures", "styled", "*.styled.pdf"))):
        stem = os.path.basename(pdf)[: -len(".styled.pdf")]
        for make, key in ((make_degraded, "degraded"), (make_clean, "clean")):
            with tempfile.TemporaryDirectory() as tmp:
                make(stem, pdf, dirs[key], tmp)
        if stem == FAX_STEM:
            with tempfile.TemporaryDirectory() as tmp:
                make_fax(stem, pdf, dirs["degraded"], tmp)
        if stem == IMAGE_STEM:
            with tempfile.TemporaryDirectory() as tmp:
                make_images(stem, pdf, dirs["images"], tmp)


if __name__ == "__main__":
    main()
