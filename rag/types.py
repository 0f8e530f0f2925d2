"""The frozen result types of every stage: CleanDoc -> Chunk -> Hit -> Answer (see DESIGN.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class DocMeta:
    """Document metadata, extracted from the text by the cleaner (never from the file name)."""

    title: str
    city: str | None  # short form without 市: "常熟", "苏州", "昆山"
    year: int | None  # the year the document is about (a 统计公报's data year, a 预算报告's budget year)
    doc_type: str  # rag.reportkinds: "政府工作报告" | "统计公报" | "预算报告" | "五年规划建议" | "规划纲要" | "工作总结" | "年度报告" | "其他"
    date: str | None  # ISO date delivered/adopted, e.g. "2024-01-08"
    speaker: str | None  # e.g. "秦猛"
    source_file: str  # original file name
    duplicate_of: str | None = None


@dataclass(frozen=True)
class ReportItem:
    """One thing the cleaner did to the text, so that a user can audit it."""

    kind: str  # e.g. "removed_line", "cut_tail", "mojibake", "placeholder", "pinyin", "t2s", ...
    reason: str  # why, in words
    before: str = ""
    after: str = ""
    line: int | None = None  # 1-based line in the decoded raw file, where known


@dataclass(frozen=True)
class CleaningReport:
    encoding: str  # the encoding the raw bytes were decoded with
    items: tuple[ReportItem, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)  # per kind, e.g. {"pinyin": 2359}
    placeholders: int = 0  # number of "□" put in for characters the bytes do not determine


@dataclass(frozen=True)
class Heading:
    """A heading in the clean text: a standalone line or a run-in head up to the first 。"""

    start: int  # char offset of the heading in CleanDoc.text
    end: int
    level: int  # 0 = part ("2024年工作安排", "第二章"), 1 = "一、" or "第一节", 2 = "(一)" / "1.", 3 = run-in sub-head
    title: str


@dataclass(frozen=True)
class CleanDoc:
    doc_id: str  # first 16 hex digits of the sha256 of the raw file bytes
    text: str  # clean simplified text, one paragraph per line
    meta: DocMeta
    report: CleaningReport
    headings: tuple[Heading, ...] = ()
    sha256: str = ""  # of the raw file bytes


@dataclass(frozen=True)
class Chunk:
    chunk_id: str  # content hash (doc_id + text + offsets)
    doc_id: str
    text: str  # verbatim slice text[start:end] of the clean document
    start: int
    end: int
    section: str  # heading path, e.g. "2024年工作安排 > 一、… > 2.…"
    meta: DocMeta
    table_head: str = ""  # a chunk that starts inside a table: its caption line and header row, cut off above


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    score: float  # fused score (higher is better)
    rank: int  # 1-based rank in the fused list
    dense_rank: int | None = None  # 1-based rank on the dense side, None if absent there
    keyword_rank: int | None = None

    @property
    def chunk_id(self) -> str:
        return self.chunk.chunk_id

    @property
    def doc_id(self) -> str:
        return self.chunk.doc_id

    @property
    def text(self) -> str:
        return self.chunk.text


@dataclass(frozen=True)
class Citation:
    n: int  # the [n] marker used in Answer.text
    doc_id: str
    title: str
    city: str | None
    year: int | None
    section: str
    quote: str  # verbatim from the clean text
    chunk_id: str
    start: int  # char offsets of quote in the clean document text
    end: int
    score: float


@dataclass(frozen=True)
class Answer:
    question: str
    text: str  # short answer first, then support with [n] markers (<= 300 characters)
    short: str | None  # minimal answer span ("308亿元"); None when refused or not pinpointed
    refused: bool
    citations: tuple[Citation, ...]
    hits: tuple[Hit, ...]
    timings_ms: dict[str, float]
    mode: str = "extractive"  # "extractive" | "generated" (written by a model, then verified)
    removed: tuple[
        dict[str, str], ...
    ] = ()  # generated sentences dropped by verification: {sentence, reason}
    model: str | None = None  # the model that wrote the generated answer
    note: str | None = None  # one line, e.g. why the generated answer fell back to the extractive one
    # why this answer: the chosen and the runner-up candidates, each {role, short, quote, score, factors}
    explain: tuple[dict[str, Any], ...] = ()
