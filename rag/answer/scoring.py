"""The fitted scoring table: one logistic model turns a candidate clause's factors into the probability
that it answers the question; below a threshold chosen by cross-validation the answer is a refusal.

The factors come from the answerer (`rag.answer`): the hand-made prior (relevance × span trust ×
wording × subject), each of those parts on its own, the fitted weight of its city/year/section cues,
the question's character-pair overlap with the sentence, retrieval ranks, how the span was found and what kind of answer was asked.
`eval/train.py` (`make train`) fits the weights on the project's question sets and CMRC 2018 trial,
grouped by set, and writes `rag/data/answer_model.json`: a small, reviewed file. Without it the prior
and the hand-set threshold decide, as before.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

from rag.types import Hit

MODEL = Path(__file__).parent.parent / "data" / "answer_model.json"


def features(kind: str | None, hit: Hit, factors: dict[str, float]) -> dict[str, float]:
    """The model's inputs for one candidate (names are the keys of the weights file). "report": a place's
    report of a report kind — a news article about a place is not one."""
    out = {
        "log_prior": math.log(max(factors.get("prior", 0.0), 1e-3)),
        "relevance": factors.get("relevance", 0.0),
        **fitted_logs(ranking_weights(), factors),
        "log_wording": math.log(max(factors.get("wording", 1.0), 1e-3)),
        "away": 1.0 if factors.get("ctx:elsewhere") or factors.get("ctx:year not held") else 0.0,
        "log_subject": math.log(max(factors.get("subject", 1.0), 1e-3)),
        "bigrams": factors.get("bigrams", 0.0),
        "rare_chars": factors.get("rare_chars", 0.0),
        "rare_pairs": factors.get("rare_pairs", 0.0),
        "rare_triples": factors.get("rare_triples", 0.0),
        "prior_margin": factors.get("prior_margin", 0.0),
        "prior_top": 1.0 if factors.get("prior_margin", 0.0) >= 1.0 else 0.0,
        "bigram_margin": factors.get("bigram_margin", 0.0),
        "rank_inv": 1.0 / hit.rank,
        "dense_inv": 1.0 / hit.dense_rank if hit.dense_rank else 0.0,
        "keyword_inv": 1.0 / hit.keyword_rank if hit.keyword_rank else 0.0,
        "log_span": math.log1p(factors.get("span_chars", 0.0)),
        "report": 1.0 if hit.chunk.meta.city and hit.chunk.meta.doc_type != "其他" else 0.0,
        # the ranking cue again, for the probability and the refusal (a ranking cue is the ranking's alone)
        "counterpart": factors.get("span:counterpart named", 0.0),
        f"kind={kind or 'none'}": 1.0,
    }
    out.update({k: v for k, v in factors.items() if k.startswith(("how=", *RANKED))})
    return out


CUES = ("ctx:",)  # the named city/year/section cues of `rag.answer.fit`: their fitted sum is log_context
RANKED = ("ctx:", "span:")  # the named cues (`fit.CUE_SIGNS`): their weights are the ranking's alone


def fitted_logs(ranking: dict[str, float], x: dict[str, float]) -> dict[str, float]:
    """The fitted log factor of a candidate's city/year/section cues."""
    return {"log_context": sum(ranking.get(k, 0.0) * v for k, v in x.items() if k.startswith(CUES))}


def ranking_weights() -> dict[str, float]:
    """The fitted ranking's weights (overlaps and cues); empty when no model is fitted."""
    model = load_model()
    return model.get("ranking", {}) if model else {}


def load_model() -> dict[str, Any] | None:
    """The fitted table at MODEL (None when absent: the prior decides)."""
    return _read(MODEL)


@lru_cache(maxsize=4)
def _read(path: Path) -> dict[str, Any] | None:
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


# What the ranking adds to the prior's log (weights fitted pairwise, never negative), and the named cues
# (`RANKED`, each weight of the sign `fit.CUE_SIGNS` names).
RANKING = ("bigrams", "rare_chars", "rare_pairs", "rare_triples")


def ranking_score(factors: dict[str, float]) -> float:
    """The order of the candidates: log(prior) + the fitted weights x the question's overlap with the
    sentence (character pairs, and characters and pairs weighted by rarity) and x the city/year/section and
    wording cues; the prior alone when no model is fitted."""
    model = load_model()
    prior = factors.get("prior", 0.0)
    if model is None:
        return math.log(prior) if prior > 0 else -math.inf
    log_prior = math.log(max(prior, 1e-3))  # as `features` gives it to the fit
    return ranked_value(model.get("ranking", {}), {**factors, "log_prior": log_prior})


def ranked_value(ranking: dict[str, float], x: dict[str, float]) -> float:
    """log(prior) + the ranking's weighted additions, from a candidate's inputs `x` (what `eval/train.py`
    fits the weights on)."""
    return x.get("log_prior", -99.0) + sum(w * x.get(k, 0.0) for k, w in ranking.items())


def linear(model: dict[str, Any], x: dict[str, float]) -> float:
    weights: dict[str, float] = model["weights"]
    return float(model["intercept"]) + sum(weights.get(k, 0.0) * v for k, v in x.items())


def probability(query: Any, hit: Hit, factors: dict[str, float]) -> float | None:
    """P(this candidate answers), or None when no model is fitted."""
    model = load_model()
    if model is None:
        return None
    z = linear(model, features(query.kind, hit, factors))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


QUESTION_FEATURES = (
    "log_prior",
    "relevance",
    "bigrams",
    "report",
    "log_context",
    "log_subject",
    "log_wording",
    "counterpart",
)
IN_REPORT = ("log_prior", "relevance", "log_subject", "log_context", "log_wording", "bigrams")


def question_features(x_top: dict[str, float], p1: float, p2: float) -> dict[str, float]:
    """The refusal model's inputs: how sure the ranking is of its best candidate (its probability and the
    gap to the runner-up), what that candidate is (its prior, overlap, kind) and, apart, the same inside a
    place's report, where the year, section and subject checks mean more than in general text."""
    p1 = min(max(p1, 1e-6), 1 - 1e-6)
    out = {"logit_top": math.log(p1 / (1 - p1)), "gap": p1 - p2}
    out.update({k: x_top.get(k, 0.0) for k in QUESTION_FEATURES})
    out.update({k: v for k, v in x_top.items() if k.startswith("kind=")})
    report = x_top.get("report", 0.0)
    out.update({f"report*{k}": report * out[k] for k in (*IN_REPORT, "logit_top")})
    return out


MISFIT = 0.5  # the hand-set rule left (see `misfit`); chosen among three forms by cross-validation


def misfit(x_top: dict[str, float]) -> bool:
    """Inside a place's report, a clause the prior's own checks found wrong for the question is refused
    whatever the model says: the report is another city's or does not hold the year asked ("away"), or
    another subject (0.35) and a different quantity's wording together cut its trust to MISFIT or below.
    The question sets hold too few unanswerable report questions for the model to learn it. Unlike the old
    veto on the whole prior, low word overlap (a paraphrase: 「欠的债」 for 债务余额) and the soft preferences
    of section and intent do not refuse. In any text, a sentence that names another year than the one asked,
    and not that one, is refused too (「2024年…门急诊量296.8万人次」 for 2023's: held out, 2 questions won and
    none lost; no fitted set holds such a question) — or another month than the one asked, and not that one
    (「7月份放什么电影」 over 「6月5日…《雄狮少年2》」) —, and so is a clause of a document that says the time or
    amount asked is to be set later and does not name what is asked (「复课时间…另行通知」,
    `candidates._mark_set_later`: qa_blind31-30 won, none lost; no fitted set holds such a question). Inside a
    place's report, a clause that names the counterpart of what is asked and not it (「农村居民…29860元」 for 城镇居民's,
    「社会保险基金收入预计47.02亿元」 for 政府性基金's) is refused too: chosen so in 6 questions of qa_blind8–35, all wrong,
    and in none of the sample-report sets once 「存贷款」 names both (session 24)."""
    if (
        x_top.get("ctx:another year named")
        or x_top.get("ctx:another month named")
        or x_top.get("span:set later")
    ):
        return True
    found_wrong = x_top.get("log_subject", 0.0) + x_top.get("log_wording", 0.0)
    return bool(x_top.get("report")) and (
        bool(x_top.get("away"))
        or bool(x_top.get("counterpart"))
        or found_wrong <= math.log(MISFIT) + 1e-9  # at MISFIT or below
    )


def answer_probability(kind: str | None, ranked: list[tuple[Hit, dict[str, float], float]]) -> float | None:
    """P(the best candidate is a right answer) from the refusal model; None when no model is fitted.
    `ranked`: (hit, factors, candidate probability) of the best and the runner-up candidates."""
    model = load_model()
    if model is None or not ranked:
        return None
    hit, factors, p1 = ranked[0]
    p2 = ranked[1][2] if len(ranked) > 1 else 0.0
    x_top = features(kind, hit, factors)
    if misfit(x_top):
        return 0.0
    z = linear(model["refusal"], question_features(x_top, p1, p2))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def refuse_below(default: float) -> float:
    """The fitted threshold when a model is fitted, else the hand-set default."""
    model = load_model()
    return float(model["threshold"]) if model else default


def explain(kind: str | None, hit: Hit, factors: dict[str, float]) -> dict[str, float]:
    """Each input of one candidate with its contribution (weight × value) to the log-odds."""
    model = load_model()
    x = features(kind, hit, factors)
    if model is None:
        return {k: round(v, 4) for k, v in x.items()}
    weights: dict[str, float] = model["weights"]
    return {k: round(weights.get(k, 0.0) * v, 4) for k, v in x.items() if v and not k.startswith(RANKED)}
