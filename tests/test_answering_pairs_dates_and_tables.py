"""Causes of qa_blind54/55's misses, on invented text: 「城镇和农村居民…分别达到X和Y」 gives the rural figure second,
PM10 is no year 2010 and PM2.5's figure is not PM10's, a deadline is the end of the range a notice gives (in Chinese
numerals too) and a year inside a plan's name is no date, 「来了多少人」 counts visits, a share asked is under a table's
「（%）」 column, a PDF that broke a line inside a number loses nothing, a zone opened by its place's name is a part of
it, a kindergarten's 中班 is not its 小班, and 「卖出去多少肉鸽」 asks what a report calls 出栏, counted in 羽."""

from rag.answer import answer, spans
from rag.answer.candidates import canon
from rag.answer.subjects import counterpart_named, part_named
from rag.cleaning.pipeline import clean_bytes
from rag.query import parse_query
from rag.types import DocMeta
from tests.test_answering import chosen, hits

REPORT = DocMeta("某市2026年政府工作报告", "某市", 2026, "政府工作报告", "2026-01-14", None, "r.txt")
NOTICE = DocMeta("关于某县2026年燃气入户安全检查的通知", "某县", 2026, "通知", "2026-03-05", None, "n.txt")
REVIEW = "一、2025年工作回顾"


def test_of_town_and_country_figures_joined_by_he_the_rural_one_is_second():
    text = "城镇居民和农村居民人均可支配收入分别达到48260元、27935元，分别增长4.6%、6.3%。"
    a = answer(parse_query("某市的农民一年人均能支配多少钱？"), hits((REVIEW, text), meta=REPORT))
    assert chosen(a) == "27935元"
    text = "城镇和农村居民人均可支配收入分别达到33865元和21406元，分别增长4.2%和6.1%。"
    assert (
        chosen(answer(parse_query("某市农村居民一年人均收入有多少？"), hits((REVIEW, text), meta=REPORT)))
        == "21406元"
    )
    a = answer(parse_query("某市城镇居民人均可支配收入是多少？"), hits((REVIEW, text), meta=REPORT))
    assert chosen(a) == "33865元"


def test_pm10_is_no_year_and_pm25_does_not_answer_it():
    q = parse_query("某区2025年PM10年均浓度是多少？")
    assert q.year == 2025 and "PM10" in q.text
    assert counterpart_named(canon(q.text), canon("细颗粒物（PM2.5）年均浓度降至28微克/立方米"))
    assert not counterpart_named(
        canon("某区PM2.5年均浓度是多少"), canon("细颗粒物（PM2.5）年均浓度降至28微克/立方米")
    )
    text = "细颗粒物（PM2.5）年均浓度降至28微克/立方米，空气质量优良天数比例达到86.3%。"
    assert answer(q, hits((REVIEW, text), meta=REPORT)).refused


def test_a_deadline_is_the_end_of_the_range_in_any_numerals():
    q = parse_query("某县今年燃气入户安检到哪天结束？")
    text = "（一）检查时间：2026年3月16日至6月30日，每日8:30—12:00、14:30—18:30。"
    assert chosen(answer(q, hits(("一、检查时间和范围", text), meta=NOTICE))) == "6月30日"
    clause = "二〇二六年四月七日至六月三十日。"
    assert [clause[slice(*spans.range_side(clause, d, "end"))] for d in spans.dates(clause)] == ["六月三十日"]
    assert spans.dates("推出「二〇二六年度低洼地区挡水板资助计划」") == []  # a plan's name, not its date


def test_people_who_came_are_counted_in_visits():
    q = parse_query("某园去年来了多少人？")
    assert "人次" in q.units
    text = "某园新增科幻企业86家，园区全年举办各类活动420余场，接待访客1350万人次。"
    a = answer(q, hits(("（一）科幻产业集聚区加快成势", text), meta=REPORT))
    assert chosen(a) == "1350万人次" and not a.refused


def test_a_share_asked_is_under_the_tables_percent_column():
    table = "表1 2025年主要农产品产量及增速\n产品 | 单位 | 产量 | 比上年增长（%）\n粮食 | 万吨 | 21.94 | 1.2\n茶叶 | 吨 | 1260 | 9.1"
    meta = DocMeta(
        "某县2025年国民经济和社会发展统计公报", "某县", 2025, "统计公报", "2026-03-20", None, "g.txt"
    )
    a = answer(parse_query("某县的茶叶去年产量涨了百分之几？"), hits(("二、农业", table), meta=meta))
    assert chosen(a).startswith("9.1")


def test_a_line_a_pdf_broke_inside_its_number_is_kept_whole():
    raw = (
        "某县2025年预算执行情况的报告\n\n一、2025年预算执行情况\n\n（一）一般公共预算\n\n"
        "全县一般公共预算收入完成13.\n74亿元，为预算的101.2%，比上年增长3.4%。其中：税收收入10.12亿元。\n"
    )
    assert "完成13.74亿元，为预算的101.2%" in clean_bytes(raw.encode(), "某县预算报告.txt").text


def test_a_zone_opened_by_its_places_name_is_a_part_of_it():
    zone = "兴宁经济开发区（坭陂园区）全年实现工业产值"
    assert part_named("兴宁2025年全市工业总产值是多少?", "兴宁", zone)
    assert not part_named("兴宁经济开发区工业产值是多少?", "兴宁", zone)


def test_a_kindergartens_classes_exclude_each_other():
    assert counterpart_named(
        canon("某县第二幼儿园今年中班招多少插班生"), canon("某县第二幼儿园：小班5个班，150人；")
    )


def test_livestock_sold_is_chu_lan_counted_in_yu():
    q = parse_query("某市去年卖出去多少肉鸽？")
    assert "出栏" in q.text and "羽" in q.units
    text = "甲镇、乙镇成功创建省级农业产业强镇，“某某鸽”全产业链产值突破20亿元，出栏肉鸽3100万羽。"
    a = answer(q, hits(("（二）乡村振兴扎实推进", text), meta=REPORT))
    assert chosen(a) == "3100万羽" and not a.refused
