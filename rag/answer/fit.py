"""How well a clause fits the question beyond its words: the report's city and year, the section
(a plan or a review), the plan period, and the wording of what is measured (a yearly average, a share,
a growth, a total or an increase). Pure functions used by `rag.answer`; each returns a factor.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rag.lexicon import PARENT_CITY
from rag.query import Query
from rag.reportkinds import report_years
from rag.types import Hit

YearOf = Callable[[Hit], int | None]  # the year a hit's report is about

REVIEW = re.compile(r"回顾|成就|过去|成绩")
PLAN = re.compile(r"安排|主要工作|目标任务|总体思路|主要目标|工作任务|今后|建议")
YEAR_IN_TEXT = re.compile(r"(?<!\d)(20\d\d)年")
NAMED_YEAR = re.compile(r"(?<![\d比较])(20\d\d)年")  # 「比2024年完成数增长3%」 is this year's figure


def section_kind(section: str) -> str | None:
    """ "review" or "plan" from the deepest heading that says which."""
    for part in reversed(section.split(" > ")):
        if REVIEW.search(part):
            return "review"
        if PLAN.search(part):
            return "plan"
    return None


def fit(query: Query, hit: Hit, sentence: str, report_year_of: YearOf | None = None) -> float:
    """How well the clause's report and section fit the question's city, year, period and intent."""
    meta, factor = hit.chunk.meta, 1.0
    doc_year = report_year_of(hit) if report_year_of else meta.year
    # another city's report, and the sentence is not about the city asked about: no fit of year or section
    # lifts it (the refusal's misfit rule reads a context this low as "elsewhere")
    elsewhere = bool(
        query.city
        and meta.city != query.city
        and (query.city not in sentence or _parent_asked(query, meta.city))
    )
    if elsewhere:
        factor *= 0.2
    kind = section_kind(hit.chunk.section)
    if query.intent == "target":
        factor *= {"plan": 1.15, "review": 0.6}.get(kind or "", 1.0)
    elif query.intent == "result":
        factor *= {"review": 1.15, "plan": 0.75}.get(kind or "", 1.0)
    if query.year is not None:
        held = report_years(meta, doc_year)
        # a heading's year is the year of the figures under it (「一、2024年预算执行情况」)
        factor *= _year_fit(query, held if any(held.values()) else None, kind, hit.chunk.section + sentence)
    if query.period:
        where = sentence + hit.chunk.section
        if query.period in where:
            factor *= 1.2
        elif any(p in where for p in ("十三五", "十四五", "十五五")):
            factor *= 0.6  # another period
        else:
            factor *= 0.8  # the question names a period; the evidence usually does too
    return min(factor, 0.2) if elsewhere else factor


def _parent_asked(query: Query, doc_city: str | None) -> bool:
    """The question is about the prefecture (苏州) and the report is a county's (常熟): its 「苏州第一」
    ranks the county. Only when the city opens the question as its subject (「苏州高企总数」, 「2020年
    苏州…」), not when it is part of a name further on (「拿了苏州市市长质量奖」)."""
    city = query.city or ""
    return PARENT_CITY.get(doc_city or "") == city and 0 <= query.text.find(city) <= 8


def _year_fit(query: Query, held: dict[str, set[int]] | None, kind: str | None, sentence: str) -> float:
    """`held`: the years the report holds targets for and results of, by its kind (rag.reportkinds)."""
    year = query.year
    if year is None:
        return 1.0
    mentioned = {int(y) for y in NAMED_YEAR.findall(sentence)}
    factor = 1.0
    if year in mentioned:
        factor *= 1.2
    elif mentioned and all(abs(m - year) <= 10 for m in mentioned):  # another year named
        factor *= 0.6
    if held is None:
        return factor
    if year in held["target"] and kind != "review":
        return factor * (1.2 if query.intent != "result" else 0.8)
    if year in held["result"] and kind != "plan":
        return factor * (1.2 if query.intent != "target" else 0.7)
    return factor * (1.0 if year in mentioned else 0.15)  # a year this report does not cover


AVERAGED = re.compile(r"年均|平均每年|每年平均")
MEASURE = re.compile(r"[\u4e00-\u9fff]{1,4}(?:率|比重|占比)")


def wording_fit(query: Query, clause: str) -> float:
    """The clause measures what the question asks: not a yearly average for one year's growth, not
    a share or a rate of something else (「占地区生产总值比重」 does not answer a GDP-growth question)."""
    question, factor = query.text, 1.0
    if bool(AVERAGED.search(clause)) != bool(AVERAGED.search(question)) and "增长" in clause:
        factor *= 0.4
        if query.year is not None and not query.period:
            factor *= 0.6  # a yearly average over a plan period is no one year's figure
    if not re.search(r"率|比重|占比|强度", question) and any(
        m not in question for m in MEASURE.findall(clause)
    ):
        factor *= 0.5
    if re.search(r"总数|总量|总里程|总规模|累计|总计|共有", question) and re.search(r"净增|新增", clause):
        factor *= 0.2  # a total asked, a year's increase given (净增高企2720家 is no 总数)
    elif re.search(r"净增|新增", question) and re.search(r"总数|总量", clause):
        factor *= 0.2  # and the reverse: 「新增高企多少家」 is not 「总数突破1300家」
    if re.search(r"增长|增速|增幅", question) and not re.search(
        r"增长|增加(?!值)|净增|新增|提高|提升|下降|减少|降低", clause
    ):
        factor *= 0.5
    return factor
