"""What a report's year means, by kind: one table.

A 政府工作报告 of year Y sets Y's targets and reviews Y−1; a 统计公报 of Y gives Y's results (its title
year is the data year; it appears early in Y+1); a 预算报告 of Y holds Y's budget and Y−1's execution and
final accounts; a five-year plan (建议 or 纲要) sets targets for its period and reviews the period before.
The title says the kind. Pure functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.lexicon import FIVE_YEAR_PLANS
from rag.types import DocMeta

PLAN_NAME = re.compile(r"十[一二三四五六]五|第十([一二三四五六])个五年")
PLAN_YEARS = 5


@dataclass(frozen=True)
class ReportKind:
    label: str  # DocMeta.doc_type
    title: re.Pattern[str]  # how a (simplified) title names the kind
    targets: tuple[int, ...] = (0,)  # years it sets targets or a budget for, as offsets from its year
    results: tuple[int, ...] = (-1,)  # years whose results it reports
    plan_from: int | None = None  # a five-year plan: its period starts this many years after its year
    published: int = 0  # its publication year minus its year (a 统计公报 comes out the year after)


# First match wins; the last row takes every other title and keeps the 政府工作报告 reading of its year.
KINDS: tuple[ReportKind, ...] = (
    ReportKind("统计公报", re.compile(r"统计公报|国民经济和社会发展.{0,6}公报"), (), (0,), published=1),
    ReportKind("预算报告", re.compile(r"预算执行|预算草案|预算报告|预算的报告|决算")),
    ReportKind("五年规划建议", re.compile(r"规划.*建议"), plan_from=1),
    ReportKind("规划纲要", re.compile(r"五年规划|规划纲要|规划.*纲要"), plan_from=0),
    ReportKind("政府工作报告", re.compile(r"政府工作报告")),
    # a year's summary of work reports that year's results and may plan the next (「2025年工作总结及2026年工作计划」)
    ReportKind("工作总结", re.compile(r"工作总结|年度总结"), (1,), (0,), published=1),
    # a year's report of what was done or found (「2024年度城市体检报告」, 「关于2024年度…考核结果的通报」, a
    # company's 年度报告, a 履职报告): that year's results, published the year after
    ReportKind(
        "年度报告",
        re.compile(r"(?:19|20)\d\d年度.{0,24}(?:报告|通报|公报)|年度报告"),
        (1,),
        (0,),
        published=1,
    ),
    ReportKind("其他", re.compile("")),
)
BY_LABEL = {kind.label: kind for kind in KINDS}


def kind_of(title: str) -> ReportKind:
    """The kind a title names (traditional characters read as simplified)."""
    from rag.cleaning.normalize import to_simplified

    title = to_simplified(title)
    return next(kind for kind in KINDS if kind.title.search(title))


def plan_span(name: str) -> tuple[int, int] | None:
    """'十四五' -> (2021, 2025); '第十五个五年' -> (2026, 2030)."""
    m = PLAN_NAME.search(name)
    if not m:
        return None
    key = f"十{m.group(1)}五" if m.group(1) else m.group(0)
    return FIVE_YEAR_PLANS.get(key)


def years_held(
    kind: ReportKind | str, year: int | None, period: tuple[int, int] | None = None
) -> dict[str, set[int]]:
    """The years a report of this kind and year holds targets for and results of. A plan's period is
    the one its title names (`period`), else the one that starts `plan_from` years after its year."""
    kind = BY_LABEL.get(kind, BY_LABEL["其他"]) if isinstance(kind, str) else kind
    if kind.plan_from is not None:
        if period is None and year is not None:
            period = (year + kind.plan_from, year + kind.plan_from + PLAN_YEARS - 1)
        if period is None:
            return {"target": set(), "result": set()}
        start, end = period
        return {"target": set(range(start, end + 1)), "result": set(range(start - PLAN_YEARS, start))}
    if year is None:
        return {"target": set(), "result": set()}
    return {"target": {year + d for d in kind.targets}, "result": {year + d for d in kind.results}}


def publication_year(meta: DocMeta, year: int | None = None) -> int | None:
    """The year the report came out, from which 今年/去年/明年 count: its date's, else its year plus its
    kind's publication lag (`year`: the year it is about, default its meta.year)."""
    if meta.date:
        return int(meta.date[:4])
    year = meta.year if year is None else year
    return None if year is None else year + BY_LABEL.get(meta.doc_type, BY_LABEL["其他"]).published


def report_years(meta: DocMeta, year: int | None = None) -> dict[str, set[int]]:
    """`years_held` for a document (`year`: the year its report is about, default its meta.year)."""
    return years_held(meta.doc_type, meta.year if year is None else year, plan_span(meta.title))


def holds(held: dict[str, set[int]], year: int, intent: str | None) -> bool:
    """The report holds the year asked about on the side asked (a target, a result, or either)."""
    return year in (held[intent] if intent in held else held["target"] | held["result"])
