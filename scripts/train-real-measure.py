#!/usr/bin/env python3
"""Fits the real-cut measure on the real development split and cross-validates it.

    scripts/train-real-measure.py /work/shared/datasets/real-strips            # leave-one-page-out
    scripts/train-real-measure.py DATA --no-cv --write                         # weights from all pages
    scripts/train-real-measure.py x --selftest                                 # values the Swift tests check

The model (real_measure_lib.py, docs/real-measure.md): 2 * 6 * 6 + 1 = 73 pair
weights and 2 * 8 outside-node weights per kind of page (white strips; strips on a
dark background), fitted with a two-sided softmax (each strip's true right neighbour
among all candidates, and its true left neighbour, the outside node included), L2 on
the pair weights, L-BFGS from zero. Leave-one-page-out: the weights of a page's kind
are fitted on the other pages of that kind, the page is ordered with the ATSP over
row + column z-scored costs, and its neighbour accuracy reported. With --write, fits
each kind on all its pages and writes Sources/UnshredKit/EdgeCosts/RealCutWeights.swift.
"""
import os
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
import argparse
import glob
import sys
import time

import numpy as np
from scipy.optimize import minimize

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import real_measure_lib as rm  # noqa: E402

KINDS = ("white", "dark")


def page_data(folder):
    strips, order = rm.load_page(folder)
    kind = rm.page_kind(strips)
    X = rm.block_features(strips, rm.SHIFTS[kind])
    gl, gr = rm.edge_features(strips)
    n = len(strips)
    return dict(name=os.path.basename(folder.rstrip("/")), kind=kind, X=X, gl=gl, gr=gr, order=order, n=n,
                T=truth_matrix(order, n))


def synthetic_data(folder, variants, seed):
    """Training pages made from one real page (real_measure_lib, synthetic cuts): its
    strips cut in two (`variants` times), and for a white page its page.jpg cut into
    strips (`variants` times). Used only while that page is a training page."""
    paths = sorted(glob.glob(os.path.join(folder, "pieces", "*")))
    grays = [rm.gray_of(p) for p in paths]
    names = [os.path.splitext(os.path.basename(p))[0] for p in paths]
    truth = open(os.path.join(folder, "truth.txt")).read().split()
    order = [names.index(t) for t in truth]
    kind = rm.page_kind([rm.Strip(g) for g in grays])
    dark = kind == "dark"
    rng = np.random.default_rng(seed)
    made = [rm.cut_page(grays, order, dark, rng, rm.SHIFTS[kind] - 1 if not dark else 8) for _ in range(variants)]
    page = os.path.join(folder, "page.jpg")
    if not dark and os.path.exists(page):
        g = rm.gray_of(page)
        prof = rm.profile(grays, False)
        width = int(np.mean([x.shape[1] for x in grays]))
        made += [rm.page_strips(g, rng, prof, width, rm.SHIFTS[kind] - 1) for _ in range(variants)]
    out = []
    for pieces in made:
        strips = [rm.Strip(x) for x in pieces]
        n = len(strips)
        gl, gr = rm.edge_features(strips)
        out.append(dict(name=os.path.basename(folder.rstrip("/")), kind=kind, X=rm.block_features(strips, rm.SHIFTS[kind]),
                        gl=gl, gr=gr, order=list(range(n)), n=n, T=truth_matrix(list(range(n)), n)))
    return out


def truth_matrix(order, n):
    """T[a, b] = 1 for node a left of node b in the true cycle (node 0: outside)."""
    nodes = [0] + [k + 1 for k in order]
    T = np.zeros((n + 1, n + 1))
    for k in range(len(nodes)):
        T[nodes[k], nodes[(k + 1) % len(nodes)]] = 1
    return T


def unpack(theta):
    return theta[:rm.NFEAT], theta[rm.NFEAT:rm.NFEAT + rm.NEDGE], theta[rm.NFEAT + rm.NEDGE:]


def extended_scores(p, theta):
    w, u, v = unpack(theta)
    n = p["n"]
    E = np.empty((n + 1, n + 1))
    E[1:, 1:] = p["X"] @ w
    E[0, 1:] = p["gl"] @ u
    E[1:, 0] = p["gr"] @ v
    np.fill_diagonal(E, -np.inf)
    return E


def loss_grad(theta, pages, lam):
    total, grad = 0.0, np.zeros_like(theta)
    nf, ng = rm.NFEAT, rm.NEDGE
    for p in pages:
        n, T, weight = p["n"], p["T"], p.get("weight", 1.0)
        E = extended_scores(p, theta)
        Pr = np.exp(E - E.max(1, keepdims=True))
        Pr /= Pr.sum(1, keepdims=True)
        Pc = np.exp(E - E.max(0, keepdims=True))
        Pc /= Pc.sum(0, keepdims=True)
        total += weight * (-(np.log(Pr + 1e-300) * T).sum() - (np.log(Pc + 1e-300) * T).sum()) / n
        G = weight * ((Pr - T) + (Pc - T)) / n
        np.fill_diagonal(G, 0)
        grad[:nf] += np.tensordot(G[1:, 1:], p["X"], axes=([0, 1], [0, 1]))
        grad[nf:nf + ng] += p["gl"].T @ G[0, 1:]
        grad[nf + ng:] += p["gr"].T @ G[1:, 0]
    total += lam * (theta[:nf] ** 2).sum()
    grad[:nf] += 2 * lam * theta[:nf]
    return total, grad


def fit(pages, lam, iters=300):
    theta0 = np.zeros(rm.NFEAT + 2 * rm.NEDGE)
    res = minimize(loss_grad, theta0, args=(pages, lam), jac=True, method="L-BFGS-B", options=dict(maxiter=iters))
    return res.x


def solve(p, theta):
    t = rm.atsp(rm.zscore(-extended_scores(p, theta)), restarts=3)
    return [k - 1 for k in t[1:]]


def write_weights(thetas, path, notes):
    text = ("// Generated by scripts/train-real-measure.py --write; do not edit.\n"
            + "".join(f"// {kind}: {notes[kind]}\n" for kind in KINDS) + "\n"
            "/// Fitted weights of `RealCutMeasure` (layout: `RealCutMeasure.Weights`), per kind of page.\n"
            "enum RealCutWeights {\n")
    parts = []
    for kind in KINDS:
        w, u, v = unpack(thetas[kind].astype(np.float32))
        parts.append(rm.swift_array(f"{kind}Pair", w, f"{kind}: fine a x c, plain a x c (at a * 6 + c), alignment.")
                     + "\n" + rm.swift_array(f"{kind}Left", u, f"{kind}: outside node -> strip: per left column, whole band, constant.")
                     + "\n" + rm.swift_array(f"{kind}Right", v, f"{kind}: strip -> outside node: per right column, whole band, constant."))
    text += "\n".join(parts) + "}\n"
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)


def synthetic_strip(w, h, seed, dark):
    """A small strip for the Swift tests: a deterministic gray pattern, optionally
    on a dark background with wavy edges."""
    y, x = np.mgrid[0:h, 0:w]
    g = (255 - ((x * 37 + y * 11 + seed * 53) % 97) * 2 - ((x * y + seed) % 7) * 9).astype(np.int64)
    g = np.clip(g, 0, 255).astype(np.uint8)
    if dark:
        lo = 2 + (y[:, 0] // 5 + seed) % 3
        hi = w - 3 - (y[:, 0] // 7 + seed) % 2
        m = (x >= lo[:, None]) & (x <= hi[:, None])
        g = np.where(m, np.maximum(g, 140), 10).astype(np.uint8)
    return g


def selftest():
    """Values the Swift tests check (Tests/UnshredKitTests/EdgeCosts/RealCutMeasureTests.swift)."""
    k = np.arange(rm.NFEAT + 2 * rm.NEDGE, dtype=np.float64)
    theta = np.sin(k * 0.7) * 0.1
    for dark in (False, True):
        strips = [rm.Strip(synthetic_strip(20, 120 + 2 * s, s, dark)) for s in range(3)]
        kind = rm.page_kind(strips)
        shift = rm.SHIFTS[kind]
        print(f"dark={dark} kind={kind} left edges strip 1:", [int(v) for v in strips[1].left[:8]],
              "right:", [int(v) for v in strips[1].right[:8]])
        X = rm.block_features(strips, shift)
        print("  features X[0, 1, :6], X[0, 1, 36:42], X[0, 1, 72]:", [f"{v:.6f}" for v in X[0, 1, :6]],
              [f"{v:.6f}" for v in X[0, 1, 36:42]], f"{X[0, 1, 72]:.6f}")
        gl, gr = rm.edge_features(strips)
        p = dict(X=X, gl=gl, gr=gr, n=3)
        E = extended_scores(p, theta)
        print("  scores (sin weights):", ", ".join(f"{v:.6f}" for v in E.reshape(-1)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("--lam", type=float, default=1e-3)
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--no-cv", action="store_true")
    ap.add_argument("--selftest", action="store_true")
    ap.add_argument("--synthetic", type=int, default=0, metavar="N",
                    help="per training page, N pages of its strips cut in two and N of its page.jpg cut into strips")
    ap.add_argument("--syn-weight", type=float, default=1.0, help="weight of a synthetic page in the loss")
    ap.add_argument("--iters", type=int, default=300, help="L-BFGS iterations")
    ap.add_argument("--seed", type=int, default=4242, help="seed of the synthetic cuts")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources",
                                                  "UnshredKit", "EdgeCosts", "RealCutWeights.swift"))
    args = ap.parse_args()
    if args.selftest:
        selftest()
        return
    folders = sorted(glob.glob(os.path.join(args.data, "smarques-D*"))) + sorted(glob.glob(os.path.join(args.data, "isri-D*")))
    t0 = time.time()
    pages = [page_data(f) for f in folders]
    print(f"features: {time.time() - t0:.1f} s; kinds: "
          + ", ".join(f"{p['name']} {p['kind']}" for p in pages), file=sys.stderr)
    synthetic = {}
    if args.synthetic > 0:
        for k, f in enumerate(folders):
            synthetic[pages[k]["name"]] = [dict(q, weight=args.syn_weight)
                                           for q in synthetic_data(f, args.synthetic, args.seed + k)]
        print(f"synthetic pages: {sum(len(v) for v in synthetic.values())}, {time.time() - t0:.1f} s", file=sys.stderr)

    def training(kind, held_out=None):
        used = [q for q in pages if q["kind"] == kind and q["name"] != held_out]
        return used + [x for q in used for x in synthetic.get(q["name"], [])]
    accs = {}
    for k, p in enumerate([] if args.no_cv else pages):
        a = rm.neighbour_accuracy(solve(p, fit(training(p["kind"], p["name"]), args.lam, args.iters)), p["order"])
        accs[p["name"]] = a
        print(f"{p['name']:16s} {p['kind']:5s} {100 * a:5.1f} %", flush=True)
    for ds in ("smarques", "isri"):
        v = [a for n, a in accs.items() if n.startswith(ds)]
        if v:
            print(f"{ds:16s} mean {100 * np.mean(v):5.1f} % over {len(v)} pages (leave-one-page-out)")
    if args.write:
        thetas, notes = {}, {}
        for kind in KINDS:
            used = [p for p in pages if p["kind"] == kind]
            if not used:
                sys.exit(f"no {kind} pages to fit")
            thetas[kind] = fit(training(kind), args.lam, args.iters)
            notes[kind] = (f"fitted on {len(used)} pages ({', '.join(p['name'] for p in used)}), lam {args.lam}, "
                           f"iters {args.iters}, synthetic {args.synthetic} x {args.syn_weight} (seed {args.seed}).")
        write_weights(thetas, args.out, notes)
        print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
