"""SCORING.md's matcher and per-question rules, table-driven, checked against a naive second implementation."""

import re
import unicodedata

import pytest

from eval.scoring import gold_matches, matches, normalise, score_question


@pytest.mark.parametrize(
    ("gold", "text", "expected"),
    [
        ("5%以上", "地区生产总值增长5%以上", True),
        ("5%以上", "规上工业总产值增长5.5%以上", False),
        ("5%以上", "增长5.5%以上，地区生产总值增长5%以上", True),  # a later occurrence matches
        ("3.7%", "比重提高到23.7%", False),
        ("3.7%", "比重由2.61%提高到3.7%，", True),
        ("21年", "连续121年", False),
        ("21年", "昆山连续21年位列", True),
        ("4.2%", "强度4.25%", False),  # followed by a digit
        ("4.2", "强度为4.2.", True),  # a decimal point not followed by a digit is fine
        ("4.2", "强度4.2.5", False),  # …but one followed by a digit is not
        ("308亿元", "完成工业投资３０８亿元", True),  # full-width digits
        ("1185家", "總數達1185家", True),
        ("高新技术企业", "高新技術企業總數", True),  # traditional text
        ("S1线", "推进轨交s1 线工程", True),  # whitespace and case
        ("第四", "稳居全国百强县第四", True),
        ("", "anything", False),
    ],
)
def test_matcher(gold, text, expected):
    assert matches(gold, text) is expected
    assert naive(gold, text) is expected


def naive(gold: str, text: str) -> bool:
    """A second, independent reading of SCORING.md with a regular expression."""
    import opencc

    cc = opencc.OpenCC("t2s")

    def norm(s):
        return re.sub(r"\s", "", cc.convert(unicodedata.normalize("NFKC", s))).lower()

    g, t = norm(gold), norm(text)
    if not g:
        return False
    before = r"(?<![\d.])" if g[0].isdigit() else ""
    after = r"(?!\d)(?!\.\d)" if g[-1].isdigit() else ""
    return re.search(before + re.escape(g) + after, t) is not None


def test_answers_all_needs_every_item():
    qa = {"answers": [], "answers_all": ["南园", "中城", "北谷"]}
    assert gold_matches(qa, "南园、中城、北谷")
    assert not gold_matches(qa, "南园、中城")


def test_normalise():
    assert normalise("Ｒ＆Ｄ 投入 強度　４．１５％") == "r&d投入强度4.15%"


QA = {
    "id": "x",
    "type": "numeric",
    "answers": ["308亿元"],
    "answers_all": [],
    "evidence": "完成工业投资308亿元",
}
NONE = {"id": "u", "type": "unanswerable", "answers": [], "answers_all": [], "evidence": ""}


@pytest.mark.parametrize(
    ("qa", "text", "short", "refused", "quotes", "correct", "span", "grounded"),
    [
        (QA, "308亿元。依据：…", "308亿元", False, ["完成工业投资308亿元"], True, True, True),
        (QA, "308亿元。依据：…", "308", False, ["别的句子"], True, False, False),
        (QA, "308亿元" + "。" * 300, "308亿元", False, [], False, True, None),  # over 300 characters
        (QA, "报告中没有找到 308亿元", None, True, [], False, False, None),  # refused
        (NONE, "报告中没有找到", None, True, [], True, True, None),
        (NONE, "42亿元", "42亿元", False, [], False, False, None),
    ],
)
def test_score_question(qa, text, short, refused, quotes, correct, span, grounded):
    s = score_question(
        qa,
        text=text,
        short=short,
        refused=refused,
        quotes=quotes,
        hit_texts=["无关", "为高质量发展蓄势赋能，完成工业投资308亿元。"],
    )
    assert (s.correct, s.span_correct, s.grounded) == (correct, span, grounded)
    if not s.unanswerable:
        assert s.evidence_rank == 2
