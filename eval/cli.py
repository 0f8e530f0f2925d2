"""`rag eval [QA.jsonl ...]`: run the offline evaluation, print the table, write results."""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any, NoReturn

from eval.compare import compare, load
from eval.report import git_commit, markdown, write
from eval.run import documents_of, read_questions, run_eval
from eval.scoring import evidence_rank

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_QA = ROOT / "eval" / "qa_dev.jsonl"
RESULTS = ROOT / "eval" / "results"  # not tracked: `--out docs/eval` publishes a run


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        from rag.errors import RagError

        raise RagError(f"{message} (see `{self.prog} --help`)")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="rag eval", description="Offline evaluation, scored as eval/SCORING.md says.")
    p.add_argument(
        "qa", nargs="*", type=Path, help=f"question files (default {DEFAULT_QA.relative_to(ROOT)})"
    )
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    p.add_argument("--compare", type=Path, metavar="OLD.json", help="show what changed since earlier results")
    p.add_argument("--retrieval", action="store_true", help="retrieval only: hit@k of dense, keyword, hybrid")
    p.add_argument(
        "--out", type=Path, default=RESULTS, help="where results are written (default eval/results/)"
    )
    p.add_argument("--no-write", action="store_true", help="do not write result files")
    p.add_argument("--home", type=Path, help="data folder (default: $RAG_HOME or ./.rag)")
    p.add_argument(
        "--llm",
        action="store_true",
        help="answer through the model at RAG_LLM_URL and report what verification removed (no files written)",
    )
    p.add_argument(
        "--cmrc",
        choices=("open", "reader"),
        help="CMRC 2018 dev instead (index built by `python -m eval.cmrc2018 build dev`; 600 seeded questions)",
    )
    return p


def main(argv: list[str]) -> int:
    from rag.api import ask, load_index
    from rag.settings import Settings

    args = _parser().parse_args(argv)
    if args.cmrc:
        from eval.cmrc2018 import main as cmrc_main

        return cmrc_main([args.cmrc, "dev"])
    files = args.qa or [DEFAULT_QA]
    settings = Settings.from_env(home=args.home or own_index_home(files))
    settings = replace(settings, top_k=max(settings.top_k, 10))  # hit@5 and MRR@10 need ten hits
    questions = read_questions(files)
    index = load_index(settings)
    if args.retrieval:
        table = retrieval_table(index, questions)
        print(json.dumps(table, ensure_ascii=False, indent=1) if args.json else _retrieval_text(table))
        return 0
    answers: list[Any] = []

    def ask_one(q: str) -> Any:
        answers.append(ask(q, index=index, settings=settings, llm=args.llm))
        return answers[-1]

    result = run_eval(questions, ask_one)
    result.manifest = {k: v for k, v in index.manifest.items() if k != "documents"}
    result.commit = git_commit(ROOT)
    result.date = time.strftime("%Y-%m-%d %H:%M")
    llm = _llm_summary(answers) if args.llm else None
    if args.json:
        print(json.dumps({**result.to_json(), **({"llm": llm} if llm else {})}, ensure_ascii=False, indent=1))
    else:
        print(markdown(result))
        if llm:
            from eval.llm import llm_text

            print("\n" + llm_text(llm))
    if not args.no_write and not args.llm:
        paths = write(result, args.out)
        print(
            f"wrote {paths['md']}, {paths['json'].name}, {paths['png'].name} (and latest.*)", file=sys.stderr
        )
    if args.compare:  # on stderr after --json, so that stdout stays one JSON document
        print(
            "\n".join(compare(load(args.compare), result.to_json())),
            file=sys.stderr if args.json else sys.stdout,
        )
    return 0


def own_index_home(files: list[Path]) -> Path | None:
    """A question set about its own documents (`eval/X_docs/`, see `documents_of`) is asked of an index of
    those, built once in .rag-eval/qa_X and brought up to date on each run (unchanged files are skipped);
    None: the sample reports' index at $RAG_HOME."""
    from rag.api import build_index
    from rag.errors import RagError
    from rag.settings import Settings

    folders = {documents_of(f) for f in files}
    if folders == {None}:
        return None
    if len(folders) > 1:
        names = ", ".join(sorted(f.name for f in files))
        raise RagError(f"evaluate these one at a time, they are about different documents: {names}")
    (folder,) = folders
    assert folder is not None
    home = ROOT / ".rag-eval" / files[0].stem
    build_index([folder], settings=Settings.from_env(home=home), progress=False)
    return home


def _llm_summary(answers: list[Any]) -> dict[str, Any]:
    from eval.llm import llm_summary

    return llm_summary(answers)


def retrieval_table(index: Any, questions: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """hit@1, hit@5 and MRR@10 of the evidence for the dense side, the keyword side and the fusion."""
    from rag.query import parse_query
    from rag.retrieval import dense_ranking, keyword_ranking, retrieve

    answerable = [q for q in questions if q.get("answers") or q.get("answers_all")]
    ranks: dict[str, list[int | None]] = {"dense": [], "keyword": [], "hybrid": []}
    for qa in answerable:
        query = parse_query(qa["question"])
        sides = {
            "dense": [index.chunks[i].text for i in dense_ranking(index, query.text, 10)],
            "keyword": [index.chunks[i].text for i in keyword_ranking(index, query.search_text, 10)],
            "hybrid": [h.chunk.text for h in retrieve(index, query, k=10)],
        }
        for side, texts in sides.items():
            ranks[side].append(evidence_rank(qa, texts))
    return {side: _rank_metrics(values) for side, values in ranks.items()}


def _rank_metrics(ranks: list[int | None]) -> dict[str, float]:
    n = len(ranks) or 1
    return {
        "hit@1": round(sum(1 for r in ranks if r == 1) / n, 3),
        "hit@5": round(sum(1 for r in ranks if r is not None and r <= 5) / n, 3),
        "mrr@10": round(sum(1 / r for r in ranks if r) / n, 3),
    }


def _retrieval_text(table: dict[str, dict[str, float]]) -> str:
    lines = ["| side | hit@1 | hit@5 | mrr@10 |", "|---|---|---|---|"]
    lines += [f"| {side} | {m['hit@1']} | {m['hit@5']} | {m['mrr@10']} |" for side, m in table.items()]
    return "\n".join(lines)
