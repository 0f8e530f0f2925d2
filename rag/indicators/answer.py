"""Answers that need two or more figures, computed in code: each figure is a row with its sentence
cited, the arithmetic is decimal and unit-aware, and a qualifier is carried into the result
(630亿元以上 − 625亿元 is at least 5亿元). A missing figure or two units that do not meet is a refusal."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from rag.indicators.extract import Indicator
from rag.indicators.numbers import bound, fmt, from_base
from rag.indicators.questions import Comparison, Operand
from rag.indicators.table import KIND_NAMES, covers, dedupe, name_fit, written
from rag.types import Answer, Chunk, Citation, Hit

MAX_TEXT = 300
PREFERRED = {  # kinds an operand accepts, best first
    "target": ("target",),
    "result": ("result", "estimate"),
    "estimate": ("estimate", "result"),
    None: ("result", "estimate", "target"),
}


@dataclass(frozen=True)
class Found:
    row: Indicator
    n: int  # its citation number


def find_row(rows: Sequence[Indicator], subject: str, measure: str, operand: Operand) -> Indicator | None:
    """The best row for one side: same city, its year (a one-year figure before a plan period's), the
    kind asked (a result before an estimate), the indicator that names the subject most closely."""
    best: tuple[float, Indicator] | None = None
    kinds = PREFERRED.get(operand.intent, PREFERRED[None])
    for row in rows:
        fit = name_fit(subject, row.indicator)
        if fit < 1 or row.measure != measure or row.kind not in kinds:  # 0.5: 「占GDP比重」 is no GDP
            continue
        if operand.city and row.city != operand.city:
            continue
        if operand.year is not None and not covers(row, operand.year):
            continue
        score = fit - kinds.index(row.kind) * 0.5 + (0.5 if row.period_start == row.period_end else 0.0)
        score += (row.doc_year or 0) / 10000  # the latest report's figure
        if best is None or score > best[0] + 1e-9:
            best = (score, row)
    return best[1] if best else None


def answer_comparison(question: str, comparison: Comparison, rows: Sequence[Indicator], index: Any) -> Answer:
    """The comparison's answer with every figure cited, or a refusal that says which figure is missing."""
    if comparison.op == "series":
        return _series(question, comparison, rows, index)
    if comparison.op == "rank":
        return _rank(question, comparison, rows, index)
    found = [find_row(rows, comparison.subject, comparison.measure, o) for o in comparison.operands[:2]]
    missing = [o for o, r in zip(comparison.operands, found, strict=False) if r is None]
    have = [r for r in found if r is not None]
    if missing:
        names = "、".join(_side(o, comparison) for o in missing)
        return _refuse(question, f"无法比较：报告中没有找到{names}的数字", have, index)
    a, b = have
    if a.base_unit != b.base_unit:
        return _refuse(question, f"无法比较：两个数字单位不同（{a.unit} 与 {b.unit}）", have, index)
    texts = {"difference": _difference, "ratio": _ratio, "growth": _growth, "larger": _larger}
    head, short = texts[comparison.op](comparison, a, b)
    return _answer(question, head, short, False, [a, b], index)


def _side(o: Operand, c: Comparison) -> str:
    intent = {"target": "目标", "result": "实绩", "estimate": "预计"}.get(o.intent or "", "")
    growth = "增速" if c.measure == "growth" else ""
    return f"{o.city or ''}{f'{o.year}年' if o.year else ''}{c.subject}{growth}{intent}"


CARRIED = {"至少": "，差值为下限", "至多": "，差值为上限", "约": "，约数", "按所写数字计": "，按所写数字计算"}


def _label(row: Indicator, other: Indicator | None = None) -> str:
    """「常熟2024年目标」; the city left out when the other side names the same one."""
    year = (
        f"{row.period_start}年"
        if row.period_start == row.period_end
        else f"{row.period_start}–{row.period_end}年"
    )
    city = "" if other is not None and other.city == row.city else row.city or ""
    return f"{city}{year}{KIND_NAMES[row.kind]}"


def _carried(a: Indicator, b: Indicator, sign: int) -> str:
    """The bound a difference a − b carries: 630以上 − 625 is 「至少」, 630 − 625以上 「至多」."""
    ba, bb = bound(a.qualifier), bound(b.qualifier)
    if "~" in (ba, bb):
        return "约"
    lower_a, upper_a = ba in (">=", ">"), ba in ("<=", "<")
    lower_b, upper_b = bb in (">=", ">"), bb in ("<=", "<")
    if (lower_a and not (lower_b or upper_b)) or (upper_b and not (lower_a or upper_a)):
        return "至少" if sign >= 0 else "至多"
    if (upper_a and not (lower_b or upper_b)) or (lower_b and not (lower_a or upper_a)):
        return "至多" if sign >= 0 else "至少"
    return "按所写数字计" if (ba, bb) != ("=", "=") else ""


def _difference(c: Comparison, a: Indicator, b: Indicator) -> tuple[str, str]:
    diff = a.base_value - b.base_value
    value, unit = from_base(abs(diff), a.base_unit, a.unit)
    if a.base_unit == "%":
        unit = "个百分点"
    up, down = ("高", "低") if a.base_unit == "%" or c.word in ("高", "低") else ("多", "少")
    word = up if diff >= 0 else down
    carried = CARRIED.get(_carried(a, b, 1 if diff >= 0 else -1), "")
    short = f"{fmt(value)}{unit}"
    return f"{_label(a)}比{_label(b, a)}{word}{short}（{written(a)}[1] − {written(b)}[2]{carried}）。", short


def _ratio(c: Comparison, a: Indicator, b: Indicator) -> tuple[str, str]:
    if b.base_value == 0:
        return f"无法计算倍数：{_label(b)}为0。", ""
    ratio = (a.base_value / b.base_value).quantize(Decimal("0.01"))
    short = f"{fmt(ratio)}倍"
    note = "约" if (bound(a.qualifier), bound(b.qualifier)) != ("=", "=") else ""
    return f"{_label(a)}是{_label(b)}的{note}{short}（{written(a)}[1] ÷ {written(b)}[2]）。", short


def _growth(c: Comparison, a: Indicator, b: Indicator) -> tuple[str, str]:
    early, late = (a, b) if (a.period_end or 0) <= (b.period_end or 0) else (b, a)
    if early.base_value == 0:
        return f"无法计算增长：{_label(early)}为0。", ""
    rate = ((late.base_value - early.base_value) / early.base_value * 100).quantize(Decimal("0.1"))
    word = "增长" if rate >= 0 else "下降"
    short = f"{fmt(abs(rate))}%"
    n_early, n_late = (1, 2) if early is a else (2, 1)
    return (
        f"{_label(late)}比{_label(early)}{word}{short}"
        f"（({written(late)}[{n_late}] − {written(early)}[{n_early}]) ÷ {written(early)}[{n_early}]）。",
        short,
    )


def _larger(c: Comparison, a: Indicator, b: Indicator) -> tuple[str, str]:
    if a.base_value == b.base_value:
        return f"一样：{_label(a)}{written(a)}[1]，{_label(b)}{written(b)}[2]。", written(a)
    low_asked = c.word in ("低", "少", "慢", "小")
    high, low = (a, b) if a.base_value > b.base_value else (b, a)
    win = low if low_asked else high
    n = {id(a): 1, id(b): 2}
    diff, unit = from_base(high.base_value - low.base_value, a.base_unit, a.unit)
    unit = "个百分点" if a.base_unit == "%" else unit
    word = ("低" if low_asked else "高") if a.base_unit == "%" else ("少" if low_asked else "多")
    return (
        f"{_label(win)}{'更' + word}：{_label(high)}{written(high)}[{n[id(high)]}] > "
        f"{_label(low, high)}{written(low)}[{n[id(low)]}]，"
        f"相差{fmt(diff)}{unit}。",
        _label(win),
    )


def _series(question: str, c: Comparison, rows: Sequence[Indicator], index: Any) -> Answer:
    city = c.operands[0].city if c.operands else None
    measures = (c.measure,) if c.measure == "growth" else ("level", "growth")
    picked = dedupe(
        r
        for r in rows
        if name_fit(c.subject, r.indicator) >= 2 and r.measure in measures and (not city or r.city == city)
    )
    if not picked:
        return _refuse(question, f"报告中没有找到{city or ''}{c.subject}的数字", [], index)
    picked.sort(key=lambda r: (r.period_start or 0, r.period_end or 0, r.kind))
    lines = [
        f"{_period(r)}｜{KIND_NAMES[r.kind]}｜{'增长' if r.measure == 'growth' else ''}{written(r)}[{i}]"
        for i, r in enumerate(picked, 1)
    ]
    head = f"{city or ''}{c.subject}{'增速' if c.measure == 'growth' else ''}（年份｜类型｜数值）：\n"
    return _answer(question, _fit(head, lines), written(picked[-1]), False, picked, index)


def _rank(question: str, c: Comparison, rows: Sequence[Indicator], index: Any) -> Answer:
    year = next((o.year for o in c.operands if o.year), None)
    intent = next((o.intent for o in c.operands if o.intent), None)
    best: dict[str, Indicator] = {}
    for city in sorted({r.city for r in rows if r.city}):
        row = find_row(rows, c.subject, c.measure, Operand(city, year, intent))
        if row is not None:
            best[city] = row
    if len(best) < 2:
        return _refuse(
            question, f"无法排名：只有{len(best)}个城市有{c.subject}的数字", list(best.values()), index
        )
    ranked = sorted(best.values(), key=lambda r: r.base_value, reverse=c.word not in ("低", "少"))
    units = {r.base_unit for r in ranked}
    if len(units) > 1:
        return _refuse(question, "无法排名：各城市的数字单位不同", ranked, index)
    lines = [f"{i}. {_label(r)} {written(r)}[{i}]" for i, r in enumerate(ranked, 1)]
    return _answer(question, _fit(f"{c.subject}排名：\n", lines), ranked[0].city, False, ranked, index)


def _period(r: Indicator) -> str:
    return str(r.period_start) if r.period_start == r.period_end else f"{r.period_start}–{r.period_end}"


def _fit(head: str, lines: list[str]) -> str:
    text = head
    for line in lines:
        if len(text) + len(line) + 12 > MAX_TEXT:
            return text + "……（更多见「指标」）"
        text += line + "\n"
    return text.rstrip()


def _refuse(question: str, lead: str, rows: Sequence[Indicator], index: Any) -> Answer:
    found = "；".join(f"已找到{_label(r)}{written(r)}[{i}]" for i, r in enumerate(rows, 1))
    text = f"{lead}。" + (f"（{found}）" if found else "")
    return _answer(question, text, None, True, rows, index)


def _answer(
    question: str, text: str, short: str | None, refused: bool, rows: Sequence[Indicator], index: Any
) -> Answer:
    citations: list[Citation] = []
    hits: list[Hit] = []
    for n, row in enumerate(rows, 1):
        chunk = _chunk_of(index, row)
        doc = index.docs.get(row.doc_id)
        quote = doc.text[row.start : row.end] if doc else row.text
        citations.append(
            Citation(
                n=n,
                doc_id=row.doc_id,
                title=doc.meta.title if doc else "",
                city=row.city,
                year=row.doc_year,
                section=row.section,
                quote=quote,
                chunk_id=chunk.chunk_id if chunk else "",
                start=row.start,
                end=row.end,
                score=1.0,
            )
        )
        if chunk is not None and all(h.chunk_id != chunk.chunk_id for h in hits):
            hits.append(Hit(chunk=chunk, score=1.0, rank=len(hits) + 1))
    return Answer(question, text[:MAX_TEXT], short, refused, tuple(citations), tuple(hits), {})


def _chunk_of(index: Any, row: Indicator) -> Chunk | None:
    """The chunk that holds the figure (its sentence start when no chunk holds the figure)."""
    best = None
    for chunk in index.chunks:
        if chunk.doc_id == row.doc_id and chunk.start <= row.span_start and row.span_end <= chunk.end:
            return chunk
        if best is None and chunk.doc_id == row.doc_id and chunk.start <= row.start < chunk.end:
            best = chunk
    return best
