"""Fit the answerer's scoring table (`make train`): the ranking (what is added to the prior, fitted pairwise), one
logistic model over the candidates' factors and the refusal model over the best two.

    python -m eval.train            # collect candidates, cross-validate, write rag/data/answer_model.json

Data: every question set in eval/ (over the five sample reports, indexed in .rag-train/samples; a set
`qa_X.jsonl` with its own documents in `eval/X_docs/` over those, indexed in .rag-train/qa_X) and
CMRC 2018 trial (indexed by `python -m eval.cmrc2018 build trial`). Each candidate clause of each
question is one row, labelled 1 when the answer built from it is correct by SCORING.md. Folds leave one
question set out; the refusal threshold maximises the mean out-of-fold accuracy over the sets, so no set
decides alone. Seeded and deterministic: the same data gives the same file.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLES_HOME = ROOT / ".rag-train" / "samples"
# qa_compare: comparisons are answered from the indicator rows, not by a clause. The blind sets from qa_blind14
# on (written blind, each over ten documents of its own) are kept out of the fit so that their figures stay
# held-out ones (eval/qa_blindN.md); qa_blind9-13 were held out in sessions 4-13 and are fitted since session 14.
EXCLUDED = {
    "qa_compare.jsonl",
    "qa_blind14.jsonl",
    "qa_blind15.jsonl",
    "qa_blind16.jsonl",
    "qa_blind17.jsonl",
    "qa_blind18.jsonl",
    "qa_blind19.jsonl",
    "qa_blind20.jsonl",
    "qa_blind21.jsonl",
    "qa_blind22.jsonl",
    "qa_blind23.jsonl",
    "qa_blind24.jsonl",
    "qa_blind25.jsonl",
    "qa_blind26.jsonl",
    "qa_blind27.jsonl",
    "qa_blind28.jsonl",
    "qa_blind29.jsonl",
    "qa_blind30.jsonl",
    "qa_blind31.jsonl",
    "qa_blind32.jsonl",
    "qa_blind33.jsonl",
    "qa_blind34.jsonl",
    "qa_blind35.jsonl",
    "qa_blind36.jsonl",
    "qa_blind37.jsonl",
    "qa_blind38.jsonl",
    "qa_blind39.jsonl",
    "qa_blind40.jsonl",
    "qa_blind41.jsonl",
    "qa_blind42.jsonl",
    "qa_blind43.jsonl",
    "qa_blind44.jsonl",
    "qa_blind45.jsonl",
    "qa_blind46.jsonl",
    "qa_blind47.jsonl",
    "qa_blind48.jsonl",
    "qa_blind49.jsonl",
    "qa_blind50.jsonl",
    "qa_blind51.jsonl",
    "qa_blind52.jsonl",
    "qa_blind53.jsonl",
    "qa_blind54.jsonl",
    "qa_blind55.jsonl",
    "qa_blind56.jsonl",
    "qa_blind57.jsonl",
    "qa_blind58.jsonl",
    "qa_blind59.jsonl",
    "qa_blind60.jsonl",
    "qa_blind61.jsonl",
    "qa_blind62.jsonl",
    "qa_blind63.jsonl",
    "qa_blind64.jsonl",
    "qa_blind65.jsonl",
    "qa_blind66.jsonl",
    "qa_blind67.jsonl",
    "qa_blind68.jsonl",
    "qa_blind69.jsonl",
    "qa_blind70.jsonl",
    "qa_blind71.jsonl",
    "qa_blind72.jsonl",
    "qa_blind73.jsonl",
    "qa_blind74.jsonl",
    "qa_blind75.jsonl",
    "qa_blind76.jsonl",
    "qa_blind77.jsonl",
    "qa_blind78.jsonl",
    "qa_blind79.jsonl",
}
TOP_CANDIDATES = 50
CMRC_QUESTIONS = 500  # a seeded sample of CMRC 2018 trial (1,002 questions)
# Further trial questions asked with their paragraph taken out of the index, as unanswerable ones.
# Off: with 150 of them the fitted refusal refused 54% of CMRC dev (all answerable; accuracy 0.427
# against 0.57 without them) — the general-text side has no real unanswerable questions to learn from.
CMRC_UNANSWERABLE = 0
# Tried 2026-12-02 and left out: each answerable report question asked again without the documents that
# hold its answer, as synthetic unanswerable ones (one group). With them and no misfit rule the refusal turned
# down 94% of them but the real sets' leave-one-set-out mean fell 0.890 → 0.883 (qa_blind8 0.60 → 0.52).
ROWS = ROOT / ".rag-train" / "rows"  # collected candidates per set, reused until the code changes
C = 1.0  # inverse regularisation strength of the logistic model
SEED = 0


@dataclass(frozen=True)
class Row:
    group: str  # the question set
    qid: str
    answerable: bool
    x: dict[str, float]
    label: int


def collect(group: str, questions: Sequence[dict[str, Any]], index: Any, settings: Any) -> list[Row]:
    """Candidate rows of every question, scored by the prior only (the model is not used)."""
    from eval.scoring import gold_matches
    from rag.answer import candidates, reply, scoring
    from rag.api import HITS_KEPT, _docs_about, _parse_with_history, _uncovered_place
    from rag.retrieval import retrieve

    scoring.MODEL = Path("/nonexistent")  # rank by the prior: the data must not depend on a fitted model
    rows: list[Row] = []
    for qa in questions:
        answerable = bool(qa.get("answers") or qa.get("answers_all"))
        query = _parse_with_history(qa["question"], None, index)
        if query.comparison is not None:
            continue
        gone = set(qa.get("without", ()))
        hits = retrieve(index, query, k=max(HITS_KEPT, settings.top_k) + (20 if gone else 0))
        if gone:  # the documents that answer are gone: nothing left should answer
            kept = [h for h in hits if h.chunk.meta.source_file not in gone][:HITS_KEPT]
            hits = [replace(h, rank=i) for i, h in enumerate(kept, start=1)]
        uncovered = _uncovered_place(query, index)
        found = candidates.candidates(
            query, hits, None, uncovered, _docs_about(query, index, uncovered, hits)
        )[:TOP_CANDIDATES]
        for cand in found:
            text = reply.supported(query, hits, cand).text
            label = int(answerable and gold_matches(qa, text) and len(text) <= 300)
            x = scoring.features(query.kind, cand.hit, cand.factors)
            rows.append(Row(group, qa["id"], answerable, x, label))
        if not found:  # a question without candidates is refused whatever the model says
            rows.append(Row(group, qa["id"], answerable, {}, 0))
    return rows


def fit(rows: Sequence[Row]) -> tuple[dict[str, float], float]:
    """(weights, intercept) of a logistic model; each set weighs the same in total. The cues are the
    ranking's (their fitted sum is the input log_context: `derive`)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from rag.answer.scoring import RANKED

    usable = [replace(r, x={k: v for k, v in r.x.items() if not k.startswith(RANKED)}) for r in rows if r.x]
    sizes: dict[str, int] = {}
    for r in usable:
        sizes[r.group] = sizes.get(r.group, 0) + 1
    vec = DictVectorizer(sparse=False)
    matrix = vec.fit_transform([r.x for r in usable])
    weight = [len(usable) / (len(sizes) * sizes[r.group]) for r in usable]
    model = LogisticRegression(C=C, max_iter=5000, random_state=SEED)
    model.fit(matrix, [r.label for r in usable], sample_weight=weight)
    names = vec.get_feature_names_out()
    weights = {str(n): round(float(w), 4) for n, w in zip(names, model.coef_[0], strict=True)}
    return weights, round(float(model.intercept_[0]), 4)


LAMBDA = 0.01  # L2 penalty of the pairwise ranking fit
# ... and of the cues' weights: chosen by leave-one-set-out CV among 0.01, 0.001 and 0.0001 (mean accuracy
# 0.921, 0.921, 0.918): the cues are rarer than the overlaps and need a lighter hand.
LAMBDA_CUES = 0.001


def fit_ranking(rows: Sequence[Row]) -> dict[str, float]:
    """Weights of what the ranking adds to log(prior), fitted pairwise: the overlaps (`scoring.RANKING`, never
    negative) and the named cues (`fit.CUE_SIGNS`: city/year/section, a list question's clause that lists), each
    of the sign it names. In each question
    every right candidate should outrank every wrong one (logistic loss on the differences, the prior's
    difference an offset of weight 1); each set weighs the same in total, and each question the same
    within its set. Deterministic (L-BFGS-B from zero)."""
    import numpy as np
    from scipy.optimize import minimize

    from rag.answer.fit import CUE_SIGNS
    from rag.answer.scoring import RANKING

    cues = sorted(CUE_SIGNS)
    names = (*RANKING, *cues)

    by_question: dict[tuple[str, str], list[Row]] = {}
    for r in rows:
        if r.x:
            by_question.setdefault((r.group, r.qid), []).append(r)
    split = [
        (group, [r for r in found if r.label], [r for r in found if not r.label])
        for (group, _), found in by_question.items()
    ]
    split = [(group, right, wrong) for group, right, wrong in split if right and wrong]  # these rank
    questions_of: dict[str, int] = {}
    for group, _, _ in split:
        questions_of[group] = questions_of.get(group, 0) + 1
    pairs: list[tuple[list[float], float, float]] = []  # (feature differences, prior difference, weight)
    for group, right, wrong in split:
        each = 1.0 / (len(right) * len(wrong) * questions_of[group] * len(questions_of))
        for a in right:
            for b in wrong:
                diff = [a.x.get(k, 0.0) - b.x.get(k, 0.0) for k in names]
                pairs.append((diff, a.x["log_prior"] - b.x["log_prior"], each))
    if not pairs:
        return {k: 0.0 for k in names}
    penalty = np.array([LAMBDA] * len(RANKING) + [LAMBDA_CUES] * len(cues))
    diffs = np.array([d for d, _, _ in pairs])
    offset = np.array([o for _, o, _ in pairs])
    weight = np.array([w for _, _, w in pairs])

    def loss(w: Any) -> tuple[float, Any]:
        z = diffs @ w + offset
        grad = -(weight / (1.0 + np.exp(z))) @ diffs + 2 * penalty * w
        return float(weight @ np.logaddexp(0.0, -z) + w @ (penalty * w)), grad

    sign_bounds = {1: (0.0, None), -1: (None, 0.0), 0: (None, None)}
    bounds = [(0.0, None)] * len(RANKING) + [sign_bounds[CUE_SIGNS[k]] for k in cues]
    found_w = minimize(loss, np.zeros(len(names)), jac=True, method="L-BFGS-B", bounds=bounds).x
    return {k: round(float(v), 4) for k, v in zip(names, found_w, strict=True)}


def derive(rows: Sequence[Row], ranking: dict[str, float]) -> list[Row]:
    """The rows with the fitted log factors of their cues (`scoring.fitted_logs`), as `features` gives
    them at run time."""
    from rag.answer.scoring import fitted_logs

    return [replace(r, x={**r.x, **fitted_logs(ranking, r.x)}) if r.x else r for r in rows]


def probability(weights: dict[str, float], intercept: float, x: dict[str, float]) -> float:
    z = intercept + sum(weights.get(k, 0.0) * v for k, v in x.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _scored(weights: dict[str, float], intercept: float, row: Row) -> float:
    return probability(weights, intercept, row.x)


def decisions(rows: Sequence[Row], score: Any) -> dict[str, tuple[bool, float, int]]:
    """Per question: (answerable, best probability, label of the best candidate)."""
    best: dict[str, tuple[bool, float, int]] = {}
    for r in rows:
        p = score(r) if r.x else -1.0
        key = f"{r.group}/{r.qid}"
        if key not in best or p > best[key][1]:
            best[key] = (r.answerable, p, r.label)
    return best


def _share_by_set(best: dict[str, tuple[bool, float, int]], counts: Any) -> dict[str, float]:
    """Per set, the share of its questions whose decision (answerable, probability, label) `counts`."""
    per: dict[str, list[bool]] = {}
    for key, decision in best.items():
        per.setdefault(key.split("/")[0], []).append(counts(*decision))
    return {g: sum(v) / len(v) for g, v in sorted(per.items())}


def accuracy_by_set(best: dict[str, tuple[bool, float, int]], threshold: float) -> dict[str, float]:
    def right(answerable: bool, p: float, label: int) -> bool:
        return bool(label) and p >= threshold if answerable else p < threshold

    return {g: round(share, 3) for g, share in _share_by_set(best, right).items()}


# Thresholds whose mean accuracy is this close to the best are one plateau (≈ four questions over the sets):
# the middle of it is taken. Chosen for steadiness, not accuracy: with the old rule — the best mean averaged
# over ±0.05 — the threshold moved 0.22 → 0.27 → 0.19 between refits in session 8 (each move turned a
# held-out question or two); this one moved 0.21–0.245 when one set was left out and 0.22–0.23 when 5% of
# the questions were (0.07–0.21 and 0.17–0.21 before), on two refits' out-of-fold decisions.
PLATEAU = 0.008


# What a wrong answer costs against a refusal, in right answers: an honest refusal is worth more than a
# confident wrong figure (the product's first rule; the scoring counts both 0). A product decision, not fitted.
# With 0 the threshold, the middle of a flat plateau, moved 0.205 → 0.15 in session 33 when new rules took the
# bogus candidates of a few training unanswerables away, and 6 held-out unanswerables were answered. Tried on
# every set (qa_dev to qa_blind53, against session 32's end): 0 (threshold 0.15) won 15 and lost 9, 0.25 (0.225) won 13
# and lost 5, 0.5 (0.32) won 25 and lost 28 — chosen looking at those sets, not at qa_blind54/55 (held out).
WRONG_COST = 0.25


def wrong_by_set(best: dict[str, tuple[bool, float, int]], threshold: float) -> dict[str, float]:
    """Per set, the share of its questions answered wrongly: answered, and no right answer (or none asked)."""

    def wrong(answerable: bool, p: float, label: int) -> bool:
        return p >= threshold and not (answerable and label)

    return _share_by_set(best, wrong)


# The threshold in use (the committed model's) stays while the data cannot tell a better one: while it lies
# between the quartiles of the plateau's middle over BOOTSTRAP resamples of the sets (seeded). On out-of-fold
# decisions the middle is that unsteady: in session 34, on two refits a few rules apart, the quartiles were
# 0.13–0.30 both times and the middle 0.225 and 0.255 — and with the same weights the move refused 7 right answers of
# qa_dev..qa_blind53 to win 2 unanswerables, breaking three floors. `--move` takes the middle.
BOOTSTRAP = 100


def choose_threshold(best: dict[str, tuple[bool, float, int]], kept: float | None = None) -> float:
    """The middle of the thresholds whose mean worth over the sets (`worth_by_set`) is within PLATEAU of the
    best: it is flat over a wide range, and where its best point lies in it moves with every small change.
    `kept`, the threshold in use, stays while it lies between the quartiles of that middle over resampled sets."""
    import random
    import statistics

    grid = [i / 100 for i in range(1, 100)]
    worths = {t: worth_by_set(best, t) for t in grid}
    sets = sorted(worths[grid[0]])
    middle = _plateau_middle({t: [w[g] for g in sets] for t, w in worths.items()})
    if kept is None:
        return middle
    rng = random.Random(SEED)
    draws = [rng.choices(sets, k=len(sets)) for _ in range(BOOTSTRAP)]
    spread = [_plateau_middle({t: [w[g] for g in draw] for t, w in worths.items()}) for draw in draws]
    low, _, high = statistics.quantiles(spread, n=4)
    return kept if low <= kept <= high else middle


def _plateau_middle(worths: dict[float, list[float]]) -> float:
    """The median of the thresholds whose mean worth is within PLATEAU of the best."""
    import statistics

    means = {t: sum(w) / len(w) for t, w in worths.items()}
    top = max(means.values())
    return round(statistics.median(t for t, m in means.items() if m >= top - PLATEAU), 3)


def worth_by_set(best: dict[str, tuple[bool, float, int]], threshold: float) -> dict[str, float]:
    """Per set, its accuracy less WRONG_COST for each wrong answer, at the threshold."""
    per, wrong = accuracy_by_set(best, threshold), wrong_by_set(best, threshold)
    return {g: per[g] - WRONG_COST * wrong[g] for g in per}


def question_rows(
    rows: Sequence[Row], ranking: dict[str, float], weights: dict[str, float], intercept: float
) -> list[Row]:
    """One row per question for the refusal model: the ranking's best candidate (as the answerer ranks:
    `fit_ranking`) and its runner-up with the candidate model's probabilities, labelled 1 when the best
    one is a right answer; no features (a refusal) where there is no candidate or it is a misfit, as at run time."""
    from rag.answer.scoring import misfit, question_features, ranked_value

    by_question: dict[tuple[str, str], list[Row]] = {}
    for r in rows:
        by_question.setdefault((r.group, r.qid), []).append(r)
    out: list[Row] = []
    for (group, qid), ranked in by_question.items():
        ranked.sort(key=lambda r: -ranked_value(ranking, r.x) if r.x else 99.0)
        top = ranked[0]
        probs = [probability(weights, intercept, r.x) if r.x else 0.0 for r in ranked[:2]] + [0.0]
        x = question_features(top.x, probs[0], probs[1]) if top.x and not misfit(top.x) else {}
        out.append(Row(group, qid, top.answerable, x, top.label))
    return out


Fitted = tuple[dict[str, float], tuple[dict[str, float], float], tuple[dict[str, float], float]]


def fit_all(rows: Sequence[Row]) -> Fitted:
    """The ranking, the candidate model, then the refusal model on the questions as they are ranked."""
    ranking = fit_ranking(rows)
    rows = derive(rows, ranking)
    candidate = fit(rows)
    return ranking, candidate, fit(question_rows(rows, ranking, *candidate))


def cross_validate(rows: Sequence[Row], kept: float | None = None) -> tuple[float, dict[str, float]]:
    """Leave one set out: out-of-fold refusal probabilities, the threshold chosen on them (`kept`, the one in use,
    may stay: `choose_threshold`), per-set accuracy."""
    groups = sorted({r.group for r in rows})
    oof: dict[str, tuple[bool, float, int]] = {}
    for held in groups:
        ranking, candidate, refusal = fit_all([r for r in rows if r.group != held])
        held_q = question_rows(derive([r for r in rows if r.group == held], ranking), ranking, *candidate)
        oof.update(decisions(held_q, partial(_scored, *refusal)))
    threshold = choose_threshold(oof, kept)
    return threshold, accuracy_by_set(oof, threshold)


def cached(group: str, make: Any, fresh: bool) -> list[Row]:
    """The rows of one set, collected once and kept in ROWS (delete the folder or pass --fresh to redo)."""
    path = ROWS / f"{group}.jsonl"
    if path.exists() and not fresh:
        return [Row(**json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines()]
    rows = make()
    ROWS.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "".join(json.dumps(r.__dict__, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    print(f"{group}: {len({r.qid for r in rows})} questions, {len(rows)} candidates", file=sys.stderr)
    return rows


def load_rows(sets: Sequence[Path], with_cmrc: bool, fresh: bool = False) -> list[Row]:
    import torch

    from eval.run import documents_of, read_questions
    from rag.api import build_index, load_index
    from rag.settings import Settings

    torch.set_num_threads(1)  # one query at a time: threads only contend
    indexes: dict[Path, tuple[Any, Any]] = {}

    def index_of(docs: Path, home: Path) -> tuple[Any, Any]:
        if docs not in indexes:
            settings = Settings.from_env(home=home)
            if not (home / "index").exists():
                build_index([docs], settings=settings)
            indexes[docs] = (load_index(settings), settings)
        return indexes[docs]

    rows: list[Row] = []
    for path in sets:
        own = documents_of(path)
        index, settings = (
            index_of(own, ROOT / ".rag-train" / path.stem) if own else index_of(ROOT / "data", SAMPLES_HOME)
        )
        questions = read_questions([path])
        rows += cached(path.stem, partial(collect, path.stem, questions, index, settings), fresh)
    if with_cmrc:
        from eval import cmrc2018

        cmrc_settings = Settings.from_env(home=cmrc2018.WORK / "trial")
        if not (cmrc2018.WORK / "trial" / "index").exists():
            cmrc2018.build("trial")
        _, trial = cmrc2018.load_split("trial")
        picked = cmrc2018.sample(trial, CMRC_QUESTIONS + CMRC_UNANSWERABLE)
        chosen = [cmrc2018.as_qa(q) for q in picked[:CMRC_QUESTIONS]]
        chosen += [  # unanswerable by construction: no general document set here has refusals to learn from
            {"id": q.id + "-without", "question": q.question, "answers": [], "without": [q.doc]}
            for q in picked[CMRC_QUESTIONS:]
        ]
        make = partial(collect, "cmrc_trial", chosen, load_index(cmrc_settings), cmrc_settings)
        rows += cached("cmrc_trial", make, fresh)
    return rows


def main(argv: list[str] | None = None) -> int:
    from rag.answer.scoring import MODEL

    p = argparse.ArgumentParser(prog="python -m eval.train", description=__doc__.split("\n")[0])
    p.add_argument("--no-cmrc", action="store_true", help="fit on the report question sets only")
    p.add_argument("--out", type=Path, default=MODEL)
    p.add_argument("--fresh", action="store_true", help="collect the candidates again (after code changes)")
    p.add_argument(
        "--move",
        action="store_true",
        help="take the plateau's middle even where the threshold in use may stay",
    )
    args = p.parse_args(argv)
    sets = sorted(p for p in (ROOT / "eval").glob("qa_*.jsonl") if p.name not in EXCLUDED)
    rows = load_rows(sets, not args.no_cmrc, args.fresh)
    prior = decisions(rows, lambda r: math.exp(r.x["log_prior"]) if r.x else -1.0)  # the hand-set 0.37
    in_use = json.loads(MODEL.read_text(encoding="utf-8"))["threshold"] if MODEL.exists() else None
    threshold, held_out = cross_validate(rows, None if args.move else in_use)
    ranking, (weights, intercept), refusal = fit_all(rows)
    fitted = decisions(
        question_rows(derive(rows, ranking), ranking, weights, intercept), partial(_scored, *refusal)
    )
    model = {
        "version": 3,
        "ranking": ranking,
        "intercept": intercept,
        "weights": dict(sorted(weights.items())),
        "refusal": {"intercept": refusal[1], "weights": dict(sorted(refusal[0].items()))},
        "threshold": threshold,
        "trained_on": [s.name for s in sets]
        + ([] if args.no_cmrc else [f"cmrc2018_trial.json ({CMRC_QUESTIONS} seeded questions)"]),
        "cv_accuracy_by_set": held_out,
        "prior_accuracy_by_set": accuracy_by_set(prior, 0.37),
        "in_sample_accuracy_by_set": accuracy_by_set(fitted, threshold),
        "candidates": len(rows),
        "C": C,
        "seed": SEED,
    }
    args.out.write_text(json.dumps(model, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(
        json.dumps(
            {k: v for k, v in model.items() if k.endswith("by_set") or k == "threshold"},
            ensure_ascii=False,
            indent=1,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
