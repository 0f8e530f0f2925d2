"""The chat UI in headless Debian Chromium, driven by Playwright (slow; screenshots in tests/artifacts/).

The module builds its own index (the test uploads a report into it) and serves it with `rag serve`."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import DATA, ROOT

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "tests" / "artifacts"
SCREENSHOT = ROOT / "docs" / "screenshot.png"
NEW_REPORT = """2025年太仓市人民政府工作报告
——2025年1月10日在太仓市第十七届人民代表大会第五次会议上
市长 汪香元
各位代表：
现在，我代表市人民政府向大会报告工作，请予审议，并请市政协委员和其他列席人员提出意见。
一、2024年工作回顾
过去一年，全市地区生产总值增长5.5%，一般公共预算收入增长3.8%。
二、2025年工作安排
2025年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右，一般公共预算收入增长3%。
（一）坚持项目为王，夯实高质量发展根基
1.扩大有效投资。聚焦先进制造业和现代服务业，完成工业投资188亿元，实施市级重点项目120个，力争新开工亿元以上项目60个。
2.提振消费需求。办好“太仓消费节”，社会消费品零售总额增长6%左右。
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def ui_home(tmp_path_factory):
    """A RAG_HOME of its own with the sample reports indexed (this module adds a report to it)."""
    from rag import Settings, build_index

    home = tmp_path_factory.mktemp("ui-browser-home")
    build_index([DATA], settings=Settings.from_env(home=home))
    return home


@pytest.fixture(scope="module")
def ui_url(ui_home, tmp_path_factory):
    """`python -m rag serve` on a free loopback port, until the module is done."""
    port = _free_port()
    env = {**os.environ, "RAG_HOME": str(ui_home), "GRADIO_ANALYTICS_ENABLED": "False"}
    log_path = tmp_path_factory.mktemp("ui-serve") / "serve.log"
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "rag", "serve", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}/"
        try:
            deadline = time.time() + 120
            while True:
                try:
                    urllib.request.urlopen(url, timeout=2)
                    break
                except OSError:
                    if proc.poll() is not None:
                        raise RuntimeError(f"rag serve exited: {log_path.read_text()[-2000:]}") from None
                    if time.time() > deadline:
                        raise RuntimeError("rag serve did not answer in 120 s") from None
                    time.sleep(0.5)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
    assert "Traceback" not in log_path.read_text(), log_path.read_text()[-3000:]


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
        page = browser.new_page(viewport={"width": 1400, "height": 900}, locale="zh-CN")
        page.set_default_timeout(30_000)
        yield page
        browser.close()


ANSWERED = """([expected, links]) => {
  const chat = document.querySelector('#chat');
  if (!chat) return false;
  const text = chat.innerText;
  return text.includes(expected) && !text.includes('▌') && chat.querySelectorAll('a.cite').length >= links;
}"""


def ask(page, question, expected, links):
    """Type a question, send it, and wait until the finished answer (`links` [n] links so far) shows."""
    page.locator("#question textarea").fill(question)
    page.locator("#send").click()
    page.wait_for_function(ANSWERED, arg=[expected, links], timeout=60_000)


def test_chat_in_a_real_browser(page, ui_url, tmp_path):
    page.goto(ui_url)
    page.get_by_text("常熟2024年工业投资目标是多少").first.wait_for()  # the examples, mission question first

    ask(page, "常熟2024年工业投资目标是多少", "308亿元", 1)
    sources = page.locator("#sources")
    assert "2024年常熟市人民政府工作报告" in sources.inner_text()
    assert "308亿元" in sources.locator("mark").first.inner_text()
    assert sources.locator("strong.answer").first.inner_text() == "308亿元"
    page.screenshot(path=str(ARTIFACTS / "01-answer.png"))
    shutil.copyfile(ARTIFACTS / "01-answer.png", SCREENSHOT)

    link = page.locator("#chat a.cite").last
    assert link.get_attribute("href") == "#src-1"
    link.click()
    page.wait_for_timeout(300)
    assert page.locator("#src-1").is_visible()
    assert page.locator("#src-1").is_visible() and page.evaluate("location.hash") == "#src-1"
    assert len(page.context.pages) == 1  # the link scrolls this page, it opens no tab
    page.screenshot(path=str(ARTIFACTS / "02-citation.png"))

    ask(page, "那2023年呢？", "280亿元", 2)
    assert "280亿元" in page.locator("#sources mark").first.inner_text()
    page.screenshot(path=str(ARTIFACTS / "03-follow-up.png"))

    report = tmp_path / "taicang-2025.txt"
    report.write_text(NEW_REPORT, encoding="utf-8")
    page.get_by_role("tab", name="文档").click()
    assert "2024年常熟市人民政府工作报告" in page.locator("#documents").inner_text()
    page.locator("#upload input[type=file]").set_input_files(str(report))
    page.locator("#upload").get_by_text("taicang-2025.txt").first.wait_for()
    page.locator("#add").click()
    page.locator("#upload-result").get_by_text("已索引").wait_for(timeout=120_000)
    assert "taicang-2025.txt" in page.locator("#upload-result").inner_text()
    page.locator("#documents").get_by_text("2025年太仓市人民政府工作报告").first.wait_for()
    page.screenshot(path=str(ARTIFACTS / "04-upload.png"))

    page.get_by_role("tab", name="问答").click()
    ask(page, "太仓2025年工业投资目标是多少", "188亿元", 3)
    assert "2025年太仓市人民政府工作报告" in page.locator("#sources").inner_text()
    page.screenshot(path=str(ARTIFACTS / "05-new-report.png"))
