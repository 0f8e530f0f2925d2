"""HTML for the chat UI: answers with clickable [n] markers, and the sources panel with highlights.

Pure functions over `rag.Answer`; every piece of user or document text is escaped.
"""

from __future__ import annotations

import html
import re
from typing import Any

from rag.types import Answer, Citation, Hit

MARKER = re.compile(r"\[(\d+)\]")
STYLE = """
<style>
.src { border: 1px solid #d0d7de; border-radius: 8px; padding: 8px 12px; margin-bottom: 10px; scroll-margin-top: 20px; }
.src:target { border-color: #e8a400; box-shadow: 0 0 0 3px #ffe08a; }
.src .head { font-weight: 600; margin-bottom: 4px; }
.src .meta { color: #57606a; font-size: 0.85em; margin-bottom: 6px; }
.src mark { background: #fff3b0; padding: 0 1px; }
.src strong.answer { background: #ffd24d; }
.nearest { color: #57606a; }
.refusal { color: #9a3412; font-weight: 600; }
.gen-note { color: #57606a; font-size: 0.85em; margin-top: 4px; }
.gen-removed del { color: #9a3412; }
.why { margin-top: 8px; } .why-quote { color: #57606a; }
</style>
"""


def answer_html(answer: Answer) -> str:
    """The answer as shown in the chat: escaped text, [n] linked to its source block."""
    text = html.escape(answer.text)
    linked = MARKER.sub(lambda m: f'<a href="#src-{m.group(1)}" class="cite">[{m.group(1)}]</a>', text)
    if answer.refused:
        linked = f'<span class="refusal">{linked}</span>'
    return linked + generated_extras(answer)


def explain_html(answer: Answer) -> str:
    """「为什么是这个答案」 under the sources: the chosen and runner-up candidates with each factor's share
    of the log-odds, behind a click."""
    if not answer.explain:
        return ""
    rows = []
    for row in answer.explain:
        factors = "，".join(f"{html.escape(k)} {v:+.2f}" for k, v in row["factors"].items())
        rows.append(
            f"<li><b>{html.escape(row['role'])}</b>：{html.escape(row['short'] or '（整句）')} "
            f"先验 {row['prior']:.3f}，候选概率 {row['probability']:.3f}"
            + (
                f"，把握 {row['confidence']:.3f}（阈值 {row['threshold']:.2f}）"
                if row["confidence"] is not None
                else ""
            )
            + "<br>"
            f'<span class="nearest">“{html.escape(row["quote"][:80])}”</span><br><small>{factors}</small></li>'
        )
    return f'<details class="why"><summary>为什么是这个答案</summary><ul>{"".join(rows)}</ul></details>'


def generated_extras(answer: Answer) -> str:
    """Under a generated answer: who wrote it, any fallback note, and the removed sentences (struck
    through, with the reason) behind a click."""
    parts = []
    if answer.mode == "generated":
        parts.append(
            f'<div class="gen-note">由 {html.escape(answer.model or "模型")} 生成，数字与引用已逐句核验</div>'
        )
    if answer.note:
        parts.append(f'<div class="gen-note">{html.escape(answer.note)}</div>')
    if answer.removed:
        items = "".join(
            f"<li><del>{html.escape(r['sentence'])}</del>（{html.escape(r['reason'])}）</li>"
            for r in answer.removed
        )
        parts.append(
            f'<details class="gen-removed"><summary>已删除 {len(answer.removed)} 句未通过核验的生成内容</summary>'
            f"<ul>{items}</ul></details>"
        )
    return "".join(parts)


def _hit_for(citation: Citation, hits: tuple[Hit, ...]) -> Hit | None:
    return next((h for h in hits if h.chunk.chunk_id == citation.chunk_id), None)


def highlight(chunk_text: str, chunk_start: int, citation: Citation, short: str | None) -> str:
    """The chunk with the quote in <mark> and the answer span in <strong class="answer">."""
    start = max(0, citation.start - chunk_start)
    end = min(len(chunk_text), citation.end - chunk_start)
    before, quote, after = chunk_text[:start], chunk_text[start:end], chunk_text[end:]
    if short and short in quote:
        i = quote.index(short)
        inner = (
            html.escape(quote[:i])
            + f'<strong class="answer">{html.escape(short)}</strong>'
            + html.escape(quote[i + len(short) :])
        )
    else:
        inner = html.escape(quote)
    return f"{html.escape(before)}<mark>{inner}</mark>{html.escape(after)}"


def _meta_line(title: str, city: str | None, year: int | None, section: str) -> str:
    parts = [title, city or "", f"{year}年" if year else "", section]
    return " · ".join(html.escape(p) for p in parts if p)


def format_sources(answer: Answer | None) -> str:
    """The sources panel: one block per citation (id="src-n"), then the other retrieved passages."""
    if answer is None:
        return STYLE + '<div class="nearest">提问后，这里显示答案所依据的原文。</div>'
    blocks = [STYLE]
    if answer.refused:
        blocks.append('<div class="refusal">报告中没有找到答案。下面是检索到的最接近的内容：</div>')
    for c in answer.citations:
        hit = _hit_for(c, answer.hits)
        body = (
            highlight(hit.chunk.text, hit.chunk.start, c, answer.short)
            if hit
            else f"<mark>{html.escape(c.quote)}</mark>"
        )
        blocks.append(
            f'<div class="src" id="src-{c.n}"><div class="head">[{c.n}] {_meta_line(c.title, c.city, c.year, "")}'
            f'</div><div class="meta">{html.escape(c.section) or "（无章节）"}</div><div>{body}</div></div>'
        )
    cited = {c.chunk_id for c in answer.citations}
    others = [h for h in answer.hits if h.chunk.chunk_id not in cited][:3]
    if others:
        blocks.append('<div class="nearest">其他检索结果：</div>')
        for h in others:
            meta = _meta_line(h.chunk.meta.title, h.chunk.meta.city, h.chunk.meta.year, h.chunk.section)
            blocks.append(
                f'<div class="src"><div class="meta">{meta}</div><div>{html.escape(h.chunk.text[:160])}…</div></div>'
            )
    blocks.append(explain_html(answer))
    return "\n".join(blocks)


def documents_table(info: dict[str, Any]) -> list[list[Any]]:
    """Rows for the documents tab: title, city, year, type, chunks, duplicate of, cleaning summary, file."""
    rows = []
    for d in info.get("documents", []):
        meta = d["meta"]
        cleaning = d.get("cleaning") or {}
        summary = "，".join(f"{k} {v}" for k, v in sorted(cleaning.items()) if v)
        rows.append(
            [
                meta["title"],
                meta.get("city") or "",
                meta.get("year") or "",
                meta.get("doc_type") or "",
                d.get("chunks", 0),
                d.get("duplicate_of") or "",
                summary,
                d["source_file"],
            ]
        )
    return rows
