"""The 指标 tab: every figure of the indexed reports in a filterable, sortable table; a row opens its
sentence with the figure highlighted; a bar chart of one indicator across years and cities; CSV export.

A thin adapter: rows come from `rag.api.indicators`, selection and formatting from `rag.indicators.table`.
"""

from __future__ import annotations

import html
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rag.errors import RagError
from rag.indicators.extract import Indicator
from rag.indicators.numbers import from_base
from rag.indicators.table import KIND_NAMES, dedupe, period_text, to_csv, written
from rag.settings import Settings

ALL = "全部"
HEADERS = ["#", "城市", "期间", "类型", "指标", "量", "数值", "单位", "限定", "原文"]
KIND_CHOICES = [ALL, *KIND_NAMES.values()]
MEASURES = {"level": "", "growth": "增长", "change": "变化", "decline": "下降"}
MAX_ROWS = 2000  # shown in the table; the CSV holds every row of the filter


def export_folder() -> Path:
    """Exports go to the system temp folder, which Gradio serves files from."""
    return Path(tempfile.gettempdir()) / "baogao-wenda-exports"


def _rows(settings: Settings) -> tuple[list[Indicator], dict[str, str]]:
    """All rows of the index and the clean text of each document (empty when there is no index yet)."""
    from rag.api import indicators, load_index

    try:
        index = load_index(settings)
    except RagError:
        return [], {}
    return indicators(index=index), {d.doc_id: d.text for d in index.docs.values()}


def choices(rows: Sequence[Indicator]) -> tuple[list[str], list[str], list[str]]:
    """Cities, years and the indicators worth charting (named by at least two rows), for the dropdowns."""
    cities = sorted({r.city for r in rows if r.city})
    years = sorted({str(y) for r in rows for y in (r.period_start, r.period_end) if y})
    return [ALL, *cities], [ALL, *years], chartable(rows)


def chartable(rows: Sequence[Indicator]) -> list[str]:
    """Indicators with one figure in each of two or more (period, kind, city): a chart compares them."""
    keys: dict[str, list[tuple[object, ...]]] = {}
    for r in dedupe(rows):
        if len(r.indicator) >= 2 and r.measure == "level":
            keys.setdefault(r.indicator, []).append((r.period_start, r.period_end, r.kind, r.city))
    names = [n for n, k in keys.items() if len(k) >= 2 and len(set(k)) == len(k)]
    return sorted(names, key=lambda n: -len(keys[n]))


def filtered(
    rows: Sequence[Indicator], city: str | None, year: str | None, kind: str | None, name: str | None
) -> list[Indicator]:
    from rag.indicators.table import select

    kinds = {v: k for k, v in KIND_NAMES.items()}
    return select(
        rows,
        city=city if city and city != ALL else None,
        year=int(year) if year and year != ALL else None,
        name=(name or "").strip() or None,
        kind=kinds.get(kind or ""),
    )


def table(rows: Sequence[Indicator]) -> list[list[Any]]:
    """One line per row; # is the row's position in the filtered list (sorting the table keeps it)."""
    return [
        [
            i,
            r.city or "",
            period_text(r),
            KIND_NAMES[r.kind],
            r.indicator,
            MEASURES.get(r.measure, r.measure),
            float(r.value),
            r.unit,
            r.qualifier,
            written(r),
        ]
        for i, r in enumerate(rows[:MAX_ROWS])
    ]


def sentence_html(row: Indicator | None, texts: dict[str, str]) -> str:
    """The row's sentence with its figure marked, and where it stands in which report."""
    if row is None:
        return '<div class="src">点选表格中的一行，显示它所在的原句。</div>'
    text = texts.get(row.doc_id, "")
    before = html.escape(text[row.start : row.span_start])
    figure = html.escape(text[row.span_start : row.span_end])
    after = html.escape(text[row.span_end : row.end])
    head = html.escape(f"{row.city or ''} · {period_text(row)} · {KIND_NAMES[row.kind]} · {row.indicator}")
    where = html.escape(f"{row.doc_type} {row.doc_year or ''} · {row.section} · 字符 {row.start}–{row.end}")
    return (
        f'<div class="src" id="indicator-sentence"><div class="head">{head}</div>'
        f'<div class="meta">{where}</div>{before}<mark>{figure}</mark>{after}</div>'
    )


def chart_frame(rows: Sequence[Indicator], name: str | None) -> Any:
    """Levels of one indicator (its most frequent unit) by period and city, for a bar chart."""
    import pandas as pd

    picked = dedupe(r for r in rows if name and r.indicator == name and r.measure == "level")
    if not picked:
        return pd.DataFrame({"期间": [], "数值": [], "城市": []})
    common = Counter(r.base_unit for r in picked).most_common(1)[0][0]
    picked = [r for r in picked if r.base_unit == common]
    unit = picked[0].unit
    data = [
        {
            "期间": f"{period_text(r)}{KIND_NAMES[r.kind]}",
            "数值": float(from_base(r.base_value, r.base_unit, unit)[0]),
            "城市": r.city or "",
        }
        for r in sorted(picked, key=lambda r: (r.period_start or 0, r.kind))
    ]
    return pd.DataFrame(data)


def chart_title(rows: Sequence[Indicator], name: str | None) -> str:
    picked = [r for r in rows if name and r.indicator == name and r.measure == "level"]
    if not picked:
        return "选择一个指标"
    return f"{name}（{Counter(r.unit for r in picked).most_common(1)[0][0]}）"


def write_csv(rows: Sequence[Indicator], texts: dict[str, str], folder: Path) -> Path:
    """The filtered rows as CSV, UTF-8 with a BOM so that Excel opens the Chinese text right."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "indicators.csv"
    path.write_text("\ufeff" + to_csv(rows, texts), encoding="utf-8")
    return path


def row_of(value: Any, rows: Sequence[Indicator]) -> Indicator | None:
    """The row a click selected, from the # column of the clicked line."""
    try:
        i = int(float(value))
    except (TypeError, ValueError):
        return None
    return rows[i] if 0 <= i < len(rows) else None


def build_tab(settings: Settings) -> None:
    """The tab's components and events; call inside `gr.Tab("指标")` of the app's Blocks."""
    import gradio as gr

    rows, texts = _rows(settings)
    cities, years, names = choices(rows)
    with gr.Row():
        city = gr.Dropdown(cities, value=ALL, label="城市", elem_id="ind-city")
        year = gr.Dropdown(years, value=ALL, label="年份", elem_id="ind-year")
        kind = gr.Dropdown(KIND_CHOICES, value=ALL, label="类型", elem_id="ind-kind")
        name = gr.Textbox(label="指标（如 地区生产总值、GDP、投资）", elem_id="ind-name")
    count = gr.Markdown(f"共 {len(rows)} 行", elem_id="ind-count")
    grid = gr.Dataframe(table(rows), headers=HEADERS, interactive=False, elem_id="ind-table", max_height=420)
    sentence = gr.HTML(sentence_html(None, texts), elem_id="ind-sentence")
    with gr.Row():
        chosen = gr.Dropdown(
            names, value=names[0] if names else None, label="图表指标", elem_id="ind-chart-name"
        )
        export = gr.DownloadButton(
            "导出 CSV", value=write_csv(rows, texts, export_folder()), elem_id="ind-csv"
        )
    plot = gr.BarPlot(
        chart_frame(rows, names[0] if names else None),
        x="期间",
        y="数值",
        color="城市",
        title=chart_title(rows, names[0] if names else None),
        elem_id="ind-chart",
    )

    def on_filter(c, y, k, n):
        current = filtered(rows, c, y, k, n)
        return table(current), f"共 {len(current)} 行", write_csv(current, texts, export_folder())

    def on_chart(chart_name):  # the chart spans every year and city, whatever the table's filter
        return gr.update(value=chart_frame(rows, chart_name), title=chart_title(rows, chart_name))

    def on_select(c, y, k, n, evt: gr.SelectData):
        current = filtered(rows, c, y, k, n)
        line = getattr(evt, "row_value", None)
        return sentence_html(row_of(line[0] if line else None, current), texts)

    on_select.__annotations__["evt"] = gr.SelectData  # resolved here: gradio is imported in this function
    filters = [city, year, kind, name]
    outputs = [grid, count, export]
    for component in (city, year, kind):
        component.change(on_filter, filters, outputs, api_visibility="private")
    name.submit(on_filter, filters, outputs, api_visibility="private")
    chosen.change(on_chart, [chosen], [plot], api_visibility="private")
    grid.select(on_select, filters, [sentence], api_visibility="private")
