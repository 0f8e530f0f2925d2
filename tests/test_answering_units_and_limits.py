"""Causes of qa_blind36/37's misses, on invented text: money asked without 多少钱 (掏的钱, 多少救助), packets and
months counted, a rate per thousand people that counts no people, how long in Cantonese, days a notice's limit writes
as 日, a count whose noun a table's header names, the bound asked said before what it bounds, the office 哪个课去
asks, a part's numbering that names nothing, a body's name (after a preposition, with a verb inside, an office 课),
a notice's quoted title, the sentence that leaves the time asked to later, the rule of the range the asker's own
figure falls in, and the top of a list whose last items share a figure."""

from rag.answer import answer, spans
from rag.cleaning import clean_bytes
from rag.query import find_head, parse_query
from tests.test_answering import chosen, hits

PARA = "这是一段足够长的正文，用来让清洗器认出正文从这里开始，其中写明了若干事实和数字，共计12项。"


def test_money_asked_without_the_words_how_much_money():
    assert parse_query("做手术自己掏的钱最多能补多少？").units == ("元",)
    assert parse_query("晚期病人一年最多能拿多少救助？").units == ("元",)
    assert parse_query("一年能领多少救助金？").units == ("元",)
    assert parse_query("救助了多少人？").units == ("人",)  # a count said after 多少 wins


def test_packets_bags_and_bottles_are_counted():
    clause = "居民可凭身份证到居委会免费领取毒饵，每户限领2包，每包50克；"
    assert [clause[a:b] for a, b, _ in spans.quantities(clause)] == ["2包", "50克"]
    assert parse_query("每户能免费领几包灭鼠毒饵？").units == ("包",)


def test_months_of_rent_are_counted_in_months():
    assert parse_query("中签以后，保证金要交几个月租金？").units == ("个月",)


def test_a_rate_per_thousand_people_counts_no_people():
    assert "人" not in parse_query("到2030年每千人口托位数要达到多少？").units
    assert parse_query("全县常住人口有多少？").units == ("人",)


def test_how_long_in_cantonese_is_a_duration_in_days_too():
    units = parse_query("訂咗營位又冇取消，會被停預約幾耐？").units
    assert "天" in units and "日" in units


def test_days_a_notices_limit_writes_as_ri_are_a_quantity_a_dates_day_is_not():
    def said(clause: str) -> list[str]:
        return [clause[a:b] for a, b, _ in spans.quantities(clause)]

    assert said("没有取消的帐户，预约资格将被暂停90日。") == ["90日"]
    assert said("公示期为7日，") == ["7日"]
    assert said("报名于25日，") == [] and said("3月15日至20日。") == [] and said("每月10日。") == []
    a = answer(
        parse_query("订了营位没去又没取消，会被停预约多久？"),
        hits(
            (
                "三、预约安排",
                "如需取消，须于使用日期前3日或之前在网上办理。没有使用而又没有取消的帐户，预约资格将被暂停90日。",
            )
        ),
    )
    assert chosen(a) == "90日"


def test_a_count_whose_noun_the_tables_header_names():
    table = (
        "参与试行计划的四个营地的营位数目如下：\n营地 | 营位总数 | 可供网上预约\n"
        "东湾营地 | 65个 | 52个\n南湾营地 | 45个 | 36个\n西湾营地 | 30个 | 24个"
    )
    side = ("四、其他", "试行期间，署方会在东湾营地增设两个流动厕所。")
    a = answer(parse_query("东湾营地有多少个营位可以网上预约？"), hits(("二、营位", table), side))
    assert chosen(a) == "52个"


def test_a_bound_is_read_before_what_it_bounds():
    from rag.answer.candidates import _bound_of

    clause = "即每户最高补贴1,000元"
    assert _bound_of(clause, (clause.index("1"), len(clause))) == "upper"
    clause = "每户最低补贴200元"
    assert _bound_of(clause, (clause.index("2"), len(clause))) == "lower"
    clause = "每户补贴200元"
    assert _bound_of(clause, (clause.index("2"), len(clause))) is None


def test_the_office_one_goes_to_is_asked_not_a_word_with_the_verb():
    assert find_head("摊位要到市公所哪个课去申请？") == "课"
    assert find_head("补贴由哪个单位来发？") == "单位"
    assert find_head("哪个部门负责？") == "部门"


def test_a_parts_numbering_names_nothing():
    text = "二、申请资格：年满18岁，且本人及配偶均未承租本市其他公有市场摊位者。"
    a = answer(parse_query("摊位要到市公所哪个课去申请？"), hits(("二、申请资格", text)))
    assert a.short != "二、"


def test_a_bodys_name_after_a_preposition_the_tagger_reads_as_a_noun():
    question = "煤改电的取暖补贴由哪个单位来发？"
    clause = "“煤改电”用户补贴由县供电公司按采暖季实际用电量核算，"
    assert [clause[a:b] for a, b in spans.organisations(clause, question)] == ["县供电公司"]
    clause = "由区疾病预防控制中心（以下简称区疾控中心）采用粘鼠板法进行抽样评估，"
    assert spans.organisations(clause, question)[0] == (
        1,
        10,
    )  # 区疾病预防控制中心: what it does inside its name
    clause = "十一、洽询电话：本处保育研究课（08）886-1327，"
    assert [clause[a:b] for a, b in spans.organisations(clause, "可以打电话问哪个课？")] == ["保育研究课"]
    clause = "经县政府同意，"
    assert [clause[a:b] for a, b in spans.organisations(clause, question)] == ["县政府"]


def test_a_notices_long_quoted_title_is_its_title():
    title = "某某县住房和城乡建设局 某某县财政局关于做好2025—2026年采暖季农村“煤改气”“煤改电”取暖运行补贴发放工作的通知"
    text = f"首页 > 通知公告\n{title}\n发布时间：2025-11-10　来源：县住建局\n\n{PARA}\n{PARA}\n"
    doc = clean_bytes(text.encode(), "tongzhi.txt")
    assert doc.meta.title == title.replace(" ", "")


def test_the_sentence_that_leaves_the_time_asked_to_later_answers_nothing():
    from rag.answer.candidates import content_terms

    assert "时候" not in content_terms(parse_query("秋季统一灭鼠是什么时候？"))
    text = (
        "2026年3月16日（星期一）至4月17日（星期五）为春季统一灭鼠活动时间。"
        "春季全区共投放毒饵11.2吨。秋季统一灭鼠活动时间另行通知。"
    )
    assert answer(parse_query("秋季统一灭鼠是什么时候？"), hits(("七、其他事项", text))).refused
    assert (
        chosen(answer(parse_query("春季统一灭鼠从哪天开始？"), hits(("七、其他事项", text))))
        == "2026年3月16日"
    )


def test_the_rule_of_the_range_the_askers_own_figure_falls_in():
    from rag.answer.candidates import _range_holds

    rules = (
        "60周岁以上老年人可申请办理老年卡，按年龄享受以下优惠：",
        "1．60周岁至64周岁：乘坐城区公交线路享受半价优惠；乘坐城乡公交线路按票价8折。",
        "2．65周岁至69周岁：乘坐城区公交线路免费；乘坐城乡公交线路按票价5折。",
        "3．70周岁以上：乘坐城区公交和城乡公交线路均免费。",
    )
    asked = "我妈67岁，坐城乡公交怎么收费？"
    assert [_range_holds(asked, rule) for rule in rules] == [True, False, True, False]
    assert (
        _range_holds(asked, "女性年龄不超过50周岁。") is False
        and _range_holds(asked, "全年客运量587万人次。") is None
    )
    a = answer(parse_query(asked), hits(*(("一、办理对象和优惠标准", rule) for rule in rules)))
    assert a.short and "5折" in a.short
    # no range the figure falls in: nothing is set aside (「51岁」 over 「不超过50周岁」 is the rule that answers)
    capped = "公益性岗位人员年龄要求：女性不超过50周岁，男性不超过55周岁。"
    a = answer(
        parse_query("我是女的，今年51岁，公益性岗位女的年龄上限是多少？"), hits(("二、招聘条件", capped))
    )
    assert chosen(a) == "不超过50周岁"


def test_the_top_of_a_list_whose_last_items_share_a_figure():
    clause = "从发生地看，铜厂彝族乡3起、绿汁镇2起、小街乡和浦贝彝族乡各1起；"
    top = spans.top_of_list(clause, "今年哪个乡吃菌中毒的起数最多？")
    assert top is not None and clause[top[0] : top[1]] == "铜厂彝族乡"
