#!/usr/bin/env python3
"""Render deterministic synthetic text pages for shredding tests.

Usage:
    scripts/render-pages.py [--out DIR] [--only NAME ...]

Writes 8-bit grayscale PNGs (0 = ink, 255 = paper, anti-aliased text) into
fixtures/pages/ by default. Everything is fixed: the text below, the fonts,
sizes, line pitches and margins; the newspaper-like page draws its bands from a
seeded generator, so it too comes out the same every time. Needs Pillow
(`pip install pillow`) and the Debian fonts fonts-liberation, fonts-dejavu-core,
fonts-noto-cjk and fonts-wqy-microhei. Font rasterisation depends on the
FreeType version, so re-running on another machine may change a few pixels;
the committed PNGs are the reference.

Layout rules:
  * page size exactly as in the file name;
  * white margins: left/right about 1-2 % of the width, top/bottom about 2-3 %
    of the height;
  * lines are wrapped by measured advance width, so nothing crosses the side
    margins (checked after rendering);
  * the number of lines is chosen so the text runs down to the bottom margin;
    the nominal line pitch is stretched by a fraction of a pixel so that the
    last line ends exactly there (so the pitch in pixels is not constant, just
    like a real scan);
  * paragraphs start with an indent, no blank lines between paragraphs, so
    nearly every horizontal band of the page carries text;
  * the text stream is a cyclic list of paragraphs; each page starts at its
    own paragraph, so different pages show different text.
"""
import argparse
import os
import sys

try:
    from PIL import Image, ImageDraw, ImageFont
except ImportError:  # pragma: no cover
    sys.exit("render-pages.py needs Pillow: pip install pillow")

# --------------------------------------------------------------------------
# Text. Original prose written for these fixtures (free to use, no copyright
# claimed). Plain ASCII for English so every font has every glyph.
# --------------------------------------------------------------------------
EN_PARAGRAPHS = [
    "Paper begins as a wet mat of fibres. In the old mills the rags of linen and "
    "cotton were sorted by hand, cut into small pieces and left to rot for some weeks "
    "in a damp cellar, until the threads came apart at a touch. The softened rags went "
    "to the stamping mill, where heavy wooden hammers driven by a water wheel beat them "
    "day and night into a thin grey pulp. A careful miller could tell from the sound of "
    "the hammers whether the stuff was ready, and he would not hurry it, because a "
    "sheet made from short, bruised fibres tears when it is folded.",

    "The vatman stood at a wooden tub of warm pulp and dipped a mould into it, a frame "
    "of fine brass wires with a loose wooden rim called the deckle. He lifted the mould "
    "level, shook it once from side to side and once from front to back, and the water "
    "drained away through the wires, leaving an even layer of fibres locked together. "
    "His partner, the coucher, turned the wet sheet out onto a piece of felt, laid "
    "another felt on top, and handed the empty mould back. Two good men could make "
    "several thousand sheets in a long day, each one very nearly the same weight as "
    "the last.",

    "A stack of sheets and felts was squeezed in a great screw press until no more "
    "water ran from it. The sheets were then parted from the felts, pressed again on "
    "their own, and hung over ropes of cow hair in a drying loft where the wind could "
    "move through open shutters. After drying, most paper was dipped in a thin size "
    "made from animal skins, so that ink would sit on the surface instead of spreading "
    "into the fibres like water into a cloth. Last of all the sheets were smoothed with "
    "a polished stone, counted into quires and reams, and tied up for the merchant.",

    "Hold an old sheet up to a window and the history of its making is still there. "
    "Fine pale lines run close together across the page, the marks of the wires in the "
    "mould, and stronger lines cross them every inch or so where the wires were sewn to "
    "wooden ribs. Often a small picture shows through as well: a bunch of grapes, a "
    "hand with a star, a jug, a bell or the arms of a town. These watermarks were "
    "twisted from wire and stitched to the mould, and they help a patient reader tell "
    "where and roughly when a sheet was made, even when the words on it say nothing of "
    "the kind.",

    "Printing from movable type asked for paper in quantities that no one had needed "
    "before. A single edition of a modest book might run to several hundred copies of "
    "three or four hundred pages each, and every page was printed on both sides of the "
    "sheet. The printer set the letters one at a time from a case of small compartments, "
    "capitals in the upper case and small letters in the lower, which is why we still "
    "use those words today. He spaced each line out to the same width with thin pieces "
    "of metal, locked the pages into an iron frame and carried them to the press.",

    "At the press one man inked the type with a pair of leather balls stuffed with wool "
    "while another laid a damp sheet on the frame, folded it down, rolled the bed under "
    "the platen and pulled the long bar. The platen came down, the ink passed to the "
    "paper, and the bed rolled out again. A good team printed about two hundred and "
    "fifty sheets in an hour, and they worked for twelve or fourteen hours. The printed "
    "sheets were hung up to dry like washing, then folded, gathered in order, and sent "
    "to the binder, who sewed them together and covered them in board and leather.",

    "Mistakes were common and were corrected in many ways. Some were caught by the "
    "reader who checked the first proofs against the copy, marking the margins with a "
    "set of small signs that a compositor could understand at a glance. Others were "
    "found only after part of the edition had already been printed, so that copies of "
    "the same book differ from one another in small details. A list of errors was often "
    "printed at the end of the volume, asking the kind reader to mend the text with his "
    "own pen, and many owners did exactly that.",

    "The river that turned the mill wheel rose in the hills as a handful of springs. "
    "Below the moor the springs gathered into a brook that ran clear over brown stones, "
    "and by the time it reached the first village it was wide enough to need a bridge. "
    "In summer children waded across it at the ford and caught small fish in their hands; "
    "in winter it came down brown and loud, carrying branches, and the farmers moved "
    "their sheep away from the low meadows. Its course changed a little every few years, "
    "leaving old bends behind as ponds full of reeds.",

    "Further down, the river grew slow and deep. Barges carried coal, timber and grain "
    "along it, pulled at first by men walking on the bank and later by horses on a "
    "towpath. Locks were built where the ground fell away, with heavy gates of oak and "
    "long balance beams that a single keeper could push open by leaning his whole weight "
    "against them. The keeper's cottage stood beside each lock, with a small garden of "
    "beans and cabbages, and the boatmen knew every keeper by name and every garden by "
    "its smell in the evening.",

    "Towns grew where the river could be crossed or where two valleys met. The oldest "
    "streets ran down to the water, narrow and steep, lined with warehouses that had "
    "doors on every floor and a beam with a pulley at the top. Goods were hoisted "
    "straight from the boats into the upper rooms. When the railway came, the warehouses "
    "slowly emptied and the quays grew quiet, and a hundred years later many of the same "
    "buildings were turned into flats, shops and workshops, with the old pulleys left in "
    "place as a reminder of what they had been.",

    "Near the sea the river widened into an estuary where the water was neither fresh "
    "nor salt. Twice a day the tide pushed up against the current, and the level rose "
    "and fell by the height of a man or more. Mud banks appeared and disappeared, covered "
    "with birds at low water, and the channel moved with every storm, so that pilots had "
    "to learn it again each season. The charts were drawn with great care from soundings "
    "taken with a lead line, and each new edition showed the sand in a slightly different "
    "place.",

    "Maps themselves were printed from copper plates. The engraver cut the lines of the "
    "coast, the rivers and the roads into a polished plate with a sharp steel tool, "
    "working backwards so that the printed image would come out the right way round. "
    "Names were cut letter by letter, and the hills were shown by rows of short strokes "
    "that grew darker where the slope was steep. A plate could be corrected many times "
    "by hammering out an old line from behind and cutting a new one, and a single plate "
    "might stay in use for a century.",

    "A library is, among other things, a long argument against loss. Paper burns, "
    "floods, yellows and crumbles, and insects and damp are patient enemies. Librarians "
    "learned to keep books cool and dry, away from strong light, standing upright on "
    "shelves with room for air to move between them. Torn leaves were mended with thin "
    "strips of tissue and paste made from wheat starch, which can be removed again with "
    "a little water if a later hand can do the work better. Whole volumes were copied "
    "when the originals could no longer be handled safely.",

    "Sometimes only pieces survive. A letter is torn in a quarrel, a page is cut up to "
    "stiffen the spine of another book, a bundle of papers is shredded by a careless "
    "clerk. Putting such pieces back together is slow work. One looks at the edges of "
    "each fragment, at the way a line of writing runs off one piece and onto the next, "
    "at the height of the letters and the spacing of the lines, at a stain that crosses "
    "a tear. Each small match makes the next one easier, until at last the whole page "
    "lies flat and readable on the table once again.",

    "The weather has always mattered to those who make and keep paper. On a dry day "
    "with a steady wind the drying loft does its work in hours; in a wet autumn the "
    "sheets hang for a week and some of them spot with mould. Printers disliked both "
    "extremes, because paper that is too dry cracks in the press and paper that is too "
    "wet smears the ink. Old account books record the price of coal for the stoves and "
    "the days lost to frost, and the careful reader can follow the seasons through the "
    "accounts almost as well as through a diary.",

    "Bridges tell the same story in stone. The first crossing of a river is often a row "
    "of stepping stones, then a timber footbridge that is washed away and rebuilt, then "
    "at last a bridge of several low arches with sharp cutwaters pointing upstream to "
    "split the floods. Each arch is built over a wooden frame that is taken away once the "
    "keystone is set, and a well built arch will stand for many hundreds of years. Later "
    "generations widen the road, add iron railings and lamps, and the old stone is still "
    "there underneath.",
]

ZH_PARAGRAPHS = [
    "纸的历史很长。早在两千多年前，人们就已经学会把麻头、破布和树皮放进水里浸泡，再用石臼反复捣烂，"
    "制成细细的纸浆。工匠把竹帘放进纸浆里轻轻一荡，再平平地提起来，水从帘缝里慢慢流走，"
    "帘面上就留下一层薄薄的纤维。把这层湿纸揭下来，贴在烧热的墙上烘干，就成了一张纸。"
    "这种方法看起来简单，却要靠多年的经验，浆稀了纸就太薄，浆稠了纸又太厚。",

    "好纸要经得起时间。老师傅常说，选料是第一步，料不好，后面的功夫全都白费。"
    "在南方的山里，人们用嫩竹造纸，春天砍下新竹，截成小段，放进石灰水里浸上几个月，"
    "等竹子变软发白，再拿出来捶打、蒸煮、漂洗。一张纸从砍竹到晒干，前后要经过几十道工序，"
    "每一道都不能马虎。山里的溪水清澈，造出来的纸洁白柔韧，写字不洇，存放多年也不容易发黄。",

    "有了纸，书就多了起来。最初的书是一笔一画抄写的，抄一部大书往往要花好几年，"
    "还难免抄错字。后来人们把整页文字刻在木板上，刷上墨，铺上纸，用刷子轻轻一擦，"
    "一页书就印好了。一块板可以印成百上千次，书的价钱便宜了许多，读书的人也越来越多。"
    "再后来，有人想到把每个字单独刻成一个小印，需要时按顺序排好，印完再拆开，下次还能接着用。",

    "活字排版是一件细致的工作。排字的人面前摆着许多格子，常用的字放在手边，"
    "不常用的字放在远处，按照韵部或者部首排列。他一手拿着稿子，一手从格子里取字，"
    "一行一行地排进铁框，遇到缺字就临时刻一个补上。排好以后先印一张样张，"
    "请人仔细校对，改正错字，然后才开始正式印刷。印完的字要清洗干净，放回原来的格子里。",

    "城外有一条河，从西边的山里流出来，绕过城墙，一直向东流进大海。春天河水不深，"
    "清得能看见水底的石头和游来游去的小鱼；到了夏天，上游下了大雨，河水一下子涨起来，"
    "变得又宽又急，颜色也黄了。住在河边的人家都知道河的脾气，每年雨季之前，"
    "他们会把堤岸加高加固，把船拴牢，把粮食搬到高处，等大水过去再回来种地。",

    "河上有一座石桥，已经有好几百年了。桥有七个桥洞，中间的最大，两边的依次变小，"
    "远远看去，像一道弯弯的彩虹。桥面是用大块的青石铺成的，被行人和车马磨得又光又滑，"
    "下雨天走在上面要格外小心。桥栏上刻着各种花草和小狮子，每只狮子的样子都不一样。"
    "老人们常常坐在桥头乘凉，一边摇着扇子，一边给孩子们讲从前的故事。",

    "每天清早，河边最热闹。卖菜的农民挑着担子进城，渔夫把夜里打到的鱼摆在岸边，"
    "洗衣服的妇女蹲在石阶上，一边捶打衣服，一边说说笑笑。太阳升高以后，"
    "船夫们开始装货，把一袋袋大米、一捆捆木柴搬上船，顺着河水运到下游的镇子去。"
    "到了傍晚，炊烟从屋顶上升起来，河面上映着红红的晚霞，整个小城慢慢安静下来。",

    "城里有一家老书店，门面不大，里面却很深。书架一直顶到天花板，"
    "上面摆满了新书和旧书，要取高处的书得踩着木梯子。店主是一位头发花白的老先生，"
    "他对店里的每一本书都很熟悉，你只要说出书名，他就能准确地告诉你放在哪一排哪一层。"
    "常有学生放学以后来这里看书，一看就是一两个钟头，老先生从来不催他们。",

    "修补旧书需要耐心。有的书页被虫蛀出了小洞，有的受了潮，几页粘在一起，"
    "还有的书脊断了，书页散落得到处都是。修书的人先把书页一张一张地分开，"
    "用毛笔蘸清水轻轻刷平，再找颜色和厚薄都相近的纸，把破洞一点一点地补好。"
    "补好的书页要压平晾干，最后按照原来的顺序重新装订起来，看上去几乎和原来一样。",

    "把撕碎的纸片重新拼起来，更是一件考验眼力的事。人们先把纸片摊在桌子上，"
    "挑出边缘平直的几片，它们多半来自纸的四周；再看每一片上的字，"
    "一行字在哪里断开，下一片就应该从哪里接上。字的大小、行与行之间的距离、"
    "墨色的深浅，都是重要的线索。拼好一块，剩下的就容易一些，直到整页文字重新出现在眼前。",

    "秋天到了，天高云淡，田野里一片金黄。农民们忙着收割稻谷，打谷场上堆满了新收的粮食，"
    "空气里飘着稻草的香味。孩子们在田埂上奔跑，追赶飞起来的麻雀。傍晚时分，"
    "一群群大雁排成整齐的队伍，从头顶飞过，向南方飞去。等到第一场霜降下来，"
    "树叶就变红变黄，一阵风吹过，纷纷扬扬地落满了小路。",

    "冬天的夜晚很长。一家人围坐在火炉旁边，炉子上的水壶咕嘟咕嘟地响着，"
    "窗外的北风呼呼地吹。爷爷戴上老花镜，慢慢地翻着一本旧书，"
    "奶奶在灯下缝补衣服，孩子们趴在桌上写作业，不时抬起头来问几个不认识的字。"
    "屋子里暖洋洋的，谁也不想早早去睡觉。等到炉火渐渐暗下来，大家才各自回房休息。",

    "茶是很多人每天都离不开的东西。春天采下的嫩芽，经过摊晾、杀青、揉捻和烘干，"
    "就成了清香的绿茶。泡茶的水最好是山泉水，水烧开以后稍微放凉一点，"
    "再慢慢冲进杯子里，看着叶子在水中一片一片地舒展开来。朋友来了，先泡一壶茶，"
    "大家一边喝茶，一边聊天，从天气说到收成，从过去说到将来，不知不觉一个下午就过去了。",

    "旅行能让人看到许多书本上没有的东西。坐在火车上，窗外的景色不断变化，"
    "一会儿是连绵的群山，一会儿是宽阔的平原，一会儿又是繁华的城市。每到一个地方，"
    "当地人说话的口音、吃饭的口味、房子的样式都不太一样。把这些见闻记在本子上，"
    "回来以后再翻看，就像重新走了一遍，许多早已忘记的细节又清清楚楚地浮现出来。",
]

# --------------------------------------------------------------------------
# Fonts: (label, [(path, face-name-or-None), ...]) – the first existing wins.
# --------------------------------------------------------------------------
FONTS = {
    "liberation-serif": [
        ("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf", None),
        ("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", None),
    ],
    "liberation-sans": [
        ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", None),
        ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", None),
    ],
    "dejavu-mono": [
        ("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf", None),
    ],
    "noto-serif-cjk-sc": [
        ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC"),
        ("/usr/share/fonts/truetype/arphic/uming.ttc", "AR PL UMing CN"),
    ],
    "wqy-microhei": [
        ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "WenQuanYi Micro Hei"),
        ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", "WenQuanYi Zen Hei"),
        ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "Noto Sans CJK SC"),
    ],
}

# Page specs. margins are fractions of width (left, right) and height (top, bottom),
# measured to the line boxes; pitch is the nominal line pitch in px; levels (optional)
# posterizes the anti-aliased gray to that many evenly spaced levels (0 and 255 kept)
# to keep the PNG small.
PAGES = [
    dict(name="en-serif-1368x1980", size=(1368, 1980), font="liberation-serif", px=26,
         pitch=40, lang="en", justify=True, indent=52, start=0,
         margins=(0.013, 0.015, 0.022, 0.026)),
    dict(name="en-sans-1152x1600", size=(1152, 1600), font="liberation-sans", px=20,
         pitch=31, lang="en", justify=False, indent=40, start=5,
         margins=(0.017, 0.018, 0.024, 0.028)),
    dict(name="zh-song-1368x1980", size=(1368, 1980), font="noto-serif-cjk-sc", px=30,
         pitch=52, lang="zh", justify=True, indent=2, start=0,
         margins=(0.012, 0.012, 0.021, 0.025), levels=32),
    dict(name="zh-hei-1200x1500", size=(1200, 1500), font="wqy-microhei", px=26,
         pitch=43, lang="zh", justify=True, indent=2, start=7,
         margins=(0.016, 0.016, 0.025, 0.028)),
    dict(name="en-mono-960x1280", size=(960, 1280), font="dejavu-mono", px=18,
         pitch=27, lang="en", justify=False, indent=None, start=10,
         margins=(0.015, 0.015, 0.024, 0.027)),
]

# A newspaper-like page: bands of 1-3 text columns, each band its own font, size and
# line pitch, every column its own run of paragraphs (no text repeats side by side).
# Bands with an even pitch make runs of page rows whose text lines sit at the same
# heights, which line profiles cannot tell apart.
PAGES.append(dict(name="news-mixed-1368x1980", size=(1368, 1980), kind="news", seed=7,
                  margins=(0.03, 0.03, 0.03, 0.03)))

# Chinese line-breaking rules (simplified kinsoku).
ZH_NO_START = set("，。、；：？！）》」』”’…—·%")
ZH_NO_END = set("（《「『“‘")


def load_font(label, px):
    for path, face in FONTS[label]:
        if not os.path.exists(path):
            continue
        if face is None:
            f = ImageFont.truetype(path, px)
            return f, "%s %s" % f.getname(), path
        for idx in range(16):
            try:
                f = ImageFont.truetype(path, px, index=idx)
            except OSError:
                break
            if f.getname()[0] == face:
                return f, "%s %s" % f.getname(), path
    sys.exit(f"no font found for {label}; install fonts-liberation fonts-noto-cjk fonts-wqy-microhei")


def paragraph_stream(paragraphs, start):
    i = start
    while True:
        yield paragraphs[i % len(paragraphs)]
        i += 1


# ---- line breaking: each line is (items, is_last_of_paragraph) where items are
# ---- (x_offset_hint_unused, text) pieces placed by the layout step.
def wrap_en(font, text, width, indent_px, mono_indent):
    if mono_indent is not None:
        words = text.split()
        words[0] = " " * mono_indent + words[0]
    else:
        words = text.split()
    space = font.getlength(" ")
    lines = []
    cur = []
    cur_w = 0.0
    first = True
    for w in words:
        ww = font.getlength(w)
        lead = indent_px if (first and not lines and mono_indent is None) else 0
        avail = width - lead
        new_w = ww if not cur else cur_w + space + ww
        if cur and new_w > avail:
            lines.append((cur, lead, False))
            cur, cur_w = [w], ww
            first = False
            continue
        if not cur and ww > avail:
            raise ValueError(f"word too long for line: {w!r}")
        cur.append(w)
        cur_w = new_w
    lines.append((cur, indent_px if (not lines and mono_indent is None) else 0, True))
    return lines


def wrap_zh(font, text, width, indent_chars):
    chars = list(text)
    adv = font.getlength("中")
    lines = []
    pos = 0
    first = True
    while pos < len(chars):
        lead = indent_chars * adv if first else 0
        cap = int((width - lead) // adv)
        end = min(len(chars), pos + cap)
        if end < len(chars):
            # do not start the next line with closing punctuation,
            # do not end this line with opening punctuation
            while end - pos > 1 and (chars[end] in ZH_NO_START or chars[end - 1] in ZH_NO_END):
                end -= 1
        lines.append((chars[pos:end], lead, end >= len(chars)))
        pos = end
        first = False
    return lines


def layout_lines(spec, font, width, n_lines):
    """Take lines from the cyclic paragraph stream until n_lines are filled."""
    out = []
    if spec["lang"] == "en":
        stream = paragraph_stream(EN_PARAGRAPHS, spec["start"])
        mono_indent = 4 if spec["indent"] is None else None
        while len(out) < n_lines:
            out += wrap_en(font, next(stream), width, spec["indent"] or 0, mono_indent)
    else:
        stream = paragraph_stream(ZH_PARAGRAPHS, spec["start"])
        while len(out) < n_lines:
            out += wrap_zh(font, next(stream), width, spec["indent"])
    return out[:n_lines]


def render(spec):
    W, H = spec["size"]
    font, font_name, font_path = load_font(spec["font"], spec["px"])
    ml, mr, mt, mb = spec["margins"]
    left = round(W * ml)
    right = W - round(W * mr)
    top = round(H * mt)
    bottom = H - round(H * mb)
    width = right - left
    asc, desc = font.getmetrics()
    line_h = asc + desc
    avail = bottom - top
    n = (avail - line_h) // spec["pitch"] + 1
    pitch = (avail - line_h) / (n - 1)  # stretched so the last line ends at `bottom`
    lines = layout_lines(spec, font, width, n)
    if spec["lang"] == "en":
        n_chars = sum(len(" ".join(items).strip()) for items, _, _ in lines)
    else:
        n_chars = sum(len(items) for items, _, _ in lines)

    img = Image.new("L", (W, H), 255)
    draw = ImageDraw.Draw(img)
    for i, (items, lead, last) in enumerate(lines):
        base = top + asc + round(i * pitch)
        x0 = left + lead
        if spec["lang"] == "en":
            if spec["justify"] and not last and len(items) > 1:
                widths = [font.getlength(w) for w in items]
                gap = (width - lead - sum(widths)) / (len(items) - 1)
                x = float(x0)
                for w, ww in zip(items, widths):
                    draw.text((round(x), base), w, font=font, fill=0, anchor="ls")
                    x += ww + gap
            else:
                draw.text((x0, base), " ".join(items), font=font, fill=0, anchor="ls")
        else:
            adv = font.getlength("中")
            gap = 0.0
            if spec["justify"] and not last and len(items) > 1:
                gap = (width - lead - adv * len(items)) / (len(items) - 1)
            x = float(x0)
            for ch in items:
                draw.text((round(x), base), ch, font=font, fill=0, anchor="ls")
                x += adv + gap
    levels = spec.get("levels", 256)
    if levels < 256:
        step = 255 / (levels - 1)
        img = img.point(lambda v: int(round(round(v / step) * step)))
    return img, font_name, font_path, n, pitch, (left, right, top, bottom), n_chars


def render_news(spec):
    import random
    rng = random.Random(spec["seed"])
    W, H = spec["size"]
    ml, mr, mt, mb = spec["margins"]
    left, right = round(W * ml), W - round(W * mr)
    top, bottom = round(H * mt), H - round(H * mb)
    img = Image.new("L", (W, H), 255)
    draw = ImageDraw.Draw(img)
    fonts = [("liberation-serif", "en"), ("liberation-sans", "en"), ("dejavu-mono", "en"),
             ("noto-serif-cjk-sc", "zh"), ("wqy-microhei", "zh")]
    y = top
    n_lines, n_chars, pitches = 0, 0, []
    start = 0
    while y < bottom - 60:
        label, lang = fonts[rng.randrange(len(fonts))]
        px = rng.randrange(18, 27)
        font, _, _ = load_font(label, px)
        asc, desc = font.getmetrics()
        pitch = round(px * rng.uniform(1.35, 1.7))
        columns = rng.choice([1, 2, 2, 3])
        gutter = rng.randrange(28, 44)
        width = (right - left - (columns - 1) * gutter) // columns
        lines_here = min(rng.randrange(6, 16), (bottom - y - asc - desc) // pitch + 1)
        if lines_here < 2:
            break
        for k in range(columns):
            x0 = left + k * (width + gutter)
            spec_col = dict(lang=lang, start=start, indent=2 if lang == "zh" else 2 * px)
            start += 3
            lines = layout_lines(spec_col, font, width, lines_here)
            for i, (items, lead, _) in enumerate(lines):
                base = y + asc + i * pitch
                if lang == "en":
                    text = " ".join(items)
                    draw.text((x0 + lead, base), text, font=font, fill=0, anchor="ls")
                    n_chars += len(text)
                else:
                    adv = font.getlength("中")
                    for j, ch in enumerate(items):
                        draw.text((round(x0 + lead + j * adv), base), ch, font=font, fill=0, anchor="ls")
                    n_chars += len(items)
        n_lines += lines_here
        pitches.append(pitch)
        y += (lines_here - 1) * pitch + asc + desc + rng.randrange(14, 40)
    img = img.point(lambda v: int(round(round(v / (255 / 31)) * (255 / 31))))
    return img, "mixed fonts", "", n_lines, sum(pitches) / len(pitches), (left, right, top, bottom), n_chars


def ink_bbox(img, thresh=250):
    """Bounding box of pixels darker than thresh: (x0, y0, x1, y1) exclusive."""
    return img.point(lambda v: 255 if v < thresh else 0).getbbox()


def main():
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(repo, "fixtures", "pages"))
    ap.add_argument("--only", nargs="*", help="page names to render (default: all)")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    ok = True
    for spec in PAGES:
        if args.only and spec["name"] not in args.only:
            continue
        img, font_name, font_path, n, pitch, box, n_chars = (render_news if spec.get("kind") == "news" else render)(spec)
        W, H = spec["size"]
        assert img.size == (W, H) and img.mode == "L"
        path = os.path.join(args.out, spec["name"] + ".png")
        img.save(path, optimize=True)
        x0, y0, x1, y1 = ink_bbox(img)
        margins = (x0, W - x1, y0, H - y1)
        # side margins must stay white: nothing drawn outside the text block
        clipped = x0 < box[0] - 2 or x1 > box[1] + 2 or x0 <= 0 or x1 >= W
        if clipped:
            ok = False
        print(f"{spec['name']}.png  {W}x{H}  {font_name} ({os.path.basename(font_path) or 'several'}) "
              f"{spec.get('px', '18-26')}px  {n} lines  {n_chars} chars  pitch {pitch:.2f}px  ink margins L{margins[0]} "
              f"R{margins[1]} T{margins[2]} B{margins[3]}  {os.path.getsize(path)} bytes"
              + ("  CLIPPED!" if clipped else ""))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
