"""Which period a figure speaks of, and whether it is a target, a result or an estimate.

A 政府工作报告 of year Y reviews Y-1 (results, 预计 estimates) and sets targets for Y; a 五年规划建议
covers its plan period (十五五 = 2026–2030) and looks back on the one before; 「“十三五”时期」, 「五年来」,
「到2025年」 and 「2020年」 in the text override the section's default. Pure functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.answer.fit import section_kind
from rag.reportkinds import KINDS, PLAN_NAME, plan_span, report_years
from rag.types import CleanDoc

PLAN_KINDS = {kind.label for kind in KINDS if kind.plan_from is not None}
FIVE_YEARS_BACK = re.compile(r"^(?:五年来|过去五年|过去的五年)")
YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)年(?:底|末|前)?")
NOT_THE_FIGURES_YEAR = re.compile(r"(?:比|较|与|同|自|从|截至)$")
TO_YEAR = re.compile(r"(?:到|至)$")
ESTIMATE = re.compile(r"预计")
TARGET_WORD = re.compile(r"力争|争取|确保|目标|预期|将|计划")


@dataclass(frozen=True)
class Period:
    start: int | None
    end: int | None
    kind: str  # "target" | "result" | "estimate"


def section_of(doc: CleanDoc, offset: int) -> str:
    """The heading path above an offset: 「2023年工作回顾 > 一、… > 1.…」."""
    path: list[tuple[int, str]] = []
    for h in doc.headings:
        if h.start > offset:
            break
        path = [p for p in path if p[0] < h.level] + [(h.level, h.title)]
    return " > ".join(title for _, title in path)


def default_period(doc: CleanDoc, section: str, paragraph: str) -> Period:
    """The period a sentence speaks of when it names none, from the report kind, year and section."""
    year = doc.meta.year
    kind = section_kind(section)
    held = report_years(doc.meta)  # by the report's kind (rag.reportkinds)
    if doc.meta.doc_type in PLAN_KINDS:
        own = (min(held["target"]), max(held["target"])) if held["target"] else (None, None)
        named = plan_span(section.split(" > ")[-1]) or plan_span(paragraph[:30])
        if kind == "review" or (named and own[0] and named[1] < own[0]):
            before = named or ((own[0] - 5, own[0] - 1) if own[0] else (None, None))
            return Period(before[0], before[1], "result")
        return Period(own[0], own[1], "target")
    if year is not None and not held["target"]:  # a 统计公报: every figure is its year's result
        return Period(year, year, "result")
    if year is None:
        return Period(None, None, "result" if kind == "review" else "target")
    if FIVE_YEARS_BACK.match(paragraph) or (kind == "review" and plan_span(paragraph[:20])):
        return Period(year - 5, year - 1, "result")
    if kind == "review":
        return Period(year - 1, year - 1, "result")
    named = plan_span(section.split(" > ")[-1]) if section else None
    if named and named[0] <= year <= named[1]:
        return Period(named[0], named[1], "target")
    return Period(year, year, "target")


def figure_period(doc: CleanDoc, default: Period, before: str) -> Period:
    """The period of one figure: the default, unless the sentence up to the figure names a year or a
    plan (「到2025年」 a target's end, 「2020年」 that year, 「“十三五”时期」 that plan) or says 预计."""
    period = default
    year = doc.meta.year
    mention = _last_year(before)
    plan = _last_plan(before)
    if plan and (mention is None or plan[0] > mention[0]):
        span = plan[1]
        kind = "result" if year is not None and span[1] < year and default.kind != "target" else "target"
        if year is not None and span[1] < year:
            kind = "result"
        period = Period(span[0], span[1], kind)
    elif mention is not None:
        _, y, to = mention
        if to and default.kind == "target":
            period = Period(default.start if default.start and default.start <= y else y, y, "target")
        elif year is not None and doc.meta.doc_type == "政府工作报告":
            period = Period(y, y, "result" if y < year else "target")
        else:
            period = Period(y, y, default.kind if y <= (default.end or y) else "target")
    if period.kind != "target" and ESTIMATE.search(before):
        period = Period(period.start, period.end, "estimate")
    return period


def _last_year(before: str) -> tuple[int, int, bool] | None:
    """(position, year, whether 到/至 leads it) of the last year the text names as the figure's own."""
    found = None
    for m in YEAR.finditer(before):
        lead = before[max(0, m.start() - 2) : m.start()]
        if NOT_THE_FIGURES_YEAR.search(lead) and not TO_YEAR.search(lead):
            continue  # 「比2020年」: a base, not the figure's year
        found = (m.start(), int(m.group(1)), bool(TO_YEAR.search(lead)))
    return found


def _last_plan(before: str) -> tuple[int, tuple[int, int]] | None:
    found = None
    for m in PLAN_NAME.finditer(before):
        span = plan_span(m.group(0))
        if span:
            found = (m.start(), span)
    return found
