"""CleanDoc -> Chunks: paragraph-first, then sentence boundaries, never inside a number or a quote.

Each chunk is a verbatim slice `doc.text[start:end]` with the heading path in force at its start.
Chunk size ~300 characters with 80 of overlap: a fact (one figure in one sentence) fits with its
neighbours, and long paragraphs of these reports (1,000+ characters) split into a few chunks.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from typing import Any

from rag.cleaning.boilerplate import table_cells
from rag.cleaning.headings import section_path
from rag.types import Chunk, CleanDoc

# Paragraph, then sentence ends, then clause breaks; "" only for a sentence longer than a chunk.
SEPARATORS = ["\n", "。", "！", "？", "；", "，", "、", ""]
MIN_CHUNK = 20  # a short line (a heading, "各位代表：") is merged into what follows
SENTENCE_ENDS = "。！；"  # not ？: 「问五：…带哪些材料？」 opens its answer below


@lru_cache(maxsize=8)
def _splitter(size: int, overlap: int) -> Any:
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    return RecursiveCharacterTextSplitter(
        separators=SEPARATORS,
        chunk_size=size,
        chunk_overlap=overlap,
        keep_separator="end",
        strip_whitespace=False,
        length_function=len,
    )


def _paragraph_spans(text: str) -> list[tuple[int, int, int]]:
    """(start, body start, end) of each paragraph; short lines before it (headings) are joined to it.
    A table's rows are one paragraph, so that a row is chunked under its header row while they fit, with the
    caption line above that gives their unit."""
    spans: list[tuple[int, int, int]] = []
    pending: int | None = None
    in_table = False
    offset = 0
    for line in text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        if not line.strip():
            continue
        row = table_cells(line) is not None
        if row and in_table:
            spans[-1] = (spans[-1][0], spans[-1][1], end)
            continue
        if row and spans and not in_table and _caption(text, spans[-1], start):
            # the caption's line is chunked with the table too (the two overlap there): the rows' figures are
            # read in its unit, and its own sentence is still found in a passage of its own size
            spans.append((spans[-1][1], spans[-1][1], end))
            in_table = True
            continue
        in_table = row
        if len(line) < MIN_CHUNK and not row:
            if pending is None and spans and line.rstrip()[-1:] in SENTENCE_ENDS:
                # 「每场次以40只为限，额满为止。」: a short sentence ends the paragraph above, not the heading below
                spans[-1] = (spans[-1][0], spans[-1][1], end)
                continue
            pending = start if pending is None else pending
            continue
        spans.append((start if pending is None else pending, start, end))
        pending = None
    if pending is not None:
        spans.append((pending, pending, len(text)))
    return spans


# a line that gives a table's unit (「主要支出科目安排如下（单位：亿元）：」, 「表1 …（单位：万元）」)
CAPTION = re.compile(r"单位[:：]")


def _caption(text: str, paragraph: tuple[int, int, int], table_start: int) -> bool:
    """The paragraph is one line right above the table (blank lines between) that names its unit: the rows'
    figures are read in it, so it is chunked with them."""
    body = text[paragraph[1] : paragraph[2]]
    return "\n" not in body and not text[paragraph[2] : table_start].strip() and bool(CAPTION.search(body))


def _pieces(text: str, start: int, end: int, size: int, overlap: int) -> list[tuple[int, int]]:
    """Split one paragraph span into (start, end) pieces of at most ~size characters."""
    if end - start <= size:
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    cursor = start
    for piece in _splitter(size, overlap).split_text(text[start:end]):
        found = text.find(piece, max(cursor - size, start), end)
        if found < 0:  # should not happen: pieces are verbatim
            continue
        pieces.append((found, found + len(piece)))
        cursor = found + 1
    return pieces


def _table_head(text: str, body_start: int, start: int) -> str:
    """The caption line and header row of the table a chunk starting at `start` is cut from (its first line a
    row below them in the paragraph from `body_start`), or "": its rows are read under them."""
    line_end = text.find("\n", start)
    if table_cells(text[start : line_end if line_end >= 0 else len(text)]) is None:
        return ""
    lines = text[body_start:start].split("\n")[:-1]  # the paragraph's whole lines above the chunk
    header = next((i for i, line in enumerate(lines) if table_cells(line) is not None), None)
    if header is None:
        return ""
    caption = [line for line in lines[:header] if line.strip()][-1:]
    return "\n".join([*caption, lines[header]])


def chunk_id(doc_id: str, start: int, text: str) -> str:
    return hashlib.sha256(f"{doc_id}:{start}:{text}".encode()).hexdigest()[:16]


def chunk_document(doc: CleanDoc, *, size: int, overlap: int) -> list[Chunk]:
    chunks: list[Chunk] = []
    for lead_start, p_start, p_end in _paragraph_spans(doc.text):
        pieces = _pieces(doc.text, p_start, p_end, size, overlap)
        if pieces:  # the short heading lines before the paragraph go with its first piece
            pieces[0] = (lead_start, pieces[0][1])
        for start, end in pieces:
            body = doc.text[start:end].strip("\n")
            if not body.strip():
                continue
            start = doc.text.index(body, start)
            section = section_path(doc.headings, start)
            cid = chunk_id(doc.doc_id, start, body)
            head = _table_head(doc.text, p_start, start)
            chunks.append(Chunk(cid, doc.doc_id, body, start, start + len(body), section, doc.meta, head))
    return chunks


def index_text(chunk: Chunk) -> str:
    """What the embedder and the keyword index see: report title and section, then the chunk."""
    meta = chunk.meta
    head = " ".join(x for x in (meta.title, f"{meta.year}年" if meta.year else "", chunk.section) if x)
    table = f"{chunk.table_head}\n" if chunk.table_head else ""  # what the rows' columns are
    return f"{head}\n{table}{chunk.text}"
