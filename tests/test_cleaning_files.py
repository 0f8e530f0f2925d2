"""The cleaner on the five real sample reports, and on bad input."""

import difflib
import json
import re
import unicodedata

import pytest

from rag import CleaningError
from rag.cleaning import clean_bytes, clean_file, find_duplicates
from rag.cleaning.normalize import to_simplified
from tests.conftest import FIXTURES, sample

PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)")
CHROME = re.compile(
    r"j9|www\.|http|ICP|版权所有|扫一扫|扫码|二维码|当前位置|点击次数|访问量|责任编辑|QQ|皮皮侠|公益中国|News Center"
)

META = {
    "000": ("2021苏州市人民政府工作报告", "苏州", 2021, "政府工作报告", None, None),
    "001": ("2024年常熟市人民政府工作报告", "常熟", 2024, "政府工作报告", "2024-01-08", "秦猛"),
    "002": (
        "中共苏州市委关于制定苏州市国民经济和社会发展第十五个五年规划的建议",
        "苏州",
        2025,
        "五年规划建议",
        "2025-12-17",
        None,
    ),
    "003": ("政府工作报告", "苏州", 2021, "政府工作报告", "2021-01-19", "李亚平"),
    "004": ("2022年昆山市政府工作报告", "昆山", 2022, "政府工作报告", None, None),
}


@pytest.mark.parametrize("prefix", sorted(META))
def test_metadata_as_in_the_noise_catalogue(clean_docs, prefix):
    m = clean_docs[prefix].meta
    assert (m.title, m.city, m.year, m.doc_type, m.date, m.speaker) == META[prefix]
    assert m.source_file == sample(prefix).name


@pytest.mark.parametrize("prefix", sorted(META))
def test_no_noise_left(clean_docs, prefix):
    text = clean_docs[prefix].text
    assert not PINYIN.search(text)
    assert "?" not in text and "？" not in text  # the reports ask no questions; every ? was mojibake
    assert not any(0xE000 <= ord(ch) <= 0xF8FF for ch in text)
    assert not CHROME.search(text), CHROME.search(text)
    assert "\n\n" not in text and "  " not in text


def test_legitimate_brackets_survive(clean_docs):
    spans = json.loads((FIXTURES / "legit_parens.json").read_text(encoding="utf-8"))
    for prefix, found in spans.items():
        text = unicodedata.normalize("NFKC", clean_docs[prefix].text)
        for span in found:
            if span["in_body"]:
                assert unicodedata.normalize("NFKC", to_simplified(span["clean"])) in text, (prefix, span)


def test_the_traditional_2021_report_equals_the_simplified_one(clean_docs):
    a, b = clean_docs["000"].text, clean_docs["003"].text
    start = "一、“十三五”时期和2020年工作回顾"
    ratio = difflib.SequenceMatcher(None, a[a.index(start) :], b[b.index(start) :], autojunk=False).ratio()
    print(f"000 vs 003 character similarity: {ratio:.5f}")
    assert ratio >= 0.998


def test_appended_articles_are_cut(clean_docs):
    assert clean_docs["000"].text.endswith("以优异成绩庆祝中国共产党建党100周年！")
    assert "K643" not in clean_docs["000"].text
    assert clean_docs["004"].text.endswith("以实际行动迎接党的二十大胜利召开！")


def test_the_truncated_report_keeps_its_plan(clean_docs):
    text = clean_docs["001"].text
    assert "2024年工作安排" in text and "完成工业投资308亿元" in text


def test_only_the_true_duplicate_pair_is_flagged(clean_docs):
    dups = find_duplicates(list(clean_docs.values()))
    assert dups == {clean_docs["000"].doc_id: clean_docs["003"].doc_id}


def test_headings_give_section_paths(clean_docs):
    from rag.cleaning.headings import section_path

    doc = clean_docs["001"]
    at = doc.text.index("完成工业投资308亿元")
    path = section_path(doc.headings, at)
    assert path.startswith("2024年工作安排 > 一、更大力度强化统筹协调")
    assert path.endswith("1.推动有效投入量质齐升")


def test_cleaning_report_audits_what_was_done(clean_docs):
    report = clean_docs["002"].report
    removed = [i for i in report.items if i.kind == "removed_line"]
    assert {i.line for i in removed} >= {1, 7, 11, 15, 57, 147, 203, 208}
    assert all(i.reason for i in removed)
    assert clean_docs["000"].report.counts["pinyin"] > 2000
    assert clean_docs["000"].report.counts["mojibake"] >= 15


# ---------------------------------------------------------------- bad input
def test_empty_file_is_a_clear_error():
    with pytest.raises(CleaningError, match="empty"):
        clean_bytes(b"  \n\n", "empty.txt")


def test_binary_file_is_a_clear_error():
    with pytest.raises(CleaningError, match="binary"):
        clean_bytes(bytes(range(256)) * 50, "image.txt")


def test_unsupported_format_is_named():
    with pytest.raises(CleaningError, match=r"image\.png: unsupported format: \.png"):
        clean_bytes(bytes(range(256)) * 50, "image.png")


def test_gbk_copy_of_a_report_cleans_like_the_utf8_one(clean_docs):
    raw = sample("003").read_text(encoding="utf-8").encode("gbk", errors="replace")
    doc = clean_bytes(raw, "copy-gbk.txt")
    assert doc.report.encoding in {"gb18030", "gbk", "gb2312"}
    assert doc.text == clean_docs["003"].text


def test_utf16_file_is_decoded(clean_docs):
    raw = sample("004").read_text(encoding="utf-8").encode("utf-16")
    assert clean_bytes(raw, "utf16.txt").text == clean_docs["004"].text
    raw_le = sample("004").read_text(encoding="utf-8").encode("utf-16-le")
    assert clean_bytes(raw_le, "utf16le.txt").text == clean_docs["004"].text


def test_a_50_mb_file_is_refused_by_size(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    with pytest.raises(CleaningError, match="larger than"):
        clean_file(big, max_bytes=20 * 1024 * 1024)


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CleaningError, match="cannot read"):
        clean_file(tmp_path / "nope.txt", max_bytes=10**6)


def test_page_without_report_text_is_a_clear_error():
    with pytest.raises(CleaningError, match="no report text"):
        clean_bytes("扫一扫,添加微信\n热线电话:\n".encode(), "chrome.txt")


WRAPPED_REPORT = """关于某县2025年预算执行情况和2026年预算草案的报告
——2026年1月10日在某县第五届人民代表大会第六次会议上
各位代表：
一、2025年预算执行情况
全县一般公共预算收入完成15.36亿元，为调整预算的101.8%，比上年增
长4.2%。其中：税收收入10.72亿元，增长2.9%，占一般公共预算收入的
68.1%；非税收入4.64亿元，增长7.1%。全县一般公共预算支出完成39.8
亿元，增长3.1%，其中民生支出31.9亿元，占一般公共预算支出的80.2%。
- 2 -
某县2025年预算执行情况和2026年预算草案的报告
全县政府性基金预算收入完成6.18亿元，下降12.6%，主要是国有土地使用
权出让收入减少；全县政府性基金预算支出完成9.64亿元，下降8.3%。
二、2026年预算草案
全县一般公共预算收入预期15.85亿元，比上年增长4.0%；全县一般公共预
算支出安排40.53亿元，增长1.7%。严格落实债务化解方案，牢牢守住不发
- 3 -
某县2025年预算执行情况和2026年预算草案的报告
生系统性风险的底线。
"""


def test_a_report_copied_out_of_a_pdf_is_joined_back_into_sentences():
    doc = clean_bytes(WRAPPED_REPORT.encode(), "budget_pdf.txt")
    assert "比上年增长4.2%。其中" in doc.text and "占一般公共预算收入的68.1%" in doc.text
    assert "不发生系统性风险的底线。" in doc.text  # across a page break and its running header
    assert doc.text.count("预算草案的报告") == 1  # the title stays, the running header goes
    assert [h.title for h in doc.headings] == ["一、2025年预算执行情况", "二、2026年预算草案"]
    assert any(item.kind == "rejoined_lines" for item in doc.report.items)


def test_one_paragraph_per_line_is_not_joined():
    text = WRAPPED_REPORT.replace("\n", "").replace("- 2 -", "").replace("- 3 -", "")
    lines = [line + "。" for line in text.split("。") if line]
    doc = clean_bytes("\n".join(lines).encode(), "report.txt")
    assert not any(item.kind == "rejoined_lines" for item in doc.report.items)
