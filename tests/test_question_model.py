"""The question model on varied questions, many unlike the sample reports: answer type and fields."""

from __future__ import annotations

import pytest

from rag.query import parse_query

# (question, kind, city, place level, year, period)
CASES = [
    # numbers, with and without units, in report style and in everyday wording
    ("常熟2024年工业投资目标是多少", "number", "常熟", "county", 2024, None),
    ("杭州今年GDP打算涨多少", "number", "杭州", "prefecture", None, None),
    ("二〇二三年宁波的一般公共预算收入有多少亿元", "number", "宁波", "prefecture", 2023, None),
    ("24年义乌进出口总额多少", "number", "义乌", "county", 2024, None),
    ("浙江省十四五期间研发投入强度要达到多少", "number", "浙江", "province", None, "十四五"),
    ("十一五时期苏州GDP年均增长多少", "number", "苏州", "prefecture", None, "十一五"),
    ("“十五”计划期间南通的财政收入", None, "南通", "prefecture", None, "十五"),
    ("沛县2022年规上工业增加值增速", "number", "沛县", "county", 2022, None),
    ("浦东新区2023年常住人口多少人", "number", "浦东", "county", 2023, None),
    ("射控追踪雷达的距离精度是多少？", "number", None, None, None, None),
    ("主跑道有多长？", "number", None, None, None, None),
    ("帕特纳赫峡谷有多长？", "number", None, None, None, None),
    ("最后飞机以多快的速度冲出了跑道的防护堤？", "number", None, None, None, None),
    ("江陰市2023年地區生產總值是多少", "number", "江阴", "county", 2023, None),
    ("吳江區去年新增了多少家高企", "number", "吴江", "county", None, None),
    (
        "漳州2025年一般公共预算支出打算安排多少？",
        "number",
        "漳州",
        "prefecture",
        2025,
        None,
    ),  # 安排 is no rank
    # ranks
    ("常熟在全国百强县里排第几", "rank", "常熟", "county", None, None),
    ("昆山2021年综合实力排名", "rank", "昆山", "county", 2021, None),
    ("这所大学在全国排多少？", "rank", None, None, None, None),
    # people
    ("2024年常熟市政府工作报告是谁作的", "person", "常熟", "county", 2024, None),
    ("2009年3月17日谁宣布解散政府？", "person", None, None, 2009, None),
    ("第二代蓝甲虫死前派什么人给惊奇队长送信？", "person", None, None, None, None),
    ("哪位市长在大会上作了报告", "person", None, None, None, None),
    ("这个案子是哪个法官判的？", "person", None, None, None, None),  # a person by their work
    ("哪个部门负责受理？", "organisation", None, None, None, None),
    # dates
    ("轨交S1线预计什么时候开通运营", "date", None, None, None, None),
    ("塞内加尔是何时成为一个独立国家的？", "date", None, None, None, None),
    ("于海哪一年入选中国国家队？", "date", None, None, None, None),
    ("苏州工业园区是哪个年代设立的", "date", "苏州", "prefecture", None, None),
    ("报告是在哪一天作的？", "date", None, None, None, None),
    # places
    ("齐庄公派栾盈攻击哪国？", "place", None, None, None, None),
    ("四加亭位于哪儿？", "place", None, None, None, None),
    ("洛拉·帕尼亚尼出生于哪里？", "place", None, None, None, None),
    ("2024年常熟的新能源项目落户在什么地方", "place", "常熟", "county", 2024, None),
    ("第一届世博会在哪个城市举办", "place", None, None, None, None),
    # reasons
    ("为什么战斗机不需要安装翼尖小翼？", "reason", None, None, None, None),
    ("百老汇剧院是因何得名的？", "reason", None, None, None, None),
    ("常熟工业投资为何连续5年苏州第一", "reason", "常熟", "county", None, None),
    ("为什么会发生京津大战武斗？", "reason", None, None, None, None),
    ("在南方，这种植物被称为什么？", "name", None, None, None, None),  # the 为 is the verb's: a name
    ("这份建议是在哪次全会上通过的？", "name", None, None, None, None),  # 在哪次 asks a meeting, not a place
    ("这种恐龙最初被命名为什么？", "name", None, None, None, None),
    # descriptions, manners, yes/no
    ("闪族和早期巴比伦没有0的符号，如何处理的？", "description", None, None, None, None),
    ("丙烯颜料有毒吗？", "description", None, None, None, None),
    ("当注册中心更换时，代码需不需要进行修改？", "description", None, None, None, None),
    ("狭叶艾纳香能否进行人工栽培？", "description", None, None, None, None),
    ("潘仕成逝世的时间是？", "description", None, None, None, None),
    ("这种树的根部有什么作用？", "description", None, None, None, None),  # told, not named
    ("什么是放线菌酮？", "description", None, None, None, None),
    ("康直病死后康忠做了什么？", "description", None, None, None, None),
    ("白葡萄酒和红葡萄酒的亚硫酸盐有什么区别？", "description", None, None, None, None),
    ("误食这种植物有什么危害？", "description", None, None, None, None),
    ("这座桥的名称是怎么来的？", "description", None, None, None, None),  # not a name: its origin
    ("1982年这位球员发生了什么事情？", "description", None, None, 1982, None),
    ("生命数耗完即算为什么？", "name", None, None, None, None),
    # names and organisations
    ("苏州“十五五”期间要打造的未来产业地标叫什么", "name", "苏州", "prefecture", None, "十五五"),
    ("《神圣十月》是由哪个杂志连载的？", "name", None, None, None, None),
    ("罗保铭本科毕业于哪所大学？", "name", None, None, None, None),
    ("占士·邦是哪部小说的主角？", "name", None, None, None, None),
    ("昆山2022年引进的那家财产保险公司叫啥", "name", "昆山", "county", 2022, None),
    ("中国（南京）国际象棋超级大赛的原名是什么？", "name", "南京", "prefecture", None, None),
    ("宋朝初年，楚昭辅位居何职？", "name", None, None, None, None),
    ("常熟2024年要打响什么品牌", "name", "常熟", "county", 2024, None),
    ("这份数据是哪个部门发布的？", "organisation", None, None, None, None),
    ("绵阳2023年的预算草案由哪个单位编制", "organisation", "绵阳", "prefecture", 2023, None),
    # lists, with their size
    ("苏州十五五规划建议提出主动谋划哪六类未来产业", "list", "苏州", "prefecture", None, "十五五"),
    ("阿部重次的子女有哪些？", "list", None, None, None, None),
    ("常熟2024年的三大主导产业分别是什么", "list", "常熟", "county", 2024, None),
    ("短叶水蜈蚣有哪些功能？", "list", None, None, None, None),
    # provinces, districts, renamed and traditional forms
    ("廣東省2024年地區生產總值目標", None, "广东", "province", 2024, None),
    ("北京市海淀区2023年高新技术企业", None, "海淀", "county", 2023, None),
    ("苏州姑苏区2024年旅游收入是多少", "number", "姑苏", "county", 2024, None),
    ("深圳南山区今年的研发投入", None, "南山", "county", None, None),
    ("蕭山市2020年財政收入多少", "number", "萧山", "county", 2020, None),
    ("福州市鼓楼区2024年社零总额增长多少", "number", "鼓楼", "county", 2024, None),
    ("2024年沛县工业投资完成了多少", "number", "沛县", "county", 2024, None),
    ("上海2025年要建成多少公里地铁", "number", "上海", "province", 2025, None),
    ("虞城2024年计划完成多少工业投资", "number", "常熟", "county", 2024, None),
    ("用10年时间建成什么样的城市", "name", None, None, None, None),  # 10年 is a duration, not 2010
    ("这种草又被称之为什么？", "name", None, None, None, None),  # 称之为 names; it asks no reason
]


@pytest.mark.parametrize(("question", "kind", "city", "level", "year", "period"), CASES)
def test_question_model(
    question: str, kind: str | None, city: str | None, level: str | None, year: int | None, period: str | None
) -> None:
    q = parse_query(question)
    assert q.kind == kind
    assert q.city == city
    assert (q.place.level if q.place else None) == level
    assert q.year == year
    assert q.period == period


def test_there_are_at_least_sixty_varied_questions() -> None:
    assert len(CASES) >= 60
    assert len({kind for _, kind, *_ in CASES}) >= 9


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("常熟2024年工业投资目标是多少", "target"),
        ("常熟2023年实际完成工业投资多少", "result"),
        ("苏州2020年末高企总数", "result"),
        ("昆山打算引进多少人才", "target"),
    ],
)
def test_target_or_result(question: str, intent: str) -> None:
    assert parse_query(question).intent == intent


def test_a_follow_up_keeps_the_place() -> None:
    first = parse_query("杭州2024年GDP目标是多少")
    follow = parse_query("那2023年呢", history=[first])
    assert (follow.city, follow.year) == ("杭州", 2023)
    assert follow.place is not None and follow.place.short == "杭州"


@pytest.mark.parametrize(
    ("question", "kind", "unit"),
    [
        ("株洲新能源装备产业园是哪天开工的？", "date", "日"),
        ("遵義會議是哪幾天開的？", "date", "日"),  # 哪几天 asks days, not a list
        ("展会几月几号开幕", "date", "日"),
        ("这份公告是哪个月发布的", "date", "月"),
        ("于海哪一年入选中国国家队？", "date", "年"),
        ("轨交S1线预计什么时候开通运营", "date", None),  # any date answers
        ("图书馆星期几闭馆？", "date", "周"),  # a weekday
        ("少儿馆开到几点？", "date", "时"),  # a clock time
        ("哪几个城市入选", "list", None),
    ],
)
def test_the_part_of_a_date_asked_for(question: str, kind: str, unit: str | None) -> None:
    q = parse_query(question)
    assert (q.kind, q.date_unit) == (kind, unit)


@pytest.mark.parametrize(
    ("question", "options"),
    [
        ("森林覆盖率是约束性指标还是预期性指标？", ("约束性指标", "预期性指标", "约束", "预期")),
        ("这所学校是公办还是民办？", ("公办", "民办")),
        ("决赛在北京还是上海？", ("北京", "上海")),
        ("他是哪一年出生的还是不知道", ()),  # a wh-question, not a choice
        ("这次用的是新方案还是新方案？", ()),  # nothing to choose between: not a choice question
    ],
)
def test_a_choice_question_offers_its_options(question: str, options: tuple[str, ...]) -> None:
    q = parse_query(question)
    assert q.options == options and (q.kind == "choice") == bool(options)


@pytest.mark.parametrize(
    ("question", "text", "kind"),
    [
        ("昂坪纜車係邊日開幕㗎？", "昂坪缆车是哪天开幕?", "date"),  # Cantonese, as Hong Kong users type
        ("邊個係特首？", "谁是特首?", "person"),
        ("啟德體育園喺邊度？", "启德体育园在哪里?", "place"),
        ("昂坪360纜車全長幾多公里？", "昂坪360缆车全长多少公里?", "number"),
        ("周邊部分地區的關係點樣？", "周边部分地区的关系怎样?", "description"),  # 邊 of 周邊, 係 of 關係 stay
        ("公司的董事会秘书叫什么？", "公司的董事会秘书叫什么?", "person"),  # an office's name is a person's
        ("年报啥时候出？", "年报什么时候出?", "date"),  # spoken Mandarin: 啥 is 什么, 咋 is 怎么
        ("他是啥时候去世的？", "他是什么时候去世的?", "date"),
        ("报名啥时间截止？", "报名什么时间截止?", "date"),
        ("这个政策咋样？", "这个政策怎样?", "description"),
        (
            "商水3月29号停电的是哪条线路？",
            "商水3月29日停电的是哪条线路?",
            "name",
        ),  # 29号 is the day notices write 29日
        ("90平的房子有几套？", "90平方米的房子有几套?", "number"),  # 90平 is 90平方米
        ("这回一共给几条路定了名字？", "这回一共给几条路定了名字?", "number"),  # a count, though 名字 is said
    ],
)
def test_cantonese_and_office_names_are_read(question: str, text: str, kind: str) -> None:
    query = parse_query(question)
    assert (query.text, query.kind) == (text, kind)


@pytest.mark.parametrize(
    ("question", "code", "phone"),
    [
        ("内蒙古大学的学校代码是多少？", True, False),
        ("苏州的邮政编码是多少？", True, False),
        ("这个项目的编号是什么？", True, False),
        ("急诊电话多少？", False, True),
        ("学校有多少个专业？", False, False),
    ],
)
def test_a_code_or_a_number_to_call_is_asked(question: str, code: bool, phone: bool) -> None:
    query = parse_query(question)
    assert (query.code, query.phone) == (code, phone)
