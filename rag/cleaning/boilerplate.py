"""Find the report inside a scraped page: drop site chrome, spam, ads and appended articles.

Rules are patterns of web-page furniture (addresses, copyright, share/QR, navigation, page metadata,
captions, editor credits), not the strings of particular sites. Each line is judged on a simplified,
annotation-free view of it; the caller keeps the original line.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from rag import lexicon, numerals

CHROME_MAX_CHARS = 120  # furniture is short; a long paragraph that mentions 二维码 is body text

SPAM_WORDS = re.compile(r"黄色|色情|无码|乱伦|人妻|超碰|三级片|成人视频|av在线|博彩|赌场|六合彩")
CHROME = [
    (re.compile(r"责任编辑|^编辑[:：]|^作者[:：].{0,10}$"), "editor credit"),
    (re.compile(r"https?://|www\.|\.(com|cn|net|org|gov)\b", re.I), "site address or promo"),
    (re.compile(r"版权所有|copyright|©|icp备|备案号", re.I), "copyright/ICP line"),
    (re.compile(r"扫一扫|扫码|二维码|加入收藏|分享到|^分享$|关注公众号|领取福利|点赞|转发"), "share/QR line"),
    (re.compile(r"热线电话|联系电话|联系我们|联系群主|邮箱|e-?mail|qq\s*[:：]?\s*\d", re.I), "contact line"),
    (
        re.compile(
            r"当前位置|首页\s*[>》]|上一篇|下一篇|返回顶部|^返回$|^顶部$|news center|^打印本页|^关闭窗口"
            r"|(^|\|)\s*首页\s*\||登录\s*\|\s*注册|无障碍(浏览|阅读)|长者模式|适老化模式|^请输入(关键[字词]|搜索)",
            re.I,
        ),
        "navigation",
    ),
    (
        re.compile(
            r"更新时间|发布日期|发布时间|访问量|点击次数|浏览次数|阅读量|阅读时长|^来源[:：]|字体[:：]?\s*[大中小]"
        ),
        "page metadata",
    ),
    (re.compile(r"[(（]图\s*\d+[)）]\s*$"), "image caption"),
]
ALWAYS_CHROME = {"site address or promo", "copyright/ICP line", "editor credit"}
HEADING = re.compile(
    r"^(\d{4}年.{0,12}(工作|回顾|安排|任务|目标)|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]"
    r"|\d{1,2}[.、．]|第[一二三四五六七八九十]+(章|节|篇|部分|个方面)|各位代表)"
)
TITLE_WORDS = re.compile(lexicon.TITLE_WORDS)
# the title of a notice, a decision, a plan: 「关于…的通知」 as a line of its own
NOTICE_TITLE = re.compile(
    r"关于[^。；;]{2,}的(?:通知|通告|公告|公示|意见|决定|批复|报告|函|办法|方案|规定|指南|细则|实施意见)$"
)
DATE_LINE = re.compile(
    r"([0-9〇零一二三四五六七八九十]{4}年[0-9一二三四五六七八九十]{1,3}月.{0,12}日).{0,40}(会议|大会|通过)"
)
OFFICE = r"(?:代?(?:市|县|区|省|州|旗|镇|乡)长|局长|厅长|主任|行政长官|书记|主席)"
# 「市长 秦猛」, 「某某市财政局局长　某某」: an office (after its body's name) and a person's name, nothing else
SPEAKER_LINE = re.compile(rf"^[\u4e00-\u9fff]{{0,20}}?{OFFICE}\s*([\u4e00-\u9fff·]{{2,4}})$")
NUM = r"[0-9〇○零一二三四五六七八九十]"
# a date on its own (「（2024年3月28日）」, 「…年…月…日于立法会」) or the day a plan was approved at a session
HEAD_DATE = re.compile(
    rf"^[（(]?{NUM}{{4}}年{NUM}{{1,3}}月({NUM}{{1,3}}日.{{0,12}}|.{{0,40}}(会议|大会).{{0,8}}(通过|批准))[）)]?$"
)
# a page's stamp of when it was published, alone on its line (「2026-03-16 17:32」)
STAMP_LINE = re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?$")
# a document number 「某政办〔2024〕12号」
DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,12}[〔［\[（(]\d{4}[〕］\]）)]\s*\d{1,5}号$")
# who issues the document: one or more bodies (「某某市统计局　国家统计局某某调查队」)
ISSUER = re.compile(
    r"^([\u4e00-\u9fff]{2,30}(局|厅|(?<!部)署|委员会|人民政府|特别行政区政府|办公室|办公厅|调查队)\s*){1,4}$"
)  # 「香港特別行政區政府　水務署」 too; not 「…研究部署」
# a body's own name on a line before the title: a company's, a hospital's, a university's (「某某客车股份有限公司」)
ORGANISATION = re.compile(
    r"^[\u4e00-\u9fff（）()]{2,30}(?:有限公司|有限责任公司|集团|医院|大学|学院|中学|小学|学校|银行|研究院|研究所|博物馆|图书馆)$"
)
# a trail of where the page sits (「某某市公安局交通警察支队>警务公开>通知通报」): no title, but its first step is
# the site, which may name the place (a trail from 首页 or 当前位置 is navigation, `CHROME`)
BREADCRUMB = re.compile(r"^([\u4e00-\u9fffA-Za-z]{2,20})(?:(?:>{1,2}|》|›)[\u4e00-\u9fffA-Za-z]{2,20})+$")


def trail(line: str) -> re.Match[str] | None:
    """The line as a page's trail (`BREADCRUMB`), spaces between its steps ignored (「主頁　>　公眾服務」 too);
    group 1: the site."""
    return BREADCRUMB.match(re.sub(r"\s", "", line))


# a bar of quick links: four or more short words set apart by spaces (「预约挂号　门诊时间　住院须知　…」)
LINK_BAR = re.compile(r"^\s*(?:[\u4e00-\u9fffA-Za-z]{2,8}[ \u3000\u00a0]+){3,}[\u4e00-\u9fffA-Za-z]{2,8}\s*$")
# a page's publication facts (kept), as opposed to its counters (dropped): 「发布时间：… 来源：…」
PAGE_INFO = re.compile(r"(发布时间|发布日期|来源)[:：]\s*\S")
CLOSING = re.compile(r"^各位代表[!！,，].{20,}[!！]$")
SENTENCE_PUNCT = re.compile(r"[。，,；;：:！!？?、“”\"]")
CLAUSE_PUNCT = re.compile(r"[。，,；;]")  # what ends a clause of a sentence, not a label's colon
# |---|:---:| under a header row (its colons made full-width by the normaliser: 「：---：」)
TABLE_RULE = re.compile(r"^\|?(\s*[:：]?-{2,}[:：]?\s*\|)+\s*([:：]?-{2,}[:：]?)?\s*$")
CELL_MAX_CHARS = 60  # longer than this is a sentence with a stray "|", not a cell
PRE_BODY = "site name or chrome before the report"
TITLE_MAX_CHARS = 60  # a title without title words (news, announcement, encyclopedia entry) is a short line


@dataclass(frozen=True)
class LineVerdict:
    keep: bool
    role: str  # "head" (title/date/speaker), "body", or why it was dropped
    ends_report: bool = False  # an editor credit or the closing words: what follows is another page


CELL_BAR = re.compile(r"[|｜│]")


def table_cells(line: str) -> list[str] | None:
    """The cells of a table row (`a | b | c`, `| a | b |`, with a full-width ｜ or a box-drawing │, or
    tab-separated), or None. A row has at least two filled cells, none of them a long sentence."""
    line = line.strip()
    if "\t" in line:
        cells = [c.strip() for c in line.split("\t")]
    elif bar := CELL_BAR.search(line):
        cells = [c.strip() for c in line.strip(bar.group()).split(bar.group())]
    else:
        return None
    if sum(1 for c in cells if c) < 2 or any(len(c) > CELL_MAX_CHARS for c in cells):
        return None
    return cells


# columns a plain-text table sets apart by full-width spaces or runs of spaces
ALIGNED_GAP = re.compile(r"\u3000+|[ \u00a0]{2,}")
ALIGNED_MIN = 3  # columns at least: two may be a role and a name (「董事长　许振荣」)


def _aligned_cells(line: str) -> list[str] | None:
    """The columns of a line that wide spaces set apart, with no sentence punctuation, or None."""
    line = line.strip()
    if "\t" in line or CELL_BAR.search(line) or SENTENCE_PUNCT.search(line):
        return None
    cells = ALIGNED_GAP.split(line)
    return cells if len(cells) >= ALIGNED_MIN and all(len(c) <= CELL_MAX_CHARS for c in cells) else None


def tabulate_aligned(lines: list[str]) -> list[str]:
    """The lines with a plain-text table's rows (「沙道沟镇　　　　５月８日　　民族文化广场」 under or over a row of
    as many columns, blank lines skipped) written tab-separated, so that they are read as a table's rows, not as
    short stray lines; a lone line so spaced (a headline, the names of three issuers) stays as it is."""
    cells = [_aligned_cells(line) for line in lines]
    filled = [i for i, line in enumerate(lines) if line.strip()]
    out = list(lines)
    for n, i in enumerate(filled):
        row = cells[i]
        near = [cells[filled[m]] for m in (n - 1, n + 1) if 0 <= m < len(filled)]
        if row is not None and any(other is not None and len(other) == len(row) for other in near):
            out[i] = "\t".join(row)
    return out


# a cell of a table a PDF copied out one cell per line: a figure (「28460」, 「-2.1」, 「12.5%」) or an empty cell's dash
STACKED_FIGURE = re.compile(r"[-+−－]?\d[\d,.]*[%％]?|[-—－]{1,2}")
# a page's number between two cells (not `rag.readers.layout.PAGE_NUMBER`, whose bare 「12」 is a cell here)
PAGE_MARK = re.compile(r"[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?")
STACKED_MIN_ROWS = 2  # rows under a header row; without one, a row more
STACKED_CELL_MAX = 20  # a label cell; a longer line is prose
STACKED_HEADER_MAX = 12  # labels before the first figure at most: a header row and the first row's label


def tabulate_stacked(lines: list[str]) -> list[str]:
    """The lines with a table a PDF copied out one cell per line (「项目」「2026年预算数」「比上年增长%」「教育支出」
    「63850」「2.8」…) written back as tab-separated rows: a header of as many labels as a row has cells, then rows of
    a label and its figures. A page's number or running header between two cells moves below the table. Lines
    that do not repeat that shape stay as they are."""
    views = [line.strip() for line in lines]
    counts = Counter(views)
    filled = [j for j, v in enumerate(views) if v]
    # a page's running header: a line said more than once, next to a page's number
    running = {
        filled[n]
        for n, j in enumerate(filled)
        if counts[views[j]] >= 2
        and any(0 <= m < len(filled) and PAGE_MARK.fullmatch(views[filled[m]]) for m in (n - 1, n + 1))
    }
    out: list[str] = []
    i = 0
    while i < len(lines):
        found = _stacked_table(views, i, running)
        if found is None:
            out.append(lines[i])
            i += 1
            continue
        end, rows, between = found
        out += ["\t".join(row) for row in rows] + [lines[j] for j in between]
        i = end
    return out


def _stacked_table(
    views: list[str], start: int, running: set[int]
) -> tuple[int, list[list[str]], list[int]] | None:
    """(the index after the table, its rows, the furniture lines between its cells) of a one-cell-per-line table
    starting at `start`, or None. `running`: the lines that are a page's running header."""

    def furniture(j: int) -> bool:
        return not views[j] or bool(PAGE_MARK.fullmatch(views[j])) or j in running

    def figure(v: str) -> bool:
        return bool(STACKED_FIGURE.fullmatch(v))

    def label(v: str) -> bool:
        return (
            0 < len(v) <= STACKED_CELL_MAX
            and not figure(v)
            and not SENTENCE_PUNCT.search(v)
            and not CELL_BAR.search(v)
            and "\t" not in v
        )

    if not label(views[start]):
        return None
    cells: list[int] = []  # the lines of the run, furniture skipped
    kinds: list[str] = []  # each one's kind: "f" a figure, "l" a label
    between: list[int] = []
    j = start
    while j < len(views) and (furniture(j) or label(views[j]) or figure(views[j])):
        if furniture(j):
            between.append(j)
        else:
            cells.append(j)
            kinds.append("f" if figure(views[j]) else "l")
        j += 1
        if len(cells) > STACKED_HEADER_MAX and "f" not in kinds:
            return None  # a list of short lines, no table
    labels = next((n for n, k in enumerate(kinds) if k == "f"), len(kinds))
    width = next((n for n, k in enumerate(kinds[labels:]) if k == "l"), len(kinds) - labels)
    if not width or labels not in (1, width + 2):
        return None
    rows = [[views[c] for c in cells[: labels - 1]]] if labels > 1 else []
    at = labels - 1
    while at + width + 1 <= len(kinds) and kinds[at : at + width + 1] == ["l"] + ["f"] * width:
        if at + width + 1 < len(kinds) and kinds[at + width + 1] != "l":
            break  # a row of more figures than the others: no table of this shape
        rows.append([views[c] for c in cells[at : at + width + 1]])
        at += width + 1
    data = len(rows) - (labels > 1)
    if data < STACKED_MIN_ROWS + (labels == 1):
        return None
    end = cells[at - 1] + 1
    return end, rows, [b for b in between if b < end]


def table_rows(views: list[str]) -> list[bool]:
    """Which lines are table rows: rows with a figure, or next to another row (the header row);
    never a line with spam words (SEO keyword lists look like rows of a table)."""
    rows = [table_cells(v) is not None and not SPAM_WORDS.search(v) for v in views]
    filled = [i for i, v in enumerate(views) if v]
    out = [False] * len(views)
    for n, i in enumerate(filled):
        neighbours = [filled[m] for m in (n - 1, n + 1) if 0 <= m < len(filled)]
        out[i] = rows[i] and (bool(re.search(r"\d", views[i])) or any(rows[j] for j in neighbours))
    return out


def is_spam(view: str) -> bool:
    return view.count("|") >= 3 or len(SPAM_WORDS.findall(view)) >= 2


def chrome_reason(view: str, row: bool = False) -> str | None:
    """Why a line is page furniture, or None. A table row's "|" are cell borders, not spam, but a row
    can still be furniture (a navigation bar 「首页 | 政务公开 | …」)."""
    if len(view) > CHROME_MAX_CHARS:
        return None
    if is_spam(view) and not row:
        return "SEO spam"
    prose = len(view) >= 50 and len(re.findall(r"[，。；]", view)) >= 2
    for pattern, reason in CHROME:
        if prose and reason not in ALWAYS_CHROME:
            continue  # a sentence that mentions 二维码 or 分享 is report text
        if pattern.search(view):
            return reason
    return None


def is_body_start(view: str) -> bool:
    """The first line of the report proper: a heading, an address to the deputies, or a long paragraph —
    not a notice's title, however long and quoted (「…关于做好“煤改气”“煤改电”取暖补贴发放工作的通知」)."""
    if NOTICE_TITLE.search(view):
        return False
    if HEADING.match(view) and not TITLE_WORDS.search(view[:30]):
        return True
    return len(view) >= 40 and bool(SENTENCE_PUNCT.search(view))


# 「· 某某旧址」, 「④ 车身喷涂放大号牌」: an item of a list, not an ad
LIST_ITEM = re.compile(r"^[·•●▪◆■①-⑳]\s*\S")


def head_role(view: str) -> str | None:
    """Before the body, only the title block is kept: title, date/venue line, speaker, document number,
    issuing bodies."""
    if DATE_LINE.search(view) or HEAD_DATE.match(view.replace(" ", "")) or STAMP_LINE.match(view):
        return "head"
    if trail(view):
        return "head"  # never the title (rag.cleaning.metadata.is_title_line); its site may name the place
    if SPEAKER_LINE.match(view.replace(" ", "")):
        return "head"
    if DOC_NUMBER.match(view) or ISSUER.match(view) or ORGANISATION.match(view):
        return "head"
    if TITLE_WORDS.search(view) and len(view.replace(" ", "")) <= 80:
        return "head"
    return None


def judge_lines(views: list[str], lines: list[str] | None = None) -> list[LineVerdict]:
    """One verdict per line (views are simplified, annotation-free, stripped; `lines`, the raw lines,
    show the spaces a view drops: a bar of quick links is told by them). A text none of whose lines opens a
    body (an infographic's notice in short lines: 「✔ 允许通行：每日22:00至次日5:30」) has its body start after the
    first line of its head, not nowhere."""
    verdicts = _judged(views, lines)
    if any(v.role == "body" for v in verdicts):
        return verdicts
    head = next((i for i, v in enumerate(verdicts) if v.role == "head"), None)
    start = next(
        (i for i, v in enumerate(verdicts) if v.role == PRE_BODY and (head is None or i > head)), None
    )
    if start is not None and head is None and start == _next_line(views, -1):
        start = _next_line(views, start)  # the first line, with no head before it, is the title
    return verdicts if start is None else _judged(views, lines, start)


def _judged(views: list[str], lines: list[str] | None, body_from: int | None = None) -> list[LineVerdict]:
    verdicts: list[LineVerdict] = []
    in_body = False
    rows = table_rows(views)
    for i, (view, row) in enumerate(zip(views, rows, strict=True)):
        in_body = in_body or (body_from is not None and i >= body_from)
        if not view:
            verdicts.append(LineVerdict(False, "empty"))
            continue
        if TABLE_RULE.match(view):
            verdicts.append(LineVerdict(False, "table rule line"))
            continue
        # before the body only: inside it, words set apart by spaces may be a list of names
        bar = not in_body and lines is not None and LINK_BAR.match(lines[i])
        reason = chrome_reason(view, row) or ("navigation" if bar else None)
        if reason and reason not in ALWAYS_CHROME and _in_table(views, rows, i):
            reason = None  # a header row 「… | 联系电话」 names a column: a row of as many cells follows it
        if (
            (reason == "contact line" or (reason == "site address or promo" and CLAUSE_PUNCT.search(view)))
            and in_body
            and not CELL_BAR.search(view)
            and not _near_furniture(views, i)
        ):
            # a notice's own 「放映员：马文礼　联系电话：139…」, or a sentence of it that gives an address (「监督电话：
            # 0825-2217635；电子邮箱：…@163.com。」): a fact, not a page footer's (a bar of them, 「联系电话：… |
            # 邮箱：…」, or one beside the page's copyright, links or share buttons)
            reason = None
        if row and not reason:
            in_body = True
            verdicts.append(LineVerdict(True, "body"))
            continue
        if reason == "page metadata" and not in_body and PAGE_INFO.search(view):
            verdicts.append(LineVerdict(True, "head"))  # when and where it was published: facts, kept
            continue
        if reason:
            verdicts.append(LineVerdict(False, reason, ends_report=in_body and reason == "editor credit"))
            continue
        if not in_body and is_body_start(view):
            in_body = True
        if not in_body:
            role = head_role(view)
            verdicts.append(LineVerdict(role is not None, role or PRE_BODY))
            continue
        if (
            _stray_shaped(view)
            and not LIST_ITEM.match(view)
            and not HEAD_DATE.match(view.replace(" ", ""))
            and not _caption(views, rows, i)
            and not (lines is not None and signature(lines[i], view))
            and not _continued(view, views[i + 1] if i + 1 < len(views) else "")
            and not _number_goes_on(views, i)
            and not _states_a_fact(views, i)
        ):
            verdicts.append(LineVerdict(False, "short stray line inside the page (ad, number, label)"))
            continue
        verdicts.append(LineVerdict(True, "body", ends_report=bool(CLOSING.match(view))))
    return _cut_appended(_title_without_title_words(verdicts, views), views)


FOOTER = ALWAYS_CHROME | {"navigation", "share/QR line"}
FOOTER_REACH = 3  # lines either side where a page's footer shows
SENTENCE_END = re.compile(r"[。；;！!？?]")


def _near_furniture(views: list[str], i: int) -> bool:
    """A page's footer, its copyright, site address, links or share buttons, stands within `FOOTER_REACH` lines
    (a line of its own, not a sentence that gives an e-mail address)."""
    near = views[max(0, i - FOOTER_REACH) : i] + views[i + 1 : i + 1 + FOOTER_REACH]
    return any(chrome_reason(view) in FOOTER for view in near if view and not SENTENCE_END.search(view))


def _in_table(views: list[str], rows: list[bool], i: int) -> bool:
    """A table row with a row of as many cells next to it (above or below, blank lines skipped)."""
    cells = table_cells(views[i])
    if not rows[i] or cells is None:
        return False
    near = [j for j in (_line_before(views, i), _next_line(views, i)) if j is not None]
    return any(rows[j] and len(table_cells(views[j]) or ()) == len(cells) for j in near)


SIGNATURE = re.compile(r"^[\u4e00-\u9fff]{2,10}[ \u3000\u00a0]+([\u4e00-\u9fff·]{2,4})$")


# a line that starts with the figure a sentence broken before it states: 「6.82亿元，为预算的101.3%…」, 「1.30亿元以内，…」
# (not a year)
FIGURE_GOES_ON = re.compile(
    rf"(?:{numerals.NUMBER})\s*(?:{numerals.MULTIPLIER})?(?!年|月|日)(?:{numerals.UNITS})(?:以内|以上|以下|左右)?[，,；;。]"
)


STRAY_MAX = 15  # a line this short without sentence punctuation, inside the body, is a stray label or an ad


def _stray_shaped(line: str) -> bool:
    """Short, without sentence punctuation and no heading: a stray label or an ad, unless something says otherwise
    (`judge_lines`), or the first part of a sentence broken before its figure (`join_continued`)."""
    return len(line) <= STRAY_MAX and not SENTENCE_PUNCT.search(line) and not HEADING.match(line)


def _continued(line: str, after: str) -> bool:
    """A short line the next one finishes: a sentence a PDF broke right before its figure
    (「全县一般公共预算收入完成」 / 「6.82亿元，为预算的101.3%」), or inside it (「…收入完成13.」 / 「74亿元，…」), kept,
    not taken for a stray label."""
    return (
        len(line) >= 4
        and bool(re.search(r"[\u4e00-\u9fff][\d.]{0,8}$", line))
        and bool(FIGURE_GOES_ON.match(after))
    )


def _number_goes_on(views: list[str], i: int) -> bool:
    """The line is the rest of a number a PDF broke across lines: digits alone, under a line that stops in the
    middle of a figure (「安排预备费2」 / 「600」 / 「— 3 —」 / 「万元，占…」), not a page number under a full stop."""
    above = views[j] if (j := _line_before(views, i)) is not None else ""
    return bool(re.fullmatch(r"\d[\d,.]*", views[i])) and bool(re.search(r"[\u4e00-\u9fff][\d,.]*\d$", above))


# a figure with its unit after words, or a day: a short line that states one with words of its own (「镇区道路限速
# 30公里/小时」, 「有效期至2028年4月30日」; not 「1人物生平」) is a fact of a notice set out in short lines, not a stray label
FACT = re.compile(
    rf"(?<=[\u4e00-\u9fff]{{2}})(?:{numerals.NUMBER})\s*(?:{numerals.MULTIPLIER})?(?!年|月|日)(?:{numerals.UNITS})"
    r"|\d{4}年\d{1,2}月\d{1,2}日"
)
LABEL_END = re.compile(r"[：:]$")


def _states_a_fact(views: list[str], i: int) -> bool:
    """The short line states a figure or a day (`FACT`), or is the value of the label on the line above it
    (「拨打举报电话：」 / 「022-28693150」)."""
    above = views[j] if (j := _line_before(views, i)) is not None else ""
    fact = FACT.search(views[i])
    words = re.findall(r"[\u4e00-\u9fff]", views[i][: fact.start()] + views[i][fact.end() :]) if fact else []
    return len(words) >= 2 or (bool(LABEL_END.search(above)) and bool(re.search(r"\d", views[i])))


def join_continued(lines: list[str]) -> list[str]:
    """The body's lines with each short one (`_continued`) joined to the figure that finishes its sentence."""
    out: list[str] = []
    for line in lines:
        last = out[-1] if out else ""
        if last and _stray_shaped(last) and _continued(last, line):
            out[-1] = last + line
        else:
            out.append(line)
    return out


def signature(line: str, view: str) -> bool:
    """A role and the name of whoever holds it, set apart by a space on a line of their own — who signed
    (「董事长　许振荣」, 「审判员　彭立新」): a fact, not a stray label. `line` is the raw line (its space
    shows the two parts), `view` its simplified form; the tagger must read the second part as a person's name."""
    import jieba.posseg

    m = SIGNATURE.match(line.strip())
    if m is None:
        return False
    name = view[-len(m.group(1)) :]
    return jieba.posseg.lcut(name)[0].flag.startswith("nr")


def _title_without_title_words(verdicts: list[LineVerdict], views: list[str]) -> list[LineVerdict]:
    """A document whose head names no 报告/规划/公报… (a news article, an announcement, an encyclopedia
    entry, a web page) still has a title: its headline — the line right above a page's 「发布时间：…来源：…」
    line or its document number, 「！」 and all —, else its first short line before the body with no sentence
    punctuation that is not page furniture (not the site's name above the headline). Later copies of it are
    dropped as repeats. (A page-info line that names a 规划局, or a trail 「…>新闻公报>…」, names no title.)"""
    if any(
        v.role == "head"
        and TITLE_WORDS.search(views[i])
        and not (PAGE_INFO.search(views[i]) or trail(views[i]))
        for i, v in enumerate(verdicts)
    ):
        return verdicts

    def headline(i: int) -> bool:
        # the page's time stamp may stand between the headline and its 「来源：…」
        after = next(
            (j for j in range(i + 1, len(views)) if views[j] and not STAMP_LINE.match(views[j])), None
        )
        field = re.match(r"[\u4e00-\u9fff]{2,6}[：:]", views[i])  # 「项目编号：…」 is a field, not a headline
        return (
            bool(after and (PAGE_INFO.search(views[after]) or DOC_NUMBER.match(views[after])))
            and not field
            and not re.search(r"[。；;]", views[i])
        )

    heads = [i for i, v in enumerate(verdicts) if v.role == PRE_BODY and len(views[i]) <= TITLE_MAX_CHARS]
    # a title may quote (「…2026年“冬病夏治”三伏贴贴敷公告」); a sentence's other punctuation it has not
    chosen = (
        [i for i in heads if headline(i)]
        or [i for i in heads if not SENTENCE_PUNCT.search(re.sub(r"[“”\"]", "", views[i]))]
        # else a first line that is a headline asking or telling (「某某分局：无犯罪记录证明怎么开？这份问答请收好」,
        # 「市政署：…實施交通措施」), not a sentence nor a code line (「DOI：10.XXXXX/…」)
        or [i for i in heads[:1] if i == _next_line(views, -1) and not HEADLINE_NOT.search(views[i])]
    )
    if not chosen:
        return verdicts
    out = list(verdicts)
    # 「靖宇县公安局交通管理大队」 over 「关于2026年5月…考试安排的公告」: the issuing body's name, kept, then the title
    if BODY_NAME.match(views[chosen[0]]) and len(chosen) > 1 and chosen[1] == _next_line(views, chosen[0]):
        out[chosen[0]] = LineVerdict(True, "head")
        chosen = chosen[1:]
    out[chosen[0]] = LineVerdict(True, "head")
    for j in range(chosen[0] + 1, len(out)):
        if out[j].role == PRE_BODY and views[j] == views[chosen[0]]:
            out[j] = LineVerdict(False, "repeat of the title")
    return out


HEADLINE_NOT = re.compile(r"[。；;，,]|[A-Za-z]{3}|\d{5}|/")
BODY_NAME = re.compile(rf"^[\u4e00-\u9fff（）()]{{2,30}}(?:{lexicon.ORGANISATION_ENDINGS})$")  # a body's name


def _next_line(views: list[str], i: int) -> int | None:
    """The next line after i that is not empty."""
    return next((j for j in range(i + 1, len(views)) if views[j]), None)


def _line_before(views: list[str], i: int) -> int | None:
    """The last line before i that is not empty."""
    return next((j for j in range(i - 1, -1, -1) if views[j]), None)


def _caption(views: list[str], rows: list[bool], i: int) -> bool:
    """A short line right above a table (or its |---| rule and header) is the table's caption."""
    after = [j for j in range(i + 1, min(i + 4, len(views))) if views[j] and not TABLE_RULE.match(views[j])]
    return bool(after) and rows[after[0]]


def _cut_appended(verdicts: list[LineVerdict], views: list[str]) -> list[LineVerdict]:
    """Drop what follows the report: after the first editor credit, else after closing words that
    no further heading follows (a mid-report "各位代表！…！" is followed by the next part's headings)."""
    credits = [i for i, v in enumerate(verdicts) if v.ends_report and not v.keep]
    closings = [
        i
        for i, v in enumerate(verdicts)
        if v.ends_report and v.keep and not any(HEADING.match(view) for view in views[i + 1 :])
    ]
    end = credits[0] if credits else (closings[0] if closings else None)
    if end is None:
        return verdicts
    tail = [
        v if not v.keep else LineVerdict(False, "appended after the end of the report")
        for v in verdicts[end + 1 :]
    ]
    return verdicts[: end + 1] + tail
