"""Every figure of a clean document as a row: what is measured, value, unit, qualifier, kind, period.

Pure functions over a CleanDoc. The figures are found by `rag.answer.spans` (the same quantity patterns the
answerer uses); what is measured is the text before a figure back to the clause start, without verbs,
years and filler, inherited from the figure before when empty (「2870亿元、增长4%」).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from rag.answer import spans
from rag.indicators.numbers import fmt, parse_number, parse_quantity, to_base
from rag.indicators.periods import Period, default_period, figure_period, section_of
from rag.types import CleanDoc

SENTENCE = re.compile(r"[^。；！？\n]+[。；！？]?")
CLAUSE_BREAK = re.compile(r"[，,：:；（(“”《》]")
ITEM_BREAK = "、和"  # not 与: 研究与试验发展 is one name
RANGE_LEAD = re.compile(r"(\d+(?:\.\d+)?)[%％]?\s*[—－\-~～至到]\s*$")
PRE_QUALIFIER = re.compile(r"(超过|超|突破|近|约|不低于|不少于|不超过|高于|低于)$")
ALIASES = [(r"GDP|gdp|国内生产总值|经济总量", "地区生产总值"), (r"规模以上", "规上")]
YEARS = re.compile(
    r"(?:19|20)\d\d年(?:底|末|前)?|“?十[一二三四五六]五”?(?:时期|期间|末)?|今年|全年|年内|上年"
)
FILLER_HEAD = re.compile(
    r"^(?:其中|全年|全市|我市|今年|年内|预计|力争|力促|争取|确保|实现|完成|同比|共|总计|分别|均|并|再|已|全力|努力|推动|"
    r"保持|持续|进一步|比上年|较上年|比|较)+"
)
LEVEL_TAIL = re.compile(
    r"(?:由|从|达到|达|为|是|完成|实现|突破|超过|超|约|近|增至|增加到|增加至|提高到|提高至|提升至|提升到|下降到|"
    r"下降至|降至|降到|降低到|降低至|稳定在|控制在|保持在|分别为|分别|均|累计|达到了|到|至|在|有|过|迈上|跃上|站上)+$"
)
GROWTH_TAIL = re.compile(r"(?:年均|分别|同比|均)*(?:增长|增速|增幅|涨幅|增长率)(?:分别|均)?$")
CHANGE_TAIL = re.compile(r"(?:分别|同比|均)*(?:提高|提升|增加|上升)(?:分别|均)?$")
DECLINE_TAIL = re.compile(r"(?:分别|同比|均)*(?:下降|减少|降低|压降|削减)(?:分别|均)?$")
THRESHOLD = re.compile(r"(?:以上)?(?:的)?(?:内资|外资|重大|产业|重点)?(?:项目|企业)")
TO_VALUE = re.compile(
    r"(?:增至|增加到|增加至|提高到|提高至|提升到|提升至|上升到|上升至|下降到|下降至|降至|降到|减少到|减至|到|至)\d"
)
GENERIC = {"总数", "总量", "总额", "规模", "产值", "总计", "数量", "比重", "占比", "面积"}
SKIP_UNITS = {"年"}  # 连续5年: a duration, not a figure


@dataclass(frozen=True)
class Indicator:
    """One figure of one report (rag indicators, DESIGN.md "Indicators")."""

    indicator: str  # what is measured, normalised: 地区生产总值, 全社会固定资产投资
    value: Decimal  # as written: 630
    unit: str  # as written: 亿元, %, 个百分点, 家
    base_value: Decimal  # in the base unit: 63000000000
    base_unit: str  # 元, %, 百分点, 家
    qualifier: str  # as written: 以上, 超, 左右, 力争…以上; "" when exact
    kind: str  # "target" | "result" | "estimate"
    period_start: int | None
    period_end: int | None
    city: str | None
    doc_id: str
    start: int  # the sentence's offsets in CleanDoc.text
    end: int
    measure: str = "level"  # "level" | "growth" (增长5%) | "change" (提高1.1个百分点) | "decline" (下降43%)
    text: str = ""  # the figure as written: 630亿元以上
    span_start: int = 0  # the figure's offsets in CleanDoc.text
    span_end: int = 0
    value_high: Decimal | None = None  # the upper end of a range (1~2个)
    doc_year: int | None = None
    doc_type: str = ""
    section: str = ""


def extract(doc: CleanDoc) -> list[Indicator]:
    """Every figure with a unit in the document, in text order."""
    rows: list[Indicator] = []
    line_start = 0
    for line in doc.text.split("\n"):
        section = section_of(doc, line_start)
        default = default_period(doc, section, line)
        for m in SENTENCE.finditer(line):
            rows.extend(_sentence_rows(doc, line_start + m.start(), m.group(), default, section))
        line_start += len(line) + 1
    return rows


def _figures(sentence: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, unit) of each figure: digits first, Chinese numerals (三十万人) where no digit is."""
    found = [q for q in spans.quantities(sentence) if q[2] not in SKIP_UNITS]
    taken = [(s, e) for s, e, _ in found]
    for s, e, unit in spans.cn_quantities(sentence):
        if _cn_figure(sentence, s, e, unit) and not any(a < e and s < b for a, b in taken):
            found.append((s, e, unit))
    for s, e, unit in sorted(found):
        if sentence[max(0, s - 1) : s] == "每":  # 每十亿元GDP: a denominator, not a figure
            continue
        if THRESHOLD.match(sentence, e) and re.search(r"超|以上", sentence[max(0, s - 2) : e + 2]):
            continue  # 「超10亿元内资项目8个」: a class of projects, the figure is 8个
        if sentence.startswith("级", e):
            continue  # 「500亿级先导产业」: a size class
        yield s, e, unit


def _cn_figure(sentence: str, s: int, e: int, unit: str) -> bool:
    """A number in Chinese numerals that is a figure: not 人大三次会议, 前三名, 超千个, 两个 (a count word)."""
    numeral = sentence[s : e - len(unit)]
    quoted = sentence.count("“", 0, s) > sentence.count("”", 0, s)  # 「“苏惠十条”」: a name
    return (
        unit not in SKIP_UNITS | {"个", "次", "名", "位"}
        and sentence[max(0, s - 1) : s] not in ("前", "届", "超")
        and numeral not in ("百", "千", "万")
        and not quoted
        and not sentence.startswith("赛", e)  # 铁人三项赛
    )


def _sentence_rows(
    doc: CleanDoc, offset: int, sentence: str, default: Period, section: str
) -> list[Indicator]:
    rows: list[Indicator] = []
    previous_end, name = 0, ""
    for s, e, _unit in _figures(sentence):
        parsed = parse_quantity(sentence[s:e])
        if parsed is None:
            continue
        low, high, unit, qualifier = parsed
        start = s
        lead = RANGE_LEAD.search(sentence[previous_end:s])
        if lead and high is None:  # 「1~2个」, 「3%—5%」: a range
            start = previous_end + lead.start()
            high, low = low, parse_number(lead.group(1)) * (low / _written(sentence[s:e]))
            if rows and rows[-1].span_start - offset == start:
                rows.pop()
        pre = PRE_QUALIFIER.search(sentence[max(previous_end, start - 3) : start])
        if pre:
            qualifier = pre.group(1) + qualifier
        segment = sentence[previous_end : start - (len(pre.group(1)) if pre else 0)]
        if re.search(r"力争|争取", sentence[:start]) and "力争" not in qualifier:
            qualifier = "力争" + qualifier
        own, measure, from_base = _name(segment)
        if not own and rows and not CLAUSE_BREAK.search(segment) and measure == "level":
            measure = rows[-1].measure  # 「分别增长7.1%和8.0%」: the second is a growth too
        if own:
            name = own if own not in GENERIC or not name else name + own
        elif re.match(r"新台阶|大关|关口", sentence[e:]):  # 「，迈上2万亿元新台阶」: the figure before's
            measure = "level"
        elif measure == "level" and CLAUSE_BREAK.search(segment):  # 「，5项工作获…」: the words after it
            name = re.split(r"[，。；、：]", sentence[e : e + 12])[0]
        period = figure_period(doc, default, sentence[:start])
        from_base = from_base or bool(re.search(r"[由从]", segment) and TO_VALUE.match(sentence, e))
        if from_base and period.start is not None:  # 「由77家增至144家」: 77 is the year before
            period = Period(period.start - 1, period.start - 1, "result")
        rows.append(
            _row(
                doc,
                offset,
                sentence,
                name,
                (start, e),
                (low, high, unit, qualifier),
                measure,
                period,
                section,
            )
        )
        previous_end = e
    return rows


def _written(text: str) -> Decimal:
    """The leading number as written (without multiplier): '2万个' -> 2."""
    m = re.match(r"\d+(?:\.\d+)?", text)
    return Decimal(m.group()) if m else Decimal(1)


def _row(
    doc: CleanDoc,
    offset: int,
    sentence: str,
    name: str,
    span: tuple[int, int],
    parsed: tuple[Decimal, Decimal | None, str, str],
    measure: str,
    period: Period,
    section: str,
) -> Indicator:
    low, high, unit, qualifier = parsed
    written = sentence[span[0] : span[1]]
    shown_unit = _shown_unit(written, unit)
    factor = to_base(Decimal(1), shown_unit)[0]
    value = low / factor
    base_value, base_unit = to_base(value, shown_unit)
    if measure == "level" and base_unit == "百分点":
        measure = "change"
    elif measure == "change" and base_unit == "%":
        measure = "growth"  # 「提高30.5%」 is a rate of growth; 「提高1.1个百分点」 a change
    return Indicator(
        indicator=name,
        value=Decimal(fmt(value)),
        unit=shown_unit,
        base_value=base_value,
        base_unit=base_unit,
        qualifier=qualifier,
        kind=period.kind,
        period_start=period.start,
        period_end=period.end,
        city=doc.meta.city,
        doc_id=doc.doc_id,
        start=offset,
        end=offset + len(sentence),
        measure=measure,
        text=written,
        span_start=offset + span[0],
        span_end=offset + span[1],
        value_high=Decimal(fmt(high / factor)) if high is not None else None,
        doc_year=doc.meta.year,
        doc_type=doc.meta.doc_type,
        section=section,
    )


def _shown_unit(written: str, base_unit: str) -> str:
    """The unit as the report writes it, multiplier included: '630亿元以上' -> 亿元, '2.3万人' -> 万人."""
    m = re.search(rf"(?:万亿|亿|万|千)?{re.escape(base_unit)}" if base_unit else r"万亿|亿|万", written)
    return m.group() if m else base_unit


def _name(segment: str) -> tuple[str, str, bool]:
    """(what is measured, measure, whether the figure is a 由/从 base) from the text before a figure."""
    part = CLAUSE_BREAK.split(segment)[-1]
    part = re.split(f"[{ITEM_BREAK}]", part)[-1] if re.search(f"[{ITEM_BREAK}]", part) else part
    part = YEARS.sub("", part)
    measure, from_base = "level", bool(re.search(r"(?:由|从)$", part))
    for tail, kind in ((GROWTH_TAIL, "growth"), (CHANGE_TAIL, "change"), (DECLINE_TAIL, "decline")):
        part = LEVEL_TAIL.sub("", part)
        m = tail.search(part)
        if m:
            measure, part = kind, part[: m.start()]
            break
    part = LEVEL_TAIL.sub("", FILLER_HEAD.sub("", part))
    for alias, canonical in ALIASES:
        part = re.sub(alias, canonical, part)
    return part.strip("的之了“”\"'"), measure, from_base
