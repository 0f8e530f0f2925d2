"""The chat UI in headless Debian Chromium, driven by Playwright (slow; screenshots in tests/artifacts/)."""

import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "tests" / "artifacts"
NEW_REPORT = """2025年太仓市人民政府工作报告
——2025年1月10日在太仓市十七届人大五次会议上
市长 汪香元
各位代表：
2025年工作安排
一、坚持项目为王，夯实高质量发展根基
1.扩大有效投资。聚焦先进制造业和现代服务业，完成工业投资188亿元，实施市级重点项目120个，力争新开工亿元以上项目60个。
2.提振消费需求。办好“太仓消费节”，社会消费品零售总额增长6%左右。
"""


@pytest.fixture(scope="module")
def page():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser.new_page(viewport={"width": 1400, "height": 900})
        browser.close()


def ask(page, question, expected):
    page.locator("#question textarea").fill(question)
    page.locator("#send").click()
    page.locator("#chat").get_by_text(expected).last.wait_for(timeout=60_000)
    page.wait_for_timeout(800)  # let the stream finish


def test_chat_in_a_real_browser(page, server_url, tmp_path):
    page.goto(server_url)
    ask(page, "常熟2024年工业投资目标是多少", "308亿元")
    sources = page.locator("#sources")
    assert "2024年常熟市人民政府工作报告" in sources.inner_text()
    assert "308亿元" in sources.locator("mark").first.inner_text()
    page.screenshot(path=str(ARTIFACTS / "01-answer.png"))

    page.locator("#chat a.cite").last.click()
    page.wait_for_timeout(500)
    assert page.locator("#src-1").is_visible()
    assert page.evaluate("location.hash") == "#src-1"
    page.screenshot(path=str(ARTIFACTS / "02-citation.png"))

    ask(page, "那2023年呢？", "280亿元")
    page.screenshot(path=str(ARTIFACTS / "03-follow-up.png"))

    report = tmp_path / "taicang-2025.txt"
    report.write_text(NEW_REPORT, encoding="utf-8")
    page.get_by_role("tab", name="文档").click()
    page.locator("#upload input[type=file]").set_input_files(str(report))
    page.wait_for_timeout(1500)
    page.locator("#add").click()
    page.locator("#upload-result").get_by_text("已索引").wait_for(timeout=120_000)
    page.screenshot(path=str(ARTIFACTS / "04-upload.png"))

    page.get_by_role("tab", name="问答").click()
    ask(page, "太仓2025年工业投资目标是多少", "188亿元")
    assert "太仓" in page.locator("#sources").inner_text()
    page.screenshot(path=str(ARTIFACTS / "05-new-report.png"))
