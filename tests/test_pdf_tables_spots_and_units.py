"""Causes of qa_blind74/75's misses, on invented text: a budget copied out of a PDF keeps a line its page width cut
in the middle of a figure (「债务限额7」 / 「1.30亿元以内」), its tables copied out one cell per line come back as
rows, and the running header between its pages is no part of a sentence; a spot the tagger knows (「雁荡山夜游项目」)
opens a clause about a part, not the whole place; a when asked of a table's row is under its 日期 column, not under
the count the question's words name; 幢 is a unit; 鸡蛋 and 「自己改」 find a bulletin's 禽蛋 and a notice's 自行改造."""

from rag.answer import answer
from rag.answer.subjects import part_named
from rag.cleaning import clean_bytes
from rag.query import parse_query
from rag.types import DocMeta
from tests.test_answering import chosen, hits

WIDTH = 30  # the page width the PDF's lines were cut at


def _page(text: str) -> str:
    return "\n".join(text[i : i + WIDTH] for i in range(0, len(text), WIDTH))


BUDGET = (
    "关于某县2025年预算执行情况与2026年预算草案的报告\n"
    "——2026年1月12日在某县第九届人民代表大会第三次会议上\n"
    "县财政局局长 某某\n"
    "一、2025年预算执行情况\n"
    + _page(
        "全县一般公共预算收入完成12.60亿元，为预算的100.4%，比上年增长3.1%。全县税收收入完成8.26亿元，增长12%。"
        "全县一般公共预算支出完成30.15亿元，"
        "增长2.4%，其中民生支出24.07亿元，占一般公共预算支出的79.8%。全县政府性基金预算收入完成4.27亿元，为预"
        "算的93.4%，下"
    )
    + "\n\n— 1 —\n\n某县第九届人民代表大会第三次会议文件\n\n"
    + _page(
        "降6.8%，其中国有土地使用权出让收入3.86亿元。截至2025年末，全县政府债务余额58.42亿元，控制在省核定的"
    )
    + "\n债务限额6\n"
    + _page(
        "3.30亿元以内，其中一般债务22.06亿元，专项债务36.36亿元。全县社会保险基金预算收入完成6.72亿元，支出6.15亿元。"
    )
    + "\n二、2026年预算草案\n主要支出项目见下表（单位：万元）：\n"
    "项目\n2026年预算数\n比上年执行数增长%\n一般公共服务支出\n18460\n-2.1\n教育支出\n53850\n2.8\n"
    "\n— 2 —\n\n某县第九届人民代表大会第三次会议文件\n\n"
    "卫生健康支出\n21270\n1.9\n农林水支出\n44380\n-5.9\n"
    + _page("全县一般公共预算收入预计13.05亿元，比上年增长3.6%；一般公共预算支出安排31.20亿元，增长3.5%。")
    + "\n"
)


def test_a_figure_cut_by_the_page_width_is_kept_whole():
    doc = clean_bytes(BUDGET.encode(), "budget_pdf.txt")
    assert "债务限额63.30亿元以内" in doc.text
    assert not any(item.before == "债务限额6" for item in doc.report.items)


def test_a_table_copied_out_one_cell_per_line_comes_back_as_rows():
    doc = clean_bytes(BUDGET.encode(), "budget_pdf.txt")
    lines = doc.text.split("\n")
    assert "项目 | 2026年预算数 | 比上年执行数增长%" in lines
    assert "教育支出 | 53850 | 2.8" in lines
    assert "卫生健康支出 | 21270 | 1.9" in lines  # a page's number and running header between its cells
    assert "农林水支出 | 44380 | -5.9" in lines
    assert not any(item.before in ("53850", "卫生健康支出") for item in doc.report.items)


def test_a_running_header_is_no_part_of_the_sentence_a_page_break_cut():
    doc = clean_bytes(BUDGET.encode(), "budget_pdf.txt")
    assert "为预算的93.4%，下降6.8%" in doc.text
    assert "会议文件" not in doc.text.split("\n", 3)[3]


def test_short_lines_that_are_no_table_stay_as_they_are():
    text = (
        "关于开展消防安全检查的通知\n各村、各单位：\n为切实做好今年的消防安全工作，防范和遏制火灾事故发生，"
        "镇政府决定在全镇范围内开展消防安全检查，现将有关事项通知如下。\n"
        "检查时间\n5月\n检查地点\n镇政府\n联系人\n王某\n请各单位高度重视，认真组织开展自查，及时整改发现的隐患。\n"
    )
    doc = clean_bytes(text.encode(), "notice.txt")
    assert " | " not in doc.text


REPORT = DocMeta("2026年某区政府工作报告", "某区", 2026, "政府工作报告", None, None, "r.txt")
NOTICE = DocMeta("关于开展城区行道树修剪的通告", "某区", 2026, "其他", None, None, "n.txt")
TOURISM = (
    "一、2025年工作回顾",
    "全区全年接待游客3120万人次、实现旅游综合收入266.4亿元，雁荡山夜游项目开放首年接待游客52万人次。",
)


def test_a_spot_the_tagger_knows_opens_a_part_not_the_whole_place():
    spot = "雁荡山夜游项目开放首年接待游客"
    assert part_named("某区去年一共来了多少游客？", "某区", spot)
    assert not part_named("雁荡山夜游去年来了多少游客？", "某区", spot)
    assert not part_named("某区新增多少个就业岗位？", "某区", "城镇新增就业")  # 城镇: an everyday word
    # the subject the question asks, where it lies; and a spot in the clause before, which names another subject
    assert not part_named("某区的酒业集群去年营收多少？", "某区", "杏花村经济技术开发区酒业集群实现营业收入")
    assert not part_named(
        "某区新增轨道交通里程多少？", "某区", "新增轨道交通运营里程", "中环快速路全线贯通，"
    )
    a = answer(parse_query("某区去年一共来了多少游客？"), hits(TOURISM, meta=REPORT))
    assert chosen(a) == "3120万人次"


def test_a_when_asked_of_a_row_is_under_its_date_column():
    table = (
        "道路名称 | 作业范围 | 行道树数量 | 作业日期\n"
        "东风路 | 全线 | 512株 | 4月8日—4月9日\n"
        "胜利街 | 全线 | 248株 | 4月10日\n"
        "滨江路 | 沿江路段 | 306株 | 4月13日"
    )
    a = answer(
        parse_query("胜利街哪天修剪行道树？"),
        hits(
            ("一、作业范围和时间", "作业日期为2026年4月8日至4月13日（逢周日暂停）。"),
            ("一、作业范围和时间", table),
            meta=NOTICE,
        ),
    )
    assert chosen(a) == "4月10日"


def test_buildings_are_counted_in_zhuang_and_everyday_words_find_the_official_ones():
    assert parse_query("今年要验多少幢楼？").units == ("幢",)
    assert "禽蛋" in parse_query("某县去年产了多少鸡蛋？").search_text
    assert "自行" in parse_query("自己改招牌补多少钱？").search_text
    assert "自行" not in parse_query("招牌是自己的吗？").search_text


INFOGRAPHIC = """一图读懂｜某镇犬只管理通告
某镇人民政府
2026年4月
════════
▍一　什么时候遛狗？
✔ 允许时段：每日6:00至8:00、19:00至22:00
自２０２６年６月１日起施行
▍二　牵引绳多长？
牵引绳长度不超过１.５米
▍三　违规怎么罚？
· 未拴绳的：处200元以上500元以下罚款
拨打镇综合执法举报电话：
０２２－２８６０００００
════════
来源：某镇综合行政执法队
"""


def test_a_notice_set_out_in_short_lines_keeps_its_facts():
    doc = clean_bytes(INFOGRAPHIC.encode(), "notice.txt")  # no line opens a body: it starts after the head
    assert "牵引绳长度不超过1.5米" in doc.text  # a figure with its unit
    assert "自2026年6月1日起施行" in doc.text  # a day
    assert "022-28600000" in doc.text  # the value of the label above it
    assert "处200元以上500元以下罚款" in doc.text


def test_a_sentence_of_a_notice_that_gives_an_address_is_kept():
    text = (
        "关于2025年度体育彩票公益金使用情况的公告\n"
        "根据有关规定，现将市本级2025年度体育彩票公益金使用情况公告如下：全年实际支出体育彩票公益金1126万元。\n"
        "欢迎社会各界进行监督。监督电话：0825-2217000；电子邮箱：tyj_gyj@163.com。\n"
        "某市体育局\n2026年3月1日\n\n\n\n\n"
        "主办：某市人民政府办公室　网站地址：www.example.gov.cn\n"
    )
    doc = clean_bytes(text.encode(), "notice.txt")
    assert "监督电话：0825-2217000；电子邮箱：tyj_gyj@163.com。" in doc.text
    assert "www.example.gov.cn" not in doc.text  # the page's footer


def test_where_to_apply_is_the_office_an_application_is_handed_to():
    a = answer(
        parse_query("租赁补贴去哪儿交申请？"),
        hits(
            (
                "三、申请程序",
                "（一）申请。符合条件的家庭，由申请人持相关材料向户籍所在地街道办事处或社区服务窗口提出申请，"
                "填写《租赁补贴申请表》。",
            ),
            meta=NOTICE,
        ),
    )
    assert chosen(a) == "户籍所在地街道办事处或社区服务窗口"
