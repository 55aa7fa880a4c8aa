"""Drawing for scripts/make-corpus: fonts, a page with a text cursor, and the blocks
documents are made of (paragraphs, headings, tables, charts, photos, logos, boxes,
signatures). Everything is drawn from a seeded random.Random, so a page comes out
the same every time on the same machine (font rasterisation depends on FreeType).

Coordinates are pixels; sizes are given in points and scaled by the page's dpi.
Gray 8-bit: 0 = ink, 255 = paper.
"""
import math
import re

import numpy as np
from PIL import Image, ImageDraw, ImageFont

F = "/usr/share/fonts"
LIB = F + "/truetype/liberation2/"
DJV = F + "/truetype/dejavu/"
FREE = F + "/truetype/freefont/"
URW = F + "/opentype/urw-base35/"
NOTO = F + "/truetype/noto/"

# Family -> package, class, regular, bold, italic ((path, face index); None: not there).
LATIN = {
    "Liberation Serif": ("fonts-liberation2", "serif", LIB + "LiberationSerif-Regular.ttf", LIB + "LiberationSerif-Bold.ttf", LIB + "LiberationSerif-Italic.ttf"),
    "Liberation Sans": ("fonts-liberation2", "sans", LIB + "LiberationSans-Regular.ttf", LIB + "LiberationSans-Bold.ttf", LIB + "LiberationSans-Italic.ttf"),
    "Liberation Mono": ("fonts-liberation2", "mono", LIB + "LiberationMono-Regular.ttf", LIB + "LiberationMono-Bold.ttf", LIB + "LiberationMono-Italic.ttf"),
    "DejaVu Serif": ("fonts-dejavu", "serif", DJV + "DejaVuSerif.ttf", DJV + "DejaVuSerif-Bold.ttf", DJV + "DejaVuSerif-Italic.ttf"),
    "DejaVu Sans": ("fonts-dejavu", "sans", DJV + "DejaVuSans.ttf", DJV + "DejaVuSans-Bold.ttf", DJV + "DejaVuSans-Oblique.ttf"),
    "DejaVu Sans Condensed": ("fonts-dejavu", "sans", DJV + "DejaVuSansCondensed.ttf", DJV + "DejaVuSansCondensed-Bold.ttf", DJV + "DejaVuSansCondensed-Oblique.ttf"),
    "DejaVu Serif Condensed": ("fonts-dejavu", "serif", DJV + "DejaVuSerifCondensed.ttf", DJV + "DejaVuSerifCondensed-Bold.ttf", DJV + "DejaVuSerifCondensed-Italic.ttf"),
    "DejaVu Sans Mono": ("fonts-dejavu", "mono", DJV + "DejaVuSansMono.ttf", DJV + "DejaVuSansMono-Bold.ttf", DJV + "DejaVuSansMono-Oblique.ttf"),
    "FreeSerif": ("fonts-freefont-ttf", "serif", FREE + "FreeSerif.ttf", FREE + "FreeSerifBold.ttf", FREE + "FreeSerifItalic.ttf"),
    "FreeSans": ("fonts-freefont-ttf", "sans", FREE + "FreeSans.ttf", FREE + "FreeSansBold.ttf", FREE + "FreeSansOblique.ttf"),
    "FreeMono": ("fonts-freefont-ttf", "mono", FREE + "FreeMono.ttf", FREE + "FreeMonoBold.ttf", FREE + "FreeMonoOblique.ttf"),
    "Nimbus Roman": ("fonts-urw-base35", "serif", URW + "NimbusRoman-Regular.otf", URW + "NimbusRoman-Bold.otf", URW + "NimbusRoman-Italic.otf"),
    "Nimbus Sans": ("fonts-urw-base35", "sans", URW + "NimbusSans-Regular.otf", URW + "NimbusSans-Bold.otf", URW + "NimbusSans-Italic.otf"),
    "Nimbus Sans Narrow": ("fonts-urw-base35", "sans", URW + "NimbusSansNarrow-Regular.otf", URW + "NimbusSansNarrow-Bold.otf", URW + "NimbusSansNarrow-Oblique.otf"),
    "Nimbus Mono PS": ("fonts-urw-base35", "mono", URW + "NimbusMonoPS-Regular.otf", URW + "NimbusMonoPS-Bold.otf", URW + "NimbusMonoPS-Italic.otf"),
    "C059": ("fonts-urw-base35", "serif", URW + "C059-Roman.otf", URW + "C059-Bold.otf", URW + "C059-Italic.otf"),
    "P052": ("fonts-urw-base35", "serif", URW + "P052-Roman.otf", URW + "P052-Bold.otf", URW + "P052-Italic.otf"),
    "URW Bookman": ("fonts-urw-base35", "serif", URW + "URWBookman-Light.otf", URW + "URWBookman-Demi.otf", URW + "URWBookman-LightItalic.otf"),
    "URW Gothic": ("fonts-urw-base35", "sans", URW + "URWGothic-Book.otf", URW + "URWGothic-Demi.otf", URW + "URWGothic-BookOblique.otf"),
    "Noto Serif": ("fonts-noto-core", "serif", NOTO + "NotoSerif-Regular.ttf", NOTO + "NotoSerif-Bold.ttf", NOTO + "NotoSerif-Italic.ttf"),
    "Noto Sans": ("fonts-noto-core", "sans", NOTO + "NotoSans-Regular.ttf", NOTO + "NotoSans-Bold.ttf", NOTO + "NotoSans-Italic.ttf"),
}
# CJK families: one face (bold is drawn with a stroke), and the Latin family that draws
# ASCII for a face that has none (Droid Sans Fallback: CJK only, as on Android).
CJK = {
    "WenQuanYi Micro Hei": ("fonts-wqy-microhei", "sans", (F + "/truetype/wqy/wqy-microhei.ttc", 0), None),
    "WenQuanYi Zen Hei": ("fonts-wqy-zenhei", "sans", (F + "/truetype/wqy/wqy-zenhei.ttc", 0), None),
    "AR PL UMing": ("fonts-arphic-uming", "serif", (F + "/truetype/arphic/uming.ttc", 0), None),
    "AR PL UKai": ("fonts-arphic-ukai", "script", (F + "/truetype/arphic/ukai.ttc", 0), None),
    "Droid Sans Fallback": ("fonts-droid-fallback", "sans", (F + "/truetype/droid/DroidSansFallbackFull.ttf", 0), "Noto Sans"),
}
ASCII_RUNS = re.compile(r"[\x00-\x7f]+|[^\x00-\x7f]+")
PACKAGES = sorted({v[0] for v in LATIN.values()} | {v[0] for v in CJK.values()})

_FONT_CACHE = {}


def _load(path, index, size):
    key = (path, index, size)
    if key not in _FONT_CACHE:
        _FONT_CACHE[key] = ImageFont.truetype(path, size, index=index)
    return _FONT_CACHE[key]


class Style:
    """A font at a size: family name, pixel size, bold, italic; `stroke` fakes bold."""

    def __init__(self, family, px, bold=False, italic=False, ink=0):
        self.family, self.px, self.bold, self.italic, self.ink = family, max(6, int(round(px))), bold, italic, ink
        self.stroke = 0
        self.latin = None
        if family in LATIN:
            _, _, r, b, i = LATIN[family]
            path = b if bold else (i if italic else r)
            self.font = _load(path, 0, self.px)
        else:
            path, index = CJK[family][2]
            self.font = _load(path, index, self.px)
            if bold:
                self.stroke = max(1, self.px // 28)
            if CJK[family][3]:
                self.latin = Style(CJK[family][3], self.px, bold, italic, ink)
        self.cjk = family in CJK
        asc, desc = self.font.getmetrics()
        self.ascent, self.descent = asc, desc

    def runs(self, s):
        """(text, style) runs: ASCII in the Latin partner when the face has no ASCII."""
        if self.latin is None:
            return [(s, self)]
        return [(run, self.latin if run.isascii() else self) for run in ASCII_RUNS.findall(s)]

    def length(self, s):
        if self.latin is None:
            return self.font.getlength(s)
        return sum(st.font.getlength(run) for run, st in self.runs(s))

    def with_(self, **kw):
        args = dict(family=self.family, px=self.px, bold=self.bold, italic=self.italic, ink=self.ink)
        args.update(kw)
        return Style(**args)


TOKEN = re.compile(r"[A-Za-z0-9%.,:/\-+()]+|\s|.", re.S)
ZH_NO_START = set("，。、；：？！）》」』”’…—·%,.;:!?)")
ZH_NO_END = set("（《「『“‘(")


def tokens(text, lang):
    if lang == "zh":
        return [t for t in TOKEN.findall(text) if not t.isspace()]
    return text.split()


def wrap(text, style, width, lang, indent=0.0):
    """Lines of a paragraph: (tokens, widths, last). English breaks at spaces, Chinese
    between characters (keeping runs of Latin letters and digits whole) with the simple
    kinsoku rules; a token longer than a line is broken by characters."""
    space = 0.0 if lang == "zh" else style.length(" ")
    toks = tokens(text, lang)
    out = []
    cur, widths, used = [], [], 0.0
    avail = width - indent
    k = 0
    while k < len(toks):
        t = toks[k]
        w = style.length(t)
        if w > width:  # a long token: cut it into pieces that fit
            cut = max(1, int(len(t) * width / w) - 1)
            toks[k:k + 1] = [t[:cut], t[cut:]]
            continue
        extra = w + (space if cur else 0.0)
        if cur and used + extra > avail:
            if lang == "zh":
                # no closing punctuation at a line start, no opening one at a line end
                while len(cur) > 1 and (t in ZH_NO_START or cur[-1] in ZH_NO_END):
                    k -= 1
                    t = toks[k]
                    used -= widths.pop()
                    cur.pop()
            out.append((cur, widths, False))
            cur, widths, used, avail = [], [], 0.0, width
            continue
        cur.append(t)
        widths.append(w)
        used += extra
        k += 1
    if cur:
        out.append((cur, widths, True))
    return out


class Page:
    """A page being drawn, with a cursor for single-column blocks."""

    def __init__(self, w, h, dpi, margins, rng, lang):
        self.w, self.h, self.dpi, self.rng, self.lang = w, h, dpi, rng, lang
        self.img = Image.new("L", (w, h), 255)
        self.d = ImageDraw.Draw(self.img)
        ml, mr, mt, mb = margins
        self.left, self.right = int(ml), int(w - mr)
        self.top, self.bottom = int(mt), int(h - mb)
        self.y = float(self.top)
        self.fonts_used = []
        self.elements = []

    # units
    def pt(self, p):
        return p * self.dpi / 72.0

    def lw(self, p=0.75):
        """A line width in points, at least one pixel."""
        return max(1, int(round(self.pt(p))))

    def note(self, style):
        if style.family not in self.fonts_used:
            self.fonts_used.append(style.family)

    def mark(self, element):
        if element not in self.elements:
            self.elements.append(element)

    def room(self):
        return self.bottom - self.y

    # text
    def text(self, x, baseline, s, style, anchor="ls"):
        if style.latin is not None:  # runs in two fonts, placed one after the other
            total = style.length(s)
            x = {"l": x, "m": x - total / 2, "r": x - total}[anchor[0]]
            for run, st in style.runs(s):
                self._draw(x, baseline, run, st, "l" + anchor[1])
                x += st.font.getlength(run)
            return
        self._draw(x, baseline, s, style, anchor)

    def _draw(self, x, baseline, s, style, anchor):
        self.note(style)
        self.d.text((x, baseline), s, font=style.font, fill=style.ink, anchor=anchor,
                    stroke_width=style.stroke, stroke_fill=style.ink)

    def line_of(self, toks, widths, x, baseline, width, style, align, last, lang):
        natural_gap = 0.0 if lang == "zh" else style.length(" ")
        total = sum(widths) + natural_gap * (len(toks) - 1)
        gap = natural_gap
        if align == "justify" and not last and len(toks) > 1:
            gap = (width - sum(widths)) / (len(toks) - 1)
            if gap > natural_gap * 3 + style.px * 0.6:  # a loose line: leave it ragged
                gap = natural_gap
            total = width
        if align == "center":
            x += (width - total) / 2
        elif align == "right":
            x += width - total
        if gap == natural_gap and lang != "zh":
            self.text(round(x), baseline, " ".join(toks), style)
            return
        for t, w in zip(toks, widths):
            self.text(round(x), baseline, t, style)
            x += w + gap

    def paragraph(self, text, style, pitch=None, align="left", indent=0.0, x0=None, x1=None,
                  after=0.0, bottom=None, lang=None):
        """Draws a wrapped paragraph at the cursor; returns False if it had to stop at
        the bottom (the lines that fit are drawn)."""
        lang = lang or self.lang
        x0 = self.left if x0 is None else x0
        x1 = self.right if x1 is None else x1
        bottom = self.bottom if bottom is None else bottom
        pitch = pitch or style.px * 1.3
        lines = wrap(text, style, x1 - x0, lang, indent)
        for n, (toks, widths, last) in enumerate(lines):
            if self.y + pitch > bottom + 0.5:
                return False
            lead = indent if n == 0 else 0.0
            base = self.y + (pitch - style.px) / 2 + style.ascent * 0.92
            self.line_of(toks, widths, x0 + lead, round(base), x1 - x0 - lead, style, align, last, lang)
            self.y += pitch
        self.y += after
        return True

    def fits(self, height):
        return self.y + height <= self.bottom

    # rules and shapes
    def rule(self, weight=0.75, x0=None, x1=None, gray=0, gap=None):
        gap = self.pt(4) if gap is None else gap
        x0 = self.left if x0 is None else x0
        x1 = self.right if x1 is None else x1
        t = self.lw(weight)
        self.y += gap
        self.d.rectangle([x0, round(self.y), x1, round(self.y) + t - 1], fill=gray)
        self.y += t + gap

    def box(self, x0, y0, x1, y1, weight=0.75, fill=None, outline=0):
        self.d.rectangle([round(x0), round(y0), round(x1), round(y1)], fill=fill,
                         outline=outline, width=self.lw(weight) if outline is not None else 0)


# ---------------------------------------------------------------------------
# Pictures: a gray "photo", a logo, a signature, charts.
# ---------------------------------------------------------------------------

def photo(page, x0, y0, w, h, rng):
    """A gray photograph: a landscape of sky, hills and a few shapes, with grain."""
    w, h = int(w), int(h)
    if w < 8 or h < 8:
        return
    nrng = np.random.default_rng(rng.randrange(1 << 30))
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    sky_top, sky_bottom = rng.uniform(150, 230), rng.uniform(190, 250)
    img = sky_top + (sky_bottom - sky_top) * yy / h
    # soft clouds: low-frequency noise, upsampled
    low = Image.fromarray((nrng.random((4, 6)) * 255).astype(np.uint8)).resize((w, h), Image.BICUBIC)
    img += (np.asarray(low, np.float32) - 128) * rng.uniform(0.05, 0.2)
    for layer in range(rng.randrange(2, 4)):
        base = h * rng.uniform(0.4, 0.8) + layer * h * 0.08
        amp = h * rng.uniform(0.03, 0.12)
        f1, f2, ph = rng.uniform(1, 3), rng.uniform(3, 7), rng.uniform(0, 6.28)
        ridge = base + amp * np.sin(xx[0] / w * f1 * 6.28 + ph) + amp * 0.3 * np.sin(xx[0] / w * f2 * 6.28)
        tone = rng.uniform(40, 150)
        img = np.where(yy > ridge[None, :], tone + (yy - ridge[None, :]) * rng.uniform(-0.2, 0.3), img)
    if rng.random() < 0.6:  # a sun or a tree
        cx, cy, r = rng.uniform(0.1, 0.9) * w, rng.uniform(0.1, 0.4) * h, rng.uniform(0.04, 0.1) * min(w, h)
        img = np.where((xx - cx) ** 2 + (yy - cy) ** 2 < r * r, rng.uniform(230, 255), img)
    img += nrng.normal(0, rng.uniform(3, 10), img.shape)
    arr = np.clip(img, 0, 255).astype(np.uint8)
    page.img.paste(Image.fromarray(arr, "L"), (int(x0), int(y0)))
    page.box(x0, y0, x0 + w - 1, y0 + h - 1, weight=0.5, outline=0)
    page.mark("photo")


def logo(page, x0, y0, size, initials, style, rng):
    """A logo: a gray disc, square or shield with initials or stripes."""
    s = int(size)
    kind = rng.choice(["disc", "square", "stripes", "ring"])
    gray = rng.randrange(60, 180)
    if kind == "disc":
        page.d.ellipse([x0, y0, x0 + s, y0 + s], fill=gray)
    elif kind == "square":
        page.d.rounded_rectangle([x0, y0, x0 + s, y0 + s], radius=s // 6, fill=gray)
    elif kind == "ring":
        page.d.ellipse([x0, y0, x0 + s, y0 + s], outline=gray, width=max(2, s // 8))
    else:
        for k in range(4):
            page.d.rectangle([x0, y0 + k * s // 4, x0 + s, y0 + k * s // 4 + s // 8], fill=gray + k * 15)
    if kind in ("disc", "square", "ring"):
        st = style.with_(px=s * (0.42 if len(initials) > 1 else 0.6), bold=True,
                         ink=255 if kind != "ring" else gray)
        page.text(x0 + s / 2, y0 + s / 2, initials, st, anchor="mm")
    page.mark("logo")


def signature(page, x0, y0, w, h, rng):
    """A handwritten signature: a smooth looping stroke."""
    n = 220
    pts = []
    f = [rng.uniform(2, 5), rng.uniform(6, 11), rng.uniform(12, 18)]
    a = [rng.uniform(0.2, 0.45), rng.uniform(0.1, 0.25), rng.uniform(0.02, 0.1)]
    ph = [rng.uniform(0, 6.28) for _ in f]
    for k in range(n):
        t = k / (n - 1)
        x = x0 + w * (t + 0.04 * math.sin(t * f[1] * 6.28 + ph[1]))
        y = y0 + h * (0.5 + sum(ai * math.sin(t * fi * 6.28 + p) for ai, fi, p in zip(a, f, ph)))
        pts.append((x, y))
    width = max(1, int(round(page.pt(rng.uniform(0.8, 1.5)))))
    ink = rng.randrange(10, 70)
    page.d.line(pts, fill=ink, width=width, joint="curve")
    if rng.random() < 0.7:  # an underline flourish
        yy = y0 + h * rng.uniform(0.85, 1.0)
        page.d.line([(x0 + w * 0.1, yy), (x0 + w * 0.95, yy - h * 0.1)], fill=ink, width=width)
    page.mark("signature")


def chart(page, x0, y0, w, h, style, rng, kind, lang):
    """A bar or line chart with axes, ticks, grid lines, labels and a legend."""
    small = style.with_(px=style.px * 0.8, bold=False, italic=False)
    if lang == "zh":
        cats = [f"{m}月" for m in range(1, 13)] if rng.random() < 0.5 else ["一季度", "二季度", "三季度", "四季度"]
        names = ["今年", "去年", "目标"]
    else:
        cats = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] \
            if rng.random() < 0.5 else ["Q1", "Q2", "Q3", "Q4"]
        names = ["This year", "Last year", "Target"]
    if len(cats) == 12:
        start = rng.randrange(0, 6)
        cats = cats[start:start + rng.randrange(5, 7)]
    series = rng.randrange(1, 3 if kind == "bar" else 4)
    top = rng.choice([50, 100, 200, 500, 1000])
    data = [[rng.uniform(0.25, 0.95) * top for _ in cats] for _ in range(series)]
    left = x0 + small.length("1000") + page.pt(8)
    bottom = y0 + h - small.px * 2.2
    right = x0 + w - page.pt(4)
    topy = y0 + small.px * (2.2 if series > 1 else 0.8)
    lw = page.lw(0.75)
    ticks = 5
    for k in range(ticks + 1):
        yy = bottom - (bottom - topy) * k / ticks
        if k:
            page.d.line([(left, yy), (right, yy)], fill=rng.choice([200, 215, 230]), width=1)
        label = str(int(top * k / ticks))
        page.text(left - page.pt(3), yy, label, small, anchor="rm")
    page.d.line([(left, topy), (left, bottom)], fill=0, width=lw)
    page.d.line([(left, bottom), (right, bottom)], fill=0, width=lw)
    slot = (right - left) / len(cats)
    grays = [rng.randrange(40, 110), rng.randrange(150, 200), rng.randrange(100, 140)]
    for i, c in enumerate(cats):
        page.text(left + slot * (i + 0.5), bottom + page.pt(3) + small.ascent, c, small, anchor="ms")
    if kind == "bar":
        bw = slot * rng.uniform(0.5, 0.75) / series
        for s, values in enumerate(data):
            for i, v in enumerate(values):
                bx = left + slot * i + (slot - bw * series) / 2 + s * bw
                by = bottom - (bottom - topy) * v / top
                page.d.rectangle([bx, by, bx + bw - 1, bottom - 1], fill=grays[s],
                                 outline=0 if rng.random() < 0.5 else None)
    else:
        for s, values in enumerate(data):
            pts = [(left + slot * (i + 0.5), bottom - (bottom - topy) * v / top) for i, v in enumerate(values)]
            width = page.lw(1.2 if s == 0 else 0.9)
            if s == 1:  # dashed
                for (ax, ay), (bx, by) in zip(pts, pts[1:]):
                    for k in range(0, 10, 2):
                        page.d.line([(ax + (bx - ax) * k / 10, ay + (by - ay) * k / 10),
                                     (ax + (bx - ax) * (k + 1) / 10, ay + (by - ay) * (k + 1) / 10)],
                                    fill=grays[s] // 2, width=width)
            else:
                page.d.line(pts, fill=0 if s == 0 else grays[s], width=width, joint="curve")
            r = page.pt(1.8)
            for (px_, py_) in pts:
                if s == 0:
                    page.d.ellipse([px_ - r, py_ - r, px_ + r, py_ + r], fill=0)
                else:
                    page.d.rectangle([px_ - r, py_ - r, px_ + r, py_ + r], outline=0, width=1)
    if series > 1:
        lx = left + page.pt(6)
        for s in range(series):
            page.d.rectangle([lx, y0 + small.px * 0.5, lx + small.px, y0 + small.px * 1.5],
                             fill=grays[s] if kind == "bar" else (0 if s == 0 else grays[s]))
            page.text(lx + small.px * 1.4, y0 + small.px * 1.35, names[s], small)
            lx += small.px * 2.5 + small.length(names[s])
    page.mark(kind + "-chart")


def table(page, rows, x0, x1, style, rng, aligns=None, header=True, pitch=None, widths=None):
    """A table at the cursor: rows of cell strings, the first a header. Columns of
    figures (right or centre aligned) get the width their widest cell needs, the text
    columns share the rest by `widths`; the type shrinks (to 70 %) until the figures fit
    with room for text, and only text cells are shortened, at a word. Ruled in one of
    three styles (grid, horizontal rules, booktabs), maybe with a gray header or zebra
    stripes. Returns False when it does not fit."""
    ncol = len(rows[0])
    aligns = aligns or ["left"] + ["right"] * (ncol - 1)
    widths = widths or [1.0] * ncol
    pad = page.pt(4)
    total_w = x1 - x0
    for scale in (1.0, 0.92, 0.85, 0.78, 0.7):
        st_body = style.with_(px=style.px * scale)
        st_head = st_body.with_(bold=True)
        need = []
        for c in range(ncol):
            cells = [(st_head if (r == 0 and header) else st_body).length(row[c]) for r, row in enumerate(rows)]
            need.append(max(cells) + 2 * pad + 2)  # 2 px: no cell lost to rounding
        fixed = sum(need[c] for c in range(ncol) if aligns[c] != "left")
        text_cols = [c for c in range(ncol) if aligns[c] == "left"]
        if fixed <= total_w * 0.75 or not text_cols and fixed <= total_w:
            break
    style = st_body
    pitch = (pitch or style.px * rng.uniform(1.6, 2.1))
    if not page.fits(pitch * len(rows) + page.pt(6)):
        return False
    col_w = [0.0] * ncol
    rest = total_w - sum(need[c] for c in range(ncol) if aligns[c] != "left")
    weight = sum(widths[c] for c in text_cols) or 1.0
    for c in range(ncol):
        col_w[c] = need[c] if aligns[c] != "left" else rest * widths[c] / weight
    if not text_cols:  # figures only: spread the slack evenly
        col_w = [w + (total_w - sum(col_w)) / ncol for w in col_w]
    xs = [x0]
    for w in col_w:
        xs.append(xs[-1] + w)
    rules = rng.choice(["grid", "lines", "booktabs"])
    shade = rng.random() < 0.5
    zebra = rules != "grid" and rng.random() < 0.35
    lw = page.lw(0.6)
    thick = page.lw(1.2)
    y = page.y
    top = y
    for r, row in enumerate(rows):
        st = style.with_(bold=True) if (r == 0 and header) else style
        if r == 0 and header and shade:
            page.d.rectangle([x0, y, x1, y + pitch], fill=rng.choice([200, 215, 230]))
        elif zebra and r % 2 == 0:
            page.d.rectangle([x0, y, x1, y + pitch], fill=238)
        base = y + (pitch - st.px) / 2 + st.ascent * 0.92
        for c, cell in enumerate(row):
            cw = xs[c + 1] - xs[c] - 2 * pad
            text = cell
            while text and st.length(text) > cw:  # shorten text at a word (Chinese: a character)
                cut = text.rsplit(" ", 1)[0] if " " in text else text[:-1]
                text = cut.rstrip(",;: ")
            if aligns[c] == "right":
                page.text(xs[c + 1] - pad, round(base), text, st, anchor="rs")
            elif aligns[c] == "center":
                page.text((xs[c] + xs[c + 1]) / 2, round(base), text, st, anchor="ms")
            else:
                page.text(xs[c] + pad, round(base), text, st)
        y += pitch
        if rules == "grid" or rules == "lines" or (rules == "booktabs" and r == 0):
            page.d.rectangle([x0, round(y), x1, round(y) + lw - 1], fill=0)
    if rules == "grid":
        page.d.rectangle([x0, round(top), x1, round(top) + lw - 1], fill=0)
        for x in xs:
            page.d.rectangle([round(x), round(top), round(x) + lw - 1, round(y)], fill=0)
    elif rules == "booktabs":
        page.d.rectangle([x0, round(top), x1, round(top) + thick - 1], fill=0)
        page.d.rectangle([x0, round(y), x1, round(y) + thick - 1], fill=0)
    page.y = y + page.pt(6)
    page.mark("table")
    return True
