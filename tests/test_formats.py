"""Web pages, PDFs and Word files made from the sample report 001 clean like its text file; tables stay rows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rag import CleaningError
from rag.cleaning import clean_bytes
from rag.cleaning.boilerplate import judge_lines
from rag.ingest import expand_paths
from rag.readers import extract
from rag.readers.layout import join_broken, pages_to_text, strip_furniture
from tests.format_fixtures import (
    EXPECTED,
    FORMATS,
    PUBLISHED,
    TABLE,
    TABLE_CAPTION,
    html_page,
    pdf_lines,
    report_lines,
    write_docx,
)

PDF = FORMATS / "changshu_2024.pdf"
ROWS = [" | ".join(row) for row in TABLE]


def _sentences(lines: list[str]) -> list[str]:
    return [s for line in lines for s in re.split(r"(?<=[。；！？])", line) if len(s) > 8]


ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("formats")
    docx = write_docx(folder / "changshu.docx")
    return {
        "html": clean_bytes(html_page().encode("utf-8"), "changshu.html"),
        "pdf": clean_bytes(PDF.read_bytes(), PDF.name),
        "docx": clean_bytes(docx.read_bytes(), docx.name),
    }


@pytest.mark.parametrize("kind", ["html", "pdf", "docx"])
def test_every_format_gives_the_reports_metadata_and_text(docs, kind):
    doc = docs[kind]
    meta = doc.meta
    assert (meta.title, meta.city, meta.year, meta.doc_type) == (
        "2024年常熟市人民政府工作报告",
        "常熟",
        2024,
        "政府工作报告",
    )
    assert (meta.date, meta.speaker) == ("2024-01-08", "秦猛")
    assert doc.report.encoding == kind
    assert any(
        EXPECTED in line and line.startswith("1.推动有效投入量质齐升") for line in doc.text.split("\n")
    )
    source = pdf_lines() if kind == "pdf" else report_lines()
    missing = [s for s in _sentences(source[4:]) if s not in doc.text]
    assert not missing, missing[:3]  # every sentence whole: lines broken by the page width are rejoined
    assert any(h.title.startswith("2024年工作安排") for h in doc.headings)


@pytest.mark.parametrize("kind", ["html", "pdf", "docx"])
def test_a_table_stays_one_line_per_row_with_its_caption(docs, kind):
    lines = docs[kind].text.split("\n")
    at = lines.index(ROWS[0])
    assert lines[at : at + len(ROWS)] == ROWS
    assert lines[at - 1] == TABLE_CAPTION


def test_web_page_chrome_goes(docs):
    text = docs["html"].text
    for chrome in (
        "当前位置",
        "首页",
        "政务服务",
        "版权所有",
        "ICP",
        "浏览次数",
        "相关文章",
        "安全生产工作会议",
        "_hmt",
    ):
        assert chrome not in text, chrome


def test_a_list_inside_the_article_is_text():
    # a saved notice's contacts in a <ul>: what a user asks for (「鹿邑县供电服务中心的电话」), not furniture
    page = (
        ROOT / "eval" / "blind21_docs" / "zhoukou_gongdian_2026nian_3yue_xiaxun_jihua_tingdian_gonggao.html"
    )
    text = clean_bytes(page.read_bytes(), page.name).text
    assert "鹿邑县供电服务中心：0394-7216058" in text and "沈丘县供电服务中心：0394-5187930" in text
    assert "相关链接" not in text  # the page's related articles still go


def test_web_page_title_and_date_feed_the_metadata():
    page = html_page(["各位代表：", *report_lines()[4:12]])  # no title block in the text itself
    doc = clean_bytes(page.encode("utf-8"), "page.html")
    assert doc.meta.title == "2024年常熟市人民政府工作报告" and doc.meta.city == "常熟"
    assert doc.meta.date == PUBLISHED and doc.meta.year == 2024


def test_pdf_running_header_footer_and_page_numbers_go(docs):
    text = docs["pdf"].text
    assert "file:" not in text and "ﬁle" not in text and "AM" not in text
    assert not re.search(r"^\d+/\d+$|政府文件", text, re.M)
    extracted = extract(PDF.read_bytes(), PDF.name).text or ""
    assert "report.html" not in extracted


def test_page_furniture_rules():
    pages = [
        ["某市人民政府公报", body, f"第 {n} 页 共 3 页", f"- {n} -"]
        for n, body in enumerate(["甲段，内容。", "乙段，内容。", "丙段，内容。"], start=1)
    ]
    kept, removed = strip_furniture(pages)
    assert kept == [["甲段，内容。"], ["乙段，内容。"], ["丙段，内容。"]]
    assert len(removed) == 9
    one = strip_furniture([["报告正文，内容。", "3"]])[0]
    assert one == [["报告正文，内容。"]]


def test_lines_broken_inside_a_sentence_are_rejoined():
    lines = [
        "一、坚持以稳促进，经济发展保持韧性。主动应对国内外形势变化，出台系列稳增长",
        "措施和十大高质量发展行动方案，及时召开民营经济创新发展大会，全力提振发展信",
        "心，经济运行保持在合理区间。",
        "2024年工作安排",
        "指标 | 总量",
    ]
    assert join_broken(lines) == ["".join(lines[:3]), lines[3], lines[4]]
    text, _ = pages_to_text([["（江苏省）2024年常熟市人民政府工作", "报告", "政府工作报告"]])
    assert text.split("\n")[0] == "（江苏省）2024年常熟市人民政府工作报告"


def test_scanned_pdf_is_refused_with_a_reason():
    with pytest.raises(CleaningError, match=r"scanned\.pdf: no text layer \(scanned\?\)"):
        clean_bytes((FORMATS / "scanned.pdf").read_bytes(), "scanned.pdf")


def test_damaged_files_are_one_line_errors():
    for name in ("broken.pdf", "broken.docx"):
        with pytest.raises(CleaningError, match=f"{name}: cannot read this"):
            clean_bytes(b"not really a " + name.encode(), name)


def test_unsupported_files_in_a_folder_are_named(tmp_path):
    (tmp_path / "a.xyz").write_text("x")
    (tmp_path / "b.pdf").write_bytes(PDF.read_bytes())
    files, skipped = expand_paths([tmp_path])
    assert [f.name for f in files] == ["b.pdf"]
    assert [(s.detail, s.format) for s in skipped] == [("unsupported format: .xyz", ".xyz")]


# ---------------------------------------------------------------- table rows vs spam (issue 11)
def test_table_rows_are_kept_and_spam_still_goes():
    views = [
        "久草日韩欧美视频免费播放|A级黄色免费超碰avv|日本色情免费观看网站|在线无码人妻黄色三级片香蕉",
        "苏州旅游|苏州美食|苏州酒店|苏州攻略",  # keyword stuffing: no figure, no other row beside it
        "各位代表：",
        "现在，我代表常熟市人民政府，向大会报告工作，请予审议，并请市政协委员和其他列席人员提出意见。",
        "主要指标",
        "| 指标 | 总量 | 增长 |",
        "|---|---|---|",
        "| 地区生产总值 | 2870亿元 | 4% |",
        "一般公共预算收入\t237.4亿元\t7.9%",
        "221381",
        "完成工业投资308亿元，增长10%。",
    ]
    keep = [v.keep for v in judge_lines(views)]
    assert keep == [False, False, True, True, True, True, False, True, True, False, True]


def test_a_header_row_naming_a_contact_column_is_kept_a_contact_line_is_not():
    # a saved page's table: its header row names 联系电话 as a column, which is no page footer
    views = [
        "一、营业网点迁址",
        "序号 | 网点名称 | 原营业地址 | 新营业地址 | 联系电话",
        "1 | 铁西支行 | 铁西区英雄大路218号 | 铁西区紫气大路1566号 | 0434-3262001",
        "迁址网点在新址开业前一日仍在原址正常营业，新址开业后原址停止对外营业。",
        "联系电话：0434-3262000 | 邮箱：service@example",
    ]
    keep = [v.keep for v in judge_lines(views)]
    assert keep == [True, True, True, True, False]


def test_a_markdown_file_is_read_without_its_markup():
    text = (
        "# 某县2026年暑期托管服务报名指南\n\n> 发布单位：某县教育局　　发布时间：2026年6月15日\n\n"
        "为方便家长，现将有关事项告知如下。\n\n## 一、托管时间 ##\n\n2026年7月13日至8月14日，共5周。\n\n"
        "## 二、托管点\n\n| 托管点 | 计划名额（人） |\n|---|---|\n| 城关小学 | 360 |\n\n"
        "- 午餐每餐8元，**家长自愿**选择；\n- 详见[报名入口](https://example.org/a)。\n增幅-3.2%。\n"
    )
    doc = clean_bytes(text.encode("utf-8"), "baoming_zhinan.md")
    assert extract(b"", "a.md").format == "md"
    assert doc.meta.title == "某县2026年暑期托管服务报名指南"
    lines = doc.text.split("\n")
    assert "一、托管时间" in lines and "二、托管点" in lines  # headings the chunker can read
    assert "城关小学 | 360" in lines
    assert "午餐每餐8元，家长自愿选择；" in lines and "详见报名入口。" in lines and "增幅-3.2%。" in lines
    assert "#" not in doc.text and ">" not in doc.text
