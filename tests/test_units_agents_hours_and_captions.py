"""Causes of qa_blind76/77's misses, on invented text: cut flowers are counted in 枝 and points in 分; 「归谁管」 is
answered by the body a clause puts in charge (「由物业服务企业负责」); a bare hour in Chinese numerals after a day is a
time (「三月四日十五时」) and 「几点开始交通管制」 asks when 管制 starts; 「整镇」 names no town and 「在郭滩镇开展」 does;
「几多个人」 is met by 「3名访客」; a measure (产量, 面积) or what is done (种植) opening a clause is no subject of its
own; an area is no height; a figure of all visitors is not the 入境游客's a passage names apart, nor 户籍总人口 the
常住人口; an item's labelled lines are said of the item their heading names; a thing named after a town (「打洛口岸」)
asks no town; a Markdown table's alignment rule and a caption set apart by a tab are no table rows."""

from rag.answer import answer, spans
from rag.answer.candidates import _event_asked, canon, content_terms
from rag.api import _town_asked
from rag.cleaning import clean_bytes
from rag.places import town_names
from rag.query import parse_query
from rag.types import DocMeta
from tests.test_answering import chosen, hits

REPORT = DocMeta("某县2026年政府工作报告", "某县", 2026, "政府工作报告", None, None, "r.txt")
NOTICE = DocMeta("关于开放错峰共享停车泊位的公告", "某县", 2026, "其他", None, None, "n.txt")
PRESS = DocMeta("新闻公报", None, 2026, "其他", None, None, "p.txt")


def test_cut_flowers_are_counted_in_zhi_and_points_in_fen():
    a = answer(
        parse_query("某县去年鲜切花产了多少？"),
        hits(
            (
                "一、2025年工作回顾",
                "设施蔬菜产量136万吨；鲜切花种植面积1.85万亩，全年产量8.6亿枝，销往全国。",
            ),
            meta=REPORT,
        ),
    )
    assert chosen(a) == "8.6亿枝" and not a.refused  # 产量 opens no subject of its own: the 鲜切花's
    a = answer(
        parse_query("积分超市换一桶食用油要多少积分？"),
        hits(
            ("三、积分兑换", "（三）1分折合1元商品。"),
            ("三、积分兑换", "商品名称 | 规格 | 所需积分\n洗衣粉 | 2kg/袋 | 18分\n食用油 | 5L/桶 | 75分"),
            meta=NOTICE,
        ),
    )
    assert chosen(a) == "75分"


def test_who_is_in_charge_is_the_body_a_clause_puts_in_charge():
    clause = "●居民小区内由物业服务企业负责，"
    assert clause[slice(*spans.in_charge(clause, "小区里的落叶归谁管？"))] == "物业服务企业"
    assert spans.in_charge("●居民小区内由物业服务企业负责，", "小区里有多少棵树？") is None
    a = answer(
        parse_query("小区里的落叶归谁管？"),
        hits(
            ("四、责任分工", "●居民小区内由物业服务企业负责；主次干道由环卫所负责。"),
            ("二、治理范围", "●机关、学校和居民小区内的行道树。"),
            meta=NOTICE,
        ),
    )
    assert chosen(a) == "物业服务企业"


def test_a_bare_hour_after_a_day_is_a_time_and_the_act_asked_is_its_verb():
    found = spans.dates("管制时间：三月四日十五时至三月五日三时。")
    assert [("管制时间：三月四日十五时至三月五日三时。")[a:b] for a, b in found] == [
        "三月四日十五时至三月五日三时"
    ]
    assert spans.dates("一时间难以统计。") == []
    assert _event_asked(canon("灯会那天几点开始交通管制？")) == "管制"
    a = answer(
        parse_query("灯会那天几点开始交通管制？"),
        hits(
            ("二、交通管制时间和范围", "（一）管制时间：三月四日十五时至三月五日三时。"),
            ("三、免费接驳", "（二）三月四日十四时至二十四时，开行灯会免费接驳专线，每二十分钟一班。"),
            meta=NOTICE,
        ),
    )
    assert "十五时" in chosen(a)


def test_a_whole_town_is_no_town_and_the_town_after_zai_is():
    assert town_names("某县哪个镇搞整镇延包试点？") == []
    a = answer(
        parse_query("某县哪个镇搞整镇延包试点？"),
        hits(("", "今年先行在郭滩镇开展整镇试点，同时在苍台镇、湖阳镇各选取部分村同步推进。"), meta=NOTICE),
    )
    assert chosen(a) == "郭滩镇"
    assert spans.town("在全镇开展整治，", "哪个镇开展整治？") is None


def test_people_asked_are_met_by_visitors_counted():
    a = answer(
        parse_query("新年去探監，每次最多可以去幾多個人？"),
        hits(("", "每次探访时间为30分钟，每次最多可有3名访客，访客须出示身份证明文件。"), meta=PRESS),
    )
    assert chosen(a) == "3名"


def test_what_is_done_or_measured_opening_a_clause_names_no_other_subject():
    a = answer(
        parse_query("某县的西洋参现在种了多少亩？"),
        hits(
            (
                "一、2025年工作回顾",
                "西洋参产业全链条发展，全县种植面积达到4.6万亩，全产业链产值突破120亿元。",
            ),
            ("二、2026年重点工作", "建成西洋参交易中心，力争西洋参种植面积稳定在5万亩。"),
            meta=REPORT,
        ),
    )
    assert chosen(a) == "4.6万亩"


def test_an_area_is_no_height():
    assert not spans.unit_matches("平方米", ("米",)) and not spans.unit_matches("立方米", ("米",))
    assert spans.unit_matches("万平方米", ("平方米",)) and spans.unit_matches("亿元", ("元",))
    a = answer(
        parse_query("出土的那件白陶簋有多高？"),
        hits(("", "遗址发掘面积600平方米，出土白陶簋一件，通高11.4厘米，口径15.8厘米。"), meta=PRESS),
    )
    assert chosen(a) == "11.4厘米"


def test_a_figure_of_the_whole_is_not_the_part_a_passage_names_apart():
    a = answer(
        parse_query("某县去年接待了多少入境游客？"),
        hits(("一、2025年工作回顾", "全年接待游客1735万人次，增长8.2%；入境游客增长31.6%。"), meta=REPORT),
    )
    assert a.refused
    a = answer(
        parse_query("某县去年接待了多少游客？"),
        hits(("一、2025年工作回顾", "全年接待游客1735万人次，增长8.2%；入境游客增长31.6%。"), meta=REPORT),
    )
    assert a.short == "1735万人次"
    a = answer(
        parse_query("某县常住人口有多少？"),
        hits(("一、综合", "年末全县户籍总人口44.6万人，比上年末减少0.5万人。"), meta=REPORT),
    )
    assert a.refused


def test_an_items_labelled_lines_are_of_the_item_their_heading_names():
    a = answer(
        parse_query("实验中学那个共享停车场包月多少钱？"),
        hits(
            (
                "一、共享停车点 > 1．文化中心停车场",
                "收费标准：包月200元\n2．实验中学停车场\n地址：学府路8号\n共享泊位：85个",
            ),
            ("一、共享停车点 > 2．实验中学停车场", "收费标准：包月150元\n3．卫生院停车场\n地址：易安路6号"),
            meta=NOTICE,
        ),
    )
    assert chosen(a) == "150元"


class _Index:  # what the town reader reads of an index: its documents' texts and titles
    def __init__(self, *texts):
        self.docs = {str(i): _Doc(text) for i, text in enumerate(texts)}


class _Doc:
    def __init__(self, text):
        self.text, self.meta = text, REPORT


def test_a_thing_named_after_a_town_asks_no_town():
    index = _Index("打洛镇建设边境农产品集散加工区。到2030年打洛口岸年出入境人员达到180万人次；")
    assert _town_asked(parse_query("到2030年打洛口岸一年出入境要达到多少人次？"), index) == ()
    assert _town_asked(parse_query("打洛去年来了多少游客？"), index) == ("打洛镇",)


PLAN = """# 某县十五五规划纲要（节选）

## 第一节　主要指标

| 序号 | 指标 | 2025年 | 2030年 | 单位 | 年均增长（%） | 属性 |
|:---:|---|---:|---:|:---:|:---:|:---:|
| 1 | 地区生产总值 | 118.5 | 162 | 亿元 | 6.5 | 预期性 |
| 2 | 一般公共预算收入 | 6.82 | 8.7 | 亿元 | 5.0 | 预期性 |
"""

BULLETIN = (
    "某县2025年国民经济和社会发展统计公报\n"
    "某县统计局\n"
    "2025年，全县上下坚持稳中求进工作总基调，经济运行总体平稳。\n"
    "全年粮食总产量148.7万吨，比上年增长2.4%。全年生猪出栏86.2万头，比上年下降2.9%。年末主要牲畜存栏情况见附表2。\n"
    "附表2\t2025年末主要牲畜存栏及增长速度\n"
    "指标\t年末存栏\t单位\t比上年增长（%）\n"
    "奶牛\t13.4\t万头\t5.6\n"
    "生猪\t52.3\t万头\t-3.7\n"
)


def test_a_tables_alignment_rule_and_a_caption_set_apart_by_a_tab_are_no_rows():
    lines = clean_bytes(PLAN.encode(), "plan.md").text.split("\n")
    assert not any("---" in line for line in lines)
    assert lines[lines.index("序号 | 指标 | 2025年 | 2030年 | 单位 | 年均增长（%） | 属性") + 1].startswith(
        "1 | 地区生产总值"
    )
    lines = clean_bytes(BULLETIN.encode(), "bulletin.txt").text.split("\n")
    assert "附表2 2025年末主要牲畜存栏及增长速度" in lines
    assert "奶牛 | 13.4 | 万头 | 5.6" in lines


PLAN_TABLE = (
    "序号 | 指标 | 2025年 | 2030年 | 单位 | 年均增长（%）〔累计〕 | 属性\n"
    "1 | 地区生产总值 | 118.5 | 162 | 亿元 | 6.5 | 预期性\n"
    "2 | 常住人口城镇化率 | 51.4 | 57 | % | 〔5.6〕 | 预期性"
)
PLAN_META = DocMeta(
    "某县国民经济和社会发展第十五个五年规划纲要", "某县", 2026, "规划纲要", None, None, "p.md"
)


def test_a_cell_is_worded_by_its_column_and_a_bracketed_cell_by_the_columns_note():
    row = "1 | 地区生产总值 | 6.5"
    assert [
        (row[a:b], unit) for a, b, unit in spans.header_units("序号 | 指标 | 年均增长（%）〔累计〕", row)
    ] == [("6.5", "%")]
    a = answer(
        parse_query("某县十五五GDP年均增速目标是多少？"),
        hits(("第一节 主要指标", PLAN_TABLE), meta=PLAN_META),
    )
    assert chosen(a) == "6.5" and not a.refused  # 「年均增长」 names the change the question asks
    a = answer(
        parse_query("某县十五五期间城镇化率打算提高几个百分点？"),
        hits(("第一节 主要指标", PLAN_TABLE), meta=PLAN_META),
    )
    assert chosen(a) == "5.6" and not a.refused  # 〔5.6〕 is the 累计, no yearly average


def test_which_year_asks_a_time_and_until_which_year_its_end():
    assert "哪一年" not in content_terms(parse_query("这座桥是哪一年建成的？"))
    a = answer(
        parse_query("某县延包以后地能包到哪一年？"),
        hits(
            (
                "",
                "答：我县第二轮土地承包大多于1998年前后签订，将于2027年到期；延包后，承包期统一延长至2057年12月31日。",
            ),
            meta=NOTICE,
        ),
    )
    assert chosen(a) == "2057年12月31日"  # 「前后」 is about a day, no bound


def test_a_figure_per_session_is_no_total():
    a = answer(
        parse_query("去年的导赏一共有多少人参加？"),
        hits(("二、名额", "‧每场名额二十五人，以抽签方式决定参加者；去年活动反应热烈。"), meta=PRESS),
    )
    assert chosen(a) is None
