"""Guides, FAQs, schedules and award rules: how their grades, ranges, places and lists are read (qa_blind25's
kinds of documents; invented text here)."""

import pytest

from rag.answer import answer, spans
from rag.answer.candidates import content_terms, find_span, table_header
from rag.answer.subjects import counterpart_named, has_own_subject
from rag.query import find_head, parse_query
from tests.test_answering import hits
from tests.test_answering_notices import NOTICE


def span_of(question: str, clause: str) -> str | None:
    query = parse_query(question)
    found, _ = find_span(query, clause, content_terms(query))
    return clause[found[0] : found[1]] if found else None


def test_pairs_are_counted_and_a_share_may_be_written_out():
    clause = "全市共办理结婚登记4,126对、离婚登记1,318对"
    assert [u for _, _, u in spans.quantities(clause)] == ["对", "对"]
    assert parse_query("那天能预约多少对？").units == ("对",)
    clause = "荣立二等功的，增发百分之二十五；"
    assert [(clause[a:b], u) for a, b, u in spans.cn_quantities(clause)] == [("百分之二十五", "%")]
    assert span_of("立了二等功，优待金能多发多少？", "增发百分之二十五；") == "百分之二十五"


def test_a_weight_asked_during_works_is_no_duration():
    assert parse_query("施工期间，多重以上的货车不让进？").units[0] == "公斤"
    assert parse_query("这个项目工期是多少？").units[0] == "小时"


def test_the_end_of_a_range_written_as_two_dates():
    clause = "自2025年7月14日0时起至2025年9月30日24时止，霍林河大街实行全封闭施工"
    assert span_of("霍林河大街要封到哪天？", clause) == "2025年9月30日24时"
    assert span_of("霍林河大街从哪天起封闭？", clause) == "2025年7月14日0时"


def test_a_one_character_class_asked_and_a_place_where_a_thing_is_done():
    assert find_head("开城仪式在哪个门办？") == "门"
    assert span_of("开城仪式在哪个门办？", "假期每天北京时间11:30在古城东门举行开城仪式") in {
        "东门",
        "古城东门",
    }
    clause = "在鹤岗市政务服务中心三楼多功能厅进行，"
    assert span_of("公租房在什么地方公开摇号？", clause) == "鹤岗市政务服务中心三楼多功能厅"
    assert spans.locative("到户籍所在乡镇劳动保障服务站报名", "去哪里报名？") is not None
    assert spans.locative("在3月1日前报名", "去哪里报名？") is None  # a day, not a place


def test_a_place_asked_is_not_answered_by_the_date_after_a_label():
    text = "3．公开摇号：2025年11月18日上午9:00，在鹤岗市政务服务中心三楼多功能厅进行，邀请公证机构全程监督；"
    a = answer(parse_query("这批公租房在什么地方公开摇号？"), hits(("时间安排", text), meta=NOTICE))
    assert a.short and "政务服务中心" in a.short


def test_the_most_of_a_list_of_named_figures():
    clause = "一、本市列管公厕共1,862座，其中东区812座、北区655座、香山区395座，类别包括市场、学校等"
    top = spans.top_of_list(clause, "哪个区的公厕数量最多？")
    assert top and clause[top[0] : top[1]] == "东区"
    low = spans.top_of_list(clause, "哪个区的公厕最少？")
    assert low and clause[low[0] : low[1]] == "香山区"
    assert spans.top_of_list(clause, "哪个区的公厕有多少座？") is None  # no superlative asked


def test_the_quoted_name_the_head_noun_follows():
    clause = "答：可通过「铜川民政」微信公众号“婚姻登记预约”栏目预约"
    assert span_of("网上预约用的是哪个公众号？", clause) == "铜川民政"


def test_another_grade_or_a_deputy_is_a_counterpart():
    assert counterpart_named("立了个二等功能多发多少", "服役期间荣立一等功的当年优待金增发百分之三十五")
    assert not counterpart_named("立了个二等功能多发多少", "荣立二等功的增发百分之二十五")
    assert not counterpart_named("三级养老院补多少", "由市级和县级两级财政承担")  # 两级 counts levels
    assert counterpart_named("挂主任医师的号多少钱", "2|内分泌科|杨晓梅|副主任医师|周二全天|18")
    assert not counterpart_named("挂主任医师的号多少钱", "主任医师每人次25元、副主任医师18元")


def test_a_verb_of_payment_or_a_share_of_the_whole_names_no_subject():
    terms = {"二等功": 3.0, "优待金": 3.0}
    assert not has_own_subject("增发", terms)
    assert not has_own_subject("占政府采购支出总额的", {"中小企业": 3.0})
    assert has_own_subject("全社会固投", terms)


def test_a_company_asked_is_not_met_by_a_verb_phrase():
    assert span_of("这次改造是哪家公司施工的？", "为保障施工安全和道路交通安全畅通，") != "为保障"


def test_a_change_of_a_share_is_asked_in_points():
    query = parse_query("今年特优级比例比去年提高了多少？")
    assert query.units == ("个百分点", "%")
    clause = "特优级比率为80.7%，较113年度之76.4%提升4.3个百分点；"
    assert span_of("今年特优级比例比去年提高了多少？", clause) == "4.3个百分点"


def test_a_chunk_cut_inside_a_table_has_no_header():
    text = "5 | 儿科 | 段丽芬 | 主任医师 | 25\n6 | 骨科 | 鲁成刚 | 主任医师 | 25"
    assert table_header(text, text.index("6 |")) == ""
    text = "序号 | 科室 | 专家 | 职称 | 诊查费（元）\n" + text
    assert table_header(text, text.index("6 |")).startswith("序号")


def test_an_faq_answer_is_read_under_its_question():
    text = (
        "问三：办理结婚登记需要带哪些材料？\n答：男女双方本人的身份证、户口簿，以及近期双人合影2寸照片3张。\n"
        "问四：补领结婚证要多久？\n答：材料齐全的当场办结。\n\n2024年，全市共办理结婚登记4,126对、补领1,052件。"
    )
    a = answer(parse_query("办结婚登记要带哪些证件材料？"), hits(("问答", text), meta=NOTICE))
    assert a.citations and "户口簿" in a.citations[0].quote


def test_two_names_of_one_class_joined_by_or_are_a_list():
    clause = "（一）东西方向行驶的机动车，请提前经明仁大街或永清大街绕行；"
    assert [clause[a:b] for a, b in spans.lists(clause)] == ["明仁大街或永清大街"]
    assert spans.lists("由市财政和县财政承担") == []  # not two names: 市财政 is no 县财政


@pytest.mark.parametrize(
    ("body", "date"),
    [
        (
            "白城市退役军人事务局　白城市财政局\n二〇二五年三月十八日\n\n白城市义务兵家庭优待金发放办法",
            "2025-03-18",
        ),
        ("铜川市婚姻登记预约办理须知（问答）\n铜川市民政局　2025年4月28日\n问一：怎么预约？", "2025-04-28"),
        ("2024年，全市办理结婚登记4,126对。", None),  # a sentence's date is no signature
    ],
)
def test_the_day_a_body_signed_a_notice(body, date):
    from rag.cleaning.metadata import signed_date

    assert signed_date(body) == date


# Reports of a year (qa_blind26's 政府工作报告, 统计公报, 规划纲要, 办事指南; invented text here)


def test_a_rank_of_the_growth_and_a_periods_yearly_growth_are_not_refused():
    from rag.answer.fit import wording_cues

    ranked = parse_query("璧山去年经济增速在全市排第几？")
    assert wording_cues(ranked, "增速居全市第3位、") == {}  # a rank asked: no growth figure needed
    yearly = parse_query("琼海十五五期间GDP每年打算增长多少？")
    assert wording_cues(yearly, "“十五五”期间年均增长6.5%左右；") == {}  # 每年 over a period: its average
    assert "words:average or not" in wording_cues(parse_query("琼海2026年GDP增长多少？"), "年均增长6.5%左右")


def test_the_rural_figure_of_a_sentence_of_everyones_and_the_towns():
    text = (
        "全体居民人均可支配收入49,860元、增长5.4%，其中城镇常住居民人均可支配收入55,320元、增长4.9%，"
        "农村常住居民人均可支配收入31,460元、增长6.6%。"
    )
    a = answer(parse_query("农村居民人均可支配收入涨了百分之几？"), hits(("收入", text), meta=NOTICE))
    assert a.short == "6.6%"
    assert "百分之几" not in content_terms(parse_query("涨了百分之几？"))  # how it is written, not what


def test_a_sums_change_may_be_asked_in_per_cent():
    assert parse_query("社会消费品零售总额比上年涨了多少？").units == ("元", "%")
    assert parse_query("社会消费品零售总额是多少？").units == ("元",)


def test_a_road_asked_is_the_road_of_an_address():
    assert find_head("车管所在哪条路上？") == "路"
    clause = "新余市政务服务中心二楼不动产登记专区（渝水区仙来大道1188号）"
    assert span_of("登记大厅在哪条路上？", clause) == "仙来大道"
    clause = "城区：横州市公安局交通管理大队车辆管理所（横州镇茉莉花大道168号），"
    assert span_of("车管所在哪条路上？", clause) == "茉莉花大道"


def test_renamed_divisions_and_taiwans_cities_are_places():
    from rag.places import find_place

    assert find_place("横州市").parent == "南宁"  # 横县 until 2021
    assert find_place("盘州").parent == "六盘水" and find_place("盘县").parent == "六盘水"  # the old name too
    assert find_place("新竹市") is not None and find_place("台南").level == "prefecture"
    assert find_place("苏州工业园区").short == "苏州"  # a zone of 苏州, no division
    assert find_place("攀枝花东区").parent == "攀枝花"  # not a Taiwan city's district
    assert find_place("东区") is None  # a district named by one character and 区: only after its prefecture


@pytest.mark.parametrize(
    ("text", "city", "date"),
    [
        (
            "新竹市環境保護局　公告\n\n發文日期：中華民國114年10月22日\n\n主旨：公告本市114年度公廁檢查評比結果。",
            "新竹",
            "2025-10-22",
        ),
        ("臺南市政府交通局\n\n公告本市市區公車5路路線調整事宜\n\n", "台南", None),
    ],
)
def test_a_taiwan_notices_place_and_day(text, city, date):
    from rag.cleaning import clean_bytes

    body = (
        "一、本市列管公廁共1,862座，其中東區812座、北區655座、香山區395座，類別包括交通場站、市場、學校等。"
        * 3
    )
    meta = clean_bytes(f"{text}\n{body}\n".encode(), "notice.txt").meta
    assert (meta.city, meta.date) == (city, date)


def test_a_sums_change_is_met_by_a_change_not_by_the_sum():
    clause = "全年全市社会消费品零售总额856.73亿元，比上年增长2.4%。"
    query = parse_query("社会消费品零售总额比上年涨了多少？")
    found = [span_of(query.text, part) for part in clause.split("，")]
    assert found == [None, "2.4%"]


def test_a_list_runs_to_its_count_not_to_a_word_of_the_question_inside_it():
    clause = "仅受理抵押登记、不动产登记资料查询和证书领取三类业务"
    found = spans.lists(clause, ["不动产", "登记", "业务"])
    assert [clause[a:b] for a, b in found] == ["仅受理抵押登记、不动产登记资料查询和证书领取"]
    clause = "推动电子信息、装备制造、新材料三大支柱产业完成产值"
    assert [clause[a:b] for a, b in spans.lists(clause, ["支柱产业", "产业"])] == [
        "电子信息、装备制造、新材料"
    ]


def test_an_option_by_its_number_is_one_term_and_kuai_is_yuan():
    query = parse_query("按第二套方案走，起步价涨到几块？")
    terms = content_terms(query)
    assert "方案二" in terms and "几块" not in terms
    assert query.units == ("元",)
    assert parse_query("拿了多少块金牌？").units != ("元",)  # 块 counts medals here
