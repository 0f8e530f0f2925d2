"""Which row of a table a question asks for: 「哪个县区GDP增速最高」 over 「地区 | 地区生产总值（亿元） | 比上年增长（%）」
is the row with the top figure of the growth column, the whole place's row aside; 「哪一项比去年少了」 the one row
that fell, 「哪一项没完成」 the one row whose status says so, 「排第三的是哪一件」 the row numbered 3.

Pure functions over a chunk's text, whose tables the cleaner writes one row per line, cells joined by 「 | 」.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from rag.answer import spans
from rag.indicators.numbers import SCALE
from rag.query import Query

Span = tuple[int, int]

# rows that add up or stand for all the others: not one of them
AGGREGATE = re.compile(r"^(?:全[市县区省国州旗盟]|合计|总计|小计|总体|全部|平均)")
# 「粮食 | 108.36」 then 「其中：小麦 | 61.45」: the row above is their sum
PART = re.compile(r"^其中[：:]?\s*")
ENUMERATED = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]\s*)")
MOST_SAID = re.compile(r"最[多高大少低小快慢长短]|排(?:名)?第一")
GROWTH_HEAD = re.compile(r"增速|增幅|增长|涨幅|降幅|[%％]")
FIGURE = re.compile(r"-?\d[\d,]*(?:\.\d+)?")
# a cell that is one figure, bare or with its unit (「386艘」, 「802.55万元」, 「12.5%」)
FIGURE_CELL = re.compile(r"(-?\d[\d,]*(?:\.\d+)?)\s*(?:([万亿])?[\u4e00-\u9fff]{0,3}|[%％‰])")


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

    growth = query.growth or query.decline  # 「哪种减产最多」: the growth column
    # what the superlative is said of comes right before it: 「领到补贴的渔船最多」 measures 渔船, not 补贴
    asked = canon(query.text)
    most = MOST_SAID.search(asked)
    measured = [t for t in terms if most and asked[: most.start()].rstrip("的得").endswith(t)]
    scored = []
    for j, head in enumerate((canon(h) for h in heads[1:]), start=1):
        weight = sum(w * (2.0 if t in measured else 1.0) for t, w in terms.items() if t in head)
        if growth != bool(GROWTH_HEAD.search(head)):
            weight = 0.0 if not growth else weight / 4  # 「GDP增速」 is not the GDP's column
        scored.append((weight + (1.0 if growth and GROWTH_HEAD.search(head) else 0.0), j))
    best = max(scored, default=(0.0, None))
    return best[1] if best[0] > 0 else None


def row_asked(query: Query, terms: dict[str, float], text: str, start: int, columns: str) -> Span | None:
    """The name cell (offsets in `text`) of the row the question asks for in the table whose row starts at
    `start`: the top (bottom) of the column it measures when it asks a superlative and the figures compare; the
    one row that fell when a fall is asked; the one row whose status it says; the row numbered as the place
    asked; else None."""
    heads = columns.split(" | ")
    if len(heads) < 2:
        return None
    rows = _rows(text, start, columns)
    if query.extreme is None:
        if query.nth:
            return _nth_row(query.nth, rows, heads)
        return _declined_row(rows, heads) if query.decline else _row_by_status(query, rows, len(heads))
    column = column_asked(query, terms, heads)
    if column is None:  # no header names what is asked: the table's one column of figures, if it has one
        figures = [
            j for j in range(1, len(heads)) if all(_cell_value(row.cell(j)) is not None for row in rows)
        ]
        column = figures[0] if len(figures) == 1 and rows else None
    if column is None:
        return None
    found: list[tuple[float, Row]] = []
    for row in rows:
        if row.part and found and found[-1][1].name == row.above:
            found.pop()  # the row above sums this one and those after it
        value = _cell_value(row.cell(column))
        if row.name and not AGGREGATE.match(row.label) and value is not None:
            found.append((value, row))
    # 「哪个镇补贴面积最大」: the rows of towns (…镇), not 「其余6个乡和1个街道」 that adds up the rest
    named = [(value, row) for value, row in found if query.head and row.label.endswith(query.head)]
    found = named if len(named) >= 2 else found
    # 「哪种农产品减产最多」: the largest fall is the lowest growth (not in a column of falls: 「降幅（%）」)
    head = heads[column]
    lowest_growth = query.decline and bool(GROWTH_HEAD.search(head)) and not re.search(r"降|减", head)
    most = (query.extreme == "max") != lowest_growth
    return spans.the_extreme([(value, row.name) for value, row in found], most) if len(found) >= 2 else None


def part_label(text: str, start: int, columns: str) -> str | None:
    """The label of the row that starts at `start` when it is one of two or more rows of things in its table, not
    their sum (合计, 全县…): a part's; None otherwise."""
    rows = [row for row in _rows(text, start, columns) if row.name]
    here = next((row for row in rows if row.name and row.name[0] >= start), None)
    return here.label if len(rows) >= 2 and here is not None and not AGGREGATE.match(here.label) else None


def _cell_value(cell: str) -> float | None:
    """The figure a cell holds, in its unit's ones (「802.55万元」: 8025500), or None when it is not one figure."""
    figure = FIGURE_CELL.fullmatch(cell)
    if not figure:
        return None
    return float(Decimal(figure.group(1).replace(",", "")) * SCALE.get(figure.group(2) or "", 1))


@dataclass(frozen=True)
class Row:
    text: str
    cells: list[Span]  # offsets in `text`
    label: str  # what the row is of (its first cell of words, without 其中)
    name: Span | None  # where the label stands in the chunk's text
    part: bool  # the row is a part of the row above (「其中：小麦」)
    above: Span | None  # the name of the row above

    def cell(self, j: int) -> str:
        """The j-th cell's words (「| 粮食」 of a row written 「| 粮食 | 108.36 |」: 粮食)."""
        a, b = self.cells[j]
        return self.text[a:b].strip(" |\t　")


def _rows(text: str, start: int, columns: str) -> list[Row]:
    """The rows under the header of the table whose row starts at `start`, whose cells line up with it."""
    heads, out = columns.split(" | "), []
    above: Span | None = None
    for a, b in rows_of(text, start):
        row = text[a:b]
        cells = spans.cells(row)
        if len(cells) != len(heads) or row.strip() == columns.strip():
            continue
        first = row[cells[0][0] : cells[0][1]].strip(" |\t　")
        part = PART.match(first)
        # a numbering cell (「3 | 新改建农村牧区公路 | …」) names nothing: the first cell of words does
        j = 1 if FIGURE.fullmatch(first) and len(cells) > 2 else 0
        words = row[cells[j][0] : cells[j][1]]
        # 「其中：小麦」: 小麦; 「八、其他用品及服务」: 其他用品及服务
        name = ENUMERATED.sub("", PART.sub("", words.strip(" |\t　")))
        at = a + cells[j][0] + words.index(name) if name else None
        span = (at, at + len(name)) if at is not None else None
        out.append(Row(row, cells, name, span, bool(part), above))
        above = span
    return out


DECLINED = re.compile(r"(?:下降|减少|降低|[-－−])\s*\d")  # 「下降3.3%」, 「-2.1」


def _declined_row(rows: list[Row], heads: list[str]) -> Span | None:
    """The one row whose change fell (「农林水支出 | 52,400 | 下降3.3%」 among rows that grew), in its growth
    columns when the header names some; None when no row or more than one fell."""
    fell = _fell(rows, heads)
    return fell[0] if len(fell) == 1 else None


def declined_rows(text: str, start: int, columns: str) -> list[Span]:
    """The name cells (offsets in `text`) of every row that fell in the table whose row starts at `start`
    (「哪些农产品减产了」 over 「产品名称 | 单位 | 产量 | 比上年增长（%）」: the rows of 「-4.2」), when the header
    names a growth column; [] when none does."""
    heads = columns.split(" | ")
    if not any(j and GROWTH_HEAD.search(head) for j, head in enumerate(heads)):
        return []
    return _fell(_rows(text, start, columns), heads)


def _fell(rows: list[Row], heads: list[str]) -> list[Span]:
    """The names of the rows whose change fell, in the growth columns when the header names some."""
    growth = [j for j, head in enumerate(heads) if j and GROWTH_HEAD.search(head)] or range(1, len(heads))
    return [
        row.name
        for row in rows
        if row.name and not AGGREGATE.match(row.label) and any(DECLINED.match(row.cell(j)) for j in growth)
    ]


STATUS_MAX = 6  # a status cell is a short word (完成, 未完成, 达标, 是, 否)


def _row_by_status(query: Query, rows: list[Row], width: int) -> Span | None:
    """The one row whose status the question says (「哪一项未完成」 meets 「社会消费品零售总额 | … | 未完成」 among
    rows 「… | 完成」): in a column of a few statuses that repeat, the longest the question holds, when one row
    has it."""
    from rag.answer.candidates import canon

    asked = canon(query.text)
    for j in range(1, width):
        said = [canon(row.cell(j)) for row in rows]
        if not 2 <= len(set(said)) < len(said):
            continue  # not a column of statuses: each row's own words (a name, an address)
        held = [s for s in said if s and len(s) <= STATUS_MAX and not re.search(r"\d", s) and s in asked]
        longest = max(held, key=len, default="")
        if longest and said.count(longest) == 1:
            return rows[said.index(longest)].name
    return None


NUMBERED = re.compile(r"序号|编号|排名|名次|位次|排序|no\.?", re.I)


def _nth_row(nth: int, rows: list[Row], heads: list[str]) -> Span | None:
    """The row a numbering column (序号, 排名) gives the place asked, or None."""
    if not NUMBERED.fullmatch(heads[0].strip(" |\t　")):
        return None
    return next((row.name for row in rows if row.cell(0) == str(nth)), None)
