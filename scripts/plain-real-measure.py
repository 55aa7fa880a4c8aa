#!/usr/bin/env python3
"""Unlearned real-cut measure, a Python prototype (docs/real-measure.md, "Unlearned").

Nothing is fitted. Per strip, the bands of real_measure_lib (ink read inward from each
row's paper edge, each column standardised over the strip's rows). Strip i left of j:

    r_i[y] = mean of i's right-band columns a0, a0+1 (a0 = 0: the outermost paper column)
    l_j[y] = mean of j's left-band columns b0, b0+1, minus (option) j's column 0
    score(i, j) = max over s in -SHIFT..SHIFT of mean_y r_i[y] * l_j[y + s]

Per page (instance), (a0, b0[, minus column 0]) is chosen among a small family without
the truth: the choice whose score matrix is the most decisive (mean over strips of the
gap between the best and second-best candidate's row z-score). The outside node scores
minus the band's mean raw ink; costs are row + column z-scores, solved by the lib's ATSP.

Usage:  OPENBLAS_NUM_THREADS=1 scripts/plain-real-measure.py DATA [--family white|dark|switch]
  white:  (a0, b0) in 0..4 x 0..4
  dark:   the same plus "minus column 0" for b0 >= 1
  switch: dark on pages that stand on a background (rm.paper_edges finds one), else white
"""
import argparse
import glob
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import real_measure_lib as rm  # noqa: E402

SHIFT = 3   # knob 1: vertical shifts tried per pair
WIDTH = 2   # knob 2: band columns averaged on each side
DEPTH = 5   # knob 3: first columns a0, b0 tried: 0..DEPTH-1


def load(folder):
    paths = sorted(glob.glob(os.path.join(folder, "pieces", "*")))
    names = [os.path.splitext(os.path.basename(p))[0] for p in paths]
    sides, dark = [], False
    for p in paths:
        g = rm.gray_of(p)
        left, right = rm.paper_edges(g)
        dark = dark or not (left == 0).all() or not (right == g.shape[1] - 1).all()
        L, R = rm.bands(g, left, right, 0)
        sides.append((rm.standardise(L), rm.standardise(R), L.mean(), R.mean()))
    truth = open(os.path.join(folder, "truth.txt")).read().split()
    index = {n: k for k, n in enumerate(names)}
    return sides, [index[t] for t in truth], dark


def scores(sides, a0, b0, minus_edge):
    n = len(sides)
    h = min(s[0].shape[0] for s in sides)
    r = np.stack([s[1][:h, a0:a0 + WIDTH].mean(1) for s in sides])
    l = np.stack([s[0][:h, b0:b0 + WIDTH].mean(1) for s in sides])
    if minus_edge:
        l = l - np.stack([s[0][:h, 0] for s in sides])
    rows = h - 2 * SHIFT
    rc = r[:, SHIFT:SHIFT + rows]
    best = np.full((n, n), -np.inf)
    for s in range(2 * SHIFT + 1):
        best = np.maximum(best, rc @ l[:, s:s + rows].T / rows)
    E = np.empty((n + 1, n + 1))
    E[1:, 1:] = best
    E[0, 1:] = -np.array([s[2] for s in sides])
    E[1:, 0] = -np.array([s[3] for s in sides])
    np.fill_diagonal(E, -np.inf)
    return E


def decisiveness(E):
    """Mean over strips of (best - second best) row z-score among the other strips."""
    M = E[1:, 1:]
    n = M.shape[0]
    gaps = []
    for i in range(n):
        row = np.delete(M[i], i)
        if row.std() < 1e-9:
            continue
        z = np.sort((row - row.mean()) / row.std())
        gaps.append(z[-1] - z[-2])
    return np.mean(gaps) if gaps else 0.0


def choose(sides, with_minus):
    best = None
    for a0 in range(DEPTH):
        for b0 in range(DEPTH):
            for minus in ([False, True] if with_minus and b0 >= 1 else [False]):
                E = scores(sides, a0, b0, minus)
                d = decisiveness(E)
                if best is None or d > best[0]:
                    best = (d, E, (a0, b0, minus))
    return best[1], best[2]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("--family", choices=["white", "dark", "switch"], default="switch")
    args = ap.parse_args()
    folders = sorted(glob.glob(os.path.join(args.data, "smarques-D*"))) + sorted(glob.glob(os.path.join(args.data, "isri-D*")))
    per = {}
    for f in folders:
        sides, order, dark = load(f)
        with_minus = args.family == "dark" or (args.family == "switch" and dark)
        E, chosen = choose(sides, with_minus)
        t = rm.atsp(rm.zscore(-E), restarts=3)
        acc = rm.neighbour_accuracy([k - 1 for k in t[1:]], order)
        name = os.path.basename(f)
        per[name] = acc
        print(f"{name:16s} {100 * acc:5.1f} %  a0={chosen[0]} b0={chosen[1]} minus_edge={chosen[2]}", flush=True)
    for ds in ("smarques", "isri"):
        v = [a for k, a in per.items() if k.startswith(ds)]
        if v:
            print(f"{ds:16s} mean {100 * np.mean(v):5.1f} % over {len(v)} pages (unlearned; dev-split figure)")


if __name__ == "__main__":
    main()
