#!/usr/bin/env python3
"""Writes the hand-made hostile JPEG files of fuzz/regressions/ (hand-jpeg-*.jpg) from
the seeds (fuzz/seeds/jpeg/, written by make-seeds.py): cut short, damaged, lying about
their size, or asking for more work than any scan should.

    python3 fuzz/make-hostile-jpeg.py    # rewrites fuzz/regressions/hand-jpeg-*.jpg

Their expected messages are listed in fuzz/regressions/expected.txt.
"""
import os
import struct

ROOT = os.path.dirname(os.path.abspath(__file__))


def seed(name):
    with open(os.path.join(ROOT, "seeds", "jpeg", name + ".jpg"), "rb") as f:
        return f.read()


def segments(data):
    """(marker, start, end) of each marker segment (end: past its header); entropy-coded
    data after an SOS header is skipped to the next marker that is not a stuffed 0xFF00
    or a restart marker."""
    out, i = [], 2
    while i + 4 <= len(data):
        assert data[i] == 0xFF, i
        marker = data[i + 1]
        if marker == 0xD9:
            break
        length = struct.unpack(">H", data[i + 2:i + 4])[0]
        out.append((marker, i, i + 2 + length))
        i += 2 + length
        if marker == 0xDA:
            while i + 1 < len(data) and not (data[i] == 0xFF and data[i + 1] not in (0x00,) and not 0xD0 <= data[i + 1] <= 0xD7):
                i += 1
    return out


def patch_size(data, width, height):
    for marker, start, _ in segments(data):
        if marker in (0xC0, 0xC1, 0xC2):
            return data[:start + 5] + struct.pack(">HH", height, width) + data[start + 9:]
    raise ValueError("no SOF")


def main():
    rgb = seed("rgb-420")
    prog = seed("rgb-progressive")
    scan = [s for s in segments(rgb) if s[0] == 0xDA][0][2]
    sof = next(s for s in segments(rgb) if s[0] == 0xC0)
    files = {
        "signature-only": rgb[:3],
        "cut-in-header": rgb[:40],
        "cut-in-scan": rgb[:(scan + len(rgb)) // 2],
        "no-eoi": rgb[:-2],
        "65000x65000": patch_size(rgb, 65000, 65000),
        "7000x7000-tiny-data": patch_size(rgb, 7000, 7000),
        "zero-width": patch_size(rgb, 0, 17),
        "precision-12": rgb[:sof[1] + 4] + bytes([12]) + rgb[sof[1] + 5:],
        "marker-in-scan": rgb[:scan + 20] + b"\xff\xd9" + rgb[scan + 20:],
        "no-sof": rgb[:sof[1]] + rgb[sof[2]:],
        "cmyk": seed("cmyk"),
    }
    # Progressive: its first scan (DC) repeated until there are over 600 scans.
    sos = [s for s in segments(prog) if s[0] == 0xDA]
    starts = [s[1] for s in sos] + [len(prog) - 2]
    scans = [prog[starts[k]:starts[k + 1]] for k in range(len(sos))]
    files["600-scans"] = prog[:-2] + scans[0] * 600 + b"\xff\xd9"
    out = os.path.join(ROOT, "regressions")
    for name, data in files.items():
        with open(os.path.join(out, f"hand-jpeg-{name}.jpg"), "wb") as f:
            f.write(data)
    print(f"{len(files)} files, {sum(map(len, files.values()))} bytes")


if __name__ == "__main__":
    main()
