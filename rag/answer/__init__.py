"""Extractive answering (`answer`): the clause that answers the question, its span, and its citation.

Offline and deterministic. Each clause of the top hits is scored by
  relevance  — the question's content words found in the clause (full weight) or its sentence (half),
  wording    — the clause measures what is asked (not a yearly average, a share of something else…),
  rank       — a small bonus for the retrieval rank,
and must hold a span of the kind asked for (a quantity with the asked unit, a rank, a name…), and
  subject    — whose figure it is (`subjects`): in 「A增长6%，B增长10%」 only B's clause answers B.
This product (the prior) ranks the candidates together with the fitted weights of the question's overlap with
the sentence and of the city/year/section cues (`fit`: city, year, period and target-vs-result agreement
between the question and the clause's report/section — a 2024 target lives in the 2024 report's plan part;
a 2023 result in the 2024 report's review part). Whether the best one is answered is decided by the fitted
refusal model of `scoring` (its threshold chosen by cross-validation, `make train`); inside a place's
report a clause of another city or year, or one the prior found to be about another subject or quantity, is refused,
and in any text a sentence that names another year than the one asked (`scoring.misfit`). Without a fitted model the prior and REFUSE_BELOW (0.37, hand-set) decide alone.

Modules, each one step: `candidates` (the clauses of the top hits, their spans and the prior's factors),
`spans` (span finders by answer kind), `fit` (city/year/section/wording fit), `subjects` (whose figure a
clause states), `scoring` (the fitted candidate and refusal models) and `reply` (the Answer: the chosen
clause with its citation, or the refusal, and the explanation).
"""

from rag.answer.reply import MAX_TEXT, answer, refusal, supported

__all__ = ["MAX_TEXT", "answer", "refusal", "supported"]
