"""How well a clause fits the question beyond its words: the report's city and year, the section
(a plan or a review), the plan period, and the wording of what is measured (a yearly average, a share,
a growth, a total or an increase). Each check names cues; what a city/year/section cue is worth is fitted with
the ranking (`eval/train.py`) and read from the scoring table (`cue_factor`); the wording cues' costs are
hand-set (`WORDING`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from rag.lexicon import PARENT_CITY, RELATIVE_YEARS
from rag.numerals import CN_NUMERAL_CHARS, MONTH, month_number
from rag.query import Query, digit_years
from rag.reportkinds import PLAN_NAME, publication_year, report_years
from rag.types import Hit

YearOf = Callable[[Hit], int | None]  # the year a hit's report is about

REVIEW = re.compile(r"回顾|成就|过去|成绩|开展情况|完成情况|进展情况|工作总结")
PLAN = re.compile(r"安排|主要工作|目标任务|总体思路|主要目标|工作任务|今后|建议|计划|打算")
YEAR_IN_TEXT = re.compile(r"(?<!\d)(20\d\d)年")
ASIDE = re.compile(r"[（(][^（）()]*[）)]")
# a sentence that says what is planned, not what was done (「全年计划发放」, 「力争」; not 「完成年度计划的102%」,
# 「入围…培育计划8家」)
PLANNED = re.compile(r"(?:全年|年内|今年|本年度?)计划|计划(?:于|在|将|要|再)|力争|拟(?!定|稿)")
NAMED_YEAR = re.compile(r"(?<![\d比较])(20\d\d)年")  # 「比2024年完成数增长3%」 is this year's figure


def section_kind(section: str) -> str | None:
    """ "review" or "plan" from the deepest heading that says which."""
    for part in reversed(section.split(" > ")):
        if REVIEW.search(part):
            return "review"
        if PLAN.search(part):
            return "plan"
    return None


def context_cues(
    query: Query, hit: Hit, sentence: str, report_year_of: YearOf | None = None, before: str = ""
) -> dict[str, float]:
    """How the clause's report and section stand to the question's city, year, period and intent, as named
    cues (1.0 each); what each is worth is fitted (`CUE_SIGNS`, `cue_factor`). `before`: the sentence's opening
    before a 「；」 (「“十四五”时期，…；森林覆盖率达到62.8%。」)."""
    meta = hit.chunk.meta
    doc_year = report_year_of(hit) if report_year_of else meta.year
    # another city's report, and the sentence is not about the city asked about: no fit of year or section
    # lifts it (the refusal's misfit rule reads it as "elsewhere")
    if (
        query.city
        and meta.city != query.city
        and (query.city not in sentence or _parent_asked(query, meta.city))
    ):
        return {"ctx:elsewhere": 1.0}
    cues: dict[str, float] = {}
    # a table's row under columns of two years or more (「指标 | 2025年 | 2030年」) holds what was done and what is
    # planned alike: its column, not its section, says which
    header = sentence.split("\n", 1)[0] if " | " in sentence else ""
    kind = None if len(set(YEAR_IN_TEXT.findall(header))) >= 2 else section_kind(hit.chunk.section)
    if query.intent in {"target", "result"} and kind:
        cues[f"ctx:{query.intent} in {kind}"] = 1.0
    elif kind and meta.doc_type != "其他":
        # 「螃蟹全产业链产值有多少」: neither planned nor done said; what a report's section of each kind is worth is
        # fitted (a notice's 「时间安排」 or 「招聘计划」 plans nothing)
        cues[f"ctx:unmarked in {kind}"] = 1.0
    year = query.year
    published = publication_year(meta, doc_year)
    if year is None and query.relative_year is not None:  # 去年 in a report published in Y is Y-1
        year = None if published is None else published + query.relative_year
    if year is not None:
        held = report_years(meta, doc_year)
        # a heading's year is the year of the figures under it (「一、2024年预算执行情况」)
        # 「今年…有效期届满」 in a news release of the year: the year asked, said as the question says it
        said = query.year is None and query.relative_year in relative_years(sentence)
        cues |= _year_cues(
            query,
            year,
            held if any(held.values()) else None,
            kind,
            hit.chunk.section + sentence,
            said,
            published,
        )
        if cues.get("ctx:year held") and PLANNED.search(sentence) and year not in held["target"]:
            # 「全年计划发放创业担保贷款1.2亿元」 in a 2026 notice plans 2026; it holds no result of 2025
            del cues["ctx:year held"]
            cues["ctx:year not held"] = 1.0
    if query.month:  # 「7月份放什么电影」 is not answered by 「6月5日…《雄狮少年2》」
        months = months_said(f"{hit.chunk.section}\n{sentence}")
        if query.month in months:
            cues["ctx:month named"] = 1.0
        elif months:
            cues["ctx:another month named"] = 1.0
    if query.period:
        # the sentence (with its opening before a 「；」) names the period its figures are of, else its section or
        # the document's title (「…第十五个五年规划纲要」)
        named = _periods(before + sentence) or _periods(f"{hit.chunk.section}\n{meta.title}")
        if query.period in named:
            cues["ctx:period named"] = 1.0
        elif named:
            cues["ctx:another period"] = 1.0
        else:
            cues["ctx:no period"] = 1.0  # the question names a period; the evidence usually does too
    return cues


MONTH_SAID = re.compile(
    rf"(?<![\d{CN_NUMERAL_CHARS}])(?:({MONTH})(?:月份?)?[至到—\-－~～]({MONTH})|({MONTH}))月"
)


def months_said(text: str) -> set[int]:
    """The months a text names, a run of them whole (「2026年5月至6月」: 5 and 6; 「1-5月」: 1 to 5)."""
    out: set[int] = set()
    for m in MONTH_SAID.finditer(text):
        first = month_number(m.group(1) or m.group(3))
        last = month_number(m.group(2)) if m.group(2) else first
        out |= set(range(first, last + 1)) if first <= last else {first, last}
    return out


def _periods(text: str) -> set[str]:
    """The five-year periods a text names, as 十四五 (「第十五个五年」 is 十五五)."""
    return {f"十{m.group(1)}五" if m.group(1) else m.group() for m in PLAN_NAME.finditer(text)}


# Which way each cue may move a clause (the fit chooses how far; a cue that says nothing may stay at 0):
# +1 it agrees with the question, -1 it disagrees, 0 either way.
CUE_SIGNS = {
    "ctx:elsewhere": -1,
    "ctx:target in plan": 1,
    "ctx:target in review": -1,
    "ctx:result in review": 1,
    "ctx:result in plan": -1,
    "ctx:unmarked in plan": 0,
    "ctx:unmarked in review": 0,
    "ctx:year named": 1,
    "ctx:another year named": -1,
    "ctx:year held": 1,
    "ctx:year held, results asked": -1,
    "ctx:year held, targets asked": -1,
    "ctx:year not held": -1,
    "ctx:month named": 1,
    "ctx:another month named": -1,
    "ctx:period named": 1,
    "ctx:another period": -1,
    "ctx:no period": 0,
    # what a list question's clause holds (`candidates._score_clause`)
    "span:list listed": 1,
    "span:list of another size": -1,
    "span:counterpart named": -1,  # the clause names another of things that exclude each other
    "span:label asked": 1,  # the sentence's label names what is asked (「选房时间：」), the clause follows it
    "span:class asked": 1,  # the span ends as the head noun asked (「哪家公司」: …有限公司)
    "span:set later": -1,  # the document says what is asked is set later; the clause says another thing
}


def fit(query: Query, hit: Hit, sentence: str, report_year_of: YearOf | None = None) -> float:
    """How well the clause's report and section fit the question (the fitted factor of its cues)."""
    return cue_factor(context_cues(query, hit, sentence, report_year_of))


def cue_factor(cues: dict[str, float]) -> float:
    """exp(the fitted weights x the cues): 1.0 when no model is fitted."""
    from rag.answer.scoring import ranking_weights

    weights = ranking_weights()
    return math.exp(sum(weights.get(k, 0.0) * v for k, v in cues.items()))


def _parent_asked(query: Query, doc_city: str | None) -> bool:
    """The question is about the prefecture (苏州) and the report is a county's (常熟): its 「苏州第一」
    ranks the county. Only when the city opens the question as its subject (「苏州高企总数」, 「2020年
    苏州…」), not when it is part of a name further on (「拿了苏州市市长质量奖」)."""
    city = query.city or ""
    return PARENT_CITY.get(doc_city or "") == city and 0 <= query.text.find(city) <= 8


# a year said relative to the report's (「去年全区慰问2.6万人次」), not a base compared with (比去年, 较上年, 去年同期)
RELATIVE_SAID = re.compile(rf"(?<![比较于与同])({'|'.join(RELATIVE_YEARS)})(?!同期|同比|度|以来)")


# 「本年度暂停开放垂钓」: this year, as a notice of a season names it (「上年度」 may be another body's year)
THIS_YEARS_SEASON = re.compile(r"(?<![比较于与同])(?:本|今)年度")


def relative_years(text: str) -> set[int]:
    """The years the text says relative to the report's (今年, 本年度: 0, 去年: -1)."""
    return {RELATIVE_YEARS[m] for m in RELATIVE_SAID.findall(text)} | (
        {0} if THIS_YEARS_SEASON.search(text) else set()
    )


def _year_cues(
    query: Query,
    year: int,
    held: dict[str, set[int]] | None,
    kind: str | None,
    sentence: str,
    said: bool = False,
    published: int | None = None,
) -> dict[str, float]:
    """`year`: the year asked (named, or 去年/今年 counted from the report's publication); `held`: the years
    the report holds targets for and results of, by its kind (rag.reportkinds); `said`: the sentence says
    the year asked relative to the report's, as the question does; `published`: the report's year, of which
    the sentence's 今年 and 去年 are said (「今年全县计划资助…120名」 is no figure of 2024)."""
    # a year in an aside compares (「全年共提交提案7件（2024年为5件）」); the figure is of the year asked
    plain = digit_years(ASIDE.sub("", sentence))
    mentioned = {int(y) for y in NAMED_YEAR.findall(plain)} | ({year} if said else set())
    if published is not None:
        mentioned |= {published + r for r in relative_years(plain)}
    # 「今年哪天之前出生的能上学」: this year's rule, the date asked may lie in another year (「2019年8月31日前」)
    dated_freely = query.kind == "date" and query.year is None
    cues: dict[str, float] = {}
    if year in mentioned:
        cues["ctx:year named"] = 1.0
    elif mentioned and all(abs(m - (year or 0)) <= 10 for m in mentioned) and not dated_freely:
        cues["ctx:another year named"] = 1.0
    if held is None:
        return cues
    if year in held["target"] and kind != "review":  # the report's targets for the year
        cues["ctx:year held, results asked" if query.intent == "result" else "ctx:year held"] = 1.0
    elif year in held["result"] and kind != "plan":  # its results of the year
        cues["ctx:year held, targets asked" if query.intent == "target" else "ctx:year held"] = 1.0
    elif year not in mentioned:
        cues["ctx:year not held"] = 1.0  # a year this report does not cover
    return cues


AVERAGED = re.compile(r"年均|平均每年|每年平均")
# a change by so much, the thing changed may stand between (「每多一名新生儿增加奖励300元」; not 「提高标准至500元」)
CHANGED_BY = re.compile(
    r"(?:降低|减少|下降|下调|上调|上涨|增加|提高|增长)了?(?:[\u4e00-\u9fff]{1,4}?(?<![至到为达]))?(?:约|近)?\d"
)
CHANGE_ASKED = re.compile(r"增|减|涨|降|提高|变化|多了|少了|差|幅|速|比上年|同比")
MEASURE = re.compile(r"[\u4e00-\u9fff]{1,4}(?:率|比重|占比)")


def wording_cues(query: Query, clause: str) -> dict[str, float]:
    """Whether the clause measures what the question asks, as named cues: a yearly average for one year's
    growth, a share or a rate of something else (「占地区生产总值比重」 does not answer a GDP-growth question),
    a year's increase for a total, no change for a growth. What each costs is `WORDING`."""
    question, cues = query.text, {}
    # 「十五五期间GDP每年打算增长多少」: each year of a period asked, its yearly average
    averaged = bool(AVERAGED.search(question)) or bool(query.period and "每年" in question)
    if bool(AVERAGED.search(clause)) != averaged and "增长" in clause:
        cues["words:average or not"] = 1.0
        if query.year is not None and not query.period:  # a plan period's yearly average is no one year's
            cues["words:average for one year"] = 1.0
    if not re.search(r"率|比重|占比|强度|占(?!地)", question) and any(  # 「占到GDP的多少」 asks a share
        m not in question for m in MEASURE.findall(clause)
    ):
        cues["words:another measure"] = 1.0
    # 净增高企2720家 is no 总数, 「新增税收亿元楼宇3座」 not how many there are 「现在」
    if re.search(r"总数|总量|总里程|总规模|累计|总计|共有|现在|目前|现有", question) and re.search(
        r"净增|新增", clause
    ):
        cues["words:increase for a total"] = 1.0
    elif re.search(r"净增|新增", question) and re.search(r"总数|总量", clause):
        cues["words:total for an increase"] = 1.0  # 「新增高企多少家」 is not 「总数突破1300家」
    if CHANGED_BY.search(clause) and not CHANGE_ASKED.search(question):
        cues["words:change for a level"] = 1.0  # 「降低20元」 is not what a ticket costs now
    # (a rank asked of the growth is met by 「增速居全市第3位」, which names no change)
    if FINE.search(clause) and not FINE_ASKED.search(question):
        cues["words:a fine for a cost"] = 1.0  # 「清雪花了多少钱」 is not 「处100元以上500元以下罚款」
    elif FINE_ASKED.search(question) and not FINE_ASKED.search(clause) and query.kind == "number":
        cues["words:a cost for a fine"] = 1.0  # 「不打疫苗罚多少」 is not 「疫苗注射每剂100元」
    if BEFORE_CHANGE_ASKED.search(question) and not BEFORE_SAID.search(clause):
        cues["words:now for before"] = 1.0  # 「调整之前老标准是多少」 is not the new 「一级 | 0.65元」
    if (
        re.search(r"增长|增速|增幅", question)
        and query.kind != "rank"
        and not re.search(r"增长|增加(?!值)|净增|新增|提高|提升|下降|减少|降低", clause)
    ):
        cues["words:no change for a growth"] = 1.0
    return cues


# What a wording cue costs a clause, hand-set: the question sets hold too few of them for a fit (fitted
# pairwise, each came out near 1.0 and the misfit refusals they carry were lost: CV 0.927 -> 0.915).
WORDING = {
    "words:average or not": 0.4,
    "words:average for one year": 0.6,
    "words:another measure": 0.5,
    "words:increase for a total": 0.2,
    "words:total for an increase": 0.2,
    "words:no change for a growth": 0.5,
    "words:change for a level": 0.5,
    "words:a fine for a cost": 0.5,
    "words:a cost for a fine": 0.5,
    "words:now for before": 0.5,
    "words:another event": 0.5,  # a when-question's event not said (`candidates._event_asked`)
}
# what was charged or in force before a change (「调整之前」, 「老标准」), and words that say what it was (原, 旧, 由…调整为)
BEFORE_CHANGE_ASKED = re.compile(
    r"(?:调整|调价|涨价|提价|降价|变动|改革|提标)(?:之|以)?前|原来|原先|[老旧原]标准|原价|(?:以前|过去)的标准"
)
BEFORE_SAID = re.compile(
    r"原|旧|调整前|此前|以往|过去|现行|由[^，,。；;]{0,12}?(?:调整|提高|降低|上调|下调|调)[为到至]"
)
FINE = re.compile(r"罚款|罚金|罚锾|滞纳金")
FINE_ASKED = re.compile(r"罚|滞纳")


def wording_fit(query: Query, clause: str) -> float:
    """The factor of the clause's wording cues (`WORDING`)."""
    return math.prod(WORDING[k] for k in wording_cues(query, clause))
