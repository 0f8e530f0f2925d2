"""One table per kind of noise, with real snippets from the five sample reports."""

import pytest

from rag.cleaning.boilerplate import chrome_reason, judge_lines
from rag.cleaning.metadata import chinese_number, clean_title, find_date
from rag.cleaning.normalize import collapse_spaces, to_simplified, unify_punctuation
from rag.cleaning.pinyin import strip_pinyin


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (
            "久草日韩欧美视频免费播放|A级黄色免费超碰avv|日本色情免费观看网站|在线无码人妻黄色三级片香蕉",
            "SEO spam",
        ),
        ("j9.com(中国区)官方网站 - j9股份有限公司跨境服务平台", "site address or promo"),
        ("更多数据尽在数据皮皮侠（http://www.ppmandata.cn/trade/list）", "site address or promo"),
        ("当前位置: 首页 > 信息中心", "navigation"),
        ("News Center", "navigation"),
        ("更新时间:2026-01-22点击次数:", "page metadata"),
        ("来源：苏州日报发布日期：2021-02-0202:16访问量：1156", "page metadata"),
        ("中共苏州市委关于制定苏州市国民经济和社会发展第十五个五年规划的建议(图1)", "image caption"),
        ("扫一扫,添加微信", "share/QR line"),
        ("微信扫码分享", "share/QR line"),
        ("热线电话:", "contact line"),
        (
            "Copyright © 2025 j9股份有限公司 版权所有\xa0\xa0网站备案号:鲁ICP备17048176号-1",
            "copyright/ICP line",
        ),
        ("admin 分享 时间: 加入收藏 共计20066个字,预计阅读时长67分钟。", "share/QR line"),
        (
            "更多资料请联系群主QQ215425891,网站www.sucai198.com每日更新海量写作素材,避免熬夜加班!",
            "site address or promo",
        ),
        ("【责任编辑:欧阳雪】", "editor credit"),
    ],
)
def test_chrome_lines_are_recognised(line, reason):
    assert chrome_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "各位代表：",
        "2024年工作安排",
        "一、更大力度强化统筹协调，开创经济发展新局面",
        "完成工业投资308亿元，增长10%以上，扫码支付等新业态加快发展，二维码应用覆盖全市菜场，"
        "智慧停车、智慧养老、智慧医疗等应用场景不断丰富，数字政府建设走在全省前列。",
    ],
)
def test_report_lines_are_not_chrome(line):
    assert chrome_reason(line) is None


def test_body_boundaries_inline_ads_and_appended_articles():
    views = [
        "公益中国",  # site name before the report
        "2021苏州市人民政府工作报告",
        "一、“十三五”时期和2020年工作回顾",
        "“十三五”时期，我们在中共苏州市委的正确领导下，坚持以习近平新时代中国特色社会主义思想为指导。",
        "j9跨境创业",  # inline ad inside the body
        "各位代表！凝心聚力再出发，奋楫扬帆启新程。让我们以优异成绩庆祝中国共产党建党100周年！",
        "K643次列车两度紧急求助 云梦站“托举接力”护佑新生命",  # an unrelated article appended
        "列车长匆匆跑下车，向站台上的客运员胡琦大声疾呼：“车上有孕妇要生了！”",
    ]
    kept = [v for v, verdict in zip(views, judge_lines(views), strict=True) if verdict.keep]
    assert kept == views[1:4] + views[5:6]


def test_a_signature_line_inside_the_text_is_kept_a_stray_label_is_not():
    from rag.cleaning.pipeline import _view

    body = "本院认为，原告与被告签订的买卖合同系双方真实意思表示，合法有效，双方均应按约履行。"
    lines = [
        body,
        "审判员　彭立新",
        "董事長　許振榮",
        "书记员 周晓敏",
        "热门推荐",
        "首页　新闻",
        "联系电话　12345",
    ]
    views = [_view(line) for line in lines]
    kept = [line for line, verdict in zip(lines, judge_lines(views, lines), strict=True) if verdict.keep]
    assert kept == lines[:4]


def test_closing_words_mid_report_do_not_cut_the_plan():
    views = [
        "各位代表：",
        "各位代表！过去一年的成绩来之不易，这是全市人民团结奋斗的结果，在此，我代表市人民政府表示感谢！",
        "2024年工作安排",
        "一、更大力度强化统筹协调，开创经济发展新局面",
    ]
    assert all(v.keep for v in judge_lines(views))


@pytest.mark.parametrize(
    ("raw", "clean", "removed"),
    [
        ("發(fā)展戰(zhàn)略", "發展戰略", 2),
        ("(社區(qū))", "(社區)", 1),
        ("(市、區(qū))", "(市、區)", 1),
        (
            "常熟(巴基斯坦)和(套)和(CBA)和(OPC)和(2021—2035年)",
            "常熟(巴基斯坦)和(套)和(CBA)和(OPC)和(2021—2035年)",
            0,
        ),
        ("昆山之链(恋)慢行环线", "昆山之链(恋)慢行环线", 0),
        ("監O(jiān)管", "監O管", 1),  # after a mojibake resync letter
    ],
)
def test_pinyin_annotations_are_stripped_and_real_brackets_survive(raw, clean, removed):
    assert strip_pinyin(raw) == (clean, removed)


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("蘇州市人民政府工作報告", "苏州市人民政府工作报告"),
        ("著力推進", "着力推进"),  # phrase fix on top of OpenCC
        ("崑山", "昆山"),
    ],
)
def test_traditional_to_simplified(traditional, simplified):
    assert to_simplified(traditional) == simplified


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("地区生产总值增长5%以上,一般公共预算收入增长5%", "地区生产总值增长5%以上，一般公共预算收入增长5%"),
        ('发挥"鹿路通"便民服务总入口作用,打造"昆山之链"', "发挥“鹿路通”便民服务总入口作用，打造“昆山之链”"),
        ("筑牢人民防线.推进法治苏州建设", "筑牢人民防线。推进法治苏州建设"),
        ("研发经费支出占GDP比重提升至4.15%左右", "研发经费支出占GDP比重提升至4.15%左右"),
        ("发布日期：2021-02-02 02:16", "发布日期：2021-02-02 02:16"),
    ],
)
def test_punctuation_is_unified(raw, clean):
    assert unify_punctuation(raw) == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("对个人并处２００元以上３０００元以下罚款", "对个人并处200元以上3000元以下罚款"),
        ("２０２６年２月１日至５月３１日为高火险期", "2026年2月1日至5月31日为高火险期"),
        ("受理举报电话：０８５１－３３２２３８０", "受理举报电话：0851-3322380"),
        ("发布时间：２０２５－１２－０５ １７：３０", "发布时间：2025-12-05 17:30"),
        ("增长３．５％，ＧＤＰ", "增长3.5%，GDP"),
        (
            "完成目标－任务：其一／其二",
            "完成目标－任务：其一／其二",
        ),  # between words they stay Chinese punctuation
    ],
)
def test_full_width_figures_read_as_ascii(raw, clean):
    from rag.cleaning.normalize import normalize_line

    assert normalize_line(raw) == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("政 府 工 作 报 告", "政府工作报告"),
        ("市长 秦 猛", "市长秦猛"),
        ("  （一）坚持", "（一）坚持"),
        ("a  b", "a b"),
    ],
)
def test_spaces_inside_chinese_are_removed(raw, clean):
    assert collapse_spaces(raw) == clean


@pytest.mark.parametrize(
    ("lines", "date"),
    [
        (["──2024年1月8日在市十六届人大三次会议上"], "2024-01-08"),
        (["（二〇二五年十二月十七日中国共产党苏州市第十三届委员会第十一次全体会议通过）"], "2025-12-17"),
        (["政府工作报告——2021年1月19日在苏州市十六届人大五次会议上"], "2021-01-19"),
        (["2022年昆山市政府工作报告"], None),
    ],
)
def test_dates_in_the_title_block(lines, date):
    assert find_date(lines) == date


@pytest.mark.parametrize(
    ("text", "value"), [("二〇二五", 2025), ("十二", 12), ("十七", 17), ("八", 8), ("2024", 2024)]
)
def test_chinese_numbers(text, value):
    assert chinese_number(text) == value


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("【发展战略】2021苏州市人民政府工作报告", "2021苏州市人民政府工作报告"),
        ("2022年昆山市政府工作报告（第2/2页）", "2022年昆山市政府工作报告"),
        ("（江苏省）2024年常熟市人民政府工作报告", "2024年常熟市人民政府工作报告"),
        ("政府工作报告——2021年1月19日在苏州市十六届人大五次会议上", "政府工作报告"),
    ],
)
def test_title_decorations(line, title):
    assert clean_title(line) == title
