"""Causes of qa_blind72/73's misses, on invented text: 桌 and 千升 are units; 增加值 and 支出 are sums of money, so
a growth rate does not answer them; a budget's 卖地, a notice's 受理地点 and 实施时间 are found by the everyday words; a
one-character verb glued after a name (「蒲塘办」) leaves the name, a preposition glued after a noun (「课在」) is no
word of the question; a list's heading names what its counts count, and an aside after a figure gives its parts; a
county's everyday short name (新建) opens no town; a village that opens a clause is its subject; a place inside 《》
and 「之日起」 are no answers to where; a table's rows are picked by a question's word that some of them hold; a town
asked without its 镇 (「峪道河」) is the town a text writes whole; a body's name does not take in the words before it
that compare a figure (「不得高于市价格监测中心」)."""

from rag.answer import answer, spans
from rag.answer.candidates import content_terms
from rag.answer.subjects import _part_opens
from rag.api import _town_asked
from rag.places import town_names
from rag.query import parse_query
from rag.types import DocMeta
from tests.test_answering import chosen, hits

NOTICE = DocMeta("某镇2026年婚丧事宜简办标准问答", "某县", 2026, "其他", None, None, "n.txt")
REPORT = DocMeta("某县2026年政府工作报告", "某县", 2026, "政府工作报告", None, None, "r.txt")


def test_tables_at_a_banquet_are_counted_in_zhuo():
    q = parse_query("村里办酒席最多能摆几桌？")
    assert q.units == ("桌",)
    a = answer(
        q,
        hits(
            ("", "问二：彩礼有标准吗？答：彩礼总额不超过6万元。"),
            ("", "问三：办酒席有什么标准？答：酒席总桌数不超过12桌，每桌标准不超过500元。"),
            meta=NOTICE,
        ),
    )
    assert chosen(a) == "不超过12桌"


def test_liquor_is_measured_in_thousands_of_litres():
    a = answer(
        parse_query("某县去年啤酒产量有多少？"),
        hits(("一、2025年工作回顾", "全年啤酒产量18.5万千升，粮食总产量30.2万吨。"), meta=REPORT),
    )
    assert chosen(a) == "18.5万千升"


def test_value_added_and_spending_are_sums_of_money():
    assert parse_query("某区去年金融业增加值是多少？").units == ("元",)
    assert parse_query("某县今年教育支出预算安排了多少？").units == ("元",)
    assert parse_query("某区去年金融业增加值增长多少？").units == ("%",)  # its growth asked
    a = answer(
        parse_query("某县去年金融业增加值是多少？"),
        hits(("一、2025年工作回顾", "新增金融机构12家，金融业增加值增长6.1%。"), meta=REPORT),
    )
    assert chosen(a) != "6.1%"


def test_everyday_words_find_what_a_budget_or_a_notice_calls_it():
    assert "土地出让" in parse_query("某县去年卖地收了多少钱？").search_text
    assert "受理地点" in parse_query("租房补贴去哪儿交申请？").search_text
    assert "受理地点" in parse_query("申请表交到哪里？").search_text
    assert "受理地点" not in parse_query("去年卖地收了多少钱？").search_text
    assert "实施时间" in parse_query("平价菜今年卖到什么时候？").search_text  # how long a measure runs
    assert "实施时间" not in parse_query("从什么时候开始施行？").search_text


def test_a_verb_glued_to_a_name_or_a_preposition_to_a_noun_leaves_the_word():
    assert "蒲塘" in content_terms(parse_query("蒲塘办婚宴最多能摆几桌？"))
    terms = content_terms(parse_query("驾校的体验课在哪儿上？"))
    assert "课在" not in terms and "课" in terms


def test_a_lists_heading_names_what_its_counts_count_and_an_aside_gives_parts():
    q = parse_query("河口镇有几个便民网点？")
    a = answer(q, hits(("四、便民销售网点", "●河口镇：5个（河口镇农贸市场3个、超市2个）"), meta=REPORT))
    assert chosen(a) == "5个"
    # the part asked by a word the aside holds and the words before it do not
    a = answer(
        parse_query("河口镇有几个农贸市场网点？"),
        hits(("四、便民销售网点", "●河口镇：5个（农贸市场3个、超市2个）"), meta=REPORT),
    )
    assert chosen(a) == "3个"


def test_a_countys_everyday_short_name_opens_no_town():
    names = town_names("新建城东街道第一小学和河口镇中心学校")
    assert ("城东街道",) in names and not any("新建城东街道" in n for n in names)


def test_a_village_opening_a_clause_is_its_subject():
    assert _part_opens("石门镇去年接待了多少游客?", "李家坪村全年接待游客")
    assert not _part_opens("李家坪村去年接待了多少游客?", "李家坪村全年接待游客")
    assert not _part_opens("石门镇去年接待了多少游客?", "乡村旅游接待游客")  # a kind, no village
    assert not _part_opens("某县酒业集群营收多少?", "杏花村经济技术开发区酒业集群实现营业收入")


def test_a_place_in_a_titles_brackets_or_from_when_is_no_answer_to_where():
    assert spans.tagged("自领取驾驶证之日起连续计算。", ("ns",), "") == []
    a = answer(
        parse_query("租赁补贴去哪儿交申请？"),
        hits(("三、申请材料", "1.《某市城镇住房保障家庭租赁补贴申请表》；"), meta=REPORT),
    )
    assert chosen(a) != "城镇住房"


def test_a_table_list_picks_the_rows_a_question_word_holds():
    table = (
        "课程名称 | 上课时间 | 上课地点\n"
        "书法入门 | 每周三19:00—20:30 | 二楼教室\n"
        "民族舞蹈 | 每周一19:00—20:30 | 三楼舞蹈室\n"
        "手机摄影 | 每周三19:00—20:30 | 多功能厅\n"
        "烘焙体验 | 每周五18:30—20:30 | 一楼"
    )
    a = answer(parse_query("夜校周三晚上有哪几门课？"), hits(("二、课程安排", table), meta=NOTICE))
    assert chosen(a) == "书法入门、手机摄影"


class _Index:  # what the town reader reads of an index: its documents' texts and titles
    def __init__(self, *docs):
        self.docs = {str(i): doc for i, doc in enumerate(docs)}


class _Doc:
    def __init__(self, text, meta=REPORT):
        self.text, self.meta = text, meta


def test_a_town_asked_without_its_zhen_is_the_town_a_text_writes():
    index = _Index(_Doc("贾家庄村全年接待游客168万人次；峪道河镇民国建筑群纳入省级文物保护单位。"))
    q = parse_query("峪道河去年接待了多少游客？")
    assert _town_asked(q, index) == ("峪道河镇",)  # only a passage that names it answers
    assert _town_asked(parse_query("去年新增多少游客？"), _Index(_Doc("新增乡村旅游点12个。"))) == ()
    assert _town_asked(parse_query("去年接待了多少游客？"), index) == ()
    seat = _Index(_Doc("龙胜镇全年接待游客52万人次。"))
    assert _town_asked(parse_query("龙胜去年接待了多少游客？"), seat) == ()  # the county, not its seat's town
    fish = _Index(_Doc("白蕉镇海鲈产量17.8万吨。"))
    assert _town_asked(parse_query("白蕉海鲈去年产了多少吨？"), fish) == ()  # a product named after the town
    # a town's whole name before its 镇区 writes no town 「某某镇镇」
    area = _Index(_Doc("禁止驶入：大港镇镇区主干道及学校周边道路。"), _Doc("镇区道路限速30公里/小时。"))
    assert _town_asked(parse_query("大港镇区里渣土车限速多少？"), area) == ()


def test_a_body_is_named_after_the_words_that_compare_a_figure():
    clause = "各网点销售价格不得高于市物价监测中心每周一发布的平均零售价格的85%。"
    assert [clause[a:b] for a, b in spans.organisations(clause, "按哪个单位发布的价格？")] == [
        "市物价监测中心"
    ]
    done = "区疾病预防控制中心"  # what a body does stays inside its name
    assert [done[a:b] for a, b in spans.organisations(done, "")] == [done]
