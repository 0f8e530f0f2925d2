"""Causes of qa_blind66/67's misses, on invented text: a zone asked in other words than the text's
(「贡茶深加工园区」 for 「贡茶精深加工园」) is the text's, and a zone no text names answers nothing; a figure that opens a
zone's name (「棉3创意街区」) is part of it; days in Chinese numerals before a time limit (「七日内」) are a wait; a
row's label with a note in brackets (「钨精矿（折三氧化钨65%）」) still names its kind; 「哪几个小区」 asks for 小区;
「丢了」 is what a notice calls 遗失 and 补领 is 补办; a question that counts 孕产妇 counts people; power sold to the
grid is 上网电; a plan's output value (产值) is no tourism income; a question about one village is not answered by a
figure every village reaches; a rise by so much is no level; and from older sets' misses: a school grade (高三) is of its
stage, a farm household's grant is not a firm's, a when-question's act may be said in another word (报名 as 申报), and
「浇多少亩地」 asks the area irrigated."""

from types import SimpleNamespace

import pytest

from rag.answer import answer, spans
from rag.answer.candidates import candidates, canon
from rag.answer.subjects import counterpart_named, whole_for_part
from rag.api import _uncovered_place
from rag.places import town_names
from rag.query import parse_query
from rag.types import DocMeta
from tests.test_answering import chosen, hits

REPORT = DocMeta("某市2026年政府工作报告", "某市", 2026, "政府工作报告", None, None, "r.txt")
BULLETIN = DocMeta(
    "某县2025年国民经济和社会发展统计公报", "某县", 2025, "统计公报", "2026-03-20", None, "b.txt"
)
GUIDE = DocMeta("某区2026年肉牛基础母牛扩群增量补贴申报指南", "某区", 2026, "其他", None, None, "g.txt")
NOTICE = DocMeta("某县关于孕产妇住院分娩补助的公告", "某县", 2026, "公告", None, None, "n.txt")


def _index(*texts: str) -> SimpleNamespace:
    docs = {
        f"d{n}": SimpleNamespace(meta=SimpleNamespace(city="某市", title=REPORT.title), text=text)
        for n, text in enumerate(texts)
    }
    return SimpleNamespace(docs=docs)


@pytest.mark.parametrize(
    ("question", "text", "names"),
    [
        # the text names the zone in other words: its own words must be in the answer's sentence
        ("要建的贡茶深加工园区放在哪个镇？", "在汤溪镇建设狗脑贡茶精深加工园。", ("深加工",)),
        (
            "竹制品加工园区的配套资金投在哪个镇？",
            "安排棋坪镇竹制品加工产业园配套资金1650万元。",
            ("竹制品加工",),
        ),
        # the text names what the zone is named after, but no zone: nothing answers
        ("龟峰山景区去年接待了多少游客？", "成功举办龟峰山杜鹃花节，全市接待游客1820万人次。", ("峰山景区",)),
        # a figure inside a zone's name
        (
            "棉3创意街区去年接待了多少游客？",
            "棉3创意街区新入驻企业58家；大直沽街区接待游客186万人次。",
            ("创意街区",),
        ),
    ],
)
def test_a_zone_is_named_as_the_text_names_it(question: str, text: str, names: tuple[str, ...]) -> None:
    assert _uncovered_place(parse_query(question), _index(text)) == names  # type: ignore[arg-type]


def test_a_figure_before_a_town_counts_it_only_with_a_measure_word():
    assert town_names("棉3创意街区去年接待了多少游客?") == [("创意街区",)]
    assert town_names("5月12日下乡") == []  # the 日 counts the figure before it
    assert town_names("全县5个重点镇") == []


def test_days_in_chinese_numerals_before_a_time_limit_are_a_wait():
    clause = "出租人应自签订租赁合同之日起七日内办理登记"
    assert [clause[a:b] for a, b, _ in spans.cn_quantities(clause)] == ["七日"]
    assert spans.cn_quantities("应于二〇二六年六月三十日前登记") == []  # a date's day
    a = answer(
        parse_query("新租出去的房子签完合同几天内要去登记？"),
        hits(
            ("二、登记时限", "集中登记结束后新出租的，出租人应自签订租赁合同之日起七日内办理登记；"),
            ("三、登记方式", "通过小程序在线登记，上传材料后由服务站在三个工作日内审核。"),
            meta=NOTICE,
        ),
    )
    assert chosen(a) == "七日"


def test_a_rows_label_with_a_note_in_brackets_names_its_kind():
    table = (
        "表1 2025年规模以上工业主要产品产量\n"
        "产品名称 | 单位 | 产量 | 比上年增长（%）\n"
        "钼精矿（折含钼45%） | 吨 | 38620 | -2.6\n"
        "钨精矿（折三氧化钨65%） | 吨 | 9850 | 4.3\n"
        "铅精矿 | 吨 | 4260 | 1.7"
    )
    found = candidates(parse_query("某县去年钨精矿产量多少？"), hits(("三、工业", table), meta=BULLETIN))
    tungsten = next(c for c in found if c.short() == "9850")
    assert "span:counterpart named" not in tungsten.factors


def test_a_list_asked_with_a_count_and_measure_word_reads_its_column():
    table = (
        "批次 | 小区名称 | 户数 | 更换日期\n"
        "第一批 | 真定苑 | 486户 | 4月13日—4月16日\n"
        "第一批 | 镇州小区 | 352户 | 4月17日—4月21日\n"
        "第二批 | 恒州花园 | 618户 | 4月22日—4月28日\n"
        "第二批 | 隆兴北区 | 540户 | 4月29日—5月8日"
    )
    found = candidates(
        parse_query("第一批换水表的是哪几个小区？"), hits(("一、更换安排", table), meta=NOTICE)
    )
    assert "真定苑、镇州小区" in [c.short() for c in found]  # the 小区名称 cells of the rows of 第一批


def test_a_lost_card_is_said_as_the_notice_says_it():
    a = answer(
        parse_query("社保卡丢了补办要多少钱？"),
        hits(
            ("问三：到哪里办理？", "县政务服务中心一楼社保卡服务专区，现场即时制卡，约10分钟可以领卡。"),
            (
                "问四：换卡要不要交钱？",
                "首次申领不收取任何费用。因遗失、损坏补领的，按规定收取工本费每张20元；",
            ),
            meta=NOTICE,
        ),
    )
    assert chosen(a) == "20元"


def test_a_count_of_mothers_is_a_count_of_people():
    assert parse_query("去年有多少孕产妇领到了住院分娩补助？").units == ("人", "名", "位")


def test_power_sold_to_the_grid_is_what_goes_online():
    a = answer(
        parse_query("家里装光伏，多余的电卖给电网一度多少钱？"),
        hits(
            (
                "问二：电费怎么结算？",
                "上网电量按本省燃煤发电基准价每千瓦时0.3844元结算；自发自用部分可抵扣家庭用电，"
                "我县居民生活用电第一档电价为每千瓦时0.5653元。",
            ),
            meta=NOTICE,
        ),
    )
    assert chosen(a) == "0.3844元"


def test_output_value_is_no_tourism_income():
    asked = canon("某县规划到2030年旅游总收入目标是多少？")
    assert counterpart_named(asked, canon("力争到2030年园区规模以上工业产值达到120亿元"))
    assert not counterpart_named(asked, canon("到2030年旅游总收入达到90亿元"))


def test_a_figure_every_village_reaches_is_no_one_villages():
    asked = canon("战旗村去年村集体经济收入多少？")
    said = canon("村级集体经济经营性收入全部达到10万元以上")
    assert whole_for_part(asked, said, said)
    own = canon("战旗村集体经济收入达到860万元")
    assert not whole_for_part(asked, own, own)


def test_a_rise_by_so_much_is_no_level():
    from rag.answer.fit import wording_cues

    query = parse_query("在医院生孩子能奖励多少钱？")
    assert "words:change for a level" in wording_cues(query, "双胎及多胎的，每多一名新生儿增加奖励300元。")
    assert not wording_cues(query, "每名孕产妇住院分娩后给予一次性奖励1200元；")
    assert not wording_cues(query, "补助标准提高至500元。")  # raised to a level, which is asked
    a = answer(
        query,
        hits(
            (
                "二、补助标准",
                "每名孕产妇住院分娩后给予一次性奖励1200元；双胎及多胎的，每多一名新生儿增加奖励300元。",
            ),
            meta=NOTICE,
        ),
    )
    assert chosen(a) == "1200元"


@pytest.mark.parametrize(
    ("question", "other", "own"),
    [
        # a grade is of its school stage (not 「正月初一」, nor 「提高三成」)
        ("高三学生哪天放寒假？", "小学、初中：1月15日起放寒假", "高三年级1月29日起放假"),
        # a farm household's grant is not a firm's
        ("养牛的农户最多能拿多少补贴？", "合作社、企业最高不超过30万元", "农户最高不超过10万元"),
    ],
)
def test_a_grade_and_a_household_exclude_their_counterparts(question: str, other: str, own: str) -> None:
    assert counterpart_named(canon(question), canon(other))
    assert not counterpart_named(canon(question), canon(own))
    assert not counterpart_named(canon("小学春节哪天放假？"), canon("正月初一至初三放假"))


def test_an_act_asked_is_said_in_another_word_under_its_own_heading():
    a = answer(
        parse_query("母牛补贴最晚什么时候报名？"),
        hits(
            (
                "三、申报程序 > （三）审核发放",
                "复核后，基础母牛补贴资金直接发放到户，2026年9月底前发放完毕。",
            ),
            (
                "三、申报程序",
                "（一）个人申报。养殖户于2026年4月1日至5月31日，向所在乡镇农业服务中心提出申请。",
            ),
            meta=GUIDE,
        ),
    )
    assert chosen(a) == "5月31日"


def test_fields_watered_are_the_area_irrigated():
    assert parse_query("今年春灌一共计划浇多少亩地？").text == "今年春灌一共计划灌溉面积多少?"
    assert parse_query("浇花要多少水？").text == "浇花要多少水?"  # no fields
