"""HTML for the chat UI: answers with clickable [n] markers, and the sources panel with highlights.

Pure functions over `rag.Answer`; every piece of user or document text is escaped.
"""

from __future__ import annotations

import html
import re
from typing import Any

from rag.types import Answer, Citation, Hit

MARKER = re.compile(r"\[(\d+)\]")
OTHER_HITS = 3  # retrieved passages shown under the cited ones
OTHER_CHARS = 160  # characters of each of them
STYLE = """
<style>
.src { border: 1px solid #d0d7de; border-radius: 8px; padding: 8px 12px; margin-bottom: 10px; scroll-margin-top: 20px; line-height: 1.6; }
.src:target { border-color: #e8a400; box-shadow: 0 0 0 3px #ffe08a; }
.src .head { font-weight: 600; margin-bottom: 4px; }
.src .meta { color: #57606a; font-size: 0.85em; margin-bottom: 6px; }
.src mark { background: #fff3b0; color: inherit; padding: 0 1px; }
.src strong.answer { background: #ffd24d; }
.nearest { color: #57606a; margin: 6px 0; }
.refusal { color: #9a3412; font-weight: 600; margin-bottom: 8px; }
</style>
"""


def _escape(text: str) -> str:
    """Escaped text with its line breaks kept."""
    return html.escape(text).replace("\n", "<br>")


def _link_markers(escaped: str) -> str:
    return MARKER.sub(lambda m: f'<a href="#src-{m.group(1)}" class="cite">[{m.group(1)}]</a>', escaped)


def text_html(text: str, refused: bool = False) -> str:
    """Answer text (or a prefix of it, while streaming) as chat HTML.

    The <div> wrapper keeps the chat's Markdown renderer away from document text ("1." or "*")."""
    css = "answer refusal" if refused else "answer"
    return f'<div class="{css}">{_link_markers(_escape(text))}</div>'


def answer_html(answer: Answer) -> str:
    """The answer as shown in the chat: escaped text, [n] linked to its source block."""
    return text_html(answer.text, answer.refused)


def _hit_for(citation: Citation, hits: tuple[Hit, ...]) -> Hit | None:
    return next((h for h in hits if h.chunk.chunk_id == citation.chunk_id), None)


def _quote_span(chunk_text: str, chunk_start: int, citation: Citation) -> tuple[int, int] | None:
    """Where the quote lies in the chunk: by its offsets, else by searching for it."""
    start, end = citation.start - chunk_start, citation.end - chunk_start
    if 0 <= start < end <= len(chunk_text) and chunk_text[start:end] == citation.quote:
        return start, end
    found = chunk_text.find(citation.quote) if citation.quote else -1
    return (found, found + len(citation.quote)) if found >= 0 else None


def _mark(quote: str, short: str | None) -> str:
    if short and short in quote:
        i = quote.index(short)
        inner = (
            _escape(quote[:i])
            + f'<strong class="answer">{html.escape(short)}</strong>'
            + _escape(quote[i + len(short) :])
        )
    else:
        inner = _escape(quote)
    return f"<mark>{inner}</mark>"


def highlight(chunk_text: str, chunk_start: int, citation: Citation, short: str | None) -> str:
    """The chunk with the quote in <mark> and the answer span in <strong class="answer">."""
    span = _quote_span(chunk_text, chunk_start, citation)
    if span is None:  # the quote is not in this chunk: show it alone rather than mark the wrong words
        return _mark(citation.quote, short)
    start, end = span
    return _escape(chunk_text[:start]) + _mark(chunk_text[start:end], short) + _escape(chunk_text[end:])


def _meta_line(title: str, city: str | None, year: int | None, section: str) -> str:
    parts = [title, city or "", f"{year}年" if year else "", section]
    return " · ".join(html.escape(p) for p in parts if p)


def format_sources(answer: Answer | None) -> str:
    """The sources panel: one block per citation (id="src-n"), then the other retrieved passages."""
    if answer is None:
        return STYLE + '<div class="nearest">提问后，这里显示答案所依据的报告原文。</div>'
    blocks = [STYLE]
    if answer.refused:
        lead = "报告中没有找到这个问题的答案。"
        lead += (
            "下面是检索到的最接近的内容：" if answer.citations or answer.hits else "也没有检索到相关内容。"
        )
        blocks.append(f'<div class="refusal">{lead}</div>')
    for c in answer.citations:
        hit = _hit_for(c, answer.hits)
        body = (
            highlight(hit.chunk.text, hit.chunk.start, c, answer.short)
            if hit
            else _mark(c.quote, answer.short)
        )
        blocks.append(
            f'<div class="src" id="src-{c.n}">'
            f'<div class="head">[{c.n}] {_meta_line(c.title, c.city, c.year, "")}</div>'
            f'<div class="meta">{html.escape(c.section) or "（无章节）"}</div>'
            f'<div class="text">{body}</div></div>'
        )
    cited = {c.chunk_id for c in answer.citations}
    others = [h for h in answer.hits if h.chunk.chunk_id not in cited][:OTHER_HITS]
    if others:
        blocks.append('<div class="nearest">其他检索结果：</div>')
        for h in others:
            meta = _meta_line(h.chunk.meta.title, h.chunk.meta.city, h.chunk.meta.year, h.chunk.section)
            text = h.chunk.text
            more = "…" if len(text) > OTHER_CHARS else ""
            blocks.append(
                f'<div class="src other"><div class="meta">{meta}</div>'
                f'<div class="text">{_escape(text[:OTHER_CHARS])}{more}</div></div>'
            )
    return "\n".join(blocks)


def documents_table(info: dict[str, Any]) -> list[list[Any]]:
    """Rows for the documents tab: title, city, year, type, chunks, duplicate of, cleaning summary, file."""
    rows = []
    for d in info.get("documents", []):
        meta = d.get("meta") or {}
        cleaning = d.get("cleaning") or {}
        summary = "，".join(f"{k} {v}" for k, v in sorted(cleaning.items()) if v)
        rows.append(
            [
                meta.get("title") or "",
                meta.get("city") or "",
                meta.get("year") or "",
                meta.get("doc_type") or "",
                d.get("chunks", 0),
                d.get("duplicate_of") or "",
                summary,
                d.get("source_file") or "",
            ]
        )
    return rows
