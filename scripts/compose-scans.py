#!/usr/bin/env python3
"""Compose flatbed-scan look-alikes from a page's real strips, for `unshred extract`.

Each page's strips (pieces/NNN.jpeg on black, masks/NNN.png = paper; a page without
masks/, as S-MARQUES, whose strips are cropped to the paper: every pixel paper) are shuffled,
turned by up to --max-angle degrees, laid left to right 15-45 px apart on a coloured
sheet (black, blue, yellow or green, with a little scanner noise) and saved as JPEG.
A page whose strips do not fit one sheet (--width) goes onto several sheets.
With --pressed P, each strip after the first on a sheet is, with probability P, laid
against the one before it along its whole length (turned parallel to it, within 0.2
degrees, and shifted left until no sheet shows between them on any row; the later strip
lies on top), as a person presses strips together.
Writes OUT/PAGE-COLOUR-K.jpeg and OUT/truth.csv (scan,piece,centre_x,centre_y,angle,pressed;
pressed = 1 when the strip lies against the one before it).

    scripts/compose-scans.py ../shared/datasets/real-strips/isri-D001 ... -o /tmp/composed --seed 1
Development only: nothing in the tool or its tests reads these.
"""
import argparse, csv, os, random
import numpy as np
from PIL import Image

SHEETS = {"black": (18, 18, 20), "blue": (38, 72, 158), "yellow": (246, 204, 74), "green": (58, 146, 84)}

def slant(mask):
    """Slope (px across per px down) of a strip's centre line, fitted to its rows."""
    p = np.asarray(mask) > 127
    rows = np.where(p.any(axis=1))[0]
    first = np.argmax(p[rows], axis=1)
    last = p.shape[1] - 1 - np.argmax(p[rows, ::-1], axis=1)
    return np.polyfit(rows, (first + last) / 2, 1)[0]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pages", nargs="+")
    ap.add_argument("-o", "--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--width", type=int, default=2550)
    ap.add_argument("--max-angle", type=float, default=2.5)
    ap.add_argument("--colours", default="black,blue,yellow,green")
    ap.add_argument("--quality", type=int, default=90)
    ap.add_argument("--pressed", type=float, default=0.0,
                    help="probability that a strip is laid against the one before it (0..1)")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    rows = []
    colours = a.colours.split(",")
    for pi, page in enumerate(a.pages):
        name = os.path.basename(os.path.normpath(page))
        files = sorted(f for f in os.listdir(os.path.join(page, "pieces")) if not f.startswith("."))
        rng.shuffle(files)
        colour = colours[pi % len(colours)]
        strips = []
        for f in files:
            stem = f.rsplit(".", 1)[0]
            im = Image.open(os.path.join(page, "pieces", f)).convert("RGB")
            mask_file = os.path.join(page, "masks", stem + ".png")
            m = Image.open(mask_file).convert("L") if os.path.exists(mask_file) else Image.new("L", im.size, 255)
            press = a.pressed > 0 and bool(strips) and rng.random() < a.pressed   # no draw: seeds keep their scans
            if press:
                # a strip pressed against the one before lies parallel to it (within 0.2
                # degrees): turned so that its slant (each real strip has its own) matches
                target = slant(strips[-1][2]) + np.tan(np.radians(rng.uniform(-0.2, 0.2)))
                s0, s1 = slant(m.rotate(0, expand=True)), slant(m.rotate(1, expand=True))
                ang = (target - s0) / (s1 - s0)
            else:
                ang = rng.uniform(-a.max_angle, a.max_angle)
            # the colour premultiplied by the paper's coverage, turned with it: a pixel the
            # edge crosses is then paper and sheet in proportion (coverage counted once)
            im = Image.fromarray((np.asarray(im, dtype=np.float32) * (np.asarray(m, dtype=np.float32)[..., None] / 255)
                                  ).round().astype(np.uint8))
            im = im.rotate(ang, resample=Image.BICUBIC, expand=True)
            m = m.rotate(ang, resample=Image.BILINEAR, expand=True)
            # crop to the paper's bounding box after turning
            box = m.point(lambda v: 255 if v > 127 else 0).getbbox()
            strips.append((stem, im.crop(box), m.crop(box), ang, press))
        # deal strips onto sheets of at most a.width px
        sheets, cur, x = [], [], 40
        for s in strips:
            w = s[1].width
            if cur and x + w + 40 > a.width:
                sheets.append(cur); cur, x = [], 40
            gap = rng.randint(15, 45)   # drawn once: the strips are laid with the gaps they were dealt with
            cur.append(s + (gap,)); x += w + gap
        if cur: sheets.append(cur)
        for k, sheet in enumerate(sheets):
            H = max(s[1].height for s in sheet) + 2 * rng.randint(30, 60)
            base = np.array(SHEETS[colour], dtype=np.float32)
            yy, xx = np.mgrid[0:H, 0:a.width].astype(np.float32)
            shade = 1.0 + 0.04 * (xx / a.width - 0.5) - 0.03 * (yy / H - 0.5)   # uneven lighting
            canvas = base[None, None, :] * shade[..., None] + np.random.default_rng(a.seed * 100 + pi * 10 + k).normal(0, 3, (H, a.width, 3))
            x = 40
            scan = f"{name}-{colour}-{k + 1}"
            right = None   # per canvas row: the rightmost paper column of the strip before, -1 = none
            for stem, im, m, ang, press, gap in sheet:
                y = rng.randint(20, H - im.height - 20) if H - im.height > 40 else (H - im.height) // 2
                paper = np.asarray(m) > 127
                pressed = right is not None and press
                if pressed:
                    # leftmost paper column of each row of this strip; the shift that
                    # leaves no sheet between it and the strip before on any shared row
                    # (the rows of both strips' ends, the outer 3 %, left out: corners)
                    rows_here = np.arange(im.height)
                    has = paper.any(axis=1)
                    inner = np.zeros_like(has)
                    r = np.where(has)[0]
                    cut = max(1, len(r) * 3 // 100)
                    inner[r[cut]:r[-cut] + 1] = True
                    first = np.argmax(paper, axis=1)
                    prev = right[y + rows_here]
                    shared = has & inner & (prev >= 0)
                    if shared.any():
                        x = int(np.min(prev[shared] - first[shared]))   # touches (1 px overlap) where closest
                    else:
                        pressed = False
                alpha = np.asarray(m, dtype=np.float32)[..., None] / 255.0
                region = canvas[y:y + im.height, x:x + im.width]
                region[:] = region * (1 - alpha) + np.asarray(im, dtype=np.float32)   # im is premultiplied
                rows.append((scan, stem, x + im.width / 2, y + im.height / 2, ang, int(pressed)))
                right = np.full(H, -1)
                has = paper.any(axis=1)
                r = np.where(has)[0]
                cut = max(1, len(r) * 3 // 100)
                has[:r[cut]] = False
                has[r[-cut] + 1:] = False
                last = im.width - 1 - np.argmax(paper[:, ::-1], axis=1)
                right[y:y + im.height][has] = x + last[has]
                x += im.width + gap
            Image.fromarray(np.clip(canvas, 0, 255).astype(np.uint8)).save(
                os.path.join(a.out, scan + ".jpeg"), quality=a.quality)
    with open(os.path.join(a.out, "truth.csv"), "w", newline="") as f:
        w = csv.writer(f); w.writerow(["scan", "piece", "centre_x", "centre_y", "angle", "pressed"])
        for r in rows: w.writerow([r[0], r[1], f"{r[2]:.1f}", f"{r[3]:.1f}", f"{r[4]:.3f}", r[5]])

if __name__ == "__main__":
    main()
