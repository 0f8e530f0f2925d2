"""Notices, tables and traditional-script pages: how their figures, names and dates are read (qa_blind23's
kinds of documents; invented text here)."""

from decimal import Decimal

import pytest

from rag.answer import answer, spans
from rag.query import find_head, parse_query
from rag.types import DocMeta
from tests.test_answering import NEWS, chosen, hits

NOTICE = DocMeta("关于某事项的通知", None, 2030, "其他", None, None, "notice.txt")


def test_a_sum_in_financial_numerals_is_a_figure():
    from rag.indicators.numbers import parse_number

    assert parse_number("贰拾叁万伍仟") == Decimal(235000)
    clause = "该局对公司处以罚款人民币贰拾叁万伍仟元。"
    assert [clause[a:b] for a, b, _ in spans.cn_quantities(clause)] == ["贰拾叁万伍仟元"]
    assert spans.cn_quantities("陆续投入资金，伍某到场") == []  # 陆, 伍 alone are no numerals
    text = "依据有关规定，该局对公司处以罚款人民币贰拾叁万伍仟元。"
    a = answer(parse_query("公司因为装煤除尘被罚了多少钱？"), hits(("", text), meta=NOTICE))
    assert chosen(a) == "贰拾叁万伍仟元"


def test_days_ahead_are_counted_in_days_however_a_notice_writes_them():
    assert parse_query("要提前几天预约？").units == ("天", "日", "工作日")
    assert parse_query("过年那几天清运了多少吨垃圾？").units != ("天", "日", "工作日")  # a time, not the unit
    clause = "火化须于3日前预约，每日上午8时至下午4时受理，4月15日前完成，截至22日12时。"
    assert [clause[a:b] for a, b, _ in spans.quantities(clause)] == ["3日"]  # not a date's day
    text = "收购库点须在收购后5个工作日内将售粮款转入农民账户。"
    assert (
        chosen(answer(parse_query("卖粮后最晚几天内拿到钱？"), hits(("", text), meta=NOTICE))) == "5个工作日"
    )


def test_a_date_in_an_eras_year_is_one_date():
    clause = "自中华民国115年1月1日起施行"
    assert [clause[a:b] for a, b in spans.dates(clause)] == ["115年1月1日"]


def test_a_grade_in_roman_numerals_is_the_grade_in_chinese():
    from rag.answer.candidates import canon, content_terms

    assert canon("将Ⅳ级应急响应提升至Ⅲ级") == "将四级应急响应提升至三级"
    assert "一" not in content_terms(
        parse_query("买一辆车补贴多少？")
    )  # a numeral is no word of the question


def test_a_bare_cell_under_the_column_asked_is_a_count_or_a_score():
    table = "代表队 | 金牌 | 银牌 | 团体总分\n甲县 | 58 | 47 | 1,286.5\n乙县 | 45 | 39 | 1,058.5"
    assert answer(parse_query("乙县拿了多少块金牌？"), hits(("奖牌榜", table), meta=NEWS)).short == "45"
    money = "项目 | 2030年 | 2029年\n营业收入 | 372.18 | 270.44"  # a sum's unit is not the question's to give
    prose = "报告期内，公司实现营业收入372.18亿元。"
    a = answer(parse_query("公司2030年营业收入多少？"), hits(("主要数据", money), ("", prose), meta=NEWS))
    assert a.short == "372.18亿元"


@pytest.mark.parametrize(
    ("question", "short"),
    [
        ("家住凤凰城二期，孩子上小学划到哪个学校？", "永兴路小学"),  # the row's label, under 学校
        ("县城的暖气是哪家公司供的？", "汇川热力有限公司"),  # the cell ending as the head noun asked
    ],
)
def test_a_rows_cell_names_what_a_which_question_asks(question, short):
    schools = "学校 | 招生范围 | 计划班数\n金光道小学 | 金光道沿线、康泰家园 | 6\n永兴路小学 | 永兴路沿线、凤凰城（一期、二期） | 7"
    heat = "序号 | 供热单位 | 供热区域 | 报修电话\n3 | 汇川热力有限公司 | 县城小市镇 | 0414-6129745"
    a = answer(parse_query(question), hits(("划片", schools), ("供热", heat), meta=NEWS))
    assert a.short == short


def test_head_noun_leaves_out_the_verb_after_it():
    assert find_head("暖气是哪家公司供的？") == "公司"
    assert find_head("哪个学校？") == "学校"


def test_a_town_asked_is_the_one_named_after_its_county():
    clause = "最大单站累计降雨量为安化县江南镇站287.5毫米"
    found = spans.town(clause, "这一轮降雨哪个镇累计下得最多？")
    assert found and clause[found[0] : found[1]] == "江南镇"
    found = spans.town("在庄里镇建设良种繁育中心", "建在哪个镇？")
    assert found and "在庄里镇建设"[found[0] : found[1]] == "庄里镇"
    assert spans.town(clause, "哪个县下得最多？") is None  # a county is the gazetteer's


def test_a_numbered_item_that_states_a_figure_is_read():
    text = "二、收费标准\n（一）遗体冷冻柜使用费由每日300元调整为400元。\n（二）成人火化费维持1,500元。"
    a = answer(parse_query("冷冻柜现在一天收多少钱？"), hits(("", text), meta=NOTICE))
    assert a.short == "400元"


def test_a_year_in_an_aside_compares_and_a_date_asked_may_lie_in_another_year():
    text = "全年共提交提案7件（2029年为5件），经审查立案6件。"
    meta = DocMeta("张某委员2030年度履职报告", None, 2030, "其他", None, None, "report.txt")
    assert answer(parse_query("张某2030年一共提了几件提案？"), hits(("", text), meta=meta)).short == "7件"
    rule = "2024年8月31日前（含当日）出生、年满6周岁的适龄儿童。"
    a = answer(parse_query("孩子要在哪天之前出生今年才能上一年级？"), hits(("招生对象", rule), meta=meta))
    assert a.short is not None and a.short.startswith("2024年8月31日")
    # a year the question names is still asked: another year's date is no answer
    assert answer(parse_query("2023年哪天之前出生的能上学？"), hits(("招生对象", rule), meta=meta)).refused


def test_a_rate_per_the_measure_asked_and_a_share_of_the_fee_asked():
    from rag.answer.candidates import content_terms, find_span

    def span(question, clause):
        query = parse_query(question)
        found, _ = find_span(query, clause, content_terms(query))
        return clause[found[0] : found[1]] if found else None

    price = "小麦（三等）最低收购价为每50公斤119元，即每斤1.19元，与上年持平"
    assert span("三等小麦一斤给多少钱？", price) == "1.19元"
    assert span("三等小麦一吨多少钱？", "小麦每吨2380元，每斤1.19元") == "2380元"
    assert span("停供了还得交多少热费？", "停供期间按应缴热费的30%交纳基本热费") == "30%"
    assert span("停供了还得交多少热费？", "储煤占计划的86%，热费按面积收取") is None  # no share of the fee


def test_a_faq_question_is_no_answer_and_its_answer_is():
    text = "问四：个人账户的钱能给家里人用吗？\n答：个人账户可以用于支付参保人本人及其配偶、父母、子女的医疗费用。"
    a = answer(parse_query("个人账户里的钱，家里哪些人也能用？"), hits(("问答", text), meta=NOTICE))
    assert "用吗" not in (chosen(a) or "")  # 「…家里人用吗？」 asks, it does not answer
    assert a.citations and "配偶" in a.citations[0].quote


def test_a_figure_in_an_aside_of_another_year_compares():
    from rag.answer.candidates import content_terms, find_span

    query = parse_query("泉滩村2024年度分红每股分了多少？")
    clause = "2024年度每股分红300元（2023年度为每股240元）"
    span, _ = find_span(query, clause, content_terms(query))
    assert span and clause[span[0] : span[1]] == "300元"


@pytest.mark.parametrize(
    ("question", "units"),
    [("天然气每档能多给多少方？", ("方",)), ("专项债本息覆盖倍数是多少？", ("倍",))],
)
def test_a_cubic_metre_asked_as_fang_and_a_multiple_asked_as_beishu(question, units):
    assert parse_query(question).units == units
    assert spans.unit_matches("立方米", ("方",))


def test_an_article_number_and_an_option_by_its_number():
    from rag.answer.candidates import canon

    clause = "第六条购房补贴按学历分档发放"
    assert [clause[a:b] for a, b in spans.ranks(clause)] == ["第六条"]
    assert canon("按第二套方案走") == canon("按方案二走")
    assert (
        find_head("要去哪家燃气公司营业厅？") == "燃气公司营业厅"
    )  # a head noun of more than four characters


def test_a_tables_bare_figure_is_answered_with_its_headers_unit():
    table = "收入来源 | 2024年（万元） | 2023年（万元）\n光伏电站发电收益 | 31.2 | 28.6\n冷库租赁收入 | 12.5 | 11.8"
    a = answer(parse_query("光伏电站2024年给村里挣了多少钱？"), hits(("收入情况", table), meta=NEWS))
    assert chosen(a) == "31.2"  # the span is the cell …
    assert a.short == "31.2万元"  # … the answer says its unit
    from rag.answer.candidates import unit_of_cell

    text = table
    start = text.index("光伏")
    end = text.index("\n", start)
    cell = text.index("31.2")
    assert unit_of_cell(text, (start, end), (cell, cell + 4)) == "万元"
    assert unit_of_cell(text, (start, end), (start, start + 4)) == ""  # no figure
