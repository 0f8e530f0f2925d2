"""Causes of qa_blind50/51's misses, on invented text: 「规划里」 points into a document and names no kind, a count
after a list's items ends it (「A、B、C三大主导产业」), a score may be written with a thousands comma, a size is one
figure (「2米×1.5米」), a date asked in a month is the day of that month, a day the question names picks the row,
a town's own notice answers for the town, a PDF's line broken before its figure is kept, a count of people that
names no one counts the people asked, a mother's age is a woman's, and a winter camp is not a summer one."""

from types import SimpleNamespace

from rag.answer import answer, spans
from rag.answer.candidates import (
    Candidate,
    _counts_the_noun,
    _row_of_another_kind,
    canon,
    content_terms,
    rescore,
)
from rag.answer.subjects import counterpart_named
from rag.api import _docs_about
from rag.cleaning.pipeline import clean_bytes
from rag.query import parse_query
from rag.types import DocMeta
from tests.test_answering import chosen, hits

PLAN = DocMeta(
    "某县国民经济和社会发展第十五个五年规划和二〇三五年远景目标纲要",
    "某县",
    2026,
    "规划纲要",
    None,
    None,
    "p.md",
)
REPORT = DocMeta("某市2026年政府工作报告", "某市", 2026, "政府工作报告", "2026-01-14", None, "r.txt")


def test_in_the_plan_is_where_to_look_not_a_kind_of_what_is_asked():
    columns = "类别 | 指标 | 2025年 | 2030年 | 年均增长 | 属性"
    row = "民生福祉 | 农村居民人均可支配收入（元） | 21850 | 30600 | 7% | 预期性"
    asked = canon("华宁规划里农村居民人均可支配收入2030年的目标是多少")
    assert not _row_of_another_kind(asked, row, columns)
    assert _row_of_another_kind(canon("某县玉米产量是多少"), "肉类总产量 | 吨 | 6180", "指标 | 单位 | 数量")
    table = "\n".join(
        [
            columns,
            "民生福祉 | 城镇居民人均可支配收入（元） | 48260 | 63500 | 5.6% | 预期性",
            row,
        ]
    )
    a = answer(
        parse_query("某县规划里农村居民人均可支配收入2030年的目标是多少"),
        hits(("主要指标", table), meta=PLAN),
    )
    assert chosen(a) == "30600" and not a.refused


def test_a_count_after_the_items_ends_the_list():
    clause = "化工新材料、建材、食品饮料三大主导产业产值分别增长9.6%、3.2%、7.8%。"
    assert [clause[a:b] for a, b in spans.lists(clause)] == ["化工新材料、建材、食品饮料"]
    # inside the run, a count of another number of items than those before it is no end (「三大」 after two)
    other = "甲、乙三大片区、丙、丁"
    assert [other[a:b] for a, b in spans.lists(other)] == ["甲、乙三大片区、丙、丁"]
    # 「设」 before the items sets them up, it is none of them
    clause = "设30公里走马、20公里快马、8公里儿童赛马三项，"
    assert [clause[a:b] for a, b in spans.lists(clause)] == ["30公里走马、20公里快马、8公里儿童赛马"]
    assert [c[a:b] for c in ["设备维修、道路养护等"] for a, b in spans.lists(c)] == ["设备维修、道路养护等"]
    text = "新增规模以上工业企业27家。化工新材料、建材、食品饮料三大主导产业产值分别增长9.6%、3.2%、7.8%。"
    a = answer(parse_query("某市的三大主导产业是哪几个？"), hits(("一、工业经济", text), meta=REPORT))
    assert chosen(a) == "化工新材料、建材、食品饮料" and not a.refused  # the growth beside them measures none


def test_a_score_may_be_written_with_a_thousands_comma():
    clause = "每日最多可赚取积分上限由现时的1,000分调整为1,500分。"
    assert [clause[a:b] for a, b, _ in spans.scores(clause)] == ["1,000分", "1,500分"]


def test_a_size_is_one_figure():
    assert [
        ("摊位规格不超过2米×1.5米。")[a:b] for a, b, _ in spans.quantities("摊位规格不超过2米×1.5米。")
    ] == ["2米×1.5米"]
    assert [t[a:b] for t in ["长3米，宽2米"] for a, b, _ in spans.quantities(t)] == ["3米", "2米"]
    units = parse_query("在某县摆摊，一个摊位最大能占多大地方？").units
    assert "米" in units and "年" not in units and "个" not in units


def test_a_date_asked_in_a_month_is_that_months_day():
    query = parse_query("某镇7月份哪天统一喷药灭蚊？")
    assert (query.kind, query.month) == ("date", 7)
    assert (
        parse_query("2024年7月GDP多少").month == 7
    )  # the month a figure is asked of (a cue, `fit.context_cues`)
    assert parse_query("某镇2026年7月份哪天统一喷药？").month == 7
    table = "镇别 | 统一喷洒日期 | 作业时间\n甲镇 | 6月5日、7月3日、8月7日 | 18:00-20:00\n某镇 | 6月9日、7月7日、8月11日 | 18:00-20:00"
    a = answer(query, hits(("统一开展成蚊喷洒", table)))
    assert chosen(a) == "7月7日"


def test_a_day_the_question_names_picks_the_row():
    query = parse_query("某县4月16日是哪几个镇集中评估？")
    assert query.days_named == ("4月16日",)
    assert content_terms(query)["4月16日"] == 4.0
    items = [
        "3．甲龙湖镇、乙林寨乡：4月14日，甲龙湖镇卫生院；",
        "4．丙树镇、丁龙镇、戊塘镇：4月16日，丙树镇综合文化站；",
    ]
    a = answer(query, hits(*(("集中评估安排", item) for item in items)))
    assert chosen(a) == "丙树镇、丁龙镇、戊塘镇"


def test_a_towns_own_notice_answers_for_the_town():
    def doc(text: str, city: str | None = None) -> SimpleNamespace:
        return SimpleNamespace(doc_id=text[:4], text=text, meta=SimpleNamespace(city=city, title=""))

    own = doc("某东镇立图书馆\n115年寒假儿童阅读营报名简章\n一、活动宗旨\n每梯次录取30名。")
    other = doc("某县教育局\n关于寒假阅读活动的通知\n每班录取40名。")
    index = SimpleNamespace(docs={d.doc_id: d for d in (own, other)})
    found = [SimpleNamespace(chunk=SimpleNamespace(doc_id=d.doc_id)) for d in (own, other)]
    query = parse_query("某东镇寒假阅读营每一梯收几个小朋友？")
    assert _docs_about(query, index, ("某东镇",), found) == frozenset({own.doc_id})


def test_a_line_broken_before_its_figure_is_kept():
    raw = (
        "某县2025年预算执行情况和2026年预算草案的报告\n\n一、2025年预算执行情况\n\n（一）一般公共预算执行情况\n\n"
        "全县一般公共预算收入完成\n6.82亿元，为预算的101.3%，比上年增长3.6%。\n\n扫码关注\n\n"
        "全县一般公共预算支出31.46亿元，为调整预算的96.8%。\n"
    )
    text = clean_bytes(raw.encode(), "yusuan.txt").text
    assert "全县一般公共预算收入完成6.82亿元，为预算的101.3%" in text
    assert "扫码关注" not in text  # a stray line before a sentence of its own still goes


def test_a_count_of_people_that_names_no_one_counts_the_people_asked():
    query = parse_query("某镇寒假阅读营每一梯收几个小朋友？")
    assert query.counted == "小朋友" and "名" in query.units
    assert _counts_the_noun(query, "每梯次录取30名，", (5, 8))
    assert not _counts_the_noun(query, "聘请专家15名教授", (6, 9))  # 名 before another noun
    assert not _counts_the_noun(query, "现有职工5600余人，", (4, 10))  # whom it counts is named before it


def test_a_mothers_age_is_a_womans_and_a_winter_camp_is_not_a_summer_one():
    assert counterpart_named(canon("在某县投靠子女落户，母亲要满多少岁？"), canon("男性年满60周岁"))
    assert not counterpart_named(canon("在某县投靠子女落户，母亲要满多少岁？"), canon("女性年满55周岁"))
    assert counterpart_named(canon("某镇图书馆暑假阅读营什么时候报名？"), canon("寒假儿童阅读营报名简章"))
    assert counterpart_named(canon("某县电动汽车换电服务费是多少？"), canon("充电服务费快充0.60元"))


def test_a_where_asked_of_a_table_is_under_its_place_not_the_date_its_words_name():
    table = (
        "乡镇 | 集中认证日期 | 地点\n甲镇 | 5月12日 | 县政务服务中心一楼\n东光镇 | 5月28日 | 东光镇政府会议室"
    )
    # a notice's table (not a report's section of plans: 「集中认证安排」 plans nothing)
    notice = DocMeta(
        "某县关于开展2026年养老待遇资格集中认证的通知", "某县", 2026, "其他", "2026-04-20", None, "n.txt"
    )
    a = answer(parse_query("某县东光镇集中认证在什么地方？"), hits(("集中认证安排", table), meta=notice))
    assert chosen(a) == "东光镇政府会议室"
    a = answer(parse_query("某县东光镇集中认证是哪天？"), hits(("集中认证安排", table), meta=notice))
    assert chosen(a) == "5月28日"


def test_a_weekday_asked_as_which_day_of_the_week():
    assert parse_query("某县全民清积水日是每周哪一天？").date_unit == "周"
    a = answer(
        parse_query("某县全民清积水日是每周哪一天？"), hits(("一、行动安排", "每周五为“全民清积水日”，"))
    )
    assert chosen(a) in {"周五", "每周五"}


def test_a_phone_asked_is_not_answered_by_words_without_a_number():
    text = "（三）南杂木派出所户籍窗口：南杂木镇站前街22号，电话024-55123456。其余乡镇（木奇镇、上夹河镇等）请到当地派出所办理。"
    a = answer(
        parse_query("某县木奇镇派出所户籍窗口的电话是多少？"),
        hits(("三、办理地点", text.split("。")[1] + "。")),
    )
    assert a.refused and chosen(a) is None


def test_candidates_that_rank_alike_keep_the_order_of_the_text(monkeypatch):
    # a sum's last digits vary with the order of its terms (a set's, from run to run): they decide nothing
    import rag.answer.scoring

    monkeypatch.setattr(rag.answer.scoring, "ranking_score", lambda factors: factors["sum"])
    text = "答：《办法》自2025年7月1日起施行，有效期5年。2021年印发的原《办法》同时废止。"
    (hit,) = hits(("二、《办法》什么时候开始施行？", text))
    first, second = (
        Candidate(
            1.0, hit, (0, 10), (0, 10), (5, 14), {"prior": 1.0, "bigrams": 0.1, "sum": 0.2269205924005104}
        ),
        Candidate(
            1.0, hit, (25, 40), (25, 40), (25, 30), {"prior": 1.0, "bigrams": 0.1, "sum": 0.2269205924005106}
        ),
    )
    ranked = rescore(parse_query("某市公积金贷款新办法什么时候开始实施？"), [first, second])
    assert ranked == [first, second]


def test_figures_asked_at_once_are_all_quoted():
    assert parse_query("某县三次产业增加值各是多少？").respective
    assert not parse_query("某县第一产业增加值是多少？").respective
    text = (
        "全年地区生产总值486.52亿元，增长5.9%。其中，第一产业增加值68.37亿元，增长3.6%；第二产业增加值179.84亿元，"
        "增长6.7%；第三产业增加值238.31亿元，增长5.8%。"
    )
    meta = DocMeta(
        "某县2025年国民经济和社会发展统计公报", "某县", 2025, "统计公报", "2026-03-28", None, "b.txt"
    )
    a = answer(parse_query("某县三次产业增加值各是多少？"), hits(("一、综合", text), meta=meta))
    assert all(figure in a.text for figure in ("68.37亿元", "179.84亿元", "238.31亿元"))
