#!/usr/bin/env python3
"""Score `unshred extract` on scans made by compose-scans.py.

    scripts/score-extract.py COMPOSED_DIR PIECES_DIR [LAYOUT]
Matches each extracted piece (PIECES_DIR/pieces.csv) to the strip laid nearest its centre
(COMPOSED_DIR/truth.csv); reports strips found exactly once, missed, found twice, and
extras. With LAYOUT (the table `unshred PIECES_DIR` printed) and the page's truth.txt
(found beside the page folder named in the scan: ../shared/datasets/real-strips/PAGE),
prints neighbour accuracy: the share of true adjacent pairs that are adjacent, in order,
in the layout.
"""
import csv, os, sys
from collections import Counter

composed, pieces = sys.argv[1], sys.argv[2]
layout = sys.argv[3] if len(sys.argv) > 3 else None
truth = list(csv.DictReader(open(os.path.join(composed, "truth.csv"))))
found = list(csv.DictReader(open(os.path.join(pieces, "pieces.csv"))))
match = {}
for f in found:
    scan = f["scan"].rsplit(".", 1)[0]
    cands = [t for t in truth if t["scan"] == scan]
    best = min(cands, key=lambda t: (float(t["centre_x"]) - float(f["centre_x"])) ** 2 + (float(t["centre_y"]) - float(f["centre_y"])) ** 2)
    d = ((float(best["centre_x"]) - float(f["centre_x"])) ** 2 + (float(best["centre_y"]) - float(f["centre_y"])) ** 2) ** 0.5
    match[f["name"]] = (best["scan"], best["piece"]) if d < 40 else None
counts = Counter(v for v in match.values() if v)
scans = sorted({f["scan"].rsplit(".", 1)[0] for f in found})
laid = [(t["scan"], t["piece"]) for t in truth if t["scan"] in scans]
once = sum(1 for k in laid if counts[k] == 1)
print(f"strips laid {len(laid)}, found exactly once {once}, missed {sum(1 for k in laid if counts[k] == 0)}, "
      f"found more than once {sum(1 for k in laid if counts[k] > 1)}, extra pieces {sum(1 for v in match.values() if v is None)}")
if layout:
    order = [match.get(n) for n in open(layout).read().split() if not n.startswith("#")]
    order = [o[1] if o else None for o in order]
    page = truth[0]["scan"].rsplit("-", 2)[0] if truth else ""
    page = next(t["scan"] for t in truth if t["scan"] in scans).rsplit("-", 2)[0]
    here = os.path.dirname(os.path.abspath(__file__))
    true = open(os.path.join(here, "..", "..", "shared", "datasets", "real-strips", page, "truth.txt")).read().split()
    pairs = set(zip(true, true[1:]))
    got = set(zip(order, order[1:]))
    print(f"{page}: neighbour accuracy {100 * len(pairs & got) / len(pairs):.1f} % ({len(pairs & got)} of {len(pairs)} true pairs)")
