#!/usr/bin/env python3
"""Compares the paper the tool finds with given masks (e.g. S-ISRI-OCR's masks/NNN.png).

    scripts/paper-iou.py BIN SET...     # SET: a folder with pieces/ and masks/

Runs `BIN SET/pieces --paper-masks TMP -q` and prints, per set, the intersection over
union of the paper pixels (255) of all its pieces together, and the worst piece's.
Development aid only; the tool does not need it.
"""
import os
import subprocess
import sys
import tempfile

import numpy as np
from PIL import Image


def main():
    if len(sys.argv) < 3:
        print(__doc__.strip())
        sys.exit(64)
    binary, sets = sys.argv[1], sys.argv[2:]
    for path in sets:
        with tempfile.TemporaryDirectory() as out:
            subprocess.run([binary, os.path.join(path, "pieces"), "--paper-masks", out, "-q",
                            "--layout", os.path.join(out, "layout.txt")], check=True)
            both = either = 0
            worst = (2.0, "")
            for name in sorted(os.listdir(os.path.join(path, "masks"))):
                truth = np.array(Image.open(os.path.join(path, "masks", name)).convert("L")) >= 128
                found = np.array(Image.open(os.path.join(out, name)).convert("L")) >= 128
                b, e = int((truth & found).sum()), int((truth | found).sum())
                both += b
                either += e
                worst = min(worst, (b / e if e else 1.0, name))
            print(f"{path}: IoU {both / either:.5f}, worst piece {worst[1]} {worst[0]:.5f}")


if __name__ == "__main__":
    main()
