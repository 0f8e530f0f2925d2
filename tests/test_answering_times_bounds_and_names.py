"""Causes of qa_blind62/63's misses, on invented text: an hour in Chinese numerals (「九时二十三分」) is a clock time
and a market's days (「逢三、八」) are days, the new ones after a change; seed handed out free (「每亩免费发多少」) is
no money, and cash carried is; a figure of the other bound (「至少提前3天」 for 最多), a child's ticket for an adult's
and a project's total for one phase's are another's; a clause that opens with its year (「到2030年X达到…」) names its own
subject; crops by their everyday names (土豆 is 马铃薯); exports are money or weight; a notice's start is when it 施行;
a place's name at the head of a thing's name (「黄龙玉」) is no place asked; a question that says neither planned nor
done is weighed by its section, as fitted."""

from types import SimpleNamespace

from rag.answer import answer, spans
from rag.answer.candidates import candidates
from rag.answer.subjects import counterpart_named, part_named
from rag.query import parse_query
from rag.types import DocMeta
from tests.test_answering import chosen, hits

NOTICE = DocMeta("关于调整部分乡镇农村集市集日的通告", "某县", 2026, "通告", "2026-04-10", None, "n.txt")
DRILL = DocMeta("关于2026年防空警报试鸣的通告", "某市", 2026, "通告", "2026-09-10", None, "d.txt")


def _dates(text):
    return [text[a:b] for a, b in spans.dates(text)]


def test_an_hour_in_chinese_numerals_is_a_clock_time():
    assert _dates("·九时二十三分，空袭警报：鸣6秒，停6秒") == ["九时二十三分"]
    assert _dates("二十时整关闭，十九时三十分开始") == ["二十时整", "十九时三十分"]
    assert _dates("第十时三分") == []  # no clock after 第
    assert _dates("十二时前报告") == []  # an hour alone stays unread
    assert _dates("于当日十二时前报告") == ["十二时"]  # after a day it is the day's hour
    a = answer(
        parse_query("试鸣时空袭警报几点拉响？"),
        hits(
            ("三、警报信号及试鸣顺序", "·九时十八分，预先警报：鸣36秒，停24秒，反复3遍；"),
            ("三、警报信号及试鸣顺序", "·九时二十三分，空袭警报：鸣6秒，停6秒，反复15遍；"),
            meta=DRILL,
        ),
    )
    assert chosen(a) == "九时二十三分"


def test_a_markets_days_are_days_and_the_new_ones_answer_after_a_change():
    text = "——东坡乡集市：由逢二、七调整为逢三、八。集市地点不变。"
    assert _dates(text) == ["逢二、七", "逢三、八"]
    assert spans.date_parts("逢三、八") == {"日"}
    pieces = (("一、调整后的集日", text), ("二、集市时间", "集市时间为上午七时至下午一时。"))
    after = answer(parse_query("东坡乡以后哪几天赶集？"), hits(*pieces, meta=NOTICE))
    before = answer(parse_query("东坡乡原来哪几天赶集？"), hits(*pieces, meta=NOTICE))
    assert chosen(after) == "逢三、八" and chosen(before) == "逢二、七"


def test_goods_handed_out_free_are_no_money_and_cash_carried_is():
    assert parse_query("今年青稞良种每亩免费发多少？").units == ()
    assert parse_query("每月能领多少？").units == ("元",)
    assert parse_query("带多少现金入境要申报？").units == ("元",)
    a = answer(
        parse_query("今年青稞良种每亩免费发多少？"),
        hits(
            ("一、发放标准", "（二）发放标准：按每亩15公斤免费发放，每户以核定的种植面积为准；"),
            ("二、其他", "全县共落实青稞种植面积4.2万亩。"),
        ),
    )
    assert chosen(a) == "15公斤"


def test_a_figure_of_the_other_bound_does_not_answer():
    pieces = (
        ("四、申请流程", "1．预约：请至少提前3天通过“青年驿站”栏目预约，或拨打咨询电话预约；"),
        ("二、服务内容", "1．免费住宿：每人每年可申请免费入住1次，每次最长不超过7天；"),
    )
    found = {
        c.short(): c.factors for c in candidates(parse_query("青年驿站免费最多能住几天？"), hits(*pieces))
    }
    assert found["3天"].get("span:counterpart named") == 1.0  # 至少: the lower bound of another span
    assert "span:counterpart named" not in found["不超过7天"]


def test_an_adults_ticket_is_not_a_childs():
    assert counterpart_named("成人滑冰票多少钱?", "学生、60周岁以上老人入场票 | 20元/人 | 凭学生证")
    assert not counterpart_named("成人滑冰票多少钱?", "成人票、儿童票均按原价")
    table = (
        "项目 | 价格 | 备注\n滑冰入场票 | 40元/人 | 当日有效\n学生、60周岁以上老人入场票 | 20元/人 | 凭学生证"
    )
    a = answer(parse_query("冰场大人滑冰票多少钱？"), hits(("三、票价", table)))
    assert chosen(a) == "40元/人"


def test_a_clause_that_opens_with_its_year_names_its_own_subject():
    lead = "以镇安镇为核心建设黄龙玉交易集散中心，完善原石交易、加工雕刻链条，"
    assert not part_named("黄龙玉到2030年一年能交易多少?", "龙陵", "到2030年黄龙玉年交易额达到", lead)
    # a clause that opens with a verb still speaks of the town its sentence opens with
    assert part_named("全县去年接待游客多少?", "龙陵", "全年接待游客", "镇安镇完成古镇提升改造，")


def test_a_crop_by_its_everyday_name_meets_the_reports_name():
    a = answer(
        parse_query("去年鲜土豆产了多少？"),
        hits(
            ("二、农业", "全年粮食总产量31.6万吨，肉类总产量2.07万吨。"),
            ("二、农业", "其中，马铃薯种植面积32.5万亩，鲜薯产量49.3万吨；"),
        ),
    )
    assert chosen(a) == "49.3万吨"
    assert "马铃薯" in parse_query("土豆种了多少亩？").search_text


def test_goods_sold_abroad_are_money_or_weight_and_a_start_is_when_a_notice_takes_effect():
    units = parse_query("榨菜去年出口了多少？").units
    assert "元" in units and "吨" in units and "亩" not in units
    assert parse_query("地铁站有几个出口？").units[0] == "个"
    assert parse_query("去年茶叶出口额是多少？").units == ("元",)  # a sum of money, not 6座 of factories
    assert parse_query("这个楼盘的住宅备案价是多少一平？").units == ("元",)
    assert parse_query("人均水资源量是多少？").units[0] == "立方米"
    assert "施行" in parse_query("新的集日从什么时候开始执行？").search_text


def test_a_places_name_at_the_head_of_a_things_name_is_no_place():
    from rag.api import _parse_with_history

    def index(*texts):
        docs = {
            str(i): SimpleNamespace(meta=SimpleNamespace(city="龙陵", title="龙陵县规划"), text=t)
            for i, t in enumerate(texts)
        }
        return SimpleNamespace(docs=docs, holds_word=lambda word: False, chunks=[])

    held = index("到2030年黄龙玉年交易额达到40亿元。")
    query = _parse_with_history("黄龙玉到2030年一年能交易多少？", None, held)  # type: ignore[arg-type]
    assert query.place is None and query.city is None
    # no document writes the thing's name: 黄龙 is the county asked
    query = _parse_with_history("黄龙玉到2030年一年能交易多少？", None, index("玉石交易额达到40亿元。"))  # type: ignore[arg-type]
    assert query.place is not None and query.place.name == "黄龙县"
    # a name the documents write alone too is the place asked
    query = _parse_with_history(
        "黄龙玉到2030年一年能交易多少？", None, index("黄龙玉交易额40亿元，黄龙县的玉石…")
    )  # type: ignore[arg-type]
    assert query.place is not None and query.place.name == "黄龙县"
    # a place followed by a place is a place (「杭州西湖」)
    query = _parse_with_history("杭州西湖去年接待游客多少？", None, index("杭州西湖接待游客1200万人次。"))  # type: ignore[arg-type]
    assert query.place is not None and query.place.short == "西湖"  # the district of 杭州, as before


def test_a_question_that_says_neither_plan_nor_result_is_weighed_by_its_section():
    from rag.answer.fit import context_cues

    query = parse_query("螃蟹一年的全产业链产值有多少？")
    review = (
        "一、2023年工作回顾 > （二）特色农业提质增效",
        "螃蟹养殖面积稳定在16.2万亩，螃蟹全产业链产值达到96亿元；",
    )
    plan = (
        "二、2024年主要目标和重点任务 > （二）擦亮螃蟹金字招牌",
        "推进螃蟹产业园建设，螃蟹全产业链产值突破100亿元；",
    )
    assert context_cues(query, hits(plan)[0], plan[1]) == {"ctx:unmarked in plan": 1.0}
    assert context_cues(query, hits(review)[0], review[1]) == {"ctx:unmarked in review": 1.0}
    # what each is worth is fitted: a figure planned is seldom what an unmarked question asks
    assert chosen(answer(query, hits(plan, review))) == "96亿元"


def test_a_projects_total_is_not_its_phases_figure():
    from rag.answer.subjects import total_for_phase

    asked = "光伏基地一期投了多少钱?"
    assert total_for_phase(asked, "基地项目总投资120亿元，规划建设电池片生产线，分两期实施。")
    assert not total_for_phase(asked, "其中一期投资52亿元，于2024年7月开工")
    assert not total_for_phase("基地一共投了多少钱?", "基地项目总投资120亿元，分两期实施。")
    # the title names the phase: its news gives the phase's own total
    assert not total_for_phase(
        "岸线修复二期总共投多少钱?", "项目总投资28.6亿元", "岸线生态修复工程（二期）正式开工"
    )
    assert total_for_phase("岸线修复二期总共投多少钱?", "项目总投资28.6亿元", "岸线生态修复工程正式开工")
