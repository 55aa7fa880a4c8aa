"""Features, model and scoring for the real-cut measure (see docs/real-measure.md).

Shared by scripts/train-real-measure.py and scripts/plain-real-measure.py. The
features (`Strip`, `block_features`) mirror the Swift inference in
Sources/UnshredKit/EdgeCosts/RealCutMeasure.swift step for step.
"""
import glob
import os

import numpy as np
from PIL import Image

BAND = 14          # columns read inward from the paper edge on each side of a cut
SHIFT = 3          # vertical shifts tried: -SHIFT..SHIFT rows
WIDE = 28          # columns the net reads inward (RealCutNet.band); the first BAND are the band
EPS = 0.05         # added to a column's standard deviation (ink units, 0..1)
DARK = 96          # gray below this at the image border means a dark background
PAPER = 128        # paper / background threshold on a dark background
SMOOTH = 15        # half-window (rows) of the running median over paper edges


def gray_of(path):
    """8-bit gray as the Swift loader makes it (ITU-R 601 luma, rounded)."""
    im = Image.open(path).convert("RGB")
    a = np.asarray(im, dtype=np.float32)
    g = 0.299 * a[..., 0] + 0.587 * a[..., 1] + 0.114 * a[..., 2]
    return np.clip(np.floor(g + 0.5), 0, 255).astype(np.uint8)


def running_median(x, half):
    from scipy.ndimage import median_filter
    return median_filter(x, size=2 * half + 1, mode="nearest")


def paper_edges(g):
    """Per row, the first and last paper column (inclusive). A piece whose border
    is dark stands on a background: paper is gray >= PAPER, the edges are the
    outermost paper pixels of the row, smoothed by a running median. Otherwise the
    piece is cropped to the paper: the edges are the image's first and last column."""
    h, w = g.shape
    border = np.concatenate([g[:, 0], g[:, -1]])
    if np.median(border) >= DARK:
        return np.zeros(h, np.int32), np.full(h, w - 1, np.int32)
    paper = g >= PAPER
    any_paper = paper.any(1)
    left = np.where(any_paper, paper.argmax(1), -1)
    right = np.where(any_paper, w - 1 - paper[:, ::-1].argmax(1), -1)
    rows = np.nonzero(any_paper)[0]
    if len(rows) == 0:
        return np.zeros(h, np.int32), np.full(h, w - 1, np.int32)
    # rows without paper take the nearest row's edges
    idx = np.arange(h)
    near = rows[np.clip(np.searchsorted(rows, idx), 0, len(rows) - 1)]
    left = left[near].astype(np.float64)
    right = right[near].astype(np.float64)
    left = np.round(running_median(left, SMOOTH)).astype(np.int32)
    right = np.round(running_median(right, SMOOTH)).astype(np.int32)
    return left, right


def bands(g, left, right, inset=0, width=BAND):
    """Ink (0 = paper, 1 = black) in `width` (BAND) columns read inward from each edge:
    L[y, k] at column left[y] + inset + k, R[y, k] at right[y] - inset - k."""
    h, w = g.shape
    ink = 1.0 - g.astype(np.float32) / 255.0
    ks = np.arange(width)
    lc = np.clip(left[:, None] + inset + ks[None, :], 0, w - 1)
    rc = np.clip(right[:, None] - inset - ks[None, :], 0, w - 1)
    ys = np.arange(h)[:, None]
    return ink[ys, lc], ink[ys, rc]


def standardise(b):
    m = b.mean(0, keepdims=True)
    s = b.std(0, keepdims=True)
    return (b - m) / (s + EPS)


# ---------------------------------------------------------------- the model
#
# Per strip side: the first CH columns of the band, as ink, in two versions, each
# column standardised over the strip's rows: `plain`, and `fine` (high-passed down
# the rows: minus a Gaussian blur of sigma HP rows), which keeps strokes and drops
# the text-line envelope that any two strips of one paragraph share.
# Per pair (i left of j), the rows are cut into blocks of B; in each block the
# vertical shift s in -shift..shift is the one that best matches the mean of fine
# columns ALIGN (i's right side with j's left side): the paper moves a little
# along a strip. At those shifts, features are the products of every right-side
# column with every left-side column, averaged over rows (fine: CH x CH, plain:
# CH x CH), plus the matched alignment score itself: 2 CH^2 + 1 features, scored
# linearly. Strips on a dark background (torn edges, wider offsets) have their
# own shift range and weights.

CH = 6                  # band columns used per side
HP = 2.0                # sigma (rows) of the blur the fine version subtracts
BLOCK = 50              # rows per alignment block
ALIGN = (1, 4)          # fine columns averaged for the alignment (1, 2, 3)
SHIFTS = {"white": 3, "dark": 10}
NFEAT = 2 * CH * CH + 1
NEDGE = CH + 2


def gaussian_kernel(sigma):
    radius = int(4.0 * sigma + 0.5)
    x = np.arange(-radius, radius + 1, dtype=np.float64)
    k = np.exp(-0.5 * (x / sigma) ** 2)
    return k / k.sum()


def blur_rows(Z, sigma):
    """Gaussian blur down the rows, the ends mirrored (a b c | c b a), as
    scipy.ndimage.gaussian_filter1d(mode="reflect", truncate=4)."""
    k = gaussian_kernel(sigma)
    r = (len(k) - 1) // 2
    P = np.pad(Z, ((r, r), (0, 0)), mode="symmetric")
    out = np.zeros_like(Z)
    for t in range(len(k)):
        out += k[t] * P[t:t + Z.shape[0]]
    return out


class Strip:
    """One strip as the measure reads it: its sides' plain and fine columns."""

    def __init__(self, g, name=""):
        self.name = name
        self.h, self.w = g.shape
        self.dark = standing_on_background(g)
        self.left, self.right = paper_edges(g)
        L, R = bands(g, self.left, self.right, 0, max(BAND, WIDE))
        self.Lwide, self.Rwide = L, R
        self.Lraw, self.Rraw = L[:, :BAND].astype(np.float64), R[:, :BAND].astype(np.float64)

    def side(self, X, h):
        Z = X[:h, :CH]
        return standardise(Z - blur_rows(Z, HP)), standardise(Z)


def standing_on_background(g):
    border = np.concatenate([g[:, 0], g[:, -1]])
    return bool(np.median(border) < DARK)


def page_kind(strips):
    """dark when most strips stand on a background."""
    return "dark" if 2 * sum(s.dark for s in strips) > len(strips) else "white"


def load_page(folder):
    paths = sorted(glob.glob(os.path.join(folder, "pieces", "*")))
    strips = [Strip(gray_of(p), os.path.splitext(os.path.basename(p))[0]) for p in paths]
    truth = open(os.path.join(folder, "truth.txt")).read().split()
    index = {s.name: k for k, s in enumerate(strips)}
    order = [index[t] for t in truth]
    return strips, order


def block_features(strips, shift):
    """X[i, j, :] (NFEAT features of strip i left of strip j) over the strips' common
    height h (their top rows): blocks of BLOCK rows of i's rows shift .. shift + m,
    m = (h - 2 shift) // BLOCK * BLOCK; in block k, i's row shift + kB + b meets j's
    row s + kB + b, s in 0 .. 2 shift the first best of the alignment score."""
    n = len(strips)
    h = min(s.h for s in strips)
    m = (h - 2 * shift) // BLOCK * BLOCK
    X = np.zeros((n, n, 2 * CH * CH + 1))
    if n < 2 or m <= 0:
        return X
    nb = m // BLOCK
    R = [s.side(s.Rraw, h) for s in strips]
    L = [s.side(s.Lraw, h) for s in strips]
    Rf = np.stack([r[0] for r in R])[:, shift:shift + m].reshape(n, nb, BLOCK, CH)
    Rp = np.stack([r[1] for r in R])[:, shift:shift + m].reshape(n, nb, BLOCK, CH)
    Lf = np.stack([x[0] for x in L])
    Lp = np.stack([x[1] for x in L])
    ra = Rf[..., ALIGN[0]:ALIGN[1]].mean(3)
    best = np.full((n, n, nb), -np.inf)
    arg = np.zeros((n, n, nb), int)
    for s in range(2 * shift + 1):
        la = Lf[:, s:s + m].reshape(n, nb, BLOCK, CH)[..., ALIGN[0]:ALIGN[1]].mean(3)
        P = np.einsum("ikb,jkb->ijk", ra, la) / BLOCK
        better = P > best
        best[better] = P[better]
        arg[better] = s
    q = CH * CH
    # per i: j's rows at each block's chosen shift, then one batched product
    rows = (np.arange(nb)[:, None] * BLOCK + np.arange(BLOCK)[None, :])      # nb x B
    for i in range(n):
        at = (arg[i][:, :, None] + rows[None, :, :]).reshape(n, m)           # n x m rows of j
        for part, Rx, Lx in ((0, Rf, Lf), (1, Rp, Lp)):
            Lg = Lx[np.arange(n)[:, None], at]                               # n x m x CH
            Ri = Rx[i].reshape(m, CH)
            X[i, :, part * q:(part + 1) * q] = np.matmul(Ri.T[None], Lg).reshape(n, q) / m
    X[:, :, 2 * q] = best.mean(2)
    return X


def edge_features(strips):
    """Per strip, what its left side (gl) and right side (gr) say about it standing
    at the page's edge: mean raw ink of its first CH band columns, of the whole
    band (BAND columns), and 1."""
    gl = np.stack([np.concatenate([s.Lraw[:, :CH].mean(0), [s.Lraw.mean()], [1.0]]) for s in strips])
    gr = np.stack([np.concatenate([s.Rraw[:, :CH].mean(0), [s.Rraw.mean()], [1.0]]) for s in strips])
    return gl, gr


# ---------------------------------------------------------------- synthetic cuts
#
# More training pairs that leave-one-page-out allows: a training page's own strips cut
# in two near their middle (a few columns lost, the page's own blade-damage profile or
# a torn edge on its background, a vertical shift), and for a white page its page.jpg
# (scanned before shredding) cut into strips of the page's strip width, both sides
# damaged. Only the training pages of a fold are cut; the held-out page never is.

def profile(grays, dark):
    """Per side, ink of the first 4 paper columns relative to the interior."""
    Ls, Rs, I = [], [], []
    for g in grays:
        s = Strip(g)
        Ls.append(s.Lraw[:, :4].mean(0)); Rs.append(s.Rraw[:, :4].mean(0))
        L2, _ = bands(g, s.left, s.right, 20)
        I.append(L2[:, :8].mean())
    i = max(np.mean(I), 1e-3)
    return np.mean(Ls, 0) / i, np.mean(Rs, 0) / i


def damage_white(piece, side, prof, rng):
    """Blade damage at one side of a white piece: columns' ink scaled by the profile, dotted."""
    h, w = piece.shape
    ink = 1.0 - piece.astype(np.float64) / 255
    p = np.clip(prof * rng.uniform(0.7, 1.3, len(prof)), 0, 1.2)
    for k in range(len(p)):
        c = k if side == "left" else w - 1 - k
        dots = np.clip(p[k] + rng.normal(0, 0.25, h), 0, 1.2) if p[k] < 0.9 else p[k]
        ink[:, c] = np.clip(ink[:, c] * dots, 0, 1)
    return np.clip(np.round(255 * (1 - ink)), 0, 255).astype(np.uint8)

def _gaussian_filter1d(x, sigma):
    from scipy.ndimage import gaussian_filter1d
    return gaussian_filter1d(x, sigma)


def damage_dark(piece, side, bg, rng):
    """A torn edge on a background: a wavy paper boundary, background beyond, a dark rim."""
    h, w = piece.shape
    pad = 8
    out = np.full((h, w + pad), bg, np.uint8)
    if side == "left":
        out[:, pad:] = piece
    else:
        out[:, :w] = piece
    d = _gaussian_filter1d(rng.normal(0, 1, h), rng.uniform(8, 40))
    d = d / (np.abs(d).max() + 1e-9) * rng.uniform(0.5, 3.0) + rng.uniform(0, 2)
    d = np.clip(np.round(d), 0, 5).astype(int)
    slant = np.round(np.linspace(0, rng.uniform(-3, 3), h)).astype(int)
    d = np.clip(d + slant - slant.min(), 0, 7)
    xs = np.arange(w + pad)
    if side == "left":
        edge = pad + d
        mask = xs[None, :] < edge[:, None]
        rim = xs[None, :] == edge[:, None]
    else:
        edge = w - 1 - d
        mask = xs[None, :] > edge[:, None]
        rim = xs[None, :] == edge[:, None]
    out[mask] = bg
    rimv = (out.astype(np.int32) * rng.uniform(0.4, 0.8)).astype(np.uint8)
    out[rim] = rimv[rim]
    return out


def shift_rows(piece, s, fill):
    out = np.full_like(piece, fill)
    if s >= 0:
        out[s:] = piece[:piece.shape[0] - s]
    else:
        out[:s] = piece[-s:]
    return out


def cut_page(grays, order, dark, rng, maxshift):
    """Every strip cut in two near its middle (a few columns lost): 2n pieces."""
    pl, pr = profile(grays, dark)
    pieces = []
    for k in order:
        g = grays[k]
        s0 = Strip(g)
        if dark:
            # keep the strip's own torn edges; cut the paper between them
            lo, hi = int(np.median(s0.left)), int(np.median(s0.right))
        else:
            lo, hi = 0, g.shape[1] - 1
        wid = hi - lo + 1
        c = lo + wid // 2 + int(rng.integers(-wid // 8, wid // 8 + 1))
        kerf = int(rng.integers(0, 4))
        a, b = g[:, :c], g[:, c + kerf:]
        sh = int(rng.integers(-maxshift, maxshift + 1))
        if dark:
            bg = int(np.median(np.concatenate([g[:, 0], g[:, -1]])))
            a = damage_dark(a, "right", bg, rng)
            b = damage_dark(b, "left", bg, rng)
            b = shift_rows(b, sh, bg)
        else:
            a = damage_white(a, "right", pr, rng)
            b = damage_white(b, "left", pl, rng)
            b = shift_rows(b, sh, 255)
        pieces += [a, b]
    return pieces


def page_strips(page, rng, prof, width, maxshift):
    """page.jpg cut into strips of about `width` px, a few columns lost per cut, damaged."""
    h, W = page.shape
    pl, pr = prof
    x = int(rng.integers(0, width // 2))
    pieces = []
    if x > 10:
        pieces.append(page[:, :x])
    while x < W - 10:
        wid = int(width + rng.integers(-3, 4))
        pieces.append(page[:, x:min(W, x + wid)])
        x += wid + int(rng.integers(0, 4))
    out = []
    for p in pieces:
        p = damage_white(p, "left", pl, rng)
        p = damage_white(p, "right", pr, rng)
        out.append(shift_rows(p, int(rng.integers(-maxshift, maxshift + 1)), 255))
    return out

# ---------------------------------------------------------------- solving

def zscore(C):
    """Row and column z-scores of a cost matrix (diagonal ignored), summed."""
    n = C.shape[0]
    M = C.copy()
    off = ~np.eye(n, dtype=bool)
    r_mean = np.array([C[i][off[i]].mean() for i in range(n)])
    r_std = np.array([C[i][off[i]].std() for i in range(n)]) + 1e-6
    c_mean = np.array([C[:, j][off[:, j]].mean() for j in range(n)])
    c_std = np.array([C[:, j][off[:, j]].std() for j in range(n)]) + 1e-6
    M = (C - r_mean[:, None]) / r_std[:, None] + (C - c_mean[None, :]) / c_std[None, :]
    np.fill_diagonal(M, np.inf)
    return M


def tour_cost(t, C):
    return sum(C[t[k], t[(k + 1) % len(t)]] for k in range(len(t)))


def atsp(C, seed=1, restarts=8):
    """Asymmetric TSP cycle through all nodes: greedy start + Or-opt and segment
    swaps (asymmetric 3-opt), from several starts. Returns the tour from node 0."""
    n = C.shape[0]
    rng = np.random.default_rng(seed)
    best, best_cost = None, np.inf
    for r in range(restarts):
        if r == 0:
            t = greedy(C)
        else:
            t = list(rng.permutation(n))
        t = improve(t, C)
        c = tour_cost(t, C)
        if c < best_cost - 1e-9:
            best, best_cost = t, c
    k = best.index(0)
    return best[k:] + best[:k]


def greedy(C):
    n = C.shape[0]
    pairs = sorted((C[i, j], i, j) for i in range(n) for j in range(n) if i != j)
    succ, pred = [-1] * n, [-1] * n
    comp = list(range(n))

    def find(x):
        while comp[x] != x:
            comp[x] = comp[comp[x]]
            x = comp[x]
        return x
    links = 0
    for _, i, j in pairs:
        if succ[i] == -1 and pred[j] == -1 and find(i) != find(j):
            succ[i], pred[j] = j, i
            comp[find(i)] = find(j)
            links += 1
            if links == n - 1:
                break
    start = next(k for k in range(n) if pred[k] == -1)
    t = [start]
    while succ[t[-1]] != -1:
        t.append(succ[t[-1]])
    return t


def improve(t, C):
    n = len(t)
    improved = True
    while improved:
        improved = False
        # segment exchange: t = A B C D -> A C B D  (cut points i<j<k)
        for i in range(1, n):
            for j in range(i + 1, n):
                for k in range(j + 1, n + 1):
                    a, b = t[i - 1], t[i]
                    c, d = t[j - 1], t[j]
                    e, f = t[k - 1], t[k % n]
                    old = C[a, b] + C[c, d] + C[e, f]
                    new = C[a, d] + C[e, b] + C[c, f]
                    if new < old - 1e-9:
                        t = t[:i] + t[j:k] + t[i:j] + t[k:]
                        improved = True
                        break
                if improved:
                    break
            if improved:
                break
    return t


def neighbour_accuracy(order, truth):
    true_pairs = set(zip(truth, truth[1:]))
    found = set(zip(order, order[1:]))
    return len(true_pairs & found) / len(true_pairs)


def swift_array(name, values, doc=None):
    """A Swift `static let NAME: [Float]` of `values`, six to a line, with an optional doc line
    (the generated weight files of both training scripts)."""
    vals = [float(v) for v in values]
    body = ",\n".join("        " + ", ".join(f"{v:.9g}" for v in vals[k:k + 6]) for k in range(0, len(vals), 6))
    head = f"    /// {doc}\n" if doc else ""
    return f"{head}    static let {name}: [Float] = [\n{body},\n    ]\n"
