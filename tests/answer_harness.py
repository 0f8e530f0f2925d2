"""Development harness for query understanding and answering (a script, not a test).

Two ways to get hits for each question:
  rough (default) — the real cleaner and chunker on data/*.txt, hits ranked by character-bigram
                    overlap with the question (no embedding model, no index: seconds on a laptop);
  --home DIR      — the real pipeline, `rag.ask` on the index under DIR (hybrid retrieval).
Then scores with SCORING.md's rules (eval.scoring) and prints accuracy, span accuracy and failures.

    PYTHONPATH=. .venv/bin/python tests/answer_harness.py [--questions FILE] [--home DIR] [-v]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eval.scoring import gold_matches, score_answer  # noqa: E402
from rag.answer import answer  # noqa: E402
from rag.query import parse_query  # noqa: E402
from rag.types import Answer, Chunk, Hit  # noqa: E402

TOP = 10


def load_chunks(data_dir: Path) -> list[Chunk]:
    from rag.chunking import chunk_document
    from rag.cleaning import clean_file, find_duplicates

    docs = [clean_file(p, 10_000_000) for p in sorted(data_dir.glob("*.txt"))]
    dropped = find_duplicates(docs)
    return [c for d in docs if d.doc_id not in dropped for c in chunk_document(d, size=300, overlap=80)]


def bigrams(text: str) -> Counter[str]:
    text = re.sub(r"[^\u4e00-\u9fffA-Za-z0-9%.]", "", text)
    return Counter(text[i : i + 2] for i in range(len(text) - 1))


def rough_hits(question_text: str, chunks: Sequence[Chunk], grams: Sequence[Counter[str]]) -> list[Hit]:
    q = bigrams(question_text)
    scored = sorted(
        (
            (sum(min(n, g[b]) for b, n in q.items()) / (1 + len(chunks[i].text) / 300), i)
            for i, g in enumerate(grams)
        ),
        reverse=True,
    )[:TOP]
    return [Hit(chunks[i], s, rank) for rank, (s, i) in enumerate(scored, start=1)]


def run_rough(questions: list[dict], data_dir: Path) -> list[Answer]:
    chunks = load_chunks(data_dir)
    grams = [bigrams(c.text + c.meta.title) for c in chunks]
    cities = sorted({c.meta.city for c in chunks if c.meta.city})
    out = []
    for qa in questions:
        query = parse_query(qa["question"], known_cities=cities)
        out.append(answer(query, rough_hits(query.search_text, chunks, grams)))
    return out


def run_real(questions: list[dict], home: Path) -> list[Answer]:
    import rag
    from rag.settings import Settings

    settings = Settings.from_env(home=home)
    return [rag.ask(qa["question"], settings=settings) for qa in questions]


def report(questions: list[dict], answers: list[Answer], verbose: bool) -> float:
    correct = span = 0
    for qa, a in zip(questions, answers, strict=True):
        s = score_answer(qa, a)
        correct += s.correct
        span += s.span_correct
        if verbose or not s.correct or (not s.unanswerable and not gold_matches(qa, a.short)):
            mark = "ok  " if s.correct else "FAIL"
            gold = qa.get("answers") or qa.get("answers_all") or "(refuse)"
            print(f"{mark} {qa['id']} {qa['question']} | gold {gold} | short {a.short} | refused {a.refused}")
            print(f"       rank {s.evidence_rank} | {a.text[:150]}")
    n = len(questions)
    print(f"accuracy {correct / n:.3f} ({correct}/{n})  span accuracy {span / n:.3f}")
    return correct / n


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, default=ROOT / "eval" / "qa_dev.jsonl")
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--home", type=Path, help="use the real index under this RAG home")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    questions = [
        json.loads(line) for line in args.questions.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    answers = run_real(questions, args.home) if args.home else run_rough(questions, args.data)
    report(questions, answers, args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
