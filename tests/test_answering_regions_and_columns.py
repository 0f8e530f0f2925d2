"""Causes of qa_blind46/47's misses, on invented text: a 「还是」 choice worded 算…还是…的, a zone that opens the
sentence as the subject of the clause after it, an age in Chinese numerals against a table's 「100周岁及以上」, Hong
Kong's eight-digit telephone numbers, Cantonese 邊個電話 and 而家, a notice of no place that is about the place asked
(its districts, its currency), the column of the figures after a change (「现行金额 | 2026年起金额」), a clock time in
Chinese numerals, 欠…债 for the debt outstanding, 高级中学 for 高中 and a body for 哪个部门, 多少年以前出生 asking a day,
a notice's plan for its own year that holds no result of the year before, and a date that
only repeats the question's; what is charged (收多少) is money; a whole's figure asked of a part named in it; profit
is not revenue; 「1万5千元」 is one sum; grain's total is no peanut's; 三九 is not 三伏, nor a motorcycle a car; a fine asked is the range
whole, found under 罚款; the words where 哪天 stands must speak of a time; where a
hotline was is a place."""

from dataclasses import replace
from types import SimpleNamespace

from rag.answer import answer, spans
from rag.answer.candidates import candidates, content_terms
from rag.answer.fit import context_cues
from rag.answer.subjects import part_named
from rag.api import _docs_about, _uncovered_place
from rag.places import about, find_place, town_names
from rag.query import find_options, normalise, parse_query
from rag.types import CleanDoc, DocMeta
from tests.test_answering import chosen, hits

PLAN = DocMeta(
    "某县国民经济和社会发展第十五个五年规划纲要", "某县", 2026, "规划", "2026-01-20", None, "plan.txt"
)
NOTICE = DocMeta("某县民政局高龄津贴申领发放办事指南", "某县", 2026, "其他", "2026-03-05", None, "n.txt")


def test_a_choice_worded_suan_or_ending_in_de_offers_both():
    # 「算A还是B」 offers A and B as 「是A还是B」 does; 「还是预期性的」 offers 预期性 (its 的 is no part of it)
    assert find_options("平均受教育年限算约束性还是预期性指标？")[:2] == ("约束性", "预期性指标")
    assert find_options("森林覆盖率是约束性指标还是预期性的？")[:2] == ("约束性指标", "预期性")
    # where one option carries the class noun, what tells them apart is found on the shorter length
    assert find_options("森林覆盖率是约束性指标还是预期性的？")[2:] == ("约束", "预期")
    assert find_options("是北京大学还是清华？") == ("北京大学", "清华")  # nothing shared: no cores
    row = "绿色生态 | 森林覆盖率 | % | 68.9 | 69 | — | 约束性"
    table = ("第二节 主要指标", "类别 | 指标 | 单位 | 2025年 | 2030年 | 年均增长/累计 | 属性\n" + row)
    a = answer(parse_query("某县规划里森林覆盖率是约束性指标还是预期性的？"), hits(table, meta=PLAN))
    assert chosen(a) == "约束性"


def test_a_zone_that_opens_the_sentence_is_the_subject_of_the_clause_after_it():
    text = (
        "玄武山景区完成提升改造，全年接待游客186万人次；全市全年接待游客612.4万人次，实现旅游总收入48.9亿元。"
    )
    a = answer(parse_query("去年到某县旅游的一共有多少人次？"), hits(("（三）文旅消费持续升温", text)))
    assert chosen(a) == "612.4万人次"
    # a place's name inside a zone's (玄武 is a district of 南京) is part of the zone's name
    assert ("玄武山景区", "武山景区") in town_names("玄武山景区完成提升改造，")
    assert ("碣石镇",) in town_names("陆丰市碣石镇")  # the county before a town is still not the town's
    # the lead's zone is no subject of a clause with its own, nor one a verb opens; the zone asked lies in its town
    assert not part_named("某县A级景区接待游客多少?", "某县", "A级景区年接待游客", "加快景区向度假化转型,")
    assert not part_named("某县今年改造多少个老旧小区?", "某县", "改造城镇老旧小区", "启动重钢片区有机更新,")
    assert part_named("某县去年接待游客多少?", "某县", "全年接待游客", "玄武山景区完成提升改造,")
    assert not part_named("去年亢谷景区来了多少游客?", "某县", "东安镇亢谷景区接待游客")


def test_an_age_in_chinese_numerals_meets_the_tables_digits():
    assert normalise("百岁老人的高龄津贴每个月多少？") == "100岁老人的高龄津贴每个月多少?"
    assert normalise("年满六十五周岁") == "年满65周岁"
    assert normalise("七八十岁的老人") == "七八十岁的老人"  # a range, not one age
    assert "100岁" in content_terms(parse_query("某县百岁老人的高龄津贴每个月多少？"))
    rows = "年龄段 | 每人每月 | 每人每年\n80—89周岁 | 100元 | 1200元\n90—99周岁 | 300元 | 3600元\n"
    rows += "100周岁及以上 | 1000元 | 12000元"
    a = answer(parse_query("某县百岁老人的高龄津贴每个月多少？"), hits(("二、发放标准", rows), meta=NOTICE))
    assert chosen(a) == "1000元"


def test_hong_kong_numbers_written_as_two_fours_are_telephone_numbers():
    clause = "有需要人士亦可于办公时间内致电民政事务总署热线2835 1473查询。"
    assert [clause[a:b] for a, b in spans.phones(clause)] == ["2835 1473"]
    assert spans.phones("2025 2026年") == []  # two years
    assert spans.phones("共计1234 5678元") == []  # an amount


def test_cantonese_which_number_and_now():
    query = parse_query("想查詢避寒中心可以打民政署邊個電話？")
    assert query.kind != "person" and query.phone  # 邊個 before 電話 asks which number, not who
    assert "现在" in parse_query("澳門失業津貼而家每日加到幾多錢？").text


def test_a_notice_of_no_place_about_the_place_asked_answers_it():
    hk = find_place("香港")
    assert hk is not None
    districts = "东区：柴湾社区会堂\n深水埗：南昌社区中心\n油尖旺：大角咀社区中心\n观塘：牛头角社区会堂"
    assert about(districts, hk)  # its districts name it, though 香港 is never written
    assert about(
        "养老金由每月澳门元3,740元调升。行政法规已刊登于《澳门特别行政区公报》。", find_place("澳门")
    )
    assert not about("沈括，钱塘人，曾知杭州，晚年居润州、镇江，著《梦溪笔谈》。", hk)
    assert not about("南昌社区中心开放。", hk)  # one place named once says too little
    meta = DocMeta("民政事务总署开放临时避寒中心", None, 2026, "其他", "2026-01-22", None, "hk.txt")
    doc = CleanDoc("hk", districts, meta, None, ())  # type: ignore[arg-type]
    index = SimpleNamespace(docs={"hk": doc})
    query = parse_query("香港的临时避寒中心今次几点开始开放？")
    uncovered = _uncovered_place(query, index)  # type: ignore[arg-type]
    text = "由于天文台已发出寒冷天气警告，民政事务总署今日下午四时半起开放十四个社区会堂作为临时避寒中心。"
    found = hits(("", text), meta=meta)
    held = [replace(h, chunk=replace(h.chunk, doc_id="hk")) for h in found]
    assert uncovered and _docs_about(query, index, uncovered, held) == {"hk"}  # type: ignore[arg-type]
    assert _docs_about(query, index, uncovered, []) == frozenset()  # type: ignore[arg-type]  # only the hits' documents
    assert candidates(query, found, None, uncovered) == []  # the passage never names 香港
    picked = candidates(query, found, None, uncovered, frozenset({"doc"}))
    assert picked and found[0].chunk.text[picked[0].span[0] : picked[0].span[1]] == "下午四时半"


def test_a_clock_time_in_chinese_numerals_is_a_time():
    for clause, time in (("今日下午四时半起开放", "下午四时半"), ("上午九时正开门", "上午九时正")):
        assert [clause[a:b] for a, b in spans.dates(clause)] == [time]
    assert spans.dates("第一时间到场") == []


def test_the_column_after_a_change_is_the_one_asked_after_it():
    rows = "给付项目 | 现行金额 | 2026年起金额\n失业津贴（每日） | 165元 | 172元\n出生津贴（每名婴儿） | 5,418元 | 5,600元"
    meta = DocMeta("社会保障基金新闻稿", "某县", 2025, "其他", "2025-12-18", None, "n.txt")
    after = answer(parse_query("某县出生津贴调升之后是多少？"), hits(("二、其他津贴", rows), meta=meta))
    assert chosen(after) == "5,600元"
    now = answer(parse_query("某县失业津贴现在每日加到多少钱？"), hits(("二、其他津贴", rows), meta=meta))
    assert chosen(now) == "172元"
    before = answer(parse_query("某县出生津贴调整之前是多少？"), hits(("二、其他津贴", rows), meta=meta))
    assert chosen(before) == "5,418元"  # 现行: in force until the change


def test_owing_a_debt_is_the_debt_outstanding():
    text = "省财政厅下达我县新增政府债券额度9.8亿元，其中新增一般债券2.2亿元。截至2025年底，全县政府债务余额112.6亿元，控制在限额以内。"
    assert "债务余额" in content_terms(parse_query("某县政府一共欠了多少债？"))
    a = answer(parse_query("某县政府一共欠了多少债？"), hits(("（五）政府债务情况", text)))
    assert chosen(a) == "112.6亿元"


def test_a_body_answers_which_department_and_gaozhong_is_gaoji_zhongxue():
    text = "申请高级中学、中等职业学校教师资格的，由保定市教育局负责认定，不在本次认定范围内。"
    meta = DocMeta(
        "某县教育局关于2026年上半年中小学教师资格认定工作的公告",
        "某县",
        2026,
        "其他",
        "2026-03-30",
        None,
        "n.txt",
    )
    a = answer(parse_query("某县想认定高中教师资格要找哪个部门？"), hits(("一、认定范围", text), meta=meta))
    assert chosen(a) == "保定市教育局"


def test_born_before_which_year_asks_a_day():
    query = parse_query("某县免费体检要求多少年以前出生的老人？")
    assert query.kind == "date" and query.date_unit == "年"
    text = "在我县居住半年以上、1961年12月31日以前出生的常住居民（含户籍和非户籍人口）。"
    assert chosen(answer(query, hits(("一、体检对象", text), meta=NOTICE))) == "1961年12月31日"
    assert parse_query("这座桥是多少年以前建的？").kind != "date"  # how many years ago: a number


def test_a_notices_plan_for_its_year_holds_no_result_of_the_year_before():
    meta = DocMeta("某县2026年创业担保贷款申请指南", "某县", 2026, "其他", "2026-03-05", None, "n.txt")
    planned = hits(
        ("", "现将2026年创业担保贷款申请有关事项公布如下。全年计划发放创业担保贷款1.2亿元。"), meta=meta
    )
    query = parse_query("某县2025年一共发放了多少创业担保贷款？")
    cues = context_cues(query, planned[0], "全年计划发放创业担保贷款1.2亿元。")
    assert "ctx:year not held" in cues and "ctx:year held" not in cues
    done = context_cues(query, planned[0], "全年发放创业担保贷款1.1亿元，入围省级培育计划8家。")
    assert "ctx:year held" in done  # what was done in the year before, and a programme named 计划


def test_a_date_the_question_says_itself_answers_no_when():
    meta = DocMeta(
        "某县教育局关于2026年上半年教师资格认定工作的公告", "某县", 2026, "其他", "2026-03-30", None, "n.txt"
    )
    later = hits(("四、其他事项", "3.2026年下半年教师资格认定工作安排另行公告。"), meta=meta)
    a = answer(parse_query("某县2026年下半年的教师资格认定什么时候网上申报？"), later)
    assert a.refused and chosen(a) != "2026年下半年"


def test_what_is_charged_is_money():
    assert parse_query("某县普通高中的课后服务一学期收多少？").units == ("元",)  # not 4.5个月 of the term
    assert "元" not in parse_query("某县今年收多少学生？").units
    assert parse_query("某县去年玉米收了多少？").units == ()  # a harvest


def test_a_wholes_figure_is_not_its_parts():
    question = parse_query("某县去年新增城镇就业里高校毕业生有多少人？")
    whole = candidates(question, hits(("一、2025年工作回顾", "新增城镇就业1.86万人，城镇调查失业率5.3%。")))
    assert whole and whole[0].factors.get("span:counterpart named") == 1.0
    broken_down = "新增城镇就业1.86万人，其中高校毕业生6200人。"
    assert chosen(answer(question, hits(("一、2025年工作回顾", broken_down)))) == "6200人"


def test_profit_is_not_revenue():
    from rag.answer.subjects import counterpart_named

    assert counterpart_named("樟树的白酒产业去年利润有多少?", "白酒产业实现营收69.5亿元;")
    assert not counterpart_named("公司利润多少?", "营收10亿元,净利润3亿元")  # both named: the sentence tells


def test_a_sum_in_ten_thousands_and_thousands_is_one_figure():
    for clause, sum_ in (
        ("单颚每人补助1万5千元", "1万5千元"),
        ("共3万5千人次", "3万5千人次"),
        ("18亿3,460万元", "18亿3,460万元"),
    ):
        assert [clause[a:b] for a, b, _ in spans.quantities(clause)] == [sum_]
    assert [c for *_, c in spans.quantities("1万人，5千元")] == ["万人", "千元"]  # two figures


def test_a_total_of_another_kind_and_the_other_side_of_a_season_or_a_licence():
    from rag.answer.subjects import counterpart_named, sibling_named

    assert sibling_named("某县2025年花生产量是多少?", "粮食总产量85.73万吨,")  # grain's total is no peanut's
    assert not sibling_named("某县2025年粮食产量是多少?", "粮食总产量85.73万吨,")
    assert counterpart_named("某县中医医院今年冬至三九贴什么时候开始?", "三伏贴贴敷公告")
    assert counterpart_named("某县考摩托车科目二收费多少?", "小型汽车(c1、c2)每人次150元;")


def test_a_fine_asked_is_the_range_whole_unless_a_bound_is_asked():
    text = "违反本通告规定使用工具采集的，由林业主管部门没收采集工具和浆果，并处以200元以上1000元以下罚款。"
    fined = hits(("六、法律责任", text))
    assert chosen(answer(parse_query("某县用耙子采蓝莓被抓到罚多少钱？"), fined)) == "200元以上1000元以下"
    assert chosen(answer(parse_query("某县用耙子采蓝莓最多罚多少钱？"), fined)) == "1000元以下"
    assert "罚款" in parse_query("某县用耙子采蓝莓被抓到罚多少钱？").search_text  # what the notice says


def test_words_where_when_stands_must_speak_of_a_time():
    text = (
        "“冬病夏治”三伏贴是我院特色中医外治疗法，现将贴敷安排公告如下：\n头伏（初伏）：7月15日\n中伏：7月25日"
    )
    a = answer(parse_query("某县中医院今年头伏三伏贴是哪天？"), hits(("", text), meta=NOTICE))
    assert chosen(a) == "7月15日"
    war = "淝水之战发生在东晋时期，前秦军队南下。"
    assert chosen(answer(parse_query("淝水之战发生在什么时候？"), hits(("", war)))) == "东晋时期"


def test_where_a_hotline_was_is_a_place_not_a_number():
    assert not parse_query("生命热线的旧会址在哪里？").phone
    assert parse_query("热线电话是多少？").phone
