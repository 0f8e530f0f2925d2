"""Numbers with their units, as values: 308亿元 → 3.08e10 元, 77.7% → 77.7 %, 三千万元 → 3e7 元.

Arabic and Chinese numerals, the multipliers 万/亿/万亿, %, 百分点, ranges (5-6% → 5% and 6%). The units
are the report vocabulary of `rag.answer.spans`. Pure functions; `same_number` decides whether a number written in
an answer is one written in a passage, allowing the report's own rounding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.numerals import CN_DIGITS, MULTIPLIER, UNITS

SCALE = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3, "百": 1e2, "": 1.0}
_UNIT_ALTS = rf"百分点|千米|{UNITS}"
_SAME_UNIT = {"个百分点": "百分点", "千米": "公里"}
_WIDE = str.maketrans("０１２３４５６７８９．％～－", "0123456789.%~-")

ARABIC = re.compile(
    rf"(?<![\d.A-Za-zＡ-Ｚａ-ｚ])(?P<num>\d+(?:\.\d+)?)"
    rf"(?:(?P<mult>{MULTIPLIER})?(?P<unit>{_UNIT_ALTS})|(?P<bare>万亿|亿|万))?"
)
_CN_DIGITS = "零〇一二两三四五六七八九"
_CN = rf"[{_CN_DIGITS}十百千万亿点]*[{_CN_DIGITS}十][{_CN_DIGITS}十百千万亿点]*"
CHINESE = re.compile(
    rf"(?<![第{_CN_DIGITS}十百千万亿])(?:百分之(?P<pct>{_CN})|(?P<num>{_CN})(?P<unit>{_UNIT_ALTS}))"
)
RANGE_GAP = re.compile(r"\s*[-~—–至到]\s*")


@dataclass(frozen=True)
class Number:
    text: str  # as written: "308亿元"
    value: float  # with the multiplier folded in: 3.08e10
    unit: str  # "元", "%", "百分点", … or "" when none is written
    step: float  # the value of one unit in the last written digit (308亿 → 1e8): the rounding allowed
    start: int = 0
    end: int = 0


def numbers(text: str) -> list[Number]:
    """Every number in `text`, in order; the first end of a range takes the unit of the second."""
    text = text.translate(_WIDE)
    found = sorted(_arabic(text) + _chinese(text), key=lambda n: n.start)
    out: list[Number] = []
    for i, n in enumerate(found):
        nxt = found[i + 1] if i + 1 < len(found) else None
        if (
            nxt
            and not n.unit
            and n.step == _step(n.text, 1.0)
            and RANGE_GAP.fullmatch(text[n.end : nxt.start])
        ):
            scale = nxt.value / _plain(nxt.text) if _plain(nxt.text) else 1.0
            n = Number(n.text, n.value * scale, nxt.unit, n.step * scale, n.start, n.end)
        out.append(n)
    return out


def _plain(text: str) -> float:
    m = re.match(r"\d+(?:\.\d+)?", text)
    return float(m.group()) if m else 0.0


def _step(digits: str, scale: float) -> float:
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    return scale * 10**-decimals


def _arabic(text: str) -> list[Number]:
    out = []
    for m in ARABIC.finditer(text):
        mult = m.group("mult") or m.group("bare") or ""
        unit = _SAME_UNIT.get(m.group("unit") or "", m.group("unit") or "")
        scale = SCALE[mult]
        num = m.group("num")
        out.append(Number(m.group(), float(num) * scale, unit, _step(num, scale), m.start(), m.end()))
    return out


def _chinese(text: str) -> list[Number]:
    out = []
    for m in CHINESE.finditer(text):
        if m.group("pct"):
            value, unit = cn_value(m.group("pct")), "%"
        else:
            if m.group("num") == "一":
                continue  # 一个、一项: an article, not a figure
            value, unit = cn_value(m.group("num")), _SAME_UNIT.get(m.group("unit"), m.group("unit"))
        if value is not None:
            out.append(Number(m.group(), value, unit, 0.0, m.start(), m.end()))
    return out


_DECIMAL = re.compile(rf"(?P<whole>.*?)点(?P<frac>[{_CN_DIGITS}]+)(?P<mult>万亿|亿|万)?")


def cn_value(numeral: str) -> float | None:
    """三千二百万 → 32000000, 三点五亿 → 3.5e8, 两万亿 → 2e12, 一百零五 → 105; None when it is not a number."""
    if "点" in numeral:
        m = _DECIMAL.fullmatch(numeral)
        whole = cn_value(m.group("whole") or "零") if m else None
        if m is None or whole is None:
            return None
        frac = float("0." + "".join(str(CN_DIGITS[c]) for c in m.group("frac")))
        return (whole + frac) * SCALE[m.group("mult") or ""]
    total = section = digit = 0.0
    for ch in numeral:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in "十百千":
            section += (digit or 1) * {"十": 10, "百": 100, "千": 1000}[ch]
            digit = 0
        elif ch == "万":
            total += (section + digit) * 1e4
            section = digit = 0
        elif ch == "亿":
            total = (total + section + digit) * 1e8
            section = digit = 0
    return total + section + digit


def same_number(written: Number, source: Number) -> bool:
    """True when `written` (in an answer) states `source` (in a passage): the same unit (an answer that
    writes none matches any), and the same value, or the value rounded to the digits the answer writes
    (77.65% → 77.7%, 1.38万亩 → 1.4万亩) when that changes it by at most 2%."""
    if written.unit and written.unit != source.unit:
        return False
    diff = abs(written.value - source.value)
    if diff <= 1e-9 * max(1.0, abs(source.value)):
        return True
    half_step = written.step / 2 * (1 + 1e-9)
    return written.step > 0 and diff <= half_step and diff <= 0.02 * abs(source.value)
