"""Repair GBK mojibake runs in scraped pages (NOISE.md §3), before pinyin annotations are stripped.

A run is GBK text decoded one byte late: the lost byte shows as "?" and the run's characters are the
true bytes paired wrongly. Re-encode the visible run (ASCII punctuation back to full-width a3xx, private
use back to its user-defined code), put the lost byte in front, decode again. The run ends at a resync
letter (an ASCII trail byte), at an orphan lead byte ("?" before ",", "、" or the line end), at an
annotated character whose trail byte was swallowed with its "(" ("?syl)"), or at a swallowed ASCII
byte ("?" before a digit: that byte is gone, so it becomes a placeholder).

What the bytes determine is repaired exactly. A pinyin tail "?syl)" right after a character is a false
key: the annotator matched (previous trail byte, lost lead byte) as a dictionary character, which gives
the lost byte; with no such key the annotated host itself was eaten (lost host) and the file's own
annotations name it. A byte the text does not determine is chosen only when the context makes it
certain: a quote or bracket it must close, a word it makes with its neighbours that the same document
writes elsewhere, a clear sentence end, or one dominant dictionary word; otherwise it becomes "□".

A simplified-only character decoded inside a run of traditional text means misaligned bytes: it
becomes "□". A document that keeps no private-use character yet shows such a character deleted its
private-use pairs (001: NOISE §3.5); deleting a pair merges the two characters around it into one, so
there the misaligned character becomes "□□", and so does a decoded character of a quoted term that
neither the dictionary nor the document knows and that makes no word with its neighbours in the quote
(“定合一” for “二卡合一”). Pure: no I/O beyond reading jieba's dictionary once.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from rag.cleaning.mojibake_data import (
    DELIMITER_START,
    FOLDED,
    PLACEHOLDER,
    RESYNC,
    TAIL,
    UNFOLDED,
    column,
    decode,
    gbk,
    is_cjk,
    is_private_use,
    is_traditional,
    ngrams,
    pinyins,
    row,
    simplified_only,
    simplify,
    words,
)
from rag.cleaning.pinyin import annotation_pairs, strip_pinyin
from rag.types import ReportItem

WORD_MIN = 50  # a dictionary word rarer than this decides nothing on its own
DOMINANCE = 10  # ... and it must be this many times as frequent as the runner-up
COMMON_WORD = 1000  # a word this common decides alone (a false key's run must read as one)


@dataclass(frozen=True)
class _Part:
    """A piece of a repaired event: fixed text, or the candidates for a character one byte of which is lost."""

    options: tuple[str, ...]  # one: fixed; several: to choose by context; none: always a placeholder
    from_bytes: bool = False  # decoded from two visible bytes (in a deleting document it may hide a gap)
    merged: bool = False  # simplified-only in traditional text: the bytes around it are misaligned


@dataclass(frozen=True)
class _Event:
    line: int  # 1-based line number
    start: int  # index of the "?" in the line
    end: int  # index just after the event
    kind: str  # lost lead byte | false key | lost host
    parts: tuple[_Part, ...]


@dataclass(frozen=True)
class _Doc:
    hosts: dict[str, Counter[str]]  # syllable -> the characters the file annotates with it
    traditional: bool


@dataclass(frozen=True)
class _Evidence:
    words: Any  # jieba's dictionary: simplified word -> frequency
    seen: Counter[str]  # 2-4 character strings of the document (simplified, unknown bytes as □)


def repair_mojibake(text: str) -> tuple[str, list[ReportItem]]:
    """Repair every mojibake run; text without runs comes back unchanged (a literal "?" stays)."""
    if "?" not in text:
        return text, []
    hosts: dict[str, Counter[str]] = defaultdict(Counter)
    for host, syl in annotation_pairs(text):
        hosts[syl][host] += 1
    doc = _Doc(dict(hosts), is_traditional(strip_pinyin(text)[0]))
    lines = text.split("\n")
    events = {
        n: found for n, line in enumerate(lines, 1) if "?" in line and (found := _parse_line(line, n, doc))
    }
    if not events:
        return text, []
    every = [part for found in events.values() for event in found for part in event.parts]
    deleting = doc.traditional and any(p.merged for p in every) and not any(map(is_private_use, text))
    drafts = [_draft_line(line, events.get(n, [])) for n, line in enumerate(lines, 1)]
    evidence = _Evidence(words(), ngrams(simplify(strip_pinyin("\n".join(drafts))[0])))
    items: list[ReportItem] = []
    for n, found in events.items():
        lines[n - 1], line_items = _render_line(lines[n - 1], found, evidence, deleting)
        items.extend(line_items)
    return "\n".join(lines), items


# ---- pass 1: read the bytes of every event -------------------------------------------------------


def _parse_line(line: str, number: int, doc: _Doc) -> list[_Event]:
    events: list[_Event] = []
    drafted: list[str] = []
    i = 0
    while (q := line.find("?", i)) >= 0:
        drafted.append(line[i:q])
        tail = TAIL.match(line, q + 1)
        found: tuple[str, list[_Part], int] | None = None
        if tail:
            found = _false_key(line, q, tail.group(1), _last_char(drafted), doc)
        elif line[q + 1 : q + 2] in DELIMITER_START:
            found = _lost_lead(line, q, doc)
        if found is None:  # a literal question mark
            drafted.append("?")
            i = q + 1
            continue
        kind, parts, end = found
        events.append(_Event(number, q, end, kind, tuple(parts)))
        drafted.append(_draft(parts))
        i = end
    return events


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
            if nxt in {",", "、", "，"} or not line[i + 1 :].strip():
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
        code = gbk(ch)
        if code is None:
            return bytes(out), i, "open"
        out += code
        i += 1
    return bytes(out), i, "open"


def _lost_lead(line: str, q: int, doc: _Doc) -> tuple[str, list[_Part], int] | None:
    """'?' + run: the lost lead byte makes the first character with the run's first byte."""
    body, end, how = _run_bytes(line, q + 1)
    if not body or how == "open" or not column(body[0]):
        return None
    tail = _tail(line, body[1:], end, how, doc)
    if tail is None:
        return None
    parts, end = tail
    return "lost lead byte", [_candidates(column(body[0]), doc), *parts], end


def _tail(line: str, data: bytes, end: int, how: str, doc: _Doc) -> tuple[list[_Part], int] | None:
    """Decode aligned bytes and close the run by how it ended."""
    if how == "resync":
        text = decode(data)
        return (_decoded(text, doc), end) if text is not None and len(data) % 2 == 0 else None
    if len(data) % 2 == 0:
        return None  # the last byte must be a lead waiting for its lost trail
    head = decode(data[:-1])
    if head is None:
        return None
    parts = _decoded(head, doc)
    if how == "annotated":  # the trail byte went with the "(" of the annotation
        syl = TAIL.match(line, end + 1).group(1)  # type: ignore[union-attr]
        parts += [_candidates(_keys(row(data[-1]), syl, doc), doc), _Part((f"({syl})",))]
        return parts, end + len(syl) + 2
    parts.append(_candidates(row(data[-1]), doc))
    if how == "swallow":  # the ASCII byte after the lost trail byte went with it
        parts.append(_Part(()))
    return parts, end + 1


def _false_key(line: str, q: int, syl: str, left: str, doc: _Doc) -> tuple[str, list[_Part], int] | None:
    """'?syl)': the annotator keyed on (previous trail byte, lost lead byte); or it ate the host."""
    after = q + len(syl) + 2
    prev = gbk(left) if left and left != PLACEHOLDER else None
    body, end, how = _run_bytes(line, after)
    if prev is not None and how != "open":
        readings = []
        for key in _keys(row(prev[1]), syl, doc):
            tail = _tail(line, gbk(key)[1:] + body, end, how, doc)  # type: ignore[index]
            if tail is not None:
                readings.append(tail)
        drafts = {_draft(parts): (parts, end) for parts, end in readings}
        chosen = next(iter(drafts)) if len(drafts) == 1 else _dominant(_fluency_of(drafts), WORD_MIN)
        if chosen is not None:  # one reading, or one that reads as a word (擔當, not 廁當)
            return "false key", *drafts[chosen]
    hosts = doc.hosts.get(syl, Counter())
    host = _Part((next(iter(hosts)),)) if len(hosts) == 1 else _Part(())
    return "lost host", [host, _Part((f"({syl})",))], after


def _keys(chars: tuple[str, ...], syl: str, doc: _Doc) -> tuple[str, ...]:
    """The characters read with this syllable; the file's own annotated characters first."""
    keys = tuple(ch for ch in chars if syl in pinyins(ch))
    known = tuple(ch for ch in keys if ch in doc.hosts.get(syl, ()))
    return known or keys


def _decoded(text: str, doc: _Doc) -> list[_Part]:
    return [_Part((ch,), from_bytes=True, merged=doc.traditional and simplified_only(ch)) for ch in text]


def _candidates(chars: tuple[str, ...], doc: _Doc) -> _Part:
    """The characters a lost byte allows; a traditional document rules out simplified-only ones."""
    return _Part(tuple(ch for ch in chars if not (doc.traditional and simplified_only(ch))))


def _draft(parts: list[_Part] | tuple[_Part, ...]) -> str:
    return "".join(p.options[0] if len(p.options) == 1 and not p.merged else PLACEHOLDER for p in parts)


def _draft_line(line: str, events: list[_Event]) -> str:
    out, i = [], 0
    for event in events:
        out += [line[i : event.start], _draft(event.parts)]
        i = event.end
    return "".join(out) + line[i:]


def _last_char(drafted: list[str]) -> str:
    return strip_pinyin("".join(drafted)[-40:])[0][-1:]


# ---- pass 2: choose what the context makes certain ------------------------------------------------


def _render_line(
    line: str, events: list[_Event], evidence: _Evidence, deleting: bool
) -> tuple[str, list[ReportItem]]:
    """Resolve the open characters of a line's events by their context, then write the events."""
    cells = _cells(line, events, deleting)
    values: list[str | None] = [_fixed_value(part) for part, _ in cells]
    for j, (part, _) in enumerate(cells):
        if values[j] is None:
            left = strip_pinyin("".join(v or "" for v in values[:j]))[0]
            values[j] = _resolve(part.options, left, _right(values, j), evidence) or PLACEHOLDER
    done = [v or "" for v in values]
    if deleting:
        cells, done = _split_isolated(cells, done, evidence)
    out: list[str] = []
    items: list[ReportItem] = []
    for (_, k), value in zip(cells, done, strict=True):
        out.append(value if k < 0 or value == "？" else UNFOLDED.get(value, value))
    for k, event in enumerate(events):
        text = "".join(v for (_, owner), v in zip(cells, out, strict=True) if owner == k)
        before = line[event.start : event.end]
        items.append(
            ReportItem("mojibake", f"GBK bytes read one byte late ({event.kind})", before, text, event.line)
        )
        reason = "a character the bytes do not determine"
        items += [ReportItem("placeholder", reason, before, text, event.line)] * text.count(PLACEHOLDER)
    return "".join(out), items


def _cells(line: str, events: list[_Event], deleting: bool) -> list[tuple[_Part, int]]:
    """The line as parts, each with the index of its event (-1: text between events)."""
    cells: list[tuple[_Part, int]] = []
    i = 0
    for k, event in enumerate(events):
        cells.append((_Part((line[i : event.start],)), -1))
        for part in event.parts:
            gap = [_Part(())] * (2 if deleting else 1)  # two true characters, or misaligned bytes
            cells += [(p, k) for p in (gap if part.merged else [part])]
        i = event.end
    cells.append((_Part((line[i:],)), -1))
    return cells


def _fixed_value(part: _Part) -> str | None:
    if len(part.options) == 1:
        return part.options[0]
    return PLACEHOLDER if not part.options else None


def _right(values: list[str | None], j: int) -> str:
    """The certain text after position j, up to the next character still open."""
    out = []
    for value in values[j + 1 :]:
        if value is None:
            break
        out.append(value)
    return strip_pinyin("".join(out))[0]


def _split_isolated(
    cells: list[tuple[_Part, int]], values: list[str], evidence: _Evidence
) -> tuple[list[tuple[_Part, int]], list[str]]:
    """In a deleting document, a decoded character of a quoted term that neither the dictionary nor
    the document knows, and that makes no word with its neighbours in the quote, may be two
    characters whose middle bytes were deleted: it becomes two placeholders."""
    new_cells: list[tuple[_Part, int]] = []
    new_values: list[str] = []
    for j, ((part, k), ch) in enumerate(zip(cells, values, strict=True)):
        quote = _quote_around(values, j) if part.from_bytes and is_cjk(ch) else None
        isolated = quote is not None and _support(quote[0], ch, quote[1], evidence, 2)[0] == 0
        if isolated and not _attested(quote[0] + ch + quote[1], evidence):  # type: ignore[index]
            new_cells += [(_Part(()), k)] * 2
            new_values += [PLACEHOLDER] * 2
            continue
        new_cells.append((part, k))
        new_values.append(ch)
    return new_cells, new_values


def _quote_around(values: list[str], j: int) -> tuple[str, str] | None:
    """(text after the opening quote, text before the closing one) around position j, both certain."""
    left = strip_pinyin("".join(values[:j]))[0][-40:]
    right = strip_pinyin("".join(values[j + 1 :]))[0][:40]
    if "“" not in left or "”" not in right:
        return None
    inside_left = left.rsplit("“", 1)[1]
    inside_right = right.split("”", 1)[0]
    if "”" in inside_left or "“" in inside_right or PLACEHOLDER in inside_left + inside_right:
        return None
    return inside_left, inside_right


def _attested(term: str, evidence: _Evidence) -> bool:
    """A dictionary word, or a string the document writes more than once."""
    plain = simplify(term)
    return plain in evidence.words or evidence.seen.get(plain, 0) >= 2


def _resolve(options: tuple[str, ...], left: str, right: str, evidence: _Evidence) -> str | None:
    """The one candidate the context makes certain, or None. In order: a quote or bracket to close;
    a dictionary word the document also writes; a dictionary word started with the text after it;
    a common word ended with the text before it; a full stop after a clause; a pair the document
    writes; one dominant dictionary word."""
    closing = _closing(left, right, options)
    if closing is not None:
        return closing
    scores = {ch: _support(left[-6:], ch, right[:6], evidence, 1) for ch in options if is_cjk(ch)}
    top = max((tier for tier, _ in scores.values()), default=0)
    best = [ch for ch, (tier, _) in scores.items() if tier == top]
    if top == 3:
        return best[0] if len(best) == 1 else None
    starts = [ch for ch in scores if _starts_word(ch, right, evidence) >= WORD_MIN]
    if len(starts) == 1:
        return starts[0]
    ended = {ch: evidence.words.get(simplify(left[-1:] + ch), 0) for ch in scores}
    if (common := _dominant(ended, COMMON_WORD)) is not None:
        return common  # a common word ended with the text before it (上海)
    if "。" in options and _after_clause_start(left):
        return "。"
    if top == 2:
        return best[0] if len(best) == 1 else None
    return _dominant({ch: freq for ch, (_, freq) in scores.items()}, WORD_MIN) if top == 1 else None


def _dominant(freqs: dict[str, int], floor: int) -> str | None:
    """The candidate whose word is at least `floor` frequent and DOMINANCE times the runner-up's."""
    ranked = sorted(((freq, ch) for ch, freq in freqs.items()), reverse=True)
    if not ranked:
        return None
    runner_up = ranked[1][0] if len(ranked) > 1 else 0
    return ranked[0][1] if ranked[0][0] >= max(floor, DOMINANCE * runner_up) else None


def _starts_word(ch: str, right: str, evidence: _Evidence) -> int:
    """Frequency of a dictionary word ch starts with the text after it, unless that text's own
    first word is more frequent (海基 loses to 基本 in 。基本建成)."""
    plain = simplify(right[:3])
    if not plain or not is_cjk(plain[0]):
        return 0
    words = evidence.words
    longer = max((words.get(simplify(ch) + plain[:n], 0) * 10 for n in (2, 3)), default=0)
    pair = words.get(simplify(ch) + plain[0], 0)
    return max(longer, pair if pair > words.get(plain[:2], 0) else 0)


def _support(left: str, ch: str, right: str, evidence: _Evidence, seen_min: int) -> tuple[int, int]:
    """(tier, weight) of the best word ch makes with its neighbours: 3 a dictionary word the document
    writes (seen_min times), 2 a string the document writes, 1 a dictionary word only."""
    best = (0, 0)
    for word in _windows(left, ch, right):
        plain = simplify(word)
        freq = evidence.words.get(plain, 0)
        if evidence.seen.get(plain, 0) >= seen_min:
            tier = 3 if freq else 2
        elif freq:
            tier = 1
        else:
            continue
        best = max(best, (tier, freq * (10 if len(word) >= 3 else 1)))
    return best


def _windows(left: str, ch: str, right: str) -> Iterator[str]:
    """Strings of 2-4 characters made by ch with its neighbouring ideographs."""
    before = re.search(r"[\u4e00-\u9fff]{0,3}$", left).group()  # type: ignore[union-attr]
    after = re.match(r"[\u4e00-\u9fff]{0,3}", right).group()  # type: ignore[union-attr]
    for a in range(len(before) + 1):
        for b in range(len(after) + 1):
            if 2 <= a + 1 + b <= 4:
                yield before[len(before) - a :] + ch + after[:b]


def _closing(left: str, right: str, options: tuple[str, ...]) -> str | None:
    """A quote or bracket that balances what is open on the left (or closed on the right)."""
    if left.count("“") > left.count("”") and "”" in options:
        return "”"
    if left.count("(") + left.count("（") > left.count(")") + left.count("）") and "）" in options:
        return "）"
    if "”" in right.split("“")[0] and "“" in options:
        return "“"
    return None


def _after_clause_start(left: str) -> bool:
    """A full stop needs a clause before it: three characters since the last break, no quote open."""
    tail = re.split(r"[“（(，,、。；;]", left)[-1]
    return len(tail) >= 3 and left.count("“") <= left.count("”")


def _fluency_of(texts: dict[str, Any]) -> dict[str, int]:
    return {text: _fluency(text) for text in texts}


def _fluency(text: str) -> int:
    """The best dictionary-word frequency among the text's adjacent character pairs."""
    plain = simplify(strip_pinyin(text)[0])
    return max((words().get(plain[i : i + 2], 0) for i in range(len(plain) - 1)), default=0)
