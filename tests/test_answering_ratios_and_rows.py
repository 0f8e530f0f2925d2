"""Causes of qa_blind48/49's misses, on invented text: a table whose cells a full-width ｜ splits, a ratio of parts
(「三次产业结构为20.5:28.0:51.5」), one social insurance is not another, a 度 of power is a 千瓦时, 「玩的有多少人」
counts visits too, a vaccine's shots are its doses, a table's cell the question says itself names the row and not
the column asked, a where asked of a table is under its 地点, a label before a telephone number is no place,
Taiwan's 罚锾 is a fine, a town's name is whole (溱东镇, 旧镇镇), a yearly rise asked of a plan is its growth column,
a table's column answers a list asked of it, a list of papers is asked by 「要带什么」, and a numbered item may be a
long name."""

from rag.answer import answer, spans
from rag.answer.candidates import candidates, per_said
from rag.answer.subjects import side_named
from rag.cleaning.boilerplate import table_cells
from rag.cleaning.pipeline import clean_bytes
from rag.query import parse_query
from rag.types import DocMeta
from tests.test_answering import chosen, hits

BULLETIN = DocMeta(
    "某县2025年国民经济和社会发展统计公报", "某县", 2025, "统计公报", "2026-03-28", None, "b.txt"
)
NOTICE = DocMeta("某乡公所115年度犬猫狂犬病预防注射公告", None, 2026, "其他", "2026-03-20", None, "n.txt")


def test_a_table_split_by_full_width_bars_is_a_table():
    assert table_cells("物玛乡｜1348｜188｜526｜2725") == ["物玛乡", "1348", "188", "526", "2725"]
    assert table_cells("甲乡│12│3") == ["甲乡", "12", "3"]
    raw = (
        "某县2025年度草原补奖资金发放公示\n\n三、分乡（镇）发放明细\n"
        "乡（镇）｜牧户数（户）｜补奖资金（万元）\n甲镇｜1126｜1750\n乙乡｜1348｜2725\n丙乡｜802｜1210\n"
    )
    text = clean_bytes(raw.encode(), "gongshi.txt").text
    assert "乙乡 | 1348 | 2725" in text  # kept as a row, in the form the table readers read
    table = ("三、分乡（镇）发放明细", "\n".join(line for line in text.splitlines() if " | " in line))
    a = answer(parse_query("某县哪个乡领到的补奖资金最多？"), hits(table, meta=BULLETIN))
    assert chosen(a) == "乙乡"


def test_a_ratio_of_parts_is_a_figure():
    assert spans.quantities("三次产业结构为20.5:28.0:51.5。") == [(7, 21, "比")]
    assert spans.quantities("城乡居民收入之比为1.85:1") == [(9, 15, "比")]
    # a clock time is none, with or without its seconds
    assert spans.quantities("上午9:30开始") == spans.quantities("营业时间09:00:00") == []
    assert parse_query("某县2025年三次产业结构是多少？").units == ("比",)
    text = (
        "全年地区生产总值186.42亿元，增长5.3%。其中，第一产业增加值38.27亿元，第二产业增加值52.16亿元，"
        "第三产业增加值95.99亿元。三次产业结构为20.5:28.0:51.5。"
    )
    a = answer(parse_query("某县2025年三次产业结构是多少？"), hits(("一、综合", text), meta=BULLETIN))
    assert chosen(a) == "20.5:28.0:51.5"


def test_one_social_insurance_is_not_another():
    assert side_named("失业保险补贴标准", "基本养老保险补贴:每人每月最高不超过412元")
    assert not side_named("养老保险补贴标准", "基本养老保险补贴:每人每月最高不超过412元")


def test_a_du_of_power_is_a_kilowatt_hour():
    assert per_said("度", "执行每千瓦时", at_end=True)
    assert per_said("度", "", figure="0.22元/千瓦时")
    assert not per_said("度", "每户")


def test_playing_at_a_park_counts_its_visits():
    assert "人次" in parse_query("去年去某县稻田公园玩的有多少人？").units
    text = (
        "全年接待游客528.4万人次，增长8.9%。其中，稻田公园接待游客137.2万人次，神农殿景区接待游客42.5万人次。"
    )
    a = answer(
        parse_query("去年去某县稻田公园玩的有多少人？"), hits(("四、国内贸易和旅游", text), meta=BULLETIN)
    )
    assert chosen(a) == "137.2万人次"


def test_a_vaccines_shots_are_its_doses():
    assert spans.unit_matches("剂", parse_query("某县免费打HPV疫苗一共要打几针？").units)
    text = "免费提供国产双价HPV疫苗，全程接种2剂，两剂间隔6个月。"
    a = answer(parse_query("某县免费打HPV疫苗一共要打几针？"), hits(("二、疫苗种类及接种程序", text)))
    assert chosen(a) == "2剂"


def test_a_cell_the_question_says_names_the_row_not_the_column():
    table = (
        "三、巡回注射时间及地点：",
        "日期 | 时间 | 村别 | 地点\n"
        "4月7日（星期二） | 上午9时至11时 | 鹿谷村 | 鹿谷村活动中心\n"
        "4月9日（星期四） | 上午9时至11时 | 内湖村 | 溪头游客服务中心停车场\n"
        "4月10日（星期五） | 上午9时至11时 | 广兴村 | 广兴村活动中心",
    )
    a = answer(parse_query("内湖村哪天可以带狗去打狂犬病疫苗？"), hits(table, meta=NOTICE))
    assert chosen(a) == "4月9日"


def test_a_fine_in_taiwan_is_a_fa_huan():
    assert "罚锾" in parse_query("不给狗打狂犬病疫苗会被罚多少？").search_text


def test_a_where_asked_of_a_table_is_under_its_place_column():
    table = (
        "三、巡回注射时间及地点：",
        "日期 | 时间 | 村别 | 地点\n"
        "4月10日（星期五） | 上午9时至11时 | 广兴村 | 广兴村活动中心\n"
        "4月17日（星期五） | 上午9时至下午4时 | 补注日（全乡） | 本所前广场",
    )
    a = answer(parse_query("错过巡回注射的话补注在哪里？"), hits(table, meta=NOTICE))
    assert chosen(a) == "本所前广场"


def test_a_label_before_a_telephone_number_is_no_place():
    text = (
        "受理地点：某县政务服务中心一楼出入境服务窗口（良塘新区）。\n"
        "六、咨询电话\n某县公安局出入境管理大队：0792-7223156"
    )
    query = parse_query("某县在哪里办出入境证件？")
    found = hits(("一、受理地点和时间", text))
    named = [c.hit.chunk.text[slice(*c.span)] for c in candidates(query, found) if c.span]
    assert "某县政务服务中心一楼出入境服务窗口" in named
    assert not any("公安局" in name for name in named)  # whom to call
    assert chosen(answer(query, found)) == "某县政务服务中心一楼出入境服务窗口"


def test_a_town_name_with_a_rare_character_or_its_class_said_twice_is_whole():
    a = answer(
        parse_query("某市今年在哪个镇新建九年一贯制学校？"),
        hits(("（三）教育", "在溱东镇新建九年一贯制学校1所；")),
    )
    assert chosen(a) == "溱东镇"
    text = "县林业局将在旧镇镇浯江村开展义务植树主题活动，当天在活动现场另行发放苗木2000株。"
    a = answer(parse_query("某县植树节义务植树活动在哪个镇搞？"), hits(("五、其他事项", text)))
    assert chosen(a) == "旧镇镇"


def test_a_yearly_rise_asked_of_a_plan_is_its_growth_column():
    q = parse_query("某县十五五期间农民人均可支配收入每年要涨多少？")
    assert q.growth and q.yearly and q.units == ("%",)
    table = (
        "表1 主要指标",
        "类别 | 指标 | 2025年 | 2030年 | 年均增长［累计］ | 属性\n"
        "民生福祉 | 城镇居民人均可支配收入（元） | 36850 | 47000 | 5% | 预期性\n"
        "民生福祉 | 农村居民人均可支配收入（元） | 15460 | 21500 | 7% | 预期性",
    )
    plan = DocMeta(
        "某县国民经济和社会发展第十五个五年规划纲要", "某县", 2026, "规划", "2026-01-20", None, "p.md"
    )
    assert chosen(answer(q, hits(table, meta=plan))) == "7%"
    # a fall asked of a thing the plan has no row for is no other row's growth (「单位GDP能耗要下降多少」)
    fall = parse_query("某县十五五期间单位GDP能耗要下降多少？")
    assert fall.growth and not fall.yearly
    assert chosen(answer(fall, hits(table, meta=plan))) is None


def test_a_list_asked_of_a_tables_column_is_its_cells_of_the_rows_asked():
    table = (
        "一、招聘计划",
        "学段 | 学科 | 招聘人数 | 主要设岗乡镇\n"
        "小学 | 语文 | 19 | 甲镇、乙镇\n小学 | 英语 | 6 | 丙镇\n"
        "初中 | 语文 | 8 | 甲镇\n初中 | 物理 | 4 | 丁镇\n初中 | 心理健康 | 3 | 乙镇\n合计 |  | 40",
    )
    a = answer(parse_query("某县今年特岗教师初中招哪些学科？"), hits(table))
    assert a.short == "语文、物理、心理健康"
    a = answer(parse_query("某县今年特岗教师招哪些学科？"), hits(table))  # no row named: the column whole
    assert a.short == "语文、英语、物理、心理健康"


def test_what_to_bring_is_a_list_and_a_numbered_item_may_be_long():
    assert parse_query("给孩子办护照，除了孩子身份证还要带什么？").kind == "list"
    text = (
        "四、申报材料\n1. 申请人身份证复印件；\n2. 户口簿复印件；\n3. 牲畜耳标号登记表；\n"
        "4. 惠民惠农财政补贴资金“一卡通”复印件。"
    )
    a = answer(parse_query("某区申报母牛补贴个人要交哪些材料？"), hits(("四、申报材料", text)))
    assert "“一卡通”复印件" in a.short
