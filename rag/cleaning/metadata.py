"""DocMeta from the text itself: title, city, year, document type, date, speaker (never the file name)."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import TYPE_CHECKING

from rag.cleaning.boilerplate import (
    DOC_NUMBER,
    HEAD_DATE,
    ISSUER,
    NOTICE_TITLE,
    ORGANISATION,
    PAGE_INFO,
    SPEAKER_LINE,
    STAMP_LINE,
    TITLE_WORDS,
    trail,
)
from rag.lexicon import ORGANISATION_ENDINGS
from rag.numerals import CN_DIGITS
from rag.reportkinds import ReportKind, kind_of
from rag.types import DocMeta

if TYPE_CHECKING:
    from rag.places import Place

NUM = r"[0-9〇零一二三四五六七八九十]"
DATE = re.compile(rf"({NUM}{{4}})年({NUM}{{1,3}})月({NUM}{{1,3}})日")
PAGE_DECOR = [
    re.compile(r"^【[^】]{1,12}】"),  # site category tag
    re.compile(r"[（(]第\d+/\d+页[）)]"),  # pagination
    re.compile(r"[（(]图\d+[）)]$"),  # image caption marker
    re.compile(r"\s*(访问量|点击次数|浏览次数|阅读量|阅读次数)[:：]?\s*\d*"),  # a page-info line's counters
    re.compile(r"\s*【?字[体号][:：]?\s*[大中小](\s*[大中小]){0,2}】?"),
]
TITLE_ONLY = [
    re.compile(r"^[（(][\u4e00-\u9fff]{2,4}[省□][）)]"),  # province prefix (□: a byte lost to mojibake)
    re.compile(r"——(?![^“《]*[”》]).*$"),  # date and venue after a dash (not a dash inside quotes)
]
CITY_AT_START = re.compile(
    r"^(?:\d{4}年?)?(?:中共)?([\u4e00-\u9fff]{2,3}?)[市县](?![场域民])"
)  # not 市场, 县域, 市民
CITY_IN_VENUE = re.compile(r"在([\u4e00-\u9fff]{2,3}?)市[^，。]{0,12}(人大|人民代表大会|政协|委员会)")
CITY_IN_BODY = re.compile(r"代表([\u4e00-\u9fff]{2,3}?)市人民政府")
NO_TITLE = "(无标题)"
VENUE = re.compile(r"在.{2,16}?(?:人大|人民代表大会|政协)")
ISO_DATE = re.compile(r"(?<!\d)(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})(?!\d)")
DAMAGED_YEAR = re.compile(r"^□?(\d{2,3})年")
TITLE_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)|[一二][〇○零一二三四五六七八九]{3}(?=年)")


def chinese_number(text: str) -> int:
    """'2024' / '二〇二五' / '十二' / '十七' / '8' -> int."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return CN_DIGITS.get(tens, 1) * 10 + (CN_DIGITS.get(ones, 0) if ones else 0)
    return int("".join(str(CN_DIGITS[ch]) for ch in text))


def find_date(lines: list[str]) -> str | None:
    """The day it was delivered or adopted (a line naming a session), else a date line of its own
    (「（2024年3月28日）」), else the day a web page published it (「发布时间：2024-04-23」)."""
    for line in lines:
        m = DATE.search(line)
        if m and re.search(r"会议|大会|通过", line):
            return _iso(m.groups())
    for line in lines:
        m = DATE.search(line)
        if m and HEAD_DATE.match(line.replace(" ", "")):
            return _iso(m.groups())
    for line in lines:
        m = ISO_DATE.search(line)
        if m and (PAGE_INFO.search(line) or STAMP_LINE.match(line.strip())):
            return _iso(m.groups())
    return None


def _iso(groups: tuple[str, ...]) -> str | None:
    year, month, day = (chinese_number(g) for g in groups)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def is_title_line(line: str) -> bool:
    """A head line that may be the title: not the date, speaker, document number, issuer or page info."""
    flat = line.replace(" ", "")
    return not (
        HEAD_DATE.match(flat)
        or STAMP_LINE.match(line.strip())
        or SPEAKER_LINE.match(flat)
        or DOC_NUMBER.match(line)
        or ISSUER.match(line)
        or PAGE_INFO.search(line)
        or trail(line)
    )


def strip_page_decor(line: str) -> str:
    """Remove what the web page added to a title line: category tags, pagination, caption markers."""
    for pattern in PAGE_DECOR:
        line = pattern.sub("", line)
    return line.strip()


def clean_title(line: str) -> str:
    line = strip_page_decor(line)
    for pattern in TITLE_ONLY:
        line = pattern.sub("", line)
    return line.strip(" ：:，,")


# what a notice's title ends with when it says no 关于…的 (「2026年暑期游泳訓練班報名須知」; not 「医院简介」)
NOTICE_KIND = re.compile(
    r"(?:须知|指南|通知|公告|通告|办法|方案|简章|细则|公示|通报|启事|告知书|倡议书)[）)]?$"
)


def find_title(head: list[str], date: str | None) -> str:
    """The first title-like line of the head block, without site tags, pagination or the venue; a notice's
    「关于…的公告」 is one, and the name of the body that issues it, on the line above, is not."""
    for line in head:
        titled = TITLE_WORDS.search(line) or NOTICE_TITLE.search(line.replace(" ", ""))
        if titled and is_title_line(line):  # not 「信息来源：某某自然资源和规划局」
            title = clean_title(line)
            damaged = DAMAGED_YEAR.match(title)
            if damaged and date and date[:4].endswith(damaged.group(1)):
                title = (
                    date[:4] + title[damaged.end() - 1 :]
                )  # a digit lost to mojibake, restored from the date
            return _with_organisation(title, head)
    titles = [line for line in head if is_title_line(line)]
    # 「康文署黃大仙區康樂事務辦事處」 over 「2026年暑期游泳訓練班報名須知」: the body's name, then the title
    named = [
        line
        for line in titles
        if not SIGNER.match(line.replace(" ", "").replace("\u3000", "")) and NOTICE_KIND.search(line)
    ]
    if len(titles) > 1 and named:
        return _with_organisation(clean_title(named[0]), head)
    return clean_title(titles[0]) if titles else NO_TITLE


def _with_organisation(title: str, head: list[str]) -> str:
    """A title that names no one (「2024年年度报告摘要」) under the line naming its company or institution
    takes that name: it says whose report it is."""
    from rag.places import find_place

    names = [line.replace(" ", "") for line in head if ORGANISATION.match(line.replace(" ", ""))]
    subjectless = re.match(r"[\d〇零一二三四五六七八九]{4}年", title) and find_place(title) is None
    return names[0] + title if names and subjectless and names[0] not in title else title


def find_city(title: str, head: list[str], body: str, page: str = "") -> str | None:
    """The place a text is of: its title's, its venue's, its issuer's, else the one its body is about.
    `page`: every line of the page, the ones the cleaner set aside included."""
    from rag.places import dominant_place, find_place, within

    place = find_place(title)
    if place is not None:  # the gazetteer knows every division: 「2024年沛县…」 is 沛县
        if place.name in title:
            return place.short
        # a short name the title writes as a word of its own (「采暖季惠民煤」: 惠民, a county's short name) is not
        # the place when the body that issues it above the title names another place in full
        issuer = _first_issuer(head)
        if issuer is None or within(issuer, place) or within(place, issuer):
            return place.short
        return issuer.short
    m = CITY_AT_START.match(title)
    if m and m.group(1) not in {"人民", "政府"} and not NOT_A_CITY.search(m.group(1)):
        return m.group(1)
    for line in head:
        # 「在安吉县第十七届人民代表大会…」; 「在十堰市张湾区…」 is the district's (the gazetteer reads the inner one)
        if VENUE.search(line) and (place := find_place(line)):
            return place.short
        m = CITY_IN_VENUE.search(line)
        if m:
            return m.group(1)
    m = CITY_IN_BODY.search(body[:3000])
    if m:
        return m.group(1)
    # who issued it says whose it is: 「某某市人民政府新闻办公室」, 「某某省某某第一中学」 above the title
    for line in head:
        if (place := _issuer_place(line)) is not None:
            return place.short
        steps = trail(line)
        if steps and (place := find_place(steps.group(1))):  # the site a page's trail starts from
            return place.short
    # the lines the cleaner set aside as furniture still say who wrote the text: the body named above its
    # title (「益阳市防汛抗旱指挥部」, 「政协临汾市尧都区第五届委员会委员」) or that signs it above the closing date
    lines = [line for line in page.split("\n") if line.strip()]
    if (place := _first_issuer(lines[:6])) is not None:
        return place.short
    if (signer := signed_by(page)) and (place := find_place(signer)):
        return place.short
    if kind_of(title).label != "其他" or title == NO_TITLE:  # a report (or an untitled text) whose title
        # names no place: the place its text is about
        place = dominant_place(body[:3000])
        return place.short if place else None
    return None


# what opens a title before 市/县 without naming a place: 「公告本市…」, 「关于我县…」
NOT_A_CITY = re.compile(r"[本我全该各]$|^(?:公告|关于|通知|印发)")
# a body's name as it signs a notice: a place's bureau, office, committee, headquarters (「…指挥部」)
SIGNER = re.compile(rf"^[\u4e00-\u9fff（）()]{{2,30}}(?:{ORGANISATION_ENDINGS}|指挥部)$")
# a place's party committee or political consultative conference, and who belongs to it: 「政协临汾市尧都区…委员」
PARTY_BODY = re.compile(r"^(?:中国人民政治协商会议|政协|中国共产党|中共)[\u4e00-\u9fff]{2,30}$")


def _first_issuer(lines: list[str]) -> Place | None:
    """The place of the first of the lines that names a body (`_issuer_place`)."""
    return next((place for line in lines if (place := _issuer_place(line)) is not None), None)


def _issuer_place(line: str) -> Place | None:
    """The place of the body a line names, when the line is a body's name (a bureau, a company, a party
    committee; 「新竹市环境保护局　公告」 with what it issues) and not a sentence that mentions a place."""
    from rag.places import find_place

    named = line.replace(" ", "").replace("\u3000", "")
    # the body and the day it signed: 「国家税务总局农安县税务局　2026年2月24日」
    if date := _closing_date(named):
        named = named[: date.start()]
    named = re.sub(r"(?:公告|通告|通知)$", "", named)
    if ISSUER.match(line) or ORGANISATION.match(named) or SIGNER.match(named) or PARTY_BODY.match(named):
        return find_place(named)
    return None


def _flat_lines(text: str) -> list[str]:
    """The text's lines without their spaces (「白城市退役军人事务局　白城市财政局」 as one name), blank ones left out."""
    return [flat for line in text.split("\n") if (flat := line.replace(" ", "").replace("\u3000", ""))]


def signed_by(body: str) -> str | None:
    """The name a text is signed with at its end: the line above its closing date, when it names a body —
    among the last eight lines, as a page's furniture (【打印本页】, 上一篇, 下一篇) may follow it."""
    lines = _flat_lines(body)[-8:]
    for above, below in pairwise(lines):
        if DATE.fullmatch(below) and SIGNER.match(above):
            return above
    return None


ERA_DATE = re.compile(r"(?:中华)?民国(\d{2,3})年(\d{1,2})月(\d{1,2})日")


def era_date(page: str) -> str | None:
    """The day a Taiwan notice was issued, in the era's years near its head (「发文日期：中华民国114年10月22日」:
    2025-10-22)."""
    m = ERA_DATE.search("\n".join(page.split("\n")[:8]))
    return _iso((str(int(m.group(1)) + 1911), m.group(2), m.group(3))) if m else None


def signed_date(body: str) -> str | None:
    """The day a body signed the text: a date line of its own under a line that names a body (「白城市退役军人
    事务局　白城市财政局」 over 「二〇二五年三月十八日」), or both on one line (「铜川市民政局　2025年4月28日」);
    the first such — a notice that issues rules signs above them."""
    for above, below in pairwise(["", *_flat_lines(body)]):
        m = _closing_date(below)
        if m and (SIGNER.match(below[: m.start()]) or (m.start() == 0 and SIGNER.match(above))):
            return _iso(m.groups())
    return None


def _closing_date(flat: str) -> re.Match[str] | None:
    """The date a line (without its spaces) ends with, when its first date does: the day a body signed."""
    m = DATE.search(flat)
    return m if m and m.end() == len(flat) else None


def find_year(title: str, date: str | None, kind: ReportKind | None = None) -> int | None:
    """The year near the title's start (2024 or 二〇二四); a budget report's is its budget's, the last its
    title names (「2023年预算执行情况和2024年预算草案」); else the date's, less the kind's publication lag."""
    kind = kind or kind_of(title)
    years = [(m.start(), chinese_number(m.group())) for m in TITLE_YEAR.finditer(title)]
    if kind.label == "预算报告" and years:
        return years[-1][1]
    if years and (years[0][0] <= 6 or _only_places(MAKER.sub("", title[: years[0][0]]))):
        return years[0][1]
    if date:
        return int(date[:4]) - kind.published
    if kind.label == "其他" and len({year for _, year in years}) == 1:
        return years[0][1]  # an announcement or article that names one year only: 「关于实施2024年…的公告」
    return None


# who made the document, before its year in the title (「某某区人民政府2024年…年度报告」, 「某某股份有限公司2024年…」)
MAKER = re.compile(
    r"(?:人民政府|政府|[^\d年]{0,20}?(?:局|厅|委员会|办公室|有限公司|有限责任公司|集团|大学|学院|医院|法院|检察院))$"
)


def _only_places(prefix: str) -> bool:
    """The title's words before its year are place names (「某某特别行政区」, 「某某市某某区」)."""
    from rag.places import find_places

    rest = re.sub(r"^(关于|中共)", "", prefix)
    for place in find_places(rest):
        rest = rest.replace(place.name, "")
    return rest == ""


def find_speaker(head: list[str]) -> str | None:
    for line in head:
        m = SPEAKER_LINE.match(line.replace(" ", ""))
        if m:
            return m.group(1)
    return None


def doc_type(title: str) -> str:
    """The report kind's label (rag.reportkinds): 政府工作报告, 统计公报, 预算报告, 五年规划建议, 规划纲要, 其他."""
    return kind_of(title).label


def extract_meta(head: list[str], body: str, source_file: str, page: str = "") -> DocMeta:
    """`head`: the kept title-block lines (simplified); `body`: the clean body text; `page`: all of the
    page's lines (simplified), the removed ones too."""
    date = find_date(head)
    title = find_title(head, date)
    date = date or era_date(page or body) or signed_date(page or body)
    kind = kind_of(title)
    return DocMeta(
        title=title,
        city=find_city(title, head, body, page or body),
        year=find_year(title, date, kind),
        doc_type=kind.label,
        date=date,
        speaker=find_speaker(head),
        source_file=source_file,
    )
