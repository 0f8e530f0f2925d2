"""The Answer: the chosen candidate's short span and sentence with its citation, or a refusal that
shows what was nearest, and 「为什么是这个答案」 (each factor of the chosen and the runner-up)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from rag.answer.candidates import (
    SENTENCE,
    Candidate,
    candidates,
    full_sentence,
    split,
    unit_of_cell,
    with_unit,
)
from rag.answer.fit import YearOf
from rag.query import Query
from rag.types import Answer, Citation, Hit

REFUSE_BELOW = 0.37
MAX_TEXT = 300


def answer(
    query: Query,
    hits: Sequence[Hit],
    *,
    report_year_of: YearOf | None = None,
    coverage: str | None = None,
    place_names: Sequence[str] = (),
    place_docs: frozenset[str] = frozenset(),
) -> Answer:
    """The short answer with the sentence behind it, or a refusal that shows what was nearest.

    `report_year_of(hit)` gives the year a hit's report is about (default: the document's meta.year);
    `coverage` says which reports the index holds for the city asked about, for a refusal to show;
    `place_names`: the names of a place asked about that no indexed report is of, and `place_docs` the
    documents of no place that are about it (see `candidates`)."""
    started = time.perf_counter()
    from rag.answer.scoring import answer_probability, refuse_below

    found = candidates(query, hits, report_year_of, place_names, place_docs)
    best = found[0] if found else None
    threshold = refuse_below(REFUSE_BELOW)
    sure = answer_probability(query.kind, [(c.hit, c.factors, c.factors["probability"]) for c in found[:2]])
    confidence = best.score if sure is None and best else sure
    if best is None or confidence is None or confidence < threshold:
        result = refusal(query, hits, best, coverage)
    else:
        result = supported(query, hits, best)
    roles = ("chosen", "runner-up")
    why = tuple(
        explanation(query, c, role, confidence, threshold) for c, role in zip(found, roles, strict=False)
    )
    return replace(result, timings_ms={"answer": (time.perf_counter() - started) * 1000}, explain=why)


def explanation(
    query: Query, cand: Candidate, role: str, confidence: float | None, threshold: float
) -> dict[str, Any]:
    """One row of 「为什么是这个答案」: the candidate, its probability and each factor's share of it;
    `confidence` is the refusal model's probability that the chosen one is right."""
    from rag.answer.scoring import explain

    text = cand.hit.chunk.text
    refused = role == "chosen" and (confidence is None or confidence < threshold)
    return {
        "role": "nearest (refused)" if refused else role,
        "confidence": None if confidence is None or role != "chosen" else round(confidence, 4),
        "threshold": threshold,  # the chosen one is answered when its confidence reaches it
        "short": cand.short(),
        "quote": text[cand.sentence[0] : cand.sentence[1]],
        "title": cand.hit.chunk.meta.title,
        "prior": round(cand.score, 4),  # the hand-made score
        # what orders the candidates: log(prior) + the fitted overlap (scoring.ranking_score)
        "ranking": round(cand.factors.get("ranking", 0.0), 4),
        "probability": round(cand.factors.get("probability", 0.0), 4),  # the candidate model's
        "factors": explain(query.kind, cand.hit, cand.factors),
    }


def _quote(best: Candidate, budget: int) -> tuple[int, int]:
    """The sentence around the answer, cut to the clause window when it is too long."""
    start, end = best.sentence
    if end - start <= budget:
        return start, end
    c_start, c_end = best.clause
    start = max(start, c_start - (budget - (c_end - c_start)) // 2)
    return start, min(end, start + budget)


def _citation(n: int, hit: Hit, start: int, end: int) -> Citation:
    chunk = hit.chunk
    return Citation(
        n=n,
        doc_id=chunk.doc_id,
        title=chunk.meta.title,
        city=chunk.meta.city,
        year=chunk.meta.year,
        section=chunk.section,
        quote=chunk.text[start:end],
        chunk_id=chunk.chunk_id,
        start=chunk.start + start,
        end=chunk.start + end,
        score=hit.score,
    )


def _source(c: Citation) -> str:
    section = c.section.split(" > ")[-1] if c.section else ""
    return "（" + "，".join(x for x in (c.title, section[:24]) if x) + "）"


def supported(query: Query, hits: Sequence[Hit], best: Candidate) -> Answer:
    text = best.hit.chunk.text
    short = best.short()
    # a table's bare figure with the unit its header gives: 「31.2万元」 (a list's items are words)
    if short and best.span and not best.items:
        short = with_unit(short, unit_of_cell(text, best.sentence, best.span, best.hit.chunk.table_head))
    whole = (
        best.span is not None and best.span[0] <= best.sentence[0] and best.span[1] >= best.sentence[1] - 1
    )
    head = f"{short}。" if short and not whole else ""  # a sentence that is the answer is quoted once
    source_len = len(best.hit.chunk.meta.title) + 30
    budget = MAX_TEXT - len(head) - source_len - 10
    start, end = _quote(best, budget)
    if query.respective or query.kind == "list":
        # 「各是多少」: the figures run on past 「；」 to the sentence's end, all of them quoted; so do a list's items
        # (「三件民生实事：一是…；二是…；三是…。」)
        full = full_sentence(text, best.sentence)
        start, end = full if full[1] - full[0] <= budget else best.sentence
    if best.span:  # the quote must hold the answer
        start, end = min(start, best.span[0]), max(end, best.span[1])
    citation = _citation(1, best.hit, start, end)
    body = f"{head}依据：“{citation.quote}”[1]{_source(citation)}"
    return Answer(query.original, body[:MAX_TEXT], short, False, (citation,), tuple(hits), {})


def refusal(
    query: Query, hits: Sequence[Hit], nearest: Candidate | None, coverage: str | None = None
) -> Answer:
    lead = "报告中没有找到这个问题的答案"
    if coverage:
        lead += f"（{coverage}）"
    elif query.year is not None:
        lead += f"（已检索{query.city or ''}{query.year}年相关内容）"
    if nearest is None and hits:
        first = hits[0]
        sent = split(first.chunk.text, SENTENCE)[0]
        nearest = Candidate(0.0, first, sent, sent, None)
    if nearest is None:
        return Answer(query.original, lead + "。", None, True, (), tuple(hits), {})
    start, end = _quote(nearest, MAX_TEXT - len(lead) - 80)
    citation = _citation(1, nearest.hit, start, end)
    body = f"{lead}。最接近的内容：“{citation.quote}”[1]{_source(citation)}"
    return Answer(query.original, body[:MAX_TEXT], None, True, (citation,), tuple(hits), {})
