"""What a report's year means by its kind (rag.reportkinds), and retrieval and fit reading it.

The reports here are invented, in the style of each kind; no sentence is a sample report's."""

from __future__ import annotations

import pytest

import rag
from embeddings.fake import HashingEmbedder
from rag.answer.fit import fit
from rag.cleaning.metadata import find_year
from rag.ingest import ingest
from rag.query import parse_query
from rag.reportkinds import kind_of, report_years, years_held
from rag.retrieval import metadata_boost, report_holds
from rag.settings import Settings
from rag.types import Chunk, DocMeta, Hit


@pytest.mark.parametrize(
    ("title", "label"),
    [
        ("2024年溧阳市人民政府工作报告", "政府工作报告"),
        ("2024年溧陽市人民政府工作報告", "政府工作报告"),
        ("溧阳市2023年国民经济和社会发展统计公报", "统计公报"),
        ("二〇二三年溧阳市国民经济和社会发展统计公报", "统计公报"),
        ("溧陽市2023年國民經濟和社會發展統計公報", "统计公报"),
        ("关于溧阳市2023年预算执行情况与2024年预算草案的报告", "预算报告"),
        ("溧阳市2022年财政决算报告", "预算报告"),
        ("中共溧阳市委关于制定溧阳市国民经济和社会发展第十五个五年规划的建议", "五年规划建议"),
        ("溧阳市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", "规划纲要"),
        ("溧阳市关于加快数字经济发展的实施意见", "其他"),
        ("溧阳市农业农村局2025年工作总结及2026年工作计划", "工作总结"),
        ("溧阳市2024年度城市体检报告（摘要）", "年度报告"),
        ("关于2024年度县级林长制工作考核结果的通报", "年度报告"),
        ("某某股份有限公司2024年年度报告", "年度报告"),
        ("2031年度溧阳市居民医保集中缴费开始啦！", "其他"),  # a contribution year, no year's report
    ],
)
def test_a_title_names_its_kind(title, label):
    assert kind_of(title).label == label


@pytest.mark.parametrize(
    ("title", "date", "year"),
    [
        ("2024年溧阳市人民政府工作报告", None, 2024),
        ("2021溧阳市人民政府工作报告", None, 2021),
        ("二〇二三年溧阳市国民经济和社会发展统计公报", None, 2023),
        ("溧阳市2023年国民经济和社会发展统计公报", "2024-03-15", 2023),
        ("溧阳市国民经济和社会发展统计公报", "2024-03-15", 2023),  # published the year after its data
        ("关于溧阳市2023年预算执行情况与2024年预算草案的报告", "2024-01-10", 2024),  # the budget's year
        ("政府工作报告", "2021-01-19", 2021),
    ],
)
def test_the_report_year_read_from_title_and_date(title, date, year):
    assert find_year(title, date) == year


@pytest.mark.parametrize(
    ("kind", "year", "period", "targets", "results"),
    [
        ("政府工作报告", 2024, None, {2024}, {2023}),
        ("统计公报", 2023, None, set(), {2023}),
        ("预算报告", 2024, None, {2024}, {2023}),
        ("五年规划建议", 2025, None, set(range(2026, 2031)), set(range(2021, 2026))),
        ("规划纲要", 2021, None, set(range(2021, 2026)), set(range(2016, 2021))),
        ("规划纲要", None, (2021, 2025), set(range(2021, 2026)), set(range(2016, 2021))),
        ("工作总结", 2025, None, {2026}, {2025}),
        ("年度报告", 2024, None, {2025}, {2024}),
        ("其他", 2024, None, {2024}, {2023}),
        ("a label an older index wrote", 2024, None, {2024}, {2023}),
        ("统计公报", None, None, set(), set()),
    ],
)
def test_years_a_report_holds_by_kind(kind, year, period, targets, results):
    assert years_held(kind, year, period) == {"target": targets, "result": results}


def test_a_plans_period_comes_from_its_title():
    meta = _meta("中共溧阳市委关于制定溧阳市国民经济和社会发展第十五个五年规划的建议", "五年规划建议", None)
    assert report_years(meta)["target"] == set(range(2026, 2031))


def _meta(title: str, kind: str, year: int | None) -> DocMeta:
    return DocMeta(title, "溧阳", year, kind, None, None, f"{kind}{year}.txt")


def _hit(kind: str, year: int, text: str = "全年实现地区生产总值1234.5亿元，比上年增长6.1%。") -> Hit:
    meta = _meta(f"溧阳市{year}年{kind}", kind, year)
    return Hit(Chunk(f"{kind}{year}", f"{kind}{year}", text, 0, len(text), "", meta), 1.0, 1)


@pytest.mark.parametrize(
    ("kind", "year", "date", "question", "section", "cue"),
    [  # 去年/今年/明年 count from the year the report came out, then read like a year named
        (
            "工作总结",
            2025,
            "2026-01-09",
            "溧阳去年新建了多少亩农田",
            "一、2025年工作开展情况",
            "ctx:year named",
        ),
        (
            "工作总结",
            2025,
            "2026-01-09",
            "溧阳去年新建了多少亩农田",
            "三、2026年工作计划",
            "ctx:another year named",
        ),
        (
            "工作总结",
            2025,
            None,
            "溧阳去年新建了多少亩农田",
            "一、工作开展情况",
            "ctx:year held",
        ),  # out in 2026
        (
            "政府工作报告",
            2024,
            "2024-01-08",
            "溧阳今年的增长目标是多少",
            "二、今年的主要目标",
            "ctx:year held",
        ),
        ("政府工作报告", 2024, "2024-01-08", "溧阳去年增长了多少", "二、今年的主要目标", "ctx:year not held"),
        ("统计公报", 2023, None, "溧阳去年地区生产总值多少", "一、综合", "ctx:year held"),
    ],
)
def test_a_relative_year_counts_from_the_reports_publication(kind, year, date, question, section, cue):
    from rag.answer.fit import context_cues

    meta = DocMeta(f"溧阳市{year}年{kind}", "溧阳", year, kind, date, None, "a.txt")
    text = "新建农田4.6万亩。"
    hit = Hit(Chunk("a", "a", text, 0, len(text), section, meta), 1.0, 1)
    assert cue in context_cues(parse_query(question), hit, text)


RESULT_2023 = "2023年溧阳地区生产总值实现了多少"
BUDGET_2024 = "2024年溧阳一般公共预算收入目标是多少"


@pytest.mark.parametrize(
    ("question", "best", "others"),
    [
        (RESULT_2023, ("统计公报", 2023), [("政府工作报告", 2023), ("统计公报", 2022), ("预算报告", 2023)]),
        (BUDGET_2024, ("预算报告", 2024), [("预算报告", 2023), ("预算报告", 2025), ("统计公报", 2024)]),
    ],
)
def test_retrieval_and_fit_prefer_the_report_that_holds_the_year(question, best, others):
    query = parse_query(question)
    top = _hit(*best)
    assert report_holds(query, top.chunk.meta) is True
    sentence = top.chunk.text
    for kind, year in others:
        other = _hit(kind, year)
        assert report_holds(query, other.chunk.meta) is False
        assert metadata_boost(top.chunk, query) > metadata_boost(other.chunk, query)
        assert fit(query, top, sentence) > fit(query, other, sentence)


def test_a_question_without_a_year_leaves_every_kind_alone():
    query = parse_query("溧阳地区生产总值是多少")
    boosts = {
        metadata_boost(_hit(kind, 2023).chunk, query) for kind in ("统计公报", "预算报告", "政府工作报告")
    }
    assert report_holds(query, _hit("统计公报", 2023).chunk.meta) is None and len(boosts) == 1


BULLETINS = {  # two years of one place's statistical bulletin, different enough not to be duplicates
    2022: """溧阳市2022年国民经济和社会发展统计公报
溧阳市统计局
2023年3月20日

一、综合
初步核算，全年实现地区生产总值1180.2亿元，按可比价格计算，比上年增长4.8%。
全年居民消费价格比上年上涨1.9%，其中食品价格上涨2.6%。
二、农业
全年粮食播种面积52.1万亩，粮食总产量38.7万吨，生猪出栏31.6万头。
三、交通和邮电
年末公路总里程2310公里，全年快递业务量1.42亿件，比上年增长12.3%。
""",
    2023: """溧阳市2023年国民经济和社会发展统计公报
溧阳市统计局
2024年3月15日

一、综合
初步核算，全年实现地区生产总值1234.5亿元，按可比价格计算，比上年增长6.1%。
年末全市常住人口80.12万人，城镇化率达到68.4%。
二、工业和建筑业
全年规模以上工业增加值比上年增长7.2%，年末全市共有规模以上工业企业1520家。
三、旅游
全年接待游客2650万人次，实现旅游总收入318亿元，新增国家级旅游度假区一个。
""",
}


def test_a_bulletin_answers_for_its_own_year_end_to_end(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for year, text in BULLETINS.items():
        (folder / f"bulletin{year}.txt").write_text(text, encoding="utf-8")
    settings = Settings.from_env({}, home=tmp_path / "home")
    embedder = HashingEmbedder()
    ingest([folder], settings, embedder=embedder, progress=False)
    index = rag.load_index(settings, embedder=embedder)
    assert {(d.meta.year, d.meta.doc_type) for d in index.docs.values()} == {
        (2022, "统计公报"),
        (2023, "统计公报"),
    }
    for year, gdp in ((2022, "1180.2"), (2023, "1234.5")):
        answer = rag.ask(f"溧阳{year}年地区生产总值实现了多少", index=index, settings=settings)
        assert not answer.refused and gdp in (answer.short or "")
        assert answer.citations[0].year == year


def test_a_bulletins_figures_are_results_of_its_year_in_the_indicator_table():
    from rag.cleaning import clean_bytes
    from rag.indicators.extract import extract

    doc = clean_bytes(BULLETINS[2022].encode("utf-8"), "bulletin2022.txt")
    rows = [row for row in extract(doc) if row.text == "1180.2亿元"]
    assert rows and all((r.period_start, r.period_end, r.kind) == (2022, 2022, "result") for r in rows)
