"""Traditional -> simplified (OpenCC, phrase-aware), Chinese full-width punctuation, whitespace."""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Any

# OpenCC keeps 著 in some words where the simplified text writes 着 (measured on 000 vs 003).
PHRASE_FIXES = {"著力": "着力", "著眼": "着眼", "著手": "着手", "著重": "着重", "著陆": "着陆"}

FULL_WIDTH = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
_CJK = "\u3400-\u9fff\uf900-\ufaff"
_SPACE_IN_CJK = re.compile(
    rf"(?<=[{_CJK}，。、；：！？“”（）《》])[ \t\u00a0\u3000]+|[ \t\u00a0\u3000]+(?=[{_CJK}，。、；：！？“”（）《》])"
)
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
# a figure grouped by thousands with spaces, in Chinese text (「自修生5 665名」, Hong Kong's and SI usage); a row of
# figures set apart by spaces has no Chinese character right at both ends
_GROUP_SPACE = re.compile(
    r"[ \u00a0\u2009\u202f]"
)  # a space, no-break space or thin space between digit groups
_SPACE_GROUPED = re.compile(
    rf"(?<=[{_CJK}])\d{{1,3}}(?:{_GROUP_SPACE.pattern}\d{{3}})+(?:\.\d+)?(?=[{_CJK}%])"
)
_CJK_DOT = re.compile(rf"(?<=[{_CJK}])\.(?=[{_CJK}])")

_lock = threading.Lock()


@lru_cache(maxsize=1)
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """OpenCC t2s (phrase-aware) plus the phrase fixes above; a place's name that t2s would change, written
    as the gazetteer writes it (乾安县, not 干安县), stays."""
    with _lock:  # the converter object is not documented as thread-safe
        out = _converter().convert(text)
    for wrong, right in PHRASE_FIXES.items():
        out = out.replace(wrong, right)
    for changed, name in _names_t2s_changes():
        if name in text:
            out = out.replace(changed, name)
    return out


@lru_cache(maxsize=1)
def _names_t2s_changes() -> tuple[tuple[str, str], ...]:
    """(what t2s makes of it, name) for each place name of the gazetteer (in simplified script) that t2s
    changes: 「乾安县」 is no 干安县 (乾 is a simplified character too). Longest first."""
    from rag.places import all_names

    with _lock:
        pairs = {(_converter().convert(name), name) for name in all_names()}
    return tuple(sorted(((c, n) for c, n in pairs if c != n), key=lambda pair: -len(pair[1])))


def unify_punctuation(line: str) -> str:
    """ASCII , ; : ! ? ( ) -> full-width, except between ASCII letters/digits (1,000  02:16  a:b)."""
    chars = list(line)
    for i, ch in enumerate(chars):
        full = FULL_WIDTH.get(ch)
        if full is None:
            continue
        before = chars[i - 1] if i else ""
        after = chars[i + 1] if i + 1 < len(chars) else ""
        if ch in ",:;" and _ASCII_WORD.match(before) and _ASCII_WORD.match(after):
            continue
        chars[i] = full
    out = _CJK_DOT.sub("。", "".join(chars))
    return _balance_quotes(out)


def _balance_quotes(line: str) -> str:
    """ASCII double quotes become alternating “ ” within a paragraph."""
    if '"' not in line:
        return line
    parts = line.split('"')
    out = [parts[0]]
    for i, part in enumerate(parts[1:]):
        out.append("“" if i % 2 == 0 else "”")
        out.append(part)
    return "".join(out)


# full-width digits and Latin letters (０-９, Ａ-Ｚ, ａ-ｚ) and ％: the figures a page typed in full width read as
# any other (「３０００元」 is 3000元); between two of them ．－：／ are a decimal point, a range or phone dash, a
# clock's colon and a date's slash
_HALF = str.maketrans(
    {
        chr(c): chr(c - 0xFEE0)
        for c in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))
    }
    | {"％": "%"}
)
_JOINERS = re.compile(r"(?<=[0-9A-Za-z])[．－：／](?=[0-9A-Za-z])")
_JOINED = str.maketrans("．－：／", ".-:/")
# a thousands separator between full-width digits (「新臺幣１，２００元」 is 1,200元, not 1 and 200元)
_THOUSANDS = re.compile(r"(?<=[０-９])，(?=[０-９]{3}(?![０-９]))")


def half_width(line: str) -> str:
    """Full-width digits, Latin letters and ％ as ASCII, and the ．－：／ between them (`_HALF`, `_JOINERS`);
    a ， that groups full-width digits by thousands is a comma (`_THOUSANDS`)."""
    out = _THOUSANDS.sub(",", line).translate(_HALF)
    return out if out == line else _JOINERS.sub(lambda m: m.group().translate(_JOINED), out)


def collapse_spaces(line: str) -> str:
    """No spaces inside Chinese text (政 府 工 作 报 告, 秦 猛) or inside a figure grouped by thousands with
    spaces (`_SPACE_GROUPED`); single spaces elsewhere."""
    line = _SPACE_GROUPED.sub(lambda m: _GROUP_SPACE.sub("", m.group()), line)
    line = _SPACE_IN_CJK.sub("", line)
    return _SPACES.sub(" ", line).strip()


def normalize_line(line: str) -> str:
    return collapse_spaces(unify_punctuation(half_width(line)))
