"""The verifier of generated answers, on hand-written answers and passages from the sample reports."""

import pytest

from rag.generate.numbers import cn_value, numbers, same_number
from rag.generate.verify import markers, sentences, verify

# Passage [1] is the 2024 target as the 常熟 report states it; [2] the 2023 result; [3] a growth rate.
P1 = "2024年常熟市政府工作报告（常熟，2024年，2024年工作安排）\n完成工业投资308亿元，地区生产总值增长5.5%左右。"
P2 = "2024年常熟市政府工作报告（常熟，2024年，2023年工作回顾）\n完成工业投资超280亿元、连续5年苏州第一。"
P3 = "2022年昆山市政府工作报告（昆山，2022年，一、）\n研发投入占比提高0.2个百分点，高新技术企业达3086家，1.38万亩。"
PASSAGES = [P1, P2, P3]


@pytest.mark.parametrize(
    ("answer", "kept", "reason"),
    [
        ("工业投资目标为308亿元[1]。", 1, None),
        ("工业投资目标为308亿元【1】。", 1, None),
        ("工业投资目标为308亿元[1,2]。", 1, None),
        ("工业投资目标为308亿元[1，2]。", 1, None),
        ("工业投资目标为308亿元[ID:1]。", 1, None),
        ("工业投资目标为308亿元。[1]", 1, None),
        ("工业投资目标为308亿元。", 0, "no citation"),
        ("工业投资目标为308亿元[9]。", 0, "[9] out of range (passages 1–3)"),
        ("工业投资目标为308亿元[1][0]。", 0, "[0] out of range (passages 1–3)"),
        ("工业投资目标为308亿元[2]。", 0, "308亿元 not in [2]"),  # in a passage, but not the one cited
        ("比上年增长50%[1]。", 0, "50% not in [1]"),
        ("工业投资三百零八亿元[1]。", 1, None),  # Chinese numerals
        ("工业投资308亿[1]。", 1, None),  # no unit written: the value must still be there
        ("工业投资380亿元[1]。", 0, "380亿元 not in [1]"),
        ("工业投资3080000万元[1]。", 1, None),  # 亿/万
        ("工业投资30.8亿元[1]。", 0, "30.8亿元 not in [1]"),
        ("地区生产总值增长5.5%[1]。", 1, None),
        (
            "地区生产总值增长6%[1]。",
            0,
            "6% not in [1]",
        ),  # 5.5 rounds to 6 only by 9%: not the report's rounding
        ("研发投入占比提高0.2个百分点[3]。", 1, None),
        ("研发投入占比提高0.2%[3]。", 0, "0.2% not in [3]"),  # 百分点 is not %
        ("高新技术企业达3086家[3]。", 1, None),
        ("高新技术企业约3090家[3]。", 0, "3090家 not in [3]"),  # trailing zeros are not read as rounding
        ("共13800亩[3]。", 1, None),  # 1.38万亩
        ("共1.4万亩[3]。", 1, None),  # the report's own rounding: to the digits written, within 2%
        ("共1万亩[3]。", 0, "1万亩 not in [3]"),
        ("工业投资超280亿元，连续5年苏州第一[2]。", 1, None),
        ("工业投资超280亿元，连续五年苏州第一[2]。", 1, None),
        ("2024年工业投资308亿元[1]。", 1, None),  # the year is in the passage's heading
        ("2025年工业投资308亿元[1]。", 0, "2025年 not in [1]"),
        ("工业投资280亿元至308亿元[1][2]。", 1, None),  # each number in one of the cited passages
        ("增长5-5.5%[1]。", 0, "5 not in [1]"),  # a range: 5% is not there
        ("常熟推进工业投资[1]。", 1, None),  # no number: the citation is enough
    ],
)
def test_one_sentence(answer, kept, reason):
    verdict = verify(answer, PASSAGES)
    assert len(verdict.kept) == kept
    assert [r["reason"] for r in verdict.removed] == ([reason] if reason else [])


def test_the_issue_case_keeps_the_first_sentence_and_removes_the_second():
    verdict = verify("常熟2024年工业投资目标为308亿元[1][2][3]。比上年增长77.7%[1][2][3]。", PASSAGES)
    assert verdict.kept == ("常熟2024年工业投资目标为308亿元[1][2][3]。",)
    assert verdict.removed == (
        {"sentence": "比上年增长77.7%[1][2][3]。", "reason": "77.7% not in [1][2][3]"},
    )
    assert verdict.cited == (1, 2, 3) and not verdict.refused


def test_markers_are_rewritten_as_brackets_and_sentences_keep_trailing_markers():
    verdict = verify("工业投资308亿元【1】。超280亿元。[ID:2]\n[3]", PASSAGES)
    assert verdict.kept == ("工业投资308亿元[1]。", "超280亿元。[2][3]")
    assert verdict.cited == (1, 2, 3)
    assert sentences("甲[1]。乙！丙？[2]\n丁") == ["甲[1]。", "乙！", "丙？[2]", "丁"]
    assert markers("甲[1, 3]【2】[ID: 3]") == [1, 3, 2]


def test_decimals_are_not_sentence_ends():
    assert sentences("增长5.5%左右[1]. Next [2].") == ["增长5.5%左右[1].", "Next [2]."]


@pytest.mark.parametrize(
    "answer", ["根据所给段落无法回答这个问题。", "段落中没有提到这个数字。", "无法回答[1]。"]
)
def test_refusals(answer):
    assert verify(answer, PASSAGES).refused


def test_a_sentence_with_a_figure_is_not_a_refusal():
    assert not verify("报告未提及2025年，但2024年目标为308亿元[1]。", PASSAGES).refused


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("三千二百万", 3.2e7),
        ("一百零五", 105),
        ("十二", 12),
        ("两万亿", 2e12),
        ("三亿五千万", 3.5e8),
        ("三点五亿", 3.5e8),
        ("零点五", 0.5),
    ],
)
def test_chinese_numerals(numeral, value):
    assert cn_value(numeral) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("增长5-6%", [("5", 5, "%"), ("6%", 6, "%")]),
        ("3000-4000万元", [("3000", 3e7, "元"), ("4000万元", 4e7, "元")]),
        ("百分之七十", [("百分之七十", 70, "%")]),
        ("提高0.5个百分点", [("0.5个百分点", 0.5, "百分点")]),
        ("装机10千瓦", [("10千瓦", 10, "千瓦")]),
        ("ＰＭ2.5下降，５％", [("5%", 5, "%")]),
        ("第三，一个目标，两个中心，“十四五”时期", [("两个", 2, "个")]),
    ],
)
def test_numbers_with_units(text, found):
    assert [(n.text, pytest.approx(n.value), n.unit) for n in numbers(text)] == found


def test_rounding_goes_one_way_only():
    (precise,) = numbers("77.65%")
    (rounded,) = numbers("77.7%")
    assert same_number(rounded, precise)  # the answer may round what the report wrote
    assert not same_number(precise, rounded)  # but may not invent digits the report does not have


@pytest.mark.parametrize(
    ("answer", "kept", "reasons"),
    [
        ("工业投资308亿元[1]，完成超280亿元[2]。", ("工业投资308亿元[1]", "完成超280亿元[2]。"), []),
        ("工业投资308亿元[2]，完成超280亿元[2]。", ("完成超280亿元[2]。",), ["308亿元 not in [2]"]),
        ("段落：[1]", (), ["repeats the prompt"]),
        ("问题：常熟2024年工业投资目标是多少[1]", (), ["repeats the prompt"]),
        ("回答（每句话结尾标注段落编号）：工业投资308亿元[1]。", ("工业投资308亿元[1]。",), []),
        ("是的[1]。", (), ["too short"]),
    ],
)
def test_markers_inside_a_sentence_end_a_clause_and_scaffolding_is_removed(answer, kept, reasons):
    verdict = verify(answer, PASSAGES)
    assert verdict.kept == kept and [r["reason"] for r in verdict.removed] == reasons
