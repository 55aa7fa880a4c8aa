#!/usr/bin/env python3
"""Writes the hand-made seed corpus for scripts/fuzz: small PNG, BMP and JPEG files
covering the variants the readers accept (and a few they refuse), so that the fuzzer
starts from every code path rather than from the 8-bit gray fixtures only.

    python3 fuzz/make-seeds.py      # rewrites fuzz/seeds/{png,bmp,jpeg}/*

The JPEG seeds are encoded with Pillow (libjpeg); the others are written byte by byte.
"""
import os
import struct
import zlib

ROOT = os.path.dirname(os.path.abspath(__file__))


def chunk(kind, data):
    body = kind.encode() + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def channels(color_type):
    return {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[color_type]


def pack_row(values, depth):
    """values: samples; packs sub-byte depths MSB first, 16-bit big endian."""
    if depth == 8:
        return bytes(values)
    if depth == 16:
        return b"".join(struct.pack(">H", v) for v in values)
    out, acc, bits = bytearray(), 0, 0
    for v in values:
        acc = (acc << depth) | v
        bits += depth
        if bits == 8:
            out.append(acc)
            acc, bits = 0, 0
    if bits:
        out.append(acc << (8 - bits))
    return bytes(out)


def filter_rows(rows, bpp, filt):
    out, prev = bytearray(), bytes(len(rows[0])) if rows else b""
    for i, row in enumerate(rows):
        f = filt if filt is not None else i % 5
        line = bytearray()
        for x, v in enumerate(row):
            a = row[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 0:
                p = 0
            elif f == 1:
                p = a
            elif f == 2:
                p = b
            elif f == 3:
                p = (a + b) // 2
            else:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                p = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
            line.append((v - p) & 0xFF)
        out += bytes([f]) + line
        prev = row
    return bytes(out)


ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def png(width, height, depth, color_type, sample, extra=(), interlace=False, filt=None, split_idat=False,
        palette=None, trns=None):
    n = channels(color_type)
    bpp = max(1, n * depth // 8)

    def rows_for(xs, ys):
        return [pack_row([s for x in xs for s in sample(x, y)], depth) for y in ys]

    if interlace:
        raw = b""
        for x0, y0, dx, dy in ADAM7:
            xs, ys = list(range(x0, width, dx)), list(range(y0, height, dy))
            if xs and ys:
                raw += filter_rows(rows_for(xs, ys), bpp, filt)
    else:
        raw = filter_rows(rows_for(range(width), range(height)), bpp, filt)
    data = zlib.compress(raw, 9)
    out = b"\x89PNG\r\n\x1a\n" + chunk("IHDR", struct.pack(">IIBBBBB", width, height, depth, color_type, 0, 0, int(interlace)))
    for kind, payload in extra:
        out += chunk(kind, payload)
    if palette is not None:
        out += chunk("PLTE", palette)
    if trns is not None:
        out += chunk("tRNS", trns)
    if split_idat:
        for i in range(0, len(data), 7):
            out += chunk("IDAT", data[i:i + 7])
    else:
        out += chunk("IDAT", data)
    return out + chunk("IEND", b"")


def png_seeds():
    w, h = 13, 7
    m = lambda d: (1 << d) - 1
    seeds = {}
    for depth in (1, 2, 4, 8, 16):
        seeds[f"gray{depth}"] = png(w, h, depth, 0, lambda x, y, d=depth: [((x * 3 + y * 5) % (m(d) + 1))])
    for depth in (8, 16):
        seeds[f"rgb{depth}"] = png(w, h, depth, 2, lambda x, y, d=depth: [(x * 37) & m(d), (y * 91) & m(d), (x * y) & m(d)])
        seeds[f"graya{depth}"] = png(w, h, depth, 4, lambda x, y, d=depth: [(x * 20) & m(d), (y * 40) & m(d)])
        seeds[f"rgba{depth}"] = png(w, h, depth, 6, lambda x, y, d=depth: [x & m(d), y & m(d), (x + y) & m(d), (x * 50) & m(d)])
    for depth in (1, 2, 4, 8):
        colors = min(1 << depth, 5)
        pal = bytes(v for i in range(colors) for v in (i * 60, 255 - i * 50, i * 20))
        seeds[f"palette{depth}"] = png(w, h, depth, 3, lambda x, y, c=colors: [(x + y) % c], palette=pal,
                                       trns=bytes([0, 128][:colors]))
    seeds["gray8-interlaced"] = png(w, h, 8, 0, lambda x, y: [(x * 19 + y * 7) & 255], interlace=True)
    seeds["rgba8-interlaced"] = png(9, 11, 8, 6, lambda x, y: [x * 20, y * 20, 0, 200], interlace=True)
    seeds["gray1-interlaced"] = png(w, h, 1, 0, lambda x, y: [(x ^ y) & 1], interlace=True)
    seeds["gray8-trns"] = png(w, h, 8, 0, lambda x, y: [x * 19 & 255], trns=b"\x00\x00")
    seeds["rgb8-trns"] = png(w, h, 8, 2, lambda x, y: [x, y, 0], trns=b"\x00\x01\x00\x01\x00\x00")
    seeds["gray8-splitidat"] = png(w, h, 8, 0, lambda x, y: [(x * y) & 255], split_idat=True, filt=4)
    ancillary = [
        ("gAMA", struct.pack(">I", 45455)),
        ("cHRM", struct.pack(">8I", 31270, 32900, 64000, 33000, 30000, 60000, 15000, 6000)),
        ("sBIT", bytes([5, 6, 5])),
        ("bKGD", struct.pack(">HHH", 255, 255, 255)),
        ("pHYs", struct.pack(">IIB", 2835, 2835, 1)),
        ("tEXt", b"Comment\x00seed"),
        ("zTXt", b"Title\x00\x00" + zlib.compress(b"a seed for the fuzzer")),
        ("iTXt", b"Author\x00\x00\x00\x00\x00unshred"),
        ("tIME", struct.pack(">HBBBBB", 2024, 1, 2, 3, 4, 5)),
    ]
    seeds["rgb8-ancillary"] = png(w, h, 8, 2, lambda x, y: [x * 9, y * 9, 100], extra=ancillary)
    seeds["rgb8-srgb"] = png(w, h, 8, 2, lambda x, y: [x * 9, 50, y * 9], extra=[("sRGB", b"\x00")])
    seeds["rgb8-iccp"] = png(w, h, 8, 2, lambda x, y: [x * 9, 50, y * 9],
                             extra=[("iCCP", b"profile\x00\x00" + zlib.compress(bytes(200)))])
    seeds["gray8-1x1"] = png(1, 1, 8, 0, lambda x, y: [0])
    # Large but tiny on disk: 3000 x 2000 paper (the decoder's big-allocation path).
    seeds["gray8-3000x2000"] = png(3000, 2000, 8, 0, lambda x, y: [255], filt=0)
    return seeds


def le16(v):
    return struct.pack("<H", v & 0xFFFF)


def le32(v):
    return struct.pack("<I", v & 0xFFFFFFFF)


def bmp(width, height, bpp, rows, palette=(), header=40, top_down=False, compression=0, masks=None,
        colors_used=None, raw_data=None):
    """rows: packed pixel rows top to bottom (without padding)."""
    row_bytes = ((width * bpp + 31) // 32) * 4
    if header == 12:
        info = le32(12) + le16(width) + le16(-height if top_down else height) + le16(1) + le16(bpp)
        pal = b"".join(bytes([b, g, r]) for r, g, b in palette)
    else:
        info = le32(header) + le32(width) + le32(-height if top_down else height) + le16(1) + le16(bpp)
        info += le32(compression) + le32(row_bytes * height) + le32(2835) + le32(2835)
        info += le32(len(palette) if colors_used is None else colors_used) + le32(0)
        if header >= 52 and masks:
            info += b"".join(le32(m) for m in masks[:3])
            if header >= 56:
                info += le32(masks[3] if len(masks) > 3 else 0)
        info = info.ljust(header, b"\x00")
        if header == 40 and masks:
            info += b"".join(le32(m) for m in masks[:3])
        pal = b"".join(bytes([b, g, r, 0]) for r, g, b in palette)
    if raw_data is None:
        order = range(height) if top_down else reversed(range(height))
        raw_data = b"".join(rows[y].ljust(row_bytes, b"\x00") for y in order)
    offset = 14 + len(info) + len(pal)
    return b"BM" + le32(offset + len(raw_data)) + le32(0) + le32(offset) + info + pal + raw_data


def bmp_seeds():
    w, h = 11, 5
    gray = [(i, i, i) for i in range(256)]
    seeds = {}

    def packed(bits, values):
        out, acc, n = bytearray(), 0, 0
        for v in values:
            acc, n = (acc << bits) | v, n + bits
            if n == 8:
                out.append(acc)
                acc, n = 0, 0
        if n:
            out.append(acc << (8 - n))
        return bytes(out)

    seeds["pal1"] = bmp(w, h, 1, [packed(1, [(x + y) & 1 for x in range(w)]) for y in range(h)], [(0, 0, 0), (255, 255, 255)])
    seeds["pal4"] = bmp(w, h, 4, [packed(4, [(x + y) % 16 for x in range(w)]) for y in range(h)], gray[::17])
    seeds["pal8"] = bmp(w, h, 8, [bytes((x * 20 + y) & 255 for x in range(w)) for y in range(h)], gray)
    seeds["pal8-small-palette"] = bmp(w, h, 8, [bytes((x + y) % 3 for x in range(w)) for y in range(h)], [(0, 0, 0), (128, 128, 128), (255, 255, 255)])
    seeds["pal8-topdown"] = bmp(w, h, 8, [bytes((x * y) & 255 for x in range(w)) for y in range(h)], gray, top_down=True)
    seeds["pal8-core12"] = bmp(w, h, 8, [bytes((x * 9) & 255 for x in range(w)) for y in range(h)], gray, header=12)
    seeds["rgb24"] = bmp(w, h, 24, [bytes(v for x in range(w) for v in (x * 20, y * 50, 100)) for y in range(h)])
    seeds["rgb24-core12"] = bmp(w, h, 24, [bytes(v for x in range(w) for v in (x * 20, y * 50, 7)) for y in range(h)], header=12)
    seeds["rgb32"] = bmp(w, h, 32, [bytes(v for x in range(w) for v in (x * 20, y * 50, 100, 255)) for y in range(h)])
    seeds["rgb555"] = bmp(w, h, 16, [b"".join(le16((x << 10) | (y << 5) | 7) for x in range(w)) for y in range(h)])
    seeds["rgb565-bitfields"] = bmp(w, h, 16, [b"".join(le16((x << 11) | (y << 5) | 7) for x in range(w)) for y in range(h)],
                                    compression=3, masks=(0xF800, 0x07E0, 0x001F))
    seeds["rgb32-bitfields-v4"] = bmp(w, h, 32, [b"".join(le32((x * 20 << 24) | (y * 40 << 16) | (99 << 8)) for x in range(w)) for y in range(h)],
                                      header=108, compression=3, masks=(0xFF000000, 0x00FF0000, 0x0000FF00, 0xFF))
    seeds["rgb32-bitfields-v5"] = bmp(w, h, 32, [b"".join(le32((x * 20 << 16) | (y * 40 << 8) | 99) for x in range(w)) for y in range(h)],
                                      header=124, compression=3, masks=(0xFF0000, 0xFF00, 0xFF, 0xFF000000), top_down=True)
    seeds["rgb16-bitfields-52"] = bmp(w, h, 16, [b"".join(le16(x * 999 + y) for x in range(w)) for y in range(h)],
                                      header=52, compression=3, masks=(0xF00, 0xF0, 0xF))
    seeds["rgb24-56"] = bmp(w, h, 24, [bytes(v for x in range(w) for v in (x, y, 9)) for y in range(h)], header=56)
    seeds["pal8-64"] = bmp(w, h, 8, [bytes((x * 20) & 255 for x in range(w)) for y in range(h)], gray, header=64)
    seeds["rle8"] = bmp(4, 2, 8, [], gray[:4], compression=1, raw_data=bytes([4, 1, 0, 0, 4, 2, 0, 1]))
    seeds["rle4"] = bmp(4, 2, 4, [], gray[:16:4], compression=2, raw_data=bytes([4, 0x12, 0, 0, 4, 0x21, 0, 1]))
    seeds["jpeg"] = bmp(4, 2, 0, [], compression=4, raw_data=b"\xff\xd8\xff\xd9")
    seeds["pal8-1x1"] = bmp(1, 1, 8, [b"\x00"], gray)
    return seeds


def jpeg_seeds():
    import io
    from PIL import Image

    def encode(image, **options):
        out = io.BytesIO()
        image.save(out, "JPEG", **options)
        return out.getvalue()

    w, h = 23, 17
    rgb = Image.new("RGB", (w, h))
    rgb.putdata([((x * 11) & 255, (y * 15) & 255, ((x + y) * 7) & 255) for y in range(h) for x in range(w)])
    gray = rgb.convert("L")
    seeds = {
        "gray-baseline": encode(gray, quality=90),
        "rgb-420": encode(rgb, quality=85),
        "rgb-444": encode(rgb, quality=95, subsampling=0),
        "rgb-422": encode(rgb, quality=75, subsampling=1),
        "rgb-progressive": encode(rgb, quality=80, progressive=True),
        "gray-progressive": encode(gray, quality=80, progressive=True),
        "rgb-optimized": encode(rgb, quality=60, optimize=True),
        "rgb-restart": encode(rgb, quality=70, restart_marker_blocks=1),
        "rgb-exif-comment": encode(rgb, quality=70, comment=b"a seed for the fuzzer", exif=b"Exif\x00\x00MM\x00*\x00\x00\x00\x08\x00\x00"),
        "cmyk": encode(rgb.convert("CMYK"), quality=70),
        "rgb-1x1": encode(Image.new("RGB", (1, 1), (200, 10, 10))),
        # Large but small on disk: 3000 x 2000 paper, progressive (the decoder's big-buffer path).
        "gray-3000x2000": encode(Image.new("L", (3000, 2000), 255), quality=50, progressive=True),
    }
    return seeds


def main():
    for kind, seeds in (("png", png_seeds()), ("bmp", bmp_seeds()), ("jpeg", jpeg_seeds())):
        folder = os.path.join(ROOT, "seeds", kind)
        os.makedirs(folder, exist_ok=True)
        for name in os.listdir(folder):
            os.remove(os.path.join(folder, name))
        for name, data in seeds.items():
            with open(os.path.join(folder, f"{name}.{'jpg' if kind == 'jpeg' else kind}"), "wb") as f:
                f.write(data)
        print(f"{kind}: {len(seeds)} seeds, {sum(map(len, seeds.values()))} bytes")


if __name__ == "__main__":
    main()
