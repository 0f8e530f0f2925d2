"""Selecting rows: by city, year, indicator name and kind; the rows one comparison operand needs."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

from rag.indicators.extract import Indicator
from rag.indicators.numbers import fmt
from rag.lexicon import CANONICAL

KINDS = ("target", "result", "estimate")
KIND_NAMES = {"target": "目标", "result": "实绩", "estimate": "预计"}
MEASURE_NAMES = {"level": "", "growth": "增长", "change": "变化", "decline": "下降"}
CSV_COLUMNS = (
    "city", "period", "kind", "indicator", "measure", "value", "unit", "qualifier", "base_value", "base_unit",
    "text", "doc_id", "doc_year", "doc_type", "start", "end", "sentence",
)  # fmt: skip


def canon(text: str) -> str:
    """The lexicon's canonical form (地区生产总值 and GDP meet as gdp), without 全社会/全市 and punctuation."""
    text = text.lower()
    for pattern, short in CANONICAL:
        text = re.sub(pattern, short, text)
    return re.sub(r"全社会|全市|[“”\"（）()、，\s]", "", text)


def name_fit(subject: str, indicator: str) -> float:
    """How well a row's indicator names the subject asked about: 3 same, 2 named within, 0 unrelated."""
    want, have = canon(subject), canon(indicator)
    if not want or not have:
        return 0.0
    if want not in have and subject in indicator:  # 「投资」 in 全社会固定资产投资 (canonical: 固投)
        want, have = subject, indicator
    if want == have:
        return 3.0
    if want in have:
        rest = have.replace(want, " ")
        if re.search(r"占\s|每", rest) or (
            re.search(r"比重|占比|率|强度", rest) and not re.search(r"比重|占比|率|强度", want)
        ):
            return 0.5  # 「服务业增加值占地区生产总值比重」 is no figure of 地区生产总值
        return 2.0 + len(want) / len(have) / 2  # the shorter the indicator around it, the better
    if len(have) >= 4 and have in want:  # 「市场采购贸易常熟出口额」 asked, 「市场采购贸易常熟出口」 written
        return 1.5
    return 0.0


def covers(row: Indicator, year: int) -> bool:
    return (
        row.period_start is not None
        and row.period_end is not None
        and row.period_start <= year <= row.period_end
    )


def select(
    rows: Iterable[Indicator],
    *,
    city: str | None = None,
    year: int | None = None,
    name: str | None = None,
    kind: str | None = None,
) -> list[Indicator]:
    """Rows of a city, about a year (or of that year's reports), whose indicator names `name`, of a kind."""
    out = []
    for row in rows:
        if city and row.city != city:
            continue
        if year is not None and not (covers(row, year) or row.doc_year == year):
            continue
        if name and name_fit(name, row.indicator) <= 0:
            continue
        if kind and row.kind != kind:
            continue
        out.append(row)
    return out


def dedupe(rows: Iterable[Indicator]) -> list[Indicator]:
    """One row per figure: two copies of a report give the same figure twice."""
    seen: dict[tuple[object, ...], Indicator] = {}
    for r in rows:
        key = (
            r.city,
            r.period_start,
            r.period_end,
            r.kind,
            r.measure,
            r.base_value,
            r.base_unit,
            r.indicator,
        )
        seen.setdefault(key, r)
    return list(seen.values())


def period_text(row: Indicator) -> str:
    if row.period_start is None:
        return ""
    if row.period_start == row.period_end:
        return str(row.period_start)
    return f"{row.period_start}–{row.period_end}"


def written(row: Indicator) -> str:
    """The figure as the report writes it, qualifier included: 630亿元以上, 超280亿元."""
    pre = re.sub(r"以上|左右|以内|以下|多", "", row.qualifier.replace("力争", ""))
    tail = re.search(r"(?:以上|左右|以内|以下|多)$", row.qualifier)
    post = tail.group() if tail else ""
    high = f"—{fmt(row.value_high)}" if row.value_high is not None else ""
    return f"{pre}{fmt(row.value)}{high}{row.unit}{post}"


def sentence_of(row: Indicator, text: str) -> str:
    return text[row.start : row.end]


def to_csv(rows: Sequence[Indicator], texts: dict[str, str] | None = None) -> str:
    """CSV with a header, UTF-8 with BOM when written to a file by the caller (Excel reads it)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        sentence = sentence_of(r, texts[r.doc_id]) if texts and r.doc_id in texts else ""
        writer.writerow(
            [
                r.city or "",
                period_text(r),
                r.kind,
                r.indicator,
                r.measure,
                fmt(r.value),
                r.unit,
                r.qualifier,
                fmt(r.base_value),
                r.base_unit,
                r.text,
                r.doc_id,
                r.doc_year or "",
                r.doc_type,
                r.start,
                r.end,
                sentence,
            ]
        )
    return out.getvalue()
