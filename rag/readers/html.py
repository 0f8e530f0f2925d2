"""Web pages -> the main text (trafilatura): navigation, footers and related-article lists go;
the page title and publication date are kept for the metadata."""

from __future__ import annotations

import re
from typing import Any

from rag import lexicon
from rag.errors import CleaningError
from rag.readers import Extracted

# what sets a page title's parts apart (「X报告_政府文件_某市人民政府」); a Chinese dash 「——」 joins a title's
# parts (「吉金曾辉——曾国青铜文明特展」), and nothing inside quotes or 《》 sets anything apart
TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||-{1,2}|–|(?<!—)—(?!—)|·)\s*(?![^“《]*[”》])")
TITLE_WORDS = re.compile(lexicon.TITLE_WORDS)
HEAD_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.I | re.S)


def page_title(title: str | None) -> str | None:
    """The document's own part of a page title: 「X报告_政府文件_某市人民政府」 -> 「X报告」."""
    if not title:
        return None
    parts = [p for p in TITLE_SEPARATORS.split(title.strip()) if p]
    return next((p for p in parts if TITLE_WORDS.search(p)), parts[0] if parts else None)


def _head_title(data: bytes, document_title: str | None) -> str | None:
    """The page's <title> (without the site's name) when it names a report, else trafilatura's title; a
    title that names no place takes the site's name when that names one — who published the page says
    whose it is (「…特展开展公告-随州博物馆」: 随州博物馆“…特展”开展公告)."""
    import html

    from rag.places import find_place

    m = HEAD_TITLE.search(data[:20000])
    raw = html.unescape(m.group(1).decode("utf-8", "replace")) if m else None
    title = next(
        (t for t in (page_title(raw), page_title(document_title)) if t and TITLE_WORDS.search(t)),
        page_title(document_title),
    )
    if title and raw and find_place(title) is None:
        site = next((part for part in TITLE_SEPARATORS.split(raw.strip())[1:] if find_place(part)), None)
        if site is not None:
            return site + title
    return title


def read_html(data: bytes, name: str) -> Extracted:
    import trafilatura

    document = trafilatura.bare_extraction(
        data,
        with_metadata=True,
        include_tables=True,
        include_comments=False,
        include_links=False,
        include_images=False,
        # recall over precision: a page's list of contacts (「鹿邑县供电服务中心：0394-7216058」 in a <ul>) and its
        # section headings are text; the cleaner drops the furniture that comes along (rag.cleaning.boilerplate)
        favor_recall=True,
    )
    found: Any = document  # a Document (as_dict=False), or None when the page has no main text
    text = (getattr(found, "text", None) or "") if found is not None else ""
    if not text.strip():
        raise CleaningError(f"{name}: no report text found in the web page")
    title = _head_title(data, found.title)
    first = text.lstrip().split("\n", 1)[0]
    if title and title not in first:
        text = f"{title}\n{text}"  # the title block is where the cleaner looks for title, city and year
    return Extracted("html", text, title, found.date)
