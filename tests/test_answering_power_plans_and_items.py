"""Causes of qa_blind64/65's misses, on invented text: power made is energy (千瓦时), a plant's size is power
(千瓦); a harvest said 「打了多少」 is its 产量; a plan's chapters (「第二章　…」) are sections; a list item's mark
(「· 」) is no part of the item; a range of days in Chinese numerals with its hours (「零时起至四月三十日二十四时止」)
ends on its second day; a word the canonical form hides (消费品 in 「乡村消费品零售额」) still names the measure; the
part of a question that asks says the unit, not the condition before it; a plan's change over its period
(「〔5.4〕」) answers a rise asked in points, not the level it rises to; a price per 千瓦时 is no price per 瓦;
「现在」 asks what is, not what is planned; a 推广站 is a body; a list asked of what fell names what fell;
a table row under columns of years is read by its column, not by its section; 机采 is 机械采收 shortened;
a term asked the meaning of (「两区指的是什么」) is answered by what the text says it is (「“两区”即…」); a row
that names no kind (「滑冰入场票」) is the usual one, the adult's."""

from rag.answer import answer, spans
from rag.answer.candidates import candidates, content_terms
from rag.cleaning.headings import find_headings, section_path
from rag.query import parse_query
from rag.types import DocMeta
from tests.test_answering import chosen, hits

BULLETIN = DocMeta(
    "某县2025年国民经济和社会发展统计公报", "某县", 2025, "统计公报", "2026-03-20", None, "b.txt"
)
ROADS = DocMeta(
    "关于二〇二六年春融期间对农村公路实施限载通行的通告", "某市", 2026, "通告", None, None, "r.txt"
)
PV = DocMeta("某县供电公司户用分布式光伏并网服务问答", "某县", 2026, "其他", None, None, "pv.txt")
PLAN = DocMeta("某县国民经济和社会发展第十五个五年规划纲要", "某县", 2026, "规划纲要", None, None, "p.md")


def test_power_made_is_energy_and_a_plants_size_is_power():
    assert spans.quantities("全年发电量325.4亿千瓦时") == [(5, 14, "亿千瓦时")]
    assert parse_query("某县去年光伏发了多少电？").units == ("千瓦时", "度")
    assert parse_query("某县光伏装机多少？").units == ("千瓦", "兆瓦")
    a = answer(
        parse_query("某县去年光伏发了多少电？"),
        hits(
            ("三、工业和能源", "年末全县电力装机容量达到2018万千瓦，其中光伏发电装机1460万千瓦。"),
            (
                "三、工业和能源",
                "全年发电量325.4亿千瓦时，其中光伏发电量218.3亿千瓦时，风力发电量70.6亿千瓦时。",
            ),
            meta=BULLETIN,
        ),
    )
    assert chosen(a) == "218.3亿千瓦时"


def test_a_harvest_said_in_speech_is_its_yield():
    assert parse_query("高安去年粮食打了多少？").text == "高安去年粮食产量多少?"
    assert parse_query("去年打了多少万斤粮食").text == "去年粮食产量多少"
    assert parse_query("去年打了几场比赛").text == "去年打了几场比赛"  # no grain, no harvest


def test_a_plans_chapters_are_sections():
    text = "某县规划纲要\n第二章　“十五五”时期主要目标\n常住人口城镇化率达到50%。\n第一节　产业体系\n一、工业\n规上工业增加值年均增长8%。"
    heads = find_headings(text)
    assert [(h.level, h.title) for h in heads] == [
        (0, "第二章　“十五五”时期主要目标"),
        (1, "第一节　产业体系"),
        (1, "一、工业"),
    ]
    assert section_path(heads, text.index("常住")) == "第二章　“十五五”时期主要目标"
    assert section_path(heads, text.index("规上")) == "第二章　“十五五”时期主要目标 > 一、工业"
    # a sentence that opens with a chapter is none, nor is a lesson
    assert find_headings("第三章规定的情形，按本办法处理。\n第一节课上午8点开始") == ()


def test_a_list_items_mark_is_no_part_of_it():
    pieces = (
        ("二、服务点及开放时间", "·江川社区托育点：江川北路社区睦邻中心一楼；周一至周五8:30—17:00；"),
        ("二、服务点及开放时间", "·古镇社区托育点：泗泾古镇下塘街区游客服务点旁；周一至周五8:30—19:00；"),
    )
    found = candidates(parse_query("泗泾哪个托育点在古镇？"), hits(*pieces))
    assert found and not any((c.short() or "").startswith("·") for c in found)


def test_a_range_of_days_in_chinese_numerals_with_its_hours_ends_on_its_second_day():
    clause = "二〇二六年三月十五日零时起至四月三十日二十四时止。"
    found = spans.dates(clause)
    # the day with its hour, as 「4月30日24时」 in digits
    assert [clause[a:b] for a, b in spans.side_of_pair(clause, found, "end")] == ["四月三十日二十四时"]
    assert [clause[a:b] for a, b in spans.side_of_pair(clause, found, "start")] == ["二〇二六年三月十五日"]
    # 「春融限载」, four characters the tagger joined by guess, also counts as 春融 and 限载
    assert {"春融", "限载"} <= content_terms(parse_query("德惠春融限载哪天结束？")).keys()
    assert (
        not {"哪年", "哪月"} & content_terms(parse_query("吴朝霞是哪年哪月出生的？")).keys()
    )  # question words
    a = answer(
        parse_query("德惠春融限载哪天结束？"),
        hits(("一、限载时间", "一、限载时间\n" + clause), meta=ROADS),
    )
    assert chosen(a) == "四月三十日二十四时"


def test_a_word_the_canonical_form_hides_still_names_the_measure():
    text = "全年社会消费品零售总额186.5亿元，比上年增长5.6%。按经营地分，城镇消费品零售额118.8亿元；乡村消费品零售额67.7亿元。"
    found = candidates(
        parse_query("农村那边去年卖了多少消费品？"), hits(("五、国内贸易", text), meta=BULLETIN)
    )
    assert {"186.5亿元", "118.8亿元", "67.7亿元"} <= {c.short() for c in found}


def test_the_part_that_asks_says_the_unit():
    assert parse_query("机采棉采净率不到93%，每亩要少收多少？").units == ("元",)
    assert parse_query("城镇化率比去年提高了多少？").units == ("个百分点", "%")
    assert parse_query("家庭养老床位，一般家庭最多能补多少钱？").units == ("元",)


def test_a_plans_change_over_its_period_answers_a_rise_in_points():
    head = "类别 | 指标 | 2025年 | 2030年 | 年均增长〔累计〕 | 属性"
    rows = "经济发展 | 地区生产总值（亿元） | 213.2 | 285 | 6% | 预期性\n经济发展 | 常住人口城镇化率（%） | 43.1 | 48.5 | 〔5.4〕 | 预期性"
    text = f"{head}\n{rows}"
    row = rows.split("\n")[1]
    assert [row[a:b] for a, b, _ in spans.header_units(head, row)] == ["43.1", "48.5", "5.4"]
    query = parse_query("某县十五五期间城镇化率打算提高几个百分点？")
    assert query.change_verb
    pieces = (
        ("第二章　主要目标", "常住人口城镇化率达到48.5%，县城承载能力明显增强。"),
        ("第二章　主要目标", text),
    )
    found = candidates(query, hits(*pieces, meta=PLAN))
    assert "48.5%" not in {c.short() for c in found}  # the level it rises to
    assert chosen(answer(query, hits(*pieces, meta=PLAN))) in {"5.4", "5.4%"}


def test_a_price_per_kilowatt_hour_is_no_price_per_watt():
    query = parse_query("某县装户用光伏政府补贴多少钱一瓦？")
    assert query.per_unit == "瓦"
    assert parse_query("余电卖给电网一度多少钱？").per_unit == "度"
    assert parse_query("每千瓦时多少钱？").per_unit == ""  # 千瓦时 is no 千瓦
    text = "上网电量按燃煤发电基准价每千瓦时0.3844元结算；居民生活用电第一档电价为每千瓦时0.5653元。"
    assert candidates(query, hits(("三、电价", text), meta=PV)) == []


def test_now_asks_what_is():
    assert parse_query("桂平现在的城镇化率是多少？").intent == "result"
    assert parse_query("目前打算把城镇化率提高到多少？").intent == "target"  # the later word governs


def test_a_station_that_serves_is_a_body():
    clause = "3．作业质量发生争议的，可申请县农业机械化技术推广站组织现场鉴定，鉴定不收取费用。"
    found = spans.organisations(clause, "找哪个单位做现场鉴定？")
    assert [clause[a:b] for a, b in found] == ["农业机械化技术推广站"]


def test_a_list_of_what_fell_is_not_any_thing_of_the_kind():
    table = (
        "产品名称 | 单位 | 产量 | 比上年增长（%）\n粮食 | 吨 | 38650 | 2.1\n春小麦 | 吨 | 9120 | -3.6\n"
        "油料 | 吨 | 5230 | -1.9\n牛肉 | 吨 | 8410 | 3.2\n羊毛 | 吨 | 1260 | -2.4"
    )
    a = answer(
        parse_query("某县去年哪些农畜产品比上年减产了？"),
        hits(
            ("二、农牧业", "全县新建标准化养殖场9个，有机畜产品认证草场面积达到310万亩。"),
            ("二、农牧业", table),
            meta=BULLETIN,
        ),
    )
    assert chosen(a) == "春小麦、油料、羊毛"


def test_a_table_row_under_year_columns_is_read_by_its_column_not_its_section():
    from rag.answer.fit import context_cues

    query = parse_query("某县2025年乐器产业产值多少？")
    row = hits(
        ("第二章　“十五五”时期主要目标", "经济发展 | 乐器产业产值（亿元） | 35 | 60 | 11.4% | 预期性"),
        meta=PLAN,
    )[0]
    head = "类别 | 指标 | 2025年 | 2030年 | 年均增长〔累计〕 | 属性"
    assert "ctx:unmarked in plan" not in context_cues(query, row, f"{head}\n{row.chunk.text}")
    said = hits(("第二章　“十五五”时期主要目标", "乐器产业年产值达到60亿元。"), meta=PLAN)[0]
    assert "ctx:unmarked in plan" in context_cues(query, said, said.chunk.text)
    # a chapter's heading names a topic, and answers nothing of a list asked under it
    a = answer(
        parse_query("某县的“一城两区”指哪几个地方？"),
        hits(
            (
                "第三章　构建“一城两区”发展格局",
                "第三章　构建“一城两区”发展格局\n“一城两区”即县城、群科新区和甘都工业园区。",
            ),
            meta=PLAN,
        ),
    )
    assert "第三章" not in (chosen(a) or "")


def test_a_short_form_is_the_measure_it_shortens():
    from rag.answer.subjects import row_of_another_kind

    assert not row_of_another_kind(
        "阿瓦提今年长绒棉机采一亩多少钱?", "长绒棉机械采收 每亩", "作业项目 计价单位 2026年指导价"
    )
    assert row_of_another_kind("某县森林蓄积量是多少?", "森林覆盖率", "指标 2025年 2030年")


def test_the_meaning_of_a_term_is_what_the_text_says_it_is():
    assert parse_query("武强“一城两区三带”里的两区指的是什么？").term == "两区"
    assert parse_query("两区在哪里？").term is None
    text = "构建“一城两区三带”发展格局。“一城”即武强县城，“两区”即武强经济开发区和周窝音乐小镇文旅融合发展区，“三带”即古河道生态文化带。"
    a = answer(
        parse_query("武强“一城两区三带”里的两区指的是什么？"),
        hits(("第三章　优化县域空间格局", text), meta=PLAN),
    )
    assert chosen(a) == "武强经济开发区和周窝音乐小镇文旅融合发展区"


def test_a_row_that_names_no_kind_is_the_usual_ones():
    from rag.answer.subjects import row_of_another_kind

    question = "什刹海冰场成人滑冰票多少钱?"
    assert not row_of_another_kind(question, "滑冰入场票 当日有效，不限时", "项目 价格 备注")
    assert row_of_another_kind("某县玉米产量是多少?", "粮食", "产品名称 单位 产量")  # another kind, as before
