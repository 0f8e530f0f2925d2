"""Lists, tables and notices of kinds the earlier question sets did not hold (causes of qa_blind32/33's
misses; invented text here): a run of clauses whose items end in one word, a 其中 list naming the noun asked, a
table's one column of figures, a fall asked as 减产, what a notice leaves to later or to someone else, seasons
that exclude each other, deputies counted, visitors asked in 人, a fee asked as 诊金, a stamp's face value in
dollars, an interval in 星期, the day asked of a range that starts at a clock time, a clause of another year said as 去年."""

import pytest

from rag.answer import answer, spans
from rag.answer.candidates import content_terms, find_span, table_header
from rag.answer.tables import row_asked
from rag.query import parse_query
from tests.test_answering import chosen, hits


def top(sentence: str, question: str) -> str | None:
    found = spans.top_of_list(sentence, question)
    return sentence[found[0] : found[1]] if found else None


def test_the_top_of_a_run_of_clauses_ending_in_one_word():
    budget = "主要支出项目：教育支出5.20亿元，社会保障和就业支出6.10亿元，卫生健康支出2.30亿元，农林水支出4.40亿元。"
    assert top(budget, "今年哪一项民生支出安排得最多？") == "社会保障和就业支出"
    assert top(budget, "哪一项支出最少？") == "卫生健康支出"
    power = "全县发电量98.6亿千瓦时，增长3.1%，其中风力发电量60.2亿千瓦时，光伏发电量38.4亿千瓦时。"
    assert top(power, "去年发电最多的是哪种能源？") == "风力发电量"  # the total before 其中 is no item
    summed = "全县发电量98.6亿千瓦时，风力发电量60.2亿千瓦时，光伏发电量30.1亿千瓦时，水力发电量8.3亿千瓦时。"
    assert (
        top(summed, "发电最多的是哪种能源？") == "风力发电量"
    )  # a first item as large as the rest: their sum
    assert top("教育支出5.20亿元，工业投资6.10亿元。", "哪一项支出最多？") is None  # no one word ends them


def test_the_top_of_a_list_naming_the_noun_asked():
    sentence = "共配备救生员96名，其中金沙湾浴场41名、月亮湾浴场33名、白沙浴场22名，设置瞭望塔12座。"
    assert top(sentence, "哪个浴场的救生员最多？") == "金沙湾浴场"


def table_top(table: str, question: str) -> str | None:
    at = table.index("\n") + 1
    query = parse_query(question)
    found = row_asked(query, content_terms(query), table, at, table_header(table, at))
    return table[found[0] : found[1]] if found else None


def test_a_table_row_by_its_one_column_of_figures_or_its_fall():
    sites = "托管点 | 计划名额（人） | 主要接收学校\n东街小学 | 300 | 东街小学\n西街小学 | 410 | 西街小学\n北街小学 | 260 | 北街小学"
    assert table_top(sites, "哪个点招的人最多？") == "西街小学"
    crops = "产品名称 | 单位 | 产量 | 比上年增长（%）\n粮食 | 万吨 | 40.1 | 1.2\n花生 | 万吨 | 6.3 | -1.9\n蔬菜 | 万吨 | 80.5 | -0.4"
    assert table_top(crops, "去年哪种农产品减产最多？") == "花生"  # the largest fall, the lowest growth
    assert table_top(crops, "去年哪种农产品增长最快？") == "粮食"
    assert parse_query("哪样农产品产量比前年少了？").decline
    assert parse_query("哪样农产品产量比前年少了？").kind == "name"  # 哪样 asks which kind


NOTICE = (
    "2026年春季牲畜转场自4月1日开始，各牧户须于5月20日前将牲畜全部转入春秋牧场。今年秋季转场时间另行通告。"
)


def test_what_a_notice_leaves_to_later_or_to_someone_else_is_no_answer():
    a = answer(parse_query("今年秋季转场哪天开始？"), hits(("一、转场时间", NOTICE)))
    assert a.refused
    assert answer(parse_query("今年春季转场哪天开始？"), hits(("一、转场时间", NOTICE))).short == "4月1日"
    fees = "浴场配套淋浴每人次8元，更衣存包每次5元。遮阳伞、躺椅等租赁价格由经营单位明码标价。"
    assert answer(parse_query("浴场租把遮阳伞一天多少钱？"), hits(("四、服务收费", fees))).refused
    assert chosen(answer(parse_query("浴场洗个澡多少钱？"), hits(("四、服务收费", fees)))) == "8元"
    dates = "小学生报名时间为6月20日至6月24日。温馨提示：初中学生暑期托管安排另行通知。"
    assert answer(parse_query("初中生暑期托管什么时候报名？"), hits(("五、报名", dates))).refused
    grades = "义务教育阶段每生每年4,300元。高中阶段“三包”标准按上级统一规定执行。"
    assert answer(parse_query("高中生三包一年多少钱？"), hits(("二、经费标准", grades))).refused


def test_seasons_exclude_each_other():
    text = "春季转场共涉及牲畜44.3万头。"
    a = answer(parse_query("秋季转场涉及多少头牲畜？"), hits(("一、转场", text)))
    assert a.explain and a.explain[0]["factors"].get("counterpart", 0.0) != 0.0


@pytest.mark.parametrize(
    ("question", "units", "counted"),
    [
        ("这次要选多少名区人大代表？", ("名",), "大代表"),  # deputies are people counted with 名
        ("去年来旅游的有多少人？", ("人次", "人"), ""),  # visitors in 人 are counted in 人次 too
        ("在私家诊所打疫苗要付多少诊金？", ("元",), ""),
        ("押金要交多少？", ("元",), ""),
        ("社保要缴多少年？", ("年",), ""),
    ],
)
def test_what_a_count_or_a_fee_is_in(question, units, counted):
    query = parse_query(question)
    assert query.units == units and query.counted == counted


def span_of(question: str, clause: str) -> str | None:
    query = parse_query(question)
    found, _ = find_span(query, clause, content_terms(query))
    return clause[found[0] : found[1]] if found else None


def test_a_dollar_sum_and_an_interval_in_weeks():
    assert span_of("邮票的小型张面值多少？", "小型张以夜幕下的灯塔为设计，内含四枚邮票，面值$20。") == "$20"
    assert span_of("首日封售价多少？", "空白首日封每个售价HK$2。") == "HK$2"
    assert span_of("合同金额是多少？", "合同金额¥8,736,000.00元。") == "8,736,000.00元"  # 元 kept as before
    assert span_of("两针中间要隔多久？", "首次接种的儿童需接种两剂，两剂相隔最少4星期；") == "4星期"
    assert spans.quantities("4月20日（星期一）起发售") == []  # a weekday is no interval


def test_the_day_asked_of_a_range_that_starts_at_a_clock_time():
    clause = "网上报名：6月22日（星期一）9:00至6月28日（星期日）18:00，"
    assert span_of("从几号开始报名？", clause) == "6月22日"
    assert span_of("报名哪天截止？", clause) == "6月28日"
    assert span_of("几点开始报名？", clause) == "9:00"  # a clock time asked: the time


def test_a_clause_of_another_relative_year_is_no_answer():
    text = "去年全区送清凉活动共慰问一线户外劳动者2.6万人次。今年高温津贴标准为每人每月300元。"
    assert answer(parse_query("今年送清凉要慰问多少户外劳动者？"), hits(("三、送清凉", text))).refused
    a = answer(parse_query("去年送清凉慰问了多少户外劳动者？"), hits(("三、送清凉", text)))
    assert chosen(a) == "2.6万人次"
    # a base compared with is no year of the figure
    a = answer(
        parse_query("今年慰问了多少户外劳动者？"),
        hits(("三、送清凉", "今年共慰问户外劳动者3.1万人次，比去年增加0.5万人次。")),
    )
    assert chosen(a) == "3.1万人次"
