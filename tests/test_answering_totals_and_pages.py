"""Causes of qa_blind34/35's misses, on invented text: a total asked against a figure per one, measure words
that count the same things, the one row of a table that fell, a table's figure with its unit before 左右,
passages that are only a title or a date taking no place among the top hits, the office a 哪个 question asks
beside a phone number, people counted as 孩子, and a report's title and running header broken by a copy out of a PDF."""

from dataclasses import replace

from rag.answer import answer
from rag.answer.candidates import TOP_HITS, top_hits, with_unit
from rag.cleaning import clean_bytes
from rag.query import parse_query
from tests.test_answering import CS2024, chosen, hits

TREES = (
    "全县今春完成义务植树52万株、造林绿化1.8万亩。"
    "凡年满11周岁的公民，每人每年义务植树3至5株，或者完成相应劳动量的管护任务。"
)


def test_a_total_asked_is_not_a_figure_per_one():
    assert parse_query("今年春天义务植树一共要种多少棵？").total
    assert not parse_query("每人一共要种几棵？").total  # per one asked
    a = answer(parse_query("今年春天义务植树一共要种多少棵？"), hits(("二、任务安排", TREES)))
    assert chosen(a) == "52万株"
    assert (
        chosen(answer(parse_query("义务植树每人每年要种几棵？"), hits(("三、尽责方式", TREES)))) == "3至5株"
    )


def test_measure_words_that_count_the_same_things():
    from rag.answer.spans import unit_matches

    assert unit_matches("万株", ("棵",)) and unit_matches("棵", ("株",))
    assert unit_matches("幢", ("栋",)) and not unit_matches("万亩", ("棵",))


def test_the_one_row_that_fell_answers_though_it_says_no_question_word():
    table = (
        "主要农产品产量\n产品名称 | 单位 | 产量 | 比上年增长（%）\n粮食 | 万吨 | 50.2 | 3.1\n"
        "　小麦 | 万吨 | 12.4 | -2.2\n　玉米 | 万吨 | 37.8 | 4.9\n棉花 | 万吨 | 8.6 | 1.7"
    )
    a = answer(parse_query("去年哪种粮食减产了？"), hits(("二、农业", table)))
    assert chosen(a) == "小麦"


def test_a_table_figure_is_said_with_its_unit_before_an_approximation():
    assert with_unit("230左右", "亿元") == "230亿元左右"
    assert with_unit("31.2", "万元") == "31.2万元"
    assert with_unit("31.2", "") == "31.2"
    table = (
        "类别 | 指标 | 单位 | 2025年 | 2030年 | 年均增长 | 属性\n"
        "经济发展 | 地区生产总值 | 亿元 | 150.2 | 200左右 | 6%左右 | 预期性"
    )
    a = answer(parse_query("到2030年地区生产总值要达到多少？"), hits(("一、主要指标", table)))
    assert a.short == "200亿元左右"


def test_bare_passages_take_no_place_among_the_top_hits():
    bare = [("", "某县2026年耕地地力保护补贴发放情况公示"), ("八、政策提示", "2026年4月8日")]
    full = [(f"{n}、事项", f"第{n}项事项的说明，补贴资金{n}万元。") for n in range(1, TOP_HITS + 2)]
    found = hits(*bare, *full, meta=replace(CS2024, title=bare[0][1]))  # the first passage is the title
    kept = top_hits(found)
    assert len(kept) == TOP_HITS + 2  # the title and the date line counted out
    assert top_hits(hits(*full)) == hits(*full)[:TOP_HITS]


def test_a_which_question_asks_the_office_not_the_number_to_call():
    assert not parse_query("护送的事可以打电话问管理处哪个课？").phone
    assert parse_query("打哪个电话？").phone
    assert parse_query("急诊电话多少？").phone


def test_children_are_people_counted():
    assert parse_query("这学期有多少大班孩子能免保教费？").units == ("人", "名", "位")
    assert parse_query("多少钱给老人？").units == ("元",)  # the noun after 多少 is 钱


def test_a_title_and_a_date_line_broken_by_a_fixed_width_are_one_line_again():
    body = "".join(
        f"第{n}段正文写明了本县的预算执行情况和来年的安排，全县一般公共预算收入{n}.5亿元。\n"
        for n in range(1, 9)
    )
    text = (
        "关于某某县2025年预算执行情况和\n2026年预算草案的报告\n"
        "——2026年1月12日在某某县第十八届人民代表大会\n第六次会议上\n\n"
        "县财政局局长　王某某\n\n各位代表：\n一、2025年预算执行情况\n"
        f"{body}\n－ 1 －\n\n某某县2025年预算执行情况和2026年预算草案的报告\n\n二、2026年预算草案\n{body}"
    )
    doc = clean_bytes(text.encode("utf-8"), "budget_pdf.txt")
    assert doc.meta.title == "关于某某县2025年预算执行情况和2026年预算草案的报告"
    assert "——2026年1月12日在某某县第十八届人民代表大会第六次会议上" in doc.text
    assert "二、2026年预算草案" in [h.title for h in doc.headings]  # the running header is gone
    site = clean_bytes(f"某某县人民政府网\n某某县2025年国民经济和社会发展统计公报\n{body}".encode(), "gb.txt")
    assert site.meta.title == "某某县2025年国民经济和社会发展统计公报"  # a site's name is not joined to it


BUDGET = (
    "一般公共预算支出安排21.50亿元，下降6.2%，主要是上年一次性支出较多。"
    "其中：教育支出3.60亿元，社会保障和就业支出4.20亿元，农林水支出4.70亿元，城乡社区支出0.90亿元。"
)


def test_what_a_budget_spends_on_is_the_subject_not_its_verb():
    from rag.answer.candidates import content_terms
    from rag.answer.subjects import main_terms

    terms = content_terms(parse_query("今年教育上安排了多少钱？"))
    assert "安排" not in main_terms(terms) and "教育" in main_terms(terms)
    assert "农林水" in content_terms(parse_query("农林水方面安排了多少钱？"))  # one word, not 农林 and 水
    a = answer(parse_query("今年农林水方面预算安排了多少钱？"), hits(("二、2026年预算草案", BUDGET)))
    assert chosen(a) == "4.70亿元"
    assert (
        chosen(answer(parse_query("今年教育上安排了多少钱？"), hits(("二、预算草案", BUDGET)))) == "3.60亿元"
    )


def test_a_budgets_accounts_exclude_each_other():
    from rag.answer.candidates import canon
    from rag.answer.subjects import counterpart_named

    asked = canon("今年政府性基金收入预计多少？")
    assert counterpart_named(asked, canon("社会保险基金收入预计47.02亿元"))
    assert not counterpart_named(asked, canon("政府性基金预算收入预计20.5亿元"))
    assert counterpart_named(canon("一般公共预算收入多少"), canon("政府性基金预算收入21.47亿元"))


def test_a_count_asked_is_no_content_word_but_what_it_counts_is():
    from rag.answer.candidates import content_terms

    cattle = content_terms(parse_query("去年年底养着多少头牛？"))
    assert "牛" in cattle and "头牛" not in cattle
    assert not any("棵" in t for t in content_terms(parse_query("每人每年要种几棵？")))
    # 「直接损失了多少钱」: 损失 is what is measured (a noun said with 了), 「安排了」 a verb
    assert content_terms(parse_query("事故直接损失了多少钱？"))["损失"] > 2.0
    assert content_terms(parse_query("今年教育上安排了多少钱？"))["安排"] == 2.0
    table = "表1 主要畜产品\n指标 | 单位 | 2025年 | 比上年增长（%）\n羊存栏 | 万只 | 46.15 | -3.1\n牛存栏 | 万头 | 28.64 | 5.2"
    assert chosen(answer(parse_query("去年年底养着多少头牛？"), hits(("二、农牧业", table)))) == "28.64"
    assert "名额" in content_terms(parse_query("假牙补助的名额有多少名？"))  # no count cut across it
    from rag.answer.candidates import canon
    from rag.answer.subjects import counterpart_named

    assert counterpart_named(canon("去年出栏了多少只羊？"), canon("羊存栏31.6万只"))


def test_the_top_row_of_the_class_asked_not_the_rest_added_up():
    from rag.answer.candidates import content_terms, table_header
    from rag.answer.tables import row_asked

    table = (
        "乡镇 | 农户数 | 补贴面积 | 补贴金额\n东镇 | 14,216户 | 10.86万亩 | 1,178.31万元\n"
        "西镇 | 16,352户 | 12.38万亩 | 1,343.23万元\n其余6个乡和1个街道 | 59,744户 | 46.02万亩 | 4,993.17万元\n"
        "合计 | 90,312户 | 69.26万亩 | 7,514.71万元"
    )
    at = table.index("\n") + 1
    query = parse_query("哪个镇的补贴面积最大？")
    found = row_asked(query, content_terms(query), table, at, table_header(table, at))
    assert found and table[found[0] : found[1]] == "西镇"


def test_the_fastest_one_may_go_is_the_speed_limit():
    from rag.answer.candidates import content_terms

    assert "限速" in content_terms(parse_query("管制路段，机车最快可以骑多快？"))
    assert "公里" in parse_query("这段路限速多少？").units
    a = answer(
        parse_query("管制路段机车最快可以骑多快？"),
        hits(
            ("五、管制方式", "（二）小型车及机车限速每小时20公里，并依现场志工指挥通行。大型车辆禁止通行。")
        ),
    )
    assert chosen(a) == "20公里"


def test_a_figure_asked_of_a_row_named_by_its_words_is_in_the_column_of_the_time_asked():
    from rag.answer.candidates import column_cell, content_terms

    columns = "补贴项目 | 补贴对象 | 原标准（元/人·月） | 新标准（元/人·月）"
    row = "重度残疾人护理补贴 | 一级残疾人 | 100 | 115"
    query = parse_query("一级残疾人的护理补贴现在每月多少钱？")
    cell = column_cell(query, content_terms(query), columns, row)
    assert cell and row[cell[0] : cell[1]].strip(" |") == "115"
    before = parse_query("一级残疾人的护理补贴原来每月多少钱？")
    cell = column_cell(before, content_terms(before), columns, row)
    assert cell and row[cell[0] : cell[1]].strip(" |") == "100"


def test_an_office_inside_a_bureau_is_a_department_asked():
    from rag.answer import spans

    clause = "违规收费举报：县教育局教育督导室，电话0898-67815093。"
    found = [clause[a:b] for a, b in spans.organisations(clause, "该找教育局哪个部门举报？")]
    assert any(name.endswith("教育督导室") for name in found)


def test_a_follow_up_naming_a_district_or_a_banner_whole_is_a_follow_up():
    earlier = [parse_query("苏州2024年GDP多少")]
    for question in ("那海淀区呢", "阿荣旗呢", "那昆山呢"):
        follow = parse_query(question, history=earlier)
        assert follow.is_followup and follow.year == 2024, question
    assert "区" not in parse_query("海淀区去年GDP多少").topic


def test_years_said_relative_to_the_report():
    assert parse_query("前年全县GDP多少").relative_year == -2
    assert parse_query("本年度计划招多少人").relative_year == 0
    assert parse_query("去年GDP多少").relative_year == -1


def test_a_clause_of_the_counterpart_in_a_report_is_refused():
    from rag.answer.scoring import misfit

    assert misfit({"report": 1.0, "counterpart": 1.0})
    assert not misfit({"report": 0.0, "counterpart": 1.0})  # general text: the model decides
    assert not misfit({"report": 1.0, "counterpart": 0.0})
    budget = (
        "全区政府性基金预算收入根据年度土地出让计划据实编列；社会保险基金收入预计47.02亿元，支出45.11亿元。"
    )
    assert answer(parse_query("今年政府性基金收入预计多少？"), hits(("二、2026年预算草案", budget))).refused
    deposits = "金融机构本外币存贷款余额分别达到3.77万亿元和3.52万亿元。"
    from rag.answer.candidates import canon
    from rag.answer.subjects import counterpart_named

    assert not counterpart_named(canon("本外币存款余额是多少？"), canon(deposits))  # 存贷款 names both
