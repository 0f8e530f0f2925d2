"""Causes of qa_blind40/41's misses, on invented text: the top of a list whose items run over a clause's parts
(「寺河乡5个，朱阳镇、五亩乡各4个」), a town's name that opens with a numeral, no town read out of 「按乡镇分」, the
place of a body that signs with its date on one line, a page headed by its body's name and a trail spaced by
ideographic spaces, a year's name (2025/26年度) that is no duration, working days written 工作天 and Cantonese 幾耐,
people counted as 边民 or 孩子, this year said 本年度, a negation said another way (不用/无需), a spot named after
its place (「博白县体育中心广场」) and no quoted name for where, an intensity per unit of GDP and a retail sum
without 总."""

from rag.answer import answer, spans
from rag.answer.candidates import canon, content_terms
from rag.cleaning import clean_bytes
from rag.cleaning.metadata import _issuer_place
from rag.query import parse_query
from rag.types import DocMeta
from tests.test_answering import chosen, hits

PARA = "这是一段足够长的正文，用来让清洗器认出正文从这里开始，其中写明了若干事实和数字，共计12项。"
NOTICE = DocMeta("某县人工防雹作业公告", "某县", 2026, "其他", "2026-04-01", None, "notice.txt")
TOWNS = "按乡镇分，寺河乡5个，朱阳镇、五亩乡各4个，苏村乡、川口乡、故县镇各3个，焦村镇、阳平镇各2个。"


def test_the_top_of_a_list_that_runs_over_the_clauses_parts():
    top = spans.top_of_list(TOWNS, "哪个乡的防雹作业点最多？")
    assert top is not None and TOWNS[top[0] : top[1]] == "寺河乡"
    # the names before 各 share its figure: 焦村镇 and 阳平镇 tie for the fewest, so neither is the top
    assert spans.top_of_list(TOWNS, "哪个镇的防雹作业点最少？") is None
    # a town's name may open with a numeral the tagger reads as a count (「五亩/乡」, 「三/盛玉镇」)
    listed = "其中三盛玉镇12户、合隆镇8户。"
    top = spans.top_of_list(listed, "哪个镇最多？")
    assert top is not None and listed[top[0] : top[1]] == "三盛玉镇"
    a = answer(parse_query("某县哪个乡的防雹作业点最多？"), hits(("二、作业点分布", TOWNS), meta=NOTICE))
    assert chosen(a) == "寺河乡"
    # without a class asked, parts that each give a figure are no list; a part opening with 其中 starts one
    sentence = "年末规模以上工业企业68家，其中农产品加工企业41家，农产品加工业增加值增长9.4%。"
    assert spans.top_of_list(sentence, "哪种农产品产量下降得最多？") is None


def test_no_town_is_read_out_of_the_class_of_towns():
    assert spans.town(TOWNS, "哪个乡最多？") is None  # not 按乡 (inside 乡镇)
    assert spans.town(TOWNS, "哪个镇最多？") is None  # not 按乡镇
    clause = "为安化县江南镇站287.5毫米"
    assert spans.town(clause, "哪个镇下得最多？") == (4, 7)
    assert spans.town("光复乡公所。", "下乡换照是去哪个乡？") == (0, 3)  # 乡公所 is a word, 光复乡 a town


def test_a_body_that_signs_with_its_date_on_one_line_is_whose_text_it_is():
    place = _issuer_place("国家税务总局农安县税务局\u30002026年2月24日")
    assert place is not None and place.short == "农安"
    assert _issuer_place("本市今天召开会议2026年2月24日") is None


def test_a_page_headed_by_its_bodys_name_is_titled_by_its_headline():
    text = (
        "香港特別行政區政府\u3000水務署\n主頁\u3000>\u3000公眾服務\u3000>\u3000水塘釣魚牌照\n"
        f"水塘釣魚牌照申請須知（2026/27年度）\n最後修訂日期：2026年8月14日\n\n{PARA}\n{PARA}\n"
    )
    doc = clean_bytes(text.encode(), "xuzhi.txt")
    assert doc.meta.title == "水塘钓鱼牌照申请须知（2026/27年度）" and doc.meta.city == "香港"


def test_a_years_name_is_no_duration_and_working_days_are_written_two_ways():
    assert spans.quantities("2025/26年度，共发出牌照3,486个") == [(15, 21, "个")]
    assert spans.quantities("有效期为3年，") == [(4, 6, "年")]
    query = parse_query("網上申請釣魚牌照，大概幾耐會寄到？")
    assert (
        "工作日" in query.units and "多久" not in content_terms(query) and "大概" not in content_terms(query)
    )
    text = "2025/26年度，水务署共发出钓鱼牌照3,486个。网上申请的，牌照一般于7个工作天内邮寄予申请人。"
    assert chosen(answer(query, hits(("六、申请方法", text), meta=NOTICE))) == "7个工作天"


def test_people_counted_as_border_residents_or_children():
    assert parse_query("这次有多少边民领到补助？").units == ("人", "名", "位")
    query = parse_query("某县今年计划给多少个孩子做窝沟封闭？")
    assert query.units == ("个", "名", "人", "位")
    text = "项目覆盖全县小学62所。今年全县计划为6850名儿童完成窝沟封闭，封闭牙齿2.4万颗。"
    assert chosen(answer(query, hits(("七、工作目标", text), meta=NOTICE))) == "6850名"  # 孩子 are 儿童
    assert parse_query("农民人均可支配收入是多少？").units == ("元",)


def test_a_negation_said_another_way_meets_the_texts():
    assert canon("从哪天起不用预约") == canon("从哪天起无需预约")
    assert "无需" in content_terms(parse_query("从哪天起不用预约就能办？"))
    assert canon("不用于") == "不用于"
    text = "3月1日至3月20日需通过APP预约办理；3月21日至6月30日无需预约，纳税人可随时办理。"
    a = answer(parse_query("某县个税汇算从哪天起不用预约就能办？"), hits(("一、办理时间", text), meta=NOTICE))
    assert chosen(a) == "3月21日"


def test_a_spot_is_named_with_its_place_and_a_quoted_name_is_no_place():
    from rag.answer.candidates import find_span

    clause = "在博白县体育中心广场举行"
    (place,) = spans.tagged(clause, ("ns",), "设在哪里？")
    assert clause.__getitem__(slice(*spans.spot_of(clause, place))) == "博白县体育中心广场"
    query = parse_query("某县招聘会主会场设在哪里？")
    assert find_span(query, "去年“春风行动”主会场共有参会企业142家，", content_terms(query)) == (None, "none")
    found, _ = find_span(query, "博白县体育中心广场。", content_terms(query))
    assert found == (0, 9)


def test_an_intensity_per_unit_of_gdp_and_a_retail_sum():
    assert parse_query("十五五期间单位GDP能耗要下降多少？").units == ("%",)
    assert parse_query("GDP是多少？").units == ("元",)
    assert parse_query("去年社会消费品零售额是多少？").units == ("元",)
    assert canon("社会消费品零售额") == canon("社会消费品零售总额") == "社零"


def test_this_years_season_is_the_year_asked():
    from rag.answer.fit import relative_years

    assert relative_years("本年度暂停开放垂钓，预计2028年重开") == {0}
    assert relative_years("上年度共发出牌照3,486个") == set()
