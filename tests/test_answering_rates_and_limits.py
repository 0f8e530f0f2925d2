"""Causes of qa_blind60/61's misses, on invented text: a rate written 「千分之2」 is a rate, 「18万6,420户」 one
count, 「第3个工作日后」 a wait of days; 「最多宽减」 asks money, not a width, 「安排在哪个镇」 a place, not a rank, and
a surcharge may be a share; a deadline is not a day said with no end beside it (「今日（四月一日）发出」); a town
the tagger cuts from its 镇 is found whole; a country before its people (「中国公民」) is no place; the new standard
does not answer what was charged before a change, nor an increase what there is now."""

from rag.answer import answer, spans
from rag.answer.fit import wording_cues
from rag.query import parse_query
from rag.types import DocMeta
from tests.test_answering import chosen, hits

NOTICE = DocMeta("关于某区2026年度差饷缴费安排的通告", "某区", 2026, "通告", "2026-04-01", None, "n.txt")
BUDGET = DocMeta(
    "关于某县2025年预算执行情况和2026年预算草案的报告", "某县", 2026, "预算报告", "", None, "b.txt"
)


def _read(text, found):
    return [(text[a:b], unit) for a, b, unit in found]


def test_a_rate_written_per_mille_is_a_rate():
    text = "自用住宅用地税率为千分之2，一般用地税率为千分之10。"
    assert _read(text, spans.quantities(text)) == [("千分之2", "‰"), ("千分之10", "‰")]
    assert _read("逾期按日加收万分之五的滞纳金", spans.cn_quantities("逾期按日加收万分之五的滞纳金")) == [
        ("万分之五", "‱")
    ]
    assert spans.unit_matches("‰", ("%",)) and not spans.unit_matches("‰", ("元",))
    a = answer(
        parse_query("自用住宅用地的税率是多少？"),
        hits(("二、税率", text), ("三、其他", "物业服务企业可在基准价基础上上浮不超过10%。"), meta=NOTICE),
    )
    assert chosen(a) == "千分之2"


def test_ten_thousands_and_the_rest_are_one_count():
    text = "本期合计开征18万6,420户，税额新台币9亿8,350万元，接待游客12万3456人次。"
    assert [q for q, _ in _read(text, spans.quantities(text))] == [
        "18万6,420户",
        "9亿8,350万元",
        "12万3456人次",
    ]
    # a figure after 万 and a comma is a figure of its own
    assert _read("增长3万，500人参加", spans.quantities("增长3万，500人参加")) == [("500人", "人")]


def test_the_nth_working_day_after_is_a_wait_but_a_place_in_a_race_is_a_rank():
    text = "体检结果合格的，自体检之日起第3个工作日后可到原体检点领取健康证明。"
    assert _read(text, spans.quantities(text)) == [("3个工作日", "个工作日")]
    assert spans.quantities("在比赛中获得第3名") == []
    a = answer(
        parse_query("做完健康体检几天能拿到证？"),
        hits(
            ("四、办理流程", text),
            ("五、其他事项", "健康证明有效期为1年，持证人员应在有效期届满前30日内重新体检。"),
            meta=NOTICE,
        ),
    )
    assert chosen(a) == "3个工作日"


def test_the_question_frame_reads_what_kind_of_answer():
    assert parse_query("今年住宅差餉每季最多寬減幾多錢？").units == ("元",)  # 最多宽减 is no 多宽
    assert parse_query("那条路有多宽？").units == ("米", "千米", "公里", "厘米")
    assert parse_query("今年给漂流景区的提升资金安排在哪个镇？").kind == "place"  # 安排在 is no 排在
    assert parse_query("这次比赛他排在第几？").kind == "rank"
    assert "%" in parse_query("差饷过了期都未交，会被加收多少附加费？").units
    assert "元" in parse_query("差饷过了期都未交，会被加收多少附加费？").units


def test_a_day_with_no_end_beside_it_is_no_deadline():
    passages = hits(
        ("", "差饷物业估价署今日（四月一日）发出约二百五十六万份第一季（即四月至六月）差饷缴费通知书。"),
        ("", "第一季的缴费限期为二〇二六年四月三十日。"),
        meta=NOTICE,
    )
    assert chosen(answer(parse_query("第一季差饷最迟要什么时候交？"), passages)) == "二〇二六年四月三十日"
    tax = hits(
        ("", "地价税以每年8月31日为纳税义务基准日，由当日土地登记簿所载之所有权人缴纳。"),
        ("", "今年地价税开征期间自11月1日起至11月30日止，请于期限内缴纳。"),
        meta=NOTICE,
    )
    assert chosen(answer(parse_query("今年地价税最晚要在哪一天前缴完？"), tax)) == "11月30日"
    # the bound may come after the day's weekday and hour, and a range's days may carry their weekdays
    late = hits(
        ("", "（三）行动不便者，请于1月15日电洽本所社会课。"),
        ("", "五、未于指定日期领取者，请于2月13日（星期五）下午5时前，至本所社会课补领。"),
        meta=NOTICE,
    )
    assert chosen(answer(parse_query("慰问金没去领，最晚什么时候补领？"), late)) == "2月13日"
    text = "（一）办理时间：2026年7月6日（星期一）至9月4日（星期五），工作日上午8:00—12:00。"
    assert [text[a:b] for a, b in spans.side_of_pair(text, spans.dates(text), "end")] == ["9月4日"]


def test_a_town_cut_from_its_class_by_the_tagger_is_found_whole():
    text = "安排湾甸子镇红河峡谷漂流景区提升资金2800万元；安排南口前镇污水管网改造资金1600万元。"
    a = answer(
        parse_query("今年给漂流景区的提升资金安排在哪个镇？"), hits(("（三）重点支出", text), meta=BUDGET)
    )
    assert chosen(a) == "湾甸子镇"


def test_a_country_before_its_people_is_no_place():
    text = "户籍在本区的中国公民，或者在本区居住并持有有效居住证的外地户籍人员，均可申请开具无犯罪记录证明。"
    assert all("中国" not in text[a:b] for a, b in spans.tagged(text, ("ns",), "去哪儿开证明"))
    assert spans.tagged("我国公民可到中国驻外使馆办理", ("ns",), "去哪里办理") != []


def test_the_new_standard_does_not_answer_what_was_charged_before():
    query = parse_query("这次调整之前，老标准一级物业费是多少？")
    assert "words:now for before" in wording_cues(query, "一级 | 0.65元 | 0.95元 | 1.30元")
    assert "words:now for before" not in wording_cues(
        query, "调整前标准 | 调整后标准\n一级 | 0.50元 | 0.65元"
    )
    assert "words:now for before" not in wording_cues(query, "一级服务由每月每平方米0.50元调整为0.65元")
    assert "words:now for before" not in wording_cues(parse_query("一级物业费是多少？"), "一级 | 0.65元")


def test_an_increase_does_not_answer_how_many_there_are_now():
    query = parse_query("现在税收过亿的楼宇有几座？")
    assert "words:increase for a total" in wording_cues(query, "力争新增税收亿元楼宇3座")
    assert "words:increase for a total" not in wording_cues(query, "税收亿元楼宇达到46座")


def test_a_headline_that_asks_is_the_title():
    from rag.cleaning.pipeline import clean_bytes

    text = (
        "某区公安分局：无犯罪记录证明怎么开？这份问答请收好\n\n"
        "　　近期，因求职、入学、申办营业执照等需要前来开具无犯罪记录证明的群众明显增多。2025年，分局共为群众"
        "出具无犯罪记录证明1.38万份，现将群众关心的问题解答如下。\n\n"
        "问一：到哪里办理？\n答：可以到户籍地或居住地派出所户籍窗口办理，也可以到区政务服务中心二楼公安综合窗口办理。\n"
    )
    doc = clean_bytes(text.encode("utf-8"), "wenda.txt")
    assert doc.meta.title == "某区公安分局：无犯罪记录证明怎么开？这份问答请收好"
    journal = "《某某考古辑刊》网络首发　　DOI：10.12345/j.kg.2025.03.004\n\n" + text.split("\n", 1)[1]
    assert "DOI" not in clean_bytes(journal.encode("utf-8"), "jianbao.txt").meta.title


def test_a_share_of_the_standard_is_what_is_charged():
    query = parse_query("房子一直空着没住，物业费按多少收？")
    assert "空置" in query.text and "%" in query.units


def test_a_place_whose_name_t2s_would_change_keeps_it():
    from rag.cleaning.normalize import to_simplified

    assert to_simplified("吉林省乾安縣人民政府") == "吉林省乾安县人民政府"
    assert to_simplified("乾隆年间") == "乾隆年间" and to_simplified("乾燥") == "干燥"
    assert parse_query("乾安规划2030年旅游收入要达到多少？").place.name == "乾安县"


PLAN_TABLE = (
    "类别 | 指标 | 2025年 | 2030年 | 年均增长 | 属性\n"
    "经济发展 | 一般公共预算收入（亿元） | 22.4 | 28.5 | 4.9% | 预期性\n"
    "民生福祉 | 每千人口拥有3岁以下婴幼儿托位数（个） | 3.6 | 4.5 | 〔0.9〕 | 预期性"
)
PLAN = DocMeta("某县国民经济和社会发展第十五个五年规划纲要（节选）", "某县", 2026, "规划", "", None, "p.md")


def test_a_row_of_an_indicator_table_answers_only_the_indicator_it_names():
    passages = hits(("第二章 主要目标", PLAN_TABLE), meta=PLAN)
    assert chosen(answer(parse_query("某县十五五末一般公共预算收入要到多少？"), passages)) == "28.5"
    assert answer(parse_query("某县十五五末旅游总收入目标是多少？"), passages).refused
    assert answer(parse_query("某县规划到2030年人均预期寿命要达到多少岁？"), passages).refused
    # the measure word asked (「多少头牛」) names no indicator: 牛存栏 answers it
    herd = "指标 | 单位 | 2025年 | 比上年增长（%）\n牛存栏 | 万头 | 28.64 | 5.2\n羊存栏 | 万只 | 41.20 | -2.1"
    bulletin = DocMeta("某县2025年国民经济和社会发展统计公报", "某县", 2025, "统计公报", "", None, "b.txt")
    a = answer(parse_query("某县去年年底养着多少头牛？"), hits(("二、农牧业", herd), meta=bulletin))
    assert chosen(a) == "28.64"


def test_a_when_question_asks_the_time_of_its_event():
    from rag.answer.candidates import _event_asked

    assert _event_asked("游泳训练班什么时候抽签?") == "抽签"
    assert _event_asked("燃气入户安检到哪天结束?") is None  # a side of a span, no event
    passages = hits(
        ("一、训练班资料", "暑期游泳训练班于2026年7月6日至8月21日在以下泳池举行："),
        ("二、报名办法", "2.如报名人数超过名额，将于2026年5月26日以电脑抽签决定，结果以短讯通知；"),
        meta=DocMeta("2026年暑期游泳训练班报名须知", "某区", 2026, "须知", "2026-05-02", None, "x.txt"),
    )
    assert chosen(answer(parse_query("暑期游泳训练班几时抽签？"), passages)) == "2026年5月26日"


def test_an_abbreviated_check_finds_its_time():
    assert "检查时间" in parse_query("今年燃气入户安检到哪天结束？").search_text


def test_words_that_count_people_or_money_are_no_place():
    from rag.answer.candidates import _counts_something

    assert _counts_something("为412名农民工追回被拖欠工资586.3万元")
    assert not _counts_something("中枢镇阿庐大道86号县人社局一楼")


def test_words_that_point_at_names_name_no_place():
    passages = hits(
        ("一、训练班资料", "暑期游泳训练班于2026年7月6日至8月21日在以下泳池举行："),
        ("一、训练班资料", "（三）竹园游泳池：长者初级班（60岁或以上）。"),
        meta=DocMeta("2026年暑期游泳训练班报名须知", "某区", 2026, "须知", "2026-05-02", None, "x.txt"),
    )
    assert chosen(answer(parse_query("长者游泳初级班在哪个泳池上课？"), passages)) == "竹园游泳池"
    alone = answer(parse_query("长者游泳初级班在哪个泳池上课？"), passages[:1])
    assert chosen(alone) is None or "以下" not in chosen(alone)


def test_a_notice_of_the_new_standard_does_not_say_the_old_one():
    table = "服务等级 | 多层住宅 | 高层住宅\n一级 | 0.65元 | 0.95元\n二级 | 0.85元 | 1.15元"
    new = hits(("一、收费标准（每月每平方米）", table), meta=NOTICE)
    assert answer(parse_query("这次调整之前，老标准一级物业费多层住宅是多少？"), new).refused
    assert chosen(answer(parse_query("一级物业费多层住宅是多少？"), new)) == "0.65元"
    changed = hits(("一、收费标准", "一级服务多层住宅由每月每平方米0.50元调整为0.65元。"), meta=NOTICE)
    assert chosen(answer(parse_query("这次调整之前，老标准一级物业费多层住宅是多少？"), changed)) is not None
