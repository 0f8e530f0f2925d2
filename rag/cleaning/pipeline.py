"""clean_bytes: read the format -> decode -> repair mojibake -> drop boilerplate -> strip pinyin -> simplify
-> normalise. Web pages, PDFs and Word files are turned into text first (rag/readers), then cleaned alike."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

from rag.cleaning.boilerplate import (
    DATE_LINE,
    HEADING,
    SENTENCE_PUNCT,
    TITLE_WORDS,
    LineVerdict,
    is_body_start,
    join_continued,
    judge_lines,
    table_cells,
    tabulate_aligned,
    tabulate_stacked,
)
from rag.cleaning.decode import decode_bytes
from rag.cleaning.headings import find_headings
from rag.cleaning.metadata import extract_meta, strip_page_decor
from rag.cleaning.mojibake import repair_mojibake
from rag.cleaning.normalize import normalize_line, to_simplified
from rag.cleaning.pinyin import strip_pinyin
from rag.errors import CleaningError
from rag.readers.layout import hard_wrapped, join_broken
from rag.types import CleanDoc, CleaningReport, ReportItem

# a table's number set apart from its caption by a tab (「附表2→2025年末主要牲畜存栏…」): a caption, no row
CAPTION_NUMBER = re.compile(r"\s*(?:附?表\s*[\d一二三四五六七八九十]+|续表)\s*")


def _view(line: str) -> str:
    """The simplified, annotation-free, normalised form of a raw line (a table row: of each cell)."""
    cells = table_cells(line)
    if cells is not None and len(cells) == 2 and CAPTION_NUMBER.fullmatch(cells[0]):
        line = " ".join(cell.strip() for cell in cells)
        cells = None
    if cells is not None:
        return " | ".join(normalize_line(to_simplified(strip_pinyin(cell)[0])) for cell in cells)
    return normalize_line(to_simplified(strip_pinyin(line)[0]))


FIELD_GAP = re.compile(r"\u3000+|[ \t\u00a0]{2,}")


def _head_view(line: str, view: str) -> str:
    """A head line whose fields are set apart by wide spaces (「某局局长　某某」, 「来源：…　　发布时间：…」)
    keeps one space between them; the view would run office and name, source and date together."""
    fields = [f for f in FIELD_GAP.split(strip_pinyin(line)[0].strip()) if f.strip()]
    if len(fields) < 2:
        return view
    return " ".join(normalize_line(to_simplified(f)) for f in fields)


def clean_bytes(data: bytes, source_file: str) -> CleanDoc:
    """One raw file -> a clean document with metadata and an audit report. Pure: no I/O.
    The format comes from the file name's extension (rag.readers.FORMATS)."""
    from rag.readers import extract

    page = extract(data, source_file)
    if page.text is None:
        text, encoding = decode_bytes(data, source_file)
        if page.format == "md":
            from rag.readers.markdown import plain_markdown

            text = plain_markdown(text)
    else:
        text, encoding = page.text, page.format
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, items = repair_mojibake(text)
    raw_lines = tabulate_stacked(tabulate_aligned(_rejoin_head(text.split("\n"))))
    views = [_view(line) for line in raw_lines]
    verdicts = _title_line_is_head(judge_lines(views, raw_lines), views, page.title)
    head: list[str] = []
    body: list[str] = []
    pinyin = 0
    for number, (line, view, verdict) in enumerate(zip(raw_lines, views, verdicts, strict=True), start=1):
        if not verdict.keep:
            if verdict.role != "empty":
                items.append(ReportItem("removed_line", verdict.role, before=line.strip()[:200], line=number))
            continue
        pinyin += strip_pinyin(line)[1]
        if verdict.role == "head":
            cleaned = strip_page_decor(_head_view(line, view))
            if cleaned != view:
                items.append(
                    ReportItem("title_decoration", "site tag, pagination or caption", view, cleaned, number)
                )
            head.append(cleaned)
        else:
            body.append(view)
    if not body:
        raise CleaningError(f"{source_file}: no report text found (only page furniture or too short)")
    body = join_continued(body)
    if hard_wrapped(body):  # a report copied out of a PDF as text: its sentences run on across lines
        body = _unwrapped(body, head[0] if head else "", items)
    clean = "\n".join(head + body)
    meta = extract_meta(head, "\n".join(body), Path(source_file).name, "\n".join(views))
    if meta.date is None and page.date:  # a web page's publication date, when the text states none
        meta = replace(meta, date=page.date, year=meta.year or int(page.date[:4]))
    counts = _counts(items)
    counts["pinyin"] = pinyin
    report = CleaningReport(
        encoding=encoding,
        items=tuple(items),
        counts=counts,
        placeholders=clean.count("□"),
    )
    digest = hashlib.sha256(data).hexdigest()
    return CleanDoc(digest[:16], clean, meta, report, find_headings(clean), digest)


# A title line a copy out of a PDF broke before its end (「关于某县2025年预算执行情况和」 over 「2026年预算草案的报告」):
# it opens with 关于 or stops at a word that joins (和, 及, 与, 暨, 的, 、) or at a year.
TITLE_BROKEN = re.compile(r"^关于|(?:[和及与暨的、]|\d{4}年)$")
# a date line broken before its venue ends (「——2026年1月12日在某县第十八届人民代表大会」 over 「第六次会议上」)
VENUE_END = re.compile(r"^[\u4e00-\u9fff]{1,12}(?:会议|大会)上?$")
HEAD_LINES = 8  # the title block lies in the first lines


def _rejoin_head(lines: list[str]) -> list[str]:
    """The title block's lines put back together where a fixed width broke them: a title's first part and the
    line with its title word (报告, 公报 …), a date line and the end of its venue. Only lines right after each other
    (no blank between) and with no sentence punctuation; a site's name before a title stays a line of its own."""
    out = list(lines)
    seen = 0
    for i in range(len(out) - 1):
        first, second = _view(out[i]), _view(out[i + 1])
        if not first:
            continue
        seen += 1
        if seen > HEAD_LINES or is_body_start(first):
            break
        if not second or SENTENCE_PUNCT.search(first + second):
            continue
        title = TITLE_BROKEN.search(first) and not TITLE_WORDS.search(first) and TITLE_WORDS.search(second)
        venue = DATE_LINE.search(first) and not DATE_LINE.search(second) and VENUE_END.match(second)
        if (title and len(first + second) <= 80) or venue:
            out[i + 1] = out[i].rstrip() + out[i + 1].strip()
            out[i] = ""
    return out


def _unwrapped(body: list[str], title: str, items: list[ReportItem]) -> list[str]:
    """The lines of a text broken at a fixed width joined back into paragraphs, without the running header
    its pages repeated (the title, or a part of it, on a line of its own, or any line of no sentence punctuation
    said twice: 「某县第十八届人民代表大会第五次会议文件」), which would else be glued into the sentence a page
    break cut."""
    repeated = Counter(body)
    running = {
        line
        for line, n in repeated.items()
        if n >= 2
        and len(line) >= 8
        and (line in title or not (SENTENCE_PUNCT.search(line) or " | " in line or HEADING.match(line)))
    }
    for line in running:
        items.append(ReportItem("removed_line", "running header", before=line[:200]))
    joined = join_broken([line for line in body if line not in running])
    items.append(
        ReportItem("rejoined_lines", "lines broken at a fixed width", str(len(body)), str(len(joined)))
    )
    return joined


def _title_line_is_head(
    verdicts: list[LineVerdict], views: list[str], title: str | None
) -> list[LineVerdict]:
    """The page's own title (a web page's <title>, which the reader puts first) is a head line whatever it
    holds: quotes or a dash do not make it a sentence (「随州博物馆“吉金曾辉——曾国青铜文明特展”开展公告」)."""
    if not title:
        return verdicts
    first = next((i for i, view in enumerate(views) if view), None)
    if first is None or views[first] != _view(title) or verdicts[first].role == "head":
        return verdicts
    return [*verdicts[:first], LineVerdict(True, "head"), *verdicts[first + 1 :]]


def _counts(items: list[ReportItem]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for item in items:
        counts[item.kind] = counts.get(item.kind, 0) + 1
    return counts


def clean_file(path: Path, max_bytes: int) -> CleanDoc:
    """Read one file (refusing one over `max_bytes`) and clean it."""
    return clean_bytes(read_file(path, max_bytes), Path(path).name)


def read_file(path: Path, max_bytes: int) -> bytes:
    """A file's bytes; CleaningError for one over `max_bytes` or one that cannot be read."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise CleaningError(
                f"{path.name}: {size / 2**20:.1f} MB is larger than the {max_bytes / 2**20:.0f} MB limit "
                "(RAG_MAX_FILE_MB)"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise CleaningError(f"{path.name}: cannot read the file ({exc.strerror or exc})") from None
    return data
