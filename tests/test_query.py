"""Question understanding, table-driven."""

import pytest

from rag.query import GENERIC_COUNT, INCIDENTS, parse_query


@pytest.mark.parametrize(
    ("question", "city", "year", "intent", "kind", "units"),
    [
        ("常熟2024年工业投资目标是多少", "常熟", 2024, "target", "number", ("元",)),
        ("常熟市2024年GDP增速的预期目标定在多少?", "常熟", 2024, "target", "number", ("%",)),
        ("崑山那個便民服務總入口叫啥名字?", "昆山", None, None, "name", ()),
        ("截至2023年,常熟高新技術企業總數達到多少家?", "常熟", 2023, "result", "number", ("家",)),
        ("蘇州古城保護更新累計有多少項特色做法在全國推廣?", "苏州", None, "result", "number", ("项",)),
        ("昆山2022年要引进多少个超亿美元的外资项目?", "昆山", 2022, "target", "number", GENERIC_COUNT),
        ("常熟综合实力在全国百强县里排第几?", "常熟", None, "result", "rank", ()),
        ("2021年苏州市政府工作报告是哪位市长作的？", "苏州", 2021, None, "person", ()),
        ("为打通外部交通“大动脉”,昆山2022年要加快建设哪几座桥?", "昆山", 2022, "target", "list", ("座",)),
        ("轨交S1线预计什么时候开通运营?", None, None, "target", "date", ()),
        ("想问下苏州2020年PM2.5平均浓度是多少？", "苏州", 2020, None, "number", ("微克",)),
        ("苏州“十五五”规划建议提出主动谋划哪六类未来产业？", "苏州", None, None, "list", ()),
        (
            "常熟2023年改造面积有多大？",
            "常熟",
            2023,
            None,
            "number",
            ("平方公里", "平方千米", "平方米", "亩", "公顷", "km²", "m²"),
        ),
        ("报告是在哪一天作的？", None, None, None, "date", ()),
        (
            "2020年苏州吴江区的地区生产总值是多少?",
            "吴江",  # the district inside the prefecture is the subject
            2020,
            None,
            "number",
            ("元",),
        ),  # a level, not a rate
        (
            "投资计划中完成投资超2200亿元的截止时间是什么时候?",
            None,
            None,
            "target",
            "date",
            ("元",),
        ),  # later word
        ("苏州要完善怎样的城镇空间格局", "苏州", None, "target", "name", ()),
        ("苏州要打响什么创业首选城市品牌？", "苏州", None, "target", "name", ()),
        (
            "苏州研发投入强度要达到什么水平？",
            "苏州",
            None,
            "target",
            "number",
            ("%",),
        ),  # a figure, not a name
        ("甘肃2024年全社会研发经费投入有多少？", "甘肃", 2024, None, "number", ("元",)),  # money put in
        ("这种袋鼠的体重大约是多少？", None, None, None, "number", ("公斤", "千克", "克", "斤", "吨", "kg")),
        (
            "搜索雷达的有效距离是多少？",
            None,
            None,
            None,
            "number",
            ("公里", "千米", "米", "海里", "英里", "km"),
        ),
        ("元亲把军队分成几股？", None, None, None, "number", ("股",)),
        ("今年粮食一共收了多少？", None, None, None, "number", ("吨", "斤")),  # a harvest is weighed
        (
            "今年粮食播种面积有多少？",
            None,
            None,
            None,
            "number",
            ("平方公里", "平方千米", "平方米", "亩", "公顷", "km²", "m²"),
        ),
        ("这条运河有多长？", None, None, None, "number", ("公里", "千米", "米", "km")),  # a length
        ("那座塔有多高？", None, None, None, "number", ("米", "千米", "公里", "厘米")),
        ("这个湖最深处有多深？", None, None, None, "number", ("米", "千米", "公里", "厘米")),
        ("地震后省里启动了几级响应？", None, None, None, "number", ("级",)),  # a level, in 级
        ("这次余震有多大？", None, None, None, "number", ("级",)),  # an earthquake's magnitude
        ("台风造成的直接经济损失有多少？", None, None, None, "number", ("元",)),  # a loss is counted in money
        ("那场比赛现场来了多少观众？", None, None, None, "number", ("人次", "人")),
        ("他一共带出了多少个博士？", None, None, None, "number", ("个", "名", "人", "位")),  # people
        (
            "项目能提供多少个工作岗位？",
            None,
            None,
            None,
            "number",
            ("个", "名", "人", "位"),
        ),  # posts for people
        ("全市有多少个非遗项目？", None, None, None, "number", GENERIC_COUNT),  # 个 counts anything
        ("全马关门时间是几个小时？", None, None, None, "number", ("个小时",)),  # hours: 6小时, 6个小时
        ("试用期是多少个月？", None, None, None, "number", ("个月",)),
        ("全程项目有多少个名额？", None, None, None, "number", ("个", "名", "人", "位")),  # a quota of people
        ("项目建成后要用多少工人？", None, None, "target", "number", ("人", "名", "位")),  # no 1,500吨
        (
            "学校现在有多少学生在读？",
            None,
            None,
            "result",  # 现在: what is, not what is planned
            "number",
            ("人", "名", "位"),
        ),  # people, whatever follows
        ("因为信息公开被申请行政复议了几次？", None, None, None, "number", INCIDENTS),  # 2件 are two times
    ],
)
def test_parse(question, city, year, intent, kind, units):
    q = parse_query(question)
    assert (q.city, q.year, q.intent, q.kind, q.units) == (city, year, intent, kind, units)


def test_normalisation_and_synonyms():
    q = parse_query("常熟２０２４年Ｒ&Ｄ投入強度要達到多少？")
    assert q.text == "常熟2024年R&D投入强度要达到多少?"
    assert "研究与试验发展" in q.search_text
    assert "地区生产总值" in parse_query("苏州GDP是多少").search_text


@pytest.mark.parametrize(
    ("question", "relative"), [("今年昆山海绵城市面积要新增多少?", 0), ("去年完成多少", -1)]
)
def test_relative_years(question, relative):
    q = parse_query(question)
    assert q.year is None and q.relative_year == relative


@pytest.mark.parametrize(
    ("question", "period"), [("“十四五”时期苏州", "十四五"), ("「十三五」期間蘇州", "十三五"), ("苏州", None)]
)
def test_periods(question, period):
    assert parse_query(question).period == period


def test_follow_up_keeps_city_and_topic_and_changes_the_year():
    first = parse_query("常熟2024年工业投资目标是多少")
    follow = parse_query("那2023年呢？", history=[first])
    assert follow.is_followup
    assert (follow.city, follow.year, follow.intent) == ("常熟", 2023, "result")
    assert "工业投资" in follow.text


def test_follow_up_with_another_city():
    first = parse_query("常熟2024年工业投资目标是多少")
    follow = parse_query("昆山呢？", history=[first])
    assert (follow.city, follow.year) == ("昆山", 2024) and "工业投资" in follow.text


@pytest.mark.parametrize(
    ("first", "follow", "city", "year", "topic", "units"),
    [  # a new subject keeps the city and year, and asks in its own units
        ("苏州2021年GDP增长目标是多少", "那研发投入强度呢？", "苏州", 2021, "研发投入强度", ("%",)),
        ("昆山2022年要新增多少套保障性租赁住房？", "口袋公园呢", "昆山", 2022, "口袋公园", ()),
        # no city and no subject of its own: everything but the year carries over
        ("常熟2024年工业投资目标是多少", "去年实际完成多少？", "常熟", 2023, "工业投资", ("元",)),
    ],
)
def test_follow_up_with_a_new_subject_or_none(first, follow, city, year, topic, units):
    q = parse_query(follow, history=[parse_query(first)])
    assert q.is_followup and (q.city, q.year, q.units) == (city, year, units) and topic in q.text


def test_a_full_question_after_another_is_not_a_follow_up():
    first = parse_query("常熟2024年工业投资目标是多少")
    second = parse_query("昆山之链(恋)慢行环线全长多少公里?", history=[first])
    assert not second.is_followup and second.city == "昆山" and second.year is None
    own = parse_query("昆山的口袋公园要新建多少个呢？", history=[first])  # its own city and subject
    assert not own.is_followup and own.year is None


def test_known_cities_from_the_index():
    assert parse_query("太仓2025年工业投资目标", known_cities=["太仓"]).city == "太仓"
    assert parse_query("宜兴的目标", known_cities=["宜兴"]).city == "宜兴"


@pytest.mark.parametrize(
    ("question", "city"),
    [
        ("蘇州2021年的目標", "苏州"),
        ("崑山的停車位", "昆山"),
        ("常熟市今年的目标", "常熟"),
        ("姑苏古城保护", "苏州"),
        ("全国的情况", None),
    ],
)
def test_cities_incl_traditional(question, city):
    assert parse_query(question).city == city


@pytest.mark.parametrize(
    ("question", "units"),
    [
        ("2024年常熟要新增多少台工业机器人？", ("台",)),
        ("昆山2022年要新增多少套保障性租赁住房？", ("套",)),
        ("常熟新增就业多少万人？", ("人",)),
        ("计划新建高标准农田多少亩？", ("亩",)),
        ("苏州2021年固定资产投资增长目标是多少？", ("%",)),  # growth is a rate, whatever grows
        ("昆山连续多少年蝉联第一？", ("年",)),
        ("常熟港一年的货物吞吐量有多少？", ("吨",)),
        ("某港集装箱吞吐量有多少？", ("标箱",)),
        ("机场一季度旅客吞吐量是多少？", ("人次", "人")),  # passengers, not tonnes
        ("农民收入去年涨了几个点？", ("%", "个百分点")),  # points of a rate, not a count of things
        ("每人发多少钱？", ("元",)),
        ("首付最少几成？", ("%", "个百分点")),  # a share in tenths is written as a percentage
        ("小车过一趟要交多少通行费？", ("元",)),  # a fee, a price, a wage is money
        ("门票价格是多少？", ("元",)),
        ("金酒2024年营收多少？", ("元",)),  # revenue is money
        ("去年全年降水量多少？", ("毫米",)),  # rain, in millimetres
        ("免费停车多少小时？", ("小时",)),  # 免费 is no fee
        ("学校现在有多少本科生？", ("人", "名", "位")),  # 本 starts the word 本科生: people, no books
        (
            "《本草纲目》里一共收了多少种药？",
            ("种",),
        ),  # the tagger cuts 种药: 种 counts the noun 药 all the same
        ("医院有多少张床？", ("张",)),
        ("全县有多少家庭？", ()),  # 家庭 is a word of its own: no 家 is asked
        ("假期查了多少起酒驾？", ("起",)),  # the tagger's guess 起酒 is no word: 起 counts 酒驾
        ("这个月有多少人得手足口病？", ("人",)),
        ("中考过多少分才能上普高？", ("分",)),  # a score in points, not minutes
        ("这期抽检总共抽了多少批次？", ("批次",)),
        ("去年过年那几天一共清运了多少吨垃圾？", ("吨",)),  # 那几天 says when, not what is counted
        ("这几天要等几天？", ("天", "日", "工作日")),  # days, as a notice writes them too (「3日前」)
        ("今年大概有多少役男要体检？", ("人", "名", "位")),  # 役男, 妇女: people
        ("常熟2024年新增停车泊位的目标是多少？", ()),
    ],
)
def test_units(question, units):
    assert parse_query(question).units == units


@pytest.mark.parametrize(
    ("question", "year", "intent"),
    [
        ("明年常熟的工业投资目标", None, "target"),
        ("苏州2020年完成了多少工业投资", 2020, "result"),
        ("“十三五”末苏州农村居民人均可支配收入是多少？", None, "result"),
        ("到2025年力争达到多少", 2025, "target"),
    ],
)
def test_years_and_intents(question, year, intent):
    q = parse_query(question)
    assert (q.year, q.intent) == (year, intent)


def test_follow_up_by_city_in_traditional_and_a_relative_year():
    first = parse_query("苏州2021年工业投资目标是多少？")
    follow = parse_query("那崑山呢？", history=[first])
    assert (
        follow.is_followup
        and follow.city == "昆山"
        and follow.year == 2021
        and "工业投资" in follow.search_text
    )
    last_year = parse_query("去年的呢", history=[first])
    assert last_year.is_followup and last_year.year == 2020 and "工业投资" in last_year.text  # 去年 of 2021


@pytest.mark.parametrize(
    ("question", "units"),
    [
        ("市里一共拿出多少补贴资金？", ("元",)),  # money asked without 钱 or 元
        ("买一辆电动车，市里补贴多少？", ("元",)),
        ("省政府一共背着多少债？", ("元",)),
        ("游客一共花了多少？", ("元",)),
        ("补贴了多少户？", ("户",)),  # a unit the question names wins
    ],
)
def test_money_is_asked_in_many_words(question, units):
    assert parse_query(question).units == units
