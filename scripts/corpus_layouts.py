"""Page layouts for scripts/make-corpus: each draws one kind of document on a Page.

A layout is a function (page, doc) -> None that fills the page from the top and stops
when a block no longer fits; `doc` carries the seeded random generator, the language,
the styles, the line pitch, the paragraph spacing and the prose.
"""
import corpus_text as T
from corpus_draw import chart, logo, photo, signature, table


class Prose:
    """Consecutive paragraphs of one text, from a seeded starting point."""

    def __init__(self, rng, lang):
        self.rng, self.lang = rng, lang
        if lang == "zh":
            self.pars = T.ZH_PARAGRAPHS
            self.heads = T.ZH_HEADINGS
        else:
            self.pars = T.LICENCE_PARAGRAPHS + T.EN_OWN if rng.random() < 0.75 else T.EN_OWN + T.LICENCE_PARAGRAPHS
            self.heads = T.EN_HEADINGS + T.LICENCE_HEADINGS
        self.i = rng.randrange(len(self.pars))
        self.h = rng.randrange(len(self.heads))

    def next(self):
        p = self.pars[self.i % len(self.pars)]
        self.i += 1
        return p

    def heading(self):
        h = self.heads[self.h % len(self.heads)]
        self.h += 1
        return h

    def sentences(self, n):
        out = []
        while len(out) < n:
            out += T.sentences(self.next(), self.lang)
        return out[:n]

    def short(self, max_chars):
        """A sentence cut to at most max_chars (for captions and subjects)."""
        s = self.sentences(1)[0]
        if len(s) > max_chars:
            s = s[:max_chars].rsplit(" ", 1)[0] if self.lang == "en" else s[:max_chars]
            s = s.rstrip(",;: ")
        return s


class Doc:
    def __init__(self, rng, lang, body, heading, mono, pitch, gap, indent, align):
        self.rng, self.lang = rng, lang
        self.body, self.head, self.mono = body, heading, mono
        self.pitch, self.gap, self.indent, self.align = pitch, gap, indent, align
        self.prose = Prose(rng, lang)
        self.L = T.LABELS[lang]

    def person(self):
        r = self.rng
        if self.lang == "zh":
            return r.choice(T.ZH_SURNAMES) + r.choice(T.ZH_GIVEN)
        return f"{r.choice(T.EN_FIRST)} {r.choice(T.EN_LAST)}"

    def firm(self):
        return self.rng.choice(T.ZH_FIRMS if self.lang == "zh" else T.EN_FIRMS)

    def date(self):
        r = self.rng
        y, m, d = r.randrange(2015, 2027), r.randrange(1, 13), r.randrange(1, 29)
        if self.lang == "zh":
            return f"{y}年{m}月{d}日"
        return r.choice([f"{d} {T.EN_MONTHS[m - 1]} {y}", f"{T.EN_MONTHS[m - 1]} {d}, {y}", f"{d:02d}/{m:02d}/{y}"])

    def address(self):
        r = self.rng
        if self.lang == "zh":
            return [r.choice(["北京市", "上海市", "南京市", "杭州市", "成都市", "武汉市"]) +
                    r.choice(["东城区", "西湖区", "青山区", "鼓楼区"]) + r.choice(["解放路", "人民路", "建设路", "中山路"]) +
                    f"{r.randrange(1, 300)}号", f"邮政编码 {r.randrange(100000, 999999)}"]
        town, code = r.choice(T.EN_TOWNS)
        return [f"{r.randrange(1, 140)} {r.choice(T.EN_STREETS)}", town, code]

    def body_par(self, page, text=None, **kw):
        kw.setdefault("pitch", self.pitch)
        kw.setdefault("align", self.align)
        kw.setdefault("indent", self.indent)
        kw.setdefault("after", self.gap)
        return page.paragraph(text if text is not None else self.prose.next(), self.body, **kw)

    def headline(self, page, text, scale=1.3, align="left", bold=True, after=None):
        st = self.head.with_(px=self.body.px * scale, bold=bold)
        if not page.fits(st.px * 2.2):
            return False
        page.y += st.px * 0.4
        page.paragraph(text, st, pitch=st.px * 1.3, align=align, after=st.px * 0.3 if after is None else after)
        return True

    def fill(self, page, headings=0.0, max_pars=None):
        """Paragraphs (and now and then a heading) down to the bottom margin."""
        n = 0
        while page.room() > self.pitch and (max_pars is None or n < max_pars):
            if headings and n and self.rng.random() < headings:
                if not self.headline(page, self.heading_text(), scale=self.rng.choice([1.0, 1.15, 1.3])):
                    break
            if not self.body_par(page):
                break
            n += 1

    def heading_text(self, number=None):
        h = self.prose.heading()
        if number is None:
            return h
        if self.lang == "zh":
            return f"{T.ZH_NUMERALS[(number - 1) % 10]}、{h}"
        return f"{number}. {h}"

    def footer(self, page, style="number"):
        """A page number or footer line below the bottom margin."""
        st = self.body.with_(px=self.body.px * 0.8, bold=False, italic=False)
        y = page.bottom + (page.h - page.bottom) * 0.45
        n, total = self.rng.randrange(1, 9), self.rng.randrange(9, 20)
        if self.lang == "zh":
            text = self.rng.choice([f"- {n} -", f"第 {n} 页 共 {total} 页", f"{n}"])
        else:
            text = self.rng.choice([f"- {n} -", f"Page {n} of {total}", f"{n}"])
        where = self.rng.choice(["center", "right", "center"])
        if style == "line":
            page.d.line([(page.left, y - st.px * 1.2), (page.right, y - st.px * 1.2)], fill=0, width=page.lw(0.5))
            page.text(page.left, y, self.firm(), st)
            where = "right"
        x = (page.left + page.right) / 2 if where == "center" else page.right
        page.text(x, y, text, st, anchor="ms" if where == "center" else "rs")
        page.mark("page-number")


def _reserve_footer(page, doc):
    """Keeps a band for the footer when the bottom margin is too small for one."""
    need = doc.body.px * 2.2
    if page.h - page.bottom < need:
        page.bottom = int(page.h - need)


def letter(page, doc):
    r, L = doc.rng, doc.L
    firm = doc.firm()
    size = doc.body.px * r.uniform(3, 5)
    if r.random() < 0.7:
        initials = "".join(w[0] for w in firm.split()[:2]) if doc.lang == "en" else firm[:1]
        logo(page, page.left, page.y, size, initials, doc.head, r)
    head = doc.head.with_(px=doc.body.px * 1.5, bold=True)
    page.text(page.right, page.y + head.ascent, firm, head, anchor="rs")
    small = doc.body.with_(px=doc.body.px * 0.85)
    y = page.y + head.px * 1.6
    for line in doc.address():
        page.text(page.right, y + small.ascent, line, small, anchor="rs")
        y += small.px * 1.3
    page.y = max(page.y + size, y) + doc.body.px
    page.rule(weight=r.choice([0.5, 1.0, 2.0]), gray=r.choice([0, 0, 90]))
    page.y += doc.pitch
    who = doc.person()
    for line in [who] + doc.address():
        page.paragraph(line, doc.body, pitch=doc.pitch, align="left")
    page.y += doc.pitch
    page.paragraph(doc.date(), doc.body, pitch=doc.pitch, align=r.choice(["left", "right"]))
    page.y += doc.pitch * 0.5
    subject = doc.prose.short(60) if r.random() < 0.4 else r.choice(T.ZH_SUBJECTS if doc.lang == "zh" else T.EN_SUBJECTS)
    page.paragraph(("Re: " if doc.lang == "en" else "") + subject, doc.body.with_(bold=True), pitch=doc.pitch)
    page.y += doc.pitch * 0.5
    salutation = f"{L['dear']} {who}," if doc.lang == "en" else f"{L['dear']}{who}："
    page.paragraph(salutation, doc.body, pitch=doc.pitch, after=doc.gap)
    _reserve_footer(page, doc)
    closing_room = doc.pitch * 6
    bottom = page.bottom
    page.bottom -= closing_room
    for _ in range(r.randrange(2, 6)):
        if not doc.body_par(page):
            break
    page.bottom = bottom
    if page.fits(doc.pitch * 5):
        page.y += doc.pitch * 0.5
        for line in L["yours"].split("\n"):
            page.paragraph(line, doc.body, pitch=doc.pitch)
        signature(page, page.left, page.y, doc.body.px * r.uniform(7, 11), doc.pitch * 2.2, r)
        page.y += doc.pitch * 2.5
        page.paragraph(doc.person() if r.random() < 0.3 else who, doc.body, pitch=doc.pitch)
    if r.random() < 0.6:
        doc.footer(page, "line")


def memo(page, doc):
    r, L = doc.rng, doc.L
    title = doc.head.with_(px=doc.body.px * r.uniform(1.8, 2.6), bold=True)
    page.paragraph(L["memo"], title, pitch=title.px * 1.4, align=r.choice(["left", "center"]))
    page.y += doc.pitch * 0.5
    label = doc.body.with_(bold=True)
    tab = page.left + max(label.length(L[k] + ":") for k in ("to", "frm", "date", "subject", "cc")) + doc.body.px
    fields = [("to", doc.person()), ("frm", doc.person()), ("date", doc.date()),
              ("subject", r.choice(T.ZH_SUBJECTS if doc.lang == "zh" else T.EN_SUBJECTS))]
    if r.random() < 0.5:
        fields.insert(2, ("cc", doc.person() + ("、" if doc.lang == "zh" else ", ") + doc.person()))
    for key, value in fields:
        base = page.y + doc.pitch * 0.75
        page.text(page.left, base, L[key] + ":", label)
        page.text(tab, base, value, doc.body)
        page.y += doc.pitch * 1.2
    page.rule(weight=r.choice([1.0, 2.0, 3.0]))
    page.y += doc.pitch * 0.5
    _reserve_footer(page, doc)
    n = 0
    while page.room() > doc.pitch * 2:
        if n == 2 and r.random() < 0.6:
            bullet(page, doc, doc.prose.sentences(r.randrange(3, 6)), r.choice(["bullet", "number"]))
        elif not doc.body_par(page):
            break
        n += 1
        if n > 2 and r.random() < 0.25:
            break
    if page.fits(doc.pitch * 2):
        page.y += doc.pitch
        page.paragraph(doc.person()[:2] if doc.lang == "zh" else "".join(w[0] for w in doc.person().split()),
                       doc.body.with_(italic=True), pitch=doc.pitch)
    if r.random() < 0.5:
        doc.footer(page)


def bullet(page, doc, items, style="bullet", x0=None, level=0):
    """A list: bullets, numbers or check boxes, hanging indent."""
    r = doc.rng
    x0 = (page.left if x0 is None else x0) + doc.body.px * 1.5 * level
    marker_w = doc.body.px * 1.8
    for k, item in enumerate(items):
        if not page.fits(doc.pitch):
            return False
        base = page.y + (doc.pitch - doc.body.px) / 2 + doc.body.ascent * 0.92
        if style == "number":
            mark = f"{k + 1}." if doc.lang == "en" else f"{k + 1}．"
            page.text(x0, round(base), mark, doc.body)
        elif style == "check":
            s = doc.body.px * 0.8
            page.box(x0, base - s, x0 + s, base, weight=0.6, outline=0)
            if r.random() < 0.4:
                page.d.line([(x0 + s * 0.2, base - s * 0.5), (x0 + s * 0.45, base - s * 0.1), (x0 + s * 0.9, base - s * 1.1)],
                            fill=30, width=page.lw(1.0))
        else:
            rr = doc.body.px * 0.14
            cx, cy = x0 + doc.body.px * 0.4, base - doc.body.px * 0.32
            page.d.ellipse([cx - rr, cy - rr, cx + rr, cy + rr], fill=0)
        if not page.paragraph(item, doc.body, pitch=doc.pitch, align="left", x0=x0 + marker_w,
                              after=doc.gap * 0.5):
            return False
    page.mark("list")
    return True


def minutes(page, doc):
    r, L = doc.rng, doc.L
    title = doc.head.with_(px=doc.body.px * r.uniform(1.5, 2.0), bold=True)
    page.paragraph(doc.firm(), doc.body.with_(px=doc.body.px * 1.1), pitch=doc.pitch * 1.1, align="center")
    page.paragraph(L["minutes"], title, pitch=title.px * 1.4, align="center")
    where = r.choice(T.ZH_PLACES) if doc.lang == "zh" else r.choice(["the Board Room", "Room 2.14", "the Town Hall", "the Library"])
    page.paragraph(f"{doc.date()}, {where}" if doc.lang == "en" else f"{doc.date()}　{where}",
                   doc.body.with_(italic=True), pitch=doc.pitch, align="center")
    page.y += doc.pitch
    sep = "、" if doc.lang == "zh" else ", "
    colon = "：" if doc.lang == "zh" else ": "
    page.paragraph(L["present"] + colon + sep.join(doc.person() for _ in range(r.randrange(3, 7))),
                   doc.body, pitch=doc.pitch, after=doc.gap * 0.5)
    page.paragraph(L["apologies"] + colon + sep.join(doc.person() for _ in range(r.randrange(1, 3))),
                   doc.body, pitch=doc.pitch, after=doc.gap)
    _reserve_footer(page, doc)
    item = 1
    while page.room() > doc.pitch * 4:
        if not doc.headline(page, doc.heading_text(item), scale=1.1):
            break
        item += 1
        for _ in range(r.randrange(1, 3)):
            if not doc.body_par(page):
                break
        if item == 3 and r.random() < 0.6:
            rows = [[L["action"], L["owner"], L["due"]]]
            for s in doc.prose.sentences(r.randrange(2, 5)):
                rows.append([s[:40], doc.person(), doc.date()])
            table(page, rows, page.left, page.right, doc.body.with_(px=doc.body.px * 0.9), r,
                  aligns=["left", "left", "left"], widths=[3, 1.3, 1.3])
    doc.footer(page)


def report(page, doc):
    r, L = doc.rng, doc.L
    small = doc.body.with_(px=doc.body.px * 0.8)
    if r.random() < 0.7:  # running head
        page.text(page.left, page.y + small.ascent, doc.firm(), small)
        page.text(page.right, page.y + small.ascent, doc.date(), small, anchor="rs")
        page.y += small.px * 1.4
        page.rule(weight=0.5, gap=page.pt(2))
        page.y += doc.pitch
    title = doc.head.with_(px=doc.body.px * r.uniform(1.6, 2.4), bold=True)
    page.paragraph(doc.prose.short(50), title, pitch=title.px * 1.25, align=r.choice(["left", "center"]),
                   after=title.px * 0.5)
    _reserve_footer(page, doc)
    section = 1
    figure = 1
    numbered = r.random() < 0.6
    extras = r.sample(["bar", "line", "table", "photo", "list"], r.randrange(1, 3))
    while page.room() > doc.pitch * 3:
        if section > 1 or r.random() < 0.5:
            if not doc.headline(page, doc.heading_text(section if numbered else None), scale=r.choice([1.1, 1.25])):
                break
        section += 1
        for _ in range(r.randrange(1, 3)):
            if not doc.body_par(page):
                break
        if extras and page.room() > doc.pitch * 10:
            what = extras.pop(0)
            width = (page.right - page.left) * r.uniform(0.55, 0.9)
            x0 = page.left + ((page.right - page.left) - width) / 2
            if what in ("bar", "line"):
                h = min(width * r.uniform(0.45, 0.65), page.room() - doc.pitch * 3)
                page.y += doc.pitch * 0.5
                chart(page, x0, page.y, width, h, doc.body, r, what, doc.lang)
                page.y += h + doc.pitch * 0.3
                caption(page, doc, L["figure"], figure)
                figure += 1
            elif what == "photo":
                h = min(width * r.uniform(0.45, 0.7), page.room() - doc.pitch * 3)
                page.y += doc.pitch * 0.5
                photo(page, x0, page.y, width, h, r)
                page.y += h + doc.pitch * 0.3
                caption(page, doc, L["figure"], figure)
                figure += 1
            elif what == "table":
                rows = [[doc.heading_text()[:20], "2023", "2024", "2025"]]
                for _ in range(r.randrange(3, 8)):
                    rows.append([doc.heading_text()[:28]] + [f"{r.uniform(1, 999):,.1f}" for _ in range(3)])
                page.y += doc.pitch * 0.3
                table(page, rows, x0, x0 + width, doc.body.with_(px=doc.body.px * 0.9), r, widths=[2.5, 1, 1, 1])
            else:
                bullet(page, doc, doc.prose.sentences(r.randrange(2, 5)), r.choice(["bullet", "number"]))
    doc.footer(page, r.choice(["number", "line"]))


def caption(page, doc, word, n):
    st = doc.body.with_(px=doc.body.px * 0.85, italic=True)
    sep = " " if doc.lang == "en" else ""
    text = f"{word}{sep}{n}: {doc.prose.short(70)}" if doc.lang == "en" else f"{word}{n}  {doc.prose.short(30)}"
    page.paragraph(text, st, pitch=st.px * 1.35, align="center", after=doc.pitch * 0.5)


def invoice(page, doc):
    r, L = doc.rng, doc.L
    firm = doc.firm()
    size = doc.body.px * r.uniform(3, 4.5)
    top = page.y
    initials = "".join(w[0] for w in firm.split()[:2]) if doc.lang == "en" else firm[:1]
    logo(page, page.left, top, size, initials, doc.head, r)
    name = doc.head.with_(px=doc.body.px * 1.3, bold=True)
    big = doc.head.with_(px=doc.body.px * 2.4, bold=True)
    x_name = page.left + size + doc.body.px
    beside = page.right - x_name - big.length(L["invoice"]) - doc.body.px * 2
    if name.length(firm) > beside:  # a smaller name, or the title on a line of its own
        name = name.with_(px=max(doc.body.px, name.px * beside / name.length(firm)))
    page.text(x_name, top + name.ascent, firm, name)
    small = doc.body.with_(px=doc.body.px * 0.85)
    y = top + name.px * 1.5
    for line in doc.address():
        page.text(x_name, y + small.ascent, line, small)
        y += small.px * 1.3
    if name.length(firm) > beside:
        top = max(y, top + size) + doc.body.px * 0.5
    page.text(page.right, top + big.ascent, L["invoice"], big, anchor="rs")
    y2 = top + big.px * 1.5
    for key, value in [("invoice_no", f"{r.randrange(1000, 99999):05d}"), ("invoice_date", doc.date()), ("due_date", doc.date())]:
        page.text(page.right, y2 + small.ascent, f"{L[key]}: {value}", small, anchor="rs")
        y2 += small.px * 1.35
    page.y = max(top + size, y, y2) + doc.pitch
    page.paragraph(L["bill_to"] + (":" if doc.lang == "en" else "："), doc.body.with_(bold=True), pitch=doc.pitch)
    for line in [doc.person(), doc.firm()] + doc.address():
        page.paragraph(line, doc.body, pitch=doc.pitch)
    page.y += doc.pitch
    goods = r.sample(T.ZH_GOODS if doc.lang == "zh" else T.EN_GOODS, r.randrange(3, 9))
    rows = [[L["item"], L["qty"], L["unit"], L["amount"]]]
    subtotal = 0.0
    for name_, price in goods:
        q = r.randrange(1, 40)
        subtotal += q * price
        rows.append([name_, str(q), f"{price:,.2f}", f"{q * price:,.2f}"])
    _reserve_footer(page, doc)
    table(page, rows, page.left, page.right, doc.body, r, widths=[4, 0.8, 1.3, 1.4])
    tax = subtotal * (0.13 if doc.lang == "zh" else 0.2)
    x_label = page.left + (page.right - page.left) * 0.55
    for key, value, bold in [("subtotal", subtotal, False), ("tax", tax, False), ("total", subtotal + tax, True)]:
        if not page.fits(doc.pitch):
            break
        st = doc.body.with_(bold=bold)
        base = page.y + doc.pitch * 0.75
        page.text(x_label, base, L[key], st)
        page.text(page.right - page.pt(4), base, f"{value:,.2f}", st, anchor="rs")
        page.y += doc.pitch
    page.y += doc.pitch
    for _ in range(r.randrange(1, 3)):
        if not page.paragraph(doc.prose.short(160), doc.body.with_(px=doc.body.px * 0.85), pitch=doc.pitch * 0.9,
                              align="left", after=doc.gap * 0.5):
            break
    doc.footer(page, "line")


def form(page, doc):
    r, L = doc.rng, doc.L
    title = doc.head.with_(px=doc.body.px * r.uniform(1.5, 2.1), bold=True)
    page.paragraph(doc.firm(), doc.body, pitch=doc.pitch, align="center")
    page.paragraph(L["form"], title, pitch=title.px * 1.4, align="center", after=doc.pitch * 0.5)
    page.paragraph(doc.prose.short(200), doc.body.with_(px=doc.body.px * 0.9), pitch=doc.pitch * 0.95,
                   align="left", after=doc.pitch * 0.5)
    _reserve_footer(page, doc)
    label = doc.body.with_(bold=r.random() < 0.5)
    boxed = r.random() < 0.5
    section = 1
    fields = ["name", "address", "phone", "email", "date"]
    while page.room() > doc.pitch * 4:
        # a section bar
        bar_h = doc.pitch * 1.2
        if not page.fits(bar_h + doc.pitch * 3):
            break
        fill = r.choice([60, 120, 200, 225])
        page.box(page.left, page.y, page.right, page.y + bar_h, fill=fill, outline=None)
        head = doc.head.with_(px=doc.body.px, bold=True, ink=255 if fill < 128 else 0)
        page.text(page.left + page.pt(4), page.y + bar_h * 0.72, doc.heading_text(section), head)
        page.y += bar_h + doc.pitch * 0.5
        section += 1
        for key in fields if section == 2 else r.sample(fields, 3):
            if not page.fits(doc.pitch * 1.8):
                break
            base = page.y + doc.pitch * 1.1
            text = L[key]
            page.text(page.left, base, text, label)
            x0 = page.left + label.length(L["address"]) + doc.body.px * 1.5
            if boxed and key in ("phone", "date"):  # one box per character
                s = doc.pitch * 1.1
                n = int(min(14, (page.right - x0) // s))
                for k in range(n):
                    page.box(x0 + k * s, base - s * 0.85, x0 + (k + 1) * s, base + s * 0.25, weight=0.5)
            elif boxed:
                page.box(x0, base - doc.pitch * 0.95, page.right, base + doc.pitch * 0.3, weight=0.5)
            else:
                page.d.line([(x0, base + page.pt(2)), (page.right, base + page.pt(2))], fill=0, width=page.lw(0.5))
            page.y += doc.pitch * 1.7
        if page.fits(doc.pitch * 2) and r.random() < 0.7:  # yes/no boxes
            base = page.y + doc.pitch
            q = doc.prose.short(45)
            x = page.right - doc.body.px * 8
            while doc.body.length(q) > x - page.left - doc.body.px:  # the question stops short of the boxes
                q = q.rsplit(" ", 1)[0] if " " in q else q[:-1]
            page.text(page.left, base, q, doc.body)
            for word in (L["yes"], L["no"]):
                s = doc.body.px * 0.9
                page.box(x, base - s, x + s, base, weight=0.6)
                page.text(x + s * 1.5, base, word, doc.body)
                x += doc.body.px * 4
            page.y += doc.pitch * 1.6
        if page.fits(doc.pitch * 6) and r.random() < 0.4:  # a free-text box
            h = doc.pitch * r.randrange(3, 6)
            page.paragraph(L["notes"], label, pitch=doc.pitch)
            page.box(page.left, page.y, page.right, page.y + h, weight=0.6)
            page.y += h + doc.pitch * 0.5
        if page.fits(doc.pitch * 3) and section >= 3 and r.random() < 0.5:
            break
    if page.fits(doc.pitch * 3):  # signature and date lines
        base = page.y + doc.pitch * 2.2
        mid = (page.left + page.right) / 2
        page.text(page.left, base, L["signature"], label)
        x0 = page.left + label.length(L["signature"]) + doc.body.px
        page.d.line([(x0, base), (mid - doc.body.px, base)], fill=0, width=page.lw(0.5))
        if r.random() < 0.6:
            signature(page, x0 + doc.body.px, base - doc.pitch * 1.6, (mid - x0) * 0.6, doc.pitch * 1.5, r)
        page.text(mid, base, L["date"], label)
        page.d.line([(mid + label.length(L["date"]) + doc.body.px, base), (page.right, base)], fill=0, width=page.lw(0.5))
        page.y = base + doc.pitch
    doc.footer(page)
    page.mark("form-boxes")


def columns(page, doc, n):
    """A two- or three-column article: headline across, then justified columns."""
    r = doc.rng
    title = doc.head.with_(px=doc.body.px * r.uniform(2.0, 3.2), bold=True)
    page.paragraph(doc.prose.short(60), title, pitch=title.px * 1.2, align=r.choice(["left", "center"]),
                   after=title.px * 0.3)
    if r.random() < 0.6:
        stand = doc.body.with_(px=doc.body.px * 1.2, italic=True)
        page.paragraph(doc.prose.short(180), stand, pitch=stand.px * 1.35, align="left", after=doc.pitch * 0.5)
    if r.random() < 0.7:
        by = doc.body.with_(px=doc.body.px * 0.9, bold=True)
        page.paragraph(("By " if doc.lang == "en" else "记者 ") + doc.person() + "  " + doc.date(), by, pitch=doc.pitch)
    page.rule(weight=r.choice([0.5, 1.0]))
    _reserve_footer(page, doc)
    gutter = page.pt(r.uniform(10, 22))
    colw = (page.right - page.left - gutter * (n - 1)) / n
    y0 = page.y
    photo_col = r.randrange(n) if r.random() < 0.5 else None
    for c in range(n):
        x0 = page.left + c * (colw + gutter)
        page.y = y0
        if c == photo_col:
            h = colw * r.uniform(0.6, 0.9)
            if page.fits(h + doc.pitch * 6):
                photo(page, x0, page.y, colw, h, r)
                page.y += h + doc.pitch * 0.3
                st = doc.body.with_(px=doc.body.px * 0.8, italic=True)
                page.paragraph(doc.prose.short(80), st, pitch=st.px * 1.3, x0=x0, x1=x0 + colw, align="left",
                               after=doc.pitch * 0.5)
        while page.room() > doc.pitch:
            if r.random() < 0.12 and page.room() > doc.pitch * 4:
                st = doc.head.with_(px=doc.body.px * 1.05, bold=True)
                page.paragraph(doc.prose.heading(), st, pitch=doc.pitch, x0=x0, x1=x0 + colw, align="left",
                               after=doc.pitch * 0.2)
            if not page.paragraph(doc.prose.next(), doc.body, pitch=doc.pitch, x0=x0, x1=x0 + colw,
                                  align=doc.align, indent=doc.indent, after=doc.gap):
                break
        if c and r.random() < 0.4:  # a column rule
            xr = x0 - gutter / 2
            page.d.line([(xr, y0), (xr, page.bottom)], fill=0, width=page.lw(0.4))
    doc.footer(page)
    page.mark(f"{n}-columns")


def two_columns(page, doc):
    columns(page, doc, 2)


def three_columns(page, doc):
    columns(page, doc, 3)


def newspaper(page, doc):
    """A newspaper page: a masthead, then bands of 1-5 columns, each band its own
    headline, size and pitch, with rules between the bands."""
    r = doc.rng
    mast = doc.head.with_(px=doc.body.px * r.uniform(3.0, 4.5), bold=True)
    name = r.choice(["The Riverside Courier", "Evening Gazette", "The County Herald", "Weekly Post"]) \
        if doc.lang == "en" else r.choice(["城南晚报", "江滨日报", "青山周报", "新华时讯"])
    page.paragraph(name, mast, pitch=mast.px * 1.2, align="center")
    small = doc.body.with_(px=doc.body.px * 0.85)
    page.rule(weight=0.5, gap=page.pt(2))
    base = page.y + small.ascent + page.pt(1)
    page.text(page.left, base, doc.date(), small)
    page.text(page.right, base, ("No. " if doc.lang == "en" else "第") + str(r.randrange(100, 9999)) +
              ("" if doc.lang == "en" else "期"), small, anchor="rs")
    page.y = base + small.descent + page.pt(2)
    page.rule(weight=2.0, gap=page.pt(2))
    _reserve_footer(page, doc)
    while page.room() > doc.pitch * 6:
        px = doc.body.px * r.uniform(0.85, 1.15)
        # columns at least 14 ems wide (Chinese: 9), from one to five
        widest = max(1, min(5, int((page.right - page.left) // (px * (9 if doc.lang == "zh" else 14)))))
        ncol = r.choice([1, 2, 3, 3, 4, 5][:max(1, widest + 1)])
        ncol = min(ncol, widest)
        st = doc.body.with_(px=px)
        pitch = px * r.uniform(1.2, 1.5)
        head = doc.head.with_(px=px * r.uniform(1.6, 2.6), bold=True)
        page.y += page.pt(4)
        page.paragraph(doc.prose.short(55), head, pitch=head.px * 1.2, align="left", after=page.pt(3))
        lines = r.randrange(6, 22)
        band_bottom = min(page.bottom, page.y + lines * pitch)
        gutter = page.pt(r.uniform(8, 16))
        colw = (page.right - page.left - gutter * (ncol - 1)) / ncol
        y0 = page.y
        photo_col = r.randrange(ncol) if (ncol >= 2 and r.random() < 0.3) else None
        for c in range(ncol):
            x0 = page.left + c * (colw + gutter)
            page.y = y0
            if c == photo_col and band_bottom - y0 > colw * 0.6 + pitch * 2:
                h = colw * 0.6
                photo(page, x0, page.y, colw, h, r)
                page.y += h + pitch * 0.5
            while page.y + pitch <= band_bottom:
                if not page.paragraph(doc.prose.next(), st, pitch=pitch, x0=x0, x1=x0 + colw, align=doc.align,
                                      indent=px * 1.5 if doc.lang == "en" else px * 2, bottom=band_bottom):
                    break
            if c:
                page.d.line([(x0 - gutter / 2, y0), (x0 - gutter / 2, band_bottom)], fill=0, width=page.lw(0.3))
        page.y = band_bottom
        if page.room() > doc.pitch * 6:
            page.rule(weight=r.choice([0.5, 1.0]), gap=page.pt(4))
    doc.footer(page)
    page.mark("bands")


def listing(page, doc):
    r, L = doc.rng, doc.L
    title = doc.head.with_(px=doc.body.px * r.uniform(1.5, 2.2), bold=True)
    page.paragraph(doc.prose.short(50), title, pitch=title.px * 1.3, align=r.choice(["left", "center"]),
                   after=doc.pitch * 0.5)
    _reserve_footer(page, doc)
    doc.body_par(page)
    style = r.choice(["bullet", "number", "check"])
    while page.room() > doc.pitch * 3:
        if r.random() < 0.5:
            if not doc.headline(page, doc.heading_text(), scale=1.1):
                break
        if not bullet(page, doc, doc.prose.sentences(r.randrange(3, 7)), style):
            break
        if r.random() < 0.3 and page.room() > doc.pitch * 3:
            bullet(page, doc, doc.prose.sentences(r.randrange(1, 3)), "bullet", level=1)
    doc.footer(page)


def notice(page, doc):
    """A notice or title page: centred titles, a few centred or justified paragraphs,
    much white space."""
    r = doc.rng
    page.y += (page.bottom - page.top) * r.uniform(0.05, 0.25)
    title = doc.head.with_(px=doc.body.px * r.uniform(2.2, 3.5), bold=True)
    page.paragraph(doc.prose.short(40), title, pitch=title.px * 1.3, align="center", after=title.px * 0.5)
    sub = doc.head.with_(px=doc.body.px * 1.4, italic=r.random() < 0.5)
    page.paragraph(doc.prose.short(70), sub, pitch=sub.px * 1.4, align="center", after=doc.pitch * 2)
    _reserve_footer(page, doc)
    for _ in range(r.randrange(2, 5)):
        if not doc.body_par(page, align=r.choice(["center", doc.align]), indent=0, after=doc.pitch):
            break
    if page.fits(doc.pitch * 4):
        page.y += doc.pitch * 2
        page.paragraph(doc.firm(), doc.body.with_(bold=True), pitch=doc.pitch, align="right")
        page.paragraph(doc.date(), doc.body, pitch=doc.pitch, align="right")
    doc.footer(page)


def plain(page, doc):
    """Dense running text down the whole page (the kind of page in fixtures/pages)."""
    _reserve_footer(page, doc)
    doc.fill(page, headings=0.15 if doc.rng.random() < 0.5 else 0.0)
    if doc.rng.random() < 0.5:
        doc.footer(page)


LAYOUTS = {
    "letter": letter, "memo": memo, "minutes": minutes, "report": report, "invoice": invoice,
    "form": form, "article-2col": two_columns, "article-3col": three_columns,
    "newspaper": newspaper, "list": listing, "notice": notice, "plain": plain,
}
