"""Tables for the mojibake repair: GBK bytes (encode, decode, every character a known byte allows),
script (t2s one character at a time), pinyin readings and jieba's dictionary, all loaded lazily."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Any

from rag.cleaning.pinyin import SYLLABLE, TONED

PLACEHOLDER = "□"
# The scraper folded full-width forms to ASCII after decoding; inside a run they are GBK a3xx bytes.
FOLDED = {"!": "！", ";": "；", "?": "？", ":": "：", ",": "，", "(": "（", ")": "）", "%": "％"}
UNFOLDED = {full: ascii_ for ascii_, full in FOLDED.items()}
# A run starts with the byte-level delimiter that split the text (NOISE.md §3.2).
DELIMITER_START = frozenset("!;?,。、！；？，")
PUNCTUATION = "。，、；：？！“”‘’（）《》—…·"
RESYNC = re.compile(r"[@-~]")  # an ASCII byte in 0x40-0x7E is a trail byte: the decoder is back in step
TAIL = re.compile(rf"(?=[^()]*[{TONED}])({SYLLABLE})\)")  # "syl)" right after a "?"


def is_cjk(ch: str) -> bool:
    return len(ch) == 1 and "\u4e00" <= ch <= "\u9fff"


def plausible(ch: str) -> bool:
    """A character a government report is written in: an ideograph or Chinese punctuation."""
    return is_cjk(ch) or (len(ch) == 1 and ch in PUNCTUATION)


def gbk(ch: str) -> bytes | None:
    """The two GBK bytes of a character (private-use characters give their user-defined code)."""
    try:
        data = ch.encode("gb18030")
    except UnicodeEncodeError:
        return None
    return data if len(data) == 2 else None


def decode(data: bytes) -> str | None:
    """GBK bytes -> text, or None unless every character is plausible."""
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    return text if all(plausible(ch) for ch in text) else None


@lru_cache(maxsize=256)
def row(lead: int) -> tuple[str, ...]:
    """Every plausible character whose GBK code starts with this byte."""
    return tuple(ch for trail in range(0x40, 0xFF) if (ch := _char(lead, trail)))


@lru_cache(maxsize=256)
def column(trail: int) -> tuple[str, ...]:
    """Every plausible character whose GBK code ends with this byte."""
    return tuple(ch for lead in range(0x81, 0xFF) if (ch := _char(lead, trail)))


def _char(lead: int, trail: int) -> str:
    if trail == 0x7F:
        return ""
    text = decode(bytes([lead, trail]))
    return text if text and len(text) == 1 else ""


def user_defined(first: int, second: int) -> bool:
    """A GBK user-defined (private-use) code: AAA1-AFFE, F8A1-FEFE, A140-A7A0."""
    if 0xAA <= first <= 0xAF or 0xF8 <= first <= 0xFE:
        return 0xA1 <= second <= 0xFE
    return 0xA1 <= first <= 0xA7 and 0x40 <= second <= 0xA0 and second != 0x7F


def is_private_use(ch: str) -> bool:
    return "\ue000" <= ch <= "\uf8ff"


def ngrams(text: str) -> Counter[str]:
    """Every 2-4 character string of ideographs in the text."""
    seen: Counter[str] = Counter()
    for run in re.findall(r"[\u4e00-\u9fff]{2,}", text):
        for n in (2, 3, 4):
            seen.update(run[i : i + n] for i in range(len(run) - n + 1))
    return seen


@lru_cache(maxsize=1)
def words() -> Any:
    """jieba's dictionary (simplified word -> frequency); read from its file unless jieba is loaded."""
    import jieba

    if jieba.dt.initialized:
        return jieba.dt.FREQ
    words: dict[str, int] = {}
    with open(jieba.get_dict_file().name, encoding="utf-8") as handle:
        for entry in handle:
            word, freq = entry.split(" ", 2)[:2]
            words[word] = int(freq)
    return words


@lru_cache(maxsize=2)
def _opencc(config: str) -> Any:
    import opencc

    return opencc.OpenCC(config)


@lru_cache(maxsize=8192)
def t2s(ch: str) -> str:
    return _opencc("t2s").convert(ch) if is_cjk(ch) else ch


def simplify(text: str) -> str:
    """Character by character t2s, the same for a word and for the document it is looked up in."""
    return "".join(map(t2s, text))


@lru_cache(maxsize=8192)
def simplified_only(ch: str) -> bool:
    return is_cjk(ch) and t2s(ch) == ch and _opencc("s2t").convert(ch) != ch


@lru_cache(maxsize=4096)
def pinyins(char: str) -> frozenset[str]:
    from pypinyin import Style, pinyin

    return frozenset(pinyin(char, style=Style.TONE, heteronym=True)[0])


def is_traditional(document: str) -> bool:
    """A document in traditional script: many of its characters change under t2s."""
    sample = [ch for ch in document[:5000] if is_cjk(ch)]
    return bool(sample) and sum(t2s(ch) != ch for ch in sample) > len(sample) / 50
