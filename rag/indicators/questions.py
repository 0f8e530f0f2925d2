"""Questions that need two or more figures: a difference, a ratio, a growth between two values, which
is larger, a rank among cities, a series over years. Pure functions over the normalised question text
(called by `rag.query.parse_query`; it imports nothing of `rag.query`)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rag.lexicon import CITY_ALIASES

SERIES = re.compile(r"哪些年份?|哪几年|历年|逐年|各年|每年的|变化趋势|走势|趋势|按年份?|历次|各个年份")
RANK = re.compile(
    r"(?:哪个|哪座|什么)城市.{0,12}(?:最高|最大|最多|最低|最少|最快)|排序|从高到低|从大到小|各城市|城市(?:之间|间)?排名"
)
LARGER = re.compile(
    r"(?:哪个|哪一个|谁|哪年|哪一年|哪座城市|哪个城市)(?:的)?更?(?:高|大|多|低|少|快|慢)|更高还是更低|孰高|孰低"
)
DIFFERENCE = re.compile(
    r"(?:多|少|高|低|差|相差|差距|增加|减少|提高|降低|增长)(?:了)?(?:多少|几)|差距(?:是|有)?多大|差多少|差值"
)
RATIO = re.compile(r"(?:几|多少)倍|倍数|百分之几|(?:的|是)多少比例")
GROWTH = re.compile(r"(?:增长|增加|提高|下降|减少)了?(?:百分之几|多少%|几成)|增长率是多少|增幅是多少")
WORD = re.compile(r"(多|少|高|低|快|慢|大|小)了?(?:多少|几)|更?(高|大|多|低|少|快|慢)")
COMPARATOR = re.compile(r"比|与|和|跟|同|相比|对比|较|相对于|vs", re.I)
YEAR = re.compile(r"((?:19|20)\d\d)年?")
TARGET = re.compile(r"目标|预期|计划|力争|要达到|安排")
RESULT = re.compile(r"完成|实际|实现了|达到了|结果")
ESTIMATE = re.compile(r"预计")
GROWTH_WORDS = re.compile(r"增速|增长率|增幅|增长")
DROP = re.compile(
    r"哪些年份?的?|哪几年的?|历年的?|逐年的?|各年的?|每年的|变化趋势|走势|趋势|按年份?|历次|各个年份|"
    r"(?:哪个|哪座|什么)城市|排名|排序|从高到低|从大到小|各城市|"
    r"(?:哪个|哪一个|谁|哪年|哪一年)(?:的)?更?(?:高|大|多|低|少|快|慢)|更高还是更低|孰高|孰低|"
    r"(?:多|少|高|低|差|相差|增加|减少|提高|降低|增长)了?(?:多少|几)|差距(?:是|有)?多大|差值|差距|"
    r"(?:几|多少)倍|倍数|百分之几|(?:的|是)多少比例|增长率是多少|增幅是多少|"
    r"目标|预期|计划|力争|安排|完成|实际|实现了|达到了|预计|数据|数字|情况|指标|"
    r"请问|相比|对比|相对于|比较|比|与|和|跟|同|较|从|到|vs|是|有|的|了|呢|吗|[？?！!。，,、：:“”\"（）()\s]"
)


@dataclass(frozen=True)
class Operand:
    """One side of a comparison: whose figure, for which year, a target or an achieved figure."""

    city: str | None
    year: int | None
    intent: str | None  # "target" | "result" | "estimate" | None (any)


@dataclass(frozen=True)
class Comparison:
    op: str  # "difference" | "ratio" | "growth" | "larger" | "rank" | "series"
    subject: str  # what is measured, as the question words it: 全社会固定资产投资
    measure: str  # "level" | "growth" (增速, 增长)
    operands: tuple[Operand, ...]
    word: str = ""  # the direction the question asks in: 多, 少, 高, 低 …


def find_comparison(text: str, known_cities: Iterable[str] = ()) -> Comparison | None:
    """The comparison a normalised question asks for, or None for a one-figure question."""
    operands = _operands(text, known_cities)
    op = _operation(text, len(operands))
    if op is None:
        return None
    if op in ("difference", "ratio", "growth", "larger") and len(operands) < 2:
        return None
    if op == "series" and not operands:
        operands = (Operand(None, None, _intent(text)),)
    subject, measure = _subject(text, known_cities)
    if op == "growth":
        measure = "level"  # the growth between two levels
    if not subject:
        return None
    direction = WORD.search(text)
    word = next((g for g in direction.groups() if g), "") if direction else ""
    return Comparison(op, subject, measure, operands, word)


def _operation(text: str, sides: int) -> str | None:
    if SERIES.search(text):
        return "series"
    if RANK.search(text):
        return "rank"
    compared = COMPARATOR.search(text.replace("比重", "").replace("比例", "")) or re.search(
        r"从.{2,12}到", text
    )
    if not compared and sides < 2:
        return None
    for op, pattern in (("growth", GROWTH), ("ratio", RATIO), ("larger", LARGER), ("difference", DIFFERENCE)):
        if pattern.search(text):
            return op
    return None


def _aliases(known_cities: Iterable[str]) -> dict[str, tuple[str, ...]]:
    aliases = dict(CITY_ALIASES)
    for city in known_cities:
        aliases.setdefault(city, (city,))
    return aliases


def _mentions(text: str, known_cities: Iterable[str]) -> list[tuple[int, int, str, str]]:
    """(start, end, "city"|"year", value) of every city and year the question names, in order."""
    found = []
    for city, names in _aliases(known_cities).items():
        for name in names:
            found += [(m.start(), m.end(), "city", city) for m in re.finditer(re.escape(name), text)]
    found += [(m.start(), m.end(), "year", m.group(1)) for m in YEAR.finditer(text)]
    return sorted(found)


def _operands(text: str, known_cities: Iterable[str]) -> tuple[Operand, ...]:
    """One operand per year or city named: 「常熟2024年…比2023年」 -> (常熟, 2024), (常熟, 2023)."""
    sides: list[dict[str, object]] = []
    for start, _end, what, value in _mentions(text, known_cities):
        last = sides[-1] if sides else None
        between = text[int(str(last["end"])) : start] if last is not None else ""
        if (
            last is not None
            and what == "city"
            and last.get("city") == value
            and not COMPARATOR.search(between)
        ):
            continue  # 「常熟…市场采购贸易常熟出口额」: the name of the indicator, not another side
        joins = last is not None and what not in last and not COMPARATOR.search(between)
        if joins and last is not None:
            last[what], last["end"] = value, start
        else:
            sides.append({what: value, "start": start, "end": start})
    for i, side in enumerate(sides):
        stop = int(str(sides[i + 1]["start"])) if i + 1 < len(sides) else len(text)
        side["segment"] = text[int(str(side["start"])) : stop]
    out: list[Operand] = []
    for side in sides:
        previous = out[-1] if out else None
        year = int(str(side["year"])) if "year" in side else (previous.year if previous else None)
        city = str(side["city"]) if "city" in side else (previous.city if previous else None)
        intent = _intent(str(side["segment"]))
        if intent is None and previous is not None:
            earlier = year is not None and previous.year is not None and year < previous.year
            intent = None if earlier and previous.intent == "target" else previous.intent
        out.append(Operand(city, year, intent))
    if out and out[0].city is None:  # 「2024年常熟…比2023年」: the city named later is the first's too
        city = next((o.city for o in out if o.city), None)
        out = [Operand(o.city or city, o.year, o.intent) for o in out]
    return tuple(dict.fromkeys(out))  # 「苏州…苏州」 is one side


def _intent(segment: str) -> str | None:
    if ESTIMATE.search(segment):
        return "estimate"
    if TARGET.search(segment):
        return "target"
    if RESULT.search(segment):
        return "result"
    return None


def _subject(text: str, known_cities: Iterable[str]) -> tuple[str, str]:
    """What is measured, and whether as a growth rate: 「地区生产总值目标增速」 -> (地区生产总值, growth)."""
    out = YEAR.sub(" ", text)
    for names in _aliases(known_cities).values():
        for name in names:
            out = out.replace(name + "市", " ").replace(name, " ")
    out = out.replace("今年", " ").replace("去年", " ")
    measure = "growth" if GROWTH_WORDS.search(out) else "level"
    out = GROWTH_WORDS.sub(" ", out).replace("比重", "\0").replace("比例", "\1")  # not the comparator 比
    out = DROP.sub(" ", out).replace("\0", "比重").replace("\1", "比例")
    words = [w for w in out.split() if len(w) >= 2]
    return (max(words, key=len) if words else ""), measure
