"""Extractive answering on hand-made hits with real report sentences."""

import pytest

from rag.answer import MAX_TEXT, answer
from rag.answer.spans import item_counts, list_size, lists, organisations, quantities, template
from rag.query import find_head, parse_query
from rag.types import Chunk, DocMeta, Hit

CS2024 = DocMeta(
    "2024年常熟市人民政府工作报告", "常熟", 2024, "政府工作报告", "2024-01-08", "秦猛", "001.txt"
)
SZ2021 = DocMeta("政府工作报告", "苏州", 2021, "政府工作报告", "2021-01-19", "李亚平", "003.txt")
KS2022 = DocMeta("2022年昆山市政府工作报告", "昆山", 2022, "政府工作报告", None, None, "004.txt")
SZ2025 = DocMeta(
    "中共苏州市委关于制定苏州市国民经济和社会发展第十五个五年规划的建议",
    "苏州",
    2025,
    "五年规划建议",
    "2025-12-17",
    None,
    "002.txt",
)

PLAN = (
    "2024年工作安排 > 一、更大力度强化统筹协调，开创经济发展新局面 > 1.推动有效投入量质齐升",
    "坚持扩产投产和引进推进并举，掀起“大抓项目、抓大项目”热潮，为高质量发展蓄势赋能，完成工业投资308亿元。",
)
REVIEW = (
    "2023年工作回顾 > 二、坚持以产强市，转型升级蹄疾步稳 > 1.产业集群加速成势",
    "优化项目管理推进和保障服务机制，重点项目投资均超序时进度，完成工业投资超280亿元、连续5年苏州第一。",
)
TARGETS = (
    "2024年工作安排",
    "2024年经济社会发展的主要预期目标是：地区生产总值增长5%以上，一般公共预算收入增长3%，"
    "规上工业总产值增长5.5%以上，社会消费品零售总额增长6%。",
)
REVIEW_INDUSTRY = (
    "2023年工作回顾 > 二、坚持以产强市，转型升级蹄疾步稳 > 1.产业集群加速成势",
    "汽车及零部件、装备制造、纺织服装三大支柱产业完成规上产值3030亿元，增速超规上工业3.9个百分点。",
)


def chosen(a):
    """The span of the candidate the answerer chose, answered or (below the fitted threshold) shown as the
    nearest: what a test of span finding checks, apart from the refusal's calibration."""
    return a.explain[0]["short"] if a.explain else None


def hits(*pieces, meta=CS2024):
    out, start = [], 100
    for rank, (section, text) in enumerate(pieces, start=1):
        chunk = Chunk(f"c{rank}", "doc", text, start, start + len(text), section, meta)
        out.append(Hit(chunk, 1.0 / rank, rank))
        start += len(text) + 1
    return out


def test_target_year_picks_the_plan_not_the_review():
    a = answer(parse_query("常熟2024年工业投资目标是多少"), hits(REVIEW, PLAN))
    assert a.short == "308亿元" and not a.refused
    assert a.text.startswith("308亿元")
    c = a.citations[0]
    assert "308亿元" in c.quote and c.title == CS2024.title and c.section == PLAN[0]
    assert (c.start, c.end) == (
        hits(REVIEW, PLAN)[1].chunk.start + PLAN[1].index(c.quote),
        hits(REVIEW, PLAN)[1].chunk.start + PLAN[1].index(c.quote) + len(c.quote),
    )


def test_result_year_picks_the_review():
    a = answer(parse_query("常熟2023年完成工业投资多少"), hits(PLAN, REVIEW))
    assert a.short == "超280亿元"  # the qualifier stays: 「超280亿元」 is not 「280亿元」


def test_percent_with_qualifier_and_digit_boundaries():
    a = answer(parse_query("常熟2024年GDP增速的预期目标定在多少?"), hits(TARGETS))
    assert a.short == "5%以上"


def test_refuses_when_the_unit_asked_for_is_absent():
    a = answer(parse_query("2023年常熟居民人均可支配收入是多少元?"), hits(PLAN, REVIEW, TARGETS))
    assert a.refused and a.short is None
    assert a.text.startswith("报告中没有找到")
    assert a.citations  # what was nearest is still shown


def test_refuses_a_city_the_hits_do_not_cover():
    a = answer(parse_query("无锡2024年工业投资目标是多少"), hits(PLAN, REVIEW))
    assert a.refused


def test_refuses_with_no_hits():
    a = answer(parse_query("常熟2024年工业投资目标是多少"), [])
    assert a.refused and a.citations == ()


def test_quoted_name_and_person():
    name = (
        "1.疫情防控展现新担当",
        "加快恢复生产生活秩序，在全国首创“苏惠十条”，实施惠外、惠农、惠服务业及人才关爱等组合政策。",
    )
    a = answer(parse_query("疫情期间苏州在全国首创、推动复工复产的惠企政策叫什么？"), hits(name, meta=SZ2021))
    assert a.short == "苏惠十条"
    who = ("", "市长李亚平")
    a = answer(parse_query("2021年苏州市政府工作报告是哪位市长作的？"), hits(who, meta=SZ2021))
    assert a.short == "李亚平"
    who = ("", "苏州市市长　李亚平")  # a speaker line with a full-width space: the whole name, not 「李亚」
    assert (
        chosen(answer(parse_query("2021年苏州的政府工作报告是谁作的？"), hits(who, meta=SZ2021))) == "李亚平"
    )


def test_the_economys_growth_is_the_gdps():
    """「经济增长了多少」 asks for the GDP's growth: the question's words meet the report's 地区生产总值."""
    from rag.answer.candidates import canon, content_terms

    for question in ("2020年苏州经济增长了多少？", "2020年苏州经济实际增长了多少？"):
        terms = content_terms(parse_query(question))
        assert any(t in canon("全市地区生产总值2.02万亿元") for t in terms if len(t) >= 2)
    assert canon("促进经济发展") == "促进经济发展"  # only the growth of the economy is its GDP's


def test_the_first_of_a_kind_is_written_two_ways():
    from rag.answer.candidates import canon

    assert canon("开幕后第一项大型国际赛事") == canon("开幕后首项大型国际赛事")
    assert canon("首次登顶") == canon("第一次登顶")
    assert canon("全省第一") == "全省第一"  # a rank stays


def test_revenue_is_written_two_ways():
    # 「金酒2024年营收多少」 meets a report's 「全年营业收入达新台币108.6亿元」
    text = "全年营业收入达新台币108.6亿元，较2023年的101.2亿元成长7.3%；税后净利新台币34.2亿元。"
    assert chosen(answer(parse_query("金酒2024年营收多少？"), hits(("", text), meta=NEWS))) == "108.6亿元"


def test_answer_text_is_capped():
    long = (
        "2024年工作安排",
        "，".join(["持续推进重点项目建设和产业转型升级"] * 30) + "，完成工业投资308亿元。",
    )
    a = answer(parse_query("常熟2024年工业投资目标是多少"), hits(long))
    assert len(a.text) <= MAX_TEXT and "308亿元" in a.text and "308亿元" in a.citations[0].quote


@pytest.mark.parametrize(
    ("clause", "spans"),
    [
        ("力争规上产值超450亿元", ["450亿元"]),
        ("地区生产总值增长5.5%以上，研发投入4.15%左右", ["5.5%以上", "4.15%左右"]),
        ("实现货物吞吐量6250万吨", ["6250万吨"]),
        ("新增海绵城市面积2.5平方公里", ["2.5平方公里"]),
        ("每立方米33微克", ["33微克"]),
        ("连续21年位列", ["21年"]),
        ("新增停车泊位2万个以上", ["2万个以上"]),  # a multiplier before any unit
        ("新建高标准农田1.38万亩", ["1.38万亩"]),
        ("规模以上工业总产值3.48万亿元", ["3.48万亿元"]),
        ("2024年经济社会发展", []),  # a year is not a quantity
        ("PM2.5浓度28微克/立方米", ["28微克/立方米"]),  # nor the 2.5 of PM2.5; a rate's unit is whole
        ("女生800米跑：3分20秒及以内得满分", ["800米", "3分20秒"]),  # minutes and seconds are one time
        ("12分钟15秒", ["12分钟15秒"]),
        ("特克斯河 | 820 m³/s | 1000 m³/s", ["820 m³/s", "1000 m³/s"]),  # a Latin unit after a space
        ("建筑面积24.50元/平方米·采暖期", ["24.50元/平方米"]),
        ("新增工业机器人2500台（套）", ["2500台"]),
        ("每人发放10,000澳门元，另有6,000港元", ["10,000澳门元", "6,000港元"]),  # grouped digits, currencies
        ("编号3,5的两项", []),  # a comma between numbers is no grouping
        ("生长于海拔100米至2,800米的地区", ["100米至2,800米"]),  # a range is one span
        ("果实长约15至20厘米，时速达70-80公里", ["15至20厘米", "70-80公里"]),
        ("由2.61%提高到3.7%", ["2.61%", "3.7%"]),  # a change, not a range
        ("于1628年被发现，体重约8公斤", ["8公斤"]),  # 1628年 is a year; 公斤, 分钟, 米 are units
        ("2023-2025年每年新增40分钟", ["40分钟"]),
        ("以21小时36分08秒夺冠，历时3天2小时", ["21小时36分08秒", "3天2小时"]),  # a time is one span
        ("歼灭日军1万余人，落户企业300多家", ["1万余人", "300多家"]),  # about so many is a figure too
        ("中标金额：捌佰柒拾叁万陆仟元整（¥8,736,000.00）", ["8,736,000.00"]),  # after ¥: in 元
        ("以10秒12夺冠，10秒12名选手", ["10秒12", "10秒", "12名"]),  # hundredths of a second, not a count
        (
            "查处酒驾142起，报告病例1,426例，车流28.7万辆次",
            ["142起", "1,426例", "28.7万辆次"],
        ),  # incidents, cases
        ("本通知自2026年1月1日起执行", []),  # 1日起 is a date's day, no incident
        (
            "年龄１８周岁以上、３５周岁以下",
            ["１８周岁以上", "３５周岁以下"],
        ),  # full-width digits; 周岁 not 周
        ("位列全国第3名，招聘156名", ["156名"]),  # 第3名 is a rank
        ("估计费用为18亿3,460万元，另1亿零500万元", ["18亿3,460万元", "1亿零500万元"]),  # one sum each
        ("首班车06:10自起点发车，工期：10天", ["10天"]),  # a clock time's minutes are no 10发
        ("关门时间为6个小时，试用期3个月，公示５个工作日", ["6个小时", "3个月", "５个工作日"]),  # not 6个
        ("其中3亿元、2,000万元", ["3亿元", "2,000万元"]),  # two sums
    ],
)
def test_quantities(clause, spans):
    assert [clause[s:e] for s, e, _ in quantities(clause)] == spans


@pytest.mark.parametrize(
    "clause, answer",
    [
        ("在线课程超过1800个", "超过1800个"),  # what the figure says changes with its qualifier
        ("树高可达55米", "可达55米"),
        ("体重大约不到8公斤", "大约不到8公斤"),  # qualifiers stack
        ("仅有90位", "90位"),  # emphasis, not a qualifier
        ("节约资金1.2亿元", "1.2亿元"),  # 节约 saves money; it qualifies nothing
        ("附近300米", "300米"),
        ("总数达1185家", "1185家"),  # 达 reports the figure as it is
    ],
)
def test_a_figure_keeps_its_qualifier(clause, answer):
    from rag.answer.spans import qualified

    start, end, _ = quantities(clause)[0]
    a, b = qualified(clause, (start, end))
    assert clause[a:b] == answer
    a, b = qualified(clause, (start, end), question="体长可达多少，大约不到多少，超过多少")
    assert clause[a:b] == clause[start:end]  # what the question says already is not said again


ENUMERATION = (
    "三、2021年主要工作",
    "今年经济社会发展的主要预期目标是：地区生产总值增长6%以上，一般公共预算收入增长5%以上，"
    "固定资产投资增长10%以上，社会消费品零售总额增长7%左右，进出口总额总体稳定，"
    "全社会研究与试验发展经费支出占地区生产总值的比重达到3.75%左右。",
)
SZ2021_REVIEW = (
    "一、“十三五”时期和2020年工作回顾 > 2.经济发展迈上新台阶",
    "一般公共预算收入达到2303亿元，跃居全国第四。完成固定资产投资5224亿元，增长6.6%。",
)


@pytest.mark.parametrize(
    ("question", "short"),
    [
        ("苏州2021年固定资产投资增长目标是多少？", "10%以上"),  # its own clause, not the GDP one
        ("2021年全社会研发投入强度（占GDP比重）的目标是多少？", "3.75%左右"),  # canonical R&D intensity
        ("2020年苏州一般公共预算收入是多少？", "2303亿元"),  # a result: the review, not the plan
        ("2020年苏州一般公共预算收入在全国排第几？", "第四"),  # a short clause continues the one before
    ],
)
def test_the_figure_belongs_to_the_subject_asked(question, short):
    a = answer(parse_query(question), hits(ENUMERATION, SZ2021_REVIEW, meta=SZ2021))
    assert a.short == short and short in a.citations[0].quote


def test_refuses_a_subject_whose_figure_the_enumeration_does_not_give():
    a = answer(parse_query("苏州2021年进出口总额增长目标是多少？"), hits(ENUMERATION, meta=SZ2021))
    assert a.refused and a.short is None


def test_a_clause_naming_the_counterpart_of_the_thing_asked_ranks_below_one_that_does_not():
    from rag.answer.candidates import candidates
    from rag.answer.scoring import ranking_weights

    piece = ("一、2024年工作回顾", "农村居民人均可支配收入29860元，城镇居民人均可支配收入52380元。")
    found = candidates(parse_query("城镇居民人均可支配收入是多少？"), hits(piece))
    text = found[0].hit.chunk.text
    by_span = {text[c.span[0] : c.span[1]]: c for c in found if c.span}
    assert by_span["29860元"].factors.get("span:counterpart named") == 1.0  # 农村, not 城镇
    assert "span:counterpart named" not in by_span["52380元"].factors
    assert ranking_weights()["span:counterpart named"] < 0  # fitted, of the sign fit.CUE_SIGNS names
    assert found[0] is by_span["52380元"]


def test_a_counterpart_named_earlier_in_the_sentence_speaks_for_its_figures():
    from rag.answer.candidates import candidates

    piece = ("二、招生计划", "2025年全区公办小学计划招收一年级186个班、8,370人，每班不超过45人。")
    found = candidates(parse_query("今年民办小学一年级招多少学生？"), hits(piece))
    text = found[0].hit.chunk.text
    by_span = {text[c.span[0] : c.span[1]]: c for c in found if c.span}
    assert by_span["8,370人"].factors.get("span:counterpart named") == 1.0  # 公办's, in the clause before
    found = candidates(parse_query("今年公办小学一年级招多少学生？"), hits(piece))
    assert not any(c.factors.get("span:counterpart named") for c in found)


def test_a_part_of_the_place_named_before_the_figure_is_whose_figure_it_is():
    from rag.answer.subjects import part_named

    assert part_named("盘锦人均公园绿地面积现在是多少？", "盘锦", "大洼区人均公园绿地面积")  # the district's
    assert not part_named("大洼区人均公园绿地面积是多少？", "盘锦", "大洼区人均公园绿地面积")  # asked
    assert not part_named("盘锦人均公园绿地面积是多少？", "盘锦", "全市人均公园绿地面积")  # the city's
    assert part_named("苏州GDP是多少？", "苏州", "昆山GDP")
    assert not part_named("常熟GDP是多少？", "常熟", "常熟GDP")  # a county's own report


def test_counterpart_named():
    from rag.answer.subjects import counterpart_named

    assert counterpart_named("城镇居民人均收入是多少", "农民人均收入29860元")
    assert counterpart_named("男子全程冠军是谁", "女子全程冠军是张三")
    assert counterpart_named("这次一共来了多少支队伍", "上届邀请赛共有24支队伍参赛")
    assert counterpart_named(
        "去年全年降水量多少", "夏季（6—8月）降水量392.5毫米"
    )  # a season's, not the year's
    assert counterpart_named("去年全年降水量多少", "其中7月降水量184.6毫米")  # a month's
    assert counterpart_named("淡季门票多少钱", "旺季门票价格调整为100元")
    assert not counterpart_named("全程项目有多少个名额", "全程500个、半程1,000个")  # both named
    assert not counterpart_named("一般公共预算收入是多少", "一般公共预算收入和支出分别为")  # both named
    assert not counterpart_named("一般公共预算收入是多少", "gdp增长5%")  # no counterpart named
    assert counterpart_named("今年给多少头牛打了疫苗", "去年同期全市牛免疫231.9万头")  # last year's figure
    assert not counterpart_named("今年牛免疫增长多少", "比去年同期增长2.9%")  # a change against last year
    assert counterpart_named("社情民意有几条被省政协采用", "其中2条被市政协《社情民意》刊发")  # a city's body
    assert counterpart_named("一共破了几项省纪录", "共有23人次打破12项市青少年纪录")
    assert not counterpart_named("市政协交给市政府办的提案有多少件", "市政协交市政府办理提案286件")
    assert counterpart_named("上个供暖季一共烧掉了多少吨煤", "占本供暖期计划用煤量68.2万吨的86%")
    assert counterpart_named("今年民办小学招多少学生", "全区公办小学计划招收8,370人")


def test_refuses_a_year_no_report_covers():
    a = answer(parse_query("常熟2026年工业投资目标是多少"), hits(PLAN, REVIEW))
    assert a.refused


def test_subject_carried_from_the_clause_before():
    piece = (
        "3.科创制造加速融合",
        "认定科技型中小企业1560家，净增高新技术企业185家、总数达1185家，入围省科技企业上市培育计划8家。",
    )
    assert answer(parse_query("截至2023年常熟高新技术企业总数达到多少家?"), hits(piece)).short == "1185家"
    assert answer(parse_query("2023年常熟认定科技型中小企业多少家?"), hits(piece)).short == "1560家"


def test_subject_at_the_start_of_the_sentence():
    pieces = (
        (
            "1.全面推进产业集群建设",
            "装备制造产业聚焦新能源、半导体等专用装备及配套，力争规上产值突破1580亿元；"
            "新能源产业深耕锂电、第三代光伏、氢能等细分领域，做强动力电池，力争规上产值突破800亿元；",
        ),
    )
    a = answer(parse_query("常熟2024年新能源产业规上产值力争突破多少？"), hits(*pieces))
    assert a.short == "800亿元"  # the question says 突破 already


@pytest.mark.parametrize(
    ("question", "section", "text", "short"),
    [
        (
            "昆山以哪个地方为主体打造特色数字经济实验区？",
            "（一）坚持精心规划",
            "以花桥为主体，依托总部港、数据湾等核心载体，打造特色数字经济实验区；",
            "花桥",
        ),
        (
            "常熟哪家企业入选了世界品牌500强？",
            "1.工业经济稳中有进",
            "产业含金量进一步提升，波司登入选世界品牌500强，电子氟材料产业集群获评国家中小企业特色产业集群。",
            "波司登",
        ),
        (
            "“十四五”时期苏州获批成立的那家财产保险公司叫什么?",
            "1.“十四五”时期苏州发展取得重大成就",
            "改革开放迈出新步伐，获批服务业扩大开放等一批重大试点，东吴财险获批成立，连续6次入选全国“营商环境最佳口碑城市”；",
            "东吴财险",
        ),
    ],
)
def test_names(question, section, text, short):
    meta = {"昆": KS2022, "常": CS2024}.get(question[0], SZ2025)
    a = answer(parse_query(question), hits((section, text), meta=meta))
    assert a.short == short and not a.refused


def test_timings_and_report_year_override():
    a = answer(parse_query("常熟2024年工业投资目标是多少"), hits(REVIEW, PLAN))
    assert set(a.timings_ms) == {"answer"} and a.timings_ms["answer"] >= 0
    # told that the report is about 2030, the 2024 question is no longer covered by it (unless a heading
    # names 2024: 「2024年工作安排」 is about 2024 whatever the report's year)
    undated = [
        (section.replace("2023年", "").replace("2024年", ""), text) for section, text in (REVIEW, PLAN)
    ]
    assert answer(
        parse_query("常熟2024年工业投资目标是多少"), hits(*undated), report_year_of=lambda h: 2030
    ).refused


@pytest.mark.parametrize(
    ("clause", "context", "items"),
    [
        (  # the verb before the first item goes, the last item ends at 等
            "推动生物医药及高端医疗器械、纳米新材料、高端科技仪器等国家先进制造业集群向世界级迈进，",
            [],
            ["生物医药及高端医疗器械、纳米新材料、高端科技仪器等"],
        ),
        (  # the last item ends where the question's words begin
            "汽车及零部件、装备制造、纺织服装三大支柱产业完成规上产值3030亿元，",
            ["三大", "支柱产业"],
            ["汽车及零部件、装备制造、纺织服装"],
        ),
        (  # a verb not in the lead list: the items' shared start marks the first one
            "主动谋划未来制造、未来信息、未来材料、未来能源、未来空间、未来健康等产业。",
            [],
            ["未来制造、未来信息、未来材料、未来能源、未来空间、未来健康等"],
        ),
        (
            "加快同丰路桥、震川路桥、景王路桥和孔巷大桥建设，",
            ["桥"],
            ["同丰路桥、震川路桥、景王路桥和孔巷大桥建设"],
        ),
        ("推动三大支柱产业“提质”、稳基础。", [], ["“提质”、稳基础"]),  # an item is quoted whole or not at all
        (  # the lead verb goes also when the list starts after a quoted name
            "“四合一”推进设备更新、技术改造、智改数转网联、增资扩产。",
            [],
            ["设备更新、技术改造、智改数转网联、增资扩产"],
        ),
        ("打造“一带一路”、“长江经济带”和“长三角一体化”", [], ["“一带一路”、“长江经济带”和“长三角一体化”"]),
    ],
)
def test_lists(clause, context, items):
    assert [clause[s:e] for s, e in lists(clause, context)] == items


def test_list_size_and_item_counts():
    questions = ("常熟的三大支柱产业是哪三个", "“四个高”分别是什么", "哪几座桥", "谋划哪六类未来产业")
    assert [list_size(q) for q in questions] == [3, 4, None, 6]
    assert item_counts("南园、中城、北谷") == {3}
    assert item_counts("同丰路桥、景王路桥和孔巷大桥") == {2, 3}


@pytest.mark.parametrize(
    ("question", "clause", "name"),
    [
        (  # the class noun the question asks about closes the name
            "昆山2022年提出建设哪个科学城来打造西部副中心？",
            "以大渔湾科创中心、森林公园、文化体育中心为核心建设阳澄湖科学城，打造西部副中心；",
            "阳澄湖科学城",
        ),
        (  # ... but not a longer phrase the name only qualifies
            "苏州要打响什么创业首选城市品牌？",
            "打响单人公司（OPC）创业首选城市品牌。",
            "单人公司（OPC）",
        ),
        ("昆山以哪个地方为主体打造特色数字经济实验区？", "以花桥为主体，依托总部港", "花桥"),
        (
            "2023年哪家企业拿了苏州市市长质量奖？",
            "龙腾特钢获苏州市市长质量奖，",
            "龙腾特钢",
        ),  # not 龙腾特钢获
        (  # the class noun closes the name though the clause goes on, and 「及后于」 opens none
            "陈家明是哪个大学毕业的？",
            "陈家明早年就读于培正中学，及后于岭南大学历史系毕业",
            "岭南大学",
        ),
    ],
)
def test_template(question, clause, name):
    found = template(question, clause)
    assert found and clause[found[0] : found[1]] == name


def test_a_list_question_takes_the_clause_with_as_many_items_as_asked():
    pieces = (
        ("2024年工作安排 > 1.全面推进产业集群建设", "推动三大支柱产业“提质”、稳基础。"),
        REVIEW_INDUSTRY,
    )
    a = answer(parse_query("常熟的三大支柱产业是哪三个"), hits(*pieces))
    assert a.short == "汽车及零部件、装备制造、纺织服装"


def test_what_kind_of_name_is_answered_by_the_quoted_term():
    text = "依托沪宁发展轴、通苏嘉发展轴，进一步完善“一主四副双轴”城镇空间格局。"
    a = answer(
        parse_query("苏州“十五五”规划建议提出要完善怎样的城镇空间格局"),
        hits(("32.优化国土空间发展格局", text), meta=SZ2025),
    )
    assert a.short == "一主四副双轴" and not a.refused


@pytest.mark.parametrize(
    ("question", "head"),
    [
        ("昆山哪个科学城", "科学城"),
        ("计划建设的科学城叫什么名字？", "科学城"),
        ("昆山那个便民服务总入口叫啥名字?", "入口"),
        ("常熟2024年工业投资目标是多少", None),
    ],
)
def test_head_noun(question, head):
    assert find_head(question) == head


def test_a_change_from_one_figure_to_another_answers_with_where_it_ended():
    text = "全社会研究与试验发展经费支出占地区生产总值比重由2.61%提高到3.7%，科技进步贡献率达到66.5%。"
    section = "一、“十三五”时期和2020年工作回顾"
    end = answer(parse_query("苏州十三五末研发投入占GDP的比重是多少?"), hits((section, text), meta=SZ2021))
    assert end.short == "3.7%"
    both = answer(parse_query("苏州十三五研发投入强度从多少提高到多少？"), hits((section, text), meta=SZ2021))
    assert both.short == "2.61%提高到3.7%"
    price = "经研究，景区旺季门票价格由每人次120元调整为100元，淡季门票价格保持不变。"
    after = answer(
        parse_query("苏州那个景区旺季门票的新价格是多少？"), hits(("三、价格调整", price), meta=SZ2021)
    )
    assert after.short == "100元"


@pytest.mark.parametrize(
    ("question", "title_block", "short"),
    [
        ("2024年常熟市政府工作报告是由谁代表市政府作的？", "市长秦猛", "秦猛"),
        (
            "李亚平所作的2021年苏州市政府工作报告是在哪一天作的？",
            "政府工作报告——2021年1月19日在苏州市十六届人大五次会议上",
            "2021年1月19日",
        ),
    ],
)
def test_who_delivered_the_report_and_when_comes_from_its_title_block(question, title_block, short):
    meta = CS2024 if "常熟" in question else SZ2021
    a = answer(parse_query(question), hits(("", title_block), PLAN, meta=meta))
    assert a.short == short and not a.refused


@pytest.mark.parametrize(
    ("question", "section", "text", "short"),
    [  # the question's everyday word meets the report's term
        (
            "常熟2023年全年外贸总额预计是多少？",
            "2023年工作回顾",
            "预计全年实现地区生产总值2870亿元、增长4%，一般公共预算收入237.4亿元、增长7.9%，进出口总额1508亿元。",
            "1508亿元",
        ),
        (
            "到“十三五”末，苏州老百姓的低保标准提高到了每人每月多少钱？",
            "一、“十三五”时期和2020年工作回顾 > 6.人民生活增添新福祉",
            "城乡低保标准统一，最低生活保障标准从每人每月750元增至1045元。",
            "1045元",
        ),
        (
            "苏州2021年计划建成通车的是哪条地铁线路?",
            "三、2021年主要工作 > 5.聚焦功能优化，合力推动区域协调发展",
            "建成通车轨道交通5号线，加快推进6号线、7号线、8号线和S1线工程。",
            "轨道交通5号线",
        ),
    ],
)
def test_everyday_words(question, section, text, short):
    meta = CS2024 if "常熟" in question else SZ2021
    a = answer(parse_query(question), hits((section, text), meta=meta))
    assert a.short == short


def test_a_growth_that_continues_another_subject_is_not_the_one_asked():
    text = (
        "预计全年实现地区生产总值2870亿元、增长4%，一般公共预算收入237.4亿元、增长7.9%，进出口总额1508亿元。"
    )
    a = answer(parse_query("常熟2023年进出口总额比上年增长了多少？"), hits(("2023年工作回顾", text)))
    assert a.refused


def test_a_total_is_not_a_years_increase():
    text = "净增高新技术企业2720家、全市高新技术企业达到9772家，生物医药产业入选国家战略性新兴产业集群。"
    section = "一、“十三五”时期和2020年工作回顾 > 2.经济发展迈上新台阶"
    a = answer(parse_query("“十三五”末苏州高新技术企业总数达到多少家？"), hits((section, text), meta=SZ2021))
    assert a.short == "9772家"
    plan = ("2024年工作安排 > 1.持续引育创新主体", "健全全生命周期服务机制，确保高新技术企业总数突破1300家。")
    assert answer(parse_query("常熟2024年新增高企多少家"), hits(plan)).refused  # nor a total an increase


def test_the_first_three_quarters_are_no_rank():
    from rag.answer.spans import ranks

    clause = "前三季度，榆林经济总量居全省第二位，位列前三"
    assert [clause[a:b] for a, b in ranks(clause)] == ["第二位", "前三"]


@pytest.mark.parametrize(
    ("question", "clause", "top"),
    [
        ("毕业生去哪个行业工作的最多？", "毕业生就业人数最多的是制造业，占31.5%；", "制造业"),
        ("哪个县市区受理的投诉最多？", "孝南区受理量居全市首位，", "孝南区"),  # the first place is the most
        ("哪个县市区受理的投诉最少？", "孝南区受理量居全市首位，", None),  # but not the least
        ("哪个行业工资最高？", "毕业生就业人数最多的是制造业，", None),  # another most
    ],
)
def test_the_most_of_what_is_asked(question, clause, top):
    from rag.answer.spans import superlative

    found = superlative(clause, question)
    assert (clause[found[0] : found[1]] if found else None) == top


def test_a_title_streak_is_a_rank():
    text = "实现全国文明城市“六连冠”、全国双拥模范城“八连冠”；"
    a = answer(
        parse_query("「十四五」時期蘇州實現了全國雙擁模範城幾連冠？"),
        hits(("1.“十四五”时期苏州发展取得重大成就", text), meta=SZ2025),
    )
    assert a.short == "八连冠"


def test_a_county_report_ranking_itself_within_the_prefecture_does_not_answer_for_the_prefecture():
    text = "净增高企185家、总数达1185家，连续5年苏州第一。"
    a = answer(
        parse_query("苏州高新技术企业总数达到多少家？"), hits(("2023年工作回顾", text))
    )  # 常熟's report
    assert a.refused


@pytest.mark.parametrize(
    ("question", "short"),
    [
        ("常熟高新技术产业产值占规上工业总产值的比重是多少？", "45%"),
        ("常熟战略性新兴产业产值占规上工业总产值的比重是多少？", "51%"),
    ],
)
def test_respective_figures_follow_the_order_of_their_subjects(question, short):
    text = "产业含金量进一步提升，战略性新兴产业、高新技术产业产值占规上工业总产值比重达51%和45%，占比分别提高1个和2.8个百分点。"
    a = answer(parse_query(question), hits(("2023年工作回顾 > 1.工业经济稳中有进", text)))
    assert a.short == short


def test_figures_of_two_other_subjects_do_not_answer_for_the_whole():
    # the question asks the district's GDP; 「甲镇、乙街道GDP分别达到X和Y」 gives two of its towns'
    from rag.answer.candidates import content_terms, find_span

    question = parse_query("某某区去年GDP总量是多少？")
    clause = "甲镇、乙街道地区生产总值分别达到802.6亿元和735.4亿元"
    assert find_span(question, clause, content_terms(question)) == (None, "none")


def test_a_number_in_chinese_numerals_when_no_digits_answer():
    text = "到2028年底前基本完成农村土地二轮承包到期后再延长三十年试点。"
    section = "27.把农业建成现代化大产业"
    a = answer(
        parse_query("按苏州“十五五”建议，农村土地二轮承包到期后要再延长多少年？"),
        hits((section, text), meta=SZ2025),
    )
    assert a.short == "三十年"


@pytest.mark.parametrize(
    ("question", "text"),
    [
        (  # a named line is not the network
            "苏州轨道交通5号线全长多少公里？",
            "“十三五”期间，新增轨道交通运营里程139.6公里，建成通车轨道交通3号线、5号线。",
        ),
        (  # a total length is not the length added
            "截至2020年底苏州轨道交通运营总里程有多少公里？",
            "“十三五”期间，新增轨道交通运营里程139.6公里。",
        ),
    ],
)
def test_a_figure_of_another_quantity_is_refused(question, text):
    a = answer(parse_query(question), hits(("一、“十三五”时期和2020年工作回顾", text), meta=SZ2021))
    assert a.refused


def test_a_long_heading_is_no_answer():
    heading = (
        "一、准确把握“十五五”时期在推进中国式现代化苏州新实践中的重要地位和经济社会发展的总体要求、主要目标"
    )
    body = "高质量推进“两重”“两新”项目建设，“四合一”推进设备更新、技术改造、智改数转网联、增资扩产。"
    a = answer(
        parse_query("“十五五”建议里“四合一”推进的是哪四件事？"),
        hits(("", heading + "\n" + body), meta=SZ2025),
    )
    assert "总体要求" not in (a.short or "") and "四合一" in a.citations[0].quote  # the list, if anything


def test_a_prefecture_named_inside_an_award_is_not_the_subject():
    text = "新增苏州市质量奖17个，龙腾特钢获苏州市市长质量奖，恺博座椅获苏州市质量管理优秀奖。"
    a = answer(
        parse_query("2023年哪家企业拿了苏州市市长质量奖？"),
        hits(("2023年工作回顾 > 1.工业经济稳中有进", text)),
    )
    assert a.short == "龙腾特钢"


@pytest.mark.parametrize(
    ("clause", "found"),
    [
        (
            "发布时间：2024-04-23 来源：绵阳市统计局",
            ["绵阳市统计局"],
        ),  # the place word before the bureau belongs to it
        ("报告由市政府办公室起草", ["市政府办公室"]),
        ("由西安电力机车研究所有限公司投资建设", ["西安电力机车研究所有限公司"]),
        ("全市经济运行开局平稳", []),  # 开局 ends in 局 but is no bureau
        ("全年接待游客2869.4万人次", []),
    ],
)
def test_organisations(clause, found):
    assert [clause[a:b] for a, b in organisations(clause, "哪个部门发布的")] == found


def test_an_organisation_question_is_answered_by_the_bureau_not_by_the_busiest_clause():
    meta = DocMeta("绵阳市2024年一季度经济运行情况", "绵阳", 2024, "其他", None, None, "page.html")
    a = answer(
        parse_query("这份一季度经济数据是哪个部门发布的？"),
        hits(
            ("", "发布时间：2024-04-23 16:05 来源：绵阳市统计局"),
            ("", "总的来看，一季度全市经济运行开局平稳，但基础还不够稳固。"),
            meta=meta,
        ),
    )
    assert chosen(a) == "绵阳市统计局"


def test_a_day_question_is_answered_by_a_day_not_by_a_year():
    meta = DocMeta("总投资128亿元 新能源装备产业园开工建设", "株洲", 2024, "其他", None, None, "news.html")
    a = answer(
        parse_query("新能源装备产业园是哪天开工的？"),
        hits(
            ("", "新能源装备产业园2023年开工建设一期工程，总投资128亿元。"),
            ("", "4月18日，新能源装备产业园二期开工。"),
            meta=meta,
        ),
    )
    assert a.short == "4月18日"


@pytest.mark.parametrize(
    ("question", "sentence", "date"),
    [
        (
            "那次会议是哪几天开的？",
            "1935年1月15日至17日，中共中央政治局在遵义召开扩大会议。",
            "1935年1月15日至17日",
        ),
        (  # a range of two full dates is one date
            "这部动画是何时播出的？",
            "这部动画于1984年10月7日至1985年9月29日由电视台播出。",
            "1984年10月7日至1985年9月29日",
        ),
        (  # the day beats the year
            "男子100米跑决赛什么时候举行？",
            "2008年夏季奥运会男子100米跑决赛在2008年8月16日举行。",
            "2008年8月16日",
        ),
    ],
)
def test_a_date_range_is_one_date_and_the_most_specific_date_answers(question, sentence, date):
    a = answer(parse_query(question), hits(("", sentence), meta=CS2024))
    assert chosen(a) == date


@pytest.mark.parametrize(
    ("question", "clause", "found"),
    [
        ("这座公园位于什么地方？", "该公园位于泰国的首都曼谷的乍都节县，", "泰国的首都曼谷的乍都节县"),
        (
            "神学院位于哪里？",
            "神学院（Seminary）位于密歇根州底特律伍德沃德大道2930号，",
            "密歇根州底特律伍德沃德大道2930号",
        ),
        ("这种果子在当地被称为什么？", "在当地这种果子被称为gaka或gakachika，", "gaka或gakachika"),
        ("这座公园位于什么地方？", "该公园风景优美，", None),  # no 位于: nothing placed
        # the question's copula and the text's 为/：/是 are left out; one character of context may do
        ("他1998年担任什么职务？", "1998年6月至2000年4月任中共某某市委书记。", "中共某某市委书记"),
        ("这位词人的字是什么？", "某某，字玉汝，北宋襄阳人", "玉汝"),
        ("这家连锁店的简称是什么？", "又译冰雪皇后，简称：DQ）", "DQ"),
        ("这种鱼的初名是什么？", "初名为某某建设银行，", "某某建设银行"),
        ("这个机构有什么职能？", "它有一个很长的名字，", None),  # 有 alone is no context
    ],
)
def test_a_wh_word_that_ends_the_question_takes_the_rest_of_the_clause(question, clause, found):
    span = template(question, clause)
    assert (clause[span[0] : span[1]] if span else None) == found


@pytest.mark.parametrize(
    ("question", "sentence", "name"),
    [
        (
            "基金会的主席是谁？",
            "基金会主席是曾任院长的约翰·海克特·麦克阿瑟（John H. McArthur）教授。",
            "约翰·海克特·麦克阿瑟",
        ),
        ("谁宣布解散政府？", "马克·拉瓦卢马纳纳总统宣布解散政府。", "马克·拉瓦卢马纳纳"),
    ],
)
def test_a_transliterated_name_is_whole_across_its_dots(question, sentence, name):
    a = answer(parse_query(question), hits(("", sentence), meta=CS2024))
    assert a.short == name


def test_a_why_question_is_answered_by_the_whole_sentence_quoted_once():
    sentence = "由于并不是所有影片都附有演讲笔记，观看演讲时有一定的困难。"
    a = answer(parse_query("为什么观看演讲时有一定的困难？"), hits(("", sentence), meta=CS2024))
    assert a.short == sentence.rstrip("。")
    assert a.text.count("演讲笔记") == 1  # the answer is the quote; it is not said twice


NEWS = DocMeta("某市举行博览会开幕式", None, 2024, "其他", None, None, "news.txt")


@pytest.mark.parametrize(
    ("question", "text", "short"),
    [
        (  # an office before the name, a verb after it: the whole name, not the tagger's first piece
            "开幕式上是谁宣布开幕的？",
            "开幕式上，某省副省长周立新出席并宣布博览会开幕。",
            "周立新",
        ),
        (  # a web page's ISO date names the day asked for
            "这条消息是哪天发布的？",
            "发布时间：2024-03-26 10:15　　来源：某市发展和改革委员会",
            "2024-03-26",
        ),
        (  # 「哪家公司」: the company's whole name, not the words around the wh-word
            "这个工程的项目业主是哪家公司？",
            "该工程项目业主为宜宾市城市发展集团有限公司，施工单位派驻现场。",
            "宜宾市城市发展集团有限公司",
        ),
        (  # a harvest is weighed: tonnes, not the sown area in 亩
            "今年粮食一共收了多少？",
            "全年粮食播种面积4018.6万亩，粮食总产量1271.6万吨，增长3.2%。",
            "1271.6万吨",
        ),
        ("锦地罗的全长是多少厘米？", "锦地罗植株矮小，全长通常只有2cm，叶片呈莲座状。", "2cm"),  # cm is 厘米
        ("成年雄熊体重有多少？", "成年雄熊体重约120kg，雌熊较轻。", "约120kg"),  # kg is 公斤
        # 「哪个国家」 asks the country the words where it stands name, not all of them
        ("蒙泰罗是哪个国家的赛车手？", "蒂亚戈·蒙泰罗是一位葡萄牙F1赛车手。", "葡萄牙"),
        (
            "兆康苑总站位于哪里？",
            "兆康苑总站位于香港屯门兆康路兆康苑内。",
            "香港屯门兆康路兆康苑内",
        ),  # an address whole
        # an office the fixed list did not hold (师长, 司长), the name the tagger reads after it
        ("守城的师长是谁？", "孙连仲指挥第2集团军担负正面防御，第31师师长池峰城率部死守城寨。", "池峰城"),
        (
            "开幕典礼是谁主礼的？",
            "开幕典礼由政务司司长梁锦辉主礼，文化体育及旅游局局长何咏诗一同出席。",
            "梁锦辉",
        ),
        # a deputy is not the head the question asks for
        ("图书馆首位副馆长是谁？", "开馆仪式由首任馆长曾济群主持，首位副馆长宋建成致辞。", "宋建成"),
    ],
)
def test_news_and_page_answers(question, text, short):
    """The span each sentence gives (the refusal's calibration on one bare sentence is the sets' business)."""
    a = answer(parse_query(question), hits(("", text), meta=NEWS))
    assert chosen(a) == short


def test_a_weekday_or_a_clock_time_answers_what_is_asked():
    """「星期几」 asks a weekday and 「几点」 a clock time, not another figure of the sentence."""
    text = ("开放时间", "总馆：周二至周日9:00—21:00，周一闭馆。24小时自助图书馆全天开放。")
    meta = DocMeta("开放时间", None, None, "其他", None, None, "lib.txt")
    assert chosen(answer(parse_query("图书馆星期几闭馆？"), hits(text, meta=meta))) == "周一"
    assert "21:00" in chosen(answer(parse_query("总馆晚上开到几点？"), hits(text, meta=meta)))


def test_which_team_asks_for_a_name():
    assert parse_query("男子200米直道拿第一的是哪支队？").kind == "name"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("该条约在一九六一年八月三十日经批准", ["一九六一年八月三十日"]),  # Chinese numerals
        ("花期为3-8月，盛花期为夏季", ["3-8月", "夏季"]),  # a month range, a season
        ("卡塞雷斯城是罗马人在公元前25年建立的", ["公元前25年"]),
        ("由潘佩珠于二十世纪初期写成", ["二十世纪初期"]),
        ("生殖季在2至4月", ["2至4月"]),
        ("少儿馆：周二至周日 9:00—17:30", ["周二至周日", "9:00—17:30"]),  # weekdays, clock times
        ("3月5日下午3点开幕，8点半入场，10时30分结束", ["3月5日下午3点", "8点半", "10时30分"]),
        ("《台视周日卡通》于每周日上午11:00～12:00播出", ["周日上午11:00～12:00"]),  # not the title's 周日
        ("提出3点要求，24小时开放", []),  # three points, a duration: no clock time
    ],
)
def test_dates_in_the_forms_general_text_writes_them(text, found):
    from rag.answer.spans import dates

    assert [text[a:b] for a, b in dates(text)] == found


def test_a_person_question_answered_by_an_office_when_no_one_is_named():
    a = answer(
        parse_query("加拿大总理一职由谁委任？"), hits(("", "名义上总理一职由加拿大总督委任。"), meta=NEWS)
    )
    assert chosen(a) == "加拿大总督"


def test_a_person_question_never_answers_with_the_questions_own_words():
    """「向大会报告工作」 holds no person: 「工作」, a word of the question, is no answer to 「谁做的」."""
    text = "现在，我代表省人民政府，向大会报告工作，请予审议。"
    a = answer(parse_query("今年的政府工作报告是谁做的？"), hits(("", text), meta=NEWS))
    assert a.short != "工作"


@pytest.mark.parametrize(
    ("text", "name"),
    [("东吴财险", True), ("研究部", True), ("由于其", False), ("在产科学上", False), ("前往", False)],
)
def test_only_nouns_and_names_can_be_a_name(text, name):
    from rag.answer.spans import nounish

    assert nounish(text) is name


def test_a_name_question_whose_clause_holds_no_name_is_told_by_the_clause():
    text = "在产科学上，爱普格评分经常被用作记录及比较不同方法对新生儿健康的影响。"
    a = answer(parse_query("在产科学上，爱普格评分通常被用于什么？"), hits(("", text), meta=NEWS))
    assert a.short and "新生儿健康" in a.short  # not the uncovered 「在产科学上」 or a piece of it


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("有效距离30km，可同时追踪20个目标", ["30km", "20个"]),
        ("飞机以60节的速度冲出了跑道", ["60节"]),
        ("约只有8公斤重", ["8公斤"]),
        ("图书馆藏书81.6万册", ["81.6万册"]),
    ],
)
def test_more_units(text, found):
    assert [text[a:b] for a, b, _ in quantities(text)] == found


def test_a_documents_title_names_what_each_of_its_sentences_is_about():
    """An encyclopedia article drops its subject after the first sentence (「它的根部…」): the subject in the
    title counts as said, so the sentence about the roots answers, not the one that repeats the name."""
    meta = DocMeta("大果西番莲", None, None, "其他", None, None, "wiki.txt")
    text = "大果西番莲有时候会在温室中种植。它的根部可用来当作催吐剂与麻醉药品。"
    a = answer(parse_query("大果西番莲的根部有什么作用？"), hits(("", text), meta=meta))
    assert a.short and "催吐剂" in a.short


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("正德五年（1510年）十月，义军起事", "正德五年（1510年）十月"),
        ("1993年（民国82年）1月24日起停播", "1993年（民国82年）1月24日"),
        ("民國113年（2024年）1月1日全線通車", "民國113年（2024年）1月1日"),
        ("该部落形成于1227年前后。", "1227年前后"),
    ],
)
def test_an_era_year_keeps_the_year_ad_beside_it(text, found):
    from rag.answer.spans import dates

    assert [text[a:b] for a, b in dates(text)] == [found]


def test_a_gap_is_neither_a_date_nor_a_label():
    from rag.answer.spans import gap

    clause = "2011年5月20日法院宣判"
    assert gap(clause, ["2011", "法院", "宣判"]) == (4, 10)  # 「年5月20日」: a date cut in the middle
    assert gap(clause, ["2011", "法院", "宣判"], skip=[(0, 10)]) is None
    assert gap("某种草（学名：", ["某种草"]) is None  # 「学名：」 only names what follows


def test_a_surname_the_tagger_cut_off_keeps_its_given_name():
    a = answer(parse_query("图书馆首位副馆长是谁？"), hits(("", "图书馆首位副馆长为宋建成。"), meta=NEWS))
    assert a.short == "宋建成"


@pytest.mark.parametrize(
    ("question", "text", "short"),
    [
        ("凉茶铺又叫什么？", "凉茶铺，又名凉茶店，是售卖凉茶的商店。", "凉茶店"),  # 又叫 meets 又名
        ("这种草的别名是什么？", "这种草是莎草科的植物，又称无头香、白香附。", "无头香、白香附"),
        ("这种鱼以什么为食？", "这种鱼以其他鱼类、甲壳类为食。", "其他鱼类、甲壳类"),  # 为食 is no noun
        ("该银行主要提供什么服务？", "该银行主要提供汇兑、信贷及非银行服务。", "汇兑、信贷及非银行服务"),
    ],
)
def test_names_told_in_general_text(question, text, short):
    a = answer(parse_query(question), hits(("", text), meta=NEWS))
    assert a.short == short


def test_a_clause_the_question_says_whole_is_answered_by_what_follows():
    text = "475年9月，长寿王亲率三万大军讨伐百济。"
    a = answer(parse_query("475年9月，长寿王讨伐了哪儿？"), hits(("", text), meta=NEWS))
    assert a.short and "百济" in a.short and "475年" not in a.short


def test_a_sentence_does_not_end_inside_a_title():
    from rag.answer.candidates import SENTENCE, split

    text = "她在2008年播放的《CDTV×Sacas！》节目中首次演唱。此后发行唱片。"
    assert next(text[a:b] for a, b in split(text, SENTENCE)).endswith("首次演唱。")


def test_a_sentence_without_the_question_words_is_a_candidate_when_the_title_names_its_subject():
    """「体呈淡蓝红色」 never repeats the fish's name; the article's title says what it is about — but a
    report's title naming only the place asked about admits nothing."""
    from rag.answer.candidates import candidates

    def quotes(question, title):
        meta = DocMeta(title, None, None, "其他", None, None, "wiki.txt")
        text = "黄鳍紫鱼是辐鳍鱼纲的一种鱼。体呈淡蓝红色，背鳍黄色。"
        found = candidates(parse_query(question), hits(("", text), meta=meta))
        return {c.hit.chunk.text[c.sentence[0] : c.sentence[1]] for c in found}

    assert "体呈淡蓝红色，背鳍黄色。" in quotes("黄鳍紫鱼的身体是什么颜色的？", "黄鳍紫鱼")
    assert "体呈淡蓝红色，背鳍黄色。" not in quotes("黄鳍紫鱼的身体是什么颜色的？", "辐鳍鱼纲")


def test_a_headings_year_is_the_year_of_the_figures_under_it():
    """A budget report of 2025 holds 2024's accounts and 2025's budget; 「比2024年完成数增长」 names 2024
    only as the base of a 2025 figure."""
    meta = DocMeta(
        "关于某市2024年预算执行情况和2025年预算草案的报告", "柳州", 2025, "预算报告", None, None, "b.txt"
    )
    a = answer(
        parse_query("柳州2024年一般公共预算收入完成了多少？"),
        hits(
            ("二、2025年预算草案", "全市一般公共预算收入预算安排209.7亿元，比2024年完成数增长3.0%。"),
            ("一、2024年预算执行情况", "全市一般公共预算收入完成203.6亿元，为预算的98.1%。"),
            meta=meta,
        ),
    )
    assert a.short == "203.6亿元"


def test_a_count_of_groups():
    text = "今年共制作彩灯268组"
    assert [(text[a:b], unit) for a, b, unit in quantities(text)] == [("268组", "组")]


def test_a_choice_question_is_answered_by_the_option_the_row_names():
    meta = DocMeta("某市十五五规划纲要", "烟台", 2026, "规划纲要", None, None, "plan.txt")
    a = answer(
        parse_query("森林覆盖率是约束性指标还是预期性指标？"),
        hits(
            ("", "13 | 居民人均可支配收入增长（%） | 5.3 | 与经济增长同步 | 预期性"),
            ("", "14 | 森林覆盖率（%） | 40.2 | 41 | 约束性"),
            meta=meta,
        ),
    )
    assert a.short == "约束性"


def test_a_gloss_in_a_bracket_or_in_latin_letters_is_not_the_name():
    text = "刺角瓜（Cucumis metuliferus），又名非洲角黄瓜（African horned cucumber），是葫芦科的植物。"
    a = answer(parse_query("刺角瓜又名什么？"), hits(("", text), meta=NEWS))
    assert a.short and "非洲角黄瓜" in a.short


def test_a_rank_keeps_its_measure_word():
    """「第几张单曲」 is answered by 第15张, not 第15; 「第二大」, 「第三代」 are ranks too."""
    from rag.answer.spans import ranks

    text = "该曲是乐队的第15张单曲，也是全国第二大城市的第三代地标"
    assert [text[a:b] for a, b in ranks(text)] == ["第15张", "第二大", "第三代"]


@pytest.mark.parametrize(
    "question, text, short",
    [
        (
            "宝石龙与红山龙的差异在哪儿？",
            "宝石龙与红山龙的差异在于，齿骨侧边的血管沟较少，齿冠前部较呈球根状。",
            "齿骨侧边的血管沟较少",
        ),
        (
            "这种花的名字被用来形容什么？",
            "这种花的名字就被用来形容，以少数的兵力英勇抵抗更强大的敌人。",
            "以少数的兵力英勇抵抗更强大的敌人",
        ),
    ],
)
def test_a_clause_the_question_says_in_other_words_is_no_answer(question, text, short):
    # the question's character pairs cover 「…的差异在于」 though its words (差异在哪儿) are not all there:
    # what it asks follows in the next clause
    assert answer(parse_query(question), hits(("", text), meta=NEWS)).short == short


@pytest.mark.parametrize(
    "question, text, short",
    [
        # where the wh-word stands holds the person with the title before the name
        ("元皇后是哪位帝王的皇后？", "元皇后，河南郡洛阳县人，北齐孝昭帝高演的皇后。", "北齐孝昭帝高演"),
        ("此剧的制作人是谁？", "此剧的制作人伍宗德一再表明不会拍续集。", "伍宗德"),  # not what he did
        (
            "《赌城谍血》的主角是谁？",
            "《赌城谍血》的主角是演员巴里·尼尔逊（Barry Nelson））、彼得·洛",
            "演员巴里·尼尔逊",
        ),
    ],
)
def test_a_person_is_read_where_the_question_places_them(question, text, short):
    assert answer(parse_query(question), hits(("", text), meta=NEWS)).short == short


@pytest.mark.parametrize(
    "question, text, short",
    [
        # a place's name the tagger takes for a person's is none (洪江, a county-level city)
        (
            "高庙遗址2024年发掘的领队是谁？",
            "湖南洪江高庙遗址2024年度发掘简报。发掘领队为向东升，参加发掘的有杨晓燕、舒文斌等。",
            "向东升",  # the surname the tagger read as a preposition (为/向/东升) is part of the name
        ),
        # words inside quotes or a title's brackets are no person (温泉, 周调度 are tagged as names)
        (
            "提案办理情况的报告是谁作的？",
            "办理了《关于擦亮“咸宁温泉”品牌的提案》，实行“周调度、月通报”。报告由程立伟同志作。",
            "程立伟",
        ),
    ],
)
def test_a_person_is_no_place_nor_quoted_words(question, text, short):
    # the span chosen, apart from the refusal: one sentence of invented text sits near the fitted threshold
    assert chosen(answer(parse_query(question), hits(("", text), meta=NEWS))) == short


def test_a_city_list_answers_for_a_county_where_the_items_place_line_names_it():
    meta = DocMeta(
        "邢台市生态环境局建设项目环境影响评价文件审批公示", "邢台", 2025, "其他", None, None, "x.txt"
    )
    text = (
        "一、某某公司玻璃纤维项目\n建设地点：宁晋县经济开发区纬三路以南\n项目概况：总投资38,600万元。\n"
        "二、某某乳业项目\n建设地点：威县经济开发区\n项目概况：总投资45,200万元。"
    )
    asked = parse_query("宁晋那个项目总投资是多少？")
    a = answer(asked, hits(("", text), meta=meta), place_names=("宁晋县", "宁晋"))
    assert chosen(a) == "38,600万元"  # not the 威县 item's
    a = answer(parse_query("威县那个项目总投资是多少？"), hits(("", text), meta=meta), place_names=("威县",))
    assert chosen(a) == "45,200万元"
    # each line its own passage: the item's place line, retrieved, puts the passages of its section there
    cut = hits(
        ("一、某某公司玻璃纤维项目", "建设地点：宁晋县经济开发区纬三路以南"),
        ("二、某某乳业项目", "项目概况：总投资45,200万元。"),
        ("一、某某公司玻璃纤维项目", "项目概况：总投资38,600万元。"),
        ("二、某某乳业项目", "建设地点：威县经济开发区"),
        meta=meta,
    )
    assert chosen(answer(asked, cut, place_names=("宁晋县", "宁晋"))) == "38,600万元"


def test_a_report_of_a_place_inside_the_one_asked_answers_what_its_title_names():
    upper = ("上饶市", "上饶")  # no report of 上饶 itself is held (rag.api._uncovered_place)
    notice = DocMeta(
        "关于水南街道紫阳片区国有土地上房屋征收补偿方案的公告", "信州", None, "其他", None, None, "n.txt"
    )
    text = "本次征收范围内共有住宅612户、非住宅43户，总建筑面积约9.8万平方米。"
    a = answer(
        parse_query("上饶紫阳片区这次要征收多少户住宅？"), hits(("", text), meta=notice), place_names=upper
    )
    assert chosen(a) == "612户"
    # the district's own figures are not the prefecture's: its work report's title names nothing asked
    report = DocMeta("2024年信州区政府工作报告", "信州", 2024, "政府工作报告", None, None, "r.txt")
    text = "地区生产总值增长5.5%，一般公共预算收入增长3.1%。"
    a = answer(
        parse_query("上饶2024年地区生产总值增长多少？"), hits(("", text), meta=report), place_names=upper
    )
    assert chosen(a) is None


def test_the_day_a_question_names_picks_the_row():
    text = (
        "序号 | 停电日期 | 停电线路 | 停电范围\n"
        "5 | 3月25日（星期三） | 10千伏汤庄线 | 商水县汤庄乡\n"
        "11 | 3月29日（星期日） | 10千伏练集线 | 商水县练集镇镇区"
    )
    a = answer(parse_query("商水3月29号停电检修的是哪条线路？"), hits(("", text), meta=NEWS))
    assert "练集线" in chosen(a) and "汤庄线" not in chosen(a)


def test_what_was_earned_is_the_yield_not_the_cost():
    text = "村级光伏电站2025年发电21.6万千瓦时，收益18.3万元，全部计入经营收入；电站运维费用1.2万元计入经营支出。"
    assert (
        chosen(answer(parse_query("村里的光伏电站去年赚了多少钱？"), hits(("", text), meta=NEWS)))
        == "18.3万元"
    )


def test_columns_alike_with_no_time_of_their_own_stay_undecided():
    from rag.answer.candidates import column_cell, content_terms

    query = parse_query("叶赫支行以后几点营业？")  # after a change, but neither column is before or after one
    row = "叶赫支行 | 8:30-16:00 | 9:00-15:00"
    assert (
        column_cell(query, content_terms(query), "网点 | 营业时间（工作日） | 营业时间（周末）", row) is None
    )


def test_a_table_row_is_one_sentence_whatever_its_cells_hold():
    from rag.answer.candidates import SENTENCE, split

    text = "说明如下。\n网点 | 时间\n叶赫支行 | 周一至周五8:30-16:00；周六9:00-15:00\n其他。"
    assert [text[a:b] for a, b in split(text, SENTENCE)] == [
        "说明如下。",
        "网点 | 时间",
        "叶赫支行 | 周一至周五8:30-16:00；周六9:00-15:00",  # not cut at the ； inside a cell
        "其他。",
    ]


@pytest.mark.parametrize(
    ("question", "cell"),
    [
        ("叶赫支行以后周末几点营业？", "周一至周五 8:30-16:00；周六、周日 9:00-15:00"),  # after the change
        ("叶赫支行原来几点营业？", "周一至周日 8:30-16:30"),
        ("叶赫支行几点营业？", None),  # before or after: not said, no one cell
    ],
)
def test_a_column_before_or_after_a_change_is_the_one_the_question_asks(question, cell):
    from rag.answer.candidates import column_cell, content_terms

    header = "网点名称 | 地址 | 调整前营业时间 | 调整后营业时间"
    row = "叶赫支行 | 中心街12号 | 周一至周日 8:30-16:30 | 周一至周五 8:30-16:00；周六、周日 9:00-15:00"
    query = parse_query(question)
    found = column_cell(query, content_terms(query), header, row)
    assert (row[found[0] : found[1]] if found else None) == cell


@pytest.mark.parametrize(
    ("question", "short"),
    [
        ("淡季门票现在多少钱一张？", "50元"),  # what it costs, not by how much it fell
        ("淡季门票降了多少钱？", "10元"),  # the change, asked
    ],
)
def test_a_change_by_so_much_is_no_level(question, short):
    text = "答：淡季门票每人次降低10元，降幅16.7%。淡季门票价格为每人次50元。"
    assert chosen(answer(parse_query(question), hits(("", text), meta=NEWS))) == short


@pytest.mark.parametrize(
    ("question", "short"),
    [
        ("前三季度挖了多少煤？", "46,218.5万吨"),  # an amount: no per cent answers it
        ("原煤产量增长了多少？", "3.2%"),  # a change: the per cent
        ("全市煤矿降尘设施累计产煤多少？", "46,218.5万吨"),  # 降 of 降尘 asks no change
    ],
)
def test_a_per_cent_answers_only_a_rate_or_a_change(question, short):
    text = "前三季度全市挖煤企业原煤产量同比增长3.2%。全市煤矿累计产煤46,218.5万吨。"
    assert chosen(answer(parse_query(question), hits(("", text), meta=NEWS))) == short


def test_how_long_asks_for_a_time():
    from rag.answer.candidates import content_terms, find_span

    question = parse_query("冠军跑完168公里用了多长时间？")
    clause = "512名选手中冠军以21小时36分08秒的成绩夺冠"  # not the count of runners
    span, _ = find_span(question, clause, content_terms(question))
    assert span and clause[span[0] : span[1]] == "21小时36分08秒"


def test_a_table_row_is_read_under_its_header():
    from rag.answer.candidates import table_header

    text = (
        "主要农产品产量如下：\n产品 | 产量 | 比上年增长（%）\n粮食 | 246.8万吨 | 1.2\n烤烟 | 19.6万吨 | -2.5"
    )
    assert table_header(text, text.find("烤烟")) == "产品 | 产量 | 比上年增长（%）"
    assert table_header(text, text.find("产品")) == ""  # the header row has none above it
    assert table_header(text, 0) == ""  # nor has a line that is no row
    area = "全年粮食播种面积634.5千公顷，烤烟种植面积98.7千公顷。"
    a = answer(parse_query("去年烤烟产量是多少？"), hits(("二、农业", f"{area}\n{text}"), meta=NEWS))
    assert a.citations and "19.6万吨" in a.citations[0].quote  # 产量 is in the row's header, not in it


@pytest.mark.parametrize(
    ("question", "short"),
    [
        # an office's name is a person, read under the column that names it
        ("公司的董事会秘书叫什么？", "张伟"),
        ("公司证券事务代表是谁？", "李娜"),
        ("证券事务代表的电话是多少？", "0512-62000000"),
    ],
)
def test_a_cell_is_read_under_the_column_the_question_names(question, short):
    table = (
        "联系人和联系方式 | 董事会秘书 | 证券事务代表\n姓名 | 张伟 | 李娜\n"
        "办公地址 | 苏州市工业园区星湖街 | 苏州市工业园区星湖街\n电话 | 0512-61000000 | 0512-62000000"
    )
    a = answer(parse_query(question), hits(("公司简介", table), meta=NEWS))
    assert a.short == short  # never the header row's labels (「| 证券事务代表」)


@pytest.mark.parametrize(
    ("question", "short"),
    [
        ("录播教室多少钱一间？", "179,050.00元"),  # a bare figure, said in the unit its column's header names
        ("智慧黑板买了多少套？", "560套"),
    ],
)
def test_a_bare_figure_takes_the_unit_of_its_columns_header(question, short):
    table = (
        "包号 | 名称 | 品牌 | 数量 | 单价（元）\n包1 | 智慧黑板 | 鸿翼 | 560套 | 15,600.00\n"
        "包2 | 录播教室 | 睿录 | 12间 | 179,050.00"
    )
    assert answer(parse_query(question), hits(("主要标的信息", table), meta=NEWS)).short == short


def test_a_figure_the_question_names_in_other_numerals_is_no_answer():
    text = "女子100米决赛中，王某以11秒31夺冠，李某获得亚军。"
    a = answer(parse_query("女子百米亚军跑了多少？"), hits(("", text), meta=NEWS))
    assert a.short != "100米"  # 百米 is the race, not the time


def test_a_sentence_about_another_year_than_the_one_asked_is_refused_in_any_text():
    text = "2024年，医院门急诊量296.8万人次，出院病人12.6万人次。"
    meta = DocMeta("某某医科大学第一附属医院简介", None, None, "其他", None, None, "page.txt")
    assert answer(parse_query("医院2023年门急诊量是多少？"), hits(("", text), meta=meta)).refused
    assert (
        answer(parse_query("医院2024年门急诊量是多少？"), hits(("", text), meta=meta)).short == "296.8万人次"
    )


def test_a_which_question_is_not_answered_by_a_date():
    text = "1878年，他考入耶鲁大学土木工程系。1881年毕业，获学士学位。"
    a = answer(parse_query("他是哪个大学毕业的？"), hits(("", text), meta=NEWS))
    assert a.short != "1881年"  # 「哪个大学毕业」 meets 「1881年毕业」: a date answers 何时


@pytest.mark.parametrize(
    ("question", "short"),
    [("召回从哪天开始？", "2025年8月15日"), ("这则公告是哪天发布的？", "2025-07-30")],
)
def test_a_pages_publication_line_answers_only_when_it_was_published(question, short):
    text = "发布日期：2025-07-30　来源：市场监督管理总局\n自2025年8月15日起，召回以下车辆：部分越野车。"
    meta = DocMeta("某某汽车召回近6万辆越野车", None, 2025, "其他", None, None, "news.txt")
    assert answer(parse_query(question), hits(("", text), meta=meta)).short == short


def test_a_row_label_names_the_unit_and_the_question_the_years_column():
    table = (
        "指标 | 2025年 | 2030年 | 年均增长\n地区生产总值（亿元） | 5180 | 6800左右 | 5.5%左右\n"
        "一般公共预算收入（亿元） | 248.6 | 320 | 5.2%"
    )
    body = "一般公共预算收入达到248.6亿元。"  # the base year's figure, in words
    a = answer(
        parse_query("2030年一般公共预算收入目标是多少？"), hits(("", body), ("主要指标", table), meta=NEWS)
    )
    assert a.short == "320亿元"  # the figure with the unit its row's label gives


@pytest.mark.parametrize(
    ("question", "text", "short"),
    [
        # 「多大以下」 asks the upper bound; a 周岁 is a 岁
        ("报考年龄要求多大以下？", "报考人员年龄为18周岁以上、35周岁以下。", "35周岁以下"),
        (
            "今年一共招多少人？",
            "今年面向社会公开招聘工作人员156名，其中管理岗位24名。",
            "156名",
        ),  # 名 counts people
    ],
)
def test_a_figure_of_the_bound_and_the_unit_asked(question, text, short):
    assert answer(parse_query(question), hits(("", text), meta=NEWS)).short == short


def test_no_person_tagged_the_words_after_the_clauses_own_predicate():
    from rag.answer.candidates import content_terms, find_span

    question = parse_query("书里记的活字印刷是谁发明的？")
    clause = "书中记载了平民毕昇发明活字印刷术的过程"  # the tagger reads 毕/vg 昇/zg: no name
    span, how = find_span(question, clause, content_terms(question))
    assert (clause[span[0] : span[1]], how) == ("平民毕昇", "off-pattern")


def test_a_span_never_ends_inside_a_word():
    from rag.answer.spans import on_words

    clause = "洞内的鹿角状卷曲石枝长57厘米，为世界第一"
    start = clause.index("为世")
    a, b = on_words(clause, start, start + 2)
    assert clause[a:b] == "为世界"  # not 「为世」
    a, b = on_words(clause, 0, 3)
    assert clause[a:b] == "洞内的"  # a span on word ends stays as it is


@pytest.mark.parametrize(
    ("clause", "found"),
    [
        ("教师长期坚守在乡村", []),  # no 师长: the office must end a word
        ("绕过了宪法规定须年满40岁才可担任总统的规定。", []),  # 「的规定」 is no name
        ("副省长周立新出席并致辞", ["周立新"]),
        ("因工作调整，申请辞去公司董事长职务", []),  # 职务 is a common word, no name
        ("文化体育及旅游局局长何咏诗、行政总裁郑家朗出席", ["何咏诗", "郑家朗"]),  # names the tagger splits
    ],
)
def test_people_after_an_office(clause, found):
    from rag.answer.spans import people

    assert [clause[a:b] for a, b in people(clause)] == found


def test_a_label_names_what_follows_it():
    """「救援电话：」 is a label: the number after it answers, not the label."""
    text = ("七、联系方式", "咨询电话：0906-6321234。救援电话：0906-6326120（24小时）。")
    a = answer(parse_query("在景区遇到危险打什么救援电话？"), hits(text, meta=NEWS))
    assert a.short.startswith("0906-6326120")  # the number itself, or with the label's following words


def test_a_number_to_call_is_answered_by_a_passage_that_gives_one():
    # the sentences about reporting a problem say the question's words; the number stands on its own line
    text = (
        (
            "",
            "公示期间，干部群众对公示对象的德、能、勤、绩、廉等方面情况和问题，可通过来电、来信、来访等方式向市委组织部反映。",
        ),
        ("", "市委组织部将对公示期间反映的问题进行调查核实，并以适当方式向反映人反馈。"),
        ("", "受理举报电话：０８５１－３３２２３８０"),
    )
    a = answer(parse_query("对公示的干部有意见的话打哪个电话反映？"), hits(*text, meta=NEWS))
    assert chosen(a) == "０８５１－３３２２３８０"


@pytest.mark.parametrize(
    ("clause", "found"),
    [
        ("咨询电话：0595-22580318（工作日）", ["0595-22580318"]),
        ("受理举报电话：０８５１－３３２２３８０", ["０８５１－３３２２３８０"]),  # full-width digits
        ("急诊电话0311-66002120，总机0311-66002999", ["0311-66002120", "0311-66002999"]),
        ("联系电话：(0579)82468123；市民热线12345", ["(0579)82468123", "12345"]),
        (
            "公司总股本2213939223股，本科生20516人，共12345678元",
            [],
        ),  # counts and amounts are no numbers to call
    ],
)
def test_phone_numbers(clause, found):
    from rag.answer.spans import phones

    assert [clause[a:b] for a, b in phones(clause)] == found


@pytest.mark.parametrize("question", ["医院急诊电话多少？", "看病有问题打哪个电话？"])
def test_a_telephone_question_is_answered_by_a_number_to_call(question):
    text = ("联系我们", "医院总床位4200张。急诊电话：0311-66002120，院办电话：0311-66002999。")
    a = answer(parse_query(question), hits(text, meta=NEWS))
    assert a.short == "0311-66002120"


@pytest.mark.parametrize(
    ("clause", "found"),
    [
        ("学校全称：内蒙古大学；学校代码：10126；办学层次：本科", ["10126"]),
        ("统一社会信用代码91320500MA1XXXXX3Y", ["91320500MA1XXXXX3Y"]),
        ("邮编215000", ["215000"]),
        ("2024年共招生3500人，增长5.2%", []),  # a year, a count and a share are no codes
    ],
)
def test_codes(clause, found):
    from rag.answer.spans import codes

    assert [clause[a:b] for a, b in codes(clause)] == found


@pytest.mark.parametrize(
    ("unit", "wanted", "matches"),
    [
        ("名", ("个", "名", "人", "位"), True),  # 「多少个博士」 meets 「博士研究生27名」 (Query.units)
        ("人", ("位",), True),  # 「几位特级教师」 meets 「特级教师６人」
        ("名", ("人",), True),
        ("万人次", ("人次", "人"), True),
        ("次", ("人次", "人"), False),  # 3次 counts no visitors
        ("公里", ("平方公里",), False),  # a length is no area
        ("亿元", ("元",), True),
        ("例", ("人",), True),  # 「多少人得」 meets 「手足口病1,426例」: cases are people
        ("公吨", ("吨",), True),  # 1,846公噸 is in tonnes
        ("批次", ("批次",), True),
        ("批", ("批次",), True),
    ],
)
def test_units_that_answer(unit, wanted, matches):
    from rag.answer.spans import unit_matches

    assert unit_matches(unit, wanted) is matches


def test_levels_and_magnitudes_are_quantities():
    from rag.answer.spans import cn_quantities, quantities

    clause = "省地震局启动地震应急Ⅳ级响应"
    assert [clause[a:b] for a, b, _ in cn_quantities(clause)] == ["Ⅳ级"]
    clause = "塔身中炮弹二百余发，历十余年"
    assert [clause[a:b] for a, b, _ in cn_quantities(clause)] == ["二百余发", "十余年"]  # about so many
    clause = "最大余震为3日05时08分发生的3.4级地震"
    assert [clause[a:b] for a, b, _ in quantities(clause)] == ["3.4级"]


@pytest.mark.parametrize(
    ("question", "clause", "found"),
    [
        ("公示到哪天结束？", "公示期为2025年9月18日至9月24日（5个工作日）", "9月24日"),
        ("哪天开始报名？", "报名时间为2025年4月21日9:00至4月25日17:00", "2025年4月21日9:00"),
        ("陵园早上几点开门？", "每日开放时间为6:30-17:30", "6:30"),
        ("陵园开放时间是几点？", "每日开放时间为6:30-17:30", "6:30-17:30"),  # the hours, both ends
        ("高火险期从哪天到哪天？", "2月1日至5月31日为高火险期", "2月1日至5月31日"),  # both ends asked
        ("哪天发布的？", "于2025-03-18发布", "2025-03-18"),  # an ISO date is one date
        ("最晚几点以前要报到？", "请于当日上午7时30分至9时报到", "9时"),  # the latest is the end
        ("最早几点能进场？", "进场时间为8:00-9:30", "8:00"),
    ],
)
def test_the_end_or_the_start_of_a_span_of_time(question, clause, found):
    from rag.answer.candidates import find_span

    span, _ = find_span(parse_query(question), clause, {})
    assert clause[span[0] : span[1]] == found


def test_scores_in_points_are_not_clock_minutes():
    from rag.answer.spans import scores

    clause = "最低录取控制线为452分（总分满分720分），统招生648分以上；余震于3时08分发生，08:30分开考"
    assert [clause[a:b] for a, b, _ in scores(clause)] == ["452分", "720分", "648分以上"]


@pytest.mark.parametrize(
    ("clause", "found"),
    [
        ("全村集体经营性收入达到四十万八千六百元，比上年增加六万二千元", ["四十万八千六百元", "六万二千元"]),
        ("市本级实际支出体育彩票公益金一千一百二十六万元", ["一千一百二十六万元"]),
        ("征收住宅六百一十二户，已有一百多年历史", ["六百一十二户", "一百多年"]),
        ("建成一个中心、一批项目，“十四五”期间", []),  # 一 alone counts one of something: no figure
    ],
)
def test_figures_in_chinese_numerals(clause, found):
    from rag.answer.spans import cn_quantities

    assert [clause[a:b] for a, b, _ in cn_quantities(clause)] == found


def test_a_measure_word_after_a_numeral_is_no_surname():
    from rag.answer.spans import tagged

    clause = "后卫赵明轩因两张黄牌被罚下"
    names = [clause[a:b] for a, b in tagged(clause, ("nr", "nrfg", "nrt"), "谁吃了红牌")]
    assert "张黄牌" not in names and "赵明轩" in names


@pytest.mark.parametrize(
    ("question", "clause", "name"),
    [
        ("这场是在哪个球场踢的？", "第27轮一场比赛在五华县惠堂体育场进行", "五华县惠堂体育场"),
        ("他在哪个医院出生？", "1936年出生于北京协和医院", "北京协和医院"),
        ("这场是在哪个球场踢的？", "本场比赛梅州客家队积分升至31分", None),
        ("这场是在哪个球场踢的？", "梅州客家队在上半场先失一球", None),  # a part of the match, no name
        ("会议在哪个城市举行？", "会议在杭州召开", None),  # a city is found as a place name, not by its class
    ],
)
def test_a_name_of_the_class_asked(question, clause, name):
    from rag.answer.spans import of_class

    span = of_class(clause, find_head(question), question)
    assert (clause[span[0] : span[1]] if span else None) == name


def test_a_header_unit_per_something_gives_the_unit():
    from rag.answer.spans import header_units

    row = "理学、工学类专业 | 4,400"
    found = header_units("专业类别 | 学费（元/生·年）", row)
    assert [(row[a:b], unit) for a, b, unit in found] == [("4,400", "元")]


@pytest.mark.parametrize(
    ("clause", "found"),
    [
        ("来源：大理州文化和旅游局", ["大理州文化和旅游局"]),  # one bureau's name with 和 inside it
        ("市住房和城乡建设局负责", ["市住房和城乡建设局"]),
        ("由市统计局和财政局发布", ["市统计局", "财政局"]),  # two bodies
    ],
)
def test_an_organisation_named_with_and(clause, found):
    from rag.answer.spans import organisations

    assert [clause[a:b] for a, b in organisations(clause, "哪个部门发布的")] == found


ROADS = DocMeta("关于部分道路命名的公告", None, None, "其他", None, None, "roads.txt")
ENTRIES = (
    "（一）望湖路。南北走向，南起青石路，北至文昌街，全长2,100米。以明代诗人李东阳命名，纪念其在此讲学。\n"
    "（二）青石路。东西走向，西起环城西路，东至望湖路，全长3,400米。\n"
    "文昌街。原名“工业园二号路”，南北走向，全长980米。"
)


@pytest.mark.parametrize(
    ("question", "found"),
    [
        ("青石路有多长？", "3,400米"),  # said of the entry's name, not of the road another entry starts from
        ("哪条路是为了纪念李东阳？", "望湖路"),  # the entry's name answers what its sentences tell
        ("原来叫工业园二号路的那条路，现在叫什么？", "文昌街"),
    ],
)
def test_an_entry_is_read_under_the_name_it_opens_with(question, found):
    a = answer(parse_query(question), hits(("", ENTRIES), meta=ROADS))
    assert chosen(a) == found


def test_a_numbered_item_with_a_labelled_value_is_no_heading():
    text = (
        "（一）东港镇、西港乡：3月9日至3月11日\n（二）南湖镇、北山乡：3月16日至3月18日\n请于上午7时30分报到。"
    )
    a = answer(parse_query("南湖镇的役男哪几天去体检？"), hits(("", text), meta=ROADS))
    assert chosen(a) == "3月16日至3月18日"


def test_a_label_that_names_what_is_asked_is_a_cue():
    from rag.answer.candidates import candidates

    text = "（一）选房时间：2025年11月20日至11月26日，每天上午8:30开始。摇号已于2025年11月15日举行，选房顺序以号为准。"
    found = candidates(parse_query("摇完号以后哪几天去选房？"), hits(("", text), meta=ROADS))
    by_span = {c.hit.chunk.text[c.span[0] : c.span[1]]: c for c in found if c.span}
    assert by_span["2025年11月20日至11月26日"].factors.get("span:label asked") == 1.0
    assert "span:label asked" not in by_span["2025年11月15日"].factors
