"""Page text -> paragraphs: drop page furniture (running headers/footers, page numbers), rejoin lines
broken inside a sentence, and turn aligned cell rows into table rows. Pure functions on lists of lines.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from rag.numerals import MULTIPLIER, UNITS

EDGE_LINES = 3  # running headers/footers sit in the first or last lines of a page
PAGE_NUMBER = re.compile(
    r"^(第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?|[-—–－]\s*\d+\s*[-—–－]|\d+\s*/\s*\d+|\d{1,4}"
    r"|page\s*\d+(\s*of\s*\d+)?|\d+\s*of\s*\d+)$",
    re.I,
)
SENTENCE_END = "。！？!?；;：:…"
CELL_MAX = 24
ORPHAN_MAX = 3  # 1-3 Chinese characters alone on a line: the end of the line above
# a line that stops inside a figure (「完成4.26」, 「13.」, 「91.30亿」), and one that starts with the rest of it
FIGURE_CUT = re.compile(rf"[\u4e00-\u9fff，,：:][\d,]*\d(?:\.\d*)?(?:{MULTIPLIER})?$")
UNIT_GOES_ON = re.compile(rf"[\d.]*(?:{MULTIPLIER})?(?![年月日])(?:{UNITS})(?=[，,；;。、）)]|$)")
FULL_LINE = 0.85  # a line at least this share of the usual full width runs on into the next


def _key(line: str) -> str:
    """Lines that differ only in page numbers, dates or spacing are the same furniture."""
    line = unicodedata.normalize("NFKC", line)  # ligatures (ﬁle:///) and full-width digits
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line))


def strip_furniture(pages: list[list[str]]) -> tuple[list[list[str]], list[str]]:
    """(pages without running headers/footers and page numbers, the lines removed)."""
    pages = [[line.strip() for line in page if line.strip()] for page in pages]
    edges: Counter[str] = Counter()
    for page in pages:
        edges.update({_key(line) for line in page[:EDGE_LINES] + page[-EDGE_LINES:]})
    repeated = {k for k, n in edges.items() if len(pages) >= 2 and n >= max(2, (len(pages) + 1) // 2)}
    kept: list[list[str]] = []
    removed: list[str] = []
    for page in pages:
        out = []
        for i, line in enumerate(page):
            at_edge = i < EDGE_LINES or i >= len(page) - EDGE_LINES
            if at_edge and (_key(line) in repeated or PAGE_NUMBER.match(line)):
                removed.append(line)
            else:
                out.append(line)
        kept.append(out)
    return kept, removed


def width(line: str) -> int:
    """Display width: CJK characters and full-width punctuation count 2."""
    return sum(1 if ord(ch) < 0x1100 and not 0x2018 <= ord(ch) <= 0x201F else 2 for ch in line)


def cells(line: str) -> list[str] | None:
    """The cells of a line printed as a table row (short space-separated items, no sentence), or None."""
    parts = line.split()
    if len(parts) < 2 or any(width(p) > 2 * CELL_MAX for p in parts):
        return None
    if re.search(r"[，。；]", line):
        return None
    return parts


def mark_tables(lines: list[str]) -> list[str]:
    """Runs of >= 2 lines with the same number of cells, one of them with a figure, become `a | b | c`."""
    out = list(lines)
    i = 0
    while i < len(lines):
        first = cells(lines[i])
        j = i + 1
        while first and j < len(lines) and (row := cells(lines[j])) and len(row) == len(first):
            j += 1
        if first and j - i >= 2 and any(re.search(r"\d", line) for line in lines[i:j]):
            for k in range(i, j):
                out[k] = " | ".join(lines[k].split())
            i = j
        else:
            i += 1
    return out


def join_broken(lines: list[str]) -> list[str]:
    """Rejoin a line that fills the page width and does not end a sentence with the line after it."""
    widths = [width(line) for line in lines if " | " not in line]
    if not widths:
        return lines
    full = _full_width(widths)
    out: list[str] = []
    open_line = False
    for line in lines:
        table = " | " in line
        if open_line and out and not table:
            glue = " " if re.search(r"[A-Za-z]$", out[-1]) and re.match(r"[A-Za-z]", line) else ""
            out[-1] += glue + line
        elif out and _orphan(line) and " | " not in out[-1] and out[-1][-1] not in SENTENCE_END:
            out[-1] += line  # the last word of a wrapped title: 「…人民政府工作」「报告」
        elif (
            out
            and not table
            and " | " not in out[-1]
            and FIGURE_CUT.search(out[-1])
            and UNIT_GOES_ON.match(line)
        ):
            out[-1] += line  # a figure broken from its unit: 「…收入完成4.26」「亿元，为预算的100.7%」
        else:
            out.append(line)
        open_line = not table and width(line) >= full and line[-1] not in SENTENCE_END
    return out


HARD_WRAPPED = 0.3  # this share of a text's lines running on at the full width: it was wrapped by hand


def hard_wrapped(lines: list[str]) -> bool:
    """The text's lines were broken at a fixed width (a report copied out of a PDF as text): many of them fill
    the usual full width and stop inside a sentence. One paragraph per line, as scraped pages are, is not."""
    prose = [line for line in lines if " | " not in line and width(line) >= 20]
    if len(prose) < 5:
        return False
    full = _full_width([width(line) for line in prose])
    running = sum(1 for line in prose if width(line) >= full and line.rstrip()[-1] not in SENTENCE_END)
    return running >= 3 and running >= HARD_WRAPPED * len(prose)


def _full_width(widths: list[int]) -> float:
    """The width from which a line runs on: FULL_LINE of the usual full width (the widest tenth's)."""
    return sorted(widths)[int(len(widths) * 0.9)] * FULL_LINE


def _orphan(line: str) -> bool:
    return len(line) <= ORPHAN_MAX and bool(re.fullmatch(r"[\u4e00-\u9fff]+", line))


def pages_to_text(pages: list[list[str]]) -> tuple[str, list[str]]:
    """(the document text, one paragraph or table row per line; the furniture lines removed)."""
    kept, removed = strip_furniture(pages)
    lines = mark_tables([line for page in kept for line in page])
    return "\n".join(join_broken(lines)), removed
