"""Documents that are not 政府工作报告: their title, speaker, date and source lines survive the cleaner.

Invented documents in the shapes of a news article, an announcement, an encyclopedia entry, a short
reading-comprehension article, a web page with a navigation bar, a budget report and a 繁體 policy address.
"""

import pytest

from rag.cleaning import clean_bytes
from rag.cleaning.boilerplate import judge_lines
from rag.cleaning.metadata import find_year

PARA = "这是一段足够长的正文，用来让清洗器认出正文从这里开始，其中写明了若干事实和数字，共计12项。"


def clean(text: str, name: str = "doc.txt"):
    return clean_bytes(text.encode("utf-8"), name)


def test_short_first_line_without_title_words_is_the_title():
    doc = clean(f"青石桥\n{PARA}\n")
    assert doc.meta.title == "青石桥"
    assert doc.text.splitlines()[0] == "青石桥"


def test_article_title_is_kept_and_names_its_place():
    doc = clean(f"总投资30亿元　无锡一家企业扩大产能\n{PARA}\n")
    assert doc.meta.title == "总投资30亿元 无锡一家企业扩大产能"
    assert doc.meta.city == "无锡"
    assert doc.text.startswith("总投资30亿元 无锡一家企业扩大产能\n")


def test_title_word_line_still_wins_over_a_site_name():
    doc = clean(f"某某资讯网\n\n2030年某县人民政府工作报告\n\n{PARA}\n")
    assert doc.meta.title == "2030年某县人民政府工作报告"
    assert "某某资讯网" not in doc.text


def test_announcement_title_and_document_number_are_kept():
    text = f"开封市住房保障局关于实施2031年租房补贴的公告\n汴房〔2031〕7号\n\n{PARA}\n\n2031年5月6日\n"
    doc = clean(text)
    assert doc.meta.title == "开封市住房保障局关于实施2031年租房补贴的公告"
    assert doc.meta.city == "开封"
    assert doc.meta.year == 2031  # the only year its title names
    lines = doc.text.splitlines()
    assert lines[1] == "汴房〔2031〕7号"
    assert lines[-1] == "2031年5月6日"  # the signature date is a fact, not a stray label


def test_web_page_navigation_dropped_title_and_publication_line_kept():
    text = (
        "湘潭市2031年上半年工业运行简况\n"
        "首页 | 机构概况 | 信息公开 | 办事服务 | 互动交流\n"
        "无障碍浏览　长者模式　English　　登录 | 注册\n"
        "请输入关键字　搜索\n"
        "您当前的位置：首页 > 信息公开 > 数据发布\n"
        "发布时间：2031-07-20 09:15　　来源：某某市工业局　　浏览次数：215\n"
        "\n"
        "湘潭市2031年上半年工业运行简况\n"
        f"\n{PARA}\n"
    )
    doc = clean(text)
    assert doc.meta.title == "湘潭市2031年上半年工业运行简况"
    assert (doc.meta.city, doc.meta.year, doc.meta.date) == ("湘潭", 2031, "2031-07-20")
    lines = doc.text.splitlines()
    assert lines[:2] == ["湘潭市2031年上半年工业运行简况", "发布时间：2031-07-20 09:15 来源：某某市工业局"]
    assert lines.count("湘潭市2031年上半年工业运行简况") == 1
    for chrome in ("首页", "政务", "登录", "搜索", "浏览次数", "当前的位置"):
        assert chrome not in doc.text
    reasons = {item.reason for item in doc.report.items if item.kind == "removed_line"}
    assert {"navigation", "repeat of the title"} <= reasons


def test_budget_report_speaker_with_office_and_full_width_space():
    text = (
        "关于某某市2030年预算执行情况和2031年预算草案的报告\n"
        "——2031年1月9日在某某市第九届人民代表大会第二次会议上\n"
        "某某市财政局局长　张明远\n\n各位代表：\n\n"
        f"一、2030年预算执行情况\n\n{PARA}\n"
    )
    doc = clean(text)
    assert doc.meta.speaker == "张明远"
    assert doc.meta.year == 2031
    assert "某某市财政局局长 张明远" in doc.text.splitlines()


def test_province_governor_line_is_the_speaker():
    text = (
        "某某省2031年政府工作报告\n——2031年1月20日在某某省第十五届人民代表大会第一次会议上\n"
        f"某某省省长　王立新\n\n各位代表：\n\n{PARA}\n"
    )
    doc = clean(text)
    assert doc.meta.speaker == "王立新"
    assert "某某省省长 王立新" in doc.text


def test_traditional_policy_address_year_speaker_and_date():
    text = f"澳門特別行政區二〇三一年財政年度施政報告\n行政長官　陳大文\n二〇三〇年十一月十二日於立法會\n\n{PARA}\n"
    doc = clean(text)
    assert doc.meta.title == "澳门特别行政区二〇三一年财政年度施政报告"
    assert (doc.meta.city, doc.meta.year) == ("澳门", 2031)
    assert (doc.meta.speaker, doc.meta.date) == ("陈大文", "2030-11-12")
    assert "二〇三〇年十一月十二日于立法会" in doc.text


def test_bulletin_issuers_and_date_line_are_kept():
    text = f"某某市2030年国民经济和社会发展统计公报\n某某市统计局　国家统计局某某调查队\n（2031年3月20日）\n\n{PARA}\n"
    doc = clean(text)
    assert doc.text.splitlines()[1:3] == ["某某市统计局 国家统计局某某调查队", "（2031年3月20日）"]
    assert doc.meta.year == 2030  # the title's year, not the publication date's
    assert doc.meta.date == "2031-03-20"


def test_list_items_and_part_headings_inside_the_body_are_kept():
    text = f"某某馆\n{PARA}\n主要旧址包括：\n· 东门旧址\n· 西门旧址\n第二篇　产业发展\n{PARA}\n"
    lines = clean(text).text.splitlines()
    assert "·东门旧址" in lines and "·西门旧址" in lines
    assert "第二篇产业发展" in lines


def test_site_name_is_still_dropped_when_a_real_title_follows():
    views = ["某某网", "", "2031年某某市政府工作报告", PARA]
    verdicts = judge_lines(views)
    assert [v.keep for v in verdicts] == [False, False, True, True]


def test_no_title_when_the_page_has_only_furniture_and_body():
    doc = clean(f"当前位置：首页 > 新闻\n{PARA}\n")
    assert doc.meta.title == "(无标题)"


def test_year_after_a_place_prefix_in_the_title():
    assert find_year("某某特别行政区二〇三一年政府工作报告", None) is None  # not a place: no year
    assert find_year("西安市雁塔区2031年政府工作报告", None) == 2031
    assert find_year("某某市国民经济和社会发展第十五个五年规划和二〇四〇年远景目标纲要", None) is None


def test_a_county_report_titled_only_by_its_kind_is_of_the_county_its_venue_line_names():
    doc = clean(f"政府工作报告\n——2024年1月9日在德清县第十七届人民代表大会第四次会议上\n县长　某某\n{PARA}\n")
    assert (doc.meta.city, doc.meta.year, doc.meta.doc_type) == ("德清", 2024, "政府工作报告")


def test_a_report_without_a_venue_is_of_the_place_its_text_is_about():
    body = "过去一年，临安经济稳中有进。临安工业增加值增长6%。杭州都市圈合作深化，临安新增企业120家。"
    doc = clean(f"政府工作报告\n{PARA}{body}\n")
    assert doc.meta.city == "临安"
    two = clean(f"政府工作报告\n{PARA}临安与富阳合作，临安、富阳和桐庐共建产业园，富阳新增企业。\n")
    assert two.meta.city is None  # no place stands out: none is guessed
    article = clean(f"当前位置：首页 > 新闻\n{PARA}{body}\n")  # an article of no report kind, with a title
    assert article.meta.title == "(无标题)" and article.meta.city == "临安"


def test_a_headline_right_above_the_publication_line_is_the_title_even_with_an_exclamation_mark():
    text = (
        "某某市医疗保障局\n"
        "首页 | 机构概况 | 政务公开 | 医保服务\n"
        "2031年度绵阳市居民医保集中缴费开始啦！\n"
        "发布时间：2030-09-01 09:30　　来源：某某市医疗保障局\n"
        f"{PARA}\n"
    )
    doc = clean(text)
    assert doc.meta.title == "2031年度绵阳市居民医保集中缴费开始啦！"
    assert doc.meta.city == "绵阳"


def test_one_place_written_two_ways_is_counted_once():
    from rag.places import dominant_place

    text = "绵阳市医保局。绵阳今年参保。四川省部署。绵阳市各县。四川医保。绵阳缴费。"
    place = dominant_place(text)  # 绵阳市 2 + 绵阳 2 = 4 against 四川 2
    assert place is not None and place.short == "绵阳"


def test_a_bar_of_quick_links_is_navigation_not_the_title():
    # 「检验报告查询」 holds 报告, a title word; the spaces between short words make it a bar of links
    text = f"某某大学第一医院\n预约挂号　门诊时间　住院须知　检验报告查询　来院路线\n医院简介\n{PARA}\n"
    doc = clean(text)
    assert doc.meta.title == "某某大学第一医院"
    assert "门诊时间" not in doc.text
    assert any(i.reason == "navigation" and "门诊时间" in i.before for i in doc.report.items)


def test_a_title_that_names_no_one_takes_its_company_line():
    text = f"公司代码：600000　公司简称：某某客车\n某某客车股份有限公司\n2030年年度报告摘要\n{PARA}\n"
    assert clean(text).meta.title == "某某客车股份有限公司2030年年度报告摘要"
    # a title that names its place needs no company line
    text = f"某某旅游集团\n2030年黄山市旅游发展报告\n{PARA}\n"
    assert clean(text).meta.title == "2030年黄山市旅游发展报告"


def test_names_set_apart_by_spaces_inside_the_body_are_kept():
    doc = clean(
        f"某某县2030年政府工作报告\n{PARA}\n主席团成员：\n张三丰　李四海　王五洲　赵六合　钱七星　孙八达\n{PARA}\n"
    )
    assert "张三丰" in doc.text


def test_a_pages_headline_is_its_title_not_the_site_name_above_it():
    text = (
        "某某市场监督管理局　产品安全中心\n首页 > 召回信息 > 汽车召回公告\n\n"
        "某某汽车召回近6万辆越野车\n发布日期：2031-07-30　　来源：某某市场监督管理局\n\n" + PARA + "\n"
    )
    doc = clean(text)
    assert doc.meta.title == "某某汽车召回近6万辆越野车"
    assert doc.meta.city is None  # 「某某市场…」 names no city 某某
    # a field line above the publication line is no headline
    doc = clean(
        f"某县道路提升改造工程施工招标公告\n\n项目编号：LS-2031-0417\n发布日期：2031年4月7日\n\n{PARA}\n"
    )
    assert doc.meta.title == "某县道路提升改造工程施工招标公告"


def test_a_district_named_after_its_prefecture_in_the_venue_line_is_the_district():
    text = f"政府工作报告\n——2031年1月10日在十堰市张湾区第五届人民代表大会第五次会议上\n\n{PARA}\n"
    assert clean(text).meta.city == "张湾"


def _page(title: str, body: str) -> bytes:
    return (
        f"<html><head><title>{title}</title></head><body>"
        "<div class='nav'><a href='/'>首页</a> <a href='/tz/'>通知公告</a></div>"
        f"<div class='article'><p>{PARA}</p>{body}<p>{PARA}</p></div></body></html>"
    ).encode()


def test_a_web_pages_title_with_a_chinese_dash_in_quotes_is_kept_whole_and_takes_the_sites_place():
    page = _page(
        "“吉金曾辉——曾国青铜文明特展”开展公告-随州博物馆",
        "<p>一、展览时间：2025年9月26日至2026年3月8日。</p><p>二、展览地点：本馆一层3号临展厅。</p>",
    )
    doc = clean_bytes(page, "page.html")
    assert doc.meta.title == "随州博物馆“吉金曾辉——曾国青铜文明特展”开展公告"
    assert doc.meta.city == "随州"


def test_a_web_pages_title_naming_no_place_takes_the_publishing_sites():
    page = _page(
        "关于拟确定7家景区为国家4A级旅游景区的公示_通知公告_黑龙江省文化和旅游厅",
        "<p>公示时间为5个工作日。</p>",
    )
    doc = clean_bytes(page, "notice.html")
    assert doc.meta.title == "黑龙江省文化和旅游厅关于拟确定7家景区为国家4A级旅游景区的公示"
    assert doc.meta.city == "黑龙江"
    # a title that names its place keeps it alone; a site that names none adds nothing
    named = clean_bytes(_page("霍山县2025年采购结果公告_霍山县公共资源交易中心", ""), "a.html")
    assert named.meta.title == "霍山县2025年采购结果公告"
    plain = clean_bytes(_page("关于开展读书月活动的通知_通知公告_阳光读书会", ""), "b.html")
    assert plain.meta.title == "关于开展读书月活动的通知" and plain.meta.city is None


def test_a_title_naming_no_place_takes_the_place_of_the_body_that_issued_it():
    text = (
        "延安市人民政府新闻办公室\n2025年前三季度全市经济运行情况新闻发布会实录\n\n"
        f"时间：2025年10月24日上午10:00\n\n{PARA}\n"
    )
    doc = clean(text)
    assert doc.meta.title == "2025年前三季度全市经济运行情况新闻发布会实录" and doc.meta.city == "延安"
    assert clean(f"2025年前三季度全市经济运行情况新闻发布会实录\n\n{PARA}\n").meta.city is None


def test_a_pages_trail_is_no_title_but_its_site_names_the_place():
    text = (
        "芜湖市公安局交通警察支队 > 警务公开 > 通知通报\n\n关于2025年春节假期全市道路交通安全情况的通报\n"
        f"芜公交〔2025〕12号\n发布时间：2025-02-06　　来源：支队宣传科\n\n{PARA}\n"
    )
    doc = clean(text)
    assert doc.meta.title == "关于2025年春节假期全市道路交通安全情况的通报" and doc.meta.city == "芜湖"


def test_a_page_info_line_naming_a_planning_bureau_is_no_title():
    text = (
        "芜湖市公共资源交易网\n首页 >> 交易信息 >> 出让公告\n\n芜湖市国有建设用地使用权挂牌出让公告\n"
        f"芜自然资规告〔2025〕3号\n信息来源：芜湖市自然资源和规划局　　发布时间：2025-11-10\n\n{PARA}\n"
    )
    assert clean(text).meta.title == "芜湖市国有建设用地使用权挂牌出让公告"


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("芜湖市镜湖区人民政府2024年政府信息公开工作年度报告", 2024),  # the year after its maker's name
        ("芜湖某某股份有限公司2024年年度报告", 2024),
    ],
)
def test_a_title_year_after_the_makers_name_is_the_reports(title, year):
    assert find_year(title, "2025-01-20") == year


def test_a_schools_name_above_the_title_names_the_place():
    text = f"安徽省芜湖市第一中学\n学校概况 > 校史沿革\n\n校史沿革\n发布时间：2025-09-01\n\n{PARA}\n"
    assert clean(text).meta.city == "芜湖"


def test_a_notice_is_of_the_place_of_the_body_that_signs_it():
    # the issuer's line above the title and the signature above the closing date are set aside as furniture;
    # they still say whose notice it is (no place in the title, and 「我市」 in the text)
    text = (
        "衡水市防汛抗旱指挥部\n关于启动防汛Ⅳ级应急响应的通知\n\n"
        f"6月19日以来，我市出现持续性强降雨过程。{PARA}\n\n衡水市防汛抗旱指挥部\n2030年6月22日\n"
    )
    assert clean(text).meta.city == "衡水"
    signed = f"关于启动防汛Ⅳ级应急响应的通知\n\n6月19日以来，我市出现持续性强降雨过程。{PARA}\n\n衡水市防汛抗旱指挥部\n2030年6月22日\n"
    assert clean(signed).meta.city == "衡水"
    # the page's furniture after the signature (print and close links, the previous and next notices)
    longer = signed.replace(PARA, f"{PARA}\n" * 6)
    furnished = (
        f"首页 > 通知公告\n{longer}\n【打印本页】【关闭窗口】\n上一篇：关于做好汛期安全工作的提示\n"
        "下一篇：关于解除防汛应急响应的通知\n"
    )
    assert clean(furnished).meta.city == "衡水"


def test_a_members_report_is_of_the_place_of_its_political_consultative_conference():
    text = f"张某委员2030年度履职报告\n\n政协临汾市尧都区第五届委员会委员\n某某医院主任　张某\n\n{PARA}\n"
    assert clean(text).meta.city == "尧都"


def test_a_citys_own_counties_do_not_compete_with_it():
    from rag.places import dominant_place

    # 益阳 4 times, its counties 安化县 3 and 桃江县 3: still the city's text
    text = "益阳市防指通知。益阳站水位上涨。安化县降雨。桃江县降雨。安化县转移。桃江县转移。安化县巡查。桃江县巡查。不得离开益阳。益阳市区积水。"
    place = dominant_place(text)
    assert place is not None and place.short == "益阳"
    assert dominant_place("益阳通知。益阳。益阳。株洲。株洲。") is None  # another city is a rival
