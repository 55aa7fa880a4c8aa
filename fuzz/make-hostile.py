#!/usr/bin/env python3
"""Writes the hand-made hostile inputs in fuzz/regressions/ (hand-*.png, hand-*.bmp) and
their expected messages in fuzz/regressions/expected.txt. The fuzzer's own finds
(png-*, bmp-*) are kept as they were found and listed there by hand.

    python3 fuzz/make-hostile.py
"""
import importlib.util
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("seeds", os.path.join(HERE, "make-seeds.py"))
seeds = importlib.util.module_from_spec(spec)
spec.loader.exec_module(seeds)
chunk, png, bmp, le16, le32 = seeds.chunk, seeds.png, seeds.bmp, seeds.le16, seeds.le32

SIG = b"\x89PNG\r\n\x1a\n"


def ihdr(w, h, depth=8, color=0):
    return chunk("IHDR", struct.pack(">IIBBBBB", w, h, depth, color, 0, 0, 0))


def idat_for(w, h, row=None):
    raw = b"".join(b"\x00" + (row or bytes(w)) for _ in range(h))
    return chunk("IDAT", zlib.compress(raw))


def hostile():
    small = png(10, 6, 8, 0, lambda x, y: [x * 20])
    gray = [(i, i, i) for i in range(256)]
    pal8 = bmp(10, 6, 8, [bytes(range(10)) for _ in range(6)], gray)
    out = {}
    # PNG
    out["hand-png-200000x200000.png"] = (SIG + ihdr(200000, 200000) + idat_for(1, 1) + chunk("IEND", b""),
                                        "image is 200,000 x 200,000 = 40,000,000,000 pixels, above the limit of 50,000,000 pixels (raise it with --max-pixels)")
    out["hand-png-4294967295x4294967295.png"] = (SIG + ihdr(0xFFFFFFFF, 0xFFFFFFFF) + idat_for(1, 1) + chunk("IEND", b""),
                                                 "corrupt PNG data (image size 4,294,967,295 x 4,294,967,295 in IHDR")
    out["hand-png-7000x7000-tiny-data.png"] = (SIG + ihdr(7000, 7000) + idat_for(1, 1) + chunk("IEND", b""),
                                               "corrupt PNG data (10 bytes of image data cannot hold 7,000 x 7,000 pixels)")
    out["hand-png-1000001x1.png"] = (SIG + ihdr(1000001, 1) + idat_for(1000001, 1) + chunk("IEND", b""),
                                     "unsupported PNG variant (1,000,001 x 1 pixels; libpng reads at most 1,000,000 pixels each way)")
    out["hand-png-zero-width.png"] = (SIG + ihdr(0, 5) + idat_for(1, 1) + chunk("IEND", b""), "corrupt PNG data (image size 0 x 5")
    out["hand-png-signature-only.png"] = (SIG, "truncated PNG data (file ends at byte 8 before the IEND chunk)")
    out["hand-png-half-signature.png"] = (SIG[:5], "truncated PNG data (read 5 of at least 8 signature bytes)")
    out["hand-png-cut-in-idat.png"] = (small[:60], "truncated PNG data (read 60 of")
    out["hand-png-no-iend.png"] = (small[:-12], "truncated PNG data (file ends at byte")
    bad = bytearray(small)
    bad[45] ^= 0x55  # inside the IDAT data
    out["hand-png-bad-crc.png"] = (bytes(bad), "corrupt PNG data (bad CRC in chunk IDAT at byte 33)")
    out["hand-png-idat-first.png"] = (SIG + idat_for(10, 6) + ihdr(10, 6) + chunk("IEND", b""), "first chunk is IDAT, not IHDR")
    out["hand-png-ihdr-14-bytes.png"] = (SIG + chunk("IHDR", struct.pack(">IIBBBBBB", 10, 6, 8, 0, 0, 0, 0, 0)) + idat_for(10, 6) + chunk("IEND", b""),
                                         "IHDR chunk of 14 bytes, not 13")
    out["hand-png-bad-chunk-type.png"] = (small[:33] + b"\x00\x00\x00\x00\x01\x02\x03\x04\x00\x00\x00\x00" + small[33:], "bad chunk header at byte 33")
    out["hand-png-huge-chunk-length.png"] = (small[:33] + b"\xff\xff\xff\xf0IDAT" + small[41:], "corrupt PNG data (bad chunk header at byte 33)")
    out["hand-png-chunk-past-end.png"] = (small[:33] + b"\x7f\xff\xff\xf0IDAT" + small[41:], "truncated PNG data (read")
    out["hand-png-zlib-garbage.png"] = (SIG + ihdr(10, 6) + chunk("IDAT", b"\x78\x9c" + bytes(range(40))) + chunk("IEND", b""), "corrupt PNG data (libpng:")
    out["hand-png-not-enough-rows.png"] = (SIG + ihdr(10, 6) + idat_for(10, 2) + chunk("IEND", b""), "corrupt PNG data (libpng:")
    out["hand-png-bit-depth-3.png"] = (SIG + ihdr(10, 6, depth=3) + idat_for(10, 6) + chunk("IEND", b""), "corrupt PNG data (libpng:")
    out["hand-png-palette-missing.png"] = (SIG + ihdr(10, 6, color=3) + idat_for(10, 6) + chunk("IEND", b""), "corrupt PNG data (libpng:")
    out["hand-png-bad-filter-type.png"] = (SIG + ihdr(10, 6) + chunk("IDAT", zlib.compress(b"".join(b"\x09" + bytes(10) for _ in range(6)))) + chunk("IEND", b""),
                                           "corrupt PNG data (libpng:")
    # BMP
    def with_fields(base, **fields):
        b = bytearray(base)
        offsets = {"offset": (10, 4), "header": (14, 4), "width": (18, 4), "height": (22, 4), "bpp": (28, 2),
                   "compression": (30, 4), "colors": (46, 4)}
        for name, value in fields.items():
            at, size = offsets[name]
            b[at:at + size] = (le32 if size == 4 else le16)(value)
        return bytes(b)
    out["hand-bmp-200000x200000.bmp"] = (with_fields(pal8, width=200000, height=200000),
                                        "image is 200,000 x 200,000 = 40,000,000,000 pixels, above the limit of 50,000,000 pixels (raise it with --max-pixels)")
    out["hand-bmp-height-int32-min.bmp"] = (with_fields(pal8, height=-0x80000000), "corrupt BMP data (image size 10 x -2,147,483,648)")
    out["hand-bmp-negative-width.bmp"] = (with_fields(pal8, width=-10), "corrupt BMP data (image size -10 x 6)")
    out["hand-bmp-zero-height.bmp"] = (with_fields(pal8, height=0), "corrupt BMP data (image size 10 x 0)")
    out["hand-bmp-max-width-and-height.bmp"] = (with_fields(pal8, width=0x7FFFFFFF, height=-0x7FFFFFFF), "above the limit of 50,000,000 pixels")
    out["hand-bmp-header-size-999.bmp"] = (with_fields(pal8, header=999), "corrupt BMP data (unknown info header size 999)")
    out["hand-bmp-cut-short.bmp"] = (pal8[:-20], "truncated BMP data (read 1,130 of 1,150 bytes)")
    out["hand-bmp-header-cut.bmp"] = (pal8[:30], "truncated BMP data (read 30 of 54 header bytes)")
    out["hand-bmp-10-bytes.bmp"] = (pal8[:10], "truncated BMP data (read 10 of at least 18 header bytes)")
    out["hand-bmp-data-offset-past-end.bmp"] = (with_fields(pal8, offset=0xFFFFFFFF), "corrupt BMP data (pixel data offset 4,294,967,295 outside the file")
    out["hand-bmp-data-offset-in-header.bmp"] = (with_fields(pal8, offset=20), "corrupt BMP data (pixel data offset 20 outside the file")
    out["hand-bmp-7-bits.bmp"] = (with_fields(pal8, bpp=7), "corrupt BMP data (7 bits per pixel)")
    out["hand-bmp-300-colours.bmp"] = (with_fields(pal8, colors=300), "corrupt BMP data (palette of 300 colours for 8-bit pixels)")
    out["hand-bmp-4g-colours.bmp"] = (with_fields(pal8, colors=0xFFFFFFFF), "corrupt BMP data (palette of 4,294,967,295 colours")
    out["hand-bmp-rle8.bmp"] = (with_fields(pal8, compression=1), "unsupported BMP variant (RLE8 compression)")
    out["hand-bmp-rle4.bmp"] = (with_fields(pal8, compression=2, bpp=4), "unsupported BMP variant (RLE4 compression)")
    out["hand-bmp-jpeg.bmp"] = (with_fields(pal8, compression=4, bpp=0), "unsupported BMP variant (embedded JPEG)")
    out["hand-bmp-png.bmp"] = (with_fields(pal8, compression=5, bpp=0), "unsupported BMP variant (embedded PNG)")
    out["hand-bmp-compression-99.bmp"] = (with_fields(pal8, compression=99), "unsupported BMP variant (compression type 99)")
    out["hand-bmp-bitfields-24-bit.bmp"] = (with_fields(pal8, compression=3, bpp=24), "unsupported BMP variant (bit field masks with 24 bits per pixel)")
    zero_mask = bmp(4, 2, 32, [bytes(16)] * 2, compression=3, masks=(0, 0xFF00, 0xFF))
    out["hand-bmp-bitfields-zero-mask.bmp"] = (zero_mask, "corrupt BMP data (empty colour mask)")
    out["hand-bmp-bitfields-cut.bmp"] = (with_fields(pal8, compression=3, bpp=32)[:60], "truncated BMP data (bit field masks cut short)")
    out["hand-bmp-palette-cut.bmp"] = (pal8[:200], "truncated BMP data (palette cut short)")
    return out


def main():
    folder = os.path.join(HERE, "regressions")
    os.makedirs(folder, exist_ok=True)
    for name in os.listdir(folder):
        if name.startswith("hand-"):
            os.remove(os.path.join(folder, name))
    found = []
    expected_path = os.path.join(folder, "expected.txt")
    if os.path.exists(expected_path):
        found = [line for line in open(expected_path, encoding="utf-8").read().splitlines()
                 if line and not line.startswith("#") and not line.startswith("hand-")]
    lines = ["# fuzz/regressions: FILE<TAB>text the error message must contain (ok: must decode).",
             "# Every file here must give an ImageError (or decode, if its name has .ok.), never crash.",
             "# hand-*: written by fuzz/make-hostile.py; the others: found by scripts/fuzz."]
    lines += sorted(found)
    for name, (data, message) in sorted(hostile().items()):
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)
        lines.append(f"{name}\t{message}")
    with open(expected_path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{len(lines) - 3} entries in {expected_path}")


if __name__ == "__main__":
    main()
