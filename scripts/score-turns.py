#!/usr/bin/env python3
"""How many strips a layout stands the right way up, against a test set's truth.

    scripts/score-turns.py SET LAYOUT

Prints one line: strips whose orientation (the layout's '~' turn mark) matches the
truth's, of all strips; the strips the truth turned, and of those the layout turned
back; and the strips the layout turned that the truth did not. Orientation is read
per strip wherever the strip stands, so a wrong order does not count here.
"""
import sys


def marks(path):
    out = {}
    for line in open(path):
        if line.startswith('#'):
            continue
        for cell in line.split():
            out[cell.rstrip('~')] = cell.endswith('~')
    return out


def main():
    truth, got = marks(sys.argv[1] + '/truth.txt'), marks(sys.argv[2])
    right = sum(1 for k, v in truth.items() if got.get(k) == v)
    turned = [k for k, v in truth.items() if v]
    back = sum(1 for k in turned if got.get(k))
    false = sum(1 for k, v in truth.items() if not v and got.get(k))
    print(f'{sys.argv[1]}: {right}/{len(truth)} the right way up; {back}/{len(turned)} turned strips found; {false} turned wrongly')


if __name__ == '__main__':
    main()
