"""Text and word lists for scripts/make-corpus.

English prose comes from the licence texts Debian ships in /usr/share/common-licenses
(package base-files, on every Debian system) and from the paragraphs of
scripts/render-pages.py; Chinese prose from render-pages.py and the paragraphs below,
written for this project (free to use, no copyright claimed). Names, firms, towns and
goods are invented.
"""
import importlib.util
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))

# The licences read in this order (fixed, so the corpus does not depend on how a folder
# lists). Missing files are skipped; the project's own paragraphs are always there.
LICENCES = ["GPL-3", "GPL-2", "LGPL-2.1", "Apache-2.0", "MPL-2.0", "GFDL-1.3",
            "Artistic", "CC0-1.0", "BSD", "GPL-1", "MPL-1.1"]
LICENCE_DIR = "/usr/share/common-licenses"


def _render_pages():
    spec = importlib.util.spec_from_file_location("render_pages", os.path.join(HERE, "render-pages.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_RP = _render_pages()

ASCII = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                       "\u2013": "-", "\u2014": "--", "\u00a0": " "})


def _clean(par):
    par = par.translate(ASCII)
    par = re.sub(r"\s+", " ", par).strip()
    return par


def _licence_blocks():
    """(headings, paragraphs) from the licence texts, in a fixed order."""
    headings, paragraphs = [], []
    for name in LICENCES:
        path = os.path.join(LICENCE_DIR, name)
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        for block in re.split(r"\n\s*\n", text):
            par = _clean(block)
            if not par or not par.isascii():
                continue
            words = par.split()
            if len(words) <= 8 and not par.endswith((",", ";")) and re.search(r"[A-Za-z]", par):
                h = par.rstrip(".:").strip()
                h = re.sub(r"^\d+(\.\d+)*\.?\s*", "", h)
                if (2 <= len(h) <= 48 and not h.lower().startswith(("<", "(", "http", "copyright", "end", "that", "the end", "u.s."))
                        and not re.search(r'["\-]|GNU|Version|\d', h)):
                    headings.append(h[:1].upper() + h[1:].lower() if h.isupper() else h)
                continue
            if len(words) >= 25 and not re.search(r"[<>{}_=*#|]{2}|https?://", par):
                paragraphs.append(par)
    return headings, paragraphs


LICENCE_HEADINGS, LICENCE_PARAGRAPHS = _licence_blocks()
EN_OWN = list(_RP.EN_PARAGRAPHS)
ZH_OWN = list(_RP.ZH_PARAGRAPHS)

ZH_OFFICE = [
    "根据公司年度工作安排，行政部将于下月初组织全体员工进行消防安全培训。培训内容包括灭火器的正确使用、"
    "紧急疏散路线的识别以及火灾发生时的报警程序。请各部门负责人提前统计参加人数，并于本周五下班前报送行政部。"
    "因特殊原因不能参加的同事，须说明理由，并在补训时间内完成学习。",

    "本季度销售收入比上季度增长百分之十二，主要来自华东和华南两个区域。新产品上市后反响良好，"
    "订单数量稳步上升，但部分地区的物流成本明显增加，压缩了利润空间。下一阶段，销售部将与物流部门一起，"
    "重新评估运输方案，争取在保证交货时间的前提下降低费用。",

    "会议听取了项目组关于新办公楼装修进度的汇报。目前水电改造已经完成，墙面和地面工程正在进行，"
    "预计比原计划推迟两周完工。与会人员对延期原因进行了讨论，认为材料供应不及时是主要问题。"
    "会议要求项目组每周提交一次进度报告，并提前做好搬迁的各项准备工作。",

    "为了进一步规范财务报销流程，自下月起，所有费用报销一律通过线上系统提交。报销人需上传发票照片，"
    "填写费用用途和所属项目，经部门负责人审核后转财务部复核。单笔金额超过五千元的，还需分管领导签字。"
    "纸质发票原件请按月装订，交财务部统一保管。",

    "图书馆将于暑假期间对阅览室进行改造，改造期间暂停开放。已借出的图书可以通过自助还书机归还，"
    "也可以在开学后两周内归还，逾期不计罚款。改造完成后，阅览室将增加一百个座位，并设置安静学习区和小组讨论区，"
    "欢迎广大读者届时前来使用。",

    "今年春天雨水较多，气温回升较慢，部分地区的春播比往年推迟了一周左右。农业技术人员深入田间地头，"
    "指导农民做好排水防涝和病虫害防治工作。目前，早稻秧苗长势良好，大部分农户已经完成了移栽，"
    "预计今年的粮食产量将与去年持平或略有增加。",

    "社区服务中心近期开设了老年人电脑学习班，每周二和周四下午上课，每次两个小时。课程从开机、打字讲起，"
    "逐步学习上网浏览新闻、视频通话和网上缴费。授课老师都是热心的志愿者，讲解耐心细致。"
    "学员们普遍反映收获很大，希望以后能多开设一些类似的课程。",

    "经研究决定，公司将于本年度开展员工技能提升计划。计划分为基础课程、专业课程和管理课程三个部分，"
    "员工可根据自身岗位需要选择参加。完成全部课程并通过考核的员工，将获得公司颁发的结业证书，"
    "考核成绩将作为年度评优和岗位晋升的重要参考。",

    "春节假期即将到来，为确保节日期间安全稳定，现将有关事项通知如下：各部门在放假前要对办公场所进行一次全面检查，"
    "关闭门窗和电源，贵重物品妥善保管；值班人员要坚守岗位，保持通讯畅通，遇到紧急情况及时报告；"
    "外出旅行的同事要注意交通安全，按时返回工作岗位。",

    "这次调查共发放问卷八百份，收回有效问卷七百三十二份。调查结果显示，大多数受访者对服务质量表示满意，"
    "但也有不少人提出，办事等候时间偏长，部分窗口工作人员解释政策不够清楚。针对这些意见，"
    "服务大厅将增设自助办理设备，并定期组织工作人员进行业务培训。",
]

ZH_PARAGRAPHS = ZH_OWN + ZH_OFFICE

EN_HEADINGS = [
    "Introduction", "Background", "Summary", "Scope of the work", "Method", "Results",
    "Discussion", "Costs and budget", "Next steps", "Recommendations", "Risks",
    "Timetable", "Staffing", "Conclusions", "Terms of reference", "Findings",
    "Outstanding actions", "Any other business", "Financial position", "Review of the year",
]
ZH_HEADINGS = [
    "工作概况", "主要做法", "存在的问题", "下一步计划", "情况说明", "具体要求", "基本情况",
    "经费预算", "进度安排", "组织保障", "调查结果", "意见和建议", "工作目标", "实施步骤",
    "总结", "附件说明",
]
ZH_NUMERALS = "一二三四五六七八九十"

EN_FIRST = ["Anna", "Brian", "Clara", "David", "Eleanor", "Frank", "Grace", "Henry", "Irene",
            "James", "Katherine", "Leo", "Margaret", "Nathan", "Olivia", "Peter", "Rachel",
            "Samuel", "Teresa", "Victor", "Wendy", "Adrian", "Beatrice", "Colin"]
EN_LAST = ["Ashworth", "Bennett", "Carver", "Dalton", "Ellison", "Fairbairn", "Gardner", "Hale",
           "Ingram", "Jarvis", "Kendall", "Lowther", "Marsh", "Norcott", "Osborne", "Pritchard",
           "Quinn", "Radley", "Sutton", "Thorne", "Underwood", "Vance", "Whitlock", "Yardley"]
EN_FIRMS = ["Northgate Paper Mills Ltd", "Riverside Archive Services", "Harbour & Vale Printing",
            "Lowther Engineering Co.", "Greenfield Municipal Library", "Oakmere Accounting LLP",
            "Brightwater Housing Trust", "Kestrel Logistics plc", "St Aldhelm's College",
            "Meridian Records Management", "Thornbury Parish Council", "Copperfield Surveyors"]
EN_STREETS = ["Mill Lane", "Station Road", "Church Street", "Quay Side", "Bridge Street",
              "Market Place", "Orchard Way", "Canal Walk", "High Street", "Victoria Road"]
EN_TOWNS = [("Ashford", "TN24 8QR"), ("Bramley", "GU5 0DE"), ("Chesterton", "CB4 1NP"),
            ("Dunmore", "FK2 7HL"), ("Elmstead", "CO7 9AB"), ("Farleigh", "BA2 6TT"),
            ("Greywell", "RG29 1BQ"), ("Holbeck", "LS11 5QD")]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
EN_SUBJECTS = ["Renewal of the service agreement", "Storage of the council's older records",
               "Changes to the opening hours", "Your enquiry of last month",
               "Proposed repairs to the north wing", "Arrangements for the annual audit",
               "Transfer of the paper archive", "Revised delivery schedule",
               "Outstanding balance on your account", "Invitation to tender"]
EN_GOODS = [("Archive box, acid-free, 10 pack", 24.50), ("Document scanning, per 100 pages", 18.00),
            ("Secure shredding bin, weekly collection", 42.00), ("Ring binder A4, 50 mm", 3.20),
            ("Consultancy, per hour", 85.00), ("Courier, same day", 36.75),
            ("Copy paper A4 80 g, box of 5 reams", 21.90), ("Storage, per shelf metre per month", 6.40),
            ("Label printer tape, 12 mm", 9.95), ("Indexing and cataloguing, per file", 2.15),
            ("Toner cartridge, black", 64.00), ("Site visit and survey", 150.00)]

ZH_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐"
ZH_GIVEN = ["伟", "芳", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
            "明", "超", "秀英", "建华", "海燕", "志强", "文静", "晓东", "国平", "丽华"]
ZH_FIRMS = ["华联纸业有限公司", "东方档案管理中心", "长江印刷厂", "新华书店城南分店", "明德中学",
            "恒通物流有限公司", "市第一图书馆", "锦绣物业服务公司", "宏远会计师事务所", "青山区人民政府办公室"]
ZH_PLACES = ["第三会议室", "行政楼二楼会议室", "图书馆报告厅", "公司总部大会议室", "项目部办公室"]
ZH_SUBJECTS = ["关于调整办公时间的通知", "关于开展安全检查的通知", "关于档案整理工作的报告",
               "关于召开年度总结会议的通知", "关于采购办公用品的请示", "关于做好节日值班工作的通知"]
ZH_GOODS = [("档案盒（无酸纸）", 24.5), ("文件扫描（每百页）", 18.0), ("碎纸服务（每周）", 42.0),
            ("A4 文件夹", 3.2), ("咨询服务（每小时）", 85.0), ("同城快递", 36.75),
            ("复印纸 A4 80 克（五包）", 21.9), ("档案存放（每米每月）", 6.4), ("标签打印带", 9.95),
            ("硒鼓（黑色）", 64.0)]

LABELS = {
    "en": dict(memo="MEMORANDUM", to="To", frm="From", date="Date", subject="Subject", cc="Copy",
               minutes="Minutes of the meeting", present="Present", apologies="Apologies",
               actions="Actions", action="Action", owner="Owner", due="Due", invoice="INVOICE",
               invoice_no="Invoice no.", invoice_date="Date", due_date="Payment due", bill_to="Bill to",
               item="Description", qty="Qty", unit="Unit price", amount="Amount", subtotal="Subtotal",
               tax="VAT 20%", total="Total due", page="Page", of="of", figure="Figure", table="Table",
               dear="Dear", yours="Yours sincerely,", form="Application form", name="Full name",
               address="Address", phone="Telephone", email="E-mail", signature="Signature",
               yes="Yes", no="No", office="For office use only", notes="Notes", ref="Our ref.",
               enc="Enc.", contents="Contents", list_intro="Checklist"),
    "zh": dict(memo="内部备忘录", to="收件人", frm="发件人", date="日期", subject="事由", cc="抄送",
               minutes="会议纪要", present="出席人员", apologies="请假人员", actions="工作安排",
               action="事项", owner="负责人", due="完成时间", invoice="发票", invoice_no="发票号码",
               invoice_date="开票日期", due_date="付款期限", bill_to="购买方", item="项目名称",
               qty="数量", unit="单价", amount="金额", subtotal="小计", tax="税额（13%）", total="价税合计",
               page="第", of="页 共", figure="图", table="表", dear="尊敬的", yours="此致\n敬礼！",
               form="申请表", name="姓名", address="通讯地址", phone="联系电话", email="电子邮箱",
               signature="签名", yes="是", no="否", office="以下由工作人员填写", notes="备注",
               ref="文号", enc="附件", contents="目录", list_intro="检查清单"),
}


def sentences(paragraph, lang):
    """A paragraph's sentences (for list items and short blocks)."""
    if lang == "zh":
        parts = re.findall(r"[^。！？；]+[。！？；]", paragraph)
    else:
        parts = re.split(r"(?<=[.;:])\s+(?=[A-Z(\"'])", paragraph)
    return [p.strip() for p in parts if len(p.strip()) >= (8 if lang == "zh" else 25)]
