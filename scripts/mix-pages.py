#!/usr/bin/env python3
"""Mix the strips of several test sets (one page each) into one folder.

    scripts/mix-pages.py SET... -o OUT [--seed 1]

The pieces of all SETs are copied into OUT/pieces under new shuffled numeric names
(000, 001, ...; the name says nothing of the page), and OUT/truth.txt holds one
'# <set name>' block per page, its row in the new names (turn marks kept). Only for
measuring mixed pages (`unshred batch OUT`); the tool never needs it.
"""
import argparse
import os
import random
import shutil

EXTS = ('.png', '.bmp', '.jpg', '.jpeg')


def pieces_dir(path):
    sub = os.path.join(path, 'pieces')
    return sub if os.path.isdir(sub) else path


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('sets', nargs='+')
    ap.add_argument('-o', '--output', required=True)
    ap.add_argument('--seed', type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    entries = []  # (set, stem, file)
    for path in args.sets:
        path = path.rstrip('/')
        src = pieces_dir(path)
        for f in sorted(os.listdir(src)):
            if f.lower().endswith(EXTS):
                entries.append((path, os.path.splitext(f)[0], os.path.join(src, f)))
    digits = max(3, len(str(len(entries) - 1)))
    numbers = list(range(len(entries)))
    rng.shuffle(numbers)
    rename = {}
    os.makedirs(os.path.join(args.output, 'pieces'), exist_ok=True)
    for (path, stem, file), number in zip(entries, numbers):
        new = str(number).zfill(digits)
        rename[(path, stem)] = new
        shutil.copyfile(file, os.path.join(args.output, 'pieces', new + os.path.splitext(file)[1].lower()))
    blocks = []
    for path in args.sets:
        path = path.rstrip('/')
        blocks.append('# ' + os.path.basename(path))
        for line in open(os.path.join(path, 'truth.txt')):
            if line.startswith('#') or not line.strip():
                continue
            cells = []
            for cell in line.split():
                mark = '~' if cell.endswith('~') else ''
                cells.append(rename[(path, cell.rstrip('~'))] + mark)
            blocks.append(' '.join(cells))
    with open(os.path.join(args.output, 'truth.txt'), 'w') as fh:
        fh.write('\n'.join(blocks) + '\n')


if __name__ == '__main__':
    main()
