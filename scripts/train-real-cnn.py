#!/usr/bin/env python3
"""Fits the convolutional real-cut measure on synthetic strips and scores it on real pages.

    scripts/train-real-cnn.py --train CORPUS [--train CORPUS2 ...] --eval DATA       # fit, then score DATA
    scripts/train-real-cnn.py --train CORPUS --eval DATA --write                      # also write the weights
    scripts/train-real-cnn.py x --selftest                                            # values the Swift tests check

CORPUS: a `scripts/make-corpus --kinds realstrips` folder (rendered pages cut by
`unshred shred --kerf --jitter --edge-damage --skew --background --jpeg`); DATA: the
real development split (smarques-D*, isri-D*). The real pages are never trained on,
so their figures are held out.

The model (docs/real-measure.md, "Convolutional measure"), per kind of page (white
strips; strips on a dark background):

- per side of a strip, the NB columns (28; REALNET_BAND, 14 before session 9) read inward
  from each row's paper edge (real_measure_lib.Strip), ink 0..1, each column standardised
  over the set's common rows (std + EPS); weights of fewer columns (--init) are widened
  with zeros (the same function at the start);
- two 1-D convolutions down the rows, the band's columns as input channels
  (C1 filters of K1 rows, ReLU, then D filters of K2 rows, zero padding): a D-vector
  per row. Right sides and left sides have their own filters (asymmetric);
- strip i left of strip j: rows in blocks of 50; per block the largest over shifts
  s in -S..S of the mean over the block's rows of <eR_i[y], eL_j[y + s]>; the score is
  the mean over blocks; the outside node (page edges) as in the linear model (mean
  raw ink of the first 6 columns, of the band, 1);
- fitted with the two-sided softmax of train-real-measure.py (Adam, random row crops,
  whole pages turned 180 degrees as more pages).
"""
import os
os.environ.setdefault("OPENBLAS_NUM_THREADS", "2")
os.environ.setdefault("OMP_NUM_THREADS", "2")
import argparse
import glob
import json
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import real_measure_lib as rm  # noqa: E402

torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "2")))

KINDS = ("white", "dark")
BAND = rm.BAND          # the band of the linear model and of the edge features
NB = int(os.environ.get("REALNET_BAND", "28"))   # columns the net reads inward (RealCutNet.band; 14 before session 9)
C1, K1 = 16, 7
D, K2 = 8, 5
PAD = (K1 // 2) + (K2 // 2)
BLOCK = rm.BLOCK
SHIFTS = rm.SHIFTS


def standardise(X):
    m = X.mean(0, keepdims=True)
    s = X.std(0, keepdims=True)
    return ((X - m) / (s + rm.EPS)).astype(np.float32)


def load_set(folder):
    """A set as strips: (strips, order, kind); strips marked `~` in truth.txt are turned upright."""
    paths = sorted(glob.glob(os.path.join(folder, "pieces", "*")))
    names = [os.path.splitext(os.path.basename(p))[0] for p in paths]
    truth = open(os.path.join(folder, "truth.txt")).read().split()
    turned = {t.rstrip("~") for t in truth if t.endswith("~")}
    strips = []
    for p, nm in zip(paths, names):
        g = rm.gray_of(p)
        if nm in turned:
            g = g[::-1, ::-1].copy()
        strips.append(rm.Strip(g, nm))
    index = {s.name: k for k, s in enumerate(strips)}
    order = [index[t.rstrip("~")] for t in truth]
    return strips, order, rm.page_kind(strips)


def page_tensors(strips, order):
    h = min(s.h for s in strips)
    R = np.stack([standardise(s.Rwide[:h, :NB].astype(np.float64)) for s in strips])      # n x h x NB
    L = np.stack([standardise(s.Lwide[:h, :NB].astype(np.float64)) for s in strips])
    gl, gr = rm.edge_features(strips)
    return dict(R=torch.from_numpy(R).permute(0, 2, 1).contiguous(),  # n x BAND x h
                L=torch.from_numpy(L).permute(0, 2, 1).contiguous(),
                gl=torch.from_numpy(gl.astype(np.float32)), gr=torch.from_numpy(gr.astype(np.float32)),
                order=list(order), n=len(strips), h=h)


def turned_page(p):
    """The page turned 180 degrees: strip order reversed, each strip's right side (rows
    reversed) becomes its left side."""
    n = p["n"]
    return dict(R=p["L"].flip(2).contiguous(), L=p["R"].flip(2).contiguous(), gl=p["gr"], gr=p["gl"],
                order=list(reversed(p["order"])), n=n, h=p["h"])


class Measure(torch.nn.Module):
    def __init__(self, shift):
        super().__init__()
        self.shift = shift
        self.r1 = torch.nn.Conv1d(NB, C1, K1, padding=K1 // 2)
        self.r2 = torch.nn.Conv1d(C1, D, K2, padding=K2 // 2)
        self.l1 = torch.nn.Conv1d(NB, C1, K1, padding=K1 // 2)
        self.l2 = torch.nn.Conv1d(C1, D, K2, padding=K2 // 2)
        self.u = torch.nn.Parameter(torch.zeros(rm.NEDGE))
        self.v = torch.nn.Parameter(torch.zeros(rm.NEDGE))

    def embed(self, X, right):
        if right:
            return self.r2(torch.relu(self.r1(X)))
        return self.l2(torch.relu(self.l1(X)))

    def pair_scores(self, eR, eL):
        """eR, eL: n x D x H with H = m + 2 shift: i's rows shift..shift+m meet j's rows s..s+m."""
        S = self.shift
        n, _, H = eR.shape
        m = (H - 2 * S) // BLOCK * BLOCK
        nb = m // BLOCK
        Rb = eR[:, :, S:S + m].reshape(n, D, nb, BLOCK).permute(2, 0, 1, 3).reshape(nb, n, D * BLOCK)
        best = None
        for s in range(2 * S + 1):
            Lb = eL[:, :, s:s + m].reshape(n, D, nb, BLOCK).permute(2, 0, 1, 3).reshape(nb, n, D * BLOCK)
            P = torch.bmm(Rb, Lb.transpose(1, 2)) / BLOCK                     # nb x n x n
            best = P if best is None else torch.maximum(best, P)
        return best.mean(0)

    def extended(self, p, rows=None):
        """(n+1) x (n+1) scores, node 0 outside. rows: (y0, H) crop of the common rows."""
        R, L = p["R"], p["L"]
        if rows is not None:
            y0, H = rows
            lo, hi = max(0, y0 - PAD), min(p["h"], y0 + H + PAD)
            eR = self.embed(R[:, :, lo:hi], True)[:, :, y0 - lo:y0 - lo + H]
            eL = self.embed(L[:, :, lo:hi], False)[:, :, y0 - lo:y0 - lo + H]
        else:
            eR, eL = self.embed(R, True), self.embed(L, False)
        n = p["n"]
        E = torch.empty(n + 1, n + 1)
        E[1:, 1:] = self.pair_scores(eR, eL)
        E[0, 1:] = p["gl"] @ self.u
        E[1:, 0] = p["gr"] @ self.v
        E = E.masked_fill(torch.eye(n + 1, dtype=torch.bool), float("-inf"))
        return E


def gaussian(sigma):
    r = max(1, int(3 * sigma + 0.5))
    x = torch.arange(-r, r + 1, dtype=torch.float32)
    k = torch.exp(-0.5 * (x / sigma) ** 2)
    return k / k.sum()


def augmented(p, rng):
    """A page's bands as a blurrier, noisier scan would give them (S-ISRI-OCR's strips
    are blurrier and greyer than the rendered ones): per side a Gaussian blur down the
    rows (sigma 0-1.5) and across the band (0-1), noise, then standardised again."""
    out = dict(p)
    for key in ("R", "L"):
        X = p[key]
        n, c, h = X.shape
        sy, sx = rng.uniform(0.0, 1.5), rng.uniform(0.0, 1.0)
        Y = X.unsqueeze(1)                                                   # n x 1 x c x h
        if sy > 0.3:
            k = gaussian(sy)
            Y = torch.nn.functional.conv2d(torch.nn.functional.pad(Y, (len(k) // 2, len(k) // 2, 0, 0), mode="replicate"),
                                           k.view(1, 1, 1, -1))
        if sx > 0.3:
            k = gaussian(sx)
            Y = torch.nn.functional.conv2d(torch.nn.functional.pad(Y, (0, 0, len(k) // 2, len(k) // 2), mode="replicate"),
                                           k.view(1, 1, -1, 1))
        Y = Y.squeeze(1) + float(rng.uniform(0, 0.3)) * torch.randn(n, c, h)
        out[key] = (Y - Y.mean(2, keepdim=True)) / (Y.std(2, keepdim=True, unbiased=False) + rm.EPS)
    return out


def truth_matrix(order, n):
    nodes = [0] + [k + 1 for k in order]
    T = torch.zeros(n + 1, n + 1)
    for k in range(len(nodes)):
        T[nodes[k], nodes[(k + 1) % len(nodes)]] = 1
    return T


def loss_of(E, T, n):
    lr = torch.log_softmax(E, 1)
    lc = torch.log_softmax(E, 0)
    mask = T > 0
    return -(lr[mask].sum() + lc[mask].sum()) / n


def fit(model, pages, epochs, crop, lr, wd, seed, log=None, augment=0.0, pct_start=0.1, freeze=()):
    """Adam with a one-cycle learning rate over `pages`; parameters named with a prefix in
    `freeze` (e.g. "r1", "l1": the first convolutions) stay as they are."""
    g = torch.Generator().manual_seed(seed)
    rng = np.random.default_rng(seed)
    params = [p for nm, p in model.named_parameters() if not any(nm.startswith(f) for f in freeze)]
    opt = torch.optim.Adam(params, lr=lr, weight_decay=0)
    Ts = [truth_matrix(p["order"], p["n"]) for p in pages]
    S = model.shift
    steps = epochs * len(pages)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=lr, total_steps=steps, pct_start=pct_start)
    t0 = time.time()
    k = 0
    for ep in range(epochs):
        perm = rng.permutation(len(pages))
        total = 0.0
        for idx in perm:
            p, T = pages[idx], Ts[idx]
            H = min(p["h"], crop + 2 * S)
            y0 = int(rng.integers(0, p["h"] - H + 1))
            if augment > 0 and rng.random() < augment:
                p = augmented(p, rng)
            E = model.extended(p, (y0, H))
            loss = loss_of(E, T, p["n"])
            reg = sum((w ** 2).sum() for nm, w in model.named_parameters() if nm.endswith("weight"))
            opt.zero_grad()
            (loss + wd * reg).backward()
            opt.step()
            sched.step()
            total += float(loss.detach())
            k += 1
        if log:
            print(f"  epoch {ep + 1}/{epochs} loss {total / len(pages):.4f} ({time.time() - t0:.0f} s)", file=log, flush=True)
    return model


def solve(E):
    C = rm.zscore(-E.detach().double().numpy())
    t = rm.atsp(C, restarts=3)
    return [k - 1 for k in t[1:]]


def top1(E, order, n):
    """Share of strips whose best-scored right neighbour (z-scored costs, strips only) is the true one."""
    C = rm.zscore(-E.detach().double().numpy())[1:, 1:]
    succ = {a: b for a, b in zip(order, order[1:])}
    hits = sum(1 for a, b in succ.items() if int(np.argmin(C[a])) == b)
    return hits / max(1, len(succ))


def evaluate(models, pages, out=sys.stdout):
    accs = {}
    for name, p, kind in pages:
        with torch.no_grad():
            E = models[kind].extended(p)
        a = rm.neighbour_accuracy(solve(E), p["order"])
        accs[name] = a
        print(f"{name:16s} {kind:5s} {100 * a:5.1f} %  top-1 {100 * top1(E, p['order'], p['n']):5.1f} %", file=out, flush=True)
    for ds in ("smarques", "isri"):
        v = [a for n, a in accs.items() if n.startswith(ds)]
        if v:
            print(f"{ds:16s} mean {100 * np.mean(v):5.1f} % over {len(v)} pages", file=out, flush=True)
    return accs


def flat(model):
    """Weights in the Swift layout: per side r/l: conv1 weight [o][c][t], bias, conv2 weight, bias; then u, v."""
    out = {}
    for side in ("r", "l"):
        c1, c2 = getattr(model, side + "1"), getattr(model, side + "2")
        out[side + "1w"] = c1.weight.detach().numpy().reshape(-1)
        out[side + "1b"] = c1.bias.detach().numpy()
        out[side + "2w"] = c2.weight.detach().numpy().reshape(-1)
        out[side + "2b"] = c2.bias.detach().numpy()
    out["u"] = model.u.detach().numpy()
    out["v"] = model.v.detach().numpy()
    return out


def write_json(models, path):
    """The weights as the tool's development hook reads them (UNSHRED_REALNET_WEIGHTS=path)."""
    out = {kind: {k: [float(x) for x in v] for k, v in flat(models[kind]).items()} for kind in KINDS}
    tmp = path + ".tmp"
    with open(tmp, "w") as fh:
        json.dump(out, fh)
    os.replace(tmp, path)


def write_weights(models, path, notes):
    text = ("// Generated by scripts/train-real-cnn.py --write; do not edit.\n"
            + "".join(f"// {kind}: {notes[kind]}\n" for kind in KINDS) + "\n"
            "/// Fitted weights of `RealCutNet` (layout: `RealCutNet.Weights`), per kind of page:\n"
            "/// per side (r: right sides, l: left sides) conv1 weights [filter][column][row tap], biases,\n"
            "/// conv2 weights [filter][channel][row tap], biases; the outside node's left / right weights.\n"
            "enum RealCutNetWeights {\n")
    for kind in KINDS:
        f = flat(models[kind])
        for key in ("r1w", "r1b", "r2w", "r2b", "l1w", "l1b", "l2w", "l2b", "u", "v"):
            text += rm.swift_array(f"{kind}_{key}", f[key])
    text += "}\n"
    tmp = path + ".tmp"
    with open(tmp, "w") as fh:
        fh.write(text)
    os.replace(tmp, path)


def selftest():
    """Values the Swift tests check (Tests/UnshredKitTests/EdgeCosts/RealCutNetTests.swift):
    deterministic weights (sines), the train-real-measure selftest strips."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("trm", os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                                       "train-real-measure.py"))
    trm = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(trm)
    for dark in (False, True):
        strips = [rm.Strip(trm.synthetic_strip(20, 120 + 2 * s, s, dark)) for s in range(3)]
        kind = rm.page_kind(strips)
        model = Measure(SHIFTS[kind])
        k = 0
        with torch.no_grad():
            named = dict(model.named_parameters())
            for nm in ("r1.weight", "r1.bias", "r2.weight", "r2.bias", "l1.weight", "l1.bias", "l2.weight", "l2.bias", "u", "v"):
                prm = named[nm]
                flatp = prm.view(-1)
                idx = torch.arange(flatp.numel(), dtype=torch.float64) + k
                flatp.copy_((torch.sin(idx * 0.37) * 0.3).float())
                k += flatp.numel()
        p = page_tensors(strips, [0, 1, 2])
        with torch.no_grad():
            eR = model.embed(p["R"], True)
            E = model.extended(p)
        print(f"dark={dark} kind={kind} eR[1][:, 0:3] (first 4 filters):",
              ", ".join(f"{v:.6f}" for v in eR[1, :4, :3].reshape(-1).tolist()))
        print("  scores (sin weights):", ", ".join(f"{v:.6f}" for v in E.reshape(-1).tolist()))


def widened(sd):
    """A state dict whose first convolutions read fewer columns than NB, padded with zero
    weights for the columns beyond (the same function, now free to use them)."""
    out = dict(sd)
    for key in ("r1.weight", "l1.weight"):
        w = sd[key]
        if w.shape[1] < NB:
            out[key] = torch.cat([w, torch.zeros(w.shape[0], NB - w.shape[1], w.shape[2])], 1)
    return out


def swift_state(path):
    """The weights of a RealCutNetWeights.swift file as a state dict per kind (to start a fit from them)."""
    import re
    txt = open(path).read()
    arrs = {m.group(1): np.array([float(x) for x in re.findall(r"[-0-9.e+]+", m.group(2))], np.float32)
            for m in re.finditer(r"static let (\w+): \[Float\] = \[(.*?)\]", txt, re.S)}
    out = {}
    for kind in KINDS:
        m = Measure(SHIFTS[kind])
        sd = {}
        for side in ("r", "l"):
            for layer in ("1", "2"):
                w = getattr(m, side + layer)
                a = torch.from_numpy(arrs[f"{kind}_{side}{layer}w"])
                sd[f"{side}{layer}.weight"] = a.view(w.weight.shape[0], -1, w.weight.shape[2])
                sd[f"{side}{layer}.bias"] = torch.from_numpy(arrs[f"{kind}_{side}{layer}b"])
        sd["u"] = torch.from_numpy(arrs[f"{kind}_u"])
        sd["v"] = torch.from_numpy(arrs[f"{kind}_v"])
        out[kind] = widened(sd)
    return out


def real_pages(data):
    """The development split's pages: (name, tensors, kind)."""
    folders = sorted(glob.glob(os.path.join(data, "smarques-D*"))) + sorted(glob.glob(os.path.join(data, "isri-D*")))
    pages = []
    for f in folders:
        strips, order, kind = load_set(f)
        pages.append((os.path.basename(f), page_tensors(strips, order), kind))
    return pages


def fine_tune(init, pages, args, log=None):
    """A copy of `init` fitted further on `pages` (real pages, each also turned 180 degrees)."""
    import copy
    model = copy.deepcopy(init)
    if args.tune_epochs == 0:
        return model
    train = []
    for p in pages:
        train += [p, turned_page(p)]
    return fit(model, train, args.tune_epochs, args.crop, args.tune_lr, args.wd, args.seed, log=log,
               augment=args.augment, pct_start=args.tune_warm,
               freeze=tuple(f for f in args.freeze.split(",") if f))


def real_loo(models, args, kinds):
    """Leave-one-page-out over the development split: per page, the kind's model fitted
    further on the other pages of its kind, scored on the page."""
    pages = [p for p in real_pages(args.eval) if p[2] in kinds]
    accs = {}
    t0 = time.time()
    for name, p, kind in pages:
        if args.only and name not in args.only.split(","):
            continue
        others = [q for nm, q, k in pages if k == kind and nm != name]
        m = fine_tune(models[kind], others, args)
        if args.fold_json:
            os.makedirs(args.fold_json, exist_ok=True)
            write_json({**models, kind: m}, os.path.join(args.fold_json, name + ".json"))
        with torch.no_grad():
            E = m.extended(p)
        a = rm.neighbour_accuracy(solve(E), p["order"])
        accs[name] = a
        print(f"{name:16s} {kind:5s} {100 * a:5.1f} %  top-1 {100 * top1(E, p['order'], p['n']):5.1f} % "
              f"(leave-one-page-out, {time.time() - t0:.0f} s)", flush=True)
    for ds in ("smarques", "isri"):
        v = [a for n, a in accs.items() if n.startswith(ds)]
        if v:
            print(f"{ds:16s} mean {100 * np.mean(v):5.1f} % over {len(v)} pages, leave-one-page-out", flush=True)
    return accs


def swift_loo(args):
    """The tool itself on each development page with that page's fold weights (--fold-json DIR of a
    --real-loo run): `UNSHRED_REALNET_WEIGHTS=DIR/PAGE.json unshred batch DATA/PAGE --cuts real`."""
    import subprocess
    import tempfile
    rows = []
    for wfile in sorted(glob.glob(os.path.join(args.swift_loo, "*.json"))):
        name = os.path.splitext(os.path.basename(wfile))[0]
        folder = os.path.join(args.eval, name)
        with tempfile.TemporaryDirectory() as tmp:
            report = os.path.join(tmp, "r.json")
            env = dict(os.environ, UNSHRED_REALNET_WEIGHTS=os.path.abspath(wfile))
            t0 = time.time()
            r = subprocess.run([args.unshred, "batch", folder, "--cuts", "real", "--max-interventions", "0",
                                "--report", report], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            wall = time.time() - t0
            if r.returncode > 1 or not os.path.exists(report):
                sys.exit(f"error: {name}: unshred batch failed ({r.returncode}): {r.stderr.strip()[-300:]}")
            a = json.load(open(report))["sets"][0]["neighbourAccuracy"]
        rows.append((name, a, wall))
        print(f"{name:16s} {100 * a:5.1f} %  {wall:5.2f} s wall (Swift, fold weights)", flush=True)
    for ds in ("smarques", "isri"):
        v = [(a, w) for n, a, w in rows if n.startswith(ds)]
        if v:
            print(f"{ds:16s} mean {100 * np.mean([a for a, _ in v]):5.1f} % over {len(v)} pages, leave-one-page-out, "
                  f"median {np.median([w for _, w in v]):.2f} s", flush=True)


def fold_pages(args):
    """The real pages of --fold K/N (none without --fold)."""
    if not args.fold:
        return []
    k, n = (int(x) for x in args.fold.split("/"))
    folders = sorted(glob.glob(os.path.join(args.eval, "smarques-D*"))) + sorted(glob.glob(os.path.join(args.eval, "isri-D*")))
    return [os.path.basename(f) for f in folders][k::n]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("positional", nargs="?")
    ap.add_argument("--train", action="append", default=[], help="corpus folder(s) of synthetic sets")
    ap.add_argument("--eval", help="real development split")
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--crop", type=int, default=1000, help="rows per training step")
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--wd", type=float, default=1e-4)
    ap.add_argument("--seed", type=int, default=5151)
    ap.add_argument("--kinds", default="white,dark")
    ap.add_argument("--max-sets", type=int, default=0)
    ap.add_argument("--augment", type=float, default=0.0, help="share of training steps on blurred, noisier bands")
    ap.add_argument("--fold", help="K/N: score only the K-th of N folds of the real pages (every N-th page from the "
                                   "K-th) and leave training sets named after those pages (PAGE-...) out")
    ap.add_argument("--save", help="save the models (torch) here")
    ap.add_argument("--load", help="load models saved with --save instead of fitting")
    ap.add_argument("--init", help="start from these weights (a RealCutNetWeights.swift file or a --save file)")
    ap.add_argument("--real-loo", action="store_true",
                    help="fit further on the development split (--eval): leave-one-page-out figures")
    ap.add_argument("--real-all", action="store_true",
                    help="fit further on all pages of the development split (--eval) of --kinds, before --write/--save")
    ap.add_argument("--fold-json", help="with --real-loo: write each fold's weights to DIR/PAGE.json "
                                        "(UNSHRED_REALNET_WEIGHTS=DIR/PAGE.json unshred batch PAGE scores it)")
    ap.add_argument("--swift-loo", metavar="DIR", help="score each page of --eval with the tool and its fold's "
                                                       "weights DIR/PAGE.json (a --real-loo --fold-json DIR run)")
    ap.add_argument("--unshred", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".build",
                                                      "release", "unshred"))
    ap.add_argument("--json", help="also write the weights here (UNSHRED_REALNET_WEIGHTS)")
    ap.add_argument("--tune-epochs", type=int, default=20)
    ap.add_argument("--tune-lr", type=float, default=1e-3)
    ap.add_argument("--tune-warm", type=float, default=0.1)
    ap.add_argument("--freeze", default="", help="fine-tuning: parameters left as they are, by prefix (r1,l1: the "
                                                 "first convolutions; r1,l1,r2,l2: only the page-edge weights move)")
    ap.add_argument("--only", default="", help="with --real-loo: only these pages' folds (comma-separated), to screen")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--selftest", action="store_true")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources",
                                                  "UnshredKit", "EdgeCosts", "RealCutNetWeights.swift"))
    args = ap.parse_args()
    if args.selftest:
        selftest()
        return
    if args.swift_loo:
        swift_loo(args)
        return
    torch.manual_seed(args.seed)
    kinds = args.kinds.split(",")
    models = {k: Measure(SHIFTS[k]) for k in KINDS}
    notes = {}
    if args.init:
        state = swift_state(args.init) if args.init.endswith(".swift") else torch.load(args.init)
        for k in KINDS:
            models[k].load_state_dict(widened(state[k]))
        notes.update(state.get("notes", {}))
    if args.real_loo or args.real_all:
        if args.real_loo:
            real_loo(models, args, kinds)
        if args.real_all:
            pages = real_pages(args.eval)
            for k in kinds:
                models[k] = fine_tune(models[k], [p for _, p, kk in pages if kk == k], args, log=sys.stderr)
                notes[k] = (f"{os.path.basename(args.init or 'zero')} fitted further on the {sum(kk == k for _, _, kk in pages)} "
                            f"development pages of its kind, epochs {args.tune_epochs}, crop {args.crop}, lr {args.tune_lr}, "
                            f"wd {args.wd}, seed {args.seed} (figures: leave-one-page-out, docs/real-measure.md).")
            for k in KINDS:
                notes.setdefault(k, f"as in {os.path.basename(args.init or 'zero')}")
            if args.save:
                torch.save({**{k: models[k].state_dict() for k in KINDS}, "notes": notes}, args.save)
        if args.write:
            write_weights(models, args.out, notes)
            print(f"wrote {args.out}")
        if args.json:
            write_json(models, args.json)
        return
    if args.load:
        state = torch.load(args.load)
        for k in KINDS:
            models[k].load_state_dict(state[k])
        notes = state.get("notes", {k: "" for k in KINDS})
    else:
        t0 = time.time()
        sets = []
        for c in args.train:
            sets += sorted(d for d in glob.glob(os.path.join(c, "*")) if os.path.isfile(os.path.join(d, "truth.txt")))
        if args.max_sets:
            sets = sets[:args.max_sets]
        held = fold_pages(args)
        sets = [d for d in sets if not any(os.path.basename(d).startswith(h + "-") for h in held)]
        train = {k: [] for k in KINDS}
        for d in sets:
            strips, order, kind = load_set(d)
            p = page_tensors(strips, order)
            train[kind] += [p, turned_page(p)]
        print(f"training sets: {len(sets)} ({', '.join(f'{k} {len(v) // 2}' for k, v in train.items())}), "
              f"{time.time() - t0:.0f} s", file=sys.stderr)
        for k in kinds:
            if not train[k]:
                continue
            fit(models[k], train[k], args.epochs, args.crop, args.lr, args.wd, args.seed, log=sys.stderr,
                augment=args.augment)
            notes[k] = (f"fitted on {len(train[k]) // 2} synthetic sets ({', '.join(args.train)}), epochs {args.epochs}, "
                        f"crop {args.crop}, lr {args.lr}, wd {args.wd}, augment {args.augment}, seed {args.seed}"
                        + (f", fold {args.fold}" if args.fold else "") + ".")
        if args.save:
            torch.save({**{k: models[k].state_dict() for k in KINDS}, "notes": notes}, args.save)
    if args.eval:
        folders = sorted(glob.glob(os.path.join(args.eval, "smarques-D*"))) + sorted(glob.glob(os.path.join(args.eval, "isri-D*")))
        pages = []
        held = fold_pages(args)
        for f in folders:
            if args.fold and os.path.basename(f) not in held:
                continue
            strips, order, kind = load_set(f)
            if kind in kinds:
                pages.append((os.path.basename(f), page_tensors(strips, order), kind))
        evaluate(models, pages)
    if args.write:
        write_weights(models, args.out, {k: notes.get(k, "") for k in KINDS})
        print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
