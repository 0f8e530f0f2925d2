"""CMRC 2018 (Cui et al., EMNLP 2019; CC BY-SA 4.0) as a generalisation benchmark for the answerer.

Two modes, both over the SQuAD-format files in ../shared/eval/cmrc2018/:
- **open**: every paragraph of a split is a document in one index (`build` writes them); questions go
  through `ask()` and are scored by SCORING.md (gold anywhere in the answer text, refusals wrong).
- **reader**: the gold paragraph is given (retrieval restricted to its document) and the short span is
  scored with the official CMRC EM/F1, reimplemented here from the metric's description.

    python -m eval.cmrc2018 build dev           # writes the documents and indexes them (real model)
    python -m eval.cmrc2018 open dev --n 600    # accuracy as SCORING.md says, on a seeded sample
    python -m eval.cmrc2018 reader dev --n 600  # EM / F1 of Answer.short

The generated documents are derived from CMRC 2018 and carry its licence (CC BY-SA 4.0).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import string
import sys
import time
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "eval" / "cmrc2018"
WORK = ROOT / ".rag-cmrc"  # ignored by git: generated documents and indexes, one folder per split
SEED = 2018
CJK_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】『』「」﹃﹄〔〕…—～·．－＿"


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    answers: tuple[str, ...]
    doc: str  # the generated document's file name
    context: str


def load_split(split: str, data_dir: Path = DATA) -> tuple[dict[str, tuple[str, str]], list[Question]]:
    """({file name: (title, context)}, questions) of one split (`dev`, `trial`)."""
    raw = json.loads((data_dir / f"cmrc2018_{split}.json").read_text(encoding="utf-8"))
    docs: dict[str, tuple[str, str]] = {}
    questions: list[Question] = []
    for article in raw["data"]:
        for para in article["paragraphs"]:
            name = f"{para['id']}.txt"
            docs[name] = (article.get("title", ""), para["context"])
            for qa in para["qas"]:
                answers = tuple(dict.fromkeys(a["text"] for a in qa["answers"] if a["text"].strip()))
                questions.append(Question(qa["id"], qa["question"], answers, name, para["context"]))
    return docs, questions


def sample(questions: Sequence[Question], n: int | None, seed: int = SEED) -> list[Question]:
    """A fixed seeded sample (all questions when n is None or larger than the set)."""
    if n is None or n >= len(questions):
        return list(questions)
    return random.Random(seed).sample(list(questions), n)


def write_documents(docs: dict[str, tuple[str, str]], folder: Path) -> Path:
    """One text file per paragraph: the article title on the first line, the paragraph below."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, (title, context) in docs.items():
        (folder / name).write_text(f"{title}\n{context}\n", encoding="utf-8")
    return folder


# The official metric, reimplemented from its description (see the folder's README).
def _segment(text: str) -> list[str]:
    """Every CJK character (and punctuation) is a token; runs of ASCII letters/digits are tokens."""
    tokens: list[str] = []
    run = ""
    for ch in text.lower().strip():
        if ch.isascii() and ch.isalnum():
            run += ch
            continue
        if run:
            tokens.append(run)
            run = ""
        if not ch.isspace():
            tokens.append(ch)
    if run:
        tokens.append(run)
    return tokens


def _normal_tokens(text: str) -> list[str]:
    punct = set(string.punctuation) | set(CJK_PUNCT)
    return [t for t in _segment(text) if t not in punct and unicodedata.category(t[0])[0] != "P"]


def _lcs(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of the longest common contiguous run of tokens."""
    best = 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0] * (len(b) + 1)
        for j, y in enumerate(b, start=1):
            if x == y:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def f1(prediction: str, gold: str) -> float:
    pred, ref = _normal_tokens(prediction), _normal_tokens(gold)
    common = _lcs(pred, ref)
    if not common:
        return 0.0
    precision, recall = common / len(pred), common / len(ref)
    return 2 * precision * recall / (precision + recall)


def exact(prediction: str, gold: str) -> bool:
    return "".join(_normal_tokens(prediction)) == "".join(_normal_tokens(gold))


def em_f1(prediction: str | None, answers: Sequence[str]) -> tuple[float, float]:
    """The best EM and F1 of a prediction over the gold answers (an empty prediction scores 0)."""
    pred = prediction or ""
    return (
        max((1.0 if exact(pred, g) else 0.0 for g in answers), default=0.0),
        max((f1(pred, g) for g in answers), default=0.0),
    )


def as_qa(q: Question) -> dict[str, Any]:
    """The question in the shape of eval/*.jsonl rows, for `eval.scoring.score_answer`."""
    return {"id": q.id, "question": q.question, "answers": list(q.answers), "type": "entity"}


def _settings(split: str) -> Any:
    from rag.settings import Settings

    return Settings.from_env(home=WORK / split)


def build(split: str) -> None:
    from rag.api import build_index

    docs, _ = load_split(split)
    folder = write_documents(docs, WORK / f"{split}-docs")
    report = build_index([folder], settings=_settings(split), progress=True)
    counts: dict[str, int] = {}
    for f in report.files:
        counts[f.status] = counts.get(f.status, 0) + 1
    print(f"{split}: {len(docs)} paragraphs → {counts}")


def run_open(questions: Sequence[Question], ask_fn: Any) -> Iterator[dict[str, Any]]:
    from eval.scoring import score_answer

    for q in questions:
        started = time.perf_counter()
        answer = ask_fn(q.question)
        ms = (time.perf_counter() - started) * 1000
        score = score_answer(as_qa(q), answer)
        top = answer.hits[0].chunk.meta.source_file if answer.hits else None
        yield {
            "id": q.id,
            "question": q.question,
            "gold": list(q.answers),
            "short": answer.short,
            "refused": answer.refused,
            "correct": score.correct,
            "span_correct": score.span_correct,
            "doc_hit@1": top == q.doc,
            "doc_hit@5": any(h.chunk.meta.source_file == q.doc for h in answer.hits[:5]),
            "ms": ms,
        }


def run_reader(questions: Sequence[Question], answer_fn: Any) -> Iterator[dict[str, Any]]:
    for q in questions:
        short = answer_fn(q)
        em, f = em_f1(short, q.answers)
        yield {"id": q.id, "question": q.question, "gold": list(q.answers), "short": short, "em": em, "f1": f}


def summary_open(rows: Sequence[dict[str, Any]]) -> dict[str, float]:
    n = len(rows) or 1
    ms = sorted(r["ms"] for r in rows[1:]) or [0.0]
    return {
        "questions": len(rows),
        "accuracy": round(sum(r["correct"] for r in rows) / n, 3),
        "span_accuracy": round(sum(r["span_correct"] for r in rows) / n, 3),
        "refused": round(sum(r["refused"] for r in rows) / n, 3),
        "doc_hit@1": round(sum(r["doc_hit@1"] for r in rows) / n, 3),
        "doc_hit@5": round(sum(r["doc_hit@5"] for r in rows) / n, 3),
        "latency_p50_ms": round(ms[len(ms) // 2], 1),
    }


def summary_reader(rows: Sequence[dict[str, Any]]) -> dict[str, float]:
    n = len(rows) or 1
    return {
        "questions": len(rows),
        "em": round(100 * sum(r["em"] for r in rows) / n, 1),
        "f1": round(100 * sum(r["f1"] for r in rows) / n, 1),
        "no_answer": round(sum(1 for r in rows if not r["short"]) / n, 3),
    }


def reader_fn(index: Any, settings: Any) -> Any:
    """The short span the answerer picks when retrieval sees only the gold paragraph's chunks."""
    from rag.answer import answer
    from rag.api import HITS_KEPT, _parse_with_history
    from rag.retrieval import retrieve

    def read(q: Question) -> str | None:
        query = _parse_with_history(q.question, None, index)
        hits = retrieve(index, query, k=HITS_KEPT, filters={"source_file": q.doc})
        found = answer(query, hits)
        return found.short or _best_effort(found)

    return read


def _best_effort(answer: Any) -> str | None:
    """A refused reader-mode answer still names its nearest candidate's span (or, without one, the first
    clause of the nearest sentence): reader mode never abstains."""
    nearest = answer.explain[0].get("short") if answer.explain else None
    if nearest:
        return str(nearest)
    if not answer.citations:
        return None
    quote = answer.citations[0].quote
    return re.split(r"[，。；]", quote)[0] or quote


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.cmrc2018", description=__doc__.split("\n")[0])
    p.add_argument("mode", choices=["build", "open", "reader"])
    p.add_argument("split", nargs="?", default="dev", choices=["dev", "trial"])
    p.add_argument("--n", type=int, default=600, help="seeded sample size (0: all questions)")
    p.add_argument("--out", type=Path, help="write per-question rows as JSON lines here")
    args = p.parse_args(argv)
    if args.mode == "build":
        build(args.split)
        return 0
    import torch

    from rag.api import ask, load_index

    torch.set_num_threads(1)  # one question at a time: more threads only contend on two cores
    settings = _settings(args.split)
    if not settings.index_dir.exists():
        print(
            f"error: no CMRC {args.split} index yet: run `python -m eval.cmrc2018 build {args.split}`",
            file=sys.stderr,
        )
        return 1
    index = load_index(settings)
    _, questions = load_split(args.split)
    chosen = sample(questions, args.n or None)
    if args.mode == "open":
        rows = list(run_open(chosen, lambda text: ask(text, index=index, settings=settings)))
        figures = summary_open(rows)
    else:
        rows = list(run_reader(chosen, reader_fn(index, settings)))
        figures = summary_reader(rows)
    if args.out:
        args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(json.dumps({"split": args.split, "mode": args.mode, **figures}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
