#!/usr/bin/env python3
"""Convert the CUMCM 2013 problem B image sets (palette BMP) to 8-bit grayscale PNG.

Usage:
    scripts/convert-cumcm.py [--src DIR] [--dst DIR]          convert + verify
    scripts/convert-cumcm.py --verify [--src DIR] [--dst DIR] verify only

Source layout (default /work/shared/datasets/cumcm2013b):
    1/ .. 5/   *.bmp   (8-bit palette BMP, gray ramp, 0 = ink, 255 = paper)
    truth/N.txt
Output (default fixtures/cumcm2013b next to this script's repo):
    N/<stem>.png  and  N/truth.txt (verbatim copy of truth/N.txt)

Python 3 standard library only. The BMP reader handles BITMAPINFOHEADER-style
headers with 1/4/8-bit palettes (and 24/32-bit BI_RGB for completeness),
bottom-up and top-down row order, and rows padded to 4 bytes. Pixels are mapped
through the palette to gray luminance (exact value when R = G = B, otherwise
round(0.299 R + 0.587 G + 0.114 B)). The PNG writer emits 8-bit grayscale,
non-interlaced, zlib level 9, and keeps the smaller of "filter 0 on every row"
and "per-row filter chosen by minimum sum of absolute differences".
--verify decodes every PNG with a small built-in decoder and checks it
pixel-for-pixel against the BMP, and checks truth.txt is byte-identical.
"""
import argparse
import os
import shutil
import struct
import sys
import zlib

SETS = ["1", "2", "3", "4", "5"]


# ---------------------------------------------------------------- BMP reader
def read_bmp_gray(path):
    """Return (width, height, bytearray of width*height gray values, top row first)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] != b"BM":
        raise ValueError(f"{path}: not a BMP file")
    pix_off = struct.unpack_from("<I", data, 10)[0]
    hdr_size = struct.unpack_from("<I", data, 14)[0]
    if hdr_size == 12:  # BITMAPCOREHEADER
        width, height, planes, bpp = struct.unpack_from("<HHHH", data, 18)
        compression, clr_used, pal_entry = 0, 0, 3
    elif hdr_size >= 40:
        width, height, planes, bpp, compression = struct.unpack_from("<iiHHI", data, 18)
        clr_used = struct.unpack_from("<I", data, 46)[0]
        pal_entry = 4
    else:
        raise ValueError(f"{path}: unsupported BMP header size {hdr_size}")
    if compression not in (0, 3) or (compression == 3 and bpp not in (16, 32)):
        raise ValueError(f"{path}: compressed BMP (compression={compression}) not supported")
    top_down = height < 0
    height = abs(height)
    if width <= 0 or height == 0:
        raise ValueError(f"{path}: bad dimensions {width}x{height}")

    def lum(r, g, b):
        if r == g == b:
            return r
        return min(255, int(0.299 * r + 0.587 * g + 0.114 * b + 0.5))

    lut = None
    if bpp <= 8:
        n = clr_used or (1 << bpp)
        pal_start = 14 + hdr_size
        lut = []
        for i in range(n):
            b, g, r = data[pal_start + i * pal_entry: pal_start + i * pal_entry + 3]
            lut.append(lum(r, g, b))
        lut += [0] * (256 - len(lut))  # out-of-range indices (should not occur)
    elif bpp not in (24, 32):
        raise ValueError(f"{path}: unsupported bit depth {bpp}")

    stride = ((width * bpp + 31) // 32) * 4  # rows padded to 4 bytes
    need = pix_off + stride * height
    if len(data) < need:
        raise ValueError(f"{path}: truncated ({len(data)} < {need} bytes)")
    out = bytearray(width * height)
    for y in range(height):
        src_row = y if top_down else height - 1 - y
        row = data[pix_off + src_row * stride: pix_off + (src_row + 1) * stride]
        o = y * width
        if bpp == 8:
            out[o:o + width] = bytes(row[:width]).translate(bytes(lut))
        elif bpp < 8:
            per = 8 // bpp
            mask = (1 << bpp) - 1
            for x in range(width):
                byte = row[x // per]
                shift = 8 - bpp * (x % per + 1)
                out[o + x] = lut[(byte >> shift) & mask]
        else:
            step = bpp // 8
            for x in range(width):
                b, g, r = row[x * step: x * step + 3]
                out[o + x] = lum(r, g, b)
    return width, height, out


# ---------------------------------------------------------------- PNG writer
def _chunk(tag, payload):
    return (struct.pack(">I", len(payload)) + tag + payload
            + struct.pack(">I", zlib.crc32(tag + payload) & 0xFFFFFFFF))


def _paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def _filter_row(ftype, row, prev):
    n = len(row)
    if ftype == 0:
        return bytes(row)
    out = bytearray(n)
    for i in range(n):
        a = row[i - 1] if i else 0
        b = prev[i]
        c = prev[i - 1] if i else 0
        if ftype == 1:
            p = a
        elif ftype == 2:
            p = b
        elif ftype == 3:
            p = (a + b) >> 1
        else:
            p = _paeth(a, b, c)
        out[i] = (row[i] - p) & 0xFF
    return bytes(out)


def _cost(filtered):
    # minimum sum of absolute differences heuristic (bytes as signed)
    return sum(v if v < 128 else 256 - v for v in filtered)


def encode_png_gray(width, height, pix):
    """8-bit grayscale PNG; returns bytes. Picks the smaller of two filter strategies."""
    rows = [pix[y * width:(y + 1) * width] for y in range(height)]
    plain = b"".join(b"\x00" + bytes(r) for r in rows)
    adaptive = bytearray()
    prev = bytes(width)
    for r in rows:
        best = None
        for ft in range(5):
            fr = _filter_row(ft, r, prev)
            c = _cost(fr)
            if best is None or c < best[0]:
                best = (c, ft, fr)
        adaptive += bytes([best[1]]) + best[2]
        prev = r
    z1 = zlib.compress(plain, 9)
    z2 = zlib.compress(bytes(adaptive), 9)
    idat = z1 if len(z1) <= len(z2) else z2
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat)
            + _chunk(b"IEND", b""))


# ---------------------------------------------------------------- PNG decoder
def decode_png_gray(data):
    """Minimal decoder: 8-bit grayscale, non-interlaced. Checks CRCs. Returns (w, h, bytes)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos = 8
    idat = bytearray()
    ihdr = None
    while pos < len(data):
        length, tag = struct.unpack_from(">I4s", data, pos)
        payload = data[pos + 8: pos + 8 + length]
        crc = struct.unpack_from(">I", data, pos + 8 + length)[0]
        if zlib.crc32(tag + payload) & 0xFFFFFFFF != crc:
            raise ValueError(f"bad CRC in {tag!r}")
        pos += 12 + length
        if tag == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", payload)
        elif tag == b"IDAT":
            idat += payload
        elif tag == b"IEND":
            break
    if ihdr is None:
        raise ValueError("no IHDR")
    w, h, depth, ctype, comp, filt, interlace = ihdr
    if (depth, ctype, comp, filt, interlace) != (8, 0, 0, 0, 0):
        raise ValueError(f"unsupported PNG format {ihdr}")
    raw = zlib.decompress(bytes(idat))
    if len(raw) != h * (w + 1):
        raise ValueError("wrong decompressed size")
    out = bytearray(w * h)
    prev = bytearray(w)
    for y in range(h):
        ft = raw[y * (w + 1)]
        line = raw[y * (w + 1) + 1:(y + 1) * (w + 1)]
        cur = bytearray(w)
        for x in range(w):
            a = cur[x - 1] if x else 0
            b = prev[x]
            c = prev[x - 1] if x else 0
            if ft == 0:
                p = 0
            elif ft == 1:
                p = a
            elif ft == 2:
                p = b
            elif ft == 3:
                p = (a + b) >> 1
            elif ft == 4:
                p = _paeth(a, b, c)
            else:
                raise ValueError(f"bad filter type {ft}")
            cur[x] = (line[x] + p) & 0xFF
        out[y * w:(y + 1) * w] = cur
        prev = cur
    return w, h, bytes(out)


# ---------------------------------------------------------------- driver
def bmp_files(src, s):
    d = os.path.join(src, s)
    return sorted(f for f in os.listdir(d) if f.lower().endswith(".bmp"))


def convert(src, dst):
    for s in SETS:
        od = os.path.join(dst, s)
        os.makedirs(od, exist_ok=True)
        names = bmp_files(src, s)
        for name in names:
            w, h, pix = read_bmp_gray(os.path.join(src, s, name))
            png = encode_png_gray(w, h, pix)
            with open(os.path.join(od, os.path.splitext(name)[0] + ".png"), "wb") as f:
                f.write(png)
        shutil.copyfile(os.path.join(src, "truth", s + ".txt"), os.path.join(od, "truth.txt"))
        print(f"set {s}: {len(names)} images converted", file=sys.stderr)


def verify(src, dst):
    bad = 0
    total = 0
    for s in SETS:
        names = bmp_files(src, s)
        pngs = sorted(f for f in os.listdir(os.path.join(dst, s)) if f.endswith(".png"))
        if [os.path.splitext(n)[0] for n in names] != [os.path.splitext(p)[0] for p in pngs]:
            print(f"set {s}: file lists differ", file=sys.stderr)
            bad += 1
        for name in names:
            total += 1
            stem = os.path.splitext(name)[0]
            w, h, pix = read_bmp_gray(os.path.join(src, s, name))
            try:
                with open(os.path.join(dst, s, stem + ".png"), "rb") as f:
                    pw, ph, ppix = decode_png_gray(f.read())
            except (OSError, ValueError) as e:
                print(f"set {s}/{stem}: {e}", file=sys.stderr)
                bad += 1
                continue
            if (pw, ph) != (w, h) or ppix != bytes(pix):
                print(f"set {s}/{stem}: pixel mismatch", file=sys.stderr)
                bad += 1
        with open(os.path.join(src, "truth", s + ".txt"), "rb") as f:
            t1 = f.read()
        with open(os.path.join(dst, s, "truth.txt"), "rb") as f:
            t2 = f.read()
        if t1 != t2:
            print(f"set {s}: truth.txt differs", file=sys.stderr)
            bad += 1
    print(f"verified {total} images: {'OK' if not bad else f'{bad} problem(s)'}", file=sys.stderr)
    return bad == 0


def main():
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--src", default="/work/shared/datasets/cumcm2013b")
    ap.add_argument("--dst", default=os.path.join(repo, "fixtures", "cumcm2013b"))
    ap.add_argument("--verify", action="store_true", help="only verify existing output")
    args = ap.parse_args()
    if not args.verify:
        convert(args.src, args.dst)
    sys.exit(0 if verify(args.src, args.dst) else 1)


if __name__ == "__main__":
    main()
