"""Extractive answering: pick the clause that answers the question, the span inside it, and cite it.

Offline and deterministic. Each clause of the top hits is scored by
  relevance  — the question's content words found in the clause (full weight) or its sentence (half),
  fit        — city, year, period and target-vs-result agreement between the question and the
               clause's report/section (a 2024 target lives in the 2024 report's plan part; a 2023
               result in the 2024 report's review part),
  rank       — a small bonus for the retrieval rank,
and must hold a span of the kind asked for (a quantity with the asked unit, a rank, a name…).
Below REFUSE_BELOW the system says the reports do not say (calibrated on eval/qa_dev.jsonl: the
unanswerable questions score < 0.35 there while answerable ones score > 0.45; see README).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rag import spans
from rag.query import CITY_ALIASES, Query
from rag.tokenize import tokenize
from rag.types import Answer, Citation, Hit

REFUSE_BELOW = 0.4
TOP_HITS = 8
MAX_TEXT = 300
GENERIC = {"目标", "计划", "预期", "力争", "要", "达到", "实现", "完成", "提升", "今年", "全市", "期间", "时期", "截至",
           "到", "末", "定", "在", "有", "增加", "建成", "引进"}
SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")
CLAUSE = re.compile(r"[^，；：、。！？]+[，；：、。！？]?")
REVIEW = re.compile(r"回顾|成就|过去|成绩")
PLAN = re.compile(r"安排|主要工作|目标任务|总体思路|主要目标|工作任务|今后|建议")
YEAR_IN_TEXT = re.compile(r"(?<!\d)(20\d\d)年")


@dataclass(frozen=True)
class Candidate:
    score: float
    hit: Hit
    sentence: tuple[int, int]  # offsets in the chunk text
    clause: tuple[int, int]
    span: tuple[int, int] | None  # offsets in the chunk text


def content_terms(query: Query) -> dict[str, float]:
    """Question words worth finding in the answer clause, weighted by length (specificity)."""
    text = query.search_text
    for names in CITY_ALIASES.values():
        for name in names:
            text = text.replace(name, " ")
    text = re.sub(r"(19|20)\d{2}年?", " ", text)
    return {t: float(min(len(t), 4)) for t in tokenize(text) if t not in GENERIC and not t.isdigit()}


def split(text: str, pattern: re.Pattern[str], offset: int = 0) -> list[tuple[int, int]]:
    return [(offset + m.start(), offset + m.end()) for m in pattern.finditer(text) if m.group().strip()]


def section_kind(section: str) -> str | None:
    """"review" or "plan" from the deepest heading that says which."""
    for part in reversed(section.split(" > ")):
        if REVIEW.search(part):
            return "review"
        if PLAN.search(part):
            return "plan"
    return None


def fit(query: Query, hit: Hit, sentence: str) -> float:
    """How well the clause's report and section fit the question's city, year, period and intent."""
    meta, factor = hit.chunk.meta, 1.0
    if query.city and meta.city != query.city and query.city not in sentence:
        factor *= 0.3
    kind = section_kind(hit.chunk.section)
    if query.intent == "target":
        factor *= {"plan": 1.15, "review": 0.6}.get(kind or "", 1.0)
    elif query.intent == "result":
        factor *= {"review": 1.15, "plan": 0.75}.get(kind or "", 1.0)
    if query.year is not None:
        factor *= _year_fit(query, meta.year, kind, sentence)
    if query.period:
        other = any(p in sentence + hit.chunk.section for p in ("十三五", "十四五", "十五五") if p != query.period)
        if query.period in sentence + hit.chunk.section:
            factor *= 1.2
        elif other:
            factor *= 0.6
    return factor


def _year_fit(query: Query, doc_year: int | None, kind: str | None, sentence: str) -> float:
    year = query.year
    mentioned = {int(y) for y in YEAR_IN_TEXT.findall(sentence)}
    factor = 1.0
    if year in mentioned:
        factor *= 1.2
    elif mentioned and all(abs(m - year) <= 10 for m in mentioned):  # another year named
        factor *= 0.6
    if doc_year is None:
        return factor
    if doc_year == year and kind != "review":
        return factor * (1.2 if query.intent != "result" else 0.8)
    if doc_year == year + 1 and kind != "plan":
        return factor * (1.2 if query.intent != "target" else 0.7)
    return factor * (1.0 if year in mentioned else 0.5)


def find_span(query: Query, clause: str, terms: dict[str, float]) -> tuple[int, int] | None:
    """The answer inside a clause, by the kind of answer the question asks for."""
    kind = query.kind or "number"
    if kind == "rank":
        found = spans.ranks(clause)
        return found[0] if found else None
    if kind == "person":
        found = spans.people(clause)
        return found[0] if found else None
    if kind == "date":
        found = spans.dates(clause)
        return found[0] if found else None
    if kind in {"name", "list"}:
        return _name_span(query, clause, terms)
    return _quantity_span(query, clause, terms)


def _quantity_span(query: Query, clause: str, terms: dict[str, float]) -> tuple[int, int] | None:
    found = [(s, e) for s, e, unit in spans.quantities(clause) if spans.unit_matches(unit, query.units)]
    if not found:
        return None
    if len(found) > 1 and re.search(r"农村|乡村", query.text) and "城乡" in clause:
        return found[1]  # 城乡居民…分别达到X和Y: the rural figure is the second
    anchor = max((clause.rfind(t) + len(t) for t in terms if t in clause), default=0)
    after = [f for f in found if f[0] >= anchor]
    return (after or found)[0] if not re.search(r"从|由", query.text) else found[-1]


def _name_span(query: Query, clause: str, terms: dict[str, float]) -> tuple[int, int] | None:
    if re.search(r"哪次|会议|全会", query.text):
        found = spans.meetings(clause)
        if found:
            return found[0]
    fresh = [(s, e) for s, e in spans.quoted(clause) if clause[s:e] not in query.text]
    if fresh:
        return fresh[0]
    if query.kind == "list":
        found = spans.lists(clause)
        if found:
            return max(found, key=lambda se: se[1] - se[0])
    return _gap(clause, terms)


def _gap(clause: str, terms: dict[str, float]) -> tuple[int, int] | None:
    """The longest run of the clause that none of the question's words cover: often the name asked."""
    covered = [False] * len(clause)
    for term in terms:
        for m in re.finditer(re.escape(term), clause):
            for i in range(m.start(), m.end()):
                covered[i] = True
    best: tuple[int, int] | None = None
    i = 0
    while i < len(clause):
        if covered[i] or not re.match(r"[\u4e00-\u9fffA-Za-z0-9]", clause[i]):
            i += 1
            continue
        j = i
        while j < len(clause) and not covered[j] and re.match(r"[\u4e00-\u9fffA-Za-z0-9]", clause[j]):
            j += 1
        if j - i >= 2 and (best is None or j - i > best[1] - best[0]) and j - i <= 12:
            best = (i, j)
        i = j
    return best


def candidates(query: Query, hits: Sequence[Hit]) -> list[Candidate]:
    terms = content_terms(query)
    total = sum(terms.values()) or 1.0
    out: list[Candidate] = []
    for hit in hits[:TOP_HITS]:
        text = hit.chunk.text
        for s_start, s_end in split(text, SENTENCE):
            sentence = text[s_start:s_end]
            sent_terms = {t for t in terms if t in sentence}
            if not sent_terms:
                continue
            context = fit(query, hit, sentence)
            for c_start, c_end in split(sentence, CLAUSE, s_start):
                clause = text[c_start:c_end]
                in_clause = sum(w for t, w in terms.items() if t in clause)
                in_sentence = sum(terms[t] for t in sent_terms) - in_clause
                relevance = (in_clause + 0.5 * in_sentence) / total
                span = find_span(query, clause, terms)
                if span is None and query.kind not in {"name", "list"}:
                    continue
                score = (relevance + 0.1 / hit.rank) * context
                located = (c_start + span[0], c_start + span[1]) if span else None
                out.append(Candidate(score, hit, (s_start, s_end), (c_start, c_end), located))
    return sorted(out, key=lambda c: -c.score)


def answer(query: Query, hits: Sequence[Hit]) -> Answer:
    found = candidates(query, hits)
    best = found[0] if found else None
    if best is None or best.score < REFUSE_BELOW:
        return refusal(query, hits, best)
    return supported(query, hits, best)


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
    return Citation(n=n, doc_id=chunk.doc_id, title=chunk.meta.title, city=chunk.meta.city, year=chunk.meta.year,
                    section=chunk.section, quote=chunk.text[start:end], chunk_id=chunk.chunk_id,
                    start=chunk.start + start, end=chunk.start + end, score=hit.score)


def _source(c: Citation) -> str:
    section = c.section.split(" > ")[-1] if c.section else ""
    return "（" + "，".join(x for x in (c.title, section[:24]) if x) + "）"


def supported(query: Query, hits: Sequence[Hit], best: Candidate) -> Answer:
    text = best.hit.chunk.text
    short = text[best.span[0] : best.span[1]] if best.span else None
    head = f"{short}。" if short else ""
    source_len = len(best.hit.chunk.meta.title) + 30
    start, end = _quote(best, MAX_TEXT - len(head) - source_len - 10)
    if best.span:  # the quote must hold the answer
        start, end = min(start, best.span[0]), max(end, best.span[1])
    citation = _citation(1, best.hit, start, end)
    body = f"{head}依据：“{citation.quote}”[1]{_source(citation)}"
    return Answer(query.original, body[:MAX_TEXT], short, False, (citation,), tuple(hits), {})


def refusal(query: Query, hits: Sequence[Hit], nearest: Candidate | None) -> Answer:
    lead = "报告中没有找到这个问题的答案"
    if query.year is not None:
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
