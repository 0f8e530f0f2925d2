"""Repair GBK mojibake runs in scraped pages (NOISE.md §3), before pinyin annotations are stripped.

A run is GBK text decoded one byte late: the lost byte shows as "?" and the run's characters are the
true bytes paired wrongly. Re-encode the visible run, put the lost byte in front, decode again. The run
ends at a resync letter (an ASCII trail byte), at an orphan byte ("?" before ，/、), at an annotated
character whose trail byte was swallowed ("?syl)"), or at a swallowed digit ("?" before a digit).

What the bytes determine is repaired exactly: a pinyin tail "?syl)" names the character whose code
gave the lost byte (a "false key": the annotator matched a byte pair across two characters). A byte
the text does not determine is chosen only when exactly one candidate makes a dictionary word with its
neighbour; otherwise it becomes the visible placeholder "□". Nothing plausible is ever invented.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rag.cleaning.pinyin import SYLLABLE, TONED, annotation_pairs, strip_pinyin
from rag.types import ReportItem

PLACEHOLDER = "□"
# Inside a run, full-width punctuation was folded to ASCII; fold it back to its GBK bytes.
FOLDED = {"!": "！", ";": "；", "?": "？", ":": "：", ",": "，", "(": "（", ")": "）", "%": "％"}
DELIMITER_START = set("!;?,。、！；？，")  # a run starts with the byte-level delimiter that split the text
TAIL = re.compile(rf"(?=[^()]*[{TONED}])({SYLLABLE})\)")
RESYNC = re.compile(r"[@-~]")  # an ASCII trail byte ends the run
SENTENCE_BREAKS = "。！？；“”"


@dataclass(frozen=True)
class _Run:
    text: str  # the repaired text of the event
    end: int  # index in the line just after the event
    placeholders: int


@lru_cache(maxsize=1)
def _words() -> Any:
    """jieba's dictionary (simplified words -> frequency) to judge a guessed character by its word."""
    import jieba

    jieba.initialize()
    return jieba.dt.FREQ


@lru_cache(maxsize=4096)
def _pinyins(char: str) -> frozenset[str]:
    from pypinyin import Style, pinyin

    return frozenset(pinyin(char, style=Style.TONE, heteronym=True)[0])


def _gbk(char: str) -> bytes | None:
    try:
        data = char.encode("gb18030")
    except UnicodeEncodeError:
        return None
    return data if len(data) == 2 else None


def _decode(data: bytes) -> str | None:
    """GBK bytes -> text, or None unless every character is a CJK ideograph or Chinese punctuation."""
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    return text if all(_plausible(ch) for ch in text) else None


def _plausible(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or ch in "。，、；：？！“”‘’（）《》—…·"


def _simplified(text: str) -> str:
    from rag.cleaning.normalize import to_simplified

    return to_simplified(text)


def _word_score(left: str, candidate: str, right: str) -> int:
    """Frequency of the best dictionary word made by the candidate with its neighbours (x10 for 3+ chars)."""
    words = _words()
    best = 0
    for before in (left[-2:], left[-1:], ""):
        for after in (right[:2], right[:1], ""):
            if not before and not after:
                continue
            word = _simplified(before + candidate + after)
            weight = 10 if len(word) >= 3 else 1  # a longer word is much stronger evidence
            best = max(best, words.get(word, 0) * weight)
    return best


COMMON_WORD = 1000  # jieba frequency of a word common enough to decide a byte on its own
RIGHT_WORD = 100  # lower for a word the guessed character starts: the characters after it are certain


def _choose(options: dict[str, str], left: str, right: str, document: str) -> str | None:
    """The decoded text whose guessed character is certain; None if not.

    `options` maps each candidate character to the full decoded run it implies. A candidate is
    certain when it alone closes a quote or bracket left open, or alone makes a word with a
    neighbour that is common (jieba) or occurs elsewhere in the same document.
    """
    balance = _closing(left, right, options)
    if balance is not None:
        return options[balance]
    cjk = [ch for ch in options if "\u4e00" <= ch <= "\u9fff"]
    starts_word = [ch for ch in cjk if right and _word_score("", ch, right) >= RIGHT_WORD]
    if len(starts_word) == 1:  # the text after the byte is certain: a word it starts is strong evidence
        return options[starts_word[0]]
    good = [
        ch
        for ch in cjk
        if _word_score(left, ch, "") >= COMMON_WORD
        or (left[-1:].strip() and _word_in(left[-1] + ch, document))
        or (_is_cjk(right[:1]) and _word_in(ch + right[0], document))
    ]
    return options[good[0]] if len(good) == 1 else None


def _fluency(text: str) -> int:
    """The best dictionary-word frequency among the text's adjacent character pairs."""
    plain = _simplified(re.sub(r"\(.*?\)", "", text))
    return max((_words().get(plain[i : i + 2], 0) for i in range(len(plain) - 1)), default=0)


def _word_in(pair: str, document: str) -> bool:
    """A dictionary word that the same document also writes elsewhere (e.g. 社保 in 社保卡)."""
    return _words().get(_simplified(pair), 0) > 0 and document.count(pair) > 0


def _is_cjk(ch: str) -> bool:
    return bool(ch) and "\u4e00" <= ch <= "\u9fff"


def _closing(left: str, right: str, options: dict[str, str]) -> str | None:
    """A bracket or quote that balances what is open on the left (or closed on the right)."""
    if left.count("“") > left.count("”") and "”" in options:
        return "”"
    if left.count("(") + left.count("（") > left.count(")") + left.count("）") and "）" in options:
        return "）"
    ahead = right.split("“")[0]
    if "”" in ahead and "“" in options:
        return "“"
    return None


def _after_clause_start(left: str) -> bool:
    """A full stop needs a clause before it: three characters since the last break, no quote open."""
    tail = re.split(r"[“（(，,、。；;]", left)[-1]
    return len(tail) >= 3 and left.count("“") <= left.count("”")


def _run_bytes(line: str, start: int) -> tuple[bytes, int, str]:
    """Re-encode a visible run from `start`; returns (bytes, end index, how the run ended)."""
    out = bytearray()
    i = start
    while i < len(line):
        ch = line[i]
        if ch == "?":
            nxt = line[i + 1 : i + 2]
            if TAIL.match(line, i + 1):
                return bytes(out), i, "annotated"
            if nxt.isdigit():
                return bytes(out), i, "swallow"
            if nxt in {",", "、", "，", ""} or not line[i + 1 :].strip():
                return bytes(out), i, "orphan"
        if ch in FOLDED:
            ch = FOLDED[ch]
        elif ch.isascii() and ch.isalpha() and line[i + 1 : i + 2] == "?":
            ch = chr(ord(ch) + 0xFEE0)  # a full-width letter folded to ASCII, not a resync byte
        elif ord(ch) < 0x80:
            if RESYNC.match(ch):
                out.append(ord(ch))
                return bytes(out), i + 1, "resync"
            return bytes(out), i, "open"
        code = _gbk(ch)
        if code is None:
            return bytes(out), i, "open"
        out += code
        i += 1
    return bytes(out), i, "open"


def _finish(line: str, lead: bytes, body: bytes, end: int, how: str, left: str, document: str) -> _Run | None:
    """Decode lead + body and close the run by how it ended."""
    placeholders = 0
    if how == "resync":
        text = _decode(lead + body)
        return _Run(text, end, 0) if text is not None and len(lead + body) % 2 == 0 else None
    data = lead + body
    if len(data) % 2 == 0:
        return None  # the last byte must be a lead waiting for its lost trail
    head = _decode(data[:-1]) if len(data) > 1 else ""
    if head is None:
        return None
    last_lead = data[-1]
    if how == "annotated":
        syl = TAIL.match(line, end + 1).group(1)  # type: ignore[union-attr]
        chars = [c for c in _row(last_lead) if syl in _pinyins(c)]
        tail_end = end + 1 + len(syl) + 1
        if len(chars) == 1:
            return _Run(f"{head}{chars[0]}({syl})", tail_end, 0)
        return _Run(f"{head}{PLACEHOLDER}", tail_end, 1)
    right = line[end + 1 : end + 6]
    options = {c: head + c for c in _row(last_lead)}
    chosen = _choose(options, left + head, right, document)
    text = chosen if chosen is not None else head + PLACEHOLDER
    placeholders += chosen is None
    if how == "swallow":  # the next ASCII byte (a digit) was swallowed with the trail byte
        text += PLACEHOLDER
        placeholders += 1
    return _Run(text, end + 1, placeholders)


@lru_cache(maxsize=256)
def _row(lead: int) -> tuple[str, ...]:
    """Every character whose GBK code starts with this byte."""
    chars = []
    for trail in range(0x40, 0xFF):
        if trail == 0x7F:
            continue
        text = _decode(bytes([lead, trail]))
        if text and len(text) == 1:
            chars.append(text)
    return tuple(chars)


def _lost_lead(line: str, q: int, left: str, document: str) -> _Run | None:
    """'?' + run: try every lead byte; keep the one the dictionary (or a clear sentence end) supports."""
    body, end, how = _run_bytes(line, q + 1)
    if not body or how == "open":
        return None
    options: dict[str, str] = {}
    runs: dict[str, _Run] = {}
    for lead in range(0x81, 0xFF):
        run = _finish(line, bytes([lead]), body, end, how, left, document)
        if run is not None and run.text:
            options[run.text[0]] = run.text
            runs[run.text[0]] = run
    if not options:
        return None
    chosen = _choose(options, left, options[next(iter(options))][1:3], document)
    if chosen is None and "。" in options and _after_clause_start(left):
        chosen = options["。"]
    if chosen is not None:
        return runs[chosen[0]]
    any_run = next(iter(runs.values()))
    return _Run(PLACEHOLDER + any_run.text[1:], any_run.end, any_run.placeholders + 1)


def _false_key(
    line: str, q: int, syl: str, left: str, hosts: dict[str, Counter[str]], document: str
) -> _Run | None:
    """'?syl)': the annotator keyed on (previous trail byte, lost lead byte); or it ate the host."""
    after_tail = q + 1 + len(syl) + 1
    prev = _gbk(left[-1]) if left else None
    if prev is not None:
        keys = [c for c in _row(prev[1]) if syl in _pinyins(c)]
        known = [c for c in keys if c in hosts.get(syl, {})]  # the annotator's own dictionary first
        body, end, how = _run_bytes(line, after_tail)
        runs = []
        for key in known or keys:
            lead = _gbk(key)[1:]  # type: ignore[index]
            run = _finish(line, lead, body, end, how, left, document) if how != "open" else None
            if run is not None:
                runs.append(run)
        if len({r.text for r in runs}) == 1:
            return runs[0]
        if runs:  # several keys share the syllable: keep the one whose run reads as words (實現, not 袓現)
            ranked = sorted(runs, key=lambda r: -_fluency(r.text))
            if _fluency(ranked[0].text) >= COMMON_WORD and _fluency(ranked[1].text) == 0:
                return ranked[0]
    host = hosts.get(syl)
    if host and len(host) == 1:  # lost host: the annotated character itself was eaten
        return _Run(f"{next(iter(host))}({syl})", after_tail, 0)
    return _Run(f"{PLACEHOLDER}({syl})", after_tail, 1)


def _repair_line(
    line: str, number: int, hosts: dict[str, Counter[str]], document: str, traditional: bool
) -> tuple[str, list[ReportItem]]:
    out: list[str] = []
    items: list[ReportItem] = []
    i = 0
    while True:
        q = line.find("?", i)
        if q < 0:
            out.append(line[i:])
            break
        out.append(line[i:q])
        left = strip_pinyin("".join(out)[-40:])[0][-12:]
        tail = TAIL.match(line, q + 1)
        run: _Run | None = None
        if tail:
            run = _false_key(line, q, tail.group(1), left, hosts, document)
        elif line[q + 1 : q + 2] in DELIMITER_START:
            run = _lost_lead(line, q, left, document)
        if run is None:  # a literal question mark
            out.append("?")
            i = q + 1
            continue
        before = line[q : run.end]
        if traditional:
            run = _mask_simplified(run)
        out.append(run.text)
        items.append(ReportItem("mojibake", "GBK bytes decoded one byte late", before, run.text, number))
        items.extend(
            ReportItem("placeholder", "a byte the text does not determine", before, run.text, number)
            for _ in range(run.placeholders)
        )
        i = run.end
    return "".join(out), items


@lru_cache(maxsize=1)
def _s2t() -> Any:
    import opencc

    return opencc.OpenCC("s2t")


def _is_traditional(document: str) -> bool:
    """A document in traditional script: many of its characters change under t2s."""
    sample = "".join(ch for ch in document[:5000] if _is_cjk(ch))
    return (
        bool(sample)
        and sum(a != b for a, b in zip(sample, _simplified(sample), strict=False)) > len(sample) / 50
    )


def _mask_simplified(run: _Run) -> _Run:
    """In a traditional document, a simplified-only character in a repaired run means the bytes were
    misaligned (e.g. a deleted private-use pair): it becomes a placeholder, not a guess."""
    chars = list(run.text)
    masked = 0
    for i, ch in enumerate(chars):
        if _is_cjk(ch) and _s2t().convert(ch) != ch and _simplified(ch) == ch:
            chars[i] = PLACEHOLDER
            masked += 1
    return _Run("".join(chars), run.end, run.placeholders + masked) if masked else run


def repair_mojibake(text: str) -> tuple[str, list[ReportItem]]:
    """Repair every mojibake run; text without runs comes back unchanged."""
    if "?" not in text:
        return text, []
    hosts: dict[str, Counter[str]] = defaultdict(Counter)
    for host, syl in annotation_pairs(text):
        hosts[syl][host] += 1
    document = strip_pinyin(text)[0]
    traditional = _is_traditional(document)
    lines: list[str] = []
    items: list[ReportItem] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if "?" in line:
            line, found = _repair_line(line, number, hosts, document, traditional)
            items.extend(found)
        lines.append(line)
    return "\n".join(lines), items
