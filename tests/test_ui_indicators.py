"""The 指标 tab's pure parts on the sample reports: filters, table lines, the highlighted sentence,
the chart's data and the CSV file (the browser test drives the tab itself)."""

from __future__ import annotations

import csv

import pytest

from rag.indicators.extract import extract
from ui.indicators import chart_frame, choices, filtered, row_of, sentence_html, table, write_csv


@pytest.fixture(scope="module")
def rows(clean_docs):
    return [r for d in clean_docs.values() for r in extract(d)]


@pytest.fixture(scope="module")
def texts(clean_docs):
    return {d.doc_id: d.text for d in clean_docs.values()}


def test_filters_and_table(rows):
    cities, years, names = choices(rows)
    assert {"常熟", "苏州", "昆山"} <= set(cities) and "2024" in years and "工业投资" in names
    targets = filtered(rows, "常熟", "2024", "目标", "投资")
    lines = table(targets)
    assert [line[-1] for line in lines] == ["630亿元以上", "308亿元"]
    assert lines[0][0] == 0 and lines[0][3] == "目标"


def test_a_row_opens_its_sentence_highlighted(rows, texts):
    targets = filtered(rows, "常熟", "2024", "目标", "全社会固定资产投资")
    shown = sentence_html(row_of(0, targets), texts)
    assert "<mark>630亿元以上</mark>" in shown and "2024年经济社会发展的主要预期目标" in shown
    assert row_of("x", targets) is None and "点选" in sentence_html(None, texts)


def test_chart_data_across_years(rows):
    frame = chart_frame(filtered(rows, "苏州", None, None, None), "工业投资")
    assert list(frame["数值"]) == [1528.0, 1700.0]
    assert list(frame["期间"]) == ["2020实绩", "2021目标"]


def test_csv_opens_in_excel(rows, texts, tmp_path):
    path = write_csv(filtered(rows, "常熟", "2024", "目标", None), texts, tmp_path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM: Excel reads UTF-8
    lines = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert any(line["text"] == "630亿元以上" and line["kind"] == "target" for line in lines)


def test_chartable_indicators_have_one_figure_per_period_and_city(rows):
    from ui.indicators import chartable

    names = chartable(rows)
    assert names[0] == "工业投资"  # 苏州 2020, 2021 and 常熟 2023, 2024
    assert "规上产值" not in names  # five industries' 2024 targets share one period: no chart
