"""Causes of qa_blind58/59's misses, on invented text: the rows of a table that fell are the list of what fell, a
table's caption answers nothing, a place's short name inside a programme's name (「银龄安康」) is no place asked, a
deadline is the end of a span (not a day that opens something, nor a year alone, nor a day years from the year
asked), a which-question is not answered by the one thing it names, a figure cut from its unit by a PDF's line is
joined again, 1. items sit under （一） items, a report's delivery line answers only questions about its meeting, a
place the gazetteer does not know (杨家埠) is asked like a town, and a total is no one row of a table of parts."""

from types import SimpleNamespace

from rag.answer import answer, spans, tables
from rag.answer.candidates import canon
from rag.answer.fit import wording_cues
from rag.answer.subjects import counterpart_named, row_of_another_kind
from rag.cleaning.headings import find_headings, section_path
from rag.query import parse_query
from rag.readers.layout import join_broken
from rag.types import DocMeta
from tests.test_answering import chosen, hits

BULLETIN = DocMeta(
    "某县2025年国民经济和社会发展统计公报", "某县", 2025, "统计公报", "2026-03-20", None, "b.txt"
)
NOTICE = DocMeta("关于某县2026年春季景区门票减免的公告", "某县", 2026, "公告", "2026-02-10", None, "n.txt")
PLAN = DocMeta("某市第十五个五年规划纲要（节选）", "某市", 2026, "规划", "2026-01-20", None, "p.txt")

TABLE = (
    "产品名称 | 单位 | 产量 | 比上年增长（%）\n粮食 | 万吨 | 25.86 | 3.2\n其中：玉米 | 万吨 | 19.42 | 5.1\n"
    "谷子 | 万吨 | 1.37 | -4.2\n豆类 | 万吨 | 0.86 | -2.7\n蔬菜 | 万吨 | 12.64 | 3.9"
)


def test_the_rows_that_fell_are_the_list_of_what_fell():
    header = TABLE.split("\n", 1)[0]
    assert [TABLE[a:b] for a, b in tables.declined_rows(TABLE, 0, header)] == ["谷子", "豆类"]
    a = answer(
        parse_query("某县去年哪些农产品比上年减产了？"),
        hits(("二、农业", "表1 2025年主要农产品产量及增长速度"), ("二、农业", TABLE), meta=BULLETIN),
    )
    assert not a.refused and "谷子" in a.short and "豆类" in a.short and "玉米" not in a.short


def test_a_tables_caption_answers_nothing():
    a = answer(
        parse_query("某县去年有哪些主要农产品？"),
        hits(("二、农业", "表1 2025年主要农产品产量及增长速度"), meta=BULLETIN),
    )
    assert chosen(a) is None


def test_a_place_inside_a_programmes_name_is_no_place_asked():
    from rag.api import _uncovered_place

    text = "英山县民政局\n关于做好二〇二六年度老年人意外伤害保险（银龄安康工程）参保工作的通知\n（二）B档：每人每年保费50元。"
    docs = {
        "n": SimpleNamespace(
            meta=SimpleNamespace(city="英山", title="关于…（银龄安康工程）参保工作的通知"), text=text
        )
    }
    index = SimpleNamespace(docs=docs)
    assert _uncovered_place(parse_query("英山银龄安康B档一年交多少钱？"), index) == ()
    # a place named beside it, not inside words the report writes, is still asked about
    assert _uncovered_place(parse_query("英山到安康的大巴票价多少？"), index) == ("安康市", "安康")


def test_a_deadline_is_the_end_of_a_span_not_a_day_that_opens_something():
    passages = hits(
        ("二、景区门票减免及开放安排", "新措景区 | 暂停开放 | 2026年4月1日起恢复开放"),
        ("", "我县于2025年12月1日至2026年3月15日开展冬春季旅游惠民活动。"),
        meta=NOTICE,
    )
    assert chosen(answer(parse_query("某县冬季景区免门票到哪天结束？"), passages)) == "2026年3月15日"
    # nor is a year alone: 「现就我县2026年…申报工作公告如下」
    intro = hits(
        ("", "现就我县2026年农村危房改造补助申报工作公告如下："),
        ("三、申报时间", "危房改造补助申报时间为2026年3月2日至4月30日，逾期不再受理。"),
        meta=NOTICE,
    )
    assert chosen(answer(parse_query("某县危房改造补助什么时候截止申报？"), intro)) == "4月30日"


def test_a_day_years_from_the_year_asked_is_no_deadline_but_a_birthday_may_be():
    born = "4．年满60周岁，即1966年1月1日至1966年12月31日期间出生的人员本年度为新增申报对象。"
    apply = "1．个人申报：符合条件的人员于2026年3月1日至4月15日，持相关材料提出申请，逾期不再受理。"
    passages = hits(("一、申报对象和条件", born), ("三、申报程序和时间", apply), meta=NOTICE)
    assert chosen(answer(parse_query("某县今年计生奖扶最晚什么时候申报？"), passages)) == "4月15日"
    school = hits(("一、招生对象", "2019年8月31日前（含当日）出生、年满6周岁的适龄儿童。"), meta=NOTICE)
    assert "2019年8月31日" in chosen(answer(parse_query("孩子要在哪天之前出生今年才能上一年级？"), school))


def test_a_which_question_is_not_answered_by_the_one_it_names():
    table = (
        "景区名称 | 等级 | 活动期间门票 | 冬季开放时间\n巴松措景区 | 国家5A级 | 免费 | 10:00—17:30\n"
        "新措景区 | 国家4A级 | 暂停开放 | —\n太昭古城 | 国家3A级 | 免费 | 全天"
    )
    a = answer(parse_query("巴松措那边冬天哪个景区不开放？"), hits(("二、景区门票减免", table), meta=NOTICE))
    assert chosen(a) == "新措景区"


def test_a_figure_cut_from_its_unit_at_a_pdfs_line_end_is_joined_again():
    lines = [
        "一、2025年预算执行情况：一般公共预算、政府性基金预算和国有资本经营预算执行情况如下。",
        "2025年，全县一般公共预算收入完成4.26",  # short of the page's width: no line that runs on
        "亿元，为预算的100.7%，比上年增长2.9%。",
        "2026年",
        "目标是增长5%。",
    ]
    assert (
        join_broken(lines)[1] == "2025年，全县一般公共预算收入完成4.26亿元，为预算的100.7%，比上年增长2.9%。"
    )
    assert join_broken(lines)[2:] == ["2026年", "目标是增长5%。"]  # a year is no figure cut from its unit


def test_numbered_lines_are_items_of_the_item_above():
    text = "三、办理须知\n（二）服务时间\n1.夏季：周一至周六8:30—16:30；\n2.冬季：周一至周六9:00—15:30；"
    path = section_path(find_headings(text), text.index("2.冬季"))
    assert path.startswith("三、办理须知 > （二）服务时间 > 2.冬季")


def test_a_reports_delivery_line_answers_only_about_its_meeting():
    report = DocMeta("2026年某县政府工作报告", "某县", 2026, "政府工作报告", "2026-01-15", None, "r.txt")
    line = "——2026年1月15日在某县第十八届人民代表大会第五次会议上"
    passages = hits(("", line), meta=report)
    assert chosen(answer(parse_query("某县国际龙虾节今年几月几号开幕？"), passages)) is None
    assert chosen(answer(parse_query("某县这次政府工作报告是在哪个会上作的？"), passages)) is not None


def test_a_place_the_gazetteer_does_not_know_is_asked_like_a_town():
    from rag.api import _uncovered_place

    text = "杨家埠民俗艺术大观园接待游客386万人次。全区全年实现旅游总收入58.3亿元。"
    docs = {
        "r": SimpleNamespace(meta=SimpleNamespace(city="寒亭", title="2026年寒亭区政府工作报告"), text=text)
    }
    assert _uncovered_place(parse_query("杨家埠去年的旅游收入有多少？"), SimpleNamespace(docs=docs)) == (
        "杨家埠",
    )


def test_a_total_is_no_one_row_of_a_table_of_parts():
    rows = (
        "序号 | 学校 | 受助人数 | 发放金额（元）\n1 | 第一高级中学 | 620 | 585,000\n"
        "2 | 第二高级中学 | 540 | 510,000"
    )
    total = "其中一档896人，二档1,199人，共发放资金2,019,250元，全部由中央和省级资金承担。"
    grants = DocMeta(
        "某县2025年秋季学期普通高中国家助学金发放情况公示", "某县", 2025, "公示", "2025-12-01", None, "g.txt"
    )
    a = answer(
        parse_query("某县这学期普通高中助学金一共发了多少钱？"),
        hits(("三、各校发放明细", rows), ("二、总体情况", total), meta=grants),
    )
    assert chosen(a) == "2,019,250元"


def test_words_of_place_time_and_measure():
    # a place is no kind of what it names (「浑源黄芪」 is 浑源's 黄芪, not another kind than the row's)
    assert not row_of_another_kind("浑源黄芪去年产了多少?", "黄芪", "产品名称 | 单位 | 产量")
    # 「冬春季」 is the winter asked too; 冬天 is 冬季
    a = answer(
        parse_query("某县冬天检测站几点关门？"),
        hits(("（二）服务时间", "2.冬季（11月1日至次年3月31日）：周一至周六9:00—15:30；"), meta=NOTICE),
    )
    assert chosen(a) == "15:30"
    assert parse_query("景区一天最多能进多少人？").units == ("人", "人次", "名", "位")
    assert parse_query("某县村里人一年人均能挣多少钱？").rural
    daily = (
        "严格执行景区游客承载量管控，日最大承载量控制在1.8万人次以内，到2030年年接待游客控制在300万人次以内。"
    )
    assert (
        chosen(answer(parse_query("景区一天最多能进多少人？"), hits(("第三章", daily), meta=PLAN)))
        == "1.8万人次以内"
    )
    assert spans.dates("2026年3月1日至4月15日")  # (the date finder itself is unchanged)


def test_the_papers_to_bring_are_the_items_under_the_heading_of_materials():
    items = (
        "四、申报材料\n（一）《某县农村部分计划生育家庭奖励扶助对象申报表》一式三份；\n"
        "（二）本人及配偶居民身份证、户口簿原件及复印件；\n（三）结婚证（或离婚证、配偶死亡证明）原件及复印件；"
    )
    a = answer(parse_query("在某县申请计生奖扶要带哪些证件？"), hits(("四、申报材料", items), meta=NOTICE))
    assert not a.refused and all(paper in a.short for paper in ("身份证", "户口簿", "结婚证"))


def test_a_clause_without_a_year_is_of_the_year_its_sentence_opened_with():
    notice = DocMeta(
        "某县2026年春节后开行外出务工免费专车的公告", "某县", 2026, "其他", "2026-02-01", None, "z.txt"
    )
    passages = hits(("", "今年计划开行3条线路，共运送640人。"), meta=notice)
    a = answer(parse_query("某县去年春节后用专车一共送出去多少人？"), passages)
    assert a.refused  # this year's plan, not last year's count
    assert not answer(parse_query("某县今年春节后专车计划运送多少人？"), passages).refused


def test_a_deadline_is_no_counters_hours_nor_a_span_of_years():
    passages = hits(
        ("四、申请方式", "（三）于流动服务站递交，服务时间为每周六上午十时至下午五时。"),
        ("三、申请期", "二〇二六年四月七日至六月三十日。申请人须于申请期内递交申请。"),
        ("六、其他", "（二）已于二〇二三年至二〇二五年获资助的单位，可申请更换资助。"),
        meta=DocMeta(
            "「二〇二六年度低洼地区挡水板资助计划」公告", "某县", 2026, "公告", "2026-03-30", None, "w.txt"
        ),
    )
    assert chosen(answer(parse_query("挡水板资助几时截止申请？"), passages)) == "六月三十日"


def test_a_fine_is_no_cost_and_this_years_money_no_last_winters():
    notice = DocMeta(
        "关于做好2026—2027年度冬季清冰雪工作的通告", "某县", 2026, "其他", "2026-11-10", None, "x.txt"
    )
    passages = hits(
        ("七、违规处理", "逾期不改正的，依法处100元以上500元以下罚款。"),
        ("五、保障措施", "市财政安排本年度清冰雪专项经费680万元，用于机械租用和融雪剂采购。"),
        meta=notice,
    )
    asked = parse_query("某县上一个冬天清雪一共花了多少钱？")
    assert answer(asked, passages).refused
    assert "words:a fine for a cost" in wording_cues(asked, "逾期不改正的，依法处100元以上500元以下罚款。")
    assert counterpart_named(canon(asked.text), canon("市财政安排本年度清冰雪专项经费680万元"))
    assert chosen(answer(parse_query("某县不及时清雪罚多少钱？"), passages)) == "100元以上500元以下"


def test_an_industrys_share_is_read_from_the_structure_of_the_three():
    text = "第三产业增加值40.17亿元，增长5.7%。三次产业结构为26.2:15.1:58.7。"
    a = answer(parse_query("某县第三产业占经济总量的比重是多少？"), hits(("一、综合", text), meta=BULLETIN))
    assert chosen(a) == "58.7"
    a = answer(parse_query("某县第一产业占比多少？"), hits(("一、综合", text), meta=BULLETIN))
    assert chosen(a) == "26.2"


def test_a_part_listed_in_a_clause_before_is_not_whose_figure():
    from rag.answer.subjects import whole_for_part

    sentence = (
        "东溪古镇、古剑山景区提档升级，农民版画走进全国12个城市巡展，全年接待游客2380万人次、增长11.2%。"
    )
    assert whole_for_part(
        canon("某区东溪古镇去年接待游客多少人次?"), canon("全年接待游客2380万人次、"), canon(sentence)
    )
    labelled = "（二）鹿港镇、福兴乡、秀水乡：3月16日至3月18日"  # the list labels its own days
    assert not whole_for_part(
        canon("鹿港镇的役男要哪几天去体检?"), canon("3月16日至3月18日"), canon(labelled)
    )


def test_a_fine_asked_is_met_by_a_fine():
    clause = "（一）狂犬病疫苗注射每剂新台币100元（含注射证明书及颈牌）。"
    assert "words:a cost for a fine" in wording_cues(parse_query("不给狗打狂犬病疫苗会被罚多少？"), clause)
    assert not wording_cues(parse_query("给狗打狂犬病疫苗一剂多少钱？"), clause)
