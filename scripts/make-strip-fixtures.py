#!/usr/bin/env python3
"""Writes fixtures/strips/: small synthetic look-alikes of scanned strip-cut pages
(the real ones stay in the shared datasets), made from fixtures/pages/en-mono-960x1280.png.

    python3 scripts/make-strip-fixtures.py     # rewrites fixtures/strips/{white,dark}

- white/: 12 colour JPEG strips cropped to the paper (cream paper, blue-black ink),
  widths 74-86 px (cut positions jittered), some strips a row or two shorter.
- dark/: 12 colour JPEG strips on a black background, the cuts wavy (torn) and the
  whole page sheared (a slanted scan), each strip with a black margin of its own;
  masks/NNN.png is the true paper (255), as the S-ISRI-OCR dataset gives it.

Each set has pieces/NNN.jpg (numbers shuffled) and truth.txt, the project's test-set
format. Fixed seeds: the output is the same on every run (same Pillow/libjpeg).
"""
import math
import os
import random
import shutil

import numpy as np
from PIL import Image

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
PAPER = np.array([246, 240, 226], dtype=float)
INK = np.array([20, 30, 90], dtype=float)


def colour_page():
    gray = np.array(Image.open(os.path.join(ROOT, "fixtures/pages/en-mono-960x1280.png")).convert("L"), dtype=float)
    gray = gray[40:320, :]  # 960 x 280: a margin and some lines of text
    t = (gray / 255.0)[..., None]
    return (PAPER * t + INK * (1 - t)).round().clip(0, 255).astype(np.uint8)


def write_set(folder, strips, masks=None):
    if os.path.exists(folder):
        shutil.rmtree(folder)
    os.makedirs(os.path.join(folder, "pieces"))
    if masks is not None:
        os.makedirs(os.path.join(folder, "masks"))
    rng = random.Random(7 + len(strips))
    names = [f"{k:03d}" for k in range(len(strips))]
    rng.shuffle(names)
    for k, strip in enumerate(strips):
        Image.fromarray(strip).save(os.path.join(folder, "pieces", names[k] + ".jpg"), quality=90)
        if masks is not None:
            Image.fromarray(masks[k]).save(os.path.join(folder, "masks", names[k] + ".png"))
    with open(os.path.join(folder, "truth.txt"), "w") as f:
        f.write(" ".join(names) + "\n")


def white(page):
    rng = random.Random(1)
    h, w = page.shape[:2]
    cuts = [0] + [k * 80 + rng.randint(-6, 6) for k in range(1, 12)] + [w]
    strips = []
    for k in range(12):
        bottom = h - rng.choice([0, 0, 0, 1, 2])
        strips.append(page[:bottom, cuts[k]:cuts[k + 1]].copy())
    write_set(os.path.join(ROOT, "fixtures/strips/white"), strips)


def dark(page):
    rng = random.Random(2)
    h, w = page.shape[:2]
    count, shear = 12, 0.04
    base = [0] + [k * 80 for k in range(1, count)] + [w]
    phases = [rng.uniform(0, 6.28) for _ in range(count + 1)]

    def cut(k, y):  # the cut between strips k - 1 and k at row y
        if k in (0, count):
            return base[k]
        return base[k] + round(3 * math.sin(y / 17.0 + phases[k]) + 2 * math.sin(y / 5.3 + 2 * phases[k]))

    shift = [round(shear * y) for y in range(h)]
    strips, masks = [], []
    for k in range(count):
        lefts = [cut(k, y) for y in range(h)]
        rights = [cut(k + 1, y) for y in range(h)]
        margin_left, margin_right = rng.randint(6, 15), rng.randint(6, 15)
        x0 = min(lefts)
        width = max(rights) - x0 + shift[-1] + margin_left + margin_right
        strip = np.zeros((h, width, 3), dtype=np.uint8)
        mask = np.zeros((h, width), dtype=np.uint8)
        for y in range(h):
            at = lefts[y] - x0 + shift[y] + margin_left
            strip[y, at:at + rights[y] - lefts[y]] = page[y, lefts[y]:rights[y]]
            mask[y, at:at + rights[y] - lefts[y]] = 255
        strips.append(strip)
        masks.append(mask)
    write_set(os.path.join(ROOT, "fixtures/strips/dark"), strips, masks)


def main():
    page = colour_page()
    white(page)
    dark(page)
    for name in ("white", "dark"):
        folder = os.path.join(ROOT, "fixtures/strips", name, "pieces")
        size = sum(os.path.getsize(os.path.join(folder, f)) for f in os.listdir(folder))
        print(f"fixtures/strips/{name}: {len(os.listdir(folder))} strips, {size} bytes")


if __name__ == "__main__":
    main()
