"""The 指标 tab in headless Chromium (slow): filter, a row opens its sentence, the chart is drawn, CSV downloads."""

from pathlib import Path

import pytest

from tests.test_ui_browser import ARTIFACTS, page  # noqa: F401 (the browser fixture)

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def choose(page, elem_id, option):  # noqa: F811
    page.locator(f"#{elem_id} input").click()
    page.get_by_role("option", name=option, exact=True).click()
    page.wait_for_timeout(1000)


def test_indicator_tab_in_a_real_browser(page, server_url):  # noqa: F811
    page.goto(server_url)
    page.get_by_role("tab", name="指标").click()
    page.locator("#ind-table").wait_for()
    choose(page, "ind-city", "常熟")
    choose(page, "ind-year", "2024")
    choose(page, "ind-kind", "目标")
    table = page.locator("#ind-table")
    for figure in ("5%以上", "5.5%以上", "630亿元以上", "6%以上", "308亿元"):
        assert table.get_by_text(figure, exact=True).count() >= 1, figure
    assert table.get_by_text("625亿元", exact=True).count() == 0  # a 2023 estimate, not a 2024 target

    table.get_by_text("630亿元以上", exact=True).first.click()
    page.locator("#ind-sentence mark").get_by_text("630亿元以上").wait_for(timeout=10_000)
    assert "2024年经济社会发展的主要预期目标" in page.locator("#ind-sentence").inner_text()

    chart = page.locator("#ind-chart")
    chart.locator("canvas, svg").first.wait_for(timeout=20_000)
    page.screenshot(path=str(ARTIFACTS / "05-indicators.png"), full_page=True)

    with page.expect_download() as download:
        page.locator("#ind-csv").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert text.startswith("city,period,kind,indicator") and "630亿元以上" in text and "625亿元" not in text
