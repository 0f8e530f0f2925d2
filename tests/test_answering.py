"""Extractive answering on hand-made hits with real report sentences."""

import pytest

from rag.answering import MAX_TEXT, answer
from rag.query import parse_query
from rag.spans import quantities
from rag.types import Chunk, DocMeta, Hit

CS2024 = DocMeta(
    "2024年常熟市人民政府工作报告", "常熟", 2024, "政府工作报告", "2024-01-08", "秦猛", "001.txt"
)
SZ2021 = DocMeta("政府工作报告", "苏州", 2021, "政府工作报告", "2021-01-19", "李亚平", "003.txt")

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
    assert a.short == "280亿元"


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
    ],
)
def test_quantities(clause, spans):
    assert [clause[s:e] for s, e, _ in quantities(clause)] == spans
