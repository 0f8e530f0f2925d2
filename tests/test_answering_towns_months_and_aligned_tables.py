"""Causes of qa_blind68/69's misses, on invented text: a town's 镇 or 乡 does not start a county's name
(「闽宁镇原隆村」 holds no 镇原县); a month the question names (「五月份哪天」, 「7月份放什么」) rules out clauses of other
months; the rest of a clause after the question's words starts a word (not 「映活动」 of 「放映活动」); a notice's
table whose columns are set apart by wide spaces keeps every row; a festival some text names is only answered from
passages that name it (「开渔节」), as a town is; a gorge is a scenic spot asked about by name; a number a PDF broke
across a page is one number; a notice's own contact line is no page footer; 综合 before a figure names no
subject of its own; 造船 is what a report calls 船舶; income per head is no tourism income; 多少吨 asks a weight,
not a volume; 「去哪儿评」 finds the place before 评定."""

from types import SimpleNamespace

import pytest

from rag.answer import answer, spans
from rag.answer.candidates import candidates, canon
from rag.answer.fit import context_cues, months_said
from rag.answer.subjects import counterpart_named
from rag.api import _uncovered_place
from rag.cleaning.pipeline import clean_bytes
from rag.places import closes_town, event_names, find_places, town_names
from rag.query import parse_query
from rag.types import DocMeta
from tests.test_answering import chosen, hits

NOTICE = DocMeta(
    "某镇人民政府关于2026年农村公益电影放映安排的公告", "某县", 2026, "公告", None, None, "n.txt"
)


def _index(*texts: str, title: str = "某县2026年政府工作报告") -> SimpleNamespace:
    docs = {
        f"d{n}": SimpleNamespace(meta=SimpleNamespace(city="某县", title=title), text=text)
        for n, text in enumerate(texts)
    }
    return SimpleNamespace(docs=docs)


@pytest.mark.parametrize(
    ("question", "town"),
    [
        ("闽宁镇原隆村五月份哪天放电影？", "闽宁镇"),  # not 镇原县
        ("马坊镇远程医疗覆盖几个村？", "马坊镇"),  # not 镇远县
        ("白马乡城区人口多少？", "白马乡"),  # not 乡城县
        ("陈家镇海堤多长？", "陈家镇"),  # not 镇海区
    ],
)
def test_a_towns_suffix_starts_no_county(question: str, town: str) -> None:
    assert not [p for p in find_places(question) if p.short[0] in "镇乡"]
    assert town_names(question)[0][0] == town


def test_a_county_whose_name_starts_with_zhen_is_still_read():
    assert [p.name for p in find_places("甘肃镇原县今年GDP多少")] == ["甘肃省", "镇原县"]  # 镇原 of 甘肃
    assert [p.name for p in find_places("前往镇原要多久")] == ["镇原县"]  # a verb before it
    assert [p.name for p in find_places("镇江2024年GDP")] == ["镇江市"]
    assert not closes_town("宋应星乡试考了第几名", 3)  # no place starts at the 乡
    assert town_names("宋应星乡试考了第几名？") == []


def test_a_month_asked_in_chinese_numerals_or_digits():
    assert parse_query("闽宁镇原隆村五月份哪天放电影？").month == 5
    assert parse_query("十二月哪天开始？").month == 12
    assert parse_query("7月份放什么电影？").month == 7  # not a date question, a month still
    assert parse_query("1-5月工业产值多少？").month is None  # the end of a run of months
    assert parse_query("5月12日前几号报名？").month is None  # a day named
    assert months_said("将于2026年5月至6月在全镇放映") == {5, 6}
    assert months_said("1—5月份，全县工业") == {1, 2, 3, 4, 5}
    assert months_said("每月15日放映") == set()
    assert spans.month_of("五月二十二日") == 5


def test_a_day_asked_in_a_month_is_of_that_month():
    a = answer(
        parse_query("原隆村五月份哪天放电影？"),
        hits(
            ("一、放映场次", "（11）6月19日（星期五） | 原隆村 | 村文化广场 | 《长津湖》"),
            ("一、放映场次", "（5）5月22日（星期五） | 原隆村 | 村文化广场 | 《流浪地球2》"),
            meta=NOTICE,
        ),
    )
    assert chosen(a) == "5月22日"


def test_a_clause_of_another_month_is_told_by_a_cue():
    clause = "（7）6月5日（星期五）福宁村村文化广场《雄狮少年2》"
    (hit,) = hits(("一、放映场次", clause), meta=NOTICE)
    assert "ctx:another month named" in context_cues(parse_query("7月份放什么电影？"), hit, clause)
    assert "ctx:month named" in context_cues(parse_query("6月份放什么电影？"), hit, clause)


def test_the_rest_after_the_questions_words_starts_a_word():
    clause = "镇综合文化站将于2026年5月至6月在全镇6个行政村开展农村公益电影放映活动，共计放映12场"
    found = spans.template("闽宁镇7月份放什么电影?", clause)
    assert found is None or not clause[found[0] :].startswith("映")


def test_a_table_aligned_by_wide_spaces_keeps_every_row():
    text = (
        "某县文化和旅游局关于2026年农村公益电影放映工作安排的公告\n\n"
        "　　为丰富农村群众精神文化生活，现将我县2026年农村公益电影放映工作安排公告如下：\n\n"
        "一、首轮放映安排\n"
        "　　珠山镇　　　　　５月６日　　镇文化广场\n"
        "　　椒园镇　　　　　５月７日　　集镇农村数字影厅\n"
        "　　沙道沟镇　　　　５月８日　　民族文化广场\n"
        "　　首轮放映后，各乡镇按月排定各村放映日期，在村务公开栏张贴。\n"
    )
    doc = clean_bytes(text.encode(), "notice.txt")
    assert "沙道沟镇 | 5月8日 | 民族文化广场" in doc.text
    assert "珠山镇 | 5月6日 | 镇文化广场" in doc.text
    assert not [item for item in doc.report.items if item.kind == "removed_line"]


def test_a_lone_line_spaced_apart_stays_as_it_is():
    text = (
        "宜兰豪雨苏澳累积雨量破千毫米　撤离612人　农损逾1亿元\n\n"
        "　　受东北季风与台风外围环流共伴影响，宜兰县苏澳镇累积雨量突破一千毫米，县府撤离居民612人。\n"
    )
    doc = clean_bytes(text.encode(), "news.txt")
    assert " | " not in doc.text


def test_event_names():
    assert event_names("象山开渔节去年来了多少游客？") == [("开渔节",)]
    assert event_names("崇龛油菜花节去年来了多少游客？")[0][-1] == "菜花节"
    assert event_names("2024年春节来大理古城的游客有多少？") == []  # the 年 counts 2024; 春 alone
    assert event_names("培训中班一节课收多少钱？") == []  # a count
    assert event_names("节能减排做得怎么样？") == []


@pytest.mark.parametrize(
    ("question", "texts", "names"),
    [
        # a festival the text names: only a passage that names it answers
        (
            "象山开渔节去年来了多少游客？",
            ["办好第二十九届中国开渔节；象山影视城接待游客528万人次。"],
            ("开渔节",),
        ),
        # named in longer words: the words the question shares with them
        ("昭苏天马节去年来了多少游客？", ["7月成功举办第十七届天马文化旅游节。"], ("天马",)),
        # the shortest name a text holds: a passage that names 崇龛镇油菜花节 answers as well as 崇龛油菜花节's
        (
            "崇龛油菜花节去年来了多少游客？",
            ["崇龛镇油菜花节期间接待游客86.5万人次；", "办好崇龛油菜花节"],
            ("菜花节",),
        ),
        # a document about the festival: its passages need not name it
        ("花火节开幕当晚出动几架无人机？", ["花火节开幕。花火节闭幕。问花火节。出动1500架。"], ()),
        # a festival no text names is left to the passages
        ("国庆节放假几天？", ["国庆假期共7天。"], ()),
        # a gorge is a scenic spot
        (
            "神龙峡去年接待了多少游客？",
            ["实施山王坪、神龙峡两个景区提档升级；全区接待游客2150万人次。"],
            ("神龙峡",),
        ),
    ],
)
def test_a_festival_or_spot_some_text_names_is_asked_by_name(
    question: str, texts: list[str], names: tuple[str, ...]
) -> None:
    assert _uncovered_place(parse_query(question), _index(*texts)) == names  # type: ignore[arg-type]


def test_a_number_broken_across_a_pdf_page_is_joined():
    page = "　　　　某县2025年预算执行情况和2026年预算草案的报告\n"
    text = (
        "关于某县2025年预算执行情况和2026年预算草案的报告\n\n"
        + "".join(
            f"    （{n}）今年全县一般公共预算安排重点支出共计若干项，主要用于教育、社会保障和就业、农业农村等方\n"
            "面，各项支出均按照轻重缓急排序安排，确保资金用在刀刃上，提高财政资金使用效益和水平。\n"
            for n in "一二三四五"
        )
        + "                                  — 2 —\n\n"
        + page
        + "\n    重点保障：安排教育支出5.26亿元；安排瓢里镇集镇防洪护岸工程资金2200万元；安排预备费2\n"
        "600\n\n"
        "                                  — 3 —\n\n" + page + "\n"
        "万元，占一般公共预算支出的0.9%。\n"
        "    （二）政府性基金预算\n"
    )
    doc = clean_bytes(text.encode(), "budget_pdf.txt")
    assert "安排预备费2600万元" in doc.text


def test_a_notices_own_contact_line_is_kept():
    text = (
        "某镇人民政府关于2026年农村公益电影放映安排的公告\n\n"
        "　　为丰富群众夏季文化生活，镇综合文化站将于2026年5月至6月在全镇开展农村公益电影放映活动。\n\n"
        "四、联系方式\n\n"
        "　　放映员：马文礼　联系电话：１３９０９５１６２４８\n"
        "　　镇综合文化站：０９５１－８０２６３７１\n\n"
        "某镇人民政府\n"
        "２０２６年４月２８日\n"
    )
    assert "马文礼" in clean_bytes(text.encode(), "notice.txt").text


def test_a_pages_footer_contact_line_is_still_furniture():
    text = (
        "某市图书馆借阅须知\n\n"
        "一、办证\n"
        "　　读者凭本人身份证或社保卡办理借阅证，每证可借图书5册，借期30天，可续借1次。\n\n"
        "二、开放时间\n"
        "　　周二至周日9:00—17:00开放，周一闭馆，法定节假日开放时间另行公告。\n\n"
        "某市图书馆\n"
        "2026年3月1日\n"
        "联系电话：0591-8765432\n"
        "【打印本页】【关闭窗口】\n"
        "版权所有：某市图书馆　闽ICP备12345678号\n"
    )
    assert "0591-8765432" not in clean_bytes(text.encode(), "page.txt").text


REPORT = DocMeta("某区2026年政府工作报告", "某区", 2026, "政府工作报告", None, None, "r.txt")


def test_a_figures_kind_before_it_names_no_subject():
    found = candidates(
        parse_query("某区方竹笋去年产值有多少？"),
        hits(
            ("（三）特色农业稳步提升", "方竹笋种植面积达到68万亩，实现综合产值26.8亿元，加工园区建成投用；"),
            meta=REPORT,
        ),
    )
    value = next(c for c in found if c.short() == "26.8亿元")
    assert value.factors["subject"] > 0.35  # 综合 is what the figure is, said of 方竹笋 before it


def test_shipbuilding_is_what_a_report_calls_ships():
    query = parse_query("某区去年造船这一块卖了多少钱？")
    assert "船舶" in query.search_text  # the passage 「船舶海工产业实现开票销售1120亿元」 is searched for
    assert "船舶" in canon(query.text)  # and its words meet the question's
    found = candidates(
        query,
        hits(
            ("（四）文旅融合", "全区汤包、猪肉脯等特色食品产业产值达到52亿元；"),
            ("（一）沿江产业能级提升", "船舶海工产业实现开票销售1120亿元，手持订单突破2600万载重吨；"),
            meta=REPORT,
        ),
    )
    assert found[0].short() == "1120亿元"


def test_income_per_head_is_no_tourism_income():
    said = canon("城镇居民和农村居民人均可支配收入分别达到6.38万元和3.91万元")
    assert counterpart_named(canon("斗门去年旅游总收入有多少？"), said)
    assert not counterpart_named(canon("去年城镇居民人均收入多少？"), said)


def test_a_weight_asked_is_not_metered():
    units = parse_query("某县规划2030年红枣产量要达到多少吨？").units
    assert "吨" in units and "斤" in units and "立方米" not in units
    assert "人次" in parse_query("游客有多少人？").units  # a unit a measure implies as well, as before


def test_a_where_question_finds_the_place_before_its_verb():
    clause = "5月26日在县精神卫生中心集中评定"
    found = spans.locative(clause, "孩子要评智力残疾,去哪儿评?")
    assert found is not None and clause[found[0] : found[1]] == "县精神卫生中心"
