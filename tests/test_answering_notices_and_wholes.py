"""Causes of qa_blind44/45's misses, on invented text: a whole place's figure asked of a village or a town in it, a
table row of another kind than the one asked, the period a sentence's opening names, the top of a numbered list
written one item a line and a list question read on through one, a numbered item that gives a date, a year that only
repeats the question's, a clause cut inside brackets, an aside beside the figure stated, what a label gives, the
words where 哪里 stands that name no place, a notice's title that names the other season, Cantonese 邊個 before a
place's class noun, an item's number before a name, 道路 that names no road, and a notice's title with quotes or
under the name of the body that issues it."""

from rag.answer import answer, spans
from rag.answer.candidates import CLAUSE, candidates, content_terms
from rag.answer.fit import context_cues
from rag.answer.subjects import row_of_another_kind, whole_for_part
from rag.cleaning.pipeline import clean_bytes
from rag.places import town_names
from rag.query import parse_query
from rag.types import DocMeta
from tests.test_answering import chosen, hits

NOTICE = DocMeta(
    "某县市场监督管理局计量器具专项检查结果通报", "某县", 2026, "其他", "2026-05-08", None, "n.txt"
)
PLAN = DocMeta(
    "某县国民经济和社会发展第十五个五年规划纲要", "某县", 2026, "规划", "2026-01-20", None, "plan.txt"
)


def text_of(c):
    return c.hit.chunk.text[c.span[0] : c.span[1]]


def test_a_whole_places_figure_is_no_villages_or_towns():
    # 「兰溪的诸葛八卦村…旅游收入」 is not met by the city's total; a village's zone is a part too
    assert whole_for_part(
        "兰溪的诸葛八卦村去年旅游收入有多少?",
        "实现旅游总收入118.9亿元,",
        "全年全市接待游客1126.4万人次,实现旅游总收入118.9亿元,",
    )
    assert not whole_for_part(
        "兰溪去年旅游收入有多少?", "实现旅游总收入118.9亿元,", "全年全市实现旅游总收入118.9亿元,"
    )
    # a town named only in the breakdown after the clause: the clause's figure is the district's
    sentence = "新增养老床位1080张、社区长者食堂22家,其中七宝镇新增5家。"
    assert whole_for_part("闵行七宝镇新增了多少张养老床位?", "新增养老床位1080张、", sentence)
    assert not whole_for_part("闵行七宝镇新增了多少家长者食堂?", "其中七宝镇新增5家。", sentence)
    assert ("诸葛八卦村景区", "葛八卦村景区", "八卦村景区", "卦村景区") in town_names(
        "诸葛八卦村景区接待游客"
    )
    assert town_names("乡村旅游区接待游客") == []  # 乡村 is a kind, no village
    assert town_names("景区开放") == town_names("，景区开放") == []  # nothing before the zone's word


def test_a_whole_places_figure_is_refused_for_a_village():
    text = "诸葛八卦村景区接待游客187.3万人次。全年全市接待游客1126.4万人次，实现旅游总收入118.9亿元。"
    asked = answer(parse_query("某县的诸葛八卦村去年旅游收入有多少？"), hits(("一、2025年工作回顾", text)))
    assert asked.refused
    whole = answer(parse_query("某县去年到这里旅游的一共有多少人次？"), hits(("一、2025年工作回顾", text)))
    assert chosen(whole) == "1126.4万人次"  # the zone's figure is a part's


def test_a_table_row_of_another_kind_holds_no_figure_of_the_one_asked():
    assert row_of_another_kind(
        "岢岚县去年玉米产量是多少?", "肉类总产量 吨", "产品名称 | 单位 | 产量 | 比上年增长(%)"
    )
    assert not row_of_another_kind(
        "岢岚县去年粮食产量是多少?", "粮食 万吨", "产品名称 | 单位 | 产量 | 比上年增长(%)"
    )
    # the same thing measured by another noun: 覆盖率 is no 蓄积量
    heads = "类别 | 指标 | 2025年 | 2030年 | 属性"
    assert row_of_another_kind("旺苍到2030年森林蓄积量目标是多少?", "绿色生态 森林覆盖率(%) 约束性", heads)
    assert not row_of_another_kind(
        "旺苍到2030年森林覆盖率目标是多少?", "绿色生态 森林覆盖率(%) 约束性", heads
    )


def test_a_sentences_opening_names_the_period_of_its_figures():
    text = "“十四五”时期，全县地区生产总值年均增长5.9%；森林覆盖率达到62.8%。"
    hit = hits(("一、发展基础", text), meta=PLAN)[0]
    query = parse_query("某县十五五末森林覆盖率要达到多少？")
    later = text.index("森林")
    assert context_cues(query, hit, text[later:], None, text[:later]) == {"ctx:another period": 1.0}
    # no period in the sentence: the plan's title names its own (「第十五个五年规划」)
    assert context_cues(query, hit, "森林覆盖率达到63.5%。", None, "") == {"ctx:period named": 1.0}


def test_the_top_of_a_numbered_list_written_one_item_a_line():
    text = "二、不合格电子秤分布情况\n1.容州镇城东市场13台；\n2.杨梅镇圩市9台；\n3.灵山镇圩市7台；\n4.其余9个市场共15台。"
    first = text.index("1.")
    top = spans.top_of_numbered(text, first, "不合格电子秤最多的是哪个市场")
    assert top is not None and text[top[0] : top[1]] == "容州镇城东市场"  # 其余 sums up the others
    low = spans.top_of_numbered(text, text.index("2."), "最少的是哪个市场")
    assert low is not None and text[low[0] : low[1]] == "灵山镇圩市"
    assert spans.top_of_numbered(text, 0, "最多的是哪个市场") is None  # a heading is no item
    a = answer(parse_query("某县检查中不合格电子秤最多的是哪个市场？"), hits(("", text), meta=NOTICE))
    assert chosen(a) == "容州镇城东市场"


def test_a_numbered_item_that_gives_a_date_says_it():
    text = "一、采集期限\n（一）野生蓝莓采集期为2026年7月25日至8月31日。"
    found = candidates(parse_query("某县什么时候可以上山采蓝莓？"), hits(("", text), meta=NOTICE))
    assert "2026年7月25日至8月31日" in [text_of(c) for c in found if c.span]


def test_a_year_that_repeats_the_questions_says_nothing_of_when():
    meta = DocMeta("某县中医医院2026年三伏贴贴敷公告", "某县", 2026, "其他", "2026-06-25", None, "n.txt")
    text = "“冬病夏治”三伏贴是我院特色中医外治疗法，根据2026年节气推算，今年三伏共40天，现将贴敷安排公告如下：\n头伏（初伏）：7月15日"
    found = candidates(parse_query("某县中医医院今年三伏贴什么时候开始？"), hits(("", text), meta=meta))
    shorts = [text_of(c) for c in found if c.span]
    assert "2026年" not in shorts and "7月15日" in shorts


def test_a_clause_is_not_cut_inside_brackets():
    assert CLAUSE.findall("2.科目二：小型汽车（C1、C2）每人次150元；大型客货车（A1、B2）每人次250元。") == [
        "2.科目二：",
        "小型汽车（C1、C2）每人次150元；",
        "大型客货车（A1、B2）每人次250元。",
    ]


def test_the_figure_stated_is_outside_an_aside_that_names_nothing_asked():
    text = "承诺时限：材料齐全的，自受理之日起5个工作日内办结（法定时限20个工作日）。"
    a = answer(parse_query("在某县办林木采伐证要几天？"), hits(("四、办理地点和时限", text), meta=NOTICE))
    assert chosen(a) == "5个工作日"


def test_a_label_gives_the_place_whole_and_an_item_of_papers_is_no_place():
    text = "办理地点：某县行政服务中心一楼林业窗口（临江镇北环路18号），或到乡镇林业站办理。\n（一）林木采伐许可证申请表；"
    found = candidates(
        parse_query("某县林木采伐许可证去哪里申请？"), hits(("四、办理地点", text), meta=NOTICE)
    )
    shorts = [text_of(c) for c in found if c.span]
    assert "某县行政服务中心一楼林业窗口" in shorts
    assert not any(s.startswith("（一）") for s in shorts)  # an item of a list of papers is no place


def test_a_notices_title_that_names_another_season_is_not_asked():
    meta = DocMeta(
        "关于开展2026年春季免费职业技能培训的招生通知", "某县", 2026, "其他", "2026-02-20", None, "t.txt"
    )
    text = "（一）报名时间：2026年3月2日至3月20日（节假日除外）。"
    autumn = answer(parse_query("某县2026年秋季技能培训什么时候报名？"), hits(("三、报名", text), meta=meta))
    assert autumn.refused
    spring = answer(parse_query("某县2026年春季技能培训什么时候报名？"), hits(("三、报名", text), meta=meta))
    assert chosen(spring) == "2026年3月2日至3月20日"


def test_a_price_asked_is_in_money_and_a_grown_up_is_an_adult():
    assert parse_query("呼玛今年野生蓝莓的收购价是多少一斤？").units == ("元",)
    assert "成人" in content_terms(parse_query("三伏贴大人贴一次多少钱？"))


def test_a_title_that_quotes_is_the_title():
    data = "某县中医医院2026年“冬病夏治”三伏贴贴敷公告\n\n“冬病夏治”三伏贴是我院特色中医外治疗法，现将贴敷安排公告如下：\n一、贴敷时间\n头伏：7月15日\n".encode()
    assert clean_bytes(data, "n.txt").meta.title == "某县中医医院2026年“冬病夏治”三伏贴贴敷公告"


def test_a_list_question_reads_a_numbered_list_on_to_its_end():
    from types import SimpleNamespace

    from rag.api import _read_on
    from rag.types import Chunk, Hit

    doc = (
        "二、培训工种及名额\n1.藏式烹饪：名额60人，培训25天；\n2.挖掘机驾驶：名额40人，培训30天；\n"
        "3.家政服务：名额50人，培训15天。\n三、报名方式\n携身份证到县人社局报名。"
    )
    first = doc.index("；") + 1
    chunk = Chunk("c1", "d1", doc[:first], 0, first, "二、培训工种及名额", NOTICE)
    index = SimpleNamespace(docs={"d1": SimpleNamespace(text=doc)})  # what `_read_on` reads of an index
    read = _read_on(Hit(chunk, 1.0, 1), index).chunk
    assert read.text == doc[: doc.index("\n三、")] and read.end == doc.index("\n三、")
    a = answer(parse_query("某县今年免费培训有哪些工种？"), [Hit(read, 1.0, 1)])
    assert a.short == "藏式烹饪、挖掘机驾驶、家政服务"
    # a passage whose last line numbers no item reads no further
    head = Chunk("c0", "d1", "二、培训工种及名额", 0, 9, "", NOTICE)
    assert _read_on(Hit(head, 1.0, 1), index).chunk == head


def test_which_pool_in_cantonese_is_no_who():
    assert parse_query("黃大仙區長者游泳初級班喺邊個泳池上堂？").text.startswith(
        "黄大仙区长者游泳初级班在哪个泳池"
    )
    assert parse_query("昂坪纜車邊個負責？").kind == "person"  # 邊個 before a verb is 谁


def test_an_items_number_is_no_part_of_the_name_it_gives():
    text = (
        "一、训练班资料\n（一）摩士公园游泳池：初级班、中级班；\n（三）竹园游泳池：长者初级班（60岁或以上）。"
    )
    a = answer(parse_query("某区长者游泳初级班在哪个泳池上课？"), hits(("", text), meta=NOTICE))
    assert chosen(a) == "竹园游泳池"


def test_a_road_is_named_by_more_than_the_word_road():
    text = "本市行政区域内上道路行驶的电动自行车，应当登记。登记地点：某县车辆管理所（某镇茉莉花大道168号）。"
    found = candidates(parse_query("某县的电动车车管所在哪条路上？"), hits(("", text), meta=NOTICE))
    shorts = [text_of(c) for c in found if c.span]
    assert "茉莉花大道" in shorts and "道路" not in shorts


def test_a_notices_title_is_under_the_name_of_the_body_that_issues_it():
    data = (
        "某县公安局交通管理大队\n关于2026年5月机动车驾驶人考试安排的公告\n\n广大考生：\n"
        "现将2026年5月机动车驾驶人考试安排公告如下。\n一、考试地点\n科目一在县车辆管理所考试大厅进行，请考生提前30分钟到场。\n"
    ).encode()
    meta = clean_bytes(data, "n.txt").meta
    assert meta.title == "关于2026年5月机动车驾驶人考试安排的公告"
    data = (
        "康文署黃大仙區康樂事務辦事處\n2026年暑期游泳訓練班報名須知\n\n一、訓練班資料\n"
        "黃大仙區暑期游泳訓練班於2026年7月6日至8月21日在以下泳池舉行。每班共10課，每課1小時，每班名額20人。\n"
    ).encode()
    assert clean_bytes(data, "n.txt").meta.title == "2026年暑期游泳训练班报名须知"
