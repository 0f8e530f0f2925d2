"""GBK mojibake repair on the real files, checked against mojibake_repairs.md / NOISE.md §3."""

import unicodedata
from functools import lru_cache

import pytest

from rag.cleaning.mojibake import PLACEHOLDER, repair_mojibake
from rag.cleaning.pinyin import strip_pinyin
from tests.conftest import sample


@lru_cache(maxsize=2)
def repaired(prefix: str) -> str:
    """The repaired file, annotations stripped and full-width folded, to compare with the truth."""
    text = repair_mojibake(sample(prefix).read_text(encoding="utf-8"))[0]
    return unicodedata.normalize("NFKC", strip_pinyin(text)[0])


# (file, true text with context, every character but □ must match)
TRUTH = [
    ("000", "擔當(dāng)"),  # false key 聯 + annotated end
    ("000", "冷鏈食品集中監"),  # false key 準
    ("000", "810億元。“證照分離”"),  # lost lead before a quote
    ("000", "增長1%。跨境電商交易額"),
    ("000", "對接上海“五大中心”功能,"),  # lost lead decided by the word 上海; orphan trail by 功能
    ("000", "64.2%。“□31”"),  # the 3 of “331” was swallowed at the source
    ("000", "總入口“蘇周到”"),  # false key 側
    ("000", "“政策計算器”創(chuàng)新"),  # lost host
    ("000", "落實“六保”任務"),
    ("000", "確保“十四五”發"),
    ("000", "堅持擴投資"),  # false key 謹 (never annotated visibly)
    ("000", "推動服務(wù)政策"),  # lost host
    ("000", "社會治理品牌。基本建成網"),
    ("001", "(江蘇省)□024年"),  # the 2 of 2024 was swallowed
    ("001", "更從容。“千村美居”持續"),
    ("001", "幸福河湖8條。“雙碳”"),
    ("001", "縱深推進。“實”字當(dāng)頭"),
    ("001", "聚力政府數(shù)字化"),  # false key 當 + annotated end
    ("001", "風險補償等模式,"),  # a folded full-width letter inside the run
    ("001", "助力優(yōu)質"),
    ("001", "領域實現"),  # false key 驅
    ("001", "常熟站停靠列車班□,"),
    ("001", "、□□等重點"),  # 危化品: a deleted private-use pair misaligns the bytes; no guess is made
]


def matches_with_placeholders(expected: str, text: str) -> bool:
    """True when text holds `expected` where each □ in either may stand for one unknown character."""
    n = len(expected)
    for i in range(len(text) - n + 1):
        window = text[i : i + n]
        if all(a == b or PLACEHOLDER in (a, b) for a, b in zip(window, expected, strict=True)):
            return True
    return False


@pytest.mark.parametrize(("prefix", "truth"), TRUTH)
def test_event_is_repaired_to_the_true_text(prefix, truth):
    truth = unicodedata.normalize("NFKC", strip_pinyin(truth)[0])
    assert matches_with_placeholders(truth, repaired(prefix)), truth


def test_few_placeholders_and_no_question_marks_or_private_use_left():
    total = 0
    for prefix in ("000", "001"):
        text, items = repair_mojibake(sample(prefix).read_text(encoding="utf-8"))
        body = text.split("【責(zé)任編輯")[0]
        assert "?" not in body
        assert not any(0xE000 <= ord(ch) <= 0xF8FF for ch in body)
        assert body.count("“") == body.count("”")
        total += sum(1 for i in items if i.kind == "placeholder")
    print(f"placeholders across 000 and 001: {total}")
    assert total <= 12


@pytest.mark.parametrize("prefix", ["002", "003", "004"])
def test_text_without_mojibake_is_unchanged(prefix):
    raw = sample(prefix).read_text(encoding="utf-8")
    assert repair_mojibake(raw) == (raw, [])


@pytest.mark.parametrize("text", ["真的吗?是的。", "a?b", "?", "速度?!\n", "比例(2:1)?"])
def test_ordinary_question_marks_are_left_alone(text):
    assert repair_mojibake(text)[0] == text
