"""Report files in every supported format, made from the sample report 001 (2024 常熟政府工作报告).

The HTML page and the .docx are built at test time; the PDFs are printed from the HTML by headless
Chromium and committed under tests/fixtures/formats (run `python -m tests.format_fixtures` to remake them).
"""

from __future__ import annotations

import html
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.conftest import FIXTURES, sample

FORMATS = FIXTURES / "formats"
SOURCE = "001"
QUESTION = "常熟2024年工业投资目标是多少"
EXPECTED = "308亿元"
TABLE_CAPTION = "2023年主要经济指标（预计）"
# Figures as the report states them (「预计全年实现地区生产总值2870亿元、增长4%，一般公共预算收入237.4亿元、增长7.9%…」).
TABLE = [
    ["指标", "总量", "增长"],
    ["地区生产总值", "2870亿元", "4%"],
    ["一般公共预算收入", "237.4亿元", "7.9%"],
    ["社会消费品零售总额", "1290亿元", "—"],
    ["全社会固定资产投资", "625亿元", "—"],
    ["进出口总额", "1508亿元", "—"],
]
TABLE_AFTER = "2023年工作回顾"  # the table goes right after this heading
PUBLISHED = "2024-01-12"
PAGE_TITLE = "2024年常熟市人民政府工作报告_政府文件_常熟市人民政府"


def report_lines() -> list[str]:
    """The clean lines of the sample report: title block, then one paragraph per line."""
    from rag.cleaning import clean_file

    lines = clean_file(sample(SOURCE), 10**8).text.split("\n")
    return [line.replace("□024", "2024") for line in lines]


def _table_html() -> str:
    head, *rows = TABLE
    cells = "".join(f"<th>{c}</th>" for c in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return (
        f"<p>{TABLE_CAPTION}</p><table border='1' style='border-collapse:collapse'>"
        f"<thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table>"
    )


def _body_html(lines: list[str]) -> str:
    parts = [f"<h1>{html.escape(lines[0])}</h1>"]
    for line in lines[1:]:
        parts.append(f"<p>{html.escape(line)}</p>")
        if line == TABLE_AFTER:
            parts.append(_table_html())
    return "\n".join(parts)


def html_page(lines: list[str] | None = None) -> str:
    """A government-site page: navigation, breadcrumb, the report, related articles, footer, scripts."""
    lines = lines or report_lines()
    related = "".join(
        f"<li><a href='/art/{i}.html'>{t}</a><span>2024-01-{10 + i}</span></li>"
        for i, t in enumerate(
            [
                "常熟市召开安全生产工作会议",
                "虞山街道开展冬季送温暖活动",
                "市领导调研重点项目建设",
                "全市文明城市创建推进会召开",
            ]
        )
    )
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>{PAGE_TITLE}</title>
<meta name="PubDate" content="{PUBLISHED} 09:30">
<meta property="article:published_time" content="{PUBLISHED}T09:30:00+08:00">
<script>var _hmt = _hmt || []; (function() {{ var hm = document.createElement("script"); }})();</script>
<style>body {{ font-family: "WenQuanYi Micro Hei", sans-serif; }}</style>
</head><body>
<header><div class="logo">常熟市人民政府</div>
<nav><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/zwfw">政务服务</a></li>
<li><a href="/hdjl">互动交流</a></li><li><a href="/zjcs">走进常熟</a></li></ul></nav></header>
<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 政府文件</div>
<article><div class="info">发布时间：{PUBLISHED} 09:30 来源：常熟市人民政府办公室 浏览次数：2381</div>
{_body_html(lines)}
</article>
<aside><h3>相关文章</h3><ul>{related}</ul></aside>
<footer><p>主办单位：常熟市人民政府办公室 地址：常熟市海虞北路2号 联系电话：0512-52851234</p>
<p>版权所有 © 常熟市人民政府 苏ICP备05012345号</p><p>扫一扫在手机打开当前页</p></footer>
<script>document.write("");</script>
</body></html>
"""


def pdf_lines() -> list[str]:
    """The excerpt printed to PDF (a CJK font subset of the whole report is ~2.5 MB): the title block,
    the 2023 review's start with the table, and the 2024 plan's start up to 「完成工业投资308亿元」."""
    lines = report_lines()
    start = lines.index("2024年工作安排")
    end = next(i for i, line in enumerate(lines) if line.startswith("1.推动有效投入"))
    return lines[:10] + lines[start : end + 1]


def print_html(lines: list[str] | None = None) -> str:
    """The printable version a site offers: the report and its table only (Chromium adds page furniture)."""
    lines = lines or pdf_lines()
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{PAGE_TITLE}</title>"
        "<style>body { font-family: 'WenQuanYi Micro Hei', sans-serif; font-size: 20px; }</style></head>"
        f"<body>{_body_html(lines)}</body></html>"
    )


def write_docx(path: Path, lines: list[str] | None = None) -> Path:
    """A Word file: title, paragraphs, and the indicator table as a real Word table."""
    import docx

    lines = lines or report_lines()
    document = docx.Document()
    document.add_heading(lines[0], level=1)
    for line in lines[1:]:
        document.add_paragraph(line)
        if line == TABLE_AFTER:
            document.add_paragraph(TABLE_CAPTION)
            table = document.add_table(rows=len(TABLE), cols=len(TABLE[0]))
            for r, row in enumerate(TABLE):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
    document.save(str(path))
    return path


def print_pdf(page: str, out: Path) -> None:
    """Headless Chromium --print-to-pdf (page header: date and title; footer: address and page x/y)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("chromium is not installed (apt-get install -y chromium fonts-wqy-microhei)")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "report.html"
        src.write_text(page, encoding="utf-8")
        subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--print-to-pdf={out}", src.as_uri()],
            check=True,
            capture_output=True,
            timeout=120,
        )


def scanned_pdf(out: Path) -> None:
    """A PDF made of one page image and no text layer, as a scanner writes it."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 800), "white")
    ImageDraw.Draw(image).rectangle((50, 50, 550, 120), outline="black")
    image.save(out, "PDF", resolution=72.0)


def main() -> None:
    FORMATS.mkdir(parents=True, exist_ok=True)
    print_pdf(print_html(), FORMATS / "changshu_2024.pdf")
    scanned_pdf(FORMATS / "scanned.pdf")
    print("wrote", *sorted(p.name for p in FORMATS.iterdir()), file=sys.stderr)


if __name__ == "__main__":
    main()
