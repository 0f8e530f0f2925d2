"""DocMeta from the text itself: title, city, year, document type, date, speaker (never the file name)."""

from __future__ import annotations

import re

from rag.numerals import CN_DIGITS
from rag.reportkinds import ReportKind, kind_of
from rag.types import DocMeta

NUM = r"[0-9〇零一二三四五六七八九十]"
DATE = re.compile(rf"({NUM}{{4}})年({NUM}{{1,3}})月({NUM}{{1,3}})日")
PAGE_DECOR = [
    re.compile(r"^【[^】]{1,12}】"),  # site category tag
    re.compile(r"[（(]第\d+/\d+页[）)]"),  # pagination
    re.compile(r"[（(]图\d+[）)]$"),  # image caption marker
]
TITLE_ONLY = [
    re.compile(r"^[（(][\u4e00-\u9fff]{2,4}[省□][）)]"),  # province prefix (□: a byte lost to mojibake)
    re.compile(r"——.*$"),  # date and venue after a dash
]
CITY_AT_START = re.compile(r"^(?:\d{4}年?)?(?:中共)?([\u4e00-\u9fff]{2,3}?)[市县]")
CITY_IN_VENUE = re.compile(r"在([\u4e00-\u9fff]{2,3}?)市[^，。]{0,12}(人大|人民代表大会|政协|委员会)")
CITY_IN_BODY = re.compile(r"代表([\u4e00-\u9fff]{2,3}?)市人民政府")
SPEAKER = re.compile(r"^(?:市长|县长|区长|省长|代市长|代县长)([\u4e00-\u9fff]{2,4})$")
TITLE_WORDS = re.compile(r"报告|规划|建议|纲要|计划|意见|决定|公报")
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
    for line in lines:
        m = DATE.search(line)
        if m and re.search(r"会议|大会|通过", line):
            year, month, day = (chinese_number(g) for g in m.groups())
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None


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


def find_title(head: list[str], date: str | None) -> str:
    """The first title-like line of the head block, without site tags, pagination or the venue."""
    for line in head:
        if TITLE_WORDS.search(line):
            title = clean_title(line)
            damaged = DAMAGED_YEAR.match(title)
            if damaged and date and date[:4].endswith(damaged.group(1)):
                title = (
                    date[:4] + title[damaged.end() - 1 :]
                )  # a digit lost to mojibake, restored from the date
            return title
    return head[0] if head else "(无标题)"


def find_city(title: str, head: list[str], body: str) -> str | None:
    from rag.places import find_place

    place = find_place(title)
    if place is not None:  # the gazetteer knows every division: 「2024年沛县…」 is 沛县
        return place.short
    m = CITY_AT_START.match(title)
    if m and m.group(1) not in {"人民", "政府"}:
        return m.group(1)
    for line in head:
        m = CITY_IN_VENUE.search(line)
        if m:
            return m.group(1)
    m = CITY_IN_BODY.search(body[:3000])
    return m.group(1) if m else None


def find_year(title: str, date: str | None, kind: ReportKind | None = None) -> int | None:
    """The year near the title's start (2024 or 二〇二四); a budget report's is its budget's, the last its
    title names (「2023年预算执行情况和2024年预算草案」); else the date's, less the kind's publication lag."""
    kind = kind or kind_of(title)
    years = [(m.start(), chinese_number(m.group())) for m in TITLE_YEAR.finditer(title)]
    if kind.label == "预算报告" and years:
        return years[-1][1]
    if years and years[0][0] <= 6:
        return years[0][1]
    return int(date[:4]) - kind.published if date else None


def find_speaker(head: list[str]) -> str | None:
    for line in head:
        m = SPEAKER.match(line.replace(" ", ""))
        if m:
            return m.group(1)
    return None


def doc_type(title: str) -> str:
    """The report kind's label (rag.reportkinds): 政府工作报告, 统计公报, 预算报告, 五年规划建议, 规划纲要, 其他."""
    return kind_of(title).label


def extract_meta(head: list[str], body: str, source_file: str) -> DocMeta:
    """`head`: the kept title-block lines (simplified); `body`: the clean body text."""
    date = find_date(head)
    title = find_title(head, date)
    kind = kind_of(title)
    return DocMeta(
        title=title,
        city=find_city(title, head, body),
        year=find_year(title, date, kind),
        doc_type=kind.label,
        date=date,
        speaker=find_speaker(head),
        source_file=source_file,
    )
