"""Numbers as reports write them: 308, 3.48万亿, 三十, 两, 5%以上, 「3%—5%」, 1.1个百分点.

Pure functions with decimal arithmetic. `parse_number` reads a numeral (Arabic or Chinese, with a
multiplier); `to_base` turns (value, unit) into a base unit for arithmetic (亿元 -> 元, 万人 -> 人).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from rag.numerals import CN_DIGITS, CN_NUMERAL_CHARS, MULTIPLIER, NUMBER, UNITS

SMALL = {"十": 10, "百": 100, "千": 1000, "拾": 10, "佰": 100, "仟": 1000}
SCALE = {
    "万亿": Decimal(10) ** 12,
    "亿": Decimal(10) ** 8,
    "万": Decimal(10) ** 4,
    "千": Decimal(1000),
    "百": Decimal(100),
}
CN_NUMERAL = re.compile(rf"[{CN_NUMERAL_CHARS}]+")
# a Chinese numeral with its 万 and 亿 groups inside: 四十万八千六百, 二百六十万五千 (a trailing 万 is the unit's) …
CN_BIG = re.compile(rf"[{CN_NUMERAL_CHARS}]+(?:[万亿][{CN_NUMERAL_CHARS}]+)+")
# … and as `parse_number` reads one, the trailing 万 or 亿 included (一亿二千万)
CN_GROUPS = re.compile(rf"[{CN_NUMERAL_CHARS}]+(?:[万亿][{CN_NUMERAL_CHARS}]*)+")
# A quantity with an optional range and qualifier: 5%以上, 3%—5%, 3—5%, 超280亿元, 1.1个百分点.
_NUM = rf"{NUMBER}|{CN_BIG.pattern}|{CN_NUMERAL.pattern}"
QUANTITY = re.compile(
    rf"(?P<pre>超过|超|突破|近|约|达到|达|不低于|不少于|不超过|高于|低于)?"
    rf"(?P<num>{_NUM})(?:(?P<mid>%|％)?\s*[—－\-~～至到]\s*(?P<high>{_NUM}))?"
    rf"(?P<unit>(?:{MULTIPLIER})?(?:{UNITS})|万亿|亿|％)?(?P<post>以上|左右|以内|以下|多)?"
)
# Qualifier words -> how the figure bounds the true value.
BOUND = {
    "以上": ">=", "超": ">", "超过": ">", "突破": ">", "不低于": ">=", "不少于": ">=", "高于": ">", "多": ">",
    "以内": "<=", "以下": "<=", "不超过": "<=", "低于": "<", "近": "<",
    "左右": "~", "约": "~",
}  # fmt: skip


def parse_number(text: str) -> Decimal:
    """'308' -> 308, '3.48万亿' -> 3480000000000, '三十' -> 30, '两' -> 2, '一百二十' -> 120, '1.2万' -> 12000."""
    text = text.strip().replace(",", "")
    if CN_GROUPS.fullmatch(text):  # 四十万八千六百, 一亿二千万: each group times its 亿 or 万
        total = Decimal(0)
        for sep in ("亿", "万"):
            if sep in text:
                head, text = text.split(sep, 1)
                total += parse_number(head) * SCALE[sep]
        return total + (Decimal(_chinese(text)) if text else 0)
    for word in sorted(SCALE, key=len, reverse=True):
        if len(text) > len(word) and text.endswith(word):
            return parse_number(text[: -len(word)]) * SCALE[word]
    try:
        return Decimal(text)
    except InvalidOperation:
        pass
    if not CN_NUMERAL.fullmatch(text):
        raise ValueError(f"not a number: {text!r}")
    return Decimal(_chinese(text))


def _chinese(text: str) -> int:
    """Chinese numerals below 万: 三十 -> 30, 十五 -> 15, 一百零八 -> 108, 二〇二四 -> 2024 (digit by digit)."""
    if not any(ch in SMALL for ch in text):
        return int("".join(str(CN_DIGITS[ch]) for ch in text))
    total, digit = 0, 0
    for ch in text:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        else:
            total += (digit or 1) * SMALL[ch]
            digit = 0
    return total + digit


def split_unit(unit: str) -> tuple[Decimal, str]:
    """'亿元' -> (10^8, '元'), '万人次' -> (10^4, '人次'), '%' -> (1, '%'), '个百分点' -> (1, '百分点'),
    a bare '亿' or '万亿' -> (10^8, '') / (10^12, '')."""
    unit = unit.replace("％", "%")
    if unit == "个百分点":
        return Decimal(1), "百分点"
    for word in sorted(SCALE, key=len, reverse=True):
        if unit.startswith(word) and word not in ("百", "千"):
            rest = unit[len(word) :]
            if rest in ("", "个百分点"):
                return SCALE[word], rest.replace("个", "")
            return SCALE[word], rest
    if unit.startswith("千") and unit not in ("千瓦",):
        return Decimal(1000), unit[1:]
    return Decimal(1), unit


def to_base(value: Decimal, unit: str) -> tuple[Decimal, str]:
    """(308, '亿元') -> (30800000000, '元'); (5, '%') -> (5, '%'); (1.1, '个百分点') -> (1.1, '百分点')."""
    factor, base = split_unit(unit)
    return value * factor, base


def from_base(value: Decimal, base_unit: str, like: str) -> tuple[Decimal, str]:
    """A base value written in the unit of another figure: (5 x 10^8, '元', like '亿元') -> (5, '亿元')."""
    factor, base = split_unit(like)
    if base != base_unit:
        return value, base_unit
    return value / factor, like


def fmt(value: Decimal) -> str:
    """A decimal as a report writes it: 5, 5.5, 0.25 (no exponent, no trailing zeros)."""
    text = f"{value.quantize(Decimal('0.0001')).normalize():f}"
    return text[:-2] if text.endswith(".0") else text


def parse_quantity(text: str) -> tuple[Decimal, Decimal | None, str, str] | None:
    """'5%以上' -> (5, None, '%', '以上'); '3%—5%' -> (3, 5, '%', ''); '超280亿元' -> (280, None, '亿元', '超');
    '三十万人' -> (300000, None, '人', ''). (low, high, unit, qualifier), or None when no number leads."""
    m = QUANTITY.match(text.strip())
    if not m:
        return None
    unit = (m.group("unit") or m.group("mid") or "").replace("％", "%")
    multiplier = next((w for w in ("万亿", "亿", "万") if unit.startswith(w) and unit != w), "")
    low = parse_number(m.group("num"))
    high = parse_number(m.group("high")) if m.group("high") else None
    if unit in ("万亿", "亿", "万"):  # a bare multiplier is part of the number: 超2万亿
        multiplier, unit = unit, ""
    if multiplier:
        low, high = low * SCALE[multiplier], high * SCALE[multiplier] if high is not None else None
        unit = unit[len(multiplier) :]
    qualifier = "".join(q for q in (m.group("pre"), m.group("post")) if q)
    return low, high, unit, qualifier


def bound(qualifier: str) -> str:
    """How a qualifier bounds the figure: '以上' -> '>=', '超' -> '>', '左右' -> '~', '' -> '='."""
    for word in sorted(BOUND, key=len, reverse=True):
        if word in qualifier:
            return BOUND[word]
    return "="
