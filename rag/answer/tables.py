"""Which row of a table a superlative asks for: 「哪个县区GDP增速最高」 over 「地区 | 地区生产总值（亿元） | 比上年增长（%）」
is the row with the top figure of the growth column, the whole place's row aside.

Pure functions over a chunk's text, whose tables the cleaner writes one row per line, cells joined by 「 | 」.
"""

from __future__ import annotations

import re

from rag.answer import spans
from rag.query import Query

Span = tuple[int, int]

# rows that add up or stand for all the others: not one of them
AGGREGATE = re.compile(r"^(?:全[市县区省国州旗盟]|合计|总计|小计|总体|全部|平均)")
PART = re.compile(
    r"^其中[：:]?\s*"
)  # 「粮食 | 108.36」 then 「其中：小麦 | 61.45」: the row above is their sum
GROWTH_ASKED = re.compile(r"增速|增幅|增长|涨幅|降幅|下降")
GROWTH_HEAD = re.compile(r"增速|增幅|增长|涨幅|降幅|[%％]")
FIGURE = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


def rows_of(text: str, start: int) -> list[Span]:
    """The table rows (line spans in `text`) around the row that starts at `start`, header line included."""
    lines, at = [], 0
    for line in text.split("\n"):
        lines.append((at, at + len(line)))
        at += len(line) + 1
    here = next((i for i, (a, b) in enumerate(lines) if a <= start <= b), None)
    if here is None:
        return []
    first = last = here
    while first > 0 and " | " in text[lines[first - 1][0] : lines[first - 1][1]]:
        first -= 1
    while last + 1 < len(lines) and " | " in text[lines[last + 1][0] : lines[last + 1][1]]:
        last += 1
    return lines[first : last + 1]


def column_asked(query: Query, terms: dict[str, float], heads: list[str]) -> int | None:
    """The column of figures the question measures: the header cell that holds most of its words, a growth
    column when a growth is asked (「增速最高」: 「比上年增长（%）」); None when no header holds any."""
    from rag.answer.candidates import canon  # the question's terms are canonical (地区生产总值: gdp)

    growth = bool(GROWTH_ASKED.search(query.text))
    scored = []
    for j, head in enumerate((canon(h) for h in heads[1:]), start=1):
        weight = sum(w for t, w in terms.items() if t in head)
        if growth != bool(GROWTH_HEAD.search(head)):
            weight = 0.0 if not growth else weight / 4  # 「GDP增速」 is not the GDP's column
        scored.append((weight + (1.0 if growth and GROWTH_HEAD.search(head) else 0.0), j))
    best = max(scored, default=(0.0, None))
    return best[1] if best[0] > 0 else None


def top_row(query: Query, terms: dict[str, float], text: str, start: int, columns: str) -> Span | None:
    """The label cell (offsets in `text`) of the row a superlative asks for in the table whose row starts at
    `start`, when the question asks one and the figures of the column it measures can be compared; else None."""
    way = query.extreme
    heads = columns.split(" | ")
    if way is None or len(heads) < 2:
        return None
    column = column_asked(query, terms, heads)
    if column is None:
        return None
    found: list[tuple[float, Span]] = []
    above: Span | None = None  # the label of the row above, when it was kept
    for a, b in rows_of(text, start):
        row = text[a:b]
        parts = spans.cells(row)
        if len(parts) != len(heads) or row.strip() == columns.strip():
            continue
        cell = row[parts[0][0] : parts[0][1]]
        name = cell.strip(" |\t　")  # 「| 粮食」 of a row written 「| 粮食 | 108.36 |」
        part = PART.match(name)
        if part and found and found[-1][1] == above:
            found.pop()  # the row above sums this one and those after it
        label = name[part.end() if part else 0 :]
        figure = FIGURE.fullmatch(row[parts[column][0] : parts[column][1]].strip(" |\t　"))
        above = None
        if not label or AGGREGATE.match(label) or not figure:
            continue
        at = a + parts[0][0] + cell.index(label)
        above = (at, at + len(label))
        found.append((float(figure.group().replace(",", "")), above))
    return spans.the_extreme(found, way == "max") if len(found) >= 2 else None
