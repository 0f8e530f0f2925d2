"""Causes of qa_blind42/43's misses, on invented text: a thousands comma between full-width digits, a town or a
zone said without its 镇/景区, a preposition the tagger glues to a name it does not know, the aim of a deed said
of the deed's subject, a choice offered among a table row's cells, the column of a period's last year, a name
that is the whole label of what follows it, a span cut inside a word, a spot whose name runs over a lone
character, the town the question's words follow, a weekday that is no day of the month, a part of a notice left
to later under its own heading, and the bound or the measure per which a figure is asked."""

from rag.answer import answer, spans
from rag.answer.candidates import content_terms
from rag.answer.subjects import part_named
from rag.cleaning.normalize import normalize_line
from rag.query import parse_query
from rag.tokenize import tokenize
from rag.types import DocMeta
from tests.test_answering import chosen, hits

NOTICE = DocMeta("某县停车收费公告", "某县", 2026, "其他", "2026-04-01", None, "notice.txt")
PLAN = DocMeta(
    "某县国民经济和社会发展第十五个五年规划纲要", "某县", 2026, "规划", "2026-01-20", None, "plan.txt"
)


def test_a_comma_between_full_width_digits_groups_thousands():
    assert normalize_line("大禮堂每時段新臺幣１，２００元；保證金３，０００元，使用完畢") == (
        "大禮堂每時段新臺幣1,200元；保證金3,000元，使用完畢"
    )
    assert normalize_line("２０２５年，１２月") == "2025年，12月"  # a year then a month: no thousands


def test_a_town_or_a_zone_is_asked_without_its_class_word():
    # 「千垛」 asks 千垛景区's visitors: the clause is of the part the question names
    assert not part_named("去年到千垛看菜花的游客有多少", "某市", "千垛景区接待游客")
    assert not part_named("戴南的不锈钢开票多少", "某市", "戴南镇不锈钢产业集群开票销售")
    assert part_named("全市接待游客多少", "某市", "千垛景区接待游客")  # the whole place's is not the zone's


def test_a_preposition_glued_to_an_unknown_name_is_no_part_of_it():
    assert "千垛" in tokenize("去年到千垛看菜花的游客有多少")
    assert "到千垛" not in content_terms(parse_query("去年到千垛看菜花的游客有多少？"))
    assert "在线" in tokenize("在线服务")  # a word of the dictionary stays whole


def test_the_aim_of_a_deed_is_said_of_the_deeds_subject():
    text = (
        "推动戴南镇不锈钢产业向高端装备配套转型，力争集群开票销售突破850亿元；"
        "在安丰镇建设智能装备产业园，力争引进项目12个。"
    )
    from rag.answer.candidates import candidates

    found = candidates(
        parse_query("某县戴南的不锈钢今年开票要冲到多少？"), hits(("二、2026年重点工作", text))
    )
    aim = next(c for c in found if text_of(c) == "突破850亿元")
    assert aim.factors["subject"] > 0.9  # not another subject's (集群 is the cluster the deed made)
    text = "戴南镇不锈钢产业集群开票销售突破800亿元，力争张郭镇合金产业产值突破90亿元。"
    found = candidates(parse_query("某县戴南的不锈钢去年开票多少？"), hits(("一、2025年工作回顾", text)))
    other = next(c for c in found if text_of(c) == "突破90亿元")
    assert (
        other.factors["subject"] < 0.5
    )  # after a clause with a figure of its own, 力争 opens another subject


TABLE = (
    "类别 | 指标 | 2025年 | 2030年 | 属性\n"
    "创新驱动 | 研究与试验发展经费投入强度（%） | 1.65 | 2.3 | 预期性\n"
    "绿色生态 | 森林覆盖率（%） | 79.7 | 不低于79.7 | 约束性\n"
)


def test_a_choice_among_a_rows_cells_and_the_column_of_a_periods_end():
    table = hits(("表1 主要指标", TABLE), meta=PLAN)
    a = answer(parse_query("某县的森林覆盖率指标是约束性还是预期性？"), table)
    assert chosen(a) == "约束性"  # not the 指标 column the question names
    a = answer(parse_query("某县研发投入强度十五五末目标多少"), table)
    assert chosen(a) == "2.3"  # the 2030年 column, not the 2025 base


def test_a_name_that_is_the_whole_label_answers_what_follows_it():
    text = (
        "1.中华联合财产保险股份有限公司彰武支公司：负责章古台镇、阿尔乡镇等西北部乡镇。"
        "2.中国人民财产保险股份有限公司彰武支公司：负责五峰镇、冯家镇等乡镇。"
    )
    a = answer(
        parse_query("某县章古台镇的种植险由哪家保险公司承保？"), hits(("三、承保机构", text), meta=NOTICE)
    )
    assert chosen(a) == "中华联合财产保险股份有限公司彰武支公司"


def test_a_name_is_neither_cut_inside_a_word_nor_short_of_its_spot():
    clause = "“两心”即营前镇县域副中心和陡水镇生态旅游中心；"
    venue = spans.of_class(clause, "镇", "哪个镇是生态旅游中心")
    assert venue is not None and clause[venue[0] : venue[1]] == "陡水镇"  # not 水镇
    town = spans.town(clause, "上犹的县域副中心是哪个镇?")
    assert town is not None and clause[town[0] : town[1]] == "营前镇"  # the town the question's words follow
    clause = "受影响的巴士站将临时迁移至约40米外的荷兰园大马路近雅廉访大马路口。"
    place = spans.tagged(clause, ("ns",), "巴士站临时搬去哪里?")[0]
    spot = spans.spot_of(clause, place)
    assert clause[spot[0] : spot[1]] == "荷兰园大马路"


def test_a_weekday_is_no_day_of_the_month():
    assert "日" not in spans.date_parts("周日")
    assert spans.date_parts("4月13日") == {"月", "日"}


def test_a_part_left_to_later_under_its_own_heading_is_not_answered():
    text = (
        "市政署将于2026年3月16日起展开渠网改善工程，预计于2026年12月底前完成。工程分三个阶段进行。\n"
        "三、第三阶段\n第三阶段的施工范围及交通安排将于第二阶段完成前另行公布。"
    )
    a = answer(parse_query("某县渠网工程第三阶段几时开始？"), hits(("渠网改善工程", text), meta=NOTICE))
    assert a.refused


def test_a_sentence_answers_with_the_figure_of_the_bound_and_the_measure_asked():
    from rag.answer.candidates import candidates

    text = "院内停车场前30分钟免费，之后每小时2元，每日最高收费20元。"
    found = candidates(parse_query("某县人民医院停车一天最多收多少钱"), hits(("停车", text), meta=NOTICE))
    assert [text_of(c) for c in found] == ["20元"]  # the upper bound per 日, not 每小时2元
    found = candidates(parse_query("某县人民医院停车一小时收多少钱"), hits(("停车", text), meta=NOTICE))
    assert [text_of(c) for c in found] == ["2元"]
    # the price per 平方米 its unit says (「24.50元/平方米」) for 「每平米」
    text = "居民用户的价格为24.50元/平方米，另收基本费300元。"
    found = candidates(parse_query("某县居民暖气费每平米多少钱？"), hits(("价格", text), meta=NOTICE))
    assert [text_of(c) for c in found] == ["24.50元/平方米"]


def text_of(c):
    return c.hit.chunk.text[c.span[0] : c.span[1]]


def test_the_figure_of_the_subject_the_other_words_name_among_respective_ones():
    text = "城镇、农村居民人均可支配收入分别达到53860元、30215元，分别增长4.6%和6.1%。"
    a = answer(parse_query("某市农民一年人均能挣多少钱？2025年的"), hits(("一、2025年工作回顾", text)))
    assert chosen(a) == "30215元"


def test_a_roads_number_and_the_class_asked_end_a_name():
    clause = "县城窗口设在政务服务中心二楼不动产登记专区（鸣凤镇凤阳大道106号），"
    place = spans.tagged(clause, ("ns",), "不动产登记窗口在哪里办?")[0]
    spot = spans.spot_of(clause, place)
    assert clause[spot[0] : spot[1]] == "鸣凤镇凤阳大道106号"  # the road is the town's (session 34)
    clause = "蕉岭中学、蕉岭县华侨中学、蕉岭县职业技术学校。"
    found = spans.lists(clause, ["蕉岭", "高考", "考点", "哪几所", "学校"])
    assert [clause[a:b] for a, b in found] == ["蕉岭中学、蕉岭县华侨中学、蕉岭县职业技术学校"]
    clause = "推动电子信息、装备制造、生物医药三大支柱产业完成产值"  # after a count, the class ends the items
    found = spans.lists(clause, ["三大", "支柱产业"])
    assert [clause[a:b] for a, b in found] == ["电子信息、装备制造、生物医药"]


def test_another_kind_of_what_is_asked_is_another_things_figure():
    from rag.answer.candidates import canon
    from rag.answer.subjects import sibling_named

    def named(question, clause):
        return sibling_named(canon(question), canon(clause))

    assert named("涡阳县2025年小麦播种面积多少万亩", "全年粮食播种面积310.5万亩，")
    assert not named("涡阳县2025年小麦播种面积多少万亩", "其中小麦播种面积160万亩，")
    assert named("丰原区丰田里活动中心可以容纳多少人", "其中翁子里活动中心二楼大礼堂可容纳200人，")
    # a clause that leaves the kind to its sentence names no other one (「工业增加值」 for 规上's)
    assert not named("常熟规上工业增加值增长多少", "工业增加值增长6%")
    # an aim is no kind (「力争机构入住率」), nor is a whole that holds the kind asked (城乡居民)
    assert not named("常熟2024年养老机构入住率要争取到多少", "力争机构入住率达39%；")
    assert not named("苏州农村居民人均可支配收入是多少", "城乡居民人均可支配收入达到7.1万元和3.76万元，")
    # a time or the whole place is no kind (「上一年度企业」, 「全县企业」), nor is a measure per what (「每吨」)
    assert not named("桐庐上一年度企业年报率是多少", "全县企业年报率93.6%，")
    assert not named("扶绥这个榨季普通甘蔗每吨收购价多少", "（一）普通糖料蔗首付价为每吨510元；")
    # figures of several kinds at once (「存贷款余额分别达到…」)
    assert not named(
        "苏州金融机构本外币存款余额是多少", "金融机构本外币存贷款余额分别达到3.77万亿元和3.52万亿元，"
    )


def test_a_figure_said_again_per_another_measure_is_the_same_subjects():
    text = "三等小麦最低收购价每50公斤119元，即每斤1.19元，比上年持平。"
    a = answer(
        parse_query("某市今年国家托底收三等小麦，一斤给多少钱？"), hits(("二、收购价格", text), meta=NOTICE)
    )
    assert chosen(a) == "1.19元"


def test_the_top_asked_is_some_parts_figure():
    from rag.answer.candidates import candidates

    text = "全市有87个站点累计雨量超过100毫米，累计雨量最大为乳源瑶族自治县大布镇站286.5毫米。"
    meta = DocMeta("韶关市雨情水情通报", "韶关", 2025, "其他", "2025-06-16", None, "yuqing.txt")
    found = candidates(
        parse_query("韶关这轮强降雨累计雨量最大的站下了多少毫米？"), hits(("一、雨情", text), meta=meta)
    )
    top = next(c for c in found if text_of(c) == "286.5毫米")
    assert "span:counterpart named" not in top.factors  # a county's station, yet the top asked
