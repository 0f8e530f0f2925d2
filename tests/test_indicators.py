"""Indicators: the number normaliser, extraction from the sample reports, comparisons computed in code."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest

from rag.indicators.answer import answer_comparison
from rag.indicators.extract import extract
from rag.indicators.numbers import bound, fmt, parse_number, parse_quantity, split_unit, to_base
from rag.indicators.periods import plan_span
from rag.indicators.questions import find_comparison
from rag.indicators.table import select, to_csv


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("308", "308"),
        ("237.4", "237.4"),
        ("三十", "30"),
        ("十五", "15"),
        ("两", "2"),
        ("一百零八", "108"),
        ("一百二十", "120"),
        ("二〇二四", "2024"),
        ("3.48万亿", "3480000000000"),
        ("1.2万", "12000"),
        ("三十万", "300000"),
        ("四十万八千六百", "408600"),  # the groups under 万 and 亿 inside one numeral
        ("一千一百二十六万", "11260000"),
        ("一亿二千万", "120000000"),
        ("一万零五百", "10500"),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize(
    ("text", "low", "high", "unit", "qualifier"),
    [
        ("5%以上", "5", None, "%", "以上"),
        ("5.5%以上", "5.5", None, "%", "以上"),
        ("3%—5%", "3", "5", "%", ""),
        ("3—5%", "3", "5", "%", ""),
        ("1~2个", "1", "2", "个", ""),
        ("超280亿元", "28000000000", None, "元", "超"),
        ("630亿元以上", "63000000000", None, "元", "以上"),
        ("2.3万人", "23000", None, "人", ""),
        ("三十万人", "300000", None, "人", ""),
        ("1.1个百分点", "1.1", None, "个百分点", ""),
        ("7%左右", "7", None, "%", "左右"),
        ("超2万亿", "2000000000000", None, "", "超"),
        ("10,000澳门元", "10000", None, "澳门元", ""),  # grouped digits, a currency of its own
    ],
)
def test_parse_quantity(text, low, high, unit, qualifier):
    got = parse_quantity(text)
    assert got is not None
    assert got[0] == Decimal(low)
    assert got[1] == (Decimal(high) if high else None)
    assert got[2:] == (unit, qualifier)


def test_units_to_base():
    assert to_base(Decimal("308"), "亿元") == (Decimal("30800000000"), "元")
    assert to_base(Decimal("1.1"), "个百分点") == (Decimal("1.1"), "百分点")
    assert to_base(Decimal("2.3"), "万人次") == (Decimal("23000"), "人次")
    assert to_base(Decimal("3.48"), "万亿元") == (Decimal("3480000000000"), "元")
    assert split_unit("千瓦") == (Decimal(1), "千瓦")  # a unit of its own, not 1000 瓦
    assert fmt(Decimal("5.50")) == "5.5" and fmt(Decimal("630")) == "630"


def test_qualifier_bounds():
    assert bound("以上") == ">=" and bound("超") == ">" and bound("左右") == "~" and bound("") == "="
    assert bound("力争突破") == ">" and bound("以内") == "<="


def test_plan_periods():
    assert plan_span("十四五") == (2021, 2025)
    assert plan_span("第十五个五年规划的建议") == (2026, 2030)


@pytest.fixture(scope="module")
def rows(clean_docs):
    return [r for d in clean_docs.values() for r in extract(d)]


def _row(rows, city, text, **kw):
    hits = [
        r
        for r in rows
        if r.city == city and r.text == text and all(getattr(r, k) == v for k, v in kw.items())
    ]
    assert hits, f"no row {city} {text} {kw}"
    return hits[0]


def test_changshu_2024_targets_and_2023_figures(rows):
    cs = select(rows, city="常熟", year=2024, kind="target")
    want = {
        ("地区生产总值", "growth", "5", "%", "以上"),
        ("规上工业总产值", "growth", "5.5", "%", "以上"),
        ("全社会固定资产投资", "level", "630", "亿元", "以上"),
        ("社会消费品零售总额", "growth", "6", "%", "以上"),
        ("工业投资", "level", "308", "亿元", ""),
    }
    got = {(r.indicator, r.measure, fmt(r.value), r.unit, r.qualifier) for r in cs}
    assert want <= got
    assert all((r.period_start, r.period_end) == (2024, 2024) for r in cs if r.indicator == "工业投资")
    fai = _row(rows, "常熟", "625亿元")
    assert (fai.kind, fai.period_start, fai.indicator) == ("estimate", 2023, "全社会固定资产投资")
    invest = _row(rows, "常熟", "280亿元")
    assert (invest.kind, invest.period_end, invest.qualifier, invest.indicator) == (
        "result",
        2023,
        "超",
        "工业投资",
    )


def test_periods_of_suzhou_2021_and_the_15th_plan(rows):
    five = _row(rows, "苏州", "6.1%")  # 「五年来…地区生产总值年均增长6.1%」
    assert (five.period_start, five.period_end, five.kind, five.measure) == (2016, 2020, "result", "growth")
    base = _row(rows, "苏州", "2.61%")  # 「由2.61%提高到3.7%」: the year before the plan period
    assert (base.period_start, base.kind) == (2015, "result")
    year = _row(rows, "苏州", "1528亿元")
    assert (year.period_start, year.kind, year.indicator) == (2020, "result", "工业投资")
    target = _row(rows, "苏州", "3.75%左右")
    assert (target.period_start, target.kind, target.qualifier) == (2021, "target", "左右")
    review = _row(rows, "苏州", "4.2%以上", doc_type="五年规划建议")  # 「“十四五”时期…取得重大成就」
    assert (review.period_start, review.period_end, review.kind) == (2021, 2025, "result")


def test_offsets_point_at_the_sentence(rows, clean_docs):
    texts = {d.doc_id: d.text for d in clean_docs.values()}
    for r in rows:
        assert texts[r.doc_id][r.span_start : r.span_end] == r.text
        assert r.start <= r.span_start < r.span_end <= r.end
    csv_text = to_csv(rows[:3], texts)
    assert csv_text.splitlines()[0].startswith("city,period,kind,indicator")


def _ask(rows, clean_docs, question):
    comparison = find_comparison(question)
    assert comparison is not None, question
    index = SimpleNamespace(docs={d.doc_id: d for d in clean_docs.values()}, chunks=[])
    return answer_comparison(question, comparison, rows, index)


def test_difference_carries_the_qualifier_and_cites_both(rows, clean_docs):
    answer = _ask(rows, clean_docs, "常熟2024年全社会固定资产投资目标比2023年多多少")
    assert not answer.refused and answer.short == "5亿元"
    assert "630亿元以上[1] − 625亿元[2]" in answer.text and "下限" in answer.text
    assert "630亿元以上" in answer.citations[0].quote and "625亿元" in answer.citations[1].quote


def test_which_is_higher_across_cities(rows, clean_docs):
    answer = _ask(rows, clean_docs, "苏州2021年地区生产总值目标增速和常熟2024年比哪个高")
    assert not answer.refused and answer.text.startswith("苏州2021年目标更高")
    assert "苏州2021年目标6%以上[1] > 常熟2024年目标5%以上[2]" in answer.text and "1个百分点" in answer.text
    assert len(answer.citations) == 2


def test_series_is_a_table(rows, clean_docs):
    answer = _ask(rows, clean_docs, "苏州有哪些年份的地区生产总值数据")
    assert not answer.refused
    assert "2016–2020｜实绩｜增长6.1%" in answer.text and "2021｜目标｜增长6%以上" in answer.text


def test_missing_side_is_named_and_refused(rows, clean_docs):
    answer = _ask(rows, clean_docs, "苏州2021年一般公共预算收入是常熟2023年的几倍")
    assert answer.refused and "没有找到苏州2021年一般公共预算收入" in answer.text
    assert "237.4亿元[1]" in answer.text  # the side that was found, cited


def test_unit_mismatch_is_refused(rows, clean_docs):
    answer = _ask(rows, clean_docs, "常熟2024年地区生产总值目标增速比2023年地区生产总值多多少")
    assert answer.refused or "个百分点" in answer.text  # never 亿元 minus %


@pytest.mark.parametrize(
    "question",
    [
        "常熟2024年工业投资目标是多少",
        "常熟2023年综合实力在全国百强县中排名第几？",
        "苏州要在哪一年高水平基本实现农业农村现代化",
    ],
)
def test_one_figure_questions_are_no_comparisons(question):
    assert find_comparison(question) is None


def test_precision_on_the_hand_checked_sample():
    from eval.indicator_precision import measure

    right, judged, _fixed, lost = measure()
    assert judged >= 100 and right / judged >= 0.95 and lost == 0


def test_comparison_question_set_is_answered(rows, clean_docs):
    """eval/qa_compare.jsonl scored as `rag eval` scores it, on the rows of the sample reports (no model:
    comparisons are answered from the rows before any retrieval)."""
    import json
    from pathlib import Path

    from eval.run import run_eval
    from rag.query import parse_query

    qa = Path(__file__).resolve().parent.parent / "eval" / "qa_compare.jsonl"
    questions = [json.loads(line) for line in qa.read_text(encoding="utf-8").splitlines() if line.strip()]
    index = SimpleNamespace(docs={d.doc_id: d for d in clean_docs.values()}, chunks=[])

    def ask(question):
        query = parse_query(question)
        assert query.comparison is not None, question
        return answer_comparison(question, query.comparison, rows, index)

    result = run_eval(questions, ask)
    assert len(questions) >= 30 and result.metrics["accuracy"] >= 0.9


def test_rows_are_stored_in_the_build_and_served_by_cli_and_api(tmp_path, capsys, monkeypatch):
    """`rag ingest` writes indicators.sqlite into the build (named in the manifest); `rag indicators
    --csv` and `rag.indicators(...)` read it; a comparison question is answered from it with citations."""
    import csv
    import json

    import rag
    from rag.cli import main
    from rag.settings import FAKE_MODEL, Settings
    from tests.conftest import DATA

    settings = Settings.from_env({}, home=tmp_path / "home", embed_model=FAKE_MODEL)
    rag.build_index([DATA], settings=settings)
    manifest = json.loads((settings.index_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["indicators"]["rows"] > 400 and (settings.index_dir / "indicators.sqlite").exists()

    rows = rag.indicators(city="常熟", year=2024, kind="target", settings=settings)
    assert {"630亿元以上", "308亿元", "5.5%以上"} <= {r.text for r in rows}

    monkeypatch.setenv("RAG_EMBED_MODEL", FAKE_MODEL)
    code = main(["--home", str(settings.home), "indicators", "--city", "常熟", "--year", "2024", "--csv"])
    lines = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert code == 0
    assert any(x["text"] == "630亿元以上" and x["kind"] == "target" and x["period"] == "2024" for x in lines)
    assert any(x["text"] == "625亿元" and x["kind"] == "estimate" and x["period"] == "2023" for x in lines)

    answer = rag.ask("常熟2024年全社会固定资产投资目标比2023年多多少", settings=settings)
    assert answer.short == "5亿元" and len(answer.citations) == 2 and answer.hits
    assert all(c.chunk_id for c in answer.citations)
