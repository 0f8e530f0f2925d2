"""Causes of qa_blind38/39's misses, on invented text: a name found whole and never from inside a dictionary word
(在线), a division asked (哪个区) not answered by words that name none, a town's or a zone's figure that is not the whole
place's, a body the tagger guessed one word with what it does, a body named with two verbs inside, a year the sentence
says as the question does (今年), units said only in a table row's label (万把), the top of a list whose figures stand in
brackets after names the tagger reads as verbs, the fastest growth of a table or a run of clauses, a date's 日 that
opens no town's name, the asker's own share that is no unit asked, money handed out (领多少), what one pays oneself
(自己 = 个人), and a page's time stamp that is no title."""

from rag.answer import spans
from rag.answer.fit import context_cues
from rag.cleaning import clean_bytes
from rag.places import town_names
from rag.query import find_head, parse_query
from rag.types import DocMeta
from tests.test_answering import hits

PARA = "这是一段足够长的正文，用来让清洗器认出正文从这里开始，其中写明了若干事实和数字，共计12项。"


def test_a_name_never_starts_inside_a_dictionary_word():
    question = "要在哪个平台提交年度报表？"
    clause = "企业登录省人社厅职工在线服务平台提交年度报表即可，"
    # 「在…提交」 of the question, and a thing done 「在…提交」, must not meet the 在 of 在线
    assert spans.template(question, clause) is None and spans.locative(clause, question) is None
    # a word the tagger only guessed may join the question's 以 to the name: 「以花桥」
    assert spans.template("昆山以哪个地方为主体打造实验区？", "昆山以花桥为主体，") == (3, 5)
    found = spans.before_head(clause, "平台", question)
    assert found is not None and clause[found[0] : found[1]].endswith("职工在线服务平台")
    # a verbal noun stays in the name only right before its head noun
    clause = "以核心建设阳澄湖科学城为抓手，"
    found = spans.before_head(clause, "科学城", "西部副中心要建成哪个科学城？")
    assert found is not None and clause[found[0] : found[1]] == "阳澄湖科学城"


def test_a_division_asked_is_not_answered_by_words_that_name_none():
    from rag.answer.candidates import _name_span, find_span

    clause = "各类别中以加油站公厕特优级比率最高，市场公厕相对较低，"
    question = "哪个区的公厕数量最多？"
    assert spans.template(question, clause) is not None  # the words where 哪个区 stands …
    assert _name_span(parse_query(question), clause, {"公厕": 2.0})[1] != "template"  # … name no 区
    clause = "2025年全区共受理积分入学申请5,842人，"
    query = parse_query("哪个镇申请积分入学的人最多？")
    assert query.kind == "place" and find_span(query, clause, {"积分": 2.0})[1] != "template"


def test_the_head_asked_stops_at_a_word_the_tagger_guessed():
    assert parse_query("去哪个乡？").kind == "place"  # a 乡 is a place's class; 乡镇 asks a name (a town's)
    assert parse_query("哪个乡镇流转的土地最多？").kind == "name"
    assert find_head("哪个乡镇领后扶资金的移民最少？") == "乡镇"
    assert find_head("哪一项涨得最快？") is None  # no noun after 哪一项
    assert find_head("哪个展览最受欢迎？") == "展览"


def test_a_body_the_tagger_joins_to_what_it_does_and_one_with_verbs_inside():
    clause = "对于行动不便的长者，可经社会工作局转介，由专人上门采集指纹，"
    assert [clause[a:b] for a, b in spans.organisations(clause, "要经哪个部门转介？")] == ["社会工作局"]
    clause = "发现渠道渗漏、决口等险情，应立即向县水利工程运行维护中心报告，"
    assert [clause[a:b] for a, b in spans.organisations(clause, "要报告给哪个单位？")] == [
        "县水利工程运行维护中心"
    ]


def test_this_year_said_as_the_question_says_it_is_the_year_asked():
    meta = DocMeta("证件到期高峰延长服务时间", None, 2026, "其他", "2026-03-16", None, "news.txt")
    sentence = "由于2016年起大批换发的证件陆续届满十年，今年全年约有8.4万张证件有效期届满。"
    (hit,) = hits(("", sentence), meta=meta)
    cues = context_cues(parse_query("今年有多少张证件到期？"), hit, sentence)
    assert cues.get("ctx:year named") == 1.0 and "ctx:another year named" not in cues
    other = "2016年起大批换发的证件陆续届满十年。"
    assert "ctx:another year named" in context_cues(parse_query("今年有多少张证件到期？"), hit, other)


def test_a_unit_said_only_in_the_rows_label():
    columns = "类别 | 指标 | 2025年 | 2030年 | 年均增长〔累计〕 | 属性"
    row = " | 小提琴产量（万把） | 312 | 450 | 7.6 | 预期性"
    assert [(row[a:b], unit) for a, b, unit in spans.header_units(columns, row)] == [
        ("312", "万把"),
        ("450", "万把"),
        ("7.6", "万把"),  # the growth cell is read with it too; the question's unit picks among them
    ]
    assert parse_query("到2030年小提琴一年产多少把？").units == ("把",)


def test_the_top_of_a_list_with_figures_in_brackets_after_its_names():
    clause = "投诉数量居前的是关累镇（212起）、勐满镇（138起）和勐仑镇（97起）。"
    for asked, top in (("哪个镇投诉最多？", "关累镇"), ("哪个镇投诉最少？", "勐仑镇")):
        found = spans.top_of_list(clause, asked)
        assert found is not None and clause[found[0] : found[1]] == top


def test_the_fastest_growth_of_a_run_of_clauses():
    assert parse_query("哪种农产品产量涨得最快？").growth and parse_query("哪个行业增速最高？").growth
    assert not parse_query("哪种农产品产量最高？").growth
    clause = "分项看，教育支出增长3.1%，卫生健康支出增长5.2%，科学技术支出增长10.4%，交通运输支出下降8.7%。"
    for asked, top in (
        ("去年哪一项支出涨得最快？", "科学技术支出"),
        ("去年哪一项支出降得最多？", "交通运输支出"),
    ):
        found = spans.top_of_list(clause, asked)
        assert found is not None and clause[found[0] : found[1]] == top
    assert spans.top_of_list(clause, "哪一项支出最多？") is None  # growth rates are no amounts


def test_a_dates_day_opens_no_towns_name():
    assert town_names("5月12日下乡换照是去哪个乡？") == []
    assert town_names("去年马坊镇改造了多少户？") == [("马坊镇",)]


def test_a_figure_of_a_town_or_zone_is_not_the_whole_places():
    from rag.answer.subjects import part_named

    asked = "去年到剑阁旅游的一共有多少人？"
    assert part_named(asked, "剑阁", "剑门关景区接待游客")
    assert not part_named(asked, "剑阁", "全县接待游客")
    assert part_named("去年去敦化旅游的一共有多少人？", "敦化", "六鼎山文化旅游区接待游客")
    assert not part_named(
        asked, "剑阁", "在龙凤山镇建设的产业园投资"
    )  # it locates; the 产业园 is the subject
    assert not part_named("剑门关景区去年接待了多少游客？", "剑阁", "剑门关景区接待游客")
    assert not part_named(asked, "剑阁", "重点镇建设")  # a kind of town, none named


def test_units_asked_money_handed_out_and_what_one_pays_oneself():
    assert parse_query("超出定额20%以上的部分，每方多少钱？").units == ("元",)  # the 20% is the asker's
    assert parse_query("一个人一年能领多少？").units == ("元",)
    assert parse_query("每户能领多少袋米？").units == ("袋",)
    assert parse_query("立了二等功，优待金能多发多少？").units == ()  # a rise, in per cent or money
    assert parse_query("起步价涨到几块？").units == ("元",)
    assert "个人" in parse_query("签约以后自己每年要交多少钱？").text


def test_a_pages_time_stamp_is_no_title():
    headline = "今年逾8万张证件到期　证件管理局延长服务时间"
    text = f"首页 > 新闻 > 新闻稿\n{headline}\n2026-03-16 17:32\n新闻来源：证件管理局\n\n{PARA}\n{PARA}\n"
    doc = clean_bytes(text.encode(), "xinwengao.txt")
    assert doc.meta.title == headline.replace("\u3000", " ") and doc.meta.date == "2026-03-16"
