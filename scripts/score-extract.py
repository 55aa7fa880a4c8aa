#!/usr/bin/env python3
"""Score `unshred extract` on scans made by compose-scans.py.

    scripts/score-extract.py COMPOSED_DIR PIECES_DIR [LAYOUT] [--test-set OUT]
Matches each extracted piece (PIECES_DIR/pieces.csv) to the strip laid nearest its centre
(COMPOSED_DIR/truth.csv; a piece spanning the centres of several strips matches none: it
holds them all, pressed together); reports strips found exactly once, missed, found twice, and
extras. With LAYOUT (the table `unshred PIECES_DIR` printed) and the page's truth.txt
(found beside the page folder named in the scan: ../shared/datasets/real-strips/PAGE),
prints neighbour accuracy: the share of true adjacent pairs that are adjacent, in order,
in the layout. With --test-set OUT, writes OUT/pieces/ (the extracted pieces matched to
exactly one strip) and OUT/truth.txt (their names in the page's true order): a test set
for `unshred batch OUT` (one page's pieces in PIECES_DIR).
"""
import csv, os, shutil, sys
from collections import Counter

args = sys.argv[1:]
test_set = None
if "--test-set" in args:
    i = args.index("--test-set")
    test_set = args[i + 1]
    del args[i:i + 2]
composed, pieces = args[0], args[1]
layout = args[2] if len(args) > 2 else None
truth = list(csv.DictReader(open(os.path.join(composed, "truth.csv"))))
found = list(csv.DictReader(open(os.path.join(pieces, "pieces.csv"))))
match = {}
merged = []
for f in found:
    scan = f["scan"].rsplit(".", 1)[0]
    cands = [t for t in truth if t["scan"] == scan]
    best = min(cands, key=lambda t: (float(t["centre_x"]) - float(f["centre_x"])) ** 2 + (float(t["centre_y"]) - float(f["centre_y"])) ** 2)
    d = ((float(best["centre_x"]) - float(f["centre_x"])) ** 2 + (float(best["centre_y"]) - float(f["centre_y"])) ** 2) ** 0.5
    # a piece whose width spans the centres of several strips holds them all: none found
    spanned = [t for t in cands if abs(float(t["centre_x"]) - float(f["centre_x"])) < float(f["width"]) / 2]
    if len(spanned) > 1:
        merged.append((f["name"], [t["piece"] for t in spanned]))
        match[f["name"]] = "merged"
        continue
    match[f["name"]] = (best["scan"], best["piece"]) if d < 40 else None
counts = Counter(v for v in match.values() if v and v != "merged")
scans = sorted({f["scan"].rsplit(".", 1)[0] for f in found})
laid = [(t["scan"], t["piece"]) for t in truth if t["scan"] in scans]
once = sum(1 for k in laid if counts[k] == 1)
print(f"strips laid {len(laid)}, found exactly once {once}, missed {sum(1 for k in laid if counts[k] == 0)}, "
      f"found more than once {sum(1 for k in laid if counts[k] > 1)}, extra pieces {sum(1 for v in match.values() if v is None)}, "
      f"pieces holding several strips {len(merged)} ({sum(len(m[1]) for m in merged)} strips)")
if layout:
    order = [match.get(n) for n in open(layout).read().split() if not n.startswith("#")]
    order = [o if o != "merged" else None for o in order]
    order = [o[1] if o else None for o in order]
    page = truth[0]["scan"].rsplit("-", 2)[0] if truth else ""
    page = next(t["scan"] for t in truth if t["scan"] in scans).rsplit("-", 2)[0]
    here = os.path.dirname(os.path.abspath(__file__))
    true = open(os.path.join(here, "..", "..", "shared", "datasets", "real-strips", page, "truth.txt")).read().split()
    pairs = set(zip(true, true[1:]))
    got = set(zip(order, order[1:]))
    print(f"{page}: neighbour accuracy {100 * len(pairs & got) / len(pairs):.1f} % ({len(pairs & got)} of {len(pairs)} true pairs)")
if test_set:
    page = next(t["scan"] for t in truth if t["scan"] in scans).rsplit("-", 2)[0]
    here = os.path.dirname(os.path.abspath(__file__))
    true = open(os.path.join(here, "..", "..", "shared", "datasets", "real-strips", page, "truth.txt")).read().split()
    name_of = {v: n for n, v in match.items() if v and v != "merged" and counts[v] == 1}
    os.makedirs(os.path.join(test_set, "pieces"), exist_ok=True)
    names = []
    for stem in true:
        key = next((k for k in name_of if k[1] == stem), None)
        if key is None:
            continue
        names.append(name_of[key])
        shutil.copy(os.path.join(pieces, name_of[key] + ".png"), os.path.join(test_set, "pieces", name_of[key] + ".png"))
    open(os.path.join(test_set, "truth.txt"), "w").write(" ".join(names) + "\n")
    print(f"{page}: test set {test_set}: {len(names)} of {len(true)} strips")
