"""Causes of qa_blind56/57's misses, on invented text: a county's short name used as a word inside a title
(「惠民煤」) is not the place when the body that issues the notice names another, a section's last short sentence
stays in its section, a year after 关于 is no date, a list's items run past 「；」, a label the question names
(「现场投诉：」) says where, 哪間 asks a name, 第1场 is 第一场, a figure of another unit in a table's row is a
condition the question states, not the column asked, a list of a table's rows is read under the header a passage
carries and by the day their span starts on, and items numbered （一）（二）（三） are a list."""

from rag.answer import answer, spans
from rag.answer.candidates import canon
from rag.chunking import chunk_document
from rag.cleaning.metadata import find_city
from rag.cleaning.pipeline import clean_bytes
from rag.query import parse_query
from rag.types import DocMeta
from tests.test_answering import chosen, hits

NOTICE = DocMeta("关于某县2026年家电补贴申领的公告", "某县", 2026, "公告", "2026-02-26", None, "n.txt")
REPORT = DocMeta("2026年某区政府工作报告", "某区", 2026, "政府工作报告", "2026-01-13", None, "r.txt")


def test_a_short_name_used_as_a_word_in_the_title_gives_way_to_the_issuer():
    title = "关于做好2025—2026年采暖季惠民煤供应配送工作的公告"  # 惠民 is also a county of 山东
    head = ["和布克赛尔蒙古自治县发展和改革委员会", title]
    assert find_city(title, head, "") == "和布克赛尔"
    assert find_city("惠民县2026年政府工作报告", ["惠民县人民政府"], "") == "惠民"
    assert (
        find_city("2024年沛县政府工作报告", ["徐州市人民政府"], "") == "沛县"
    )  # a county of the issuer's city


def test_a_sections_last_short_sentence_stays_in_its_section():
    raw = (
        "某区公所公告\n\n二、巡回场次：\n（一）第1场：3月21日上午9时至下午4时，地点：顺天里活动中心。\n"
        "每场次以40只为限，额满为止。\n三、民众部分负担费用：\n（一）公犬500元；母犬1,000元。\n"
    )
    chunks = chunk_document(clean_bytes(raw.encode(), "公告.txt"), size=300, overlap=80)
    fee = next(c for c in chunks if "母犬" in c.text)
    assert fee.section.startswith("三、") and "额满为止" not in fee.text
    assert "额满为止" in next(c for c in chunks if "顺天里" in c.text).text
    # a question line opens its answer below it
    faq = (
        "某市婚姻登记办理须知（问答）\n\n问三：婚姻登记需要预约吗？\n答：需要。请提前通过“某市民政”微信公众号预约，每个工作日上午、下午各开放40个号。\n"
        "问四：可以在哪里办理婚姻登记？\n答：在市民政局婚姻登记处办理，地址为新区正阳路68号，工作日8:30—12:00、14:30—17:30。\n"
        "问五：要带哪些材料？\n答：男女双方的身份证、户口簿，以及近期合影照片3张。\n"
    )
    faq_chunks = chunk_document(clean_bytes(faq.encode(), "问答.txt"), size=300, overlap=80)
    assert any("问五" in c.text and "户口簿" in c.text for c in faq_chunks)


def test_a_year_after_guanyu_is_what_is_spoken_about_not_a_date():
    intro = "为激发消费潜力，根据省、市关于2026年消费品以旧换新工作的部署，现将我县家电以旧换新补贴申领有关事项公告如下。"
    assert spans.dates(intro) == []
    period = "2026年3月1日至2026年12月31日（补贴资金用完即止）。"
    a = answer(
        parse_query("某县家电以旧换新补贴到什么时候截止？"),
        hits(("", intro), ("一、活动时间", period), meta=NOTICE),
    )
    assert chosen(a) == "2026年12月31日"


def test_a_lists_items_are_quoted_past_their_semicolons():
    text = "今年区政府将重点推进三件民生实事：一是新建社区养老服务综合体4家；二是既有多层住宅加装电梯150台；三是新增公共充电桩1200个。"
    a = answer(
        parse_query("某区今年要办的三件民生实事是哪些？"), hits(("（三）办好民生实事", text), meta=REPORT)
    )
    assert not a.refused and all(item in a.text for item in ("养老服务综合体", "加装电梯", "充电桩"))


def test_a_label_the_question_names_says_where():
    text = "1．现场投诉：某县劳动保障监察大队（城关镇阿庐大道86号县人社局一楼）；"
    a = answer(
        parse_query("在某县被拖欠工资，去哪里现场投诉？"), hits(("四、投诉举报渠道", text), meta=NOTICE)
    )
    assert chosen(a) == "某县劳动保障监察大队"  # not 城关镇, a place inside what the label gives


def test_hajian_asks_a_name_and_first_in_digits_is_first():
    assert parse_query("半山自動扶梯更換工程由哪間承建商負責？").kind == "name"
    assert canon("第1场") == canon("第一场") and canon("第10场") != canon("第一场")


def test_a_figure_of_another_unit_in_the_row_is_a_condition_not_the_column_asked():
    table = (
        "品类 | 能效（水效）等级 | 补贴比例 | 单件最高补贴\n冰箱、洗衣机、电视、空调 | 1级 | 20% | 2000元\n"
        "冰箱、洗衣机、电视、空调 | 2级 | 15% | 1500元"
    )
    a = answer(
        parse_query("在某县买一级能效的空调最多能补多少钱？"),
        hits(("三、补贴品类和标准", table), meta=NOTICE),
    )
    assert chosen(a) == "2000元"


def test_a_list_of_the_rows_a_cell_names_is_read_under_the_header_the_passage_carries():
    from rag.query import find_head
    from rag.types import Chunk, Hit

    assert find_head("荥经十五五主要指标里哪些是约束性指标？") == "指标"
    meta = DocMeta(
        "某县国民经济和社会发展第十五个五年规划纲要", "某县", 2026, "规划纲要", "2026-02-01", None, "p.md"
    )
    rows = (
        "民生福祉 | 城镇调查失业率（%） | <5.5 | <5.5 | — | 预期性\n绿色生态 | 森林覆盖率（%） | 68.9 | 70.2 | 〔1.3〕 | 约束性\n"
        "绿色生态 | 地表水达到或好于Ⅲ类水体比例（%） | 100 | 100 | — | 约束性\n安全保障 | 粮食综合生产能力（万吨） | 3.1 | 3.1 | — | 约束性"
    )
    head = "类别 | 指标 | 2025年 | 2030年 | 年均增长〔累计〕 | 属性"
    chunk = Chunk(
        "c1", "doc", rows, 900, 900 + len(rows), "第三节 主要指标", meta, head
    )  # cut below the header
    a = answer(parse_query("某县十五五主要指标里哪些是约束性指标？"), [Hit(chunk, 1.0, 1)])
    assert all(
        x in chosen(a) for x in ("森林覆盖率", "地表水", "粮食综合生产能力")
    ) and "失业率" not in chosen(a)


def test_the_rows_whose_span_starts_on_the_day_asked_are_the_list():
    table = (
        "乡（镇、场） | 集中配送点 | 首轮配送时间\n某某镇 | 县城东环路储煤场 | 10月8日—10月25日\n"
        "甲乡 | 镇煤炭集中销售点 | 10月8日—10月20日\n乙乡 | 乡兽医站旁储煤点 | 10月20日—11月10日\n"
        "丙乡 | 乡政府西侧储煤点 | 10月20日—11月10日"
    )
    a = answer(
        parse_query("某县哪几个乡惠民煤是10月20号开始配送的？"), hits(("四、配送安排", table), meta=NOTICE)
    )
    assert chosen(a) == "乙乡、丙乡"


def test_items_numbered_in_chinese_under_a_heading_are_the_list():
    assert spans.NUMBERED_ITEM.match("（二）持有本县居住证的常住人员车辆，每户限1辆；")
    text = (
        "六、不受名额限制的车辆\n（一）车籍登记在本县的小型客车（凭行驶证核验）；\n"
        "（二）持有本县居住证的常住人员车辆，每户限1辆，须提前备案；\n（三）执行公务、救护、抢险任务的车辆。"
    )
    a = answer(
        parse_query("某县暑期哪些车进岛不受预约名额限制？"),
        hits(("六、不受名额限制的车辆", text), meta=NOTICE),
    )
    assert all(x in chosen(a) for x in ("车籍登记在本县", "居住证", "救护"))
