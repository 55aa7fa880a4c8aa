#!/usr/bin/env python3
"""Turn some strips of test sets 180 degrees, as if scanned upside down.

    scripts/turn-strips.py SET... -o OUT [--fraction 0.3] [--seed 1]

Each SET (a folder with truth.txt and its pieces, beside it or in pieces/) is copied
to OUT/<set name>: the pieces drawn (a FRACTION of them, at least one, seeded) are
written turned by 180 degrees as PNG (lossless: the decoded pixels turned), the
others copied byte for byte; truth.txt marks the turned ones with '~' after the
stem (the layout format's turn mark). Only for measuring: the tool never needs it.
"""
import argparse
import os
import random
import shutil
import sys

from PIL import Image

EXTS = ('.png', '.bmp', '.jpg', '.jpeg')


def pieces_dir(path):
    sub = os.path.join(path, 'pieces')
    return sub if os.path.isdir(sub) else path


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('sets', nargs='+')
    ap.add_argument('-o', '--output', required=True)
    ap.add_argument('--fraction', type=float, default=0.3)
    ap.add_argument('--seed', type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    for path in args.sets:
        path = path.rstrip('/')
        src = pieces_dir(path)
        files = sorted(f for f in os.listdir(src) if f.lower().endswith(EXTS))
        stems = [os.path.splitext(f)[0] for f in files]
        k = max(1, round(args.fraction * len(files)))
        turned = set(rng.sample(stems, k))
        out = os.path.join(args.output, os.path.basename(path))
        os.makedirs(os.path.join(out, 'pieces'), exist_ok=True)
        for f, stem in zip(files, stems):
            if stem in turned:
                Image.open(os.path.join(src, f)).rotate(180).save(os.path.join(out, 'pieces', stem + '.png'))
            else:
                shutil.copyfile(os.path.join(src, f), os.path.join(out, 'pieces', f))
        lines = []
        for line in open(os.path.join(path, 'truth.txt')):
            if line.startswith('#'):
                lines.append(line.rstrip('\n'))
            else:
                lines.append(' '.join(c + '~' if c in turned else c for c in line.split()))
        with open(os.path.join(out, 'truth.txt'), 'w') as fh:
            fh.write('\n'.join(lines) + '\n')
        print(f'{out}: {k} of {len(files)} strips turned', file=sys.stderr)


if __name__ == '__main__':
    main()
