"""CleanDoc -> Chunks: paragraph-first, then sentence boundaries, never inside a number or a quote.

Each chunk is a verbatim slice `doc.text[start:end]` with the heading path in force at its start.
Chunk size ~300 characters with 80 of overlap: a fact (one figure in one sentence) fits with its
neighbours, and long paragraphs of these reports (1,000+ characters) split into a few chunks.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import Any

from rag.cleaning.boilerplate import table_cells
from rag.cleaning.headings import section_path
from rag.types import Chunk, CleanDoc

# Paragraph, then sentence ends, then clause breaks; "" only for a sentence longer than a chunk.
SEPARATORS = ["\n", "。", "！", "？", "；", "，", "、", ""]
MIN_CHUNK = 20  # a short line (a heading, "各位代表：") is merged into what follows


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
    A table's rows are one paragraph, so that a row is chunked under its header row while they fit."""
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
        in_table = row
        if len(line) < MIN_CHUNK and not row:
            pending = start if pending is None else pending
            continue
        spans.append((start if pending is None else pending, start, end))
        pending = None
    if pending is not None:
        spans.append((pending, pending, len(text)))
    return spans


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
            chunks.append(Chunk(cid, doc.doc_id, body, start, start + len(body), section, doc.meta))
    return chunks


def index_text(chunk: Chunk) -> str:
    """What the embedder and the keyword index see: report title and section, then the chunk."""
    meta = chunk.meta
    head = " ".join(x for x in (meta.title, f"{meta.year}年" if meta.year else "", chunk.section) if x)
    return f"{head}\n{chunk.text}"
