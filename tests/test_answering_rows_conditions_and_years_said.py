"""Causes of qa_blind70/71's misses, on invented text: a count's measure word is no kind of what it counts
(「多少家规上企业」 is not 「家规」); 人次 named asks visits; a one-character verb the tagger glued to a name
(「逛金街」) leaves the name a word; a place's name the question opens with is a word of its own (「闽清白樟」),
unless a longer name holds it (汨罗江); what 多少 counts outweighs what the question ends doing with it
(「几多现金…就要申报」); a figure grouped by thousands with spaces is one figure (「5 665名」); a thing 「设在」
somewhere answers where it is, a phone number does not, nor 「存在」's 在; a clause ending in 的 or a label names
whom the next one's figure is for; an aside in brackets names no subject; 「哪天前要申请」 asks the application, a
modal verb before it; a table row's cell is said of its column's header too; a sentence's 今年 and 二〇二五年 are
years it names; a place that ends its clause has no spot after it; a fine is not money a heading says is given."""

from rag.answer import answer, spans
from rag.answer.candidates import _next_words, _placelike, content_terms
from rag.answer.fit import _year_cues
from rag.answer.subjects import has_own_subject, main_terms, sibling_named, side_named, subject_of
from rag.cleaning.normalize import normalize_line
from rag.query import parse_query
from rag.types import DocMeta
from tests.test_answering import chosen, hits

NOTICE = DocMeta(
    "某县总工会关于开展二〇二六年“金秋助学”活动的通知", "某县", 2026, "通知", None, None, "n.txt"
)
PRICES = DocMeta(
    "某县交通运输局关于公布驾驶员培训机构收费标准的公告", "某县", 2026, "公告", None, None, "p.txt"
)


def test_a_counts_measure_word_is_no_kind_of_what_it_counts():
    # 「多少家规上企业」: the tagger reads 家规 (family rules); 规上 is the kind asked, and the clause says it
    assert not sibling_named("丹阳去年新增了多少家规上企业?", "全年新增规上工业企业108家，")
    assert sibling_named("去年新增了多少家规上企业?", "全年新增农业企业108家，")  # another kind still counts


def test_visits_named_ask_for_visits():
    assert "人次" in parse_query("去年逛金街的人次有多少？").units
    assert "金街" in content_terms(parse_query("去年逛金街的人次有多少？"))  # not 逛金街 alone


def test_the_place_a_question_opens_with_is_a_word_of_its_own():
    terms = content_terms(parse_query("在闽清白樟那家驾校学C2要多少钱？"))
    assert "白樟" in terms and "清白" not in terms


def test_a_place_inside_a_longer_name_stays_in_it():
    terms = content_terms(parse_query("这次汨罗江龙舟邀请赛一共来了多少支队伍？"))
    assert "汨罗江" in terms  # a river's name holds the city's


def test_what_is_counted_outweighs_what_is_done_with_it():
    assert main_terms(content_terms(parse_query("带几多现金入境澳门就要申报？"))) == ["现金"]
    assert main_terms(content_terms(parse_query("要带多少材料去办理？"))) == ["材料"]
    assert "补贴" in main_terms(
        content_terms(parse_query("考了中级工证能领多少技能提升补贴？"))
    )  # a noun ends it


def test_a_figure_grouped_by_thousands_with_spaces_is_one_figure():
    assert normalize_line("共有50 246名考生报考，自修生5 665名；") == "共有50246名考生报考，自修生5665名；"
    assert normalize_line("考评局热线3628 8860") == "考评局热线3628 8860"  # a phone's groups of four
    assert normalize_line("工业 120 130万元") == "工业120 130万元"  # figures a row sets apart by spaces


def test_where_a_thing_is_set_up_answers_where_it_is():
    q = parse_query("某县医院的陪护服务中心在哪里？")
    a = answer(
        q,
        hits(
            ("三、申请方式", "也可直接拨打陪护服务中心电话0713-3326584（24小时）。"),
            ("三、申请方式", "陪护服务中心设在住院部一楼大厅东侧，一般情况下2小时内安排护理员到岗。"),
            meta=NOTICE,
        ),
    )
    assert chosen(a) == "住院部一楼大厅东侧"


def test_the_zai_inside_a_word_opens_no_place():
    clause = "存在总计与分项合计不等的情况。"
    assert not _placelike("手机要存在哪里?", clause, (2, 13))
    assert _placelike("以哪个地方为主体", "以花桥为主体", (1, 3))  # a preposition of its own does


def test_a_clause_ending_in_de_names_whom_the_figure_is_for():
    main, parts = ["本科"], ["1.考入本科院校的，", "每人一次性资助5000元；"]
    assert subject_of(main, parts, 1, own=True)[0] == 0.95
    assert subject_of(main, ["1.学校招收本科生，", "每人一次性资助5000元；"], 1, own=True)[0] == 0.35
    assert not has_own_subject("每天（24小时）", {"一对一陪护": 4.0})  # an aside names no subject


def test_a_when_question_asks_the_act_after_its_modal_verb():
    q = parse_query("某县金秋助学最晚哪天前要申请？")
    assert "申报" in q.search_text  # the word a notice labels when to apply with
    a = answer(
        q,
        hits(
            (
                "四、申报时间和程序 > （四）资金发放",
                "（四）资金发放：公示无异议的，助学金于九月十日前通过“一卡通”发放。",
            ),
            ("四、申报时间和程序", "（一）申报时间：二〇二六年七月二十日至八月二十日，逾期不予受理。"),
            meta=NOTICE,
        ),
    )
    assert chosen(a) == "八月二十日"


def test_a_rows_cell_is_said_of_its_columns_header():
    table = (
        "培训机构名称 | 联系电话 | 训练场地址 | C1（手动挡） | C2（自动挡）\n"
        "某县梅溪驾驶培训有限公司 | 0591-62336218 | 梅溪镇 | 4380元 | 4680元\n"
        "某县白樟驾驶培训有限公司 | 0591-62291635 | 白樟镇 | 4180元 | 4480元"
    )
    a = answer(
        parse_query("在白樟那家驾校学C2要多少钱？"),
        hits(
            ("二、计时培训和先培后付", "选择先培后付的，C1每学时110元，C2每学时120元，摩托车每学时50元。"),
            ("一、培训机构名单及收费标准", table),
            meta=PRICES,
        ),
    )
    assert chosen(a) == "4480元"


def test_this_year_said_in_a_sentence_is_another_year_than_one_asked():
    sentence = "今年全县计划资助困难职工家庭学生120名，安排助学资金46万元（二〇二五年共资助98名）。"
    asked = parse_query("某县2024年金秋助学资助了多少学生？")
    assert "ctx:another year named" in _year_cues(asked, 2024, None, None, sentence, published=2026)
    assert "ctx:year named" in _year_cues(asked, 2026, None, None, sentence, published=2026)
    assert "ctx:another year named" in _year_cues(asked, 2024, None, None, "二〇二五年共资助98名。")
    a = answer(parse_query("某县2024年金秋助学资助了多少学生？"), hits(("", sentence), meta=NOTICE))
    assert a.refused
    a = answer(parse_query("某县2026年金秋助学计划资助多少学生？"), hits(("", sentence), meta=NOTICE))
    assert a.short == "120名" and not a.refused
    a = answer(
        parse_query("某县2024年资助了多少学生？"),
        hits(("", "二〇二五年共资助困难职工家庭学生98名。"), meta=NOTICE),
    )
    assert a.refused  # a year in Chinese numerals is a year named


def test_a_place_at_the_end_of_a_clause_has_no_words_after_it():
    assert spans.spot_of("活动地点在南宁", (5, 7)) == (5, 7)


def test_words_that_open_the_lines_below_name_no_place():
    a = answer(
        parse_query("某县的毕业生档案要寄到哪儿？"),
        hits(
            (
                "问二：档案寄到哪里？",
                "答：请毕业学校按以下信息寄送：\n收件单位：某县人力资源和社会保障局人事档案室",
            ),
            meta=NOTICE,
        ),
    )
    assert "以下" not in (chosen(a) or "")


def test_an_exams_results_day_is_when_they_are_published():
    assert "公布" in parse_query("今年DSE幾時放榜？").search_text


def test_a_label_names_whom_the_figure_after_it_is_for():
    main, parts = ["80岁以上"], ["（三）80岁以上老年人：", "每餐补贴5元；"]
    assert subject_of(main, parts, 1, own=True)[0] == 0.95


def test_people_counted_with_ge_are_people_whatever_they_do_next():
    assert "名" in parse_query("今年有幾多個自修生考文憑試？").units
    assert "名" not in parse_query("有多少个卫生院？").units  # 卫生院 counts no people


def test_a_price_after_the_words_asked_is_no_place():
    text = "2．电动三轮车、三轮老年代步车，每辆300元。"
    assert _next_words(text, [(16, len(text))], "place") is None
    assert _next_words(text, [(16, len(text))], "number") == (16, len(text) - 1)


def test_where_a_thing_is_set_up_is_where_it_is_done():
    clause = "答：固定测试点设在县体育中心综合馆一楼，"
    assert clause[slice(*spans.locative(clause, "在某县县城去哪儿做体质测试?"))] == "县体育中心综合馆一楼"

    assert spans.locative("已在其他公益性岗位在岗的人员，", "去哪里报?") is None  # 位在 inside 岗位


def test_a_fine_is_not_money_a_heading_says_is_given():
    a = answer(
        parse_query("某县过渡期过了还开低速电动车上路，罚多少钱？"),
        hits(
            (
                "四、回收补贴 > （一）过渡期内主动报废的，按以下标准给予一次性补贴",
                "2．电动三轮车、三轮老年代步车，每辆300元。",
            ),
            meta=NOTICE,
        ),
    )
    assert a.refused or a.short != "300元"
    assert side_named("罚多少钱", "四、回收补贴") and not side_named("罚多少钱", "五、罚则")
