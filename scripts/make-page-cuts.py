#!/usr/bin/env python3
"""Cut each S-MARQUES page's `page.jpg` (scanned before shredding) into synthetic strip sets.

    scripts/make-page-cuts.py DATA -o DIR [--variants N] [--seed S] [--unshred BIN]

For every DATA/smarques-D*/page.jpg, N sets DIR/PAGE-vK (pieces/, truth.txt: the layout of
scripts/train-real-cnn.py and the real split), cut by
`unshred shred --strips C --kerf --jitter --edge-damage --jpeg` (C so that strips are
about as wide as the page's real strips, damage drawn as make-corpus draws its
S-MARQUES-style realstrips). Training material for scripts/train-real-cnn.py: a set
made from a page is the page's own text, so a page whose page.jpg was trained on is
not held out (train-real-cnn.py --fold leaves a fold's pages out of training).
"""
import argparse
import glob
import os
import random
import subprocess
import sys
import tempfile

import numpy as np
from PIL import Image


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--variants", type=int, default=4)
    ap.add_argument("--seed", type=int, default=7171)
    ap.add_argument("--unshred", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                                                      ".build", "release", "unshred"))
    a = ap.parse_args()
    os.makedirs(a.output, exist_ok=True)
    rng = random.Random(a.seed)
    for page in sorted(glob.glob(os.path.join(a.data, "smarques-D*", "page.jpg"))):
        name = os.path.basename(os.path.dirname(page))
        strips = sorted(glob.glob(os.path.join(os.path.dirname(page), "pieces", "*")))
        width = np.mean([Image.open(p).size[0] for p in strips])
        im = Image.open(page).convert("L")
        with tempfile.TemporaryDirectory() as tmp:
            png = os.path.join(tmp, "page.png")
            im.save(png)
            for v in range(a.variants):
                cols = max(2, int(round(im.size[0] / (width + rng.uniform(-4, 4)))))
                args = [a.unshred, "shred", png, "--strips", str(cols), "--seed", str(rng.randrange(1 << 30)),
                        "--blur", f"{rng.uniform(0.0, 0.6):.2f}", "--noise", f"{rng.uniform(0.5, 3):.2f}",
                        "--kerf", str(rng.randint(1, 3)), "--jitter", str(rng.randint(1, 3)), "--edge-damage",
                        "--jpeg", str(rng.randint(80, 95)), "-o", os.path.join(tmp, "set"), "--force", "-q"]
                subprocess.run(args, check=True)
                out = os.path.join(a.output, f"{name}-v{v}")
                os.makedirs(os.path.join(out, "pieces"), exist_ok=True)
                for f in os.listdir(os.path.join(tmp, "set")):
                    dest = out if f == "truth.txt" else os.path.join(out, "pieces")
                    os.replace(os.path.join(tmp, "set", f), os.path.join(dest, f))
        print(f"{name}: {a.variants} sets", file=sys.stderr)


if __name__ == "__main__":
    main()
